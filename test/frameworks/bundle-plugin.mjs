// A Web Test Runner plugin that serves each framework test (test/frameworks/*.test.ts[x]) as one
// esbuild bundle, the way an app's bundler would see it: React and ReactDOM are CommonJS, Vue's
// single-file components are compiled at build time, Angular's decorators need
// `experimentalDecorators`, and the element comes from the package's npm build
// (`connect-attachment-upload/define.js` resolves through package.json `exports` to dist/). The dev
// server's per-file transform can do none of that.
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { compileScript, parse } from 'vue/compiler-sfc';

/** The tags Vue must leave to the browser: what an app puts in its Vite config. */
export const isCustomElement = (/** @type {string} */ tag) => tag === 'connect-attachment-upload';

/**
 * Compiles `.vue` files as Vite's Vue plugin does: `<script setup>` with the template inlined as a
 * render function, compiled with `isCustomElement`. (Styles are not supported: the tests have none.)
 * @type {import('esbuild').Plugin}
 */
const vueFiles = {
  name: 'vue-sfc',
  setup(esbuild) {
    esbuild.onLoad({ filter: /\.vue$/ }, async ({ path }) => {
      // The template is parsed here already, and the parser decides what is a component.
      const { descriptor, errors } = parse(await readFile(path, 'utf8'), {
        filename: path,
        templateParseOptions: { isCustomElement },
      });
      if (errors.length > 0) throw errors[0];
      const script = compileScript(descriptor, {
        id: basename(path),
        inlineTemplate: true,
        templateOptions: { compilerOptions: { isCustomElement } },
      });
      return { contents: script.content, loader: descriptor.scriptSetup?.lang === 'ts' ? 'ts' : 'js' };
    });
  },
};

export const FRAMEWORK_TESTS = /^\/test\/frameworks\/[\w-]+\.test\.tsx?$/;

/** Per-framework esbuild options: what each framework's own build tooling would set. */
const OPTIONS = {
  react: { jsx: 'automatic' },
  vue: {
    plugins: [vueFiles],
    define: {
      __VUE_OPTIONS_API__: 'true',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    },
  },
  // Angular's decorators are TypeScript's legacy ones; the JIT compiler reads their metadata.
  angular: { tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } } },
};

/** @param {string} path a request path matching FRAMEWORK_TESTS */
export async function bundleFrameworkTest(path) {
  const framework = /\/([\w]+)[\w-]*\.test\.tsx?$/.exec(path)?.[1] ?? '';
  /** @type {import('esbuild').BuildOptions} */
  const { define, ...options } = OPTIONS[/** @type {keyof typeof OPTIONS} */ (framework)] ?? {};
  const result = await build({
    entryPoints: [resolve(`.${path}`)],
    bundle: true,
    write: false,
    format: 'esm',
    target: 'es2022',
    sourcemap: 'inline',
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"development"', ...define },
    ...options,
  });
  return result.outputFiles[0].text;
}

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
export function frameworkBundlePlugin() {
  return {
    name: 'framework-bundles',
    /** @param {{ path: string }} context */
    async serve(context) {
      if (!FRAMEWORK_TESTS.test(context.path)) return undefined;
      return { body: await bundleFrameworkTest(context.path), type: 'js' };
    },
  };
}

/**
 * The dev server's esbuild plugin would transform the served bundle a second time as TypeScript.
 * This wraps its `transform` so files this plugin bundled pass through untouched.
 * @template {{ transform?: (context: { path: string }) => unknown }} P
 * @param {P} plugin
 * @returns {P}
 */
export function skipFrameworkTests(plugin) {
  const transform = plugin.transform?.bind(plugin);
  if (transform) plugin.transform = (context) => (FRAMEWORK_TESTS.test(context.path) ? undefined : transform(context));
  return plugin;
}
