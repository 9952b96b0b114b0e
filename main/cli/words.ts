import { join } from 'node:path';
import type { i18n, Resource } from 'i18next';
import {
  createI18n,
  errorText,
  matchLanguage,
  reasonText as wordReason,
  type LanguageCode,
} from '../../locales/i18n';
import { readCatalogues } from '../../locales/node';
import type { ErrorInfo } from '../../preload/api';
import en from '../../locales/en/cli.json';
import errorWordsEn from '../../locales/en/errorWords.json';
import errorsEn from '../../locales/en/errors.json';
import type { KeyfobError } from '../errors';
import { printableLines } from './columns';

/**
 * The CLI's words: locales/<lang>/cli.json, and errors.json for errors, in the language of the environment.
 * Read on first use only: `keyfob code` prints a code and nothing else, and must not pay for a catalogue.
 */

type Plural = '_one' | '_other';
type Entry<K> = K extends `${infer Base}${Plural}` ? Base : K;
export type CliKey = Entry<keyof typeof en>;
export type Params = Record<string, string | number>;

// main/cli/ in the sources and dist/cli/ in the build (and the packaged app) are both two folders down.
const LOCALES = join(__dirname, '..', '..', 'locales');

/**
 * The language of messages as POSIX orders it: LC_ALL, then LC_MESSAGES, then LANG; `C`, `POSIX` or none of
 * them is English. `de_DE.UTF-8` and `de_DE@euro` are German.
 */
export function cliLanguage(env: NodeJS.ProcessEnv): LanguageCode {
  const value = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '');
  const tag = (value ?? '').split(/[.@]/)[0]!.replace(/_/g, '-');
  if (tag === '' || tag === 'C' || tag === 'POSIX') return 'en';
  return matchLanguage([tag]);
}

const instances = new Map<LanguageCode, i18n>();

export function cliI18n(env: NodeJS.ProcessEnv): i18n {
  const lang = cliLanguage(env);
  let found = instances.get(lang);
  if (!found) {
    // English is compiled in (the key form of errors needs its errors.json anyway), so a keyfob.js copied on
    // its own still speaks; other languages are read from disk, only the files the CLI uses.
    const resources: Resource = { en: { cli: en, errors: errorsEn, errorWords: errorWordsEn } };
    if (lang !== 'en') {
      try {
        const read = readCatalogues(LOCALES, {
          languages: [lang],
          namespaces: ['cli', 'errors', 'errorWords'],
        });
        if (read[lang]) resources[lang] = read[lang];
      } catch {
        // no catalogues next to this file: English
      }
    }
    found = createI18n(resources, lang);
    instances.set(lang, found);
  }
  return found;
}

/**
 * A message's parameters as the terminal may show them (columns.ts printable): names, file names and what a person
 * typed are quoted in messages, and none may carry an escape sequence or a direction override to the terminal.
 * Line breaks stay, for the lists some parameters are.
 */
function printableParams<P extends Record<string, unknown>>(params: P): P {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(params))
    out[name] = typeof value === 'string' ? printableLines(value) : value;
  return out as P;
}

/** A line (or part of one) of the CLI's catalogue in the environment's language. */
export function say(env: NodeJS.ProcessEnv, key: CliKey, params: Params = {}): string {
  return cliI18n(env).t(`cli:${key}`, printableParams(params));
}

export function hasWords(env: NodeJS.ProcessEnv, key: string): boolean {
  return cliI18n(env).exists(`cli:${key}`);
}

/** An error's message and command-line hint in the environment's language (unkeyed ones as main wrote them). */
export function errorWords(env: NodeJS.ProcessEnv, error: KeyfobError): { message: string; hint?: string } {
  const info: ErrorInfo = {
    ...error.toJSON(),
    ...(error.key !== undefined ? { key: error.key } : {}),
    ...(error.params !== undefined ? { params: printableParams(error.params) } : {}),
    ...(error.variant !== undefined ? { variant: error.variant } : {}),
  };
  return errorText(cliI18n(env), info, 'cli');
}

/** A refusal's reason (an import entry, an account an export leaves out) in the environment's language. */
export function reasonWords(
  env: NodeJS.ProcessEnv,
  r: { reason?: string; key?: ErrorInfo['key']; params?: Params; variant?: string },
): string {
  if (r.key === undefined) return r.reason ?? '';
  return wordReason(
    cliI18n(env),
    {
      ...(r.reason !== undefined ? { reason: r.reason } : {}),
      reasonKey: r.key,
      ...(r.params ? { reasonParams: printableParams(r.params) } : {}),
      ...(r.variant !== undefined ? { reasonVariant: r.variant } : {}),
    },
    'cli',
  );
}
