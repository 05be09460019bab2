#!/usr/bin/env node
// @ts-check
// `npm run bench`: the element against hand-written references, side by side in one headless
// Chromium, against the local Connect stand-in on loopback. Runs alternate (A B A B …) so a noisy
// machine slows both sides alike; each row gives medians with their spread and the target.
// Prints the table and writes it to bench/results.md (and the samples to bench/results.json).
//
//   node bench/run.mjs [--smoke] [--out FILE.md] [--json FILE.json] [--dist DIR] [--label TEXT]
//                      [--baseline FILE.json] [--only throughput,memory,queue,scaling,fit,send,size] [--pairs N]
//
// --smoke      tiny sizes and one pair per row (the test suite runs this, to keep the bench working)
// --dist DIR   measure the CDN file of another build (e.g. an export of an older commit); --label names it
// --baseline   a results.json of an earlier run: the table gets its element numbers as a "before" column
// --only       run some rows only (the others print "not run"); `fit` is fit-images on a 24 MP photo,
//              `compare` fit-images against browser-image-compression 2.0.2 on four inputs,
//              `metadata` the removal of a 50 MB photo's metadata, `send` the Send-to-visible row (a 5 MB
//              photo over an emulated 10 Mbit/s uplink)
// --pairs N    pairs for the throughput, queue, fit, compare, metadata and send rows and for each size of
//              the scaling row (defaults 11, 7, 5, 3, 9, 5 and 5/5/3; more pairs, tighter medians)

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import { once } from 'node:events';
import os from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium.mjs';
import { startConnectStandIn } from 'connect-chat-stand-in';
import { measureSizes } from './sizes.mjs';
import { longestTask } from './trace.mjs';
import { renderResults } from './report.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const benchDir = join(root, 'bench');
/** browser-image-compression's own build, served to the page for the comparison rows (a devDependency; never bundled). */
const vendorDir = join(root, 'node_modules', 'browser-image-compression', 'dist');

const { values: args } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    out: { type: 'string' },
    json: { type: 'string' },
    dist: { type: 'string' },
    baseline: { type: 'string' },
    label: { type: 'string' },
    only: { type: 'string' },
    pairs: { type: 'string' },
    'raw-first': { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
  },
  strict: true,
});

const MiB = 1024 * 1024;
// `scaling` is the queue at several list lengths, pairs[i] pairs at files[i] (fewer at 1000 files,
// whose pairs take the longest); its warm-up pairs run at the first length only.
/** Sizes and repetitions: the full bench, or the smoke run the test suite does. */
const plan = args.smoke
  ? {
      throughputBytes: 4 * MiB,
      memoryBytes: 8 * MiB,
      files: 12,
      fileBytes: 1024,
      concurrency: 4,
      warmup: 0,
      pairs: { throughput: 1, memory: 1, queue: 1, trace: 1, fit: 1, compare: 1, metadata: 1, send: 1 },
      scaling: { files: [3, 6], pairs: [1, 1] },
      photo: [600, 400],
      metadata: { bytes: 2 * MiB, trailer: MiB },
      sendBytes: 100_000,
    }
  : {
      throughputBytes: 200 * MiB,
      memoryBytes: 500 * MiB,
      files: 200,
      fileBytes: 1024,
      concurrency: 4,
      warmup: 1,
      pairs: { throughput: 11, memory: 3, queue: 7, trace: 3, fit: 5, compare: 3, metadata: 9, send: 5 },
      scaling: { files: [10, 100, 1000], pairs: [5, 5, 3] },
      photo: [6000, 4000],
      metadata: { bytes: 50 * MiB, trailer: 4 * MiB },
      sendBytes: 5_000_000,
    };
/** The Send-to-visible row's network: a phone's uplink (CDP network emulation, Chromium). */
const UPLINK = { mbps: 10, latencyMs: 100 };
if (args.pairs !== undefined) {
  const n = Number(args.pairs);
  if (!Number.isInteger(n) || n < 1) throw new TypeError('--pairs must be a positive integer');
  plan.pairs.throughput = n;
  plan.pairs.queue = n;
  plan.pairs.fit = n;
  plan.pairs.compare = n;
  plan.pairs.metadata = n;
  plan.pairs.send = n;
  plan.scaling.pairs = plan.scaling.files.map(() => n);
}
const ROWS = ['throughput', 'memory', 'queue', 'scaling', 'fit', 'compare', 'metadata', 'send', 'size'];
/** The rows of `compare`: fit-images against browser-image-compression on the same input. */
const COMPARE_ROWS = ['photo', 'noise', 'screenshot', 'dimension'];
const only = new Set(args.only ? args.only.split(',').map((s) => s.trim()) : ROWS);
for (const row of only) if (!ROWS.includes(row)) throw new TypeError(`--only takes ${ROWS.join(', ')}; got ${row}`);

const distDir = resolve(args.dist ?? join(root, 'dist'));
const cdnFile = join(distDir, 'connect-attachment-upload.min.js');
const outMd = resolve(args.out ?? join(benchDir, 'results.md'));
const outJson = resolve(args.json ?? outMd.replace(/\.md$/, '') + '.json');

const log = (/** @type {string} */ line) => {
  if (!args.quiet) process.stderr.write(`${line}\n`);
};

if (!existsSync(cdnFile)) {
  console.error(`${cdnFile} is missing: run \`npm run build\` first (\`npm run bench\` does).`);
  process.exit(2);
}

// --- what is measured, and on what --------------------------------------------------------------

/** @param {string[]} argv */
function git(argv) {
  try {
    return execFileSync('git', argv, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

function machine() {
  const osRelease = existsSync('/etc/os-release') ? readFileSync('/etc/os-release', 'utf8') : '';
  const distro = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(osRelease)?.[1] ?? `${os.type()} ${os.release()}`;
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${distro}, Linux ${os.release()}`,
    node: process.version,
    loadAverage: '',
  };
}

function measured() {
  const commit = git(['rev-parse', '--short', 'HEAD']);
  const dirty = git(['status', '--porcelain', '--', 'src']) !== '';
  const cdn = readFileSync(cdnFile);
  return {
    commit:
      args.label ??
      (args.dist ? 'an external build (see --label)' : commit ? `${commit}${dirty ? ' (src/ has uncommitted changes)' : ''}` : 'unknown'),
    dist: args.dist ? distDir : 'dist/',
    cdnSha256: createHash('sha256').update(cdn).digest('hex').slice(0, 16),
  };
}

// --- serving the page ---------------------------------------------------------------------------

/** @type {Record<string, string>} */
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
};

/**
 * The bench page and the CDN file, nothing else.
 * @returns {Promise<{ origin: string, close: () => Promise<void> }>}
 */
async function serve() {
  const server = http.createServer(async (req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
    const [base, rest] = path.startsWith('/dist/')
      ? [distDir, path.slice(6)]
      : path.startsWith('/bench/')
        ? [benchDir, path.slice(7)]
        : path.startsWith('/vendor/')
          ? [vendorDir, path.slice(8)]
          : [benchDir, 'page.html'];
    const file = normalize(join(base, rest));
    const info = file.startsWith(base + sep) ? await stat(file).catch(() => undefined) : undefined;
    if (!info?.isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
    res.end(readFileSync(file));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    origin: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    },
  };
}

// --- statistics ---------------------------------------------------------------------------------

/** @param {number[]} xs */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? /** @type {number} */ (s[mid]) : /** @type {number} */ (s[mid - 1] + /** @type {number} */ (s[mid])) / 2;
}

/** @param {number[]} xs */
const summary = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length, samples: xs });

/**
 * Runs `run(side)` for both sides in alternation (element, reference, element, reference, …),
 * warm-up pairs first (discarded). Each pair's ratio compares two runs made seconds apart.
 * @template T
 * @param {string} label
 * @param {number} pairs
 * @param {number} warmup
 * @param {(side: 'element' | 'raw', index: number) => Promise<T>} run
 * @returns {Promise<{ element: T[], raw: T[] }>}
 */
async function alternate(label, pairs, warmup, run) {
  /** @type {{ element: T[], raw: T[] }} */
  const out = { element: [], raw: [] };
  for (let i = -warmup; i < pairs; i++) {
    for (const side of /** @type {const} */ (['element', 'raw'])) {
      const result = await run(side, i);
      if (i >= 0) out[side].push(result);
      log(`  ${label} ${i < 0 ? 'warm-up' : `#${i + 1}`} ${side}: ${JSON.stringify(result)}`);
    }
  }
  return out;
}

// --- the run --------------------------------------------------------------------------------------

const sleep = (/** @type {number} */ ms) => new Promise((done) => setTimeout(done, ms));

/**
 * The element's and the reference's summaries of each numeric key of a row's runs.
 * @param {{ element: Record<string, number>[], raw: Record<string, number>[] }} runs
 */
function summarize(runs) {
  const keys = Object.keys(runs.element[0] ?? {});
  /** @param {Record<string, number>[]} list */
  const of = (list) => Object.fromEntries(keys.map((key) => [key, summary(list.map((r) => /** @type {number} */ (r[key])))]));
  return { element: of(runs.element), raw: of(runs.raw) };
}

/**
 * Per-pair ratios element ÷ reference of one key.
 * @param {{ element: Record<string, number>[], raw: Record<string, number>[] }} runs
 * @param {string} key
 */
const ratio = (runs, key) =>
  summary(runs.element.map((r, i) => /** @type {number} */ (r[key]) / /** @type {number} */ (runs.raw[i]?.[key])));

/**
 * A page of the bench (page.html, ready) with its own DevTools session, and what the rows do with
 * it: run a function in it, collect its garbage, read its JS heap and its main thread's times.
 * @param {import('puppeteer-core').Browser} browser
 * @param {string} url
 * @param {string[]} problems where the page's uncaught errors go
 * @param {{ worker?: boolean }} [options] `worker: false` takes `window.Worker` away before any of the page's scripts run
 */
async function openPage(browser, url, problems, { worker = true } = {}) {
  const page = await browser.newPage();
  page.on('pageerror', (error) => problems.push(String(error)));
  if (!worker) {
    await page.evaluateOnNewDocument(() => {
      /** @type {any} */ (window).Worker = undefined;
    });
  }
  await page.goto(url);
  await page.evaluate(() => /** @type {any} */ (window).bench.ready());
  const cdp = await page.createCDPSession();
  await cdp.send('Performance.enable');
  return {
    page,
    cdp,
    /** @type {(fn: (...a: any[]) => any, ...a: any[]) => Promise<any>} */
    inPage: (fn, ...a) => page.evaluate(fn, ...a),
    gc: async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
    },
    heapUsed: async () => (await cdp.send('Runtime.getHeapUsage')).usedSize,
    /** ThreadTime: the main thread's CPU time; TaskDuration: the time it spent running tasks (wall). */
    metrics: async () => {
      const all = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
      return { cpu: (all.ThreadTime ?? 0) * 1000, busy: (all.TaskDuration ?? 0) * 1000 };
    },
  };
}

async function main() {
  const began = Date.now();
  const loadAtStart = os.loadavg();
  const standIn = await startConnectStandIn({
    s3Sink: 'discard',
    maxAttachmentBytes: 2 ** 31 - 1,
    maxAttachmentsPerChat: 1_000_000,
    urlExpirySeconds: 3600,
  });
  const site = await serve();
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM_PATH,
    protocolTimeout: 600_000,
    // Puppeteer would otherwise follow every request over the DevTools protocol, which costs the
    // page's main thread time per request; the bench reads nothing from it.
    networkEnabled: false,
    issuesEnabled: false,
    args: CHROMIUM_ARGS,
  });
  try {
    /** @type {string[]} */
    const problems = [];
    const siteUrl = `${site.origin}/`;
    const mainPage = await openPage(browser, siteUrl, problems);
    const { page, cdp, inPage, gc, metrics } = mainPage;
    /** A fresh chat for every run: each run's attachments stay apart. */
    const config = () => ({ endpoint: standIn.endpoint, token: standIn.createChat().connectionToken, concurrency: plan.concurrency });
    /** @type {Record<string, any>} */
    const results = {
      when: new Date(began).toISOString(),
      seconds: 0,
      smoke: args.smoke,
      machine: { ...machine(), chromium: await browser.version() },
      measured: measured(),
      plan,
      sink: "the stand-in's discarding S3 sink (s3Sink: 'discard'): SigV4 and expiry checked, body streamed through a byte count and SHA-256, then dropped",
    };

    /**
     * One batch of the held files, timed. Each run's window holds its own batch only: the previous
     * run's list is emptied and rendered away first, and the element's last (frame-coalesced)
     * render is waited for before the window closes.
     * @param {'element' | 'raw'} side
     * @param {number} files
     */
    const timedBatch = async (side, files) => {
      await inPage(() => /** @type {any} */ (window).bench.reset());
      await gc();
      const m0 = await metrics();
      /** @type {{ ms: number }} */
      const r = await inPage((s, c) => /** @type {any} */ (window).bench.batch(s, c), side, config());
      await inPage(() => /** @type {any} */ (window).bench.settle());
      const m1 = await metrics();
      return { ms: r.ms, cpuMsPerFile: (m1.cpu - m0.cpu) / files, busyMsPerFile: (m1.busy - m0.busy) / files };
    };

    if (only.has('throughput')) {
      log(`throughput: ${plan.throughputBytes / MiB} MiB, ${plan.pairs.throughput} pairs`);
      await inPage((bytes) => /** @type {any} */ (window).bench.holdFile(bytes), plan.throughputBytes);
      const runs = await alternate('throughput', plan.pairs.throughput, plan.warmup, async (side) => {
        await gc();
        const m0 = await metrics();
        /** @type {{ totalMs: number, putMs: number, progressEvents: number }} */
        const r = await inPage((s, c) => /** @type {any} */ (window).bench.single(s, c), side, config());
        const m1 = await metrics();
        return {
          putMBps: plan.throughputBytes / 1e6 / (r.putMs / 1000),
          totalMBps: plan.throughputBytes / 1e6 / (r.totalMs / 1000),
          progressEvents: r.progressEvents,
          mainCpuMs: m1.cpu - m0.cpu,
        };
      });
      await inPage(() => /** @type {any} */ (window).bench.drop());
      results.throughput = {
        bytes: plan.throughputBytes,
        ...summarize(runs),
        putRatio: ratio(runs, 'putMBps'),
        totalRatio: ratio(runs, 'totalMBps'),
      };
    }

    /**
     * Runs one side's `begin` then the page's `finish` in page `p`, sampling that page's JS heap
     * every 10 ms: its peak growth over a collected start, what stays after a collection, and how
     * many samples.
     * @param {Awaited<ReturnType<typeof openPage>>} p
     * @param {(side: string, config: unknown) => unknown} begin
     * @param {string} side
     * @param {Record<string, unknown>} [more] added to the run's config
     */
    const heapDuring = async (p, begin, side, more = {}) => {
      await p.gc();
      const base = await p.heapUsed();
      let peak = base;
      let samples = 0;
      await p.inPage(begin, side, { ...config(), ...more });
      let done = false;
      const finished = p
        .inPage(() => /** @type {any} */ (window).bench.finish())
        .finally(() => {
          done = true;
        });
      while (!done) {
        peak = Math.max(peak, await p.heapUsed());
        samples += 1;
        await sleep(10);
      }
      const result = await finished;
      await p.gc();
      const after = await p.heapUsed();
      return { result, heap: { peakGrowthMB: (peak - base) / 1e6, retainedMB: (after - base) / 1e6, samples } };
    };

    if (only.has('memory')) {
      log(`memory: ${plan.memoryBytes / MiB} MiB, ${plan.pairs.memory} pairs`);
      await inPage((bytes) => /** @type {any} */ (window).bench.holdFile(bytes), plan.memoryBytes);
      const runs = await alternate('memory', plan.pairs.memory, 0, async (side) => {
        const { heap } = await heapDuring(mainPage, (s, c) => /** @type {any} */ (window).bench.begin(s, c), side);
        return heap;
      });
      await inPage(() => /** @type {any} */ (window).bench.drop());
      results.memory = { bytes: plan.memoryBytes, ...summarize(runs) };
    }

    if (only.has('queue')) {
      log(
        `queue: ${plan.files} files of ${plan.fileBytes} B, concurrency ${plan.concurrency}, ${plan.pairs.queue} pairs + ${plan.pairs.trace} traced`,
      );
      await inPage((n, b) => /** @type {any} */ (window).bench.holdFiles(n, b), plan.files, plan.fileBytes);
      const runs = await alternate('queue', plan.pairs.queue, plan.warmup, (side) => timedBatch(side, plan.files));
      // More pairs under a trace, for the longest task: tracing slows a page, so the timed runs go without it.
      const traced = await alternate('longest task', plan.pairs.trace, 0, async (side) => {
        await gc();
        await page.tracing.start({ categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
        await inPage((s, c) => /** @type {any} */ (window).bench.batch(s, c), side, config());
        const trace = await page.tracing.stop();
        const longest = longestTask(JSON.parse(Buffer.from(/** @type {Uint8Array} */ (trace)).toString('utf8')));
        return { longestTaskMs: longest.wallMs, longestTaskCpuMs: longest.cpuMs };
      });
      await inPage(() => /** @type {any} */ (window).bench.drop());
      const timed = summarize(runs);
      const longest = summarize(traced);
      results.queue = {
        files: plan.files,
        fileBytes: plan.fileBytes,
        concurrency: plan.concurrency,
        element: { ...timed.element, ...longest.element },
        raw: { ...timed.raw, ...longest.raw },
        ratio: ratio(runs, 'ms'),
        // The element's own main-thread time: what it costs beyond the same requests made by hand.
        cpuMsPerFileOverLoop: summary(
          runs.element.map((r, i) => /** @type {number} */ (r.cpuMsPerFile) - /** @type {number} */ (runs.raw[i]?.cpuMsPerFile)),
        ),
      };
    }

    if (only.has('scaling')) {
      // Does one more file cost more when the list is longer? The queue row's own time per file
      // (element − loop, per pair) at several lengths. Unlike the queue row, each run's window
      // holds exactly its own batch: the previous run's list is emptied and rendered away before
      // the window opens (otherwise a loop run would pay for tearing down the element's 1000
      // items), and the element's last frame-coalesced render is waited for before it closes.
      log(
        `scaling: ${plan.scaling.files.join(', ')} files of ${plan.fileBytes} B, concurrency ${plan.concurrency}, ${plan.scaling.pairs.join(', ')} pairs`,
      );
      /** @type {Record<string, any>[]} */
      const points = [];
      for (const [k, files] of plan.scaling.files.entries()) {
        const pairs = /** @type {number} */ (plan.scaling.pairs[k]);
        await inPage((n, b) => /** @type {any} */ (window).bench.holdFiles(n, b), files, plan.fileBytes);
        // Warm-up at the first length only: it is the code that needs warming, not the list.
        const runs = await alternate(`scaling ${files}`, pairs, k === 0 ? plan.warmup : 0, (side) => timedBatch(side, files));
        await inPage(() => /** @type {any} */ (window).bench.drop());
        points.push({
          files,
          pairs,
          ...summarize(runs),
          ratio: ratio(runs, 'ms'),
          cpuMsPerFileOverLoop: summary(
            runs.element.map((r, i) => /** @type {number} */ (r.cpuMsPerFile) - /** @type {number} */ (runs.raw[i]?.cpuMsPerFile)),
          ),
        });
      }
      await inPage(() => /** @type {any} */ (window).bench.reset());
      const first = points[0];
      const last = points[points.length - 1];
      const own = (/** @type {Record<string, any> | undefined} */ p) => /** @type {number} */ (p?.cpuMsPerFileOverLoop.median);
      results.scaling = {
        fileBytes: plan.fileBytes,
        concurrency: plan.concurrency,
        points,
        // The median own time per file at the longest list ÷ that at the shortest: the sizes have
        // different pair counts, so there are no pairs to take per-pair ratios of. No ratio when
        // the shortest list's own time is not above zero (noise at that size swamps it).
        growth: { from: first?.files, to: last?.files, ratio: own(first) > 0 ? own(last) / own(first) : null },
        // What one more file costs between two lengths: the growth of the own time per batch
        // (files × median own time per file) ÷ the files added. The per-file figure at a short list
        // also carries the batch's fixed costs (the first render, the form's first value), shared
        // by few files, which hides a growing per-file cost in the ratio above; this does not.
        marginal: points.slice(1).map((p, i) => {
          const q = /** @type {Record<string, any>} */ (points[i]);
          return { from: q.files, to: p.files, msPerFile: (p.files * own(p) - q.files * own(q)) / (p.files - q.files) };
        }),
      };
    }

    if (only.has('fit')) {
      // fit-images on a camera-sized photo: the time to `attachment-converted` and the main thread's
      // JS heap at its peak meanwhile, with the worker ('element') and on the page's thread ('raw').
      // The element remembers per page that a worker was refused and never tries again there, so
      // the page's-thread side runs in a second page of its own, whose `Worker` is gone before any
      // script runs: nothing it does can move the element's page off its worker.
      const pages = { element: mainPage, raw: await openPage(browser, siteUrl, problems, { worker: false }) };
      try {
        const [width, height] = plan.photo;
        /** @param {Awaited<ReturnType<typeof openPage>>} p */
        const holdPhoto = (p) => p.inPage((w, h) => /** @type {any} */ (window).bench.holdPhoto(w, h), width, height);
        const photoBytes = await holdPhoto(pages.element);
        const rawPhotoBytes = await holdPhoto(pages.raw);
        if (rawPhotoBytes !== photoBytes) throw new Error(`the two pages made different photos: ${photoBytes} and ${rawPhotoBytes} B`);
        log(`fit: a ${width} × ${height} JPEG of ${photoBytes} B, limit half of it, ${plan.pairs.fit} pairs`);
        // Which way each run went: the workers Chromium made in each side's page (one per fit with the worker).
        const workers = { element: 0, raw: 0 };
        for (const side of /** @type {const} */ (['element', 'raw'])) {
          pages[side].page.on('workercreated', () => {
            workers[side] += 1;
          });
        }
        const runs = await alternate('fit', plan.pairs.fit, plan.warmup, async (side) => {
          // Only the page in front is visible (and gets frames), as the one page of the other rows is.
          await pages[side].page.bringToFront();
          const workersBefore = workers[side];
          const { result, heap } = await heapDuring(pages[side], (_, c) => /** @type {any} */ (window).bench.beginFit(c), side);
          const r = /** @type {{ fitMs: number, sentMB: number, worker: number }} */ (result);
          return { fitMs: r.fitMs, sentMB: r.sentMB, ...heap, workers: workers[side] - workersBefore, worker: r.worker };
        });
        results.fit = { width, height, photoBytes, ...summarize(runs) };
      } finally {
        await pages.element.inPage(() => /** @type {any} */ (window).bench.drop());
        await pages.raw.page.close();
        await pages.element.page.bringToFront();
      }
    }

    if (only.has('compare')) {
      // fit-images (its worker) against browser-image-compression 2.0.2 (its web worker) on the
      // same File and byte limit, alternating: time, bytes, main-thread tasks over 50 ms, encodes.
      results.compare = {};
      for (const row of COMPARE_ROWS) {
        const input = await inPage((r, small) => /** @type {any} */ (window).bench.holdCompare(r, small), row, args.smoke);
        log(`compare ${row}: ${JSON.stringify(input)}, ${plan.pairs.compare} pairs`);
        const runs = await alternate(`compare ${row}`, plan.pairs.compare, 0, async (side) => {
          await gc();
          return /** @type {Record<string, number>} */ (
            await inPage((s, c) => /** @type {any} */ (window).bench.compare(s, c), side, config())
          );
        });
        await inPage(() => /** @type {any} */ (window).bench.dropCompare());
        results.compare[row] = { ...input, ...summarize(runs), ratio: ratio(runs, 'ms') };
      }
    }

    if (only.has('metadata')) {
      // Metadata out of a 50 MB phone photo: from upload() to attachment-converted (the module
      // loaded by the warm-up pair), and the page's JS heap at its peak meanwhile; the reference is
      // the same photo with keep-metadata. Each run stops at attachment-started: the PUT is the
      // throughput row's. Then the same with a video appended after the photo's EOI, where the EOI
      // is searched for through the whole scan.
      const { bytes, trailer } = plan.metadata;
      const photoBytes = await inPage((b, t) => /** @type {any} */ (window).bench.holdBigPhoto(b, t), bytes, trailer);
      log(`metadata: a JPEG of ${photoBytes} B (and with ${trailer} B appended), ${plan.pairs.metadata} pairs each`);
      /** @param {boolean} appended */
      const runs = (appended) =>
        alternate(appended ? 'metadata, appended' : 'metadata', plan.pairs.metadata, plan.warmup, async (side) => {
          const { result, heap } = await heapDuring(mainPage, (s, c) => /** @type {any} */ (window).bench.beginStrip(s, c), side, {
            appended,
          });
          return { .../** @type {Record<string, number>} */ (result), ...heap };
        });
      const photo = await runs(false);
      const appended = await runs(true);
      await inPage(() => /** @type {any} */ (window).bench.drop());
      results.metadata = { photoBytes, trailer, photo: summarize(photo), appended: summarize(appended) };
    }

    if (only.has('send')) {
      // Send to visible: from the Send press to the Complete answered, over a phone's uplink.
      // `complete-on-send` (uploaded while the customer types) against an upload started at Send.
      const bytes = await inPage((b) => /** @type {any} */ (window).bench.holdSendPhoto(b), plan.sendBytes);
      log(`send: a ${bytes} B photo over ${UPLINK.mbps} Mbit/s up, ${UPLINK.latencyMs} ms latency, ${plan.pairs.send} pairs`);
      // Emulation needs the Network domain, which the page otherwise leaves off (see `networkEnabled`).
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: UPLINK.latencyMs,
        uploadThroughput: (UPLINK.mbps * 1e6) / 8,
        downloadThroughput: -1,
      });
      try {
        const runs = await alternate('send', plan.pairs.send, 0, (side) =>
          inPage((s, c) => /** @type {any} */ (window).bench.sendToVisible(s, c), side, config()),
        );
        results.send = { bytes, ...UPLINK, ...summarize(runs), ratio: ratio(runs, 'ms') };
      } finally {
        await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, uploadThroughput: -1, downloadThroughput: -1 });
        await cdp.send('Network.disable');
        await inPage(() => /** @type {any} */ (window).bench.drop());
      }
    }

    if (only.has('size')) results.sizes = await measureSizes(distDir);
    if (problems.length > 0) throw new Error(`page errors: ${problems.join('; ')}`);

    results.seconds = Math.round((Date.now() - began) / 1000);
    results.machine.loadAverage = `${loadAtStart.map((n) => n.toFixed(2)).join(' ')} at start, ${os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')} at the end`;
    const baseline = args.baseline ? JSON.parse(readFileSync(resolve(args.baseline), 'utf8')) : undefined;
    const { table, markdown } = renderResults(results, baseline);
    writeFileSync(outJson, `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(outMd, markdown);
    console.log(table);
    console.log(`\nWritten: ${outMd.replace(`${root}${sep}`, '')} and ${outJson.replace(`${root}${sep}`, '')} (${results.seconds} s)`);
  } finally {
    await browser.close();
    await site.close();
    await standIn.close();
  }
}

await main();
