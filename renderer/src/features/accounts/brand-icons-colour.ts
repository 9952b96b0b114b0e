/**
 * Colours for account icons: which glyph colour stands out on a brand's colour, and the letter avatars' palette.
 * No DOM: the build uses it to draw each icon's tile, and the unit tests check every pair against WCAG.
 */
import { normaliseName } from './brand-icons';

/** WCAG 2 relative luminance of a #rrggbb or rrggbb colour. */
export function luminance(hex: string): number {
  const value = hex.replace(/^#/, '');
  if (!/^[0-9a-f]{6}$/i.test(value)) throw new Error(`Not a colour: ${hex}`);
  const channel = (offset: number) => {
    const c = parseInt(value.slice(offset, offset + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
}

/** WCAG 2 contrast ratio, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** WCAG 2.x 1.4.11: the least contrast a graphic needs against what is next to it. */
export const GRAPHIC_CONTRAST = 3;

/**
 * The glyph's colour on the brand's tile: white, as most brands draw their logo on their colour, where it
 * reaches WCAG's 3:1 for graphics; otherwise black (yellow, light green, white tiles), which then stands out
 * more. The better of the two always reaches 4.58:1 (their ratios multiply to 21).
 */
export function glyphColour(hex: string): '#ffffff' | '#000000' {
  const white = contrastRatio(hex, '#ffffff');
  return white >= GRAPHIC_CONTRAST || white >= contrastRatio(hex, '#000000') ? '#ffffff' : '#000000';
}

/**
 * The letter avatars' colours: a darker tile under a white letter in the light theme, a lighter one under a
 * near-black letter in the dark theme, so every pair passes WCAG AA for text (4.5:1) in both themes.
 */
export const LETTER_PALETTE: ReadonlyArray<{ light: string; dark: string }> = [
  { light: '#1d4ed8', dark: '#93c5fd' },
  { light: '#6d28d9', dark: '#c4b5fd' },
  { light: '#b91c1c', dark: '#fca5a5' },
  { light: '#c2410c', dark: '#fdba74' },
  { light: '#a16207', dark: '#fde047' },
  { light: '#15803d', dark: '#86efac' },
  { light: '#0f766e', dark: '#5eead4' },
  { light: '#0e7490', dark: '#67e8f9' },
  { light: '#be185d', dark: '#f9a8d4' },
  { light: '#4d7c0f', dark: '#bef264' },
  { light: '#475569', dark: '#cbd5e1' },
  { light: '#9333ea', dark: '#d8b4fe' },
];
export const LETTER_ON_LIGHT = '#ffffff';
export const LETTER_ON_DARK = '#111318';

/** FNV-1a over UTF-16 code units: small, fast and the same in every engine. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The palette entry for a name: stable across runs and spellings that normalise alike ("GitHub", "github"). */
export function letterColours(name: string): { light: string; dark: string } {
  const key = normaliseName(name) || name;
  return LETTER_PALETTE[hash(key) % LETTER_PALETTE.length] as { light: string; dark: string };
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * The avatar's letter: the first grapheme that holds a letter or a digit ("ß" stays one letter, "支付宝" gives
 * "支", a leading emoji or bracket is skipped), upper-cased where the script has case. Empty when there is none.
 */
export function avatarLetter(name: string): string {
  for (const { segment } of segmenter.segment(name.normalize('NFC'))) {
    if (/[\p{L}\p{N}]/u.test(segment)) {
      const upper = segment.toLocaleUpperCase();
      // "ß".toUpperCase() is "SS": two letters where the tile has room for one.
      return [...upper].length === [...segment].length ? upper : segment;
    }
  }
  return '';
}
