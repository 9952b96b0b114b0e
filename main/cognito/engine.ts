import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import {
  AdminSetUserMFAPreferenceCommand,
  AssociateSoftwareTokenCommand,
  GetUserPoolMfaConfigCommand,
  SetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
  VerifySoftwareTokenCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { KeyfobError, isKeyfobError } from '../errors';
import { CodeClock } from '../otp/codes';
import { normaliseSecret } from '../otp/secret';
import type { Account, Vault } from '../vault/vault';
import { createCognitoClient, type ClockSkew, type CognitoClientFactory } from './client';
import { explainCognitoError, type CognitoStep } from './errors';
import type { PoolProfile, ProfileStore } from './profiles';
import { SignIn, type SignInState, type Tokens } from './signin';

/** Cognito's only TOTP shape (reference §4): anything else would give codes Cognito refuses. */
const COGNITO_PARAMS = { type: 'totp', algorithm: 'SHA1', digits: 6, period: 30 } as const;

export type Progress =
  | { type: 'signingIn'; profile: string; username: string }
  | { type: 'challenge'; state: SignInState['kind'] }
  | { type: 'clockSkew'; offsetMs: number }
  | { type: 'waitingForCode'; seconds: number; account: string }
  | { type: 'secretStored'; account: Account; secret: string; uri: string }
  | { type: 'verified'; account: Account }
  | { type: 'preferenceSet'; preferred: boolean }
  | { type: 'replaced'; old: Account };

/** Answers only a person can give; without them the engine stops with INPUT_NEEDED and says what is missing. */
export interface Prompts {
  newPassword?: (
    state: Extract<SignInState, { kind: 'newPasswordRequired' }>,
  ) => Promise<{ password: string; attributes?: Record<string, string> } | undefined>;
  code?: (state: Extract<SignInState, { kind: 'smsMfa' | 'emailOtp' }>) => Promise<string | undefined>;
  /**
   * The code that verifies a new key, when the person types it (from a second device set up with the key shown
   * at `secretStored`); without an answer the engine computes it from the stored key.
   */
  verificationCode?: (account: Account) => Promise<string | undefined>;
}

export interface SignInRequest {
  profile: string;
  username: string;
  password: string;
  prompts?: Prompts;
  onProgress?: (progress: Progress) => void;
}

export interface EnrollRequest extends SignInRequest {
  /** Shown in the user's MFA settings; the computer's host name by default. */
  deviceName?: string;
  /** Make TOTP the preferred MFA method (default true). */
  prefer?: boolean;
}

export interface EnrollResult {
  account: Account;
  /** Present when the enrollment ended in a sign-in (the MFA_SETUP path), or the user was signed in for it. */
  tokens: Tokens;
  path: 'mfa-setup' | 'access-token';
}

export interface EngineOptions {
  /**
   * May still be opening (the CLI starts the keychain's recovery scan and the sign-in together): the engine
   * waits for it only when it needs a key.
   */
  vault: Vault | Promise<Vault>;
  profiles: ProfileStore;
  clientFactory?: CognitoClientFactory;
  clock?: CodeClock;
  sleep?: (ms: number) => Promise<void>;
  hostName?: () => string;
  /** SDK attempts per call (its default is 3). */
  maxAttempts?: number;
}

interface Connection {
  profile: PoolProfile;
  client: CognitoIdentityProviderClient;
  clientSecret: string | undefined;
  signIn: SignIn;
  newSignIn: () => SignIn;
}

/**
 * Signs in to Cognito user pools and enrolls Keyfob as their authenticator, driving the SignIn state
 * machine with what the vault knows: the TOTP code of the account linked to the pool and user is filled in,
 * never one already used, and a new key is stored (pending) the moment Cognito hands it out.
 */
export class CognitoEngine {
  private readonly vaultReady: Promise<Vault>;
  private readonly profiles: ProfileStore;
  private readonly clientFactory: CognitoClientFactory;
  private readonly clock: CodeClock;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly hostName: () => string;
  private readonly maxAttempts: number | undefined;
  private skewReported = false;

  constructor(options: EngineOptions) {
    this.vaultReady = Promise.resolve(options.vault);
    // Awaited where a key is needed; until then a failure to open it must not count as unhandled.
    this.vaultReady.catch(() => undefined);
    this.profiles = options.profiles;
    this.clientFactory = options.clientFactory ?? createCognitoClient;
    this.clock = options.clock ?? new CodeClock();
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.hostName = options.hostName ?? hostname;
    this.maxAttempts = options.maxAttempts;
  }

  private async connect(profileName: string, onProgress?: (p: Progress) => void): Promise<Connection> {
    const profile = await this.profiles.get(profileName);
    const clientSecret = await this.profiles.clientSecret(profile);
    const client = this.clientFactory(profile, {
      clock: this.clock,
      ...(this.maxAttempts ? { maxAttempts: this.maxAttempts } : {}),
      onSkew: (skew: ClockSkew) => {
        if (!skew.warn) return;
        // Cognito's clock is the one codes are checked against: compute codes on its time.
        this.clock.setOffset(this.clock.offset + skew.offsetMs);
        if (!this.skewReported) {
          this.skewReported = true;
          onProgress?.({ type: 'clockSkew', offsetMs: skew.offsetMs });
        }
      },
    });
    const newSignIn = () => new SignIn(client, profile, clientSecret);
    return { profile, client, clientSecret, signIn: newSignIn(), newSignIn };
  }

  private async call<T>(conn: Connection, step: CognitoStep, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw explainCognitoError(error, step, {
        clientId: conn.profile.clientId,
        ...(conn.profile.endpoint ? { endpoint: conn.profile.endpoint } : {}),
      });
    }
  }

  /**
   * The code of `account` for a time step no code of it was sent for yet. When the current step is spent
   * (Cognito refuses a code used twice), waits for the next one and says how long.
   */
  private async freshCode(account: Account, onProgress?: (p: Progress) => void): Promise<string> {
    if (
      account.type !== COGNITO_PARAMS.type ||
      account.algorithm !== COGNITO_PARAMS.algorithm ||
      account.digits !== 6 ||
      account.period !== 30
    ) {
      throw new KeyfobError('PARAMS_INVALID', 'cognitoCodeShape', {
        issuer: account.issuer,
        label: account.label,
        algorithm: account.algorithm,
        digits: account.digits,
        period: account.period,
      });
    }
    const periodMs = account.period * 1000;
    for (;;) {
      const now = this.clock.now();
      const step = Math.floor(now / periodMs);
      if (await (await this.vaultReady).claimStep(account.id, step))
        return (await (await this.vaultReady).code(account.id, now)).code;
      const waitMs = (step + 1) * periodMs - now;
      onProgress?.({ type: 'waitingForCode', seconds: Math.ceil(waitMs / 1000), account: account.id });
      await this.sleep(waitMs + 20);
    }
  }

  private async linkedAccount(
    profile: string,
    username: string,
    pendingToo = false,
  ): Promise<Account | undefined> {
    const linked = await (await this.vaultReady).linked(profile, username);
    return linked.find((a) => a.status === 'active') ?? (pendingToo ? linked[0] : undefined);
  }

  /**
   * Runs the sign-in until it is signed in or reaches MFA_SETUP (returned, for enroll to take over).
   * Answers each challenge: a new password from the prompts, SOFTWARE_TOKEN_MFA when a choice is offered,
   * the TOTP code from the linked account, SMS and e-mail codes from the prompts.
   */
  private async drive(conn: Connection, req: SignInRequest): Promise<SignInState> {
    req.onProgress?.({ type: 'signingIn', profile: conn.profile.name, username: req.username });
    let state = await conn.signIn.send({ type: 'start', username: req.username, password: req.password });
    let retriedSpentCode = false;
    let restarted = false;
    let switchedTo: Account | undefined;
    for (;;) {
      req.onProgress?.({ type: 'challenge', state: state.kind });
      switch (state.kind) {
        case 'signedIn':
        case 'mfaSetup':
          return state;
        case 'newPasswordRequired': {
          const answer = await req.prompts?.newPassword?.(state);
          if (!answer) {
            const attributes = state.requiredAttributes.join(', ');
            throw new KeyfobError(
              'INPUT_NEEDED',
              'cognitoNewPasswordNeeded',
              { username: req.username, ...(attributes ? { attributes } : {}) },
              attributes ? { variant: 'attributes' } : undefined,
            );
          }
          const missing = state.requiredAttributes.filter((a) => !answer.attributes?.[a]);
          if (missing.length > 0) {
            throw new KeyfobError('INPUT_NEEDED', 'cognitoAttributesNeeded', {
              attributes: missing.join(', '),
            });
          }
          state = await conn.signIn.send({
            type: 'newPassword',
            password: answer.password,
            ...(answer.attributes ? { attributes: answer.attributes } : {}),
          });
          break;
        }
        case 'selectMfaType': {
          // The authenticator only when Keyfob holds its key; otherwise a code the person receives (this is
          // how a user whose authenticator is on a phone enrolls Keyfob instead).
          const haveKey = (await this.linkedAccount(conn.profile.name, req.username, true)) !== undefined;
          const totpOffered = state.options.includes('SOFTWARE_TOKEN_MFA');
          const answer =
            totpOffered && haveKey
              ? 'SOFTWARE_TOKEN_MFA'
              : state.options.includes('SMS_MFA')
                ? 'SMS_MFA'
                : state.options.includes('EMAIL_OTP')
                  ? 'EMAIL_OTP'
                  : totpOffered
                    ? 'SOFTWARE_TOKEN_MFA'
                    : undefined;
          if (!answer) {
            throw new KeyfobError('COGNITO_CONFIG', 'cognitoNoUsableMfa', {
              options: state.options.join(', '),
            });
          }
          state = await conn.signIn.send({ type: 'selectMfa', answer });
          break;
        }
        case 'softwareTokenMfa': {
          // A pending key may be the user's real one: its verification reached Cognito, the answer did not.
          const account = switchedTo ?? (await this.linkedAccount(conn.profile.name, req.username, true));
          if (!account) {
            throw new KeyfobError('ACCOUNT_NOT_FOUND', 'cognitoNoLinkedKey', {
              username: req.username,
              pool: conn.profile.name,
            });
          }
          const code = await this.freshCode(account, req.onProgress);
          try {
            state = await conn.signIn.send({ type: 'code', code });
          } catch (error) {
            // Someone (another device, another run) used this period's code first: the next one will do.
            if (
              !retriedSpentCode &&
              isKeyfobError(error, 'COGNITO_CODE') &&
              /already been used/i.test(error.service?.message ?? '')
            ) {
              retriedSpentCode = true;
              continue;
            }
            // A replacement whose verification answer was lost: Cognito holds the pending key, not the old one.
            if (!switchedTo && account.status === 'active' && isKeyfobError(error, 'COGNITO_CODE')) {
              const linked = await (await this.vaultReady).linked(conn.profile.name, req.username);
              const pending = linked.find((a) => a.status === 'pending');
              if (pending) {
                switchedTo = pending;
                continue;
              }
            }
            // Whether a refused answer spends the Session is not documented (reference §9): if the retry
            // found it spent, sign in once more from the start.
            if (retriedSpentCode && !restarted && isKeyfobError(error, 'COGNITO_SESSION')) {
              restarted = true;
              conn.signIn = conn.newSignIn();
              state = await conn.signIn.send({
                type: 'start',
                username: req.username,
                password: req.password,
              });
              continue;
            }
            throw error;
          }
          if (account.status === 'pending') {
            const active = await (await this.vaultReady).markVerified(account.id);
            req.onProgress?.({ type: 'verified', account: active });
            await this.retireOthers(conn, req, active);
          }
          break;
        }
        case 'smsMfa':
        case 'emailOtp': {
          const code = await req.prompts?.code?.(state);
          if (!code) {
            // Each way the code came, with or without where it went, is its own sentence in the catalogue.
            const via = state.kind === 'smsMfa' ? 'sms' : 'email';
            throw new KeyfobError(
              'INPUT_NEEDED',
              'cognitoCodeNeeded',
              state.destination ? { destination: state.destination } : undefined,
              { variant: state.destination ? `${via}_destination` : via },
            );
          }
          state = await conn.signIn.send({ type: 'code', code });
          break;
        }
        case 'start':
          throw new Error('sign-in did not start');
      }
    }
  }

  /** Signs in with the TOTP code filled in; returns the tokens. */
  async login(req: SignInRequest): Promise<{ tokens: Tokens; username: string }> {
    const conn = await this.connect(req.profile, req.onProgress);
    const state = await this.drive(conn, req);
    if (state.kind === 'mfaSetup') {
      throw new KeyfobError('INPUT_NEEDED', 'cognitoSetupRequired', {
        username: req.username,
        profile: req.profile,
      });
    }
    if (state.kind !== 'signedIn') throw new Error(`unexpected state ${state.kind}`);
    return { tokens: state.tokens, username: state.username };
  }

  /**
   * The whole enrollment: sign in; on MFA_SETUP associate with the challenge's Session, otherwise with the
   * access token; store the key as a pending account at once; verify a fresh code with a device name; mark
   * it verified; set the MFA preference; retire any older key of the same user. A verified older key is kept
   * until the new one is verified.
   */
  async enroll(req: EnrollRequest): Promise<EnrollResult> {
    const conn = await this.connect(req.profile, req.onProgress);
    const state = await this.drive(conn, req);
    const deviceName = (req.deviceName ?? this.hostName()).trim() || 'Keyfob';
    const prefer = req.prefer ?? true;

    let result: EnrollResult;
    if (state.kind === 'mfaSetup') {
      if (!state.options.includes('SOFTWARE_TOKEN_MFA')) {
        const options = state.options.join(', ');
        throw new KeyfobError(
          'COGNITO_CONFIG',
          'cognitoSetupWithoutTotp',
          { username: req.username, pool: conn.profile.name, ...(options ? { options } : {}) },
          options ? undefined : { variant: 'none' },
        );
      }
      const session = conn.signIn.session;
      const associated = await this.call(conn, 'associate', () =>
        conn.client.send(new AssociateSoftwareTokenCommand({ Session: session })),
      );
      const account = await this.storePending(conn, req, associated.SecretCode);
      const verified = await this.verify(conn, req, account, deviceName, { Session: associated.Session });
      if (!verified.Session) throw new KeyfobError('COGNITO_SERVICE', 'cognitoNoSession');
      const active = await (await this.vaultReady).markVerified(account.id);
      req.onProgress?.({ type: 'verified', account: active });
      await this.retireOthers(conn, req, active);
      const done = await conn.signIn.send({ type: 'mfaSetupVerified', session: verified.Session });
      if (done.kind !== 'signedIn') {
        throw new KeyfobError('COGNITO_SERVICE', 'cognitoExtraStep', { step: done.kind });
      }
      await this.setPreference(conn, done.tokens.accessToken, done.username, prefer, req);
      result = { account: active, tokens: done.tokens, path: 'mfa-setup' };
    } else {
      if (state.kind !== 'signedIn') throw new Error(`unexpected state ${state.kind}`);
      const accessToken = state.tokens.accessToken;
      // A key stored by an enrollment that stopped before its verification is still associated with the
      // user: verify it rather than handing out another.
      const previous = await (await this.vaultReady).linked(conn.profile.name, req.username);
      const resumed = await this.resume(conn, req, deviceName, accessToken, previous);
      let account = resumed;
      if (!account) {
        const associated = await this.call(conn, 'associate', () =>
          conn.client.send(new AssociateSoftwareTokenCommand({ AccessToken: accessToken })),
        );
        account = await this.storePending(conn, req, associated.SecretCode);
        await this.verify(conn, req, account, deviceName, { AccessToken: accessToken });
      }
      const active = await (await this.vaultReady).markVerified(account.id);
      req.onProgress?.({ type: 'verified', account: active });
      await this.retireOthers(conn, req, active);
      await this.setPreference(conn, accessToken, state.username, prefer, req);
      result = { account: active, tokens: state.tokens, path: 'access-token' };
    }

    return result;
  }

  /**
   * Cognito keeps one software token per user: once a key is verified, every other key of this user is dead.
   * Removed at once, before anything else can fail, so a later sign-in never picks a dead key.
   */
  private async retireOthers(conn: Connection, req: SignInRequest, kept: Account): Promise<void> {
    const vault = await this.vaultReady;
    for (const old of await vault.linked(conn.profile.name, req.username)) {
      if (old.id === kept.id) continue;
      await vault.remove(old.id);
      req.onProgress?.({ type: 'replaced', old });
    }
  }

  private async resume(
    conn: Connection,
    req: SignInRequest,
    deviceName: string,
    accessToken: string,
    previous: Account[],
  ): Promise<Account | undefined> {
    const pending = previous.find((a) => a.status === 'pending');
    if (!pending) return undefined;
    try {
      await this.verify(conn, req, pending, deviceName, { AccessToken: accessToken });
      return pending;
    } catch (error) {
      // Cognito no longer holds that key as pending (another was associated since, or this one was verified and
      // the answer lost): start afresh, and the stale key goes once the new one is verified. A network, session
      // or throttling failure says nothing about the key, so it stops the enrollment instead.
      const transient = ['COGNITO_NETWORK', 'COGNITO_SESSION', 'COGNITO_THROTTLED', 'COGNITO_FORBIDDEN'];
      if (isKeyfobError(error) && error.code.startsWith('COGNITO_') && !transient.includes(error.code))
        return undefined;
      throw error;
    }
  }

  private async storePending(
    conn: Connection,
    req: SignInRequest,
    secretCode: string | undefined,
  ): Promise<Account> {
    if (!secretCode) throw new KeyfobError('COGNITO_SERVICE', 'cognitoNoKey');
    const secret = normaliseSecret(secretCode);
    const account = await (
      await this.vaultReady
    ).add(
      {
        issuer: conn.profile.name,
        label: req.username,
        secret,
        params: { ...COGNITO_PARAMS, counter: 0 },
        extra: {},
        pending: true,
        cognito: { profile: conn.profile.name, username: req.username },
      },
      // An older key of the same user (same issuer and name) stays until this one is verified.
      { allowDuplicate: true },
    );
    const uri = `otpauth://totp/${encodeURIComponent(conn.profile.name)}:${encodeURIComponent(req.username)}?secret=${secret}&issuer=${encodeURIComponent(conn.profile.name)}`;
    req.onProgress?.({ type: 'secretStored', account, secret, uri });
    return account;
  }

  private async verify(
    conn: Connection,
    req: SignInRequest,
    account: Account,
    deviceName: string,
    auth: { Session?: string | undefined } | { AccessToken: string },
  ): Promise<{ Session?: string | undefined }> {
    const typed = (await req.prompts?.verificationCode?.(account))?.replace(/\s+/g, '');
    const code = typed || (await this.freshCode(account, req.onProgress));
    try {
      const out = await this.call(conn, 'verify', () =>
        conn.client.send(
          new VerifySoftwareTokenCommand({ ...auth, UserCode: code, FriendlyDeviceName: deviceName }),
        ),
      );
      if (out.Status !== 'SUCCESS') {
        throw new KeyfobError('COGNITO_CODE', 'cognitoVerifyFailed');
      }
      return out;
    } catch (error) {
      if (!isKeyfobError(error)) throw error;
      // The same failure, said as its cause says it, and then what became of the key: cognitoPendingKept has no
      // message of its own, so each front end words the cause and adds this entry's hint after the cause's.
      throw new KeyfobError(
        error.code,
        'cognitoPendingKept',
        { pendingId: account.id.slice(0, 8) },
        { cause: error, ...(error.service ? { service: error.service } : {}) },
      );
    }
  }

  private async setPreference(
    conn: Connection,
    accessToken: string,
    username: string,
    preferred: boolean,
    req: SignInRequest,
  ): Promise<void> {
    // Declining leaves whatever preference the user has alone (PreferredMfa: false would clear it).
    const settings = preferred ? { Enabled: true, PreferredMfa: true } : { Enabled: true };
    await this.call(conn, 'preference', () =>
      conn.profile.authFlow === 'admin'
        ? conn.client.send(
            new AdminSetUserMFAPreferenceCommand({
              UserPoolId: conn.profile.userPoolId,
              Username: username,
              SoftwareTokenMfaSettings: settings,
            }),
          )
        : conn.client.send(
            new SetUserMFAPreferenceCommand({ AccessToken: accessToken, SoftwareTokenMfaSettings: settings }),
          ),
    );
    req.onProgress?.({ type: 'preferenceSet', preferred });
  }

  /** Turns TOTP off for the user (signing in with it first); the account is kept unless asked otherwise. */
  async disable(req: SignInRequest & { removeAccount?: boolean }): Promise<{ removed: Account[] }> {
    const conn = await this.connect(req.profile, req.onProgress);
    const state = await this.drive(conn, req);
    if (state.kind !== 'signedIn') {
      throw new KeyfobError('INPUT_NEEDED', 'cognitoNothingToDisable', { username: req.username });
    }
    const settings = { Enabled: false, PreferredMfa: false };
    await this.call(conn, 'preference', () =>
      conn.profile.authFlow === 'admin'
        ? conn.client.send(
            new AdminSetUserMFAPreferenceCommand({
              UserPoolId: conn.profile.userPoolId,
              Username: state.username,
              SoftwareTokenMfaSettings: settings,
            }),
          )
        : conn.client.send(
            new SetUserMFAPreferenceCommand({
              AccessToken: state.tokens.accessToken,
              SoftwareTokenMfaSettings: settings,
            }),
          ),
    );
    if (!req.removeAccount) return { removed: [] };
    const vault = await this.vaultReady;
    const linked = await vault.linked(req.profile, req.username);
    for (const account of linked) await vault.remove(account.id);
    return { removed: linked };
  }

  /**
   * "Test connection": asks the app client to start a sign-in for a user that cannot exist. Any answer that
   * can only come from that pool and client (no such user, wrong password, a challenge) proves the profile
   * right; what it gets wrong (unknown pool or client, a missing secret, the network) is thrown explained.
   * What it found is data (the pool, the client, a configuration problem the pool reported): each front end
   * says it in its own words.
   */
  async testConnection(
    profileName: string,
  ): Promise<{ poolId: string; clientId: string; problem?: KeyfobError }> {
    const conn = await this.connect(profileName);
    const probe = `keyfob-connection-test-${randomUUID()}`;
    try {
      await conn.signIn.send({ type: 'start', username: probe, password: `Probe-${randomUUID()}` });
    } catch (error) {
      if (!isKeyfobError(error)) throw error;
      const name = error.service?.name;
      const reachable =
        name === 'UserNotFoundException' ||
        (name === 'NotAuthorizedException' && error.code === 'COGNITO_AUTH') ||
        (name === 'InvalidParameterException' && error.code === 'COGNITO_CONFIG');
      if (!reachable) throw error;
      if (error.code === 'COGNITO_CONFIG') {
        return {
          poolId: conn.profile.userPoolId,
          clientId: conn.profile.clientId,
          problem: error,
        };
      }
    }
    return {
      poolId: conn.profile.userPoolId,
      clientId: conn.profile.clientId,
    };
  }

  /**
   * Turns TOTP on or off for a pool (SetUserPoolMfaConfig, with AWS credentials). The pool's MFA mode is read
   * first and kept unless `mfa` is given, because leaving it out of the call would switch MFA off.
   */
  async setPoolMfaConfig(
    profileName: string,
    options: { totp: boolean; mfa?: 'OFF' | 'OPTIONAL' | 'ON' },
  ): Promise<{ mfa: string; totp: boolean }> {
    const conn = await this.connect(profileName);
    const current = await this.call(conn, 'pool-config', () =>
      conn.client.send(new GetUserPoolMfaConfigCommand({ UserPoolId: conn.profile.userPoolId })),
    );
    const mfa = options.mfa ?? current.MfaConfiguration ?? 'OFF';
    const out = await this.call(conn, 'pool-config', () =>
      conn.client.send(
        // The call replaces the pool's whole MFA configuration: what is left out is switched off, so the
        // text-message, e-mail and passkey settings it already has are sent back unchanged.
        new SetUserPoolMfaConfigCommand({
          UserPoolId: conn.profile.userPoolId,
          MfaConfiguration: mfa,
          SoftwareTokenMfaConfiguration: { Enabled: options.totp },
          ...(current.SmsMfaConfiguration ? { SmsMfaConfiguration: current.SmsMfaConfiguration } : {}),
          ...(current.EmailMfaConfiguration ? { EmailMfaConfiguration: current.EmailMfaConfiguration } : {}),
          ...(current.WebAuthnConfiguration ? { WebAuthnConfiguration: current.WebAuthnConfiguration } : {}),
        }),
      ),
    );
    return {
      mfa: out.MfaConfiguration ?? mfa,
      totp: out.SoftwareTokenMfaConfiguration?.Enabled ?? options.totp,
    };
  }
}
