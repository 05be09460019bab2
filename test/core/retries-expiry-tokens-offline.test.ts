/**
 * The headless `AttachmentUploader` when things go wrong: which failures it retries and with which
 * ClientToken, upload URLs that expire, tokens that are refused and renewed, the browser going
 * offline, and a page that switches chats between uploads. On a fake transport (the ACPS and S3
 * calls the uploader makes, failed or held on demand), except the two timeouts, which the real
 * transport enforces: those run against the local stand-in. Cancelling is in uploader.test.ts.
 */
import { expect } from '@open-wc/testing';
import { UploadError } from '../../src/api/errors.js';
import { AttachmentRetryEvent, AttachmentStartedEvent } from '../../src/pipeline/events.js';
import { AttachmentUploader } from '../../src/pipeline/uploader.js';
import {
  FAKE_ENDPOINT,
  FAST,
  FakeConnect,
  TOKEN,
  created,
  fakeUploader,
  macrotask,
  namesOf,
  record,
  settled,
  text,
  typesOf,
} from '../helpers/fake-connect.js';
import { standIn } from '../helpers/stand-in.js';

afterEach(async () => (await standIn()).clearFaults());

const throttled = () => new UploadError('throttled', 'Amazon Connect answered 429 ThrottlingException.', { status: 429 });
const urlExpired = () => new UploadError('url-expired', 'S3 answered 403 AccessDenied: Request has expired.', { status: 403 });
const clientTokens = (fake: FakeConnect, step: 'start' | 'complete') => fake.callsOf(step).map((call) => call.clientToken);
const retries = (events: Event[]) => events.filter((event): event is AttachmentRetryEvent => event instanceof AttachmentRetryEvent);
const startedIds = (events: Event[]) =>
  events.flatMap((event) => (event instanceof AttachmentStartedEvent ? [event.detail.attachmentId] : []));

describe('AttachmentUploader retries', () => {
  it('retries a throttled Start with the same ClientToken, says so with each attempt, and completes once', async () => {
    const { uploader, fake, events } = fakeUploader();
    fake.fail('start', throttled(), 'a.txt', 2);
    uploader.upload([text('a.txt')]);
    await settled(uploader);
    expect(clientTokens(fake, 'start')).to.have.length(3);
    expect(new Set(clientTokens(fake, 'start')).size).to.equal(1, 'one ClientToken for every try');
    expect(retries(events).map((event) => [event.detail.attempt, event.detail.stage, event.detail.code])).to.deep.equal([
      [2, 'start', 'throttled'],
      [3, 'start', 'throttled'],
    ]);
    expect(fake.callsOf('complete')).to.have.length(1);
    expect(uploader.uploads[0]?.state).to.equal('done');
  });

  it('retries Complete on its own with the same ClientToken: the bytes go once', async () => {
    const { uploader, fake } = fakeUploader();
    fake.fail('complete', new UploadError('server-error', 'Amazon Connect answered 500.', { status: 500 }), 'a.txt');
    uploader.upload([text('a.txt')]);
    await settled(uploader);
    expect(clientTokens(fake, 'complete')).to.have.length(2);
    expect(new Set(clientTokens(fake, 'complete')).size).to.equal(1);
    expect(fake.callsOf('put')).to.have.length(1, 'one PUT');
    expect(fake.callsOf('start')).to.have.length(1, 'one Start');
    expect(uploader.uploads[0]?.state).to.equal('done');
  });

  it('retries a PUT after S3 fails or the connection drops, then completes once', async () => {
    const { uploader, fake, events } = fakeUploader();
    fake.fail('put', new UploadError('server-error', 'S3 answered 503 SlowDown.', { status: 503 }), 'a.txt');
    fake.fail('put', new UploadError('network', 'The connection to S3 was lost.'), 'a.txt');
    uploader.upload([text('a.txt', 50_000)]);
    await settled(uploader);
    expect(fake.callsOf('put')).to.have.length(3);
    expect(retries(events).map((event) => `${event.detail.stage}:${event.detail.code}`)).to.deep.equal([
      'upload:server-error',
      'upload:network',
    ]);
    expect(fake.callsOf('complete')).to.have.length(1);
    expect(uploader.uploads[0]?.state).to.equal('done');
  });

  for (const [status, code] of [
    [400, 'validation'],
    [402, 'quota-exceeded'],
    [409, 'conflict'],
    [403, 'access-denied'],
  ] as const) {
    it(`does not retry "${code}" (${status})`, async () => {
      const { uploader, fake, events } = fakeUploader();
      fake.fail('start', new UploadError(code, `Amazon Connect answered ${status}.`, { status }), 'a.txt', 3);
      uploader.upload([text('a.txt')]);
      await settled(uploader);
      expect(fake.callsOf('start')).to.have.length(1);
      expect(retries(events)).to.have.length(0);
      expect(uploader.uploads[0]?.error).to.include({ code, retryable: false, stage: 'start' });
      expect(typesOf(events).at(-1)).to.equal('attachment-error');
    });
  }
});

describe('AttachmentUploader timeouts, on the real transport', () => {
  /** An uploader on the real transport, against a new chat on the local stand-in. */
  async function standInUploader(settings: { requestTimeoutMs?: number; stallTimeoutMs?: number }) {
    const stand = await standIn();
    const chat = await stand.createChat();
    const uploader = new AttachmentUploader({ endpoint: stand.endpoint, token: chat.connectionToken, retryPolicy: FAST, ...settings });
    created.push(uploader);
    return { uploader, stand, chat, events: record(uploader) };
  }

  it('times out a silent ACPS call and retries it; the ClientToken makes the late one harmless', async () => {
    const { uploader, stand, chat, events } = await standInUploader({ requestTimeoutMs: 300 });
    await stand.setFaults([{ route: 'start-attachment-upload', delayMs: 1500, times: 1 }]);
    uploader.upload([text('a.txt')]);
    await settled(uploader, 10_000);
    expect(retries(events)[0]?.detail).to.include({ stage: 'start', code: 'timeout' });
    expect(uploader.uploads[0]?.state).to.equal('done');
    // The timed-out Start may still have been processed: its ClientToken made the retry return the same attachment.
    expect((await stand.attachments(chat.contactId)).filter((a) => a.status === 'completed')).to.have.length(1);
  });

  it('aborts a stalled PUT and retries it', async () => {
    const { uploader, stand, chat, events } = await standInUploader({ stallTimeoutMs: 400 });
    await stand.setFaults([{ route: 's3-put', delayMs: 3000, times: 1 }]);
    uploader.upload([text('a.txt', 1_000)]);
    await settled(uploader, 10_000);
    expect(retries(events)[0]?.detail).to.include({ stage: 'upload', code: 'timeout' });
    expect((await stand.attachments(chat.contactId))[0]).to.include({ status: 'completed', completeCount: 1 });
  });
});

describe('AttachmentUploader upload URL expiry', () => {
  it('restarts from Start with a new ClientToken when S3 says the URL expired, and never completes the dead attachment', async () => {
    const { uploader, fake, events } = fakeUploader();
    fake.fail('put', urlExpired(), 'a.txt');
    uploader.upload([text('a.txt', 2_000)]);
    await settled(uploader);
    const started = startedIds(events);
    expect(started).to.have.length(2);
    expect(retries(events)[0]?.detail).to.include({ stage: 'upload', code: 'url-expired' });
    expect(new Set(clientTokens(fake, 'start')).size).to.equal(2, 'a new ClientToken for the new Start');
    expect(fake.callsOf('complete')).to.have.length(1, 'only the live attachment is completed');
    expect(uploader.uploads[0]).to.include({ state: 'done', attachmentId: started[1] });
  });

  it('gives up with "url-expired" after a bounded number of restarts, completing nothing', async () => {
    const { uploader, fake } = fakeUploader();
    fake.fail('put', urlExpired(), 'a.txt', Infinity);
    uploader.upload([text('a.txt', 2_000)]);
    await settled(uploader);
    expect(uploader.uploads[0]?.error).to.include({ code: 'url-expired', stage: 'upload' });
    expect(fake.callsOf('start')).to.have.length(3, 'the first Start and two restarts');
    expect(fake.callsOf('complete')).to.have.length(0);
  });
});

describe('AttachmentUploader offline', () => {
  it('holds the queue while the browser is offline and resumes on "online"', async () => {
    const fake = new FakeConnect();
    // The browser's own connectivity (navigator.onLine and the window's events), not a fake one.
    const uploader = new AttachmentUploader({ token: TOKEN, endpoint: FAKE_ENDPOINT, retryPolicy: FAST }, { transport: fake.transport });
    created.push(uploader);
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    try {
      window.dispatchEvent(new Event('offline'));
      uploader.upload([text('a.txt')]);
      await macrotask();
      expect(fake.calls).to.have.length(0, 'nothing starts while offline');
      expect(uploader.uploads[0]?.state).to.equal('queued');
    } finally {
      delete (navigator as { onLine?: boolean }).onLine;
    }
    window.dispatchEvent(new Event('online'));
    await settled(uploader);
    expect(uploader.uploads[0]?.state).to.equal('done');
    expect(namesOf(fake.callsOf('complete'))).to.deep.equal(['a.txt']);
  });
});

describe('AttachmentUploader token lifecycle', () => {
  it('asks tokenProvider once for several files when no token is set', async () => {
    let calls = 0;
    const { uploader, fake } = fakeUploader({
      token: undefined,
      tokenProvider: async () => {
        calls++;
        return TOKEN;
      },
    });
    uploader.upload([text('a.txt'), text('b.txt')]);
    await settled(uploader);
    expect(uploader.uploads.map((upload) => upload.state)).to.deep.equal(['done', 'done']);
    expect(calls).to.equal(1, 'one token for both files');
    expect(fake.callsOf('start').map((call) => call.token)).to.deep.equal([TOKEN, TOKEN]);
  });

  it('asks tokenProvider once after the token it was given is refused, then goes on with the new one', async () => {
    let calls = 0;
    const { uploader, fake } = fakeUploader({
      token: 'expired-token',
      tokenProvider: () => {
        calls++;
        return TOKEN;
      },
    });
    fake.refuse('expired-token');
    uploader.upload([text('a.txt')]);
    await settled(uploader);
    expect(uploader.uploads[0]?.state).to.equal('done');
    expect(calls).to.equal(1);
    expect(fake.callsOf('start').map((call) => call.token)).to.deep.equal(['expired-token', TOKEN]);
  });

  it('gives up with access-denied when the renewed token is refused too', async () => {
    let calls = 0;
    const { uploader, fake } = fakeUploader({
      token: 'expired-token',
      tokenProvider: () => {
        calls++;
        return 'still-wrong';
      },
    });
    fake.refuse('expired-token');
    fake.refuse('still-wrong');
    uploader.upload([text('a.txt')]);
    await settled(uploader);
    expect(uploader.uploads[0]?.error).to.include({ code: 'access-denied', stage: 'start' });
    expect(calls).to.equal(1, 'renewed once, not in a loop');
  });

  it('gets its own ConnectionToken from a ParticipantToken, and a new one after a 403', async () => {
    const { uploader, fake } = fakeUploader({ token: undefined, participantToken: 'participant-1' });
    uploader.upload([text('a.txt')]);
    await settled(uploader);
    expect(uploader.uploads[0]?.state).to.equal('done');
    expect(fake.connections).to.deep.equal([{ endpoint: FAKE_ENDPOINT, participantToken: 'participant-1' }]);
    expect(fake.callsOf('start', 'a.txt')[0]?.token).to.equal('connection-of-participant-1');

    fake.fail('start', new UploadError('access-denied', 'Amazon Connect answered 403 AccessDeniedException.', { status: 403 }), 'b.txt');
    uploader.upload([text('b.txt')]);
    await settled(uploader);
    expect(uploader.uploads[1]?.state).to.equal('done');
    expect(fake.connections).to.have.length(2, 'renewed after the 403');
    expect(fake.callsOf('start', 'b.txt').map((call) => call.token)).to.deep.equal([
      'connection-of-participant-1',
      'connection-of-participant-1-2',
    ]);
  });
});

describe('AttachmentUploader switching chats', () => {
  it('sends the next upload to the endpoint and token its settings hold when it is given, in the same task', async () => {
    const { uploader, fake, settings } = fakeUploader();
    uploader.upload([text('first.txt')]);
    await settled(uploader);
    settings.endpoint = 'https://participant.other.test';
    settings.token = 'other-chat-token';
    uploader.upload([text('second.txt')]);
    await settled(uploader);
    expect(uploader.uploads.map((upload) => upload.state)).to.deep.equal(['done', 'done']);
    expect(fake.callsOf('start').map((call) => `${call.name} ${call.endpoint} ${call.token}`)).to.deep.equal([
      `first.txt ${FAKE_ENDPOINT} ${TOKEN}`,
      'second.txt https://participant.other.test other-chat-token',
    ]);
  });
});
