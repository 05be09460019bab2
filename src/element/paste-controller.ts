/**
 * Files pasted into the element, or into the page's `paste-target` (the chat composer), are
 * attached. Listening follows the element: it stops when the element leaves the page and starts
 * again when it comes back (frameworks move elements), and follows `pasteTarget` as it changes.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost &
  HTMLElement & {
    pasteTarget: Element | string | undefined;
    upload(files: FileList): void;
  };

export class PasteController implements ReactiveController {
  readonly #host: Host;
  readonly #disabled: () => boolean;
  #source: EventTarget | undefined;
  #target: Element | string | undefined;

  constructor(host: Host, disabled: () => boolean) {
    this.#host = host;
    this.#disabled = disabled;
    host.addController(this);
  }

  hostConnected(): void {
    this.#host.addEventListener('paste', this.#onPaste);
    this.#follow();
  }

  hostDisconnected(): void {
    this.#host.removeEventListener('paste', this.#onPaste);
    this.#listen(undefined);
    this.#target = undefined;
  }

  /** Before each render: `pasteTarget` may have changed. */
  hostUpdate(): void {
    if (this.#host.pasteTarget !== this.#target) this.#follow();
  }

  #follow(): void {
    const target = (this.#target = this.#host.pasteTarget);
    if (typeof target === 'string') this.#listen(target.trim() ? (document.querySelector(target) ?? undefined) : undefined);
    else this.#listen(target ?? undefined);
  }

  #listen(source: EventTarget | undefined): void {
    this.#source?.removeEventListener('paste', this.#onPaste);
    this.#source = source === this.#host ? undefined : source;
    this.#source?.addEventListener('paste', this.#onPaste);
  }

  /** Files on the clipboard (a screenshot, copied files) are attached; plain text is left alone. */
  readonly #onPaste = (event: Event): void => {
    const files = (event as ClipboardEvent).clipboardData?.files;
    // Already taken: a paste inside the element bubbles on to a paste-target that contains it.
    if (event.defaultPrevented || this.#disabled() || !files || files.length === 0) return;
    event.preventDefault();
    this.#host.upload(files);
  };
}
