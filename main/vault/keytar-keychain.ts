import type { ErrorKey } from '../../preload/api';
import { KeyfobError } from '../errors';
import {
  KEYCHAIN_CANARY,
  keychainService,
  legacyKeychainServices,
  type Keychain,
  type KeychainKind,
} from './keychain';
import { moveItem, moveKeychainItems, type KeychainItems, type KeychainMove } from './keychain-move';

type Keytar = typeof import('keytar');
/** A request to the keychain, as a code the catalogues word (errorWords.keychainOperation). */
type KeychainOperation = 'read' | 'write' | 'delete' | 'list';

/** Long enough to type a password into an unlock prompt; short enough that a headless session gets an answer. */
export const DEFAULT_KEYCHAIN_TIMEOUT_MS = 30_000;

export interface KeytarKeychainOptions {
  service?: string;
  timeoutMs?: number;
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  /** For tests of the error mapping; the real module is loaded on first use so `keyfob code --uri` never loads it. */
  keytar?: Keytar;
  /**
   * Services whose items move into `service` before its first use (see keychain-move.ts). Defaults to the
   * names Keyfob used before, unless `service` or KEYFOB_KEYCHAIN_SERVICE names the service.
   */
  legacyServices?: readonly string[];
  /** Told what a move did; by default only items left behind (conflicts) are logged, on stderr. */
  onMove?: (move: KeychainMove) => void;
}

/** Names only: a person decides which copy is right (Passwords and Keys, Keychain Access, Credential Manager). */
/**
 * The default report, for the app's log (its console, which no window shows): the CLI passes its own, worded
 * from its catalogue in the language of LANG (keychainMoveConflicts).
 */
function reportConflicts(move: KeychainMove): void {
  if (move.conflicts.length === 0) return;
  console.warn(
    `Keyfob: ${move.conflicts.length} keychain item(s) of the old service "${move.from}" were not moved to "${move.to}", which already holds different values under the same names: ${move.conflicts.join(', ')}. Both copies were kept.`,
  );
}

function timeoutFromEnv(env: NodeJS.ProcessEnv): number | undefined {
  const seconds = Number(env.KEYFOB_KEYCHAIN_TIMEOUT);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}

/** keytar: macOS Keychain, Windows Credential Vault, the Secret Service (GNOME Keyring, KWallet) on Linux. */
export class KeytarKeychain implements Keychain {
  readonly service: string;
  readonly kind: KeychainKind;
  private readonly timeoutMs: number;
  private readonly platform: NodeJS.Platform;
  private readonly env: NodeJS.ProcessEnv;
  private readonly legacy: readonly string[];
  private readonly onMove: (move: KeychainMove) => void;
  private module: Keytar | undefined;
  private moving: Promise<void> | undefined;

  constructor(options: KeytarKeychainOptions = {}) {
    this.env = options.env ?? process.env;
    this.platform = options.platform ?? process.platform;
    this.service = options.service ?? keychainService(this.env);
    this.timeoutMs = options.timeoutMs ?? timeoutFromEnv(this.env) ?? DEFAULT_KEYCHAIN_TIMEOUT_MS;
    this.module = options.keytar;
    this.legacy = (
      options.legacyServices ?? (options.service === undefined ? legacyKeychainServices(this.env) : [])
    ).filter((name) => name !== this.service);
    this.onMove = options.onMove ?? reportConflicts;
    this.kind =
      this.platform === 'darwin' ? 'macos' : this.platform === 'win32' ? 'windows' : 'secretService';
  }

  private load(): Keytar {
    if (!this.module) {
      try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        this.module = require('keytar') as Keytar;
      } catch (error) {
        // On Linux the fix starts with libsecret, which keytar needs at run time.
        throw new KeyfobError('KEYCHAIN_UNAVAILABLE', 'keychainModuleMissing', undefined, {
          cause: error,
          ...(this.platform === 'linux' ? { variant: 'linux' } : {}),
        });
      }
    }
    return this.module;
  }

  private async call<T>(what: KeychainOperation, run: (keytar: Keytar) => Promise<T>): Promise<T> {
    const keytar = this.load();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(this.timedOut(what)), this.timeoutMs);
      // The CLI must be free to exit while a stuck keychain call is still pending in the thread pool.
      timer.unref();
    });
    try {
      return await Promise.race([run(keytar), timeout]);
    } catch (error) {
      throw error instanceof KeyfobError ? error : this.classify(error);
    } finally {
      clearTimeout(timer);
    }
  }

  /** One service's items, with nothing moved: what the move itself reads and writes. */
  private items(service: string): KeychainItems {
    return {
      get: (account) => this.call('read', (k) => k.getPassword(service, account)),
      set: (account, value) => this.call('write', (k) => k.setPassword(service, account, value)),
      delete: (account) => this.call('delete', (k) => k.deletePassword(service, account)),
      list: async () =>
        (await this.call('list', (k) => k.findCredentials(service))).map(({ account, password }) => ({
          account,
          value: password,
        })),
    };
  }

  /**
   * Moves the old services' items in, once per process, before anything reads or writes. A failure is thrown
   * to the caller (it is the same keychain, so the caller's own request would fail too) and the move is tried
   * again on the next request: nothing is deleted from the old service unless its copy is in place. A
   * keychain that does not answer is reported as not answering the caller's own request (`what`).
   */
  private async ready(what: KeychainOperation): Promise<void> {
    if (this.legacy.length === 0) return;
    this.moving ??= (async () => {
      for (const old of this.legacy) {
        this.onMove(
          await moveKeychainItems(this.items(old), this.items(this.service), { from: old, to: this.service }),
        );
      }
    })().catch((error: unknown) => {
      this.moving = undefined;
      throw error;
    });
    try {
      await this.moving;
    } catch (error) {
      throw error instanceof KeyfobError && error.key === 'keychainTimedOut' ? this.timedOut(what) : error;
    }
  }

  async get(account: string): Promise<string | null> {
    await this.ready('read');
    const current = this.items(this.service);
    const value = await current.get(account);
    // The canary only ever moves with everything else, or a locked keychain would look like a moved one.
    if (value !== null || account === KEYCHAIN_CANARY) return value;
    for (const old of this.legacy) {
      const stray = await this.items(old).get(account);
      if (stray === null) continue;
      const outcome = await moveItem(this.items(old), current, account, stray);
      // A conflict here means another process stored a value meanwhile: that one is the current one.
      return outcome === 'moved' ? stray : current.get(account);
    }
    return null;
  }

  async set(account: string, value: string): Promise<void> {
    await this.ready('write');
    await this.items(this.service).set(account, value);
  }

  /** Deletes the item from the old services too: a copy left there would come back on the next read. */
  async delete(account: string): Promise<boolean> {
    await this.ready('delete');
    let deleted = await this.items(this.service).delete(account);
    for (const old of this.legacy) {
      if (await this.items(old).delete(account)) deleted = true;
    }
    return deleted;
  }

  async list(): Promise<Array<{ account: string; value: string }>> {
    await this.ready('list');
    return this.items(this.service).list();
  }

  /** Which unlock advice fits on Linux: KWallet's on KDE Plasma, GNOME Keyring's elsewhere. */
  private linuxDesktop(): 'kde' | 'gnome' {
    const desktop = `${this.env.XDG_CURRENT_DESKTOP ?? ''} ${this.env.DESKTOP_SESSION ?? ''}`;
    return /kde|plasma/i.test(desktop) ? 'kde' : 'gnome';
  }

  /** The unlock advice that fits: KWallet's or GNOME Keyring's on Linux, Keychain Access on macOS, Windows' own. */
  private unlockVariant(): { variant?: 'kde' | 'gnome' | 'darwin' } {
    if (this.platform === 'linux') return { variant: this.linuxDesktop() };
    return this.platform === 'darwin' ? { variant: 'darwin' } : {};
  }

  private timedOut(operation: KeychainOperation): KeyfobError {
    const seconds = Math.round(this.timeoutMs / 1000);
    return new KeyfobError(
      'KEYCHAIN_LOCKED',
      'keychainTimedOut',
      { operation, seconds },
      this.unlockVariant(),
    );
  }

  /** Maps what keytar's three backends say onto a cause and a fix. keytar's messages never contain the secret. */
  classify(error: unknown): KeyfobError {
    const text = error instanceof Error ? error.message : String(error);
    const fail = (
      code: 'KEYCHAIN_UNAVAILABLE' | 'KEYCHAIN_LOCKED' | 'KEYCHAIN_FAILED',
      key: ErrorKey,
      params?: Record<string, string | number>,
      variant?: string,
    ) => new KeyfobError(code, key, params, { cause: error, ...(variant !== undefined ? { variant } : {}) });

    if (this.platform === 'linux') {
      if (
        /autolaunch|DBUS_SESSION_BUS_ADDRESS|Could not connect|Failed to connect to socket|No such file or directory.*bus/i.test(
          text,
        )
      ) {
        return fail('KEYCHAIN_UNAVAILABLE', 'keychainNoDbus');
      }
      if (/not provided by any \.service files|ServiceUnknown|org\.freedesktop\.secrets/i.test(text)) {
        return fail('KEYCHAIN_UNAVAILABLE', 'keychainNoSecretService');
      }
      if (/collection\/login|Object does not exist at path|No such (secret )?collection/i.test(text)) {
        return fail('KEYCHAIN_UNAVAILABLE', 'keychainNoLoginKeyring');
      }
      if (/locked|prompt|dismiss|cancel/i.test(text)) {
        return fail('KEYCHAIN_LOCKED', 'keychainLinuxLocked', undefined, this.linuxDesktop());
      }
    }
    if (
      this.platform === 'darwin' &&
      /User interaction is not allowed|-25308|locked|user canceled|-128/i.test(text)
    ) {
      return fail('KEYCHAIN_LOCKED', 'keychainMacLocked');
    }
    if (this.platform === 'win32' && /logon session|credential manager|0x80070520/i.test(text)) {
      return fail('KEYCHAIN_UNAVAILABLE', 'keychainWindowsUnavailable');
    }
    return fail('KEYCHAIN_FAILED', 'keychainRefused', { detail: text });
  }
}
