// `npm run screenshots`: the real component on the demo page, driven into each state in headless
// Chromium (against the local stand-in and its faults), saved as PNG files the README shows.
/* global shots -- set on the page's window by SETUP and read by the state functions that run in the page */
import { mkdirSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import { startDemoServer } from '../demo/start-server.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';

const OUT = 'docs/screenshots';

const demo = await startDemoServer();
const url = demo.url;

/** In-page helpers: files (a real PNG drawn on a canvas), faults, waiting for a state. */
const PAGE_HELPERS = () => {
  const uploader = document.getElementById('uploader');
  // Each state as its name says: files go on to the chat (finalizing, sent) rather than wait for
  // Send, as the demo's composer has them wait.
  uploader.completeOnSend = false;
  const png = (name, hue) =>
    new Promise((resolve) => {
      const canvas = document.createElement('canvas');
      canvas.width = 96;
      canvas.height = 96;
      const g = canvas.getContext('2d');
      g.fillStyle = `hsl(${hue} 70% 55%)`;
      g.fillRect(0, 0, 96, 96);
      g.fillStyle = '#fff';
      g.beginPath();
      g.arc(48, 48, 26, 0, Math.PI * 2);
      g.fill();
      canvas.toBlob((blob) => resolve(new File([blob], name, { type: 'image/png' })), 'image/png');
    });
  const bytes = (name, size, type) => new File([new Uint8Array(size).fill(7)], name, { type });
  const faults = async (list) => {
    const { endpoint } = await (await fetch('/config.json')).json();
    await fetch(`${endpoint}/__control/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ faults: list }),
    });
  };
  const until = (test) =>
    new Promise((resolve) => {
      const check = () => (test(uploader.uploads) ? resolve() : setTimeout(check, 50));
      check();
    });
  window.shots = { uploader, png, bytes, faults, until };
};

const STATES = {
  idle: async () => {},
  dragging: async () => {
    const transfer = new DataTransfer();
    transfer.items.add(shots.bytes('notes.txt', 10, 'text/plain'));
    shots.uploader.shadowRoot
      .querySelector('[part=dropzone]')
      .dispatchEvent(new DragEvent('dragenter', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  },
  uploading: async () => {
    await shots.faults([{ route: 's3-put', slowBytesPerSecond: 150 * 1024, times: -1 }]);
    // Large enough that the socket buffers, which the browser counts as sent, hold only part of it.
    shots.uploader.upload([shots.bytes('screen-recording.mp4', 18_000_000, 'video/mp4'), await shots.png('screenshot.png', 200)]);
    await shots.until((uploads) => uploads[0]?.loaded > 7_000_000);
  },
  finalizing: async () => {
    await shots.faults([{ route: 'complete-attachment-upload', delayMs: 60_000, times: -1 }]);
    shots.uploader.upload([shots.bytes('invoice.pdf', 180_000, 'application/pdf')]);
    await shots.until((uploads) => uploads[0]?.state === 'finalizing');
  },
  done: async () => {
    shots.uploader.upload([await shots.png('photo.png', 140), shots.bytes('order-1234.pdf', 240_000, 'application/pdf')]);
    await shots.until((uploads) => uploads.length === 2 && uploads.every((u) => u.state === 'done'));
  },
  failed: async () => {
    await shots.faults([{ route: 's3-put', status: 503, errorType: 'SlowDown', times: -1 }]);
    shots.uploader.retryPolicy = { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 };
    shots.uploader.upload([
      shots.bytes('contract.docx', 90_000, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'),
    ]);
    await shots.until((uploads) => uploads[0]?.state === 'failed');
  },
  rejected: async () => {
    shots.uploader.upload([shots.bytes('setup.exe', 1000, 'application/x-msdownload')]);
  },
  'many-files': async () => {
    shots.uploader.manual = true;
    shots.uploader.upload(Array.from({ length: 5 }, (_, i) => shots.bytes(`scan-page-${i + 1}.pdf`, 50_000 * (i + 1), 'application/pdf')));
  },
  french: async () => {
    document.getElementById('language').value = 'fr';
    document.getElementById('language').dispatchEvent(new Event('change'));
    await shots.faults([{ route: 's3-put', slowBytesPerSecond: 150 * 1024, times: -1 }]);
    shots.uploader.upload([await shots.png('capture.png', 20), shots.bytes('video.mp4', 18_000_000, 'video/mp4')]);
    await shots.until((uploads) => uploads[1]?.loaded > 7_000_000 && uploads[0]?.state === 'done');
  },
};

/**
 * The compact layout in a chat panel made on the page: messages, then the composer (chips, the
 * paperclip, a text box). The whole panel is the drop-target. Styled through a constructed style
 * sheet, which the demo's strict CSP allows (as it allows the element's own).
 */
const CHAT_PANEL = (rtl) => {
  const uploader = document.getElementById('uploader');
  if (rtl) {
    document.documentElement.dir = 'rtl';
    document.documentElement.lang = 'ar';
    uploader.lang = 'en';
  }
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(`
    #chat-panel { box-sizing: border-box; width: min(100vw - 2rem, 26rem); border: 1px solid #8a94a3; border-radius: 12px; padding: 0.75rem; display: grid; gap: 0.5rem; }
    #chat-panel .bubble { margin: 0; padding: 0.4rem 0.7rem; border-radius: 12px; background: color-mix(in srgb, CanvasText 10%, Canvas); max-width: 80%; }
    #chat-panel .bubble.mine { justify-self: end; background: color-mix(in srgb, #0b66c3 25%, Canvas); }
    #chat-panel textarea { font: inherit; min-height: 2.4rem; resize: none; }
  `);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  // The demo's wide rows (the event log) would make the page scroll sideways on a phone or right to left.
  document.querySelector('main').style.gridTemplateColumns = 'minmax(0, 1fr)';
  const panel = document.createElement('section');
  panel.id = 'chat-panel';
  panel.setAttribute('aria-label', 'Chat');
  for (const [text, mine] of [
    ['Hello! How can we help today?', false],
    ['My order arrived damaged. I have photos and the invoice.', true],
    ['Sorry to hear that. Please attach them here.', false],
  ]) {
    const bubble = document.createElement('p');
    bubble.className = mine ? 'bubble mine' : 'bubble';
    bubble.dir = 'auto';
    bubble.textContent = text;
    panel.append(bubble);
  }
  const box = document.createElement('textarea');
  box.setAttribute('aria-label', 'Message');
  box.placeholder = 'Type a message';
  uploader.compact = true;
  uploader.dropTarget = panel;
  // The composer's text box goes inside the element: beside the paperclip, under the chips (the
  // demo's own composer already gives it one).
  if (!uploader.querySelector('textarea')) uploader.append(box);
  panel.append(uploader);
  document.querySelector('#chat-title').after(panel);
  panel.scrollIntoView();
};

const COMPACT_STATES = {
  idle: STATES.idle,
  dragging: async () => {
    const transfer = new DataTransfer();
    transfer.items.add(shots.bytes('notes.txt', 10, 'text/plain'));
    document
      .querySelector('#chat-panel .bubble')
      .dispatchEvent(new DragEvent('dragenter', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  },
  uploading: STATES.uploading,
  finalizing: STATES.finalizing,
  done: STATES.done,
  failed: STATES.failed,
  rejected: STATES.rejected,
  'many-files': async () => {
    shots.uploader.manual = true;
    shots.uploader.upload([
      ...Array.from({ length: 8 }, (_, i) => shots.bytes(`scan-page-${i + 1}.pdf`, 50_000 * (i + 1), 'application/pdf')),
      shots.bytes(
        'a-very-long-file-name-from-the-scanner-2026-11-30.docx',
        40_000,
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      ),
      shots.bytes('budget.xlsx', 20_000, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
      shots.bytes('slides.pptx', 30_000, 'application/vnd.openxmlformats-officedocument.presentationml.presentation'),
      shots.bytes('voice.wav', 30_000, 'audio/wav'),
      shots.bytes('clip.mov', 30_000, 'video/quicktime'),
      shots.bytes('notes.txt', 300, 'text/plain'),
    ]);
  },
};

/** A failed file (Retry, Remove), one uploading, and one not added: the icons, numbers and names right to left. */
const RTL_STATE = async () => {
  await shots.faults([
    { route: 's3-put', status: 503, errorType: 'SlowDown', times: 1 },
    { route: 's3-put', slowBytesPerSecond: 150 * 1024, times: -1 },
  ]);
  shots.uploader.retryPolicy = { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 };
  shots.uploader.upload([shots.bytes('عقد-2026.docx', 90_000, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')]);
  await shots.until((uploads) => uploads[0]?.state === 'failed');
  shots.uploader.upload([shots.bytes('video.mp4', 18_000_000, 'video/mp4'), shots.bytes('setup.exe', 1000, 'application/x-msdownload')]);
  await shots.until((uploads) => uploads[1]?.loaded > 3_000_000);
};

mkdirSync(OUT, { recursive: true });
const browser = await puppeteer.launch({
  executablePath: CHROMIUM_PATH,
  args: CHROMIUM_ARGS,
});
try {
  const shots = Object.entries(STATES).map(([name, act]) => ({ name, act, dark: false }));
  shots.push({ name: 'dark', act: STATES.done, dark: true });
  for (const dark of [false, true]) {
    for (const [state, act] of Object.entries(COMPACT_STATES)) {
      shots.push({ name: `compact-${state}${dark ? '-dark' : ''}`, act, dark, panel: true });
    }
  }
  shots.push({ name: 'compact-phone', act: STATES.uploading, dark: false, panel: true, width: 360 });
  shots.push({ name: 'compact-rtl', act: COMPACT_STATES.failed, dark: false, panel: true, rtl: true });
  const only = process.argv[2] && new RegExp(process.argv[2]);
  for (const { name, act, dark, panel, width = 640, rtl = false } of shots) {
    if (only && !only.test(name)) continue;
    const page = await browser.newPage();
    await page.setViewport({ width, height: 720, deviceScaleFactor: 1 });
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: dark ? 'dark' : 'light' }]);
    await page.goto(url);
    await page.waitForFunction(() => document.querySelector('#status')?.textContent?.includes('new chat'));
    await page.evaluate(PAGE_HELPERS);
    if (panel) await page.evaluate(`(${CHAT_PANEL.toString()})(${rtl})`);
    await page.evaluate(`(${act.toString()})()`);
    await new Promise((resolve) => setTimeout(resolve, 450)); // announcements and the batch line settle
    if (panel) {
      // Clipped from the page by hand: an element's screenshot lands off its box on a right-to-left page.
      const clip = await page.evaluate(() => {
        const { x, y, width, height } = document.getElementById('chat-panel').getBoundingClientRect();
        return { x: x + scrollX, y: y + scrollY, width, height };
      });
      await page.screenshot({ path: `${OUT}/${name}.png`, clip, captureBeyondViewport: true });
    } else {
      const section = await page.$('#uploader');
      await section.screenshot({ path: `${OUT}/${name}.png`, omitBackground: false });
    }
    console.log(`${OUT}/${name}.png`);
    await page.evaluate(() => shots.faults([]));
    await page.close();
  }
  // Arabic and Hebrew chats (`lang` and `dir="rtl"` on the chat's section), in the demo's own
  // composer (`compact`) and in the default layout: the words load, then files, right to left.
  // (On the section rather than `<html>`: the demo's wide event log would scroll a right-to-left
  // page sideways, and the clip would land off the chat.)
  for (const lang of ['ar', 'he']) {
    for (const compact of [false, true]) {
      const name = `${compact ? 'compact-' : ''}rtl-${lang}`;
      if (only && !only.test(name)) continue;
      const page = await browser.newPage();
      await page.setViewport({ width: 640, height: 720, deviceScaleFactor: 1 });
      await page.goto(url);
      await page.waitForFunction(() => document.querySelector('#status')?.textContent?.includes('new chat'));
      await page.evaluate(PAGE_HELPERS);
      await page.evaluate(
        async (lang, compact) => {
          Object.assign(document.querySelector('section.chat'), { lang, dir: 'rtl' });
          shots.uploader.compact = compact;
          await shots.uploader.updateComplete;
        },
        lang,
        compact,
      );
      await page.evaluate(`(${RTL_STATE.toString()})()`);
      await new Promise((resolve) => setTimeout(resolve, 450));
      const clip = await page.evaluate(
        (selector) => {
          const { x, y, width, height } = document.querySelector(selector).getBoundingClientRect();
          return { x: x + scrollX, y: y + scrollY, width, height };
        },
        compact ? '#chat' : '#uploader',
      );
      await page.screenshot({ path: `${OUT}/${name}.png`, clip, captureBeyondViewport: true });
      console.log(`${OUT}/${name}.png`);
      await page.evaluate(() => shots.faults([]));
      await page.close();
    }
  }
} finally {
  await browser.close();
  demo.stop();
}
