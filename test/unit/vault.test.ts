import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { KeyfobError } from '../../main/errors';
import { codeAt, codeForCounter } from '../../main/otp/codes';
import { defaultParams } from '../../main/otp/types';
import { parseOtpauthUri } from '../../main/otp/uri';
import { CANARY_ACCOUNT, Vault, type NewAccount } from '../../main/vault/vault';
import { MemoryKeychain } from '../../main/vault/memory-keychain';
import { METADATA_FILE, SCHEMA_VERSION } from '../../main/vault/store';
import { say } from '../../main/cli/words';

const SECRET_A = 'JBSWY3DPEHPK3PXP';
const SECRET_B = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const SECRET_C = 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU';

function account(
  issuer: string,
  label: string,
  secret: string,
  overrides: Partial<NewAccount> = {},
): NewAccount {
  return { issuer, label, secret, params: defaultParams('totp'), extra: {}, ...overrides };
}

async function expectError(promise: Promise<unknown>, code: string): Promise<KeyfobError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(KeyfobError);
    expect((error as KeyfobError).code).toBe(code);
    return error as KeyfobError;
  }
  throw new Error(`expected ${code}`);
}

describe('vault', () => {
  let dir: string;
  let keychain: MemoryKeychain;
  let now: number;
  let vault: Vault;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'keyfob-vault-'));
    keychain = new MemoryKeychain();
    now = Date.UTC(2026, 10, 23, 12, 0, 0);
    vault = new Vault({ dir, keychain, clock: { now: () => now } });
  });

  const metadataText = () => readFileSync(join(dir, METADATA_FILE), 'utf8');

  it('stores the secret in the keychain and only metadata on disk', async () => {
    const added = await vault.add(account('GitHub', 'alice', SECRET_A, { icon: 'github' }));
    expect(added).toMatchObject({
      issuer: 'GitHub',
      label: 'alice',
      type: 'totp',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      status: 'active',
      icon: 'github',
      order: 0,
    });
    expect(added.createdAt).toBe(new Date(now).toISOString());
    expect(metadataText()).not.toContain(SECRET_A);
    const item = keychain.items.get(added.id);
    expect(item).toBeDefined();
    expect(parseOtpauthUri(JSON.parse(item!).uri).secret).toBe(SECRET_A);
    expect(keychain.items.get(CANARY_ACCOUNT)).toBeDefined();
    const file = JSON.parse(metadataText());
    expect(file.schema).toBe(SCHEMA_VERSION);
    expect(file.accounts[0].status).toBe('active');
  });

  it('gives the current code, the next one and the time left', async () => {
    const added = await vault.add(account('GitHub', 'alice', SECRET_B));
    const result = await vault.code(added.id, 59_000);
    expect(result.code).toBe('287082');
    expect(result.time).toMatchObject({
      remaining: 1,
      next: codeAt(SECRET_B, defaultParams('totp'), 60_000).code,
    });
    expect((await vault.code(added.id)).code).toBe(codeAt(SECRET_B, defaultParams('totp'), now).code);
  });

  it('advances and saves the HOTP counter before returning a code', async () => {
    const added = await vault.add(
      account('Bank', 'me', SECRET_B, { params: { ...defaultParams('hotp'), counter: 3 } }),
    );
    const first = await vault.code(added.id);
    expect(first).toMatchObject({ code: codeForCounter(SECRET_B, defaultParams('hotp'), 3), counter: 3 });
    expect(JSON.parse(metadataText()).accounts[0].counter).toBe(4);
    const second = await vault.code(added.id);
    expect(second.counter).toBe(4);
    expect(second.code).not.toBe(first.code);
    expect((await vault.get(added.id)).counter).toBe(5);
  });

  it('refuses the same key with the same parameters, and says which account is already there', async () => {
    await vault.add(account('GitHub', 'alice', SECRET_A));
    const byKey = await expectError(vault.add(account('Other', 'bob', SECRET_A.toLowerCase())), 'DUPLICATE');
    expect(byKey.message).toContain('same key');
    expect(byKey.message).toContain('GitHub (alice)');
    expect(byKey.hint).toContain('--allow-duplicate');
    expect(await vault.list()).toHaveLength(1);
    await vault.add(account('Other', 'bob', SECRET_A), { allowDuplicate: true });
    expect(await vault.list()).toHaveLength(2);
  });

  it('adds an account that only shares a name, since its key differs', async () => {
    await vault.add(account('GitHub', 'alice', SECRET_A));
    const added = await vault.add(account('github', 'ALICE', SECRET_B));
    expect(added.label).toBe('ALICE');
    expect(await vault.list()).toHaveLength(2);
    expect((await vault.reveal(added.id)).secret).toBe(SECRET_B);
  });

  it('tells the same key apart by its parameters: another algorithm, digits, period or counter is added', async () => {
    await vault.add(account('Site', 'a', SECRET_A));
    await vault.add(account('Site', 'h', SECRET_C, { params: { ...defaultParams('hotp'), counter: 4 } }));
    const variants: NewAccount[] = [
      account('Site', 'a', SECRET_A, { params: { ...defaultParams('totp'), algorithm: 'SHA256' } }),
      account('Site', 'a', SECRET_A, { params: { ...defaultParams('totp'), digits: 8 } }),
      account('Site', 'a', SECRET_A, { params: { ...defaultParams('totp'), period: 60 } }),
      account('Site', 'a', SECRET_A, { params: defaultParams('hotp') }),
      account('Site', 'h', SECRET_C, { params: { ...defaultParams('hotp'), counter: 9 } }),
      // The counter is no parameter of a time-based code: this one is the first account again.
      account('Site', 'a', SECRET_A, { params: { ...defaultParams('totp'), counter: 7 } }),
      account('Site', 'h', SECRET_C, { params: { ...defaultParams('hotp'), counter: 4 } }),
    ];
    const outcomes = await vault.addMany(variants);
    expect(outcomes.map((o) => o.status)).toEqual([
      'added',
      'added',
      'added',
      'added',
      'added',
      'duplicate',
      'duplicate',
    ]);
    expect(await vault.list()).toHaveLength(7);
  });

  it('imports many, reporting added, duplicate and refused per entry', async () => {
    await vault.add(account('GitHub', 'alice', SECRET_A));
    const outcomes = await vault.addMany([
      account('AWS', 'root', SECRET_B),
      account('Dup', 'key', SECRET_A),
      account('AWS', 'root', SECRET_C),
      account('Bad', 'digits', SECRET_C, { params: { ...defaultParams('totp'), digits: 9 } }),
      account('Empty', '  ', SECRET_C),
      account('Bad', 'secret', 'not base32!'),
      account('Good', 'one', 'MFRGGZDFMZTWQ2LK'),
    ]);
    // Two AWS accounts both called "root" are two keys: both are kept, the second with a note naming the first.
    expect(outcomes.map((o) => o.status)).toEqual([
      'added',
      'duplicate',
      'added',
      'refused',
      'refused',
      'refused',
      'added',
    ]);
    expect(outcomes[0]).not.toHaveProperty('reason');
    expect(outcomes[1]).toMatchObject({ reason: expect.stringContaining('GitHub (alice)') });
    expect(outcomes[2]).toMatchObject({
      reason: 'it shares its name with AWS (root), which has another key',
      key: 'vaultSharesName',
      params: { existing: 'AWS (root)' },
    });
    expect(outcomes[5]).toMatchObject({ reason: expect.stringContaining('a key never contains') });
    expect((await vault.list()).map((a) => a.label)).toEqual(['alice', 'root', 'root', 'one']);
    const roots = (await vault.list()).filter((a) => a.label === 'root');
    const keys = await Promise.all(roots.map(async (a) => (await vault.reveal(a.id)).secret));
    expect(keys.sort()).toEqual([SECRET_B, SECRET_C].sort());
  });

  it('finds accounts by id, id prefix or name, and insists on one match when resolving', async () => {
    const a = await vault.add(account('GitHub', 'alice', SECRET_A));
    await vault.add(account('GitLab', 'alice', SECRET_B));
    expect(await vault.resolve(a.id)).toMatchObject({ id: a.id });
    expect(await vault.resolve(a.id.slice(0, 6))).toMatchObject({ id: a.id });
    expect(await vault.resolve('github')).toMatchObject({ id: a.id });
    expect(await vault.resolve('GitHub:alice')).toMatchObject({ id: a.id });
    const ambiguous = await expectError(vault.resolve('alice'), 'ACCOUNT_AMBIGUOUS');
    expect(ambiguous.message).toContain('GitLab (alice)');
    await expectError(vault.resolve('nothing'), 'ACCOUNT_NOT_FOUND');
  });

  it('renames, reorders and removes', async () => {
    const a = await vault.add(account('A', 'a', SECRET_A));
    const b = await vault.add(account('B', 'b', SECRET_B));
    const c = await vault.add(account('C', 'c', SECRET_C));
    expect((await vault.rename(b.id, { issuer: ' Bee ', label: 'bee' })).issuer).toBe('Bee');
    await expectError(vault.rename(b.id, { label: ' ' }), 'PARAMS_INVALID');
    expect((await vault.reorder([c.id, a.id])).map((x) => x.id)).toEqual([c.id, a.id, b.id]);
    await vault.remove(a.id);
    expect(keychain.items.has(a.id)).toBe(false);
    expect((await vault.list()).map((x) => x.id)).toEqual([c.id, b.id]);
    await expectError(vault.code(a.id), 'ACCOUNT_NOT_FOUND');
  });

  it('keeps pending enrollments until they are verified or discarded', async () => {
    const link = { profile: 'test-pool', username: 'qa-user' };
    const pending = await vault.add(
      account('test-pool', 'qa-user', SECRET_A, { pending: true, cognito: link }),
    );
    expect(pending).toMatchObject({ status: 'pending', cognito: link });
    expect(JSON.parse(keychain.items.get(pending.id)!)).toMatchObject({ status: 'pending', cognito: link });
    expect((await vault.markVerified(pending.id)).status).toBe('active');
    const other = await vault.add(account('test-pool', 'other', SECRET_B, { pending: true, cognito: link }));
    await vault.discard(other.id);
    expect(keychain.items.has(other.id)).toBe(false);
    expect((await vault.list()).map((a) => a.id)).toEqual([pending.id]);
  });

  it('reveals the secret only through reveal()', async () => {
    const a = await vault.add(account('A', 'a', SECRET_A, { extra: { image: 'https://x/i.png' } }));
    expect(JSON.stringify(await vault.list())).not.toContain(SECRET_A);
    expect(await vault.reveal(a.id)).toMatchObject({
      secret: SECRET_A,
      issuer: 'A',
      label: 'a',
      extra: { image: 'https://x/i.png' },
    });
  });

  describe('a locked or broken keychain', () => {
    it('reports a locked keychain and stores nothing elsewhere', async () => {
      await vault.add(account('A', 'a', SECRET_A));
      keychain.locked = true;
      await expectError(vault.add(account('B', 'b', SECRET_B)), 'KEYCHAIN_LOCKED');
      expect(metadataText()).not.toContain(SECRET_B);
      expect(JSON.parse(metadataText()).accounts).toHaveLength(1);
    });

    it('tells a keychain that returns nothing (locked Secret Service) from a missing item', async () => {
      const a = await vault.add(account('A', 'a', SECRET_A));
      keychain.items.delete(a.id);
      await expectError(vault.code(a.id), 'SECRET_MISSING');
      keychain.items.clear(); // what keytar shows of a locked collection: every read comes back empty
      await expectError(vault.code(a.id), 'KEYCHAIN_LOCKED');
      await expectError(vault.recover(), 'KEYCHAIN_LOCKED');
    });

    it('drops the intent of an add whose keychain write failed, and says why', async () => {
      await vault.add(account('A', 'a', SECRET_A));
      const failing = new Proxy(keychain, {
        get(target, prop, receiver) {
          if (prop === 'set')
            return async () =>
              Promise.reject(new KeyfobError('KEYCHAIN_FAILED', 'keychainRefused', { detail: 'denied' }));
          return Reflect.get(target, prop, receiver);
        },
      });
      const broken = new Vault({ dir, keychain: failing });
      await expectError(broken.add(account('B', 'b', SECRET_B)), 'KEYCHAIN_FAILED');
      const file = JSON.parse(metadataText());
      expect(file.accounts.map((a: { label: string }) => a.label)).toEqual(['a']);
    });
  });

  describe('recovery at start', () => {
    it('completes an add interrupted after the secret was stored, and drops one interrupted before', async () => {
      await vault.add(account('A', 'a', SECRET_A));
      const file = JSON.parse(metadataText());
      const base = { ...file.accounts[0], status: 'adding', target: 'active' };
      file.accounts.push(
        { ...base, id: 'with-secret', label: 'b', order: 1 },
        { ...base, id: 'without-secret', label: 'c', order: 2 },
      );
      writeFileSync(join(dir, METADATA_FILE), JSON.stringify(file));
      keychain.items.set(
        'with-secret',
        JSON.stringify({ keyfob: 1, uri: `otpauth://totp/A:b?secret=${SECRET_B}` }),
      );
      expect((await vault.list()).map((a) => a.label)).toEqual(['a']);
      const report = await vault.recover();
      expect(report.completed).toBe(2);
      expect((await vault.list()).map((a) => a.id)).toContain('with-secret');
      expect((await vault.list()).map((a) => a.id)).not.toContain('without-secret');
    });

    it('finishes an interrupted removal without resurrecting the account', async () => {
      const a = await vault.add(account('A', 'a', SECRET_A));
      const file = JSON.parse(metadataText());
      file.accounts[0].status = 'removing';
      writeFileSync(join(dir, METADATA_FILE), JSON.stringify(file));
      const report = await vault.recover();
      expect(report.orphans).toEqual([]);
      expect(keychain.items.has(a.id)).toBe(false);
      expect(await vault.list()).toEqual([]);
    });

    it('offers a verified enrollment whose metadata was lost as verified, not as one to discard', async () => {
      const link = { profile: 'pool', username: 'qa' };
      const p = await vault.add(account('pool', 'qa', SECRET_B, { pending: true, cognito: link }));
      await vault.markVerified(p.id);
      writeFileSync(
        join(dir, METADATA_FILE),
        JSON.stringify({ ...JSON.parse(metadataText()), accounts: [] }),
      );
      const report = await vault.recover();
      expect(report.orphans).toEqual([{ id: p.id, issuer: 'pool', label: 'qa', pending: false }]);
      const [restored] = await vault.restoreOrphans([p.id]);
      expect(restored).toMatchObject({ id: p.id, status: 'active', cognito: link });
    });

    it('settles the keychain item of an enrollment verified by an older Keyfob, at the next start', async () => {
      const p = await vault.add(account('pool', 'qa', SECRET_B, { pending: true }));
      // As Keyfob 0.1 left it: the record verified, its keychain item still pending.
      const file = JSON.parse(metadataText());
      file.accounts[0].status = 'active';
      writeFileSync(join(dir, METADATA_FILE), JSON.stringify(file));
      expect(JSON.parse(keychain.items.get(p.id)!)).toMatchObject({ status: 'pending' });
      await vault.recover();
      expect(JSON.parse(keychain.items.get(p.id)!).status).toBeUndefined();
      expect((await vault.code(p.id, 59_000)).code).toBe('287082');
    });

    it('offers a secret whose metadata was lost, and lists it again only when told to', async () => {
      await vault.add(account('A', 'a', SECRET_A));
      const p = await vault.add(
        account('pool', 'qa', SECRET_B, { pending: true, cognito: { profile: 'pool', username: 'qa' } }),
      );
      const file = JSON.parse(metadataText());
      file.accounts = file.accounts.filter((r: { id: string }) => r.id !== p.id);
      writeFileSync(join(dir, METADATA_FILE), JSON.stringify(file));
      const report = await vault.recover();
      expect(report.orphans).toEqual([{ id: p.id, issuer: 'pool', label: 'qa', pending: true }]);
      // Not silently back in the list, and not deleted either.
      expect((await vault.list()).map((a) => a.label)).toEqual(['a']);
      expect(keychain.items.has(p.id)).toBe(true);
      expect(await vault.orphans()).toEqual(report.orphans);
      const [restored] = await vault.restoreOrphans([p.id]);
      expect(restored).toMatchObject({
        id: p.id,
        issuer: 'pool',
        label: 'qa',
        status: 'pending',
        cognito: { profile: 'pool', username: 'qa' },
      });
      expect((await vault.code(p.id, 59_000)).code).toBe('287082');
      expect(await vault.orphans()).toEqual([]);
      // Restoring twice adds nothing twice.
      expect(await vault.restoreOrphans([p.id])).toEqual([]);
      expect(await vault.list()).toHaveLength(2);
    });

    it('keeps a key that another process restored between the offer and the delete', async () => {
      const b = await vault.add(account('B', 'b', SECRET_B));
      const file = JSON.parse(metadataText());
      file.accounts = [];
      writeFileSync(join(dir, METADATA_FILE), JSON.stringify(file));
      expect((await vault.orphans()).map((o) => o.id)).toEqual([b.id]);
      // The offer was read; then `keyfob recover --restore` (another Vault on the same folder) restores the key.
      const other = new Vault({ dir, keychain });
      const realOrphans = vault.orphans.bind(vault);
      vault.orphans = async () => {
        const offered = await realOrphans();
        await other.restoreOrphans([b.id]);
        return offered;
      };
      await expectError(vault.deleteOrphan(b.id), 'ACCOUNT_NOT_FOUND');
      expect(keychain.items.has(b.id)).toBe(true);
      expect((await other.list()).map((a) => a.label)).toEqual(['b']);
    });

    it('deletes the key of an orphan when told to, and nothing that is not an orphan', async () => {
      const a = await vault.add(account('A', 'a', SECRET_A));
      const b = await vault.add(account('B', 'b', SECRET_B));
      const file = JSON.parse(metadataText());
      file.accounts = file.accounts.filter((r: { id: string }) => r.id !== b.id);
      writeFileSync(join(dir, METADATA_FILE), JSON.stringify(file));
      keychain.items.set('pool-client-secret:p', 'client secret');
      for (const id of [
        a.id,
        'pool-client-secret:p',
        CANARY_ACCOUNT,
        '00000000-0000-4000-8000-000000000000',
      ]) {
        await expectError(vault.deleteOrphan(id), 'ACCOUNT_NOT_FOUND');
      }
      expect(keychain.items.has(a.id)).toBe(true);
      expect(keychain.items.has('pool-client-secret:p')).toBe(true);
      expect(await vault.deleteOrphan(b.id)).toMatchObject({ id: b.id, label: 'b' });
      expect(keychain.items.has(b.id)).toBe(false);
      expect((await vault.recover()).orphans).toEqual([]);
    });

    it('does not offer a keychain item whose name is not an account id', async () => {
      await vault.add(account('A', 'a', SECRET_A));
      keychain.items.set(
        'not-a-uuid',
        JSON.stringify({ keyfob: 1, uri: `otpauth://totp/X:y?secret=${SECRET_B}` }),
      );
      const report = await vault.recover();
      expect(report.orphans).toEqual([]);
      expect(report.unreadableItems).toBe(1);
      expect(await vault.restoreOrphans(['not-a-uuid'])).toEqual([]);
      expect(keychain.items.has('not-a-uuid')).toBe(true);
    });

    it('reports metadata whose secret is gone, and keeps it', async () => {
      const a = await vault.add(account('A', 'a', SECRET_A));
      keychain.items.delete(a.id);
      const report = await vault.recover();
      expect(report.missingSecret.map((x) => x.id)).toEqual([a.id]);
      expect(await vault.list()).toHaveLength(1);
    });

    it('moves an unreadable metadata file aside and rebuilds the accounts from the keychain', async () => {
      await vault.add(account('A', 'a', SECRET_A));
      await vault.add(account('B', 'b', SECRET_B));
      writeFileSync(join(dir, METADATA_FILE), '{"schema": 1, "accounts": [tru');
      const report = await vault.recover();
      expect(report.movedAside?.path).toMatch(/accounts\.json\.unreadable-/);
      expect(report.movedAside?.why).toEqual({ reason: 'notJson' });
      expect(readFileSync(report.movedAside!.path, 'utf8')).toBe('{"schema": 1, "accounts": [tru');
      expect(report.orphans.map((o) => o.label).sort()).toEqual(['a', 'b']);
      expect(await vault.list()).toEqual([]);
      await vault.restoreOrphans(report.orphans.map((o) => o.id));
      expect((await vault.list()).map((a) => a.label).sort()).toEqual(['a', 'b']);
      expect(readdirSync(dir).filter((f) => f.includes('unreadable'))).toHaveLength(1);
    });

    it('says why an account list could not be read as a code, which the CLI words in each language', async () => {
      const record = { id: 'x', issuer: 'A', label: 'a', type: 'totp', algorithm: 'SHA1', digits: 6 };
      const full = { ...record, period: 30, counter: 0, order: 0, createdAt: '', status: 'active' };
      const files: Array<[string, unknown]> = [
        ['[1, 2', { reason: 'notJson' }],
        ['{"accounts": []}', { reason: 'noSchema' }],
        ['{"schema": 0, "accounts": []}', { reason: 'schemaUnknown', schema: 0 }],
        [JSON.stringify({ schema: 1, accounts: [record] }), { reason: 'accountMalformed' }],
        [JSON.stringify({ schema: 1, accounts: [full, full] }), { reason: 'idShared' }],
      ];
      for (const [text, why] of files) {
        writeFileSync(join(dir, METADATA_FILE), text);
        const moved = (await vault.recover()).movedAside;
        expect(moved?.why).toEqual(why);
      }
      const path = '/data/accounts.json.unreadable-1';
      const said = (LANG: string) =>
        say({ LANG }, 'movedAside', { reason: 'schemaUnknown', schema: 0, path } as Record<
          string,
          string | number
        >);
      expect(said('C')).toBe(
        `keyfob: the account list could not be read (schema 0 is unknown); it was kept as ${path}.`,
      );
      expect(said('de_DE.UTF-8')).toBe(
        `keyfob: Die Kontenliste konnte nicht gelesen werden (Schema 0 ist unbekannt); sie wurde als ${path} aufbewahrt.`,
      );
      expect(said('zh_CN.UTF-8')).toBe(`keyfob: 无法读取账户列表（架构版本 0 未知）；已保留为 ${path}。`);
    });

    it('offers the keys of a vault whose account list was deleted outright', async () => {
      await vault.add(account('A', 'a', SECRET_A));
      await vault.add(account('B', 'b', SECRET_B));
      rmSync(join(dir, METADATA_FILE));
      const report = await vault.recover();
      expect(report.movedAside).toBeUndefined();
      expect(report.orphans.map((o) => o.label).sort()).toEqual(['a', 'b']);
      expect(await vault.list()).toEqual([]);
    });

    it('leaves the keychain alone when a new vault starts', async () => {
      const other = new Vault({ dir: mkdtempSync(join(tmpdir(), 'keyfob-new-')), keychain });
      keychain.items.set('foreign-item', 'not ours');
      const report = await other.recover();
      expect(report.orphans).toEqual([]);
      expect(keychain.items.get('foreign-item')).toBe('not ours');
    });

    it('refuses to touch a file written by a newer Keyfob', async () => {
      writeFileSync(join(dir, METADATA_FILE), JSON.stringify({ schema: SCHEMA_VERSION + 1, accounts: [] }));
      const error = await expectError(vault.recover(), 'METADATA_UNREADABLE');
      expect(error.message).toContain('newer');
      expect(JSON.parse(metadataText()).schema).toBe(SCHEMA_VERSION + 1);
    });

    it('leaves keychain items that are not Keyfob accounts alone', async () => {
      await vault.add(account('A', 'a', SECRET_A));
      keychain.items.set('someone-else', 'not json');
      const report = await vault.recover();
      expect(report.unreadableItems).toBe(1);
      expect(keychain.items.get('someone-else')).toBe('not json');
    });
  });

  it('serialises concurrent changes from several writers without losing one', async () => {
    const other = new Vault({ dir, keychain });
    const adds = Array.from({ length: 12 }, (_, i) =>
      (i % 2 ? vault : other).add(
        account(`I${i}`, `l${i}`, `${'A'.repeat(16)}${'BCDEFGHIJKLMNOPQ'[i]}${'A'.repeat(7)}`),
      ),
    );
    await Promise.all(adds);
    expect(await vault.list()).toHaveLength(12);
    expect(new Set((await vault.list()).map((a) => a.order)).size).toBe(12);
  });
});

describe('vault with keys kept in memory (the app)', () => {
  it('reads each key from the keychain once, and forgets a removed account’s key', async () => {
    const keychain = new MemoryKeychain();
    let reads = 0;
    const get = keychain.get.bind(keychain);
    keychain.get = async (id) => {
      if (id !== CANARY_ACCOUNT) reads += 1;
      return get(id);
    };
    const vault = new Vault({
      dir: mkdtempSync(join(tmpdir(), 'keyfob-cache-')),
      keychain,
      cacheSecrets: true,
    });
    const a = await vault.add(account('A', 'a', SECRET_A));
    const b = await vault.add(account('B', 'b', SECRET_B));
    for (let i = 0; i < 5; i++) await vault.secretsFor([a.id, b.id]);
    expect(reads).toBe(2);
    await vault.remove(a.id);
    // Removed: not served from memory any more, and no longer listed.
    expect([...(await vault.secretsFor([a.id, b.id])).keys()]).toEqual([b.id]);
    expect(keychain.items.has(a.id)).toBe(false);
  });

  it('without the option, every read goes to the keychain (the CLI)', async () => {
    const keychain = new MemoryKeychain();
    let reads = 0;
    const get = keychain.get.bind(keychain);
    keychain.get = async (id) => {
      if (id !== CANARY_ACCOUNT) reads += 1;
      return get(id);
    };
    const vault = new Vault({ dir: mkdtempSync(join(tmpdir(), 'keyfob-nocache-')), keychain });
    const a = await vault.add(account('A', 'a', SECRET_A));
    for (let i = 0; i < 3; i++) await vault.secretsFor([a.id]);
    expect(reads).toBe(3);
  });
});
