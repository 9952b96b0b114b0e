/**
 * The window's catalogues: every locales/<lang>/<namespace>.json bundled at build time (the CSP forbids fetching
 * them), so a new language folder needs no code here.
 */
import type { i18n } from 'i18next';
import type { ErrorInfo, ErrorKey } from '../../../preload/api';
import { createI18n, errorText as wordError, resourcesFrom } from '../../../locales/i18n';
import type { Lang } from '../strings';

const files = import.meta.glob('../../../locales/*/*.json', { eager: true });
const resources = resourcesFrom(files);
const instances = new Map<string, i18n>();

/** The settings' language codes are the catalogues' folders, except the older `zh`. */
function instance(lang: Lang): i18n {
  const code = lang === 'zh' ? 'zh-CN' : lang;
  let found = instances.get(code);
  if (!found) {
    found = createI18n(resources, code);
    instances.set(code, found);
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
  return errorText(
    {
      code: '',
      message: r.reason,
      ...(r.reasonKey ? { key: r.reasonKey } : {}),
      ...(r.reasonParams ? { params: r.reasonParams } : {}),
    },
    lang,
  ).message;
}
