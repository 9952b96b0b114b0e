import { describe, expect, it, vi } from 'vitest';
import { PaletteReturn, windowBefore, type PaletteWindow } from '../../main/app/palette';

function fakeWindow(state: { visible?: boolean; minimized?: boolean; focused?: boolean } = {}) {
  const calls: string[] = [];
  const window: PaletteWindow & { calls: string[] } = {
    calls,
    isDestroyed: () => false,
    isVisible: () => state.visible ?? true,
    isMinimized: () => state.minimized ?? false,
    isFocused: () => state.focused ?? false,
    minimize: () => void calls.push('minimize'),
    hide: () => void calls.push('hide'),
    blur: () => void calls.push('blur'),
  };
  return window;
}

describe('the palette puts the window back', () => {
  it('reads how the window was', () => {
    expect(windowBefore(undefined)).toBe('none');
    expect(windowBefore(fakeWindow({ visible: false }))).toBe('hidden');
    expect(windowBefore(fakeWindow({ minimized: true }))).toBe('minimized');
    expect(windowBefore(fakeWindow({ focused: true }))).toBe('inUse');
    expect(windowBefore(fakeWindow())).toBe('behind');
  });

  it('on Windows and Linux: hidden again, minimised again, or out of focus; left alone when in use', () => {
    for (const [state, expected] of [
      [{ visible: false }, ['hide']],
      [{ minimized: true }, ['minimize']],
      [{}, ['blur']],
      [{ focused: true }, []],
    ] as const) {
      const palette = new PaletteReturn('linux', () => {
        throw new Error('not on Linux');
      });
      const before = fakeWindow(state);
      palette.opening(before);
      // The shortcut shows and focuses the window; what counts is how it was before.
      const after = fakeWindow({ focused: true });
      palette.dismissed(after);
      expect(after.calls).toEqual(expected);
    }
  });

  it('on macOS hides the app, which gives focus back to the one before', () => {
    const hideApp = vi.fn();
    const palette = new PaletteReturn('darwin', hideApp);
    palette.opening(fakeWindow());
    palette.dismissed(fakeWindow({ focused: true }));
    expect(hideApp).toHaveBeenCalledTimes(1);
    palette.opening(fakeWindow({ focused: true }));
    palette.dismissed(fakeWindow({ focused: true }));
    expect(hideApp).toHaveBeenCalledTimes(1);
  });

  it('forgets a palette the page lost (reload, crash), and keeps the first press of two', () => {
    const palette = new PaletteReturn('linux', () => undefined);
    palette.opening(fakeWindow({ minimized: true }));
    palette.reset();
    const window = fakeWindow({ focused: true });
    palette.dismissed(window);
    expect(window.calls).toEqual([]);
    palette.opening(fakeWindow({ minimized: true }));
    palette.opening(fakeWindow({ focused: true }));
    palette.dismissed(window);
    expect(window.calls).toEqual(['minimize']);
  });
});
