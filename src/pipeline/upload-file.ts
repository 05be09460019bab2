/**
 * One file through Amazon Connect's three steps: StartAttachmentUpload, the S3 PUT, then
 * CompleteAttachmentUpload — and Complete only after a PUT that succeeded. No DOM; I/O comes in
 * as `UploadSteps`, news goes out through callbacks, cancellation comes in as an AbortSignal.
 */
import type { CompleteUploadInput, StartUploadInput, StartedUpload } from '../api/acps.js';
import { type Stage, UploadError, abortReason, atStage, isAbortError } from '../api/errors.js';
import type { PutObjectRequest } from '../api/s3.js';
import { attachmentNameOf } from './file-types.js';
import { type Connectivity, DEFAULT_RETRY_POLICY, type RetryNotice, type RetryPolicy, withRetry } from './retry.js';

/** The I/O of one upload, with the token already bound (the pipeline never sees it). */
export interface UploadSteps {
  start(input: StartUploadInput, signal: AbortSignal): Promise<StartedUpload>;
  put(request: PutObjectRequest): Promise<void>;
  complete(input: CompleteUploadInput, signal: AbortSignal): Promise<void>;
}

export interface UploadCallbacks {
  /** The step now running; the element uses it for state and for `attachment-abort`'s `stage`. */
  onStage?(stage: Stage): void;
  onStarted?(started: { attachmentId: string; urlExpiry: Date }): void;
  onProgress?(loaded: number, total: number): void;
  onUploaded?(attachmentId: string): void;
  /** Complete is about to be asked: what a later retry needs to ask it again, and not start over. */
  onCompleting?(completion: Completion): void;
  onRetry?(notice: RetryNotice): void;
}

/** A Complete that was asked: its attachment and the ClientToken that makes asking again safe. */
export interface Completion {
  attachmentId: string;
  clientToken: string;
}

export interface UploadOptions {
  /**
   * A Complete whose outcome is unknown (its answer was lost, it timed out, it was cancelled):
   * asked again first, with the same ClientToken, so the file cannot reach the chat twice. Only
   * Connect saying the attachment cannot be completed starts over.
   */
  resume?: Completion | undefined;
  retry?: RetryPolicy | undefined;
  newClientToken?: (() => string) | undefined;
  random?: (() => number) | undefined;
  connectivity?: Connectivity | undefined;
  /** How many times an expired upload URL may send the file back to Start. Default: 2. */
  maxRestarts?: number | undefined;
  /** A URL that expires sooner than this is treated as expired: the PUT would not finish in time. */
  urlExpiryMarginMs?: number | undefined;
  /**
   * Asked once the PUT succeeded: true stops there (the file is staged, `complete-on-send`), and its
   * Complete is asked later as a `resume`.
   */
  hold?: (() => boolean) | undefined;
  /** Abort a PUT with no progress for this long, then retry it. Default: 30 s. */
  stallTimeoutMs?: number | undefined;
  now?: (() => number) | undefined;
}

export interface UploadJob {
  file: File;
  /** The MIME type decided at validation; Start and the S3 Content-Type must agree on it. */
  contentType: string;
}

const expired = () => new UploadError('url-expired', 'The upload link expired before the file was sent.');

/**
 * How long a pre-signed URL lives, from its own `X-Amz-Expires`: counted from its arrival on the
 * page's clock, so a page clock that is off never makes a live URL look dead (or the reverse).
 * Undefined for a URL that does not say; S3's "Request has expired" stays the authority.
 */
function lifetimeMs(url: string): number | undefined {
  const seconds = Number(/[?&]X-Amz-Expires=(\d+)/i.exec(url)?.[1]);
  return seconds > 0 ? seconds * 1000 : undefined;
}

/**
 * Connect said the attachment can never be completed (unknown, or its upload is gone, as a staged
 * one may be after a while): 400 ValidationException or ResourceNotFoundException.
 */
export const unusable = (error: unknown) =>
  error instanceof UploadError && (error.code === 'validation' || error.awsType === 'ResourceNotFoundException');

/**
 * Uploads `job.file` and resolves with the AttachmentId once Complete succeeded (or, `held`, once
 * the PUT did when `hold` said so). Rejects with an
 * `UploadError` that carries its `stage`, or with an AbortError after `signal` fired.
 */
export async function uploadFile(
  job: UploadJob,
  steps: UploadSteps,
  signal: AbortSignal,
  callbacks: UploadCallbacks = {},
  options: UploadOptions = {},
): Promise<{ attachmentId: string; held?: true }> {
  const policy = options.retry ?? DEFAULT_RETRY_POLICY;
  const newClientToken = options.newClientToken ?? (() => crypto.randomUUID());
  const now = options.now ?? Date.now;
  const maxRestarts = options.maxRestarts ?? 2;
  const margin = options.urlExpiryMarginMs ?? 5_000;
  const retrying = (stage: Stage) => ({
    stage,
    policy,
    signal,
    onRetry: callbacks.onRetry,
    random: options.random,
    connectivity: options.connectivity,
  });
  let stage: Stage = 'start';
  let attachmentId: string | undefined;
  const enter = (next: Stage) => {
    if (signal.aborted) throw abortReason(signal);
    stage = next;
    callbacks.onStage?.(next);
  };

  try {
    if (options.resume) {
      const { resume } = options;
      attachmentId = resume.attachmentId;
      enter('complete');
      try {
        await withRetry(() => steps.complete(resume, signal), retrying('complete'));
        return { attachmentId: resume.attachmentId };
      } catch (error) {
        if (!unusable(error) || signal.aborted) throw error;
      }
    }
    // Each pass: a fresh Start (new ClientToken, so a new attachment and URL), then the PUT. A pass
    // ends early only when the URL expired; the dead AttachmentId is dropped, never completed.
    for (let restart = 0; ; restart++) {
      enter('start');
      // One ClientToken per logical step: a retry of the same call must not create a second attachment.
      const startToken = newClientToken();
      const started = await withRetry(
        () =>
          steps.start(
            {
              contentType: job.contentType,
              sizeInBytes: job.file.size,
              name: attachmentNameOf(job.file.name),
              clientToken: startToken,
            },
            signal,
          ),
        retrying('start'),
      );
      attachmentId = started.attachmentId;
      const lifetime = lifetimeMs(started.url);
      const deadline = lifetime === undefined ? Infinity : now() + lifetime;
      if (signal.aborted) throw abortReason(signal);
      callbacks.onStarted?.({ attachmentId: started.attachmentId, urlExpiry: started.urlExpiry });

      enter('upload');
      try {
        await withRetry(async () => {
          // A file that waited (in a retry's backoff, offline) may find its URL dead: don't send bytes for nothing.
          if (now() > deadline - margin) throw expired();
          await steps.put({
            url: started.url,
            headers: started.headers,
            body: job.file,
            signal,
            onProgress: (loaded, total) => callbacks.onProgress?.(loaded, total),
            ...(options.stallTimeoutMs === undefined ? {} : { stallTimeoutMs: options.stallTimeoutMs }),
          });
        }, retrying('upload'));
      } catch (error) {
        const canRestart = error instanceof UploadError && error.code === 'url-expired' && restart < maxRestarts;
        if (!canRestart || signal.aborted) throw error;
        callbacks.onRetry?.({ stage: 'upload', attempt: restart + 2, delayMs: 0, code: 'url-expired' });
        continue;
      }
      if (signal.aborted) throw abortReason(signal);
      callbacks.onUploaded?.(started.attachmentId);
      if (options.hold?.()) return { attachmentId: started.attachmentId, held: true };

      enter('complete');
      const completion = { attachmentId: started.attachmentId, clientToken: newClientToken() };
      callbacks.onCompleting?.(completion);
      await withRetry(() => steps.complete(completion, signal), retrying('complete'));
      return { attachmentId: started.attachmentId };
    }
  } catch (error) {
    if (isAbortError(error)) throw error;
    if (signal.aborted) throw abortReason(signal);
    throw atStage(error, stage, attachmentId);
  }
}
