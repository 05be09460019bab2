/**
 * Hardening over real requests: redirects from the endpoint and from S3, a bucket without a CORS
 * rule for the page, a stand-in whose clock is ten minutes off, and a signed name above U+00FF.
 * Everything against the local stand-in, in a real browser.
 */
import { expect } from '@open-wc/testing';
import { AcpsClient } from '../../src/api/acps.js';
import { putObject } from '../../src/api/s3.js';
import { AttachmentUploader } from '../../src/pipeline/uploader.js';
import { announced, mount, settled as elementSettled } from '../helpers/element.js';
import { FAST, settled } from '../helpers/fake-connect.js';
import { makeFile, sha256Hex, standIn } from '../helpers/stand-in.js';

/** WebKitGTK (MiniBrowser): a WebKit User-Agent naming neither Chrome nor Firefox, on Linux. */
const webKitGtk =
  /AppleWebKit/.test(navigator.userAgent) && /Linux/.test(navigator.userAgent) && !/Chrome\/|Firefox\//.test(navigator.userAgent);

/** The same URL behind a same-origin 307 (see web-test-runner.config.mjs). */
function viaRedirect(url: string): string {
  const target = new URL(url);
  return `${location.origin}/__redirect/${encodeURIComponent(target.origin)}${target.pathname}${target.search}`;
}

describe('Hardening: redirects', () => {
  it('does not follow a redirect from the endpoint: the token goes nowhere else', async () => {
    const stand = await standIn();
    const chat = await stand.createChat();
    const client = new AcpsClient(viaRedirect(stand.endpoint));
    const name = `redirected-${crypto.randomUUID()}.txt`;
    const error = await client
      .startAttachmentUpload(chat.connectionToken, { contentType: 'text/plain', sizeInBytes: 5, name, clientToken: crypto.randomUUID() })
      .catch((caught: unknown) => caught);
    expect(error).to.include({ code: 'bad-response' });
    expect((error as Error).message).to.match(/redirect/);
    const { requests } = await stand.state();
    expect(requests.some((request) => JSON.stringify(request.body ?? {}).includes(name))).to.equal(
      false,
      'the Start never reached the stand-in',
    );
  });

  it('never completes a file whose PUT was redirected away from the signed URL', async () => {
    const stand = await standIn();
    const chat = await stand.createChat();
    const uploader = new AttachmentUploader(
      { endpoint: stand.endpoint, token: chat.connectionToken, retryPolicy: FAST },
      {
        transport: {
          acps: (endpoint, timeoutMs) => new AcpsClient(endpoint, { timeoutMs }),
          put: (request) => putObject({ ...request, url: viaRedirect(request.url) }),
        },
      },
    );
    uploader.upload([makeFile('redirected.txt', 3_000)]);
    await settled(uploader, 10_000);
    expect(uploader.uploads[0]?.error).to.include({ code: 'bad-response', stage: 'upload', retryable: false });
    const [attachment] = await stand.attachments(chat.contactId);
    expect(attachment).to.include({ status: 'started', completeRequests: 0 });
    uploader.dispose();
  });
});

describe('Hardening: the stand-in as strict as S3', () => {
  afterEach(async () => (await standIn()).resetOptions());

  it('says a missing CORS rule is the likely cause when the bucket refuses the page, and does not retry', async () => {
    const { el, chat, stand, events } = await mount();
    await stand.setOptions({ s3Cors: 'refuse' });
    el.upload([makeFile('refused.txt', 2_000)]);
    await elementSettled(el);
    const [failure] = events.filter((event) => event.type === 'attachment-error');
    expect(failure?.detail).to.include({ code: 'network', stage: 'upload', retryable: false });
    expect(String(failure?.detail.message)).to.match(/CORS rule/);
    expect(events.some((event) => event.type === 'attachment-retry')).to.equal(false, 'no pointless retries');
    const [attachment] = await stand.attachments(chat.contactId);
    expect(attachment).to.include({ completeRequests: 0, stored: null });
    await announced(el);
    expect(el.shadowRoot?.textContent).to.match(/CORS rule is likely missing/);
  });

  for (const minutes of [10, -10]) {
    it(`uploads when the service's clock is ${Math.abs(minutes)} minutes ${minutes > 0 ? 'ahead of' : 'behind'} the page's`, async () => {
      const { el, chat, stand, events } = await mount();
      await stand.setOptions({ clockOffsetMs: minutes * 60_000 });
      const file = makeFile('clock.txt', 3_000);
      el.upload([file]);
      await elementSettled(el);
      expect(events.filter((event) => event.type === 'attachment-retry')).to.have.length(0, 'no restart for a URL that was alive');
      const [attachment] = await stand.attachments(chat.contactId);
      expect(attachment).to.include({ status: 'completed', completeCount: 1 });
      expect(attachment?.stored?.sha256).to.equal(await sha256Hex(file));
    });
  }

  it('uploads a name above U+00FF when the signed Content-Disposition holds it raw', async () => {
    const { el, chat, stand } = await mount();
    await stand.setOptions({ contentDisposition: 'raw' });
    const file = makeFile('報告書 — ünïcödé.txt', 2_500);
    el.upload([file]);
    await elementSettled(el);
    if (webKitGtk) {
      // WebKitGTK cannot put these bytes on the wire: it sends every header character above U+007F
      // as UTF-8 (so the one-byte-per-character form goes out encoded twice), and a value with a
      // character above U+00FF is first made UTF-8 bytes and then encoded again. No page can make
      // it send the signed bytes, so S3 refuses the signature: the file must fail, never complete.
      expect(el.uploads[0]?.error).to.include({ code: 'upload-rejected', stage: 'upload' });
      expect(el.uploads[0]?.error?.message).to.match(/SignatureDoesNotMatch/);
      const [refused] = await stand.attachments(chat.contactId);
      expect(refused).to.include({ completeRequests: 0, stored: null });
      return;
    }
    expect(el.uploads[0]?.state, JSON.stringify(el.uploads[0]?.error)).to.equal('done');
    const [attachment] = await stand.attachments(chat.contactId);
    expect(attachment).to.include({ name: '報告書 — ünïcödé.txt', status: 'completed' });
    expect(attachment?.stored?.sha256).to.equal(await sha256Hex(file));
  });

  it('uploads with the default RFC 6266 Content-Disposition too', async () => {
    const { el, chat, stand } = await mount();
    const file = makeFile('報告書 — ünïcödé.txt', 2_500);
    el.upload([file]);
    await elementSettled(el);
    const [attachment] = await stand.attachments(chat.contactId);
    expect(attachment).to.include({ status: 'completed' });
    expect(attachment?.stored?.sha256).to.equal(await sha256Hex(file));
  });
});
