/**
 * Issue 7 point 5 in the window: keys without account details are offered back, never listed silently; a "no"
 * to main's own question before a key is shown passes without an error.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultParams } from '../../main/otp/types';
import { KeytarKeychain } from '../../main/vault/keytar-keychain';
import { Vault } from '../../main/vault/vault';
import { e2eApps } from '../support/e2e-apps';

const open = e2eApps();

describe('the second security ring, in the window', () => {
  it('offers keys whose details were lost, and restores or deletes each only when told', async () => {
    const home = mkdtempSync(join(tmpdir(), 'keyfob-e2e-orphans-'));
    const service = `keyfob-e2e-orphans-${process.pid}`;
    const keychain = new KeytarKeychain({ service });
    const vault = new Vault({ dir: home, keychain });
    const add = (issuer: string, label: string, secret: string) =>
      vault.add({ issuer, label, secret, params: defaultParams('totp'), extra: {} });
    const kept = await add('GitHub', 'ada@example.com', 'JBSWY3DPEHPK3PXP');
    const dropped = await add('Mail', 'ada', 'GEZDGNBVGY3TQOJQ');
    // accounts.json is lost: only the keychain still knows the two accounts.
    writeFileSync(join(home, 'accounts.json'), 'not json');
    const app = await open({ home, service });
    const { page } = app;
    const offer = page.getByRole('region', { name: 'Keys without their account details' });
    await expect.poll(() => offer.isVisible()).toBe(true);
    expect(await offer.textContent()).toContain('GitHub (ada@example.com)');
    expect(await offer.textContent()).toContain('Mail (ada)');
    await app.screenshot('orphans-light');
    // Nothing is back in the list before the person says so.
    expect(await app.vault.list()).toEqual([]);

    await offer
      .getByRole('listitem')
      .filter({ hasText: 'GitHub' })
      .getByRole('button', { name: 'Restore' })
      .click();
    await expect.poll(async () => (await app.vault.list()).map((a) => a.id)).toEqual([kept.id]);
    await expect
      .poll(() => page.getByRole('button', { name: 'Copy code: GitHub (ada@example.com)' }).isVisible())
      .toBe(true);
    await offer
      .getByRole('listitem')
      .filter({ hasText: 'Mail' })
      .getByRole('button', { name: 'Delete key' })
      .click();
    await expect.poll(() => keychain.get(dropped.id)).toBeNull();
    expect(await offer.isVisible()).toBe(false);
    expect((await app.vault.list()).map((a) => a.id)).toEqual([kept.id]);
    // A reload asks again and offers nothing twice.
    await page.reload();
    await expect
      .poll(() => page.getByRole('button', { name: 'Copy code: GitHub (ada@example.com)' }).isVisible())
      .toBe(true);
    expect(await offer.isVisible()).toBe(false);
    await keychain.delete(kept.id);
  });

  it('shows no key, and no error, when the person says no to main’s own question', async () => {
    const app = await open({ mainConfirms: false });
    const { page } = app;
    await app.handlers.addFromText('otpauth://totp/Mail:ada?secret=GEZDGNBVGY3TQOJQ&issuer=Mail');
    await page.reload();
    await page.getByRole('button', { name: 'More actions for Mail (ada)' }).click();
    await page.getByRole('menuitem', { name: 'Show key' }).click();
    await expect.poll(() => app.asked).toEqual([{ kind: 'reveal', account: 'Mail (ada)' }]);
    // Let main's "no" reach the page and the page draw what it does with it, before looking.
    await page.evaluate(() =>
      (globalThis as unknown as { keyfob: { appInfo(): Promise<unknown> } }).keyfob.appInfo(),
    );
    await page.evaluate(
      () =>
        new Promise((resolve) =>
          (globalThis as unknown as { requestAnimationFrame(f: () => void): void }).requestAnimationFrame(
            () =>
              (globalThis as unknown as { requestAnimationFrame(f: () => void): void }).requestAnimationFrame(
                () => resolve(undefined),
              ),
          ),
        ),
    );
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await page.getByText('GEZD GNBV GY3T QOJQ').count()).toBe(0);
    expect(await page.getByRole('alert').count()).toBe(0);
  });
});
