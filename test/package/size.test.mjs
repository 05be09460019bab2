// The size of dist/connect-attachment-upload.min.js (lit and zod inside): a ceiling at today's size,
// rounded up, keeps it from growing unnoticed. The README's size table and the breakdown tool are
// checked too.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { CDN_FILES, LANGUAGE_FILES, breakdown, measure, readmeSizes } from '../../scripts/size.mjs';

const [esm] = CDN_FILES.map(measure);

/**
 * Today's size, rounded up: a change that adds bytes has to say so here (see the README's Size section).
 * 30,000 → 30,800: the languages (+787 B, to 30,770 B): English as data with the code that makes it callable
 * (plural forms, named placeholders, numbers in the language; about 190 B), and the language
 * controller (`lang` looked up through ancestors and followed live, the words loaded once per page,
 * the text hidden while they load; about 540 B). The languages themselves are files of their own.
 */
const CEILING = 30_800;

test(`the ES module does not grow past ${CEILING} B gzip`, () => {
  assert.ok(esm.gzip <= CEILING, `${esm.file} is ${esm.gzip} B gzip, ${esm.gzip - CEILING} B over the ceiling`);
});

test('the README states the measured sizes of both CDN files and of each language file', () => {
  const stated = readmeSizes(readFileSync('README.md', 'utf8'));
  for (const measured of [...CDN_FILES, ...LANGUAGE_FILES].map(measure)) {
    const row = stated.find((entry) => entry.file === measured.file);
    assert.ok(row, `README's size table has ${measured.file}`);
    // Within 1 %: small src changes need no README edit; `node scripts/size.mjs --readme` rewrites it.
    for (const key of ['gzip', 'brotli']) {
      assert.ok(
        Math.abs(row[key] - measured[key]) <= measured[key] * 0.01,
        `README says ${row[key]} B ${key} for ${measured.file}, measured ${measured[key]} B: run node scripts/size.mjs --readme`,
      );
    }
  }
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
  assert.ok(groups.some((group) => group.startsWith('zod/')), 'the breakdown names zod');
});
