// @ts-check
// Turns a bench run (the object bench/run.mjs writes to results.json) into the table it prints and
// the bench/results.md it writes. The same rows, units and order every run, so runs compare line
// by line; --baseline adds the element's numbers from an earlier run as a "before" column.

/** @typedef {{ median: number, min: number, max: number, n: number }} Summary */

/**
 * @param {number} x
 * @param {number} digits
 */
const num = (x, digits) => x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/**
 * `median [min–max]`, or just the value when there was one sample.
 * @param {Summary | undefined} s
 * @param {number} digits
 */
export function spread(s, digits) {
  if (!s) return '–';
  return s.n > 1 ? `${num(s.median, digits)} [${num(s.min, digits)}–${num(s.max, digits)}]` : num(s.median, digits);
}

/**
 * A summary of milliseconds in seconds.
 * @param {Summary} s
 * @returns {Summary}
 */
const secondsOf = (s) => ({ median: s.median / 1000, min: s.min / 1000, max: s.max / 1000, n: s.n });

/** @param {number | null} bytes */
const kB = (bytes) => (bytes === null ? 'not built' : `${num(bytes / 1000, 1)} kB`);

const NOT_RUN = { element: 'not run', reference: '–', ratio: '–', met: '–' };

/**
 * @param {any} r a results object
 * @returns {{ label: string, element: string, reference: string, ratio: string, target: string, met: string, before: (b: any) => string }[]}
 */
function rows(r) {
  const t = r.throughput;
  const m = r.memory;
  const q = r.queue;
  const sc = r.scaling;
  const mib = (/** @type {number} */ bytes) => `${num(bytes / 2 ** 20, 0)} MiB`;
  const yes = (/** @type {boolean} */ ok) => (ok ? 'yes' : 'NO');
  /** Reads a path of an earlier run that may lack it (another plan, or --only). */
  const from = (/** @type {any} */ b, /** @type {(b: any) => string} */ f) => {
    try {
      return f(b);
    } catch {
      return '–';
    }
  };
  const size = (/** @type {any} */ entry) => (entry.gzip === null ? 'not built' : `${kB(entry.gzip)} / ${kB(entry.brotli)}`);
  return [
    {
      label: `Throughput: PUT of a ${t ? mib(t.bytes) : '200 MiB'} File, MB/s`,
      ...(t
        ? {
            element: spread(t.element.putMBps, 0),
            reference: `raw XHR PUT ${spread(t.raw.putMBps, 0)}`,
            ratio: spread(t.putRatio, 3),
            met: yes(t.putRatio.median >= 0.97),
          }
        : NOT_RUN),
      target: '≥ 0.97 × raw',
      before: (b) => from(b, () => `${spread(b.throughput.element.putMBps, 0)}; ${spread(b.throughput.putRatio, 3)}`),
    },
    {
      label: '  whole flow (Start → PUT → Complete), MB/s',
      ...(t
        ? {
            element: spread(t.element.totalMBps, 0),
            reference: `by hand ${spread(t.raw.totalMBps, 0)}`,
            ratio: spread(t.totalRatio, 3),
            met: yes(t.totalRatio.median >= 0.97),
          }
        : NOT_RUN),
      target: '≥ 0.97 × raw',
      before: (b) => from(b, () => `${spread(b.throughput.element.totalMBps, 0)}; ${spread(b.throughput.totalRatio, 3)}`),
    },
    {
      label: `Memory: JS heap growth while uploading ${m ? mib(m.bytes) : '500 MiB'}, MB`,
      ...(m
        ? {
            element: spread(m.element.peakGrowthMB, 2),
            reference: `raw XHR ${spread(m.raw.peakGrowthMB, 2)}`,
            ratio: '–',
            met: yes(m.element.peakGrowthMB.median < 5),
          }
        : NOT_RUN),
      target: '< 5 MB',
      before: (b) => from(b, () => spread(b.memory.element.peakGrowthMB, 2)),
    },
    {
      label: `Queue overhead: ${q ? `${q.files} files × ${num(q.fileBytes / 1024, 0)} KiB, concurrency ${q.concurrency}` : '200 files'}, ms`,
      ...(q
        ? {
            element: spread(q.element.ms, 0),
            reference: `hand-written loop ${spread(q.raw.ms, 0)}`,
            ratio: spread(q.ratio, 2),
            met: yes(q.ratio.median <= 1.1),
          }
        : NOT_RUN),
      target: '≤ 1.10 × loop',
      before: (b) => from(b, () => `${spread(b.queue.element.ms, 0)}; ${spread(b.queue.ratio, 2)}`),
    },
    {
      label: '  main-thread time per file (CPU), ms',
      ...(q
        ? {
            element: spread(q.element.cpuMsPerFile, 2),
            reference: `loop ${spread(q.raw.cpuMsPerFile, 2)}`,
            ratio: `element − loop ${spread(q.cpuMsPerFileOverLoop, 2)}`,
            met: yes(q.cpuMsPerFileOverLoop.median <= 1),
          }
        : NOT_RUN),
      target: '≤ 1 ms (element − loop)',
      before: (b) => from(b, () => `${spread(b.queue.element.cpuMsPerFile, 2)}; −loop ${spread(b.queue.cpuMsPerFileOverLoop, 2)}`),
    },
    {
      label: '  longest main-thread task during the batch, ms',
      ...(q
        ? {
            element: spread(q.element.longestTaskMs, 1),
            reference: `loop ${spread(q.raw.longestTaskMs, 1)}`,
            ratio: '–',
            met: yes(q.element.longestTaskMs.median < 50),
          }
        : NOT_RUN),
      target: '< 50 ms',
      before: (b) => from(b, () => spread(b.queue.element.longestTaskMs, 1)),
    },
    ...scalingRows(sc, from, yes),
    {
      label: `fit-images: a ${r.fit ? `${num((r.fit.width * r.fit.height) / 1e6, 0)} MP` : '24 MP'} JPEG to half its size, ms`,
      ...(r.fit
        ? {
            element: `worker ${spread(r.fit.element.fitMs, 0)}`,
            reference: `page's thread ${spread(r.fit.raw.fitMs, 0)}`,
            ratio: '–',
            met: yes(fitRanWhereSaid(r.fit)),
          }
        : NOT_RUN),
      target: "reported; workers: 1 a run, 0 on the page's thread",
      before: (b) => from(b, () => spread(b.fit.element.fitMs, 0)),
    },
    {
      label: '  peak JS heap growth of the page meanwhile, MB',
      ...(r.fit
        ? {
            element: `worker ${spread(r.fit.element.peakGrowthMB, 2)}`,
            reference: `page's thread ${spread(r.fit.raw.peakGrowthMB, 2)}`,
            ratio: '–',
            met: '–',
          }
        : NOT_RUN),
      target: 'reported',
      before: (b) => from(b, () => spread(b.fit.element.peakGrowthMB, 2)),
    },
    ...compareRows(r.compare, from, yes),
    {
      label: `Send to visible: a ${r.send ? `${num(r.send.bytes / 1e6, 1)} MB` : '5 MB'} photo, ${r.send ? `${r.send.mbps} Mbit/s up, ${r.send.latencyMs} ms` : '10 Mbit/s up, 100 ms'}, Send press → Complete answered, s`,
      ...(r.send
        ? {
            element: `complete-on-send ${spread(secondsOf(r.send.element.ms), 2)}`,
            reference: `upload at Send ${spread(secondsOf(r.send.raw.ms), 2)}`,
            ratio: spread(r.send.ratio, 3),
            met: yes(r.send.element.ms.median <= 300),
          }
        : NOT_RUN),
      target: '≤ 0.3 s',
      before: (b) => from(b, () => spread(secondsOf(b.send.element.ms), 2)),
    },
    {
      label: `Metadata removal: a ${r.metadata ? `${num(r.metadata.photoBytes / 1e6, 0)} MB` : '50 MB'} JPEG, ms to attachment-converted`,
      ...(r.metadata
        ? {
            element: spread(r.metadata.photo.element.removalMs, 1),
            reference: `to Start: ${spread(r.metadata.photo.element.startedMs, 1)}; keep-metadata ${spread(r.metadata.photo.raw.startedMs, 1)}`,
            ratio: '–',
            met: yes(r.metadata.photo.element.removalMs.median < 50),
          }
        : NOT_RUN),
      target: '< 50 ms',
      before: (b) => from(b, () => spread(b.metadata.photo.element.removalMs, 1)),
    },
    {
      label: '  peak JS heap growth of the page meanwhile, MB',
      ...(r.metadata
        ? {
            element: spread(r.metadata.photo.element.peakGrowthMB, 2),
            reference: `keep-metadata ${spread(r.metadata.photo.raw.peakGrowthMB, 2)}`,
            ratio: '–',
            met: '–',
          }
        : NOT_RUN),
      target: 'reported',
      before: (b) => from(b, () => spread(b.metadata.photo.element.peakGrowthMB, 2)),
    },
    {
      label: '  the same with a video appended after the EOI (the EOI searched for), ms',
      ...(r.metadata
        ? {
            element: spread(r.metadata.appended.element.removalMs, 1),
            reference: `heap ${spread(r.metadata.appended.element.peakGrowthMB, 2)} MB; keep-metadata ${spread(r.metadata.appended.raw.peakGrowthMB, 2)} MB`,
            ratio: '–',
            met: '–',
          }
        : NOT_RUN),
      target: 'reported',
      before: (b) => from(b, () => spread(b.metadata.appended.element.removalMs, 1)),
    },
    {
      label: 'Size: gzip / brotli',
      ...(r.sizes
        ? {
            element: `min.js ${size(r.sizes[0])}; iife.js ${size(r.sizes[1])}`,
            reference: `lit alone ${size(r.sizes[2])}`,
            ratio: '–',
            met: '–',
          }
        : NOT_RUN),
      target: 'reported (README)',
      before: (b) => from(b, () => `min.js ${size(b.sizes[0])}`),
    },
  ];
}

/**
 * Whether the fit row compared what it says: every 'worker' run fitted in the element's worker
 * (the fit's User Timing measure says so, and Chromium made one worker for it) and no page's-thread
 * run made one. Results written before the row recorded `worker` have no such proof.
 * @param {any} f the fit results
 */
const fitRanWhereSaid = (f) =>
  f.element.worker?.min === 1 &&
  f.element.workers.min === 1 &&
  f.element.workers.max === 1 &&
  f.raw.worker?.max === 0 &&
  f.raw.workers.max === 0;

/** The comparison rows: what each fits, and the targets of issue-free fitting. */
const COMPARE = {
  photo: { what: 'a photo-like 24 MP JPEG to 2 MB', time: 0.5, encodes: 2 },
  noise: { what: 'a 24 MP noise JPEG to half its size', time: undefined, encodes: 4 },
  screenshot: { what: 'a 4K PNG screenshot to 1 MB', time: undefined, encodes: 2 },
  dimension: { what: 'a photo-like 24 MP JPEG, max-image-dimension 2048', time: undefined, encodes: 2 },
};

/**
 * fit-images against browser-image-compression, four lines per input: time, bytes, long tasks, encodes.
 * @param {any} c the comparison results, if run
 * @param {(b: any, f: (b: any) => string) => string} from
 * @param {(ok: boolean) => string} yes
 */
function compareRows(c, from, yes) {
  const BIC = 'browser-image-compression';
  return Object.entries(COMPARE).flatMap(([row, { what, time, encodes }]) => {
    const x = c?.[row];
    return [
      {
        label: `fit-images vs ${BIC} 2.0.2: ${what}, ms`,
        ...(x
          ? {
              element: spread(x.element.ms, 0),
              reference: `${BIC} ${spread(x.raw.ms, 0)}`,
              ratio: spread(x.ratio, 2),
              met: time === undefined ? '–' : yes(x.ratio.median <= time),
            }
          : NOT_RUN),
        target: time === undefined ? 'reported' : `≤ ${time} × ${BIC}`,
        before: (/** @type {any} */ b) => from(b, () => `${spread(b.compare[row].element.ms, 0)}; ${spread(b.compare[row].ratio, 2)}`),
      },
      {
        label: `  bytes sent (limit ${x ? num(x.limit / 1e3, 0) : '–'} kB), kB`,
        ...(x
          ? {
              element: spread(
                {
                  ...x.element.bytes,
                  median: x.element.bytes.median / 1e3,
                  min: x.element.bytes.min / 1e3,
                  max: x.element.bytes.max / 1e3,
                },
                0,
              ),
              reference: `${BIC} ${spread({ ...x.raw.bytes, median: x.raw.bytes.median / 1e3, min: x.raw.bytes.min / 1e3, max: x.raw.bytes.max / 1e3 }, 0)}`,
              ratio: '–',
              met: yes(x.element.bytes.max <= x.limit),
            }
          : NOT_RUN),
        target: '≤ limit',
        before: (/** @type {any} */ b) => from(b, () => num(b.compare[row].element.bytes.median / 1e3, 0)),
      },
      {
        label: '  main-thread tasks over 50 ms during the fit',
        ...(x
          ? {
              element: `worker ${spread(x.element.longTasks, 0)}`,
              reference: `${BIC} (its worker) ${spread(x.raw.longTasks, 0)}`,
              ratio: '–',
              met: yes(x.element.longTasks.max === 0 && x.element.worker.min === 1),
            }
          : NOT_RUN),
        target: '0 in worker mode',
        before: (/** @type {any} */ b) => from(b, () => spread(b.compare[row].element.longTasks, 0)),
      },
      {
        label: '  full-size encodes per fit',
        ...(x
          ? {
              element: spread(x.element.encodes, 0),
              reference: '–',
              ratio: '–',
              met: yes(x.element.encodes.max <= encodes),
            }
          : NOT_RUN),
        target: `≤ ${encodes}`,
        before: (/** @type {any} */ b) => from(b, () => spread(b.compare[row].element.encodes, 0)),
      },
    ];
  });
}

/**
 * `10→100 3.38; 100→1000 4.99`: the own time one more file costs between two lengths.
 * @param {any} sc
 */
const marginal = (sc) => sc.marginal.map((/** @type {any} */ m) => `${m.from}→${m.to} ${num(m.msPerFile, 2)}`).join('; ');

/**
 * The scaling rows: one per list length (the full run's lengths when the row was not run, so the
 * table keeps its lines), then the growth of the element's own time per file from the shortest
 * list to the longest.
 * @param {any} sc the scaling results, if run
 * @param {(b: any, f: (b: any) => string) => string} from
 * @param {(ok: boolean) => string} yes
 */
function scalingRows(sc, from, yes) {
  /** @type {{ files: number, [key: string]: any }[]} */
  const points = sc ? sc.points : [10, 100, 1000].map((files) => ({ files }));
  const first = points[0]?.files;
  const last = points[points.length - 1]?.files;
  /** The same length in an earlier run; throws (→ "–") when it has none. */
  const at = (/** @type {any} */ b, /** @type {number} */ files) => b.scaling.points.find((/** @type {any} */ p) => p.files === files);
  const growth = sc?.growth;
  const own = (/** @type {any} */ p) => num(p.cpuMsPerFileOverLoop.median, 2);
  return [
    ...points.map((p, i) => ({
      label:
        i === 0
          ? `Scaling: ${p.files} files × ${num((sc?.fileBytes ?? 1024) / 1024, 0)} KiB, concurrency ${sc?.concurrency ?? 4}: main-thread time per file (CPU), ms`
          : `  ${p.files} files: main-thread time per file (CPU), ms`,
      ...(sc
        ? {
            element: spread(p.element.cpuMsPerFile, 2),
            reference: `loop ${spread(p.raw.cpuMsPerFile, 2)}`,
            ratio: `element − loop ${spread(p.cpuMsPerFileOverLoop, 2)}`,
            met: '–',
          }
        : NOT_RUN),
      target: 'reported',
      before: (/** @type {any} */ b) =>
        from(b, () => `${spread(at(b, p.files).element.cpuMsPerFile, 2)}; −loop ${spread(at(b, p.files).cpuMsPerFileOverLoop, 2)}`),
    })),
    {
      label: `  own time per file (element − loop) at ${last} files ÷ at ${first}`,
      ...(sc
        ? {
            element:
              growth.ratio === null
                ? `– (own time at ${first} is ${own(points[0])} ms)`
                : `${num(growth.ratio, 2)} (${own(points[points.length - 1])} ÷ ${own(points[0])} ms)`,
            reference: '–',
            ratio: '–',
            met: growth.ratio === null ? '–' : yes(growth.ratio <= 1.25),
          }
        : NOT_RUN),
      target: `at ${last} ≤ 1.25 × at ${first}`,
      before: (/** @type {any} */ b) => from(b, () => (b.scaling.growth.ratio === null ? '–' : num(b.scaling.growth.ratio, 2))),
    },
    {
      label: '  own time per added file between lengths (marginal), ms',
      ...(sc
        ? {
            element: marginal(sc),
            reference: '–',
            ratio: '–',
            met: '–',
          }
        : NOT_RUN),
      target: 'reported',
      before: (/** @type {any} */ b) => from(b, () => marginal(b.scaling)),
    },
  ];
}

/**
 * @param {string[]} header
 * @param {string[][]} body
 */
function markdownTable(header, body) {
  const line = (/** @type {string[]} */ cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...body.map(line)].join('\n');
}

/**
 * @param {any} r this run
 * @param {any} [baseline] an earlier run, for a "before" column
 * @returns {{ table: string, markdown: string }}
 */
export function renderResults(r, baseline) {
  const header = ['measure', 'element', 'reference', 'element ÷ reference', 'target', 'met'];
  if (baseline) header.splice(4, 0, `before (${baseline.measured?.commit ?? 'baseline'}): element; ratio`);
  const body = rows(r).map((row) => {
    const cells = [
      row.label.startsWith('  ') ? `↳ ${row.label.trim()}` : row.label,
      row.element,
      row.reference,
      row.ratio,
      row.target,
      row.met,
    ];
    if (baseline) cells.splice(4, 0, row.before(baseline));
    return cells;
  });
  const table = markdownTable(header, body);
  const mc = r.machine;
  const t = r.throughput;
  const m = r.memory;
  const q = r.queue;
  const sc = r.scaling;
  const method = [];
  if (t) {
    method.push(
      `- **Throughput** (${r.plan.pairs.throughput} pairs): one File of ${t.bytes.toLocaleString('en-US')} bytes, made in the page as one 1 MiB Blob of random bytes repeated (a Blob built from Blobs refers to their data, so nothing is copied or written to disk). Element: \`upload([file])\`; the PUT phase is timed from \`attachment-started\` to \`attachment-uploaded\`, the whole flow from \`upload()\` to \`attachment-completed\`. Reference: the same File by hand: \`fetch\` StartAttachmentUpload, the browser's own \`XMLHttpRequest\` PUT to the pre-signed URL with exactly \`HeadersToInclude\` and an upload progress listener (the PUT timed from \`open\` to \`load\`), then \`fetch\` CompleteAttachmentUpload. Per upload: progress events element ${spread(t.element.progressEvents, 0)} (\`attachment-progress\`), raw ${spread(t.raw.progressEvents, 0)} (\`upload.onprogress\`); main-thread CPU element ${spread(t.element.mainCpuMs, 0)} ms, raw ${spread(t.raw.mainCpuMs, 0)} ms.`,
    );
  }
  if (m) {
    method.push(
      `- **Memory** (${r.plan.pairs.memory} pairs): a File of ${m.bytes.toLocaleString('en-US')} bytes made the same way. Before each upload two forced garbage collections (DevTools \`HeapProfiler.collectGarbage\`) and \`Runtime.getHeapUsage\`; during it \`Runtime.getHeapUsage\` every ~10 ms (element ${spread(m.element.samples, 0)} samples, raw ${spread(m.raw.samples, 0)}); the row is the peak minus the start. Collected again afterwards, the heap kept element ${spread(m.element.retainedMB, 2)} MB, raw ${spread(m.raw.retainedMB, 2)} MB. The File's bytes stay in Chromium's blob storage and are streamed by the network service: they never enter the JS heap.`,
    );
  }
  if (q) {
    method.push(
      `- **Queue overhead** (${r.plan.pairs.queue} pairs): ${q.files} Files of ${q.fileBytes} bytes (text/plain), made before the clock starts. Element: \`concurrency = ${q.concurrency}\`, \`upload(files)\` until the last \`attachment-completed\`. Reference: ${q.concurrency} async workers, each taking the next file through \`fetch\` Start → \`XMLHttpRequest\` PUT → \`fetch\` Complete. Every file costs the same requests on both sides (Start, Complete, and the S3 CORS preflight and PUT: each pre-signed URL is a new URL). Before each run the element's list is emptied and rendered away, and the element's last render of its batch is waited for before the window closes, so each run pays for its own batch only. Main-thread time per file is DevTools \`Performance.getMetrics\` over the batch ÷ files: \`ThreadTime\` (CPU) in the table. The same four requests cost the hand-written loop main-thread time too (Blink's side of \`fetch\` and XHR), so the target is judged on the element's own part, element − loop per pair; \`TaskDuration\` (wall time the thread spent in tasks, which a busy machine inflates) element ${spread(q.element.busyMsPerFile, 2)} ms, loop ${spread(q.raw.busyMsPerFile, 2)} ms. The longest task comes from ${r.plan.pairs.trace} more pairs run under a DevTools trace: the longest \`RunTask\` (wall clock) on the page's main thread between two \`console.timeStamp\` marks around the batch; the most CPU one task took: element ${spread(q.element.longestTaskCpuMs, 1)} ms, loop ${spread(q.raw.longestTaskCpuMs, 1)} ms. Tracing slows a page, so the timed pairs run without it.`,
    );
  }
  const f = r.fit;
  if (f) {
    method.push(
      `- **fit-images** (${r.plan.pairs.fit} pairs): a ${f.width} × ${f.height} JPEG of ${f.photoBytes.toLocaleString('en-US')} bytes (noise bands, quality 0.92) made in the page before the clock starts, uploaded with \`fit-images\` and \`max-file-size\` half its size, so it must be fitted; timed from \`upload()\` to \`attachment-converted\` (the upload then goes on to the end). "worker": the element's own way, a module worker from the same origin; "page's thread": the same in a second page of the same browser, whose \`window.Worker\` is taken away before any of its scripts run (the element remembers per page that a worker was refused, so the two sides cannot share a page), with its own element, the same photo made the same way (the same bytes) and the same stand-in; the runs still alternate between the two pages, each brought to the front for its own runs (only the front page of the browser is visible and gets frames). The heap is each side's page's JS heap (\`Runtime.getHeapUsage\` on that page's own DevTools session every ~10 ms after two forced collections, peak minus start): the decoded bitmap and the canvases are not JS heap, and a worker's heap is its own. Sent: ${spread(f.element.sentMB, 2)} MB (worker), ${spread(f.raw.sentMB, 2)} MB (page's thread); kept after a collection: ${spread(f.element.retainedMB, 2)} MB and ${spread(f.raw.retainedMB, 2)} MB. Workers Chromium made per run: ${spread(f.element.workers, 0)} and ${spread(f.raw.workers, 0)}; in the worker (the \`connect-attachment-upload:fit\` measure's \`detail.worker\`, 1 or 0 a run): ${spread(f.element.worker, 0)} and ${spread(f.raw.worker, 0)}; "met" is whether every worker run used the worker and no page's-thread run did.`,
    );
  }
  if (r.compare) {
    const inputs = Object.entries(r.compare)
      .map(([row, x]) => `${row} ${x.bytes.toLocaleString('en-US')} B`)
      .join(', ');
    method.push(
      `- **fit-images vs browser-image-compression** (${r.plan.pairs.compare} pairs per input, alternating, a forced collection before each run): the same File (made in the page before any clock: ${inputs}) and the same byte limit for both. Element: \`fit-images\`, \`max-file-size\` = the limit (and \`max-image-dimension\`), in its module worker (that it ran there is the measure's \`detail.worker\`, which the long-task line's "met" requires in every run), timed from \`upload()\` to \`attachment-converted\`; its full-size encodes are the \`connect-attachment-upload:fit\` User Timing measure's \`detail.encodes\`. Reference: \`imageCompression(file, { maxSizeMB: limit / 2^20, maxWidthOrHeight, useWebWorker: true, libURL })\` with its script served from this machine (its default \`libURL\` is a CDN), timed around the call. Long tasks: the page's Long Tasks API entries (main-thread tasks over 50 ms) overlapping the timed window. The photo-like inputs are a gradient, 60 soft shapes and a faint noise grain at JPEG quality 0.92; the noise input is the fit row's; the screenshot is a chat window (bars, bubbles, text) with two photos in it.`,
    );
  }
  const md = r.metadata;
  if (md) {
    method.push(
      `- **Metadata removal** (${r.plan.pairs.metadata} pairs each): a JPEG of ${md.photoBytes.toLocaleString('en-US')} bytes made in the page before the clock starts: a small canvas JPEG's tables with an Exif (orientation 6, a GPS block), an XMP packet with GPS and a colour profile over two APP2 segments, then entropy-coded data made of one 1 MiB block of random bytes repeated (each 0xFF followed by a stuffed 0x00, as in a real scan), then the EOI. Uploaded with the metadata removed (the default) and, as the reference, with \`keep-metadata\`; timed from \`upload()\` to \`attachment-converted\`, and to \`attachment-started\` on both sides; each run is cancelled at \`attachment-started\` (the PUT is the throughput row's). Removed per run: ${spread(md.photo.element.removedKB, 1)} kB. The heap is the page's JS heap (\`Runtime.getHeapUsage\` every ~10 ms after two forced collections, peak minus start; ${spread(md.photo.element.samples, 0)} samples a run). The last row adds ${md.trailer.toLocaleString('en-US')} bytes after the EOI, so the EOI must be searched for through the scan, 1 MiB at a time (${spread(md.appended.element.removedKB, 1)} kB removed).`,
    );
  }
  const sv = r.send;
  if (sv) {
    method.push(
      `- **Send to visible** (${r.plan.pairs.send} pairs): a photo of ${sv.bytes.toLocaleString('en-US')} bytes (\`image/jpeg\`, random bytes, nothing decodes it) over Chromium's network emulation (DevTools \`Network.emulateNetworkConditions\`: ${sv.mbps} Mbit/s up, ${sv.latencyMs} ms added to every request, download not limited), the time from the Send press to \`attachment-completed\` (CompleteAttachmentUpload answered: the file is in the chat). "complete-on-send": the element uploads the photo when it is picked (${spread(secondsOf(sv.element.stageMs), 2)} s, outside the window), the customer goes on typing (200 ms), then Send calls \`send()\`. "upload at Send": what Connect's own chat interface does, \`upload()\` at the press: Start, the PUT and Complete all in the window. Same element, same stand-in, a fresh chat each run.`,
    );
  }
  if (sc) {
    const lengths = sc.points.map((/** @type {any} */ p) => `${p.files} (${p.pairs} pair${p.pairs === 1 ? '' : 's'})`).join(', ');
    const others = sc.points
      .map(
        (/** @type {any} */ p) =>
          `${p.files} files: batch time element ÷ loop ${spread(p.ratio, 2)}, \`TaskDuration\` per file element ${spread(p.element.busyMsPerFile, 2)} ms, loop ${spread(p.raw.busyMsPerFile, 2)} ms`,
      )
      .join('; ');
    method.push(
      `- **Scaling**: the queue overhead's batch (Files of ${sc.fileBytes} bytes, \`concurrency = ${sc.concurrency}\`, the same element and loop) at ${lengths} files, alternating as everywhere${r.plan.warmup ? `, after ${r.plan.warmup} discarded warm-up pair${r.plan.warmup === 1 ? '' : 's'} at the first length (it is the code that needs warming, not the list)` : ''}; a fresh chat per run (the stand-in allows 1,000,000 attachments per chat). Each run's window holds exactly its own batch: before it, outside the window, the element's list is emptied (\`clear()\`) and rendered away, then two forced garbage collections; the window opens (\`Performance.getMetrics\`), the batch runs until its last \`attachment-completed\`, then waits until the element has no render pending plus one frame (its renders are coalesced to animation frames, so its last one can still be pending), and the window closes. (The queue row instead lets a loop run pay for emptying the list the element run before it left, and lets the element's last render fall on either side of the window; both grow with the list.) Main-thread time per file is \`ThreadTime\` over the window ÷ files; the element's own time is element − loop per pair, as in the queue row. The growth row is the median own time per file at the longest list ÷ the median at the shortest: the lengths have different pair counts, so there are no per-pair ratios to take; the spreads of both medians are in the rows above it. It is no pure measure of growth: the per-file figure at a short list also carries the batch's fixed costs (the first render, the form's first value) shared by few files, so a per-file cost that grows with the list can still give a ratio under 1. The marginal row says what one more file costs between two lengths, from the same medians: (files₂ × own₂ − files₁ × own₁) ÷ (files₂ − files₁), the growth of the own time per batch over the files added; if the cost of a file did not depend on the list, its numbers would be about equal. Also measured: ${others}.`,
    );
  }
  if (r.sizes) {
    method.push(
      "- **Size**: gzip level 9 and brotli quality 11 (Node's zlib) of the built files; \"lit alone\" is `export * from 'lit'` bundled like the CDN file (rollup, production exports, the same terser options), in memory.",
    );
    method.push(
      '',
      markdownTable(
        ['file', 'what', 'minified', 'gzip', 'brotli'],
        r.sizes.map((/** @type {any} */ s) => [
          `\`${s.name}\``,
          s.what,
          s.raw === null ? 'not built' : `${s.raw.toLocaleString('en-US')} B`,
          s.gzip === null ? '–' : `${s.gzip.toLocaleString('en-US')} B`,
          s.brotli === null ? '–' : `${s.brotli.toLocaleString('en-US')} B`,
        ]),
      ),
    );
  }

  const markdown = `# Bench results

${r.smoke ? '**Smoke run** (tiny sizes, one pair per row): it proves the bench works and measures nothing.\n\n' : ''}Run ${r.when} (${r.seconds} s) with \`npm run bench\`${baseline ? `, compared with the run of ${baseline.when}` : ''}.

- **Machine**: ${mc.cpu}, ${mc.cores} cores, ${mc.memoryGiB} GiB; ${mc.os}; Node ${mc.node}; ${mc.chromium} headless (Debian's chromium through puppeteer-core, 800×600 viewport). Load average ${mc.loadAverage}: a shared virtual machine, so absolute numbers move from run to run; the side-by-side ratios move much less.
- **Measured**: \`connect-attachment-upload.min.js\` from ${r.measured.dist} (sha256 ${r.measured.cdnSha256}…), ${r.measured.commit}.
- **Stand-in**: the local Connect stand-in on loopback; S3 is ${r.sink}. Both sides of every row use the same stand-in and the same sink.

${table}

Each cell is the median with [min–max] over alternating runs (element, reference, element, reference, …)${r.plan.warmup ? `, after ${r.plan.warmup} discarded warm-up pair${r.plan.warmup === 1 ? '' : 's'} for throughput and queue (for scaling, at its first length only)` : ''}. A ratio is the median of the per-pair ratios, so a slow moment of the machine hits both halves of a pair. "met" judges the median.

## How each row is measured

${method.join('\n')}

## Rerun and compare

\`\`\`sh
npm run bench                                    # builds, then writes bench/results.md and bench/results.json
npm run bench -- --baseline old-results.json     # adds a "before" column from an earlier results.json
node bench/run.mjs --dist DIR --label TEXT       # measure another build's CDN file (no build)
node bench/run.mjs --only queue --pairs 11       # some rows only, more pairs
node bench/run.mjs --only scaling                # own time per file at 10, 100 and 1000 files
\`\`\`
`;
  return { table, markdown };
}
