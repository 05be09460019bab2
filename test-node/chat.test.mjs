// @ts-check
// The unmodified amazon-connect-chatjs 5.0.0 bundle as a customer of the stand-in's chat: connect,
// websocket, send and read back, attachments with scan verdicts, the agent's messages, the end.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startConnectStandIn } from 'connect-chat-stand-in';
import { customerSession } from './chatjs-harness.mjs';
import { acps, startUpload, put, completeUpload, sha256 } from './helpers.mjs';

/** @typedef {import('connect-chat-stand-in/types.mjs').StandIn} StandIn */

/** One stand-in for the file: chatjs keeps its SDK client (and so the endpoint) per region. */
/** @type {StandIn} */
let standIn;
before(async () => {
  standIn = await startConnectStandIn();
});
after(async () => {
  await standIn.close();
});

/**
 * A connected customer session; the chat is ended when the test ends, so chatjs's timers stop.
 * @param {import('node:test').TestContext} t
 */
async function connectedSession(t) {
  const chat = standIn.createChat();
  const { session, seen } = customerSession(standIn, chat);
  t.after(async () => {
    const state = (await standIn.state()).chats.find((c) => c.contactId === chat.contactId);
    if (state && !state.ended) standIn.endChat(chat.contactId);
    await seen.waitFor('onEnded', (e) => e.kind === 'ended').catch(() => {});
  });
  const result = await session.connect();
  assert.equal(result.connectSuccess, true);
  // The second "established" is the socket's open event; the first comes before any socket.
  await seen.waitFor('socket open', (e) => e.kind === 'established' && e.data !== undefined);
  return { chat, session, seen };
}

test('chatjs connects: connect() resolves, the socket opens and answers its deep heartbeat', async (t) => {
  const { chat, session, seen } = await connectedSession(t);
  await seen.waitFor('onDeepHeartbeatSuccess', (e) => e.kind === 'deep-heartbeat');
  const state = (await standIn.state()).chats.find((c) => c.contactId === chat.contactId);
  assert.equal(state?.openSockets, 1);
  const token = session.getChatDetails().connectionDetails.connectionToken;
  assert.ok(token && token !== chat.connectionToken, 'chatjs holds a connection token of its own');
  const connections = (await standIn.state()).requests.filter((r) => r.url === '/participant/connection');
  assert.equal(connections.length, 1, 'one CreateParticipantConnection: Expiry and ConnectionExpiry satisfied chatjs');
});

test('sendMessage: the reply Id, the echo to the sender through onMessage, and getTranscript', async (t) => {
  const { chat, session, seen } = await connectedSession(t);
  const sent = await session.sendMessage({ message: 'Hello, is anybody there?', contentType: 'text/plain' });
  const echo = await seen.waitFor('the echo', (e) => e.kind === 'message' && e.data.Id === sent.data.Id);
  assert.deepEqual(echo.data, {
    Id: sent.data.Id,
    Type: 'MESSAGE',
    AbsoluteTime: sent.data.AbsoluteTime,
    ContentType: 'text/plain',
    Content: 'Hello, is anybody there?',
    ParticipantId: chat.participantId,
    DisplayName: 'Customer',
    ParticipantRole: 'CUSTOMER',
    ContactId: chat.contactId,
    InitialContactId: chat.contactId,
  });

  const transcript = await session.getTranscript({ maxResults: 100 });
  assert.equal(transcript.data.InitialContactId, chat.contactId);
  assert.deepEqual(
    transcript.data.Transcript.map((i) => [i.Type, i.ContentType, i.ParticipantRole]),
    [
      ['EVENT', 'application/vnd.amazonaws.connect.event.participant.joined', 'CUSTOMER'],
      ['EVENT', 'application/vnd.amazonaws.connect.event.participant.joined', 'AGENT'],
      ['MESSAGE', 'text/plain', 'CUSTOMER'],
    ],
  );
  assert.deepEqual(transcript.data.Transcript[2], echo.data);
  assert.equal(transcript.data.Transcript[1]?.ParticipantId, chat.agentParticipantId);
  assert.equal(transcript.data.Transcript[1]?.DisplayName, 'Agent');
});

test('the agent speaks through the control API: typing, then an AGENT message through onMessage', async (t) => {
  const { chat, seen } = await connectedSession(t);
  const typing = await fetch(`${standIn.endpoint}/__control/chats/${chat.contactId}/typing`, { method: 'POST' });
  assert.equal(typing.status, 201);
  await seen.waitFor('onTyping', (e) => e.kind === 'typing' && e.data.ParticipantRole === 'AGENT');
  const res = await fetch(`${standIn.endpoint}/__control/chats/${chat.contactId}/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ content: 'Hi! How can I help?' }),
  });
  assert.equal(res.status, 201);
  const posted = await res.json();
  const got = await seen.waitFor('the agent message', (e) => e.kind === 'message' && e.data.Id === posted.Id);
  assert.deepEqual(got.data, posted);
  assert.equal(got.data.Type, 'MESSAGE');
  assert.equal(got.data.ParticipantRole, 'AGENT');
  assert.equal(got.data.ParticipantId, chat.agentParticipantId);
  assert.equal(got.data.DisplayName, 'Agent');
  assert.equal(got.data.Content, 'Hi! How can I help?');
  assert.equal(got.data.ContentType, 'text/plain');
  assert.equal(
    seen.messages((i) => i.ContentType === 'application/vnd.amazonaws.connect.event.typing').length,
    0,
    'typing goes to onTyping, not onMessage',
  );
});

test('attachments: an ATTACHMENT item IN_PROGRESS, then the same item with the verdict the rules give', async (t) => {
  const { chat, session, seen } = await connectedSession(t);
  standIn.setOptions({ scan: { delayMs: 50, rules: [{ match: '^virus', verdict: 'REJECTED' }] } });
  t.after(() => standIn.setOptions({ scan: null }));

  // One over the wire as any client does it (Start, PUT, Complete), one through chatjs's sendAttachment.
  const bytes = Buffer.from('X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR');
  const token = session.getChatDetails().connectionDetails.connectionToken;
  const started = await startUpload(standIn, token, { AttachmentName: 'virus.txt', AttachmentSizeInBytes: bytes.length });
  assert.equal(started.status, 200, started.text);
  const rejectedId = started.json.AttachmentId;
  assert.equal((await put(started.json.UploadMetadata, bytes)).status, 200);
  assert.equal((await completeUpload(standIn, token, rejectedId)).status, 200);

  const report = new File([new TextEncoder().encode('quarterly numbers')], 'report.txt', { type: 'text/plain' });
  await session.sendAttachment({ attachment: report });

  /** @param {string} name @param {string} status */
  const attachmentItem = (name, status) =>
    seen.waitFor(
      `${name} ${status}`,
      (e) =>
        e.kind === 'message' &&
        e.data.Type === 'ATTACHMENT' &&
        e.data.Attachments?.[0]?.AttachmentName === name &&
        e.data.Attachments[0].Status === status,
    );
  const virusScanning = (await attachmentItem('virus.txt', 'IN_PROGRESS')).data;
  const virusRejected = (await attachmentItem('virus.txt', 'REJECTED')).data;
  const reportScanning = (await attachmentItem('report.txt', 'IN_PROGRESS')).data;
  const reportApproved = (await attachmentItem('report.txt', 'APPROVED')).data;

  assert.deepEqual(virusScanning, {
    Id: virusScanning.Id,
    Type: 'ATTACHMENT',
    AbsoluteTime: virusScanning.AbsoluteTime,
    Attachments: [{ ContentType: 'text/plain', AttachmentId: rejectedId, AttachmentName: 'virus.txt', Status: 'IN_PROGRESS' }],
    ParticipantId: chat.participantId,
    DisplayName: 'Customer',
    ParticipantRole: 'CUSTOMER',
    ContactId: chat.contactId,
    InitialContactId: chat.contactId,
  });
  assert.deepEqual(
    virusRejected,
    { ...virusScanning, Attachments: [{ ...virusScanning.Attachments[0], Status: 'REJECTED' }] },
    'the verdict is the same item: same Id, same AttachmentId',
  );
  assert.equal(reportApproved.Id, reportScanning.Id);
  const approvedId = reportApproved.Attachments[0].AttachmentId;
  assert.equal(seen.messages((i) => i.Type === 'ATTACHMENT').length, 4, 'two items per attachment, no more');

  // The transcript holds the latest version of each, in the order they were first sent.
  const transcript = (await session.getTranscript({ maxResults: 100 })).data.Transcript.filter((i) => i.Type === 'ATTACHMENT');
  assert.deepEqual(transcript, [virusRejected, reportApproved]);

  const stored = (await standIn.state()).attachments;
  assert.deepEqual(
    stored.map((a) => [a.name, a.scanStatus]),
    [
      ['virus.txt', 'REJECTED'],
      ['report.txt', 'APPROVED'],
    ],
  );

  // What the scan rejected is not handed out; what it approved is.
  const refused = await acps(standIn, '/participant/attachment', token, { AttachmentId: rejectedId });
  assert.equal(refused.status, 400);
  assert.match(refused.headers.get('x-amzn-errortype') ?? '', /^ValidationException/);
  assert.match(refused.json.message, /rejected by the attachment scan/);
  const blob = await session.downloadAttachment({ attachmentId: approvedId });
  assert.equal(sha256(new Uint8Array(await blob.arrayBuffer())), sha256('quarterly numbers'));
});

test('disconnectParticipant: participant.left and chat.ended reach onMessage, onEnded fires, the token is dead', async (t) => {
  const { chat, session, seen } = await connectedSession(t);
  const token = session.getChatDetails().connectionDetails.connectionToken;
  await session.disconnectParticipant();
  await seen.waitFor('onEnded', (e) => e.kind === 'ended');
  assert.deepEqual(
    seen.messages().map((i) => [i.ContentType, i.ParticipantRole]),
    [
      ['application/vnd.amazonaws.connect.event.participant.left', 'CUSTOMER'],
      ['application/vnd.amazonaws.connect.event.chat.ended', 'SYSTEM'],
    ],
  );
  const later = await acps(standIn, '/participant/message', token, { Content: 'still there?', ContentType: 'text/plain' });
  assert.equal(later.status, 403);
  assert.match(later.headers.get('x-amzn-errortype') ?? '', /^AccessDeniedException/);
  const again = await acps(standIn, '/participant/connection', chat.participantToken, { Type: ['WEBSOCKET'] });
  assert.equal(again.status, 403, 'the participant token is dead too');
  const state = (await standIn.state()).chats.find((c) => c.contactId === chat.contactId);
  assert.equal(state?.ended, true);
  assert.equal(state?.customerLeft, true);
});

test('the control API ends a chat: the agent leaves, chat.ended, onEnded, and chatjs closes its socket', async (t) => {
  const { chat, seen } = await connectedSession(t);
  const res = await fetch(`${standIn.endpoint}/__control/chats/${chat.contactId}/end`, { method: 'POST' });
  assert.equal(res.status, 200);
  await seen.waitFor('onEnded', (e) => e.kind === 'ended');
  assert.deepEqual(
    seen.messages().map((i) => [i.ContentType, i.ParticipantRole]),
    [
      ['application/vnd.amazonaws.connect.event.participant.left', 'AGENT'],
      ['application/vnd.amazonaws.connect.event.chat.ended', 'SYSTEM'],
    ],
  );
  // chatjs closes the socket itself once chat.ended arrived; the state sees it go.
  for (let i = 0; i < 100; i++) {
    const state = (await standIn.state()).chats.find((c) => c.contactId === chat.contactId);
    if (state?.openSockets === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.equal((await standIn.state()).chats.find((c) => c.contactId === chat.contactId)?.openSockets, 0);
  assert.equal((await startUpload(standIn, chat.connectionToken)).status, 403);
});
