/** What goes wrong, against the stand-in: each failure has its code and stage, and nothing half-done reaches the chat. */
import { expect } from '@open-wc/testing';
import { delay, mount, settled } from '../helpers/element.js';
import { type Fault, makeFile, standIn } from '../helpers/stand-in.js';

afterEach(async () => (await standIn()).clearFaults());

/** How many CompleteAttachmentUpload requests reached the stand-in so far (test files run one at a time). */
async function completeCalls(): Promise<number> {
  const { requests } = await (await standIn()).state();
  return requests.filter((request) => request.method === 'POST' && request.url.includes('complete-attachment-upload')).length;
}

const acpsErrors: Array<[number, string, string]> = [
  [400, 'ValidationException', 'validation'],
  [402, 'ServiceQuotaExceededException', 'quota-exceeded'],
  [403, 'AccessDeniedException', 'access-denied'],
  [409, 'ConflictException', 'conflict'],
  [429, 'ThrottlingException', 'throttled'],
  [500, 'InternalServerException', 'server-error'],
];

describe('<connect-attachment-upload> failures', () => {
  it('rejects each invalid file with its reason and sends nothing', async () => {
    const { el, stand, events } = await mount((el) => {
      el.maxFileSize = 1000;
      el.maxFiles = 1;
      el.manual = true; // the one valid file stays queued, so every request would come from a rejected one
    });
    const before = (await stand.state()).requests.length;
    el.upload([
      new File([], 'empty.txt', { type: 'text/plain' }),
      makeFile('tool.exe', 10, 'application/x-msdownload'),
      makeFile('huge.pdf', 1001, 'application/pdf'),
      makeFile('one.txt', 10),
      makeFile('two.txt', 10),
    ]);
    await delay(100);
    const rejects = events.filter((event) => event.type === 'attachment-reject').map((event) => event.detail);
    expect(rejects.map((detail) => [(detail['file'] as File).name, detail['reason']])).to.deep.equal([
      ['empty.txt', 'empty-file'],
      ['tool.exe', 'file-type'],
      ['huge.pdf', 'file-too-large'],
      ['two.txt', 'too-many-files'],
    ]);
    for (const detail of rejects) expect(detail['message']).to.be.a('string').and.not.empty;
    const after = (await stand.state()).requests.length;
    expect(after - before).to.equal(0, 'no request for rejected files');
    expect(el.uploads.map((upload) => [upload.file.name, upload.state])).to.deep.equal([['one.txt', 'queued']]);
  });

  it('drops a file whose attachment-select was cancelled by the page', async () => {
    const { el, chat, stand } = await mount();
    el.addEventListener('attachment-select', (event) => event.preventDefault(), { once: true });
    el.upload([makeFile('vetoed.txt', 10)]);
    await delay(100);
    expect(el.uploads).to.have.length(0);
    expect(await stand.attachments(chat.contactId)).to.have.length(0);
  });

  for (const route of ['start-attachment-upload', 'complete-attachment-upload'] as const) {
    const stage = route === 'start-attachment-upload' ? 'start' : 'complete';
    for (const [status, errorType, code] of acpsErrors) {
      it(`maps ${status} ${errorType} from ${route} to "${code}" at stage "${stage}"`, async () => {
        const { el, chat, stand, events } = await mount((el) => (el.retryPolicy = { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 }));
        await stand.setFaults([{ route, status, errorType, message: `injected ${errorType}`, times: 1 }]);
        el.upload([makeFile('a.txt', 100)]);
        await settled(el);
        const error = events.find((event) => event.type === 'attachment-error')?.detail;
        expect(error).to.include({ stage, code, status });
        expect(error?.['message']).to.contain(`injected ${errorType}`);
        const attachments = await stand.attachments(chat.contactId);
        if (stage === 'complete') {
          expect(error?.['attachmentId']).to.equal(attachments[0]?.attachmentId);
          expect(attachments[0]?.completeCount).to.equal(0);
        } else {
          expect(attachments).to.have.length(0);
        }
      });
    }

    it(`maps a ${route} body that fails the schema to "bad-response"`, async () => {
      const { el, stand, events } = await mount();
      await stand.setFaults([{ route, badBody: true, times: 1 }]);
      el.upload([makeFile('a.txt', 100)]);
      await settled(el);
      // Complete answers with an empty body, so the stand-in's bad body there is one that is not JSON.
      const error = events.find((event) => event.type === 'attachment-error')?.detail;
      expect(error).to.include({ stage, code: 'bad-response', retryable: false });
    });
  }

  it('retries a throttled Start, fires attachment-retry, and completes once', async () => {
    const { el, chat, stand, events } = await mount();
    await stand.setFaults([{ route: 'start-attachment-upload', status: 429, errorType: 'ThrottlingException', times: 1 }]);
    el.upload([makeFile('a.txt', 100)]);
    await settled(el);
    expect(events.find((event) => event.type === 'attachment-retry')?.detail).to.include({
      stage: 'start',
      attempt: 2,
      code: 'throttled',
    });
    const attachments = await stand.attachments(chat.contactId);
    expect(attachments).to.have.length(1);
    expect(attachments[0]).to.include({ status: 'completed', completeCount: 1 });
  });

  const putFailures: Array<[string, Fault, string]> = [
    ['S3 answers 403 AccessDenied', { route: 's3-put', status: 403, errorType: 'AccessDenied', times: 1 }, 'upload-rejected'],
    ['the signature does not match', { route: 'start-attachment-upload', badSignature: true, times: 1 }, 'upload-rejected'],
  ];
  for (const [what, fault, code] of putFailures) {
    it(`never calls Complete when ${what}`, async () => {
      const { el, chat, stand, events } = await mount();
      await stand.setFaults([fault]);
      const completesBefore = await completeCalls();
      el.upload([makeFile('a.txt', 5_000)]);
      await settled(el);
      const error = events.find((event) => event.type === 'attachment-error')?.detail;
      expect(error).to.include({ stage: 'upload', code });
      expect(events.some((event) => event.type === 'attachment-uploaded')).to.equal(false);
      const [attachment] = await stand.attachments(chat.contactId);
      expect(attachment).to.include({ status: 'started', completeCount: 0 });
      expect(await completeCalls()).to.equal(completesBefore, 'no CompleteAttachmentUpload request was sent');
      await el.updateComplete;
      expect(el.shadowRoot?.querySelector('[part=error]')?.textContent).to.not.be.empty;
    });
  }

  it('cancel during the PUT aborts it and never calls Complete', async () => {
    const { el, chat, stand, events } = await mount();
    await stand.setFaults([{ route: 's3-put', slowBytesPerSecond: 256 * 1024, times: 1 }]);
    const completesBefore = await completeCalls();
    el.upload([makeFile('slow.mp4', 8 * 1024 * 1024, 'video/mp4')]);
    await new Promise((resolve) => el.addEventListener('attachment-started', resolve, { once: true }));
    await delay(300);
    expect(el.uploads[0]?.state).to.equal('uploading');
    el.cancel(el.uploads[0]?.uploadId);
    await delay(800);
    const abort = events.find((event) => event.type === 'attachment-abort')?.detail;
    expect(abort).to.include({ stage: 'upload' });
    expect(events.some((event) => event.type === 'attachment-uploaded' || event.type === 'attachment-completed')).to.equal(false);
    const [attachment] = await stand.attachments(chat.contactId);
    expect(abort?.['attachmentId']).to.equal(attachment?.attachmentId);
    expect(attachment).to.include({ status: 'started', completeCount: 0 });
    expect(attachment?.stored, 'S3 kept no partial object').to.equal(null);
    expect(await completeCalls()).to.equal(completesBefore, 'no CompleteAttachmentUpload request was sent');
  });

  it('fails with "config" and sends nothing when the token or a secure endpoint is missing', async () => {
    const cases: Array<[string, (el: HTMLElement & { token?: string; endpoint?: string }) => void]> = [
      ['no token', (el) => (el.token = undefined)],
      ['http endpoint off loopback', (el) => (el.endpoint = 'http://participant.example.com')],
    ];
    for (const [what, configure] of cases) {
      const { el, stand, events } = await mount(configure);
      const before = (await stand.state()).requests.length;
      el.upload([makeFile('a.txt', 10)]);
      await settled(el);
      expect(events.find((event) => event.type === 'attachment-error')?.detail, what).to.include({ code: 'config', stage: 'start' });
      expect((await stand.state()).requests.length, what).to.equal(before);
    }
  });

  it('offers a retry for a retryable failure, and the retry completes', async () => {
    const { el, chat, stand } = await mount((el) => (el.retryPolicy = { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 }));
    await stand.setFaults([{ route: 's3-put', status: 503, errorType: 'SlowDown', times: 1 }]);
    el.upload([makeFile('a.txt', 100)]);
    await settled(el);
    expect(el.uploads[0]?.error).to.include({ code: 'server-error', stage: 'upload', retryable: true });
    await el.updateComplete;
    const retry = el.shadowRoot?.querySelector<HTMLButtonElement>('button[aria-label="Retry a.txt"]');
    expect(retry, 'a retry button named with the file').to.exist;
    retry?.click();
    await settled(el);
    expect(el.uploads[0]?.state).to.equal('done');
    const completed = (await stand.attachments(chat.contactId)).filter((attachment) => attachment.status === 'completed');
    expect(completed).to.have.length(1);
  });
});
