/**
 * The Amazon Connect instance's own attachment rules, as the page's backend reads them
 * (`AttachedFilesConfiguration`: allowed extensions, size limit) and as chat-interface passes them
 * (`featurePermissions.ATTACHMENTS`). They narrow what the page allows; they never widen it. No DOM.
 */
import { CHAT_FILE_TYPES, matchesAccept } from './file-types.js';

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

/** The instance's extensions, lower-cased without the dot; undefined when it names none. */
export function allowedExtensionsOf(rules: AttachmentRules | undefined): string[] | undefined {
  const list = rules?.AllowedExtensions;
  if (!Array.isArray(list)) return undefined;
  return list
    .filter((extension): extension is string => typeof extension === 'string')
    .map((extension) => extension.trim().replace(/^\./, '').toLowerCase())
    .filter(Boolean);
}

/** The page's limit, lowered to the instance's (which is at most 100 MB) when it is smaller. */
export function narrowMaxFileSize(pageLimit: number, rules: AttachmentRules | undefined): number {
  const limit = rules?.MaximumSizeLimitInBytes;
  if (typeof limit !== 'number' || !(limit > 0)) return pageLimit;
  return Math.min(pageLimit, limit, MAX_INSTANCE_FILE_SIZE);
}

/**
 * What the file picker offers: the instance's extensions the page's `accept` also allows, or the
 * page's `accept` when the instance names none.
 */
export function narrowAccept(accept: string, rules: AttachmentRules | undefined): string {
  const allowed = allowedExtensionsOf(rules);
  if (!allowed) return accept;
  return allowed
    .filter((extension) => matchesAccept(accept, extension, '', CHAT_FILE_TYPES[extension] ?? ''))
    .map((extension) => `.${extension}`)
    .join(',');
}
