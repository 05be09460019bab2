// @ts-check
// The demo on a phone: headless Chromium at 390 × 844 with touch (puppeteer's mobile viewport), the
// page never scrolls sideways: not when it loads, not with files in the composer, not once its event
// log is full of long lines. Watched every frame, not only at the end.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, test } from 'node:test';
import puppeteer from 'puppeteer-core';
import { startDemoServer } from '../demo/start-server.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium.mjs';

/** @type {{ url: string, stop: () => void } | undefined} */
let demo;

before(async () => {
  assert.ok(existsSync('dist/connect-attachment-upload.min.js'), 'run `npm run build` first (npm test does)');
  demo = await startDemoServer();
});

after(() => demo?.stop());

test(
  'the demo fits a 390 px phone: no horizontal scroll at any moment, files and a full event log included',
  { skip: !existsSync(CHROMIUM_PATH) && 'no Chromium' },
  async () => {
    const browser = await puppeteer.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      await page.setViewport({ width: 390, height: 844, isMobile: true, hasTouch: true, deviceScaleFactor: 3 });
      // From the first frame: the widest the page ever was beyond its viewport, and what stuck out.
      await page.evaluateOnNewDocument(() => {
        const seen = { overflow: 0, culprit: '' };
        // @ts-expect-error -- read by the test below
        window.__overflow = seen;
        const watch = () => {
          const root = document.documentElement;
          const over = root ? root.scrollWidth - root.clientWidth : 0;
          if (over > seen.overflow) {
            seen.overflow = over;
            const wide = Array.from(document.querySelectorAll('body *')).find(
              (el) => el.getBoundingClientRect().right > root.clientWidth + 0.5,
            );
            seen.culprit = wide ? `${wide.tagName.toLowerCase()}${wide.id ? `#${wide.id}` : ''}.${wide.className}` : '';
          }
          requestAnimationFrame(watch);
        };
        requestAnimationFrame(watch);
      });
      await page.goto(/** @type {string} */ (demo?.url));
      await page.waitForFunction(() => document.querySelector('#status')?.textContent?.includes('new chat'));
      assert.equal(await page.evaluate(() => matchMedia('(pointer: coarse)').matches), true, 'a phone: coarse pointer');

      // Files with long names in the composer, and the agent talking.
      await page.evaluate(() => {
        const el = /** @type {any} */ (document.querySelector('#uploader'));
        el.manual = true;
        el.upload(
          ['a-very-long-file-name-of-a-damaged-parcel-photo-taken-on-the-porch.pdf', 'meter-reading-2026-12-07.png', 'receipt.pdf'].map(
            (name) => new File(['x'.repeat(2000)], name, { type: name.endsWith('png') ? 'image/png' : 'application/pdf' }),
          ),
        );
      });
      for (let i = 0; i < 3; i += 1) await page.click('#agent-say');
      // The log fills: every file runs through its events, each a long line of JSON.
      await page.evaluate(() => /** @type {any} */ (document.querySelector('#uploader')).upload());
      await page.waitForFunction(() => document.querySelectorAll('#log li').length >= 12, { timeout: 15000 });
      await page.waitForFunction(() => document.querySelectorAll('#transcript li').length >= 5, { timeout: 15000 });
      // Two more frames, so the watcher saw the last change drawn.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

      const { overflow, culprit } = await page.evaluate(() => /** @type {any} */ (window).__overflow);
      const [scrollWidth, clientWidth] = await page.evaluate(() => [
        document.documentElement.scrollWidth,
        document.documentElement.clientWidth,
      ]);
      assert.ok(Number(scrollWidth) <= Number(clientWidth), `scrollWidth ${scrollWidth} <= clientWidth ${clientWidth} at the end`);
      assert.equal(overflow, 0, `never wider than the phone (at worst ${overflow} px, ${culprit})`);
    } finally {
      await browser.close();
    }
  },
);
