import type { ErrorKey } from '../../preload/api';
import { isKeyfobError, type KeyfobError } from '../errors';
import { isMigrationUri, parseMigrationUri, type MigrationBatch } from './migration';
import type { OtpAccount } from './types';
import { isOtpauthUri, parseOtpauthUri } from './uri';

/** Turns decoded text (a QR code, a line of a file) into accounts, with a note for what could not be used. */
export interface CollectedAccounts {
  accounts: OtpAccount[];
  refused: Array<{
    name: string;
    reason: string;
    /** For the window's translation of the reason (a keyed KeyfobError's key). */
    key?: ErrorKey;
    params?: Record<string, string | number>;
  }>;
  batches: MigrationBatch[];
}

export function collectAccounts(texts: Array<{ text: string; where: string }>): CollectedAccounts {
  const out: CollectedAccounts = { accounts: [], refused: [], batches: [] };
  for (const { text, where } of texts) {
    const trimmed = text.trim();
    if (isMigrationUri(trimmed)) {
      try {
        const batch = parseMigrationUri(trimmed);
        out.batches.push(batch);
        for (const entry of batch.entries) {
          if (entry.status === 'ok') out.accounts.push(entry.account);
          else
            out.refused.push({
              name: entry.name,
              reason: entry.reason,
              ...(entry.key ? { key: entry.key } : {}),
              ...(entry.params ? { params: entry.params } : {}),
            });
        }
      } catch (error) {
        if (!isKeyfobError(error)) throw error;
        out.refused.push(refusal(where, error));
      }
    } else if (isOtpauthUri(trimmed)) {
      try {
        out.accounts.push(parseOtpauthUri(trimmed));
      } catch (error) {
        if (!isKeyfobError(error)) throw error;
        out.refused.push(refusal(where, error));
      }
    } else {
      out.refused.push({
        name: where,
        reason: 'This is not an otpauth:// or otpauth-migration:// link.',
        key: 'notALink',
      });
    }
  }
  return out;
}

function refusal(name: string, error: KeyfobError): CollectedAccounts['refused'][number] {
  return {
    name,
    reason: error.message,
    ...(error.key ? { key: error.key } : {}),
    ...(error.params ? { params: error.params } : {}),
  };
}
