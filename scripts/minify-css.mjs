// Minifies the CSS in Lit `css` tagged templates for the CDN files (about 150 B gzip): comments go,
// whitespace collapses, spaces around `{ } ; ,` and after `:` go, and so does the last `;` of a block. Deliberately small: quoted strings are
// kept as they are, and a template with `${…}` inside is left alone. The line count is kept (the
// removed line breaks are appended), so source maps stay right for the rest of the file.

/** @param {string} css */
export function minifyCss(css) {
  return (
    css
      // Comments go first, found in one left-to-right pass with the quoted strings, as CSS reads
      // them: an apostrophe in a comment ("the page's words") starts no string, and a `/*` in a
      // string starts no comment.
      .replace(/\/\*[\s\S]*?\*\/|('[^'\n]*'|"[^"\n]*")/g, (_, string = '') => string)
      .split(/('[^'\n]*'|"[^"\n]*")/)
      .map((part, index) => {
        if (index % 2 === 1) return part; // a quoted string
        return (
          part
            .replace(/\s+/g, ' ')
            .replace(/ ?([{};,]) ?/g, '$1')
            // A space after a colon only ever follows a property or a media feature name.
            .replace(/: /g, ':')
            .replace(/;}/g, '}')
        );
      })
      .join('')
      .trim()
  );
}

/** @param {string} code TypeScript or JavaScript source */
export function minifyCssTemplates(code) {
  return code.replace(/\bcss`([^`]*)`/g, (template, css) => {
    if (css.includes('${')) return template;
    const lineBreaks = css.split('\n').length - 1;
    return `css\`${minifyCss(css)}\`${'\n'.repeat(lineBreaks)}`;
  });
}

/** The Rollup plugin: applies to the project's own modules only. */
export function minifyCssPlugin() {
  return {
    name: 'minify-css-templates',
    /** @param {string} code @param {string} id */
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id) || !code.includes('css`')) return null;
      const minified = minifyCssTemplates(code);
      return minified === code ? null : { code: minified, map: null };
    },
  };
}

// The same build also shortens the whitespace of Lit `html` templates (about 50 B gzip): every run
// of whitespace with a line break in it becomes one space, which HTML renders the same (only <pre>,
// <textarea> and `white-space: pre` keep line breaks, and templates using <pre> or <textarea> are
// left alone). Line breaks are never needed inside our attribute values: write `\n` when one is.
// The removed line breaks are moved into the next `${` or after the template, so every expression
// stays on its line and source maps stay right.

/** @param {any} node @returns {Generator<any>} the quasi of every html`…` in the tree */
function* htmlTemplates(node) {
  if (node?.type === 'TaggedTemplateExpression' && node.tag.type === 'Identifier' && node.tag.name === 'html') {
    yield node.quasi;
  }
  for (const value of Object.values(node)) {
    for (const child of Array.isArray(value) ? value : [value]) {
      if (typeof child?.type === 'string') yield* htmlTemplates(child);
    }
  }
}

/**
 * @param {string} code JavaScript source
 * @param {(code: string) => any} parse an ESTree parser giving `start`/`end` offsets (Rollup's `parseAst`)
 */
export function minifyHtmlTemplates(code, parse) {
  /** @type {{ start: number, end: number, text: string }[]} */
  const edits = [];
  for (const quasi of htmlTemplates(parse(code))) {
    const raw = quasi.quasis.map((element) => code.slice(element.start, element.end));
    // Preformatted text, or a line continuation (`\` before a line break): left as written.
    if (raw.some((text) => /<(pre|textarea)\b|\\\r?\n/i.test(text))) continue;
    quasi.quasis.forEach((element, index) => {
      const text = raw[index];
      const collapsed = text.replace(/\s*\n\s*/g, ' ');
      if (collapsed === text) return;
      edits.push({ start: element.start, end: element.end, text: collapsed });
      // After the `${` that follows, or after the closing backtick.
      const after = element.end + (index < quasi.quasis.length - 1 ? 2 : 1);
      const lineBreaks = text.split('\n').length - collapsed.split('\n').length;
      edits.push({ start: after, end: after, text: '\n'.repeat(lineBreaks) });
    });
  }
  edits.sort((a, b) => b.start - a.start || b.end - a.end);
  let result = code;
  for (const edit of edits) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  return result;
}

/** The Rollup plugin for html templates: after TypeScript, on the project's own modules only. */
export function minifyHtmlPlugin() {
  return {
    name: 'minify-html-templates',
    /** @this {import('rollup').TransformPluginContext} @param {string} code @param {string} id */
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id) || !code.includes('html`')) return null;
      const minified = minifyHtmlTemplates(code, (source) => this.parse(source));
      return minified === code ? null : { code: minified, map: null };
    },
  };
}
