/** Retries, idempotency, URL expiry, timeouts, offline, token renewal and cancel, against the stand-in. */
import { expect, waitUntil } from '@open-wc/testing';
import { delay, mount, settled } from './helpers/element.js';
import { type RecordedRequest, makeFile, standIn } from './helpers/stand-in.js';

afterEach(async () => (await standIn()).clearFaults());

/** The requests the stand-in saw since `since` (test files run one at a time). */
async function requestsSince(since: number, path: string, method = 'POST'): Promise<RecordedRequest[]> {
  const { requests } = await (await standIn()).state();
  return requests.filter((request) => request.at >= since && request.method === method && request.url.includes(path));
}

const clientTokens = (requests: RecordedRequest[]) => requests.map((request) => request.body?.['ClientToken']);

describe('retries', () => {
  it('retries a throttled Start with the same ClientToken on the wire', async () => {
    const { el, chat, stand, events } = await mount();
    await stand.setFaults([{ route: 'start-attachment-upload', status: 429, errorType: 'ThrottlingException', times: 2 }]);
    const since = Date.now();
    el.upload([makeFile('a.txt', 100)]);
    await settled(el);
    const starts = await requestsSince(since, 'start-attachment-upload');
    expect(starts).to.have.length(3);
    expect(new Set(clientTokens(starts)).size).to.equal(1, 'one ClientToken for every try');
    expect(events.filter((event) => event.type === 'attachment-retry').map((event) => event.detail['attempt'])).to.deep.equal([2, 3]);
    expect(await stand.attachments(chat.contactId)).to.have.length(1);
  });

  it('retries Complete on its own with the same ClientToken; the bytes go once', async () => {
    const { el, chat, stand } = await mount();
    await stand.setFaults([{ route: 'complete-attachment-upload', status: 500, errorType: 'InternalServerException', times: 1 }]);
    const since = Date.now();
    el.upload([makeFile('a.txt', 100)]);
    await settled(el);
    const completes = await requestsSince(since, 'complete-attachment-upload');
    expect(completes).to.have.length(2);
    expect(new Set(clientTokens(completes)).size).to.equal(1);
    expect(await requestsSince(since, 'staging/', 'PUT')).to.have.length(1, 'one PUT');
    expect((await stand.attachments(chat.contactId))[0]).to.include({ completeCount: 1, status: 'completed' });
  });

  it('retries a PUT after S3 fails or the connection drops', async () => {
    const { el, chat, stand } = await mount();
    await stand.setFaults([
      { route: 's3-put', status: 503, errorType: 'SlowDown', times: 1 },
      { route: 's3-put', reset: true, times: 2 },
    ]);
    el.upload([makeFile('a.txt', 50_000)]);
    await settled(el);
    expect(el.uploads[0]?.state).to.equal('done');
    expect((await stand.attachments(chat.contactId))[0]).to.include({ completeCount: 1 });
  });

  for (const [status, errorType, code] of [
    [400, 'ValidationException', 'validation'],
    [402, 'ServiceQuotaExceededException', 'quota-exceeded'],
    [409, 'ConflictException', 'conflict'],
    [403, 'AccessDeniedException', 'access-denied'],
  ] as const) {
    it(`does not retry ${errorType} (${code})`, async () => {
      const { el, stand, events } = await mount();
      await stand.setFaults([{ route: 'start-attachment-upload', status, errorType, times: 3 }]);
      const since = Date.now();
      el.upload([makeFile('a.txt', 100)]);
      await settled(el);
      expect(await requestsSince(since, 'start-attachment-upload')).to.have.length(1);
      expect(events.some((event) => event.type === 'attachment-retry')).to.equal(false);
      expect(el.uploads[0]?.error).to.include({ code, retryable: false });
    });
  }

  it('times out a silent ACPS call and retries it', async () => {
    const { el, chat, stand, events } = await mount((el) => (el.requestTimeoutMs = 300));
    await stand.setFaults([{ route: 'start-attachment-upload', delayMs: 1500, times: 1 }]);
    el.upload([makeFile('a.txt', 100)]);
    await settled(el);
    expect(events.find((event) => event.type === 'attachment-retry')?.detail).to.include({ stage: 'start', code: 'timeout' });
    expect(el.uploads[0]?.state).to.equal('done');
    // The timed-out Start may still have been processed: its ClientToken made the retry return the same attachment.
    expect((await stand.attachments(chat.contactId)).filter((a) => a.status === 'completed')).to.have.length(1);
  });

  it('aborts a stalled PUT and retries it', async () => {
    const { el, chat, stand, events } = await mount((el) => (el.stallTimeoutMs = 400));
    await stand.setFaults([{ route: 's3-put', delayMs: 3000, times: 1 }]);
    el.upload([makeFile('a.txt', 1_000)]);
    await settled(el);
    expect(events.find((event) => event.type === 'attachment-retry')?.detail).to.include({ stage: 'upload', code: 'timeout' });
    expect((await stand.attachments(chat.contactId))[0]).to.include({ status: 'completed', completeCount: 1 });
  });
});

describe('upload URL expiry', () => {
  it('restarts from Start with a new ClientToken when S3 says the URL expired, and never completes the dead id', async () => {
    const { el, chat, stand, events } = await mount();
    await stand.setFaults([{ route: 'start-attachment-upload', expiredUrl: true, times: 1 }]);
    const since = Date.now();
    const file = makeFile('a.txt', 2_000);
    el.upload([file]);
    await settled(el);
    const started = events.filter((event) => event.type === 'attachment-started').map((event) => event.detail['attachmentId']);
    expect(started).to.have.length(2);
    expect(events.find((event) => event.type === 'attachment-retry')?.detail).to.include({ stage: 'upload', code: 'url-expired' });
    const starts = await requestsSince(since, 'start-attachment-upload');
    expect(new Set(clientTokens(starts)).size).to.equal(2, 'a new ClientToken for the new Start');
    const attachments = await stand.attachments(chat.contactId);
    const dead = attachments.find((a) => a.attachmentId === started[0]);
    const live = attachments.find((a) => a.attachmentId === started[1]);
    expect(dead).to.include({ status: 'started', completeRequests: 0 });
    expect(live).to.include({ status: 'completed', completeCount: 1 });
    expect(el.uploads[0]?.attachmentId).to.equal(started[1]);
  });

  it('gives up with "url-expired" after a bounded number of restarts', async () => {
    const { el, chat, stand } = await mount();
    await stand.setFaults([{ route: 'start-attachment-upload', expiredUrl: true, times: -1 }]);
    el.upload([makeFile('a.txt', 2_000)]);
    await settled(el);
    expect(el.uploads[0]?.error).to.include({ code: 'url-expired', stage: 'upload' });
    const attachments = await stand.attachments(chat.contactId);
    expect(attachments).to.have.length(3, 'the first Start and two restarts');
    expect(attachments.every((a) => a.completeRequests === 0)).to.equal(true);
  });
});

describe('offline', () => {
  it('holds the queue while the browser is offline and resumes on "online"', async () => {
    const { el, chat, stand } = await mount();
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    try {
      window.dispatchEvent(new Event('offline'));
      el.upload([makeFile('a.txt', 100)]);
      await delay(300);
      expect(await stand.attachments(chat.contactId)).to.have.length(0, 'nothing starts while offline');
      expect(el.uploads[0]?.state).to.equal('queued');
    } finally {
      delete (navigator as { onLine?: boolean }).onLine;
    }
    window.dispatchEvent(new Event('online'));
    await settled(el);
    expect((await stand.attachments(chat.contactId))[0]).to.include({ status: 'completed' });
  });
});

describe('token lifecycle', () => {
  it('asks tokenProvider when no token is set', async () => {
    const { el, chat, stand } = await mount();
    let calls = 0;
    el.token = undefined;
    el.tokenProvider = async () => {
      calls++;
      return chat.connectionToken;
    };
    el.upload([makeFile('a.txt', 100), makeFile('b.txt', 100)]);
    await settled(el);
    expect(el.uploads.map((upload) => upload.state)).to.deep.equal(['done', 'done']);
    expect(calls).to.equal(1, 'one token for both files');
    expect(await stand.attachments(chat.contactId)).to.have.length(2);
  });

  it('asks tokenProvider once after a 403, then goes on with the new token', async () => {
    const { el, chat } = await mount();
    let calls = 0;
    el.token = 'expired-token';
    el.tokenProvider = () => {
      calls++;
      return chat.connectionToken;
    };
    el.upload([makeFile('a.txt', 100)]);
    await settled(el);
    expect(el.uploads[0]?.state).to.equal('done');
    expect(calls).to.equal(1);
  });

  it('gives up with access-denied when the renewed token is refused too', async () => {
    const { el } = await mount();
    let calls = 0;
    el.token = 'expired-token';
    el.tokenProvider = () => {
      calls++;
      return 'still-wrong';
    };
    el.upload([makeFile('a.txt', 100)]);
    await settled(el);
    expect(el.uploads[0]?.error).to.include({ code: 'access-denied', stage: 'start' });
    expect(calls).to.equal(1, 'renewed once, not in a loop');
  });

  it('gets its own ConnectionToken from participant-token and renews it after a 403', async () => {
    const { el, chat, stand } = await mount();
    el.token = undefined;
    el.participantToken = chat.participantToken;
    const since = Date.now();
    el.upload([makeFile('a.txt', 100)]);
    await settled(el);
    expect(el.uploads[0]?.state).to.equal('done');
    const connections = await requestsSince(since, '/participant/connection');
    expect(connections).to.have.length(1);
    expect(connections[0]?.body).to.deep.equal({ Type: ['CONNECTION_CREDENTIALS'] });

    await stand.setFaults([{ route: 'start-attachment-upload', status: 403, errorType: 'AccessDeniedException', times: 1 }]);
    el.upload([makeFile('b.txt', 100)]);
    await settled(el);
    expect(el.uploads[1]?.state).to.equal('done');
    expect(await requestsSince(since, '/participant/connection')).to.have.length(2, 'renewed after the 403');
    expect(el.getAttribute('participant-token')).to.equal(null);
  });
});

describe('cancel', () => {
  it('cancels a queued file before anything is sent for it', async () => {
    const { el, chat, stand, events } = await mount((el) => (el.concurrency = 1));
    await stand.setFaults([{ route: 's3-put', slowBytesPerSecond: 512 * 1024, times: 1 }]);
    el.upload([makeFile('first.mp4', 2 * 1024 * 1024, 'video/mp4'), makeFile('second.txt', 100)]);
    el.cancel(el.uploads[1]?.uploadId);
    el.cancel(el.uploads[0]?.uploadId);
    await delay(300);
    expect(events.filter((event) => event.type === 'attachment-abort').map((event) => event.detail['stage'])).to.deep.equal([
      'start',
      'start',
    ]);
    const names = (await stand.attachments(chat.contactId)).map((a) => a.name);
    expect(names).to.not.include('second.txt');
  });

  it('cancels during Start: the late answer is never PUT or completed', async () => {
    const { el, stand, events } = await mount();
    await stand.setFaults([{ route: 'start-attachment-upload', delayMs: 600, times: 1 }]);
    const since = Date.now();
    el.upload([makeFile('a.txt', 100)]);
    await delay(150);
    el.cancel();
    await delay(900);
    expect(events.find((event) => event.type === 'attachment-abort')?.detail).to.include({ stage: 'start' });
    expect(await requestsSince(since, 'staging/', 'PUT')).to.have.length(0);
    expect(await requestsSince(since, 'complete-attachment-upload')).to.have.length(0);
    expect(events.some((event) => event.type === 'attachment-started')).to.equal(false);
  });

  it('cancels during Complete and says so', async () => {
    const { el, stand, events } = await mount();
    await stand.setFaults([{ route: 'complete-attachment-upload', delayMs: 800, times: 1 }]);
    el.upload([makeFile('a.txt', 100)]);
    await new Promise((resolve) => el.addEventListener('attachment-uploaded', resolve, { once: true }));
    await delay(100);
    el.cancel();
    expect(events.find((event) => event.type === 'attachment-abort')?.detail).to.include({ stage: 'complete' });
    await delay(900);
    expect(events.some((event) => event.type === 'attachment-completed')).to.equal(false);
    expect(el.uploads[0]?.state).to.equal('cancelled');
  });

  it('cancel() with no argument cancels every running file', async () => {
    const { el, stand, events } = await mount((el) => (el.concurrency = 2));
    await stand.setFaults([{ route: 's3-put', slowBytesPerSecond: 256 * 1024, times: -1 }]);
    el.upload([makeFile('a.mp4', 4_000_000, 'video/mp4', 1), makeFile('b.mp4', 4_000_000, 'video/mp4', 2), makeFile('c.txt', 10)]);
    // Until both big files send bytes (at 256 KiB/s they go on for seconds), however busy the machine.
    await waitUntil(() => el.uploads.filter((upload) => upload.state === 'uploading').length === 2, 'two files uploading', {
      timeout: 15_000,
    });
    el.cancel();
    expect(el.uploads.map((upload) => upload.state)).to.deep.equal(['cancelled', 'cancelled', 'cancelled']);
    const stages = events.filter((event) => event.type === 'attachment-abort').map((event) => event.detail['stage']);
    expect(stages).to.deep.equal(['upload', 'upload', 'start'], 'two uploading, one still queued');
  });
});

describe('switching chats', () => {
  it('sends the next upload to the endpoint and token set just before it, in the same task', async () => {
    const { el, chat, stand } = await mount();
    el.upload([makeFile('first.txt', 10)]);
    await settled(el);
    const other = await stand.createChat();
    // Set and used before any render: nothing may still point at the first chat.
    el.endpoint = stand.endpoint.replace('127.0.0.1', 'localhost');
    el.token = other.connectionToken;
    el.upload([makeFile('second.txt', 10)]);
    await settled(el);
    expect(el.uploads.map((upload) => upload.state)).to.deep.equal(['done', 'done']);
    expect((await stand.attachments(chat.contactId)).map((a) => a.name)).to.deep.equal(['first.txt']);
    expect((await stand.attachments(other.contactId)).map((a) => a.name)).to.deep.equal(['second.txt']);
    const { requests } = await stand.state();
    const start = requests.find((request) => request.body?.['AttachmentName'] === 'second.txt');
    expect(start?.headers['host'], 'the new endpoint was used').to.match(/^localhost:/);
  });
});
