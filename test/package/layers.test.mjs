// The layers of src/ run one way (element -> core -> wire), and the core is usable where there is no
// DOM: importing the built package in Node (as server-rendering frameworks do) throws nothing, and
// the headless uploader validates and queues files there.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const sources = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
const importsOf = (file) => [...readFileSync(file, 'utf8').matchAll(/\b(?:from|import)\s*['"]([^'"]+)['"]/g)].map((match) => match[1]);

test('nothing under src/element/ imports src/api/, and the core imports nothing of the element', () => {
  const crossings = [];
  for (const file of sources('src/element')) {
    for (const specifier of importsOf(file)) if (/(^|\/)api\//.test(specifier)) crossings.push(`${file} -> ${specifier}`);
  }
  for (const file of [...sources('src/pipeline'), ...sources('src/api')]) {
    for (const specifier of importsOf(file)) if (/(^|\/)element\/|^lit/.test(specifier)) crossings.push(`${file} -> ${specifier}`);
  }
  for (const file of sources('src/api')) {
    for (const specifier of importsOf(file)) if (/(^|\/)pipeline\//.test(specifier)) crossings.push(`${file} -> ${specifier}`);
  }
  assert.deepEqual(crossings, []);
});

test('the core never touches the document', () => {
  const touching = [...sources('src/pipeline'), ...sources('src/api')].filter((file) =>
    /\bdocument\s*\.|\bcustomElements\b|\bHTMLElement\b|\bwindow\s*\./.test(
      readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ''),
    ),
  );
  assert.deepEqual(touching, []);
});

test('the package root and define.js import in Node with no DOM', async () => {
  assert.equal(typeof globalThis.document, 'undefined', 'no DOM here');
  const root = await import('../../dist/index.js');
  const define = await import('../../dist/define.js');
  assert.equal(typeof root.AttachmentUploader, 'function');
  assert.equal(define.AttachmentUploader, root.AttachmentUploader);
  assert.equal(typeof root.ConnectAttachmentUpload, 'function');
});

test('the headless uploader validates, queues and reports in Node', async () => {
  const { AttachmentUploader } = await import('../../dist/index.js');
  const started = [];
  const uploader = new AttachmentUploader(
    { token: 'connection-token', endpoint: 'http://localhost:1', multiple: true, manual: true, maxFileSize: 10 },
    {
      transport: {
        acps: () => ({
          startAttachmentUpload: async (_token, input) => {
            started.push(input.name);
            return {
              attachmentId: `a-${input.name}`,
              url: 'http://localhost:1/put',
              urlExpiry: new Date(Date.now() + 60_000),
              headers: {},
            };
          },
          completeAttachmentUpload: async () => {},
          createParticipantConnection: async () => ({ connectionToken: 'x', expiry: new Date() }),
        }),
        put: async ({ body, onProgress }) => onProgress?.(body.size, body.size),
      },
    },
  );
  const events = [];
  for (const type of ['attachment-reject', 'attachment-select', 'attachment-completed']) {
    uploader.addEventListener(type, (event) => events.push(`${type} ${event.detail.file.name}`));
  }
  const changed = [];
  uploader.addEventListener('uploads-changed', (event) => changed.push(event.detail.changed.length));
  uploader.upload([new File(['0123456789abc'], 'big.txt', { type: 'text/plain' }), new File(['hello'], 'a.txt', { type: 'text/plain' })]);
  assert.deepEqual(events, ['attachment-reject big.txt', 'attachment-select a.txt']);
  assert.equal(uploader.summary.held, 1, 'manual holds the file');
  await Promise.resolve();
  assert.deepEqual(changed, [1], 'one uploads-changed for the change');
  const completed = new Promise((resolve) => uploader.addEventListener('attachment-completed', resolve, { once: true }));
  uploader.upload();
  await completed;
  assert.deepEqual(started, ['a.txt']);
  assert.deepEqual(
    uploader.uploads.map((upload) => [upload.file.name, upload.state, upload.attachmentId]),
    [['a.txt', 'done', 'a-a.txt']],
  );
  uploader.dispose();
});
