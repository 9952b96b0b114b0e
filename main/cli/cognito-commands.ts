import type { EnrollResult, Progress, Prompts, SignInRequest, Tokens } from '../cognito';
import { profileView } from '../cognito/profiles';
import { KeyfobError } from '../errors';
import { displayName } from '../otp/types';
import { printable } from './columns';
import { EXIT, UsageError, needOne, openVault, parse, shortId, type CliIo } from './common';
import { say } from './words';

/**
 * The engine of the CLI's services (main/services.ts), as the app builds it. Opening the vault (its recovery
 * scan of the keychain, and printing what it found) starts first and runs while the Cognito code loads and the
 * engine signs in: the sign-in needs the vault only once Cognito asks for a code, and the engine waits for it
 * then.
 */
async function engineFor(io: CliIo) {
  // Its failure is the engine's to report, with the call that needed the vault; here it must not be unhandled.
  openVault(io).catch(() => undefined);
  return io.services().cognitoEngine();
}

// ---- secrets from standard input ---------------------------------------------------------------------------

/**
 * Standard input read once and handed out line by line: the password on the first line, a new password (when
 * the pool asks for one) on the second. Read lazily, so commands that need no input never wait for it.
 */
class StdinLines {
  private lines: Promise<string[]> | undefined;
  constructor(private readonly io: CliIo) {}
  async line(index: number): Promise<string | undefined> {
    this.lines ??= this.io.readStdin().then((text) => text.split(/\r?\n/));
    const value = (await this.lines)[index];
    return value === undefined || value === '' ? undefined : value;
  }
}

interface PasswordOptions {
  'password-stdin'?: boolean | undefined;
  'new-password-stdin'?: boolean | undefined;
  attribute?: string[] | undefined;
}

const PASSWORD_OPTIONS = {
  'password-stdin': { type: 'boolean' },
  'new-password-stdin': { type: 'boolean' },
  attribute: { type: 'string', multiple: true },
} as const;

async function password(io: CliIo, values: PasswordOptions, stdin: StdinLines): Promise<string> {
  if (values['password-stdin']) {
    const line = await stdin.line(0);
    if (line === undefined) {
      throw new KeyfobError('INPUT_NEEDED', 'passwordStdinEmpty');
    }
    return line;
  }
  const fromEnv = io.env.KEYFOB_PASSWORD;
  if (fromEnv) return fromEnv;
  if (io.isTTY && io.askSecret) {
    const typed = await io.askSecret(say(io.env, 'passwordPrompt'));
    if (typed) return typed;
  }
  throw new KeyfobError('INPUT_NEEDED', 'passwordNeeded');
}

function attributes(values: PasswordOptions, command: string): Record<string, string> | undefined {
  if (!values.attribute?.length) return undefined;
  const out: Record<string, string> = {};
  for (const pair of values.attribute) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError('attributeForm', { value: pair }, command);
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}

function prompts(io: CliIo, values: PasswordOptions, stdin: StdinLines, command: string): Prompts {
  const attrs = attributes(values, command);
  return {
    newPassword: async (state) => {
      let next: string | undefined;
      if (values['new-password-stdin']) next = await stdin.line(values['password-stdin'] ? 1 : 0);
      else if (io.isTTY && io.askSecret) {
        io.stderr(`${say(io.env, 'newPasswordAsked', { username: state.username })}\n`);
        next = (await io.askSecret(say(io.env, 'newPasswordPrompt'))) || undefined;
      }
      if (!next) return undefined;
      // Required attributes the user did not pass are reported by the engine, by name.
      return { password: next, ...(attrs ? { attributes: attrs } : {}) };
    },
    code: async (state) => {
      if (!io.isTTY || !io.ask) return undefined;
      const via = state.kind === 'smsMfa' ? 'sms' : 'email';
      const answer = await io.ask(
        state.destination
          ? say(io.env, `codePrompt_${via}_to`, { destination: state.destination })
          : say(io.env, `codePrompt_${via}`),
      );
      return answer.trim() || undefined;
    },
  };
}

/** What the engine is doing, on stderr, so stdout carries only the result (an id, tokens). */
function progressPrinter(io: CliIo, verbose: boolean): (p: Progress) => void {
  return (p) => {
    switch (p.type) {
      case 'clockSkew': {
        const seconds = Math.round(Math.abs(p.offsetMs) / 1000);
        io.stderr(`${say(io.env, p.offsetMs > 0 ? 'clockBehind' : 'clockAhead', { seconds })}\n`);
        break;
      }
      case 'waitingForCode':
        io.stderr(`${say(io.env, 'waitingForCode', { seconds: p.seconds })}\n`);
        break;
      case 'secretStored':
        if (verbose) io.stderr(`${say(io.env, 'secretStored')}\n`);
        break;
      case 'verified':
        if (verbose) io.stderr(`${say(io.env, 'verified')}\n`);
        break;
      case 'preferenceSet':
        if (verbose) io.stderr(`${say(io.env, p.preferred ? 'preferenceSet_preferred' : 'preferenceSet')}\n`);
        break;
      case 'replaced':
        io.stderr(`${say(io.env, 'replaced', { id: shortId(p.old.id), name: displayName(p.old) })}\n`);
        break;
      default:
        break;
    }
  };
}

const SIGN_IN_OPTIONS = {
  pool: { type: 'string' },
  username: { type: 'string' },
  ...PASSWORD_OPTIONS,
} as const;

function required(command: string, value: string | undefined, flag: string): string {
  if (value === undefined || value.trim() === '') throw new UsageError('missingFlag', { flag }, command);
  return value;
}

async function signInRequest(
  io: CliIo,
  command: string,
  values: PasswordOptions & { pool?: string | undefined; username?: string | undefined },
  verbose: boolean,
): Promise<SignInRequest> {
  const profile = required(command, values.pool, 'pool');
  const username = required(command, values.username, 'username');
  const stdin = new StdinLines(io);
  return {
    profile,
    username,
    password: await password(io, values, stdin),
    prompts: prompts(io, values, stdin, command),
    onProgress: progressPrinter(io, verbose),
  };
}

// ---- pool ---------------------------------------------------------------------------------------------------

async function poolAdd(io: CliIo, args: string[]): Promise<number> {
  const { values, positionals } = parse(
    'pool',
    args,
    {
      region: { type: 'string' },
      'user-pool-id': { type: 'string' },
      'client-id': { type: 'string' },
      'client-secret-stdin': { type: 'boolean' },
      endpoint: { type: 'string' },
      'auth-flow': { type: 'string' },
      'aws-profile': { type: 'string' },
      replace: { type: 'boolean' },
    },
    1,
  );
  const name = needOne('pool', positionals, 'profile');
  let clientSecret: string | undefined;
  if (values['client-secret-stdin']) {
    clientSecret = (await io.readStdin()).split(/\r?\n/)[0]?.trim();
    if (!clientSecret) {
      throw new KeyfobError('INPUT_NEEDED', 'clientSecretStdinEmpty');
    }
  }
  const store = io.services().profiles;
  const profile = await store.save(
    {
      name,
      region: required('pool', values.region, 'region'),
      userPoolId: required('pool', values['user-pool-id'], 'user-pool-id'),
      clientId: required('pool', values['client-id'], 'client-id'),
      endpoint: values.endpoint,
      authFlow: values['auth-flow'],
      awsProfile: values['aws-profile'],
    },
    // Replacing without --client-secret-stdin keeps the stored secret; a new one replaces it.
    { ...(clientSecret !== undefined ? { clientSecret } : {}), replace: values.replace === true },
  );
  const done = say(io.env, values.replace ? 'poolSaved' : 'poolAdded');
  const client = say(io.env, 'poolClient', { clientId: profile.clientId });
  const secret = profile.hasClientSecret ? ` ${say(io.env, 'poolWithSecret')}` : '';
  io.stdout(
    `${done}  ${profile.name}  ${profile.userPoolId}  ${client}${secret}  ${profile.authFlow}${profile.endpoint ? `  ${profile.endpoint}` : ''}\n`,
  );
  return EXIT.ok;
}

async function poolList(io: CliIo, args: string[]): Promise<number> {
  const { values } = parse('pool', args, { json: { type: 'boolean' } }, 0);
  const pools = await io.services().profiles.list();
  if (values.json) {
    io.stdout(`${JSON.stringify(pools.map(profileView), null, 2)}\n`);
    return EXIT.ok;
  }
  if (pools.length === 0) {
    io.stderr(`${say(io.env, 'poolsNone')}\n`);
    return EXIT.ok;
  }
  for (const p of pools) {
    const client = say(io.env, 'poolClient', { clientId: p.clientId });
    const secret = p.hasClientSecret ? ` ${say(io.env, 'poolSecret')}` : '';
    io.stdout(
      `${p.name}  ${p.userPoolId}  ${client}${secret}  ${p.authFlow}${p.endpoint ? `  ${p.endpoint}` : ''}\n`,
    );
  }
  return EXIT.ok;
}

async function poolRemove(io: CliIo, args: string[]): Promise<number> {
  const { positionals } = parse('pool', args, {}, 1);
  const name = needOne('pool', positionals, 'profile');
  const removed = await io.services().profiles.remove(name);
  io.stdout(`${say(io.env, 'removed')}  ${printable(removed.name)}\n`);
  const linked = await (await openVault(io)).linked(removed.name);
  if (linked.length > 0) {
    io.stderr(`${say(io.env, 'poolLinkedKept', { count: linked.length })}\n`);
  }
  return EXIT.ok;
}

/** Whether the pool and app client answer (a sign-in of a user that cannot exist), as the window's button asks. */
async function poolTest(io: CliIo, args: string[]): Promise<number> {
  const { positionals } = parse('pool', args, {}, 1);
  const name = needOne('pool', positionals, 'profile');
  const found = await (await engineFor(io)).testConnection(name);
  if (found.problem) {
    // The problem follows in its own words, with its hint and exit status, as any error does.
    io.stderr(`${say(io.env, 'poolReachedBut', { pool: found.poolId })}\n`);
    throw found.problem;
  }
  io.stdout(`${say(io.env, 'poolAnswers', { pool: found.poolId, client: found.clientId })}\n`);
  return EXIT.ok;
}

function onOff(command: string, flag: string, value: string | undefined): boolean {
  if (value === 'on') return true;
  if (value === 'off') return false;
  throw new UsageError('onOff', { flag }, command);
}

async function poolMfaConfig(io: CliIo, args: string[]): Promise<number> {
  const { values, positionals } = parse(
    'pool',
    args,
    { totp: { type: 'string' }, mfa: { type: 'string' } },
    1,
  );
  const name = needOne('pool', positionals, 'profile');
  const totp = onOff('pool', 'totp', values.totp);
  let mfa: 'OFF' | 'OPTIONAL' | 'ON' | undefined;
  if (values.mfa !== undefined) {
    const upper = values.mfa.toUpperCase();
    if (upper !== 'OFF' && upper !== 'OPTIONAL' && upper !== 'ON')
      throw new UsageError('mfaValues', {}, 'pool');
    mfa = upper;
  }
  const engine = await engineFor(io);
  const result = await engine.setPoolMfaConfig(name, { totp, ...(mfa ? { mfa } : {}) });
  // on, off and optional are the values the options take, the same in every language.
  const state = { name, mfa: result.mfa.toLowerCase(), totp: result.totp ? 'on' : 'off' };
  io.stdout(`${say(io.env, 'poolMfaConfig', state)}\n`);
  return EXIT.ok;
}

async function pool(io: CliIo, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'add':
      return poolAdd(io, rest);
    case 'list':
      return poolList(io, rest);
    case 'remove':
      return poolRemove(io, rest);
    case 'mfa-config':
      return poolMfaConfig(io, rest);
    case 'test':
      return poolTest(io, rest);
    default:
      throw new UsageError(
        sub === undefined ? 'poolSubcommandMissing' : 'unknownSubcommand',
        sub === undefined ? {} : { sub },
        'pool',
      );
  }
}

// ---- enroll, login, mfa ----------------------------------------------------------------------------------

async function enroll(io: CliIo, args: string[]): Promise<number> {
  const { values } = parse(
    'enroll',
    args,
    { ...SIGN_IN_OPTIONS, 'device-name': { type: 'string' }, 'no-prefer': { type: 'boolean' } },
    0,
  );
  const request = await signInRequest(io, 'enroll', values, true);
  const engine = await engineFor(io);
  const result: EnrollResult = await engine.enroll({
    ...request,
    ...(values['device-name'] !== undefined ? { deviceName: values['device-name'] } : {}),
    prefer: values['no-prefer'] !== true,
  });
  io.stdout(`${result.account.id}  ${printable(displayName(result.account))}\n`);
  return EXIT.ok;
}

const TOKEN_KINDS = { id: 'idToken', access: 'accessToken', refresh: 'refreshToken' } as const;

function authenticationResult(tokens: Tokens) {
  return {
    IdToken: tokens.idToken,
    AccessToken: tokens.accessToken,
    ...(tokens.refreshToken ? { RefreshToken: tokens.refreshToken } : {}),
    ExpiresIn: tokens.expiresIn,
    TokenType: tokens.tokenType,
  };
}

async function login(io: CliIo, args: string[]): Promise<number> {
  const { values } = parse(
    'login',
    args,
    { ...SIGN_IN_OPTIONS, json: { type: 'boolean' }, token: { type: 'string' } },
    0,
  );
  if (values.json && values.token !== undefined) throw new UsageError('jsonAndToken', {}, 'login');
  const kind = values.token;
  if (kind !== undefined && !(kind in TOKEN_KINDS)) throw new UsageError('tokenKinds', {}, 'login');
  const request = await signInRequest(io, 'login', values, false);
  const engine = await engineFor(io);
  const { tokens, username } = await engine.login(request);
  if (kind !== undefined) {
    const token = tokens[TOKEN_KINDS[kind as keyof typeof TOKEN_KINDS]];
    if (!token) {
      throw new KeyfobError('COGNITO_SERVICE', 'loginNoToken', { kind });
    }
    io.stdout(`${token}\n`);
  } else if (values.json) {
    io.stdout(`${JSON.stringify(authenticationResult(tokens), null, 2)}\n`);
  } else {
    const minutes = Math.round(tokens.expiresIn / 60);
    io.stdout(
      `${say(io.env, 'signedIn', { username, count: minutes })}\n` +
        `IdToken      ${tokens.idToken}\nAccessToken  ${tokens.accessToken}\n` +
        (tokens.refreshToken ? `RefreshToken ${tokens.refreshToken}\n` : ''),
    );
  }
  return EXIT.ok;
}

async function mfa(io: CliIo, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'disable') {
    throw new UsageError(
      sub === undefined ? 'mfaSubcommandMissing' : 'unknownSubcommand',
      sub === undefined ? {} : { sub },
      'mfa',
    );
  }
  const { values } = parse('mfa', rest, { ...SIGN_IN_OPTIONS, 'remove-account': { type: 'boolean' } }, 0);
  const request = await signInRequest(io, 'mfa', values, false);
  const engine = await engineFor(io);
  const { removed } = await engine.disable({ ...request, removeAccount: values['remove-account'] === true });
  io.stdout(`${say(io.env, 'mfaOff', { username: request.username, pool: request.profile })}\n`);
  for (const account of removed)
    io.stdout(`${say(io.env, 'removed')}  ${account.id}  ${printable(displayName(account))}\n`);
  if (values['remove-account'] !== true) io.stderr(`${say(io.env, 'accountKept')}\n`);
  return EXIT.ok;
}

export const COGNITO_COMMANDS = { pool, enroll, login, mfa };
