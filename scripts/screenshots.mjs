// npm run screenshots [-- name ...]: scripts/screenshots/main.ts inside a private keyring session, as the preview
// runs, so the sample accounts never reach the keychain of the person's own session.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const child = spawn(
  process.execPath,
  [
    'test/support/keyring-session.mjs',
    process.execPath,
    '--import',
    'tsx',
    'scripts/screenshots/main.ts',
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, KEYFOB_TEST_PRIVATE_KEYRING: '1' } },
);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
