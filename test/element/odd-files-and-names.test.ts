/** Awkward files, each with a clear outcome. */
import { expect } from '@open-wc/testing';
import { announced, delay, mount, settled } from '../helpers/element.js';
import { makeFile, sha256Hex } from '../helpers/stand-in.js';

describe('bad inputs', () => {
  it('rejects an empty file and a file with no extension and no type, sending nothing', async () => {
    const { el, events } = await mount();
    el.upload([new File([], 'empty.pdf', { type: 'application/pdf' }), new File(['x'], 'Makefile', { type: '' })]);
    await delay(50);
    const reasons = events.filter((event) => event.type === 'attachment-reject').map((event) => event.detail['reason']);
    expect(reasons).to.deep.equal(['empty-file', 'file-type']);
    expect(el.uploads).to.have.length(0);
  });

  it('shortens a name over 256 characters for Connect, keeping the extension; the file is unchanged', async () => {
    const { el, chat, stand } = await mount();
    const longName = `${'a'.repeat(150)}${'😀'.repeat(60)}.txt`;
    const file = makeFile(longName, 500);
    el.upload([file]);
    await settled(el);
    const [stored] = await stand.attachments(chat.contactId);
    expect(stored?.status).to.equal('completed');
    expect(stored?.name.length).to.be.at.most(256);
    expect(stored?.name.endsWith('.txt')).to.equal(true);
    expect(longName.startsWith(stored?.name.slice(0, -4) ?? '-')).to.equal(true, 'a prefix of the real name');
    expect(stored?.name).to.not.match(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/, 'no half emoji');
    expect(el.uploads[0]?.file.name).to.equal(longName);
    expect(stored?.stored?.sha256).to.equal(await sha256Hex(file));
  });

  it('uploads non-ASCII names as they are', async () => {
    const { el, chat, stand } = await mount();
    const names = ['résumé façade.pdf', '報告書 2026.txt', 'Ünïcødé 🚀.png', 'name "with" quotes\\.csv'];
    el.upload(names.map((name, i) => makeFile(name, 100 + i, name.endsWith('.pdf') ? 'application/pdf' : '')));
    await settled(el);
    const stored = (await stand.attachments(chat.contactId)).map((a) => a.name).sort();
    expect(stored).to.deep.equal([...names].sort());
    expect(el.uploads.every((upload) => upload.state === 'done')).to.equal(true);
    await el.updateComplete;
    const rendered = el.shadowRoot?.querySelectorAll('.name') ?? [];
    expect(Array.from(rendered, (node) => node.textContent)).to.deep.equal(names, 'names rendered as text');
  });

  it('renders a file name as text, never as markup', async () => {
    const { el } = await mount((el) => (el.manual = true));
    el.upload([makeFile('<img src=x onerror=alert(1)>.txt', 10)]);
    await el.updateComplete;
    expect(el.shadowRoot?.querySelector('img')).to.equal(null);
    expect(el.shadowRoot?.querySelector('.name')?.textContent).to.equal('<img src=x onerror=alert(1)>.txt');
  });

  it('uploads the same file given twice as two attachments, each completed once', async () => {
    const { el, chat, stand, events } = await mount();
    const file = makeFile('twice.txt', 300);
    el.upload([file]);
    el.upload([file]);
    await settled(el);
    const ids = events.filter((event) => event.type === 'attachment-completed').map((event) => event.detail['attachmentId']);
    expect(new Set(ids).size).to.equal(2);
    const attachments = await stand.attachments(chat.contactId);
    expect(attachments.map((a) => a.completeCount)).to.deep.equal([1, 1]);
    const uploadIds = events.filter((event) => event.type === 'attachment-select').map((event) => event.detail['uploadId']);
    expect(new Set(uploadIds).size).to.equal(2, 'each has its own uploadId');
  });

  it('takes max-files from thousands of dropped files, rejects the rest, and announces the batch once', async () => {
    const { el, events } = await mount((el) => {
      el.maxFiles = 35;
      el.manual = true;
    });
    const files = Array.from({ length: 3000 }, (_, i) => new File(['x'], `f${i}.txt`, { type: 'text/plain' }));
    const transfer = new DataTransfer();
    for (const file of files) transfer.items.add(file);
    const started = performance.now();
    el.shadowRoot
      ?.querySelector('[part=dropzone]')
      ?.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    await el.updateComplete;
    console.log(`3000 dropped files handled in ${Math.round(performance.now() - started)} ms`);
    await announced(el); // announcements are gathered for a moment, then said once
    expect(el.uploads).to.have.length(35);
    const rejects = events.filter((event) => event.type === 'attachment-reject');
    expect(rejects).to.have.length(2965);
    expect(rejects.every((event) => event.detail['reason'] === 'too-many-files')).to.equal(true);
    expect(el.shadowRoot?.querySelector('[role=status]')?.textContent?.trim()).to.equal(
      '2,965 files were not added.',
      'the count formatted for the language (en)',
    );
    expect(el.shadowRoot?.querySelectorAll('[part=item]')).to.have.length(35);
  });

  it('rejects a folder named like a picture, and never starts an attachment for it', async () => {
    const { el, chat, stand, events } = await mount();
    const folder = new File([new Uint8Array(4096)], 'photos.png', { type: '' });
    const photo = makeFile('photo.png', 2_000, 'image/png');
    const entries = new Map([
      [folder, { isDirectory: true, isFile: false, name: folder.name }],
      [photo, { isDirectory: false, isFile: true, name: photo.name }],
    ]);
    // A drop as the browser gives a folder: a File that cannot be read, told apart only by its entry.
    const items = [folder, photo].map((file) => ({ kind: 'file', getAsFile: () => file, webkitGetAsEntry: () => entries.get(file) }));
    const drop = new Event('drop', { bubbles: true, cancelable: true, composed: true });
    Object.defineProperty(drop, 'dataTransfer', { value: { types: ['Files'], items, files: [folder, photo] } });
    // A folder whose entries cannot be read (this one has no reader) is rejected once the drop was looked at.
    const rejectedOnce = new Promise((resolve) => el.addEventListener('attachment-reject', resolve, { once: true }));
    el.shadowRoot?.querySelector('[part=dropzone]')?.dispatchEvent(drop);
    await rejectedOnce;
    await settled(el);

    const rejected = events.filter((event) => event.type === 'attachment-reject');
    expect(rejected.map((event) => event.detail.reason)).to.deep.equal(['folder']);
    expect(String(rejected[0]?.detail.message)).to.contain('photos.png');
    const attachments = await stand.attachments(chat.contactId);
    expect(attachments.map((attachment) => attachment.name)).to.deep.equal(['photo.png']);
  });
});
