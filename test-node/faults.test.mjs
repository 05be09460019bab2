// @ts-check
// The fault plan: consumption rules, probability, every fault kind on ACPS and on the S3 PUT.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FaultPlan } from 'connect-chat-stand-in/faults.mjs';
import { startStandIn, startUpload, chatWithStartedUpload, put, completeUpload, sleep } from './helpers.mjs';

test('times: a fault serves exactly that many matching requests; -1 never runs out', async (t) => {
  const standIn = await startStandIn(t);
  const chat = standIn.createChat();
  standIn.setFaults([
    { route: 'complete-attachment-upload', status: 500 },
    { route: 'start-attachment-upload', status: 429, times: 2 },
  ]);
  const statuses = [];
  for (let i = 0; i < 4; i += 1) statuses.push((await startUpload(standIn, chat.connectionToken)).status);
  assert.deepEqual(statuses, [429, 429, 200, 200]);
  const state = await standIn.state();
  assert.deepEqual(
    state.faults.map((f) => [f.route, f.remaining]),
    [
      ['complete-attachment-upload', 1],
      ['start-attachment-upload', 0],
    ],
    'a fault for another route is untouched',
  );

  standIn.setFaults([{ route: 'start-attachment-upload', status: 500, times: -1 }]);
  for (let i = 0; i < 5; i += 1) assert.equal((await startUpload(standIn, chat.connectionToken)).status, 500);
  assert.equal((await standIn.state()).faults[0]?.remaining, -1);
});

test('faults apply in plan order and setFaults replaces the plan', async (t) => {
  const standIn = await startStandIn(t);
  const chat = standIn.createChat();
  standIn.setFaults([
    { route: 'start-attachment-upload', status: 429 },
    { route: 'start-attachment-upload', status: 503 },
  ]);
  assert.equal((await startUpload(standIn, chat.connectionToken)).status, 429);
  assert.equal((await startUpload(standIn, chat.connectionToken)).status, 503);
  standIn.setFaults([{ route: 'start-attachment-upload', status: 403, times: -1 }]);
  standIn.setFaults([]);
  assert.equal((await startUpload(standIn, chat.connectionToken)).status, 200);
});

test('probability: 0 never fires (and uses nothing up), 0.5 fires about half the time', async (t) => {
  const standIn = await startStandIn(t);
  const chat = standIn.createChat();
  standIn.setFaults([{ route: 'start-attachment-upload', status: 500, probability: 0 }]);
  for (let i = 0; i < 20; i += 1) assert.equal((await startUpload(standIn, chat.connectionToken)).status, 200);
  assert.equal((await standIn.state()).faults[0]?.remaining, 1);

  standIn.setFaults([{ route: 'connection', status: 500, probability: 0.5, times: -1 }]);
  const results = await Promise.all(
    Array.from({ length: 200 }, () =>
      fetch(`${standIn.endpoint}/participant/connection`, {
        method: 'POST',
        headers: { 'x-amz-bearer': chat.participantToken },
        body: '{"Type":["CONNECTION_CREDENTIALS"]}',
      }).then((r) => r.status),
    ),
  );
  const failed = results.filter((s) => s === 500).length;
  assert.equal(failed + results.filter((s) => s === 200).length, 200);
  // Binomial(200, 0.5): outside 60..140 has a probability below 1e-8.
  assert.ok(failed > 60 && failed < 140, `${failed} of 200 failed`);
});

test('FaultPlan: a lost probability roll does not consume times', () => {
  const rolls = [0.9, 0.1, 0.9, 0.1];
  const plan = new FaultPlan(() => rolls.shift() ?? 0);
  plan.replace([{ route: 's3-put', status: 500, probability: 0.5, times: 1 }]);
  assert.equal(plan.take('s3-put'), null);
  assert.equal(plan.take('s3-put')?.status, 500);
  assert.equal(plan.take('s3-put'), null);
  assert.equal(plan.take('s3-put'), null, 'used up');
  assert.equal(plan.list()[0]?.remaining, 0);
});

test('invalid fault plans are refused with a message, by setFaults and by the control API', async (t) => {
  const standIn = await startStandIn(t);
  /** @type {Array<[Record<string, unknown>, RegExp]>} */
  const bad = [
    [{ route: 'nope' }, /route must be one of/],
    [{ route: 'connection', times: 0 }, /times/],
    [{ route: 'connection', probability: 2 }, /probability/],
    [{ route: 'connection', errorFormat: 'xml' }, /errorFormat/],
    [{ route: 'connection', expiredUrl: true }, /only apply to route start-attachment-upload/],
    [{ route: 'start-attachment-upload', slowBytesPerSecond: 10 }, /only applies to route s3-put/],
    [{ route: 'start-attachment-upload', downloadUrl: 'javascript:alert(1)' }, /downloadUrl only applies to route attachment/],
    [{ route: 'attachment', downloadUrl: '' }, /downloadUrl must be a non-empty string/],
    [{ route: 'connection', stauts: 500 }, /unknown field "stauts"/],
  ];
  for (const [fault, message] of bad) {
    assert.throws(
      () => standIn.setFaults([/** @type {any} */ (fault)]),
      (err) => err instanceof TypeError && message.test(err.message),
    );
    const res = await fetch(`${standIn.endpoint}/__control/faults`, { method: 'POST', body: JSON.stringify({ faults: [fault] }) });
    assert.equal(res.status, 400);
    assert.match((await res.json()).message, message);
  }
  const notList = await fetch(`${standIn.endpoint}/__control/faults`, { method: 'POST', body: '{"faults": {}}' });
  assert.equal(notList.status, 400);
  const ok = await fetch(`${standIn.endpoint}/__control/faults`, {
    method: 'POST',
    body: JSON.stringify({ faults: [{ route: 'attachment', status: 500, times: 3 }] }),
  });
  assert.equal(ok.status, 200);
  assert.deepEqual((await ok.json()).faults, [{ route: 'attachment', status: 500, times: 3, remaining: 3 }]);
});

test('delayMs, reset and badBody on ACPS routes', async (t) => {
  const standIn = await startStandIn(t);
  const chat = standIn.createChat();
  standIn.setFaults([{ route: 'start-attachment-upload', delayMs: 300 }]);
  const t0 = Date.now();
  assert.equal((await startUpload(standIn, chat.connectionToken)).status, 200, 'a delay alone still answers normally');
  assert.ok(Date.now() - t0 >= 290, `took ${Date.now() - t0} ms`);

  standIn.setFaults([{ route: 'start-attachment-upload', reset: true }]);
  await assert.rejects(startUpload(standIn, chat.connectionToken), TypeError);

  standIn.setFaults([
    { route: 'start-attachment-upload', badBody: true },
    { route: 'complete-attachment-upload', badBody: true },
  ]);
  const bad = await startUpload(standIn, chat.connectionToken);
  assert.equal(bad.status, 200);
  assert.deepEqual(bad.json, { AttachmentId: 42 });
  const badComplete = await completeUpload(standIn, chat.connectionToken, 'whatever');
  assert.equal(badComplete.status, 200);
  assert.equal(badComplete.json, undefined, 'not JSON');

  const log = (await standIn.state()).requests.filter((r) => r.service === 'acps');
  assert.deepEqual(
    log.map((r) => [r.status, r.fault]),
    [
      [200, 'start-attachment-upload'],
      [0, 'start-attachment-upload'],
      [200, 'start-attachment-upload'],
      [200, 'complete-attachment-upload'],
    ],
  );
  assert.equal((await standIn.state()).attachments.length, 1, 'only the delayed start created an attachment');
});

test('s3-put status: an S3 XML error with CORS headers, nothing forwarded', async (t) => {
  const standIn = await startStandIn(t);
  const { meta, bytes, chat, attachmentId } = await chatWithStartedUpload(standIn);
  standIn.setFaults([{ route: 's3-put', status: 503, errorType: 'SlowDown', message: 'Please reduce your request rate.' }]);
  const res = await put(meta, bytes, { headers: { Origin: 'http://localhost:8000' } });
  assert.equal(res.status, 503);
  assert.equal(res.code, 'SlowDown');
  assert.equal(res.message, 'Please reduce your request rate.');
  assert.match(res.text, /^<\?xml [^>]+\?>\s*<Error><Code>SlowDown<\/Code><Message>.*<\/Message><RequestId>[^<]+<\/RequestId><\/Error>$/);
  assert.equal(res.headers.get('access-control-allow-origin'), 'http://localhost:8000');
  assert.match(res.headers.get('access-control-expose-headers') ?? '', /ETag/);
  assert.equal((await standIn.state()).attachments[0]?.stored, null);
  assert.equal((await completeUpload(standIn, chat.connectionToken, attachmentId)).status, 400);
  assert.equal((await put(meta, bytes)).status, 200, 'the fault was used up');

  standIn.setFaults([{ route: 's3-put', status: 500 }]);
  const internal = await put(meta, bytes);
  assert.equal(internal.code, 'InternalError');
});

test('s3-put reset: the connection drops mid-body and nothing is stored', async (t) => {
  const standIn = await startStandIn(t);
  const { meta, bytes } = await chatWithStartedUpload(standIn, { size: 512 * 1024 });
  standIn.setFaults([{ route: 's3-put', reset: true }]);
  await assert.rejects(put(meta, bytes), TypeError);
  const state = await standIn.state();
  assert.equal(state.attachments[0]?.stored, null);
  const s3Log = state.requests.filter((r) => r.service === 's3');
  assert.deepEqual(
    s3Log.map((r) => [r.method, r.status, r.fault]),
    [['PUT', 0, 's3-put']],
  );
});

test('s3-put slowBytesPerSecond slows the upload; delayMs delays it', async (t) => {
  const standIn = await startStandIn(t);
  const { meta, bytes } = await chatWithStartedUpload(standIn, { size: 20_000 });
  const fast0 = Date.now();
  assert.equal((await put(meta, bytes)).status, 200);
  const fast = Date.now() - fast0;

  standIn.setFaults([{ route: 's3-put', slowBytesPerSecond: 40_000 }]);
  const slow0 = Date.now();
  const slowRes = await put(meta, bytes);
  const slow = Date.now() - slow0;
  assert.equal(slowRes.status, 200);
  assert.ok(slow >= 450, `20 kB at 40 kB/s took ${slow} ms (unthrottled: ${fast} ms)`);
  assert.equal((await standIn.state()).attachments[0]?.stored?.size, 20_000);

  standIn.setFaults([{ route: 's3-put', delayMs: 300 }]);
  const d0 = Date.now();
  assert.equal((await put(meta, bytes)).status, 200);
  assert.ok(Date.now() - d0 >= 290);
});

test('cancelling a slow PUT leaves no object behind', async (t) => {
  const standIn = await startStandIn(t);
  const { meta, bytes, chat, attachmentId } = await chatWithStartedUpload(standIn, { size: 200_000 });
  standIn.setFaults([{ route: 's3-put', slowBytesPerSecond: 100_000 }]);
  const controller = new AbortController();
  const pending = put(meta, bytes, { signal: controller.signal });
  await sleep(300);
  controller.abort();
  await assert.rejects(pending, { name: 'AbortError' });
  await sleep(100);
  assert.equal((await standIn.state()).attachments[0]?.stored, null);
  const complete = await completeUpload(standIn, chat.connectionToken, attachmentId);
  assert.equal(complete.status, 400);
  assert.match(complete.json.message, /not uploaded/);
});

test('s3-put faults only hit PUTs, not preflights or downloads', async (t) => {
  const standIn = await startStandIn(t);
  const { meta } = await chatWithStartedUpload(standIn);
  standIn.setFaults([{ route: 's3-put', status: 500, times: -1 }]);
  const preflight = await fetch(meta.Url, {
    method: 'OPTIONS',
    headers: { Origin: 'http://localhost:8000', 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'content-type' },
  });
  assert.equal(preflight.status, 200);
  const get = await fetch(meta.Url.replace(/\?.*$/, ''));
  assert.notEqual(get.status, 500);
  assert.equal((await standIn.state()).faults[0]?.remaining, -1);
});
