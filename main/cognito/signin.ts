import {
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  type AuthenticationResultType,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { KeyfobError } from '../errors';
import { explainCognitoError, type CognitoStep } from './errors';
import type { PoolProfile } from './profiles';
import { secretHash, srpClient, type SrpClient } from './srp';

export interface Tokens {
  idToken: string;
  accessToken: string;
  refreshToken?: string;
  expiresIn: number;
  tokenType: string;
}

export type MfaType = 'SOFTWARE_TOKEN_MFA' | 'SMS_MFA' | 'EMAIL_OTP';

/**
 * Where a sign-in stands. Every state but `start` and `signedIn` is a challenge Cognito is waiting for an
 * answer to; `username` is always the pool's real user name (USER_ID_FOR_SRP), which answers must use.
 */
export type SignInState =
  | { kind: 'start' }
  | {
      kind: 'newPasswordRequired';
      username: string;
      requiredAttributes: string[];
      userAttributes: Record<string, string>;
    }
  | { kind: 'mfaSetup'; username: string; options: string[] }
  | { kind: 'selectMfaType'; username: string; options: string[] }
  | { kind: 'softwareTokenMfa'; username: string; deviceName?: string }
  | { kind: 'smsMfa'; username: string; destination?: string }
  | { kind: 'emailOtp'; username: string; destination?: string }
  | {
      kind: 'signedIn';
      username: string;
      tokens: Tokens;
      newDevice?: { deviceKey: string; deviceGroupKey: string };
    };

/** What can be said to a sign-in; which events fit depends on the state (see `send`). */
export type SignInEvent =
  | { type: 'start'; username: string; password: string }
  | { type: 'newPassword'; password: string; attributes?: Record<string, string> }
  | { type: 'selectMfa'; answer: MfaType }
  | { type: 'code'; code: string }
  /** MFA_SETUP is answered with the Session that VerifySoftwareToken returned (see CognitoEngine.enroll). */
  | { type: 'mfaSetupVerified'; session: string };

interface ChallengeOutput {
  ChallengeName?: string | undefined;
  ChallengeParameters?: Record<string, string> | undefined;
  Session?: string | undefined;
  AuthenticationResult?: AuthenticationResultType | undefined;
}

const EXPECTS: Record<SignInEvent['type'], ReadonlyArray<SignInState['kind']>> = {
  start: ['start'],
  newPassword: ['newPasswordRequired'],
  selectMfa: ['selectMfaType'],
  code: ['softwareTokenMfa', 'smsMfa', 'emailOtp'],
  mfaSetupVerified: ['mfaSetup'],
};

function parseJson<T>(text: string | undefined, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/**
 * One sign-in to one pool, as an explicit state machine: `send(event)` makes the Cognito call the event
 * stands for and moves to the state the answer puts it in. It knows nothing of the vault or the user
 * interface; the CLI and the renderer drive it the same way (through CognitoEngine).
 */
export class SignIn {
  private current: SignInState = { kind: 'start' };
  private busy = false;
  private sessionToken: string | undefined;
  private srp: SrpClient | undefined;

  constructor(
    private readonly client: CognitoIdentityProviderClient,
    private readonly profile: PoolProfile,
    private readonly clientSecret: string | undefined,
  ) {}

  get state(): SignInState {
    return this.current;
  }

  /** The Session of the pending challenge: AssociateSoftwareToken takes it on the MFA_SETUP path. */
  get session(): string | undefined {
    return this.sessionToken;
  }

  async send(event: SignInEvent): Promise<SignInState> {
    if (!EXPECTS[event.type].includes(this.current.kind)) {
      throw new Error(`A sign-in in state ${this.current.kind} cannot take a ${event.type} event.`);
    }
    // A second answer while one is on its way (a double click) would spend the same Session twice.
    if (this.busy) throw new Error(`A sign-in is already answering ${this.current.kind}.`);
    this.busy = true;
    try {
      return await this.handle(event);
    } finally {
      this.busy = false;
    }
  }

  private async handle(event: SignInEvent): Promise<SignInState> {
    switch (event.type) {
      case 'start':
        return this.start(event.username, event.password);
      case 'newPassword': {
        const responses: Record<string, string> = { NEW_PASSWORD: event.password };
        for (const [name, value] of Object.entries(event.attributes ?? {}))
          responses[`userAttributes.${name}`] = value;
        return this.respond('NEW_PASSWORD_REQUIRED', responses, 'new-password');
      }
      case 'selectMfa':
        return this.respond('SELECT_MFA_TYPE', { ANSWER: event.answer }, 'mfa-code');
      case 'code': {
        const kind = this.current.kind;
        const [challenge, key] =
          kind === 'softwareTokenMfa'
            ? ['SOFTWARE_TOKEN_MFA', 'SOFTWARE_TOKEN_MFA_CODE']
            : kind === 'smsMfa'
              ? ['SMS_MFA', 'SMS_MFA_CODE']
              : ['EMAIL_OTP', 'EMAIL_OTP_CODE'];
        return this.respond(challenge, { [key]: event.code.trim() }, 'mfa-code');
      }
      case 'mfaSetupVerified':
        this.sessionToken = event.session;
        return this.respond('MFA_SETUP', {}, 'mfa-setup');
    }
  }

  private withSecretHash(username: string, params: Record<string, string>): Record<string, string> {
    if (this.clientSecret)
      params.SECRET_HASH = secretHash(username, this.profile.clientId, this.clientSecret);
    return params;
  }

  private async call<T>(step: CognitoStep, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw explainCognitoError(error, step, {
        clientId: this.profile.clientId,
        ...(this.profile.endpoint ? { endpoint: this.profile.endpoint } : {}),
      });
    }
  }

  private async start(username: string, password: string): Promise<SignInState> {
    const name = username.trim();
    if (name === '' || password === '') {
      throw new KeyfobError('INPUT_NEEDED', 'cognitoCredentialsNeeded');
    }
    const { profile } = this;
    if (profile.authFlow === 'admin') {
      const out = await this.call('sign-in', () =>
        this.client.send(
          new AdminInitiateAuthCommand({
            UserPoolId: profile.userPoolId,
            ClientId: profile.clientId,
            AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
            AuthParameters: this.withSecretHash(name, { USERNAME: name, PASSWORD: password }),
          }),
        ),
      );
      return this.advance(out, name);
    }
    if (profile.authFlow === 'password') {
      const out = await this.call('sign-in', () =>
        this.client.send(
          new InitiateAuthCommand({
            ClientId: profile.clientId,
            AuthFlow: 'USER_PASSWORD_AUTH',
            AuthParameters: this.withSecretHash(name, { USERNAME: name, PASSWORD: password }),
          }),
        ),
      );
      return this.advance(out, name);
    }
    this.srp = await srpClient(name, password, profile.userPoolId);
    const srpA = this.srp.srpA;
    const out = await this.call('sign-in', () =>
      this.client.send(
        new InitiateAuthCommand({
          ClientId: profile.clientId,
          AuthFlow: 'USER_SRP_AUTH',
          AuthParameters: this.withSecretHash(name, { USERNAME: name, SRP_A: srpA }),
        }),
      ),
    );
    if (out.ChallengeName !== 'PASSWORD_VERIFIER') return this.advance(out, name);
    const params = out.ChallengeParameters ?? {};
    const userId = params.USER_ID_FOR_SRP ?? name;
    this.sessionToken = out.Session;
    let claim: ReturnType<SrpClient['answer']>;
    try {
      claim = this.srp.answer(params);
    } catch (error) {
      throw new KeyfobError('COGNITO_SERVICE', 'cognitoSrpChallenge', undefined, { cause: error });
    }
    return this.respond('PASSWORD_VERIFIER', { ...claim }, 'sign-in', userId);
  }

  private async respond(
    challenge: string,
    answers: Record<string, string>,
    step: CognitoStep,
    userIdOverride?: string,
  ): Promise<SignInState> {
    const username = userIdOverride ?? ('username' in this.current ? this.current.username : '');
    const responses = this.withSecretHash(username, { USERNAME: username, ...answers });
    const session = this.sessionToken;
    const { profile } = this;
    const out: ChallengeOutput = await this.call(step, () =>
      profile.authFlow === 'admin'
        ? this.client.send(
            new AdminRespondToAuthChallengeCommand({
              UserPoolId: profile.userPoolId,
              ClientId: profile.clientId,
              ChallengeName: challenge as never,
              ChallengeResponses: responses,
              ...(session ? { Session: session } : {}),
            }),
          )
        : this.client.send(
            new RespondToAuthChallengeCommand({
              ClientId: profile.clientId,
              ChallengeName: challenge as never,
              ChallengeResponses: responses,
              ...(session ? { Session: session } : {}),
            }),
          ),
    );
    return this.advance(out, username);
  }

  /** The pure part: a Cognito answer and the user it concerns → the next state. */
  private advance(out: ChallengeOutput, fallbackUser: string): SignInState {
    this.sessionToken = out.Session;
    const params = out.ChallengeParameters ?? {};
    const username = params.USER_ID_FOR_SRP ?? params.USERNAME ?? fallbackUser;
    if (out.AuthenticationResult) {
      const r = out.AuthenticationResult;
      if (!r.AccessToken || !r.IdToken) {
        throw new KeyfobError('COGNITO_SERVICE', 'cognitoNoTokens');
      }
      const tokens: Tokens = {
        idToken: r.IdToken,
        accessToken: r.AccessToken,
        expiresIn: r.ExpiresIn ?? 3600,
        tokenType: r.TokenType ?? 'Bearer',
      };
      if (r.RefreshToken) tokens.refreshToken = r.RefreshToken;
      const state: SignInState = { kind: 'signedIn', username, tokens };
      // Device tracking hands out a device key; Keyfob does not remember devices, and must not trip over it.
      if (r.NewDeviceMetadata?.DeviceKey && r.NewDeviceMetadata.DeviceGroupKey) {
        state.newDevice = {
          deviceKey: r.NewDeviceMetadata.DeviceKey,
          deviceGroupKey: r.NewDeviceMetadata.DeviceGroupKey,
        };
      }
      return (this.current = state);
    }
    switch (out.ChallengeName) {
      case 'NEW_PASSWORD_REQUIRED': {
        const userAttributes = parseJson<Record<string, string>>(params.userAttributes, {});
        const required = parseJson<string[]>(params.requiredAttributes, []).map((a) =>
          a.replace(/^userAttributes\./, ''),
        );
        return (this.current = {
          kind: 'newPasswordRequired',
          username,
          requiredAttributes: required,
          userAttributes,
        });
      }
      case 'MFA_SETUP':
        return (this.current = {
          kind: 'mfaSetup',
          username,
          options: parseJson<string[]>(params.MFAS_CAN_SETUP, []),
        });
      case 'SELECT_MFA_TYPE':
        return (this.current = {
          kind: 'selectMfaType',
          username,
          options: parseJson<string[]>(params.MFAS_CAN_CHOOSE, []),
        });
      case 'SOFTWARE_TOKEN_MFA': {
        const state: SignInState = { kind: 'softwareTokenMfa', username };
        if (params.FRIENDLY_DEVICE_NAME) state.deviceName = params.FRIENDLY_DEVICE_NAME;
        return (this.current = state);
      }
      case 'SMS_MFA':
      case 'EMAIL_OTP': {
        const kind = out.ChallengeName === 'EMAIL_OTP' ? ('emailOtp' as const) : ('smsMfa' as const);
        const destination = params.CODE_DELIVERY_DESTINATION;
        return (this.current = destination ? { kind, username, destination } : { kind, username });
      }
      default:
        throw new KeyfobError(
          'COGNITO_CONFIG',
          'cognitoUnsupportedChallenge',
          out.ChallengeName ? { challenge: out.ChallengeName } : undefined,
          out.ChallengeName ? undefined : { variant: 'none' },
        );
    }
  }
}
