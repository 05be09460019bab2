// @ts-check
// Input checks for the ACPS operations, mirroring the connectparticipant model and Connect's chat limits.

import { AcpsError } from '../shared/http.mjs';

/**
 * MIME types Connect accepts for chat attachments (official chat clients' allow-lists),
 * keyed by MIME type, valued by the extension they belong to.
 */
export const CHAT_CONTENT_TYPES = Object.freeze(
  /** @type {Record<string, string>} */ ({
    'text/csv': 'csv',
    'application/msword': 'doc',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
    'image/heic': 'heic',
    'image/jpeg': 'jpg',
    'video/quicktime': 'mov',
    'video/mp4': 'mp4',
    'application/pdf': 'pdf',
    'image/png': 'png',
    'application/vnd.ms-powerpoint': 'ppt',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
    'application/rtf': 'rtf',
    'application/x-rtf': 'rtf',
    'text/rtf': 'rtf',
    'text/richtext': 'rtf',
    'text/plain': 'txt',
    'audio/wav': 'wav',
    'audio/x-wav': 'wav',
    'audio/vnd.wave': 'wav',
    'application/vnd.ms-excel': 'xls',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  }),
);

export const CONNECTION_TYPES = Object.freeze(['WEBSOCKET', 'CONNECTION_CREDENTIALS', 'WEBRTC_CONNECTION']);

/** @param {string} message */
const invalid = (message) => new AcpsError('ValidationException', message);

/**
 * @param {Record<string, unknown>} body
 * @param {string} field
 * @param {number} min
 * @param {number} max
 * @returns {string}
 */
function requiredString(body, field, min, max) {
  const v = body[field];
  if (v === undefined || v === null) throw invalid(`${field} is required`);
  if (typeof v !== 'string') throw invalid(`${field} must be a string`);
  // The model counts UTF-16 code units like Java does, so .length is the right measure.
  if (v.length < min || v.length > max) {
    throw invalid(`${field} must be between ${min} and ${max} characters long (got ${v.length})`);
  }
  return v;
}

/**
 * `Type` is optional in the model; without it the caller gets ConnectionCredentials, the one thing
 * every participant needs (what Connect itself answers then is not documented).
 * @param {Record<string, unknown>} body
 * @returns {{ types: string[], connectParticipant: boolean | undefined }}
 */
export function validateConnectionRequest(body) {
  const t = body.Type;
  const cp = body.ConnectParticipant;
  if (cp !== undefined && typeof cp !== 'boolean') throw invalid('ConnectParticipant must be a boolean');
  if (t === undefined || t === null) return { types: ['CONNECTION_CREDENTIALS'], connectParticipant: cp };
  if (!Array.isArray(t) || t.length === 0) throw invalid('Type must be a non-empty list');
  for (const item of t) {
    if (typeof item !== 'string' || !CONNECTION_TYPES.includes(item)) {
      throw invalid(`Type contains an unsupported value: ${JSON.stringify(item)}; allowed: ${CONNECTION_TYPES.join(', ')}`);
    }
  }
  return { types: /** @type {string[]} */ (t), connectParticipant: cp };
}

/**
 * @typedef {object} StartRequest
 * @property {string} contentType
 * @property {number} size
 * @property {string} name
 * @property {string} clientToken
 */

/**
 * @param {Record<string, unknown>} body
 * @param {number} maxBytes
 * @returns {StartRequest}
 */
export function validateStartRequest(body, maxBytes) {
  const contentType = requiredString(body, 'ContentType', 1, 255);
  // MIME types are case-insensitive; the value as sent is what gets signed, so the PUT's
  // Content-Type (the client's own) still matches.
  if (!Object.hasOwn(CHAT_CONTENT_TYPES, contentType.toLowerCase())) {
    throw invalid(`ContentType ${contentType} is not supported for chat attachments`);
  }
  const size = body.AttachmentSizeInBytes;
  if (size === undefined || size === null) throw invalid('AttachmentSizeInBytes is required');
  if (typeof size !== 'number' || !Number.isInteger(size)) throw invalid('AttachmentSizeInBytes must be an integer');
  if (size < 1) throw invalid('AttachmentSizeInBytes must be at least 1');
  if (size > maxBytes) throw invalid(`AttachmentSizeInBytes ${size} exceeds the maximum attachment size of ${maxBytes} bytes`);
  const name = requiredString(body, 'AttachmentName', 1, 256);
  const clientToken = requiredString(body, 'ClientToken', 1, 500);
  return { contentType, size, name, clientToken };
}

/**
 * @param {Record<string, unknown>} body
 * @returns {{ attachmentId: string, clientToken: string }}
 */
export function validateCompleteRequest(body) {
  const ids = body.AttachmentIds;
  if (ids === undefined || ids === null) throw invalid('AttachmentIds is required');
  if (!Array.isArray(ids)) throw invalid('AttachmentIds must be a list');
  if (ids.length !== 1) throw invalid(`AttachmentIds must contain exactly 1 item (got ${ids.length})`);
  const id = ids[0];
  if (typeof id !== 'string' || id.length < 1 || id.length > 256) {
    throw invalid('AttachmentIds items must be strings of 1 to 256 characters');
  }
  const clientToken = requiredString(body, 'ClientToken', 1, 500);
  return { attachmentId: id, clientToken };
}

/**
 * @param {Record<string, unknown>} body
 * @returns {{ attachmentId: string, urlExpirySeconds: number | undefined }}
 */
export function validateGetAttachmentRequest(body) {
  const attachmentId = requiredString(body, 'AttachmentId', 1, 256);
  const e = body.UrlExpiryInSeconds;
  if (e === undefined || e === null) return { attachmentId, urlExpirySeconds: undefined };
  if (typeof e !== 'number' || !Number.isInteger(e) || e < 5 || e > 300) {
    throw invalid('UrlExpiryInSeconds must be an integer between 5 and 300');
  }
  return { attachmentId, urlExpirySeconds: e };
}
