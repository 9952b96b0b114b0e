/**
 * Writes andOTP backups as the app does, for tests. Written from andOTP's own code (andOTP/andOTP:
 * Database/Entry.java toJSON, Utilities/BackupHelper.java backupToFile, Utilities/EncryptionHelper.java,
 * Utilities/Constants.java) and Aegis's AndOtpImporter, not from Keyfob's reader:
 *
 * - plain (`otp_accounts.json`): a JSON list of entries with `secret`, `issuer`, `label`, `digits`, `type`,
 *   `algorithm`, `thumbnail`, `last_used`, `used_frequency`, `period` (TOTP only) or `counter` (HOTP), `tags`;
 * - encrypted (`otp_accounts.json.aes`): the iteration count as a 4-byte big-endian integer (andOTP draws it from
 *   140 000 to 160 000), a 12-byte random salt, then AES-256-GCM of the plain file as IV (12 bytes), ciphertext
 *   and tag, under the PBKDF2-HMAC-SHA1 key (256 bits) of the password;
 * - the old encrypted form (before andOTP 0.6): no count, no salt, the key the SHA-256 of the password.
 */
import { createCipheriv, createHash, pbkdf2Sync, randomBytes } from 'node:crypto';

export interface AndotpAccount {
  secret: string;
  issuer?: string;
  label: string;
  digits?: number;
  type?: 'TOTP' | 'HOTP' | 'STEAM' | string;
  algorithm?: string;
  period?: number;
  counter?: number;
  tags?: string[];
}

/** One entry as Entry.toJSON writes it. */
export function andotpEntry(a: AndotpAccount, n = 0): Record<string, unknown> {
  const type = a.type ?? 'TOTP';
  const entry: Record<string, unknown> = {
    secret: a.secret,
    issuer: a.issuer ?? '',
    label: a.label,
    digits: a.digits ?? (type === 'STEAM' ? 5 : 6),
    type,
    algorithm: a.algorithm ?? 'SHA1',
    thumbnail: 'Default',
    last_used: 1_600_000_000_000 + n,
    used_frequency: 0,
  };
  if (type === 'TOTP') entry.period = a.period ?? 30;
  else if (type === 'HOTP') entry.counter = a.counter ?? 0;
  entry.tags = a.tags ?? [];
  return entry;
}

/** The plain backup; `{ raw }` items go in as they are, for damaged entries. */
export function andotpPlain(accounts: ReadonlyArray<AndotpAccount | { raw: unknown }>): Uint8Array {
  const list = accounts.map((a, i) => ('raw' in a ? a.raw : andotpEntry(a, i)));
  return new TextEncoder().encode(JSON.stringify(list));
}

function gcm(key: Buffer, plain: Uint8Array): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  return Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

/**
 * The current encrypted backup of `plain` (bytes, e.g. from andotpPlain). `iterations` defaults to the middle of
 * andOTP's range; tests that make many files pass fewer.
 */
export function andotpEncrypted(plain: Uint8Array, password: string, iterations = 150_000): Uint8Array {
  const salt = randomBytes(12);
  const key = pbkdf2Sync(password, salt, iterations, 32, 'sha1');
  const count = Buffer.alloc(4);
  count.writeInt32BE(iterations);
  return Buffer.concat([count, salt, gcm(key, plain)]);
}

/** The encrypted backup of andOTP before 0.6. */
export function andotpEncryptedOld(plain: Uint8Array, password: string): Uint8Array {
  return gcm(createHash('sha256').update(password, 'utf8').digest(), plain);
}
