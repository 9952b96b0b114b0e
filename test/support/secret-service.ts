/**
 * The keychain suites talk to a real Secret Service; `npm test` provides one (test/support/keyring-session.mjs).
 * Running them without it is a set-up mistake, so they fail with the way out rather than skip.
 */
export function requireSecretService(): void {
  if (process.platform === 'linux' && !process.env.DBUS_SESSION_BUS_ADDRESS) {
    throw new Error(
      'No D-Bus session: run these tests with `npm test` (or `node test/support/keyring-session.mjs npx vitest run …`), which starts a private GNOME Keyring.',
    );
  }
}
