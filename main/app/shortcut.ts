import { validAccelerator } from '../settings';

export { validAccelerator };

/** The part of Electron's globalShortcut this uses. */
export interface ShortcutRegistry {
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
  isRegistered(accelerator: string): boolean;
  /** Electron 35+: stops (and resumes) every registered shortcut listening, keeping the registrations. */
  setSuspended?(suspended: boolean): void;
}

export type ShortcutState =
  { state: 'off' } | { state: 'on'; accelerator: string } | { state: 'conflict'; accelerator: string };

export interface WantedShortcut {
  accelerator: string;
  onPress: () => void;
}

/**
 * Owns every global shortcut Keyfob holds (the quick search, and one per account that has one), by name.
 * Each `apply` states the whole wanted set: what is no longer wanted or changed keys is released first (so two
 * accounts can swap keys), what another application already holds is left off and reported rather than fought
 * for, and a shortcut that was taken is tried again, since the other application may have let it go.
 */
export class Shortcuts {
  private readonly held = new Map<string, string>();
  private disposed = false;
  private suspended = false;

  constructor(private readonly registry: ShortcutRegistry) {}

  /**
   * While the person records a shortcut, Keyfob's own must not fire: the system would hand the keys to them
   * (opening the palette, copying a code) instead of to the field recording them.
   */
  suspend(suspended: boolean): void {
    if (suspended === this.suspended) return;
    this.suspended = suspended;
    this.registry.setSuspended?.(suspended);
  }

  apply(wanted: ReadonlyMap<string, WantedShortcut>): Map<string, ShortcutState> {
    // Registrations fail while suspended, which would read as "taken by another application".
    const wasSuspended = this.suspended;
    this.suspend(false);
    try {
      return this.applyNow(wanted);
    } finally {
      this.suspend(wasSuspended);
    }
  }

  private applyNow(wanted: ReadonlyMap<string, WantedShortcut>): Map<string, ShortcutState> {
    for (const [name, accelerator] of [...this.held]) {
      if (wanted.get(name)?.accelerator === accelerator) continue;
      this.registry.unregister(accelerator);
      this.held.delete(name);
    }
    const states = new Map<string, ShortcutState>();
    for (const [name, { accelerator, onPress }] of wanted) {
      // Settings read late (the app quitting as it starts) must not register keys nobody will release.
      if (!accelerator || this.disposed) {
        states.set(name, { state: 'off' });
      } else if (this.held.get(name) === accelerator) {
        states.set(name, { state: 'on', accelerator });
      } else if (!validAccelerator(accelerator) || !this.tryRegister(accelerator, onPress)) {
        states.set(name, { state: 'conflict', accelerator });
      } else {
        this.held.set(name, accelerator);
        states.set(name, { state: 'on', accelerator });
      }
    }
    return states;
  }

  /** Electron throws, rather than returning false, for a key it does not know: one must not stop the rest. */
  private tryRegister(accelerator: string, onPress: () => void): boolean {
    try {
      return this.registry.register(accelerator, onPress) && this.registry.isRegistered(accelerator);
    } catch {
      return false;
    }
  }

  dispose(): void {
    this.apply(new Map());
    this.disposed = true;
  }
}

/** The shortcuts the settings ask for: the quick search, and each account's own. */
export function wantedShortcuts(
  settings: { shortcut: string; accountShortcuts: Record<string, string> },
  actions: { openPalette(): void; copy(accountId: string): void },
): Map<string, WantedShortcut> {
  const wanted = new Map<string, WantedShortcut>([
    ['search', { accelerator: settings.shortcut, onPress: actions.openPalette }],
  ]);
  for (const [id, accelerator] of Object.entries(settings.accountShortcuts)) {
    wanted.set(`account:${id}`, { accelerator, onPress: () => actions.copy(id) });
  }
  return wanted;
}

/** What the settings screen shows of them: which are off because another application holds the keys. */
export function shortcutStatus(states: ReadonlyMap<string, ShortcutState>): {
  shortcutTaken: boolean;
  accountShortcutsTaken: string[];
} {
  return {
    shortcutTaken: states.get('search')?.state === 'conflict',
    accountShortcutsTaken: [...states]
      .filter(([name, state]) => name.startsWith('account:') && state.state === 'conflict')
      .map(([name]) => name.slice('account:'.length)),
  };
}
