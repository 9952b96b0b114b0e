/**
 * The 2FAS and andOTP import formats (main/formats/twofas.ts, andotp.ts): real exports of both apps (Aegis's test
 * files, test/fixtures/formats/), files written by our own generators from the apps' code
 * (test/support/formats/), detection against the other formats, every refusal, passwords, and fast-check
 * properties over damaged and hostile input.
 */
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readImport } from '../../main/accounts';
import { isKeyfobError } from '../../main/errors';
import { FORMATS, FormatRegistry, type Format, type ParsedEntry } from '../../main/formats';
import { ANDOTP_ITERATION_CAP, andotp } from '../../main/formats/andotp';
import { twofas } from '../../main/formats/twofas';
import { buildMigrationUris } from '../../main/otp/migration';
import { normaliseSecret } from '../../main/otp/secret';
import { defaultParams, type OtpAccount } from '../../main/otp/types';
import { createServices } from '../../main/services';
import { MemoryKeychain } from '../../main/vault/memory-keychain';
import type { ErrorKey } from '../../preload/api';
import { caught, forWindow } from '../support/error-checks';
import {
  andotpEncrypted,
  andotpEncryptedOld,
  andotpEntry,
  andotpPlain,
  type AndotpAccount,
} from '../support/formats/andotp';
import { twofasEncrypted, twofasPlain, twofasService, type TwofasAccount } from '../support/formats/2fas';
import { errorText, reasonText } from '../support/words';
import { stored } from '../support/formats/stored';

const FIXTURES = join(__dirname, '../fixtures/formats');
const fixture = (path: string) => new Uint8Array(readFileSync(join(FIXTURES, path)));
const bytes = (text: string) => new TextEncoder().encode(text);
const registry = new FormatRegistry();

/** The accounts Aegis's test files hold (DatabaseImporterTest's vectors), by issuer. */
const VECTORS: Record<string, { label: string; secret: string; params: OtpAccount['params'] }> = {
  Deno: { label: 'Mason', secret: '4SJHB4GSD43FZBAI7C2HLRJGPQ', params: defaultParams() },
  SPDX: {
    label: 'James',
    secret: '5OM4WOOGPLQEF6UGN3CPEOOLWU',
    params: { ...defaultParams(), algorithm: 'SHA256', digits: 7, period: 20 },
  },
  Airbnb: {
    label: 'Elijah',
    secret: '7ELGJSGXNCCTV3O6LKJWYFV2RA',
    params: { ...defaultParams(), algorithm: 'SHA512', digits: 8, period: 50 },
  },
  Issuu: {
    label: 'James',
    secret: 'YOOMIXWS5GN6RTBPUFFWKTW5M4',
    params: { ...defaultParams('hotp'), counter: 1 },
  },
  'Air Canada': {
    label: 'Benjamin',
    secret: 'KUVJJOM753IHTNDSZVCNKL7GII',
    params: { ...defaultParams('hotp'), algorithm: 'SHA256', digits: 7, counter: 50 },
  },
  WWE: {
    label: 'Mason',
    secret: '5VAML3X35THCEBVRLV24CGBKOY',
    params: { ...defaultParams('hotp'), algorithm: 'SHA512', digits: 8, counter: 10300 },
  },
  Boeing: { label: 'Sophia', secret: 'JRZCL47CMXVOQMNPZR2F7J4RGI', params: defaultParams('steam') },
};

function ok(entries: ParsedEntry[]): OtpAccount[] {
  return entries.flatMap((e) => (e.status === 'ok' ? [e.account] : []));
}

function refusals(entries: ParsedEntry[]) {
  return entries.flatMap((e) =>
    e.status === 'refused' ? [{ name: e.name, key: e.key, params: e.params, place: e.place }] : [],
  );
}

/** What the app's own fixtures must give: each vector, with what the schema could carry. */
function expectVectors(accounts: OtpAccount[], issuers: string[], adjust = (p: OtpAccount['params']) => p) {
  expect(accounts.map((a) => a.issuer)).toEqual(issuers);
  for (const a of accounts) {
    const v = VECTORS[a.issuer]!;
    expect(a, a.issuer).toEqual({
      issuer: a.issuer,
      label: v.label,
      secret: v.secret,
      params: adjust(v.params),
      extra: {},
    });
  }
}

describe('2FAS backups', () => {
  it('carries each service’s group into its account as a tag, which the vault stores', async () => {
    const file = twofasPlain(
      [
        { name: 'GitHub', account: 'ada', secret: 'JBSWY3DPEHPK3PXP', groupId: 'g1' },
        { name: 'Mail', account: 'ada', secret: 'GEZDGNBVGY3TQOJQ', groupId: 'no such group' },
        { name: 'Bank', account: 'ada', secret: 'MFRGGZDFMZTWQ2LK' },
        { name: 'Shop', account: 'ada', secret: 'MFRGGZDFMZTWQ2LL', groupId: 'g2' },
      ],
      {
        groups: [
          { id: 'g1', name: 'Work' },
          { id: 'g2', name: 'Home' },
        ],
      },
    );
    expect(ok((await twofas.parse(file, {})).entries).map((a) => a.tags)).toEqual([
      ['Work'],
      undefined,
      undefined,
      ['Home'],
    ]);
    expect(await stored(file, 'backup.2fas')).toEqual([
      ['GitHub', false, ['Work']],
      ['Mail', false, []],
      ['Bank', false, []],
      ['Shop', false, ['Home']],
    ]);
  });

  it('reads the real exports of schemas 1 to 4, each with what its schema carries', async () => {
    // Schema 1: names and keys only, so every account is TOTP, 6 digits, 30 s, SHA1.
    const one = await twofas.parse(fixture('2fas/2fas_authenticator.json'), {});
    expectVectors(ok(one.entries), ['Deno', 'SPDX', 'Airbnb', 'Issuu', 'Air Canada', 'WWE'], () =>
      defaultParams(),
    );
    // Schema 2: digits, period and algorithm; its HOTP accounts were written as TOTP by the app.
    const two = await twofas.parse(fixture('2fas/2fas_authenticator_plain.2fas'), {});
    expect(
      ok(two.entries).map((a) => [
        a.issuer,
        a.params.type,
        a.params.digits,
        a.params.period,
        a.params.algorithm,
      ]),
    ).toEqual([
      ['Deno', 'totp', 6, 30, 'SHA1'],
      ['Airbnb', 'totp', 8, 50, 'SHA512'],
      ['Issuu', 'totp', 6, 30, 'SHA1'],
      ['WWE', 'totp', 8, 30, 'SHA512'],
    ]);
    // Schema 3 brings HOTP and its counter.
    const three = await twofas.parse(fixture('2fas/2fas_authenticator_plain_v3.2fas'), {});
    expectVectors(ok(three.entries), ['Deno', 'SPDX', 'Airbnb', 'Issuu', 'Air Canada', 'WWE']);
    // Schema 4 plain and encrypted (password "test"), Steam included.
    const four = await twofas.parse(fixture('2fas/2fas_authenticator_plain_v4.2fas'), {});
    expectVectors(ok(four.entries), ['Deno', 'Issuu', 'Air Canada', 'WWE', 'Boeing']);
    const sealed = await twofas.parse(fixture('2fas/2fas_authenticator_encrypted_v4.2fas'), {
      password: 'test',
    });
    expect(sealed.entries).toEqual(four.entries);
  });

  it('is chosen for its files by content, and takes no other format’s files', () => {
    for (const file of [
      '2fas/2fas_authenticator.json',
      '2fas/2fas_authenticator_plain.2fas',
      '2fas/2fas_authenticator_plain_v3.2fas',
      '2fas/2fas_authenticator_plain_v4.2fas',
      '2fas/2fas_authenticator_encrypted_v4.2fas',
    ])
      expect(registry.detect(fixture(file)).id, file).toBe('2fas');
    expect(twofas.detect(fixture('andotp/andotp_plain.json'))).toBe(0);
    expect(andotp.detect(fixture('2fas/2fas_authenticator_plain_v4.2fas'))).toBe(0);
    expect(andotp.detect(fixture('2fas/2fas_authenticator_encrypted_v4.2fas'), 'backup.2fas')).toBe(0);
    for (const other of OTHER_FILES) expect(twofas.detect(other.bytes, other.name), other.name).toBe(0);
    // A .2fas name alone is a weak sign; the content says what it is.
    expect(twofas.detect(bytes('{"hello": 1}'), 'x.2fas')).toBeGreaterThan(0);
    expect(twofas.detect(bytes('{"hello": 1}'), 'x.json')).toBe(0);
  });

  it('reads what our generator writes from 2FAS’s code, plain and encrypted, with and without a reference', async () => {
    const accounts: TwofasAccount[] = [
      { name: 'GitHub', account: 'ada@example.com', secret: 'JBSWY3DPEHPK3PXP' },
      {
        name: 'Bank',
        account: 'ada',
        secret: 'JBSWY3DPEHPK3PXQ',
        tokenType: 'HOTP',
        counter: 42,
        digits: 8,
        algorithm: 'SHA256',
      },
      { name: 'Steam', account: 'ada', secret: 'JBSWY3DPEHPK3PXR', tokenType: 'STEAM', digits: 5 },
      // A service renamed in 2FAS keeps its link's issuer in otp.issuer: the name people see wins.
      { name: 'My mail', issuer: 'Mail', account: 'ada', secret: 'JBSWY3DPEHPK3PXS', period: 60 },
    ];
    const expected = [
      ['GitHub', 'ada@example.com', 'totp', 6, 30, 0, 'SHA1'],
      ['Bank', 'ada', 'hotp', 8, 30, 42, 'SHA256'],
      ['Steam', 'ada', 'steam', 5, 30, 0, 'SHA1'],
      ['My mail', 'ada', 'totp', 6, 60, 0, 'SHA1'],
    ];
    const shape = (r: { entries: ParsedEntry[] }) =>
      ok(r.entries).map((a) => [
        a.issuer,
        a.label,
        a.params.type,
        a.params.digits,
        a.params.period,
        a.params.counter,
        a.params.algorithm,
      ]);
    expect(shape(await twofas.parse(twofasPlain(accounts), {}))).toEqual(expected);
    expect(
      shape(await twofas.parse(twofasEncrypted(accounts, 'pässwört'), { password: 'pässwört' })),
    ).toEqual(expected);
    const noReference = twofasEncrypted(accounts, 'pw', { schema: 3, reference: false });
    expect(shape(await twofas.parse(noReference, { password: 'pw' }))).toEqual(expected);
    expect((await caught(() => twofas.parse(noReference, { password: 'nope' }))).code).toBe('PASSWORD_WRONG');
  });

  it('asks for a password, says when it is wrong, and tells a damaged file by its reference', async () => {
    const file = twofasEncrypted([{ name: 'A', account: 'a', secret: 'JBSWY3DPEHPK3PXP' }], 'right');
    const needed = await caught(() => twofas.parse(file, {}));
    expect(forWindow(needed)).toMatchObject({
      code: 'PASSWORD_NEEDED',
      key: 'importPasswordNeeded',
      params: { format: '2fas' },
    });
    expect(needed.message).toBe('This 2FAS export is protected by a password.');
    const wrong = await caught(() => twofas.parse(file, { password: 'wrong' }));
    expect(wrong.code).toBe('PASSWORD_WRONG');
    expect(errorText(forWindow(wrong), 'de').message).toBe('Das Passwort öffnet diesen Export (2FAS) nicht.');
    // The reference opens, so the password is right: services that do not open are damage, not a wrong password.
    const parsed = JSON.parse(new TextDecoder().decode(file)) as { servicesEncrypted: string };
    const [data, salt, iv] = parsed.servicesEncrypted.split(':') as [string, string, string];
    const flipped = Buffer.from(data, 'base64');
    flipped[0] = flipped[0]! ^ 1;
    const tampered = bytes(
      JSON.stringify({ ...parsed, servicesEncrypted: `${flipped.toString('base64')}:${salt}:${iv}` }),
    );
    expect(forWindow(await caught(() => twofas.parse(tampered, { password: 'right' })))).toMatchObject({
      key: 'importDamaged',
    });
    // Parts that are not base64, or too few of them, are damage whatever the password.
    for (const broken of [`${data}:${salt}`, `${data}:${salt}:!!!!`, `::`])
      expect(
        (
          await caught(() =>
            twofas.parse(bytes(JSON.stringify({ ...parsed, servicesEncrypted: broken })), {}),
          )
        ).key,
      ).toBe('importDamaged');
    // Sealed text that is not a list of services.
    const notList = twofasEncrypted('{"services": []}', 'pw');
    expect((await caught(() => twofas.parse(notList, { password: 'pw' }))).key).toBe('importDamaged');
  });

  it('imports nothing through the account use cases when the password is wrong', async () => {
    const services = createServices({
      dataDir: mkdtempSync(join(tmpdir(), 'keyfob-2fas-')),
      keychain: new MemoryKeychain(),
      clock: { now: () => Date.UTC(2026, 11, 1) },
    });
    const input = { bytes: fixture('2fas/2fas_authenticator_encrypted_v4.2fas'), fileName: 'backup.2fas' };
    expect((await caught(() => services.accounts.import([input], { password: 'nope' }))).code).toBe(
      'PASSWORD_WRONG',
    );
    expect(await services.vault.list()).toEqual([]);
    const report = await services.accounts.import([input], { password: 'test' });
    expect(report.entries.map((e) => e.status)).toEqual(['added', 'added', 'added', 'added', 'added']);
    services.close();
  });

  it('refuses by name what a schema cannot carry and what Keyfob cannot store; the rest goes on', async () => {
    const good = { name: 'Good', account: 'g', secret: 'JBSWY3DPEHPK3PXP' };
    // HOTP and Steam came with schema 3: in a schema-1 or -2 file they are not what 2FAS wrote.
    const hotpInOne = twofasPlain(
      [good, { raw: twofasService({ ...good, name: 'Counter', tokenType: 'HOTP', counter: 3 }, 1, 4) }],
      { schema: 1 },
    );
    const one = await twofas.parse(hotpInOne, {});
    expect(ok(one.entries).map((a) => a.issuer)).toEqual(['Good']);
    expect(refusals(one.entries)).toEqual([
      {
        name: 'Counter (g)',
        key: 'twofasTypeNotInSchema',
        params: { type: 'HOTP', schema: 1 },
        place: undefined,
      },
    ]);
    const steamInTwo = twofasPlain(
      [{ raw: twofasService({ ...good, name: 'S', tokenType: 'STEAM' }, 0, 4) }],
      {
        schema: 2,
      },
    );
    expect(refusals((await twofas.parse(steamInTwo, {})).entries)).toMatchObject([
      { key: 'twofasTypeNotInSchema', params: { type: 'STEAM', schema: 2 } },
    ]);

    const file = twofasPlain([
      good,
      { ...good, name: 'Weird', tokenType: 'YUBI' },
      { ...good, name: 'Nine', digits: 9 },
      { ...good, name: 'Md5', algorithm: 'MD5' },
      { ...good, name: 'Zero', period: 0 },
      { ...good, name: 'Letters', secret: 'JBSW0DP1' },
      { raw: { name: 'NoKey', otp: { account: 'k' } } },
      { raw: 'not an object' },
      { raw: { name: 'Typed', secret: 'JBSWY3DPEHPK3PXP', otp: { account: 't', digits: '6' } } },
      { raw: { name: 'OtpText', secret: 'JBSWY3DPEHPK3PXP', otp: 'totp' } },
      { raw: { secret: 'JBSWY3DPEHPK3PXP', otp: { digits: 99 } } },
      { ...good, name: 'Minus', tokenType: 'HOTP', counter: -1 },
    ]);
    const read = await twofas.parse(file, {});
    expect(ok(read.entries).map((a) => a.issuer)).toEqual(['Good']);
    expect(refusals(read.entries)).toEqual([
      { name: 'Weird (g)', key: 'importEntryType', params: { type: 'YUBI' }, place: undefined },
      { name: 'Nine (g)', key: 'uriDigitsUnsupported', params: { digits: 9 }, place: undefined },
      { name: 'Md5 (g)', key: 'importEntryAlgorithm', params: { algorithm: 'MD5' }, place: undefined },
      { name: 'Zero (g)', key: 'uriPeriodNotPositive', params: { value: '0' }, place: undefined },
      {
        name: 'Letters (g)',
        key: 'secretNotBase32',
        params: expect.objectContaining({ count: 2 }),
        place: undefined,
      },
      { name: 'NoKey (k)', key: 'migrationEntryNoKey', params: undefined, place: undefined },
      { name: 'entry 8', key: 'importEntryNotObject', params: undefined, place: { kind: 'entry', n: 8 } },
      { name: 'Typed (t)', key: 'importEntryFieldType', params: { field: 'digits' }, place: undefined },
      { name: 'OtpText', key: 'importEntryFieldType', params: { field: 'otp' }, place: undefined },
      {
        name: 'entry 11',
        key: 'uriDigitsUnsupported',
        params: { digits: 99 },
        place: { kind: 'entry', n: 11 },
      },
      { name: 'Minus (g)', key: 'vaultCounterInvalid', params: { counter: '-1' }, place: undefined },
    ]);
    // The refused entry with a lookalike digit keeps the hint that says so.
    const letters = read.entries.find((e) => e.status === 'refused' && e.name === 'Letters (g)');
    expect(letters).toMatchObject({ variant: 'lookalike' });
  });

  it('refuses a file that is not a 2FAS backup, or of a schema it does not know, as a whole', async () => {
    const cases: Array<[Uint8Array, ErrorKey]> = [
      [bytes('not json'), 'twofasNotJson'],
      [bytes('{"schemaVersion": 4, "services": ['), 'twofasNotJson'],
      [new Uint8Array([0xff, 0xfe, 0x00]), 'twofasNotJson'],
      [bytes('{"services": []}'), 'twofasNotBackup'],
      [bytes('{"schemaVersion": "4", "services": []}'), 'twofasNotBackup'],
      [bytes('{"schemaVersion": 4}'), 'twofasNotBackup'],
      [bytes('{"schemaVersion": 4, "services": {}}'), 'twofasNotBackup'],
      [bytes('{"schemaVersion": 5, "services": []}'), 'twofasSchemaUnknown'],
      [bytes('{"schemaVersion": 0, "services": []}'), 'twofasSchemaUnknown'],
    ];
    for (const [input, key] of cases) {
      const error = await caught(() => twofas.parse(input, {}));
      expect(error.key, new TextDecoder().decode(input)).toBe(key);
      expect(error.code).toBe('FORMAT_UNKNOWN');
    }
    const newer = forWindow(
      await caught(() => twofas.parse(bytes('{"schemaVersion": 5, "services": []}'), {})),
    );
    expect(errorText(newer, 'en').message).toBe(
      'This 2FAS backup has schema version 5; Keyfob reads versions 1 to 4.',
    );
    expect(errorText(newer, 'de').message).toBe(
      'Diese 2FAS-Sicherung hat die Schemaversion 5; Keyfob liest die Versionen 1 bis 4.',
    );
    expect(errorText(newer, 'zh').message).toBe('此 2FAS 备份的架构版本为 5；Keyfob 可读取版本 1 至 4。');
    // A truncated real export: as a whole, refused.
    const whole = fixture('2fas/2fas_authenticator_plain_v4.2fas');
    expect((await caught(() => twofas.parse(whole.subarray(0, whole.length - 40), {}))).key).toBe(
      'twofasNotJson',
    );
  });
});

describe('andOTP backups', () => {
  it('carries each entry’s tags into its account, which the vault stores', async () => {
    const file = andotpPlain([
      { secret: 'JBSWY3DPEHPK3PXP', issuer: 'GitHub', label: 'ada', tags: ['Work', 'Code'] },
      { secret: 'GEZDGNBVGY3TQOJQ', issuer: 'Mail', label: 'ada', tags: [] },
      {
        raw: {
          ...andotpEntry({ secret: 'MFRGGZDFMZTWQ2LK', issuer: 'Bank', label: 'ada' }),
          tags: [7, '', 'Money'],
        },
      },
    ]);
    expect(ok((await andotp.parse(file, {})).entries).map((a) => a.tags)).toEqual([
      ['Work', 'Code'],
      undefined,
      ['Money'],
    ]);
    expect(await stored(file, 'otp_accounts.json')).toEqual([
      ['GitHub', false, ['Work', 'Code']],
      ['Mail', false, []],
      ['Bank', false, ['Money']],
    ]);
    // Tags are cleaned as names are, never refusing the account: controls and direction overrides go, a long tag
    // is cut to 32 characters, repeats in any case are dropped, and at most 20 are kept.
    const many = Array.from({ length: 25 }, (_, i) => `t${i}`);
    const odd = andotpPlain([
      {
        secret: 'JBSWY3DPEHPK3PXP',
        issuer: 'Odd',
        label: 'ada',
        tags: ['\u202eWork\u0007', 'work', 'x'.repeat(40), '\u200b', ...many],
      },
    ]);
    expect(await stored(odd, 'otp_accounts.json')).toEqual([
      ['Odd', false, ['Work', 'x'.repeat(32), ...many.slice(0, 18)]],
    ]);
  });

  it('reads the real plain export, every kind of code included', async () => {
    const read = await andotp.parse(fixture('andotp/andotp_plain.json'), {});
    expect(read.entries.every((e) => e.status === 'ok')).toBe(true);
    expectVectors(ok(read.entries), ['Deno', 'SPDX', 'Airbnb', 'Issuu', 'Air Canada', 'WWE', 'Boeing']);
    expect(registry.detect(fixture('andotp/andotp_plain.json'), 'otp_accounts.json').id).toBe('andotp');
  });

  const ACCOUNTS: AndotpAccount[] = [
    { secret: 'JBSWY3DPEHPK3PXP', issuer: 'GitHub', label: 'ada@example.com', tags: ['work'] },
    {
      secret: 'jbswy3dpehpk3pxq====',
      issuer: 'Bank',
      label: 'ada',
      type: 'HOTP',
      counter: 7,
      digits: 8,
      algorithm: 'SHA512',
    },
    { secret: 'JBSWY3DPEHPK3PXR', issuer: 'Steam', label: 'ada', type: 'STEAM' },
    // Old andOTP entries had a label and no issuer.
    { secret: 'JBSWY3DPEHPK3PXS', label: 'Mail:ada', period: 45 },
  ];
  const EXPECTED = [
    ['GitHub', 'ada@example.com', 'JBSWY3DPEHPK3PXP', 'totp', 6, 30, 0, 'SHA1'],
    ['Bank', 'ada', 'JBSWY3DPEHPK3PXQ', 'hotp', 8, 30, 7, 'SHA512'],
    ['Steam', 'ada', 'JBSWY3DPEHPK3PXR', 'steam', 5, 30, 0, 'SHA1'],
    ['', 'Mail:ada', 'JBSWY3DPEHPK3PXS', 'totp', 6, 45, 0, 'SHA1'],
  ];
  const shape = (r: { entries: ParsedEntry[] }) =>
    ok(r.entries).map((a) => [
      a.issuer,
      a.label,
      a.secret,
      a.params.type,
      a.params.digits,
      a.params.period,
      a.params.counter,
      a.params.algorithm,
    ]);

  it('reads what our generator writes from andOTP’s code: plain, encrypted, and the old encrypted layout', async () => {
    const plainList = ACCOUNTS.map((a) => (a.issuer === undefined ? { ...a } : a));
    const plain = andotpPlain(plainList);
    // Entry.toJSON writes an issuer always; an old file has none, so take it out.
    const withoutIssuer = bytes(
      JSON.stringify(
        (JSON.parse(new TextDecoder().decode(plain)) as Array<Record<string, unknown>>).map((e, i) => {
          if (i === 3) delete e.issuer;
          return e;
        }),
      ),
    );
    expect(shape(await andotp.parse(withoutIssuer, {}))).toEqual(EXPECTED);
    const sealed = andotpEncrypted(withoutIssuer, 'pässwört');
    expect(registry.detect(sealed, 'otp_accounts.json.aes').id).toBe('andotp');
    expect(registry.detect(sealed).id).toBe('andotp');
    expect(shape(await andotp.parse(sealed, { password: 'pässwört' }))).toEqual(EXPECTED);
    const old = andotpEncryptedOld(withoutIssuer, 'pw');
    expect(shape(await andotp.parse(old, { password: 'pw' }))).toEqual(EXPECTED);
    // The old layout has nothing to recognise it by but its name.
    expect(registry.detect(old, 'otp_accounts.json.aes').id).toBe('andotp');
  });

  it('asks for a password, and adds nothing when it is wrong or the file is cut short', async () => {
    const sealed = andotpEncrypted(andotpPlain(ACCOUNTS), 'right', 1000);
    const needed = await caught(() => andotp.parse(sealed, {}));
    expect(forWindow(needed)).toMatchObject({ key: 'importPasswordNeeded', params: { format: 'andotp' } });
    expect(needed.message).toBe('This andOTP export is protected by a password.');
    expect((await caught(() => andotp.parse(sealed, { password: 'wrong' }))).code).toBe('PASSWORD_WRONG');
    // GCM cannot tell a cut file from a wrong password: either way, nothing is read.
    for (const cut of [sealed.subarray(0, sealed.length - 1), sealed.subarray(0, 30), sealed.subarray(0, 3)])
      expect((await caught(() => andotp.parse(cut, { password: 'right' }))).code).toBe('PASSWORD_WRONG');

    const services = createServices({
      dataDir: mkdtempSync(join(tmpdir(), 'keyfob-andotp-')),
      keychain: new MemoryKeychain(),
      clock: { now: () => Date.UTC(2026, 11, 1) },
    });
    const input = { bytes: sealed, fileName: 'otp_accounts.json.aes' };
    expect((await caught(() => services.accounts.import([input], { password: 'wrong' }))).code).toBe(
      'PASSWORD_WRONG',
    );
    expect(await services.vault.list()).toEqual([]);
    const report = await services.accounts.import([input], { password: 'right' });
    expect(report.entries.filter((e) => e.status === 'added')).toHaveLength(4);
    services.close();
  });

  it('does not run more key-derivation rounds than its cap, whatever the file asks', async () => {
    // 2^31 - 1 rounds would take over half an hour: the count is over the cap, so it is never tried.
    const plain = andotpPlain(ACCOUNTS);
    const sealed = Buffer.from(andotpEncrypted(plain, 'pw', 1000));
    sealed.writeInt32BE(0x7fffffff, 0);
    expect((await caught(() => andotp.parse(sealed, { password: 'pw' }))).code).toBe('PASSWORD_WRONG');
    // At the cap itself, a file is read (the cap is a limit, not a guess at andOTP's range).
    expect(ANDOTP_ITERATION_CAP).toBeGreaterThanOrEqual(160_000);
    const atCap = andotpEncrypted(plain, 'pw', ANDOTP_ITERATION_CAP);
    expect(ok((await andotp.parse(atCap, { password: 'pw' })).entries)).toHaveLength(4);
    const overCap = andotpEncrypted(bytes('[]'), 'pw', 1000);
    Buffer.from(overCap.buffer, overCap.byteOffset).writeInt32BE(ANDOTP_ITERATION_CAP + 1, 0);
    expect((await caught(() => andotp.parse(overCap, { password: 'pw' }))).code).toBe('PASSWORD_WRONG');
  });

  it('is chosen only for its own files: a list of entries, or binary that looks like its encryption', () => {
    expect(andotp.detect(fixture('andotp/andotp_plain.json'))).toBeGreaterThan(0.5);
    for (const other of OTHER_FILES) expect(andotp.detect(other.bytes, other.name), other.name).toBe(0);
    expect(andotp.detect(bytes('[]'))).toBeGreaterThan(0.1);
    expect(andotp.detect(bytes('[1, 2]'))).toBe(0);
    expect(andotp.detect(bytes('[{"secret": "A"'))).toBe(0);
    // Binary: a count in andOTP's range is a modest sign, less than any sure format; a PNG's first bytes are not.
    const header = Buffer.alloc(60);
    header.writeInt32BE(150_000, 0);
    expect(andotp.detect(header)).toBeGreaterThan(0);
    expect(andotp.detect(header)).toBeLessThan(0.5);
    header.writeUInt32BE(0x89504e47, 0);
    expect(andotp.detect(header)).toBe(0);
    expect(andotp.detect(header, 'otp_accounts.json.aes')).toBeGreaterThan(0);
    expect(registry.detect(bytes('otpauth://totp/A?secret=JBSWY3DPEHPK3PXP')).id).toBe('otpauth');
  });

  it('refuses by name what Keyfob cannot store; the rest goes on', async () => {
    const good = { secret: 'JBSWY3DPEHPK3PXP', issuer: 'Good', label: 'g' };
    const read = await andotp.parse(
      andotpPlain([
        good,
        { ...good, issuer: 'Weird', type: 'MOTP' },
        { ...good, issuer: 'Four', digits: 4 },
        { ...good, issuer: 'Sha', algorithm: 'SHA224' },
        { ...good, issuer: 'Letters', secret: 'JBSW0DP1' },
        { raw: { issuer: 'NoKey', label: 'k', type: 'TOTP' } },
        { raw: 42 },
        { raw: { secret: 'JBSWY3DPEHPK3PXP', issuer: 'Typed', label: 't', type: 'TOTP', period: '30' } },
        { raw: { secret: 'JBSWY3DPEHPK3PXP', issuer: 'Count', label: 'c', type: 'HOTP' } },
        { raw: { secret: 12345, label: 'n' } },
      ]),
      {},
    );
    expect(ok(read.entries).map((a) => a.issuer)).toEqual(['Good']);
    expect(refusals(read.entries)).toEqual([
      { name: 'Weird (g)', key: 'importEntryType', params: { type: 'MOTP' }, place: undefined },
      { name: 'Four (g)', key: 'uriDigitsUnsupported', params: { digits: 4 }, place: undefined },
      { name: 'Sha (g)', key: 'importEntryAlgorithm', params: { algorithm: 'SHA224' }, place: undefined },
      {
        name: 'Letters (g)',
        key: 'secretNotBase32',
        params: expect.objectContaining({ count: 2 }),
        place: undefined,
      },
      { name: 'NoKey (k)', key: 'migrationEntryNoKey', params: undefined, place: undefined },
      { name: 'entry 7', key: 'importEntryNotObject', params: undefined, place: { kind: 'entry', n: 7 } },
      { name: 'Typed (t)', key: 'importEntryFieldType', params: { field: 'period' }, place: undefined },
      { name: 'Count (c)', key: 'importEntryFieldType', params: { field: 'counter' }, place: undefined },
      { name: 'n', key: 'importEntryFieldType', params: { field: 'secret' }, place: undefined },
    ]);
  });

  it('refuses a file that is not an andOTP backup as a whole', async () => {
    const cases: Array<[Uint8Array, ErrorKey]> = [
      [bytes('{"a": 1}'), 'andotpNotList'],
      [bytes('hello'), 'andotpNotList'],
      [bytes('   '), 'andotpNotList'],
      [new Uint8Array(), 'andotpNotList'],
      [bytes('[{"secret": "JBSW'), 'importDamaged'],
    ];
    for (const [input, key] of cases) {
      const error = await caught(() => andotp.parse(input, {}));
      expect(error.key, new TextDecoder().decode(input)).toBe(key);
      // Not andOTP's at all, or andOTP's but broken: the second is the shared "damaged" refusal.
      expect(error.code).toBe(key === 'importDamaged' ? 'IMPORT_INVALID' : 'FORMAT_UNKNOWN');
    }
    // Sealed, something that is not a list.
    const sealedObject = andotpEncrypted(bytes('{"entries": []}'), 'pw', 1000);
    expect((await caught(() => andotp.parse(sealedObject, { password: 'pw' }))).key).toBe('andotpNotList');
    const real = fixture('andotp/andotp_plain.json');
    expect((await caught(() => andotp.parse(real.subarray(0, real.length - 20), {}))).key).toBe(
      'importDamaged',
    );
  });
});

/** Files of the other formats, written as those apps write them (schematically: their top-level shape). */
const OTHER_FILES: Array<{ name: string; bytes: Uint8Array }> = [
  {
    name: 'aegis.json',
    bytes: bytes(
      JSON.stringify({ version: 1, header: { slots: null, params: null }, db: { version: 3, entries: [] } }),
    ),
  },
  {
    name: 'bitwarden.json',
    bytes: bytes(
      JSON.stringify({
        encrypted: false,
        items: [{ login: { totp: 'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP' } }],
      }),
    ),
  },
  {
    name: 'freeotp.json',
    bytes: bytes(JSON.stringify({ tokens: [{ secret: [1, 2], type: 'TOTP' }], tokenOrder: [] })),
  },
  {
    name: 'stratum.json',
    bytes: bytes(
      JSON.stringify({ Authenticators: [{ Secret: 'JBSWY3DPEHPK3PXP', Type: 2 }], Categories: [] }),
    ),
  },
  {
    name: 'stratum.authpro',
    bytes: new Uint8Array([...bytes('AUTHENTICATORPRO'), ...new Uint8Array(64).fill(0x9c)]),
  },
  {
    name: 'proton.json',
    bytes: bytes(
      JSON.stringify({
        version: 1,
        entries: [{ content: { uri: 'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP' } }],
      }),
    ),
  },
  { name: 'ente.txt', bytes: bytes('otpauth://totp/A?secret=JBSWY3DPEHPK3PXP\n') },
  {
    name: 'links.txt',
    bytes: bytes(
      buildMigrationUris([
        { issuer: 'A', label: 'a', secret: 'JBSWY3DPEHPK3PXP', params: defaultParams() },
      ]).uris.join('\n'),
    ),
  },
  {
    name: 'shot.png',
    bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Uint8Array(60)]),
  },
];

describe('words and properties', () => {
  it('words each of its refusals in every language, with its parameters', () => {
    const entries: Array<[ErrorKey, Record<string, string | number>]> = [
      ['importEntryNotObject', {}],
      ['importEntryFieldType', { field: 'digits' }],
      ['importEntryType', { type: 'YUBI' }],
      ['twofasTypeNotInSchema', { type: 'HOTP', schema: 1 }],
    ];
    for (const [key, params] of entries) {
      const en = reasonText({ reason: '', reasonKey: key, reasonParams: params }, 'en');
      for (const lang of ['de', 'zh-CN']) {
        const words = reasonText({ reason: '', reasonKey: key, reasonParams: params }, lang);
        expect(words, `${lang} ${key}`).not.toBe(en);
        for (const value of Object.values(params)) expect(words, `${lang} ${key}`).toContain(String(value));
      }
    }
    expect(
      reasonText(
        { reason: '', reasonKey: 'twofasTypeNotInSchema', reasonParams: { type: 'HOTP', schema: 1 } },
        'en',
      ),
    ).toBe('2FAS backups of schema version 1 have no HOTP codes, so this entry is not as 2FAS wrote it.');
  });

  /** Every account a format returns has a key in canonical base32 and parameters the vault stores. */
  function sound(account: OtpAccount) {
    expect(normaliseSecret(account.secret)).toBe(account.secret);
    if (account.params.type !== 'steam') expect(account.params.digits).toBeGreaterThanOrEqual(6);
    expect(account.params.digits).toBeLessThanOrEqual(8);
    expect(Number.isSafeInteger(account.params.period) && account.params.period > 0).toBe(true);
    expect(Number.isSafeInteger(account.params.counter) && account.params.counter >= 0).toBe(true);
  }

  async function neverWorse(format: Format, input: Uint8Array, password?: string) {
    try {
      const read = await format.parse(input, password === undefined ? {} : { password });
      for (const account of ok(read.entries)) sound(account);
    } catch (error) {
      if (!isKeyfobError(error)) throw error;
    }
  }

  const anyValue = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 8 }), fc.integer(), { maxKeys: 3 }),
  );
  const secretLike = fc.oneof(
    fc.constant('JBSWY3DPEHPK3PXP'),
    fc.string({ maxLength: 80 }),
    fc.stringMatching(/^[A-Za-z2-7= -]{0,64}$/),
  );

  it('2FAS: any services, any schema, any fields: only keyed errors, never an account with a bad key', async () => {
    const otp = fc.dictionary(
      fc.constantFrom('account', 'issuer', 'label', 'digits', 'period', 'algorithm', 'counter', 'tokenType'),
      anyValue,
    );
    const service = fc.record(
      { name: anyValue, secret: fc.oneof(secretLike, anyValue), otp: fc.oneof(otp, anyValue) },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(service, anyValue), { maxLength: 6 }),
        fc.oneof(fc.integer({ min: -1, max: 6 }), anyValue),
        async (services, schema) => {
          await neverWorse(twofas, bytes(JSON.stringify({ schemaVersion: schema, services })));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('andOTP: any entries and fields: only keyed errors, never an account with a bad key', async () => {
    const entry = fc.dictionary(
      fc.constantFrom(
        'secret',
        'issuer',
        'label',
        'digits',
        'type',
        'algorithm',
        'period',
        'counter',
        'tags',
      ),
      fc.oneof(anyValue, secretLike, fc.constantFrom('TOTP', 'HOTP', 'STEAM', 'SHA256')),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(entry, anyValue), { maxLength: 6 }), async (entries) => {
        await neverWorse(andotp, bytes(JSON.stringify(entries)));
      }),
      { numRuns: 300 },
    );
  });

  it('any bytes, cut or flipped files, with or without a password: only keyed errors', async () => {
    const twofasFile = fixture('2fas/2fas_authenticator_plain_v4.2fas');
    const andotpSealed = andotpEncrypted(fixture('andotp/andotp_plain.json'), 'pw', 100);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 200 }),
          fc.nat({ max: twofasFile.length }).map((n) => twofasFile.subarray(0, n)),
          fc.nat({ max: andotpSealed.length }).map((n) => andotpSealed.subarray(0, n)),
          fc
            .tuple(fc.nat({ max: andotpSealed.length - 1 }), fc.integer({ min: 1, max: 255 }))
            .map(([i, x]) => {
              const copy = Uint8Array.from(andotpSealed);
              copy[i]! ^= x;
              return copy;
            }),
        ),
        fc.option(fc.constant('pw'), { nil: undefined }),
        async (input, password) => {
          await neverWorse(twofas, input, password);
          await neverWorse(andotp, input, password);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('takes huge fields without failing: names, keys and lists far past any real export', async () => {
    const hugeName = 'N'.repeat(1_000_000);
    const hugeKey = 'A'.repeat(200_000);
    const file = twofasPlain([
      { name: hugeName, account: 'a', secret: 'JBSWY3DPEHPK3PXP' },
      { name: 'K', account: 'k', secret: hugeKey },
    ]);
    const read = await twofas.parse(file, {});
    expect(read.entries[0]).toMatchObject({ status: 'ok' });
    expect(refusals(read.entries)).toMatchObject([{ name: 'K (k)', key: 'secretTooLong' }]);
    const many = andotpPlain(
      Array.from({ length: 5000 }, (_, i) => ({
        secret: 'JBSWY3DPEHPK3PXP',
        issuer: `I${i}`,
        label: hugeName.slice(0, 100),
      })),
    );
    expect(ok((await andotp.parse(many, {})).entries)).toHaveLength(5000);
    // A salt of a megabyte in a 2FAS file is read (PBKDF2 hashes the salt once), and the password is still checked.
    const parsed = JSON.parse(
      new TextDecoder().decode(
        twofasEncrypted([{ name: 'A', account: 'a', secret: 'JBSWY3DPEHPK3PXP' }], 'pw'),
      ),
    ) as { servicesEncrypted: string };
    const [data, , iv] = parsed.servicesEncrypted.split(':');
    const bigSalt = bytes(
      JSON.stringify({
        ...parsed,
        reference: undefined,
        servicesEncrypted: `${data}:${Buffer.alloc(1 << 20).toString('base64')}:${iv}`,
      }),
    );
    expect((await caught(() => twofas.parse(bigSalt, { password: 'pw' }))).code).toBe('PASSWORD_WRONG');
  });
});

describe('the registry with both formats', () => {
  it('lists them, names them in every language, and reads them through readImport', async () => {
    expect(FORMATS.map((f) => f.id)).toEqual(expect.arrayContaining(['2fas', 'andotp']));
    const read = await readImport(registry, [
      { bytes: fixture('2fas/2fas_authenticator_plain_v4.2fas'), fileName: 'backup.2fas' },
      { bytes: fixture('andotp/andotp_plain.json'), fileName: 'otp_accounts.json' },
    ]);
    expect(read.accounts).toHaveLength(12);
    expect(read.refused).toEqual([]);
  });
});
