/**
 * The element's link to its headless core: creates one `AttachmentUploader` with the element as
 * its settings (so every property is read at the moment of use), fires each of its attachment-*
 * events again on the element (a page that cancels the element's `attachment-select` cancels the
 * file), and collects the ids of the files that changed until the next render takes them.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ATTACHMENT_EVENT_TYPES, type UploadsChangedEvent } from '../pipeline/events.js';
import type { UploaderSettings } from '../pipeline/settings.js';
import { AttachmentUploader } from '../pipeline/uploader.js';

type Host = ReactiveControllerHost & HTMLElement & UploaderSettings;

export class UploaderController implements ReactiveController {
  readonly uploader: AttachmentUploader;
  readonly #host: Host;
  #changed = new Set<string>();
  /** Every file must be drawn again: the first render, or the element came back to the page. */
  #all = true;

  constructor(host: Host) {
    this.#host = host;
    this.uploader = new AttachmentUploader(host);
    host.addController(this);
    for (const type of ATTACHMENT_EVENT_TYPES) this.uploader.addEventListener(type, this.#redispatch);
    this.uploader.addEventListener('uploads-changed', this.#onChanged);
  }

  hostConnected(): void {
    this.#host.requestUpdate();
  }

  /** The files to draw again since the last call: 'all', or the ids that changed. */
  takeChanged(): 'all' | ReadonlySet<string> {
    const changed = this.#all ? 'all' : this.#changed;
    this.#all = false;
    this.#changed = new Set();
    return changed;
  }

  /** The next render draws every file (its previews were released, its strings changed, …). */
  redrawAll(): void {
    this.#all = true;
    this.#changed = new Set();
  }

  readonly #redispatch = (event: Event): void => {
    // What the event reports is already in `uploads`: a page that awaits `updateComplete` in its
    // listener sees it drawn (the render itself still waits for the next frame).
    if (this.#host.isConnected) this.#host.requestUpdate();
    // Every attachment-* event class takes its detail as its one argument.
    const Copy = event.constructor as new (detail: unknown) => Event;
    if (!this.#host.dispatchEvent(new Copy((event as CustomEvent<unknown>).detail))) event.preventDefault();
  };

  readonly #onChanged = (event: UploadsChangedEvent): void => {
    if (!this.#all) for (const uploadId of event.detail.changed) this.#changed.add(uploadId);
    // A page element that is not on the page draws nothing (and makes no previews) until it is back.
    if (this.#host.isConnected) this.#host.requestUpdate();
  };
}
