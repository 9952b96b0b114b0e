import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyfobError } from '../../main/errors';
import { bytesToBase32 } from '../../main/otp/secret';
import { formatOtpauthUri, parseOtpauthUri } from '../../main/otp/uri';
import type { OtpAccount } from '../../main/otp/types';

/** Either a parsed account or a KeyfobError; anything else (TypeError, URIError, RangeError) fails the property. */
function parseOrCleanError(uri: string): void {
  try {
    const a = parseOtpauthUri(uri);
    expect(a.label.length).toBeGreaterThan(0);
    expect(a.secret).toMatch(/^[A-Z2-7]+$/);
  } catch (error) {
    if (!(error instanceof KeyfobError)) throw error;
    expect(error.code).toBe('URI_INVALID');
    expect(error.message.length).toBeGreaterThan(0);
  }
}

const VALID = [
  'otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example',
  'otpauth://hotp/Bank:me?secret=JBSWY3DPEHPK3PXP&counter=10&digits=8&algorithm=SHA256',
  'otpauth://steam/Steam:gaben?secret=JBSWY3DPEHPK3PXP',
  'otpauth://totp/%E6%B5%8B%E8%AF%95:%C3%BCser?secret=jbsw-y3dp&period=60',
];

/** Insert, delete or replace characters at random places, with a bias toward URI syntax. */
const mutation = fc.tuple(
  fc.constantFrom(...VALID),
  fc.array(
    fc.tuple(
      fc.constantFrom('insert', 'delete', 'replace'),
      fc.nat(),
      fc.oneof(
        fc.constantFrom(
          '%',
          '%3A',
          ':',
          '?',
          '&',
          '=',
          '#',
          '+',
          ' ',
          '/',
          '%ZZ',
          '%C3',
          '\u0000',
          '\uD800',
          '=',
        ),
        fc.string({ maxLength: 3 }),
      ),
    ),
    { minLength: 1, maxLength: 6 },
  ),
);

function mutate([uri, edits]: [string, Array<[string, number, string]>]): string {
  let s = uri;
  for (const [kind, at, text] of edits) {
    const i = s.length === 0 ? 0 : at % s.length;
    if (kind === 'insert') s = s.slice(0, i) + text + s.slice(i);
    else if (kind === 'delete') s = s.slice(0, i) + s.slice(i + 1 + (at % 4));
    else s = s.slice(0, i) + text + s.slice(i + text.length);
  }
  return s;
}

describe('otpauth:// parser under fuzzing', () => {
  it('never throws anything but a clean error on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => parseOrCleanError(s)),
      { numRuns: 5000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) =>
        parseOrCleanError('otpauth://totp/' + s),
      ),
      { numRuns: 5000 },
    );
  });

  it('never throws anything but a clean error on mutated valid links', () => {
    fc.assert(
      fc.property(mutation, (m) => parseOrCleanError(mutate(m))),
      { numRuns: 10000 },
    );
  });

  it('reads back exactly what it writes', () => {
    const name = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 30 })
      .map((s) => s.trim().replace(/\s+/g, ' '))
      .filter((s) => s !== '');
    const account: fc.Arbitrary<OtpAccount> = fc
      .record({
        issuer: fc
          .oneof(
            fc.constant(''),
            name.map((s) => s.replace(/:/g, '')),
          )
          .map((s) => s.trim()),
        label: name,
        secret: fc.uint8Array({ minLength: 10, maxLength: 64 }).map((b) => bytesToBase32(b)),
        type: fc.constantFrom('totp' as const, 'hotp' as const),
        algorithm: fc.constantFrom('SHA1' as const, 'SHA256' as const, 'SHA512' as const),
        digits: fc.integer({ min: 6, max: 8 }),
        period: fc.integer({ min: 1, max: 86400 }),
        counter: fc.nat(),
      })
      .filter(
        (r) =>
          r.issuer.toLowerCase() !== 'steam' &&
          r.label.trim() !== '' &&
          (r.issuer !== '' || !r.label.includes(':')),
      )
      .map((r) => ({
        issuer: r.issuer,
        label: r.label,
        secret: r.secret,
        params: {
          type: r.type,
          algorithm: r.algorithm,
          digits: r.digits,
          period: r.type === 'hotp' ? 30 : r.period,
          counter: r.type === 'hotp' ? r.counter : 0,
        },
        extra: {},
      }));
    fc.assert(
      fc.property(account, (a) => {
        const back = parseOtpauthUri(formatOtpauthUri(a));
        expect(back).toEqual({ ...a, label: a.label.trim() });
      }),
      { numRuns: 5000 },
    );
  });
});
