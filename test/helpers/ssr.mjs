// Server-side rendering of the element, as a Node server or a static-site build does it: the npm
// build (dist/) under Lit's Node build, rendered by @lit-labs/ssr into declarative shadow DOM. Used by
// the Node test (test/package/ssr.test.mjs) and, run as a script, by the browser test's page
// (test/cdn/ssr-hydrate.test.html through web-test-runner.config.mjs), which hydrates what it prints.
//   node test/helpers/ssr.mjs [--token]   prints the rendered element (--token: with a token in its markup)
import { render } from '@lit-labs/ssr';
import { RenderResultReadable } from '@lit-labs/ssr/lib/render-result-readable.js';
import { html } from 'lit';
import { fileURLToPath } from 'node:url';
import 'connect-attachment-upload/define.js';

/** The element as a page would write it: a form field that takes several files. */
export const template = () => html`<connect-attachment-upload name="attachments" multiple></connect-attachment-upload>`;

/**
 * Streams the render, as a server would answer a request (RenderResultReadable is a Node Readable).
 * @returns {Promise<string>}
 */
export async function renderToString(value = template()) {
  let out = '';
  for await (const chunk of new RenderResultReadable(render(value))) out += chunk;
  return out;
}

/**
 * What the README says never to do: the token written into server-rendered markup. The browser test
 * shows the element consumes it when it hydrates (the served HTML still held it).
 */
const SERVER_TOKEN = 'token-written-by-the-server';
const tokenTemplate = () => html`<connect-attachment-upload token=${SERVER_TOKEN}></connect-attachment-upload>`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(await renderToString(process.argv.includes('--token') ? tokenTemplate() : template()));
}
