/**
 * The AttachmentIds the element's form value holds, kept as files change: those of the files sent
 * (and not rejected by the scan), in list order. Only the files that changed are looked at, and the
 * same array is handed out until one of them changes, so the element can tell by identity.
 */
import type { UploadInfo } from '../pipeline/upload-list.js';

export class SentIds {
  /** The order each file joined the list, as first seen. */
  readonly #order = new Map<string, number>();
  readonly #sent = new Map<string, string>();
  #next = 0;
  #ids: readonly string[] = [];
  #stale = false;

  /** Takes note of one file as it is now (undefined: it left the list). */
  note(uploadId: string, upload: UploadInfo | undefined): void {
    if (!upload) {
      this.#order.delete(uploadId);
      if (this.#sent.delete(uploadId)) this.#stale = true;
      return;
    }
    if (!this.#order.has(uploadId)) this.#order.set(uploadId, this.#next++);
    const id = upload.state === 'done' && upload.scanStatus !== 'REJECTED' ? upload.attachmentId : undefined;
    if (this.#sent.get(uploadId) === id) return;
    if (id === undefined) this.#sent.delete(uploadId);
    else this.#sent.set(uploadId, id);
    this.#stale = true;
  }

  /** Forgets everything before a full recount. */
  reset(): void {
    this.#order.clear();
    if (this.#sent.size > 0) this.#stale = true;
    this.#sent.clear();
  }

  /** The ids in list order; the same array until one changes. */
  get ids(): readonly string[] {
    if (this.#stale) {
      this.#stale = false;
      const order = (uploadId: string) => this.#order.get(uploadId) ?? 0;
      this.#ids = [...this.#sent.keys()].sort((a, b) => order(a) - order(b)).map((uploadId) => this.#sent.get(uploadId) as string);
    }
    return this.#ids;
  }
}
