/**
 * Authenticator Pro / Stratum backups and Bitwarden exports (main/formats/authenticator-pro.ts, bitwarden.ts):
 * detection against the other formats, real exports, files written by the generators in test/support/formats/
 * (plain and encrypted), wrong passwords, damaged files, and properties over hostile input.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readImport } from '../../main/accounts';
import { isKeyfobError, KeyfobError } from '../../main/errors';
import { FORMATS, FormatRegistry, type ParseResult } from '../../main/formats';
import { authenticatorPro } from '../../main/formats/authenticator-pro';
import { bitwarden, BITWARDEN_KDF_LIMITS } from '../../main/formats/bitwarden';
import { buildMigrationUris } from '../../main/otp/migration';
import { normaliseSecret } from '../../main/otp/secret';
import { defaultParams, type OtpAccount } from '../../main/otp/types';
import { createServices } from '../../main/services';
import { MemoryKeychain } from '../../main/vault/memory-keychain';
import { caught, forWindow } from '../support/error-checks';
import {
  AUTH_TYPE,
  authenticator,
  authProBackup,
  htmlAuthPro,
  legacyAuthPro,
  plainAuthPro,
  strongAuthPro,
} from '../support/formats/authenticator-pro';
import {
  authenticatorAppJson,
  bitwardenAccountRestricted,
  bitwardenCsv,
  bitwardenJson,
  bitwardenProtected,
  CIPHER_TYPE,
  encString,
  item,
  stretch,
} from '../support/formats/bitwarden';
import { errorText, reasonText } from '../support/words';
import { stored } from '../support/formats/stored';

const FIXTURES = join(__dirname, '..', 'fixtures', 'formats');
const fixture = (path: string) => new Uint8Array(readFileSync(join(FIXTURES, path)));
const bytes = (text: string) => new TextEncoder().encode(text);
const registry = new FormatRegistry();
/**
 * Tests that derive Argon2id keys (about a second each at 64 MiB on an idle machine, several when the machine is
 * shared) get room enough that a busy machine never fails them.
 */
const SLOW_KDF = 180_000;

/** What a test compares of an account: its names, key and parameters. */
const summary = (a: OtpAccount) => [a.issuer, a.label, a.secret, a.params];
const params = (fields: Partial<OtpAccount['params']>, type: OtpAccount['params']['type'] = 'totp') => ({
  ...defaultParams(type),
  ...fields,
});

function oks(result: ParseResult): OtpAccount[] {
  return result.entries.flatMap((e) => (e.status === 'ok' ? [e.account] : []));
}
function refusals(result: ParseResult) {
  return result.entries.flatMap((e) =>
    e.status === 'refused' ? [{ name: e.name, key: e.key, params: e.params, place: e.place }] : [],
  );
}

/** The accounts of the real exports (Aegis's test data), as their apps meant them. */
const REAL: Array<[string, string, string, OtpAccount['params']]> = [
  ['Deno', 'Mason', '4SJHB4GSD43FZBAI7C2HLRJGPQ', params({})],
  ['SPDX', 'James', '5OM4WOOGPLQEF6UGN3CPEOOLWU', params({ algorithm: 'SHA256', digits: 7, period: 20 })],
  ['Airbnb', 'Elijah', '7ELGJSGXNCCTV3O6LKJWYFV2RA', params({ algorithm: 'SHA512', digits: 8, period: 50 })],
];

/** Minimal files of the other formats issue 9 reads, shaped as their apps' docs describe them. */
const OTHERS: Record<string, string> = {
  otpauth: 'otpauth://totp/GitHub:ada?secret=JBSWY3DPEHPK3PXP&issuer=GitHub\n',
  'google-migration': buildMigrationUris([
    { issuer: 'A', label: 'a', secret: 'JBSWY3DPEHPK3PXP', params: defaultParams() },
  ]).uris.join('\n'),
  aegis: JSON.stringify({
    version: 1,
    header: { slots: null, params: null },
    db: {
      version: 3,
      entries: [{ type: 'totp', name: 'a', issuer: 'A', info: { secret: 'JBSWY3DPEHPK3PXP' } }],
    },
  }),
  twofas: JSON.stringify({
    services: [{ name: 'A', secret: 'JBSWY3DPEHPK3PXP', otp: { account: 'a', tokenType: 'TOTP' } }],
    schemaVersion: 4,
  }),
  andotp: JSON.stringify([{ secret: 'JBSWY3DPEHPK3PXP', label: 'a', type: 'TOTP', digits: 6, period: 30 }]),
  freeotpplus: JSON.stringify({ tokens: [{ issuerExt: 'A', label: 'a', secret: [1, 2, 3], type: 'TOTP' }] }),
  proton: JSON.stringify({
    version: 1,
    entries: [{ content: { uri: 'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP' } }],
  }),
  ente: 'otpauth://totp/A:a?secret=JBSWY3DPEHPK3PXP&issuer=A\n',
  csvOther: 'name,secret\nA,JBSWY3DPEHPK3PXP\n',
};

describe('detection', () => {
  it('knows its own files, plain and encrypted, over every other format', async () => {
    const backup = authProBackup([authenticator()]);
    expect(registry.detect(plainAuthPro(backup)).id).toBe('authenticator-pro');
    expect(registry.detect(legacyAuthPro(backup, 'pw')).id).toBe('authenticator-pro');
    expect(registry.detect(fixture('authenticator-pro/stratum_plain.json')).id).toBe('authenticator-pro');
    // The header alone tells an encrypted backup, whatever the file's name.
    const header = bytes('AUTHENTICATORPRO0123456789abcdef');
    expect(registry.detect(header, 'x.bin').id).toBe('authenticator-pro');

    const items = [item({ name: 'GitHub', totp: 'JBSWY3DPEHPK3PXP' })];
    expect(registry.detect(bytes(bitwardenJson(items))).id).toBe('bitwarden');
    expect(registry.detect(fixture('bitwarden/bitwarden.json')).id).toBe('bitwarden');
    expect(registry.detect(fixture('bitwarden/bitwarden.csv')).id).toBe('bitwarden');
    expect(registry.detect(bytes(bitwardenCsv([{ name: 'A', totp: 'JBSWY3DPEHPK3PXP' }]))).id).toBe(
      'bitwarden',
    );
    expect(registry.detect(bytes(authenticatorAppJson([{ name: 'A', totp: 'JBSWY3DPEHPK3PXP' }]))).id).toBe(
      'bitwarden',
    );
    const locked = await bitwardenProtected(bitwardenJson(items), 'pw', { kdfType: 0, kdfIterations: 5000 });
    expect(registry.detect(bytes(locked)).id).toBe('bitwarden');
    expect(registry.detect(bytes(bitwardenAccountRestricted())).id).toBe('bitwarden');
  });

  it('leaves the other formats’ files alone, the app’s own link list and HTML export included', async () => {
    for (const [name, text] of Object.entries(OTHERS)) {
      expect(authenticatorPro.detect(bytes(text), `${name}.json`), name).toBe(0);
      expect(bitwarden.detect(bytes(text), `${name}.json`), name).toBe(0);
    }
    // The real exports of the other apps Keyfob reads are theirs, never these formats'.
    for (const dir of ['2fas', 'andotp'])
      for (const name of readdirSync(join(FIXTURES, dir))) {
        const file = fixture(`${dir}/${name}`);
        expect(authenticatorPro.detect(file, name), name).toBe(0);
        expect(bitwarden.detect(file, name), name).toBe(0);
        expect(registry.detect(file, name).id, name).toBe(dir);
      }
    const uri = 'otpauth://totp/GitHub:ada?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';
    // Stratum's "URI list" export is otpauth:// text, the otpauth format's to read; its HTML export is no
    // format's, and the registry says it is a web page, in one error.
    const html = htmlAuthPro([{ issuer: 'GitHub', username: 'ada', uri }]);
    for (const text of [`${uri}\n${uri}\n`, html]) {
      expect(authenticatorPro.detect(bytes(text), 'backup.html')).toBe(0);
      expect(bitwarden.detect(bytes(text), 'backup.html')).toBe(0);
    }
    expect(registry.detect(bytes(`${uri}\n${uri}\n`)).id).toBe('otpauth');
    expect(await caught(() => registry.detect(bytes(html), 'backup.html'))).toMatchObject({
      code: 'FORMAT_UNKNOWN',
      key: 'importLooksLike',
      params: { kind: 'html', file: 'backup.html' },
    });
    // Bytes that are not text are never a Bitwarden export; an unrelated name is no Stratum backup.
    expect(bitwarden.detect(new Uint8Array([0xff, 0xfe, 0x00]))).toBe(0);
    expect(authenticatorPro.detect(new Uint8Array([0xff, 0xfe, 0x00]), 'x.bin')).toBe(0);
  });

  it('takes a .authpro name as a hint only, and never throws on odd input', () => {
    expect(authenticatorPro.detect(bytes('{"x":1}'), 'backup.authpro')).toBe(0.3);
    expect(registry.detect(bytes('{"x":1}'), 'backup.authpro').id).toBe('authenticator-pro');
    for (const odd of ['', '{', '{"items":', '{"Authenticators":"no"}', '"items"', 'login_totp', '\u0000']) {
      expect(() => authenticatorPro.detect(bytes(odd), 'a.json')).not.toThrow();
      expect(() => bitwarden.detect(bytes(odd), 'a.csv')).not.toThrow();
    }
    expect(authenticatorPro.detect(bytes('{"Authenticators":"no"}'))).toBe(0);
  });
});

describe('Authenticator Pro (Stratum)', () => {
  it('carries each authenticator’s categories into its account as tags, which the vault stores', async () => {
    const backup = authProBackup(
      [
        authenticator({ Issuer: 'GitHub', Username: 'ada', Secret: 'JBSWY3DPEHPK3PXP' }),
        authenticator({ Issuer: 'Mail', Username: 'ada', Secret: 'GEZDGNBVGY3TQOJQ' }),
        authenticator({ Issuer: 'Bank', Username: 'ada', Secret: 'MFRGGZDFMZTWQ2LK' }),
      ],
      [
        { name: 'Work', secrets: ['JBSWY3DPEHPK3PXP', 'MFRGGZDFMZTWQ2LK'] },
        { name: 'Money', secrets: ['MFRGGZDFMZTWQ2LK'] },
        { name: 'Nobody', secrets: ['AAAAAAAAAAAAAAAA'] },
      ],
    );
    const file = plainAuthPro(backup);
    expect(oks(await authenticatorPro.parse(file, {})).map((a) => a.tags)).toEqual([
      ['Work'],
      undefined,
      ['Work', 'Money'],
    ]);
    expect(await stored(file, 'backup.authpro')).toEqual([
      ['GitHub', false, ['Work']],
      ['Mail', false, []],
      ['Bank', false, ['Work', 'Money']],
    ]);
  });

  it('reads a real backup the app wrote: TOTP, HOTP and Steam, every algorithm and parameter', async () => {
    const read = await authenticatorPro.parse(fixture('authenticator-pro/stratum_plain.json'), {});
    expect(refusals(read)).toEqual([]);
    expect(oks(read).map(summary)).toEqual([
      ...REAL.map(([issuer, label, secret, p]) => [issuer, label, secret, p]),
      ['Issuu', 'James', 'YOOMIXWS5GN6RTBPUFFWKTW5M4', params({ counter: 1 }, 'hotp')],
      [
        'Air Canada',
        'Benjamin',
        'KUVJJOM753IHTNDSZVCNKL7GII',
        params({ algorithm: 'SHA256', digits: 7, counter: 50 }, 'hotp'),
      ],
      [
        'WWE',
        'Mason',
        '5VAML3X35THCEBVRLV24CGBKOY',
        params({ algorithm: 'SHA512', digits: 8, counter: 10300 }, 'hotp'),
      ],
      ['Boeing', 'Sophia', 'JRZCL47CMXVOQMNPZR2F7J4RGI', params({}, 'steam')],
    ]);
  });

  const backup = authProBackup(
    [
      authenticator({ Issuer: 'GitHub', Username: 'ada', Secret: 'jbsw y3dp ehpk 3pxp' }),
      authenticator({ Type: AUTH_TYPE.hotp, Issuer: 'Bank', Username: null, Counter: 7, Digits: 8 }),
      authenticator({
        Type: AUTH_TYPE.mobileOtp,
        Issuer: 'Old VPN',
        Username: 'me',
        Secret: '0123456789abcdef',
        Pin: '1234',
      }),
      authenticator({ Type: AUTH_TYPE.yandex, Issuer: 'Yandex', Username: 'ivan', Pin: '9876' }),
    ],
    [{ name: 'Work', secrets: ['jbsw y3dp ehpk 3pxp'] }],
  );
  const expected = [
    ['GitHub', 'ada', 'JBSWY3DPEHPK3PXP', params({})],
    // No username: the issuer names the account, as the app shows it.
    ['Bank', 'Bank', 'JBSWY3DPEHPK3PXP', params({ digits: 8, counter: 7 }, 'hotp')],
  ];
  const refusedTypes = [
    {
      name: 'Old VPN (me)',
      key: 'formatTypeUnsupported',
      params: { type: 'mOTP (Mobile-OTP)' },
      place: undefined,
    },
    { name: 'Yandex (ivan)', key: 'formatTypeUnsupported', params: { type: 'Yandex' }, place: undefined },
  ];

  // One strong backup for every test: each Argon2id derivation (64 MiB, 3 passes) takes about a second.
  const strong = strongAuthPro(backup, 'pw');

  it(
    'reads plain, strong (Argon2id + AES-GCM) and legacy (PBKDF2 + AES-CBC) backups alike',
    async () => {
      for (const file of [plainAuthPro(backup), await strong, legacyAuthPro(backup, 'pw')]) {
        const read = await authenticatorPro.parse(file, { password: 'pw' });
        expect(oks(read).map(summary)).toEqual(expected);
        expect(refusals(read)).toEqual(refusedTypes);
      }
    },
    SLOW_KDF,
  );

  it(
    'asks for the password, says when it is wrong, and adds nothing then',
    async () => {
      const services = createServices({
        dataDir: mkdtempSync(join(tmpdir(), 'keyfob-authpro-')),
        keychain: new MemoryKeychain(),
        clock: { now: () => Date.UTC(2026, 11, 1) },
      });
      for (const file of [await strong, legacyAuthPro(backup, 'pw')]) {
        const input = [{ bytes: file, fileName: 'backup.authpro' }];
        const needed = await caught(() => services.accounts.import(input));
        expect(needed.code).toBe('PASSWORD_NEEDED');
        expect(forWindow(needed).params).toEqual({ format: 'authenticator-pro' });
        const wrong = await caught(() => services.accounts.import(input, { password: 'not it' }));
        expect(wrong.code).toBe('PASSWORD_WRONG');
        expect(errorText(forWindow(wrong), 'de').message).toContain('Authenticator Pro (Stratum)');
        expect(await services.vault.list()).toEqual([]);
      }
      const report = await services.accounts.import([{ bytes: legacyAuthPro(backup, 'pw') }], {
        password: 'pw',
      });
      expect(report.entries.map((e) => [e.status, e.name])).toEqual([
        ['added', 'GitHub (ada)'],
        ['added', 'Bank (Bank)'],
        ['refused', 'Old VPN (me)'],
        ['refused', 'Yandex (ivan)'],
      ]);
      expect((await services.vault.list()).map((a) => a.type)).toEqual(['totp', 'hotp']);
      services.close();
    },
    SLOW_KDF,
  );

  it(
    'refuses a damaged or truncated file as a whole',
    async () => {
      const plain = plainAuthPro(backup);
      const sealed = await strong;
      const legacy = legacyAuthPro(backup, 'pw');
      const damagedFiles = [
        plain.subarray(0, plain.length - 20),
        bytes('{"Authenticators": {}}'),
        bytes('[1, 2]'),
        // Headers cut before the data, and CBC data that is not whole blocks.
        sealed.subarray(0, 40),
        legacy.subarray(0, 52),
        legacy.subarray(0, legacy.length - 3),
      ];
      for (const file of damagedFiles) {
        const error = await caught(() => authenticatorPro.parse(file, { password: 'pw' }));
        expect(error.code).toBe('IMPORT_INVALID');
        const info = forWindow(error);
        expect(info).toMatchObject({ key: 'importDamaged', params: { format: 'authenticator-pro' } });
        expect(errorText(info, 'zh-CN').message).toContain('Authenticator Pro (Stratum)');
      }
    },
    SLOW_KDF,
  );

  it(
    'takes one changed or missing byte of a strong backup for a wrong password (GCM cannot tell them apart)',
    async () => {
      const sealed = await strong;
      const flipped = Uint8Array.from(sealed);
      flipped[flipped.length - 30]! ^= 1;
      expect((await caught(() => authenticatorPro.parse(flipped, { password: 'pw' }))).code).toBe(
        'PASSWORD_WRONG',
      );
      const cut = sealed.subarray(0, sealed.length - 5);
      expect((await caught(() => authenticatorPro.parse(cut, { password: 'pw' }))).code).toBe(
        'PASSWORD_WRONG',
      );
    },
    SLOW_KDF,
  );

  it('refuses each entry it cannot use by name, with its reason, and reads the rest', async () => {
    const entries = [
      authenticator({ Issuer: 'Good', Username: 'g' }),
      authenticator({ Issuer: 'Kind', Username: 'k', Type: 9 }),
      authenticator({ Issuer: 'Algo', Username: 'a', Algorithm: 7 }),
      authenticator({ Issuer: 'Long', Username: 'l', Digits: 10 }),
      authenticator({ Issuer: 'Text', Username: 't', Digits: '6' }),
      authenticator({ Issuer: 'Slow', Username: 's', Period: 0 }),
      authenticator({ Issuer: 'Back', Username: 'b', Type: AUTH_TYPE.hotp, Counter: -1 }),
      authenticator({ Issuer: 'Bad', Username: 'x', Secret: '0O0O0O0O' }),
      authenticator({ Issuer: 'None', Username: 'n', Secret: null }),
      authenticator({ Issuer: 'Odd', Username: 'o', Secret: 42 }),
      authenticator({ Issuer: 'What', Username: 'w', Type: 'TOTP' }),
      'not an account',
      authenticator({ Issuer: null, Username: null, Type: 8 }),
      authenticator({ Issuer: 'Gone', Username: 'g', Algorithm: null, Digits: null, Period: null }),
    ];
    const read = await authenticatorPro.parse(plainAuthPro(authProBackup(entries)), {});
    expect(oks(read).map((a) => a.issuer)).toEqual(['Good', 'Gone']);
    expect(refusals(read).map((r) => [r.name, r.key, r.params])).toEqual([
      ['Kind (k)', 'migrationEntryType', { number: 9 }],
      ['Algo (a)', 'migrationEntryAlgorithm', { number: 7 }],
      ['Long (l)', 'uriDigitsUnsupported', { digits: 10 }],
      ['Text (t)', 'importEntryFieldType', { field: 'Digits' }],
      ['Slow (s)', 'vaultPeriodInvalid', { period: '0' }],
      ['Back (b)', 'vaultCounterInvalid', { counter: '-1' }],
      ['Bad (x)', 'secretNotBase32', { chars: '"0"', count: 1 }],
      ['None (n)', 'migrationEntryNoKey', undefined],
      ['Odd (o)', 'importEntryFieldType', { field: 'Secret' }],
      ['What (w)', 'importEntryFieldType', { field: 'Type' }],
      ['entry 12', 'importEntryNotObject', undefined],
      ['entry 13', 'migrationEntryType', { number: 8 }],
    ]);
    expect(refusals(read)[10]!.place).toEqual({ kind: 'entry', n: 12 });
    // Each reason in each language.
    for (const r of read.entries)
      if (r.status === 'refused')
        for (const lang of ['en', 'de', 'zh-CN']) {
          const words = reasonText(
            { reason: r.reason, reasonKey: r.key!, ...(r.params ? { reasonParams: r.params } : {}) },
            lang,
          );
          expect(words).not.toMatch(/\{\{|\$t\(/);
          if (lang === 'en') expect(words).toBe(r.reason);
        }
    expect(
      reasonText({ reason: '', reasonKey: 'formatTypeUnsupported', reasonParams: { type: 'Yandex' } }, 'de'),
    ).toBe('Keyfob kann keine Yandex-Codes erzeugen.');
  });
});

describe('Bitwarden', () => {
  it('reads the real JSON and CSV exports: otpauth:// links and a steam:// key', async () => {
    for (const file of ['bitwarden/bitwarden.json', 'bitwarden/bitwarden.csv']) {
      const read = await bitwarden.parse(fixture(file), {});
      expect(refusals(read)).toEqual([]);
      const accounts = oks(read);
      expect(accounts.slice(0, 3).map(summary)).toEqual(REAL);
      // A bare Steam key: the item's name is all there is to call it by.
      expect(summary(accounts[3]!)).toEqual([
        file.endsWith('json') ? 'Test Steam' : 'Test 4',
        file.endsWith('json') ? 'Test Steam' : 'Test 4',
        'JRZCL47CMXVOQMNPZR2F7J4RGI',
        params({}, 'steam'),
      ]);
    }
  });

  const items = [
    item({
      name: 'GitHub',
      username: 'ada',
      totp: 'otpauth://totp/GitHub:ada?secret=JBSWY3DPEHPK3PXP&issuer=GitHub&digits=8',
    }),
    item({
      name: 'Mail',
      username: 'ada@example.com',
      uris: ['https://mail.example.com/login'],
      totp: 'jbsw y3dp ehpk 3pxq',
    }),
    item({ name: '', uris: ['https://vpn.example.org'], totp: 'JBSWY3DPEHPK3PXR' }),
    item({ name: 'Steam', username: 'gaben', totp: 'steam://JBSWY3DPEHPK3PXS' }),
    item({ name: 'Forum', username: 'ada', totp: 'otpauth://totp/ada?secret=JBSWY3DPEHPK3PXT' }),
    item({ name: 'Shop', username: 'ada' }),
    item({ name: 'Wifi', type: CIPHER_TYPE.secureNote }),
    item({ name: 'Visa', type: CIPHER_TYPE.card }),
    item({ name: 'Broken', username: 'b', totp: 'not-a-key-1' }),
  ];
  const expected = [
    ['GitHub', 'ada', 'JBSWY3DPEHPK3PXP', params({ digits: 8 })],
    // A bare key: the issuer from the item's name, the label from the username.
    ['Mail', 'ada@example.com', 'JBSWY3DPEHPK3PXQ', params({})],
    // No name: the login's site names it.
    ['vpn.example.org', 'vpn.example.org', 'JBSWY3DPEHPK3PXR', params({})],
    ['Steam', 'gaben', 'JBSWY3DPEHPK3PXS', params({}, 'steam')],
    // A link without an issuer takes the item's name.
    ['Forum', 'ada', 'JBSWY3DPEHPK3PXT', params({})],
  ];

  it('reads every item with a key from JSON, CSV and Bitwarden Authenticator, and leaves the rest out', async () => {
    const json = await bitwarden.parse(bytes(bitwardenJson(items)), {});
    expect(oks(json).map(summary)).toEqual(expected);
    expect(refusals(json)).toEqual([
      { name: 'Broken', key: 'secretNotBase32', params: expect.any(Object), place: undefined },
    ]);
    const rows = items.flatMap((i) => {
      const login = i.login as
        { username: string | null; totp: string | null; uris: Array<{ uri: string }> } | undefined;
      return login
        ? [
            {
              name: i.name as string,
              username: login.username ?? '',
              totp: login.totp ?? '',
              uris: login.uris.map((u) => u.uri),
            },
          ]
        : [];
    });
    const csv = await bitwarden.parse(bytes(bitwardenCsv(rows)), {});
    expect(oks(csv).map(summary)).toEqual(expected);
    expect(refusals(csv).map((r) => r.name)).toEqual(['Broken']);
    const app = await bitwarden.parse(
      bytes(authenticatorAppJson([{ name: 'GitHub', username: 'ada', totp: 'JBSWY3DPEHPK3PXP' }])),
      {},
    );
    expect(oks(app).map(summary)).toEqual([['GitHub', 'ada', 'JBSWY3DPEHPK3PXP', params({})]]);
  });

  it('stretches keys as Bitwarden does (the SDK’s own test vector checks the generator)', () => {
    const key = Uint8Array.from([
      31, 79, 104, 226, 150, 71, 177, 90, 194, 80, 172, 209, 17, 129, 132, 81, 138, 167, 69, 167, 254, 149, 2,
      27, 39, 197, 64, 42, 22, 195, 86, 75,
    ]);
    const { enc, mac } = stretch(key);
    expect([...enc]).toEqual([
      111, 31, 178, 45, 238, 152, 37, 114, 143, 215, 124, 83, 135, 173, 195, 23, 142, 134, 120, 249, 61, 132,
      163, 182, 113, 197, 189, 204, 188, 21, 237, 96,
    ]);
    expect([...mac]).toEqual([
      221, 127, 206, 234, 101, 27, 202, 38, 86, 52, 34, 28, 78, 28, 185, 16, 48, 61, 127, 166, 209, 247, 194,
      87, 232, 26, 48, 85, 193, 249, 179, 155,
    ]);
  });

  it(
    'opens a password-protected export, PBKDF2 or Argon2id, and adds nothing on a wrong password',
    async () => {
      const plain = bitwardenJson(items.slice(0, 2));
      const services = createServices({
        dataDir: mkdtempSync(join(tmpdir(), 'keyfob-bitwarden-')),
        keychain: new MemoryKeychain(),
        clock: { now: () => Date.UTC(2026, 11, 1) },
      });
      for (const kdf of [
        { kdfType: 0, kdfIterations: 600_000 },
        { kdfType: 1, kdfIterations: 3, kdfMemory: 16, kdfParallelism: 4 },
      ] as const) {
        const file = {
          bytes: bytes(await bitwardenProtected(plain, 'hunter2', kdf)),
          fileName: 'bitwarden.json',
        };
        expect((await caught(() => services.accounts.import([file]))).code).toBe('PASSWORD_NEEDED');
        const wrong = await caught(() => services.accounts.import([file], { password: 'hunter3' }));
        expect(wrong.code).toBe('PASSWORD_WRONG');
        expect(forWindow(wrong).params).toEqual({ format: 'bitwarden' });
        expect(await services.vault.list()).toEqual([]);
        const read = await readImport(registry, [file], { password: 'hunter2' });
        expect(read.accounts.map(summary)).toEqual(expected.slice(0, 2));
      }
      services.close();
    },
    SLOW_KDF,
  );

  it('refuses an account-restricted export, a costly key derivation and a damaged envelope, each by key', async () => {
    const restricted = await caught(() =>
      bitwarden.parse(bytes(bitwardenAccountRestricted()), { password: 'x' }),
    );
    expect(forWindow(restricted)).toMatchObject({ key: 'bitwardenAccountRestricted' });
    expect(errorText(forWindow(restricted), 'de').hint).toContain('Passwortgeschützt');

    const plain = bitwardenJson(items.slice(0, 1));
    const base = JSON.parse(
      await bitwardenProtected(plain, 'pw', { kdfType: 0, kdfIterations: 5000 }),
    ) as Record<string, unknown>;
    const limits = BITWARDEN_KDF_LIMITS;
    for (const costly of [
      { kdfIterations: limits.pbkdf2Iterations + 1 },
      { kdfType: 1, kdfIterations: limits.argon2Iterations + 1, kdfMemory: 64, kdfParallelism: 4 },
      { kdfType: 1, kdfIterations: 3, kdfMemory: limits.argon2MemoryMiB + 1, kdfParallelism: 4 },
      { kdfType: 1, kdfIterations: 3, kdfMemory: 64, kdfParallelism: limits.argon2Parallelism + 1 },
    ]) {
      const error = await caught(() =>
        bitwarden.parse(bytes(JSON.stringify({ ...base, ...costly })), { password: 'pw' }),
      );
      expect(forWindow(error)).toMatchObject({ key: 'importKdfTooCostly', params: { format: 'bitwarden' } });
    }
    const keys = stretch(new Uint8Array(32));
    for (const broken of [
      { salt: null },
      { kdfType: 7 },
      { kdfIterations: '600000' },
      { kdfType: 1, kdfIterations: 3, kdfMemory: null, kdfParallelism: 4 },
      { kdfType: 1, kdfIterations: 3, kdfMemory: 64, kdfParallelism: 0 },
      { kdfIterations: 0 },
      { data: 42 },
      { encKeyValidation_DO_NOT_EDIT: 'abc' },
      { encKeyValidation_DO_NOT_EDIT: '2.AAAA|AAAA' },
      { encKeyValidation_DO_NOT_EDIT: encString('x', keys).replace(/^2\./, '0.') },
      { data: `2.${Buffer.alloc(16).toString('base64')}|AAAA|${Buffer.alloc(32).toString('base64')}` },
    ]) {
      const error = await caught(() =>
        bitwarden.parse(bytes(JSON.stringify({ ...base, ...broken })), { password: 'pw' }),
      );
      expect(error.code, JSON.stringify(broken)).toBe('IMPORT_INVALID');
      expect(forWindow(error)).toMatchObject({ key: 'importDamaged' });
    }
    // The right password, and data that is not what its MAC says: damaged, not a wrong password.
    const data = String(base.data).split('|');
    const tampered = { ...base, data: `${data[0]}|${Buffer.alloc(32, 1).toString('base64')}|${data[2]}` };
    const error = await caught(() => bitwarden.parse(bytes(JSON.stringify(tampered)), { password: 'pw' }));
    expect(forWindow(error)).toMatchObject({ key: 'importDamaged' });
  });

  it('refuses a truncated export or one without items as a whole, and odd items one by one', async () => {
    const text = bitwardenJson(items);
    for (const file of [
      text.slice(0, text.length / 2),
      '{"encrypted": false, "items": {}}',
      'folder,name\n,A\n',
      'name,login_totp\n"A,JBSWY3DPEHPK3PXP\n',
    ]) {
      const error = await caught(() => bitwarden.parse(bytes(file), {}));
      expect(forWindow(error)).toMatchObject({ key: 'importDamaged', params: { format: 'bitwarden' } });
    }
    const odd = await bitwarden.parse(
      bytes(
        JSON.stringify({
          encrypted: false,
          items: [
            42,
            null,
            { name: 'x' },
            { name: 'n', login: { totp: 12 } },
            { login: { totp: 'otpauth://totp/?secret=AA' } },
          ],
        }),
      ),
      {},
    );
    expect(refusals(odd)).toEqual([
      { name: 'n', key: 'importEntryFieldType', params: { field: 'login.totp' }, place: undefined },
      { name: 'entry 5', key: 'uriEmptyAccountName', params: undefined, place: { kind: 'entry', n: 5 } },
    ]);
  });
});

describe('hostile input (fast-check)', () => {
  /** Parsing ends in entries or a KeyfobError, and every account read has a key Keyfob can use. */
  async function wellBehaved(format: typeof bitwarden, input: Uint8Array, password?: string): Promise<void> {
    try {
      const result = await format.parse(input, password === undefined ? {} : { password });
      for (const entry of result.entries) {
        if (entry.status !== 'ok') {
          expect(entry.key).toBeDefined();
          continue;
        }
        expect(normaliseSecret(entry.account.secret)).toBe(entry.account.secret);
        expect(entry.account.label.trim()).not.toBe('');
      }
    } catch (error) {
      if (!isKeyfobError(error)) throw error;
      expect(error).toBeInstanceOf(KeyfobError);
    }
  }

  const anyValue = fc.oneof(
    fc.string(),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.string(), { maxLength: 3 }),
    fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
    fc.string().map((s) => s.padEnd(20_000, 'A')),
  );

  it('Authenticator Pro: any values in any field', async () => {
    const field = fc.constantFrom(
      'Type',
      'Issuer',
      'Username',
      'Secret',
      'Algorithm',
      'Digits',
      'Period',
      'Counter',
      'Pin',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.dictionary(field, anyValue),
            anyValue.map((v) => authenticator({ Secret: v })),
          ),
          { maxLength: 6 },
        ),
        async (entries) => wellBehaved(authenticatorPro, plainAuthPro(authProBackup(entries))),
      ),
      { numRuns: 100 },
    );
  });

  it(
    'Authenticator Pro: any bytes after either header',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), async (tail) => {
          const file = Buffer.concat([Buffer.from('AuthenticatorPro'), tail]);
          await wellBehaved(authenticatorPro, file, 'pw');
        }),
        { numRuns: 60 },
      );
      // The strong header costs one Argon2id derivation a try: a few suffice.
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 80 }), async (tail) => {
          await wellBehaved(authenticatorPro, Buffer.concat([Buffer.from('AUTHENTICATORPRO'), tail]), 'pw');
        }),
        { numRuns: 2 },
      );
    },
    SLOW_KDF,
  );

  it('Bitwarden: any values in any field of the JSON, any cells of the CSV', async () => {
    const loginField = fc.constantFrom('totp', 'username', 'uris');
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            name: anyValue,
            type: anyValue,
            login: fc.oneof(anyValue, fc.dictionary(loginField, anyValue)),
          }),
          {
            maxLength: 5,
          },
        ),
        async (list) => wellBehaved(bitwarden, bytes(JSON.stringify({ encrypted: false, items: list }))),
      ),
      { numRuns: 100 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            name: fc.string(),
            username: fc.string(),
            totp: fc.string(),
            uris: fc.array(fc.string(), { maxLength: 2 }),
          }),
          {
            maxLength: 5,
          },
        ),
        async (rows) => wellBehaved(bitwarden, bytes(bitwardenCsv(rows))),
      ),
      { numRuns: 100 },
    );
  });

  it('Bitwarden: any envelope fields of a password-protected export', async () => {
    const base = JSON.parse(
      await bitwardenProtected(bitwardenJson([]), 'pw', { kdfType: 0, kdfIterations: 5000 }),
    ) as Record<string, unknown>;
    const field = fc.constantFrom(
      'salt',
      'kdfType',
      'kdfMemory',
      'kdfParallelism',
      'encKeyValidation_DO_NOT_EDIT',
      'data',
    );
    await fc.assert(
      fc.asyncProperty(fc.dictionary(field, anyValue, { maxKeys: 3 }), async (changes) => {
        await wellBehaved(bitwarden, bytes(JSON.stringify({ ...base, ...changes })), 'pw');
      }),
      { numRuns: 40 },
    );
  });

  it('reads or refuses a megabyte in a name or a key, one entry at a time', async () => {
    const mega = 'A'.repeat(1_000_000);
    const pro = await authenticatorPro.parse(
      plainAuthPro(
        authProBackup([authenticator({ Issuer: mega }), authenticator({ Issuer: 'K', Secret: mega })]),
      ),
      {},
    );
    expect(oks(pro).map((a) => a.issuer.length)).toEqual([1_000_000]);
    expect(refusals(pro).map((r) => r.key)).toEqual(['secretTooLong']);
    const bw = await bitwarden.parse(
      bytes(bitwardenJson([item({ name: mega, totp: 'JBSWY3DPEHPK3PXP' }), item({ name: 'K', totp: mega })])),
      {},
    );
    expect(oks(bw).map((a) => a.issuer.length)).toEqual([1_000_000]);
    expect(refusals(bw).map((r) => [r.name, r.key])).toEqual([['K', 'secretTooLong']]);
  });

  it('names every format of the registry, these two included', () => {
    expect(FORMATS.map((f) => f.id)).toEqual(expect.arrayContaining(['authenticator-pro', 'bitwarden']));
  });
});
