/**
 * The browser's online state, for the uploader: the only place the core looks at `window`, and
 * only when it exists (in Node, where server rendering imports the package, it is always online).
 */
import type { Connectivity } from './retry.js';

/** Connectivity that can also tell when it changes, as the uploader's queue needs. */
export interface WatchedConnectivity extends Connectivity {
  /** Calls `onChange(online)` whenever the browser goes on- or offline; returns the way to stop. */
  watch(onChange: (online: boolean) => void): () => void;
}

const online = (): boolean => globalThis.navigator?.onLine ?? true;

function watch(onChange: (online: boolean) => void): () => void {
  const target = typeof globalThis.addEventListener === 'function' ? globalThis : undefined;
  const on = () => onChange(true);
  const off = () => onChange(false);
  target?.addEventListener('online', on);
  target?.addEventListener('offline', off);
  return () => {
    target?.removeEventListener('online', on);
    target?.removeEventListener('offline', off);
  };
}

export const browserConnectivity: WatchedConnectivity = {
  online,
  watch,
  waitForOnline: (signal) =>
    new Promise((resolve, reject) => {
      if (online()) return resolve();
      const done = () => {
        stop();
        signal?.removeEventListener('abort', done);
        if (signal?.aborted) reject(new DOMException('The upload was cancelled.', 'AbortError'));
        else resolve();
      };
      const stop = watch((now) => now && done());
      signal?.addEventListener('abort', done);
    }),
};
