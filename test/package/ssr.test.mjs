// The built package on a server, after `npm run build`: imported in Node with no DOM, and rendered
// by @lit-labs/ssr into declarative shadow DOM (test/helpers/ssr.mjs). The browser half, hydrating
// that output into a working element, is test/cdn/ssr-hydrate.test.html.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

/** Runs an ES module in a fresh Node process (no DOM, nothing loaded before it) and returns what it printed. */
const node = (source) => execFileSync(process.execPath, ['--input-type=module', '-e', source], { encoding: 'utf8' });

test('the package root and define.js import in Node with no DOM, and only define.js registers the tag', () => {
  const printed = node(`
    const before = typeof document;
    const root = await import('connect-attachment-upload');
    const afterRoot = globalThis.customElements?.get('connect-attachment-upload');
    const define = await import('connect-attachment-upload/define.js');
    console.log(JSON.stringify({
      before,
      exports: typeof root.ConnectAttachmentUpload + ' ' + typeof root.AttachmentUploader,
      afterRoot: afterRoot === undefined,
      defined: customElements.get(define.TAG_NAME) === root.ConnectAttachmentUpload,
    }));
  `);
  assert.deepEqual(JSON.parse(printed), { before: 'undefined', exports: 'function function', afterRoot: true, defined: true });
});

test('@lit-labs/ssr renders the idle element into declarative shadow DOM', async () => {
  const { renderToString } = await import('../helpers/ssr.mjs');
  const out = await renderToString();
  const shadow =
    /<connect-attachment-upload\s+name="attachments" multiple><template shadowroot="open" shadowrootmode="open">([\s\S]*)<\/template><\/connect-attachment-upload>/.exec(
      out,
    )?.[1];
  assert.ok(shadow, `a declarative shadow root inside the element:\n${out.slice(0, 300)}`);
  assert.match(shadow, /^<style>[\s\S]*--connect-attachment-upload-accent[\s\S]*<\/style>/, 'the styles come first');
  assert.match(shadow, /<button\s+part="dropzone"\s+class="dropzone "\s+type="button"/, 'the drop zone, enabled');
  assert.match(shadow, /Drag files here, paste, or[\s\S]*Choose files/);
  assert.match(shadow, /<input\s+type="file"\s+hidden[\s\S]*accept="\.csv,[^"]*"\s+multiple/);
  assert.match(shadow, /role="status" aria-live="polite" aria-atomic="true"><!--lit-part--><!--\/lit-part--><\/div>/, 'nothing announced');
  // Idle: no list, no summary, no rejection, no Upload button.
  assert.doesNotMatch(shadow, /<ul|part="(summary|rejection|start|item)"/);
});

test("the CDN files carry no hydration support (it is the page's to load, with the npm build)", () => {
  for (const file of ['dist/connect-attachment-upload.min.js', 'dist/connect-attachment-upload.iife.js']) {
    const text = readFileSync(file, 'utf8');
    // lit-element-hydrate-support's own attribute: only that module handles it.
    assert.ok(!text.includes('defer-hydration'), `${file} has no hydration support`);
  }
});
