#!/usr/bin/env node
// Runs a command (the test suite, the benchmark) where a real Secret Service answers.
//
// - Not Linux, or a Secret Service already answers on this session's D-Bus: run the command as it is.
// - Otherwise, if dbus-run-session and gnome-keyring-daemon exist: run it inside a private D-Bus session with
//   a GNOME Keyring whose login collection is created and unlocked with a throw-away password, in a fresh
//   XDG_DATA_HOME, so an old keyring with another password can never leave the collection locked.
// - Otherwise: say which packages to install, and fail.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

const INSIDE = 'KEYFOB_PRIVATE_KEYRING';
const command = process.argv.slice(2);
if (command.length === 0) {
  console.error('usage: keyring-session.mjs <command> [args…]');
  process.exit(2);
}

function which(name) {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .some((dir) => dir && spawnSync('test', ['-x', join(dir, name)]).status === 0);
}

function run(cmd, args, env) {
  const child = spawn(cmd, args, { stdio: 'inherit', env, shell: false });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  child.on('error', (error) => {
    console.error(`keyring-session: could not start ${cmd}: ${error.message}`);
    process.exit(127);
  });
}

/** Whether keytar can write, read and delete an item right now, within a few seconds (a child, since a locked keyring can hang or crash it). */
function secretServiceAnswers(env) {
  const require = createRequire(import.meta.url);
  let keytarPath;
  try {
    keytarPath = require.resolve('keytar');
  } catch {
    return false;
  }
  const probe = `const k=require(${JSON.stringify(keytarPath)});const s='keyfob-probe-'+process.pid;
    k.setPassword(s,'probe','x').then(()=>k.getPassword(s,'probe')).then(v=>k.deletePassword(s,'probe').then(()=>process.exit(v==='x'?0:1)),()=>process.exit(1));`;
  const result = spawnSync(process.execPath, ['-e', probe], { env, timeout: 5000, stdio: 'ignore' });
  return result.status === 0;
}

if (process.platform !== 'linux' || process.env[INSIDE] === 'inside') {
  run(command[0], command.slice(1), process.env);
} else if (process.env[INSIDE] === 'starting') {
  // We are the first process inside the private session: start the keyring, then the command.
  const unlock = spawnSync('gnome-keyring-daemon', ['--unlock', '--components=secrets'], {
    input: 'keyfob-test-password',
    encoding: 'utf8',
    env: process.env,
  });
  if (unlock.status !== 0) {
    console.error(`keyring-session: gnome-keyring-daemon --unlock failed:\n${unlock.stderr}`);
    process.exit(1);
  }
  const env = { ...process.env, [INSIDE]: 'inside' };
  for (const line of unlock.stdout.split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line);
    if (m) env[m[1]] = m[2];
  }
  if (!secretServiceAnswers(env)) {
    console.error('keyring-session: the private GNOME Keyring started but does not answer.');
    process.exit(1);
  }
  run(command[0], command.slice(1), env);
} else if (
  process.env.DBUS_SESSION_BUS_ADDRESS &&
  process.env.KEYFOB_TEST_PRIVATE_KEYRING !== '1' &&
  secretServiceAnswers(process.env)
) {
  run(command[0], command.slice(1), process.env);
} else {
  const missing = [];
  if (!which('dbus-run-session')) missing.push('dbus (dbus-run-session; Debian: dbus-daemon or dbus-x11)');
  if (!which('gnome-keyring-daemon')) missing.push('gnome-keyring');
  if (missing.length > 0) {
    console.error(
      'keyring-session: no Secret Service answers on D-Bus, and a private one cannot be started.\n' +
        `Install: ${missing.join(', ')} (Debian/Ubuntu: sudo apt-get install gnome-keyring dbus-x11 libsecret-1-dev).`,
    );
    process.exit(1);
  }
  const base = mkdtempSync(join(tmpdir(), 'keyfob-keyring-'));
  const dataHome = join(base, 'data');
  const runtimeDir = join(base, 'run');
  spawnSync('mkdir', ['-p', dataHome, runtimeDir]);
  chmodSync(runtimeDir, 0o700);
  const env = { ...process.env, XDG_DATA_HOME: dataHome, XDG_RUNTIME_DIR: runtimeDir, [INSIDE]: 'starting' };
  delete env.DBUS_SESSION_BUS_ADDRESS;
  delete env.GNOME_KEYRING_CONTROL;
  const child = spawn(
    'dbus-run-session',
    ['--', process.execPath, new URL(import.meta.url).pathname, ...command],
    {
      stdio: 'inherit',
      env,
    },
  );
  // Ctrl-C reaches the whole process group: wait for the session to end, then remove its folder (a signal sent
  // to this process alone is passed on).
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    rmSync(base, { recursive: true, force: true });
    process.exit(code ?? (signal ? 1 : 0));
  });
}
