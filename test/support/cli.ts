import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { KeytarKeychain } from '../../main/vault/keytar-keychain';
import { requireSecretService } from './secret-service';

export const CLI = resolve(__dirname, '../../dist/cli/keyfob.js');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** An isolated vault: its own data folder and its own keychain service name. */
export interface Sandbox {
  home: string;
  service: string;
  env: NodeJS.ProcessEnv;
}

export function sandbox(extraEnv: NodeJS.ProcessEnv = {}): Sandbox {
  const home = mkdtempSync(join(tmpdir(), 'keyfob-cli-'));
  const service = `keyfob-test-${randomBytes(5).toString('hex')}`;
  // English output, whatever the machine's locale: the CLI speaks the language of LC_ALL, LC_MESSAGES or LANG.
  const env: NodeJS.ProcessEnv = { ...process.env, LANG: 'C' };
  delete env.LC_ALL;
  delete env.LC_MESSAGES;
  return {
    home,
    service,
    env: { ...env, KEYFOB_HOME: home, KEYFOB_KEYCHAIN_SERVICE: service, ...extraEnv },
  };
}

/**
 * What every CLI test file sets up: a Secret Service to talk to, and sandboxes whose keychain items are deleted
 * after the file, so a developer's own keyring is left as it was. Call it at the top of the file (or of a
 * describe); it returns the function that makes a sandbox.
 */
export function cliSandboxes(): (extraEnv?: NodeJS.ProcessEnv) => Sandbox {
  const made: Sandbox[] = [];
  beforeAll(() => requireSecretService());
  afterAll(async () => {
    for (const s of made) {
      const keychain = new KeytarKeychain({ service: s.service });
      for (const item of await keychain.list()) await keychain.delete(item.account);
    }
  });
  return (extraEnv = {}) => {
    const s = sandbox(extraEnv);
    made.push(s);
    return s;
  };
}

export function keyfob(
  args: string[],
  options: { env: NodeJS.ProcessEnv; input?: string; command?: string[]; timeoutMs?: number },
): Promise<CliResult> {
  const [cmd, ...pre] = options.command ?? [process.execPath];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd!, [...pre, CLI, ...args], { env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}
