/** The element against the local Connect stand-in: files really reach S3 and the chat. */
import { expect } from '@open-wc/testing';
import { mount, settled } from '../helpers/element.js';
import { makeFile, sha256Hex } from '../helpers/stand-in.js';

describe('<connect-attachment-upload> uploads through the stand-in', () => {
  it("puts a file's exact bytes in S3 and completes it once, with every stage reported in order", async () => {
    const { el, chat, stand, events } = await mount();
    const file = makeFile('report.pdf', 300_000, 'application/pdf');
    el.upload([file]);
    await settled(el);

    const types = events.map((event) => event.type).filter((type, i, all) => type !== 'attachment-progress' || all[i - 1] !== type);
    expect(types).to.deep.equal([
      'attachment-select',
      'attachment-started',
      'attachment-progress',
      'attachment-uploaded',
      'attachment-completed',
    ]);
    const completed = events.at(-1)?.detail;
    const progress = events.filter((event) => event.type === 'attachment-progress').map((event) => event.detail);
    expect(progress.at(-1)).to.include({ loaded: file.size, total: file.size });

    const [stored, ...others] = await stand.attachments(chat.contactId);
    expect(others).to.have.length(0);
    expect(stored).to.include({
      attachmentId: completed?.['attachmentId'],
      name: 'report.pdf',
      contentType: 'application/pdf',
      status: 'completed',
      completeCount: 1,
    });
    expect(stored?.stored?.sha256).to.equal(await sha256Hex(file), 'bytes in S3 are the bytes of the file');
    expect(el.uploads[0]).to.include({ state: 'done', attachmentId: completed?.['attachmentId'] });
  });

  it('completes three files exactly once each', async () => {
    const { el, chat, stand, events } = await mount((el) => (el.concurrency = 2));
    const files = [
      makeFile('a.txt', 10, 'text/plain', 1),
      makeFile('b.png', 150_000, 'image/png', 2),
      makeFile('c.csv', 4_000, 'text/csv', 3),
    ];
    el.upload(files);
    await settled(el);

    const completed = events.filter((event) => event.type === 'attachment-completed');
    expect(completed.map((event) => (event.detail['file'] as File).name).sort()).to.deep.equal(['a.txt', 'b.png', 'c.csv']);
    const attachments = await stand.attachments(chat.contactId);
    expect(attachments).to.have.length(3);
    for (const file of files) {
      const stored = attachments.find((attachment) => attachment.name === file.name);
      expect(stored, file.name).to.include({ status: 'completed', completeCount: 1 });
      expect(stored?.stored?.sha256, file.name).to.equal(await sha256Hex(file));
    }
  });

  it('derives the type of a file the browser could not type, and sends the same value to Start and S3', async () => {
    const { el, chat, stand } = await mount();
    const file = new File([new Uint8Array([1, 2, 3, 4])], 'photo.heic', { type: '' });
    el.upload([file]);
    await settled(el);
    const [stored] = await stand.attachments(chat.contactId);
    expect(stored).to.include({ contentType: 'image/heic', status: 'completed' });
  });

  it('accepts files dropped on the drop zone', async () => {
    const { el, chat, stand } = await mount();
    const transfer = new DataTransfer();
    transfer.items.add(makeFile('dropped.txt', 2_000));
    const zone = el.shadowRoot?.querySelector('[part=dropzone]');
    zone?.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true, composed: true }));
    await settled(el);
    const [stored] = await stand.attachments(chat.contactId);
    expect(stored).to.include({ name: 'dropped.txt', status: 'completed' });
  });

  it('holds files in manual mode until upload() is called', async () => {
    const { el, chat, stand } = await mount((el) => (el.manual = true));
    el.upload([makeFile('later.txt', 100)]);
    await el.updateComplete;
    expect(el.uploads[0]?.state).to.equal('queued');
    expect(await stand.attachments(chat.contactId)).to.have.length(0, 'nothing sent before upload()');
    const start = el.shadowRoot?.querySelector<HTMLButtonElement>('[part=start]');
    expect(start?.textContent?.trim()).to.equal('Upload');
    start?.click();
    await settled(el);
    expect((await stand.attachments(chat.contactId))[0]).to.include({ status: 'completed' });
  });

  it('takes no file from upload() while disabled, as from the picker, a drop or a paste, and says so by returning no uploadId', async () => {
    const { el, chat, stand, events } = await mount((el) => (el.disabled = true));
    expect(el.upload([makeFile('ignored.txt', 100)])).to.deep.equal([]);
    expect(el.uploads).to.deep.equal([]);
    expect(events).to.deep.equal([], 'no event for a file not taken');
    el.disabled = false;
    const taken = el.upload([makeFile('taken.txt', 100)]);
    expect(taken, 'taken at once, before the next render').to.have.length(1);
    expect(taken[0]).to.equal(el.uploads[0]?.uploadId);
    await settled(el);
    expect(el.uploads.map((u) => [u.state, u.error?.message])).to.deep.equal([['done', undefined]]);
    expect((await stand.attachments(chat.contactId)).map((a) => a.name)).to.deep.equal(['taken.txt']);
  });
});
