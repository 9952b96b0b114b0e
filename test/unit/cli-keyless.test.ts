import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, type CliIo } from '../../main/cli/run';
import { createServices } from '../../main/services';
import { KEYCHAIN_CANARY, type Keychain } from '../../main/vault/keychain';
import { MemoryKeychain } from '../../main/vault/memory-keychain';

/** A keychain that counts what is asked of it: which keys were read, and how often every item was listed. */
class CountingKeychain implements Keychain {
  readonly kind = 'memory' as const;
  readonly service = 'counting';
  readonly inner = new MemoryKeychain();
  reads: string[] = [];
  lists = 0;
  deletes: string[] = [];

  get(account: string) {
    this.reads.push(account);
    return this.inner.get(account);
  }
  set(account: string, value: string) {
    return this.inner.set(account, value);
  }
  delete(account: string) {
    this.deletes.push(account);
    return this.inner.delete(account);
  }
  list() {
    this.lists++;
    return this.inner.list();
  }
  /** Key reads: the vault's canary holds no key, so it is not one. */
  get keyReads() {
    return this.reads.filter((a) => a !== KEYCHAIN_CANARY);
  }
  reset() {
    this.reads = [];
    this.lists = 0;
    this.deletes = [];
  }
}

function cli(keychain: Keychain, dataDir = mkdtempSync(join(tmpdir(), 'keyfob-keyless-'))) {
  // Services of their own for each command, as each run of the CLI is a process of its own (recovery included).
  return async (argv: string[], input = '') => {
    const services = createServices({ dataDir, keychain });
    let stdout = '';
    let stderr = '';
    const io: CliIo = {
      stdout: (t) => void (stdout += t),
      stderr: (t) => void (stderr += t),
      readStdin: async () => input,
      readStdinBytes: async () => new TextEncoder().encode(input),
      isTTY: false,
      env: { LANG: 'C' },
      services: () => services,
      version: 'test',
    };
    const code = await run(argv, io);
    return { code, stdout, stderr };
  };
}

const link = (i: number) =>
  `otpauth://totp/Issuer${i}:user${i}@example.com?secret=${'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[i % 32]}${'A'.repeat(14)}${'234567'[i % 6]}&issuer=Issuer${i}`;

describe('listing and finding accounts read the account details only, never a key', () => {
  it('lists, finds by name, renames and removes without reading a key; code reads only its own', async () => {
    const keychain = new CountingKeychain();
    const keyfob = cli(keychain);
    const links = Array.from({ length: 40 }, (_, i) => link(i)).join('\n');
    const imported = await keyfob(['import', '-'], links);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('40 added');
    const ids = [...keychain.inner.items.keys()].filter((k) => k !== KEYCHAIN_CANARY);
    expect(ids).toHaveLength(40);

    keychain.reset();
    const listed = await keyfob(['list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout.trim().split('\n')).toHaveLength(41);
    const json = await keyfob(['list', '--json']);
    expect(JSON.parse(json.stdout)).toHaveLength(40);
    expect(keychain.reads).toEqual([]);
    expect(keychain.lists).toBe(0);

    const renamed = await keyfob(['rename', 'Issuer7', '--label', 'seven@example.com']);
    expect(renamed.stdout).toContain('Issuer7 (seven@example.com)');
    const removed = await keyfob(['remove', 'Issuer8:user8@example.com', '--yes']);
    expect(removed.code, removed.stderr).toBe(0);
    expect(keychain.reads).toEqual([]);
    expect(keychain.lists).toBe(0);
    // Removing deletes the one key, without reading it or any other.
    expect(keychain.deletes).toHaveLength(1);

    const code = await keyfob(['code', 'Issuer12']);
    expect(code.code, code.stderr).toBe(0);
    expect(code.stdout).toMatch(/^\d{6}\n$/);
    const twelve = JSON.parse(json.stdout).find((a: { issuer: string }) => a.issuer === 'Issuer12').id;
    expect(keychain.keyReads).toEqual([twelve]);
    expect(keychain.lists).toBe(0);
  });

  it('still looks for lost keys when there are no account details to list', async () => {
    const keychain = new CountingKeychain();
    const dir = mkdtempSync(join(tmpdir(), 'keyfob-keyless-'));
    await cli(keychain, dir)(['import', '-'], `${link(1)}\n${link(2)}`);
    // accounts.json deleted behind Keyfob's back: the keys are all that is left, and list says so.
    rmSync(join(dir, 'accounts.json'));
    const listed = await cli(keychain, dir)(['list']);
    expect(listed.stdout).toContain('No accounts yet');
    expect(listed.stderr).toContain('2 keys in the keychain have lost their account details');
  });
});
