import { createInterface } from 'node:readline/promises';
import { KeyfobError } from '../errors';
import { createServices, type Services } from '../services';
import { KeytarKeychain } from '../vault/keytar-keychain';
import { dataDirectory } from '../vault/paths';
import { printableLines } from './columns';
import { printMoveConflicts, type CliIo } from './common';
import { run } from './run';
import { say } from './words';

declare const KEYFOB_VERSION: string | undefined;

async function readStdinBytes(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function readStdin(): Promise<string> {
  return (await readStdinBytes()).toString('utf8');
}

async function ask(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}

/** Reads a line without echoing it: the terminal is put in raw mode and nothing typed is written back. */
async function askSecret(question: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) return ask(question);
  // No echo before the question shows: a password typed (or pasted) the moment it appears must not be echoed.
  stdin.setRawMode(true);
  process.stderr.write(question);
  stdin.resume();
  try {
    return await new Promise<string>((resolve, reject) => {
      let typed = '';
      const onData = (chunk: Buffer) => {
        for (const ch of chunk.toString('utf8')) {
          if (ch === '\r' || ch === '\n' || ch === '\u0004') {
            stdin.off('data', onData);
            resolve(typed);
            return;
          }
          if (ch === '\u0003') {
            stdin.off('data', onData);
            // Ctrl-C: the person stopped the command; said as such, with the shell's status for an interrupt.
            reject(new KeyfobError('CANCELLED', 'cancelled'));
            return;
          }
          if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
          else typed += ch;
        }
      };
      stdin.on('data', onData);
    });
  } finally {
    stdin.setRawMode(false);
    stdin.pause();
    process.stderr.write('\n');
  }
}

// The AWS SDK warns on every run that its 2027 releases will need Node 22. That is for whoever chooses the
// Node version (the Electron app ships its own), not for the person running a command.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

let services: Services | undefined;
const io: CliIo = {
  // Whatever a command prints, no raw control or direction character reaches the terminal: names and messages are
  // escaped where they are printed (columns.ts printable), and this catches any print that forgot to.
  stdout: (text) => process.stdout.write(printableLines(text)),
  stderr: (text) => process.stderr.write(printableLines(text)),
  readStdin,
  readStdinBytes,
  ask,
  askSecret,
  isTTY: process.stdin.isTTY === true,
  env: process.env,
  // The same composition root as the app's (main/services.ts), over the keychain and folder of this environment.
  services: () =>
    (services ??= createServices({
      dataDir: dataDirectory(process.env),
      keychain: new KeytarKeychain({ env: process.env, onMove: (move) => printMoveConflicts(io, move) }),
      // The Cognito engine pulls in the AWS SDK, several times the rest of the CLI: built, it is a file of its
      // own (dist/cli/cognito.js, see build.mjs), loaded only by the commands that sign in or call Cognito; the
      // launcher's compile cache spares later runs its compiling.
      loadCognito: () => import('../cognito'),
      onProfilesMovedAside: (path, why) =>
        io.stderr(`${say(io.env, 'profilesMovedAside', { ...why, path })}\n`),
    })),
  version: typeof KEYFOB_VERSION === 'string' ? KEYFOB_VERSION : 'dev',
};

run(process.argv.slice(2), io).then(
  (code) => {
    // Exit explicitly: a keychain call that timed out may still hold the event loop open.
    process.stdout.write('', () => process.exit(code));
  },
  (error: unknown) => {
    process.stderr.write(`keyfob: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
