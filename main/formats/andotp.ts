/**
 * andOTP's backups: the plain JSON (`otp_accounts.json`) and the encrypted file (`otp_accounts.json.aes`).
 *
 * Public sources this reader was written from:
 * - andOTP/andOTP: Utilities/BackupHelper.java (the encrypted layout), Utilities/Constants.java (PBKDF2 backup
 *   iterations drawn from 140 000 to 160 000, 12-byte salt and IV), Utilities/EncryptionHelper.java
 *   (PBKDF2-HMAC-SHA1 to a 256-bit key, AES-GCM with the IV first), Database/Entry.java (the entry's fields);
 * - beemdevelopment/Aegis: importers/AndOtpImporter.java (both encrypted layouts, old and current).
 *
 * The plain file is a JSON list of entries: `secret` (base32), `issuer`, `label`, `digits`, `type` (TOTP, HOTP,
 * STEAM), `algorithm`, `period` (TOTP, Steam), `counter` (HOTP), `tags`, and display fields Keyfob does not use.
 * The encrypted file (andOTP 0.6 and later): a 4-byte big-endian iteration count, a 12-byte salt, a 12-byte IV,
 * then the AES-256-GCM ciphertext of the plain file with its 16-byte tag. Before 0.6 it had no iteration count
 * or salt: the key was the SHA-256 of the password, and the file the IV and the ciphertext; that form is read too.
 * Neither form has a magic number, so detection leans on the header's plausibility and the file's name.
 */
import { createDecipheriv, createHash, pbkdf2 } from 'node:crypto';
import { promisify } from 'node:util';
import { KeyfobError } from '../errors';
import { normaliseSecret } from '../otp/secret';
import { defaultParams, type OtpAccount } from '../otp/types';
import {
  algorithmOf,
  isObject,
  organised,
  readEntry,
  textField,
  wholeField,
  type JsonObject,
} from './fields';
import { passwordNeeded, passwordWrong, textOf, type Format } from './types';

const ID = 'andotp';
const ITERATION_BYTES = 4;
const SALT_BYTES = 12;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
/** What andOTP draws its iteration count from (Constants.PBKDF2_{MIN,MAX}_BACKUP_ITERATIONS). */
const ANDOTP_MIN_ITERATIONS = 140_000;
const ANDOTP_MAX_ITERATIONS = 160_000;
/**
 * The most PBKDF2 iterations Keyfob runs for a file: over six times what andOTP writes, and about a second of
 * work (1.1 s here, against 0.2 s for andOTP's usual 150 000), so a hostile or foreign file cannot keep Keyfob
 * busy for minutes (2^31 - 1, the most the header can say, would take over half an hour). A count above it is not
 * tried.
 */
export const ANDOTP_ITERATION_CAP = 1_000_000;

const pbkdf2Async = promisify(pbkdf2);

/** AES-256-GCM over `iv | ciphertext | tag`; undefined when the tag does not match. */
function open(key: Buffer, sealed: Uint8Array): Buffer | undefined {
  if (sealed.length < IV_BYTES + TAG_BYTES) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    return Buffer.concat([
      decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    return undefined;
  }
}

/** The iteration count of the current encrypted layout, as andOTP writes it (a signed 32-bit integer). */
function iterationsOf(bytes: Uint8Array): number {
  return new DataView(bytes.buffer, bytes.byteOffset, ITERATION_BYTES).getInt32(0, false);
}

async function decrypt(bytes: Uint8Array, password: string): Promise<Buffer> {
  const header = ITERATION_BYTES + SALT_BYTES;
  if (bytes.length >= header + IV_BYTES + TAG_BYTES) {
    const iterations = iterationsOf(bytes);
    if (iterations >= 1 && iterations <= ANDOTP_ITERATION_CAP) {
      const salt = bytes.subarray(ITERATION_BYTES, header);
      const key = await pbkdf2Async(password, salt, iterations, KEY_BYTES, 'sha1');
      const plain = open(key, bytes.subarray(header));
      if (plain) return plain;
    }
  }
  // The layout before andOTP 0.6; a hash is instant, so it is tried whenever the current one did not open.
  const plain = open(createHash('sha256').update(password, 'utf8').digest(), bytes);
  if (plain) return plain;
  // GCM cannot tell a wrong password from a damaged file, or a count over the cap from a foreign file.
  throw passwordWrong(ID);
}

/** The entries of andOTP's JSON list, or a keyed error when the text is not one. */
function entriesOf(text: string): unknown[] {
  const trimmed = text.trim();
  if (!trimmed.startsWith('[')) throw new KeyfobError('FORMAT_UNKNOWN', 'andotpNotList');
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    throw new KeyfobError('IMPORT_INVALID', 'importDamaged', { format: ID });
  }
  if (!Array.isArray(value)) throw new KeyfobError('FORMAT_UNKNOWN', 'andotpNotList');
  return value;
}

function namesOf(entry: JsonObject): { issuer: string; label: string } {
  const str = (field: string) => (typeof entry[field] === 'string' ? (entry[field] as string) : '');
  const issuer = str('issuer');
  const label = str('label');
  // Entries of old andOTP versions have a label only; one with an issuer only is named by it.
  return { issuer, label: label.trim() === '' ? issuer : label };
}

function account(entry: JsonObject, names: { issuer: string; label: string }): OtpAccount {
  const rawSecret = textField(entry, 'secret');
  if (rawSecret === undefined) throw new KeyfobError('MIGRATION_INVALID', 'migrationEntryNoKey');
  const secret = normaliseSecret(rawSecret);
  const typeName = (textField(entry, 'type') ?? 'TOTP').toUpperCase();
  const type =
    typeName === 'TOTP' ? 'totp' : typeName === 'HOTP' ? 'hotp' : typeName === 'STEAM' ? 'steam' : undefined;
  if (type === undefined) throw new KeyfobError('PARAMS_INVALID', 'importEntryType', { type: typeName });
  const params = defaultParams(type);
  params.algorithm = algorithmOf(textField(entry, 'algorithm'));
  const digits = wholeField(entry, 'digits');
  // Steam's codes are always 5 characters (andOTP writes 5 there too).
  if (digits !== undefined && type !== 'steam') {
    if (digits < 6 || digits > 8) throw new KeyfobError('PARAMS_INVALID', 'uriDigitsUnsupported', { digits });
    params.digits = digits;
  }
  const period = wholeField(entry, 'period');
  if (period !== undefined && type !== 'hotp') {
    if (period <= 0)
      throw new KeyfobError('PARAMS_INVALID', 'uriPeriodNotPositive', { value: String(period) });
    params.period = period;
  }
  if (type === 'hotp') {
    // andOTP itself refuses an HOTP entry without its counter: guessing 0 would give codes the site has used.
    const counter = wholeField(entry, 'counter');
    if (counter === undefined)
      throw new KeyfobError('PARAMS_INVALID', 'importEntryFieldType', { field: 'counter' });
    if (counter < 0)
      throw new KeyfobError('PARAMS_INVALID', 'vaultCounterInvalid', { counter: String(counter) });
    params.counter = counter;
  }
  return organised(
    { ...names, secret, params, extra: {} },
    {
      tags: Array.isArray(entry.tags) ? entry.tags : [],
    },
  );
}

/**
 * The file as text when it is the plain list's kind of text: UTF-8 without control characters. Encrypted bytes
 * are almost never valid UTF-8, but a short or unlucky piece can be ("\0\0\x03" is), and is binary all the same.
 */
function plainText(bytes: Uint8Array): string | undefined {
  const text = textOf(bytes);
  // eslint-disable-next-line no-control-regex -- the control characters are what is looked for
  return text === undefined || /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/.test(text) ? undefined : text;
}

function endsWith(fileName: string | undefined, ending: string): boolean {
  return fileName?.toLowerCase().endsWith(ending) ?? false;
}

/** andOTP backups, plain and encrypted, with each entry's tags. */
export const andotp: Format = {
  id: ID,
  password: 'sometimes',
  fileTypes: ['.json', '.aes'],
  detect(bytes, fileName) {
    const text = plainText(bytes);
    if (text !== undefined) {
      const trimmed = text.trim();
      if (!trimmed.startsWith('[')) return 0;
      let value: unknown;
      try {
        value = JSON.parse(trimmed);
      } catch {
        return 0;
      }
      if (!Array.isArray(value)) return 0;
      // An empty list is what andOTP writes with no accounts; any text beats otpauth's guess only a little.
      if (value.length === 0) return 0.2;
      const looksLikeEntry = (e: unknown) =>
        isObject(e) && typeof e.secret === 'string' && typeof e.type === 'string';
      return value.every(looksLikeEntry) ? 0.9 : value.some(looksLikeEntry) ? 0.6 : 0;
    }
    // Binary: perhaps the encrypted form, which has no magic number. Its count within andOTP's own range is a
    // modest sign; the name andOTP gives the file is another.
    const named = endsWith(fileName, '.json.aes');
    if (bytes.length < ITERATION_BYTES + SALT_BYTES + IV_BYTES + TAG_BYTES) return named ? 0.3 : 0;
    const iterations = iterationsOf(bytes);
    const inRange = iterations >= ANDOTP_MIN_ITERATIONS && iterations <= ANDOTP_MAX_ITERATIONS;
    return inRange ? (named ? 0.6 : 0.4) : named ? 0.3 : 0;
  },
  async parse(bytes, options) {
    const text = plainText(bytes);
    // Text is the plain list; bytes that are not text are the encrypted file (there is no other sign of it).
    if (text !== undefined) return { entries: read(entriesOf(text)) };
    if (options.password === undefined) throw passwordNeeded(ID);
    const plain = await decrypt(bytes, options.password);
    const inner = textOf(plain);
    if (inner === undefined) throw new KeyfobError('FORMAT_UNKNOWN', 'andotpNotList');
    return { entries: read(entriesOf(inner)) };
  },
};

function read(list: unknown[]) {
  return list.map((entry, i) =>
    readEntry(isObject(entry) ? namesOf(entry) : { issuer: '', label: '' }, i + 1, () => {
      if (!isObject(entry)) throw new KeyfobError('PARAMS_INVALID', 'importEntryNotObject');
      return account(entry, namesOf(entry));
    }),
  );
}
