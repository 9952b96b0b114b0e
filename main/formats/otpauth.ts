import { KeyfobError } from '../errors';
import { isMigrationUri } from '../otp/migration';
import { formatOtpauthUri, isOtpauthUri, parseOtpauthUri } from '../otp/uri';
import { readMigrationLink } from './google-migration';
import { contentLines, readLines } from './lines';
import { textOf, type LinesFormat } from './types';

/**
 * Setup links, one a line: otpauth:// (what a site's QR code holds) and, since a pasted list mixes them,
 * Google Authenticator's otpauth-migration:// too. Any other text is read this way as well, each line refused
 * as not a link, so that a paste or a file of the wrong kind says what is wrong with it, line by line.
 */
export const otpauth: LinesFormat = {
  id: 'otpauth',
  fileTypes: ['.txt'],
  detect(bytes) {
    const text = textOf(bytes);
    if (text === undefined) return 0;
    return contentLines(text).some((l) => isOtpauthUri(l.text) || isMigrationUri(l.text)) ? 0.5 : 0.1;
  },
  parse(bytes, options) {
    return readLines(textOf(bytes) ?? '', options, (line) => {
      if (isMigrationUri(line)) return readMigrationLink(line);
      if (isOtpauthUri(line)) return { entries: [{ status: 'ok', account: parseOtpauthUri(line) }] };
      throw new KeyfobError('URI_INVALID', 'notALink');
    });
  },
  export(accounts) {
    return { lines: accounts.map((a) => formatOtpauthUri(a)), excluded: [] };
  },
};
