import * as v from 'valibot';
import type { ErrorInfo, Result } from '../../preload/api';
import { KeyfobError, isKeyfobError } from '../errors';

const INTERNAL: ErrorInfo = {
  code: 'INTERNAL',
  message: 'Something went wrong inside Keyfob.',
  hint: 'Try again; if it keeps happening, restart Keyfob.',
  key: 'internal',
};

/** Runs a handler's work and returns its outcome as data: errors cross IPC with their fields, never thrown. */
export async function result<T>(run: () => Promise<T> | T): Promise<Result<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    if (isKeyfobError(error)) return { ok: false, error: error.forApp() };
    // Unexpected errors cross without their text, which might quote something it should not (a key).
    return { ok: false, error: INTERNAL };
  }
}

/** The person said no to main's own question: the window just carries on, it is not an error to show. */
export function cancelled(): KeyfobError {
  return new KeyfobError('CANCELLED', 'cancelled');
}

export function invalid(what: string): KeyfobError {
  return new KeyfobError('PARAMS_INVALID', `Keyfob received an invalid ${what}.`, 'Try again.');
}

/** The renderer's argument, once `schema` accepts it; else an error naming `what` (never the value). */
export function check<S extends v.GenericSchema>(schema: S, value: unknown, what: string): v.InferOutput<S> {
  const parsed = v.safeParse(schema, value);
  if (!parsed.success) throw invalid(what);
  return parsed.output;
}
