/**
 * What main does for the window, without Electron: the services of main/services.ts, the handler map of
 * main/ipc/ wired as main/app/main.ts wires it, and the built renderer served on loopback with a bridge that
 * defines `window.keyfob` exactly as preload/index.ts does. Requests go over HTTP (POST /rpc/<channel>) and
 * pushes come back as Server-Sent Events, so an ordinary browser gets the whole app: the end-to-end tests drive
 * it with Playwright, and `npm run preview` hands its address to a person.
 *
 * The server is guarded as a local web server holding secrets must be: it listens on 127.0.0.1 only, refuses a
 * Host header other than its own address (DNS rebinding), and refuses every request without the per-run token,
 * which the printed address carries once and a cookie carries after that.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { CHANNELS, EVENTS, type CodeBatch, type EventPayloads } from '../../preload/api';
import { CodeClipboard, type ClipboardText, type Timers } from '../../main/app/clipboard';
import { describeLink, PendingLinks } from '../../main/app/protocol';
import { shortcutStatus, Shortcuts, wantedShortcuts, type ShortcutState } from '../../main/app/shortcut';
import type { EngineOptions } from '../../main/cognito/engine';
import { accountView, createHandlers, type ConfirmRequest, type Handlers } from '../../main/ipc';
import { OffThreadQr } from '../../main/qr/off-thread';
import { createServices, type Services } from '../../main/services';
import type { Settings } from '../../main/settings';
import { startTicker } from '../../main/ticker';
import type { Keychain } from '../../main/vault/keychain';
import { KeytarKeychain } from '../../main/vault/keytar-keychain';
import type { Vault } from '../../main/vault/vault';

export const RENDERER = resolve(__dirname, '../../dist/renderer');
const BRIDGE_PATH = '/keyfob-bridge.js';
const RPC_PREFIX = '/rpc/';
const EVENTS_PATH = '/events';
/** The largest request body: an image to scan (the handlers bound its pixels) in base64, with room to spare. */
const MAX_BODY = 64 * 1024 * 1024;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export type Frame = { width: number; height: number; data: Uint8Array };

export interface HostOptions {
  /** The data folder; a new temporary one by default. */
  home?: string;
  /** The keychain service name; a unique throw-away one by default. */
  service?: string;
  /** Another keychain than keytar under `service` (the renderer benchmark uses memory). */
  keychain?: Keychain;
  /** Cognito engine options (a test's clock, sleep). */
  engine?: Partial<EngineOptions>;
  /** Push code batches every second once the page is ready, as the app does (default). */
  tick?: boolean;
  /** Key combinations "another application" holds, so registering them fails as it would in Electron. */
  shortcutsTaken?: string[];
  /**
   * What the person answers main's own (native) question before a key is shown or exported; default yes. A
   * function answers when its promise settles, as a person who takes their time.
   */
  mainConfirms?: boolean | (() => Promise<boolean>);
  /** What Scan screen sees; without it the window is told screen capture is unavailable. */
  captureScreen?: () => Promise<Frame[]>;
  /**
   * What the person does in main's save dialog (the encrypted backup): `save` (default) takes the suggested name
   * in a folder of the data folder (`exports/`), `cancel` closes the dialog.
   */
  saveDialog?: 'save' | 'cancel';
  /** Another build of the renderer than dist/renderer (the pseudo-locale's). */
  renderer?: string;
  /** 0 (default) takes a free port. */
  port?: number;
  version?: string;
  hostName?: string;
  /**
   * Told of each code main puts on the clipboard, with when it stops being valid (Infinity for a sign-in's token,
   * which the clipboard clears after its timeout).
   */
  onCopy?: (code: string, validUntil: number) => void;
  /**
   * What stands in for the system clipboard: main's CodeClipboard (main/app/clipboard.ts) writes to it and clears
   * it, as in the app. An in-memory one by default; a test passes its own to read it.
   */
  clipboard?: ClipboardText;
  /** The timers that clear the clipboard; a test passes ones it runs by hand. */
  clipboardTimers?: Timers;
}

export interface Host {
  /** The address to open: it carries the token once, which the server then keeps in a cookie. */
  url: string;
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  port: number;
  token: string;
  /** Every push sent to the page, as sent: a test can check that no key ever went over the wire unasked. */
  pushed: string[];
  /** What main/services.ts built: the same objects the app builds. */
  services: Services;
  vault: Vault;
  handlers: Handlers;
  /** The data folder and keychain service: a CLI run with these sees the same vault. */
  home: string;
  service: string;
  /** Codes (and tokens) main put on the clipboard, with when they stop being valid. */
  copied: Array<{ code: string; validUntil: number }>;
  /** The clipboard stand-in: what main's clipboard wrote there and has not cleared yet. */
  clipboard: ClipboardText;
  /** What main asked the person itself (its native dialog in the app) before a key left the vault. */
  asked: ConfirmRequest[];
  /** The paths main's save dialog stand-in gave, in order (the files main then wrote there). */
  saved: string[];
  /** Pushes an event to every open page, as main's webContents.send does. */
  push<K extends keyof EventPayloads>(event: K, payload: EventPayloads[K]): void;
  /** Hands links to the app, as a browser or another app would. */
  openLinks(links: string[]): void;
  /** What main does when the global shortcut is pressed. */
  pressShortcut(): void;
  /** Presses a key combination "anywhere": true when a registered shortcut took it (none does while suspended). */
  pressKeys(accelerator: string): boolean;
  shortcutsSuspended(): boolean;
  /** How many times the palette told main it closed. */
  paletteDismissed(): number;
  /** How many pages listen for pushes now. */
  listeners(): number;
  /** Stops the server, the ticker and the services, and deletes the service's keychain items (keytar's only). */
  close(): Promise<void>;
}

/**
 * Runs in the page, as a classic script before the renderer's module: the same `window.keyfob` as
 * preload/index.ts (one function per channel, `on…` subscriptions that return an unsubscribe), over fetch and
 * EventSource. Written against globalThis because this file compiles without the DOM library.
 */
const BRIDGE = (channels: Record<string, string>, events: Record<string, string>) => {
  const page = globalThis as unknown as {
    btoa(s: string): string;
    fetch(
      url: string,
      init: { method: string; headers: Record<string, string>; body: string },
    ): Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;
    EventSource: new (url: string) => {
      onopen: (() => void) | null;
      addEventListener(type: string, listener: (e: { data: string }) => void): void;
    };
  };
  const encode = (value: unknown): unknown =>
    value instanceof Uint8Array
      ? { __bytes: page.btoa(Array.from(value, (b) => String.fromCharCode(b)).join('')) }
      : Array.isArray(value)
        ? value.map(encode)
        : value && typeof value === 'object'
          ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)]))
          : value;
  const listeners: Record<string, Set<(payload: unknown) => void>> = {};
  const dispatch = (event: string, payload: unknown) => listeners[event]?.forEach((l) => l(payload));
  const source = new page.EventSource('./events');
  // Requests wait for the push channel: a push that follows a request (the codes after `ready`) then has a
  // listener to reach.
  const connected = new Promise<void>((done) => {
    source.onopen = () => done();
  });
  for (const event of Object.keys(events)) {
    listeners[event] = new Set();
    source.addEventListener(event, (e) => dispatch(event, JSON.parse(e.data)));
  }
  const api: Record<string, unknown> = {};
  for (const [name, channel] of Object.entries(channels)) {
    api[name] = async (...args: unknown[]) => {
      await connected;
      const response = await page.fetch(`./rpc/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(args.map(encode)),
      });
      if (!response.ok) throw new Error(`keyfob bridge: ${channel} answered ${response.status}`);
      return response.json();
    };
  }
  const subscribe = (event: string) => (listener: (payload: unknown) => void) => {
    listeners[event]?.add(listener);
    return () => void listeners[event]?.delete(listener);
  };
  api.onCodes = subscribe('codes');
  api.onFlow = subscribe('flow');
  api.onLinks = subscribe('links');
  api.onFocusSearch = (listener: () => void) => subscribe('focusSearch')(() => listener());
  api.onAccountsChanged = subscribe('accountsChanged');
  Object.defineProperty(globalThis, 'keyfob', { value: Object.freeze(api) });
  // For the tests and the benchmark: whether pushes reach this page yet, and a way to deliver one themselves
  // (a batch of codes at a chosen time).
  Object.defineProperty(globalThis, '__keyfobBridge', { value: Object.freeze({ dispatch, connected }) });
};

function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (typeof v.__bytes === 'string') return new Uint8Array(Buffer.from(v.__bytes, 'base64'));
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, decode(x)]));
  }
  return value;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startHost(options: HostOptions = {}): Promise<Host> {
  const home = options.home ?? mkdtempSync(join(tmpdir(), 'keyfob-host-'));
  const service = options.service ?? `keyfob-host-${process.pid}-${randomBytes(4).toString('hex')}`;
  const rendererRoot = options.renderer ?? RENDERER;
  const hostName = options.hostName ?? 'e2e-host';
  const services = createServices({
    dataDir: home,
    keychain: options.keychain ?? new KeytarKeychain({ service }),
    cacheSecrets: true,
    loadCognito: () => import('../../main/cognito/engine'),
    engine: { hostName: () => hostName, ...options.engine },
  });
  const { vault, profiles, settings: settingsStore } = services;
  const recovery = await services.recovery();
  const copied: Host['copied'] = [];
  const asked: ConfirmRequest[] = [];
  const saved: string[] = [];
  let clipboardText = '';
  const clipboard: ClipboardText = options.clipboard ?? {
    writeText: (text) => void (clipboardText = text),
    readText: () => clipboardText,
  };
  // As main/app/main.ts: what is copied is cleared again, after its expiry or Settings' timeout.
  const codeClipboard = new CodeClipboard({
    clipboard,
    clock: Date,
    timers: options.clipboardTimers ?? {
      setTimeout: (run, ms) => setTimeout(run, ms).unref(),
      clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    },
  });

  // The pages listening for pushes (EventSource responses), as main's webContents.
  const clients = new Set<ServerResponse>();
  const pushed: string[] = [];
  const push = <K extends keyof EventPayloads>(event: K, payload: EventPayloads[K]) => {
    const message = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    pushed.push(message);
    for (const client of clients) client.write(message);
  };
  // Links handed to the app, held as main/app/main.ts holds them, delivered to the page when it is ready.
  const links = new PendingLinks({ deliver: (pending) => push('links', pending.map(describeLink)) });
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
  const openPalette = () => push('focusSearch', null);
  const applySettings = (settings: Settings) => {
    codeClipboard.configure({
      mode: settings.clipboardClear,
      timeoutMs: settings.clipboardTimeoutSeconds * 1000,
    });
    shortcutStates = shortcuts.apply(
      wantedShortcuts(settings, { openPalette, copy: (id) => void handlers.copyCode(id) }),
    );
    return shortcutStatus(shortcutStates);
  };
  applySettings(await settingsStore.get());

  let ticker: ReturnType<typeof startTicker> | undefined;
  // A page (re)loaded says ready again: its codes start then, as the app's outbox waits for it.
  const startCodes = () => {
    ticker?.stop();
    if (options.tick === false) return;
    ticker = startTicker({
      vault,
      send: (batch: CodeBatch) => push('codes', batch),
      onError: () => undefined,
    });
  };
  const handlers = createHandlers({
    vault,
    version: options.version ?? '0.0.0-test',
    hostName,
    platform: 'linux',
    clipboard: {
      copy: (code, validUntil) => {
        copied.push({ code, validUntil });
        options.onCopy?.(code, validUntil);
        return codeClipboard.copy(code, validUntil);
      },
      keep: (text) => codeClipboard.keep(text),
    },
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
      const answer = options.mainConfirms ?? true;
      return typeof answer === 'function' ? answer() : answer;
    },
    // The save dialog's stand-in: the suggested name in a folder of the data folder, recorded for the test.
    saveFile: async (suggested) => {
      if (options.saveDialog === 'cancel') return undefined;
      const folder = join(home, 'exports');
      mkdirSync(folder, { recursive: true, mode: 0o700 });
      const path = join(folder, suggested);
      saved.push(path);
      return path;
    },
    shortcuts,
    ...(options.captureScreen ? { screen: { capture: options.captureScreen } } : {}),
    accounts: services.accounts,
    cognito: {
      profiles,
      engine: () => services.cognitoEngine(),
      emitFlow: (event) => push('flow', event),
    },
  });
  // As main/app/main.ts: every change of the accounts (here, or by the CLI in another process) is pushed.
  vault.onChanged((accounts) => push('accountsChanged', accounts.map(accountView)));

  const byChannel = new Map<string, (...args: unknown[]) => Promise<unknown>>(
    Object.entries(CHANNELS).map(([name, channel]) => [
      channel,
      (handlers as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[name]!,
    ]),
  );
  // As source text with a no-op __name: tsx compiles functions with esbuild's keepNames, whose __name helper
  // does not exist in the page.
  const bridge = `globalThis.__name ??= (f) => f;\n(${BRIDGE.toString()})(${JSON.stringify(CHANNELS)}, ${JSON.stringify(EVENTS)});\n`;

  const token = randomBytes(24).toString('base64url');
  const server: Server = createServer();
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => done());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const origin = `http://127.0.0.1:${port}`;
  // Cookies are per host, not per port: a second preview must not take this one's.
  const cookie = `keyfob_token_${port}`;
  const allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  const index = (host: string) => {
    const html = readFileSync(join(rendererRoot, 'index.html'), 'utf8');
    // The app's policy forbids every connection; the bridge needs exactly its two, and nothing else.
    const connect = `connect-src http://${host}${RPC_PREFIX} http://${host}${EVENTS_PATH}`;
    if (!html.includes("connect-src 'none'")) throw new Error('index.html: no connect-src to widen');
    return html
      .replace("connect-src 'none'", connect)
      .replace('</head>', `  <script src=".${BRIDGE_PATH}"></script>\n  </head>`);
  };

  const serveFile = (res: ServerResponse, path: string) => {
    const file = join(rendererRoot, path);
    if (!file.startsWith(rendererRoot + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  };

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const host = req.headers.host ?? '';
      if (!allowedHosts.has(host)) {
        res.writeHead(403, { 'content-type': 'text/plain' }).end('Host refused\n');
        return;
      }
      const url = new URL(req.url ?? '/', `http://${host}`);
      const given = url.searchParams.get('token');
      // The address with the token: keep it in a cookie and drop it from the address bar.
      if (given !== null && sameSecret(given, token) && req.method === 'GET') {
        res
          .writeHead(303, {
            location: url.pathname,
            'set-cookie': `${cookie}=${token}; Path=/; HttpOnly; SameSite=Strict`,
          })
          .end();
        return;
      }
      const presented = req.headers['x-keyfob-token'] ?? cookieValue(req.headers.cookie, cookie);
      if (typeof presented !== 'string' || !sameSecret(presented, token)) {
        res.writeHead(403, { 'content-type': 'text/plain' }).end('Token missing or wrong\n');
        return;
      }
      // A page of another origin cannot carry the SameSite cookie; refuse its header-borne attempts too.
      const from = req.headers.origin;
      if (from !== undefined && from !== `http://${host}`) {
        res.writeHead(403, { 'content-type': 'text/plain' }).end('Origin refused\n');
        return;
      }
      const path = normalize(decodeURIComponent(url.pathname));
      if (req.method === 'POST' && path.startsWith(RPC_PREFIX)) {
        const handler = byChannel.get(path.slice(RPC_PREFIX.length));
        if (!handler) {
          res.writeHead(404).end();
          return;
        }
        let args: unknown;
        try {
          args = decode(JSON.parse(await readBody(req)));
        } catch {
          res.writeHead(400).end();
          return;
        }
        if (!Array.isArray(args)) {
          res.writeHead(400).end();
          return;
        }
        const result = await handler(...(args as unknown[]));
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
        return;
      }
      if (req.method !== 'GET') {
        res.writeHead(405).end();
        return;
      }
      if (path === EVENTS_PATH) {
        res.writeHead(200, {
          'content-type': 'text/event-stream',
          'cache-control': 'no-store',
          connection: 'keep-alive',
        });
        res.write('retry: 1000\n\n');
        clients.add(res);
        req.on('close', () => clients.delete(res));
        return;
      }
      if (path === BRIDGE_PATH) {
        res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' }).end(bridge);
        return;
      }
      if (path === '/' || path === '/index.html') {
        res.writeHead(200, { 'content-type': TYPES['.html']!, 'cache-control': 'no-store' }).end(index(host));
        return;
      }
      // Browsers ask for it unprompted; the app has none to give, and a 404 would be noise in every console.
      if (path === '/favicon.ico') {
        res.writeHead(204).end();
        return;
      }
      serveFile(res, path);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });

  let closed = false;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    pushed,
    services,
    vault,
    handlers,
    home,
    service,
    copied,
    clipboard,
    asked,
    saved,
    push,
    openLinks: (l) => links.add(l),
    pressShortcut: openPalette,
    pressKeys: (accelerator) => {
      const press = suspended ? undefined : held.get(accelerator);
      press?.();
      return press !== undefined;
    },
    shortcutsSuspended: () => suspended,
    paletteDismissed: () => paletteDismissed,
    listeners: () => clients.size,
    close: async () => {
      if (closed) return;
      closed = true;
      ticker?.stop();
      // A copy still waiting to be cleared is cleared now, as the app does on quit.
      await codeClipboard.dispose();
      services.close();
      for (const client of clients) client.end();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      // Only the keychain items this host made: another keychain (the bench's memory one) goes with the process.
      if (options.keychain) return;
      const keychain = new KeytarKeychain({ service });
      for (const item of await keychain.list()) await keychain.delete(item.account);
    },
  };
}
