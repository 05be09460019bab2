// @ts-check
// HTTP helpers shared by the ACPS and control routes: body reading, JSON and restJson1 error replies, CORS.

import { randomUUID } from 'node:crypto';

/** @typedef {import('node:http').IncomingMessage} IncomingMessage */
/** @typedef {import('node:http').ServerResponse} ServerResponse */
/** @typedef {import('./types.mjs').ErrorFormat} ErrorFormat */

/** Error types of the connectparticipant model, with their HTTP status. */
export const STATUS_BY_ERROR_TYPE = Object.freeze(
  /** @type {Record<string, number>} */ ({
    ValidationException: 400,
    SerializationException: 400,
    ServiceQuotaExceededException: 402,
    AccessDeniedException: 403,
    ResourceNotFoundException: 404,
    UnknownOperationException: 404,
    ConflictException: 409,
    ThrottlingException: 429,
    InternalServerException: 500,
  }),
);

/**
 * @param {number} status
 * @returns {string}
 */
export function errorTypeForStatus(status) {
  switch (status) {
    case 400:
      return 'ValidationException';
    case 402:
      return 'ServiceQuotaExceededException';
    case 403:
      return 'AccessDeniedException';
    case 404:
      return 'ResourceNotFoundException';
    case 409:
      return 'ConflictException';
    case 429:
      return 'ThrottlingException';
    default:
      return status >= 500 ? 'InternalServerException' : 'ValidationException';
  }
}

/** A failure that the ACPS routes turn into a restJson1 error response. */
export class AcpsError extends Error {
  /**
   * @param {string} type e.g. 'ValidationException'
   * @param {string} message
   * @param {number} [status] defaults to the model's status for the type
   */
  constructor(type, message, status) {
    super(message);
    this.name = 'AcpsError';
    this.type = type;
    this.status = status ?? STATUS_BY_ERROR_TYPE[type] ?? 500;
  }
}

/** Thrown when a request body is not valid JSON or is too large. */
export class BodyError extends Error {
  /**
   * @param {number} status
   * @param {string} message
   */
  constructor(status, message) {
    super(message);
    this.name = 'BodyError';
    this.status = status;
  }
}

export const MAX_JSON_BODY_BYTES = 1024 * 1024;

/**
 * @param {IncomingMessage} req
 * @param {number} [limit]
 * @returns {Promise<Buffer>}
 */
export async function readBody(req, limit = MAX_JSON_BODY_BYTES) {
  /** @type {Buffer[]} */
  const chunks = [];
  let total = 0;
  for await (const chunk of req) {
    const buf = /** @type {Buffer} */ (chunk);
    total += buf.length;
    if (total > limit) throw new BodyError(413, `Request body larger than ${limit} bytes`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/**
 * Parses a JSON object body; an empty body counts as `{}` like API Gateway does.
 * @param {Buffer} body
 * @returns {Record<string, unknown>}
 */
export function parseJsonObject(body) {
  if (body.length === 0) return {};
  /** @type {unknown} */
  let value;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw new BodyError(400, 'Request body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new BodyError(400, 'Request body must be a JSON object');
  }
  return /** @type {Record<string, unknown>} */ (value);
}

/**
 * @param {ServerResponse} res
 * @param {number} status
 * @param {unknown} body
 * @param {Record<string, string>} [headers]
 */
export function sendJson(res, status, body, headers = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}

/**
 * Writes an error the way restJson1 services do; `format` moves the type to where some
 * gateways put it, so clients can be tested against every decoding path of the SDK.
 * @param {ServerResponse} res
 * @param {{ status: number, type: string, message: string, format?: ErrorFormat }} error
 */
export function sendAcpsError(res, { status, type, message, format = 'header' }) {
  /** @type {Record<string, string>} */
  const headers = {};
  /** @type {Record<string, string>} */
  let body;
  switch (format) {
    case 'body-code':
      body = { code: type, Message: message };
      break;
    case 'body-type':
      body = { __type: `com.amazonaws.connectparticipant#${type}`, message };
      break;
    case 'status-only':
      body = { message };
      break;
    default:
      headers['x-amzn-ErrorType'] = `${type}:http://internal.amazon.com/coral/com.amazonaws.connectparticipant/`;
      body = { message };
  }
  sendJson(res, status, body, headers);
}

export const CORS_ALLOW_HEADERS = [
  'content-type',
  'x-amz-bearer',
  'x-amz-user-agent',
  'amz-sdk-invocation-id',
  'amz-sdk-request',
  'x-amz-date',
  'authorization',
  'x-amz-content-sha256',
  'x-amz-security-token',
].join(', ');

/**
 * Sets the CORS headers for a normal (non-preflight) response.
 * @param {IncomingMessage} req
 * @param {ServerResponse} res
 * @param {'*' | string[]} allowedOrigins
 * @returns {boolean} whether the request's Origin (if any) is allowed
 */
export function applyCors(req, res, allowedOrigins) {
  res.setHeader('Vary', 'Origin');
  const origin = req.headers.origin;
  if (!origin) return true;
  if (allowedOrigins !== '*' && !allowedOrigins.includes(origin)) return false;
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Access-Control-Expose-Headers', 'x-amzn-ErrorType, x-amzn-RequestId');
  return true;
}

/**
 * Answers an OPTIONS preflight.
 * @param {IncomingMessage} req
 * @param {ServerResponse} res
 * @param {'*' | string[]} allowedOrigins
 */
export function answerPreflight(req, res, allowedOrigins) {
  if (!applyCors(req, res, allowedOrigins)) {
    sendJson(res, 403, { message: `Origin ${req.headers.origin} is not allowed` });
    return;
  }
  res.writeHead(204, {
    'Access-Control-Allow-Methods': 'POST, GET, OPTIONS',
    'Access-Control-Allow-Headers': CORS_ALLOW_HEADERS,
    'Access-Control-Max-Age': '600',
  });
  res.end();
}

/** @returns {string} */
export function newRequestId() {
  return randomUUID();
}

/**
 * Lower-cases header names and drops the bearer token, so logs never carry secrets.
 * @param {IncomingMessage} req
 * @returns {Record<string, string>}
 */
export function loggableHeaders(req) {
  /** @type {Record<string, string>} */
  const out = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name === 'x-amz-bearer') continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/**
 * Unref'd, so a long injected delay never keeps a closed stand-in's process alive.
 * @param {number} ms
 * @returns {Promise<void>}
 */
export function sleep(ms) {
  return new Promise((resolve) => {
    setTimeout(resolve, ms).unref();
  });
}
