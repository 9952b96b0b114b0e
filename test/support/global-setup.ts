import { execFileSync } from 'node:child_process';

/** The CLI tests run the built bundle as a user would; build it once so they never test a stale dist/. */
export default function setup(): void {
  execFileSync(process.execPath, ['build.mjs'], { stdio: 'inherit' });
}
