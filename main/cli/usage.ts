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
  rename: `keyfob rename <id|search> [--issuer <issuer>] [--label <account>]
`,
  export: `keyfob export --format uris|migration [--out <file>] --yes
  Writes every key: otpauth:// links, one per line, or Google Authenticator transfer payloads
  (otpauth-migration://, 10 accounts each). Accounts that format cannot carry are named and left out.
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

Environment: KEYFOB_HOME (data folder), KEYFOB_KEYCHAIN_SERVICE (keychain service name, default Keyfob).
Exit status: 0 success, 1 error, 2 usage error, 3 keychain unavailable or locked.
Run \`keyfob help <command>\` for details.
`;

export function commandUsage(command: string): string {
  return `Usage:\n${COMMAND_USAGE[command] ?? USAGE}`;
}
