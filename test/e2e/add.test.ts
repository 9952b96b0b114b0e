/**
 * Adding and importing, end to end in Chromium: the chooser of ways to add, one way per view, errors beside
 * their field, the way back to the list with the new rows highlighted, "Import from another app" built from
 * main's formats registry, and Google Authenticator's transfer codes from several images. Real handlers,
 * keychain and renderer; screenshots in test-results/screens/.
 */
import QRCode from 'qrcode';
import type { Page } from 'playwright';
import { describe, expect, it } from 'vitest';
import errorWordsEn from '../../locales/en/errorWords.json';
import { FORMATS } from '../../main/formats';
import { buildMigrationUris } from '../../main/otp/migration';
import { bytesToBase32 } from '../../main/otp/secret';
import { defaultParams } from '../../main/otp/types';
import { e2eApps } from '../support/e2e-apps';
import { expectAccessible, openAdd } from '../support/ui-steps';

const URI = 'otpauth://totp/GitHub:ada%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';
const MAIL = 'otpauth://totp/Mail:ada?secret=GEZDGNBVGY3TQOJQ&issuer=Mail';

const open = e2eApps();

const focused = (page: Page) =>
  page.evaluate(() => {
    const doc = (
      globalThis as unknown as { document: { activeElement: { textContent: string | null } | null } }
    ).document;
    return doc.activeElement?.textContent ?? '';
  });

/** The focused element as "tag:its accessible label" (a field's label, by id or aria-label). */
const activeField = (page: Page) =>
  page.evaluate(() => {
    type El = {
      tagName: string;
      id: string;
      getAttribute(name: string): string | null;
      labels?: ArrayLike<{ textContent: string | null }> | null;
    };
    const el = (globalThis as unknown as { document: { activeElement: El | null } }).document.activeElement;
    if (!el) return '';
    const label = el.labels?.[0]?.textContent ?? el.getAttribute('aria-label') ?? el.id;
    return `${el.tagName.toLowerCase()}:${label}`;
  });

const sideways = (page: Page) =>
  page.evaluate(() => {
    const root = (
      globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }
    ).document.documentElement;
    return root.scrollWidth - root.clientWidth;
  });

describe('adding and importing, end to end in Chromium', () => {
  it('offers seven ways, one per view, reachable by keyboard, and goes back to the list with the new row highlighted', async () => {
    const app = await open();
    const { page } = app;
    await page
      .getByRole('button', { name: /^(Add account|Add or import accounts)$/ })
      .first()
      .focus();
    await page.keyboard.press('Enter');
    const tiles = page.locator('.method-tile');
    await expect.poll(() => tiles.count()).toBe(7);
    expect(await tiles.evaluateAll((all) => all.map((b) => b.getAttribute('aria-labelledby')))).toHaveLength(
      7,
    );
    for (const name of [
      'Scan the screen',
      'Camera',
      'Image',
      'Paste a link',
      'Enter a key',
      'Import from another app',
      'Google Authenticator',
    ]) {
      expect(await page.getByRole('button', { name, exact: true }).isVisible()).toBe(true);
    }
    // The keyboard starts on the first tile; the arrow keys move between tiles, Enter opens one.
    await expect.poll(() => focused(page)).toMatch(/^Scan the screen/);
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
    expect(await focused(page)).toMatch(/^Enter a key/);
    await page.keyboard.press('Enter');
    // The view opens with the keyboard in its first field, not on its title.
    await expect.poll(() => activeField(page)).toBe('input:Issuer');
    await page.keyboard.type('Bank');
    await page.keyboard.press('Tab');
    await page.keyboard.type('me@bank');
    await page.keyboard.press('Tab');
    // A key of an impossible length: main refuses it, and says so beside the key, not at the top.
    await page.keyboard.type('ABC');
    await page.keyboard.press('Enter');
    const key = page.getByLabel('Key', { exact: true });
    await expect.poll(() => key.getAttribute('aria-invalid')).toBe('true');
    const error = page.locator(`#${await key.getAttribute('aria-describedby')}`);
    expect(await error.textContent()).toContain('This key is 3 characters long, which no key can be');
    expect(await page.locator('.notice.error').count()).toBe(0);
    await expectAccessible(page);
    await app.screenshot('add-key-error-light');
    await key.fill('gezd gnbv gy3t qojq');
    await key.press('Enter');
    // Back on the list: a toast says what happened, and the new row stands out.
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/^1 account added/);
    const row = page.locator('.account', {
      has: page.getByRole('button', { name: 'Copy code: Bank (me@bank)' }),
    });
    expect(await row.getAttribute('class')).toContain('highlighted');
    await app.screenshot('add-highlighted-light');

    // Back from a view puts the keyboard on the tile it came from.
    await openAdd(page);
    await page.getByRole('button', { name: 'Paste a link' }).click();
    await page.getByRole('button', { name: '← All ways to add' }).click();
    await expect.poll(() => focused(page)).toMatch(/^Paste a link/);
  });

  it('takes a typed link in its box, never in the search, and Ctrl+Enter adds it', async () => {
    const app = await open();
    const { page } = app;
    // With an account the list has its search, which "/" and letters typed outside a field would reach.
    await app.handlers.addFromText(MAIL);
    await expect.poll(() => page.locator('.account').count()).toBe(1);
    await openAdd(page);
    await expect.poll(() => focused(page)).toMatch(/^Scan the screen/);
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => activeField(page)).toBe('textarea:Links');
    // Typed, not pasted: the "/" of otpauth:// goes into the box like every other character.
    await page.keyboard.type(URI);
    expect(await page.getByLabel('Links').inputValue()).toBe(URI);
    expect(await page.locator('main .add').isVisible()).toBe(true);
    expect(await page.getByRole('searchbox').count()).toBe(0);
    expect(await page.getByLabel('Links').getAttribute('aria-keyshortcuts')).toBe('Control+Enter');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/^1 account added/);
    expect((await app.vault.list()).map((a) => a.issuer).sort()).toEqual(['GitHub', 'Mail']);
    expect(await page.getByRole('searchbox').inputValue()).toBe('');

    // A view without a field starts at its title; what is typed there is not a search either.
    await openAdd(page);
    await page.getByRole('button', { name: 'Google Authenticator' }).click();
    await expect.poll(() => activeField(page)).toBe('h2:method-title');
    await page.keyboard.type('/gh');
    expect(await page.locator('main .add').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Accounts', exact: true }).click();
    expect(await page.getByRole('searchbox').inputValue()).toBe('');
    expect(await page.locator('.account').count()).toBe(2);
  });

  it('names a character a key never has, in a typed key as in a pasted link', async () => {
    const app = await open();
    const { page } = app;
    await openAdd(page);
    await page.getByRole('button', { name: 'Enter a key' }).click();
    await page.keyboard.type('Heroku');
    await page.getByLabel('Account', { exact: true }).fill('ada@heroku.example');
    const key = page.getByLabel('Key', { exact: true });
    await key.fill('JBSWY3DPEHPK3P0Q');
    const error = page.locator('#key-error');
    await expect
      .poll(() => error.textContent())
      .toBe(
        'This key has a character a key never contains: "0". A key has only the letters A–Z and the digits 2–7. ' +
          'Copy it again; if you typed it, check for a 0 (zero) that should be the letter O, or a 1 that should be I or L.',
      );
    expect(await key.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('button', { name: 'Add account', exact: true }).isDisabled()).toBe(true);
    await key.fill('JBSWY3DPEHPK3POQ');
    await expect.poll(() => error.count()).toBe(0);

    // The same key in a pasted link: the report names where it was, in words that read as a place.
    await page.getByRole('button', { name: '← All ways to add' }).click();
    await page.getByRole('button', { name: 'Paste a link' }).click();
    await page.getByLabel('Links').fill('otpauth://totp/Foo:bar?secret=JBSWY3DPEHPK3PX1');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const report = page.getByRole('region', { name: 'Result' });
    await expect
      .poll(() => report.locator('li').textContent())
      .toBe(
        'Not added pasted text — This key has a character a key never contains: "1". A key has only the letters A–Z and the digits 2–7.',
      );
    expect(await app.vault.list()).toEqual([]);
  });

  it('shows an image being read, and keeps its hidden file chooser out of the accessibility tree', async () => {
    const app = await open();
    const { page } = app;
    // A corner of the window: a picture without any QR code in it.
    const blank = await page.screenshot({ clip: { x: 0, y: 0, width: 96, height: 96 } });
    await openAdd(page);
    await page.getByRole('button', { name: 'Image', exact: true }).click();
    const choose = page.getByRole('button', { name: 'Choose image…' });
    // Chromium's own tree, as a screen reader gets it: one "Choose image…", the zone's button.
    const cdp = await app.context.newCDPSession(page);
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
      nodes: Array<{ ignored: boolean; role?: { value: unknown }; name?: { value: unknown } }>;
    };
    const named = nodes.filter((n) => !n.ignored && n.name?.value === 'Choose image…');
    expect(
      named.map((n) => n.role?.value).filter((r) => r !== 'StaticText' && r !== 'InlineTextBox'),
    ).toEqual(['button']);
    await choose.focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Choose image…');

    // The read is held until the test lets it go: what the page shows meanwhile is what a slow read shows.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/rpc/scanImage', async (route) => {
      await held;
      await route.continue();
    });
    await page
      .getByLabel('Choose image…')
      .setInputFiles({ name: 'blank.png', mimeType: 'image/png', buffer: blank });
    await expect.poll(() => choose.getAttribute('aria-busy')).toBe('true');
    expect(await page.getByRole('status').filter({ hasText: 'Reading the image…' }).isVisible()).toBe(true);
    await expectAccessible(page);
    await app.screenshot('add-image-reading-light');
    release();
    await expect
      .poll(() => page.getByRole('alert').filter({ hasText: 'No QR code was found' }).isVisible())
      .toBe(true);
    expect(await choose.getAttribute('aria-busy')).toBeNull();
    expect(await page.getByText('Reading the image…').count()).toBe(0);
  });

  it('keeps what was not added on the add screen, as a report to copy', async () => {
    // The desktop's clipboard as main sees it; the page itself has no clipboard permission, as in the app.
    let clipboardText = 'what the person copied before';
    let refuse = true;
    const app = await open({
      clipboard: {
        writeText: (text) => {
          if (refuse) throw new Error('the clipboard is held by another app');
          clipboardText = text;
        },
        readText: () => clipboardText,
      },
    });
    const { page } = app;
    await app.handlers.addFromText(URI);
    await openAdd(page);
    await page.getByRole('button', { name: 'Paste a link' }).click();
    await page.getByLabel('Links').fill(`${URI}\n${MAIL}\nhello`);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const report = page.getByRole('region', { name: 'Result' });
    await expect.poll(() => report.isVisible()).toBe(true);
    await expect
      .poll(() => page.locator('.toasts').getByRole('status').textContent())
      .toMatch(/1 account added, 1 already there/);
    expect(await report.textContent()).toContain('line 3 — This is not a setup link');
    const copy = report.getByRole('button', { name: 'Copy report' });
    // Refused by the clipboard: said beside the button, which stays to try again.
    await copy.click();
    const failed = page.locator('.report .field-error');
    await expect.poll(() => failed.textContent()).toMatch(/^Keyfob could not put it on the clipboard\./);
    expect(await copy.getAttribute('aria-describedby')).toBe(await failed.getAttribute('id'));
    expect(await report.getByRole('status').textContent()).toBe('');
    expect(clipboardText).toBe('what the person copied before');
    await expectAccessible(page);
    await app.screenshot('add-report-copy-failed-light');
    refuse = false;
    await copy.click();
    await expect.poll(() => report.getByRole('status').textContent()).toBe('Report copied.');
    expect(await failed.count()).toBe(0);
    expect(await copy.getAttribute('aria-describedby')).toBeNull();
    const copied = clipboardText;
    expect(copied).toContain('Already there GitHub (ada@example.com)');
    expect(copied).toContain('Not added line 3');
    await expectAccessible(page);
    await app.screenshot('add-report-light');
  });

  it('imports another app’s export, listing the formats main’s registry has', async () => {
    const app = await open();
    const { page } = app;
    await openAdd(page);
    await page.getByRole('button', { name: 'Import from another app' }).click();
    const choices = page.getByRole('radio');
    await expect.poll(() => choices.count()).toBe(FORMATS.length);
    // Each format of the registry, in its order, by its name in the reader's language.
    const names = FORMATS.map((f) => (errorWordsEn.format as Record<string, string>)[f.id]).join('');
    expect(await page.getByRole('group', { name: 'Which app is the file from?' }).textContent()).toBe(
      `Which app is the file from?${names}`,
    );
    await page.getByRole('radio', { name: 'otpauth:// links' }).check();
    expect(await page.getByText(/A text file with one otpauth:\/\/ link per line/).isVisible()).toBe(true);
    expect(await page.getByLabel('Choose file…').getAttribute('accept')).toBe('.txt');
    await page.getByLabel('Choose file…').setInputFiles({
      name: 'export.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(`${URI}\n${MAIL}\n`),
    });
    await expect.poll(() => page.getByText('File: export.txt').isVisible()).toBe(true);
    await expectAccessible(page);
    await app.screenshot('import-light');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/^2 accounts added/);
    expect(await page.locator('.account.highlighted').count()).toBe(2);
    expect((await app.vault.list()).map((a) => a.issuer).sort()).toEqual(['GitHub', 'Mail']);

    // A file that is not what the chosen app exports: said beside the file, nothing added.
    await openAdd(page);
    await page.getByRole('button', { name: 'Import from another app' }).click();
    await page.getByRole('radio', { name: 'Google Authenticator' }).check();
    await page.getByLabel('Choose file…').setInputFiles({
      name: 'other.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(`${URI}\n`),
    });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const report = page.getByRole('region', { name: 'Result' });
    await expect
      .poll(() => report.textContent())
      .toContain('This is not a Google Authenticator transfer link (otpauth-migration://).');
    expect(await app.vault.list()).toHaveLength(2);

    // An export file dropped anywhere on the window is read too, its format found by the registry.
    await page.getByRole('button', { name: 'Accounts', exact: true }).click();
    const drop = await page.evaluateHandle((text: string) => {
      // Runs in the page (this file compiles without the DOM library).
      const dom = globalThis as unknown as {
        DataTransfer: new () => { items: { add(file: unknown): void } };
        File: new (parts: unknown[], name: string, options: { type: string }) => unknown;
      };
      const transfer = new dom.DataTransfer();
      transfer.items.add(new dom.File([text], 'links.txt', { type: 'text/plain' }));
      return transfer;
    }, 'otpauth://totp/Shop:ada?secret=MFRGGZDFMZTWQ2LK&issuer=Shop\n');
    await page.dispatchEvent('.app', 'dragover', { dataTransfer: drop });
    await page.dispatchEvent('.app', 'drop', { dataTransfer: drop });
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/^1 account added/);
    expect((await app.vault.list()).map((a) => a.issuer).sort()).toEqual(['GitHub', 'Mail', 'Shop']);
  });

  it('reads Google Authenticator’s transfer codes from several images, naming the code still to scan', async () => {
    const app = await open();
    const { page } = app;
    const accounts = ['Cloud', 'Mail', 'Shop'].map((issuer, i) => ({
      issuer,
      label: 'ada',
      secret: ['MFRGGZDFMZTWQ2LK', 'GEZDGNBVGY3TQOJQ', 'JBSWY3DPEHPK3PXP'][i]!,
      params: defaultParams('totp'),
      extra: {},
    }));
    const { uris } = buildMigrationUris(accounts, { perCode: 1 });
    const png = (uri: string) => QRCode.toBuffer(uri, { type: 'png', margin: 4, scale: 4 });
    await openAdd(page);
    await page.getByRole('button', { name: 'Google Authenticator' }).click();
    expect(await page.getByText('Transfer accounts → Export accounts').isVisible()).toBe(true);
    await expectAccessible(page);
    await app.screenshot('google-light');
    await page.getByLabel('Choose images…').setInputFiles([
      { name: 'one.png', mimeType: 'image/png', buffer: await png(uris[0]!) },
      { name: 'three.png', mimeType: 'image/png', buffer: await png(uris[2]!) },
    ]);
    await expect.poll(() => page.getByText('Found 2 setup codes in the images.').isVisible()).toBe(true);
    const requests = page.getByRole('region', { name: 'Add this account?' });
    await expect.poll(() => requests.count()).toBe(2);
    expect(await requests.allTextContents()).toEqual([
      expect.stringContaining('Transfer code 1 of 3'),
      expect.stringContaining('Transfer code 3 of 3'),
    ]);
    await requests.first().getByRole('button', { name: 'Add' }).click();
    await expect.poll(() => requests.count()).toBe(1);
    await requests.first().getByRole('button', { name: 'Add' }).click();
    await expect
      .poll(() =>
        page.getByText('Codes 2 of 3 of this Google Authenticator export were not scanned yet.').isVisible(),
      )
      .toBe(true);
    await app.screenshot('google-progress-light');
    await page
      .getByLabel('Choose images…')
      .setInputFiles([{ name: 'two.png', mimeType: 'image/png', buffer: await png(uris[1]!) }]);
    await requests.first().getByRole('button', { name: 'Add' }).click();
    // The whole transfer is in: back to the list, all three highlighted.
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/^3 accounts added/);
    expect(await page.locator('.account.highlighted').count()).toBe(3);
  });

  it('asks for a transfer code’s accounts in the plural, and counts a code waiting below as scanned', async () => {
    const app = await open();
    const { page } = app;
    const accounts = Array.from({ length: 9 }, (_, i) => ({
      issuer: `Site${i + 1}`,
      label: 'ada',
      secret: bytesToBase32(new TextEncoder().encode(`a key of ten ${i}`)),
      params: defaultParams('totp'),
      extra: {},
    }));
    const { uris } = buildMigrationUris(accounts, { perCode: 6 });
    expect(uris).toHaveLength(2);
    const images = await Promise.all(
      uris.map(async (uri, i) => ({
        name: `code${i + 1}.png`,
        mimeType: 'image/png',
        buffer: await QRCode.toBuffer(uri, { type: 'png', margin: 4, scale: 4 }),
      })),
    );
    await openAdd(page);
    await page.getByRole('button', { name: 'Google Authenticator' }).click();
    const choose = page.getByLabel('Choose images…');
    await choose.setInputFiles(images);
    await expect.poll(() => page.getByText('Found 2 setup codes in the images.').isVisible()).toBe(true);
    const first = page.getByRole('region', { name: 'Add these 6 accounts?' });
    const second = page.getByRole('region', { name: 'Add these 3 accounts?' });
    expect(await first.textContent()).toContain('Transfer code 1 of 2');
    expect(await second.textContent()).toContain('Transfer code 2 of 2');
    // The same two images again find nothing new (both already wait below): no "Found 0".
    await choose.setInputFiles(images);
    const button = page.getByRole('button', { name: 'Choose images…' });
    await expect
      .poll(async () => [await button.getAttribute('aria-busy'), await page.getByText(/^Found \d/).count()])
      .toEqual([null, 0]);
    expect(await page.locator('.link-request').count()).toBe(2);

    await first.getByRole('button', { name: 'Add' }).click();
    const report = page.getByRole('region', { name: 'Result' });
    await expect.poll(() => report.textContent()).toContain('Site6 (ada)');
    // Code 2 waits right below: it is not "still to scan".
    expect(await page.getByText(/were not scanned yet/).count()).toBe(0);
    await app.screenshot('add-google-first-added-light');
    await second.getByRole('button', { name: 'Add' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/^9 accounts added/);
    expect(await page.locator('.account.highlighted').count()).toBe(9);
  });

  it('fits every width, in every language and both themes, without sideways scrolling', async () => {
    for (const [locale, lang] of [
      ['en-US', 'en'],
      ['de-DE', 'de'],
      ['zh-CN', 'zh-CN'],
    ] as const) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const app = await open({ locale, colorScheme });
        const { page } = app;
        // The first run's one button, in whichever language.
        await page.locator('main .empty button.primary').click();
        await expect.poll(() => page.locator('.method-tile').count()).toBe(7);
        for (const width of [360, 420, 1024, 1600]) {
          await page.setViewportSize({ width, height: 800 });
          expect(await sideways(page)).toBe(0);
          // Each tile's title on one line, its sentence wrapped inside the tile.
          const overflowing = await page
            .locator('.method-tile')
            .evaluateAll((all) => all.filter((b) => b.scrollWidth > b.clientWidth).length);
          expect(overflowing).toBe(0);
          if (width === 360 || width === 1600) await app.screenshot(`add-${width}-${lang}-${colorScheme}`);
        }
        if (colorScheme === 'light') await expectAccessible(page);
        await page.locator('.method-tile').nth(5).click();
        await page.getByRole('radio').first().check();
        for (const width of [360, 1024]) {
          await page.setViewportSize({ width, height: 800 });
          expect(await sideways(page)).toBe(0);
          await app.screenshot(`import-${width}-${lang}-${colorScheme}`);
        }
        await expectAccessible(page);
      }
    }
  }, 240_000);
});
