import { execFileSync } from 'node:child_process';

/**
 * The CLI tests run the built bundle as a user would, and the end-to-end tests the built renderer: build both
 * once, so no test ever runs a stale dist/.
 */
export default function setup(): void {
  execFileSync(process.execPath, ['build.mjs'], { stdio: 'inherit' });
  execFileSync(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build', '--config', 'renderer/vite.config.mts', '--logLevel', 'warn'],
    // Vitest sets NODE_ENV=test, which Vite would carry into the bundle: React's development build, several
    // times slower than what ships.
    { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
  );
}
