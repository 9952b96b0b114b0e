/**
 * A strict local stand-in for the Amazon Cognito user-pools API, for tests and demos. It speaks the real
 * JSON 1.1 protocol on 127.0.0.1, so the real `@aws-sdk/client-cognito-identity-provider` client works
 * against it through `endpoint`, and it enforces the rules cognito-local skips (single-use, expiring
 * Sessions; SECRET_HASH; SRP; TOTP windows and code reuse; exact exception names and messages), per
 * /work/shared/reference/cognito.md.
 *
 *   const s = await CognitoStandIn.start({ now: () => clock });
 *   const pool = s.addPool({ mfa: 'ON' });
 *   const client = s.addClient(pool.id);
 *   s.addUser(pool.id, { username: 'alice', password: 'Passw0rd!' });
 *   new CognitoIdentityProviderClient({ region: s.region, endpoint: s.endpoint, credentials: s.adminCredentials });
 */
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createStandInServer, type InjectedFailure, type RecordedCall, type ResponseInfo } from './server';
import { CognitoService } from './service';
import type { AdminCredentials } from './sigv4';
import {
  ALL_FLOWS,
  findUser,
  snapshotPool,
  snapshotUser,
  type ClientFlow,
  type MfaMode,
  type MfaType,
  type PoolSnapshot,
  type PoolState,
  type SignInAttribute,
  type UserSnapshot,
  type UserState,
  type UserStatus,
} from './state';
import { base32Decode } from './totp';

export type { AdminCredentials } from './sigv4';
export type { RecordedCall, InjectedFailure, ResponseInfo } from './server';
export type { ClientFlow, MfaMode, MfaType, PoolSnapshot, UserSnapshot, UserStatus } from './state';

export interface StartOptions {
  /** Epoch milliseconds; drives TOTP windows, Session / token expiry and the Date header. */
  now?: () => number;
  region?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Fixed credentials (the demo prints them); random per server by default. */
  adminCredentials?: AdminCredentials;
  /** Called after each response (the demo logs them). */
  onResponse?: (info: ResponseInfo) => void;
}

export interface PoolOptions {
  /** Fixed id `<region>_<alphanumerics>`; random by default. */
  id?: string;
  name?: string;
  mfa?: MfaMode;
  /** SoftwareTokenMfaConfiguration.Enabled. */
  totp?: boolean;
  sms?: boolean;
  email?: boolean;
  preventUserExistenceErrors?: boolean;
  /** Required attributes a FORCE_CHANGE_PASSWORD user must supply in NEW_PASSWORD_REQUIRED. */
  requiredAttributes?: string[];
  /** Sign in with these instead of a user name; the user name becomes the `sub` (USER_ID_FOR_SRP). */
  usernameAttributes?: SignInAttribute[];
  /** Also accept these as sign-in names; USER_ID_FOR_SRP stays the user name. */
  aliasAttributes?: SignInAttribute[];
  temporaryPasswordValidityDays?: number;
}

export interface ClientOptions {
  /** Fixed id; random 26 characters by default. */
  id?: string;
  name?: string;
  /** true for a generated secret, or the secret itself. */
  secret?: boolean | string;
  flows?: ClientFlow[];
  /** AuthSessionValidity in minutes (3–15 on AWS). */
  sessionMinutes?: number;
}

export interface UserOptions {
  /** With `usernameAttributes`, the e-mail / phone number to sign in with. */
  username: string;
  /** The permanent password, or the temporary one for FORCE_CHANGE_PASSWORD. */
  password: string;
  status?: UserStatus;
  /** A verified TOTP secret (base32), enabled as a factor. */
  totpSecret?: string;
  totpDeviceName?: string;
  preferred?: MfaType;
  smsMfa?: boolean;
  emailMfa?: boolean;
  phone?: string;
  email?: string;
  attributes?: Record<string, string>;
}

export interface PoolHandle {
  id: string;
  name: string;
}

export interface ClientHandle {
  id: string;
  poolId: string;
  secret: string | undefined;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

function randomFrom(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

export class CognitoStandIn {
  readonly endpoint: string;
  readonly region: string;
  readonly adminCredentials: AdminCredentials;
  /** Every request received, in order. */
  readonly calls: RecordedCall[];

  private constructor(
    private readonly server: Server,
    private readonly service: CognitoService,
    private readonly failures: Map<string, InjectedFailure[]>,
    private readonly now: () => number,
    init: { endpoint: string; region: string; adminCredentials: AdminCredentials; calls: RecordedCall[] },
  ) {
    this.endpoint = init.endpoint;
    this.region = init.region;
    this.adminCredentials = init.adminCredentials;
    this.calls = init.calls;
  }

  static async start(options: StartOptions = {}): Promise<CognitoStandIn> {
    const region = options.region ?? 'eu-west-1';
    const now = options.now ?? Date.now;
    const adminCredentials = options.adminCredentials ?? {
      accessKeyId: `AKIA${randomFrom('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`,
      secretAccessKey: randomBytes(30).toString('base64'),
    };
    const service = new CognitoService(region);
    const calls: RecordedCall[] = [];
    const failures = new Map<string, InjectedFailure[]>();
    const takeFailure = (target: string) => {
      for (const key of [target, '*']) {
        const queue = failures.get(key);
        const next = queue?.shift();
        if (next) return next;
      }
      return undefined;
    };
    const server = createStandInServer({
      service,
      now,
      region,
      credentials: adminCredentials,
      calls,
      takeFailure,
      ...(options.onResponse ? { onResponse: options.onResponse } : {}),
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const { port } = server.address() as AddressInfo;
    return new CognitoStandIn(server, service, failures, now, {
      endpoint: `http://127.0.0.1:${port}`,
      region,
      adminCredentials,
      calls,
    });
  }

  addPool(options: PoolOptions = {}): PoolHandle {
    const id = options.id ?? `${this.region}_${randomFrom(ALNUM, 9)}`;
    if (!new RegExp(`^${this.region}_[0-9A-Za-z]+$`).test(id)) {
      throw new Error(`pool id ${id} must look like ${this.region}_<alphanumerics>`);
    }
    if (this.service.pools.has(id)) throw new Error(`pool ${id} exists already`);
    const pool: PoolState = {
      id,
      name: options.name ?? `pool-${id.slice(-4)}`,
      mfa: options.mfa ?? 'OFF',
      totp: options.totp ?? true,
      sms: options.sms ?? false,
      email: options.email ?? false,
      preventUserExistenceErrors: options.preventUserExistenceErrors ?? true,
      requiredAttributes: [...(options.requiredAttributes ?? [])],
      usernameAttributes: [...(options.usernameAttributes ?? [])],
      aliasAttributes: [...(options.aliasAttributes ?? [])],
      temporaryPasswordValidityDays: options.temporaryPasswordValidityDays ?? 7,
      users: new Map(),
    };
    this.service.pools.set(id, pool);
    return { id, name: pool.name };
  }

  addClient(poolId: string, options: ClientOptions = {}): ClientHandle {
    this.poolState(poolId);
    const id = options.id ?? randomFrom(LOWER_ALNUM, 26);
    if (this.service.clients.has(id)) throw new Error(`client ${id} exists already`);
    const secret =
      typeof options.secret === 'string'
        ? options.secret
        : options.secret
          ? randomFrom(LOWER_ALNUM, 51)
          : undefined;
    const sessionMinutes = options.sessionMinutes ?? 3;
    if (sessionMinutes < 3 || sessionMinutes > 15) throw new Error('sessionMinutes must be 3–15, as on AWS');
    this.service.clients.set(id, {
      id,
      poolId,
      name: options.name ?? `client-${id.slice(0, 4)}`,
      ...(secret !== undefined ? { secret } : {}),
      flows: new Set(options.flows ?? ALL_FLOWS),
      sessionMinutes,
    });
    return { id, poolId, secret };
  }

  addUser(poolId: string, options: UserOptions): UserSnapshot {
    const pool = this.poolState(poolId);
    const sub = randomUUID();
    const attributes: Record<string, string> = { sub, ...options.attributes };
    let username = options.username;
    if (pool.usernameAttributes.length > 0) {
      // The name given is the e-mail or phone number; Cognito's own user name is then the sub.
      const attr = options.username.includes('@') ? 'email' : 'phone_number';
      if (!pool.usernameAttributes.includes(attr)) {
        throw new Error(`pool ${poolId} signs in with ${pool.usernameAttributes.join('/')}, not ${attr}`);
      }
      attributes[attr] = options.username;
      username = sub;
    }
    if (options.email !== undefined) attributes.email = options.email;
    if (options.phone !== undefined) attributes.phone_number = options.phone;
    if (attributes.email !== undefined) attributes.email_verified ??= 'true';
    if (attributes.phone_number !== undefined) attributes.phone_number_verified ??= 'true';
    if (findUser(pool, username) || (attributes.email && findUser(pool, attributes.email))) {
      throw new Error(`user ${options.username} exists already in ${poolId}`);
    }
    const user: UserState = {
      username,
      sub,
      status: options.status ?? 'CONFIRMED',
      password: options.password,
      passwordSetAt: this.now(),
      attributes,
      mfaSettings: [],
      failedAttempts: 0,
      lastFailureAt: 0,
      devices: new Map(),
    };
    if (options.totpSecret !== undefined) {
      base32Decode(options.totpSecret);
      user.activeTotp = {
        secret: options.totpSecret,
        verified: true,
        ...(options.totpDeviceName !== undefined ? { deviceName: options.totpDeviceName } : {}),
        usedSteps: new Set(),
      };
    }
    const enabled = new Set<MfaType>();
    if (options.totpSecret !== undefined) enabled.add('SOFTWARE_TOKEN_MFA');
    if (options.smsMfa) {
      if (!attributes.phone_number) throw new Error('smsMfa needs a phone');
      enabled.add('SMS_MFA');
    }
    if (options.emailMfa) {
      if (!attributes.email) throw new Error('emailMfa needs an email');
      enabled.add('EMAIL_OTP');
    }
    user.mfaSettings = (['SMS_MFA', 'SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'] as const).filter((t) =>
      enabled.has(t),
    );
    if (options.preferred !== undefined) {
      if (!enabled.has(options.preferred)) throw new Error(`preferred ${options.preferred} is not enabled`);
      user.preferredMfa = options.preferred;
    }
    pool.users.set(username.toLowerCase(), user);
    return snapshotUser(user);
  }

  /** A copy of the user's state; `username` may be any name the user signs in with. */
  user(poolId: string, username: string): UserSnapshot {
    return snapshotUser(this.userState(poolId, username));
  }

  pool(poolId: string): PoolSnapshot {
    return snapshotPool(this.poolState(poolId));
  }

  /** The SMS_MFA / EMAIL_OTP code the pool last "sent" the user. */
  lastDeliveredCode(poolId: string, username: string): string | undefined {
    return this.userState(poolId, username).lastDeliveredCode;
  }

  /**
   * Makes the next request to `target` (an operation name such as 'InitiateAuth', or '*' for any) fail
   * with this exception, before any other check; status defaults to 400 (403 Forbidden, 500 Internal).
   */
  failNext(target: string, error: { name: string; message: string; status?: number }): void {
    const key = target.replace(/^AWSCognitoIdentityProviderService\./, '');
    const queue = this.failures.get(key) ?? [];
    queue.push({ ...error });
    this.failures.set(key, queue);
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.close((error) => (error ? reject(error) : resolve()));
      this.server.closeAllConnections();
    });
  }

  private poolState(poolId: string): PoolState {
    const pool = this.service.pools.get(poolId);
    if (!pool) throw new Error(`no pool ${poolId}`);
    return pool;
  }

  private userState(poolId: string, username: string): UserState {
    const user = findUser(this.poolState(poolId), username);
    if (!user) throw new Error(`no user ${username} in ${poolId}`);
    return user;
  }
}
