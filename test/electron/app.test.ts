/**
 * The shipped configuration end to end: the built, unpackaged app in Electron through Playwright's _electron,
 * with a temporary data folder and keychain service, the real clipboard, and the strict Cognito stand-in.
 * Runs from `npm run test:electron` where an Electron binary exists; `npm test` runs the same flows in Chromium
 * (test/e2e), through the same steps (test/support/ui-steps.ts).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENTS } from '../../preload/api';
import { KeytarKeychain } from '../../main/vault/keytar-keychain';
import { CognitoStandIn } from '../support/cognito-standin';
import { addPoolInUi, enrollSection, expectAccessible, openAdd, fromMenu } from '../support/ui-steps';

const SERVICE = `keyfob-electron-${process.pid}`;
const PASSWORD = 'Str0ng-Passw0rd!';
let app: ElectronApplication;
let page: Page;
let standIn: CognitoStandIn;

beforeAll(async () => {
  const executablePath = process.env.KEYFOB_ELECTRON;
  if (!executablePath)
    throw new Error('Run through `npm run test:electron`, which finds the Electron binary.');
  standIn = await CognitoStandIn.start();
  app = await electron.launch({
    executablePath,
    args: [resolve(__dirname, '../../dist/main/app.js'), '--no-sandbox'],
    env: {
      ...process.env,
      KEYFOB_HOME: mkdtempSync(join(tmpdir(), 'keyfob-electron-')),
      KEYFOB_KEYCHAIN_SERVICE: SERVICE,
    },
  });
  page = await app.firstWindow();
});

afterAll(async () => {
  await app?.close();
  await standIn?.close();
  const keychain = new KeytarKeychain({ service: SERVICE });
  for (const item of await keychain.list()) await keychain.delete(item.account);
});

const clipboardText = () => app.evaluate(({ clipboard }) => clipboard.readText());

describe('the Electron app', () => {
  it('opens one window whose page has no Node, only the bridge, and cannot open windows', async () => {
    expect(await page.title()).toBe('Keyfob');
    // (The window's webPreferences are pinned in test/unit/app-window.test.ts; Electron no longer reads them back.)
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
    // The renderer has no Node: the bridge is all it gets.
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(
      await page.evaluate(() => Object.keys((globalThis as unknown as { keyfob: object }).keyfob).length),
    ).toBeGreaterThan(10);
    const opened = await page.evaluate(
      () => (globalThis as unknown as { open(u: string): unknown }).open('https://example.com/') === null,
    );
    expect(opened).toBe(true);
    expect(app.windows()).toHaveLength(1);
    await expectAccessible(page);
  });

  it('adds a pasted link, shows its code, and copies it to the real clipboard', async () => {
    await openAdd(page);
    await page.getByRole('button', { name: 'Paste a link' }).click();
    await page.getByLabel('Links').fill('otpauth://totp/GitHub:ada?secret=JBSWY3DPEHPK3PXP&issuer=GitHub');
    // Added: the window goes back to the list by itself.
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const row = page.getByRole('button', { name: 'Copy code: GitHub (ada)' });
    await expect.poll(async () => (await row.textContent()) ?? '', { timeout: 5000 }).toMatch(/\d{3} \d{3}/);
    await row.click();
    await expect.poll(clipboardText).toMatch(/^\d{6}$/);
  });

  it('opens the quick search when main asks, and Enter copies the match', async () => {
    await app.evaluate(({ clipboard }) => clipboard.writeText('before'));
    await app.evaluate(
      ({ BrowserWindow }, channel) => BrowserWindow.getAllWindows()[0]!.webContents.send(channel),
      EVENTS.focusSearch,
    );
    const palette = page.getByRole('dialog', { name: 'Quick search' });
    await expect.poll(() => palette.isVisible()).toBe(true);
    await page.keyboard.type('git');
    await page.keyboard.press('Enter');
    await expect.poll(clipboardText).toMatch(/^\d{6}$/);
    await expect.poll(() => palette.isVisible()).toBe(false);
  });

  it('enrolls with a Cognito pool in the guide and signs in with the code filled in', async () => {
    const pool = standIn.addPool({ mfa: 'OPTIONAL' });
    const client = standIn.addClient(pool.id, {});
    standIn.addUser(pool.id, { username: 'omar', password: PASSWORD });
    await fromMenu(page, 'Cognito');
    await addPoolInUi(page, 'dev', {
      region: standIn.region,
      endpoint: standIn.endpoint,
      poolId: pool.id,
      clientId: client.id,
    });
    const enroll = enrollSection(page);
    await enroll.getByLabel('User name').fill('omar');
    await enroll.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await enroll.getByRole('button', { name: 'Start' }).click();
    await expect
      .poll(() => enroll.getByText('dev (omar) is set up with Keyfob.').isVisible(), { timeout: 15_000 })
      .toBe(true);
    expect(standIn.user(pool.id, 'omar').totp).toMatchObject({ verified: true });
    await enroll.getByRole('button', { name: 'Sign in now' }).click();
    await expect
      .poll(() => enroll.getByText('Signed in as omar, with the code Keyfob filled in.').isVisible(), {
        timeout: 45_000,
      })
      .toBe(true);
  });
});
