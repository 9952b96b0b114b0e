/**
 * English from the catalogue without reading files, for main and the CLI (bundled: the JSON is compiled in).
 * A KeyfobError takes its English message and hints from here (for logs, tests and `--json`); people read the
 * words of its key in their own language.
 */
import type { ErrorInfo, ErrorKey } from '../preload/api';
import app from './en/app.json';
import errorWords from './en/errorWords.json';
import errors from './en/errors.json';
import { createI18n, errorText } from './i18n';

// Made with the first error: most runs of the CLI never need it.
let en: ReturnType<typeof createI18n> | undefined;

/** The error an entry with no message of its own adds its hint to, as each front end has it. */
export interface CauseInfo {
  cli: ErrorInfo;
  app: ErrorInfo;
}

export function englishError(
  key: ErrorKey,
  params?: Record<string, string | number>,
  variant?: string,
  cause?: CauseInfo,
): { message: string; hint?: string; appHint?: string; cause?: ErrorInfo } {
  // A key the catalogue lacks is a bug at the throw site: say so, rather than give an error with no words.
  if (!Object.hasOwn(errors, key)) throw new Error(`No entry "${key}" in locales/en/errors.json`);
  const info: ErrorInfo = {
    code: '',
    message: '',
    key,
    ...(params ? { params } : {}),
    ...(variant !== undefined ? { variant } : {}),
  };
  // Only a note (an entry without a message) carries its cause; any other error is its own words.
  const note = cause !== undefined && !Object.keys(errors[key]).some((k) => /^message(_|$)/.test(k));
  en ??= english();
  const cli = errorText(en, note ? { ...info, cause: cause.cli } : info, 'cli');
  const app = errorText(en, note ? { ...info, cause: cause.app } : info, 'app');
  return {
    ...cli,
    ...(app.hint !== undefined && app.hint !== cli.hint ? { appHint: app.hint } : {}),
    ...(note ? { cause: cause.app } : {}),
  };
}

function english(): ReturnType<typeof createI18n> {
  return createI18n({ en: { app, errors, errorWords } }, 'en');
}

/** Where in an input an entry was ("line 3", "QR code 2"), in the command line's words (app: place_<kind>). */
export function englishPlace(kind: string, n?: number): string {
  en ??= english();
  return en.t('app:place', { context: kind, n: n ?? 1 });
}
