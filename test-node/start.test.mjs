// @ts-check
// StartAttachmentUpload: field validation, supported types, ClientToken idempotency and the per-chat quota.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CHAT_CONTENT_TYPES } from 'connect-chat-stand-in';
import { startStandIn, startUpload, put, sha256 } from './helpers.mjs';

/** @param {import('./helpers.mjs').RawResponse} res */
const errorType = (res) => (res.headers.get('x-amzn-errortype') ?? '').split(':')[0];

test('each invalid field is a 400 ValidationException naming the field', async (t) => {
  const standIn = await startStandIn(t, { maxAttachmentBytes: 1000 });
  const chat = standIn.createChat();
  /** @type {Array<[Record<string, unknown>, RegExp]>} */
  const cases = [
    [{ ContentType: undefined }, /ContentType is required/],
    [{ ContentType: '' }, /ContentType must be between 1 and 255/],
    [{ ContentType: 'a'.repeat(256) }, /ContentType must be between 1 and 255/],
    [{ ContentType: 'image/gif' }, /ContentType image\/gif is not supported/],
    [{ ContentType: 'text/plain; charset=utf-8' }, /not supported/],
    [{ ContentType: 42 }, /ContentType must be a string/],
    [{ AttachmentSizeInBytes: undefined }, /AttachmentSizeInBytes is required/],
    [{ AttachmentSizeInBytes: 0 }, /at least 1/],
    [{ AttachmentSizeInBytes: 1.5 }, /must be an integer/],
    [{ AttachmentSizeInBytes: '5' }, /must be an integer/],
    [{ AttachmentSizeInBytes: 1001 }, /exceeds the maximum attachment size of 1000 bytes/],
    [{ AttachmentName: undefined }, /AttachmentName is required/],
    [{ AttachmentName: '' }, /AttachmentName must be between 1 and 256/],
    [{ AttachmentName: 'n'.repeat(257) }, /AttachmentName must be between 1 and 256/],
    [{ ClientToken: undefined }, /ClientToken is required/],
    [{ ClientToken: '' }, /ClientToken must be between 1 and 500/],
    [{ ClientToken: 't'.repeat(501) }, /ClientToken must be between 1 and 500/],
  ];
  for (const [fields, message] of cases) {
    const res = await startUpload(standIn, chat.connectionToken, /** @type {any} */ (fields));
    assert.equal(res.status, 400, JSON.stringify(fields).slice(0, 80));
    assert.equal(errorType(res), 'ValidationException');
    assert.match(res.json.message, message);
  }
  assert.equal((await standIn.state()).attachments.length, 0);
});

test('boundary values and every supported content type are accepted', async (t) => {
  const standIn = await startStandIn(t, { maxAttachmentBytes: 1000, maxAttachmentsPerChat: 100 });
  const chat = standIn.createChat();
  const ok = [
    { AttachmentSizeInBytes: 1 },
    { AttachmentSizeInBytes: 1000 },
    { AttachmentName: 'n'.repeat(256) },
    { ClientToken: 't'.repeat(500) },
    ...Object.keys(CHAT_CONTENT_TYPES).map((ContentType) => ({ ContentType })),
  ];
  for (const fields of ok) {
    const res = await startUpload(standIn, chat.connectionToken, fields);
    assert.equal(res.status, 200, `${JSON.stringify(fields).slice(0, 80)}: ${res.text}`);
  }
  assert.equal(Object.keys(CHAT_CONTENT_TYPES).length, 21);
  for (const type of ['text/csv', 'image/heic', 'video/quicktime', 'video/mp4', 'application/x-rtf', 'audio/vnd.wave']) {
    assert.ok(Object.hasOwn(CHAT_CONTENT_TYPES, type), type);
  }
});

test('same ClientToken and parameters: the same response, counted once', async (t) => {
  const standIn = await startStandIn(t);
  const chat = standIn.createChat();
  const fields = { ClientToken: 'retry-me', AttachmentName: 'a.txt', AttachmentSizeInBytes: 5 };
  const first = await startUpload(standIn, chat.connectionToken, fields);
  const again = await startUpload(standIn, chat.connectionToken, fields);
  assert.equal(first.status, 200);
  assert.deepEqual(again.json, first.json);
  const concurrent = await Promise.all(
    [1, 2, 3].map(() => startUpload(standIn, chat.connectionToken, { ...fields, ClientToken: 'parallel' })),
  );
  assert.equal(new Set(concurrent.map((r) => r.json.AttachmentId)).size, 1);
  assert.equal((await standIn.state()).attachments.length, 2);

  const changed = await startUpload(standIn, chat.connectionToken, { ...fields, AttachmentSizeInBytes: 6 });
  assert.equal(changed.status, 400);
  assert.equal(errorType(changed), 'ValidationException');
  assert.match(changed.json.message, /ClientToken/);

  const otherChat = standIn.createChat();
  const elsewhere = await startUpload(standIn, otherChat.connectionToken, fields);
  assert.equal(elsewhere.status, 200);
  assert.notEqual(elsewhere.json.AttachmentId, first.json.AttachmentId, 'ClientTokens are scoped to the chat');
  assert.equal((await standIn.state()).attachments.length, 3);
});

test('more than maxAttachmentsPerChat starts is a 402 ServiceQuotaExceededException', async (t) => {
  const standIn = await startStandIn(t, { maxAttachmentsPerChat: 3 });
  const chat = standIn.createChat();
  const firsts = [];
  for (let i = 0; i < 3; i += 1) {
    const res = await startUpload(standIn, chat.connectionToken, { ClientToken: `c${i}` });
    assert.equal(res.status, 200);
    firsts.push(res);
  }
  const fourth = await startUpload(standIn, chat.connectionToken, { ClientToken: 'c3' });
  assert.equal(fourth.status, 402);
  assert.equal(errorType(fourth), 'ServiceQuotaExceededException');
  const replay = await startUpload(standIn, chat.connectionToken, { ClientToken: 'c0' });
  assert.equal(replay.status, 200, 'a replay is not a new attachment');
  assert.deepEqual(replay.json, firsts[0]?.json);
  const other = standIn.createChat();
  assert.equal((await startUpload(standIn, other.connectionToken)).status, 200, 'the quota is per chat');
});

test('the default quota is 35 attachments', async (t) => {
  const standIn = await startStandIn(t);
  const chat = standIn.createChat();
  const results = await Promise.all(
    Array.from({ length: 36 }, (_, i) => startUpload(standIn, chat.connectionToken, { ClientToken: `q${i}` })),
  );
  assert.equal(results.filter((r) => r.status === 200).length, 35);
  assert.equal(results.filter((r) => r.status === 402).length, 1);
});

for (const s3Sink of /** @type {const} */ (['s3rver', 'discard'])) {
  test(`ContentType is matched case-insensitively and signed as sent (${s3Sink})`, async (t) => {
    const standIn = await startStandIn(t, { s3Sink });
    const chat = standIn.createChat();
    const bytes = Buffer.from('not really a png');
    for (const ContentType of ['IMAGE/PNG', 'Application/PDF']) {
      const started = await startUpload(standIn, chat.connectionToken, {
        ContentType,
        AttachmentName: 'x',
        AttachmentSizeInBytes: bytes.length,
      });
      assert.equal(started.status, 200, started.text);
      assert.equal(started.json.UploadMetadata.HeadersToInclude['Content-Type'], ContentType);
      const res = await put(started.json.UploadMetadata, bytes);
      assert.equal(res.status, 200, res.text);
      const lowered = await put(started.json.UploadMetadata, bytes, { headers: { 'Content-Type': ContentType.toLowerCase() } });
      assert.equal(lowered.code, 'SignatureDoesNotMatch', 'the signed value is the one sent to Start');
    }
    const { attachments } = await standIn.state();
    assert.deepEqual(
      attachments.map((a) => [a.contentType, a.stored?.sha256]),
      [
        ['IMAGE/PNG', sha256(bytes)],
        ['Application/PDF', sha256(bytes)],
      ],
    );
  });
}
