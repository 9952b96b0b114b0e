import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  nativeTheme: { shouldUseDarkColors: false },
  shell: { openExternal: vi.fn<(url: string) => Promise<void>>() },
}));
vi.mock('electron', () => electron);

import {
  BACKGROUND,
  backgroundColor,
  describeUrl,
  EXTERNAL_LINKS,
  externalUrl,
  hardenContents,
  mainWindowOptions,
  type GuardedContents,
  type NavigationEvent,
} from '../../main/app/window';

const RENDERER = 'app://keyfob/index.html';
const HELP = [
  'https://docs.aws.amazon.com/cognito/',
  'https://example.com/help',
  'https://example.com/a%20b',
];

/** A web contents that records the handlers it is given, so the test can play Chromium. */
function fakeContents() {
  let windowOpen: ((details: { url: string }) => { action: string }) | undefined;
  const listeners = new Map<string, (event: NavigationEvent) => void>();
  const contents = {
    setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }) {
      windowOpen = handler;
    },
    on(event: string, listener: (event: NavigationEvent) => void) {
      if (listeners.has(event)) throw new Error(`second listener for ${event}`);
      listeners.set(event, listener);
      return contents;
    },
  };
  return {
    contents: contents as GuardedContents,
    open(url: string) {
      if (!windowOpen) throw new Error('no window-open handler');
      return windowOpen({ url });
    },
    /** Emits `name` and says whether a listener called preventDefault. */
    emit(name: string, url = RENDERER): boolean {
      const listener = listeners.get(name);
      if (!listener) throw new Error(`no listener for ${name}`);
      let prevented = false;
      listener({ url, preventDefault: () => (prevented = true) });
      return prevented;
    },
  };
}

describe('mainWindowOptions', () => {
  beforeEach(() => {
    electron.nativeTheme.shouldUseDarkColors = false;
  });

  it('turns every isolation feature on and every Node or experimental feature off', () => {
    const options = mainWindowOptions({ preload: '/app/dist/preload/index.js' });
    expect(options.webPreferences).toEqual({
      preload: '/app/dist/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      devTools: false,
    });
    expect(options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
    expect(options.show).toBe(false);
  });

  it('has DevTools only when asked for (a development run)', () => {
    expect(mainWindowOptions({ preload: '/p.js', devTools: true }).webPreferences?.devTools).toBe(true);
    expect(mainWindowOptions({ preload: '/p.js', devTools: false }).webPreferences?.devTools).toBe(false);
  });

  it('paints the background of the theme the system uses', () => {
    expect(mainWindowOptions({ preload: '/p.js' }).backgroundColor).toBe(BACKGROUND.light);
    electron.nativeTheme.shouldUseDarkColors = true;
    expect(mainWindowOptions({ preload: '/p.js' }).backgroundColor).toBe(BACKGROUND.dark);
    expect(backgroundColor()).toBe(BACKGROUND.dark);
  });

  it('takes an explicit theme over the system one', () => {
    electron.nativeTheme.shouldUseDarkColors = true;
    expect(mainWindowOptions({ preload: '/p.js', dark: false }).backgroundColor).toBe(BACKGROUND.light);
    expect(BACKGROUND.light).not.toBe(BACKGROUND.dark);
  });
});

describe('externalUrl', () => {
  it.each([
    ['https://docs.aws.amazon.com/cognito/', 'https://docs.aws.amazon.com/cognito/'],
    ['HTTPS://Example.COM/a b', 'https://example.com/a%20b'],
  ])('lets %s out as %s when that page is on the list', (url, expected) => {
    expect(externalUrl(url, HELP)).toBe(expected);
  });

  it.each([
    'https://docs.aws.amazon.com/cognito/?x=1',
    'https://docs.aws.amazon.com/cognito/#top',
    'https://docs.aws.amazon.com/cognito',
    'https://docs.aws.amazon.com/cognito/other',
    'https://evil.example/',
    'http://example.com/help',
  ])('keeps %s in: only exact pages of the list leave', (url) => {
    expect(externalUrl(url, [...HELP, 'http://example.com/help'])).toBeUndefined();
  });

  it('opens nothing by default: the window links to no page outside today', () => {
    expect(EXTERNAL_LINKS).toEqual([]);
    expect(externalUrl('https://docs.aws.amazon.com/cognito/')).toBeUndefined();
  });

  it('describes a refused URL without its query or fragment', () => {
    expect(describeUrl('https://example.com/path?token=SECRET#x')).toBe('https://example.com/path');
    expect(describeUrl('javascript:alert(1)')).toBe('javascript:');
    expect(describeUrl('not a url')).toBe('an unreadable address');
  });

  it.each([
    'http://example.com/',
    'file:///etc/passwd',
    'file://server/share/run.exe',
    'smb://server/share',
    'ms-msdt:/id PCWDiagnostic',
    'search-ms:query=x',
    'javascript:alert(1)',
    'data:text/html,<script>1</script>',
    'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP',
    'https://bank.example@evil.example/',
    'https://user:pass@example.com/',
    'not a url',
    '',
  ])('keeps %s in, even when listed', (url) => {
    expect(externalUrl(url, [...HELP, url])).toBeUndefined();
  });
});

describe('hardenContents', () => {
  let openExternal: ReturnType<typeof vi.fn<(url: string) => Promise<void>>>;
  let warnings: string[];

  beforeEach(() => {
    warnings = [];
    openExternal = vi.fn<(url: string) => Promise<void>>().mockResolvedValue(undefined);
    electron.shell.openExternal.mockReset().mockResolvedValue(undefined);
  });
  afterEach(() => vi.restoreAllMocks());

  function harden(allowed = HELP) {
    const fake = fakeContents();
    hardenContents(fake.contents, {
      rendererUrl: RENDERER,
      openExternal,
      allowed,
      warn: (m) => warnings.push(m),
    });
    return fake;
  }

  it('denies every new window, whatever the URL', () => {
    const fake = harden();
    for (const url of [RENDERER, 'https://example.com/', 'about:blank', 'file:///tmp/x.html']) {
      expect(fake.open(url)).toEqual({ action: 'deny' });
    }
  });

  it('sends a help page opened as a new window to the browser, and nothing else', () => {
    const fake = harden();
    fake.open('https://example.com/help');
    fake.open('https://example.com/elsewhere?token=SECRET');
    fake.open('http://example.com/');
    fake.open('file:///etc/passwd');
    fake.open(RENDERER);
    expect(openExternal.mock.calls).toEqual([['https://example.com/help']]);
    // Each refusal is logged, never with the query.
    expect(warnings).toHaveLength(4);
    expect(warnings[0]).toContain('https://example.com/elsewhere');
    expect(warnings.join('\n')).not.toContain('SECRET');
  });

  it('lets the window navigate to our renderer page (reload, hash route) and nowhere else', () => {
    const fake = harden();
    expect(fake.emit('will-navigate', RENDERER)).toBe(false);
    expect(fake.emit('will-navigate', `${RENDERER}#/accounts`)).toBe(false);
    expect(fake.emit('will-navigate', `${RENDERER}?debug=1`)).toBe(true);
    expect(fake.emit('will-navigate', 'file:///opt/Keyfob/other.html')).toBe(true);
    expect(fake.emit('will-navigate', 'https://example.com/')).toBe(true);
    expect(fake.emit('will-navigate', 'http://example.com/')).toBe(true);
  });

  it('hands a followed help link to the browser instead of navigating, but no other link', () => {
    const fake = harden();
    fake.emit('will-navigate', 'https://example.com/help');
    fake.emit('will-navigate', 'https://example.com/page');
    fake.emit('will-navigate', 'http://example.com/page');
    fake.emit('will-navigate', 'file:///etc/passwd');
    fake.emit('will-navigate', RENDERER);
    expect(openExternal.mock.calls).toEqual([['https://example.com/help']]);
  });

  it('stops redirects away from our page and never opens their target', () => {
    const fake = harden();
    expect(fake.emit('will-redirect', 'https://example.com/')).toBe(true);
    expect(fake.emit('will-redirect', RENDERER)).toBe(false);
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('destroys any <webview> before it attaches', () => {
    const fake = harden();
    expect(fake.emit('will-attach-webview')).toBe(true);
  });

  it('uses shell.openExternal when no opener is given', () => {
    const fake = fakeContents();
    hardenContents(fake.contents, { rendererUrl: RENDERER, allowed: HELP });
    fake.open('https://example.com/help');
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://example.com/help');
  });

  it('survives a browser that cannot be started, without logging the URL', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    openExternal.mockRejectedValue(new Error('no browser'));
    const fake = fakeContents();
    hardenContents(fake.contents, {
      rendererUrl: RENDERER,
      openExternal,
      allowed: ['https://example.com/?token=SECRET'],
    });
    fake.open('https://example.com/?token=SECRET');
    await vi.waitFor(() => expect(warn).toHaveBeenCalledTimes(1));
    expect(String(warn.mock.calls[0])).not.toContain('SECRET');
  });
});
