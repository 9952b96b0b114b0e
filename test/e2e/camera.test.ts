/**
 * Scanning a QR code with the camera, end to end: Chromium's fake capture device plays a Y4M video of a QR code
 * (test/support/y4m.ts) into the built renderer, which decodes it in its worker and adds the account through the
 * real IPC handlers and keychain. The camera must be off afterwards, whichever way the scan ends.
 *
 * The capture file and the permission answer are per browser process, so each scene has its own Chromium.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type AppUnderTest } from '../support/e2e-harness';
import { requireSecretService } from '../support/secret-service';
import { expectAccessible, openAdd } from '../support/ui-steps';
import { writeQrVideo } from '../support/y4m';

const URI = 'otpauth://totp/GitHub:ada%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';
const NOT_A_SETUP_CODE = 'https://example.com/welcome';

const BASE_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

let dir: string;
const browsers: Browser[] = [];
const apps: AppUnderTest[] = [];
/** What the page logged about its Content-Security-Policy: the worker must load under the app's policy. */
const cspReports: string[] = [];

beforeAll(() => {
  requireSecretService();
  dir = mkdtempSync(join(tmpdir(), 'keyfob-camera-'));
});

afterAll(async () => {
  for (const app of apps) await app.close();
  for (const browser of browsers) await browser.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A Chromium whose camera shows `video`; `allow` answers the permission prompt, otherwise it is refused. */
async function launchWithCamera(video: string, allow: boolean): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: process.env.KEYFOB_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      ...BASE_ARGS,
      allow ? '--use-fake-ui-for-media-stream' : '--deny-permission-prompts',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ],
  });
  browsers.push(browser);
  return browser;
}

async function open(browser: Browser, options: Parameters<typeof openApp>[1] = {}): Promise<AppUnderTest> {
  const app = await openApp(browser, options);
  apps.push(app);
  app.page.on('console', (m) => {
    if (/Content.Security.Policy/i.test(m.text())) cspReports.push(m.text());
  });
  await recordStreams(app.page);
  return app;
}

/** Runs in the page (this file compiles without the DOM library): the parts of it these tests touch. */
type Track = { readyState: string };
type Stream = { getTracks(): Track[] };
type PageGlobals = {
  navigator: { mediaDevices: { getUserMedia(constraints: unknown): Promise<Stream> } };
  document: { querySelectorAll(selector: string): ArrayLike<{ srcObject: Stream | null }> };
  DOMException: new (message: string, name: string) => unknown;
  __cameraStreams: Stream[];
};

/**
 * Keeps every stream the page gets, so a test can see that each of its tracks ended even after the component
 * that asked for it, and its <video>, are gone.
 */
async function recordStreams(page: Page): Promise<void> {
  await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    const media = g.navigator.mediaDevices;
    const original = media.getUserMedia.bind(media);
    g.__cameraStreams = [];
    media.getUserMedia = async (constraints) => {
      const stream = await original(constraints);
      g.__cameraStreams.push(stream);
      return stream;
    };
  });
}

/** How many camera tracks the page was given, and how many are still live. */
async function cameraTracks(page: Page): Promise<{ total: number; live: number }> {
  return page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    const recorded = g.__cameraStreams.flatMap((s) => s.getTracks());
    // Also whatever a <video> still holds, in case a stream reached it some other way.
    const shown = Array.from(g.document.querySelectorAll('video')).flatMap(
      (v) => v.srcObject?.getTracks() ?? [],
    );
    const all = [...new Set([...recorded, ...shown])];
    return { total: all.length, live: all.filter((t) => t.readyState !== 'ended').length };
  });
}

async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate(
    (e) => e === (e.ownerDocument as unknown as { activeElement: unknown }).activeElement,
  );
}

async function startScan(page: Page): Promise<void> {
  await openAdd(page);
  // The Camera view starts the camera as it opens.
  await page.getByRole('button', { name: 'Camera', exact: true }).click();
}

describe('scanning with the camera, end to end in Chromium', () => {
  it('finds the setup code in the camera picture, turns the camera off, and adds the account once confirmed', async () => {
    const browser = await launchWithCamera(writeQrVideo(join(dir, 'otpauth.y4m'), URI), true);
    const app = await open(browser);
    const { page } = app;
    await startScan(page);
    // Found, then confirm: the camera is off and the code waits, like one from an image or the screen.
    const request = page.getByRole('region', { name: 'Add this account?' });
    await expect.poll(() => request.isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await request.textContent()).toContain('GitHub (ada@example.com)');
    const tracks = await cameraTracks(page);
    expect(tracks.total).toBeGreaterThan(0);
    expect(tracks.live).toBe(0);
    expect(await page.getByRole('region', { name: 'Scan with the camera' }).count()).toBe(0);
    expect(await app.vault.list()).toEqual([]);
    await expectAccessible(page);
    await app.screenshot('camera-confirm-light');

    await request.getByRole('button', { name: 'Add' }).click();
    await expect
      .poll(async () => (await app.vault.list()).map((a) => `${a.issuer}/${a.label}`))
      .toEqual(['GitHub/ada@example.com']);
    // Added: back to the list, the new row highlighted.
    await expect
      .poll(() =>
        page
          .locator('.account.highlighted')
          .getByRole('button', { name: 'Copy code: GitHub (ada@example.com)' })
          .count(),
      )
      .toBe(1);
    expect(cspReports).toEqual([]);
    await app.screenshot('camera-added-light');
  });

  it('adds nothing from the camera when the found code is declined', async () => {
    const browser = await launchWithCamera(writeQrVideo(join(dir, 'declined.y4m'), URI), true);
    const app = await open(browser);
    const { page } = app;
    await startScan(page);
    const request = page.getByRole('region', { name: 'Add this account?' });
    await expect.poll(() => request.isVisible(), { timeout: 20_000 }).toBe(true);
    await request.getByRole('button', { name: 'Not now' }).click();
    await expect.poll(() => request.count()).toBe(0);
    expect(await app.vault.list()).toEqual([]);
    expect((await cameraTracks(page)).live).toBe(0);
  });

  describe('with a code that is not a setup code', () => {
    let browser: Browser;
    beforeAll(async () => {
      // Light on dark: it is read at all only thanks to the decoder's inverted pass.
      const video = writeQrVideo(join(dir, 'other.y4m'), NOT_A_SETUP_CODE, { inverted: true });
      browser = await launchWithCamera(video, true);
    }, 60_000);

    it('shows a live preview, says the code is not a setup code, and Cancel turns the camera off', async () => {
      for (const colorScheme of ['light', 'dark'] as const) {
        const app = await open(browser, { colorScheme });
        const { page } = app;
        await startScan(page);
        const scanner = page.getByRole('region', { name: 'Scan with the camera' });
        await expect
          .poll(() => scanner.getByRole('status').textContent(), { timeout: 15_000 })
          .toBe('That QR code is not an authenticator setup code.');
        const preview = scanner.getByLabel('Camera preview');
        expect(await preview.evaluate((v) => v.tagName)).toBe('VIDEO');
        expect(await preview.evaluate((v) => (v as unknown as { videoWidth: number }).videoWidth)).toBe(640);
        expect(await cameraTracks(page)).toEqual({ total: 1, live: 1 });
        await expectAccessible(page);
        await app.screenshot(`camera-${colorScheme}`);

        // Keyboard only: the scanner takes focus when it opens; Tab reaches Cancel, Enter presses it.
        expect(await isFocused(scanner.getByRole('heading'))).toBe(true);
        await page.keyboard.press('Tab');
        expect(await isFocused(scanner.getByRole('button', { name: 'Cancel' }))).toBe(true);
        await page.keyboard.press('Enter');
        await expect.poll(() => scanner.count()).toBe(0);
        expect(await cameraTracks(page)).toEqual({ total: 1, live: 0 });
        expect(await app.vault.list()).toEqual([]);
      }
    });

    it('turns the camera off on Escape, and when the screen is left mid-scan', async () => {
      const app = await open(browser);
      const { page } = app;
      await startScan(page);
      const scanner = page.getByRole('region', { name: 'Scan with the camera' });
      await expect.poll(async () => (await cameraTracks(page)).live).toBe(1);
      await page.keyboard.press('Escape');
      await expect.poll(() => scanner.count()).toBe(0);
      expect(await cameraTracks(page)).toEqual({ total: 1, live: 0 });

      await page.getByRole('button', { name: 'Scan with camera' }).click();
      await expect.poll(async () => (await cameraTracks(page)).live).toBe(1);
      // Leaving the Add screen unmounts the scanner without Cancel.
      await page.getByRole('button', { name: 'Accounts' }).click();
      await expect.poll(() => scanner.count()).toBe(0);
      await expect.poll(() => cameraTracks(page)).toEqual({ total: 2, live: 0 });
    });

    it('says so when there is no camera', async () => {
      const app = await open(browser);
      const { page } = app;
      await page.evaluate(() => {
        const g = globalThis as unknown as PageGlobals;
        g.navigator.mediaDevices.getUserMedia = () =>
          Promise.reject(new g.DOMException('Requested device not found', 'NotFoundError'));
      });
      await startScan(page);
      const alert = page.getByRole('region', { name: 'Scan with the camera' }).getByRole('alert');
      await expect.poll(() => alert.textContent()).toMatch(/^No camera was found\./);
      // One way on: the scanner's Try again (and Cancel), not a disabled "Scan with camera" under them too.
      expect(await page.getByRole('button', { name: 'Scan with camera' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Try again' }).isVisible()).toBe(true);
      await expectAccessible(page);
      await app.screenshot('camera-missing-light');
      await page.getByRole('button', { name: 'Cancel' }).click();
      const again = page.getByRole('button', { name: 'Scan with camera' });
      await expect
        .poll(() =>
          again.evaluate(
            (b) => b === (b.ownerDocument as unknown as { activeElement: unknown }).activeElement,
          ),
        )
        .toBe(true);
      expect(await again.isEnabled()).toBe(true);
    });
  });

  it('explains how to allow the camera when permission is refused', async () => {
    const browser = await launchWithCamera(writeQrVideo(join(dir, 'denied.y4m'), URI), false);
    const app = await open(browser);
    const { page } = app;
    await startScan(page);
    const scanner = page.getByRole('region', { name: 'Scan with the camera' });
    const alert = scanner.getByRole('alert');
    await expect.poll(() => alert.textContent()).toMatch(/Keyfob is not allowed to use the camera\./);
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain('Windows: Settings → Privacy & security → Camera');
    expect(text).toContain('macOS: System Settings → Privacy & Security → Camera');
    expect(text).toMatch(/Linux: /);
    expect(await scanner.getByRole('button', { name: 'Try again' }).isVisible()).toBe(true);
    expect(await cameraTracks(page)).toEqual({ total: 0, live: 0 });
    await expectAccessible(page);
    await app.screenshot('camera-denied-light');
    expect(await app.vault.list()).toEqual([]);

    const de = await open(browser, { locale: 'de-DE' });
    await de.page.getByRole('button', { name: 'Konten hinzufügen oder importieren' }).click();
    await de.page.getByRole('button', { name: 'Kamera', exact: true }).click();
    await expect
      .poll(() =>
        de.page.getByRole('region', { name: 'Mit der Kamera scannen' }).getByRole('alert').textContent(),
      )
      .toMatch(/^Keyfob darf die Kamera nicht verwenden\./);
  });
});
