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
          // A page, a keyring or a pool answers in milliseconds on a quiet machine and in seconds on a busy one:
          // polls wait for what they expect for up to 15 s, and only a real failure runs that long.
          expect: { poll: { timeout: 15_000, interval: 50 } },
          // A journey through a browser or several CLI runs is dozens of such steps; a slow machine is not a
          // failure, so a test has a minute (sweeps over widths and languages set their own, longer, limit).
          testTimeout: 60_000,
          sequence: { groupOrder: 1 },
          // They run the built CLI and renderer: build both once, so no test runs a stale dist/.
          globalSetup: ['./test/support/global-setup.ts'],
        },
      },
    ],
  },
});
