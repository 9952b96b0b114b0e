/** Helpers shared by the tests of keyed errors (test/unit/error-keys-*.test.ts) and of the Cognito mapping. */
import * as sdk from '@aws-sdk/client-cognito-identity-provider';
import { expect } from 'vitest';
import { KeyfobError } from '../../main/errors';
import type { ErrorInfo } from '../../preload/api';
import { errorText } from '../../renderer/src/error-strings';

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
 * The window's view of an error: a key, and English that 'en' shows exactly as main wrote it. The command
 * line's view is unchanged: no key.
 */
export function forWindow(error: KeyfobError): ErrorInfo {
  const info = error.forApp();
  expect(info.key).toBeDefined();
  expect(errorText(info, 'en')).toEqual({
    message: error.message,
    ...(info.hint !== undefined ? { hint: info.hint } : {}),
  });
  expect(error.toJSON().key).toBeUndefined();
  return info;
}
