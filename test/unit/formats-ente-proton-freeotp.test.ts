/**
 * The Ente Auth, Proton Authenticator and FreeOTP+ formats (main/formats/{ente,proton,freeotp-plus}.ts): real
 * exports of the apps (test/fixtures/formats/), files written by generators made from each app's own source
 * (test/support/formats/), and damaged, hostile and odd files, read through the registry and the account use cases.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Accounts, readImport, textInput } from '../../main/accounts';
import { isKeyfobError } from '../../main/errors';
import { FORMATS, FormatRegistry, type Format, type ParseResult } from '../../main/formats';
import { ente } from '../../main/formats/ente';
import { freeotpPlus } from '../../main/formats/freeotp-plus';
import { proton } from '../../main/formats/proton';
import { buildMigrationUris } from '../../main/otp/migration';
import { base32ToBytes, normaliseSecret } from '../../main/otp/secret';
import { defaultParams, type OtpAccount } from '../../main/otp/types';
import { createHandlers } from '../../main/ipc';
import { createServices } from '../../main/services';
import { MemoryKeychain } from '../../main/vault/memory-keychain';
import { Vault } from '../../main/vault/vault';
import { caught, forWindow } from '../support/error-checks';
import { enteEncrypted, entePlain, type EnteCode } from '../support/formats/ente';
import { freeOtpPlusBackup, type FreeOtpToken } from '../support/formats/freeotp-plus';
import { protonEncrypted, protonPlain } from '../support/formats/proton';
import { errorText, reasonText } from '../support/words';
import { stored } from '../support/formats/stored';

const FIXTURES = join(__dirname, '..', 'fixtures', 'formats');
const fixture = (path: string) => new Uint8Array(readFileSync(join(FIXTURES, path)));
const bytes = (text: string) => new TextEncoder().encode(text);
const registry = new FormatRegistry();

/** The accounts Aegis's own tests expect of its fixtures (the same seven, exported by each app). */
const AEGIS_SEVEN = {
  'Air Canada (Benjamin)': ['KUVJJOM753IHTNDSZVCNKL7GII', 'hotp', 'SHA256', 7, 30, 50],
  'Airbnb (Elijah)': ['7ELGJSGXNCCTV3O6LKJWYFV2RA', 'totp', 'SHA512', 8, 50, 0],
  'Boeing (Sophia)': ['JRZCL47CMXVOQMNPZR2F7J4RGI', 'steam', 'SHA1', 5, 30, 0],
  'Deno (Mason)': ['4SJHB4GSD43FZBAI7C2HLRJGPQ', 'totp', 'SHA1', 6, 30, 0],
  'Issuu (James)': ['YOOMIXWS5GN6RTBPUFFWKTW5M4', 'hotp', 'SHA1', 6, 30, 1],
  'SPDX (James)': ['5OM4WOOGPLQEF6UGN3CPEOOLWU', 'totp', 'SHA256', 7, 20, 0],
  'WWE (Mason)': ['5VAML3X35THCEBVRLV24CGBKOY', 'hotp', 'SHA512', 8, 30, 10300],
} as const;

function shape(a: OtpAccount) {
  const { type, algorithm, digits, period, counter } = a.params;
  return [`${a.issuer} (${a.label})`, [a.secret, type, algorithm, digits, period, counter]] as const;
}

function oks(result: ParseResult): OtpAccount[] {
  return result.entries.flatMap((e) => (e.status === 'ok' ? [e.account] : []));
}

function refusals(result: ParseResult) {
  return result.entries.flatMap((e) => (e.status === 'refused' ? [e] : []));
}

/** Every account a format returns has a key Keyfob can store, and nothing escapes but a keyed error. */
async function wellBehaved(format: Format, input: Uint8Array, password?: string): Promise<void> {
  try {
    const result = await format.parse(input, password === undefined ? {} : { password });
    for (const account of oks(result)) {
      expect(normaliseSecret(account.secret)).toBe(account.secret);
      expect(base32ToBytes(account.secret).length).toBeGreaterThan(0);
    }
    for (const r of refusals(result)) expect(r.key).toBeDefined();
  } catch (error) {
    if (!isKeyfobError(error)) throw error;
    expect(error.key).toBeDefined();
  }
}

const CODES: EnteCode[] = [
  {
    issuer: 'GitHub',
    account: 'ada@example.com',
    secret: 'JBSW Y3DP EHPK 3PXP',
    pinned: true,
    tags: ['work'],
  },
  {
    issuer: 'My Bank',
    account: 'ada',
    secret: 'GEZDGNBVGY3TQOJQ',
    type: 'hotp',
    counter: 7,
    algorithm: 'sha256',
  },
  { issuer: 'Steam', account: 'ada', secret: 'KRSXG5CTMVRXEZLU', type: 'steam' },
  { issuer: 'Old', account: 'gone', secret: 'MFRGGZDFMZTWQ2LK', trashed: true, note: 'closed' },
];

describe('Ente Auth', () => {
  it('carries codeDisplay’s pinned and tags into the account as a favourite and tags, which the vault stores', async () => {
    const file = bytes(
      entePlain([
        {
          issuer: 'GitHub',
          account: 'ada',
          secret: 'JBSWY3DPEHPK3PXP',
          pinned: true,
          tags: ['Work', 'Code'],
        },
        { issuer: 'Mail', account: 'ada', secret: 'GEZDGNBVGY3TQOJQ' },
        { issuer: 'Bank', account: 'ada', secret: 'MFRGGZDFMZTWQ2LK', tags: ['Money'] },
      ]),
    );
    expect(oks(await ente.parse(file, {})).map((a) => [a.favourite, a.tags])).toEqual([
      [true, ['Work', 'Code']],
      [undefined, undefined],
      [undefined, ['Money']],
    ]);
    expect(await stored(file, 'ente-auth-codes-2026-12-01.txt')).toEqual([
      ['GitHub', true, ['Work', 'Code']],
      ['Mail', false, []],
      ['Bank', false, ['Money']],
    ]);
  });

  it('reads a real plain export, the seven accounts Aegis expects of it', async () => {
    const file = fixture('ente/ente_auth.txt');
    expect(registry.detect(file, 'ente_auth.txt').id).toBe('ente');
    const result = await ente.parse(file, {});
    expect(refusals(result)).toEqual([]);
    expect(Object.fromEntries(oks(result).map(shape))).toEqual(AEGIS_SEVEN);
  });

  it('reads real exports with Steam and HOTP, refusing by line the key Ente kept one character too long', async () => {
    const result = await ente.parse(fixture('ente/plain_with_steam_and_hotp.txt'), {});
    expect(oks(result).map(shape)).toEqual([
      ['Item2hotp (additional info)', ['CBJXCBCBCBCB', 'hotp', 'SHA1', 6, 30, 0]],
      ['Item3-90sec (additional info)', ['NDJDJFNXNNCNCNC', 'totp', 'SHA1', 6, 90, 0]],
    ]);
    // DJDJDJHDJDHFHHFHF: 17 base32 characters end in the middle of a byte, which no key does.
    expect(refusals(result)).toMatchObject([
      { name: 'line 1', key: 'secretBadLength', place: { kind: 'line', n: 1 } },
    ]);
  });

  it('opens a real encrypted export, says when the password is missing or wrong, and adds nothing then', async () => {
    const file = fixture('ente/encrypted.lowcomplexity.txt');
    expect(registry.detect(file).id).toBe('ente');
    const needed = await caught(() => ente.parse(file, {}));
    expect(needed).toMatchObject({ code: 'PASSWORD_NEEDED', params: { format: 'ente' } });
    expect(needed.message).toBe('This Ente Auth export is protected by a password.');
    const wrong = await caught(() => ente.parse(file, { password: 'passwort' }));
    expect(wrong).toMatchObject({ code: 'PASSWORD_WRONG', params: { format: 'ente' } });
    expect(errorText(forWindow(wrong), 'de').message).toBe(
      'Das Passwort öffnet diesen Export (Ente Auth) nicht.',
    );

    const result = await ente.parse(file, { password: 'password' });
    expect(oks(result).map(shape)).toEqual([
      ['dfdf (adfasdf)', ['ASDFADF', 'hotp', 'SHA1', 6, 30, 1]],
      ['issuertest (accountest)', ['SECRETDATA', 'totp', 'SHA256', 6, 30, 0]],
    ]);
    expect(refusals(result)).toMatchObject([{ name: 'line 3', key: 'secretBadLength' }]);
  });

  it("opens a real export made at Ente's own key strength (256 MiB, 16 passes), within the cap", async () => {
    const file = fixture('ente/encrypted.nominalcomplexity.txt');
    const result = await ente.parse(file, { password: 'password' });
    // What proton-pass-common's encrypted_decrypted.txt says it holds; STEAMSECRET is 11 characters, no key's length.
    expect(oks(result).map(shape)).toEqual([
      ['HOTPISSUER (HOTPACCOUNT)', ['ASECRET', 'hotp', 'SHA1', 6, 30, 1]],
      ['MYISSUER (MYLABEL)', ['MYSECRET', 'totp', 'SHA1', 6, 30, 0]],
    ]);
    expect(refusals(result)).toMatchObject([{ name: 'line 3', key: 'secretBadLength' }]);
  }, 120_000);

  it('reads what its generator writes, leaving out by name what is in the trash', async () => {
    const plain = entePlain(CODES);
    expect(registry.detect(bytes(plain)).id).toBe('ente');
    for (const input of [plain, await enteEncrypted(plain, 'pässwörd 🔑')]) {
      const result = await ente.parse(bytes(input), { password: 'pässwörd 🔑' });
      expect(oks(result).map(shape)).toEqual([
        ['GitHub (ada@example.com)', ['JBSWY3DPEHPK3PXP', 'totp', 'SHA1', 6, 30, 0]],
        ['My Bank (ada)', ['GEZDGNBVGY3TQOJQ', 'hotp', 'SHA256', 6, 30, 7]],
        ['Steam (ada)', ['KRSXG5CTMVRXEZLU', 'steam', 'SHA1', 5, 30, 0]],
      ]);
      const [trashed] = refusals(result);
      expect(trashed).toMatchObject({
        name: 'Old (gone)',
        key: 'importEntryTrashed',
        params: { format: 'ente' },
      });
      expect(trashed!.reason).toBe('The entry is in the trash of Ente Auth, so it was left out.');
      expect(
        reasonText(
          { reason: trashed!.reason, reasonKey: trashed!.key!, reasonParams: trashed!.params! },
          'de',
        ),
      ).toBe('Der Eintrag liegt im Papierkorb von Ente Auth und wurde daher ausgelassen.');
    }
  });

  it("takes plain links for Ente's only when Ente's marks are on them", () => {
    const links = 'otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP&issuer=A\n';
    expect(registry.detect(bytes(links)).id).toBe('otpauth');
    // Ente names its plain export ente-auth-codes-<date>.txt.
    expect(registry.detect(bytes(links), '/tmp/ente-auth-codes-2026-12-01.txt').id).toBe('ente');
    // A line that is not a link among Ente's makes it a list of anything: the otpauth format's.
    expect(registry.detect(bytes(`${entePlain(CODES)}hello\n`)).id).toBe('otpauth');
  });

  it('refuses a damaged, cut short, hostile or newer encrypted export before any work, with a keyed reason', async () => {
    const good = JSON.parse(
      await enteEncrypted('otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP\n', 'pw'),
    ) as Record<string, unknown> & { kdfParams: Record<string, unknown> };
    const cases: Array<[unknown, string]> = [
      [JSON.stringify(good).slice(0, 80), 'importDamaged'],
      [{ ...good, encryptedData: 'not base64!' }, 'importDamaged'],
      [{ ...good, encryptionNonce: 'AAAA' }, 'importDamaged'],
      [{ ...good, kdfParams: { ...good.kdfParams, memLimit: '65536' } }, 'importDamaged'],
      [{ ...good, kdfParams: { ...good.kdfParams, opsLimit: 0 } }, 'importDamaged'],
      [{ ...good, kdfParams: { ...good.kdfParams, salt: 'AAAA' } }, 'importDamaged'],
      [{ ...good, kdfParams: null }, 'importDamaged'],
      [{ ...good, version: 2 }, 'importVersionUnsupported'],
      [{ ...good, kdfParams: { ...good.kdfParams, memLimit: 2 ** 31 } }, 'importKdfTooCostly'],
      [{ ...good, kdfParams: { ...good.kdfParams, memLimit: 2 ** 28, opsLimit: 17 } }, 'importKdfTooCostly'],
      [
        { ...good, kdfParams: { ...good.kdfParams, memLimit: 8192, opsLimit: 2 ** 40 } },
        'importKdfTooCostly',
      ],
    ];
    for (const [file, key] of cases) {
      const text = typeof file === 'string' ? file : JSON.stringify(file);
      expect(registry.detect(bytes(text)).id).toBe('ente');
      // Refused the same with or without a password: the file is looked at before anything is asked.
      for (const password of [undefined, 'pw']) {
        const error = await caught(() => ente.parse(bytes(text), password === undefined ? {} : { password }));
        expect(error, `${text.slice(0, 60)} ${key}`).toMatchObject({ code: 'IMPORT_INVALID', key });
        const info = forWindow(error);
        expect(errorText(info, 'zh-CN').message).toContain('Ente Auth');
      }
    }
    const newer = await caught(() => ente.parse(bytes(JSON.stringify({ ...good, version: 2 })), {}));
    expect(newer.message).toBe('This Ente Auth export has version 2, which Keyfob cannot read.');
  });

  it('never returns a bad key nor throws anything but a keyed error, whatever the fields hold', async () => {
    const good = JSON.parse(await enteEncrypted(entePlain(CODES.slice(0, 1)), 'pw')) as Record<
      string,
      unknown
    >;
    const anything = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.string({ maxLength: 3000 }),
      fc.constantFrom(2 ** 31, 2 ** 53, -1, 8192, 1.5, ''),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          'version',
          'kdfParams',
          'encryptedData',
          'encryptionNonce',
          'memLimit',
          'opsLimit',
          'salt',
        ),
        anything,
        async (field, value) => {
          const file = { ...good, kdfParams: { ...(good.kdfParams as object) } } as Record<string, unknown>;
          if (['memLimit', 'opsLimit', 'salt'].includes(field))
            (file.kdfParams as Record<string, unknown>)[field] = value;
          else file[field] = value;
          // Within the cap, a fuzzed memory limit could still ask for a GiB: keep each run cheap.
          const kdf = file.kdfParams as Record<string, unknown> | null;
          if (kdf && typeof kdf.memLimit === 'number' && kdf.memLimit > 2 ** 20 && kdf.memLimit <= 2 ** 30)
            return;
          if (kdf && typeof kdf.opsLimit === 'number' && kdf.opsLimit > 4 && kdf.opsLimit * 65536 <= 2 ** 32)
            return;
          await wellBehaved(ente, bytes(JSON.stringify(file)), 'pw');
        },
      ),
      { numRuns: 150 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.string({ maxLength: 200 }), fc.webUrl()), { maxLength: 20 }),
        async (lines) => {
          const text =
            entePlain(CODES) +
            lines.map((l) => `otpauth://totp/${l}?codeDisplay=%7B%7D&secret=${l}`).join('\n');
          await wellBehaved(ente, bytes(text));
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('Proton Authenticator', () => {
  it('reads a real export, the three accounts Aegis expects of it', async () => {
    const file = fixture('proton/proton_authenticator.json');
    expect(registry.detect(file).id).toBe('proton');
    const result = await proton.parse(file, {});
    expect(refusals(result)).toEqual([]);
    const { 'Deno (Mason)': deno, 'SPDX (James)': spdx, 'Airbnb (Elijah)': airbnb } = AEGIS_SEVEN;
    expect(Object.fromEntries(oks(result).map(shape))).toEqual({
      'Deno (Mason)': deno,
      'SPDX (James)': spdx,
      'Airbnb (Elijah)': airbnb,
    });
  });

  it('reads what its generator writes, plain and with a password, Steam keys included', async () => {
    const steamKey = new Uint8Array([0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4, 5, 6]);
    const plain = protonPlain([
      { kind: 'Totp', uri: 'otpauth://totp/GitHub:ada?secret=JBSWY3DPEHPK3PXP&issuer=GitHub', note: 'hi' },
      { kind: 'Steam', key: steamKey, name: 'ada (Steam)' },
      { kind: 'Steam', key: new Uint8Array(), name: 'empty' },
    ]);
    const sealed = await protonEncrypted(plain, 'correct horse');
    expect(registry.detect(bytes(plain)).id).toBe('proton');
    expect(registry.detect(bytes(sealed)).id).toBe('proton');
    expect(await caught(() => proton.parse(bytes(sealed), {}))).toMatchObject({ code: 'PASSWORD_NEEDED' });
    const wrong = await caught(() => proton.parse(bytes(sealed), { password: 'correct hors' }));
    expect(wrong).toMatchObject({ code: 'PASSWORD_WRONG', params: { format: 'proton' } });
    expect(wrong.message).toBe('The password does not open this Proton Authenticator export.');
    for (const input of [plain, sealed]) {
      const result = await proton.parse(bytes(input), { password: 'correct horse' });
      expect(oks(result).map(shape)).toEqual([
        ['GitHub (ada)', ['JBSWY3DPEHPK3PXP', 'totp', 'SHA1', 6, 30, 0]],
        ['Steam (ada (Steam))', ['32W353YBAIBQIBIG', 'steam', 'SHA1', 5, 30, 0]],
      ]);
      expect(refusals(result)).toMatchObject([
        { name: 'empty', key: 'importEntryFieldType', params: { field: 'content.uri' } },
      ]);
    }
  });

  it('refuses entries it cannot read by name, and files it cannot read as a whole', async () => {
    const file = {
      version: 1,
      entries: [
        {
          id: '1',
          content: { uri: 'otpauth://hotp/X:y?secret=JBSWY3DPEHPK3PXP', entry_type: 'Hotp', name: 'y' },
        },
        { id: '2', content: { uri: 'otpauth://totp/X:z?secret=0000', entry_type: 'Totp', name: 'z' } },
        { id: '3', content: { uri: 42, entry_type: 'Totp' } },
        'nothing',
        { id: '5', content: { uri: 'https://example.com', entry_type: 'Totp', name: 'web' } },
      ],
    };
    const result = await proton.parse(bytes(JSON.stringify(file)), {});
    expect(oks(result)).toEqual([]);
    expect(refusals(result).map((r) => [r.name, r.key, r.params])).toEqual([
      ['y', 'importEntryType', { type: 'Hotp' }],
      ['z', 'secretNotBase32', { chars: '"0"', count: 1 }],
      ['entry 3', 'importEntryFieldType', { field: 'content.uri' }],
      ['entry 4', 'importEntryFieldType', { field: 'content' }],
      ['web', 'importEntryFieldType', { field: 'content.uri' }],
    ]);
    expect(refusals(result)[0]!.reason).toBe(
      'The entry is for a kind of code Keyfob does not know ("Hotp").',
    );

    const sealed = JSON.parse(await protonEncrypted(JSON.stringify(file), 'pw')) as Record<string, string>;
    // Each as the registry finds it, or as chosen by id (`--format proton`) where nothing in it is Proton's own.
    const whole: Array<[string, string, boolean]> = [
      [JSON.stringify(file).slice(0, 100), 'importDamaged', true],
      [JSON.stringify({ version: 1, entries: {} }), 'importDamaged', false],
      [JSON.stringify({ version: 3, entries: [] }), 'importVersionUnsupported', true],
      [JSON.stringify({ ...sealed, content: Buffer.alloc(20).toString('base64') }), 'importDamaged', true],
      [JSON.stringify({ ...sealed, salt: 'AAAA' }), 'importDamaged', true],
      [JSON.stringify({ ...sealed, content: 'no base64 here' }), 'importDamaged', true],
    ];
    for (const [text, key, detected] of whole) {
      if (detected) expect(registry.detect(bytes(text)).id, text.slice(0, 60)).toBe('proton');
      const error = await caught(() => proton.parse(bytes(text), { password: 'pw' }));
      expect(error, text.slice(0, 60)).toMatchObject({ code: 'IMPORT_INVALID', key });
      forWindow(error);
    }
  });

  it('never returns a bad key nor throws anything but a keyed error, whatever the entries hold', async () => {
    const entry = fc.record({
      id: fc.string(),
      content: fc.oneof(
        fc.record({
          uri: fc.oneof(
            fc.string({ maxLength: 5000 }),
            fc.string().map((s) => `otpauth://totp/${s}?secret=${s}`),
            fc.string().map((s) => `steam://${s}`),
            fc.uint8Array({ maxLength: 2000 }).map((b) => `steam://${Buffer.from(b).toString('base64')}`),
          ),
          entry_type: fc.oneof(fc.constantFrom('Totp', 'Steam'), fc.jsonValue({ maxDepth: 1 })),
          name: fc.oneof(fc.string({ maxLength: 5000 }), fc.jsonValue({ maxDepth: 1 })),
        }),
        fc.jsonValue({ maxDepth: 2 }),
      ),
      note: fc.jsonValue({ maxDepth: 1 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(entry, fc.jsonValue({ maxDepth: 2 })), { maxLength: 10 }),
        fc.jsonValue({ maxDepth: 1 }),
        async (entries, version) => {
          await wellBehaved(proton, bytes(JSON.stringify({ version: 1, entries })));
          await wellBehaved(proton, bytes(JSON.stringify({ version, entries })));
        },
      ),
      { numRuns: 200 },
    );
  });
});

const TOKENS: FreeOtpToken[] = [
  {
    issuer: 'GitHub',
    label: 'ada',
    secret: new Uint8Array([0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef]),
  },
  {
    issuer: 'Bank',
    label: 'acct',
    secret: new Uint8Array([1, 2, 3, 4, 5]),
    issuerAlt: 'My Bank',
    labelAlt: 'savings',
  },
  {
    issuer: 'Counter',
    label: 'dave',
    secret: new Uint8Array([255, 254, 253, 252, 251]),
    type: 'HOTP',
    counter: 3,
    algo: 'SHA256',
    digits: 8,
  },
  { issuer: 'Steam', label: 'gamer', secret: new Uint8Array([9, 8, 7, 6, 5]) },
  { issuer: 'Legacy', label: 'md5', secret: new Uint8Array([1, 1, 1, 1, 1]), algo: 'MD5' },
];

describe('FreeOTP+', () => {
  it('reads a real backup in its order, the six accounts Aegis expects of it', async () => {
    const file = fixture('freeotp-plus/freeotp_plus.json');
    expect(registry.detect(file).id).toBe('freeotp-plus');
    const result = await freeotpPlus.parse(file, {});
    expect(refusals(result)).toEqual([]);
    const { 'Boeing (Sophia)': _steam, ...six } = AEGIS_SEVEN;
    expect(Object.fromEntries(oks(result).map(shape))).toEqual(six);
    expect(oks(result).map((a) => a.issuer)).toEqual([
      'WWE',
      'Air Canada',
      'Issuu',
      'Airbnb',
      'SPDX',
      'Deno',
    ]);
  });

  it('reads what its generator writes: the names shown in the app, Steam, counters, and tokenOrder', async () => {
    const order = ['Steam:gamer', 'Counter:dave'];
    const result = await freeotpPlus.parse(bytes(freeOtpPlusBackup(TOKENS, order)), {});
    expect(oks(result).map(shape)).toEqual([
      ['Steam (gamer)', ['BEEAOBQF', 'steam', 'SHA1', 5, 30, 0]],
      ['Counter (dave)', ['777P37H3', 'hotp', 'SHA256', 8, 30, 4]],
      ['GitHub (ada)', ['JBSWY3DPEHPK3PXP', 'totp', 'SHA1', 6, 30, 0]],
      ['My Bank (savings)', ['AEBAGBAF', 'totp', 'SHA1', 6, 30, 0]],
    ]);
    expect(refusals(result)).toMatchObject([
      { name: 'Legacy (md5)', key: 'importEntryAlgorithm', params: { algorithm: 'MD5' } },
    ]);
    expect(refusals(result)[0]!.reason).toBe(
      'The entry\'s codes are made with "MD5", which Keyfob cannot make.',
    );
  });

  it('refuses tokens it cannot read by name or place, and files it cannot read as a whole', async () => {
    const backup = JSON.parse(freeOtpPlusBackup(TOKENS.slice(0, 1))) as {
      tokens: Array<Record<string, unknown>>;
    };
    const token = backup.tokens[0]!;
    const odd: Array<[Record<string, unknown> | string, string, Record<string, unknown>]> = [
      [{ ...token, secret: 'JBSWY3DP' }, 'importEntryFieldType', { field: 'secret' }],
      [{ ...token, secret: [] }, 'importEntryFieldType', { field: 'secret' }],
      [{ ...token, secret: [1, 2, 300] }, 'importEntryFieldType', { field: 'secret' }],
      [
        { ...token, secret: Array.from({ length: 100_000 }, () => 1) },
        'importEntryFieldType',
        { field: 'secret' },
      ],
      [{ ...token, digits: 9 }, 'uriDigitsUnsupported', { digits: 9 }],
      [{ ...token, digits: '6' }, 'importEntryFieldType', { field: 'digits' }],
      [{ ...token, period: 0 }, 'importEntryFieldType', { field: 'period' }],
      [{ ...token, type: 'HOTP', counter: -5 }, 'importEntryFieldType', { field: 'counter' }],
      [{ ...token, type: 'PUSH' }, 'importEntryType', { type: 'PUSH' }],
      [{ ...token, algo: 7 }, 'importEntryFieldType', { field: 'algo' }],
      ['a token', 'importEntryFieldType', { field: 'token' }],
    ];
    for (const [t, key, params] of odd) {
      const result = await freeotpPlus.parse(bytes(JSON.stringify({ tokenOrder: [], tokens: [t] })), {});
      expect(oks(result)).toEqual([]);
      expect(refusals(result), JSON.stringify(t).slice(0, 60)).toMatchObject([
        { name: typeof t === 'string' ? 'entry 1' : 'GitHub (ada)', key, params },
      ]);
    }
    for (const text of [
      JSON.stringify(backup).slice(0, 60),
      JSON.stringify({ tokenOrder: [], tokens: {} }),
    ]) {
      const error = await caught(() => freeotpPlus.parse(bytes(text), {}));
      expect(error).toMatchObject({
        code: 'IMPORT_INVALID',
        key: 'importDamaged',
        params: { format: 'freeotp-plus' },
      });
      expect(errorText(forWindow(error), 'de').message).toBe(
        'Dieser Export (FreeOTP+) ist beschädigt oder unvollständig: Keyfob kann ihn nicht lesen.',
      );
    }
    expect(registry.detect(bytes(JSON.stringify(backup).slice(0, 60))).id).toBe('freeotp-plus');
  });

  it('never returns a bad key nor throws anything but a keyed error, whatever the tokens hold', async () => {
    const token = fc.record(
      {
        algo: fc.oneof(fc.constantFrom('SHA1', 'sha256', 'MD5'), fc.jsonValue({ maxDepth: 1 })),
        counter: fc.oneof(fc.integer(), fc.double(), fc.jsonValue({ maxDepth: 1 })),
        digits: fc.oneof(fc.integer({ min: -2, max: 12 }), fc.jsonValue({ maxDepth: 1 })),
        issuerExt: fc.oneof(
          fc.string({ maxLength: 5000 }),
          fc.constant('Steam'),
          fc.jsonValue({ maxDepth: 1 }),
        ),
        issuerInt: fc.jsonValue({ maxDepth: 1 }),
        issuerAlt: fc.jsonValue({ maxDepth: 1 }),
        label: fc.oneof(fc.string({ maxLength: 5000 }), fc.jsonValue({ maxDepth: 1 })),
        period: fc.oneof(fc.integer({ min: -2, max: 2 ** 40 }), fc.jsonValue({ maxDepth: 1 })),
        secret: fc.oneof(
          fc.array(fc.integer({ min: -300, max: 300 }), { maxLength: 700 }),
          fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 5 }),
          fc.jsonValue({ maxDepth: 1 }),
        ),
        type: fc.oneof(fc.constantFrom('TOTP', 'HOTP', 'totp'), fc.jsonValue({ maxDepth: 1 })),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(token, fc.jsonValue({ maxDepth: 2 })), { maxLength: 10 }),
        fc.jsonValue({ maxDepth: 2 }),
        async (tokens, tokenOrder) => {
          await wellBehaved(freeotpPlus, bytes(JSON.stringify({ tokenOrder, tokens })));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('the three formats among the others', () => {
  it('each takes its own files, leaves the others to theirs, and the others leave it its own', async () => {
    const ours: Array<[string, Uint8Array]> = [
      ['ente', fixture('ente/ente_auth.txt')],
      ['ente', fixture('ente/encrypted.lowcomplexity.txt')],
      ['ente', bytes(await enteEncrypted(entePlain(CODES), 'pw'))],
      ['proton', fixture('proton/proton_authenticator.json')],
      ['proton', bytes(await protonEncrypted(protonPlain([]), 'pw'))],
      ['proton', bytes(protonPlain([]))],
      ['freeotp-plus', fixture('freeotp-plus/freeotp_plus.json')],
      ['freeotp-plus', bytes(freeOtpPlusBackup(TOKENS))],
    ];
    const { uris } = buildMigrationUris([
      { issuer: 'A', label: 'b', secret: 'JBSWY3DPEHPK3PXP', params: defaultParams() },
    ]);
    // Other apps' exports, in the shapes their documentation gives (their own formats read them).
    const theirs: Array<[string, Uint8Array]> = [
      ['google-migration', bytes(uris.join('\n'))],
      ['otpauth', bytes('otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP\n')],
      [
        'aegis',
        bytes(
          JSON.stringify({
            version: 1,
            header: { slots: null, params: null },
            db: { version: 3, entries: [] },
          }),
        ),
      ],
      ['aegis', bytes(JSON.stringify({ version: 1, header: { slots: [], params: {} }, db: 'c2VhbGVk' }))],
      [
        '2fas',
        bytes(
          JSON.stringify({ services: [], groups: [], updatedAt: 0, schemaVersion: 4, appVersionCode: 1 }),
        ),
      ],
      [
        'andotp',
        bytes(
          JSON.stringify([
            {
              secret: 'JBSWY3DP',
              label: 'a',
              type: 'TOTP',
              algorithm: 'SHA1',
              digits: 6,
              period: 30,
              tags: [],
            },
          ]),
        ),
      ],
      [
        'bitwarden',
        bytes(
          JSON.stringify({
            encrypted: false,
            items: [{ login: { totp: 'otpauth://totp/a?secret=JBSWY3DP' } }],
          }),
        ),
      ],
      [
        'stratum',
        bytes(
          JSON.stringify({
            Authenticators: [],
            Categories: [],
            AuthenticatorCategories: [],
            CustomIcons: [],
          }),
        ),
      ],
    ];
    const mine = [ente, proton, freeotpPlus];
    for (const [id, input] of ours) {
      expect(registry.detect(input).id).toBe(id);
      for (const format of mine.filter((f) => f.id !== id))
        expect(format.detect(input), `${format.id} on ${id}`).toBe(0);
      for (const other of FORMATS.filter((f) => !mine.includes(f)))
        expect(other.detect(input), `${other.id} on ${id}`).toBeLessThan(
          mine.find((f) => f.id === id)!.detect(input),
        );
    }
    for (const [id, input] of theirs)
      for (const format of mine) expect(format.detect(input), `${format.id} on ${id}`).toBe(0);
  });

  it('lists the three with their names, passwords and file types, in every language', () => {
    expect(FORMATS.map((f) => f.id)).toEqual(expect.arrayContaining(['ente', 'proton', 'freeotp-plus']));
    expect([ente.password, proton.password, freeotpPlus.password]).toEqual([
      'sometimes',
      'sometimes',
      undefined,
    ]);
    const named = { ente: ['Ente Auth'], proton: ['Proton Authenticator'], 'freeotp-plus': ['FreeOTP+'] };
    for (const [id, [name]] of Object.entries(named))
      for (const lang of ['en', 'de', 'zh-CN'])
        expect(
          errorText({ code: '', message: '', key: 'importPasswordNeeded', params: { format: id } }, lang)
            .message,
        ).toContain(name);
  });

  it('adds nothing when the password is wrong, and everything readable when it is right', async () => {
    const services = createServices({
      dataDir: mkdtempSync(join(tmpdir(), 'keyfob-ente-proton-')),
      keychain: new MemoryKeychain(),
    });
    const enteFile = {
      bytes: bytes(await enteEncrypted(entePlain(CODES), 'pw')),
      fileName: 'ente-auth-codes.txt',
    };
    const protonFile = {
      bytes: bytes(
        await protonEncrypted(
          protonPlain([{ kind: 'Totp', uri: 'otpauth://totp/P:q?secret=JBSWY3DPEHPK3PXQ' }]),
          'pw',
        ),
      ),
      fileName: 'proton.json',
    };
    for (const file of [enteFile, protonFile]) {
      const wrong = await caught(() => services.accounts.import([file], { password: 'PW' }));
      expect(wrong.code).toBe('PASSWORD_WRONG');
      expect(await services.vault.list()).toEqual([]);
    }
    const report = await services.accounts.import([enteFile, protonFile], { password: 'pw' });
    expect(report.entries.map((e) => [e.status, e.name])).toEqual([
      ['added', 'GitHub (ada@example.com)'],
      ['added', 'My Bank (ada)'],
      ['added', 'Steam (ada)'],
      ['added', 'P (q)'],
      ['refused', 'Old (gone)'],
    ]);
    // Read by id, as the window's "Import from another app" does after the choice.
    const chosen = await readImport(services.accounts.formats, [textInput(freeOtpPlusBackup(TOKENS))], {
      format: 'freeotp-plus',
    });
    expect(chosen.accounts).toHaveLength(4);
    services.close();
  });

  it('reaches the window: the import view reads an encrypted export with its password, and says what is wrong', async () => {
    const vault = new Vault({
      dir: mkdtempSync(join(tmpdir(), 'keyfob-ente-ipc-')),
      keychain: new MemoryKeychain(),
    });
    const accounts = new Accounts({ vault, formats: new FormatRegistry() });
    const handlers = createHandlers({ vault, accounts, version: '0.0.0' });
    const listed = await handlers.listFormats();
    expect(
      listed.ok && listed.value.filter((f) => ['ente', 'proton', 'freeotp-plus'].includes(f.id)),
    ).toEqual([
      { id: 'ente', password: 'sometimes', fileTypes: ['.txt', '.json'] },
      { id: 'proton', password: 'sometimes', fileTypes: ['.json'] },
      { id: 'freeotp-plus', password: 'never', fileTypes: ['.json'] },
    ]);
    const file = { bytes: fixture('ente/encrypted.lowcomplexity.txt'), fileName: 'ente.txt', format: 'ente' };
    expect(await handlers.importFile(file)).toMatchObject({
      ok: false,
      error: { code: 'PASSWORD_NEEDED', key: 'importPasswordNeeded', params: { format: 'ente' } },
    });
    expect(await handlers.importFile({ ...file, password: 'Password' })).toMatchObject({
      ok: false,
      error: { code: 'PASSWORD_WRONG', key: 'importPasswordWrong' },
    });
    expect(await vault.list()).toEqual([]);
    const opened = await handlers.importFile({ ...file, password: 'password' });
    expect(opened.ok && opened.value.entries.map((e) => [e.status, e.name])).toEqual([
      ['added', 'dfdf (adfasdf)'],
      ['added', 'issuertest (accountest)'],
      ['refused', 'line 3'],
    ]);
    const cut = fixture('freeotp-plus/freeotp_plus.json').subarray(0, 200);
    expect(await handlers.importFile({ bytes: cut, fileName: 'backup.json' })).toMatchObject({
      ok: false,
      error: { code: 'IMPORT_INVALID', key: 'importDamaged', params: { format: 'freeotp-plus' } },
    });
  });
});
