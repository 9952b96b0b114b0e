import { describe, expect, it } from 'vitest';
import { displayAccelerator, recordKey, type KeyPress } from '../../renderer/src/ui/accelerator';
import { validAccelerator } from '../../main/settings';

function press(code: string, key: string, mods: Partial<KeyPress> = {}): KeyPress {
  return { code, key, ctrlKey: false, altKey: false, shiftKey: false, metaKey: false, ...mods };
}

describe('recording a shortcut', () => {
  it('builds the accelerator from the physical key, whatever character the modifiers make of it', () => {
    // Shift+Alt+1 types "⁄" or "!" depending on the layout; the shortcut is still Alt+Shift+1.
    expect(recordKey(press('Digit1', '!', { altKey: true, shiftKey: true }), false)).toEqual({
      kind: 'done',
      accelerator: 'Alt+Shift+1',
    });
    expect(recordKey(press('KeyK', 'K', { ctrlKey: true, shiftKey: true }), false)).toEqual({
      kind: 'done',
      accelerator: 'Control+Shift+K',
    });
    expect(recordKey(press('KeyE', '´', { metaKey: true, altKey: true }), true)).toEqual({
      kind: 'done',
      accelerator: 'Alt+Command+E',
    });
    expect(recordKey(press('ArrowUp', 'ArrowUp', { ctrlKey: true, metaKey: true }), false)).toEqual({
      kind: 'done',
      accelerator: 'Control+Super+Up',
    });
    expect(recordKey(press('F5', 'F5', { ctrlKey: true }), false)).toMatchObject({
      accelerator: 'Control+F5',
    });
    expect(recordKey(press('Slash', '/', { ctrlKey: true }), false)).toMatchObject({
      accelerator: 'Control+/',
    });
  });

  it('produces only accelerators that main accepts', () => {
    const codes = [
      'KeyA',
      'Digit0',
      'Numpad7',
      'F12',
      'Space',
      'Minus',
      'Backquote',
      'BracketLeft',
      'PageDown',
    ];
    for (const code of codes) {
      const r = recordKey(press(code, 'x', { ctrlKey: true, altKey: true }), false);
      expect(r.kind).toBe('done');
      if (r.kind === 'done') expect(validAccelerator(r.accelerator)).toBe(true);
    }
  });

  it('waits while only modifiers are held, and refuses a key without one', () => {
    expect(recordKey(press('ControlLeft', 'Control', { ctrlKey: true }), false)).toEqual({
      kind: 'partial',
      held: 'Control',
    });
    expect(recordKey(press('KeyA', 'a'), false)).toEqual({ kind: 'needsModifier' });
    // Shift alone is how capitals are typed.
    expect(recordKey(press('KeyA', 'A', { shiftKey: true }), false)).toEqual({ kind: 'needsModifier' });
    expect(recordKey(press('IntlRo', 'ろ', { ctrlKey: true }), false)).toEqual({ kind: 'ignored' });
    // AltGr+Q types @ on a German layout (Windows reports it as Ctrl+Alt): never a global shortcut.
    expect(recordKey(press('KeyQ', '@', { ctrlKey: true, altKey: true, altGraph: true }), false)).toEqual({
      kind: 'altGraph',
    });
  });

  it('shows accelerators the way each platform writes them', () => {
    const en = { keyCtrl: 'Ctrl', keyAlt: 'Alt', keyShift: 'Shift', keySuper: 'Super' };
    const de = { ...en, keyCtrl: 'Strg', keyShift: 'Umschalt' };
    expect(displayAccelerator('CommandOrControl+Shift+K', false, en)).toBe('Ctrl+Shift+K');
    expect(displayAccelerator('CommandOrControl+Shift+K', false, de)).toBe('Strg+Umschalt+K');
    expect(displayAccelerator('CommandOrControl+Shift+K', true, de)).toBe('⌘⇧K');
    expect(displayAccelerator('Control+Alt+1', true, en)).toBe('⌃⌥1');
    expect(displayAccelerator('Super+Up', false, en)).toBe('Super+Up');
    expect(displayAccelerator('', false, en)).toBe('');
  });
});
