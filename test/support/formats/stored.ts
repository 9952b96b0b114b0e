import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices } from '../../../main/services';
import { MemoryKeychain } from '../../../main/vault/memory-keychain';

/**
 * The accounts as the vault stores them after importing these bytes (issuer, favourite and tags): what each
 * format's groups, tags and pins become, through the whole import path rather than the parser alone.
 */
export async function stored(bytes: Uint8Array, fileName: string): Promise<unknown[]> {
  const services = createServices({
    dataDir: mkdtempSync(join(tmpdir(), 'keyfob-organised-')),
    keychain: new MemoryKeychain(),
    clock: { now: () => Date.UTC(2026, 11, 1) },
  });
  try {
    await services.accounts.import([{ bytes, fileName }]);
    return (await services.vault.list()).map((a) => [a.issuer, a.favourite ?? false, a.tags ?? []]);
  } finally {
    services.close();
  }
}
