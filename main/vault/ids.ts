/**
 * An account id as Keyfob makes them: randomUUID(), lower-case 8-4-4-4-12 hex. Every id from the window, and
 * every keychain item offered back as an account, must look like this; an item of another shape is not ours.
 */
const ACCOUNT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isAccountId(value: unknown): value is string {
  return typeof value === 'string' && ACCOUNT_ID.test(value);
}
