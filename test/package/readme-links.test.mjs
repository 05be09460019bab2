// The README's links within itself (its contents list, "see …" links) lead to a heading, as GitHub
// makes their anchors, and its links to files of the repository name files that exist: a section
// renamed or moved keeps its links true.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

const readme = readFileSync('README.md', 'utf8');
// Code blocks hold no links, and may hold lines that start with '#'.
const prose = readme.replace(/^```[\s\S]*?^```$/gm, '');

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export const slug = (heading) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');

test('every #anchor link in the README leads to one of its headings', () => {
  const anchors = new Set([...prose.matchAll(/^#{1,6} (.+)$/gm)].map((match) => slug(match[1])));
  const links = [...prose.matchAll(/\]\(#([^)]+)\)/g)].map((match) => match[1]);
  assert.ok(links.length > 10, 'the README links within itself (its contents list)');
  assert.deepEqual(
    links.filter((link) => !anchors.has(link)),
    [],
    'links to no heading',
  );
});

test('every link to a file of the repository names one that exists', () => {
  const paths = [...prose.matchAll(/\]\((?!https?:|#|mailto:)([^)#\s]+)(?:#[^)]*)?\)/g)].map((match) => match[1]);
  assert.ok(paths.includes('CHANGELOG.md'), 'the README links its changelog');
  assert.deepEqual(
    paths.filter((path) => !existsSync(path)),
    [],
    'links to files that do not exist',
  );
});
