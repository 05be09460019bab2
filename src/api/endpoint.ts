/**
 * Where requests may go: the ACPS endpoint from `endpoint` or `region`, and the rule that every URL
 * we send a token or file bytes to is https, except on loopback hosts used for local development.
 */
import { type ErrorCode, UploadError } from './errors.js';

const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
/** Loopback host names: localhost and its subdomains, [::1], and 127.x.x.x. */
const LOOPBACK_HOST = /^(.*\.)?localhost$|^\[::1\]$|^127(\.\d{1,3}){3}$/;

/**
 * Parses `url` and checks it is https (or http on loopback). `what` names it in the error, `code` is
 * `config` for what the page configured and `bad-response` for URLs the service handed us.
 */
export function requireSecureUrl(url: string, what: string, code: ErrorCode = 'config'): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UploadError(code, `The ${what} is not a valid URL.`);
  }
  const secure = parsed.protocol === 'https:' || (parsed.protocol === 'http:' && LOOPBACK_HOST.test(parsed.hostname));
  if (!secure) {
    throw new UploadError(code, `The ${what} must use https (http is allowed only for localhost).`);
  }
  return parsed;
}

/**
 * The ACPS base URL without a trailing slash: `endpoint` when given, else the standard endpoint of
 * `region`. Throws a `config` error when neither is usable.
 */
export function resolveEndpoint(endpoint: string | undefined, region: string | undefined): string {
  const explicit = endpoint?.trim();
  if (explicit) {
    const url = requireSecureUrl(explicit, 'endpoint');
    return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
  }
  const name = region?.trim();
  if (name) {
    if (!REGION.test(name)) throw new UploadError('config', `"${name}" is not an AWS region name.`);
    return `https://participant.connect.${name}.amazonaws.com`;
  }
  throw new UploadError('config', 'No endpoint or region is set.');
}
