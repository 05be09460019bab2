/**
 * `fit-images` within what browsers and pages allow: iOS Safari's canvas limit (emulated here), a
 * blank result never sent, only the types `accept` and the instance allow, and a bounded number
 * of full-size encodes. The fit runs on the page's thread in this file (the page's `Worker` throws),
 * which is where a test can stand in for the browser's canvas.
 */
import { expect } from '@open-wc/testing';
import type { ConnectAttachmentUpload } from '../../src/index.js';
import { FIT_MEASURE } from '../../src/pipeline/fit-image.js';
import { announced, mount } from '../helpers/element.js';
import { ofType, uploadAndCheck } from '../helpers/fit.js';
import { noiseJpeg, noisePng, photoLikeJpeg } from '../helpers/pictures.js';
import { ENGLISH } from '../helpers/words.js';

/** iOS Safari backs no canvas over this many pixels: it draws nothing there, and says nothing. */
const IOS_CANVAS_AREA = 16_777_216;

/** The 2D context calls that put pixels on a canvas. */
const DRAWING = new Set(['drawImage', 'fillRect', 'putImageData', 'fill', 'stroke', 'fillText']);

/**
 * Replaces `OffscreenCanvas` with one whose 2D context draws nothing while the canvas is over
 * `limit` pixels, as iOS Safari's does; returns the areas of the canvases made and the undo.
 */
function emulateCanvasLimit(limit: number): { areas: number[]; restore: () => void } {
  const Real = globalThis.OffscreenCanvas;
  const areas: number[] = [];
  class Limited extends Real {
    constructor(width: number, height: number) {
      super(width, height);
      areas.push(width * height);
    }

    // @ts-expect-error -- one signature for getContext's overloads: only '2d' is changed.
    override getContext(type: OffscreenRenderingContextId, options?: unknown): OffscreenRenderingContext | null {
      const context = super.getContext(type, options);
      if (!context || type !== '2d') return context;
      const over = () => this.width * this.height > limit;
      return new Proxy(context, {
        get(target, key) {
          const value: unknown = Reflect.get(target, key, target);
          if (typeof value !== 'function') return value;
          const method = value as (...args: unknown[]) => unknown;
          return DRAWING.has(String(key)) ? (...args: unknown[]) => (over() ? undefined : method.apply(target, args)) : method.bind(target);
        },
        set: (target, key, value) => Reflect.set(target, key, value, target),
      });
    }
  }
  globalThis.OffscreenCanvas = Limited as unknown as typeof OffscreenCanvas;
  return { areas, restore: () => (globalThis.OffscreenCanvas = Real) };
}

/** The pixels of a decoded image at fractions of its width and height. */
function pixels(bitmap: ImageBitmap, points: [number, number][]): number[][] {
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
  context.drawImage(bitmap, 0, 0);
  return points.map(([x, y]) => Array.from(context.getImageData(Math.floor(x * bitmap.width), Math.floor(y * bitmap.height), 1, 1).data));
}

/** The full-size encodes of each fit since `since` (User Timing entries the fit leaves). */
const encodesSince = (since: number) =>
  performance
    .getEntriesByName(FIT_MEASURE)
    .filter((entry) => entry.startTime >= since)
    .map((entry) => ((entry as PerformanceMeasure).detail as { encodes: number }).encodes);

describe('fit-images within the limits of browsers and pages', function () {
  this.timeout(240_000);
  const PageWorker = window.Worker;
  before(() => {
    // As where a page's CSP refuses workers: the fit runs on this page's thread, with its canvases.
    window.Worker = class {
      constructor() {
        throw new DOMException('Workers are refused here.', 'SecurityError');
      }
    } as unknown as typeof Worker;
  });
  after(() => {
    window.Worker = PageWorker;
  });

  it("stores a 6000 × 4000 photo fitted and not blank under iOS Safari's canvas limit, with no canvas over it", async () => {
    const photo = new File([await photoLikeJpeg(6000, 4000)], 'parcel.jpg', { type: 'image/jpeg' });
    const limit = Math.floor(photo.size / 2);
    const canvases = emulateCanvasLimit(IOS_CANVAS_AREA);
    let bitmap: ImageBitmap;
    try {
      ({ bitmap } = await uploadAndCheck((el) => (el.maxFileSize = limit), photo, limit));
    } finally {
      canvases.restore();
    }
    expect(canvases.areas.length, 'the fit made canvases').to.be.above(0);
    expect(Math.max(...canvases.areas), 'no canvas over 16,777,216 px').to.be.at.most(IOS_CANVAS_AREA);
    expect(bitmap.width / bitmap.height).to.be.closeTo(1.5, 0.01);
    // The picture is there: red-orange on the left, blue on the right, as in the original.
    const [left, right] = pixels(bitmap, [
      [0.03, 0.5],
      [0.97, 0.5],
    ]) as [number[], number[]];
    expect(left[0], `left ${left}`).to.be.above((left[2] as number) + 60);
    expect(right[2], `right ${right}`).to.be.above((right[0] as number) + 60);
  });

  it('rejects a result that came out blank (image-blank) and sends nothing', async () => {
    const { el, chat, stand, events } = await mount((el) => {
      el.fitImages = true;
      el.maxFileSize = 50_000;
    });
    const photo = new File([await photoLikeJpeg(1200, 800)], 'meter.jpg', { type: 'image/jpeg' });
    expect(photo.size).to.be.above(50_000);
    const before = (await stand.state()).requests.length;
    // A browser whose canvases draw nothing at any size.
    const canvases = emulateCanvasLimit(0);
    try {
      const rejected = new Promise((resolve) => el.addEventListener('attachment-reject', resolve, { once: true }));
      el.upload([photo]);
      await rejected;
    } finally {
      canvases.restore();
    }
    const [reject, ...more] = ofType(events, 'attachment-reject');
    expect(more).to.have.length(0);
    expect(reject).to.include({ file: photo, reason: 'image-blank' });
    expect(reject?.['message']).to.contain('meter.jpg');
    expect(ofType(events, 'attachment-converted')).to.have.length(0);
    expect(el.uploads).to.have.length(0);
    expect((await stand.state()).requests.length, 'nothing was sent').to.equal(before);
    expect(await stand.attachments(chat.contactId)).to.have.length(0);
    await announced(el);
    expect(el.shadowRoot?.querySelector('[role=status]')?.textContent).to.contain(ENGLISH.rejections['image-blank']);
  });

  const onlyPng: [how: string, name: string, configure: (el: ConnectAttachmentUpload) => void][] = [
    ['accept', 'by-accept.png', (el) => (el.accept = '.png')],
    ['the instance rules', 'by-rules.png', (el) => (el.attachmentRules = { AllowedExtensions: ['png'] })],
  ];
  for (const [how, name, configure] of onlyPng) {
    it(`with only .png allowed by ${how}, stores a fitted screenshot as PNG, never as JPEG`, async () => {
      const png = new File([await noisePng(1000, 800)], name, { type: 'image/png' });
      const limit = Math.floor(png.size / 3);
      const { converted } = await uploadAndCheck(
        (el) => {
          el.maxFileSize = limit;
          configure(el);
        },
        png,
        limit,
      );
      expect(converted['converted']).to.include({ name, type: 'image/png' });
    });
  }

  it('rejects an image that must be converted when neither JPEG nor PNG is allowed (image-type)', async () => {
    const { el, chat, stand, events } = await mount((el) => {
      el.fitImages = true;
      el.accept = '.webp';
      el.maxFileSize = 20_000;
    });
    // WebKit encodes no WebP: it gives a PNG, which the fit decodes the same.
    const webp = new File([await noisePng(400, 300, true, 'image/webp')], 'screen.webp', { type: 'image/webp' });
    expect(webp.size).to.be.above(20_000);
    const rejected = new Promise((resolve) => el.addEventListener('attachment-reject', resolve, { once: true }));
    el.upload([webp]);
    await rejected;
    expect(ofType(events, 'attachment-reject')[0]).to.include({ file: webp, reason: 'image-type' });
    expect(await stand.attachments(chat.contactId)).to.have.length(0);
  });

  it('fits a 24 MP photo-like JPEG to 2 MB in at most 2 full-size encodes, and a noise JPEG to half its size in at most 4', async () => {
    const photo = new File([await photoLikeJpeg(6000, 4000)], 'photo.jpg', { type: 'image/jpeg' });
    const noisy = new File([await noiseJpeg(4000, 3000)], 'noise.jpg', { type: 'image/jpeg' });
    expect(photo.size, 'the photo is over 2 MB').to.be.above(2_000_000);
    for (const [file, limit, most] of [
      [photo, 2_000_000, 2],
      [noisy, Math.floor(noisy.size / 2), 4],
    ] as const) {
      const since = performance.now();
      const { bitmap } = await uploadAndCheck((el) => (el.maxFileSize = limit), file, limit);
      const encodes = encodesSince(since);
      expect(encodes, `${file.name}: one fit, its full-size encodes`).to.have.length(1);
      expect(encodes[0], file.name).to.be.within(1, most);
      // The bytes sent are not a thumbnail: the fit keeps most of what the limit allows.
      expect(bitmap.width * bitmap.height, file.name).to.be.above(1_000_000);
    }
  });
});
