// @ts-check
// Starts `demo/serve.mjs` on a free port in a child process, for tests and scripts that drive the
// demo page (the README's `npm start` runs the same server).
import { spawn } from 'node:child_process';

/** @returns {Promise<{ url: string, stop: () => void }>} */
export async function startDemoServer() {
  const server = spawn(process.execPath, ['demo/serve.mjs'], {
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    let output = '';
    server.stdout?.on('data', (chunk) => {
      output += chunk;
      const match = /Demo:\s+(http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    server.once('exit', (code) => reject(new Error(`demo server exited with ${code}: ${output}`)));
  });
  return { url, stop: () => server.kill('SIGTERM') };
}
