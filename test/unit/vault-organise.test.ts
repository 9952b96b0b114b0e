import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createHandlers, type CodeCopier } from '../../main/ipc';
import { DEFAULT_SETTINGS, mergeSettings } from '../../main/settings';
import { MemoryKeychain } from '../../main/vault/memory-keychain';
import { METADATA_FILE, SCHEMA_VERSION } from '../../main/vault/store';
import { Vault } from '../../main/vault/vault';
import { parseOtpauthUri } from '../../main/otp/uri';
import { FormatRegistry } from '../../main/formats';
import { Accounts } from '../../main/accounts';

const GITHUB = 'otpauth://totp/GitHub:ada%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';
const MAIL = 'otpauth://totp/Mail:ada?secret=GEZDGNBVGY3TQOJQ&issuer=Mail';

describe('organising fields: favourites, tags, the chosen icon, when last used', () => {
  let dir: string;
  let now: number;
  let vault: Vault;
  let handlers: ReturnType<typeof createHandlers>;
  const copied: string[] = [];
  const clipboard: CodeCopier = { copy: (code) => copied.push(code) };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'keyfob-organise-'));
    now = Date.UTC(2026, 11, 4, 12, 0, 10);
    const clock = { now: () => now };
    vault = new Vault({ dir, keychain: new MemoryKeychain(), clock });
    handlers = createHandlers({ vault, version: '1', clock, clipboard });
  });

  const file = () =>
    JSON.parse(readFileSync(join(dir, METADATA_FILE), 'utf8')) as {
      schema: number;
      accounts: Array<Record<string, unknown>>;
    };
  const ok = async <T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { key?: string } }>) => {
    const r = await p;
    if (!r.ok) throw new Error(`failed: ${r.error.key}`);
    return r.value;
  };
  const failedKey = async (p: Promise<{ ok: boolean; error?: { key?: string } }>) => {
    const r = await p;
    expect(r.ok).toBe(false);
    return r.error?.key;
  };

  it('reads a file written before the fields existed, and keeps schema 1', async () => {
    const id = '0b5c4a44-6c8e-4f36-9a52-2f1f3f1c8e11';
    writeFileSync(
      join(dir, METADATA_FILE),
      JSON.stringify({
        schema: 1,
        keychainCanary: false,
        accounts: [
          {
            id,
            issuer: 'Old',
            label: 'one',
            type: 'totp',
            algorithm: 'SHA1',
            digits: 6,
            period: 30,
            counter: 0,
            order: 0,
            createdAt: '2025-01-01T00:00:00.000Z',
            status: 'active',
          },
        ],
      }),
    );
    const [old] = await ok(handlers.listAccounts());
    expect(old).toEqual({
      id,
      issuer: 'Old',
      label: 'one',
      type: 'totp',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      status: 'active',
    });
    await ok(handlers.setFavourite(id, true));
    expect(file().schema).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBe(1);
    expect(file().accounts[0]).toMatchObject({ issuer: 'Old', favourite: true });
  });

  it('sets and clears a favourite, tags and the icon, through the IPC handlers', async () => {
    await ok(handlers.addFromText(`${GITHUB}\n${MAIL}`));
    const [github] = await vault.list();
    const id = github!.id;

    expect(await ok(handlers.setFavourite(id, true))).toMatchObject({ favourite: true });
    expect(await ok(handlers.setTags(id, ['  Work ', 'work', '', '客户', 'Personal']))).toMatchObject({
      tags: ['Work', '客户', 'Personal'],
    });
    expect(await ok(handlers.setIcon(id, 'gitlab'))).toMatchObject({ iconOverride: 'gitlab' });
    expect(file().accounts.find((a) => a.id === id)).toMatchObject({
      favourite: true,
      tags: ['Work', '客户', 'Personal'],
      iconOverride: 'gitlab',
    });

    const cleared = await ok(handlers.setFavourite(id, false));
    expect(cleared.favourite).toBeUndefined();
    expect((await ok(handlers.setTags(id, []))).tags).toBeUndefined();
    expect((await ok(handlers.setIcon(id, 'letter'))).iconOverride).toBe('letter');
    expect((await ok(handlers.setIcon(id, null))).iconOverride).toBeUndefined();
    const stored = file().accounts.find((a) => a.id === id)!;
    expect(Object.keys(stored)).not.toContain('favourite');
    expect(Object.keys(stored)).not.toContain('tags');
    expect(Object.keys(stored)).not.toContain('iconOverride');
  });

  it('refuses tags and names with control characters, too long, or too many; and arguments of the wrong shape', async () => {
    await ok(handlers.addFromText(GITHUB));
    const id = (await vault.list())[0]!.id;
    expect(await failedKey(handlers.setTags(id, ['a\nb']))).toBe('tagControlCharacters');
    expect(await failedKey(handlers.setTags(id, ['x\u202eevil']))).toBe('tagControlCharacters');
    expect(await failedKey(handlers.setTags(id, ['x'.repeat(33)]))).toBe('tagTooLong');
    // 32 characters as a person counts them, whatever the script.
    expect((await ok(handlers.setTags(id, ['字'.repeat(32)]))).tags).toEqual(['字'.repeat(32)]);
    expect(
      await failedKey(
        handlers.setTags(
          id,
          Array.from({ length: 21 }, (_, i) => `t${i}`),
        ),
      ),
    ).toBe('tooManyTags');
    expect(await failedKey(handlers.renameAccount(id, { label: 'ada\u0000' }))).toBe('nameControlCharacters');
    expect(await failedKey(handlers.renameAccount(id, { issuer: 'Git\tHub' }))).toBe('nameControlCharacters');
    expect((await ok(handlers.renameAccount(id, { issuer: ' GitHub ', label: ' ada ' }))).label).toBe('ada');

    expect(await failedKey(handlers.setTags(id, 'work'))).toBe('ipcInvalid');
    expect(await failedKey(handlers.setFavourite(id, 'yes'))).toBe('ipcInvalid');
    expect(await failedKey(handlers.setIcon(id, '../../etc/passwd'))).toBe('ipcInvalid');
    expect(await failedKey(handlers.setIcon(id, 'GitHub'))).toBe('ipcInvalid');
    // Nothing of the refused changes was saved.
    expect((await vault.get(id)).tags).toEqual(['字'.repeat(32)]);
  });

  it('notes when a code was copied in the app, and not when the CLI reads one', async () => {
    await ok(handlers.addFromText(`${GITHUB}\n${MAIL}`));
    const [github, mail] = (await vault.list()).map((a) => ({ id: a.id })) as [
      { id: string },
      { id: string },
    ];
    // The CLI's `keyfob code` reads the code from the vault and writes nothing.
    const before = readFileSync(join(dir, METADATA_FILE), 'utf8');
    await vault.code(github.id);
    expect(readFileSync(join(dir, METADATA_FILE), 'utf8')).toBe(before);

    await ok(handlers.copyCode(mail.id));
    expect(copied).toHaveLength(1);
    expect((await vault.get(mail.id)).lastUsed).toBe(new Date(now).toISOString());
    expect((await vault.get(github.id)).lastUsed).toBeUndefined();
    now += 60_000;
    const [view] = (await ok(handlers.listAccounts())).filter((a) => a.id === mail.id);
    expect(view!.lastUsed).toBe(new Date(now - 60_000).toISOString());
  });

  it('keeps the fields out of exported links', async () => {
    await ok(handlers.addFromText(GITHUB));
    const id = (await vault.list())[0]!.id;
    await vault.setFavourite(id, true);
    await vault.setTags(id, ['work']);
    await vault.setIconOverride(id, 'letter');
    await vault.markUsed(id);
    const accounts = new Accounts({ vault, formats: new FormatRegistry() });
    const { lines } = await accounts.export('otpauth');
    expect(lines).toHaveLength(1);
    const uri = new URL(lines[0]!);
    expect([...uri.searchParams.keys()].sort()).toEqual([
      'algorithm',
      'digits',
      'issuer',
      'period',
      'secret',
    ]);
    expect(parseOtpauthUri(lines[0]!).extra).toEqual({});
  });

  it('drops a malformed field from a hand-edited file rather than moving the file aside', async () => {
    await ok(handlers.addFromText(GITHUB));
    const edited = file();
    Object.assign(edited.accounts[0]!, {
      favourite: 'yes',
      tags: [1, 2],
      iconOverride: '<script>',
      lastUsed: 'yesterday',
    });
    writeFileSync(join(dir, METADATA_FILE), JSON.stringify(edited));
    const [account] = await vault.list();
    expect(account).toMatchObject({ issuer: 'GitHub', label: 'ada@example.com' });
    expect(account!.favourite).toBeUndefined();
    expect(account!.tags).toBeUndefined();
    expect(account!.iconOverride).toBeUndefined();
    expect(account!.lastUsed).toBeUndefined();
    expect(readdirSync(dir).filter((f) => f.includes('unreadable'))).toEqual([]);
  });

  it('remembers the list order in settings, refusing an unknown one', () => {
    expect(DEFAULT_SETTINGS.sort).toBe('manual');
    expect(mergeSettings(DEFAULT_SETTINGS, { sort: 'recent' }).sort).toBe('recent');
    expect(mergeSettings(DEFAULT_SETTINGS, { sort: 'name' }).sort).toBe('name');
    expect(() => mergeSettings(DEFAULT_SETTINGS, { sort: 'random' })).toThrow(/list order/);
  });
});
