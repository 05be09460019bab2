/**
 * `complete-on-send` in the headless uploader, against a fake transport whose calls the test holds,
 * fails or releases: files wait `ready` without a Complete; `send()` completes them in the order
 * taken, waits for the ones still uploading, leaves later ones to the next send, sends the text last;
 * a file taken back is never completed; a stale staged attachment starts over once; a chat changed
 * before Send fails the file with `chat-changed`.
 */
import { expect } from '@open-wc/testing';
import { UploadError } from '../../src/api/errors.js';
import type { ChatSessionLike } from '../../src/pipeline/chat-session.js';
import { concat, exif, segment } from '../helpers/images.js';
import {
  FAKE_ENDPOINT,
  fakeUploader,
  idFor,
  inState,
  macrotask,
  namesOf,
  nextEvent,
  ofUpload,
  text,
  typesOf,
} from '../helpers/fake-connect.js';

/** A chat session with chatjs's public shape whose sendMessage records what it sent, and when. */
function chatSession(log: string[], token = 'session-token') {
  const session: ChatSessionLike = {
    getChatDetails: () => ({ connectionDetails: { connectionToken: token } }),
    onMessage: () => {},
    onEnded: () => {},
    sendMessage: async ({ contentType, message }) => {
      log.push(`text:${contentType}:${message}`);
    },
  };
  return session;
}

describe('AttachmentUploader with completeOnSend', () => {
  it('starts and uploads at once, then holds each file ready: uploaded fires, Complete is never asked', async () => {
    const { uploader, fake, events } = fakeUploader({ completeOnSend: true });
    uploader.upload([text('a.txt'), text('b.txt')]);
    await inState(uploader, 'a.txt', 'ready');
    await inState(uploader, 'b.txt', 'ready');
    await macrotask();
    expect(namesOf(fake.callsOf('start'))).to.have.members(['a.txt', 'b.txt']);
    expect(namesOf(fake.callsOf('put'))).to.have.members(['a.txt', 'b.txt']);
    expect(fake.callsOf('complete')).to.deep.equal([], 'nothing is in the chat before Send');
    const a = ofUpload(events, idFor(uploader, 'a.txt'));
    expect(typesOf(a).filter((type) => type !== 'attachment-progress')).to.deep.equal([
      'attachment-select',
      'attachment-started',
      'attachment-uploaded',
    ]);
    expect(uploader.summary).to.include({ ready: 2, active: 0, done: 0 });
  });

  it('send() completes the ready files in the order taken, resolves with their ids, and they leave the list', async () => {
    const { uploader, fake } = fakeUploader({ completeOnSend: true, concurrency: 3 });
    // The last file taken is uploaded first: the order of the Completes is still the order taken.
    fake.hold('put', 'first.txt', 1);
    uploader.upload([text('first.txt'), text('second.txt'), text('third.txt')]);
    await inState(uploader, 'third.txt', 'ready');
    (await fake.call('put', 'first.txt')).release();
    await inState(uploader, 'first.txt', 'ready');
    const ids = ['first.txt', 'second.txt', 'third.txt'].map((name) => idFor(uploader, name));
    const result = await uploader.send();
    expect(namesOf(fake.callsOf('complete'))).to.deep.equal(['first.txt', 'second.txt', 'third.txt']);
    expect(result).to.deep.equal({ completed: ids, failed: [], textSent: false });
    expect(uploader.uploads).to.deep.equal([], 'the draft is empty: the chat has the files');
  });

  it('a ready file taken back (cancel) leaves the list, fires abort, and is never completed', async () => {
    const { uploader, fake } = fakeUploader({ completeOnSend: true });
    uploader.upload([text('keep.txt'), text('oops.txt')]);
    await inState(uploader, 'oops.txt', 'ready');
    await inState(uploader, 'keep.txt', 'ready');
    const oops = idFor(uploader, 'oops.txt');
    const aborted = nextEvent(uploader, 'attachment-abort');
    uploader.cancel(oops);
    const { detail } = await aborted;
    expect(detail.uploadId).to.equal(oops);
    expect(detail.attachmentId, 'it names the attachment that was started').to.be.a('string');
    expect(uploader.getUpload(oops)).to.equal(undefined);
    const result = await uploader.send();
    expect(namesOf(fake.callsOf('complete'))).to.deep.equal(['keep.txt']);
    expect(result.completed).to.have.length(1);
  });

  it('dismiss() of a ready file takes it back too (the element’s Remove button)', async () => {
    const { uploader, fake } = fakeUploader({ completeOnSend: true });
    uploader.upload([text('a.txt')]);
    await inState(uploader, 'a.txt', 'ready');
    uploader.dismiss(idFor(uploader, 'a.txt'));
    expect(uploader.uploads).to.deep.equal([]);
    expect(await uploader.send()).to.deep.equal({ completed: [], failed: [], textSent: false });
    expect(fake.callsOf('complete')).to.deep.equal([]);
  });

  it('waits for a file still uploading, completes it once its PUT ends, and leaves a file taken later to the next send', async () => {
    const { uploader, fake } = fakeUploader({ completeOnSend: true });
    fake.hold('put', 'slow.txt', 1);
    uploader.upload([text('ready.txt'), text('slow.txt')]);
    await inState(uploader, 'ready.txt', 'ready');
    const put = await fake.call('put', 'slow.txt');
    const ids = [idFor(uploader, 'ready.txt'), idFor(uploader, 'slow.txt')];
    let settled = false;
    const sending = uploader.send().then((result) => {
      settled = true;
      return result;
    });
    // Taken after send() began: it waits for the next one.
    uploader.upload([text('later.txt')]);
    await inState(uploader, 'later.txt', 'ready');
    await fake.call('complete', 'ready.txt');
    await macrotask();
    expect(settled, 'send() waits for the file still uploading').to.equal(false);
    put.release();
    const result = await sending;
    expect(result.completed).to.deep.equal(ids);
    expect(namesOf(fake.callsOf('complete'))).to.deep.equal(['ready.txt', 'slow.txt']);
    expect(uploader.uploads.map((upload) => [upload.file.name, upload.state])).to.deep.equal([['later.txt', 'ready']]);
    const next = await uploader.send();
    expect(next.completed).to.have.length(1);
    expect(namesOf(fake.callsOf('complete'))).to.deep.equal(['ready.txt', 'slow.txt', 'later.txt']);
  });

  it('a file that fails while uploading is in `failed`, with its attachment-error, and the rest are sent', async () => {
    const { uploader, fake, events } = fakeUploader({ completeOnSend: true });
    // bad.txt is still starting when Send is pressed; its PUT is then refused by S3.
    fake.hold('start', 'bad.txt', 1);
    fake.fail('put', new UploadError('upload-rejected', 'S3 answered 403 AccessDenied.', { status: 403 }), 'bad.txt');
    uploader.upload([text('good.txt'), text('bad.txt')]);
    await inState(uploader, 'good.txt', 'ready');
    const start = await fake.call('start', 'bad.txt');
    const [good, bad] = [idFor(uploader, 'good.txt'), idFor(uploader, 'bad.txt')];
    const sending = uploader.send();
    start.release();
    const result = await sending;
    expect(result).to.deep.equal({ completed: [good], failed: [bad], textSent: false });
    expect(namesOf(fake.callsOf('complete'))).to.deep.equal(['good.txt']);
    expect(
      ofUpload(events, bad)
        .filter((event) => event.type === 'attachment-error')
        .map((event) => event.detail),
    ).to.have.length(1);
    expect(
      uploader.uploads.map((upload) => [upload.file.name, upload.state]),
      'the failed file stays',
    ).to.deep.equal([['bad.txt', 'failed']]);
  });

  it('a Complete refused as stale starts the file over once: new Start, new PUT, one Complete, no error', async () => {
    const { uploader, fake, events } = fakeUploader({ completeOnSend: true });
    uploader.upload([text('old.txt')]);
    await inState(uploader, 'old.txt', 'ready');
    const uploadId = idFor(uploader, 'old.txt');
    const stale = new UploadError('validation', 'Amazon Connect answered 400 ValidationException: Attachment expired.', { status: 400 });
    fake.fail('complete', stale, 'old.txt', 1);
    const result = await uploader.send();
    expect(result).to.deep.equal({ completed: [uploadId], failed: [], textSent: false });
    expect(fake.callsOf('start')).to.have.length(2);
    expect(fake.callsOf('put')).to.have.length(2);
    const completes = fake.callsOf('complete');
    expect(completes).to.have.length(2, 'the refused one and the one of the new attachment');
    expect(completes[0]?.clientToken).to.not.equal(completes[1]?.clientToken);
    expect(events.filter((event) => event.type === 'attachment-error')).to.deep.equal([]);
    expect(events.filter((event) => event.type === 'attachment-completed')).to.have.length(1);
  });

  it('starts over for a ResourceNotFoundException too, but only once: a second refusal fails the file', async () => {
    const { uploader, fake, events } = fakeUploader({ completeOnSend: true });
    uploader.upload([text('gone.txt')]);
    await inState(uploader, 'gone.txt', 'ready');
    const gone = new UploadError('bad-response', 'Amazon Connect answered 404 ResourceNotFoundException.', {
      status: 404,
      awsType: 'ResourceNotFoundException',
    });
    fake.fail('complete', gone, 'gone.txt', 2);
    const result = await uploader.send();
    expect(result.failed).to.deep.equal([idFor(uploader, 'gone.txt')]);
    expect(fake.callsOf('start')).to.have.length(2, 'one start over, no more');
    expect(events.filter((event) => event.type === 'attachment-error')).to.have.length(1);
  });

  it('a chat changed before Send fails the staged file with chat-changed and completes nothing in either chat', async () => {
    const { uploader, fake, settings, events } = fakeUploader({ completeOnSend: true });
    uploader.upload([text('private.png.txt')]);
    await inState(uploader, 'private.png.txt', 'ready');
    settings.token = 'token-of-another-chat';
    const result = await uploader.send();
    expect(result).to.deep.equal({ completed: [], failed: [idFor(uploader, 'private.png.txt')], textSent: false });
    expect(fake.callsOf('complete')).to.deep.equal([]);
    const error = events.find((event) => event.type === 'attachment-error');
    expect(error?.detail).to.include({ code: 'chat-changed', stage: 'complete', retryable: false });
    expect(uploader.uploads[0]?.error?.code).to.equal('chat-changed');
  });

  it('a staged photo loses its metadata once: a stale start-over sends the same metadata-free bytes, converted said once', async () => {
    const { uploader, fake, events } = fakeUploader({ completeOnSend: true });
    // A JPEG whose Exif holds a location: its frame, a scan and EOI after it.
    const frame = concat(segment(0xdb, new Uint8Array(65).fill(1)), segment(0xc0, new Uint8Array([8, 0, 16, 0, 16, 1, 1, 0x11, 0])));
    const scan = concat(segment(0xda, new Uint8Array([1, 1, 0, 0, 0x3f, 0])), new Uint8Array([0x12, 0x34, 0xff, 0xd9]));
    const bytes = concat(new Uint8Array([0xff, 0xd8]), segment(0xe1, exif({ gps: true })), frame, scan);
    const photo = new File([bytes], 'meter.jpg', { type: 'image/jpeg' });
    uploader.upload([photo]);
    await inState(uploader, 'meter.jpg', 'ready');
    const stale = new UploadError('validation', 'Amazon Connect answered 400 ValidationException: Attachment expired.', { status: 400 });
    fake.fail('complete', stale, 'meter.jpg', 1);
    const result = await uploader.send();
    expect(result.completed).to.have.length(1);
    expect(fake.callsOf('put')).to.have.length(2, 'uploaded, then started over once');
    const converted = events.filter((event) => event.type === 'attachment-converted');
    expect(converted, 'the metadata is removed once, not again at Send').to.have.length(1);
    const sentSize = (converted[0]?.detail as { converted: { size: number } }).converted.size;
    expect(sentSize).to.be.below(photo.size);
    const totals = events.flatMap((event) => ('total' in event.detail ? [event.detail.total] : []));
    expect(totals.length).to.be.above(1);
    expect(new Set(totals), 'every PUT, the start-over included, sent the copy without the location').to.deep.equal(new Set([sentSize]));
  });

  it('a file failed as chat-changed and retried starts over in the chat the page shows, and waits ready again', async () => {
    const { uploader, fake, settings } = fakeUploader({ completeOnSend: true });
    uploader.upload([text('note.txt')]);
    await inState(uploader, 'note.txt', 'ready');
    settings.token = 'token-of-another-chat';
    await uploader.send();
    uploader.retry(idFor(uploader, 'note.txt'));
    await inState(uploader, 'note.txt', 'ready');
    const starts = fake.callsOf('start');
    expect(starts.map((call) => call.token)).to.deep.equal(['connection-token-7f3c9a', 'token-of-another-chat']);
    expect(fake.callsOf('complete'), 'never completed in the first chat').to.deep.equal([]);
    await uploader.send();
    expect(fake.callsOf('complete').map((call) => call.token)).to.deep.equal(['token-of-another-chat']);
  });

  it('completes with its chat’s current token: a token the chat session renewed applies', async () => {
    let token = 'first-token';
    const session: ChatSessionLike = {
      getChatDetails: () => ({ connectionDetails: { connectionToken: token } }),
      onMessage: () => {},
      onEnded: () => {},
    };
    const { uploader, fake } = fakeUploader({ completeOnSend: true, token: undefined, chatSession: session });
    uploader.upload([text('a.txt')]);
    await inState(uploader, 'a.txt', 'ready');
    token = 'renewed-token';
    const result = await uploader.send();
    expect(result.completed).to.have.length(1);
    expect(fake.callsOf('complete')[0]?.token).to.equal('renewed-token');
    expect(fake.callsOf('complete')[0]?.endpoint).to.equal(FAKE_ENDPOINT);
  });

  it('send({ text }) sends the text through the chat session after the files, and says so', async () => {
    const log: string[] = [];
    const session = chatSession(log);
    const { uploader, fake } = fakeUploader({ completeOnSend: true, token: undefined, chatSession: session });
    fake.onCall = (call) => {
      if (call.step === 'complete') log.push(`complete:${call.name}`);
    };
    uploader.upload([text('a.txt'), text('b.txt')]);
    await inState(uploader, 'b.txt', 'ready');
    await inState(uploader, 'a.txt', 'ready');
    const result = await uploader.send({ text: 'Here are the two files' });
    expect(result.textSent).to.equal(true);
    expect(log).to.deep.equal(['complete:a.txt', 'complete:b.txt', 'text:text/plain:Here are the two files']);
    // A blank text is not sent; without files the text goes on its own.
    expect((await uploader.send({ text: '  ' })).textSent).to.equal(false);
    expect((await uploader.send({ text: 'just words' })).textSent).to.equal(true);
    expect(log.at(-1)).to.equal('text:text/plain:just words');
  });

  it('without a chat session the text is the page’s: textSent is false', async () => {
    const { uploader } = fakeUploader({ completeOnSend: true });
    uploader.upload([text('a.txt')]);
    await inState(uploader, 'a.txt', 'ready');
    const result = await uploader.send({ text: 'hello' });
    expect(result.completed).to.have.length(1);
    expect(result.textSent).to.equal(false);
  });

  it('a second send() right after the first sends its text after the first one’s files and text', async () => {
    const log: string[] = [];
    const { uploader, fake } = fakeUploader({ completeOnSend: true, token: undefined, chatSession: chatSession(log) });
    fake.onCall = (call) => {
      if (call.step === 'complete') log.push(`complete:${call.name}`);
    };
    fake.hold('put', 'a.txt', 1);
    uploader.upload([text('a.txt')]);
    const put = await fake.call('put', 'a.txt');
    const first = uploader.send({ text: 'one' });
    const second = uploader.send({ text: 'two' });
    put.release();
    await Promise.all([first, second]);
    expect(log).to.deep.equal(['complete:a.txt', 'text:text/plain:one', 'text:text/plain:two']);
  });
});

describe('AttachmentUploader without completeOnSend', () => {
  it('completes each file as its upload ends, as before; send() waits for the running ones', async () => {
    const { uploader, fake } = fakeUploader();
    fake.hold('put', 'a.txt', 1);
    uploader.upload([text('a.txt')]);
    const put = await fake.call('put', 'a.txt');
    const sending = uploader.send();
    put.release();
    const result = await sending;
    expect(result.completed).to.have.length(1);
    expect(fake.callsOf('complete')).to.have.length(1);
  });
});
