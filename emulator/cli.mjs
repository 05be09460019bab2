#!/usr/bin/env node
// @ts-check
// Command line entry: `node emulator/cli.mjs [--port N] [--s3-port N] [--host H] [--s3-sink discard]` runs the stand-in until Ctrl+C.

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

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    's3-port': { type: 'string' },
    host: { type: 'string' },
    's3-sink': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
  strict: true,
});

if (values.help) {
  console.log('Usage: node emulator/cli.mjs [--port N] [--s3-port N] [--host H] [--s3-sink s3rver|discard]');
  process.exit(0);
}

/** @type {import('./types.mjs').StandInOptions} */
const options = {};
const port = portArg(values.port, '--port');
const s3Port = portArg(values['s3-port'], '--s3-port');
if (port !== undefined) options.port = port;
if (s3Port !== undefined) options.s3Port = s3Port;
if (values.host !== undefined) options.host = values.host;
if (values['s3-sink'] !== undefined) {
  if (values['s3-sink'] !== 's3rver' && values['s3-sink'] !== 'discard') {
    console.error(`--s3-sink must be s3rver or discard, got ${JSON.stringify(values['s3-sink'])}`);
    process.exit(2);
  }
  options.s3Sink = values['s3-sink'];
}

const standIn = await startConnectStandIn(options);
console.log(`Connect stand-in (ACPS) listening on ${standIn.endpoint}`);
console.log(`S3 (pre-signed URLs) on ${standIn.s3Endpoint}`);
console.log(`Create a chat: curl -X POST ${standIn.endpoint}/__control/chats`);

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
