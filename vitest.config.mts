import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      {
        extends: true,
        // Services and glue with fakes and temporary folders: independent files, run side by side.
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        test: {
          name: 'serial',
          include: ['test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          // The keychain, CLI and browser suites share one Secret Service; one file at a time keeps D-Bus traffic
          // and child processes on a 2-core machine predictable. They start once the unit files are done.
          fileParallelism: false,
          sequence: { groupOrder: 1 },
          // They run the built CLI and renderer: build both once, so no test runs a stale dist/.
          globalSetup: ['./test/support/global-setup.ts'],
        },
      },
    ],
  },
});
