import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Services } from '../services';
import type { KeychainMove } from '../vault/keychain-move';
import type { RecoveryReport, Vault } from '../vault/vault';
import { displayName } from '../otp/types';
import { say, type CliKey, type Params } from './words';

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
  /**
   * The services of main/services.ts, the same the app builds: the vault, the account use cases, the pool
   * profiles and the Cognito engine. Built on first use, so `keyfob code --uri` and `scan` never touch the
   * keychain.
   */
  services: () => Services;
  version: string;
}

/** `cancelled`: 128 + SIGINT, what a shell reports for a command stopped with Ctrl-C. */
export const EXIT = { ok: 0, failure: 1, usage: 2, keychain: 3, service: 4, cancelled: 130 } as const;

/** A command given the wrong way: its words are an entry of the CLI's catalogue, printed with the usage. */
export class UsageError extends Error {
  constructor(
    readonly key: CliKey,
    readonly params: Params = {},
    readonly command?: string,
  ) {
    super(key);
  }
}

/** Node's parseArgs says what was wrong in English only: its codes and the option it names, in our words. */
function parseProblem(error: Error & { code?: string }): { key: CliKey; params: Params } {
  const option = /'([^']+)'/.exec(error.message)?.[1];
  if (option !== undefined) {
    if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return { key: 'unknownOption', params: { option } };
    if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      if (/argument missing/.test(error.message)) return { key: 'optionValueMissing', params: { option } };
      if (/does not take an argument/.test(error.message))
        return { key: 'optionTakesNoValue', params: { option } };
    }
  }
  return { key: 'parseFailed', params: { detail: error.message } };
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
    const { key, params } = parseProblem(error as Error);
    throw new UsageError(key, params, command);
  }
  if (parsed.positionals.length > maxPositionals) {
    throw new UsageError('unexpectedArgument', { arg: parsed.positionals[maxPositionals]! }, command);
  }
  return parsed;
}

export function needOne(
  command: string,
  positionals: string[],
  what: 'file' | 'account' | 'image' | 'profile',
): string {
  const value = positionals[0];
  if (value === undefined || value === '') throw new UsageError(`missing_${what}`, {}, command);
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
    throw new UsageError(min > 0 ? 'notWholeNumberMin' : 'notWholeNumber', { name, min, value }, command);
  }
  return Number(value);
}

export function atOption(command: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+(\.\d+)?$/.test(value)) throw new UsageError('atSeconds', { value }, command);
  return Math.round(Number(value) * 1000);
}

/** What the keychain's move from an old service name left behind, said on standard error (KeytarKeychain's onMove). */
export function printMoveConflicts(io: CliIo, move: KeychainMove): void {
  if (move.conflicts.length === 0) return;
  const params = {
    count: move.conflicts.length,
    from: move.from,
    to: move.to,
    items: move.conflicts.join(', '),
  };
  io.stderr(`${say(io.env, 'keychainMoveConflicts', params)}\n`);
}

export function printRecovery(io: CliIo, report: RecoveryReport): void {
  if (report.movedAside) {
    const { why, path } = report.movedAside;
    io.stderr(`${say(io.env, 'movedAside', { ...why, path })}\n`);
  }
  if (report.orphans.length > 0) {
    const names = report.orphans.map(displayName).join(', ');
    io.stderr(`${say(io.env, 'orphans', { count: report.orphans.length, names })}\n`);
  }
  for (const a of report.missingSecret) {
    io.stderr(`${say(io.env, 'secretMissing', { name: displayName(a), id: a.id })}\n`);
  }
}

/** The vault once its start-up recovery has run, with what the recovery found printed on standard error. */
export async function openVault(io: CliIo): Promise<Vault> {
  const services = io.services();
  printRecovery(io, await services.recovery());
  return services.vault;
}

/**
 * The vault for commands that need only the accounts' details (list, and finding an account by name for
 * rename and remove): accounts.json is read, and the keychain is never asked for a key.
 */
export async function openDetails(io: CliIo): Promise<Vault> {
  const services = io.services();
  const { vault } = services;
  const { report: details, accounts } = await vault.checkMetadata();
  // No details at all (a new vault, or a list lost or moved aside): then the keychain is where lost accounts
  // are found, and the full recovery looks there (reading keys only if the vault's canary says it had some).
  if (details.movedAside === undefined && accounts > 0) {
    printRecovery(io, details);
    return vault;
  }
  const full = await services.recovery();
  printRecovery(io, { ...full, ...(details.movedAside ? { movedAside: details.movedAside } : {}) });
  return vault;
}

export function shortId(id: string): string {
  return id.slice(0, 8);
}

export async function confirm(io: CliIo, question: string): Promise<boolean> {
  if (!io.isTTY || !io.ask) return false;
  const answer = await io.ask(`${question} ${say(io.env, 'confirmChoices')} `);
  const yes = say(io.env, 'confirmYes').split('|');
  return yes.includes(answer.trim().toLowerCase());
}
