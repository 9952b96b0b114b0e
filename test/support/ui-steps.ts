/**
 * Steps through the app's screens shared by the Chromium end-to-end tests and the Electron ones, so both drive
 * the same flows the same way.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright';
import { expect } from 'vitest';

/**
 * No accessibility violation axe finds, of any impact, on what the page shows now. `skip` names rules that do
 * not apply to a test's own page (a bare page showing one component has no main landmark or heading).
 */
export async function expectAccessible(page: Page, skip: readonly string[] = []): Promise<void> {
  const builder = new AxeBuilder({ page });
  const results = await (skip.length > 0 ? builder.disableRules([...skip]) : builder).analyze();
  expect(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

/** Adds a pool profile on the Cognito screen, pointed at a local pool. */
export async function addPoolInUi(
  page: Page,
  name: string,
  where: { region: string; endpoint: string; poolId: string; clientId: string },
): Promise<void> {
  await page.getByText('Add pool', { exact: true }).first().click();
  await page.getByLabel('Profile name').fill(name);
  await page.getByLabel('Region').fill(where.region);
  await page.getByLabel('User pool ID').fill(where.poolId);
  await page.getByLabel('App client ID').fill(where.clientId);
  await page.getByLabel(/^Endpoint/).fill(where.endpoint);
  await page.getByRole('button', { name: 'Add pool' }).click();
  await expect.poll(() => page.getByRole('button', { name: `Remove ${name}` }).isVisible()).toBe(true);
}

export const enrollSection = (page: Page) =>
  page.getByRole('region', { name: 'Set up Keyfob as the authenticator' });
export const signInSection = (page: Page) => page.getByRole('region', { name: 'Sign in', exact: true });

/** Opens a place from the toolbar's ⋯ menu (Cognito, Export, Settings), as a person would. */
export async function fromMenu(
  page: Page,
  item: 'Cognito' | 'Export' | 'Settings' | string,
  menu = 'Menu',
): Promise<void> {
  await page.getByRole('button', { name: menu, exact: true }).click();
  await page.getByRole('menuitem', { name: item, exact: true }).click();
}

/** Opens the Add screen: the toolbar's + once there are accounts, the first-run screen's one button before. */
export async function openAdd(page: Page): Promise<void> {
  await page
    .getByRole('button', { name: /^(Add account|Add or import accounts)$/ })
    .first()
    .click();
}
