// @ts-check
// Shared helpers for the stand-in's Node tests: start/close per test, raw ACPS calls, uploads, hashing.

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import http from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConnectParticipantClient } from '@aws-sdk/client-connectparticipant';
import { startConnectStandIn } from 'connect-chat-stand-in';

/** @typedef {import('connect-chat-stand-in/types.mjs').StandIn} StandIn */
/** @typedef {import('connect-chat-stand-in/types.mjs').StandInOptions} StandInOptions */

/**
 * Starts a stand-in on ephemeral ports that is closed when the test ends.
 * @param {import('node:test').TestContext} t
 * @param {StandInOptions} [options]
 * @returns {Promise<StandIn>}
 */
export async function startStandIn(t, options = {}) {
  const standIn = await startConnectStandIn(options);
  t.after(() => standIn.close());
  return standIn;
}

/**
 * A client built the way chatjs builds it: empty credentials, custom endpoint.
 * Single attempt by default, so a fault is seen as the error it is, not retried away.
 * @param {import('node:test').TestContext} t
 * @param {StandIn} standIn
 * @param {{ maxAttempts?: number }} [extra]
 */
export function participantClient(t, standIn, extra = {}) {
  const client = new ConnectParticipantClient({
    region: 'us-east-1',
    endpoint: standIn.endpoint,
    credentials: { accessKeyId: '', secretAccessKey: '' },
    maxAttempts: extra.maxAttempts ?? 1,
  });
  t.after(() => client.destroy());
  return client;
}

/**
 * @typedef {object} RawResponse
 * @property {number} status
 * @property {Headers} headers
 * @property {any} json Parsed body, or undefined when it is not JSON.
 * @property {string} text
 */

/**
 * A raw ACPS call, to see exactly what is on the wire.
 * @param {StandIn} standIn
 * @param {string} path
 * @param {string | undefined} token
 * @param {unknown} body
 * @param {Record<string, string>} [headers]
 * @returns {Promise<RawResponse>}
 */
export async function acps(standIn, path, token, body, headers = {}) {
  /** @type {Record<string, string>} */
  const h = { 'content-type': 'application/json', ...headers };
  if (token !== undefined) h['x-amz-bearer'] = token;
  const res = await fetch(standIn.endpoint + path, {
    method: 'POST',
    headers: h,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, json, text };
}

/**
 * @param {StandIn} standIn
 * @param {string} connectionToken
 * @param {{ ContentType?: string, AttachmentSizeInBytes?: number, AttachmentName?: string, ClientToken?: string }} [fields]
 */
export function startUpload(standIn, connectionToken, fields = {}) {
  return acps(standIn, '/participant/start-attachment-upload', connectionToken, {
    ContentType: 'text/plain',
    AttachmentSizeInBytes: 11,
    AttachmentName: 'hello.txt',
    ClientToken: randomBytes(8).toString('hex'),
    ...fields,
  });
}

/**
 * @param {StandIn} standIn
 * @param {string} connectionToken
 * @param {string} attachmentId
 * @param {string} [clientToken]
 */
export function completeUpload(standIn, connectionToken, attachmentId, clientToken = randomBytes(8).toString('hex')) {
  return acps(standIn, '/participant/complete-attachment-upload', connectionToken, {
    AttachmentIds: [attachmentId],
    ClientToken: clientToken,
  });
}

/**
 * PUTs bytes the way a browser client would: every HeadersToInclude entry as a header.
 * @param {{ Url: string, HeadersToInclude: Record<string, string> }} meta
 * @param {Uint8Array | string} body
 * @param {{ headers?: Record<string, string | null>, url?: string, signal?: AbortSignal }} [changes]
 *   header value null removes that header
 */
export async function put(meta, body, changes = {}) {
  /** @type {Record<string, string>} */
  const headers = {};
  for (const [k, v] of Object.entries({ ...meta.HeadersToInclude, ...changes.headers })) {
    if (v !== null && v !== undefined) headers[k] = v;
  }
  /** @type {RequestInit} */
  const init = { method: 'PUT', headers, body: /** @type {BodyInit} */ (body) };
  if (changes.signal) init.signal = changes.signal;
  const res = await fetch(changes.url ?? meta.Url, init);
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, code: s3ErrorCode(text), message: s3ErrorMessage(text) };
}

/**
 * A request through node:http, which puts each char of a header value on the wire as one byte
 * (Latin-1), as a browser's XHR does: the way to send UTF-8 bytes in a header.
 * @param {string} url
 * @param {{ method?: string, headers?: Record<string, string>, body?: Uint8Array | string }} [init]
 * @returns {Promise<{
 *   status: number, headers: import('node:http').IncomingHttpHeaders, body: Buffer, text: string, code?: string, message?: string,
 * }>}
 */
export function rawRequest(url, init = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: init.method ?? 'GET', headers: init.headers ?? {} }, (res) => {
      /** @type {Buffer[]} */
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        const text = body.toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text, code: s3ErrorCode(text), message: s3ErrorMessage(text) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    // Not end(body): given the body there, Node re-decodes a Content-Disposition value as UTF-8
    // (nodejs/node#46528) and so sends other bytes than the ones asked for.
    if (init.body !== undefined) req.write(init.body);
    req.end();
  });
}

/**
 * @param {string} value
 * @returns {string} its UTF-8 bytes, one Latin-1 char each
 */
export const utf8AsLatin1 = (value) => Buffer.from(value, 'utf8').toString('latin1');

/**
 * @param {string} xml
 * @returns {string | undefined}
 */
export function s3ErrorCode(xml) {
  return /<Code>([^<]*)<\/Code>/.exec(xml)?.[1];
}

/**
 * @param {string} xml
 * @returns {string | undefined}
 */
export function s3ErrorMessage(xml) {
  return /<Message>([^<]*)<\/Message>/.exec(xml)?.[1];
}

/**
 * @param {Uint8Array | string} data
 * @returns {string}
 */
export function sha256(data) {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Starts an upload of `size` text bytes and returns what is needed to PUT and complete it.
 * @param {StandIn} standIn
 * @param {{ size?: number, name?: string, contentType?: string }} [opts]
 */
export async function chatWithStartedUpload(standIn, opts = {}) {
  const chat = standIn.createChat();
  const bytes = Buffer.from('x'.repeat(opts.size ?? 11));
  const started = await startUpload(standIn, chat.connectionToken, {
    AttachmentSizeInBytes: bytes.length,
    AttachmentName: opts.name ?? 'hello.txt',
    ContentType: opts.contentType ?? 'text/plain',
  });
  if (started.status !== 200) throw new Error(`start failed: ${started.status} ${started.text}`);
  return { chat, bytes, attachmentId: /** @type {string} */ (started.json.AttachmentId), meta: started.json.UploadMetadata, started };
}

/**
 * @param {number} ms
 * @returns {Promise<void>}
 */
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const standInDir = dirname(fileURLToPath(import.meta.resolve('connect-chat-stand-in/package.json')));

/** The stand-in's command-line entry point: the file its package.json names as its `bin`. */
export const CLI = join(standInDir, JSON.parse(readFileSync(join(standInDir, 'package.json'), 'utf8')).bin['connect-chat-stand-in']);

/**
 * Runs the stand-in's CLI with `args` until it says where it listens.
 * @param {string[]} args
 * @returns {Promise<{ child: import('node:child_process').ChildProcess, endpoint: string, out: () => string }>}
 */
export async function startCli(args) {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  try {
    const endpoint = await new Promise((resolve, reject) => {
      child.stdout?.on('data', (chunk) => {
        out += chunk;
        const m = /listening on (http:\/\/\S+)/.exec(out);
        if (m && /Create a chat/.test(out)) resolve(m[1]);
      });
      child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
    });
    return { child, endpoint: /** @type {string} */ (endpoint), out: () => out };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}
