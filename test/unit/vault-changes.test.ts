/**
 * The vault's "changed": after its own writes, and when accounts.json changes on disk (another process: the
 * CLI), each change of what a list shows reported once, and nothing once nobody listens.
 */
import { mkdtempSync, renameSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultParams } from '../../main/otp/types';
import { MemoryKeychain } from '../../main/vault/memory-keychain';
import { METADATA_FILE } from '../../main/vault/store';
import { Vault, type Account } from '../../main/vault/vault';

const vaults: Vault[] = [];
afterEach(() => {
  for (const v of vaults.splice(0)) v.close();
});

function vaultIn(dir: string, keychain = new MemoryKeychain()): Vault {
  const vault = new Vault({ dir, keychain, changeDebounceMs: 20 });
  vaults.push(vault);
  return vault;
}

const account = (label: string, secret: string, type: 'totp' | 'hotp' = 'totp') => ({
  issuer: 'Site',
  label,
  secret,
  params: defaultParams(type),
  extra: {},
});

/** Every list reported, and a way to wait for the next one. */
function listen(vault: Vault) {
  const seen: Account[][] = [];
  const off = vault.onChanged((list) => seen.push(list));
  const labels = () => seen.map((l) => l.map((a) => a.label));
  return {
    seen,
    off,
    labels,
    /**
     * The reports that are changes: the first one after subscribing may be the list as it was (there is
     * nothing to compare it with), here always the empty one.
     */
    changes: () => (labels()[0]?.length === 0 ? labels().slice(1) : labels()),
  };
}

describe('vault changes', () => {
  it('reports its own changes with the new list, and not writes that change nothing shown', async () => {
    const vault = vaultIn(mkdtempSync(join(tmpdir(), 'keyfob-changes-')));
    const heard = listen(vault);
    const a = await vault.add(account('a', 'JBSWY3DPEHPK3PXP'));
    await vi.waitFor(() => expect(heard.labels().at(-1)).toEqual(['a']));
    const counter = await vault.add(account('c', 'GEZDGNBVGY3TQOJQ', 'hotp'));
    await vi.waitFor(() => expect(heard.labels().at(-1)).toEqual(['a', 'c']));
    // An HOTP code moves the counter (a write), which a list does not show: no report. A rename is one.
    await vault.code(counter.id);
    await vault.rename(a.id, { label: 'ada' });
    await vi.waitFor(() => expect(heard.labels().at(-1)).toEqual(['ada', 'c']));
    await vault.remove(counter.id);
    await vi.waitFor(() => expect(heard.labels().at(-1)).toEqual(['ada']));
    expect(heard.changes()).toEqual([['a'], ['a', 'c'], ['ada', 'c'], ['ada']]);
  });

  it('goes on reporting to every listener after one of them throws', async () => {
    const vault = vaultIn(mkdtempSync(join(tmpdir(), 'keyfob-changes-')));
    vault.onChanged(() => {
      throw new Error('a window that went away');
    });
    const heard = listen(vault);
    await vault.add(account('a', 'JBSWY3DPEHPK3PXP'));
    await vi.waitFor(() => expect(heard.labels().at(-1)).toEqual(['a']));
    await vault.add(account('b', 'GEZDGNBVGY3TQOJQ'));
    await vi.waitFor(() => expect(heard.labels().at(-1)).toEqual(['a', 'b']));
    expect(heard.changes()).toEqual([['a'], ['a', 'b']]);
  });

  it('reports an account another process adds or removes, through the file on disk', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keyfob-changes-'));
    const keychain = new MemoryKeychain();
    const app = vaultIn(dir, keychain);
    await app.recover();
    const heard = listen(app);
    // The CLI: its own vault over the same folder and keychain, with no listener of its own.
    const cli = new Vault({ dir, keychain });
    const added = await cli.add(account('from-cli', 'JBSWY3DPEHPK3PXP'));
    await vi.waitFor(() => expect(heard.changes()).toEqual([['from-cli']]));
    await cli.remove(added.id);
    await vi.waitFor(() => expect(heard.changes()).toEqual([['from-cli'], []]));
  });

  it('follows a file replaced by rename, as an editor or another tool writes it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keyfob-changes-'));
    const vault = vaultIn(dir);
    await vault.add(account('a', 'JBSWY3DPEHPK3PXP'));
    const heard = listen(vault);
    const file = join(dir, METADATA_FILE);
    const data = JSON.parse(readFileSync(file, 'utf8')) as { accounts: Array<{ label: string }> };
    data.accounts[0]!.label = 'renamed outside';
    writeFileSync(`${file}.edit`, JSON.stringify(data));
    renameSync(`${file}.edit`, file);
    await vi.waitFor(() => expect(heard.labels()).toEqual([['renamed outside']]));
  });

  it('stops reporting once nobody listens, or the vault is closed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keyfob-changes-'));
    const keychain = new MemoryKeychain();
    const vault = vaultIn(dir, keychain);
    const first = listen(vault);
    const second = listen(vault);
    await vault.add(account('a', 'JBSWY3DPEHPK3PXP'));
    await vi.waitFor(() => expect(first.labels().at(-1)).toEqual(['a']));
    await vi.waitFor(() => expect(second.labels().at(-1)).toEqual(['a']));
    first.off();
    const firstHeard = first.seen.length;
    await vault.add(account('b', 'GEZDGNBVGY3TQOJQ'));
    await vi.waitFor(() => expect(second.labels().at(-1)).toEqual(['a', 'b']));
    expect(first.seen).toHaveLength(firstHeard);
    vault.close();
    const secondHeard = second.seen.length;
    // A change made after closing, which a still-open vault hears: the closed one does not.
    const other = vaultIn(dir, keychain);
    const witness = listen(other);
    await new Vault({ dir, keychain }).add(account('c', 'MFRGGZDFMZTWQ2LK'));
    await vi.waitFor(() => expect(witness.labels().at(-1)).toEqual(['a', 'b', 'c']));
    expect(second.seen).toHaveLength(secondHeard);
  });
});

describe('vault changes before the folder exists', () => {
  it('starts watching once the data folder is created, as on a first start', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'keyfob-changes-')), 'not-yet');
    const keychain = new MemoryKeychain();
    const app = vaultIn(dir, keychain);
    const heard = listen(app);
    // Another process creates the folder and the first account.
    await new Vault({ dir, keychain }).add(account('first', 'JBSWY3DPEHPK3PXP'));
    await vi.waitFor(() => expect(heard.labels().at(-1)).toEqual(['first']), { timeout: 5_000 });
  });
});
