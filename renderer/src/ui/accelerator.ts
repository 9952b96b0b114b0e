/**
 * Key presses to Electron accelerators and back to what people read. Built from `KeyboardEvent.code` (the
 * physical key), not `key`: with Shift or Alt held, `key` is the shifted character (Shift+1 gives "!",
 * Alt+E on a Mac gives "´"), which is not what the person pressed.
 */
export interface KeyPress {
  code: string;
  key: string;
  ctrlKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
  /** AltGr held (getModifierState('AltGraph')): Windows reports it as Ctrl+Alt. */
  altGraph?: boolean;
}

const NAMED: Record<string, string> = {
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
  Space: 'Space',
  Enter: 'Enter',
  Backspace: 'Backspace',
  Delete: 'Delete',
  Insert: 'Insert',
  Home: 'Home',
  End: 'End',
  PageUp: 'PageUp',
  PageDown: 'PageDown',
  Minus: '-',
  Equal: '=',
  BracketLeft: '[',
  BracketRight: ']',
  Backslash: '\\',
  Semicolon: ';',
  Quote: "'",
  Comma: ',',
  Period: '.',
  Slash: '/',
  Backquote: '`',
};

function keyName(code: string): string | undefined {
  let m = /^Key([A-Z])$/.exec(code);
  if (m) return m[1];
  m = /^Digit([0-9])$/.exec(code);
  if (m) return m[1];
  m = /^Numpad([0-9])$/.exec(code);
  if (m) return `num${m[1]}`;
  if (/^F([1-9]|1[0-9]|2[0-4])$/.test(code)) return code;
  return NAMED[code];
}

const MODIFIER_KEYS = new Set(['Control', 'Alt', 'Shift', 'Meta', 'AltGraph', 'OS']);

export type Recorded =
  /** Only modifiers so far: what is held, to show while the person finds the key. */
  | { kind: 'partial'; held: string }
  /** A key without a modifier: it would swallow that key everywhere. */
  | { kind: 'needsModifier' }
  /**
   * AltGr with a key types a character on many layouts (@, {, [ on German ones); as a global shortcut it would
   * stop that character being typed anywhere.
   */
  | { kind: 'altGraph' }
  | { kind: 'done'; accelerator: string }
  | { kind: 'ignored' };

export function recordKey(press: KeyPress, mac: boolean): Recorded {
  const modifiers = [
    press.ctrlKey && 'Control',
    press.altKey && 'Alt',
    press.shiftKey && 'Shift',
    press.metaKey && (mac ? 'Command' : 'Super'),
  ].filter((m): m is string => typeof m === 'string');
  if (MODIFIER_KEYS.has(press.key)) return { kind: 'partial', held: modifiers.join('+') };
  const key = keyName(press.code);
  if (key === undefined) return { kind: 'ignored' };
  if (press.altGraph) return { kind: 'altGraph' };
  // Shift alone with a letter or digit is how people type capitals and symbols.
  if (modifiers.length === 0 || (modifiers.length === 1 && modifiers[0] === 'Shift')) {
    return { kind: 'needsModifier' };
  }
  return { kind: 'done', accelerator: [...modifiers, key].join('+') };
}

const MAC_SYMBOLS: Record<string, string> = {
  command: '⌘',
  cmd: '⌘',
  control: '⌃',
  ctrl: '⌃',
  commandorcontrol: '⌘',
  cmdorctrl: '⌘',
  alt: '⌥',
  option: '⌥',
  shift: '⇧',
};

/** The modifier keys' names on Windows and Linux keyboards, from the catalogue (a German keyboard says Strg). */
export interface KeyNames {
  keyCtrl: string;
  keyAlt: string;
  keyShift: string;
  keySuper: string;
}

const OTHER_NAMES: Record<string, keyof KeyNames> = {
  control: 'keyCtrl',
  ctrl: 'keyCtrl',
  commandorcontrol: 'keyCtrl',
  cmdorctrl: 'keyCtrl',
  super: 'keySuper',
  meta: 'keySuper',
  alt: 'keyAlt',
  shift: 'keyShift',
};

/** ⌘⇧K on a Mac, Ctrl+Shift+K elsewhere (Strg+Umschalt+K in German). */
export function displayAccelerator(accelerator: string, mac: boolean, names: KeyNames): string {
  if (!accelerator) return '';
  const parts = accelerator.split('+');
  const key = parts.pop() ?? '';
  if (mac) return parts.map((p) => MAC_SYMBOLS[p.toLowerCase()] ?? p).join('') + key;
  return [
    ...parts.map((p) => {
      const name = OTHER_NAMES[p.toLowerCase()];
      return name ? names[name] : p;
    }),
    key,
  ].join('+');
}
