// @ts-check
// `npm start`: the local Connect stand-in plus a static server for the demo page and the built
// CDN file. No AWS account needed; the page can also be pointed at a real endpoint.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startConnectStandIn } from 'connect-chat-stand-in';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const host = process.env.HOST ?? '127.0.0.1';

/**
 * `--port N` (as in `npm start -- --port 8123`), else `PORT=N`, else 8000; 0 takes any free port.
 * @param {string} message
 * @returns {never}
 */
function usage(message) {
  console.error(`${message}\nUsage: npm start -- [--port N]   (or PORT=N npm start; default 8000)`);
  process.exit(2);
}
/** @type {string | undefined} */
let portOption;
try {
  portOption = parseArgs({ options: { port: { type: 'string' } } }).values.port;
} catch (error) {
  usage(/** @type {Error} */ (error).message);
}
const portText = portOption ?? process.env.PORT ?? '8000';
const port = /^\d+$/.test(portText) ? Number(portText) : NaN;
if (!(port >= 0 && port <= 65535)) usage(`The port must be a number from 0 to 65535, got ${JSON.stringify(portText)}`);

/** @type {Record<string, string>} */
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

/** The unmodified amazon-connect-chatjs bundle the chat page loads (a development dependency). */
const CHATJS = join(root, 'node_modules/amazon-connect-chatjs/dist/amazon-connect-chat.js');

/**
 * Only demo/, dist/ and the chatjs bundle are served; anything else, and any path that climbs out, is a 404.
 * @param {string} urlPath
 */
function fileFor(urlPath) {
  const path = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  if (path === '/vendor/amazon-connect-chat.js') return CHATJS;
  const [base, rest] = path.startsWith('/dist/') ? ['dist', path.slice('/dist/'.length)] : ['demo', path.slice(1) || 'index.html'];
  const dir = join(root, base);
  const file = normalize(join(dir, rest));
  return file.startsWith(dir + sep) ? file : undefined;
}

const standIn = await startConnectStandIn({ host });

/**
 * The strictest policy a chat page might have: no inline script or style, no eval, and Trusted
 * Types enforced (Lit's own `lit-html` policy, and the element's own for its fit-images worker, are the
 * only ones allowed). The demo works under it.
 */
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  // The chat's websocket is on the stand-in's ACPS port (chatjs only connects to ws://127.0.0.1:PORT or wss://).
  `connect-src 'self' ${standIn.endpoint} ${standIn.endpoint.replace(/^http/, 'ws')} ${standIn.s3Endpoint}`,
  "img-src 'self' blob: data:",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  // connect-attachment-upload: the policy that lets fit-images start its worker (only its own script).
  'trusted-types lit-html connect-attachment-upload',
].join('; ');

const server = http.createServer(async (request, response) => {
  if (request.url === '/config.json') {
    response.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    response.end(JSON.stringify({ endpoint: standIn.endpoint }));
    return;
  }
  const file = fileFor(request.url ?? '/');
  const info = file ? await stat(file).catch(() => undefined) : undefined;
  if (!file || !info?.isFile()) {
    response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    return;
  }
  response.writeHead(200, {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Cache-Control': 'no-store',
    ...(extname(file) === '.html' ? { 'Content-Security-Policy': CSP } : {}),
  });
  createReadStream(file).pipe(response);
});

// A taken port is the likeliest way for `npm start` to fail: say which and how to pick another in
// one line, rather than an EADDRINUSE stack trace, and leave no stand-in running.
server.once('error', async (error) => {
  const code = /** @type {NodeJS.ErrnoException} */ (error).code;
  console.error(
    code === 'EADDRINUSE'
      ? `Port ${port} is in use: choose another with --port N or PORT=N`
      : `The demo cannot listen on ${host}:${port}: ${error.message}`,
  );
  await standIn.close();
  process.exit(1);
});

server.listen(port, host, () => {
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  console.log(`Demo:              http://${host === '0.0.0.0' ? 'localhost' : host}:${actualPort}/`);
  console.log(`Connect stand-in:  ${standIn.endpoint}  (S3: ${standIn.s3Endpoint})`);
  console.log('Press Ctrl+C to stop.');
});

const stop = async () => {
  server.close();
  await standIn.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
