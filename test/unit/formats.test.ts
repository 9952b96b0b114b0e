/**
 * The import formats registry (main/formats/) and the account use cases built on it (main/accounts/): bytes
 * in, entries and per-entry problems out, detection by content, and export where a format can write.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readImport, textInput } from '../../main/accounts';
import errorWordsEn from '../../locales/en/errorWords.json';
import { KeyfobError, isKeyfobError } from '../../main/errors';
import {
  FORMATS,
  FormatRegistry,
  passwordNeeded,
  passwordWrong,
  textOf,
  type Format,
} from '../../main/formats';
import { googleMigration } from '../../main/formats/google-migration';
import { otpauth } from '../../main/formats/otpauth';
import { buildMigrationUris } from '../../main/otp/migration';
import { defaultParams, type OtpAccount } from '../../main/otp/types';
import { createServices } from '../../main/services';
import { MemoryKeychain } from '../../main/vault/memory-keychain';
import { errorText, i18nFor } from '../support/words';
import { caught, forWindow } from '../support/error-checks';

const SECRET = 'JBSWY3DPEHPK3PXP';
const URI = `otpauth://totp/GitHub:ada%40example.com?secret=${SECRET}&issuer=GitHub`;
const bytes = (text: string) => new TextEncoder().encode(text);

const ACCOUNTS: OtpAccount[] = [
  { issuer: 'Site1', label: 'one', secret: 'JBSWY3DPEHPK3PXA', params: defaultParams(), extra: {} },
  { issuer: 'Site2', label: 'two', secret: 'JBSWY3DPEHPK3PXB', params: defaultParams(), extra: {} },
  { issuer: 'Site3', label: 'three', secret: 'JBSWY3DPEHPK3PXC', params: defaultParams(), extra: {} },
];

/**
 * What a new format brings to the catalogues: its name in each language, `errorWords:format.<id>`. Put into the
 * catalogues this test reads (locales/english.ts's English, and the words of test/support/words.ts), since the
 * format below exists only here.
 */
const JSON_APP_NAMES: Record<string, string> = { en: 'JSON App', de: 'JSON-App', 'zh-CN': 'JSON 应用' };
(errorWordsEn.format as Record<string, string>)['json-app'] = JSON_APP_NAMES.en!;
for (const [lang, name] of Object.entries(JSON_APP_NAMES))
  i18nFor(lang).addResource(lang, 'errorWords', 'format.json-app', name);

/** An entry the format refuses, its reason from the catalogue as a real format's is (docs/contributing.md). */
function refused(name: string, error: KeyfobError) {
  return {
    status: 'refused' as const,
    name,
    reason: error.message,
    ...(error.key ? { key: error.key } : {}),
    ...(error.params ? { params: error.params } : {}),
  };
}

/** A JSON format of another app, as issue 9's will be: one file, reached with the whole file's bytes. */
const jsonApp: Format = {
  id: 'json-app',
  detect: (input, fileName) => {
    const text = textOf(input)?.trim() ?? '';
    return text.startsWith('{') && text.includes('"jsonApp"') ? 1 : fileName?.endsWith('.jsonapp') ? 0.3 : 0;
  },
  parse: (input, options) => {
    const file = JSON.parse(textOf(input) ?? '') as {
      jsonApp: { locked?: string; entries: Array<{ name: string; secret?: string }> };
    };
    if (file.jsonApp.locked !== undefined) {
      if (options.password === undefined) throw passwordNeeded('json-app');
      if (options.password !== file.jsonApp.locked) throw passwordWrong('json-app');
    }
    return {
      entries: file.jsonApp.entries.map((e) =>
        e.secret
          ? {
              status: 'ok',
              account: {
                issuer: 'JSON',
                label: e.name,
                secret: e.secret,
                params: defaultParams(),
                extra: {},
              },
            }
          : refused(e.name, new KeyfobError('MIGRATION_INVALID', 'migrationEntryNoKey')),
      ),
    };
  },
};

describe('the formats registry', () => {
  it('lists each format once, by a unique id, otpauth lines and Google Authenticator included', () => {
    const ids = FORMATS.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['otpauth', 'google-migration']));
    expect(new FormatRegistry().exporters.map((f) => f.id).sort()).toEqual([
      'aegis',
      'google-migration',
      'otpauth',
    ]);
  });

  it('detects a format from the content: export links, setup links, any text, and nothing it knows', async () => {
    const registry = new FormatRegistry();
    const { uris } = buildMigrationUris(ACCOUNTS, { perCode: 2 });
    expect(registry.detect(bytes(`${uris[0]}\n${uris[1]}\n`)).id).toBe('google-migration');
    // Mixed links are a list of links: the otpauth format reads both kinds.
    expect(registry.detect(bytes(`${URI}\n${uris[0]}`)).id).toBe('otpauth');
    expect(registry.detect(bytes('hello')).id).toBe('otpauth');
    // Bytes no format reads and no magic names (0xff 0xd8 0xff would be a JPEG's).
    const all = await caught(() => registry.detect(new Uint8Array([0xfe, 0x80, 0x81, 0x00]), 'x.bin'));
    expect(all.params).toMatchObject({ formats: FORMATS.map((f) => f.id).join(',') });
    expect(all.code).toBe('FORMAT_UNKNOWN');
    const info = forWindow(all);
    expect(info).toMatchObject({ key: 'importFormatUnknown', params: { file: 'x.bin' } });
    expect(errorText(info, 'de').message).toBe('Keyfob kennt das Format von x.bin nicht.');
    expect(errorText(info, 'zh-CN').message).toBe('Keyfob 无法识别 x.bin 的格式。');
    // The formats it reads, from the registry, each named in the reader's language.
    expect(info.params).toMatchObject({ formats: FORMATS.map((f) => f.id).join(',') });
    // Named and joined as each language joins a list, whatever formats the registry has.
    expect(errorText(info, 'en').hint).toMatch(
      /^Keyfob reads (.+, )*Google Authenticator,? and otpauth:\/\/ links\.$/,
    );
    expect(errorText(info, 'de').hint).toMatch(
      /^Keyfob liest (.+, )*Google Authenticator und otpauth:\/\/-Links\.$/,
    );
    expect(errorText(info, 'zh-CN').hint).toMatch(
      /^Keyfob 可读取：(.+、)*Google Authenticator和otpauth:\/\/ 链接。$/,
    );
    for (const lang of ['en', 'de', 'zh-CN'])
      for (const { id } of FORMATS)
        expect(errorText(info, lang).hint).toContain(i18nFor(lang).t(`errorWords:format.${id}`));
  });

  it('has every format named in every language, by its id (the window lists them so)', () => {
    for (const lang of ['en', 'de', 'zh-CN'])
      for (const { id } of FORMATS) {
        expect(i18nFor(lang).exists(`errorWords:format.${id}`, { fallbackLng: [] })).toBe(true);
      }
  });

  it('reads a whole file in one piece, so a JSON export reaches its format unsplit', async () => {
    const registry = new FormatRegistry([...FORMATS, jsonApp]);
    const file = JSON.stringify(
      { jsonApp: { entries: [{ name: 'a', secret: SECRET }, { name: 'b' }] } },
      null,
      2,
    );
    const read = await readImport(registry, [{ bytes: bytes(file), fileName: 'export.json' }]);
    expect(read.accounts.map((a) => a.label)).toEqual(['a']);
    expect(read.refused).toEqual([
      { name: 'b', status: 'refused', reason: expect.any(String), reasonKey: 'migrationEntryNoKey' },
    ]);
    const noKey = { code: '', message: '', key: 'migrationEntryNoKey' } as const;
    expect(read.refused[0]!.reason).toBe(errorText(noKey, 'en').message);
    // Chosen by id, the format reads what detection would not have given it.
    const chosen = await readImport(registry, [textInput(`{"x": 1, "jsonApp": {"entries": []}}`)], {
      format: 'json-app',
    });
    expect(chosen.accounts).toEqual([]);
  });

  it('asks for a password, and says when it is wrong, as keyed errors in every language', async () => {
    const registry = new FormatRegistry([...FORMATS, jsonApp]);
    const locked = textInput(
      JSON.stringify({ jsonApp: { locked: 'pw', entries: [{ name: 'a', secret: SECRET }] } }),
    );
    const needed = await caught(() => readImport(registry, [locked]));
    expect(needed.code).toBe('PASSWORD_NEEDED');
    const wrong = await caught(() => readImport(registry, [locked], { password: 'nope' }));
    expect(wrong.code).toBe('PASSWORD_WRONG');
    for (const error of [needed, wrong]) {
      const info = forWindow(error);
      // The format by its id; each language names it.
      expect(info.params).toEqual({ format: 'json-app' });
      expect(error.message).toContain('JSON App');
      for (const lang of ['de', 'zh-CN'] as const) {
        expect(errorText(info, lang).message).not.toBe(error.message);
        expect(errorText(info, lang).message).toContain(JSON_APP_NAMES[lang]);
        expect(errorText(info, lang).hint).toBeTruthy();
      }
    }
    // The password never appears in what is said.
    expect(JSON.stringify(wrong.forApp())).not.toContain('nope');
    const open = await readImport(registry, [locked], { password: 'pw' });
    expect(open.accounts).toHaveLength(1);
  });

  it('carries the wording a refusal was made with (its variant) into the report', async () => {
    // A 0, 1 or 8 in a key is probably an O, I/L or B: the error says so (variant lookalike).
    const read = await readImport(new FormatRegistry(), [
      textInput(`${URI}\notpauth://totp/B?secret=JBSW03DP18\n`),
    ]);
    expect(read.refused).toMatchObject([
      {
        name: 'line 2',
        reasonKey: 'secretNotBase32',
        reasonVariant: 'lookalike',
        place: { kind: 'line', n: 2 },
      },
    ]);
    const info = { code: '', message: '', key: 'secretNotBase32', variant: 'lookalike' } as const;
    expect(errorText({ ...info, params: read.refused[0]!.reasonParams! }, 'de').hint).toMatch(
      /eine 0 \(Null\) der Buchstabe O/,
    );
  });

  it('names what a text refuses by its line, or by the input itself when it is one line', async () => {
    const registry = new FormatRegistry();
    const text = `# exported by Keyfob\n${URI}\n\nhello\n${URI}&digits=9\n`;
    const read = await readImport(registry, [textInput(text, { kind: 'text' })]);
    expect(read.accounts).toHaveLength(1);
    expect(read.refused.map((r) => [r.name, r.reasonKey, r.place])).toEqual([
      ['line 4', 'notALink', { kind: 'line', n: 4 }],
      ['line 5', 'uriDigitsUnsupported', { kind: 'line', n: 5 }],
    ]);
    const one = await readImport(registry, [textInput('hello', { kind: 'link' })]);
    expect(one.refused).toMatchObject([{ name: 'setup link', place: { kind: 'link' } }]);
    const qr = await readImport(registry, [textInput('https://example.com', { kind: 'qr', n: 2 })]);
    expect(qr.refused).toMatchObject([{ name: 'QR code 2', reasonKey: 'notALink' }]);
    expect((await readImport(registry, [textInput('\n# nothing\n')])).refused).toEqual([]);
  });

  it('puts the parts of a Google Authenticator export together across inputs, naming those not scanned', async () => {
    const registry = new FormatRegistry();
    const { uris } = buildMigrationUris(ACCOUNTS, { perCode: 1, batchId: 77 });
    const read = await readImport(
      registry,
      [uris[0]!, uris[2]!].map((u, i) => textInput(u, { kind: 'qr', n: i + 1 })),
    );
    expect(read.accounts.map((a) => a.label)).toEqual(['one', 'three']);
    expect(read.missing).toEqual([
      { batchSize: 3, missing: [2], format: 'google-migration', exportId: '77' },
    ]);
    const whole = await readImport(registry, [textInput(uris.join('\n'))]);
    expect(whole.missing).toEqual([]);
  });

  it('writes what it reads: otpauth lines and Google Authenticator exports come back the same', async () => {
    const registry = new FormatRegistry();
    for (const format of [otpauth, googleMigration]) {
      const written = format.export!(ACCOUNTS);
      expect(written.excluded).toEqual([]);
      const read = await readImport(registry, [textInput(written.lines.join('\n'))], { format: format.id });
      expect(read.accounts.map((a) => [a.issuer, a.label, a.secret])).toEqual(
        ACCOUNTS.map((a) => [a.issuer, a.label, a.secret]),
      );
    }
    const odd = googleMigration.export!([{ ...ACCOUNTS[0]!, params: { ...defaultParams(), digits: 7 } }]);
    expect(odd.lines).toEqual([]);
    expect(odd.excluded).toMatchObject([{ name: 'Site1 (one)', key: 'exportDigits' }]);
  });
});

describe('the account use cases over createServices', () => {
  it('imports, reports each entry, exports, and refuses a format that cannot be written', async () => {
    const services = createServices({
      dataDir: mkdtempSync(join(tmpdir(), 'keyfob-formats-')),
      keychain: new MemoryKeychain(),
      clock: { now: () => Date.UTC(2026, 10, 23, 12, 0, 10) },
    });
    const report = await services.accounts.import([textInput(`${URI}\n${URI}\nhello`)]);
    expect(report.entries.map((e) => [e.status, e.name])).toEqual([
      ['added', 'GitHub (ada@example.com)'],
      ['duplicate', 'GitHub (ada@example.com)'],
      ['refused', 'line 3'],
    ]);
    const exported = await services.accounts.export('otpauth');
    expect(exported.lines).toHaveLength(1);
    expect(exported.lines[0]).toContain(SECRET);
    const refused = await caught(() => services.accounts.export('nothing'));
    expect(refused.code).toBe('EXPORT_UNSUPPORTED');
    expect(refused.message).toBe('Keyfob cannot write the format "nothing".');
    const window = forWindow(refused);
    expect(window.params).toMatchObject({ format: 'nothing' });
    expect(errorText(window, 'de').message).toBe('Keyfob kann das Format „nothing“ nicht schreiben.');
    // A line that is not a link says which links the format reads.
    const notMigration = report.entries[2]!;
    expect(notMigration).toMatchObject({ reasonKey: 'notALink' });
    const migrationOnly = await googleMigration.parse(new TextEncoder().encode('hello'), {});
    expect(migrationOnly.entries[0]).toMatchObject({
      reason: 'This is not a Google Authenticator transfer link (otpauth-migration://).',
      key: 'notAMigrationLink',
    });
    // Cognito's code is loaded only by those who give a loader (the app, the CLI's Cognito commands).
    const noCognito = await services.cognitoEngine().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isKeyfobError(noCognito, 'PROFILE_NOT_FOUND')).toBe(true);
    services.close();
  });
});
