/**
 * Proton Authenticator's export (Settings → Export), written from these public sources:
 * - protonpass/proton-pass-common `proton-authenticator/src/entry/exporter.rs`: the JSON,
 *   `{ "version": 1, "entries": [{ "id", "content": { "uri", "entry_type": "Totp" | "Steam", "name" }, "note" }] }`,
 *   an otpauth:// link for each TOTP entry and `steam://<the key in base64>` for each Steam one;
 * - the same repository's `src/entry/password_exporter.rs` and `src/crypto.rs`: the export with a password,
 *   `{ "version": 1, "salt", "content" }`, whose `content` is a 12-byte nonce followed by the AES-256-GCM
 *   ciphertext and tag of the JSON above, with `proton.authenticator.export.v1` as additional data, under a key
 *   Argon2id (version 0x13, 19 MiB, 2 passes, 1 lane, 32 bytes) derives from the password and the 16-byte salt;
 *   base64 is the standard alphabet, padded;
 * - ente-io/ente `mobile/apps/auth/lib/ui/settings/data/import/proton_import_parser.dart` and the test resource
 *   `importers/proton_authenticator.json` of beemdevelopment/Aegis (a real export), which agree.
 * The key derivation's parameters are Proton's constants, not read from the file, so a file cannot make it costlier.
 */
import { createDecipheriv } from 'node:crypto';
import { argon2idAsync } from '@noble/hashes/argon2.js';
import { KeyfobError, isKeyfobError } from '../errors';
import { bytesToBase32, normaliseSecret } from '../otp/secret';
import { defaultParams, type OtpAccount } from '../otp/types';
import { isOtpauthUri, parseOtpauthUri } from '../otp/uri';
import { base64Bytes } from './ente';
import {
  passwordNeeded,
  passwordWrong,
  placeName,
  textOf,
  type Format,
  type ParseResult,
  type ParsedEntry,
} from './types';

const ID = 'proton';
const SALT_BYTES = 16;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const AAD = new TextEncoder().encode('proton.authenticator.export.v1');
/** Proton's Argon2id: 19 MiB (in KiB), 2 passes, 1 lane. */
const ARGON2 = { m: 19 * 1024, t: 2, p: 1, dkLen: 32 } as const;

function damaged(): KeyfobError {
  return new KeyfobError('IMPORT_INVALID', 'importDamaged', { format: ID });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Refused, with the reason an error gives, under the entry's name or its place. */
function refusal(error: KeyfobError, name: string | undefined, n: number): ParsedEntry {
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

function invalidField(field: string): KeyfobError {
  return new KeyfobError('PARAMS_INVALID', 'importEntryFieldType', { field });
}

/** A Steam entry: its key is base64 in the link, and Proton names it by `content.name`. */
function steamAccount(uri: string, name: string): OtpAccount {
  const key = /^steam:\/\//i.test(uri) ? base64Bytes(uri.slice('steam://'.length)) : undefined;
  if (!key || key.length === 0) throw invalidField('content.uri');
  return {
    issuer: 'Steam',
    label: name || 'Steam',
    secret: normaliseSecret(bytesToBase32(key)),
    params: defaultParams('steam'),
    extra: {},
  };
}

function readEntry(raw: unknown, n: number): ParsedEntry {
  let name: string | undefined;
  try {
    if (!isRecord(raw) || !isRecord(raw.content)) throw invalidField('content');
    const content = raw.content;
    const given = typeof content.name === 'string' ? content.name.trim() : '';
    if (given) name = given;
    if (typeof content.uri !== 'string') throw invalidField('content.uri');
    const type = content.entry_type;
    let account: OtpAccount;
    if (type === 'Totp') {
      if (!isOtpauthUri(content.uri)) throw invalidField('content.uri');
      account = parseOtpauthUri(content.uri);
    } else if (type === 'Steam') {
      account = steamAccount(content.uri, given);
    } else {
      throw new KeyfobError('PARAMS_INVALID', 'importEntryType', {
        type: typeof type === 'string' ? type.slice(0, 20) : '',
      });
    }
    return { status: 'ok', account };
  } catch (error) {
    if (!isKeyfobError(error)) throw error;
    return refusal(error, name, n);
  }
}

/** The export without a password: every entry, each read or refused. */
function readPlain(file: Record<string, unknown>): ParseResult {
  if (!Array.isArray(file.entries)) throw damaged();
  return { entries: file.entries.map((raw, i) => readEntry(raw, i + 1)) };
}

function checkVersion(file: Record<string, unknown>): void {
  if (file.version === 1) return;
  if (typeof file.version === 'number' || typeof file.version === 'string')
    throw new KeyfobError('IMPORT_INVALID', 'importVersionUnsupported', {
      format: ID,
      version: String(file.version).slice(0, 20),
    });
  throw damaged();
}

function jsonObject(text: string): Record<string, unknown> {
  const file = jsonValue(text);
  if (!isRecord(file)) throw damaged();
  return file;
}

function isEncrypted(file: Record<string, unknown>): boolean {
  return file.entries === undefined && file.salt !== undefined && file.content !== undefined;
}

/** The sealed export's salt and content, checked before any password is asked for. */
function sealedOf(file: Record<string, unknown>): { salt: Uint8Array; content: Uint8Array } {
  const salt = base64Bytes(file.salt);
  const content = base64Bytes(file.content);
  if (!salt || !content || salt.length !== SALT_BYTES || content.length < NONCE_BYTES + TAG_BYTES)
    throw damaged();
  return { salt, content };
}

async function open(
  { salt, content }: { salt: Uint8Array; content: Uint8Array },
  password: string,
): Promise<string> {
  const key = await argon2idAsync(new TextEncoder().encode(password), salt, ARGON2);
  const nonce = content.subarray(0, NONCE_BYTES);
  const sealed = content.subarray(NONCE_BYTES, content.length - TAG_BYTES);
  const tag = content.subarray(content.length - TAG_BYTES);
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(AAD);
    decipher.setAuthTag(tag);
    plain = Buffer.concat([decipher.update(sealed), decipher.final()]);
  } catch {
    throw passwordWrong(ID);
  } finally {
    key.fill(0);
  }
  const text = textOf(plain);
  if (text === undefined) throw damaged();
  return text;
}

/** What a text is, JSON-wise: the value, or undefined when it is not JSON at all. */
function jsonValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** How sure it is that `text` is a Proton Authenticator export: by its shape, or by its words when cut short. */
function protonScore(text: string): number {
  if (!text.trimStart().startsWith('{')) return 0;
  const file = jsonValue(text);
  // Not JSON (cut short, damaged) but with Proton's own field name: parse says what is wrong with it.
  if (file === undefined)
    return /"entry_type"\s*:/.test(text) || /^\{\s*"version"\s*:\s*1\s*,\s*"(entries|salt)"\s*:/.test(text)
      ? 0.6
      : 0;
  if (!isRecord(file) || file.version === undefined) return 0;
  if (isEncrypted(file)) return typeof file.salt === 'string' && typeof file.content === 'string' ? 0.85 : 0;
  if (!Array.isArray(file.entries)) return 0;
  if (file.entries.some((e) => isRecord(e) && isRecord(e.content) && 'entry_type' in e.content)) return 0.95;
  // An export of no entries has nothing of Proton's but its two fields.
  return file.entries.length === 0 && Object.keys(file).length === 2 ? 0.6 : 0;
}

export const proton: Format = {
  id: ID,
  password: 'sometimes',
  fileTypes: ['.json'],
  detect(bytes) {
    const text = textOf(bytes);
    return text === undefined ? 0 : protonScore(text);
  },
  async parse(bytes, options) {
    const text = textOf(bytes);
    if (text === undefined) throw damaged();
    const file = jsonObject(text);
    checkVersion(file);
    if (!isEncrypted(file)) return readPlain(file);
    const sealed = sealedOf(file);
    if (options.password === undefined) throw passwordNeeded(ID);
    const inner = jsonObject(await open(sealed, options.password));
    checkVersion(inner);
    return readPlain(inner);
  },
};
