// The demo's language menu offers every language the element speaks, and only those.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { LOCALES } from '../../dist/element/locale-of.js';

test("the demo's language menu offers every language the element speaks", () => {
  const html = readFileSync('demo/index.html', 'utf8');
  const menu = /<select id="language">([\s\S]*?)<\/select>/.exec(html)?.[1] ?? '';
  const offered = [...menu.matchAll(/<option value="([^"]+)"/g)].map((match) => match[1]);
  assert.deepEqual([...offered].sort(), [...LOCALES].sort());
});
