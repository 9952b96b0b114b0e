/**
 * The window's catalogues: every locales/<lang>/<namespace>.json bundled at build time (the CSP forbids fetching
 * them), so a new language folder needs no code here. The pseudo-locale test points the `@locales` alias at a
 * temporary copy with a fourth language.
 */
import type { i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { ErrorInfo, ErrorKey } from '../../../preload/api';
import languageList from '@locales/languages.json';
import {
  createI18n,
  errorText as wordError,
  reasonText as wordReason,
  matchLanguage,
  resourcesFrom,
  type Language,
  type LanguageCode,
} from '../../../locales/i18n';

// The window's own namespaces only: the command line's and the shell's words would be dead weight here.
const files = import.meta.glob('@locales/*/{app,errors,errorWords}.json', { eager: true });
const resources = resourcesFrom(files);

/** A language code of the catalogues (a folder under locales/). */
export type Lang = LanguageCode;

/** The languages the menus offer: the list in languages.json, each with its catalogue in this bundle. */
export const languages: readonly Language[] = (languageList as Language[]).filter(
  (l) => resources[l.code] !== undefined,
);

/** The language for a saved setting (older ones too: `zh`) or the system's preference list. */
export function pickLanguage(preferred: readonly string[]): Lang {
  return matchLanguage(preferred, languages);
}

/** The instance React renders with (useTranslation). */
export const windowI18n = createI18n(resources, 'en', [initReactI18next]);

const instances = new Map<string, i18n>();
function instance(lang: Lang): i18n {
  let found = instances.get(lang);
  if (!found) {
    found = createI18n(resources, lang);
    instances.set(lang, found);
  }
  return found;
}

/** An error in the window's language: a keyed one from the catalogue, any other as main wrote it. */
export function errorText(error: ErrorInfo, lang: Lang): { message: string; hint?: string } {
  return wordError(instance(lang), error, 'app');
}

/** A reason (an import refusal, an export exclusion) in the window's language, from its key when it has one. */
export function reasonText(
  r: { reason: string; reasonKey?: ErrorKey; reasonParams?: Record<string, string | number> },
  lang: Lang,
): string {
  return wordReason(instance(lang), r, 'app');
}
