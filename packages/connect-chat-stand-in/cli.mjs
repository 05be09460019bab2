#!/usr/bin/env node
// @ts-check
// Command line entry, the package's `bin`: `npx connect-chat-stand-in [options]` runs the stand-in
// until Ctrl+C (see USAGE).

import { parseArgs } from 'node:util';
import { startConnectStandIn } from './index.mjs';

/**
 * @param {string | undefined} value
 * @param {string} flag
 * @returns {number | undefined}
 */
function portArg(value, flag) {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    console.error(`${flag} must be a port number (0-65535), got ${JSON.stringify(value)}`);
    process.exit(2);
  }
  return n;
}

const USAGE = `Usage: connect-chat-stand-in [--port N] [--s3-port N] [--host H] [--s3-sink s3rver|discard]
       [--s3-cors allow|refuse] [--clock-offset-ms=MS] [--content-disposition rfc6266|raw]
       [--scan-delay-ms MS] [--scan-default APPROVED|REJECTED|IN_PROGRESS] [--scan-reject REGEX]...
       [--max-staged-ms MS]
A negative offset needs the = form: --clock-offset-ms=-600000
--scan-reject may be repeated: attachments whose name matches one are REJECTED.`;

/**
 * @param {string} message
 * @returns {never}
 */
function fail(message) {
  console.error(message);
  process.exit(2);
}

/**
 * @template {string} T
 * @param {string | undefined} value
 * @param {string} flag
 * @param {readonly T[]} allowed
 * @returns {T | undefined}
 */
function oneOf(value, flag, allowed) {
  if (value === undefined) return undefined;
  if (!allowed.includes(/** @type {T} */ (value))) fail(`${flag} must be ${allowed.join(' or ')}, got ${JSON.stringify(value)}`);
  return /** @type {T} */ (value);
}

function parseCommandLine() {
  try {
    return parseArgs({
      options: {
        port: { type: 'string' },
        's3-port': { type: 'string' },
        host: { type: 'string' },
        's3-sink': { type: 'string' },
        's3-cors': { type: 'string' },
        'clock-offset-ms': { type: 'string' },
        'content-disposition': { type: 'string' },
        'scan-delay-ms': { type: 'string' },
        'scan-default': { type: 'string' },
        'scan-reject': { type: 'string', multiple: true },
        'max-staged-ms': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }).values;
  } catch (err) {
    return fail(`${/** @type {Error} */ (err).message}\n${USAGE}`);
  }
}

const values = parseCommandLine();

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

/** @type {import('./shared/types.mjs').StandInOptions} */
const options = {};
const port = portArg(values.port, '--port');
const s3Port = portArg(values['s3-port'], '--s3-port');
if (port !== undefined) options.port = port;
if (s3Port !== undefined) options.s3Port = s3Port;
if (values.host !== undefined) options.host = values.host;
const s3Sink = oneOf(values['s3-sink'], '--s3-sink', /** @type {const} */ (['s3rver', 'discard']));
if (s3Sink !== undefined) options.s3Sink = s3Sink;
const s3Cors = oneOf(values['s3-cors'], '--s3-cors', /** @type {const} */ (['allow', 'refuse']));
if (s3Cors !== undefined) options.s3Cors = s3Cors;
const disposition = oneOf(values['content-disposition'], '--content-disposition', /** @type {const} */ (['rfc6266', 'raw']));
if (disposition !== undefined) options.contentDisposition = disposition;
if (values['clock-offset-ms'] !== undefined) {
  const offset = Number(values['clock-offset-ms']);
  if (!Number.isInteger(offset)) fail(`--clock-offset-ms must be an integer (ms), got ${JSON.stringify(values['clock-offset-ms'])}`);
  options.clockOffsetMs = offset;
}

if (values['max-staged-ms'] !== undefined) {
  const ms = Number(values['max-staged-ms']);
  if (!Number.isInteger(ms) || ms < 0)
    fail(`--max-staged-ms must be a non-negative integer (ms), got ${JSON.stringify(values['max-staged-ms'])}`);
  options.maxStagedMs = ms;
}

/** @type {Partial<import('./shared/types.mjs').ScanOptions>} */
const scan = {};
if (values['scan-delay-ms'] !== undefined) {
  const delay = Number(values['scan-delay-ms']);
  if (!Number.isInteger(delay) || delay < 0)
    fail(`--scan-delay-ms must be a non-negative integer (ms), got ${JSON.stringify(values['scan-delay-ms'])}`);
  scan.delayMs = delay;
}
const scanDefault = oneOf(values['scan-default'], '--scan-default', /** @type {const} */ (['APPROVED', 'REJECTED', 'IN_PROGRESS']));
if (scanDefault !== undefined) scan.default = scanDefault;
if (values['scan-reject'] !== undefined) scan.rules = values['scan-reject'].map((match) => ({ match, verdict: 'REJECTED' }));
if (Object.keys(scan).length > 0) options.scan = scan;

/** @type {import('./shared/types.mjs').StandIn} */
let standIn;
try {
  standIn = await startConnectStandIn(options);
} catch (err) {
  // A taken port is a usage mistake, not a crash: one line naming the option, no stack trace.
  const { code, port: taken } = /** @type {NodeJS.ErrnoException & { port?: number }} */ (err);
  if (code === 'EADDRINUSE') {
    const flag = taken !== undefined && taken === options.s3Port ? '--s3-port' : '--port';
    fail(`Port ${taken ?? '?'} is in use: choose another with ${flag} N`);
  }
  if (!(err instanceof TypeError)) throw err;
  fail(err.message);
}
console.log(`Connect stand-in (ACPS) listening on ${standIn.endpoint}`);
console.log(`S3 (pre-signed URLs) on ${standIn.s3Endpoint}`);
const { options: effective } = await standIn.state();
console.log(
  `Options: s3Cors=${effective.s3Cors} clockOffsetMs=${effective.clockOffsetMs} contentDisposition=${effective.contentDisposition} maxStagedMs=${effective.maxStagedMs} scan=${JSON.stringify(effective.scan)}`,
);
console.log(`Create a chat: curl -X POST ${standIn.endpoint}/__control/chats`);
console.log(`Post as its agent: curl -d '{"content":"Hello"}' ${standIn.endpoint}/__control/chats/<contactId>/messages`);

let closing = false;
/** @param {NodeJS.Signals} signal */
const shutdown = async (signal) => {
  if (closing) return;
  closing = true;
  console.log(`${signal}: closing`);
  await standIn.close();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
