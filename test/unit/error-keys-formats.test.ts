/**
 * The QR/image decoder and the otpauth:// and otpauth-migration:// parsers mark their errors with keys so the window
 * can say them in German and Chinese. These tests run the real code into its errors and check the translations
 * get the parameters, and that English stays exactly what main (and so the CLI) says.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ErrorInfo, ImportPlace } from '../../preload/api';
import { isKeyfobError } from '../../main/errors';
import { readImport, textInput } from '../../main/accounts';
import { FormatRegistry } from '../../main/formats';
import { buildMigrationUris, parseMigrationPayload, parseMigrationUri } from '../../main/otp/migration';
import { ProtoReader, ProtoWriter, toSafeNumber } from '../../main/otp/protobuf';
import { parseOtpauthUri } from '../../main/otp/uri';
import { decodeImageBuffer, decodeImageFile, decodeRgba } from '../../main/qr';
import { errorText } from '../support/words';
import { i18nFor } from '../support/words';

const ROOT = join(__dirname, '..', '..');
const OWNED = [
  'main/qr/image.ts',
  'main/qr/index.ts',
  'main/qr/off-thread.ts',
  'main/otp/uri.ts',
  'main/otp/migration.ts',
  'main/otp/secret.ts',
  'main/otp/protobuf.ts',
];
const KEY = 'JBSWY3DPEHPK3PXP';
const LINK = `otpauth://totp/Example:alice?secret=${KEY}&issuer=Example`;

/** What the window gets for an error that `run` throws. */
function appError(run: () => unknown): ErrorInfo {
  try {
    run();
  } catch (error) {
    if (!isKeyfobError(error)) throw error;
    return error.forApp();
  }
  throw new Error('expected a KeyfobError');
}

async function appErrorAsync(run: () => Promise<unknown>): Promise<ErrorInfo> {
  try {
    await run();
  } catch (error) {
    if (!isKeyfobError(error)) throw error;
    return error.forApp();
  }
  throw new Error('expected a KeyfobError');
}

function migrationLink(payload: ProtoWriter): string {
  return `otpauth-migration://offline?data=${encodeURIComponent(Buffer.from(payload.finish()).toString('base64'))}`;
}

function entry(fields: {
  secret?: Uint8Array;
  name?: string;
  issuer?: string;
  algorithm?: number;
}): ProtoWriter {
  const out = new ProtoWriter()
    .bytes(1, fields.secret ?? Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]))
    .string(2, fields.name ?? 'alice');
  if (fields.issuer) out.string(3, fields.issuer);
  if (fields.algorithm !== undefined) out.varint(4, fields.algorithm);
  return out;
}

/** Checks a keyed error reads as a German and a Chinese sentence with every parameter filled in. */
function expectTranslated(info: ErrorInfo): void {
  expect(info.key, info.message).toBeDefined();
  for (const lang of ['de', 'zh'] as const) {
    const text = errorText(info, lang);
    expect(text.message, `${info.key} in ${lang}`).not.toBe(info.message);
    expect(text.message).not.toMatch(/undefined|\[object|NaN|\$\{/);
    if (info.hint !== undefined) {
      expect(text.hint, `hint of ${info.key} in ${lang}`).toBeDefined();
      expect(text.hint).not.toBe(info.hint);
      expect(text.hint).not.toMatch(/undefined|\[object|NaN|\$\{/);
    }
  }
  const english = errorText(info, 'en');
  expect(english.message).toBe(info.message);
  // A reason travels without a hint; the catalogue's advice for the same key may still exist.
  if (info.hint !== undefined) expect(english.hint).toBe(info.hint);
}

/** What the import formats read from one text, its refusals in the shape the error checks below use. */
async function collectAccounts(text: string, place?: ImportPlace) {
  const read = await readImport(new FormatRegistry(), [textInput(text, place)]);
  return {
    accounts: read.accounts,
    refused: read.refused.map((r) => ({
      name: r.name,
      reason: r.reason ?? '',
      ...(r.reasonKey ? { key: r.reasonKey } : {}),
      ...(r.reasonParams ? { params: r.reasonParams } : {}),
    })),
  };
}

describe('keyed errors of the otpauth:// parser', () => {
  it('translates a key that is not base32, with the characters named', () => {
    const info = appError(() => parseOtpauthUri(`otpauth://totp/A?secret=JBSW!3DP`));
    expect(info).toMatchObject({ code: 'URI_INVALID', key: 'secretNotBase32' });
    expect(info.message).toBe(
      'This key has a character a key never contains: "!". A key has only the letters A–Z and the digits 2–7.',
    );
    expect(errorText(info, 'de').message).toBe(
      'Dieser Schlüssel enthält ein Zeichen, das in keinem Schlüssel vorkommt: "!". Ein Schlüssel besteht nur aus den Buchstaben A–Z und den Ziffern 2–7.',
    );
    expect(errorText(info, 'zh').message).toBe(
      '此密钥含有密钥中不会出现的字符："!"。密钥只由字母 A–Z 和数字 2–7 组成。',
    );
    expect(errorText(info, 'de').hint).toMatch(/Kopiere ihn noch einmal von der Website/);
    const lookalike = appError(() => parseOtpauthUri(`otpauth://totp/A?secret=JBSW03DP18`));
    expect(lookalike.params).toMatchObject({ count: 3 });
    expect(lookalike.variant).toBe('lookalike');
    expect(errorText(lookalike, 'de').message).toMatch(/vorkommen: "0", "1", "8"\./);
    expect(errorText(lookalike, 'de').hint).toMatch(/eine 0 \(Null\) der Buchstabe O sein sollte/);
    expect(errorText(lookalike, 'zh').hint).toMatch(/把字母 O 输成了 0/);
    expect(errorText(lookalike, 'en')).toEqual({ message: lookalike.message, hint: lookalike.hint });
  });

  it('translates codes of 9 digits', () => {
    const info = appError(() => parseOtpauthUri(`${LINK}&digits=9`));
    expect(info).toMatchObject({ key: 'uriDigitsUnsupported', params: { digits: 9 } });
    expect(errorText(info, 'de')).toEqual({
      message: 'Codes mit 9 Ziffern werden nicht unterstützt.',
      hint: 'Authenticator-Codes haben 6, 7 oder 8 Ziffern.',
    });
    expect(errorText(info, 'zh')).toEqual({
      message: '不支持 9 位的验证码。',
      hint: '身份验证器验证码为 6、7 或 8 位。',
    });
    expect(errorText(info, 'en')).toEqual({
      message: 'Codes of 9 digits are not supported.',
      hint: 'Authenticator codes have 6, 7 or 8 digits.',
    });
  });

  it('translates a link over 4 KiB', () => {
    const info = appError(() => parseOtpauthUri(`${LINK}&x=${'a'.repeat(4100)}`));
    expect(info).toMatchObject({ key: 'uriTooLong', params: { max: 4096 } });
    expect(errorText(info, 'de').message).toBe(
      'Der Link ist länger als 4096 Byte; so viel braucht kein Einrichtungscode.',
    );
    expect(errorText(info, 'zh').message).toBe('该链接超过 4096 字节，任何设置码都不需要这么长。');
    expect(errorText(info, 'en').message).toBe(
      'The link is longer than 4096 bytes, which no setup code needs.',
    );
  });

  it('names the badly encoded part and the number that is wrong', () => {
    const param = appError(() => parseOtpauthUri(`${LINK}&Color=%ZZ`));
    expect(param).toMatchObject({ key: 'uriBadEncoding', params: { part: 'parameter', name: 'color' } });
    expect(errorText(param, 'de').message).toMatch(/^Der Parameter „color“ im Link ist beschädigt/);
    expect(errorText(param, 'zh').message).toMatch(/^链接中的“color”参数已损坏/);
    const small = appError(() => parseOtpauthUri(`${LINK}&digits=0`));
    expect(small).toMatchObject({ key: 'uriNumberTooSmall', params: { part: 'digits', min: 1, value: '0' } });
    expect(errorText(small, 'de').message).toBe('Die Anzahl der Ziffern muss mindestens 1 sein, nicht 0.');
    expect(errorText(small, 'zh').message).toBe('位数必须至少为 1，而不是 0。');
    const period = appError(() => parseOtpauthUri(`${LINK}&period=0`));
    expect(errorText(period, 'de').message).toBe(
      'Das Intervall muss eine positive Anzahl Sekunden sein, nicht 0.',
    );
  });

  it('keys every refusal it can reach, in both languages', () => {
    const cases: Array<[string, string]> = [
      ['http://example.com', 'uriNotOtpauth'],
      ['otpauth://totp', 'uriNoAccountName'],
      ['otpauth://totp/A', 'uriNoParameters'],
      [`otpauth://totp/A%ZZ?secret=${KEY}`, 'uriBadEncoding'],
      [`${LINK}&digits=six`, 'uriNotWholeNumber'],
      [`${LINK}&digits=0`, 'uriNumberTooSmall'],
      [`${LINK}&algorithm=MD5`, 'uriAlgorithmUnsupported'],
      [`otpauth:///A?secret=${KEY}`, 'uriTypeMissing'],
      [`otpauth://motp/A?secret=${KEY}`, 'uriTypeUnknown'],
      [`otpauth://totp/%20?secret=${KEY}`, 'uriEmptyAccountName'],
      ['otpauth://totp/A?issuer=B', 'uriNoSecret'],
      [`${LINK}&period=-5`, 'uriPeriodNotPositive'],
      ['otpauth://totp/A?secret=ABC', 'secretBadLength'],
      ['otpauth://totp/A?secret=%3D%3D', 'secretEmpty'],
      [`otpauth://totp/A?secret=${'A'.repeat(1100)}`, 'secretTooLong'],
    ];
    for (const [link, key] of cases) {
      const info = appError(() => parseOtpauthUri(link));
      expect(info.key, link).toBe(key);
      expectTranslated(info);
    }
  });
});

describe('keyed errors of the image decoder', () => {
  it('translates corrupt and unsupported images', () => {
    const jpeg = appError(() => decodeImageBuffer(Uint8Array.from([0xff, 0xd8, 0xff])));
    expect(jpeg).toMatchObject({ code: 'IMAGE_CORRUPT', key: 'imageJpegTruncated' });
    expect(errorText(jpeg, 'de').message).toMatch(/^Die JPEG-Datei endet zu früh/);
    expect(errorText(jpeg, 'zh').message).toMatch(/^JPEG 文件提前结束/);
    expect(errorText(jpeg, 'en').message).toBe(
      'The JPEG file ends early: it looks truncated (for example an incomplete download).',
    );
    const gif = appError(() => decodeImageBuffer(new TextEncoder().encode('GIF89a and more bytes')));
    expect(gif).toMatchObject({
      code: 'IMAGE_UNSUPPORTED',
      key: 'imageUnsupported',
      params: { kind: 'gif' },
    });
    expect(errorText(gif, 'de').message).toBe(
      'Diese Datei ist ein GIF-Bild. Keyfob kann QR-Codes aus PNG- und JPEG-Bildern lesen.',
    );
    expect(errorText(gif, 'zh').message).toBe(
      '此文件是GIF 图片。Keyfob 可以从 PNG 和 JPEG 图片中读取二维码。',
    );
    expect(errorText(gif, 'en').message).toBe(
      'This file is a GIF image. Keyfob can read QR codes from PNG and JPEG images.',
    );
  });

  it('fills in sizes and pixel counts', () => {
    const big = appError(() => decodeRgba({ width: 10_000, height: 10_000, data: new Uint8Array(0) }));
    expect(big).toMatchObject({
      key: 'imageTooManyPixels',
      params: { width: 10_000, height: 10_000, megapixels: 100, limit: 50 },
    });
    // Pixels from a screen or a camera have no file format to name.
    expect(big.params).not.toHaveProperty('format');
    expect(big.variant).toBeUndefined();
    expect(errorText(big, 'de').message).toBe(
      'Das Bild hat 10000 x 10000 Pixel (100 Megapixel), mehr als die Grenze von 50 Megapixel.',
    );
    expect(errorText(big, 'zh').message).toBe(
      '该图片为 10000 x 10000 像素（100 百万像素），超过了 50 百万像素的上限。',
    );
    const small = appError(() =>
      decodeRgba({ width: 3000, height: 1000, data: new Uint8Array(0) }, { maxPixels: 2_500_000 }),
    );
    expect(errorText(small, 'de').message).toMatch(
      /\(3 Megapixel\), mehr als die Grenze von 2,5 Megapixel\.$/,
    );
    const size = appError(() => decodeRgba({ width: 30, height: 30, data: new Uint8Array(10) }));
    expect(size).toMatchObject({
      key: 'imageDataSize',
      params: { bytes: 10, width: 30, height: 30, needed: 3600 },
    });
    expect(errorText(size, 'de').message).toBe(
      'Die Bilddaten haben 10 Byte, aber 30 x 30 RGBA-Pixel brauchen 3600.',
    );
    expect(errorText(size, 'zh').message).toBe('图片数据有 10 字节，但 30 x 30 个 RGBA 像素需要 3600 字节。');
  });

  it('keys every refusal it can reach, in both languages', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const cases: Array<[() => unknown, string]> = [
      [() => decodeImageBuffer(new Uint8Array(0)), 'imageEmpty'],
      [() => decodeImageBuffer(Uint8Array.from([1, 2, 3, 4, 5])), 'imageUnsupported'],
      [() => decodeImageBuffer(png), 'imagePngTruncated'],
      [
        () => decodeImageBuffer(Uint8Array.from([...png, ...new Array<number>(40).fill(0)])),
        'imagePngNoHeader',
      ],
      [() => decodeImageBuffer(Uint8Array.from([0xff, 0xd8, 0xff, 0xd9])), 'imageJpegNoFrameHeader'],
      [() => decodeImageBuffer(Uint8Array.from([0xff, 0xd8, 0xff, 0xd8])), 'imageJpegBroken'],
      [() => decodeRgba({ width: 0, height: 5, data: new Uint8Array(0) }), 'imageInvalidSize'],
      [() => decodeRgba({ width: 5, height: 5, data: [] as unknown as Uint8Array }), 'imageNoPixelData'],
    ];
    for (const [run, key] of cases) {
      const info = appError(run);
      expect(info.key).toBe(key);
      expectTranslated(info);
    }
    const missing = await appErrorAsync(() => decodeImageFile(join(ROOT, 'no-such-image.png')));
    expect(missing).toMatchObject({ code: 'IO_FAILED', key: 'imageReadFailed', params: { errno: 'ENOENT' } });
    expect(errorText(missing, 'de').message).toMatch(
      /no-such-image\.png“ konnte nicht gelesen werden: die Datei gibt es nicht\.$/,
    );
    expect(errorText(missing, 'zh').hint).toBe('请检查文件名和文件夹，然后重试。');
    expectTranslated(missing);
  });
});

describe('keyed errors of the migration parser', () => {
  const good = migrationLink(new ProtoWriter().message(1, entry({})).varint(2, 1).varint(3, 1));

  it('translates truncated export data', () => {
    const data = decodeURIComponent(good.split('data=')[1]!);
    const bytes = Buffer.from(data, 'base64');
    const cut = Buffer.from(bytes.subarray(0, 6)).toString('base64');
    const info = appError(() =>
      parseMigrationUri(`otpauth-migration://offline?data=${encodeURIComponent(cut)}`),
    );
    expect(info).toMatchObject({
      code: 'MIGRATION_INVALID',
      key: 'migrationLengthTruncated',
      params: { what: 'account', remaining: 4 },
    });
    expect(errorText(info, 'de')).toEqual({
      message: `Die Exportdaten sind abgeschnitten (unvollständig): Ein Konto soll ${info.params?.length} Byte umfassen, es sind aber nur noch 4 übrig.`,
      hint: 'Scanne den QR-Code erneut oder exportiere noch einmal aus Google Authenticator.',
    });
    expect(errorText(info, 'zh').message).toBe(
      `导出数据不完整（被截断）：某个账户声明有 ${info.params?.length} 个字节，但只剩 4 个。`,
    );
    expect(errorText(info, 'en').message).toBe(info.message);
    const mid = appError(() => new ProtoReader(Uint8Array.from([0x80])).readVarint('accountCounter'));
    expect(errorText(mid, 'de').message).toBe(
      'Die Exportdaten sind abgeschnitten (unvollständig): Der Zähler eines Kontos bricht mittendrin ab.',
    );
    const length = appError(() => new ProtoReader(Uint8Array.from([0x80])).readBytes('textField'));
    expect(errorText(length, 'de').message).toMatch(
      /: Die Längenangabe eines Textfelds bricht mittendrin ab\.$/,
    );
    expect(errorText(length, 'zh').message).toBe('导出数据不完整（被截断）：某个文本字段的长度在中途中断。');
  });

  it('keys every refusal it can reach, in both languages', () => {
    const entryOnly = new ProtoWriter().message(1, entry({}));
    const cases: Array<[() => unknown, string]> = [
      [() => parseMigrationUri(1 as unknown as string), 'migrationNotText'],
      [() => parseMigrationUri(`otpauth-migration://offline?data=${'A'.repeat(70_000)}`), 'migrationTooLong'],
      [() => parseMigrationUri('otpauth://offline?data=AAAA'), 'migrationNotExport'],
      [() => parseMigrationUri('otpauth-migration://online?data=AAAA'), 'migrationWrongHost'],
      [() => parseMigrationUri('otpauth-migration://offline/x?data=AAAA'), 'migrationUnexpectedPath'],
      [() => parseMigrationUri('otpauth-migration://offline?foo=1'), 'migrationNoData'],
      [() => parseMigrationUri('otpauth-migration://offline?data=AA&data=BB'), 'migrationSeveralData'],
      [() => parseMigrationUri('otpauth-migration://offline?data=%ZZ'), 'migrationBrokenEscape'],
      [() => parseMigrationUri('otpauth-migration://offline?data=='), 'migrationDataEmpty'],
      [() => parseMigrationUri('otpauth-migration://offline?data=AB!C=D'), 'migrationNotBase64'],
      [() => parseMigrationUri('otpauth-migration://offline?data=ABCDE'), 'migrationBase64Truncated'],
      [() => parseMigrationUri('otpauth-migration://offline?data=ABCD=='), 'migrationTooMuchPadding'],
      [() => parseMigrationPayload([] as unknown as Uint8Array), 'migrationNotBinary'],
      [() => parseMigrationPayload(new Uint8Array(0)), 'migrationEmpty'],
      [() => parseMigrationPayload(Uint8Array.from([0x10, 0x01])), 'migrationNoAccounts'],
      [() => parseMigrationPayload(Uint8Array.from([0x08, 0x01])), 'migrationWrongEncoding'],
      [() => parseMigrationPayload(Uint8Array.from([0x00])), 'migrationFieldZero'],
      [
        () => parseMigrationPayload(Uint8Array.from([0x80, 0x80, 0x80, 0x80, 0x10])),
        'migrationFieldOutOfRange',
      ],
      [() => parseMigrationPayload(Uint8Array.from([0x0b])), 'migrationGroupEncoding'],
      [() => parseMigrationPayload(Uint8Array.from([0x0e])), 'migrationUnknownWireType'],
      [
        () => parseMigrationPayload(Uint8Array.from([0x10, ...new Array<number>(10).fill(0xff), 0x01])),
        'migrationVarintTooLong',
      ],
      [
        () => parseMigrationPayload(Uint8Array.from([0x10, ...new Array<number>(9).fill(0xff), 0x7f])),
        'migrationVarintTooLarge',
      ],
      [
        () => parseMigrationPayload(new ProtoWriter().message(1, entry({})).varint(3, 200).finish()),
        'migrationBatchSize',
      ],
      [() => parseMigrationPayload(entryOnly.varint(3, 2).varint(4, 5).finish()), 'migrationBatchIndex'],
      [
        () => new ProtoReader(Uint8Array.from([0x02, 0xff, 0xfe])).readString('textField'),
        'migrationNotUtf8',
      ],
      [() => toSafeNumber(1n << 60n, 'counter'), 'migrationOutOfRange'],
      [() => buildMigrationUris([], { perCode: 0 }), 'migrationPerCode'],
      [() => buildMigrationUris([], { batchId: 2 ** 40 }), 'migrationExportId'],
    ];
    for (const [run, key] of cases) {
      const info = appError(run);
      expect(info.key, info.message).toBe(key);
      expectTranslated(info);
    }
    const host = appError(() => parseMigrationUri('otpauth-migration://elsewhere?data=AAAA'));
    expect(errorText(host, 'de').message).toMatch(
      /^Der Exportlink verweist auf „elsewhere“ statt auf „offline“/,
    );
    const base64 = appError(() => parseMigrationUri('otpauth-migration://offline?data=AB!C=D'));
    expect(base64.params).toEqual({ chars: '"!"', found: 'charsAndEquals' });
    expect(base64.message).toBe(
      'This Google Authenticator export is damaged: its data contains "!", "=" in the middle, which cannot be there.',
    );
    expect(errorText(base64, 'de').message).toBe(
      'Dieser Export aus Google Authenticator ist beschädigt: Seine Daten enthalten "!", ein „=“ mitten in den Daten, was dort nicht stehen kann.',
    );
    const range = appError(() => toSafeNumber(1n << 60n, 'counter'));
    expect(errorText(range, 'de').message).toBe(
      `Der Zähler in den Exportdaten ist ${(1n << 60n).toString()} und liegt außerhalb des Bereichs, den Keyfob speichern kann (0 bis ${Number.MAX_SAFE_INTEGER}).`,
    );
  });

  it('keys the refusal of single entries and carries it into the import report', async () => {
    const payload = new ProtoWriter()
      .message(1, entry({ name: 'first', issuer: 'One' }))
      .message(1, entry({ name: 'legacy', issuer: 'OldBank', algorithm: 4 }))
      .message(1, entry({ name: 'odd', issuer: 'X', algorithm: 9 }))
      .message(1, entry({ name: 'huge', issuer: 'Y', secret: new Uint8Array(700) }))
      .message(1, entry({ name: 'nokey', issuer: 'Z', secret: new Uint8Array(0) }))
      .varint(2, 1)
      .varint(3, 1);
    const { accounts, refused } = await collectAccounts(migrationLink(payload), { kind: 'qr', n: 1 });
    expect(accounts.map((a) => a.label)).toEqual(['first']);
    expect(refused).toEqual([
      {
        name: 'OldBank (legacy)',
        reason: 'MD5 is not supported: Keyfob makes codes with SHA-1, SHA-256 or SHA-512 only.',
        key: 'migrationEntryMd5',
      },
      {
        name: 'X (odd)',
        reason: 'The entry uses an unknown algorithm (number 9).',
        key: 'migrationEntryAlgorithm',
        params: { number: 9 },
      },
      {
        name: 'Y (huge)',
        reason: 'The key is 1120 characters long, far longer than a real one.',
        key: 'secretTooLong',
        params: { length: 1120 },
      },
      {
        name: 'Z (nokey)',
        reason: 'The entry has no key, so no codes can be made from it.',
        key: 'migrationEntryNoKey',
      },
    ]);
    const asError = (r: (typeof refused)[number]): ErrorInfo => ({
      code: 'MIGRATION_INVALID',
      message: r.reason,
      ...(r.key ? { key: r.key } : {}),
      ...(r.params ? { params: r.params } : {}),
    });
    expect(errorText(asError(refused[0]!), 'de').message).toBe(
      'MD5 wird nicht unterstützt: Keyfob erzeugt Codes nur mit SHA-1, SHA-256 oder SHA-512.',
    );
    expect(errorText(asError(refused[1]!), 'zh').message).toBe('该条目使用了未知的算法（编号 9）。');
    expect(errorText(asError(refused[2]!), 'de').message).toBe(
      'Der Schlüssel ist 1120 Zeichen lang, weit länger als ein echter.',
    );
    expect(errorText(asError(refused[1]!), 'en').message).toBe(refused[1]!.reason);
    for (const r of refused) expectTranslated(asError(r));

    // A link refused as a whole keeps its key in the report too.
    const whole = (await collectAccounts(`${LINK}&digits=9`)).refused[0];
    expect(whole).toMatchObject({ name: 'line 1', key: 'uriDigitsUnsupported', params: { digits: 9 } });
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Source checks: no KeyfobError in these files without a key, and no key without its translations.

/** The text of each `new KeyfobError(…)` call in `source`, up to its closing parenthesis. */
function keyfobErrorCalls(source: string): string[] {
  const calls: string[] = [];
  const marker = 'new KeyfobError(';
  for (let start = source.indexOf(marker); start >= 0; start = source.indexOf(marker, start + 1)) {
    let depth = 0;
    let quote: string | null = null;
    let end = start + marker.length - 1;
    for (; end < source.length; end++) {
      const c = source[end]!;
      if (quote) {
        if (c === '\\') end++;
        else if (c === quote) quote = null;
      } else if (c === "'" || c === '"' || c === '`') quote = c;
      else if (c === '(') depth++;
      else if (c === ')' && --depth === 0) break;
    }
    calls.push(source.slice(start, end + 1));
  }
  return calls;
}

/**
 * Calls among them that give no key: neither a key as their second argument (a catalogue key, or an expression
 * such as `error.key ?? 'secretEmpty'`, never English text) nor, in the old form, `key:` / `key,` / `key }`.
 */
function unkeyed(source: string): string[] {
  const keyForm =
    /^new KeyfobError\(\s*[^,]+,\s*(?:'[a-z][A-Za-z0-9]*'|(?:[A-Za-z_][\w.]*\.)?[kK]ey(?:\s*\?\?\s*'[a-z][A-Za-z0-9]*')?)\s*[,)]/;
  return keyfobErrorCalls(source).filter((call) => !keyForm.test(call) && !/\bkey\s*[:,}]/.test(call));
}

const KEY_LITERAL = /'((?:image|qr|uri|migration|secret|export)[A-Z][A-Za-z0-9]*)'/g;

describe('the formats area has no unkeyed or untranslated errors', () => {
  it('finds a KeyfobError without a key (the check itself)', () => {
    const sample = `
      throw new KeyfobError('URI_INVALID', 'A (bracketed) message.', "it's", { cause });
      throw new KeyfobError('URI_INVALID', \`The \${what} (x) is bad.\`, hint, { key: 'uriTooLong' });
      return new KeyfobError(code, message, hint, { key, ...(params ? { params } : {}) });
      throw new KeyfobError('URI_INVALID', 'uriTooLong', { max });
      throw new KeyfobError('URI_INVALID', error.key ?? 'secretEmpty', error.params);
      throw new KeyfobError('URI_INVALID', \`No \${what}.\`);`;
    expect(keyfobErrorCalls(sample)).toHaveLength(6);
    expect(unkeyed(sample)).toEqual([
      `new KeyfobError('URI_INVALID', 'A (bracketed) message.', "it's", { cause })`,
      "new KeyfobError('URI_INVALID', `No ${what}.`)",
    ]);
  });

  it('gives every KeyfobError in the decoder and parsers a key', () => {
    let calls = 0;
    for (const file of OWNED) {
      const source = readFileSync(join(ROOT, file), 'utf8');
      calls += keyfobErrorCalls(source).length;
      expect(unkeyed(source), file).toEqual([]);
    }
    expect(calls).toBeGreaterThanOrEqual(OWNED.length);
  });

  it('has a catalogue entry in every language for every key the sources use', () => {
    const used = new Set<string>();
    for (const file of OWNED) {
      for (const match of readFileSync(join(ROOT, file), 'utf8').matchAll(KEY_LITERAL)) used.add(match[1]!);
    }
    expect(used.size).toBeGreaterThan(50);
    for (const lang of ['en', 'de', 'zh-CN']) {
      const missing = [...used].filter(
        (key) => !i18nFor(lang).exists(`errors:${key}`, { lng: lang, fallbackLng: [] }),
      );
      expect(missing, lang).toEqual([]);
    }
  });
});
