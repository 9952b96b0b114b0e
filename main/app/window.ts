import { nativeTheme, shell, type BrowserWindowConstructorOptions } from 'electron';
import { isRendererUrl } from './renderer-url';

/** Painted before the first frame, so a dark desktop does not get a white flash while the renderer loads. */
export const BACKGROUND = { light: '#ffffff', dark: '#1f1f1f' } as const;

export function backgroundColor(dark: boolean = nativeTheme.shouldUseDarkColors): string {
  return dark ? BACKGROUND.dark : BACKGROUND.light;
}

export interface MainWindowSettings {
  /** Absolute path of the bundled preload (one CommonJS file, so it can run sandboxed). */
  preload: string;
  /** Defaults to the operating system's current theme. */
  dark?: boolean;
  /**
   * DevTools can read and change everything in the page, keys on screen included: on only for a development
   * run (main.ts passes !app.isPackaged), off unless asked.
   */
  devTools?: boolean;
}

/**
 * The only place the main window's options are written. Every web preference that matters for isolation is
 * spelled out even where it is Electron's default, so a change of default, or a copy-paste elsewhere, cannot
 * weaken the window without this file (and its test) saying so.
 */
export function mainWindowOptions(settings: MainWindowSettings): BrowserWindowConstructorOptions {
  return {
    width: 420,
    height: 640,
    minWidth: 340,
    minHeight: 480,
    title: 'Keyfob',
    // Shown on 'ready-to-show', so the window never appears half drawn.
    show: false,
    backgroundColor: backgroundColor(settings.dark),
    webPreferences: {
      preload: settings.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      // A dropped file or link would otherwise replace our page with it.
      navigateOnDragDrop: false,
      // The spellchecker sends typed words to a dictionary service, and people type account names and codes here.
      spellcheck: false,
      safeDialogs: true,
      devTools: settings.devTools === true,
    },
  };
}

/** The parts of a WebContents this module touches, so tests can hand in a plain object. */
export interface GuardedContents {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  on(event: 'will-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
}

export interface NavigationEvent {
  readonly url: string;
  preventDefault(): void;
}

export interface HardenSettings {
  rendererUrl: string;
  /** Hands a vetted URL to the system browser; shell.openExternal unless a test replaces it. */
  openExternal?: (url: string) => Promise<void>;
  /** The exact URLs that may open; EXTERNAL_LINKS unless a test replaces it. */
  allowed?: readonly string[];
  /** Where refusals are told (console.warn); never with the URL's query, which can carry tokens. */
  warn?: (message: string) => void;
}

/**
 * The only pages Keyfob opens in the browser, exactly as written here (query and fragment included). Today
 * the window links to none, so nothing leaves: a help link added to the window is one line here, and
 * anything else a page could try to open (a crafted link, a script calling window.open) is refused. Electron
 * does not say whether a navigation or window.open came from a user gesture, so the list is the boundary.
 */
export const EXTERNAL_LINKS: readonly string[] = [];

/** Enough of a refused URL to recognise it in a log: scheme, host and path, never the query or fragment. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.host === '' ? parsed.protocol : `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return 'an unreadable address';
  }
}

/**
 * Only the exact https: pages of `allowed` may leave the app, and only to the system browser. Even for the
 * list, the scheme and credentials are checked again, so a wrong entry cannot open something worse.
 * openExternal gives the URL to whatever the OS has registered for its scheme: file:, smb: or a UNC-style path can run or fetch local and network
 * files (and leak Windows credentials), and schemes such as ms-msdt: or search-ms: have launched programs
 * (Electron security checklist, "Do not use shell.openExternal with untrusted content"). Plain http: can be
 * read or rewritten on the way, and a page reached from an authenticator is where people type passwords.
 * Credentials in the URL (https://bank.example@evil.example) only serve to disguise the real host.
 * Returns the URL as re-serialised by the parser, so the OS receives exactly what was checked.
 */
export function externalUrl(url: string, allowed: readonly string[] = EXTERNAL_LINKS): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '') return undefined;
  return allowed.includes(parsed.href) ? parsed.href : undefined;
}

/**
 * Keeps a web contents on our renderer page: no new windows, no navigation or redirect to anything else, no
 * <webview>. A link the user follows (target=_blank goes through the window-open handler, a plain link
 * through will-navigate) is offered to the system browser instead, if externalUrl allows it.
 */
export function hardenContents(contents: GuardedContents, settings: HardenSettings): void {
  const openExternal = settings.openExternal ?? ((url: string) => shell.openExternal(url));
  const warn = settings.warn ?? ((message: string) => console.warn(message));
  const openOutside = (url: string): void => {
    const safe = externalUrl(url, settings.allowed);
    if (safe === undefined) {
      warn(`Keyfob refused to open ${describeUrl(url)}: it is not one of its help pages.`);
      return;
    }
    // A missing browser is not worth an unhandled rejection in the main process; the URL is not logged
    // because a link can carry tokens.
    openExternal(safe).catch(() => console.warn('Keyfob could not open a link in the browser.'));
  };

  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    if (isRendererUrl(event.url, settings.rendererUrl)) return;
    event.preventDefault();
    openOutside(event.url);
  });
  // A redirect is the server's doing, not a click, so it is never sent to the browser.
  contents.on('will-redirect', (event) => {
    if (!isRendererUrl(event.url, settings.rendererUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
