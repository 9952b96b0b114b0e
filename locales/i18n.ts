/**
 * The one i18next setup that main, the CLI and the window share: catalogues come in as data (the window bundles
 * them with import.meta.glob, Node reads them from disk), and errors are worded from {key, params} here, not at
 * the throw site. Nothing in this file touches the DOM or the file system.
 */
import i18next, { type i18n, type Module, type Resource } from 'i18next';
import type { ErrorInfo, ErrorKey } from '../preload/api';
import languages from './languages.json';

/** A language the catalogues have, by its i18next code (a folder under locales/). */
export type LanguageCode = string;
export interface Language {
  code: LanguageCode;
  /** Its own name, as the language menu shows it. */
  name: string;
  /** Older saved values that mean this language (settings written before the code changed). */
  saved?: string[];
}

export const LANGUAGES: readonly Language[] = languages;
export const NAMESPACES = ['app', 'errors', 'errorWords'] as const;

/** The language for a saved setting or a system preference list (`navigator.languages`), English if none fits. */
export function matchLanguage(
  preferred: readonly string[],
  list: readonly Language[] = LANGUAGES,
): LanguageCode {
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    const exact = list.find((l) => l.code.toLowerCase() === lower || l.saved?.includes(lower));
    if (exact) return exact.code;
    const base = lower.split('-')[0];
    const byBase = list.find((l) => l.code.toLowerCase().split('-')[0] === base);
    if (byBase) return byBase.code;
  }
  return 'en';
}

/** Catalogue files by path (`…/locales/<lang>/<namespace>.json`) into i18next resources. */
export function resourcesFrom(files: Record<string, unknown>): Resource {
  const resources: Resource = {};
  for (const [path, json] of Object.entries(files)) {
    const match = /([^/\\]+)[/\\]([^/\\]+)\.json$/.exec(path);
    if (!match) continue;
    const [, lang, ns] = match as unknown as [string, string, string];
    (resources[lang] ??= {})[ns] = ((json as { default?: unknown }).default ??
      json) as Resource[string][string];
  }
  return resources;
}

/** An instance over the given catalogues; `plugins` such as react-i18next's binding come before init. */
export function createI18n(resources: Resource, lng: LanguageCode, plugins: Module[] = []): i18n {
  const instance = i18next.createInstance();
  for (const plugin of plugins) instance.use(plugin);
  void instance.init({
    resources,
    lng,
    fallbackLng: 'en',
    ns: [...NAMESPACES],
    defaultNS: 'app',
    initAsync: false,
    // A translation left empty falls back to English instead of showing nothing.
    returnEmptyString: false,
    // React escapes; the CLI prints plain text.
    interpolation: { escapeValue: false },
  });
  return instance;
}

/** Which front end words the error: hints that name a `keyfob …` command are for the command line only. */
export type Front = 'app' | 'cli';

type Params = Record<string, string | number>;

/**
 * The i18next context of a message whose wording depends on its parameters (an optional part, a choice of
 * words). The variants are entries `message_<context>` in errors.json.
 */
function messageContext(key: ErrorKey, p: Params): string | undefined {
  const has = (name: string) => p[name] !== undefined && p[name] !== '';
  switch (key) {
    // One screen or code is another sentence, not a plural form: Chinese has no plural forms to tell them apart.
    case 'screenNoQr':
      return Number(p.screens) === 1 ? 'single' : undefined;
    case 'qrNotSetupCodes':
      return Number(p.codes) === 1 ? 'single' : undefined;
    case 'cognitoNewPasswordNeeded':
      return has('attributes') ? 'attributes' : undefined;
    case 'cognitoCodeNeeded':
      return `${p.via === 'sms' ? 'sms' : 'email'}${has('destination') ? '_destination' : ''}`;
    case 'cognitoSetupWithoutTotp':
      return has('options') ? undefined : 'none';
    case 'cognitoUnsupportedChallenge':
      return has('challenge') ? undefined : 'none';
    case 'cognitoClientSecretNeeded':
      return has('clientId') ? 'client' : undefined;
    case 'cognitoNetwork':
      return has('endpoint') ? 'endpoint' : undefined;
    case 'cognitoUnknownError':
      return has('status') ? 'status' : undefined;
    default:
      return undefined;
  }
}

/** The context of a hint that depends on the system or the cause; otherwise the front end's own wording. */
function hintContext(key: ErrorKey, p: Params, front: Front): string {
  switch (key) {
    case 'screenDenied':
    case 'screenNoPicture':
      return ['macos', 'wayland', 'windows'].includes(String(p.system)) ? String(p.system) : front;
    case 'cognitoFlowNotEnabled':
      return String(p.flow ?? front);
    default:
      return front;
  }
}

/** Plurals go through i18next, which needs the number as `count`. */
function countOf(key: ErrorKey, p: Params): number | undefined {
  if (key === 'screenNoQr') return Number(p.screens);
  return undefined;
}

/** An error's words in the instance's language: a keyed one from the catalogue, any other as main wrote it. */
export function errorText(
  i18n: i18n,
  error: ErrorInfo,
  front: Front = 'app',
): { message: string; hint?: string } {
  const key = error.key;
  if (!key || !i18n.exists(`errors:${key}`)) {
    return { message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
  }
  const raw = error.params ?? {};
  if (key === 'cognitoPendingKept') {
    // The cause's own message and hint, then what became of the key that was already stored.
    const causeKey = String(raw.causeKey ?? '') as ErrorKey;
    const cause = errorText(i18n, { ...error, key: causeKey }, front);
    const kept = i18n.t('errors:cognitoPendingKept.hint', { ...raw, context: front });
    return { message: cause.message, hint: [cause.hint, kept].filter(Boolean).join(' ') };
  }
  const t = i18n.t.bind(i18n);
  const count = countOf(key, raw);
  // A parameter that is a code (a part of a link, a file operation) is worded by the entry itself, which nests
  // its word group: `$t(errorWords:ioAction.{{action}})`.
  const options = { ...raw, ...(count !== undefined ? { count } : {}) };
  // The throw site names the wording where an entry has several; older throw sites leave it to the table above.
  const messageCtx = error.variant ?? messageContext(key, raw);
  const message = t(`errors:${key}.message`, {
    ...options,
    context: messageCtx ?? front,
  });
  const hintKey = `errors:${key}.hint`;
  const variantHint =
    error.variant !== undefined && i18n.exists(hintKey, { ...options, context: error.variant });
  const hintCtx = variantHint ? error.variant! : hintContext(key, raw, front);
  const hint = i18n.exists(hintKey, { ...options, context: hintCtx })
    ? t(hintKey, { ...options, context: hintCtx })
    : undefined;
  return { message, ...(hint ? { hint } : {}) };
}
