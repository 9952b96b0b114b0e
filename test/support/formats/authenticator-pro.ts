/**
 * Authenticator Pro / Stratum backups, written as the app writes them, for tests. Made from the app's public
 * source (stratumauth/app: the Backup class and its entities, StrongBackupEncryption.cs, LegacyBackupEncryption.cs),
 * not from Keyfob's reader: System.Text.Json writes the C# property names as they are (PascalCase), enums as
 * numbers, and every property, null ones included.
 */
import { createCipheriv, pbkdf2Sync, randomBytes } from 'node:crypto';
import { argon2idAsync } from '@noble/hashes/argon2.js';

/** AuthenticatorType in the app. */
export const AUTH_TYPE = { hotp: 1, totp: 2, mobileOtp: 3, steam: 4, yandex: 5 } as const;
/** HashAlgorithm in the app. */
export const AUTH_ALGORITHM = { SHA1: 0, SHA256: 1, SHA512: 2 } as const;

/** One authenticator as the backup holds it; `unknown` fields let tests write what the app never would. */
export type AuthProAuthenticator = Record<string, unknown>;

export function authenticator(fields: Partial<Record<string, unknown>> = {}): AuthProAuthenticator {
  return {
    Type: AUTH_TYPE.totp,
    Icon: null,
    Issuer: 'Example',
    Username: 'ada@example.com',
    Secret: 'JBSWY3DPEHPK3PXP',
    Pin: null,
    Algorithm: AUTH_ALGORITHM.SHA1,
    Digits: 6,
    Period: 30,
    Counter: 0,
    CopyCount: 0,
    Ranking: 0,
    ...fields,
  };
}

/**
 * A whole backup. Categories hold an 8-character id and a name; AuthenticatorCategories bind an authenticator
 * (by its secret) to a category.
 */
export function authProBackup(
  authenticators: unknown[],
  categories: Array<{ name: string; secrets: string[] }> = [],
): Record<string, unknown> {
  const cats = categories.map((c, i) => ({ Id: `c${String(i).padStart(7, '0')}`, Name: c.name, Ranking: i }));
  return {
    Authenticators: authenticators,
    Categories: cats,
    AuthenticatorCategories: categories.flatMap((c, i) =>
      c.secrets.map((secret) => ({ CategoryId: cats[i]!.Id, AuthenticatorSecret: secret, Ranking: 0 })),
    ),
    CustomIcons: [],
  };
}

export function plainAuthPro(backup: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(backup));
}

function ascii(text: string): Buffer {
  return Buffer.from(text, 'ascii');
}

/**
 * The encryption the app writes: "AUTHENTICATORPRO", a 16-byte salt, a 12-byte IV, then AES-256-GCM of the
 * JSON with its 16-byte tag appended (BouncyCastle's GCM output); the key is Argon2id with parallelism 4,
 * 3 iterations and 65 536 KiB of memory.
 */
export async function strongAuthPro(
  backup: unknown,
  password: string,
  seeds: { salt?: Uint8Array; iv?: Uint8Array } = {},
): Promise<Uint8Array> {
  const salt = seeds.salt ?? randomBytes(16);
  const iv = seeds.iv ?? randomBytes(12);
  const key = await argon2idAsync(Buffer.from(password, 'utf8'), salt, { p: 4, t: 3, m: 65536, dkLen: 32 });
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([cipher.update(JSON.stringify(backup), 'utf8'), cipher.final()]);
  return Buffer.concat([ascii('AUTHENTICATORPRO'), salt, iv, sealed, cipher.getAuthTag()]);
}

/**
 * The older encryption the app still reads: "AuthenticatorPro", a 20-byte salt, a 16-byte IV, then AES-256-CBC
 * (PKCS#7) of the JSON; the key is PBKDF2 with HMAC-SHA1 and 64 000 iterations.
 */
export function legacyAuthPro(backup: unknown, password: string): Uint8Array {
  const salt = randomBytes(20);
  const iv = randomBytes(16);
  const key = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, 64000, 32, 'sha1');
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  const sealed = Buffer.concat([cipher.update(JSON.stringify(backup), 'utf8'), cipher.final()]);
  return Buffer.concat([ascii('AuthenticatorPro'), salt, iv, sealed]);
}

/** The app's HTML export: a table of issuer, username, the otpauth:// link in <code>, and its QR code. */
export function htmlAuthPro(rows: Array<{ issuer: string; username: string; uri: string }>): string {
  const escape = (s: string) =>
    s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const items = rows
    .map(
      (r) =>
        `<tr>\n    <td>${escape(r.issuer)}</td>\n    <td>${escape(r.username)}</td>\n    <td><code>${r.uri}</code></td>\n    <td><img src="data:image/png;base64,iVBORw0KGgo="></td>\n</tr>`,
    )
    .join('\n');
  return `<!DOCTYPE html>\n<html>\n<head><meta charset="utf-8"><title>Backup</title></head>\n<body>\n<table>\n${items}\n</table>\n</body>\n</html>\n`;
}
