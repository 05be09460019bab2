// @ts-check
// CORS: preflights and response headers on ACPS, the control API and the S3 proxy.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startStandIn, startUpload, chatWithStartedUpload } from './helpers.mjs';

const ORIGIN = 'http://localhost:8000';
const SDK_HEADERS = 'content-type,x-amz-bearer,x-amz-user-agent,amz-sdk-invocation-id,amz-sdk-request,x-amz-date';

/**
 * @param {string} url
 * @param {string} origin
 * @param {string} method
 * @param {string} requestHeaders
 */
function preflight(url, origin, method, requestHeaders) {
  return fetch(url, {
    method: 'OPTIONS',
    headers: { Origin: origin, 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': requestHeaders },
  });
}

/** @param {string | null} list */
const names = (list) =>
  new Set(
    (list ?? '')
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean),
  );

test('ACPS preflight allows the SDK and fetch headers for any origin by default', async (t) => {
  const standIn = await startStandIn(t);
  for (const path of [
    '/participant/connection',
    '/participant/start-attachment-upload',
    '/participant/complete-attachment-upload',
    '/participant/attachment',
  ]) {
    const res = await preflight(standIn.endpoint + path, ORIGIN, 'POST', SDK_HEADERS);
    assert.equal(res.status, 204, path);
    assert.equal(res.headers.get('access-control-allow-origin'), ORIGIN);
    assert.ok(names(res.headers.get('access-control-allow-methods')).has('post'));
    const allowed = names(res.headers.get('access-control-allow-headers'));
    for (const h of SDK_HEADERS.split(',')) assert.ok(allowed.has(h), `${h} allowed`);
    assert.ok(Number(res.headers.get('access-control-max-age')) > 0);
    assert.match(res.headers.get('vary') ?? '', /Origin/);
  }
  const log = (await standIn.state()).requests;
  assert.deepEqual([...new Set(log.map((r) => `${r.service} ${r.method}`))], ['acps OPTIONS']);
});

test('ACPS responses expose x-amzn-ErrorType and x-amzn-RequestId, on success and on errors', async (t) => {
  const standIn = await startStandIn(t);
  const chat = standIn.createChat();
  for (const res of [await startUpload(standIn, chat.connectionToken, {}), await startUpload(standIn, 'bogus', {})]) {
    assert.ok([200, 403].includes(res.status));
    assert.equal(res.headers.get('access-control-allow-origin'), null, 'no Origin, no ACAO');
  }
  const withOrigin = await fetch(`${standIn.endpoint}/participant/start-attachment-upload`, {
    method: 'POST',
    headers: { Origin: ORIGIN, 'x-amz-bearer': 'bogus' },
    body: '{}',
  });
  assert.equal(withOrigin.status, 403);
  assert.equal(withOrigin.headers.get('access-control-allow-origin'), ORIGIN);
  const exposed = names(withOrigin.headers.get('access-control-expose-headers'));
  assert.ok(exposed.has('x-amzn-errortype') && exposed.has('x-amzn-requestid'));
});

test('allowedOrigins restricts ACPS and control CORS to the listed origins', async (t) => {
  const standIn = await startStandIn(t, { allowedOrigins: [ORIGIN] });
  const ok = await preflight(`${standIn.endpoint}/participant/start-attachment-upload`, ORIGIN, 'POST', SDK_HEADERS);
  assert.equal(ok.status, 204);
  assert.equal(ok.headers.get('access-control-allow-origin'), ORIGIN);
  const evil = await preflight(`${standIn.endpoint}/participant/start-attachment-upload`, 'http://evil.example', 'POST', SDK_HEADERS);
  assert.equal(evil.status, 403);
  assert.equal(evil.headers.get('access-control-allow-origin'), null);
  const evilPost = await fetch(`${standIn.endpoint}/__control/chats`, { method: 'POST', headers: { Origin: 'http://evil.example' } });
  assert.equal(evilPost.headers.get('access-control-allow-origin'), null);
  const controlPreflight = await preflight(`${standIn.endpoint}/__control/faults`, ORIGIN, 'POST', 'content-type');
  assert.equal(controlPreflight.status, 204);
  assert.equal(controlPreflight.headers.get('access-control-allow-origin'), ORIGIN);
});

test('control API answers preflights and carries CORS headers', async (t) => {
  const standIn = await startStandIn(t);
  const pre = await preflight(`${standIn.endpoint}/__control/chats`, ORIGIN, 'POST', 'content-type');
  assert.equal(pre.status, 204);
  assert.equal(pre.headers.get('access-control-allow-origin'), ORIGIN);
  const res = await fetch(`${standIn.endpoint}/__control/state`, { headers: { Origin: ORIGIN } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('access-control-allow-origin'), ORIGIN);
  assert.equal((await standIn.state()).requests.length, 0, 'control traffic is not logged');
});

test('S3 preflight for the pre-signed PUT allows its non-safelisted headers', async (t) => {
  const standIn = await startStandIn(t);
  const { meta } = await chatWithStartedUpload(standIn);
  // What a browser asks for: every header it will set, lower-cased (Content-Length is the browser's own).
  const requested = Object.keys(meta.HeadersToInclude)
    .filter((h) => h !== 'Content-Length')
    .map((h) => h.toLowerCase())
    .sort();
  const res = await preflight(meta.Url, ORIGIN, 'PUT', requested.join(','));
  assert.equal(res.status, 200);
  assert.ok(['*', ORIGIN].includes(res.headers.get('access-control-allow-origin') ?? ''));
  assert.ok(names(res.headers.get('access-control-allow-methods')).has('put'));
  const allowed = names(res.headers.get('access-control-allow-headers'));
  for (const h of requested) assert.ok(allowed.has(h), `${h} allowed`);
  const getPreflight = await preflight(meta.Url, ORIGIN, 'GET', '');
  assert.equal(getPreflight.status, 200);
  const s3Log = (await standIn.state()).requests.filter((r) => r.service === 's3');
  assert.deepEqual(
    s3Log.map((r) => [r.method, r.status]),
    [
      ['OPTIONS', 200],
      ['OPTIONS', 200],
    ],
  );
});
