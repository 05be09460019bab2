/**
 * The checks a file passes before anything is sent: not empty, an accepted type, within the size
 * limit, within the file count. Pure functions; no DOM, no I/O.
 */
import { type Allowance, allowanceOf } from './allowance.js';
import { formatBytes } from './format-bytes.js';
import { contentTypeOf } from './file-types.js';

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
  | 'image-too-large'
  /** `fit-images`: the browser made a blank picture of an image that is not (never sent). */
  | 'image-blank'
  /** `fit-images`: the image must be converted to fit, and neither JPEG nor PNG is allowed. */
  | 'image-type';

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

/**
 * What a file is checked against: what is allowed now (the uploader's `allowed`), and whether
 * `fit-images` may bring an image over the limit down to it.
 */
export interface FileRules extends Pick<Allowance, 'accepts' | 'maxFileSize' | 'room'> {
  /** `fit-images`: an image of a FITTABLE type may be over `maxFileSize`; it is fitted before Start. */
  fit?: boolean | undefined;
}

/** A file's verdict: the MIME type sent to Start (S3 then expects it as Content-Type), or why not. */
export type FileCheck = { ok: true; contentType: string } | { ok: false; reason: RejectReason; message: string };

const rejection = (reason: RejectReason, message: string): FileCheck => ({ ok: false, reason, message });

/** Sizes in the uploader's messages, which are English (the element words its own in its language). */
const bytes = (size: number, limit?: boolean) => formatBytes(size, 'en', limit);

/** The words of `file-too-large` for `file` over `maxFileSize`. */
export const tooLarge = (file: File, maxFileSize: number) =>
  `"${file.name}" is ${bytes(file.size)}; the limit is ${bytes(maxFileSize, true)}.`;

/** Checks one file on its own (the count is `selectFiles`'s business); `room` false skips the folder question. */
export function checkFile(file: File, rules: FileRules = allowanceOf({}), room = true): FileCheck {
  const name = `"${file.name}"`;
  if (room && folders.get(file)?.()) {
    return rejection('folder', `${name} is a folder; only files can be attached.`);
  }
  if (file.size === 0) {
    return rejection('empty-file', `${name} is empty.`);
  }
  const contentType = contentTypeOf(file);
  if (!rules.accepts(file.name, file.type)) {
    return rejection('file-type', `${name} is not a file type this chat accepts.`);
  }
  const { maxFileSize } = rules;
  if (file.size > maxFileSize && !(rules.fit && FITTABLE.test(contentType))) {
    return rejection('file-too-large', tooLarge(file, maxFileSize));
  }
  return { ok: true, contentType };
}

/**
 * Each of `files`, in the order given, with its verdict: the MIME type to send, or why it is
 * rejected. Files beyond the list's `room` are rejected in the order given (the same File given
 * twice is judged twice); `inList` is how many files the list already holds, for the message.
 */
export function selectFiles(files: Iterable<File>, rules: FileRules, inList = 0): (FileCheck & { file: File })[] {
  let room = rules.room;
  const limit = inList + room;
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
