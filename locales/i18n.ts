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
export const NAMESPACES = ['app', 'errors', 'errorWords', 'shell', 'cli'] as const;

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
  // `{{formats, formatNames}}`: a list of import format ids (comma-separated, as errors carry it), each named by
  // errorWords.format and joined as the language joins a list, so the registry's list reads in every language.
  instance.services.formatter?.add('formatNames', (value: unknown, lng: string | undefined) => {
    const names = String(value)
      .split(',')
      .filter((id) => id !== '')
      .map((id) => instance.t(`errorWords:format.${id}`, { ...(lng ? { lng } : {}) }));
    return new Intl.ListFormat(lng, { type: 'conjunction' }).format(names);
  });
  return instance;
}

/** Which front end words the error: hints that name a `keyfob …` command are for the command line only. */
export type Front = 'app' | 'cli';

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
  const t = i18n.t.bind(i18n);
  // A parameter that is a code (a part of a link, a file operation) is worded by the entry itself, which nests
  // its word group: `$t(errorWords:ioAction.{{action}})`. A number of things is `count`, for i18next's plurals.
  const options = { ...raw };
  // The throw site names the wording where an entry has several (`message_<variant>`).
  const messageCtx = error.variant;
  const messageKey = `errors:${key}.message`;
  const hintKey = `errors:${key}.hint`;
  // A variant's hint may be worded for each front end (`hint_<variant>_cli`), or once for both (`hint_<variant>`).
  const variantCtx =
    error.variant === undefined
      ? undefined
      : [`${error.variant}_${front}`, error.variant].find((c) => i18n.exists(`${hintKey}_${c}`, options));
  const hintCtx = variantCtx ?? front;
  const hint = i18n.exists(hintKey, { ...options, context: hintCtx })
    ? t(hintKey, { ...options, context: hintCtx })
    : undefined;
  // An entry with no message of its own is a note on its cause: the cause's words, then this hint after its hint.
  if (error.cause && !i18n.exists(messageKey, { ...options, context: messageCtx ?? front })) {
    const cause = errorText(i18n, error.cause, front);
    return { message: cause.message, hint: [cause.hint, hint].filter(Boolean).join(' ') };
  }
  const message = t(messageKey, { ...options, context: messageCtx ?? front });
  return { message, ...(hint ? { hint } : {}) };
}

/**
 * A reason (an import refusal, a note on an added entry, an account an export leaves out) in the instance's
 * language: from its key when it has one, else as main wrote it.
 */
export function reasonText(
  i18n: i18n,
  r: {
    reason?: string;
    reasonKey?: ErrorKey;
    reasonParams?: Record<string, string | number>;
    reasonVariant?: string;
  },
  front: Front = 'app',
): string {
  const error: ErrorInfo = {
    code: '',
    message: r.reason ?? '',
    ...(r.reasonKey ? { key: r.reasonKey } : {}),
    ...(r.reasonParams ? { params: r.reasonParams } : {}),
    ...(r.reasonVariant !== undefined ? { variant: r.reasonVariant } : {}),
  };
  return errorText(i18n, error, front).message;
}
