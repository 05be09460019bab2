// @ts-check
// The S3 proxy's check of who may do what, before a byte is stored: S3's rules for pre-signed
// requests judged by the stand-in's own clock, and the form in which s3rver gets them.

import { isPresigned, isSigned, verifyPresigned, backendNeedsResigning, resignForBackend } from './sigv4.mjs';
import { s3Credentials, secretFor } from './s3rver.mjs';

/** @typedef {import('./sigv4.mjs').SigV4Failure} SigV4Failure */

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {{ now: () => number, clockOffsetMs: number }} clock the AWS side's clock
 * @returns {{ failure: SigV4Failure } | { target: string }} `target`: the request target to send on
 */
export function authorizeS3Request(req, clock) {
  const url = req.url ?? '/';
  const method = req.method ?? 'GET';
  // Preflights carry no credentials; CORS decides them.
  if (method === 'OPTIONS') return { target: url };
  // The attachments bucket is private: nothing gets in without a signature.
  if (!isSigned(url, req.headers)) return { failure: { status: 403, code: 'AccessDenied', message: 'Access Denied' } };
  // Authorization-header requests (the stand-in's own SDK clients, tests) are s3rver's to check.
  if (!isPresigned(url)) return { target: url };
  const failure = verifyPresigned({ method, url, headers: req.headers, secretFor, now: clock.now() });
  if (failure) return { failure };
  if (!backendNeedsResigning(url, req.headers, clock.clockOffsetMs)) return { target: url };
  return { target: resignForBackend({ method, url, headers: req.headers, secret: s3Credentials().secretAccessKey }) };
}
