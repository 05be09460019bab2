/**
 * `fit-images`: makes a photo or screenshot that is over the size limit (or over
 * `max-image-dimension` pixels on its long side) fit, by decoding it with its EXIF orientation
 * applied, scaling it and encoding it again (JPEG, or PNG when it has transparency or JPEG is not
 * allowed), in a bounded number of encodes aimed by one small trial encode.
 *
 * Loaded by dynamic `import()` the first time an image needs it, so pages that never fit an image
 * never download it: it imports nothing (type imports aside), which keeps it one file of its own
 * in the CDN build, and lets that same file run as the module worker that does the work (where the
 * page allows one: same origin, CSP, Trusted Types). Elsewhere the same steps run on the page's
 * thread: decoding (`createImageBitmap`) and encoding (`convertToBlob`) are asynchronous there too.
 * No DOM: `OffscreenCanvas` only; a browser without it uploads images as they are.
 *
 * It only answers: what to send, or why not. The uploader writes the list and fires the events.
 */
import type { AttachmentConvertedDetail, FileFacts } from './events.js';
import type { RejectReason } from './validate.js';

/** Why an image cannot be sent: the `attachment-reject` reasons a fit can end with. */
export type FitRejectReason = Extract<
  RejectReason,
  'file-too-large' | 'image-unreadable' | 'image-too-large' | 'image-blank' | 'image-type'
>;

export interface FitOptions {
  /** The original file (never changed) and the type decided at validation. */
  job: { readonly file: File; readonly contentType: string };
  maxBytes: number;
  /** The longest side allowed, in pixels; undefined or 0 for no limit. */
  maxDimension?: number | undefined;
  signal: AbortSignal;
  /** Whether a file of this name and type may be sent here (`accept` and the instance's rules). */
  accepts(name: string, type: string): boolean;
  /**
   * The `file-too-large` message for the file, which every rejection here begins with (an image is
   * rejected only when it is over the limit): the caller writes it, since bytes are formatted in
   * one place (validate.ts), so this module formats none.
   */
  tooLarge: string;
}

/** What to send (the original itself when it needs nothing), or why nothing is sent. */
/**
 * What a lazy image step (this fit, or the metadata removal) made of a file: what to send, and the
 * facts of a conversion, or why it is rejected. The step only answers; the uploader alone writes
 * the list and fires the events.
 */
export type ImageOutcome =
  | {
      readonly rejected?: undefined;
      readonly file: File;
      readonly contentType: string;
      /** When the image was converted: the `attachment-converted` detail's facts, before and after (and what was removed). */
      readonly converted?: Pick<AttachmentConvertedDetail, 'original' | 'converted' | 'removed'>;
    }
  | { readonly rejected: { readonly reason: FitRejectReason; readonly message: string } };

/** What one fit came to in whichever thread ran it; undefined when the image is fine as it is. */
type FitResult = Blob | 'unreadable' | 'too-large' | 'unsupported' | 'blank' | 'no-type' | undefined;

/** The worker's answer: the result and how many full-size encodes it took. */
interface FitAnswer {
  result: FitResult;
  encodes: number;
}

interface FitRequest {
  file: Blob;
  type: string;
  maxBytes: number;
  maxDimension: number;
  convert: boolean;
  /** The output types the page allows, in no order: the fit picks. */
  jpeg: boolean;
  png: boolean;
}

/**
 * The largest canvas every browser backs: iOS Safari draws nothing on one over 16,777,216 pixels
 * (and says nothing), and 16,384 px a side is safe everywhere. Every canvas here stays within both.
 */
const MAX_AREA = 16_777_216;
const MAX_SIDE = 16_384;
/** At most this many full-size encodes per fit, whatever the image. */
const MAX_ENCODES = 4;
/** Aim this far under the limit, so that an estimate a little short still fits. */
const AIM = 0.9;
/** JPEG qualities tried before scaling, with what each is taken to cost against the first. */
const QUALITIES: readonly (readonly [quality: number, relative: number])[] = [
  [0.9, 1],
  [0.8, 0.75],
  [0.7, 0.62],
];
/** The trial: this many tiles a side, each this many pixels, cut from across the image at the target scale. */
const TILES = 4;
const TILE = 128;
/** Sample points a side for the blank check. */
const GRID = 4;

// --- reading the image ----------------------------------------------------------------------------

const bytesOf = async (blob: Blob, start: number, length: number) => new Uint8Array(await blob.slice(start, start + length).arrayBuffer());

/** The EXIF orientation in an APP1 segment's body, or 1. */
function exifOrientation(app1: Uint8Array): number {
  const view = new DataView(app1.buffer, app1.byteOffset, app1.byteLength);
  // "Exif\0\0", then a TIFF header: II (little-endian) or MM, 42, the offset of IFD0.
  if (app1.length < 14 || view.getUint32(0) !== 0x45786966) return 1;
  const little = view.getUint16(6) === 0x4949;
  const at = (offset: number, size: 2 | 4) => (size === 2 ? view.getUint16(6 + offset, little) : view.getUint32(6 + offset, little));
  try {
    const ifd = at(4, 4);
    const entries = at(ifd, 2);
    for (let i = 0; i < entries; i++) {
      const entry = ifd + 2 + i * 12;
      if (at(entry, 2) === 0x0112) return at(entry + 8, 2);
    }
  } catch {
    // A short or broken Exif: the browser will not rotate by it either.
  }
  return 1;
}

/**
 * The image's width and height as shown (after its EXIF orientation), from its header alone:
 * JPEG, PNG and WebP; undefined for anything else (HEIC), which is then decoded to learn them.
 */
async function dimensions(file: Blob): Promise<{ width: number; height: number } | undefined> {
  const head = await bytesOf(file, 0, 32);
  const view = new DataView(head.buffer);
  if (head.length >= 24 && view.getUint32(0) === 0x89504e47 && view.getUint32(12) === 0x49484452) {
    return { width: view.getUint32(16), height: view.getUint32(20) };
  }
  if (head.length >= 30 && view.getUint32(0) === 0x52494646 && view.getUint32(8) === 0x57454250) {
    const chunk = view.getUint32(12);
    const le24 = (at: number) => (head[at] as number) | ((head[at + 1] as number) << 8) | ((head[at + 2] as number) << 16);
    if (chunk === 0x56503858) return { width: 1 + le24(24), height: 1 + le24(27) }; // VP8X
    if (chunk === 0x56503820) return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff }; // "VP8 "
    if (chunk === 0x5650384c) {
      const bits = view.getUint32(21, true); // VP8L: 14 bits of width - 1, then of height - 1
      return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >>> 14) & 0x3fff) };
    }
    return undefined;
  }
  if (view.getUint16(0) !== 0xffd8) return undefined;
  // JPEG: segment by segment until a start of frame, reading only the headers and the Exif.
  let orientation = 1;
  for (let at = 2; at < file.size;) {
    const segment = await bytesOf(file, at, 9);
    if (segment.length < 4 || segment[0] !== 0xff) return undefined;
    const marker = segment[1] as number;
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    const length = ((segment[2] as number) << 8) | (segment[3] as number);
    if (marker === 0xe1 && orientation === 1) orientation = exifOrientation(await bytesOf(file, at + 4, length - 2));
    // SOF0–SOF15 but DHT (C4), JPG (C8) and DAC (CC): height then width.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (segment.length < 9) return undefined;
      const height = ((segment[5] as number) << 8) | (segment[6] as number);
      const width = ((segment[7] as number) << 8) | (segment[8] as number);
      return orientation >= 5 && orientation <= 8 ? { width: height, height: width } : { width, height };
    }
    if (marker === 0xda || marker === 0xd9) return undefined;
    at += 2 + length;
  }
  return undefined;
}

/** The scale that keeps an image within `maxDimension` (0: none) and within every browser's canvas. */
function capScale(width: number, height: number, maxDimension: number): number {
  const long = Math.max(width, height);
  return Math.min(1, maxDimension > 0 ? maxDimension / long : 1, MAX_SIDE / long, Math.sqrt(MAX_AREA / (width * height)));
}

/** Which `createImageBitmap` options this browser reads (an option it does not know is silently ignored). */
let resizing: boolean | undefined;
function canResize(): boolean {
  if (resizing !== undefined) return resizing;
  const read = new Set<string>();
  const probe = {};
  for (const [key, value] of Object.entries({ resizeWidth: 1, resizeHeight: 1, resizeQuality: 'high', imageOrientation: 'from-image' })) {
    Object.defineProperty(probe, key, { get: () => (read.add(key), value) });
  }
  try {
    // The options are read as the call is made; the (empty) image is never decoded.
    createImageBitmap(new ImageData(1, 1), probe).catch(() => undefined);
  } catch {
    // An old signature: no options at all.
  }
  return (resizing = read.has('resizeWidth') && read.has('resizeHeight') && read.has('imageOrientation'));
}

/**
 * The image decoded, upright, at `width` × `height` where the browser decodes straight to a size
 * (and so never holds the full-size pixels), else at its own size. The caller draws it at the size
 * it wants either way, so a browser that ignored the size costs memory, never correctness.
 */
function decode(file: Blob, size?: { width: number; height: number }): Promise<ImageBitmap> {
  return size && canResize()
    ? createImageBitmap(file, { imageOrientation: 'from-image', resizeWidth: size.width, resizeHeight: size.height, resizeQuality: 'high' })
    : createImageBitmap(file, { imageOrientation: 'from-image' });
}

// --- looking at pixels ----------------------------------------------------------------------------

type Pixel = readonly [number, number, number, number];

/** A 2D context, or an error: a canvas that gives none cannot fit anything. */
function context2d(canvas: OffscreenCanvas, read = false): OffscreenCanvasRenderingContext2D {
  const context = canvas.getContext('2d', read ? { willReadFrequently: true } : undefined);
  if (!context) throw new Error('no 2d context');
  return context;
}

/** The points of the blank check: the centres of a GRID × GRID grid over a `width` × `height` image. */
const gridPoints = (width: number, height: number) =>
  Array.from(
    { length: GRID * GRID },
    (_, i) => [Math.floor((((i % GRID) + 0.5) * width) / GRID), Math.floor(((Math.floor(i / GRID) + 0.5) * height) / GRID)] as const,
  );

/**
 * The source's pixels at the grid points, read without a canvas (`VideoFrame.copyTo` of one
 * pixel each), so that a browser whose canvases draw nothing cannot make the source look blank
 * too. Undefined where that is not possible: the check is then made against a small canvas copy.
 */
async function sourcePixels(bitmap: ImageBitmap): Promise<Pixel[] | undefined> {
  if (typeof VideoFrame !== 'function') return undefined;
  let frame: VideoFrame | undefined;
  try {
    frame = new VideoFrame(bitmap, { timestamp: 0 });
    const order =
      frame.format === 'BGRA' || frame.format === 'BGRX'
        ? [2, 1, 0, 3]
        : frame.format === 'RGBA' || frame.format === 'RGBX'
          ? [0, 1, 2, 3]
          : undefined;
    if (!order) return undefined;
    const opaque = frame.format === 'BGRX' || frame.format === 'RGBX';
    const pixels: Pixel[] = [];
    const buffer = new Uint8Array(4);
    for (const [x, y] of gridPoints(bitmap.width, bitmap.height)) {
      await frame.copyTo(buffer, { rect: { x, y, width: 1, height: 1 } });
      const [r, g, b, a] = order.map((i) => buffer[i] as number) as [number, number, number, number];
      pixels.push([r, g, b, opaque ? 255 : a]);
    }
    return pixels;
  } catch {
    return undefined;
  } finally {
    frame?.close();
  }
}

/** The pixels at the grid points of what a context holds. */
function canvasPixels(context: OffscreenCanvasRenderingContext2D, width: number, height: number): Pixel[] {
  return gridPoints(width, height).map(([x, y]) => {
    const [r, g, b, a] = context.getImageData(x, y, 1, 1).data;
    return [r as number, g as number, b as number, a as number];
  });
}

/** Two pixels alike within `tolerance` per channel; any two fully transparent pixels are alike. */
const alike = (p: Pixel, q: Pixel, tolerance: number) =>
  (p[3] < 8 && q[3] < 8) || p.every((value, i) => Math.abs(value - (q[i] as number)) <= tolerance);

/** A pixel as it shows over white: what a JPEG (which has no alpha) makes of it. */
const overWhite = ([r, g, b, a]: Pixel): Pixel => {
  const k = a / 255;
  return [r * k + 255 * (1 - k), g * k + 255 * (1 - k), b * k + 255 * (1 - k), 255];
};

/**
 * Whether the result is blank where the source was not: every sampled pixel of the result alike
 * (as a canvas that drew nothing is), and at least a quarter of the source's differing from it.
 * A source of one colour, or a thin line that a smaller copy loses, never counts as blank.
 */
function isBlank(result: Pixel[], source: Pixel[]): boolean {
  const [first] = result;
  if (!first || !result.every((pixel) => alike(pixel, first, 8))) return false;
  return source.filter((pixel) => !alike(pixel, first, 48)).length >= source.length / 4;
}

/**
 * Whether a decoded image has any transparent pixel: looked for on a copy at most 256 pixels wide,
 * enough to see a transparent background or a cut-out, and cheap whatever the image's size.
 */
function hasAlpha(bitmap: ImageBitmap): boolean {
  const scale = Math.min(1, 256 / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = new OffscreenCanvas(width, height);
  const context = context2d(canvas, true);
  context.drawImage(bitmap, 0, 0, width, height);
  const { data } = context.getImageData(0, 0, width, height);
  canvas.width = canvas.height = 0;
  for (let i = 3; i < data.length; i += 4) if ((data[i] as number) < 255) return true;
  return false;
}

// --- the fit --------------------------------------------------------------------------------------

/** A canvas of the image at `width` × `height` (JPEG over white: it has no alpha). */
function drawn(bitmap: ImageBitmap, width: number, height: number, type: string): [OffscreenCanvas, OffscreenCanvasRenderingContext2D] {
  const canvas = new OffscreenCanvas(width, height);
  const context = context2d(canvas);
  if (type === 'image/jpeg') {
    context.fillStyle = '#fff';
    context.fillRect(0, 0, width, height);
  }
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, 0, 0, width, height);
  return [canvas, context];
}

/**
 * Bytes per pixel at the target scale, from one small encode: TILES × TILES tiles of TILE pixels
 * cut from across the image at the scale it would be sent at (not a smaller copy, which has more
 * detail per pixel), so sky, subject and edges are all in it.
 */
async function trialBytesPerPixel(bitmap: ImageBitmap, width: number, height: number, type: string, quality?: number): Promise<number> {
  const side = TILES * TILE;
  const canvas = new OffscreenCanvas(side, side);
  const context = context2d(canvas);
  if (type === 'image/jpeg') {
    context.fillStyle = '#fff';
    context.fillRect(0, 0, side, side);
  }
  // From the target-scale image to the bitmap's pixels (the same unless the browser ignored the size asked).
  const kx = bitmap.width / width;
  const ky = bitmap.height / height;
  for (let i = 0; i < TILES * TILES; i++) {
    const x = Math.floor((((i % TILES) + 0.5) * width) / TILES - TILE / 2);
    const y = Math.floor(((Math.floor(i / TILES) + 0.5) * height) / TILES - TILE / 2);
    context.drawImage(bitmap, x * kx, y * ky, TILE * kx, TILE * ky, (i % TILES) * TILE, Math.floor(i / TILES) * TILE, TILE, TILE);
  }
  const blob = await canvas.convertToBlob({ type, quality });
  canvas.width = canvas.height = 0;
  return blob.size / (side * side);
}

/**
 * How bytes follow the area when an image is scaled: a smaller copy of a photo has more detail per
 * pixel, so its bytes fall slower than its area (bytes ∝ area^EXPONENT). The first aims assume
 * little of that; later ones more, so that the last encode is all but certain to fit.
 */
const EXPONENTS = [0.75, 0.75, 0.5, 0.5];

/**
 * The fit itself, in whichever thread runs it: one decoded image and one canvas at a time, all let
 * go before it returns. `stats.encodes` counts the full-size encodes made (trial encodes aside).
 */
async function fit(request: FitRequest, stats: { encodes: number }, signal?: AbortSignal): Promise<FitResult> {
  if (typeof createImageBitmap !== 'function' || typeof OffscreenCanvas !== 'function') return 'unsupported';
  const { file, maxBytes, convert } = request;
  // From the header when it can be read there: an image that needs nothing is never decoded.
  let shown = await dimensions(file).catch(() => undefined);
  if (shown && !(shown.width > 0 && shown.height > 0)) shown = undefined;
  // Within the limit and the dimension, nothing is done (a canvas limit alone is no reason to touch it).
  const fine = (size: { width: number; height: number }) =>
    !convert && file.size <= maxBytes && !(request.maxDimension > 0 && Math.max(size.width, size.height) > request.maxDimension);
  if (shown && fine(shown)) return undefined;
  const target = (size: { width: number; height: number }) => {
    const scale = capScale(size.width, size.height, request.maxDimension);
    return { width: Math.max(1, Math.floor(size.width * scale)), height: Math.max(1, Math.floor(size.height * scale)) };
  };
  let bitmap: ImageBitmap;
  try {
    bitmap = await decode(file, shown && target(shown));
  } catch {
    return 'unreadable';
  }
  try {
    shown ??= { width: bitmap.width, height: bitmap.height };
    if (fine(shown)) return undefined;
    const { width, height } = target(shown);
    const alpha = request.type !== 'image/jpeg' && hasAlpha(bitmap);
    const type = (alpha ? ['image/png', 'image/jpeg'] : ['image/jpeg', 'image/png']).find((t) =>
      t === 'image/png' ? request.png : request.jpeg,
    );
    if (!type) return 'no-type';
    const source = (await sourcePixels(bitmap)) ?? canvasPixels(drawn(bitmap, 64, 64, 'image/png')[1], 64, 64);
    const sourceShown = type === 'image/jpeg' ? source.map(overWhite) : source;

    // Aim: bytes ≈ header + bytes per pixel × area. One trial gives the bytes per pixel at the
    // target scale; each full encode then gives the real figure at its own scale.
    const budget = AIM * maxBytes;
    const area = width * height;
    const jpeg = type === 'image/jpeg';
    let [quality, relative] = jpeg ? (QUALITIES[0] as readonly [number, number]) : [undefined, 1];
    let expected = area * (area > TILES * TILE * TILES * TILE ? await trialBytesPerPixel(bitmap, width, height, type, quality) : 0);
    if (jpeg) {
      // Keep the size and lower the quality while the trial says a lower one fits; else scale at the middle one.
      const fits = QUALITIES.find(([, cost]) => expected * cost <= budget);
      [quality, relative] = fits ?? (QUALITIES[1] as readonly [number, number]);
      expected *= relative;
    }
    let scale = 1;
    /** A result that fits, kept while one larger try is made. */
    let kept: Blob | undefined;
    for (let round = 0; round < MAX_ENCODES; round++) {
      // On the page's thread a cancel cannot terminate anything: it is heard between steps.
      if (signal?.aborted) throw signal.reason;
      if (expected > budget) scale *= Math.min(1, Math.sqrt((budget / expected) ** (1 / (EXPONENTS[round] as number))));
      // The last round also drops the quality: it must fit.
      if (jpeg && round === MAX_ENCODES - 1) quality = 0.6;
      const w = Math.max(1, Math.floor(width * scale));
      const h = Math.max(1, Math.floor(height * scale));
      const [canvas, context] = drawn(bitmap, w, h, type);
      try {
        stats.encodes += 1;
        const blob = await canvas.convertToBlob({ type, quality });
        if (blob.size <= maxBytes) {
          if (isBlank(canvasPixels(context, w, h), sourceShown)) return 'blank';
          // Scaled down and far under the limit (the aim was cautious): one larger try, this one
          // kept in case that does not fit. Bytes are taken to grow with the area.
          if (kept || scale >= 1 || blob.size >= 0.6 * maxBytes || round >= MAX_ENCODES - 1) return blob;
          kept = blob;
          scale = Math.min(1, scale * Math.sqrt(budget / blob.size));
          expected = 0;
          continue;
        }
        if (kept) return kept;
        // What this encode says, against what it was aimed at: the next aims from here.
        expected = blob.size;
      } finally {
        // Let the canvas's pixels go now, not when the collector gets to it (iOS caps them all together).
        canvas.width = canvas.height = 0;
      }
      if (w * h < 64) break;
    }
    return 'too-large';
  } finally {
    bitmap.close();
  }
}

/** The name the page gives the worker, so that a worker of the app's own that imports this module is left alone. */
const WORKER_NAME = 'connect-attachment-upload-fit-image';

// This module is also the worker: one request, one answer, then the page terminates it.
if ('WorkerGlobalScope' in globalThis && (globalThis as { name?: string }).name === WORKER_NAME) {
  globalThis.onmessage = async ({ data }: MessageEvent<FitRequest>) => {
    const stats = { encodes: 0 };
    let result: FitResult;
    try {
      result = await fit(data, stats);
    } catch {
      result = 'unsupported';
    }
    globalThis.postMessage({ result, encodes: stats.encodes } satisfies FitAnswer);
  };
}

/** No worker could be made or run: the fit runs on the page's thread instead. */
const NO_WORKER = Symbol('no worker');

/**
 * Set once a worker was refused (a CSP's `worker-src`, a cross-origin script, Trusted Types): each
 * try costs the page a console error and a CSP report, so it is made once per page, not per image.
 */
let workerRefused = false;

/** The part of Trusted Types used here (TypeScript's DOM library does not describe them). */
interface ScriptUrlPolicy {
  createScriptURL(input: string): unknown;
}
interface PolicyFactory {
  createPolicy(name: string, rules: { createScriptURL(input: string): string }): ScriptUrlPolicy;
}

let policy: ScriptUrlPolicy | undefined;

/**
 * The worker's script URL, as Trusted Types want it on pages that enforce them. Throws when there
 * is none: the classic-script build has no module URL (rollup.config.mjs leaves it undefined).
 */
function workerUrl(): unknown {
  const url = import.meta.url;
  if (!url) throw new Error('no module URL');
  const policies = (globalThis as { trustedTypes?: PolicyFactory }).trustedTypes;
  if (!policies) return url;
  // Only this module's own URL goes through. A page that enforces Trusted Types allows the policy
  // name in its CSP (`trusted-types … connect-attachment-upload`), or the fit runs on its thread.
  policy ??= policies.createPolicy('connect-attachment-upload', {
    createScriptURL: (input: string) => {
      if (input !== url) throw new TypeError('Only the image-fitting worker is created here.');
      return input;
    },
  });
  return policy.createScriptURL(url);
}

/** The fit in a module worker made from this file; NO_WORKER when the page cannot have one. */
function inWorker(request: FitRequest, signal: AbortSignal): Promise<FitAnswer | typeof NO_WORKER> {
  if (workerRefused) return Promise.resolve(NO_WORKER);
  let worker: Worker;
  try {
    // A cross-origin script (a CDN), a CSP without it or a Trusted Types refusal throws here.
    worker = new Worker(workerUrl() as string, { type: 'module', name: WORKER_NAME });
  } catch {
    workerRefused = true;
    return Promise.resolve(NO_WORKER);
  }
  return new Promise((resolve, reject) => {
    const end = (settle: () => void) => {
      worker.terminate();
      signal.removeEventListener('abort', abort);
      settle();
    };
    // Cancel: the worker and whatever it decoded go at once.
    const abort = () => end(() => reject(signal.reason));
    signal.addEventListener('abort', abort);
    worker.onmessage = ({ data }: MessageEvent<FitAnswer>) => end(() => resolve(data));
    // The script could not load or run here (a CSP's worker-src, a bundler that moved it).
    worker.onerror = (event) => {
      event.preventDefault();
      workerRefused = true;
      end(() => resolve(NO_WORKER));
    };
    worker.postMessage(request);
  });
}

/** One decoded image at a time, whatever the uploader's concurrency: a 48 MP photo decodes to 192 MB. */
let queue: Promise<unknown> = Promise.resolve();

/** The name of the fitted file: the original's, with an extension of its new type. */
function renamed(name: string, type: string): string {
  const extension = type === 'image/png' ? 'png' : 'jpg';
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const current = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  if (current === extension || (extension === 'jpg' && (current === 'jpeg' || current === 'jfif'))) return name;
  return `${stem}.${extension}`;
}

/**
 * The name of the User Timing measure each fit leaves (`performance.getEntriesByName`), with
 * `detail: { encodes, worker }`: how many full-size encodes it made and where it ran. For the bench
 * and for a page's own profiling (it shows in DevTools' performance panel); not an API.
 */
export const FIT_MEASURE = 'connect-attachment-upload:fit';

/**
 * What to send for `file` with `fit-images` on (the uploader asks only for an image over the
 * limit, any image with `maxDimension`, or a HEIC/HEIF): the file itself when it needs nothing or
 * cannot be fitted but fits; a fitted copy (new bytes, size, type and extension) in a type
 * `accepts` allows; or why it cannot be sent. A decodable HEIC/HEIF is sent as JPEG (or PNG),
 * which every agent's browser shows; one the browser cannot read is sent as it is when it fits.
 * Rejects with the signal's reason when cancelled.
 */
export default async function fitImage({ job, maxBytes, maxDimension, signal, accepts, tooLarge }: FitOptions): Promise<ImageOutcome> {
  const { file, contentType } = job;
  const request: FitRequest = {
    file,
    type: contentType,
    maxBytes,
    maxDimension: maxDimension ?? 0,
    convert: /^image\/hei[cf]$/.test(contentType),
    jpeg: accepts(renamed(file.name, 'image/jpeg'), 'image/jpeg'),
    png: accepts(renamed(file.name, 'image/png'), 'image/png'),
  };
  const turn = queue.then(async () => {
    signal.throwIfAborted();
    const started = performance.now();
    const answer = await inWorker(request, signal);
    const worker = answer !== NO_WORKER;
    const stats = { encodes: 0 };
    let done: FitAnswer;
    if (worker) done = answer;
    else {
      let result: FitResult;
      try {
        result = await fit(request, stats, signal);
      } catch (error) {
        if (signal.aborted) throw error;
        // As in the worker: whatever this browser could not do, the image goes as it is if it fits.
        result = 'unsupported';
      }
      done = { result, encodes: stats.encodes };
    }
    try {
      performance.measure(FIT_MEASURE, { start: started, detail: { encodes: done.encodes, worker } });
    } catch {
      // A browser without measure details: the count is for the bench only.
    }
    return done.result;
  });
  queue = turn.catch(() => undefined);
  const result = await turn;
  if (result instanceof Blob) {
    const type = result.type || (request.jpeg ? 'image/jpeg' : 'image/png');
    const sent = new File([result], renamed(file.name, type), { type });
    const facts = ({ name, size, type }: File): FileFacts => ({ name, size, type });
    return { file: sent, contentType: type, converted: { original: facts(file), converted: facts(sent) } };
  }
  if (file.size <= maxBytes || result === undefined) return { file, contentType };
  const [reason, why]: [FitRejectReason, string] =
    // A HEIC this browser cannot decode is not a broken image: it is simply too large.
    result === 'unreadable' && !request.convert
      ? ['image-unreadable', 'It could not be read as an image to make it smaller.']
      : result === 'too-large'
        ? ['image-too-large', 'It could not be made small enough.']
        : result === 'blank'
          ? ['image-blank', 'Made smaller, it came out blank, so it was not sent.']
          : result === 'no-type'
            ? ['image-type', 'Making it smaller means converting it to JPEG or PNG, and neither is accepted here.']
            : ['file-too-large', ''];
  return { rejected: { reason, message: why ? `${tooLarge} ${why}` : tooLarge } };
}
