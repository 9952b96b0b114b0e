/** Helpers shared by the tests of keyed errors (test/unit/error-keys-*.test.ts) and of the Cognito mapping. */
import * as sdk from '@aws-sdk/client-cognito-identity-provider';
import { expect } from 'vitest';
import { KeyfobError } from '../../main/errors';
import type { ErrorInfo } from '../../preload/api';
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

/**
 * The window's view of an error: a key, and the en catalogue saying exactly what main wrote (the hint too, where
 * main sent one; where it sent none the catalogue may still advise, as German and Chinese always did). The
 * command line's view is unchanged: no key.
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
  return info;
}
