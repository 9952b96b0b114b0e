import { describe, expect, it } from 'vitest';
import { KEYCHAIN_CANARY } from '../../main/vault/keychain';
import { moveKeychainItems } from '../../main/vault/keychain-move';
import { MemoryKeychain } from '../../main/vault/memory-keychain';
import { printMoveConflicts, type CliIo } from '../../main/cli/common';

const NAMES = { from: 'Keyfob', to: 'dev.keyfob.Keyfob' };

/** Two services that record, after every write, which values exist in either; a write can be made to crash. */
function services(items: Record<string, string>, crashAt = Infinity) {
  const from = new MemoryKeychain();
  const to = new MemoryKeychain();
  for (const [k, v] of Object.entries(items)) from.items.set(k, v);
  const wanted = Object.values(items);
  let writes = 0;
  const lost: string[] = [];
  for (const keychain of [from, to]) {
    const set = keychain.set.bind(keychain);
    const del = keychain.delete.bind(keychain);
    const after = () => {
      const everywhere = new Set([...from.items.values(), ...to.items.values()]);
      lost.push(...wanted.filter((v) => !everywhere.has(v)));
    };
    keychain.set = async (account, value) => {
      if (++writes >= crashAt) throw new Error('crash');
      await set(account, value);
      after();
    };
    keychain.delete = async (account) => {
      if (++writes >= crashAt) throw new Error('crash');
      const done = await del(account);
      after();
      return done;
    };
  }
  return { from, to, lost };
}

const A = '0b9c5d2e-1f3a-4b6c-8d7e-9f0a1b2c3d4e';
const B = '7e6d5c4b-3a29-4817-a6f5-e4d3c2b1a090';
const VAULT = { [A]: 'key a', [B]: 'key b', 'pool-client-secret:p': 'client', [KEYCHAIN_CANARY]: 'canary' };

describe('moving keychain items between services', () => {
  it('moves everything, the canary last', async () => {
    const { from, to, lost } = services(VAULT);
    const move = await moveKeychainItems(from, to, NAMES);
    expect(move.moved).toEqual([A, B, 'pool-client-secret:p', KEYCHAIN_CANARY]);
    expect(move.conflicts).toEqual([]);
    expect(from.items.size).toBe(0);
    expect(Object.fromEntries(to.items)).toEqual(VAULT);
    expect(lost).toEqual([]);
  });

  it('loses nothing when it crashes at any write, and the next run finishes the move', async () => {
    for (let crashAt = 1; crashAt <= 8; crashAt++) {
      const { from, to, lost } = services(VAULT, crashAt);
      await expect(moveKeychainItems(from, to, NAMES)).rejects.toThrow('crash');
      expect(lost, `crash at write ${crashAt}`).toEqual([]);
      // The canary is still in the old service until the very end, so the next start finds the move again.
      expect(from.items.get(KEYCHAIN_CANARY)).toBe('canary');
      const again = services({});
      for (const [k, v] of from.items) again.from.items.set(k, v);
      for (const [k, v] of to.items) again.to.items.set(k, v);
      await moveKeychainItems(again.from, again.to, NAMES);
      expect(again.from.items.size).toBe(0);
      expect(Object.fromEntries(again.to.items)).toEqual(VAULT);
    }
  });

  it('reports and keeps an item the new service holds with another value, and the vault stays usable', async () => {
    const { from, to } = services(VAULT);
    to.items.set(B, 'someone else');
    const move = await moveKeychainItems(from, to, NAMES);
    expect(move).toEqual({ ...NAMES, moved: [A, 'pool-client-secret:p'], conflicts: [B] });
    expect(to.items.get(B)).toBe('someone else');
    // The old canary stays so that the next start reports the conflict again; the new service has its own copy,
    // or the vault would take it for a locked keychain until someone sorted the conflict out.
    expect(Object.fromEntries(from.items)).toEqual({ [B]: 'key b', [KEYCHAIN_CANARY]: 'canary' });
    expect(to.items.get(KEYCHAIN_CANARY)).toBe('canary');
  });

  it('leaves another program’s items of the old, generic service name where they are', async () => {
    const { from, to } = services({ ...VAULT, 'someone-else:token': 'theirs', github: 'theirs too' });
    const move = await moveKeychainItems(from, to, NAMES);
    expect(move.moved).toEqual([A, B, 'pool-client-secret:p', KEYCHAIN_CANARY]);
    expect(Object.fromEntries(from.items)).toEqual({ 'someone-else:token': 'theirs', github: 'theirs too' });
    expect(to.items.has('github')).toBe(false);
  });

  it('does not search an old service without a canary (locked, or never used)', async () => {
    const { from, to } = services({ [A]: 'key a' });
    from.list = () => Promise.reject(new Error('a search of a locked collection'));
    expect(await moveKeychainItems(from, to, NAMES)).toEqual({ ...NAMES, moved: [], conflicts: [] });
    expect(from.items.get(A)).toBe('key a');
  });

  it('refuses to delete the original when the copy does not read back', async () => {
    const { from, to } = services({ [A]: 'key a', [KEYCHAIN_CANARY]: 'canary' });
    to.get = () => Promise.resolve(null);
    await expect(moveKeychainItems(from, to, NAMES)).rejects.toMatchObject({ code: 'KEYCHAIN_FAILED' });
    expect(from.items.get(A)).toBe('key a');
  });
});

describe('what the CLI says of a move that left items behind', () => {
  function io(LANG: string) {
    const err: string[] = [];
    const fake = { env: { LANG }, stderr: (text: string) => err.push(text) } as unknown as CliIo;
    return { fake, err };
  }

  it('says nothing when everything moved, and names what stayed in the language of LANG', () => {
    const move = { from: 'Keyfob', to: 'dev.keyfob.Keyfob', moved: [A], conflicts: [] };
    const quiet = io('C');
    printMoveConflicts(quiet.fake, move);
    expect(quiet.err).toEqual([]);

    const left = { ...move, conflicts: [B] };
    const en = io('C');
    printMoveConflicts(en.fake, left);
    expect(en.err).toEqual([
      `keyfob: 1 keychain item of the old service "Keyfob" was not moved to "dev.keyfob.Keyfob", which already holds another value under the same name: ${B}. Both copies were kept.\n`,
    ]);
    const de = io('de_DE.UTF-8');
    printMoveConflicts(de.fake, { ...left, conflicts: [A, B] });
    expect(de.err[0]).toMatch(/^keyfob: 2 Schlüsselbund-Elemente des alten Dienstes „Keyfob“ wurden nicht/);
  });
});
