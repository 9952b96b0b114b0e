import {
  app,
  BrowserWindow,
  clipboard,
  desktopCapturer,
  dialog,
  globalShortcut,
  Menu,
  nativeImage,
  nativeTheme,
  Notification,
  protocol,
  screen as electronScreen,
  session,
  Tray,
} from 'electron';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { CHANNELS, EVENTS } from '../../preload/api';
import { createHandlers } from '../ipc';
import { accountView } from '../ipc/accounts';
import { OffThreadQr } from '../qr/off-thread';
import { createServices } from '../services';
import type { Settings } from '../settings';
import { startTicker } from '../ticker';
import { KeytarKeychain } from '../vault';
import { dataDirectory } from '../vault/paths';
import { CodeClipboard } from './clipboard';
import { isTrustedSender, registerHandlers, RendererOutbox } from './ipc-register';
import { DEBUGGING_SWITCHES, debuggingSwitch } from './launch-guard';
import { createPermissionPolicy } from './permissions';
import { describeLink, PendingLinks, registerProtocols } from './protocol';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler, RENDERER_URL } from './scheme';
import { captureDisplays } from './screen';
import { aboutOptions, appMenu, keyQuestion, menuLabels, trayMenu } from './menus';
import { PaletteReturn } from './palette';
import { shortcutStatus, Shortcuts, wantedShortcuts, type ShortcutState } from './shortcut';
import { backgroundColor, hardenContents, mainWindowOptions } from './window';

// The composition root: the only module with state, and the only one that wires Electron to the rest.

// The CLI computes the same folder without Electron; pinning userData to it keeps one vault for both.
app.setPath('userData', dataDirectory());
// Sandboxes every renderer, including one a future window might create without our options.
app.enableSandbox();
// On a Wayland desktop the screen can only be captured, and global shortcuts only registered, through the
// desktop portals; Chromium uses them only with these features on (on X11 they change nothing). One switch:
// a second enable-features would replace the first.
if (process.platform === 'linux')
  app.commandLine.appendSwitch('enable-features', 'WebRTCPipeWireCapturer,GlobalShortcutsPortal');
// Windows shows notifications (a code copied by an account's shortcut) only for an app with its own id.
if (process.platform === 'win32') app.setAppUserModelId('dev.keyfob.app');

// The page is served from app://keyfob/ (scheme.ts); a scheme's privileges can only be given before 'ready'.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

// A packaged Keyfob never runs with a debugging port, pipe or inspector open to other programs.
const debugging = app.isPackaged
  ? (debuggingSwitch(process.argv) ?? DEBUGGING_SWITCHES.find((name) => app.commandLine.hasSwitch(name)))
  : undefined;
if (debugging !== undefined) {
  const text = menuLabels(app.getLocale()).debuggingRefused(debugging);
  console.error(text);
  // Safe before 'ready' (on Linux it goes to stderr only); exit does not wait for windows, there are none.
  dialog.showErrorBox('Keyfob', text);
  app.exit(1);
} else if (!app.requestSingleInstanceLock()) {
  // The running instance gets this command line, links included, through 'second-instance'.
  app.quit();
} else {
  start();
}

function start(): void {
  const rendererUrl = RENDERER_URL;
  let window: BrowserWindow | undefined;
  const mainContents = () => (window !== undefined && !window.isDestroyed() ? window.webContents : undefined);

  const outbox = new RendererOutbox();
  const links = new PendingLinks({
    deliver: (pending) => {
      const contents = mainContents();
      if (contents !== undefined) outbox.sendToRenderer(contents, EVENTS.links, pending.map(describeLink));
    },
  });
  const rendererReady = (): void => {
    outbox.markReady();
    links.markReady();
  };
  // The quick-search shortcut brings the window up with its palette open: type, Enter copies.
  const paletteReturn = new PaletteReturn(process.platform, () => app.hide());
  let shortcuts: Shortcuts | undefined;
  const rendererGone = (): void => {
    outbox.markNotReady();
    links.markNotReady();
    paletteReturn.reset();
    shortcuts?.suspend(false);
  };
  const codeClipboard = new CodeClipboard({ clipboard, clock: Date, timers: { setTimeout, clearTimeout } });

  // On Windows and Linux a link that started us is on our own command line.
  links.add(process.argv);

  app.on('second-instance', (_event, argv) => {
    links.add(argv);
    showWindow();
  });
  // macOS delivers links here, possibly before 'ready', which is why this is registered at start.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    links.add([url]);
    showWindow();
  });
  // Every web contents, not only our window's, so nothing created later escapes the navigation rules.
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, { rendererUrl }));
  // Closing the window keeps Keyfob in the tray (menu bar), with its shortcuts; Quit (tray, menu, Cmd+Q) ends
  // it. The window is only really closed once quitting has begun.
  let quitting = false;
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('window-all-closed', () => app.quit());
  // macOS: clicking the Dock icon of a running Keyfob shows its window.
  app.on('activate', () => {
    if (!app.isReady()) return;
    if (window === undefined || window.isDestroyed()) createWindow();
    else showWindow();
  });
  // Quitting would drop the timer that clears a copied code, so the quit waits (briefly) for it to run now.
  app.on('will-quit', (event) => {
    if (!codeClipboard.pending) return;
    event.preventDefault();
    const limit = new Promise<void>((done) => setTimeout(done, 1_000));
    void Promise.race([codeClipboard.dispose(), limit]).finally(() => app.quit());
  });

  void app.whenReady().then(() => {
    protocol.handle(APP_SCHEME, createAppProtocolHandler({ root: join(__dirname, '..', 'renderer') }));
    let labels = menuLabels(app.getLocale());
    const policy = createPermissionPolicy({ rendererUrl, mainContents });
    session.defaultSession.setPermissionRequestHandler(policy.request);
    session.defaultSession.setPermissionCheckHandler(policy.check);
    session.defaultSession.setDevicePermissionHandler(policy.device);
    // Installers declare the link schemes (electron-builder.yml); claiming them at every start would take them
    // from another authenticator the person chose. A development run registers itself.
    if (!app.isPackaged) registerProtocols(app);
    const services = createServices({
      dataDir: dataDirectory(),
      keychain: new KeytarKeychain(),
      cacheSecrets: true,
      // The AWS SDK loads with the first Cognito call, not with the window.
      loadCognito: () => import('../cognito/engine'),
    });
    // A Delete still within its Undo time is finished before the quit (briefly: a keychain that does not answer
    // leaves it to the next start's recovery), and only then is the vault closed.
    let removalsFinished = false;
    app.on('will-quit', (event) => {
      if (!removalsFinished && services.accounts.removing) {
        removalsFinished = true;
        event.preventDefault();
        const limit = new Promise<void>((done) => setTimeout(done, 2_000));
        void Promise.race([services.accounts.finishRemovals(), limit]).finally(() => app.quit());
        return;
      }
      services.close();
    });
    const { vault, profiles, settings: settingsStore } = services;
    // Finishes interrupted adds and removals, and lists keys that lost their details, before anything else;
    // the window asks what it found and tells the person.
    const recovery = services.recovery().catch(() => undefined);
    const openPalette = (): void => {
      paletteReturn.opening(window);
      if (!window || window.isDestroyed()) createWindow();
      else {
        window.show();
        showWindow();
      }
      send(EVENTS.focusSearch, null);
    };
    // An account's own shortcut copies its code without opening anything; a notification says what happened.
    const copyByShortcut = async (id: string): Promise<void> => {
      const copied = await handlers.copyCode(id);
      const account = await vault.get(id).catch(() => undefined);
      const name = account ? [account.issuer, account.label].filter(Boolean).join(' · ') : '';
      if (!Notification.isSupported()) return;
      // Never the code itself: notifications are shown on lock screens and kept in notification centres.
      const body = copied.ok
        ? `${labels.copied(name)}${copied.value.next ? `\n${labels.copiedNext}` : ''}`
        : labels.error(copied.error);
      new Notification({ title: copied.ok ? 'Keyfob' : labels.copyFailed, body, silent: true }).show();
    };
    const registered = (shortcuts = new Shortcuts(globalShortcut));
    let shortcutStates = new Map<string, ShortcutState>();
    app.on('will-quit', () => registered.dispose());
    // The menus are built again when Settings changes the language, like the tray.
    const applyMenus = (): void => {
      Menu.setApplicationMenu(Menu.buildFromTemplate(appMenu(process.platform, labels)));
      app.setAboutPanelOptions(aboutOptions(app.getVersion(), process.versions, labels));
    };
    const applySettings = (settings: Settings): Partial<Settings> => {
      codeClipboard.configure({
        mode: settings.clipboardClear,
        timeoutMs: settings.clipboardTimeoutSeconds * 1000,
      });
      // Only a packaged app can register itself to start at login in a way the OS shows and the user can undo.
      if (app.isPackaged) app.setLoginItemSettings({ openAtLogin: settings.startAtLogin });
      // Notifications and the tray speak the language chosen in Settings, else the system's.
      labels = menuLabels(settings.language ?? app.getLocale());
      applyMenus();
      traySignature = undefined;
      void refreshTray();
      shortcutStates = registered.apply(
        wantedShortcuts(settings, { openPalette, copy: (id) => void copyByShortcut(id) }),
      );
      return shortcutStatus(shortcutStates);
    };
    void settingsStore.get().then(applySettings, () => undefined);
    const send = (channel: string, payload: unknown, latestOnly = false) => {
      const contents = mainContents();
      if (contents !== undefined) outbox.sendToRenderer(contents, channel, payload, { latestOnly });
    };
    startTicker({ vault, send: (batch) => send(EVENTS.codes, batch, true) });
    // Handlers first, so the renderer's first call never finds a channel without one.
    const handlers = createHandlers({
      vault,
      version: app.getVersion(),
      hostName: hostname(),
      platform: process.platform,
      clipboard: codeClipboard,
      onReady: rendererReady,
      palette: { dismissed: () => paletteReturn.dismissed(window) },
      recovery: () => recovery,
      // Asked by main, outside the page, in the language of the tray; parented to the window when there is one.
      confirm: async (request) => {
        const options = keyQuestion(request, labels);
        const parent = window !== undefined && !window.isDestroyed() ? window : undefined;
        const { response } = parent
          ? await dialog.showMessageBox(parent, options)
          : await dialog.showMessageBox(options);
        return response === 1;
      },
      // The encrypted backup's file: main's own dialog, so the page never names where keys are written.
      saveFile: async (suggested) => {
        const options = {
          title: labels.backupSaveTitle,
          defaultPath: join(app.getPath('documents'), suggested),
          filters: [{ name: labels.backupFileType, extensions: ['json'] }],
        };
        const parent = window !== undefined && !window.isDestroyed() ? window : undefined;
        const { canceled, filePath } = parent
          ? await dialog.showSaveDialog(parent, options)
          : await dialog.showSaveDialog(options);
        return canceled || !filePath ? undefined : filePath;
      },
      shortcuts: registered,
      links,
      settings: {
        store: settingsStore,
        apply: applySettings,
        status: () => shortcutStatus(shortcutStates),
      },
      screen: {
        capture: () =>
          captureDisplays({
            getSources: (options) => desktopCapturer.getSources(options),
            displays: () => electronScreen.getAllDisplays(),
          }),
      },
      // Decoded on a worker thread (its bundle sits next to this one): no image can freeze the window.
      qr: new OffThreadQr({ script: join(__dirname, 'qr-worker.js') }),
      accounts: services.accounts,
      cognito: {
        profiles,
        engine: () => services.cognitoEngine(),
        emitFlow: (event) => send(EVENTS.flow, event),
      },
    });
    registerHandlers({
      handlers,
      channels: CHANNELS,
      isTrustedSender: (event) => isTrustedSender(event, mainContents(), rendererUrl),
    });
    applyMenus();
    // The tray (menu bar on macOS): choosing an account copies its code without opening the window.
    const tray = new Tray(nativeImage.createFromPath(join(app.getAppPath(), 'assets', 'icons', '32x32.png')));
    tray.setToolTip('Keyfob');
    let traySignature: string | undefined;
    const refreshTray = async (): Promise<void> => {
      const accounts = await vault.list().catch(() => undefined);
      if (!accounts) return;
      const shortcutsNow = (await settingsStore.get().catch(() => undefined))?.accountShortcuts ?? {};
      const signature = accounts
        .map((a) => `${a.id}|${a.issuer}|${a.label}|${a.status}|${shortcutsNow[a.id] ?? ''}`)
        .join('\n');
      if (signature === traySignature) return;
      traySignature = signature;
      // Accounts removed anywhere (here, the CLI, a Cognito re-enrollment) free their shortcuts; one deleted
      // in the window keeps its shortcut while an Undo can still bring it back.
      const keep = [...accounts.map((a) => a.id), ...(await vault.hiddenIds().catch(() => []))];
      void settingsStore.keepAccountShortcuts(new Set(keep)).then(
        (pruned) => pruned && applySettings(pruned),
        () => undefined,
      );
      tray.setContextMenu(
        Menu.buildFromTemplate(
          trayMenu(
            accounts,
            labels,
            {
              copy: (id) => void handlers.copyCode(id),
              show: () => {
                if (!window || window.isDestroyed()) createWindow();
                else showWindow();
              },
              quit: () => app.quit(),
            },
            shortcutsNow,
          ),
        ),
      );
    };
    void refreshTray();
    // Accounts change from the window, the CLI and Cognito enrollments alike: the vault reports each (it
    // watches accounts.json), and the window and the tray follow.
    vault.onChanged((accounts) => {
      send(EVENTS.accountsChanged, accounts.map(accountView), true);
      void refreshTray();
    });
    nativeTheme.on('updated', () =>
      window?.setBackgroundColor(backgroundColor(nativeTheme.shouldUseDarkColors)),
    );
    createWindow();
  });

  function createWindow(): void {
    const created = new BrowserWindow(
      mainWindowOptions({ preload: join(__dirname, '..', 'preload', 'index.js'), devTools: !app.isPackaged }),
    );
    window = created;
    const contents = created.webContents;
    // A reload or crash takes the renderer's listeners with it; pushes wait for it to say ready again.
    contents.on('did-start-navigation', (details) => {
      if (details.isMainFrame && !details.isSameDocument) rendererGone();
    });
    contents.on('render-process-gone', rendererGone);
    // Recording a shortcut ends when the window loses focus: Keyfob's own shortcuts listen again.
    created.on('blur', () => shortcuts?.suspend(false));
    created.once('ready-to-show', () => created.show());
    created.on('close', (event) => {
      if (quitting) return;
      event.preventDefault();
      created.hide();
    });
    created.on('closed', () => {
      if (window === created) window = undefined;
      rendererGone();
    });
    created.loadURL(rendererUrl).catch((error: unknown) => {
      console.error(
        `Keyfob could not load its window: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
  }

  function showWindow(): void {
    if (window === undefined || window.isDestroyed()) return;
    if (!window.isVisible()) window.show();
    if (window.isMinimized()) window.restore();
    window.focus();
  }
}
