export * from './types';
export { normaliseSecret, base32ToBytes, bytesToBase32 } from './secret';
export { parseOtpauthUri, formatOtpauthUri, isOtpauthUri, MAX_URI_BYTES } from './uri';
export { codeAt, codeForCounter, CodeClock, systemClock, type Clock, type TimeCode } from './codes';
export {
  parseMigrationUri,
  parseMigrationPayload,
  isMigrationUri,
  missingBatches,
  buildMigrationUris,
  type MigrationBatch,
  type MigrationEntry,
  type MigrationExport,
  type MigrationExportable,
} from './migration';
