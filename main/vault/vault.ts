import type { ErrorKey } from '../../preload/api';
import { randomUUID } from 'node:crypto';
import { englishError } from '../../locales/english';
import { KeyfobError } from '../errors';
import { codeAt, codeForCounter, systemClock, type Clock, type TimeCode } from '../otp/codes';
import { normaliseSecret } from '../otp/secret';
import { displayName, type OtpAccount, type OtpParams } from '../otp/types';
import { formatOtpauthUri, parseOtpauthUri } from '../otp/uri';
import { ChangeFeed } from './changes';
import { isAccountId } from './ids';
import { KEYCHAIN_CANARY, type Keychain, type KeychainKind } from './keychain';
import { cleanName, cleanTags, ICON_CHOICE, importedNames, nameKey, plainText, unnamed } from './names';
import {
  MetadataStore,
  processAlive,
  type AccountRecord,
  type CognitoLink,
  type Unreadable,
  type VaultFile,
} from './store';

/** What callers see of an account: metadata only, never the secret. */
export interface Account {
  id: string;
  issuer: string;
  label: string;
  type: OtpParams['type'];
  algorithm: OtpParams['algorithm'];
  digits: number;
  period: number;
  counter: number;
  icon?: string;
  order: number;
  createdAt: string;
  /** Pending: stored by an enrollment before the service verified it. */
  status: 'active' | 'pending';
  cognito?: CognitoLink;
  favourite?: boolean;
  tags?: string[];
  /** The person's choice of picture: a brand icon's slug, or "letter". */
  iconOverride?: string;
  /** When a person last copied its code in the app (ISO time). */
  lastUsed?: string;
}

/**
 * A refused account's reason: its key, which the CLI and the window word in the reader's language, and the
 * English from the catalogue for tests and logs (no person reads `reason`).
 */
function refusal(key: ErrorKey): { reason: string; key: ErrorKey } {
  return { reason: englishError(key).message, key };
}

/**
 * An id that names no account. `listed`: an id a person chose from a list (get, rename, remove), so the
 * advice is to look at the list again; `internal`: an id the program itself holds (reveal, codes, Cognito).
 */
function accountNotFound(id: string, from: 'listed' | 'internal'): KeyfobError {
  return from === 'listed'
    ? // In the window, an id that is not there means the account went meanwhile (deleted here or by the CLI).
      new KeyfobError('ACCOUNT_NOT_FOUND', 'accountGone', { id })
    : new KeyfobError('ACCOUNT_NOT_FOUND', 'vaultAccountNotFound', { id });
}

export interface NewAccount extends OtpAccount {
  icon?: string;
  cognito?: CognitoLink;
  pending?: boolean;
}

export type ImportOutcome =
  | {
      status: 'added';
      name: string;
      account: Account;
      /**
       * Added beside an account of the same name with another key: a note, so the person can tell them apart.
       * `reason` is English for tests and logs; the front ends word `key` and `params`.
       */
      reason?: string;
      key?: ErrorKey;
      params?: Record<string, string | number>;
    }
  | {
      status: 'duplicate';
      name: string;
      existing: string;
      reason: string;
      key?: ErrorKey;
      params?: Record<string, string | number>;
    }
  | {
      status: 'refused';
      name: string;
      /** English, for tests and logs; the front ends show `key`, `params` and `variant` in the reader's language. */
      reason: string;
      key: ErrorKey;
      params?: Record<string, string | number>;
      variant?: string;
    };

export interface CodeResult {
  account: Account;
  code: string;
  /** Time-based accounts only. */
  time?: TimeCode;
  /** HOTP only: the counter value this code was made from (the stored counter is already one further). */
  counter?: number;
}

/**
 * A key in the keychain with no account record (its details were lost, or accounts.json was unreadable). It is
 * offered back, never listed again silently: the person says restore or delete. Names come from the item.
 */
export interface Orphan {
  id: string;
  issuer: string;
  label: string;
  pending: boolean;
}

export interface RecoveryReport {
  /** accounts.json could not be read, and was kept under another name: where, and why (a code to word). */
  movedAside?: { path: string; why: Unreadable };
  /** Keys found in the keychain with no metadata, waiting for restoreOrphans or deleteOrphan. */
  orphans: Orphan[];
  /** Metadata whose secret is not in the keychain; kept so the user can decide. */
  missingSecret: Account[];
  /** Keychain items of this service that are not Keyfob accounts (left alone). */
  unreadableItems: number;
  /** Interrupted adds and removals that were completed. */
  completed: number;
}

export interface VaultOptions {
  dir: string;
  keychain: Keychain;
  /**
   * Keep keys read from the keychain in this process's memory. The app does (it ticks every account's code each
   * second, and a keychain read per account per second is far too slow with hundreds); the CLI, which reads one
   * or two keys and exits, does not.
   */
  cacheSecrets?: boolean;
  clock?: Clock;
  newId?: () => string;
  /** How long changes to accounts.json must settle before they are reported (default 100 ms). */
  changeDebounceMs?: number;
}

/** The keychain item that tells a locked or emptied keychain apart from one that holds nothing yet. */
export const CANARY_ACCOUNT = KEYCHAIN_CANARY;
const CANARY_VALUE = 'Keyfob keeps this item to check that the keychain is readable. It holds no secret.';

interface StoredSecret {
  keyfob: 1;
  /** A complete otpauth:// URI, so that the keychain alone can rebuild the account if the metadata is lost. */
  uri: string;
  status?: 'pending';
  cognito?: CognitoLink;
}

function toAccount(r: AccountRecord): Account {
  const account: Account = {
    id: r.id,
    issuer: r.issuer,
    label: r.label,
    type: r.type,
    algorithm: r.algorithm,
    digits: r.digits,
    period: r.period,
    counter: r.counter,
    order: r.order,
    createdAt: r.createdAt,
    status: r.status === 'pending' ? 'pending' : 'active',
  };
  if (r.icon !== undefined) account.icon = r.icon;
  if (r.cognito !== undefined) account.cognito = { ...r.cognito };
  if (r.favourite) account.favourite = true;
  if (r.tags?.length) account.tags = [...r.tags];
  if (r.iconOverride !== undefined) account.iconOverride = r.iconOverride;
  if (r.lastUsed !== undefined) account.lastUsed = r.lastUsed;
  return account;
}

function paramsOf(r: AccountRecord): OtpParams {
  return { type: r.type, algorithm: r.algorithm, digits: r.digits, period: r.period, counter: r.counter };
}

function visible(r: AccountRecord): boolean {
  return r.status === 'active' || r.status === 'pending';
}

/**
 * What two accounts' names are compared by: equal when they read alike ("Google", "google\u200B" and the
 * full-width "ｇｏｏｇｌｅ" are one name, see names.ts nameKey). A NUL (never in a clean name) keeps the two apart.
 */
function namesKey(a: { issuer: string; label: string }): string {
  return `${nameKey(a.issuer)}\u0000${nameKey(a.label)}`;
}

/** An account already stored (or added earlier in the same batch), as the duplicate rules compare it. */
interface Known {
  record: { issuer: string; label: string };
  params: OtpParams;
  /** Absent when the keychain no longer holds its key. */
  secret?: string;
  /** namesKey(record), worked out once: an import of a thousand links compares each with every account. */
  names?: string;
}

function recordParams(r: AccountRecord): OtpParams {
  return { type: r.type, algorithm: r.algorithm, digits: r.digits, period: r.period, counter: r.counter };
}

/** The parameters that make two entries with one key give the same codes: the counter only counts for HOTP. */
function sameParams(a: OtpParams, b: OtpParams): boolean {
  if (a.type !== b.type || a.algorithm !== b.algorithm || a.digits !== b.digits) return false;
  return a.type === 'hotp' ? a.counter === b.counter : a.period === b.period;
}

function nextOrder(file: VaultFile): number {
  return file.accounts.reduce((max, a) => Math.max(max, a.order), -1) + 1;
}

/**
 * Accounts: secrets in the OS keychain (one item per account, holding its otpauth URI), display metadata in
 * accounts.json. Writes are ordered so a crash at any point loses no secret (see RecordStatus in store.ts).
 */
export class Vault {
  readonly store: MetadataStore;
  private readonly keychain: Keychain;
  private readonly clock: Clock;
  private readonly secretCache: Map<string, string> | undefined;
  private readonly newId: () => string;
  private readonly changes: ChangeFeed<Account>;

  constructor(options: VaultOptions) {
    this.store = new MetadataStore(options.dir);
    this.keychain = options.keychain;
    this.clock = options.clock ?? systemClock;
    this.newId = options.newId ?? randomUUID;
    this.secretCache = options.cacheSecrets ? new Map() : undefined;
    this.changes = new ChangeFeed(
      this.store,
      () => this.list(),
      ({ counter: _counter, ...shown }) => shown,
      options.changeDebounceMs,
    );
  }

  /**
   * "changed": the accounts as a list shows them changed, here or in another process (the CLI); the listener
   * gets the new list. accounts.json's folder is watched while anyone listens. Returns an unsubscribe.
   */
  onChanged(listener: (accounts: Account[]) => void): () => void {
    return this.changes.subscribe(listener);
  }

  /** Stops watching for changes. */
  close(): void {
    this.changes.close();
  }

  /** Where the keys live, for the error messages that name it (errorWords.keychainKind, and the service). */
  get keychainPlace(): { keychain: KeychainKind; service: string } {
    return { keychain: this.keychain.kind, service: this.keychain.service };
  }

  async list(): Promise<Account[]> {
    const { file } = await this.store.read();
    return file.accounts
      .filter(visible)
      .sort((a, b) => a.order - b.order)
      .map(toAccount);
  }

  async get(id: string): Promise<Account> {
    const found = (await this.list()).find((a) => a.id === id);
    if (!found) throw accountNotFound(id, 'listed');
    return found;
  }

  /** An exact id, an id prefix of 4+ characters, or a case-insensitive piece of "issuer label". */
  async find(query: string): Promise<Account[]> {
    const accounts = await this.list();
    const exact = accounts.filter((a) => a.id === query);
    if (exact.length > 0) return exact;
    const q = query.trim().toLocaleLowerCase();
    if (q === '') return [];
    if (q.length >= 4) {
      const byPrefix = accounts.filter((a) => a.id.startsWith(q));
      if (byPrefix.length > 0) return byPrefix;
    }
    const whole = accounts.filter((a) =>
      [a.issuer, a.label, `${a.issuer}:${a.label}`].some((s) => s.toLocaleLowerCase() === q),
    );
    if (whole.length > 0) return whole;
    return accounts.filter(
      (a) =>
        `${a.issuer} ${a.label}`.toLocaleLowerCase().includes(q) ||
        `${a.issuer}:${a.label}`.toLocaleLowerCase().includes(q),
    );
  }

  /** find(), insisting on exactly one match. */
  async resolve(query: string): Promise<Account> {
    const matches = await this.find(query);
    if (matches.length === 1) return matches[0]!;
    if (matches.length === 0) {
      throw new KeyfobError('ACCOUNT_NOT_FOUND', 'vaultNoMatch', { query });
    }
    const accounts = matches.map((a) => `  ${a.id}  ${displayName(a)}`).join('\n');
    throw new KeyfobError('ACCOUNT_AMBIGUOUS', 'vaultAmbiguous', {
      query,
      count: matches.length,
      accounts,
    });
  }

  // ---- keychain access -------------------------------------------------------------------------------------

  private encode(account: NewAccount): string {
    const stored: StoredSecret = {
      keyfob: 1,
      uri: formatOtpauthUri({ ...account, extra: account.extra ?? {} }),
    };
    if (account.pending) stored.status = 'pending';
    if (account.cognito) stored.cognito = { ...account.cognito };
    return JSON.stringify(stored);
  }

  private decode(value: string): (NewAccount & { uri: string }) | undefined {
    try {
      const stored = JSON.parse(value) as Partial<StoredSecret>;
      if (stored.keyfob !== 1 || typeof stored.uri !== 'string') return undefined;
      // Items written before names were cleaned may hold any name: cleaned as a stored record is (store.ts).
      const parsed = importedNames(parseOtpauthUri(stored.uri), unnamed());
      const result: NewAccount & { uri: string } = { ...parsed, uri: stored.uri };
      if (stored.status === 'pending') result.pending = true;
      if (
        stored.cognito &&
        typeof stored.cognito.profile === 'string' &&
        typeof stored.cognito.username === 'string'
      ) {
        result.cognito = { profile: stored.cognito.profile, username: stored.cognito.username };
      }
      return result;
    } catch {
      return undefined;
    }
  }

  /**
   * On Linux, keytar reads from a locked collection whose unlock prompt cannot be shown return null rather than
   * failing (and its search can crash the process), so a missing canary is how a locked keychain is recognised.
   */
  private async assertReadable(file: VaultFile): Promise<void> {
    if (!file.keychainCanary) return;
    const canary = await this.keychain.get(CANARY_ACCOUNT);
    if (canary === null) {
      throw new KeyfobError(
        'KEYCHAIN_LOCKED',
        'vaultKeychainLocked',
        this.keychainPlace,
        // Linux has keyrings to unlock by name; elsewhere the system's own keychain prompt is enough.
        process.platform === 'linux' ? { variant: 'linux' } : undefined,
      );
    }
  }

  private async ensureCanary(): Promise<void> {
    const { file } = await this.store.read();
    if (file.keychainCanary) return;
    await this.keychain.set(CANARY_ACCOUNT, CANARY_VALUE);
    await this.store.update((f) => {
      const save = !f.keychainCanary;
      f.keychainCanary = true;
      return { save, value: undefined };
    });
  }

  private async secretOf(record: AccountRecord | Account, file: VaultFile): Promise<string> {
    const cached = this.secretCache?.get(record.id);
    if (cached !== undefined) return cached;
    const value = await this.keychain.get(record.id);
    if (value === null) {
      await this.assertReadable(file);
      throw new KeyfobError('SECRET_MISSING', 'vaultSecretMissing', {
        account: displayName(record),
        ...this.keychainPlace,
      });
    }
    const decoded = this.decode(value);
    if (!decoded) {
      throw new KeyfobError('SECRET_MISSING', 'vaultSecretUnreadable', { account: displayName(record) });
    }
    this.secretCache?.set(record.id, decoded.secret);
    return decoded.secret;
  }

  /** The full account, secret included: for reveal and export only, on the user's explicit request. */
  async reveal(id: string): Promise<OtpAccount> {
    const { file } = await this.store.read();
    const record = file.accounts.find((a) => a.id === id && visible(a));
    if (!record) throw accountNotFound(id, 'internal');
    const secret = await this.secretOf(record, file);
    return {
      issuer: record.issuer,
      label: record.label,
      secret,
      params: paramsOf(record),
      extra: { ...(record.extra ?? {}) },
      ...(record.favourite ? { favourite: true } : {}),
      ...(record.tags?.length ? { tags: [...record.tags] } : {}),
    };
  }

  // ---- codes -----------------------------------------------------------------------------------------------

  /**
   * The current code. For HOTP the counter is advanced and saved before the code is returned, so a code that
   * was shown is never shown again, even if the process dies right after.
   */
  async code(id: string, atMs?: number): Promise<CodeResult> {
    const { file } = await this.store.read();
    const record = file.accounts.find((a) => a.id === id && visible(a));
    if (!record) throw accountNotFound(id, 'internal');
    const secret = await this.secretOf(record, file);
    if (record.type !== 'hotp') {
      const time = codeAt(secret, paramsOf(record), atMs ?? this.clock.now());
      return { account: toAccount(record), code: time.code, time };
    }
    const used = await this.store.update((f) => {
      const current = f.accounts.find((a) => a.id === id);
      if (!current || !visible(current)) {
        throw new KeyfobError('ACCOUNT_NOT_FOUND', 'vaultAccountRemovedMeanwhile', {
          account: displayName(record),
        });
      }
      const counter = current.counter;
      current.counter = counter + 1;
      return { save: true, value: { counter, account: toAccount(current) } };
    });
    return {
      account: used.account,
      code: codeForCounter(secret, paramsOf(record), used.counter),
      counter: used.counter,
    };
  }

  /**
   * Records that the code of time step `step` is being sent to a service, unless that step (or a later one)
   * was already used: false then, and the caller must wait for the next step. Atomic across processes, so
   * `keyfob enroll` followed at once by `keyfob login` never sends Cognito the same code twice.
   */
  async claimStep(id: string, step: number): Promise<boolean> {
    return this.store.update((f) => {
      const record = f.accounts.find((a) => a.id === id && visible(a));
      if (!record) throw accountNotFound(id, 'internal');
      if (record.lastUsedStep !== undefined && record.lastUsedStep >= step)
        return { save: false, value: false };
      record.lastUsedStep = step;
      return { save: true, value: true };
    });
  }

  /** The accounts linked to a Cognito pool profile and user, verified ones first. */
  /** Accounts enrolled with a pool profile (for one user, when given), verified ones first. */
  async linked(profile: string, username?: string): Promise<Account[]> {
    const accounts = await this.list();
    return accounts
      .filter(
        (a) => a.cognito?.profile === profile && (username === undefined || a.cognito.username === username),
      )
      .sort((a, b) => (a.status === b.status ? 0 : a.status === 'active' ? -1 : 1));
  }

  /** Codes for many accounts from one read of the keychain per account; the app's tick and the benchmark use it. */
  async secretsFor(ids: readonly string[]): Promise<Map<string, { secret: string; params: OtpParams }>> {
    const { file } = await this.store.read();
    const out = new Map<string, { secret: string; params: OtpParams }>();
    for (const id of ids) {
      const record = file.accounts.find((a) => a.id === id && visible(a));
      if (record) out.set(id, { secret: await this.secretOf(record, file), params: paramsOf(record) });
    }
    return out;
  }

  // ---- adding ----------------------------------------------------------------------------------------------

  /**
   * Every keychain item of this service. The canary is read first: keytar's search on a locked Secret Service
   * collection can crash the process, while a read just returns nothing.
   */
  private async keychainItems(file: VaultFile): Promise<Map<string, string>> {
    const canary = await this.keychain.get(CANARY_ACCOUNT);
    if (canary === null) {
      await this.assertReadable(file);
      return new Map();
    }
    return new Map((await this.keychain.list()).map((i) => [i.account, i.value]));
  }

  private async existing(file: VaultFile): Promise<Known[]> {
    const visibleRecords = file.accounts.filter(visible);
    if (visibleRecords.length === 0) return [];
    const items = await this.keychainItems(file);
    return visibleRecords.map((record) => {
      const value = items.get(record.id);
      const decoded = value === undefined ? undefined : this.decode(value);
      const params = recordParams(record);
      return decoded ? { record, params, secret: decoded.secret } : { record, params };
    });
  }

  /**
   * A duplicate is the same key with the same parameters: an export may hold two accounts named alike (two AWS
   * accounts both called "root"), and skipping one of them by its name would lose its key once the phone is wiped.
   */
  private duplicateOf(
    candidate: NewAccount,
    existing: Known[],
  ): { existing: string; reason: string; key: ErrorKey; params: Record<string, string> } | undefined {
    const found = existing.find(
      (e) => e.secret === candidate.secret && sameParams(e.params, candidate.params),
    );
    if (!found) return undefined;
    const name = displayName(found.record);
    return {
      existing: name,
      reason: englishError('vaultDuplicateSameKey', { existing: name }).message,
      key: 'vaultDuplicateSameKey',
      params: { existing: name },
    };
  }

  /** An account of the same name with another key, which the report names beside the new one. */
  private namesake(
    candidate: NewAccount,
    existing: Known[],
  ): { reason: string; key: ErrorKey; params: Record<string, string> } | undefined {
    const names = namesKey(candidate);
    const found = existing.find((e) => (e.names ??= namesKey(e.record)) === names);
    if (!found) return undefined;
    const name = displayName(found.record);
    return {
      reason: englishError('vaultSharesName', { existing: name }).message,
      key: 'vaultSharesName',
      params: { existing: name },
    };
  }

  /**
   * Every account stored passes here (an import, a link, a QR code, `keyfob add`, an enrollment), so names are
   * cleaned here once for every format and front end: stripped and cut, never refused (names.ts cleanName). A
   * label that was nothing but invisible characters is no name at all.
   */
  private validate(account: NewAccount): NewAccount {
    const label = cleanName(account.label);
    if (label === '') throw new KeyfobError('PARAMS_INVALID', 'vaultNameNeeded');
    const { params } = account;
    if (
      params.type !== 'steam' &&
      (params.digits < 6 || params.digits > 8 || !Number.isInteger(params.digits))
    ) {
      throw new KeyfobError('PARAMS_INVALID', 'vaultDigitsUnsupported', { digits: params.digits });
    }
    if (!Number.isSafeInteger(params.period) || params.period <= 0) {
      throw new KeyfobError('PARAMS_INVALID', 'vaultPeriodInvalid', { period: String(params.period) });
    }
    if (!Number.isSafeInteger(params.counter) || params.counter < 0) {
      throw new KeyfobError('PARAMS_INVALID', 'vaultCounterInvalid', { counter: String(params.counter) });
    }
    const valid: NewAccount = {
      ...account,
      issuer: cleanName(account.issuer),
      label,
      secret: normaliseSecret(account.secret),
      extra: account.extra ?? {},
    };
    // An import's tags (cleaned by importedNames, main/vault/names.ts) are held to the rules of typed tags too.
    if (account.tags !== undefined) valid.tags = cleanTags(account.tags);
    return valid;
  }

  private newRecord(account: NewAccount, order: number): AccountRecord {
    const { params } = account;
    const record: AccountRecord = {
      id: this.newId(),
      issuer: account.issuer,
      label: account.label,
      type: params.type,
      algorithm: params.algorithm,
      digits: params.digits,
      period: params.period,
      counter: params.counter,
      order,
      createdAt: new Date(this.clock.now()).toISOString(),
      status: 'adding',
      target: account.pending ? 'pending' : 'active',
    };
    const icon = account.icon ?? account.extra.image ?? account.extra.icon;
    if (icon) record.icon = icon;
    if (account.cognito) record.cognito = { ...account.cognito };
    if (Object.keys(account.extra).length > 0) record.extra = { ...account.extra };
    if (account.favourite) record.favourite = true;
    if (account.tags?.length) record.tags = [...account.tags];
    return record;
  }

  /**
   * Stores new accounts: intents in the metadata, then the secrets in the keychain, then the intents become
   * accounts. Duplicates (the same key with the same parameters) are reported and skipped unless allowed; an
   * account that only shares a name with one already there is added, with a note saying so.
   */
  async addMany(
    accounts: NewAccount[],
    options: { allowDuplicates?: boolean } = {},
  ): Promise<ImportOutcome[]> {
    await this.store.ensureDir();
    await this.ensureCanary();
    const { file } = await this.store.read();
    const known: Known[] = await this.existing(file);

    const outcomes: ImportOutcome[] = [];
    const toStore: Array<{
      account: NewAccount;
      outcomeIndex: number;
      note?: { reason: string; key: ErrorKey; params: Record<string, string> };
    }> = [];
    for (const input of accounts) {
      const name = displayName({ issuer: cleanName(input.issuer), label: cleanName(input.label) });
      let account: NewAccount;
      try {
        account = this.validate(input);
      } catch (error) {
        if (error instanceof KeyfobError) {
          outcomes.push({
            status: 'refused',
            name,
            reason: error.message,
            // validate() throws keyed errors only.
            key: error.key ?? 'vaultNotStored',
            ...(error.params !== undefined ? { params: { ...error.params } } : {}),
            ...(error.variant !== undefined ? { variant: error.variant } : {}),
          });
          continue;
        }
        throw error;
      }
      const dup = options.allowDuplicates ? undefined : this.duplicateOf(account, known);
      if (dup) {
        outcomes.push({ status: 'duplicate', name, ...dup });
        continue;
      }
      const note = this.namesake(account, known);
      known.push({ record: account, secret: account.secret, params: account.params });
      toStore.push({ account, outcomeIndex: outcomes.length, ...(note ? { note } : {}) });
      outcomes.push({ status: 'refused', name, ...refusal('vaultNotStored') });
    }
    if (toStore.length === 0) return outcomes;

    const records = await this.store.update((f) => {
      let order = nextOrder(f);
      const created = toStore.map(({ account }) => this.newRecord(account, order++));
      f.accounts.push(...created);
      return { save: true, value: created };
    });

    const stored = new Set<string>();
    let failure: unknown;
    for (const [i, { account }] of toStore.entries()) {
      try {
        await this.keychain.set(records[i]!.id, this.encode(account));
        stored.add(records[i]!.id);
      } catch (error) {
        failure = error;
        break;
      }
    }

    const finished = await this.store.update((f) => {
      const result = new Map<string, Account>();
      f.accounts = f.accounts.filter((r) => {
        if (!records.some((c) => c.id === r.id)) return true;
        if (!stored.has(r.id)) return false;
        r.status = r.target ?? 'active';
        delete r.target;
        result.set(r.id, toAccount(r));
        return true;
      });
      return { save: true, value: result };
    });
    if (failure !== undefined) throw failure;

    for (const [i, { outcomeIndex, note }] of toStore.entries()) {
      const account = finished.get(records[i]!.id);
      const name = outcomes[outcomeIndex]!.name;
      outcomes[outcomeIndex] = account
        ? { status: 'added', name, account, ...note }
        : {
            status: 'refused',
            name,
            ...refusal('vaultRemovedWhileAdding'),
          };
    }
    return outcomes;
  }

  /** One account; a duplicate is an error that names the account already stored. */
  async add(account: NewAccount, options: { allowDuplicate?: boolean } = {}): Promise<Account> {
    return (await this.addOne(account, options)).account;
  }

  /** As add(), with the note an import report would give it (it shares its name with another account). */
  async addOne(
    account: NewAccount,
    options: { allowDuplicate?: boolean } = {},
  ): Promise<Extract<ImportOutcome, { status: 'added' }>> {
    const [outcome] = await this.addMany([account], { allowDuplicates: options.allowDuplicate ?? false });
    if (!outcome) throw new Error('addMany returned no outcome');
    if (outcome.status === 'added') return outcome;
    if (outcome.status === 'duplicate') {
      throw new KeyfobError('DUPLICATE', 'vaultNotAddedSameKey', { existing: outcome.existing });
    }
    throw new KeyfobError('PARAMS_INVALID', outcome.key, outcome.params && { ...outcome.params });
  }

  // ---- changing and removing -------------------------------------------------------------------------------

  private async change(id: string, apply: (record: AccountRecord) => void): Promise<Account> {
    return this.store.update((f) => {
      const record = f.accounts.find((a) => a.id === id && visible(a));
      if (!record) throw accountNotFound(id, 'listed');
      apply(record);
      return { save: true, value: toAccount(record) };
    });
  }

  rename(id: string, names: { issuer?: string; label?: string }): Promise<Account> {
    let issuer: string | undefined;
    let label: string | undefined;
    try {
      issuer = names.issuer === undefined ? undefined : plainText(names.issuer, 'name');
      label = names.label === undefined ? undefined : plainText(names.label, 'name');
    } catch (error) {
      return Promise.reject(error as Error);
    }
    if (label === '') return Promise.reject(new KeyfobError('PARAMS_INVALID', 'vaultNameEmpty'));
    return this.change(id, (r) => {
      if (issuer !== undefined) r.issuer = issuer;
      if (label !== undefined) r.label = label;
    });
  }

  // ---- organising: favourites, tags, the chosen picture, when last used -------------------------------------

  setFavourite(id: string, favourite: boolean): Promise<Account> {
    return this.change(id, (r) => {
      if (favourite) r.favourite = true;
      else delete r.favourite;
    });
  }

  /** Replaces the account's tags (plain text, see names.ts); an empty list removes them. */
  async setTags(id: string, tags: readonly string[]): Promise<Account> {
    const clean = cleanTags(tags);
    return this.change(id, (r) => {
      if (clean.length > 0) r.tags = clean;
      else delete r.tags;
    });
  }

  /** A brand icon's slug or "letter"; undefined goes back to the icon the issuer picks. */
  async setIconOverride(id: string, icon: string | undefined): Promise<Account> {
    if (icon !== undefined && !ICON_CHOICE.test(icon)) {
      throw new KeyfobError('PARAMS_INVALID', 'settingsValueInvalid', { what: 'setting' });
    }
    return this.change(id, (r) => {
      if (icon === undefined) delete r.iconOverride;
      else r.iconOverride = icon;
    });
  }

  /** Notes that a person copied the account's code now, for "recently used". */
  async markUsed(id: string): Promise<void> {
    await this.change(id, (r) => {
      r.lastUsed = new Date(this.clock.now()).toISOString();
    });
  }

  /** Puts the given ids first, in that order; the others keep their relative order after them. */
  async reorder(ids: readonly string[]): Promise<Account[]> {
    await this.store.update((f) => {
      const byOrder = f.accounts.filter(visible).sort((a, b) => a.order - b.order);
      const wanted = ids
        .map((id) => byOrder.find((r) => r.id === id))
        .filter((r): r is AccountRecord => r !== undefined);
      const rest = byOrder.filter((r) => !wanted.includes(r));
      [...wanted, ...rest].forEach((r, i) => (r.order = i));
      return { save: true, value: undefined };
    });
    return this.list();
  }

  /**
   * Marks a pending (enrollment) account as verified, in its record and in its keychain item. The item is what a
   * lost accounts.json is rebuilt from: one still marked pending would be offered back as an enrollment to
   * discard, and discarding it deletes the only key the pool accepts.
   */
  async markVerified(id: string): Promise<Account> {
    const account = await this.change(id, (r) => {
      r.status = 'active';
    });
    const value = await this.keychain.get(id);
    if (value !== null) await this.settleItem(id, value);
    return account;
  }

  /** Rewrites a keychain item still marked pending as verified; any other item is left as it is. */
  private async settleItem(id: string, value: string): Promise<void> {
    const decoded = this.decode(value);
    if (!decoded?.pending) return;
    const { uri: _uri, pending: _pending, ...account } = decoded;
    await this.keychain.set(id, this.encode(account));
  }

  /** Removes the metadata intent first, then the secret, then the record, so no crash resurrects or orphans it. */
  async remove(id: string): Promise<Account> {
    const removed = await this.change(id, (r) => {
      r.status = 'removing';
    });
    this.secretCache?.delete(id);
    await this.keychain.delete(id);
    await this.store.update((f) => {
      f.accounts = f.accounts.filter((r) => r.id !== id);
      return { save: true, value: undefined };
    });
    return removed;
  }

  /**
   * Hides an account until `untilMs` for the person's Undo: a `removing` record with an undo mark, so lists,
   * codes, the tray and the CLI no longer show it, while its key stays in the keychain. finishRemoval() deletes
   * the key; unhide() lists it again. A removal left waiting by a process that is gone, or past its time, is
   * completed by the next recover(), like any interrupted removal.
   */
  async hide(id: string, untilMs: number): Promise<Account> {
    return this.store.update((f) => {
      const record = f.accounts.find((a) => a.id === id && visible(a));
      if (!record) throw accountNotFound(id, 'listed');
      const shown = toAccount(record);
      record.undo = { until: untilMs, pid: process.pid, was: shown.status };
      record.status = 'removing';
      return { save: true, value: shown };
    });
  }

  /** The ids of accounts hidden by hide() and not yet removed: still theirs (a shortcut, say) until then. */
  async hiddenIds(): Promise<string[]> {
    const { file } = await this.store.read();
    return file.accounts.filter((a) => a.status === 'removing' && a.undo).map((a) => a.id);
  }

  /** Lists a hidden account again, as it was; one whose removal went ahead is gone (accountGone). */
  async unhide(id: string): Promise<Account> {
    return this.store.update((f) => {
      const record = f.accounts.find((a) => a.id === id && a.status === 'removing' && a.undo);
      if (!record?.undo) throw accountNotFound(id, 'listed');
      record.status = record.undo.was;
      delete record.undo;
      return { save: true, value: toAccount(record) };
    });
  }

  /**
   * Deletes a hidden account's key and record. The undo mark goes first, under the lock, so an Undo that comes
   * while the key is being deleted is refused rather than listing an account without its key. False when
   * there was nothing to finish (undone, or finished elsewhere).
   */
  async finishRemoval(id: string): Promise<boolean> {
    const claimed = await this.store.update((f) => {
      const record = f.accounts.find((a) => a.id === id && a.status === 'removing' && a.undo);
      if (!record) return { save: false, value: false };
      delete record.undo;
      return { save: true, value: true };
    });
    if (!claimed) return false;
    this.secretCache?.delete(id);
    await this.keychain.delete(id);
    await this.store.update((f) => {
      f.accounts = f.accounts.filter((r) => r.id !== id);
      return { save: true, value: undefined };
    });
    return true;
  }

  /** A pending account whose enrollment was abandoned. */
  discard(id: string): Promise<Account> {
    return this.remove(id);
  }

  // ---- keys without a record ---------------------------------------------------------------------------------

  /**
   * Keychain items that look like accounts (a UUID name, Keyfob's format) and have no record. Items named
   * `<kind>:<name>` (pool client secrets, …) and the canary belong to other parts of Keyfob and are skipped.
   */
  private strays(
    items: ReadonlyMap<string, string>,
    known: ReadonlySet<string>,
  ): { found: Array<{ id: string; account: NewAccount }>; unreadable: number } {
    const found: Array<{ id: string; account: NewAccount }> = [];
    let unreadable = 0;
    for (const [id, value] of items) {
      if (id === CANARY_ACCOUNT || id.includes(':') || known.has(id)) continue;
      const decoded = isAccountId(id) ? this.decode(value) : undefined;
      if (decoded) found.push({ id, account: decoded });
      else unreadable++;
    }
    return { found, unreadable };
  }

  private static orphan(id: string, account: NewAccount): Orphan {
    return { id, issuer: account.issuer, label: account.label, pending: account.pending === true };
  }

  /** Keys in the keychain that no account record names, as recover() reports them. */
  async orphans(): Promise<Orphan[]> {
    const { file } = await this.store.read();
    if (!file.keychainCanary) return [];
    const items = await this.keychainItems(file);
    const { found } = this.strays(items, new Set(file.accounts.map((r) => r.id)));
    return found.map(({ id, account }) => Vault.orphan(id, account));
  }

  /**
   * Lists again the keys the person chose to restore, rebuilt from the otpauth URI each holds (pending state
   * and Cognito link included). An id that is no longer an orphan (restored meanwhile, or gone) is skipped.
   */
  async restoreOrphans(ids: readonly string[]): Promise<Account[]> {
    const wanted = new Set(ids.filter(isAccountId));
    if (wanted.size === 0) return [];
    const { file } = await this.store.read();
    const items = await this.keychainItems(file);
    return this.store.update((f) => {
      let order = nextOrder(f);
      const restored: Account[] = [];
      for (const { id, account } of this.strays(items, new Set(f.accounts.map((r) => r.id))).found) {
        if (!wanted.has(id)) continue;
        const record = this.newRecord(account, order++);
        record.id = id;
        record.status = account.pending ? 'pending' : 'active';
        delete record.target;
        f.accounts.push(record);
        restored.push(toAccount(record));
      }
      if (restored.length > 0) f.keychainCanary = true;
      return { save: restored.length > 0, value: restored };
    });
  }

  /**
   * Deletes an orphan's key from the keychain, once the person said so. Only an item that is still an orphan
   * (no record names it, it holds an account in Keyfob's format): never an account's key, a pool's client
   * secret or an item Keyfob cannot read.
   */
  async deleteOrphan(id: string): Promise<Orphan> {
    const found = isAccountId(id) ? (await this.orphans()).find((o) => o.id === id) : undefined;
    if (!found) throw accountNotFound(id, 'internal');
    // Checked again under the lock: another process (keyfob recover --restore) may have restored it meanwhile,
    // and then the key is an account's, not an orphan's.
    await this.store.whileLocked(async (file) => {
      if (file.accounts.some((r) => r.id === id)) throw accountNotFound(id, 'internal');
      this.secretCache?.delete(id);
      await this.keychain.delete(id);
    });
    return found;
  }

  // ---- start-up recovery -----------------------------------------------------------------------------------

  /**
   * What recover() says of accounts.json alone (an unreadable file moved aside), without a look into the
   * keychain: for listing and finding accounts by name, which must never read a key (on macOS each read may
   * raise a prompt, and reading a thousand takes seconds). Interrupted adds and removals are not listed anyway;
   * the next full recover() completes them. `accounts`: how many there are to list.
   */
  async checkMetadata(): Promise<{ report: RecoveryReport; accounts: number }> {
    const { file, movedAside } = await this.store.read();
    return {
      report: {
        orphans: [],
        missingSecret: [],
        unreadableItems: 0,
        completed: 0,
        ...(movedAside ? { movedAside } : {}),
      },
      accounts: file.accounts.filter(visible).length,
    };
  }

  /** Whether the keychain holds this vault's canary; a keychain that cannot answer (locked) counts as no. */
  private async hasCanary(): Promise<boolean> {
    try {
      return (await this.keychain.get(CANARY_ACCOUNT)) !== null;
    } catch {
      return false;
    }
  }

  /**
   * Finishes interrupted adds and removals, moves an unreadable metadata file aside, reports any secret that
   * has no metadata (an orphan, for the person to restore or delete), and reports metadata whose secret is
   * missing.
   */
  async recover(): Promise<RecoveryReport> {
    await this.store.ensureDir();
    const report: RecoveryReport = { orphans: [], missingSecret: [], unreadableItems: 0, completed: 0 };
    await this.store.removeStaleTemps();
    const { read } = await this.store.updateWithReport(() => ({ save: false, value: undefined }));
    if (read.movedAside) report.movedAside = read.movedAside;
    const file = read.file;
    // An empty list is a new vault, unless the keychain still holds this vault's canary: then accounts.json was
    // deleted, and the keys it listed are offered back like any others without their details.
    if (!file.keychainCanary && file.accounts.length === 0 && !read.movedAside && !(await this.hasCanary()))
      return report;
    const itemMap = await this.keychainItems(file);

    // A removal still waiting for its Undo in a live process (the app, while the CLI recovers) is that
    // process's to finish; any other was asked for and is completed now.
    const now = this.clock.now();
    const waiting = (r: AccountRecord) => !!r.undo && r.undo.until > now && processAlive(r.undo.pid);
    const removing = (r: AccountRecord) => r.status === 'removing' && !waiting(r);
    for (const r of file.accounts.filter(removing)) {
      if (itemMap.has(r.id)) await this.keychain.delete(r.id);
      itemMap.delete(r.id);
    }

    const final = await this.store.update((f) => {
      const before = f.accounts.length;
      f.accounts = f.accounts.filter((r) => {
        if (removing(r)) return false;
        if (r.status === 'adding') {
          if (!itemMap.has(r.id)) return false;
          r.status = r.target ?? 'active';
          delete r.target;
          report.completed++;
        }
        return true;
      });
      report.completed += before - f.accounts.length;
      const strays = this.strays(itemMap, new Set(f.accounts.map((r) => r.id)));
      report.orphans = strays.found.map(({ id, account }) => Vault.orphan(id, account));
      report.unreadableItems = strays.unreadable;
      const canary = itemMap.has(CANARY_ACCOUNT) && !f.keychainCanary;
      if (canary) f.keychainCanary = true;
      return { save: report.completed > 0 || canary || !!read.movedAside, value: f };
    });

    for (const r of final.accounts) {
      if (visible(r) && !itemMap.has(r.id)) report.missingSecret.push(toAccount(r));
      // Enrollments verified before markVerified also settled the item (Keyfob 0.1): settled here, once.
      const item = itemMap.get(r.id);
      if (r.status === 'active' && item !== undefined) await this.settleItem(r.id, item);
    }
    return report;
  }
}
