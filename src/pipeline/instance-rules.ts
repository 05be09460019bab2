/**
 * The Amazon Connect instance's own attachment rules, as the page's backend reads them
 * (`AttachedFilesConfiguration`: allowed extensions, size limit) and as chat-interface passes them
 * (`featurePermissions.ATTACHMENTS`). They narrow what the page allows, never widen it: the
 * uploader's allowance (allowance.ts) applies them. No DOM.
 */
/** The shape of the instance's `AttachedFilesConfiguration`. */
export interface AttachmentRules {
  /** Extensions the instance allows, with or without the dot (`pdf`, `.PNG`). */
  readonly AllowedExtensions?: readonly string[] | undefined;
  /** The instance's size limit in bytes; Connect allows at most 100 MB. */
  readonly MaximumSizeLimitInBytes?: number | undefined;
}

/** chat-interface's feature switches: attachments are offered only when `ATTACHMENTS` is true. */
export interface FeaturePermissions {
  readonly ATTACHMENTS?: boolean | undefined;
  readonly [feature: string]: unknown;
}

/** The most an instance can allow per attachment (Connect's feature specifications). */
export const MAX_INSTANCE_FILE_SIZE = 100 * 1024 * 1024;

/** False when the page passed feature permissions that leave attachments out. */
export function attachmentsAllowed(permissions: FeaturePermissions | undefined): boolean {
  return !permissions || permissions.ATTACHMENTS === true;
}
