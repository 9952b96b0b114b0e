/**
 * FreeOTP+'s JSON backup (Settings → Export → JSON), written from these public sources:
 * - helloworld1/FreeOTPPlus `token/TokenPersistence.kt` (the backup is Gson's rendering of
 *   `SavedTokens(tokens, tokenOrder)`) and `token/Token.java` (each token's fields: `issuerInt`, `issuerExt`,
 *   `issuerAlt`, `label`, `labelAlt`, `image`, `imageAlt`, `type` HOTP | TOTP, `algo`, `secret` as Java's signed
 *   bytes, `digits`, `counter`, `period`; Gson leaves out fields that are null). What the app shows is
 *   `issuerAlt` or else `issuerExt`, and `labelAlt` or else `label`; a token whose `issuerExt` is "Steam" makes
 *   Steam codes; a HOTP token keeps its counter one below the one its otpauth:// link carries (`toUri` writes
 *   `counter + 1`);
 * - beemdevelopment/Aegis `importers/FreeOtpPlusImporter.java` and its test resource
 *   `importers/freeotp_plus.json` (a real backup), whose expected values agree.
 * The backup has no password.
 */
import { KeyfobError, isKeyfobError } from '../errors';
import { bytesToBase32, normaliseSecret } from '../otp/secret';
import {
  ALGORITHMS,
  MAX_DIGITS,
  MIN_DIGITS,
  defaultParams,
  displayName,
  type Algorithm,
  type OtpAccount,
  type OtpType,
} from '../otp/types';
import { placeName, textOf, type Format, type ParsedEntry } from './types';

const ID = 'freeotp-plus';
/** Longer than any real key (a SHA-512 key is 64 bytes), and within what normaliseSecret takes. */
const MAX_SECRET_BYTES = 512;

function damaged(): KeyfobError {
  return new KeyfobError('IMPORT_INVALID', 'importDamaged', { format: ID });
}

function invalidField(field: string): KeyfobError {
  return new KeyfobError('PARAMS_INVALID', 'importEntryFieldType', { field });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function jsonValue(content: string): unknown {
  try {
    return JSON.parse(content) as unknown;
  } catch {
    return undefined;
  }
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A whole number within bounds, or the field's keyed refusal. */
function whole(value: unknown, field: string, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) throw invalidField(field);
  return value;
}

/** Java's signed bytes (-128…127; 0…255 is read as well), as a key in base32. */
function secretOf(value: unknown): string {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_SECRET_BYTES)
    throw invalidField('secret');
  const bytes = new Uint8Array(value.length);
  for (const [i, b] of value.entries()) {
    if (typeof b !== 'number' || !Number.isInteger(b) || b < -128 || b > 255) throw invalidField('secret');
    bytes[i] = b & 0xff;
  }
  return normaliseSecret(bytesToBase32(bytes));
}

/** The names the app shows: the person's own (`…Alt`) over the ones the setup link gave. */
function namesOf(token: Record<string, unknown>): { issuer: string; label: string } {
  return {
    issuer: (text(token.issuerAlt) ?? text(token.issuerExt) ?? text(token.issuerInt) ?? '').trim(),
    label: (text(token.labelAlt) ?? text(token.label) ?? '').trim(),
  };
}

/** The id FreeOTP+ files a token under in `tokenOrder` (Token.getID). */
function idOf(token: Record<string, unknown>): string {
  const label = text(token.label) ?? '';
  const issuer = text(token.issuerInt) || text(token.issuerExt);
  return issuer ? `${issuer}:${label}` : label;
}

function accountOf(token: Record<string, unknown>): OtpAccount {
  const rawType = text(token.type)?.toUpperCase();
  if (rawType !== 'TOTP' && rawType !== 'HOTP')
    throw new KeyfobError('PARAMS_INVALID', 'importEntryType', {
      type: (text(token.type) ?? '').slice(0, 20),
    });
  const names = namesOf(token);
  const type: OtpType = rawType === 'HOTP' ? 'hotp' : text(token.issuerExt) === 'Steam' ? 'steam' : 'totp';
  const params = defaultParams(type);
  const secret = secretOf(token.secret);
  if (type !== 'steam') {
    if (token.algo !== undefined) {
      const algo = text(token.algo)?.toUpperCase().replace(/-/g, '');
      if (algo === undefined) throw invalidField('algo');
      if (!(ALGORITHMS as readonly string[]).includes(algo))
        throw new KeyfobError('PARAMS_INVALID', 'importEntryAlgorithm', { algorithm: algo.slice(0, 20) });
      params.algorithm = algo as Algorithm;
    }
    if (token.digits !== undefined) {
      const digits = whole(token.digits, 'digits', 1);
      if (digits < MIN_DIGITS || digits > MAX_DIGITS)
        throw new KeyfobError('PARAMS_INVALID', 'uriDigitsUnsupported', { digits });
      params.digits = digits;
    }
  }
  if (token.period !== undefined) params.period = whole(token.period, 'period', 1);
  if (type === 'hotp' && token.counter !== undefined) {
    // The counter FreeOTP+ keeps is one below the next one to use (see the top of this file).
    const counter = whole(token.counter, 'counter', -1) + 1;
    if (!Number.isSafeInteger(counter)) throw invalidField('counter');
    params.counter = counter;
  }
  return { ...names, secret, params, extra: {} };
}

function readToken(raw: unknown, n: number): ParsedEntry {
  const names = isRecord(raw) ? namesOf(raw) : undefined;
  const name = names?.label ? displayName(names) : undefined;
  try {
    if (!isRecord(raw)) throw invalidField('token');
    return { status: 'ok', account: accountOf(raw) };
  } catch (error) {
    if (!isKeyfobError(error)) throw error;
    return {
      status: 'refused',
      name: name ?? placeName({ kind: 'entry', n }),
      reason: error.message,
      ...(error.key ? { key: error.key } : {}),
      ...(error.params ? { params: error.params } : {}),
      ...(error.variant !== undefined ? { variant: error.variant } : {}),
      ...(name === undefined ? { place: { kind: 'entry' as const, n } } : {}),
    };
  }
}

export const freeotpPlus: Format = {
  id: ID,
  fileTypes: ['.json'],
  detect(bytes) {
    const content = textOf(bytes);
    if (content === undefined || !content.trimStart().startsWith('{')) return 0;
    const file = jsonValue(content);
    // Not JSON (cut short, damaged) but with FreeOTP+'s own field names: parse says what is wrong with it.
    if (file === undefined) return /"tokenOrder"\s*:/.test(content) && /"tokens"\s*:/.test(content) ? 0.6 : 0;
    if (!isRecord(file) || !Array.isArray(file.tokens)) return 0;
    if (Array.isArray(file.tokenOrder)) return 0.95;
    return file.tokens.some((t) => isRecord(t) && Array.isArray(t.secret)) ? 0.8 : 0;
  },
  parse(bytes) {
    const content = textOf(bytes);
    if (content === undefined) throw damaged();
    const file = jsonValue(content);
    if (!isRecord(file) || !Array.isArray(file.tokens)) throw damaged();
    // The backup lists tokens in their order already; tokenOrder is the app's own record of it, which wins.
    const order = new Map<unknown, number>();
    if (Array.isArray(file.tokenOrder))
      for (const [i, id] of file.tokenOrder.entries()) if (!order.has(id)) order.set(id, i);
    const rank = (raw: unknown): number =>
      (isRecord(raw) ? order.get(idOf(raw)) : undefined) ?? Number.MAX_SAFE_INTEGER;
    const read = file.tokens.map((raw, i) => ({ raw, n: i + 1, rank: rank(raw) }));
    read.sort((a, b) => a.rank - b.rank || a.n - b.n);
    return { entries: read.map(({ raw, n }) => readToken(raw, n)) };
  },
};
