/**
 * The Amazon Connect Participant Service calls the uploader needs, over `fetch`. Requests and
 * responses use AWS's PascalCase on the wire; callers see camelCase only. Every failure is an
 * `UploadError` (or an AbortError when the caller's signal fired).
 */
import type * as z from 'zod/mini';
import { requireSecureUrl } from './endpoint.js';
import { type ErrorCode, UploadError, abortReason, badResponse } from './errors.js';
import { DEFAULT_TIMEOUT_MS } from './timeouts.js';
import { awsErrorBody, createParticipantConnectionResponse, getAttachmentResponse, startAttachmentUploadResponse } from './schemas.js';

export interface StartUploadInput {
  contentType: string;
  sizeInBytes: number;
  name: string;
  /** Idempotency token: the same value only when retrying the same step. */
  clientToken: string;
}

export interface StartedUpload {
  attachmentId: string;
  url: string;
  urlExpiry: Date;
  /** The headers S3 signed into the URL, exactly as ACPS listed them. */
  headers: Readonly<Record<string, string>>;
}

export interface CompleteUploadInput {
  attachmentId: string;
  clientToken: string;
}

export interface AttachmentLink {
  url: string;
  urlExpiry: Date;
  sizeInBytes: number | undefined;
}

export interface ConnectionCredentials {
  connectionToken: string;
  expiry: Date;
}

const AWS_TYPE_CODES: Readonly<Record<string, ErrorCode>> = {
  ValidationException: 'validation',
  ServiceQuotaExceededException: 'quota-exceeded',
  AccessDeniedException: 'access-denied',
  ConflictException: 'conflict',
  ThrottlingException: 'throttled',
  InternalServerException: 'server-error',
};

function codeForStatus(status: number): ErrorCode {
  if (status === 400) return 'validation';
  if (status === 401 || status === 403) return 'access-denied';
  if (status === 402) return 'quota-exceeded';
  if (status === 409) return 'conflict';
  if (status === 429) return 'throttled';
  if (status >= 500) return 'server-error';
  return 'bad-response';
}

/** Strips what the SDK strips: `Type:uri`, `a,b` and `namespace#Type` all become `Type`. */
function sanitizeAwsType(raw: string): string {
  const first = raw.split(',')[0] ?? '';
  const beforeColon = first.split(':')[0] ?? '';
  const hash = beforeColon.lastIndexOf('#');
  return (hash >= 0 ? beforeColon.slice(hash + 1) : beforeColon).trim();
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Decodes an AWS restJson1 error the way the AWS SDK does: the `x-amzn-ErrorType` header first,
 * then the body's `code` (any casing), then `__type`; the message from `message` or `Message`; the
 * HTTP status when no known type is found.
 */
export function decodeAwsError(status: number, errorTypeHeader: string | null, bodyText: string): UploadError {
  const parsed = awsErrorBody.safeParse(parseJson(bodyText));
  const body = parsed.success ? parsed.data : {};
  const codeKey = Object.keys(body).find((key) => key.toLowerCase() === 'code');
  const bodyCode = codeKey === undefined ? undefined : body[codeKey];
  const rawType = errorTypeHeader || (typeof bodyCode === 'string' ? bodyCode : undefined) || body.__type || '';
  const awsType = sanitizeAwsType(rawType) || undefined;
  const code = (awsType && AWS_TYPE_CODES[awsType]) || codeForStatus(status);
  const serviceMessage = body.message ?? body.Message;
  const message = serviceMessage
    ? `Amazon Connect answered ${status}${awsType ? ` ${awsType}` : ''}: ${serviceMessage}`
    : `Amazon Connect answered HTTP ${status}${awsType ? ` (${awsType})` : ''}.`;
  return new UploadError(code, message, { status, awsType });
}

function parseBody<T>(schema: z.ZodMiniType<T>, data: unknown, operation: string, status: number): T {
  const result = schema.safeParse(data);
  if (!result.success) {
    const where = result.error.issues[0]?.path.join('.') || 'body';
    throw new UploadError('bad-response', `${operation} returned an unreadable response (${where}).`, {
      status,
      cause: result.error,
    });
  }
  return result.data;
}

export interface AcpsClientOptions {
  /** Abort a call that has not answered after this long (a `timeout` error). Default: 30 s. */
  timeoutMs?: number;
  /** Injection point for tests; the global `fetch` by default. */
  fetch?: typeof fetch;
}

export class AcpsClient {
  readonly endpoint: string;
  readonly timeoutMs: number;
  readonly #fetch: typeof fetch;

  /** `endpoint` must already be resolved and checked (see `resolveEndpoint`). */
  constructor(endpoint: string, options: AcpsClientOptions = {}) {
    this.endpoint = endpoint;
    this.#fetch = options.fetch ?? ((...args) => fetch(...args));
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  async startAttachmentUpload(token: string, input: StartUploadInput, signal?: AbortSignal): Promise<StartedUpload> {
    const { data, status } = await this.#post(
      '/participant/start-attachment-upload',
      token,
      {
        ContentType: input.contentType,
        AttachmentSizeInBytes: input.sizeInBytes,
        AttachmentName: input.name,
        ClientToken: input.clientToken,
      },
      signal,
    );
    const body = parseBody(startAttachmentUploadResponse, data, 'StartAttachmentUpload', status);
    return {
      attachmentId: body.AttachmentId,
      url: body.UploadMetadata.Url,
      urlExpiry: new Date(body.UploadMetadata.UrlExpiry),
      headers: body.UploadMetadata.HeadersToInclude,
    };
  }

  async completeAttachmentUpload(token: string, input: CompleteUploadInput, signal?: AbortSignal): Promise<void> {
    await this.#post(
      '/participant/complete-attachment-upload',
      token,
      { AttachmentIds: [input.attachmentId], ClientToken: input.clientToken },
      signal,
    );
  }

  async getAttachment(token: string, attachmentId: string, signal?: AbortSignal): Promise<AttachmentLink> {
    // Opened at once by the page: a link that lives a minute is all it needs, and all a leak would give.
    const request = { AttachmentId: attachmentId, UrlExpiryInSeconds: 60 };
    const { data, status } = await this.#post('/participant/attachment', token, request, signal);
    const body = parseBody(getAttachmentResponse, data, 'GetAttachment', status);
    // The page opens it: held to the upload URL's rule, so no `javascript:`, `data:` or plain-http URL gets there.
    requireSecureUrl(body.Url, 'download URL', 'bad-response');
    return { url: body.Url, urlExpiry: new Date(body.UrlExpiry), sizeInBytes: body.AttachmentSizeInBytes };
  }

  /** Exchanges a ParticipantToken for a ConnectionToken (CreateParticipantConnection). */
  async createParticipantConnection(participantToken: string, signal?: AbortSignal): Promise<ConnectionCredentials> {
    const { data, status } = await this.#post('/participant/connection', participantToken, { Type: ['CONNECTION_CREDENTIALS'] }, signal);
    const credentials = parseBody(createParticipantConnectionResponse, data, 'CreateParticipantConnection', status).ConnectionCredentials;
    return { connectionToken: credentials.ConnectionToken, expiry: new Date(credentials.Expiry) };
  }

  async #post(path: string, token: string, body: object, signal?: AbortSignal): Promise<{ data: unknown; status: number }> {
    // One controller for the caller's cancel and our timeout, so either aborts the request.
    const controller = new AbortController();
    const cancel = () => controller.abort();
    signal?.addEventListener('abort', cancel, { once: true });
    if (signal?.aborted) cancel();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await this.#fetch(`${this.endpoint}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Amz-Bearer': token },
        body: JSON.stringify(body),
        // No cookies and no cache: the bearer token is the only credential, and answers are per call.
        credentials: 'omit',
        cache: 'no-store',
        // A redirect would carry the token to wherever it points: never followed (see below).
        redirect: 'manual',
        signal: controller.signal,
      });
      text = response.type === 'opaqueredirect' ? '' : await response.text();
    } catch (error) {
      if (signal?.aborted) throw abortReason(signal);
      if (timedOut) throw new UploadError('timeout', `Amazon Connect did not answer within ${this.timeoutMs / 1000} s.`);
      throw new UploadError('network', 'Amazon Connect could not be reached (network or CORS failure).', {
        cause: error,
      });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', cancel);
    }
    const { status } = response;
    if (response.type === 'opaqueredirect' || (status >= 300 && status < 400)) {
      throw badResponse('The endpoint answered with a redirect, not followed: the token goes to the configured endpoint only.', status);
    }
    if (!response.ok) throw decodeAwsError(status, response.headers.get('x-amzn-ErrorType'), text);
    const data = text.trim() === '' ? {} : parseJson(text);
    if (data === undefined) throw badResponse(`Amazon Connect answered ${status} with a body that is not JSON.`, status);
    return { data, status };
  }
}
