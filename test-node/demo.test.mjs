// @ts-check
// The README's demo command, end to end: `node demo/serve.mjs` serves the page, headless Chromium
// drops a file on the element, and the page lists it as in the chat with a working download link.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
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

test('the demo, under a strict CSP with Trusted Types, uploads a dropped file and lists it as in the chat', { skip: !existsSync(CHROMIUM_PATH) && 'no Chromium' }, async () => {
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
      // @ts-ignore -- collected for the assertion below
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (event) =>
        // @ts-ignore
        window.__violations.push(`${event.violatedDirective}: ${event.blockedURI}`),
      );
    });
    await page.reload();
    await page.waitForFunction(() => document.querySelector('#status')?.textContent?.includes('new chat'));

    const content = 'Dropped on the demo page.\n'.repeat(1000);
    await page.evaluate((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'dropped.txt', { type: 'text/plain' }));
      const zone = document.querySelector('#uploader')?.shadowRoot?.querySelector('[part=dropzone]');
      if (!zone) throw new Error('no drop zone');
      zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, content);

    const link = await page.waitForSelector('#in-chat li a', { timeout: 15000 });
    const href = await link?.evaluate((anchor) => /** @type {HTMLAnchorElement} */ (anchor).href);
    assert.ok(href, 'a download link');
    const logged = await page.$$eval('#log li .type', (items) => items.map((item) => item.textContent?.trim()));
    for (const type of ['attachment-select', 'attachment-started', 'attachment-uploaded', 'attachment-completed']) {
      assert.ok(logged.includes(type), `the log shows ${type}`);
    }
    const downloaded = Buffer.from(await (await fetch(href)).arrayBuffer());
    const sha = (/** @type {Buffer | string} */ data) => createHash('sha256').update(data).digest('hex');
    assert.equal(sha(downloaded), sha(content), 'GetAttachment serves the bytes that were dropped');
    assert.deepEqual(problems, [], 'no page errors');
    // @ts-ignore
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
});
