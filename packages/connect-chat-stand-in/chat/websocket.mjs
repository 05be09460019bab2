// @ts-check
// The chat websocket at CreateParticipantConnection's Websocket.Url: the protocol amazon-connect-chatjs
// 5 speaks (aws/subscribe, aws/heartbeat, aws/ping) and the aws/chat frames that carry items.

import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';

/** @typedef {import('node:http').IncomingMessage} IncomingMessage */
/** @typedef {import('node:stream').Duplex} Duplex */
/** @typedef {import('../shared/types.mjs').ChatItem} ChatItem */
/** @typedef {import('../shared/store.mjs').Caller} Caller */

/** The path Websocket.Url names; the per-connection id travels in its query, as the only credential. */
export const WEBSOCKET_PATH = '/connect';
export const WEBSOCKET_ID_PARAM = 'X-Amz-Security-Token';

/**
 * @typedef {object} Grant
 * @property {string} contactId
 * @property {string} participantId
 * @property {number} expiresAt On the AWS side's clock: a URL is good for connecting until then,
 *   as often as the client likes (chatjs reuses it for quick reconnects).
 */

/**
 * @param {{ now: () => number, isLive: (caller: Caller) => boolean }} deps
 *   `isLive`: whether the participant may still connect (the chat has not ended, nor they left).
 */
export function createWebsocketHub({ now, isLive }) {
  /** @type {Map<string, Grant>} */
  const grants = new Map();
  /** @type {Map<WebSocket, Caller>} */
  const sockets = new Map();
  const wss = new WebSocket.Server({ noServer: true, clientTracking: false });

  /** Forgets URLs past their time, so a long run does not keep every URL ever issued. */
  const sweep = () => {
    const t = now();
    for (const [id, grant] of grants) if (grant.expiresAt <= t) grants.delete(id);
  };

  /**
   * @param {WebSocket} ws
   * @param {unknown} frame
   */
  const send = (ws, frame) => {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(frame));
  };

  /**
   * Answers the client's frames. Anything else (other topics, non-JSON) is ignored, as a frame
   * chatjs never sends.
   * @param {WebSocket} ws
   * @param {WebSocket.Data} data
   */
  const onFrame = (ws, data) => {
    /** @type {unknown} */
    let frame;
    try {
      frame = JSON.parse(data.toString());
    } catch {
      return;
    }
    if (typeof frame !== 'object' || frame === null) return;
    const { topic, content } = /** @type {{ topic?: unknown, content?: unknown }} */ (frame);
    switch (topic) {
      case 'aws/subscribe': {
        const topics = /** @type {{ topics?: unknown }} */ (content ?? {}).topics;
        // chatjs iterates `topics` of the reply, so a failure still carries an array.
        const ok = Array.isArray(topics) && topics.every((t) => typeof t === 'string');
        send(ws, { topic: 'aws/subscribe', content: ok ? { status: 'success', topics } : { status: 'failure', topics: [] } });
        return;
      }
      case 'aws/heartbeat':
        send(ws, { topic: 'aws/heartbeat' });
        return;
      case 'aws/ping':
        send(ws, { topic: 'aws/ping', statusCode: 200, statusContent: 'OK' });
        return;
      default:
    }
  };

  return {
    /**
     * A fresh URL for one participant, as each CreateParticipantConnection hands out.
     * @param {string} base e.g. ws://127.0.0.1:PORT
     * @param {Caller} caller
     * @param {number} expiresAt
     * @returns {string}
     */
    issue(base, caller, expiresAt) {
      sweep();
      const id = randomUUID();
      grants.set(id, { contactId: caller.contactId, participantId: caller.participantId, expiresAt });
      return `${base}${WEBSOCKET_PATH}?${WEBSOCKET_ID_PARAM}=${id}`;
    },

    /**
     * The HTTP server's 'upgrade' handler: an unknown, expired or revoked id, or another path,
     * is refused with 403 before any websocket exists.
     * @param {IncomingMessage} req
     * @param {Duplex} socket
     * @param {Buffer} head
     */
    handleUpgrade(req, socket, head) {
      const url = new URL(req.url ?? '/', 'http://stand-in');
      const id = url.searchParams.get(WEBSOCKET_ID_PARAM);
      const grant = url.pathname === WEBSOCKET_PATH && id !== null ? grants.get(id) : undefined;
      const caller = grant && grant.expiresAt > now() ? { contactId: grant.contactId, participantId: grant.participantId } : undefined;
      if (!caller || !isLive(caller)) {
        socket.on('error', () => {});
        socket.end(
          'HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: 23\r\n\r\n{"message":"Forbidden"}',
        );
        return;
      }
      // ws 7's types name a net.Socket; what it uses of it, any upgraded Duplex has.
      wss.handleUpgrade(req, /** @type {import('node:net').Socket} */ (socket), head, (ws) => {
        sockets.set(ws, caller);
        ws.on('message', (data) => onFrame(ws, data));
        ws.on('close', () => sockets.delete(ws));
        ws.on('error', () => sockets.delete(ws));
      });
    },

    /**
     * Sends an item to every open socket of the contact's participants (all of a participant's
     * sockets: during a reconnect chatjs has two and drops the copy from the old one).
     * @param {string} contactId
     * @param {ChatItem} item
     * @param {(participantId: string) => boolean} [to] which participants get it (default all)
     */
    push(contactId, item, to = () => true) {
      const frame = { topic: 'aws/chat', contentType: 'application/json', content: JSON.stringify(item) };
      for (const [ws, caller] of sockets) {
        if (caller.contactId === contactId && to(caller.participantId)) send(ws, frame);
      }
    },

    /**
     * @param {string} contactId
     * @returns {number} open sockets of that contact
     */
    openSockets(contactId) {
      let n = 0;
      for (const [ws, caller] of sockets) if (caller.contactId === contactId && ws.readyState === WebSocket.OPEN) n += 1;
      return n;
    },

    /**
     * Closes every socket and forgets every URL (reset and close): a client then reconnects
     * and learns from CreateParticipantConnection's 403 that its chat is gone.
     * @param {number} code
     * @param {string} reason
     */
    closeAll(code, reason) {
      grants.clear();
      for (const ws of sockets.keys()) {
        if (code === 1006) ws.terminate();
        else ws.close(code, reason);
      }
      sockets.clear();
    },
  };
}

/** @typedef {ReturnType<typeof createWebsocketHub>} WebsocketHub */
