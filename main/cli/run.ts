import { promises as fs } from 'node:fs';
import type { ImportReport } from '../../preload/api';
import { textInput, type ImportInput, type ImportRead } from '../accounts';
import { KeyfobError, isKeyfobError } from '../errors';
import { codeAt, codeForCounter } from '../otp/codes';
import { ALGORITHMS, defaultParams, displayName, type Algorithm, type OtpType } from '../otp/types';
import { parseOtpauthUri } from '../otp/uri';
import type { Account, NewAccount } from '../vault/vault';
import { COGNITO_COMMANDS } from './cognito-commands';
import { USAGE, commandUsage } from './usage';
import {
  EXIT,
  UsageError,
  atOption,
  confirm,
  intOption,
  needOne,
  openVault,
  parse,
  printRecovery,
  shortId,
  type CliIo,
} from './common';

export { EXIT, type CliIo } from './common';
// ---- add ----------------------------------------------------------------------------------------------------

/** An import's report, line by line; refusals of the input come before those of the vault, as they happened. */
function printReport(io: CliIo, read: ImportRead, report: ImportReport): number {
  const added = report.entries.filter((e) => e.status === 'added');
  const dups = report.entries.filter((e) => e.status === 'duplicate');
  const refused = [
    ...read.refused,
    ...report.entries.filter((e) => e.status === 'refused' && !read.refused.includes(e)),
  ];
  for (const e of report.entries) {
    if (e.status === 'added') io.stdout(`added      ${e.id}  ${e.name}${e.reason ? `: ${e.reason}` : ''}\n`);
    else if (e.status === 'duplicate') io.stdout(`duplicate  ${e.name}: ${e.reason}\n`);
  }
  for (const r of refused) io.stdout(`refused    ${r.name}: ${r.reason ?? ''}\n`);
  for (const m of report.missing) {
    io.stdout(
      `missing    ${m.format ?? 'Google Authenticator'} export ${m.exportId ?? ''}: QR code${m.missing.length > 1 ? 's' : ''} ${m.missing.join(', ')} of ${m.batchSize} not scanned\n`,
    );
  }
  io.stdout(`${added.length} added, ${dups.length} skipped as duplicates, ${refused.length} refused\n`);
  return refused.length > 0 || report.missing.length > 0 ? EXIT.failure : EXIT.ok;
}

async function add(io: CliIo, args: string[]): Promise<number> {
  const { values, positionals } = parse(
    'add',
    args,
    {
      uri: { type: 'string' },
      image: { type: 'string' },
      secret: { type: 'string' },
      issuer: { type: 'string' },
      label: { type: 'string' },
      algorithm: { type: 'string' },
      digits: { type: 'string' },
      period: { type: 'string' },
      type: { type: 'string' },
      counter: { type: 'string' },
      'allow-duplicate': { type: 'boolean' },
    },
    0,
  );
  void positionals;
  const sources = [values.uri, values.image, values.secret].filter((v) => v !== undefined).length;
  if (sources !== 1) throw new UsageError('Give exactly one of --uri, --image or --secret.', 'add');
  const allowDuplicate = values['allow-duplicate'] === true;

  if (values.secret !== undefined) {
    if (values.uri === undefined && (values.label === undefined || values.label.trim() === '')) {
      throw new UsageError('--secret needs --label (the account name, e.g. your e-mail address).', 'add');
    }
    const type = (values.type ?? 'totp').toLowerCase();
    if (type !== 'totp' && type !== 'hotp' && type !== 'steam')
      throw new UsageError(`--type is totp, hotp or steam, not "${values.type}".`, 'add');
    const algorithm = (values.algorithm ?? 'SHA1').toUpperCase().replace(/-/g, '');
    if (!(ALGORITHMS as readonly string[]).includes(algorithm)) {
      throw new UsageError(`--algorithm is SHA1, SHA256 or SHA512, not "${values.algorithm}".`, 'add');
    }
    const params = defaultParams(type as OtpType);
    params.algorithm = algorithm as Algorithm;
    params.digits =
      type === 'steam' ? params.digits : (intOption('add', 'digits', values.digits, 1) ?? params.digits);
    params.period = intOption('add', 'period', values.period, 1) ?? params.period;
    params.counter = intOption('add', 'counter', values.counter, 0) ?? 0;
    if (type !== 'hotp' && values.counter !== undefined)
      throw new UsageError('--counter is only for --type hotp.', 'add');
    const account: NewAccount = {
      issuer: values.issuer ?? '',
      label: values.label ?? '',
      secret: values.secret,
      params,
      extra: {},
    };
    const vault = await openVault(io);
    const added = await vault.add(account, { allowDuplicate });
    io.stdout(`${added.id}  ${displayName(added)}\n`);
    return EXIT.ok;
  }

  let inputs: ImportInput[];
  if (values.uri !== undefined) {
    inputs = [textInput(values.uri, { kind: 'link' })];
  } else {
    const { decodeImageFile } = await import('../qr');
    const found = await decodeImageFile(values.image!);
    if (found.length === 0) {
      throw new KeyfobError('QR_NOT_FOUND', 'qrNotFoundInFile', { file: values.image! });
    }
    inputs = found.map((text, i) => textInput(text, { kind: 'qr', n: i + 1 }));
  }
  const accounts = io.services().accounts;
  const read = await accounts.read(inputs);
  if (read.accounts.length === 0) {
    const code = values.uri !== undefined ? 'URI_INVALID' : 'QR_NOT_FOUND';
    // Why the one link or code was refused is the error, in its own words and with its own advice.
    const first = read.refused[0];
    if (first?.reasonKey) throw new KeyfobError(code, first.reasonKey, first.reasonParams ?? {});
    throw new KeyfobError(code, 'addNothing');
  }
  // A single plain account: errors (duplicate, invalid) are the command's error.
  if (read.accounts.length === 1 && read.parts.length === 0 && read.refused.length === 0) {
    const vault = await openVault(io);
    const added = await vault.add(read.accounts[0]!, { allowDuplicate });
    io.stdout(`${added.id}  ${displayName(added)}\n`);
    return EXIT.ok;
  }
  await openVault(io);
  return printReport(io, read, await accounts.store(read, { allowDuplicates: allowDuplicate }));
}

// ---- import, list, code, scan -------------------------------------------------------------------------------

async function importCommand(io: CliIo, args: string[]): Promise<number> {
  const { positionals } = parse('import', args, {}, 1);
  const source = needOne('import', positionals, 'file (or - for standard input)');
  let bytes: Uint8Array;
  if (source === '-') {
    bytes = await io.readStdinBytes();
  } else {
    try {
      bytes = await fs.readFile(source);
    } catch (error) {
      const errno = (error as NodeJS.ErrnoException).code ?? 'error';
      throw new KeyfobError('IO_FAILED', 'fileReadFailed', { file: source, errno });
    }
  }
  const accounts = io.services().accounts;
  const read = await accounts.read([{ bytes, ...(source === '-' ? {} : { fileName: source }) }]);
  if (read.accounts.length === 0 && read.refused.length === 0)
    throw new KeyfobError(
      'URI_INVALID',
      'importNoLinks',
      { file: source },
      source === '-' ? { variant: 'stdin' } : {},
    );
  await openVault(io);
  return printReport(io, read, await accounts.store(read));
}

function publicFields(a: Account) {
  return {
    id: a.id,
    issuer: a.issuer,
    label: a.label,
    type: a.type,
    algorithm: a.algorithm,
    digits: a.digits,
    period: a.period,
    counter: a.counter,
  };
}

async function list(io: CliIo, args: string[]): Promise<number> {
  const { values } = parse('list', args, { json: { type: 'boolean' } }, 0);
  const vault = await openVault(io);
  const accounts = await vault.list();
  if (values.json) {
    io.stdout(JSON.stringify(accounts.map(publicFields), null, 2) + '\n');
    return EXIT.ok;
  }
  if (accounts.length === 0) {
    io.stdout(
      'No accounts yet. Add one with `keyfob add --uri <otpauth-link>` or `keyfob add --image <qr.png>`.\n',
    );
    return EXIT.ok;
  }
  const issuerWidth = Math.max(6, ...accounts.map((a) => a.issuer.length));
  io.stdout(`${'ID'.padEnd(8)}  ${'ISSUER'.padEnd(issuerWidth)}  ACCOUNT\n`);
  for (const a of accounts) {
    const notes = [a.type === 'totp' ? '' : a.type.toUpperCase(), a.status === 'pending' ? 'pending' : '']
      .filter(Boolean)
      .join(', ');
    io.stdout(
      `${shortId(a.id)}  ${a.issuer.padEnd(issuerWidth)}  ${a.label}${notes ? `  (${notes})` : ''}\n`,
    );
  }
  return EXIT.ok;
}

async function code(io: CliIo, args: string[]): Promise<number> {
  const { values, positionals } = parse(
    'code',
    args,
    { uri: { type: 'string' }, at: { type: 'string' }, json: { type: 'boolean' } },
    1,
  );
  const atMs = atOption('code', values.at);
  if (values.uri !== undefined) {
    if (positionals.length > 0) throw new UsageError('Give either an account or --uri, not both.', 'code');
    const account = parseOtpauthUri(values.uri);
    if (account.params.type === 'hotp') {
      const value = codeForCounter(account.secret, account.params, account.params.counter);
      io.stdout(
        values.json ? JSON.stringify({ code: value, counter: account.params.counter }) + '\n' : `${value}\n`,
      );
    } else {
      const time = codeAt(account.secret, account.params, atMs ?? Date.now());
      io.stdout(
        values.json
          ? JSON.stringify({
              code: time.code,
              remaining: time.remaining,
              next: time.next,
              period: time.period,
            }) + '\n'
          : `${time.code}\n`,
      );
    }
    return EXIT.ok;
  }
  const query = needOne('code', positionals, 'account (an id or part of its name)');
  const vault = io.vault();
  const account = await vault.resolve(query);
  if (account.type === 'hotp' && atMs !== undefined)
    throw new UsageError('--at is for time-based accounts; HOTP codes follow the counter.', 'code');
  const result = await vault.code(account.id, atMs);
  if (values.json) {
    const json: Record<string, unknown> = {
      id: account.id,
      issuer: account.issuer,
      label: account.label,
      code: result.code,
    };
    if (result.time)
      Object.assign(json, {
        remaining: result.time.remaining,
        next: result.time.next,
        period: result.time.period,
      });
    if (result.counter !== undefined) json.counter = result.counter;
    io.stdout(JSON.stringify(json) + '\n');
  } else {
    io.stdout(`${result.code}\n`);
  }
  return EXIT.ok;
}

async function scan(io: CliIo, args: string[]): Promise<number> {
  const { positionals } = parse('scan', args, {}, 1);
  const file = needOne('scan', positionals, 'image file');
  const { decodeImageFile } = await import('../qr');
  const found = await decodeImageFile(file);
  if (found.length === 0) {
    throw new KeyfobError('QR_NOT_FOUND', 'qrNotFoundInFile', { file });
  }
  for (const text of found) io.stdout(`${text}\n`);
  return EXIT.ok;
}

// ---- remove, rename, export ---------------------------------------------------------------------------------

async function remove(io: CliIo, args: string[]): Promise<number> {
  const { values, positionals } = parse('remove', args, { yes: { type: 'boolean', short: 'y' } }, 1);
  const query = needOne('remove', positionals, 'account (an id or part of its name)');
  const vault = await openVault(io);
  const account = await vault.resolve(query);
  if (!values.yes) {
    if (!io.isTTY) {
      throw new KeyfobError('PARAMS_INVALID', 'removeNeedsYes', { name: displayName(account) });
    }
    if (
      !(await confirm(
        io,
        `Remove ${displayName(account)}? Its key is deleted from the keychain and cannot be recovered.`,
      ))
    ) {
      io.stderr('Nothing removed.\n');
      return EXIT.failure;
    }
  }
  await vault.remove(account.id);
  io.stdout(`removed  ${account.id}  ${displayName(account)}\n`);
  return EXIT.ok;
}

/**
 * Keys in the keychain without account details are never listed again unasked: this lists them, and restores
 * or deletes them only when told which.
 */
async function recover(io: CliIo, args: string[]): Promise<number> {
  const { values } = parse(
    'recover',
    args,
    {
      yes: { type: 'boolean', short: 'y' },
      restore: { type: 'string', multiple: true },
      delete: { type: 'string', multiple: true },
    },
    0,
  );
  const restore = values.restore ?? [];
  const remove = values.delete ?? [];
  if (values.yes && (restore.length > 0 || remove.length > 0))
    throw new UsageError('Give --yes, or --restore/--delete with ids, not both.', 'recover');
  if (restore.some((id) => remove.includes(id)))
    throw new UsageError('An id cannot be both restored and deleted.', 'recover');
  const vault = io.vault();
  const report = await vault.recover();
  printRecovery(io, { ...report, orphans: [] });
  const orphans = report.orphans;
  const unknown = [...restore, ...remove].filter((id) => !orphans.some((o) => o.id === id));
  if (unknown.length > 0) {
    throw new KeyfobError('ACCOUNT_NOT_FOUND', 'recoverUnknownId', { ids: unknown.join(', ') });
  }
  if (!values.yes && restore.length === 0 && remove.length === 0) {
    if (orphans.length === 0) io.stdout('Every key in the keychain belongs to an account.\n');
    for (const o of orphans) io.stdout(`${o.id}  ${displayName(o)}${o.pending ? '  (pending)' : ''}\n`);
    if (orphans.length > 0)
      io.stderr('Restore them with --yes (all) or --restore <id>; delete one with --delete <id>.\n');
    return EXIT.ok;
  }
  for (const a of await vault.restoreOrphans(values.yes ? orphans.map((o) => o.id) : restore))
    io.stdout(`restored  ${a.id}  ${displayName(a)}\n`);
  for (const id of remove) {
    const gone = await vault.deleteOrphan(id);
    io.stdout(`deleted   ${gone.id}  ${displayName(gone)}\n`);
  }
  return EXIT.ok;
}

async function rename(io: CliIo, args: string[]): Promise<number> {
  const { values, positionals } = parse(
    'rename',
    args,
    { issuer: { type: 'string' }, label: { type: 'string' } },
    1,
  );
  const query = needOne('rename', positionals, 'account (an id or part of its name)');
  if (values.issuer === undefined && values.label === undefined)
    throw new UsageError('Give --issuer, --label or both.', 'rename');
  const vault = await openVault(io);
  const account = await vault.resolve(query);
  const renamed = await vault.rename(account.id, {
    ...(values.issuer !== undefined ? { issuer: values.issuer } : {}),
    ...(values.label !== undefined ? { label: values.label } : {}),
  });
  io.stdout(`${renamed.id}  ${displayName(renamed)}\n`);
  return EXIT.ok;
}

async function exportCommand(io: CliIo, args: string[]): Promise<number> {
  const { values } = parse(
    'export',
    args,
    { format: { type: 'string' }, out: { type: 'string' }, yes: { type: 'boolean', short: 'y' } },
    0,
  );
  const format = values.format;
  if (format !== 'uris' && format !== 'migration')
    throw new UsageError('--format is uris or migration.', 'export');
  if (!values.yes) {
    throw new KeyfobError('PARAMS_INVALID', 'exportNeedsYes');
  }
  await openVault(io);
  const exported = await io.services().accounts.export(format === 'uris' ? 'otpauth' : 'google-migration');
  const lines = exported.lines;
  for (const e of exported.excluded) io.stderr(`keyfob: left out ${e.name}: ${e.reason}\n`);
  const text = lines.map((l) => l + '\n').join('');
  if (values.out !== undefined) {
    try {
      await fs.writeFile(values.out, text, { mode: 0o600, flag: 'w' });
      await fs.chmod(values.out, 0o600);
    } catch (error) {
      const errno = (error as NodeJS.ErrnoException).code ?? 'error';
      throw new KeyfobError('IO_FAILED', 'fileWriteFailed', { file: values.out, errno });
    }
    io.stderr(
      `keyfob: wrote ${lines.length} ${format === 'uris' ? 'account' : 'QR code payload'}${lines.length === 1 ? '' : 's'} to ${values.out}\n`,
    );
  } else {
    io.stdout(text);
  }
  return EXIT.ok;
}

// ---- dispatch -----------------------------------------------------------------------------------------------

const COMMANDS: Record<string, (io: CliIo, args: string[]) => Promise<number>> = {
  add,
  import: importCommand,
  list,
  code,
  scan,
  remove,
  rename,
  recover,
  export: exportCommand,
  ...COGNITO_COMMANDS,
};

export function exitCodeFor(error: unknown): number {
  if (isKeyfobError(error) && error.code.startsWith('KEYCHAIN_')) return EXIT.keychain;
  // A wrong password or code is the user's to fix (1); a service, configuration or network failure is not (4),
  // which is what a QA script retrying a sign-in needs to tell apart.
  if (isKeyfobError(error, 'COGNITO_AUTH') || isKeyfobError(error, 'COGNITO_CODE')) return EXIT.failure;
  if (isKeyfobError(error) && error.code.startsWith('COGNITO_')) return EXIT.service;
  return EXIT.failure;
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const [command, ...args] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    const topic = command === 'help' ? args[0] : undefined;
    io.stdout(topic && COMMANDS[topic] ? commandUsage(topic) : USAGE);
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  if (command === '--version' || command === '-v' || command === 'version') {
    io.stdout(`keyfob ${io.version}\n`);
    return EXIT.ok;
  }
  const handler = COMMANDS[command];
  if (!handler) {
    io.stderr(`keyfob: unknown command "${command}".\n\n${USAGE}`);
    return EXIT.usage;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(commandUsage(command));
    return EXIT.ok;
  }
  try {
    return await handler(io, args);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`keyfob ${command}: ${error.message}\n\n${commandUsage(error.command ?? command)}`);
      return EXIT.usage;
    }
    if (isKeyfobError(error)) {
      io.stderr(`keyfob: ${error.message}\n`);
      if (error.hint) io.stderr(`  ${error.hint}\n`);
      if (error.service) io.stderr(`  (the service said: ${error.service.name}: ${error.service.message})\n`);
      return exitCodeFor(error);
    }
    io.stderr(`keyfob: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
    if (io.env.KEYFOB_DEBUG) io.stderr(`${error instanceof Error ? error.stack : ''}\n`);
    return EXIT.failure;
  }
}
