/**
 * The one thing the vault needs from an OS keychain. Items belong to one service (`dev.keyfob.Keyfob` by
 * default) and are keyed by an account string; values are opaque text. Implementations throw KeyfobError with
 * the codes KEYCHAIN_UNAVAILABLE, KEYCHAIN_LOCKED or KEYCHAIN_FAILED, never an error that carries a secret.
 * Swapping keytar for another binding means writing one more implementation of this interface.
 */
/** Which store holds the items, as a code the catalogues word (errorWords.keychainKind). */
export type KeychainKind = 'macos' | 'windows' | 'secretService' | 'memory';

export interface Keychain {
  /** Where the items live, for messages: the kind of keychain (worded by the catalogues) and the service. */
  readonly kind: KeychainKind;
  readonly service: string;
  get(account: string): Promise<string | null>;
  set(account: string, value: string): Promise<void>;
  /** True when an item was there to delete. */
  delete(account: string): Promise<boolean>;
  list(): Promise<Array<{ account: string; value: string }>>;
}

/**
 * Reverse-DNS, like the app id, so that Keyfob's items cannot be mistaken for (or collide with) those of any
 * other program that happens to call its service "Keyfob".
 */
export const DEFAULT_KEYCHAIN_SERVICE = 'dev.keyfob.Keyfob';

/** Service names Keyfob used before, oldest first: their items move to the current one at first use. */
export const LEGACY_KEYCHAIN_SERVICES: readonly string[] = ['Keyfob'];

/**
 * The item the vault keeps to tell a locked keychain from an empty one (vault.ts). A move between services
 * copies it last, so an old service that still has it still has something to move.
 */
export const KEYCHAIN_CANARY = 'keyfob-vault';

export function keychainService(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.KEYFOB_KEYCHAIN_SERVICE?.trim();
  return fromEnv ? fromEnv : DEFAULT_KEYCHAIN_SERVICE;
}

/**
 * The services whose items move into keychainService(env). None when KEYFOB_KEYCHAIN_SERVICE names a service:
 * whoever chose it (a test, a second profile) must not have the everyday vault pulled into it.
 */
export function legacyKeychainServices(env: NodeJS.ProcessEnv = process.env): readonly string[] {
  return env.KEYFOB_KEYCHAIN_SERVICE?.trim() ? [] : LEGACY_KEYCHAIN_SERVICES;
}
