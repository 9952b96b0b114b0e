/**
 * Proton Authenticator exports, as the app writes them, for tests. Written from Proton's own source
 * (protonpass/proton-pass-common proton-authenticator/src/entry/exporter.rs, password_exporter.rs, crypto.rs,
 * steam/mod.rs), not from Keyfob's reader (main/formats/proton.ts), and with other implementations of the same
 * primitives than the reader uses (libsodium's Argon2id, WebCrypto's AES-GCM):
 * - `{version: 1, entries: [{id, content: {uri, entry_type: "Totp" | "Steam", name}, note}]}`, a TOTP entry's uri
 *   an otpauth:// link, a Steam entry's `steam://` and its key in standard base64;
 * - with a password: `{version: 1, salt, content}`, content = a 12-byte nonce, then AES-256-GCM of the JSON above
 *   with additional data `proton.authenticator.export.v1`, under Argon2id (v0x13, 19 MiB, 2 passes, 1 lane,
 *   32 bytes) of the password and a 16-byte salt.
 */
import { randomUUID, webcrypto } from 'node:crypto';
import sodium from 'libsodium-wrappers-sumo';

export type ProtonEntry =
  | { kind: 'Totp'; uri: string; name?: string; note?: string | null }
  | { kind: 'Steam'; key: Uint8Array; name?: string; note?: string | null };

export function protonPlain(entries: readonly ProtonEntry[]): string {
  return JSON.stringify({
    version: 1,
    entries: entries.map((e) => ({
      id: randomUUID(),
      content: {
        uri: e.kind === 'Totp' ? e.uri : `steam://${Buffer.from(e.key).toString('base64')}`,
        entry_type: e.kind,
        ...(e.name !== undefined ? { name: e.name } : {}),
      },
      note: e.note ?? null,
    })),
  });
}

export async function protonEncrypted(plain: string, password: string): Promise<string> {
  await sodium.ready;
  const salt = sodium.randombytes_buf(16);
  const key = sodium.crypto_pwhash(
    32,
    sodium.from_string(password),
    salt,
    2,
    19 * 1024 * 1024,
    sodium.crypto_pwhash_ALG_ARGON2ID13,
  );
  const nonce = sodium.randombytes_buf(12);
  const aesKey = await webcrypto.subtle.importKey('raw', key, 'AES-GCM', false, ['encrypt']);
  const sealed = await webcrypto.subtle.encrypt(
    {
      name: 'AES-GCM',
      iv: nonce,
      additionalData: new TextEncoder().encode('proton.authenticator.export.v1'),
      tagLength: 128,
    },
    aesKey,
    new TextEncoder().encode(plain),
  );
  const content = Buffer.concat([nonce, new Uint8Array(sealed)]);
  return JSON.stringify({
    version: 1,
    salt: Buffer.from(salt).toString('base64'),
    content: content.toString('base64'),
  });
}
