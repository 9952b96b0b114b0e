import * as v from 'valibot';
import type { ErrorInfo, Result } from '../../preload/api';
import { englishError } from '../../locales/english';
import { KeyfobError, isKeyfobError } from '../errors';

function internal(): ErrorInfo {
  const { message, hint, appHint } = englishError('internal');
  const shown = appHint ?? hint;
  return { code: 'INTERNAL', message, ...(shown !== undefined ? { hint: shown } : {}), key: 'internal' };
}

/** Runs a handler's work and returns its outcome as data: errors cross IPC with their fields, never thrown. */
export async function result<T>(run: () => Promise<T> | T): Promise<Result<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    if (isKeyfobError(error)) return { ok: false, error: error.forApp() };
    // Unexpected errors cross without their text, which might quote something it should not (a key).
    return { ok: false, error: internal() };
  }
}

/** The person said no to main's own question: the window just carries on, it is not an error to show. */
export function cancelled(): KeyfobError {
  return new KeyfobError('CANCELLED', 'cancelled');
}

export function invalid(what: string): KeyfobError {
  return new KeyfobError('PARAMS_INVALID', 'ipcInvalid', { what });
}

/** The renderer's argument, once `schema` accepts it; else an error naming `what` (never the value). */
export function check<S extends v.GenericSchema>(schema: S, value: unknown, what: string): v.InferOutput<S> {
  const parsed = v.safeParse(schema, value);
  if (!parsed.success) throw invalid(what);
  return parsed.output;
}
