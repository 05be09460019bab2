/**
 * What is allowed now: the one answer, made by the uploader from its settings and its list, that
 * validation, the file picker, the hint, every message and the fit read, so a limit shown is the
 * limit in force. The page's settings narrowed by the instance's rules, never widened. No DOM.
 */
import { CHAT_FILE_TYPES, DEFAULT_ACCEPT, contentTypeOf, extensionOf, matchesAccept } from './file-types.js';
import { MAX_INSTANCE_FILE_SIZE, attachmentsAllowed } from './instance-rules.js';
import { DEFAULT_MAX_FILE_SIZE, type UploaderSettings } from './settings.js';

export interface Allowance {
  /** Attachments are on (`featurePermissions`) and the uploader is not `disabled`. */
  readonly enabled: boolean;
  /** The page's `maxFileSize` lowered to the instance's (`attachmentRules`), in bytes. */
  readonly maxFileSize: number;
  /** The page's `accept` narrowed to the instance's extensions: what the file picker offers. */
  readonly accept: string;
  /** Whether a file of this name and MIME type (the browser's, '' when it gave none) is accepted now. */
  accepts(name: string, type: string): boolean;
  /** How many more files the list takes now (Infinity: no limit), `multiple` included. */
  readonly room: number;
}

/** What `settings` allow while the list holds `inList` files that count against `maxFiles`. */
export function allowanceOf(settings: UploaderSettings, inList = 0): Allowance {
  const rules = settings.attachmentRules;
  const listed = rules?.AllowedExtensions;
  const limit = rules?.MaximumSizeLimitInBytes;
  const pageLimit = settings.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  // The instance's extensions, lower-cased without the dot (`PDF`, `.png` given); none named: no narrowing.
  const extensions = Array.isArray(listed)
    ? listed.flatMap((extension: unknown) => (typeof extension === 'string' && extension.trim().replace(/^\./, '').toLowerCase()) || [])
    : undefined;
  const accept = settings.accept?.trim() || DEFAULT_ACCEPT;
  const maxFiles = settings.maxFiles ?? Infinity;
  return {
    enabled: !settings.disabled && attachmentsAllowed(settings.featurePermissions),
    // The instance's limit (Connect allows at most 100 MB) lowers the page's, never raises it.
    maxFileSize: typeof limit === 'number' && limit > 0 ? Math.min(pageLimit, limit, MAX_INSTANCE_FILE_SIZE) : pageLimit,
    // The picker offers the instance's extensions the page's `accept` also takes.
    accept: extensions
      ? extensions
          .filter((extension) => matchesAccept(accept, extension, '', CHAT_FILE_TYPES[extension] ?? ''))
          .map((extension) => `.${extension}`)
          .join(',')
      : accept,
    accepts(name, type) {
      const contentType = contentTypeOf({ name, type });
      const extension = extensionOf(name);
      return !!contentType && matchesAccept(accept, extension, type, contentType) && (!extensions || extensions.includes(extension));
    },
    // One file at a time without `multiple`: the list then takes one more, whatever it holds.
    room: Math.max(0, (settings.multiple ? maxFiles : Math.min(maxFiles, inList + 1)) - inList),
  };
}
