// @ts-check
// Starts the local Amazon Connect stand-in: ACPS + control API + the chat websocket on one port, an
// S3 proxy and s3rver behind it.

import http from 'node:http';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { FaultPlan } from './control/faults.mjs';
import { ChatStore, RequestLog } from './shared/store.mjs';
import { BUCKET, startS3rver, createS3Access } from './s3/s3rver.mjs';
import { startS3Proxy, MAX_PUT_BODY_BYTES } from './s3/proxy.mjs';
import { createS3Responses } from './s3/response.mjs';
import { createDiscardSink } from './s3/sink.mjs';
import { createRuntimeOptions } from './control/runtime-options.mjs';
import { createAcpsHandler, connect } from './acps/routes.mjs';
import { createWebsocketHub } from './chat/websocket.mjs';
import { createChatActions } from './chat/routes.mjs';
import { createControlHandler } from './control/routes.mjs';
import { applyCors, answerPreflight, sendJson } from './shared/http.mjs';

/** @typedef {import('./shared/types.mjs').StandInOptions} StandInOptions */
/** @typedef {import('./shared/types.mjs').ResolvedOptions} ResolvedOptions */
/** @typedef {import('./shared/types.mjs').StandIn} StandIn */
/** @typedef {import('./shared/types.mjs').StateSnapshot} StateSnapshot */
/** @typedef {import('./shared/types.mjs').ChatCredentials} ChatCredentials */
/** @typedef {import('./shared/types.mjs').Fault} Fault */

export { BUCKET, s3Credentials } from './s3/s3rver.mjs';
export { CHAT_CONTENT_TYPES } from './acps/validation.mjs';
export { FAULT_ROUTES } from './control/faults.mjs';
export { RUNTIME_DEFAULTS, SCAN_DEFAULTS } from './control/runtime-options.mjs';

/** A fixed, obviously fake AWS account id. */
export const ACCOUNT_ID = '123456789012';

/**
 * @param {StandInOptions} options
 * @returns {ResolvedOptions}
 */
function resolveOptions(options) {
  const o = {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    s3Port: options.s3Port ?? 0,
    allowedOrigins: options.allowedOrigins ?? '*',
    urlExpirySeconds: options.urlExpirySeconds ?? 300,
    connectionTokenTtlSeconds: options.connectionTokenTtlSeconds ?? 86400,
    maxAttachmentsPerChat: options.maxAttachmentsPerChat ?? 35,
    maxAttachmentBytes: options.maxAttachmentBytes ?? 20 * 1024 * 1024,
    s3Sink: options.s3Sink ?? 's3rver',
  };
  if (o.s3Sink !== 's3rver' && o.s3Sink !== 'discard') throw new TypeError("s3Sink must be 's3rver' or 'discard'");
  if (o.allowedOrigins !== '*' && !Array.isArray(o.allowedOrigins)) {
    throw new TypeError("allowedOrigins must be '*' or an array of origins");
  }
  for (const name of /** @type {const} */ ([
    'urlExpirySeconds',
    'connectionTokenTtlSeconds',
    'maxAttachmentsPerChat',
    'maxAttachmentBytes',
  ])) {
    if (!Number.isFinite(o[name]) || o[name] <= 0) throw new TypeError(`${name} must be a positive number`);
  }
  if (o.urlExpirySeconds > 604800) throw new TypeError('urlExpirySeconds cannot exceed 7 days (SigV4 limit)');
  return o;
}

/**
 * The host to put in URLs: a wildcard bind address is not something a client can dial.
 * @param {string} host
 * @returns {string}
 */
function urlHost(host) {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * @param {StandInOptions} [options]
 * @returns {Promise<StandIn>}
 */
export async function startConnectStandIn(options = {}) {
  const opts = resolveOptions(options);
  // Checked here, so a bad start option fails before any port is opened.
  const runtime = createRuntimeOptions({
    s3Cors: options.s3Cors,
    clockOffsetMs: options.clockOffsetMs,
    contentDisposition: options.contentDisposition,
    scan: options.scan,
    maxStagedMs: options.maxStagedMs,
  });
  const hostInUrls = urlHost(opts.host);
  const store = new ChatStore();
  const faults = new FaultPlan();
  const log = new RequestLog();
  const organizationId = randomUUID();

  /** @type {Array<() => Promise<void>>} closers, run in reverse order */
  const cleanups = [];
  const runCleanups = async () => {
    for (const fn of cleanups.reverse()) {
      try {
        await fn();
      } catch {
        /* keep closing the rest */
      }
    }
  };

  try {
    const directory = await mkdtemp(join(tmpdir(), 'connect-stand-in-'));
    cleanups.push(() => rm(directory, { recursive: true, force: true }));

    // s3rver binds loopback only: clients reach it through the proxy.
    const s3rver = await startS3rver({ host: '127.0.0.1', directory });
    cleanups.push(s3rver.close);

    // 'discard': PUTs the proxy has checked are hashed as they stream by, then dropped (see s3/sink.mjs).
    const responses = createS3Responses(() => runtime.s3Cors === 'allow');
    const sink = opts.s3Sink === 'discard' ? createDiscardSink(responses) : undefined;
    /** Objects stored through the proxy, by request path (`/attachments/<key>`): size and SHA-256. */
    /** @type {Map<string, import('./shared/types.mjs').StoredObject>} */
    const storedObjects = new Map();
    const proxy = await startS3Proxy({
      onStored: (path, stored) => storedObjects.set(decodeURIComponent(path), stored),
      host: opts.host,
      port: opts.s3Port,
      targetHost: '127.0.0.1',
      targetPort: s3rver.port,
      faults,
      log,
      responses,
      runtime,
      maxBodyBytes: Math.max(MAX_PUT_BODY_BYTES, opts.maxAttachmentBytes * 2),
      ...(sink ? { sink } : {}),
    });
    cleanups.push(proxy.close);
    const s3Endpoint = `http://${hostInUrls}:${proxy.port}`;

    const s3Access = createS3Access({ directEndpoint: `http://127.0.0.1:${s3rver.port}`, proxyEndpoint: s3Endpoint });
    const s3 = sink
      ? {
          ...s3Access,
          head: async (/** @type {string} */ key) => sink.head(key),
          digest: async (/** @type {string} */ key) => sink.digest(key),
        }
      : {
          ...s3Access,
          // Known from the proxy when it stored the object; read back only for what it did not see.
          digest: async (/** @type {string} */ key) => storedObjects.get(`/${BUCKET}/${key}`) ?? s3Access.digest(key),
        };
    cleanups.push(async () => s3Access.destroy());

    let acpsPort = 0;
    const sockets = createWebsocketHub({ now: runtime.now, isLive: ({ contactId }) => store.callerFor(contactId) !== undefined });
    const chat = createChatActions({ store, runtime, sockets });
    cleanups.push(async () => chat.clearTimers());
    const ctx = {
      options: opts,
      runtime,
      store,
      faults,
      log,
      s3,
      accountId: ACCOUNT_ID,
      organizationId,
      sockets,
      chat,
      websocketBase: () => `ws://${hostInUrls}:${acpsPort}`,
    };

    /**
     * @param {{ maxAttachments?: number }} [chatOptions]
     * @returns {ChatCredentials}
     */
    const createChat = (chatOptions = {}) => {
      const { contactId, participantToken } = store.createChat(chatOptions.maxAttachments);
      chat.started(contactId);
      const caller = /** @type {import('./shared/store.mjs').Caller} */ (store.callerFor(contactId));
      const out = /** @type {{ ConnectionCredentials: { ConnectionToken: string, Expiry: string } }} */ (
        connect(ctx, caller, ['CONNECTION_CREDENTIALS'])
      );
      return {
        contactId,
        participantId: caller.participantId,
        participantToken,
        connectionToken: out.ConnectionCredentials.ConnectionToken,
        connectionExpiry: out.ConnectionCredentials.Expiry,
        agentParticipantId: /** @type {import('./shared/store.mjs').ChatRecord} */ (store.chats.get(contactId)).agent.participantId,
      };
    };

    /** @returns {Promise<StateSnapshot>} */
    const state = async () => {
      const attachments = await Promise.all(
        [...store.attachments.values()].map(async (a) => ({
          attachmentId: a.attachmentId,
          contactId: a.contactId,
          name: a.name,
          contentType: a.contentType,
          size: a.size,
          status: a.status,
          scanStatus: a.scanStatus,
          completeCount: a.completeCount,
          completeRequests: a.completeRequests,
          startClientToken: a.startClientToken,
          stored: await s3.digest(a.key),
        })),
      );
      const chats = [...store.chats.values()].map((c) => ({
        contactId: c.contactId,
        participantId: c.customer.participantId,
        agentParticipantId: c.agent.participantId,
        ended: c.ended,
        customerLeft: c.customer.left,
        openSockets: sockets.openSockets(c.contactId),
        transcript: structuredClone([...c.items.values()]),
      }));
      return { chats, attachments, requests: log.list(), faults: faults.list(), options: runtime.get() };
    };

    /** @param {unknown} plan */
    const setFaults = (plan) => {
      faults.replace(plan);
      return faults.list();
    };

    /** @param {unknown} patch */
    const setOptions = (patch) => runtime.set(patch);

    const reset = async () => {
      chat.clearTimers();
      // The chats are gone: their sockets too (a client that reconnects gets a 403 and ends).
      sockets.closeAll(1001, 'stand-in reset');
      store.reset();
      faults.clear();
      runtime.reset();
      log.clear();
      await s3rver.emptyBucket();
      storedObjects.clear();
      sink?.clear();
    };

    const acps = createAcpsHandler(ctx);
    const control = createControlHandler({
      createChat,
      state,
      setFaults,
      setOptions,
      reset,
      postAgentMessage: chat.postAgentMessage,
      postAgentTyping: chat.postAgentTyping,
      endChat: chat.endChat,
    });

    const server = http.createServer((req, res) => {
      const pathname = new URL(req.url ?? '/', 'http://stand-in').pathname;
      const isControl = pathname === '/__control' || pathname.startsWith('/__control/');
      // ACPS preflights are logged by the ACPS handler; control ones are not logged at all.
      if (req.method === 'OPTIONS' && isControl) {
        answerPreflight(req, res, opts.allowedOrigins);
        return;
      }
      applyCors(req, res, opts.allowedOrigins);
      const handler = isControl ? control : acps;
      handler(req, res, pathname).catch((err) => {
        console.error('[connect-stand-in] unhandled error:', err);
        if (!res.headersSent) sendJson(res, 500, { message: 'Internal error in the stand-in' });
        else res.destroy();
      });
    });
    server.on('upgrade', (req, socket, head) => sockets.handleUpgrade(req, socket, head));
    server.listen(opts.port, opts.host);
    await once(server, 'listening');
    acpsPort = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
    cleanups.push(async () => {
      // Upgraded sockets are not HTTP connections any more: closeAllConnections leaves them, and
      // close() would wait for them.
      sockets.closeAll(1006, '');
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });

    let closed = false;
    return {
      endpoint: `http://${hostInUrls}:${acpsPort}`,
      s3Endpoint,
      createChat,
      state,
      setFaults: (plan) => {
        setFaults(plan);
      },
      setOptions,
      postAgentMessage: (contactId, message) => chat.postAgentMessage(contactId, message),
      postAgentTyping: (contactId) => chat.postAgentTyping(contactId),
      endChat: (contactId) => chat.endChat(contactId),
      reset,
      close: async () => {
        if (closed) return;
        closed = true;
        await runCleanups();
      },
    };
  } catch (err) {
    await runCleanups();
    throw err;
  }
}
