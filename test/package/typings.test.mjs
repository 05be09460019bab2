// The editor and framework typings generated from custom-elements.json at build
// (custom-elements-manifest.config.mjs): package.json names each of them, `npm pack` ships them, and
// each says what the manifest says about the element, compared name by name with the manifest (not
// with a list kept here), so a new attribute, property or event that a typing lacks fails with its name.
// Run after `npm run build`.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { vueListenerName } from '../../scripts/framework-typings.mjs';
import { isPublic, manifestElement } from './manifest.mjs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const { manifest, element } = manifestElement();

const attributes = element.attributes.map((attribute) => attribute.name);
const fields = element.members.filter((member) => member.kind === 'field' && isPublic(member));
// Every public property (IDE data lists them all), and those a page can set (framework typings).
const properties = fields.map((m) => m.name);
const settable = fields.filter((m) => !m.readonly).map((m) => m.name);
const readOnly = fields.filter((m) => m.readonly).map((m) => m.name);
// Each event with the class it arrives as (the manifest joins `@fires` and the dispatched class).
const events = element.events.map((event) => ({ name: event.name, type: event.type?.text }));
const cssProperties = (element.cssProperties ?? []).map((property) => property.name);
const cssParts = (element.cssParts ?? []).map((part) => part.name);

/** package.json's entry points for the typings, as an app or an IDE finds them. */
const target = (subpath) => {
  const entry = pkg.exports[subpath];
  assert.ok(entry, `package.json exports "${subpath}"`);
  return (typeof entry === 'string' ? entry : entry.types).replace(/^\.\//, '');
};
const TYPINGS = {
  react: target('./react'),
  jsx: target('./jsx'),
  vue: target('./vue'),
  svelte: target('./svelte'),
  vscodeHtml: target('./vscode.html-custom-data.json'),
  vscodeCss: target('./vscode.css-custom-data.json'),
  webTypes: target('./web-types.json'),
};

/** The keys a .d.ts declares as optional props (`name?:`, `"name"?:` or `'name'?:`). */
const propKeys = (source) => new Set([...source.matchAll(/^\s*['"]?([\w:-]+)['"]?\?:/gm)].map((match) => match[1]));
/** The names a module of the manifest exports, following `export * from`. */
const exportsOf = (path) => {
  const module = manifest.modules.find((candidate) => candidate.path === path);
  return new Set(
    (module?.exports ?? []).flatMap((entry) => (entry.name === '*' ? [...exportsOf(entry.declaration.module)] : [entry.name])),
  );
};
const read = (path) => readFileSync(path, 'utf8');
const missing = (names, found) => names.filter((name) => !found.has(name));
/**
 * The settable properties the JSX props lack. A property with an attribute is typed once, under the
 * attribute's name and as the element types the property (`"max-files"?: ConnectAttachmentUpload["maxFiles"]`);
 * the others under their own name.
 */
const missingJsxProperties = (source) => {
  const keys = propKeys(source);
  return settable.filter((name) => {
    const attribute = element.attributes.find((a) => a.fieldName === name)?.name;
    if (attribute)
      return (
        !source.includes(`"${attribute}"?: ${element.name}["${name}"];`) && !source.includes(`${attribute}?: ${element.name}["${name}"];`)
      );
    return !keys.has(name);
  });
};

test('package.json names every typing: exports with types, web-types for JetBrains, custom data for VS Code', () => {
  for (const subpath of ['./react', './jsx', './vue', './svelte']) {
    assert.match(pkg.exports[subpath].types, /^\.\/dist\/\w+\.d\.ts$/, `${subpath} has a types entry`);
  }
  assert.equal(pkg['web-types'], `./${TYPINGS.webTypes}`, 'JetBrains IDEs read the "web-types" field');
  // VS Code has no package.json field: an app lists the file in `html.customData` (README).
  const readme = read('README.md');
  assert.ok(readme.includes(`node_modules/${pkg.name}/${TYPINGS.vscodeHtml}`), 'the README gives the html.customData path');
  assert.ok(readme.includes(`node_modules/${pkg.name}/${TYPINGS.vscodeCss}`), 'the README gives the css.customData path');
});

test('npm pack ships every typing package.json names', () => {
  const [{ files }] = JSON.parse(
    execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
  );
  const paths = new Set(files.map((file) => file.path));
  for (const path of [...Object.values(TYPINGS), pkg['web-types'].replace(/^\.\//, '')]) {
    assert.ok(paths.has(path), `the package contains ${path}`);
  }
});

test('the JSX props (React) have every attribute, settable property and an on<event-name> listener typed with the event class, and no read-only property', () => {
  const source = read(TYPINGS.jsx);
  const keys = propKeys(source);
  assert.deepEqual(missing(attributes, keys), [], 'attributes');
  assert.deepEqual(missingJsxProperties(source), [], 'properties');
  assert.deepEqual(
    readOnly.filter((name) => keys.has(name)),
    [],
    'read-only properties are not props',
  );
  for (const { name, type } of events) {
    assert.ok(type, `the manifest gives ${name} its class`);
    assert.ok(source.includes(`"on${name}"?: (e: ${type}) => void;`), `on${name} takes ${type}`);
  }
  // The event classes come from the package's own entry point, which exports each of them.
  const exported = exportsOf('dist/index.js');
  const imported =
    /import type \{([^}]*)\} from "\.\/index\.js";/
      .exec(source)?.[1]
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean) ?? [];
  assert.deepEqual(missing([element.name, ...events.map((event) => event.type)], new Set(imported)), [], 'imported from ./index.js');
  assert.deepEqual(missing(imported, exported), [], 'exported by the package');
  // React's JSX gets them, for the tag the manifest defines, from dist/react.d.ts.
  const react = read(TYPINGS.react);
  assert.match(react, /declare module 'react'/);
  assert.ok(react.includes(`'${element.tagName}': CustomElements['${element.tagName}']`), 'react.d.ts adds the tag');
  assert.match(react, /from '\.\/jsx\.js'/);
});

test("Vue's GlobalComponents have every settable property, read-only ones as never, and a listener vue-tsc finds for each event", () => {
  const source = read(TYPINGS.vue);
  // vue-tsc looks a prop up by its camelCase name (`:max-file-size` is `maxFileSize`) and a listener
  // of `@attachment-error` as `onAttachmentError`.
  const keys = propKeys(source);
  assert.deepEqual(
    settable.filter((name) => !source.includes(`  ${name}?: ${element.name}['${name}'];`)),
    [],
    'settable properties',
  );
  assert.deepEqual(
    readOnly.filter((name) => !source.includes(`  ${name}?: never;`)),
    [],
    'read-only properties are never',
  );
  assert.deepEqual(
    attributes.filter((name) => name.includes('-') && keys.has(name)),
    [],
    'no kebab-case prop: vue-tsc would not find it',
  );
  for (const { name, type } of events) {
    assert.ok(source.includes(`  ${vueListenerName(name)}?: (event: ${type}) => void;`), `${vueListenerName(name)} takes ${type}`);
  }
  assert.match(source, /declare module 'vue' \{\s*interface GlobalComponents extends CustomElements \{\}/);
  assert.ok(source.includes(`'${element.tagName}': DefineComponent<`), 'the tag is a global component');
});

test("Svelte's elements have every attribute and settable property, no read-only one, and both listener forms", () => {
  const source = read(TYPINGS.svelte);
  const keys = propKeys(source);
  assert.deepEqual(
    settable.filter((name) => !source.includes(`  ${name}?: ${element.name}['${name}'];`)),
    [],
    'settable properties by name',
  );
  const settableAttributes = element.attributes.filter((a) => settable.includes(a.fieldName)).map((a) => a.name);
  assert.deepEqual(missing(settableAttributes, keys), [], 'attributes');
  assert.deepEqual(
    readOnly.filter((name) => keys.has(name)),
    [],
    'read-only properties are not props',
  );
  for (const { name, type } of events) {
    assert.ok(source.includes(`  'on${name}'?: (event: ${type}) => void;`), `on${name} takes ${type}`);
    assert.ok(source.includes(`  'on:${name}'?: (event: ${type}) => void;`), `on:${name} takes ${type}`);
  }
  assert.match(source, /declare module 'svelte\/elements' \{\s*interface SvelteHTMLElements \{/);
  assert.ok(source.includes(`'${element.tagName}': ${element.name}Props & `), 'the tag is declared');
});

test('VS Code custom data has every attribute, event, CSS custom property and part', () => {
  const html = JSON.parse(read(TYPINGS.vscodeHtml));
  const tag = html.tags.find((entry) => entry.name === element.tagName);
  assert.ok(tag, `${element.tagName} is in the HTML data`);
  assert.deepEqual(missing(attributes, new Set(tag.attributes.map((a) => a.name))), [], 'attributes');
  // HTML custom data knows attributes only (no properties); events are listed in the tag's description.
  assert.deepEqual(
    events.filter((e) => !tag.description.includes(`**${e.name}**`)).map((e) => e.name),
    [],
    'events',
  );
  const css = JSON.parse(read(TYPINGS.vscodeCss));
  assert.deepEqual(missing(cssProperties, new Set(css.properties.map((p) => p.name))), [], 'CSS custom properties');
  assert.deepEqual(
    missing(
      cssParts.map((p) => `::part(${p})`),
      new Set(css.pseudoElements.map((p) => p.name)),
    ),
    [],
    'CSS parts',
  );
});

test('JetBrains web-types have every attribute, property, event and CSS custom property', () => {
  const webTypes = JSON.parse(read(TYPINGS.webTypes));
  assert.equal(webTypes.name, pkg.name);
  assert.equal(webTypes.version, pkg.version, 'built from this version');
  const tag = webTypes.contributions.html.elements.find((entry) => entry.name === element.tagName);
  assert.ok(tag, `${element.tagName} is in web-types`);
  assert.deepEqual(missing(attributes, new Set(tag.attributes.map((a) => a.name))), [], 'attributes');
  assert.deepEqual(missing(properties, new Set(tag.js.properties.map((p) => p.name))), [], 'properties');
  assert.deepEqual(
    missing(
      events.map((e) => e.name),
      new Set(tag.js.events.map((e) => e.name)),
    ),
    [],
    'events',
  );
  const css = new Set(webTypes.contributions.css.properties.map((p) => p.name));
  assert.deepEqual(missing(cssProperties, css), [], 'CSS custom properties');
});
