/**
 * Retrying one step: exponential backoff with full jitter (as the AWS SDKs do), only for errors
 * that can pass (throttling, 5xx, network, timeout), and never past a cancel.
 */
import { type ErrorCode, type Stage, UploadError, abortReason } from '../api/errors.js';

export interface RetryPolicy {
  /** Tries in all, the first included. 1 turns retrying off. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** In the spirit of the AWS SDK's standard mode: 3 attempts. */
export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = { attempts: 3, baseDelayMs: 300, maxDelayMs: 10_000 };

export interface RetryNotice {
  stage: Stage;
  /** The number of the attempt about to be made (2 for the first retry). */
  attempt: number;
  delayMs: number;
  code: ErrorCode;
}

/** Whether the browser is online, and a way to wait until it is. Kept abstract: no DOM here. */
export interface Connectivity {
  online(): boolean;
  /** Resolves when the browser is online again; rejects with an AbortError when `signal` fires. */
  waitForOnline(signal?: AbortSignal): Promise<void>;
}

export interface RetryOptions {
  stage: Stage;
  policy: RetryPolicy;
  signal?: AbortSignal | undefined;
  onRetry?: ((notice: RetryNotice) => void) | undefined;
  /** Injection point for tests; Math.random by default. */
  random?: (() => number) | undefined;
  /** When given, a network failure while offline waits for the network and does not use an attempt. */
  connectivity?: Connectivity | undefined;
}

/** Resolves after `ms`, or rejects with an AbortError as soon as `signal` fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function backoffDelay(policy: RetryPolicy, retryNumber: number, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retryNumber - 1));
  return Math.floor(random() * ceiling);
}

/** Runs `step` until it succeeds, fails for good, or the attempts are used up. */
export async function withRetry<T>(step: () => Promise<T>, options: RetryOptions): Promise<T> {
  const random = options.random ?? Math.random;
  const { connectivity } = options;
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      if (options.signal?.aborted) throw abortReason(options.signal);
      // Losing the network is not the service failing: wait for it, then try the same attempt again.
      if (error instanceof UploadError && error.code === 'network' && connectivity && !connectivity.online()) {
        await connectivity.waitForOnline(options.signal);
        attempt--;
        continue;
      }
      const retryable = error instanceof UploadError && error.retryable;
      if (!retryable || attempt >= options.policy.attempts) throw error;
      const delayMs = backoffDelay(options.policy, attempt, random);
      options.onRetry?.({ stage: options.stage, attempt: attempt + 1, delayMs, code: error.code });
      await sleep(delayMs, options.signal);
    }
  }
}
