/**
 * An encoder/decoder for Google Authenticator's migration payload that shares no code with main/otp: protobufjs
 * built from the .proto text in the reference (otpauth-formats.md §3.2). Tests use it to produce payloads the way
 * another app would and to read Keyfob's exports the way another app would.
 */
import protobuf from 'protobufjs';

export const MIGRATION_PROTO = `
syntax = "proto3";
message MigrationPayload {
  enum Algorithm  { ALGORITHM_UNSPECIFIED = 0; ALGORITHM_SHA1 = 1; ALGORITHM_SHA256 = 2;
                    ALGORITHM_SHA512 = 3; ALGORITHM_MD5 = 4; }
  enum DigitCount { DIGIT_COUNT_UNSPECIFIED = 0; DIGIT_COUNT_SIX = 1; DIGIT_COUNT_EIGHT = 2; }
  enum OtpType    { OTP_TYPE_UNSPECIFIED = 0; OTP_TYPE_HOTP = 1; OTP_TYPE_TOTP = 2; }
  message OtpParameters {
    bytes      secret    = 1;
    string     name      = 2;
    string     issuer    = 3;
    Algorithm  algorithm = 4;
    DigitCount digits    = 5;
    OtpType    type      = 6;
    int64      counter   = 7;
  }
  repeated OtpParameters otp_parameters = 1;
  int32 version     = 2;
  int32 batch_size  = 3;
  optional int32 batch_index = 4;
  int32 batch_id    = 5;
}
`;

const root = protobuf.parse(MIGRATION_PROTO, { keepCase: true }).root;
const Payload = root.lookupType('MigrationPayload');

export interface ProtoOtpParameters {
  secret?: Uint8Array;
  name?: string;
  issuer?: string;
  /** Enum number: 0 unspecified, 1 SHA1, 2 SHA256, 3 SHA512, 4 MD5 (or any int32 to test unknown values). */
  algorithm?: number;
  /** Enum number: 0 unspecified, 1 six, 2 eight. */
  digits?: number;
  /** Enum number: 0 unspecified, 1 HOTP, 2 TOTP. */
  type?: number;
  counter?: number | string;
}

export interface ProtoPayload {
  otp_parameters: ProtoOtpParameters[];
  version?: number;
  batch_size?: number;
  batch_index?: number;
  batch_id?: number;
}

/**
 * Encodes with protobufjs. proto3 leaves zero values out, except `batch_index`, which is `optional`.
 * Enum numbers the schema does not define are still written (as an app with a newer schema would); otherwise the
 * payload is checked with protobufjs' verifier so that a typo in a test cannot go unnoticed.
 */
export function encodePayload(payload: ProtoPayload): Uint8Array {
  const message = Payload.fromObject(payload);
  const problem = Payload.verify(message);
  if (problem && !/enum value expected/.test(problem)) throw new Error(`test payload invalid: ${problem}`);
  return Payload.encode(message).finish();
}

export interface DecodedOtpParameters {
  secret: Uint8Array;
  name: string;
  issuer: string;
  algorithm: number;
  digits: number;
  type: number;
  /** int64 as a decimal string, so that no precision is lost. */
  counter: string;
}

export interface DecodedPayload {
  otp_parameters: DecodedOtpParameters[];
  version: number;
  batch_size: number;
  /** Undefined when the field was not on the wire. */
  batch_index?: number | undefined;
  batch_id: number;
}

export function decodePayload(bytes: Uint8Array): DecodedPayload {
  const message = Payload.decode(bytes);
  const object = Payload.toObject(message, { longs: String, enums: Number, bytes: Array, defaults: true });
  const has = Object.prototype.hasOwnProperty.call(message, 'batch_index');
  return {
    ...(object as Omit<DecodedPayload, 'otp_parameters'>),
    batch_index: has ? (object.batch_index as number) : undefined,
    otp_parameters: (object.otp_parameters as Array<Record<string, unknown>>).map((p) => ({
      secret: Uint8Array.from(p.secret as number[]),
      name: p.name as string,
      issuer: p.issuer as string,
      algorithm: p.algorithm as number,
      digits: p.digits as number,
      type: p.type as number,
      counter: p.counter as string,
    })),
  };
}

/** The link another app would build: standard base64, percent-encoded. */
export function toMigrationUri(bytes: Uint8Array): string {
  return `otpauth-migration://offline?data=${encodeURIComponent(Buffer.from(bytes).toString('base64'))}`;
}

/** Takes the payload bytes back out of a link, with Node's URL parser (not Keyfob's). */
export function payloadFromUri(uri: string): Uint8Array {
  const url = new URL(uri);
  const data = url.searchParams.get('data');
  if (data === null) throw new Error('no data parameter');
  return new Uint8Array(Buffer.from(data, 'base64'));
}

// Hand assembly of raw wire bytes, for payloads protobufjs will not write (unusual field order, unknown fields,
// unknown wire types). Deliberately minimal and separate from main/otp/protobuf.ts.

export function rawVarint(value: number | bigint): number[] {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return out;
}

export function rawKey(field: number, wireType: number): number[] {
  return rawVarint(field * 8 + wireType);
}

export function rawVarintField(field: number, value: number | bigint): number[] {
  return [...rawKey(field, 0), ...rawVarint(value)];
}

export function rawLenField(field: number, value: Uint8Array | number[] | string): number[] {
  const bytes = typeof value === 'string' ? [...new TextEncoder().encode(value)] : [...value];
  return [...rawKey(field, 2), ...rawVarint(bytes.length), ...bytes];
}
