/** Public exports: the element and the headless uploader. No side effects: import `./define.js` (or the CDN file) to register the tag. */
export { ConnectAttachmentUpload } from './element/connect-attachment-upload.js';
export { DEFAULT_STRINGS, type Messages, type Plural, type Text, type UploadStrings } from './element/strings.js';
export type { Locale } from './element/locale-of.js';
export { AttachmentUploader, type SendResult } from './pipeline/uploader.js';
export type { UploaderSettings } from './pipeline/settings.js';
export type { Allowance } from './pipeline/allowance.js';
export type { MetadataKind } from './pipeline/strip-metadata.js';
export type {
  AttachmentScanStatus,
  UploadFailure,
  UploadInfo,
  UploadState,
  UploadsSummary,
} from './pipeline/upload-list.js';
export * from './pipeline/events.js';
export type { TokenProvider } from './pipeline/token-source.js';
export type { ChatDetailsLike, ChatMessageEventLike, ChatSessionLike } from './pipeline/chat-session.js';
export type { AttachmentRules, FeaturePermissions } from './pipeline/instance-rules.js';
export { AcpsClient } from './api/acps.js';
export type { AttachmentLink, ConnectionCredentials, StartedUpload } from './api/acps.js';
export { resolveEndpoint } from './api/endpoint.js';
export { UploadError, type ErrorCode, type Stage } from './api/errors.js';
export { CHAT_FILE_TYPES, DEFAULT_ACCEPT } from './pipeline/file-types.js';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './pipeline/retry.js';
export type { RejectReason } from './pipeline/validate.js';
export { DEFAULT_MAX_FILE_SIZE } from './pipeline/settings.js';
