import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CodeClock, codeAt, codeForCounter } from '../../main/otp/codes';
import { bytesToBase32 } from '../../main/otp/secret';
import { defaultParams, type OtpParams } from '../../main/otp/types';

const ascii = (s: string) => bytesToBase32(new TextEncoder().encode(s));
const SEED20 = ascii('12345678901234567890');
const SEED32 = ascii('12345678901234567890123456789012');
const SEED64 = ascii('1234567890123456789012345678901234567890123456789012345678901234');

describe('HOTP (RFC 4226 appendix D)', () => {
  const expected = [
    '755224',
    '287082',
    '359152',
    '969429',
    '338314',
    '254676',
    '287922',
    '162583',
    '399871',
    '520489',
  ];
  it.each(expected.map((code, counter) => [counter, code] as const))(
    'counter %i gives %s',
    (counter, code) => {
      expect(codeForCounter(SEED20, defaultParams('hotp'), counter)).toBe(code);
    },
  );
});

describe('TOTP (RFC 6238 appendix B, 8 digits)', () => {
  const times = [59, 1111111109, 1111111111, 1234567890, 2000000000, 20000000000];
  const table: Array<[OtpParams['algorithm'], string, string[]]> = [
    ['SHA1', SEED20, ['94287082', '07081804', '14050471', '89005924', '69279037', '65353130']],
    ['SHA256', SEED32, ['46119246', '68084774', '67062674', '91819424', '90698825', '77737706']],
    ['SHA512', SEED64, ['90693936', '25091201', '99943326', '93441116', '38618901', '47863826']],
  ];
  for (const [algorithm, seed, codes] of table) {
    it.each(times.map((t, i) => [t, codes[i]!] as const))(`${algorithm} at %i gives %s`, (t, code) => {
      const params: OtpParams = { ...defaultParams('totp'), algorithm, digits: 8 };
      expect(codeAt(seed, params, t * 1000).code).toBe(code);
    });
  }
});

describe('time codes', () => {
  const params = defaultParams('totp');

  it('reports the step, the seconds left and the next code', () => {
    const at = codeAt(SEED20, params, 59_000);
    expect(at.step).toBe(1);
    expect(at.remaining).toBe(1);
    expect(at.expiresAt).toBe(60_000);
    expect(at.next).toBe(codeAt(SEED20, params, 60_000).code);
    expect(codeAt(SEED20, params, 60_000).remaining).toBe(30);
    expect(codeAt(SEED20, params, 60_001).remaining).toBe(30);
    expect(codeAt(SEED20, params, 89_999).remaining).toBe(1);
  });

  it('honours any positive period', () => {
    const sixty: OtpParams = { ...params, period: 60 };
    expect(codeAt(SEED20, sixty, 119_000).step).toBe(1);
    expect(codeAt(SEED20, sixty, 119_000).remaining).toBe(1);
    expect(codeAt(SEED20, sixty, 119_000).code).toBe(codeForCounter(SEED20, params, 1));
  });

  it('uses an injected clock and offset', () => {
    let now = 59_000;
    const clock = new CodeClock({ now: () => now });
    expect(clock.codeFor(SEED20, { ...params, digits: 8 }).code).toBe('94287082');
    clock.setOffset(1111111109_000 - 59_000);
    expect(clock.codeFor(SEED20, { ...params, digits: 8 }).code).toBe('07081804');
    now += 30_000;
    expect(clock.now()).toBe(1111111139_000);
    expect(clock.offset).toBe(1111111109_000 - 59_000);
  });
});

describe('Steam Guard codes', () => {
  // An independent implementation of Steam's spelling, straight from HMAC-SHA1 and RFC 4226 truncation.
  function steamReference(secretBytes: Buffer, step: number): string {
    const msg = Buffer.alloc(8);
    msg.writeBigUInt64BE(BigInt(step));
    const mac = createHmac('sha1', secretBytes).update(msg).digest();
    const offset = mac[19]! & 0x0f;
    let full = mac.readUInt32BE(offset) & 0x7fffffff;
    const chars = '23456789BCDFGHJKMNPQRTVWXY';
    let out = '';
    for (let i = 0; i < 5; i++) {
      out += chars[full % 26];
      full = Math.floor(full / 26);
    }
    return out;
  }

  it('matches the reference spelling over many steps', () => {
    const bytes = Buffer.from('steam-shared-secret-20b', 'utf8').subarray(0, 20);
    const secret = bytesToBase32(bytes);
    const steam = defaultParams('steam');
    for (let step = 0; step < 200; step++) {
      const code = codeAt(secret, steam, step * 30_000).code;
      expect(code).toMatch(/^[23456789BCDFGHJKMNPQRTVWXY]{5}$/);
      expect(code).toBe(steamReference(bytes, step));
    }
  });
});
