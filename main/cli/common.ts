import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Services } from '../services';
import type { RecoveryReport, Vault } from '../vault/vault';
import { displayName } from '../otp/types';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Promise<string>;
  /** Standard input as it came, for files that are not text (an import format's export). */
  readStdinBytes: () => Promise<Uint8Array>;
  isTTY: boolean;
  ask?: (question: string) => Promise<string>;
  /** Like ask, without echoing what is typed (passwords). */
  askSecret?: (question: string) => Promise<string>;
  env: NodeJS.ProcessEnv;
  /** Built on first use, so `keyfob code --uri` and `scan` never touch the keychain. */
  vault: () => Vault;
  /** The services of main/services.ts, built on first use (the vault above is theirs). */
  services: () => Services;
  version: string;
}

export const EXIT = { ok: 0, failure: 1, usage: 2, keychain: 3, service: 4 } as const;

export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
  }
}

export type Options = NonNullable<ParseArgsConfig['options']>;

export function parse<O extends Options>(
  command: string,
  args: string[],
  options: O,
  maxPositionals: number,
) {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional.*$/s, '.'), command);
  }
  if (parsed.positionals.length > maxPositionals) {
    throw new UsageError(`Unexpected argument "${parsed.positionals[maxPositionals]}".`, command);
  }
  return parsed;
}

export function needOne(command: string, positionals: string[], what: string): string {
  const value = positionals[0];
  if (value === undefined || value === '') throw new UsageError(`Missing ${what}.`, command);
  return value;
}

export function intOption(
  command: string,
  name: string,
  value: string | undefined,
  min: number,
): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value)) || Number(value) < min) {
    throw new UsageError(
      `--${name} takes a whole number${min > 0 ? ` of at least ${min}` : ''}, not "${value}".`,
      command,
    );
  }
  return Number(value);
}

export function atOption(command: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+(\.\d+)?$/.test(value)) throw new UsageError(`--at takes Unix seconds, not "${value}".`, command);
  return Math.round(Number(value) * 1000);
}

export function printRecovery(io: CliIo, report: RecoveryReport): void {
  if (report.movedAside) {
    io.stderr(
      `keyfob: the account list could not be read (${report.movedAside.reason}); it was kept as ${report.movedAside.path}.\n`,
    );
  }
  if (report.orphans.length > 0) {
    io.stderr(
      `keyfob: ${report.orphans.length} key(s) in the keychain have lost their account details (${report.orphans.map(displayName).join(', ')}); run \`keyfob recover\` to restore or delete them.\n`,
    );
  }
  for (const a of report.missingSecret) {
    io.stderr(
      `keyfob: the key of ${displayName(a)} (${a.id}) is missing from the keychain; remove the account and add it again.\n`,
    );
  }
}

export async function openVault(io: CliIo): Promise<Vault> {
  const vault = io.vault();
  printRecovery(io, await vault.recover());
  return vault;
}

export function shortId(id: string): string {
  return id.slice(0, 8);
}

export async function confirm(io: CliIo, question: string): Promise<boolean> {
  if (!io.isTTY || !io.ask) return false;
  const answer = await io.ask(`${question} [y/N] `);
  return /^y(es)?$/i.test(answer.trim());
}
