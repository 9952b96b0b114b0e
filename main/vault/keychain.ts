/**
 * The one thing the vault needs from an OS keychain. Items belong to one service (`Keyfob` by default) and are
 * keyed by an account string; values are opaque text. Implementations throw KeyfobError with the codes
 * KEYCHAIN_UNAVAILABLE, KEYCHAIN_LOCKED or KEYCHAIN_FAILED, never an error that carries a secret.
 * Swapping keytar for another binding means writing one more implementation of this interface.
 */
export interface Keychain {
  /** Where the items live, for messages: "Secret Service (service Keyfob)". */
  readonly description: string;
  get(account: string): Promise<string | null>;
  set(account: string, value: string): Promise<void>;
  /** True when an item was there to delete. */
  delete(account: string): Promise<boolean>;
  list(): Promise<Array<{ account: string; value: string }>>;
}

export const DEFAULT_KEYCHAIN_SERVICE = 'Keyfob';

export function keychainService(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.KEYFOB_KEYCHAIN_SERVICE?.trim();
  return fromEnv ? fromEnv : DEFAULT_KEYCHAIN_SERVICE;
}
