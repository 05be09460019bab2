// The host-toolchain specs only (test-dom/): the browser tests under test/ run in real browsers
// through web-test-runner, and the Node tests through node --test.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['test-dom/*.test.mjs'],
    testTimeout: 20000,
    hookTimeout: 20000,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
