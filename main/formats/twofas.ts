/**
 * 2FAS Authenticator's backup file (`.2fas`), schema versions 1 to 4, plain and encrypted.
 *
 * Public sources this reader was written from:
 * - twofas/2fas-android: data/services/.../domain/BackupContent.kt and BackupService.kt (the file's fields, the
 *   current schema 4, the `reference` constant), core/cipher/.../BackupCipherImpl.kt, DataEncrypted.kt and
 *   internal/BackupKeyGeneratorPbkdf.kt (PBKDF2-HMAC-SHA256, 10 000 iterations, a 256-bit AES-GCM key, each
 *   encrypted field written as "data:salt:iv" in base64, the GCM tag at the end of data);
 * - beemdevelopment/Aegis: importers/TwoFASImporter.java, and its test files of schemas 1 to 4.
 *
 * What the schemas add: 1 has only a key, a name, an issuer and an account (TOTP, 6 digits, 30 s, SHA1);
 * 2 adds digits, period and algorithm, groups and encryption; 3 adds `tokenType` (TOTP, HOTP, STEAM) and the
 * counter; 4 adds icons and the `reference` field, the constant encrypted with the same key, which tells a wrong
 * password from damaged data.
 */
import { createDecipheriv, pbkdf2 } from 'node:crypto';
import { promisify } from 'node:util';
import { KeyfobError } from '../errors';
import { normaliseSecret } from '../otp/secret';
import { defaultParams, type OtpAccount } from '../otp/types';
import {
  algorithmOf,
  isObject,
  objectField,
  organised,
  readEntry,
  textField,
  wholeField,
  type JsonObject,
} from './fields';
import { passwordNeeded, passwordWrong, textOf, type Format } from './types';

const ID = '2fas';
/** Fixed by the app (BackupKeyGeneratorPbkdf): the file does not choose it, so it needs no cap. */
const ITERATIONS = 10_000;
const KEY_BYTES = 32;
const TAG_BYTES = 16;
const IV_BYTES = 12;
const NEWEST_SCHEMA = 4;
/** tokenType and counter came with schema 3: an older file holding HOTP or Steam is not what 2FAS wrote. */
const TYPES_SINCE_SCHEMA = 3;

const pbkdf2Async = promisify(pbkdf2);

function notBackup(): KeyfobError {
  return new KeyfobError('FORMAT_UNKNOWN', 'twofasNotBackup');
}

function damaged(): KeyfobError {
  return new KeyfobError('IMPORT_INVALID', 'importDamaged', { format: ID });
}

/** The file's JSON value; NOT_JSON when it is not text or not JSON. */
const NOT_JSON = Symbol('not JSON');
function json(bytes: Uint8Array): unknown {
  const text = textOf(bytes)?.trim();
  // Cheap first: a 2FAS backup is an object, so anything else is not parsed at all.
  if (!text?.startsWith('{')) return NOT_JSON;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return NOT_JSON;
  }
}

/** Strict base64 (the app writes standard base64 with padding); anything else is damage, not a guess. */
function base64(part: string): Buffer {
  if (part === '' || !/^[A-Za-z0-9+/]*={0,2}$/.test(part) || part.length % 4 !== 0) throw damaged();
  return Buffer.from(part, 'base64');
}

interface Sealed {
  data: Buffer;
  salt: Buffer;
  iv: Buffer;
}

function sealed(field: string): Sealed {
  const parts = field.split(':');
  if (parts.length !== 3) throw damaged();
  const [data, salt, iv] = parts.map(base64) as [Buffer, Buffer, Buffer];
  if (data.length < TAG_BYTES || iv.length !== IV_BYTES || salt.length === 0) throw damaged();
  return { data, salt, iv };
}

/** AES-256-GCM; undefined when the tag does not match (a wrong key, or altered data). */
function open(key: Buffer, { data, iv }: Sealed): Buffer | undefined {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    return Buffer.concat([decipher.update(data.subarray(0, data.length - TAG_BYTES)), decipher.final()]);
  } catch {
    return undefined;
  }
}

async function decryptServices(file: JsonObject, password: string | undefined): Promise<unknown[]> {
  const services = sealed(file.servicesEncrypted as string);
  const reference = typeof file.reference === 'string' ? sealed(file.reference) : undefined;
  if (password === undefined) throw passwordNeeded(ID);
  const keyFor = (salt: Buffer) => pbkdf2Async(password, salt, ITERATIONS, KEY_BYTES, 'sha256');
  const key = await keyFor(services.salt);
  if (reference) {
    // The app seals the reference with the same key; a salt of its own (never seen) gets its own derivation.
    const refKey = reference.salt.equals(services.salt) ? key : await keyFor(reference.salt);
    if (open(refKey, reference) === undefined) throw passwordWrong(ID);
  }
  const plain = open(key, services);
  // With a reference that opened, the password is right, so a services part that does not open is damaged.
  if (plain === undefined) throw reference ? damaged() : passwordWrong(ID);
  let list: unknown;
  try {
    list = JSON.parse(plain.toString('utf8'));
  } catch {
    throw damaged();
  }
  if (!Array.isArray(list)) throw damaged();
  return list;
}

/** One service of the backup, as an account; throws the keyed reason it cannot be one. */
function account(service: JsonObject, schema: number, names: { issuer: string; label: string }): OtpAccount {
  const otp = objectField(service, 'otp') ?? {};
  const rawSecret = textField(service, 'secret');
  if (rawSecret === undefined) throw new KeyfobError('MIGRATION_INVALID', 'migrationEntryNoKey');
  const secret = normaliseSecret(rawSecret);

  const tokenType = (textField(otp, 'tokenType') ?? 'TOTP').toUpperCase();
  const type =
    tokenType === 'TOTP'
      ? 'totp'
      : tokenType === 'HOTP'
        ? 'hotp'
        : tokenType === 'STEAM'
          ? 'steam'
          : undefined;
  if (type === undefined) throw new KeyfobError('PARAMS_INVALID', 'importEntryType', { type: tokenType });
  if (type !== 'totp' && schema < TYPES_SINCE_SCHEMA)
    throw new KeyfobError('PARAMS_INVALID', 'twofasTypeNotInSchema', { type: tokenType, schema });

  const params = defaultParams(type);
  params.algorithm = algorithmOf(textField(otp, 'algorithm'));
  const digits = wholeField(otp, 'digits');
  // Steam's codes are always 5 characters, whatever the file says.
  if (digits !== undefined && type !== 'steam') params.digits = digits;
  const period = wholeField(otp, 'period');
  if (period !== undefined && type !== 'hotp') {
    if (period <= 0)
      throw new KeyfobError('PARAMS_INVALID', 'uriPeriodNotPositive', { value: String(period) });
    params.period = period;
  }
  if (type === 'hotp') {
    const counter = wholeField(otp, 'counter') ?? 0;
    if (counter < 0)
      throw new KeyfobError('PARAMS_INVALID', 'vaultCounterInvalid', { counter: String(counter) });
    params.counter = counter;
  }
  if (type !== 'steam' && (params.digits < 6 || params.digits > 8))
    throw new KeyfobError('PARAMS_INVALID', 'uriDigitsUnsupported', { digits: params.digits });
  return { ...names, secret, params, extra: {} };
}

/**
 * Issuer and label: the service's name (what 2FAS shows, and may have been renamed) before the link's issuer;
 * the account, else the label without its "Issuer:" prefix (schemas 1 to 3 write "Issuer:account" there).
 */
function namesOf(service: JsonObject): { issuer: string; label: string } {
  const otp = isObject(service.otp) ? service.otp : {};
  const str = (obj: JsonObject, field: string) =>
    typeof obj[field] === 'string' ? (obj[field] as string) : '';
  const issuer = str(service, 'name') || str(otp, 'issuer');
  let label = str(otp, 'account');
  if (label === '') {
    const full = str(otp, 'label');
    const colon = full.indexOf(':');
    label = colon >= 0 ? full.slice(colon + 1) : full;
  }
  // An account of its own is what the vault needs; the issuer names it when the file gives none.
  return { issuer, label: label.trim() === '' ? issuer : label };
}

/**
 * 2FAS's groups by id: `groups` ([{ id, name }], schema 2 on), which stays beside `servicesEncrypted` unencrypted.
 * A service's `groupId` names its group; one naming no group (or a malformed list) gives no tag.
 */
function groupNames(file: JsonObject): Map<string, string> {
  const names = new Map<string, string>();
  if (Array.isArray(file.groups))
    for (const group of file.groups)
      if (isObject(group) && typeof group.id === 'string' && typeof group.name === 'string')
        names.set(group.id, group.name);
  return names;
}

/** 2FAS backups. A service's group becomes the account's tag. */
export const twofas: Format = {
  id: ID,
  password: 'sometimes',
  fileTypes: ['.2fas', '.json'],
  detect(bytes, fileName) {
    const named = fileName?.toLowerCase().endsWith('.2fas') ?? false;
    const file = json(bytes);
    if (!isObject(file)) return 0;
    const encrypted = typeof file.servicesEncrypted === 'string';
    if (typeof file.schemaVersion === 'number' && (Array.isArray(file.services) || encrypted)) return 0.95;
    return named ? 0.3 : 0;
  },
  async parse(bytes, options) {
    const file = json(bytes);
    if (file === NOT_JSON) throw new KeyfobError('FORMAT_UNKNOWN', 'twofasNotJson');
    if (!isObject(file)) throw notBackup();
    const schema = file.schemaVersion;
    if (typeof schema !== 'number' || !Number.isSafeInteger(schema)) throw notBackup();
    if (schema < 1 || schema > NEWEST_SCHEMA)
      throw new KeyfobError('FORMAT_UNKNOWN', 'twofasSchemaUnknown', { schema, newest: NEWEST_SCHEMA });
    let services: unknown[];
    if (typeof file.servicesEncrypted === 'string') {
      services = await decryptServices(file, options.password);
    } else if (Array.isArray(file.services)) {
      services = file.services;
    } else {
      throw notBackup();
    }
    const groups = groupNames(file);
    return {
      entries: services.map((service, i) =>
        readEntry(isObject(service) ? namesOf(service) : { issuer: '', label: '' }, i + 1, () => {
          if (!isObject(service)) throw new KeyfobError('PARAMS_INVALID', 'importEntryNotObject');
          const group = typeof service.groupId === 'string' ? groups.get(service.groupId) : undefined;
          return organised(account(service, schema, namesOf(service)), { tags: [group] });
        }),
      ),
    };
  },
};
