/**
 * What a file no format reads looks like, from its first bytes (the "magic numbers" each of these formats
 * starts with), so that Keyfob can say so in one line, with what to do, instead of refusing every "line" of a
 * photo or an archive. The kinds are codes the catalogues word (errorWords.fileKind and fileKindAdvice).
 */
export type FileKind =
  | 'png'
  | 'jpeg'
  | 'gif'
  | 'bmp'
  | 'webp'
  | 'tiff'
  | 'heic'
  | 'pdf'
  | 'zip'
  | 'gzip'
  | 'sevenZip'
  | 'rar'
  | 'sqlite'
  | 'program'
  | 'json'
  | 'xml'
  | 'html';

/** Kinds a text file may be: said only when no format at all recognised the text (see FormatRegistry.detect). */
export const TEXT_KINDS: ReadonlySet<FileKind> = new Set(['json', 'xml', 'html']);

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  if (bytes.length < at + prefix.length) return false;
  return prefix.every((b, i) => bytes[at + i] === b);
}

function ascii(bytes: Uint8Array, start: number, length: number): string {
  let s = '';
  for (let i = start; i < Math.min(bytes.length, start + length); i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

const BINARY: ReadonlyArray<[FileKind, (b: Uint8Array) => boolean]> = [
  ['png', (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
  ['jpeg', (b) => startsWith(b, [0xff, 0xd8, 0xff])],
  ['gif', (b) => ['GIF87a', 'GIF89a'].includes(ascii(b, 0, 6))],
  ['bmp', (b) => ascii(b, 0, 2) === 'BM' && b.length >= 14],
  ['webp', (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP'],
  ['tiff', (b) => ['II*\0', 'MM\0*'].includes(ascii(b, 0, 4))],
  [
    'heic',
    (b) => ascii(b, 4, 4) === 'ftyp' && /^(heic|heix|hevc|heim|heis|mif1|msf1|avif)/.test(ascii(b, 8, 4)),
  ],
  ['pdf', (b) => ascii(b, 0, 5) === '%PDF-'],
  // Local file header, empty archive, spanned archive: .zip, and the Office and OpenDocument files built on it.
  ['zip', (b) => ['PK\x03\x04', 'PK\x05\x06', 'PK\x07\x08'].includes(ascii(b, 0, 4))],
  ['gzip', (b) => startsWith(b, [0x1f, 0x8b])],
  ['sevenZip', (b) => startsWith(b, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])],
  ['rar', (b) => ascii(b, 0, 6) === 'Rar!\x1a\x07'],
  ['sqlite', (b) => ascii(b, 0, 16) === 'SQLite format 3\0'],
  // ELF, Windows PE ("MZ"), Mach-O (32 and 64 bits, both byte orders, and universal binaries).
  [
    'program',
    (b) =>
      ascii(b, 0, 4) === '\x7fELF' ||
      (ascii(b, 0, 2) === 'MZ' && b.length >= 64) ||
      [
        [0xfe, 0xed, 0xfa, 0xce],
        [0xfe, 0xed, 0xfa, 0xcf],
        [0xce, 0xfa, 0xed, 0xfe],
        [0xcf, 0xfa, 0xed, 0xfe],
        [0xca, 0xfe, 0xba, 0xbe],
      ].some((m) => startsWith(b, m)),
  ],
];

/** The first non-blank characters of a text, after a byte-order mark. */
function textStart(bytes: Uint8Array): string {
  let at = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  while (at < bytes.length && (bytes[at] === 0x20 || (bytes[at]! >= 0x09 && bytes[at]! <= 0x0d))) at++;
  return ascii(bytes, at, 64).toLowerCase();
}

/** The kind of file the bytes look like, or undefined when they look like none Keyfob can name. */
export function fileKindOf(bytes: Uint8Array): FileKind | undefined {
  for (const [kind, test] of BINARY) if (test(bytes)) return kind;
  const start = textStart(bytes);
  if (start.startsWith('<!doctype html') || start.startsWith('<html')) return 'html';
  if (start.startsWith('<?xml') || /^<[a-z]/.test(start)) return 'xml';
  if (start.startsWith('{') || start.startsWith('[')) return isJson(bytes) ? 'json' : undefined;
  return undefined;
}

function isJson(bytes: Uint8Array): boolean {
  try {
    JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    return true;
  } catch {
    return false;
  }
}
