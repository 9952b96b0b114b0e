/**
 * Main tells the window what changed: an account added or removed with the CLI, in another process, shows in
 * the open window without anyone asking for the list again (the vault watches accounts.json and main pushes
 * accounts:changed). Real Chromium, the built renderer and CLI, the real keychain.
 */
import { describe, expect, it } from 'vitest';
import { keyfob } from '../support/cli';
import { e2eApps } from '../support/e2e-apps';

const URI = 'otpauth://totp/GitHub:ada%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';

const open = e2eApps();

describe('accounts changed elsewhere, end to end', () => {
  it('shows the row of an account the CLI adds while the window is open, and drops it when the CLI removes it', async () => {
    const app = await open();
    const { page } = app;
    await expect.poll(() => page.getByRole('heading', { name: 'No accounts yet' }).isVisible()).toBe(true);
    // From here on the window must learn of changes by being told: count any asking for the list.
    let listed = 0;
    const list = app.handlers.listAccounts;
    app.handlers.listAccounts = () => {
      listed++;
      return list();
    };
    const env = { ...process.env, KEYFOB_HOME: app.home, KEYFOB_KEYCHAIN_SERVICE: app.service };

    const added = await keyfob(['add', '--uri', URI], { env });
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    const id = added.stdout.split(/\s+/)[0]!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const row = page.locator(`.account[data-id="${id}"]`);
    await expect.poll(() => row.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await row.textContent()).toContain('ada@example.com');
    await app.screenshot('added-by-cli');

    const removed = await keyfob(['remove', id, '--yes'], { env });
    expect(removed.code).toBe(0);
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => page.getByRole('heading', { name: 'No accounts yet' }).isVisible()).toBe(true);
    expect(listed).toBe(0);
  });
});
