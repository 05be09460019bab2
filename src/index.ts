/** Public exports. No side effects: import `./define.js` (or the CDN file) to register the tag. */
export { ConnectAttachmentUpload } from './element/connect-attachment-upload.js';
export type { UploadFailure, UploadInfo, UploadState } from './element/connect-attachment-upload.js';
export * from './element/events.js';
export { DEFAULT_STRINGS, type UploadStrings } from './element/strings.js';
export { AcpsClient } from './api/acps.js';
export type { AttachmentLink, ConnectionCredentials, StartedUpload } from './api/acps.js';
export { resolveEndpoint } from './api/endpoint.js';
export { UploadError, type ErrorCode, type Stage } from './api/errors.js';
export { CHAT_FILE_TYPES, DEFAULT_ACCEPT } from './pipeline/file-types.js';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './pipeline/retry.js';
export { DEFAULT_MAX_FILE_SIZE, type RejectReason } from './pipeline/validate.js';
