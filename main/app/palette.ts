/** The parts of a BrowserWindow the palette's return needs. */
export interface PaletteWindow {
  isDestroyed(): boolean;
  isVisible(): boolean;
  isFocused(): boolean;
  isMinimized(): boolean;
  minimize(): void;
  hide(): void;
  blur(): void;
}

/** How the window was when the shortcut brought it up. */
export type WindowBefore = 'inUse' | 'hidden' | 'minimized' | 'behind' | 'none';

export function windowBefore(window: PaletteWindow | undefined): WindowBefore {
  if (window === undefined || window.isDestroyed()) return 'none';
  if (!window.isVisible()) return 'hidden';
  if (window.isMinimized()) return 'minimized';
  return window.isFocused() ? 'inUse' : 'behind';
}

/**
 * The quick-search palette lives in the one window: the shortcut brings the window forward with the palette
 * open. Closing the palette puts the window back as it was (hidden, minimised, or behind the application the
 * person was in), so they are where they were with the code on the clipboard to paste. When they were already
 * using Keyfob, it stays.
 */
export class PaletteReturn {
  private before: WindowBefore | undefined;

  constructor(
    private readonly platform: string,
    /** app.hide() on macOS: hides Keyfob and gives focus back to the application before it. */
    private readonly hideApp: () => void,
  ) {}

  /** Call before the shortcut shows the window. */
  opening(window: PaletteWindow | undefined): void {
    // A second press while the palette is open keeps what the first one saw.
    this.before ??= windowBefore(window);
  }

  /** The page went away (reload, crash) with the palette open: nothing is waiting to be put back. */
  reset(): void {
    this.before = undefined;
  }

  dismissed(window: PaletteWindow | undefined): void {
    const before = this.before;
    this.before = undefined;
    if (before === undefined || before === 'inUse' || window === undefined || window.isDestroyed()) return;
    if (this.platform === 'darwin') {
      this.hideApp();
      return;
    }
    if (before === 'hidden') window.hide();
    else if (before === 'minimized' || before === 'none') window.minimize();
    // Windows and Linux have no "give focus back to the previous application"; blur lets the system choose.
    else window.blur();
  }
}
