import { describe, expect, it } from 'vitest';
import { KEYCHAIN_CANARY } from '../../main/vault/keychain';
import { moveKeychainItems } from '../../main/vault/keychain-move';
import { MemoryKeychain } from '../../main/vault/memory-keychain';

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

const VAULT = { a: 'key a', b: 'key b', 'pool-client-secret:p': 'client', [KEYCHAIN_CANARY]: 'canary' };

describe('moving keychain items between services', () => {
  it('moves everything, the canary last', async () => {
    const { from, to, lost } = services(VAULT);
    const move = await moveKeychainItems(from, to, NAMES);
    expect(move.moved).toEqual(['a', 'b', 'pool-client-secret:p', KEYCHAIN_CANARY]);
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

  it('reports and keeps an item the new service holds with another value', async () => {
    const { from, to } = services(VAULT);
    to.items.set('b', 'someone else');
    const move = await moveKeychainItems(from, to, NAMES);
    expect(move).toEqual({ ...NAMES, moved: ['a', 'pool-client-secret:p'], conflicts: ['b'] });
    expect(to.items.get('b')).toBe('someone else');
    expect(Object.fromEntries(from.items)).toEqual({ b: 'key b', [KEYCHAIN_CANARY]: 'canary' });
  });

  it('does not search an old service without a canary (locked, or never used)', async () => {
    const { from, to } = services({ a: 'key a' });
    from.list = () => Promise.reject(new Error('a search of a locked collection'));
    expect(await moveKeychainItems(from, to, NAMES)).toEqual({ ...NAMES, moved: [], conflicts: [] });
    expect(from.items.get('a')).toBe('key a');
  });

  it('refuses to delete the original when the copy does not read back', async () => {
    const { from, to } = services({ a: 'key a', [KEYCHAIN_CANARY]: 'canary' });
    to.get = () => Promise.resolve(null);
    await expect(moveKeychainItems(from, to, NAMES)).rejects.toMatchObject({ code: 'KEYCHAIN_FAILED' });
    expect(from.items.get('a')).toBe('key a');
  });
});
