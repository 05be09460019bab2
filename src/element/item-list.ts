/**
 * The file list's `<li>`s, kept by hand rather than by Lit's `repeat`: a render touches only the
 * files that changed (repeat would visit every item each frame), so one more file costs the same
 * however long the list. Files only join at the end and leave, so order never needs mending.
 */
import type { UploadInfo } from '../pipeline/upload-list.js';
import type { AttachmentUploader } from '../pipeline/uploader.js';
import type { Previews } from './previews.js';
import type { UploadStrings } from './strings.js';
import { type ItemActions, drawItem, itemView } from './upload-item.js';

export class ItemList {
  #list: HTMLElement | undefined;
  readonly #items = new Map<string, HTMLLIElement>();
  readonly #previews: Previews;

  constructor(previews: Previews) {
    this.#previews = previews;
  }

  /**
   * Brings `list` (the rendered `<ul>`, or null when the list is empty) up to date with the files
   * in `changed`, or with every file.
   */
  draw(
    list: HTMLElement | null,
    changed: 'all' | ReadonlySet<string>,
    uploader: AttachmentUploader,
    s: UploadStrings,
    locale: string | undefined,
    actions: ItemActions,
  ): void {
    if (list !== (this.#list ?? null)) {
      // A new <ul> (the list was empty) holds none of the old items.
      this.#items.clear();
      this.#list = list ?? undefined;
      changed = 'all';
    }
    const preview = (upload: UploadInfo) => this.#previews.get(upload.uploadId, upload.file, upload.contentType);
    const drawOne = (upload: UploadInfo) => {
      const known = this.#items.get(upload.uploadId);
      const li = drawItem(known, itemView(upload, s, locale, preview), s, actions);
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
      return;
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
  }

  /** A file's `<li>`, once drawn. */
  itemOf(uploadId: string): HTMLLIElement | undefined {
    return this.#items.get(uploadId);
  }
}
