// @ts-check
// Builds the signed Content-Disposition header for an attachment name: RFC 6266 + RFC 8187 by
// default, or the raw form seen in real Connect responses.

/** HeadersToInclude values are 1..256 characters in the connectparticipant model. */
export const MAX_HEADER_VALUE_LENGTH = 256;

/**
 * An ISO-8859-1-safe stand-in for the name: browsers throw on header values outside Latin-1,
 * and quotes or backslashes would break the quoted-string.
 * @param {string} name
 * @returns {string}
 */
export function asciiFallback(name) {
  const replaced = Array.from(name, (ch) => {
    const code = /** @type {number} */ (ch.codePointAt(0));
    if (code < 0x20 || code > 0x7e || ch === '"' || ch === '\\') return '_';
    return ch;
  }).join('');
  // SigV4 canonicalisation collapses runs of spaces, while S3 (and s3rver) sign what is sent:
  // a name with double spaces would otherwise never verify.
  return replaced.replace(/ {2,}/g, ' ').trim() || '_';
}

/**
 * RFC 8187 value-chars: encodeURIComponent leaves ' ( ) * unescaped, which are not attr-chars.
 * @param {string} name
 * @returns {string}
 */
export function rfc8187Encode(name) {
  return encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * @param {string} name
 * @returns {string}
 */
function build(name) {
  return `attachment; filename="${asciiFallback(name)}"; filename*=UTF-8''${rfc8187Encode(name)}`;
}

/**
 * Shortens the name (keeping its extension) until the header fits the model's 256 characters;
 * long non-ASCII names triple in size once percent-encoded.
 * @param {string} name
 * @returns {string}
 */
function rfc6266ContentDisposition(name) {
  let value = build(name);
  if (value.length <= MAX_HEADER_VALUE_LENGTH) return value;
  const chars = Array.from(name);
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 10 ? Array.from(name.slice(dot)) : [];
  let stem = chars.slice(0, chars.length - ext.length);
  while (stem.length > 1) {
    stem = stem.slice(0, -1);
    value = build(stem.join('') + ext.join(''));
    if (value.length <= MAX_HEADER_VALUE_LENGTH) return value;
  }
  return build(`_${ext.join('')}`);
}

const RAW_PREFIX = 'attachment; filename="';

/**
 * A name as a quoted-string: `"` and `\` become quoted-pairs. Control characters cannot travel in
 * a header value at all (CR, LF and NUL end or break it), so they become `_`.
 * @param {string} s
 * @returns {string}
 */
function quotedContent(s) {
  // eslint-disable-next-line no-control-regex -- control characters are what this replaces
  return s.replace(/["\\]/g, '\\$&').replace(/[\x00-\x1f\x7f]/g, '_');
}

/**
 * `attachment; filename="<name>"` with the name as given, characters above U+00FF included, as
 * in real Connect responses. The SDK signs it as a Unicode string; a browser must send its UTF-8
 * bytes (see s3HeaderValue in ../s3/sigv4.mjs). Fits 256 characters by shortening the stem in one pass.
 * @param {string} name
 * @returns {string}
 */
export function rawContentDisposition(name) {
  const whole = `${RAW_PREFIX}${quotedContent(name)}"`;
  if (whole.length <= MAX_HEADER_VALUE_LENGTH) return whole;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
  const quotedExt = quotedContent(ext);
  let budget = MAX_HEADER_VALUE_LENGTH - RAW_PREFIX.length - quotedExt.length - 1;
  let stem = '';
  // By code point, so a surrogate pair is never cut in half.
  for (const ch of name.slice(0, name.length - ext.length)) {
    const quoted = quotedContent(ch);
    if (quoted.length > budget) break;
    budget -= quoted.length;
    stem += ch;
  }
  return `${RAW_PREFIX}${quotedContent(stem || '_')}${quotedExt}"`;
}

/**
 * @param {string} name
 * @param {'rfc6266' | 'raw'} [form]
 * @returns {string}
 */
export function contentDisposition(name, form = 'rfc6266') {
  return form === 'raw' ? rawContentDisposition(name) : rfc6266ContentDisposition(name);
}
