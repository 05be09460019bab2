/**
 * The headless `AttachmentUploader` on its own, never through the element: its events and their
 * order against the local Connect stand-in, and admission, the queue, cancel, retry, tokens and the
 * list it keeps against a fake transport whose calls the test holds, fails or releases.
 */
import { expect } from '@open-wc/testing';
import { UploadError } from '../../src/api/errors.js';
import {
  ATTACHMENT_EVENT_TYPES,
  AttachmentAbortEvent,
  type AttachmentCompletedEvent,
  AttachmentProgressEvent,
  AttachmentRejectEvent,
  AttachmentStartedEvent,
} from '../../src/pipeline/events.js';
import type { UploadInfo, UploadState } from '../../src/pipeline/upload-list.js';
import { AttachmentUploader } from '../../src/pipeline/uploader.js';
import {
  ACTIVE,
  type AttachmentEvent,
  FAKE_ENDPOINT,
  FAST,
  FakeConnect,
  TOKEN,
  created,
  fakeUploader,
  idFor,
  macrotask,
  namesOf,
  nextEvent,
  ofUpload,
  online,
  record,
  settled,
  text,
  typesOf,
} from '../helpers/fake-connect.js';
import { makeFile, sha256Hex, standIn } from '../helpers/stand-in.js';

/** An uploader on the real transport, against a new chat on the local stand-in. */
async function standInUploader() {
  const stand = await standIn();
  const chat = await stand.createChat();
  const uploader = new AttachmentUploader({ endpoint: stand.endpoint, token: chat.connectionToken, retryPolicy: FAST, multiple: true });
  created.push(uploader);
  return { uploader, stand, chat, events: record(uploader) };
}

// --- the tests ----------------------------------------------------------------------------------

describe('AttachmentUploader against the stand-in', () => {
  it("puts a file's exact bytes in S3, completes it once, and fires select, started, progress, uploaded, completed in that order", async () => {
    const { uploader, stand, chat, events } = await standInUploader();
    const file = makeFile('report.pdf', 300_000, 'application/pdf');
    const completed = nextEvent(uploader, 'attachment-completed', undefined, 4_000);
    uploader.upload([file]);
    const { detail } = await completed;

    // Progress may tick any number of times; fold consecutive ticks into one to compare the order.
    const order = typesOf(events).filter((type, i, all) => type !== 'attachment-progress' || all[i - 1] !== type);
    expect(order).to.deep.equal(
      ['attachment-select', 'attachment-started', 'attachment-progress', 'attachment-uploaded', 'attachment-completed'],
      'the stages, in order, each once',
    );
    const uploadId = detail.uploadId;
    expect(events.every((event) => event.detail.uploadId === uploadId && event.detail.file === file)).to.equal(
      true,
      'every event names the same uploadId and the very File',
    );
    const started = events.find((event): event is AttachmentStartedEvent => event instanceof AttachmentStartedEvent);
    expect(started?.detail.attachmentId).to.equal(detail.attachmentId, 'the attachment started is the one completed');
    expect(Date.parse(started?.detail.urlExpiry ?? '')).to.be.greaterThan(Date.now(), 'urlExpiry is a future ISO date');
    const loaded = events.flatMap((event) => (event instanceof AttachmentProgressEvent ? [event.detail.loaded] : []));
    expect(loaded).to.deep.equal(
      [...loaded].sort((a, b) => a - b),
      'progress never goes back',
    );
    expect(events.filter((event) => event instanceof AttachmentProgressEvent).at(-1)?.detail).to.include({
      loaded: file.size,
      total: file.size,
    });

    const attachments = await stand.attachments(chat.contactId);
    expect(attachments).to.have.length(1, 'one attachment in the chat');
    expect(attachments[0]).to.include({
      attachmentId: detail.attachmentId,
      name: 'report.pdf',
      contentType: 'application/pdf',
      status: 'completed',
      completeCount: 1,
      completeRequests: 1,
    });
    expect(attachments[0]?.stored).to.deep.equal(
      { size: file.size, sha256: await sha256Hex(file) },
      'the bytes in S3 are the bytes of the file',
    );
    const { requests } = await stand.state();
    const completes = requests.filter(
      (request) =>
        request.url.includes('complete-attachment-upload') &&
        JSON.stringify(request.body?.['AttachmentIds']) === JSON.stringify([detail.attachmentId]),
    );
    expect(completes).to.have.length(1, 'exactly one Complete on the wire');
    expect(uploader.getUpload(uploadId)).to.include({ state: 'done', attachmentId: detail.attachmentId, loaded: file.size });
    for (const event of events) {
      const { file: _file, ...rest } = event.detail;
      expect(JSON.stringify(rest), event.type).to.not.contain(chat.connectionToken);
    }
  });

  it('drops a file whose attachment-select is cancelled: it is not listed and no Start is sent for it', async () => {
    const { uploader, stand, events } = await standInUploader();
    const tag = crypto.randomUUID().slice(0, 8);
    const dropped = text(`dropped-${tag}.txt`);
    const kept = text(`kept-${tag}.txt`);
    const selects: boolean[] = [];
    uploader.addEventListener('attachment-select', (event) => {
      selects.push(event.cancelable);
      if (event.detail.file === dropped) event.preventDefault();
    });
    // The kept file is the witness: once it is in the chat, the dropped one had every chance to be sent.
    const completed = nextEvent(uploader, 'attachment-completed', undefined, 4_000);
    uploader.upload([dropped, kept]);
    expect(selects).to.deep.equal([true, true], 'attachment-select is cancelable');
    expect(uploader.uploads.map((u) => u.file.name)).to.deep.equal([kept.name], 'the dropped file is not listed');
    await completed;

    const droppedId = events[0]?.detail.uploadId ?? '';
    expect(typesOf(ofUpload(events, droppedId))).to.deep.equal(['attachment-select'], 'nothing more about the dropped file');
    const starts = (await stand.state()).requests.filter((request) => request.url.includes('start-attachment-upload'));
    const named = (name: string) => starts.filter((request) => request.body?.['AttachmentName'] === name);
    expect(named(dropped.name)).to.have.length(0, 'no Start for the dropped file');
    expect(named(kept.name)).to.have.length(1, 'one Start for the kept file');
  });
});

describe('AttachmentUploader admission', () => {
  it('rejects a file of a type the chat does not take and a file over the size limit, and sends nothing', async () => {
    const { uploader, fake, events } = fakeUploader({ maxFileSize: 1_000 });
    const exe = new File([new Uint8Array(10)], 'setup.exe', { type: 'application/x-msdownload' });
    const big = text('big.txt', 1_001);
    uploader.upload([exe, big]);
    await macrotask();

    expect(typesOf(events)).to.deep.equal(['attachment-reject', 'attachment-reject']);
    expect(events.map((event) => event instanceof AttachmentRejectEvent && [event.detail.file, event.detail.reason])).to.deep.equal([
      [exe, 'file-type'],
      [big, 'file-too-large'],
    ]);
    for (const event of events) expect(event.detail.uploadId, 'a rejected file still has an uploadId').to.be.a('string').and.not.empty;
    expect(uploader.uploads).to.have.length(0, 'rejected files are not listed');
    expect(fake.calls).to.have.length(0, 'nothing is sent');
  });

  it('takes one file at a time without multiple, and no more than maxFiles with it', async () => {
    const single = fakeUploader({ multiple: false });
    single.fake.hold('start');
    single.uploader.upload([text('one.txt'), text('two.txt')]);
    expect(single.events.map((event) => `${event.type}:${event.detail.file.name}`)).to.deep.equal([
      'attachment-select:one.txt',
      'attachment-reject:two.txt',
    ]);
    expect(single.events[1] instanceof AttachmentRejectEvent && single.events[1].detail.reason).to.equal('too-many-files');

    const limited = fakeUploader({ multiple: true, maxFiles: 2 });
    limited.fake.hold('start');
    limited.uploader.upload([text('a.txt'), text('b.txt'), text('c.txt')]);
    limited.uploader.upload([text('d.txt')]);
    const rejected = limited.events.flatMap((event) =>
      event instanceof AttachmentRejectEvent ? [`${event.detail.file.name}:${event.detail.reason}`] : [],
    );
    expect(rejected).to.deep.equal(['c.txt:too-many-files', 'd.txt:too-many-files'], 'the list holds two files at most');
    expect(limited.uploader.uploads.map((u) => u.file.name)).to.deep.equal(['a.txt', 'b.txt']);
    await limited.fake.call('start', 'b.txt');
    await macrotask();
    expect(namesOf(limited.fake.callsOf('start'))).to.deep.equal(['a.txt', 'b.txt'], 'rejected files are never sent');
  });
});

describe('AttachmentUploader queue', () => {
  it('starts files in order, never runs more than concurrency at once, and reads concurrency when a slot opens', async () => {
    const { uploader, fake, settings } = fakeUploader({ concurrency: 2 });
    const names = ['a.txt', 'b.txt', 'c.txt', 'd.txt', 'e.txt', 'f.txt'];
    // A file holds its slot from its first Start until its last event.
    const running = new Set<string>();
    const samples: { running: number; limit: number | undefined }[] = [];
    fake.onCall = (call) => {
      if (call.step !== 'start') return;
      running.add(call.name);
      samples.push({ running: running.size, limit: settings.concurrency });
    };
    for (const type of ['attachment-completed', 'attachment-error', 'attachment-abort'] as const) {
      uploader.addEventListener(type, (event) => running.delete(event.detail.file.name));
    }
    fake.hold('put');
    uploader.upload(names.map((name) => text(name)));

    const putA = await fake.call('put', 'a.txt');
    const putB = await fake.call('put', 'b.txt');
    await macrotask();
    expect(namesOf(fake.callsOf('start'))).to.deep.equal(['a.txt', 'b.txt'], 'the third file waits for a free slot');
    expect(uploader.getUpload(idFor(uploader, 'c.txt'))?.state).to.equal('queued');

    putA.release();
    const putC = await fake.call('put', 'c.txt');
    await macrotask();
    expect(namesOf(fake.callsOf('start'))).to.deep.equal(['a.txt', 'b.txt', 'c.txt'], 'one slot opened, one file started');

    settings.concurrency = 4;
    putB.release();
    // b's slot opens with four allowed: c still uploads, so d, e and f all start.
    const rest = await Promise.all(['d.txt', 'e.txt', 'f.txt'].map((name) => fake.call('put', name)));
    expect(namesOf(fake.callsOf('start'))).to.deep.equal(names, 'files start in the order they came');
    expect(running.size).to.equal(4, 'four files run at once after concurrency was raised');

    for (const put of [putC, ...rest]) put.release();
    await settled(uploader);
    expect(uploader.uploads.map((u) => u.state)).to.deep.equal(names.map(() => 'done'));
    const over = samples.filter((sample) => sample.running > (sample.limit ?? 3));
    expect(over).to.deep.equal([], 'never more files running than concurrency allowed at that moment');
    expect(Math.max(...samples.map((sample) => sample.running))).to.equal(4);
  });

  it('holds files in manual mode until upload() is called with no argument', async () => {
    const { uploader, fake, events } = fakeUploader({ manual: true });
    uploader.upload([text('a.txt'), text('b.txt'), text('c.txt')]);
    expect(typesOf(events)).to.deep.equal(['attachment-select', 'attachment-select', 'attachment-select']);
    expect(uploader.summary).to.include({ held: 3, active: 3, files: 3 });
    await macrotask();
    expect(fake.calls).to.have.length(0, 'nothing is sent while held');
    expect(uploader.uploads.map((u) => u.state)).to.deep.equal(['queued', 'queued', 'queued']);

    uploader.upload();
    expect(uploader.summary.held).to.equal(0, 'upload() releases every held file');
    await settled(uploader);
    expect(namesOf(fake.callsOf('start'))).to.deep.equal(['a.txt', 'b.txt', 'c.txt']);
    expect(uploader.summary).to.include({ done: 3, active: 0, held: 0 });
  });
});

describe('AttachmentUploader with an eventTarget', () => {
  it('fires the attachment-* events there (a cancelled attachment-select there drops the file) and uploads-changed on itself', async () => {
    const fake = new FakeConnect();
    const target = new EventTarget();
    const uploader = new AttachmentUploader(
      { token: TOKEN, endpoint: FAKE_ENDPOINT, multiple: true, retryPolicy: FAST },
      { transport: fake.transport, connectivity: online, eventTarget: target },
    );
    created.push(uploader);
    const onUploader = record(uploader);
    const onTarget: string[] = [];
    for (const type of ATTACHMENT_EVENT_TYPES)
      target.addEventListener(type, (event) => onTarget.push(`${type} ${(event as AttachmentEvent).detail.file.name}`));
    target.addEventListener('attachment-select', (event) => {
      if ((event as AttachmentEvent).detail.file.name === 'dropped.txt') event.preventDefault();
    });
    const changed = nextEvent(uploader, 'uploads-changed');
    uploader.upload([text('kept.txt'), text('dropped.txt')]);
    await changed;
    await settled(uploader);
    expect(onUploader).to.deep.equal([], 'nothing fired on the uploader itself');
    expect(onTarget.filter((line) => !line.startsWith('attachment-progress'))).to.deep.equal([
      'attachment-select kept.txt',
      'attachment-select dropped.txt',
      'attachment-started kept.txt',
      'attachment-uploaded kept.txt',
      'attachment-completed kept.txt',
    ]);
    expect(uploader.uploads.map((upload) => upload.file.name)).to.deep.equal(['kept.txt']);
    expect(namesOf(fake.callsOf('start'))).to.deep.equal(['kept.txt']);
  });
});

describe('AttachmentUploader while disabled', () => {
  it('takes no new file, says so by returning no uploadId, and lets running and held files go on', async () => {
    const { uploader, fake, events, settings } = fakeUploader({ manual: true });
    const held = uploader.upload([text('held.txt')]);
    expect(held).to.have.length(1, 'the uploadId of the file it queued');
    settings.disabled = true;
    expect(uploader.upload([text('late.txt')])).to.deep.equal([], 'nothing taken while disabled');
    expect(typesOf(events)).to.deep.equal(['attachment-select'], 'no event for a file not taken');
    expect(uploader.uploads.map((upload) => upload.file.name)).to.deep.equal(['held.txt']);
    expect(uploader.upload()).to.deep.equal(held, 'the held file still starts');
    await settled(uploader);
    expect(namesOf(fake.callsOf('start'))).to.deep.equal(['held.txt']);
    settings.disabled = false;
    expect(uploader.upload([text('again.txt')])).to.have.length(1, 'read at each use');
  });
});

describe('AttachmentUploader cancel', () => {
  it('cancels a queued file: attachment-abort at stage "start", and it is never sent', async () => {
    const { uploader, fake, events } = fakeUploader({ concurrency: 1 });
    fake.hold('start', 'first.txt', 1);
    uploader.upload([text('first.txt'), text('queued.txt'), text('last.txt')]);
    const startFirst = await fake.call('start', 'first.txt');
    const queuedId = idFor(uploader, 'queued.txt');

    const aborted = nextEvent(uploader, 'attachment-abort');
    uploader.cancel(queuedId);
    const { detail } = await aborted;
    expect(detail).to.include({ uploadId: queuedId, stage: 'start' });
    expect(detail.attachmentId, 'a queued file has no attachment yet').to.equal(undefined);

    startFirst.release();
    await settled(uploader);
    expect(fake.callsOf('start', 'queued.txt')).to.have.length(0, 'no Start for the cancelled file');
    expect(typesOf(ofUpload(events, queuedId))).to.deep.equal(['attachment-select', 'attachment-abort']);
    expect(uploader.uploads.map((u) => `${u.file.name}=${u.state}`)).to.deep.equal([
      'first.txt=done',
      'queued.txt=cancelled',
      'last.txt=done',
    ]);
  });

  for (const [step, stage] of [
    ['start', 'start'],
    ['put', 'upload'],
    ['complete', 'complete'],
  ] as const) {
    it(`cancels a file during its ${step}: attachment-abort at stage "${stage}", no Complete after, nothing more, and the slot goes to the next file`, async () => {
      const { uploader, fake, events } = fakeUploader({ concurrency: 1 });
      fake.hold(step, 'first.txt', 1);
      uploader.upload([text('first.txt', 2_000), text('next.txt')]);
      const held = await fake.call(step, 'first.txt');
      const firstId = idFor(uploader, 'first.txt');
      const startedId = events.find((event): event is AttachmentStartedEvent => event instanceof AttachmentStartedEvent)?.detail
        .attachmentId;

      const aborted = nextEvent(uploader, 'attachment-abort');
      const nextDone = nextEvent(uploader, 'attachment-completed', (event) => event.detail.file.name === 'next.txt');
      uploader.cancel(firstId);
      const { detail } = await aborted;
      expect(detail).to.include({ uploadId: firstId, stage });
      expect(detail.attachmentId).to.equal(stage === 'start' ? undefined : startedId, 'the attachment being worked on, once there is one');
      expect(held.signal.aborted).to.equal(true, `the ${step} in flight is aborted`);

      await nextDone;
      await settled(uploader);
      expect(fake.callsOf('complete', 'first.txt')).to.have.length(stage === 'complete' ? 1 : 0, 'no Complete after the cancel');
      const firstEvents = typesOf(ofUpload(events, firstId));
      expect(firstEvents.at(-1)).to.equal('attachment-abort', `nothing after the abort (${firstEvents.join(', ')})`);
      expect(firstEvents.filter((type) => type === 'attachment-abort')).to.have.length(1);
      expect(uploader.getUpload(firstId)?.state).to.equal('cancelled');
      expect(uploader.getUpload(idFor(uploader, 'next.txt'))?.state).to.equal('done', 'the next file got the slot');
    });
  }

  for (const [step, stage] of [
    ['start', 'start'],
    ['put', 'upload'],
    ['complete', 'complete'],
  ] as const) {
    it(`says nothing more about a file cancelled during its ${step} when the ${step} answers anyway, and does not wait for it`, async () => {
      const { uploader, fake, events } = fakeUploader({ concurrency: 1 });
      fake.hold(step, 'first.txt', 1, { ignoreAbort: true });
      uploader.upload([text('first.txt', 2_000), text('next.txt')]);
      const held = await fake.call(step, 'first.txt');
      const firstId = idFor(uploader, 'first.txt');

      const nextDone = nextEvent(uploader, 'attachment-completed', (event) => event.detail.file.name === 'next.txt');
      uploader.cancel(firstId);
      await nextDone;
      // Only now does the cancelled file's request answer (a PUT with its last progress tick).
      held.release();
      await macrotask();

      const firstEvents = typesOf(ofUpload(events, firstId));
      expect(firstEvents.at(-1)).to.equal('attachment-abort', `nothing after the abort (${firstEvents.join(', ')})`);
      expect(ofUpload(events, firstId).find((event) => event instanceof AttachmentAbortEvent)?.detail).to.include({ stage });
      expect(uploader.getUpload(firstId)?.state).to.equal('cancelled', 'the cancel wins over the late answer');
      expect(fake.callsOf('complete', 'first.txt')).to.have.length(step === 'complete' ? 1 : 0, 'no Complete after the cancel');
      expect(uploader.summary).to.include({ done: 1, cancelled: 1, active: 0 });
    });
  }

  it('cancels every file still running or queued when no id is given', async () => {
    const { uploader, fake, events } = fakeUploader({ concurrency: 2 });
    fake.hold('put');
    const names = ['a.txt', 'b.txt', 'c.txt', 'd.txt'];
    uploader.upload(names.map((name) => text(name)));
    const puts = [await fake.call('put', 'a.txt'), await fake.call('put', 'b.txt')];

    uploader.cancel();
    const aborts = events.flatMap((event) =>
      event instanceof AttachmentAbortEvent ? [`${event.detail.file.name}:${event.detail.stage}`] : [],
    );
    expect(aborts).to.have.members(['a.txt:upload', 'b.txt:upload', 'c.txt:start', 'd.txt:start']);
    expect(aborts).to.have.length(4, 'one attachment-abort per file');
    expect(puts.every((put) => put.signal.aborted)).to.equal(true, 'the PUTs in flight are aborted');
    expect(uploader.uploads.map((u) => u.state)).to.deep.equal(['cancelled', 'cancelled', 'cancelled', 'cancelled']);
    expect(uploader.summary).to.include({ active: 0, cancelled: 4 });

    await macrotask();
    expect(fake.callsOf('complete')).to.have.length(0, 'no Complete after a cancel');
    const outcomes = typesOf(events).filter((type) => type === 'attachment-completed' || type === 'attachment-error');
    expect(outcomes).to.deep.equal([], 'a cancelled file neither completes nor fails');
  });

  it('never hands a queued file to the transport when everything is cancelled', async () => {
    const { uploader, fake } = fakeUploader({ concurrency: 1 });
    fake.hold('start', 'a.txt', 1);
    uploader.upload([text('a.txt'), text('b.txt'), text('c.txt')]);
    await fake.call('start', 'a.txt');

    uploader.cancel();
    await macrotask();
    expect(namesOf(fake.callsOf('start'))).to.deep.equal(['a.txt'], 'b.txt and c.txt were queued: no Start for them');
  });
});

describe('AttachmentUploader retry', () => {
  it('sends a failed file again under the same uploadId, and it completes', async () => {
    const { uploader, fake, events } = fakeUploader();
    fake.fail('start', new UploadError('validation', 'Amazon Connect answered 400 ValidationException.', { status: 400 }), 'a.txt');
    const failed = nextEvent(uploader, 'attachment-error');
    uploader.upload([text('a.txt')]);
    const { detail } = await failed;
    expect(detail).to.include({ code: 'validation', stage: 'start', retryable: false, status: 400 });
    expect(events.some((event) => event.type === 'attachment-retry')).to.equal(false, 'a validation error is not retried by itself');
    expect(uploader.getUpload(detail.uploadId)?.state).to.equal('failed');

    const completed = nextEvent(uploader, 'attachment-completed');
    uploader.retry(detail.uploadId);
    expect((await completed).detail.uploadId).to.equal(detail.uploadId, 'the same uploadId across the retry');
    expect(fake.callsOf('start', 'a.txt')).to.have.length(2);
    expect(uploader.uploads).to.have.length(1, 'the retried file is not listed twice');
    expect(uploader.getUpload(detail.uploadId)).to.include({ state: 'done', error: undefined });
  });

  it('sends a cancelled file again under the same uploadId, and it completes', async () => {
    const { uploader, fake } = fakeUploader();
    fake.hold('put', 'a.txt', 1);
    uploader.upload([text('a.txt')]);
    await fake.call('put', 'a.txt');
    const uploadId = idFor(uploader, 'a.txt');
    uploader.cancel(uploadId);
    expect(uploader.getUpload(uploadId)?.state).to.equal('cancelled');

    const completed = nextEvent(uploader, 'attachment-completed');
    uploader.retry(uploadId);
    const { detail } = await completed;
    expect(detail.uploadId).to.equal(uploadId);
    expect(fake.callsOf('start', 'a.txt')).to.have.length(2, 'the retry begins again with Start');
    expect(fake.callsOf('complete', 'a.txt')).to.have.length(1, 'one Complete, for the retry');
    expect(uploader.getUpload(uploadId)).to.include({ state: 'done', attachmentId: detail.attachmentId });
  });

  it('does nothing when asked to retry a file that is done', async () => {
    const { uploader, fake, events } = fakeUploader();
    const completed = nextEvent(uploader, 'attachment-completed');
    uploader.upload([text('a.txt')]);
    const { detail } = await completed;
    await settled(uploader);
    const list = uploader.uploads;
    const eventCount = events.length;

    uploader.retry(detail.uploadId);
    await macrotask();
    expect(uploader.uploads).to.equal(list, 'the list did not change');
    expect(events).to.have.length(eventCount, 'no event');
    expect(fake.callsOf('start')).to.have.length(1, 'no second Start');
  });
});

describe('AttachmentUploader tokens', () => {
  it('fails at stage "start" with code "config" when no token is set, and sends nothing', async () => {
    const { uploader, fake, events } = fakeUploader({ token: undefined });
    const failed = nextEvent(uploader, 'attachment-error');
    uploader.upload([text('a.txt')]);
    const { detail } = await failed;
    expect(detail).to.include({ code: 'config', stage: 'start', retryable: false });
    expect(typesOf(events)).to.deep.equal(['attachment-select', 'attachment-error']);
    expect(fake.calls).to.have.length(0, 'nothing is sent without a token');
    expect(uploader.getUpload(detail.uploadId)?.error).to.include({ code: 'config', stage: 'start' });
  });

  it('asks the tokenProvider for a token, and once more after a 403, and the upload then succeeds', async () => {
    const stale = 'stale-token-51e2';
    const fresh = 'fresh-token-93ab';
    let asked = 0;
    const { uploader, fake, events } = fakeUploader({
      token: undefined,
      tokenProvider: async () => {
        asked += 1;
        return asked === 1 ? stale : fresh;
      },
    });
    fake.refuse(stale);
    uploader.upload([text('a.txt')]);
    await settled(uploader);

    expect(asked).to.equal(2, 'once for the first token, once after the 403');
    expect(fake.callsOf('start').map((call) => call.token)).to.deep.equal([stale, fresh]);
    expect(fake.callsOf('complete').map((call) => call.token)).to.deep.equal([fresh], 'the renewed token is kept');
    expect(uploader.uploads[0]?.state).to.equal('done');
    expect(events.some((event) => event.type === 'attachment-error')).to.equal(false, 'the 403 is not reported as a failure');
  });

  it('puts the token in no event detail and no snapshot, whatever happens to the files', async () => {
    // fitImages with a small max-image-dimension: the picture is converted (attachment-converted).
    const { uploader, fake, events } = fakeUploader({ maxFileSize: 5_000, fitImages: true, maxImageDimension: 8 });
    const changes: unknown[] = [];
    uploader.addEventListener('uploads-changed', (event) => changes.push(event.detail));
    fake.fail('complete', new UploadError('server-error', 'Amazon Connect answered 500.', { status: 500 }), 'ok.txt');
    fake.fail('start', new UploadError('validation', 'Amazon Connect answered 400.', { status: 400 }), 'bad.txt');
    fake.hold('put', 'cancelled.txt', 1);
    const canvas = new OffscreenCanvas(16, 16);
    (canvas.getContext('2d') as OffscreenCanvasRenderingContext2D).fillRect(0, 0, 16, 16);
    const picture = new File([await canvas.convertToBlob({ type: 'image/png' })], 'picture.png', { type: 'image/png' });
    uploader.upload([text('ok.txt'), text('bad.txt'), text('cancelled.txt'), text('big.txt', 6_000), picture]);
    await fake.call('put', 'cancelled.txt');
    uploader.cancel(idFor(uploader, 'cancelled.txt'));
    await settled(uploader);

    const kinds = new Set(typesOf(events));
    for (const kind of ATTACHMENT_EVENT_TYPES) expect(kinds.has(kind), `${kind} was fired`).to.equal(true);
    for (const event of events) {
      const { file: _file, ...rest } = event.detail;
      expect(JSON.stringify(rest), event.type).to.not.contain(TOKEN);
      expect(Object.keys(event.detail), event.type).to.not.include('token');
    }
    expect(JSON.stringify(changes)).to.not.contain(TOKEN);
    const snapshots = uploader.uploads.map(({ file: _file, ...rest }) => rest);
    expect(JSON.stringify(snapshots)).to.not.contain(TOKEN);
  });
});

describe('AttachmentUploader list', () => {
  it('reports many synchronous changes in one uploads-changed, a dismissed file by its id, and keeps the same array until something changes', async () => {
    const { uploader, fake } = fakeUploader({ concurrency: 5 });
    fake.hold('start');
    const changes: (readonly string[])[] = [];
    uploader.addEventListener('uploads-changed', (event) => changes.push(event.detail.changed));
    uploader.upload(['a.txt', 'b.txt', 'c.txt', 'd.txt', 'e.txt'].map((name) => text(name)));
    const ids = uploader.uploads.map((u) => u.uploadId);
    expect(changes).to.have.length(0, 'the event waits for the end of the microtask');
    await macrotask();
    expect(changes).to.have.length(1, 'one event for five files added and started');
    expect(changes[0]).to.have.members(ids);
    expect(changes[0]).to.have.length(5);

    const list = uploader.uploads;
    expect(uploader.uploads).to.equal(list, 'the same array while nothing changed');
    const [first, second] = ids as [string, string];
    const secondBefore = uploader.getUpload(second);

    const cancelled = nextEvent(uploader, 'uploads-changed');
    uploader.cancel(first);
    expect((await cancelled).detail.changed).to.deep.equal([first]);
    expect(uploader.uploads).to.not.equal(list, 'a new array once a file changed');
    expect(uploader.getUpload(second)).to.equal(secondBefore, 'an unchanged file keeps its snapshot');

    const dismissed = nextEvent(uploader, 'uploads-changed');
    uploader.dismiss(first);
    expect((await dismissed).detail.changed).to.deep.equal([first], 'the dismissed file is reported');
    expect(uploader.getUpload(first)).to.equal(undefined, 'a dismissed file is gone');
    expect(uploader.uploads.map((u) => u.uploadId)).to.deep.equal(ids.slice(1));
    expect(uploader.summary.files).to.equal(4);

    const stillRunning = uploader.uploads;
    uploader.dismiss(second);
    await macrotask();
    expect(uploader.getUpload(second)?.state).to.equal('starting', 'a running file cannot be dismissed');
    expect(uploader.uploads).to.equal(stillRunning);
  });

  it('keeps summary in agreement with uploads after files are done, failed, cancelled and still running', async () => {
    const { uploader, fake } = fakeUploader({ concurrency: 4 });
    fake.fail('start', new UploadError('validation', 'Amazon Connect answered 400.', { status: 400 }), 'failed.txt');
    fake.hold('put', 'cancelled.txt', 1);
    fake.hold('put', 'running.txt', 1);
    const done = nextEvent(uploader, 'attachment-completed');
    const failed = nextEvent(uploader, 'attachment-error');
    uploader.upload([text('done.txt', 1_000), text('failed.txt', 2_000), text('cancelled.txt', 3_000), text('running.txt', 4_000)]);
    await Promise.all([done, failed, fake.call('put', 'cancelled.txt')]);
    const running = await fake.call('put', 'running.txt');
    uploader.cancel(idFor(uploader, 'cancelled.txt'));

    const expected = (uploads: readonly UploadInfo[]) => {
      const count = (state: UploadState) => uploads.filter((u) => u.state === state).length;
      // Cancelled files leave the byte counts; a finished file counts whole.
      const counted = uploads.filter((u) => u.state !== 'cancelled');
      return {
        files: uploads.length,
        active: uploads.filter((u) => ACTIVE.has(u.state)).length,
        ready: count('ready'),
        done: count('done'),
        failed: count('failed'),
        cancelled: count('cancelled'),
        loaded: counted.reduce((sum, u) => sum + (u.state === 'done' ? u.total : u.loaded), 0),
        total: counted.reduce((sum, u) => sum + u.total, 0),
        held: 0,
      };
    };
    const mixed = expected(uploader.uploads);
    expect(mixed, 'the test has one file in each state').to.include({ done: 1, failed: 1, cancelled: 1, active: 1 });
    expect(uploader.getUpload(idFor(uploader, 'running.txt'))?.loaded).to.equal(2_000, 'half of the running file went');
    expect(uploader.summary).to.deep.equal(mixed);

    running.release();
    await settled(uploader);
    expect(uploader.summary).to.deep.equal(expected(uploader.uploads), 'after the running file finished');
    uploader.dismiss(idFor(uploader, 'failed.txt'));
    expect(uploader.summary).to.deep.equal(expected(uploader.uploads), 'after a file was dismissed');
    expect(uploader.summary).to.include({ files: 3, done: 2, failed: 0, cancelled: 1, loaded: 5_000, total: 5_000 });
  });

  it("records Connect's scan verdict on the file with that attachment and reports it in uploads-changed", async () => {
    const { uploader } = fakeUploader();
    const completed = nextEvent(uploader, 'attachment-completed');
    uploader.upload([text('a.txt'), text('b.txt')]);
    const { detail } = (await completed) as AttachmentCompletedEvent;
    await settled(uploader);
    expect(uploader.getUpload(detail.uploadId)?.scanStatus).to.equal(undefined, 'no verdict yet');

    const changed = nextEvent(uploader, 'uploads-changed');
    uploader.setAttachmentStatus(detail.attachmentId, 'REJECTED');
    expect((await changed).detail.changed).to.deep.equal([detail.uploadId], 'only that file changed');
    expect(uploader.getUpload(detail.uploadId)?.scanStatus).to.equal('REJECTED');
    const other = uploader.uploads.find((u) => u.uploadId !== detail.uploadId);
    expect(other?.scanStatus).to.equal(undefined, 'the other file has no verdict');

    const list = uploader.uploads;
    uploader.setAttachmentStatus('att-unknown', 'APPROVED');
    await macrotask();
    expect(uploader.uploads).to.equal(list, 'an unknown attachment changes nothing');
  });
});
