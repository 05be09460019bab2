/**
 * The file types Amazon Connect chat accepts by default, and the MIME type for an extension when the
 * browser leaves `File.type` empty (it does for .heic, .rtf and more on some systems).
 */

/** Extension → MIME type, from Connect's chat attachment list (Admin Guide, official chat clients). */
export const CHAT_FILE_TYPES: Readonly<Record<string, string>> = {
  csv: 'text/csv',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  heic: 'image/heic',
  jfif: 'image/jpeg',
  jpeg: 'image/jpeg',
  jpg: 'image/jpeg',
  mov: 'video/quicktime',
  mp4: 'video/mp4',
  pdf: 'application/pdf',
  png: 'image/png',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  rtf: 'application/rtf',
  txt: 'text/plain',
  wav: 'audio/wav',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * Other types browsers and systems give files of the chat list, which Connect also takes: Windows
 * calls a CSV `application/vnd.ms-excel`, and RTF and WAV have several names.
 */
const TYPE_ALIASES: Readonly<Record<string, string>> = {
  'application/vnd.ms-excel': 'csv',
  'application/x-rtf': 'rtf',
  'text/rtf': 'rtf',
  'text/richtext': 'rtf',
  'audio/x-wav': 'wav',
  'audio/vnd.wave': 'wav',
};

/** The chat list's extensions whose files can carry `type`. */
export function extensionsOfType(type: string): string[] {
  const extensions = Object.keys(CHAT_FILE_TYPES).filter((extension) => CHAT_FILE_TYPES[extension] === type);
  const alias = TYPE_ALIASES[type];
  return alias ? [...extensions, alias] : extensions;
}

/** The default `accept` value: every extension of the chat list. */
export const DEFAULT_ACCEPT = Object.keys(CHAT_FILE_TYPES)
  .map((extension) => `.${extension}`)
  .join(',');

/** The lower-cased extension of `name` without the dot, or '' when it has none. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 && dot < name.length - 1 ? name.slice(dot + 1).toLowerCase() : '';
}

/**
 * The MIME type to announce to Start (and so the Content-Type S3 will expect): the browser's own
 * when it has one, else the chat list's type for the extension, else '' (unknown).
 */
export function contentTypeOf(file: Pick<File, 'name' | 'type'>): string {
  return file.type || CHAT_FILE_TYPES[extensionOf(file.name)] || '';
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
  return !type || typeMatches(type) || extensionsOfType(type).some((known) => tokens.includes(`.${known}`)) || (extensionToken && !mapped);
}

/** Connect's limit on AttachmentName (StartAttachmentUpload: 1 to 256 characters). */
export const MAX_ATTACHMENT_NAME_LENGTH = 256;

/**
 * The name to announce to Start: the file's own name, or when it is longer than Connect allows,
 * its beginning plus the extension, cut on whole characters (never half an emoji). The file's
 * bytes and `File.name` are never changed.
 */
export function attachmentNameOf(name: string): string {
  if (name.length <= MAX_ATTACHMENT_NAME_LENGTH) return name;
  const extension = extensionOf(name);
  const suffix = extension && extension.length <= 16 ? `.${extension}` : '';
  // Cut at the limit in UTF-16 units, then drop a high surrogate left without its pair: one slice,
  // whatever the name's length (a loop over a 100,000-character name froze the page).
  const stem = name.slice(0, MAX_ATTACHMENT_NAME_LENGTH - suffix.length).replace(/[\uD800-\uDBFF]$/, '');
  return stem + suffix;
}
