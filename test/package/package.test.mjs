// What `npm publish` would ship, after `npm run build`: every `exports` target and type file exists,
// the library leaves lit and zod to the app and registers nothing except from define.js, the two CDN
// files are self-contained, and everything has a source map.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const CDN = ['dist/connect-attachment-upload.min.js', 'dist/connect-attachment-upload.iife.js'];
/**
 * The ES module's lazy parts, each imported the first time it is needed: `fit-images`'s image
 * fitting, the words of `show-hint`, the removal of photos' metadata, what `send()` runs
 * (`complete-on-send`), the lookup of a language other than English, and the reading of a dropped
 * folder.
 */
const CDN_CHUNKS = [
  'dist/connect-attachment-upload-fit-image.min.js',
  'dist/connect-attachment-upload-hint.min.js',
  'dist/connect-attachment-upload-strip-metadata.min.js',
  'dist/connect-attachment-upload-send.min.js',
  'dist/connect-attachment-upload-locales.min.js',
  'dist/connect-attachment-upload-read-folder.min.js',
  'dist/connect-attachment-upload-rejections.min.js',
  'dist/connect-attachment-upload-file-item.min.js',
];
/** Each language: a module the lookup imports, and a classic script that registers itself. */
const LANGUAGES = readdirSync('src/element/locales').map((file) => file.replace(/\.ts$/, ''));
const LANGUAGE_FILES = LANGUAGES.flatMap((language) => [
  `dist/connect-attachment-upload-${language}.min.js`,
  `dist/connect-attachment-upload-${language}.js`,
]);
const libraryFiles = (dir = 'dist') =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return libraryFiles(path);
    return path.endsWith('.js') && !CDN.includes(path) && !CDN_CHUNKS.includes(path) && !LANGUAGE_FILES.includes(path) ? [path] : [];
  });

test('every exports target, types entry and CDN field points at a built file', () => {
  const targets = Object.values(pkg.exports).flatMap((target) => (typeof target === 'string' ? [target] : Object.values(target)));
  for (const target of [...targets, pkg.main, pkg.module, pkg.types, pkg.unpkg, pkg.jsdelivr]) {
    assert.ok(existsSync(target), `${target} exists`);
  }
  assert.ok(pkg.exports['.'].types && pkg.exports['./define.js'].types, 'both entry points carry types');
  assert.equal(pkg.unpkg, './dist/connect-attachment-upload.min.js');
  assert.equal(pkg.jsdelivr, './dist/connect-attachment-upload.min.js');
});

test('lit and zod are the only dependencies, and the library imports them instead of inlining them', () => {
  assert.deepEqual(Object.keys(pkg.dependencies).sort(), ['lit', 'zod']);
  const imports = new Set();
  for (const file of libraryFiles()) {
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/\bfrom\s*['"]([^'"]+)['"]/g)) {
      if (!specifier.startsWith('.')) imports.add(specifier.split('/')[0]);
    }
  }
  assert.deepEqual([...imports].sort(), ['lit', 'zod']);
  assert.ok(!existsSync('dist/node_modules'), 'no package was copied into dist/');
});

test('only define.js (and the CDN files) register the tag, as `sideEffects` declares', () => {
  const registering = libraryFiles().filter((file) => readFileSync(file, 'utf8').includes('customElements.define('));
  assert.deepEqual(registering, ['dist/define.js']);
  assert.deepEqual(pkg.sideEffects.sort(), ['./dist/define.js', ...CDN.map((file) => `./${file}`)].sort());
});

const STATIC_IMPORT = /\bimport\s*[{*\w][^;]*?from\s*["']/;
const DYNAMIC_IMPORTS = /\bimport\s*\(\s*["']([^"']*)["']/g;

test('the CDN files are self-contained and register the element with a guard', () => {
  for (const file of CDN) {
    const source = readFileSync(file, 'utf8');
    assert.doesNotMatch(source, STATIC_IMPORT, `${file} imports nothing`);
    // The ES module may load its lazy parts from beside it, and nothing else; the IIFE has them inside.
    const lazy = [...source.matchAll(DYNAMIC_IMPORTS)].map((match) => match[1]).sort();
    const expected = file === CDN[0] ? CDN_CHUNKS.map((chunk) => `./${chunk.slice('dist/'.length)}`).sort() : [];
    assert.deepEqual(lazy, expected, `${file} imports nothing else`);
    assert.match(
      source,
      /customElements\.get\([^)]*\)\s*\|\|\s*customElements\.define\("connect-attachment-upload"/,
      `${file} defines the tag once`,
    );
  }
  assert.match(readFileSync(CDN[1], 'utf8'), /^var connectAttachmentUpload=function/, 'the IIFE exposes one global');
  // The lazy parts import nothing (the image fitting runs as a module worker too, and an import of
  // the module from a part could load it a second time) and register nothing; the lookup of a
  // language imports only that language's words, from beside it.
  for (const file of [...CDN_CHUNKS, ...LANGUAGE_FILES]) {
    const chunk = readFileSync(file, 'utf8');
    assert.doesNotMatch(chunk, STATIC_IMPORT, `${file} imports nothing`);
    const lazy = [...chunk.matchAll(DYNAMIC_IMPORTS)].map((match) => match[1]).sort();
    const languages = LANGUAGES.map((language) => `./connect-attachment-upload-${language}.min.js`).sort();
    assert.deepEqual(lazy, file.endsWith('-locales.min.js') ? languages : [], `${file} imports nothing else`);
    assert.doesNotMatch(chunk, /customElements/, `${file} registers nothing`);
  }
  // A classic script per language puts its words where the classic script looks for them.
  for (const language of LANGUAGES) {
    assert.match(readFileSync(`dist/connect-attachment-upload-${language}.js`, 'utf8'), /self\.connectAttachmentUploadLocales/, language);
  }
  assert.doesNotMatch(readFileSync(CDN[1], 'utf8'), /Choisir des fichiers/, 'the IIFE carries no language but English');
  assert.match(readFileSync(CDN[1], 'utf8'), /convertToBlob/, 'the IIFE has the image fitting inside');
  assert.match(readFileSync(CDN[1], 'utf8'), /ListFormat/, 'the IIFE has the hint inside');
  assert.match(readFileSync(CDN[1], 'utf8'), /ICC_PROFILE/, 'the IIFE has the metadata removal inside');
});

test('every built .js file has its source map', () => {
  for (const file of [...libraryFiles(), ...CDN, ...CDN_CHUNKS, ...LANGUAGE_FILES]) {
    assert.ok(existsSync(`${file}.map`), `${file}.map exists`);
    assert.match(readFileSync(file, 'utf8'), /\/\/# sourceMappingURL=\S+\.js\.map\s*$/, `${file} links its map`);
  }
});

test('npm pack ships the library, the types, both CDN files and the manifest, and no sources or tests', () => {
  const [{ files }] = JSON.parse(
    execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
  );
  const paths = files.map((file) => file.path);
  for (const expected of [
    'dist/index.js',
    'dist/index.d.ts',
    'dist/define.js',
    'dist/define.d.ts',
    ...CDN,
    ...CDN_CHUNKS,
    ...LANGUAGE_FILES,
    'dist/element/locales/de.js',
    'custom-elements.json',
    'package.json',
    'README.md',
  ]) {
    assert.ok(paths.includes(expected), `the package contains ${expected}`);
  }
  assert.deepEqual(
    paths.filter((path) => /^(src|test|packages|demo|scripts)\//.test(path)),
    [],
  );
  assert.ok(paths.includes('LICENSE'), 'the package carries its licence');
});

test('the Connect stand-in is a workspace package of its own: the element neither ships it nor depends on it', () => {
  const standIn = JSON.parse(readFileSync('packages/connect-chat-stand-in/package.json', 'utf8'));
  assert.deepEqual(pkg.workspaces, ['packages/*']);
  const rootDependencies = { ...pkg.dependencies, ...pkg.devDependencies, ...pkg.optionalDependencies, ...pkg.peerDependencies };
  assert.ok(!(standIn.name in rootDependencies), 'the stand-in is linked as a workspace, not declared');
  // @aws-sdk/client-s3 is the one exception: test-node imports it directly, so the root declares it too.
  const own = Object.keys(standIn.dependencies).filter((name) => name !== '@aws-sdk/client-s3');
  assert.deepEqual(
    own.filter((name) => name in rootDependencies),
    [],
    "the stand-in's own dependencies are not the root's",
  );
  assert.ok(!Object.keys(pkg.dependencies).some((name) => name in standIn.dependencies), 'none of them is a dependency of the element');
});

test('package.json says where the project lives: repository, bugs and homepage name one GitHub repository', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  const home = /^git\+(https:\/\/github\.com\/[\w.-]+\/[\w.-]+)\.git$/.exec(pkg.repository?.url ?? '')?.[1];
  assert.ok(home && pkg.repository.type === 'git', `repository is a git URL on GitHub: ${JSON.stringify(pkg.repository)}`);
  assert.equal(pkg.bugs?.url, `${home}/issues`);
  assert.equal(pkg.homepage, `${home}#readme`);
});
