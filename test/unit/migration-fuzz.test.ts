import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyfobError } from '../../main/errors';
import {
  buildMigrationUris,
  isMigrationUri,
  parseMigrationPayload,
  parseMigrationUri,
  type MigrationBatch,
  type MigrationExportable,
} from '../../main/otp/migration';
import { bytesToBase32, normaliseSecret } from '../../main/otp/secret';
import type { Algorithm, OtpParams } from '../../main/otp/types';
import { encodePayload, payloadFromUri, toMigrationUri } from '../support/migration-proto';

const RUNS = 5000;
const PREFIX = 'otpauth-migration://offline?data=';

/** Checks the invariants every successfully parsed batch must satisfy. */
function expectWellFormed(batch: MigrationBatch): void {
  expect(batch.entries.length).toBeGreaterThan(0);
  expect(Number.isInteger(batch.version)).toBe(true);
  expect(Number.isInteger(batch.batchId)).toBe(true);
  expect(batch.batchSize >= 1 && batch.batchSize <= 100).toBe(true);
  expect(batch.batchIndex >= 0 && batch.batchIndex < batch.batchSize).toBe(true);
  batch.entries.forEach((entry, i) => {
    expect(entry.index).toBe(i);
    if (entry.status === 'ok') {
      const { account } = entry;
      expect(normaliseSecret(account.secret)).toBe(account.secret);
      expect(account.label.length).toBeGreaterThan(0);
      expect(['SHA1', 'SHA256', 'SHA512']).toContain(account.params.algorithm);
      expect([6, 8]).toContain(account.params.digits);
      expect(['totp', 'hotp']).toContain(account.params.type);
      expect(account.params.period).toBe(30);
      expect(Number.isSafeInteger(account.params.counter) && account.params.counter >= 0).toBe(true);
      expect(account.extra).toEqual({});
    } else {
      expect(entry.name.length).toBeGreaterThan(0);
      expect(entry.reason.length).toBeGreaterThan(0);
    }
  });
}

/** Runs a parse; it may succeed (with a well-formed result) or fail with MIGRATION_INVALID, nothing else. */
function parsesOrRefuses(parse: () => MigrationBatch): 'parsed' | 'refused' {
  let batch: MigrationBatch;
  try {
    batch = parse();
  } catch (error) {
    if (!(error instanceof KeyfobError) || error.code !== 'MIGRATION_INVALID') throw error;
    expect(error.message.length).toBeGreaterThan(0);
    expect(error.hint?.length ?? 0).toBeGreaterThan(0);
    return 'refused';
  }
  expectWellFormed(batch);
  return 'parsed';
}

const KEY = Uint8Array.from([
  0x4c, 0x72, 0x25, 0xf3, 0xe2, 0x65, 0xea, 0xe8, 0x31, 0xaf, 0xcc, 0x74, 0x5f, 0xa7, 0x91, 0x32,
]);

/** Valid payloads to mutate: the GNOME vector, a protobufjs-encoded batch and one of Keyfob's own exports. */
const SEEDS: Uint8Array[] = [
  payloadFromUri(
    'otpauth-migration://offline?data=CjYKEExyJfPiZeroMa/MdF%2BnkTISE2pvaG5kb2VAZXhhbXBsZS5jb20aB0Rpc2NvcmQgASgBMAIQARgBIAA%3D',
  ),
  encodePayload({
    otp_parameters: [
      { secret: KEY, name: 'alice@example.com', issuer: 'Example', algorithm: 1, digits: 1, type: 2 },
      { secret: KEY, name: 'Bank:bob', algorithm: 2, digits: 2, type: 1, counter: 300 },
      { secret: KEY.subarray(0, 10), name: '日本 🔑', issuer: 'Ünï', algorithm: 3, type: 2 },
      { secret: KEY, name: 'md5', issuer: 'Old', algorithm: 4 },
    ],
    version: 1,
    batch_size: 2,
    batch_index: 1,
    batch_id: -559038737,
  }),
  payloadFromUri(
    buildMigrationUris(
      [
        { issuer: 'A', label: 'a', secret: bytesToBase32(KEY), params: params('totp', 'SHA1', 6, 0) },
        { issuer: 'B', label: 'b', secret: bytesToBase32(KEY), params: params('hotp', 'SHA512', 8, 2 ** 40) },
      ],
      { batchId: 123456789 },
    ).uris[0]!,
  ),
];

function params(type: 'totp' | 'hotp', algorithm: Algorithm, digits: number, counter: number): OtpParams {
  return { type, algorithm, digits, period: 30, counter: type === 'hotp' ? counter : 0 };
}

type Mutation =
  | { kind: 'flip'; pos: number; bit: number }
  | { kind: 'insert'; pos: number; byte: number }
  | {
      kind: 'delete';
      pos: number;
    }
  | { kind: 'set'; pos: number; byte: number };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), pos: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('insert' as const), pos: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('delete' as const), pos: fc.nat() }),
  fc.record({ kind: fc.constant('set' as const), pos: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
);

function mutate(seed: Uint8Array, mutations: Mutation[]): Uint8Array {
  const bytes = [...seed];
  for (const m of mutations) {
    const pos = m.pos % (bytes.length + (m.kind === 'insert' ? 1 : 0) || 1);
    if (m.kind === 'flip' && bytes.length > 0) bytes[pos] = (bytes[pos] as number) ^ (1 << m.bit);
    else if (m.kind === 'set' && bytes.length > 0) bytes[pos] = m.byte;
    else if (m.kind === 'insert') bytes.splice(pos, 0, m.byte);
    else if (m.kind === 'delete') bytes.splice(pos, 1);
  }
  return Uint8Array.from(bytes);
}

describe('migration parser never fails with anything but MIGRATION_INVALID', () => {
  it('arbitrary strings as links', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary-ascii', maxLength: 300 })),
        (s) => {
          expect(typeof isMigrationUri(s)).toBe('boolean');
          parsesOrRefuses(() => parseMigrationUri(s));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('arbitrary strings as the data of a well-formed link', () => {
    const alphabetChar = fc.constantFrom(
      ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_ %'.split(''),
      '%2B',
      '%2F',
      '%3D',
      '%',
      '&data=',
      '#',
    );
    const data = fc.oneof(
      fc.string({ unit: 'binary-ascii' }),
      fc.array(alphabetChar, { maxLength: 200 }).map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(data, (d) => {
        parsesOrRefuses(() => parseMigrationUri(PREFIX + d));
      }),
      { numRuns: RUNS },
    );
  });

  it('arbitrary bytes as base64 in a link and as a payload', () => {
    let parsed = 0;
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (bytes, url) => {
        const b64 = Buffer.from(bytes).toString('base64');
        const data = url
          ? b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
          : encodeURIComponent(b64);
        const viaUri = parsesOrRefuses(() => parseMigrationUri(PREFIX + data));
        const direct = parsesOrRefuses(() => parseMigrationPayload(bytes));
        // The link and the raw bytes must lead to the same verdict.
        expect(viaUri).toBe(bytes.length === 0 ? 'refused' : direct);
        if (direct === 'parsed') parsed++;
      }),
      { numRuns: RUNS },
    );
    // Random bytes are almost never a valid export.
    expect(parsed).toBeLessThan(RUNS / 10);
  });

  it('mutated valid payloads (bytes flipped, set, inserted or deleted)', () => {
    for (const seed of SEEDS) expectWellFormed(parseMigrationPayload(seed));
    const verdicts = { parsed: 0, refused: 0 };
    fc.assert(
      fc.property(
        fc.constantFrom(...SEEDS),
        fc.array(mutationArb, { minLength: 1, maxLength: 6 }),
        (seed, mutations) => {
          const bytes = mutate(seed, mutations);
          verdicts[parsesOrRefuses(() => parseMigrationUri(toMigrationUri(bytes)))]++;
        },
      ),
      { numRuns: RUNS },
    );
    // Both outcomes occur: the fuzzer reaches the entry mapping as well as the error paths.
    expect(verdicts.parsed).toBeGreaterThan(0);
    expect(verdicts.refused).toBeGreaterThan(0);
  });

  it('protobufjs-encoded payloads with arbitrary field values', () => {
    const entry = fc.record(
      {
        secret: fc.uint8Array({ maxLength: 80 }),
        name: fc.string({ unit: 'binary', maxLength: 30 }),
        issuer: fc.string({ unit: 'binary', maxLength: 30 }),
        algorithm: fc.integer({ min: -2, max: 6 }),
        digits: fc.integer({ min: -2, max: 4 }),
        type: fc.integer({ min: -2, max: 4 }),
        counter: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(String),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(
        fc.array(entry, { maxLength: 5 }),
        fc.record(
          {
            version: fc.integer(),
            batch_size: fc.integer({ min: -1, max: 102 }),
            batch_index: fc.integer({ min: -1, max: 102 }),
            batch_id: fc.integer(),
          },
          { requiredKeys: [] },
        ),
        (entries, batch) => {
          const bytes = encodePayload({ otp_parameters: entries, ...batch });
          const size = batch.batch_size ?? 1;
          const index = batch.batch_index ?? 0;
          const sane = entries.length > 0 && size >= 1 && size <= 100 && index >= 0 && index < size;
          expect(parsesOrRefuses(() => parseMigrationPayload(bytes))).toBe(sane ? 'parsed' : 'refused');
          if (!sane) return;
          const result = parseMigrationPayload(bytes);
          result.entries.forEach((e, i) => {
            const source = entries[i]!;
            const importable =
              (source.secret?.length ?? 0) > 0 &&
              [0, 1, 2, 3].includes(source.algorithm ?? 0) &&
              [0, 1, 2].includes(source.digits ?? 0) &&
              [0, 1, 2].includes(source.type ?? 0) &&
              (source.type !== 1 ||
                (BigInt(source.counter ?? 0) >= 0n &&
                  BigInt(source.counter ?? 0) <= BigInt(Number.MAX_SAFE_INTEGER)));
            expect(e.status).toBe(importable ? 'ok' : 'refused');
            if (e.status === 'ok') expect(e.account.secret).toBe(bytesToBase32(source.secret!));
          });
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('export → import round trip', () => {
  const text = (maxLength: number) =>
    fc
      .oneof(
        fc.string({ unit: 'binary', maxLength }),
        fc.string({ unit: 'grapheme', maxLength }),
        fc.string({ unit: fc.constantFrom(...'#&?:%=+/ @日本🔑é'.split('')), maxLength }),
      )
      .map((s) => s.trim())
      // Lone surrogates cannot be written as UTF-8 (they become U+FFFD), so only well-formed text round-trips.
      .filter((s) => !/\p{Cs}/u.test(s));

  const accountArb: fc.Arbitrary<MigrationExportable> = fc
    .record({
      issuer: text(20).filter((s) => !s.includes(':')),
      label: text(30).filter((s) => s.length > 0),
      key: fc.uint8Array({ minLength: 10, maxLength: 64 }),
      algorithm: fc.constantFrom<Algorithm>('SHA1', 'SHA256', 'SHA512'),
      digits: fc.constantFrom(6, 8),
      type: fc.constantFrom<'totp' | 'hotp'>('totp', 'hotp'),
      counter: fc.maxSafeNat(),
    })
    // The format's own name rule: without an issuer, "a:b" is read as issuer "a"; with one, a repeated
    // "issuer:" prefix is dropped. Such accounts cannot round-trip through any importer.
    .filter(({ issuer, label }) => (issuer === '' ? !label.includes(':') : !label.startsWith(`${issuer}:`)))
    .map(({ issuer, label, key, algorithm, digits, type, counter }) => ({
      issuer,
      label,
      secret: bytesToBase32(key),
      params: params(type, algorithm, digits, counter),
    }));

  it('buildMigrationUris → parseMigrationUri is the identity on exportable accounts', () => {
    fc.assert(
      fc.property(
        fc.array(accountArb, { minLength: 1, maxLength: 25 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 0x7fffffff }),
        (accounts, perCode, batchId) => {
          const { uris, excluded } = buildMigrationUris(accounts, { perCode, batchId });
          expect(excluded).toEqual([]);
          expect(uris).toHaveLength(Math.ceil(accounts.length / perCode));
          const batches = uris.map(parseMigrationUri);
          batches.forEach((batch, i) => {
            expect(batch).toMatchObject({ version: 1, batchSize: uris.length, batchIndex: i, batchId });
          });
          const back = batches.flatMap((b) =>
            b.entries.map((e) => {
              if (e.status !== 'ok') throw new Error(`refused on the way back: ${e.reason}`);
              return e.account;
            }),
          );
          expect(back).toEqual(accounts.map((a) => ({ ...a, extra: {} })));
        },
      ),
      { numRuns: RUNS },
    );
  });
});
