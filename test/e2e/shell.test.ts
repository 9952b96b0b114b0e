/**
 * The window's shell: the one-line toolbar (search, +, ⋯), toasts that never move a row, Delete with Undo, the
 * empty states and the global keys, in Chromium at 360, 420, 1024 and 1600 px, in en, de and zh-CN, light and
 * dark. Screenshots go to test-results/screens/shell-*.png.
 */
import { writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright';
import { describe, expect, it } from 'vitest';
import { KeytarKeychain } from '../../main/vault/keytar-keychain';
import type { NewAccount } from '../../main/vault/vault';
import { e2eApps } from '../support/e2e-apps';
import { expectAccessible, fromMenu, openAdd } from '../support/ui-steps';

const open = e2eApps();

/**
 * Stops the page's clock (Playwright's fake timers, installed before the page loaded), so a toast stays until the
 * test lets time pass (clock.runFor, or resume), however slow the machine. The page's own time, so a runFor
 * before does not put the pause in its past.
 */
async function stopTime(page: Page): Promise<void> {
  // Far enough ahead that the page's clock, still running meanwhile, has not passed it on a busy machine.
  const now = await page.evaluate(() => Date.now());
  await page.clock.pauseAt(now + 500);
}

/**
 * Holds the toasts the way a person does, with the pointer on them (they wait while it is there), and lets time
 * run again: for the checks that need the page's timers (axe, a screenshot).
 */
async function holdToasts(page: Page): Promise<void> {
  await page.locator('.toast').first().hover();
  await page.clock.resume();
}

const WIDTHS = [360, 420, 1024, 1600] as const;
const LANGS = ['en', 'de', 'zh-CN'] as const;
const THEMES = ['light', 'dark'] as const;

function account(issuer: string, label: string, n: number): NewAccount {
  return {
    issuer,
    label,
    secret: `JBSWY3DPEHPK3PXP${'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[n % 32]!.repeat(8)}`,
    params: { type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 },
    extra: {},
  };
}

const ACCOUNTS: NewAccount[] = [
  account('GitHub', 'ada@example.com', 0),
  account('Deutsche Rentenversicherung Knappschaft-Bahn-See', 'ada.lovelace@beispiel.de', 1),
  account('微信', '艾达', 2),
  account('Mail', 'ada', 3),
  account('Cloudflare', 'ada@example.com', 4),
];

/** Where each of the toolbar's parts is, and whether anything scrolls sideways. Runs in the page. */
function toolbar(page: Page) {
  return page.evaluate(() => {
    type Box = { top: number; bottom: number; left: number; right: number; height: number };
    const g = globalThis as unknown as {
      document: {
        querySelector(s: string): { getBoundingClientRect(): Box; children: ArrayLike<unknown> } | null;
        documentElement: { scrollWidth: number };
      };
      innerWidth: number;
      getComputedStyle(e: unknown): { display: string; position: string };
    };
    const header = g.document.querySelector('header')!;
    const parts = Array.from(header.children as ArrayLike<{ getBoundingClientRect(): Box }>)
      .filter((c) => {
        const style = g.getComputedStyle(c);
        return style.display !== 'none' && style.position !== 'absolute';
      })
      .map((c) => c.getBoundingClientRect());
    return {
      header: header.getBoundingClientRect(),
      parts,
      scrollWidth: g.document.documentElement.scrollWidth,
      viewport: g.innerWidth,
    };
  });
}

async function expectOneLine(page: Page, where: string): Promise<void> {
  const t = await toolbar(page);
  expect.soft(t.scrollWidth, `sideways scroll at ${where}`).toBeLessThanOrEqual(t.viewport);
  // One row: every part shares the header's one line, and the header is no taller than a row of buttons.
  expect.soft(t.header.height, `toolbar height at ${where}`).toBeLessThanOrEqual(60);
  for (const p of t.parts) {
    expect.soft(p.top, `a part of the toolbar wrapped at ${where}`).toBeLessThan(t.header.top + 16);
    expect.soft(p.right, `a part of the toolbar is cut at ${where}`).toBeLessThanOrEqual(t.viewport);
  }
}

async function codesShown(page: Page, count: number): Promise<void> {
  await expect
    .poll(
      () =>
        page
          .locator('.account .code')
          .filter({ hasText: /\d{3} \d{3}/ })
          .count(),
      { timeout: 15_000 },
    )
    .toBe(count);
}

describe('the toolbar', () => {
  it('is one line at every width, in every language and theme, on every screen', async () => {
    const app = await open();
    const { page } = app;
    await app.vault.addMany(ACCOUNTS, { allowDuplicates: true });
    await page.clock.install();
    for (const lang of LANGS) {
      expect((await app.handlers.saveSettings({ language: lang })).ok).toBe(true);
      await page.reload();
      await codesShown(page, ACCOUNTS.length);
      for (const theme of THEMES) {
        await page.emulateMedia({ colorScheme: theme });
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: 720 });
          const where = `${width} px, ${lang}, ${theme}`;
          await expectOneLine(page, where);
          if (theme === 'light' || width === 360) {
            // A copy's toast, to see it as people will: over the list, moving nothing.
            await stopTime(page);
            await page.locator('.account button.copy').first().click();
            await expect.poll(() => page.locator('.toast.ok').count()).toBe(1);
            await holdToasts(page);
            await app.screenshot(`shell-${width}-${lang}-${theme}`);
            await expectAccessible(page);
            await page.locator('.toast.ok .toast-close').click();
            await page.mouse.move(0, 0);
          }
        }
      }
      // The other screens: a way back, the title (cut, never wrapped) and the menu, on one line.
      await page.setViewportSize({ width: 360, height: 720 });
      const menu = lang === 'en' ? 'Menu' : lang === 'de' ? 'Menü' : '菜单';
      const settings = lang === 'en' ? 'Settings' : lang === 'de' ? 'Einstellungen' : '设置';
      await fromMenu(page, settings, menu);
      await expect.poll(() => page.getByRole('heading', { level: 1, name: settings }).isVisible()).toBe(true);
      await expectOneLine(page, `settings, 360 px, ${lang}`);
      await app.screenshot(`shell-360-${lang}-settings`);
      await page.keyboard.press('Control+N');
      await expect.poll(() => page.locator('main .add').isVisible()).toBe(true);
      await expectOneLine(page, `add, 360 px, ${lang}`);
      await app.screenshot(`shell-360-${lang}-add`);
      await page.locator('header button.back').click();
    }
  }, 300_000);

  it('offers Cognito, Export and Settings in its menu, with the arrow keys', async () => {
    const app = await open();
    const { page } = app;
    await app.vault.addMany(ACCOUNTS.slice(0, 2), { allowDuplicates: true });
    await page.reload();
    await codesShown(page, 2);
    await page.getByRole('button', { name: 'Menu' }).focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu');
    await expect
      .poll(() => menu.getByRole('menuitem').allTextContents())
      .toEqual(['Cognito', 'Export', 'Settings']);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expectAccessible(page);
    await app.screenshot('shell-menu');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Settings' }).isVisible()).toBe(true);
    // No language picker but the one in Settings.
    await expect.poll(() => page.getByLabel('Language').count()).toBe(1);
  });
});

describe('toasts', () => {
  it('say which account was copied and when the clipboard clears it, with a tick, and move no row', async () => {
    const app = await open();
    const { page } = app;
    await app.vault.addMany(ACCOUNTS.slice(0, 4), { allowDuplicates: true });
    // The toasts' timers wait for the test: it looks at the toast for as long as it needs.
    await page.clock.install();
    await page.reload();
    await codesShown(page, 4);
    await stopTime(page);
    const rows = page.locator('.account');
    const before = await Promise.all([0, 1, 2, 3].map((i) => rows.nth(i).boundingBox()));
    await page.getByRole('button', { name: 'Copy code: GitHub (ada@example.com)' }).click();
    const status = page.getByRole('status').locator('.toast-message');
    await expect
      .poll(() => status.textContent())
      .toMatch(/^Copied (the next code of )?GitHub \(ada@example\.com\) · clears in \d+ s$/);
    const seconds = Number((await status.textContent())!.match(/clears in (\d+) s/)![1]);
    // As main will clear it: when the code expires (Settings' default), within a period and the next-code grace.
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(33);
    const copied = app.copied.at(-1)!;
    expect(Math.abs(copied.validUntil - Date.now() - seconds * 1000)).toBeLessThan(5000);
    expect(await page.locator('.account').first().locator('.copied-tick').count()).toBe(1);
    const after = await Promise.all([0, 1, 2, 3].map((i) => rows.nth(i).boundingBox()));
    expect(after).toEqual(before);
    await holdToasts(page);
    await expectAccessible(page);
    await app.screenshot('shell-copied');
    await stopTime(page);

    // In timeout mode the toast names the timeout.
    await app.handlers.saveSettings({ clipboardClear: 'timeout', clipboardTimeoutSeconds: 45 });
    await page.getByRole('button', { name: 'Copy code: Mail (ada)' }).click();
    // Main's clock is real: in a period's last three seconds the next code is copied, and the toast says so.
    await expect
      .poll(() => status.textContent())
      .toMatch(/^Copied (the next code of )?Mail \(ada\) · clears in 45 s$/);
    // One copy toast at a time, and one tick: the latest.
    expect(await page.locator('.toast').count()).toBe(1);
    expect(await page.locator('.copied-tick').count()).toBe(1);
    expect(await page.locator('.account').nth(3).locator('.copied-tick').count()).toBe(1);
    // 2.5 s later both are gone.
    await page.clock.runFor(3000);
    await expect.poll(() => page.locator('.toast').count()).toBe(0);
    expect(await page.locator('.copied-tick').count()).toBe(0);

    // Closed from the keyboard, a toast takes its focused button with it: the toasts' time runs again, and the
    // next copy's toast goes by itself.
    await page.getByRole('button', { name: 'Copy code: GitHub (ada@example.com)' }).click();
    await expect.poll(() => page.locator('.toast').count()).toBe(1);
    await page.locator('.toast').getByRole('button', { name: 'Close' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.toast').count()).toBe(0);
    await page.getByRole('button', { name: 'Copy code: Mail (ada)' }).click();
    await expect.poll(() => page.locator('.toast').count()).toBe(1);
    await page.clock.runFor(3000);
    await expect.poll(() => page.locator('.toast').count()).toBe(0);
  });

  it('keep an error until it is dismissed, worded again when the language changes in Settings', async () => {
    // An account list that cannot be read, and a key missing from the keychain: said at start.
    const home = mkdtempSync(join(tmpdir(), 'keyfob-e2e-shell-'));
    writeFileSync(join(home, 'accounts.json'), '{ not json');
    const app = await open({ home });
    const { page } = app;
    // The toasts' timers wait for the test, which then lets a minute pass: an error stays.
    await page.clock.install();
    await page.reload();
    const alert = page.getByRole('alert');
    await expect
      .poll(() => alert.textContent())
      .toMatch(
        /The account list could not be read \(it is not valid JSON\); it was kept as .*accounts\.json/,
      );
    await stopTime(page);
    await page.clock.runFor(60_000);
    await page.clock.resume();
    expect(await alert.textContent()).toMatch(/could not be read/);
    await app.screenshot('shell-error-en');
    await fromMenu(page, 'Settings');
    await page.getByLabel('Language').selectOption('de');
    await expect
      .poll(() => alert.textContent())
      .toMatch(/Die Kontenliste war nicht lesbar \(es ist kein gültiges JSON\)/);
    await app.screenshot('shell-error-de');
    await page.getByLabel('Sprache').selectOption('zh-CN');
    await expect.poll(() => alert.textContent()).toMatch(/无法读取账户列表/);
    await app.screenshot('shell-error-zh-CN');
    // "Follow the system" wins over any earlier choice: the browser says English.
    await page.getByLabel('语言').selectOption('');
    await expect.poll(() => alert.textContent()).toMatch(/could not be read/);
    await expect.poll(async () => (await app.services.settings.get()).language).toBeUndefined();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => page.locator('.toast').count()).toBe(0);
  });
});

describe('delete with undo', () => {
  it('hides the row at once, keeps the key until the Undo time is over, and Undo brings it back', async () => {
    const app = await open();
    const { page } = app;
    const keychain = new KeytarKeychain({ service: app.service });
    await app.vault.addMany(ACCOUNTS.slice(0, 3), { allowDuplicates: true });
    await page.reload();
    await codesShown(page, 3);
    const [github] = await app.vault.list();
    const ids = async () =>
      page.locator('.account').evaluateAll((l) => l.map((e) => e.getAttribute('data-id')));
    const order = await ids();

    await page.getByRole('button', { name: 'More actions for GitHub (ada@example.com)' }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    await expect.poll(ids).toEqual(order.slice(1));
    const undo = page.getByRole('button', { name: 'Undo' });
    await expect.poll(() => undo.isVisible()).toBe(true);
    expect(await page.getByRole('status').textContent()).toContain('Deleted GitHub (ada@example.com)');
    expect(await keychain.get(github!.id)).not.toBeNull();
    await expectAccessible(page);
    await app.screenshot('shell-undo');
    await undo.click();
    await expect.poll(ids).toEqual(order);
    expect((await app.vault.list()).map((a) => a.id)).toEqual(order);

    // Keyboard only: the row's menu, Delete, then Ctrl+Z.
    await page.getByRole('button', { name: 'More actions for GitHub (ada@example.com)' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('menuitem', { name: 'Delete' }).isVisible()).toBe(true);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await expect.poll(ids).toEqual(order.slice(1));
    await page.keyboard.press('Control+Z');
    await expect.poll(ids).toEqual(order);

    // Left alone, the key is deleted once main's five seconds are over.
    await page.getByRole('button', { name: 'More actions for GitHub (ada@example.com)' }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    await expect.poll(() => keychain.get(github!.id), { timeout: 30_000 }).toBeNull();
    await expect.poll(() => undo.count(), { timeout: 15_000 }).toBe(0);
    expect((await app.vault.list()).map((a) => a.id)).toEqual(order.slice(1));
  }, 60_000);
});

describe('empty states', () => {
  it('a first run offers one way to add or import, naming Google Authenticator', async () => {
    for (const theme of THEMES) {
      const app = await open({ colorScheme: theme });
      const { page } = app;
      await expect.poll(() => page.getByRole('heading', { name: 'No accounts yet' }).isVisible()).toBe(true);
      expect(await page.locator('main').textContent()).toContain('Google Authenticator');
      expect(await page.getByRole('button', { name: /add/i }).count()).toBe(1);
      expect(await page.getByRole('searchbox').count()).toBe(0);
      await expectOneLine(page, `first run, ${theme}`);
      await expectAccessible(page);
      await page.setViewportSize({ width: 360, height: 640 });
      await app.screenshot(`shell-first-run-${theme}`);
      await openAdd(page);
      await expect.poll(() => page.locator('main .add').isVisible()).toBe(true);
    }
  });

  it('a search with no match says so and offers to clear it', async () => {
    const app = await open();
    const { page } = app;
    await app.vault.addMany(ACCOUNTS.slice(0, 3), { allowDuplicates: true });
    await page.reload();
    await codesShown(page, 3);
    await page.getByRole('searchbox').fill('zzz');
    await expect
      .poll(() => page.getByRole('heading', { name: 'No account matches “zzz”' }).isVisible())
      .toBe(true);
    await expectAccessible(page);
    await app.screenshot('shell-no-match');
    await page.getByRole('button', { name: 'Clear search' }).click();
    await codesShown(page, 3);
    expect(await page.getByRole('searchbox').inputValue()).toBe('');
  });
});

describe('the keyboard', () => {
  it('search at start, typing anywhere, Ctrl+F, "/", Escape, Enter copies, Ctrl+N adds', async () => {
    const app = await open();
    const { page } = app;
    // The host says it is Linux (test/support/host.ts), wherever the tests run: Control, not Meta.
    const mod = 'Control';
    await app.vault.addMany(ACCOUNTS.slice(0, 4), { allowDuplicates: true });
    await page.reload();
    await codesShown(page, 4);
    const search = page.getByRole('searchbox');
    const focused = () =>
      search.evaluate((e) => e === (e.ownerDocument as unknown as { activeElement: unknown }).activeElement);
    // Focused at start: typing finds, Enter copies the first match.
    await expect.poll(focused).toBe(true);
    await page.keyboard.type('mai');
    await expect.poll(() => page.locator('.account').count()).toBe(1);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/^Copied Mail \(ada\)/);
    expect(app.copied).toHaveLength(1);
    // Escape clears; ↓ goes to the first account; a letter typed there starts a new search.
    await page.keyboard.press('Escape');
    await expect.poll(() => search.inputValue()).toBe('');
    await expect.poll(() => page.locator('.account').count()).toBe(4);
    await page.keyboard.press('ArrowDown');
    await expect.poll(focused).toBe(false);
    // The list's first row has the keyboard, as the list's own arrows give it.
    expect(
      await page
        .locator('.account')
        .first()
        .evaluate((e) => e === (e.ownerDocument as unknown as { activeElement: unknown }).activeElement),
    ).toBe(true);
    await page.keyboard.type('git');
    await expect.poll(() => search.inputValue()).toBe('git');
    await expect.poll(focused).toBe(true);
    await expect.poll(() => page.locator('.account').count()).toBe(1);
    // Escape outside the field clears too.
    await page.locator('.account button.copy').first().focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => search.inputValue()).toBe('');
    // Ctrl+F comes back to the search from anywhere, Settings included; "/" and letters typed there are Settings'.
    await fromMenu(page, 'Settings');
    await page.keyboard.press('/');
    await page.keyboard.type('g');
    expect(await page.getByRole('heading', { level: 1, name: 'Settings' }).isVisible()).toBe(true);
    await page.keyboard.press(`${mod}+F`);
    await expect.poll(focused).toBe(true);
    expect(await search.inputValue()).toBe('');
    await page.locator('.account button.copy').first().focus();
    await page.keyboard.press(`${mod}+F`);
    await expect.poll(focused).toBe(true);
    // Ctrl+N adds.
    await page.keyboard.press(`${mod}+N`);
    await expect.poll(() => page.locator('main .add').isVisible()).toBe(true);
    await expectAccessible(page);
    // Back on the list, the search has the keyboard again.
    await page.getByRole('button', { name: 'Accounts' }).click();
    await expect.poll(focused).toBe(true);
  });
});
