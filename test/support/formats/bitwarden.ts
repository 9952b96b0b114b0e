/**
 * Bitwarden's exports, written as Bitwarden writes them, for tests. Made from Bitwarden's help pages ("Export
 * vault data", "Encrypted exports", "Condition a Bitwarden .csv or .json") and public source (bitwarden/clients:
 * the vault export types and the password-protected importer; bitwarden/sdk-internal: derive_kdf_key and
 * stretch_kdf_key; bitwarden/authenticator-android: ExportJsonData), not from Keyfob's reader.
 */
import { createCipheriv, createHash, createHmac, pbkdf2Sync, randomBytes, randomUUID } from 'node:crypto';
import { argon2idAsync } from '@noble/hashes/argon2.js';

/** CipherType: 1 login, 2 secure note, 3 card, 4 identity. */
export const CIPHER_TYPE = { login: 1, secureNote: 2, card: 3, identity: 4 } as const;

export interface LoginItem {
  name: string;
  totp?: unknown;
  username?: string | null;
  uris?: string[];
  folderId?: string | null;
  type?: number;
}

/** An item of the JSON export, with every field the export writes. */
export function item(fields: LoginItem): Record<string, unknown> {
  const type = fields.type ?? CIPHER_TYPE.login;
  return {
    passwordHistory: null,
    revisionDate: '2026-11-20T10:00:00.000Z',
    creationDate: '2026-11-20T10:00:00.000Z',
    deletedDate: null,
    id: randomUUID(),
    organizationId: null,
    folderId: fields.folderId ?? null,
    type,
    reprompt: 0,
    name: fields.name,
    notes: null,
    favorite: false,
    ...(type === CIPHER_TYPE.login
      ? {
          login: {
            fido2Credentials: [],
            uris: (fields.uris ?? []).map((uri) => ({ match: null, uri })),
            username: fields.username ?? null,
            password: 'correct horse battery staple',
            totp: fields.totp ?? null,
          },
        }
      : type === CIPHER_TYPE.secureNote
        ? { secureNote: { type: 0 } }
        : { card: { cardholderName: 'Ada', brand: 'Visa', number: '4111111111111111' } }),
    collectionIds: null,
  };
}

/** The unencrypted JSON export of a personal vault. */
export function bitwardenJson(items: unknown[], folders: Array<{ id: string; name: string }> = []): string {
  return JSON.stringify({ encrypted: false, folders, items }, null, 2);
}

/** Bitwarden Authenticator's export (ExportJsonData): `encrypted` and items shaped like Bitwarden's. */
export function authenticatorAppJson(
  entries: Array<{ name: string; totp: string; username?: string }>,
): string {
  return JSON.stringify(
    {
      encrypted: false,
      items: entries.map((e) => ({
        id: randomUUID(),
        name: e.name,
        folderId: null,
        organizationId: null,
        collectionIds: null,
        notes: null,
        type: 1,
        login: { username: e.username ?? null, totp: e.totp, uris: null },
        favorite: false,
      })),
    },
    null,
    2,
  );
}

/** One CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180). */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The CSV export of a personal vault: these columns, in this order; several URIs share one cell. */
export function bitwardenCsv(
  rows: Array<{ name: string; totp?: string; username?: string; uris?: string[] }>,
): string {
  const header = [
    'folder',
    'favorite',
    'type',
    'name',
    'notes',
    'fields',
    'reprompt',
    'login_uri',
    'login_username',
    'login_password',
    'login_totp',
  ];
  const lines = rows.map((r) =>
    [
      '',
      '',
      'login',
      r.name,
      'a note, with a comma\nand a second line',
      '',
      '0',
      (r.uris ?? []).join(','),
      r.username ?? '',
      'hunter2',
      r.totp ?? '',
    ]
      .map(csvField)
      .join(','),
  );
  return [header.join(','), ...lines].join('\n') + '\n';
}

export type Kdf =
  | { kdfType: 0; kdfIterations: number }
  | { kdfType: 1; kdfIterations: number; kdfMemory: number; kdfParallelism: number };

/** Bitwarden's default PBKDF2 iterations for new accounts and exports. */
export const PBKDF2_DEFAULT: Kdf = { kdfType: 0, kdfIterations: 600_000 };

/** HKDF-Expand with SHA-256, one block: what Bitwarden's stretch_kdf_key does with "enc" and "mac". */
export function stretch(key: Uint8Array): { enc: Buffer; mac: Buffer } {
  const block = (info: string) =>
    createHmac('sha256', key)
      .update(Buffer.concat([Buffer.from(info), Buffer.of(1)]))
      .digest();
  return { enc: block('enc'), mac: block('mac') };
}

/** An EncString of type 2 (AesCbc256_HmacSha256_B64): `2.` iv `|` ciphertext `|` HMAC(iv || ciphertext). */
export function encString(plain: string, keys: { enc: Buffer; mac: Buffer }): string {
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', keys.enc, iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const mac = createHmac('sha256', keys.mac)
    .update(Buffer.concat([iv, data]))
    .digest();
  return `2.${iv.toString('base64')}|${data.toString('base64')}|${mac.toString('base64')}`;
}

async function deriveKey(password: string, salt: string, kdf: Kdf): Promise<Uint8Array> {
  if (kdf.kdfType === 0)
    return pbkdf2Sync(password, Buffer.from(salt, 'utf8'), kdf.kdfIterations, 32, 'sha256');
  // Argon2id takes the SHA-256 of the salt, and memory in MiB.
  return argon2idAsync(password, createHash('sha256').update(salt, 'utf8').digest(), {
    t: kdf.kdfIterations,
    m: kdf.kdfMemory * 1024,
    p: kdf.kdfParallelism,
    dkLen: 32,
  });
}

/**
 * The password-protected export ("encrypted JSON", type "Password protected"): the whole unencrypted export
 * encrypted as one EncString in `data`, with a random GUID encrypted the same way to check the password. The
 * salt is random bytes in base64, used as its UTF-8 text.
 */
export async function bitwardenProtected(
  plainExport: string,
  password: string,
  kdf: Kdf = PBKDF2_DEFAULT,
  fields: Record<string, unknown> = {},
): Promise<string> {
  const salt = randomBytes(16).toString('base64');
  const keys = stretch(await deriveKey(password, salt, kdf));
  return JSON.stringify(
    {
      encrypted: true,
      passwordProtected: true,
      salt,
      kdfIterations: kdf.kdfIterations,
      kdfMemory: kdf.kdfType === 1 ? kdf.kdfMemory : null,
      kdfParallelism: kdf.kdfType === 1 ? kdf.kdfParallelism : null,
      kdfType: kdf.kdfType,
      encKeyValidation_DO_NOT_EDIT: encString(randomUUID(), keys),
      data: encString(plainExport, keys),
      ...fields,
    },
    null,
    2,
  );
}

/** The "account restricted" encrypted export: items whose fields are EncStrings under the account's own key. */
export function bitwardenAccountRestricted(): string {
  const keys = { enc: randomBytes(32), mac: randomBytes(32) };
  return JSON.stringify(
    {
      encrypted: true,
      encKeyValidation_DO_NOT_EDIT: encString(randomUUID(), keys),
      folders: [],
      items: [
        {
          id: randomUUID(),
          organizationId: null,
          folderId: null,
          type: 1,
          name: encString('GitHub', keys),
          login: { username: encString('ada', keys), totp: encString('JBSWY3DPEHPK3PXP', keys) },
        },
      ],
    },
    null,
    2,
  );
}
