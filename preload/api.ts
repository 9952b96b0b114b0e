/**
 * The typed contract between the renderer and main: one map from channel to request and result types.
 * preload/index.ts exposes exactly these as `window.keyfob`; main/ipc/ implements them. Types only:
 * nothing here may import Electron or Node, because the renderer imports it too.
 */
import type enErrors from '../locales/en/errors.json';

/**
 * Errors the window shows in its own language: main sends the key and its parameters, and each front end words
 * them from the catalogue (locales/<lang>/errors.json). The keys are the English catalogue's, so a key main uses
 * that has no entry there fails the type check. An error without a key is shown as main wrote it.
 */
export type ErrorKey = keyof typeof enErrors;

export interface ErrorInfo {
  code: string;
  message: string;
  hint?: string;
  /** What a service (Cognito) said, as it said it. */
  service?: { name: string; message: string };
  key?: ErrorKey;
  params?: Record<string, string | number>;
  /** Which wording of the key's message and hint, where the catalogue entry has several (`message_<variant>`). */
  variant?: string;
  /**
   * The error this one is a note on, where the key's entry has no message of its own: the cause is worded first,
   * and the key's hint follows the cause's hint.
   */
  cause?: ErrorInfo;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export type OtpType = 'totp' | 'hotp' | 'steam';
export type Algorithm = 'SHA1' | 'SHA256' | 'SHA512';

export interface AccountView {
  id: string;
  issuer: string;
  label: string;
  type: OtpType;
  algorithm: Algorithm;
  digits: number;
  period: number;
  /** Pending: a Cognito enrollment stored the key before the service verified it. */
  status: 'active' | 'pending';
  /** The image link an import brought (otpauth's `image`); not shown. */
  icon?: string;
  cognito?: { profile: string; username: string };
  /** Pinned on top of the list. */
  favourite?: boolean;
  /** The person's tags, to filter the list by. */
  tags?: string[];
  /** The picture the person chose: a brand icon's slug, or "letter"; absent, the issuer picks it. */
  iconOverride?: string;
  /** When a person last copied its code in the app (ISO time), for the "recently used" order. */
  lastUsed?: string;
}

/** An account just added, with the note an import report would give it (it shares its name with another). */
export interface AddedAccount extends AccountView {
  reason?: string;
  reasonKey?: ErrorKey;
  reasonParams?: Record<string, string | number>;
}

/** One account's codes at one tick. HOTP accounts have none until asked (`hotpCode`). */
export interface CodeView {
  id: string;
  code: string;
  /** Milliseconds left in this period. */
  remainingMs: number;
  period: number;
  next: string;
}

/** Everything the list shows, computed once per second in main: the renderer never sees a key. */
export interface CodeBatch {
  at: number;
  codes: CodeView[];
}

export interface AppInfo {
  version: string;
  /** Where the keys live: the kind of keychain (a code, errorWords.keychainKind) and Keyfob's service in it. */
  keychain: { keychain: 'macos' | 'windows' | 'secretService' | 'memory'; service: string };
  hostName: string;
  platform: string;
}

/** Per-entry outcome of adding from a link, an image, a pasted text or a Google Authenticator export. */
export interface ImportEntry {
  name: string;
  status: 'added' | 'duplicate' | 'refused';
  id?: string;
  /**
   * Why it was skipped or refused; on an added entry, a note (it shares its name with another account). In
   * English, as a fallback and for tests and logs: the window and the CLI show reasonKey, reasonParams and
   * reasonVariant worded in the reader's language.
   */
  reason?: string;
  /** The reason for the window to say in its own language (see ErrorKey). */
  reasonKey?: ErrorKey;
  reasonParams?: Record<string, string | number>;
  /** Which wording of the entry, where it has several (`message_<variant>`, `hint_<variant>`). */
  reasonVariant?: string;
  /** When the entry is named after where it came from ("line 2", "QR code 1"): that place, to translate. */
  place?: ImportPlace;
}

export interface ImportPlace {
  /** `entry`: the n-th account of an export that gave it no name. */
  kind: 'text' | 'line' | 'qr' | 'link' | 'entry';
  n?: number;
}

export interface ImportReport {
  entries: ImportEntry[];
  /** Google Authenticator exports of several codes where some codes were not scanned (1-based numbers). */
  missing: Array<{
    batchSize: number;
    missing: number[];
    /**
     * The exporting app's format id (`google-migration`, named by errorWords.format) and its id for the export,
     * for the command line.
     */
    format?: string;
    exportId?: string;
  }>;
}

/** What opening the vault found to repair or report (the same the CLI prints on stderr). */
export interface StartupReport {
  /**
   * accounts.json could not be read and was kept under this name; the list was rebuilt from the keychain. `why`
   * is a code and its number, worded by `errorWords:unreadable.<reason>` (the CLI nests it in its message).
   */
  movedAside?: {
    path: string;
    why:
      | {
          reason:
            'notJson' | 'noSchema' | 'accountMalformed' | 'idShared' | 'poolMalformed' | 'settingsMalformed';
        }
      | { reason: 'schemaUnknown'; schema: number };
  };
  /**
   * Keys found in the keychain whose account details were lost: offered back, each restored or deleted only
   * when the person says so (resolveOrphan). `name` is what the key itself records.
   */
  orphans: Array<{ id: string; name: string; pending: boolean }>;
  /** Accounts whose key is no longer in the keychain. */
  missingKey: Array<{ id: string; name: string }>;
}

/**
 * An import format of main's registry (main/formats), for the window's "Import from another app": its name is
 * the catalogues' `errorWords:format.<id>`, where that app keeps its export `app:formatWhere_<id>`.
 */
export interface FormatInfo {
  id: string;
  /** `always`: ask for the password before reading; `sometimes`: when the file turns out to be encrypted. */
  password: 'never' | 'sometimes' | 'always';
  /** File name endings the picker offers (`.json`); empty: any file. */
  fileTypes: string[];
}

/** A file given to "Import from another app": its format when the person chose one, and the export's password. */
export interface FileImport {
  bytes: Uint8Array;
  fileName: string;
  format?: string;
  password?: string;
}

export interface KeyInput {
  issuer: string;
  label: string;
  secret: string;
  type?: OtpType;
  algorithm?: Algorithm;
  digits?: number;
  period?: number;
  counter?: number;
}

export interface RevealedKey {
  secret: string;
  uri: string;
}

export interface ExportView {
  lines: string[];
  /** Accounts the format cannot carry, with why. */
  excluded: Array<{
    name: string;
    reason: string;
    reasonKey?: ErrorKey;
    reasonParams?: Record<string, string | number>;
  }>;
}

/** An encrypted backup main wrote where the person chose (exportBackup). */
export interface BackupWritten {
  /** The file's name (not its folder), to say where it went. */
  fileName: string;
  /** How many accounts it holds. */
  count: number;
  /** Accounts the format cannot carry, with why. */
  excluded: ExportView['excluded'];
}

export interface CopyResult {
  /** The code put on the clipboard. */
  code: string;
  /** True when the period was about to end and the next code was copied instead. */
  next: boolean;
  /**
   * When the clipboard clears it, in whole seconds from now, as Settings say (when the code expires, or after
   * their timeout); absent where nothing clears it.
   */
  clearsInSeconds?: number;
}

/** An account the window deleted: hidden now, its key deleted after `undoMs` unless undoRemoveAccount comes first. */
export interface RemovedAccount extends AccountView {
  undoMs: number;
}

// ---- Cognito ---------------------------------------------------------------------------------------------------

export type AuthFlow = 'srp' | 'password' | 'admin';

/** A Cognito user pool and app client Keyfob signs in to. The client secret, if any, is in the keychain. */
export interface PoolView {
  name: string;
  region: string;
  userPoolId: string;
  clientId: string;
  hasClientSecret: boolean;
  /** A local emulator or a VPC endpoint instead of cognito-idp.<region>.amazonaws.com. */
  endpoint?: string;
  authFlow: AuthFlow;
  /** For the admin flow and pool administration: a named profile of the AWS shared config files. */
  awsProfile?: string;
}

export interface PoolInput {
  name: string;
  region: string;
  userPoolId: string;
  clientId: string;
  /** undefined keeps the stored secret (when editing), '' removes it. */
  clientSecret?: string;
  endpoint?: string;
  authFlow?: AuthFlow;
  awsProfile?: string;
}

/**
 * What "Test connection" found: the pool answers, or answers with a configuration problem. Data only: the
 * window words it (poolAnswers, poolReachedBut and the problem's own entry).
 */
export interface PoolTest {
  poolId: string;
  clientId: string;
  problem?: ErrorInfo;
}

export interface FlowRequest {
  profile: string;
  username: string;
  password: string;
  deviceName?: string;
  prefer?: boolean;
  /** Ask for the verification code instead of computing it (the person set up a second device too). */
  typeVerificationCode?: boolean;
}

export type FlowProgress =
  | { type: 'signingIn' }
  | { type: 'challenge'; state: string }
  | { type: 'clockSkew'; offsetMs: number }
  | { type: 'waitingForCode'; seconds: number }
  /**
   * The key is in the keychain. Only its account: the window shows the key for a second device only when the
   * person asks (revealKey, confirmed by main), so a key never reaches the renderer unasked.
   */
  | { type: 'secretStored'; accountId: string }
  | { type: 'verified'; accountId: string }
  | { type: 'preferenceSet'; preferred: boolean }
  | { type: 'replaced'; name: string };

export type FlowPrompt =
  | { kind: 'newPassword'; username: string; requiredAttributes: string[] }
  | { kind: 'code'; via: 'sms' | 'email'; destination?: string }
  | { kind: 'verificationCode'; accountId: string };

export type FlowAnswer =
  | { kind: 'newPassword'; password: string; attributes?: Record<string, string> }
  | { kind: 'code'; code: string }
  | { kind: 'verificationCode'; code?: string }
  | { kind: 'cancel' };

export interface TokenCopied {
  /** When the clipboard clears it, in whole seconds from now; absent where nothing clears it. */
  clearsInSeconds?: number;
}

export interface TokensView {
  idToken: string;
  accessToken: string;
  refreshToken?: string;
  expiresIn: number;
  tokenType: string;
  idClaims: Record<string, unknown>;
  accessClaims: Record<string, unknown>;
  expiresAt: number;
}

export type FlowEvent =
  | { flowId: string; type: 'progress'; progress: FlowProgress }
  | { flowId: string; type: 'prompt'; prompt: FlowPrompt }
  | { flowId: string; type: 'done'; account?: AccountView; tokens: TokensView; username: string }
  | { flowId: string; type: 'error'; error: ErrorInfo };

/** A link handed to the app (a browser, another app) waiting for the person to accept it: never its key. */
export interface LinkSummary {
  id: string;
  kind: 'otpauth' | 'otpauth-migration';
  accounts: Array<{ issuer: string; label: string; type: OtpType }>;
  refused: Array<{
    name: string;
    reason: string;
    reasonKey?: ErrorKey;
    reasonParams?: Record<string, string | number>;
    reasonVariant?: string;
    /** Where an entry with no name of its own was ("entry 3"): the window words it, `name` holds the English. */
    place?: ImportPlace;
  }>;
  batch?: { index: number; size: number };
  error?: ErrorInfo;
}

export interface SettingsView {
  clipboardClear: 'expiry' | 'timeout';
  clipboardTimeoutSeconds: number;
  theme: 'system' | 'light' | 'dark';
  /** How much room each account takes in the list: compact fits more on a small screen. */
  density: 'comfortable' | 'compact';
  /** A code of locales/languages.json (e.g. `zh-CN`). */
  language?: string;
  startAtLogin: boolean;
  /** The global shortcut that opens the search (an Electron accelerator); '' turns it off. */
  shortcut: string;
  /** Read-only, from main: another application holds the shortcut, so it is off. */
  shortcutTaken?: boolean;
  /** Shortcuts that copy one account's code without opening anything: account id → accelerator. */
  accountShortcuts: Record<string, string>;
  /** Read-only, from main: the accounts whose shortcut another application holds (so it is off). */
  accountShortcutsTaken?: string[];
  /** The list's order: as dragged, by name (issuer, then account), or the last copied first. */
  sort: AccountSort;
}

export type AccountSort = 'manual' | 'name' | 'recent';

export interface KeyfobApi {
  appInfo(): Promise<Result<AppInfo>>;
  listAccounts(): Promise<Result<AccountView[]>>;
  /** otpauth:// or otpauth-migration:// links, one or many lines (paste, protocol links). */
  addFromText(text: string): Promise<Result<ImportReport>>;
  /**
   * A PNG or JPEG file's bytes (open, drop, paste): its setup codes wait to be confirmed, as links do (onLinks,
   * acceptLink); `found` is how many were newly queued.
   */
  scanImage(bytes: Uint8Array): Promise<Result<{ found: number }>>;
  /** Setup codes the camera read (in the window's worker): they wait to be confirmed like scanImage's. */
  offerCodes(texts: string[]): Promise<Result<{ found: number }>>;
  addFromKey(input: KeyInput): Promise<Result<AddedAccount>>;
  /** The formats "Import from another app" offers, from main's registry: a format added there shows up by itself. */
  listFormats(): Promise<Result<FormatInfo[]>>;
  /**
   * Another app's export file, read with its format (chosen or detected) and stored; a password needed or
   * wrong is an error (PASSWORD_NEEDED, PASSWORD_WRONG) and nothing is stored.
   */
  importFile(file: FileImport): Promise<Result<ImportReport>>;
  renameAccount(id: string, names: { issuer?: string; label?: string }): Promise<Result<AccountView>>;
  reorderAccounts(ids: string[]): Promise<Result<AccountView[]>>;
  /**
   * Deletes an account with a chance to undo: it leaves the list at once, and its key is deleted from the
   * keychain `undoMs` later unless undoRemoveAccount comes first (a removal still waiting when the app quits is
   * completed at its next start).
   */
  removeAccount(id: string): Promise<Result<RemovedAccount>>;
  /** Lists an account removeAccount hid again, while its key is still there; after that, ACCOUNT_NOT_FOUND. */
  undoRemoveAccount(id: string): Promise<Result<AccountView>>;
  /** Pins an account on top of the list, or unpins it. */
  setFavourite(id: string, favourite: boolean): Promise<Result<AccountView>>;
  /** Replaces an account's tags (trimmed, repeats once; [] removes them). */
  setTags(id: string, tags: string[]): Promise<Result<AccountView>>;
  /** The account's picture: a brand icon's slug, "letter", or null for the one its issuer picks. */
  setIcon(id: string, icon: string | null): Promise<Result<AccountView>>;
  /** Copies the current code (or the next one in the last seconds) and clears it later. */
  copyCode(id: string): Promise<Result<CopyResult>>;
  /** HOTP: advances the counter (persisted first) and returns the new code. */
  hotpCode(id: string): Promise<Result<string>>;
  /**
   * The key itself. Main asks the person first (a native dialog); a "no" is an error with code CANCELLED, which
   * the window passes over in silence.
   */
  revealKey(id: string): Promise<Result<RevealedKey>>;
  /** Every key, after main's own confirmation, as revealKey. */
  exportAccounts(format: 'uris' | 'migration'): Promise<Result<ExportView>>;
  /**
   * Every account in an encrypted backup (an Aegis vault, sealed with `password`), after main's own
   * confirmation, in a file main asks for with its save dialog and writes readable by its owner only. Nothing
   * of it comes back but its name and count; a "no" or a closed dialog is CANCELLED.
   */
  exportBackup(password: string): Promise<Result<BackupWritten>>;
  /** A key listed in the start-up report's `orphans`: list it again as an account, or delete it. */
  resolveOrphan(id: string, action: 'restore' | 'delete'): Promise<Result<void>>;
  listPools(): Promise<Result<PoolView[]>>;
  savePool(input: PoolInput, replace: boolean): Promise<Result<PoolView>>;
  removePool(name: string): Promise<Result<PoolView>>;
  /** Reaches the pool's app client and says whether it answers as a Cognito user pool should. */
  testPool(name: string): Promise<Result<PoolTest>>;
  /** Starts an enrollment or a sign-in; its steps arrive on onFlow. */
  startFlow(kind: 'enroll' | 'login', request: FlowRequest): Promise<Result<{ flowId: string }>>;
  /**
   * Answers the prompt a flow waits on. A cancel also stops a flow busy with Cognito, at its next question: the
   * window sends one for each flow it leaves unfinished.
   */
  answerFlow(flowId: string, answer: FlowAnswer): Promise<Result<void>>;
  /**
   * Puts a sign-in's token on the clipboard, through main's clipboard, which clears it after the timeout of
   * Settings (a token stays valid far longer than anyone needs it there).
   */
  copyToken(token: string): Promise<Result<TokenCopied>>;
  /**
   * Puts the words of an import's report on the clipboard, through main's clipboard (the page may not write
   * to it). A report holds no key, and is there to be pasted wherever the person likes: nothing clears it.
   */
  copyReport(text: string): Promise<Result<void>>;
  onFlow(listener: (event: FlowEvent) => void): () => void;
  /**
   * Captures every display and decodes every QR code on them in main; what it finds is offered like a link
   * (onLinks), to accept or decline one by one. Returns how many codes were found.
   */
  scanScreen(): Promise<Result<{ found: number }>>;
  getSettings(): Promise<Result<SettingsView>>;
  /**
   * Changes some settings; `language: null` goes back to the system's language. Account shortcuts change one
   * at a time through setAccountShortcut.
   */
  saveSettings(
    change: Partial<Omit<SettingsView, 'language' | 'accountShortcuts' | 'accountShortcutsTaken'>> & {
      language?: SettingsView['language'] | null;
    },
  ): Promise<Result<SettingsView>>;
  /** Gives an account its own shortcut ('' removes it). */
  setAccountShortcut(id: string, accelerator: string): Promise<Result<SettingsView>>;
  /** While a shortcut is being recorded, Keyfob's own shortcuts stop listening, so the keys reach the field. */
  suspendShortcuts(suspended: boolean): Promise<Result<void>>;
  /** Adds the accounts of a link handed to the app, once the person said yes. */
  acceptLink(id: string): Promise<Result<ImportReport>>;
  declineLink(id: string): Promise<Result<void>>;
  onLinks(listener: (links: LinkSummary[]) => void): () => void;
  /** The global shortcut was pressed: show the quick-search palette, ready to type. */
  onFocusSearch(listener: () => void): () => void;
  /**
   * The palette closed (a code copied, or Escape): when the shortcut brought the window up from behind other
   * applications, it goes back out of the way, so the person is where they were with the code to paste.
   */
  dismissPalette(): Promise<Result<void>>;
  /** What opening the vault repaired or found missing, to tell the person once. */
  startupReport(): Promise<Result<StartupReport>>;
  /** The renderer is ready for pushes (codes, links). */
  ready(): Promise<Result<void>>;
  /** Code batches, one per second; returns an unsubscribe. */
  onCodes(listener: (batch: CodeBatch) => void): () => void;
  /**
   * The accounts changed, here or elsewhere (the CLI, a Cognito enrollment): the list as it is now. The window
   * keeps its list from this instead of asking again after each action. Returns an unsubscribe.
   */
  onAccountsChanged(listener: (accounts: AccountView[]) => void): () => void;
}

/** The pushes from main, each `on…` of KeyfobApi: what each carries. */
export interface EventPayloads {
  codes: CodeBatch;
  flow: FlowEvent;
  links: LinkSummary[];
  focusSearch: null;
  accountsChanged: AccountView[];
}

/** The request channels; the `on…` functions are pushes, on EVENTS. */
export type InvokeName = Exclude<
  keyof KeyfobApi,
  'onCodes' | 'onFlow' | 'onLinks' | 'onFocusSearch' | 'onAccountsChanged'
>;

export const CHANNELS = {
  appInfo: 'app:info',
  listAccounts: 'accounts:list',
  addFromText: 'accounts:add-text',
  scanImage: 'qr:scan-image',
  offerCodes: 'qr:offer',
  addFromKey: 'accounts:add-key',
  listFormats: 'formats:list',
  importFile: 'formats:import',
  renameAccount: 'accounts:rename',
  reorderAccounts: 'accounts:reorder',
  removeAccount: 'accounts:remove',
  undoRemoveAccount: 'accounts:undo-remove',
  setFavourite: 'accounts:favourite',
  setTags: 'accounts:tags',
  setIcon: 'accounts:icon',
  copyCode: 'codes:copy',
  hotpCode: 'codes:hotp',
  revealKey: 'accounts:reveal',
  exportAccounts: 'accounts:export',
  exportBackup: 'accounts:export-backup',
  ready: 'app:ready',
  listPools: 'pools:list',
  savePool: 'pools:save',
  removePool: 'pools:remove',
  testPool: 'pools:test',
  startFlow: 'cognito:start',
  answerFlow: 'cognito:answer',
  copyToken: 'cognito:copy-token',
  copyReport: 'formats:copy-report',
  scanScreen: 'screen:scan',
  getSettings: 'settings:get',
  saveSettings: 'settings:save',
  acceptLink: 'links:accept',
  declineLink: 'links:decline',
  dismissPalette: 'app:palette-dismiss',
  setAccountShortcut: 'settings:account-shortcut',
  suspendShortcuts: 'settings:suspend-shortcuts',
  startupReport: 'app:startup-report',
  resolveOrphan: 'accounts:resolve-orphan',
} as const satisfies Record<InvokeName, string>;

export const EVENTS = {
  codes: 'codes:tick',
  flow: 'cognito:flow',
  links: 'links:pending',
  focusSearch: 'app:focus-search',
  accountsChanged: 'accounts:changed',
} as const satisfies Record<keyof EventPayloads, string>;
