/**
 * The file list's `<li>`s, kept by hand rather than by Lit's `repeat`: a render touches only the
 * files that changed (repeat would visit every item each frame), so one more file costs the same
 * however long the list. Files only join at the end and leave, so order never needs mending.
 * A render makes at most NEW_ITEMS_PER_RENDER new items: 200 files dropped at once appear over a
 * few frames instead of in one long task that would freeze the page. The items are drawn by
 * file-item.ts, loaded when the list gets its first file: until it arrives the list stays empty.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isBeingScanned, isOpenable, isSent } from '../pipeline/scan-verdict.js';
import type { UploadInfo } from '../pipeline/upload-list.js';
import type { AttachmentUploader } from '../pipeline/uploader.js';
import type { ItemActions, ItemView } from './file-item.js';
import { LazyPart } from './lazy-part.js';
import { Previews } from './previews.js';
import type { Words } from './strings.js';
import type { UploaderController } from './uploader-controller.js';
import { VIEW_KIT } from './view-kit.js';

const NEW_ITEMS_PER_RENDER = 50;

/** The element: its layout, and the methods an item's buttons call. */
export interface ListHost extends ReactiveControllerHost, HTMLElement, Pick<ItemActions, 'cancel' | 'retry' | 'dismiss'> {
  readonly renderRoot: HTMLElement | DocumentFragment;
  compact: boolean;
  openSent: boolean;
  chatSession: unknown;
  getAttachmentUrl(attachmentId: string): Promise<string>;
}

export class ItemList implements ReactiveController {
  #list: HTMLElement | undefined;
  readonly #items = new Map<string, HTMLLIElement>();
  readonly #previews = new Previews();
  readonly #host: ListHost;
  readonly #controller: UploaderController;
  /** The strings, language and layout the items were drawn with: all are drawn again when one changes. */
  #drawnWith: readonly unknown[] | undefined;
  #releaseTimer: ReturnType<typeof setTimeout> | undefined;
  /** The sent files waiting for `dismissSent`, so each gets one timer. */
  readonly #leaving = new Set<string>();
  /** The item that held focus before a render, so focus can stay near it when its button goes. */
  #focusedItem: string | undefined;
  /** A file that held focus left on its own: focus goes to the drop zone, not to another file. */
  #focusToZone = false;
  /** What an item's buttons do. */
  readonly #actions: ItemActions;
  /** The code that draws an item. */
  readonly #drawer: LazyPart<typeof import('./file-item.js')>;

  /** `openFailed` is told the name of a sent file that could not be opened. */
  constructor(host: ListHost, controller: UploaderController, openFailed: (name: string) => void) {
    this.#host = host;
    this.#controller = controller;
    host.addController(this);
    this.#drawer = new LazyPart(
      host,
      () => import('./file-item.js'),
      () => controller.uploader.summary.files > 0,
    );
    this.#actions = {
      cancel: (uploadId) => host.cancel(uploadId),
      retry: (uploadId) => host.retry(uploadId),
      dismiss: (uploadId) => host.dismiss(uploadId),
      // A sent file opens in a new tab (or downloads, as S3 serves it), through a URL asked for now.
      open: async (uploadId) => {
        const upload = controller.uploader.getUpload(uploadId);
        if (!upload?.attachmentId) return;
        try {
          window.open(await host.getAttachmentUrl(upload.attachmentId), '_blank', 'noopener');
        } catch {
          openFailed(upload.file.name);
        }
      },
      // With a chat session a verdict comes: only an approved file is offered; without one, any sent file Connect did not reject.
      canOpen: (upload) => host.openSent && isOpenable(upload, !!host.chatSession),
    };
  }

  hostConnected(): void {
    clearTimeout(this.#releaseTimer);
  }

  /** Settles when the code that draws items, asked for, has loaded (or failed to). */
  get loaded(): Promise<void> | undefined {
    return this.#drawer.loaded;
  }

  /**
   * Moved (disconnected, then connected again in the same task, as frameworks do): nothing is lost.
   * Removed for good: the previews are released; the list draws them again if it comes back.
   */
  hostDisconnected(): void {
    clearTimeout(this.#releaseTimer);
    this.#releaseTimer = setTimeout(() => {
      if (this.#host.isConnected) return;
      this.#previews.retain(new Set());
      this.#controller.redrawAll();
    });
  }

  /**
   * Draws the items whose files changed since the last render (all of them when the words, the
   * language or the layout changed, or the code that draws them just arrived) and returns what changed.
   */
  update(strings: Words, locale: string | undefined): 'all' | ReadonlySet<string> {
    const { compact, renderRoot } = this.#host;
    const controller = this.#controller;
    const drawer = this.#drawer.part;
    const drawnWith = [strings, locale, compact, drawer];
    if (!this.#drawnWith?.every((value, i) => value === drawnWith[i])) controller.redrawAll();
    this.#drawnWith = drawnWith;
    const changed = controller.takeChanged();
    if (!drawer) return changed;
    const list = renderRoot.querySelector<HTMLElement>('[part=list]');
    const later = this.#draw(drawer.drawItem, list, changed, controller.uploader, { strings, locale, actions: this.#actions, compact });
    if (later.length > 0) {
      controller.changed(later);
      this.#host.requestUpdate();
    }
    return changed;
  }

  /**
   * Brings `list` (the rendered `<ul>`, or null when the list is empty) up to date with the files
   * in `changed`, or with every file. Returns the ids of the new files left for the next render.
   */
  #draw(
    drawItem: (typeof import('./file-item.js'))['drawItem'],
    list: HTMLElement | null,
    changed: 'all' | ReadonlySet<string>,
    uploader: AttachmentUploader,
    view: ItemView,
  ): string[] {
    if (list !== (this.#list ?? null)) {
      // A new <ul> (the list was empty) holds none of the old items.
      this.#items.clear();
      this.#list = list ?? undefined;
      changed = 'all';
    }
    const later: string[] = [];
    let room = NEW_ITEMS_PER_RENDER;
    const drawOne = (upload: UploadInfo) => {
      const known = this.#items.get(upload.uploadId);
      // Once one new file waits, the files after it wait too, so the list keeps its order.
      if (!known && (later.length > 0 || room-- <= 0)) {
        later.push(upload.uploadId);
        return;
      }
      const preview = this.#previews.get(upload.uploadId, upload.file, upload.contentType);
      const li = drawItem(VIEW_KIT, known, upload, preview, view);
      if (!known) {
        this.#items.set(upload.uploadId, li);
        list?.append(li);
      }
    };
    if (changed === 'all') {
      const present = new Set<string>();
      for (const upload of uploader.uploads) {
        present.add(upload.uploadId);
        drawOne(upload);
      }
      for (const [uploadId, li] of this.#items) {
        if (present.has(uploadId)) continue;
        li.remove();
        this.#items.delete(uploadId);
      }
      this.#previews.retain(present);
      return later;
    }
    for (const uploadId of changed) {
      const upload = uploader.getUpload(uploadId);
      if (upload) {
        drawOne(upload);
        continue;
      }
      this.#items.get(uploadId)?.remove();
      this.#items.delete(uploadId);
      this.#previews.release(uploadId);
    }
    return later;
  }

  /** Takes a sent file off the list after `delay` ms (`dismiss-sent`), once no scan verdict is pending. */
  dismissLater(upload: UploadInfo, delay: number | boolean | undefined, uploader: AttachmentUploader): void {
    const { uploadId } = upload;
    if (typeof delay !== 'number' || !(delay >= 0) || isBeingScanned(upload) || this.#leaving.has(uploadId)) return;
    this.#leaving.add(uploadId);
    setTimeout(() => {
      this.#leaving.delete(uploadId);
      const now = uploader.getUpload(uploadId);
      // Looked at again: a verdict may have come meanwhile (a pending one dismisses it when approved).
      if (!now || !isSent(now) || isBeingScanned(now)) return;
      this.#focusToZone ||= !!this.#items.get(uploadId)?.contains(this.#host.shadowRoot?.activeElement ?? null);
      this.#host.dismiss(uploadId);
    }, delay);
  }

  /** Before a render: which item holds focus. */
  noteFocus(): void {
    this.#focusedItem = this.#host.shadowRoot?.activeElement?.closest<HTMLElement>('li[data-id]')?.dataset['id'];
  }

  /** After a render: when the focused button of an item disappeared, focus its next button, the item, or the drop zone. */
  keepFocus(): void {
    const id = this.#focusedItem;
    const toZone = this.#focusToZone;
    const root = this.#host.renderRoot;
    const zone = () => root.querySelector<HTMLElement>('[part=dropzone]');
    this.#focusedItem = undefined;
    this.#focusToZone = false;
    if (!id || this.#host.shadowRoot?.activeElement) return;
    if (toZone) return zone()?.focus();
    const item = this.#items.get(id);
    const first = root.querySelector<HTMLElement>('li[data-id]');
    const target =
      item?.querySelector<HTMLElement>('.actions button') ?? item ?? first?.querySelector<HTMLElement>('.actions button') ?? zone();
    target?.focus();
  }
}
