import { KeyfobError } from '../errors';
import { aegis } from './aegis';
import { andotp } from './andotp';
import { authenticatorPro } from './authenticator-pro';
import { bitwarden } from './bitwarden';
import { ente } from './ente';
import { freeotpPlus } from './freeotp-plus';
import { googleMigration } from './google-migration';
import { TEXT_KINDS, fileKindOf } from './magic';
import { otpauth } from './otpauth';
import { proton } from './proton';
import { twofas } from './twofas';
import type { Format } from './types';

export * from './types';

/** The score of a format that knows the input is its own; otpauth's for text with a link in it. */
const SURE = 0.5;
/** The score of a format that reads any text at all (otpauth's, for text without a link). */
const ANY_TEXT = 0.1;

/**
 * Every format Keyfob reads or writes. A new one is a file in this folder and a line here; order breaks ties
 * between formats equally sure of an input, the more specific first.
 */
export const FORMATS: readonly Format[] = [
  aegis,
  twofas,
  andotp,
  authenticatorPro,
  bitwarden,
  ente,
  proton,
  freeotpPlus,
  googleMigration,
  otpauth,
];

export class FormatRegistry {
  constructor(readonly all: readonly Format[] = FORMATS) {}

  byId(id: string): Format | undefined {
    return this.all.find((f) => f.id === id);
  }

  /** The formats that can write accounts. */
  get exporters(): Format[] {
    return this.all.filter((f) => f.export !== undefined);
  }

  /** The surest format for these bytes; none at all is an error that says so. */
  detect(bytes: Uint8Array, fileName?: string): Format {
    let best: { format: Format; score: number } | undefined;
    for (const format of this.all) {
      const score = format.detect(bytes, fileName);
      if (score > 0 && (best === undefined || score > best.score)) best = { format, score };
    }
    // Ids, which the message names in the reader's language (`{{formats, formatNames}}`, locales/i18n.ts).
    const formats = this.all.map((f) => f.id).join(',');
    if (best && best.score >= SURE) return best.format;
    // No format is sure: a file of a kind that can be named (a photo, an archive, a PDF) is said to be one, in
    // one line, rather than read as text line by line. A text kind (JSON) only when no format saw anything in
    // it but text, so a format that half-recognises its own export still reads it and says what is wrong.
    const kind = fileKindOf(bytes);
    if (kind !== undefined && (!TEXT_KINDS.has(kind) || best === undefined || best.score <= ANY_TEXT)) {
      const params = { kind, formats };
      throw fileName
        ? new KeyfobError('FORMAT_UNKNOWN', 'importLooksLike', { ...params, file: fileName })
        : new KeyfobError('FORMAT_UNKNOWN', 'importLooksLike', params, { variant: 'input' });
    }
    if (best) return best.format;
    // Without a file name the message speaks of "this input" (pasted text, a link).
    throw !fileName
      ? new KeyfobError('FORMAT_UNKNOWN', 'importFormatUnknown', { formats }, { variant: 'input' })
      : new KeyfobError('FORMAT_UNKNOWN', 'importFormatUnknown', { file: fileName, formats });
  }
}
