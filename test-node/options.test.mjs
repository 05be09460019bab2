// @ts-check
// Runtime options: start options, POST /__control/options (checked, all or nothing), the state's
// `options`, null and reset bringing back the start values, and the CLI flags.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { startConnectStandIn, RUNTIME_DEFAULTS } from 'connect-chat-stand-in';
import { CLI, startCli, startStandIn } from './helpers.mjs';

/** The scan when nothing sets it: every attachment APPROVED 300 ms after its IN_PROGRESS item. */
/** @type {import('connect-chat-stand-in/types.mjs').ScanOptions} */
const SCAN = { delayMs: 300, rules: [], default: 'APPROVED' };

/**
 * @param {import('connect-chat-stand-in/types.mjs').StandIn} standIn
 * @param {unknown} body
 */
async function postOptions(standIn, body) {
  const res = await fetch(`${standIn.endpoint}/__control/options`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

test('the state shows the options in effect; POST /__control/options changes only what it names', async (t) => {
  const standIn = await startStandIn(t);
  assert.deepEqual((await standIn.state()).options, {
    s3Cors: 'allow',
    clockOffsetMs: 0,
    contentDisposition: 'rfc6266',
    maxStagedMs: 0,
    scan: SCAN,
  });
  assert.deepEqual(RUNTIME_DEFAULTS, { s3Cors: 'allow', clockOffsetMs: 0, contentDisposition: 'rfc6266', maxStagedMs: 0, scan: SCAN });

  const res = await postOptions(standIn, { clockOffsetMs: -600_000 });
  assert.equal(res.status, 200);
  assert.deepEqual(res.json, {
    options: { s3Cors: 'allow', clockOffsetMs: -600_000, contentDisposition: 'rfc6266', maxStagedMs: 0, scan: SCAN },
  });
  const all = await postOptions(standIn, { s3Cors: 'refuse', contentDisposition: 'raw', maxStagedMs: 0, scan: SCAN });
  assert.deepEqual(all.json.options, { s3Cors: 'refuse', clockOffsetMs: -600_000, contentDisposition: 'raw', maxStagedMs: 0, scan: SCAN });
  assert.deepEqual((await postOptions(standIn, {})).json.options, all.json.options, 'an empty body changes nothing');
  assert.deepEqual((await standIn.state()).options, all.json.options);
});

test('POST /__control/options refuses bad input with a message and changes nothing', async (t) => {
  const standIn = await startStandIn(t);
  /** @type {Array<[unknown, RegExp]>} */
  const cases = [
    [{ s3Cors: 'deny' }, /s3Cors must be 'allow' or 'refuse'/],
    [{ clockOffsetMs: 1.5 }, /clockOffsetMs must be an integer/],
    [{ clockOffsetMs: '600000' }, /clockOffsetMs must be an integer/],
    [{ clockOffsetMs: 1e15 }, /clockOffsetMs must be an integer number of milliseconds between/],
    [{ contentDisposition: 'utf8' }, /contentDisposition must be 'rfc6266' or 'raw'/],
    [{ maxStagedMs: -1 }, /maxStagedMs must be an integer number of milliseconds between 0/],
    [{ maxStagedMs: 2.5 }, /maxStagedMs must be an integer/],
    [{ clockoffsetms: 5 }, /unknown option "clockoffsetms"/],
    [{ s3Cors: 'refuse', clockOffsetMs: 'soon' }, /clockOffsetMs/],
    ['[]', /JSON object/],
    ['nope', /not valid JSON/],
  ];
  for (const [body, message] of cases) {
    const res = await postOptions(standIn, body);
    assert.equal(res.status, 400, JSON.stringify(body));
    assert.match(res.json.message, message);
  }
  assert.deepEqual((await standIn.state()).options, RUNTIME_DEFAULTS, 'not even the good half of a bad request');
  assert.equal((await fetch(`${standIn.endpoint}/__control/options`)).status, 405);
});

test('start options are the values that null and reset bring back', async (t) => {
  const standIn = await startStandIn(t, {
    s3Cors: 'refuse',
    clockOffsetMs: 600_000,
    contentDisposition: 'raw',
    maxStagedMs: 0,
    scan: SCAN,
  });
  const started = { s3Cors: 'refuse', clockOffsetMs: 600_000, contentDisposition: 'raw', maxStagedMs: 0, scan: SCAN };
  assert.deepEqual((await standIn.state()).options, started);
  await postOptions(standIn, { s3Cors: 'allow', clockOffsetMs: 0, contentDisposition: 'rfc6266', maxStagedMs: 0, scan: SCAN });
  const back = await postOptions(standIn, { s3Cors: null, clockOffsetMs: null });
  assert.deepEqual(back.json.options, {
    s3Cors: 'refuse',
    clockOffsetMs: 600_000,
    contentDisposition: 'rfc6266',
    maxStagedMs: 0,
    scan: SCAN,
  });
  standIn.setOptions({ clockOffsetMs: -1 });
  await fetch(`${standIn.endpoint}/__control/reset`, { method: 'POST' });
  assert.deepEqual((await standIn.state()).options, started);
});

test('bad start options are refused before anything starts', async () => {
  for (const [options, message] of /** @type {Array<[any, RegExp]>} */ ([
    [{ s3Cors: 'open' }, /s3Cors/],
    [{ clockOffsetMs: 0.5 }, /clockOffsetMs/],
    [{ contentDisposition: 'ascii' }, /contentDisposition/],
  ])) {
    await assert.rejects(startConnectStandIn(options), (err) => err instanceof TypeError && message.test(err.message));
  }
});

test('StandIn.setOptions (Node API) checks its input and returns the options in effect', async (t) => {
  const standIn = await startStandIn(t);
  assert.deepEqual(standIn.setOptions({ contentDisposition: 'raw', maxStagedMs: 0, scan: SCAN }), {
    ...RUNTIME_DEFAULTS,
    contentDisposition: 'raw',
    maxStagedMs: 0,
    scan: SCAN,
  });
  assert.throws(() => standIn.setOptions(/** @type {any} */ ({ s3Cors: 'maybe' })), TypeError);
  assert.equal((await standIn.state()).options.contentDisposition, 'raw');
});

test('the CLI takes the runtime options as flags', async () => {
  const { child, endpoint, out } = await startCli([
    '--port',
    '0',
    '--s3-port',
    '0',
    '--s3-cors',
    'refuse',
    '--clock-offset-ms=-600000',
    '--content-disposition',
    'raw',
    '--max-staged-ms',
    '1500',
  ]);
  try {
    assert.match(out(), /Options: s3Cors=refuse clockOffsetMs=-600000 contentDisposition=raw maxStagedMs=1500/);
    const state = await (await fetch(`${endpoint}/__control/state`)).json();
    assert.deepEqual(state.options, {
      s3Cors: 'refuse',
      clockOffsetMs: -600_000,
      contentDisposition: 'raw',
      maxStagedMs: 1500,
      scan: SCAN,
    });
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    assert.equal((await exited)[0], 0);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }

  for (const args of [
    ['--s3-cors', 'maybe'],
    ['--clock-offset-ms', 'soon'],
    ['--content-disposition', 'utf8'],
    ['--clock-offset-ms', '-5'],
    ['--max-staged-ms', 'soon'],
  ]) {
    const bad = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    bad.stderr.on('data', (chunk) => {
      err += chunk;
    });
    const [code] = await once(bad, 'exit');
    assert.equal(code, 2, args.join(' '));
    assert.match(err, /must be|ambiguous/);
  }
});
