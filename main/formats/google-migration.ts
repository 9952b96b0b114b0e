import { KeyfobError } from '../errors';
import { buildMigrationUris, isMigrationUri, parseMigrationUri } from '../otp/migration';
import { displayName } from '../otp/types';
import { contentLines, readLines, type LineRead } from './lines';
import { textOf, type LinesFormat } from './types';

const ID = 'google-migration';

/** One otpauth-migration:// link: the accounts of one QR code of a Google Authenticator export. */
export function readMigrationLink(link: string): LineRead {
  const batch = parseMigrationUri(link);
  return {
    entries: batch.entries.map((entry) =>
      entry.status === 'ok'
        ? { status: 'ok', account: entry.account }
        : {
            status: 'refused',
            name: entry.name,
            reason: entry.reason,
            ...(entry.key ? { key: entry.key } : {}),
            ...(entry.params ? { params: entry.params } : {}),
            ...(entry.variant !== undefined ? { variant: entry.variant } : {}),
            ...(entry.place ? { place: entry.place } : {}),
          },
    ),
    parts: [{ format: ID, exportId: String(batch.batchId), size: batch.batchSize, index: batch.batchIndex }],
  };
}

/** Google Authenticator's "Transfer accounts": otpauth-migration:// links, one per QR code, one a line. */
export const googleMigration: LinesFormat = {
  id: ID,
  fileTypes: ['.txt'],
  detect(bytes) {
    const text = textOf(bytes);
    if (text === undefined) return 0;
    const lines = contentLines(text);
    return lines.length > 0 && lines.every((l) => isMigrationUri(l.text)) ? 0.9 : 0;
  },
  parse(bytes, options) {
    return readLines(textOf(bytes) ?? '', options, (line) => {
      if (!isMigrationUri(line)) {
        throw new KeyfobError('URI_INVALID', 'notAMigrationLink');
      }
      return readMigrationLink(line);
    });
  },
  export(accounts) {
    const built = buildMigrationUris([...accounts]);
    return {
      lines: built.uris,
      excluded: built.excluded.map((e) => ({
        name: displayName(e),
        reason: e.reason,
        ...(e.key ? { key: e.key } : {}),
        ...(e.params ? { params: e.params } : {}),
      })),
    };
  },
};
