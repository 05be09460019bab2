// The whole suite, as `npm test` runs it: type check, build, lint, the published types, the Node tests
// (the stand-in, and the built package in test/package), the framework typings in each framework's
// own checker (test/frameworks/checkers), the built package under jsdom and
// happy-dom (Vitest, test-dom/), then the browser tests in Chromium, Firefox and WebKit (BROWSERS
// picks fewer); ends with one plain `N passed, N failed` line. Exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = (name) => join('node_modules', '.bin', name);
const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
const totals = { passed: 0, failed: 0, skipped: 0 };

/** Runs a command with inherited output unless `capture`, returning its status and output. */
function run(command, args, { capture = false, extraEnv = {} } = {}) {
  console.log(`\n$ ${command} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, {
    stdio: capture ? ['ignore', 'pipe', 'inherit'] : 'inherit',
    env: { ...env, ...extraEnv },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (capture && result.stdout) process.stdout.write(result.stdout);
  // Each step's time, so a slow step shows in CI's log.
  console.log(`(took ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return { ok: result.status === 0, stdout: result.stdout ?? '' };
}

/** A step that is not a test suite (type check, build) counts as one test. */
function step(ok) {
  if (ok) totals.passed++;
  else totals.failed++;
  return ok;
}

const built = step(run('npm', ['run', '--silent', 'typecheck']).ok) & step(run('npm', ['run', '--silent', 'build']).ok);
// ESLint and Prettier (`npm run format` fixes what they can).
step(run('npm', ['run', '--silent', 'lint']).ok);

// Against the published types (dist/*.d.ts): test/types/published.types.ts and the framework tests.
step(run('npm', ['run', '--silent', 'test:types']).ok);

/** Runs Node's test runner on `paths` and adds its counts; a run that fails outside any test counts as one failure. */
function nodeTests(...paths) {
  const node = run(process.execPath, ['--test', '--test-reporter=spec', ...paths], { capture: true });
  const number = (label) => Number(new RegExp(`ℹ ${label} (\\d+)`).exec(node.stdout)?.[1] ?? 0);
  totals.passed += number('pass');
  totals.failed += number('fail') + number('cancelled');
  totals.skipped += number('skipped') + number('todo');
  if (!node.ok && number('fail') + number('cancelled') === 0) totals.failed++;
}

nodeTests('test-node/', 'test/package/');

// The framework typings in vue-tsc, svelte-check and tsc, against the packed package installed in
// scratch apps (test/frameworks/checkers); its own step, so its time shows apart.
nodeTests('test/frameworks/checkers/');

const dir = mkdtempSync(join(tmpdir(), 'cau-test-'));

// The built package in a host app's unit tests: Vitest with jsdom and with happy-dom (test-dom/).
// Its JSON report gives the counts; a run that fails outside any test (an unhandled error) counts as one failure.
const hostFile = join(dir, 'host.json');
const host = run(bin('vitest'), [
  'run',
  '--config',
  'test-dom/vitest.config.mjs',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${hostFile}`,
]);
try {
  const report = JSON.parse(readFileSync(hostFile, 'utf8'));
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  totals.skipped += report.numPendingTests + report.numTodoTests;
  if (!host.ok && report.numFailedTests === 0) totals.failed++;
} catch {
  totals.failed++;
}

const summaryFile = join(dir, 'browser.json');
// Arguments after `npm test --` go to the browser step, e.g. `--port 8766` beside another run.
const browser = run(bin('web-test-runner'), ['--static-logging', ...process.argv.slice(2)], {
  extraEnv: { TEST_SUMMARY_FILE: summaryFile },
});
try {
  const counts = JSON.parse(readFileSync(summaryFile, 'utf8'));
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
} catch {
  totals.failed++;
}
rmSync(dir, { recursive: true, force: true });
if (!browser.ok && totals.failed === 0) totals.failed++;

console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed === 0 && built ? 0 : 1);
