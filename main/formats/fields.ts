/**
 * Reading the fields of one entry of an app's JSON export, where each entry is an object of loosely typed
 * fields: every field is checked for its type before use, and a wrong one is a keyed reason that refuses that
 * entry only (the others go on).
 */
import type { ImportPlace } from '../../preload/api';
import { KeyfobError, isKeyfobError } from '../errors';
import { ALGORITHMS, displayName, type Algorithm, type OtpAccount } from '../otp/types';
import { placeName, type ParsedEntry } from './types';

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function wrongType(field: string): KeyfobError {
  return new KeyfobError('PARAMS_INVALID', 'importEntryFieldType', { field });
}

/**
 * How the person organised an entry in the app (a favourite; its tags, groups or categories, by name), set on the
 * account only when there is something to set. Only text names are taken; the vault holds them to the rules of
 * tags typed in the window (main/vault/names.ts cleanTags), and refuses the entry by name if one breaks them.
 */
export function organised(
  account: OtpAccount,
  how: { favourite?: boolean; tags?: readonly unknown[] },
): OtpAccount {
  if (how.favourite === true) account.favourite = true;
  const tags = (how.tags ?? []).filter((t): t is string => typeof t === 'string' && t.trim() !== '');
  if (tags.length > 0) account.tags = [...new Set(tags)];
  return account;
}

/** A field that must be text when present (absent or null: undefined). */
export function textField(obj: JsonObject, field: string): string | undefined {
  const value = obj[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw wrongType(field);
  return value;
}

/** A field that must be a whole number when present: a JSON number, so "30" in quotes is not one. */
export function wholeField(obj: JsonObject, field: string): number | undefined {
  const value = obj[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw wrongType(field);
  return value;
}

/** A field that must be an object when present. */
export function objectField(obj: JsonObject, field: string): JsonObject | undefined {
  const value = obj[field];
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw wrongType(field);
  return value;
}

/** An algorithm's name as apps write it (`SHA1`, `sha256`); absent is SHA1, the RFCs' default. */
export function algorithmOf(name: string | undefined): Algorithm {
  if (name === undefined) return 'SHA1';
  const found = ALGORITHMS.find((a) => a === name.toUpperCase());
  if (!found) throw new KeyfobError('PARAMS_INVALID', 'importEntryAlgorithm', { algorithm: name });
  return found;
}

/**
 * One entry of an export, read by `read`, or refused with the keyed reason `read` threw. It is named by its
 * issuer and label when it has them, else by its place ("entry 3").
 */
export function readEntry(
  names: { issuer: string; label: string },
  n: number,
  read: () => OtpAccount,
): ParsedEntry {
  try {
    return { status: 'ok', account: read() };
  } catch (error) {
    if (!isKeyfobError(error)) throw error;
    const place: ImportPlace = { kind: 'entry', n };
    const label = names.label.trim();
    const issuer = names.issuer.trim();
    const named = label !== '' || issuer !== '';
    return {
      status: 'refused',
      // A label that only repeats the issuer (the format had no account name) is not said twice.
      name: label !== '' && label !== issuer ? displayName(names) : issuer !== '' ? issuer : placeName(place),
      reason: error.message,
      ...(error.key ? { key: error.key } : {}),
      ...(error.params ? { params: error.params } : {}),
      ...(error.variant !== undefined ? { variant: error.variant } : {}),
      ...(named ? {} : { place }),
    };
  }
}
