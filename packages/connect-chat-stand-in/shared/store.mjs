// @ts-check
// In-memory state of the stand-in: chats, their participants, tokens and transcripts, attachments,
// idempotency records and the request log.

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
 * @property {import('./types.mjs').ScanStatus | null} scanStatus null until completed; then what the
 *   last ATTACHMENT item pushed for it said.
 * @property {string | null} itemId The Id of its ATTACHMENT item, once completed.
 * @property {number} startedAt When StartAttachmentUpload made it (the AWS side's clock, ms).
 */

/**
 * @typedef {object} Participant
 * @property {string} participantId
 * @property {string} displayName
 * @property {'CUSTOMER' | 'AGENT'} role
 * @property {boolean} left Set by DisconnectParticipant (or the end of the chat): its tokens stop working.
 */

/**
 * @typedef {object} ChatRecord
 * @property {string} contactId Also its InitialContactId: the stand-in has no transfers.
 * @property {Participant} customer The participant the tokens belong to.
 * @property {Participant} agent Has no tokens; the control API speaks for it.
 * @property {Map<string, import('./types.mjs').ChatItem>} items Transcript by item Id, in the order the
 *   items were first pushed; a later version of an item (an attachment's verdict) replaces it in place.
 * @property {boolean} ended
 * @property {Map<string, { Id: string, AbsoluteTime: string, fingerprint: string }>} sentMessages SendMessage
 *   replies by participant + ClientToken, so a retried send is not a second message.
 */

/**
 * Who a token speaks for.
 * @typedef {object} Caller
 * @property {string} contactId
 * @property {string} participantId
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
  /** @type {Map<string, ChatRecord>} by contactId */
  chats = new Map();
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
    this.chats.set(contactId, {
      contactId,
      customer: { participantId: randomUUID(), displayName: 'Customer', role: 'CUSTOMER', left: false },
      agent: { participantId: randomUUID(), displayName: 'Agent', role: 'AGENT', left: false },
      items: new Map(),
      ended: false,
      sentMessages: new Map(),
    });
    return { contactId, participantToken };
  }

  /**
   * A chat that is still open for its customer: tokens of an ended chat, or of a customer who
   * disconnected, are refused like unknown ones (Connect answers 403 then).
   * @param {string | undefined} contactId
   * @returns {ChatRecord | undefined}
   */
  #live(contactId) {
    const chat = contactId === undefined ? undefined : this.chats.get(contactId);
    return chat && !chat.ended && !chat.customer.left ? chat : undefined;
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
    return this.#live(token === undefined ? undefined : this.#participantTokens.get(token))?.contactId;
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
    return this.#live(entry.contactId)?.contactId;
  }

  /**
   * Every token belongs to a chat's customer: the agent side is driven by the control API.
   * @param {string | undefined} contactId
   * @returns {Caller | undefined}
   */
  callerFor(contactId) {
    const chat = this.#live(contactId);
    return chat ? { contactId: chat.contactId, participantId: chat.customer.participantId } : undefined;
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
    this.chats.clear();
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
