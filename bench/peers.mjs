// @ts-check
// The size of other upload widgets, for the README's size table: each bundled into one ES module by
// esbuild (production exports; Uppy has CommonJS dependencies, which the project's rollup has no
// plugin for), then minified with our CDN file's terser settings. JavaScript only, no CSS. The versions are
// pinned here; they are installed into a temporary folder (from npm's cache when it has them), not
// into the project. Writes bench/peers.json, which the README's size table quotes and
// test/package/readme-figures.test.mjs compares with it.
//   node bench/peers.mjs
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { minify } from 'terser';
import { brotli, gzip } from '../scripts/size.mjs';

/** Each peer: what is installed, and the module that registers or exports its widget. */
export const PEERS = [
  { name: 'vaadin-upload', packages: { '@vaadin/upload': '25.3.0' }, source: "import '@vaadin/upload';" },
  { name: 'FilePond', packages: { filepond: '4.32.12' }, source: "export * from 'filepond';" },
  {
    name: "Uppy's Dashboard",
    packages: { '@uppy/core': '6.3.1', '@uppy/dashboard': '6.0.3' },
    source: "export { default as Uppy } from '@uppy/core'; export { default as Dashboard } from '@uppy/dashboard';",
  },
];

/**
 * One peer as one minified ES module.
 * @param {string} source
 * @param {string} resolveDir where its imports are installed
 */
async function bundle(source, resolveDir) {
  const { outputFiles } = await build({
    stdin: { contents: source, resolveDir, loader: 'js' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['production'],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  });
  const [{ text }] = outputFiles;
  // rollup.config.mjs's terser options for the CDN module.
  const { code } = await minify(text, { ecma: 2022, module: true, compress: { passes: 2 }, format: { comments: false, ascii_only: true } });
  return Buffer.from(code ?? '');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = mkdtempSync(join(tmpdir(), 'cau-peers-'));
  try {
    const dependencies = Object.assign({}, ...PEERS.map((peer) => peer.packages));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'peers', private: true, dependencies }));
    execFileSync(
      'npm',
      ['install', '--prefer-offline', '--no-audit', '--no-fund', '--no-package-lock', '--ignore-scripts', '--loglevel=error'],
      { cwd: dir, stdio: 'inherit' },
    );
    const peers = [];
    for (const peer of PEERS) {
      const code = await bundle(peer.source, dir);
      // Compressed as scripts/size.mjs compresses our files.
      const sizes = { raw: code.length, gzip: gzip(code), brotli: brotli(code) };
      peers.push({ name: peer.name, packages: peer.packages, ...sizes });
      console.log(
        `${peer.name.padEnd(20)} ${String(sizes.raw).padStart(7)} B  gzip ${sizes.gzip} B (${(sizes.gzip / 1024).toFixed(1)} KiB)`,
      );
    }
    writeFileSync(
      new URL('peers.json', import.meta.url),
      `${JSON.stringify({ when: new Date().toISOString().slice(0, 10), peers }, null, 2)}\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
