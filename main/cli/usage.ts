import { hasWords, say, type CliKey } from './words';

/**
 * Each command's syntax, as typed (not translated); what it does is `help_<command>` in the CLI's catalogue.
 */
const SYNTAX: Record<string, string[]> = {
  add: [
    'keyfob add --uri <otpauth-uri|->',
    'keyfob add --image <png|jpg>',
    'keyfob add --secret-stdin --issuer <issuer> --label <account> [--algorithm SHA1] [--digits 6] [--period 30] [--type totp|hotp|steam] [--counter N]',
  ],
  import: ['keyfob import <file|image|-> [--format <id>] [--password-stdin]'],
  list: ['keyfob list [--json]'],
  code: [
    'keyfob code <id|search> [--at <unix-seconds>] [--json]',
    'keyfob code --uri <otpauth-uri> [--at <unix-seconds>] [--json]',
  ],
  scan: ['keyfob scan <image>'],
  remove: ['keyfob remove <id|search> [--yes]'],
  recover: ['keyfob recover [--yes | --restore <id> | --delete <id>]'],
  rename: ['keyfob rename <id|search> [--issuer <issuer>] [--label <account>]'],
  export: [
    'keyfob export --format uris|migration [--out <file>] --yes',
    'keyfob export --format aegis [--password-stdin | --plain] [--out <file>] --yes',
  ],
  pool: [
    'keyfob pool add <name> --region <r> --user-pool-id <id> --client-id <id> [--client-secret-stdin] [--endpoint <url>] [--auth-flow srp|password|admin] [--aws-profile <p>] [--replace]',
    'keyfob pool list [--json]',
    'keyfob pool remove <name>',
    'keyfob pool test <name>',
    'keyfob pool mfa-config <name> --totp on|off [--mfa off|optional|on]',
  ],
  enroll: [
    'keyfob enroll --pool <name> --username <u> [--password-stdin] [--new-password-stdin] [--attribute name=value]... [--device-name <d>] [--no-prefer]',
  ],
  login: [
    'keyfob login --pool <name> --username <u> [--password-stdin] [--new-password-stdin] [--attribute name=value]... [--json | --token id|access|refresh]',
  ],
  mfa: [
    'keyfob mfa disable --pool <name> --username <u> [--password-stdin] [--new-password-stdin] [--remove-account]',
  ],
};

/** The overview `keyfob`, `keyfob help` and a wrong command print. */
export function usage(env: NodeJS.ProcessEnv): string {
  const commands = Object.values(SYNTAX)
    .map((lines) => lines.map((line) => '  ' + line.slice('keyfob '.length)).join('\n'))
    .join('\n');
  return `${say(env, 'usageOverview')}\n\n${say(env, 'usageCommands')}\n${commands}\n\n${say(env, 'usageFooter')}\n`;
}

export function commandUsage(env: NodeJS.ProcessEnv, command: string): string {
  const lines = SYNTAX[command];
  if (lines === undefined) return `${say(env, 'usage')}\n${usage(env)}`;
  const help = `help_${command}`;
  const what = hasWords(env, help) ? `${say(env, help as CliKey)}\n` : '';
  return `${say(env, 'usage')}\n${lines.join('\n')}\n${what}`;
}
