import { deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isKeyfobError, type KeyfobError } from '../../main/errors';
import { FORMATS, FormatRegistry, type Format } from '../../main/formats';
import { fileKindOf } from '../../main/formats/magic';
import { errorText } from '../support/words';
import { encodePng, noCodePage } from '../support/qr-fixtures';

const bytes = (s: string) => new TextEncoder().encode(s);
const formats = FORMATS.map((f) => f.id).join(',');

function refusal(run: () => unknown): KeyfobError {
  try {
    run();
  } catch (error) {
    if (isKeyfobError(error)) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

/** The start of a real file of each kind, as its own format's specification lays it out. */
const SAMPLES: Record<string, Uint8Array> = {
  png: encodePng(noCodePage().image),
  jpeg: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]),
  gif: bytes('GIF89a\x01\x00\x01\x00'),
  pdf: bytes('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'),
  zip: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00]),
  gzip: gzipSync(bytes('otpauth://totp/A?secret=JBSWY3DPEHPK3PXP\n')),
  sqlite: new Uint8Array([...bytes('SQLite format 3'), 0, 0x10, 0x00, 0x01, 0x01]),
  program: new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]),
  // JSON of no app's shape ({"version", "entries"} would be Proton Authenticator's export).
  json: bytes('\ufeff  {"notes": ["milk", "eggs"]}'),
  html: bytes('<!DOCTYPE html>\n<html><body>otpauth</body></html>'),
  xml: bytes('<?xml version="1.0"?>\n<map><string name="x">y</string></map>'),
};

describe('what a file no format reads looks like', () => {
  it('names each kind from its first bytes', () => {
    for (const [kind, sample] of Object.entries(SAMPLES)) expect(fileKindOf(sample), kind).toBe(kind);
    expect(fileKindOf(bytes('otpauth://totp/A?secret=JBSWY3DPEHPK3PXP'))).toBeUndefined();
    expect(fileKindOf(bytes('{ not json'))).toBeUndefined();
    expect(fileKindOf(deflateSync(bytes('raw deflate has no magic')))).toBeUndefined();
    expect(fileKindOf(new Uint8Array())).toBeUndefined();
  });

  it('refuses a PDF in one error that says what it is and what to do, in every language', () => {
    const error = refusal(() => new FormatRegistry().detect(SAMPLES.pdf!, 'accounts.pdf'));
    expect(error.code).toBe('FORMAT_UNKNOWN');
    expect(error.key).toBe('importLooksLike');
    expect(error.message).toBe("accounts.pdf looks like a PDF document, which Keyfob can't import.");
    // The formats named are the registry's, joined as English joins a list.
    expect(error.hint).toMatch(
      /^Keyfob can't read PDF files\. Export the accounts from the app as a file \((.+, )*Google Authenticator,? and otpauth:\/\/ links\), or save the QR codes in it as PNG images\.$/,
    );
    for (const name of ['Aegis', '2FAS', 'Bitwarden', 'Ente Auth', 'FreeOTP+'])
      expect(error.hint).toContain(name);
    const info = error.forApp();
    expect(info.params).toEqual({ kind: 'pdf', formats, file: 'accounts.pdf' });
    expect(errorText(info, 'de').message).toBe(
      'accounts.pdf sieht aus wie ein PDF-Dokument; das kann Keyfob nicht importieren.',
    );
    expect(errorText(info, 'zh-CN').message).toBe('accounts.pdf 看起来是一份 PDF 文档，Keyfob 无法导入。');
  });

  it('says "this" for an input without a file name, and names archives, images and databases', () => {
    const registry = new FormatRegistry();
    const pasted = refusal(() => registry.detect(SAMPLES.json!));
    expect(pasted.message).toBe("This looks like JSON, which Keyfob can't import.");
    expect(pasted.variant).toBe('input');
    expect(refusal(() => registry.detect(SAMPLES.gzip!, 'a.gz')).hint).toBe(
      'Unpack it, then import the export inside.',
    );
    expect(refusal(() => registry.detect(SAMPLES.png!, 'shot.png')).hint).toContain('keyfob import <image>');
    expect(refusal(() => registry.detect(SAMPLES.sqlite!, 'db')).message).toContain('an SQLite database');
  });

  it('leaves a file to a format that is sure of it, and JSON to any format that sees more than text', () => {
    const sure: Format = {
      id: 'zipped',
      detect: (b) => (fileKindOf(b) === 'zip' ? 0.9 : 0),
      parse: () => ({ entries: [] }),
    };
    expect(new FormatRegistry([...FORMATS, sure]).detect(SAMPLES.zip!, 'x.zip').id).toBe('zipped');
    const unsure: Format = {
      id: 'halfjson',
      detect: (b) => (fileKindOf(b) === 'json' ? 0.3 : 0),
      parse: () => ({ entries: [] }),
    };
    // An unsure format still gets JSON (it says what is wrong with its own export), never a PDF.
    expect(new FormatRegistry([...FORMATS, unsure]).detect(SAMPLES.json!, 'x.json').id).toBe('halfjson');
    const pdfUnsure: Format = { ...unsure, detect: () => 0.3 };
    expect(refusal(() => new FormatRegistry([...FORMATS, pdfUnsure]).detect(SAMPLES.pdf!, 'x.pdf')).key).toBe(
      'importLooksLike',
    );
    // Text with links is still the otpauth format's, whatever else is in it.
    expect(new FormatRegistry().detect(bytes('<b>\notpauth://totp/A?secret=JBSWY3DPEHPK3PXP\n')).id).toBe(
      'otpauth',
    );
  });

  it('never throws anything but a keyed error, whatever the bytes', () => {
    const registry = new FormatRegistry();
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
        try {
          registry.detect(b, 'f');
        } catch (error) {
          expect(isKeyfobError(error, 'FORMAT_UNKNOWN')).toBe(true);
        }
      }),
    );
  });
});
