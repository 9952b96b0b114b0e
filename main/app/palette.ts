/** The parts of a BrowserWindow the palette's return needs. */
export interface PaletteWindow {
  isDestroyed(): boolean;
  isVisible(): boolean;
  isFocused(): boolean;
  isMinimized(): boolean;
  minimize(): void;
}

/**
 * The quick-search palette lives in the one window: the shortcut brings the window forward with the palette
 * open. When it came up from behind other applications (or from the dock or taskbar), closing the palette
 * sends it back, so the person is where they were, with the code on the clipboard to paste. When they were
 * already using Keyfob, it stays.
 */
export class PaletteReturn {
  private cameFromBehind = false;

  constructor(
    private readonly platform: string,
    /** app.hide() on macOS: hides Keyfob and gives focus back to the application before it. */
    private readonly hideApp: () => void,
  ) {}

  /** Call before the shortcut shows the window. */
  opening(window: PaletteWindow | undefined): void {
    const inUse =
      window !== undefined &&
      !window.isDestroyed() &&
      window.isVisible() &&
      !window.isMinimized() &&
      window.isFocused();
    // A second press while the palette is open keeps what the first one saw.
    this.cameFromBehind ||= !inUse;
  }

  dismissed(window: PaletteWindow | undefined): void {
    const back = this.cameFromBehind;
    this.cameFromBehind = false;
    if (!back || window === undefined || window.isDestroyed()) return;
    // Windows and Linux have no "give focus back to the previous application"; minimising does that there.
    if (this.platform === 'darwin') this.hideApp();
    else window.minimize();
  }
}
