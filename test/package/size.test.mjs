// The size of dist/connect-attachment-upload.min.js (lit and zod inside): a ceiling at today's size,
// rounded up, keeps it from growing unnoticed. The README's size table (every file a page may
// download from the CDN, and the other widgets bench/peers.mjs measured), that no size figure
// stands outside it, and the breakdown tool are checked too.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { CDN_FILES, SIZE_MARKERS, breakdown, measure, peers, readmeSizes, tableFiles } from '../../scripts/size.mjs';

const [esm] = CDN_FILES.map(measure);

/**
 * Today's size, rounded up: a change that adds bytes has to say so here (see the README's Size section).
 * 30,250 → 30,800: the languages (+684 B, 30,089 → 30,773 B): English as data with the code that
 * makes it callable (named placeholders, plural forms, numbers in the language; about 190 B), and
 * choosing the language (`lang` looked up through the ancestors and followed live, the words
 * loaded once per page, the text hidden while they load; about 540 B). The lookup and each
 * language are files of their own.
 * 31,200 → 31,100: the element's imports ordered so gzip packs them smaller (-58 B) and reading a
 * dropped folder made a lazy part (-54 B): 31,176 → 31,064 B.
 * 31,100 → 30,950: the list of files not added is a lazy part, loaded the first time a file is
 * refused, through the one loader the hint uses (-164 B): 31,065 → 30,901 B.
 * 30,950 → 29,900: the files of the list are drawn by a lazy part (file-item.ts with the type
 * icons, the progress line and the time left), loaded when the list gets its first file (-1,040 B):
 * 30,901 → 29,861 B. Event messages without bidi controls: +21 B (29,882 B).
 * 29,900 → 29,950: a render restyles no more than it must (+24 B, 29,882 → 29,906 B): the text
 * hidden while a language loads names the few elements that hold text instead of every element, and
 * the drop overlay is looked up only while dragging.
 */
const CEILING = 29_950;

test(`the ES module does not grow past ${CEILING} B gzip`, () => {
  assert.ok(esm.gzip <= CEILING, `${esm.file} is ${esm.gzip} B gzip, ${esm.gzip - CEILING} B over the ceiling`);
});

test('the README states the measured size of the module, each lazy part and the classic script', () => {
  const stated = readmeSizes(readFileSync('README.md', 'utf8'));
  const files = tableFiles();
  assert.ok(files.length > CDN_FILES.length, 'the module has lazy parts');
  for (const measured of files.map(measure)) {
    const row = stated.find((entry) => entry.file === measured.file);
    assert.ok(row, `README's size table has ${measured.file}: run node scripts/size.mjs --readme`);
    // Within 1 %: small src changes need no README edit; `node scripts/size.mjs --readme` rewrites it.
    for (const key of ['gzip', 'brotli']) {
      assert.ok(
        Math.abs(row[key] - measured[key]) <= measured[key] * 0.01,
        `README says ${row[key]} B ${key} for ${measured.file}, measured ${measured[key]} B: run node scripts/size.mjs --readme`,
      );
    }
  }
});

test("the README's other widgets are bench/peers.mjs's last measurement, figure for figure", () => {
  const stated = readmeSizes(readFileSync('README.md', 'utf8'));
  const measured = peers();
  assert.ok(measured.length > 0, 'bench/peers.json has peers');
  for (const peer of measured) {
    const row = stated.find((entry) => entry.file === peer.name);
    assert.ok(row, `README's size table has ${peer.name}: run node scripts/size.mjs --readme`);
    assert.deepEqual(
      { raw: row.raw, gzip: row.gzip, brotli: row.brotli },
      { raw: peer.raw, gzip: peer.gzip, brotli: peer.brotli },
      peer.name,
    );
  }
  assert.equal(stated.length, tableFiles().length + measured.length, 'no other row in the table');
});

test('no size of code in the README stands outside the measured table', () => {
  // A size of code is a figure in bytes said of something gzipped, brotli'd, minified or bundled
  // (a "1 KiB file" in a workload is not one): only the table may say one.
  const readme = readFileSync('README.md', 'utf8');
  const outside = readme.slice(0, readme.indexOf(SIZE_MARKERS.START)) + readme.slice(readme.indexOf(SIZE_MARKERS.END));
  const figure = /\d[\d,.]*\s*(?:B|KiB|kB|KB)\b/;
  const ofCode = /gzip|brotli|minified|bundle|\.js\b|\bcode\b|\bLit\b|zod/i;
  const lines = outside.split('\n').filter((line) => figure.test(line) && ofCode.test(line));
  assert.deepEqual(lines, [], 'say it in the table (node scripts/size.mjs --readme), or refer to it');
});

test('the size breakdown accounts for every byte of the ES module', () => {
  const { rows, total } = breakdown(CDN_FILES[0]);
  const raw = rows.reduce((sum, row) => sum + row.raw, 0);
  assert.equal(raw, Buffer.byteLength(readFileSync(CDN_FILES[0], 'utf8')));
  assert.equal(total, esm.gzip);
  const groups = rows.map((row) => row.group);
  for (const expected of ['lit-html', '@lit/reactive-element', 'src/element/connect-attachment-upload.ts']) {
    assert.ok(groups.includes(expected), `the breakdown names ${expected}`);
  }
  assert.ok(
    groups.some((group) => group.startsWith('zod/')),
    'the breakdown names zod',
  );
});
