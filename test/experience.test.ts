/** What a customer sees and hears: states, words, keyboard, paste, previews, the form value. */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { DEFAULT_STRINGS } from '../src/index.js';
import type { ConnectAttachmentUpload } from '../src/index.js';
import { announced, mount, settled } from './helpers/element.js';
import { makeFile, standIn } from './helpers/stand-in.js';

afterEach(async () => (await standIn()).clearFaults());

const shadow = (el: HTMLElement) => el.shadowRoot as ShadowRoot;
const text = (el: HTMLElement, selector: string) => shadow(el).querySelector(selector)?.textContent?.trim() ?? '';
const pngFile = (name: string) =>
  new File(
    [Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0))],
    name,
    { type: 'image/png' },
  );

/**
 * A paste event carrying `clipboard`. Firefox ignores `clipboardData` in the constructor of a
 * synthetic event (a real paste has it), so it is set on the event itself.
 */
function pasteEvent(clipboard: DataTransfer, composed = false): ClipboardEvent {
  const event = new ClipboardEvent('paste', { bubbles: true, cancelable: true, composed });
  Object.defineProperty(event, 'clipboardData', { value: clipboard });
  return event;
}

/** Every text the live regions held, in order. */
function listen(el: HTMLElement): { polite: string[]; assertive: string[] } {
  const heard = { polite: [] as string[], assertive: [] as string[] };
  const observe = (selector: string, into: string[]) => {
    const region = shadow(el).querySelector(selector) as HTMLElement;
    new MutationObserver(() => {
      const said = region.textContent?.trim();
      if (said) into.push(said);
    }).observe(region, { childList: true, characterData: true, subtree: true });
  };
  observe('[role=status]', heard.polite);
  observe('[role=alert]', heard.assertive);
  return heard;
}

const count = (haystack: string[], needle: string) => haystack.filter((said) => said.includes(needle)).length;

describe('states, accessibly', () => {
  it('has no axe violations when idle, dragging, uploading, finalizing, done, failed, rejected and with many files', async function () {
    this.timeout(60_000);
    const { el, stand } = await mount();
    await expect(el).to.be.accessible();

    const transfer = new DataTransfer();
    transfer.items.add(makeFile('drag.txt', 10));
    shadow(el).querySelector('[part=dropzone]')?.dispatchEvent(new DragEvent('dragenter', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    await el.updateComplete;
    expect(text(el, '[part=dropzone]')).to.contain(DEFAULT_STRINGS.dropHere);
    expect(el.matches(':state(dragging)')).to.equal(true);
    await expect(el).to.be.accessible();
    shadow(el).querySelector('[part=dropzone]')?.dispatchEvent(new DragEvent('dragleave', { bubbles: true }));

    await stand.setFaults([
      { route: 's3-put', slowBytesPerSecond: 256 * 1024, times: 1 },
      { route: 'complete-attachment-upload', delayMs: 1500, times: 2 },
    ]);
    el.upload([makeFile('slow.mp4', 3_000_000, 'video/mp4')]);
    await new Promise((resolve) => el.addEventListener('attachment-progress', resolve, { once: true }));
    await el.updateComplete;
    expect(el.matches(':state(uploading)')).to.equal(true);
    await expect(el).to.be.accessible();
    el.cancel();

    el.upload([makeFile('small.txt', 100)]);
    await new Promise((resolve) => el.addEventListener('attachment-uploaded', resolve, { once: true }));
    await el.updateComplete;
    expect(el.uploads.at(-1)?.state).to.equal('finalizing');
    await expect(el).to.be.accessible();
    await settled(el);
    await expect(el).to.be.accessible();

    await stand.setFaults([{ route: 's3-put', status: 403, errorType: 'AccessDenied', times: 1 }]);
    el.upload([makeFile('refused.txt', 100)]);
    await settled(el);
    await el.updateComplete;
    expect(el.matches(':state(error)')).to.equal(true);
    await expect(el).to.be.accessible();

    el.upload([makeFile('tool.exe', 10, 'application/x-msdownload')]);
    await announced(el);
    await expect(el).to.be.accessible();

    el.manual = true;
    el.upload(Array.from({ length: 30 }, (_, i) => makeFile(`many-${i}.png`, 10, 'image/png', i)));
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('keeps progress below 100 % until Complete succeeds, then says "Sent"', async () => {
    const { el, stand } = await mount();
    await stand.setFaults([{ route: 'complete-attachment-upload', delayMs: 800, times: 1 }]);
    el.upload([makeFile('a.txt', 20_000)]);
    await new Promise((resolve) => el.addEventListener('attachment-uploaded', resolve, { once: true }));
    await el.updateComplete;
    const progress = shadow(el).querySelector('progress') as HTMLProgressElement;
    expect(progress.value).to.be.below(100);
    expect(progress.getAttribute('aria-valuetext')).to.match(/^99\s?%/);
    expect(text(el, '.state')).to.equal(DEFAULT_STRINGS.states.finalizing);
    await settled(el);
    await el.updateComplete;
    expect(text(el, '.state')).to.equal(DEFAULT_STRINGS.states.done);
    expect(shadow(el).querySelector('progress')).to.equal(null);
  });

  it('shows a batch line for several files', async () => {
    const { el } = await mount((el) => (el.manual = true));
    el.upload([makeFile('a.txt', 100), makeFile('b.txt', 300)]);
    await el.updateComplete;
    expect(text(el, '[part=summary]')).to.match(/^0 of 2 files sent · 0\s?%$/);
  });

  it('shows the scan verdict the host passes on, and drops a rejected attachment from the form value', async () => {
    const form = await fixture<HTMLFormElement>(html`<form><connect-attachment-upload name="files"></connect-attachment-upload></form>`);
    const el = form.querySelector('connect-attachment-upload') as ConnectAttachmentUpload;
    const stand = await standIn();
    const chat = await stand.createChat();
    Object.assign(el, { endpoint: stand.endpoint, token: chat.connectionToken });
    const heard = listen(el);
    el.upload([makeFile('scan.pdf', 100, 'application/pdf')]);
    await settled(el);
    const id = el.uploads[0]?.attachmentId as string;
    el.setAttachmentStatus(id, 'IN_PROGRESS');
    await el.updateComplete;
    expect(text(el, '.state')).to.equal(DEFAULT_STRINGS.states.scanning);
    el.setAttachmentStatus(id, 'REJECTED');
    await announced(el);
    expect(text(el, '.state')).to.equal(DEFAULT_STRINGS.states.scanRejected);
    expect(count(heard.assertive, 'scan.pdf was rejected by the security scan.')).to.equal(1);
    expect(new FormData(form).getAll('files')).to.deep.equal([]);
  });
});

describe('announcements', () => {
  it('says each file started and was attached, once each', async () => {
    const { el } = await mount();
    const heard = listen(el);
    el.upload([makeFile('note.txt', 1_000)]);
    await settled(el);
    await announced(el);
    expect(count(heard.polite, 'Uploading note.txt.')).to.equal(1);
    expect(count(heard.polite, 'note.txt was attached.')).to.equal(1);
    expect(heard.assertive).to.deep.equal([]);
  });

  it('says a failure assertively, in words, once', async () => {
    const { el, stand } = await mount((el) => (el.retryPolicy = { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 }));
    await stand.setFaults([{ route: 'start-attachment-upload', status: 402, errorType: 'ServiceQuotaExceededException', times: 1 }]);
    const heard = listen(el);
    el.upload([makeFile('late.txt', 100)]);
    await settled(el);
    await announced(el);
    expect(heard.assertive).to.deep.equal([`late.txt could not be attached. ${DEFAULT_STRINGS.errors['quota-exceeded']}`]);
    expect(text(el, '[part=error]')).to.equal(DEFAULT_STRINGS.errors['quota-exceeded']);
  });

  it('sums up many files in one sentence', async () => {
    const { el } = await mount((el) => (el.concurrency = 6));
    const heard = listen(el);
    el.upload(Array.from({ length: 6 }, (_, i) => makeFile(`f${i}.txt`, 10, 'text/plain', i + 1)));
    await settled(el);
    await announced(el);
    // News gathered in the same moment is summed up; however the moments fall, all six are said once.
    const all = heard.polite.join(' ');
    const summed = [...all.matchAll(/(\d+) files were attached\./g)].reduce((sum, match) => sum + Number(match[1]), 0);
    const single = [...all.matchAll(/f\d\.txt was attached\./g)].length;
    expect(summed).to.be.at.least(2, 'at least one summary sentence');
    expect(summed + single).to.equal(6);
  });

  it('says rejections, with the reason, and shows them until the next files come', async () => {
    const { el } = await mount((el) => (el.manual = true));
    const heard = listen(el);
    el.upload([new File([], 'empty.txt', { type: 'text/plain' })]);
    await announced(el);
    const words = `empty.txt was not added. ${DEFAULT_STRINGS.rejections['empty-file']}`;
    expect(heard.polite).to.deep.equal([words]);
    expect(text(el, '[part=rejection] bdi')).to.equal('empty.txt', 'seen, not only heard');
    expect(text(el, '[part=rejection] [dir]')).to.equal(DEFAULT_STRINGS.rejections['empty-file']);
    el.upload([makeFile('fine.txt', 10)]);
    await el.updateComplete;
    expect(shadow(el).querySelector('[part=rejection]')).to.equal(null);
  });
});

describe('keyboard', () => {
  it('picks, cancels and retries with the keyboard alone, keeping focus on the file', async () => {
    const { el, chat, stand } = await mount();
    const before = document.createElement('button');
    before.textContent = 'before';
    el.before(before);
    before.focus();

    const input = shadow(el).querySelector('input[type=file]') as HTMLInputElement;
    let pickerOpened = 0;
    input.addEventListener('click', (event) => {
      pickerOpened++;
      event.preventDefault(); // no native dialog in a test; the user "picks" below
    });
    await sendKeys({ press: 'Tab' });
    expect(shadow(el).activeElement?.getAttribute('part')).to.equal('dropzone');
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: ' ' });
    expect(pickerOpened).to.equal(2, 'Enter and Space open the picker');

    // Slow until the cancel, whichever PUT (or preflight) the browser has reached by then.
    await stand.setFaults([{ route: 's3-put', slowBytesPerSecond: 128 * 1024, times: -1 }]);
    const picked = new DataTransfer();
    picked.items.add(makeFile('picked.mp4', 3_000_000, 'video/mp4'));
    input.files = picked.files;
    input.dispatchEvent(new Event('change'));
    await new Promise((resolve) => el.addEventListener('attachment-started', resolve, { once: true }));
    await el.updateComplete;

    await sendKeys({ press: 'Tab' });
    expect(shadow(el).activeElement?.getAttribute('aria-label')).to.equal('Cancel picked.mp4');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    await el.updateComplete;
    expect(el.uploads[0]?.state).to.equal('cancelled');
    expect(shadow(el).activeElement?.getAttribute('aria-label')).to.equal('Retry picked.mp4', 'focus moved to the next button of the file');

    await stand.clearFaults();
    await sendKeys({ press: 'Enter' });
    await settled(el);
    expect(el.uploads[0]?.state).to.equal('done');
    expect(shadow(el).activeElement?.closest('li')?.dataset['id']).to.equal(el.uploads[0]?.uploadId, 'focus stayed with the file');
    expect((await stand.attachments(chat.contactId)).filter((a) => a.status === 'completed')).to.have.length(1);
    before.remove();
  });
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

describe('previews', () => {
  it('shows an image preview from an object URL and revokes it when the file leaves the list', async () => {
    const { el } = await mount();
    el.upload([pngFile('photo.png')]);
    await settled(el);
    await el.updateComplete;
    const img = shadow(el).querySelector<HTMLImageElement>('img[part=preview]');
    expect(img?.src).to.match(/^blob:/);
    expect(img?.alt).to.equal('', 'decorative: the name is right beside it');
    const url = img?.src as string;
    expect((await fetch(url)).ok).to.equal(true);
    el.dismiss(el.uploads[0]?.uploadId as string);
    await el.updateComplete;
    const revoked = await fetch(url).then(
      () => false,
      () => true,
    );
    expect(revoked).to.equal(true, 'the object URL was revoked');
  });

  it('makes no preview for large images or other types', async () => {
    const { el } = await mount((el) => (el.manual = true));
    el.upload([makeFile('huge.png', 6 * 1024 * 1024, 'image/png'), makeFile('doc.pdf', 10, 'application/pdf')]);
    await el.updateComplete;
    expect(shadow(el).querySelectorAll('img')).to.have.length(0);
  });
});

describe('words and language', () => {
  it('takes every word from `strings` and formats numbers for `lang`', async () => {
    const { el } = await mount((el) => {
      el.manual = true;
      el.lang = 'fr';
      el.strings = { choose: 'Choisir des fichiers', states: { queued: 'En attente' } };
    });
    el.upload([makeFile('rapport.pdf', 1_572_864, 'application/pdf')]);
    await el.updateComplete;
    expect(text(el, '[part=button]')).to.equal('Choisir des fichiers');
    expect(text(el, '.state')).to.equal('En attente');
    expect(text(el, '.meta')).to.match(/^1,6\s?Mo/, 'decimal units: 1,572,864 bytes are 1.6 MB');
    el.lang = 'en';
    await el.updateComplete;
    el.requestUpdate();
    await el.updateComplete;
    expect(text(el, '.meta')).to.match(/^1\.6\s?MB/);
  });
});

describe('form value', () => {
  it('submits the AttachmentIds, is invalid while uploads run, supports required and reset', async () => {
    const form = await fixture<HTMLFormElement>(
      html`<form><connect-attachment-upload name="attachments" multiple required></connect-attachment-upload></form>`,
    );
    const el = form.querySelector('connect-attachment-upload') as ConnectAttachmentUpload;
    const stand = await standIn();
    const chat = await stand.createChat();
    Object.assign(el, { endpoint: stand.endpoint, token: chat.connectionToken });
    await el.updateComplete;
    expect(form.checkValidity()).to.equal(false, 'required and empty');
    await stand.setFaults([{ route: 'complete-attachment-upload', delayMs: 500, times: 1 }]);
    el.upload([makeFile('a.txt', 100, 'text/plain', 1), makeFile('b.txt', 100, 'text/plain', 2)]);
    await el.updateComplete;
    expect(form.checkValidity()).to.equal(false, 'still uploading');
    await settled(el);
    await el.updateComplete;
    expect(form.checkValidity()).to.equal(true);
    const ids = el.uploads.map((upload) => upload.attachmentId);
    expect(new FormData(form).getAll('attachments')).to.deep.equal(ids);
    form.reset();
    await el.updateComplete;
    expect(el.uploads).to.have.length(0);
    expect(new FormData(form).getAll('attachments')).to.deep.equal([]);
  });
});

describe('progress announcements', () => {
  it('says one file’s progress in coarse steps, each once, and never "100 %"', async () => {
    const { el, stand } = await mount();
    // Big enough that socket buffers (which the browser counts as sent) hold well under half of it.
    await stand.setFaults([{ route: 's3-put', slowBytesPerSecond: 3 * 1024 * 1024, times: 1 }]);
    const heard = listen(el);
    el.upload([makeFile('steady.mp4', 19 * 1024 * 1024, 'video/mp4')]);
    await settled(el);
    await announced(el);
    const steps = heard.polite.filter((said) => said.startsWith('steady.mp4: '));
    expect(steps.length, `progress was said: ${heard.polite.join(' | ')}`).to.be.within(1, 3);
    expect(new Set(steps).size).to.equal(steps.length, 'each step once');
    expect(steps.every((said) => /^steady\.mp4: (25|50|75)\s?%\.$/.test(said))).to.equal(true, steps.join(' | '));
  });

  it('says a batch’s progress, not each file’s, when several files run', async () => {
    const { el, stand } = await mount();
    await stand.setFaults([{ route: 's3-put', slowBytesPerSecond: 2 * 1024 * 1024, times: 2 }]);
    const heard = listen(el);
    el.upload([makeFile('one.mp4', 8 * 1024 * 1024, 'video/mp4', 1), makeFile('two.mp4', 8 * 1024 * 1024, 'video/mp4', 2)]);
    await settled(el);
    await announced(el);
    expect(heard.polite.some((said) => /^(one|two)\.mp4: /.test(said))).to.equal(false, heard.polite.join(' | '));
    const steps = heard.polite.filter((said) => said.startsWith('Uploads '));
    expect(steps.length, heard.polite.join(' | ')).to.be.within(1, 3);
    expect(new Set(steps).size).to.equal(steps.length);
  });
});
