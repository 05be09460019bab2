// @ts-check
// The pre-signed PUT: what is signed, and that the fake S3 really rejects anything else.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { startStandIn, chatWithStartedUpload, put, sha256, startUpload, sleep } from './helpers.mjs';

const SIGNED = [
  'content-disposition',
  'content-length',
  'content-type',
  'host',
  'x-amz-acl',
  'x-amz-meta-account_id',
  'x-amz-meta-contact_id',
  'x-amz-meta-initial_contact_id',
  'x-amz-meta-organization_id',
];

test('the URL signs exactly the HeadersToInclude (as headers) and carries no checksum parameters', async (t) => {
  const standIn = await startStandIn(t);
  const { meta, chat, attachmentId } = await chatWithStartedUpload(standIn);
  const url = new URL(meta.Url);
  assert.equal(url.pathname, `/attachments/staging/${chat.contactId}/${attachmentId}`);
  assert.deepEqual(url.searchParams.get('X-Amz-SignedHeaders')?.split(';'), SIGNED);
  assert.deepEqual(
    Object.keys(meta.HeadersToInclude)
      .map((h) => h.toLowerCase())
      .concat('host')
      .sort(),
    SIGNED,
  );
  assert.equal(url.searchParams.get('X-Amz-Expires'), '300');
  for (const name of url.searchParams.keys()) {
    assert.doesNotMatch(name.toLowerCase(), /checksum|x-amz-acl|x-amz-meta-/, `${name} must not be in the query (P12)`);
  }
});

test('a PUT with exactly the headers and the announced length is stored byte for byte', async (t) => {
  const standIn = await startStandIn(t);
  const chat = standIn.createChat();
  const bytes = randomBytes(64 * 1024);
  const started = await startUpload(standIn, chat.connectionToken, {
    ContentType: 'image/png',
    AttachmentName: 'pic.png',
    AttachmentSizeInBytes: bytes.length,
  });
  const res = await put(started.json.UploadMetadata, bytes);
  assert.equal(res.status, 200, res.text);
  const [att] = (await standIn.state()).attachments;
  assert.deepEqual(att?.stored, { size: bytes.length, sha256: sha256(bytes) });
});

test('S3 refuses a changed Content-Type, a missing signed header, a wrong length or a tampered signature', async (t) => {
  const standIn = await startStandIn(t);
  const { meta, bytes } = await chatWithStartedUpload(standIn);

  const changedType = await put(meta, bytes, { headers: { 'Content-Type': 'text/csv' } });
  assert.equal(changedType.status, 403);
  assert.equal(changedType.code, 'SignatureDoesNotMatch');

  const missingMeta = await put(meta, bytes, { headers: { 'x-amz-meta-contact_id': null } });
  assert.equal(missingMeta.status, 403);
  assert.equal(missingMeta.code, 'SignatureDoesNotMatch');

  const changedName = await put(meta, bytes, { headers: { 'Content-Disposition': 'attachment; filename="other.txt"' } });
  assert.equal(changedName.code, 'SignatureDoesNotMatch');

  // Like a browser: Content-Length comes from the body, and it differs from the signed one.
  const longer = await put(meta, Buffer.concat([bytes, Buffer.from('!')]), { headers: { 'Content-Length': null } });
  assert.equal(longer.status, 403);
  assert.equal(longer.code, 'SignatureDoesNotMatch');

  const url = new URL(meta.Url);
  const sig = url.searchParams.get('X-Amz-Signature') ?? '';
  url.searchParams.set('X-Amz-Signature', (sig[0] === 'a' ? 'b' : 'a') + sig.slice(1));
  const tampered = await put(meta, bytes, { url: url.toString() });
  assert.equal(tampered.status, 403);
  assert.equal(tampered.code, 'SignatureDoesNotMatch');

  assert.equal((await standIn.state()).attachments[0]?.stored, null, 'nothing was stored by the refused PUTs');
  const ok = await put(meta, bytes);
  assert.equal(ok.status, 200, 'the untouched request still works');
});

test('badSignature fault: the returned URL fails with SignatureDoesNotMatch', async (t) => {
  const standIn = await startStandIn(t);
  standIn.setFaults([{ route: 'start-attachment-upload', badSignature: true }]);
  const { meta, bytes } = await chatWithStartedUpload(standIn);
  const res = await put(meta, bytes);
  assert.equal(res.status, 403);
  assert.equal(res.code, 'SignatureDoesNotMatch');
});

test('expiredUrl fault: UrlExpiry is in the past and S3 says "Request has expired"', async (t) => {
  const standIn = await startStandIn(t);
  standIn.setFaults([{ route: 'start-attachment-upload', expiredUrl: true }]);
  const { meta, bytes } = await chatWithStartedUpload(standIn);
  assert.ok(Date.parse(meta.UrlExpiry) < Date.now(), `${meta.UrlExpiry} is in the past`);
  const res = await put(meta, bytes);
  assert.equal(res.status, 403);
  assert.equal(res.code, 'AccessDenied');
  assert.equal(res.message, 'Request has expired');
});

test('a URL really expires at UrlExpiry', async (t) => {
  const standIn = await startStandIn(t, { urlExpirySeconds: 1 });
  const { meta, bytes } = await chatWithStartedUpload(standIn);
  await sleep(Math.max(0, Date.parse(meta.UrlExpiry) - Date.now()) + 100);
  const res = await put(meta, bytes);
  assert.equal(res.status, 403);
  assert.equal(res.message, 'Request has expired');
});

test('non-ASCII and long names give a Latin-1-safe Content-Disposition within 256 characters', async (t) => {
  const standIn = await startStandIn(t);
  const names = ['Résumé «final» 日本.pdf', 'quote"back\\slash\ttab.txt', 'a  b   c.txt', `${'ü'.repeat(240)}.docx`, 'x'.repeat(256)];
  for (const name of names) {
    const { meta, bytes } = await chatWithStartedUpload(standIn, { name });
    const cd = meta.HeadersToInclude['Content-Disposition'];
    assert.ok(cd.length <= 256, `${cd.length} chars`);
    assert.match(cd, /^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9%!#$&+\-.^_`|~]+$/);
    const quoted = /filename="([^"]*)"/.exec(cd)?.[1] ?? '';
    assert.doesNotMatch(quoted, /["\\]|\s{2}/);
    if (cd.length < 256 && name.length < 200) {
      assert.equal(decodeURIComponent(cd.split("''")[1] ?? ''), name, 'the full name survives in filename*');
    }
    const res = await put(meta, bytes);
    assert.equal(res.status, 200, `${name}: ${res.text}`);
  }
  const long = (await standIn.state()).attachments.find((a) => a.name.startsWith('ü'));
  assert.equal(long?.name.length, 245, 'the attachment keeps its full name; only the header is shortened');
});

test('S3 error responses carry CORS headers so a browser can read the XML', async (t) => {
  const standIn = await startStandIn(t);
  const { meta, bytes } = await chatWithStartedUpload(standIn);
  const origin = 'http://localhost:8000';
  const refused = await put(meta, bytes, { headers: { 'Content-Type': 'text/csv', Origin: origin } });
  assert.equal(refused.status, 403);
  assert.ok(refused.headers.get('access-control-allow-origin'), 'ACAO on the 403');
  const ok = await put(meta, bytes, { headers: { Origin: origin } });
  assert.equal(ok.status, 200);
  assert.ok(ok.headers.get('access-control-allow-origin'));
  assert.match(ok.headers.get('access-control-expose-headers') ?? '', /ETag/i);
});

test('a read of the stand-in’s own bucket survives connection resets, and nothing else is retried', async () => {
  const { afterResets } = await import('connect-chat-stand-in/s3.mjs');
  const reset = () => Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
  let calls = 0;
  const value = await afterResets(async () => {
    calls += 1;
    if (calls < 3) throw reset();
    return 'read';
  });
  assert.equal(value, 'read');
  assert.equal(calls, 3, 'two resets, then the read went through');

  let hungUp = 0;
  await assert.rejects(
    afterResets(async () => {
      hungUp += 1;
      throw new Error('socket hang up');
    }),
    /socket hang up/,
  );
  assert.equal(hungUp, 3, 'three tries in all');

  let denied = 0;
  await assert.rejects(
    afterResets(async () => {
      denied += 1;
      throw Object.assign(new Error('Access Denied'), { name: 'AccessDenied' });
    }),
    /Access Denied/,
  );
  assert.equal(denied, 1, 'an answer from S3 is not a reset');
});
