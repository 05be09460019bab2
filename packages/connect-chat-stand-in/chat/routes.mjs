// @ts-check
// The chat side of the stand-in: the ACPS calls a chatjs session makes besides the attachment ones
// (SendMessage, SendEvent, GetTranscript, DisconnectParticipant), the ATTACHMENT items and scan
// verdicts that follow a CompleteAttachmentUpload, and what the control API does as the agent.

import { AcpsError } from '../shared/http.mjs';
import {
  EVENT,
  MESSAGE_CONTENT_TYPES,
  messageItem,
  eventItem,
  attachmentItem,
  receiptItem,
  validateTranscriptRequest,
  transcriptPage,
} from './items.mjs';
import { scanVerdict } from '../control/runtime-options.mjs';

/** @typedef {import('../shared/types.mjs').ChatItem} ChatItem */
/** @typedef {import('../shared/store.mjs').ChatStore} ChatStore */
/** @typedef {import('../shared/store.mjs').ChatRecord} ChatRecord */
/** @typedef {import('../shared/store.mjs').Caller} Caller */
/** @typedef {import('../shared/store.mjs').AttachmentRecord} AttachmentRecord */
/** @typedef {import('./websocket.mjs').WebsocketHub} WebsocketHub */
/** @typedef {import('../control/runtime-options.mjs').Runtime} Runtime */

/** SendMessage's and SendEvent's Content limit in the connectparticipant model. */
const MAX_CONTENT_CHARS = 16384;

/** Event types SendEvent accepts (the connectparticipant model's list). */
const SEND_EVENT_TYPES = Object.freeze([
  EVENT.typing,
  EVENT.read,
  EVENT.delivered,
  'application/vnd.amazonaws.connect.event.connection.acknowledged',
]);

/** @param {string} message */
const invalid = (message) => new AcpsError('ValidationException', message);

/** What the control API refuses: a TypeError (as the Node API documents) with the HTTP status to answer. */
export class ChatControlError extends TypeError {
  /**
   * @param {400 | 404 | 409} status
   * @param {string} message
   */
  constructor(status, message) {
    super(message);
    this.name = 'ChatControlError';
    this.status = status;
  }
}

/**
 * @param {{ store: ChatStore, runtime: Runtime, sockets: WebsocketHub }} deps
 */
export function createChatActions({ store, runtime, sockets }) {
  /** @type {Set<NodeJS.Timeout>} */
  const timers = new Set();

  /**
   * @param {string} contactId
   * @returns {ChatRecord}
   */
  const chatOf = (contactId) => {
    const chat = store.chats.get(contactId);
    if (!chat) throw new Error(`no chat ${contactId}`);
    return chat;
  };

  /**
   * The participant a token speaks for (always the customer today: the agent has no tokens).
   * @param {ChatRecord} chat
   * @param {Caller} caller
   */
  const speaker = (chat, caller) => (chat.agent.participantId === caller.participantId ? chat.agent : chat.customer);

  /**
   * Stores an item (a later version of the same Id replaces the earlier one in place) and pushes
   * it. The push waits a turn, so an ACPS reply goes out before the item it caused.
   * @param {ChatRecord} chat
   * @param {ChatItem} item
   * @param {{ store?: boolean, to?: (participantId: string) => boolean }} [how]
   */
  const publish = (chat, item, how = {}) => {
    if (how.store ?? true) chat.items.set(item.Id, item);
    const copy = structuredClone(item);
    setImmediate(() => sockets.push(chat.contactId, copy, how.to));
  };

  /**
   * @param {ChatRecord} chat
   * @param {import('../shared/store.mjs').Participant} leaving
   */
  const end = (chat, leaving) => {
    leaving.left = true;
    chat.ended = true;
    publish(chat, eventItem(chat, leaving, EVENT.left, runtime.now()));
    publish(chat, eventItem(chat, null, EVENT.ended, runtime.now()));
  };

  /**
   * The control API acts on chats that exist and are still going.
   * @param {string} contactId
   * @returns {ChatRecord}
   */
  const openChat = (contactId) => {
    const chat = store.chats.get(contactId);
    if (!chat) throw new ChatControlError(404, `No chat ${contactId}`);
    if (chat.ended) throw new ChatControlError(409, `Chat ${contactId} has ended`);
    return chat;
  };

  return {
    /**
     * What a new chat's transcript starts with: both participants joined.
     * @param {string} contactId
     */
    started(contactId) {
      const chat = chatOf(contactId);
      publish(chat, eventItem(chat, chat.customer, EVENT.joined, runtime.now()));
      publish(chat, eventItem(chat, chat.agent, EVENT.joined, runtime.now()));
    },

    /**
     * After a CompleteAttachmentUpload that completed the attachment (not a replay): its ATTACHMENT
     * item IN_PROGRESS, then, unless the scan's verdict is IN_PROGRESS, the same item (same Id)
     * with the verdict. The verdict follows the rules in effect now.
     * @param {AttachmentRecord} rec
     * @param {Caller} caller
     */
    attachmentCompleted(rec, caller) {
      const chat = chatOf(caller.contactId);
      const item = attachmentItem(chat, speaker(chat, caller), rec, 'IN_PROGRESS', runtime.now());
      rec.scanStatus = 'IN_PROGRESS';
      rec.itemId = item.Id;
      publish(chat, item);
      const scan = runtime.scan;
      const verdict = scanVerdict(scan, rec.name);
      if (verdict === 'IN_PROGRESS') return;
      const timer = setTimeout(() => {
        timers.delete(timer);
        // A reset in between forgot the chat: nothing to decide any more.
        if (store.chats.get(chat.contactId) !== chat || store.attachments.get(rec.attachmentId) !== rec) return;
        rec.scanStatus = verdict;
        publish(chat, { ...structuredClone(item), Attachments: (item.Attachments ?? []).map((a) => ({ ...a, Status: verdict })) });
      }, scan.delayMs);
      timer.unref();
      timers.add(timer);
    },

    /**
     * @param {string} contactId
     * @param {{ content: unknown, contentType?: unknown }} message
     * @returns {ChatItem}
     * @throws {ChatControlError} unknown (404) or ended (409) chat, bad message (400)
     */
    postAgentMessage(contactId, { content, contentType = 'text/plain' }) {
      const chat = openChat(contactId);
      if (typeof content !== 'string' || content.length < 1 || content.length > MAX_CONTENT_CHARS) {
        throw new ChatControlError(400, `content must be a string of 1 to ${MAX_CONTENT_CHARS} characters`);
      }
      if (typeof contentType !== 'string' || !MESSAGE_CONTENT_TYPES.includes(contentType)) {
        throw new ChatControlError(400, `contentType must be one of ${MESSAGE_CONTENT_TYPES.join(', ')}`);
      }
      const item = messageItem(chat, chat.agent, content, contentType, runtime.now());
      publish(chat, item);
      return structuredClone(item);
    },

    /**
     * @param {string} contactId
     * @returns {ChatItem}
     */
    postAgentTyping(contactId) {
      const chat = openChat(contactId);
      const item = eventItem(chat, chat.agent, EVENT.typing, runtime.now());
      publish(chat, item, { store: false });
      return structuredClone(item);
    },

    /**
     * The agent leaves and the chat ends.
     * @param {string} contactId
     */
    endChat(contactId) {
      const chat = openChat(contactId);
      end(chat, chat.agent);
    },

    /**
     * DisconnectParticipant: the customer leaves, which ends the chat (a chat of two).
     * @param {Caller} caller
     */
    disconnect(caller) {
      const chat = chatOf(caller.contactId);
      end(chat, speaker(chat, caller));
    },

    /**
     * @param {Caller} caller
     * @param {Record<string, unknown>} body
     * @returns {{ Id: string, AbsoluteTime: string }}
     */
    sendMessage(caller, body) {
      const chat = chatOf(caller.contactId);
      const contentType = body.ContentType;
      if (contentType === undefined || contentType === null) throw invalid('ContentType is required');
      if (typeof contentType !== 'string' || !MESSAGE_CONTENT_TYPES.includes(contentType)) {
        throw invalid(`ContentType must be one of ${MESSAGE_CONTENT_TYPES.join(', ')}`);
      }
      const content = body.Content;
      if (content === undefined || content === null) throw invalid('Content is required');
      if (typeof content !== 'string' || content.length < 1 || content.length > MAX_CONTENT_CHARS) {
        throw invalid(`Content must be a string of 1 to ${MAX_CONTENT_CHARS} characters`);
      }
      const clientToken = optionalClientToken(body);
      // A retried send (same ClientToken) is the same message: answered again, not posted twice.
      const key = clientToken === undefined ? undefined : `${caller.participantId}\n${clientToken}`;
      const fingerprint = JSON.stringify([contentType, content]);
      const prior = key === undefined ? undefined : chat.sentMessages.get(key);
      if (prior) {
        if (prior.fingerprint !== fingerprint)
          throw invalid('ClientToken was already used for a SendMessage request with different parameters');
        return { Id: prior.Id, AbsoluteTime: prior.AbsoluteTime };
      }
      const item = messageItem(chat, speaker(chat, caller), content, contentType, runtime.now());
      if (key !== undefined) chat.sentMessages.set(key, { Id: item.Id, AbsoluteTime: item.AbsoluteTime, fingerprint });
      publish(chat, item);
      return { Id: item.Id, AbsoluteTime: item.AbsoluteTime };
    },

    /**
     * SendEvent. ClientTokens are not idempotency keys here: chatjs sends every read receipt with
     * the same one.
     * @param {Caller} caller
     * @param {Record<string, unknown>} body
     * @returns {{ Id: string, AbsoluteTime: string }}
     */
    sendEvent(caller, body) {
      const chat = chatOf(caller.contactId);
      const contentType = body.ContentType;
      if (contentType === undefined || contentType === null) throw invalid('ContentType is required');
      if (typeof contentType !== 'string' || !SEND_EVENT_TYPES.includes(contentType)) {
        throw invalid(`ContentType must be one of ${SEND_EVENT_TYPES.join(', ')}`);
      }
      const content = body.Content ?? undefined;
      if (content !== undefined && (typeof content !== 'string' || content.length < 1 || content.length > MAX_CONTENT_CHARS)) {
        throw invalid(`Content must be a string of 1 to ${MAX_CONTENT_CHARS} characters`);
      }
      optionalClientToken(body);
      const sender = speaker(chat, caller);
      const now = runtime.now();
      if (contentType === EVENT.typing) {
        const item = eventItem(chat, sender, EVENT.typing, now);
        publish(chat, item, { store: false, to: (pid) => pid !== sender.participantId });
        return { Id: item.Id, AbsoluteTime: item.AbsoluteTime };
      }
      if (contentType === EVENT.read || contentType === EVENT.delivered) {
        const messageId = receiptMessageId(content);
        const message = chat.items.get(messageId);
        if (!message || message.ParticipantId === undefined) throw invalid(`messageId ${messageId} is not a message of this chat`);
        const item = receiptItem(chat, messageId, sender, contentType === EVENT.read ? 'read' : 'delivered', now);
        const author = message.ParticipantId;
        publish(chat, item, { store: false, to: (pid) => pid === author });
        return { Id: item.Id, AbsoluteTime: item.AbsoluteTime };
      }
      // connection.acknowledged: nothing to tell anyone.
      const item = eventItem(chat, sender, contentType, now);
      return { Id: item.Id, AbsoluteTime: item.AbsoluteTime };
    },

    /**
     * @param {Caller} caller
     * @param {Record<string, unknown>} body
     */
    getTranscript(caller, body) {
      const query = validateTranscriptRequest(body);
      const chat = chatOf(caller.contactId);
      return transcriptPage(chat.contactId, [...chat.items.values()], query);
    },

    /** Stops pending verdicts (reset and close). */
    clearTimers() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}

/**
 * @param {Record<string, unknown>} body
 * @returns {string | undefined}
 */
function optionalClientToken(body) {
  const token = body.ClientToken ?? undefined;
  if (token !== undefined && (typeof token !== 'string' || token.length < 1 || token.length > 500)) {
    throw invalid('ClientToken must be a string of 1 to 500 characters');
  }
  return token;
}

/**
 * A receipt's Content: `{"messageId": "<Id>"}`, as chatjs sends it.
 * @param {string | undefined} content
 * @returns {string}
 */
function receiptMessageId(content) {
  /** @type {unknown} */
  let parsed;
  try {
    parsed = content === undefined ? undefined : JSON.parse(content);
  } catch {
    throw invalid('Content of a receipt must be JSON: {"messageId": "<Id>"}');
  }
  const id = typeof parsed === 'object' && parsed !== null ? /** @type {{ messageId?: unknown }} */ (parsed).messageId : undefined;
  if (typeof id !== 'string' || id === '') throw invalid('Content of a receipt must be JSON: {"messageId": "<Id>"}');
  return id;
}

/** @typedef {ReturnType<typeof createChatActions>} ChatActions */
