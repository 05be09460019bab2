/**
 * The element under a finger: Chromium emulating a phone (390 × 844 CSS px, touch emulation on, so
 * `(pointer: coarse)` matches), through the phone commands of web-test-runner.config.mjs. In both
 * layouts every action (picker or paperclip, Start, Cancel, Retry, Remove, Open, the rejections'
 * dismiss buttons) measures at least 44 × 44 CSS px and is tapped, with touch events, and does its
 * job; on a 360 px phone a chip shows at least 16 characters of its name and its state whole.
 *
 * Firefox taps too (WebDriver BiDi has touch input) at 390 px, but BiDi cannot emulate a coarse
 * pointer, so the sizes and the chip are measured in Chromium only. Firefox's
 * `ui.primaryPointerCapabilities` pref would give one, but for the whole browser run, turning every
 * other test file into a touch test too. WebKitGTK (classic WebDriver) has neither: skipped.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { ConnectAttachmentUpload } from '../../src/index.js';
import { catchOpens, mount, settled } from '../helpers/element.js';
import { makeFile, standIn } from '../helpers/stand-in.js';
import { ENGLISH } from '../helpers/words.js';

const CHROMIUM = /Chrome\//.test(navigator.userAgent);
const TAPS = CHROMIUM || /Firefox\//.test(navigator.userAgent);
const FINGER = 44;

/** The rendered control of `el` that `selector` finds, failing with `what` when there is none. */
function control(el: ConnectAttachmentUpload, selector: string, what: string): HTMLElement {
  const found = el.shadowRoot?.querySelector<HTMLElement>(selector);
  expect(found, what).to.exist;
  return found as HTMLElement;
}

/** At least a finger's size; measured where the pointer is coarse, which only Chromium can emulate here. */
function expectFingerSized(target: HTMLElement, what: string): void {
  if (!CHROMIUM) return;
  const box = target.getBoundingClientRect();
  expect(box.width, `${what}: width`).to.be.at.least(FINGER);
  expect(box.height, `${what}: height`).to.be.at.least(FINGER);
}

/**
 * Taps the middle of `target` with the emulated touchscreen; resolves once the tap's click arrived,
 * after its touchstart and touchend reached `target`, and that click came from touch.
 */
async function tap(target: HTMLElement, what: string): Promise<void> {
  target.scrollIntoView({ block: 'center' });
  const seen: string[] = [];
  const record = (event: Event) => seen.push(event.type);
  for (const type of ['touchstart', 'touchend']) target.addEventListener(type, record, { once: true });
  const clicked = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: the tap made no click`)), 3_000);
    target.addEventListener(
      'click',
      (event) => {
        clearTimeout(timer);
        resolve((event as PointerEvent).pointerType);
      },
      { once: true },
    );
  });
  const box = target.getBoundingClientRect();
  await executeServerCommand('tap', { x: box.left + box.width / 2, y: box.top + box.height / 2 });
  expect(await clicked, `${what}: a click from touch`).to.equal('touch');
  expect(seen, `${what}: touch events`).to.deep.equal(['touchstart', 'touchend']);
}

function nextEvent(el: HTMLElement, type: string): Promise<CustomEvent> {
  return new Promise((resolve) => el.addEventListener(type, (event) => resolve(event as CustomEvent), { once: true }));
}

describe('On a phone (390 × 844, touch)', function () {
  before(function () {
    if (!TAPS) this.skip();
  });
  beforeEach(() => executeServerCommand('emulate-phone', { width: 390, height: 844 }));
  afterEach(async () => {
    if (TAPS) await executeServerCommand('stop-emulating');
    await (await standIn()).clearFaults();
  });

  for (const compact of [false, true]) {
    it(`${compact ? 'compact' : 'default layout'}: every action is at least 44 × 44 px (Chromium), and each does its job when tapped`, async () => {
      expect(matchMedia('(pointer: coarse)').matches, 'the emulated phone has a coarse pointer').to.equal(CHROMIUM);
      expect(innerWidth, 'a phone’s width').to.equal(390);
      const { el, stand } = await mount((el) => {
        el.compact = compact;
        el.manual = true;
        el.openSent = true;
        el.retryPolicy = { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 };
      });
      const button = (label: string) => control(el, `button[aria-label="${label}"]`, label);

      // The picker (the drop zone, or the paperclip): a tap opens it (the click on its input is stopped here).
      const input = control(el, 'input[type=file]', 'the picker input');
      const picked = new Promise<void>((resolve) =>
        input.addEventListener('click', (event) => (event.preventDefault(), resolve()), { once: true }),
      );
      const zone = control(el, '[part=dropzone]', 'the picker');
      expectFingerSized(zone, 'the picker');
      await tap(zone, 'the picker');
      await picked;

      // Files not added: each dismissed by a tap, then all at once.
      el.upload([new File([], 'one.txt'), new File([], 'two.txt'), new File([], 'three.txt')]);
      await el.updateComplete;
      expectFingerSized(button('Dismiss one.txt'), 'a rejection’s dismiss');
      await tap(button('Dismiss one.txt'), 'a rejection’s dismiss');
      await el.updateComplete;
      expect(el.shadowRoot?.querySelectorAll('[part=rejection]')).to.have.length(2);
      const all = control(el, '.dismiss-all', 'Dismiss all');
      expectFingerSized(all, 'Dismiss all');
      await tap(all, 'Dismiss all');
      await el.updateComplete;
      expect(el.shadowRoot?.querySelectorAll('[part=rejection]')).to.have.length(0);

      // Two files held by `manual`: Cancel one, Start the other, which fails once S3 refuses it.
      el.upload([makeFile('a.txt', 100, 'text/plain', 1), makeFile('b.txt', 100, 'text/plain', 2)]);
      await el.updateComplete;
      expectFingerSized(button('Cancel a.txt'), 'Cancel');
      const aborted = nextEvent(el, 'attachment-abort');
      await tap(button('Cancel a.txt'), 'Cancel');
      expect((await aborted).detail.file.name).to.equal('a.txt');

      await stand.setFaults([{ route: 's3-put', status: 503, errorType: 'SlowDown', times: 1 }]);
      await el.updateComplete;
      const start = control(el, '[part=start]', 'Start');
      expectFingerSized(start, 'Start');
      const failed = nextEvent(el, 'attachment-error');
      await tap(start, 'Start');
      expect((await failed).detail.file.name).to.equal('b.txt');
      await el.updateComplete;

      expectFingerSized(button('Retry b.txt'), 'Retry');
      const completed = nextEvent(el, 'attachment-completed');
      await tap(button('Retry b.txt'), 'Retry');
      expect((await completed).detail.file.name).to.equal('b.txt');
      await settled(el);
      await el.updateComplete;

      const opens = catchOpens();
      try {
        expectFingerSized(button('Open b.txt'), 'Open');
        await tap(button('Open b.txt'), 'Open');
        await new Promise<void>((resolve) => {
          const check = () => (opens.urls.length > 0 ? resolve() : requestAnimationFrame(check));
          check();
        });
      } finally {
        opens.restore();
      }

      expectFingerSized(button('Remove a.txt from the list'), 'Remove');
      await tap(button('Remove a.txt from the list'), 'Remove');
      await el.updateComplete;
      expect(el.uploads.map((upload) => upload.file.name)).to.deep.equal(['b.txt']);
    });
  }

  it('compact, 360 px wide: a chip shows at least 16 characters of its name, and its state whole (Chromium)', async function () {
    if (!CHROMIUM) this.skip();
    await executeServerCommand('emulate-phone', { width: 360, height: 800 });
    const { el } = await mount((el) => {
      el.compact = true;
      el.manual = true;
    });
    el.upload([makeFile('damaged-parcel-left-side-photo.pdf', 100, 'application/pdf'), makeFile('b.txt', 100, 'text/plain')]);
    await el.updateComplete;
    const chip = control(el, 'li[data-id]', 'a chip');
    const name = control(el, 'li[data-id] .name', 'its name');
    const box = name.getBoundingClientRect();
    // The characters drawn inside the name's box; one cut by the ellipsis (and the one it covers) do not count.
    // Lit keeps comment markers around the text: the text node is the one child that is text.
    const text = [...name.childNodes].find((node): node is Text => node.nodeType === Node.TEXT_NODE) as Text;
    let shown = 0;
    for (let i = 0; i < text.length; i += 1) {
      const range = document.createRange();
      range.setStart(text, i);
      range.setEnd(text, i + 1);
      const r = range.getBoundingClientRect();
      const middle = (r.top + r.bottom) / 2;
      if (r.width > 0 && r.left >= box.left - 0.5 && r.right <= box.right + 0.5 && middle >= box.top && middle <= box.bottom) shown += 1;
    }
    if (name.scrollWidth > name.clientWidth) shown -= 2;
    expect(shown, 'characters of the name shown').to.be.at.least(16);
    expect(chip.getBoundingClientRect().right, 'the chip stays on the screen').to.be.at.most(360);

    const state = control(el, 'li[data-id] .state', 'its state');
    expect(state.textContent?.trim()).to.equal(ENGLISH.states.queued);
    expect(state.scrollWidth, 'the state is not cut').to.be.at.most(state.clientWidth);
    expect(parseFloat(getComputedStyle(state).fontSize), 'the state is readable').to.be.at.least(12);
  });
});
