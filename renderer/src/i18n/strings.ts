import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { LanguageCode as Lang } from '../../../locales/i18n';
import { stringsFrom, type Strings } from './words';

export type { Strings } from './words';

/** The window's words in `lang`, re-rendered when the language changes. */
export function useStrings(lang: Lang): Strings {
  const { t, i18n } = useTranslation('app', { lng: lang });
  return useMemo(() => {
    const keys = Object.keys(i18n.getResourceBundle('en', 'app') as Record<string, unknown>);
    return stringsFrom(t as TFunction<'app'>, lang, keys);
  }, [t, i18n, lang]);
}
