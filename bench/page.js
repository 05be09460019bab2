// The in-page half of the bench: the element under test and the hand-written references it is
// measured against, side by side in one page. bench/run.mjs drives these through `window.bench`.
// Every timing is performance.now() in the page; nothing here knows about the DevTools protocol.

const CHUNK = 1024 * 1024;
/** @type {Blob | undefined} */
let chunkBlob;

/**
 * A File of `bytes` bytes without holding them in memory: one 1 MiB Blob of random bytes,
 * repeated. A Blob built from Blobs refers to their data instead of copying it, so a 500 MiB File
 * costs 1 MiB of blob storage and nothing is ever written to disk.
 */
function makeFile(bytes, name = 'bench.mp4', type = 'video/mp4') {
  if (!chunkBlob) {
    const buf = new Uint8Array(CHUNK);
    for (let i = 0; i < CHUNK; i += 65536) crypto.getRandomValues(buf.subarray(i, i + 65536));
    chunkBlob = new Blob([buf]);
  }
  const parts = [];
  let left = bytes;
  for (; left >= CHUNK; left -= CHUNK) parts.push(chunkBlob);
  if (left > 0) parts.push(chunkBlob.slice(0, left));
  return new File(parts, name, { type });
}

/** Files `count` × `bytes`, made before any clock starts. */
function makeFiles(count, bytes) {
  const text = 'x'.repeat(bytes);
  return Array.from({ length: count }, (_, i) => new File([text], `file-${String(i).padStart(4, '0')}.txt`, { type: 'text/plain' }));
}

const uploader = () => /** @type {any} */ (document.getElementById('uploader'));

/** Points the element at the stand-in and empties its list; every run starts from here. */
function configure({ endpoint, token, concurrency = 4 }) {
  const el = uploader();
  el.clear();
  el.endpoint = endpoint;
  el.token = token;
  el.concurrency = concurrency;
  el.maxFileSize = 2 ** 31;
  return el;
}

/** Listens to the element until `done` says so; rejects on the first error or rejection. */
function listen(el, handlers, done) {
  return new Promise((resolve, reject) => {
    const all = {
      'attachment-completed': undefined,
      ...handlers,
      'attachment-error': (e) => finish(new Error(`attachment-error ${e.detail.stage} ${e.detail.code}: ${e.detail.message}`)),
      'attachment-reject': (e) => finish(new Error(`attachment-reject ${e.detail.reason}: ${e.detail.message}`)),
    };
    const wrapped = Object.entries(all).map(([type, fn]) => {
      const listener = (event) => {
        fn?.(event);
        if (done(event)) finish();
      };
      el.addEventListener(type, listener);
      return [type, listener];
    });
    function finish(error) {
      for (const [type, listener] of wrapped) el.removeEventListener(type, listener);
      if (error) reject(error);
      else resolve(undefined);
    }
  });
}

// --- the element -------------------------------------------------------------------------------

/** One file through the element: whole flow, and the PUT phase (attachment-started → -uploaded). */
async function elementUpload(file, cfg) {
  const el = configure(cfg);
  let started = 0;
  let uploaded = 0;
  let progress = 0;
  const finished = listen(
    el,
    {
      'attachment-started': () => {
        started = performance.now();
      },
      'attachment-progress': () => {
        progress += 1;
      },
      'attachment-uploaded': () => {
        uploaded = performance.now();
      },
    },
    (event) => event.type === 'attachment-completed',
  );
  const t0 = performance.now();
  el.upload([file]);
  await finished;
  const t1 = performance.now();
  el.clear();
  return { totalMs: t1 - t0, putMs: uploaded - started, progressEvents: progress };
}

/** `files` through the element with its queue; resolves when the last one is in the chat. */
async function elementBatch(files, cfg) {
  const el = configure(cfg);
  let completed = 0;
  const finished = listen(
    el,
    {
      'attachment-completed': () => {
        completed += 1;
      },
    },
    () => completed === files.length,
  );
  console.timeStamp('bench:batch-begin');
  const t0 = performance.now();
  el.upload(files);
  await finished;
  const t1 = performance.now();
  console.timeStamp('bench:batch-end');
  return { ms: t1 - t0 };
}

// --- the hand-written reference ----------------------------------------------------------------

async function acps(endpoint, path, token, body) {
  const res = await fetch(`${endpoint}/participant/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Amz-Bearer': token },
    body: JSON.stringify(body),
    credentials: 'omit',
    cache: 'no-store',
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${text}`);
  return text ? JSON.parse(text) : {};
}

/** The browser's own XHR PUT of the File, with an upload progress listener as any uploader has. */
function xhrPut(url, headers, file, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    for (const [name, value] of Object.entries(headers)) {
      if (name.toLowerCase() !== 'content-length') xhr.setRequestHeader(name, value);
    }
    xhr.upload.onprogress = onProgress;
    xhr.onload = () =>
      xhr.status >= 200 && xhr.status < 300 ? resolve(undefined) : reject(new Error(`PUT: HTTP ${xhr.status} ${xhr.responseText}`));
    xhr.onerror = () => reject(new Error('PUT: network error'));
    xhr.send(file);
  });
}

/** Start → XHR PUT → Complete by hand, for one file. */
async function rawOne(file, { endpoint, token }, onProgress = () => {}) {
  const started = await acps(endpoint, 'start-attachment-upload', token, {
    ContentType: file.type,
    AttachmentSizeInBytes: file.size,
    AttachmentName: file.name,
    ClientToken: crypto.randomUUID(),
  });
  const p0 = performance.now();
  await xhrPut(started.UploadMetadata.Url, started.UploadMetadata.HeadersToInclude, file, onProgress);
  const p1 = performance.now();
  await acps(endpoint, 'complete-attachment-upload', token, { AttachmentIds: [started.AttachmentId], ClientToken: crypto.randomUUID() });
  return p1 - p0;
}

async function rawUpload(file, cfg) {
  configure(cfg);
  let progress = 0;
  const t0 = performance.now();
  const putMs = await rawOne(file, cfg, () => {
    progress += 1;
  });
  const t1 = performance.now();
  return { totalMs: t1 - t0, putMs, progressEvents: progress };
}

/** The minimal loop: `concurrency` workers take the next file until none is left. */
async function handBatch(files, cfg) {
  configure(cfg);
  let next = 0;
  const worker = async () => {
    while (next < files.length) await rawOne(files[next++], cfg);
  };
  console.timeStamp('bench:batch-begin');
  const t0 = performance.now();
  await Promise.all(Array.from({ length: cfg.concurrency ?? 4 }, worker));
  const t1 = performance.now();
  console.timeStamp('bench:batch-end');
  return { ms: t1 - t0 };
}

/**
 * Resolves once the element has no render pending and a frame has gone by, so the style, layout
 * and paint of its last render are done too. Its renders wait for an animation frame, so the last
 * one can still be pending when the last `attachment-completed` has fired (the timeout is for a
 * page that gets no frames, as in the element).
 */
async function settle() {
  const el = uploader();
  while (!(await el.updateComplete)) {
    /* another update was requested meanwhile */
  }
  await new Promise((resolve) => {
    const timer = setTimeout(resolve, 100);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(timer);
        resolve(undefined);
      }, 0),
    );
  });
}

// --- fit-images ---------------------------------------------------------------------------------

/**
 * A camera-sized JPEG (`width` × `height`, 24 MP at 6000 × 4000): noise bands, so it stays large
 * and costs its encoder real work, made before any clock starts. The noise comes from a fixed seed
 * (xorshift32), so every page that makes it holds the same bytes.
 */
async function makePhoto(width, height) {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  const bandHeight = Math.min(height, 500);
  const band = context.createImageData(width, bandHeight);
  const words = new Uint32Array(band.data.buffer);
  for (let i = 0, x = 2463534242; i < words.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    words[i] = x;
  }
  for (let i = 3; i < band.data.length; i += 4) band.data[i] = 255;
  for (let y = 0; y < height; y += bandHeight) context.putImageData(band, 0, y);
  const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.92));
  canvas.width = canvas.height = 0;
  return new File([blob], 'photo.jpg', { type: 'image/jpeg' });
}

/**
 * One photo through `fit-images` with a limit of half its size, so it must be fitted: the time from
 * `upload()` to `attachment-converted`, then the upload goes on to the end. The element uses its
 * worker where this page has one; bench/run.mjs runs the page's-thread side in a page without one.
 */
async function fitPhoto(cfg) {
  const el = configure(cfg);
  const file = /** @type {File} */ (held.photo);
  el.fitImages = true;
  el.maxFileSize = Math.floor(file.size / 2);
  try {
    const { t0, convertedAt, bytes } = await fitAndSend(el, file);
    return { fitMs: convertedAt - t0, sentMB: bytes / 1e6, worker: fitMeasure(t0).worker };
  } finally {
    el.fitImages = false;
  }
}

/**
 * The element's own account of its one fit since `t0` (the `connect-attachment-upload:fit` User
 * Timing measure): its full-size encodes, and 1 when it ran in the worker (NaN and 0 without one fit).
 */
function fitMeasure(t0) {
  const fits = performance.getEntriesByName('connect-attachment-upload:fit').filter((entry) => entry.startTime >= t0);
  return fits.length === 1 ? { encodes: fits[0].detail.encodes, worker: fits[0].detail.worker ? 1 : 0 } : { encodes: NaN, worker: 0 };
}

/**
 * Uploads `file` with the element's settings as they are and waits for it to be completed: when
 * `upload()` was called, when `attachment-converted` came, and the size it reported.
 */
async function fitAndSend(el, file) {
  let convertedAt = 0;
  let bytes = 0;
  const t0 = performance.now();
  const finished = listen(
    el,
    {
      'attachment-converted': (e) => {
        convertedAt = performance.now();
        bytes = e.detail.converted.size;
      },
    },
    (e) => e.type === 'attachment-completed',
  );
  el.upload([file]);
  await finished;
  return { t0, convertedAt, bytes };
}

// --- Send to visible ---------------------------------------------------------------------------

/**
 * The time from the Send press to the Complete answered (`attachment-completed`). 'element':
 * `complete-on-send`, the photo uploaded while the customer types and `send()` at the press;
 * 'raw': what Connect's own chat interface does, the upload started at the press.
 */
async function sendToVisible(side, file, cfg) {
  const el = configure(cfg);
  const staged = side === 'element';
  el.completeOnSend = staged;
  // The row is about Send, not about a photo's metadata (its bytes are random, nothing to read).
  el.keepMetadata = true;
  const completed = listen(el, {}, (event) => event.type === 'attachment-completed');
  let stageMs = 0;
  let sent;
  if (staged) {
    const s0 = performance.now();
    const ready = listen(el, { 'attachment-uploaded': undefined }, (event) => event.type === 'attachment-uploaded');
    el.upload([file]);
    await ready;
    // `ready` follows `attachment-uploaded` within the same turn of the uploader's run.
    while (el.uploads[0]?.state !== 'ready') await new Promise((resolve) => setTimeout(resolve, 5));
    stageMs = performance.now() - s0;
    // The customer is still typing: the part that sends, asked for when the file became ready, is in.
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const t0 = performance.now();
  if (staged) sent = el.send();
  else el.upload([file]);
  await completed;
  const ms = performance.now() - t0;
  await sent;
  el.completeOnSend = false;
  el.keepMetadata = false;
  el.clear();
  return { ms, stageMs };
}

// --- metadata removal ---------------------------------------------------------------------------

/** A JPEG segment: FF, the marker, the length (counting itself), the data. */
const jpegSegment = (marker, data) => {
  const out = new Uint8Array(4 + data.length);
  out.set([0xff, marker, (data.length + 2) >> 8, (data.length + 2) & 0xff]);
  out.set(data, 4);
  return out;
};
const latin1 = (text) => Uint8Array.from(text, (c) => c.charCodeAt(0));

/**
 * A phone photo of `bytes` bytes without holding it: the headers of a small canvas JPEG (its
 * tables and scan header) with an Exif (orientation 6, a GPS block), an XMP packet with GPS and a
 * colour profile over two segments, then entropy-coded data made of one 1 MiB block repeated
 * (random bytes, each 0xFF followed by a stuffed 0x00 as in a real scan, so the first FF D9 is the
 * EOI), then the EOI; `trailer` bytes after it (an appended motion-photo video).
 */
async function makeBigJpeg(bytes, trailer) {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 64;
  canvas.getContext('2d').fillRect(0, 0, 32, 32);
  const small = new Uint8Array(await (await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.9))).arrayBuffer());
  let at = 2;
  while (small[at + 1] !== 0xda) at += 2 + ((small[at + 2] << 8) | small[at + 3]);
  const headers = small.subarray(2, at + 2 + ((small[at + 2] << 8) | small[at + 3]));
  // Exif: little-endian TIFF, IFD0 with Orientation 6 and a GPS IFD pointer to an empty GPS IFD
  // (the position is in the XMP).
  const exif = latin1(
    'Exif\0\0II*\0\x08\0\0\0\x02\0\x12\x01\x03\0\x01\0\0\0\x06\0\0\0\x25\x88\x04\0\x01\0\0\0\x26\0\0\0\0\0\0\0\0\0\0\0\0\0',
  );
  const xmp = latin1('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><rdf:Description exif:GPSLatitude="51,30.4N"/></x:xmpmeta>');
  const icc = [1, 2].map((k) => jpegSegment(0xe2, latin1(`ICC_PROFILE\0${String.fromCharCode(k, 2)}${'profile '.repeat(4000)}`)));
  const block = new Uint8Array(CHUNK);
  for (let i = 0; i < CHUNK; i += 65536) crypto.getRandomValues(block.subarray(i, i + 65536));
  for (let i = 0; i < CHUNK - 1; i++) if (block[i] === 0xff) block[++i] = 0;
  block[CHUNK - 1] = 0x12;
  const scanBlock = new Blob([block]);
  const head = new Blob([new Uint8Array([0xff, 0xd8]), jpegSegment(0xe1, exif), jpegSegment(0xe1, xmp), ...icc, headers]);
  const parts = [head];
  for (let left = bytes - head.size - 2; left > 0; left -= CHUNK) parts.push(left >= CHUNK ? scanBlock : scanBlock.slice(0, left));
  parts.push(new Uint8Array([0xff, 0xd9]));
  if (trailer > 0) parts.push(makeFile(trailer));
  return new File(parts, 'photo.jpg', { type: 'image/jpeg' });
}

/**
 * The held 50 MB photo up to `attachment-started`, then cancelled (the PUT is the throughput row's
 * business): 'element' removes its metadata (the default), 'raw' sends it with `keep-metadata`.
 */
async function stripPhoto(side, cfg) {
  const el = configure(cfg);
  const file = /** @type {File} */ (cfg.appended ? held.appended : held.bigPhoto);
  el.keepMetadata = side === 'raw';
  let convertedAt = 0;
  let startedAt = 0;
  let removed = [];
  let sent = file.size;
  const t0 = performance.now();
  try {
    const finished = listen(
      el,
      {
        'attachment-converted': (e) => {
          convertedAt = performance.now();
          removed = e.detail.removed;
          sent = e.detail.converted.size;
        },
        'attachment-started': () => {
          startedAt = performance.now();
        },
      },
      (e) => e.type === 'attachment-started',
    );
    el.upload([file]);
    await finished;
  } finally {
    el.clear();
    el.keepMetadata = false;
  }
  if (side === 'element' && removed.join() !== 'location,exif,xmp' + (cfg.appended ? ',other' : '')) throw new Error(`removed: ${removed}`);
  return { removalMs: side === 'element' ? convertedAt - t0 : 0, startedMs: startedAt - t0, removedKB: (file.size - sent) / 1000 };
}

// --- what bench/run.mjs calls ------------------------------------------------------------------

/** @type {{ file?: File, files?: File[], photo?: File, bigPhoto?: File, appended?: File, running?: Promise<unknown> }} */
const held = {};

window.bench = {
  ready: () => customElements.whenDefined('connect-attachment-upload').then(() => true),
  holdFile: (bytes) => {
    held.file = makeFile(bytes);
    return held.file.size;
  },
  /** A photo-sized JPEG (random bytes: nothing decodes it) for the Send-to-visible row. */
  holdSendPhoto: (bytes) => {
    held.file = makeFile(bytes, 'photo.jpg', 'image/jpeg');
    return held.file.size;
  },
  sendToVisible: (side, cfg) => sendToVisible(side, /** @type {File} */ (held.file), cfg),
  holdFiles: (count, bytes) => {
    held.files = makeFiles(count, bytes);
    return held.files.length;
  },
  drop: () => {
    delete held.file;
    delete held.files;
    delete held.photo;
    delete held.bigPhoto;
    delete held.appended;
  },
  /** side: 'element' | 'raw'. Single file, awaited. */
  single: (side, cfg) => (side === 'element' ? elementUpload : rawUpload)(/** @type {File} */ (held.file), cfg),
  /** Starts a single upload and returns at once, so the heap can be sampled while it runs. */
  begin: (side, cfg) => {
    held.running = (side === 'element' ? elementUpload : rawUpload)(/** @type {File} */ (held.file), cfg);
    held.running.catch(() => {});
    return true;
  },
  finish: () => held.running,
  holdPhoto: async (width, height) => {
    held.photo = await makePhoto(width, height);
    return held.photo.size;
  },
  /** Starts fitting (and uploading) the held photo and returns at once, so the heap can be sampled meanwhile. */
  beginFit: (cfg) => {
    held.running = fitPhoto(cfg);
    held.running.catch(() => {});
    return true;
  },
  /** A phone photo of `bytes` bytes, and the same with `trailer` bytes appended after its EOI. */
  holdBigPhoto: async (bytes, trailer) => {
    held.bigPhoto = await makeBigJpeg(bytes, 0);
    held.appended = await makeBigJpeg(bytes, trailer);
    return held.bigPhoto.size;
  },
  /** Starts sending the held photo to `attachment-started` and returns at once, so the heap can be sampled meanwhile. */
  beginStrip: (side, cfg) => {
    held.running = stripPhoto(side, cfg);
    held.running.catch(() => {});
    return true;
  },
  /** side: 'element' | 'raw'. The batch of held files. */
  batch: (side, cfg) => (side === 'element' ? elementBatch : handBatch)(/** @type {File[]} */ (held.files), cfg),
  /** Empties the element's list and lets it render, so tearing down a long list is nobody's run. */
  reset: async () => {
    uploader().clear();
    await settle();
    return true;
  },
  /** Waits for the element's last render of a batch, so that render counts in the batch's run. */
  settle: () => settle().then(() => true),
};

// --- fit-images against browser-image-compression ----------------------------------------------

/**
 * A photo-like JPEG, as test/helpers/images.ts makes it: warm light on the left fading to blue,
 * soft shapes and faint grain, so it compresses as a camera photo does (not as noise).
 */
async function photoLike(width, height) {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  const light = context.createLinearGradient(0, 0, width, 0);
  light.addColorStop(0, '#c83a28');
  light.addColorStop(0.45, '#d8a060');
  light.addColorStop(0.55, '#7090b0');
  light.addColorStop(1, '#2444b8');
  context.fillStyle = light;
  context.fillRect(0, 0, width, height);
  let seed = 7;
  const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  for (let i = 0; i < 60; i++) {
    const x = next() * width;
    const y = next() * height;
    const r = (0.02 + next() * 0.06) * Math.min(width, height);
    const shape = context.createRadialGradient(x, y, r * 0.2, x, y, r);
    shape.addColorStop(0, `rgba(${(next() * 255) | 0},${(next() * 255) | 0},${(next() * 255) | 0},0.55)`);
    shape.addColorStop(1, 'rgba(0,0,0,0)');
    context.fillStyle = shape;
    context.fillRect(x - r, y - r, 2 * r, 2 * r);
  }
  const tile = document.createElement('canvas');
  tile.width = tile.height = 256;
  const tileContext = tile.getContext('2d');
  const grain = tileContext.createImageData(256, 256);
  for (let i = 0; i < grain.data.length; i += 65536) crypto.getRandomValues(grain.data.subarray(i, i + 65536));
  for (let i = 3; i < grain.data.length; i += 4) grain.data[i] = 255;
  tileContext.putImageData(grain, 0, 0);
  context.globalAlpha = 0.12;
  context.fillStyle = context.createPattern(tile, 'repeat');
  context.fillRect(0, 0, width, height);
  const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.92));
  canvas.width = canvas.height = 0;
  return new File([blob], 'photo.jpg', { type: 'image/jpeg' });
}

/**
 * A screenshot as a PNG: a chat app's window (bars, bubbles, lines of text) with two photos in the
 * thread, the kind of screenshot a customer sends.
 */
async function screenshot(width, height) {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  context.fillStyle = '#f4f5f7';
  context.fillRect(0, 0, width, height);
  context.fillStyle = '#23395d';
  context.fillRect(0, 0, width, Math.round(height * 0.06));
  const line = Math.max(8, Math.round(height / 60));
  context.font = `${Math.round(line * 0.8)}px sans-serif`;
  for (let y = Math.round(height * 0.08), i = 0; y < height - line; y += line * 4, i++) {
    const left = i % 2 === 0;
    const x = left ? width * 0.05 : width * 0.45;
    context.fillStyle = left ? '#ffffff' : '#d8e8ff';
    context.fillRect(x, y, width * 0.5, line * 3);
    context.fillStyle = '#1b1b1b';
    context.fillText(`Message ${i}: the parcel arrived damaged on the corner, order 48213-${i}, see the photo.`, x + line, y + line * 1.2);
    context.fillText(`Sent ${10 + (i % 50)}:${String(i % 60).padStart(2, '0')} · delivered · read by the agent`, x + line, y + line * 2.4);
  }
  const photo = await createImageBitmap(await photoLike(Math.round(width * 0.3), Math.round(height * 0.3)));
  context.drawImage(photo, width * 0.6, height * 0.15);
  context.drawImage(photo, width * 0.08, height * 0.55);
  photo.close();
  const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
  canvas.width = canvas.height = 0;
  return new File([blob], 'screenshot.png', { type: 'image/png' });
}

/** The comparison's inputs, by row: the file, the byte limit and `max-image-dimension`. */
async function compareInput(row, small) {
  const [w, h] = small ? [600, 400] : [6000, 4000];
  if (row === 'photo') return { file: await photoLike(w, h), limit: small ? 20_000 : 2_000_000 };
  if (row === 'dimension') return { file: await photoLike(w, h), limit: small ? 200_000 : 2_000_000, maxDimension: small ? 300 : 2048 };
  if (row === 'noise') {
    const file = await makePhoto(w, h);
    return { file: new File([file], 'noise.jpg', { type: 'image/jpeg' }), limit: Math.floor(file.size / 2) };
  }
  const [sw, sh] = small ? [640, 360] : [3840, 2160];
  return { file: await screenshot(sw, sh), limit: small ? 30_000 : 1_000_000 };
}

/** Main-thread tasks over 50 ms (Long Tasks API) between `from` and `to`. */
function longTasks(entries, from, to) {
  return entries.filter((entry) => entry.startTime + entry.duration >= from && entry.startTime <= to).length;
}

/** Every long task the page has had; the observer starts with the page. */
const longTaskEntries = [];
new PerformanceObserver((list) => longTaskEntries.push(...list.getEntries())).observe({ type: 'longtask', buffered: true });

/** The element's fit of the held input (its worker where the page allows one). */
async function ourFit({ file, limit, maxDimension }, cfg) {
  const el = configure(cfg);
  el.fitImages = true;
  el.maxFileSize = limit;
  el.maxImageDimension = maxDimension;
  let sent;
  try {
    sent = await fitAndSend(el, file);
  } finally {
    el.fitImages = false;
    el.maxImageDimension = undefined;
  }
  const { t0, convertedAt, bytes } = sent;
  return { ms: convertedAt - t0, bytes, longTasks: longTasks(longTaskEntries, t0, convertedAt), ...fitMeasure(t0) };
}

/** browser-image-compression 2.0.2 on the same input, in its web worker (its script served locally). */
async function theirFit({ file, limit, maxDimension }) {
  const { default: imageCompression } = await import('/vendor/browser-image-compression.mjs');
  const t0 = performance.now();
  const out = await imageCompression(file, {
    // Its megabytes are 2^20 bytes: the same byte limit as the element's.
    maxSizeMB: limit / 2 ** 20,
    maxWidthOrHeight: maxDimension,
    useWebWorker: true,
    libURL: new URL('/vendor/browser-image-compression.js', location.href).href,
  });
  const t1 = performance.now();
  return { ms: t1 - t0, bytes: out.size, longTasks: longTasks(longTaskEntries, t0, t1), encodes: NaN, worker: 1 };
}

Object.assign(window.bench, {
  /** Makes the input of a comparison row; returns its bytes and limit. */
  holdCompare: async (row, small) => {
    held.compare = await compareInput(row, small);
    return { bytes: held.compare.file.size, limit: held.compare.limit, maxDimension: held.compare.maxDimension ?? null };
  },
  /** side: 'element' | 'raw' (browser-image-compression). One fit of the held input. */
  compare: (side, cfg) => (side === 'element' ? ourFit(held.compare, cfg) : theirFit(held.compare)),
  dropCompare: () => {
    delete held.compare;
  },
});
