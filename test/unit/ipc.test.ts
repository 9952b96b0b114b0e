import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Accounts } from '../../main/accounts';
import { PendingLinks, type PendingLink } from '../../main/app/protocol';
import { FormatRegistry } from '../../main/formats';
import { codeBatch, createHandlers, type CodeCopier, type ConfirmRequest } from '../../main/ipc';
import { SettingsStore, type Settings } from '../../main/settings';
import { codeAt } from '../../main/otp/codes';
import { buildMigrationUris } from '../../main/otp/migration';
import { defaultParams } from '../../main/otp/types';
import { MemoryKeychain } from '../../main/vault/memory-keychain';
import { Vault } from '../../main/vault/vault';

const SECRET = 'JBSWY3DPEHPK3PXP';
const URI = `otpauth://totp/GitHub:ada%40example.com?secret=${SECRET}&issuer=GitHub`;

function setup(nowMs = Date.UTC(2026, 10, 23, 12, 0, 10)) {
  let now = nowMs;
  const clock = { now: () => now };
  const keychain = new MemoryKeychain();
  const vault = new Vault({ dir: mkdtempSync(join(tmpdir(), 'keyfob-ipc-')), keychain, clock });
  const copied: Array<{ code: string; validUntil: number }> = [];
  const clipboard: CodeCopier = { copy: (code, validUntil) => copied.push({ code, validUntil }) };
  // Main's own question before a key leaves: answered yes unless a test says otherwise.
  const asked: ConfirmRequest[] = [];
  const answer = { yes: true };
  const offered: PendingLink[] = [];
  const links = new PendingLinks({ deliver: (pending) => offered.push(...pending) });
  links.markReady();
  let inImage = [URI];
  const handlers = createHandlers({
    vault,
    version: '1.2.3',
    clock,
    clipboard,
    links,
    qr: { decodeImage: () => inImage, decodeFrame: () => [] },
    confirm: async (request) => {
      asked.push(request);
      return answer.yes;
    },
  });
  return {
    handlers,
    vault,
    keychain,
    copied,
    asked,
    answer,
    offered,
    setImage: (texts: string[]) => (inImage = texts),
    setNow: (t: number) => (now = t),
  };
}

describe('IPC handlers', () => {
  it('refuse malformed arguments from the renderer with a clean error', async () => {
    const { handlers } = setup();
    for (const call of [
      () => handlers.addFromText(42),
      () => handlers.addFromText('x'.repeat(70_000)),
      () => handlers.removeAccount('../../etc/passwd'),
      () => handlers.renameAccount('00000000-0000-0000-0000-000000000000', 'not an object'),
      () => handlers.addFromKey({ issuer: 'A', label: 'b', secret: SECRET, digits: 'six' }),
      () => handlers.scanImage('not bytes'),
      () => handlers.offerCodes('otpauth://totp/a?secret=A'),
      () => handlers.offerCodes([]),
      () => handlers.offerCodes([42]),
      () => handlers.reorderAccounts('a,b'),
      () => handlers.exportAccounts('csv'),
    ]) {
      const r = await call();
      expect(r).toMatchObject({ ok: false, error: { code: 'PARAMS_INVALID' } });
    }
  });

  it('adds from pasted links and Google Authenticator exports, entry by entry', async () => {
    const { handlers, vault } = setup();
    const first = await handlers.addFromText(URI);
    expect(first).toMatchObject({
      ok: true,
      value: { entries: [{ name: 'GitHub (ada@example.com)', status: 'added' }] },
    });
    const again = await handlers.addFromText(`${URI}\n`);
    expect(again).toMatchObject({ ok: true, value: { entries: [{ status: 'duplicate' }] } });

    const accounts = [1, 2, 3].map((i) => ({
      issuer: `Site${i}`,
      label: `user${i}`,
      secret: `JBSWY3DPEHPK3PX${'ABC'[i - 1]}`,
      params: defaultParams('totp'),
      extra: {},
    }));
    const { uris } = buildMigrationUris(accounts, { perCode: 1 });
    // Codes 1 and 3 of 3 scanned: code 2 is named as missing.
    const report = await handlers.addFromText(`${uris[0]}\n${uris[2]}`);
    expect(report.ok && report.value.entries.map((e) => e.status)).toEqual(['added', 'added']);
    expect(report.ok && report.value.missing).toEqual([
      { batchSize: 3, missing: [2], format: 'google-migration', exportId: expect.any(String) },
    ]);
    expect((await vault.list()).length).toBe(3);

    const nothing = await handlers.addFromText('hello');
    expect(nothing).toMatchObject({ ok: true, value: { entries: [{ status: 'refused' }] } });
  });

  it('queues the setup codes of an image and of the camera to be confirmed, adding nothing before', async () => {
    const { handlers, vault, offered, setImage } = setup();
    expect(await handlers.scanImage(new Uint8Array([1, 2, 3]))).toEqual({ ok: true, value: { found: 1 } });
    expect(offered.map((l) => l.link)).toEqual([URI]);
    expect(await vault.list()).toEqual([]);
    // The same code again is already waiting: not offered twice.
    expect(await handlers.offerCodes([` ${URI} `])).toEqual({ ok: true, value: { found: 0 } });
    const other = URI.replace('ada', 'bob');
    expect(await handlers.offerCodes([other, 'https://example.com'])).toEqual({
      ok: true,
      value: { found: 1 },
    });
    expect(offered).toHaveLength(2);

    const accepted = await handlers.acceptLink(offered[0]!.id);
    expect(accepted).toMatchObject({ ok: true, value: { entries: [{ status: 'added' }] } });
    await handlers.declineLink(offered[1]!.id);
    expect((await vault.list()).map((a) => a.label)).toEqual(['ada@example.com']);

    setImage([]);
    expect(await handlers.scanImage(new Uint8Array([1]))).toMatchObject({
      ok: false,
      error: { code: 'QR_NOT_FOUND', key: 'qrNotFound' },
    });
    setImage(['https://example.com/not-a-setup-code']);
    expect(await handlers.scanImage(new Uint8Array([1]))).toMatchObject({
      ok: false,
      error: { code: 'QR_NOT_FOUND', key: 'qrNotSetupCodes', params: { codes: 1 } },
    });
  });

  it('adds by key with validation', async () => {
    const { handlers } = setup();
    const bad = await handlers.addFromKey({ issuer: 'Bank', label: 'me', secret: 'not base32 !!' });
    expect(bad).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('a key never contains') },
    });
    const ok = await handlers.addFromKey({
      issuer: 'Bank',
      label: 'me',
      secret: 'gezd gnbv gy3t qojq',
      digits: 8,
    });
    expect(ok).toMatchObject({ ok: true, value: { issuer: 'Bank', digits: 8, algorithm: 'SHA1' } });
    expect(ok.ok && ok.value.reason).toBeFalsy();
    // The same name with another key is added too, with the note an import report would give it.
    const namesake = await handlers.addFromKey({ issuer: 'bank', label: 'ME', secret: 'JBSWY3DPEHPK3PXP' });
    expect(namesake).toMatchObject({
      ok: true,
      value: { issuer: 'bank', reasonKey: 'vaultSharesName', reasonParams: { existing: 'Bank (me)' } },
    });
  });

  it('copies the current code, or the next one in the last seconds, with when it stops being valid', async () => {
    const { handlers, copied, setNow } = setup();
    const added = await handlers.addFromText(URI);
    const id = added.ok ? added.value.entries[0]!.id! : '';
    const t0 = Date.UTC(2026, 10, 23, 12, 0, 10);
    const early = await handlers.copyCode(id);
    expect(early).toEqual({
      ok: true,
      // Cleared when it expires (Settings' default), 20 s from now.
      value: { code: codeAt(SECRET, defaultParams('totp'), t0).code, next: false, clearsInSeconds: 20 },
    });
    expect(copied[0]).toEqual({
      code: codeAt(SECRET, defaultParams('totp'), t0).code,
      validUntil: t0 + 20_000,
    });

    const late = t0 + 18_500; // 1.5 s left in the period
    setNow(late);
    const r = await handlers.copyCode(id);
    const next = codeAt(SECRET, defaultParams('totp'), late).next;
    expect(r).toEqual({ ok: true, value: { code: next, next: true, clearsInSeconds: 32 } });
    expect(copied[1]).toEqual({ code: next, validUntil: t0 + 20_000 + 30_000 });
  });

  it('renames, reorders, reveals on request, exports naming what cannot go, and removes', async () => {
    const { handlers } = setup();
    await handlers.addFromText(URI);
    const seven = await handlers.addFromKey({
      issuer: 'Odd',
      label: 'seven',
      secret: SECRET.replace('P', 'Q'),
      digits: 7,
    });
    const list = await handlers.listAccounts();
    const ids = list.ok ? list.value.map((a) => a.id) : [];
    const renamed = await handlers.renameAccount(ids[0], { label: 'ada' });
    expect(renamed).toMatchObject({ ok: true, value: { issuer: 'GitHub', label: 'ada' } });
    const reordered = await handlers.reorderAccounts([ids[1], ids[0]]);
    expect(reordered.ok && reordered.value.map((a) => a.id)).toEqual([ids[1], ids[0]]);
    const revealed = await handlers.revealKey(ids[0]);
    expect(revealed).toMatchObject({ ok: true, value: { secret: SECRET } });
    const exported = await handlers.exportAccounts('migration');
    expect(exported.ok && exported.value.lines).toHaveLength(1);
    expect(exported.ok && exported.value.excluded).toEqual([
      {
        name: 'Odd (seven)',
        reason: expect.stringMatching(/digits/),
        reasonKey: 'exportDigits',
        reasonParams: { digits: 7 },
      },
    ]);
    expect(seven.ok).toBe(true);
    expect(await handlers.removeAccount(ids[0])).toMatchObject({ ok: true });
    expect((await handlers.listAccounts()).ok && (await handlers.listAccounts())).toMatchObject({
      value: [{ issuer: 'Odd' }],
    });
  });

  it('forgets a removed account’s shortcut, and passes the palette’s end to main', async () => {
    const vault = new Vault({
      dir: mkdtempSync(join(tmpdir(), 'keyfob-ipc-')),
      keychain: new MemoryKeychain(),
    });
    const store = new SettingsStore(mkdtempSync(join(tmpdir(), 'keyfob-ipc-settings-')));
    const applied: Settings[] = [];
    let dismissed = 0;
    // The undo time is over as soon as it starts: the removal goes ahead at once.
    const accounts = new Accounts({
      vault,
      formats: new FormatRegistry(),
      schedule: (run) => (run(), () => undefined),
    });
    const handlers = createHandlers({
      vault,
      accounts,
      version: '1',
      settings: { store, apply: (s) => void applied.push(s) },
      palette: { dismissed: () => dismissed++ },
    });
    const kept = await vault.add({
      issuer: 'A',
      label: 'a',
      secret: SECRET,
      params: defaultParams(),
      extra: {},
    });
    const removed = await vault.add({
      issuer: 'B',
      label: 'b',
      secret: 'GEZDGNBVGY3TQOJQ',
      params: defaultParams(),
      extra: {},
    });
    expect(await handlers.setAccountShortcut(kept.id, 'Alt+Shift+1')).toMatchObject({ ok: true });
    expect(await handlers.setAccountShortcut(removed.id, 'Alt+Shift+2')).toMatchObject({
      ok: true,
      value: { accountShortcuts: { [kept.id]: 'Alt+Shift+1', [removed.id]: 'Alt+Shift+2' } },
    });
    // Only through the call for one account, which checks the account exists: never a whole map from the window.
    expect(await handlers.saveSettings({ accountShortcuts: {} })).toMatchObject({ ok: false });
    expect(
      await handlers.setAccountShortcut('00000000-0000-4000-8000-000000000000', 'Alt+Shift+4'),
    ).toMatchObject({ ok: false, error: { code: 'ACCOUNT_NOT_FOUND' } });
    expect(await handlers.setAccountShortcut(kept.id, 'Alt+Shift+Foo')).toMatchObject({ ok: false });
    expect(await handlers.removeAccount(removed.id)).toMatchObject({ ok: true });
    await expect.poll(async () => (await store.get()).accountShortcuts).toEqual({ [kept.id]: 'Alt+Shift+1' });
    // Main re-registers with what is left, so the removed account's keys are free again.
    expect(applied.at(-1)?.accountShortcuts).toEqual({ [kept.id]: 'Alt+Shift+1' });
    expect(await handlers.dismissPalette()).toEqual({ ok: true, value: undefined });
    expect(dismissed).toBe(1);
  });

  it('gives the window advice for the window, not for the command line', async () => {
    const { handlers } = setup();
    const r = await handlers.removeAccount('00000000-0000-4000-8000-000000000000');
    expect(r).toMatchObject({ ok: false, error: { code: 'ACCOUNT_NOT_FOUND' } });
    expect(!r.ok && r.error.hint).toMatch(/deleted meanwhile/);
    expect(!r.ok && r.error.hint).not.toMatch(/keyfob list/);
    // Marked for the window to say in its own language.
    expect(!r.ok && r.error.key).toBe('accountGone');
  });

  it('reveals and exports only when main’s own question is answered yes; a no is a quiet CANCELLED', async () => {
    const { handlers, asked, answer } = setup();
    await handlers.addFromText(URI);
    const list = await handlers.listAccounts();
    const id = list.ok ? list.value[0]!.id : '';
    answer.yes = false;
    for (const r of [await handlers.revealKey(id), await handlers.exportAccounts('uris')]) {
      expect(r).toEqual({ ok: false, error: { code: 'CANCELLED', message: 'Cancelled.', key: 'cancelled' } });
    }
    expect(asked).toEqual([
      { kind: 'reveal', account: 'GitHub (ada@example.com)' },
      { kind: 'export', count: 1 },
    ]);
    answer.yes = true;
    expect(await handlers.revealKey(id)).toMatchObject({ ok: true, value: { secret: SECRET } });
    expect(await handlers.exportAccounts('uris')).toMatchObject({
      ok: true,
      value: { lines: [expect.stringContaining(`secret=${SECRET}`)] },
    });
    // Without a way to ask, nothing leaves.
    const { vault } = setup();
    const bare = createHandlers({ vault, version: '1' });
    await bare.addFromText(URI);
    const ids = await bare.listAccounts();
    expect(await bare.revealKey(ids.ok ? ids.value[0]!.id : '')).toMatchObject({
      ok: false,
      error: { code: 'CANCELLED' },
    });
    expect(await bare.exportAccounts('uris')).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
  });

  it('accepts only canonical UUIDs as account ids', async () => {
    const { handlers } = setup();
    await handlers.addFromText(URI);
    const list = await handlers.listAccounts();
    const id = list.ok ? list.value[0]!.id : '';
    for (const bad of [
      id.toUpperCase(),
      `${id.slice(0, 8)}${id.slice(9)}-`,
      '-'.repeat(36),
      `{${id}}`,
      id.replaceAll('-', ''),
    ]) {
      expect(await handlers.hotpCode(bad), bad).toMatchObject({
        ok: false,
        error: { code: 'PARAMS_INVALID' },
      });
      expect(await handlers.resolveOrphan(bad, 'restore'), bad).toMatchObject({
        ok: false,
        error: { code: 'PARAMS_INVALID' },
      });
    }
    expect(await handlers.renameAccount(id, { label: 'ada' })).toMatchObject({ ok: true });
  });

  it('offers keys without details at start-up, and restores or deletes one only when asked', async () => {
    const { handlers, vault, keychain } = setup();
    await handlers.addFromText(URI);
    await handlers.addFromKey({ issuer: 'Other', label: 'b', secret: 'GEZDGNBVGY3TQOJQ' });
    const [a, b] = await vault.list();
    // The details of both are lost: only their keys are left.
    await vault.store.update((f) => {
      f.accounts = [];
      return { save: true, value: undefined };
    });
    const recovery = vault.recover();
    const withReport = createHandlers({ vault, version: '1', recovery: () => recovery });
    const report = await withReport.startupReport();
    expect(report).toEqual({
      ok: true,
      value: {
        missingKey: [],
        orphans: [
          { id: a!.id, name: 'GitHub (ada@example.com)', pending: false },
          { id: b!.id, name: 'Other (b)', pending: false },
        ],
      },
    });
    expect(await handlers.listAccounts()).toEqual({ ok: true, value: [] });

    // An unreadable list is reported with where it was kept and why, as a code the window can word.
    writeFileSync(vault.store.file, '{"schema": 0, "accounts": []}');
    const damaged = vault.recover();
    const moved = await createHandlers({ vault, version: '1', recovery: () => damaged }).startupReport();
    expect(moved).toMatchObject({
      ok: true,
      value: {
        movedAside: {
          path: expect.stringMatching(/unreadable-/),
          why: { reason: 'schemaUnknown', schema: 0 },
        },
      },
    });
    expect(await withReport.resolveOrphan(a!.id, 'restore')).toEqual({ ok: true, value: undefined });
    expect(await withReport.resolveOrphan(b!.id, 'delete')).toEqual({ ok: true, value: undefined });
    expect(await withReport.resolveOrphan(b!.id, 'restore')).toMatchObject({
      ok: false,
      error: { key: 'orphanGone' },
    });
    expect(await withReport.resolveOrphan(a!.id, 'forget')).toMatchObject({
      ok: false,
      error: { code: 'PARAMS_INVALID' },
    });
    expect((await handlers.listAccounts()).ok && (await handlers.listAccounts())).toMatchObject({
      value: [{ id: a!.id }],
    });
    expect(keychain.items.has(b!.id)).toBe(false);
    // Asked again (a reload of the window), nothing is offered twice.
    expect(await withReport.startupReport()).toMatchObject({ ok: true, value: { orphans: [] } });
  });

  it('never lets an unexpected error’s text cross to the renderer', async () => {
    const { handlers, keychain } = setup();
    await handlers.addFromText(URI);
    // A keychain that throws something that is not a Keyfob error, quoting a key.
    keychain.get = async () => {
      throw new Error(`boom ${SECRET}`);
    };
    const list = await handlers.listAccounts();
    const id = list.ok ? list.value[0]!.id : '';
    const r = await handlers.revealKey(id);
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r)).not.toContain(SECRET);
  });

  it('pushes codes for every time-based account, and never a key', async () => {
    const { handlers, vault } = setup();
    await handlers.addFromText(URI);
    await handlers.addFromKey({ issuer: 'Counter', label: 'c', secret: 'GEZDGNBVGY3TQOJQ', type: 'hotp' });
    const t = Date.UTC(2026, 10, 23, 12, 0, 10);
    const batch = await codeBatch(vault, t);
    expect(batch.codes).toHaveLength(1);
    expect(batch.codes[0]).toMatchObject({
      code: codeAt(SECRET, defaultParams('totp'), t).code,
      remainingMs: 20_000,
      period: 30,
    });
    expect(JSON.stringify(batch)).not.toContain(SECRET);
  });

  it('refuses Cognito calls it cannot take: no Cognito, a bad flow, an answer nobody waits for', async () => {
    const { handlers } = setup();
    expect(await handlers.listPools()).toMatchObject({ ok: false, error: { code: 'PROFILE_NOT_FOUND' } });
    const withCognito = createHandlers({
      vault: setup().vault,
      version: '1',
      cognito: {
        profiles: { list: async () => [] } as never,
        engine: async () => {
          throw new Error('not used');
        },
        emitFlow: () => undefined,
      },
    });
    expect(await withCognito.startFlow('hack', {})).toMatchObject({
      ok: false,
      error: { code: 'PARAMS_INVALID' },
    });
    expect(await withCognito.startFlow('login', { profile: 'p', username: 7, password: 'x' })).toMatchObject({
      ok: false,
    });
    expect(await withCognito.answerFlow('nope', { kind: 'code', code: '123456' })).toMatchObject({
      ok: false,
      error: { code: 'PARAMS_INVALID', message: expect.stringContaining('not waiting') },
    });
    expect(await withCognito.answerFlow('nope', { kind: 'shell' })).toMatchObject({ ok: false });
    expect(await withCognito.savePool({ name: 'x', authFlow: 'magic' }, false)).toMatchObject({ ok: false });
  });
});
