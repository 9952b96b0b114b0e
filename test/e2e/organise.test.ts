/**
 * Organising the list (issue 8): the list as an app's list (keys, the row menu from the keyboard, a visible drag
 * handle and keyboard moves), favourites pinned on top, tags with filter chips, the sort order remembered in
 * settings, and "Change icon…". Keyboard-only journeys, a mouse drag by the handle, and the toolbar and chips at
 * every width, in every language and both themes. Screenshots go to test-results/screens/organise-*.png.
 */
import type { Page } from 'playwright';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { NewAccount } from '../../main/vault/vault';
import type { AppUnderTest } from '../support/e2e-harness';
import { e2eApps } from '../support/e2e-apps';
import { expectAccessible } from '../support/ui-steps';

const opened = e2eApps();
/** Opens the app and fails the test on any error the page throws (a blank window, otherwise, fails later). */
async function open(): Promise<AppUnderTest> {
  const app = await opened();
  const errors: string[] = [];
  app.page.on('pageerror', (e) => errors.push(e.message));
  onTestFinished(() => expect(errors).toEqual([]));
  return app;
}

function account(issuer: string, label: string, n: number): NewAccount {
  const secret = `JBSWY3DPEHPK3PXP${'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[n % 32]!.repeat(8)}`;
  return {
    issuer,
    label,
    secret,
    params: { type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 },
    extra: {},
  };
}

const THREE = [account('GitHub', 'ada@example.com', 0), account('Mail', 'ada', 1), account('Bank', 'me', 2)];

/** The data-id of the card that holds the keyboard focus (the card itself or one of its buttons). */
function focusedCard(page: Page): Promise<string | undefined> {
  return page.evaluate(() => {
    const g = globalThis as unknown as {
      document: {
        activeElement: { closest(s: string): { getAttribute(n: string): string | null } | null } | null;
      };
    };
    return g.document.activeElement?.closest('[data-id]')?.getAttribute('data-id') ?? undefined;
  });
}

/** What has the focus, as a role and a name, to follow a keyboard journey. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const g = globalThis as unknown as {
      document: { activeElement: { getAttribute(n: string): string | null; tagName: string } | null };
    };
    const e = g.document.activeElement;
    return `${e?.getAttribute('role') ?? e?.tagName.toLowerCase()}:${e?.getAttribute('aria-label') ?? ''}`;
  });
}

/** The cards' names, top to bottom (left to right in a grid), as the list shows them. */
function shownOrder(page: Page): Promise<string[]> {
  return page
    .locator('.accounts [role="row"][data-id]')
    .evaluateAll((rows) =>
      rows.map(
        (r) => (r as unknown as { getAttribute(n: string): string | null }).getAttribute('aria-label') ?? '',
      ),
    );
}

async function idsByIssuer(app: AppUnderTest): Promise<Record<string, string>> {
  return Object.fromEntries((await app.vault.list()).map((a) => [a.issuer, a.id]));
}

/** Tabs from the search field into the list: the list is one stop, whatever it holds. */
async function tabIntoList(page: Page): Promise<void> {
  await page.getByLabel('Search accounts').focus();
  for (let i = 0; i < 12 && !(await focused(page)).startsWith('row:'); i++) await page.keyboard.press('Tab');
  expect(await focused(page)).toMatch(/^row:/);
}

describe('organising the list', () => {
  it('works from the keyboard alone: arrows, Enter, F2, the menu, favourites, moves, tags, sorting, Delete', async () => {
    const app = await open();
    const { page } = app;
    await app.vault.addMany(THREE, { allowDuplicates: true });
    await page.reload();
    const ids = await idsByIssuer(app);
    await expect
      .poll(() => shownOrder(page))
      .toEqual(['GitHub (ada@example.com)', 'Mail (ada)', 'Bank (me)']);

    // One Tab stop for the whole list; ↓ and ↑ move between accounts.
    await tabIntoList(page);
    expect(await focusedCard(page)).toBe(ids.GitHub);
    await page.keyboard.press('ArrowDown');
    expect(await focusedCard(page)).toBe(ids.Mail);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    expect(await focusedCard(page)).toBe(ids.Mail);

    // Enter copies, and the account is noted as used (for "recently used").
    await page.keyboard.press('Enter');
    await expect.poll(() => app.copied.length).toBe(1);
    await expect.poll(async () => (await app.vault.get(ids.Mail!)).lastUsed).toBeDefined();

    // F2 renames.
    await page.keyboard.press('F2');
    const rename = page.getByRole('dialog', { name: 'Rename: Mail (ada)' });
    await expect.poll(() => rename.isVisible()).toBe(true);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Post');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await app.vault.get(ids.Mail!)).issuer).toBe('Post');
    // The focus comes back to the card.
    await expect.poll(() => focusedCard(page)).toBe(ids.Mail);

    // The menu opens from the keyboard (Shift+F10, or the Menu key) and follows the arrows.
    await page.keyboard.press('Shift+F10');
    const menu = page.getByRole('menu');
    await expect.poll(() => menu.isVisible()).toBe(true);
    await expect.poll(() => focused(page)).toMatch(/^menuitem:|^menuitem/);
    await page.keyboard.press('ArrowDown');
    expect(
      await page.evaluate(
        () =>
          (globalThis as unknown as { document: { activeElement: { textContent: string } } }).document
            .activeElement.textContent,
      ),
    ).toBe('Add to favourites');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await app.vault.get(ids.Mail!)).favourite).toBe(true);
    // Favourites are pinned on top.
    await expect
      .poll(() => shownOrder(page))
      .toEqual(['Post (ada)', 'GitHub (ada@example.com)', 'Bank (me)']);

    // The star on the card is a toggle button, reached with Tab inside the card.
    await page.getByRole('row', { name: 'Bank (me)' }).focus();
    const star = page.getByRole('button', { name: 'Favourite: Bank (me)' });
    for (let i = 0; i < 6 && (await focused(page)) !== 'button:Favourite: Bank (me)'; i++)
      await page.keyboard.press('Tab');
    expect(await star.getAttribute('aria-pressed')).toBe('false');
    await page.keyboard.press('Space');
    await expect.poll(async () => (await app.vault.get(ids.Bank!)).favourite).toBe(true);
    await expect.poll(() => star.getAttribute('aria-pressed')).toBe('true');
    await expect
      .poll(() => shownOrder(page))
      .toEqual(['Post (ada)', 'Bank (me)', 'GitHub (ada@example.com)']);

    // Alt+↑ moves an account up among the favourites, and no further than them.
    await page.getByRole('row', { name: 'Bank (me)' }).focus();
    await page.keyboard.press('Alt+ArrowUp');
    await expect
      .poll(() => shownOrder(page))
      .toEqual(['Bank (me)', 'Post (ada)', 'GitHub (ada@example.com)']);
    expect(await focusedCard(page)).toBe(ids.Bank);
    await page.getByRole('row', { name: 'GitHub (ada@example.com)' }).focus();
    await page.keyboard.press('Alt+ArrowUp');
    await expect
      .poll(() => shownOrder(page))
      .toEqual(['Bank (me)', 'Post (ada)', 'GitHub (ada@example.com)']);

    // Tags…: a small dialog, from the menu.
    await page.keyboard.press('Shift+F10');
    await expect.poll(() => focused(page)).toMatch(/^menuitem/);
    for (let i = 0; i < 8; i++) {
      const text = await page.evaluate(
        () =>
          (globalThis as unknown as { document: { activeElement: { textContent: string } } }).document
            .activeElement.textContent,
      );
      if (text === 'Tags…') break;
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Enter');
    const tagsDialog = page.getByRole('dialog', { name: 'Tags: GitHub (ada@example.com)' });
    await expect.poll(() => tagsDialog.isVisible()).toBe(true);
    await page.keyboard.type('Work');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Code');
    await expectAccessible(page);
    await app.screenshot('organise-tags-dialog');
    // Save takes the tag still in the field too.
    await tagsDialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await app.vault.get(ids.GitHub!)).tags).toEqual(['Work', 'Code']);

    // The chips filter the list: several tags show the accounts with any of them.
    const chips = page.getByRole('grid', { name: 'Show only accounts tagged' });
    await expect.poll(() => chips.isVisible()).toBe(true);
    await app.vault.setTags(ids.Bank!, ['Money']);
    await expect.poll(() => chips.getByRole('row').count()).toBe(3);
    // In the window's alphabetical order: Code, Money, Work.
    await chips.getByRole('row', { name: 'Work' }).focus();
    await page.keyboard.press('Space');
    await expect.poll(() => shownOrder(page)).toEqual(['GitHub (ada@example.com)']);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Space');
    await expect.poll(() => shownOrder(page)).toEqual(['Bank (me)', 'GitHub (ada@example.com)']);
    await app.screenshot('organise-filtered');
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Space');
    await expect.poll(() => shownOrder(page)).toHaveLength(3);

    // The order: A–Z, then recently used; remembered in settings.
    const sort = page.getByRole('button', { name: /My order/ });
    await sort.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('listbox').isVisible()).toBe(true);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await app.services.settings.get()).sort).toBe('name');
    await app.vault.setFavourite(ids.Bank!, false);
    await app.vault.setFavourite(ids.Mail!, false);
    await expect
      .poll(() => shownOrder(page))
      .toEqual(['Bank (me)', 'GitHub (ada@example.com)', 'Post (ada)']);
    // Dragging has no meaning in A–Z: no handle.
    expect(await page.locator('.drag-handle').count()).toBe(0);
    await page.reload();
    await expect.poll(() => page.getByRole('button', { name: /Name \(A–Z\)/ }).isVisible()).toBe(true);
    await app.handlers.saveSettings({ sort: 'recent' });
    await page.reload();
    await expect
      .poll(() => shownOrder(page))
      .toEqual(['Post (ada)', 'GitHub (ada@example.com)', 'Bank (me)']);

    // Delete deletes at once, with no question: a toast offers Undo (and Ctrl+Z) for a few seconds.
    await page.getByRole('row', { name: 'Bank (me)' }).focus();
    await page.keyboard.press('Delete');
    const undo = page.getByRole('status').getByRole('button', { name: 'Undo' });
    await expect.poll(() => undo.isVisible()).toBe(true);
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await page.getByRole('status').textContent()).toContain('Deleted Bank (me)');
    await expect.poll(() => shownOrder(page)).toEqual(['Post (ada)', 'GitHub (ada@example.com)']);
    await expect
      .poll(async () => (await app.vault.list()).map((a) => a.issuer).sort())
      .toEqual(['GitHub', 'Post']);
    await undo.click();
    await expect
      .poll(async () => (await app.vault.list()).map((a) => a.issuer).sort())
      .toEqual(['Bank', 'GitHub', 'Post']);
    await expect.poll(() => shownOrder(page)).toContain('Bank (me)');
  }, 120_000);

  it('moves an account by its handle: with the mouse, and with Enter and the arrows', async () => {
    const app = await open();
    const { page } = app;
    await app.vault.addMany(THREE, { allowDuplicates: true });
    await page.reload();
    await expect
      .poll(() => shownOrder(page))
      .toEqual(['GitHub (ada@example.com)', 'Mail (ada)', 'Bank (me)']);

    // The handle is visible and says how to move without a mouse.
    const handle = page.getByRole('button', { name: 'Move: Bank (me)' });
    expect(await handle.isVisible()).toBe(true);
    const help = await handle.evaluate((h) => {
      const g = globalThis as unknown as {
        document: { getElementById(id: string): { textContent: string } | null };
      };
      const id =
        (h as unknown as { getAttribute(n: string): string | null }).getAttribute('aria-describedby') ?? '';
      return id
        .split(' ')
        .map((x) => g.document.getElementById(x)?.textContent ?? '')
        .join(' ');
    });
    expect(help).toContain('Alt+↑');

    // React Aria lets the pointer through the handle to the card, which is what the mouse drags.
    expect(
      await handle.evaluate(
        (h) =>
          (
            globalThis as unknown as { getComputedStyle(e: unknown): { pointerEvents: string } }
          ).getComputedStyle(h).pointerEvents,
      ),
    ).toBe('none');
    await handle.dragTo(page.getByRole('row', { name: 'GitHub (ada@example.com)' }), {
      targetPosition: { x: 40, y: 4 },
      force: true,
    });
    await expect
      .poll(async () => (await app.vault.list()).map((a) => a.issuer))
      .toEqual(['Bank', 'GitHub', 'Mail']);
    await expect
      .poll(() => shownOrder(page))
      .toEqual(['Bank (me)', 'GitHub (ada@example.com)', 'Mail (ada)']);

    // The keyboard drag React Aria gives the handle: Enter picks it up, arrows choose the place, Enter drops.
    await page.getByRole('button', { name: 'Move: Bank (me)' }).focus();
    await page.keyboard.press('Enter');
    // The drop places are buttons React Aria names ("Insert after …"); the arrows walk them.
    await expect.poll(() => focused(page)).toMatch(/^button:Insert/);
    for (let i = 0; i < 8 && !/after Mail/.test(await focused(page)); i++)
      await page.keyboard.press('ArrowDown');
    expect(await focused(page)).toMatch(/after Mail/);
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => (await app.vault.list()).map((a) => a.issuer))
      .toEqual(['GitHub', 'Mail', 'Bank']);
  }, 60_000);

  it('changes an account’s icon to another brand, a letter, and back to automatic', async () => {
    const app = await open();
    const { page } = app;
    await app.vault.addMany([THREE[0]!], { allowDuplicates: true });
    await page.reload();
    const ids = await idsByIssuer(app);
    const icon = page.locator(`.account[data-id="${ids.GitHub}"] .icon-slot > *`);
    await expect.poll(() => icon.getAttribute('data-icon')).toBe('github');

    await page.getByRole('button', { name: 'More actions for GitHub (ada@example.com)' }).click();
    await page.getByRole('menuitem', { name: 'Change icon…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Icon: GitHub (ada@example.com)' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    // The search starts from the issuer; "Automatic" is the current choice.
    await expect
      .poll(() => dialog.getByRole('option', { name: 'GitHub', exact: true }).isVisible())
      .toBe(true);
    expect(await dialog.getByRole('option', { name: 'Automatic' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    // The issuer is selected: typing replaces it.
    await page.keyboard.type('gitlab');
    expect(await dialog.getByLabel('Search icons').inputValue()).toBe('gitlab');
    const gitlab = dialog.getByRole('option', { name: 'GitLab', exact: true });
    await expect.poll(() => gitlab.isVisible()).toBe(true);
    await expectAccessible(page);
    await app.screenshot('organise-icon-dialog');
    await gitlab.click();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await app.vault.get(ids.GitHub!)).iconOverride).toBe('gitlab');
    await expect.poll(() => icon.getAttribute('data-icon')).toBe('gitlab');

    await page.getByRole('button', { name: 'More actions for GitHub (ada@example.com)' }).click();
    await page.getByRole('menuitem', { name: 'Change icon…' }).click();
    await dialog.getByRole('option', { name: 'Letter' }).click();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await app.vault.get(ids.GitHub!)).iconOverride).toBe('letter');
    await expect.poll(() => icon.getAttribute('class')).toContain('account-icon-letter');

    await page.getByRole('button', { name: 'More actions for GitHub (ada@example.com)' }).click();
    await page.getByRole('menuitem', { name: 'Change icon…' }).click();
    await dialog.getByRole('option', { name: 'Automatic' }).click();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await app.vault.get(ids.GitHub!)).iconOverride).toBeUndefined();
    await expect.poll(() => icon.getAttribute('data-icon')).toBe('github');
  }, 60_000);

  it('names each tag’s remove button once, and narrows the tags offered to what is typed', async () => {
    const app = await open();
    const { page } = app;
    await app.vault.addMany(THREE, { allowDuplicates: true });
    const ids = await idsByIssuer(app);
    await app.vault.setTags(ids.GitHub!, ['work']);
    await app.vault.setTags(ids.Bank!, ['Money', 'Family', 'Workshop']);
    await page.reload();
    await page.getByRole('button', { name: 'More actions for GitHub (ada@example.com)' }).click();
    await page.getByRole('menuitem', { name: 'Tags…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Tags: GitHub (ada@example.com)' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.getByRole('button', { name: 'Remove tag work', exact: true }).count()).toBe(1);
    const offered = dialog.getByRole('group', { name: 'Tags in use:' }).getByRole('button');
    expect(await offered.allTextContents()).toEqual(['+ Family', '+ Money', '+ Workshop']);
    await page.keyboard.type('mo');
    await expect.poll(() => offered.allTextContents()).toEqual(['+ Money']);
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('WORK');
    await expect.poll(() => offered.allTextContents()).toEqual(['+ Workshop']);
    await expectAccessible(page);
    await app.screenshot('organise-tags-narrowed');
    await offered.first().click();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await app.vault.get(ids.GitHub!)).tags).toEqual(['work', 'Workshop']);
  });

  it('says why a tag is refused, beside its field', async () => {
    const app = await open();
    const { page } = app;
    await app.vault.addMany([THREE[0]!], { allowDuplicates: true });
    await page.reload();
    await page.getByRole('button', { name: 'More actions for GitHub (ada@example.com)' }).click();
    await page.getByRole('menuitem', { name: 'Tags…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Tags: GitHub (ada@example.com)' });
    // A tab pasted into the field (typing Tab would move the focus).
    await dialog.getByLabel('New tag').fill('a\tb');
    await dialog.getByRole('button', { name: 'Save' }).click();
    const error = dialog.getByRole('alert');
    await expect.poll(() => error.textContent()).toContain('A tag cannot contain control or text-direction');
    expect(await error.textContent()).toContain('(here: U+0009)');
    expect(await dialog.getByLabel('New tag').getAttribute('aria-invalid')).toBe('true');
    expect((await app.vault.list())[0]!.tags).toBeUndefined();
  });

  it('sorts A–Z in the window’s language, and in a grid ←/→ follow the cards', async () => {
    const app = await open();
    const { page } = app;
    await app.vault.addMany(
      [
        account('Zoll', 'z', 3),
        account('Ärztekammer', 'a', 4),
        account('Bank', 'b', 5),
        account('apple', 'c', 6),
      ],
      { allowDuplicates: true },
    );
    await app.handlers.saveSettings({ language: 'de', sort: 'name' });
    await page.reload();
    await expect
      .poll(() => shownOrder(page))
      .toEqual(['apple (c)', 'Ärztekammer (a)', 'Bank (b)', 'Zoll (z)']);

    await page.setViewportSize({ width: 1600, height: 800 });
    await expect.poll(() => page.locator('.accounts').getAttribute('data-layout')).toBe('grid');
    await page.getByRole('row', { name: 'apple (c)' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await focused(page)).toBe('row:Ärztekammer (a)');
    await page.keyboard.press('ArrowLeft');
    expect(await focused(page)).toBe('row:apple (c)');
    // A–Z decides the order: Alt+↓ moves nothing, and says where moving is possible.
    await page.keyboard.press('Alt+ArrowDown');
    await expect
      .poll(() => page.getByRole('status').locator('.toast-message').textContent())
      .toContain('Eigene Reihenfolge');
    expect(await shownOrder(page)).toEqual(['apple (c)', 'Ärztekammer (a)', 'Bank (b)', 'Zoll (z)']);
    await page.setViewportSize({ width: 420, height: 800 });
    await expect.poll(() => page.locator('.accounts').getAttribute('data-layout')).toBe('stack');
  });

  it('fits its toolbar and chips at every width, in every language and theme, accessibly', async () => {
    const app = await open();
    const { page } = app;
    const many = [
      ...THREE,
      account('Deutsche Rentenversicherung Knappschaft-Bahn-See', 'ada.lovelace@beispiel.de', 7),
      account('微信', '艾达', 8),
      account('Cloudflare', 'ada@example.com', 9),
    ];
    await app.vault.addMany(many, { allowDuplicates: true });
    const ids = await idsByIssuer(app);
    await app.vault.setFavourite(ids.Mail!, true);
    await app.vault.setTags(ids.GitHub!, ['Arbeit', 'Open source']);
    await app.vault.setTags(ids['微信']!, ['家人', 'Privat']);
    await app.vault.setTags(ids.Bank!, ['Geld']);
    for (const lang of ['en', 'de', 'zh-CN'] as const) {
      await app.handlers.saveSettings({ language: lang });
      await page.reload();
      await expect.poll(() => page.locator('.account .code').first().textContent()).toMatch(/\d{3}/);
      for (const theme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: theme });
        for (const width of [360, 420, 1024, 1600]) {
          await page.setViewportSize({ width, height: 720 });
          const where = `${width} px, ${lang}, ${theme}`;
          const box = await page.evaluate(() => {
            const g = globalThis as unknown as {
              document: {
                documentElement: { scrollWidth: number };
                querySelector(
                  s: string,
                ): { getBoundingClientRect(): { height: number; right: number } } | null;
              };
              innerWidth: number;
            };
            const tools = g.document.querySelector('.list-tools')!.getBoundingClientRect();
            return {
              scroll: g.document.documentElement.scrollWidth,
              width: g.innerWidth,
              toolsHeight: tools.height,
            };
          });
          expect.soft(box.scroll, where).toBeLessThanOrEqual(box.width);
          // The order's button stays on one line (the search is the toolbar's, Export is in its menu).
          expect.soft(box.toolsHeight, where).toBeLessThan(48);
          if (theme === 'light' || width === 360) await app.screenshot(`organise-${width}-${lang}-${theme}`);
          if (width === 420 || width === 1600) await expectAccessible(page);
        }
      }
    }
  }, 240_000);
});
