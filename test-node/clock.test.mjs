// @ts-check
// clockOffsetMs shifts "now" for everything the AWS side does, so a browser test can put the
// stand-in ten minutes away from the page: X-Amz-Date, UrlExpiry, token expiries, and S3's own
// expiry check, with either sink (s3rver itself checks expiry by the real clock).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { startStandIn, startUpload, completeUpload, put, acps, sha256, sleep, rawRequest } from './helpers.mjs';

const TEN_MINUTES = 10 * 60 * 1000;

/**
 * @param {string | undefined} iso
 * @param {number} expectedMs
 * @param {string} what
 */
function assertNear(iso, expectedMs, what) {
  const ms = Date.parse(iso ?? '');
  assert.ok(Math.abs(ms - expectedMs) <= 3000, `${what}: ${iso} is not near ${new Date(expectedMs).toISOString()}`);
}

/** @param {string} url */
function amzDateOf(url) {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(new URL(url).searchParams.get('X-Amz-Date') ?? '');
  assert.ok(m, 'X-Amz-Date present');
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

for (const s3Sink of /** @type {const} */ (['s3rver', 'discard'])) {
  for (const offset of [TEN_MINUTES, -TEN_MINUTES]) {
    const label = `${offset > 0 ? '+' : '-'}10 min, ${s3Sink}`;

    test(`clock ${label}: dates are shifted, a PUT within the URL's lifetime is stored, one after it expires`, async (t) => {
      // Long enough that the first PUT lands in time on a busy machine (whole seconds: ttl - 1 s at least).
      const ttl = 3;
      const standIn = await startStandIn(t, { s3Sink, clockOffsetMs: offset, urlExpirySeconds: ttl });
      const chat = standIn.createChat();
      assertNear(chat.connectionExpiry, Date.now() + offset + 86_400_000, 'createChat expiry');
      const conn = await acps(standIn, '/participant/connection', chat.participantToken, { Type: ['WEBSOCKET', 'CONNECTION_CREDENTIALS'] });
      assertNear(conn.json.ConnectionCredentials.Expiry, Date.now() + offset + 86_400_000, 'ConnectionCredentials.Expiry');
      assertNear(conn.json.Websocket.ConnectionExpiry, Date.now() + offset + 100_000, 'Websocket.ConnectionExpiry');
      const token = conn.json.ConnectionCredentials.ConnectionToken;

      const bytes = randomBytes(1000);
      const start = () => startUpload(standIn, token, { AttachmentSizeInBytes: bytes.length });
      const started = await start();
      assert.equal(started.status, 200, started.text);
      const meta = started.json.UploadMetadata;
      const signedAt = amzDateOf(meta.Url);
      assertNear(new Date(signedAt).toISOString(), Date.now() + offset, 'X-Amz-Date');
      assert.equal(Date.parse(meta.UrlExpiry), signedAt + ttl * 1000, 'UrlExpiry = X-Amz-Date + X-Amz-Expires');

      const stored = await put(meta, bytes);
      assert.equal(stored.status, 200, stored.text);
      assert.equal((await standIn.state()).attachments[0]?.stored?.sha256, sha256(bytes));
      assert.equal((await completeUpload(standIn, token, started.json.AttachmentId)).status, 200);

      const got = await acps(standIn, '/participant/attachment', token, {
        AttachmentId: started.json.AttachmentId,
        UrlExpiryInSeconds: 60,
      });
      assert.equal(got.status, 200, got.text);
      assertNear(new Date(amzDateOf(got.json.Url)).toISOString(), Date.now() + offset, 'GetAttachment X-Amz-Date');
      assertNear(got.json.UrlExpiry, Date.now() + offset + 60_000, 'GetAttachment UrlExpiry');
      const download = await rawRequest(got.json.Url);
      if (s3Sink === 's3rver') {
        assert.equal(download.status, 200, download.text);
        assert.equal(sha256(download.body), sha256(bytes));
      } else {
        assert.equal(download.code, 'NoSuchKey', 'the discard sink keeps no bytes, but the URL itself is good');
      }

      const late = await start();
      const lateMeta = late.json.UploadMetadata;
      await sleep(Date.parse(lateMeta.UrlExpiry) - (Date.now() + offset) + 300);
      const expired = await put(lateMeta, bytes);
      assert.equal(expired.status, 403, expired.text);
      assert.equal(expired.code, 'AccessDenied');
      assert.equal(expired.message, 'Request has expired');
      const serverTime = /<ServerTime>([^<]+)<\/ServerTime>/.exec(expired.text)?.[1];
      assertNear(serverTime, Date.now() + offset, 'S3 ServerTime');
      assert.equal((await standIn.state()).attachments[1]?.stored, null, 'nothing stored after expiry');
    });
  }

  test(`clock switched at runtime, undone by null and by reset (${s3Sink})`, async (t) => {
    const standIn = await startStandIn(t, { s3Sink });
    const chat = standIn.createChat();
    /** @param {unknown} body */
    const setOptions = async (body) => {
      const res = await fetch(`${standIn.endpoint}/__control/options`, { method: 'POST', body: JSON.stringify(body) });
      assert.equal(res.status, 200);
      return (await res.json()).options;
    };

    assert.equal((await setOptions({ clockOffsetMs: -TEN_MINUTES })).clockOffsetMs, -TEN_MINUTES);
    const started = await startUpload(standIn, chat.connectionToken);
    assertNear(new Date(amzDateOf(started.json.UploadMetadata.Url)).toISOString(), Date.now() - TEN_MINUTES, 'X-Amz-Date');
    const ok = await put(started.json.UploadMetadata, Buffer.from('x'.repeat(11)));
    assert.equal(ok.status, 200, ok.text);
    assert.equal((await standIn.state()).options.clockOffsetMs, -TEN_MINUTES);

    assert.equal((await setOptions({ clockOffsetMs: null })).clockOffsetMs, 0);
    await setOptions({ clockOffsetMs: TEN_MINUTES });
    await fetch(`${standIn.endpoint}/__control/reset`, { method: 'POST' });
    const fresh = standIn.createChat();
    assertNear(fresh.connectionExpiry, Date.now() + 86_400_000, 'after reset');
    const again = await startUpload(standIn, fresh.connectionToken);
    assertNear(new Date(amzDateOf(again.json.UploadMetadata.Url)).toISOString(), Date.now(), 'X-Amz-Date after reset');
  });
}

test('a URL minted before the clock moves expires by the moved clock', async (t) => {
  const standIn = await startStandIn(t);
  const chat = standIn.createChat();
  const started = await startUpload(standIn, chat.connectionToken);
  standIn.setOptions({ clockOffsetMs: TEN_MINUTES });
  const res = await put(started.json.UploadMetadata, Buffer.from('x'.repeat(11)));
  assert.equal(res.status, 403);
  assert.equal(res.message, 'Request has expired');
  standIn.setOptions({ clockOffsetMs: null });
  assert.equal((await put(started.json.UploadMetadata, Buffer.from('x'.repeat(11)))).status, 200, 'good again by the real clock');
});

test('connection tokens expire by the shifted clock', async (t) => {
  const standIn = await startStandIn(t, { connectionTokenTtlSeconds: 3600 });
  const chat = standIn.createChat();
  standIn.setOptions({ clockOffsetMs: 3601 * 1000 });
  assert.equal((await startUpload(standIn, chat.connectionToken)).status, 403);
  standIn.setOptions({ clockOffsetMs: 0 });
  assert.equal((await startUpload(standIn, chat.connectionToken)).status, 200);
});
