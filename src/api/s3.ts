/**
 * The S3 PUT to a pre-signed URL, over XMLHttpRequest because only XHR reports upload progress.
 * Sends exactly the headers ACPS signed, never the bearer token, and turns S3's XML errors into
 * `UploadError`s.
 */
import { requireSecureUrl } from './endpoint.js';
import { UploadError, abortReason, badResponse } from './errors.js';
import { DEFAULT_TIMEOUT_MS } from './timeouts.js';

export interface PutObjectRequest {
  url: string;
  /** `HeadersToInclude` from StartAttachmentUpload, unchanged. */
  headers: Readonly<Record<string, string>>;
  /** The very Blob whose size was announced to Start: browsers derive Content-Length from it. */
  body: Blob;
  signal?: AbortSignal;
  onProgress?: (loaded: number, total: number) => void;
  /** Abort (as a `timeout` error) when no byte has moved for this long. Default: 30 s. */
  stallTimeoutMs?: number;
  /** Injection point for tests; defaults to `new XMLHttpRequest()`. */
  createXhr?: () => XMLHttpRequest;
  /** Injection point for tests: how a failed PUT checks whether S3 can be reached at all. */
  probe?: typeof fetch;
}

/**
 * Request headers the browser sets itself (Fetch spec "forbidden request-headers", `proxy-*` and
 * `sec-*` included), as one pattern for a lower-cased name.
 */
const FORBIDDEN =
  /^(accept-(charset|encoding)|access-control-request-(headers|method)|connection|content-length|cookie2?|date|dnt|expect|host|keep-alive|origin|referer|set-cookie|te|trailer|transfer-encoding|upgrade|via|(proxy|sec)-.*)$/;
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Control characters: a header value with them would split or end the request. */
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const CONTROL = /[\0-\x08\n-\x1f\x7f]/;
/**
 * Headers that would make a server treat the PUT as another method (browsers drop some silently),
 * and a name that only a prototype-pollution attempt would send.
 */
const HOSTILE = /^(x-(http-method(-override)?|method-override)|__proto__)$/;

/**
 * A value as S3 checks its signature: over its UTF-8 bytes. Browsers send each character of a
 * header value as one byte and refuse anything above U+00FF, so a non-ASCII value goes as its UTF-8
 * bytes, one Latin-1 character each, which is what any other client puts on the wire.
 */
const wireValue = (value: string) => (/[^\0-\x7f]/.test(value) ? String.fromCharCode(...new TextEncoder().encode(value)) : value);

/**
 * The headers to set on the XHR. Content-Length cannot be set by a page; instead it must match the
 * body, or S3 would reject the signature after the whole file was sent.
 */
export function headersForPut(headers: Readonly<Record<string, string>>, bodySize: number): [string, string][] {
  const result: [string, string][] = [];
  const seen = new Set<string>();
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    // The browser would merge the two into one "a, b" value that matches neither signature.
    if (seen.has(lower) || HOSTILE.test(lower)) throw badResponse(`The upload header "${name}" is not safe to send.`);
    seen.add(lower);
    if (lower === 'content-length') {
      if (value.trim() !== String(bodySize)) {
        throw badResponse(`The upload URL was signed for ${value} bytes but the file has ${bodySize}.`);
      }
      continue;
    }
    // A malformed name or value, or one the Fetch spec keeps for the browser: either way unsendable.
    if (!HEADER_NAME.test(name) || CONTROL.test(value) || FORBIDDEN.test(lower)) {
      throw badResponse(`The upload asks for a header a browser cannot send ("${name}").`);
    }
    result.push([name, wireValue(value)]);
  }
  return result;
}

function xmlField(xml: string, field: string): string | undefined {
  const match = new RegExp(`<${field}>([^<]*)</${field}>`).exec(xml);
  return match?.[1]?.trim() || undefined;
}

/** Maps a non-2xx S3 answer to the contract's codes: expiry, 5xx and everything else S3 refused. */
export function decodeS3Error(status: number, bodyText: string): UploadError {
  const s3Code = xmlField(bodyText, 'Code');
  const s3Message = xmlField(bodyText, 'Message');
  const init = { status, awsType: s3Code };
  // A missing field reads as `undefined`, which never says expired.
  if (status === 403 && /expired/i.test(`${s3Code} ${s3Message}`)) {
    return new UploadError('url-expired', 'The upload link expired before the file was sent.', init);
  }
  if (status >= 500) {
    return new UploadError('server-error', `S3 failed with HTTP ${status}${s3Code ? ` (${s3Code})` : ''}.`, init);
  }
  const detail = s3Message ? `: ${s3Message}` : '.';
  return new UploadError('upload-rejected', `S3 rejected the upload (${s3Code ?? `HTTP ${status}`})${detail}`, init);
}

/**
 * Why a PUT failed before any answer: the network, or the bucket refusing this page's CORS
 * preflight. A page cannot see which, so two GETs of the URL ask (each carries nothing but the URL):
 * S3 answering a CORS request means CORS works and the network failed; S3 answering only a no-cors
 * one means it can be reached but does not let this page in.
 */
async function networkFailure(url: string, probe: typeof fetch): Promise<UploadError> {
  const answers = (mode: RequestMode) =>
    probe(url, { mode, credentials: 'omit', cache: 'no-store' }).then(
      () => true,
      () => false,
    );
  const refused = navigator.onLine && !(await answers('cors')) && (await answers('no-cors'));
  return new UploadError(
    'network',
    refused
      ? `S3 refused to take the file from this page: the bucket most likely has no CORS rule for ${location.origin}.`
      : 'The file could not be sent to S3 (network failure, or no CORS rule for this page).',
    // Refused, the browser will refuse it the same way on every try.
    { retryable: refused ? false : undefined },
  );
}

/** PUTs `body` to the pre-signed URL. Resolves on 2xx; rejects with `UploadError` or an AbortError. */
export function putObject(request: PutObjectRequest): Promise<void> {
  const { url, body, signal, onProgress } = request;
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    let headers: [string, string][];
    try {
      requireSecureUrl(url, 'upload URL', 'bad-response');
      headers = headersForPut(request.headers, body.size);
    } catch (error) {
      reject(error);
      return;
    }
    const xhr = request.createXhr?.() ?? new XMLHttpRequest();
    const stallMs = request.stallTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    let stalled = false;
    let movedAt = Date.now();
    // A stall is no movement at all: neither upload progress nor a change of the response's state.
    // Each movement only notes the time; the one timer looks when it fires, and sleeps on if
    // something moved meanwhile (a timer per progress event would cost more than the event).
    const watch = () => {
      movedAt = Date.now();
    };
    const check = () => {
      const still = Date.now() - movedAt;
      if (still < stallMs) {
        stallTimer = setTimeout(check, stallMs - still);
        return;
      }
      stalled = true;
      xhr.abort();
    };
    let stallTimer = setTimeout(check, stallMs);
    const onAbortSignal = () => xhr.abort();
    const settle = (outcome: () => void) => {
      clearTimeout(stallTimer);
      signal?.removeEventListener('abort', onAbortSignal);
      outcome();
    };
    xhr.open('PUT', url);
    for (const [name, value] of headers) xhr.setRequestHeader(name, value);
    xhr.onreadystatechange = watch;
    // happy-dom's XHR has no `upload`: there the file goes up without progress events.
    const upload = xhr.upload as XMLHttpRequestUpload | undefined;
    if (upload)
      upload.onprogress = (event) => {
        watch();
        onProgress?.(event.loaded, event.lengthComputable ? event.total : body.size);
      };
    xhr.onload = () =>
      settle(() => {
        // XHR follows redirects: bytes that landed anywhere but the signed URL are not the attachment.
        if (xhr.responseURL && xhr.responseURL !== new URL(url).href) {
          reject(badResponse('S3 redirected the upload elsewhere; it is not completed.', xhr.status));
        } else if (xhr.status >= 200 && xhr.status < 300) resolve();
        else reject(decodeS3Error(xhr.status, typeof xhr.responseText === 'string' ? xhr.responseText : ''));
      });
    xhr.onerror = () => settle(() => void networkFailure(url, request.probe ?? fetch).then(reject));
    xhr.ontimeout = () => settle(() => reject(new UploadError('timeout', 'S3 did not answer in time.')));
    xhr.onabort = () =>
      settle(() =>
        reject(
          stalled && !signal?.aborted
            ? new UploadError('timeout', `The upload to S3 stalled: nothing moved for ${stallMs / 1000} s.`)
            : signal
              ? abortReason(signal)
              : new DOMException('Aborted', 'AbortError'),
        ),
      );
    signal?.addEventListener('abort', onAbortSignal, { once: true });
    xhr.send(body);
  });
}
