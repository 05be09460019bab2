// The README's API tables say what custom-elements.json (built from the JSDoc in src/) says: the
// same attributes, properties, methods, events, slots, CSS parts and custom properties. A row
// missing on either side fails with its name, so the README cannot fall behind the element.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { code, isPublic, manifestElement, readmeTable } from './manifest.mjs';

const { element } = manifestElement();
const sorted = (values) => [...values].sort();

test('README attributes are the manifest attributes, with the same properties', () => {
  const rows = readmeTable('### Attributes and properties').filter((row) => code(row[0]));
  const documented = sorted(rows.map((row) => `${code(row[0])} -> ${code(row[1])}`));
  const actual = sorted(element.attributes.map((attribute) => `${attribute.name} -> ${attribute.fieldName}`));
  assert.deepEqual(documented, actual);
});

test('README properties are the public properties of the element', () => {
  const documented = sorted(readmeTable('### Attributes and properties').map((row) => code(row[1])));
  const actual = sorted(element.members.filter((m) => m.kind === 'field' && isPublic(m)).map((m) => m.name));
  assert.deepEqual(documented, actual);
});

test('README methods are the public methods of the element', () => {
  const documented = sorted(readmeTable('### Methods').map((row) => code(row[0]).replace(/\(.*$/, '')));
  const actual = sorted(element.members.filter((m) => m.kind === 'method' && isPublic(m)).map((m) => m.name));
  assert.deepEqual(documented, actual);
});

test('README events are the manifest events, in the same order', () => {
  const documented = readmeTable('### Events').map((row) => code(row[0]));
  assert.deepEqual(
    documented,
    element.events.map((event) => event.name),
  );
});

test('README slots, CSS parts and custom properties (with defaults) are the manifest ones', () => {
  const slots = readmeTable('### Slots').map((row) => code(row[0]));
  assert.deepEqual(sorted(slots), sorted(element.slots.map((slot) => slot.name)));
  const parts = readmeTable('### CSS parts').map((row) => code(row[0]));
  assert.deepEqual(sorted(parts), sorted(element.cssParts.map((part) => part.name)));
  const properties = readmeTable('### CSS custom properties').map((row) => `${code(row[0])} = ${code(row[1])}`);
  assert.deepEqual(sorted(properties), sorted(element.cssProperties.map((p) => `${p.name} = ${p.default}`)));
});

// The README lists custom states as `:state(name)`; the manifest has them once the element's JSDoc
// carries `@cssstate name - …` lines (the analyzer reads those, not the code).
const states = element.cssStates ?? [];
test('README custom states are the manifest ones', { skip: states.length === 0 && 'the JSDoc has no @cssstate yet' }, () => {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('### Custom states'), readme.indexOf('\n### ', readme.indexOf('### Custom states') + 1));
  const documented = [...section.matchAll(/:state\(([\w-]+)\)/g)].map((match) => match[1]);
  assert.deepEqual(sorted(new Set(documented)), sorted(states.map((state) => state.name)));
});
