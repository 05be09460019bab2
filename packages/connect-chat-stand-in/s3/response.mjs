// @ts-check
// How the S3 side answers on its own (errors, CORS), whether a bucket PUT went to s3rver or to
// the discarding sink, and whether the bucket has a CORS rule for the page or not.

import { randomBytes } from 'node:crypto';

/** @typedef {import('node:http').IncomingMessage} IncomingMessage */
/** @typedef {import('node:http').ServerResponse} ServerResponse */
/** @typedef {Record<string, string | string[] | undefined>} HeaderBag */

/**
 * Element text only needs these three; S3 leaves quotes as they are ("resource's CORS spec").
 * @param {string} s
 * @returns {string}
 */
function xmlEscape(s) {
  return s.replace(/[<>&]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** S3's words when no CORS rule matches a preflight (the typo is S3's). */
export const CORS_REFUSED_MESSAGE =
  'CORSResponse: This CORS request is not allowed. This is usually because the ' +
  'evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers ' +
  "are not whitelisted by the resource's CORS spec.";

/**
 * @param {() => boolean} corsAllowed read per response: the option can change at any time
 */
export function createS3Responses(corsAllowed) {
  /**
   * Browsers can only read a cross-origin error body when it carries CORS headers; s3rver adds
   * them only when its CORS middleware ran, so fill them in where they are missing. Without a
   * CORS rule, S3 sends none at all, s3rver's included.
   * @param {IncomingMessage} req
   * @param {HeaderBag} headers
   */
  function ensureCors(req, headers) {
    if (!corsAllowed()) {
      for (const name of Object.keys(headers)) {
        if (name.toLowerCase().startsWith('access-control-')) delete headers[name];
      }
      return;
    }
    const origin = req.headers.origin;
    if (!origin || req.method === 'OPTIONS' || headers['access-control-allow-origin']) return;
    headers['access-control-allow-origin'] = origin;
    headers['access-control-expose-headers'] = 'ETag';
    headers.vary = 'Origin';
  }

  /**
   * @param {IncomingMessage} req
   * @param {ServerResponse} res
   * @param {number} status
   * @param {string} code
   * @param {string} message
   * @param {Record<string, string>} [detail] extra elements S3 puts after Message (e.g. HeadersNotSigned)
   */
  function sendS3Error(req, res, status, code, message, detail = {}) {
    const requestId = randomBytes(8).toString('hex').toUpperCase();
    const extra = Object.entries(detail)
      .map(([name, value]) => `<${name}>${xmlEscape(value)}</${name}>`)
      .join('');
    const body =
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      `<Error><Code>${xmlEscape(code)}</Code><Message>${xmlEscape(message)}</Message>${extra}` +
      `<RequestId>${requestId}</RequestId></Error>`;
    /** @type {HeaderBag} */
    const headers = {
      'content-type': 'application/xml',
      'content-length': String(Buffer.byteLength(body)),
      'x-amz-request-id': requestId,
    };
    ensureCors(req, headers);
    res.writeHead(status, headers);
    res.end(body);
  }

  /**
   * What S3 answers a preflight that no CORS rule matches. It looks for the CORS headers first.
   * @param {IncomingMessage} req
   * @param {ServerResponse} res
   */
  function refusePreflight(req, res) {
    const method = req.headers['access-control-request-method'];
    if (!req.headers.origin) {
      sendS3Error(req, res, 400, 'BadRequest', 'Insufficient information. Origin request header needed.');
      return;
    }
    if (typeof method !== 'string') {
      sendS3Error(req, res, 400, 'BadRequest', 'Invalid Access-Control-Request-Method: null');
      return;
    }
    sendS3Error(req, res, 403, 'AccessForbidden', CORS_REFUSED_MESSAGE, {
      Method: method,
      ResourceType: 'OBJECT',
    });
  }

  return { ensureCors, sendS3Error, refusePreflight, corsAllowed };
}

/** @typedef {ReturnType<typeof createS3Responses>} S3Responses */
