// Minifies the CSS in Lit `css` tagged templates for the CDN files (about 150 B gzip): comments go,
// whitespace collapses, spaces around `{ } ; ,` and after `:` go, and so does the last `;` of a block. Deliberately small: quoted strings are
// kept as they are, and a template with `${…}` inside is left alone. The line count is kept (the
// removed line breaks are appended), so source maps stay right for the rest of the file.

/** @param {string} css */
export function minifyCss(css) {
  return css
    .split(/('[^'\n]*'|"[^"\n]*")/)
    .map((part, index) => {
      if (index % 2 === 1) return part; // a quoted string
      return part
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\s+/g, ' ')
        .replace(/ ?([{};,]) ?/g, '$1')
        // A space after a colon only ever follows a property or a media feature name.
        .replace(/: /g, ':')
        .replace(/;}/g, '}');
    })
    .join('')
    .trim();
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
