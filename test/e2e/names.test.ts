/**
 * Clean names in the window (issue 9 §3): a rename with a direction override is refused beside the fields, which
 * keep what was typed; an invisible zero-width space is stripped; a link laced with an escape, an override and a
 * zero-width space is listed under its clean name. Screenshot: test-results/screens/names-rename-refused.png.
 */
import { describe, expect, it } from 'vitest';
import { e2eApps } from '../support/e2e-apps';
import { expectAccessible } from '../support/ui-steps';

const open = e2eApps();
/** What no name in the window may hold: controls, bidi controls and zero-width characters. */
// eslint-disable-next-line no-control-regex -- finding them is the point
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/u;

describe('clean names in the window', () => {
  it('refuses a rename with an override beside the fields, strips a zero-width space, lists links clean', async () => {
    const app = await open();
    const { page } = app;
    await app.handlers.addFromText('otpauth://totp/Mail:ada?secret=JBSWY3DPEHPK3PXP&issuer=Mail');
    await page.reload();

    await page.getByRole('button', { name: 'More actions for Mail (ada)' }).click();
    await page.getByRole('menuitem', { name: 'Rename' }).click();
    const dialog = page.getByRole('dialog');
    const issuer = dialog.getByLabel('Issuer');
    await issuer.fill('Mail\u202egro.live');
    await dialog.getByRole('button', { name: 'Save' }).click();
    const alert = dialog.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('U+202E');
    expect(await issuer.inputValue()).toBe('Mail\u202egro.live');
    expect((await app.vault.list()).map((a) => a.issuer)).toEqual(['Mail']);
    await expectAccessible(page);
    await app.screenshot('names-rename-refused');

    // Typing again clears the refusal; the zero-width space pasted along is stripped, not refused.
    await issuer.fill('Post\u200b');
    expect(await alert.count()).toBe(0);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await app.vault.list()).map((a) => a.issuer)).toEqual(['Post']);
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await expect
      .poll(() => page.getByRole('button', { name: 'Copy code: Post (ada)' }).isVisible())
      .toBe(true);

    // A link whose names carry an escape, an override and a zero-width space is listed clean.
    await app.handlers.addFromText(
      'otpauth://totp/Evil%E2%80%AE%1B%5B2J:ada%E2%80%8B?secret=GEZDGNBVGY3TQOJQ&issuer=Evil%E2%80%AE%1B%5B2J',
    );
    await expect
      .poll(() => page.getByRole('button', { name: 'Copy code: Evil[2J (ada)' }).isVisible())
      .toBe(true);
    const text = await page.locator('.accounts').innerText();
    expect(RAW.exec(text)).toBeNull();
  });
});
