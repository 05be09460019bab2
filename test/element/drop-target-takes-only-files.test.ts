/**
 * The drop-target and paste-target as the page has them now: only drags that carry files are
 * taken (text dragged into the composer's own text box passes through), a target given by
 * selector is looked up when a drag or paste comes (a panel the page replaced works, the old one
 * is let go), and a target element removed from the page takes nothing.
 */
import { expect } from '@open-wc/testing';
import type { ConnectAttachmentUpload } from '../../src/index.js';
import { mount, pasteFile } from '../helpers/element.js';
import { makeFile } from '../helpers/stand-in.js';

const overlay = (el: HTMLElement) => el.shadowRoot?.querySelector('[part=drop-overlay]') ?? null;
const names = (el: ConnectAttachmentUpload) => el.uploads.map((upload) => upload.file.name);

/** A drag event carrying `files`, or text when given a string. */
function drag(target: EventTarget, type: string, content: File[] | string): DragEvent {
  const transfer = new DataTransfer();
  if (typeof content === 'string') transfer.setData('text/plain', content);
  else for (const file of content) transfer.items.add(file);
  const event = new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true, composed: true });
  target.dispatchEvent(event);
  return event;
}

/** A chat panel with its own text box, beside the element. */
function panel(id: string): { panel: HTMLElement; box: HTMLTextAreaElement } {
  const panel = document.createElement('section');
  panel.id = id;
  const box = document.createElement('textarea');
  panel.append(box);
  document.body.append(panel);
  return { panel, box };
}

const manual = (target: Element | string) => (el: ConnectAttachmentUpload) => {
  el.manual = true;
  el.dropTarget = target;
};

describe('a drop-target takes only drags that carry files', () => {
  it('lets text dragged into a text box inside it arrive, with no overlay, and still attaches dropped files', async () => {
    const { panel: chat, box } = panel('text-panel');
    try {
      const { el } = await mount(manual('#text-panel'));
      for (const type of ['dragenter', 'dragover']) {
        expect(drag(box, type, 'hello').defaultPrevented).to.equal(false, `${type} of text passes through`);
      }
      await el.updateComplete;
      expect(overlay(el)).to.equal(null, 'no overlay for text');
      expect(drag(box, 'drop', 'hello').defaultPrevented).to.equal(false, 'the text box gets the text');
      await el.updateComplete;
      expect(overlay(el)).to.equal(null);
      expect(el.uploads).to.have.length(0);

      expect(drag(box, 'dragover', [makeFile('photo.png', 10, 'image/png')]).defaultPrevented).to.equal(true);
      await el.updateComplete;
      expect(overlay(el)).to.exist;
      expect(drag(box, 'drop', [makeFile('photo.png', 10, 'image/png')]).defaultPrevented).to.equal(true, 'files are taken');
      expect(names(el)).to.deep.equal(['photo.png']);
      await el.updateComplete;
      expect(overlay(el)).to.equal(null);
    } finally {
      chat.remove();
    }
  });
});

describe('a drop-target as the page has it now', () => {
  it('given by selector, takes drops on the panel that replaced it (same id) and none on the old one', async () => {
    const old = panel('swapped-panel');
    const { el } = await mount(manual('#swapped-panel'));
    const fresh = panel('fresh');
    old.panel.replaceWith(fresh.panel);
    fresh.panel.id = 'swapped-panel';
    try {
      const onOld = drag(old.box, 'drop', [makeFile('old.txt', 10)]);
      expect(onOld.defaultPrevented).to.equal(false, 'the detached panel is let go');
      expect(el.uploads).to.have.length(0, 'a drop on the detached panel adds nothing');
      expect(drag(fresh.box, 'drop', [makeFile('new.txt', 10)]).defaultPrevented).to.equal(true);
      expect(names(el)).to.deep.equal(['new.txt'], 'the new panel works without setting dropTarget again');
    } finally {
      fresh.panel.remove();
    }
  });

  it('given as an element, takes nothing once the element left the page', async () => {
    const { panel: chat, box } = panel('removed-panel');
    const { el } = await mount(manual(chat));
    chat.remove();
    expect(drag(box, 'dragover', [makeFile('gone.txt', 10)]).defaultPrevented).to.equal(false);
    expect(drag(box, 'drop', [makeFile('gone.txt', 10)]).defaultPrevented).to.equal(false);
    await el.updateComplete;
    expect(overlay(el)).to.equal(null);
    expect(el.uploads).to.have.length(0, 'a drop on the removed target adds nothing');
  });

  it('a paste-target given by selector is looked up when a paste comes, too', async () => {
    const old = panel('swapped-composer');
    const { el } = await mount((el) => {
      el.manual = true;
      el.pasteTarget = '#swapped-composer';
    });
    const fresh = panel('fresh-composer');
    old.panel.replaceWith(fresh.panel);
    fresh.panel.id = 'swapped-composer';
    try {
      expect(pasteFile(old.box, makeFile('old.png', 10, 'image/png')).defaultPrevented).to.equal(false);
      expect(pasteFile(fresh.box, makeFile('new.png', 10, 'image/png')).defaultPrevented).to.equal(true);
      expect(names(el)).to.deep.equal(['new.png']);
    } finally {
      fresh.panel.remove();
    }
  });
});
