// Browser tests: TypeScript through esbuild, Debian's Chromium (and Firefox ESR when asked) through
// puppeteer-core, and the local Connect stand-in started beside the test server.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import puppeteerCore from 'puppeteer-core';
import { startConnectStandIn } from './emulator/index.mjs';
import { countingReporter } from './scripts/counting-reporter.mjs';

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
};

const wanted = (process.env.BROWSERS ?? 'chromium').split(',').map((name) => name.trim()).filter(Boolean);

/** @type {import('./emulator/index.mjs').StandIn | undefined} */
let standIn;

/** Starts the stand-in with the test server and tells the test pages where it is. */
const standInPlugin = {
  name: 'connect-stand-in',
  async serverStart() {
    standIn = await startConnectStandIn();
  },
  async serverStop() {
    await standIn?.close();
  },
  /** @param {{ path: string }} context */
  serve(context) {
    if (context.path === '/__stand-in.json' && standIn) {
      return { body: JSON.stringify({ endpoint: standIn.endpoint, s3Endpoint: standIn.s3Endpoint }), type: 'json' };
    }
    return undefined;
  },
};

export default {
  files: ['test/**/*.test.ts', 'test/**/*.test.html'],
  nodeResolve: true,
  // One file at a time: the files share one stand-in, and fault plans are global to it.
  concurrency: 1,
  browsers: wanted.map((name) => {
    const launcher = BROWSERS[/** @type {keyof typeof BROWSERS} */ (name)];
    if (!launcher) throw new Error(`Unknown browser "${name}" in BROWSERS (use chromium, firefox).`);
    return launcher();
  }),
  plugins: [esbuildPlugin({ ts: true, target: 'es2022' }), standInPlugin],
  // Lit's dev-mode notice is expected in tests (wtr resolves Lit's development build); anything else is shown.
  filterBrowserLogs: ({ args }) => !String(args[0]).includes('Lit is in dev mode'),
  testFramework: { config: { timeout: 20000 } },
  testsFinishTimeout: 300000,
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), countingReporter()],
};
