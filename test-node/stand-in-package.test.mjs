// @ts-check
// The stand-in as its own package: `npm pack` of the workspace, installed into a fresh project
// outside this repository (so nothing resolves from the repo's node_modules), starts from its `bin`,
// and a chat made through its control API takes an upload: Start, the signed PUT, Complete, and the
// stored bytes compared through /__control/state — from Node, and from a page in Chromium.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import http from 'node:http';
import { after, before, test } from 'node:test';
import puppeteer from 'puppeteer-core';

const NAME = 'connect-chat-stand-in';
const dir = mkdtempSync(join(tmpdir(), 'stand-in-pack-'));
const project = join(dir, 'project');
let tarball = '';
/** @type {string[]} */
let packed = [];

/** @param {string[]} args @param {string} cwd */
const npm = (args, cwd) =>
  execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });

before(() => {
  const [info] = JSON.parse(npm(['pack', '--workspace', NAME, '--pack-destination', dir, '--json', '--ignore-scripts'], process.cwd()));
  tarball = join(dir, info.filename);
  packed = info.files.map((/** @type {{ path: string }} */ file) => file.path);
  execFileSync('mkdir', [project]);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'fresh-project', version: '1.0.0', private: true }));
  npm(['install', tarball], project);
});

after(() => rmSync(dir, { recursive: true, force: true }));

test('the packed stand-in holds its modules, README, LICENSE and package.json, and no tests', () => {
  assert.ok(packed.includes('cli.mjs') && packed.includes('index.mjs'), 'the entry points');
  for (const file of ['README.md', 'LICENSE', 'package.json']) assert.ok(packed.includes(file), `the package contains ${file}`);
  assert.deepEqual(
    packed.filter((path) => !/^((acps|chat|s3|control|shared)\/)?[\w-]+\.mjs$|^[\w-]+\.(md|json)$|^LICENSE$/.test(path)),
    [],
    'nothing else',
  );
  for (const room of ['acps', 'chat', 's3', 'control', 'shared']) {
    assert.ok(
      packed.some((path) => path.startsWith(`${room}/`)),
      `the package contains ${room}/`,
    );
  }
  const installed = JSON.parse(readFileSync(join(project, 'node_modules', NAME, 'package.json'), 'utf8'));
  for (const dependency of Object.keys(installed.dependencies)) {
    JSON.parse(readFileSync(join(project, 'node_modules', dependency, 'package.json'), 'utf8'));
  }
});

/**
 * Starts the installed package's `bin` on free ports; it is stopped when `t` ends.
 * @param {import('node:test').TestContext} t
 * @returns {Promise<string>} its ACPS endpoint
 */
async function startBin(t) {
  const bin = join(project, 'node_modules', '.bin', NAME);
  const child = spawn(bin, ['--port', '0', '--s3-port', '0'], {
    cwd: project,
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.after(() => child.kill('SIGTERM'));
  let output = '';
  child.stderr?.on('data', (chunk) => (output += chunk));
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk) => {
      output += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1] && /Create a chat/.test(output)) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`the bin exited with ${code}:\n${output}`)));
  });
}

test('its bin, from a fresh install, serves a chat that takes an upload end to end', async (t) => {
  const endpoint = await startBin(t);

  /** @param {string} path @param {string | undefined} token @param {unknown} [body] */
  const post = async (path, token, body) => {
    const response = await fetch(endpoint + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { 'x-amz-bearer': token } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, json: await response.json() };
  };

  const chat = await post('/__control/chats', undefined);
  assert.equal(chat.status, 201);
  const token = chat.json.connectionToken;
  const bytes = randomBytes(64 * 1024);
  const started = await post('/participant/start-attachment-upload', token, {
    ContentType: 'application/pdf',
    AttachmentSizeInBytes: bytes.length,
    AttachmentName: 'report.pdf',
    ClientToken: randomBytes(8).toString('hex'),
  });
  assert.equal(started.status, 200, JSON.stringify(started.json));
  const { AttachmentId, UploadMetadata } = started.json;

  // The signed headers, exactly as given: the fake S3 checks the signature over them.
  const stored = await fetch(UploadMetadata.Url, { method: 'PUT', headers: UploadMetadata.HeadersToInclude, body: bytes });
  assert.equal(stored.status, 200, await stored.text());

  const completed = await post('/participant/complete-attachment-upload', token, {
    AttachmentIds: [AttachmentId],
    ClientToken: randomBytes(8).toString('hex'),
  });
  assert.equal(completed.status, 200, JSON.stringify(completed.json));

  const state = await (await fetch(`${endpoint}/__control/state`)).json();
  const attachment = state.attachments.find((/** @type {{ attachmentId: string }} */ a) => a.attachmentId === AttachmentId);
  assert.ok(attachment, 'the state lists the attachment');
  assert.equal(attachment.completeCount, 1);
  assert.deepEqual(attachment.stored, { size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
});

test('a page uploads through the installed stand-in: the CDN element in Chromium, bytes compared', async (t) => {
  const endpoint = await startBin(t);
  const chat = await (await fetch(`${endpoint}/__control/chats`, { method: 'POST' })).json();
  // The page and the CDN file from a server of their own, as a developer's app would serve them.
  const cdn = readFileSync(join(process.cwd(), 'dist', 'connect-attachment-upload.min.js'));
  const page = `<!doctype html><connect-attachment-upload></connect-attachment-upload>
    <script type="module" src="/cdn.js"></script>`;
  const server = http.createServer((request, response) => {
    const isScript = request.url === '/cdn.js';
    response.writeHead(200, { 'content-type': isScript ? 'text/javascript' : 'text/html' });
    response.end(isScript ? cdn : page);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.after(() => server.close());
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());

  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run'],
  });
  t.after(() => browser.close());
  const tab = await browser.newPage();
  await tab.goto(`http://127.0.0.1:${address.port}/`);
  const uploaded = await tab.evaluate(
    async (acps, token) => {
      await customElements.whenDefined('connect-attachment-upload');
      const el = /** @type {HTMLElement & { endpoint: string, token: string, upload(files: File[]): string[] }} */ (
        document.querySelector('connect-attachment-upload')
      );
      el.endpoint = acps;
      el.token = token;
      const bytes = crypto.getRandomValues(new Uint8Array(48 * 1024));
      const done = new Promise((resolve, reject) => {
        el.addEventListener('attachment-completed', (event) => resolve(/** @type {CustomEvent} */ (event).detail.attachmentId));
        el.addEventListener('attachment-error', (event) => reject(new Error(/** @type {CustomEvent} */ (event).detail.message)));
      });
      el.upload([new File([bytes], 'from-a-page.pdf', { type: 'application/pdf' })]);
      const digest = await crypto.subtle.digest('SHA-256', bytes);
      return {
        attachmentId: await done,
        sha256: Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join(''),
      };
    },
    endpoint,
    chat.connectionToken,
  );
  const state = await (await fetch(`${endpoint}/__control/state`)).json();
  const attachment = state.attachments.find((/** @type {{ attachmentId: string }} */ a) => a.attachmentId === uploaded.attachmentId);
  assert.equal(attachment?.status, 'completed');
  assert.equal(attachment.stored.sha256, uploaded.sha256, 'the bytes the page sent are the bytes stored');
});
