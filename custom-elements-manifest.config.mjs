// The Custom Elements Manifest (custom-elements.json), read from the JSDoc in src/: the element's
// attributes and properties, `@fires`, `@slot`, `@csspart` and `@cssprop`. package.json names it in
// `customElements` by hand: `packagejson: false` stops the analyzer rewriting package.json.
//
// From the finished manifest the build writes the editor and framework typings into dist/, so they
// cannot fall behind the element: JSX props (dist/jsx.d.ts, by the Custom Elements Manifest
// ecosystem's generator, break-stuff's cem-tools, and dist/react.d.ts which hands them to React's
// JSX), VS Code's custom HTML and CSS data and JetBrains' web-types (by that ecosystem's generators),
// and Vue's GlobalComponents (dist/vue.d.ts) and Svelte's elements (dist/svelte.d.ts) by our own
// generator, scripts/framework-typings.mjs, since the ecosystem's name listeners the way neither
// vue-tsc nor svelte-check looks them up. package.json names each of them (`exports`, `web-types`).
import { writeFileSync, readFileSync } from 'node:fs';
import { customElementJetBrainsPlugin } from 'custom-element-jet-brains-integration';
import { generateJsxTypes } from 'custom-element-jsx-integration';
import { customElementVsCodePlugin } from 'custom-element-vs-code-integration';
import { svelteTypings, vueTypings, withoutReadOnly } from './scripts/framework-typings.mjs';

/** @typedef {{ kind: string, name: string, members?: any[], events?: any[], superclass?: any, customElement?: boolean }} Declaration */

/**
 * Makes the manifest describe the published package rather than the sources it was read from.
 * - Paths: modules are analysed in src/*.ts but shipped as dist/*.js.
 * - Events: `this.dispatchEvent(new AttachmentRejectEvent(…))` gives the analyzer an event with a
 *   type and no name, beside the `@fires attachment-reject` one with a name and no type. Each event
 *   class keeps its name in `static readonly type`, so the two are joined into one entry that has the
 *   name, the description and the class.
 * - Superclasses the analyzer cannot find in the module (CustomEvent) are the platform's.
 */
function publishedManifest() {
  const toDist = (path) => path.replace(/^\/?src\/(.*?)\.(?:ts|js)$/, 'dist/$1.js');
  return {
    name: 'connect-attachment-upload:published-manifest',
    packageLinkPhase({ customElementsManifest }) {
      /** @type {Map<string, string>} event class name -> event name */
      const eventNames = new Map();
      for (const module of customElementsManifest.modules) {
        for (const declaration of /** @type {Declaration[]} */ (module.declarations ?? [])) {
          const type = declaration.members?.find((member) => member.static && member.name === 'type');
          if (declaration.superclass?.name === 'CustomEvent' && type?.default) {
            eventNames.set(declaration.name, type.default.replace(/^['"`]|['"`]$/g, ''));
          }
          if (declaration.superclass?.name === 'CustomEvent') {
            declaration.superclass = { name: 'CustomEvent', package: 'global:' };
          }
        }
      }
      for (const module of customElementsManifest.modules) {
        for (const declaration of /** @type {Declaration[]} */ (module.declarations ?? [])) {
          if (!declaration.events) continue;
          /** @type {Map<string, any>} */
          const byName = new Map();
          // The `@fires` entries first, so the manifest lists events in the JSDoc's order.
          const ordered = [...declaration.events.filter((e) => e.name), ...declaration.events.filter((e) => !e.name)];
          for (const event of ordered) {
            const name = event.name ?? eventNames.get(event.type?.text);
            if (!name) throw new Error(`An event of ${declaration.name} has no name and no known class: ${JSON.stringify(event)}`);
            byName.set(name, { ...byName.get(name), ...event, name });
          }
          for (const [className, name] of eventNames) {
            const event = byName.get(name);
            if (event) event.type = { text: className };
          }
          declaration.events = [...byName.values()];
        }
        module.path = toDist(module.path);
        for (const entry of module.exports ?? []) {
          if (entry.declaration?.module) entry.declaration.module = toDist(entry.declaration.module);
        }
        for (const declaration of module.declarations ?? []) {
          if (declaration.superclass?.module) declaration.superclass.module = toDist(declaration.superclass.module);
          for (const member of declaration.members ?? []) {
            if (member.inheritedFrom?.module) member.inheritedFrom.module = toDist(member.inheritedFrom.module);
          }
        }
      }
    },
  };
}

/** The CustomEvent subclasses the manifest declares (the package exports each of them). */
const eventClasses = (/** @type {any} */ manifest) =>
  new Set(
    manifest.modules.flatMap((/** @type {any} */ module) =>
      (module.declarations ?? [])
        .filter((/** @type {Declaration} */ d) => d.kind === 'class' && d.superclass?.name === 'CustomEvent')
        .map((/** @type {Declaration} */ d) => d.name),
    ),
  );

/**
 * JSX props from the JSX generator, which reads every public field as a prop: it is given the
 * manifest without the read-only properties (`uploads`, `form`), so JSX offers no prop to set them.
 * @param {{ outdir: string, fileName: string, globalTypePath: string, hideLogs: boolean }} options
 */
function jsxTypings(options) {
  return {
    name: 'connect-attachment-upload:jsx-typings',
    packageLinkPhase({ customElementsManifest }) {
      generateJsxTypes(withoutReadOnly(customElementsManifest), options);
    },
  };
}

/**
 * Vue's and Svelte's typings, by scripts/framework-typings.mjs.
 * @param {{ outdir: string, from: string }} options
 */
function vueAndSvelteTypings({ outdir, from }) {
  return {
    name: 'connect-attachment-upload:vue-svelte-typings',
    packageLinkPhase({ customElementsManifest }) {
      const { name: packageName } = JSON.parse(readFileSync('package.json', 'utf8'));
      writeFileSync(`${outdir}/vue.d.ts`, vueTypings(customElementsManifest, { from, packageName }));
      writeFileSync(`${outdir}/svelte.d.ts`, svelteTypings(customElementsManifest, { from, packageName }));
    },
  };
}

/**
 * Finishes the JSX typings, after the JSX generator (plugins run in order):
 * - Event handlers take the event class. The generator reads an event's `type` as its detail type
 *   and writes `(e: CustomEvent<type>) => void`; in the manifest (as the schema defines it) `type` is
 *   the class of the event object, which already extends `CustomEvent<detail>`. So
 *   `CustomEvent<AttachmentErrorEvent>` becomes `AttachmentErrorEvent`, for the manifest's event
 *   classes only. A handler then reads `event.detail.code`, typed.
 * - dist/react.d.ts gives React 19's JSX the generated props, beside React's own HTML attributes
 *   (`onClick`, `ref`, `aria-*`…), which the generic JSX props lack. It is the augmentation the JSX
 *   generator's README asks each app to write, shipped once so an app only references it.
 * @param {{ outdir: string, jsx: string }} options
 */
function finishTypings({ outdir, jsx }) {
  return {
    name: 'connect-attachment-upload:finish-typings',
    packageLinkPhase({ customElementsManifest }) {
      const classes = eventClasses(customElementsManifest);
      const path = `${outdir}/${jsx}`;
      const source = readFileSync(path, 'utf8');
      writeFileSync(
        path,
        source.replace(/\bCustomEvent<(\w+)>/g, (match, type) => (classes.has(type) ? type : match)),
      );
      const elements = customElementsManifest.modules.flatMap((/** @type {any} */ module) =>
        (module.declarations ?? []).filter((/** @type {any} */ d) => d.customElement && d.tagName),
      );
      const names = elements.map((/** @type {any} */ d) => d.name).join(', ');
      const entries = elements
        .map(
          (/** @type {any} */ d) =>
            `      '${d.tagName}': CustomElements['${d.tagName}'] & DetailedHTMLProps<HTMLAttributes<${d.name}>, ${d.name}>;`,
        )
        .join('\n');
      writeFileSync(
        `${outdir}/react.d.ts`,
        `// Generated from custom-elements.json at build (custom-elements-manifest.config.mjs).
// React 19's JSX learns the element's props and on<event-name> listeners from one line in the app:
//   import type {} from 'connect-attachment-upload/react';
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { ${names} } from './index.js';
import type { CustomElements } from './jsx.js';

export type { CustomElements, ScopedElements } from './jsx.js';

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
${entries}
    }
  }
}
`,
      );
    },
  };
}

// Beside the library's own types: the generated files import the element and event classes from
// './index.js' (dist/index.d.ts), so they name exactly what the package exports.
const TYPINGS = { outdir: 'dist', globalTypePath: './index.js', hideLogs: true };

export default {
  globs: ['src/**/*.ts'],
  // Built into the classic script only (rollup.config.mjs), never a module of the package.
  exclude: ['src/element/locale-scripts.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
  quiet: true,
  plugins: [
    publishedManifest(),
    jsxTypings({ ...TYPINGS, fileName: 'jsx.d.ts' }),
    vueAndSvelteTypings({ outdir: TYPINGS.outdir, from: TYPINGS.globalTypePath }),
    customElementVsCodePlugin({
      outdir: TYPINGS.outdir,
      htmlFileName: 'vscode.html-custom-data.json',
      cssFileName: 'vscode.css-custom-data.json',
      hideLogs: true,
    }),
    // `packageJson: false`: package.json names web-types.json by hand, as it does the manifest.
    customElementJetBrainsPlugin({ outdir: TYPINGS.outdir, webTypesFileName: 'web-types.json', packageJson: false, hideLogs: true }),
    finishTypings({ outdir: TYPINGS.outdir, jsx: 'jsx.d.ts' }),
  ],
};
