/**
 * The element on a page that changes: frameworks move elements (re-parenting keeps the work) and
 * remove them (uploads already given go on; previews are released, and made again on return).
 */
import { expect } from '@open-wc/testing';
import { delay, mount, nextFrame, pasteFile, pngFile, settled } from '../helpers/element.js';
import { makeFile, standIn } from '../helpers/stand-in.js';

afterEach(async () => (await standIn()).clearFaults());

const previewOf = (el: HTMLElement) => el.shadowRoot?.querySelector<HTMLImageElement>('img[part=preview]')?.src;
/** True while the object URL still gives its bytes. */
const live = (url: string) =>
  fetch(url).then(
    (response) => response.ok,
    () => false,
  );

describe('moving the element', () => {
  it('keeps a running upload, which completes once, and its events still reach the element', async () => {
    const { el, stand, chat } = await mount();
    await stand.setFaults([{ route: 's3-put', slowBytesPerSecond: 256 * 1024, times: 1 }]);
    const progressed = new Promise((resolve) => el.addEventListener('attachment-progress', resolve, { once: true }));
    el.upload([makeFile('moving.txt', 256 * 1024)]);
    await progressed;
    const elsewhere = document.createElement('section');
    document.body.append(elsewhere);
    try {
      elsewhere.append(el);
      await settled(el);
      await el.updateComplete;
      expect(el.uploads.map((upload) => upload.state)).to.deep.equal(['done']);
      expect(el.shadowRoot?.querySelector('li[data-id]')?.getAttribute('data-state')).to.equal('done');
      const [stored] = await stand.attachments(chat.contactId);
      expect(stored).to.include({ status: 'completed', completeCount: 1 });
    } finally {
      elsewhere.remove();
    }
  });

  it('keeps a finished image’s preview live and shown', async () => {
    const { el } = await mount();
    el.upload([pngFile('kept.png')]);
    await settled(el);
    await el.updateComplete;
    const before = previewOf(el) as string;
    expect(before).to.match(/^blob:/);
    const elsewhere = document.createElement('div');
    document.body.append(elsewhere);
    try {
      elsewhere.append(el);
      await delay(50);
      await el.updateComplete;
      expect(previewOf(el)).to.equal(before, 'the same preview');
      expect(await live(before)).to.equal(true, 'its object URL was not revoked');
    } finally {
      elsewhere.remove();
    }
  });

  it('keeps taking pastes from its paste-target', async () => {
    const composer = document.createElement('div');
    composer.id = 'moving-composer';
    document.body.append(composer);
    const elsewhere = document.createElement('div');
    document.body.append(elsewhere);
    try {
      const { el } = await mount((el) => (el.pasteTarget = '#moving-composer'));
      elsewhere.append(el);
      await el.updateComplete;
      const pasted = pasteFile(composer, pngFile('after-move.png'));
      expect(pasted.defaultPrevented).to.equal(true, 'the element took the paste');
      await settled(el);
      expect(el.uploads.map((upload) => upload.file.name)).to.deep.equal(['after-move.png']);
    } finally {
      composer.remove();
      elsewhere.remove();
    }
  });
});

describe('removing the element', () => {
  it('lets a running upload finish, then releases the previews, and draws them again when it is back', async () => {
    const { el, stand, chat } = await mount();
    await stand.setFaults([{ route: 'complete-attachment-upload', delayMs: 300, times: 1 }]);
    const parent = el.parentElement as HTMLElement;
    el.upload([pngFile('left.png')]);
    await el.updateComplete;
    const shown = previewOf(el) as string;
    expect(shown).to.match(/^blob:/);
    el.remove();
    const completed = new Promise((resolve) => el.addEventListener('attachment-completed', resolve, { once: true }));
    await completed;
    const [stored] = await stand.attachments(chat.contactId);
    expect(stored).to.include({ status: 'completed', completeCount: 1 }, 'the file given before removal reached the chat');
    await delay(20);
    expect(await live(shown)).to.equal(false, 'the preview was revoked');
    await delay(50);
    expect(el.shadowRoot?.querySelectorAll('img[part=preview]')).to.have.length(1, 'nothing drawn anew while away');
    expect(previewOf(el)).to.equal(shown, 'no new preview was made while it was away');

    parent.append(el);
    await el.updateComplete;
    await nextFrame();
    await el.updateComplete;
    const back = previewOf(el) as string;
    expect(back).to.match(/^blob:/);
    expect(back).not.to.equal(shown, 'a new preview');
    expect(await live(back)).to.equal(true);
    expect(el.shadowRoot?.querySelector('li[data-id]')?.getAttribute('data-state')).to.equal('done', 'drawn as it is now');
  });

  it('stops listening to its paste-target', async () => {
    const composer = document.createElement('div');
    composer.id = 'removed-composer';
    document.body.append(composer);
    try {
      const { el } = await mount((el) => (el.pasteTarget = composer));
      el.remove();
      const pasted = pasteFile(composer, pngFile('ignored.png'));
      expect(pasted.defaultPrevented).to.equal(false, 'nobody took the paste');
      expect(el.uploads).to.deep.equal([]);
    } finally {
      composer.remove();
    }
  });
});
