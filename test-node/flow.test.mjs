// @ts-check
// The whole attachment flow through the official ConnectParticipant SDK, plus connection-token rules.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  CreateParticipantConnectionCommand,
  StartAttachmentUploadCommand,
  CompleteAttachmentUploadCommand,
  GetAttachmentCommand,
  AccessDeniedException,
} from '@aws-sdk/client-connectparticipant';
import { startStandIn, participantClient, put, sha256, startUpload, acps, sleep } from './helpers.mjs';

const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * @param {string | undefined} isoString
 * @param {number} expectedMs
 * @param {number} [toleranceMs]
 */
function assertNear(isoString, expectedMs, toleranceMs = 3000) {
  assert.ok(isoString, 'timestamp present');
  const diff = Math.abs(Date.parse(isoString) - expectedMs);
  assert.ok(diff <= toleranceMs, `${isoString} is ${diff} ms away from ${new Date(expectedMs).toISOString()}`);
}

test('full flow with the official SDK: connect, start, PUT, complete, get, download', async (t) => {
  const standIn = await startStandIn(t);
  const client = participantClient(t, standIn);
  const chat = standIn.createChat();

  const conn = await client.send(
    new CreateParticipantConnectionCommand({
      ParticipantToken: chat.participantToken,
      Type: ['WEBSOCKET', 'CONNECTION_CREDENTIALS'],
    }),
  );
  assert.equal(conn.$metadata.httpStatusCode, 200);
  assert.match(conn.Websocket?.Url ?? '', /^ws:\/\//);
  assert.match(conn.Websocket?.ConnectionExpiry ?? '', ISO_MS);
  assertNear(conn.Websocket?.ConnectionExpiry, Date.now() + 100_000);
  const connectionToken = conn.ConnectionCredentials?.ConnectionToken;
  assert.ok(connectionToken && connectionToken.length >= 1 && connectionToken.length <= 1000);
  assert.match(conn.ConnectionCredentials?.Expiry ?? '', ISO_MS);
  assertNear(conn.ConnectionCredentials?.Expiry, Date.now() + 86_400_000);

  const bytes = randomBytes(150 * 1024);
  const start = await client.send(
    new StartAttachmentUploadCommand({
      ConnectionToken: connectionToken,
      ContentType: 'application/pdf',
      AttachmentName: 'report.pdf',
      AttachmentSizeInBytes: bytes.length,
    }),
  );
  assert.equal(start.$metadata.httpStatusCode, 200);
  const attachmentId = start.AttachmentId ?? '';
  assert.ok(attachmentId.length >= 1 && attachmentId.length <= 256);
  const meta = start.UploadMetadata;
  assert.ok(meta?.Url?.startsWith(`${standIn.s3Endpoint}/`), 'URL points at the S3 proxy');
  assert.match(meta?.UrlExpiry ?? '', ISO_MS);
  assertNear(meta?.UrlExpiry, Date.now() + 300_000);
  assert.deepEqual(Object.keys(meta?.HeadersToInclude ?? {}).sort(), [
    'Content-Disposition',
    'Content-Length',
    'Content-Type',
    'x-amz-acl',
    'x-amz-meta-account_id',
    'x-amz-meta-contact_id',
    'x-amz-meta-initial_contact_id',
    'x-amz-meta-organization_id',
  ]);
  assert.equal(meta?.HeadersToInclude?.['Content-Type'], 'application/pdf');
  assert.equal(meta?.HeadersToInclude?.['Content-Length'], String(bytes.length));
  assert.equal(meta?.HeadersToInclude?.['x-amz-meta-contact_id'], chat.contactId);
  assert.match(meta?.HeadersToInclude?.['x-amz-meta-account_id'] ?? '', /^\d{12}$/);

  let state = await standIn.state();
  assert.equal(state.attachments.length, 1);
  assert.match(state.attachments[0]?.startClientToken ?? '', UUID, 'the SDK filled ClientToken with a UUID');
  assert.equal(state.attachments[0]?.status, 'started');
  assert.equal(state.attachments[0]?.stored, null);

  const uploaded = await put({ Url: meta?.Url ?? '', HeadersToInclude: meta?.HeadersToInclude ?? {} }, bytes);
  assert.equal(uploaded.status, 200, uploaded.text);
  assert.ok(uploaded.headers.get('etag'));

  const complete = await client.send(
    new CompleteAttachmentUploadCommand({
      ConnectionToken: connectionToken,
      AttachmentIds: [attachmentId],
    }),
  );
  assert.equal(complete.$metadata.httpStatusCode, 200);
  assert.deepEqual(
    Object.keys(complete).filter((k) => k !== '$metadata'),
    [],
  );

  const got = await client.send(new GetAttachmentCommand({ ConnectionToken: connectionToken, AttachmentId: attachmentId }));
  assert.equal(got.AttachmentSizeInBytes, bytes.length);
  assert.match(got.UrlExpiry ?? '', ISO_MS);
  assertNear(got.UrlExpiry, Date.now() + 300_000);
  const download = await fetch(got.Url ?? '');
  assert.equal(download.status, 200);
  assert.equal(download.headers.get('content-type'), 'application/pdf');
  const downloaded = new Uint8Array(await download.arrayBuffer());
  assert.equal(sha256(downloaded), sha256(bytes));

  const shortLived = await client.send(
    new GetAttachmentCommand({
      ConnectionToken: connectionToken,
      AttachmentId: attachmentId,
      UrlExpiryInSeconds: 5,
    }),
  );
  assertNear(shortLived.UrlExpiry, Date.now() + 5000, 1500);

  state = await standIn.state();
  const [att] = state.attachments;
  assert.equal(att?.status, 'completed');
  assert.equal(att?.completeCount, 1);
  assert.equal(att?.contactId, chat.contactId);
  assert.equal(att?.name, 'report.pdf');
  assert.equal(att?.contentType, 'application/pdf');
  assert.deepEqual(att?.stored, { size: bytes.length, sha256: sha256(bytes) });
});

test('every CreateParticipantConnection issues a new connection token; older ones keep working', async (t) => {
  const standIn = await startStandIn(t);
  const client = participantClient(t, standIn);
  const chat = standIn.createChat();
  const first = await client.send(
    new CreateParticipantConnectionCommand({
      ParticipantToken: chat.participantToken,
      Type: ['CONNECTION_CREDENTIALS'],
    }),
  );
  const second = await client.send(
    new CreateParticipantConnectionCommand({
      ParticipantToken: chat.participantToken,
      Type: ['CONNECTION_CREDENTIALS'],
    }),
  );
  assert.equal(first.Websocket, undefined, 'no Websocket unless asked for');
  const tokens = [chat.connectionToken, first.ConnectionCredentials?.ConnectionToken, second.ConnectionCredentials?.ConnectionToken];
  assert.equal(new Set(tokens).size, 3);
  for (const token of tokens) {
    const res = await startUpload(standIn, token ?? '');
    assert.equal(res.status, 200, res.text);
  }
  const state = await standIn.state();
  assert.deepEqual(new Set(state.attachments.map((a) => a.contactId)), new Set([chat.contactId]));
});

test('a connection token is refused once it expires', async (t) => {
  const standIn = await startStandIn(t, { connectionTokenTtlSeconds: 0.3 });
  const client = participantClient(t, standIn);
  const chat = standIn.createChat();
  assert.equal((await startUpload(standIn, chat.connectionToken)).status, 200);
  await sleep(Math.max(0, Date.parse(chat.connectionExpiry) - Date.now()) + 50);
  await assert.rejects(
    client.send(
      new StartAttachmentUploadCommand({
        ConnectionToken: chat.connectionToken,
        ContentType: 'text/plain',
        AttachmentName: 'a.txt',
        AttachmentSizeInBytes: 1,
      }),
    ),
    (err) => err instanceof AccessDeniedException && err.$metadata.httpStatusCode === 403,
  );
  // The participant token outlives it, so a fresh connection works again.
  const fresh = await client.send(
    new CreateParticipantConnectionCommand({
      ParticipantToken: chat.participantToken,
      Type: ['CONNECTION_CREDENTIALS'],
    }),
  );
  assert.equal((await startUpload(standIn, fresh.ConnectionCredentials?.ConnectionToken ?? '')).status, 200);
});

test('the two tokens are not interchangeable', async (t) => {
  const standIn = await startStandIn(t);
  const chat = standIn.createChat();
  const withParticipantToken = await startUpload(standIn, chat.participantToken);
  assert.equal(withParticipantToken.status, 403);
  assert.equal(withParticipantToken.json.message, 'Access denied');
  const withConnectionToken = await acps(standIn, '/participant/connection', chat.connectionToken, { Type: ['CONNECTION_CREDENTIALS'] });
  assert.equal(withConnectionToken.status, 403);
  const noToken = await acps(standIn, '/participant/start-attachment-upload', undefined, {});
  assert.equal(noToken.status, 403);
});

test('CreateParticipantConnection validates Type', async (t) => {
  const standIn = await startStandIn(t);
  const chat = standIn.createChat();
  for (const body of [
    { Type: [] },
    { Type: 'WEBSOCKET' },
    { Type: ['BOGUS'] },
    { Type: ['WEBSOCKET'], ConnectParticipant: 'yes' },
    { ConnectParticipant: 'yes' },
  ]) {
    const res = await acps(standIn, '/participant/connection', chat.participantToken, body);
    assert.equal(res.status, 400, JSON.stringify(body));
    assert.match(res.headers.get('x-amzn-errortype') ?? '', /^ValidationException:/);
  }
  const ok = await acps(standIn, '/participant/connection', chat.participantToken, { Type: ['WEBSOCKET'], ConnectParticipant: true });
  assert.equal(ok.status, 200);
  assert.ok(ok.json.Websocket);
  assert.equal(ok.json.ConnectionCredentials, undefined);
});

test('CreateParticipantConnection without Type (optional in the model) gives ConnectionCredentials', async (t) => {
  const standIn = await startStandIn(t);
  const client = participantClient(t, standIn);
  const chat = standIn.createChat();
  for (const body of [{}, '', { ConnectParticipant: true }, { Type: null }]) {
    const res = await acps(standIn, '/participant/connection', chat.participantToken, body);
    assert.equal(res.status, 200, `${JSON.stringify(body)}: ${res.text}`);
    assert.deepEqual(Object.keys(res.json), ['ConnectionCredentials']);
    assertNear(res.json.ConnectionCredentials.Expiry, Date.now() + 86_400_000);
    assert.equal((await startUpload(standIn, res.json.ConnectionCredentials.ConnectionToken)).status, 200, 'the token works');
  }
  const sdk = await client.send(new CreateParticipantConnectionCommand({ ParticipantToken: chat.participantToken }));
  assert.ok(sdk.ConnectionCredentials?.ConnectionToken, 'the SDK, which sends no Type, gets a token too');
  assert.equal(sdk.Websocket, undefined);
});
