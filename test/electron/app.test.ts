/**
 * The shipped configuration end to end: the built, unpackaged app in Electron through Playwright's _electron,
 * with a temporary data folder and keychain service. Runs from `npm run test:electron` where an Electron binary
 * exists; `npm test` runs the same flows in Chromium.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, type ElectronApplication } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeytarKeychain } from '../../main/vault/keytar-keychain';

const SERVICE = `keyfob-electron-${process.pid}`;
let app: ElectronApplication;

beforeAll(async () => {
  const executablePath = process.env.KEYFOB_ELECTRON;
  if (!executablePath)
    throw new Error('Run through `npm run test:electron`, which finds the Electron binary.');
  app = await electron.launch({
    executablePath,
    args: [resolve(__dirname, '../../dist/main/app.js'), '--no-sandbox'],
    env: {
      ...process.env,
      KEYFOB_HOME: mkdtempSync(join(tmpdir(), 'keyfob-electron-')),
      KEYFOB_KEYCHAIN_SERVICE: SERVICE,
    },
  });
});

afterAll(async () => {
  await app?.close();
  const keychain = new KeytarKeychain({ service: SERVICE });
  for (const item of await keychain.list()) await keychain.delete(item.account);
});

describe('the Electron app', () => {
  it('opens one sandboxed window that adds a pasted link and shows its code', async () => {
    const page = await app.firstWindow();
    expect(await page.title()).toBe('Keyfob');
    // The renderer has no Node: the bridge is all it gets.
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    await page.getByRole('button', { name: '+ Add account' }).first().click();
    await page.getByLabel('Links').fill('otpauth://totp/GitHub:ada?secret=JBSWY3DPEHPK3PXP&issuer=GitHub');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('button', { name: '← Back' }).click();
    const row = page.getByRole('button', { name: 'Copy code: GitHub (ada)' });
    await expect.poll(async () => (await row.textContent()) ?? '', { timeout: 5000 }).toMatch(/\d{3} \d{3}/);
  });
});
