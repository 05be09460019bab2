// Reading the built custom-elements.json and the README's API tables, for the tests beside this file.
import { readFileSync } from 'node:fs';

/** The manifest's declaration of <connect-attachment-upload>. */
export function manifestElement() {
  const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
  const declarations = manifest.modules.flatMap((module) =>
    (module.declarations ?? []).map((declaration) => ({ ...declaration, modulePath: module.path })),
  );
  const element = declarations.find((declaration) => declaration.customElement);
  if (!element) throw new Error('custom-elements.json declares no custom element');
  return { manifest, element, declarations };
}

/** Custom-element reactions: public in TypeScript, but called by the browser, not by pages. */
const REACTIONS = new Set([
  'connectedCallback',
  'disconnectedCallback',
  'adoptedCallback',
  'attributeChangedCallback',
  'formAssociatedCallback',
  'formResetCallback',
  'formDisabledCallback',
  'formStateRestoreCallback',
]);

/** What a page can use: not static, not private or protected, not #private, not a reaction. */
export const isPublic = (member) =>
  !member.static &&
  !member.name.startsWith('#') &&
  member.privacy !== 'private' &&
  member.privacy !== 'protected' &&
  !REACTIONS.has(member.name);

/**
 * The markdown table under a heading of README.md, as rows of cells with the backticks and the
 * surrounding text of the first cell's code stripped ("`upload(files)`" -> "upload(files)").
 * @param {string} heading e.g. '### Events'
 * @returns {string[][]}
 */
export function readmeTable(heading) {
  const readme = readFileSync('README.md', 'utf8');
  const start = readme.split('\n').findIndex((line) => line.trim() === heading);
  if (start < 0) throw new Error(`README.md has no "${heading}" section`);
  const lines = readme.split('\n').slice(start + 1);
  const first = lines.findIndex((line) => line.startsWith('|'));
  const table = [];
  for (const line of lines.slice(first)) {
    if (!line.startsWith('|')) break;
    table.push(
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    );
  }
  // Drop the header row and the |---| row.
  return table.slice(2);
}

/** The first `code` span of a cell, or '' for a dash. */
export const code = (cell) => /`([^`]+)`/.exec(cell)?.[1] ?? '';
