/**
 * Google Authenticator's "Transfer accounts" format: `otpauth-migration://offline?data=<base64 protobuf>`.
 * See docs in the reference (otpauth-formats.md §3). Parse leniently, emit strictly:
 * - every entry is mapped field by field (never rebuilt as an otpauth:// string), and an entry the format or
 *   Keyfob cannot use is reported as refused with a reason while the rest of the batch still imports;
 * - damaged or foreign data is refused as a whole with MIGRATION_INVALID and a plain message;
 * - exports write `batch_index` explicitly even when it is 0 (Google Authenticator on iOS needs it).
 */
import { randomInt } from 'node:crypto';
import type { ErrorKey, ImportPlace } from '../../preload/api';
import type { ErrorKey as FormatsErrorKey } from '../../preload/api';
import { englishError, englishPlace } from '../../locales/english';
import { KeyfobError } from '../errors';
import { ProtoReader, ProtoWriter, WireType, toInt32, toInt64, toSafeNumber, type Tag } from './protobuf';
import { base32ToBytes, bytesToBase32, normaliseSecret } from './secret';
import { DEFAULT_PERIOD, type Algorithm, type OtpAccount, type OtpParams } from './types';

export type MigrationEntry =
  | { status: 'ok'; index: number; account: OtpAccount }
  | {
      status: 'refused';
      index: number;
      name: string;
      /** English, for tests and logs; the front ends show key, params and variant in the reader's language. */
      reason: string;
      key?: ErrorKey;
      params?: Record<string, string | number>;
      variant?: string;
      /** Set when the entry has no name of its own: its number in the export, which each front end words. */
      place?: ImportPlace;
    };

export interface MigrationBatch {
  version: number;
  batchSize: number;
  batchIndex: number;
  batchId: number;
  entries: MigrationEntry[];
}

export interface MigrationExportable {
  issuer: string;
  label: string;
  secret: string;
  params: OtpParams;
}

export interface MigrationExport {
  uris: string[];
  excluded: Array<{
    issuer: string;
    label: string;
    reason: string;
    /** For the window's translation of the reason. */
    key?: FormatsErrorKey;
    params?: Record<string, string | number>;
  }>;
}

const SCHEME = 'otpauth-migration';
const HOST = 'offline';
/** Far above what a QR code can hold (under 3 KB); a bound so a pasted file is not taken for a link. */
export const MAX_URI_LENGTH = 64 * 1024;
/** Google Authenticator puts at most 10 accounts in one code, and so does Aegis. */
export const DEFAULT_PER_CODE = 10;
/** OTPClient refuses batch sizes above 100; so do we, and so exports never produce more. */
export const MAX_BATCH_SIZE = 100;
const MAX_INT32 = 0x7fffffff;

function invalid(key: FormatsErrorKey, params?: Record<string, string | number>): KeyfobError {
  return new KeyfobError('MIGRATION_INVALID', key, params);
}

/** Payload field numbers (MigrationPayload). */
const F_OTP_PARAMETERS = 1;
const F_VERSION = 2;
const F_BATCH_SIZE = 3;
const F_BATCH_INDEX = 4;
const F_BATCH_ID = 5;
/** OtpParameters field numbers. */
const P_SECRET = 1;
const P_NAME = 2;
const P_ISSUER = 3;
const P_ALGORITHM = 4;
const P_DIGITS = 5;
const P_TYPE = 6;
const P_COUNTER = 7;

const ALGORITHM_TO_ENUM: Record<Algorithm, number> = { SHA1: 1, SHA256: 2, SHA512: 3 };
const DIGITS_TO_ENUM: Record<number, number> = { 6: 1, 8: 2 };
const TYPE_HOTP = 1;
const TYPE_TOTP = 2;

// ---------------------------------------------------------------------------------------------------------------
// URI

export function isMigrationUri(text: string): boolean {
  if (typeof text !== 'string') return false;
  return /^otpauth-migration:/i.test(text.trim());
}

export function parseMigrationUri(uri: string): MigrationBatch {
  if (typeof uri !== 'string') throw invalid('migrationNotText');
  const text = uri.trim();
  if (text.length > MAX_URI_LENGTH) {
    throw invalid('migrationTooLong', { length: text.length });
  }
  const match = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#.*)?$/is.exec(text);
  if (!match || match[1]?.toLowerCase() !== SCHEME) {
    throw invalid('migrationNotExport');
  }
  const host = match[2] ?? '';
  if (host.toLowerCase() !== HOST) {
    throw invalid('migrationWrongHost', { host: truncateForMessage(host) });
  }
  const path = match[3] ?? '';
  if (path !== '' && path !== '/') {
    throw invalid('migrationUnexpectedPath');
  }
  const data = findDataParameter(match[4] ?? '');
  return parseMigrationPayload(decodeBase64Data(data));
}

function truncateForMessage(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function findDataParameter(query: string): string {
  const values: string[] = [];
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawName = eq === -1 ? pair : pair.slice(0, eq);
    let name: string;
    try {
      name = decodeURIComponent(rawName.replace(/\+/g, ' '));
    } catch {
      continue; // a parameter we do not use; its name does not matter
    }
    if (name === 'data') values.push(eq === -1 ? '' : pair.slice(eq + 1));
  }
  if (values.length === 0) {
    throw invalid('migrationNoData');
  }
  if (values.length > 1) {
    throw invalid('migrationSeveralData');
  }
  return values[0] as string;
}

/**
 * Turns the `data` value into bytes. Accepts percent-encoding, literal `+` and `/`, a space where form-decoding
 * turned `+` into one, missing `=` padding and the URL-safe alphabet (`-`, `_`). Anything else is refused.
 */
function decodeBase64Data(raw: string): Uint8Array {
  let text: string;
  try {
    text = decodeURIComponent(raw);
  } catch {
    throw invalid('migrationBrokenEscape');
  }
  text = text.replace(/ /g, '+').replace(/-/g, '+').replace(/_/g, '/');
  const body = text.replace(/=+$/, '');
  const padding = text.length - body.length;
  if (body.length === 0) {
    throw invalid('migrationDataEmpty');
  }
  const bad = [...new Set(body.replace(/[A-Za-z0-9+/]/g, ''))];
  if (bad.length > 0) {
    const chars = bad
      .slice(0, 5)
      .filter((c) => c !== '=')
      .map((c) => JSON.stringify(c))
      .join(', ');
    // What was found, as a code the catalogues word (errorWords.base64Found): this error also reaches import
    // reports, which carry a key and parameters but no variant.
    const equals = bad.slice(0, 5).includes('=');
    const found = chars === '' ? 'equals' : equals ? 'charsAndEquals' : 'chars';
    throw invalid('migrationNotBase64', { chars, found });
  }
  const tail = body.length % 4;
  if (tail === 1) {
    throw invalid('migrationBase64Truncated');
  }
  const needed = tail === 0 ? 0 : 4 - tail;
  if (padding > needed) {
    throw invalid('migrationTooMuchPadding');
  }
  return new Uint8Array(Buffer.from(body, 'base64'));
}

// ---------------------------------------------------------------------------------------------------------------
// Payload

interface RawEntry {
  secret: Uint8Array;
  name: string | null;
  issuer: string | null;
  algorithm: number;
  digits: number;
  type: number;
  counter: bigint;
}

/** `where`: the export itself, or one account in it (errorWords.encodingWhere). */
function expectWireType(tag: Tag, expected: WireType, where: 'export' | 'account'): void {
  if (tag.wireType !== expected) {
    throw invalid('migrationWrongEncoding', { field: tag.field, where });
  }
}

/** Text fields may hold invalid UTF-8; that refuses the entry, not the batch, so it is kept as null here. */
function decodeText(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

function readEntry(bytes: Uint8Array): RawEntry {
  const entry: RawEntry = {
    secret: new Uint8Array(0),
    name: '',
    issuer: '',
    algorithm: 0,
    digits: 0,
    type: 0,
    counter: 0n,
  };
  const reader = new ProtoReader(bytes);
  // proto3: a scalar field that appears more than once takes its last value.
  while (!reader.done) {
    const tag = reader.readTag();
    switch (tag.field) {
      case P_SECRET:
        expectWireType(tag, WireType.LEN, 'account');
        entry.secret = reader.readBytes('accountKey');
        break;
      case P_NAME:
        expectWireType(tag, WireType.LEN, 'account');
        entry.name = decodeText(reader.readBytes('accountName'));
        break;
      case P_ISSUER:
        expectWireType(tag, WireType.LEN, 'account');
        entry.issuer = decodeText(reader.readBytes('accountIssuer'));
        break;
      case P_ALGORITHM:
        expectWireType(tag, WireType.VARINT, 'account');
        entry.algorithm = toInt32(reader.readVarint('accountAlgorithm'));
        break;
      case P_DIGITS:
        expectWireType(tag, WireType.VARINT, 'account');
        entry.digits = toInt32(reader.readVarint('accountDigits'));
        break;
      case P_TYPE:
        expectWireType(tag, WireType.VARINT, 'account');
        entry.type = toInt32(reader.readVarint('accountType'));
        break;
      case P_COUNTER:
        expectWireType(tag, WireType.VARINT, 'account');
        entry.counter = toInt64(reader.readVarint('accountCounter'));
        break;
      default:
        reader.skip(tag.wireType);
    }
  }
  return entry;
}

/** Splits "Issuer:account" the way Aegis and Yubico do and trims both parts. */
function splitName(rawName: string, rawIssuer: string): { issuer: string; label: string } {
  let issuer = rawIssuer.trim();
  let label = rawName.trim();
  if (issuer === '') {
    const colon = label.indexOf(':');
    if (colon !== -1) {
      issuer = label.slice(0, colon).trim();
      label = label.slice(colon + 1).trim();
    }
  } else if (label.startsWith(`${issuer}:`)) {
    label = label.slice(issuer.length + 1).trim();
  }
  return { issuer, label };
}

function toEntry(raw: RawEntry, index: number): MigrationEntry {
  const names = raw.name === null || raw.issuer === null ? null : splitName(raw.name, raw.issuer);
  const named = names
    ? names.issuer && names.label
      ? `${names.issuer} (${names.label})`
      : names.issuer || names.label
    : '';
  // An entry with no name is named by its number, in the reader's words (place_entry); `name` is the English.
  const place: ImportPlace | undefined = named ? undefined : { kind: 'entry', n: index + 1 };
  const refuse = (
    key: ErrorKey,
    params?: Record<string, string | number>,
    error?: KeyfobError,
  ): MigrationEntry => ({
    status: 'refused',
    index,
    name: place ? englishPlace(place.kind, place.n) : named,
    reason: error?.message ?? englishError(key, params).message,
    key,
    ...(params ? { params } : {}),
    ...(error?.variant !== undefined ? { variant: error.variant } : {}),
    ...(place ? { place } : {}),
  });
  /** A KeyfobError from the key or number checks (always keyed), refusing this entry only. */
  const refuseWith = (error: KeyfobError): MigrationEntry =>
    refuse(error.key ?? 'migrationUnreadable', error.params, error);
  if (names === null) {
    return refuse('migrationEntryNotUtf8');
  }
  if (raw.secret.length === 0) {
    return refuse('migrationEntryNoKey');
  }

  let secret: string;
  try {
    secret = normaliseSecret(bytesToBase32(raw.secret));
  } catch (error) {
    if (error instanceof KeyfobError) return refuseWith(error);
    throw error;
  }

  let algorithm: Algorithm;
  switch (raw.algorithm) {
    case 0:
    case 1:
      algorithm = 'SHA1';
      break;
    case 2:
      algorithm = 'SHA256';
      break;
    case 3:
      algorithm = 'SHA512';
      break;
    case 4:
      return refuse('migrationEntryMd5');
    default:
      return refuse('migrationEntryAlgorithm', {
        number: raw.algorithm,
      });
  }

  let digits: number;
  switch (raw.digits) {
    case 0:
    case 1:
      digits = 6;
      break;
    case 2:
      digits = 8;
      break;
    default:
      return refuse('migrationEntryDigits', {
        number: raw.digits,
      });
  }

  let type: 'totp' | 'hotp';
  switch (raw.type) {
    case 0:
    case TYPE_TOTP:
      type = 'totp';
      break;
    case TYPE_HOTP:
      type = 'hotp';
      break;
    default:
      return refuse('migrationEntryType', {
        number: raw.type,
      });
  }

  let counter = 0;
  if (type === 'hotp') {
    if (raw.counter < 0n) {
      return refuse('migrationEntryNegativeCounter', {
        counter: raw.counter.toString(),
      });
    }
    try {
      counter = toSafeNumber(raw.counter, 'counter');
    } catch (error) {
      if (error instanceof KeyfobError) return refuseWith(error);
      throw error;
    }
  }

  const label = names.label || `Unnamed account ${index + 1}`;
  return {
    status: 'ok',
    index,
    account: {
      issuer: names.issuer,
      label,
      secret,
      params: { type, algorithm, digits, period: DEFAULT_PERIOD, counter },
      extra: {},
    },
  };
}

export function parseMigrationPayload(bytes: Uint8Array): MigrationBatch {
  if (!(bytes instanceof Uint8Array)) {
    throw invalid('migrationNotBinary');
  }
  if (bytes.length === 0) throw invalid('migrationEmpty');

  const rawEntries: RawEntry[] = [];
  let version = 0;
  let batchSize = 1;
  let batchIndex = 0;
  let batchId = 0;
  try {
    const reader = new ProtoReader(bytes);
    while (!reader.done) {
      const tag = reader.readTag();
      switch (tag.field) {
        case F_OTP_PARAMETERS:
          expectWireType(tag, WireType.LEN, 'export');
          rawEntries.push(readEntry(reader.readBytes('account')));
          break;
        case F_VERSION:
          expectWireType(tag, WireType.VARINT, 'export');
          version = toInt32(reader.readVarint('version'));
          break;
        case F_BATCH_SIZE:
          expectWireType(tag, WireType.VARINT, 'export');
          batchSize = toInt32(reader.readVarint('codeCount'));
          break;
        case F_BATCH_INDEX:
          expectWireType(tag, WireType.VARINT, 'export');
          batchIndex = toInt32(reader.readVarint('codeNumber'));
          break;
        case F_BATCH_ID:
          expectWireType(tag, WireType.VARINT, 'export');
          batchId = toInt32(reader.readVarint('batchId'));
          break;
        default:
          reader.skip(tag.wireType);
      }
    }
  } catch (error) {
    if (error instanceof KeyfobError) throw error;
    // Nothing above should throw anything else; if it does, the user still gets a plain message.
    throw new KeyfobError('MIGRATION_INVALID', 'migrationUnreadable', undefined, { cause: error });
  }

  if (rawEntries.length === 0) {
    throw invalid('migrationNoAccounts');
  }
  if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
    throw invalid('migrationBatchSize', { size: batchSize });
  }
  if (batchIndex < 0 || batchIndex >= batchSize) {
    throw invalid('migrationBatchIndex', { number: batchIndex + 1, size: batchSize });
  }

  return {
    version,
    batchSize,
    batchIndex,
    batchId,
    entries: rawEntries.map((raw, index) => toEntry(raw, index)),
  };
}

/**
 * For each export (batch id and size) of which some codes were scanned, the 0-based indices of the codes that
 * are still missing. Exports with every code present are left out.
 */
export function missingBatches(
  batches: MigrationBatch[],
): Array<{ batchId: number; batchSize: number; missing: number[] }> {
  const groups = new Map<string, { batchId: number; batchSize: number; seen: Set<number> }>();
  for (const batch of batches) {
    const key = `${batch.batchId}/${batch.batchSize}`;
    let group = groups.get(key);
    if (!group) {
      group = { batchId: batch.batchId, batchSize: batch.batchSize, seen: new Set() };
      groups.set(key, group);
    }
    group.seen.add(batch.batchIndex);
  }
  const result: Array<{ batchId: number; batchSize: number; missing: number[] }> = [];
  for (const group of groups.values()) {
    const missing: number[] = [];
    for (let i = 0; i < group.batchSize; i++) if (!group.seen.has(i)) missing.push(i);
    if (missing.length > 0) result.push({ batchId: group.batchId, batchSize: group.batchSize, missing });
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------------
// Export

type Exclusion = { reason: string; key: FormatsErrorKey; params?: Record<string, string | number> };

/**
 * An exclusion's reason: the key, which the CLI (`keyfob export`) and the window word in the reader's language,
 * and English from the catalogue for tests and logs.
 */
function exclusion(key: FormatsErrorKey, params?: Record<string, string | number>): Exclusion {
  return { reason: englishError(key, params).message, key, ...(params ? { params } : {}) };
}

/** Why an account cannot go into a Google Authenticator export, or null if it can. */
function exclusionReason(account: MigrationExportable): Exclusion | null {
  const { params } = account;
  if (params.type === 'steam') return exclusion('exportSteam');
  if (params.type !== 'totp' && params.type !== 'hotp') return exclusion('exportKind');
  if (params.period !== DEFAULT_PERIOD) {
    return exclusion('exportPeriod', { period: params.period });
  }
  if (!(params.digits in DIGITS_TO_ENUM)) {
    return exclusion('exportDigits', { digits: params.digits });
  }
  if (!Object.hasOwn(ALGORITHM_TO_ENUM, params.algorithm)) {
    return exclusion('exportAlgorithm', { algorithm: String(params.algorithm) });
  }
  if (params.type === 'hotp' && !(Number.isSafeInteger(params.counter) && params.counter >= 0)) {
    return exclusion('exportCounter');
  }
  return null;
}

function encodeEntry(account: MigrationExportable, key: Uint8Array): ProtoWriter {
  const { params } = account;
  const entry = new ProtoWriter()
    .bytes(P_SECRET, key)
    .string(P_NAME, account.label)
    .string(P_ISSUER, account.issuer)
    .varint(P_ALGORITHM, ALGORITHM_TO_ENUM[params.algorithm])
    .varint(P_DIGITS, DIGITS_TO_ENUM[params.digits] as number)
    .varint(P_TYPE, params.type === 'hotp' ? TYPE_HOTP : TYPE_TOTP);
  if (params.type === 'hotp') entry.varint(P_COUNTER, params.counter, { explicit: true });
  return entry;
}

/**
 * Builds the `otpauth-migration://` links for the accounts Google Authenticator's format can carry, `perCode` per
 * QR code (default 10), all sharing one batch id. The others are listed in `excluded` with a reason.
 */
export function buildMigrationUris(
  accounts: MigrationExportable[],
  options: { batchId?: number; perCode?: number } = {},
): MigrationExport {
  const perCode = options.perCode ?? DEFAULT_PER_CODE;
  if (!Number.isSafeInteger(perCode) || perCode < 1) {
    throw new KeyfobError('PARAMS_INVALID', 'migrationPerCode', { value: String(perCode) });
  }
  if (
    options.batchId !== undefined &&
    !(Number.isInteger(options.batchId) && Math.abs(options.batchId) <= MAX_INT32)
  ) {
    throw new KeyfobError('PARAMS_INVALID', 'migrationExportId', { value: String(options.batchId) });
  }

  const excluded: MigrationExport['excluded'] = [];
  const included: Array<{ account: MigrationExportable; key: Uint8Array }> = [];
  for (const account of accounts) {
    let reason = exclusionReason(account);
    let key: Uint8Array | null = null;
    if (reason === null) {
      try {
        key = base32ToBytes(account.secret);
      } catch (error) {
        if (!(error instanceof KeyfobError)) throw error;
        // The catalogue says why in the words of the key's own error (its key and parameters).
        reason = exclusion('exportKeyBroken', { cause: error.key ?? 'secretEmpty', ...error.params });
      }
    }
    if (reason !== null || key === null) {
      const why = reason ?? exclusion('exportKeyMissing');
      excluded.push({
        issuer: account.issuer,
        label: account.label,
        reason: why.reason,
        key: why.key,
        ...(why.params ? { params: why.params } : {}),
      });
    } else {
      included.push({ account, key });
    }
  }

  if (included.length === 0) return { uris: [], excluded };

  const batchSize = Math.ceil(included.length / perCode);
  if (batchSize > MAX_BATCH_SIZE) {
    throw new KeyfobError('EXPORT_UNSUPPORTED', 'migrationTooManyCodes', {
      accounts: included.length,
      codes: batchSize,
      max: MAX_BATCH_SIZE,
    });
  }
  const batchId = options.batchId ?? randomInt(1, MAX_INT32 + 1);

  const uris: string[] = [];
  for (let batchIndex = 0; batchIndex < batchSize; batchIndex++) {
    const payload = new ProtoWriter();
    for (const { account, key } of included.slice(batchIndex * perCode, (batchIndex + 1) * perCode)) {
      payload.message(F_OTP_PARAMETERS, encodeEntry(account, key));
    }
    payload
      .varint(F_VERSION, 1)
      .varint(F_BATCH_SIZE, batchSize)
      // Written even when 0: Google Authenticator on iOS rejects the batch without it (Aegis #1451).
      .varint(F_BATCH_INDEX, batchIndex, { explicit: true })
      .varint(F_BATCH_ID, batchId);
    const base64 = Buffer.from(payload.finish()).toString('base64');
    uris.push(`${SCHEME}://${HOST}?data=${encodeURIComponent(base64)}`);
  }
  return { uris, excluded };
}
