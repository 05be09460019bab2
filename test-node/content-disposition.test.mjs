// @ts-check
// contentDisposition: 'raw' signs `attachment; filename="<name as given>"`, characters above
// U+00FF included. The SDK signs the value as Unicode; S3 checks the bytes received as UTF-8, so
// a client sends the UTF-8 bytes, one Latin-1 char each (all a browser can send in a header).

import net from 'node:net';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rawContentDisposition, contentDisposition } from 'connect-chat-stand-in/content-disposition.mjs';
import { startStandIn, chatWithStartedUpload, completeUpload, acps, sha256, rawRequest, utf8AsLatin1 } from './helpers.mjs';

const NAME = '報告書 — ünïcödé.pdf';

/**
 * PUTs with every HeadersToInclude value sent through `encode`.
 * @param {{ Url: string, HeadersToInclude: Record<string, string> }} meta
 * @param {Buffer} bytes
 * @param {(value: string) => string} encode
 */
function putEncoded(meta, bytes, encode) {
  /** @type {Record<string, string>} */
  const headers = {};
  for (const [name, value] of Object.entries(meta.HeadersToInclude)) headers[name] = encode(value);
  return rawRequest(meta.Url, { method: 'PUT', headers, body: bytes });
}

test('the raw form: the name as given, quotes and backslashes as quoted-pairs, at most 256 chars', () => {
  assert.equal(rawContentDisposition(NAME), `attachment; filename="${NAME}"`);
  assert.equal(rawContentDisposition('say "hi" \\ bye.txt'), 'attachment; filename="say \\"hi\\" \\\\ bye.txt"');
  assert.equal(rawContentDisposition('tab\there.txt'), 'attachment; filename="tab_here.txt"', 'no control chars in a header');
  assert.equal(contentDisposition(NAME), contentDisposition(NAME, 'rfc6266'), 'the default form is unchanged');
  assert.match(contentDisposition(NAME), /^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);

  for (const name of ['x'.repeat(256), `${'報'.repeat(252)}.pdf`, `${'"'.repeat(200)}.txt`, `${'😀'.repeat(126)}.docx`, '\\'.repeat(256)]) {
    const value = rawContentDisposition(name);
    assert.ok(value.length <= 256, `${value.length} chars`);
    assert.ok(value.length >= 254, 'shortened no more than needed');
    assert.doesNotMatch(value, /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/, 'no half surrogate pair');
    assert.match(value, /^attachment; filename="(?:[^"\\]|\\["\\])*"$/, 'a well-formed quoted-string');
    const dot = name.lastIndexOf('.');
    if (dot > 0) assert.ok(value.endsWith(`${name.slice(dot)}"`), 'the extension is kept');
  }
});

for (const s3Sink of /** @type {const} */ (['s3rver', 'discard'])) {
  test(`raw Content-Disposition: UTF-8 bytes as Latin-1 chars are stored; ? or Latin-1 are refused (${s3Sink})`, async (t) => {
    const standIn = await startStandIn(t, { s3Sink, contentDisposition: 'raw' });
    const bytes = Buffer.from('%PDF- not really');
    const { meta, attachmentId, chat } = await chatWithStartedUpload(standIn, {
      name: NAME,
      size: bytes.length,
      contentType: 'application/pdf',
    });
    assert.equal(meta.HeadersToInclude['Content-Disposition'], `attachment; filename="${NAME}"`);

    // eslint-disable-next-line no-control-regex -- every byte outside ASCII, from NUL up
    const question = await putEncoded(meta, bytes, (v) => v.replace(/[^\x00-\x7f]/g, '?'));
    assert.equal(question.status, 403, question.text);
    assert.equal(question.code, 'SignatureDoesNotMatch');
    assert.equal((await standIn.state()).attachments[0]?.stored, null);

    const ok = await putEncoded(meta, bytes, utf8AsLatin1);
    assert.equal(ok.status, 200, ok.text);
    assert.equal((await standIn.state()).attachments[0]?.stored?.sha256, sha256(bytes));

    if (s3Sink === 's3rver') {
      assert.equal((await completeUpload(standIn, chat.connectionToken, attachmentId)).status, 200);
      const got = await acps(standIn, '/participant/attachment', chat.connectionToken, { AttachmentId: attachmentId });
      const download = await rawRequest(got.json.Url);
      assert.equal(download.status, 200);
      assert.equal(sha256(download.body), sha256(bytes));
      const header = /** @type {string} */ (download.headers['content-disposition']);
      assert.equal(Buffer.from(header, 'latin1').toString('utf8'), `attachment; filename="${NAME}"`, 'read back as the same UTF-8 bytes');
    }
  });

  test(`raw Content-Disposition: Latin-1 names, quotes, runs of spaces and long names (${s3Sink})`, async (t) => {
    const standIn = await startStandIn(t, { s3Sink, contentDisposition: 'raw' });
    const latin1Only = await chatWithStartedUpload(standIn, { name: 'ünïcödé.txt' });
    const sentAsLatin1 = await putEncoded(latin1Only.meta, latin1Only.bytes, (v) => v);
    assert.equal(sentAsLatin1.code, 'SignatureDoesNotMatch', 'S3 reads the bytes as UTF-8, and 0xFC is not ü in UTF-8');
    assert.equal((await putEncoded(latin1Only.meta, latin1Only.bytes, utf8AsLatin1)).status, 200);

    for (const name of [
      'say "hi" \\ bye.txt',
      'a  b   c.txt',
      ' leading and trailing .txt',
      `${'報'.repeat(250)}.pdf`,
      `${'"'.repeat(200)}.txt`,
    ]) {
      const { meta, bytes } = await chatWithStartedUpload(standIn, { name });
      assert.ok(meta.HeadersToInclude['Content-Disposition'].length <= 256);
      const res = await putEncoded(meta, bytes, utf8AsLatin1);
      assert.equal(res.status, 200, `${name.slice(0, 40)}: ${res.text}`);
    }
    const stored = (await standIn.state()).attachments.filter((a) => a.stored !== null);
    assert.equal(stored.length, 6);
  });
}

test('contentDisposition switches at runtime and a reset brings back the start value', async (t) => {
  const standIn = await startStandIn(t);
  const cd = async () => (await chatWithStartedUpload(standIn, { name: NAME })).meta.HeadersToInclude['Content-Disposition'];
  assert.match(await cd(), /filename\*=UTF-8''/);
  standIn.setOptions({ contentDisposition: 'raw' });
  assert.equal(await cd(), `attachment; filename="${NAME}"`);
  await standIn.reset();
  assert.match(await cd(), /filename\*=UTF-8''/);
});

test('raw Content-Disposition after Content-Length on the wire, as Chromium orders them, still reaches s3rver intact', async (t) => {
  const standIn = await startStandIn(t, { contentDisposition: 'raw' });
  const bytes = Buffer.from('%PDF- not really');
  const { meta } = await chatWithStartedUpload(standIn, { name: NAME, size: bytes.length, contentType: 'application/pdf' });
  const url = new URL(meta.Url);
  // Content-Length first: Node's client, forwarding it that way, re-decoded Content-Disposition as UTF-8.
  const lines = [`PUT ${url.pathname}${url.search} HTTP/1.1`, `Host: ${url.host}`, `Content-Length: ${bytes.length}`];
  for (const [name, value] of Object.entries(meta.HeadersToInclude)) {
    if (name.toLowerCase() !== 'content-length') lines.push(`${name}: ${utf8AsLatin1(value)}`);
  }
  lines.push('Connection: close');
  const answer = await new Promise((resolve, reject) => {
    const socket = net.connect(Number(url.port), url.hostname, () => {
      socket.write(Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'));
      socket.write(bytes);
    });
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('end', () => resolve(received));
    socket.on('error', reject);
  });
  assert.match(String(answer), /^HTTP\/1\.1 200 /, String(answer).slice(0, 300));
  assert.equal((await standIn.state()).attachments[0]?.stored?.sha256, sha256(bytes));
});
