// The CSS and html-template minifiers of the CDN build (scripts/minify-css.mjs): what they must
// leave alone. test/cdn/styles.test.html checks in real browsers that the element's CSS keeps its
// meaning; the browser suite runs the element's templates.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAst } from 'rollup/parseAst';
import { minifyCss, minifyCssTemplates, minifyHtmlTemplates } from '../../scripts/minify-css.mjs';

test('drops comments and collapses whitespace, keeping descendant and child combinators', () => {
  assert.equal(minifyCss('\n  /* why */\n  .a  .b > .c ,\n  li {\n    color : red ;\n  }\n'), '.a .b > .c,li{color :red}');
});

test('keeps quoted strings exactly', () => {
  assert.equal(minifyCss(`[data-state='a  b'] { content: "x   ;  y" ; }`), `[data-state='a  b']{content:"x   ;  y"}`);
});

test('reads comments and strings in one pass: an apostrophe in a comment starts no string, a /* in a string no comment', () => {
  assert.equal(minifyCss("/* the page's words, the composer's own */ .a { color: red; }"), '.a{color:red}');
  assert.equal(
    minifyCss(`.a::before { content: '/* kept */'; } /* it's gone */ .b { top: 0; }`),
    `.a::before{content:'/* kept */'}.b{top:0}`,
  );
});

test('leaves templates with interpolations alone, and keeps the line count of the file', () => {
  const interpolated = 'const a = css`\n  .x { color: ${c}; }\n`;';
  assert.equal(minifyCssTemplates(interpolated), interpolated);
  const source = 'export const styles = css`\n  :host {\n    display: block;\n  }\n`;\nexport const next = 1;\n';
  const minified = minifyCssTemplates(source);
  assert.equal(minified.split('\n').length, source.split('\n').length);
  assert.match(minified, /^export const styles = css`:host\{display:block\}`\n+;\nexport const next = 1;\n$/);
});

test('collapses line breaks and indentation in html templates to one space, nested ones included', () => {
  const source = [
    'const view = html`',
    '  <p',
    '    class="a"',
    '  >${x ? html`<b>',
    '      ${y}',
    '    </b>` : nothing}</p>',
    '`;',
    'const other = `keep\n   this`;',
    'const text = "and\\n  this";',
    '',
  ].join('\n');
  const minified = minifyHtmlTemplates(source, parseAst);
  assert.equal(minified.split('\n').length, source.split('\n').length, 'the line count is kept');
  const evaluate = (code) => new Function('html', 'nothing', 'x', 'y', `${code}; return [view, other, text];`);
  const html = (strings, ...values) => strings.reduce((out, part, i) => out + values[i - 1] + part);
  const [view, other, text] = evaluate(minified)(html, '', true, 'Y');
  assert.equal(view, ' <p class="a" ><b> Y </b></p> ');
  assert.equal(other, 'keep\n   this');
  assert.equal(text, 'and\n  this');
});

test('leaves html templates with <pre>, <textarea> or a line continuation alone', () => {
  for (const template of ['html`<pre>\n  a\n</pre>`', 'html`<textarea>\n  a</textarea>`', 'html`a\\\n  b`']) {
    const source = `const view = ${template};\n`;
    assert.equal(minifyHtmlTemplates(source, parseAst), source);
  }
});
