import { KeyfobError } from '../errors';

/** What a person typed that Keyfob keeps as plain text: an account's names and its tags. */
export type PlainTextKind = 'name' | 'tag';

/** Long enough for any real name; short enough that a list, a tray menu or a chip can still show it. */
export const MAX_LENGTH: Record<PlainTextKind, number> = { name: 256, tag: 32 };
/** More tags than anyone sorts by; the cap keeps a hostile renderer from growing accounts.json without end. */
export const MAX_TAGS = 20;

// The characters no name ever means, in three kinds, because each kind is handled its own way (see cleanName and
// plainText). Unicode categories rather than lists, so that a mark Unicode adds to a category is covered too.
//
// Controls: C0 and C1 (ESC starts a terminal's escape sequences), and the line and paragraph separators.
const CONTROL = /[\p{Cc}\p{Zl}\p{Zp}]/u;
// The controls that separate words (tab, line breaks): an imported name keeps its words apart with a space.
const SPACING = /[\t\n\v\f\r\u0085\u2028\u2029]/u;
// Bidi embeddings, overrides and isolates: they reorder how the rest of the text reads, so that
// "moc.elgoog\u202E" shows as "google.com".
const REORDERING = /[\u202a-\u202e\u2066-\u2069]/u;
// Every other invisible character: the format characters (zero-width space and joiners, word joiner, byte order
// mark, the direction marks LRM, RLM and ALM, soft hyphen, ...), the whole tag block (its unassigned code points
// too, which a later Unicode may make tags), the Hangul fillers that render as blank letters, and lone surrogates
// (half a character, from a broken encoder).
const INVISIBLE = /[\p{Cf}\p{Cs}\u115f\u1160\u3164\uffa0\u{e0000}-\u{e007f}]/u;

/** Any code point cleanName removes or replaces: what no stored name holds, and what the CLI escapes. */
export const NOT_IN_NAMES = new RegExp(`${CONTROL.source}|${REORDERING.source}|${INVISIBLE.source}`, 'u');
const ALL_NOT_IN_NAMES = new RegExp(NOT_IN_NAMES.source, 'gu');
const SPACING_RUNS = new RegExp(`(?:${SPACING.source})+`, 'gu');
const REFUSED_IN_TYPED = new RegExp(`${CONTROL.source}|${REORDERING.source}`, 'u');

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * The first `max` code points of `text`, cut between characters as a person sees them (a letter and its accents,
 * an emoji sequence) so that no half-character is left at the end. A single character longer than the whole cap
 * (hundreds of stacked accents) is cut by code points instead.
 */
function cap(text: string, max: number): string {
  if ([...text].length <= max) return text;
  let out = '';
  let count = 0;
  for (const { segment } of segmenter.segment(text)) {
    const length = [...segment].length;
    if (count + length > max) break;
    out += segment;
    count += length;
  }
  return out !== '' ? out : [...text].slice(0, max).join('');
}

/**
 * A name that came from elsewhere (an import, a link, a QR code, a record or keychain item already stored) as
 * Keyfob keeps it: tabs and line breaks become a space, other controls, direction overrides and invisible
 * characters go, the rest is NFC, trimmed and cut to MAX_LENGTH.name. It never refuses, so an import loses no
 * account over its name, and cleaning twice changes nothing. May be empty: see importedNames for the fallback.
 */
export function cleanName(value: string): string {
  const text = value.replace(SPACING_RUNS, ' ').replace(ALL_NOT_IN_NAMES, '').normalize('NFC').trim();
  return cap(text, MAX_LENGTH.name).trim();
}

/**
 * What an account is called whose name was nothing but invisible characters, as Google Authenticator's nameless
 * accounts are (main/otp/migration.ts): `n` counts from 1 within an import; a stored account has no number.
 */
export function unnamed(n?: number): string {
  return n === undefined ? 'Unnamed account' : `Unnamed account ${n}`;
}

/**
 * An imported account's names, clean (cleanName): an issuer may end up empty, a label never does, since a
 * label that was nothing but invisible characters takes the name unnamed accounts get (`fallbackLabel`).
 */
export function importedNames<T extends { issuer: string; label: string; tags?: string[] }>(
  account: T,
  fallbackLabel: string,
): T {
  const issuer = cleanName(account.issuer);
  const label = cleanName(account.label) || fallbackLabel;
  const tags = account.tags === undefined ? undefined : importedTags(account.tags);
  if (issuer === account.issuer && label === account.label && tags === account.tags) return account;
  const out = { ...account, issuer, label };
  if (tags === undefined || tags.length === 0) delete out.tags;
  else out.tags = tags;
  return out;
}

/**
 * An imported account's tags (another app's groups or categories), clean as its names are: each cleaned as a name
 * and cut to MAX_LENGTH.tag, empty ones and repeats (in any case) dropped, the first MAX_TAGS kept. Like the names,
 * it never refuses, so an import loses no account over a tag. The same list back when nothing changed.
 */
function importedTags(tags: readonly string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const raw of tags) {
    const tag = cap(cleanName(raw), MAX_LENGTH.tag).trim();
    const key = tag.toLocaleLowerCase();
    if (tag === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(tag);
    if (out.length === MAX_TAGS) break;
  }
  return out.length === tags.length && out.every((t, i) => t === tags[i]) ? (tags as string[]) : out;
}

/**
 * The key two names are compared by: NFKC (so full-width "ｇｏｏｇｌｅ" and the ligature "ﬁ" read as the letters
 * they look like), then case-folded, locale-independently (ß as ss; a Turkish locale must not make "I" differ).
 */
export function nameKey(value: string): string {
  return cleanName(value).normalize('NFKC').toUpperCase().toLowerCase().normalize('NFKC');
}

/** "U+202E, U+0009": the code points of `text` that `pattern` finds, once each, for a message. */
function codePoints(text: string, pattern: RegExp): string {
  const found = new Set<string>();
  for (const char of text) {
    if (pattern.test(char))
      found.add(`U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
  }
  return [...found].join(', ');
}

/**
 * The one check for text a person types for an account (a rename, a tag). Controls and direction overrides are
 * refused, with the code points named: nobody types them by accident, they change what the text shows, and cutting
 * them out would save something other than what the person meant. Invisible characters (a zero-width space, a
 * direction mark, a byte order mark) are removed instead: they come along unseen with text pasted from a web page
 * or a document, the person could not find them to delete them, and removing them changes nothing they see.
 * Too long is refused, not cut, so nothing is saved other than what was typed.
 */
export function plainText(value: string, kind: PlainTextKind): string {
  if (REFUSED_IN_TYPED.test(value)) {
    throw new KeyfobError(
      'PARAMS_INVALID',
      kind === 'tag' ? 'tagControlCharacters' : 'nameControlCharacters',
      { chars: codePoints(value, REFUSED_IN_TYPED) },
    );
  }
  const text = value.replace(ALL_NOT_IN_NAMES, '').normalize('NFC').trim();
  // Counted in characters as a person sees them, not UTF-16 units, so 32 Chinese characters fit as 32 Latin do.
  const length = [...text].length;
  if (length > MAX_LENGTH[kind]) {
    throw new KeyfobError('PARAMS_INVALID', kind === 'tag' ? 'tagTooLong' : 'nameTooLong', {
      max: MAX_LENGTH[kind],
    });
  }
  return text;
}

/** An account's tags as stored: each plain text, empty ones dropped, repeats (in any case) once, at most MAX_TAGS. */
export function cleanTags(tags: readonly string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const raw of tags) {
    const tag = plainText(raw, 'tag');
    const key = tag.toLocaleLowerCase();
    if (tag === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(tag);
  }
  if (out.length > MAX_TAGS) throw new KeyfobError('PARAMS_INVALID', 'tooManyTags', { max: MAX_TAGS });
  return out;
}

/** A brand icon's slug as simple-icons spells them, or "letter" for the letter avatar. */
export const ICON_CHOICE = /^(?:letter|[a-z0-9][a-z0-9_.-]{0,63})$/;
