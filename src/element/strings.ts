/**
 * Every word the element shows or announces. A language is data (`Messages`): sentences with named
 * placeholders ("Cancel {name}") and, where a count decides the wording, one form per plural
 * category, chosen by `{count}` through `Intl.PluralRules`. English is here, complete: it is the
 * reference every locale file in ./locales follows, and what a missing word falls back to.
 * `compile` turns a language into `Words`, the functions the view calls with named values; numbers
 * among those values are written by `Intl.NumberFormat` in the element's language.
 */
import type { ErrorCode, UploadFailure } from '../pipeline/upload-list.js';
import type { RejectReason } from '../pipeline/validate.js';
import type { FileKind } from './hint.js';

/** A sentence's forms per plural category; `other` is the one every language has. */
export type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/**
 * A sentence with `{named}` placeholders, its plural forms (chosen by `{count}`), or, in `strings`
 * only, a function of the named values.
 */
export type Text<Names extends string> = string | Plural | ((values: Record<Names, string | number>) => string);

export interface Messages {
  prompt: string;
  choose: string;
  /** The `compact` layout's paperclip button: its accessible name and tooltip. */
  attach: string;
  dropHere: string;
  start: string;
  listLabel: string;
  states: {
    queued: string;
    /** `fit-images` is making the image fit. */
    preparing: string;
    starting: string;
    uploading: string;
    finalizing: string;
    /** `complete-on-send`: uploaded, waiting for Send. */
    ready: string;
    done: string;
    failed: string;
    cancelled: string;
    stalled: string;
    scanning: string;
    scanRejected: string;
  };
  /** The Cancel button of a running file: stops its upload. */
  cancel: Text<'name'>;
  /** The Retry button of a failed or cancelled file. */
  retry: Text<'name'>;
  /** The Remove button of a finished file: takes it off this list only, never out of the chat. */
  remove: Text<'name'>;
  /** The button that opens a sent file (`open-sent`). */
  open: Text<'name'>;
  openFailed: Text<'name'>;
  /** In place of the drop zone's words when the instance turned attachments off. */
  attachmentsOff: string;
  progressLabel: Text<'name'>;
  /** "45 % · 1.2 MB of 2.6 MB", shown while a file uploads. */
  progressText: Text<'percent' | 'loaded' | 'total'>;
  /** "10 seconds left": `time` is formatted ("10 seconds", "3 minutes"); shown after a few seconds of a transfer. */
  timeLeft: Text<'time'>;
  /**
   * The batch line: "2 of 5 files sent · 40 %" (`count` files in all). Here and in the
   * `announceMany…` words `count` is 2 or more: English needs one form, Arabic four.
   */
  batch: Text<'done' | 'count' | 'percent'>;
  /** `fit-images` started shrinking or converting an image (said once per file). */
  announcePreparing: Text<'name'>;
  announceStarted: Text<'name'>;
  announceManyStarted: Text<'count'>;
  announceProgress: Text<'name' | 'percent'>;
  announceBatchProgress: Text<'percent'>;
  /** `complete-on-send`: a file is uploaded and waits for Send (said once per file). */
  announceReady: Text<'name'>;
  announceManyReady: Text<'count'>;
  announceCompleted: Text<'name'>;
  announceManyCompleted: Text<'count'>;
  announceFailed: Text<'name' | 'reason'>;
  announceManyFailed: Text<'count'>;
  announceRejected: Text<'name' | 'reason'>;
  announceManyRejected: Text<'count'>;
  announceScanRejected: Text<'name'>;
  errors: Record<ErrorCode, string>;
  /** A `network` failure that is not retryable: S3 refused the page before any byte was sent. */
  corsRefused: string;
  rejections: Record<RejectReason, string>;
  /** After the `file-too-large` reason: "Files can be up to 20.9 MB." */
  sizeLimit: Text<'size'>;
  /** After the `too-many-files` reason: "At most 5 files can be attached." */
  countLimit: Text<'count'>;
  /** The name of the list of files not added. */
  rejectedLabel: string;
  /** The button that takes one file off the list of files not added. */
  dismissRejection: Text<'name'>;
  /** The button that empties the list of files not added (shown when it holds several). */
  dismissAll: string;
  /** The hint of what may be attached (`show-hint`): `types` lists the accepted kinds ("PDF, images and Office files"), `size` the limit. */
  hint: Text<'types' | 'size'>;
  /** The hint when any file may be attached. */
  hintAnyType: Text<'size'>;
  /** The hint followed by `max-files`, when it is set. */
  hintCount: Text<'hint' | 'count'>;
  /** The kinds of file the hint names, each standing for several extensions and MIME types. */
  fileKinds: Record<FileKind, string>;
  /** After the hint where images can be attached, unless `keep-metadata`: what photos lose before they are sent. */
  metadataRemoved: string;
}

/** The groups of plain words, merged word by word. */
type Group = 'states' | 'errors' | 'rejections' | 'fileKinds';

/**
 * What the `strings` property and a locale file hold: any of the words, each group partly. A word
 * left out is the language's own (or English).
 */
export type UploadStrings = Partial<Omit<Messages, Group>> & { [G in Group]?: Partial<Messages[G]> };

/**
 * The words as the view calls them: a sentence with placeholders becomes a function of its named
 * values; `dir` is their direction.
 */
export type Words = { dir: 'ltr' | 'rtl' } & {
  [K in keyof Messages]: Messages[K] extends string
    ? string
    : Messages[K] extends Text<infer Names>
      ? (values: Record<Names, string | number>) => string
      : Messages[K];
};

/** English: the reference every locale follows (see ./locales), and each locale's fallback. */
export const DEFAULT_STRINGS: Messages = {
  prompt: 'Drag files here, paste, or',
  choose: 'Choose files',
  attach: 'Attach files',
  dropHere: 'Drop to attach',
  start: 'Upload',
  listLabel: 'Attachments',
  states: {
    queued: 'Waiting',
    preparing: 'Preparing…',
    starting: 'Starting…',
    uploading: 'Uploading',
    finalizing: 'Finishing…',
    ready: 'Ready to send',
    done: 'Sent',
    failed: 'Failed',
    cancelled: 'Cancelled',
    stalled: 'Stalled, waiting for the network…',
    scanning: 'Sent, being scanned…',
    scanRejected: 'Rejected by the security scan',
  },
  cancel: 'Cancel {name}',
  retry: 'Retry {name}',
  remove: 'Remove {name} from the list',
  open: 'Open {name}',
  openFailed: '{name} could not be opened. Try again.',
  attachmentsOff: 'Attachments are turned off for this chat.',
  progressLabel: 'Upload progress of {name}',
  progressText: '{percent} · {loaded} of {total}',
  timeLeft: '{time} left',
  batch: '{done} of {count} files sent · {percent}',
  announcePreparing: 'Preparing {name}.',
  announceStarted: 'Uploading {name}.',
  announceManyStarted: 'Uploading {count} files.',
  announceProgress: '{name}: {percent}.',
  announceBatchProgress: 'Uploads {percent} done.',
  announceReady: '{name} is ready to send.',
  announceManyReady: '{count} files are ready to send.',
  announceCompleted: '{name} was attached.',
  announceManyCompleted: '{count} files were attached.',
  announceFailed: '{name} could not be attached. {reason}',
  announceManyFailed: '{count} files could not be attached.',
  announceRejected: '{name} was not added. {reason}',
  announceManyRejected: '{count} files were not added.',
  announceScanRejected: '{name} was rejected by the security scan.',
  errors: {
    'access-denied': 'The chat session has ended or expired.',
    validation: 'Amazon Connect refused this file.',
    'quota-exceeded': 'This chat has reached its attachment limit.',
    conflict: 'This file is already being attached.',
    throttled: 'Too many requests right now. Try again in a moment.',
    'server-error': 'The service had a problem. Try again.',
    network: 'The connection failed. Check your network and try again.',
    timeout: 'The upload took too long. Try again.',
    'url-expired': 'The upload link expired. Try again.',
    'upload-rejected': 'The file storage refused the upload.',
    'bad-response': 'The service sent an answer this uploader cannot read.',
    config: 'Attachments are not set up on this page.',
    'chat-changed': 'This file was for an earlier chat and was not sent.',
  },
  corsRefused: 'The file storage does not accept uploads from this page: its CORS rule is likely missing.',
  rejections: {
    'file-too-large': 'The file is too large.',
    'file-type': 'This type of file cannot be attached.',
    'empty-file': 'The file is empty.',
    'too-many-files': 'Too many files.',
    folder: 'Folders cannot be attached.',
    'image-unreadable': 'The image could not be read.',
    'image-too-large': 'The image could not be made small enough.',
    'image-blank': 'The image came out blank.',
    'image-type': 'The image would need a type not accepted here.',
  },
  sizeLimit: 'Files can be up to {size}.',
  countLimit: { one: 'At most {count} file can be attached.', other: 'At most {count} files can be attached.' },
  rejectedLabel: 'Not added',
  dismissRejection: 'Dismiss {name}',
  dismissAll: 'Dismiss all',
  hint: '{types}, up to {size} each',
  hintAnyType: 'Up to {size} each',
  hintCount: { one: '{hint}, at most {count} file', other: '{hint}, at most {count} files' },
  fileKinds: {
    pdf: 'PDF',
    image: 'images',
    video: 'videos',
    audio: 'audio',
    office: 'Office files',
    text: 'text files',
  },
  metadataRemoved: 'Location and camera details are removed from photos.',
};

/**
 * A language's words over English's, then `strings` over both, made callable: plural forms are
 * chosen by the rules of `locale` (the language they were written for), numbers among the values
 * are written for `lang` (the element's, which may name a region).
 */
export function compile([locale, language]: readonly [string, UploadStrings], strings: UploadStrings, lang: string | undefined): Words {
  const rules = new Intl.PluralRules(locale);
  const digits = new Intl.NumberFormat(lang ?? locale);
  // The messages' own direction, set on each of them: `dir="auto"` would guess from the first
  // letter, and Arabic numbers begin with a left-to-right mark ("21‎%‎"). Right to left, each value
  // (a name, a number, a size) is isolated (U+2068 … U+2069), so "3.9 MB" or "report.pdf" keeps
  // its order and cannot pull the words beside it into its own direction.
  const rtl = /^(ar|he)$/.test(locale);
  const words: Record<string, unknown> = { dir: rtl ? 'rtl' : 'ltr' };
  for (const [key, english] of Object.entries(DEFAULT_STRINGS) as [keyof Messages, string | object][]) {
    const text = strings[key] ?? language[key] ?? english;
    // Plain words stay strings, a group is merged word by word, a sentence with values becomes a function.
    words[key] =
      (typeof english === 'string' && !english.includes('{')) || typeof text === 'function'
        ? text
        : typeof english === 'string' || 'other' in english
          ? (values: Record<string, string | number>) =>
              (typeof text === 'string'
                ? text
                : ((text as Plural)[rules.select(values['count'] as number)] ?? (text as Plural).other)
              ).replace(/\{(\w+)\}/g, (_, name: string) => {
                const value = values[name]!;
                const shown = typeof value === 'number' ? digits.format(value) : value;
                return rtl ? `\u2068${shown}\u2069` : shown;
              })
          : { ...english, ...(language[key] as object), ...(strings[key] as object) };
  }
  return words as Words;
}

/** The words for a failure: a network failure not worth retrying is the browser refusing CORS. */
export function errorText(s: Words, failure: Pick<UploadFailure, 'code' | 'retryable'>): string {
  return failure.code === 'network' && !failure.retryable ? s.corsRefused : s.errors[failure.code];
}
