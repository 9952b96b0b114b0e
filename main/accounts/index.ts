import type { ImportReport } from '../../preload/api';
import type { FormatRegistry } from '../formats';
import type { ExportFile, ExportOptions, ExportResult } from '../formats/types';
import { systemClock, type Clock } from '../otp/codes';
import type { Account, Vault } from '../vault/vault';
import { codeBatch, codeToCopy, type CodeCopier } from './codes';
import { exportFile, exportLines } from './export';
import { readImport, storeImport, type ImportInput, type ImportRead, type ReadOptions } from './import';

export { codeBatch, codeToCopy, type CodeCopier } from './codes';
export { exportAccounts, exportFile, exportLines, isExportFile } from './export';
export {
  readImport,
  storeImport,
  textInput,
  type ImportInput,
  type ImportRead,
  type ReadOptions,
} from './import';

/** Runs `run` after `ms`; returns what cancels it. Tests pass one they run by hand. */
export type Schedule = (run: () => void, ms: number) => () => void;

/** How long a removal from the window waits for its Undo before the key is deleted. */
export const UNDO_MS = 5000;

const timeout: Schedule = (run, ms) => {
  const handle = setTimeout(run, ms);
  // A removal waiting for its Undo must not keep a test's process (or the preview) alive; the app lives on.
  handle.unref?.();
  return () => clearTimeout(handle);
};

/**
 * The account use cases the command line and the window share: import (read, then store), export, copying a
 * code, the codes of every account. Each front end words the results in its own way.
 */
export class Accounts {
  readonly vault: Vault;
  readonly formats: FormatRegistry;
  private readonly clock: Clock;
  private readonly undoMs: number;
  private readonly schedule: Schedule;
  /** Removals waiting for their Undo: what finishes each, and what cancels its timer. */
  private readonly removals = new Map<string, { finish: () => Promise<void>; cancel: () => void }>();

  constructor(options: {
    vault: Vault;
    formats: FormatRegistry;
    clock?: Clock;
    /** How long remove() waits for an Undo (default UNDO_MS), and the timer it waits with. */
    undoMs?: number;
    schedule?: Schedule;
  }) {
    this.vault = options.vault;
    this.formats = options.formats;
    this.clock = options.clock ?? systemClock;
    this.undoMs = options.undoMs ?? UNDO_MS;
    this.schedule = options.schedule ?? timeout;
  }

  /** What the inputs hold; nothing is stored. */
  read(inputs: readonly ImportInput[], options: ReadOptions = {}): Promise<ImportRead> {
    return readImport(this.formats, inputs, options);
  }

  /** Stores what was read, in one report. */
  store(read: ImportRead, options: { allowDuplicates?: boolean } = {}): Promise<ImportReport> {
    return storeImport(this.vault, read, options);
  }

  async import(
    inputs: readonly ImportInput[],
    options: ReadOptions & { allowDuplicates?: boolean } = {},
  ): Promise<ImportReport> {
    return this.store(await this.read(inputs, options), options);
  }

  /** An export of lines (links, Google Authenticator's QR codes' texts). */
  export(formatId: string): Promise<ExportResult> {
    return exportLines(this.vault, this.formats, formatId);
  }

  /**
   * An export that is one file: an Aegis vault, sealed with `options.password` unless `options.plain`. The
   * CLI's `export --format aegis`, and the window's encrypted backup (exportBackup, after main's question).
   */
  exportFile(formatId: string, options: ExportOptions): Promise<ExportFile> {
    return exportFile(this.vault, this.formats, formatId, options);
  }

  /**
   * Copies an account's code (the next one in the last `nextWithinMs` of a period), with how long it stays
   * valid from now (`validForMs`), which is when the clipboard clears it unless Settings say otherwise.
   */
  async copyCode(id: string, clipboard: CodeCopier | undefined, nextWithinMs = 3000) {
    const now = this.clock.now();
    const { code, next, validUntil } = await codeToCopy(this.vault, this.clock, id, nextWithinMs);
    clipboard?.copy(code, validUntil);
    // For "recently used". Only the app copies through here; the CLI's `keyfob code` stays read-only. The code
    // is on the clipboard already, so a failure to note when (the account removed meanwhile) is not the copy's.
    await this.vault.markUsed(id).catch(() => undefined);
    return { code, next, validForMs: Math.max(0, validUntil - now) };
  }

  /**
   * The window's Delete: the account is hidden at once (gone from lists, codes, the tray and the CLI), and its
   * key is deleted from the keychain after `undoMs` unless undoRemove() comes first; then `onRemoved` runs
   * (the window's shortcut for it is forgotten). The app's quit finishes a removal still waiting
   * (finishRemovals); one left by a process that ended otherwise is completed by the next start's recovery. The CLI's `keyfob remove` deletes at once (vault.remove).
   */
  async remove(
    id: string,
    options: { onRemoved?: (account: Account) => Promise<void> | void } = {},
  ): Promise<{ account: Account; undoMs: number }> {
    const account = await this.vault.hide(id, this.clock.now() + this.undoMs);
    const finish = async (): Promise<void> => {
      if (this.removals.get(id)?.finish !== finish) return;
      this.removals.delete(id);
      if (await this.vault.finishRemoval(id)) await options.onRemoved?.(account);
    };
    const waiting = { finish, cancel: () => undefined as void };
    this.removals.set(id, waiting);
    // A key that cannot be deleted now (a locked keychain) stays hidden, and the next start deletes it.
    waiting.cancel = this.schedule(() => void finish().catch(() => undefined), this.undoMs);
    return { account, undoMs: this.undoMs };
  }

  /** Whether a removal still waits for its undo time (the app's quit finishes it first: finishRemovals). */
  get removing(): boolean {
    return this.removals.size > 0;
  }

  /**
   * Deletes now the keys still waiting for their undo time: the app is quitting, and its Undo goes with the
   * window. Without this, a key the person deleted would stay in the keychain until Keyfob's next start.
   */
  async finishRemovals(): Promise<void> {
    await Promise.all(
      [...this.removals.values()].map((waiting) => {
        waiting.cancel();
        return waiting.finish().catch(() => undefined);
      }),
    );
  }

  /** Lists a removed account again, if its key is still there (within the undo time). */
  async undoRemove(id: string): Promise<Account> {
    const waiting = this.removals.get(id);
    if (waiting) {
      waiting.cancel();
      this.removals.delete(id);
    }
    return this.vault.unhide(id);
  }

  codes(now = this.clock.now()) {
    return codeBatch(this.vault, now);
  }
}
