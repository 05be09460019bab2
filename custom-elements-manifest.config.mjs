// The Custom Elements Manifest (custom-elements.json), read from the JSDoc in src/: the element's
// attributes and properties, `@fires`, `@slot`, `@csspart` and `@cssprop`. package.json names it in
// `customElements` by hand: `packagejson: false` stops the analyzer rewriting package.json.

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

export default {
  globs: ['src/**/*.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
  quiet: true,
  plugins: [publishedManifest()],
};
