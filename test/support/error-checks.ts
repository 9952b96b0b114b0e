/** Helpers shared by the tests of keyed errors (test/unit/error-keys-*.test.ts) and of the Cognito mapping. */
import * as sdk from '@aws-sdk/client-cognito-identity-provider';
import { expect } from 'vitest';
import { KeyfobError } from '../../main/errors';
import type { ErrorInfo } from '../../preload/api';
import wordGroups from '../../locales/en/errorWords.json';
import { errorText } from './words';

/** An exception as the SDK builds it from a response: its own class when the model has one. */
export function serviceError(name: string, message: string, status = 400): Error {
  const Ctor = (sdk as unknown as Record<string, unknown>)[name];
  if (typeof Ctor === 'function' && name.endsWith('Exception')) {
    return new (Ctor as new (o: object) => Error)({ message, $metadata: { httpStatusCode: status } });
  }
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
}

/** The KeyfobError that `run` throws; fails the test if it throws anything else or nothing. */
export async function caught(run: () => Promise<unknown> | unknown): Promise<KeyfobError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(KeyfobError);
    return error as KeyfobError;
  }
  throw new Error('expected a KeyfobError');
}

/**
 * Keys whose window English deliberately differs from main's: main sends no id with accountGone, so the window
 * says the account is gone, as it does in German and Chinese.
 */
const WINDOW_WORDING = new Set(['accountGone']);

/** What a catalogue left unworded: a parameter, a nested word, or a word group's code with no word for it. */
const UNWORDED = new RegExp(`\\{\\{|\\$t\\(|errorWords:|\\b(${Object.keys(wordGroups).join('|')})\\.`);

/**
 * Every language words the error completely, on both fronts: a key made at the throw site says its English
 * through the same catalogue, so this is what catches a parameter or a word code the catalogues do not know.
 */
export function wordedEverywhere(info: ErrorInfo): void {
  for (const lang of ['en', 'de', 'zh']) {
    for (const front of ['app', 'cli'] as const) {
      const words = errorText(info, lang, front);
      expect(words.message, `${lang} ${front} ${info.key}`).not.toBe('');
      expect(`${words.message}\n${words.hint ?? ''}`, `${lang} ${front} ${info.key}`).not.toMatch(UNWORDED);
    }
  }
}

/**
 * The window's view of an error: a key, and the en catalogue saying exactly what main wrote (the hint too, where
 * main sent one; where it sent none the catalogue may still advise, as German and Chinese always did), and every
 * language wording it completely. The command line's view is unchanged: no key.
 */
export function forWindow(error: KeyfobError): ErrorInfo {
  const info = error.forApp();
  expect(info.key).toBeDefined();
  const english = errorText(info, 'en');
  if (!WINDOW_WORDING.has(info.key!)) expect(english.message).toBe(error.message);
  if (info.hint !== undefined) expect(english.hint).toBe(info.hint);
  // The command line's words too, so that main can take them from the catalogue (issue 7, wave 2).
  const cli = errorText({ ...info, ...(error.hint ? { hint: error.hint } : {}) }, 'en', 'cli');
  if (!WINDOW_WORDING.has(info.key!)) expect(cli.message).toBe(error.message);
  if (error.hint !== undefined) expect(cli.hint).toBe(error.hint);
  expect(error.toJSON().key).toBeUndefined();
  wordedEverywhere(info);
  return info;
}
