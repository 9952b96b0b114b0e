/**
 * The window in a pseudo-locale generated from the English catalogues (test/support/pseudo-locale.ts): any
 * visible text that still has a plain ASCII letter did not come from the catalogue. The bundle is built from a
 * temporary copy of locales/ with one more folder and one more line in languages.json, and nothing else.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import en from '../../locales/en/app.json';
import { defaultParams } from '../../main/otp/types';
import { KeytarKeychain } from '../../main/vault/keytar-keychain';
import { Vault } from '../../main/vault/vault';
import { launchChromium, openApp, type AppUnderTest } from '../support/e2e-harness';
import { buildPseudoRenderer, PSEUDO, pseudo } from '../support/pseudo-locale';
import { requireSecretService } from '../support/secret-service';
import { fromMenu } from '../support/ui-steps';

const SECRET = 'JBSWY3DPEHPK3PXP';

/**
 * What may stay as it is: the accounts' own names (test data), the languages' own names in the menu (each is
 * shown in its own language on purpose), and codes that are the same in every language (OTP types and hash
 * algorithms as the standards name them).
 */

const NOT_WORDS = [
  'GitHub',
  'ada@example.com',
  'English',
  'Deutsch',
  'TOTP',
  'HOTP',
  'SHA1',
  'SHA256',
  'SHA512',
];

/** Whole texts that are test data too: the account's initial, shown where its icon goes. */
const DATA_TEXTS = ['G'];

let browser: Browser;
let renderer: string;
const apps: AppUnderTest[] = [];

beforeAll(async () => {
  await requireSecretService();
  renderer = buildPseudoRenderer();
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  for (const app of apps) await app.close();
  await browser?.close();
});

/** Every visible text (and placeholder) on the page that still has an ASCII letter once the non-words are out. */
async function untranslated(page: Page): Promise<string[]> {
  const texts = await page.evaluate(() => {
    // The page's DOM, typed just as far as this walk needs (the test project has no DOM library).
    type El = {
      parentElement: El | null;
      closest(selector: string): El | null;
      getClientRects(): { length: number };
      textContent: string | null;
      selectedOptions?: ArrayLike<El>;
      placeholder?: string;
    };
    type Doc = {
      body: unknown;
      createTreeWalker(root: unknown, show: number): { nextNode(): El | null };
      querySelectorAll(selector: string): ArrayLike<El>;
    };
    const doc = (globalThis as unknown as { document: Doc }).document;
    const out: string[] = [];
    const walker = doc.createTreeWalker(doc.body, 4 /* NodeFilter.SHOW_TEXT */);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      // What the person typed is theirs, not the window's.
      if (!parent || parent.closest('option, script, style, textarea, [hidden]')) continue;
      if (parent.getClientRects().length === 0) continue;
      const text = node.textContent?.trim();
      if (text) out.push(text);
    }
    for (const select of Array.from(doc.querySelectorAll('select'))) {
      const chosen = select.selectedOptions?.[0]?.textContent?.trim();
      if (chosen && select.getClientRects().length > 0) out.push(chosen);
    }
    for (const input of Array.from(doc.querySelectorAll('input[placeholder], textarea[placeholder]'))) {
      if (input.getClientRects().length > 0 && input.placeholder) out.push(input.placeholder);
    }
    return out;
  });
  return texts.filter((text) => {
    if (DATA_TEXTS.includes(text)) return false;
    // The key of a combination (the K of Ctrl+Shift+K) is the key's own label, not a word; its modifiers are.
    let rest = text.replace(/\+(?:[A-Z0-9]|F\d{1,2})\b/g, '+');
    for (const word of NOT_WORDS) rest = rest.split(word).join('');
    return /[A-Za-z]/.test(rest);
  });
}

async function expectAllPseudo(app: AppUnderTest, name: string): Promise<void> {
  expect(await untranslated(app.page), name).toEqual([]);
  await app.screenshot(`pseudo-${name}`);
  await app.page.setViewportSize({ width: 1100, height: 760 });
  await app.screenshot(`pseudo-${name}-wide`);
  await app.page.setViewportSize({ width: 460, height: 720 });
}

describe('the window in a pseudo-locale', () => {
  it('shows no text that went around the catalogue on the main screens', async () => {
    const empty = await openApp(browser, { locale: PSEUDO, renderer });
    apps.push(empty);
    await expect
      .poll(() => empty.page.getByRole('heading', { name: pseudo(en.emptyTitle) }).isVisible())
      .toBe(true);
    expect(await empty.page.locator('html').getAttribute('lang')).toBe(PSEUDO);
    await expectAllPseudo(empty, 'empty');

    const home = mkdtempSync(join(tmpdir(), 'keyfob-e2e-pseudo-'));
    const service = `keyfob-e2e-pseudo-${process.pid}`;
    const vault = new Vault({ dir: home, keychain: new KeytarKeychain({ service }) });
    await vault.add({
      issuer: 'GitHub',
      label: 'ada@example.com',
      secret: SECRET,
      params: defaultParams('totp'),
      extra: {},
    });
    const app = await openApp(browser, { locale: PSEUDO, renderer, home, service });
    apps.push(app);
    const { page } = app;
    await expect.poll(() => page.getByText('ada@example.com').first().isVisible()).toBe(true);
    await expectAllPseudo(app, 'accounts');

    await page.getByRole('button', { name: pseudo(en.add), exact: true }).click();
    await expect
      .poll(() => page.getByRole('heading', { name: pseudo(en.addChooserTitle) }).isVisible())
      .toBe(true);
    await expectAllPseudo(app, 'add');
    await page.getByRole('button', { name: pseudo(en.methodImport) }).click();
    await page.getByRole('radio').first().check();
    await expectAllPseudo(app, 'import');

    await fromMenu(page, pseudo(en.cognito), pseudo(en.appMenu));
    await expect.poll(() => page.locator('header h1').textContent()).toBe(pseudo(en.cognito));
    await expectAllPseudo(app, 'cognito');

    await fromMenu(page, pseudo(en.settings), pseudo(en.appMenu));
    await expect.poll(() => page.locator('header h1').textContent()).toBe(pseudo(en.settings));
    await expectAllPseudo(app, 'settings');
    await vault.remove((await vault.list())[0]!.id);
  }, 240_000);

  it('words errors and import reasons from the catalogue too', async () => {
    const app = await openApp(browser, { locale: PSEUDO, renderer, screens: [[]] });
    apps.push(app);
    const { page } = app;
    await page.getByRole('button', { name: pseudo(en.addOrImport), exact: true }).click();
    await page.getByRole('button', { name: pseudo(en.pasteTitle) }).click();
    await page.getByLabel(pseudo(en.pasteLabel)).fill('just text, no link');
    await page.getByRole('button', { name: pseudo(en.addLinks), exact: true }).click();
    await expect.poll(() => page.getByText(pseudo(en.place_text)).isVisible()).toBe(true);
    // The report stays on the add screen, beside whichever way is open next.
    await page.getByRole('button', { name: `← ${pseudo(en.allMethods)}` }).click();
    await page.getByRole('button', { name: pseudo(en.scanScreen) }).click();
    await page.getByRole('button', { name: pseudo(en.scanScreen) }).click();
    const alert = page.getByRole('alert');
    // Capturing and decoding "the screen" takes a while on a busy machine.
    await expect.poll(() => alert.isVisible(), { timeout: 15_000 }).toBe(true);
    await expectAllPseudo(app, 'errors');
  }, 120_000);
});
