/**
 * Every word the element shows or announces, in one overridable object (the `strings` property),
 * including the words for each error code and rejection reason. Numbers arrive already formatted
 * for the element's `lang`.
 */
import type { ErrorCode, UploadFailure } from '../pipeline/upload-list.js';
import type { RejectReason } from '../pipeline/validate.js';
import type { FileKind } from './hint.js';

export interface UploadStrings {
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
  cancel: (name: string) => string;
  /** The Retry button of a failed or cancelled file. */
  retry: (name: string) => string;
  /** The Remove button of a finished file: takes it off this list only, never out of the chat. */
  remove: (name: string) => string;
  /** The button that opens a sent file (`open-sent`). */
  open: (name: string) => string;
  openFailed: (name: string) => string;
  /** In place of the drop zone's words when the instance turned attachments off. */
  attachmentsOff: string;
  progressLabel: (name: string) => string;
  /** "45 % · 1.2 MB of 2.6 MB", shown while a file uploads. */
  progressText: (percent: string, loaded: string, total: string) => string;
  /** "10 seconds left": `time` is formatted ("10 seconds", "3 minutes"); shown after a few seconds of a transfer. */
  timeLeft: (time: string) => string;
  /** The batch line: "2 of 5 files sent · 40 %" */
  batch: (done: number, total: number, percent: string) => string;
  /** `fit-images` started shrinking or converting an image (said once per file). */
  announcePreparing: (name: string) => string;
  announceStarted: (name: string) => string;
  announceManyStarted: (count: number) => string;
  announceProgress: (name: string, percent: string) => string;
  announceBatchProgress: (percent: string) => string;
  /** `complete-on-send`: a file is uploaded and waits for Send (said once per file). */
  announceReady: (name: string) => string;
  announceManyReady: (count: number) => string;
  announceCompleted: (name: string) => string;
  announceManyCompleted: (count: number) => string;
  announceFailed: (name: string, reason: string) => string;
  announceManyFailed: (count: number) => string;
  announceRejected: (name: string, reason: string) => string;
  announceManyRejected: (count: number) => string;
  announceScanRejected: (name: string) => string;
  errors: Record<ErrorCode, string>;
  /** A `network` failure that is not retryable: S3 refused the page before any byte was sent. */
  corsRefused: string;
  rejections: Record<RejectReason, string>;
  /** After the `file-too-large` reason: "Files can be up to 20.9 MB." */
  sizeLimit: (size: string) => string;
  /** After the `too-many-files` reason: "At most 5 files can be attached." */
  countLimit: (count: number) => string;
  /** The name of the list of files not added. */
  rejectedLabel: string;
  /** The button that takes one file off the list of files not added. */
  dismissRejection: (name: string) => string;
  /** The button that empties the list of files not added (shown when it holds several). */
  dismissAll: string;
  /**
   * The hint of what may be attached (attribute `show-hint`): `types` lists the accepted kinds of
   * file ("PDF, images and Office files", '' when any), `size` the limit, `count` max-files if set.
   */
  hint: (types: string, size: string, count: number | undefined) => string;
  /** The kinds of file the hint names, each standing for several extensions and MIME types. */
  fileKinds: Record<FileKind, string>;
  /** After the hint where images can be attached, unless `keep-metadata`: what photos lose before they are sent. */
  metadataRemoved: string;
}

/** English plurals for counts: "1 file", "2 files". */
const files = (count: number) => `${count} ${count === 1 ? 'file' : 'files'}`;

export const DEFAULT_STRINGS: UploadStrings = {
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
  cancel: (name) => `Cancel ${name}`,
  retry: (name) => `Retry ${name}`,
  remove: (name) => `Remove ${name} from the list`,
  open: (name) => `Open ${name}`,
  openFailed: (name) => `${name} could not be opened. Try again.`,
  attachmentsOff: 'Attachments are turned off for this chat.',
  progressLabel: (name) => `Upload progress of ${name}`,
  progressText: (percent, loaded, total) => `${percent} · ${loaded} of ${total}`,
  timeLeft: (time) => `${time} left`,
  batch: (done, total, percent) => `${done} of ${total} files sent · ${percent}`,
  announcePreparing: (name) => `Preparing ${name}.`,
  announceStarted: (name) => `Uploading ${name}.`,
  announceManyStarted: (count) => `Uploading ${count} files.`,
  announceProgress: (name, percent) => `${name}: ${percent}.`,
  announceBatchProgress: (percent) => `Uploads ${percent} done.`,
  announceReady: (name) => `${name} is ready to send.`,
  announceManyReady: (count) => `${count} files are ready to send.`,
  announceCompleted: (name) => `${name} was attached.`,
  announceManyCompleted: (count) => `${count} files were attached.`,
  announceFailed: (name, reason) => `${name} could not be attached. ${reason}`,
  announceManyFailed: (count) => `${count} files could not be attached.`,
  announceRejected: (name, reason) => `${name} was not added. ${reason}`,
  announceManyRejected: (count) => `${count} files were not added.`,
  announceScanRejected: (name) => `${name} was rejected by the security scan.`,
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
  sizeLimit: (size) => `Files can be up to ${size}.`,
  countLimit: (count) => `At most ${files(count)} can be attached.`,
  rejectedLabel: 'Not added',
  dismissRejection: (name) => `Dismiss ${name}`,
  dismissAll: 'Dismiss all',
  hint: (types, size, count) => `${types ? `${types}, up` : 'Up'} to ${size} each${count ? `, at most ${files(count)}` : ''}`,
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

/** The words for a failure: a network failure not worth retrying is the browser refusing CORS. */
export function errorText(s: UploadStrings, failure: Pick<UploadFailure, 'code' | 'retryable'>): string {
  return failure.code === 'network' && !failure.retryable ? s.corsRefused : s.errors[failure.code];
}
