import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Listener = (event: unknown, ...args: unknown[]) => Promise<unknown>;

/** ipcMain as Electron behaves: a second handle() on a channel throws until removeHandler. */
const fakeIpc = vi.hoisted(() => {
  const handlers = new Map<string, Listener>();
  const log: string[] = [];
  return {
    handlers,
    log,
    handle(channel: string, listener: Listener) {
      log.push(`handle ${channel}`);
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, listener);
    },
    removeHandler(channel: string) {
      log.push(`remove ${channel}`);
      handlers.delete(channel);
    },
  };
});
vi.mock('electron', () => ({ ipcMain: fakeIpc }));

import {
  isTrustedSender,
  registerHandlers,
  RendererOutbox,
  type FrameIdentity,
  type Handler,
  type SenderEvent,
  type TrustedContents,
} from '../../main/app/ipc-register';

const RENDERER = 'app://keyfob/index.html';
const MAIN_FRAME: FrameIdentity = { url: RENDERER, processId: 4, routingId: 1 };

function ourContents(overrides: Partial<TrustedContents> = {}): TrustedContents {
  return { id: 3, mainFrame: MAIN_FRAME, isDestroyed: () => false, ...overrides };
}

function event(senderId: number, frame: FrameIdentity | null): SenderEvent {
  return { sender: { id: senderId }, senderFrame: frame };
}

const trustedEvent = () => event(3, { ...MAIN_FRAME });

/** Calls a registered channel the way Electron would, and returns what the renderer would receive. */
function invoke(channel: string, ev: SenderEvent, ...args: unknown[]): Promise<unknown> {
  const listener = fakeIpc.handlers.get(channel);
  if (!listener) throw new Error(`nothing registered on ${channel}`);
  return listener(ev, ...args);
}

beforeEach(() => {
  fakeIpc.handlers.clear();
  fakeIpc.log.length = 0;
});
afterEach(() => vi.restoreAllMocks());

describe('isTrustedSender', () => {
  it('trusts the top frame of our window while it shows our page', () => {
    expect(isTrustedSender(trustedEvent(), ourContents(), RENDERER)).toBe(true);
    expect(
      isTrustedSender(event(3, { ...MAIN_FRAME, url: `${RENDERER}#/add` }), ourContents(), RENDERER),
    ).toBe(true);
  });

  it.each<[string, SenderEvent]>([
    ['another web contents', event(9, { ...MAIN_FRAME })],
    ['a subframe of our window', event(3, { ...MAIN_FRAME, routingId: 2 })],
    ['a frame in another renderer process', event(3, { ...MAIN_FRAME, processId: 5 })],
    ['our top frame showing another page', event(3, { ...MAIN_FRAME, url: 'https://evil.example/' })],
    ['our top frame on another file', event(3, { ...MAIN_FRAME, url: 'file:///tmp/index.html' })],
    ['a frame that is gone', event(3, null)],
  ])('refuses %s', (_what, ev) => {
    expect(isTrustedSender(ev, ourContents(), RENDERER)).toBe(false);
  });

  it('refuses everyone while there is no window, or a destroyed one', () => {
    expect(isTrustedSender(trustedEvent(), undefined, RENDERER)).toBe(false);
    expect(isTrustedSender(trustedEvent(), ourContents({ isDestroyed: () => true }), RENDERER)).toBe(false);
  });

  it('refuses a frame that was disposed while being checked', () => {
    const disposed = {
      processId: 4,
      routingId: 1,
      get url(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    };
    expect(isTrustedSender(event(3, disposed), ourContents(), RENDERER)).toBe(false);
  });
});

describe('registerHandlers', () => {
  const channels = { appInfo: 'app:info', listAccounts: 'accounts:list' };

  function handlers() {
    return {
      appInfo: vi.fn<Handler>(async () => ({ ok: true, value: { version: '1.0.0' } })),
      listAccounts: vi.fn<Handler>(async (...args) => ({ ok: true, value: args })),
    };
  }

  function register(
    h = handlers(),
    trusted = (ev: SenderEvent) => isTrustedSender(ev, ourContents(), RENDERER),
  ) {
    const unregister = registerHandlers({ handlers: h, channels, isTrustedSender: trusted });
    return { h, unregister };
  }

  it('registers each handler on its channel and passes the arguments through', async () => {
    const { h } = register();
    expect([...fakeIpc.handlers.keys()].sort()).toEqual(['accounts:list', 'app:info']);
    await expect(invoke('app:info', trustedEvent())).resolves.toEqual({
      ok: true,
      value: { version: '1.0.0' },
    });
    await expect(invoke('accounts:list', trustedEvent(), 'a', 2)).resolves.toEqual({
      ok: true,
      value: ['a', 2],
    });
    expect(h.listAccounts).toHaveBeenCalledWith('a', 2);
    expect(h.appInfo).toHaveBeenCalledTimes(1);
  });

  it('answers FORBIDDEN to anyone else, without calling the handler', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { h } = register();
    for (const ev of [
      event(9, { ...MAIN_FRAME }),
      event(3, { ...MAIN_FRAME, routingId: 2 }),
      event(3, { ...MAIN_FRAME, url: 'https://evil.example/' }),
      event(3, null),
    ]) {
      const answer = await invoke('accounts:list', ev, 'secret-argument');
      expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect((answer as { error: { message: string } }).error.message).toEqual(expect.any(String));
    }
    expect(h.listAccounts).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledTimes(4);
    expect(String(warn.mock.calls)).not.toContain('secret-argument');
  });

  it('checks the sender at call time, so a window created later is trusted and a closed one is not', async () => {
    let contents: TrustedContents | undefined;
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { h } = register(handlers(), (ev) => isTrustedSender(ev, contents, RENDERER));
    await expect(invoke('app:info', trustedEvent())).resolves.toMatchObject({ error: { code: 'FORBIDDEN' } });
    contents = ourContents();
    await expect(invoke('app:info', trustedEvent())).resolves.toMatchObject({ ok: true });
    contents = undefined;
    await expect(invoke('app:info', trustedEvent())).resolves.toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(h.appInfo).toHaveBeenCalledTimes(1);
  });

  it('removes the previous handler before registering again, and the new one answers', async () => {
    register();
    const second = handlers();
    second.appInfo.mockResolvedValue({ ok: true, value: 'second' });
    expect(() => register(second)).not.toThrow();
    await expect(invoke('app:info', trustedEvent())).resolves.toEqual({ ok: true, value: 'second' });
    const order = fakeIpc.log.filter((line) => line.endsWith('app:info'));
    expect(order).toEqual(['remove app:info', 'handle app:info', 'remove app:info', 'handle app:info']);
  });

  it('returns a function that takes every channel down', () => {
    const { unregister } = register();
    unregister();
    expect(fakeIpc.handlers.size).toBe(0);
  });

  it('turns a handler that throws into an INTERNAL result, logging neither message nor arguments', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const h = handlers();
    h.appInfo.mockRejectedValue(new TypeError('key JBSWY3DPEHPK3PXP is broken'));
    register(h);
    const answer = await invoke('app:info', trustedEvent(), 'JBSWY3DPEHPK3PXP');
    expect(answer).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(answer)).not.toContain('JBSWY3DPEHPK3PXP');
    expect(error).toHaveBeenCalledTimes(1);
    expect(String(error.mock.calls[0])).toContain('TypeError');
    expect(String(error.mock.calls[0])).not.toContain('JBSWY3DPEHPK3PXP');
  });

  it('refuses maps that do not name the same things, before registering anything', () => {
    const h = handlers();
    expect(() =>
      registerHandlers({ handlers: h, channels: { appInfo: 'app:info' }, isTrustedSender: () => true }),
    ).toThrow(/no channel for \[listAccounts\]/);
    expect(() =>
      registerHandlers({
        handlers: { appInfo: h.appInfo },
        channels: { ...channels, extra: 'x' },
        isTrustedSender: () => true,
      }),
    ).toThrow(/no handler for \[listAccounts, extra\]/);
    expect(() =>
      registerHandlers({
        handlers: h,
        channels: { ...channels, listAccounts: '' },
        isTrustedSender: () => true,
      }),
    ).toThrow(/no channel for \[listAccounts\]/);
    expect(fakeIpc.handlers.size).toBe(0);
  });

  it('refuses two names on one channel', () => {
    expect(() =>
      registerHandlers({
        handlers: handlers(),
        channels: { appInfo: 'same', listAccounts: 'same' },
        isTrustedSender: () => true,
      }),
    ).toThrow(/"same" is used by both appInfo and listAccounts/);
    expect(fakeIpc.handlers.size).toBe(0);
  });

  it('uses an injected registry instead of ipcMain when given one', async () => {
    const own = new Map<string, Listener>();
    registerHandlers({
      handlers: handlers(),
      channels,
      isTrustedSender: () => true,
      ipc: { handle: (c, l) => void own.set(c, l as Listener), removeHandler: (c) => void own.delete(c) },
    });
    expect(fakeIpc.handlers.size).toBe(0);
    await expect(own.get('app:info')!(trustedEvent())).resolves.toMatchObject({ ok: true });
  });
});

describe('RendererOutbox', () => {
  function target(destroyed = false) {
    const sent: Array<[string, unknown]> = [];
    const contents = {
      destroyed,
      isDestroyed: () => contents.destroyed,
      send: (channel: string, ...args: unknown[]) => {
        if (contents.destroyed) throw new Error('Object has been destroyed');
        sent.push([channel, args[0]]);
      },
    };
    return { contents, sent };
  }

  it('holds messages until the renderer is ready, then delivers them in order', () => {
    const outbox = new RendererOutbox();
    const { contents, sent } = target();
    expect(outbox.ready).toBe(false);
    expect(outbox.sendToRenderer(contents, 'codes:tick', 1)).toBe('queued');
    expect(outbox.sendToRenderer(contents, 'links:pending', 2)).toBe('queued');
    expect(sent).toEqual([]);
    outbox.markReady();
    expect(outbox.ready).toBe(true);
    expect(sent).toEqual([
      ['codes:tick', 1],
      ['links:pending', 2],
    ]);
    expect(outbox.queued).toBe(0);
  });

  it('sends at once while ready, and queues again after the renderer reloads', () => {
    const outbox = new RendererOutbox();
    const { contents, sent } = target();
    outbox.markReady();
    expect(outbox.sendToRenderer(contents, 'a', 1)).toBe('sent');
    outbox.markNotReady();
    expect(outbox.sendToRenderer(contents, 'a', 2)).toBe('queued');
    expect(sent).toEqual([['a', 1]]);
    outbox.markReady();
    expect(sent).toEqual([
      ['a', 1],
      ['a', 2],
    ]);
  });

  it('skips destroyed web contents, when sending and when flushing', () => {
    const outbox = new RendererOutbox();
    const gone = target(true);
    expect(outbox.sendToRenderer(gone.contents, 'a', 1)).toBe('skipped');
    const closing = target();
    const alive = target();
    outbox.sendToRenderer(closing.contents, 'a', 'lost');
    outbox.sendToRenderer(alive.contents, 'a', 'kept');
    closing.contents.destroyed = true;
    expect(() => outbox.markReady()).not.toThrow();
    expect(closing.sent).toEqual([]);
    expect(alive.sent).toEqual([['a', 'kept']]);
    expect(outbox.sendToRenderer(closing.contents, 'a', 'later')).toBe('skipped');
  });

  it('keeps only the newest message of a latestOnly channel while waiting', () => {
    const outbox = new RendererOutbox();
    const { contents, sent } = target();
    outbox.sendToRenderer(contents, 'codes:tick', 1, { latestOnly: true });
    outbox.sendToRenderer(contents, 'links:pending', 'x');
    outbox.sendToRenderer(contents, 'codes:tick', 2, { latestOnly: true });
    outbox.sendToRenderer(contents, 'codes:tick', 3, { latestOnly: true });
    outbox.markReady();
    expect(sent).toEqual([
      ['links:pending', 'x'],
      ['codes:tick', 3],
    ]);
  });

  it('drops the oldest messages beyond its limit', () => {
    const outbox = new RendererOutbox(3);
    const { contents, sent } = target();
    for (let i = 1; i <= 5; i++) outbox.sendToRenderer(contents, 'n', i);
    expect(outbox.queued).toBe(3);
    outbox.markReady();
    expect(sent.map(([, n]) => n)).toEqual([3, 4, 5]);
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => new RendererOutbox(0)).toThrow(RangeError);
    expect(() => new RendererOutbox(1.5)).toThrow(RangeError);
  });
});
