import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../preload/api';

/** Just enough of Electron for the composition root, recording what it is asked to do. */
const fake = vi.hoisted(() => {
  const state = {
    lock: true,
    appListeners: new Map<string, Array<(...args: unknown[]) => void>>(),
    windows: [] as Array<FakeWindow>,
    ipc: new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>(),
    clipboardText: '',
    themeListeners: [] as Array<() => void>,
    services: undefined as undefined | Record<string, unknown>,
    handlers: undefined as undefined | Record<string, (...args: unknown[]) => unknown>,
    accounts: [] as Array<{ id: string; issuer: string; label: string; type: string; status: string }>,
    /** What the native question answers (0 Cancel, 1 yes), and what it was asked. */
    dialogResponse: 0,
    dialogs: [] as Array<{ parent: unknown; options: Record<string, unknown> }>,
    /** The save dialog: the path it gives (undefined: closed), and what it was asked. */
    savePath: undefined as string | undefined,
    saveDialogs: [] as Array<{ parent: unknown; options: Record<string, unknown> }>,
    errorBoxes: [] as Array<[string, string]>,
    schemes: [] as unknown[],
    handled: new Map<string, (request: Request) => Promise<Response>>(),
    /** Who listens to the vault's "changed". */
    changed: new Set<(accounts: unknown[]) => void>(),
  };

  class FakeEmitter {
    listeners = new Map<string, Array<(...args: unknown[]) => void>>();
    on(event: string, listener: (...args: unknown[]) => void) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
      return this;
    }
    once(event: string, listener: (...args: unknown[]) => void) {
      return this.on(event, listener);
    }
    emit(event: string, ...args: unknown[]) {
      for (const listener of this.listeners.get(event) ?? []) listener(...args);
    }
  }

  let nextId = 10;
  class FakeContents extends FakeEmitter {
    id = nextId++;
    mainFrame = { url: '', processId: 1, routingId: this.id };
    destroyed = false;
    sent: Array<[string, unknown]> = [];
    isDestroyed() {
      return this.destroyed;
    }
    send(channel: string, payload: unknown) {
      this.sent.push([channel, payload]);
    }
  }

  class FakeWindow extends FakeEmitter {
    webContents = new FakeContents();
    loaded: string[] = [];
    calls: string[] = [];
    background: string | undefined;
    constructor(readonly options: Record<string, unknown>) {
      super();
      state.windows.push(this);
    }
    loadURL(url: string) {
      this.loaded.push(url);
      this.webContents.mainFrame.url = url;
      return Promise.resolve();
    }
    isDestroyed() {
      return false;
    }
    minimized = true;
    focused = false;
    isMinimized() {
      return this.minimized;
    }
    visible = true;
    isVisible() {
      return this.visible;
    }
    hide() {
      this.visible = false;
      this.calls.push('hide');
    }
    isFocused() {
      return this.focused;
    }
    minimize() {
      this.calls.push('minimize');
    }
    restore() {
      this.calls.push('restore');
    }
    focus() {
      this.calls.push('focus');
    }
    show() {
      this.visible = true;
      this.calls.push('show');
    }
    setBackgroundColor(color: string) {
      this.background = color;
    }
  }

  const app = {
    setPath: vi.fn(),
    enableSandbox: vi.fn(),
    requestSingleInstanceLock: vi.fn(() => state.lock),
    quit: vi.fn(),
    exit: vi.fn(),
    setLoginItemSettings: vi.fn(),
    isPackaged: false,
    getVersion: () => '9.9.9',
    getLocale: () => 'de-DE',
    getAppPath: () => '/opt/keyfob',
    getPath: (name: string) => `/home/ada/${name}`,
    setAboutPanelOptions: vi.fn(),
    hide: vi.fn(),
    commandLine: { appendSwitch: vi.fn(), hasSwitch: vi.fn((_name: string) => false) },
    isReady: () => true,
    whenReady: () => Promise.resolve(),
    setAsDefaultProtocolClient: vi.fn(() => true),
    on: (event: string, listener: (...args: unknown[]) => void) => {
      state.appListeners.set(event, [...(state.appListeners.get(event) ?? []), listener]);
      return app;
    },
  };
  const session = {
    defaultSession: {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
    },
  };
  // A fresh one per test (see beforeEach): an earlier test's app may still be applying its settings, and must
  // not register into this test's.
  function shortcutRegistry() {
    return {
      held: new Map<string, () => void>(),
      /** Accelerators another application holds. */
      taken: new Set<string>(),
      register(accelerator: string, callback: () => void) {
        if (this.taken.has(accelerator)) return false;
        this.held.set(accelerator, callback);
        return true;
      },
      unregister(accelerator: string) {
        this.held.delete(accelerator);
      },
      isRegistered(accelerator: string) {
        return this.held.has(accelerator);
      },
    };
  }
  const electron = {
    app,
    session,
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => void state.schemes.push(...schemes),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) =>
        void state.handled.set(scheme, handler),
    },
    dialog: {
      showMessageBox: async (...args: unknown[]) => {
        const [parent, options] = args.length === 2 ? args : [undefined, args[0]];
        state.dialogs.push({ parent, options: options as Record<string, unknown> });
        return { response: state.dialogResponse, checkboxChecked: false };
      },
      showSaveDialog: async (...args: unknown[]) => {
        const [parent, options] = args.length === 2 ? args : [undefined, args[0]];
        state.saveDialogs.push({ parent, options: options as Record<string, unknown> });
        return { canceled: state.savePath === undefined, filePath: state.savePath ?? '' };
      },
      showErrorBox: (title: string, text: string) => void state.errorBoxes.push([title, text]),
    },
    BrowserWindow: FakeWindow,
    clipboard: {
      writeText: async (text: string) => void (state.clipboardText = text),
      readText: async () => state.clipboardText,
    },
    nativeTheme: {
      shouldUseDarkColors: false,
      on: (_event: string, listener: () => void) => void state.themeListeners.push(listener),
    },
    shell: { openExternal: vi.fn(async () => {}) },
    Notification: class {
      static shown: Array<{ title: string; body: string }> = [];
      static isSupported = () => true;
      constructor(readonly options: { title: string; body: string }) {}
      show() {
        electron.Notification.shown.push(this.options);
      }
    },
    globalShortcut: shortcutRegistry(),
    Menu: {
      buildFromTemplate: (template: unknown[]) => ({ template }),
      setApplicationMenu: vi.fn(),
    },
    nativeImage: { createFromPath: (path: string) => ({ path }) },
    Tray: class {
      static last: { menus: Array<{ template: Array<{ label?: string }> }>; icon: unknown } | undefined;
      menus: Array<{ template: Array<{ label?: string }> }> = [];
      constructor(readonly icon: unknown) {
        electron.Tray.last = this;
      }
      setToolTip() {}
      setContextMenu(menu: { template: Array<{ label?: string }> }) {
        this.menus.push(menu);
      }
    },
    ipcMain: {
      handle: (channel: string, listener: (event: unknown, ...args: unknown[]) => Promise<unknown>) => {
        if (state.ipc.has(channel)) throw new Error(`second handler for ${channel}`);
        state.ipc.set(channel, listener);
      },
      removeHandler: (channel: string) => void state.ipc.delete(channel),
    },
  };
  return { state, electron, FakeContents, shortcutRegistry };
});
type FakeWindow = InstanceType<(typeof fake)['electron']['BrowserWindow']>;

vi.mock('electron', () => fake.electron);
vi.mock('../../main/vault', () => ({ KeytarKeychain: class {} }));
// The services as main/services.ts builds them, with a vault that has what each test puts in fake.state.
vi.mock('../../main/services', async () => {
  const { SettingsStore } = await import('../../main/settings');
  return {
    createServices: (options: { dataDir: string }) => ({
      vault: {
        fake: 'vault',
        list: async () => fake.state.accounts,
        // Accounts deleted in the window, waiting for their Undo: none here.
        hiddenIds: async () => [],
        get: async () => ({ issuer: 'Example', label: 'alice' }),
        onChanged: (listener: (accounts: unknown[]) => void) => {
          fake.state.changed.add(listener);
          return () => fake.state.changed.delete(listener);
        },
      },
      recovery: async () => ({ orphans: [], missingSecret: [] }),
      profiles: {},
      settings: new SettingsStore(options.dataDir),
      accounts: {},
      cognitoEngine: async () => {
        throw new Error('not used here');
      },
      close: () => fake.state.changed.clear(),
    }),
  };
});
// The ticker is tested on its own; here only that the app starts one that pushes codes to the window.
const tickers: Array<{ send: (batch: unknown) => void }> = [];
vi.mock('../../main/ticker', () => ({
  startTicker: (options: { send: (batch: unknown) => void }) => {
    tickers.push(options);
    return { stop: () => undefined, tick: async () => undefined };
  },
}));
vi.mock('../../main/ipc', () => ({
  createHandlers: (services: Record<string, unknown>) => {
    fake.state.services = services;
    return (fake.state.handlers = Object.fromEntries(
      Object.keys(CHANNELS).map((name) => [
        name,
        vi.fn(async () =>
          name === 'copyCode'
            ? { ok: true, value: { code: '246810', next: true } }
            : { ok: true, value: name },
        ),
      ]),
    ));
  },
}));

const SECRET = 'JBSWY3DPEHPK3PXP';
const LINK = `otpauth://totp/Example:alice?secret=${SECRET}&issuer=Example`;
const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'main', 'app');
const RENDERER = 'app://keyfob/index.html';

const originalArgv = process.argv;
const originalHome = process.env.KEYFOB_HOME;

async function start(options: { lock?: boolean; argv?: string[] } = {}) {
  fake.state.lock = options.lock ?? true;
  process.argv = options.argv ?? ['/opt/Keyfob/keyfob'];
  vi.resetModules();
  await import('../../main/app/main');
  // whenReady().then(...) has run once the microtask queue drains.
  await new Promise((resolve) => setImmediate(resolve));
}

function emitApp(event: string, ...args: unknown[]) {
  const listeners = fake.state.appListeners.get(event) ?? [];
  if (listeners.length === 0) throw new Error(`nothing listens to app '${event}'`);
  for (const listener of listeners) listener(...args);
}

function theWindow(): FakeWindow {
  expect(fake.state.windows).toHaveLength(1);
  return fake.state.windows[0]!;
}

function trustedEvent(window: FakeWindow) {
  return { sender: { id: window.webContents.id }, senderFrame: { ...window.webContents.mainFrame } };
}

function rendererSaysReady() {
  const onReady = fake.state.services?.onReady;
  expect(onReady).toEqual(expect.any(Function));
  (onReady as () => void)();
}

function preventable() {
  let prevented = false;
  return {
    event: { preventDefault: () => (prevented = true) },
    prevented: () => prevented,
  };
}

beforeEach(() => {
  // settings.json is read from here: a fresh folder each test, so no earlier run's choices leak in.
  process.env.KEYFOB_HOME = mkdtempSync(join(tmpdir(), 'keyfob-app-main-'));
  fake.state.appListeners.clear();
  fake.state.windows.length = 0;
  fake.state.ipc.clear();
  fake.state.themeListeners.length = 0;
  fake.state.clipboardText = '';
  fake.state.services = undefined;
  fake.state.accounts = [];
  fake.state.dialogResponse = 0;
  fake.state.dialogs.length = 0;
  fake.state.savePath = undefined;
  fake.state.saveDialogs.length = 0;
  fake.state.errorBoxes.length = 0;
  fake.state.schemes.length = 0;
  fake.state.handled.clear();
  fake.electron.app.isPackaged = false;
  fake.state.changed.clear();
  fake.electron.globalShortcut = fake.shortcutRegistry();
  fake.electron.Notification.shown.length = 0;
  vi.clearAllMocks();
});
afterEach(() => {
  process.argv = originalArgv;
  if (originalHome === undefined) delete process.env.KEYFOB_HOME;
  else process.env.KEYFOB_HOME = originalHome;
  vi.restoreAllMocks();
});

describe('main.ts', () => {
  it('pins userData to the shared data directory and sandboxes every renderer', async () => {
    await start();
    expect(fake.electron.app.setPath).toHaveBeenCalledWith('userData', process.env.KEYFOB_HOME);
    if (process.platform === 'linux') {
      // Screen capture on Wayland goes through the portal and PipeWire only with this feature.
      expect(fake.electron.app.commandLine.appendSwitch).toHaveBeenCalledWith(
        'enable-features',
        'WebRTCPipeWireCapturer,GlobalShortcutsPortal',
      );
    }
    expect(fake.electron.app.enableSandbox).toHaveBeenCalled();
  });

  it('quits at once as a second instance, without a window or handlers', async () => {
    await start({ lock: false });
    expect(fake.electron.app.quit).toHaveBeenCalled();
    expect(fake.state.windows).toHaveLength(0);
    expect(fake.state.ipc.size).toBe(0);
    expect(fake.state.appListeners.has('second-instance')).toBe(false);
  });

  it('opens one hardened window on our renderer page, shown when ready to show', async () => {
    await start();
    const window = theWindow();
    expect(window.loaded).toEqual([RENDERER]);
    expect(window.options.show).toBe(false);
    expect(window.options.webPreferences).toMatchObject({
      preload: join(APP_DIR, '..', 'preload', 'index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    window.emit('ready-to-show');
    expect(window.calls).toContain('show');
  });

  it('serves the page from app://keyfob/ through a privileged, secure scheme, never file://', async () => {
    await start();
    expect(fake.state.schemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    const handler = fake.state.handled.get('app');
    expect(handler).toEqual(expect.any(Function));
    expect(theWindow().loaded).toEqual(['app://keyfob/index.html']);
    // The handler serves the built renderer's folder: dist/renderer beside dist/app.
    const root = join(APP_DIR, '..', 'renderer');
    const seen: string[] = [];
    const { createAppProtocolHandler } = await import('../../main/app/scheme');
    const probe = createAppProtocolHandler({
      root,
      readFile: async (path) => {
        seen.push(path);
        return new Uint8Array();
      },
    });
    await probe(new Request('app://keyfob/index.html'));
    expect(seen).toEqual([join(root, 'index.html')]);
  });

  it('has DevTools in a development run only', async () => {
    await start();
    expect(theWindow().options.webPreferences).toMatchObject({ devTools: true });
    fake.state.windows.length = 0;
    fake.electron.app.isPackaged = true;
    await start();
    expect(theWindow().options.webPreferences).toMatchObject({ devTools: false });
  });

  it.each([
    ['--remote-debugging-port=9222'],
    ['--remote-debugging-pipe'],
    ['--inspect'],
    ['--inspect-brk=9229'],
    ['-remote-debugging-port=9222'],
  ])('refuses to start packaged with %s, before any window, saying why', async (flag) => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    fake.electron.app.isPackaged = true;
    await start({ argv: ['/opt/Keyfob/keyfob', flag] });
    expect(fake.electron.app.exit).toHaveBeenCalledWith(1);
    expect(fake.state.windows).toHaveLength(0);
    expect(fake.state.ipc.size).toBe(0);
    expect(fake.electron.app.requestSingleInstanceLock).not.toHaveBeenCalled();
    const name = flag.split('=')[0]!;
    // In the system's language (the fake says de-DE), on stderr and in an error box.
    expect(String(error.mock.calls[0]?.[0])).toContain(`Keyfob startet nicht mit ${name}`);
    expect(fake.state.errorBoxes).toEqual([['Keyfob', expect.stringContaining(name)]]);
  });

  it('refuses a debugging switch Chromium was given some other way, and allows them unpackaged', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    fake.electron.app.isPackaged = true;
    fake.electron.app.commandLine.hasSwitch.mockImplementation(
      (name: string) => name === 'remote-debugging-pipe',
    );
    await start();
    expect(fake.electron.app.exit).toHaveBeenCalledWith(1);
    expect(fake.state.windows).toHaveLength(0);
    fake.electron.app.isPackaged = false;
    vi.mocked(fake.electron.app.exit).mockClear();
    await start({ argv: ['/opt/Keyfob/keyfob', '--remote-debugging-port=9222'] });
    expect(fake.electron.app.exit).not.toHaveBeenCalled();
    expect(fake.state.windows).toHaveLength(1);
    fake.electron.app.commandLine.hasSwitch.mockImplementation(() => false);
  });

  it('asks where the encrypted backup goes in a native save dialog on the window, in the tray’s language', async () => {
    await start();
    const window = theWindow();
    const saveFile = fake.state.services?.saveFile as (suggested: string) => Promise<string | undefined>;
    expect(await saveFile('keyfob-backup-2026-12-05.json')).toBeUndefined();
    fake.state.savePath = '/home/ada/Backups/keys.json';
    expect(await saveFile('keyfob-backup-2026-12-05.json')).toBe('/home/ada/Backups/keys.json');
    expect(fake.state.saveDialogs).toHaveLength(2);
    expect(fake.state.saveDialogs[0]!.parent).toBe(window);
    expect(fake.state.saveDialogs[0]!.options).toEqual({
      title: 'Verschlüsselte Sicherung speichern',
      defaultPath: join('/home/ada/documents', 'keyfob-backup-2026-12-05.json'),
      filters: [{ name: 'Verschlüsselte Sicherung (Aegis)', extensions: ['json'] }],
    });
  });

  it('asks in a native dialog on the window before a key is shown or exported', async () => {
    await start();
    const window = theWindow();
    const confirm = fake.state.services?.confirm as (r: unknown) => Promise<boolean>;
    expect(await confirm({ kind: 'reveal', account: 'Example (alice)' })).toBe(false);
    fake.state.dialogResponse = 1;
    expect(await confirm({ kind: 'export', count: 3 })).toBe(true);
    expect(fake.state.dialogs).toHaveLength(2);
    expect(fake.state.dialogs[0]!.parent).toBe(window);
    // The tray's language: the fake system says de-DE.
    expect(fake.state.dialogs[0]!.options).toMatchObject({
      message: 'Den Schlüssel von Example (alice) zeigen?',
      buttons: ['Abbrechen', 'Schlüssel zeigen'],
      defaultId: 0,
      cancelId: 0,
    });
    expect(fake.state.dialogs[1]!.options).toMatchObject({
      message: 'Die Schlüssel von 3 Konten exportieren?',
      buttons: ['Abbrechen', 'Exportieren'],
    });
  });

  it('registers every channel of the contract behind the sender check', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await start();
    expect([...fake.state.ipc.keys()].sort()).toEqual(Object.values(CHANNELS).sort());
    expect(fake.state.services).toMatchObject({ vault: { fake: 'vault' }, version: '9.9.9' });
    const window = theWindow();
    const listener = fake.state.ipc.get(CHANNELS.appInfo)!;
    await expect(listener(trustedEvent(window))).resolves.toEqual({ ok: true, value: 'appInfo' });
    const stranger = { sender: { id: 999 }, senderFrame: { ...window.webContents.mainFrame } };
    await expect(listener(stranger)).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const elsewhere = {
      ...trustedEvent(window),
      senderFrame: { ...window.webContents.mainFrame, url: 'https://x.example/' },
    };
    await expect(listener(elsewhere)).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('installs the permission policy: camera for our window only, no devices', async () => {
    await start();
    const window = theWindow();
    const session = fake.electron.session.defaultSession;
    const request: (...args: unknown[]) => void = session.setPermissionRequestHandler.mock.calls[0]![0];
    const answers: boolean[] = [];
    const details = { requestingUrl: RENDERER, isMainFrame: true, mediaTypes: ['video'] };
    request(window.webContents, 'media', (granted: boolean) => answers.push(granted), details);
    request({ id: 12345 }, 'media', (granted: boolean) => answers.push(granted), details);
    request(window.webContents, 'notifications', (granted: boolean) => answers.push(granted), details);
    expect(answers).toEqual([true, false, false]);
    const check: (...args: unknown[]) => boolean = session.setPermissionCheckHandler.mock.calls[0]![0];
    expect(
      check(window.webContents, 'media', 'file://', {
        requestingUrl: RENDERER,
        isMainFrame: true,
        mediaType: 'video',
      }),
    ).toBe(true);
    expect(
      check(window.webContents, 'geolocation', 'file://', { requestingUrl: RENDERER, isMainFrame: true }),
    ).toBe(false);
    const device: () => boolean = session.setDevicePermissionHandler.mock.calls[0]![0];
    expect(device()).toBe(false);
  });

  it('hardens every web contents that is created', async () => {
    await start();
    let openHandler: ((d: { url: string }) => unknown) | undefined;
    const contents = new fake.FakeContents() as InstanceType<typeof fake.FakeContents> & {
      setWindowOpenHandler: (h: (d: { url: string }) => unknown) => void;
    };
    contents.setWindowOpenHandler = (h) => (openHandler = h);
    emitApp('web-contents-created', {}, contents);
    expect(openHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    const away = preventable();
    contents.emit('will-navigate', { ...away.event, url: 'https://example.com/' });
    expect(away.prevented()).toBe(true);
    const home = preventable();
    contents.emit('will-navigate', { ...home.event, url: RENDERER });
    expect(home.prevented()).toBe(false);
  });

  it('registers both link schemes', async () => {
    await start();
    const schemes = fake.electron.app.setAsDefaultProtocolClient.mock.calls.map((call: unknown[]) => call[0]);
    expect(schemes).toEqual(['otpauth', 'otpauth-migration']);
  });

  it('on a second instance, focuses the window and queues its links until the renderer is ready', async () => {
    await start();
    const window = theWindow();
    emitApp('second-instance', {}, ['/opt/Keyfob/keyfob', '--flag', LINK], '/home/alice', {});
    expect(window.calls).toEqual(['restore', 'focus']);
    expect(window.webContents.sent).toEqual([]);
    rendererSaysReady();
    expect(window.webContents.sent).toHaveLength(1);
    const [channel, payload] = window.webContents.sent[0]!;
    expect(channel).toBe('links:pending');
    expect(payload).toEqual([
      expect.objectContaining({
        kind: 'otpauth',
        accounts: [{ issuer: 'Example', label: 'alice', type: 'totp' }],
      }),
    ]);
    expect(JSON.stringify(payload)).not.toContain(SECRET);
  });

  it('delivers a link from the first start, and one from macOS open-url', async () => {
    await start({ argv: ['/usr/lib/electron/electron', '.', LINK] });
    const window = theWindow();
    const open = preventable();
    emitApp('open-url', open.event, 'otpauth://totp/Other:bob?secret=GEZDGNBVGY3TQOJQ&issuer=Other');
    expect(open.prevented()).toBe(true);
    rendererSaysReady();
    const labels = window.webContents.sent.flatMap(([, payload]) =>
      (payload as Array<{ accounts: Array<{ label: string }> }>).flatMap((s) =>
        s.accounts.map((a) => a.label),
      ),
    );
    expect(labels).toEqual(['alice', 'bob']);
  });

  it('holds pushes again while the page reloads, until it says ready once more', async () => {
    await start();
    const window = theWindow();
    rendererSaysReady();
    window.webContents.emit('did-start-navigation', { isMainFrame: true, isSameDocument: false });
    emitApp('second-instance', {}, [LINK], '/', {});
    expect(window.webContents.sent).toEqual([]);
    rendererSaysReady();
    expect(window.webContents.sent.map(([channel]) => channel)).toEqual(['links:pending']);
  });

  it('keeps delivering across an in-page navigation', async () => {
    await start();
    const window = theWindow();
    rendererSaysReady();
    window.webContents.emit('did-start-navigation', { isMainFrame: true, isSameDocument: true });
    emitApp('second-instance', {}, [LINK], '/', {});
    expect(window.webContents.sent).toHaveLength(1);
  });

  it('pushes code batches to the window once it is ready, only the newest while it waits', async () => {
    tickers.length = 0;
    await start();
    const window = theWindow();
    expect(tickers).toHaveLength(1);
    tickers[0]!.send({ at: 1, codes: [] });
    tickers[0]!.send({ at: 2, codes: [] });
    expect(window.webContents.sent).toEqual([]);
    rendererSaysReady();
    expect(window.webContents.sent).toEqual([['codes:tick', { at: 2, codes: [] }]]);
    // The IPC layer also gets the waiting links, the QR decoder and the Cognito services.
    expect(Object.keys(fake.state.services ?? {})).toEqual(
      expect.arrayContaining(['links', 'qr', 'cognito', 'hostName']),
    );
  });

  it('sets the platform’s menu, an about window with versions, and a tray that lists the accounts', async () => {
    await start();
    expect(fake.electron.Menu.setApplicationMenu).toHaveBeenCalled();
    expect(fake.electron.app.setAboutPanelOptions).toHaveBeenCalledWith(
      expect.objectContaining({
        applicationVersion: '9.9.9',
        version: expect.stringMatching(/Electron .* Node/),
      }),
    );
    const tray = fake.electron.Tray.last!;
    expect(tray.icon).toEqual({ path: '/opt/keyfob/assets/icons/32x32.png' });
    await vi.waitFor(() => expect(tray.menus.length).toBeGreaterThan(0));
    // The vault here has no accounts; the German system language gives German labels.
    expect(tray.menus[0]!.template.map((i) => i.label)).toContain('Noch keine Konten');
  });

  it('follows the vault: a change made anywhere (the CLI) reaches the window and the tray, with no polling', async () => {
    await start();
    const window = theWindow();
    rendererSaysReady();
    const tray = fake.electron.Tray.last!;
    await vi.waitFor(() => expect(tray.menus.length).toBeGreaterThan(0));
    const menusBefore = tray.menus.length;
    expect(fake.state.changed.size).toBe(1);
    const account = {
      id: '3f5e1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b',
      issuer: 'Example',
      label: 'bob',
      type: 'totp',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 4,
      status: 'active',
    };
    fake.state.accounts = [account];
    for (const listener of fake.state.changed) listener([account]);
    const pushed = window.webContents.sent.filter(([channel]) => channel === 'accounts:changed');
    // The window gets the list as it shows it (no counter, nothing secret).
    expect(pushed).toEqual([
      [
        'accounts:changed',
        [
          {
            id: account.id,
            issuer: 'Example',
            label: 'bob',
            type: 'totp',
            algorithm: 'SHA1',
            digits: 6,
            period: 30,
            status: 'active',
          },
        ],
      ],
    ]);
    await vi.waitFor(() => expect(tray.menus.length).toBe(menusBefore + 1));
    expect(JSON.stringify(tray.menus.at(-1)!.template)).toContain('bob');
  });

  it('registers the global shortcut from the settings; pressing it asks the window for its search', async () => {
    await start();
    const window = theWindow();
    rendererSaysReady();
    await vi.waitFor(() => expect(fake.electron.globalShortcut.held.size).toBe(1));
    const [accelerator, press] = [...fake.electron.globalShortcut.held.entries()][0]!;
    expect(accelerator).toBe('CommandOrControl+Shift+K');
    press();
    expect(window.webContents.sent.map(([channel]) => channel)).toContain('app:focus-search');
  });

  it('sends the window back behind the app it came over when the palette closes, and only then', async () => {
    await start();
    const window = theWindow();
    rendererSaysReady();
    await vi.waitFor(() => expect(fake.electron.globalShortcut.held.size).toBe(1));
    const press = [...fake.electron.globalShortcut.held.values()][0]!;
    const palette = fake.state.services?.palette as { dismissed(): void };
    // Minimised (another application in front): the palette's end minimises it again.
    press();
    palette.dismissed();
    expect(window.calls.filter((c) => c === 'minimize')).toHaveLength(1);
    // Already in use: it stays.
    window.minimized = false;
    window.focused = true;
    press();
    palette.dismissed();
    expect(window.calls.filter((c) => c === 'minimize')).toHaveLength(1);
  });

  it('gives each account with a shortcut its own, which copies the code and says so without the code', async () => {
    const account = '0f5e1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b';
    const other = '1f5e1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b';
    writeFileSync(
      join(process.env.KEYFOB_HOME!, 'settings.json'),
      JSON.stringify({
        schema: 1,
        settings: { accountShortcuts: { [account]: 'Alt+Shift+1', [other]: 'Alt+Shift+2' } },
      }),
    );
    fake.electron.globalShortcut.taken.add('Alt+Shift+2');
    fake.state.accounts = [account, other].map((id) => ({
      id,
      issuer: 'Example',
      label: 'alice',
      type: 'totp',
      status: 'active',
    }));
    await start();
    await vi.waitFor(() => expect(fake.electron.globalShortcut.held.has('Alt+Shift+1')).toBe(true));
    const settings = fake.state.services?.settings as { status(): Record<string, unknown> };
    expect(settings.status()).toEqual({ shortcutTaken: false, accountShortcutsTaken: [other] });
    fake.electron.globalShortcut.held.get('Alt+Shift+1')!();
    expect(fake.state.handlers?.copyCode).toHaveBeenCalledWith(account);
    await vi.waitFor(() => expect(fake.electron.Notification.shown).toHaveLength(1));
    const shown = fake.electron.Notification.shown[0]!;
    // German system language; the name of the account, that the next code was taken, never the code.
    expect(shown.body).toContain('Code kopiert: Example · alice');
    expect(shown.body).toContain('nächste');
    expect(shown.body).not.toContain('246810');
  });

  it('frees the shortcut of an account that is gone (removed by the CLI, say) when it next lists them', async () => {
    const gone = '2f5e1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b';
    writeFileSync(
      join(process.env.KEYFOB_HOME!, 'settings.json'),
      JSON.stringify({ schema: 1, settings: { accountShortcuts: { [gone]: 'Alt+Shift+3' } } }),
    );
    await start();
    await vi.waitFor(() => expect(fake.electron.globalShortcut.held.has('Alt+Shift+3')).toBe(false));
    const settings = fake.state.services?.settings as {
      store: { get(): Promise<{ accountShortcuts: object }> };
    };
    await vi.waitFor(async () => expect((await settings.store.get()).accountShortcuts).toEqual({}));
  });

  it('gives the IPC layer a clipboard that clears its code before the app quits', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await start();
    const copier = fake.state.services?.clipboard as { copy(code: string, until: number): Promise<boolean> };
    await expect(copier.copy('123456', Date.now() + 30_000)).resolves.toBe(true);
    expect(fake.state.clipboardText).toBe('123456');
    const quit = preventable();
    emitApp('will-quit', quit.event);
    expect(quit.prevented()).toBe(true);
    await vi.waitFor(() => expect(fake.electron.app.quit).toHaveBeenCalled());
    expect(fake.state.clipboardText).toBe('');
    // Nothing left to clear: the second will-quit lets the app go.
    const again = preventable();
    emitApp('will-quit', again.event);
    expect(again.prevented()).toBe(false);
  });

  it('keeps running in the tray when the window is closed, shows it again when asked, and quits on Quit', async () => {
    await start();
    const window = theWindow();
    const close = preventable();
    window.emit('close', close.event);
    expect(close.prevented()).toBe(true);
    expect(window.calls).toContain('hide');
    expect(fake.electron.app.quit).not.toHaveBeenCalled();
    // Starting Keyfob again (or the tray's Show) brings the same window back.
    emitApp('second-instance', {}, ['/opt/Keyfob/keyfob'], '/', {});
    expect(window.visible).toBe(true);
    expect(fake.state.windows).toHaveLength(1);
    // Once quitting has begun the window really closes, and with it the app.
    emitApp('before-quit');
    const closing = preventable();
    window.emit('close', closing.event);
    expect(closing.prevented()).toBe(false);
    emitApp('window-all-closed');
    expect(fake.electron.app.quit).toHaveBeenCalled();
  });

  it('follows the system theme', async () => {
    await start();
    const window = theWindow();
    fake.electron.nativeTheme.shouldUseDarkColors = true;
    for (const listener of fake.state.themeListeners) listener();
    expect(window.background).toBe('#1f1f1f');
    fake.electron.nativeTheme.shouldUseDarkColors = false;
  });
});
