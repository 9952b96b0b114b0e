export { Vault, CANARY_ACCOUNT } from './vault';
export type { Account, NewAccount, ImportOutcome, CodeResult, RecoveryReport } from './vault';
export type { Keychain } from './keychain';
export { keychainService, DEFAULT_KEYCHAIN_SERVICE } from './keychain';
export { KeytarKeychain } from './keytar-keychain';
export { MemoryKeychain } from './memory-keychain';
export { dataDirectory } from './paths';
export { MetadataStore, SCHEMA_VERSION, METADATA_FILE, type AccountRecord, type CognitoLink } from './store';
