// The package's framework typings, checked by each framework's own checker as an app would run it:
// the package is packed (`npm pack`), installed with the pinned checkers into a scratch app, and
// vue-tsc (with and without strictTemplates), svelte-check and tsc (React 19) check the apps beside
// this file. In each, the Passes files must give no error or warning, and each line a Fails file
// marks with `expect <code>: <words>` must give that error (so a checker that did not run, or ran
// without the typings, fails here rather than "failing as expected"), and nothing else may fail.
// The README's Vue, Svelte and React snippets are copied into the apps and must pass too.
//
// Versions: the checkers and frameworks are the root package.json's devDependencies, installed
// offline from npm's cache when it has them. Run after `npm run build` (scripts/test.mjs does).
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';

const ROOT = new URL('../../../', import.meta.url).pathname;
const HERE = new URL('.', import.meta.url).pathname;
const rootPackage = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const pinned = (name) => {
  const version = rootPackage.devDependencies[name];
  assert.ok(version, `package.json pins ${name} in devDependencies`);
  return version;
};
/** What the scratch app installs beside the packed package: the checkers and what they check against. */
const APP_DEPENDENCIES = ['typescript', 'vue', 'vue-tsc', 'svelte', 'svelte-check', '@types/react'];

/** The README's code blocks of one language (```vue, ```svelte, ```tsx). */
export function readmeBlocks(readme, language) {
  return [...readme.matchAll(new RegExp('^```' + language + '\\n([\\s\\S]*?)^```$', 'gm'))].map((match) => match[1]);
}

/** The lines a file marks with `expect <code>: <words>`: the line after each must have that error. */
export function expectations(source) {
  const marked = [];
  source.split('\n').forEach((line, index) => {
    const match = /\bexpect (TS\d+|[\w-]+): (.+?)\s*(?:-->|\*\/\}?)?\s*$/.exec(line);
    if (match) marked.push({ line: index + 2, code: match[1], words: match[2] });
  });
  return marked;
}

/** `file(line,col): error TS1234: message` and its indented continuation lines (tsc, vue-tsc with --pretty false). */
export function parseTsc(output) {
  const diagnostics = [];
  for (const line of output.split('\n')) {
    const match = /^(.+?)\((\d+),\d+\): (error|warning) (TS\d+): (.*)$/.exec(line);
    if (match) diagnostics.push({ file: match[1], line: Number(match[2]), code: match[4], message: match[5] });
    else if (/^\s/.test(line) && diagnostics.length) diagnostics.at(-1).message += `\n${line.trim()}`;
  }
  return diagnostics;
}

/** svelte-check's `--output machine-verbose` lines (0-based lines, numeric TS codes). */
export function parseSvelteCheck(output) {
  return output
    .split('\n')
    .map((line) => /^\d+ (\{.*\})$/.exec(line)?.[1])
    .filter(Boolean)
    .map((json) => JSON.parse(json))
    .map((d) => ({
      file: d.filename,
      line: d.start.line + 1,
      code: typeof d.code === 'number' ? `TS${d.code}` : String(d.code),
      message: d.message,
      severity: d.type,
    }));
}

const run = promisify(execFile);
/** Runs a checker; a checker that finds errors exits non-zero, so the output is what counts. */
async function check(command, args, cwd) {
  const started = Date.now();
  try {
    const { stdout, stderr } = await run(command, args, { cwd, maxBuffer: 16 * 1024 * 1024 });
    return { status: 0, output: stdout + stderr, seconds: (Date.now() - started) / 1000 };
  } catch (error) {
    return { status: error.code, output: `${error.stdout ?? ''}${error.stderr ?? ''}`, seconds: (Date.now() - started) / 1000 };
  }
}

let app;
/** @type {Record<string, { status: number, output: string, seconds: number, diagnostics: any[], dir: string }>} */
const results = {};

before(async () => {
  app = mkdtempSync(join(tmpdir(), 'cau-checkers-'));
  const started = Date.now();
  const [{ filename }] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', app], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }),
  );
  const dependencies = Object.fromEntries(APP_DEPENDENCIES.map((name) => [name, pinned(name)]));
  dependencies['connect-attachment-upload'] = `file:./${filename}`;
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'scratch-app', private: true, type: 'module', dependencies }, null, 2));
  execFileSync(
    'npm',
    ['install', '--prefer-offline', '--no-audit', '--no-fund', '--no-package-lock', '--ignore-scripts', '--loglevel=error'],
    {
      cwd: app,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const installed = (Date.now() - started) / 1000;

  for (const framework of ['vue', 'svelte', 'react']) cpSync(join(HERE, framework), join(app, framework), { recursive: true });
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  for (const [language, dir, extension] of [
    ['vue', 'vue', 'vue'],
    ['svelte', 'svelte', 'svelte'],
    ['tsx', 'react', 'tsx'],
  ]) {
    const blocks = readmeBlocks(readme, language);
    assert.ok(blocks.length > 0, `the README has a \`\`\`${language} snippet`);
    blocks.forEach((block, index) => writeFileSync(join(app, dir, `Readme${index + 1}.${extension}`), block));
  }

  const bin = (name) => join(app, 'node_modules', '.bin', name);
  const checks = {
    'vue-tsc': [bin('vue-tsc'), ['-p', 'tsconfig.json', '--pretty', 'false'], 'vue', parseTsc],
    'vue-tsc with strictTemplates': [bin('vue-tsc'), ['-p', 'tsconfig.strict.json', '--pretty', 'false'], 'vue', parseTsc],
    'svelte-check': [bin('svelte-check'), ['--tsconfig', './tsconfig.json', '--output', 'machine-verbose'], 'svelte', parseSvelteCheck],
    'tsc (React)': [bin('tsc'), ['-p', 'tsconfig.json', '--pretty', 'false'], 'react', parseTsc],
  };
  await Promise.all(
    Object.entries(checks).map(async ([name, [command, args, dir, parse]]) => {
      const result = await check(command, args, join(app, dir));
      results[name] = { ...result, diagnostics: parse(result.output), dir: join(app, dir) };
    }),
  );
  const times = Object.entries(results)
    .map(([name, r]) => `${name} ${r.seconds.toFixed(1)} s`)
    .join(', ');
  console.log(`# pack and install ${installed.toFixed(1)} s; ${times}`);
});

after(() => {
  if (app) rmSync(app, { recursive: true, force: true });
});

for (const checker of ['vue-tsc', 'vue-tsc with strictTemplates', 'svelte-check', 'tsc (React)']) {
  describe(checker, () => {
    const files = (prefix) => readdirSync(results[checker].dir).filter((file) => file.startsWith(prefix) && !file.endsWith('.json'));
    const describeAll = (diagnostics) => diagnostics.map((d) => `${d.file}:${d.line} ${d.code} ${d.message}`).join('\n');

    test('reports each marked mistake with its error, and nothing else', () => {
      const { diagnostics, output } = results[checker];
      const failing = files('Fails');
      assert.ok(failing.length > 0, 'the app has a Fails file');
      for (const file of failing) {
        const expected = expectations(readFileSync(join(results[checker].dir, file), 'utf8'));
        assert.ok(expected.length > 0, `${file} marks its mistakes`);
        const found = diagnostics.filter((d) => d.file.endsWith(file));
        for (const { line, code, words } of expected) {
          assert.ok(
            found.some((d) => d.line === line && d.code === code && d.message.includes(words)),
            `${file}:${line} should fail with ${code} "${words}"; the checker said:\n${describeAll(found) || output.slice(0, 2000)}`,
          );
        }
        const unexpected = found.filter((d) => !expected.some((e) => e.line === d.line));
        assert.deepEqual(describeAll(unexpected), '', `${file}: errors on lines not marked`);
      }
    });

    test('passes the correct usage and the README snippets', () => {
      const { diagnostics, output } = results[checker];
      // Proof that the checker ran over the app with the typings: the Fails file's errors were found.
      assert.ok(
        diagnostics.some((d) => d.file.includes('Fails')),
        `the checker reported the Fails file's errors:\n${output.slice(0, 2000)}`,
      );
      const passing = [...files('Passes'), ...files('Readme')];
      assert.ok(
        passing.some((file) => file.startsWith('Readme')),
        'a README snippet is checked',
      );
      const found = diagnostics.filter((d) => passing.some((file) => d.file.endsWith(file)));
      assert.deepEqual(describeAll(found), '', 'no error or warning in the correct usage');
    });
  });
}
