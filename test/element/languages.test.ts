/**
 * The element in each language: its idle words, a rejection shown and announced, plurals of the
 * language; Arabic and Hebrew right to left in both layouts; a `lang` change followed live.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { ConnectAttachmentUpload } from '../../src/index.js';
import { LOCALES, type Locale } from '../../src/element/locale-of.js';
import { loadLanguage } from '../../src/element/locales.js';
import { type Words, compile } from '../../src/element/strings.js';
import { announced, mount, settled } from '../helpers/element.js';
import { makeFile } from '../helpers/stand-in.js';

const shadow = (el: HTMLElement) => el.shadowRoot as ShadowRoot;
const text = (el: HTMLElement, selector: string) => shadow(el).querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const polite = (el: HTMLElement) => text(el, '[role=status]').replace(/\u00a0$/, '');
const exe = (name: string) => makeFile(name, 10, 'application/x-msdownload');

/** The words the element should show for `locale`, from its own file. */
const wordsOf = async (locale: Locale): Promise<Words> => compile(await loadLanguage(locale), {}, locale);

async function inLanguage(lang: string, attributes = ''): Promise<ConnectAttachmentUpload> {
  const page = await fixture<HTMLDivElement>(
    html`<div lang=${lang}><connect-attachment-upload multiple show-hint></connect-attachment-upload></div>`,
  );
  const el = page.querySelector('connect-attachment-upload') as ConnectAttachmentUpload;
  if (attributes === 'compact') el.compact = true;
  await el.updateComplete;
  return el;
}

describe('each language', () => {
  for (const locale of LOCALES) {
    it(`${locale}: the idle drop zone, a rejection shown and announced, and a count in its plural`, async () => {
      const words = await wordsOf(locale);
      const el = await inLanguage(locale);
      expect(text(el, '[part=dropzone]')).to.equal(`${words.prompt} ${words.choose}`);
      expect(text(el, '[part=hint]')).to.contain(words.fileKinds.image);

      el.upload([exe('setup.exe')]);
      await announced(el);
      const reason = words.rejections['file-type'];
      expect(text(el, '[part=rejection] > span')).to.equal(`setup.exe ${reason}`);
      expect(shadow(el).querySelector('[part=rejections] ul')?.getAttribute('aria-label')).to.equal(words.rejectedLabel);
      expect(polite(el)).to.equal(words.announceRejected({ name: 'setup.exe', reason }));

      // Five at once are summed up: Arabic says "few" files (3 to 10), English "files".
      el.upload(['a', 'b', 'c', 'd', 'e'].map((name) => exe(`${name}.exe`)));
      await announced(el);
      expect(polite(el)).to.equal(words.announceManyRejected({ count: 5 }));
      expect(text(el, '.dismiss-all')).to.equal(words.dismissAll);
    });
  }

  it('says a sent file and shows its state in the language, with the language’s numbers', async () => {
    const words = await wordsOf('de');
    const { el } = await mount((el) => (el.lang = 'de'));
    const heard: string[] = [];
    new MutationObserver(() => heard.push(polite(el))).observe(shadow(el).querySelector('[role=status]')!, {
      childList: true,
      subtree: true,
      characterData: true,
    });
    el.upload([makeFile('bericht.txt', 1_500_000)]);
    await settled(el);
    await announced(el);
    expect(heard.join(' ')).to.contain(words.announceCompleted({ name: 'bericht.txt' }));
    expect(text(el, '.state')).to.equal(words.states.done);
    expect(text(el, '[part=progress-text]')).to.match(/^1,5\sMB$/, 'a German decimal comma');
  });
});

describe('right to left', () => {
  for (const locale of ['ar', 'he'] as const) {
    for (const compact of [false, true]) {
      it(`${locale}${compact ? ', compact' : ''}: mirrored, with its words in their own direction`, async () => {
        const words = await wordsOf(locale);
        const page = await fixture<HTMLDivElement>(
          html`<div dir="rtl" lang=${locale} style="width: 480px">
            <connect-attachment-upload multiple manual ?compact=${compact}>
              <textarea aria-label="Message"></textarea>
            </connect-attachment-upload>
          </div>`,
        );
        const el = page.querySelector('connect-attachment-upload') as ConnectAttachmentUpload;
        el.upload([makeFile('تقرير-2026.pdf', 2_000_000, 'application/pdf'), exe('setup.exe')]);
        await el.updateComplete;
        const box = (selector: string, root: ParentNode = shadow(el)) =>
          (root.querySelector(selector) as HTMLElement).getBoundingClientRect();
        const zone = shadow(el).querySelector('[part=dropzone]') as HTMLElement;
        expect(getComputedStyle(zone).direction).to.equal('rtl');
        // A file: its icon at the right, its name beside it, its buttons at the left.
        const item = shadow(el).querySelector('[part=item]') as HTMLElement;
        expect(box('.preview', item).left).to.be.above(box('.name', item).left, 'the icon is right of the name');
        expect(box('.actions', item).right).to.be.at.most(box('.name', item).left + 1, 'the buttons are left of the name');
        expect(item.querySelector('.actions button')?.getAttribute('aria-label')).to.equal(words.cancel({ name: 'تقرير-2026.pdf' }));
        // The name is isolated; the words around it are in the language's direction.
        expect(getComputedStyle(item.querySelector('.name')!).unicodeBidi).to.equal('isolate');
        const meta = item.querySelector('.meta') as HTMLElement;
        expect(meta.getAttribute('dir')).to.equal('rtl');
        expect(meta.textContent).to.contain(words.states.queued);
        // A file not added: its reason right of its dismiss button.
        const rejection = shadow(el).querySelector('[part=rejection]') as HTMLElement;
        expect(box('button', rejection).right).to.be.at.most(box('[dir]', rejection).left + 1);
        if (compact) {
          // The paperclip starts the line: right of the composer's text box.
          expect(zone.getBoundingClientRect().left).to.be.above(box('textarea', el).left);
          expect(zone.getAttribute('aria-label')).to.equal(words.attach);
        } else {
          expect(text(el, '[part=dropzone]')).to.equal(`${words.prompt} ${words.choose}`);
        }
      });
    }
  }

  it('turns the Open arrow to the left, toward the end of a right-to-left line', async () => {
    const { el } = await mount((el) => {
      el.openSent = true;
      el.lang = 'ar';
      el.dir = 'rtl';
    });
    el.upload([makeFile('ملف.txt', 100)]);
    await settled(el);
    await el.updateComplete;
    const arrow = shadow(el).querySelector('[part=open] svg') as SVGElement;
    expect(getComputedStyle(arrow).transform).to.equal('matrix(-1, 0, 0, 1, 0, 0)');
    el.dir = 'ltr';
    await waitUntil(() => getComputedStyle(arrow).transform === 'none', 'left to right, the arrow points right again');
  });
});

describe('which language', () => {
  it('follows a change of `lang` on an ancestor, the document or the element itself, redrawing the files', async () => {
    const [de, ja] = await Promise.all([wordsOf('de'), wordsOf('ja')]);
    const page = await fixture<HTMLDivElement>(html`<div><connect-attachment-upload manual></connect-attachment-upload></div>`);
    const el = page.querySelector('connect-attachment-upload') as ConnectAttachmentUpload;
    const html_ = document.documentElement;
    const before = html_.lang;
    try {
      el.upload([makeFile('notes.txt', 10)]);
      await el.updateComplete;
      expect(text(el, '.state')).to.equal('Waiting');
      html_.lang = 'ja';
      await waitUntil(() => text(el, '.state') === ja.states.queued, 'the document’s lang');
      page.lang = 'de-AT';
      await waitUntil(() => text(el, '.state') === de.states.queued, 'the nearest ancestor’s lang');
      expect(text(el, '[part=button]')).to.equal(de.choose);
      el.lang = 'en';
      await waitUntil(() => text(el, '.state') === 'Waiting', 'the element’s own lang');
      el.removeAttribute('lang');
      await waitUntil(() => text(el, '.state') === de.states.queued, 'back to the ancestor’s');
    } finally {
      html_.lang = before;
    }
  });

  it('lays `strings` over the language, word by word', async () => {
    const fr = await wordsOf('fr');
    const el = await inLanguage('fr');
    el.strings = { choose: 'Ajouter', states: { queued: 'Dans la file' }, cancel: 'Stop {name}' };
    el.manual = true;
    el.upload([makeFile('a.txt', 10)]);
    await el.updateComplete;
    expect(text(el, '[part=button]')).to.equal('Ajouter');
    expect(text(el, '[part=dropzone]')).to.contain(fr.prompt);
    expect(text(el, '.state')).to.equal('Dans la file');
    expect(shadow(el).querySelector('.actions button')?.getAttribute('aria-label')).to.equal('Stop a.txt');
  });

  it('speaks English for a language it does not have', async () => {
    const el = await inLanguage('ru');
    expect(text(el, '[part=button]')).to.equal('Choose files');
    expect(getComputedStyle(shadow(el).querySelector('[part=dropzone]')!).visibility).to.equal('visible');
  });
});
