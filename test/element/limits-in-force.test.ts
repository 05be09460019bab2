/**
 * The limits a user is shown are the limits in force: with the instance's rules narrower than the
 * page's settings, the reject text, the event's message, the announcement, the hint and the file
 * picker all say what the uploader's `allowed` says.
 */
import { expect } from '@open-wc/testing';
import { announced, mount, shadow } from '../helpers/element.js';
import { makeFile } from '../helpers/stand-in.js';

const text = (el: HTMLElement, selector: string) => shadow(el).querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** The instance allows PDFs of at most 10,000 bytes; the page's own limits are the defaults. */
const PDF_10_KB = { AllowedExtensions: ['.pdf'], MaximumSizeLimitInBytes: 10_000 };

describe('the limits shown are the limits in force', () => {
  it('refuses a 50 kB PDF with the instance limit in the visible text, the event, the announcement and the hint', async () => {
    const { el, events } = await mount((el) => {
      el.attachmentRules = PDF_10_KB;
      el.showHint = true;
    });
    const said: string[] = [];
    for (const region of shadow(el).querySelectorAll('[aria-live]')) {
      new MutationObserver(() => said.push(region.textContent?.trim() ?? '')).observe(region, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    }
    expect(text(el, '[part=hint]')).to.equal('PDF, up to 10 kB each', 'the hint names the types and size in force');
    expect(shadow(el).querySelector('input[type=file]')?.getAttribute('accept')).to.equal('.pdf', 'the picker offers what is taken');

    el.upload([makeFile('report.pdf', 50_000, 'application/pdf')]);
    await announced(el);
    await el.updateComplete;
    const reject = events.find((event) => event.type === 'attachment-reject');
    expect(reject?.detail['reason']).to.equal('file-too-large');
    expect(reject?.detail['message']).to.equal('"report.pdf" is 50 kB; the limit is 10 kB.');
    expect(text(el, '[part=rejection]')).to.contain('Files can be up to 10 kB.');
    expect(said.join(' ')).to.contain('report.pdf was not added.').and.contain('Files can be up to 10 kB.');
    expect(el.uploads).to.have.length(0);
  });
});

describe('the count shown is the count in force', () => {
  it('without multiple or max-files, a second file given at once is refused with "At most 1 file"', async () => {
    const { el } = await mount((el) => {
      el.multiple = false;
      el.manual = true;
    });
    el.upload([makeFile('first.txt', 10), makeFile('second.txt', 10)]);
    await announced(el);
    await el.updateComplete;
    expect(text(el, '[part=rejection]')).to.contain('second.txt').and.contain('At most 1 file can be attached.');
    expect(el.uploads.map((upload) => upload.file.name)).to.deep.equal(['first.txt']);
  });
});
