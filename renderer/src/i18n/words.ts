/**
 * The window's words from the `app` catalogue, as one object `t` (`t.accounts`, `t.more(name)`) so that a screen
 * reads the same as before the catalogues; the entries with parameters say here which parameter each argument
 * is, and which context or plural form it picks. useStrings (./strings.ts) gives them through react-i18next.
 */
import type { TFunction } from 'i18next';
import type en from '../../../locales/en/app.json';
import type { LanguageCode as Lang } from '../../../locales/i18n';
import type { ImportPlace } from '../../../preload/api';

/** The entries that take arguments. */
interface Calls {
  more(name: string): string;
  screenFound(count: number): string;
  place(kind: ImportPlace['kind'], n?: number): string;
  missingBatch(numbers: number[], size: number): string;
  accountShortcutTitle(name: string): string;
  missingKeys(names: string): string;
  /** Why, as main reports it: a code of errorWords' `unreadable` group, with its number. */
  listMovedAside(path: string, why: { reason: string; schema?: number }): string;
  /** The account copied, whether it was the next code, and when the clipboard clears it (when it does). */
  copiedToast(name: string, next: boolean, seconds?: number): string;
  removedToast(name: string): string;
  noMatchTitle(query: string): string;
  qrFor(name: string): string;
  exportStep(index: number, total: number): string;
  removePool(pool: string): string;
  editPool(pool: string): string;
  poolAnswers(pool: string, client: string): string;
  poolReachedBut(pool: string): string;
  stepChallenge(step: string): string;
  stepWaiting(seconds: number): string;
  stepPreference(preferred: boolean): string;
  stepReplaced(key: string): string;
  skew(seconds: number, behind: boolean): string;
  newPasswordHelp(username: string): string;
  /** `via` as the flow names it: 'text message' or 'e-mail'. */
  codeHelp(via: string, to?: string): string;
  enrolled(name: string): string;
  signedIn(username: string): string;
  /** `when` as Intl.RelativeTimeFormat words it ("in 59 minutes"); `past` once the tokens have expired. */
  expires(when: string, past: boolean): string;
  userInPool(username: string, pool: string): string;
  signedInWithCode(username: string): string;
  copyToken(token: string): string;
  claims(token: string): string;
  cameraFailed(reason: string): string;
  /** The start of an account's id, telling apart two accounts of the same name. */
  shortId(id: string): string;
  /** After adding: how many were added, and how many were already there. */
  addedSummary(added: number, already: number): string;
  imageFound(count: number): string;
  /** Where the app of this format id keeps its export (a generic sentence for a format without its own). */
  formatWhere(format: string): string;
  /** A Google Authenticator transfer code's place in its export, counted from 1. */
  linkBatch(index: number, size: number): string;
  /** The question over a link or code waiting to be added, for the number of accounts it holds. */
  linkTitle(count: number): string;
  fileChosen(name: string): string;
  /** An encrypted backup written: how many accounts, and the file's name. */
  backupWritten(count: number, file: string): string;
}

/** Entries without arguments: every key of the catalogue that is neither a call nor a context or plural form. */
type Plain = Exclude<keyof typeof en, keyof Calls | `${string}_${string}`>;

export type Strings = { readonly lang: Lang } & Record<Plain, string> & Calls;

function calls(t: TFunction<'app'>): Calls {
  return {
    more: (name) => t('more', { name }),
    screenFound: (count) => t('screenFound', { count }),
    place: (kind, n) => t('place', { context: kind, n }),
    missingBatch: (numbers, size) => t('missingBatch', { numbers: numbers.join(t('listSeparator')), size }),
    accountShortcutTitle: (name) => t('accountShortcutTitle', { name }),
    missingKeys: (names) => t('missingKeys', { names }),
    listMovedAside: (path, why) =>
      t('listMovedAside', { path, reason: why.reason, schema: why.schema ?? '' }),
    copiedToast: (name, next, seconds) =>
      t('copiedToast', {
        name,
        seconds,
        ...(next || seconds !== undefined
          ? { context: [next ? 'next' : '', seconds !== undefined ? 'clears' : ''].filter(Boolean).join('_') }
          : {}),
      }),
    removedToast: (name) => t('removedToast', { name }),
    noMatchTitle: (query) => t('noMatchTitle', { query }),
    qrFor: (name) => t('qrFor', { name }),
    exportStep: (index, total) => t('exportStep', { index, total }),
    removePool: (pool) => t('removePool', { pool }),
    editPool: (pool) => t('editPool', { pool }),
    poolAnswers: (pool, client) => t('poolAnswers', { pool, client }),
    poolReachedBut: (pool) => t('poolReachedBut', { pool }),
    // An unknown step falls back to the entry without context, which names the step as Cognito does.
    stepChallenge: (step) => t('stepChallenge', { context: step, step }),
    stepWaiting: (seconds) => t('stepWaiting', { seconds }),
    stepPreference: (preferred) => t('stepPreference', preferred ? { context: 'preferred' } : {}),
    stepReplaced: (key) => t('stepReplaced', { key }),
    skew: (seconds, behind) => t('skew', { seconds, context: behind ? 'behind' : 'ahead' }),
    newPasswordHelp: (username) => t('newPasswordHelp', { username }),
    codeHelp: (via, to) =>
      t('codeHelp', { context: `${via === 'text message' ? 'sms' : 'email'}${to ? '_to' : ''}`, to }),
    enrolled: (name) => t('enrolled', { name }),
    signedIn: (username) => t('signedIn', { username }),
    expires: (when, past) => t('expires', { when, ...(past ? { context: 'past' } : {}) }),
    userInPool: (username, pool) => t('userInPool', { username, pool }),
    signedInWithCode: (username) => t('signedInWithCode', { username }),
    copyToken: (token) => t('copyToken', { token }),
    claims: (token) => t('claims', { token }),
    cameraFailed: (reason) => t('cameraFailed', { reason }),
    shortId: (id) => t('shortId', { id }),
    // Nothing new is another sentence; so is a count of accounts already there, which needs no plural of its own.
    addedSummary: (added, already) =>
      added === 0
        ? t('addedSummary', { context: 'none', already })
        : t('addedSummary', { count: added, already, ...(already > 0 ? { context: 'already' } : {}) }),
    imageFound: (count) => t('imageFound', { count }),
    formatWhere: (format) => t('formatWhere', { context: format }),
    linkBatch: (index, size) => t('linkBatch', { index, size }),
    linkTitle: (count) => t('linkTitle', { count }),
    fileChosen: (name) => t('fileChosen', { name }),
    backupWritten: (count, file) => t('backupWritten', { count, file }),
  };
}

/**
 * Words kept as data (a catalogue key and its arguments) rather than as text, so that something the window keeps
 * showing, a notice or a toast, is said again in the new language when the language changes.
 */
export type Phrase =
  | { readonly key: Plain }
  | { [K in keyof Calls]: { readonly key: K; readonly args: Readonly<Parameters<Calls[K]>> } }[keyof Calls];

/** A phrase in the language of `t`. */
export function say(t: Strings, phrase: Phrase): string {
  if (!('args' in phrase)) return t[phrase.key];
  return (t[phrase.key] as (...args: unknown[]) => string)(...phrase.args);
}

/** Builds the words for `lang` from whatever the catalogue holds, so a new entry needs no line here. */
export function stringsFrom(t: TFunction<'app'>, lang: Lang, keys: readonly string[]): Strings {
  const own = calls(t);
  const plain: Record<string, string> = {};
  for (const key of keys) if (!key.includes('_') && !(key in own)) plain[key] = t(key);
  return { ...(plain as Record<Plain, string>), ...own, lang };
}
