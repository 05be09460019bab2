/**
 * The chat composer's element: the compact layout (paperclip and chips), drops on a drop-target
 * outside the element, actions that say what they do, and sent files leaving on their own.
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { DEFAULT_STRINGS } from '../../src/index.js';
import type { ConnectAttachmentUpload } from '../../src/index.js';
import { chatPanel, delay, drag, mount, settled, shadow } from '../helpers/element.js';
import { makeFile, sha256Hex, standIn } from '../helpers/stand-in.js';

afterEach(async () => (await standIn()).clearFaults());

const $ = <T extends Element = HTMLElement>(el: HTMLElement, selector: string) => shadow(el).querySelector<T>(selector);
const overlay = (el: HTMLElement) => $(el, '[part=drop-overlay]');

const compact = (el: ConnectAttachmentUpload) => {
  el.compact = true;
};

describe('compact layout, for assistive technology', () => {
  it('shows chips that wrap and scroll instead of growing, each name whole for assistive technology and in its tooltip', async () => {
    const { el } = await mount((el) => {
      compact(el);
      el.manual = true;
    });
    const long = `a-very-long-file-name-that-does-not-fit-in-a-chip-${'x'.repeat(60)}.pdf`;
    el.upload([makeFile(long, 100, 'application/pdf'), ...Array.from({ length: 29 }, (_, i) => makeFile(`f-${i}.txt`, 10))]);
    await el.updateComplete;
    await el.updateComplete;
    const list = $(el, '[part=list]') as HTMLElement;
    expect(list.scrollHeight).to.be.above(list.clientHeight, 'the chip row scrolls');
    expect(list.getBoundingClientRect().height).to.be.at.most(parseFloat(getComputedStyle(document.documentElement).fontSize) * 7.5 + 1);
    const name = $(el, 'li[data-id] .name') as HTMLElement;
    expect(name.textContent).to.equal(long);
    expect(name.title).to.equal(long);
    expect(name.scrollWidth).to.be.above(name.clientWidth, 'the name is cut with an ellipsis');
    expect(getComputedStyle(name).textOverflow).to.equal('ellipsis');
    expect($(el, 'li[data-id] [part=icon] text')?.textContent).to.equal('PDF', 'a type icon, not a preview');
    // The default layout, same files: rows again.
    el.compact = false;
    await el.updateComplete;
    expect(el.hasAttribute('compact')).to.equal(false);
    const rows = $(el, '[part=list]') as HTMLElement;
    expect(getComputedStyle(rows).display).to.equal('block');
    expect(rows.querySelectorAll('li')).to.have.length(30, 'every file drawn again in the default layout');
  });
});

describe('actions that say what they do', () => {
  for (const layout of ['default', 'compact'] as const) {
    it(`gives Cancel, Retry and Remove distinct names and icons (${layout} layout)`, async () => {
      const { el, stand } = await mount((el) => {
        el.compact = layout === 'compact';
        el.retryPolicy = { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 };
      });
      await stand.setFaults([{ route: 's3-put', slowBytesPerSecond: 64 * 1024, times: 1 }]);
      el.upload([makeFile('running.mp4', 2_000_000, 'video/mp4', 1)]);
      await new Promise((resolve) => el.addEventListener('attachment-started', resolve, { once: true }));
      await el.updateComplete;
      const icon = (button: Element | null | undefined) => button?.querySelector('path')?.getAttribute('d');
      const cancel = $(el, 'li button');
      expect(cancel?.getAttribute('aria-label')).to.equal('Cancel running.mp4');
      const cancelIcon = icon(cancel);
      el.cancel();
      await el.updateComplete;
      const [retry, remove] = shadow(el).querySelectorAll('li button');
      expect(retry?.getAttribute('aria-label')).to.equal('Retry running.mp4');
      expect(remove?.getAttribute('aria-label')).to.equal('Remove running.mp4 from the list');
      expect(remove?.getAttribute('title')).to.equal('Remove running.mp4 from the list');
      const icons = new Set([cancelIcon, icon(retry), icon(remove)]);
      expect(icons.size).to.equal(3, 'three different icons');
      expect([...icons].every(Boolean)).to.equal(true);
      (remove as HTMLButtonElement).click();
      expect(el.uploads).to.have.length(0, 'Remove takes the file off the list');
    });
  }
});

describe('drop-target', () => {
  it('takes files dropped on a target outside the element, with an overlay over it while dragging', async () => {
    const { panel, message } = chatPanel();
    const { el, chat, stand } = await mount((el) => {
      compact(el);
      el.dropTarget = '#chat-panel';
    });
    expect(panel.contains(el)).to.equal(false, 'the target is outside the element');
    const files = [makeFile('dropped-1.pdf', 120_000, 'application/pdf', 11), makeFile('dropped-2.txt', 3_000, 'text/plain', 12)];

    const over = drag(message, 'dragover', files);
    expect(over.defaultPrevented).to.equal(true, 'the target accepts the drop');
    await el.updateComplete;
    const shown = overlay(el) as HTMLElement;
    expect(shown.textContent?.trim()).to.equal(DEFAULT_STRINGS.dropHere);
    const box = panel.getBoundingClientRect();
    const laid = shown.getBoundingClientRect();
    expect([laid.left, laid.top, laid.width, laid.height].map(Math.round)).to.deep.equal(
      [box.left, box.top, box.width, box.height].map(Math.round),
      'the overlay covers the target',
    );
    expect(getComputedStyle(shown).pointerEvents).to.equal('none', 'drag events still reach the target');

    // Moving inside the target keeps it; the drop takes the files and ends it.
    drag(message, 'dragleave', [], { relatedTarget: panel });
    await el.updateComplete;
    expect(overlay(el)).to.exist;
    const drop = drag(message, 'drop', files);
    expect(drop.defaultPrevented).to.equal(true);
    await el.updateComplete;
    expect(overlay(el)).to.equal(null, 'gone after the drop');
    expect(el.matches(':state(dragging)')).to.equal(false);

    await settled(el);
    const stored = await stand.attachments(chat.contactId);
    expect(stored.map((a) => a.name).sort()).to.deep.equal(['dropped-1.pdf', 'dropped-2.txt']);
    for (const file of files) {
      const attachment = stored.find((a) => a.name === file.name);
      expect(attachment?.status, file.name).to.equal('completed');
      expect(attachment?.stored?.sha256, file.name).to.equal(await sha256Hex(file), 'bytes in S3 are the bytes of the file');
    }

    // Ended by dragend and by Escape as well.
    for (const end of [() => window.dispatchEvent(new DragEvent('dragend')), () => sendKeys({ press: 'Escape' })]) {
      drag(message, 'dragenter', [makeFile('x.txt', 1)]);
      await el.updateComplete;
      expect(overlay(el)).to.exist;
      await end();
      await el.updateComplete;
      expect(overlay(el)).to.equal(null);
    }
    panel.remove();
  });

  it('still takes drops on its own zone, once when the target contains the element', async () => {
    const { el, chat, stand } = await mount(compact);
    const panel = document.createElement('div');
    el.before(panel);
    panel.append(el);
    el.dropTarget = panel;
    await el.updateComplete;
    drag($(el, '[part=dropzone]') as HTMLElement, 'drop', [makeFile('on-zone.txt', 500)]);
    await settled(el);
    expect(el.uploads).to.have.length(1, 'taken once');
    expect((await stand.attachments(chat.contactId)).map((a) => a.name)).to.deep.equal(['on-zone.txt']);
    panel.remove();
  });

  it('is disabled with the element, follows a new target and lets go of the old one', async () => {
    const first = chatPanel();
    const { el } = await mount((el) => (el.dropTarget = first.panel));
    el.disabled = true;
    await el.updateComplete;
    expect(drag(first.message, 'dragover', [makeFile('a.txt', 1)]).defaultPrevented).to.equal(false, 'no drop while disabled');
    drag(first.message, 'drop', [makeFile('a.txt', 1)]);
    await el.updateComplete;
    expect(overlay(el)).to.equal(null);
    expect(el.uploads).to.have.length(0);

    el.disabled = false;
    const second = document.createElement('div');
    second.className = 'second-target';
    document.body.append(second);
    el.dropTarget = '.second-target';
    el.manual = true;
    await el.updateComplete;
    expect(drag(first.message, 'dragover', [makeFile('a.txt', 1)]).defaultPrevented).to.equal(false, 'the old target is let go');
    drag(second, 'drop', [makeFile('b.txt', 1)]);
    expect(el.uploads.map((u) => u.file.name)).to.deep.equal(['b.txt']);

    el.remove();
    drag(second, 'drop', [makeFile('c.txt', 1)]);
    expect(el.uploads).to.have.length(1, 'a removed element listens no more');
    first.panel.remove();
    second.remove();
  });
});

describe('dismiss-sent', () => {
  it('takes a sent file off the list after the delay and keeps a failed one, moving focus to the paperclip', async () => {
    const { el, stand } = await mount((el) => {
      compact(el);
      el.setAttribute('dismiss-sent', '300');
      el.retryPolicy = { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 };
    });
    expect(el.dismissSent).to.equal(300);
    await stand.setFaults([{ route: 'start-attachment-upload', status: 403, errorType: 'AccessDeniedException', times: 1 }]);
    el.upload([makeFile('fails.txt', 100, 'text/plain', 1)]);
    await settled(el);
    el.upload([makeFile('sent.txt', 100, 'text/plain', 2)]);
    await settled(el);
    await el.updateComplete;
    expect(el.uploads.map((u) => [u.file.name, u.state])).to.deep.equal([
      ['fails.txt', 'failed'],
      ['sent.txt', 'done'],
    ]);
    const sentChip = $(el, `li[data-id="${el.uploads[1]?.uploadId}"]`) as HTMLElement;
    (sentChip.querySelector('button') as HTMLButtonElement).focus();
    await delay(500);
    await el.updateComplete;
    expect(el.uploads.map((u) => u.file.name)).to.deep.equal(['fails.txt'], 'the sent file left, the failed one stayed');
    expect(shadow(el).activeElement?.getAttribute('part')).to.equal('dropzone', 'focus went to the paperclip');
  });

  it('waits for a pending scan verdict, leaves when approved, stays when rejected; the bare attribute means 4 s', async function () {
    this.timeout(20_000);
    const { el } = await mount((el) => (el.dismissSent = 100));
    // Connect says "being scanned" as soon as the attachment is in the chat.
    el.addEventListener('attachment-completed', (event) => el.setAttachmentStatus(event.detail.attachmentId, 'IN_PROGRESS'));
    el.upload([makeFile('approved.pdf', 100, 'application/pdf', 1), makeFile('rejected.pdf', 100, 'application/pdf', 2)]);
    await settled(el);
    await delay(300);
    await el.updateComplete;
    expect(el.uploads).to.have.length(2, 'nothing leaves while the verdict is pending');
    const [approved, rejected] = el.uploads;
    el.setAttachmentStatus(approved?.attachmentId as string, 'APPROVED');
    el.setAttachmentStatus(rejected?.attachmentId as string, 'REJECTED');
    await el.updateComplete;
    await delay(300);
    await el.updateComplete;
    expect(el.uploads.map((u) => u.file.name)).to.deep.equal(['rejected.pdf']);

    el.setAttribute('dismiss-sent', '');
    expect(el.dismissSent).to.equal(true);
    el.removeAttribute('dismiss-sent');
    expect(el.dismissSent).to.equal(undefined);
  });

  it('leaves sent files alone without dismiss-sent', async () => {
    const { el } = await mount();
    el.upload([makeFile('stays.txt', 100)]);
    await settled(el);
    await delay(300);
    await el.updateComplete;
    expect(el.uploads.map((u) => u.state)).to.deep.equal(['done']);
  });
});
