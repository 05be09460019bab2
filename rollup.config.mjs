// Three builds:
// - the npm library: ES modules, lit and zod left to the app's bundler (types come from tsc, the
//   manifest from the analyzer: see the `build` script);
// - dist/connect-attachment-upload.min.js: one self-contained, minified ES module for CDNs;
// - dist/connect-attachment-upload.iife.js: the same for a classic `<script src>`.
// Both CDN files register the element (src/define.ts, which skips a tag another copy defined).
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { minifyCssPlugin, minifyHtmlPlugin } from './scripts/minify-css.mjs';

// TypeScript to ES2022: class fields and #private stay native. src/ has no decorators (the element
// declares `static properties`), so no decorator helpers are emitted.
const typescript = () => esbuild({ target: 'es2022', tsconfig: 'tsconfig.json', sourceMap: true });

/** @param {import('rollup').RollupLog} warning @param {(w: import('rollup').RollupLog) => void} warn */
function onwarn(warning, warn) {
  // zod 4 mentions @__PURE__ in comments and has a harmless core.js <-> util.js cycle.
  if (warning.code === 'INVALID_ANNOTATION' || warning.code === 'CIRCULAR_DEPENDENCY') return;
  warn(warning);
}

/** @param {boolean} module */
const minify = (module) =>
  terser({
    ecma: 2022,
    module,
    // Measured: a second pass saves 50 B gzip and ASCII-only output (escapes in strings, the same
    // values) another 9 B; a third pass under 10 B. The `unsafe*` options and esbuild's minifier
    // are left out: they save little and can change behaviour. Bytes are saved in src instead (see
    // `npm run size`).
    compress: { passes: 2 },
    format: { comments: false, ascii_only: true },
  });

/** @type {import('rollup').RollupOptions[]} */
export default [
  {
    input: ['src/index.ts', 'src/define.ts'],
    external: (id) => /^(lit|@lit|zod)(\/|$)/.test(id),
    plugins: [typescript()],
    output: { dir: 'dist', format: 'es', preserveModules: true, preserveModulesRoot: 'src', sourcemap: true },
    onwarn,
  },
  {
    input: 'src/define.ts',
    // Lit's production build (the default `development` condition adds warnings and ~40 % bytes),
    // and the element's CSS and html templates without comments and indentation
    // (test/cdn-styles.test.html checks the browser reads the same rules).
    plugins: [
      nodeResolve({ browser: true, exportConditions: ['production'] }),
      minifyCssPlugin(),
      typescript(),
      minifyHtmlPlugin(),
      {
        // No `import.meta.url` in a classic script: rollup's stand-in would name the page's script.
        name: 'no-module-url-in-iife',
        resolveImportMeta: (property, { format }) => (format === 'iife' && property === 'url' ? 'undefined' : null),
      },
    ],
    output: [
      {
        // What only some pages need is loaded by import() the first time it is needed, each a file
        // of its own beside the module that imports nothing from it: the image fitting of
        // `fit-images` (src/pipeline/fit-image.ts, which so also runs as the fitting worker) and
        // the words of `show-hint` (src/element/hint.ts).
        dir: 'dist',
        entryFileNames: 'connect-attachment-upload.min.js',
        chunkFileNames: 'connect-attachment-upload-[name].min.js',
        format: 'es',
        sourcemap: true,
        plugins: [minify(true)],
      },
      {
        file: 'dist/connect-attachment-upload.iife.js',
        format: 'iife',
        // A classic script cannot import(): the fitting and hint code are inside (the fitting then
        // runs on the page's thread; fit-image.ts finds no module URL for a worker).
        inlineDynamicImports: true,
        // The exports (event classes, defaults, TAG_NAME) as one global; the element itself is
        // reached as a tag, so pages rarely need it.
        name: 'connectAttachmentUpload',
        sourcemap: true,
        plugins: [minify(false)],
      },
    ],
    onwarn,
  },
];
