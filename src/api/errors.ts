/**
 * The one error type every layer throws: a stable `code` a page can switch on, the HTTP status when
 * there was one, and whether trying again can help. Imports nothing.
 */

/** Stable error codes of the public contract (see README, "Error codes"). */
export type ErrorCode =
  | 'access-denied'
  | 'validation'
  | 'quota-exceeded'
  | 'conflict'
  | 'throttled'
  | 'server-error'
  | 'network'
  | 'timeout'
  | 'url-expired'
  | 'upload-rejected'
  | 'bad-response'
  | 'config'
  /** A staged file (`complete-on-send`) whose chat changed before Send: not sent to the new chat. */
  | 'chat-changed';

/** The pipeline stage a failure belongs to. */
export type Stage = 'start' | 'upload' | 'complete';

const RETRYABLE: ReadonlySet<ErrorCode> = new Set(['throttled', 'server-error', 'network', 'timeout']);

export interface UploadErrorInit {
  status?: number;
  /** Set by the pipeline: which step failed, and the attachment it was working on. */
  stage?: Stage;
  attachmentId?: string;
  /** The AWS or S3 error type as sent by the service (`ThrottlingException`, `SignatureDoesNotMatch`). */
  awsType?: string;
  /** Overrides what the code says, for a failure that trying again cannot mend. */
  retryable?: boolean;
  cause?: unknown;
}

/**
 * At most `max` characters of what a server sent, never half a surrogate pair: a hostile or broken
 * server's 50 MB message must not be copied into every snapshot and event.
 */
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1).replace(/[\uD800-\uDBFF]$/, '')}…` : text);

export class UploadError extends Error {
  override readonly name = 'UploadError';
  readonly code: ErrorCode;
  readonly status: number | undefined;
  readonly awsType: string | undefined;
  readonly stage: Stage | undefined;
  readonly attachmentId: string | undefined;
  /** True when the same request may succeed later (throttling, 5xx, network, timeout). */
  readonly retryable: boolean;

  constructor(code: ErrorCode, message: string, init: UploadErrorInit = {}) {
    super(clip(message, 1024), init.cause === undefined ? undefined : { cause: init.cause });
    this.code = code;
    this.status = init.status;
    this.awsType = init.awsType === undefined ? undefined : clip(init.awsType, 128);
    this.stage = init.stage;
    this.attachmentId = init.attachmentId;
    this.retryable = init.retryable ?? RETRYABLE.has(code);
  }
}

/** A `bad-response` error: what the service or S3 sent cannot be used. */
export const badResponse = (message: string, status?: number) => new UploadError('bad-response', message, { status });

/** `error` as an `UploadError` that names the stage (and attachment) it happened in. */
export function atStage(error: unknown, stage: Stage, attachmentId?: string): UploadError {
  const known =
    error instanceof UploadError
      ? error
      : new UploadError('network', error instanceof Error ? error.message : 'Unexpected failure.', { cause: error });
  // Fields left undefined read as absent: the constructor copies each one it is given.
  return new UploadError(known.code, known.message, {
    status: known.status,
    awsType: known.awsType,
    attachmentId,
    stage,
    retryable: known.retryable,
    cause: known.cause,
  });
}

/** True for the rejection an aborted fetch, XHR or timer produces: cancellation, not failure. */
export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** The reason to reject with when `signal` fired, normalised to an AbortError. */
export function abortReason(signal: AbortSignal): DOMException {
  const reason: unknown = signal.reason;
  return reason instanceof DOMException && reason.name === 'AbortError'
    ? reason
    : new DOMException('The upload was cancelled.', 'AbortError');
}
