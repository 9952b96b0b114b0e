/**
 * Authenticator Pro backups (the app is now called Stratum): `.authpro` files, plain JSON or encrypted.
 *
 * Described by the app's own public source (stratumauth/app, formerly jamie-mh/AuthenticatorPro, GPL-3.0): the
 * Backup class (JSON with Authenticators, Categories, AuthenticatorCategories, CustomIcons; property names as in
 * C#), the Authenticator entity and AuthenticatorType (Type 1 HOTP, 2 TOTP, 3 Mobile-OTP, 4 Steam, 5 Yandex;
 * Algorithm 0 SHA1, 1 SHA256, 2 SHA512), Stratum.Core/src/Backup/Encryption/StrongBackupEncryption.cs and
 * LegacyBackupEncryption.cs; and by Aegis's importer of it (beemdevelopment/Aegis, StratumImporter.java).
 * Categories come along as tags: `Categories` ([{ Id, Name }]) and `AuthenticatorCategories` ([{ CategoryId,
 * AuthenticatorSecret }]), which binds a category to an authenticator by its key as the backup writes it.
 *
 * The two encrypted layouts, each a 16-byte ASCII header, then the salt, the IV and the ciphertext:
 * - strong (what the app writes): "AUTHENTICATORPRO", salt 16, IV 12, AES-256-GCM (16-byte tag at the end), the key
 *   from Argon2id(password, salt) with parallelism 4, 3 iterations, 64 MiB;
 * - legacy (older backups, which the app still opens): "AuthenticatorPro", salt 20, IV 16, AES-256-CBC with PKCS#7
 *   padding, the key from PBKDF2-HMAC-SHA1(password, salt, 64 000 iterations).
 * Neither layout stores its key derivation's parameters: they are the constants above, so a file cannot make
 * Keyfob spend more than one 64 MiB Argon2id derivation (about a second) on it.
 */
import { createDecipheriv, pbkdf2 } from 'node:crypto';
import { promisify } from 'node:util';
import { argon2idAsync } from '@noble/hashes/argon2.js';
import type { ErrorKey } from '../../preload/api';
import { KeyfobError, isKeyfobError } from '../errors';
import { normaliseSecret } from '../otp/secret';
import { defaultParams, displayName, type Algorithm, type OtpAccount, type OtpType } from '../otp/types';
import { organised } from './fields';
import { passwordNeeded, passwordWrong, placeName, textOf, type Format, type ParsedEntry } from './types';

const ID = 'authenticator-pro';
const STRONG_HEADER = 'AUTHENTICATORPRO';
const LEGACY_HEADER = 'AuthenticatorPro';
const HEADER_LENGTH = 16;

const STRONG = { salt: 16, iv: 12, tag: 16, argon2: { t: 3, m: 64 * 1024, p: 4, dkLen: 32 } } as const;
const LEGACY = { salt: 20, iv: 16, block: 16, iterations: 64_000 } as const;

const pbkdf2Async = promisify(pbkdf2);

/** The app's kinds of code (AuthenticatorType), and what Keyfob makes of each: a type, or the name it refuses. */
const TYPES: Record<number, OtpType | { refused: string }> = {
  1: 'hotp',
  2: 'totp',
  3: { refused: 'mOTP (Mobile-OTP)' },
  4: 'steam',
  5: { refused: 'Yandex' },
};
const ALGORITHMS: Record<number, Algorithm> = { 0: 'SHA1', 1: 'SHA256', 2: 'SHA512' };

function damaged(cause?: unknown): KeyfobError {
  return new KeyfobError(
    'IMPORT_INVALID',
    'importDamaged',
    { format: ID },
    cause === undefined ? undefined : { cause },
  );
}

/** Each authenticator's category names, by its key as the backup writes it; malformed items give nothing. */
function categoriesBySecret(backup: Record<string, unknown>): Map<string, string[]> {
  const names = new Map<string, string>();
  if (Array.isArray(backup.Categories))
    for (const c of backup.Categories)
      if (isObject(c) && typeof c.Id === 'string' && typeof c.Name === 'string') names.set(c.Id, c.Name);
  const bySecret = new Map<string, string[]>();
  if (Array.isArray(backup.AuthenticatorCategories))
    for (const link of backup.AuthenticatorCategories) {
      if (
        !isObject(link) ||
        typeof link.AuthenticatorSecret !== 'string' ||
        typeof link.CategoryId !== 'string'
      )
        continue;
      const name = names.get(link.CategoryId);
      if (name === undefined) continue;
      bySecret.set(link.AuthenticatorSecret, [...(bySecret.get(link.AuthenticatorSecret) ?? []), name]);
    }
  return bySecret;
}

function startsWithAscii(bytes: Uint8Array, header: string): boolean {
  if (bytes.length < header.length) return false;
  for (let i = 0; i < header.length; i++) if (bytes[i] !== header.charCodeAt(i)) return false;
  return true;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The backup as a JSON object with its list of authenticators, or undefined when it is not one. */
function backupOf(text: string): Record<string, unknown> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return isObject(value) && Array.isArray(value.Authenticators) ? value : undefined;
}

export const authenticatorPro: Format = {
  id: ID,
  password: 'sometimes',
  fileTypes: ['.authpro'],
  detect(bytes, fileName) {
    if (startsWithAscii(bytes, STRONG_HEADER) || startsWithAscii(bytes, LEGACY_HEADER)) return 1;
    const text = textOf(bytes);
    // The key is looked for before the whole text is parsed, so that other formats' files cost a scan only.
    if (text !== undefined && text.includes('"Authenticators"') && backupOf(text)) return 0.95;
    return fileName?.toLowerCase().endsWith('.authpro') && bytes.length > 0 ? 0.3 : 0;
  },
  async parse(bytes, options) {
    let text: string | undefined;
    if (startsWithAscii(bytes, STRONG_HEADER) || startsWithAscii(bytes, LEGACY_HEADER)) {
      if (options.password === undefined) throw passwordNeeded(ID);
      text = startsWithAscii(bytes, STRONG_HEADER)
        ? await openStrong(bytes, options.password)
        : await openLegacy(bytes, options.password);
    } else {
      text = textOf(bytes);
    }
    const backup = text === undefined ? undefined : backupOf(text);
    if (!backup) throw damaged();
    const categories = categoriesBySecret(backup);
    return {
      entries: (backup.Authenticators as unknown[]).map((entry, i) => {
        const read = readEntry(entry, i + 1);
        if (read.status === 'ok' && isObject(entry) && typeof entry.Secret === 'string')
          organised(read.account, { tags: categories.get(entry.Secret) ?? [] });
        return read;
      }),
    };
  },
};

async function openStrong(bytes: Uint8Array, password: string): Promise<string> {
  const saltAt = HEADER_LENGTH;
  const ivAt = saltAt + STRONG.salt;
  const dataAt = ivAt + STRONG.iv;
  if (bytes.length < dataAt + STRONG.tag) throw damaged();
  const salt = bytes.subarray(saltAt, ivAt);
  const iv = bytes.subarray(ivAt, dataAt);
  const sealed = bytes.subarray(dataAt, bytes.length - STRONG.tag);
  const tag = bytes.subarray(bytes.length - STRONG.tag);
  const key = await argon2idAsync(new TextEncoder().encode(password), salt, STRONG.argon2);
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAuthTag(tag);
    plain = Buffer.concat([decipher.update(sealed), decipher.final()]);
  } catch {
    // GCM authenticates: a wrong password and a changed byte look the same, and the password is the likelier.
    throw passwordWrong(ID);
  } finally {
    key.fill(0);
  }
  const text = textOf(plain);
  plain.fill(0);
  // Authenticated but not a backup: written so by the app, not opened with a wrong password.
  if (text === undefined) throw damaged();
  return text;
}

async function openLegacy(bytes: Uint8Array, password: string): Promise<string> {
  const saltAt = HEADER_LENGTH;
  const ivAt = saltAt + LEGACY.salt;
  const dataAt = ivAt + LEGACY.iv;
  const sealed = bytes.subarray(dataAt);
  if (sealed.length === 0 || sealed.length % LEGACY.block !== 0) throw damaged();
  const key = await pbkdf2Async(
    Buffer.from(password, 'utf8'),
    bytes.subarray(saltAt, ivAt),
    LEGACY.iterations,
    32,
    'sha1',
  );
  let text: string | undefined;
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, bytes.subarray(ivAt, dataAt));
    const plain = Buffer.concat([decipher.update(sealed), decipher.final()]);
    text = textOf(plain);
    plain.fill(0);
  } catch {
    text = undefined;
  } finally {
    key.fill(0);
  }
  // CBC has no authentication: a wrong key shows as bad padding, or (rarely) as padding that passes and bytes
  // that are no backup. Either way the password is what to check.
  if (text === undefined || !backupOf(text)) throw passwordWrong(ID);
  return text;
}

/** A field that is absent or null takes the app's default; any other value must be a whole number. */
function wholeNumber(entry: Record<string, unknown>, field: string, fallback: number): number {
  const value = entry[field];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value))
    throw new KeyfobError('PARAMS_INVALID', 'importEntryFieldType', { field });
  return value;
}

function refuse(key: ErrorKey, params?: Record<string, string | number>): never {
  throw new KeyfobError('PARAMS_INVALID', key, params);
}

function toAccount(entry: Record<string, unknown>): OtpAccount {
  const typeNumber = entry.Type;
  if (typeof typeNumber !== 'number' || !Number.isSafeInteger(typeNumber))
    refuse('importEntryFieldType', { field: 'Type' });
  const kind = TYPES[typeNumber];
  if (kind === undefined) refuse('migrationEntryType', { number: typeNumber });
  // Mobile-OTP and Yandex make their codes from the key and a PIN in ways of their own, not HOTP/TOTP.
  if (typeof kind === 'object') refuse('formatTypeUnsupported', { type: kind.refused });
  const type = kind;

  if (entry.Secret === undefined || entry.Secret === null || entry.Secret === '')
    refuse('migrationEntryNoKey');
  if (typeof entry.Secret !== 'string') refuse('importEntryFieldType', { field: 'Secret' });
  const secret = normaliseSecret(entry.Secret);

  const params = defaultParams(type);
  const algorithm = ALGORITHMS[wholeNumber(entry, 'Algorithm', 0)];
  if (algorithm === undefined) refuse('migrationEntryAlgorithm', { number: entry.Algorithm as number });
  params.algorithm = algorithm;
  if (type !== 'steam') {
    params.digits = wholeNumber(entry, 'Digits', params.digits);
    if (params.digits < 6 || params.digits > 8) refuse('uriDigitsUnsupported', { digits: params.digits });
  }
  if (type === 'hotp') {
    params.counter = wholeNumber(entry, 'Counter', 0);
    if (params.counter < 0) refuse('vaultCounterInvalid', { counter: String(params.counter) });
  } else {
    params.period = wholeNumber(entry, 'Period', params.period);
    if (params.period <= 0) refuse('vaultPeriodInvalid', { period: String(params.period) });
  }

  const { issuer, label } = namesOf(entry);
  return { issuer, label, secret, params, extra: {} };
}

/** The app requires an issuer and makes the username optional; Keyfob's label is the issuer when there is none. */
function namesOf(entry: Record<string, unknown>): { issuer: string; label: string } {
  const issuer = typeof entry.Issuer === 'string' ? entry.Issuer : '';
  const username = typeof entry.Username === 'string' ? entry.Username : '';
  return { issuer, label: username.trim() === '' ? issuer : username };
}

function readEntry(entry: unknown, n: number): ParsedEntry {
  const place = { kind: 'entry', n } as const;
  let name = placeName(place);
  try {
    if (!isObject(entry)) refuse('importEntryNotObject');
    const names = namesOf(entry);
    if (names.label.trim() !== '') name = displayName(names);
    return { status: 'ok', account: toAccount(entry) };
  } catch (error) {
    if (!isKeyfobError(error)) throw error;
    return {
      status: 'refused',
      name,
      reason: error.message,
      key: error.key,
      ...(error.params ? { params: error.params } : {}),
      ...(error.variant !== undefined ? { variant: error.variant } : {}),
      ...(name === placeName(place) ? { place } : {}),
    };
  }
}
