/** Keys of the vault errors the window translates (see ErrorKey in ../api.ts). Types only. */
export type VaultErrorKey =
  // main/vault/vault.ts
  | 'vaultKeychainLocked'
  | 'vaultSecretMissing'
  | 'vaultSecretUnreadable'
  | 'vaultAccountNotFound'
  | 'vaultAccountRemovedMeanwhile'
  | 'vaultNameNeeded'
  | 'vaultDigitsUnsupported'
  | 'vaultPeriodInvalid'
  | 'vaultCounterInvalid'
  | 'vaultNameEmpty'
  | 'vaultNotAddedSameKey'
  // import outcomes (reasons, written as the end of a sentence)
  | 'vaultDuplicateSameKey'
  | 'vaultSharesName'
  | 'vaultNotStored'
  | 'vaultRemovedWhileAdding'
  // main/vault/store.ts
  | 'vaultIoFailed'
  | 'vaultFileNewer'
  | 'vaultBusy'
  // main/vault/keytar-keychain.ts
  | 'keychainModuleMissing'
  | 'keychainTimedOut'
  | 'keychainNoDbus'
  | 'keychainNoSecretService'
  | 'keychainNoLoginKeyring'
  | 'keychainLinuxLocked'
  | 'keychainMacLocked'
  | 'keychainWindowsUnavailable'
  | 'keychainRefused';
