/**
 * The uploader's list of files: one record per file, changed only through `patch`, which keeps the
 * running totals (files per state, bytes) and the set of changed ids up to date. So a view, the
 * batch line or the form value costs what changed, never a walk over the whole list. No DOM.
 */
import type { ErrorCode, Stage } from '../api/errors.js';

// The element names error codes and stages through the core, never through the wire layer.
export type { ErrorCode, Stage };

/**
 * `preparing`: `fit-images` is shrinking or converting the image; nothing was sent yet. `ready`
 * (`complete-on-send`): the bytes are in S3 and the file waits for `send()`; not in the chat yet.
 */
export type UploadState = 'queued' | 'preparing' | 'starting' | 'uploading' | 'finalizing' | 'ready' | 'done' | 'failed' | 'cancelled';

/** Connect's scan verdict for an attachment (the `Status` of its chat message). */
export type AttachmentScanStatus = 'APPROVED' | 'REJECTED' | 'IN_PROGRESS';

/** Why a file failed: the same fields in `uploads[].error` and in `attachment-error`'s detail. */
export interface UploadFailure {
  readonly code: ErrorCode;
  readonly message: string;
  readonly stage: Stage;
  readonly retryable: boolean;
  readonly status?: number;
}

/** A file in the list, as `uploads` reports it. */
export interface UploadInfo {
  readonly uploadId: string;
  /** The file as given (with `fit-images`, the original, not the fitted copy). */
  readonly file: File;
  /** The MIME type of `file` (with `fit-images`, `attachment-converted` tells the one sent). */
  readonly contentType: string;
  readonly state: UploadState;
  readonly loaded: number;
  readonly total: number;
  readonly attachmentId: string | undefined;
  readonly error: UploadFailure | undefined;
  /** True while an upload has made no progress for a few seconds (slow or lost network). */
  readonly stalled: boolean;
  readonly scanStatus: AttachmentScanStatus | undefined;
}

/** The whole list in numbers, kept as files move (never counted by walking the list). */
export interface UploadsSummary {
  /** Files in the list. */
  readonly files: number;
  /** Files queued or uploading. */
  readonly active: number;
  /** Files waiting for `send()` (`complete-on-send`). */
  readonly ready: number;
  readonly done: number;
  readonly failed: number;
  readonly cancelled: number;
  /** Bytes sent and to send over the files not cancelled (a finished file counts whole). */
  readonly loaded: number;
  readonly total: number;
  /** Files `manual` keeps queued until `upload()` is called with no argument. */
  readonly held: number;
}

/** What a record holds beyond its snapshot: the step it is in, its run, when it last moved. */
export interface UploadRecord {
  readonly uploadId: string;
  readonly file: File;
  readonly contentType: string;
  state: UploadState;
  loaded: number;
  total: number;
  attachmentId: string | undefined;
  error: UploadFailure | undefined;
  stalled: boolean;
  scanStatus: AttachmentScanStatus | undefined;
  stage: Stage;
  /** The run in progress; a run whose controller was replaced or aborted must not speak any more. */
  controller: AbortController | undefined;
  /** When the file last made progress or changed step (epoch ms). */
  movedAt: number;
}

export type RecordPatch = Partial<Omit<UploadRecord, 'uploadId' | 'file' | 'contentType'>>;

export const ACTIVE_STATES: ReadonlySet<UploadState> = new Set(['queued', 'preparing', 'starting', 'uploading', 'finalizing']);
/** States with a request in flight: what the stall clock watches. */
const RUNNING_STATES: ReadonlySet<UploadState> = new Set(['starting', 'uploading', 'finalizing']);

export class UploadList {
  readonly #records = new Map<string, UploadRecord>();
  readonly #byAttachment = new Map<string, UploadRecord>();
  readonly #snapshots = new Map<string, UploadInfo>();
  readonly #running = new Set<UploadRecord>();
  #array: readonly UploadInfo[] | undefined;
  #counts = { files: 0, active: 0, ready: 0, done: 0, failed: 0, cancelled: 0, loaded: 0, total: 0 };
  #changed = new Set<string>();
  readonly #onChange: () => void;

  /** `onChange` is called after every change (the uploader coalesces them). */
  constructor(onChange: () => void) {
    this.#onChange = onChange;
  }

  get summary(): Omit<UploadsSummary, 'held'> {
    return { ...this.#counts };
  }

  /** The records with a request in flight. */
  get running(): ReadonlySet<UploadRecord> {
    return this.#running;
  }

  records(): IterableIterator<UploadRecord> {
    return this.#records.values();
  }

  get(uploadId: string): UploadRecord | undefined {
    return this.#records.get(uploadId);
  }

  byAttachment(attachmentId: string): UploadRecord | undefined {
    return this.#byAttachment.get(attachmentId);
  }

  add(record: UploadRecord): void {
    this.#records.set(record.uploadId, record);
    this.#count(record, 1);
    this.#touch(record.uploadId);
  }

  remove(record: UploadRecord): void {
    if (this.#records.get(record.uploadId) !== record) return;
    this.#count(record, -1);
    this.#records.delete(record.uploadId);
    if (record.attachmentId !== undefined && this.#byAttachment.get(record.attachmentId) === record) {
      this.#byAttachment.delete(record.attachmentId);
    }
    this.#running.delete(record);
    this.#touch(record.uploadId);
  }

  /** The one way a record changes: totals, lookups, snapshot and change set follow. */
  patch(record: UploadRecord, patch: RecordPatch): void {
    if (this.#records.get(record.uploadId) !== record) {
      Object.assign(record, patch);
      return;
    }
    this.#count(record, -1);
    const before = record.attachmentId;
    Object.assign(record, patch);
    this.#count(record, 1);
    if (record.attachmentId !== before) {
      if (before !== undefined && this.#byAttachment.get(before) === record) this.#byAttachment.delete(before);
      if (record.attachmentId !== undefined) this.#byAttachment.set(record.attachmentId, record);
    }
    if (RUNNING_STATES.has(record.state)) this.#running.add(record);
    else {
      // Only a file with a request in flight can be stalled: every other state clears it, here once.
      record.stalled = false;
      this.#running.delete(record);
    }
    this.#touch(record.uploadId);
  }

  snapshot(uploadId: string): UploadInfo | undefined {
    const known = this.#snapshots.get(uploadId);
    if (known) return known;
    const record = this.#records.get(uploadId);
    if (!record) return undefined;
    const { file, contentType, state, loaded, total, attachmentId, error, stalled, scanStatus } = record;
    const info: UploadInfo = { uploadId, file, contentType, state, loaded, total, attachmentId, error, stalled, scanStatus };
    this.#snapshots.set(uploadId, info);
    return info;
  }

  /** Every file, in the order they came; the same array until something changes. */
  snapshots(): readonly UploadInfo[] {
    this.#array ??= Array.from(this.#records.keys(), (uploadId) => this.snapshot(uploadId) as UploadInfo);
    return this.#array;
  }

  /** The ids changed since the last call, and a fresh start for the next. */
  takeChanged(): string[] {
    const changed = [...this.#changed];
    this.#changed = new Set();
    return changed;
  }

  #touch(uploadId: string): void {
    this.#snapshots.delete(uploadId);
    this.#array = undefined;
    this.#changed.add(uploadId);
    this.#onChange();
  }

  #count(record: UploadRecord, sign: 1 | -1): void {
    const counts = this.#counts;
    counts.files += sign;
    if (ACTIVE_STATES.has(record.state)) counts.active += sign;
    else if (record.state === 'done') counts.done += sign;
    else if (record.state === 'ready') counts.ready += sign;
    else if (record.state === 'failed') counts.failed += sign;
    else counts.cancelled += sign;
    if (record.state === 'cancelled') return;
    counts.total += sign * record.total;
    counts.loaded += sign * (record.state === 'done' ? record.total : record.loaded);
  }
}
