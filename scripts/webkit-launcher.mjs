// WebKit (WebKitGTK's MiniBrowser) for Web Test Runner, through Debian's WebKitWebDriver and
// @web/test-runner-webdriver. webdriverio cannot start WebKitWebDriver itself (it only knows
// chromedriver, geckodriver, safaridriver and msedgedriver, and would try to download them), so
// this launcher starts the driver on a free port, points webdriverio at it (hostname + port), and
// ends it on stop. MiniBrowser is a GTK program and needs an X display: the driver passes its own
// environment on, so DISPLAY must be set for the driver. Under `xvfb-run -a` it inherits one;
// without DISPLAY this launcher starts its own Xvfb.
import { spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import { createServer } from 'node:net';
import { WebdriverLauncher } from '@web/test-runner-webdriver';

// Debian installs MiniBrowser under the multiarch directory (libwebkit2gtk-4.1-0).
const MULTIARCH = process.arch === 'arm64' ? 'aarch64-linux-gnu' : 'x86_64-linux-gnu';
const DRIVER = process.env.WEBKIT_DRIVER_PATH ?? '/usr/bin/WebKitWebDriver';
const BROWSER = process.env.WEBKIT_PATH ?? `/usr/lib/${MULTIARCH}/webkit2gtk-4.1/MiniBrowser`;

/** @returns {Promise<number>} */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/**
 * Polls the driver's /status until it answers ready.
 * @param {number} port @param {import('node:child_process').ChildProcess} child
 */
async function waitForDriver(port, child, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`WebKitWebDriver exited with ${child.exitCode}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/status`);
      if (response.ok && (await response.json()).value?.ready) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`WebKitWebDriver did not answer on port ${port} within ${timeoutMs} ms`);
}

/**
 * Starts Xvfb on a free display number (Xvfb picks it and writes it to -displayfd), so that runs
 * side by side on one machine never fight over a display.
 * @returns {Promise<{ process: import('node:child_process').ChildProcess, display: string }>}
 */
function startXvfb() {
  return new Promise((resolve, reject) => {
    const xvfb = spawn('Xvfb', ['-displayfd', '1', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let out = '';
    xvfb.on('error', reject);
    xvfb.on('exit', (code) => reject(new Error(`Xvfb exited with ${code} before giving a display`)));
    xvfb.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /^(\d+)\n/.exec(out);
      if (match) resolve({ process: xvfb, display: `:${match[1]}` });
    });
  });
}

class WebKitLauncher extends WebdriverLauncher {
  /** @param {{ args?: string[] }} [options] */
  constructor({ args = [] } = {}) {
    // The base class keeps this object and hands it to webdriverio's remote() at the first
    // session, so initialize() can still fill in the driver's port. A port (any) also stops
    // webdriverio from trying to set up (download) a driver. No browserName, and classic WebDriver
    // only: with a browserName webdriverio 9 asks for WebDriver BiDi (webSocketUrl: true), which
    // this WebKitWebDriver refuses ("Failed to match capabilities").
    const options = {
      hostname: '127.0.0.1',
      port: 0,
      logLevel: /** @type {const} */ ('error'),
      capabilities: /** @type {any} */ ({
        'wdio:enforceWebDriverClassic': true,
        'webkitgtk:browserOptions': { binary: BROWSER, args: ['--automation', ...args] },
      }),
    };
    super(options);
    this.webdriverOptions = options;
    /** @type {import('node:child_process').ChildProcess | undefined} */
    this.driverProcess = undefined;
    /** @type {import('node:child_process').ChildProcess | undefined} */
    this.xvfbProcess = undefined;
  }

  /** @param {import('@web/test-runner-core').TestRunnerCoreConfig} config */
  async initialize(config) {
    // The webdriver launcher runs every test file in an iframe of one window unless concurrency
    // is 1, and WebKitWebDriver refuses that frame switch ("Invalid frame ID object"): say so
    // instead of failing tests one by one.
    if (config.concurrency !== 1)
      throw new Error('WebKit needs concurrency: 1 (WebKitWebDriver cannot switch into the iframes wtr uses otherwise).');
    const env = { ...process.env };
    if (!env.DISPLAY) {
      const xvfb = await startXvfb();
      this.xvfbProcess = xvfb.process;
      env.DISPLAY = xvfb.display;
    }
    const port = await freePort();
    // WEBKIT_DRIVER_LOG=file keeps the driver's and MiniBrowser's output (GTK warnings) for debugging.
    const log = process.env.WEBKIT_DRIVER_LOG ? openSync(process.env.WEBKIT_DRIVER_LOG, 'a') : 'ignore';
    this.driverProcess = spawn(DRIVER, [`--port=${port}`], { env, stdio: ['ignore', log, log] });
    // wtr's SIGINT path exits before stop() has finished, and wtr does not handle SIGTERM at all:
    // end the driver and our Xvfb (which takes MiniBrowser with it) whenever this process exits.
    process.once('exit', () => {
      for (const child of [this.driverProcess, this.xvfbProcess]) {
        if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      }
    });
    if (process.listenerCount('SIGTERM') === 0) process.once('SIGTERM', () => process.exit(143));
    await waitForDriver(port, this.driverProcess);
    this.webdriverOptions.port = port;
    await super.initialize(config);
    this.name = 'WebKit';
  }

  async stop() {
    await super.stop(); // deletes the session: MiniBrowser closes
    // Driver first, then Xvfb; wait for each so that none is left behind.
    for (const child of [this.driverProcess, this.xvfbProcess]) {
      if (!child || child.exitCode !== null || child.signalCode !== null) continue;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
    }
    this.driverProcess = undefined;
    this.xvfbProcess = undefined;
  }
}

/** @param {{ args?: string[] }} [options] */
export function webkitLauncher(options) {
  return new WebKitLauncher(options);
}
