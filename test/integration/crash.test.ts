import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytesToBase32 } from '../../main/otp/secret';
import { parseOtpauthUri } from '../../main/otp/uri';
import { KeytarKeychain } from '../../main/vault/keytar-keychain';
import { CANARY_ACCOUNT } from '../../main/vault/vault';
import { cliSandboxes, CLI, keyfob, type Sandbox } from '../support/cli';

const COUNT = 60;
const secrets = Array.from({ length: COUNT }, (_, i) =>
  bytesToBase32(new Uint8Array(Array.from({ length: 20 }, (_, j) => (i * 31 + j * 7 + 1) % 256))),
);
const lines = secrets.map((s, i) => `otpauth://totp/Crash%20${i}:user${i}?secret=${s}`);
const HOTP_SECRET = 'JBSWY3DPEHPK3PXP';

function killAfter(args: string[], s: Sandbox, delayMs: number): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: s.env, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    child.on('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** The vault after a crash, as the next start sees it: recovery must leave metadata and keychain in step. */
async function checkConsistent(s: Sandbox): Promise<string[]> {
  // The start that recovers: `keyfob recover` alone changes nothing but finishes interrupted writes (list reads
  // the account details only, and leaves them to the next command that reads the keychain).
  expect((await keyfob(['recover'], s)).code).toBe(0);
  const list = await keyfob(['list', '--json'], s);
  expect(list.code, list.stderr).toBe(0);
  const accounts: Array<{ id: string; label: string }> = JSON.parse(list.stdout);
  // Killed before its first write, a run leaves no file at all; otherwise the file is always whole.
  const file = join(s.home, 'accounts.json');
  if (existsSync(file)) expect(() => JSON.parse(readFileSync(file, 'utf8'))).not.toThrow();
  else expect(accounts).toEqual([]);
  const items = (await new KeytarKeychain({ service: s.service }).list()).filter(
    (i) => i.account !== CANARY_ACCOUNT,
  );
  // No secret without metadata, no metadata without secret.
  expect(accounts.map((a) => a.id).sort()).toEqual(items.map((i) => i.account).sort());
  const exported = await keyfob(['export', '--format', 'uris', '--yes'], s);
  expect(exported.code, exported.stderr).toBe(0);
  const got =
    exported.stdout.trim() === ''
      ? []
      : exported.stdout
          .trim()
          .split('\n')
          .map((l) => parseOtpauthUri(l).secret);
  // Every stored secret is one we gave, whole, and none twice.
  expect(got.filter((g) => !secrets.includes(g) && g !== HOTP_SECRET)).toEqual([]);
  expect(new Set(got).size).toBe(got.length);
  expect(readdirSync(s.home).filter((f) => f.includes('.tmp-') || f.endsWith('.lock'))).toEqual([]);
  return got;
}

describe('killing the CLI in the middle of writes loses nothing and corrupts nothing', () => {
  const newSandbox = cliSandboxes();

  it('during an import of 60 accounts, at many points', async () => {
    const s = newSandbox();
    const file = join(s.home, 'import.txt');
    writeFileSync(file, lines.join('\n'));
    const start = Date.now();
    await keyfob(['import', file], s); // one undisturbed run to learn how long an import takes here
    const full = Date.now() - start;
    expect((await checkConsistent(s)).length).toBe(COUNT);

    const sizes: number[] = [];
    for (let round = 0; round < 8; round++) {
      const fresh = newSandbox();
      writeFileSync(join(fresh.home, 'import.txt'), lines.join('\n'));
      await killAfter(
        ['import', join(fresh.home, 'import.txt')],
        fresh,
        Math.round((full * (round + 1)) / 9),
      );
      sizes.push((await checkConsistent(fresh)).length);
      // Running the import again completes it, with what survived reported as duplicates.
      const again = await keyfob(['import', join(fresh.home, 'import.txt')], fresh);
      expect(again.code, again.stderr).toBe(0);
      expect((await checkConsistent(fresh)).length).toBe(COUNT);
    }
    // The kills landed before, during and after the keychain writes, not only at the edges.
    expect(
      sizes.some((n) => n > 0 && n < COUNT),
      `accounts kept per round: ${sizes.join(', ')}`,
    ).toBe(true);
  }, 180_000);

  it('during removals and HOTP code generation', async () => {
    const s = newSandbox();
    writeFileSync(
      join(s.home, 'import.txt'),
      lines.slice(0, 10).join('\n') + `\notpauth://hotp/Counter:c?secret=${HOTP_SECRET}&counter=0\n`,
    );
    expect((await keyfob(['import', join(s.home, 'import.txt')], s)).code).toBe(0);
    for (let round = 0; round < 6; round++) {
      await killAfter(['remove', `user${round}`, '--yes'], s, 40 + round * 25);
      await killAfter(['code', 'counter'], s, 40 + round * 25);
      await checkConsistent(s);
    }
    const before = JSON.parse((await keyfob(['list', '--json'], s)).stdout).find(
      (a: { label: string }) => a.label === 'c',
    ).counter;
    const code = await keyfob(['code', 'counter', '--json'], s);
    expect(JSON.parse(code.stdout).counter).toBe(before);
    const after = JSON.parse((await keyfob(['list', '--json'], s)).stdout).find(
      (a: { label: string }) => a.label === 'c',
    ).counter;
    expect(after).toBe(before + 1);
  }, 120_000);
});
