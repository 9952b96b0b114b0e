import type { ImportReport } from '../../preload/api';
import type { FormatRegistry } from '../formats';
import type { ExportResult } from '../formats/types';
import { systemClock, type Clock } from '../otp/codes';
import type { Vault } from '../vault/vault';
import { codeBatch, codeToCopy, type CodeCopier } from './codes';
import { exportAccounts } from './export';
import { readImport, storeImport, type ImportInput, type ImportRead, type ReadOptions } from './import';

export { codeBatch, codeToCopy, type CodeCopier } from './codes';
export { exportAccounts } from './export';
export {
  readImport,
  storeImport,
  textInput,
  type ImportInput,
  type ImportRead,
  type ReadOptions,
} from './import';

/**
 * The account use cases the command line and the window share: import (read, then store), export, copying a
 * code, the codes of every account. Each front end words the results in its own way.
 */
export class Accounts {
  readonly vault: Vault;
  readonly formats: FormatRegistry;
  private readonly clock: Clock;

  constructor(options: { vault: Vault; formats: FormatRegistry; clock?: Clock }) {
    this.vault = options.vault;
    this.formats = options.formats;
    this.clock = options.clock ?? systemClock;
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

  export(formatId: string): Promise<ExportResult> {
    return exportAccounts(this.vault, this.formats, formatId);
  }

  /** Copies an account's code (the next one in the last `nextWithinMs` of a period). */
  async copyCode(id: string, clipboard: CodeCopier | undefined, nextWithinMs = 3000) {
    const { code, next, validUntil } = await codeToCopy(this.vault, this.clock, id, nextWithinMs);
    clipboard?.copy(code, validUntil);
    // For "recently used". Only the app copies through here; the CLI's `keyfob code` stays read-only. The code
    // is on the clipboard already, so a failure to note when (the account removed meanwhile) is not the copy's.
    await this.vault.markUsed(id).catch(() => undefined);
    return { code, next };
  }

  codes(now = this.clock.now()) {
    return codeBatch(this.vault, now);
  }
}
