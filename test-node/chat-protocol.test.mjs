// @ts-check
// The stand-in's chat wire, frame by frame: Websocket.Url and its id, the subscribe/heartbeat/ping
// replies, aws/chat frames, SendMessage, SendEvent (receipts, typing), GetTranscript paging, the
// control routes of the agent, the scan option, faults on the new routes, and the CLI's scan flags.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import WebSocket from 'ws';
import { startStandIn, acps, chatWithStartedUpload, put, completeUpload, startCli } from './helpers.mjs';

/** @typedef {import('connect-chat-stand-in/types.mjs').StandIn} StandIn */
/** @typedef {import('connect-chat-stand-in/types.mjs').ChatItem} ChatItem */

/**
 * @param {StandIn} standIn
 * @param {string} participantToken
 */
async function websocketUrl(standIn, participantToken) {
  const conn = await acps(standIn, '/participant/connection', participantToken, { Type: ['WEBSOCKET', 'CONNECTION_CREDENTIALS'] });
  assert.equal(conn.status, 200, conn.text);
  return /** @type {{ Websocket: { Url: string, ConnectionExpiry: string }, ConnectionCredentials: { ConnectionToken: string, Expiry: string } }} */ (
    conn.json
  );
}

/**
 * A websocket with every frame it receives kept, parsed, in order.
 * @param {import('node:test').TestContext} t
 * @param {string} url
 */
async function openSocket(t, url) {
  const ws = new WebSocket(url);
  /** @type {any[]} */
  const frames = [];
  /** @type {Array<() => void>} */
  let wake = [];
  ws.on('message', (data) => {
    frames.push(JSON.parse(data.toString()));
    for (const w of wake) w();
    wake = [];
  });
  t.after(() => ws.terminate());
  await once(ws, 'open');
  let read = 0;
  return {
    ws,
    frames,
    /** @param {unknown} frame */
    send: (frame) => ws.send(JSON.stringify(frame)),
    /** The next frame not read yet. @returns {Promise<any>} */
    async next() {
      while (frames.length <= read) {
        await new Promise((resolve) => {
          const timer = setTimeout(resolve, 10_000);
          wake.push(() => {
            clearTimeout(timer);
            resolve(undefined);
          });
        });
        if (frames.length <= read) throw new Error(`no frame after ${JSON.stringify(frames)}`);
      }
      return frames[read++];
    },
    /** The next aws/chat frame's item. @returns {Promise<ChatItem>} */
    async nextItem() {
      for (;;) {
        const frame = await this.next();
        if (frame.topic !== 'aws/chat') continue;
        assert.equal(frame.contentType, 'application/json');
        assert.equal(typeof frame.content, 'string', 'content is a JSON string, as chatjs parses it');
        return JSON.parse(frame.content);
      }
    },
  };
}

/**
 * Why the server refused an upgrade, as the client sees it.
 * @param {string} url
 * @returns {Promise<number>} the HTTP status
 */
async function refusedStatus(url) {
  const ws = new WebSocket(url);
  // Aborting a handshake is reported as an error: expected here.
  ws.on('error', () => {});
  const [, res] = await once(ws, 'unexpected-response');
  ws.terminate();
  return /** @type {import('node:http').IncomingMessage} */ (res).statusCode ?? 0;
}

/**
 * @param {StandIn} standIn
 * @param {string} path
 * @param {unknown} [body]
 * @param {string} [method]
 */
async function control(standIn, path, body, method = 'POST') {
  const res = await fetch(`${standIn.endpoint}/__control${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  });
  return { status: res.status, json: await res.json() };
}

test('Websocket.Url is ws://127.0.0.1:<port>/… and new on every call; Expiry is a day away', async (t) => {
  const standIn = await startStandIn(t);
  const chat = standIn.createChat();
  const first = await websocketUrl(standIn, chat.participantToken);
  const second = await websocketUrl(standIn, chat.participantToken);
  const port = new URL(standIn.endpoint).port;
  // chatjs accepts only wss:// or ws://127.0.0.1:<port> (not localhost).
  assert.match(first.Websocket.Url, new RegExp(`^ws://127\\.0\\.0\\.1:${port}/connect\\?`));
  assert.notEqual(first.Websocket.Url, second.Websocket.Url);
  const day = Date.parse(first.ConnectionCredentials.Expiry) - Date.now();
  assert.ok(day > 86_000_000 && day <= 86_400_000, `Expiry ${first.ConnectionCredentials.Expiry}`);
  assert.ok(first.Websocket.ConnectionExpiry);
});

test('the socket id is the only credential: unknown, expired, other paths and ended chats are refused with 403', async (t) => {
  const standIn = await startStandIn(t);
  const chat = standIn.createChat();
  const { Websocket } = await websocketUrl(standIn, chat.participantToken);
  const url = new URL(Websocket.Url);

  const unknown = new URL(url);
  unknown.searchParams.set('X-Amz-Security-Token', 'not-an-id');
  assert.equal(await refusedStatus(unknown.toString()), 403);
  const bare = new URL(url);
  bare.search = '';
  assert.equal(await refusedStatus(bare.toString()), 403);
  const otherPath = new URL(url);
  otherPath.pathname = '/elsewhere';
  assert.equal(await refusedStatus(otherPath.toString()), 403);

  // The URL is good for 100 s by the AWS side's clock, and as often as the client likes till then.
  const first = await openSocket(t, Websocket.Url);
  const second = await openSocket(t, Websocket.Url);
  standIn.setOptions({ clockOffsetMs: 101_000 });
  assert.equal(await refusedStatus(Websocket.Url), 403, 'expired');
  standIn.setOptions({ clockOffsetMs: null });
  first.ws.close();
  second.ws.close();

  const fresh = await websocketUrl(standIn, chat.participantToken);
  standIn.endChat(chat.contactId);
  assert.equal(await refusedStatus(fresh.Websocket.Url), 403, 'the chat has ended');
});

test('subscribe, heartbeat and ping get the replies chatjs checks; unknown frames get none', async (t) => {
  const standIn = await startStandIn(t);
  const chat = standIn.createChat();
  const socket = await openSocket(t, (await websocketUrl(standIn, chat.participantToken)).Websocket.Url);
  socket.send({ topic: 'aws/subscribe', content: { topics: ['aws/chat'] } });
  socket.send({ topic: 'aws/unsubscribe' });
  socket.ws.send('not json');
  socket.send({ topic: 'aws/ping' });
  socket.send({ topic: 'aws/heartbeat' });
  socket.send({ topic: 'aws/subscribe', content: { topics: 'aws/chat' } });
  assert.deepEqual(await socket.next(), { topic: 'aws/subscribe', content: { status: 'success', topics: ['aws/chat'] } });
  assert.deepEqual(await socket.next(), { topic: 'aws/ping', statusCode: 200, statusContent: 'OK' });
  assert.deepEqual(await socket.next(), { topic: 'aws/heartbeat' });
  assert.deepEqual(await socket.next(), { topic: 'aws/subscribe', content: { status: 'failure', topics: [] } });
});

test('items reach every open socket of the chat, and only that chat, each with its ContactId', async (t) => {
  const standIn = await startStandIn(t);
  const chat = standIn.createChat();
  const other = standIn.createChat();
  const a = await openSocket(t, (await websocketUrl(standIn, chat.participantToken)).Websocket.Url);
  const b = await openSocket(t, (await websocketUrl(standIn, chat.participantToken)).Websocket.Url);
  const elsewhere = await openSocket(t, (await websocketUrl(standIn, other.participantToken)).Websocket.Url);
  const posted = standIn.postAgentMessage(chat.contactId, { content: 'for chat one', contentType: 'text/markdown' });
  standIn.postAgentMessage(other.contactId, { content: 'for chat two' });
  for (const socket of [a, b]) {
    const item = await socket.nextItem();
    assert.deepEqual(item, posted);
    assert.equal(item.ContactId, chat.contactId);
    assert.equal(item.InitialContactId, chat.contactId);
    assert.equal(item.ContentType, 'text/markdown');
  }
  assert.equal((await elsewhere.nextItem()).Content, 'for chat two', 'the other chat got its own message only');
  assert.equal((await standIn.state()).chats.find((c) => c.contactId === chat.contactId)?.openSockets, 2);
});

test('SendMessage: the item is stored and pushed to the sender too; a retried ClientToken is the same message', async (t) => {
  const standIn = await startStandIn(t);
  const chat = standIn.createChat();
  const socket = await openSocket(t, (await websocketUrl(standIn, chat.participantToken)).Websocket.Url);
  const body = { ClientToken: 'send-1', Content: '{"a":1}', ContentType: 'application/json' };
  const sent = await acps(standIn, '/participant/message', chat.connectionToken, body);
  assert.equal(sent.status, 200, sent.text);
  assert.deepEqual(Object.keys(sent.json).sort(), ['AbsoluteTime', 'Id']);
  const item = await socket.nextItem();
  assert.equal(item.Id, sent.json.Id);
  assert.equal(item.Content, '{"a":1}');
  assert.equal(item.ParticipantId, chat.participantId);

  const replay = await acps(standIn, '/participant/message', chat.connectionToken, body);
  assert.deepEqual(replay.json, sent.json);
  const misuse = await acps(standIn, '/participant/message', chat.connectionToken, { ...body, Content: 'other' });
  assert.equal(misuse.status, 400);
  for (const bad of [
    { Content: 'x' },
    { Content: 'x', ContentType: 'text/html' },
    { ContentType: 'text/plain' },
    { Content: '', ContentType: 'text/plain' },
  ]) {
    const res = await acps(standIn, '/participant/message', chat.connectionToken, bad);
    assert.equal(res.status, 400, JSON.stringify(bad));
    assert.match(res.headers.get('x-amzn-errortype') ?? '', /^ValidationException/);
  }
  const messages = (await standIn.state()).chats[0]?.transcript.filter((i) => i.Type === 'MESSAGE');
  assert.equal(messages?.length, 1, 'one message, however often it was sent');
});

test("SendEvent: receipts with chatjs's constant ClientToken are each answered and reach the author", async (t) => {
  const standIn = await startStandIn(t);
  const chat = standIn.createChat();
  const socket = await openSocket(t, (await websocketUrl(standIn, chat.participantToken)).Websocket.Url);
  const first = standIn.postAgentMessage(chat.contactId, { content: 'one' });
  const second = standIn.postAgentMessage(chat.contactId, { content: 'two' });
  const read = 'application/vnd.amazonaws.connect.event.message.read';
  const ids = [];
  for (const message of [first, second]) {
    const res = await acps(standIn, '/participant/event', chat.connectionToken, {
      ClientToken: 'INCOMING_READ_RECEIPT',
      ContentType: read,
      Content: JSON.stringify({ messageId: message.Id }),
    });
    assert.equal(res.status, 200, res.text);
    ids.push(res.json.Id);
  }
  assert.notEqual(ids[0], ids[1], 'not deduplicated by ClientToken');

  // Typing goes to the others only: the customer's socket gets its own message next, not its typing.
  const typing = await acps(standIn, '/participant/event', chat.connectionToken, {
    ContentType: 'application/vnd.amazonaws.connect.event.typing',
  });
  assert.equal(typing.status, 200);
  const own = await acps(standIn, '/participant/message', chat.connectionToken, { Content: 'mine', ContentType: 'text/plain' });
  const delivered = await acps(standIn, '/participant/event', chat.connectionToken, {
    ClientToken: 'INCOMING_DELIVERED_RECEIPT',
    ContentType: 'application/vnd.amazonaws.connect.event.message.delivered',
    Content: JSON.stringify({ messageId: own.json.Id }),
  });
  assert.equal(delivered.status, 200);
  assert.equal((await socket.nextItem()).Id, first.Id);
  assert.equal((await socket.nextItem()).Id, second.Id);
  assert.equal((await socket.nextItem()).Id, own.json.Id, "no typing echo to the sender, no receipts for the agent's messages");
  const receipt = await socket.nextItem();
  assert.deepEqual(receipt, {
    Id: receipt.Id,
    Type: 'MESSAGEMETADATA',
    AbsoluteTime: receipt.AbsoluteTime,
    ContentType: 'application/vnd.amazonaws.connect.event.message.metadata',
    MessageMetadata: {
      MessageId: own.json.Id,
      Receipts: [{ DeliveredTimestamp: receipt.AbsoluteTime, RecipientParticipantId: chat.participantId }],
    },
    ContactId: chat.contactId,
    InitialContactId: chat.contactId,
  });

  for (const bad of [
    { ContentType: read, Content: '{"messageId":"nope"}' },
    { ContentType: read, Content: 'not json' },
    { ContentType: read },
    { ContentType: 'application/vnd.amazonaws.connect.event.chat.ended' },
  ]) {
    const res = await acps(standIn, '/participant/event', chat.connectionToken, bad);
    assert.equal(res.status, 400, JSON.stringify(bad));
  }
});

test('GetTranscript pages BACKWARD and FORWARD in either order, by NextToken and StartPosition', async (t) => {
  const standIn = await startStandIn(t);
  const chat = standIn.createChat();
  for (const content of ['m1', 'm2', 'm3', 'm4', 'm5']) standIn.postAgentMessage(chat.contactId, { content });
  /** @param {Record<string, unknown>} body */
  const page = async (body) => {
    const res = await acps(standIn, '/participant/transcript', chat.connectionToken, body);
    assert.equal(res.status, 200, res.text);
    return {
      names: res.json.Transcript.map((/** @type {ChatItem} */ i) => i.Content ?? 'joined'),
      next: res.json.NextToken,
      json: res.json,
    };
  };
  // 7 items: two participant.joined events, then m1…m5.
  const last = await page({ MaxResults: 3 });
  assert.deepEqual(last.names, ['m3', 'm4', 'm5']);
  assert.equal(last.json.InitialContactId, chat.contactId);
  const middle = await page({ MaxResults: 3, NextToken: last.next });
  assert.deepEqual(middle.names, ['joined', 'm1', 'm2']);
  const oldest = await page({ MaxResults: 3, NextToken: middle.next });
  assert.deepEqual(oldest.names, ['joined']);
  assert.equal(oldest.next, undefined);

  assert.deepEqual((await page({ MaxResults: 3, SortOrder: 'DESCENDING' })).names, ['m5', 'm4', 'm3']);
  const forward = await page({ MaxResults: 4, ScanDirection: 'FORWARD' });
  assert.deepEqual(forward.names, ['joined', 'joined', 'm1', 'm2']);
  assert.deepEqual((await page({ MaxResults: 4, ScanDirection: 'FORWARD', NextToken: forward.next })).names, ['m3', 'm4', 'm5']);
  const m2 = middle.json.Transcript[2].Id;
  assert.deepEqual((await page({ MaxResults: 2, ScanDirection: 'FORWARD', StartPosition: { Id: m2 } })).names, ['m2', 'm3']);
  assert.deepEqual((await page({ MaxResults: 2, StartPosition: { MostRecent: 1 } })).names, ['m3', 'm4']);
  assert.deepEqual((await page({})).names.length, 7, 'MaxResults defaults to 15');

  for (const bad of [
    { NextToken: 'forged' },
    { NextToken: last.next, ScanDirection: 'FORWARD' },
    { MaxResults: 101 },
    { SortOrder: 'UP' },
    { StartPosition: { Id: 'nope' } },
    { StartPosition: { Id: m2, MostRecent: 1 } },
  ]) {
    const res = await acps(standIn, '/participant/transcript', chat.connectionToken, bad);
    assert.equal(res.status, 400, JSON.stringify(bad));
  }
  const other = standIn.createChat();
  const foreign = await acps(standIn, '/participant/transcript', other.connectionToken, { NextToken: last.next });
  assert.equal(foreign.status, 400, 'a token is only good for its own chat');
});

test('the scan option: rules by name, IN_PROGRESS never decided, partial settings completed, bad ones refused', async (t) => {
  const standIn = await startStandIn(t, { scan: { delayMs: 0 } });
  assert.deepEqual((await standIn.state()).options.scan, { delayMs: 0, rules: [], default: 'APPROVED' });
  const set = await control(standIn, '/options', {
    scan: { rules: [{ match: '\\.exe$', verdict: 'IN_PROGRESS' }], default: 'REJECTED', delayMs: 0 },
  });
  assert.equal(set.status, 200);

  /** @param {string} name */
  const complete = async (name) => {
    const { chat, meta, bytes, attachmentId } = await chatWithStartedUpload(standIn, { name });
    assert.equal((await put(meta, bytes)).status, 200);
    assert.equal((await completeUpload(standIn, chat.connectionToken, attachmentId)).status, 200);
    return attachmentId;
  };
  const held = await complete('setup.exe');
  const other = await complete('notes.txt');
  // Verdict timers fire in order: once the later one is decided, the earlier one would have been.
  for (let i = 0; i < 100 && (await standIn.state()).attachments.find((a) => a.attachmentId === other)?.scanStatus !== 'REJECTED'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const byId = new Map((await standIn.state()).attachments.map((a) => [a.attachmentId, a.scanStatus]));
  assert.equal(byId.get(other), 'REJECTED', 'the default');
  assert.equal(byId.get(held), 'IN_PROGRESS', 'never decided');

  for (const [scan, message] of /** @type {Array<[unknown, RegExp]>} */ ([
    [{ rules: [{ match: '(', verdict: 'REJECTED' }] }, /not a valid regular expression/],
    [{ rules: [{ match: 'x', verdict: 'BLOCKED' }] }, /verdict must be one of/],
    [{ default: 'OK' }, /scan\.default must be one of/],
    [{ delayMs: -1 }, /scan\.delayMs/],
    [{ delay: 5 }, /unknown field "delay"/],
    ['fast', /scan must be an object/],
  ])) {
    const res = await control(standIn, '/options', { scan });
    assert.equal(res.status, 400, JSON.stringify(scan));
    assert.match(res.json.message, message);
  }
  assert.deepEqual(
    (await control(standIn, '/options', { scan: null })).json.options.scan,
    { delayMs: 0, rules: [], default: 'APPROVED' },
    'null brings back the start value',
  );
});

test('a replayed Complete pushes no second ATTACHMENT item', async (t) => {
  const standIn = await startStandIn(t, { scan: { default: 'IN_PROGRESS' } });
  const { chat, meta, bytes, attachmentId } = await chatWithStartedUpload(standIn);
  const socket = await openSocket(t, (await websocketUrl(standIn, chat.participantToken)).Websocket.Url);
  assert.equal((await put(meta, bytes)).status, 200);
  assert.equal((await completeUpload(standIn, chat.connectionToken, attachmentId, 'done-1')).status, 200);
  assert.equal((await completeUpload(standIn, chat.connectionToken, attachmentId, 'done-1')).status, 200);
  standIn.postAgentMessage(chat.contactId, { content: 'after' });
  assert.equal((await socket.nextItem()).Type, 'ATTACHMENT');
  assert.equal((await socket.nextItem()).Content, 'after', 'the replay pushed nothing');
});

test('control routes of the agent: 404 unknown chat, 409 ended, 400 bad message, 405 wrong method', async (t) => {
  const standIn = await startStandIn(t);
  const chat = standIn.createChat();
  assert.equal((await control(standIn, '/chats/nope/messages', { content: 'hi' })).status, 404);
  assert.equal((await control(standIn, `/chats/${chat.contactId}/messages`, { content: '' })).status, 400);
  assert.equal((await control(standIn, `/chats/${chat.contactId}/messages`, { content: 'x', contentType: 'image/png' })).status, 400);
  assert.equal((await fetch(`${standIn.endpoint}/__control/chats/${chat.contactId}/messages`)).status, 405);
  assert.equal((await control(standIn, `/chats/${chat.contactId}/end`)).status, 200);
  assert.equal((await control(standIn, `/chats/${chat.contactId}/end`)).status, 409);
  assert.equal((await control(standIn, `/chats/${chat.contactId}/messages`, { content: 'late' })).status, 409);
  assert.throws(() => standIn.postAgentMessage(chat.contactId, { content: 'late' }), TypeError);
  const transcript = (await standIn.state()).chats[0]?.transcript.map((i) => i.ContentType?.split('.').pop());
  assert.deepEqual(transcript, ['joined', 'joined', 'left', 'ended']);
});

test('faults apply to the chat routes; preflights allow the headers chatjs sends', async (t) => {
  const standIn = await startStandIn(t);
  const chat = standIn.createChat();
  standIn.setFaults([
    { route: 'message', status: 500 },
    { route: 'transcript', badBody: true },
  ]);
  const failed = await acps(standIn, '/participant/message', chat.connectionToken, { Content: 'x', ContentType: 'text/plain' });
  assert.equal(failed.status, 500);
  const bad = await acps(standIn, '/participant/transcript', chat.connectionToken, {});
  assert.equal(bad.json.Transcript, 'none');
  assert.equal(
    (await acps(standIn, '/participant/message', chat.connectionToken, { Content: 'x', ContentType: 'text/plain' })).status,
    200,
  );

  const preflight = await fetch(`${standIn.endpoint}/participant/message`, {
    method: 'OPTIONS',
    headers: {
      Origin: 'http://localhost:8000',
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'authorization,content-type,x-amz-bearer,x-amz-content-sha256,x-amz-date,x-amz-user-agent',
    },
  });
  assert.equal(preflight.status, 204);
  const allowed = (preflight.headers.get('access-control-allow-headers') ?? '').split(/,\s*/);
  for (const header of ['authorization', 'content-type', 'x-amz-bearer', 'x-amz-content-sha256', 'x-amz-date', 'x-amz-user-agent']) {
    assert.ok(allowed.includes(header), header);
  }
});

test("reset closes the chats' sockets", async (t) => {
  const standIn = await startStandIn(t);
  const chat = standIn.createChat();
  const socket = await openSocket(t, (await websocketUrl(standIn, chat.participantToken)).Websocket.Url);
  const closed = once(socket.ws, 'close');
  await standIn.reset();
  const [code] = await closed;
  assert.equal(code, 1001);
});

test('the CLI takes the scan as flags', async () => {
  const { child, endpoint } = await startCli([
    '--port',
    '0',
    '--s3-port',
    '0',
    '--scan-delay-ms',
    '25',
    '--scan-reject',
    '^virus',
    '--scan-reject',
    'eicar',
  ]);
  try {
    const state = await (await fetch(`${endpoint}/__control/state`)).json();
    assert.deepEqual(state.options.scan, {
      delayMs: 25,
      default: 'APPROVED',
      rules: [
        { match: '^virus', verdict: 'REJECTED' },
        { match: 'eicar', verdict: 'REJECTED' },
      ],
    });
  } finally {
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  }
});
