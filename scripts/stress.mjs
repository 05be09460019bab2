// `npm run test:stress`: the browser suite three times in a row while both cores are kept busy by a
// load generator this script starts and stops itself, to find tests that only pass on a quiet
// machine (`npm test` itself stays one pass). Ends with the plain `N passed, N failed` line over
// all runs; exits non-zero if any run failed.
//
//   node scripts/stress.mjs [--runs N] [--busy N] [--port N]
//   (defaults: 3 runs, one busy thread per core, wtr's own port; BROWSERS picks the browsers as for npm test)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, busy: { type: 'string' }, port: { type: 'string' } } });
const runs = Number(values.runs);
const busy = Number(values.busy ?? os.availableParallelism());
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(busy) || busy < 0) throw new TypeError('--runs and --busy take whole numbers');

// Each worker spins until told to stop, and never longer than an hour: the load ends with the script.
const spin = `
  const { parentPort } = require('node:worker_threads');
  let stop = false;
  parentPort.on('message', () => { stop = true; });
  const until = Date.now() + 3_600_000;
  const tick = () => {
    const slice = Date.now() + 50;
    while (Date.now() < slice) Math.sqrt(Math.random());
    if (!stop && Date.now() < until) setImmediate(tick);
    else parentPort.close();
  };
  tick();
`;
const workers = Array.from({ length: busy }, () => new Worker(spin, { eval: true }));
const stopLoad = () => workers.forEach((worker) => worker.postMessage('stop'));
process.on('exit', stopLoad);

const build = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(1);

const dir = mkdtempSync(join(os.tmpdir(), 'cau-stress-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
for (let run = 1; run <= runs; run++) {
  const summaryFile = join(dir, `run-${run}.json`);
  console.log(`\n=== run ${run} of ${runs}, ${busy} busy thread(s) beside it ===`);
  const started = Date.now();
  const result = spawnSync(
    join('node_modules', '.bin', 'web-test-runner'),
    ['--static-logging', ...(values.port ? ['--port', values.port] : [])],
    {
      stdio: 'inherit',
      env: { ...process.env, TEST_SUMMARY_FILE: summaryFile },
    },
  );
  try {
    const counts = JSON.parse(readFileSync(summaryFile, 'utf8'));
    totals.passed += counts.passed;
    totals.failed += counts.failed;
    totals.skipped += counts.skipped;
    console.log(`run ${run}: ${counts.passed} passed, ${counts.failed} failed in ${Math.round((Date.now() - started) / 1000)} s`);
  } catch {
    totals.failed++;
  }
  if (result.status !== 0 && totals.failed === 0) totals.failed++;
}
rmSync(dir, { recursive: true, force: true });
stopLoad();
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed === 0 ? 0 : 1);
