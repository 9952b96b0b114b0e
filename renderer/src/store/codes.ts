import type { CodeBatch, CodeView } from '../../../preload/api';

export interface ShownCode extends CodeView {
  /**
   * Time left when this code was first shown. CSS animations placed from it run the ring and, in the last five
   * seconds, show the next code: the row renders once per code, not once per second.
   */
  ringMs: number;
}

/**
 * The codes of every account, fed one batch per second. A row re-renders only when its code changes: the
 * countdown ring and the next code's appearance are CSS animations, so a tick of hundreds of accounts touches
 * almost nothing.
 */
export class CodeStore {
  private readonly shown = new Map<string, ShownCode>();
  private readonly keys = new Map<string, string>();
  private readonly listeners = new Map<string, Set<() => void>>();

  update(batch: CodeBatch): void {
    for (const c of batch.codes) {
      const key = `${c.code}|${c.period}`;
      if (this.keys.get(c.id) === key) continue;
      this.keys.set(c.id, key);
      this.shown.set(c.id, { ...c, ringMs: c.remainingMs });
      this.listeners.get(c.id)?.forEach((l) => l());
    }
  }

  subscribe(id: string, listener: () => void): () => void {
    let set = this.listeners.get(id);
    if (!set) this.listeners.set(id, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  get(id: string): ShownCode | undefined {
    return this.shown.get(id);
  }
}
