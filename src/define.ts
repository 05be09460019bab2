/**
 * Registers `<connect-attachment-upload>` (once: a page that loads two copies keeps the first) and
 * re-exports the public API, so the CDN module is both the registration and the library.
 */
import { ConnectAttachmentUpload } from './element/connect-attachment-upload.js';

export * from './index.js';

export const TAG_NAME = 'connect-attachment-upload';

// The tag is written out (not TAG_NAME) because the manifest analyzer reads it from this call.
if (!customElements.get(TAG_NAME)) customElements.define('connect-attachment-upload', ConnectAttachmentUpload);

declare global {
  interface HTMLElementTagNameMap {
    'connect-attachment-upload': ConnectAttachmentUpload;
  }
}
