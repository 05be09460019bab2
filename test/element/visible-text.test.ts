/**
 * What a sighted user reads: progress as numbers, the files not added with their reasons, the hint
 * of what may be attached, sizes and counts in words with plurals, names and messages that keep
 * their direction in any page, and a dropped folder's files.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { DEFAULT_STRINGS } from '../../src/index.js';
import type { ConnectAttachmentUpload } from '../../src/index.js';
import { announced, mount, picker, settled, shadow, shadowText } from '../helpers/element.js';
import { makeFile, sha256Hex, standIn } from '../helpers/stand-in.js';
import { ENGLISH } from '../helpers/words.js';

afterEach(async () => (await standIn()).clearFaults());

const texts = (el: HTMLElement, selector: string) =>
  [...shadow(el).querySelectorAll(selector)].map((node) => node.textContent?.replace(/\s+/g, ' ').trim() ?? '');

/** Every text the live regions held, in order. */
function listen(el: HTMLElement): string[] {
  const heard: string[] = [];
  for (const region of shadow(el).querySelectorAll('[aria-live]')) {
    new MutationObserver(() => {
      const said = region.textContent?.trim();
      if (said) heard.push(said);
    }).observe(region, { childList: true, characterData: true, subtree: true });
  }
  return heard;
}

describe('rejections in words', () => {
  it('lists and announces each file not added, with its name and its reason', async () => {
    const { el, stand, chat } = await mount();
    const heard = listen(el);
    const tooBig = new File([new Uint8Array(25_000_000)], 'holiday.mov', { type: 'video/quicktime' });
    picker(el).pick([makeFile('setup.exe', 2_000, 'application/x-msdownload'), tooBig]);
    await announced(el);

    const rows = texts(el, '[part=rejection]');
    expect(rows).to.have.length(2);
    expect(rows[0]).to.contain('setup.exe').and.contain(DEFAULT_STRINGS.rejections['file-type']);
    expect(rows[1]).to.contain('holiday.mov').and.contain(DEFAULT_STRINGS.rejections['file-too-large']);
    expect(rows[1]).to.contain('Files can be up to 20.9 MB.', 'the limit, rounded down, in decimal MB');
    const said = heard.join(' ');
    expect(said).to.contain(`setup.exe was not added. ${DEFAULT_STRINGS.rejections['file-type']}`);
    expect(said).to.contain(`holiday.mov was not added. ${DEFAULT_STRINGS.rejections['file-too-large']} Files can be up to 20.9 MB.`);
    expect(await stand.attachments(chat.contactId)).to.have.length(0, 'nothing was started');
  });

  it('sums up more than three rejections in one announcement, and lists every one', async () => {
    const { el } = await mount((el) => (el.maxFiles = 1));
    const heard = listen(el);
    el.upload([makeFile('kept.txt', 10), ...Array.from({ length: 4 }, (_, i) => makeFile(`extra-${i}.txt`, 10))]);
    await announced(el);
    expect(heard.join(' ')).to.contain(ENGLISH.announceManyRejected({ count: 4 }));
    expect(heard.join(' ')).not.to.contain('extra-0.txt');
    const rows = texts(el, '[part=rejection]');
    expect(rows).to.have.length(4);
    expect(rows[3]).to.contain('extra-3.txt').and.contain('At most 1 file can be attached.');
    await settled(el);
  });

  it('dismisses one file, then all, and keeps focus in the list', async () => {
    const { el } = await mount();
    el.upload(['a.exe', 'b.exe', 'c.exe'].map((name) => makeFile(name, 10, 'application/x-msdownload')));
    await el.updateComplete;
    const first = shadow(el).querySelector<HTMLButtonElement>('[part=rejection] button');
    expect(first?.getAttribute('aria-label')).to.equal(ENGLISH.dismissRejection({ name: 'a.exe' }));
    first?.focus();
    first?.click();
    await el.updateComplete;
    await el.updateComplete;
    expect(texts(el, '[part=rejection] bdi')).to.deep.equal(['b.exe', 'c.exe']);
    expect(shadow(el).activeElement?.getAttribute('aria-label')).to.equal(ENGLISH.dismissRejection({ name: 'b.exe' }));
    shadow(el).querySelector<HTMLButtonElement>('.dismiss-all')?.click();
    await el.updateComplete;
    expect(shadow(el).querySelector('[part=rejections]')).to.equal(null);
  });

  it('has no axe violations with the list of rejections and the hint shown', async () => {
    const { el } = await mount((el) => (el.showHint = true));
    el.upload([makeFile('setup.exe', 10, 'application/x-msdownload'), new File([], 'empty.txt', { type: 'text/plain' })]);
    await announced(el);
    expect(texts(el, '[part=rejection]')).to.have.length(2);
    await expect(el).to.be.accessible();
  });
});

describe('the hint of what may be attached', () => {
  it('names the kinds of the default types and the limit, and describes the drop zone', async () => {
    const { el } = await mount((el) => (el.showHint = true));
    const hint = shadowText(el, '[part=hint]');
    expect(hint).to.equal(
      'PDF, images, videos, audio, Office files, text files, up to 20.9 MB each · Location and camera details are removed from photos.',
    );
    expect(shadow(el).querySelector('[part=dropzone]')?.getAttribute('aria-describedby')).to.equal('hint');
  });

  it('follows accept, max-file-size and max-files, and takes its words from strings', async () => {
    const { el } = await mount((el) => {
      el.showHint = true;
      el.accept = '.pdf, image/*, .zip';
      el.maxFileSize = 5_000_000;
      el.maxFiles = 3;
    });
    expect(shadowText(el, '[part=hint]')).to.equal(
      'PDF, images, ZIP, up to 5 MB each, at most 3 files · Location and camera details are removed from photos.',
    );
    el.strings = { hint: ({ types, size }) => `[${types}] ≤ ${size}`, hintCount: '{hint}', metadataRemoved: '[no GPS]' };
    await el.updateComplete;
    expect(shadowText(el, '[part=hint]')).to.equal('[PDF, images, ZIP] ≤ 5 MB · [no GPS]');
    el.showHint = false;
    await el.updateComplete;
    expect(shadow(el).querySelector('[part=hint]')).to.equal(null);
  });
});

describe('numbers a sighted user can read', () => {
  it('shows the percent and bytes of a 10 MB upload on a slow S3 as text that follows its progress', async function () {
    this.timeout(40_000);
    const { el, stand } = await mount();
    await stand.setFaults([{ route: 's3-put', slowBytesPerSecond: 1_000_000, times: 1 }]);
    const percents = new Set<string>();
    const seen: string[] = [];
    el.addEventListener('attachment-progress', async ({ detail }) => {
      percents.add(`${Math.min(99, Math.floor((100 * detail.loaded) / detail.total))}%`);
      await el.updateComplete;
      const shown = shadowText(el, '[part=progress-text]');
      if (shown && seen.at(-1) !== shown) seen.push(shown);
    });
    el.upload([makeFile('big.mp4', 10_000_000, 'video/mp4')]);
    await settled(el, 35_000);
    expect(seen.length).to.be.at.least(3, `the text changed as bytes went: ${seen.join(' | ')}`);
    for (const shown of seen) {
      // "45% · 4.5 MB of 10 MB", perhaps followed by the time left.
      const match = /^(\d+%) · ([\d.]+ (?:kB|MB|bytes?)) of 10 MB( · .+ left)?$/.exec(shown);
      expect(match, shown).to.not.equal(null);
      expect(percents.has(match?.[1] ?? ''), `${shown} is a percentage a progress event reported`).to.equal(true);
    }
    // When the time left shows depends on the machine's pace: time-left.test.ts checks it on a clock of its own.
    await el.updateComplete;
    expect(shadowText(el, '[part=progress-text]')).to.equal('10 MB', 'once sent, the size again, and no time left');
  });

  it('writes sizes in words with plurals: "1 byte", "225 bytes"', async () => {
    const { el } = await mount((el) => (el.manual = true));
    el.upload([makeFile('one.txt', 1), makeFile('many.txt', 225), makeFile('kilo.txt', 1_500)]);
    await el.updateComplete;
    expect(texts(el, '[part=progress-text]')).to.deep.equal(['1 byte', '225 bytes', '1.5 kB']);
  });
});

describe('text in any direction', () => {
  it('isolates a name, shown without its right-to-left override, so the text after it keeps its order', async () => {
    const { el } = await mount((el) => (el.manual = true));
    const name = 'invoice\u202Etxt.exe';
    el.upload([makeFile(name, 10, 'application/x-msdownload'), makeFile(`${name}.pdf`, 10, 'application/pdf')]);
    await el.updateComplete;
    for (const [selector, full] of [
      ['[part=rejection]', name],
      ['[part=item]', `${name}.pdf`],
    ] as const) {
      const row = shadow(el).querySelector(selector) as HTMLElement;
      const isolated = row.querySelector('.name') as HTMLElement;
      // The override is dropped from what is shown (the real extension reads last), the File keeps it.
      expect(isolated.textContent, selector).to.equal(full.replace('\u202E', ''));
      expect(getComputedStyle(isolated).unicodeBidi, selector).to.equal('isolate');
      // The words after the name are outside its isolate, in an isolate of their own.
      const after = row.querySelector('[dir]') as HTMLElement;
      expect(after.textContent?.trim().length, selector).to.be.above(0);
      expect(isolated.contains(after), selector).to.equal(false);
      expect(getComputedStyle(after).direction, selector).to.equal('ltr');
    }
  });

  it("keeps an English message left-to-right in a right-to-left page, and a page's centring out of the rows", async () => {
    const page = await fixture<HTMLDivElement>(
      html`<div dir="rtl" lang="ar" style="text-align: center">
        <connect-attachment-upload lang="en" multiple manual></connect-attachment-upload>
      </div>`,
    );
    const el = page.querySelector('connect-attachment-upload') as ConnectAttachmentUpload;
    el.upload([makeFile('setup.exe', 10, 'application/x-msdownload'), makeFile('report.pdf', 10, 'application/pdf')]);
    await el.updateComplete;
    const reason = shadow(el).querySelector('[part=rejection] [dir]') as HTMLElement;
    expect(reason.textContent).to.equal(DEFAULT_STRINGS.rejections['file-type']);
    expect(getComputedStyle(reason).direction).to.equal('ltr', 'the period ends the sentence on the right');
    expect(getComputedStyle(reason).unicodeBidi).to.equal('isolate');
    const item = shadow(el).querySelector('[part=item]') as HTMLElement;
    expect(getComputedStyle(item).textAlign).to.be.oneOf(['start', 'right'], 'not centred');
    expect(getComputedStyle(item).direction).to.equal('rtl', 'the layout still mirrors');
    const name = shadow(el).querySelector('[part=rejection] .name') as HTMLElement;
    expect(getComputedStyle(name).direction).to.equal('ltr', 'a Latin name runs left-to-right');
  });

  it('does not centre rows in a left-to-right page that centres its text, and an Arabic name keeps its direction', async () => {
    const page = await fixture<HTMLDivElement>(
      html`<div style="text-align: center">
        <connect-attachment-upload manual></connect-attachment-upload>
      </div>`,
    );
    const el = page.querySelector('connect-attachment-upload') as ConnectAttachmentUpload;
    el.upload([makeFile('تقرير.pdf', 10, 'application/pdf')]);
    await el.updateComplete;
    const item = shadow(el).querySelector('[part=item]') as HTMLElement;
    expect(getComputedStyle(item).textAlign).to.be.oneOf(['start', 'left']);
    const name = item.querySelector('.name') as HTMLElement;
    expect(getComputedStyle(name).direction).to.equal('rtl', 'an Arabic name runs right-to-left');
  });
});

/** A directory entry as the browser gives one, whose reader answers in `batches`, then with none. */
function folderEntry(name: string, batches: (File | string)[][]) {
  const fileEntry = (file: File) => ({ isFile: true, isDirectory: false, name: file.name, file: (ok: (file: File) => void) => ok(file) });
  const dirEntry = (dir: string) => ({
    isFile: false,
    isDirectory: true,
    name: dir,
    createReader: () => ({ readEntries: (ok: (entries: unknown[]) => void) => ok([]) }),
  });
  const pending = batches.map((batch) => batch.map((entry) => (typeof entry === 'string' ? dirEntry(entry) : fileEntry(entry))));
  const reads: number[] = [];
  return {
    reads,
    entry: {
      isFile: false,
      isDirectory: true,
      name,
      createReader: () => ({
        readEntries: (ok: (entries: unknown[]) => void) => {
          const batch = pending.shift() ?? [];
          reads.push(batch.length);
          setTimeout(() => ok(batch));
        },
      }),
    },
  };
}

describe('a dropped folder', () => {
  it('uploads the files in it, reads every batch, and starts no attachment for the folder', async () => {
    const { el, chat, stand, events } = await mount();
    const files = [makeFile('a.txt', 3_000), makeFile('b.pdf', 4_000, 'application/pdf'), makeFile('c.png', 5_000, 'image/png')];
    const loose = makeFile('loose.txt', 2_000);
    const folder = folderEntry('photos.png', [
      [files[0] as File, files[1] as File],
      [files[2] as File, 'nested'],
    ]);
    // Chromium gives a folder as a File that cannot be read, named like the folder.
    const folderFile = new File([new Uint8Array(4096)], 'photos.png', { type: 'image/png' });
    const items = [
      { kind: 'file', getAsFile: () => folderFile, webkitGetAsEntry: () => folder.entry },
      { kind: 'file', getAsFile: () => loose, webkitGetAsEntry: () => ({ isFile: true, isDirectory: false, name: loose.name }) },
    ];
    const drop = new Event('drop', { bubbles: true, cancelable: true, composed: true });
    Object.defineProperty(drop, 'dataTransfer', { value: { types: ['Files'], items, files: [folderFile, loose] } });
    const rejectedOnce = new Promise((resolve) => el.addEventListener('attachment-reject', resolve, { once: true }));
    shadow(el).querySelector('[part=dropzone]')?.dispatchEvent(drop);
    await rejectedOnce;
    await settled(el);

    expect(folder.reads).to.deep.equal([2, 2, 0], 'read until an empty batch');
    expect(events.filter((event) => event.type === 'attachment-reject').map((event) => (event.detail.file as File).name)).to.deep.equal(
      ['nested'],
      'a folder inside the folder is not read, and said',
    );
    const attachments = await stand.attachments(chat.contactId);
    expect(attachments.map((attachment) => attachment.name).sort()).to.deep.equal(['a.txt', 'b.pdf', 'c.png', 'loose.txt']);
    for (const file of [...files, loose]) {
      const stored = attachments.find((attachment) => attachment.name === file.name);
      expect(stored?.stored?.sha256, file.name).to.equal(await sha256Hex(file));
    }
    expect(attachments.some((attachment) => attachment.name === 'photos.png')).to.equal(false);
  });

  it("takes a pasted folder's files the same way", async () => {
    const { el, chat, stand } = await mount();
    const file = makeFile('pasted.txt', 3_000);
    const folder = folderEntry('copied', [[file]]);
    const folderFile = new File([], 'copied');
    const paste = new Event('paste', { bubbles: true, cancelable: true, composed: true });
    const items = [{ kind: 'file', getAsFile: () => folderFile, webkitGetAsEntry: () => folder.entry }];
    Object.defineProperty(paste, 'clipboardData', { value: { items, files: [folderFile] } });
    const selected = new Promise((resolve) => el.addEventListener('attachment-select', resolve, { once: true }));
    el.dispatchEvent(paste);
    expect(paste.defaultPrevented).to.equal(true);
    await selected;
    await settled(el);
    const attachments = await stand.attachments(chat.contactId);
    expect(attachments.map((attachment) => [attachment.name, attachment.stored?.sha256])).to.deep.equal([
      ['pasted.txt', await sha256Hex(file)],
    ]);
  });
});
