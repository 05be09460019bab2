/**
 * How files come in: the file picker, drags and drops on the drop zone and on the `drop-target`,
 * pastes on the element and on the `paste-target`, and the files of a dropped folder. A controller
 * of the element: what it takes goes to the element's `upload()`, and only drags that carry files
 * are touched. Never imports the wire.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Allowance } from '../pipeline/allowance.js';
import { markFolder } from '../pipeline/validate.js';

export interface IntakeHost extends ReactiveControllerHost, HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
  dropTarget: Element | string | undefined;
  pasteTarget: Element | string | undefined;
  upload(files: File[]): unknown;
}

/** What the page listens to while the element is on it; the targets are looked up when one comes. */
const PAGE_EVENTS = ['dragenter', 'dragover', 'dragleave', 'drop', 'paste'];

/** A target as the page gave it: an element, or a selector resolved now (so a replaced panel is found). */
const resolve = (target: Element | string | undefined): Element | undefined =>
  typeof target === 'string' ? (target.trim() && document.querySelector(target)) || undefined : target;

/** Only drags that carry files are taken: text dragged into a text box passes untouched. */
const files = (event: DragEvent): DataTransfer | undefined =>
  event.dataTransfer?.types.includes('Files') ? event.dataTransfer : undefined;

export class FileIntake implements ReactiveController {
  /** Files are dragged over the drop zone or the drop-target. */
  dragging = false;
  /** The drop-target while files are dragged, for the overlay over it; let go when the drag ends. */
  dropSource: Element | undefined;
  readonly #host: IntakeHost;
  readonly #allowed: () => Allowance;
  readonly #blocked: () => boolean;

  /** `allowed`: what the uploader allows now; `blocked`: the element takes no files (disabled, or by its form). */
  constructor(host: IntakeHost, allowed: () => Allowance, blocked: () => boolean) {
    this.#host = host;
    this.#allowed = allowed;
    this.#blocked = blocked;
    host.addController(this);
    // On the element itself for good: a listener on the element cannot outlive it.
    host.addEventListener('paste', this.#onPaste);
  }

  /**
   * The targets are not listened to themselves: the page is, while the element is on it, and an
   * event counts when it comes from inside the target as the page has it now. A panel the page
   * replaced is found by its selector, and a detached one (or an element target removed) holds no
   * listener and is kept by nothing here.
   */
  hostConnected(): void {
    for (const type of PAGE_EVENTS) document.addEventListener(type, this.#onPage);
  }

  hostDisconnected(): void {
    for (const type of PAGE_EVENTS) document.removeEventListener(type, this.#onPage);
    this.#setDragging(false);
  }

  readonly #onPage = (event: Event): void => {
    const paste = event.type === 'paste';
    const target = resolve(paste ? this.#host.pasteTarget : this.#host.dropTarget);
    if (!target || !event.composedPath().includes(target)) return;
    if (paste) this.#onPaste(event);
    else if (event.type === 'drop') this.onDrop(event as DragEvent);
    else if (event.type === 'dragleave') this.#leave(event as DragEvent, target);
    else this.onDragOver(event as DragEvent);
  };

  /** Files on the clipboard (a screenshot, copied files) are attached; plain text is left alone. */
  readonly #onPaste = (event: Event): void => {
    const transfer = (event as ClipboardEvent).clipboardData;
    // Already taken: a paste inside the element bubbles on to a paste-target that contains it.
    if (event.defaultPrevented || this.#blocked() || !transfer?.files.length) return;
    event.preventDefault();
    // Like a drop: a pasted folder (copied in a file manager) gives its files.
    this.#take(transfer);
  };

  readonly onPicked = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    const picked = Array.from(input.files ?? []);
    // Cleared so that picking the same file again fires `change` again.
    input.value = '';
    if (picked.length > 0) this.#host.upload(picked);
  };

  readonly onDragOver = (event: DragEvent): void => {
    const transfer = files(event);
    if (this.#blocked() || !transfer) return;
    event.preventDefault();
    transfer.dropEffect = 'copy';
    this.dropSource = resolve(this.#host.dropTarget);
    this.#setDragging(true);
    // The page may scroll while files hover: the overlay follows the target.
    this.placeOverlay();
  };

  readonly onDragLeave = (event: DragEvent): void => this.#leave(event, event.currentTarget as Element);

  #leave(event: DragEvent, zone: Element): void {
    if (!(event.relatedTarget instanceof Node) || !zone.contains(event.relatedTarget)) this.#setDragging(false);
  }

  readonly onDrop = (event: DragEvent): void => {
    const transfer = files(event);
    if (!transfer) return;
    this.#setDragging(false);
    // Already taken: a drop on the drop zone bubbles on to a drop-target that contains it.
    if (this.#blocked() || event.defaultPrevented) return;
    event.preventDefault();
    this.#take(transfer);
  };

  #setDragging(dragging: boolean): void {
    if (!dragging) this.dropSource = undefined;
    if (this.dragging === dragging) return;
    this.dragging = dragging;
    // A drag that ends elsewhere (dropped outside the page, cancelled with Escape) must not leave the overlay up.
    for (const type of ['dragend', 'keydown', 'drop']) {
      if (dragging) addEventListener(type, this.#onDragEnd, true);
      else removeEventListener(type, this.#onDragEnd, true);
    }
    this.#host.requestUpdate();
  }

  readonly #onDragEnd = (event: Event): void => {
    if (event.type !== 'keydown' || (event as KeyboardEvent).key === 'Escape') this.#setDragging(false);
  };

  /**
   * Lays the drop overlay over the drop-target: fixed, at the target's box, set through the CSSOM
   * (which a strict style-src allows, unlike a style attribute). The target's own DOM is left alone.
   */
  placeOverlay(): void {
    // There is an overlay only while files are dragged: otherwise no look-up walks the list for it every render.
    const overlay = this.dragging && this.#host.renderRoot.querySelector<HTMLElement>('.overlay');
    const box = overlay && this.dropSource?.getBoundingClientRect();
    if (box)
      Object.assign(overlay.style, { left: `${box.left}px`, top: `${box.top}px`, width: `${box.width}px`, height: `${box.height}px` });
  }

  /** The files of a drop or a paste. */
  #take(transfer: DataTransfer): void {
    // A dropped folder comes as a File that cannot be read: only its entry tells it apart, and
    // entries can be had only inside the event. WebKit answers each look-up slowly (see
    // markFolder), so they are looked up now only for as many files as the list has room for; the
    // others are asked by validation, and a folder among them is rejected rather than read.
    let room = this.#allowed().room;
    const given = transfer.items?.length
      ? [...transfer.items].map((item) => {
          if (item.kind !== 'file') return [];
          const file = item.getAsFile();
          const entry = file && room-- <= 0 ? undefined : item.webkitGetAsEntry?.();
          // A folder's files are taken in its place; the folder itself never starts an attachment.
          // The reading, loaded the first time a folder is dropped (./read-folder.ts).
          if (entry && entry.isDirectory)
            return import('./read-folder.js').then((part) => part.readFolder(entry as FileSystemDirectoryEntry, folderFile));
          // Some browsers give no File for a folder: one stands in, so the folder is rejected, not lost.
          const taken = file ?? (entry ? new File([], entry.name) : undefined);
          if (!taken) return [];
          markFolder(taken, () => (entry ?? item.webkitGetAsEntry?.())?.isDirectory);
          return [taken];
        })
      : [[...transfer.files]];
    // Files alone are taken at once; with a folder, once its entries are read, all together in the order dropped.
    const taken = (given as File[][]).flat();
    if (given.some((files) => files instanceof Promise)) void Promise.all(given).then((files) => this.#host.upload(files.flat()));
    else if (taken.length > 0) this.#host.upload(taken);
  }
}

/** A stand-in for a folder that cannot be attached: rejected with reason `folder`. */
function folderFile(name: string): File {
  const file = new File([], name);
  markFolder(file, () => true);
  return file;
}
