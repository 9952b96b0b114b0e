/**
 * The accounts screens end to end: real Chromium, the built renderer, the real IPC handlers and keychain.
 * Screenshots of every screen, in both themes, go to test-results/screens/.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import QRCode from 'qrcode';
import type { Page } from 'playwright';
import { describe, expect, it } from 'vitest';
import { codeAt } from '../../main/otp/codes';
import { buildMigrationUris } from '../../main/otp/migration';
import { defaultParams } from '../../main/otp/types';
import { KeytarKeychain } from '../../main/vault/keytar-keychain';
import { Vault } from '../../main/vault/vault';
import { e2eApps } from '../support/e2e-apps';
import { expectAccessible, openAdd, fromMenu } from '../support/ui-steps';

const SECRET = 'JBSWY3DPEHPK3PXP';
const URI = `otpauth://totp/GitHub:ada%40example.com?secret=${SECRET}&issuer=GitHub`;

const open = e2eApps();

function currentCode(secret: string, at = Date.now()): { code: string; next: string } {
  const t = codeAt(secret, defaultParams('totp'), at);
  return { code: t.code, next: t.next };
}

describe('accounts, end to end in Chromium', () => {
  it('starts empty, explaining how to add an account', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const app = await open({ colorScheme });
      await expect
        .poll(() => app.page.getByRole('heading', { name: 'No accounts yet' }).isVisible())
        .toBe(true);
      await expectAccessible(app.page);
      await app.screenshot(`empty-${colorScheme}`);
    }
  });

  it('adds by a pasted link, shows the live code grouped, and copies it with a confirmation', async () => {
    const app = await open();
    const { page } = app;
    await openAdd(page);
    await expect.poll(() => page.locator('.method-tile').count()).toBe(7);
    await app.screenshot('add-light');
    await page.getByRole('button', { name: 'Paste a link' }).click();
    await page.getByLabel('Links').fill(URI);
    await app.screenshot('add-paste-light');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    // Added: back to the list, saying so, with the new row highlighted.
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/1 account added/);

    const row = page.getByRole('button', { name: 'Copy code: GitHub (ada@example.com)' });
    expect(
      await page
        .locator('.account.highlighted')
        .getByRole('button', { name: /^Copy code/ })
        .count(),
    ).toBe(1);
    await expect.poll(async () => (await row.textContent()) ?? '', { timeout: 5000 }).toMatch(/\d{3} \d{3}/);
    const shown = ((await row.textContent()) ?? '').match(/(\d{3}) (\d{3})/)!;
    const expected = currentCode(SECRET);
    expect([expected.code, expected.next]).toContain(`${shown[1]}${shown[2]}`);
    await expect.poll(() => page.getByRole('img', { name: 'Time left for this code' }).count()).toBe(1);

    await row.click();
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/Copied/);
    expect(app.copied).toHaveLength(1);
    expect([expected.code, expected.next, currentCode(SECRET).code, currentCode(SECRET).next]).toContain(
      app.copied[0]!.code,
    );
    await expectAccessible(page);
    await app.screenshot('accounts-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await app.screenshot('accounts-dark');
  });

  it('adds by typing a key, validating it as you type', async () => {
    const app = await open();
    const { page } = app;
    await openAdd(page);
    await page.getByRole('button', { name: 'Enter a key' }).click();
    await page.getByLabel('Issuer').fill('Bank');
    await page.getByLabel('Account', { exact: true }).fill('me@bank');
    await page.getByLabel('Key', { exact: true }).fill('abcd 1890');
    // Beside the field, and tied to it.
    const key = page.getByLabel('Key', { exact: true });
    await expect.poll(() => key.getAttribute('aria-invalid')).toBe('true');
    const said = page.locator(`#${await key.getAttribute('aria-describedby')}`);
    // The characters named, and the advice for digits that stand in for letters.
    expect(await said.textContent()).toBe(
      'This key has characters a key never contains: "1", "8", "9", "0". A key has only the letters A–Z and the ' +
        'digits 2–7. Copy it again; if you typed it, check for a 0 (zero) that should be the letter O, or a 1 that ' +
        'should be I or L.',
    );
    expect(await page.getByRole('button', { name: 'Add account', exact: true }).isDisabled()).toBe(true);
    await page.getByLabel('Key', { exact: true }).fill('gezd gnbv gy3t qojq');
    await page.getByRole('button', { name: 'Add account', exact: true }).click();
    await expect
      .poll(() => page.getByRole('button', { name: 'Copy code: Bank (me@bank)' }).isVisible())
      .toBe(true);
    expect((await app.vault.list()).map((a) => `${a.issuer}/${a.label}`)).toEqual(['Bank/me@bank']);
  });

  it('adds from an opened image file and from a file dropped on the window, each once confirmed', async () => {
    const app = await open();
    const { page } = app;
    const png = await QRCode.toBuffer(URI, { type: 'png', margin: 4, scale: 6 });
    await openAdd(page);
    await page.getByRole('button', { name: 'Image', exact: true }).click();
    await page
      .getByLabel('Choose image…')
      .setInputFiles({ name: 'qr.png', mimeType: 'image/png', buffer: png });
    // Found, then confirmed: the code waits as a link does, naming the account but never its key.
    const request = page.getByRole('region', { name: 'Add this account?' });
    await expect.poll(() => request.isVisible()).toBe(true);
    expect(await request.textContent()).toContain('GitHub (ada@example.com)');
    expect(await page.content()).not.toContain(SECRET);
    expect(await app.vault.list()).toEqual([]);
    await app.screenshot('image-confirm-light');
    await request.getByRole('button', { name: 'Add' }).click();
    await expect
      .poll(() => page.getByRole('button', { name: 'Copy code: GitHub (ada@example.com)' }).isVisible())
      .toBe(true);
    expect(await app.vault.list()).toHaveLength(1);

    const other = await QRCode.toBuffer(URI.replace('ada', 'bob').replace(SECRET, 'GEZDGNBVGY3TQOJQ'), {
      type: 'png',
      margin: 4,
      scale: 6,
    });
    // Dropped on the list this time: the window takes an image anywhere.
    const drop = await page.evaluateHandle((bytes: number[]) => {
      // Runs in the page (this file compiles without the DOM library).
      const dom = globalThis as unknown as {
        DataTransfer: new () => { items: { add(file: unknown): void } };
        File: new (parts: unknown[], name: string, options: { type: string }) => unknown;
      };
      const transfer = new dom.DataTransfer();
      transfer.items.add(new dom.File([new Uint8Array(bytes)], 'drop.png', { type: 'image/png' }));
      return transfer;
    }, Array.from(other));
    await page.dispatchEvent('.app', 'dragover', { dataTransfer: drop });
    await page.dispatchEvent('.app', 'drop', { dataTransfer: drop });
    await expect.poll(() => request.textContent()).toContain('GitHub (bob@example.com)');
    // Not now: nothing is added, and the same image can be offered again.
    await request.getByRole('button', { name: 'Not now' }).click();
    await expect.poll(() => request.count()).toBe(0);
    expect(await app.vault.list()).toHaveLength(1);
    await page.dispatchEvent('.app', 'drop', { dataTransfer: drop });
    await request.getByRole('button', { name: 'Add' }).click();
    await expect.poll(async () => (await app.vault.list()).length).toBe(2);
    await expect
      .poll(() => page.getByRole('button', { name: 'Copy code: GitHub (bob@example.com)' }).isVisible())
      .toBe(true);
  });

  it('imports a Google Authenticator export, naming duplicates, namesakes and the missing code', async () => {
    const app = await open();
    const { page } = app;
    await app.handlers.addFromText(URI);
    const accounts = [
      {
        issuer: 'GitHub',
        label: 'ada@example.com',
        secret: SECRET,
        params: defaultParams('totp'),
        extra: {},
      },
      // Named like the first, with another key: added beside it, with a note (nothing may be lost on import).
      {
        issuer: 'GitHub',
        label: 'ada@example.com',
        secret: 'GEZDGNBVGY3TQOJQ',
        params: defaultParams('totp'),
        extra: {},
      },
      { issuer: 'Cloud', label: 'ada', secret: 'MFRGGZDFMZTWQ2LK', params: defaultParams('totp'), extra: {} },
    ];
    const { uris } = buildMigrationUris(accounts, { perCode: 1 });
    await openAdd(page);
    await page.getByRole('button', { name: 'Paste a link' }).click();
    await page.getByLabel('Links').fill(`${uris[0]}\n${uris[1]}`);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const report = page.getByRole('region', { name: 'Result' });
    await expect.poll(() => report.getByText('Already there').isVisible()).toBe(true);
    expect(
      await page
        .getByText('it shares its name with GitHub (ada@example.com), which has another key')
        .isVisible(),
    ).toBe(true);
    expect((await app.vault.list()).filter((a) => a.issuer === 'GitHub')).toHaveLength(2);
    expect(
      await page
        .getByText('Codes 3 of 3 of this Google Authenticator export were not scanned yet.')
        .isVisible(),
    ).toBe(true);
    await app.screenshot('import-report-light');
  });

  it('renames, reorders with the keyboard, reveals behind a confirmation, and deletes behind one', async () => {
    const app = await open();
    const { page } = app;
    await app.handlers.addFromText(URI);
    await app.handlers.addFromText('otpauth://totp/Mail:ada?secret=GEZDGNBVGY3TQOJQ&issuer=Mail');
    await page.reload();

    await page.getByRole('button', { name: 'More actions for GitHub (ada@example.com)' }).click();
    await page.getByRole('menuitem', { name: 'Rename' }).click();
    await page.getByRole('dialog').getByLabel('Account').fill('ada-work');
    await app.screenshot('rename-light');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => page.getByRole('button', { name: 'Copy code: GitHub (ada-work)' }).isVisible())
      .toBe(true);

    // Alt+ArrowDown moves the focused account one place down.
    await page.getByRole('button', { name: 'Copy code: GitHub (ada-work)' }).focus();
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(async () => (await app.vault.list()).map((a) => a.issuer)).toEqual(['Mail', 'GitHub']);

    await page.getByRole('button', { name: 'More actions for Mail (ada)' }).click();
    await page.getByRole('menuitem', { name: 'Show key' }).click();
    // One question, asked by main (a native dialog in the app), not by the page.
    await expect.poll(() => page.getByText('GEZD GNBV GY3T QOJQ').isVisible()).toBe(true);
    expect(app.asked).toEqual([{ kind: 'reveal', account: 'Mail (ada)' }]);
    expect(await page.getByRole('img', { name: 'QR code of Mail (ada)' }).isVisible()).toBe(true);
    await app.screenshot('reveal-light');
    await page.getByRole('button', { name: 'Close' }).click();

    await page.getByRole('button', { name: 'More actions for Mail (ada)' }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    // Gone at once, with a moment to undo it (test/e2e/shell.test.ts follows the Undo).
    await expect.poll(async () => (await app.vault.list()).map((a) => a.issuer)).toEqual(['GitHub']);
    await expect.poll(() => page.getByRole('button', { name: 'Undo' }).isVisible()).toBe(true);
    await expectAccessible(page);
    await app.screenshot('delete-light');
  });

  it('the global shortcut opens the quick search: type, arrows choose, Enter copies, and the window steps back', async () => {
    const app = await open();
    const { page } = app;
    const BOB = 'GEZDGNBVGY3TQOJQ';
    await app.handlers.addFromText(URI);
    await app.handlers.addFromText('otpauth://totp/Mail:ada?secret=MFRGGZDFMZTWQ2LK&issuer=Mail');
    await app.handlers.addFromText(`otpauth://totp/Mail:bob?secret=${BOB}&issuer=Mail`);
    await page.reload();
    await fromMenu(page, 'Settings');
    await app.pressShortcut();
    const palette = page.getByRole('dialog', { name: 'Quick search' });
    await expect.poll(() => palette.isVisible()).toBe(true);
    // The search field has the keyboard at once.
    await page.keyboard.type('mail');
    await expect.poll(() => palette.getByRole('option').count()).toBe(2);
    await expect.poll(() => palette.getByRole('option', { selected: true }).textContent()).toContain('ada');
    await expectAccessible(page);
    await app.screenshot('palette-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectAccessible(page);
    await app.screenshot('palette-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => palette.getByRole('option', { selected: true }).textContent()).toContain('bob');
    await page.keyboard.press('Enter');
    await expect.poll(() => app.copied.length).toBe(1);
    const bob = codeAt(BOB, defaultParams('totp'), Date.now());
    expect([bob.code, bob.next]).toContain(app.copied[0]!.code);
    await expect.poll(() => palette.isVisible()).toBe(false);
    expect(app.paletteDismissed()).toBe(1);
    // Words in any order; nothing matching says so; Escape closes without copying.
    await app.pressShortcut();
    await expect.poll(() => palette.isVisible()).toBe(true);
    await page.keyboard.type('ada git');
    await expect.poll(() => palette.getByRole('option').count()).toBe(1);
    await page.keyboard.type('zzz');
    await expect.poll(() => palette.getByText('No account matches.').isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => palette.isVisible()).toBe(false);
    expect(app.paletteDismissed()).toBe(2);
    expect(app.copied).toHaveLength(1);
  });

  it('gives an account its own shortcut, which copies its code without opening anything', async () => {
    const app = await open({ shortcutsTaken: ['Control+Alt+9'] });
    const { page } = app;
    await app.handlers.addFromText(URI);
    await app.handlers.addFromText('otpauth://totp/Mail:ada?secret=GEZDGNBVGY3TQOJQ&issuer=Mail');
    await page.reload();
    const field = (dialog: ReturnType<Page['getByRole']>) => dialog.getByLabel('Keys that copy this code');
    const openDialog = async (name: string) => {
      await page.getByRole('button', { name: `More actions for ${name}` }).click();
      await page.getByRole('menuitem', { name: 'Shortcut…' }).click();
      const dialog = page.getByRole('dialog', { name: `Shortcut for ${name}` });
      await field(dialog).focus();
      return dialog;
    };
    const saved = async () => {
      const r = await app.handlers.getSettings();
      return r.ok ? r.value.accountShortcuts : undefined;
    };
    const [github, mail] = await app.vault.list();

    let dialog = await openDialog('GitHub (ada@example.com)');
    // While the field records, Keyfob's own shortcuts are off, so the keys reach the field, not the palette.
    await expect.poll(() => app.shortcutsSuspended()).toBe(true);
    expect(app.pressKeys('CommandOrControl+Shift+K')).toBe(false);
    // A key without a modifier would swallow it everywhere: refused while recording.
    await page.keyboard.press('Shift+A');
    await expect.poll(() => dialog.getByText('Hold Ctrl, Alt or Command').isVisible()).toBe(true);
    await page.keyboard.press('Control+Alt+1');
    await expect.poll(() => field(dialog).inputValue()).toBe('Ctrl+Alt+1');
    await expectAccessible(page);
    await app.screenshot('account-shortcut-light');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await expect.poll(() => app.shortcutsSuspended()).toBe(false);
    await expect
      .poll(() => page.locator(`.account[data-id="${github!.id}"] kbd`).textContent())
      .toBe('Ctrl+Alt+1');
    expect(await saved()).toEqual({ [github!.id]: 'Control+Alt+1' });
    // Pressed anywhere: the code is copied, the window is not involved.
    expect(app.pressKeys('Control+Alt+1')).toBe(true);
    await expect.poll(() => app.copied.length).toBe(1);
    const { code, next } = currentCode(SECRET);
    expect([code, next]).toContain(app.copied[0]!.code);

    // The quick search's keys are not free; saying so keeps the dialog open and changes nothing.
    dialog = await openDialog('GitHub (ada@example.com)');
    await page.keyboard.press('Control+Shift+K');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => dialog.getByRole('alert').filter({ hasText: 'both the quick-search shortcut' }).isVisible())
      .toBe(true);
    expect(await saved()).toEqual({ [github!.id]: 'Control+Alt+1' });
    // Keys another application holds: saved, but off, and the row says so.
    await field(dialog).focus();
    await page.keyboard.press('Control+Alt+9');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => dialog.getByRole('alert').filter({ hasText: 'Another application' }).isVisible())
      .toBe(true);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect
      .poll(() => page.locator(`.account[data-id="${github!.id}"] kbd.taken`).textContent())
      .toContain('Ctrl+Alt+9');
    expect(app.pressKeys('Control+Alt+9')).toBe(false);
    expect(app.pressKeys('Control+Alt+1')).toBe(false);

    // Deleted in the window: its keys are free, and giving another account a shortcut does not bring them back.
    await page.getByRole('button', { name: 'More actions for GitHub (ada@example.com)' }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    // Its shortcut stays while an Undo could bring it back, and goes with its key when the time is over.
    await expect.poll(saved, { timeout: 30_000 }).toEqual({});
    dialog = await openDialog('Mail (ada)');
    await page.keyboard.press('Control+Alt+2');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(await saved()).toEqual({ [mail!.id]: 'Control+Alt+2' });
  });

  it('asks before adding from an otpauth:// link handed to the app', async () => {
    const app = await open();
    const { page } = app;
    await expect.poll(() => page.getByRole('heading', { name: 'No accounts yet' }).isVisible()).toBe(true);
    app.openLinks([URI]);
    const request = page.getByRole('region', { name: 'Add this account?' });
    await expect.poll(() => request.isVisible()).toBe(true);
    expect(await request.textContent()).toContain('GitHub (ada@example.com)');
    // The page is told what the link holds, never its key.
    expect(await page.content()).not.toContain(SECRET);
    await expectAccessible(page);
    await app.screenshot('link-request-light');
    await request.getByRole('button', { name: 'Not now' }).click();
    await expect.poll(() => request.count()).toBe(0);
    expect(await app.vault.list()).toEqual([]);

    app.openLinks([URI]);
    await page
      .getByRole('region', { name: 'Add this account?' })
      .getByRole('button', { name: 'Add' })
      .click();
    await expect.poll(async () => (await app.vault.list()).map((a) => a.issuer)).toEqual(['GitHub']);
  });

  it('exports to Google Authenticator behind a warning, as QR codes, naming what the format cannot carry', async () => {
    const app = await open();
    const { page } = app;
    for (let i = 0; i < 12; i++) {
      await app.handlers.addFromKey({
        issuer: `Site${i}`,
        label: 'ada',
        secret: `JBSWY3DPEHPK3PX${'ABCDEFGHIJKL'[i]}`,
      });
    }
    await app.handlers.addFromKey({ issuer: 'Odd', label: 'seven', secret: 'GEZDGNBVGY3TQOJQ', digits: 7 });
    await page.reload();
    await fromMenu(page, 'Export');
    // Export asks which first: the QR codes, or an encrypted backup (test/e2e/import-apps.test.ts).
    await page.getByRole('button', { name: 'Google Authenticator (QR codes)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export to Google Authenticator' });
    await expect.poll(() => dialog.textContent()).toMatch(/Anyone who sees them/);
    expect(app.asked).toEqual([{ kind: 'export', count: 13 }]);
    await expect.poll(() => dialog.getByRole('status').textContent()).toBe('Code 1 of 2');
    expect(await dialog.getByText('Odd (seven) —').isVisible()).toBe(true);
    await dialog.getByRole('button', { name: 'Next', exact: true }).click();
    expect(await dialog.getByRole('status').textContent()).toBe('Code 2 of 2');
    expect(await dialog.getByRole('img', { name: 'Code 2 of 2' }).getAttribute('src')).toMatch(
      /^data:image\/png/,
    );
    await expectAccessible(page);
    await app.screenshot('export-light');
    // What the screen shows is a real export: decoding the QR image gives back a migration link.
    const src = (await dialog.getByRole('img', { name: 'Code 2 of 2' }).getAttribute('src'))!;
    const { decodeImageBuffer } = await import('../../main/qr');
    const [text] = decodeImageBuffer(new Uint8Array(Buffer.from(src.split(',')[1]!, 'base64')));
    expect(text).toMatch(/^otpauth-migration:\/\/offline\?data=/);
  });

  it('keeps settings: clipboard clearing, theme and language survive a restart', async () => {
    const app = await open();
    const { page } = app;
    await fromMenu(page, 'Settings');
    await expectAccessible(page);
    await app.screenshot('settings-light');
    // The seconds are for "after a fixed time" only: off, and drawn as off, while the code's expiry is chosen.
    const seconds = page.getByLabel('Seconds');
    const look = (field: typeof seconds) =>
      field.evaluate((e) => {
        const style = (
          globalThis as unknown as { getComputedStyle(e: unknown): { color: string; borderStyle: string } }
        ).getComputedStyle(e);
        return `${style.color} ${style.borderStyle}`;
      });
    expect(await seconds.isDisabled()).toBe(true);
    const off = await look(seconds);
    // Appearance's drop-downs stand in one column, whatever the length of their labels.
    const lefts = async () =>
      new Set(
        await Promise.all(
          ['Theme', 'Density', 'Language'].map(async (l) => (await page.getByLabel(l).boundingBox())!.x),
        ),
      ).size;
    expect(await lefts()).toBe(1);
    await page.getByLabel('after a fixed time').check();
    await expect.poll(() => seconds.isEnabled()).toBe(true);
    expect(await look(seconds)).not.toBe(off);
    await page.getByLabel('Seconds').fill('45');
    await page.getByLabel('Keys that open the quick search from anywhere').focus();
    await page.keyboard.press('Control+Alt+K');
    await expect
      .poll(async () => {
        const r = await app.handlers.getSettings();
        return r.ok && r.value.shortcut;
      })
      .toBe('Control+Alt+K');
    await expect
      .poll(() => page.getByLabel('Keys that open the quick search from anywhere').inputValue())
      .toBe('Ctrl+Alt+K');
    await page.getByLabel('Theme').selectOption('dark');
    await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('dark');
    await page.getByLabel('Language').selectOption('de');
    await expect
      .poll(() => page.getByRole('heading', { name: 'Einstellungen', level: 1 }).isVisible())
      .toBe(true);
    // Saved as each choice is made; the last may still be on its way.
    await expect
      .poll(() => app.handlers.getSettings())
      .toMatchObject({
        ok: true,
        value: {
          clipboardClear: 'timeout',
          clipboardTimeoutSeconds: 45,
          theme: 'dark',
          language: 'de',
          shortcut: 'Control+Alt+K',
        },
      });
    await page.reload();
    await expect.poll(() => page.getByRole('heading', { name: 'Noch keine Konten' }).isVisible()).toBe(true);
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    await fromMenu(page, 'Einstellungen', 'Menü');
    await expect.poll(() => page.getByLabel('Sekunden').inputValue()).toBe('45');
    expect(
      new Set(
        await Promise.all(
          ['Design', 'Dichte', 'Sprache'].map(async (l) => (await page.getByLabel(l).boundingBox())!.x),
        ),
      ).size,
    ).toBe(1);
    await app.screenshot('settings-dark-de');
  });

  it('scans every screen and offers each setup code found, one by one', async () => {
    const second = 'otpauth://totp/Mail:ada?secret=GEZDGNBVGY3TQOJQ&issuer=Mail';
    const app = await open({ screens: [[URI], [second, 'https://example.com/not-a-setup-code']] });
    const { page } = app;
    await openAdd(page);
    await page.getByRole('button', { name: 'Scan the screen' }).click();
    await page.getByRole('button', { name: 'Scan the screen' }).click();
    await expect.poll(() => page.getByText(/Found 2 setup codes/).isVisible()).toBe(true);
    const requests = page.getByRole('region', { name: 'Add this account?' });
    await expect.poll(() => requests.count()).toBe(2);
    await app.screenshot('screen-scan-light');
    await requests.first().getByRole('button', { name: 'Add' }).click();
    await requests.first().getByRole('button', { name: 'Add' }).click();
    await expect
      .poll(async () => (await app.vault.list()).map((a) => a.issuer).sort())
      .toEqual(['GitHub', 'Mail']);
    // Each code found has been answered: the line that counted them goes with them.
    await expect.poll(() => page.getByText(/Found 2 setup codes/).count()).toBe(0);

    const none = await open({ screens: [['https://example.com/only-a-web-link']] });
    await openAdd(none.page);
    await none.page.getByRole('button', { name: 'Scan the screen' }).click();
    await none.page.getByRole('button', { name: 'Scan the screen' }).click();
    await expect
      .poll(() => none.page.getByRole('alert').textContent())
      .toMatch(/not authenticator setup codes/);
  });

  it('says at start which keys are missing from the keychain, as the command line does', async () => {
    const home = mkdtempSync(join(tmpdir(), 'keyfob-e2e-missing-'));
    const service = `keyfob-e2e-missing-${process.pid}`;
    const keychain = new KeytarKeychain({ service });
    const vault = new Vault({ dir: home, keychain });
    const account = await vault.add({
      issuer: 'GitHub',
      label: 'ada@example.com',
      secret: SECRET,
      params: defaultParams('totp'),
      extra: {},
    });
    // Deleted outside Keyfob (Seahorse, Keychain Access).
    await keychain.delete(account.id);
    const app = await open({ home, service });
    const alert = app.page.getByRole('alert');
    await expect
      .poll(() => alert.filter({ hasText: 'The key of GitHub (ada@example.com) is missing' }).isVisible())
      .toBe(true);
    expect(await alert.textContent()).toContain('add them again');
  });

  it('renders in German and Simplified Chinese', async () => {
    const de = await open({ locale: 'de-DE' });
    await expect
      .poll(() => de.page.getByRole('heading', { name: 'Noch keine Konten' }).isVisible())
      .toBe(true);
    expect(await de.page.locator('html').getAttribute('lang')).toBe('de');
    await expectAccessible(de.page);
    await de.screenshot('empty-de');
    // Errors main marks with a key are shown in the window's language, and follow a change of language.
    const scan = await open({ locale: 'de-DE', screens: [[]] });
    await scan.page.getByRole('button', { name: 'Konten hinzufügen oder importieren' }).click();
    // An import report names places and reasons in the window's language too.
    await scan.page.getByRole('button', { name: 'Link einfügen' }).click();
    await scan.page.getByLabel('Links').fill('nur Text, kein Link');
    await scan.page.getByRole('button', { name: 'Hinzufügen', exact: true }).click();
    await expect
      .poll(() => scan.page.getByText('eingefügter Text — Das ist kein Einrichtungslink').isVisible())
      .toBe(true);
    await scan.page.getByRole('button', { name: '← Alle Wege zum Hinzufügen' }).click();
    await scan.page.getByRole('button', { name: 'Bildschirm scannen' }).click();
    await scan.page.getByRole('button', { name: 'Bildschirm scannen' }).click();
    const alert = scan.page.getByRole('alert');
    await expect
      // Capturing and decoding "the screen" takes a while on a busy machine.
      .poll(() => alert.filter({ hasText: 'Auf dem Bildschirm wurde kein QR-Code gefunden.' }).isVisible(), {
        timeout: 15_000,
      })
      .toBe(true);
    expect(await alert.textContent()).toContain('nicht von diesem Fenster verdeckt');
    // The language lives in Settings only, away from the add screen (whose errors stay beside their view): the same
    // error, asked again after choosing English there, is in English.
    await fromMenu(scan.page, 'Einstellungen', 'Menü');
    await scan.page.getByLabel('Sprache').selectOption('en');
    await scan.page.keyboard.press('Control+N');
    await scan.page.getByRole('button', { name: 'Scan the screen' }).click();
    await scan.page.getByRole('button', { name: 'Scan the screen' }).click();
    await expect
      .poll(() => alert.filter({ hasText: 'No QR code was found on the screen.' }).isVisible(), {
        timeout: 15_000,
      })
      .toBe(true);
    const zh = await open({ locale: 'zh-CN' });
    await expect.poll(() => zh.page.getByRole('heading', { name: '还没有账户' }).isVisible()).toBe(true);
    expect(await zh.page.locator('html').getAttribute('lang')).toBe('zh-CN');
    // Without a CJK font every character is drawn as the same empty box: two different characters drawn in the
    // page's font must differ, or the screenshot would show boxes (CI installs fonts-wqy-microhei).
    const distinct = await zh.page.evaluate(() => {
      const doc = (
        globalThis as unknown as { document: { body: unknown; createElement(t: 'canvas'): unknown } }
      ).document;
      const font = (
        globalThis as unknown as { getComputedStyle(e: unknown): { fontFamily: string } }
      ).getComputedStyle(doc.body).fontFamily;
      const draw = (ch: string) => {
        const canvas = doc.createElement('canvas') as {
          width: number;
          height: number;
          getContext(k: '2d'): {
            font: string;
            fillText(t: string, x: number, y: number): void;
            getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
          };
        };
        canvas.width = canvas.height = 40;
        const ctx = canvas.getContext('2d');
        ctx.font = `32px ${font}`;
        ctx.fillText(ch, 2, 34);
        return Array.from(ctx.getImageData(0, 0, 40, 40).data).join(',');
      };
      return draw('账') !== draw('户');
    });
    expect(distinct).toBe(true);
    await zh.screenshot('empty-zh');
  });
});
