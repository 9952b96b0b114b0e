// npm run dev: watch builds of main, the CLI and preload (esbuild) and of the renderer (Vite) side by side, so
// `npm start` in another terminal (or a reload of the window) picks up every saved change.
import { spawn } from 'node:child_process';

const children = [
  spawn(process.execPath, ['build.mjs', '--watch'], { stdio: 'inherit' }),
  spawn(
    process.execPath,
    [
      'node_modules/vite/bin/vite.js',
      'build',
      '--watch',
      '--config',
      'renderer/vite.config.mts',
      '--logLevel',
      'warn',
    ],
    { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'development' } },
  ),
];
const stop = () => {
  for (const child of children) child.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children) {
  // One watcher dying (a broken config) takes the other down too, so a half-working dev loop never lingers.
  child.on('exit', (code) => {
    stop();
    if (code) process.exitCode = code;
  });
}
