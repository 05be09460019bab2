// @ts-check
// Error responses: the SDK decodes each into its typed exception, for every way the type can travel.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  StartAttachmentUploadCommand,
  CompleteAttachmentUploadCommand,
  GetAttachmentCommand,
  AccessDeniedException,
  ValidationException,
  ServiceQuotaExceededException,
  ConflictException,
  ThrottlingException,
  InternalServerException,
  ConnectParticipantServiceException,
} from '@aws-sdk/client-connectparticipant';
import { startStandIn, participantClient, acps, startUpload, chatWithStartedUpload, put, completeUpload } from './helpers.mjs';

/**
 * @param {import('@aws-sdk/client-connectparticipant').ConnectParticipantClient} client
 * @param {string} token
 * @param {Partial<{ ContentType: string, AttachmentSizeInBytes: number, AttachmentName: string }>} [over]
 */
function sdkStart(client, token, over = {}) {
  return client.send(
    new StartAttachmentUploadCommand({
      ConnectionToken: token,
      ContentType: 'text/plain',
      AttachmentName: 'a.txt',
      AttachmentSizeInBytes: 3,
      ...over,
    }),
  );
}

/**
 * @param {Function} Type
 * @param {number} status
 * @param {RegExp} [message]
 * @returns {(err: unknown) => boolean}
 */
const isTyped = (Type, status, message) => (err) => {
  assert.ok(err instanceof Type, `expected ${Type.name}, got ${/** @type {Error} */ (err)?.name}`);
  assert.ok(err instanceof ConnectParticipantServiceException);
  assert.equal(err.$metadata.httpStatusCode, status);
  if (message) assert.match(err.message, message);
  return true;
};

test('real conditions produce the typed SDK errors', async (t) => {
  const standIn = await startStandIn(t, { maxAttachmentsPerChat: 1 });
  const client = participantClient(t, standIn);
  const { chat, attachmentId, meta, bytes } = await chatWithStartedUpload(standIn);

  await assert.rejects(sdkStart(client, 'not-a-token'), isTyped(AccessDeniedException, 403, /Access denied/));
  await assert.rejects(
    sdkStart(client, chat.connectionToken, { ContentType: 'image/gif' }),
    isTyped(ValidationException, 400, /ContentType/),
  );
  await assert.rejects(sdkStart(client, chat.connectionToken), isTyped(ServiceQuotaExceededException, 402, /quota/));

  assert.equal((await put(meta, bytes)).status, 200);
  await client.send(
    new CompleteAttachmentUploadCommand({ ConnectionToken: chat.connectionToken, AttachmentIds: [attachmentId], ClientToken: 'one' }),
  );
  await assert.rejects(
    client.send(
      new CompleteAttachmentUploadCommand({ ConnectionToken: chat.connectionToken, AttachmentIds: [attachmentId], ClientToken: 'two' }),
    ),
    isTyped(ConflictException, 409, /already been completed/),
  );
});

const TYPED = /** @type {const} */ ([
  ['AccessDeniedException', 403, AccessDeniedException],
  ['ValidationException', 400, ValidationException],
  ['ServiceQuotaExceededException', 402, ServiceQuotaExceededException],
  ['ConflictException', 409, ConflictException],
  ['ThrottlingException', 429, ThrottlingException],
  ['InternalServerException', 500, InternalServerException],
]);

for (const errorFormat of /** @type {const} */ (['header', 'body-code', 'body-type'])) {
  test(`injected faults decode to typed errors (errorFormat ${errorFormat})`, async (t) => {
    const standIn = await startStandIn(t);
    const client = participantClient(t, standIn);
    const chat = standIn.createChat();
    for (const [errorType, status, Type] of TYPED) {
      standIn.setFaults([{ route: 'start-attachment-upload', status, errorType, errorFormat, message: `boom ${errorType}` }]);
      await assert.rejects(sdkStart(client, chat.connectionToken), isTyped(Type, status, new RegExp(`boom ${errorType}`)));
    }
    // The fault was used up each time, so the next call goes through.
    assert.equal((await sdkStart(client, chat.connectionToken)).$metadata.httpStatusCode, 200);
  });
}

test('status-only errors carry no type: the SDK only has the status', async (t) => {
  const standIn = await startStandIn(t);
  const client = participantClient(t, standIn);
  const chat = standIn.createChat();
  standIn.setFaults([{ route: 'start-attachment-upload', status: 429, errorFormat: 'status-only', message: 'slow down' }]);
  await assert.rejects(sdkStart(client, chat.connectionToken), (err) => {
    assert.ok(err instanceof ConnectParticipantServiceException);
    assert.ok(!(err instanceof ThrottlingException));
    assert.equal(err.$metadata.httpStatusCode, 429);
    assert.equal(err.message, 'slow down');
    return true;
  });
});

test('error wire format: status, x-amzn-ErrorType, JSON body, request id', async (t) => {
  const standIn = await startStandIn(t);
  const chat = standIn.createChat();
  const res = await startUpload(standIn, chat.connectionToken, { AttachmentSizeInBytes: 0 });
  assert.equal(res.status, 400);
  assert.equal(
    res.headers.get('x-amzn-errortype'),
    'ValidationException:http://internal.amazon.com/coral/com.amazonaws.connectparticipant/',
  );
  assert.equal(res.headers.get('content-type'), 'application/json');
  assert.ok(res.headers.get('x-amzn-requestid'));
  assert.deepEqual(Object.keys(res.json), ['message']);
  assert.match(res.json.message, /AttachmentSizeInBytes/);

  standIn.setFaults([
    { route: 'start-attachment-upload', errorType: 'ThrottlingException', errorFormat: 'body-code' },
    { route: 'start-attachment-upload', errorType: 'ThrottlingException', errorFormat: 'body-type' },
    { route: 'start-attachment-upload', status: 503 },
  ]);
  const bodyCode = await startUpload(standIn, chat.connectionToken);
  assert.equal(bodyCode.status, 429, 'status derived from the type');
  assert.equal(bodyCode.headers.get('x-amzn-errortype'), null);
  assert.equal(bodyCode.json.code, 'ThrottlingException');
  assert.ok(bodyCode.json.Message);
  const bodyType = await startUpload(standIn, chat.connectionToken);
  assert.equal(bodyType.json.__type, 'com.amazonaws.connectparticipant#ThrottlingException');
  const fromStatus = await startUpload(standIn, chat.connectionToken);
  assert.equal(fromStatus.status, 503);
  assert.match(fromStatus.headers.get('x-amzn-errortype') ?? '', /^InternalServerException:/, 'type derived from the status');
});

test('unknown paths, wrong methods and broken JSON', async (t) => {
  const standIn = await startStandIn(t);
  const chat = standIn.createChat();
  const unknown = await acps(standIn, '/participant/nope', chat.connectionToken, {});
  assert.equal(unknown.status, 404);
  assert.match(unknown.headers.get('x-amzn-errortype') ?? '', /^UnknownOperationException:/);
  const get = await fetch(`${standIn.endpoint}/participant/attachment`, { headers: { 'x-amz-bearer': chat.connectionToken } });
  assert.equal(get.status, 405);
  assert.match(get.headers.get('allow') ?? '', /POST/);
  const broken = await acps(standIn, '/participant/start-attachment-upload', chat.connectionToken, '{"ContentType":');
  assert.equal(broken.status, 400);
  assert.match(broken.headers.get('x-amzn-errortype') ?? '', /^SerializationException:/);
});

test('the SDK retries a throttled call and succeeds once the fault is used up', async (t) => {
  const standIn = await startStandIn(t);
  const client = participantClient(t, standIn, { maxAttempts: 3 });
  const chat = standIn.createChat();
  standIn.setFaults([{ route: 'start-attachment-upload', status: 429, errorType: 'ThrottlingException' }]);
  const out = await sdkStart(client, chat.connectionToken);
  assert.equal(out.$metadata.attempts, 2);
  const state = await standIn.state();
  assert.equal(state.attachments.length, 1);
  assert.deepEqual(
    state.requests.filter((r) => r.service === 'acps').map((r) => [r.status, r.fault]),
    [
      [429, 'start-attachment-upload'],
      [200, null],
    ],
  );
});

test('GetAttachment errors: unknown, not completed, other chat, bad expiry', async (t) => {
  const standIn = await startStandIn(t);
  const client = participantClient(t, standIn);
  const { chat, attachmentId, meta, bytes } = await chatWithStartedUpload(standIn);
  /**
   * @param {string} token
   * @param {string} id
   * @param {number} [expiry]
   */
  const get = (token, id, expiry) =>
    client.send(new GetAttachmentCommand({ ConnectionToken: token, AttachmentId: id, UrlExpiryInSeconds: expiry }));
  await assert.rejects(get(chat.connectionToken, 'unknown-id'), isTyped(ValidationException, 400, /does not exist/));
  await assert.rejects(get(chat.connectionToken, attachmentId), isTyped(ValidationException, 400, /not been completed/));
  assert.equal((await put(meta, bytes)).status, 200);
  assert.equal((await completeUpload(standIn, chat.connectionToken, attachmentId)).status, 200);
  const other = standIn.createChat();
  await assert.rejects(get(other.connectionToken, attachmentId), isTyped(ValidationException, 400, /does not exist/));
  await assert.rejects(get(chat.connectionToken, attachmentId, 4), isTyped(ValidationException, 400, /UrlExpiryInSeconds/));
  await assert.rejects(get(chat.connectionToken, attachmentId, 301), isTyped(ValidationException, 400, /UrlExpiryInSeconds/));
  assert.equal((await get(chat.connectionToken, attachmentId, 300)).AttachmentSizeInBytes, bytes.length);
});
