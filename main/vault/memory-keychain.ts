import { KeyfobError } from '../errors';
import type { Keychain, KeychainKind } from './keychain';

/**
 * An in-process keychain for unit tests; `locked` makes it behave like a locked collection. A test may have it
 * call itself another kind, to see how messages name that one.
 */
export class MemoryKeychain implements Keychain {
  constructor(
    readonly kind: KeychainKind = 'memory',
    readonly service = 'memory',
  ) {}

  readonly items = new Map<string, string>();
  locked = false;

  private check(): void {
    if (this.locked) throw new KeyfobError('KEYCHAIN_LOCKED', 'keychainMemoryLocked');
  }

  async get(account: string): Promise<string | null> {
    this.check();
    return this.items.get(account) ?? null;
  }

  async set(account: string, value: string): Promise<void> {
    this.check();
    this.items.set(account, value);
  }

  async delete(account: string): Promise<boolean> {
    this.check();
    return this.items.delete(account);
  }

  async list(): Promise<Array<{ account: string; value: string }>> {
    this.check();
    return [...this.items].map(([account, value]) => ({ account, value }));
  }
}
