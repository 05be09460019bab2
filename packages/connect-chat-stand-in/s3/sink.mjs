// @ts-check
// The discarding S3 sink (`s3Sink: 'discard'`): the S3 proxy answers bucket PUTs and CORS
// preflights itself instead of handing them to s3rver. The proxy has already checked the PUT as
// S3 would (signature, expiry, unsigned headers); the sink streams the body through a byte count
// and a SHA-256 and keeps only those, never the bytes. Nothing is buffered or written to disk,
// so the sink is never what limits an upload's speed.

import { createHash, randomBytes } from 'node:crypto';
import { BUCKET } from './s3rver.mjs';
import { isPresigned } from './sigv4.mjs';
import { sleep } from '../shared/http.mjs';

/** @typedef {import('../shared/types.mjs').ActiveFault} ActiveFault */
/** @typedef {import('../shared/types.mjs').StoredObject} StoredObject */

/**
 * The object key of a path-style bucket URL, or undefined when it is not in the bucket.
 * @param {string} url
 * @returns {string | undefined}
 */
function keyOf(url) {
  const path = url.split('?')[0] ?? '';
  const prefix = `/${BUCKET}/`;
  if (!path.startsWith(prefix) || path.length === prefix.length) return undefined;
  try {
    return path.slice(prefix.length).split('/').map(decodeURIComponent).join('/');
  } catch {
    return undefined;
  }
}

/**
 * @param {import('./response.mjs').S3Responses} responses shared with the proxy, so CORS looks the same either way
 */
export function createDiscardSink({ sendS3Error, ensureCors }) {
  /** @type {Map<string, StoredObject & { etag: string }>} */
  const objects = new Map();

  return {
    /** @param {import('node:http').IncomingMessage} req */
    handles(req) {
      const url = req.url ?? '/';
      if (keyOf(url) === undefined) return false;
      // Only pre-signed PUTs: a header-signed one (the stand-in's own SDK) is s3rver's to check.
      return req.method === 'OPTIONS' || (req.method === 'PUT' && isPresigned(url));
    },

    /**
     * A CORS preflight, answered like s3rver does for the bucket's one rule (any origin,
     * PUT/GET/HEAD, any header).
     * @param {import('node:http').IncomingMessage} req
     * @param {import('node:http').ServerResponse} res
     */
    preflight(req, res) {
      if (!req.headers.origin || !req.headers['access-control-request-method']) {
        sendS3Error(req, res, 400, 'BadRequest', 'Insufficient information. Origin request header needed.');
        return;
      }
      /** @type {Record<string, string>} */
      const headers = {
        'access-control-allow-origin': '*',
        'access-control-allow-methods': 'PUT, GET, HEAD',
        vary: 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method',
        'content-length': '0',
      };
      const requested = req.headers['access-control-request-headers'];
      if (requested) {
        headers['access-control-allow-headers'] = requested
          .split(',')
          .map((h) => h.trim().toLowerCase())
          .join(', ');
      }
      res.writeHead(200, headers);
      res.end();
    },

    /**
     * @param {import('node:http').IncomingMessage} req
     * @param {import('node:http').ServerResponse} res
     * @param {ActiveFault | null} fault only `slowBytesPerSecond` is left to apply here
     */
    async put(req, res, fault) {
      const key = /** @type {string} */ (keyOf(req.url ?? '/'));
      const hash = createHash('sha256');
      let size = 0;
      const rate = fault?.slowBytesPerSecond;
      const started = Date.now();
      try {
        for await (const chunk of req) {
          const buf = /** @type {Buffer} */ (chunk);
          hash.update(buf);
          size += buf.length;
          if (rate) {
            const wait = started + (size / rate) * 1000 - Date.now();
            if (wait > 0) await sleep(wait);
          }
        }
      } catch {
        res.destroy();
        return;
      }
      // A client that gave up half way leaves nothing behind, as with S3.
      if (!req.complete || res.destroyed) {
        res.destroy();
        return;
      }
      const sha256 = hash.digest('hex');
      // S3's ETag is the body's MD5; a slice of the SHA-256 keeps the sink to one hash.
      const etag = `"${sha256.slice(0, 32)}"`;
      objects.set(key, { size, sha256, etag });
      /** @type {Record<string, string | string[] | undefined>} */
      const headers = {
        etag,
        'x-amz-request-id': randomBytes(8).toString('hex').toUpperCase(),
        'content-length': '0',
      };
      ensureCors(req, headers);
      res.writeHead(200, headers);
      res.end();
    },

    /**
     * @param {string} key
     * @returns {{ size: number } | null}
     */
    head(key) {
      const object = objects.get(key);
      return object ? { size: object.size } : null;
    },

    /**
     * @param {string} key
     * @returns {StoredObject | null}
     */
    digest(key) {
      const object = objects.get(key);
      return object ? { size: object.size, sha256: object.sha256 } : null;
    },

    clear() {
      objects.clear();
    },
  };
}

/** @typedef {ReturnType<typeof createDiscardSink>} DiscardSink */
