// The demo's French words must name every string the element has: a key added to DEFAULT_STRINGS
// (a new error text or rejection reason) and forgotten here would show "undefined" in French.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_STRINGS } from '../../dist/element/strings.js';
import { FRENCH } from '../../demo/strings-fr.js';

/** Every key path of `value`, nested objects included. */
function paths(value, prefix = '') {
  return Object.entries(value).flatMap(([key, inner]) =>
    inner && typeof inner === 'object' ? paths(inner, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

test('the demo translates every string of DEFAULT_STRINGS, and nothing else', () => {
  assert.deepEqual(paths(FRENCH).sort(), paths(DEFAULT_STRINGS).sort());
  for (const path of paths(DEFAULT_STRINGS)) {
    const kind = path.split('.').reduce((value, key) => value[key], DEFAULT_STRINGS);
    const french = path.split('.').reduce((value, key) => value[key], FRENCH);
    assert.equal(typeof french, typeof kind, path);
  }
});
