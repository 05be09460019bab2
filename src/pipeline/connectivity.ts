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

type Target = Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;

const windowTarget = (): Target | undefined =>
  typeof globalThis.addEventListener === 'function' ? globalThis : undefined;

const isOnline = (): boolean => globalThis.navigator?.onLine ?? true;

export const browserConnectivity: WatchedConnectivity = {
  online: isOnline,
  waitForOnline: (signal) =>
    new Promise((resolve, reject) => {
      const target = windowTarget();
      if (isOnline() || !target) {
        resolve();
        return;
      }
      const done = () => {
        target.removeEventListener('online', done);
        signal?.removeEventListener('abort', done);
        if (signal?.aborted) reject(new DOMException('The upload was cancelled.', 'AbortError'));
        else resolve();
      };
      target.addEventListener('online', done);
      signal?.addEventListener('abort', done);
    }),
  watch(onChange) {
    const target = windowTarget();
    if (!target) return () => {};
    const online = () => onChange(true);
    const offline = () => onChange(false);
    target.addEventListener('online', online);
    target.addEventListener('offline', offline);
    return () => {
      target.removeEventListener('online', online);
      target.removeEventListener('offline', offline);
    };
  },
};
