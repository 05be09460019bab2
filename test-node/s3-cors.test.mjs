// @ts-check
// s3Cors: 'refuse' makes the bucket one without a CORS rule for the page: S3 answers preflights
// 403 with its XML and no response carries Access-Control-* headers. ACPS is not affected.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startStandIn, chatWithStartedUpload, put, completeUpload, acps, sha256 } from './helpers.mjs';

const ORIGIN = 'http://localhost:8000';

/** @param {string} url */
function s3Preflight(url) {
  return fetch(url, {
    method: 'OPTIONS',
    headers: {
      Origin: ORIGIN,
      'Access-Control-Request-Method': 'PUT',
      'Access-Control-Request-Headers': 'content-disposition,content-type,x-amz-acl,x-amz-meta-contact_id',
    },
  });
}

/**
 * @param {Headers} headers
 * @returns {string[]}
 */
function corsHeaders(headers) {
  /** @type {string[]} */
  const names = [];
  headers.forEach((_, name) => {
    if (name.startsWith('access-control-')) names.push(name);
  });
  return names;
}

for (const s3Sink of /** @type {const} */ (['s3rver', 'discard'])) {
  test(`s3Cors 'refuse': the S3 preflight is a 403 with S3's XML and no CORS headers (${s3Sink})`, async (t) => {
    const standIn = await startStandIn(t, { s3Sink, s3Cors: 'refuse' });
    const { meta, bytes } = await chatWithStartedUpload(standIn);

    const pre = await s3Preflight(meta.Url);
    const text = await pre.text();
    assert.equal(pre.status, 403);
    assert.match(text, /<Code>AccessForbidden<\/Code>/);
    assert.match(
      text,
      /<Message>CORSResponse: This CORS request is not allowed\. This is usually because the evalution of Origin, request method \/ Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec\.<\/Message>/,
    );
    assert.match(text, /<Method>PUT<\/Method>/);
    assert.deepEqual(corsHeaders(pre.headers), []);

    // S3 still does the work of a request that is not a preflight; only the browser cannot read it.
    const stored = await put(meta, bytes, { headers: { Origin: ORIGIN } });
    assert.equal(stored.status, 200, stored.text);
    assert.deepEqual(corsHeaders(stored.headers), []);
    const refused = await put(meta, bytes, { headers: { Origin: ORIGIN, 'Content-Type': 'text/csv' } });
    assert.equal(refused.status, 403);
    assert.deepEqual(corsHeaders(refused.headers), [], 'not even on an error');

    const state = await standIn.state();
    assert.equal(state.attachments[0]?.stored?.sha256, sha256(bytes));
    assert.deepEqual(
      state.requests.filter((r) => r.service === 's3').map((r) => [r.method, r.status]),
      [
        ['OPTIONS', 403],
        ['PUT', 200],
        ['PUT', 403],
      ],
      'the refused preflight is in the log',
    );
    assert.equal(state.options.s3Cors, 'refuse');
  });

  test(`s3Cors switches at runtime and a reset brings back the start value (${s3Sink})`, async (t) => {
    const standIn = await startStandIn(t, { s3Sink });
    const { meta } = await chatWithStartedUpload(standIn);
    const setOptions = (/** @type {unknown} */ body) =>
      fetch(`${standIn.endpoint}/__control/options`, {
        method: 'POST',
        body: JSON.stringify(body),
      });

    assert.equal((await s3Preflight(meta.Url)).status, 200);
    assert.equal((await setOptions({ s3Cors: 'refuse' })).status, 200);
    const refused = await s3Preflight(meta.Url);
    assert.equal(refused.status, 403);
    assert.deepEqual(corsHeaders(refused.headers), []);
    assert.equal((await setOptions({ s3Cors: null })).status, 200);
    assert.equal((await s3Preflight(meta.Url)).status, 200, 'null: back to the start value');

    await setOptions({ s3Cors: 'refuse' });
    await fetch(`${standIn.endpoint}/__control/reset`, { method: 'POST' });
    const again = await chatWithStartedUpload(standIn);
    const allowed = await s3Preflight(again.meta.Url);
    assert.equal(allowed.status, 200);
    assert.ok(allowed.headers.get('access-control-allow-origin'));
  });
}

test("s3Cors 'refuse': ACPS still answers CORS, and a download carries no CORS headers", async (t) => {
  const standIn = await startStandIn(t, { s3Cors: 'refuse' });
  const acpsPreflight = await fetch(`${standIn.endpoint}/participant/start-attachment-upload`, {
    method: 'OPTIONS',
    headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,x-amz-bearer' },
  });
  assert.equal(acpsPreflight.status, 204);
  assert.equal(acpsPreflight.headers.get('access-control-allow-origin'), ORIGIN);

  const { meta, bytes, chat, attachmentId } = await chatWithStartedUpload(standIn);
  assert.equal((await put(meta, bytes)).status, 200);
  const done = await acps(
    standIn,
    '/participant/complete-attachment-upload',
    chat.connectionToken,
    { AttachmentIds: [attachmentId], ClientToken: 'c' },
    { Origin: ORIGIN },
  );
  assert.equal(done.status, 200);
  assert.equal(done.headers.get('access-control-allow-origin'), ORIGIN);
  assert.equal((await completeUpload(standIn, chat.connectionToken, attachmentId, 'c')).status, 200);

  const got = await acps(standIn, '/participant/attachment', chat.connectionToken, { AttachmentId: attachmentId });
  const download = await fetch(got.json.Url, { headers: { Origin: ORIGIN } });
  assert.equal(download.status, 200);
  assert.deepEqual(corsHeaders(download.headers), [], "s3rver's own CORS headers are taken off too");
});
