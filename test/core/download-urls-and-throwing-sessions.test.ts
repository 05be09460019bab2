/**
 * The headless core against a hostile GetAttachment answer and a chat session that throws: a
 * download URL the page would open is held to the upload URL's rule (https; http on loopback only),
 * and a session whose getChatDetails() throws is the page's set-up failing (`config`), not the
 * network. Each test failed before the fix it guards.
 */
import { expect } from '@open-wc/testing';
import { AcpsClient } from '../../src/api/acps.js';
import { UploadError } from '../../src/api/errors.js';
import type { ChatSessionLike } from '../../src/pipeline/chat-session.js';
import { AttachmentUploader } from '../../src/pipeline/uploader.js';
import { FAKE_ENDPOINT, TOKEN, created, fakeUploader, nextEvent, online, text, typesOf } from '../helpers/fake-connect.js';

/** An uploader whose GetAttachment goes through the real wire layer, answered with `url`. */
function uploaderAnswering(url: string) {
  const answer: typeof fetch = async () =>
    new Response(JSON.stringify({ Url: url, UrlExpiry: new Date(Date.now() + 60_000).toISOString(), AttachmentSizeInBytes: 1 }), {
      status: 200,
      headers: { 'Content-Type': 'application/json' },
    });
  const transport = {
    acps: (endpoint: string, timeoutMs: number) => new AcpsClient(endpoint, { timeoutMs, fetch: answer }),
    put: () => Promise.reject(new Error('no PUT in these tests')),
  };
  const uploader = new AttachmentUploader({ token: TOKEN, endpoint: FAKE_ENDPOINT }, { transport, connectivity: online });
  created.push(uploader);
  return uploader;
}

describe('Hardening: the download URL GetAttachment gives', () => {
  for (const url of [
    'javascript:alert(document.domain)',
    'data:text/html,<script>alert(document.domain)</script>',
    'http://attacker.example/att-1',
    'http://127.0.0.1.attacker.example/att-1',
    'ftp://s3.example.com/att-1',
    'not a url',
  ]) {
    it(`refuses ${url.slice(0, 40)} with bad-response`, async () => {
      let caught: unknown;
      const got = await uploaderAnswering(url)
        .getAttachmentUrl('att-1')
        .catch((error: unknown) => (caught = error));
      expect(got, 'no URL is handed to the page').to.not.equal(url);
      expect(caught).to.be.instanceOf(UploadError);
      expect((caught as UploadError).code).to.equal('bad-response');
      expect((caught as UploadError).message).to.contain('download URL');
    });
  }

  for (const url of [
    'https://bucket.s3.us-east-1.amazonaws.com/att-1?X-Amz-Signature=abc',
    'http://127.0.0.1:9000/bucket/att-1',
    'http://localhost:9000/bucket/att-1',
  ]) {
    it(`gives ${url} as it came`, async () => {
      expect(await uploaderAnswering(url).getAttachmentUrl('att-1')).to.equal(url);
    });
  }
});

/** A session whose getChatDetails() answers `healthy` times, then throws. */
function sessionThatThrows(healthy: number): ChatSessionLike {
  let calls = 0;
  return {
    getChatDetails: () => {
      calls += 1;
      if (calls > healthy) throw new Error('chat details unavailable');
      return { participantToken: 'participant-1', connectionDetails: { connectionToken: 'session-token-1' } };
    },
    onMessage: () => {},
    onEnded: () => {},
  };
}

describe('Hardening: a chat session that throws', () => {
  // 0: it throws at once; 2: it answers while the file is admitted, then throws when a call reads the token.
  for (const healthy of [0, 2]) {
    it(`reports getChatDetails() throwing ${healthy ? 'once the upload runs' : 'from the start'} as "config", not retried, sending nothing`, async () => {
      const { uploader, fake, events } = fakeUploader({ token: undefined, chatSession: sessionThatThrows(healthy) });
      const failed = nextEvent(uploader, 'attachment-error');
      uploader.upload([text('a.txt')]);
      const { detail } = await failed;
      expect(detail).to.include({ code: 'config', stage: 'start', retryable: false });
      expect(detail.message).to.contain('chat session');
      expect(typesOf(events)).to.not.include('attachment-retry');
      expect(fake.calls, 'nothing reached Connect').to.have.length(0);
    });
  }

  it('rejects getAttachmentUrl with "config" too', async () => {
    const { uploader } = fakeUploader({ token: undefined, chatSession: sessionThatThrows(0) });
    let caught: unknown;
    await uploader.getAttachmentUrl('att-1').catch((error: unknown) => (caught = error));
    expect((caught as UploadError).code).to.equal('config');
  });
});
