import { NOT_IN_NAMES } from '../vault/names';

/**
 * Terminal columns: a Chinese character or a full-width form takes two cells, a combining mark or a zero-width
 * character none, so padding by `length` would misalign every column after a Chinese word or name.
 */

// East Asian Wide and Fullwidth ranges (Unicode's EastAsianWidth.txt, W and F), and the emoji blocks that
// terminals draw two cells wide.
const WIDE: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f900, 0x1f9ff],
  [0x20000, 0x3fffd],
];

const ZERO_WIDTH = /[\p{Mn}\p{Me}\u200b-\u200f\u2060\ufeff]/u;

function cells(codePoint: number, char: string): number {
  if (ZERO_WIDTH.test(char)) return 0;
  return WIDE.some(([from, to]) => codePoint >= from && codePoint <= to) ? 2 : 1;
}

/** How many terminal cells `text` takes. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += cells(char.codePointAt(0)!, char);
  return width;
}

/** `text` followed by spaces up to `width` cells (as padEnd, counting cells instead of characters). */
export function padCells(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

const UNPRINTABLE = new RegExp(NOT_IN_NAMES.source, 'gu');

/** `\u202E` for one UTF-16 unit; a character beyond it as its two (`\uDB40\uDC41`), as JSON and JavaScript spell them. */
function escaped(char: string): string {
  let out = '';
  for (let i = 0; i < char.length; i++)
    out += `\\u${char.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')}`;
  return out;
}

/**
 * Text the CLI did not write itself (a name, a file name, a QR code's text) as a terminal may show it: every
 * control, direction override and invisible character (the set no stored name holds, main/vault/names.ts) as a
 * `\u202E`-style escape, so that none can clear the screen, move the cursor, reorder a line or hide in a name.
 * Backslashes are left alone, so escaping twice changes nothing. Used for every name the CLI prints (run.ts),
 * every parameter of its messages (words.ts), and, keeping line breaks, everything it writes (keyfob.ts).
 * JSON output stays JSON: the escapes are JSON's own, and JSON.stringify already escapes the C0 controls.
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, escaped);
}

/** As printable, keeping line breaks: for whole messages, and the lists of accounts some of them carry. */
export function printableLines(text: string): string {
  return text.split('\n').map(printable).join('\n');
}
