/**
 * `fit-images`: makes a photo or screenshot that is over the size limit (or over
 * `max-image-dimension` pixels on its long side) fit, by decoding it with its EXIF orientation
 * applied, scaling it and encoding it again (JPEG, or PNG when it has transparency), stepping the
 * quality and then the size down until it fits.
 *
 * Loaded by dynamic `import()` the first time an image needs it, so pages that never fit an image
 * never download it: it imports nothing (type imports aside), which keeps it one file of its own
 * in the CDN build, and lets that same file run as the module worker that does the work (where the
 * page allows one: same origin, CSP, Trusted Types). Elsewhere the same steps run on the page's
 * thread: decoding (`createImageBitmap`) and encoding (`convertToBlob`) are asynchronous there too.
 * No DOM: `OffscreenCanvas` only; a browser without it uploads images as they are.
 */
import type { AttachmentConvertedEvent, AttachmentRejectEvent } from './events.js';
import type { UploadJob } from './upload-file.js';
import type { UploadList, UploadRecord } from './upload-list.js';

/** Why an image cannot be fitted: the `attachment-reject` reasons this module adds. */
export type FitRejectReason = 'image-unreadable' | 'image-too-large';

/** What one fit came to, as the worker answers it. */
type FitResult = Blob | 'unreadable' | 'too-large' | 'unsupported' | undefined;

interface FitRequest {
  file: Blob;
  type: string;
  maxBytes: number;
  maxDimension: number;
  convert: boolean;
}

/** JPEG qualities tried at each size before the size steps down. */
const QUALITIES = [0.9, 0.8, 0.7];
/** After this many smaller sizes the image is declared too large (a 1-pixel noise image would fit long before). */
const MAX_ROUNDS = 12;

/**
 * Whether a decoded image has any transparent pixel: looked for on a copy at most 256 pixels wide,
 * enough to see a transparent background or a cut-out, and cheap whatever the image's size.
 */
function hasAlpha(bitmap: ImageBitmap): boolean {
  const scale = Math.min(1, 256 / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return false;
  context.drawImage(bitmap, 0, 0, width, height);
  const { data } = context.getImageData(0, 0, width, height);
  for (let i = 3; i < data.length; i += 4) if ((data[i] as number) < 255) return true;
  return false;
}

/**
 * The fit itself, in whichever thread runs it: one decoded image, one canvas at a time, both let
 * go before it returns. Undefined when the image is fine as it is.
 */
async function fit({ file, type, maxBytes, maxDimension, convert }: FitRequest, signal?: AbortSignal): Promise<FitResult> {
  if (typeof createImageBitmap !== 'function' || typeof OffscreenCanvas !== 'function') return 'unsupported';
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return 'unreadable';
  }
  try {
    const { width, height } = bitmap;
    let scale = maxDimension > 0 ? Math.min(1, maxDimension / Math.max(width, height)) : 1;
    if (scale === 1 && file.size <= maxBytes && !convert) return undefined;
    const outType = type !== 'image/jpeg' && hasAlpha(bitmap) ? 'image/png' : 'image/jpeg';
    const qualities = outType === 'image/png' ? [undefined] : QUALITIES;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      // On the page's thread a cancel cannot terminate anything: it is heard between steps.
      if (signal?.aborted) throw signal.reason;
      const canvas = new OffscreenCanvas(Math.max(1, Math.round(width * scale)), Math.max(1, Math.round(height * scale)));
      const context = canvas.getContext('2d');
      if (!context) return 'unsupported';
      context.imageSmoothingQuality = 'high';
      context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      let smallest = Infinity;
      for (const quality of qualities) {
        const blob = await canvas.convertToBlob({ type: outType, quality });
        if (blob.size <= maxBytes) return blob;
        smallest = Math.min(smallest, blob.size);
        // Twice the limit or more: a lower quality would not close the gap; a smaller size will.
        if (blob.size > 2 * maxBytes) break;
      }
      // Bytes go with the area: aim just under the limit, but never less than half or more than 0.9 of the size.
      scale *= Math.min(0.9, Math.max(0.5, Math.sqrt(maxBytes / smallest) * 0.95));
      // Let the canvas's pixels go now, not when the collector gets to it.
      canvas.width = canvas.height = 0;
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
    let result: FitResult;
    try {
      result = await fit(data);
    } catch {
      result = 'unsupported';
    }
    globalThis.postMessage(result);
  };
}

/** No worker could be made or run: the fit runs on the page's thread instead. */
const NO_WORKER = Symbol('no worker');

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
function inWorker(request: FitRequest, signal: AbortSignal): Promise<FitResult | typeof NO_WORKER> {
  let worker: Worker;
  try {
    // A cross-origin script (a CDN), a CSP without it or a Trusted Types refusal throws here.
    worker = new Worker(workerUrl() as string, { type: 'module', name: WORKER_NAME });
  } catch {
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
    worker.onmessage = ({ data }: MessageEvent<FitResult>) => end(() => resolve(data));
    // The script could not load or run here (a CSP's worker-src, a bundler that moved it).
    worker.onerror = (event) => {
      event.preventDefault();
      end(() => resolve(NO_WORKER));
    };
    worker.postMessage(request);
  });
}

/** One decoded image at a time, whatever the uploader's concurrency: a 48 MP photo decodes to 192 MB. */
let queue: Promise<unknown> = Promise.resolve();

function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw signal.reason;
}

/** The name of the fitted file: the original's, with an extension of its new type. */
export function renamed(name: string, type: string): string {
  const extension = type === 'image/png' ? 'png' : 'jpg';
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const current = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  if (current === extension || (extension === 'jpg' && (current === 'jpeg' || current === 'jfif'))) return name;
  return `${stem}.${extension}`;
}

const megabytes = (bytes: number) => `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;

/**
 * What to send for the record's file with `fit-images` on (the uploader calls this only for an
 * image over the limit, any image with `maxDimension`, or a HEIC/HEIF): the file itself when it
 * needs nothing; a fitted copy (new bytes, size, type and extension) announced by
 * `attachment-converted`; or undefined after it was rejected (`attachment-reject`, and it left the
 * list) or cancelled. A decodable HEIC/HEIF is sent as JPEG, which every agent's browser shows; one
 * the browser cannot read is sent as it is when it fits. The event classes come from the uploader,
 * so this module imports nothing at run time.
 */
export default async function prepareImage(
  record: UploadRecord,
  maxBytes: number,
  maxDimension: number | undefined,
  signal: AbortSignal,
  list: UploadList,
  events: EventTarget,
  Reject: typeof AttachmentRejectEvent,
  Converted: typeof AttachmentConvertedEvent,
): Promise<UploadJob | undefined> {
  const { uploadId, file, contentType } = record;
  list.patch(record, { state: 'preparing', total: file.size });
  const request: FitRequest = {
    file,
    type: contentType,
    maxBytes,
    maxDimension: maxDimension ?? 0,
    convert: /^image\/hei[cf]$/.test(contentType),
  };
  const turn = queue.then(() => {
    throwIfAborted(signal);
    return inWorker(request, signal).then((result) => (result === NO_WORKER ? fit(request, signal) : result));
  });
  queue = turn.catch(() => undefined);
  const result = await turn;
  // Cancelled, or a later run (a retry) took over: this one says nothing more.
  if (signal.aborted || record.controller?.signal !== signal) return undefined;
  if (result instanceof Blob) {
    const sent = new File([result], renamed(file.name, result.type), { type: result.type });
    list.patch(record, { total: sent.size });
    const facts = ({ name, size, type }: File) => ({ name, size, type });
    events.dispatchEvent(new Converted({ uploadId, file, original: facts(file), converted: facts(sent) }));
    return { file: sent, contentType: sent.type };
  }
  if (file.size <= maxBytes || result === undefined) return record;
  const name = `"${file.name}"`;
  const limit = megabytes(maxBytes);
  const [reason, message] =
    // A HEIC this browser cannot decode is not a broken image: it is simply too large.
    result === 'unreadable' && !request.convert
      ? (['image-unreadable', `${name} could not be read as an image to make it smaller than ${limit}.`] as const)
      : result === 'too-large'
        ? (['image-too-large', `${name} could not be made smaller than ${limit}.`] as const)
        : (['file-too-large', `${name} is ${megabytes(file.size)}; the limit is ${limit}.`] as const);
  list.remove(record);
  events.dispatchEvent(new Reject({ uploadId, file, reason, message }));
  return undefined;
}
