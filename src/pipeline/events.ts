/**
 * The uploader's events (on the element itself when the element is a view over the uploader): one
 * CustomEvent subclass per event, its name in a static `type` used both to dispatch and as the
 * event-map key, so the two cannot drift apart. All bubble and cross shadow roots when fired on the element. No detail ever
 * holds the token. Nothing here touches the DOM beyond the `Event` classes Node has too.
 */
import type { ErrorCode, Stage } from '../api/errors.js';
import { withoutBidiControls } from './bidi.js';
import type { MetadataKind } from './strip-metadata.js';
import type { RejectReason } from './validate.js';

/** What every event's detail carries. `uploadId` is stable for a file across retries. */
export interface AttachmentDetail {
  readonly uploadId: string;
  readonly file: File;
}

export interface AttachmentRejectDetail extends AttachmentDetail {
  readonly reason: RejectReason;
  readonly message: string;
}

export interface AttachmentStartedDetail extends AttachmentDetail {
  readonly attachmentId: string;
  /** When the pre-signed upload URL expires (ISO 8601). */
  readonly urlExpiry: string;
}

export interface AttachmentProgressDetail extends AttachmentDetail {
  readonly attachmentId: string;
  readonly loaded: number;
  readonly total: number;
}

export interface AttachmentIdDetail extends AttachmentDetail {
  readonly attachmentId: string;
}

export interface AttachmentRetryDetail extends AttachmentDetail {
  readonly stage: Stage;
  readonly attempt: number;
  readonly delayMs: number;
  readonly code: ErrorCode;
}

export interface AttachmentErrorDetail extends AttachmentDetail {
  readonly stage: Stage;
  readonly code: ErrorCode;
  readonly message: string;
  readonly retryable: boolean;
  readonly status?: number;
  readonly attachmentId?: string;
}

export interface AttachmentAbortDetail extends AttachmentDetail {
  readonly stage: Stage;
  readonly attachmentId?: string;
}

/** A file's name, size and type, before and after it was converted (fitted, or its metadata removed). */
export interface FileFacts {
  readonly name: string;
  readonly size: number;
  readonly type: string;
}

export interface AttachmentConvertedDetail extends AttachmentDetail {
  readonly original: FileFacts;
  /** What Start announces and the PUT sends. */
  readonly converted: FileFacts;
  /**
   * Set when metadata was removed from an image sent with its own pixels (not with `keepMetadata`):
   * what was removed, e.g. `['location', 'exif']`. A fitted image is encoded anew and keeps none.
   */
  readonly removed?: readonly MetadataKind[];
}

const init = <D>(detail: D, cancelable = false): CustomEventInit<D> => ({
  detail,
  bubbles: true,
  composed: true,
  cancelable,
});

/** A file passed validation and is about to be queued. Cancel it to drop the file: nothing is sent. */
export class AttachmentSelectEvent extends CustomEvent<AttachmentDetail> {
  static readonly type = 'attachment-select';
  constructor(detail: AttachmentDetail) {
    super(AttachmentSelectEvent.type, init(detail, true));
  }
}

/** A detail whose `message` a page may show: without the bidi controls a file name in it can carry. */
const shown = <D extends { message: string }>(detail: D): D => ({
  ...detail,
  message: detail.message && withoutBidiControls(detail.message),
});

/** A file failed validation; nothing was sent. */
export class AttachmentRejectEvent extends CustomEvent<AttachmentRejectDetail> {
  static readonly type = 'attachment-reject';
  constructor(detail: AttachmentRejectDetail) {
    super(AttachmentRejectEvent.type, init(shown(detail)));
  }
}

/**
 * An image was changed before Start: `fit-images` shrank or converted it, or its metadata was
 * removed (`removed` says what). These bytes, size, type and name are sent; `file` stays the
 * original (kept for retry).
 */
export class AttachmentConvertedEvent extends CustomEvent<AttachmentConvertedDetail> {
  static readonly type = 'attachment-converted';
  constructor(detail: AttachmentConvertedDetail) {
    super(AttachmentConvertedEvent.type, init(detail));
  }
}

/** StartAttachmentUpload succeeded. */
export class AttachmentStartedEvent extends CustomEvent<AttachmentStartedDetail> {
  static readonly type = 'attachment-started';
  constructor(detail: AttachmentStartedDetail) {
    super(AttachmentStartedEvent.type, init(detail));
  }
}

/** Bytes went to S3. */
export class AttachmentProgressEvent extends CustomEvent<AttachmentProgressDetail> {
  static readonly type = 'attachment-progress';
  constructor(detail: AttachmentProgressDetail) {
    super(AttachmentProgressEvent.type, init(detail));
  }
}

/** The S3 PUT succeeded; CompleteAttachmentUpload comes next. */
export class AttachmentUploadedEvent extends CustomEvent<AttachmentIdDetail> {
  static readonly type = 'attachment-uploaded';
  constructor(detail: AttachmentIdDetail) {
    super(AttachmentUploadedEvent.type, init(detail));
  }
}

/** CompleteAttachmentUpload succeeded: the attachment is in the chat. */
export class AttachmentCompletedEvent extends CustomEvent<AttachmentIdDetail> {
  static readonly type = 'attachment-completed';
  constructor(detail: AttachmentIdDetail) {
    super(AttachmentCompletedEvent.type, init(detail));
  }
}

/** A failed step will be tried again after `delayMs`. */
export class AttachmentRetryEvent extends CustomEvent<AttachmentRetryDetail> {
  static readonly type = 'attachment-retry';
  constructor(detail: AttachmentRetryDetail) {
    super(AttachmentRetryEvent.type, init(detail));
  }
}

/** A file failed for good. */
export class AttachmentErrorEvent extends CustomEvent<AttachmentErrorDetail> {
  static readonly type = 'attachment-error';
  constructor(detail: AttachmentErrorDetail) {
    super(AttachmentErrorEvent.type, init(shown(detail)));
  }
}

/** A file was cancelled. */
export class AttachmentAbortEvent extends CustomEvent<AttachmentAbortDetail> {
  static readonly type = 'attachment-abort';
  constructor(detail: AttachmentAbortDetail) {
    super(AttachmentAbortEvent.type, init(detail));
  }
}

/** What changed since the last `uploads-changed`: the files added, changed or taken off the list. */
export interface UploadsChangedDetail {
  /** Their `uploadId`s; look each up with `getUpload(uploadId)` (undefined once it left the list). */
  readonly changed: readonly string[];
}

/**
 * Something in `uploads` changed. Fired on the uploader only (views listen to it), at most once per
 * microtask however many files moved, with the ids of the files that did.
 */
export class UploadsChangedEvent extends CustomEvent<UploadsChangedDetail> {
  static readonly type = 'uploads-changed';
  constructor(detail: UploadsChangedDetail) {
    super(UploadsChangedEvent.type, { detail });
  }
}

/** The ten attachment-* events by name: what the uploader fires, on itself or on the element. */
export interface AttachmentEventMap {
  [AttachmentSelectEvent.type]: AttachmentSelectEvent;
  [AttachmentRejectEvent.type]: AttachmentRejectEvent;
  [AttachmentConvertedEvent.type]: AttachmentConvertedEvent;
  [AttachmentStartedEvent.type]: AttachmentStartedEvent;
  [AttachmentProgressEvent.type]: AttachmentProgressEvent;
  [AttachmentUploadedEvent.type]: AttachmentUploadedEvent;
  [AttachmentCompletedEvent.type]: AttachmentCompletedEvent;
  [AttachmentRetryEvent.type]: AttachmentRetryEvent;
  [AttachmentErrorEvent.type]: AttachmentErrorEvent;
  [AttachmentAbortEvent.type]: AttachmentAbortEvent;
}

/** The events of an `AttachmentUploader`, by name. */
export interface AttachmentUploaderEventMap extends AttachmentEventMap {
  [UploadsChangedEvent.type]: UploadsChangedEvent;
}

/** Every attachment-* event name, as the uploader and the element fire them, for pages that log or forward them all. */
export const ATTACHMENT_EVENT_TYPES = [
  AttachmentSelectEvent.type,
  AttachmentRejectEvent.type,
  AttachmentConvertedEvent.type,
  AttachmentStartedEvent.type,
  AttachmentProgressEvent.type,
  AttachmentUploadedEvent.type,
  AttachmentCompletedEvent.type,
  AttachmentRetryEvent.type,
  AttachmentErrorEvent.type,
  AttachmentAbortEvent.type,
] as const;
