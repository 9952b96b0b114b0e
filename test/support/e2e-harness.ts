/**
 * The end-to-end set-up of ARCHITECTURE.md: the built renderer in Debian's Chromium, talking to the real
 * main/ipc/ handlers in this process over the real keychain. The wiring, the server and the page's bridge are
 * test/support/host.ts, the same `npm run preview` serves: the page gets `window.keyfob` from the bridge script
 * (fetch for requests, Server-Sent Events for pushes), so every end-to-end test also exercises the preview's
 * transport.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';
import QRCode from 'qrcode';
import type { ConfirmRequest, Handlers } from '../../main/ipc';
import type { Services } from '../../main/services';
import type { Vault } from '../../main/vault/vault';
import { startHost, type Frame, type HostOptions } from './host';

export const SCREENSHOTS = resolve(__dirname, '../../test-results/screens');

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.KEYFOB_CHROMIUM ?? '/usr/bin/chromium',
    // Root in CI needs --no-sandbox; the rest stops Chromium's calls home, which are refused here anyway.
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

export interface AppUnderTest {
  page: Page;
  context: BrowserContext;
  vault: Vault;
  /** What main/services.ts built for this app: the same objects the app builds. */
  services: Services;
  handlers: Handlers;
  /** Hands links to the app, as a browser or another app would. */
  openLinks(links: string[]): void;
  /** What main does when the global shortcut is pressed. */
  pressShortcut(): Promise<void>;
  /** Presses a key combination "anywhere": true when a registered shortcut took it (none does while suspended). */
  pressKeys(accelerator: string): boolean;
  /** Whether Keyfob's shortcuts are suspended (while one is being recorded). */
  shortcutsSuspended(): boolean;
  /** How many times the palette told main it closed. */
  paletteDismissed(): number;
  /** Codes the app put on the clipboard, with when they stop being valid. */
  copied: Array<{ code: string; validUntil: number }>;
  /** What main asked the person itself (its native dialog in the app) before a key left the vault. */
  asked: ConfirmRequest[];
  /** The paths main's save dialog (its stand-in) gave for files it wrote: the encrypted backup. */
  saved: string[];
  /** Every push main sent the page (code batches, flows, account lists), as sent. */
  pushed: string[];
  /** The data folder and keychain service: a CLI run with these sees the same vault. */
  home: string;
  service: string;
  /**
   * The whole page by default; `fullPage: false` for the window as it is, where a long list is virtualised (the
   * page below the screenful is empty until scrolled to).
   */
  screenshot(name: string, options?: { fullPage?: boolean }): Promise<void>;
  close(): Promise<void>;
}

/** Runs in the page; typed against globalThis because this file compiles without the DOM library. */
type BridgeGlobals = {
  __keyfobBridge: { dispatch(event: string, payload: unknown): void; connected: Promise<void> };
};

export async function openApp(
  browser: Browser,
  options: Omit<HostOptions, 'captureScreen' | 'port'> & {
    colorScheme?: 'light' | 'dark';
    locale?: string;
    /**
     * What "the screens" show for Scan screen: each a web page with these QR codes on it, rendered by Chromium
     * and photographed; the pictures go through the same decoding as a real capture.
     */
    screens?: string[][];
  } = {},
): Promise<AppUnderTest> {
  const { colorScheme, locale, screens, ...hostOptions } = options;
  const host = await startHost({
    // Named as the end-to-end tests' own, so a leftover says where it came from.
    home: hostOptions.home ?? mkdtempSync(join(tmpdir(), 'keyfob-e2e-')),
    service: hostOptions.service ?? `keyfob-e2e-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
    ...hostOptions,
    captureScreen: async () => {
      const frames: Frame[] = [];
      for (const codes of screens ?? []) {
        const shot = await browser.newPage({ viewport: { width: 1280, height: 800 } });
        const images = await Promise.all(codes.map((c) => QRCode.toDataURL(c, { margin: 4, width: 220 })));
        await shot.setContent(
          `<body style="font-family:sans-serif;background:#f4f4f4"><h1>Set up two-step verification</h1>${images
            .map((src) => `<img src="${src}" style="margin:24px">`)
            .join('')}<p>Scan this code with your authenticator app.</p></body>`,
        );
        const { readImage } = await import('../../main/qr');
        const image = readImage(new Uint8Array(await shot.screenshot()));
        frames.push({ width: image.width, height: image.height, data: new Uint8Array(image.data) });
        await shot.close();
      }
      return frames;
    },
  });
  const context = await browser.newContext({
    colorScheme: colorScheme ?? 'light',
    locale: locale ?? 'en-US',
    viewport: { width: 460, height: 720 },
  });
  // The benchmark delivers its own batches of codes at chosen times (tick: false), through the page's bridge.
  await context.addInitScript({
    content: `globalThis.__keyfobPush = (batch) => globalThis.__keyfobBridge.dispatch('codes', batch);`,
  });
  const page = await context.newPage();
  await page.goto(host.url);
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    page,
    context,
    vault: host.vault,
    services: host.services,
    handlers: host.handlers,
    copied: host.copied,
    asked: host.asked,
    saved: host.saved,
    pushed: host.pushed,
    home: host.home,
    service: host.service,
    openLinks: (l) => host.openLinks(l),
    pressShortcut: async () => {
      // A page just (re)loaded may not listen yet: main's push would reach the page it replaced.
      await page.evaluate(() => (globalThis as unknown as BridgeGlobals).__keyfobBridge.connected);
      host.pressShortcut();
    },
    pressKeys: (accelerator) => host.pressKeys(accelerator),
    shortcutsSuspended: () => host.shortcutsSuspended(),
    paletteDismissed: () => host.paletteDismissed(),
    screenshot: async (name, options) => {
      await page.screenshot({
        path: join(SCREENSHOTS, `${name}.png`),
        fullPage: options?.fullPage ?? true,
      });
    },
    close: async () => {
      await context.close();
      await host.close();
    },
  };
}
