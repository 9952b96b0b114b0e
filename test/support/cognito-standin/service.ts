/**
 * The Cognito operations the stand-in serves, over the state in state.ts. Every rule here cites the
 * reference (/work/shared/reference/cognito.md) where it came from; where the reference is silent the
 * comment says what was chosen and why.
 */
import { createHmac, randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { CognitoError, Msg, constraintProblems, err } from './errors';
import {
  type Body,
  type Json,
  checkAccessTokenShape,
  checkEnum,
  checkSession,
  optBoolean,
  optObject,
  optString,
  optStringMap,
  reqString,
} from './params';
import {
  formatSrpTimestamp,
  makeServerEphemeral,
  makeVerifier,
  parseSrpA,
  parseSrpTimestamp,
  verifyPasswordClaim,
} from './srp';
import {
  type ClientFlow,
  type ClientState,
  type MfaType,
  type PoolState,
  type RefreshState,
  type SessionState,
  type SessionStep,
  type UserState,
  type VerifierState,
  MFA_ORDER,
  findUser,
} from './state';
import { TokenIssuer, newRefreshToken, newSession } from './tokens';
import { matchingStep, newSecretCode } from './totp';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const TOKEN_SECONDS = 3600;
const REFRESH_DAYS = 30;
/** Lockout (§3.6): five failures, then 2^(n-5) s doubling to about 15 min; forgotten after 15 quiet minutes. */
const FREE_ATTEMPTS = 5;
const LOCKOUT_CAP_MS = 15 * MINUTE;

const AUTH_FLOWS = [
  'USER_SRP_AUTH',
  'REFRESH_TOKEN_AUTH',
  'REFRESH_TOKEN',
  'CUSTOM_AUTH',
  'ADMIN_NO_SRP_AUTH',
  'USER_PASSWORD_AUTH',
  'ADMIN_USER_PASSWORD_AUTH',
  'USER_AUTH',
];
const CHALLENGE_NAMES = [
  'SMS_MFA',
  'EMAIL_OTP',
  'SOFTWARE_TOKEN_MFA',
  'SELECT_MFA_TYPE',
  'MFA_SETUP',
  'PASSWORD_VERIFIER',
  'CUSTOM_CHALLENGE',
  'SELECT_CHALLENGE',
  'DEVICE_SRP_AUTH',
  'DEVICE_PASSWORD_VERIFIER',
  'ADMIN_NO_SRP_AUTH',
  'NEW_PASSWORD_REQUIRED',
  'SMS_OTP',
  'PASSWORD',
  'WEB_AUTHN',
  'PASSWORD_SRP',
];
/** The Session step each answerable challenge needs; MFA_SETUP is answered with Verify's Session (§0.1). */
const STEP_FOR_CHALLENGE: Partial<Record<string, SessionStep>> = {
  NEW_PASSWORD_REQUIRED: 'NEW_PASSWORD_REQUIRED',
  MFA_SETUP: 'MFA_SETUP_COMPLETE',
  SELECT_MFA_TYPE: 'SELECT_MFA_TYPE',
  SOFTWARE_TOKEN_MFA: 'SOFTWARE_TOKEN_MFA',
  SMS_MFA: 'SMS_MFA',
  EMAIL_OTP: 'EMAIL_OTP',
};
const MFA_SETTING_MEMBERS: ReadonlyArray<[string, MfaType]> = [
  ['SMSMfaSettings', 'SMS_MFA'],
  ['SoftwareTokenMfaSettings', 'SOFTWARE_TOKEN_MFA'],
  ['EmailMfaSettings', 'EMAIL_OTP'],
];

/** Operations that need SigV4-signed IAM credentials (§1); the rest are `noAuth` in the SDK. */
export const ADMIN_OPERATIONS: ReadonlySet<string> = new Set([
  'AdminInitiateAuth',
  'AdminRespondToAuthChallenge',
  'AdminSetUserMFAPreference',
  'SetUserPoolMfaConfig',
  'GetUserPoolMfaConfig',
]);

type Handler = (body: Body, now: number) => Json;

function secretHashOf(secret: string, username: string, clientId: string): string {
  return createHmac('sha256', secret)
    .update(username + clientId)
    .digest('base64');
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function passwordProblem(password: string): string | undefined {
  // Cognito's default policy: 8+ characters with lower, upper, digit and symbol.
  if (password.length < 8) return 'Password not long enough';
  if (!/[a-z]/.test(password)) return 'Password must have lowercase characters';
  if (!/[A-Z]/.test(password)) return 'Password must have uppercase characters';
  if (!/[0-9]/.test(password)) return 'Password must have numeric characters';
  if (!/[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+\- ]/.test(password))
    return 'Password must have symbol characters';
  return undefined;
}

function maskPhone(phone: string): string {
  return `+${'*'.repeat(Math.max(phone.length - 5, 1))}${phone.slice(-4)}`;
}

function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.charAt(0)}***@${domain.charAt(0)}***`;
}

function randomAlnum(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

export class CognitoService {
  readonly pools = new Map<string, PoolState>();
  readonly clients = new Map<string, ClientState>();
  readonly issuer = new TokenIssuer();
  private readonly sessions = new Map<string, SessionState>();
  private readonly verifiers = new Map<string, VerifierState>();
  private readonly refreshTokens = new Map<string, RefreshState>();

  constructor(readonly region: string) {}

  handler(operation: string): Handler | undefined {
    const handlers: Record<string, Handler> = {
      InitiateAuth: (b, n) => this.initiateAuth(b, n, false),
      AdminInitiateAuth: (b, n) => this.initiateAuth(b, n, true),
      RespondToAuthChallenge: (b, n) => this.respondToAuthChallenge(b, n, false),
      AdminRespondToAuthChallenge: (b, n) => this.respondToAuthChallenge(b, n, true),
      AssociateSoftwareToken: (b, n) => this.associateSoftwareToken(b, n),
      VerifySoftwareToken: (b, n) => this.verifySoftwareToken(b, n),
      SetUserMFAPreference: (b, n) => this.setUserMfaPreference(b, n),
      AdminSetUserMFAPreference: (b) => this.adminSetUserMfaPreference(b),
      GetUser: (b, n) => this.getUser(b, n),
      ConfirmDevice: (b, n) => this.confirmDevice(b, n),
      GetUserPoolMfaConfig: (b) => this.getUserPoolMfaConfig(b),
      SetUserPoolMfaConfig: (b) => this.setUserPoolMfaConfig(b),
    };
    return handlers[operation];
  }

  // ---- lookups -------------------------------------------------------------------------------

  poolById(id: string): PoolState {
    const pool = this.pools.get(id);
    if (!pool) throw err.resourceNotFound(Msg.poolNotFound(id));
    return pool;
  }

  private clientById(id: string, poolId?: string): ClientState {
    const client = this.clients.get(id);
    if (!client || (poolId !== undefined && client.poolId !== poolId)) {
      throw err.resourceNotFound(Msg.clientNotFound(id));
    }
    return client;
  }

  private userByName(pool: PoolState, username: string): UserState {
    const user = pool.users.get(username.toLowerCase());
    if (!user) throw err.userNotFound();
    return user;
  }

  private unknownUser(pool: PoolState): CognitoError {
    // PreventUserExistenceErrors=ENABLED answers as for a wrong password; LEGACY names the cause (§2.5).
    return pool.preventUserExistenceErrors ? err.notAuthorized(Msg.incorrectCredentials) : err.userNotFound();
  }

  private checkSecretHash(client: ClientState, given: string | undefined, username: string): void {
    if (client.secret === undefined) return;
    if (given === undefined || given === '') throw err.notAuthorized(Msg.secretHashMissing(client.id));
    if (!sameText(given, secretHashOf(client.secret, username, client.id))) {
      throw err.notAuthorized(Msg.secretHashWrong(client.id));
    }
  }

  private assertNotLocked(user: UserState, now: number): void {
    if (user.failedAttempts < FREE_ATTEMPTS) return;
    if (now - user.lastFailureAt >= LOCKOUT_CAP_MS) {
      user.failedAttempts = 0;
      return;
    }
    const lockMs = Math.min(2 ** (user.failedAttempts - FREE_ATTEMPTS) * 1000, LOCKOUT_CAP_MS);
    if (now < user.lastFailureAt + lockMs) throw err.notAuthorized(Msg.passwordAttemptsExceeded);
  }

  private recordFailure(user: UserState, now: number): void {
    if (now - user.lastFailureAt >= LOCKOUT_CAP_MS) user.failedAttempts = 0;
    user.failedAttempts += 1;
    user.lastFailureAt = now;
  }

  // ---- sessions ------------------------------------------------------------------------------

  private openSession(
    from: { poolId: string; clientId: string; username: string; admin: boolean },
    step: SessionStep,
    now: number,
    extra: Partial<Pick<SessionState, 'code' | 'options'>> = {},
  ): string {
    const client = this.clientById(from.clientId);
    const id = newSession();
    this.sessions.set(id, {
      id,
      poolId: from.poolId,
      clientId: from.clientId,
      username: from.username,
      admin: from.admin,
      step,
      createdAt: now,
      expiresAt: now + client.sessionMinutes * MINUTE,
      used: false,
      ...extra,
    });
    return id;
  }

  /**
   * The live session `raw` names, checked in the order §2.9 / §8.2 implies: missing, unknown or bound to
   * another client, already used, expired, then meant for another step.
   */
  private takeSession(
    raw: string | undefined,
    steps: readonly SessionStep[],
    bind: { clientId?: string; admin?: boolean },
    now: number,
  ): SessionState {
    if (raw === undefined || raw === '') throw err.missingParameter('Session');
    checkSession(raw);
    const session = this.sessions.get(raw);
    if (
      !session ||
      (bind.clientId !== undefined && session.clientId !== bind.clientId) ||
      (bind.admin !== undefined && session.admin !== bind.admin)
    ) {
      throw err.notAuthorized(Msg.sessionInvalid);
    }
    if (session.used) throw err.notAuthorized(Msg.sessionUsed);
    if (now >= session.expiresAt) throw err.notAuthorized(Msg.sessionExpired);
    if (!steps.includes(session.step)) throw err.notAuthorized(Msg.sessionInvalid);
    return session;
  }

  private sessionUser(session: SessionState): { pool: PoolState; client: ClientState; user: UserState } {
    const pool = this.poolById(session.poolId);
    const client = this.clientById(session.clientId);
    const user = pool.users.get(session.username.toLowerCase());
    if (!user) throw err.notAuthorized(Msg.sessionInvalid);
    return { pool, client, user };
  }

  private challenge(
    ctx: { pool: PoolState; client: ClientState; user: UserState; admin: boolean },
    step: SessionStep,
    parameters: Record<string, string>,
    now: number,
    extra: Partial<Pick<SessionState, 'code' | 'options'>> = {},
  ): Json {
    const session = this.openSession(
      { poolId: ctx.pool.id, clientId: ctx.client.id, username: ctx.user.username, admin: ctx.admin },
      step,
      now,
      extra,
    );
    return { ChallengeName: step, Session: session, ChallengeParameters: parameters };
  }

  // ---- InitiateAuth / AdminInitiateAuth ------------------------------------------------------

  private initiateAuth(body: Body, now: number, admin: boolean): Json {
    const clientId = reqString(body, 'ClientId');
    const flow = reqString(body, 'AuthFlow');
    const poolId = admin ? reqString(body, 'UserPoolId') : undefined;
    checkEnum('AuthFlow', flow, AUTH_FLOWS);
    if (poolId !== undefined) this.poolById(poolId);
    const client = this.clientById(clientId, poolId);
    const pool = this.poolById(client.poolId);
    const params = optStringMap(body, 'AuthParameters') ?? {};
    const requireFlow = (needed: ClientFlow, message: string) => {
      if (!client.flows.has(needed)) throw err.invalidParameter(message);
    };
    const ctx = { pool, client, admin };
    switch (flow) {
      case 'USER_SRP_AUTH':
        requireFlow('USER_SRP_AUTH', Msg.userSrpAuthDisabled);
        return this.startSrp(ctx, params, now);
      case 'USER_PASSWORD_AUTH':
        if (admin) throw err.invalidParameter(Msg.initiateAuthMethodNotSupported);
        requireFlow('USER_PASSWORD_AUTH', Msg.userPasswordAuthDisabled);
        return this.passwordSignIn(ctx, params, now);
      case 'ADMIN_USER_PASSWORD_AUTH':
      case 'ADMIN_NO_SRP_AUTH':
        // "a flow type of AdminInitiateAuth and isn't valid for InitiateAuth" (§2.5).
        if (!admin) throw err.invalidParameter(Msg.initiateAuthMethodNotSupported);
        requireFlow('ADMIN_USER_PASSWORD_AUTH', Msg.authFlowDisabled);
        return this.passwordSignIn(ctx, params, now);
      case 'REFRESH_TOKEN_AUTH':
      case 'REFRESH_TOKEN':
        requireFlow('REFRESH_TOKEN_AUTH', Msg.authFlowDisabled);
        return this.refresh(ctx, params, now);
      default:
        // CUSTOM_AUTH and USER_AUTH: no stand-in client enables them.
        throw err.invalidParameter(Msg.authFlowDisabled);
    }
  }

  private passwordSignIn(
    ctx: { pool: PoolState; client: ClientState; admin: boolean },
    params: Record<string, string>,
    now: number,
  ): Json {
    const name = params.USERNAME;
    if (!name) throw err.missingParameter('USERNAME');
    const password = params.PASSWORD;
    if (password === undefined) throw err.missingParameter('PASSWORD');
    // On the first call the hash can only be of the name the user typed.
    this.checkSecretHash(ctx.client, params.SECRET_HASH, name);
    const user = findUser(ctx.pool, name);
    if (!user) throw this.unknownUser(ctx.pool);
    // Refused before the password is compared: AWS's stated intent and a measured report (§2.9).
    if (user.status === 'UNCONFIRMED')
      throw new CognitoError('UserNotConfirmedException', Msg.userNotConfirmed);
    this.assertNotLocked(user, now);
    if (!sameText(password, user.password)) {
      this.recordFailure(user, now);
      throw err.notAuthorized(Msg.incorrectCredentials);
    }
    user.failedAttempts = 0;
    return this.afterPassword({ ...ctx, user }, now);
  }

  private srpVerifier(pool: PoolState, user: UserState): { salt: bigint; verifier: bigint } {
    if (user.srpCache?.password !== user.password) {
      const poolName = pool.id.slice(pool.id.indexOf('_') + 1);
      user.srpCache = { password: user.password, ...makeVerifier(poolName, user.username, user.password) };
    }
    return user.srpCache;
  }

  private startSrp(
    ctx: { pool: PoolState; client: ClientState; admin: boolean },
    params: Record<string, string>,
    now: number,
  ): Json {
    const name = params.USERNAME;
    if (!name) throw err.missingParameter('USERNAME');
    const srpA = params.SRP_A;
    if (!srpA) throw err.missingParameter('SRP_A');
    this.checkSecretHash(ctx.client, params.SECRET_HASH, name);
    const A = parseSrpA(srpA);
    if (A === undefined) throw err.invalidParameter(Msg.invalidSrpA);
    const user = findUser(ctx.pool, name);
    if (!user) {
      if (!ctx.pool.preventUserExistenceErrors) throw err.userNotFound();
      // With PreventUserExistenceErrors the first step answers without resolving the user, and the
      // proof fails later as a wrong password would (ministack PR #1758 / #1576, cited by §3.5).
      const decoy = makeVerifier('decoy', name, randomBytes(16).toString('hex'));
      return this.passwordVerifier(ctx, { userIdForSrp: name, A, ...decoy }, now);
    }
    if (user.status === 'UNCONFIRMED')
      throw new CognitoError('UserNotConfirmedException', Msg.userNotConfirmed);
    this.assertNotLocked(user, now);
    const { salt, verifier } = this.srpVerifier(ctx.pool, user);
    return this.passwordVerifier(
      ctx,
      { userIdForSrp: user.username, username: user.username, A, salt, verifier },
      now,
    );
  }

  private passwordVerifier(
    ctx: { pool: PoolState; client: ClientState; admin: boolean },
    srp: { userIdForSrp: string; username?: string; A: bigint; salt: bigint; verifier: bigint },
    now: number,
  ): Json {
    const { b, B } = makeServerEphemeral(srp.verifier);
    // Real SECRET_BLOCKs are opaque encrypted blobs of about 1.7 KB.
    const secretBlock = randomBytes(1024).toString('base64');
    this.verifiers.set(secretBlock, {
      poolId: ctx.pool.id,
      clientId: ctx.client.id,
      admin: ctx.admin,
      userIdForSrp: srp.userIdForSrp,
      ...(srp.username !== undefined ? { username: srp.username } : {}),
      A: srp.A,
      B,
      b,
      verifier: srp.verifier,
      expiresAt: now + ctx.client.sessionMinutes * MINUTE,
      used: false,
    });
    // No Session: AWS returns none with PASSWORD_VERIFIER (measured, ministack PR #1758), so a client
    // that insists on one breaks here as it would against AWS.
    return {
      ChallengeName: 'PASSWORD_VERIFIER',
      ChallengeParameters: {
        SALT: srp.salt.toString(16).padStart(32, '0'),
        SECRET_BLOCK: secretBlock,
        SRP_B: B.toString(16),
        USERNAME: srp.userIdForSrp,
        USER_ID_FOR_SRP: srp.userIdForSrp,
      },
    };
  }

  /** After a correct password or SRP proof: a forced password change, then MFA, then tokens. */
  private afterPassword(
    ctx: { pool: PoolState; client: ClientState; user: UserState; admin: boolean },
    now: number,
  ): Json {
    const { pool, user } = ctx;
    if (user.status === 'FORCE_CHANGE_PASSWORD') {
      if (now - user.passwordSetAt > pool.temporaryPasswordValidityDays * DAY) {
        throw err.notAuthorized(Msg.temporaryPasswordExpired);
      }
      const missing = pool.requiredAttributes.filter((name) => !user.attributes[name]);
      const visible = Object.fromEntries(Object.entries(user.attributes).filter(([name]) => name !== 'sub'));
      return this.challenge(
        ctx,
        'NEW_PASSWORD_REQUIRED',
        {
          USER_ID_FOR_SRP: user.username,
          userAttributes: JSON.stringify(visible),
          requiredAttributes: JSON.stringify(missing.map((name) => `userAttributes.${name}`)),
        },
        now,
      );
    }
    return this.mfaOrTokens(ctx, now);
  }

  /**
   * The factors Cognito would challenge with. In an ON pool every factor the user can receive counts
   * (a verified token, a phone, an e-mail, where the pool offers the channel); in an OPTIONAL pool only
   * those the user enabled (§3.2, §2.3). A verified TOTP keeps working after the pool flag is turned off
   * (§0.5); SMS and e-mail need the pool to offer them.
   */
  private factors(pool: PoolState, user: UserState): MfaType[] {
    const required = pool.mfa === 'ON';
    return MFA_ORDER.filter((type) => {
      const chosen = required || user.mfaSettings.includes(type);
      if (!chosen) return false;
      if (type === 'SOFTWARE_TOKEN_MFA') return user.activeTotp?.verified === true;
      if (type === 'SMS_MFA') return pool.sms && !!user.attributes.phone_number;
      return pool.email && !!user.attributes.email;
    });
  }

  private mfaOrTokens(
    ctx: { pool: PoolState; client: ClientState; user: UserState; admin: boolean },
    now: number,
  ): Json {
    const { pool, user } = ctx;
    if (pool.mfa === 'OFF') return this.signedIn(ctx, now, false);
    const factors = this.factors(pool, user);
    if (factors.length === 0) {
      if (pool.mfa === 'OPTIONAL') return this.signedIn(ctx, now, false);
      const canSetUp = MFA_ORDER.filter((type) =>
        type === 'SOFTWARE_TOKEN_MFA' ? pool.totp : type === 'SMS_MFA' ? pool.sms : pool.email,
      );
      return this.challenge(ctx, 'MFA_SETUP', { MFAS_CAN_SETUP: JSON.stringify(canSetUp) }, now);
    }
    const only = factors.length === 1 ? factors[0] : undefined;
    const chosen =
      only ?? (user.preferredMfa && factors.includes(user.preferredMfa) ? user.preferredMfa : undefined);
    if (chosen) return this.mfaChallenge(ctx, chosen, now);
    return this.challenge(ctx, 'SELECT_MFA_TYPE', { MFAS_CAN_CHOOSE: JSON.stringify(factors) }, now, {
      options: factors,
    });
  }

  /** Challenge parameters as documented per challenge (§3.1), nothing more, so clients can't lean on extras. */
  private mfaChallenge(
    ctx: { pool: PoolState; client: ClientState; user: UserState; admin: boolean },
    type: MfaType,
    now: number,
  ): Json {
    const { user } = ctx;
    if (type === 'SOFTWARE_TOKEN_MFA') {
      const deviceName = user.activeTotp?.deviceName;
      return this.challenge(
        ctx,
        'SOFTWARE_TOKEN_MFA',
        {
          USER_ID_FOR_SRP: user.username,
          ...(deviceName !== undefined ? { FRIENDLY_DEVICE_NAME: deviceName } : {}),
        },
        now,
      );
    }
    const code = String(randomInt(1_000_000)).padStart(6, '0');
    user.lastDeliveredCode = code;
    const sms = type === 'SMS_MFA';
    return this.challenge(
      ctx,
      type,
      {
        CODE_DELIVERY_DELIVERY_MEDIUM: sms ? 'SMS' : 'EMAIL',
        CODE_DELIVERY_DESTINATION: sms
          ? maskPhone(user.attributes.phone_number ?? '')
          : maskEmail(user.attributes.email ?? ''),
      },
      now,
      { code },
    );
  }

  private mintTokens(
    pool: PoolState,
    client: ClientState,
    user: UserState,
    now: number,
    authTime: number,
    deviceKey?: string,
  ): Json {
    const iat = Math.floor(now / 1000);
    const common = {
      sub: user.sub,
      iss: `https://cognito-idp.${this.region}.amazonaws.com/${pool.id}`,
      origin_jti: randomUUID(),
      event_id: randomUUID(),
      auth_time: authTime,
      iat,
      exp: iat + TOKEN_SECONDS,
      jti: randomUUID(),
    };
    const accessToken = this.issuer.sign({
      ...common,
      token_use: 'access',
      client_id: client.id,
      scope: 'aws.cognito.signin.user.admin',
      username: user.username,
      ...(deviceKey !== undefined ? { device_key: deviceKey } : {}),
    });
    const claims: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(user.attributes)) {
      if (name === 'sub') continue;
      claims[name] = name.endsWith('_verified') ? value === 'true' : value;
    }
    const idToken = this.issuer.sign({
      ...claims,
      ...common,
      aud: client.id,
      token_use: 'id',
      'cognito:username': user.username,
    });
    return { AccessToken: accessToken, ExpiresIn: TOKEN_SECONDS, TokenType: 'Bearer', IdToken: idToken };
  }

  private signedIn(
    ctx: { pool: PoolState; client: ClientState; user: UserState },
    now: number,
    afterMfa: boolean,
  ): Json {
    const { pool, client, user } = ctx;
    let device: { DeviceKey: string; DeviceGroupKey: string } | undefined;
    if (afterMfa) {
      // Device tracking hands out a new device after an MFA sign-in; clients must cope (§2.5).
      device = { DeviceKey: `${this.region}_${randomUUID()}`, DeviceGroupKey: `-${randomAlnum(9)}` };
      user.devices.set(device.DeviceKey, { groupKey: device.DeviceGroupKey, confirmed: false });
    }
    const authTime = Math.floor(now / 1000);
    const refreshToken = newRefreshToken();
    this.refreshTokens.set(refreshToken, {
      poolId: pool.id,
      clientId: client.id,
      username: user.username,
      ...(device ? { deviceKey: device.DeviceKey } : {}),
      authTime,
      expiresAt: now + REFRESH_DAYS * DAY,
    });
    return {
      ChallengeParameters: {},
      AuthenticationResult: {
        ...this.mintTokens(pool, client, user, now, authTime, device?.DeviceKey),
        RefreshToken: refreshToken,
        ...(device ? { NewDeviceMetadata: device } : {}),
      },
    };
  }

  private refresh(
    ctx: { pool: PoolState; client: ClientState },
    params: Record<string, string>,
    now: number,
  ): Json {
    const token = params.REFRESH_TOKEN;
    if (!token) throw err.missingParameter('REFRESH_TOKEN');
    const record = this.refreshTokens.get(token);
    if (!record || record.clientId !== ctx.client.id) throw err.notAuthorized(Msg.invalidRefreshToken);
    const user = ctx.pool.users.get(record.username.toLowerCase());
    if (!user) throw err.notAuthorized(Msg.invalidRefreshToken);
    // Nothing was typed here; the hash is of the pool's user name, as for challenge answers.
    this.checkSecretHash(ctx.client, params.SECRET_HASH, user.username);
    if (now >= record.expiresAt) throw err.notAuthorized(Msg.expiredRefreshToken);
    return {
      ChallengeParameters: {},
      AuthenticationResult: this.mintTokens(
        ctx.pool,
        ctx.client,
        user,
        now,
        record.authTime,
        record.deviceKey,
      ),
    };
  }

  // ---- RespondToAuthChallenge / AdminRespondToAuthChallenge ----------------------------------

  private respondToAuthChallenge(body: Body, now: number, admin: boolean): Json {
    const clientId = reqString(body, 'ClientId');
    const name = reqString(body, 'ChallengeName');
    const poolId = admin ? reqString(body, 'UserPoolId') : undefined;
    checkEnum('ChallengeName', name, CHALLENGE_NAMES);
    if (poolId !== undefined) this.poolById(poolId);
    const client = this.clientById(clientId, poolId);
    const responses = optStringMap(body, 'ChallengeResponses') ?? {};
    const rawSession = optString(body, 'Session');

    if (name === 'PASSWORD_VERIFIER') return this.answerPasswordVerifier(client, admin, responses, now);
    if (name === 'ADMIN_NO_SRP_AUTH') {
      throw err.invalidParameter("ADMIN_NO_SRP_AUTH can't be answered with RespondToAuthChallenge.");
    }
    const step = STEP_FOR_CHALLENGE[name];
    const session = this.takeSession(rawSession, step ? [step] : [], { clientId, admin }, now);
    const { pool, user } = this.sessionUser(session);
    const ctx = { pool, client, user, admin };

    const username = responses.USERNAME;
    if (!username) throw err.missingParameter('USERNAME');
    if (findUser(pool, username) !== user) throw err.notAuthorized(Msg.sessionInvalid);
    // Answers are hashed with the pool's user name (USER_ID_FOR_SRP), not the alias typed (§6.1).
    this.checkSecretHash(client, responses.SECRET_HASH, user.username);

    switch (name) {
      case 'NEW_PASSWORD_REQUIRED':
        return this.answerNewPassword(ctx, session, responses, now);
      case 'MFA_SETUP':
        session.used = true;
        if (!user.mfaSettings.includes('SOFTWARE_TOKEN_MFA')) user.mfaSettings.push('SOFTWARE_TOKEN_MFA');
        return this.signedIn(ctx, now, true);
      case 'SELECT_MFA_TYPE': {
        const answer = responses.ANSWER;
        if (!answer) throw err.missingParameter('ANSWER');
        // The API doc names e-mail EMAIL_MFA while Amplify sends EMAIL_OTP (§3.1); take either.
        const type = (answer === 'EMAIL_MFA' ? 'EMAIL_OTP' : answer) as MfaType;
        if (!session.options?.includes(type)) throw err.invalidParameter(Msg.invalidMfaAnswer(answer));
        session.used = true;
        return this.mfaChallenge(ctx, type, now);
      }
      case 'SOFTWARE_TOKEN_MFA':
        return this.answerTotp(ctx, session, responses, now);
      default: {
        // SMS_MFA / EMAIL_OTP
        const member = name === 'SMS_MFA' ? 'SMS_MFA_CODE' : 'EMAIL_OTP_CODE';
        const code = responses[member];
        if (!code) throw err.missingParameter(member);
        if (!session.code || !sameText(code, session.code))
          throw new CognitoError('CodeMismatchException', Msg.codeMismatch);
        session.used = true;
        return this.signedIn(ctx, now, true);
      }
    }
  }

  private answerPasswordVerifier(
    client: ClientState,
    admin: boolean,
    responses: Record<string, string>,
    now: number,
  ): Json {
    const need = (member: string): string => {
      const value = responses[member];
      if (!value) throw err.missingParameter(member);
      return value;
    };
    const username = need('USERNAME');
    const block = need('PASSWORD_CLAIM_SECRET_BLOCK');
    const signature = need('PASSWORD_CLAIM_SIGNATURE');
    const timestamp = parseSrpTimestamp(need('TIMESTAMP'));
    if (!timestamp) throw err.invalidParameter(Msg.timestampFormat);
    const state = this.verifiers.get(block);
    // A SECRET_BLOCK that isn't ours, was answered already, or belongs to another client fails like a
    // wrong proof (measured, §3.5).
    if (!state || state.used || state.clientId !== client.id || state.admin !== admin) {
      throw err.notAuthorized(Msg.incorrectCredentials);
    }
    if (now >= state.expiresAt) throw err.notAuthorized(Msg.sessionExpired);
    this.checkSecretHash(client, responses.SECRET_HASH, state.userIdForSrp);
    state.used = true;
    const pool = this.poolById(state.poolId);
    const user = state.username !== undefined ? pool.users.get(state.username.toLowerCase()) : undefined;
    if (!user || findUser(pool, username) !== user) throw err.notAuthorized(Msg.incorrectCredentials);
    this.assertNotLocked(user, now);
    const ok = verifyPasswordClaim({
      A: state.A,
      B: state.B,
      b: state.b,
      verifier: state.verifier,
      poolName: pool.id.slice(pool.id.indexOf('_') + 1),
      username: state.userIdForSrp,
      secretBlock: Buffer.from(block, 'base64'),
      // Signed over the canonical form of the parsed time: a zero-padded day or wrong weekday parses
      // but no longer matches (§0.10, §3.5).
      timestamp: formatSrpTimestamp(timestamp),
      signatureBase64: signature,
    });
    if (!ok) {
      this.recordFailure(user, now);
      throw err.notAuthorized(Msg.incorrectCredentials);
    }
    user.failedAttempts = 0;
    if (user.status === 'UNCONFIRMED')
      throw new CognitoError('UserNotConfirmedException', Msg.userNotConfirmed);
    return this.afterPassword({ pool, client, user, admin }, now);
  }

  private answerNewPassword(
    ctx: { pool: PoolState; client: ClientState; user: UserState; admin: boolean },
    session: SessionState,
    responses: Record<string, string>,
    now: number,
  ): Json {
    const { pool, user } = ctx;
    const password = responses.NEW_PASSWORD;
    if (!password) throw err.missingParameter('NEW_PASSWORD');
    const given: Record<string, string> = {};
    for (const [key, value] of Object.entries(responses)) {
      if (key.startsWith('userAttributes.')) given[key.slice('userAttributes.'.length)] = value;
    }
    const missing = pool.requiredAttributes.filter((name) => !user.attributes[name] && !given[name]);
    if (missing.length) throw err.invalidParameter(Msg.attributesMissing(missing));
    const problem = passwordProblem(password);
    if (problem) throw new CognitoError('InvalidPasswordException', Msg.passwordPolicy(problem));
    session.used = true;
    Object.assign(user.attributes, given);
    user.password = password;
    user.passwordSetAt = now;
    user.status = 'CONFIRMED';
    // An ON pool challenges for MFA set-up right after the new password (§3.2).
    return this.mfaOrTokens(ctx, now);
  }

  private answerTotp(
    ctx: { pool: PoolState; client: ClientState; user: UserState; admin: boolean },
    session: SessionState,
    responses: Record<string, string>,
    now: number,
  ): Json {
    const code = responses.SOFTWARE_TOKEN_MFA_CODE;
    if (!code) throw err.missingParameter('SOFTWARE_TOKEN_MFA_CODE');
    const token = ctx.user.activeTotp;
    if (!token?.verified) throw new CognitoError('SoftwareTokenMFANotFoundException', Msg.totpNotForUser);
    const step = matchingStep(token.secret, code, now);
    // A wrong code leaves the Session usable: retries within its lifetime are allowed (§3.6).
    if (step === undefined) throw new CognitoError('CodeMismatchException', Msg.codeMismatch);
    if (token.usedSteps.has(step)) throw new CognitoError('ExpiredCodeException', Msg.codeReused);
    token.usedSteps.add(step);
    session.used = true;
    return this.signedIn(ctx, now, true);
  }

  // ---- access-token operations ---------------------------------------------------------------

  private userFromAccessToken(token: string, now: number): { pool: PoolState; user: UserState } {
    checkAccessTokenShape(token);
    const claims = this.issuer.decodeVerified(token);
    if (!claims || claims.token_use !== 'access' || typeof claims.iss !== 'string') {
      throw err.notAuthorized(Msg.invalidAccessToken);
    }
    if (typeof claims.exp !== 'number' || claims.exp * 1000 <= now) {
      throw err.notAuthorized(Msg.expiredAccessToken);
    }
    const pool = this.pools.get(claims.iss.slice(claims.iss.lastIndexOf('/') + 1));
    const username = typeof claims.username === 'string' ? claims.username : '';
    const user = pool?.users.get(username.toLowerCase());
    if (!pool || !user || user.sub !== claims.sub) throw err.notAuthorized(Msg.invalidAccessToken);
    return { pool, user };
  }

  /** "either an access token or a session ID … but not both" (§2.1). */
  private tokenOrSession(body: Body): { accessToken?: string; session?: string } {
    const accessToken = optString(body, 'AccessToken');
    const session = optString(body, 'Session');
    if (accessToken !== undefined && session !== undefined) throw err.invalidParameter(Msg.tokenAndSession);
    if (accessToken === undefined && session === undefined) throw err.invalidParameter(Msg.tokenOrSession);
    checkSession(session);
    return {
      ...(accessToken !== undefined ? { accessToken } : {}),
      ...(session !== undefined ? { session } : {}),
    };
  }

  private associateSoftwareToken(body: Body, now: number): Json {
    const { accessToken, session: rawSession } = this.tokenOrSession(body);
    const fresh = () => ({ secret: newSecretCode(), verified: false, usedSteps: new Set<number>() });
    if (accessToken !== undefined) {
      const { pool, user } = this.userFromAccessToken(accessToken, now);
      if (!pool.totp) throw new CognitoError('SoftwareTokenMFANotFoundException', Msg.totpNotEnabledInPool);
      // Replaces an earlier unverified secret; a verified one stays in use until the new one is
      // verified (§2.1).
      user.pendingTotp = fresh();
      return { SecretCode: user.pendingTotp.secret };
    }
    const session = this.takeSession(rawSession, ['MFA_SETUP'], {}, now);
    const { pool, user } = this.sessionUser(session);
    if (!pool.totp) throw new CognitoError('SoftwareTokenMFANotFoundException', Msg.totpNotEnabledInPool);
    session.used = true;
    user.pendingTotp = fresh();
    const next = this.openSession(session, 'MFA_SETUP_VERIFY', now);
    return { SecretCode: user.pendingTotp.secret, Session: next };
  }

  private verifySoftwareToken(body: Body, now: number): Json {
    const userCode = reqString(body, 'UserCode');
    const problems = constraintProblems('UserCode', userCode, {
      min: 6,
      max: 6,
      pattern: /^[0-9]+$/,
      patternText: '[0-9]+',
      sensitive: true,
    });
    if (problems.length) throw err.validation(problems);
    const deviceName = optString(body, 'FriendlyDeviceName');
    const { accessToken, session: rawSession } = this.tokenOrSession(body);
    let session: SessionState | undefined;
    let pool: PoolState;
    let user: UserState;
    if (accessToken !== undefined) {
      ({ pool, user } = this.userFromAccessToken(accessToken, now));
    } else {
      session = this.takeSession(rawSession, ['MFA_SETUP_VERIFY'], {}, now);
      ({ pool, user } = this.sessionUser(session));
    }
    if (!pool.totp) throw new CognitoError('SoftwareTokenMFANotFoundException', Msg.totpNotEnabledInPool);
    const pending = user.pendingTotp;
    if (!pending) throw new CognitoError('SoftwareTokenMFANotFoundException', Msg.noTotpAssociation);
    const step = matchingStep(pending.secret, userCode, now);
    // A mismatch keeps the Session: Amplify retries set-up codes on this exception (§2.2).
    if (step === undefined) throw new CognitoError('EnableSoftwareTokenMFAException', Msg.verifyMismatch);
    pending.verified = true;
    if (deviceName !== undefined) pending.deviceName = deviceName;
    // The code just used can't sign in (§0.4).
    pending.usedSteps.add(step);
    user.activeTotp = pending;
    delete user.pendingTotp;
    if (!session) return { Status: 'SUCCESS' };
    session.used = true;
    // Set up during sign-in the token is the user's factor at once, so a fresh sign-in meets
    // SOFTWARE_TOKEN_MFA even if the MFA_SETUP answer never comes (AWS's own example, §3.3).
    if (!user.mfaSettings.includes('SOFTWARE_TOKEN_MFA')) user.mfaSettings.push('SOFTWARE_TOKEN_MFA');
    return { Status: 'SUCCESS', Session: this.openSession(session, 'MFA_SETUP_COMPLETE', now) };
  }

  private applyMfaPreference(user: UserState, body: Body): void {
    const changes: Array<{ type: MfaType; enabled?: boolean; preferred?: boolean }> = [];
    for (const [member, type] of MFA_SETTING_MEMBERS) {
      const settings = optObject(body, member);
      if (!settings) continue;
      const enabled = optBoolean(settings, 'Enabled');
      const preferred = optBoolean(settings, 'PreferredMfa');
      changes.push({
        type,
        ...(enabled !== undefined ? { enabled } : {}),
        ...(preferred !== undefined ? { preferred } : {}),
      });
    }
    // Validate everything first so a refused request changes nothing.
    const enabledAfter = new Set(user.mfaSettings);
    for (const change of changes) {
      if (change.enabled === true) {
        const deliverable =
          change.type === 'SOFTWARE_TOKEN_MFA'
            ? user.activeTotp?.verified === true
            : change.type === 'SMS_MFA'
              ? !!user.attributes.phone_number
              : !!user.attributes.email;
        // "Users must register a TOTP authenticator before they set this as their preferred MFA" (§2.3).
        if (!deliverable) throw err.invalidParameter(Msg.noDeliveryConfig(change.type));
        enabledAfter.add(change.type);
      } else if (change.enabled === false) {
        enabledAfter.delete(change.type);
      }
    }
    const preferred = changes.filter((change) => change.preferred === true);
    if (preferred.length > 1) throw err.invalidParameter(Msg.onePreferred);
    for (const change of preferred) {
      if (!enabledAfter.has(change.type)) throw err.invalidParameter(Msg.preferredNotEnabled(change.type));
    }
    user.mfaSettings = MFA_ORDER.filter((type) => enabledAfter.has(type));
    for (const change of changes) {
      if (change.preferred === true) user.preferredMfa = change.type;
      else if (
        (change.preferred === false || change.enabled === false) &&
        user.preferredMfa === change.type
      ) {
        delete user.preferredMfa;
      }
    }
  }

  private setUserMfaPreference(body: Body, now: number): Json {
    const { user } = this.userFromAccessToken(reqString(body, 'AccessToken'), now);
    this.applyMfaPreference(user, body);
    return {};
  }

  private adminSetUserMfaPreference(body: Body): Json {
    const username = reqString(body, 'Username');
    const pool = this.poolById(reqString(body, 'UserPoolId'));
    const user = findUser(pool, username);
    if (!user) throw err.userNotFound();
    this.applyMfaPreference(user, body);
    return {};
  }

  private getUser(body: Body, now: number): Json {
    const { user } = this.userFromAccessToken(reqString(body, 'AccessToken'), now);
    return {
      Username: user.username,
      UserAttributes: Object.entries(user.attributes).map(([Name, Value]) => ({ Name, Value })),
      ...(user.preferredMfa ? { PreferredMfaSetting: user.preferredMfa } : {}),
      ...(user.mfaSettings.length ? { UserMFASettingList: [...user.mfaSettings] } : {}),
    };
  }

  private confirmDevice(body: Body, now: number): Json {
    const { user } = this.userFromAccessToken(reqString(body, 'AccessToken'), now);
    const key = reqString(body, 'DeviceKey');
    const device = user.devices.get(key);
    if (!device) throw err.resourceNotFound(Msg.deviceNotFound);
    device.confirmed = true;
    const name = optString(body, 'DeviceName');
    if (name !== undefined) device.name = name;
    return { UserConfirmationNecessary: false };
  }

  // ---- pool MFA configuration ----------------------------------------------------------------

  mfaConfigOf(pool: PoolState): Json {
    return {
      MfaConfiguration: pool.mfa,
      SoftwareTokenMfaConfiguration: { Enabled: pool.totp },
      ...(pool.sms
        ? { SmsMfaConfiguration: pool.smsMessage ? { SmsAuthenticationMessage: pool.smsMessage } : {} }
        : {}),
      ...(pool.email ? { EmailMfaConfiguration: { ...pool.emailMessage } } : {}),
    };
  }

  private getUserPoolMfaConfig(body: Body): Json {
    return this.mfaConfigOf(this.poolById(reqString(body, 'UserPoolId')));
  }

  /**
   * Replaces the whole MFA configuration: an omitted MfaConfiguration means OFF and an omitted factor
   * configuration means that factor is off, so a client must send the full intended state.
   */
  private setUserPoolMfaConfig(body: Body): Json {
    const pool = this.poolById(reqString(body, 'UserPoolId'));
    const mode = optString(body, 'MfaConfiguration') ?? 'OFF';
    checkEnum('MfaConfiguration', mode, ['OFF', 'ON', 'OPTIONAL']);
    const totp = optObject(body, 'SoftwareTokenMfaConfiguration');
    const sms = optObject(body, 'SmsMfaConfiguration');
    const email = optObject(body, 'EmailMfaConfiguration');
    const totpOn = totp ? optBoolean(totp, 'Enabled') === true : false;
    if (mode !== 'OFF' && !totpOn && !sms && !email) throw err.invalidParameter(Msg.mfaNeedsFactor);
    pool.mfa = mode as PoolState['mfa'];
    pool.totp = totpOn;
    pool.sms = sms !== undefined;
    const smsMessage = sms ? optString(sms, 'SmsAuthenticationMessage') : undefined;
    if (smsMessage !== undefined) pool.smsMessage = smsMessage;
    else delete pool.smsMessage;
    pool.email = email !== undefined;
    if (email) {
      const message = optString(email, 'Message');
      const subject = optString(email, 'Subject');
      pool.emailMessage = {
        ...(message !== undefined ? { Message: message } : {}),
        ...(subject !== undefined ? { Subject: subject } : {}),
      };
    } else delete pool.emailMessage;
    return this.mfaConfigOf(pool);
  }
}
