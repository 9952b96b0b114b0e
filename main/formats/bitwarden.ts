/**
 * Bitwarden's exports, and Bitwarden Authenticator's: the JSON export (`items`, each login's key in `login.totp`),
 * the password-protected "encrypted JSON" export, and the CSV export (`login_totp` column).
 *
 * Described by Bitwarden's help pages ("Export vault data", "Encrypted exports", "Condition a Bitwarden .csv or
 * .json"), its public source (bitwarden/clients, libs/importer/src/importers/bitwarden/
 * bitwarden-password-protected-importer.ts and the vault export types; bitwarden/sdk-internal,
 * bitwarden-crypto's derive_kdf_key and stretch_kdf_key), Bitwarden Authenticator's ExportJsonData
 * (bitwarden/authenticator-android), and the importers of Aegis (BitwardenImporter.java) and Stratum
 * (BitwardenBackupConverter.cs).
 *
 * `login.totp` holds an otpauth:// link, a `steam://KEY` key or a bare base32 key. Items without one (passwords,
 * notes, cards) are not authenticator accounts and are left out.
 *
 * A password-protected export is `{encrypted: true, passwordProtected: true, salt, kdfType, kdfIterations,
 * kdfMemory, kdfParallelism, encKeyValidation_DO_NOT_EDIT, data}`: the key is PBKDF2-HMAC-SHA256(password, salt's
 * UTF-8 bytes, iterations) or Argon2id(password, SHA-256(salt's UTF-8 bytes), iterations, memory MiB,
 * parallelism), stretched by HKDF-Expand-SHA256 into an AES key ("enc") and a MAC key ("mac"); `data` and the
 * validation are encrypted strings `2.iv|ciphertext|mac` (AES-256-CBC, HMAC-SHA256 over iv and ciphertext). The
 * key derivation's parameters come from the file, so they are capped at Bitwarden's own maximums (PBKDF2 2 000 000
 * iterations; Argon2id 10 iterations, 1024 MiB, parallelism 16): a file asking for more is refused unread.
 * An "account restricted" export is encrypted with the Bitwarden account's own key, which only Bitwarden has.
 */
import { createDecipheriv, createHash, createHmac, pbkdf2, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { argon2idAsync } from '@noble/hashes/argon2.js';
import { parse as parseCsv } from 'csv-parse/sync';
import { KeyfobError, isKeyfobError } from '../errors';
import { normaliseSecret } from '../otp/secret';
import { defaultParams, type OtpAccount } from '../otp/types';
import { isOtpauthUri, parseOtpauthUri } from '../otp/uri';
import { passwordNeeded, passwordWrong, placeName, textOf, type Format, type ParsedEntry } from './types';

const ID = 'bitwarden';

/** Bitwarden's own bounds for the key derivation (KdfConfig); beyond them a file is no Bitwarden's. */
export const BITWARDEN_KDF_LIMITS = {
  pbkdf2Iterations: 2_000_000,
  argon2Iterations: 10,
  argon2MemoryMiB: 1024,
  argon2Parallelism: 16,
} as const;

const KDF_PBKDF2 = 0;
const KDF_ARGON2ID = 1;

const pbkdf2Async = promisify(pbkdf2);

function damaged(cause?: unknown): KeyfobError {
  return new KeyfobError(
    'IMPORT_INVALID',
    'importDamaged',
    { format: ID },
    cause === undefined ? undefined : { cause },
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function jsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The header of a CSV text, read with the CSV parser (only its first record). */
function csvHeader(text: string): string[] | undefined {
  try {
    const [first] = parseCsv(text, { to_line: 1, bom: true, relax_column_count: true }) as string[][];
    return first;
  } catch {
    return undefined;
  }
}

/** The file is JSON shaped like a Bitwarden export: a list of items, or the envelope of an encrypted one. */
function jsonScore(file: Record<string, unknown>): number {
  if (
    file.encrypted === true &&
    (file.passwordProtected === true || typeof file.encKeyValidation_DO_NOT_EDIT === 'string')
  )
    return 0.95;
  if (!Array.isArray(file.items)) return 0;
  if (typeof file.encrypted === 'boolean') return 0.9;
  return file.items.some((item) => isObject(item) && isObject(item.login)) ? 0.9 : 0;
}

export const bitwarden: Format = {
  id: ID,
  password: 'sometimes',
  fileTypes: ['.json', '.csv'],
  detect(bytes) {
    const text = textOf(bytes);
    if (text === undefined) return 0;
    const start = text.trimStart();
    if (start.startsWith('{')) {
      if (!text.includes('"items"') && !text.includes('"passwordProtected"')) return 0;
      const file = jsonObject(text);
      return file ? jsonScore(file) : 0;
    }
    return csvHeader(text)?.includes('login_totp') ? 0.9 : 0;
  },
  async parse(bytes, options) {
    const text = textOf(bytes);
    if (text === undefined) throw damaged();
    if (text.trimStart().startsWith('{')) {
      const file = jsonObject(text);
      if (!file) throw damaged();
      if (file.encrypted === true) {
        if (file.passwordProtected !== true)
          throw new KeyfobError('MIGRATION_INVALID', 'bitwardenAccountRestricted');
        if (options.password === undefined) throw passwordNeeded(ID);
        return readItems(await openProtected(file, options.password));
      }
      return readItems(file);
    }
    return readCsv(text);
  },
};

// ---- the password-protected export ----------------------------------------------------------------------------

interface Envelope {
  salt: string;
  kdfType: number;
  iterations: number;
  memory: number;
  parallelism: number;
  validation: string;
  data: string;
}

function envelopeOf(file: Record<string, unknown>): Envelope {
  const { salt, kdfType, kdfIterations, kdfMemory, kdfParallelism } = file;
  const validation = file.encKeyValidation_DO_NOT_EDIT;
  const whole = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
  if (
    typeof salt !== 'string' ||
    salt === '' ||
    (kdfType !== KDF_PBKDF2 && kdfType !== KDF_ARGON2ID) ||
    !whole(kdfIterations) ||
    typeof validation !== 'string' ||
    typeof file.data !== 'string'
  )
    throw damaged();
  if (kdfType === KDF_ARGON2ID && (!whole(kdfMemory) || !whole(kdfParallelism))) throw damaged();
  return {
    salt,
    kdfType,
    iterations: kdfIterations,
    memory: kdfType === KDF_ARGON2ID ? (kdfMemory as number) : 0,
    parallelism: kdfType === KDF_ARGON2ID ? (kdfParallelism as number) : 0,
    validation,
    data: file.data,
  };
}

async function deriveKey(envelope: Envelope, password: string): Promise<Uint8Array> {
  const salt = Buffer.from(envelope.salt, 'utf8');
  const secret = Buffer.from(password, 'utf8');
  const limits = BITWARDEN_KDF_LIMITS;
  if (envelope.kdfType === KDF_PBKDF2) {
    if (envelope.iterations > limits.pbkdf2Iterations) throw tooCostly();
    return pbkdf2Async(secret, salt, envelope.iterations, 32, 'sha256');
  }
  if (
    envelope.iterations > limits.argon2Iterations ||
    envelope.memory > limits.argon2MemoryMiB ||
    envelope.parallelism > limits.argon2Parallelism
  )
    throw tooCostly();
  try {
    return await argon2idAsync(secret, createHash('sha256').update(salt).digest(), {
      t: envelope.iterations,
      m: envelope.memory * 1024,
      p: envelope.parallelism,
      dkLen: 32,
      maxmem: (limits.argon2MemoryMiB + 1) * 1024 * 1024,
    });
  } catch (error) {
    // Parameters Argon2 itself refuses (less memory than its lanes need): no Bitwarden wrote them.
    throw damaged(error);
  }
}

function tooCostly(): KeyfobError {
  return new KeyfobError('IMPORT_INVALID', 'importKdfTooCostly', { format: ID });
}

/** HKDF-Expand (RFC 5869) for one 32-byte block: HMAC-SHA256(key, info || 0x01). */
function expand(key: Uint8Array, info: string): Buffer {
  return createHmac('sha256', key)
    .update(Buffer.concat([Buffer.from(info, 'utf8'), Buffer.from([1])]))
    .digest();
}

interface Keys {
  enc: Buffer;
  mac: Buffer;
}

/** An encrypted string `2.iv|data|mac`; undefined when its MAC does not match (the wrong key, or changed bytes). */
function decryptString(encrypted: string, keys: Keys): Buffer | undefined {
  const dot = encrypted.indexOf('.');
  if (dot < 0 || encrypted.slice(0, dot) !== '2') throw damaged();
  const parts = encrypted.slice(dot + 1).split('|');
  if (parts.length !== 3) throw damaged();
  const [iv, data, mac] = parts.map((p) => Buffer.from(p, 'base64')) as [Buffer, Buffer, Buffer];
  if (iv.length !== 16 || mac.length !== 32 || data.length === 0 || data.length % 16 !== 0) throw damaged();
  const expected = createHmac('sha256', keys.mac).update(iv).update(data).digest();
  if (!timingSafeEqual(expected, mac)) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-cbc', keys.enc, iv);
    return Buffer.concat([decipher.update(data), decipher.final()]);
  } catch (error) {
    // Authenticated, yet not well padded: written wrong, not opened with the wrong password.
    throw damaged(error);
  }
}

async function openProtected(
  file: Record<string, unknown>,
  password: string,
): Promise<Record<string, unknown>> {
  const envelope = envelopeOf(file);
  const key = await deriveKey(envelope, password);
  const keys = { enc: expand(key, 'enc'), mac: expand(key, 'mac') };
  key.fill(0);
  try {
    // Bitwarden checks the password on this small value first, as its importer does.
    if (decryptString(envelope.validation, keys) === undefined) throw passwordWrong(ID);
    const plain = decryptString(envelope.data, keys);
    if (plain === undefined) throw damaged();
    const text = textOf(plain);
    plain.fill(0);
    const inner = text === undefined ? undefined : jsonObject(text);
    if (!inner) throw damaged();
    return inner;
  } finally {
    keys.enc.fill(0);
    keys.mac.fill(0);
  }
}

// ---- items -----------------------------------------------------------------------------------------------------

/** What an item says about one account, from the JSON or a CSV row. */
interface Item {
  name: string;
  username: string;
  uri: string;
  totp: string;
}

function readItems(file: Record<string, unknown>): { entries: ParsedEntry[] } {
  if (!Array.isArray(file.items)) throw damaged();
  const entries: ParsedEntry[] = [];
  file.items.forEach((raw: unknown, i) => {
    const n = i + 1;
    if (!isObject(raw) || !isObject(raw.login)) return;
    const { login } = raw;
    if (login.totp === undefined || login.totp === null || login.totp === '') return;
    const name = typeof raw.name === 'string' ? raw.name : '';
    if (typeof login.totp !== 'string') {
      entries.push(
        refusal(name, n, new KeyfobError('PARAMS_INVALID', 'importEntryFieldType', { field: 'login.totp' })),
      );
      return;
    }
    const uris = Array.isArray(login.uris) ? (login.uris as unknown[]) : [];
    const first = uris.find((u): u is { uri: string } => isObject(u) && typeof u.uri === 'string');
    entries.push(
      readItem(
        {
          name,
          username: typeof login.username === 'string' ? login.username : '',
          uri: first?.uri ?? '',
          totp: login.totp,
        },
        n,
      ),
    );
  });
  return { entries };
}

function readCsv(text: string): { entries: ParsedEntry[] } {
  let rows: Array<Record<string, string>>;
  try {
    rows = parseCsv(text, {
      columns: true,
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as Array<Record<string, string>>;
  } catch (error) {
    throw damaged(error);
  }
  const header = csvHeader(text);
  if (!header?.includes('login_totp')) throw damaged();
  const entries: ParsedEntry[] = [];
  rows.forEach((row, i) => {
    const totp = row.login_totp ?? '';
    if (totp.trim() === '') return;
    // Several URIs share one cell, separated by commas; the first names the site.
    const uri = (row.login_uri ?? '').split(',')[0] ?? '';
    entries.push(readItem({ name: row.name ?? '', username: row.login_username ?? '', uri, totp }, i + 1));
  });
  return { entries };
}

function hostOf(uri: string): string {
  try {
    return new URL(uri.includes('://') ? uri : `https://${uri}`).hostname;
  } catch {
    return '';
  }
}

function firstNonEmpty(...values: string[]): string {
  return values.find((v) => v.trim() !== '') ?? '';
}

function toAccount(item: Item): OtpAccount {
  const totp = item.totp.trim();
  if (isOtpauthUri(totp)) {
    const account = parseOtpauthUri(totp);
    // A link that names no issuer: the item's name says which site it is for.
    return account.issuer === ''
      ? { ...account, issuer: firstNonEmpty(item.name, hostOf(item.uri)) }
      : account;
  }
  const steam = totp.toLowerCase().startsWith('steam://');
  const secret = normaliseSecret(steam ? totp.slice('steam://'.length) : totp);
  const issuer = firstNonEmpty(item.name, hostOf(item.uri), steam ? 'Steam' : '');
  const label = firstNonEmpty(item.username, issuer);
  // Nothing names the account (no name, username or site): the vault would refuse it, so say so here, by place.
  if (label === '') throw new KeyfobError('PARAMS_INVALID', 'vaultNameNeeded');
  return {
    issuer,
    label,
    secret,
    params: defaultParams(steam ? 'steam' : 'totp'),
    extra: {},
  };
}

function refusal(name: string, n: number, error: KeyfobError): ParsedEntry {
  const place = { kind: 'entry', n } as const;
  const named = name.trim() !== '';
  return {
    status: 'refused',
    name: named ? name : placeName(place),
    reason: error.message,
    key: error.key,
    ...(error.params ? { params: error.params } : {}),
    ...(error.variant !== undefined ? { variant: error.variant } : {}),
    ...(named ? {} : { place }),
  };
}

function readItem(item: Item, n: number): ParsedEntry {
  try {
    return { status: 'ok', account: toAccount(item) };
  } catch (error) {
    if (!isKeyfobError(error)) throw error;
    return refusal(firstNonEmpty(item.name, item.username), n, error);
  }
}
