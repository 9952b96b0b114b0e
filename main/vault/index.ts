import type { Clock } from '../otp/codes';
import { KeytarKeychain } from './keytar-keychain';
import { dataDirectory } from './paths';
import { Vault } from './vault';

export { Vault, CANARY_ACCOUNT } from './vault';
export type { Account, NewAccount, ImportOutcome, CodeResult, RecoveryReport } from './vault';
export type { Keychain } from './keychain';
export { keychainService, DEFAULT_KEYCHAIN_SERVICE } from './keychain';
export { KeytarKeychain } from './keytar-keychain';
export { MemoryKeychain } from './memory-keychain';
export { dataDirectory } from './paths';
export { MetadataStore, SCHEMA_VERSION, METADATA_FILE, type AccountRecord, type CognitoLink } from './store';

/** The vault as the app and the CLI build it: the OS keychain and the shared data directory. */
export function openVault(
  options: { env?: NodeJS.ProcessEnv; dir?: string; clock?: Clock; cacheSecrets?: boolean } = {},
): Vault {
  const env = options.env ?? process.env;
  return new Vault({
    dir: options.dir ?? dataDirectory(env),
    keychain: new KeytarKeychain({ env }),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.cacheSecrets ? { cacheSecrets: true } : {}),
  });
}
