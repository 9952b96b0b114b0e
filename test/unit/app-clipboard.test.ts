import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// The clipboard is injected; Electron's own must never be reached for.
vi.mock('electron', () => ({}));

import { CodeClipboard, DEFAULT_CLIPBOARD_SETTINGS, type ClipboardSettings } from '../../main/app/clipboard';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);

/** A system clipboard: synchronous like a plain fake, or answering a tick later like Electron 45's. */
function fakeClipboard(kind: 'sync' | 'async' = 'sync') {
  const state = { text: 'what the user had', writes: [] as string[] };
  const later = <T>(value: T) => (kind === 'async' ? Promise.resolve(value) : value);
  return {
    state,
    clipboard: {
      writeText: vi.fn((text: string) => {
        state.text = text;
        state.writes.push(text);
        return later(undefined);
      }),
      readText: vi.fn(() => later(state.text)),
    },
  };
}

function setup(settings?: Partial<ClipboardSettings>, kind: 'sync' | 'async' = 'sync') {
  const fake = fakeClipboard(kind);
  const codes = new CodeClipboard({
    clipboard: fake.clipboard,
    clock: { now: () => Date.now() },
    timers: { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as never) },
    ...(settings ? { settings } : {}),
  });
  return { ...fake, codes };
}

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe.each(['sync', 'async'] as const)('CodeClipboard with a %s clipboard', (kind) => {
  it('clears the code the moment it expires (expiry mode)', async () => {
    const { codes, state } = setup({ mode: 'expiry' }, kind);
    await expect(codes.copy('123456', T0 + 12_000)).resolves.toBe(true);
    expect(state.text).toBe('123456');
    await vi.advanceTimersByTimeAsync(11_999);
    expect(state.text).toBe('123456');
    await vi.advanceTimersByTimeAsync(1);
    expect(state.text).toBe('');
    expect(codes.pending).toBe(false);
  });

  it('clears after the timeout whatever the expiry (timeout mode)', async () => {
    const { codes, state } = setup({ mode: 'timeout', timeoutMs: 10_000 }, kind);
    await codes.copy('123456', T0 + 3_000);
    await vi.advanceTimersByTimeAsync(9_999);
    expect(state.text).toBe('123456');
    await vi.advanceTimersByTimeAsync(1);
    expect(state.text).toBe('');
  });

  it('never wipes something the user copied after the code', async () => {
    const { codes, state } = setup({ mode: 'expiry' }, kind);
    await codes.copy('123456', T0 + 5_000);
    state.text = 'my own note';
    await vi.advanceTimersByTimeAsync(60_000);
    expect(state.text).toBe('my own note');
    expect(state.writes).toEqual(['123456']);
  });

  it('lets a new copy cancel the clear scheduled for the previous one', async () => {
    const { codes, state } = setup({ mode: 'expiry' }, kind);
    await codes.copy('111111', T0 + 5_000);
    await vi.advanceTimersByTimeAsync(1_000);
    await codes.copy('222222', T0 + 20_000);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(4_000); // the first code's expiry
    expect(state.text).toBe('222222');
    await vi.advanceTimersByTimeAsync(15_000); // the second code's expiry
    expect(state.text).toBe('');
    expect(state.writes).toEqual(['111111', '222222', '']);
  });

  it('empties the clipboard on dispose if the code is still there, and only then', async () => {
    const first = setup({ mode: 'timeout' }, kind);
    await first.codes.copy('123456', T0 + 30_000);
    await first.codes.dispose();
    expect(first.state.text).toBe('');
    expect(first.codes.pending).toBe(false);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(first.state.writes).toEqual(['123456', '']);

    const second = setup({ mode: 'timeout' }, kind);
    await second.codes.copy('123456', T0 + 30_000);
    second.state.text = 'mine';
    await second.codes.dispose();
    expect(second.state.text).toBe('mine');
  });
});

describe('CodeClipboard', () => {
  it('defaults to clearing at expiry, with a 30 s timeout for codes that do not expire', async () => {
    expect(DEFAULT_CLIPBOARD_SETTINGS).toEqual({ mode: 'expiry', timeoutMs: 30_000 });
    const { codes, state } = setup();
    expect(codes.settings).toEqual({ mode: 'expiry', timeoutMs: 30_000 });
    await codes.copy('654321', Number.POSITIVE_INFINITY); // an HOTP code
    await vi.advanceTimersByTimeAsync(29_999);
    expect(state.text).toBe('654321');
    await vi.advanceTimersByTimeAsync(1);
    expect(state.text).toBe('');
  });

  it('falls back to the timeout for an expiry beyond what a timer can wait', async () => {
    const { codes, state } = setup({ timeoutMs: 5_000 });
    await codes.copy('654321', T0 + 2 ** 32);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(state.text).toBe('654321');
    await vi.advanceTimersByTimeAsync(1);
    expect(state.text).toBe('');
  });

  it('clears a code copied after its expiry straight away', async () => {
    const { codes, state } = setup();
    await codes.copy('123456', T0 - 1_000);
    expect(state.text).toBe('123456');
    await vi.advanceTimersByTimeAsync(0);
    expect(state.text).toBe('');
  });

  it('applies new settings to the next copy', async () => {
    const { codes, state } = setup({ mode: 'expiry' });
    codes.configure({ mode: 'timeout', timeoutMs: 2_000 });
    await codes.copy('123456', T0 + 25_000);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(state.text).toBe('');
  });

  it('refuses settings that would never or always clear', () => {
    expect(() => setup({ timeoutMs: 0 })).toThrow(RangeError);
    expect(() => setup({ timeoutMs: -5 })).toThrow(RangeError);
    expect(() => setup({ timeoutMs: 1.5 })).toThrow(RangeError);
    expect(() => setup({ timeoutMs: Number.NaN })).toThrow(RangeError);
    expect(() => setup({ timeoutMs: 2 ** 31 })).toThrow(RangeError);
    expect(() => setup({ mode: 'never' as never })).toThrow(RangeError);
    const { codes } = setup();
    expect(() => codes.configure({ timeoutMs: 0 })).toThrow(RangeError);
    expect(codes.settings.timeoutMs).toBe(30_000);
  });

  it('refuses to copy an empty code', () => {
    const { codes, clipboard } = setup();
    expect(() => codes.copy('', T0 + 1_000)).toThrow(TypeError);
    expect(clipboard.writeText).not.toHaveBeenCalled();
  });

  it('does not wipe a code copied while the previous clear was still reading the clipboard', async () => {
    const { codes, state, clipboard } = setup({ mode: 'expiry' }, 'async');
    // The first clear's read answers only when we say so, as a slow system clipboard would.
    let answer: (text: string) => void = () => {};
    clipboard.readText.mockImplementationOnce(() => new Promise<string>((resolve) => (answer = resolve)));
    await codes.copy('111111', T0 + 1_000);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(clipboard.readText).toHaveBeenCalledTimes(1);
    await codes.copy('222222', T0 + 30_000);
    answer('111111'); // what the clipboard held when the read began
    await vi.advanceTimersByTimeAsync(0);
    expect(state.text).toBe('222222');
    expect(state.writes).toEqual(['111111', '222222']);
  });

  it('leaves the clipboard alone when it cannot be read', async () => {
    const { codes, state, clipboard } = setup();
    clipboard.readText.mockImplementation(() => {
      throw new Error('clipboard busy');
    });
    await codes.copy('123456', T0 + 1_000);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(state.text).toBe('123456');
    expect(clipboard.readText).toHaveBeenCalledTimes(1);
  });

  it('resolves false, schedules nothing and does not reject when the clipboard refuses the code', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { codes, clipboard } = setup();
    clipboard.writeText.mockImplementationOnce(() => Promise.reject(new Error('denied')));
    await expect(codes.copy('123456', T0 + 1_000)).resolves.toBe(false);
    expect(codes.pending).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
    expect(String(warn.mock.calls)).not.toContain('123456');
  });
});
