// custom-elements.json, as `npm run build` writes it: it names the tag and the published modules,
// and every event the JSDoc lists (`@fires`) is one of the event classes, by its runtime name.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { isPublic, manifestElement } from './manifest.mjs';

const { manifest, element, declarations } = manifestElement();

test('package.json names the manifest, which describes the published dist/ modules', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  assert.equal(pkg.customElements, 'custom-elements.json');
  assert.ok(pkg.files.includes('custom-elements.json'), 'the manifest is in the published files');
  for (const module of manifest.modules) {
    assert.match(module.path, /^dist\/.*\.js$/, `module path ${module.path}`);
    assert.ok(existsSync(module.path), `${module.path} exists`);
  }
});

test('the element is registered under its tag from dist/define.js', () => {
  assert.equal(element.tagName, 'connect-attachment-upload');
  const definitions = manifest.modules.flatMap((module) =>
    (module.exports ?? []).filter((e) => e.kind === 'custom-element-definition').map((e) => ({ module: module.path, ...e })),
  );
  assert.deepEqual(
    definitions.map((d) => [d.module, d.name, d.declaration.name]),
    [['dist/define.js', 'connect-attachment-upload', 'ConnectAttachmentUpload']],
  );
});

test('each event class is listed once, under the name it is dispatched with', () => {
  const classes = declarations.filter((d) => d.superclass?.name === 'CustomEvent');
  const all = Object.fromEntries(
    classes.map((d) => [d.name, d.members.find((m) => m.static && m.name === 'type')?.default?.replace(/'/g, '')]),
  );
  // uploads-changed is the headless uploader's own, for views: the element never fires it.
  assert.equal(all.UploadsChangedEvent, 'uploads-changed');
  const byClass = Object.fromEntries(Object.entries(all).filter(([, name]) => name !== 'uploads-changed'));
  assert.equal(Object.keys(byClass).length, 10, 'ten attachment-* event classes');
  for (const event of element.events) {
    assert.ok(event.type, `@fires ${event.name} matches no event class's static type`);
    assert.equal(byClass[event.type.text], event.name, `${event.type.text} is dispatched as ${event.name}`);
    assert.ok(event.description, `@fires ${event.name} has a description`);
  }
  assert.deepEqual(element.events.map((e) => e.type.text).sort(), Object.keys(byClass).sort(), 'every class has a @fires line');
});

test('every property, slot, part and custom property is described', () => {
  const members = element.members.filter(isPublic);
  for (const item of [...members, ...element.slots, ...element.cssParts, ...element.cssProperties]) {
    assert.ok(item.description?.trim(), `${item.name} has a description`);
  }
});
