// Sizes of what a page downloads from the CDN (raw, gzip -9, brotli -11): the ES module, each part it
// loads lazily (dist/connect-attachment-upload-*.min.js, found by name) and the classic script; with
// --breakdown a ranked list of where the gzip bytes of the ES module go (lit, zod, each of our
// modules), read from its source map. --readme rewrites the size table in README.md (between the
// `sizes` markers) with what it measured and the other widgets bench/peers.mjs measured
// (bench/peers.json).
//   node scripts/size.mjs [--breakdown] [--json] [--readme]
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export const CDN_FILES = ['dist/connect-attachment-upload.min.js', 'dist/connect-attachment-upload.iife.js'];
/** The parts the ES module loads with `import()` the first time a page needs them. */
export const lazyParts = () =>
  readdirSync('dist')
    .filter((name) => /^connect-attachment-upload-.+\.min\.js$/.test(name))
    .sort()
    .map((name) => `dist/${name}`);
/** The languages besides English, as src/element/locales holds them. */
export const LANGUAGES = readdirSync('src/element/locales')
  .map((file) => file.replace(/\.ts$/, ''))
  .sort();
/** Each language as a classic script that registers its words, for pages on the classic script. */
export const languageScripts = () => LANGUAGES.map((language) => `dist/connect-attachment-upload-${language}.js`);
/**
 * What the README's table lists, in its order: the module, its lazy parts (each language among
 * them), the classic script and its languages.
 */
export const tableFiles = () => [CDN_FILES[0], ...lazyParts(), CDN_FILES[1], ...languageScripts()];
/** What each file is, for the table. */
const what = (file) => {
  const part = /connect-attachment-upload-(.+)\.min\.js$/.exec(file)?.[1] ?? '';
  const script = /connect-attachment-upload-(.+)(?<!\.iife)\.js$/.exec(file)?.[1] ?? '';
  return file === CDN_FILES[0]
    ? 'the ES module: the element, the headless uploader, Lit and zod/mini'
    : file === CDN_FILES[1]
      ? 'the classic script: the same, with the lazy parts inside but no language besides English'
      : LANGUAGES.includes(script) && !file.endsWith('.min.js')
        ? `the classic script's words in \`${script}\`, loaded the first time a page speaks it`
        : `loaded by the module the first time it is needed${LAZY_PURPOSE[part] ?? (LANGUAGES.includes(part) ? `: the words in \`${part}\`` : '')}`;
};
/** What a lazy part is for, by its name. */
const LAZY_PURPOSE = {
  'fit-image': ': `fit-images`, fitting big photos',
  hint: ': the words of `show-hint`',
  'strip-metadata': ": removing photos' metadata",
  send: ': what `send()` runs with `complete-on-send`',
  locales: ': which language a `lang` other than English gets',
  'read-folder': ': reading a dropped folder',
  rejections: ': the list of files not added',
  'file-item': ': drawing the files of the list',
};
/** bench/peers.mjs's last measurement of other upload widgets. */
export const peers = () => JSON.parse(readFileSync('bench/peers.json', 'utf8')).peers;

/** @param {string | Buffer} data */
export const gzip = (data) => gzipSync(data, { level: 9 }).length;
/** @param {string | Buffer} data */
export const brotli = (data) => brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/** @param {string} file */
export function measure(file) {
  const data = readFileSync(file);
  return { file, raw: data.length, gzip: gzip(data), brotli: brotli(data) };
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes one source-map `mappings` line into [generatedColumn, sourceIndex?] pairs. */
function decodeLine(line, state) {
  const segments = [];
  for (const segment of line.split(',')) {
    if (!segment) continue;
    const values = [];
    let value = 0;
    let shift = 0;
    for (const char of segment) {
      const digit = B64.indexOf(char);
      value += (digit & 31) << shift;
      if (digit & 32) shift += 5;
      else {
        values.push(value & 1 ? -(value >>> 1) : value >>> 1);
        value = 0;
        shift = 0;
      }
    }
    state.column += values[0];
    if (values.length > 1) state.source += values[1];
    segments.push([state.column, values.length > 1 ? state.source : -1]);
  }
  return segments;
}

/** Which part of the bundle a source file belongs to: a package, or one of our modules. */
export function groupOf(source) {
  const path = source.replace(/\\/g, '/');
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(path);
  if (inPackage) {
    const [, name, rest] = inPackage;
    // zod's bytes are spread over core files; naming the file shows which checks cost what.
    return name === 'zod' ? `zod/${rest}` : name;
  }
  const own = /(?:^|\/)(src\/.*)$/.exec(path);
  return own ? own[1] : path;
}

/**
 * Splits a minified file into the text each group produced, using its source map, and ranks the
 * groups by their share of the gzip size. `share` scales each group's own gzip size so the shares
 * add up to the file's; `marginal` is what the file's gzip size drops by without that group's text.
 */
export function breakdown(file) {
  const code = readFileSync(file, 'utf8');
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8'));
  /** @type {Map<string, string[]>} */
  const parts = new Map();
  const add = (group, text) => {
    if (!text) return;
    if (!parts.has(group)) parts.set(group, []);
    parts.get(group).push(text);
  };
  const lines = code.split('\n');
  const mappingLines = map.mappings.split(';');
  const state = { column: 0, source: 0 };
  // Lines inside a multi-line template literal (CSS, HTML) carry no mappings: they belong to the
  // module whose segment opened the template, so the current group carries over line breaks.
  let group = '(unmapped)';
  lines.forEach((line, index) => {
    state.column = 0;
    let from = 0;
    for (const [column, source] of decodeLine(mappingLines[index] ?? '', state)) {
      add(group, line.slice(from, column));
      from = column;
      group = source < 0 ? '(unmapped)' : groupOf(map.sources[source]);
    }
    add(group, index < lines.length - 1 ? `${line.slice(from)}\n` : line.slice(from));
  });
  const total = gzip(code);
  const alone = new Map([...parts].map(([group, texts]) => [group, gzip(texts.join(''))]));
  const aloneSum = [...alone.values()].reduce((sum, size) => sum + size, 0);
  const rows = [...parts].map(([group, texts]) => {
    const text = texts.join('');
    // Removing the group's text (rather than re-bundling without it) keeps the rest byte-identical.
    const rest = [...parts]
      .filter(([other]) => other !== group)
      .map(([, t]) => t.join(''))
      .join('');
    return {
      group,
      raw: Buffer.byteLength(text),
      share: Math.round((alone.get(group) * total) / aloneSum),
      marginal: total - gzip(rest),
    };
  });
  rows.sort((a, b) => b.share - a.share);
  return { file, total, rows };
}

/** Adds up groups by a prefix: all of lit, all of zod, all of src/. */
export function totals(rows) {
  const families = [
    ['lit (lit, lit-html, lit-element, @lit/reactive-element)', (g) => /^(lit|lit-html|lit-element|@lit\/)/.test(g)],
    ['zod/mini', (g) => g.startsWith('zod/')],
    ['our code (src/)', (g) => g.startsWith('src/')],
    ['other', (g) => !/^(lit|lit-html|lit-element|@lit\/|zod\/|src\/)/.test(g)],
  ];
  return families.map(([name, test]) => {
    const members = rows.filter((row) => test(row.group));
    return {
      group: name,
      raw: members.reduce((s, r) => s + r.raw, 0),
      share: members.reduce((s, r) => s + r.share, 0),
    };
  });
}

const START = '<!-- sizes: measured by `node scripts/size.mjs --readme` -->';
const END = '<!-- /sizes -->';
const bytes = (n) => `${n.toLocaleString('en-US')} B`;
const kibibytes = (n) => `${(n / 1024).toFixed(1)} KiB`;

/** The README's size table for these measurements, with the peers after ours. */
export function readmeTable(sizes, others = peers()) {
  const row = (name, description, s) =>
    `| ${name} | ${description} | ${bytes(s.raw)} | ${bytes(s.gzip)} (${kibibytes(s.gzip)}) | ${bytes(s.brotli)} (${kibibytes(s.brotli)}) |`;
  const ours = sizes.map((s) => row(`\`${s.file}\``, what(s.file), s));
  const theirs = others.map((p) =>
    row(
      p.name,
      `for comparison: ${Object.entries(p.packages)
        .map(([name, version]) => `${name} ${version}`)
        .join(' + ')}, JavaScript only`,
      p,
    ),
  );
  return [START, '| file | what | minified | gzip -9 | brotli -11 |', '|---|---|---|---|---|', ...ours, ...theirs, END].join('\n');
}

/** The sizes the README states, read back from its table: `file` is the first cell without backticks. */
export function readmeSizes(readme) {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) return [];
  const number = (cell) => Number(/([\d,]+) B/.exec(cell)?.[1]?.replace(/,/g, '') ?? NaN);
  return readme
    .slice(start, end)
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| file ') && !line.startsWith('|---'))
    .map((line) => {
      const [file, , raw, gzipped, brotlied] = line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim());
      return { file: file.replace(/`/g, ''), raw: number(raw), gzip: number(gzipped), brotli: number(brotlied) };
    });
}

/** Where the README's size table starts and ends (the figures between are checked against measurements). */
export const SIZE_MARKERS = { START, END };

if (import.meta.url === `file://${process.argv[1]}`) {
  const json = process.argv.includes('--json');
  const sizes = tableFiles().map(measure);
  const result = { sizes };
  if (process.argv.includes('--breakdown')) {
    const { rows } = breakdown(CDN_FILES[0]);
    Object.assign(result, { totals: totals(rows), rows });
  }
  if (process.argv.includes('--readme')) {
    const readme = readFileSync('README.md', 'utf8');
    const start = readme.indexOf(START);
    const end = readme.indexOf(END);
    if (start < 0 || end < start) throw new Error(`README.md has no ${START} ... ${END} block`);
    writeFileSync('README.md', readme.slice(0, start) + readmeTable(sizes) + readme.slice(end + END.length));
  }
  if (json) {
    console.log(JSON.stringify(result, null, 2));
  } else {
    const kib = kibibytes;
    console.log('file                                     raw        gzip -9            brotli -11');
    for (const s of sizes) {
      console.log(
        `${s.file.padEnd(40)} ${String(s.raw).padStart(7)} B  ${String(s.gzip).padStart(6)} B ${kib(s.gzip).padStart(9)}  ${String(s.brotli).padStart(6)} B ${kib(s.brotli).padStart(9)}`,
      );
    }
    if (result.rows) {
      console.log('\nwhere the gzip bytes of the ES module go (share: scaled to add up; marginal: saved if it were gone)');
      console.log('group'.padEnd(58), 'min bytes'.padStart(9), 'gzip share'.padStart(10), 'marginal'.padStart(9));
      for (const row of [...result.totals, { group: '' }, ...result.rows]) {
        if (!row.group) console.log('');
        else
          console.log(
            row.group.padEnd(58),
            String(row.raw).padStart(9),
            String(row.share).padStart(10),
            String(row.marginal ?? '').padStart(9),
          );
      }
    }
  }
}
