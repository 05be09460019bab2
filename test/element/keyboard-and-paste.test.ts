/**
 * Files without a mouse: picking, cancelling and retrying with the keyboard alone (one walk for the
 * default and compact layouts), and files pasted on the element or in the page's paste-target.
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { DEFAULT_STRINGS } from '../../src/index.js';
import { mount, picker, pngFile, settled, shadow } from '../helpers/element.js';
import { makeFile, standIn } from '../helpers/stand-in.js';
import { ENGLISH } from '../helpers/words.js';

/**
 * A paste event carrying `clipboard`. Firefox ignores `clipboardData` in the constructor of a
 * synthetic event (a real paste has it), so it is set on the event itself.
 */
function pasteEvent(clipboard: DataTransfer, composed = false): ClipboardEvent {
  const event = new ClipboardEvent('paste', { bubbles: true, cancelable: true, composed });
  Object.defineProperty(event, 'clipboardData', { value: clipboard });
  return event;
}

afterEach(async () => (await standIn()).clearFaults());

const label = (el: HTMLElement) => shadow(el).activeElement?.getAttribute('aria-label');

describe('keyboard only, in both layouts', () => {
  for (const layout of ['default', 'compact'] as const) {
    it(`picks, cancels, retries a failure and a cancel, keeping focus on the file (${layout} layout)`, async () => {
      const { el, chat, stand } = await mount((el) => (el.compact = layout === 'compact'));
      el.retryPolicy = { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 };
      const before = document.createElement('button');
      before.textContent = 'before';
      el.before(before);
      before.focus();

      const filePicker = picker(el);
      await sendKeys({ press: 'Tab' });
      expect(shadow(el).activeElement?.getAttribute('part')).to.equal('dropzone');
      if (layout === 'compact') expect(label(el)).to.equal(DEFAULT_STRINGS.attach, 'the paperclip says what it does');
      await sendKeys({ press: 'Enter' });
      await sendKeys({ press: ' ' });
      expect(filePicker.opened).to.equal(2, 'Enter and Space open the picker');

      // Slow until the cancel, whichever PUT (or preflight) the browser has reached by then.
      await stand.setFaults([{ route: 's3-put', slowBytesPerSecond: 128 * 1024, times: -1 }]);
      filePicker.pick([makeFile('picked.mp4', 3_000_000, 'video/mp4')]);
      await new Promise((resolve) => el.addEventListener('attachment-started', resolve, { once: true }));
      await el.updateComplete;

      // The default layout lists files after its drop zone; compact puts the chips before the
      // paperclip, on screen and in the tab order: from the control before the element, Tab
      // reaches the chip's Cancel first.
      if (layout === 'compact') before.focus();
      await sendKeys({ press: 'Tab' });
      expect(label(el)).to.equal(ENGLISH.cancel({ name: 'picked.mp4' }));
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      await el.updateComplete;
      expect(el.uploads[0]?.state).to.equal('cancelled');
      expect(label(el)).to.equal(ENGLISH.retry({ name: 'picked.mp4' }), 'focus moved to the next button of the file');

      // A retryable failure offers Retry too.
      await stand.setFaults([{ route: 's3-put', status: 503, errorType: 'SlowDown', times: 1 }]);
      await sendKeys({ press: 'Enter' });
      await settled(el);
      await el.updateComplete;
      expect(el.uploads[0]).to.include({ state: 'failed' });
      expect(el.uploads[0]?.error?.retryable).to.equal(true);
      expect(label(el)).to.equal(ENGLISH.retry({ name: 'picked.mp4' }));

      await sendKeys({ press: 'Enter' });
      await settled(el);
      await el.updateComplete;
      expect(el.uploads[0]?.state).to.equal('done');
      expect(shadow(el).activeElement?.closest('li')?.dataset['id']).to.equal(el.uploads[0]?.uploadId, 'focus stayed with the file');
      expect((await stand.attachments(chat.contactId)).filter((a) => a.status === 'completed')).to.have.length(1);
      before.remove();
    });
  }
});

describe('paste', () => {
  it('attaches files pasted on the element', async () => {
    const { el, chat, stand } = await mount();
    const clipboard = new DataTransfer();
    clipboard.items.add(pngFile('image.png'));
    const event = pasteEvent(clipboard, true);
    shadow(el).querySelector('[part=dropzone]')?.dispatchEvent(event);
    expect(event.defaultPrevented).to.equal(true);
    await settled(el);
    expect((await stand.attachments(chat.contactId))[0]).to.include({ name: 'image.png', status: 'completed' });
  });

  it('attaches files pasted in the host-given target, and not elsewhere in the page', async () => {
    const composer = document.createElement('textarea');
    composer.id = 'composer';
    document.body.append(composer);
    try {
      const { el } = await mount((el) => (el.pasteTarget = '#composer'));
      const paste = (target: EventTarget, file: File) => {
        const clipboard = new DataTransfer();
        clipboard.items.add(file);
        target.dispatchEvent(pasteEvent(clipboard));
      };
      paste(document.body, pngFile('elsewhere.png'));
      paste(composer, pngFile('composer.png'));
      await settled(el);
      expect(el.uploads.map((upload) => upload.file.name)).to.deep.equal(['composer.png']);
      const text = new DataTransfer();
      text.setData('text/plain', 'just words');
      const words = pasteEvent(text);
      composer.dispatchEvent(words);
      expect(words.defaultPrevented).to.equal(false, 'pasting text is left to the composer');
    } finally {
      composer.remove();
    }
  });
});

describe('paste inside a paste-target', () => {
  it('takes a paste inside the element once when the target contains the element', async () => {
    const { el } = await mount();
    const chat = document.createElement('div');
    chat.id = 'chat-pane';
    el.before(chat);
    chat.append(el);
    el.pasteTarget = chat;
    await el.updateComplete;
    const clipboard = new DataTransfer();
    clipboard.items.add(pngFile('inside.png'));
    const event = new ClipboardEvent('paste', { bubbles: true, cancelable: true, composed: true });
    Object.defineProperty(event, 'clipboardData', { value: clipboard });
    el.shadowRoot?.querySelector('[part=dropzone]')?.dispatchEvent(event);
    await settled(el);
    expect(el.uploads.map((upload) => upload.file.name)).to.deep.equal(['inside.png']);
    chat.remove();
  });
});
