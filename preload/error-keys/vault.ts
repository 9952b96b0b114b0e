/** Keys of the vault errors the window translates (see ErrorKey in ../api.ts). Types only. */
export type VaultErrorKey = never;
