/**
 * Writes 2FAS Authenticator backup files (`.2fas`) as the app does, for tests. Written from 2FAS's own code
 * (twofas/2fas-android: BackupContent.kt, BackupService.kt, BackupCipherImpl.kt, BackupKeyGeneratorPbkdf.kt,
 * BackupSaltGeneratorRandom, DataEncrypted.kt) and Aegis's 2FAS test files, not from Keyfob's reader:
 *
 * - the file is a JSON object: `schemaVersion`, `services` (a list), `groups`, `updatedAt`, `appVersionCode`,
 *   `appVersionName`, `appOrigin`; encrypted, `services` is empty and `servicesEncrypted` and `reference` hold
 *   "base64(ciphertext + GCM tag):base64(salt):base64(iv)";
 * - the key: PBKDF2-HMAC-SHA256 of the password, 10 000 iterations, 256 bits, a 256-byte random salt; AES-256-GCM
 *   with a 12-byte IV, a fresh one for the services and for the reference;
 * - `reference` seals the constant below, so that a reader tells a wrong password from damaged services.
 */
import { createCipheriv, pbkdf2Sync, randomBytes } from 'node:crypto';

/** BackupContent.Reference in 2fas-android: what `reference` seals. */
export const TWOFAS_REFERENCE =
  'tRViSsLKzd86Hprh4ceC2OP7xazn4rrt4xhfEUbOjxLX8Rc3mkISXE0lWbmnWfggogbBJhtYgpK6fMl1D6mtsy92R3HkdGfwuXbzLebqVFJsR7IZ2w58t938iymwG4824igYy1wi6n2WDpO1Q1P69zwJGs2F5a1qP4MyIiDSD7NCV2OvidXQCBnDlGfmz0f1BQySRkkt4ryiJeCjD2o4QsveJ9uDBUn8ELyOrESv5R5DMDkD4iAF8TXU7KyoJujd';

export interface TwofasAccount {
  name: string;
  secret: string;
  account?: string;
  issuer?: string;
  digits?: number;
  period?: number;
  algorithm?: string;
  counter?: number;
  tokenType?: 'TOTP' | 'HOTP' | 'STEAM' | string;
  groupId?: string;
}

/**
 * One `services` item of the given schema: schema 1 writes only the names and the key; 2 adds digits, period and
 * algorithm; 3 adds tokenType, counter and source; 4 adds the icon.
 */
export function twofasService(a: TwofasAccount, position: number, schema = 4): Record<string, unknown> {
  const issuer = a.issuer ?? a.name;
  const otp: Record<string, unknown> = {
    label: schema >= 4 ? (a.account ?? '') : `${issuer}:${a.account ?? ''}`,
    account: a.account ?? '',
    issuer,
  };
  if (schema >= 2) {
    otp.digits = a.digits ?? 6;
    if ((a.tokenType ?? 'TOTP') !== 'HOTP') otp.period = a.period ?? 30;
    otp.algorithm = a.algorithm ?? 'SHA1';
  }
  if (schema >= 3) {
    if (a.tokenType === 'HOTP') otp.counter = a.counter ?? 0;
    otp.tokenType = a.tokenType ?? 'TOTP';
    otp.source = 'Link';
  }
  const service: Record<string, unknown> = {
    name: a.name,
    secret: a.secret,
    updatedAt: 1_700_000_000_000 + position,
    otp,
    order: { position },
  };
  if (schema <= 2) service.type = 'Unknown';
  if (schema >= 4)
    service.icon = {
      selected: 'Label',
      label: { text: a.name.slice(0, 2).toUpperCase(), backgroundColor: 'Orange' },
    };
  if (a.groupId !== undefined) service.groupId = a.groupId;
  return service;
}

function content(schema: number): Record<string, unknown> {
  return {
    services: [],
    groups: [] as unknown[],
    updatedAt: 1_700_000_100_000,
    schemaVersion: schema,
    appVersionCode: 5000009,
    appVersionName: '5.1.0',
    appOrigin: 'android',
  };
}

/** An item put into `services` as it is, for damaged entries. */
export interface Raw {
  raw: unknown;
}

/** A plain backup of these accounts (and raw `services` items). */
export function twofasPlain(
  accounts: ReadonlyArray<TwofasAccount | Raw>,
  options: { schema?: number; groups?: Array<{ id: string; name: string }> } = {},
): Uint8Array {
  const schema = options.schema ?? 4;
  const file = content(schema);
  file.services = accounts.map((a, i) => ('raw' in a ? a.raw : twofasService(a, i, schema)));
  if (options.groups) file.groups = options.groups.map((g) => ({ ...g, isExpanded: true, updatedAt: 0 }));
  return new TextEncoder().encode(JSON.stringify(file));
}

/** "base64(data + tag):base64(salt):base64(iv)", as DataEncrypted writes it. */
function seal(key: Buffer, salt: Buffer, plain: string, iv = randomBytes(12)): string {
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `${data.toString('base64')}:${salt.toString('base64')}:${iv.toString('base64')}`;
}

/**
 * An encrypted backup. `services` may be given as raw JSON text (to seal something that is not a list);
 * `reference: false` leaves the reference out, as a file from before it existed.
 */
export function twofasEncrypted(
  accounts: ReadonlyArray<TwofasAccount | Raw> | string,
  password: string,
  options: { schema?: number; reference?: boolean } = {},
): Uint8Array {
  const schema = options.schema ?? 4;
  const salt = randomBytes(256);
  const key = pbkdf2Sync(password, salt, 10_000, 32, 'sha256');
  const services =
    typeof accounts === 'string'
      ? accounts
      : JSON.stringify(
          (JSON.parse(new TextDecoder().decode(twofasPlain(accounts, { schema }))) as { services: unknown[] })
            .services,
        );
  const file = content(schema);
  file.servicesEncrypted = seal(key, salt, services);
  if (options.reference !== false) file.reference = seal(key, salt, TWOFAS_REFERENCE);
  return new TextEncoder().encode(JSON.stringify(file));
}
