/**
 * Delete with Undo (the window's Delete): the account leaves every list at once, its key stays in the real
 * keychain until the undo time is over, and a removal left waiting by a process that is gone is completed by
 * the next start. Timers are run by hand (an injected schedule), so nothing here waits on the clock.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Accounts, type Schedule } from '../../main/accounts';
import { FormatRegistry } from '../../main/formats';
import { createHandlers } from '../../main/ipc';
import { defaultParams } from '../../main/otp/types';
import { SettingsStore } from '../../main/settings';
import { KeytarKeychain } from '../../main/vault/keytar-keychain';
import { Vault } from '../../main/vault/vault';
import { cliSandboxes, keyfob, type Sandbox } from '../support/cli';

const SECRET = 'JBSWY3DPEHPK3PXP';
const sandboxes = cliSandboxes();

/** A schedule whose timers run when the test says so. */
function manualSchedule() {
  const due: Array<{ run: () => void; ms: number; cancelled: boolean }> = [];
  const schedule: Schedule = (run, ms) => {
    const timer = { run, ms, cancelled: false };
    due.push(timer);
    return () => void (timer.cancelled = true);
  };
  return {
    schedule,
    due,
    /** Runs every timer not cancelled, as if the undo time were over. */
    async elapse() {
      for (const timer of due.splice(0)) if (!timer.cancelled) timer.run();
      // finish() is asynchronous: let it reach the keychain and the file.
      await new Promise((r) => setTimeout(r, 0));
    },
  };
}

function open(s: Sandbox, clock = { now: () => Date.now() }) {
  const keychain = new KeytarKeychain({ service: s.service });
  const vault = new Vault({ dir: s.home, keychain, clock, cacheSecrets: true });
  const timers = manualSchedule();
  const accounts = new Accounts({ vault, formats: new FormatRegistry(), clock, schedule: timers.schedule });
  return { keychain, vault, accounts, timers };
}

/** Until the timer's removal, which runs in the background, has deleted the key and the record. */
async function settled(vault: Vault, id: string): Promise<void> {
  // The real keychain can take a while to delete an item on a busy machine: this waits, it does not time.
  await expect
    .poll(async () => (await vault.store.read()).file.accounts.some((a) => a.id === id), { timeout: 20_000 })
    .toBe(false);
}

describe('delete with undo, over the real keychain', () => {
  it('hides at once, keeps the key for the undo time, and Undo brings the account back as it was', async () => {
    const s = sandboxes();
    const { keychain, vault, accounts, timers } = open(s);
    const gh = await vault.add({
      issuer: 'GitHub',
      label: 'ada',
      secret: SECRET,
      params: defaultParams('totp'),
      extra: {},
    });
    const other = await vault.add({
      issuer: 'Slack',
      label: 'ada',
      secret: SECRET.replace('P', 'Q'),
      params: defaultParams('totp'),
      extra: {},
    });

    const { account, undoMs } = await accounts.remove(gh.id);
    expect(account).toMatchObject({ id: gh.id, issuer: 'GitHub', status: 'active' });
    expect(undoMs).toBe(5000);
    expect(timers.due.map((t) => t.ms)).toEqual([5000]);
    // Gone from the list, the codes and the CLI's list; the key is still in the keychain.
    expect((await vault.list()).map((a) => a.id)).toEqual([other.id]);
    expect((await accounts.codes()).codes.map((c) => c.id)).toEqual([other.id]);
    const listed = await keyfob(['list'], { env: s.env });
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('Slack');
    expect(listed.stdout).not.toContain('GitHub');
    expect(await keychain.get(gh.id)).not.toBeNull();
    // The CLI's recovery runs while this process waits for the Undo: it leaves the removal to this process.
    const recovered = await keyfob(['recover'], { env: s.env });
    expect(recovered.code).toBe(0);
    expect(await keychain.get(gh.id)).not.toBeNull();

    const back = await accounts.undoRemove(gh.id);
    expect(back).toMatchObject({ id: gh.id, issuer: 'GitHub', status: 'active', order: gh.order });
    expect((await vault.list()).map((a) => a.id)).toEqual([gh.id, other.id]);
    // The undone timer does nothing when it comes.
    await timers.elapse();
    expect(await keychain.get(gh.id)).not.toBeNull();
    expect((await vault.code(gh.id)).code).toMatch(/^\d{6}$/);
    expect(JSON.parse(readFileSync(join(s.home, 'accounts.json'), 'utf8')).accounts[0]).not.toHaveProperty(
      'undo',
    );
  });

  it('deletes the key once the undo time is over; a late Undo is told the account is gone', async () => {
    const s = sandboxes();
    const { keychain, vault, accounts, timers } = open(s);
    const gh = await vault.add({
      issuer: 'GitHub',
      label: 'ada',
      secret: SECRET,
      params: defaultParams('totp'),
      extra: {},
    });
    const forgotten: string[] = [];
    await accounts.remove(gh.id, { onRemoved: (a) => void forgotten.push(a.id) });
    await timers.elapse();
    await settled(vault, gh.id);
    expect(await keychain.get(gh.id)).toBeNull();
    expect(forgotten).toEqual([gh.id]);
    expect(JSON.parse(readFileSync(join(s.home, 'accounts.json'), 'utf8')).accounts).toEqual([]);
    await expect(accounts.undoRemove(gh.id)).rejects.toMatchObject({
      code: 'ACCOUNT_NOT_FOUND',
      key: 'accountGone',
    });
  });

  it('finishes at quit the removals still within their undo time, and leaves Undone ones alone', async () => {
    const s = sandboxes();
    const { keychain, vault, accounts, timers } = open(s);
    const add = (issuer: string, secret: string) =>
      vault.add({ issuer, label: 'ada', secret, params: defaultParams('totp'), extra: {} });
    const gh = await add('GitHub', SECRET);
    const slack = await add('Slack', SECRET.replace('P', 'Q'));
    const kept = await add('Mail', SECRET.replace('P', 'R'));
    expect(accounts.removing).toBe(false);
    await accounts.remove(gh.id);
    await accounts.remove(slack.id);
    await accounts.remove(kept.id);
    await accounts.undoRemove(kept.id);
    expect(accounts.removing).toBe(true);

    // The app quits within the undo time: the keys go now, not at the next start.
    await accounts.finishRemovals();
    expect(accounts.removing).toBe(false);
    expect(await keychain.get(gh.id)).toBeNull();
    expect(await keychain.get(slack.id)).toBeNull();
    expect(await keychain.get(kept.id)).toContain(SECRET.replace('P', 'R'));
    expect((await vault.list()).map((a) => a.issuer)).toEqual(['Mail']);
    // Their timers were cancelled: running them later deletes nothing more.
    await timers.elapse();
    expect(await keychain.get(kept.id)).toContain(SECRET.replace('P', 'R'));
  });

  it('completes at the next start a removal whose process is gone, and keyfob remove still deletes at once', async () => {
    const s = sandboxes();
    const first = open(s);
    const gh = await first.vault.add({
      issuer: 'GitHub',
      label: 'ada',
      secret: SECRET,
      params: defaultParams('totp'),
      extra: {},
    });
    const slack = await first.vault.add({
      issuer: 'Slack',
      label: 'ada',
      secret: SECRET.replace('P', 'Q'),
      params: defaultParams('totp'),
      extra: {},
    });
    await first.accounts.remove(gh.id);
    first.vault.close();
    // The app quit (or crashed) inside the undo time: its mark names a process that no longer runs.
    const path = join(s.home, 'accounts.json');
    const file = JSON.parse(readFileSync(path, 'utf8')) as {
      accounts: Array<{ id: string; undo?: { pid: number } }>;
    };
    expect(file.accounts.find((a) => a.id === gh.id)?.undo?.pid).toBe(process.pid);
    const exited = spawnSync(process.execPath, ['-e', '0']).pid;
    for (const a of file.accounts) if (a.undo) a.undo.pid = exited;
    writeFileSync(path, JSON.stringify(file));
    // The next start's recovery (the app's, the CLI's) completes it.
    const again = open(s);
    expect((await again.vault.recover()).completed).toBe(1);
    expect(await again.keychain.get(gh.id)).toBeNull();
    expect((await again.vault.list()).map((a) => a.id)).toEqual([slack.id]);

    const removed = await keyfob(['remove', slack.id, '--yes'], { env: s.env });
    expect(removed.code).toBe(0);
    expect(await again.keychain.get(slack.id)).toBeNull();
    expect(await again.vault.list()).toEqual([]);
  });

  it('through the window’s handlers: Delete hides, Undo restores with its shortcut, and the shortcut goes with the key', async () => {
    const s = sandboxes();
    const { vault, accounts, timers } = open(s);
    const settings = new SettingsStore(s.home);
    const handlers = createHandlers({ vault, accounts, version: '0', settings: { store: settings } });
    const gh = await vault.add({
      issuer: 'GitHub',
      label: 'ada',
      secret: SECRET,
      params: defaultParams('totp'),
      extra: {},
    });
    expect(await handlers.setAccountShortcut(gh.id, 'Alt+Shift+1')).toMatchObject({ ok: true });

    expect(await handlers.removeAccount(gh.id)).toMatchObject({
      ok: true,
      value: { id: gh.id, undoMs: 5000 },
    });
    expect(await handlers.listAccounts()).toEqual({ ok: true, value: [] });
    expect(await handlers.undoRemoveAccount(gh.id)).toMatchObject({ ok: true, value: { id: gh.id } });
    expect((await settings.get()).accountShortcuts).toEqual({ [gh.id]: 'Alt+Shift+1' });

    expect(await handlers.removeAccount(gh.id)).toMatchObject({ ok: true });
    await timers.elapse();
    await settled(vault, gh.id);
    await expect.poll(async () => (await settings.get()).accountShortcuts, { timeout: 20_000 }).toEqual({});
    expect(await handlers.undoRemoveAccount(gh.id)).toMatchObject({
      ok: false,
      error: { code: 'ACCOUNT_NOT_FOUND', key: 'accountGone' },
    });
  });
});
