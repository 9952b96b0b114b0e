/**
 * The Cognito guide end to end: the built renderer in Chromium, the real IPC handlers, engine, AWS SDK client and
 * keychain, against the strict stand-in on loopback.
 */
import { createServer, type Socket } from 'node:net';
import type { Browser, Locator, Page } from 'playwright';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ClipboardText, Timers } from '../../main/app/clipboard';
import { CodeClock } from '../../main/otp/codes';
import type { FlowEvent } from '../../preload/api';
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

const WIDTHS = [360, 420, 1024, 1600] as const;
const LANGS = ['en', 'de', 'zh-CN'] as const;

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

/** Typed loosely: this file compiles without the DOM library. */
type Doc = {
  document: {
    activeElement: {
      className: string;
      closest(s: string): { textContent: string | null } | null;
      textContent: string | null;
    } | null;
    documentElement: { scrollWidth: number };
  };
  innerWidth: number;
};

/**
 * A clipboard for main to write to and clear (test/support/host.ts wraps it in main's CodeClipboard), with the
 * timers that clear it run by hand: what is on it, and what is set to clear it, when.
 */
function handClipboard(): {
  clipboard: ClipboardText;
  clipboardTimers: Timers;
  text(): string;
  clears: number[];
  clear(): void;
} {
  let text = '';
  const jobs: Array<{ run: () => void; ms: number; cancelled: boolean }> = [];
  return {
    clipboard: { writeText: (t) => void (text = t), readText: () => text },
    clipboardTimers: {
      setTimeout: (run, ms) => {
        const job = { run, ms, cancelled: false };
        jobs.push(job);
        return job;
      },
      clearTimeout: (job) => void ((job as { cancelled: boolean }).cancelled = true),
    },
    text: () => text,
    get clears() {
      return jobs.filter((j) => !j.cancelled).map((j) => j.ms);
    },
    clear: () => {
      for (const job of jobs.splice(0)) if (!job.cancelled) job.run();
    },
  };
}

/** The flow events main pushed to the page, in order. */
function flowEvents(app: AppUnderTest): FlowEvent[] {
  return app.pushed
    .filter((m) => m.startsWith('event: flow\n'))
    .map((m) => JSON.parse(m.slice(m.indexOf('data: ') + 6)) as FlowEvent);
}

/** Each step's state word, as the stepper shows it beside the step's title. */
async function stepState(section: Locator): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const step of await section.locator('li.step').all()) {
    // A step whose title is its state ("Done") shows no second word.
    const word = step.locator('.step-state');
    const text = (await word.count())
      ? await word.textContent()
      : await step.locator('.step-title').textContent();
    out[(await step.getAttribute('data-step')) ?? '?'] = text ?? '';
  }
  return out;
}

/** The text of the label around the focused field. */
function focusedLabel(page: Page): Promise<string | undefined> {
  return page.evaluate(() => {
    const label = (globalThis as unknown as Doc).document.activeElement?.closest('label');
    // The label's own words, without the field's value.
    return label?.textContent?.trim();
  });
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
    const clipboard = handClipboard();
    const app = await open({
      clipboard: clipboard.clipboard,
      clipboardTimers: clipboard.clipboardTimers,
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
    const pools = page.getByRole('region', { name: 'User pools' });
    await pools.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => pools.getByRole('status').textContent()).toMatch(/✓ .*answer as expected/);
    await expectAccessible(page);
    await app.screenshot('cognito-pools-light');

    const enroll = enrollSection(page);
    await enroll.getByLabel('User name').fill('nina');
    await enroll.getByLabel('Password', { exact: true }).fill('Temp-Passw0rd!');
    expect(await enroll.getByLabel(/^Device name/).inputValue()).toBe('e2e-host');
    await enroll.getByRole('button', { name: 'Start' }).click();

    const newPassword = page.getByRole('form', { name: 'Choose a new password' });
    // A sign-in over loopback: quick, but a busy machine may take more than the poll's default second.
    await expect.poll(() => newPassword.isVisible(), { timeout: 15_000 }).toBe(true);
    await app.screenshot('cognito-new-password-light');
    // The step that asks is the current one, its field has the focus; the steps before it are done.
    expect(await stepState(enroll)).toEqual({
      pool: 'Done',
      signIn: 'Done',
      newPassword: 'Your turn',
      verify: 'Locked',
      done: 'Locked',
    });
    expect(await enroll.locator('[aria-current="step"]').getAttribute('data-step')).toBe('newPassword');
    expect(await focusedLabel(page)).toBe('New password');
    // One enrollment at a time: a second would race the first for the user's session, so none is offered.
    expect(await enroll.getByRole('button', { name: 'Start' }).count()).toBe(0);
    await newPassword.getByLabel('New password').fill(PASSWORD);
    await newPassword.getByRole('button', { name: 'Continue' }).click();

    await expect
      .poll(() => enroll.getByText('staging (nina) is set up with Keyfob.').isVisible(), {
        timeout: 15_000,
      })
      .toBe(true);
    const steps = (await enroll.locator('[data-step="verify"] .progress').textContent()) ?? '';
    expect(steps).toMatch(
      /✓Key received and stored[\s\S]*✓Cognito accepted the code[\s\S]*enabled and preferred/,
    );
    // The success at the top, above the steps, with the focus on it.
    const success = enroll.locator('.success');
    expect(await success.textContent()).toMatch(/set up with Keyfob[\s\S]*TOTP MFA enabled and preferred/);
    expect(await page.evaluate(() => (globalThis as unknown as Doc).document.activeElement?.className)).toBe(
      'success',
    );
    expect(await stepState(enroll)).toEqual({
      pool: 'Done',
      signIn: 'Done',
      newPassword: 'Done',
      verify: 'Done',
      done: 'Done',
    });
    // The key for a second device: not in the page until the person asks and main confirms, as for reveal.
    const user = standIn.user(pool.id, 'nina');
    expect(user.totp).toMatchObject({ verified: true, deviceName: 'e2e-host' });
    const key = user.totp!.secret.replace(/=+$/, '').toUpperCase();
    expect(await page.content()).not.toContain(key.slice(0, 16));
    // Nor did it reach the page unseen: no push of the enrollment carried it.
    expect(app.pushed.some((message) => message.includes('secretStored'))).toBe(true);
    expect(app.pushed.filter((message) => message.includes(key.slice(0, 16)))).toEqual([]);
    expect(app.asked).toEqual([]);
    const secondDevice = enroll.getByRole('button', { name: 'Set up a second device too' });
    expect(await secondDevice.getAttribute('aria-expanded')).toBe('false');
    await secondDevice.click();
    await expect.poll(() => secondDevice.getAttribute('aria-expanded')).toBe('true');
    expect(app.asked).toEqual([{ kind: 'reveal', account: 'staging (nina)' }]);
    const shownKey = ((await enroll.locator('.second-device .secret').textContent()) ?? '').replace(
      /\s/g,
      '',
    );
    expect(shownKey).toBe(key);
    expect(await enroll.getByRole('img', { name: 'QR code of the new key' }).getAttribute('src')).toMatch(
      /^data:image\/png;base64,/,
    );
    await expectAccessible(page);
    await app.screenshot('cognito-enrolled-light');

    // Closed again, the key leaves the page.
    await secondDevice.click();
    expect(await page.content()).not.toContain(key.slice(0, 16));

    // Sign in now: the verification used this period's code, so the guide says it waits for the next one.
    await enroll.getByRole('button', { name: 'Sign in now' }).click();
    await expect
      .poll(() => enroll.getByText(/already used; waiting \d+ s/).isVisible(), { timeout: 10_000 })
      .toBe(true);
    await expect
      .poll(() => success.textContent(), { timeout: 10_000 })
      .toMatch(/Signed in as nina, with the code Keyfob filled in\./);
    // The waiting is over: it no longer says so.
    expect(await enroll.getByText(/already used; waiting/).count()).toBe(0);
    const idToken = await enroll.getByRole('textbox', { name: 'IdToken' }).inputValue();
    expect(idToken.split('.')).toHaveLength(3);
    // The expiry in words; the engine's frozen clock makes the page's clock see the tokens as issued now.
    expect(await enroll.locator('.expiry time').textContent()).toMatch(
      /^Expires in \d+ (minutes|seconds|hours?)$/,
    );
    const claims = enroll.getByRole('table', { name: 'IdToken claims' });
    expect(await claims.getByRole('row', { name: /cognito:username/ }).textContent()).toContain('nina');
    // Copied through main's clipboard, as a code is (the page has no clipboard permission of its own), and
    // taken off it again after the clipboard's timeout, though the token stays valid for an hour.
    await enroll.getByRole('button', { name: 'Copy IdToken' }).click();
    await expect
      .poll(() => enroll.getByRole('button', { name: 'Copy IdToken' }).textContent(), { timeout: 10_000 })
      .toBe('✓ Copied');
    expect(clipboard.text()).toBe(idToken);
    expect(clipboard.clears).toEqual([30_000]);
    await expect
      .poll(() => page.getByText('Copied IdToken · clears in 30 s').isVisible(), { timeout: 10_000 })
      .toBe(true);
    clipboard.clear();
    await expect.poll(() => clipboard.text()).toBe('');
    await expectAccessible(page);
    await app.screenshot('cognito-tokens-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await app.screenshot('cognito-tokens-dark');

    // The account shows in the list, verified.
    await page.getByRole('button', { name: 'Accounts' }).click();
    await expect
      .poll(() => page.getByRole('button', { name: 'Copy code: staging (nina)' }).isVisible(), {
        timeout: 10_000,
      })
      .toBe(true);
    expect((await app.vault.list()).map((a) => a.status)).toEqual(['active']);
  }, 60_000);

  it('signed-in path, with the code typed from a second device', async () => {
    // The person takes their time to answer main's question before the key is shown.
    let answer: (yes: boolean) => void = () => undefined;
    const app = await open({ mainConfirms: () => new Promise<boolean>((resolve) => (answer = resolve)) });
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
    expect(await enroll.locator('[aria-current="step"]').getAttribute('data-step')).toBe('verify');
    // No new password was asked for: that step says so instead of a ✓.
    expect((await stepState(enroll)).newPassword).toBe('Not needed');
    const second = enroll.getByRole('button', { name: 'Set up a second device too' });
    await second.click();
    // While main asks, the disclosure is disabled and says why beside it.
    await expect.poll(() => second.isDisabled()).toBe(true);
    const asking = enroll.locator(`[id="${await second.getAttribute('aria-describedby')}"]`);
    expect(await asking.textContent()).toBe(
      'Keyfob is asking, in a window of its own, before it shows the key.',
    );
    expect(await asking.isVisible()).toBe(true);
    await expectAccessible(page);
    answer(true);
    await expect.poll(() => enroll.locator('.second-device .secret').count()).toBe(1);
    expect(await second.isEnabled()).toBe(true);
    expect(await second.getAttribute('aria-describedby')).toBeNull();
    const key = ((await enroll.locator('.second-device .secret').textContent()) ?? '').replace(/\s/g, '');
    // What the second device would show for that key now.
    const { codeAt } = await import('../../main/otp/codes');
    const { defaultParams } = await import('../../main/otp/types');
    // A code field as phones and password managers know one, no longer than main takes an answer.
    const codeField = verify.getByLabel('Code');
    expect(await codeField.getAttribute('maxlength')).toBe('16');
    expect(await codeField.getAttribute('inputmode')).toBe('numeric');
    expect(await codeField.getAttribute('autocomplete')).toBe('one-time-code');
    await codeField.click();
    await page.keyboard.type('12345678901234567890');
    expect(await codeField.inputValue()).toBe('1234567890123456');
    // A code that is not 6 digits is said beside the field, in plain words, and never reaches main.
    const answersBefore = standIn.calls.filter((c) => c.target === 'VerifySoftwareToken').length;
    await verify.getByRole('button', { name: 'Continue' }).click();
    const refused = verify.getByRole('alert');
    await expect.poll(() => refused.textContent()).toBe('A code is 6 digits, like 123456.');
    expect(await codeField.getAttribute('aria-invalid')).toBe('true');
    expect(await codeField.getAttribute('aria-describedby')).toBe(await refused.getAttribute('id'));
    expect(await focusedLabel(page)).toBe('Code');
    await codeField.fill('12345');
    await verify.getByRole('button', { name: 'Continue' }).click();
    expect(await refused.textContent()).toBe('A code is 6 digits, like 123456.');
    expect(standIn.calls.filter((c) => c.target === 'VerifySoftwareToken').length).toBe(answersBefore);
    expect(flowEvents(app).filter((e) => e.type === 'error')).toEqual([]);
    await expectAccessible(page);
    await app.screenshot('cognito-code-refused-light');
    // As it would be pasted from a phone, with a space in the middle: taken, and the message goes.
    const code = codeAt(key, defaultParams('totp'), Date.now() + shiftMs).code;
    await codeField.fill(`${code.slice(0, 3)} ${code.slice(3)}`);
    expect(await verify.getByRole('alert').count()).toBe(0);
    await app.screenshot('cognito-verify-light');
    await verify.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => enroll.getByText('dev (omar) is set up with Keyfob.').isVisible()).toBe(true);
    const verifyCall = standIn.calls.filter((c) => c.target === 'VerifySoftwareToken').at(-1)!;
    expect(verifyCall.body).toHaveProperty('AccessToken');
  });

  it('leaving mid-flow cancels it in main, so nothing waits there with the password', async () => {
    const app = await open();
    const { page } = app;
    const pool = standIn.addPool({ mfa: 'ON' });
    const client = standIn.addClient(pool.id, {});
    standIn.addUser(pool.id, {
      username: 'lea',
      password: 'Temp-Passw0rd!',
      status: 'FORCE_CHANGE_PASSWORD',
    });
    await addPoolInUi(page, 'leave', pool, client);
    const enroll = enrollSection(page);
    await enroll.getByLabel('User name').fill('lea');
    await enroll.getByLabel('Password', { exact: true }).fill('Temp-Passw0rd!');
    await enroll.getByRole('button', { name: 'Start' }).click();
    await expect.poll(() => focusedLabel(page), { timeout: 15_000 }).toBe('New password');
    const asked = flowEvents(app).find((e) => e.type === 'prompt')!;
    expect(asked.prompt).toMatchObject({ kind: 'newPassword', username: 'lea' });

    // Ctrl+N goes to Add from anywhere, the new-password field included: the flow waiting there is cancelled.
    await page.keyboard.press('Control+N');
    await expect
      .poll(
        () =>
          flowEvents(app)
            .filter((e) => e.flowId === asked.flowId)
            .at(-1),
        { timeout: 10_000 },
      )
      .toMatchObject({ type: 'error', error: { key: 'cognitoCancelled' } });
    expect(standIn.user(pool.id, 'lea').status).toBe('FORCE_CHANGE_PASSWORD');
    // Main no longer waits: an answer now is refused.
    expect(
      await app.handlers.answerFlow(asked.flowId, { kind: 'newPassword', password: PASSWORD }),
    ).toMatchObject({ ok: false, error: { key: 'cognitoNotWaiting' } });

    // Back on the Cognito screen, the stepper starts afresh.
    await fromMenu(page, 'Cognito');
    await expect.poll(() => enroll.getByLabel('User name').inputValue()).toBe('');
    expect((await stepState(enroll)).signIn).toBe('Your turn');
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
    // The old outcome went with the edit; a new test says how the pool answers now.
    expect(await pools.getByRole('alert').count()).toBe(0);
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

    // Used once: the next visit to Cognito starts with an empty form, not that pool and user again.
    await page.getByRole('button', { name: 'Accounts' }).click();
    await fromMenu(page, 'Cognito');
    await expect.poll(() => enroll.getByLabel('Pool').isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await enroll.getByLabel('User name').inputValue()).toBe('');

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
      // Signed in fine; the verification failed: ✗ there, with the error beside it and a way to start over.
      expect(await stepState(enroll)).toMatchObject({ signIn: 'Done', verify: 'Failed', done: 'Locked' });
      expect(await enroll.locator('[data-step="verify"] [role="alert"]').count()).toBe(1);
      expect(await enroll.getByRole('button', { name: 'Start over' }).isEnabled()).toBe(true);
      expect(await enroll.getByText('Signing in…').count()).toBe(0);
      await expectAccessible(page);
      await app.screenshot('cognito-error-light');
    } finally {
      shiftMs = 0;
    }
  });

  it('signs in: a wrong password fails at its step with what to do, never "Signing in…"; then tokens', async () => {
    // A clipboard another application holds: every write fails.
    const app = await open({
      clipboard: {
        writeText: () => Promise.reject(new Error('held by another application')),
        readText: () => '',
      },
    });
    const { page } = app;
    const pool = standIn.addPool({ mfa: 'OFF' });
    const client = standIn.addClient(pool.id, {});
    standIn.addUser(pool.id, { username: 'uma', password: PASSWORD });
    await addPoolInUi(page, 'plain', pool, client);
    await page.getByRole('tab', { name: 'Sign in' }).click();
    const signIn = signInSection(page);
    await signIn.getByLabel('User name').fill('uma');
    await signIn.getByLabel('Password', { exact: true }).fill('not-the-password');
    await signIn.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(async () => (await stepState(signIn)).signIn).toBe('Failed');
    const alert = signIn.locator('[data-step="signIn"] [role="alert"]');
    expect(await alert.textContent()).toMatch(/password/i);
    expect(await signIn.getByText('Signing in…').count()).toBe(0);
    expect(await stepState(signIn)).toMatchObject({ newPassword: 'Locked', verify: 'Locked' });
    // The same form, kept as typed, offers to try again.
    expect(await signIn.getByLabel('User name').inputValue()).toBe('uma');
    await expectAccessible(page);
    await app.screenshot('cognito-signin-failed-light');

    await signIn.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await signIn.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => signIn.locator('.success').textContent()).toMatch(/Signed in as uma\./);
    // No MFA on this pool: nothing to verify, and the stepper says so rather than ticking it.
    expect(await stepState(signIn)).toEqual({
      pool: 'Done',
      signIn: 'Done',
      newPassword: 'Not needed',
      verify: 'Not needed',
      done: 'Done',
    });
    expect(await signIn.locator('.expiry time').textContent()).toMatch(/^Expires in (59|60) minutes$/);
    for (const token of ['IdToken', 'AccessToken', 'RefreshToken'])
      expect(await signIn.getByRole('button', { name: `Copy ${token}` }).count()).toBe(1);
    // The copy fails: said beside its button, which it describes, and nothing claims it was copied.
    const copy = signIn.getByRole('button', { name: 'Copy AccessToken' });
    await copy.click();
    const failed = signIn.locator('.token [role="alert"]');
    await expect.poll(() => failed.textContent()).toMatch(/^Keyfob could not put it on the clipboard\./);
    expect(await copy.getAttribute('aria-describedby')).toBe(await failed.getAttribute('id'));
    expect(await copy.textContent()).toBe('Copy');
    expect(await page.getByText(/^Copied AccessToken/).count()).toBe(0);
    await expectAccessible(page);
    await failed.scrollIntoViewIfNeeded();
    await app.screenshot('cognito-copy-failed-light', { fullPage: false });
  });

  it('empty fields are said beside each field in the app’s language, never in the browser’s bubble', async () => {
    const app = await open();
    const { page } = app;
    const errorOf = async (field: Locator) => {
      expect(await field.getAttribute('aria-invalid')).toBe('true');
      const id = await field.getAttribute('aria-describedby');
      expect(id).toBeTruthy();
      const error = page.locator(`[id="${id}"]`);
      expect(await error.isVisible()).toBe(true);
      return error.textContent();
    };
    // The pool form, submitted empty: each required field says so, and the focus goes to the first.
    await page.getByText('Add pool', { exact: true }).first().click();
    const form = page.getByRole('form', { name: 'Add pool' });
    await form.getByRole('button', { name: 'Add pool' }).click();
    for (const label of ['Profile name', 'Region', 'User pool ID', 'App client ID'])
      expect(await errorOf(form.getByLabel(label, { exact: true })), label).toBe('Fill this in.');
    expect(await form.getByLabel(/^Endpoint/).getAttribute('aria-invalid')).toBeNull();
    expect(await focusedLabel(page)).toBe('Profile name');
    expect(await form.evaluate((f) => (f as unknown as { noValidate: boolean }).noValidate)).toBe(true);
    expect(await app.handlers.listPools()).toEqual({ ok: true, value: [] });
    // Put right, a field's message goes as it is typed.
    await form.getByLabel('Profile name').fill('empty');
    expect(await form.getByLabel('Profile name').getAttribute('aria-invalid')).toBeNull();
    await expectAccessible(page);
    await app.screenshot('cognito-pool-empty-light');
    await form.getByRole('button', { name: 'Cancel' }).click();
    // Opened again, the form starts clean.
    await page.getByText('Add pool', { exact: true }).first().click();
    expect(await page.getByRole('form', { name: 'Add pool' }).locator('[aria-invalid]').count()).toBe(0);
    await page.getByRole('form', { name: 'Add pool' }).getByRole('button', { name: 'Cancel' }).click();

    const pool = standIn.addPool({ mfa: 'OPTIONAL' });
    const client = standIn.addClient(pool.id, {});
    await addPoolInUi(page, 'empty', pool, client);
    const calls = standIn.calls.length;
    for (const [lang, needed, menu] of [
      ['en', 'Fill this in.', 'Menu'],
      ['de', 'Bitte ausfüllen.', 'Menü'],
      ['zh-CN', '请填写此项。', '菜单'],
    ] as const) {
      expect((await app.handlers.saveSettings({ language: lang })).ok).toBe(true);
      await page.reload();
      await fromMenu(page, 'Cognito', menu);
      await page.setViewportSize({ width: 360, height: 800 });
      for (const task of ['enroll', 'login'] as const) {
        // Both tasks' forms: Start, then Sign in.
        await page
          .getByRole('tab')
          .nth(task === 'enroll' ? 0 : 1)
          .click();
        const section = page.locator('.task-panel:not([data-inert]) section');
        const user = section.locator('input[autocomplete="username"]');
        const password = section.locator('input[autocomplete="current-password"]');
        await section.locator('button[type="submit"]').click();
        expect(await errorOf(user)).toBe(needed);
        expect(await errorOf(password)).toBe(needed);
        expect(await user.evaluate((e) => e === (globalThis as unknown as Doc).document.activeElement)).toBe(
          true,
        );
        // Only what is still empty is flagged.
        await user.fill('omar');
        expect(await user.getAttribute('aria-invalid')).toBeNull();
        expect(await errorOf(password)).toBe(needed);
        await expectAccessible(page);
        await section.scrollIntoViewIfNeeded();
        await app.screenshot(`cognito-empty-${task}-${lang}-360`, { fullPage: false });
      }
    }
    // Nothing was sent to the pool, and no flow started.
    expect(standIn.calls.length).toBe(calls);
    expect(flowEvents(app)).toEqual([]);
  });

  it('says why Start is disabled while a sign-in is under way, in words tied to the button', async () => {
    // A pool endpoint that takes the connection and never answers: the sign-in stays under way.
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => void sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      const app = await open();
      const { page } = app;
      await addPoolInUiAt(page, 'silent', {
        region: 'eu-west-1',
        endpoint: `http://127.0.0.1:${port}`,
        poolId: 'eu-west-1_Silent',
        clientId: 'silentclient',
      });
      // Test connection waits for an answer that does not come: disabled, saying why beside it.
      const test = page.getByRole('button', { name: 'Test connection' });
      await test.click();
      await expect.poll(() => test.isDisabled()).toBe(true);
      const testing = page.locator(`[id="${await test.getAttribute('aria-describedby')}"]`);
      expect(await testing.textContent()).toBe('Testing: waiting for the pool to answer…');
      expect(await testing.isVisible()).toBe(true);
      const enroll = enrollSection(page);
      await enroll.getByLabel('User name').fill('sam');
      await enroll.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await enroll.getByRole('button', { name: 'Start' }).click();
      const start = enroll.getByRole('button', { name: 'Start' });
      await expect.poll(() => start.isDisabled()).toBe(true);
      const why = await start.getAttribute('aria-describedby');
      expect(why).toBeTruthy();
      expect(await enroll.locator(`[id="${why}"]`).textContent()).toMatch(/One at a time/);
      expect(await enroll.locator(`[id="${why}"]`).isVisible()).toBe(true);
      expect((await stepState(enroll)).signIn).toBe('Working…');
      await expectAccessible(page);
      await app.screenshot('cognito-running-light');
      // The endpoint goes away: the step fails, and stops saying it is working.
      for (const socket of sockets) socket.destroy();
      silent.close();
      await expect.poll(async () => (await stepState(enroll)).signIn, { timeout: 30_000 }).toBe('Failed');
      expect(await enroll.getByText('Signing in…').count()).toBe(0);
      expect(await enroll.getByRole('button', { name: 'Try again' }).isEnabled()).toBe(true);
      // The test's answer came too (a failure): the button is back, with nothing left saying it waits.
      await expect.poll(() => test.isEnabled(), { timeout: 30_000 }).toBe(true);
      expect(await test.getAttribute('aria-describedby')).toBeNull();
      expect(await page.getByText('Testing: waiting for the pool to answer…').count()).toBe(0);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  }, 60_000);

  it('keyboard only: Tab through the fields, Enter submits, the focus follows each step', async () => {
    frozenAt = Math.floor(Date.now() / 30_000) * 30_000 + 3_000;
    const app = await open({
      engine: {
        clock: new CodeClock({ now: testNow }),
        sleep: async (ms) => {
          if (frozenAt !== undefined) frozenAt += ms;
          await new Promise((resolve) => setTimeout(resolve, 50));
        },
      },
    });
    const { page } = app;
    const pool = standIn.addPool({ mfa: 'ON' });
    const client = standIn.addClient(pool.id, {});
    standIn.addUser(pool.id, {
      username: 'kai',
      password: 'Temp-Passw0rd!',
      status: 'FORCE_CHANGE_PASSWORD',
    });
    await addPoolInUi(page, 'keys', pool, client);
    const enroll = enrollSection(page);
    // From the pool list to the stepper by Tab alone.
    await page.getByRole('button', { name: 'Edit keys' }).focus();
    const tabTo = async (label: string) => {
      for (let i = 0; i < 12 && (await focusedLabel(page)) !== label; i++) await page.keyboard.press('Tab');
      expect(await focusedLabel(page)).toBe(label);
    };
    await tabTo('User name');
    await page.keyboard.type('kai');
    await page.keyboard.press('Tab');
    expect(await focusedLabel(page)).toBe('Password');
    await page.keyboard.type('Temp-Passw0rd!');
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedLabel(page)).toBe('New password');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.evaluate(() => (globalThis as unknown as Doc).document.activeElement?.className), {
        timeout: 15_000,
      })
      .toBe('success');
    // The success is announced (a status), then Tab leads on to the next thing to do.
    expect(await enroll.locator('.success').getAttribute('role')).toBe('status');
    const focusedText = () =>
      page.evaluate(() => (globalThis as unknown as Doc).document.activeElement?.textContent?.trim());
    for (let i = 0; i < 8 && (await focusedText()) !== 'Sign in now'; i++) await page.keyboard.press('Tab');
    expect(await focusedText()).toBe('Sign in now');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => enroll.locator('.success').textContent(), { timeout: 15_000 })
      .toMatch(/Signed in as kai, with the code Keyfob filled in/);
  }, 60_000);

  it('fits 360 to 1600 px in every language and theme: no sideways scroll, centred, accessible', async () => {
    const app = await open();
    const { page } = app;
    const pool = standIn.addPool({ mfa: 'OPTIONAL' });
    const client = standIn.addClient(pool.id, {});
    await app.handlers.savePool(
      {
        name: 'Produktionsumgebung-Europa-Zentral',
        region: standIn.region,
        userPoolId: pool.id,
        clientId: client.id,
        endpoint: standIn.endpoint,
      },
      false,
    );
    for (const lang of LANGS) {
      expect((await app.handlers.saveSettings({ language: lang })).ok).toBe(true);
      await page.reload();
      await fromMenu(page, 'Cognito', ({ en: 'Menu', de: 'Menü', 'zh-CN': '菜单' } as const)[lang]);
      const user = `user-${lang}`;
      standIn.addUser(pool.id, { username: user, password: PASSWORD });
      const enroll = page.locator('.task-panel:not([data-inert]) section');
      await enroll.locator('input[autocomplete="username"]').fill(user);
      await enroll.locator('input[autocomplete="current-password"]').fill(PASSWORD);
      await enroll.locator('button[type="submit"]').click();
      await expect.poll(() => enroll.locator('.success').count(), { timeout: 15_000 }).toBe(1);
      await enroll.locator('.second-device .disclosure').click();
      await expect.poll(() => enroll.locator('.second-device img').count()).toBe(1);
      for (const theme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: theme });
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: 900 });
          const where = `${width} px, ${lang}, ${theme}`;
          const m = await page.evaluate(() => {
            const g = globalThis as unknown as Doc & {
              document: {
                querySelector(s: string): { getBoundingClientRect(): { left: number; right: number } };
                querySelectorAll(
                  s: string,
                ): ArrayLike<{ scrollWidth: number; clientWidth: number; className: string }>;
              };
            };
            const r = g.document.querySelector('.cognito').getBoundingClientRect();
            const overflowing = Array.from(
              g.document.querySelectorAll(
                '.cognito .step-head, .cognito .pool, .cognito .actions, .cognito .success',
              ),
            )
              .filter((e) => e.scrollWidth > e.clientWidth + 1)
              .map((e) => e.className);
            return {
              doc: g.document.documentElement.scrollWidth,
              viewport: g.innerWidth,
              width: r.right - r.left,
              sides: [r.left, g.innerWidth - r.right],
              overflowing,
            };
          });
          expect.soft(m.doc, where).toBeLessThanOrEqual(m.viewport);
          expect.soft(m.width, where).toBeLessThanOrEqual(640);
          expect.soft(Math.abs(m.sides[0]! - m.sides[1]!), where).toBeLessThanOrEqual(20);
          expect.soft(m.overflowing, where).toEqual([]);
          await app.screenshot(`cognito-${width}-${lang}-${theme}`);
          if (width === 360 || width === 1600) await expectAccessible(page);
        }
      }
    }
  }, 240_000);
});
