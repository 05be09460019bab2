/**
 * One file through Amazon Connect's three steps: StartAttachmentUpload, the S3 PUT, then
 * CompleteAttachmentUpload — and Complete only after a PUT that succeeded. No DOM; I/O comes in
 * as `UploadSteps`, news goes out through callbacks, cancellation comes in as an AbortSignal.
 */
import type { CompleteUploadInput, StartUploadInput, StartedUpload } from '../api/acps.js';
import { type Stage, abortReason, atStage, isAbortError } from '../api/errors.js';
import type { PutObjectRequest } from '../api/s3.js';
import { DEFAULT_RETRY_POLICY, type RetryNotice, type RetryPolicy, withRetry } from './retry.js';

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
  onRetry?(notice: RetryNotice): void;
}

export interface UploadOptions {
  retry?: RetryPolicy | undefined;
  newClientToken?: (() => string) | undefined;
  random?: (() => number) | undefined;
}

export interface UploadJob {
  file: File;
  /** The MIME type decided at validation; Start and the S3 Content-Type must agree on it. */
  contentType: string;
}

/**
 * Uploads `job.file` and resolves with the AttachmentId once Complete succeeded. Rejects with an
 * `UploadError` that carries its `stage`, or with an AbortError after `signal` fired.
 */
export async function uploadFile(
  job: UploadJob,
  steps: UploadSteps,
  signal: AbortSignal,
  callbacks: UploadCallbacks = {},
  options: UploadOptions = {},
): Promise<{ attachmentId: string }> {
  const policy = options.retry ?? DEFAULT_RETRY_POLICY;
  const newClientToken = options.newClientToken ?? (() => crypto.randomUUID());
  const retrying = (stage: Stage) => ({ stage, policy, signal, onRetry: callbacks.onRetry, random: options.random });
  let stage: Stage = 'start';
  let attachmentId: string | undefined;
  const enter = (next: Stage) => {
    if (signal.aborted) throw abortReason(signal);
    stage = next;
    callbacks.onStage?.(next);
  };

  try {
    enter('start');
    // One ClientToken per logical step: a retry of the same call must not create a second attachment.
    const startToken = newClientToken();
    const started = await withRetry(
      () =>
        steps.start(
          { contentType: job.contentType, sizeInBytes: job.file.size, name: job.file.name, clientToken: startToken },
          signal,
        ),
      retrying('start'),
    );
    attachmentId = started.attachmentId;
    if (signal.aborted) throw abortReason(signal);
    callbacks.onStarted?.({ attachmentId: started.attachmentId, urlExpiry: started.urlExpiry });

    enter('upload');
    await withRetry(
      () =>
        steps.put({
          url: started.url,
          headers: started.headers,
          body: job.file,
          signal,
          onProgress: (loaded, total) => callbacks.onProgress?.(loaded, total),
        }),
      retrying('upload'),
    );
    if (signal.aborted) throw abortReason(signal);
    callbacks.onUploaded?.(started.attachmentId);

    enter('complete');
    const completeToken = newClientToken();
    await withRetry(
      () => steps.complete({ attachmentId: started.attachmentId, clientToken: completeToken }, signal),
      retrying('complete'),
    );
    return { attachmentId: started.attachmentId };
  } catch (error) {
    if (isAbortError(error)) throw error;
    if (signal.aborted) throw abortReason(signal);
    throw atStage(error, stage, attachmentId);
  }
}
