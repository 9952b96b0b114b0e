/**
 * An Aegis vault reader for tests, written from beemdevelopment/Aegis docs/vault.md ("Aegis Vault": the file,
 * header, slots, content) and not from main/formats/aegis.ts. On purpose it uses other implementations of the
 * same primitives: scrypt from @noble/hashes and AES-256-GCM from WebCrypto (which wants the tag after the
 * ciphertext), so a mistake shared by Keyfob's reader and writer shows up here.
 */
import { scryptAsync } from '@noble/hashes/scrypt.js';

export interface AegisReadEntry {
  type: string;
  uuid: string;
  name: string;
  issuer: string;
  info: Record<string, unknown>;
  favorite?: boolean;
  /** Group names (content version 3's uuids resolved through its `groups` list). */
  groupNames: string[];
}

export interface AegisRead {
  encrypted: boolean;
  contentVersion: number;
  entries: AegisReadEntry[];
  /** What the password slot said, for checks of the parameters Keyfob writes. */
  slot?: { n: number; r: number; p: number; saltBytes: number; uuid: string };
}

const fromHex = (hex: string) => Uint8Array.from(Buffer.from(hex, 'hex'));

async function aesGcmOpen(
  key: Uint8Array,
  nonceHex: string,
  tagHex: string,
  data: Uint8Array,
): Promise<Uint8Array> {
  const cryptoKey = await crypto.subtle.importKey('raw', key, 'AES-GCM', false, ['decrypt']);
  const joined = new Uint8Array([...data, ...fromHex(tagHex)]);
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: fromHex(nonceHex), tagLength: 128 },
    cryptoKey,
    joined,
  );
  return new Uint8Array(plain);
}

/** Reads a vault file; `password` is needed when it is encrypted. Throws on anything docs/vault.md rules out. */
export async function readAegisVault(text: string, password?: string): Promise<AegisRead> {
  const file = JSON.parse(text) as {
    version: number;
    header: { slots: null | Array<Record<string, unknown>>; params: null | { nonce: string; tag: string } };
    db: unknown;
  };
  if (file.version !== 1) throw new Error(`file version ${file.version}`);
  let content: { version: number; entries: Array<Record<string, unknown>>; groups?: unknown };
  let slotInfo: AegisRead['slot'];
  const encrypted = file.header.slots !== null;
  if (!encrypted) {
    content = file.db as typeof content;
  } else {
    if (password === undefined) throw new Error('password needed');
    const slot = file.header.slots!.find((s) => s.type === 1);
    if (!slot) throw new Error('no password slot');
    const {
      n,
      r,
      p,
      salt,
      key,
      key_params: keyParams,
      uuid,
    } = slot as {
      n: number;
      r: number;
      p: number;
      salt: string;
      key: string;
      key_params: { nonce: string; tag: string };
      uuid: string;
    };
    slotInfo = { n, r, p, saltBytes: salt.length / 2, uuid };
    const derived = await scryptAsync(new TextEncoder().encode(password), fromHex(salt), {
      N: n,
      r,
      p,
      dkLen: 32,
      maxmem: 2 ** 30,
    });
    const masterKey = await aesGcmOpen(derived, keyParams.nonce, keyParams.tag, fromHex(key));
    if (masterKey.length !== 32) throw new Error('master key is not 256 bits');
    const params = file.header.params!;
    const plain = await aesGcmOpen(
      masterKey,
      params.nonce,
      params.tag,
      Uint8Array.from(Buffer.from(file.db as string, 'base64')),
    );
    content = JSON.parse(new TextDecoder().decode(plain)) as typeof content;
  }
  const groups = new Map<string, string>();
  if (Array.isArray(content.groups))
    for (const g of content.groups as Array<{ uuid: string; name: string }>) groups.set(g.uuid, g.name);
  return {
    encrypted,
    contentVersion: content.version,
    ...(slotInfo ? { slot: slotInfo } : {}),
    entries: content.entries.map((e) => ({
      type: e.type as string,
      uuid: e.uuid as string,
      name: e.name as string,
      issuer: e.issuer as string,
      info: e.info as Record<string, unknown>,
      ...(typeof e.favorite === 'boolean' ? { favorite: e.favorite } : {}),
      groupNames: Array.isArray(e.groups)
        ? (e.groups as string[]).map((u) => groups.get(u) ?? `?${u}`)
        : typeof e.group === 'string'
          ? [e.group]
          : [],
    })),
  };
}
