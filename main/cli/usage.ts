const COMMAND_USAGE: Record<string, string> = {
  add: `keyfob add --uri <otpauth-uri>
keyfob add --image <png|jpg>
keyfob add --secret <base32> --issuer <issuer> --label <account> [--algorithm SHA1] [--digits 6] [--period 30] [--type totp|hotp|steam] [--counter N]
  Adds an account and prints its id and name. --allow-duplicate keeps a second copy of an account already stored.
`,
  import: `keyfob import <file|->
  Adds every otpauth:// and otpauth-migration:// link in the file (one per line; - reads standard input) and
  reports what was added, skipped as a duplicate or refused.
`,
  list: `keyfob list [--json]
  Lists the accounts; --json prints id, issuer, label, type, algorithm, digits, period and counter. Never a key.
`,
  code: `keyfob code <id|search> [--at <unix-seconds>] [--json]
keyfob code --uri <otpauth-uri> [--at <unix-seconds>] [--json]
  Prints the current code. With --uri nothing is stored (HOTP uses the link's counter).
`,
  scan: `keyfob scan <image>
  Prints the text of every QR code in a PNG or JPEG image, one per line. Stores nothing.
`,
  remove: `keyfob remove <id|search> [--yes]
  Deletes an account and its key.
`,
  recover: `keyfob recover [--yes | --restore <id> | --delete <id>]
  Lists the keys in the keychain whose account details were lost. --yes restores them all; --restore and
  --delete act on one (repeat them for more). Nothing is restored without one of these.
`,
  rename: `keyfob rename <id|search> [--issuer <issuer>] [--label <account>]
`,
  export: `keyfob export --format uris|migration [--out <file>] --yes
  Writes every key: otpauth:// links, one per line, or Google Authenticator transfer payloads
  (otpauth-migration://, 10 accounts each). Accounts that format cannot carry are named and left out.
`,
  pool: `keyfob pool add <name> --region <r> --user-pool-id <id> --client-id <id> [--client-secret-stdin] [--endpoint <url>] [--auth-flow srp|password|admin] [--aws-profile <p>] [--replace]
keyfob pool list [--json]
keyfob pool remove <name>
keyfob pool mfa-config <name> --totp on|off [--mfa off|optional|on]
  Cognito user pool profiles. The client secret is read from standard input and kept in the keychain.
  --replace updates an existing profile (keeping its secret unless a new one is given). mfa-config turns
  authenticator apps on or off for the whole pool (SetUserPoolMfaConfig; needs AWS credentials).
`,
  enroll: `keyfob enroll --pool <name> --username <u> [--password-stdin] [--new-password-stdin] [--attribute name=value]... [--device-name <d>] [--no-prefer]
  Signs in, sets Keyfob up as the user's authenticator app and prints the new account's id. The key is
  stored (pending) the moment Cognito gives it, so an interrupted enrollment loses nothing: run it again.
  --new-password-stdin: the new password the pool may ask for, on the next line of standard input.
`,
  login: `keyfob login --pool <name> --username <u> [--password-stdin] [--new-password-stdin] [--attribute name=value]... [--json | --token id|access|refresh]
  Signs in with the authenticator code filled in. --json prints the AuthenticationResult; --token prints
  one token alone, e.g. curl -H "Authorization: Bearer $(keyfob login ... --token id)".
`,
  mfa: `keyfob mfa disable --pool <name> --username <u> [--password-stdin] [--new-password-stdin] [--remove-account]
  Signs in and turns TOTP MFA off for the user; the account is kept unless --remove-account.
`,
};

export const USAGE = `Usage: keyfob <command> [options]

Commands:
${Object.values(COMMAND_USAGE)
  .map((text) =>
    text
      .split('\n')
      .filter((line) => line.startsWith('keyfob '))
      .map((line) => '  ' + line.slice('keyfob '.length))
      .join('\n'),
  )
  .join('\n')}

Environment: KEYFOB_HOME (data folder), KEYFOB_KEYCHAIN_SERVICE (keychain service name, default dev.keyfob.Keyfob),
KEYFOB_PASSWORD (the Cognito password, instead of --password-stdin).
Exit status: 0 success, 1 error (including a wrong password or code), 2 usage error, 3 keychain unavailable or
locked, 4 Cognito, its configuration or the network failed.
Run \`keyfob help <command>\` for details.
`;

export function commandUsage(command: string): string {
  return `Usage:\n${COMMAND_USAGE[command] ?? USAGE}`;
}
