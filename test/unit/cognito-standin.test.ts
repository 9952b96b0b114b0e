/**
 * The Cognito stand-in, driven by the real SDK v3 client. Each case pins a rule from
 * /work/shared/reference/cognito.md that a client bug would trip over against AWS.
 */
import {
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  AdminSetUserMFAPreferenceCommand,
  AssociateSoftwareTokenCommand,
  CognitoIdentityProviderClient,
  ExpiredCodeException,
  GetUserCommand,
  GetUserPoolMfaConfigCommand,
  InitiateAuthCommand,
  NotAuthorizedException,
  RespondToAuthChallengeCommand,
  SetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
  SignUpCommand,
  VerifySoftwareTokenCommand,
  type AuthenticationResultType,
  type ChallengeNameType,
  type InitiateAuthCommandInput,
  type InitiateAuthCommandOutput,
  type RespondToAuthChallengeCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  createSecretHash,
  createSrpSession,
  signSrpSession as helperSign,
  wrapAuthChallenge as helperWrapChallenge,
  wrapInitiateAuth as helperWrapInitiate,
} from 'cognito-srp-helper';
import { TOTP } from 'otpauth';

// cognito-srp-helper's types are written without exactOptionalPropertyTypes; at run time its requests and responses
// are the SDK's own shapes, so the SDK's types stand in for them here.
type SrpSession = ReturnType<typeof createSrpSession>;
const wrapInitiateAuth = (srp: SrpSession, input: InitiateAuthCommandInput): InitiateAuthCommandInput =>
  helperWrapInitiate(srp, input as never) as InitiateAuthCommandInput;
const signSrpSession = (srp: SrpSession, init: InitiateAuthCommandOutput) => helperSign(srp, init as never);
const wrapAuthChallenge = (
  signed: ReturnType<typeof helperSign>,
  input: RespondToAuthChallengeCommandInput,
): RespondToAuthChallengeCommandInput =>
  helperWrapChallenge(signed, input as never) as RespondToAuthChallengeCommandInput;
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CognitoStandIn, type ClientOptions, type PoolOptions } from '../support/cognito-standin';

/** 15 s into a 30-s step, so a code one step either side is unambiguous. */
const START = Date.UTC(2031, 4, 6, 10, 0, 15);
const PASSWORD = 'Corr3ct-Horse!';
const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

let clock = START;
let s: CognitoStandIn;
let cip: CognitoIdentityProviderClient;

beforeAll(async () => {
  s = await CognitoStandIn.start({ now: () => clock });
  cip = new CognitoIdentityProviderClient({
    region: s.region,
    endpoint: s.endpoint,
    credentials: s.adminCredentials,
    maxAttempts: 1,
  });
});

afterAll(async () => {
  cip.destroy();
  await s.close();
});

beforeEach(() => {
  clock = START;
});

const advance = (ms: number) => {
  clock += ms;
};

function code(secret: string, at = clock): string {
  return new TOTP({ secret, algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: at });
}

interface Failure {
  name: string;
  message: string;
  status: number | undefined;
  error: unknown;
}

async function failure(promise: Promise<unknown>): Promise<Failure> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode, error };
  }
  throw new Error('expected the call to fail');
}

function setup(pool: PoolOptions = {}, client: ClientOptions = {}) {
  const p = s.addPool(pool);
  const c = s.addClient(p.id, client);
  return { poolId: p.id, clientId: c.id, secret: c.secret };
}

function passwordAuth(
  clientId: string,
  username: string,
  password = PASSWORD,
  extra: Record<string, string> = {},
) {
  return cip.send(
    new InitiateAuthCommand({
      ClientId: clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: username, PASSWORD: password, ...extra },
    }),
  );
}

function respond(
  clientId: string,
  challenge: ChallengeNameType,
  session: string | undefined,
  responses: Record<string, string>,
) {
  return cip.send(
    new RespondToAuthChallengeCommand({
      ClientId: clientId,
      ChallengeName: challenge,
      Session: session,
      ChallengeResponses: responses,
    }),
  );
}

function expectTokens(result: AuthenticationResultType | undefined) {
  expect(result).toMatchObject({ ExpiresIn: 3600, TokenType: 'Bearer' });
  expect(result?.AccessToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  expect(result?.IdToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
}

describe('wire protocol', () => {
  it('answers errors as JSON 1.1 {__type, message} that the SDK maps to its exception classes', async () => {
    const { poolId, clientId } = setup();
    s.addUser(poolId, { username: 'x', password: PASSWORD });
    const f = await failure(passwordAuth(clientId, 'x', 'Wrong-pass1!'));
    expect(f).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
      status: 400,
    });
    expect(f.error).toBeInstanceOf(NotAuthorizedException);

    const raw = await fetch(s.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth',
      },
      body: JSON.stringify({
        ClientId: clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'x', PASSWORD: 'nope' },
      }),
    });
    expect(raw.status).toBe(400);
    expect(raw.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(raw.headers.get('x-amzn-errortype')).toBe('NotAuthorizedException:');
    expect(await raw.json()).toEqual({
      __type: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
  });

  it('refuses unknown targets with UnknownOperationException, including real operations it does not serve', async () => {
    const raw = await fetch(s.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityProviderService.Nope',
      },
      body: '{}',
    });
    expect(raw.status).toBe(400);
    expect(((await raw.json()) as { __type: string }).__type).toBe('UnknownOperationException');
    const f = await failure(
      cip.send(new SignUpCommand({ ClientId: 'x', Username: 'u', Password: PASSWORD })),
    );
    expect(f).toMatchObject({ name: 'UnknownOperationException', status: 400 });
  });

  it('stamps every response with a Date header from the injected clock', async () => {
    clock = Date.UTC(2029, 0, 2, 3, 4, 5);
    const raw = await fetch(s.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityProviderService.GetUser',
      },
      body: JSON.stringify({ AccessToken: 'abc' }),
    });
    expect(raw.headers.get('date')).toBe('Tue, 02 Jan 2029 03:04:05 GMT');
    expect(raw.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('records every request in order and injects one-shot failures with their HTTP status', async () => {
    const { poolId, clientId } = setup();
    s.addUser(poolId, { username: 'rec', password: PASSWORD });
    const before = s.calls.length;
    s.failNext('InitiateAuth', { name: 'TooManyRequestsException', message: 'Rate exceeded' });
    s.failNext('InitiateAuth', { name: 'ForbiddenException', message: 'Request blocked by WAF' });
    s.failNext('InitiateAuth', { name: 'InternalErrorException', message: 'Internal error' });
    expect(await failure(passwordAuth(clientId, 'rec'))).toMatchObject({
      name: 'TooManyRequestsException',
      status: 400,
    });
    expect(await failure(passwordAuth(clientId, 'rec'))).toMatchObject({
      name: 'ForbiddenException',
      status: 403,
    });
    expect(await failure(passwordAuth(clientId, 'rec'))).toMatchObject({
      name: 'InternalErrorException',
      status: 500,
    });
    expectTokens((await passwordAuth(clientId, 'rec')).AuthenticationResult);
    const calls = s.calls.slice(before);
    expect(calls.map((c) => c.target)).toEqual([
      'InitiateAuth',
      'InitiateAuth',
      'InitiateAuth',
      'InitiateAuth',
    ]);
    expect(calls[0]?.body).toMatchObject({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH' });
    expect(calls[0]?.headers['x-amz-target']).toBe('AWSCognitoIdentityProviderService.InitiateAuth');
  });
});

describe('password sign-in', () => {
  it('issues tokens that GetUser accepts until they expire, and refuses forged or foreign tokens', async () => {
    const { poolId, clientId } = setup();
    s.addUser(poolId, { username: 'ann', password: PASSWORD, email: 'ann@example.com' });
    const out = await passwordAuth(clientId, 'ann');
    expect(out.ChallengeName).toBeUndefined();
    expectTokens(out.AuthenticationResult);
    expect(out.AuthenticationResult?.RefreshToken).toBeTruthy();
    expect(out.AuthenticationResult?.NewDeviceMetadata).toBeUndefined();
    const access = out.AuthenticationResult?.AccessToken ?? '';
    const me = await cip.send(new GetUserCommand({ AccessToken: access }));
    expect(me.Username).toBe('ann');
    expect(me.UserAttributes).toContainEqual({ Name: 'email', Value: 'ann@example.com' });

    const [h, p] = access.split('.');
    const forged = `${h}.${p}.${Buffer.from('not the signature').toString('base64url')}`;
    expect(await failure(cip.send(new GetUserCommand({ AccessToken: forged })))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid Access Token',
    });
    const idToken = out.AuthenticationResult?.IdToken ?? '';
    expect(await failure(cip.send(new GetUserCommand({ AccessToken: idToken })))).toMatchObject({
      message: 'Invalid Access Token',
    });
    advance(3600_000);
    expect(await failure(cip.send(new GetUserCommand({ AccessToken: access })))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Access Token has expired',
    });
  });

  it('says "Incorrect username or password." for a wrong password and locks out after five failures', async () => {
    const { poolId, clientId } = setup();
    s.addUser(poolId, { username: 'bob', password: PASSWORD });
    for (let i = 0; i < 5; i++) {
      expect(await failure(passwordAuth(clientId, 'bob', 'Wrong-Pass1!'))).toMatchObject({
        name: 'NotAuthorizedException',
        message: 'Incorrect username or password.',
      });
    }
    expect(await failure(passwordAuth(clientId, 'bob'))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Password attempts exceeded',
    });
    advance(1000);
    expectTokens((await passwordAuth(clientId, 'bob')).AuthenticationResult);
  });

  it('hides unknown users unless PreventUserExistenceErrors is off; refuses UNCONFIRMED users', async () => {
    const hidden = setup({ preventUserExistenceErrors: true });
    expect(await failure(passwordAuth(hidden.clientId, 'ghost'))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
    const legacy = setup({ preventUserExistenceErrors: false });
    expect(await failure(passwordAuth(legacy.clientId, 'ghost'))).toMatchObject({
      name: 'UserNotFoundException',
      message: 'User does not exist.',
    });
    s.addUser(legacy.poolId, { username: 'new', password: PASSWORD, status: 'UNCONFIRMED' });
    expect(await failure(passwordAuth(legacy.clientId, 'new', 'Wrong-Pass1!'))).toMatchObject({
      name: 'UserNotConfirmedException',
      message: 'User is not confirmed.',
    });
  });

  it('allows only the auth flows the app client enables', async () => {
    const srpOnly = setup({}, { flows: ['USER_SRP_AUTH'] });
    s.addUser(srpOnly.poolId, { username: 'cat', password: PASSWORD });
    expect(await failure(passwordAuth(srpOnly.clientId, 'cat'))).toMatchObject({
      name: 'InvalidParameterException',
      message: 'USER_PASSWORD_AUTH flow not enabled for this client',
    });
    const passwordOnly = setup({}, { flows: ['USER_PASSWORD_AUTH'] });
    const srp = createSrpSession('cat', PASSWORD, passwordOnly.poolId, false);
    expect(
      await failure(
        cip.send(
          new InitiateAuthCommand(
            wrapInitiateAuth(srp, {
              ClientId: passwordOnly.clientId,
              AuthFlow: 'USER_SRP_AUTH',
              AuthParameters: { USERNAME: 'cat' },
            }),
          ),
        ),
      ),
    ).toMatchObject({
      name: 'InvalidParameterException',
      message: 'USER_SRP_AUTH is not enabled for the client.',
    });
    expect(
      await failure(
        cip.send(
          new InitiateAuthCommand({
            ClientId: srpOnly.clientId,
            AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
            AuthParameters: { USERNAME: 'cat', PASSWORD },
          }),
        ),
      ),
    ).toMatchObject({ name: 'InvalidParameterException', message: 'Initiate Auth method not supported.' });
    expect(
      await failure(
        cip.send(
          new AdminInitiateAuthCommand({
            UserPoolId: srpOnly.poolId,
            ClientId: srpOnly.clientId,
            AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
            AuthParameters: { USERNAME: 'cat', PASSWORD },
          }),
        ),
      ),
    ).toMatchObject({ name: 'InvalidParameterException', message: 'Auth flow not enabled for this client' });
  });

  it('refreshes with REFRESH_TOKEN_AUTH (no new refresh token) and rejects unknown refresh tokens', async () => {
    const { poolId, clientId, secret } = setup({}, { secret: true });
    s.addUser(poolId, { username: 'Dan', password: PASSWORD });
    const first = await passwordAuth(clientId, 'dan', PASSWORD, {
      SECRET_HASH: createSecretHash('dan', clientId, secret ?? ''),
    });
    const refresh = first.AuthenticationResult?.RefreshToken ?? '';
    const refreshed = await cip.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        // Hashed with the pool's user name: nothing was typed in this flow.
        AuthParameters: {
          REFRESH_TOKEN: refresh,
          SECRET_HASH: createSecretHash('Dan', clientId, secret ?? ''),
        },
      }),
    );
    expectTokens(refreshed.AuthenticationResult);
    expect(refreshed.AuthenticationResult?.RefreshToken).toBeUndefined();
    expect(
      await failure(
        cip.send(
          new InitiateAuthCommand({
            ClientId: clientId,
            AuthFlow: 'REFRESH_TOKEN_AUTH',
            AuthParameters: {
              REFRESH_TOKEN: `${refresh.slice(0, -4)}AAAA`,
              SECRET_HASH: createSecretHash('Dan', clientId, secret ?? ''),
            },
          }),
        ),
      ),
    ).toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid Refresh Token' });
  });
});

describe('USER_SRP_AUTH', () => {
  async function srpStart(
    clientId: string,
    poolId: string,
    username: string,
    password: string,
    extra: Record<string, string> = {},
  ) {
    const srp = createSrpSession(username, password, poolId, false);
    const init = await cip.send(
      new InitiateAuthCommand(
        wrapInitiateAuth(srp, {
          ClientId: clientId,
          AuthFlow: 'USER_SRP_AUTH',
          AuthParameters: { USERNAME: username, ...extra },
        }),
      ),
    );
    return { srp, init };
  }

  it('completes PASSWORD_VERIFIER computed by cognito-srp-helper, naming the user as the pool stores it', async () => {
    const { poolId, clientId } = setup();
    s.addUser(poolId, { username: 'Erin', password: PASSWORD });
    const { srp, init } = await srpStart(clientId, poolId, 'ERIN', PASSWORD);
    expect(init.ChallengeName).toBe('PASSWORD_VERIFIER');
    // AWS sends no Session with PASSWORD_VERIFIER; the SECRET_BLOCK carries the state.
    expect(init.Session).toBeUndefined();
    expect(init.ChallengeParameters).toMatchObject({ USER_ID_FOR_SRP: 'Erin', USERNAME: 'Erin' });
    expect(init.ChallengeParameters?.SALT).toMatch(/^[0-9a-f]{32}$/);
    expect(init.ChallengeParameters?.SRP_B).toMatch(/^[0-9a-f]+$/);
    const signed = signSrpSession(srp, init);
    const answer = wrapAuthChallenge(signed, {
      ClientId: clientId,
      ChallengeName: 'PASSWORD_VERIFIER' as const,
      ChallengeResponses: { USERNAME: 'Erin' },
    });
    expectTokens((await cip.send(new RespondToAuthChallengeCommand(answer))).AuthenticationResult);
    // The SECRET_BLOCK is single use.
    expect(await failure(cip.send(new RespondToAuthChallengeCommand(answer)))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
  });

  it('rejects a wrong password, a malformed TIMESTAMP and a zero-padded day as AWS does', async () => {
    const { poolId, clientId } = setup();
    s.addUser(poolId, { username: 'fay', password: PASSWORD });
    const attempt = async (password: string, timestamp?: string) => {
      const { srp, init } = await srpStart(clientId, poolId, 'fay', password);
      if (timestamp) srp.timestamp = timestamp;
      const signed = signSrpSession(srp, init);
      return cip.send(
        new RespondToAuthChallengeCommand(
          wrapAuthChallenge(signed, {
            ClientId: clientId,
            ChallengeName: 'PASSWORD_VERIFIER' as const,
            ChallengeResponses: { USERNAME: 'fay' },
          }),
        ),
      );
    };
    const incorrect = { name: 'NotAuthorizedException', message: 'Incorrect username or password.' };
    expect(await failure(attempt('Wrong-Pass1!'))).toMatchObject(incorrect);
    expect(await failure(attempt(PASSWORD, '2031-05-06T10:00:15Z'))).toMatchObject({
      name: 'InvalidParameterException',
      message: 'TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.',
    });
    expect(await failure(attempt(PASSWORD, 'Mi Mai 6 10:00:15 UTC 2031'))).toMatchObject({
      name: 'InvalidParameterException',
    });
    expect(await failure(attempt(PASSWORD, 'Tue May 06 10:00:15 UTC 2031'))).toMatchObject(incorrect);
    expect(await failure(attempt(PASSWORD, 'Wed May 6 10:00:15 UTC 2031'))).toMatchObject(incorrect);
    expectTokens((await attempt(PASSWORD, 'Tue May 6 10:00:15 UTC 2031')).AuthenticationResult);
  });

  it('answers an unknown user with a decoy challenge (PreventUserExistenceErrors) or UserNotFoundException (legacy)', async () => {
    const hidden = setup({ preventUserExistenceErrors: true });
    const { srp, init } = await srpStart(hidden.clientId, hidden.poolId, 'nobody', PASSWORD);
    expect(init.ChallengeName).toBe('PASSWORD_VERIFIER');
    const signed = signSrpSession(srp, init);
    expect(
      await failure(
        cip.send(
          new RespondToAuthChallengeCommand(
            wrapAuthChallenge(signed, {
              ClientId: hidden.clientId,
              ChallengeName: 'PASSWORD_VERIFIER' as const,
              ChallengeResponses: { USERNAME: 'nobody' },
            }),
          ),
        ),
      ),
    ).toMatchObject({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    const legacy = setup({ preventUserExistenceErrors: false });
    expect(await failure(srpStart(legacy.clientId, legacy.poolId, 'nobody', PASSWORD))).toMatchObject({
      name: 'UserNotFoundException',
    });
  });
});

describe('SECRET_HASH', () => {
  it('is required on InitiateAuth and must be of the name typed there', async () => {
    const { poolId, clientId, secret } = setup({}, { secret: true });
    s.addUser(poolId, { username: 'gus', password: PASSWORD });
    expect(await failure(passwordAuth(clientId, 'gus'))).toMatchObject({
      name: 'NotAuthorizedException',
      message: `Client ${clientId} is configured with secret but SECRET_HASH was not received`,
    });
    expect(
      await failure(
        passwordAuth(clientId, 'gus', PASSWORD, { SECRET_HASH: createSecretHash('gus', clientId, 'other') }),
      ),
    ).toMatchObject({
      name: 'NotAuthorizedException',
      message: `Unable to verify secret hash for client ${clientId}`,
    });
    expectTokens(
      (
        await passwordAuth(clientId, 'gus', PASSWORD, {
          SECRET_HASH: createSecretHash('gus', clientId, secret ?? ''),
        })
      ).AuthenticationResult,
    );
  });

  it('must be of USER_ID_FOR_SRP (not the e-mail typed) on every challenge answer', async () => {
    const {
      poolId,
      clientId,
      secret = '',
    } = setup({ usernameAttributes: ['email'], mfa: 'OPTIONAL' }, { secret: true });
    s.addUser(poolId, { username: 'hal@example.com', password: PASSWORD, totpSecret: TOTP_SECRET });
    const internal = s.user(poolId, 'hal@example.com').username;
    expect(internal).toBe(s.user(poolId, 'hal@example.com').sub);
    const hashOf = (name: string) => createSecretHash(name, clientId, secret);

    const srp = createSrpSession('hal@example.com', PASSWORD, poolId, false);
    const init = await cip.send(
      new InitiateAuthCommand(
        wrapInitiateAuth(srp, {
          ClientId: clientId,
          AuthFlow: 'USER_SRP_AUTH',
          AuthParameters: { USERNAME: 'hal@example.com', SECRET_HASH: hashOf('hal@example.com') },
        }),
      ),
    );
    expect(init.ChallengeParameters?.USER_ID_FOR_SRP).toBe(internal);
    const signed = signSrpSession(srp, init);
    const verifierAnswer = (hash: string) =>
      cip.send(
        new RespondToAuthChallengeCommand(
          wrapAuthChallenge(signed, {
            ClientId: clientId,
            ChallengeName: 'PASSWORD_VERIFIER' as const,
            ChallengeResponses: { USERNAME: internal, SECRET_HASH: hash },
          }),
        ),
      );
    expect(await failure(verifierAnswer(hashOf('hal@example.com')))).toMatchObject({
      name: 'NotAuthorizedException',
      message: `Unable to verify secret hash for client ${clientId}`,
    });
    const mfa = await verifierAnswer(hashOf(internal));
    expect(mfa.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    expect(mfa.ChallengeParameters?.USER_ID_FOR_SRP).toBe(internal);

    const answer = (extra: Record<string, string>) =>
      respond(clientId, 'SOFTWARE_TOKEN_MFA', mfa.Session, {
        USERNAME: internal,
        SOFTWARE_TOKEN_MFA_CODE: code(TOTP_SECRET),
        ...extra,
      });
    expect(await failure(answer({}))).toMatchObject({
      message: `Client ${clientId} is configured with secret but SECRET_HASH was not received`,
    });
    expect(await failure(answer({ SECRET_HASH: hashOf('hal@example.com') }))).toMatchObject({
      message: `Unable to verify secret hash for client ${clientId}`,
    });
    // Naming the user by the alias doesn't move the hash off USER_ID_FOR_SRP.
    expect(
      await failure(answer({ USERNAME: 'hal@example.com', SECRET_HASH: hashOf('hal@example.com') })),
    ).toMatchObject({
      message: `Unable to verify secret hash for client ${clientId}`,
    });
    expectTokens((await answer({ SECRET_HASH: hashOf(internal) })).AuthenticationResult);
  });
});

describe('challenge sessions', () => {
  async function totpChallenge(sessionMinutes?: number) {
    const { poolId, clientId } = setup({ mfa: 'OPTIONAL' }, sessionMinutes ? { sessionMinutes } : {});
    s.addUser(poolId, { username: 'ivy', password: PASSWORD, totpSecret: TOTP_SECRET });
    const out = await passwordAuth(clientId, 'ivy');
    expect(out.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    return { poolId, clientId, session: out.Session ?? '' };
  }

  it('are opaque 20–2048-character strings that can be used once; a wrong code keeps them usable', async () => {
    const { clientId, session } = await totpChallenge();
    expect(session.length).toBeGreaterThanOrEqual(20);
    expect(session.length).toBeLessThanOrEqual(2048);
    expect(
      await failure(
        respond(clientId, 'SOFTWARE_TOKEN_MFA', session, {
          USERNAME: 'ivy',
          SOFTWARE_TOKEN_MFA_CODE: '000000',
        }),
      ),
    ).toMatchObject({
      name: 'CodeMismatchException',
      message: 'Invalid code or auth state for the user.',
    });
    const ok = await respond(clientId, 'SOFTWARE_TOKEN_MFA', session, {
      USERNAME: 'ivy',
      SOFTWARE_TOKEN_MFA_CODE: code(TOTP_SECRET),
    });
    expectTokens(ok.AuthenticationResult);
    expect(ok.AuthenticationResult?.NewDeviceMetadata).toMatchObject({
      DeviceKey: expect.stringMatching(/^eu-west-1_/),
      DeviceGroupKey: expect.any(String),
    });
    advance(30_000);
    expect(
      await failure(
        respond(clientId, 'SOFTWARE_TOKEN_MFA', session, {
          USERNAME: 'ivy',
          SOFTWARE_TOKEN_MFA_CODE: code(TOTP_SECRET),
        }),
      ),
    ).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid session for the user, session can only be used once.',
    });
  });

  it("expire after the client's AuthSessionValidity", async () => {
    const short = await totpChallenge();
    advance(3 * 60_000);
    expect(
      await failure(
        respond(short.clientId, 'SOFTWARE_TOKEN_MFA', short.session, {
          USERNAME: 'ivy',
          SOFTWARE_TOKEN_MFA_CODE: code(TOTP_SECRET),
        }),
      ),
    ).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid session for the user, session is expired.',
    });
    clock = START;
    const long = await totpChallenge(10);
    advance(9 * 60_000);
    expectTokens(
      (
        await respond(long.clientId, 'SOFTWARE_TOKEN_MFA', long.session, {
          USERNAME: 'ivy',
          SOFTWARE_TOKEN_MFA_CODE: code(TOTP_SECRET),
        })
      ).AuthenticationResult,
    );
  });

  it('are bound to their step and app client, and are required on challenge answers', async () => {
    const { poolId, clientId, session } = await totpChallenge();
    const invalid = { name: 'NotAuthorizedException', message: 'Invalid session for the user.' };
    expect(await failure(cip.send(new AssociateSoftwareTokenCommand({ Session: session })))).toMatchObject(
      invalid,
    );
    expect(
      await failure(respond(clientId, 'SMS_MFA', session, { USERNAME: 'ivy', SMS_MFA_CODE: '123456' })),
    ).toMatchObject(invalid);
    const other = s.addClient(poolId);
    expect(
      await failure(
        respond(other.id, 'SOFTWARE_TOKEN_MFA', session, {
          USERNAME: 'ivy',
          SOFTWARE_TOKEN_MFA_CODE: code(TOTP_SECRET),
        }),
      ),
    ).toMatchObject(invalid);
    expect(
      await failure(
        respond(clientId, 'SOFTWARE_TOKEN_MFA', undefined, {
          USERNAME: 'ivy',
          SOFTWARE_TOKEN_MFA_CODE: code(TOTP_SECRET),
        }),
      ),
    ).toMatchObject({
      name: 'InvalidParameterException',
      message: 'Missing required parameter Session',
    });
    expect(
      await failure(
        respond(clientId, 'SOFTWARE_TOKEN_MFA', 'AYABe-made-up-session-string', {
          USERNAME: 'ivy',
          SOFTWARE_TOKEN_MFA_CODE: code(TOTP_SECRET),
        }),
      ),
    ).toMatchObject(invalid);
    // Still unused after all of that.
    expectTokens(
      (
        await respond(clientId, 'SOFTWARE_TOKEN_MFA', session, {
          USERNAME: 'ivy',
          SOFTWARE_TOKEN_MFA_CODE: code(TOTP_SECRET),
        })
      ).AuthenticationResult,
    );
  });
});

describe('MFA_SETUP after NEW_PASSWORD_REQUIRED (pool MFA ON)', () => {
  it('chains Session → Associate → Verify → MFA_SETUP, then refuses the enrolment code at sign-in', async () => {
    const {
      poolId,
      clientId,
      secret = '',
    } = setup({ mfa: 'ON', requiredAttributes: ['name'] }, { secret: true });
    s.addUser(poolId, {
      username: 'jo',
      password: 'Temp-Passw0rd!',
      status: 'FORCE_CHANGE_PASSWORD',
      email: 'jo@example.com',
    });
    const hash = createSecretHash('jo', clientId, secret);

    const first = await passwordAuth(clientId, 'jo', 'Temp-Passw0rd!', { SECRET_HASH: hash });
    expect(first.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    expect(JSON.parse(first.ChallengeParameters?.requiredAttributes ?? '')).toEqual(['userAttributes.name']);
    expect(JSON.parse(first.ChallengeParameters?.userAttributes ?? '')).toMatchObject({
      email: 'jo@example.com',
    });
    const s0 = first.Session;
    expect(
      await failure(
        respond(clientId, 'NEW_PASSWORD_REQUIRED', s0, {
          USERNAME: 'jo',
          SECRET_HASH: hash,
          NEW_PASSWORD: PASSWORD,
        }),
      ),
    ).toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid attributes given, name is missing',
    });
    expect(
      await failure(
        respond(clientId, 'NEW_PASSWORD_REQUIRED', s0, {
          USERNAME: 'jo',
          SECRET_HASH: hash,
          NEW_PASSWORD: 'short',
          'userAttributes.name': 'Jo',
        }),
      ),
    ).toMatchObject({
      name: 'InvalidPasswordException',
    });
    const setupChallenge = await respond(clientId, 'NEW_PASSWORD_REQUIRED', s0, {
      USERNAME: 'jo',
      SECRET_HASH: hash,
      NEW_PASSWORD: PASSWORD,
      'userAttributes.name': 'Jo',
    });
    expect(setupChallenge.ChallengeName).toBe('MFA_SETUP');
    expect(JSON.parse(setupChallenge.ChallengeParameters?.MFAS_CAN_SETUP ?? '')).toEqual([
      'SOFTWARE_TOKEN_MFA',
    ]);
    const s1 = setupChallenge.Session;
    // Answering MFA_SETUP before verifying a token is a wrong-step session.
    expect(
      await failure(respond(clientId, 'MFA_SETUP', s1, { USERNAME: 'jo', SECRET_HASH: hash })),
    ).toMatchObject({
      message: 'Invalid session for the user.',
    });

    const assoc = await cip.send(new AssociateSoftwareTokenCommand({ Session: s1 }));
    expect(assoc.SecretCode).toMatch(/^[A-Z2-7]{32}$/);
    expect(s.user(poolId, 'jo').pendingTotp).toMatchObject({ secret: assoc.SecretCode, verified: false });
    const s2 = assoc.Session;
    expect(s2).not.toBe(s1);
    const secretCode = assoc.SecretCode ?? '';
    expect(await failure(cip.send(new AssociateSoftwareTokenCommand({ Session: s1 })))).toMatchObject({
      message: 'Invalid session for the user, session can only be used once.',
    });

    expect(
      await failure(cip.send(new VerifySoftwareTokenCommand({ Session: s2, UserCode: '000000' }))),
    ).toMatchObject({
      name: 'EnableSoftwareTokenMFAException',
      message: 'Code mismatch and fail enable Software Token MFA',
    });
    const enrolCode = code(secretCode);
    const verified = await cip.send(
      new VerifySoftwareTokenCommand({ Session: s2, UserCode: enrolCode, FriendlyDeviceName: 'Keyfob' }),
    );
    expect(verified.Status).toBe('SUCCESS');
    const s3 = verified.Session;
    expect(s3).toBeTruthy();

    const done = await respond(clientId, 'MFA_SETUP', s3, { USERNAME: 'jo', SECRET_HASH: hash });
    expectTokens(done.AuthenticationResult);
    expect(done.AuthenticationResult?.NewDeviceMetadata?.DeviceKey).toBeTruthy();
    const jo = s.user(poolId, 'jo');
    expect(jo).toMatchObject({
      status: 'CONFIRMED',
      password: PASSWORD,
      totp: { secret: secretCode, verified: true, deviceName: 'Keyfob' },
      mfaSettings: ['SOFTWARE_TOKEN_MFA'],
      attributes: { name: 'Jo' },
    });
    expect(jo.usedTotpSteps).toEqual([Math.floor(clock / 30_000)]);

    const again = await passwordAuth(clientId, 'jo', PASSWORD, { SECRET_HASH: hash });
    expect(again.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    expect(again.ChallengeParameters).toMatchObject({
      FRIENDLY_DEVICE_NAME: 'Keyfob',
      USER_ID_FOR_SRP: 'jo',
    });
    const reused = await failure(
      respond(clientId, 'SOFTWARE_TOKEN_MFA', again.Session, {
        USERNAME: 'jo',
        SECRET_HASH: hash,
        SOFTWARE_TOKEN_MFA_CODE: enrolCode,
      }),
    );
    expect(reused).toMatchObject({
      name: 'ExpiredCodeException',
      message: 'Your software token has already been used once.',
    });
    expect(reused.error).toBeInstanceOf(ExpiredCodeException);
    advance(30_000);
    expectTokens(
      (
        await respond(clientId, 'SOFTWARE_TOKEN_MFA', again.Session, {
          USERNAME: 'jo',
          SECRET_HASH: hash,
          SOFTWARE_TOKEN_MFA_CODE: code(secretCode),
        })
      ).AuthenticationResult,
    );
  });

  it('challenges an ON-pool user without a factor with MFA_SETUP at every sign-in', async () => {
    const { poolId, clientId } = setup({ mfa: 'ON', sms: true });
    s.addUser(poolId, { username: 'kim', password: PASSWORD });
    const out = await passwordAuth(clientId, 'kim');
    expect(out.ChallengeName).toBe('MFA_SETUP');
    expect(JSON.parse(out.ChallengeParameters?.MFAS_CAN_SETUP ?? '')).toEqual([
      'SMS_MFA',
      'SOFTWARE_TOKEN_MFA',
    ]);
    expect((await passwordAuth(clientId, 'kim')).ChallengeName).toBe('MFA_SETUP');
  });
});

describe('TOTP acceptance', () => {
  it('accepts codes one step either side of the clock, not two, and each step only once', async () => {
    const { poolId, clientId } = setup({ mfa: 'OPTIONAL' });
    s.addUser(poolId, { username: 'lee', password: PASSWORD, totpSecret: TOTP_SECRET });
    const challenge = async () => (await passwordAuth(clientId, 'lee')).Session;
    const answer = (session: string | undefined, at: number) =>
      respond(clientId, 'SOFTWARE_TOKEN_MFA', session, {
        USERNAME: 'lee',
        SOFTWARE_TOKEN_MFA_CODE: code(TOTP_SECRET, at),
      });
    const session = await challenge();
    for (const offset of [-60_000, 60_000]) {
      expect(await failure(answer(session, clock + offset))).toMatchObject({ name: 'CodeMismatchException' });
    }
    expectTokens((await answer(session, clock - 30_000)).AuthenticationResult);
    expectTokens((await answer(await challenge(), clock + 30_000)).AuthenticationResult);
    expectTokens((await answer(await challenge(), clock)).AuthenticationResult);
    expect(await failure(answer(await challenge(), clock - 30_000))).toMatchObject({
      name: 'ExpiredCodeException',
      message: 'Your software token has already been used once.',
    });
    const step = Math.floor(clock / 30_000);
    expect(s.user(poolId, 'lee').usedTotpSteps).toEqual([step - 1, step, step + 1]);
  });
});

describe('software token via AccessToken', () => {
  async function signedIn(pool: PoolOptions, username: string) {
    const { poolId, clientId } = setup(pool);
    s.addUser(poolId, { username, password: PASSWORD, phone: '+15555550123' });
    const out = await passwordAuth(clientId, username);
    return { poolId, clientId, access: out.AuthenticationResult?.AccessToken ?? '' };
  }

  it('needs the pool TOTP flag, which SetUserPoolMfaConfig (signed) switches; omitted settings mean off', async () => {
    const { poolId, access } = await signedIn({ mfa: 'OPTIONAL', totp: false, sms: true }, 'max');
    expect(await failure(cip.send(new AssociateSoftwareTokenCommand({ AccessToken: access })))).toMatchObject(
      {
        name: 'SoftwareTokenMFANotFoundException',
        message: 'Software Token MFA has not been enabled by the userPool',
      },
    );
    const set = await cip.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: poolId,
        MfaConfiguration: 'OPTIONAL',
        SoftwareTokenMfaConfiguration: { Enabled: true },
      }),
    );
    expect(set).toMatchObject({
      MfaConfiguration: 'OPTIONAL',
      SoftwareTokenMfaConfiguration: { Enabled: true },
    });
    expect(set.SmsMfaConfiguration).toBeUndefined();
    expect(s.pool(poolId)).toMatchObject({ mfa: 'OPTIONAL', totp: true, sms: false });
    expect((await cip.send(new AssociateSoftwareTokenCommand({ AccessToken: access }))).SecretCode).toMatch(
      /^[A-Z2-7]{32}$/,
    );
    await cip.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: poolId,
        SoftwareTokenMfaConfiguration: { Enabled: true },
      }),
    );
    expect(await cip.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId }))).toMatchObject({
      MfaConfiguration: 'OFF',
      SoftwareTokenMfaConfiguration: { Enabled: true },
    });
  });

  it('enables TOTP only once verified, and asks for it at sign-in only when enabled (OPTIONAL pool)', async () => {
    const { poolId, clientId, access } = await signedIn({ mfa: 'OPTIONAL' }, 'ned');
    const enable = () =>
      cip.send(
        new SetUserMFAPreferenceCommand({
          AccessToken: access,
          SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
        }),
      );
    expect(await failure(enable())).toMatchObject({
      name: 'InvalidParameterException',
      message: 'User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA',
    });
    const { SecretCode = '' } = await cip.send(new AssociateSoftwareTokenCommand({ AccessToken: access }));
    expect(await failure(enable())).toMatchObject({ name: 'InvalidParameterException' });
    expect(
      await failure(cip.send(new VerifySoftwareTokenCommand({ AccessToken: access, UserCode: '12345' }))),
    ).toMatchObject({
      name: 'InvalidParameterException',
    });
    const verified = await cip.send(
      new VerifySoftwareTokenCommand({ AccessToken: access, UserCode: code(SecretCode) }),
    );
    expect(verified).toMatchObject({ Status: 'SUCCESS' });
    expect(verified.Session).toBeUndefined();
    expect((await passwordAuth(clientId, 'ned')).ChallengeName).toBeUndefined();
    await enable();
    expect(s.user(poolId, 'ned')).toMatchObject({
      mfaSettings: ['SOFTWARE_TOKEN_MFA'],
      preferredMfa: 'SOFTWARE_TOKEN_MFA',
    });
    expect((await cip.send(new GetUserCommand({ AccessToken: access }))).UserMFASettingList).toEqual([
      'SOFTWARE_TOKEN_MFA',
    ]);
    expect((await passwordAuth(clientId, 'ned')).ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    await cip.send(
      new SetUserMFAPreferenceCommand({ AccessToken: access, SoftwareTokenMfaSettings: { Enabled: false } }),
    );
    expect(s.user(poolId, 'ned')).toMatchObject({ mfaSettings: [] });
    expect(s.user(poolId, 'ned').preferredMfa).toBeUndefined();
    expect((await passwordAuth(clientId, 'ned')).ChallengeName).toBeUndefined();
  });

  it('keeps the verified token until a new association is verified; an unverified one is replaced', async () => {
    const { poolId, clientId, access } = await signedIn({ mfa: 'OPTIONAL' }, 'ola');
    const associate = async () =>
      (await cip.send(new AssociateSoftwareTokenCommand({ AccessToken: access }))).SecretCode ?? '';
    const discarded = await associate();
    const first = await associate();
    expect(first).not.toBe(discarded);
    expect(
      await failure(
        cip.send(new VerifySoftwareTokenCommand({ AccessToken: access, UserCode: code(discarded) })),
      ),
    ).toMatchObject({
      name: 'EnableSoftwareTokenMFAException',
    });
    await cip.send(new VerifySoftwareTokenCommand({ AccessToken: access, UserCode: code(first) }));
    await cip.send(
      new SetUserMFAPreferenceCommand({ AccessToken: access, SoftwareTokenMfaSettings: { Enabled: true } }),
    );
    const second = await associate();
    expect(s.user(poolId, 'ola')).toMatchObject({
      totp: { secret: first, verified: true },
      pendingTotp: { secret: second },
    });
    advance(30_000);
    const signIn = async (secret: string) =>
      respond(clientId, 'SOFTWARE_TOKEN_MFA', (await passwordAuth(clientId, 'ola')).Session, {
        USERNAME: 'ola',
        SOFTWARE_TOKEN_MFA_CODE: code(secret),
      });
    expectTokens((await signIn(first)).AuthenticationResult);
    advance(30_000);
    await cip.send(new VerifySoftwareTokenCommand({ AccessToken: access, UserCode: code(second) }));
    advance(30_000);
    expect(await failure(signIn(first))).toMatchObject({ name: 'CodeMismatchException' });
    expectTokens((await signIn(second)).AuthenticationResult);
  });

  it('takes an AccessToken or a Session, never both, and refuses a Session passed as an AccessToken', async () => {
    const { access } = await signedIn({ mfa: 'OPTIONAL' }, 'pat');
    expect(
      await failure(
        cip.send(
          new AssociateSoftwareTokenCommand({ AccessToken: access, Session: 'AYABe-some-session-string' }),
        ),
      ),
    ).toMatchObject({
      name: 'InvalidParameterException',
    });
    expect(
      await failure(
        cip.send(
          new AssociateSoftwareTokenCommand({ AccessToken: 'AYABeXJ0c2Vzc2lvbi1zdHJpbmctbG9va2FsaWtl' }),
        ),
      ),
    ).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid Access Token',
    });
  });
});

describe('choosing and delivering MFA', () => {
  it('asks SELECT_MFA_TYPE without a preference, then delivers an SMS code to a masked number', async () => {
    const { poolId, clientId } = setup({ mfa: 'OPTIONAL', sms: true, email: true });
    s.addUser(poolId, {
      username: 'quinn',
      password: PASSWORD,
      totpSecret: TOTP_SECRET,
      phone: '+15555550123',
      smsMfa: true,
    });
    const select = await passwordAuth(clientId, 'quinn');
    expect(select.ChallengeName).toBe('SELECT_MFA_TYPE');
    expect(JSON.parse(select.ChallengeParameters?.MFAS_CAN_CHOOSE ?? '')).toEqual([
      'SMS_MFA',
      'SOFTWARE_TOKEN_MFA',
    ]);
    const sms = await respond(clientId, 'SELECT_MFA_TYPE', select.Session, {
      USERNAME: 'quinn',
      ANSWER: 'SMS_MFA',
    });
    expect(sms.ChallengeName).toBe('SMS_MFA');
    expect(sms.ChallengeParameters).toEqual({
      CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS',
      CODE_DELIVERY_DESTINATION: '+*******0123',
    });
    const delivered = s.lastDeliveredCode(poolId, 'quinn') ?? '';
    expect(delivered).toMatch(/^\d{6}$/);
    const wrong = delivered === '000000' ? '111111' : '000000';
    expect(
      await failure(respond(clientId, 'SMS_MFA', sms.Session, { USERNAME: 'quinn', SMS_MFA_CODE: wrong })),
    ).toMatchObject({
      name: 'CodeMismatchException',
    });
    expectTokens(
      (await respond(clientId, 'SMS_MFA', sms.Session, { USERNAME: 'quinn', SMS_MFA_CODE: delivered }))
        .AuthenticationResult,
    );
  });

  it('goes straight to the preferred factor, and to EMAIL_OTP for an e-mail-only user', async () => {
    const { poolId, clientId } = setup({ mfa: 'OPTIONAL', sms: true, email: true });
    s.addUser(poolId, {
      username: 'rae',
      password: PASSWORD,
      totpSecret: TOTP_SECRET,
      phone: '+15555550123',
      smsMfa: true,
      preferred: 'SOFTWARE_TOKEN_MFA',
    });
    expect((await passwordAuth(clientId, 'rae')).ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    s.addUser(poolId, { username: 'sam', password: PASSWORD, email: 'sam@example.com', emailMfa: true });
    const email = await passwordAuth(clientId, 'sam');
    expect(email.ChallengeName).toBe('EMAIL_OTP');
    expect(email.ChallengeParameters).toMatchObject({
      CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL',
      CODE_DELIVERY_DESTINATION: 's***@e***',
    });
    expectTokens(
      (
        await respond(clientId, 'EMAIL_OTP', email.Session, {
          USERNAME: 'sam',
          EMAIL_OTP_CODE: s.lastDeliveredCode(poolId, 'sam') ?? '',
        })
      ).AuthenticationResult,
    );
  });
});

describe('admin operations', () => {
  it('require a SigV4 signature by the stand-in credentials', async () => {
    const { poolId } = setup();
    const raw = await fetch(s.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityProviderService.GetUserPoolMfaConfig',
      },
      body: JSON.stringify({ UserPoolId: poolId }),
    });
    expect(raw.status).toBe(400);
    expect(((await raw.json()) as { __type: string }).__type).toBe('MissingAuthenticationTokenException');
    const as = (credentials: { accessKeyId: string; secretAccessKey: string }, region = s.region) =>
      new CognitoIdentityProviderClient({ region, endpoint: s.endpoint, credentials, maxAttempts: 1 }).send(
        new GetUserPoolMfaConfigCommand({ UserPoolId: poolId }),
      );
    expect(await failure(as({ accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: 'x' }))).toMatchObject({
      name: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
    });
    expect(await failure(as({ ...s.adminCredentials, secretAccessKey: 'wrong' }))).toMatchObject({
      name: 'InvalidSignatureException',
    });
    expect(await failure(as(s.adminCredentials, 'us-east-1'))).toMatchObject({
      name: 'InvalidSignatureException',
    });
    expect(await as(s.adminCredentials)).toMatchObject({ MfaConfiguration: 'OFF' });
  });

  it('signs in with ADMIN_USER_PASSWORD_AUTH and answers only through AdminRespondToAuthChallenge', async () => {
    const { poolId, clientId } = setup({ mfa: 'OPTIONAL' });
    s.addUser(poolId, { username: 'tia', password: PASSWORD, totpSecret: TOTP_SECRET });
    const out = await cip.send(
      new AdminInitiateAuthCommand({
        UserPoolId: poolId,
        ClientId: clientId,
        AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'tia', PASSWORD },
      }),
    );
    expect(out.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    const answer = { USERNAME: 'tia', SOFTWARE_TOKEN_MFA_CODE: code(TOTP_SECRET) };
    expect(await failure(respond(clientId, 'SOFTWARE_TOKEN_MFA', out.Session, answer))).toMatchObject({
      message: 'Invalid session for the user.',
    });
    const done = await cip.send(
      new AdminRespondToAuthChallengeCommand({
        UserPoolId: poolId,
        ClientId: clientId,
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        Session: out.Session,
        ChallengeResponses: answer,
      }),
    );
    expectTokens(done.AuthenticationResult);
    await cip.send(
      new AdminSetUserMFAPreferenceCommand({
        UserPoolId: poolId,
        Username: 'tia',
        SoftwareTokenMfaSettings: { Enabled: false },
      }),
    );
    expect(s.user(poolId, 'tia').mfaSettings).toEqual([]);
  });
});
