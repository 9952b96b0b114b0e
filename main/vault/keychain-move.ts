import { KeyfobError } from '../errors';
import { isAccountId } from './ids';
import { KEYCHAIN_CANARY, type Keychain } from './keychain';

/**
 * The names Keyfob gives its items: account ids, pool client secrets, the canary. Another program may have used
 * the old, generic service name too: its items are not Keyfob's to move.
 */
export function isKeyfobItem(account: string): boolean {
  // Mirrors CLIENT_SECRET_PREFIX (main/cognito/profiles.ts), which the vault must not import.
  return account === KEYCHAIN_CANARY || account.startsWith('pool-client-secret:') || isAccountId(account);
}

/** What a move between keychain services did; item names only (account ids, `pool-secret:…`), never values. */
export interface KeychainMove {
  from: string;
  to: string;
  /** Items now only in the new service. */
  moved: string[];
  /**
   * Items present in both services with different values: neither is touched, and the old one stays until
   * someone decides. Reported at every start until then.
   */
  conflicts: string[];
}

/** Get, set, delete and list over one service, without any moving of its own. */
export type KeychainItems = Pick<Keychain, 'get' | 'set' | 'delete' | 'list'>;

/**
 * Moves one item: copies it to `to`, reads it back, and only then deletes it from `from`. A crash between the
 * steps leaves the key in both services (never in neither), and running this again finishes the move, because
 * an identical copy already in `to` counts as copied. A different value already in `to` is never overwritten.
 */
export async function moveItem(
  from: KeychainItems,
  to: KeychainItems,
  account: string,
  value: string,
): Promise<'moved' | 'conflict'> {
  const there = await to.get(account);
  if (there !== null && there !== value) return 'conflict';
  if (there === null) {
    await to.set(account, value);
    if ((await to.get(account)) !== value) {
      throw new KeyfobError('KEYCHAIN_FAILED', 'keychainMoveNotKept', { account });
    }
  }
  await from.delete(account);
  return 'moved';
}

/**
 * Moves every item of the old service into the new one (see moveItem). Only an old service that still holds
 * the vault's canary is listed: a read of a locked Secret Service collection just returns nothing, while its
 * search can crash the process, and the canary is moved last, so its absence means there is nothing (more) to
 * do. Items without a canary (a pool's client secret saved before any account existed) move one by one when
 * first read (KeytarKeychain.get).
 */
export async function moveKeychainItems(
  from: KeychainItems,
  to: KeychainItems,
  names: { from: string; to: string },
): Promise<KeychainMove> {
  const report: KeychainMove = { ...names, moved: [], conflicts: [] };
  if ((await from.get(KEYCHAIN_CANARY)) === null) return report;
  const items = (await from.list()).filter((i) => isKeyfobItem(i.account));
  const canary = items.find((i) => i.account === KEYCHAIN_CANARY);
  for (const { account, value } of items) {
    if (account === KEYCHAIN_CANARY) continue;
    if ((await moveItem(from, to, account, value)) === 'moved') report.moved.push(account);
    else report.conflicts.push(account);
  }
  if (!canary) return report;
  if (report.conflicts.length === 0) {
    if ((await moveItem(from, to, KEYCHAIN_CANARY, canary.value)) === 'moved')
      report.moved.push(KEYCHAIN_CANARY);
    return report;
  }
  // With a conflict left behind, the old canary stays, so the next start looks (and reports) again; the new
  // service gets its own copy all the same, or the vault would take its keychain for a locked one meanwhile.
  if ((await to.get(KEYCHAIN_CANARY)) === null) await to.set(KEYCHAIN_CANARY, canary.value);
  return report;
}
