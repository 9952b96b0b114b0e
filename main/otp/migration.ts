/**
 * Google Authenticator's "Transfer accounts" format: `otpauth-migration://offline?data=<base64 protobuf>`.
 * See docs in the reference (otpauth-formats.md §3). Parse leniently, emit strictly:
 * - every entry is mapped field by field (never rebuilt as an otpauth:// string), and an entry the format or
 *   Keyfob cannot use is reported as refused with a reason while the rest of the batch still imports;
 * - damaged or foreign data is refused as a whole with MIGRATION_INVALID and a plain message;
 * - exports write `batch_index` explicitly even when it is 0 (Google Authenticator on iOS needs it).
 */
import { randomInt } from 'node:crypto';
import type { ErrorKey } from '../../preload/api';
import type { ErrorKey as FormatsErrorKey } from '../../preload/api';
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
      reason: string;
      /** For the window's translation of the reason (see ErrorKey). */
      key?: ErrorKey;
      params?: Record<string, string | number>;
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

const HINT = 'Scan the QR code again, or export again from Google Authenticator.';

function invalid(
  message: string,
  hint: string | undefined,
  key: FormatsErrorKey,
  params?: Record<string, string | number>,
): KeyfobError {
  return new KeyfobError('MIGRATION_INVALID', message, hint ?? HINT, { key, ...(params ? { params } : {}) });
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
  if (typeof uri !== 'string') throw invalid('The export link is not text.', undefined, 'migrationNotText');
  const text = uri.trim();
  if (text.length > MAX_URI_LENGTH) {
    throw invalid(
      `The export link is ${text.length} characters long, far longer than a Google Authenticator export.`,
      'Paste only the otpauth-migration:// link, not a whole file.',
      'migrationTooLong',
      { length: text.length },
    );
  }
  const match = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#.*)?$/is.exec(text);
  if (!match || match[1]?.toLowerCase() !== SCHEME) {
    throw invalid(
      'This is not a Google Authenticator export link (it should start with otpauth-migration://offline).',
      'Use "Transfer accounts → Export accounts" in Google Authenticator and scan the code it shows.',
      'migrationNotExport',
    );
  }
  const host = match[2] ?? '';
  if (host.toLowerCase() !== HOST) {
    throw invalid(
      `The export link points to "${truncateForMessage(host)}" instead of "offline", so it is not a Google Authenticator export.`,
      undefined,
      'migrationWrongHost',
      { host: truncateForMessage(host) },
    );
  }
  const path = match[3] ?? '';
  if (path !== '' && path !== '/') {
    throw invalid(
      'The export link has an unexpected path after "offline".',
      undefined,
      'migrationUnexpectedPath',
    );
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
    throw invalid('The export link has no data (the "data=" part is missing).', undefined, 'migrationNoData');
  }
  if (values.length > 1) {
    throw invalid('The export link has more than one "data=" part.', undefined, 'migrationSeveralData');
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
    throw invalid(
      'The export link is damaged: its data contains a broken %-escape.',
      undefined,
      'migrationBrokenEscape',
    );
  }
  text = text.replace(/ /g, '+').replace(/-/g, '+').replace(/_/g, '/');
  const body = text.replace(/=+$/, '');
  const padding = text.length - body.length;
  if (body.length === 0) {
    throw invalid(
      'The export link has no data (the "data=" part is empty).',
      undefined,
      'migrationDataEmpty',
    );
  }
  const bad = [...new Set(body.replace(/[A-Za-z0-9+/]/g, ''))];
  if (bad.length > 0) {
    const shown = bad
      .slice(0, 5)
      .map((c) => (c === '=' ? '"=" in the middle' : JSON.stringify(c)))
      .join(', ');
    const chars = bad
      .slice(0, 5)
      .filter((c) => c !== '=')
      .map((c) => JSON.stringify(c))
      .join(', ');
    throw invalid(
      `The export link's data is not valid base64: it contains ${shown}.`,
      undefined,
      'migrationNotBase64',
      {
        chars,
        equalsInMiddle: bad.slice(0, 5).includes('=') ? 1 : 0,
      },
    );
  }
  const tail = body.length % 4;
  if (tail === 1) {
    throw invalid(
      "The export link's data is cut short (truncated): its base64 has a character too many or too few.",
      undefined,
      'migrationBase64Truncated',
    );
  }
  const needed = tail === 0 ? 0 : 4 - tail;
  if (padding > needed) {
    throw invalid(
      'The export link\'s data is not valid base64: it has too much "=" padding.',
      undefined,
      'migrationTooMuchPadding',
    );
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

function expectWireType(tag: Tag, expected: WireType, where: string): void {
  if (tag.wireType !== expected) {
    throw invalid(
      `The export data is not in the expected format (field ${tag.field} of ${where} has the wrong encoding).`,
      undefined,
      'migrationWrongEncoding',
      { field: tag.field, where },
    );
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
        expectWireType(tag, WireType.LEN, 'an account');
        entry.secret = reader.readBytes("an account's key");
        break;
      case P_NAME:
        expectWireType(tag, WireType.LEN, 'an account');
        entry.name = decodeText(reader.readBytes("an account's name"));
        break;
      case P_ISSUER:
        expectWireType(tag, WireType.LEN, 'an account');
        entry.issuer = decodeText(reader.readBytes("an account's issuer"));
        break;
      case P_ALGORITHM:
        expectWireType(tag, WireType.VARINT, 'an account');
        entry.algorithm = toInt32(reader.readVarint("an account's algorithm"));
        break;
      case P_DIGITS:
        expectWireType(tag, WireType.VARINT, 'an account');
        entry.digits = toInt32(reader.readVarint("an account's digit count"));
        break;
      case P_TYPE:
        expectWireType(tag, WireType.VARINT, 'an account');
        entry.type = toInt32(reader.readVarint("an account's type"));
        break;
      case P_COUNTER:
        expectWireType(tag, WireType.VARINT, 'an account');
        entry.counter = toInt64(reader.readVarint("an account's counter"));
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

function entryName(issuer: string, label: string, index: number): string {
  if (issuer && label) return `${issuer} (${label})`;
  return issuer || label || `Entry ${index + 1}`;
}

function toEntry(raw: RawEntry, index: number): MigrationEntry {
  const names = raw.name === null || raw.issuer === null ? null : splitName(raw.name, raw.issuer);
  const refuse = (
    reason: string,
    key: ErrorKey | undefined,
    params?: Record<string, string | number>,
  ): MigrationEntry => ({
    status: 'refused',
    index,
    name: names ? entryName(names.issuer, names.label, index) : `Entry ${index + 1}`,
    reason,
    ...(key ? { key } : {}),
    ...(params ? { params } : {}),
  });
  /** A KeyfobError from the key or number checks, refusing this entry only. */
  const refuseWith = (error: KeyfobError): MigrationEntry => refuse(error.message, error.key, error.params);
  if (names === null) {
    return refuse("The entry's name or issuer is not valid text (UTF-8).", 'migrationEntryNotUtf8');
  }
  if (raw.secret.length === 0) {
    return refuse('The entry has no key, so no codes can be made from it.', 'migrationEntryNoKey');
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
      return refuse(
        'MD5 is not supported: Keyfob makes codes with SHA-1, SHA-256 or SHA-512 only.',
        'migrationEntryMd5',
      );
    default:
      return refuse(
        `The entry uses an unknown algorithm (number ${raw.algorithm}).`,
        'migrationEntryAlgorithm',
        {
          number: raw.algorithm,
        },
      );
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
      return refuse(`The entry uses an unknown code length (number ${raw.digits}).`, 'migrationEntryDigits', {
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
      return refuse(`The entry uses an unknown kind of code (number ${raw.type}).`, 'migrationEntryType', {
        number: raw.type,
      });
  }

  let counter = 0;
  if (type === 'hotp') {
    if (raw.counter < 0n) {
      return refuse(
        `The entry's counter is negative (${raw.counter.toString()}).`,
        'migrationEntryNegativeCounter',
        {
          counter: raw.counter.toString(),
        },
      );
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
    throw invalid('The export data is not binary data.', undefined, 'migrationNotBinary');
  }
  if (bytes.length === 0) throw invalid('The export data is empty.', undefined, 'migrationEmpty');

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
          expectWireType(tag, WireType.LEN, 'the export');
          rawEntries.push(readEntry(reader.readBytes('an account')));
          break;
        case F_VERSION:
          expectWireType(tag, WireType.VARINT, 'the export');
          version = toInt32(reader.readVarint('the version'));
          break;
        case F_BATCH_SIZE:
          expectWireType(tag, WireType.VARINT, 'the export');
          batchSize = toInt32(reader.readVarint('the number of QR codes'));
          break;
        case F_BATCH_INDEX:
          expectWireType(tag, WireType.VARINT, 'the export');
          batchIndex = toInt32(reader.readVarint('the QR code number'));
          break;
        case F_BATCH_ID:
          expectWireType(tag, WireType.VARINT, 'the export');
          batchId = toInt32(reader.readVarint('the export id'));
          break;
        default:
          reader.skip(tag.wireType);
      }
    }
  } catch (error) {
    if (error instanceof KeyfobError) throw error;
    // Nothing above should throw anything else; if it does, the user still gets a plain message.
    throw new KeyfobError('MIGRATION_INVALID', 'The export data could not be read.', HINT, {
      cause: error,
      key: 'migrationUnreadable',
    });
  }

  if (rawEntries.length === 0) {
    throw invalid(
      'The export data contains no accounts; it may not be a Google Authenticator export.',
      undefined,
      'migrationNoAccounts',
    );
  }
  if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
    throw invalid(
      `The export data says it is one of ${batchSize} QR codes, which cannot be right (1 to 100).`,
      undefined,
      'migrationBatchSize',
      { size: batchSize },
    );
  }
  if (batchIndex < 0 || batchIndex >= batchSize) {
    throw invalid(
      `The export data says it is QR code ${batchIndex + 1} of ${batchSize}, which cannot be right.`,
      undefined,
      'migrationBatchIndex',
      { number: batchIndex + 1, size: batchSize },
    );
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

/** Why an account cannot go into a Google Authenticator export, or null if it can. */
function exclusionReason(account: MigrationExportable): Exclusion | null {
  const { params } = account;
  if (params.type === 'steam')
    return { reason: "Google Authenticator's export has no Steam Guard codes.", key: 'exportSteam' };
  if (params.type !== 'totp' && params.type !== 'hotp')
    return { reason: 'Google Authenticator cannot store this kind of code.', key: 'exportKind' };
  if (params.period !== DEFAULT_PERIOD) {
    return {
      reason: `Google Authenticator's export has no period; this account uses ${params.period} s codes.`,
      key: 'exportPeriod',
      params: { period: params.period },
    };
  }
  if (!(params.digits in DIGITS_TO_ENUM)) {
    return {
      reason: `Google Authenticator's export carries only 6- or 8-digit codes; this account uses ${params.digits} digits.`,
      key: 'exportDigits',
      params: { digits: params.digits },
    };
  }
  if (!Object.hasOwn(ALGORITHM_TO_ENUM, params.algorithm)) {
    return {
      reason: `Google Authenticator's export cannot carry the ${String(params.algorithm)} algorithm.`,
      key: 'exportAlgorithm',
      params: { algorithm: String(params.algorithm) },
    };
  }
  if (params.type === 'hotp' && !(Number.isSafeInteger(params.counter) && params.counter >= 0)) {
    return { reason: 'The account has an invalid counter.', key: 'exportCounter' };
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
    throw new KeyfobError(
      'PARAMS_INVALID',
      `Accounts per QR code must be a whole number of at least 1 (got ${perCode}).`,
      undefined,
      { key: 'migrationPerCode', params: { value: String(perCode) } },
    );
  }
  if (
    options.batchId !== undefined &&
    !(Number.isInteger(options.batchId) && Math.abs(options.batchId) <= MAX_INT32)
  ) {
    throw new KeyfobError(
      'PARAMS_INVALID',
      `The export id must be a 32-bit whole number (got ${options.batchId}).`,
      undefined,
      { key: 'migrationExportId', params: { value: String(options.batchId) } },
    );
  }

  const excluded: MigrationExport['excluded'] = [];
  const included: Array<{ account: MigrationExportable; key: Uint8Array }> = [];
  for (const account of accounts) {
    let exclusion = exclusionReason(account);
    let key: Uint8Array | null = null;
    if (exclusion === null) {
      try {
        key = base32ToBytes(account.secret);
      } catch (error) {
        if (!(error instanceof KeyfobError)) throw error;
        exclusion = { reason: `The stored key cannot be exported: ${error.message}`, key: 'exportKeyBroken' };
      }
    }
    if (exclusion !== null || key === null) {
      const why = exclusion ?? { reason: 'The key is missing.', key: 'exportKeyMissing' as const };
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
    throw new KeyfobError(
      'EXPORT_UNSUPPORTED',
      `${included.length} accounts need ${batchSize} QR codes, more than the ${MAX_BATCH_SIZE} one export can have.`,
      'Export the accounts in smaller groups.',
      {
        key: 'migrationTooManyCodes',
        params: { accounts: included.length, codes: batchSize, max: MAX_BATCH_SIZE },
      },
    );
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
