/**
 * The element's link to its headless core: creates one `AttachmentUploader` with the element as
 * its settings (so every property is read at the moment of use) and the element as the target of
 * its attachment-* events (a page that cancels the element's `attachment-select` drops the file),
 * and collects the ids of the files that changed until the next render takes them.
 *
 * What the uploads report is drawn at a calm pace, at most one render per RENDER_INTERVAL_MS: each
 * frame the element asks for costs the page style, layout and paint, far more than the render, and
 * progress reads well at five frames a second. What the page or the user does (a property,
 * a method, a drop) renders at the next frame as usual, and takes what the uploads reported with it.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ATTACHMENT_EVENT_TYPES, type UploadsChangedEvent } from '../pipeline/events.js';
import type { UploaderSettings } from '../pipeline/settings.js';
import { AttachmentUploader } from '../pipeline/uploader.js';

type Host = ReactiveControllerHost & HTMLElement & UploaderSettings;

/**
 * The least time between two renders the uploads ask for: five a second, like the progress of
 * other uploaders (Uppy throttles its own to two a second), and measured in the bench: at ten a
 * second the frames alone cost a batch 0.3 ms per file more.
 */
export const RENDER_INTERVAL_MS = 200;

/**
 * The next animation frame, or 100 ms when none comes (a hidden tab gets no frames; jsdom has none
 * unless told to pretend it is visual): the pace of the element's own renders.
 */
export const nextFrame = (): Promise<void> =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 100);
    globalThis.requestAnimationFrame?.(() => {
      clearTimeout(timer);
      resolve();
    });
  });

export class UploaderController implements ReactiveController {
  readonly uploader: AttachmentUploader;
  readonly #host: Host;
  #changed = new Set<string>();
  /** Every file must be drawn again: the first render, or the element came back to the page. */
  #all = true;
  #renderedAt = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: Host) {
    this.#host = host;
    // The uploader fires its attachment-* events on the element itself: one event each, no copy.
    this.uploader = new AttachmentUploader(host, { eventTarget: host });
    host.addController(this);
    // Listening before the page does: what an event reports is asked to be drawn before a page
    // listener can await `updateComplete`.
    for (const type of ATTACHMENT_EVENT_TYPES) host.addEventListener(type, () => this.requestRender());
    this.uploader.addEventListener('uploads-changed', this.#onChanged);
  }

  hostConnected(): void {
    this.#host.requestUpdate();
  }

  /** A render is about to draw what was reported so far: no need for the one scheduled. */
  hostUpdate(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  hostUpdated(): void {
    this.#renderedAt = performance.now();
  }

  /**
   * Someone awaits the element's `updateComplete` (a page in an event listener, a test): what the
   * uploads reported is drawn at the next frame rather than at the calm pace.
   */
  flush(): void {
    if (this.#timer === undefined) return;
    this.hostUpdate();
    this.#host.requestUpdate();
  }

  /** The files to draw again since the last call: 'all', or the ids that changed. */
  takeChanged(): 'all' | ReadonlySet<string> {
    const changed = this.#all ? 'all' : this.#changed;
    this.#all = false;
    this.#changed = new Set();
    return changed;
  }

  /** The next render draws these files (a render left them for later). */
  changed(uploadIds: readonly string[]): void {
    if (!this.#all) for (const uploadId of uploadIds) this.#changed.add(uploadId);
  }

  /** The next render draws every file (its previews were released, its strings changed, …). */
  redrawAll(): void {
    this.#all = true;
    this.#changed = new Set();
  }

  /** A render at the calm pace, unless one is already on its way. */
  requestRender(): void {
    // An element that is not on the page draws nothing (and makes no previews) until it is back.
    if (this.#timer !== undefined || !this.#host.isConnected) return;
    this.#timer = setTimeout(() => this.flush(), Math.max(0, this.#renderedAt + RENDER_INTERVAL_MS - performance.now()));
  }

  readonly #onChanged = (event: UploadsChangedEvent): void => {
    this.changed(event.detail.changed);
    this.requestRender();
  };
}
