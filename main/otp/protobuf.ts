/**
 * A small reader and writer for the protobuf wire format (https://protobuf.dev/programming-guides/encoding/),
 * enough for Google Authenticator's `otpauth-migration://` payload. No schema, no reflection: callers read tags
 * and decide per field. Every failure is a KeyfobError('MIGRATION_INVALID') with a plain message, because the
 * only bytes this ever sees come from a scanned QR code or a pasted link.
 */
import type { ErrorKey as FormatsErrorKey } from '../../preload/api';
import { KeyfobError } from '../errors';

export const WireType = {
  VARINT: 0,
  I64: 1,
  LEN: 2,
  START_GROUP: 3,
  END_GROUP: 4,
  I32: 5,
} as const;
export type WireType = (typeof WireType)[keyof typeof WireType];

/** Largest field number protobuf allows (2^29 − 1). */
export const MAX_FIELD_NUMBER = 0x1fffffff;

const UINT64_MAX = (1n << 64n) - 1n;

/** A length-delimited part of the export: its bytes, and the varint before them that says how many there are. */
export type LengthPart =
  'accountKey' | 'accountName' | 'accountIssuer' | 'account' | 'unknownField' | 'bytesField' | 'textField';

/**
 * Which part of the export data a message is about, as a code the catalogues word (errorWords.exportPart):
 * each language needs its own article and case for it.
 */
export type ExportPart =
  | LengthPart
  | `${LengthPart}Length`
  | 'accountAlgorithm'
  | 'accountDigits'
  | 'accountType'
  | 'accountCounter'
  | 'version'
  | 'codeCount'
  | 'codeNumber'
  | 'batchId'
  | 'fieldKey'
  | 'unknownNumberField'
  | 'aNumber'
  | 'unknown64BitField'
  | 'unknown32BitField'
  | 'fixedSizeField';

/** A number read from the export that must fit what Keyfob stores (errorWords.exportPart as well). */
export type ExportNumber = 'counter' | 'number';

function invalid(key: FormatsErrorKey, params?: Record<string, string | number>): KeyfobError {
  return new KeyfobError('MIGRATION_INVALID', key, params);
}

function truncated(what: ExportPart): KeyfobError {
  return invalid('migrationTruncated', {
    what,
  });
}

/** Converts an unsigned 64-bit varint value to a JS number, refusing values a number cannot hold exactly. */
export function toSafeNumber(value: bigint, what: ExportNumber): number {
  if (value < 0n || value > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw invalid('migrationOutOfRange', { what, value: value.toString(), max: Number.MAX_SAFE_INTEGER });
  }
  return Number(value);
}

/** The low 32 bits of a varint as a signed number, the way protobuf decoders read int32 and enum fields. */
export function toInt32(value: bigint): number {
  return Number(BigInt.asIntN(32, value));
}

/** The varint as a signed 64-bit number (int64 fields; negative values are sent as ten-byte varints). */
export function toInt64(value: bigint): bigint {
  return BigInt.asIntN(64, value);
}

export interface Tag {
  field: number;
  wireType: WireType;
}

export class ProtoReader {
  private pos = 0;

  constructor(private readonly bytes: Uint8Array) {}

  /** True once every byte has been read. */
  get done(): boolean {
    return this.pos >= this.bytes.length;
  }

  get offset(): number {
    return this.pos;
  }

  /** Reads an unsigned varint of up to 64 bits (ten bytes). */
  readVarint(what: ExportPart = 'aNumber'): bigint {
    let result = 0n;
    let shift = 0n;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.bytes.length) throw truncated(what);
      const byte = this.bytes[this.pos++] as number;
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) {
        if (result > UINT64_MAX) {
          throw invalid('migrationVarintTooLarge', {
            what,
          });
        }
        return result;
      }
      shift += 7n;
    }
    throw invalid('migrationVarintTooLong', {
      what,
    });
  }

  /** Reads a varint and returns it as a JS number, refusing anything above Number.MAX_SAFE_INTEGER. */
  readVarintNumber(what: ExportNumber = 'number'): number {
    return toSafeNumber(this.readVarint(what === 'number' ? 'aNumber' : 'accountCounter'), what);
  }

  /** Reads a field key. Refuses field number 0, numbers above 2^29 − 1 and the group / reserved wire types. */
  readTag(): Tag {
    const key = this.readVarint('fieldKey');
    const wireType = Number(key & 7n);
    const fieldBig = key >> 3n;
    if (fieldBig === 0n) {
      throw invalid('migrationFieldZero');
    }
    if (fieldBig > BigInt(MAX_FIELD_NUMBER)) {
      throw invalid('migrationFieldOutOfRange');
    }
    if (wireType === 3 || wireType === 4) {
      throw invalid('migrationGroupEncoding');
    }
    if (wireType === 6 || wireType === 7) {
      throw invalid('migrationUnknownWireType', { wireType });
    }
    return { field: Number(fieldBig), wireType: wireType as WireType };
  }

  /** Reads a length-delimited value (bytes, string or embedded message) and returns a view of its bytes. */
  readBytes(what: LengthPart = 'bytesField'): Uint8Array {
    const length = this.readVarint(`${what}Length`);
    const remaining = this.bytes.length - this.pos;
    if (length > BigInt(remaining)) {
      throw invalid('migrationLengthTruncated', { what, length: length.toString(), remaining });
    }
    const start = this.pos;
    this.pos += Number(length);
    return this.bytes.subarray(start, this.pos);
  }

  /** Reads a length-delimited UTF-8 string; invalid UTF-8 is refused. Byte order marks are kept as text. */
  readString(what: LengthPart = 'textField'): string {
    const raw = this.readBytes(what);
    try {
      return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(raw);
    } catch {
      throw invalid('migrationNotUtf8', {
        what,
      });
    }
  }

  /** Reads a fixed 8-byte (wire type 1) or 4-byte (wire type 5) value as raw bytes. */
  readFixed(size: 4 | 8, what: ExportPart = 'fixedSizeField'): Uint8Array {
    if (this.bytes.length - this.pos < size) throw truncated(what);
    const start = this.pos;
    this.pos += size;
    return this.bytes.subarray(start, this.pos);
  }

  /** Skips the value of a field this reader does not know. */
  skip(wireType: WireType): void {
    switch (wireType) {
      case WireType.VARINT:
        this.readVarint('unknownNumberField');
        return;
      case WireType.I64:
        this.readFixed(8, 'unknown64BitField');
        return;
      case WireType.LEN:
        this.readBytes('unknownField');
        return;
      case WireType.I32:
        this.readFixed(4, 'unknown32BitField');
        return;
      default:
        throw invalid('migrationUnknownWireType', { wireType });
    }
  }
}

/** Encodes an unsigned varint; negative numbers are written as 64-bit two's complement (ten bytes). */
export function encodeVarint(value: number | bigint): Uint8Array {
  let v: bigint;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) {
      throw new RangeError(`A varint must be a safe integer, got ${value}.`);
    }
    v = BigInt(value);
  } else {
    v = value;
  }
  if (v < 0n) {
    if (v < -(1n << 63n)) throw new RangeError('A varint must fit in 64 bits.');
    v = BigInt.asUintN(64, v);
  }
  if (v > UINT64_MAX) throw new RangeError('A varint must fit in 64 bits.');
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    out.push(byte);
  } while (v > 0n);
  return Uint8Array.from(out);
}

export interface WriteOptions {
  /** Write the field even if its value is zero / empty (proto3 leaves those out by default). */
  explicit?: boolean;
}

export class ProtoWriter {
  private readonly chunks: Uint8Array[] = [];
  private size = 0;

  private push(chunk: Uint8Array): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
  }

  private tag(field: number, wireType: WireType): void {
    if (!Number.isInteger(field) || field < 1 || field > MAX_FIELD_NUMBER) {
      throw new RangeError(`Invalid protobuf field number ${field}.`);
    }
    this.push(encodeVarint((BigInt(field) << 3n) | BigInt(wireType)));
  }

  /** A varint field (int32, int64, uint64, enum, bool). Zero is left out unless `explicit`. */
  varint(field: number, value: number | bigint, options: WriteOptions = {}): this {
    if (!options.explicit && (value === 0 || value === 0n)) return this;
    const encoded = encodeVarint(value);
    this.tag(field, WireType.VARINT);
    this.push(encoded);
    return this;
  }

  /** A length-delimited field. Empty values are left out unless `explicit`. */
  bytes(field: number, value: Uint8Array, options: WriteOptions = {}): this {
    if (!options.explicit && value.length === 0) return this;
    this.tag(field, WireType.LEN);
    this.push(encodeVarint(value.length));
    this.push(value);
    return this;
  }

  /** A UTF-8 string field. Empty strings are left out unless `explicit`. */
  string(field: number, value: string, options: WriteOptions = {}): this {
    return this.bytes(field, new TextEncoder().encode(value), options);
  }

  /** An embedded message field; always written, even when the message is empty (as repeated messages must be). */
  message(field: number, value: ProtoWriter | Uint8Array): this {
    return this.bytes(field, value instanceof ProtoWriter ? value.finish() : value, { explicit: true });
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.size);
    let offset = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out;
  }
}
