// @ts-check
// The Amazon Connect Participant Service routes (restJson1 over node:http): the attachment flow here,
// the chat calls in ../chat/routes.mjs.

import { randomUUID } from 'node:crypto';
import {
  AcpsError,
  BodyError,
  readBody,
  parseJsonObject,
  sendJson,
  sendAcpsError,
  loggableHeaders,
  newRequestId,
  sleep,
  errorTypeForStatus,
  STATUS_BY_ERROR_TYPE,
  answerPreflight,
} from '../shared/http.mjs';
import { validateConnectionRequest, validateStartRequest, validateCompleteRequest, validateGetAttachmentRequest } from './validation.mjs';
import { contentDisposition } from './content-disposition.mjs';

/** @typedef {import('node:http').IncomingMessage} IncomingMessage */
/** @typedef {import('node:http').ServerResponse} ServerResponse */
/** @typedef {import('../shared/types.mjs').ActiveFault} ActiveFault */
/** @typedef {import('../shared/types.mjs').FaultRoute} FaultRoute */
/** @typedef {import('../shared/types.mjs').ResolvedOptions} ResolvedOptions */
/** @typedef {import('../shared/store.mjs').ChatStore} ChatStore */
/** @typedef {import('../shared/store.mjs').RequestLog} RequestLog */
/** @typedef {import('../control/faults.mjs').FaultPlan} FaultPlan */
/** @typedef {import('../s3/s3rver.mjs').S3Access} S3Access */

/**
 * Everything the routes need from the stand-in.
 * @typedef {object} AcpsContext
 * @property {ResolvedOptions} options
 * @property {import('../control/runtime-options.mjs').Runtime} runtime Options that may change at any time, and the AWS side's clock.
 * @property {ChatStore} store
 * @property {FaultPlan} faults
 * @property {RequestLog} log
 * @property {S3Access} s3
 * @property {string} accountId 12 digits, signed into every upload as x-amz-meta-account_id.
 * @property {string} organizationId
 * @property {() => string} websocketBase e.g. ws://127.0.0.1:PORT
 * @property {import('../chat/websocket.mjs').WebsocketHub} sockets
 * @property {import('../chat/routes.mjs').ChatActions} chat
 */

/** The WebSocket URL Connect hands out is only good for connecting within 100 s. */
const WEBSOCKET_CONNECT_SECONDS = 100;

/** @param {number} ms */
const iso = (ms) => new Date(ms).toISOString();

const accessDenied = () => new AcpsError('AccessDeniedException', 'Access denied');
/** @param {string} message */
const invalid = (message) => new AcpsError('ValidationException', message);

/**
 * Presigned URLs carry whole seconds, so expiry maths starts from a whole second.
 * @param {AcpsContext} ctx
 * @param {number} [offsetMs]
 */
function wholeSecondNow(ctx, offsetMs = 0) {
  return new Date(Math.floor(ctx.runtime.now() / 1000) * 1000 + offsetMs);
}

/**
 * Changes the signature (keeping its shape) so S3 answers SignatureDoesNotMatch.
 * @param {string} url
 * @returns {string}
 */
function corruptSignature(url) {
  const u = new URL(url);
  const sig = u.searchParams.get('X-Amz-Signature') ?? '';
  const flipped = Array.from(sig, (c) => (c === '0' ? '1' : '0')).join('');
  u.searchParams.set('X-Amz-Signature', flipped);
  return u.toString();
}

/**
 * Schema-breaking 200 bodies, per route, for clients that must not trust a success status.
 * @type {Record<Exclude<FaultRoute, 's3-put'>, string>}
 */
const BAD_BODIES = {
  connection: JSON.stringify({ ConnectionCredentials: { ConnectionToken: 42, Expiry: 'soon' } }),
  'start-attachment-upload': JSON.stringify({ AttachmentId: 42 }),
  // Complete's output is empty, so only a body that is not JSON at all can break it.
  'complete-attachment-upload': '<html>not json</html>',
  attachment: JSON.stringify({ Url: 42, AttachmentSizeInBytes: 'big' }),
  message: JSON.stringify({ Id: 42, AbsoluteTime: { when: 'now' } }),
  event: JSON.stringify({ Id: 42, AbsoluteTime: { when: 'now' } }),
  transcript: JSON.stringify({ InitialContactId: 42, Transcript: 'none' }),
  disconnect: '<html>not json</html>',
};

/**
 * @typedef {object} Route
 * @property {Exclude<FaultRoute, 's3-put'>} fault
 * @property {'participant' | 'connection'} token Which token the X-Amz-Bearer must hold.
 * @property {(ctx: AcpsContext, contactId: string, body: Record<string, unknown>, fault: ActiveFault | null, caller: import('../shared/store.mjs').Caller) => Promise<object>} run
 */

/** @type {Record<string, Route>} */
const ROUTES = {
  '/participant/connection': { fault: 'connection', token: 'participant', run: createParticipantConnection },
  '/participant/start-attachment-upload': { fault: 'start-attachment-upload', token: 'connection', run: startAttachmentUpload },
  '/participant/complete-attachment-upload': { fault: 'complete-attachment-upload', token: 'connection', run: completeAttachmentUpload },
  '/participant/attachment': { fault: 'attachment', token: 'connection', run: getAttachment },
  '/participant/message': {
    fault: 'message',
    token: 'connection',
    run: async (ctx, _c, body, _f, caller) => ctx.chat.sendMessage(caller, body),
  },
  '/participant/event': { fault: 'event', token: 'connection', run: async (ctx, _c, body, _f, caller) => ctx.chat.sendEvent(caller, body) },
  '/participant/transcript': {
    fault: 'transcript',
    token: 'connection',
    run: async (ctx, _c, body, _f, caller) => ctx.chat.getTranscript(caller, body),
  },
  '/participant/disconnect': { fault: 'disconnect', token: 'connection', run: disconnectParticipant },
};

/**
 * The one step a chat client does for the page: ParticipantToken → ConnectionToken, and a
 * websocket URL of its own.
 * @param {AcpsContext} ctx
 * @param {import('../shared/store.mjs').Caller} caller
 * @param {string[]} types
 */
export function connect(ctx, caller, types) {
  const { contactId } = caller;
  /** @type {Record<string, unknown>} */
  const out = {};
  if (types.includes('WEBSOCKET')) {
    const expiresAt = ctx.runtime.now() + WEBSOCKET_CONNECT_SECONDS * 1000;
    out.Websocket = { Url: ctx.sockets.issue(ctx.websocketBase(), caller, expiresAt), ConnectionExpiry: iso(expiresAt) };
  }
  if (types.includes('CONNECTION_CREDENTIALS')) {
    const { token, expiresAt } = ctx.store.issueConnectionToken(contactId, ctx.options.connectionTokenTtlSeconds, ctx.runtime.now());
    out.ConnectionCredentials = { ConnectionToken: token, Expiry: iso(expiresAt) };
  }
  // WEBRTC_CONNECTION is accepted but yields nothing: a chat contact has no meeting.
  return out;
}

/** @type {Route['run']} */
async function createParticipantConnection(ctx, contactId, body, fault, caller) {
  const { types } = validateConnectionRequest(body);
  return connect(ctx, caller, types);
}

/** @type {Route['run']} */
async function disconnectParticipant(ctx, contactId, body, fault, caller) {
  const token = body.ClientToken ?? undefined;
  if (token !== undefined && (typeof token !== 'string' || token.length < 1 || token.length > 500)) {
    throw invalid('ClientToken must be a string of 1 to 500 characters');
  }
  ctx.chat.disconnect(caller);
  return {};
}

/** @type {Route['run']} */
async function startAttachmentUpload(ctx, contactId, body, fault) {
  const req = validateStartRequest(body, ctx.options.maxAttachmentBytes);
  const tokenKey = `${contactId}\n${req.clientToken}`;
  const fingerprint = JSON.stringify([req.contentType, req.size, req.name]);
  const prior = ctx.store.startRequests.get(tokenKey);
  if (prior) {
    if (prior.fingerprint !== fingerprint) {
      throw invalid('ClientToken was already used for a StartAttachmentUpload request with different parameters');
    }
    return /** @type {object} */ (await prior.promise);
  }
  const quota = ctx.store.quotas.get(contactId) ?? ctx.options.maxAttachmentsPerChat;
  if (ctx.store.attachmentCount(contactId) >= quota) {
    throw new AcpsError('ServiceQuotaExceededException', `The number of attachments per contact exceeds the quota of ${quota}`);
  }

  const attachmentId = randomUUID();
  const key = `staging/${contactId}/${attachmentId}`;
  // Recorded before the first await, so concurrent replays and the quota see it at once.
  ctx.store.attachments.set(attachmentId, {
    attachmentId,
    contactId,
    key,
    name: req.name,
    contentType: req.contentType,
    size: req.size,
    status: 'started',
    completeCount: 0,
    completeRequests: 0,
    startClientToken: req.clientToken,
    completeClientToken: null,
    completing: null,
    scanStatus: null,
    itemId: null,
    startedAt: ctx.runtime.now(),
  });
  const promise = mintUpload(ctx, contactId, attachmentId, key, req, fault);
  ctx.store.startRequests.set(tokenKey, { fingerprint, promise });
  try {
    return await promise;
  } catch (err) {
    ctx.store.attachments.delete(attachmentId);
    ctx.store.startRequests.delete(tokenKey);
    throw err;
  }
}

/**
 * @param {AcpsContext} ctx
 * @param {string} contactId
 * @param {string} attachmentId
 * @param {string} key
 * @param {import('./validation.mjs').StartRequest} req
 * @param {ActiveFault | null} fault
 */
async function mintUpload(ctx, contactId, attachmentId, key, req, fault) {
  const ttl = ctx.options.urlExpirySeconds;
  // An "expired" URL is one signed long enough ago; S3 then refuses it on its own terms.
  const signingDate = wholeSecondNow(ctx, fault?.expiredUrl ? -(ttl + 60) * 1000 : 0);
  const disposition = contentDisposition(req.name, ctx.runtime.contentDisposition);
  const metadata = {
    contact_id: contactId,
    initial_contact_id: contactId,
    account_id: ctx.accountId,
    organization_id: ctx.organizationId,
  };
  let url = await ctx.s3.presignPut({
    key,
    contentType: req.contentType,
    size: req.size,
    contentDisposition: disposition,
    metadata,
    expiresInSeconds: ttl,
    signingDate,
  });
  if (fault?.badSignature) url = corruptSignature(url);
  return {
    AttachmentId: attachmentId,
    UploadMetadata: {
      Url: url,
      UrlExpiry: iso(signingDate.getTime() + ttl * 1000),
      // Same names, casing and order as a real Connect response.
      HeadersToInclude: {
        'x-amz-meta-contact_id': contactId,
        'x-amz-meta-initial_contact_id': contactId,
        'x-amz-acl': 'bucket-owner-full-control',
        'Content-Disposition': disposition,
        'x-amz-meta-account_id': ctx.accountId,
        'Content-Length': String(req.size),
        'Content-Type': req.contentType,
        'x-amz-meta-organization_id': ctx.organizationId,
      },
    },
  };
}

/** @type {Route['run']} */
async function completeAttachmentUpload(ctx, contactId, body, fault, caller) {
  const { attachmentId, clientToken } = validateCompleteRequest(body);
  const tokenKey = `${contactId}\n${clientToken}`;
  const usedFor = ctx.store.completeTokens.get(tokenKey);
  if (usedFor !== undefined && usedFor !== attachmentId) {
    throw invalid('ClientToken was already used for a CompleteAttachmentUpload request with different parameters');
  }
  const rec = ctx.store.attachments.get(attachmentId);
  if (!rec || rec.contactId !== contactId) throw invalid(`Attachment ${attachmentId} does not exist in this chat`);
  // Counted before any check, so tests can prove a client never asked to complete an upload that failed.
  rec.completeRequests += 1;
  if (rec.status === 'completed') {
    if (rec.completeClientToken === clientToken) return {};
    throw new AcpsError('ConflictException', `Attachment ${attachmentId} has already been completed`);
  }
  if (rec.completing) {
    if (rec.completing.clientToken === clientToken) return rec.completing.promise;
    throw new AcpsError('ConflictException', `Attachment ${attachmentId} is already being completed`);
  }

  // A staged upload that waited too long is gone, as Connect may treat one (it does not say how long
  // it keeps them): refused before anything is stored, so a client that starts over adds no second item.
  const maxStagedMs = ctx.runtime.maxStagedMs;
  if (maxStagedMs > 0 && ctx.runtime.now() - rec.startedAt > maxStagedMs) {
    throw invalid(`Attachment ${attachmentId} has expired: it was started more than ${maxStagedMs} ms ago`);
  }

  const promise = (async () => {
    const head = await ctx.s3.head(rec.key);
    if (!head) throw invalid(`Attachment ${attachmentId} was not uploaded`);
    if (head.size !== rec.size) {
      throw invalid(`Attachment ${attachmentId} size mismatch: ${head.size} bytes were uploaded, ${rec.size} were announced`);
    }
    // A reset during the S3 round trip drops the record; do not resurrect it.
    if (ctx.store.attachments.get(attachmentId) !== rec) throw invalid(`Attachment ${attachmentId} does not exist in this chat`);
    rec.status = 'completed';
    rec.completeClientToken = clientToken;
    rec.completeCount += 1;
    ctx.store.completeTokens.set(tokenKey, attachmentId);
    ctx.chat.attachmentCompleted(rec, caller);
    return /** @type {Record<string, never>} */ ({});
  })();
  rec.completing = { clientToken, promise };
  try {
    return await promise;
  } finally {
    rec.completing = null;
  }
}

/** @type {Route['run']} */
async function getAttachment(ctx, contactId, body, fault) {
  const { attachmentId, urlExpirySeconds } = validateGetAttachmentRequest(body);
  const rec = ctx.store.attachments.get(attachmentId);
  if (!rec || rec.contactId !== contactId) throw invalid(`Attachment ${attachmentId} does not exist in this chat`);
  if (rec.status !== 'completed') throw invalid(`Attachment ${attachmentId} has not been completed`);
  // Connect's documentation does not say; the stand-in's choice (see README): what the scan
  // rejected is not handed out. While the scan runs, and once approved, it is.
  if (rec.scanStatus === 'REJECTED') throw invalid(`Attachment ${attachmentId} was rejected by the attachment scan`);
  const ttl = urlExpirySeconds ?? ctx.options.urlExpirySeconds;
  const signingDate = wholeSecondNow(ctx);
  const url = fault?.downloadUrl ?? (await ctx.s3.presignGet(rec.key, ttl, signingDate));
  return { Url: url, UrlExpiry: iso(signingDate.getTime() + ttl * 1000), AttachmentSizeInBytes: rec.size };
}

/**
 * @param {AcpsContext} ctx
 * @param {Route | undefined} route
 * @param {string | undefined} token
 * @returns {string | undefined} the chat the bearer token belongs to
 */
function contactFor(ctx, route, token) {
  if (route?.token === 'participant') return ctx.store.contactForParticipantToken(token);
  const now = ctx.runtime.now();
  if (route?.token === 'connection') return ctx.store.contactForConnectionToken(token, now);
  return ctx.store.contactForConnectionToken(token, now) ?? ctx.store.contactForParticipantToken(token);
}

/**
 * @param {AcpsContext} ctx
 * @returns {(req: IncomingMessage, res: ServerResponse, pathname: string) => Promise<void>}
 */
export function createAcpsHandler(ctx) {
  return async (req, res, pathname) => {
    res.setHeader('x-amzn-RequestId', newRequestId());
    const route = Object.hasOwn(ROUTES, pathname) ? ROUTES[pathname] : undefined;
    const rawBearer = req.headers['x-amz-bearer'];
    const token = typeof rawBearer === 'string' && rawBearer !== '' ? rawBearer : undefined;
    // Decided on arrival: the request itself may change what is valid.
    const contactId = contactFor(ctx, route, token);
    const caller = ctx.store.callerFor(contactId);
    const entry = ctx.log.add({
      service: 'acps',
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      status: 0,
      headers: loggableHeaders(req),
      bearer: token === undefined ? 'absent' : contactId === undefined ? 'invalid' : 'valid',
      fault: null,
      at: Date.now(),
    });
    res.on('finish', () => {
      entry.status = res.statusCode;
    });

    if (req.method === 'OPTIONS') {
      answerPreflight(req, res, ctx.options.allowedOrigins);
      return;
    }
    if (!route) {
      sendAcpsError(res, { status: 404, type: 'UnknownOperationException', message: `No operation at ${req.method} ${pathname}` });
      return;
    }
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST, OPTIONS');
      sendAcpsError(res, { status: 405, type: 'UnknownOperationException', message: `${pathname} only accepts POST` });
      return;
    }

    /** @type {Record<string, unknown>} */
    let body;
    try {
      body = parseJsonObject(await readBody(req));
    } catch (err) {
      if (!(err instanceof BodyError)) throw err;
      sendAcpsError(res, { status: err.status, type: 'SerializationException', message: err.message });
      return;
    }
    // Kept so tests can see ClientTokens and AttachmentIds on the wire, faulted requests included.
    entry.body = body;

    const fault = ctx.faults.take(route.fault);
    if (fault) {
      entry.fault = route.fault;
      if (fault.delayMs) await sleep(fault.delayMs);
      if (fault.reset) {
        req.socket.destroy();
        return;
      }
      if (fault.badBody) {
        sendJson(res, 200, BAD_BODIES[route.fault]);
        return;
      }
      if (fault.status !== undefined || fault.errorType !== undefined) {
        const type = fault.errorType ?? errorTypeForStatus(/** @type {number} */ (fault.status));
        sendAcpsError(res, {
          status: fault.status ?? STATUS_BY_ERROR_TYPE[type] ?? 500,
          type,
          message: fault.message ?? `Injected ${type}`,
          format: fault.errorFormat ?? 'header',
        });
        return;
      }
    }

    try {
      if (contactId === undefined || caller === undefined) throw accessDenied();
      const out = await route.run(ctx, contactId, body, fault, caller);
      sendJson(res, 200, out);
    } catch (err) {
      if (err instanceof AcpsError) {
        sendAcpsError(res, { status: err.status, type: err.type, message: err.message });
        return;
      }
      console.error('[connect-stand-in] internal error:', err);
      sendAcpsError(res, { status: 500, type: 'InternalServerException', message: 'Internal server error' });
    }
  };
}
