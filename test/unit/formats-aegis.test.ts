/**
 * Aegis vaults (main/formats/aegis.ts), both ways: real vaults from Aegis's own test data, files from an
 * independent generator (test/support/formats/aegis.ts) read by Keyfob, and Keyfob's backups read by an
 * independent reader (test/support/aegis-reader.ts); both written from Aegis's docs/vault.md, not from Keyfob's
 * code, and with other implementations of scrypt and AES-GCM.
 */
import fc from 'fast-check';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { textInput } from '../../main/accounts';
import { isKeyfobError } from '../../main/errors';
import { FormatRegistry, type ParsedEntry } from '../../main/formats';
import { AEGIS_SCRYPT, aegis, writeAegisVault } from '../../main/formats/aegis';
import { normaliseSecret } from '../../main/otp/secret';
import { defaultParams, type OtpAccount } from '../../main/otp/types';
import { createServices } from '../../main/services';
import { MemoryKeychain } from '../../main/vault/memory-keychain';
import { readAegisVault } from '../support/aegis-reader';
import { caught, forWindow, wordedEverywhere } from '../support/error-checks';
import { aegisContent, aegisVault, SAMPLE, type GenEntry } from '../support/formats/aegis';
import { reasonText } from '../support/words';

const FIXTURES = join(__dirname, '..', 'fixtures', 'formats', 'aegis');
const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));
const bytes = (text: string) => new TextEncoder().encode(text);
/** Quick scrypt for generated files: the reader takes the cost from the file, whatever it is. */
const CHEAP = { n: 1024, r: 8, p: 1 };

/** Aegis's own test vectors (DatabaseImporterTest.initVectors), which its three test vaults hold. */
const AEGIS_VECTORS = [
  ['Deno', 'Mason', 'totp', 'SHA1', 6, 30, 0],
  ['SPDX', 'James', 'totp', 'SHA256', 7, 20, 0],
  ['Airbnb', 'Elijah', 'totp', 'SHA512', 8, 50, 0],
  ['Issuu', 'James', 'hotp', 'SHA1', 6, 30, 1],
  ['Air Canada', 'Benjamin', 'hotp', 'SHA256', 7, 30, 50],
  ['WWE', 'Mason', 'hotp', 'SHA512', 8, 30, 10300],
  ['Boeing', 'Sophia', 'steam', 'SHA1', 5, 30, 0],
];

function oks(entries: ParsedEntry[]): OtpAccount[] {
  return entries.flatMap((e) => (e.status === 'ok' ? [e.account] : []));
}
const summary = (a: OtpAccount) => [
  a.issuer,
  a.label,
  a.params.type,
  a.params.algorithm,
  a.params.digits,
  a.params.period,
  a.params.counter,
];

function services() {
  return createServices({
    dataDir: mkdtempSync(join(tmpdir(), 'keyfob-aegis-')),
    keychain: new MemoryKeychain(),
    clock: { now: () => Date.UTC(2026, 11, 4, 12, 0, 0) },
  });
}

describe('Aegis vaults from Aegis itself (its test data, GPL-3.0, see test/fixtures/formats/README.md)', () => {
  it('reads the plain vault, the version 2 vault with groups and the encrypted one (password "test")', async () => {
    const plain = oks((await aegis.parse(fixture('aegis_plain.json'), {})).entries);
    expect(plain.map(summary)).toEqual(AEGIS_VECTORS);
    expect(plain[0]!.secret).toBe('4SJHB4GSD43FZBAI7C2HLRJGPQ');

    const grouped = oks((await aegis.parse(fixture('aegis_plain_grouped_v2.json'), {})).entries);
    expect(grouped.map(summary)).toEqual(AEGIS_VECTORS);
    expect(grouped.map((a) => a.tags ?? [])).toEqual([['group1'], [], ['group1'], ['group2'], [], [], []]);

    const encrypted = oks((await aegis.parse(fixture('aegis_encrypted.json'), { password: 'test' })).entries);
    expect(encrypted).toEqual(plain);
  });

  it('asks for the password of the encrypted vault, refuses a wrong one, and adds nothing then', async () => {
    const file = fixture('aegis_encrypted.json');
    expect((await caught(() => aegis.parse(file, {}))).code).toBe('PASSWORD_NEEDED');
    const wrong = await caught(() => aegis.parse(file, { password: 'Test' }));
    expect(wrong.code).toBe('PASSWORD_WRONG');
    expect(wrong.message).toBe('The password does not open this Aegis export.');
    const s = services();
    await caught(() =>
      s.accounts.import([{ bytes: file, fileName: 'aegis_encrypted.json' }], { password: 'x' }),
    );
    expect(await s.vault.list()).toEqual([]);
    const report = await s.accounts.import([{ bytes: file, fileName: 'aegis_encrypted.json' }], {
      password: 'test',
    });
    expect(report.entries.map((e) => e.status)).toEqual(Array(7).fill('added'));
  });

  it('is detected as Aegis, and other formats are not taken for it', () => {
    const registry = new FormatRegistry();
    for (const name of ['aegis_plain.json', 'aegis_plain_grouped_v2.json', 'aegis_encrypted.json'])
      expect(registry.detect(fixture(name), name).id).toBe('aegis');
    const others = [
      'otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP&issuer=A',
      'otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGGpvaG4uZG9lQGV4YW1wbGUuY29tGgdFeGFtcGxlIAEoATACEAEYASAA',
      '{"services":[],"schemaVersion":4}',
      '{"header":{},"something":1}',
      '[{"secret":"JBSWY3DPEHPK3PXP","issuer":"x","label":"y","type":"TOTP"}]',
    ];
    for (const text of others) expect(aegis.detect(bytes(text))).toBe(0);
    expect(aegis.detect(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]))).toBe(0);
  });
});

describe('Aegis vaults from the independent generator', () => {
  for (const version of [1, 2, 3] as const) {
    it(`reads content version ${version}, plain and encrypted, with what the version carries`, async () => {
      const plain = await aegisVault(SAMPLE, { contentVersion: version });
      const encrypted = await aegisVault(SAMPLE, {
        contentVersion: version,
        password: 'pässwörd 🔑',
        scrypt: CHEAP,
      });
      const a = oks((await aegis.parse(bytes(plain), {})).entries);
      const b = oks((await aegis.parse(bytes(encrypted), { password: 'pässwörd 🔑' })).entries);
      expect(b).toEqual(a);
      expect(a.map((x) => [x.issuer, x.label, x.secret, x.params])).toEqual(
        SAMPLE.map((e) => [
          e.issuer,
          e.name,
          e.secret,
          {
            ...defaultParams(e.type as 'totp'),
            algorithm: e.algo ?? 'SHA1',
            digits: e.digits ?? (e.type === 'steam' ? 5 : 6),
            period: e.type === 'hotp' ? 30 : (e.period ?? 30),
            counter: e.counter ?? 0,
          },
        ]),
      );
      const tags = a.map((x) => x.tags ?? []);
      const favourites = a.map((x) => x.favourite === true);
      if (version === 1) expect(tags).toEqual([[], [], [], []]);
      if (version === 2) expect(tags).toEqual([['Work'], ['Work'], [], []]);
      if (version === 3) {
        expect(tags).toEqual([['Work'], ['Work', 'Home'], [], []]);
        expect(favourites).toEqual([true, false, false, false]);
      }
    });
  }

  it('skips slots that are not passwords, and says so when there is no password slot at all', async () => {
    const beside = await aegisVault(SAMPLE, { password: 'pw', scrypt: CHEAP, otherSlots: 2 });
    expect(oks((await aegis.parse(bytes(beside), { password: 'pw' })).entries)).toHaveLength(4);
    const biometricOnly = await aegisVault(SAMPLE, { noPasswordSlot: true, otherSlots: 1 });
    for (const password of [undefined, 'pw']) {
      const error = await caught(() => aegis.parse(bytes(biometricOnly), password ? { password } : {}));
      expect(error.key).toBe('aegisNoPasswordSlot');
      wordedEverywhere(forWindow(error));
    }
  });

  it('refuses Yandex and mOTP entries by name, with a reason in every language, and reads the rest', async () => {
    const entries: GenEntry[] = [
      { type: 'yandex', name: 'ya', issuer: 'Yandex', secret: 'JBSWY3DPEHPK3PXP', algo: 'SHA256', digits: 8 },
      { type: 'motp', name: 'old', issuer: 'VPN', secret: 'JBSWY3DPEHPK3PXP' },
      ...SAMPLE,
      { type: 'totp\u001b[2J', name: 'odd', issuer: 'X', secret: 'JBSWY3DPEHPK3PXP' },
      { type: 'totp', name: 'nokey', issuer: 'Y', secret: '' },
      { type: 'totp', name: 'md5', issuer: 'Z', secret: 'JBSWY3DPEHPK3PXP', algo: 'MD5' },
    ];
    const parsed = await aegis.parse(bytes(await aegisVault(entries)), {});
    const refused = parsed.entries.filter((e) => e.status === 'refused');
    expect(refused.map((e) => [e.name, e.key, e.params])).toEqual([
      ['Yandex (ya)', 'formatTypeUnsupported', { type: 'Yandex' }],
      ['VPN (old)', 'formatTypeUnsupported', { type: 'mOTP' }],
      ['X (odd)', 'importEntryType', { type: '?' }],
      ['Y (nokey)', 'secretEmpty', undefined],
      ['Z (md5)', 'importEntryAlgorithm', { algorithm: 'MD5' }],
    ]);
    expect(oks(parsed.entries)).toHaveLength(SAMPLE.length);
    const first = refused[0]!;
    const row = { reason: first.reason, reasonKey: first.key!, reasonParams: first.params! };
    expect(reasonText(row, 'en')).toBe('Keyfob cannot make Yandex codes.');
    expect(reasonText(row, 'de')).toBe('Keyfob kann keine Yandex-Codes erzeugen.');
    expect(reasonText(row, 'zh')).toBe('Keyfob 无法生成 Yandex 验证码。');
  });

  it('refuses key derivation costlier than its caps before doing any of it', async () => {
    const file = JSON.parse(await aegisVault(SAMPLE, { password: 'pw', scrypt: CHEAP })) as {
      header: { slots: Array<Record<string, unknown>> };
    };
    const slot = file.header.slots[0]!;
    for (const [n, r, p] of [
      [2 ** 21, 8, 1],
      [2 ** 18, 16, 1],
      [2 ** 15, 8, 17],
      [2 ** 17, 8, 8],
      [2 ** 40, 1, 1],
    ]) {
      Object.assign(slot, { n, r, p });
      const error = await caught(() => aegis.parse(bytes(JSON.stringify(file)), { password: 'pw' }));
      expect(error.key, `${n} ${r} ${p}`).toBe('importKdfTooCostly');
      expect(error.params).toEqual({ format: 'aegis' });
    }
    wordedEverywhere(
      forWindow(await caught(() => aegis.parse(bytes(JSON.stringify(file)), { password: 'pw' }))),
    );
    for (const n of [0, 1, 3, 1000, -1024, 1.5, '1024'])
      expect(
        (
          await caught(() =>
            aegis.parse(
              bytes(JSON.stringify({ ...file, header: { ...file.header, slots: [{ ...slot, n }] } })),
              { password: 'pw' },
            ),
          )
        ).key,
      ).toBe('aegisInvalid');
  });

  it('says a file is damaged when the right password meets a changed or cut content, and adds nothing', async () => {
    const file = JSON.parse(await aegisVault(SAMPLE, { password: 'pw', scrypt: CHEAP })) as { db: string };
    const flipped = Buffer.from(file.db, 'base64');
    flipped.writeUInt8(flipped.readUInt8(3) ^ 1, 3);
    for (const db of [flipped.toString('base64'), file.db.slice(0, 40)]) {
      const error = await caught(() =>
        aegis.parse(bytes(JSON.stringify({ ...file, db })), { password: 'pw' }),
      );
      expect(error.key).toBe('importDamaged');
      wordedEverywhere(forWindow(error));
    }
  });

  it('refuses unknown versions, truncated files, wrong types and missing fields with one keyed error', async () => {
    const plain = JSON.parse(await aegisVault(SAMPLE)) as Record<string, unknown>;
    const cases: Array<[unknown, string]> = [
      [{ ...plain, version: 2 }, 'importVersionUnsupported'],
      [{ ...plain, version: '\u001b[2J' }, 'importVersionUnsupported'],
      [{ ...plain, db: { ...(plain.db as object), version: 4 } }, 'importVersionUnsupported'],
      [{ ...plain, db: { version: 3 } }, 'aegisInvalid'],
      [{ ...plain, db: { version: 3, entries: 'x' } }, 'aegisInvalid'],
      [{ ...plain, db: 'not an object' }, 'aegisInvalid'],
      [{ ...plain, header: { slots: 'x', params: null } }, 'aegisInvalid'],
      [
        { ...plain, header: { slots: [{ type: 1 }], params: { nonce: 'zz', tag: '00' } }, db: 'AAAA' },
        'aegisInvalid',
      ],
      [
        {
          ...plain,
          header: { slots: [{ type: 1 }], params: { nonce: '0'.repeat(24), tag: '0'.repeat(32) } },
          db: 'AAAA',
        },
        'aegisInvalid',
      ],
    ];
    for (const [file, key] of cases) {
      const error = await caught(() => aegis.parse(bytes(JSON.stringify(file)), { password: 'pw' }));
      expect(error.key, JSON.stringify(file).slice(0, 120)).toBe(key);
      wordedEverywhere(forWindow(error));
    }
    const text = JSON.stringify(plain);
    // Cut short, it is no longer taken for a vault (the registry hands it to the catch-all otpauth lines)...
    expect(aegis.detect(bytes(text.slice(0, text.length / 2)))).toBe(0);
    // ...and read as one when forced, it is refused whole.
    expect((await caught(() => aegis.parse(bytes(text.slice(0, text.length / 2)), {}))).key).toBe(
      'aegisInvalid',
    );
  });

  it('refuses an entry with wrong types or missing fields by its name or place, and reads the others', async () => {
    const content = aegisContent(SAMPLE.slice(0, 1), 3) as { entries: unknown[] };
    const good = content.entries[0] as Record<string, unknown>;
    content.entries.push(
      null,
      { ...good, info: 'x' },
      { ...good, name: 'digits', info: { secret: 'JBSWY3DPEHPK3PXP', digits: '6' } },
      { ...good, name: 'period', info: { secret: 'JBSWY3DPEHPK3PXP', period: '30' } },
      { ...good, type: 'hotp', name: 'counter', info: { secret: 'JBSWY3DPEHPK3PXP' } },
      { ...good, name: 'secret', info: { secret: 42 } },
      { type: 'totp', info: { secret: 'JBSWY3DPEHPK3PXP' } },
    );
    const file = { version: 1, header: { slots: null, params: null }, db: content };
    const parsed = await aegis.parse(bytes(JSON.stringify(file)), {});
    expect(parsed.entries.map((e) => (e.status === 'ok' ? 'ok' : [e.name, e.key, e.params]))).toEqual([
      'ok',
      ['entry 2', 'aegisInvalid', { field: 'entry' }],
      ['GitHub (ada@example.com)', 'aegisInvalid', { field: 'info' }],
      ['GitHub (digits)', 'aegisInvalid', { field: 'info.digits' }],
      ['GitHub (period)', 'aegisInvalid', { field: 'info.period' }],
      ['GitHub (counter)', 'aegisInvalid', { field: 'info.counter' }],
      ['GitHub (secret)', 'aegisInvalid', { field: 'info.secret' }],
      // No name at all: stored without one, the vault refuses it by its own rule.
      'ok',
    ]);
  });
});

describe('Keyfob’s Aegis backup, read by the independent reader', () => {
  const ACCOUNTS: OtpAccount[] = [
    {
      issuer: 'GitHub',
      label: 'ada',
      secret: 'JBSWY3DPEHPK3PXP',
      params: defaultParams(),
      extra: {},
      favourite: true,
      tags: ['Work'],
    },
    {
      issuer: '',
      label: '张三',
      secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
      params: { ...defaultParams(), algorithm: 'SHA512', digits: 8, period: 60 },
      extra: {},
      tags: ['Work', 'Home'],
    },
    {
      issuer: 'Bank',
      label: 'c',
      secret: 'MFRGGZDFMZTWQ2LK',
      params: { ...defaultParams('hotp'), counter: 9 },
      extra: {},
    },
    { issuer: 'Steam', label: 'g', secret: 'NBSWY3DPO5XXE3DE', params: defaultParams('steam'), extra: {} },
  ];

  it('seals it as Aegis does: scrypt 2^15/8/1, a 256-bit salt, a fresh master key, AES-256-GCM', async () => {
    const one = await writeAegisVault(ACCOUNTS, { password: 'correct horse' });
    if (!('file' in one)) throw new Error('expected a file');
    expect(one.encrypted).toBe(true);
    expect(one.count).toBe(4);
    const text = new TextDecoder().decode(one.file);
    const read = await readAegisVault(text, 'correct horse');
    expect(read.slot).toMatchObject({
      n: AEGIS_SCRYPT.N,
      r: AEGIS_SCRYPT.r,
      p: AEGIS_SCRYPT.p,
      saltBytes: 32,
    });
    expect(read.slot).toEqual({
      n: 32768,
      r: 8,
      p: 1,
      saltBytes: 32,
      uuid: expect.stringMatching(/^[0-9a-f-]{36}$/) as string,
    });
    expect(read.contentVersion).toBe(3);
    expect(read.entries.map((e) => [e.type, e.issuer, e.name, e.info, e.favorite, e.groupNames])).toEqual([
      [
        'totp',
        'GitHub',
        'ada',
        { secret: 'JBSWY3DPEHPK3PXP', algo: 'SHA1', digits: 6, period: 30 },
        true,
        ['Work'],
      ],
      [
        'totp',
        '',
        '张三',
        { secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', algo: 'SHA512', digits: 8, period: 60 },
        false,
        ['Work', 'Home'],
      ],
      ['hotp', 'Bank', 'c', { secret: 'MFRGGZDFMZTWQ2LK', algo: 'SHA1', digits: 6, counter: 9 }, false, []],
      ['steam', 'Steam', 'g', { secret: 'NBSWY3DPO5XXE3DE', algo: 'SHA1', digits: 5, period: 30 }, false, []],
    ]);
    await expect(readAegisVault(text, 'wrong')).rejects.toThrow();
    // A fresh master key, salt and nonces each time: nothing repeats between two backups of the same accounts.
    const two = await writeAegisVault(ACCOUNTS, { password: 'correct horse' });
    if (!('file' in two)) throw new Error('expected a file');
    const [h1, h2] = [one, two].map(
      (x) =>
        JSON.parse(new TextDecoder().decode(x.file)) as {
          header: { slots: [{ key: string; salt: string }]; params: { nonce: string } };
        },
    );
    expect(h1!.header.slots[0].key).not.toBe(h2!.header.slots[0].key);
    expect(h1!.header.slots[0].salt).not.toBe(h2!.header.slots[0].salt);
    expect(h1!.header.params.nonce).not.toBe(h2!.header.params.nonce);
  });

  it('writes the plain vault too, and refuses an empty password', async () => {
    const plain = await writeAegisVault(ACCOUNTS, { plain: true });
    if (!('file' in plain)) throw new Error('expected a file');
    expect(plain.encrypted).toBe(false);
    const read = await readAegisVault(new TextDecoder().decode(plain.file));
    expect(read.encrypted).toBe(false);
    expect(read.entries.map((e) => e.info.secret)).toEqual(ACCOUNTS.map((a) => a.secret));
    for (const options of [{}, { password: '' }]) {
      const error = await caught(() => writeAegisVault(ACCOUNTS, options));
      expect(error.key).toBe('exportPasswordEmpty');
      wordedEverywhere(forWindow(error));
    }
  });

  it('round-trips through the vault: favourites and tags out to Aegis and back into another vault', async () => {
    const from = services();
    await from.accounts.import([
      textInput('otpauth://totp/GitHub:ada?secret=JBSWY3DPEHPK3PXP&issuer=GitHub'),
    ]);
    const [github] = await from.vault.list();
    await from.vault.setFavourite(github!.id, true);
    await from.vault.setTags(github!.id, ['Work', 'Private']);
    await from.accounts.import([
      textInput(
        'otpauth://hotp/Bank:c?secret=MFRGGZDFMZTWQ2LK&issuer=Bank&counter=5&digits=8&algorithm=SHA256',
      ),
    ]);
    const file = await from.accounts.exportFile('aegis', { password: 'pw' });
    const independent = await readAegisVault(new TextDecoder().decode(file.file), 'pw');
    expect(independent.entries.map((e) => [e.issuer, e.name, e.favorite, e.groupNames])).toEqual([
      ['GitHub', 'ada', true, ['Work', 'Private']],
      ['Bank', 'c', false, []],
    ]);
    const to = services();
    const report = await to.accounts.import([{ bytes: file.file, fileName: 'backup.json' }], {
      password: 'pw',
    });
    expect(report.entries.map((e) => e.status)).toEqual(['added', 'added']);
    const listed = await to.vault.list();
    expect(
      listed.map((a) => [a.issuer, a.label, a.type, a.algorithm, a.digits, a.counter, a.favourite, a.tags]),
    ).toEqual([
      ['GitHub', 'ada', 'totp', 'SHA1', 6, 0, true, ['Work', 'Private']],
      ['Bank', 'c', 'hotp', 'SHA256', 8, 5, undefined, undefined],
    ]);
    // The lines formats are unchanged, and each kind of export is asked for by its own function.
    expect((await from.accounts.export('otpauth')).lines).toHaveLength(2);
    expect((await caught(() => from.accounts.export('aegis'))).code).toBe('EXPORT_UNSUPPORTED');
    expect((await caught(() => from.accounts.exportFile('otpauth', {}))).code).toBe('EXPORT_UNSUPPORTED');
  });
});

describe('hostile Aegis files (fast-check)', () => {
  /** Whatever the file held, what a message repeats of it is short and printable. */
  const plainParams = (params: Record<string, string | number> | undefined) =>
    Object.values(params ?? {}).every((v) => typeof v === 'number' || /^[\x20-\x7e]{0,64}$/.test(v));

  /** What parse may do with any input: read it, or throw a KeyfobError; and any account it returns has a good key. */
  async function holds(input: Uint8Array, password?: string): Promise<void> {
    try {
      const parsed = await aegis.parse(input, password === undefined ? {} : { password });
      for (const e of parsed.entries) {
        if (e.status !== 'ok') {
          expect(typeof e.reason).toBe('string');
          expect(e.key).toBeDefined();
          expect(plainParams(e.params)).toBe(true);
          continue;
        }
        expect(normaliseSecret(e.account.secret)).toBe(e.account.secret);
        expect(['totp', 'hotp', 'steam']).toContain(e.account.params.type);
        expect(['SHA1', 'SHA256', 'SHA512']).toContain(e.account.params.algorithm);
      }
    } catch (error) {
      if (!isKeyfobError(error)) throw error;
      expect(error.key).toBeDefined();
      expect(plainParams(error.params)).toBe(true);
    }
  }

  it('survives any JSON value in any field of a plain vault', async () => {
    const base = JSON.parse(await aegisVault(SAMPLE)) as Record<string, unknown>;
    const paths = [
      ['version'],
      ['header'],
      ['header', 'slots'],
      ['db'],
      ['db', 'version'],
      ['db', 'entries'],
      ['db', 'groups'],
      ['db', 'entries', 0],
      ['db', 'entries', 0, 'type'],
      ['db', 'entries', 0, 'name'],
      ['db', 'entries', 0, 'groups'],
      ['db', 'entries', 0, 'favorite'],
      ['db', 'entries', 1, 'info'],
      ['db', 'entries', 1, 'info', 'secret'],
      ['db', 'entries', 1, 'info', 'algo'],
      ['db', 'entries', 1, 'info', 'digits'],
      ['db', 'entries', 1, 'info', 'period'],
      ['db', 'entries', 2, 'info', 'counter'],
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom(...paths), fc.jsonValue({ maxDepth: 3 })), {
          minLength: 1,
          maxLength: 4,
        }),
        async (changes) => {
          const file = structuredClone(base);
          for (const [path, value] of changes) {
            let at: unknown = file;
            for (const step of path.slice(0, -1))
              at = (at as Record<string | number, unknown> | null)?.[step];
            if (typeof at === 'object' && at !== null)
              (at as Record<string | number, unknown>)[path.at(-1)!] = value;
          }
          await holds(bytes(JSON.stringify(file)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('survives cut, mutated and huge files, and hostile headers of encrypted ones', async () => {
    const plain = await aegisVault(SAMPLE);
    const encrypted = JSON.parse(
      await aegisVault(SAMPLE, { password: 'pw', scrypt: { n: 16, r: 1, p: 1 } }),
    ) as {
      header: { slots: Array<Record<string, unknown>>; params: Record<string, unknown> };
    };
    await fc.assert(
      fc.asyncProperty(fc.nat(plain.length), fc.string({ maxLength: 8 }), async (at, insert) => {
        await holds(bytes(plain.slice(0, at) + insert + plain.slice(at + insert.length)));
      }),
      { numRuns: 300 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('n', 'r', 'p', 'salt', 'key', 'type', 'key_params'),
        fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.integer({ min: -4, max: 2 ** 31 }), fc.constant(2 ** 53)),
        fc.constantFrom('nonce', 'tag', 'none'),
        fc.oneof(
          fc.string({ maxLength: 40 }),
          fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 24, maxLength: 24 }),
        ),
        async (field, value, param, paramValue) => {
          const file = structuredClone(encrypted);
          file.header.slots[0]![field] = value;
          if (param !== 'none') file.header.params[param] = paramValue;
          await holds(bytes(JSON.stringify(file)), 'pw');
        },
      ),
      { numRuns: 200 },
    );
    const huge = 'A'.repeat(2_000_000);
    await holds(
      bytes(
        await aegisVault([
          { type: 'totp', name: huge, issuer: huge, secret: 'JBSWY3DPEHPK3PXP', groups: [huge] },
        ]),
      ),
    );
    await holds(
      bytes(await aegisVault([{ type: 'totp', name: 'x', issuer: 'y', secret: 'A'.repeat(1_000_000) }])),
    );
    const manySlots = structuredClone(encrypted);
    manySlots.header.slots = Array(1000).fill(manySlots.header.slots[0]);
    // Only the first few password slots are tried: a thousand wrong ones cost four derivations, not a thousand.
    expect((await caught(() => aegis.parse(bytes(JSON.stringify(manySlots)), { password: 'no' }))).code).toBe(
      'PASSWORD_WRONG',
    );
  });
});
