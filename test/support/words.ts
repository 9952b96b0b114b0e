/** The catalogues as the window words errors, read from disk for tests that run without a bundler. */
import { join } from 'node:path';
import type { i18n } from 'i18next';
import { createI18n, errorText as wordError, reasonText as wordReason, type Front } from '../../locales/i18n';
import { readCatalogues } from '../../locales/node';
import type { ErrorInfo, ErrorKey } from '../../preload/api';

export const LOCALES = join(__dirname, '..', '..', 'locales');
const resources = readCatalogues(LOCALES);
const instances = new Map<string, i18n>();

export function i18nFor(lang: string): i18n {
  const code = lang === 'zh' ? 'zh-CN' : lang;
  let found = instances.get(code);
  if (!found) {
    found = createI18n(resources, code);
    instances.set(code, found);
  }
  return found;
}

/** `lang` takes the settings' codes ('zh' is zh-CN). */
export function errorText(
  error: ErrorInfo,
  lang: string,
  front: Front = 'app',
): { message: string; hint?: string } {
  return wordError(i18nFor(lang), error, front);
}

export function reasonText(
  r: { reason: string; reasonKey?: ErrorKey; reasonParams?: Record<string, string | number> },
  lang: string,
): string {
  return wordReason(i18nFor(lang), r, 'app');
}
