// @ts-check
// Verifies a SigV4 pre-signed (query-string) request the way S3 does, for the discarding S3 sink,
// which answers PUTs itself instead of handing them to s3rver.

import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * @typedef {object} SigV4Failure
 * @property {number} status
 * @property {string} code S3's error Code.
 * @property {string} message
 */

/**
 * URI-encodes like SigV4 does (RFC 3986 unreserved characters stay as they are).
 * @param {string} s
 * @returns {string}
 */
export function rfc3986(s) {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * @param {string} s
 * @returns {string}
 */
function safeDecode(s) {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * yyyyMMdd'T'HHmmss'Z' → ms since the epoch, or NaN.
 * @param {string} s
 * @returns {number}
 */
function parseAmzDate(s) {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  if (!m) return NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

/**
 * Checks the query-string signature of `method path?query` with `headers`.
 * @param {{
 *   method: string,
 *   url: string,
 *   headers: import('node:http').IncomingHttpHeaders,
 *   secretFor: (accessKeyId: string) => string | undefined,
 *   now?: number,
 * }} request `url` is the request target (path and query), as in `req.url`.
 * @returns {SigV4Failure | null} null when the request is signed, current and unchanged
 */
export function verifyPresigned({ method, url, headers, secretFor, now = Date.now() }) {
  const queryAt = url.indexOf('?');
  const path = queryAt < 0 ? url : url.slice(0, queryAt);
  const rawQuery = queryAt < 0 ? '' : url.slice(queryAt + 1);
  /** @type {[string, string][]} */
  const params = rawQuery.split('&').filter(Boolean).map((pair) => {
    const eq = pair.indexOf('=');
    return eq < 0 ? [safeDecode(pair), ''] : [safeDecode(pair.slice(0, eq)), safeDecode(pair.slice(eq + 1))];
  });
  const query = new Map(params);
  const bad = (/** @type {string} */ message) => ({ status: 400, code: 'AuthorizationQueryParametersError', message });

  if (query.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') {
    return bad('X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"');
  }
  for (const name of ['X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-Date', 'X-Amz-SignedHeaders', 'X-Amz-Expires']) {
    if (!query.has(name)) {
      return bad('Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, '
        + 'X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.');
    }
  }
  const credential = /** @type {string} */ (query.get('X-Amz-Credential'));
  const [accessKeyId = '', date = '', region = '', service = '', termination = ''] = credential.split('/');
  const amzDate = /** @type {string} */ (query.get('X-Amz-Date'));
  const signedAt = parseAmzDate(amzDate);
  if (Number.isNaN(signedAt)) return bad('X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd\'T\'HHmmss\'Z\'"');
  const expires = Number(query.get('X-Amz-Expires'));
  if (!Number.isInteger(expires) || expires < 0) return bad('X-Amz-Expires must be non-negative');
  if (expires > 604800) return bad('X-Amz-Expires must be less than a week (in seconds)');
  if (now > signedAt + expires * 1000) return { status: 403, code: 'AccessDenied', message: 'Request has expired' };

  const secret = secretFor(accessKeyId);
  if (secret === undefined) {
    return { status: 403, code: 'InvalidAccessKeyId', message: 'The AWS Access Key Id you provided does not exist in our records.' };
  }

  const canonicalUri = path.split('/').map((segment) => rfc3986(safeDecode(segment))).join('/');
  const canonicalQuery = params
    .filter(([name]) => name !== 'X-Amz-Signature')
    .map(([name, value]) => ({ name: rfc3986(name), value: rfc3986(value) }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
    .map(({ name, value }) => `${name}=${value}`)
    .join('&');
  const signedHeaders = /** @type {string} */ (query.get('X-Amz-SignedHeaders')).split(';');
  const canonicalHeaders = signedHeaders.map((name) => {
    const value = headers[name];
    const text = Array.isArray(value) ? value.join(',') : value ?? '';
    return `${name}:${text.trim().replace(/\s+/g, ' ')}\n`;
  }).join('');
  const contentHeader = headers['x-amz-content-sha256'];
  const payloadHash = query.get('X-Amz-Content-Sha256')
    ?? (typeof contentHeader === 'string' ? contentHeader : 'UNSIGNED-PAYLOAD');
  const canonicalRequest = [
    method, canonicalUri, canonicalQuery, canonicalHeaders, signedHeaders.join(';'), payloadHash,
  ].join('\n');
  const stringToSign = [
    'AWS4-HMAC-SHA256', amzDate, [date, region, service, termination].join('/'),
    createHash('sha256').update(canonicalRequest).digest('hex'),
  ].join('\n');
  const hmac = (/** @type {Buffer | string} */ key, /** @type {string} */ data) => createHmac('sha256', key).update(data).digest();
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');
  const expected = Buffer.from(hmac(signingKey, stringToSign).toString('hex'));
  const provided = Buffer.from(/** @type {string} */ (query.get('X-Amz-Signature')));
  if (expected.length !== provided.length || !timingSafeEqual(expected, provided)) {
    return {
      status: 403,
      code: 'SignatureDoesNotMatch',
      message: 'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    };
  }
  return null;
}
