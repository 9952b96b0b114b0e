import type { VaultErrorKey } from '../../../preload/error-keys/vault';
import type { ErrorCatalog } from './types';

/** German and Chinese for the vault errors main marks with a key. */
export const vaultErrors: ErrorCatalog<VaultErrorKey> = { de: {}, zh: {} };
