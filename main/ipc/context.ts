import type { FlowEvent, InvokeName, KeyfobApi } from '../../preload/api';
import { Accounts } from '../accounts';
import type { CognitoEngine } from '../cognito/engine';
import type { ProfileStore } from '../cognito/profiles';
import { FormatRegistry } from '../formats';
import { systemClock, type Clock } from '../otp/codes';
import type { Settings, SettingsStore } from '../settings';
import type { RecoveryReport, Vault } from '../vault/vault';

/**
 * What main asks the person itself before a key leaves the vault: the renderer's own confirmation could be
 * skipped by anything running in the page. `account` is the account's display name.
 */
export type ConfirmRequest = { kind: 'reveal'; account: string } | { kind: 'export'; count: number };

/**
 * The clipboard as the window's handlers use it: a code's copy is cleared when it expires (or after the timeout),
 * a copy with no finite expiry (a token) after the timeout (main/app/clipboard.ts); `keep`, where there is one,
 * leaves what it copies (an import’s report, no secret). A promise of false says the clipboard refused the text.
 */
export interface ClipboardCopier {
  copy(text: string, validUntilMs: number): void | Promise<boolean>;
  keep?(text: string): Promise<boolean>;
}

/** What a handler receives: the renderer's arguments, untrusted until validated. */
export type Handlers = { [K in InvokeName]: (...args: unknown[]) => ReturnType<KeyfobApi[K]> };

export interface CognitoServices {
  profiles: ProfileStore;
  /** Loaded on first use: the engine brings the AWS SDK. */
  engine: () => Promise<CognitoEngine>;
  /** Pushes a flow's steps to the renderer. */
  emitFlow: (event: FlowEvent) => void;
}

/**
 * What the handlers work with: the services of main/services.ts (the vault, the account use cases, Cognito,
 * settings) and the window's own parts the app provides (clipboard, screen, links, shortcuts).
 */
export interface IpcServices {
  vault: Vault;
  /** The use cases; built over `vault` when not given. */
  accounts?: Accounts;
  cognito?: CognitoServices;
  version: string;
  hostName?: string;
  platform?: string;
  clipboard?: ClipboardCopier;
  /** QR texts in a PNG/JPEG file or an RGBA frame; loaded on demand (the decoder is large). */
  qr?: {
    decodeImage(bytes: Uint8Array): Promise<string[]> | string[];
    decodeFrame(frame: { width: number; height: number; data: Uint8Array }): Promise<string[]> | string[];
  };
  clock?: Clock;
  /** settings.json, and what applies a change in main (the clipboard's clearing, start at login). */
  settings?: {
    store: SettingsStore;
    /** Applies a change in main; may report state the renderer shows (the shortcut taken by another app). */
    apply?: (settings: Settings) => Partial<Settings> | void;
    /** That state now. */
    status?: () => Partial<Settings>;
  };
  /**
   * Links handed to the app, and codes found in images, on screens or by the camera: held in main until the
   * person accepts or declines each by id.
   */
  links?: {
    take(id: string): string | undefined;
    discard(id: string): boolean;
    /** Offers found texts the same way; returns those queued. */
    add(texts: readonly unknown[]): unknown[];
  };
  /** Every display's picture, as RGBA frames (desktopCapturer in the app). */
  screen?: { capture(): Promise<Array<{ width: number; height: number; data: Uint8Array }>> };
  /** Called when the renderer says it is ready for pushes. */
  onReady?: () => void;
  /** The quick-search palette closed: the window may go back behind the application it came over. */
  palette?: { dismissed(): void };
  /** The vault's recovery at start (vault.recover()), reported to the window once it asks. */
  recovery?: () => Promise<RecoveryReport | undefined>;
  /** Keyfob's global shortcuts, suspended while the person records one. */
  shortcuts?: { suspend(suspended: boolean): void };
  /** Copying in the last seconds of a period copies the next code (default 3 s). */
  nextCodeWithinMs?: number;
  /**
   * Asks the person, outside the page (a native dialog in the app), whether a key may be shown or exported.
   * Without it nothing is revealed or exported.
   */
  confirm?: (request: ConfirmRequest) => Promise<boolean>;
  /**
   * Where a file of keys goes: main asks the person with its own save dialog (the app's; a stand-in in the host),
   * starting from `suggested`, a file name. The path chosen, or undefined when the dialog was closed.
   */
  saveFile?: (suggested: string) => Promise<string | undefined>;
}

/** The services with the defaults filled in, as each area's handlers use them. */
export interface IpcContext extends IpcServices {
  accounts: Accounts;
  clock: Clock;
}

export function contextOf(services: IpcServices): IpcContext {
  const clock = services.clock ?? systemClock;
  return {
    ...services,
    clock,
    accounts:
      services.accounts ?? new Accounts({ vault: services.vault, formats: new FormatRegistry(), clock }),
  };
}
