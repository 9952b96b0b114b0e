import { KeyfobError } from '../errors';

/** What a person typed that Keyfob keeps as plain text: an account's names and its tags. */
export type PlainTextKind = 'name' | 'tag';

/** Long enough for any real name; short enough that a list, a tray menu or a chip can still show it. */
export const MAX_LENGTH: Record<PlainTextKind, number> = { name: 256, tag: 32 };
/** More tags than anyone sorts by; the cap keeps a hostile renderer from growing accounts.json without end. */
export const MAX_TAGS = 20;

// C0 and C1 controls, and the invisible marks that reorder or hide text (bidi overrides and isolates, zero-width
// characters): none is ever meant in a name, and each can make a name read as another.
// eslint-disable-next-line no-control-regex -- finding them is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/u;

/**
 * The one check for text a person gives an account (issue 9 will widen it to imports): trimmed, no control or
 * invisible direction characters, and no longer than its kind allows. Refuses rather than cuts, so nothing is
 * saved other than what was typed.
 */
export function plainText(value: string, kind: PlainTextKind): string {
  const text = value.normalize('NFC').trim();
  if (CONTROL.test(text)) {
    throw new KeyfobError(
      'PARAMS_INVALID',
      kind === 'tag' ? 'tagControlCharacters' : 'nameControlCharacters',
    );
  }
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
