import { describe, expect, it, vi } from 'vitest';
import { GlobalShortcut, validAccelerator, type ShortcutRegistry } from '../../main/app/shortcut';

function registry(taken: string[] = []) {
  const held = new Map<string, () => void>();
  const r: ShortcutRegistry & { held: Map<string, () => void> } = {
    held,
    register: (a, cb) => {
      if (taken.includes(a)) return false;
      held.set(a, cb);
      return true;
    },
    unregister: (a) => void held.delete(a),
    isRegistered: (a) => held.has(a),
  };
  return r;
}

describe('the global shortcut', () => {
  it('registers the chosen accelerator, and moves when it changes', () => {
    const r = registry();
    const press = vi.fn();
    const shortcut = new GlobalShortcut(r, press);
    expect(shortcut.apply('CommandOrControl+Shift+K')).toEqual({
      state: 'on',
      accelerator: 'CommandOrControl+Shift+K',
    });
    r.held.get('CommandOrControl+Shift+K')!();
    expect(press).toHaveBeenCalledTimes(1);
    shortcut.apply('Alt+Shift+O');
    expect([...r.held.keys()]).toEqual(['Alt+Shift+O']);
    shortcut.dispose();
    expect(r.held.size).toBe(0);
  });

  it('stays off when another application holds the keys, or the keys are not a shortcut', () => {
    const r = registry(['CommandOrControl+Shift+K']);
    const shortcut = new GlobalShortcut(r, vi.fn());
    expect(shortcut.apply('CommandOrControl+Shift+K')).toEqual({
      state: 'conflict',
      accelerator: 'CommandOrControl+Shift+K',
    });
    expect(shortcut.apply('K')).toMatchObject({ state: 'conflict' });
    expect(shortcut.apply('')).toEqual({ state: 'off' });
    expect(r.held.size).toBe(0);
  });

  it('accepts modifier+key accelerators only', () => {
    expect(validAccelerator('CmdOrCtrl+Alt+7')).toBe(true);
    expect(validAccelerator('Shift+F5')).toBe(true);
    expect(validAccelerator('Shift')).toBe(false);
    expect(validAccelerator('Shift+Alt')).toBe(false);
    expect(validAccelerator('A+B')).toBe(false);
  });
});
