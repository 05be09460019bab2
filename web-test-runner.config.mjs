// Browser tests: TypeScript through esbuild, the framework tests as esbuild bundles, Debian's
// Chromium and Firefox ESR through puppeteer-core (CDP and WebDriver BiDi), Debian's WebKitGTK
// (MiniBrowser) through WebKitWebDriver (classic WebDriver), and one local Connect stand-in per
// browser started beside the test server.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import puppeteerCore from 'puppeteer-core';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startConnectStandIn } from 'connect-chat-stand-in';
import { countingReporter } from './scripts/counting-reporter.mjs';
import { webkitLauncher } from './scripts/webkit-launcher.mjs';
import { frameworkBundlePlugin, skipFrameworkTests } from './test/frameworks/bundle-plugin.mjs';

const BROWSERS = {
  chromium: () =>
    chromeLauncher({
      puppeteer: puppeteerCore,
      launchOptions: {
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        // Root needs --no-sandbox; this host mounts /dev/shm twice so the wrapper's own shm flag never applies;
        // the network flags stop Chromium calling home on a closed network.
        args: [
          '--no-sandbox',
          '--disable-dev-shm-usage',
          '--disable-background-networking',
          '--disable-component-update',
          '--no-first-run',
        ],
      },
    }),
  firefox: () =>
    chromeLauncher({
      puppeteer: puppeteerCore,
      launchOptions: { browser: 'firefox', executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr' },
    }),
  webkit: () => webkitLauncher(),
};

// All three by default, as CI runs them; BROWSERS=chromium (or firefox, webkit, or a comma list) for fewer.
const wanted = (process.env.BROWSERS ?? 'chromium,firefox,webkit')
  .split(',')
  .map((name) => name.trim())
  .filter(Boolean);

/** @type {Map<string, Promise<import('connect-chat-stand-in').StandIn>>} */
const standIns = new Map();

/**
 * Fault plans and request logs are global to a stand-in, so each browser gets its own (told apart
 * by the page's User-Agent): what one browser's tests leave behind never reaches the other's.
 * @param {string} userAgent
 */
function standInFor(userAgent) {
  // WebKitGTK's User-Agent names neither Chrome/ nor Firefox/ (…AppleWebKit/605.1.15 … Safari/…),
  // while Chromium's (HeadlessChrome/…) also says Safari/: so Chrome/ is asked for, not Safari/.
  const browser = /Firefox\//.test(userAgent) ? 'firefox' : /Chrome\//.test(userAgent) ? 'chromium' : 'webkit';
  if (!standIns.has(browser)) standIns.set(browser, startConnectStandIn());
  return /** @type {Promise<import('connect-chat-stand-in').StandIn>} */ (standIns.get(browser));
}

/** Starts the stand-ins on demand and tells the test pages where theirs is. */
const standInPlugin = {
  name: 'connect-stand-in',
  async serverStop() {
    await Promise.all([...standIns.values()].map(async (standIn) => (await standIn).close()));
  },
  /** @param {{ path: string, get: (header: string) => string }} context */
  async serve(context) {
    if (context.path !== '/__stand-in.json') return undefined;
    const standIn = await standInFor(context.get('user-agent') ?? '');
    return { body: JSON.stringify({ endpoint: standIn.endpoint, s3Endpoint: standIn.s3Endpoint }), type: 'json' };
  },
};

/**
 * Server-side rendering for test/cdn/ssr-hydrate.test.html: its `<!-- ssr -->` marker becomes the
 * element as @lit-labs/ssr renders it (test/helpers/ssr.mjs), so the browser parses real server
 * output. Rendered in a child process: Lit's Node build puts its DOM shim on the globals, which have
 * no business in the test runner.
 */
const ssrPlugin = {
  name: 'ssr-page',
  /** @param {{ path: string, body: unknown }} context */
  async transform(context) {
    if (context.path !== '/test/cdn/ssr-hydrate.test.html' || typeof context.body !== 'string') return undefined;
    const ssr = async (/** @type {string[]} */ args) =>
      (await promisify(execFile)(process.execPath, ['test/helpers/ssr.mjs', ...args])).stdout;
    const [plain, withToken] = await Promise.all([ssr([]), ssr(['--token'])]);
    return { body: context.body.replace('<!-- ssr -->', () => plain).replace('<!-- ssr-token -->', () => withToken) };
  },
};

/**
 * `/__redirect/<encoded base>/<path>` answers 307 to `<base>/<path>`: a same-origin endpoint or
 * upload URL that redirects, for the tests that prove neither a token nor a file follows one.
 * @param {import('koa').Context} context
 * @param {() => Promise<void>} next
 */
async function redirectMiddleware(context, next) {
  const match = /^\/__redirect\/([^/]+)(\/.*)?$/.exec(context.path);
  if (!match) return next();
  context.status = 307;
  context.set('Location', `${decodeURIComponent(match[1] ?? '')}${match[2] ?? ''}${context.search}`);
  context.set('Cache-Control', 'no-store');
}

/**
 * A phone, for test/element/touch-targets.test.ts. Chromium: `emulate-phone` sizes the viewport and turns on touch
 * emulation over CDP (with it, `(pointer: coarse)` matches, as on a phone), without a reload
 * (puppeteer's setViewport with hasTouch reloads the page, and the test with it); the emulation
 * lasts as long as its CDP session, kept until `stop-emulating`. Firefox (WebDriver BiDi): the
 * viewport only, since BiDi has no coarse pointer to emulate; its touch input works. `tap` taps with
 * touch events in both (puppeteer's touchscreen: touchstart, touchend, then the click a tap makes).
 * WebKitGTK (classic WebDriver) has neither: the commands refuse it.
 */
/** @type {Map<string, { cdp?: import('puppeteer-core').CDPSession, viewport: import('puppeteer-core').Viewport | null }>} */
const phones = new Map();

const phonePlugin = {
  name: 'phone-commands',
  /** @param {{ command: string, payload: any, session: any }} context */
  async executeCommand({ command, payload, session }) {
    if (!['emulate-phone', 'stop-emulating', 'tap'].includes(command)) return undefined;
    /** @type {import('puppeteer-core').Page | undefined} */
    const page = session.browser.type === 'puppeteer' ? session.browser.getPage(session.id) : undefined;
    if (!page) throw new Error(`${command} needs Chromium or Firefox (puppeteer)`);
    if (command === 'tap') {
      await page.touchscreen.tap(payload.x, payload.y);
      return true;
    }
    const cdp = page.browser().protocol === 'cdp';
    if (command === 'emulate-phone') {
      const phone = phones.get(session.id) ?? { viewport: page.viewport() };
      phones.set(session.id, phone);
      if (!cdp) {
        await page.setViewport({ width: payload.width, height: payload.height });
        return true;
      }
      phone.cdp ??= await page.createCDPSession();
      await phone.cdp.send('Emulation.setDeviceMetricsOverride', {
        width: payload.width,
        height: payload.height,
        deviceScaleFactor: 1,
        mobile: false,
      });
      await phone.cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 5 });
      return true;
    }
    const phone = phones.get(session.id);
    phones.delete(session.id);
    if (phone?.cdp) await phone.cdp.detach();
    else if (phone) await page.setViewport(phone.viewport);
    return true;
  },
};

export default {
  files: ['test/**/*.test.ts', 'test/**/*.test.tsx', 'test/**/*.test.html'],
  nodeResolve: true,
  // One file at a time, one browser at a time: a browser's files share its stand-in and its fault
  // plan, and on two cores two browsers side by side slow the timing-sensitive tests into failures.
  // WebKit needs concurrency 1 anyway (see scripts/webkit-launcher.mjs).
  concurrency: 1,
  concurrentBrowsers: 1,
  browsers: wanted.map((name) => {
    const launcher = BROWSERS[/** @type {keyof typeof BROWSERS} */ (name)];
    if (!launcher) throw new Error(`Unknown browser "${name}" in BROWSERS (use chromium, firefox, webkit).`);
    return launcher();
  }),
  middleware: [redirectMiddleware],
  plugins: [
    phonePlugin,
    frameworkBundlePlugin(),
    skipFrameworkTests(esbuildPlugin({ ts: true, target: 'es2022' })),
    standInPlugin,
    ssrPlugin,
  ],
  // Lit's dev-mode notice is expected in tests (wtr resolves Lit's development build), and so is the
  // multiple-copies notice on pages that load a CDN file beside the test helpers' Lit, and Angular's
  // JIT notice.
  filterBrowserLogs: ({ args }) =>
    !/Lit is in dev mode|Multiple versions of Lit loaded|Angular is running in development mode/.test(String(args[0])),
  testFramework: { config: { timeout: 20000 } },
  testsFinishTimeout: 300000,
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), countingReporter()],
};
