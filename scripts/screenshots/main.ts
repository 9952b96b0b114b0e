/**
 * `npm run screenshots [-- name ...]`: the pictures README.md and docs/ show (assets/screenshots/*.png), taken from
 * the preview (scripts/preview/start.ts: the real renderer and handlers, sample accounts, the demo pools) in
 * Debian's Chromium. scripts/screenshots.mjs runs this inside a private keyring session, as the preview runs.
 *
 * The same checkout gives the same pictures: the sample accounts have fixed keys, main makes their codes at one
 * fixed moment (no ticking), the page's clock and the Cognito stand-in's stand at that moment too, and the
 * countdown rings are stopped where that moment puts them. What still changes from run to run is what the
 * stand-in makes up itself: the Cognito key, ids and tokens.
 *
 * The account list is found by roles and names only (the list's own markup is free to change).
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, Page } from 'playwright';
import { codeBatch } from '../../main/accounts/codes';
import { bytesToBase32 } from '../../main/otp/secret';
import { codeAt, CodeClock } from '../../main/otp/codes';
import { defaultParams } from '../../main/otp/types';
import type { NewAccount } from '../../main/vault/vault';
import { launchChromium } from '../../test/support/e2e-harness';
import { sampleAccounts } from '../preview/samples';
import { DEMO_PROFILES, startPreview, type Preview } from '../preview/start';

const OUT = resolve(__dirname, '../../assets/screenshots');

/**
 * The moment every picture shows: 12 s into a 30-second period (18 s left, 48 s on the 60-second accounts), so no
 * ring is in its last seconds. A whole second, so the stand-in's Date header (whole seconds) agrees with the
 * engine's clock and no clock skew is reported.
 */
const MOMENT = Date.UTC(2026, 4, 12, 9, 41, 12);
/** Whole-second times in the page (the tokens' "10:41 AM") read the same wherever this runs. */
const TIME_ZONE = 'UTC';
/** The app's window opens 420 × 640 (main/app/window.ts); the README shows the list, palette and add screen so. */
const WINDOW = { width: 420, height: 640 };
/** The Cognito pictures of docs/cognito.md: 460 wide, the whole page. */
const COGNITO_WIDTH = 460;
/** Crisp where the README and docs scale them down, and on high-density screens. */
const SCALE = 2;
const ACCOUNTS = 24;
/** The device name the enrollment form fills in: a person's laptop, not this machine's name. */
const HOST_NAME = 'ada-laptop';
const NEW_PASSWORD = 'Analytical-Engine-1843';

/**
 * The preview's sample accounts with keys derived from their place in the list, so their codes are the same every
 * run. The two that share a name get told apart here by their labels: the window would tell them apart by a short
 * id taken from their random account ids, different in every run.
 */
function fixedAccounts(): NewAccount[] {
  const seen = new Set<string>();
  return sampleAccounts(ACCOUNTS).map((account, index) => {
    const name = `${account.issuer}:${account.label}`;
    const label = seen.has(name) ? `ops@analytical-engines.example` : account.label;
    seen.add(name);
    return {
      ...account,
      label,
      secret: bytesToBase32(createHash('sha1').update(`keyfob-screenshot-${index}`).digest()),
    };
  });
}

/** Favourites and tags as a person who uses them would have them: what the list's header and stars show. */
async function organise(preview: Preview): Promise<void> {
  const { vault } = preview.host;
  const accounts = await vault.list();
  const find = (issuer: string) => accounts.find((a) => a.issuer === issuer)!.id;
  await vault.setFavourite(find('GitHub'), true);
  await vault.setFavourite(find('Google'), true);
  const tags: Record<string, string[]> = {
    GitHub: ['Work'],
    GitLab: ['Work'],
    Slack: ['Work'],
    Cloudflare: ['Work'],
    'Amazon Web Services': ['Work'],
    Google: ['Personal'],
    Dropbox: ['Personal'],
    Discord: ['Personal'],
    PayPal: ['Money'],
    Stripe: ['Money', 'Work'],
    Coinbase: ['Money'],
  };
  for (const account of accounts) {
    const wanted = tags[account.issuer];
    if (wanted) await vault.setTags(account.id, wanted);
  }
}

interface Shot {
  name: string;
  take(session: Session): Promise<void>;
}

interface Session {
  browser: Browser;
  preview: Preview;
  /** The stand-in's and the Cognito engine's time: MOMENT, moved on only by the engine's own waits. */
  clock: { now: number };
}

// As test/support/ui-steps.ts steps, which this cannot import (it brings vitest's expect).
const enrollSection = (page: Page) =>
  page.getByRole('region', { name: 'Set up Keyfob as the authenticator' });

async function fromMenu(page: Page, item: string): Promise<void> {
  await page.getByRole('button', { name: 'Menu', exact: true }).click();
  await page.getByRole('menuitem', { name: item, exact: true }).click();
}

async function openPage(
  session: Session,
  view: { width: number; height: number; colorScheme: 'light' | 'dark' },
): Promise<Page> {
  const context = await session.browser.newContext({
    viewport: { width: view.width, height: view.height },
    deviceScaleFactor: SCALE,
    colorScheme: view.colorScheme,
    locale: 'en-US',
    timezoneId: TIME_ZONE,
  });
  await context.clock.setFixedTime(MOMENT);
  const page = await context.newPage();
  await page.goto(session.preview.host.url);
  // Search has the focus at start: the first thing the window shows once its accounts are there.
  await page.getByLabel('Search accounts').waitFor();
  return page;
}

/**
 * Main's codes at MOMENT, sent as its ticker would, once the page shows its accounts; then the rings are held
 * where MOMENT puts them. The rings and the next code are CSS animations placed from the time left when a code
 * arrived (renderer/src/ui/Ring.tsx): paused at their start, they show exactly that.
 */
async function showCodes(session: Session, page: Page): Promise<void> {
  const { host } = session.preview;
  const first = page.getByRole('button', { name: /^Copy code: GitHub/ });
  await first.waitFor();
  host.push('codes', await codeBatch(host.vault, MOMENT));
  await page.waitForFunction(
    (button) => /\d{3}/.test(button?.textContent ?? ''),
    await first.elementHandle(),
  );
  await holdAnimations(page);
}

/** Stops every running animation at its start: a countdown then shows the time left when its code arrived. */
async function holdAnimations(page: Page): Promise<void> {
  // Strings, not functions: this file compiles without the DOM library.
  await page.evaluate(`
    for (const a of document.getAnimations()) {
      if (a.playState !== 'running') continue;
      a.pause();
      a.currentTime = 0;
    }
  `);
}

/** Waits until what the picture shows has loaded: fonts, and every image in view (brand icon tiles, QR codes). */
async function settle(page: Page): Promise<void> {
  await page.evaluate('document.fonts.ready.then(() => undefined)');
  await page.waitForFunction(`(() => {
    const inView = (el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.bottom > 0 && r.top < innerHeight;
    };
    const images = [...document.images].filter(inView);
    // ui/AccountIcon.tsx shows a plain tile of this class until the icon index has loaded.
    const pending = [...document.querySelectorAll('.account-icon-pending')].filter(inView);
    return pending.length === 0 && images.every((img) => img.complete && img.naturalWidth > 0);
  })()`);
  // Two frames, so what loaded last is painted.
  await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
}

async function save(page: Page, name: string, fullPage = false): Promise<void> {
  // A whole page is photographed as it lies under the window's scroll position, sticky toolbar included: from
  // the top, the toolbar is where the window shows it.
  if (fullPage) await page.evaluate('window.scrollTo(0, 0)');
  await settle(page);
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage, animations: 'allow', caret: 'hide' });
  console.log(`  ${name}.png`);
}

const accountsIn = (colorScheme: 'light' | 'dark'): Shot => ({
  name: `accounts-${colorScheme}`,
  take: async (session) => {
    const page = await openPage(session, { ...WINDOW, colorScheme });
    await showCodes(session, page);
    await save(page, `accounts-${colorScheme}`);
    await page.context().close();
  },
});

const SHOTS: Shot[] = [
  accountsIn('light'),
  accountsIn('dark'),
  {
    name: 'palette-light',
    take: async (session) => {
      const page = await openPage(session, { ...WINDOW, colorScheme: 'light' });
      await showCodes(session, page);
      // What the global shortcut does: main brings the window forward with the quick search open.
      session.preview.host.pressShortcut();
      const palette = page.getByRole('dialog', { name: 'Quick search' });
      await palette.waitFor();
      // Matches inside words too: GitHub, GitLab and DigitalOcean.
      await page.keyboard.type('git');
      await palette.getByRole('option', { selected: true }).waitFor();
      await holdAnimations(page);
      await save(page, 'palette-light');
      await page.context().close();
    },
  },
  {
    name: 'add-light',
    take: async (session) => {
      const page = await openPage(session, { ...WINDOW, colorScheme: 'light' });
      await showCodes(session, page);
      await page.getByRole('button', { name: 'Add account', exact: true }).click();
      await page.getByRole('heading', { name: 'Add account' }).first().waitFor();
      await save(page, 'add-light');
      await page.context().close();
    },
  },
  {
    // One walk through the demo-setup pool: its user has a temporary password, then must set up MFA.
    name: 'cognito',
    take: async (session) => {
      const page = await openPage(session, {
        width: COGNITO_WIDTH,
        height: WINDOW.height,
        colorScheme: 'light',
      });
      await fromMenu(page, 'Cognito');
      const enroll = enrollSection(page);
      const user = DEMO_PROFILES['demo-setup'];
      await enroll.getByLabel('Pool', { exact: true }).selectOption('demo-setup');
      const pools = page.getByRole('region', { name: 'User pools' });
      const setup = pools.getByRole('listitem').filter({ hasText: 'demo-setup' });
      await setup.getByRole('button', { name: 'Test connection' }).click();
      await setup.getByText(/✓ .*answer as expected/).waitFor();
      await save(page, 'cognito-pools-light', true);

      await enroll.getByLabel('User name').fill(user.username);
      await enroll.getByLabel('Password', { exact: true }).fill(user.password);
      await enroll.getByRole('button', { name: 'Start' }).click();
      const newPassword = page.getByRole('form', { name: 'Choose a new password' });
      await newPassword.waitFor();
      await save(page, 'cognito-new-password-light', true);

      await newPassword.getByLabel('New password').fill(NEW_PASSWORD);
      await newPassword.getByRole('button', { name: 'Continue' }).click();
      await enroll
        .getByText(`demo-setup (${user.username}) is set up with Keyfob.`)
        .waitFor({ timeout: 30_000 });
      const secondDevice = enroll.getByRole('button', { name: 'Set up a second device too' });
      await secondDevice.click();
      await enroll.getByRole('img', { name: 'QR code of the new key' }).waitFor();
      await save(page, 'cognito-enrolled-light', true);

      // Closed again, as a person would before signing in; the sign-in waits for the next period (the engine's
      // wait moves the stand-in's clock), so the page's clock moves to when the tokens were issued.
      await secondDevice.click();
      await enroll.getByRole('button', { name: 'Sign in now' }).click();
      await enroll
        .getByText(`Signed in as ${user.username}, with the code Keyfob filled in.`)
        .waitFor({ timeout: 30_000 });
      await page.context().clock.setFixedTime(session.clock.now);
      await enroll.getByRole('table', { name: 'IdToken claims' }).waitFor();
      await page.emulateMedia({ colorScheme: 'dark' });
      await save(page, 'cognito-tokens-dark', true);
      await page.context().close();
    },
  },
  {
    // The demo pool: a user who signs in first, then verifies with a code typed from a second device.
    name: 'cognito-verify-light',
    take: async (session) => {
      const page = await openPage(session, {
        width: COGNITO_WIDTH,
        height: WINDOW.height,
        colorScheme: 'light',
      });
      await fromMenu(page, 'Cognito');
      const enroll = enrollSection(page);
      const user = DEMO_PROFILES.demo;
      await enroll.getByLabel('Pool', { exact: true }).selectOption('demo');
      await enroll.getByLabel('User name').fill(user.username);
      await enroll.getByLabel('Password', { exact: true }).fill(user.password);
      await enroll.getByLabel('I will type the code from a second device').check();
      await enroll.getByRole('button', { name: 'Start' }).click();
      const verify = page.getByRole('form', { name: 'Verify the authenticator' });
      await verify.waitFor();
      await enroll.getByRole('button', { name: 'Set up a second device too' }).click();
      const secret = enroll.getByText(/^[A-Z2-7 ]{16,}$/);
      await secret.waitFor();
      const key = ((await secret.textContent()) ?? '').replace(/\s/g, '');
      // What the second device shows for that key at the stand-in's time.
      await verify.getByLabel('Code').fill(codeAt(key, defaultParams('totp'), session.clock.now).code);
      await save(page, 'cognito-verify-light', true);
      await page.context().close();
    },
  },
];

/** What each shot writes: a walk through several screens writes several pictures. */
const WRITES: Record<string, string[]> = {
  cognito: [
    'cognito-pools-light',
    'cognito-new-password-light',
    'cognito-enrolled-light',
    'cognito-tokens-dark',
  ],
};

async function main(): Promise<void> {
  const { positionals } = parseArgs({ args: process.argv.slice(2), allowPositionals: true, strict: true });
  const all = SHOTS.flatMap((s) => WRITES[s.name] ?? [s.name]);
  const unknown = positionals.filter((p) => !all.includes(p));
  if (unknown.length > 0)
    throw new Error(`no such screenshot: ${unknown.join(', ')} (there are ${all.join(', ')})`);
  const chosen = positionals.length
    ? SHOTS.filter((s) => (WRITES[s.name] ?? [s.name]).some((n) => positionals.includes(n)))
    : SHOTS;

  const clock = { now: MOMENT };
  const now = () => clock.now;
  const preview = await startPreview({
    accounts: fixedAccounts(),
    now,
    host: {
      hostName: HOST_NAME,
      // Codes are sent once, at MOMENT (showCodes), never by the second.
      tick: false,
      engine: {
        clock: new CodeClock({ now }),
        // The engine waits only for the next period's code: time moves on by that much, at once.
        sleep: async (ms) => {
          clock.now += ms;
          await new Promise((done) => setTimeout(done, 20));
        },
      },
    },
  });
  let browser: Browser | undefined;
  try {
    await organise(preview);
    mkdirSync(OUT, { recursive: true });
    browser = await launchChromium();
    console.log(`Writing to ${OUT}:`);
    for (const shot of chosen) await shot.take({ browser, preview, clock });
  } finally {
    await browser?.close();
    await preview.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
