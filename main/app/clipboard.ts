/**
 * The system clipboard, as far as codes are concerned. Electron's clipboard fits it (its readText and
 * writeText return promises); a synchronous fake does too.
 */
export interface ClipboardText {
  writeText(text: string): void | Promise<void>;
  readText(): string | Promise<string>;
}

export interface Clock {
  now(): number;
}

/** setTimeout/clearTimeout, injected so tests can use fake timers and the main process its own. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface ClipboardSettings {
  /** 'expiry': clear when the copied code stops being valid; 'timeout': clear timeoutMs after copying. */
  mode: 'expiry' | 'timeout';
  timeoutMs: number;
}

export const DEFAULT_CLIPBOARD_SETTINGS: ClipboardSettings = { mode: 'expiry', timeoutMs: 30_000 };

/** Node's timers cannot wait longer than this; a longer delay would fire at once. */
const MAX_DELAY_MS = 2 ** 31 - 1;

export interface CodeClipboardDeps {
  clipboard: ClipboardText;
  clock: Clock;
  timers: Timers;
  settings?: Partial<ClipboardSettings>;
}

/**
 * Copies one-time codes and takes them off the clipboard again, so a code does not sit there for the next
 * paste, clipboard manager or screen share. A code is cleared only while the clipboard still holds exactly
 * that code: anything the user copied since is theirs, and wiping it would lose their data.
 */
export class CodeClipboard {
  readonly #clipboard: ClipboardText;
  readonly #clock: Clock;
  readonly #timers: Timers;
  #settings: ClipboardSettings;
  /** Bumped by every copy, so work started for an older copy can tell it has been overtaken. */
  #generation = 0;
  #pending: { code: string; handle: unknown } | undefined;

  constructor(deps: CodeClipboardDeps) {
    this.#clipboard = deps.clipboard;
    this.#clock = deps.clock;
    this.#timers = deps.timers;
    this.#settings = checked({ ...DEFAULT_CLIPBOARD_SETTINGS, ...deps.settings });
  }

  get settings(): ClipboardSettings {
    return { ...this.#settings };
  }

  /** Applies to the next copy; a clear already scheduled keeps its time. */
  configure(settings: Partial<ClipboardSettings>): void {
    this.#settings = checked({ ...this.#settings, ...settings });
  }

  /** Whether a copied code is still waiting to be cleared. */
  get pending(): boolean {
    return this.#pending !== undefined;
  }

  /**
   * Puts `code` on the clipboard and schedules its removal: at `validUntilMs` (epoch milliseconds) in expiry
   * mode, after the timeout otherwise. A code without a finite expiry (HOTP codes stay valid until used), or
   * one further away than a timer can wait, falls back to the timeout rather than staying forever.
   * Callers may ignore the result (the IPC layer's CodeCopier returns void), so it never rejects: it
   * resolves false, with nothing scheduled, if the clipboard refused the code.
   */
  copy(code: string, validUntilMs: number): Promise<boolean> {
    if (typeof code !== 'string' || code === '') throw new TypeError('There is no code to copy.');
    this.#cancel();
    return this.#write(code, validUntilMs, ++this.#generation);
  }

  async #write(code: string, validUntilMs: number, generation: number): Promise<boolean> {
    try {
      await this.#clipboard.writeText(code);
    } catch {
      console.warn('Keyfob could not put a code on the clipboard.');
      return false;
    }
    // A later copy while this one was being written owns the clipboard and the schedule now.
    if (generation !== this.#generation) return true;
    const { mode, timeoutMs } = this.#settings;
    let delay = timeoutMs;
    if (mode === 'expiry' && Number.isFinite(validUntilMs)) {
      const untilExpiry = Math.max(0, validUntilMs - this.#clock.now());
      if (untilExpiry <= MAX_DELAY_MS) delay = untilExpiry;
    }
    const pending: { code: string; handle: unknown } = { code, handle: undefined };
    pending.handle = this.#timers.setTimeout(() => {
      if (this.#pending === pending) this.#pending = undefined;
      void this.#clearIfStill(code, generation);
    }, delay);
    this.#pending = pending;
    return true;
  }

  /**
   * Puts `text` on the clipboard and leaves it there: what the person copies to paste elsewhere (an import's
   * report) holds no secret and is theirs. A code's clear still scheduled finds the code gone and leaves it
   * too. Resolves false if the clipboard refused it.
   */
  async keep(text: string): Promise<boolean> {
    try {
      await this.#clipboard.writeText(text);
      return true;
    } catch {
      console.warn('Keyfob could not put text on the clipboard.');
      return false;
    }
  }

  /** On quit a scheduled clear would never run, so it runs now. */
  async dispose(): Promise<void> {
    const pending = this.#pending;
    if (pending === undefined) return;
    this.#cancel();
    await this.#clearIfStill(pending.code, this.#generation);
  }

  #cancel(): void {
    if (this.#pending !== undefined) this.#timers.clearTimeout(this.#pending.handle);
    this.#pending = undefined;
  }

  async #clearIfStill(code: string, generation: number): Promise<void> {
    try {
      const current = await this.#clipboard.readText();
      // Reading is asynchronous: a copy made meanwhile has written its own code, which must stay.
      if (current === code && generation === this.#generation) await this.#clipboard.writeText('');
    } catch {
      // If we cannot tell what is there, it may be the user's: leave it. Nothing is logged (it is a code).
    }
  }
}

function checked(settings: ClipboardSettings): ClipboardSettings {
  if (settings.mode !== 'expiry' && settings.mode !== 'timeout') {
    throw new RangeError(`Unknown clipboard mode: ${String(settings.mode)}.`);
  }
  const { timeoutMs } = settings;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > MAX_DELAY_MS) {
    throw new RangeError('The clipboard timeout must be a whole number of milliseconds, at least 1.');
  }
  return { mode: settings.mode, timeoutMs };
}
