// @ts-check
// What S3 refuses before it stores anything, with either sink behind the proxy: x-amz-* headers
// the URL does not sign, and requests that carry no signature at all.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startStandIn, chatWithStartedUpload, put, completeUpload, acps } from './helpers.mjs';

const ORIGIN = 'http://localhost:8000';

for (const s3Sink of /** @type {const} */ (['s3rver', 'discard'])) {
  test(`an x-amz-* header the URL does not sign is refused, and nothing is stored (${s3Sink})`, async (t) => {
    const standIn = await startStandIn(t, { s3Sink });
    const { meta, bytes, chat, attachmentId } = await chatWithStartedUpload(standIn);

    const one = await put(meta, bytes, { headers: { 'x-amz-foo': 'bar', Origin: ORIGIN } });
    assert.equal(one.status, 403, one.text);
    assert.equal(one.code, 'AccessDenied');
    assert.equal(one.message, 'There were headers present in the request which were not signed');
    assert.match(one.text, /<HeadersNotSigned>x-amz-foo<\/HeadersNotSigned>/);
    assert.equal(one.headers.get('access-control-allow-origin'), ORIGIN, 'a browser can read why');

    const two = await put(meta, bytes, { headers: { 'x-amz-meta-extra': '1', 'X-Amz-Storage-Class': 'STANDARD' } });
    assert.equal(two.status, 403);
    assert.match(two.text, /<HeadersNotSigned>x-amz-meta-extra, x-amz-storage-class<\/HeadersNotSigned>/);

    assert.equal((await standIn.state()).attachments[0]?.stored, null, 'nothing was stored');
    assert.equal((await completeUpload(standIn, chat.connectionToken, attachmentId)).status, 400);
    const ok = await put(meta, bytes);
    assert.equal(ok.status, 200, 'the same PUT without the extra header goes through');
  });

  test(`a request with no signature at all is refused like a private bucket does (${s3Sink})`, async (t) => {
    const standIn = await startStandIn(t, { s3Sink });
    const { meta, bytes } = await chatWithStartedUpload(standIn);
    const bare = meta.Url.split('?')[0];
    const res = await put(meta, bytes, { url: bare, headers: { Origin: ORIGIN } });
    assert.equal(res.status, 403, res.text);
    assert.equal(res.code, 'AccessDenied');
    assert.equal(res.message, 'Access Denied');
    assert.equal(res.headers.get('access-control-allow-origin'), ORIGIN);
    const get = await fetch(bare);
    assert.equal(get.status, 403);
    assert.equal((await standIn.state()).attachments[0]?.stored, null);
  });
}

test('a GetAttachment URL refuses an unsigned x-amz-* header too', async (t) => {
  const standIn = await startStandIn(t);
  const { meta, bytes, chat, attachmentId } = await chatWithStartedUpload(standIn);
  assert.equal((await put(meta, bytes)).status, 200);
  assert.equal((await completeUpload(standIn, chat.connectionToken, attachmentId)).status, 200);
  const got = await acps(standIn, '/participant/attachment', chat.connectionToken, { AttachmentId: attachmentId });
  assert.equal(got.status, 200, got.text);
  const refused = await fetch(got.json.Url, { headers: { 'x-amz-request-payer': 'requester' } });
  assert.equal(refused.status, 403);
  assert.match(await refused.text(), /<HeadersNotSigned>x-amz-request-payer<\/HeadersNotSigned>/);
  const ok = await fetch(got.json.Url);
  assert.equal(ok.status, 200);
  assert.equal(await ok.text(), bytes.toString());
});
