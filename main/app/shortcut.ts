import { validAccelerator } from '../settings';

export { validAccelerator };

/** The part of Electron's globalShortcut this uses. */
export interface ShortcutRegistry {
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
  isRegistered(accelerator: string): boolean;
}

export type ShortcutState =
  { state: 'off' } | { state: 'on'; accelerator: string } | { state: 'conflict'; accelerator: string };

/**
 * Owns the one global shortcut: registers the chosen accelerator, and when another application already holds
 * it, leaves it off and says so rather than fighting for it.
 */
export class GlobalShortcut {
  private current: string | undefined;

  constructor(
    private readonly registry: ShortcutRegistry,
    private readonly onPress: () => void,
  ) {}

  apply(accelerator: string | undefined): ShortcutState {
    if (this.current) {
      this.registry.unregister(this.current);
      this.current = undefined;
    }
    if (!accelerator) return { state: 'off' };
    if (!validAccelerator(accelerator)) return { state: 'conflict', accelerator };
    const ok = this.registry.register(accelerator, this.onPress);
    if (!ok || !this.registry.isRegistered(accelerator)) return { state: 'conflict', accelerator };
    this.current = accelerator;
    return { state: 'on', accelerator };
  }

  dispose(): void {
    this.apply(undefined);
  }
}
