import { randomBytes } from 'node:crypto';
import { promises as fs, watch as watchFolder, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { KeyfobError } from '../errors';
import { ALGORITHMS, MAX_DIGITS, MIN_DIGITS, STEAM_DIGITS, type Algorithm, type OtpType } from '../otp/types';
import { cleanName, ICON_CHOICE, unnamed } from './names';

export const SCHEMA_VERSION = 1;
export const METADATA_FILE = 'accounts.json';

/**
 * `adding` and `removing` are intents written before the keychain is touched, so that a crash between the
 * two stores leaves something the next start can finish: an `adding` record whose secret made it becomes
 * active, one whose secret did not is dropped; a `removing` record has its secret deleted and goes.
 */
export type RecordStatus = 'active' | 'pending' | 'adding' | 'removing';

export interface CognitoLink {
  profile: string;
  username: string;
}

export interface AccountRecord {
  id: string;
  issuer: string;
  label: string;
  type: OtpType;
  algorithm: Algorithm;
  digits: number;
  period: number;
  counter: number;
  icon?: string;
  order: number;
  createdAt: string;
  status: RecordStatus;
  /** The status an `adding` record takes once its secret is stored. */
  target?: 'active' | 'pending';
  cognito?: CognitoLink;
  extra?: Record<string, string>;
  /** The last TOTP time step whose code was sent to a service; services refuse a code used twice. */
  lastUsedStep?: number;
  /** Pinned on top of the list. */
  favourite?: boolean;
  /** The person's own words to filter the list by (plain text, see names.ts). */
  tags?: string[];
  /**
   * The picture the person chose: a brand icon's slug, or "letter"; absent, the issuer picks it. Not `icon`, which
   * keeps the image link an import brought (otpauth's `image`).
   */
  iconOverride?: string;
  /** When a person last copied its code in the app (ISO time), for "recently used". */
  lastUsed?: string;
  /**
   * On a `removing` record: the removal waits for the person's Undo until `until` (epoch ms), in process `pid`,
   * and Undo gives the record back the status it `was`. Recovery leaves it to that process while both hold.
   */
  undo?: UndoMark;
}

export interface UndoMark {
  until: number;
  pid: number;
  was: 'active' | 'pending';
}

function isUndoMark(value: unknown): value is UndoMark {
  return (
    isObject(value) &&
    Number.isSafeInteger(value.until) &&
    Number.isSafeInteger(value.pid) &&
    (value.was === 'active' || value.was === 'pending')
  );
}

export interface VaultFile {
  schema: number;
  /** Set once Keyfob has stored its canary item, so a keychain that returns nothing can be told apart from an empty one. */
  keychainCanary: boolean;
  accounts: AccountRecord[];
}

export function emptyVaultFile(): VaultFile {
  return { schema: SCHEMA_VERSION, keychainCanary: false, accounts: [] };
}

const LOCK_WAIT_MS = 10_000;
/** A lock older than this belongs to a process that hung or died on another machine sharing the folder. */
const LOCK_STALE_MS = 30_000;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return isObject(value) && Object.values(value).every((v) => typeof v === 'string');
}

function isRecord(value: unknown): value is AccountRecord {
  if (!isObject(value)) return false;
  const v = value;
  const digitsOk =
    typeof v.digits === 'number' &&
    (v.type === 'steam' ? v.digits === STEAM_DIGITS : v.digits >= MIN_DIGITS && v.digits <= MAX_DIGITS);
  return (
    typeof v.id === 'string' &&
    v.id.length > 0 &&
    typeof v.issuer === 'string' &&
    typeof v.label === 'string' &&
    (v.type === 'totp' || v.type === 'hotp' || v.type === 'steam') &&
    (ALGORITHMS as readonly unknown[]).includes(v.algorithm) &&
    digitsOk &&
    Number.isSafeInteger(v.period) &&
    (v.period as number) > 0 &&
    Number.isSafeInteger(v.counter) &&
    (v.counter as number) >= 0 &&
    typeof v.order === 'number' &&
    typeof v.createdAt === 'string' &&
    (v.status === 'active' || v.status === 'pending' || v.status === 'adding' || v.status === 'removing') &&
    (v.target === undefined || v.target === 'active' || v.target === 'pending') &&
    (v.icon === undefined || typeof v.icon === 'string') &&
    (v.extra === undefined || isStringRecord(v.extra)) &&
    (v.lastUsedStep === undefined || Number.isSafeInteger(v.lastUsedStep)) &&
    (v.undo === undefined || (v.status === 'removing' && isUndoMark(v.undo))) &&
    (v.cognito === undefined ||
      (isObject(v.cognito) &&
        typeof v.cognito.profile === 'string' &&
        typeof v.cognito.username === 'string'))
  );
}

/**
 * The organising fields came after schema 1 without a new version: a file from an older Keyfob simply has none,
 * and an older Keyfob keeps them (it writes back the records it read). One that is malformed (a hand edit) is
 * dropped rather than costing the whole file its place.
 */
function keepOrganising(record: AccountRecord): AccountRecord {
  const r = record as AccountRecord & Record<string, unknown>;
  if (r.favourite !== undefined && typeof r.favourite !== 'boolean') delete r.favourite;
  if (r.tags !== undefined && !(Array.isArray(r.tags) && r.tags.every((t) => typeof t === 'string')))
    delete r.tags;
  if (
    r.iconOverride !== undefined &&
    !(typeof r.iconOverride === 'string' && ICON_CHOICE.test(r.iconOverride))
  )
    delete r.iconOverride;
  if (r.lastUsed !== undefined && !(typeof r.lastUsed === 'string' && !Number.isNaN(Date.parse(r.lastUsed))))
    delete r.lastUsed;
  return record;
}

/**
 * Names stored before Keyfob cleaned them (issue 9) are cleaned as they are read, so that the list, the tray and
 * the CLI never show a control or direction character; the next save keeps the clean names, and the account stays.
 */
function withCleanNames(record: AccountRecord): AccountRecord {
  record.issuer = cleanName(record.issuer);
  record.label = cleanName(record.label) || unnamed();
  return record;
}

function parseVaultFile(text: string): Parsed<VaultFile> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, why: { reason: 'notJson' } };
  }
  if (!isObject(json) || typeof json.schema !== 'number') return { ok: false, why: { reason: 'noSchema' } };
  if (json.schema > SCHEMA_VERSION) return { ok: 'newer', schema: json.schema };
  if (json.schema !== SCHEMA_VERSION)
    return { ok: false, why: { reason: 'schemaUnknown', schema: json.schema } };
  if (!Array.isArray(json.accounts) || !json.accounts.every(isRecord)) {
    return { ok: false, why: { reason: 'accountMalformed' } };
  }
  const ids = new Set(json.accounts.map((a) => a.id));
  if (ids.size !== json.accounts.length) return { ok: false, why: { reason: 'idShared' } };
  return {
    ok: true,
    file: {
      schema: SCHEMA_VERSION,
      keychainCanary: json.keychainCanary === true,
      accounts: json.accounts.map((r) => keepOrganising(withCleanNames(r))),
    },
  };
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, but another user's.
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/** What was done to the file, as a code the catalogues word (errorWords.ioAction). */
type IoAction = 'read' | 'moveAside' | 'write' | 'create' | 'lock';

function ioError(action: IoAction, path: string, error: unknown): KeyfobError {
  const code = (error as NodeJS.ErrnoException)?.code;
  // Two causes a person can fix get words of their own; any other is named by the system's code.
  const variant =
    code === 'EACCES' || code === 'EPERM'
      ? 'permission'
      : code === 'ENOSPC'
        ? 'diskFull'
        : code === undefined
          ? 'unknown'
          : undefined;
  return new KeyfobError(
    'IO_FAILED',
    'vaultIoFailed',
    { action, path, code: code ?? '' },
    { cause: error, ...(variant !== undefined ? { variant } : {}) },
  );
}

export interface ReadResult<T> {
  file: T;
  /** Where an unreadable file was moved, when it was, and why it could not be read. */
  movedAside?: { path: string; why: Unreadable };
}

/**
 * Why a store's file could not be read, as a code the catalogues word (errorWords.unreadable.<reason>, nested
 * in the messages that say the file was moved aside), with the number it names, if any.
 */
export type Unreadable =
  | {
      reason:
        'notJson' | 'noSchema' | 'accountMalformed' | 'idShared' | 'poolMalformed' | 'settingsMalformed';
    }
  | { reason: 'schemaUnknown'; schema: number };

export type Parsed<T> =
  { ok: true; file: T } | { ok: false; why: Unreadable } | { ok: 'newer'; schema: number };

/** What a store's file holds. */
export type StoreContent = 'accounts' | 'settings' | 'poolProfiles';

export interface JsonStoreOptions<T> {
  fileName: string;
  /** What the file holds, for messages: a code the catalogues word (errorWords.storeWhat). */
  what: StoreContent;
  parse: (text: string) => Parsed<T>;
  empty: () => T;
}

/**
 * A JSON file in the data folder shared by the app and the CLI. Every change happens under a lock file,
 * re-reads the file, and replaces it atomically: temp file, fsync, rename, fsync of the folder. An unreadable
 * file is moved aside and reported, never overwritten; one written by a newer Keyfob is left alone.
 */
export class JsonStore<T> {
  readonly file: string;
  private readonly lockFile: string;
  private readonly fileName: string;
  private readonly what: StoreContent;
  private readonly parseText: (text: string) => Parsed<T>;
  private readonly empty: () => T;
  private readonly written = new Set<() => void>();

  constructor(
    readonly dir: string,
    options: JsonStoreOptions<T>,
  ) {
    this.fileName = options.fileName;
    this.what = options.what;
    this.parseText = options.parse;
    this.empty = options.empty;
    this.file = join(dir, options.fileName);
    this.lockFile = `${this.file}.lock`;
  }

  /** Reads without locking; an unreadable file is moved aside under the lock, never overwritten. */
  async read(): Promise<ReadResult<T>> {
    const first = await this.readParsed();
    if (first === undefined) return { file: this.empty() };
    if (first.ok === true) return { file: first.file };
    return this.withLock(() => this.readOrMoveAside());
  }

  /**
   * Runs `work` under the lock with a fresh copy of the file, saving nothing: for a step outside the file (the
   * keychain) that must not interleave with another process's change of it.
   */
  async whileLocked<R>(work: (file: T) => Promise<R>): Promise<R> {
    return this.withLock(async () => work((await this.readOrMoveAside()).file));
  }

  /** Runs `change` on a fresh copy under the lock and saves the result if `change` returns true. */
  async update<R>(change: (file: T) => { save: boolean; value: R }): Promise<R> {
    return this.withLock(async () => {
      const { file } = await this.readOrMoveAside();
      const result = change(file);
      if (result.save) await this.write(file);
      return result.value;
    });
  }

  /** Like update, and also reports a file moved aside while reading it. */
  async updateWithReport<R>(
    change: (file: T) => { save: boolean; value: R },
  ): Promise<{ value: R; read: ReadResult<T> }> {
    return this.withLock(async () => {
      const read = await this.readOrMoveAside();
      const result = change(read.file);
      if (result.save) await this.write(read.file);
      return { value: result.value, read };
    });
  }

  private async readParsed(): Promise<Parsed<T> | undefined> {
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw ioError('read', this.file, error);
    }
    return this.parseText(text);
  }

  private async readOrMoveAside(): Promise<ReadResult<T>> {
    const parsed = await this.readParsed();
    if (parsed === undefined) return { file: this.empty() };
    if (parsed.ok === true) return { file: parsed.file };
    if (parsed.ok === 'newer') {
      throw new KeyfobError('METADATA_UNREADABLE', 'vaultFileNewer', {
        file: this.file,
        schema: parsed.schema,
      });
    }
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const aside = `${this.file}.unreadable-${stamp}`;
    try {
      await fs.rename(this.file, aside);
    } catch (error) {
      throw ioError('moveAside', this.file, error);
    }
    return { file: this.empty(), movedAside: { path: aside, why: parsed.why } };
  }

  private async write(file: T): Promise<void> {
    const tmp = `${this.file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    const text = JSON.stringify(file, null, 2) + '\n';
    let handle: fs.FileHandle | undefined;
    try {
      handle = await fs.open(tmp, 'wx', 0o600);
      await handle.writeFile(text, 'utf8');
      await handle.sync();
      await handle.close();
      handle = undefined;
      await fs.rename(tmp, this.file);
    } catch (error) {
      await handle?.close().catch(() => undefined);
      await fs.rm(tmp, { force: true }).catch(() => undefined);
      throw ioError('write', this.file, error);
    }
    await this.syncDir();
    for (const listener of this.written) listener();
  }

  /** Called after each write this process makes; returns an unsubscribe. */
  onWrite(listener: () => void): () => void {
    this.written.add(listener);
    return () => void this.written.delete(listener);
  }

  /**
   * Calls `onChange` once things settle (`debounceMs` after the last event) whenever the file may have changed
   * on disk, written by any process. The folder is watched rather than the file, because every write replaces
   * the file (a rename), which ends a watch on the file itself. Returns a stop function. Best effort: where
   * the folder cannot be watched, nothing is reported (the caller still hears of this process's own writes).
   */
  watch(onChange: () => void, debounceMs = 100): () => void {
    let watcher: FSWatcher | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const settle = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        if (!stopped) onChange();
      }, debounceMs);
      timer.unref?.();
    };
    // The folder may not exist yet (a first start) or may go (deleted, unmounted): look again in a moment.
    const later = () => {
      if (stopped) return;
      retry = setTimeout(() => start(true), 1000);
      retry.unref?.();
    };
    const start = (again = false) => {
      if (stopped) return;
      try {
        watcher = watchFolder(this.dir, { persistent: false }, (_event, name) => {
          // Temp files and the lock come and go with every write; only the file's own name matters. Some
          // platforms give no name at all: then anything may be it.
          if (name === null || name === this.fileName) settle();
        });
        // While nothing watched, the file may have come or changed.
        if (again) settle();
        watcher.on('error', () => {
          watcher?.close();
          watcher = undefined;
          settle();
          later();
        });
      } catch {
        watcher = undefined;
        later();
      }
    };
    start();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (retry) clearTimeout(retry);
      watcher?.close();
      watcher = undefined;
    };
  }

  private async syncDir(): Promise<void> {
    // Makes the rename itself durable; Windows cannot open a directory, and there rename is already journaled.
    if (process.platform === 'win32') return;
    const dirHandle = await fs.open(this.dir, 'r');
    try {
      await dirHandle.sync();
    } finally {
      await dirHandle.close();
    }
  }

  /** Temp files of writers that died before their rename; their content was never the vault's. */
  async removeStaleTemps(): Promise<number> {
    const prefix = `${this.fileName}.tmp-`;
    let removed = 0;
    for (const name of await fs.readdir(this.dir).catch(() => [] as string[])) {
      if (!name.startsWith(prefix)) continue;
      const pid = Number.parseInt(name.slice(prefix.length), 10);
      if (Number.isSafeInteger(pid) && pid !== process.pid && !processAlive(pid)) {
        await fs.rm(join(this.dir, name), { force: true });
        removed++;
      }
    }
    return removed;
  }

  async ensureDir(): Promise<void> {
    try {
      await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
    } catch (error) {
      throw ioError('create', this.dir, error);
    }
  }

  private async withLock<T>(run: () => Promise<T>): Promise<T> {
    await this.ensureDir();
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      try {
        const handle = await fs.open(this.lockFile, 'wx', 0o600);
        await handle.writeFile(`${process.pid}\n`);
        await handle.close();
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw ioError('lock', this.file, error);
        if (await this.lockIsStale()) {
          await fs.rm(this.lockFile, { force: true });
          continue;
        }
        if (Date.now() > deadline) {
          throw new KeyfobError('VAULT_BUSY', 'vaultBusy', { what: this.what, lockFile: this.lockFile });
        }
        await new Promise((resolve) => setTimeout(resolve, 15 + Math.random() * 30));
      }
    }
    try {
      return await run();
    } finally {
      await fs.rm(this.lockFile, { force: true });
    }
  }

  private async lockIsStale(): Promise<boolean> {
    try {
      const [text, stat] = await Promise.all([fs.readFile(this.lockFile, 'utf8'), fs.stat(this.lockFile)]);
      if (Date.now() - stat.mtimeMs > LOCK_STALE_MS) return true;
      const pid = Number.parseInt(text, 10);
      // No pid yet: either caught between its creation and its write (a live process, for a moment) or left
      // by a process killed in that gap.
      if (!Number.isSafeInteger(pid) || pid <= 0) return Date.now() - stat.mtimeMs > 2_000;
      return pid !== process.pid && !processAlive(pid);
    } catch {
      // Gone between our open and our look: not stale, just retry.
      return false;
    }
  }
}

/** accounts.json: display metadata, never a secret. */
export class MetadataStore extends JsonStore<VaultFile> {
  constructor(dir: string) {
    super(dir, {
      fileName: METADATA_FILE,
      what: 'accounts',
      parse: parseVaultFile,
      empty: emptyVaultFile,
    });
  }
}
