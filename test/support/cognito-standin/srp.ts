/**
 * Server side of Cognito's SRP-6a variant (reference §3.5), written from the math with BigInt.
 *
 *   N, g   = RFC 3526 3072-bit MODP group (the same prime Cognito clients hard-code), g = 2
 *   k      = H(padHex(N) ‖ padHex(g))
 *   x      = H(padHex(salt) ‖ H_hex(poolName ‖ username ‖ ":" ‖ password)),  v = g^x
 *   B      = k·v + g^b,  u = H(padHex(A) ‖ padHex(B)),  S = (A · v^u)^b
 *   K      = HKDF-SHA256(ikm = padHex(S), salt = padHex(u), info = "Caldera Derived Key")[0..16]
 *   M      = HMAC-SHA256(K, poolName ‖ username ‖ SECRET_BLOCK bytes ‖ TIMESTAMP)
 *
 * H is SHA-256 over the *bytes* of the concatenated hex strings; H_hex(...) is the lowercase hex
 * digest (64 characters) of a UTF-8 string. All hashing uses node:crypto.
 */
import { createHash, createHmac, getDiffieHellman, randomBytes, timingSafeEqual } from 'node:crypto';

/** The RFC 3526 group 15 prime; node ships it, so no hand-copied constant is needed. */
export const N = BigInt(`0x${getDiffieHellman('modp15').getPrime('hex')}`);
export const g = 2n;

/**
 * Hex of a non-negative integer as Java's BigInteger.toByteArray() would give it: even length, and
 * a leading "00" when the top bit of the first byte is set (§3.5 padHex).
 */
export function padHex(n: bigint): string {
  if (n < 0n) throw new RangeError('padHex: negative values do not occur in SRP');
  let hex = n.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  if (/^[89a-f]/.test(hex)) hex = `00${hex}`;
  return hex;
}

function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** SHA-256 over the bytes of a hex string, as a BigInt. */
function hashHexToInt(hex: string): bigint {
  return BigInt(`0x${sha256Hex(Buffer.from(hex, 'hex'))}`);
}

export function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = ((base % modulus) + modulus) % modulus;
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % modulus;
    e >>= 1n;
    b = (b * b) % modulus;
  }
  return result;
}

export const k = hashHexToInt(padHex(N) + padHex(g));

function randomInt(bytes: number): bigint {
  return BigInt(`0x${randomBytes(bytes).toString('hex')}`);
}

/** Salt and verifier for a user, computed when the password is set. */
export function makeVerifier(
  poolName: string,
  username: string,
  password: string,
): { salt: bigint; verifier: bigint } {
  let salt = 0n;
  while (salt === 0n) salt = randomInt(16);
  const inner = sha256Hex(`${poolName}${username}:${password}`);
  const x = hashHexToInt(padHex(salt) + inner);
  return { salt, verifier: modPow(g, x, N) };
}

/** Server ephemeral for one PASSWORD_VERIFIER challenge. */
export function makeServerEphemeral(verifier: bigint): { b: bigint; B: bigint } {
  for (;;) {
    const b = randomInt(128) % N;
    if (b === 0n) continue;
    const B = (k * verifier + modPow(g, b, N)) % N;
    if (B !== 0n) return { b, B };
  }
}

/** Parses the client's SRP_A (hex); undefined when it is not hex or is 0 mod N. */
export function parseSrpA(hex: string): bigint | undefined {
  if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length > 2048) return undefined;
  const A = BigInt(`0x${hex}`);
  return A % N === 0n ? undefined : A;
}

function hkdf(ikm: Buffer, salt: Buffer): Buffer {
  const prk = createHmac('sha256', salt).update(ikm).digest();
  const info = Buffer.concat([Buffer.from('Caldera Derived Key', 'utf8'), Buffer.from([1])]);
  return createHmac('sha256', prk).update(info).digest().subarray(0, 16);
}

export interface PasswordClaim {
  A: bigint;
  B: bigint;
  b: bigint;
  verifier: bigint;
  poolName: string;
  username: string;
  secretBlock: Buffer;
  /** The canonical TIMESTAMP (see formatSrpTimestamp), not the string the client sent. */
  timestamp: string;
  signatureBase64: string;
}

/** True when PASSWORD_CLAIM_SIGNATURE proves knowledge of the password. */
export function verifyPasswordClaim(c: PasswordClaim): boolean {
  const u = hashHexToInt(padHex(c.A) + padHex(c.B));
  if (u === 0n) return false;
  const S = modPow((c.A * modPow(c.verifier, u, N)) % N, c.b, N);
  const key = hkdf(Buffer.from(padHex(S), 'hex'), Buffer.from(padHex(u), 'hex'));
  const expected = createHmac('sha256', key)
    .update(
      Buffer.concat([
        Buffer.from(c.poolName, 'utf8'),
        Buffer.from(c.username, 'utf8'),
        c.secretBlock,
        Buffer.from(c.timestamp, 'utf8'),
      ]),
    )
    .digest();
  const given = Buffer.from(c.signatureBase64, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `EEE MMM d HH:mm:ss UTC yyyy`, English, day not zero-padded (§3.5). */
export function formatSrpTimestamp(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${DAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()} ` +
    `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} UTC ${date.getUTCFullYear()}`
  );
}

/**
 * Parses a TIMESTAMP the way a non-lenient `EEE MMM d HH:mm:ss z yyyy` parser would: English day and
 * month names, numeric fields in range, a UTC/GMT zone. Returns undefined when it cannot be parsed
 * (→ InvalidParameterException). A parseable but non-canonical string (zero-padded day, wrong
 * weekday) parses fine; the caller signs with formatSrpTimestamp(parsed), so such a client's
 * signature does not match (→ "Incorrect username or password.", §2.9).
 */
export function parseSrpTimestamp(text: string): Date | undefined {
  const m = /^([A-Za-z]{3}) ([A-Za-z]{3}) (\d{1,2}) (\d{1,2}):(\d{1,2}):(\d{1,2}) (UTC|GMT) (\d{4})$/.exec(
    text,
  );
  if (!m) return undefined;
  const [, dayName, monthName, day, hour, minute, second, , year] = m as unknown as string[];
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();
  if (!DAYS.includes(cap(dayName!))) return undefined;
  const month = MONTHS.indexOf(cap(monthName!));
  if (month < 0) return undefined;
  const [d, h, mi, s, y] = [day, hour, minute, second, year].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (h > 23 || mi > 59 || s > 59 || d < 1) return undefined;
  const date = new Date(Date.UTC(y, month, d, h, mi, s));
  if (date.getUTCDate() !== d || date.getUTCMonth() !== month) return undefined;
  return date;
}
