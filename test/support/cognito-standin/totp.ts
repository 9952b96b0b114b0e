/**
 * TOTP as Cognito applies it (reference §4): RFC 6238 over HMAC-SHA1, 6 digits, 30-second steps,
 * base32 SecretCode, codes accepted one step before or after the server's current step.
 * Own implementation on node:crypto (deliberately not the product's main/otp code).
 */
import { createHmac, randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(data: Buffer): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of data) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Buffer {
  const clean = text.replace(/=+$/, '').toUpperCase();
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of clean) {
    const index = ALPHABET.indexOf(ch);
    if (index < 0) throw new Error(`not base32: ${ch}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

/** A fresh SecretCode: 20 random bytes → 32 base32 characters. */
export function newSecretCode(): string {
  return base32Encode(randomBytes(20));
}

export const STEP_SECONDS = 30;
export const WINDOW_STEPS = 1;

export function stepAt(epochMs: number): number {
  return Math.floor(epochMs / 1000 / STEP_SECONDS);
}

/** RFC 4226 HOTP, 6 digits. */
export function hotp(key: Buffer, counter: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 1_000_000).padStart(6, '0');
}

/** The step (within ±WINDOW_STEPS of now) whose code equals `code`, or undefined. */
export function matchingStep(secretCode: string, code: string, epochMs: number): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const key = base32Decode(secretCode);
  const now = stepAt(epochMs);
  for (let delta = 0; delta <= WINDOW_STEPS; delta++) {
    for (const step of delta === 0 ? [now] : [now - delta, now + delta]) {
      if (hotp(key, step) === code) return step;
    }
  }
  return undefined;
}
