// Two builds: the npm library (ES modules, lit and zod left to the app's bundler, types by tsc) and
// the CDN file (one self-contained, minified ES module that registers the element).
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';

// Standard decorators must be lowered: browsers do not run them natively yet.
const typescript = () => esbuild({ target: 'es2022', tsconfig: 'tsconfig.json', sourceMap: true });

/** @param {import('rollup').RollupLog} warning @param {(w: import('rollup').RollupLog) => void} warn */
function onwarn(warning, warn) {
  // zod 4 mentions @__PURE__ in comments and has a harmless core.js <-> util.js cycle.
  if (warning.code === 'INVALID_ANNOTATION' || warning.code === 'CIRCULAR_DEPENDENCY') return;
  warn(warning);
}

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
    plugins: [nodeResolve({ browser: true, exportConditions: ['production'] }), typescript()],
    output: {
      file: 'dist/connect-attachment-upload.min.js',
      format: 'es',
      sourcemap: true,
      plugins: [terser({ ecma: 2022, module: true, compress: { passes: 2 }, format: { comments: false } })],
    },
    onwarn,
  },
];
