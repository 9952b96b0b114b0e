import { Accounts } from './accounts';
import type { CognitoEngine, EngineOptions } from './cognito/engine';
import { ProfileStore } from './cognito/profiles';
import { KeyfobError } from './errors';
import { FormatRegistry } from './formats';
import { systemClock, type Clock } from './otp/codes';
import { SettingsStore } from './settings';
import type { Keychain } from './vault/keychain';
import type { Unreadable } from './vault/store';
import { Vault, type RecoveryReport } from './vault/vault';

export interface ServicesOptions {
  /** The data folder: accounts.json, pools.json, settings.json. */
  dataDir: string;
  keychain: Keychain;
  clock?: Clock;
  /** Keep keys in memory once read: the app does (it makes every code each second), the CLI does not. */
  cacheSecrets?: boolean;
  /**
   * Loads the Cognito code (the AWS SDK, most of the JavaScript): the app imports it, the CLI requires its own
   * file (dist/cli/cognito.js) through a code cache. Without it, Cognito is not available.
   */
  loadCognito?: () => Promise<{ CognitoEngine: typeof CognitoEngine }>;
  /** Further engine options (a test's clock, a host name). */
  engine?: Partial<Omit<EngineOptions, 'vault' | 'profiles'>>;
  /** An unreadable pools.json was kept under another name; why, as a code the catalogues word. */
  onProfilesMovedAside?: (path: string, why: Unreadable) => void;
}

export interface Services {
  dataDir: string;
  keychain: Keychain;
  clock: Clock;
  vault: Vault;
  formats: FormatRegistry;
  accounts: Accounts;
  profiles: ProfileStore;
  settings: SettingsStore;
  /**
   * The vault's start-up recovery (finishing interrupted adds and removals, looking for keys without a record),
   * run once however often it is asked for: the app and the e2e harness ask at start, the CLI with the command
   * that needs the vault. The Cognito engine waits for it before it touches a key.
   */
  recovery(): Promise<RecoveryReport>;
  /**
   * Built on first use, with the Cognito code loaded then. The recovery above starts with it and runs while the
   * code loads and the engine signs in: a sign-in needs the vault only once Cognito asks for a code.
   */
  cognitoEngine(): Promise<CognitoEngine>;
  /** Stops what runs in the background (the vault's watch on its folder). */
  close(): void;
}

/**
 * The one composition root: the app (main/app/main.ts), the CLI and the tests build the same objects here,
 * from a data folder, a keychain and a clock. Nothing here imports Electron.
 */
export function createServices(options: ServicesOptions): Services {
  const clock = options.clock ?? systemClock;
  const vault = new Vault({
    dir: options.dataDir,
    keychain: options.keychain,
    clock,
    ...(options.cacheSecrets ? { cacheSecrets: true } : {}),
  });
  const formats = new FormatRegistry();
  const profiles = new ProfileStore(options.dataDir, options.keychain, options.onProfilesMovedAside);
  let engine: Promise<CognitoEngine> | undefined;
  let recovery: Promise<RecoveryReport> | undefined;
  const recover = () => (recovery ??= vault.recover());
  return {
    dataDir: options.dataDir,
    keychain: options.keychain,
    clock,
    vault,
    formats,
    accounts: new Accounts({ vault, formats, clock }),
    profiles,
    settings: new SettingsStore(options.dataDir),
    recovery: recover,
    cognitoEngine() {
      const load = options.loadCognito;
      if (!load) return Promise.reject(new KeyfobError('PROFILE_NOT_FOUND', 'cognitoUnavailable'));
      if (engine) return engine;
      // Whoever asked for the recovery hears how it failed; the engine then uses the vault all the same, and a
      // vault that cannot be used says so itself, with the call that needed it.
      const opened = recover().then(
        () => vault,
        () => vault,
      );
      engine = load().then(
        ({ CognitoEngine }) => new CognitoEngine({ ...options.engine, vault: opened, profiles }),
        (error: unknown) => {
          engine = undefined;
          throw error;
        },
      );
      return engine;
    },
    close() {
      vault.close();
    },
  };
}
