import { describe, expect, it } from 'vitest';
import { isKeyfobError, KeyfobError } from '../../main/errors';
import {
  encodeVarint,
  ProtoReader,
  ProtoWriter,
  toInt32,
  toInt64,
  toSafeNumber,
  WireType,
} from '../../main/otp/protobuf';
import { rawKey, rawLenField, rawVarint, rawVarintField } from '../support/migration-proto';

function reader(bytes: number[]): ProtoReader {
  return new ProtoReader(Uint8Array.from(bytes));
}

function expectInvalid(fn: () => unknown, pattern: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(KeyfobError);
  expect(isKeyfobError(caught, 'MIGRATION_INVALID')).toBe(true);
  expect((caught as KeyfobError).message).toMatch(pattern);
  expect((caught as KeyfobError).hint).toMatch(/Scan the QR code again/);
}

describe('varints', () => {
  it('encodes the documented examples byte for byte', () => {
    expect([...encodeVarint(0)]).toEqual([0x00]);
    expect([...encodeVarint(1)]).toEqual([0x01]);
    expect([...encodeVarint(127)]).toEqual([0x7f]);
    expect([...encodeVarint(128)]).toEqual([0x80, 0x01]);
    expect([...encodeVarint(150)]).toEqual([0x96, 0x01]);
    expect([...encodeVarint(300)]).toEqual([0xac, 0x02]);
    expect([...encodeVarint(2 ** 32)]).toEqual([0x80, 0x80, 0x80, 0x80, 0x10]);
  });

  it('encodes negative numbers as ten-byte two’s complement, like int32/int64', () => {
    expect([...encodeVarint(-1)]).toEqual([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
    expect(encodeVarint(-5n)).toHaveLength(10);
  });

  it.each([
    0n,
    1n,
    127n,
    128n,
    16383n,
    16384n,
    2n ** 31n - 1n,
    2n ** 32n,
    BigInt(Number.MAX_SAFE_INTEGER),
    2n ** 53n,
    2n ** 63n,
    2n ** 64n - 1n,
  ])('round-trips %s', (value) => {
    const bytes = encodeVarint(value);
    const r = new ProtoReader(bytes);
    expect(r.readVarint()).toBe(value);
    expect(r.done).toBe(true);
    // Matches the independent encoder used by the migration tests.
    expect([...bytes]).toEqual(rawVarint(value));
  });

  it('reads the largest 64-bit value from exactly ten bytes', () => {
    const r = reader([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
    expect(r.readVarint()).toBe(2n ** 64n - 1n);
    expect(toInt64(2n ** 64n - 1n)).toBe(-1n);
    expect(toInt32(2n ** 64n - 1n)).toBe(-1);
  });

  it('returns numbers when safe and refuses larger counters with a clear error', () => {
    expect(reader(rawVarint(Number.MAX_SAFE_INTEGER)).readVarintNumber('counter')).toBe(
      Number.MAX_SAFE_INTEGER,
    );
    expectInvalid(
      () => reader(rawVarint(2n ** 53n)).readVarintNumber('counter'),
      /counter .* is 9007199254740992, outside the range/,
    );
    expect(toSafeNumber(42n, 'counter')).toBe(42);
    expectInvalid(() => toSafeNumber(-1n, 'counter'), /outside the range/);
  });

  it('refuses a truncated varint', () => {
    expectInvalid(() => reader([0x80]).readVarint(), /cut short \(truncated\)/);
    expectInvalid(() => reader([0xff, 0xff, 0xff]).readVarint(), /truncated/);
    expectInvalid(() => reader([]).readVarint(), /truncated/);
  });

  it('refuses varints longer than ten bytes or wider than 64 bits', () => {
    expectInvalid(
      () => reader([...Array(10).fill(0x80), 0x01]).readVarint(),
      /longer than any real one \(over 10 bytes\)/,
    );
    expectInvalid(
      () => reader([...Array(9).fill(0xff), 0x02]).readVarint(),
      /too large to be real \(over 64 bits\)/,
    );
  });

  it('reads int32 fields the way protobuf does (low 32 bits, signed)', () => {
    expect(toInt32(BigInt.asUintN(64, -7n))).toBe(-7);
    expect(toInt32(2n ** 31n - 1n)).toBe(2 ** 31 - 1);
    expect(toInt32(2n ** 32n + 5n)).toBe(5);
  });
});

describe('tags and field values', () => {
  it('reads field numbers and wire types, including large field numbers', () => {
    const r = reader([...rawKey(1, 2), ...rawKey(15, 0), ...rawKey(16, 5), ...rawKey(0x1fffffff, 1)]);
    expect(r.readTag()).toEqual({ field: 1, wireType: WireType.LEN });
    expect(r.readTag()).toEqual({ field: 15, wireType: WireType.VARINT });
    expect(r.readTag()).toEqual({ field: 16, wireType: WireType.I32 });
    expect(r.readTag()).toEqual({ field: 0x1fffffff, wireType: WireType.I64 });
    expect(r.done).toBe(true);
  });

  it('refuses field number 0', () => {
    expectInvalid(() => reader([0x00, 0x00]).readTag(), /field number 0/);
    expectInvalid(() => reader([0x02, 0x00]).readTag(), /field number 0/);
  });

  it('refuses field numbers above 2^29 - 1', () => {
    expectInvalid(() => reader(rawVarint(2n ** 29n * 8n)).readTag(), /field number is out of range/);
  });

  it.each([
    [3, /group/],
    [4, /group/],
    [6, /unknown wire type 6/],
    [7, /unknown wire type 7/],
  ])('refuses wire type %i', (wireType, pattern) => {
    expectInvalid(() => reader(rawKey(1, wireType)).readTag(), pattern);
  });

  it('reads length-delimited bytes and strings, including UTF-8 and a leading BOM', () => {
    const text = '\uFEFFAcme ✓ 日本 🔑';
    const r = reader([...rawLenField(1, [1, 2, 3]), ...rawLenField(2, text), ...rawLenField(3, [])]);
    expect(r.readTag().field).toBe(1);
    expect([...r.readBytes()]).toEqual([1, 2, 3]);
    expect(r.readTag().field).toBe(2);
    expect(r.readString()).toBe(text);
    expect(r.readTag().field).toBe(3);
    expect(r.readBytes()).toHaveLength(0);
    expect(r.done).toBe(true);
  });

  it('refuses a length past the end of the data', () => {
    expectInvalid(() => reader([0x05, 1, 2]).readBytes(), /claims 5 bytes but only 2 remain/);
    expectInvalid(() => reader(rawVarint(2n ** 64n - 1n)).readBytes(), /truncated/);
  });

  it('refuses a truncated length', () => {
    expectInvalid(() => reader([0x80]).readBytes(), /truncated/);
  });

  it('refuses invalid UTF-8 in a string', () => {
    expectInvalid(() => reader([0x02, 0xc3, 0x28]).readString(), /is not readable text/);
  });
});

describe('skipping unknown fields', () => {
  const marker = rawVarintField(2, 99);

  it.each([
    ['varint (0)', WireType.VARINT, [...rawKey(9, 0), ...rawVarint(2n ** 63n)]],
    ['64-bit (1)', WireType.I64, [...rawKey(9, 1), 1, 2, 3, 4, 5, 6, 7, 8]],
    ['length-delimited (2)', WireType.LEN, rawLenField(9, [0xff, 0x00, 0x0a, 0x02])],
    ['32-bit (5)', WireType.I32, [...rawKey(9, 5), 0xde, 0xad, 0xbe, 0xef]],
  ])('skips wire type %s and carries on with the next field', (_name, wireType, bytes) => {
    const r = reader([...bytes, ...marker]);
    const tag = r.readTag();
    expect(tag).toEqual({ field: 9, wireType });
    r.skip(tag.wireType);
    expect(r.readTag()).toEqual({ field: 2, wireType: WireType.VARINT });
    expect(r.readVarint()).toBe(99n);
    expect(r.done).toBe(true);
  });

  it.each([
    ['64-bit', [...rawKey(9, 1), 1, 2, 3]],
    ['32-bit', [...rawKey(9, 5), 1]],
    ['length-delimited', [...rawKey(9, 2), 0x04, 1]],
    ['varint', [...rawKey(9, 0), 0x80, 0x80]],
  ])('refuses a truncated unknown %s field', (_name, bytes) => {
    const r = reader(bytes);
    const tag = r.readTag();
    expectInvalid(() => r.skip(tag.wireType), /truncated/);
  });

  it('refuses to skip a group wire type', () => {
    expectInvalid(() => reader([]).skip(3 as WireType), /wire type 3/);
  });
});

describe('ProtoWriter', () => {
  it('writes varint, bytes and string fields that the reader reads back', () => {
    const bytes = new ProtoWriter()
      .varint(1, 150)
      .bytes(2, Uint8Array.from([9, 8, 7]))
      .string(3, 'héllo 🌍')
      .varint(4, 2n ** 64n - 1n)
      .varint(5, -2)
      .finish();
    const r = new ProtoReader(bytes);
    expect(r.readTag()).toEqual({ field: 1, wireType: 0 });
    expect(r.readVarint()).toBe(150n);
    expect(r.readTag()).toEqual({ field: 2, wireType: 2 });
    expect([...r.readBytes()]).toEqual([9, 8, 7]);
    expect(r.readTag()).toEqual({ field: 3, wireType: 2 });
    expect(r.readString()).toBe('héllo 🌍');
    expect(r.readTag()).toEqual({ field: 4, wireType: 0 });
    expect(r.readVarint()).toBe(2n ** 64n - 1n);
    expect(r.readTag()).toEqual({ field: 5, wireType: 0 });
    expect(toInt32(r.readVarint())).toBe(-2);
    expect(r.done).toBe(true);
    expect([...bytes.subarray(0, 3)]).toEqual([0x08, 0x96, 0x01]);
  });

  it('leaves zero and empty values out unless asked to write them explicitly', () => {
    expect([...new ProtoWriter().varint(4, 0).bytes(1, new Uint8Array()).string(2, '').finish()]).toEqual([]);
    expect([...new ProtoWriter().varint(4, 0, { explicit: true }).finish()]).toEqual([0x20, 0x00]);
    expect([...new ProtoWriter().varint(4, 0n, { explicit: true }).finish()]).toEqual([0x20, 0x00]);
    expect([...new ProtoWriter().string(2, '', { explicit: true }).finish()]).toEqual([0x12, 0x00]);
  });

  it('writes embedded messages with their length, even when empty', () => {
    const inner = new ProtoWriter().varint(1, 1);
    expect([...new ProtoWriter().message(1, inner).message(1, new ProtoWriter()).finish()]).toEqual([
      0x0a, 0x02, 0x08, 0x01, 0x0a, 0x00,
    ]);
  });

  it('writes multi-byte field numbers', () => {
    const bytes = new ProtoWriter().varint(1000, 1).finish();
    expect([...bytes]).toEqual([...rawKey(1000, 0), 0x01]);
  });

  it('refuses invalid field numbers and values it cannot encode', () => {
    expect(() => new ProtoWriter().varint(0, 1)).toThrow(RangeError);
    expect(() => new ProtoWriter().varint(2 ** 29, 1)).toThrow(RangeError);
    expect(() => new ProtoWriter().varint(1, 1.5)).toThrow(RangeError);
    expect(() => new ProtoWriter().varint(1, 2n ** 64n)).toThrow(RangeError);
  });
});
