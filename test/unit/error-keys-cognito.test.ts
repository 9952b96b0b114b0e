import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CognitoEngine, type SignInRequest } from '../../main/cognito/engine';
import { CognitoFlows } from '../../main/cognito/flows';
import { explainCognitoError } from '../../main/cognito/errors';
import { ProfileStore, validateProfile } from '../../main/cognito/profiles';
import { MemoryKeychain } from '../../main/vault/memory-keychain';
import { Vault } from '../../main/vault/vault';
import type { ErrorInfo, FlowAnswer } from '../../preload/api';
import { errorText } from '../support/words';
import { caught, forWindow, serviceError } from '../support/error-checks';

type Step = Parameters<typeof explainCognitoError>[1];

const HAN = /[\u4e00-\u9fff]/;

// Every row of cognito-errors.test.ts's CATALOGUE (the reference's exception catalogue, §2.9).
const CATALOGUE: Array<[string, string, Step]> = [
  ['ResourceNotFoundException', 'User pool client abc does not exist.', 'sign-in'],
  ['InvalidParameterException', 'USER_SRP_AUTH is not enabled for the client.', 'sign-in'],
  ['NotAuthorizedException', 'User is disabled.', 'sign-in'],
  [
    'NotAuthorizedException',
    'Temporary password has expired and must be reset by an administrator.',
    'sign-in',
  ],
  ['NotAuthorizedException', 'Something Cognito says one day', 'associate'],
  ['NotAuthorizedException', 'Unable to verify secret hash for client 1abc', 'mfa-setup'],
  ['UserLambdaValidationException', 'PreAuthentication failed with error Not on the allow list.', 'sign-in'],
  ['UnexpectedLambdaException', 'boom', 'sign-in'],
  ['InvalidLambdaResponseException', 'bad', 'sign-in'],
  [
    'SoftwareTokenMFANotFoundException',
    'Software Token MFA has not been enabled by the userPool',
    'associate',
  ],
  ['SoftwareTokenMFANotFoundException', 'Software Token MFA does not exist for the user.', 'mfa-code'],
  ['EnableSoftwareTokenMFAException', 'Code mismatch and fail enable Software Token MFA', 'verify'],
  ['CodeMismatchException', 'Invalid code or auth state for the user.', 'mfa-code'],
  ['ExpiredCodeException', 'Your software token has already been used once.', 'mfa-code'],
  ['NotAuthorizedException', 'Invalid session for the user, session is expired.', 'verify'],
  ['NotAuthorizedException', 'Invalid session for the user, session can only be used once.', 'mfa-code'],
  ['NotAuthorizedException', 'Invalid session for the user.', 'mfa-code'],
  ['InvalidParameterException', 'Missing required parameter Session', 'mfa-code'],
  ['NotAuthorizedException', 'Incorrect username or password.', 'sign-in'],
  ['NotAuthorizedException', 'Password attempts exceeded', 'sign-in'],
  [
    'InvalidParameterException',
    'TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.',
    'sign-in',
  ],
  [
    'NotAuthorizedException',
    'Client 1abc is configured with secret but SECRET_HASH was not received',
    'sign-in',
  ],
  ['NotAuthorizedException', 'Unable to verify secret hash for client 1abc', 'sign-in'],
  [
    'InvalidParameterException',
    'User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA',
    'preference',
  ],
  ['NotAuthorizedException', 'Invalid Access Token', 'associate'],
  ['NotAuthorizedException', 'Access Token has expired', 'associate'],
  ['UserNotFoundException', 'User does not exist.', 'sign-in'],
  ['UserNotConfirmedException', 'User is not confirmed.', 'sign-in'],
  ['ResourceNotFoundException', 'Device does not exist.', 'sign-in'],
  ['LimitExceededException', 'Attempt limit exceeded, please try after some time.', 'verify'],
  ['TooManyRequestsException', 'Rate exceeded', 'sign-in'],
  ['ForbiddenException', 'Request not allowed due to WAF block.', 'sign-in'],
  ['InvalidParameterException', 'USER_PASSWORD_AUTH flow not enabled for this client', 'sign-in'],
  ['PasswordResetRequiredException', 'Password reset required for the user', 'sign-in'],
  [
    'InvalidPasswordException',
    'Password does not conform to policy: Password not long enough',
    'new-password',
  ],
  ['InternalErrorException', 'Internal server error', 'sign-in'],
  ['UnrecognizedClientException', 'The security token included in the request is invalid.', 'pool-config'],
];

describe('Cognito errors in the window’s language', () => {
  it.each(CATALOGUE)('%s "%s" at %s reaches the window translated', (name, message, step) => {
    const error = explainCognitoError(serviceError(name, message), step, { clientId: '1abc' });
    const info = forWindow(error);
    const de = errorText(info, 'de');
    const zh = errorText(info, 'zh');
    expect(de.message).not.toBe(error.message);
    expect(de.hint).toBeTruthy();
    expect(de.hint).not.toBe(info.hint);
    expect(zh.message).toMatch(HAN);
    expect(zh.hint).toMatch(HAN);
    // A `keyfob …` command is advice for the command line; the window names one only as something to type in a
    // terminal.
    const command = /\bkeyfob (pool|enroll|login|remove|add)\b/;
    if (command.test(info.hint ?? '')) expect(info.hint).toMatch(/in a terminal/);
  });

  it('names the app client without a secret, and translates the window’s advice', () => {
    const error = explainCognitoError(
      serviceError(
        'NotAuthorizedException',
        'Client 1abc is configured with secret but SECRET_HASH was not received',
      ),
      'sign-in',
      { clientId: '1abc' },
    );
    const info = forWindow(error);
    expect(info).toMatchObject({ key: 'cognitoClientSecretNeeded', params: { clientId: '1abc' } });
    expect(info.hint).toBe("Edit the pool profile and enter the app client's secret.");
    expect(errorText(info, 'de')).toEqual({
      message: 'Der App-Client 1abc hat ein Client-Secret, dieses Pool-Profil aber keines.',
      hint: 'Bearbeite das Pool-Profil und gib das Secret des App-Clients ein.',
    });
    expect(errorText(info, 'zh')).toEqual({
      message: '应用客户端 1abc 有客户端密钥，但此用户池配置中没有。',
      hint: '请编辑用户池配置，填入应用客户端的密钥。',
    });
    // The command line keeps its own hint.
    expect(error.toJSON().hint).toMatch(/--client-secret-stdin --replace/);
  });

  it('keeps the flow the app client refused in the advice', () => {
    const error = explainCognitoError(
      serviceError('InvalidParameterException', 'USER_PASSWORD_AUTH flow not enabled for this client'),
      'sign-in',
    );
    const info = forWindow(error);
    expect(info).toMatchObject({ key: 'cognitoFlowNotEnabled', variant: 'USER_PASSWORD_AUTH' });
    expect(info.params).toBeUndefined();
    expect(errorText(info, 'de').hint).toBe(
      'Aktiviere ALLOW_USER_PASSWORD_AUTH am App-Client oder verwende --auth-flow srp für dieses Pool-Profil.',
    );
    expect(errorText(info, 'zh').hint).toContain('ALLOW_USER_PASSWORD_AUTH');
  });

  it('names the endpoint and the network error', () => {
    const wrapped = Object.assign(new Error('fetch failed'), {
      cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
    });
    const info = forWindow(explainCognitoError(wrapped, 'sign-in', { endpoint: 'http://127.0.0.1:9' }));
    expect(info).toMatchObject({
      key: 'cognitoNetwork',
      params: { endpoint: 'http://127.0.0.1:9', network: 'ECONNREFUSED' },
    });
    expect(errorText(info, 'de').message).toBe(
      'Keyfob konnte Cognito unter http://127.0.0.1:9 nicht erreichen (ECONNREFUSED).',
    );
    expect(errorText(info, 'zh').message).toBe(
      'Keyfob 无法连接位于 http://127.0.0.1:9 的 Cognito（ECONNREFUSED）。',
    );
    const bare = forWindow(explainCognitoError(wrapped, 'sign-in'));
    expect(errorText(bare, 'de').message).toBe('Keyfob konnte Cognito nicht erreichen (ECONNREFUSED).');
    expect(errorText(bare, 'zh').message).toBe('Keyfob 无法连接 Cognito（ECONNREFUSED）。');
  });

  it('keeps the HTTP status of an exception it does not know', () => {
    const info = forWindow(
      explainCognitoError(serviceError('BrandNewException', 'Something new', 418), 'sign-in'),
    );
    expect(info).toMatchObject({ key: 'cognitoUnknownError', params: { status: 418 } });
    expect(errorText(info, 'de').message).toBe(
      'Cognito hat mit einem Fehler geantwortet, den Keyfob nicht kennt (HTTP 418).',
    );
    expect(errorText(info, 'zh').message).toBe('Cognito 返回了 Keyfob 无法识别的错误（HTTP 418）。');
  });

  it('translates the hint for a terminal where the window offers a command', () => {
    const info = forWindow(
      explainCognitoError(
        serviceError(
          'SoftwareTokenMFANotFoundException',
          'Software Token MFA has not been enabled by the userPool',
        ),
        'associate',
      ),
    );
    expect(errorText(info, 'de').hint).toContain(
      '`keyfob pool mfa-config <profile> --totp on` in einem Terminal',
    );
    expect(errorText(info, 'zh').hint).toContain('在终端中运行 `keyfob pool mfa-config <profile> --totp on`');
  });

  it('translates a pool profile mistake with the values in it', async () => {
    const error = await caught(() =>
      validateProfile(
        { name: 'staging', region: 'eu-west-1', userPoolId: 'us-east-1_AbC123', clientId: 'abc123' },
        false,
      ),
    );
    const info = forWindow(error);
    expect(info).toMatchObject({
      key: 'cognitoProfileRegionMismatch',
      params: { poolId: 'us-east-1_AbC123', poolRegion: 'us-east-1', region: 'eu-west-1' },
    });
    expect(errorText(info, 'de')).toEqual({
      message: 'Der Pool us-east-1_AbC123 liegt in us-east-1, nicht in eu-west-1.',
      hint: 'Verwende --region us-east-1, die Region am Anfang der Pool-ID.',
    });
    expect(errorText(info, 'zh')).toEqual({
      message: '用户池 us-east-1_AbC123 位于 us-east-1，而不是 eu-west-1。',
      hint: '请使用 --region us-east-1，即用户池 ID 开头的区域。',
    });
  });

  it('translates a missing pool profile with the window’s advice', async () => {
    const store = new ProfileStore(mkdtempSync(join(tmpdir(), 'keyfob-pools-')), new MemoryKeychain());
    const info = forWindow(await caught(() => store.get('nope')));
    expect(info).toMatchObject({ key: 'cognitoProfileNotFound', params: { name: 'nope' } });
    expect(errorText(info, 'de')).toEqual({
      message: 'Es gibt kein Pool-Profil namens „nope“.',
      hint: 'Wähle einen Pool aus der Liste oder füge ihn unter Benutzerpools hinzu.',
    });
    expect(errorText(info, 'zh')).toEqual({
      message: '没有名为“nope”的用户池配置。',
      hint: '请从列表中选择用户池，或在“用户池”下添加。',
    });
  });

  it('translates an enrollment that kept its key through the cause’s own key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keyfob-enroll-'));
    const keychain = new MemoryKeychain();
    const profiles = new ProfileStore(dir, keychain);
    await profiles.save({
      name: 'staging',
      region: 'us-east-1',
      userPoolId: 'us-east-1_AbC123',
      clientId: 'abc123',
      authFlow: 'password',
    });
    // A pool that signs the user in, hands out a key, and then refuses its code.
    const client = {
      send: (command: object) => {
        switch (command.constructor.name) {
          case 'InitiateAuthCommand':
            return Promise.resolve({ AuthenticationResult: { AccessToken: 'a.e30.c', IdToken: 'a.e30.c' } });
          case 'AssociateSoftwareTokenCommand':
            return Promise.resolve({ SecretCode: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' });
          default:
            return Promise.reject(
              serviceError('CodeMismatchException', 'Invalid code or auth state for the user.'),
            );
        }
      },
    };
    const engine = new CognitoEngine({
      vault: new Vault({ dir, keychain }),
      profiles,
      clientFactory: () => client as unknown as CognitoIdentityProviderClient,
      hostName: () => 'test',
    });
    const error = await caught(() => engine.enroll({ profile: 'staging', username: 'ana', password: 'pw' }));
    const info = forWindow(error);
    // The error keeps its cause's code and the service's words, and carries the cause's key to the window.
    expect(info).toMatchObject({
      code: 'COGNITO_CODE',
      key: 'cognitoPendingKept',
      params: { pendingId: expect.stringMatching(/^[0-9a-f]{8}$/) },
      service: { name: 'CodeMismatchException' },
      cause: { key: 'cognitoCodeRejectedNotSetUp' },
    });
    expect(info.hint).toMatch(/"Resume enrollment" in the list retries/);
    expect(error.message).toBe('Cognito did not accept the code, so the authenticator was not set up.');
    expect(error.hint).toMatch(
      /^Check that this computer .* then try again with the next code\. The key is kept as a pending account \(([0-9a-f]{8})\): enroll again to retry, or remove it with keyfob remove \1 --yes\.$/,
    );
    expect(error.toJSON()).not.toHaveProperty('cause');
    expect(errorText(info, 'de').message).toBe(
      'Cognito hat den Code nicht akzeptiert, daher wurde der Authenticator nicht eingerichtet.',
    );
    expect(errorText(info, 'de').hint).toMatch(/^Prüfe, ob dieser Computer .* „Verwerfen“ entfernt ihn\.$/);
    expect(errorText(info, 'zh').message).toBe('Cognito 未接受该验证码，因此身份验证器未设置成功。');
    expect(errorText(info, 'zh').hint).toMatch(/^请检查这台电脑.*“丢弃”可将其删除。$/);
  });
});

describe('errors of a flow the window runs', () => {
  const request = { profile: 'staging', username: 'ana', password: 'pw' };

  /** Runs one login through CognitoFlows with `login` as the engine's, and returns the error it reports. */
  async function flowError(login: (req: SignInRequest) => Promise<never>, answer?: FlowAnswer) {
    let flows: CognitoFlows | undefined = undefined;
    const done = new Promise<ErrorInfo>((resolve) => {
      flows = new CognitoFlows(
        () => ({ login }) as unknown as CognitoEngine,
        (event) => {
          if (event.type === 'prompt' && answer) flows!.answer(event.flowId, answer);
          if (event.type === 'error') resolve(event.error);
        },
      );
    });
    flows!.start('login', request);
    return done;
  }

  it('says a cancelled sign-in in each language', async () => {
    const info = await flowError(
      async (req) => {
        await req.prompts?.code?.({ kind: 'smsMfa', username: 'ana' } as never);
        throw new Error('the prompt should have thrown');
      },
      { kind: 'cancel' },
    );
    expect(info).toMatchObject({ code: 'INPUT_NEEDED', key: 'cognitoCancelled', message: 'Cancelled.' });
    expect(errorText(info, 'de').message).not.toBe('Cancelled.');
    expect(errorText(info, 'zh').hint).toMatch(HAN);
  });

  it('shows nothing of an error that is not Keyfob’s own, in the catalogue’s words', async () => {
    const info = await flowError(() => Promise.reject(new Error('secret-looking internals')));
    expect(info).toEqual({
      code: 'INTERNAL',
      message: 'Something went wrong inside Keyfob.',
      hint: 'Try again.',
      key: 'cognitoFlowFailed',
    });
    expect(errorText(info, 'zh').message).toMatch(HAN);
  });

  it('refuses an answer the flow is not waiting for', async () => {
    const flows = new CognitoFlows(
      () => ({}) as CognitoEngine,
      () => undefined,
    );
    const info = forWindow(
      await caught(() => flows.answer('no-such-flow', { kind: 'code', code: '123456' })),
    );
    expect(info).toMatchObject({ code: 'PARAMS_INVALID', key: 'cognitoNotWaiting' });
    expect(errorText(info, 'de').message).not.toBe(info.message);
  });
});
