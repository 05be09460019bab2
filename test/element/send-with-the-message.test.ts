/**
 * `complete-on-send` against the local Connect stand-in, through the element: files staged (Start
 * and PUT, bytes at the fake S3) and never completed until `send()`; one taken back never reaches
 * the chat; an unmodified chatjs session gets the text after the files; a file still uploading is
 * waited for; a staged attachment gone stale starts over once; a chat switched before Send gets
 * nothing. Completions are counted at the stand-in, bytes compared at its S3.
 */
import { expect } from '@open-wc/testing';
import type { ConnectAttachmentUpload } from '../../src/index.js';
import { customerSession } from '../helpers/chatjs.js';
import { announced, mount } from '../helpers/element.js';
import { makeFile, sha256Hex, standIn } from '../helpers/stand-in.js';

/** Resolves once `check` holds, looking again every 20 ms. */
async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const allReady = (el: ConnectAttachmentUpload, count: number) =>
  until(() => el.uploads.length === count && el.uploads.every((upload) => upload.state === 'ready'), `${count} files ready`);

const idOf = (el: ConnectAttachmentUpload, name: string) => el.uploads.find((upload) => upload.file.name === name)?.uploadId as string;

describe('<connect-attachment-upload complete-on-send> against the stand-in', () => {
  afterEach(async () => {
    const stand = await standIn();
    await stand.setFaults([]);
    await stand.resetOptions();
  });

  it('stages three files without completing any; one taken back, send() completes exactly the other two, bytes and all', async () => {
    const { el, chat, stand, events } = await mount((el) => el.setAttribute('complete-on-send', ''));
    expect(el.completeOnSend, 'the attribute sets the property').to.equal(true);
    const files = [
      makeFile('invoice.pdf', 180_000, 'application/pdf', 1),
      makeFile('wrong-screenshot.txt', 40_000, 'text/plain', 2),
      makeFile('notes.csv', 9_000, 'text/csv', 3),
    ];
    el.upload(files);
    await allReady(el, 3);
    let stored = await stand.attachments(chat.contactId);
    expect(stored).to.have.length(3);
    expect(stored.map((a) => [a.status, a.completeRequests])).to.deep.equal(
      [
        ['started', 0],
        ['started', 0],
        ['started', 0],
      ],
      'none completed',
    );
    expect(events.filter((event) => event.type === 'attachment-uploaded')).to.have.length(3);
    expect(events.filter((event) => event.type === 'attachment-completed')).to.have.length(0);
    await el.updateComplete;
    const item = el.shadowRoot?.querySelector(`li[data-id="${idOf(el, 'notes.csv')}"]`);
    expect(item?.getAttribute('data-state')).to.equal('ready');
    expect(item?.textContent).to.contain('Ready to send');

    // Taken back with its Remove button: it leaves the list and never reaches the chat.
    const taken = idOf(el, 'wrong-screenshot.txt');
    el.shadowRoot
      ?.querySelector<HTMLButtonElement>(`li[data-id="${taken}"] button[aria-label="Remove wrong-screenshot.txt from the list"]`)
      ?.click();
    expect(el.uploads.map((upload) => upload.file.name)).to.deep.equal(['invoice.pdf', 'notes.csv']);
    const kept = [idOf(el, 'invoice.pdf'), idOf(el, 'notes.csv')];

    const result = await el.send();
    expect(result).to.deep.equal({ completed: kept, failed: [], textSent: false });
    stored = await stand.attachments(chat.contactId);
    // Listed in the order they were started (concurrently); the transcript below gives the order sent.
    const completed = stored.filter((a) => a.completeCount === 1);
    expect(completed.map((a) => a.name)).to.have.members(['invoice.pdf', 'notes.csv'], 'exactly two');
    const sha = (name: string) => completed.find((a) => a.name === name)?.stored?.sha256;
    expect([sha('invoice.pdf'), sha('notes.csv')]).to.deep.equal([await sha256Hex(files[0] as File), await sha256Hex(files[2] as File)]);
    const back = stored.find((a) => a.name === 'wrong-screenshot.txt');
    expect(back?.completeRequests, 'the one taken back was never asked to complete').to.equal(0);
    const transcript = await stand.transcript(chat.contactId);
    expect(transcript.filter((item) => item.Type === 'ATTACHMENT').map((item) => item.Attachments?.[0]?.AttachmentName)).to.deep.equal(
      ['invoice.pdf', 'notes.csv'],
      'in the chat in the order taken',
    );
    // The chips were the draft: the sent ones left it.
    await el.updateComplete;
    expect(el.uploads).to.deep.equal([]);
    expect(el.shadowRoot?.querySelectorAll('li[part=item]')).to.have.length(0);
  });

  it('says "ready to send" once per file', async () => {
    const { el } = await mount((el) => (el.completeOnSend = true));
    el.upload([makeFile('a.pdf', 5_000, 'application/pdf', 4)]);
    await allReady(el, 1);
    await announced(el);
    const polite = () => el.shadowRoot?.querySelector('[role=status]')?.textContent ?? '';
    expect(polite()).to.contain('a.pdf is ready to send.');
    el.upload([makeFile('b.pdf', 5_000, 'application/pdf', 5)]);
    await allReady(el, 2);
    await announced(el);
    expect(polite()).to.contain('b.pdf is ready to send.');
    expect(polite()).to.not.contain('a.pdf');
  });

  it('with an unmodified chatjs session, send({ text }) puts the text after the two attachments in the transcript', async () => {
    const { el, chat, stand } = await mount((el) => {
      el.token = undefined;
      el.completeOnSend = true;
    });
    const session = await customerSession(stand, chat);
    expect((await session.connect()).connectSuccess).to.equal(true);
    el.chatSession = session;
    el.upload([makeFile('front.pdf', 60_000, 'application/pdf', 6), makeFile('back.pdf', 30_000, 'application/pdf', 7)]);
    await allReady(el, 2);
    const result = await el.send({ text: 'Both sides of the form' });
    expect(result.completed).to.have.length(2);
    expect(result.textSent).to.equal(true);
    const customer = (await stand.transcript(chat.contactId)).filter(
      (item) => item.ParticipantRole === 'CUSTOMER' && item.Type !== 'EVENT',
    );
    expect(customer.map((item) => [item.Type, item.Attachments?.[0]?.AttachmentName ?? item.Content])).to.deep.equal([
      ['ATTACHMENT', 'front.pdf'],
      ['ATTACHMENT', 'back.pdf'],
      ['MESSAGE', 'Both sides of the form'],
    ]);
    await stand.endChat(chat.contactId);
  });

  it('completes a file still uploading when send() is called once its PUT ends, and the promise waits for it', async () => {
    const { el, chat, stand } = await mount((el) => (el.completeOnSend = true));
    // About a second of PUT at this pace: Send is pressed in the middle of it.
    await stand.setFaults([{ route: 's3-put', slowBytesPerSecond: 300_000, times: 1 }]);
    const file = makeFile('video-note.pdf', 300_000, 'application/pdf', 8);
    el.upload([file]);
    await until(() => (el.uploads[0]?.loaded ?? 0) > 0, 'the first bytes');
    expect(el.uploads[0]?.state).to.equal('uploading');
    const uploadId = el.uploads[0]?.uploadId;
    const result = await el.send();
    expect(result.completed).to.deep.equal([uploadId]);
    const [stored] = await stand.attachments(chat.contactId);
    expect(stored?.completeCount).to.equal(1);
    expect(stored?.stored?.sha256).to.equal(await sha256Hex(file));
  });

  it('a staged attachment refused as stale is started over once and completed exactly once, with no error left', async () => {
    const { el, chat, stand, events } = await mount((el) => (el.completeOnSend = true));
    const file = makeFile('old-photo.pdf', 50_000, 'application/pdf', 9);
    el.upload([file]);
    await allReady(el, 1);
    const uploadId = el.uploads[0]?.uploadId;
    // The attachment waited "a minute" (on the AWS side's clock) for a Complete it may wait 30 s for.
    await stand.setOptions({ maxStagedMs: 30_000, clockOffsetMs: 60_000 });
    const result = await el.send();
    expect(result).to.deep.equal({ completed: [uploadId], failed: [], textSent: false });
    const stored = await stand.attachments(chat.contactId);
    expect(stored.map((a) => [a.completeRequests, a.completeCount])).to.deep.equal(
      [
        [1, 0],
        [1, 1],
      ],
      'the stale one refused, the new one completed once',
    );
    expect(stored[1]?.stored?.sha256).to.equal(await sha256Hex(file));
    const items = (await stand.transcript(chat.contactId)).filter((item) => item.Type === 'ATTACHMENT');
    expect(items.map((item) => item.Attachments?.[0]?.AttachmentId)).to.deep.equal([stored[1]?.attachmentId], 'one attachment in the chat');
    expect(events.filter((event) => event.type === 'attachment-error')).to.deep.equal([]);
    expect(events.filter((event) => event.type === 'attachment-started')).to.have.length(2);
  });

  it('a chat switched before Send fails the staged file with chat-changed and completes nothing in the new chat', async () => {
    const { el, chat, stand, events } = await mount((el) => (el.completeOnSend = true));
    el.upload([makeFile('for-chat-a.pdf', 20_000, 'application/pdf', 10)]);
    await allReady(el, 1);
    const other = await stand.createChat();
    el.token = other.connectionToken;
    const result = await el.send();
    expect(result.completed).to.deep.equal([]);
    expect(result.failed).to.have.length(1);
    const error = events.find((event) => event.type === 'attachment-error');
    expect(error?.detail).to.include({ code: 'chat-changed', stage: 'complete', retryable: false });
    expect(await stand.attachments(other.contactId)).to.deep.equal([], 'nothing in the new chat');
    expect((await stand.attachments(chat.contactId))[0]?.completeRequests, 'nor in the old one').to.equal(0);
    await el.updateComplete;
    expect(el.shadowRoot?.querySelector('[part=error]')?.textContent).to.equal('This file was for an earlier chat and was not sent.');
  });

  it('tells the customer the chat reached its attachment limit when Start is refused for the quota', async () => {
    const { el, events } = await mount((el) => (el.completeOnSend = true), 1);
    el.upload([makeFile('one.pdf', 1_000, 'application/pdf', 11)]);
    await allReady(el, 1);
    el.upload([makeFile('two.pdf', 1_000, 'application/pdf', 12)]);
    await until(() => el.uploads[1]?.state === 'failed', 'the refused Start');
    expect(events.find((event) => event.type === 'attachment-error')?.detail).to.include({ code: 'quota-exceeded', stage: 'start' });
    await el.updateComplete;
    const item = el.shadowRoot?.querySelector(`li[data-id="${el.uploads[1]?.uploadId}"]`);
    expect(item?.querySelector('[part=error]')?.textContent).to.equal('This chat has reached its attachment limit.');
  });
});
