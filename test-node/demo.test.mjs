// @ts-check
// The README's demo command: `node demo/serve.mjs` serves the page on the port asked for (or says in
// one line that it is taken), and end to end: headless Chromium drops a file on the element, and the
// page lists it as in the chat with a working download link.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { after, before, test } from 'node:test';
import puppeteer from 'puppeteer-core';
import { startDemoServer } from '../demo/start-server.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium.mjs';

/** @type {{ url: string, stop: () => void } | undefined} */
let demo;
let demoUrl = '';

before(async () => {
  assert.ok(existsSync('dist/connect-attachment-upload.min.js'), 'run `npm run build` first (npm test does)');
  demo = await startDemoServer();
  demoUrl = demo.url;
});

after(() => demo?.stop());

test(
  'the demo, under a strict CSP with Trusted Types, runs a chatjs chat: an agent message, two dropped files staged and sent with the message, one approved and opened, the other rejected by the scan',
  { skip: !existsSync(CHROMIUM_PATH) && 'no Chromium' },
  async () => {
    const browser = await puppeteer.launch({
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
    });
    try {
      const page = await browser.newPage();
      /** @type {string[]} */
      const problems = [];
      page.on('pageerror', (error) => problems.push(String(error)));
      const response = await page.goto(demoUrl);
      assert.match(response?.headers()['content-security-policy'] ?? '', /require-trusted-types-for 'script'/);
      await page.evaluateOnNewDocument(() => {
        // @ts-expect-error -- a page global, collected for the assertion below
        window.__violations = [];
        document.addEventListener('securitypolicyviolation', (event) =>
          // @ts-expect-error -- the page global set above
          window.__violations.push(`${event.violatedDirective}: ${event.blockedURI}`),
        );
      });
      await page.reload();
      await page.waitForFunction(() => document.querySelector('#status')?.textContent?.includes('new chat'));
      // chatjs's getTranscript: both participants joined.
      await page.waitForFunction(() => document.querySelectorAll('#transcript li.event').length >= 2);

      await page.click('#agent-say');
      await page.waitForFunction(() => document.querySelector('#transcript li.message.agent')?.textContent?.includes('receipt'));
      await page.type('#message', 'Here it comes.');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.querySelector('#transcript li.message.customer')?.textContent?.includes('Here it comes.'));

      const content = 'Dropped on the demo page.\n'.repeat(1000);
      await page.evaluate(() => {
        const el = /** @type {any} */ (document.querySelector('#uploader'));
        // @ts-expect-error -- collected for the assertions below
        window.__completed = [];
        el.addEventListener('attachment-completed', (/** @type {CustomEvent} */ event) =>
          // @ts-expect-error -- a page global the test set
          window.__completed.push([event.detail.file.name, event.detail.attachmentId]),
        );
      });
      await page.evaluate((text) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([text], 'dropped.txt', { type: 'text/plain' }));
        transfer.items.add(new File(['X5O!P%@AP'], 'eicar.txt', { type: 'text/plain' }));
        // Dropped on the transcript: the whole chat panel is the element's drop-target.
        const panel = document.querySelector('#transcript');
        if (!panel) throw new Error('no transcript');
        panel.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
        panel.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      }, content);

      // complete-on-send: both wait in the composer as drafts, nothing in the chat yet.
      await page.waitForFunction(
        () => {
          const el = /** @type {any} */ (document.querySelector('#uploader'));
          return el.uploads.length === 2 && el.uploads.every((/** @type {any} */ upload) => upload.state === 'ready');
        },
        { timeout: 15000 },
      );
      assert.equal(await page.$$eval('#transcript li[data-status]', (items) => items.length), 0, 'no attachment in the chat before Send');
      // Send: the files, then the message after them; the composer empties.
      await page.type('#message', 'The receipt, and the other file.');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => /** @type {any} */ (document.querySelector('#uploader')).uploads.length === 0, { timeout: 15000 });
      // The verdicts come over chatjs's websocket, into the transcript.
      await page.waitForFunction(
        () =>
          document.querySelector('#transcript li[data-status=APPROVED]')?.textContent?.includes('dropped.txt') &&
          document.querySelector('#transcript li[data-status=REJECTED]')?.textContent?.includes('eicar.txt'),
        { timeout: 15000, polling: 'raf' },
      );
      const order = await page.$$eval('#transcript li', (items) =>
        items
          .map((item) => item.textContent ?? '')
          .filter((text) => /dropped\.txt|eicar\.txt|The receipt, and the other file\./.test(text)),
      );
      assert.equal(order.length, 3);
      assert.match(order[2] ?? '', /The receipt, and the other file\./, 'the text comes after the files');
      // @ts-expect-error -- a page global the test set
      const scans = /** @type {[string, string][]} */ (await page.evaluate(() => window.__completed));
      assert.deepEqual(
        scans.map(([name]) => name),
        ['dropped.txt', 'eicar.txt'],
      );
      const logged = await page.$$eval('#log li .type', (items) => items.map((item) => item.textContent?.trim()));
      for (const type of ['attachment-select', 'attachment-started', 'attachment-uploaded', 'attachment-completed']) {
        assert.ok(logged.includes(type), `the log shows ${type}`);
      }
      // What Open opens: GetAttachment through the element, with the session's token.
      const href = await page.evaluate((attachmentId) => {
        const el = /** @type {any} */ (document.querySelector('#uploader'));
        return /** @type {Promise<string>} */ (el.getAttachmentUrl(attachmentId));
      }, scans[0]?.[1]);
      const downloaded = Buffer.from(await (await fetch(href)).arrayBuffer());
      const sha = (/** @type {Buffer | string} */ data) => createHash('sha256').update(data).digest('hex');
      assert.equal(sha(downloaded), sha(content), 'GetAttachment serves the bytes that were dropped');
      assert.deepEqual(problems, [], 'no page errors');
      // @ts-expect-error -- the page global set in evaluateOnNewDocument
      assert.deepEqual(await page.evaluate(() => window.__violations), [], 'no CSP or Trusted Types violation');
      const enforced = await page.evaluate(() => {
        try {
          document.body.insertAdjacentHTML('beforeend', '<b>raw</b>');
          return false;
        } catch {
          return true;
        }
      });
      assert.equal(enforced, true, 'Trusted Types are really enforced on the page');
    } finally {
      await browser.close();
    }
  },
);

/** A port that was free a moment ago. */
async function freePort() {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = /** @type {import('node:net').AddressInfo} */ (probe.address());
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * Runs demo/serve.mjs with `args` and `env` until it says where the demo is, or exits.
 * @param {string[]} args
 * @param {Record<string, string | undefined>} env
 */
async function serve(args, env) {
  const child = spawn(process.execPath, ['demo/serve.mjs', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const outcome = await new Promise((resolve) => {
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const match = /Demo:\s+(http:\/\/\S+)/.exec(stdout);
      if (match?.[1]) resolve({ url: match[1] });
    });
    child.once('exit', (code) => resolve({ code }));
  });
  return { ...outcome, child, stdout: () => stdout, stderr: () => stderr };
}

test('`npm start -- --port N` and `PORT=N npm start` serve the demo on N; --port wins over PORT', async (t) => {
  assert.match(
    JSON.parse(readFileSync('package.json', 'utf8')).scripts.start,
    /node demo\/serve\.mjs$/,
    'arguments after -- reach serve.mjs',
  );
  /** @type {((port: number) => [string[], Record<string, string>])[]} */
  const ways = [
    // PORT=1 would fail (a privileged port, or taken): the demo coming up proves --port won.
    (port) => [['--port', String(port)], { PORT: '1' }],
    (port) => [[], { PORT: String(port) }],
  ];
  for (const way of ways) {
    const port = await freePort();
    const run = await serve(...way(port));
    t.after(() => run.child.kill('SIGTERM'));
    assert.equal(run.url, `http://127.0.0.1:${port}/`, run.stderr());
    const page = await fetch(run.url);
    assert.equal(page.status, 200);
    const exited = once(run.child, 'exit');
    run.child.kill('SIGTERM');
    assert.equal((await exited)[0], 0);
  }
});

test('a taken port is one line naming --port and PORT, and a non-zero exit, not a stack trace', async (t) => {
  const blocker = createServer().listen(0, '127.0.0.1');
  await once(blocker, 'listening');
  t.after(() => blocker.close());
  const { port } = /** @type {import('node:net').AddressInfo} */ (blocker.address());
  /** @type {[string[], Record<string, string>][]} */
  const ways = [
    [['--port', String(port)], {}],
    [[], { PORT: String(port) }],
  ];
  for (const [args, env] of ways) {
    const run = await serve(args, env);
    t.after(() => run.child.kill('SIGKILL'));
    assert.equal(run.code, 1, `exit code (${run.stdout()})`);
    assert.equal(run.stderr(), `Port ${port} is in use: choose another with --port N or PORT=N\n`);
    assert.equal(run.stdout(), '', 'nothing else printed');
  }
});

test('a port that is not a number is refused with the usage', async () => {
  const run = await serve(['--port', 'eighty'], {});
  assert.equal(run.code, 2);
  assert.match(run.stderr(), /^The port must be a number from 0 to 65535, got "eighty"\nUsage: npm start -- \[--port N\]/);
});
