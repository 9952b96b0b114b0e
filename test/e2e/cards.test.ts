/**
 * The accounts list as cards, measured in Chromium at the widths people use (a phone-narrow window, the default
 * 420 px, a laptop, a wide screen), in every language and both themes: no code wraps or is cut, nothing scrolls
 * sideways, a wide window shows a grid, and every screen is accessible. Screenshots go to
 * test-results/screens/cards-<width>-<lang>-<theme>.png.
 */
import type { Page } from 'playwright';
import { describe, expect, it } from 'vitest';
import type { NewAccount } from '../../main/vault/vault';
import { e2eApps } from '../support/e2e-apps';
import { expectAccessible, fromMenu, openAdd } from '../support/ui-steps';

const open = e2eApps();

const WIDTHS = [360, 420, 1024, 1600] as const;
const LANGS = ['en', 'de', 'zh-CN'] as const;
const THEMES = ['light', 'dark'] as const;

function account(issuer: string, label: string, digits: number, n: number): NewAccount {
  // Distinct valid base32 keys: the letters of n, spelled in the base32 alphabet.
  const secret = `JBSWY3DPEHPK3PXP${'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[n % 32]!.repeat(8)}`;
  return {
    issuer,
    label,
    secret,
    params: { type: 'totp', algorithm: 'SHA1', digits, period: 30, counter: 0 },
    extra: {},
  };
}

/** Names as people have them: long ones, German compounds, Chinese, the same login twice, 6, 7 and 8 digits. */
const ACCOUNTS: NewAccount[] = [
  account('GitHub', 'ada@example.com', 6, 0),
  account(
    'Deutsche Rentenversicherung Knappschaft-Bahn-See',
    'ada.lovelace-byron@beispielunternehmen.de',
    8,
    1,
  ),
  account('Amazon Web Services', 'arn:aws:iam::123456789012:mfa/ada', 6, 2),
  account('微信', '艾达·洛夫莱斯', 6, 3),
  account('Steam-ähnlich', 'ada', 7, 4),
  account('Mail', 'ada', 6, 5),
  account('Mail', 'ada', 6, 6),
  account('', 'just-a-label-without-any-issuer-at-all@example.org', 8, 7),
  account('Bank', 'me@bank', 6, 8),
  account('Cloudflare', 'ada@example.com', 6, 9),
];

interface Layout {
  codes: Array<{
    text: string;
    height: number;
    lineHeight: number;
    scrollWidth: number;
    clientWidth: number;
  }>;
  nexts: Array<{ scrollWidth: number; clientWidth: number }>;
  cardX: number[];
  cardHeights: number[];
  docScrollWidth: number;
  viewport: number;
}

/** Runs in the page; typed loosely because this file compiles without the DOM library. */
async function measure(page: Page): Promise<Layout> {
  return page.evaluate(() => {
    type El = {
      getBoundingClientRect(): { x: number; height: number };
      scrollWidth: number;
      clientWidth: number;
      textContent: string | null;
    };
    const g = globalThis as unknown as {
      document: { querySelectorAll(s: string): ArrayLike<El>; documentElement: { scrollWidth: number } };
      innerWidth: number;
      getComputedStyle(e: El): { lineHeight: string };
    };
    const all = (s: string) => Array.from(g.document.querySelectorAll(s));
    return {
      codes: all('.account .code').map((c) => ({
        text: c.textContent ?? '',
        height: c.getBoundingClientRect().height,
        lineHeight: parseFloat(g.getComputedStyle(c).lineHeight),
        scrollWidth: c.scrollWidth,
        clientWidth: c.clientWidth,
      })),
      nexts: all('.account .next').map((n) => ({ scrollWidth: n.scrollWidth, clientWidth: n.clientWidth })),
      cardX: all('.account').map((c) => Math.round(c.getBoundingClientRect().x)),
      cardHeights: all('.account').map((c) => c.getBoundingClientRect().height),
      docScrollWidth: g.document.documentElement.scrollWidth,
      viewport: g.innerWidth,
    };
  });
}

async function codesShown(page: Page, count: number): Promise<void> {
  await expect
    .poll(async () => (await measure(page)).codes.filter((c) => /\d{3}/.test(c.text)).length, {
      timeout: 15_000,
    })
    .toBe(count);
}

/**
 * The layout once the list has followed a resize: the grid lays its cards out again when its observer sees the
 * new width, a frame or more later, so two measures in a row must agree (and the cards fit the new width).
 */
async function settledLayout(page: Page): Promise<Layout> {
  let last = '';
  let layout = await measure(page);
  await expect
    .poll(
      async () => {
        layout = await measure(page);
        const now = JSON.stringify([layout.cardX, layout.cardHeights, layout.viewport]);
        const same = now === last;
        last = now;
        return same && Math.max(...layout.cardX) < layout.viewport;
      },
      { interval: 100 },
    )
    .toBe(true);
  return layout;
}

/** Cards the window shows whole, from under the toolbar to its bottom edge (each with its code). */
async function wholeOnScreen(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    type El = { getBoundingClientRect(): { top: number; bottom: number }; textContent: string | null };
    const g = globalThis as unknown as {
      document: { querySelectorAll(s: string): ArrayLike<El>; querySelector(s: string): El | null };
      innerHeight: number;
    };
    const top = g.document.querySelector('header.toolbar')?.getBoundingClientRect().bottom ?? 0;
    return Array.from(g.document.querySelectorAll('.account'))
      .filter(
        (c) => c.getBoundingClientRect().top >= top && c.getBoundingClientRect().bottom <= g.innerHeight,
      )
      .map((c) => c.textContent ?? '');
  });
}

describe('the accounts list as cards', () => {
  it('never wraps or cuts a code, never scrolls sideways, and fills wide windows with a grid', async () => {
    const app = await open();
    const { page } = app;
    await app.vault.addMany(ACCOUNTS, { allowDuplicates: true });
    for (const lang of LANGS) {
      const saved = await app.handlers.saveSettings({ language: lang });
      expect(saved.ok).toBe(true);
      await page.reload();
      await codesShown(page, ACCOUNTS.length);
      for (const theme of THEMES) {
        await page.emulateMedia({ colorScheme: theme });
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: 800 });
          const where = `${width} px, ${lang}, ${theme}`;
          const layout = await settledLayout(page);
          // Soft: one run reports every width, language and theme that goes wrong, not only the first.
          for (const code of layout.codes) {
            // One line: no taller than a line and a half, and nothing hidden to the side.
            expect.soft(code.height, `${code.text} at ${where}`).toBeLessThan(code.lineHeight * 1.5);
            expect.soft(code.scrollWidth, `${code.text} at ${where}`).toBeLessThanOrEqual(code.clientWidth);
            // Grouped in threes or fours: 123 456, 1234 567, 1234 5678.
            expect.soft(code.text, where).toMatch(/^\d{3,4} \d{3,4}$/);
          }
          for (const next of layout.nexts)
            expect.soft(next.scrollWidth, `next code at ${where}`).toBeLessThanOrEqual(next.clientWidth);
          expect.soft(layout.docScrollWidth, where).toBeLessThanOrEqual(layout.viewport);
          const columns = new Set(layout.cardX).size;
          if (width <= 420) expect.soft(columns, where).toBe(1);
          if (width >= 1600) expect.soft(columns, where).toBeGreaterThanOrEqual(3);
          layout.cardHeights.forEach((h, i) => {
            expect(h, `card ${i} at ${where}`).toBeGreaterThanOrEqual(56);
            expect(h, `card ${i} at ${where}`).toBeLessThanOrEqual(76);
          });
          await app.screenshot(`cards-${width}-${lang}-${theme}`);
          if (width === 360 || width === 1024) {
            // The next code shows only in a period's last seconds: shown now, to see it as people will then.
            const style = await page.addStyleTag({
              content: '.next { visibility: visible; animation: none; }',
            });
            await app.screenshot(`cards-${width}-${lang}-${theme}-next`);
            await style.evaluate((s) => (s as unknown as { remove(): void }).remove());
          }
          await expectAccessible(page);
        }
      }
    }
  }, 300_000);

  it('tells apart two accounts of the same name by the start of their ids, and only those', async () => {
    const app = await open();
    const { page } = app;
    const [first, second] = await app.vault.addMany([ACCOUNTS[5]!, ACCOUNTS[6]!, ACCOUNTS[0]!], {
      allowDuplicates: true,
    });
    await codesShown(page, 3);
    const ids = [first, second].map((o) => (o?.status === 'added' ? o.account.id : ''));
    for (const id of ids) {
      const row = page.locator(`.account[data-id="${id}"]`);
      expect(await row.locator('.short-id').textContent()).toBe(`ID ${id.slice(0, 4)}`);
      expect(
        await page.getByRole('button', { name: `Copy code: Mail (ada) (ID ${id.slice(0, 4)})` }).count(),
      ).toBe(1);
    }
    expect(await page.locator('.account .short-id').count()).toBe(2);
  });

  it('shows seven or more accounts in a 640 px tall window, and more still when compact', async () => {
    const app = await open();
    const { page } = app;
    const more = ACCOUNTS.map((a) => ({ ...a, label: `${a.label}-2` }));
    await app.vault.addMany(ACCOUNTS.concat(more), { allowDuplicates: true });
    await page.setViewportSize({ width: 420, height: 640 });
    // The list is virtualised: the cards on screen are in the page, each with its code, not all twenty.
    const withCodes = async () => (await wholeOnScreen(page)).filter((text) => /\d{3}/.test(text)).length;
    const fullyShown = async () => {
      await expect.poll(withCodes, { timeout: 15_000 }).toBeGreaterThan(0);
      return (await wholeOnScreen(page)).length;
    };
    const comfortable = await fullyShown();
    expect(comfortable).toBeGreaterThanOrEqual(7);
    await app.screenshot('cards-420x640-comfortable');

    await fromMenu(page, 'Settings');
    await page.getByLabel('Density').selectOption('compact');
    await expect.poll(async () => (await app.services.settings.get()).density).toBe('compact');
    await page.getByRole('button', { name: 'Accounts' }).click();
    await page.locator('.account').first().waitFor();
    const compact = await fullyShown();
    expect(compact).toBeGreaterThan(comfortable);
    const layout = await measure(page);
    for (const code of layout.codes) expect(code.height).toBeLessThan(code.lineHeight * 1.5);
    await app.screenshot('cards-420x640-compact');
    await expectAccessible(page);
  });

  it('a long list keeps only a screenful in the page; scrolling, End and adding reach the rest', async () => {
    const app = await open();
    const { page } = app;
    const many = Array.from({ length: 300 }, (_, i) =>
      account(`Service ${String(i + 1).padStart(3, '0')}`, `user${i + 1}@example.com`, 6, i),
    );
    await app.vault.addMany(many, { allowDuplicates: true });
    await page.setViewportSize({ width: 420, height: 700 });
    await expect.poll(async () => (await wholeOnScreen(page)).length, { timeout: 15_000 }).toBeGreaterThan(6);
    // Virtualised: a few dozen cards at most, whatever the vault holds.
    expect(await page.locator('.account').count()).toBeLessThan(60);
    expect((await wholeOnScreen(page))[0]).toContain('Service 001');

    // Scrolling the page brings the last cards into it.
    await page.evaluate(() => {
      const g = globalThis as unknown as {
        scrollTo(x: number, y: number): void;
        document: { body: { scrollHeight: number } };
      };
      g.scrollTo(0, g.document.body.scrollHeight);
    });
    await expect.poll(async () => (await wholeOnScreen(page)).join(' ')).toContain('Service 300');
    expect(await page.locator('.account').count()).toBeLessThan(60);

    // From the top by the keyboard: ↓ from the search to the first card, End to the last, shown whole.
    await page.evaluate(() =>
      (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0),
    );
    await page.getByRole('searchbox').focus();
    await page.keyboard.press('ArrowDown');
    await expect
      .poll(async () => (await page.locator('.account[data-id]:focus').textContent()) ?? '')
      .toContain('Service 001');
    await page.keyboard.press('End');
    await expect
      .poll(async () => (await page.locator('.account[data-id]:focus').textContent()) ?? '')
      .toContain('Service 300');
    await expect.poll(async () => (await wholeOnScreen(page)).join(' ')).toContain('Service 300');

    // With the page scrolled down and the last card kept in it (it has the focus), a search's Enter copies the
    // first match, not the first card in the page.
    await page.keyboard.type('service 1');
    await expect.poll(() => page.getByRole('searchbox').inputValue()).toBe('service 1');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('status').locator('.toast-message').textContent())
      .toMatch(/Service 100 \(user100@example\.com\)/);
    // ↓ goes to that first match too.
    await page.keyboard.press('ArrowDown');
    await expect
      .poll(async () => (await page.locator('.account[data-id]:focus').textContent()) ?? '')
      .toContain('Service 100');
    await page.getByRole('searchbox').focus();
    await page.keyboard.press('Escape');

    // An account added from the top of the list lands at its end: the page goes to it, highlighted.
    await page.keyboard.press('Home');
    await expect.poll(async () => (await wholeOnScreen(page)).join(' ')).toContain('Service 001');
    await openAdd(page);
    await page.getByRole('button', { name: 'Paste a link' }).click();
    await page
      .getByLabel('Links')
      .fill('otpauth://totp/Newcomer:ada%40example.com?secret=GEZDGNBVGY3TQOJQ&issuer=Newcomer');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(async () => (await wholeOnScreen(page)).join(' ')).toContain('Newcomer');
    await expect
      .poll(async () => (await page.locator('.account.highlighted').textContent()) ?? '')
      .toContain('Newcomer');
    await app.screenshot('cards-420-long-list-added', { fullPage: false });
  }, 180_000);

  it('keeps the forms to a readable width, centred, on a wide screen', async () => {
    const app = await open();
    const { page } = app;
    await page.setViewportSize({ width: 1600, height: 1000 });
    const box = (selector: string) =>
      page.evaluate((s) => {
        const g = globalThis as unknown as {
          document: {
            querySelector(s: string): { getBoundingClientRect(): { left: number; right: number } };
          };
          innerWidth: number;
        };
        const r = g.document.querySelector(s).getBoundingClientRect();
        return { width: r.right - r.left, left: r.left, right: g.innerWidth - r.right };
      }, selector);
    const screens: Array<[() => Promise<void>, string, string]> = [
      [() => openAdd(page), '.add', 'add'],
      [() => fromMenu(page, 'Cognito'), '.cognito', 'cognito'],
      [() => fromMenu(page, 'Settings'), '.settings', 'settings'],
    ];
    for (const [go, selector, name] of screens) {
      await go();
      await expect.poll(() => page.locator(selector).isVisible()).toBe(true);
      const b = await box(selector);
      expect(b.width, name).toBeLessThanOrEqual(640);
      // Centred: as much room on either side, give or take the scroll bar.
      expect(Math.abs(b.left - b.right), name).toBeLessThanOrEqual(20);
      await app.screenshot(`wide-1600-${name}`);
      await expectAccessible(page);
      if (name === 'add') await page.getByRole('button', { name: 'Accounts' }).click();
    }
  });
});
