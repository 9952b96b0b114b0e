// npm run test:electron: the end-to-end flows through Playwright's _electron against the built app, where an
// Electron binary exists (a developer's workstation). Elsewhere it says so and stops, successfully: the same
// flows run in Chromium in `npm test`.
import { spawnSync } from 'node:child_process';
import { electronBinary } from './electron-binary.mjs';

const binary = electronBinary();
if (!binary) {
  console.log(
    'test:electron skipped: there is no Electron binary on this machine (node_modules/electron has no dist/).\n' +
      'Install one with `npx install-electron` where downloads are allowed; the same flows ran in Chromium in `npm test`.',
  );
  process.exit(0);
}
const result = spawnSync(
  process.execPath,
  ['test/support/keyring-session.mjs', 'vitest', 'run', '--config', 'vitest.electron.config.mts'],
  { stdio: 'inherit', env: { ...process.env, KEYFOB_ELECTRON: binary } },
);
process.exit(result.status ?? 1);
