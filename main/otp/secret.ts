import { KeyfobError } from '../errors';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** Unpadded base32 lengths that end on a whole byte (RFC 4648 §6). */
const VALID_TAIL = new Set([0, 2, 4, 5, 7]);
/** Longer than any real key (SHA512 keys are 64 bytes); a bound so a pasted file is not taken for a key. */
const MAX_SECRET_CHARS = 1024;

/**
 * Turns a key as people and apps write it into canonical base32: upper case, no padding, no separators.
 * Accepts lower case, spaces, hyphens, `+` (ente's separator) and `=` padding, as other authenticators do.
 * Refuses anything else with a message that names the problem, never the key itself.
 */
export function normaliseSecret(input: string): string {
  const compact = input.replace(/[\s\-+]/g, '').replace(/=+$/, '');
  if (compact.length === 0) {
    throw new KeyfobError('SECRET_INVALID', 'secretEmpty');
  }
  if (compact.length > MAX_SECRET_CHARS) {
    throw new KeyfobError('SECRET_INVALID', 'secretTooLong', { length: compact.length });
  }
  // toUpperCase is locale-independent in JavaScript, so a Turkish locale cannot turn "i" into "İ".
  const upper = compact.toUpperCase();
  const bad = [...new Set(upper.replace(/[A-Z2-7]/g, ''))];
  if (bad.length > 0) {
    const lookalike = bad.some((c) => '0189'.includes(c));
    const shown = bad
      .slice(0, 5)
      .map((c) => JSON.stringify(c))
      .join(', ');
    // `count` chooses the plural form; a digit that looks like a letter gets advice of its own.
    throw new KeyfobError(
      'SECRET_INVALID',
      'secretNotBase32',
      { chars: shown, count: bad.length },
      lookalike ? { variant: 'lookalike' } : undefined,
    );
  }
  if (!VALID_TAIL.has(upper.length % 8)) {
    throw new KeyfobError('SECRET_INVALID', 'secretBadLength', { length: upper.length });
  }
  return upper;
}

export function base32ToBytes(base32: string): Uint8Array {
  const clean = normaliseSecret(base32);
  const out = new Uint8Array(Math.floor((clean.length * 5) / 8));
  let bits = 0;
  let value = 0;
  let index = 0;
  for (const char of clean) {
    value = (value << 5) | ALPHABET.indexOf(char);
    bits += 5;
    if (bits >= 8) {
      out[index++] = (value >>> (bits - 8)) & 0xff;
      bits -= 8;
    }
  }
  return out;
}

export function bytesToBase32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = ((value << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}
