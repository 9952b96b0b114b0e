/**
 * Switching apps in the window, end to end in Chromium (issue 9): Add → Import from another app lists every
 * format of main's registry with where that app keeps its export, asks for an encrypted export's password as a
 * calm note (a wrong one is the error beside the field, the file kept), and ends in the report or the list;
 * Export → Encrypted backup asks for the password twice with a strength hint and writes an Aegis vault that the
 * independent reader (test/support/aegis-reader.ts) opens. Keyboard-only, axe-clean, in en, de and zh-CN at
 * 360, 420 and 1024 px; screenshots in test-results/screens/import-apps-*.png.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FileChooser, Page } from 'playwright';
import { describe, expect, it } from 'vitest';
import appDe from '../../locales/de/app.json';
import appEn from '../../locales/en/app.json';
import appZh from '../../locales/zh-CN/app.json';
import errorWordsEn from '../../locales/en/errorWords.json';
import { FORMATS } from '../../main/formats';
import { readAegisVault } from '../support/aegis-reader';
import { aegisVault } from '../support/formats/aegis';
import { e2eApps } from '../support/e2e-apps';
import { expectAccessible, fromMenu, openAdd } from '../support/ui-steps';

const FIXTURES = join(__dirname, '../fixtures/formats');
const TWOFAS = '2fas/2fas_authenticator_encrypted_v4.2fas';
const AEGIS = 'aegis/aegis_encrypted.json';
const fixture = (path: string) => readFileSync(join(FIXTURES, path));

const open = e2eApps();

const sideways = (page: Page) =>
  page.evaluate(() => {
    const root = (
      globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }
    ).document.documentElement;
    return root.scrollWidth - root.clientWidth;
  });

const focusedLabel = (page: Page) =>
  page.evaluate(() => {
    type El = { labels?: Array<{ textContent: string | null }>; textContent: string | null } | null;
    const active = (globalThis as unknown as { document: { activeElement: El } }).document.activeElement;
    return active?.labels?.[0]?.textContent ?? active?.textContent ?? '';
  });

/** What a file holds, read by the format itself with its password: the accounts the window should add. */
async function expected(id: string, path: string, password: string) {
  const format = FORMATS.find((f) => f.id === id)!;
  const { entries } = await format.parse(new Uint8Array(fixture(path)), { password, fileName: path });
  return {
    ok: entries.filter((e) => e.status === 'ok').length,
    refused: entries.flatMap((e) => (e.status === 'refused' ? [e.name] : [])),
  };
}

const where = (id: string) =>
  (appEn as Record<string, string>)[`formatWhere_${id}`] ?? (appEn as Record<string, string>)['formatWhere'];

describe('switching apps in the window', () => {
  it('lists every app of the registry, each with where it keeps its export and the files it writes', async () => {
    const app = await open();
    const { page } = app;
    await openAdd(page);
    await page.getByRole('button', { name: 'Import from another app' }).click();
    await expect.poll(() => page.getByRole('radio').count()).toBe(FORMATS.length);
    for (const format of FORMATS) {
      const name = (errorWordsEn.format as Record<string, string>)[format.id]!;
      await page.getByRole('radio', { name, exact: true }).check();
      expect(await page.locator('.where').textContent()).toBe(where(format.id));
      expect(await page.getByLabel('Choose file…').getAttribute('accept')).toBe(
        (format.fileTypes ?? []).join(',') || null,
      );
      // Nothing asked yet: a password field appears only once main says the file has one.
      expect(await page.getByLabel('Password of the export').count()).toBe(0);
    }
    await expectAccessible(page);
  });

  it('reads an encrypted 2FAS export by keyboard alone: a calm prompt, a wrong password beside the field, then the right one', async () => {
    const app = await open();
    const { page } = app;
    const want = await expected('2fas', TWOFAS, 'test');
    expect(want.ok).toBeGreaterThan(0);
    // Listening from the start: Playwright turns the chooser's interception on asynchronously, and a listener
    // added just before the key press can miss a chooser opened at once on a busy machine.
    const choosers: FileChooser[] = [];
    page.on('filechooser', (c) => void choosers.push(c));
    await page
      .getByRole('button', { name: /^(Add account|Add or import accounts)$/ })
      .first()
      .focus();
    await page.keyboard.press('Enter');
    // The tiles are a group the arrows move in: Import from another app is the sixth.
    await expect.poll(() => focusedLabel(page)).toMatch(/^Scan the screen/);
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    expect(await focusedLabel(page)).toMatch(/^Import from another app/);
    await page.keyboard.press('Enter');
    // Into the list of apps; the arrows choose among them, as in any radio group.
    await expect.poll(() => page.getByRole('radio').count()).toBe(FORMATS.length);
    await page.getByRole('radio').first().focus();
    const twofas = FORMATS.findIndex((f) => f.id === '2fas');
    for (let i = 0; i < twofas; i++) await page.keyboard.press('ArrowDown');
    expect(await page.getByRole('radio', { name: '2FAS', exact: true }).isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    expect(await focusedLabel(page)).toBe('Choose file…');
    await page.keyboard.press('Enter');
    await expect.poll(() => choosers.length).toBe(1);
    await choosers[0]!.setFiles(join(FIXTURES, TWOFAS));
    await expect
      .poll(() => page.getByText('File: 2fas_authenticator_encrypted_v4.2fas').isVisible())
      .toBe(true);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');

    // Main says the export has a password: a note under a new field, which has the keyboard; no alert, no error.
    const field = page.getByLabel('Password of the export');
    await expect.poll(() => field.isVisible()).toBe(true);
    await expect.poll(() => focusedLabel(page)).toBe('Password of the export');
    const note = page.locator('#password-note');
    expect(await note.textContent()).toBe(
      'This 2FAS export is protected by a password. Type the password you chose when exporting.',
    );
    expect(await page.locator('.method-view [role=alert]').count()).toBe(0);
    expect(await field.getAttribute('aria-invalid')).toBeNull();
    expect(await field.getAttribute('aria-describedby')).toBe('password-note');
    expect(await page.getByRole('button', { name: 'Import', exact: true }).isDisabled()).toBe(true);
    await expectAccessible(page);
    await app.screenshot('import-apps-2fas-asked');

    // A wrong password: said beside the field, which keeps the keyboard with the text selected; the file stays.
    await page.keyboard.type('not the one');
    await page.keyboard.press('Enter');
    const alert = page.locator('#password-error');
    await expect
      .poll(() => alert.textContent())
      .toBe(
        'The password does not open this 2FAS export. Check the password you chose when exporting, and try again.',
      );
    expect(await alert.getAttribute('role')).toBe('alert');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await field.getAttribute('aria-describedby')).toBe('password-note password-error');
    expect(await page.getByText('File: 2fas_authenticator_encrypted_v4.2fas').isVisible()).toBe(true);
    expect(await app.vault.list()).toEqual([]);
    await expectAccessible(page);
    await app.screenshot('import-apps-2fas-wrong');

    // Typing replaces the selected wrong password; the right one imports every entry.
    await page.keyboard.type('test');
    expect(await field.inputValue()).toBe('test');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await app.vault.list()).length).toBe(want.ok);
    if (want.refused.length === 0) {
      // Back to the list, the new rows standing out, and a toast with the count.
      await expect
        .poll(() => page.locator('.toast.ok .toast-message').last().textContent())
        .toMatch(new RegExp(`^${want.ok} accounts? added`));
      await expect.poll(() => page.locator('.account.highlighted').count()).toBeGreaterThan(0);
    } else {
      const report = page.getByRole('region', { name: 'Result' });
      for (const name of want.refused) await expect.poll(() => report.textContent()).toContain(name);
    }
    // The password went to main in the import call only: nothing of it is in the window's state or pushes.
    expect(app.pushed.some((p) => p.includes('not the one'))).toBe(false);
  }, 120_000);

  it('imports an encrypted Aegis vault and reports what it added and refused, by name', async () => {
    const app = await open();
    const { page } = app;
    const want = await expected('aegis', AEGIS, 'test');
    await openAdd(page);
    await page.getByRole('button', { name: 'Import from another app' }).click();
    await page.getByRole('radio', { name: 'Aegis', exact: true }).check();
    await page.getByLabel('Choose file…').setInputFiles(join(FIXTURES, AEGIS));
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const field = page.getByLabel('Password of the export');
    await expect.poll(() => field.isVisible()).toBe(true);
    expect(await page.locator('#password-note').textContent()).toMatch(/^This Aegis export is protected/);
    await field.fill('test');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(async () => (await app.vault.list()).length).toBe(want.ok);
    if (want.refused.length > 0) {
      const report = page.getByRole('region', { name: 'Result' });
      await expect.poll(() => report.isVisible()).toBe(true);
      const rows = await report.locator('li.entry').allTextContents();
      expect(rows.filter((r) => r.startsWith('Added'))).toHaveLength(want.ok);
      for (const name of want.refused) {
        // Each refusal names the entry and says why.
        expect(rows.some((r) => r.startsWith('Not added') && r.includes(name) && r.includes(' — '))).toBe(
          true,
        );
      }
      await expectAccessible(page);
      await app.screenshot('import-apps-aegis-report');
    }

    // The same file again: every account is already there, and nothing is added twice.
    await openAdd(page);
    await page.getByRole('button', { name: 'Import from another app' }).click();
    await page.getByRole('radio', { name: 'Aegis', exact: true }).check();
    await page.getByLabel('Choose file…').setInputFiles(join(FIXTURES, AEGIS));
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByLabel('Password of the export').fill('test');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect
      .poll(() => page.locator('.toast.ok .toast-message').last().textContent())
      .toBe(`Nothing new: ${want.ok} already there`);
    expect(await app.vault.list()).toHaveLength(want.ok);
  }, 120_000);

  it('shows the report when an export holds entries Keyfob cannot store, naming each with its reason', async () => {
    const app = await open();
    const { page } = app;
    const vault = await aegisVault(
      [
        { type: 'totp', name: 'ada', issuer: 'GitHub', secret: 'JBSWY3DPEHPK3PXP' },
        { type: 'yandex', name: 'ivan', issuer: 'Yandex', secret: 'GEZDGNBVGY3TQOJQ' },
      ],
      { password: 'pw', scrypt: { n: 1024, r: 8, p: 1 } },
    );
    await openAdd(page);
    await page.getByRole('button', { name: 'Import from another app' }).click();
    await page.getByRole('radio', { name: 'Aegis', exact: true }).check();
    await page
      .getByLabel('Choose file…')
      .setInputFiles({ name: 'aegis-backup.json', mimeType: 'application/json', buffer: Buffer.from(vault) });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByLabel('Password of the export').fill('pw');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const report = page.getByRole('region', { name: 'Result' });
    await expect.poll(() => report.isVisible()).toBe(true);
    const rows = await report.locator('li.entry').allTextContents();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^Added GitHub \(ada\)/);
    expect(rows[1]).toMatch(/^Not added Yandex \(ivan\) — \S/);
    expect((await app.vault.list()).map((a) => a.issuer)).toEqual(['GitHub']);
    // The form is ready for another file: the password went with the import, and its field with it.
    expect(await page.getByLabel('Password of the export').count()).toBe(0);
    expect(await page.getByText('or drop the file here').isVisible()).toBe(true);
    await expectAccessible(page);
    await app.screenshot('import-apps-report');
  });

  it('writes an encrypted backup: the password twice, a strength hint, a mismatch refused, every account in the file', async () => {
    const app = await open();
    const { page } = app;
    const keys = [
      { issuer: 'GitHub', label: 'ada@example.com', secret: 'JBSWY3DPEHPK3PXP' },
      { issuer: 'Mail', label: 'ada', secret: 'GEZDGNBVGY3TQOJQ', digits: 8 },
      { issuer: 'Steam', label: 'ada', secret: 'JBSWY3DPEHPK3PXQ', type: 'steam' as const },
    ];
    for (const k of keys) expect(await app.handlers.addFromKey(k)).toMatchObject({ ok: true });
    await page.reload();
    await fromMenu(page, 'Export');
    const dialog = page.getByRole('dialog', { name: 'Export' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await expectAccessible(page);
    await app.screenshot('import-apps-export-choice');
    // By keyboard: the QR codes have the focus first, the backup is the next button.
    await page.keyboard.press('Tab');
    expect(await focusedLabel(page)).toMatch(/^Encrypted backup/);
    await page.keyboard.press('Enter');
    const backup = page.getByRole('dialog', { name: 'Encrypted backup' });
    await expect.poll(() => focusedLabel(page)).toBe('Password');
    const hint = backup.locator('#backup-strength');
    expect(await hint.textContent()).toBe(appEn.backupStrengthEmpty);
    await page.keyboard.type('abc123');
    expect(await hint.textContent()).toBe(appEn.backupStrengthWeak);
    await page.keyboard.type('Xyz');
    expect(await hint.textContent()).toBe(appEn.backupStrengthFair);
    await page.keyboard.press('Tab');
    await page.keyboard.type('abc123xyz');
    await page.keyboard.press('Enter');
    // Not the same: said beside the second field, which takes the keyboard; main was asked nothing.
    await expect.poll(() => backup.locator('#backup-mismatch').textContent()).toBe(appEn.backupMismatch);
    expect(await backup.locator('#backup-mismatch').getAttribute('role')).toBe('alert');
    expect(await backup.getByLabel('The same password again').getAttribute('aria-invalid')).toBe('true');
    expect(await focusedLabel(page)).toBe('The same password again');
    expect(app.asked).toEqual([]);
    await expectAccessible(page);
    await app.screenshot('import-apps-backup-mismatch');

    const password = 'correct horse battery staple';
    await backup.getByLabel('Password', { exact: true }).fill(password);
    expect(await hint.textContent()).toBe(appEn.backupStrengthStrong);
    await backup.getByLabel('The same password again').fill(password);
    await backup.getByRole('button', { name: 'Save backup…' }).press('Enter');
    await expect
      .poll(() => page.locator('.toast.ok .toast-message').last().textContent())
      .toMatch(/^Backup of 3 accounts saved as keyfob-backup-\d{4}-\d\d-\d\d\.json/);
    expect(await backup.count()).toBe(0);
    expect(app.asked).toEqual([{ kind: 'export', count: 3 }]);
    expect(app.saved).toHaveLength(1);
    const read = await readAegisVault(readFileSync(app.saved[0]!, 'utf8'), password);
    expect(read.encrypted).toBe(true);
    const held = read.entries.map((e) => [e.type, e.issuer, e.name, e.info['secret'], e.info['digits']]);
    expect(held.sort()).toEqual(
      [
        ['totp', 'GitHub', 'ada@example.com', 'JBSWY3DPEHPK3PXP', 6],
        ['totp', 'Mail', 'ada', 'GEZDGNBVGY3TQOJQ', 8],
        ['steam', 'Steam', 'ada', 'JBSWY3DPEHPK3PXQ', 5],
      ].sort(),
    );
    // The password and the keys never came back to the page.
    expect(app.pushed.some((p) => p.includes(password) || p.includes('JBSWY3DPEHPK3PXP'))).toBe(false);
  }, 120_000);

  it('a closed save dialog writes nothing and keeps the form', async () => {
    const app = await open({ saveDialog: 'cancel' });
    const { page } = app;
    await app.handlers.addFromKey({ issuer: 'GitHub', label: 'ada', secret: 'JBSWY3DPEHPK3PXP' });
    await page.reload();
    await fromMenu(page, 'Export');
    await page.getByRole('button', { name: 'Encrypted backup' }).click();
    const backup = page.getByRole('dialog', { name: 'Encrypted backup' });
    await backup.getByLabel('Password', { exact: true }).fill('pw pw pw pw');
    await backup.getByLabel('The same password again').fill('pw pw pw pw');
    await backup.getByRole('button', { name: 'Save backup…' }).click();
    await expect.poll(() => app.asked.length).toBe(1);
    expect(await backup.locator('[role=alert]').count()).toBe(0);
    expect(await backup.getByLabel('Password', { exact: true }).inputValue()).toBe('pw pw pw pw');
    expect(app.saved).toEqual([]);
  });

  it('fits at 360, 420 and 1024 px in en, de and zh-CN, light and dark', async () => {
    for (const [lang, locale, words] of [
      ['en', 'en-GB', appEn],
      ['de', 'de-DE', appDe],
      ['zh-CN', 'zh-CN', appZh],
    ] as const) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const app = await open({ locale, colorScheme });
        const { page } = app;
        await app.handlers.addFromKey({ issuer: 'GitHub', label: 'ada', secret: 'JBSWY3DPEHPK3PXP' });
        await page.reload();
        await page.locator('header button[aria-keyshortcuts="Control+N"]').click();
        await page.locator('.method-tile').nth(5).click();
        await page.locator('input[type=radio][value="2fas"]').check();
        expect(await page.locator('.where').textContent()).toBe(words['formatWhere_2fas']);
        await page.locator('input[type=file]').setInputFiles(join(FIXTURES, TWOFAS));
        await page.locator('form.method-form button[type=submit]').click();
        await expect.poll(() => page.locator('#password-note').isVisible()).toBe(true);
        await page.locator('form.method-form input[type=password]').fill('wrong');
        await page.locator('form.method-form button[type=submit]').click();
        await expect.poll(() => page.locator('#password-error').isVisible()).toBe(true);
        for (const width of [360, 420, 1024]) {
          await page.setViewportSize({ width, height: 800 });
          expect(await sideways(page)).toBe(0);
          if (colorScheme === 'light' || width === 420)
            await app.screenshot(`import-apps-${width}-${lang}-${colorScheme}`, { fullPage: false });
        }
        await expectAccessible(page);

        await page.locator('button.app-menu').click();
        await page.getByRole('menuitem', { name: words.export, exact: true }).click();
        await page.locator('.export-choice').nth(1).click();
        await page.locator('.backup-form input[type=password]').first().fill('abc');
        await page.locator('.backup-form input[type=password]').last().fill('abd');
        await page.locator('.backup-form button[type=submit]').click();
        await expect.poll(() => page.locator('#backup-mismatch').textContent()).toBe(words.backupMismatch);
        for (const width of [360, 420, 1024]) {
          await page.setViewportSize({ width, height: 800 });
          expect(await sideways(page)).toBe(0);
          if (colorScheme === 'light' || width === 420)
            await app.screenshot(`import-apps-backup-${width}-${lang}-${colorScheme}`, { fullPage: false });
        }
        await expectAccessible(page);
      }
    }
  }, 300_000);
});
