import { createInterface } from 'node:readline/promises';
import { openVault } from '../vault';
import type { Vault } from '../vault/vault';
import { run } from './run';

declare const KEYFOB_VERSION: string | undefined;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function ask(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}

let vault: Vault | undefined;

run(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readStdin,
  ask,
  isTTY: process.stdin.isTTY === true,
  env: process.env,
  vault: () => (vault ??= openVault()),
  version: typeof KEYFOB_VERSION === 'string' ? KEYFOB_VERSION : 'dev',
}).then(
  (code) => {
    // Exit explicitly: a keychain call that timed out may still hold the event loop open.
    process.stdout.write('', () => process.exit(code));
  },
  (error: unknown) => {
    process.stderr.write(`keyfob: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
