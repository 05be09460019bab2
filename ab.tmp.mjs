// A/B: two element builds in two pages of one Chromium, each alternated with the hand-written loop.
// Prints per-file medians of CPU, script, style and layout time (element − loop) for each build.
import puppeteer from 'puppeteer-core';
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import { startConnectStandIn } from '/work/main/emulator/index.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '/work/main/scripts/chromium.mjs';
const [, , distA, distB, filesArg, pairsArg] = process.argv;
const files = Number(filesArg ?? 200); const pairs = Number(pairsArg ?? 5);
const standIn = await startConnectStandIn({ s3Sink: 'discard', maxAttachmentsPerChat: 1e6, urlExpirySeconds: 3600 });
const serve = (dist) => new Promise((resolve) => {
  const server = http.createServer((req, res) => {
    const p = req.url.split('?')[0];
    const file = p.startsWith('/dist/') ? dist + p.slice(5) : p.startsWith('/bench/') ? '/work/main' + p : '/work/main/bench/page.html';
    res.writeHead(200, { 'Content-Type': file.endsWith('.html') ? 'text/html' : 'text/javascript' }); res.end(readFileSync(file));
  }).listen(0, '127.0.0.1', () => resolve(server));
});
const browser = await puppeteer.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, networkEnabled: false });
const sides = [];
for (const [label, dist] of [['A', distA], ['B', distB]]) {
  const server = await serve(dist);
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.evaluate(() => window.bench.ready());
  await page.evaluate((n) => window.bench.holdFiles(n, 1024), files);
  const cdp = await page.createCDPSession();
  await cdp.send('Performance.enable');
  sides.push({ label, page, cdp, server });
}
const cfg = () => ({ endpoint: standIn.endpoint, token: standIn.createChat().connectionToken, concurrency: 4 });
const metrics = async (cdp) => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value * 1000]));
const run = async ({ page, cdp }, side) => {
  await page.bringToFront();
  await page.evaluate(() => window.bench.reset?.() ?? (document.getElementById('uploader').clear(), true));
  await new Promise((r) => setTimeout(r, 200));
  await cdp.send('HeapProfiler.collectGarbage');
  const m0 = await metrics(cdp);
  const r = await page.evaluate((s, c) => window.bench.batch(s, c), side, cfg());
  await page.evaluate(() => new Promise((res) => requestAnimationFrame(() => setTimeout(res, 150))));
  const m1 = await metrics(cdp);
  const d = (k) => (m1[k] - m0[k]) / files;
  return { ms: r.ms, cpu: d('ThreadTime'), script: d('ScriptDuration'), style: d('RecalcStyleDuration'), layout: d('LayoutDuration'), task: d('TaskDuration') };
};
const out = { A: [], B: [] };
for (let i = -1; i < pairs; i++) {
  for (const s of sides) {
    const el = await run(s, 'element'); const raw = await run(s, 'raw');
    if (i >= 0) out[s.label].push({ el, raw });
  }
}
const med = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
for (const label of ['A', 'B']) {
  const rows = out[label];
  const f = (k) => `${med(rows.map((r) => r.el[k] - r.raw[k])).toFixed(2)} [${Math.min(...rows.map((r) => r.el[k] - r.raw[k])).toFixed(2)}–${Math.max(...rows.map((r) => r.el[k] - r.raw[k])).toFixed(2)}]`;
  console.log(label, `files=${files}`, 'own cpu/file', f('cpu'), 'script', f('script'), 'style', f('style'), 'layout', f('layout'), 'ratio ms', med(rows.map((r) => r.el.ms / r.raw.ms)).toFixed(2), 'raw cpu', med(rows.map((r) => r.raw.cpu)).toFixed(2));
}
await browser.close(); for (const s of sides) s.server.close(); await standIn.close();
