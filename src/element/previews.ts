/**
 * Image previews as object URLs: made once per file, revoked as soon as the file leaves the list
 * or the element leaves the page for good, never for large files (decoding them costs memory and time).
 */

/** Types every browser can show in an <img>. */
const SHOWABLE = /^image\/(png|jpeg|gif|webp|avif|bmp)$/;
export const MAX_PREVIEW_BYTES = 5 * 1024 * 1024;

export class Previews {
  readonly #urls = new Map<string, string>();

  /** The preview URL of the upload, made on first use; undefined when the file gets none. */
  get(uploadId: string, file: File, contentType: string): string | undefined {
    const known = this.#urls.get(uploadId);
    if (known) return known;
    if (!SHOWABLE.test(contentType) || file.size > MAX_PREVIEW_BYTES) return undefined;
    const url = URL.createObjectURL(file);
    this.#urls.set(uploadId, url);
    return url;
  }

  /** Revokes one upload's preview (it left the list). */
  release(uploadId: string): void {
    const url = this.#urls.get(uploadId);
    if (url === undefined) return;
    URL.revokeObjectURL(url);
    this.#urls.delete(uploadId);
  }

  /** Revokes the previews of uploads not in `keep` (all of them when the element left the page). */
  retain(keep: ReadonlySet<string>): void {
    for (const uploadId of [...this.#urls.keys()]) if (!keep.has(uploadId)) this.release(uploadId);
  }
}
