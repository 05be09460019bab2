// @ts-check
// Runs the unmodified amazon-connect-chatjs 5.0.0 bundle in Node against the stand-in: the globals it
// expects from a browser (window, self, navigator.onLine, WebSocket), one session per chat, and a
// record of what its callbacks saw.

import { createRequire } from 'node:module';
import WebSocket from 'ws';

/** @typedef {import('connect-chat-stand-in/types.mjs').ChatItem} ChatItem */
/** @typedef {import('connect-chat-stand-in/types.mjs').ChatCredentials} ChatCredentials */

/**
 * The parts of chatjs's `connect.ChatSession` these tests use (chatjs's own typings need a DOM).
 * @typedef {object} ChatSession
 * @property {() => Promise<{ connectSuccess: boolean }>} connect
 * @property {(cb: (event: { data: ChatItem }) => void) => void} onMessage
 * @property {(cb: (event: { data: ChatItem }) => void) => void} onTyping
 * @property {(cb: (event: { data?: unknown }) => void) => void} onConnectionEstablished
 * @property {(cb: () => void) => void} onDeepHeartbeatSuccess
 * @property {(cb: () => void) => void} onEnded
 * @property {(args: { message: string, contentType: string }) => Promise<{ data: { Id: string, AbsoluteTime: string } }>} sendMessage
 * @property {(args: { attachment: File }) => Promise<unknown>} sendAttachment
 * @property {(args: { attachmentId: string }) => Promise<Blob>} downloadAttachment
 * @property {(args: { maxResults?: number, scanDirection?: string, sortOrder?: string }) => Promise<{ data: { InitialContactId: string, Transcript: ChatItem[], NextToken?: string } }>} getTranscript
 * @property {() => Promise<unknown>} disconnectParticipant
 * @property {() => { connectionDetails: { connectionToken: string } }} getChatDetails
 */

/**
 * @typedef {object} ChatGlobal
 * @property {{ setGlobalConfig: (config: object) => void, create: (args: object) => ChatSession }} ChatSession
 */

/** @type {ChatGlobal | undefined} */
let loaded;

/**
 * Loads the bundle once per process, as a page's script tag would.
 * @returns {ChatGlobal}
 */
export function loadChatjs() {
  if (loaded) return loaded;
  const g = /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (globalThis));
  g.window = globalThis;
  g.self = globalThis;
  // Node 20 has no navigator; chatjs waits for navigator.onLine before every (re)connect.
  Object.defineProperty(globalThis, 'navigator', { value: { onLine: true, userAgent: `Node.js/${process.version}` }, configurable: true });
  g.WebSocket = WebSocket;
  createRequire(import.meta.url)('amazon-connect-chatjs');
  loaded = /** @type {ChatGlobal} */ (g.connect);
  return loaded;
}

/**
 * What one session's callbacks received, in order, with a way to wait for the next match.
 */
export class Recorder {
  /** @type {Array<{ kind: string, data: any }>} */
  events = [];
  /** @type {Array<{ test: (e: { kind: string, data: any }) => boolean, resolve: (e: { kind: string, data: any }) => void }>} */
  #waiters = [];

  /**
   * @param {string} kind
   * @param {any} data
   */
  add(kind, data) {
    const event = { kind, data };
    this.events.push(event);
    this.#waiters = this.#waiters.filter((w) => {
      if (!w.test(event)) return true;
      w.resolve(event);
      return false;
    });
  }

  /**
   * The first event (already seen or still to come) that matches. Fails after `guardMs` with what
   * was seen, so a missing event is a readable failure rather than a hung test.
   * @param {string} what
   * @param {(e: { kind: string, data: any }) => boolean} test
   * @param {number} [guardMs]
   * @returns {Promise<{ kind: string, data: any }>}
   */
  waitFor(what, test, guardMs = 10_000) {
    const seen = this.events.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`no ${what}; seen: ${JSON.stringify(this.events.map((e) => [e.kind, e.data?.Type, e.data?.ContentType]))}`));
      }, guardMs);
      this.#waiters.push({
        test,
        resolve: (e) => {
          clearTimeout(timer);
          resolve(e);
        },
      });
    });
  }

  /**
   * @param {(item: ChatItem) => boolean} test
   * @returns {ChatItem[]}
   */
  messages(test = () => true) {
    return this.events.filter((e) => e.kind === 'message' && test(e.data)).map((e) => e.data);
  }
}

/**
 * A customer session of `chat`, created the way a page does, with every callback recorded.
 * `region` keys chatjs's cached SDK client, which reads the endpoint only when it is made: one
 * region per stand-in.
 * @param {{ endpoint: string }} standIn
 * @param {ChatCredentials} chat
 * @param {string} [region]
 * @returns {{ session: ChatSession, seen: Recorder }}
 */
export function customerSession(standIn, chat, region = 'us-east-1') {
  const connect = loadChatjs();
  connect.ChatSession.setGlobalConfig({ region, endpoint: standIn.endpoint });
  const session = connect.ChatSession.create({
    chatDetails: { ContactId: chat.contactId, ParticipantId: chat.participantId, ParticipantToken: chat.participantToken },
    options: { region },
    type: 'CUSTOMER',
    disableCSM: true,
  });
  const seen = new Recorder();
  session.onMessage((e) => seen.add('message', e.data));
  session.onTyping((e) => seen.add('typing', e.data));
  session.onConnectionEstablished((e) => seen.add('established', e.data));
  session.onDeepHeartbeatSuccess(() => seen.add('deep-heartbeat', null));
  session.onEnded(() => seen.add('ended', null));
  return { session, seen };
}
