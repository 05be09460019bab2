// @ts-check
// Keeps `npm run bench` from rotting: a smoke run (tiny sizes, one pair per row) must finish and
// produce every row with sane numbers. It asserts no speed target: timings on a shared machine are
// too noisy for that, and the real run is `npm run bench`.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** @param {unknown} x */
const positive = (x) => typeof x === 'number' && Number.isFinite(x) && x > 0;

test(
  'the bench runs and reports throughput, memory, queue overhead, scaling, fit-images, metadata removal, send to visible and size',
  { skip: !existsSync(CHROMIUM) && 'no Chromium', timeout: 120_000 },
  async (t) => {
    assert.ok(existsSync('dist/connect-attachment-upload.min.js'), 'run `npm run build` first (npm test does)');
    const dir = mkdtempSync(join(tmpdir(), 'bench-smoke-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const out = join(dir, 'results.md');
    const child = spawn(process.execPath, ['bench/run.mjs', '--smoke', '--quiet', '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const code = await new Promise((resolve) => child.once('exit', resolve));
    assert.equal(code, 0, `bench exited with ${code}:\n${stderr}`);

    for (const row of [
      'Throughput',
      'Memory',
      'Queue overhead',
      'main-thread time per file',
      'longest main-thread task',
      'Scaling',
      '6 files: main-thread time per file',
      'own time per file \\(element − loop\\) at 6 files ÷ at 3',
      'own time per added file',
      'fit-images: a',
      'fit-images vs browser-image-compression',
      'Metadata removal',
      'the same with a video appended',
      'Send to visible',
      'Size',
    ]) {
      assert.match(stdout, new RegExp(`\\| (↳ )?${row}`), `the printed table has the ${row} row`);
    }
    const markdown = readFileSync(out, 'utf8');
    assert.match(markdown, /Machine/);
    assert.match(markdown, /≥ 0\.97 × raw/);

    const r = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
    const { throughput: tp, memory: mem, queue: q, scaling: sc, sizes } = r;
    for (const side of ['element', 'raw']) {
      assert.ok(positive(tp[side].putMBps.median) && positive(tp[side].totalMBps.median), `${side} throughput`);
      assert.ok(tp[side].totalMBps.median <= tp[side].putMBps.median * 1.0001, `${side}: the whole flow is not faster than its PUT`);
      const growth = mem[side].peakGrowthMB.median;
      assert.ok(Number.isFinite(growth) && growth >= 0 && growth < 1000, `${side} heap growth ${growth}`);
      assert.ok(positive(q[side].ms.median), `${side} batch time`);
      assert.ok(positive(q[side].cpuMsPerFile.median) && positive(q[side].busyMsPerFile.median), `${side} main-thread time`);
      assert.ok(positive(q[side].longestTaskMs.median), `${side} longest task`);
    }
    assert.ok(positive(tp.putRatio.median) && positive(q.ratio.median), 'ratios');
    assert.ok(Number.isFinite(q.cpuMsPerFileOverLoop.median), "the element's own main-thread time");
    assert.deepEqual(
      sc.points.map((/** @type {any} */ p) => p.files),
      [3, 6],
      "the smoke run's list lengths",
    );
    for (const p of sc.points) {
      for (const side of ['element', 'raw'])
        assert.ok(positive(p[side].cpuMsPerFile.median), `${side} main-thread time at ${p.files} files`);
      assert.ok(Number.isFinite(p.cpuMsPerFileOverLoop.median), `the element's own main-thread time at ${p.files} files`);
    }
    // No growth ratio when the shortest list's own time is not above zero, which noise can do at 3 files.
    assert.ok(sc.growth.ratio === null || Number.isFinite(sc.growth.ratio), 'the growth of the own time per file');
    assert.ok(sc.marginal.length === 1 && Number.isFinite(sc.marginal[0].msPerFile), 'the own time per added file');
    // Each fit is where its side says: the element's in its worker (once the page's thread has had
    // a fit, which in one page would keep every later fit there), the reference's on the page's thread.
    assert.equal(r.fit.element.worker.min, 1, "every 'worker' fit ran in the element's worker");
    assert.equal(r.fit.element.workers.max, 1, "one worker per 'worker' fit");
    assert.equal(r.fit.raw.worker.max + r.fit.raw.workers.max, 0, "no page's-thread fit made a worker");
    assert.ok(positive(r.fit.element.fitMs.median) && positive(r.fit.raw.fitMs.median), 'both sides fitted the photo');
    assert.deepEqual(Object.keys(r.compare), ['photo', 'noise', 'screenshot', 'dimension'], 'the comparison rows');
    for (const [row, x] of Object.entries(r.compare)) {
      assert.equal(/** @type {any} */ (x).element.worker.min, 1, `compare ${row}: the element fitted in its worker after the fit row`);
    }
    for (const run of [r.metadata.photo, r.metadata.appended]) {
      assert.ok(positive(run.element.removalMs.median) && positive(run.element.removedKB.median), 'metadata was removed');
      for (const side of ['element', 'raw']) assert.ok(positive(run[side].startedMs.median), `${side}: the photo reached Start`);
    }
    assert.equal(r.metadata.photo.raw.removedKB.median, 0, 'keep-metadata sends the photo as it is');
    // Send to visible: the staged photo's Complete alone against a whole upload started at Send.
    for (const side of ['element', 'raw']) assert.ok(positive(r.send[side].ms.median), `${side} send to visible`);
    assert.ok(positive(r.send.element.stageMs.median), 'the photo was staged before the press');
    const [esm, iife, lit] = sizes;
    assert.equal(esm.name, 'connect-attachment-upload.min.js');
    assert.ok(positive(esm.gzip) && esm.brotli < esm.gzip && esm.gzip < esm.raw, 'CDN file sizes');
    assert.ok(iife.raw === null || (positive(iife.gzip) && positive(iife.brotli)), 'the classic-script file, when built');
    assert.ok(positive(lit.gzip) && lit.gzip < esm.gzip, 'lit alone is smaller than the element with lit');
  },
);
