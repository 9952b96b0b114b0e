import { describe, expect, it } from 'vitest';
import { isKeyfobError, KeyfobError } from '../../main/errors';
import {
  buildMigrationUris,
  isMigrationUri,
  missingBatches,
  parseMigrationPayload,
  parseMigrationUri,
  type MigrationBatch,
  type MigrationEntry,
  type MigrationExportable,
} from '../../main/otp/migration';
import { base32ToBytes, bytesToBase32 } from '../../main/otp/secret';
import type { OtpAccount, OtpParams } from '../../main/otp/types';
import {
  decodePayload,
  encodePayload,
  payloadFromUri,
  rawKey,
  rawLenField,
  rawVarintField,
  toMigrationUri,
  type ProtoOtpParameters,
} from '../support/migration-proto';

const GNOME_VECTOR =
  'otpauth-migration://offline?data=CjYKEExyJfPiZeroMa/MdF%2BnkTISE2pvaG5kb2VAZXhhbXBsZS5jb20aB0Rpc2NvcmQgASgBMAIQARgBIAA%3D';

const KEY = Uint8Array.from([
  0x4c, 0x72, 0x25, 0xf3, 0xe2, 0x65, 0xea, 0xe8, 0x31, 0xaf, 0xcc, 0x74, 0x5f, 0xa7, 0x91, 0x32,
]);
const KEY32 = 'JRZCL47CMXVOQMNPZR2F7J4RGI';

function totp(overrides: Partial<OtpParams> = {}): OtpParams {
  return { type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: 0, ...overrides };
}

function ok(entry: MigrationEntry | undefined): OtpAccount {
  expect(entry?.status).toBe('ok');
  if (entry?.status !== 'ok') throw new Error(`expected an imported entry, got ${JSON.stringify(entry)}`);
  return entry.account;
}

function refused(entry: MigrationEntry | undefined): { name: string; reason: string } {
  expect(entry?.status).toBe('refused');
  if (entry?.status !== 'refused') throw new Error(`expected a refused entry, got ${JSON.stringify(entry)}`);
  return entry;
}

function parseEncoded(
  entries: ProtoOtpParameters[],
  batch: Partial<Record<string, number>> = {},
): MigrationBatch {
  return parseMigrationUri(
    toMigrationUri(
      encodePayload({
        otp_parameters: entries,
        version: 1,
        batch_size: 1,
        batch_index: 0,
        batch_id: 7,
        ...batch,
      }),
    ),
  );
}

function invalidError(fn: () => unknown): KeyfobError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(isKeyfobError(caught, 'MIGRATION_INVALID')).toBe(true);
  const error = caught as KeyfobError;
  expect(error.message.length).toBeGreaterThan(10);
  expect(error.hint).toBeTruthy();
  return error;
}

function b64(bytes: Uint8Array | number[]): string {
  return Buffer.from(Uint8Array.from(bytes)).toString('base64');
}

describe('isMigrationUri', () => {
  it('recognises the scheme case-insensitively after trimming', () => {
    expect(isMigrationUri(GNOME_VECTOR)).toBe(true);
    expect(isMigrationUri('  OTPAUTH-MIGRATION://offline?data=AA\n')).toBe(true);
    expect(isMigrationUri('otpauth://totp/x?secret=AA')).toBe(false);
    expect(isMigrationUri('https://example.com/otpauth-migration://')).toBe(false);
    expect(isMigrationUri('')).toBe(false);
  });
});

describe('parseMigrationUri — the GNOME test vector', () => {
  it('decodes to exactly the documented entry', () => {
    const batch = parseMigrationUri(GNOME_VECTOR);
    expect(batch).toEqual({
      version: 1,
      batchSize: 1,
      batchIndex: 0,
      batchId: 0,
      entries: [
        {
          status: 'ok',
          index: 0,
          account: {
            issuer: 'Discord',
            label: 'johndoe@example.com',
            secret: 'JRZCL47CMXVOQMNPZR2F7J4RGI',
            params: { type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 },
            extra: {},
          },
        },
      ],
    });
  });

  it('agrees with protobufjs about the vector (batch_index 0 is on the wire)', () => {
    const decoded = decodePayload(payloadFromUri(GNOME_VECTOR));
    expect(decoded.batch_index).toBe(0);
    expect(bytesToBase32(decoded.otp_parameters[0]!.secret)).toBe(KEY32);
    expect([...decoded.otp_parameters[0]!.secret]).toEqual([...KEY]);
  });

  it('accepts the scheme and host in any case and surrounding whitespace', () => {
    const upper = GNOME_VECTOR.replace('otpauth-migration://offline', 'OTPAUTH-Migration://OFFLINE');
    expect(ok(parseMigrationUri(`\n  ${upper}  \t`).entries[0]).secret).toBe(KEY32);
    expect(ok(parseMigrationUri(GNOME_VECTOR.replace('offline?', 'offline/?')).entries[0]).issuer).toBe(
      'Discord',
    );
  });
});

describe('parseMigrationUri — base64 variants', () => {
  const payload = encodePayload({
    otp_parameters: [{ secret: Uint8Array.from([0xfb, 0xff, 0xf8, 0xfb, 0xef]), name: 'x', type: 2 }],
    version: 1,
    batch_size: 1,
    batch_index: 0,
  });
  const standard = b64(payload);
  const secret = bytesToBase32(Uint8Array.from([0xfb, 0xff, 0xf8, 0xfb, 0xef]));

  it('the chosen payload really contains +, / and = in its base64', () => {
    expect(standard).toMatch(/\+/);
    expect(standard).toMatch(/\//);
    expect(standard).toMatch(/=$/);
  });

  it.each([
    ['percent-encoded', encodeURIComponent(standard)],
    ['literal + and /', standard],
    ['+ turned into a space by form decoding', standard.replace(/\+/g, ' ')],
    ['+ turned into %20', standard.replace(/\+/g, '%20')],
    ['without = padding', standard.replace(/=+$/, '')],
    ['base64url', standard.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')],
    [
      'lower-case percent escapes',
      encodeURIComponent(standard).replace(/%2B/g, '%2b').replace(/%2F/g, '%2f'),
    ],
  ])('accepts %s', (_name, data) => {
    const batch = parseMigrationUri(`otpauth-migration://offline?data=${data}`);
    expect(ok(batch.entries[0]).secret).toBe(secret);
    expect(ok(batch.entries[0]).label).toBe('x');
  });

  it('finds data among other parameters', () => {
    const batch = parseMigrationUri(
      `otpauth-migration://offline?foo=bar&data=${encodeURIComponent(standard)}&x`,
    );
    expect(ok(batch.entries[0]).secret).toBe(secret);
  });

  it('refuses characters outside the base64 alphabet', () => {
    expect(
      invalidError(() => parseMigrationUri(`otpauth-migration://offline?data=${standard}!*`)).message,
    ).toMatch(/damaged: its data contains "!"/);
    expect(invalidError(() => parseMigrationUri('otpauth-migration://offline?data=AB=CD')).message).toMatch(
      /"=" in the middle/,
    );
  });

  it('refuses an impossible base64 length and excess padding', () => {
    expect(
      invalidError(() => parseMigrationUri('otpauth-migration://offline?data=CgQKAg')).message,
    ).toBeDefined();
    expect(invalidError(() => parseMigrationUri('otpauth-migration://offline?data=CgQKA')).message).toMatch(
      /cut short/,
    );
    expect(
      invalidError(() => parseMigrationUri('otpauth-migration://offline?data=CgQK====')).message,
    ).toMatch(/too many "="/);
  });

  it('refuses broken percent escapes', () => {
    expect(invalidError(() => parseMigrationUri('otpauth-migration://offline?data=Cg%ZZ')).message).toMatch(
      /stray "%"/,
    );
  });
});

describe('parseMigrationUri — bad links', () => {
  it('refuses a wrong host', () => {
    expect(
      invalidError(() => parseMigrationUri(GNOME_VECTOR.replace('//offline', '//online'))).message,
    ).toMatch(/"online" instead of "offline"/);
    invalidError(() => parseMigrationUri(GNOME_VECTOR.replace('//offline', '//offline.example.com')));
    invalidError(() => parseMigrationUri(GNOME_VECTOR.replace('//offline', '//')));
  });

  it('refuses other schemes and non-links', () => {
    invalidError(() => parseMigrationUri('otpauth://totp/Example:a?secret=JBSWY3DPEHPK3PXP'));
    invalidError(() => parseMigrationUri('hello'));
    invalidError(() => parseMigrationUri(''));
    invalidError(() => parseMigrationUri('otpauth-migration:offline?data=AA'));
  });

  it('refuses a missing, empty or repeated data parameter', () => {
    expect(invalidError(() => parseMigrationUri('otpauth-migration://offline')).message).toMatch(/no data/);
    expect(invalidError(() => parseMigrationUri('otpauth-migration://offline?x=1')).message).toMatch(
      /no data/,
    );
    expect(invalidError(() => parseMigrationUri('otpauth-migration://offline?data=')).message).toMatch(
      /empty/,
    );
    expect(invalidError(() => parseMigrationUri(`${GNOME_VECTOR}&data=AAAA`)).message).toMatch(
      /more than one/,
    );
  });

  it('refuses links over 64 KiB', () => {
    const huge = `otpauth-migration://offline?data=${'A'.repeat(64 * 1024)}`;
    expect(invalidError(() => parseMigrationUri(huge)).message).toMatch(/far longer/);
  });

  it('refuses an unexpected path', () => {
    invalidError(() => parseMigrationUri(GNOME_VECTOR.replace('offline?', 'offline/import?')));
  });
});

describe('parseMigrationPayload — damaged or foreign data', () => {
  const valid = encodePayload({
    otp_parameters: [
      { secret: KEY, name: 'alice@example.com', issuer: 'Example', algorithm: 1, digits: 1, type: 2 },
      {
        secret: KEY,
        name: 'bob@example.com',
        issuer: 'Example',
        algorithm: 2,
        digits: 2,
        type: 1,
        counter: 3,
      },
    ],
    version: 1,
    batch_size: 1,
    batch_index: 0,
    batch_id: 12345,
  });

  it('refuses a valid payload cut in half (every cut point)', () => {
    expect(parseMigrationPayload(valid).entries).toHaveLength(2);
    let refusedCount = 0;
    for (let cut = 1; cut < valid.length; cut++) {
      try {
        const batch = parseMigrationPayload(valid.subarray(0, cut));
        // A cut can land exactly between two top-level fields; then the result must still be well-formed.
        expect(batch.entries.length).toBeGreaterThan(0);
      } catch (error) {
        expect(isKeyfobError(error, 'MIGRATION_INVALID')).toBe(true);
        refusedCount++;
      }
    }
    expect(refusedCount).toBeGreaterThan(valid.length / 2);
    const half = invalidError(() => parseMigrationPayload(valid.subarray(0, Math.floor(valid.length / 2))));
    expect(half.message).toMatch(/cut short \(truncated\)/);
    expect(half.hint).toBe('Scan the QR code again, or export again from Google Authenticator.');
  });

  it('refuses random bytes', () => {
    // Deterministic "random" bytes (a linear congruential generator) so the test is reproducible.
    let seed = 12345;
    for (let i = 0; i < 50; i++) {
      const bytes = new Uint8Array(40).map(() => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed >>> 16;
      });
      invalidError(() => parseMigrationUri(toMigrationUri(bytes)));
    }
  });

  it('refuses base64 of plain text', () => {
    const text = Buffer.from('This is just some text, not an export.').toString('base64');
    invalidError(() => parseMigrationUri(`otpauth-migration://offline?data=${encodeURIComponent(text)}`));
    invalidError(() => parseMigrationUri(`otpauth-migration://offline?data=${b64(Buffer.from('{"a":1}'))}`));
  });

  it('refuses a payload with no accounts', () => {
    const empty = encodePayload({
      otp_parameters: [],
      version: 1,
      batch_size: 1,
      batch_index: 0,
      batch_id: 1,
    });
    expect(invalidError(() => parseMigrationPayload(empty)).message).toMatch(/contains no accounts/);
    expect(invalidError(() => parseMigrationPayload(new Uint8Array())).message).toMatch(/empty/);
  });

  it.each([
    [{ batch_size: 0 }, /of 0 QR codes/],
    [{ batch_size: 101 }, /of 101 QR codes/],
    [{ batch_size: -1 }, /of -1 QR codes/],
    [{ batch_size: 3, batch_index: 3 }, /QR code 4 of 3/],
    [{ batch_size: 3, batch_index: -1 }, /QR code 0 of 3/],
  ])('refuses impossible batch numbers %o', (batch, pattern) => {
    const bytes = encodePayload({ otp_parameters: [{ secret: KEY, name: 'a' }], batch_id: 1, ...batch });
    expect(invalidError(() => parseMigrationPayload(bytes)).message).toMatch(pattern);
  });

  it('refuses a known field with the wrong wire type', () => {
    const bytes = Uint8Array.from([...rawVarintField(1, 5), ...rawVarintField(2, 1)]);
    expect(invalidError(() => parseMigrationPayload(bytes)).message).toMatch(/stored in an unexpected way/);
    const entry = Uint8Array.from(rawLenField(1, [...rawVarintField(1, 3)]));
    expect(invalidError(() => parseMigrationPayload(entry)).message).toMatch(/stored in an unexpected way/);
  });

  it('refuses group wire types and field number 0', () => {
    invalidError(() =>
      parseMigrationPayload(Uint8Array.from([...rawLenField(1, [0x0a, 0x00]), ...rawKey(9, 3)])),
    );
    invalidError(() => parseMigrationPayload(Uint8Array.from([0x00, 0x01])));
  });
});

describe('parseMigrationPayload — entries', () => {
  it('imports TOTP and HOTP entries with their counters', () => {
    const batch = parseEncoded([
      { secret: KEY, name: 'totp@example.com', issuer: 'A', algorithm: 1, digits: 1, type: 2 },
      { secret: KEY, name: 'hotp@example.com', issuer: 'B', algorithm: 1, digits: 1, type: 1, counter: 42 },
      { secret: KEY, name: 'hotp0', issuer: 'C', type: 1 },
      { secret: KEY, name: 'big', issuer: 'D', type: 1, counter: String(Number.MAX_SAFE_INTEGER) },
      { secret: KEY, name: 'unspecified', issuer: 'E', type: 0, counter: 9 },
    ]);
    expect(ok(batch.entries[0])).toEqual({
      issuer: 'A',
      label: 'totp@example.com',
      secret: KEY32,
      params: totp(),
      extra: {},
    });
    expect(ok(batch.entries[1]).params).toEqual(totp({ type: 'hotp', counter: 42 }));
    expect(ok(batch.entries[2]).params).toEqual(totp({ type: 'hotp', counter: 0 }));
    expect(ok(batch.entries[3]).params.counter).toBe(Number.MAX_SAFE_INTEGER);
    // Type 0 (unspecified) is TOTP; a stray counter on a TOTP entry is ignored.
    expect(ok(batch.entries[4]).params).toEqual(totp());
    expect(batch.entries.map((e) => e.index)).toEqual([0, 1, 2, 3, 4]);
    expect(batch.batchId).toBe(7);
  });

  it('refuses HOTP counters above Number.MAX_SAFE_INTEGER or below zero, and keeps the rest', () => {
    const batch = parseEncoded([
      { secret: KEY, name: 'huge', issuer: 'X', type: 1, counter: '9007199254740992' },
      { secret: KEY, name: 'negative', issuer: 'X', type: 1, counter: '-1' },
      { secret: KEY, name: 'fine', issuer: 'X', type: 1, counter: 5 },
    ]);
    expect(refused(batch.entries[0])).toEqual({
      status: 'refused',
      index: 0,
      name: 'X (huge)',
      reason: expect.stringMatching(/counter .*9007199254740992.*outside the range/),
      key: 'migrationOutOfRange',
      params: { what: 'counter', value: '9007199254740992', max: Number.MAX_SAFE_INTEGER },
    });
    expect(refused(batch.entries[1]).reason).toMatch(/negative/);
    expect(ok(batch.entries[2]).params.counter).toBe(5);
  });

  it('maps algorithms SHA1/SHA256/SHA512 (and unspecified as SHA1)', () => {
    const batch = parseEncoded(
      [0, 1, 2, 3].map((algorithm) => ({ secret: KEY, name: `a${algorithm}`, algorithm })),
    );
    expect(batch.entries.map((e) => ok(e).params.algorithm)).toEqual(['SHA1', 'SHA1', 'SHA256', 'SHA512']);
  });

  it('reads digits as an enum: 0/1 → 6, 2 → 8, others refused', () => {
    const batch = parseEncoded(
      [0, 1, 2, 6, 8].map((digits) => ({ secret: KEY, name: `d${digits}`, digits })),
    );
    expect(batch.entries.slice(0, 3).map((e) => ok(e).params.digits)).toEqual([6, 6, 8]);
    expect(refused(batch.entries[3]).reason).toMatch(/unknown code length \(number 6\)/);
    expect(refused(batch.entries[4]).reason).toMatch(/unknown code length \(number 8\)/);
  });

  it('refuses MD5 while the other entries in the batch import', () => {
    const batch = parseEncoded([
      { secret: KEY, name: 'first', issuer: 'One', algorithm: 1 },
      { secret: KEY, name: 'legacy@example.com', issuer: 'OldBank', algorithm: 4 },
      { secret: KEY, name: 'third', issuer: 'Three', algorithm: 3, digits: 2 },
    ]);
    expect(ok(batch.entries[0]).label).toBe('first');
    expect(refused(batch.entries[1])).toEqual({
      status: 'refused',
      index: 1,
      name: 'OldBank (legacy@example.com)',
      reason: expect.stringMatching(/^MD5 is not supported/),
      key: 'migrationEntryMd5',
    });
    expect(ok(batch.entries[2]).params).toEqual(totp({ algorithm: 'SHA512', digits: 8 }));
  });

  it('refuses unknown algorithm and type numbers', () => {
    const batch = parseEncoded([
      { secret: KEY, name: 'a', algorithm: 9 },
      { secret: KEY, name: 'b', type: 3 },
      { secret: KEY, name: 'c', type: -1 },
    ]);
    expect(refused(batch.entries[0]).reason).toMatch(/unknown algorithm \(number 9\)/);
    expect(refused(batch.entries[1]).reason).toMatch(/unknown kind of code \(number 3\)/);
    expect(refused(batch.entries[2]).reason).toMatch(/number -1/);
  });

  it('splits "Issuer:name" when the issuer is empty, and drops a repeated issuer prefix', () => {
    const batch = parseEncoded([
      { secret: KEY, name: 'GitHub:octocat' },
      { secret: KEY, name: ' Example Co : jane@example.com ' },
      { secret: KEY, name: 'Slack:me@example.com', issuer: 'Slack' },
      { secret: KEY, name: 'Other:me@example.com', issuer: 'Slack' },
      { secret: KEY, name: 'a:b:c' },
      { secret: KEY, name: 'plain' },
    ]);
    const names = batch.entries.map((e) => ({ issuer: ok(e).issuer, label: ok(e).label }));
    expect(names).toEqual([
      { issuer: 'GitHub', label: 'octocat' },
      { issuer: 'Example Co', label: 'jane@example.com' },
      { issuer: 'Slack', label: 'me@example.com' },
      { issuer: 'Slack', label: 'Other:me@example.com' },
      { issuer: 'a', label: 'b:c' },
      { issuer: '', label: 'plain' },
    ]);
  });

  it('names an entry with an empty name instead of dropping it', () => {
    const batch = parseEncoded([
      { secret: KEY, name: 'first', issuer: 'A' },
      { secret: KEY, name: '', issuer: 'Acme' },
      { secret: KEY },
      { secret: KEY, name: 'Issuer:' },
    ]);
    expect(batch.entries).toHaveLength(4);
    expect(ok(batch.entries[1])).toMatchObject({ issuer: 'Acme', label: 'Unnamed account 2' });
    expect(ok(batch.entries[2])).toMatchObject({ issuer: '', label: 'Unnamed account 3' });
    expect(ok(batch.entries[3])).toMatchObject({ issuer: 'Issuer', label: 'Unnamed account 4' });
  });

  it('refuses an entry with an empty secret and keeps the others', () => {
    const batch = parseEncoded([
      { name: 'nokey@example.com', issuer: 'Keyless' },
      { secret: KEY, name: 'good' },
      { name: '' },
    ]);
    expect(refused(batch.entries[0])).toEqual({
      status: 'refused',
      index: 0,
      name: 'Keyless (nokey@example.com)',
      reason: expect.stringMatching(/^The entry has no key/),
      key: 'migrationEntryNoKey',
    });
    expect(ok(batch.entries[1]).secret).toBe(KEY32);
    // Unnamed, it is named by its number, which each front end words (place_entry).
    expect(refused(batch.entries[2])).toMatchObject({ name: 'entry 3', place: { kind: 'entry', n: 3 } });
  });

  it('refuses an entry whose name is not valid UTF-8, and keeps the others', () => {
    const bad = [...rawLenField(1, KEY), ...rawLenField(2, [0x61, 0xff, 0x62])];
    const good = [...rawLenField(1, KEY), ...rawLenField(2, 'ok')];
    const batch = parseMigrationPayload(Uint8Array.from([...rawLenField(1, bad), ...rawLenField(1, good)]));
    expect(refused(batch.entries[0])).toMatchObject({
      name: 'entry 1',
      place: { kind: 'entry', n: 1 },
      reason: expect.stringMatching(/UTF-8/),
    });
    expect(ok(batch.entries[1]).label).toBe('ok');
  });

  it('keeps names with URI-special, percent, CJK and emoji characters intact', () => {
    const names = [
      { issuer: 'Ac#me & Co?', name: 'a#b&c?d=e%20f%g' },
      { issuer: '日本銀行', name: 'ユーザー@例え.jp' },
      { issuer: 'Emoji 🔐', name: '👩‍💻 dev+tag@example.com' },
      { issuer: 'Colon', name: 'x:y:z' },
      { issuer: 'Ünïcödé', name: 'naïve/slash\\back "quotes" <tag>' },
    ];
    const batch = parseEncoded(names.map((n) => ({ secret: KEY, ...n })));
    expect(batch.entries.map((e) => ({ issuer: ok(e).issuer, name: ok(e).label }))).toEqual(names);
  });

  it('skips unknown fields of every wire type in entries and in the payload', () => {
    const entry = [
      ...rawVarintField(20, 123456789),
      ...rawLenField(1, KEY),
      ...rawKey(21, 1),
      ...[1, 2, 3, 4, 5, 6, 7, 8],
      ...rawLenField(2, 'alice'),
      ...rawKey(22, 5),
      ...[9, 9, 9, 9],
      ...rawLenField(23, 'an image, maybe'),
      ...rawLenField(3, 'Example'),
      ...rawVarintField(8, 1),
    ];
    const payload = Uint8Array.from([
      ...rawLenField(99, [0xff, 0xfe]),
      ...rawLenField(1, entry),
      ...rawVarintField(6, 77),
      ...rawKey(7, 5),
      ...[0, 0, 0, 0],
      ...rawVarintField(2, 1),
      ...rawVarintField(3, 1),
      ...rawVarintField(4, 0),
    ]);
    const batch = parseMigrationPayload(payload);
    expect(batch.entries).toHaveLength(1);
    expect(ok(batch.entries[0])).toMatchObject({ issuer: 'Example', label: 'alice', secret: KEY32 });
    expect(batch.version).toBe(1);
  });

  it('reads fields in an unusual order (batch fields first, entry fields reversed)', () => {
    const entry = [
      ...rawVarintField(7, 11),
      ...rawVarintField(6, 1),
      ...rawVarintField(5, 2),
      ...rawVarintField(4, 2),
      ...rawLenField(3, 'Reverse'),
      ...rawLenField(2, 'order@example.com'),
      ...rawLenField(1, KEY),
    ];
    const payload = Uint8Array.from([
      ...rawVarintField(5, 4242),
      ...rawVarintField(4, 1),
      ...rawVarintField(3, 2),
      ...rawVarintField(2, 1),
      ...rawLenField(1, entry),
      ...rawLenField(1, [...rawLenField(2, 'second'), ...rawLenField(1, KEY)]),
    ]);
    const batch = parseMigrationPayload(payload);
    expect(batch).toMatchObject({ version: 1, batchSize: 2, batchIndex: 1, batchId: 4242 });
    expect(ok(batch.entries[0])).toEqual({
      issuer: 'Reverse',
      label: 'order@example.com',
      secret: KEY32,
      params: totp({ type: 'hotp', algorithm: 'SHA256', digits: 8, counter: 11 }),
      extra: {},
    });
    expect(ok(batch.entries[1]).label).toBe('second');
  });

  it('defaults a missing batch_size to 1, batch_index to 0 and version/batch_id to 0', () => {
    const payload = encodePayload({ otp_parameters: [{ secret: KEY, name: 'x' }] });
    expect(decodePayload(payload).batch_index).toBeUndefined();
    expect(parseMigrationPayload(payload)).toMatchObject({
      version: 0,
      batchSize: 1,
      batchIndex: 0,
      batchId: 0,
    });
  });

  it('reads a negative batch_id as protobuf does', () => {
    const batch = parseEncoded([{ secret: KEY, name: 'x' }], { batch_id: -123 });
    expect(batch.batchId).toBe(-123);
  });
});

describe('missingBatches', () => {
  const entry = ok(parseMigrationUri(GNOME_VECTOR).entries[0]);
  const batch = (batchId: number, batchSize: number, batchIndex: number): MigrationBatch => ({
    version: 1,
    batchId,
    batchSize,
    batchIndex,
    entries: [{ status: 'ok', index: 0, account: entry }],
  });

  it('reports code 1 of a 3-code export as missing (0-based)', () => {
    expect(missingBatches([batch(99, 3, 0), batch(99, 3, 2)])).toEqual([
      { batchId: 99, batchSize: 3, missing: [1] },
    ]);
  });

  it('reports nothing for complete exports, in any order and with duplicates', () => {
    expect(
      missingBatches([batch(5, 3, 2), batch(5, 3, 0), batch(5, 3, 1), batch(5, 3, 1), batch(6, 1, 0)]),
    ).toEqual([]);
    expect(missingBatches([])).toEqual([]);
  });

  it('keeps separate exports apart', () => {
    expect(missingBatches([batch(1, 2, 0), batch(2, 4, 3), batch(3, 1, 0)])).toEqual([
      { batchId: 1, batchSize: 2, missing: [1] },
      { batchId: 2, batchSize: 4, missing: [0, 1, 2] },
    ]);
  });

  it('works on batches parsed from a real 3-code export', () => {
    const accounts = Array.from({ length: 23 }, (_, i) => account(`Issuer ${i}`, `user${i}`));
    const { uris } = buildMigrationUris(accounts, { batchId: 31337 });
    const parsed = [uris[0]!, uris[2]!].map(parseMigrationUri);
    expect(missingBatches(parsed)).toEqual([{ batchId: 31337, batchSize: 3, missing: [1] }]);
    expect(missingBatches(uris.map(parseMigrationUri))).toEqual([]);
  });
});

function account(
  issuer: string,
  label: string,
  params: Partial<OtpParams> = {},
  secret = KEY32,
): MigrationExportable {
  return { issuer, label, secret, params: totp(params) };
}

describe('buildMigrationUris', () => {
  const twentyThree = Array.from({ length: 23 }, (_, i) =>
    account(`Issuer ${i}`, `user${i}@example.com`, i % 5 === 1 ? { type: 'hotp', counter: i * 1000 } : {}),
  );

  it('splits 23 accounts into 3 codes of 10/10/3 with one shared batch id', () => {
    const { uris, excluded } = buildMigrationUris(twentyThree);
    expect(excluded).toEqual([]);
    expect(uris).toHaveLength(3);
    const decoded = uris.map((uri) => decodePayload(payloadFromUri(uri)));
    expect(decoded.map((d) => d.otp_parameters.length)).toEqual([10, 10, 3]);
    expect(decoded.map((d) => d.batch_index)).toEqual([0, 1, 2]);
    expect(decoded.every((d) => d.batch_size === 3 && d.version === 1)).toBe(true);
    const ids = new Set(decoded.map((d) => d.batch_id));
    expect(ids.size).toBe(1);
    const [id] = [...ids];
    expect(Number.isInteger(id) && id! > 0 && id! <= 0x7fffffff).toBe(true);
  });

  it('writes batch_index 0 explicitly on the wire in the first code', () => {
    const { uris } = buildMigrationUris(twentyThree, { batchId: 1000 });
    const first = payloadFromUri(uris[0]!);
    // The tail of the payload: version (0x10 0x01), batch_size (0x18 0x03), batch_index (0x20 0x00), batch_id.
    const tail = [...first.subarray(first.length - 9)];
    expect(tail).toEqual([0x10, 0x01, 0x18, 0x03, 0x20, 0x00, 0x28, 0xe8, 0x07]);
    expect(Buffer.from(first).includes(Buffer.from([0x18, 0x03, 0x20, 0x00]))).toBe(true);
    // And protobufjs sees the field as present, not defaulted.
    expect(decodePayload(first).batch_index).toBe(0);
    // A single-code export has it too.
    const single = payloadFromUri(buildMigrationUris([twentyThree[0]!], { batchId: 1 }).uris[0]!);
    expect([...single.subarray(single.length - 8)]).toEqual([0x10, 0x01, 0x18, 0x01, 0x20, 0x00, 0x28, 0x01]);
  });

  it('uses a random batch id unless one is given', () => {
    const ids = new Set(
      Array.from(
        { length: 5 },
        () => decodePayload(payloadFromUri(buildMigrationUris(twentyThree).uris[0]!)).batch_id,
      ),
    );
    expect(ids.size).toBeGreaterThan(1);
    expect(
      decodePayload(payloadFromUri(buildMigrationUris(twentyThree, { batchId: 77 }).uris[2]!)).batch_id,
    ).toBe(77);
  });

  it('honours perCode', () => {
    const { uris } = buildMigrationUris(twentyThree, { perCode: 5 });
    expect(uris.map((u) => decodePayload(payloadFromUri(u)).otp_parameters.length)).toEqual([5, 5, 5, 5, 3]);
    expect(() => buildMigrationUris(twentyThree, { perCode: 0 })).toThrow(KeyfobError);
  });

  it('builds links that are percent-encoded standard base64', () => {
    for (const uri of buildMigrationUris(twentyThree).uris) {
      expect(uri.startsWith('otpauth-migration://offline?data=')).toBe(true);
      const data = uri.slice('otpauth-migration://offline?data='.length);
      expect(data).toMatch(/^[A-Za-z0-9%]+$/);
      expect(decodeURIComponent(data)).toBe(Buffer.from(payloadFromUri(uri)).toString('base64'));
    }
  });

  it('round-trips: export then parse gives back the same accounts', () => {
    const { uris } = buildMigrationUris(twentyThree);
    const back = uris.flatMap((uri) => parseMigrationUri(uri).entries.map(ok));
    expect(back).toEqual(twentyThree.map((a) => ({ ...a, extra: {} })));
  });

  it('writes fields another decoder (protobufjs) reads correctly', () => {
    const accounts = [
      account('GitHub', 'octocat', {}),
      account('Bank', 'me', { algorithm: 'SHA256', digits: 8 }),
      account('Corp', '日本 🔑', { algorithm: 'SHA512', type: 'hotp', counter: 2 ** 40 }),
      account('', 'no issuer', { type: 'hotp', counter: 0 }),
    ];
    const decoded = decodePayload(payloadFromUri(buildMigrationUris(accounts).uris[0]!));
    expect(decoded.otp_parameters).toEqual([
      { secret: KEY, name: 'octocat', issuer: 'GitHub', algorithm: 1, digits: 1, type: 2, counter: '0' },
      { secret: KEY, name: 'me', issuer: 'Bank', algorithm: 2, digits: 2, type: 2, counter: '0' },
      {
        secret: KEY,
        name: '日本 🔑',
        issuer: 'Corp',
        algorithm: 3,
        digits: 1,
        type: 1,
        counter: String(2 ** 40),
      },
      { secret: KEY, name: 'no issuer', issuer: '', algorithm: 1, digits: 1, type: 1, counter: '0' },
    ]);
    expect(decoded.version).toBe(1);
    expect(decoded.batch_size).toBe(1);
  });

  it('leaves out and names accounts the format cannot carry', () => {
    const accounts = [
      account('Keep', 'one'),
      account('Slow', 'sixty', { period: 60 }),
      account('Odd', 'seven', { digits: 7 }),
      account('Steam', 'gabe', { type: 'steam', digits: 5 }),
      account('Keep', 'two', { digits: 8 }),
      account('Broken', 'key', {}, 'not base32!'),
    ];
    const { uris, excluded } = buildMigrationUris(accounts);
    expect(excluded).toEqual([
      {
        issuer: 'Slow',
        label: 'sixty',
        reason: "Google Authenticator's export has no period; this account uses 60 s codes.",
        // The window says the same in its own language from these.
        key: 'exportPeriod',
        params: { period: 60 },
      },
      {
        issuer: 'Odd',
        label: 'seven',
        reason: expect.stringMatching(/only 6- or 8-digit.*7 digits/),
        key: 'exportDigits',
        params: { digits: 7 },
      },
      { issuer: 'Steam', label: 'gabe', reason: expect.stringMatching(/Steam/), key: 'exportSteam' },
      {
        issuer: 'Broken',
        label: 'key',
        reason: expect.stringMatching(
          /^The stored key cannot be exported: This key has a character a key never contains/,
        ),
        key: 'exportKeyBroken',
        // The key's own error, which the window words in its language.
        params: expect.objectContaining({ cause: 'secretNotBase32' }),
      },
    ]);
    expect(uris).toHaveLength(1);
    const decoded = decodePayload(payloadFromUri(uris[0]!));
    expect(decoded.otp_parameters.map((p) => `${p.issuer}/${p.name}`)).toEqual(['Keep/one', 'Keep/two']);
    // The stored secret never appears in a reason.
    expect(JSON.stringify(excluded)).not.toContain(KEY32);
  });

  it('produces no codes when nothing is exportable', () => {
    expect(buildMigrationUris([])).toEqual({ uris: [], excluded: [] });
    const result = buildMigrationUris([account('Steam', 'only', { type: 'steam', digits: 5 })]);
    expect(result.uris).toEqual([]);
    expect(result.excluded).toHaveLength(1);
  });

  it('keeps the exact key bytes', () => {
    const secret = bytesToBase32(Uint8Array.from({ length: 64 }, (_, i) => (i * 37) & 0xff));
    const decoded = decodePayload(
      payloadFromUri(buildMigrationUris([account('a', 'b', {}, secret)]).uris[0]!),
    );
    expect([...decoded.otp_parameters[0]!.secret]).toEqual([...base32ToBytes(secret)]);
  });
});
