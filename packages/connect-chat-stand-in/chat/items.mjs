// @ts-check
// Chat items (the shapes GetTranscript returns and the websocket pushes) and GetTranscript's paging.
// No I/O here: routes.mjs stores and pushes what these build.

import { randomUUID } from 'node:crypto';
import { AcpsError } from '../shared/http.mjs';

/** @typedef {import('../shared/types.mjs').ChatItem} ChatItem */
/** @typedef {import('../shared/types.mjs').ScanStatus} ScanStatus */
/** @typedef {import('../shared/store.mjs').ChatRecord} ChatRecord */
/** @typedef {import('../shared/store.mjs').Participant} Participant */

export const EVENT = Object.freeze({
  typing: 'application/vnd.amazonaws.connect.event.typing',
  joined: 'application/vnd.amazonaws.connect.event.participant.joined',
  left: 'application/vnd.amazonaws.connect.event.participant.left',
  ended: 'application/vnd.amazonaws.connect.event.chat.ended',
  read: 'application/vnd.amazonaws.connect.event.message.read',
  delivered: 'application/vnd.amazonaws.connect.event.message.delivered',
  metadata: 'application/vnd.amazonaws.connect.event.message.metadata',
});

/** SendMessage's content types in the connectparticipant model (chatjs checks the same list before sending). */
export const MESSAGE_CONTENT_TYPES = Object.freeze([
  'text/plain',
  'text/markdown',
  'application/json',
  'application/vnd.amazonaws.connect.message.interactive.response',
]);

/** @param {number} ms */
const iso = (ms) => new Date(ms).toISOString();

/**
 * The fields every item of a chat carries: chatjs drops an item whose ContactId (or
 * InitialContactId) is not its session's.
 * @param {ChatRecord} chat
 * @param {Participant | null} from null: the system
 * @param {number} now
 */
function envelope(chat, from, now) {
  return {
    Id: randomUUID(),
    AbsoluteTime: iso(now),
    ...(from
      ? { ParticipantId: from.participantId, DisplayName: from.displayName, ParticipantRole: from.role }
      : { ParticipantRole: /** @type {const} */ ('SYSTEM') }),
    ContactId: chat.contactId,
    InitialContactId: chat.contactId,
  };
}

/**
 * @param {ChatRecord} chat
 * @param {Participant} from
 * @param {string} content
 * @param {string} contentType
 * @param {number} now
 * @returns {ChatItem}
 */
export function messageItem(chat, from, content, contentType, now) {
  const { Id, AbsoluteTime, ...rest } = envelope(chat, from, now);
  return { Id, Type: 'MESSAGE', AbsoluteTime, ContentType: contentType, Content: content, ...rest };
}

/**
 * @param {ChatRecord} chat
 * @param {Participant | null} from null for chat.ended, which the system sends
 * @param {string} contentType
 * @param {number} now
 * @returns {ChatItem}
 */
export function eventItem(chat, from, contentType, now) {
  const { Id, AbsoluteTime, ...rest } = envelope(chat, from, now);
  return { Id, Type: 'EVENT', AbsoluteTime, ContentType: contentType, ...rest };
}

/**
 * An ATTACHMENT item has no ContentType or Content of its own: what it is lies in Attachments.
 * @param {ChatRecord} chat
 * @param {Participant} from
 * @param {{ attachmentId: string, name: string, contentType: string }} attachment
 * @param {ScanStatus} status
 * @param {number} now
 * @returns {ChatItem}
 */
export function attachmentItem(chat, from, attachment, status, now) {
  const { Id, AbsoluteTime, ...rest } = envelope(chat, from, now);
  return {
    Id,
    Type: 'ATTACHMENT',
    AbsoluteTime,
    Attachments: [
      {
        ContentType: attachment.contentType,
        AttachmentId: attachment.attachmentId,
        AttachmentName: attachment.name,
        Status: status,
      },
    ],
    ...rest,
  };
}

/**
 * The receipt a message's sender gets when another participant reads it or has it delivered.
 * @param {ChatRecord} chat
 * @param {string} messageId
 * @param {Participant} reader who read it (RecipientParticipantId)
 * @param {'read' | 'delivered'} kind
 * @param {number} now
 * @returns {ChatItem}
 */
export function receiptItem(chat, messageId, reader, kind, now) {
  const at = iso(now);
  return {
    Id: randomUUID(),
    Type: 'MESSAGEMETADATA',
    AbsoluteTime: at,
    ContentType: EVENT.metadata,
    MessageMetadata: {
      MessageId: messageId,
      Receipts: [
        { ...(kind === 'read' ? { ReadTimestamp: at } : { DeliveredTimestamp: at }), RecipientParticipantId: reader.participantId },
      ],
    },
    ContactId: chat.contactId,
    InitialContactId: chat.contactId,
  };
}

/** @param {string} message */
const invalid = (message) => new AcpsError('ValidationException', message);

/**
 * @typedef {object} TranscriptQuery
 * @property {number} maxResults
 * @property {'FORWARD' | 'BACKWARD'} scanDirection
 * @property {'ASCENDING' | 'DESCENDING'} sortOrder
 * @property {{ id?: string, absoluteTime?: string, mostRecent?: number }} startPosition
 * @property {string | undefined} nextToken
 * @property {string | undefined} contactId
 */

/**
 * GetTranscript's input, as the model allows it.
 * @param {Record<string, unknown>} body
 * @returns {TranscriptQuery}
 */
export function validateTranscriptRequest(body) {
  const max = body.MaxResults ?? 15;
  if (typeof max !== 'number' || !Number.isInteger(max) || max < 0 || max > 100)
    throw invalid('MaxResults must be an integer between 0 and 100');
  const dir = body.ScanDirection ?? 'BACKWARD';
  if (dir !== 'FORWARD' && dir !== 'BACKWARD') throw invalid('ScanDirection must be FORWARD or BACKWARD');
  const order = body.SortOrder ?? 'ASCENDING';
  if (order !== 'ASCENDING' && order !== 'DESCENDING') throw invalid('SortOrder must be ASCENDING or DESCENDING');
  const sp = body.StartPosition ?? {};
  if (typeof sp !== 'object' || sp === null || Array.isArray(sp)) throw invalid('StartPosition must be an object');
  const { Id, AbsoluteTime, MostRecent, ...other } = /** @type {Record<string, unknown>} */ (sp);
  if (Object.keys(other).length > 0) throw invalid(`StartPosition has an unknown field: ${Object.keys(other)[0]}`);
  /** @type {TranscriptQuery['startPosition']} */
  const startPosition = {};
  if (Id !== undefined && Id !== null) {
    if (typeof Id !== 'string' || Id.length < 1 || Id.length > 256)
      throw invalid('StartPosition.Id must be a string of 1 to 256 characters');
    startPosition.id = Id;
  }
  if (AbsoluteTime !== undefined && AbsoluteTime !== null) {
    if (typeof AbsoluteTime !== 'string' || Number.isNaN(Date.parse(AbsoluteTime)))
      throw invalid('StartPosition.AbsoluteTime must be an ISO 8601 time');
    startPosition.absoluteTime = AbsoluteTime;
  }
  if (MostRecent !== undefined && MostRecent !== null) {
    if (typeof MostRecent !== 'number' || !Number.isInteger(MostRecent) || MostRecent < 0 || MostRecent > 100) {
      throw invalid('StartPosition.MostRecent must be an integer between 0 and 100');
    }
    startPosition.mostRecent = MostRecent;
  }
  if (Object.keys(startPosition).length > 1) throw invalid('StartPosition takes only one of Id, AbsoluteTime and MostRecent');
  const token = body.NextToken ?? undefined;
  if (token !== undefined && (typeof token !== 'string' || token.length < 1 || token.length > 1000)) {
    throw invalid('NextToken must be a string of 1 to 1000 characters');
  }
  const contactId = body.ContactId ?? undefined;
  if (contactId !== undefined && typeof contactId !== 'string') throw invalid('ContactId must be a string');
  return { maxResults: max, scanDirection: dir, sortOrder: order, startPosition, nextToken: token, contactId };
}

/**
 * A page token names where the next page starts, for which chat and direction: a token is only
 * good for the query it came from.
 * @param {string} contactId
 * @param {'FORWARD' | 'BACKWARD'} direction
 * @param {number} index
 */
const encodeToken = (contactId, direction, index) => Buffer.from(JSON.stringify([contactId, direction, index])).toString('base64url');

/**
 * @param {string} token
 * @param {string} contactId
 * @param {'FORWARD' | 'BACKWARD'} direction
 * @returns {number}
 */
function decodeToken(token, contactId, direction) {
  try {
    const [c, d, i] = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (c === contactId && d === direction && Number.isInteger(i) && i >= 0) return i;
  } catch {
    /* falls through to the error */
  }
  throw invalid('NextToken is not valid for this request');
}

/**
 * Index of the first item of the page: BACKWARD walks towards older items from there, FORWARD
 * towards newer ones.
 * @param {ChatItem[]} items oldest first
 * @param {TranscriptQuery} q
 * @returns {number} may be -1 or items.length: an empty page
 */
function startIndex(items, q) {
  const backward = q.scanDirection === 'BACKWARD';
  const sp = q.startPosition;
  if (sp.id !== undefined) {
    const i = items.findIndex((item) => item.Id === sp.id);
    if (i < 0) throw invalid(`StartPosition.Id ${sp.id} is not an item of this chat`);
    return i;
  }
  if (sp.absoluteTime !== undefined) {
    const t = Date.parse(sp.absoluteTime);
    if (backward) {
      let i = items.length - 1;
      while (i >= 0 && Date.parse(/** @type {ChatItem} */ (items[i]).AbsoluteTime) > t) i -= 1;
      return i;
    }
    const i = items.findIndex((item) => Date.parse(item.AbsoluteTime) >= t);
    return i < 0 ? items.length : i;
  }
  if (sp.mostRecent !== undefined) return Math.max(-1, items.length - 1 - sp.mostRecent);
  return backward ? items.length - 1 : 0;
}

/**
 * One page of a transcript.
 * @param {string} contactId
 * @param {ChatItem[]} items oldest first, latest version of each
 * @param {TranscriptQuery} q
 * @returns {{ InitialContactId: string, Transcript: ChatItem[], NextToken?: string }}
 */
export function transcriptPage(contactId, items, q) {
  if (q.contactId !== undefined && q.contactId !== contactId) throw invalid(`ContactId ${q.contactId} is not this chat's contact`);
  const backward = q.scanDirection === 'BACKWARD';
  let from = q.nextToken !== undefined ? decodeToken(q.nextToken, contactId, q.scanDirection) : startIndex(items, q);
  if (q.nextToken !== undefined && !backward && from > items.length) from = items.length;
  if (q.nextToken !== undefined && backward && from > items.length - 1) from = items.length - 1;
  /** @type {ChatItem[]} */
  let page;
  /** @type {number | null} the next page's first index, if there are more items */
  let next;
  if (backward) {
    const low = Math.max(0, from - q.maxResults + 1);
    page = from < 0 ? [] : items.slice(low, from + 1);
    next = from >= 0 && low > 0 ? low - 1 : null;
  } else {
    const high = Math.min(items.length, from + q.maxResults);
    page = items.slice(from, high);
    next = high < items.length ? high : null;
  }
  if (q.maxResults === 0) next = null;
  if (q.sortOrder === 'DESCENDING') page.reverse();
  return {
    InitialContactId: contactId,
    Transcript: page.map((item) => structuredClone(item)),
    ...(next === null ? {} : { NextToken: encodeToken(contactId, q.scanDirection, next) }),
  };
}
