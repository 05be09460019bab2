// The Vue and Svelte typings of the package, written from custom-elements.json at build
// (custom-elements-manifest.config.mjs calls these; test/package/framework-typings.test.mjs tests them).
// The Custom Elements Manifest generators for Vue and Svelte name listeners the way neither
// framework's checker looks them up, and offer read-only properties as props, so these two are ours:
//
// - Vue 3: vue-tsc reads `@attachment-completed` as the prop `onAttachmentCompleted` and `:max-file-size`
//   as `maxFileSize`, so props are written by property name and listeners as `on` + the camel-cased
//   event name. An unknown prop passes vue-tsc without `strictTemplates`, so a read-only property is
//   written `never`: setting it fails either way.
// - Svelte 5: `onattachment-completed={…}` is a listener and the `on:attachment-completed` directive
//   its older form; both are typed. Props are the attributes by name and the properties by name.
//   The element is added to `svelte/elements`' `SvelteHTMLElements`, as Svelte's docs ask, so an
//   attribute or property it does not have (a read-only one included) is an error.
//
// Both keep the platform's attributes (`id`, `class`, `aria-*`, …) from the framework's own
// HTMLAttributes, and take every type from the element's class (`ConnectAttachmentUpload["maxFileSize"]`)
// and each event's class, as the manifest names them (the manifest joins each `@fires` name with the
// class whose static `type` it is, in src/pipeline/events.ts).

/**
 * @typedef {{ name: string, description?: string, type?: { text: string } }} ManifestEvent
 * @typedef {{ kind: string, name: string, description?: string, static?: boolean, readonly?: boolean,
 *   privacy?: string, attribute?: string }} ManifestMember
 * @typedef {{ name: string, fieldName?: string }} ManifestAttribute
 * @typedef {{ name: string, tagName: string, description?: string, customElement?: boolean,
 *   members?: ManifestMember[], attributes?: ManifestAttribute[], events?: ManifestEvent[] }} ManifestElement
 * @typedef {{ modules: { declarations?: any[] }[] }} Manifest
 */

/** @param {Manifest} manifest @returns {ManifestElement[]} */
export const customElements = (manifest) =>
  manifest.modules.flatMap((module) => (module.declarations ?? []).filter((d) => d.customElement && d.tagName));

/** A public instance field a page could read: not static, private, protected or `#private`. */
const isPublicField = (/** @type {ManifestMember} */ member) =>
  member.kind === 'field' &&
  !member.static &&
  !member.name.startsWith('#') &&
  member.privacy !== 'private' &&
  member.privacy !== 'protected';

/**
 * The element's public properties, each with its attribute (if it has one) and whether a page may
 * set it.
 * @param {ManifestElement} element
 */
export function properties(element) {
  return (element.members ?? []).filter(isPublicField).map((member) => ({
    name: member.name,
    attribute: member.attribute ?? element.attributes?.find((a) => a.fieldName === member.name)?.name,
    description: member.description ?? '',
    settable: !member.readonly,
  }));
}

/**
 * The events the element fires with the class each arrives as. An event without a class would be
 * typed as a plain `Event` in every framework: that is a manifest to fix, not to paper over.
 * @param {ManifestElement} element
 */
export function events(element) {
  return (element.events ?? []).map((event) => {
    const type = event.type?.text;
    if (!type || !/^\w+$/.test(type)) throw new Error(`${element.tagName}: the event ${event.name} has no class in the manifest`);
    return { name: event.name, type, description: event.description ?? '' };
  });
}

/** `attachment-completed` → `onAttachmentCompleted`: the prop vue-tsc looks for behind `@attachment-completed`. */
export const vueListenerName = (/** @type {string} */ event) =>
  `on${event.replace(/(?:^|-)([a-z0-9])/g, (_, letter) => letter.toUpperCase())}`;

/** A JSDoc block, indented; `*\/` in a description cannot end it early. */
function doc(/** @type {string} */ text, indent = '  ') {
  const lines = text.trim().replace(/\*\//g, '*\\/').split('\n');
  if (!lines[0]) return '';
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((line) => `${indent} * ${line}`.trimEnd()).join('\n')}\n${indent} */\n`;
}

/** A property key, quoted when it is not an identifier. */
const key = (/** @type {string} */ name) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name}'`);

/** The `import type { … } from './index.js'` line: each element's class and each event's class, once. */
function importLine(/** @type {ManifestElement[]} */ elements, /** @type {string} */ from) {
  const names = new Set(elements.flatMap((element) => [element.name, ...events(element).map((event) => event.type)]));
  return `import type { ${[...names].join(', ')} } from '${from}';\n`;
}

const HEADER = (/** @type {string} */ what) =>
  `// Generated from custom-elements.json at build (scripts/framework-typings.mjs).\n// ${what}\n`;

/**
 * dist/vue.d.ts: each element as a global component of Vue's templates.
 * @param {Manifest} manifest
 * @param {{ from: string, packageName: string }} options `from`: the module exporting the classes
 */
export function vueTypings(manifest, { from, packageName }) {
  const elements = customElements(manifest);
  let out = HEADER(`Vue 3 templates learn each element's props and @event listeners, checked by vue-tsc
// and Volar with or without strictTemplates, from one line in the app:
//   import type {} from '${packageName}/vue';`);
  out += "import type { DefineComponent, HTMLAttributes } from 'vue';\n";
  out += importLine(elements, from);
  for (const element of elements) {
    out += `\n${doc(
      `What a Vue template may set on \`<${element.tagName}>\`: its properties (\`:max-file-size\` or
\`:maxFileSize\`), and a listener for each of its events (\`@attachment-completed\`).`,
      '',
    )}`;
    out += `export interface ${element.name}Props {\n`;
    for (const property of properties(element)) {
      if (property.settable) {
        out += `${doc(property.description)}  ${key(property.name)}?: ${element.name}['${property.name}'];\n`;
      } else {
        out += `${doc(`Read-only, so not settable. ${property.description}`)}  ${key(property.name)}?: never;\n`;
      }
    }
    for (const event of events(element)) {
      out += `${doc(`\`@${event.name}\`: ${event.description}`)}  ${vueListenerName(event.name)}?: (event: ${event.type}) => void;\n`;
    }
    out += '}\n';
  }
  out += '\nexport type CustomElements = {\n';
  for (const element of elements) {
    out += `${doc(element.description ?? '')}  '${element.tagName}': DefineComponent<${element.name}Props & Omit<HTMLAttributes, keyof ${element.name}Props>>;\n`;
  }
  out += "};\n\ndeclare module 'vue' {\n  interface GlobalComponents extends CustomElements {}\n}\n";
  return out;
}

/**
 * dist/svelte.d.ts: each element in Svelte's `SvelteHTMLElements`.
 * @param {Manifest} manifest
 * @param {{ from: string, packageName: string }} options `from`: the module exporting the classes
 */
export function svelteTypings(manifest, { from, packageName }) {
  const elements = customElements(manifest);
  let out = HEADER(`Svelte learns each element's attributes, properties and listeners
// (\`onattachment-completed={…}\`, and the older \`on:attachment-completed\`), checked by svelte-check,
// from one line in the app:
//   import type {} from '${packageName}/svelte';`);
  out += "import type { HTMLAttributes } from 'svelte/elements';\n";
  out += importLine(elements, from);
  for (const element of elements) {
    out += `\n${doc(
      `What Svelte may set on \`<${element.tagName}>\`: its attributes and writable properties, and a
listener for each of its events. Read-only properties are left out: setting one is an error.`,
      '',
    )}`;
    out += `export interface ${element.name}Props {\n`;
    for (const property of properties(element).filter((p) => p.settable)) {
      const type = `${element.name}['${property.name}']`;
      out += `${doc(property.description)}  ${key(property.name)}?: ${type};\n`;
      if (property.attribute && property.attribute !== property.name) out += `  ${key(property.attribute)}?: ${type};\n`;
    }
    for (const event of events(element)) {
      out += `${doc(event.description)}  'on${event.name}'?: (event: ${event.type}) => void;\n`;
      out += `  'on:${event.name}'?: (event: ${event.type}) => void;\n`;
    }
    out += '}\n';
  }
  out += "\ndeclare module 'svelte/elements' {\n  interface SvelteHTMLElements {\n";
  for (const element of elements) {
    out += `${doc(element.description ?? '', '    ')}    '${element.tagName}': ${element.name}Props & Omit<HTMLAttributes<${element.name}>, keyof ${element.name}Props>;\n`;
  }
  out += '  }\n}\n';
  return out;
}

/**
 * The manifest as the JSX generator should read it: read-only properties taken out, so JSX offers
 * no prop for them (React then refuses `uploads={…}` as an unknown prop).
 * @param {Manifest} manifest
 * @returns {Manifest}
 */
export function withoutReadOnly(manifest) {
  const copy = structuredClone(manifest);
  for (const element of customElements(copy)) {
    element.members = (element.members ?? []).filter((member) => !(isPublicField(member) && member.readonly));
  }
  return copy;
}
