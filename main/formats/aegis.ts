/*
 * Aegis Authenticator's vault (its export and its backups), read and written.
 *
 * Public sources: beemdevelopment/Aegis docs/vault.md (the file, the slots, scrypt + AES-256-GCM key wrapping,
 * the entries), app/src/main/java/com/beemdevelopment/aegis/vault/{Vault,VaultEntry}.java for the later content
 * versions (2: an entry's `group` name; 3: `groups` of uuids named in the content's `groups` list, `favorite`),
 * and the test vaults in app/src/test/resources/com/beemdevelopment/aegis/. Written from those descriptions.
 */
import { createCipheriv, createDecipheriv, randomBytes, randomUUID, scrypt } from 'node:crypto';
import { KeyfobError, isKeyfobError } from '../errors';
import { normaliseSecret } from '../otp/secret';
import { ALGORITHMS, defaultParams, displayName, type Algorithm, type OtpAccount } from '../otp/types';
import {
  passwordNeeded,
  passwordWrong,
  placeName,
  textOf,
  type ExportOptions,
  type ExportOutput,
  type Format,
  type ParsedEntry,
} from './types';

const ID = 'aegis';

/** What Aegis itself writes (docs/vault.md, "KDF"), and so what Keyfob's backups use. */
export const AEGIS_SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const;

/**
 * The most key-derivation work a file may ask for. Aegis writes N=2^15, r=8, p=1 (32 MiB, 2^18 units of work);
 * a hostile file could ask for gigabytes or minutes. Allowed: N a power of two up to 2^20, r up to 32, p up to
 * 16, at most 256 MiB of memory (128·N·r bytes) and 2^22 units of work (N·r·p, 16 times Aegis's), and at most
 * four password slots tried.
 */
export const SCRYPT_CAPS = { maxN: 2 ** 20, maxR: 32, maxP: 16, maxMemory: 256 * 2 ** 20, maxWork: 2 ** 22 };
const MAX_PASSWORD_SLOTS = 4;

/** Content versions this reader knows (the file's own version is always 1). */
const CONTENT_VERSIONS = [1, 2, 3];

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A value from the file put into a message: plain short words only, so nothing from it reaches a terminal raw. */
function shown(value: unknown): string {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  return typeof text === 'string' && /^[A-Za-z0-9_.-]{1,20}$/.test(text) ? text : '?';
}

function invalid(field: string): KeyfobError {
  return new KeyfobError('FORMAT_UNKNOWN', 'aegisInvalid', { field });
}

function hexField(obj: Json, name: string, bytes: number, path: string): Buffer {
  const value = obj[name];
  if (typeof value !== 'string' || value.length !== bytes * 2 || !/^[0-9a-fA-F]*$/.test(value))
    throw invalid(`${path}.${name}`);
  return Buffer.from(value, 'hex');
}

/** The parsed file, when it is shaped like an Aegis vault at all. */
function vaultOf(bytes: Uint8Array): Json | undefined {
  const text = textOf(bytes);
  if (text === undefined || !text.includes('"header"') || !text.includes('"db"')) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (isObject(parsed) && isObject(parsed.header) && 'db' in parsed && 'version' in parsed) return parsed;
  } catch {
    // not JSON
  }
  return undefined;
}

function scryptKey(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // Node refuses above `maxmem` (32 MiB by default, just under what Aegis's own parameters take). The
    // password goes in as its UTF-8 bytes, unnormalised, as Aegis derives it.
    const maxmem = 128 * n * r * (p + 1) + 2 ** 20;
    scrypt(Buffer.from(password, 'utf8'), salt, 32, { N: n, r, p, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

function gcmOpen(key: Buffer, nonce: Buffer, tag: Buffer, data: Buffer): Buffer | undefined {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data), decipher.final()]);
  } catch {
    return undefined;
  }
}

function gcmSeal(key: Buffer, data: Buffer): { nonce: Buffer; tag: Buffer; data: Buffer } {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  const sealed = Buffer.concat([cipher.update(data), cipher.final()]);
  return { nonce, tag: cipher.getAuthTag(), data: sealed };
}

/** A password slot's scrypt parameters, refused when they ask for more than SCRYPT_CAPS allows. */
function slotCost(slot: Json, path: string): { n: number; r: number; p: number } {
  const { n, r, p } = slot;
  for (const [name, v] of [
    ['n', n],
    ['r', r],
    ['p', p],
  ] as const)
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) throw invalid(`${path}.${name}`);
  const [N, R, P] = [n as number, r as number, p as number];
  const caps = SCRYPT_CAPS;
  // scrypt's N is a power of two above 1; anything else is not a file Aegis wrote.
  if (N < 2 || !Number.isInteger(Math.log2(N))) throw invalid(`${path}.n`);
  if (
    N > caps.maxN ||
    R > caps.maxR ||
    P > caps.maxP ||
    128 * N * R > caps.maxMemory ||
    N * R * P > caps.maxWork
  )
    throw new KeyfobError('IMPORT_INVALID', 'importKdfTooCostly', { format: ID });
  return { n: N, r: R, p: P };
}

/** The master key, from the first password slot the password opens. */
async function masterKey(slots: unknown[], password: string): Promise<Buffer> {
  const passwordSlots = slots.map((s, i) => ({ s, i })).filter(({ s }) => isObject(s) && s.type === 1);
  if (passwordSlots.length === 0) throw new KeyfobError('PARAMS_INVALID', 'aegisNoPasswordSlot');
  // Checked whole before any work: a file is refused for what it asks, not after minutes of it.
  const read = passwordSlots.slice(0, MAX_PASSWORD_SLOTS).map(({ s, i }) => {
    const slot = s as Json;
    const path = `header.slots[${i}]`;
    const keyParams = slot.key_params;
    if (!isObject(keyParams)) throw invalid(`${path}.key_params`);
    const saltHex = slot.salt;
    if (typeof saltHex !== 'string' || saltHex.length > 1024 || !/^([0-9a-fA-F]{2})+$/.test(saltHex))
      throw invalid(`${path}.salt`);
    return {
      cost: slotCost(slot, path),
      salt: Buffer.from(saltHex, 'hex'),
      key: hexField(slot, 'key', 32, path),
      nonce: hexField(keyParams, 'nonce', 12, `${path}.key_params`),
      tag: hexField(keyParams, 'tag', 16, `${path}.key_params`),
    };
  });
  for (const slot of read) {
    const derived = await scryptKey(password, slot.salt, slot.cost.n, slot.cost.r, slot.cost.p);
    const master = gcmOpen(derived, slot.nonce, slot.tag, slot.key);
    if (master?.length === 32) return master;
  }
  throw passwordWrong(ID);
}

/** The vault's content: the `db` object, decrypted first when the file is encrypted. */
async function contentOf(vault: Json, password: string | undefined): Promise<Json> {
  if (vault.version !== 1)
    throw new KeyfobError('IMPORT_INVALID', 'importVersionUnsupported', {
      format: ID,
      version: shown(vault.version),
    });
  const header = vault.header as Json;
  const { slots, params } = header;
  if (slots === null || slots === undefined) {
    if (!isObject(vault.db)) throw invalid('db');
    return vault.db;
  }
  if (!Array.isArray(slots)) throw invalid('header.slots');
  if (!isObject(params)) throw invalid('header.params');
  const nonce = hexField(params, 'nonce', 12, 'header.params');
  const tag = hexField(params, 'tag', 16, 'header.params');
  if (typeof vault.db !== 'string' || !/^[A-Za-z0-9+/=\s]*$/.test(vault.db)) throw invalid('db');
  const sealed = Buffer.from(vault.db, 'base64');
  if (!slots.some((s) => isObject(s) && s.type === 1))
    throw new KeyfobError('PARAMS_INVALID', 'aegisNoPasswordSlot');
  if (password === undefined) throw passwordNeeded(ID);
  const key = await masterKey(slots, password);
  const opened = gcmOpen(key, nonce, tag, sealed);
  // The password opened a slot, so the key is right: what does not open now was changed or cut short.
  if (!opened) throw new KeyfobError('IMPORT_INVALID', 'importDamaged', { format: ID });
  const text = textOf(opened);
  try {
    const content: unknown = text === undefined ? undefined : JSON.parse(text);
    if (isObject(content)) return content;
  } catch {
    // said below
  }
  throw invalid('db');
}

const KIND_NAMES: Record<string, string> = { yandex: 'Yandex', motp: 'mOTP' };

function entryOf(raw: unknown, n: number, groups: Map<string, string>): ParsedEntry {
  const place = { kind: 'entry' as const, n };
  const refuse = (error: KeyfobError, name = placeName(place)): ParsedEntry => ({
    status: 'refused',
    name,
    reason: error.message,
    ...(error.key ? { key: error.key } : {}),
    ...(error.params ? { params: error.params } : {}),
    ...(error.variant !== undefined ? { variant: error.variant } : {}),
    ...(name === placeName(place) ? { place } : {}),
  });
  if (!isObject(raw)) return refuse(invalid('entry'));
  const issuer = typeof raw.issuer === 'string' ? raw.issuer : '';
  const label = typeof raw.name === 'string' ? raw.name : '';
  const named = label || issuer ? displayName({ issuer, label }) : placeName(place);
  try {
    const type = raw.type;
    if (type !== 'totp' && type !== 'hotp' && type !== 'steam') {
      const known = typeof type === 'string' ? KIND_NAMES[type] : undefined;
      // A kind Keyfob knows of but cannot make (Yandex, mOTP) is said as such; any other is unknown.
      throw known === undefined
        ? new KeyfobError('PARAMS_INVALID', 'importEntryType', { type: shown(type) })
        : new KeyfobError('PARAMS_INVALID', 'formatTypeUnsupported', { type: known });
    }
    const info = raw.info;
    if (!isObject(info)) throw invalid('info');
    if (typeof info.secret !== 'string') throw invalid('info.secret');
    const params = defaultParams(type);
    const algo = info.algo ?? 'SHA1';
    if (typeof algo !== 'string' || !(ALGORITHMS as readonly string[]).includes(algo.toUpperCase()))
      throw new KeyfobError('PARAMS_INVALID', 'importEntryAlgorithm', {
        algorithm: shown(algo),
      });
    params.algorithm = algo.toUpperCase() as Algorithm;
    const whole = (name: string, value: unknown): number => {
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw invalid(`info.${name}`);
      return value;
    };
    // The vault checks each number's range again when it stores the account, and words its refusal.
    if (type !== 'steam') params.digits = whole('digits', info.digits ?? params.digits);
    if (type === 'hotp') params.counter = whole('counter', info.counter);
    else params.period = whole('period', info.period ?? params.period);
    const account: OtpAccount = {
      issuer,
      label,
      secret: normaliseSecret(info.secret),
      params,
      extra: {},
    };
    if (raw.favorite === true) account.favourite = true;
    const tags: string[] = [];
    if (Array.isArray(raw.groups)) {
      for (const g of raw.groups) {
        const name = typeof g === 'string' ? groups.get(g) : undefined;
        if (name !== undefined) tags.push(name);
      }
    } else if (typeof raw.group === 'string' && raw.group !== '') tags.push(raw.group);
    if (tags.length > 0) account.tags = tags;
    return { status: 'ok', account };
  } catch (error) {
    if (!isKeyfobError(error)) throw error;
    return refuse(error, named);
  }
}

/** A group's uuid to its name (content version 3). */
function groupNames(content: Json): Map<string, string> {
  const names = new Map<string, string>();
  if (!Array.isArray(content.groups)) return names;
  for (const g of content.groups)
    if (isObject(g) && typeof g.uuid === 'string' && typeof g.name === 'string') names.set(g.uuid, g.name);
  return names;
}

// ---- writing -----------------------------------------------------------------------------------------------

/** Content version 3, as Aegis writes it today: tags become groups, a favourite stays one. */
function contentFor(accounts: readonly OtpAccount[]): Json {
  const groups = new Map<string, string>();
  const groupOf = (name: string) => {
    let uuid = groups.get(name);
    if (uuid === undefined) groups.set(name, (uuid = randomUUID()));
    return uuid;
  };
  const entries = accounts.map((a) => {
    const { type, algorithm, digits, period, counter } = a.params;
    const info: Json = { secret: a.secret, algo: type === 'steam' ? 'SHA1' : algorithm, digits };
    if (type === 'hotp') info.counter = counter;
    else info.period = period;
    return {
      type,
      uuid: randomUUID(),
      name: a.label,
      issuer: a.issuer,
      note: '',
      favorite: a.favourite === true,
      icon: null,
      info,
      groups: (a.tags ?? []).map(groupOf),
    };
  });
  return {
    version: 3,
    entries,
    groups: [...groups].map(([name, uuid]) => ({ uuid, name })),
  };
}

/**
 * An Aegis vault of these accounts: encrypted (a fresh random master key, one password slot with scrypt at
 * Aegis's own cost) unless `plain`. Aegis, Ente Auth and 2FAS read it.
 */
export async function writeAegisVault(
  accounts: readonly OtpAccount[],
  options: ExportOptions,
): Promise<ExportOutput> {
  const content = contentFor(accounts);
  const vault: Json = { version: 1, header: { slots: null, params: null }, db: content };
  if (!options.plain) {
    const password = options.password;
    if (password === undefined || password === '')
      throw new KeyfobError('INPUT_NEEDED', 'exportPasswordEmpty');
    const master = randomBytes(32);
    const salt = randomBytes(32);
    const { N, r, p } = AEGIS_SCRYPT;
    const derived = await scryptKey(password, salt, N, r, p);
    const wrapped = gcmSeal(derived, master);
    const db = gcmSeal(master, Buffer.from(JSON.stringify(content), 'utf8'));
    vault.header = {
      slots: [
        {
          type: 1,
          uuid: randomUUID(),
          key: wrapped.data.toString('hex'),
          key_params: { nonce: wrapped.nonce.toString('hex'), tag: wrapped.tag.toString('hex') },
          n: N,
          r,
          p,
          salt: salt.toString('hex'),
        },
      ],
      params: { nonce: db.nonce.toString('hex'), tag: db.tag.toString('hex') },
    };
    vault.db = db.data.toString('base64');
  }
  return {
    file: new TextEncoder().encode(JSON.stringify(vault, null, 4) + '\n'),
    encrypted: !options.plain,
    count: accounts.length,
    excluded: [],
  };
}

/** Aegis Authenticator's vault: its "Export" (plain or encrypted) and its automatic backups. */
export const aegis: Format = {
  id: ID,
  password: 'sometimes',
  fileTypes: ['.json'],
  exportsFile: true,
  detect(bytes) {
    const vault = vaultOf(bytes);
    return vault !== undefined && ('slots' in (vault.header as Json) || 'params' in (vault.header as Json))
      ? 0.95
      : 0;
  },
  async parse(bytes, options) {
    const vault = vaultOf(bytes);
    if (vault === undefined) throw invalid('header');
    const content = await contentOf(vault, options.password);
    if (typeof content.version !== 'number' || !CONTENT_VERSIONS.includes(content.version))
      throw new KeyfobError('IMPORT_INVALID', 'importVersionUnsupported', {
        format: ID,
        version: shown(content.version),
      });
    if (!Array.isArray(content.entries)) throw invalid('db.entries');
    const groups = groupNames(content);
    return { entries: content.entries.map((e, i) => entryOf(e, i + 1, groups)) };
  },
  export(accounts, options = {}) {
    return writeAegisVault(accounts, options);
  },
};
