// @ts-check
// The control API (chats, state, reset), the request log's redaction, and the CLI.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { S3Client, HeadObjectCommand } from '@aws-sdk/client-s3';
import { BUCKET, s3Credentials, RUNTIME_DEFAULTS } from 'connect-chat-stand-in';
import { CLI, startCli, startStandIn, startUpload, chatWithStartedUpload, put, acps, sha256 } from './helpers.mjs';

test('POST /__control/chats creates a chat with working tokens', async (t) => {
  const standIn = await startStandIn(t);
  const res = await fetch(`${standIn.endpoint}/__control/chats`, { method: 'POST' });
  assert.equal(res.status, 201);
  const chat = await res.json();
  assert.deepEqual(Object.keys(chat).sort(), [
    'agentParticipantId',
    'connectionExpiry',
    'connectionToken',
    'contactId',
    'participantId',
    'participantToken',
  ]);
  assert.notEqual(chat.participantId, chat.agentParticipantId);
  assertNearDay(chat.connectionExpiry);
  assert.equal((await startUpload(standIn, chat.connectionToken)).status, 200);
  const conn = await acps(standIn, '/participant/connection', chat.participantToken, { Type: ['CONNECTION_CREDENTIALS'] });
  assert.equal(conn.status, 200);
});

/** @param {string} iso */
function assertNearDay(iso) {
  assert.ok(Math.abs(Date.parse(iso) - (Date.now() + 86_400_000)) < 5000, iso);
}

test('GET /__control/state reports attachments, stored bytes and a redacted request log', async (t) => {
  const standIn = await startStandIn(t);
  const { chat, meta, bytes, attachmentId } = await chatWithStartedUpload(standIn, { name: 'notes.txt' });
  assert.equal((await put(meta, bytes)).status, 200);
  await startUpload(standIn, 'not-a-real-token');
  await fetch(`${standIn.endpoint}/participant/attachment`, { method: 'POST', body: '{}' });

  const res = await fetch(`${standIn.endpoint}/__control/state`);
  assert.equal(res.status, 200);
  const state = await res.json();
  assert.deepEqual(state.attachments, [
    {
      attachmentId,
      contactId: chat.contactId,
      name: 'notes.txt',
      contentType: 'text/plain',
      size: bytes.length,
      status: 'started',
      scanStatus: null,
      completeCount: 0,
      completeRequests: 0,
      startClientToken: state.attachments[0].startClientToken,
      stored: { size: bytes.length, sha256: sha256(bytes) },
    },
  ]);
  /** @type {import('connect-chat-stand-in/types.mjs').RequestLogEntry[]} */
  const requests = state.requests;
  assert.deepEqual(
    requests.map((r) => [r.service, r.method, r.status, r.bearer]),
    [
      ['acps', 'POST', 200, 'valid'],
      ['s3', 'PUT', 200, undefined],
      ['acps', 'POST', 403, 'invalid'],
      ['acps', 'POST', 403, 'absent'],
    ],
  );
  assert.equal(requests[0]?.url, '/participant/start-attachment-upload');
  assert.match(requests[1]?.url ?? '', /^\/attachments\/staging\/.+X-Amz-Signature=/);
  assert.equal(requests[1]?.headers['x-amz-acl'], 'bucket-owner-full-control');
  for (const r of requests) {
    assert.equal(typeof r.at, 'number');
    assert.equal(r.headers['x-amz-bearer'], undefined);
    assert.deepEqual(
      Object.keys(r.headers),
      Object.keys(r.headers).map((h) => h.toLowerCase()),
    );
  }
  const text = JSON.stringify(state);
  assert.ok(!text.includes(chat.connectionToken) && !text.includes(chat.participantToken), 'no token in the state');
});

test('reset clears chats, tokens, attachments, stored objects, faults and the log', async (t) => {
  const standIn = await startStandIn(t);
  const { chat, meta, bytes, attachmentId } = await chatWithStartedUpload(standIn);
  assert.equal((await put(meta, bytes)).status, 200);
  standIn.setFaults([{ route: 'connection', status: 500, times: -1 }]);
  standIn.setOptions({ s3Cors: 'refuse', clockOffsetMs: 60_000, contentDisposition: 'raw' });

  const res = await fetch(`${standIn.endpoint}/__control/reset`, { method: 'POST' });
  assert.equal(res.status, 200);
  const state = await standIn.state();
  assert.deepEqual(state, { chats: [], attachments: [], requests: [], faults: [], options: RUNTIME_DEFAULTS });
  assert.equal((await startUpload(standIn, chat.connectionToken)).status, 403, 'old tokens are gone');
  const conn = await acps(standIn, '/participant/connection', chat.participantToken, { Type: ['CONNECTION_CREDENTIALS'] });
  assert.equal(conn.status, 403, 'no fault any more, and the participant token is gone too');

  const s3 = new S3Client({ region: 'us-east-1', endpoint: standIn.s3Endpoint, forcePathStyle: true, credentials: s3Credentials() });
  t.after(() => s3.destroy());
  await assert.rejects(
    s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: `staging/${chat.contactId}/${attachmentId}` })),
    { name: 'NotFound' },
    'the uploaded object is gone',
  );
  const preflight = await fetch(meta.Url, {
    method: 'OPTIONS',
    headers: { Origin: 'http://localhost:8000', 'Access-Control-Request-Method': 'PUT' },
  });
  assert.equal(preflight.status, 200, 'the bucket (and its CORS rule) survived');

  await standIn.reset();
  assert.equal((await startUpload(standIn, standIn.createChat().connectionToken)).status, 200, 'usable after reset');
});

test('control routes: wrong method is 405, unknown route is 404', async (t) => {
  const standIn = await startStandIn(t);
  assert.equal((await fetch(`${standIn.endpoint}/__control/state`, { method: 'POST' })).status, 405);
  assert.equal((await fetch(`${standIn.endpoint}/__control/chats`)).status, 405);
  assert.equal((await fetch(`${standIn.endpoint}/__control/nope`)).status, 404);
  const badJson = await fetch(`${standIn.endpoint}/__control/faults`, { method: 'POST', body: 'nope' });
  assert.equal(badJson.status, 400);
});

test('close() frees the ports', async (t) => {
  const standIn = await startStandIn(t);
  await standIn.close();
  await assert.rejects(fetch(`${standIn.endpoint}/__control/state`), TypeError);
  await assert.rejects(fetch(`${standIn.s3Endpoint}/attachments`), TypeError);
});

test('the CLI prints its endpoints, serves, and exits cleanly on SIGTERM', async () => {
  const { child, endpoint, out } = await startCli(['--port', '0', '--s3-port', '0']);
  try {
    assert.match(out(), /S3 \(pre-signed URLs\) on http:\/\/127\.0\.0\.1:\d+/);
    const res = await fetch(`${endpoint}/__control/chats`, { method: 'POST' });
    assert.equal(res.status, 201);
    const chat = await res.json();
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = await exited;
    assert.equal(code, 0);
    assert.ok(!out().includes(chat.connectionToken), 'tokens are never printed');
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});

test('the CLI on a taken port says so in one line naming the option, and exits 2', async (t) => {
  const blocker = createServer().listen(0, '127.0.0.1');
  await once(blocker, 'listening');
  t.after(() => blocker.close());
  const taken = String(/** @type {import('node:net').AddressInfo} */ (blocker.address()).port);
  /** @type {[string, string[]][]} */
  const cases = [
    ['--port', ['--port', taken]],
    ['--s3-port', ['--port', '0', '--s3-port', taken]],
  ];
  for (const [flag, args] of cases) {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (chunk) => {
      err += chunk;
    });
    const [code] = await once(child, 'exit');
    assert.equal(code, 2, flag);
    assert.equal(err, `Port ${taken} is in use: choose another with ${flag} N\n`);
  }
});

test('POST /__control/chats takes an optional per-chat attachment quota', async (t) => {
  const standIn = await startStandIn(t);
  const res = await fetch(`${standIn.endpoint}/__control/chats`, { method: 'POST', body: JSON.stringify({ maxAttachments: 1 }) });
  assert.equal(res.status, 201);
  const chat = await res.json();
  const start = (/** @type {string} */ clientToken) =>
    fetch(`${standIn.endpoint}/participant/start-attachment-upload`, {
      method: 'POST',
      headers: { 'X-Amz-Bearer': chat.connectionToken, 'Content-Type': 'application/json' },
      body: JSON.stringify({ ContentType: 'text/plain', AttachmentSizeInBytes: 1, AttachmentName: 'a.txt', ClientToken: clientToken }),
    });
  assert.equal((await start('one')).status, 200);
  const second = await start('two');
  assert.equal(second.status, 402);
  assert.match(second.headers.get('x-amzn-errortype') ?? '', /^ServiceQuotaExceededException/);
  const bad = await fetch(`${standIn.endpoint}/__control/chats`, { method: 'POST', body: JSON.stringify({ maxAttachments: 0 }) });
  assert.equal(bad.status, 400);
});
