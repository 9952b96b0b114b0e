import { describe, expect, it, vi } from 'vitest';
import {
  Shortcuts,
  validAccelerator,
  type ShortcutRegistry,
  type WantedShortcut,
} from '../../main/app/shortcut';

function registry(taken: string[] = []) {
  const held = new Map<string, () => void>();
  const r: ShortcutRegistry & { held: Map<string, () => void>; taken: string[] } = {
    held,
    taken,
    register: (a, cb) => {
      if (taken.includes(a) || held.has(a)) return false;
      held.set(a, cb);
      return true;
    },
    unregister: (a) => void held.delete(a),
    isRegistered: (a) => held.has(a),
  };
  return r;
}

const want = (entries: Record<string, WantedShortcut>) => new Map(Object.entries(entries));

describe('global shortcuts', () => {
  it('registers the chosen accelerators, and moves one when it changes', () => {
    const r = registry();
    const search = vi.fn();
    const copy = vi.fn();
    const shortcuts = new Shortcuts(r);
    const states = shortcuts.apply(
      want({
        search: { accelerator: 'CommandOrControl+Shift+K', onPress: search },
        'account:a': { accelerator: 'Alt+Shift+1', onPress: copy },
      }),
    );
    expect(states.get('search')).toEqual({ state: 'on', accelerator: 'CommandOrControl+Shift+K' });
    expect(states.get('account:a')).toEqual({ state: 'on', accelerator: 'Alt+Shift+1' });
    r.held.get('CommandOrControl+Shift+K')!();
    r.held.get('Alt+Shift+1')!();
    expect(search).toHaveBeenCalledTimes(1);
    expect(copy).toHaveBeenCalledTimes(1);
    shortcuts.apply(
      want({
        search: { accelerator: 'Alt+Shift+O', onPress: search },
        'account:a': { accelerator: 'Alt+Shift+1', onPress: copy },
      }),
    );
    expect([...r.held.keys()].sort()).toEqual(['Alt+Shift+1', 'Alt+Shift+O']);
    shortcuts.dispose();
    expect(r.held.size).toBe(0);
    // Settings that arrive after the app began to quit register nothing.
    shortcuts.apply(want({ search: { accelerator: 'Alt+Shift+O', onPress: search } }));
    expect(r.held.size).toBe(0);
  });

  it('lets two accounts swap their keys', () => {
    const r = registry();
    const a = vi.fn();
    const b = vi.fn();
    const shortcuts = new Shortcuts(r);
    shortcuts.apply(
      want({ a: { accelerator: 'Alt+1', onPress: a }, b: { accelerator: 'Alt+2', onPress: b } }),
    );
    const states = shortcuts.apply(
      want({ a: { accelerator: 'Alt+2', onPress: a }, b: { accelerator: 'Alt+1', onPress: b } }),
    );
    expect([...states.values()].map((s) => s.state)).toEqual(['on', 'on']);
    r.held.get('Alt+1')!();
    expect(b).toHaveBeenCalledTimes(1);
    expect(a).not.toHaveBeenCalled();
  });

  it('stays off when another application holds the keys, and tries again on the next apply', () => {
    const r = registry(['CommandOrControl+Shift+K']);
    const shortcuts = new Shortcuts(r);
    const wanted = want({ search: { accelerator: 'CommandOrControl+Shift+K', onPress: vi.fn() } });
    expect(shortcuts.apply(wanted).get('search')).toEqual({
      state: 'conflict',
      accelerator: 'CommandOrControl+Shift+K',
    });
    expect(r.held.size).toBe(0);
    r.taken.length = 0;
    expect(shortcuts.apply(wanted).get('search')).toMatchObject({ state: 'on' });
    expect(
      shortcuts.apply(want({ search: { accelerator: 'K', onPress: vi.fn() } })).get('search'),
    ).toMatchObject({
      state: 'conflict',
    });
    expect(shortcuts.apply(want({ search: { accelerator: '', onPress: vi.fn() } })).get('search')).toEqual({
      state: 'off',
    });
    expect(r.held.size).toBe(0);
  });

  it('keeps going when Electron throws for one accelerator, and reports that one as off', () => {
    const r = registry();
    const throwing: ShortcutRegistry = {
      ...r,
      register: (a, cb) => {
        if (a === 'Alt+Shift+Q') throw new TypeError(`conversion failure from ${a}`);
        return r.register(a, cb);
      },
    };
    const states = new Shortcuts(throwing).apply(
      want({
        search: { accelerator: 'Alt+Shift+Q', onPress: vi.fn() },
        'account:a': { accelerator: 'Alt+Shift+1', onPress: vi.fn() },
      }),
    );
    expect(states.get('search')).toMatchObject({ state: 'conflict' });
    expect(states.get('account:a')).toMatchObject({ state: 'on' });
  });

  it('suspends while a shortcut is recorded, and registers (resumed) when settings change meanwhile', () => {
    const r = registry();
    const suspended: boolean[] = [];
    let isSuspended = false;
    const shortcuts = new Shortcuts({
      ...r,
      register: (a, cb) => !isSuspended && r.register(a, cb),
      setSuspended: (s) => {
        isSuspended = s;
        suspended.push(s);
      },
    });
    shortcuts.suspend(true);
    const states = shortcuts.apply(want({ search: { accelerator: 'Alt+Shift+O', onPress: vi.fn() } }));
    expect(states.get('search')).toMatchObject({ state: 'on' });
    expect(isSuspended).toBe(true);
    shortcuts.suspend(false);
    expect(suspended).toEqual([true, false, true, false]);
  });

  it('accepts modifier+key accelerators only', () => {
    expect(validAccelerator('CmdOrCtrl+Alt+7')).toBe(true);
    expect(validAccelerator('Shift+F5')).toBe(true);
    expect(validAccelerator('Shift')).toBe(false);
    expect(validAccelerator('Shift+Alt')).toBe(false);
    expect(validAccelerator('A+B')).toBe(false);
    // Electron throws for key names it does not know: they never get saved.
    expect(validAccelerator('Ctrl+Foo')).toBe(false);
    expect(validAccelerator('Ctrl+ab')).toBe(false);
    for (const ok of [
      'Ctrl+Plus',
      'Alt+Space',
      'Ctrl+Shift+PageDown',
      'Super+num5',
      'Ctrl+F24',
      'Alt+`',
      'Ctrl+Esc',
    ])
      expect(validAccelerator(ok)).toBe(true);
  });
});
