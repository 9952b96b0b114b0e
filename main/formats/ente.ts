/**
 * Ente Auth's exports (Settings → Data → Export codes), written from these public sources:
 * - ente-io/ente `docs/docs/auth/migration/export.md` (the encrypted export's JSON and its algorithms);
 * - ente-io/ente `mobile/apps/auth/lib/ui/settings/data/export_widget.dart` (what each export holds: every code's
 *   stored otpauth:// link, one a line, `algorithm=Algorithm.sha1` written as `algorithm=sha1`, commas as `%2C`) and
 *   `import/encrypted_ente_import.dart` (how Ente reads its own encrypted export back: ente_crypto_dart's
 *   `deriveKey` is libsodium's crypto_pwhash, Argon2id 1.3, 32 bytes, with the file's limits; `decryptData` is one
 *   crypto_secretstream_xchacha20poly1305 pull, the header being `encryptionNonce`; base64 is the original
 *   alphabet, padded);
 * - the test resources of beemdevelopment/Aegis (`importers/ente_auth.txt`) and protonpass/proton-pass-common
 *   (`test_data/authenticator/ente/`), real exports of Ente Auth.
 *
 * The plain export is otpauth:// links with Ente's own parameter `codeDisplay` (a JSON object: pinned, trashed,
 * tags, note, …), lower-case algorithms, `otpauth://steam/` for Steam and keys that may hold `+`: the otpauth
 * parser reads all of that. What this format adds is knowing the file is Ente's, and leaving out what Ente itself
 * shows as deleted (a code in its trash), by name, and carrying `codeDisplay`'s `pinned` (a favourite) and `tags`
 * into the account. `codeDisplay` also stays in the account's `extra`, as any parameter Keyfob does not interpret
 * does.
 */
import { KeyfobError, isKeyfobError } from '../errors';
import { isOtpauthUri, parseOtpauthUri } from '../otp/uri';
import { displayName, type OtpAccount } from '../otp/types';
import { organised } from './fields';
import { contentLines, readLines } from './lines';
import {
  passwordNeeded,
  passwordWrong,
  textOf,
  type Format,
  type ParseOptions,
  type ParseResult,
  type ParsedEntry,
} from './types';

const ID = 'ente';

/**
 * The most an encrypted export may ask of the machine. Ente derives its export key with libsodium's "sensitive"
 * strength: 1 GiB of memory for 4 passes, or, where a phone cannot spare that, a quarter of the memory for four
 * times the passes (256 MiB × 16, what its exports hold), and so on down. So no real export asks for more than
 * 1 GiB or more than 4 GiB·passes of work in all (about 4 s here); a file asking more is damaged or hostile, and is
 * refused before any work is done.
 */
export const ENTE_MAX_MEMORY = 1024 * 1024 * 1024;
export const ENTE_MAX_WORK = 4 * ENTE_MAX_MEMORY;
/** libsodium's own floors for Argon2id (crypto_pwhash_MEMLIMIT_MIN, crypto_pwhash_OPSLIMIT_MIN). */
const MIN_MEMORY = 8192;
const MIN_OPS = 1;
const SALT_BYTES = 16;
const HEADER_BYTES = 24;
/** crypto_secretstream_xchacha20poly1305_ABYTES: the tag byte and the 16-byte MAC. */
const STREAM_OVERHEAD = 17;

/** The file as a whole cannot be read as an Ente Auth export (damaged, cut short, or of another shape). */
function damaged(): KeyfobError {
  return new KeyfobError('IMPORT_INVALID', 'importDamaged', { format: ID });
}

/**
 * Strict base64 (the original alphabet, padding optional), or undefined: Node's own decoder skips characters it
 * does not know, which would turn a damaged file into a wrong key instead of a clear error.
 */
export function base64Bytes(text: unknown): Uint8Array | undefined {
  if (typeof text !== 'string') return undefined;
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.replace(/=+$/, '').length % 4 === 1)
    return undefined;
  return new Uint8Array(Buffer.from(compact, 'base64'));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The encrypted export: one JSON object with Ente's `kdfParams`. By the words alone, so that a file cut short is
 * still Ente's, and parse says what is wrong with it.
 */
function looksEncrypted(text: string): boolean {
  return text.trimStart().startsWith('{') && /"kdfParams"\s*:/.test(text);
}

/** Ente's `codeDisplay`, as far as it is a JSON object; anything else reads as nothing said. */
function codeDisplay(account: OtpAccount): Record<string, unknown> {
  const raw = account.extra.codedisplay;
  if (raw === undefined) return {};
  try {
    const value: unknown = JSON.parse(raw);
    return isRecord(value) ? value : {};
  } catch {
    return {};
  }
}

/** The links of a plain export (or of an encrypted one, opened), each read or refused with its reason. */
function readText(text: string, options: ParseOptions): ParseResult {
  return readLines(text, options, (line) => {
    if (!isOtpauthUri(line)) throw new KeyfobError('URI_INVALID', 'notALink');
    const account = parseOtpauthUri(line);
    if (codeDisplay(account).trashed === true) {
      const error = new KeyfobError('PARAMS_INVALID', 'importEntryTrashed', { format: ID });
      const refused: ParsedEntry = {
        status: 'refused',
        name: displayName(account),
        reason: error.message,
        key: 'importEntryTrashed',
        params: { format: ID },
      };
      return { entries: [refused] };
    }
    const display = codeDisplay(account);
    organised(account, {
      favourite: display.pinned === true,
      tags: Array.isArray(display.tags) ? display.tags : [],
    });
    return { entries: [{ status: 'ok', account }] };
  });
}

/** The integer a field holds, when it is one. */
function integer(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : undefined;
}

interface Sealed {
  memLimit: number;
  opsLimit: number;
  salt: Uint8Array;
  header: Uint8Array;
  data: Uint8Array;
}

/** The encrypted export's fields, checked (and its key derivation capped) before any work is done. */
function sealedOf(text: string): Sealed {
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch {
    throw damaged();
  }
  if (!isRecord(file)) throw damaged();
  const version = file.version;
  if (version !== 1) {
    if (typeof version === 'number' || typeof version === 'string')
      throw new KeyfobError('IMPORT_INVALID', 'importVersionUnsupported', {
        format: ID,
        version: String(version).slice(0, 20),
      });
    throw damaged();
  }
  const kdf = file.kdfParams;
  if (!isRecord(kdf)) throw damaged();
  const memLimit = integer(kdf.memLimit);
  const opsLimit = integer(kdf.opsLimit);
  const salt = base64Bytes(kdf.salt);
  const header = base64Bytes(file.encryptionNonce);
  const data = base64Bytes(file.encryptedData);
  if (memLimit === undefined || opsLimit === undefined || !salt || !header || !data) throw damaged();
  if (salt.length !== SALT_BYTES || header.length !== HEADER_BYTES || data.length < STREAM_OVERHEAD)
    throw damaged();
  if (memLimit < MIN_MEMORY || opsLimit < MIN_OPS) throw damaged();
  if (memLimit > ENTE_MAX_MEMORY || memLimit * opsLimit > ENTE_MAX_WORK)
    throw new KeyfobError('IMPORT_INVALID', 'importKdfTooCostly', { format: ID });
  return { memLimit, opsLimit, salt, header, data };
}

/** Opens the encrypted export: its text, or passwordWrong when the password does not open it. */
async function open(sealed: Sealed, password: string): Promise<string> {
  // Loaded only here: libsodium is large, and most imports never need it.
  const sodium = (await import('libsodium-wrappers-sumo')).default;
  await sodium.ready;
  const key = sodium.crypto_pwhash(
    sodium.crypto_secretstream_xchacha20poly1305_KEYBYTES,
    new TextEncoder().encode(password),
    sealed.salt,
    sealed.opsLimit,
    sealed.memLimit,
    sodium.crypto_pwhash_ALG_ARGON2ID13,
  );
  let message: Uint8Array | undefined;
  try {
    const state = sodium.crypto_secretstream_xchacha20poly1305_init_pull(sealed.header, key);
    // libsodium.js returns false, or throws, when the MAC does not match: a wrong password either way.
    const pulled = sodium.crypto_secretstream_xchacha20poly1305_pull(state, sealed.data, null) as
      { message: Uint8Array; tag: number } | false;
    if (pulled) message = pulled.message;
  } catch {
    message = undefined;
  } finally {
    key.fill(0);
  }
  if (!message) throw passwordWrong(ID);
  const text = textOf(message);
  if (text === undefined) throw damaged();
  return text;
}

export const ente: Format = {
  id: ID,
  password: 'sometimes',
  fileTypes: ['.txt', '.json'],
  detect(bytes, fileName) {
    const text = textOf(bytes);
    if (text === undefined) return 0;
    if (looksEncrypted(text)) return 1;
    const lines = contentLines(text);
    if (lines.length === 0 || !lines.every((l) => isOtpauthUri(l.text))) return 0;
    // Ente writes its own parameter into every link it exports; its file name says so too.
    if (lines.some((l) => /[?&]codeDisplay=/.test(l.text))) return 0.8;
    return fileName && /^ente-auth-codes/i.test(fileName.split(/[\\/]/).pop() ?? '') ? 0.6 : 0;
  },
  async parse(bytes, options) {
    const text = textOf(bytes);
    if (text === undefined) throw damaged();
    if (!looksEncrypted(text)) return readText(text, options);
    const sealed = sealedOf(text);
    if (options.password === undefined) throw passwordNeeded(ID);
    const opened = await open(sealed, options.password);
    try {
      return readText(opened, options);
    } catch (error) {
      if (isKeyfobError(error)) throw error;
      throw damaged();
    }
  },
};
