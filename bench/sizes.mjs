// @ts-check
// The Size row: gzip (level 9) and brotli (quality 11) of each CDN file, and of lit alone built the
// way the CDN file builds it (rollup, production exports, the same terser settings), in memory.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * @typedef {object} SizeEntry
 * @property {string} name
 * @property {string} what
 * @property {number | null} raw bytes; null when the file is not built
 * @property {number | null} gzip
 * @property {number | null} brotli
 */

/**
 * @param {Buffer} buf
 * @returns {{ raw: number, gzip: number, brotli: number }}
 */
export function compressedSizes(buf) {
  return {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, {
      params: {
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
      },
    }).length,
  };
}

/**
 * Bundles `source` (an ES module importing from node_modules) like the CDN build does.
 * @param {string} source
 * @returns {Promise<Buffer>}
 */
async function bundle(source) {
  const [{ rollup }, { nodeResolve }, terserModule] = await Promise.all([
    import('rollup'),
    import('@rollup/plugin-node-resolve'),
    import('@rollup/plugin-terser'),
  ]);
  // The plugin is CommonJS with an ES wrapper; its types describe the wrapper's namespace.
  const terser = /** @type {(options: object) => import('rollup').OutputPlugin} */ (/** @type {unknown} */ (terserModule.default));
  const entry = '\0bench-size-entry';
  const build = await rollup({
    input: entry,
    plugins: [
      { name: 'entry', resolveId: (id) => (id === entry ? id : null), load: (id) => (id === entry ? source : null) },
      nodeResolve({ browser: true, exportConditions: ['production'] }),
    ],
    onwarn: () => {},
  });
  try {
    const { output } = await build.generate({
      format: 'es',
      plugins: [terser({ ecma: 2022, module: true, compress: { passes: 2 }, format: { comments: false } })],
    });
    return Buffer.from(/** @type {import('rollup').OutputChunk} */ (output[0]).code);
  } finally {
    await build.close();
  }
}

/**
 * @param {string} distDir
 * @returns {Promise<SizeEntry[]>}
 */
export async function measureSizes(distDir) {
  /** @type {SizeEntry[]} */
  const out = [];
  /** @type {[string, string][]} */
  const files = [
    ['connect-attachment-upload.min.js', 'CDN file, ES module'],
    ['connect-attachment-upload.iife.js', 'CDN file, classic script'],
  ];
  for (const [name, what] of files) {
    const path = join(distDir, name);
    out.push(
      existsSync(path) ? { name, what, ...compressedSizes(readFileSync(path)) } : { name, what, raw: null, gzip: null, brotli: null },
    );
  }
  out.push({
    name: 'lit',
    what: "lit alone: export * from 'lit', minified the same way",
    ...compressedSizes(await bundle("export * from 'lit';")),
  });
  return out;
}
