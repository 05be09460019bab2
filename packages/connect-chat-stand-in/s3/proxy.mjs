// @ts-check
// An HTTP proxy in front of s3rver (request bodies buffered, responses streamed) that logs
// requests, injects `s3-put` faults, and refuses what S3 refuses before anything is stored.

import http from 'node:http';
import { once } from 'node:events';
import { createHash } from 'node:crypto';
import { loggableHeaders, sleep } from '../shared/http.mjs';
import { authorizeS3Request } from './auth.mjs';

/** @typedef {import('../control/faults.mjs').FaultPlan} FaultPlan */
/** @typedef {import('../shared/store.mjs').RequestLog} RequestLog */
/** @typedef {import('../shared/types.mjs').ActiveFault} ActiveFault */
/** @typedef {import('./response.mjs').S3Responses} S3Responses */
/** @typedef {import('../control/runtime-options.mjs').Runtime} Runtime */

/** Hop-by-hop headers belong to one connection, not to the request; none is ever signed. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection']);

/** @type {Record<string, number>} */
const S3_ERROR_STATUS = {
  AccessDenied: 403,
  SignatureDoesNotMatch: 403,
  RequestTimeout: 400,
  EntityTooLarge: 400,
  BadDigest: 400,
  IncompleteBody: 400,
  NoSuchBucket: 404,
  SlowDown: 503,
  ServiceUnavailable: 503,
  InternalError: 500,
};

/**
 * Reads and discards the body, so the client is never answered while it is still sending
 * (which some clients report as a network error instead of the status).
 * @param {http.IncomingMessage} req
 */
async function drain(req) {
  try {
    for await (const _ of req) {
      /* discard */
    }
  } catch {
    /* the client went away; nothing to answer */
  }
}

/**
 * @param {http.IncomingMessage} req
 * @returns {Promise<void>} once some of the body (or its end) has arrived
 */
async function readSome(req) {
  if (req.readableEnded) return;
  await new Promise((resolve) => {
    req.once('data', resolve);
    req.once('end', resolve);
    req.once('error', resolve);
    req.once('close', resolve);
  });
  req.pause();
}

/** Default cap on buffered bodies; S3 signs Content-Length, so a real client never gets near it. */
export const MAX_PUT_BODY_BYTES = 256 * 1024 * 1024;

class BodyTooLarge extends Error {}

/**
 * Reads the whole request body, optionally no faster than `bytesPerSecond`: backpressure keeps
 * the client from sending much faster (up to the sockets' buffers), so upload progress is slow.
 * @param {http.IncomingMessage} req
 * @param {number | undefined} bytesPerSecond
 * @param {number} maxBytes
 * @returns {Promise<Buffer>} rejects if the client goes away first
 */
async function readWholeBody(req, bytesPerSecond, maxBytes) {
  /** @type {Buffer[]} */
  const chunks = [];
  let total = 0;
  const started = Date.now();
  for await (const chunk of req) {
    const buf = /** @type {Buffer} */ (chunk);
    total += buf.length;
    if (total > maxBytes) throw new BodyTooLarge();
    chunks.push(buf);
    if (bytesPerSecond) {
      const wait = started + (total / bytesPerSecond) * 1000 - Date.now();
      if (wait > 0) await sleep(wait);
    }
  }
  if (!req.complete) throw new Error('request body incomplete');
  return Buffer.concat(chunks);
}

/**
 * @param {{
 *   host: string, port: number, targetHost: string, targetPort: number, faults: FaultPlan, log: RequestLog,
 *   responses: S3Responses, runtime: Runtime, maxBodyBytes?: number, sink?: import('./sink.mjs').DiscardSink,
 *   onStored?: (path: string, stored: { size: number, sha256: string }) => void,
 * }} options `sink` answers bucket PUTs and preflights itself instead of forwarding them
 * @returns {Promise<{ port: number, close: () => Promise<void> }>}
 */
export async function startS3Proxy({
  host,
  port,
  targetHost,
  targetPort,
  faults,
  log,
  responses,
  runtime,
  maxBodyBytes = MAX_PUT_BODY_BYTES,
  sink,
  onStored,
}) {
  const { sendS3Error, ensureCors } = responses;
  // A fresh connection to s3rver per request: a kept-alive socket that s3rver closes just as a
  // request goes out on it fails with ECONNRESET, which would reach the browser as a 502 that
  // real S3 never sent (seen under CPU load). Loopback connections cost next to nothing.
  const agent = new http.Agent({ keepAlive: false });

  /**
   * Buffers the body before sending it on: S3 creates an object all at once or not at all,
   * while s3rver would keep the first half of an upload whose client gave up.
   * @param {http.IncomingMessage} req
   * @param {http.ServerResponse} res
   * @param {ActiveFault | null} fault
   * @param {string} target the request target for s3rver (the client's, or re-signed)
   */
  async function forward(req, res, fault, target) {
    /** @type {Buffer} */
    let body;
    try {
      body = await readWholeBody(req, fault?.slowBytesPerSecond, maxBodyBytes);
    } catch (err) {
      if (err instanceof BodyTooLarge) {
        // Best effort: leaving the loop early may already have torn the connection down.
        if (!res.destroyed) sendS3Error(req, res, 400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size');
      } else {
        res.destroy();
      }
      return;
    }
    if (res.destroyed) return;
    // Content-Disposition first: once Node's client has seen a Content-Length, it re-decodes a
    // later Content-Disposition value as UTF-8 and sends other bytes than the client's (Chromium
    // sends Content-Length early; s3rver then answers a bare 400).
    /** @type {http.OutgoingHttpHeaders} */
    const headers = {};
    const disposition = req.headers['content-disposition'];
    if (disposition !== undefined) headers['content-disposition'] = disposition;
    for (const [name, value] of Object.entries(req.headers)) {
      if (!HOP_BY_HOP.has(name)) headers[name] = value;
    }
    // Host goes through untouched: it is part of every SigV4 signature.
    const upstream = http.request({
      host: targetHost,
      port: targetPort,
      method: req.method,
      path: target,
      headers,
      agent,
    });
    upstream.on('response', (upRes) => {
      // What s3rver stored is what was sent on: its size and digest are known here, so reading the
      // state never has to read every object back (which, after a soak of 200 files, took seconds).
      const status = upRes.statusCode ?? 502;
      if (req.method === 'PUT' && status >= 200 && status < 300) {
        onStored?.(new URL(target, 'http://s3').pathname, { size: body.length, sha256: createHash('sha256').update(body).digest('hex') });
      }
      /** @type {Record<string, string | string[] | undefined>} */
      const out = {};
      for (const [name, value] of Object.entries(upRes.headers)) {
        if (!HOP_BY_HOP.has(name)) out[name] = value;
      }
      ensureCors(req, out);
      res.writeHead(upRes.statusCode ?? 502, out);
      upRes.pipe(res);
    });
    upstream.on('error', () => {
      if (!res.headersSent) sendS3Error(req, res, 502, 'InternalError', 'The stand-in could not reach its S3 backend');
      else res.destroy();
    });
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    // Not end(body): given the body there, Node re-decodes a Content-Disposition value as UTF-8
    // (nodejs/node#46528), and s3rver would get other bytes than the client signed and sent.
    if (body.length > 0) upstream.write(body);
    upstream.end();
  }

  /**
   * @param {http.IncomingMessage} req
   * @param {http.ServerResponse} res
   */
  async function handle(req, res) {
    const entry = log.add({
      service: 's3',
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      status: 0,
      headers: loggableHeaders(req),
      fault: null,
      at: Date.now(),
    });
    res.on('finish', () => {
      entry.status = res.statusCode;
    });

    const fault = req.method === 'PUT' ? faults.take('s3-put') : null;
    if (fault) entry.fault = 's3-put';
    if (fault?.delayMs) await sleep(fault.delayMs);
    if (fault?.reset) {
      await readSome(req);
      req.socket.destroy();
      return;
    }
    if (fault && (fault.status !== undefined || fault.errorType !== undefined)) {
      const code = fault.errorType ?? 'InternalError';
      const status = fault.status ?? S3_ERROR_STATUS[code] ?? 500;
      await drain(req);
      sendS3Error(req, res, status, code, fault.message ?? 'We encountered an internal error. Please try again.');
      return;
    }
    if (req.method === 'OPTIONS' && !responses.corsAllowed()) {
      await drain(req);
      responses.refusePreflight(req, res);
      return;
    }
    const auth = authorizeS3Request(req, runtime);
    if ('failure' in auth) {
      const { status, code, message, detail } = auth.failure;
      await drain(req);
      sendS3Error(req, res, status, code, message, detail);
      return;
    }
    if (sink?.handles(req)) {
      if (req.method === 'OPTIONS') sink.preflight(req, res);
      else await sink.put(req, res, fault);
      return;
    }
    await forward(req, res, fault, auth.target);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  server.listen(port, host);
  await once(server, 'listening');
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    port: address.port,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      agent.destroy();
    },
  };
}
