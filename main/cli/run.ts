import { promises as fs } from 'node:fs';
import type { ImportReport } from '../../preload/api';
import { textInput, type ImportInput, type ImportRead } from '../accounts';
import { KeyfobError, isKeyfobError } from '../errors';
import { passwordNeeded } from '../formats/types';
import { codeAt, codeForCounter } from '../otp/codes';
import { ALGORITHMS, defaultParams, displayName, type Algorithm, type OtpType } from '../otp/types';
import { parseOtpauthUri } from '../otp/uri';
import type { Account, ImportOutcome, NewAccount } from '../vault/vault';
import { COGNITO_COMMANDS } from './cognito-commands';
import { displayWidth, padCells, printable } from './columns';
import { writePrivateFile } from '../files';
import { fileKindOf } from '../formats/magic';
import { commandUsage, usage } from './usage';
import { errorWords, reasonWords, say } from './words';
import {
  EXIT,
  UsageError,
  atOption,
  confirm,
  intOption,
  needOne,
  openDetails,
  openVault,
  parse,
  printRecovery,
  shortId,
  type CliIo,
} from './common';

export { EXIT, type CliIo } from './common';
// ---- add ----------------------------------------------------------------------------------------------------

/**
 * One account added: its id and name on standard output, for scripts; beside an account of the same name, a note
 * on standard error saying so, as an import's report would.
 */
function printAdded(io: CliIo, added: Extract<ImportOutcome, { status: 'added' }>): number {
  io.stdout(`${added.account.id}  ${printable(displayName(added.account))}\n`);
  if (added.reason !== undefined) {
    const reason = reasonWords(io.env, {
      reason: added.reason,
      ...(added.key !== undefined ? { key: added.key } : {}),
      ...(added.params !== undefined ? { params: added.params } : {}),
    });
    io.stderr(`${say(io.env, 'sharesNameNote', { reason })}\n`);
  }
  return EXIT.ok;
}

/**
 * An import's report, line by line; refusals of the input come before those of the vault, as they happened.
 * What was added or already there goes to standard output, for scripts; refusals, QR codes missing and, when
 * anything was, the count go to standard error, so a failed import is seen even with its output piped away.
 */
function printReport(io: CliIo, read: ImportRead, report: ImportReport): number {
  const added = report.entries.filter((e) => e.status === 'added');
  const dups = report.entries.filter((e) => e.status === 'duplicate');
  const refused = [
    ...read.refused,
    ...report.entries.filter((e) => e.status === 'refused' && !read.refused.includes(e)),
  ];
  // The first column as wide as the language's longest word for it, so the names line up.
  const labels = {
    added: say(io.env, 'reportAdded'),
    duplicate: say(io.env, 'reportDuplicate'),
    refused: say(io.env, 'reportRefused'),
    missing: say(io.env, 'reportMissing'),
  };
  const width = Math.max(...Object.values(labels).map(displayWidth)) + 2;
  const line = (label: string, rest: string) => io.stdout(`${padCells(label, width)}${rest}\n`);
  const problem = (label: string, rest: string) => io.stderr(`${padCells(label, width)}${rest}\n`);
  const reason = (e: (typeof report.entries)[number]) =>
    reasonWords(io.env, {
      ...(e.reason !== undefined ? { reason: e.reason } : {}),
      ...(e.reasonKey !== undefined ? { key: e.reasonKey } : {}),
      ...(e.reasonParams !== undefined ? { params: e.reasonParams } : {}),
      ...(e.reasonVariant !== undefined ? { variant: e.reasonVariant } : {}),
    });
  // An entry named after where it was ("line 3") is named in the reader's language; `name` holds the English.
  const name = (e: (typeof report.entries)[number]) =>
    e.place ? say(io.env, `place_${e.place.kind}`, { n: e.place.n ?? 1 }) : printable(e.name);
  for (const e of report.entries) {
    if (e.status === 'added')
      line(
        labels.added,
        `${e.id}  ${e.reason ? say(io.env, 'reportReason', { name: name(e), reason: reason(e) }) : name(e)}`,
      );
    else if (e.status === 'duplicate')
      line(labels.duplicate, say(io.env, 'reportReason', { name: name(e), reason: reason(e) }));
  }
  for (const r of refused)
    problem(labels.refused, say(io.env, 'reportReason', { name: name(r), reason: reason(r) }));
  for (const m of report.missing) {
    const codes = { format: m.format ?? 'google-migration', exportId: m.exportId ?? '' };
    const params = { ...codes, codes: m.missing.join(', '), batchSize: m.batchSize };
    problem(
      labels.missing,
      m.missing.length > 1
        ? say(io.env, 'reportMissingCodes_several', params)
        : say(io.env, 'reportMissingCodes', params),
    );
  }
  const counts = { added: added.length, duplicates: dups.length, refused: refused.length };
  const failed = refused.length > 0 || report.missing.length > 0;
  (failed ? io.stderr : io.stdout)(`${say(io.env, 'reportCounts', counts)}\n`);
  return failed ? EXIT.failure : EXIT.ok;
}

/**
 * Each QR code's text in an image, as its own input for the format registry: `add --image` and `import` of a
 * PNG or JPEG read images the same way. No code at all is an error that names the file.
 */
async function imageInputs(image: string | Uint8Array, file: string): Promise<ImportInput[]> {
  const { decodeImageBuffer, decodeImageFile } = await import('../qr');
  const found = typeof image === 'string' ? await decodeImageFile(image) : decodeImageBuffer(image);
  if (found.length === 0) throw new KeyfobError('QR_NOT_FOUND', 'qrNotFoundInFile', { file });
  return found.map((text, i) => textInput(text, { kind: 'qr', n: i + 1 }));
}

/**
 * A key or a link from standard input rather than the command line, where `ps` and the shell's history would
 * see it: its first line, or typed without echo on a terminal.
 */
async function keyFromStdin(io: CliIo, what: 'secret' | 'uri'): Promise<string> {
  const line =
    io.isTTY && io.askSecret
      ? await io.askSecret(say(io.env, what === 'secret' ? 'secretPrompt' : 'uriPrompt'))
      : ((await io.readStdin()).split(/\r?\n/)[0] ?? '');
  if (line.trim() === '')
    throw new KeyfobError('INPUT_NEEDED', 'keyStdinEmpty', {}, what === 'uri' ? { variant: 'uri' } : {});
  return line.trim();
}

async function add(io: CliIo, args: string[]): Promise<number> {
  const { values, positionals } = parse(
    'add',
    args,
    {
      uri: { type: 'string' },
      image: { type: 'string' },
      secret: { type: 'string' },
      'secret-stdin': { type: 'boolean' },
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
  const sources = [values.uri, values.image, values.secret, values['secret-stdin']].filter(
    (v) => v !== undefined,
  ).length;
  if (sources !== 1) throw new UsageError('addOneSource', {}, 'add');
  const allowDuplicate = values['allow-duplicate'] === true;
  if (values['secret-stdin']) values.secret = await keyFromStdin(io, 'secret');
  else if (values.uri === '-') values.uri = await keyFromStdin(io, 'uri');

  if (values.secret !== undefined) {
    if (values.uri === undefined && (values.label === undefined || values.label.trim() === '')) {
      throw new UsageError('secretNeedsLabel', {}, 'add');
    }
    const type = (values.type ?? 'totp').toLowerCase();
    if (type !== 'totp' && type !== 'hotp' && type !== 'steam')
      throw new UsageError('typeValues', { value: values.type ?? '' }, 'add');
    const algorithm = (values.algorithm ?? 'SHA1').toUpperCase().replace(/-/g, '');
    if (!(ALGORITHMS as readonly string[]).includes(algorithm)) {
      throw new UsageError('algorithmValues', { value: values.algorithm ?? '' }, 'add');
    }
    const params = defaultParams(type as OtpType);
    params.algorithm = algorithm as Algorithm;
    params.digits =
      type === 'steam' ? params.digits : (intOption('add', 'digits', values.digits, 1) ?? params.digits);
    params.period = intOption('add', 'period', values.period, 1) ?? params.period;
    params.counter = intOption('add', 'counter', values.counter, 0) ?? 0;
    if (type !== 'hotp' && values.counter !== undefined) throw new UsageError('counterOnlyHotp', {}, 'add');
    const account: NewAccount = {
      issuer: values.issuer ?? '',
      label: values.label ?? '',
      secret: values.secret,
      params,
      extra: {},
    };
    const vault = await openVault(io);
    return printAdded(io, await vault.addOne(account, { allowDuplicate }));
  }

  let inputs: ImportInput[];
  if (values.uri !== undefined) {
    inputs = [textInput(values.uri, { kind: 'link' })];
  } else {
    inputs = await imageInputs(values.image!, values.image!);
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
    return printAdded(io, await vault.addOne(read.accounts[0]!, { allowDuplicate }));
  }
  await openVault(io);
  return printReport(io, read, await accounts.store(read, { allowDuplicates: allowDuplicate }));
}

// ---- import, list, code, scan -------------------------------------------------------------------------------

/** The first line of standard input, for `--password-stdin`; none at all is an error that says how. */
async function passwordFromStdin(io: CliIo): Promise<string> {
  const line = (await io.readStdin()).split(/\r?\n/)[0];
  if (line === undefined || line === '') throw new KeyfobError('INPUT_NEEDED', 'passwordStdinEmpty');
  return line;
}

/**
 * The password of an encrypted import: asked on the terminal (not echoed), else the format's own "protected by a
 * password" error, whose command-line hint names --password-stdin.
 */
async function importPassword(io: CliIo, needed: KeyfobError): Promise<string> {
  if (!io.isTTY || !io.askSecret) throw needed;
  const typed = await io.askSecret(say(io.env, 'passwordPrompt'));
  if (typed === '') throw needed;
  return typed;
}

/** The password an encrypted export is sealed with: standard input's first line, or typed twice. */
async function exportPassword(io: CliIo, fromStdin: boolean): Promise<string> {
  const password = fromStdin
    ? await passwordFromStdin(io)
    : io.isTTY && io.askSecret
      ? await io.askSecret(say(io.env, 'exportPasswordPrompt'))
      : undefined;
  if (password === undefined) throw new KeyfobError('INPUT_NEEDED', 'exportPasswordNeeded');
  if (password === '') throw new KeyfobError('INPUT_NEEDED', 'exportPasswordEmpty');
  if (!fromStdin && (await io.askSecret!(say(io.env, 'exportPasswordAgain'))) !== password)
    throw new KeyfobError('INPUT_NEEDED', 'exportPasswordsDiffer');
  return password;
}

async function importCommand(io: CliIo, args: string[]): Promise<number> {
  const { values, positionals } = parse(
    'import',
    args,
    { 'password-stdin': { type: 'boolean' }, format: { type: 'string' } },
    1,
  );
  const source = needOne('import', positionals, 'file');
  const accounts = io.services().accounts;
  // --format forces one: for a file whose content another format also claims, or one renamed beyond recognition.
  const forced = values.format === undefined ? undefined : accounts.formats.byId(values.format);
  if (values.format !== undefined && forced === undefined)
    throw new UsageError(
      'importFormatUnknown',
      { formats: accounts.formats.all.map((f) => f.id).join(', ') },
      'import',
    );
  // Both would read standard input, and the first to read it would leave nothing for the other.
  if (source === '-' && values['password-stdin']) throw new UsageError('importStdinTwice', {}, 'import');
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
  // A screenshot or photo: its QR codes are read as `add --image` reads them, each through the registry.
  const kind = fileKindOf(bytes);
  let read: ImportRead;
  if (forced === undefined && (kind === 'png' || kind === 'jpeg')) {
    read = await accounts.read(await imageInputs(bytes, source));
  } else {
    const input = { bytes, ...(source === '-' ? {} : { fileName: source }) };
    let password = values['password-stdin'] ? await passwordFromStdin(io) : undefined;
    const format = forced ?? accounts.formats.detect(bytes, input.fileName);
    const chosen = forced ? { format: forced.id } : {};
    if (password === undefined && format.password === 'always')
      password = await importPassword(io, passwordNeeded(format.id));
    try {
      read = await accounts.read([input], password === undefined ? chosen : { ...chosen, password });
    } catch (error) {
      // Only some of this format's files are encrypted, and this one is: ask, then read it again.
      if (password !== undefined || !isKeyfobError(error, 'PASSWORD_NEEDED')) throw error;
      password = await importPassword(io, error);
      read = await accounts.read([input], { ...chosen, password });
    }
  }
  // Text in which no line is a link at all (notes, a format Keyfob does not know) is one error, not one
  // refusal a line; a text with some links reports each line that is not one.
  const noLinks = read.refused.every((r) => r.reasonKey === 'notALink');
  if (read.accounts.length === 0 && read.parts.length === 0 && noLinks)
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
  const vault = await openDetails(io);
  const accounts = await vault.list();
  if (values.json) {
    io.stdout(JSON.stringify(accounts.map(publicFields), null, 2) + '\n');
    return EXIT.ok;
  }
  if (accounts.length === 0) {
    io.stdout(`${say(io.env, 'listEmpty')}\n`);
    return EXIT.ok;
  }
  const issuer = say(io.env, 'listIssuer');
  const issuerWidth = Math.max(
    displayWidth(issuer),
    ...accounts.map((a) => displayWidth(printable(a.issuer))),
  );
  io.stdout(
    `${padCells(say(io.env, 'listId'), 8)}  ${padCells(issuer, issuerWidth)}  ${say(io.env, 'listAccount')}\n`,
  );
  const pending = say(io.env, 'pending');
  for (const a of accounts) {
    const notes = [a.type === 'totp' ? '' : a.type.toUpperCase(), a.status === 'pending' ? pending : '']
      .filter(Boolean)
      .join(', ');
    io.stdout(
      `${shortId(a.id)}  ${padCells(printable(a.issuer), issuerWidth)}  ${printable(a.label)}${notes ? `  (${notes})` : ''}\n`,
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
    if (positionals.length > 0) throw new UsageError('uriAndAccount', {}, 'code');
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
  const query = needOne('code', positionals, 'account');
  // No recovery first: `keyfob code` prints a code and nothing else, as fast as it can.
  const vault = io.services().vault;
  const account = await vault.resolve(query);
  if (account.type === 'hotp' && atMs !== undefined) throw new UsageError('atForHotp', {}, 'code');
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
  const file = needOne('scan', positionals, 'image');
  const { decodeImageFile } = await import('../qr');
  const found = await decodeImageFile(file);
  if (found.length === 0) {
    throw new KeyfobError('QR_NOT_FOUND', 'qrNotFoundInFile', { file });
  }
  for (const text of found) io.stdout(`${printable(text)}\n`);
  return EXIT.ok;
}

// ---- remove, rename, export ---------------------------------------------------------------------------------

async function remove(io: CliIo, args: string[]): Promise<number> {
  const { values, positionals } = parse('remove', args, { yes: { type: 'boolean', short: 'y' } }, 1);
  const query = needOne('remove', positionals, 'account');
  const vault = await openDetails(io);
  const account = await vault.resolve(query);
  if (!values.yes) {
    if (!io.isTTY) {
      throw new KeyfobError('PARAMS_INVALID', 'removeNeedsYes', { name: displayName(account) });
    }
    if (!(await confirm(io, say(io.env, 'removeQuestion', { name: displayName(account) })))) {
      io.stderr(`${say(io.env, 'nothingRemoved')}\n`);
      return EXIT.failure;
    }
  }
  await vault.remove(account.id);
  io.stdout(`${say(io.env, 'removed')}  ${account.id}  ${printable(displayName(account))}\n`);
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
    throw new UsageError('recoverYesAndIds', {}, 'recover');
  if (restore.some((id) => remove.includes(id))) throw new UsageError('recoverBoth', {}, 'recover');
  const { vault } = io.services();
  const report = await io.services().recovery();
  printRecovery(io, { ...report, orphans: [] });
  const orphans = report.orphans;
  const unknown = [...restore, ...remove].filter((id) => !orphans.some((o) => o.id === id));
  if (unknown.length > 0) {
    throw new KeyfobError('ACCOUNT_NOT_FOUND', 'recoverUnknownId', { ids: unknown.join(', ') });
  }
  if (!values.yes && restore.length === 0 && remove.length === 0) {
    if (orphans.length === 0) io.stdout(`${say(io.env, 'recoverNone')}\n`);
    for (const o of orphans)
      io.stdout(`${o.id}  ${printable(displayName(o))}${o.pending ? `  (${say(io.env, 'pending')})` : ''}\n`);
    if (orphans.length > 0) io.stderr(`${say(io.env, 'recoverHowTo')}\n`);
    return EXIT.ok;
  }
  for (const a of await vault.restoreOrphans(values.yes ? orphans.map((o) => o.id) : restore))
    io.stdout(`${say(io.env, 'restored')}  ${a.id}  ${printable(displayName(a))}\n`);
  for (const id of remove) {
    const gone = await vault.deleteOrphan(id);
    io.stdout(`${say(io.env, 'deleted')}   ${gone.id}  ${printable(displayName(gone))}\n`);
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
  const query = needOne('rename', positionals, 'account');
  if (values.issuer === undefined && values.label === undefined)
    throw new UsageError('renameNothing', {}, 'rename');
  const vault = await openDetails(io);
  const account = await vault.resolve(query);
  const renamed = await vault.rename(account.id, {
    ...(values.issuer !== undefined ? { issuer: values.issuer } : {}),
    ...(values.label !== undefined ? { label: values.label } : {}),
  });
  io.stdout(`${renamed.id}  ${printable(displayName(renamed))}\n`);
  return EXIT.ok;
}

async function exportCommand(io: CliIo, args: string[]): Promise<number> {
  const { values } = parse(
    'export',
    args,
    {
      format: { type: 'string' },
      out: { type: 'string' },
      yes: { type: 'boolean', short: 'y' },
      plain: { type: 'boolean' },
      'password-stdin': { type: 'boolean' },
    },
    0,
  );
  const format = values.format;
  if (format !== 'uris' && format !== 'migration' && format !== 'aegis')
    throw new UsageError('exportFormat', {}, 'export');
  const plain = values.plain === true;
  const fromStdin = values['password-stdin'] === true;
  if (format !== 'aegis' && plain) throw new UsageError('exportPlainOnlyAegis', {}, 'export');
  if (format !== 'aegis' && fromStdin) throw new UsageError('exportPasswordOnlyAegis', {}, 'export');
  if (plain && fromStdin) throw new UsageError('exportPlainAndPassword', {}, 'export');
  const encrypted = format === 'aegis' && !plain;
  if (!values.yes) {
    throw new KeyfobError('PARAMS_INVALID', 'exportNeedsYes', {}, encrypted ? { variant: 'encrypted' } : {});
  }
  // Asked before the vault is opened, so a mistyped password costs nothing and reads no key.
  const password = encrypted ? await exportPassword(io, fromStdin) : undefined;
  await openVault(io);
  const accounts = io.services().accounts;
  let lines: string[];
  let excluded;
  let wrote: 'wroteAccounts' | 'wrotePayloads' | 'wroteVault';
  let count: number;
  if (format === 'aegis') {
    const file = await accounts.exportFile('aegis', password === undefined ? { plain } : { password });
    // One JSON document: written as it is, with the newline the format already ends in.
    lines = [new TextDecoder().decode(file.file).replace(/\n$/, '')];
    excluded = file.excluded;
    wrote = file.encrypted ? 'wroteVault' : 'wroteAccounts';
    count = file.count;
  } else {
    const exported = await accounts.export(format === 'uris' ? 'otpauth' : 'google-migration');
    lines = exported.lines;
    excluded = exported.excluded;
    wrote = format === 'uris' ? 'wroteAccounts' : 'wrotePayloads';
    count = lines.length;
  }
  for (const e of excluded) {
    const reason = reasonWords(io.env, {
      reason: e.reason,
      ...(e.key !== undefined ? { key: e.key } : {}),
      ...(e.params !== undefined ? { params: e.params } : {}),
    });
    io.stderr(`${say(io.env, 'leftOut', { name: e.name, reason })}\n`);
  }
  const text = lines.map((l) => l + '\n').join('');
  if (values.out !== undefined) {
    await writePrivateFile(values.out, text);
    io.stderr(`${say(io.env, wrote, { count, file: values.out })}\n`);
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
  if (isKeyfobError(error, 'CANCELLED')) return EXIT.cancelled;
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
    io.stdout(topic && COMMANDS[topic] ? commandUsage(io.env, topic) : usage(io.env));
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  if (command === '--version' || command === '-v' || command === 'version') {
    io.stdout(`keyfob ${io.version}\n`);
    return EXIT.ok;
  }
  const handler = COMMANDS[command];
  if (!handler) {
    io.stderr(`${say(io.env, 'unknownCommand', { command })}\n\n${usage(io.env)}`);
    return EXIT.usage;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(commandUsage(io.env, command));
    return EXIT.ok;
  }
  try {
    return await handler(io, args);
  } catch (error) {
    if (error instanceof UsageError) {
      const message = say(io.env, error.key, error.params);
      io.stderr(`keyfob ${command}: ${message}\n\n${commandUsage(io.env, error.command ?? command)}`);
      return EXIT.usage;
    }
    if (isKeyfobError(error)) {
      const { message, hint } = errorWords(io.env, error);
      io.stderr(`keyfob: ${message}\n`);
      if (hint) io.stderr(`  ${hint}\n`);
      if (error.service) io.stderr(`  ${say(io.env, 'serviceSaid', { ...error.service })}\n`);
      return exitCodeFor(error);
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`keyfob: ${say(io.env, 'unexpectedError', { message })}\n`);
    if (io.env.KEYFOB_DEBUG) io.stderr(`${error instanceof Error ? error.stack : ''}\n`);
    return EXIT.failure;
  }
}
