/**
 * The end-to-end set-up of ARCHITECTURE.md: the built renderer in Debian's Chromium, `window.keyfob` defined by
 * an init script exactly as the preload defines it, every call forwarded (page.exposeBinding) to the real
 * main/ipc/ handlers in this process, over the real keychain. Code batches are pushed by the same ticker the
 * app uses.
 */
import { createServer, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';
import { afterAll, beforeAll } from 'vitest';
import { CHANNELS, type CodeBatch } from '../../preload/api';
import { describeLink, PendingLinks } from '../../main/app/protocol';
import { createHandlers, type ConfirmRequest, type Handlers } from '../../main/ipc';
import { accountView } from '../../main/ipc/accounts';
import { OffThreadQr } from '../../main/qr/off-thread';
import { createServices, type Services } from '../../main/services';
import type { Settings } from '../../main/settings';
import { shortcutStatus, Shortcuts, wantedShortcuts, type ShortcutState } from '../../main/app/shortcut';
import QRCode from 'qrcode';
import { startTicker } from '../../main/ticker';
import type { EngineOptions } from '../../main/cognito/engine';
import type { Keychain } from '../../main/vault/keychain';
import { KeytarKeychain } from '../../main/vault/keytar-keychain';
import { Vault } from '../../main/vault/vault';
import { requireSecretService } from './secret-service';

const RENDERER = resolve(__dirname, '../../dist/renderer');
export const SCREENSHOTS = resolve(__dirname, '../../test-results/screens');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Serves dist/renderer (or another build) on loopback: module scripts do not load from file:// in Chromium. */
async function serveRenderer(root = RENDERER): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const file = join(root, path === '/' ? 'index.html' : path);
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/`, server };
}

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
  /** The data folder and keychain service: a CLI run with these sees the same vault. */
  home: string;
  service: string;
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * What every end-to-end file sets up: one Chromium for the file, and apps opened on it that are closed with it.
 * Call it at the top of the file; it returns the function that opens an app.
 */
export function e2eApps(): (options?: Parameters<typeof openApp>[1]) => Promise<AppUnderTest> {
  let browser: Browser | undefined;
  const apps: AppUnderTest[] = [];
  beforeAll(async () => {
    requireSecretService();
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    for (const app of apps) await app.close();
    await browser?.close();
  });
  return async (options = {}) => {
    if (!browser) throw new Error('e2eApps() opens apps only inside its file’s tests');
    const app = await openApp(browser, options);
    apps.push(app);
    return app;
  };
}

/** Runs in the page; typed against globalThis because this file compiles without the DOM library. */
const INIT_SCRIPT = (channels: string[]) => {
  const page = globalThis as unknown as {
    __keyfobInvoke: (n: string, a: unknown[]) => Promise<unknown>;
  };
  const listeners = new Set<(batch: unknown) => void>();
  const encode = (value: unknown): unknown =>
    value instanceof Uint8Array
      ? { __bytes: btoa(Array.from(value, (b) => String.fromCharCode(b)).join('')) }
      : value && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)]))
        : value;
  const invoke = page.__keyfobInvoke;
  const api: Record<string, unknown> = {};
  for (const name of channels) api[name] = (...args: unknown[]) => invoke(name, args.map(encode));
  api.onCodes = (listener: (batch: unknown) => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  const linkListeners = new Set<(links: unknown) => void>();
  api.onLinks = (listener: (links: unknown) => void) => {
    linkListeners.add(listener);
    return () => linkListeners.delete(listener);
  };
  Object.defineProperty(globalThis, '__keyfobPushLinks', {
    value: (links: unknown) => linkListeners.forEach((l) => l(links)),
  });
  const searchListeners = new Set<() => void>();
  api.onFocusSearch = (listener: () => void) => {
    searchListeners.add(listener);
    return () => searchListeners.delete(listener);
  };
  Object.defineProperty(globalThis, '__keyfobFocusSearch', {
    value: () => searchListeners.forEach((l) => l()),
  });
  const flowListeners = new Set<(event: unknown) => void>();
  api.onFlow = (listener: (event: unknown) => void) => {
    flowListeners.add(listener);
    return () => flowListeners.delete(listener);
  };
  Object.defineProperty(globalThis, '__keyfobPushFlow', {
    value: (event: unknown) => flowListeners.forEach((l) => l(event)),
  });
  const accountListeners = new Set<(accounts: unknown) => void>();
  api.onAccountsChanged = (listener: (accounts: unknown) => void) => {
    accountListeners.add(listener);
    return () => accountListeners.delete(listener);
  };
  Object.defineProperty(globalThis, '__keyfobPushAccounts', {
    value: (accounts: unknown) => accountListeners.forEach((l) => l(accounts)),
  });
  Object.defineProperty(globalThis, '__keyfobPush', {
    value: (batch: unknown) => listeners.forEach((l) => l(batch)),
  });
  Object.defineProperty(globalThis, 'keyfob', { value: Object.freeze(api) });
};

function decode(value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const v = value as Record<string, unknown>;
    if (typeof v.__bytes === 'string') return new Uint8Array(Buffer.from(v.__bytes, 'base64'));
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, decode(x)]));
  }
  return value;
}

export async function openApp(
  browser: Browser,
  options: {
    colorScheme?: 'light' | 'dark';
    locale?: string;
    home?: string;
    service?: string;
    /** Cognito engine options (a test's clock, sleep). */
    engine?: Partial<EngineOptions>;
    /** Another keychain (the renderer benchmark uses memory: it measures the page, not gnome-keyring). */
    keychain?: Keychain;
    /** Push code batches every second as the app does (default); the benchmark pushes its own. */
    tick?: boolean;
    /**
     * What "the screens" show for Scan screen: each a web page with these QR codes on it, rendered by Chromium
     * and photographed; the pictures go through the same decoding as a real capture.
     */
    screens?: string[][];
    /** Key combinations "another application" holds, so registering them fails as it would in Electron. */
    shortcutsTaken?: string[];
    /** What the person answers main's own (native) question before a key is shown or exported; default yes. */
    mainConfirms?: boolean;
    /** Another build of the renderer than dist/renderer (the pseudo-locale's). */
    renderer?: string;
  } = {},
): Promise<AppUnderTest> {
  const home = options.home ?? mkdtempSync(join(tmpdir(), 'keyfob-e2e-'));
  const service = options.service ?? `keyfob-e2e-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const services = createServices({
    dataDir: home,
    keychain: options.keychain ?? new KeytarKeychain({ service }),
    cacheSecrets: true,
    loadCognito: () => import('../../main/cognito/engine'),
    engine: { hostName: () => 'e2e-host', ...options.engine },
  });
  const { vault, profiles, settings: settingsStore } = services;
  const recovery = await services.recovery();
  const copied: AppUnderTest['copied'] = [];
  const asked: ConfirmRequest[] = [];
  // Links handed to the app, held as main/app/main.ts holds them, delivered to the page when it is ready.
  const links = new PendingLinks({
    deliver: (pending) => {
      const page = opened.page;
      if (page && !page.isClosed())
        void page.evaluate(
          (l) => (globalThis as unknown as { __keyfobPushLinks: (x: unknown) => void }).__keyfobPushLinks(l),
          pending.map(describeLink),
        );
    },
  });
  let startCodes = () => {};
  // The page exists only once the handlers do; Cognito events reach it through this holder.
  const opened: { page?: Page } = {};
  // Global shortcuts as main/app/main.ts keeps them, on a registry standing in for Electron's globalShortcut.
  const held = new Map<string, () => void>();
  let suspended = false;
  const shortcuts = new Shortcuts({
    register: (accelerator, callback) => {
      // As Electron: no registration while suspended.
      if (suspended || options.shortcutsTaken?.includes(accelerator)) return false;
      held.set(accelerator, callback);
      return true;
    },
    unregister: (accelerator) => void held.delete(accelerator),
    isRegistered: (accelerator) => held.has(accelerator),
    setSuspended: (value) => void (suspended = value),
  });
  let shortcutStates = new Map<string, ShortcutState>();
  let paletteDismissed = 0;
  const openPalette = () => {
    const page = opened.page;
    if (page && !page.isClosed())
      void page.evaluate(() =>
        (globalThis as unknown as { __keyfobFocusSearch: () => void }).__keyfobFocusSearch(),
      );
  };
  const applySettings = (settings: Settings) => {
    shortcutStates = shortcuts.apply(
      wantedShortcuts(settings, { openPalette, copy: (id) => void handlers.copyCode(id) }),
    );
    return shortcutStatus(shortcutStates);
  };
  applySettings(await settingsStore.get());
  const handlers = createHandlers({
    vault,
    version: '0.0.0-test',
    hostName: 'e2e-host',
    platform: 'linux',
    clipboard: { copy: (code, validUntil) => copied.push({ code, validUntil }) },
    // As in the app: on a worker thread, from the bundle `npm run build` emits next to app.js.
    qr: new OffThreadQr({ script: resolve(__dirname, '../../dist/main/qr-worker.js') }),
    onReady: () => {
      startCodes();
      links.markReady();
    },
    links,
    settings: { store: settingsStore, apply: applySettings, status: () => shortcutStatus(shortcutStates) },
    palette: { dismissed: () => void paletteDismissed++ },
    recovery: async () => recovery,
    confirm: async (request) => {
      asked.push(request);
      return options.mainConfirms ?? true;
    },
    shortcuts,
    screen: {
      capture: async () => {
        const frames = [];
        for (const codes of options.screens ?? []) {
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
    },
    accounts: services.accounts,
    cognito: {
      profiles,
      engine: () => services.cognitoEngine(),
      emitFlow: (event) => {
        const page = opened.page;
        if (page && !page.isClosed())
          void page.evaluate(
            (e) => (globalThis as unknown as { __keyfobPushFlow: (x: unknown) => void }).__keyfobPushFlow(e),
            event,
          );
      },
    },
  });
  const { url, server } = await serveRenderer(options.renderer);
  const context = await browser.newContext({
    colorScheme: options.colorScheme ?? 'light',
    locale: options.locale ?? 'en-US',
    viewport: { width: 460, height: 720 },
  });
  await context.exposeBinding('__keyfobInvoke', async (_source, name: string, args: unknown[]) => {
    const handler = (handlers as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[name];
    if (!handler) throw new Error(`no handler ${name}`);
    return handler(...args.map(decode));
  });
  // As source text with a no-op __name: tsx (the benchmark) compiles functions with esbuild's keepNames, whose
  // __name helper does not exist in the page.
  await context.addInitScript({
    content: `globalThis.__name ??= (f) => f;\n(${INIT_SCRIPT.toString()})(${JSON.stringify(Object.keys(CHANNELS))});`,
  });
  const page = await context.newPage();
  opened.page = page;
  let ticker: ReturnType<typeof startTicker> | undefined;
  startCodes = () => {
    ticker?.stop();
    if (options.tick === false) return;
    ticker = startTicker({
      vault,
      send: async (batch: CodeBatch) => {
        if (!page.isClosed())
          await page.evaluate(
            (b) => (globalThis as unknown as { __keyfobPush: (x: unknown) => void }).__keyfobPush(b),
            batch,
          );
      },
      onError: () => undefined,
    });
  };
  // As main/app/main.ts: every change of the accounts (here, or by the CLI in another process) is pushed.
  vault.onChanged((accounts) => {
    if (page.isClosed()) return;
    void page
      .evaluate(
        (list) =>
          (globalThis as unknown as { __keyfobPushAccounts: (x: unknown) => void }).__keyfobPushAccounts(
            list,
          ),
        accounts.map(accountView),
      )
      .catch(() => undefined);
  });
  await page.goto(url);
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    page,
    context,
    vault,
    services,
    handlers,
    copied,
    asked,
    home,
    service,
    openLinks: (l) => links.add(l),
    pressShortcut: async () => {
      await page.evaluate(() =>
        (globalThis as unknown as { __keyfobFocusSearch: () => void }).__keyfobFocusSearch(),
      );
    },
    pressKeys: (accelerator) => {
      const press = suspended ? undefined : held.get(accelerator);
      press?.();
      return press !== undefined;
    },
    shortcutsSuspended: () => suspended,
    paletteDismissed: () => paletteDismissed,
    screenshot: async (name) => {
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
    },
    close: async () => {
      ticker?.stop();
      services.close();
      await context.close();
      server.close();
      const keychain = new KeytarKeychain({ service });
      for (const item of await keychain.list()) await keychain.delete(item.account);
    },
  };
}
