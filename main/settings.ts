import * as v from 'valibot';
import languages from '../locales/languages.json';
import { accountSort, density } from '../preload/schemas';
import type { SettingsView } from '../preload/api';
import { KeyfobError } from './errors';
import { JsonStore, type Parsed } from './vault/store';

/** What the person chose in Settings; kept in settings.json beside accounts.json. Never a secret. */
export type Settings = SettingsView;

export const DEFAULT_SETTINGS: Settings = {
  shortcut: 'CommandOrControl+Shift+K',
  clipboardClear: 'expiry',
  clipboardTimeoutSeconds: 30,
  theme: 'system',
  density: 'comfortable',
  startAtLogin: false,
  accountShortcuts: {},
  sort: 'manual',
};

const SCHEMA = 1;

interface SettingsFile {
  schema: number;
  settings: Settings;
}

/**
 * A language of locales/languages.json by its code; an older saved code (`zh` before it became `zh-CN`) still
 * reads as the language it meant.
 */
function languageCode(value: unknown): string {
  const found = languages.find(
    (l: { code: string; saved?: string[] }) => l.code === value || l.saved?.includes(String(value)),
  );
  if (!found) throw invalid('language');
  return found.code;
}

/** What was not usable, as a code the catalogues word (errorWords.settingWhat). */
type SettingWhat =
  | 'language'
  | 'setting'
  | 'clipboard'
  | 'theme'
  | 'density'
  | 'sort'
  | 'startAtLogin'
  | 'accountShortcut'
  | 'accountShortcutCount';

function invalid(what: SettingWhat): KeyfobError {
  return new KeyfobError('PARAMS_INVALID', 'settingsValueInvalid', { what });
}

/** Checks a partial change from the renderer (untrusted) and merges it into `current`. */
export function mergeSettings(current: Settings, change: unknown): Settings {
  if (typeof change !== 'object' || change === null || Array.isArray(change)) throw invalid('setting');
  const c = change as Record<string, unknown>;
  const next: Settings = { ...current };
  for (const [key, value] of Object.entries(c)) {
    switch (key) {
      case 'clipboardClear':
        if (value !== 'expiry' && value !== 'timeout') throw invalid('clipboard');
        next.clipboardClear = value;
        break;
      case 'clipboardTimeoutSeconds':
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 5 || value > 600)
          throw new KeyfobError('PARAMS_INVALID', 'clipboardSeconds');
        next.clipboardTimeoutSeconds = value;
        break;
      case 'theme':
        if (value !== 'system' && value !== 'light' && value !== 'dark') throw invalid('theme');
        next.theme = value;
        break;
      case 'density':
        if (!v.is(density, value)) throw invalid('density');
        next.density = value;
        break;
      case 'sort':
        if (!v.is(accountSort, value)) throw invalid('sort');
        next.sort = value;
        break;
      case 'language':
        if (value === null) delete next.language;
        else next.language = languageCode(value);
        break;
      case 'shortcut':
        if (typeof value !== 'string' || (value !== '' && !validAccelerator(value)))
          throw new KeyfobError('PARAMS_INVALID', 'shortcutNeedsModifier');
        next.shortcut = value;
        break;
      case 'accountShortcuts':
        next.accountShortcuts = accountShortcuts(value);
        break;
      case 'startAtLogin':
        if (typeof value !== 'boolean') throw invalid('startAtLogin');
        next.startAtLogin = value;
        break;
      default:
        throw invalid('setting');
    }
  }
  // One key combination, one action: the second registration would fail and look like another app's doing.
  const seen = new Set<string>();
  const quickSearch = next.shortcut ? acceleratorKey(next.shortcut) : undefined;
  for (const accelerator of Object.values(next.accountShortcuts)) {
    const key = acceleratorKey(accelerator);
    if (key === quickSearch || seen.has(key))
      throw new KeyfobError(
        'PARAMS_INVALID',
        key === quickSearch ? 'shortcutIsQuickSearch' : 'shortcutTwice',
        { accelerator },
      );
    seen.add(key);
  }
  return next;
}

const ACCOUNT_ID = /^[0-9a-f-]{36}$/;

function accountShortcuts(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid('accountShortcut');
  const entries = Object.entries(value as Record<string, unknown>);
  // Far more than anyone binds; the limit keeps a hostile renderer from growing settings.json without end.
  if (entries.length > 200) throw invalid('accountShortcutCount');
  const out: Record<string, string> = {};
  for (const [account, accelerator] of entries) {
    if (!ACCOUNT_ID.test(account)) throw invalid('accountShortcut');
    if (typeof accelerator !== 'string' || !validAccelerator(accelerator))
      // An account's shortcut cannot be left empty here, and the example is one for an account.
      throw new KeyfobError('PARAMS_INVALID', 'shortcutNeedsModifier', undefined, { variant: 'account' });
    out[account] = accelerator;
  }
  return out;
}

const ALIASES: Record<string, string> = {
  cmd: 'command',
  ctrl: 'control',
  cmdorctrl: 'commandorcontrol',
  option: 'alt',
  meta: 'super',
};

const KEY_ALIASES: Record<string, string> = { return: 'enter', esc: 'escape' };

/**
 * The same key combination however it is spelled: modifiers in any order, aliases, any case, and
 * CommandOrControl as the key it is on this platform (Control+Shift+K is CommandOrControl+Shift+K on Linux).
 */
export function acceleratorKey(accelerator: string, platform: string = process.platform): string {
  const parts = accelerator.split('+').map((p) => p.trim().toLowerCase());
  const last = parts.pop() ?? '';
  const key = KEY_ALIASES[last] ?? last;
  const commandOrControl = platform === 'darwin' ? 'command' : 'control';
  const modifiers = parts
    .map((p) => ALIASES[p] ?? p)
    .map((p) => (p === 'commandorcontrol' ? commandOrControl : p))
    // On a Mac, Super (Meta) is the Command key.
    .map((p) => (platform === 'darwin' && p === 'super' ? 'command' : p))
    .sort();
  return [...new Set(modifiers), key].join('+');
}

function parse(text: string): Parsed<SettingsFile> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, why: { reason: 'notJson' } };
  }
  const file = json as Partial<SettingsFile> | null;
  if (!file || typeof file.schema !== 'number') return { ok: false, why: { reason: 'noSchema' } };
  if (file.schema > SCHEMA) return { ok: 'newer', schema: file.schema };
  try {
    // Unknown or broken values fall back to the defaults one by one, rather than losing every choice.
    let settings = { ...DEFAULT_SETTINGS };
    const { accountShortcuts: shortcuts, ...rest } = (file.settings ?? {}) as Partial<Settings>;
    for (const [k, v] of Object.entries(rest)) {
      try {
        settings = mergeSettings(settings, { [k]: v });
      } catch {
        // keep the default for this one
      }
    }
    // One by one too: a hand-edited or older entry must not take every account's shortcut with it.
    if (typeof shortcuts === 'object' && shortcuts !== null) {
      for (const [id, accelerator] of Object.entries(shortcuts)) {
        try {
          settings = mergeSettings(settings, {
            accountShortcuts: { ...settings.accountShortcuts, [id]: accelerator },
          });
        } catch {
          // left out
        }
      }
    }
    return { ok: true, file: { schema: SCHEMA, settings } };
  } catch {
    return { ok: false, why: { reason: 'settingsMalformed' } };
  }
}

export class SettingsStore {
  private readonly store: JsonStore<SettingsFile>;

  constructor(dir: string) {
    this.store = new JsonStore(dir, {
      fileName: 'settings.json',
      what: 'settings',
      parse,
      empty: () => ({ schema: SCHEMA, settings: { ...DEFAULT_SETTINGS } }),
    });
  }

  async get(): Promise<Settings> {
    return { ...(await this.store.read()).file.settings };
  }

  async update(change: unknown): Promise<Settings> {
    return this.store.update((f) => {
      f.settings = mergeSettings(f.settings, change);
      return { save: true, value: { ...f.settings } };
    });
  }

  /**
   * Sets ('' removes) one account's shortcut inside one read-modify-write, so a change made meanwhile (another
   * account's shortcut, a removal) is never overwritten with an older copy of the map.
   */
  async setAccountShortcut(accountId: string, accelerator: string): Promise<Settings> {
    return this.store.update((f) => {
      const { [accountId]: _old, ...others } = f.settings.accountShortcuts;
      f.settings = mergeSettings(f.settings, {
        accountShortcuts: accelerator ? { ...others, [accountId]: accelerator } : others,
      });
      return { save: true, value: { ...f.settings } };
    });
  }

  /** Drops the shortcuts of accounts that are gone (removed here, by the CLI, or by a Cognito re-enrollment). */
  async keepAccountShortcuts(accountIds: ReadonlySet<string>): Promise<Settings | undefined> {
    return this.store.update((f) => {
      const kept = Object.entries(f.settings.accountShortcuts).filter(([id]) => accountIds.has(id));
      if (kept.length === Object.keys(f.settings.accountShortcuts).length)
        return { save: false, value: undefined };
      f.settings = { ...f.settings, accountShortcuts: Object.fromEntries(kept) };
      return { save: true, value: { ...f.settings } };
    });
  }
}

const MODIFIERS =
  /^(Command|Cmd|Control|Ctrl|CommandOrControl|CmdOrCtrl|Alt|Option|AltGr|Shift|Super|Meta)$/i;

/**
 * The key codes Electron's accelerators know (docs: Accelerator, "Available key codes"). Anything else makes
 * globalShortcut.register throw rather than fail, so it is refused here, before it is saved.
 */
const KEY_NAMES = new Set(
  [
    ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
    ...Array.from({ length: 24 }, (_, i) => `F${i + 1}`),
    ...')!@#$%^&*(:;+=<,_->.?/~`{][|\\}"\'',
    'Plus',
    'Space',
    'Tab',
    'Capslock',
    'Numlock',
    'Scrolllock',
    'Backspace',
    'Delete',
    'Insert',
    'Return',
    'Enter',
    'Up',
    'Down',
    'Left',
    'Right',
    'Home',
    'End',
    'PageUp',
    'PageDown',
    'Escape',
    'Esc',
    'VolumeUp',
    'VolumeDown',
    'VolumeMute',
    'MediaNextTrack',
    'MediaPreviousTrack',
    'MediaStop',
    'MediaPlayPause',
    'PrintScreen',
    ...Array.from({ length: 10 }, (_, i) => `num${i}`),
    'numdec',
    'numadd',
    'numsub',
    'nummult',
    'numdiv',
  ].map((k) => k.toLowerCase()),
);

/** An Electron accelerator with at least one modifier and one key: a bare key would swallow typing everywhere. */
export function validAccelerator(value: string): boolean {
  // A "+" key is spelled Plus, so splitting on + is safe.
  const parts = value.split('+').map((p) => p.trim());
  if (parts.length < 2 || parts.some((p) => p === '')) return false;
  const key = parts[parts.length - 1]!;
  return parts.slice(0, -1).every((p) => MODIFIERS.test(p)) && KEY_NAMES.has(key.toLowerCase());
}
