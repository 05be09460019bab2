/**
 * The file list's `<li>`s, kept by hand rather than by Lit's `repeat`: a render touches only the
 * files that changed (repeat would visit every item each frame), so one more file costs the same
 * however long the list. Files only join at the end and leave, so order never needs mending.
 * A render makes at most NEW_ITEMS_PER_RENDER new items: 200 files dropped at once appear over a
 * few frames instead of in one long task that would freeze the page.
 */
import type { UploadInfo } from '../pipeline/upload-list.js';
import type { AttachmentUploader } from '../pipeline/uploader.js';
import type { Previews } from './previews.js';
import type { Words } from './strings.js';
import { type ItemActions, drawItem } from './upload-item.js';

const NEW_ITEMS_PER_RENDER = 50;

export class ItemList {
  #list: HTMLElement | undefined;
  readonly #items = new Map<string, HTMLLIElement>();
  readonly #previews: Previews;

  constructor(previews: Previews) {
    this.#previews = previews;
  }

  /**
   * Brings `list` (the rendered `<ul>`, or null when the list is empty) up to date with the files
   * in `changed`, or with every file. Returns the ids of the new files left for the next render.
   */
  draw(
    list: HTMLElement | null,
    changed: 'all' | ReadonlySet<string>,
    uploader: AttachmentUploader,
    s: Words,
    locale: string | undefined,
    actions: ItemActions,
    compact?: boolean,
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
      const li = drawItem(known, upload, s, locale, preview, actions, compact);
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

  /** A file's `<li>`, once drawn. */
  itemOf(uploadId: string): HTMLLIElement | undefined {
    return this.#items.get(uploadId);
  }
}
