// The CSS minifier of the CDN build (scripts/minify-css.mjs): what it must leave alone.
// test/cdn-styles.test.html checks in real browsers that the element's CSS keeps its meaning.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { minifyCss, minifyCssTemplates } from '../../scripts/minify-css.mjs';

test('drops comments and collapses whitespace, keeping descendant and child combinators', () => {
  assert.equal(minifyCss('\n  /* why */\n  .a  .b > .c ,\n  li {\n    color : red ;\n  }\n'), '.a .b > .c,li{color :red}');
});

test('keeps quoted strings exactly', () => {
  assert.equal(minifyCss(`[data-state='a  b'] { content: "x   ;  y" ; }`), `[data-state='a  b']{content:"x   ;  y"}`);
});

test('leaves templates with interpolations alone, and keeps the line count of the file', () => {
  const interpolated = 'const a = css`\n  .x { color: ${c}; }\n`;';
  assert.equal(minifyCssTemplates(interpolated), interpolated);
  const source = 'export const styles = css`\n  :host {\n    display: block;\n  }\n`;\nexport const next = 1;\n';
  const minified = minifyCssTemplates(source);
  assert.equal(minified.split('\n').length, source.split('\n').length);
  assert.match(minified, /^export const styles = css`:host\{display:block\}`\n+;\nexport const next = 1;\n$/);
});
