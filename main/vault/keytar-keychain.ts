import type { ErrorKey } from '../../preload/api';
import { KeyfobError } from '../errors';
import { keychainService, type Keychain } from './keychain';

type Keytar = typeof import('keytar');

/** Long enough to type a password into an unlock prompt; short enough that a headless session gets an answer. */
export const DEFAULT_KEYCHAIN_TIMEOUT_MS = 30_000;

export interface KeytarKeychainOptions {
  service?: string;
  timeoutMs?: number;
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  /** For tests of the error mapping; the real module is loaded on first use so `keyfob code --uri` never loads it. */
  keytar?: Keytar;
}

function timeoutFromEnv(env: NodeJS.ProcessEnv): number | undefined {
  const seconds = Number(env.KEYFOB_KEYCHAIN_TIMEOUT);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}

/** keytar: macOS Keychain, Windows Credential Vault, the Secret Service (GNOME Keyring, KWallet) on Linux. */
export class KeytarKeychain implements Keychain {
  readonly service: string;
  readonly description: string;
  private readonly timeoutMs: number;
  private readonly platform: NodeJS.Platform;
  private readonly env: NodeJS.ProcessEnv;
  private module: Keytar | undefined;

  constructor(options: KeytarKeychainOptions = {}) {
    this.env = options.env ?? process.env;
    this.platform = options.platform ?? process.platform;
    this.service = options.service ?? keychainService(this.env);
    this.timeoutMs = options.timeoutMs ?? timeoutFromEnv(this.env) ?? DEFAULT_KEYCHAIN_TIMEOUT_MS;
    this.module = options.keytar;
    const where =
      this.platform === 'darwin'
        ? 'macOS Keychain'
        : this.platform === 'win32'
          ? 'Windows Credential Manager'
          : 'Secret Service';
    this.description = `${where} (service "${this.service}")`;
  }

  private load(): Keytar {
    if (!this.module) {
      try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        this.module = require('keytar') as Keytar;
      } catch (error) {
        throw new KeyfobError(
          'KEYCHAIN_UNAVAILABLE',
          'The keychain module (keytar) could not be loaded.',
          this.platform === 'linux'
            ? 'Install libsecret (Debian/Ubuntu: sudo apt-get install libsecret-1-0, and libsecret-1-dev to build from source); in a source checkout, run `npm ci` again so keytar is rebuilt.'
            : 'Run `npm ci` again so keytar is rebuilt for this machine.',
          {
            cause: error,
            key: 'keychainModuleMissing',
            params: { platform: this.platform === 'linux' ? 'linux' : 'other' },
          },
        );
      }
    }
    return this.module;
  }

  private async call<T>(what: string, run: (keytar: Keytar) => Promise<T>): Promise<T> {
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

  get(account: string): Promise<string | null> {
    return this.call('read', (k) => k.getPassword(this.service, account));
  }

  set(account: string, value: string): Promise<void> {
    return this.call('write', (k) => k.setPassword(this.service, account, value));
  }

  delete(account: string): Promise<boolean> {
    return this.call('delete', (k) => k.deletePassword(this.service, account));
  }

  async list(): Promise<Array<{ account: string; value: string }>> {
    const found = await this.call('list', (k) => k.findCredentials(this.service));
    return found.map(({ account, password }) => ({ account, value: password }));
  }

  /** Which unlock advice fits on Linux: KWallet's on KDE Plasma, GNOME Keyring's elsewhere. */
  private linuxDesktop(): 'kde' | 'gnome' {
    const desktop = `${this.env.XDG_CURRENT_DESKTOP ?? ''} ${this.env.DESKTOP_SESSION ?? ''}`;
    return /kde|plasma/i.test(desktop) ? 'kde' : 'gnome';
  }

  /** The platform whose advice a message gives: Linux, macOS, or (any other) Windows. */
  private hintPlatform(): 'linux' | 'darwin' | 'win32' {
    return this.platform === 'linux' || this.platform === 'darwin' ? this.platform : 'win32';
  }

  private linuxLockedHint(): string {
    if (this.linuxDesktop() === 'kde') {
      return 'Open KWallet Manager and unlock your wallet (and make sure "Secret Service" integration is enabled), then try again.';
    }
    return 'Unlock the "Login" keyring (in Passwords and Keys / Seahorse, or from a terminal: gnome-keyring-daemon --unlock, typing your password), then try again.';
  }

  private timedOut(what: string): KeyfobError {
    const seconds = Math.round(this.timeoutMs / 1000);
    return new KeyfobError(
      'KEYCHAIN_LOCKED',
      `The keychain did not answer a ${what} request within ${seconds} s; it is probably locked and waiting for an unlock prompt that cannot be shown here.`,
      this.platform === 'linux'
        ? this.linuxLockedHint()
        : this.platform === 'darwin'
          ? 'Unlock the login keychain in Keychain Access, then try again.'
          : 'Sign in to Windows interactively and try again.',
      {
        key: 'keychainTimedOut',
        // `operation` is read, write, delete or list.
        params: { operation: what, seconds, platform: this.hintPlatform(), desktop: this.linuxDesktop() },
      },
    );
  }

  /** Maps what keytar's three backends say onto a cause and a fix. keytar's messages never contain the secret. */
  classify(error: unknown): KeyfobError {
    const text = error instanceof Error ? error.message : String(error);
    const fail = (
      code: 'KEYCHAIN_UNAVAILABLE' | 'KEYCHAIN_LOCKED' | 'KEYCHAIN_FAILED',
      message: string,
      hint: string,
      key: ErrorKey,
      params?: Record<string, string | number>,
    ) => new KeyfobError(code, message, hint, { cause: error, key, ...(params ? { params } : {}) });

    if (this.platform === 'linux') {
      if (
        /autolaunch|DBUS_SESSION_BUS_ADDRESS|Could not connect|Failed to connect to socket|No such file or directory.*bus/i.test(
          text,
        )
      ) {
        return fail(
          'KEYCHAIN_UNAVAILABLE',
          'No D-Bus session bus is running, so Keyfob cannot reach the Secret Service that holds its keys.',
          'Run Keyfob inside your desktop session. On a headless machine start one with GNOME Keyring: ' +
            'dbus-run-session -- sh -c \'printf %s "$PASSWORD" | gnome-keyring-daemon --unlock --components=secrets; keyfob …\'',
          'keychainNoDbus',
        );
      }
      if (/not provided by any \.service files|ServiceUnknown|org\.freedesktop\.secrets/i.test(text)) {
        return fail(
          'KEYCHAIN_UNAVAILABLE',
          'No Secret Service is running (neither GNOME Keyring nor KWallet answers on D-Bus).',
          "Install and start GNOME Keyring (Debian/Ubuntu: sudo apt-get install gnome-keyring) or enable KWallet's Secret Service integration, then try again.",
          'keychainNoSecretService',
        );
      }
      if (/collection\/login|Object does not exist at path|No such (secret )?collection/i.test(text)) {
        return fail(
          'KEYCHAIN_UNAVAILABLE',
          'The Secret Service has no "Login" keyring (collection) to store keys in, and could not create one here.',
          'Open Passwords and Keys (Seahorse), create a keyring named "Login" and make it the default; or, headless: printf %s "$PASSWORD" | gnome-keyring-daemon --unlock creates and unlocks it.',
          'keychainNoLoginKeyring',
        );
      }
      if (/locked|prompt|dismiss|cancel/i.test(text)) {
        return fail(
          'KEYCHAIN_LOCKED',
          "The keyring that holds Keyfob's keys is locked.",
          this.linuxLockedHint(),
          'keychainLinuxLocked',
          { desktop: this.linuxDesktop() },
        );
      }
    }
    if (
      this.platform === 'darwin' &&
      /User interaction is not allowed|-25308|locked|user canceled|-128/i.test(text)
    ) {
      return fail(
        'KEYCHAIN_LOCKED',
        'The macOS keychain is locked or access was declined.',
        'Unlock the login keychain in Keychain Access and allow Keyfob access, then try again.',
        'keychainMacLocked',
      );
    }
    if (this.platform === 'win32' && /logon session|credential manager|0x80070520/i.test(text)) {
      return fail(
        'KEYCHAIN_UNAVAILABLE',
        'Windows Credential Manager is not available in this session.',
        'Sign in to Windows interactively (not as a service or over a network logon) and try again.',
        'keychainWindowsUnavailable',
      );
    }
    return fail(
      'KEYCHAIN_FAILED',
      `The keychain refused the request: ${text}`,
      'Check that your keychain is unlocked and working, then try again.',
      'keychainRefused',
      { detail: text },
    );
  }
}
