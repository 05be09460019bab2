// @ts-check
// Verifies a SigV4 pre-signed (query-string) request the way S3 does, against the stand-in's clock
// (which a test may shift), and signs it again for s3rver when s3rver could not check it itself.

import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * @typedef {object} SigV4Failure
 * @property {number} status
 * @property {string} code S3's error Code.
 * @property {string} message
 * @property {Record<string, string>} [detail] Extra elements of S3's XML error (e.g. HeadersNotSigned).
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
 * yyyyMMdd'T'HHmmss'Z' for ms since the epoch.
 * @param {number} ms
 * @returns {string}
 */
function toAmzDate(ms) {
  return new Date(ms).toISOString().replace(/[-:]|\.\d+/g, '');
}

/**
 * S3 reads a signed header's value as the UTF-8 bytes that arrived. Node hands header values over
 * as Latin-1 (one char per byte), so the bytes come back by encoding them as Latin-1 again. This is
 * what lets a browser, which can only send chars up to U+00FF, send a name the SDK signed as Unicode:
 * it sends the UTF-8 bytes, one Latin-1 char each.
 * @param {string | string[] | undefined} value as Node received it
 * @returns {string} the canonical value: trimmed, runs of whitespace as one space (as the SDK signs)
 */
export function s3HeaderValue(value) {
  const text = Array.isArray(value) ? value.join(',') : (value ?? '');
  return Buffer.from(text, 'latin1').toString('utf8').trim().replace(/\s+/g, ' ');
}

/**
 * The value as a backend that hashes the received string verbatim (s3rver) puts it in its
 * canonical request.
 * @param {string | string[] | undefined} value
 * @returns {string}
 */
function verbatimHeaderValue(value) {
  return Array.isArray(value) ? value.join(',') : (value ?? '');
}

/**
 * @param {string} url request target (path and query)
 */
function splitUrl(url) {
  const queryAt = url.indexOf('?');
  const path = queryAt < 0 ? url : url.slice(0, queryAt);
  const rawQuery = queryAt < 0 ? '' : url.slice(queryAt + 1);
  /** @type {[string, string][]} */
  const params = rawQuery
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const eq = pair.indexOf('=');
      return eq < 0 ? [safeDecode(pair), ''] : [safeDecode(pair.slice(0, eq)), safeDecode(pair.slice(eq + 1))];
    });
  return { path, params, query: new Map(params) };
}

/**
 * Whether the request carries a SigV4 query-string signature (a pre-signed URL).
 * @param {string} url
 * @returns {boolean}
 */
export function isPresigned(url) {
  return splitUrl(url).query.has('X-Amz-Algorithm');
}

/**
 * Whether the request carries any signature or credential at all; S3 refuses anonymous requests
 * to a private bucket.
 * @param {string} url
 * @param {import('node:http').IncomingHttpHeaders} headers
 * @returns {boolean}
 */
export function isSigned(url, headers) {
  const { query } = splitUrl(url);
  return headers.authorization !== undefined || query.has('X-Amz-Algorithm') || query.has('Signature');
}

/**
 * @param {{
 *   method: string, path: string, params: [string, string][], signedHeaders: string[],
 *   headerValue: (name: string) => string, payloadHash: string, amzDate: string, scope: string, secret: string,
 * }} r `scope` is date/region/service/aws4_request
 * @returns {string} hex signature
 */
function signatureOf(r) {
  const canonicalUri = r.path
    .split('/')
    .map((segment) => rfc3986(safeDecode(segment)))
    .join('/');
  const canonicalQuery = r.params
    .filter(([name]) => name !== 'X-Amz-Signature')
    .map(([name, value]) => ({ name: rfc3986(name), value: rfc3986(value) }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
    .map(({ name, value }) => `${name}=${value}`)
    .join('&');
  const canonicalHeaders = r.signedHeaders.map((name) => `${name}:${r.headerValue(name)}\n`).join('');
  const canonicalRequest = [r.method, canonicalUri, canonicalQuery, canonicalHeaders, r.signedHeaders.join(';'), r.payloadHash].join('\n');
  const stringToSign = ['AWS4-HMAC-SHA256', r.amzDate, r.scope, createHash('sha256').update(canonicalRequest, 'utf8').digest('hex')].join(
    '\n',
  );
  const [date = '', region = '', service = '', termination = ''] = r.scope.split('/');
  const hmac = (/** @type {Buffer | string} */ key, /** @type {string} */ data) => createHmac('sha256', key).update(data, 'utf8').digest();
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${r.secret}`, date), region), service), termination);
  return hmac(signingKey, stringToSign).toString('hex');
}

/**
 * @param {Map<string, string>} query
 * @param {import('node:http').IncomingHttpHeaders} headers
 * @returns {string}
 */
function payloadHashOf(query, headers) {
  const contentHeader = headers['x-amz-content-sha256'];
  return query.get('X-Amz-Content-Sha256') ?? (typeof contentHeader === 'string' ? contentHeader : 'UNSIGNED-PAYLOAD');
}

/**
 * Checks the query-string signature of `method path?query` with `headers`.
 * @param {{
 *   method: string,
 *   url: string,
 *   headers: import('node:http').IncomingHttpHeaders,
 *   secretFor: (accessKeyId: string) => string | undefined,
 *   now?: number,
 * }} request `url` is the request target (path and query), as in `req.url`; `now` is S3's clock
 * @returns {SigV4Failure | null} null when the request is signed, current and unchanged
 */
export function verifyPresigned({ method, url, headers, secretFor, now = Date.now() }) {
  const { path, params, query } = splitUrl(url);
  const bad = (/** @type {string} */ message) => ({ status: 400, code: 'AuthorizationQueryParametersError', message });

  if (query.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') {
    return bad('X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"');
  }
  for (const name of ['X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-Date', 'X-Amz-SignedHeaders', 'X-Amz-Expires']) {
    if (!query.has(name)) {
      return bad(
        'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, ' +
          'X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
      );
    }
  }
  const credential = /** @type {string} */ (query.get('X-Amz-Credential'));
  const [accessKeyId = '', date = '', region = '', service = '', termination = ''] = credential.split('/');
  const amzDate = /** @type {string} */ (query.get('X-Amz-Date'));
  const signedAt = parseAmzDate(amzDate);
  if (Number.isNaN(signedAt)) return bad("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"");
  const expiresParam = /** @type {string} */ (query.get('X-Amz-Expires'));
  const expires = Number(expiresParam);
  if (!Number.isInteger(expires) || expires < 0) return bad('X-Amz-Expires must be non-negative');
  if (expires > 604800) return bad('X-Amz-Expires must be less than a week (in seconds)');
  if (now > signedAt + expires * 1000) {
    return {
      status: 403,
      code: 'AccessDenied',
      message: 'Request has expired',
      detail: {
        'X-Amz-Expires': expiresParam,
        Expires: new Date(signedAt + expires * 1000).toISOString().replace(/\.\d+/, ''),
        ServerTime: new Date(now).toISOString().replace(/\.\d+/, ''),
      },
    };
  }

  const secret = secretFor(accessKeyId);
  if (secret === undefined) {
    return { status: 403, code: 'InvalidAccessKeyId', message: 'The AWS Access Key Id you provided does not exist in our records.' };
  }

  const signedHeaders = /** @type {string} */ (query.get('X-Amz-SignedHeaders')).split(';');
  // An x-amz-* header changes what S3 does (ACL, metadata, checksums…), so S3 will not take one
  // that the URL's owner did not sign.
  const signed = new Set(signedHeaders);
  const unsigned = Object.keys(headers).filter((name) => name.toLowerCase().startsWith('x-amz-') && !signed.has(name.toLowerCase()));
  if (unsigned.length > 0) {
    return {
      status: 403,
      code: 'AccessDenied',
      message: 'There were headers present in the request which were not signed',
      detail: { HeadersNotSigned: unsigned.map((name) => name.toLowerCase()).join(', ') },
    };
  }

  const expected = Buffer.from(
    signatureOf({
      method,
      path,
      params,
      signedHeaders,
      headerValue: (name) => s3HeaderValue(headers[name]),
      payloadHash: payloadHashOf(query, headers),
      amzDate,
      scope: [date, region, service, termination].join('/'),
      secret,
    }),
  );
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

/** How long a re-signed request stays good on its way from the proxy to s3rver. */
const BACKEND_EXPIRES_SECONDS = 900;

/**
 * Whether s3rver, which checks expiry by the real clock and hashes header values verbatim, would
 * judge an already verified request as S3 did: not when the stand-in's clock is shifted, nor when
 * a signed value is not its own canonical form (UTF-8 bytes, runs of spaces).
 * @param {string} url
 * @param {import('node:http').IncomingHttpHeaders} headers
 * @param {number} clockOffsetMs
 * @returns {boolean}
 */
export function backendNeedsResigning(url, headers, clockOffsetMs) {
  if (clockOffsetMs !== 0) return true;
  const signedHeaders = (splitUrl(url).query.get('X-Amz-SignedHeaders') ?? '').split(';');
  return signedHeaders.some((name) => verbatimHeaderValue(headers[name]) !== s3HeaderValue(headers[name]));
}

/**
 * The same request signed anew, now by the real clock and over the header values exactly as
 * received, so s3rver accepts what the stand-in has already verified. Call only after
 * verifyPresigned passed.
 * @param {{ method: string, url: string, headers: import('node:http').IncomingHttpHeaders, secret: string, now?: number }} request
 * @returns {string} the new request target
 */
export function resignForBackend({ method, url, headers, secret, now = Date.now() }) {
  const { path, params, query } = splitUrl(url);
  const amzDate = toAmzDate(Math.floor(now / 1000) * 1000);
  const [accessKeyId = '', , region = '', service = '', termination = ''] = (query.get('X-Amz-Credential') ?? '').split('/');
  const scope = [amzDate.slice(0, 8), region, service, termination].join('/');
  /** @type {Record<string, string>} */
  const replaced = {
    'X-Amz-Date': amzDate,
    'X-Amz-Credential': `${accessKeyId}/${scope}`,
    'X-Amz-Expires': String(BACKEND_EXPIRES_SECONDS),
  };
  /** @type {[string, string][]} */
  const next = params.map(([name, value]) => [name, Object.hasOwn(replaced, name) ? /** @type {string} */ (replaced[name]) : value]);
  const signature = signatureOf({
    method,
    path,
    params: next,
    signedHeaders: (query.get('X-Amz-SignedHeaders') ?? '').split(';'),
    headerValue: (name) => verbatimHeaderValue(headers[name]),
    payloadHash: payloadHashOf(query, headers),
    amzDate,
    scope,
    secret,
  });
  const signedQuery = next.map(([name, value]) => `${rfc3986(name)}=${rfc3986(name === 'X-Amz-Signature' ? signature : value)}`).join('&');
  return `${path}?${signedQuery}`;
}
