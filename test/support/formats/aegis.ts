/**
 * Aegis vault files for tests, written from beemdevelopment/Aegis docs/vault.md and its VaultEntry/Vault
 * sources (content versions 1 to 3), not from main/formats/aegis.ts: plain and encrypted with a password slot,
 * and other slot kinds beside it. Like test/support/aegis-reader.ts it uses @noble/hashes' scrypt and
 * WebCrypto's AES-GCM, not Node's crypto module that Keyfob uses.
 */
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { randomUUID } from 'node:crypto';

export interface GenEntry {
  type: 'totp' | 'hotp' | 'steam' | 'yandex' | 'motp' | string;
  name: string;
  issuer: string;
  secret: string;
  algo?: string;
  digits?: number;
  period?: number;
  counter?: number;
  favorite?: boolean;
  /** Group names: version 2 keeps one as `group`, version 3 a list of uuids named in the content's `groups`. */
  groups?: string[];
}

export interface GenOptions {
  contentVersion?: 1 | 2 | 3;
  /** Encrypt with this password (one password slot). */
  password?: string;
  /** scrypt's parameters for the slot; Aegis's own by default. */
  scrypt?: { n: number; r: number; p: number };
  /** Slots that are not passwords, placed before the password slot (a biometric slot, type 2). */
  otherSlots?: number;
  /** No password slot at all: only `otherSlots`. */
  noPasswordSlot?: boolean;
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));

async function seal(
  key: Uint8Array,
  plain: Uint8Array,
): Promise<{ nonce: string; tag: string; data: Uint8Array }> {
  const iv = random(12);
  const k = await crypto.subtle.importKey('raw', key, 'AES-GCM', false, ['encrypt']);
  const out = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, tagLength: 128 }, k, plain));
  return { nonce: hex(iv), tag: hex(out.slice(out.length - 16)), data: out.slice(0, out.length - 16) };
}

export function aegisContent(entries: readonly GenEntry[], version: 1 | 2 | 3 = 3): Record<string, unknown> {
  const groupIds = new Map<string, string>();
  const list = entries.map((e) => {
    const info: Record<string, unknown> = {
      secret: e.secret,
      algo: e.algo ?? 'SHA1',
      digits: e.digits ?? (e.type === 'steam' ? 5 : 6),
    };
    if (e.type === 'hotp') info.counter = e.counter ?? 0;
    else info.period = e.period ?? 30;
    const entry: Record<string, unknown> = {
      type: e.type,
      uuid: randomUUID(),
      name: e.name,
      issuer: e.issuer,
      icon: null,
      info,
    };
    if (version >= 2) {
      entry.icon_mime = null;
    }
    if (version === 2) entry.group = e.groups?.[0] ?? null;
    if (version === 3) {
      entry.note = '';
      entry.favorite = e.favorite === true;
      entry.groups = (e.groups ?? []).map((name) => {
        if (!groupIds.has(name)) groupIds.set(name, randomUUID());
        return groupIds.get(name)!;
      });
    }
    return entry;
  });
  const content: Record<string, unknown> = { version, entries: list };
  if (version === 3) content.groups = [...groupIds].map(([name, uuid]) => ({ uuid, name }));
  return content;
}

/** A whole vault file's text. */
export async function aegisVault(entries: readonly GenEntry[], options: GenOptions = {}): Promise<string> {
  const content = aegisContent(entries, options.contentVersion ?? 3);
  if (options.password === undefined && !options.noPasswordSlot) {
    return JSON.stringify({ version: 1, header: { slots: null, params: null }, db: content }, null, 4);
  }
  const masterKey = random(32);
  const slots: Array<Record<string, unknown>> = [];
  for (let i = 0; i < (options.otherSlots ?? 0); i++) {
    // A biometric slot: its key wrapped by a key Keyfob never has.
    const wrapped = await seal(random(32), masterKey);
    slots.push({
      type: 2,
      uuid: randomUUID(),
      key: hex(wrapped.data),
      key_params: { nonce: wrapped.nonce, tag: wrapped.tag },
    });
  }
  if (!options.noPasswordSlot) {
    const { n, r, p } = options.scrypt ?? { n: 32768, r: 8, p: 1 };
    const salt = random(32);
    const derived = await scryptAsync(new TextEncoder().encode(options.password), salt, {
      N: n,
      r,
      p,
      dkLen: 32,
      maxmem: 2 ** 30,
    });
    const wrapped = await seal(derived, masterKey);
    slots.push({
      type: 1,
      uuid: randomUUID(),
      key: hex(wrapped.data),
      key_params: { nonce: wrapped.nonce, tag: wrapped.tag },
      n,
      r,
      p,
      salt: hex(salt),
    });
  }
  const db = await seal(masterKey, new TextEncoder().encode(JSON.stringify(content)));
  return JSON.stringify(
    {
      version: 1,
      header: { slots, params: { nonce: db.nonce, tag: db.tag } },
      db: Buffer.from(db.data).toString('base64'),
    },
    null,
    4,
  );
}

/** What Keyfob should read from each generated entry it can store. */
export const SAMPLE: GenEntry[] = [
  {
    type: 'totp',
    name: 'ada@example.com',
    issuer: 'GitHub',
    secret: 'JBSWY3DPEHPK3PXP',
    favorite: true,
    groups: ['Work'],
  },
  {
    type: 'totp',
    name: 'bob',
    issuer: 'Example',
    secret: 'GEZDGNBVGY3TQOJQ',
    algo: 'SHA256',
    digits: 8,
    period: 60,
    groups: ['Work', 'Home'],
  },
  {
    type: 'hotp',
    name: 'counter',
    issuer: 'Bank',
    secret: 'MFRGGZDFMZTWQ2LK',
    algo: 'SHA512',
    digits: 7,
    counter: 42,
  },
  { type: 'steam', name: 'gamer', issuer: 'Steam', secret: 'NBSWY3DPO5XXE3DE' },
];
