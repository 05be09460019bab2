// @ts-check
// The discarding S3 sink (`s3Sink: 'discard'`, used by the benchmark): it must refuse what S3
// refuses, as s3rver does, yet keep nothing but each object's size and SHA-256, never buffering.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import { startStandIn, chatWithStartedUpload, put, sha256, startUpload, completeUpload } from './helpers.mjs';

/** @type {import('connect-chat-stand-in/types.mjs').StandInOptions} */
const DISCARD = { s3Sink: 'discard' };

test('discard sink: a signed PUT is counted and hashed, and Complete sees its size', async (t) => {
  const standIn = await startStandIn(t, DISCARD);
  const chat = standIn.createChat();
  const bytes = randomBytes(256 * 1024);
  const started = await startUpload(standIn, chat.connectionToken, {
    ContentType: 'image/png',
    AttachmentName: 'pic.png',
    AttachmentSizeInBytes: bytes.length,
  });
  const origin = 'http://localhost:8000';
  const res = await put(started.json.UploadMetadata, bytes, { headers: { Origin: origin } });
  assert.equal(res.status, 200, res.text);
  assert.match(res.headers.get('etag') ?? '', /^"[0-9a-f]{32}"$/);
  assert.ok(res.headers.get('access-control-allow-origin'));
  assert.match(res.headers.get('access-control-expose-headers') ?? '', /ETag/i);
  const [att] = (await standIn.state()).attachments;
  assert.deepEqual(att?.stored, { size: bytes.length, sha256: sha256(bytes) });
  const done = await completeUpload(standIn, chat.connectionToken, started.json.AttachmentId);
  assert.equal(done.status, 200, done.text);

  await standIn.reset();
  assert.deepEqual((await standIn.state()).attachments, []);
});

test('discard sink: refuses a changed header, a missing one, a wrong length, a tampered signature', async (t) => {
  const standIn = await startStandIn(t, DISCARD);
  const { meta, bytes, chat, attachmentId } = await chatWithStartedUpload(standIn);
  const refusals = [
    await put(meta, bytes, { headers: { 'Content-Type': 'text/csv' } }),
    await put(meta, bytes, { headers: { 'x-amz-meta-contact_id': null } }),
    await put(meta, bytes, { headers: { 'Content-Disposition': 'attachment; filename="other.txt"' } }),
    await put(meta, Buffer.concat([bytes, Buffer.from('!')]), { headers: { 'Content-Length': null } }),
  ];
  const url = new URL(meta.Url);
  const sig = url.searchParams.get('X-Amz-Signature') ?? '';
  url.searchParams.set('X-Amz-Signature', (sig[0] === 'a' ? 'b' : 'a') + sig.slice(1));
  refusals.push(await put(meta, bytes, { url: url.toString() }));
  const moved = new URL(meta.Url);
  moved.pathname += 'x';
  refusals.push(await put(meta, bytes, { url: moved.toString() }));
  for (const [i, res] of refusals.entries()) {
    assert.equal(res.status, 403, `refusal ${i}`);
    assert.equal(res.code, 'SignatureDoesNotMatch', `refusal ${i}`);
  }
  assert.equal((await standIn.state()).attachments[0]?.stored, null, 'nothing was kept from the refused PUTs');
  const early = await completeUpload(standIn, chat.connectionToken, attachmentId);
  assert.equal(early.status, 400, 'Complete before a good PUT is refused');
  const ok = await put(meta, bytes);
  assert.equal(ok.status, 200, 'the untouched request still works');
});

test('discard sink: expired URLs and s3-put faults behave as with s3rver', async (t) => {
  const standIn = await startStandIn(t, DISCARD);
  standIn.setFaults([{ route: 'start-attachment-upload', expiredUrl: true }]);
  const expired = await chatWithStartedUpload(standIn);
  const res = await put(expired.meta, expired.bytes);
  assert.equal(res.status, 403);
  assert.equal(res.code, 'AccessDenied');
  assert.equal(res.message, 'Request has expired');

  standIn.setFaults([
    { route: 's3-put', status: 503 },
    { route: 's3-put', slowBytesPerSecond: 20_000 },
  ]);
  const { meta, bytes } = await chatWithStartedUpload(standIn, { size: 4000 });
  assert.equal((await put(meta, bytes)).status, 503);
  const began = Date.now();
  assert.equal((await put(meta, bytes)).status, 200);
  assert.ok(Date.now() - began >= 150, 'the slow fault throttles the sink too');
});

test('discard sink: answers the browser preflight for the bucket', async (t) => {
  const standIn = await startStandIn(t, DISCARD);
  const { meta } = await chatWithStartedUpload(standIn);
  const res = await fetch(meta.Url, {
    method: 'OPTIONS',
    headers: {
      Origin: 'http://localhost:8000',
      'Access-Control-Request-Method': 'PUT',
      'Access-Control-Request-Headers': 'content-disposition,content-type,x-amz-acl,x-amz-meta-contact_id',
    },
  });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('access-control-allow-origin'), '*');
  assert.match(res.headers.get('access-control-allow-methods') ?? '', /PUT/);
  assert.match(res.headers.get('access-control-allow-headers') ?? '', /x-amz-meta-contact_id/);
});

test('discard sink: streams a body larger than the buffering proxy would take', async (t) => {
  const size = 300 * 1024 * 1024;
  const standIn = await startStandIn(t, { ...DISCARD, maxAttachmentBytes: size });
  const chat = standIn.createChat();
  const started = await startUpload(standIn, chat.connectionToken, {
    ContentType: 'video/mp4',
    AttachmentName: 'big.mp4',
    AttachmentSizeInBytes: size,
  });
  const meta = started.json.UploadMetadata;
  const chunk = Buffer.alloc(1024 * 1024, 0x5a);
  const hash = createHash('sha256');
  const status = await new Promise((resolve, reject) => {
    const req = http.request(meta.Url, { method: 'PUT', headers: meta.HeadersToInclude }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    let sent = 0;
    const pump = () => {
      while (sent < size) {
        sent += chunk.length;
        hash.update(chunk);
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      req.end();
    };
    pump();
  });
  assert.equal(status, 200);
  const stored = (await standIn.state()).attachments.find((a) => a.name === 'big.mp4')?.stored;
  assert.deepEqual(stored, { size, sha256: hash.digest('hex') });
});
