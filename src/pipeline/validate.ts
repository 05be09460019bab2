/**
 * The checks a file passes before anything is sent: not empty, an accepted type, within the size
 * limit, within the file count. Pure functions; no DOM, no I/O.
 */
import { CHAT_FILE_TYPES, DEFAULT_ACCEPT, contentTypeOf, extensionOf, extensionsOfType } from './file-types.js';

export type RejectReason =
  | 'file-too-large'
  | 'file-type'
  | 'empty-file'
  | 'too-many-files'
  | 'folder'
  /**
   * `fit-images`: an image over the limit that could not be decoded; or an image whose metadata
   * could not be removed because its structure could not be read.
   */
  | 'image-unreadable'
  /** `fit-images`: an image that stayed over the limit at its smallest size and quality. */
  | 'image-too-large';

/** The images `fit-images` can shrink or convert (HEIC/HEIF where the browser decodes it). */
export const FITTABLE = /^image\/(jpeg|png|webp|hei[cf])$/;

/**
 * Dropped folders: a browser hands them over as File objects (often with a size, and a name like
 * `photos.png`) that cannot be read. Only the drop knows which they are, so it leaves a question
 * here for each dropped file. It is asked only while the list has room: WebKit answers each one
 * (`webkitGetAsEntry`) by starting a work queue of its own, milliseconds apiece, and a drop of
 * thousands would freeze the page for seconds. A folder past the limit is `too-many-files` instead.
 */
const folders = new WeakMap<File, () => boolean | undefined>();

/** Leaves `isFolder` for `file`: a folder is rejected with reason `folder`, never started. */
export function markFolder(file: File, isFolder: () => boolean | undefined): void {
  folders.set(file, isFolder);
}

/** Connect's chat limit (Admin Guide, "Feature specifications"). */
export const DEFAULT_MAX_FILE_SIZE = 20 * 1024 * 1024;

export interface FileRules {
  /** Comma-separated extensions (`.pdf`) and MIME types (`image/png`, `image/*`), as in `<input accept>`. */
  accept?: string | undefined;
  maxFileSize?: number | undefined;
  /** The instance's extensions (lower case, no dot): a file must also have one of these. */
  allowedExtensions?: readonly string[] | undefined;
  /** `fit-images`: an image of a FITTABLE type may be over `maxFileSize`; it is fitted before Start. */
  fit?: boolean | undefined;
  /** How many files the list may hold at once; undefined for no limit. */
  maxFiles?: number | undefined;
}

/** A file's verdict: the MIME type sent to Start (S3 then expects it as Content-Type), or why not. */
export type FileCheck = { ok: true; contentType: string } | { ok: false; reason: RejectReason; message: string };

/** Decimal megabytes, as the element shows them; a limit is rounded down ("20.9 MB" for 20 MiB). */
function formatMegabytes(bytes: number, limit?: boolean): string {
  return `${limit ? Math.floor(bytes / 1e5) / 10 : Number((bytes / 1e6).toFixed(1))} MB`;
}

/**
 * Whether `accept` allows the file. An extension is allowed by its `.ext` token or when the chat
 * list's type for it matches a MIME token. When the browser also gave a type, it must be allowed
 * too: by a MIME token, or as a type of an accepted extension of the chat list. A `.png` the browser
 * calls `application/x-msdownload` is not a picture. An extension the page added and the chat list
 * cannot map (`.zip`) is taken on its token alone.
 */
export function matchesAccept(accept: string, extension: string, fileType: string, contentType: string): boolean {
  const tokens = accept
    .split(',')
    .map((token) => token.trim().toLowerCase())
    .filter(Boolean);
  if (tokens.length === 0 || tokens.includes('*') || tokens.includes('*/*')) return true;
  const typeMatches = (type: string) =>
    tokens.some((token) => (token.endsWith('/*') ? type.startsWith(token.slice(0, -1)) : token === type));
  if (!extension) return typeMatches(contentType.toLowerCase());
  const mapped = CHAT_FILE_TYPES[extension];
  const extensionToken = tokens.includes(`.${extension}`);
  if (!extensionToken && !(mapped && typeMatches(mapped))) return false;
  const type = fileType.toLowerCase();
  return (
    !type ||
    typeMatches(type) ||
    extensionsOfType(type).some((known) => tokens.includes(`.${known}`)) ||
    (extensionToken && !mapped)
  );
}

const rejection = (reason: RejectReason, message: string): FileCheck => ({ ok: false, reason, message });

/** Checks one file on its own (the count is `selectFiles`'s business); `room` false skips the folder question. */
export function checkFile(file: File, rules: FileRules = {}, room = true): FileCheck {
  const name = `"${file.name}"`;
  if (room && folders.get(file)?.()) {
    return rejection('folder', `${name} is a folder; only files can be attached.`);
  }
  if (file.size === 0) {
    return rejection('empty-file', `${name} is empty.`);
  }
  const contentType = contentTypeOf(file);
  const accept = rules.accept?.trim() || DEFAULT_ACCEPT;
  const extension = extensionOf(file.name);
  if (
    !contentType ||
    !matchesAccept(accept, extension, file.type, contentType) ||
    (rules.allowedExtensions && !rules.allowedExtensions.includes(extension))
  ) {
    return rejection('file-type', `${name} is not a file type this chat accepts.`);
  }
  const maxFileSize = rules.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  if (file.size > maxFileSize && !(rules.fit && FITTABLE.test(contentType))) {
    return rejection('file-too-large', `${name} is ${formatMegabytes(file.size)}; the limit is ${formatMegabytes(maxFileSize, true)}.`);
  }
  return { ok: true, contentType };
}

/**
 * Each of `files`, in the order given, with its verdict: the MIME type to send, or why it is
 * rejected. `inList` is how many files the list already holds against `maxFiles`; files beyond the
 * limit are rejected in the order given (the same File given twice is judged twice).
 */
export function selectFiles(files: Iterable<File>, rules: FileRules = {}, inList = 0): (FileCheck & { file: File })[] {
  let room = rules.maxFiles === undefined ? Infinity : Math.max(0, rules.maxFiles - inList);
  const limit = rules.maxFiles ?? 0;
  return Array.from(files, (file): FileCheck & { file: File } => {
    const check = checkFile(file, rules, room > 0);
    // A rejected file takes no room.
    if (!check.ok || room-- > 0) return { file, ...check };
    return {
      file,
      ...rejection('too-many-files', `"${file.name}" was not added: at most ${limit} file${limit === 1 ? '' : 's'} can be attached.`),
    };
  });
}
