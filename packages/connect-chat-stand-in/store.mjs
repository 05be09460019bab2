// @ts-check
// In-memory state of the stand-in: chats, their tokens, attachments, idempotency records and the request log.

import { randomBytes, randomUUID } from 'node:crypto';

/** @typedef {import('./types.mjs').RequestLogEntry} RequestLogEntry */

/**
 * @typedef {object} AttachmentRecord
 * @property {string} attachmentId
 * @property {string} contactId
 * @property {string} key S3 object key.
 * @property {string} name
 * @property {string} contentType
 * @property {number} size
 * @property {'started' | 'completed'} status
 * @property {number} completeCount
 * @property {number} completeRequests Every CompleteAttachmentUpload naming this attachment that reached the handler, accepted or not.
 * @property {string} startClientToken
 * @property {string | null} completeClientToken
 * @property {{ clientToken: string, promise: Promise<Record<string, never>> } | null} completing
 */

/**
 * @typedef {object} StartRecord
 * @property {string} fingerprint The request parameters, to tell a replay from a misuse.
 * @property {Promise<unknown>} promise The (possibly still pending) response.
 */

/** Connect tokens are long opaque strings; their shape carries no meaning. */
function newToken() {
  return randomBytes(96).toString('base64url');
}

export class ChatStore {
  /** @type {Map<string, string>} participant token → contactId */
  #participantTokens = new Map();
  /** @type {Map<string, { contactId: string, expiresAt: number }>} */
  #connectionTokens = new Map();
  /** @type {Map<string, AttachmentRecord>} insertion order = start order */
  attachments = new Map();
  /** @type {Map<string, StartRecord>} keyed by contactId + ClientToken */
  startRequests = new Map();
  /** @type {Map<string, string>} contactId + ClientToken → attachmentId */
  completeTokens = new Map();
  /** @type {Map<string, number>} contactId → its own attachment quota, for chats created with one */
  quotas = new Map();

  /**
   * @param {number} [maxAttachments] This chat's quota instead of the stand-in's (soak tests need more than 35).
   * @returns {{ contactId: string, participantToken: string }}
   */
  createChat(maxAttachments) {
    const contactId = randomUUID();
    const participantToken = newToken();
    this.#participantTokens.set(participantToken, contactId);
    if (maxAttachments !== undefined) this.quotas.set(contactId, maxAttachments);
    return { contactId, participantToken };
  }

  /**
   * @param {string} contactId
   * @param {number} ttlSeconds
   * @param {number} [now] the AWS side's clock, which a test may shift
   * @returns {{ token: string, expiresAt: number }}
   */
  issueConnectionToken(contactId, ttlSeconds, now = Date.now()) {
    const token = newToken();
    const expiresAt = now + ttlSeconds * 1000;
    this.#connectionTokens.set(token, { contactId, expiresAt });
    return { token, expiresAt };
  }

  /**
   * @param {string | undefined} token
   * @returns {string | undefined}
   */
  contactForParticipantToken(token) {
    return token === undefined ? undefined : this.#participantTokens.get(token);
  }

  /**
   * @param {string | undefined} token
   * @param {number} [now]
   * @returns {string | undefined} undefined for unknown and for expired tokens
   */
  contactForConnectionToken(token, now = Date.now()) {
    if (token === undefined) return undefined;
    const entry = this.#connectionTokens.get(token);
    if (!entry || entry.expiresAt <= now) return undefined;
    return entry.contactId;
  }

  /**
   * @param {string} contactId
   * @returns {number}
   */
  attachmentCount(contactId) {
    let n = 0;
    for (const a of this.attachments.values()) if (a.contactId === contactId) n += 1;
    return n;
  }

  reset() {
    this.#participantTokens.clear();
    this.#connectionTokens.clear();
    this.attachments.clear();
    this.startRequests.clear();
    this.completeTokens.clear();
  }
}

/** Bounded, so a long soak run against the demo cannot grow memory without limit. */
export const MAX_LOG_ENTRIES = 5000;

export class RequestLog {
  /** @type {RequestLogEntry[]} */
  #entries = [];

  /**
   * @param {RequestLogEntry} entry
   * @returns {RequestLogEntry} the stored entry, to be updated when the response ends
   */
  add(entry) {
    this.#entries.push(entry);
    if (this.#entries.length > MAX_LOG_ENTRIES) this.#entries.splice(0, this.#entries.length - MAX_LOG_ENTRIES);
    return entry;
  }

  /** @returns {RequestLogEntry[]} */
  list() {
    return this.#entries.map((e) => ({ ...e, headers: { ...e.headers } }));
  }

  clear() {
    this.#entries = [];
  }
}
