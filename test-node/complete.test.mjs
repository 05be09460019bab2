// @ts-check
// CompleteAttachmentUpload rules: the object must be there with the announced size; replays and conflicts.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
import { CompleteAttachmentUploadCommand, ValidationException, ConflictException } from '@aws-sdk/client-connectparticipant';
import { BUCKET, s3Credentials } from 'connect-chat-stand-in';
import { startStandIn, participantClient, chatWithStartedUpload, put, completeUpload, acps, startUpload } from './helpers.mjs';

/** @param {import('./helpers.mjs').RawResponse} res */
const errorType = (res) => (res.headers.get('x-amzn-errortype') ?? '').split(':')[0];

test('Complete before the PUT is a ValidationException "not uploaded"', async (t) => {
  const standIn = await startStandIn(t);
  const client = participantClient(t, standIn);
  const { chat, attachmentId } = await chatWithStartedUpload(standIn);
  await assert.rejects(
    client.send(new CompleteAttachmentUploadCommand({ ConnectionToken: chat.connectionToken, AttachmentIds: [attachmentId] })),
    (err) => err instanceof ValidationException && /not uploaded/.test(err.message) && err.$metadata.httpStatusCode === 400,
  );
  const [att] = (await standIn.state()).attachments;
  assert.equal(att?.status, 'started');
  assert.equal(att?.completeCount, 0);
});

test('Complete refuses an object whose size differs from the announced one', async (t) => {
  const standIn = await startStandIn(t);
  const { chat, attachmentId } = await chatWithStartedUpload(standIn, { size: 11 });
  // The signed URL cannot carry a wrong size, so write the object behind Connect's back.
  const s3 = new S3Client({
    region: 'us-east-1',
    endpoint: standIn.s3Endpoint,
    forcePathStyle: true,
    credentials: s3Credentials(),
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });
  t.after(() => s3.destroy());
  await s3.send(
    new PutObjectCommand({
      Bucket: BUCKET,
      Key: `staging/${chat.contactId}/${attachmentId}`,
      Body: 'only ten b',
      ContentType: 'text/plain',
    }),
  );
  const res = await completeUpload(standIn, chat.connectionToken, attachmentId);
  assert.equal(res.status, 400);
  assert.equal(errorType(res), 'ValidationException');
  assert.match(res.json.message, /size mismatch: 10 bytes were uploaded, 11 were announced/);
  assert.equal((await standIn.state()).attachments[0]?.completeCount, 0);
});

test('a replayed Complete (same ClientToken) succeeds again and counts once; another token conflicts', async (t) => {
  const standIn = await startStandIn(t);
  const client = participantClient(t, standIn);
  const { chat, attachmentId, meta, bytes } = await chatWithStartedUpload(standIn);
  assert.equal((await put(meta, bytes)).status, 200);
  const send = (/** @type {string} */ clientToken) =>
    client.send(
      new CompleteAttachmentUploadCommand({
        ConnectionToken: chat.connectionToken,
        AttachmentIds: [attachmentId],
        ClientToken: clientToken,
      }),
    );
  assert.equal((await send('token-1')).$metadata.httpStatusCode, 200);
  assert.equal((await send('token-1')).$metadata.httpStatusCode, 200);
  await assert.rejects(send('token-2'), (err) => err instanceof ConflictException && err.$metadata.httpStatusCode === 409);
  const [att] = (await standIn.state()).attachments;
  assert.equal(att?.status, 'completed');
  assert.equal(att?.completeCount, 1);
});

test('concurrent Completes: same token both succeed once, different tokens give one 200 and one 409', async (t) => {
  const standIn = await startStandIn(t);
  const a = await chatWithStartedUpload(standIn);
  assert.equal((await put(a.meta, a.bytes)).status, 200);
  const same = await Promise.all([1, 2, 3].map(() => completeUpload(standIn, a.chat.connectionToken, a.attachmentId, 'same')));
  assert.deepEqual(
    same.map((r) => r.status),
    [200, 200, 200],
  );

  const b = await chatWithStartedUpload(standIn);
  assert.equal((await put(b.meta, b.bytes)).status, 200);
  const different = await Promise.all(['x', 'y'].map((tok) => completeUpload(standIn, b.chat.connectionToken, b.attachmentId, tok)));
  assert.deepEqual(different.map((r) => r.status).sort(), [200, 409]);

  const counts = (await standIn.state()).attachments.map((att) => att.completeCount);
  assert.deepEqual(counts, [1, 1]);
});

test('Complete validates AttachmentIds, ClientToken and which chat the attachment belongs to', async (t) => {
  const standIn = await startStandIn(t);
  const { chat, attachmentId, meta, bytes } = await chatWithStartedUpload(standIn);
  assert.equal((await put(meta, bytes)).status, 200);
  const other = standIn.createChat();
  const path = '/participant/complete-attachment-upload';
  /** @type {Array<[string, string, unknown, RegExp]>} */
  const cases = [
    ['two ids', chat.connectionToken, { AttachmentIds: [attachmentId, attachmentId], ClientToken: 'c' }, /exactly 1 item/],
    ['no ids', chat.connectionToken, { AttachmentIds: [], ClientToken: 'c' }, /exactly 1 item/],
    ['missing ids', chat.connectionToken, { ClientToken: 'c' }, /AttachmentIds is required/],
    ['missing token', chat.connectionToken, { AttachmentIds: [attachmentId] }, /ClientToken is required/],
    ['empty token', chat.connectionToken, { AttachmentIds: [attachmentId], ClientToken: '' }, /ClientToken must be between 1 and 500/],
    ['unknown id', chat.connectionToken, { AttachmentIds: ['nope'], ClientToken: 'c' }, /does not exist/],
    ['other chat', other.connectionToken, { AttachmentIds: [attachmentId], ClientToken: 'c' }, /does not exist/],
  ];
  for (const [label, token, body, message] of cases) {
    const res = await acps(standIn, path, token, body);
    assert.equal(res.status, 400, label);
    assert.equal(errorType(res), 'ValidationException', label);
    assert.match(res.json.message, message, label);
  }
  const denied = await acps(standIn, path, 'bogus', { AttachmentIds: [attachmentId], ClientToken: 'c' });
  assert.equal(denied.status, 403);
  assert.equal((await standIn.state()).attachments[0]?.completeCount, 0, 'none of these completed it');
});

test('a Complete ClientToken cannot be reused for another attachment', async (t) => {
  const standIn = await startStandIn(t);
  const chat = standIn.createChat();
  const ids = [];
  for (const name of ['a.txt', 'b.txt']) {
    const started = await startUpload(standIn, chat.connectionToken, { AttachmentName: name, AttachmentSizeInBytes: 3 });
    assert.equal((await put(started.json.UploadMetadata, 'abc')).status, 200);
    ids.push(started.json.AttachmentId);
  }
  assert.equal((await completeUpload(standIn, chat.connectionToken, ids[0], 'shared')).status, 200);
  const reused = await completeUpload(standIn, chat.connectionToken, ids[1], 'shared');
  assert.equal(reused.status, 400);
  assert.match(reused.json.message, /different parameters/);
});

test('maxStagedMs: the Complete of an upload started longer ago is refused, nothing is pushed, and a fresh Start completes', async (t) => {
  const standIn = await startStandIn(t);
  const { chat, attachmentId, meta, bytes } = await chatWithStartedUpload(standIn);
  assert.equal((await put(meta, bytes)).status, 200);
  const before = (await standIn.state()).chats[0]?.transcript.length;
  // Aged by the AWS side's clock: a minute later, with a limit of 30 s (set over the control route).
  const set = await fetch(`${standIn.endpoint}/__control/options`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ maxStagedMs: 30_000 }),
  });
  assert.equal((await set.json()).options.maxStagedMs, 30_000);
  standIn.setOptions({ clockOffsetMs: 60_000 });
  const res = await completeUpload(standIn, chat.connectionToken, attachmentId);
  assert.equal(res.status, 400);
  assert.equal(errorType(res), 'ValidationException');
  assert.match(res.json.message, new RegExp(`Attachment ${attachmentId} has expired: it was started more than 30000 ms ago`));
  let state = await standIn.state();
  assert.equal(state.attachments[0]?.completeCount, 0);
  assert.equal(state.chats[0]?.transcript.length, before, 'no ATTACHMENT item');

  // A new Start (on the shifted clock) is young again: it completes.
  const again = (await startUpload(standIn, chat.connectionToken, { AttachmentSizeInBytes: bytes.length })).json;
  assert.equal((await put(again.UploadMetadata, bytes)).status, 200);
  assert.equal((await completeUpload(standIn, chat.connectionToken, again.AttachmentId)).status, 200);
  // Off (0): the first one is no longer refused for its age.
  standIn.setOptions({ maxStagedMs: 0 });
  assert.equal((await completeUpload(standIn, chat.connectionToken, attachmentId)).status, 200);
  state = await standIn.state();
  assert.deepEqual(
    state.attachments.map((a) => a.completeCount),
    [1, 1],
  );
});
