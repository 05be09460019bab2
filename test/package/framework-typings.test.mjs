// The Vue and Svelte typings generator (scripts/framework-typings.mjs), on a small manifest: the
// names each framework's checker looks up, read-only properties, and the failures it must not hide.
// test/frameworks/checkers runs vue-tsc and svelte-check on what it writes for the real element.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { svelteTypings, vueListenerName, vueTypings, withoutReadOnly } from '../../scripts/framework-typings.mjs';

const manifest = () => ({
  modules: [
    {
      declarations: [
        { kind: 'class', name: 'PingEvent', superclass: { name: 'CustomEvent' } },
        {
          kind: 'class',
          name: 'XPicker',
          tagName: 'x-picker',
          customElement: true,
          description: 'Picks. Never ends a comment with */ early.',
          attributes: [
            { name: 'max-size', fieldName: 'maxSize' },
            { name: 'label', fieldName: 'label' },
          ],
          members: [
            { kind: 'field', name: 'maxSize', attribute: 'max-size', description: 'The largest.' },
            { kind: 'field', name: 'label', attribute: 'label', description: 'Two\nlines.' },
            { kind: 'field', name: 'session', description: 'An object: a property only.' },
            { kind: 'field', name: 'items', readonly: true, description: 'What it holds.' },
            { kind: 'field', name: 'secret', privacy: 'private' },
            { kind: 'field', name: 'styles', static: true },
            { kind: 'method', name: 'open' },
          ],
          events: [
            { name: 'x-ping', type: { text: 'PingEvent' }, description: 'It pinged.' },
            { name: 'x-2nd-thing', type: { text: 'PingEvent' } },
          ],
        },
      ],
    },
  ],
});
const options = { from: './index.js', packageName: 'x-picker' };

test('a Vue listener is `on` and the camel-cased event name, as vue-tsc reads `@event-name`', () => {
  assert.equal(vueListenerName('attachment-completed'), 'onAttachmentCompleted');
  assert.equal(vueListenerName('x-2nd-thing'), 'onX2ndThing');
  assert.equal(vueListenerName('ping'), 'onPing');
});

test('Vue: settable properties by their camelCase name, read-only ones as never, a listener per event', () => {
  const source = vueTypings(manifest(), options);
  assert.match(source, /^ {2}maxSize\?: XPicker\['maxSize'\];$/m);
  assert.match(source, /^ {2}session\?: XPicker\['session'\];$/m);
  assert.match(source, /^ {2}items\?: never;$/m, 'read-only: setting it is a type error even without strictTemplates');
  assert.doesNotMatch(source, /'max-size'|secret|styles|open\?/, 'no kebab-case prop, private, static or method');
  assert.match(source, /^ {2}onXPing\?: \(event: PingEvent\) => void;$/m);
  assert.match(source, /^ {2}onX2ndThing\?: \(event: PingEvent\) => void;$/m);
  assert.match(source, /^import type \{ XPicker, PingEvent \} from '\.\/index\.js';$/m, 'each class imported once');
  assert.match(source, /'x-picker': DefineComponent<XPickerProps & Omit<HTMLAttributes, keyof XPickerProps>>;/);
  assert.match(source, /interface GlobalComponents extends CustomElements \{\}/);
  assert.match(source, /import type \{\} from 'x-picker\/vue';/, 'says how an app uses it');
});

test('Svelte: attributes and properties by name, no read-only property, both listener forms', () => {
  const source = svelteTypings(manifest(), options);
  assert.match(source, /^ {2}maxSize\?: XPicker\['maxSize'\];\n {2}'max-size'\?: XPicker\['maxSize'\];$/m);
  assert.match(source, /^ {2}label\?: XPicker\['label'\];$/m);
  assert.equal(source.match(/label\?:/g)?.length, 1, 'an attribute named as its property is one key');
  assert.match(source, /^ {2}session\?: XPicker\['session'\];$/m);
  assert.doesNotMatch(source, /items|secret|styles/, 'read-only, private and static properties are left out');
  assert.match(source, /^ {2}'onx-ping'\?: \(event: PingEvent\) => void;\n {2}'on:x-ping'\?: \(event: PingEvent\) => void;$/m);
  assert.match(source, /declare module 'svelte\/elements' \{\n {2}interface SvelteHTMLElements \{/);
  assert.match(source, /'x-picker': XPickerProps & Omit<HTMLAttributes<XPicker>, keyof XPickerProps>;/);
});

test('descriptions become JSDoc that a `*/` inside cannot end early', () => {
  for (const source of [vueTypings(manifest(), options), svelteTypings(manifest(), options)]) {
    assert.ok(source.includes('Never ends a comment with *\\/ early.'));
    assert.match(source, /\/\*\*\n {3}\* Two\n {3}\* lines\.\n {3}\*\/\n {2}label\?:/);
  }
});

test('an event the manifest gives no class fails the build instead of typing a plain Event', () => {
  const broken = manifest();
  delete broken.modules[0].declarations[1].events[0].type;
  assert.throws(() => vueTypings(broken, options), /x-ping has no class/);
  assert.throws(() => svelteTypings(broken, options), /x-ping has no class/);
});

test('the JSX generator gets the manifest without read-only properties, and the manifest itself is untouched', () => {
  const original = manifest();
  const names = (m) => m.modules[0].declarations[1].members.map((member) => member.name);
  assert.deepEqual(names(withoutReadOnly(original)), ['maxSize', 'label', 'session', 'secret', 'styles', 'open']);
  assert.ok(names(original).includes('items'));
});
