// The README's "Getting a token" server example compiles against the AWS SDK's Connect client
// (pinned in devDependencies) with strict TypeScript for Node, as a server would compile it: a
// field renamed in the SDK, or a value that may be undefined passed where a string is required,
// fails here.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';

test("the README's StartChatContact example type-checks against @aws-sdk/client-connect", () => {
  const readme = readFileSync('README.md', 'utf8');
  const blocks = [...readme.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1]);
  const example = blocks.find((block) => block.includes("from '@aws-sdk/client-connect'"));
  assert.ok(example, 'the README has a ```ts block importing @aws-sdk/client-connect');
  assert.match(example, /new StartChatContactCommand\(/);
  assert.match(example, /ParticipantToken/);

  const dir = mkdtempSync(join(tmpdir(), 'cau-token-'));
  try {
    writeFileSync(join(dir, 'start-chat.ts'), example);
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: ['node'],
        },
        files: ['start-chat.ts'],
      }),
    );
    symlinkSync(resolve('node_modules'), join(dir, 'node_modules'), 'dir');
    let output = '';
    try {
      execFileSync(resolve('node_modules/.bin/tsc'), ['-p', dir, '--pretty', 'false'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (error) {
      output = `${error.stdout}${error.stderr}` || String(error);
    }
    assert.equal(output, '', 'tsc reports no error');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
