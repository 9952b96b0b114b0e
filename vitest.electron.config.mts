import { defineConfig } from 'vitest/config';

// npm run test:electron (test/support/electron-run.mjs): the packaged-app flows, only where Electron runs.
export default defineConfig({
  test: {
    include: ['test/electron/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    globalSetup: ['./test/support/global-setup.ts'],
  },
});
