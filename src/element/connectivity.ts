/** The browser's online state for the pipeline, which must not touch `window` itself. */
import type { Connectivity } from '../pipeline/retry.js';

export const browserConnectivity: Connectivity = {
  online: () => navigator.onLine,
  waitForOnline: (signal) =>
    new Promise((resolve, reject) => {
      if (navigator.onLine) {
        resolve();
        return;
      }
      const done = () => {
        window.removeEventListener('online', done);
        signal?.removeEventListener('abort', done);
        if (signal?.aborted) reject(new DOMException('The upload was cancelled.', 'AbortError'));
        else resolve();
      };
      window.addEventListener('online', done);
      signal?.addEventListener('abort', done);
    }),
};
