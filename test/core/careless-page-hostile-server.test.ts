/**
 * The core against a careless page, a hostile server and odd files: a token provider that hangs or
 * throws, a page that switches chats mid-upload, a Complete whose answer is lost, a page clock that
 * is off, hostile upload headers, huge names and huge error messages. Each test failed before the
 * fix it guards.
 */
import { expect } from '@open-wc/testing';
import type { StartedUpload } from '../../src/api/acps.js';
import { AcpsClient, decodeAwsError } from '../../src/api/acps.js';
import { UploadError } from '../../src/api/errors.js';
import { decodeS3Error, headersForPut } from '../../src/api/s3.js';
import { startAttachmentUploadResponse } from '../../src/api/schemas.js';
import { attachmentNameOf } from '../../src/pipeline/file-types.js';
import type { UploaderSettings } from '../../src/pipeline/settings.js';
import { type UploadSteps, uploadFile } from '../../src/pipeline/upload-file.js';
import { allowanceOf } from '../../src/pipeline/allowance.js';
import { checkFile } from '../../src/pipeline/validate.js';
import { FAKE_ENDPOINT, TOKEN, fakeUploader, idFor, nextEvent, settled, text, typesOf } from '../helpers/fake-connect.js';

const network = () => new UploadError('network', 'Amazon Connect could not be reached.');

describe('Hardening: the token provider', () => {
  it('times out a provider that never answers, as it would a request, and sends nothing', async () => {
    const { uploader, fake } = fakeUploader({
      token: undefined,
      tokenProvider: () => new Promise<string>(() => {}),
      requestTimeoutMs: 100,
      retryPolicy: { attempts: 2, baseDelayMs: 1, maxDelayMs: 2 },
    });
    const failed = nextEvent(uploader, 'attachment-error');
    uploader.upload([text('a.txt')]);
    const { detail } = await failed;
    expect(detail).to.include({ code: 'timeout', stage: 'start' });
    expect(detail.message).to.match(/token provider/i);
    expect(fake.calls).to.have.length(0);
  });

  it('frees the queue slot of a file cancelled while its provider hangs: the next file goes', async () => {
    let asked = 0;
    const { uploader } = fakeUploader({
      token: undefined,
      concurrency: 1,
      // The first call never answers; later ones do.
      tokenProvider: () => (++asked === 1 ? new Promise<string>(() => {}) : Promise.resolve(TOKEN)),
    });
    uploader.upload([text('a.txt'), text('b.txt')]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const completed = nextEvent(uploader, 'attachment-completed');
    uploader.cancel(idFor(uploader, 'a.txt'));
    expect((await completed).detail.file.name).to.equal('b.txt');
  });

  for (const [what, provider] of [
    ['throws', () => Promise.reject(new Error('session store unavailable'))],
    ['returns a number', () => 42 as unknown as string],
    ['returns an empty string', () => ''],
  ] as const) {
    it(`reports a provider that ${what} as "config", without retrying it`, async () => {
      let asked = 0;
      const { uploader, events } = fakeUploader({
        token: undefined,
        tokenProvider: () => {
          asked += 1;
          return provider();
        },
      });
      const failed = nextEvent(uploader, 'attachment-error');
      uploader.upload([text('a.txt')]);
      const { detail } = await failed;
      expect(detail).to.include({ code: 'config', stage: 'start', retryable: false });
      expect(asked).to.equal(1);
      expect(typesOf(events)).to.not.include('attachment-retry');
    });
  }
});

/**
 * a.txt starts in chat A; while its bytes travel, the page switches to chat B (on another endpoint)
 * and gives b.txt. Resolves once both have settled.
 */
async function switchChatsMidUpload(chatA: UploaderSettings, chatB: UploaderSettings) {
  const made = fakeUploader(chatA);
  const { uploader, fake, settings } = made;
  fake.hold('put', 'a.txt', 1);
  uploader.upload([text('a.txt')]);
  const put = await fake.call('put', 'a.txt');
  Object.assign(settings, chatB, { endpoint: 'https://participant.other.test' });
  uploader.upload([text('b.txt')]);
  put.release();
  await settled(uploader);
  return made;
}

describe('Hardening: a file keeps the chat it started in', () => {
  it('completes with the endpoint and token it started with after the page switched chats (token)', async () => {
    const { uploader, fake } = await switchChatsMidUpload({}, { token: 'token-of-chat-b' });
    const [complete] = fake.callsOf('complete', 'a.txt');
    expect(complete).to.include({ endpoint: FAKE_ENDPOINT, token: TOKEN });
    expect(fake.callsOf('start', 'b.txt')[0]).to.include({ endpoint: 'https://participant.other.test', token: 'token-of-chat-b' });
    expect(uploader.uploads.map((upload) => upload.state)).to.deep.equal(['done', 'done']);
  });

  it('completes with the ConnectionToken of the ParticipantToken it started with (participant-token)', async () => {
    const { fake } = await switchChatsMidUpload(
      { token: undefined, participantToken: 'participant-a' },
      { participantToken: 'participant-b' },
    );
    expect(fake.callsOf('complete', 'a.txt')[0]).to.include({ endpoint: FAKE_ENDPOINT, token: 'connection-of-participant-a' });
    expect(fake.callsOf('complete', 'b.txt')[0]).to.include({
      endpoint: 'https://participant.other.test',
      token: 'connection-of-participant-b',
    });
    expect(fake.connections).to.deep.equal([
      { endpoint: FAKE_ENDPOINT, participantToken: 'participant-a' },
      { endpoint: 'https://participant.other.test', participantToken: 'participant-b' },
    ]);
  });
});

describe('Hardening: a Complete whose outcome is unknown', () => {
  it('retries Complete for the same attachment with the same ClientToken, never a second Start', async () => {
    const { uploader, fake } = fakeUploader();
    fake.fail('complete', network(), 'a.txt', 3);
    const failed = nextEvent(uploader, 'attachment-error');
    uploader.upload([text('a.txt')]);
    const { detail } = await failed;
    expect(detail).to.include({ stage: 'complete', code: 'network', attachmentId: 'att-1' });
    const lost = fake.callsOf('complete', 'a.txt');
    expect(new Set(lost.map((call) => call.clientToken)).size).to.equal(1, 'one ClientToken for the step');

    const completed = nextEvent(uploader, 'attachment-completed');
    uploader.retry(detail.uploadId);
    expect((await completed).detail.attachmentId).to.equal('att-1');
    expect(fake.callsOf('start', 'a.txt')).to.have.length(1, 'no new attachment');
    expect(fake.callsOf('put', 'a.txt')).to.have.length(1, 'the bytes are not sent again');
    expect(fake.callsOf('complete', 'a.txt').at(-1)?.clientToken).to.equal(lost[0]?.clientToken);
  });

  it('resumes Complete after a cancel during Complete, too', async () => {
    const { uploader, fake } = fakeUploader();
    fake.hold('complete', 'a.txt', 1);
    uploader.upload([text('a.txt')]);
    const held = await fake.call('complete', 'a.txt');
    uploader.cancel(idFor(uploader, 'a.txt'));
    const completed = nextEvent(uploader, 'attachment-completed');
    uploader.retry(idFor(uploader, 'a.txt'));
    await completed;
    expect(fake.callsOf('start', 'a.txt')).to.have.length(1);
    expect(fake.callsOf('complete', 'a.txt').map((call) => call.clientToken)).to.deep.equal([held.clientToken, held.clientToken]);
  });

  it('starts over only when Connect says the attachment cannot be completed', async () => {
    const { uploader, fake } = fakeUploader();
    fake.fail('complete', network(), 'a.txt', 3);
    const failed = nextEvent(uploader, 'attachment-error');
    uploader.upload([text('a.txt')]);
    const { detail } = await failed;
    fake.fail('complete', new UploadError('validation', 'Amazon Connect answered 400 ValidationException.', { status: 400 }), 'a.txt');
    const completed = nextEvent(uploader, 'attachment-completed');
    uploader.retry(detail.uploadId);
    expect((await completed).detail.attachmentId).to.equal('att-2');
    expect(fake.callsOf('start', 'a.txt')).to.have.length(2);
    const completes = fake.callsOf('complete', 'a.txt');
    expect(completes).to.have.length(5, 'three lost, the refused resume, and the new attachment');
    expect(completes[4]?.clientToken).to.not.equal(completes[3]?.clientToken);
  });

  it('starts over after a definite refusal of Complete the first time', async () => {
    const { uploader, fake } = fakeUploader();
    fake.fail('complete', new UploadError('validation', 'Amazon Connect answered 400 ValidationException.', { status: 400 }), 'a.txt');
    const failed = nextEvent(uploader, 'attachment-error');
    uploader.upload([text('a.txt')]);
    const { detail } = await failed;
    const completed = nextEvent(uploader, 'attachment-completed');
    uploader.retry(detail.uploadId);
    await completed;
    expect(fake.callsOf('start', 'a.txt')).to.have.length(2);
  });
});

/** A Start answer signed by a server whose clock is `skewMs` away from the page's. */
function skewedSteps(skewMs: number, calls: string[]): UploadSteps {
  return {
    async start(): Promise<StartedUpload> {
      calls.push('start');
      const serverNow = Date.now() + skewMs;
      const date = new Date(serverNow).toISOString().replace(/[-:]|\.\d+/g, '');
      return {
        attachmentId: `att-${calls.length}`,
        url: `https://bucket.s3.amazonaws.com/key?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=${date}&X-Amz-Expires=300&X-Amz-Signature=ab`,
        urlExpiry: new Date(serverNow + 300_000),
        headers: {},
      };
    },
    async put() {
      calls.push('put');
    },
    async complete() {
      calls.push('complete');
    },
  };
}

describe('Hardening: the page clock', () => {
  for (const minutes of [10, -10]) {
    it(`uploads when the page clock is ${Math.abs(minutes)} minutes ${minutes > 0 ? 'fast' : 'slow'}`, async () => {
      const calls: string[] = [];
      const pageNow = () => Date.now() + minutes * 60_000;
      // The server's clock is right; the page's is off by `minutes`.
      const file = new File(['x'], 'a.txt', { type: 'text/plain' });
      await uploadFile({ file, contentType: 'text/plain' }, skewedSteps(0, calls), new AbortController().signal, {}, { now: pageNow });
      expect(calls).to.deep.equal(['start', 'put', 'complete']);
    });
  }

  it('still judges a URL expired once its lifetime passed since it arrived, whatever the clocks say', async () => {
    const calls: string[] = [];
    let elapsed = 0;
    const steps = skewedSteps(-3_600_000, calls);
    const put = steps.put;
    steps.put = async (request) => {
      if (calls.filter((call) => call === 'put').length === 0 && elapsed === 0) {
        elapsed = 400_000; // the first PUT attempt fails and the retry comes after the URL's 300 s
        calls.push('put-failed');
        throw new UploadError('server-error', 'S3 500', { status: 500 });
      }
      return put(request);
    };
    const file = new File(['x'], 'a.txt', { type: 'text/plain' });
    await uploadFile(
      { file, contentType: 'text/plain' },
      steps,
      new AbortController().signal,
      {},
      {
        now: () => Date.now() + elapsed,
        retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 },
      },
    );
    expect(calls).to.deep.equal(['start', 'put-failed', 'start', 'put', 'complete']);
  });
});

describe('Hardening: hostile answers', () => {
  for (const name of ['X-HTTP-Method-Override', 'x-method-override', 'X-HTTP-Method', '__proto__']) {
    it(`refuses an upload that asks for the header "${name}"`, () => {
      const headers = JSON.parse(`{"Content-Type":"text/plain","${name}":"DELETE"}`) as Record<string, string>;
      expect(() => headersForPut(headers, 1))
        .to.throw(UploadError)
        .with.property('code', 'bad-response');
    });
  }

  it('still sees a "__proto__" header after the answer went through the wire schema', () => {
    const body = JSON.parse(
      '{"AttachmentId":"a","UploadMetadata":{"Url":"https://s3.example/k","UrlExpiry":"2030-01-01T00:00:00Z","HeadersToInclude":{"__proto__":"x"}}}',
    ) as unknown;
    const parsed = startAttachmentUploadResponse.parse(body);
    expect(() => headersForPut(parsed.UploadMetadata.HeadersToInclude, 1))
      .to.throw(UploadError)
      .with.property('code', 'bad-response');
  });

  it('calls an answer to CreateParticipantConnection without ConnectionCredentials unreadable, naming the field', async () => {
    const client = new AcpsClient('https://participant.example.test', {
      fetch: async () => new Response('{"Websocket":{}}', { status: 200 }),
    });
    const error = await client.createParticipantConnection('participant').catch((caught: unknown) => caught);
    expect(error).to.include({ code: 'bad-response' });
    expect((error as Error).message).to.contain('ConnectionCredentials');
  });

  it('refuses two header names that differ only in case instead of merging them', () => {
    expect(() => headersForPut({ 'Content-Type': 'text/plain', 'content-type': 'text/html' }, 1))
      .to.throw(UploadError)
      .with.property('code', 'bad-response');
  });

  it('sends a signed value above U+00FF as its UTF-8 bytes, one Latin-1 character each', () => {
    const name = 'attachment; filename="報告 ü.pdf"';
    const [[, value] = ['', '']] = headersForPut({ 'Content-Disposition': name }, 1);
    const bytes = Uint8Array.from(value, (char) => char.charCodeAt(0));
    expect(new TextDecoder().decode(bytes)).to.equal(name);
    expect(/^[\x20-\xff]*$/.test(value)).to.equal(true);
  });

  it('keeps at most about 1 KB of an error message from ACPS or S3', () => {
    const huge = 'A'.repeat(5_000_000);
    const acps = decodeAwsError(400, null, JSON.stringify({ message: huge, __type: `X${huge}` }));
    expect(acps.message.length).to.be.at.most(1100);
    expect((acps.awsType ?? '').length).to.be.at.most(128);
    const s3 = decodeS3Error(403, `<Error><Code>${huge}</Code><Message>${huge}</Message></Error>`);
    expect(s3.message.length).to.be.at.most(1100);
    expect((s3.awsType ?? '').length).to.be.at.most(128);
  });
});

describe('Hardening: odd files', () => {
  it('shortens a 1,000,000-character name in one step, keeping the extension', () => {
    // No timing asserted: the old loop, quadratic in the length, would not finish within the test's time.
    const name = `${'ab😀'.repeat(250_000)}.pdf`;
    const short = attachmentNameOf(name);
    expect(short.length).to.be.at.most(256);
    expect(short.endsWith('.pdf')).to.equal(true);
    expect(/[\uD800-\uDBFF]$/.test(short.slice(0, -4))).to.equal(false, 'no half emoji');
  });

  it('refuses a .png whose type says it is a program: both the extension and the type must be allowed', () => {
    const file = new File(['MZ'], 'photo.png', { type: 'application/x-msdownload' });
    expect(checkFile(file)).to.include({ ok: false, reason: 'file-type' });
    expect(checkFile(new File(['x'], 'photo.png', { type: 'image/png' }))).to.include({ ok: true });
    // A CSV that Windows labels as Excel is still a chat file type.
    expect(checkFile(new File(['x'], 'table.csv', { type: 'application/vnd.ms-excel' }))).to.include({ ok: true });
    // An extension the page added itself, which the chat list cannot map, is judged by the page's accept.
    expect(checkFile(new File(['x'], 'a.zip', { type: 'application/zip' }), allowanceOf({ accept: '.zip' }))).to.include({ ok: true });
    expect(checkFile(new File(['x'], 'a.png', { type: 'image/png' }), allowanceOf({ accept: 'image/*' }))).to.include({ ok: true });
    expect(checkFile(new File(['x'], 'a.exe', { type: 'image/png' }), allowanceOf({ accept: 'image/*' }))).to.include({ ok: false });
  });
});
