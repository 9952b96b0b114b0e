/**
 * Ente Auth exports, as Ente Auth writes them, for tests. Written from Ente's own documentation and source, not
 * from Keyfob's reader (main/formats/ente.ts):
 * - each code is its stored otpauth:// link, `codeDisplay` a JSON object of Ente's display state (pinned, trashed,
 *   lastUsedAt, tapCount, tags, note, position, iconSrc, iconID), algorithms written lower case
 *   (ente-io/ente mobile/apps/auth/lib/models/code.dart, code_display.dart; export_widget.dart);
 * - the plain export is those links, one a line, each ending in a newline (export_widget.dart `_getAuthDataForExport`);
 * - the encrypted export (docs/docs/auth/migration/export.md; export_widget.dart `_requestForEncryptionPassword`)
 *   is `{version: 1, kdfParams: {memLimit, opsLimit, salt}, encryptedData, encryptionNonce}`: the plain export
 *   pushed as one final message of a crypto_secretstream_xchacha20poly1305 stream whose header is
 *   `encryptionNonce`, under crypto_pwhash (Argon2id 1.3, 32 bytes) of the password; base64 the original alphabet.
 */
import sodium from 'libsodium-wrappers-sumo';

export interface EnteCode {
  issuer: string;
  account: string;
  /** Base32, as the site gave it (Ente keeps what was typed, `+` and spaces included). */
  secret: string;
  type?: 'totp' | 'hotp' | 'steam';
  algorithm?: 'sha1' | 'sha256' | 'sha512';
  digits?: number;
  period?: number;
  counter?: number;
  pinned?: boolean;
  trashed?: boolean;
  tags?: string[];
  note?: string;
}

/** Ente's query encoding: Dart's Uri writes a space as `+` in the query, `%20` in the path. */
function query(text: string): string {
  return encodeURIComponent(text).replace(/%20/g, '+');
}

export function enteLink(code: EnteCode): string {
  const type = code.type ?? 'totp';
  const display = {
    pinned: code.pinned ?? false,
    trashed: code.trashed ?? false,
    lastUsedAt: 0,
    tapCount: 0,
    tags: code.tags ?? [],
    note: code.note ?? '',
    position: 0,
    iconSrc: '',
    iconID: '',
  };
  const params = [
    `secret=${code.secret.replace(/ /g, '+')}`,
    `issuer=${query(code.issuer)}`,
    `algorithm=${code.algorithm ?? 'sha1'}`,
    `digits=${code.digits ?? (type === 'steam' ? 5 : 6)}`,
    `period=${code.period ?? 30}`,
    ...(type === 'hotp' ? [`counter=${code.counter ?? 0}`] : []),
    `codeDisplay=${encodeURIComponent(JSON.stringify(display))}`,
  ];
  const path = `${encodeURIComponent(code.issuer)}:${encodeURIComponent(code.account)}`;
  return `otpauth://${type}/${path}?${params.join('&')}`;
}

export function entePlain(codes: readonly EnteCode[]): string {
  return codes.map((c) => `${enteLink(c)}\n`).join('');
}

export interface EnteKdf {
  /** Bytes; Ente's own exports use 256 MiB. Tests default to little, since the file says what to use. */
  memLimit: number;
  opsLimit: number;
}

export async function enteEncrypted(
  plain: string,
  password: string,
  kdf: EnteKdf = { memLimit: 64 * 1024, opsLimit: 2 },
): Promise<string> {
  await sodium.ready;
  const salt = sodium.randombytes_buf(sodium.crypto_pwhash_SALTBYTES);
  const key = sodium.crypto_pwhash(
    sodium.crypto_secretstream_xchacha20poly1305_KEYBYTES,
    sodium.from_string(password),
    salt,
    kdf.opsLimit,
    kdf.memLimit,
    sodium.crypto_pwhash_ALG_ARGON2ID13,
  );
  const { state, header } = sodium.crypto_secretstream_xchacha20poly1305_init_push(key);
  const sealed = sodium.crypto_secretstream_xchacha20poly1305_push(
    state,
    sodium.from_string(plain),
    null,
    sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL,
  );
  const b64 = (bytes: Uint8Array) => sodium.to_base64(bytes, sodium.base64_variants.ORIGINAL);
  return JSON.stringify({
    version: 1,
    kdfParams: { memLimit: kdf.memLimit, opsLimit: kdf.opsLimit, salt: b64(salt) },
    encryptedData: b64(sealed),
    encryptionNonce: b64(header),
  });
}
