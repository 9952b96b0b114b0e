/**
 * The Cognito guide end to end: the built renderer in Chromium, the real IPC handlers, engine, AWS SDK client and
 * keychain, against the strict stand-in on loopback.
 */
import type { Browser, Page } from 'playwright';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CodeClock } from '../../main/otp/codes';
import { CognitoStandIn } from '../support/cognito-standin';
import { launchChromium, openApp, type AppUnderTest } from '../support/e2e-harness';
import { requireSecretService } from '../support/secret-service';
import {
  addPoolInUi as addPoolInUiAt,
  enrollSection,
  expectAccessible,
  signInSection,
  fromMenu,
} from '../support/ui-steps';

const PASSWORD = 'Str0ng-Passw0rd!';
let browser: Browser;
let standIn: CognitoStandIn;
let shiftMs = 0;
/**
 * Set, the pool's time and the engine's stand still but for the engine's waits: the sign-in after an
 * enrollment then falls in the verification's period however slow the machine, and its wait takes no time.
 */
let frozenAt: number | undefined;
const testNow = () => frozenAt ?? Date.now() + shiftMs;
const apps: AppUnderTest[] = [];

beforeAll(async () => {
  requireSecretService();
  standIn = await CognitoStandIn.start({ now: testNow });
  browser = await launchChromium();
}, 60_000);

afterEach(() => {
  frozenAt = undefined;
});

afterAll(async () => {
  for (const app of apps) await app.close();
  await browser?.close();
  await standIn?.close();
});

async function open(options: Parameters<typeof openApp>[1] = {}): Promise<AppUnderTest> {
  const app = await openApp(browser, options);
  apps.push(app);
  await fromMenu(app.page, 'Cognito');
  return app;
}

async function addPoolInUi(
  page: Page,
  name: string,
  pool: { id: string },
  client: { id: string },
): Promise<void> {
  await addPoolInUiAt(page, name, {
    region: standIn.region,
    endpoint: standIn.endpoint,
    poolId: pool.id,
    clientId: client.id,
  });
}

describe('the Cognito guide, end to end in Chromium', () => {
  it('MFA_SETUP path: pool profile, test connection, new password, key and QR, verify, then sign in with a fresh code', async () => {
    // Early in a period, so a second's rounding never crosses into the next.
    frozenAt = Math.floor(Date.now() / 30_000) * 30_000 + 3_000;
    const app = await open({
      engine: {
        clock: new CodeClock({ now: testNow }),
        sleep: async (ms) => {
          // A wait still running when the test ended (it failed) must not unfreeze time into NaN.
          if (frozenAt !== undefined) frozenAt += ms;
          await new Promise((resolve) => setTimeout(resolve, 50));
        },
      },
    });
    const { page } = app;
    const pool = standIn.addPool({ mfa: 'ON' });
    const client = standIn.addClient(pool.id, {});
    standIn.addUser(pool.id, {
      username: 'nina',
      password: 'Temp-Passw0rd!',
      status: 'FORCE_CHANGE_PASSWORD',
    });

    await addPoolInUi(page, 'staging', pool, client);
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/answer as expected/);
    await expectAccessible(page);
    await app.screenshot('cognito-pools-light');

    const enroll = enrollSection(page);
    await enroll.getByLabel('User name').fill('nina');
    await enroll.getByLabel('Password', { exact: true }).fill('Temp-Passw0rd!');
    expect(await enroll.getByLabel(/^Device name/).inputValue()).toBe('e2e-host');
    await enroll.getByRole('button', { name: 'Start' }).click();

    const newPassword = page.getByRole('form', { name: 'Choose a new password' });
    await expect.poll(() => newPassword.isVisible()).toBe(true);
    await app.screenshot('cognito-new-password-light');
    // One enrollment at a time: a second would race the first for the user's session.
    expect(await enroll.getByRole('button', { name: 'Start' }).isDisabled()).toBe(true);
    await newPassword.getByLabel('New password').fill(PASSWORD);
    await newPassword.getByRole('button', { name: 'Continue' }).click();

    await expect
      .poll(() => enroll.getByText('staging (nina) is set up with Keyfob.').isVisible(), {
        timeout: 15_000,
      })
      .toBe(true);
    const steps = (await enroll.locator('ol.steps').textContent()) ?? '';
    expect(steps).toMatch(/Key received and stored[\s\S]*accepted the code[\s\S]*enabled and preferred/);
    // The key and its QR for a second device, the one moment the renderer sees a key unasked.
    const user = standIn.user(pool.id, 'nina');
    expect(user.totp).toMatchObject({ verified: true, deviceName: 'e2e-host' });
    const shownKey = ((await enroll.locator('.second-device .secret').textContent()) ?? '').replace(
      /\s/g,
      '',
    );
    expect(shownKey).toBe(user.totp!.secret.replace(/=+$/, '').toUpperCase());
    expect(await enroll.getByRole('img', { name: /^QR:/ }).getAttribute('src')).toMatch(
      /^data:image\/png;base64,/,
    );
    await expectAccessible(page);
    await app.screenshot('cognito-enrolled-light');

    // Sign in now: the verification used this period's code, so the guide says it waits for the next one.
    await enroll.getByRole('button', { name: 'Sign in now' }).click();
    const signIn = signInSection(page);
    await expect
      .poll(() => signIn.getByText(/already used; waiting \d+ s/).isVisible(), { timeout: 10_000 })
      .toBe(true);
    await expect
      .poll(() => signIn.getByText('Signed in as nina.').isVisible(), { timeout: 10_000 })
      .toBe(true);
    // The sign-in form says whom "Sign in now" signed in.
    expect(await signIn.getByLabel('User name').inputValue()).toBe('nina');
    const idToken = await signIn.getByLabel('IdToken').inputValue();
    expect(idToken.split('.')).toHaveLength(3);
    await signIn.getByText('IdToken claims').click();
    expect(await signIn.locator('pre').first().textContent()).toContain('"cognito:username": "nina"');
    await app.screenshot('cognito-tokens-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await app.screenshot('cognito-tokens-dark');

    // The account shows in the list, verified.
    await page.getByRole('button', { name: 'Accounts' }).click();
    await expect
      .poll(() => page.getByRole('button', { name: 'Copy code: staging (nina)' }).isVisible())
      .toBe(true);
    expect((await app.vault.list()).map((a) => a.status)).toEqual(['active']);
  }, 60_000);

  it('signed-in path, with the code typed from a second device', async () => {
    const app = await open();
    const { page } = app;
    const pool = standIn.addPool({ mfa: 'OPTIONAL' });
    const client = standIn.addClient(pool.id, {});
    standIn.addUser(pool.id, { username: 'omar', password: PASSWORD });
    await addPoolInUi(page, 'dev', pool, client);
    const enroll = enrollSection(page);
    await enroll.getByLabel('User name').fill('omar');
    await enroll.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await enroll.getByLabel('I will type the code from a second device').check();
    await enroll.getByRole('button', { name: 'Start' }).click();
    const verify = page.getByRole('form', { name: 'Verify the authenticator' });
    await expect.poll(() => verify.isVisible()).toBe(true);
    const key = ((await enroll.locator('.second-device .secret').textContent()) ?? '').replace(/\s/g, '');
    // What the second device would show for that key now.
    const { codeAt } = await import('../../main/otp/codes');
    const { defaultParams } = await import('../../main/otp/types');
    await verify.getByLabel('Code').fill(codeAt(key, defaultParams('totp'), Date.now() + shiftMs).code);
    await app.screenshot('cognito-verify-light');
    await verify.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => enroll.getByText('dev (omar) is set up with Keyfob.').isVisible()).toBe(true);
    const verifyCall = standIn.calls.filter((c) => c.target === 'VerifySoftwareToken').at(-1)!;
    expect(verifyCall.body).toHaveProperty('AccessToken');
  });

  it('edits a pool profile: a client secret added later, kept when left empty, removed on request', async () => {
    const app = await open();
    const { page } = app;
    const pool = standIn.addPool({ mfa: 'OPTIONAL' });
    const client = standIn.addClient(pool.id, { secret: 'the-app-client-secret' });
    await addPoolInUi(page, 'qa', pool, client);
    const pools = page.getByRole('region', { name: 'User pools' });
    await pools.getByRole('button', { name: 'Test connection' }).click();
    await expect
      .poll(() =>
        pools
          .getByRole('alert')
          .filter({ hasText: /secret/i })
          .isVisible(),
      )
      .toBe(true);

    await pools.getByRole('button', { name: 'Edit qa' }).click();
    const form = page.getByRole('form', { name: 'Edit qa' });
    expect(await form.getByLabel('Profile name').getAttribute('readonly')).not.toBeNull();
    await form.getByLabel(/^Client secret/).fill('the-app-client-secret');
    await expectAccessible(page);
    await app.screenshot('cognito-edit-pool-light');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => form.isVisible()).toBe(false);
    await pools.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => pools.getByRole('status').textContent()).toMatch(/answer as expected/);

    // Saved again with the secret field empty: the stored secret stays.
    await pools.getByRole('button', { name: 'Edit qa' }).click();
    expect(await form.getByLabel(/^Client secret/).getAttribute('placeholder')).toMatch(
      /leave empty to keep/,
    );
    await form.getByLabel('Sign-in flow').selectOption('password');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => form.isVisible()).toBe(false);
    expect(await app.handlers.listPools()).toMatchObject({
      ok: true,
      value: [{ name: 'qa', authFlow: 'password', hasClientSecret: true }],
    });

    await pools.getByRole('button', { name: 'Edit qa' }).click();
    await form.getByLabel('Remove the stored client secret').check();
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => form.isVisible()).toBe(false);
    expect(await app.handlers.listPools()).toMatchObject({
      ok: true,
      value: [{ name: 'qa', hasClientSecret: false }],
    });
  });

  it('lists a pending enrollment with "resume" and "discard"', async () => {
    const app = await open();
    const { page } = app;
    const pool = standIn.addPool({ mfa: 'OPTIONAL' });
    const client = standIn.addClient(pool.id, {});
    await addPoolInUi(page, 'pend', pool, client);
    await app.vault.add({
      issuer: 'pend',
      label: 'paula',
      secret: 'JBSWY3DPEHPK3PXP',
      params: { type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 },
      extra: {},
      pending: true,
      cognito: { profile: 'pend', username: 'paula' },
    });
    await page.getByRole('button', { name: 'Accounts' }).click();
    await expect.poll(() => page.getByText('Pending').isVisible()).toBe(true);
    await app.screenshot('pending-light');
    await page.getByRole('button', { name: 'More actions for pend (paula)' }).click();
    await page.getByRole('menuitem', { name: 'Resume enrollment' }).click();
    const enroll = enrollSection(page);
    await expect.poll(() => enroll.getByLabel('User name').inputValue()).toBe('paula');
    await expect.poll(() => enroll.getByLabel('Pool').inputValue()).toBe('pend');

    await page.getByRole('button', { name: 'Accounts' }).click();
    await page.getByRole('button', { name: 'More actions for pend (paula)' }).click();
    await page.getByRole('menuitem', { name: 'Discard' }).click();
    // Gone at once, with a moment to undo it, as any Delete.
    await expect.poll(async () => (await app.vault.list()).length).toBe(0);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect
      .poll(() => page.getByRole('button', { name: 'More actions for pend (paula)' }).isVisible())
      .toBe(true);
    expect((await app.vault.list()).map((a) => a.status)).toEqual(['pending']);
  });

  it('shows a Cognito error with its next step, and clock skew as a warning', async () => {
    const app = await open();
    const { page } = app;
    const pool = standIn.addPool({ mfa: 'OPTIONAL', totp: false });
    const client = standIn.addClient(pool.id, {});
    standIn.addUser(pool.id, { username: 'tess', password: PASSWORD });
    await addPoolInUi(page, 'nototp', pool, client);
    const enroll = enrollSection(page);
    await enroll.getByLabel('User name').fill('tess');
    await enroll.getByLabel('Password', { exact: true }).fill(PASSWORD);
    shiftMs = 45_000;
    try {
      await enroll.getByRole('button', { name: 'Start' }).click();
      const alert = enroll.getByRole('alert');
      await expect.poll(() => alert.textContent()).toMatch(/not enabled for this user pool/);
      expect(await alert.textContent()).toMatch(/mfa-config/);
      expect(await alert.textContent()).toMatch(/SoftwareTokenMFANotFoundException/);
      expect(await enroll.getByText(/clock is 4\d s behind Cognito/).isVisible()).toBe(true);
      await expectAccessible(page);
      await app.screenshot('cognito-error-light');
    } finally {
      shiftMs = 0;
    }
  });
});
