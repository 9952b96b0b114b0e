import type { JsonStore } from './store';

/**
 * Tells listeners when the list of accounts changed: after this process's own writes and when the file
 * changes on disk (the CLI, another Keyfob). Only real changes to what a list shows are reported, each once
 * with the list as it is then; writes that change nothing visible (an HOTP counter, a used time step) are not.
 * The folder is watched only while someone listens, so a CLI run never starts a watch.
 */
export class ChangeFeed<A> {
  private readonly listeners = new Set<(list: A[]) => void>();
  private stop: (() => void) | undefined;
  private last: string | undefined;
  private checking: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: JsonStore<unknown>,
    private readonly list: () => Promise<A[]>,
    /** What of an item a list shows: a change elsewhere (a counter) is no change. */
    private readonly shown: (item: A) => unknown = (item) => item,
    private readonly debounceMs = 100,
  ) {}

  subscribe(listener: (list: A[]) => void): () => void {
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.start();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.close();
    };
  }

  close(): void {
    this.listeners.clear();
    this.stop?.();
    this.stop = undefined;
    this.last = undefined;
  }

  private start(): void {
    const stopWatching = this.store.watch(() => this.check(), this.debounceMs);
    const stopWrites = this.store.onWrite(() => this.check());
    this.stop = () => {
      stopWatching();
      stopWrites();
    };
    // No first reading to compare with: a change made meanwhile would be taken for the starting point and
    // never reported. So the first check after subscribing always reports, at worst the list a listener has.
  }

  private signature(list: A[]): string {
    return JSON.stringify(list.map(this.shown));
  }

  /** Checks one after another, so two quick changes are never reported out of order. */
  private check(): void {
    this.checking = this.checking.then(async () => {
      if (this.listeners.size === 0) return;
      let list: A[];
      try {
        list = await this.list();
      } catch {
        // Unreadable for now (a locked keychain does not matter here; an unreadable file is reported elsewhere).
        return;
      }
      const signature = this.signature(list);
      if (signature === this.last) return;
      this.last = signature;
      for (const listener of [...this.listeners]) {
        // One listener's failure (a window gone, a tray being rebuilt) must not stop the others, nor every
        // later report: the chain of checks lives as long as the vault.
        try {
          listener(list);
        } catch {
          // the listener's own business
        }
      }
    });
  }
}
