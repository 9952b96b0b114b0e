/**
 * `npm run preview -- [--port N] [--accounts N] [--lang en|de|zh-CN] [--theme light|dark]`: the real renderer
 * with the real handlers (test/support/host.ts, the end-to-end tests' wiring) in any browser, over a throw-away
 * vault of sample accounts and a local Cognito stand-in with its pools ready in the Cognito tab. For design
 * work, screenshots and reviews. scripts/preview.mjs starts it inside a private keyring session; Ctrl-C deletes
 * the keychain items and the data folder.
 */
import { parseArgs } from 'node:util';
import languages from '../../locales/languages.json';
import { DEMO_POOL, SETUP_POOL } from '../../test/support/demo-pools';
import { sampleAccounts } from './samples';
import { startPreview } from './start';

const USAGE = `usage: npm run preview -- [--port N] [--accounts N] [--lang ${languages.map((l) => l.code).join('|')}] [--theme light|dark]`;
const MAX_ACCOUNTS = 5000;

interface CommandLine {
  port: number;
  accounts: number;
  lang?: string;
  theme?: 'light' | 'dark';
}

function options(argv: string[]): CommandLine {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '0' },
      accounts: { type: 'string', default: '24' },
      lang: { type: 'string' },
      theme: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port: not a port: ${values.port}`);
  const accounts = Number(values.accounts);
  if (!Number.isInteger(accounts) || accounts < 0 || accounts > MAX_ACCOUNTS)
    throw new Error(`--accounts: a whole number from 0 to ${MAX_ACCOUNTS}, not ${values.accounts}`);
  if (values.lang !== undefined && !languages.some((l) => l.code === values.lang))
    throw new Error(`--lang: one of ${languages.map((l) => l.code).join(', ')}, not ${values.lang}`);
  if (values.theme !== undefined && values.theme !== 'light' && values.theme !== 'dark')
    throw new Error(`--theme: light or dark, not ${values.theme}`);
  return {
    port,
    accounts,
    ...(values.lang !== undefined ? { lang: values.lang } : {}),
    ...(values.theme !== undefined ? { theme: values.theme } : {}),
  };
}

async function main(): Promise<void> {
  const chosen = options(process.argv.slice(2));
  const starting = startPreview({
    accounts: sampleAccounts(chosen.accounts),
    port: chosen.port,
    ...(chosen.lang !== undefined ? { lang: chosen.lang } : {}),
    ...(chosen.theme !== undefined ? { theme: chosen.theme } : {}),
    host: {
      onCopy: (_code, validUntil) =>
        console.log(`  copied a code, valid until ${new Date(validUntil).toLocaleTimeString()}`),
    },
  });
  // A signal during start-up waits for it: a preview that failed to start has cleaned up already.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.on(signal, () => {
      void starting
        .then(
          (preview) => preview.stop(),
          () => undefined,
        )
        .finally(() => process.exit(0));
    });
  const preview = await starting;
  const { host, standIn, home, service } = preview;

  console.log(`Keyfob preview: ${host.url}

  ${chosen.accounts} sample accounts; language ${chosen.lang ?? 'of the browser'}, theme ${chosen.theme ?? 'of the browser'}
  Cognito stand-in at ${standIn.endpoint}, with its pools in the Cognito tab:
    demo        user ${DEMO_POOL.username} / ${DEMO_POOL.password} (MFA optional: sign in, then enroll)
    demo-setup  user ${SETUP_POOL.username} / ${SETUP_POOL.password} (temporary password, then MFA set-up)
  Vault: ${home} (keychain service ${service})

The address carries this run's token; it works in one browser profile at a time and only on this machine.
Ctrl-C stops the preview and deletes the sample vault.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
