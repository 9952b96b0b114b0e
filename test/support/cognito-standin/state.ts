/**
 * The stand-in's in-memory model of pools, app clients, users, challenge sessions and refresh tokens,
 * plus the read-only snapshots the public API hands to tests.
 */

export type MfaMode = 'OFF' | 'OPTIONAL' | 'ON';
export type MfaType = 'SOFTWARE_TOKEN_MFA' | 'SMS_MFA' | 'EMAIL_OTP';
export type ClientFlow =
  'USER_SRP_AUTH' | 'USER_PASSWORD_AUTH' | 'ADMIN_USER_PASSWORD_AUTH' | 'REFRESH_TOKEN_AUTH';
export type UserStatus = 'CONFIRMED' | 'FORCE_CHANGE_PASSWORD' | 'UNCONFIRMED';
export type SignInAttribute = 'email' | 'phone_number';

export const ALL_FLOWS: readonly ClientFlow[] = [
  'USER_SRP_AUTH',
  'USER_PASSWORD_AUTH',
  'ADMIN_USER_PASSWORD_AUTH',
  'REFRESH_TOKEN_AUTH',
];

/** The order Cognito lists factors in MFAS_CAN_CHOOSE / MFAS_CAN_SETUP (SMS first, as in its examples). */
export const MFA_ORDER: readonly MfaType[] = ['SMS_MFA', 'SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'];

export interface PoolState {
  id: string;
  name: string;
  mfa: MfaMode;
  totp: boolean;
  sms: boolean;
  email: boolean;
  smsMessage?: string;
  emailMessage?: { Message?: string; Subject?: string };
  preventUserExistenceErrors: boolean;
  requiredAttributes: string[];
  /** Attributes users sign in with instead of a user name (the user name then is the `sub`). */
  usernameAttributes: SignInAttribute[];
  /** Attributes users may sign in with besides their user name. */
  aliasAttributes: SignInAttribute[];
  temporaryPasswordValidityDays: number;
  /** Keyed by the lower-cased user name: user names are case-insensitive, as in pools created today. */
  users: Map<string, UserState>;
}

export interface ClientState {
  id: string;
  poolId: string;
  name: string;
  secret?: string;
  flows: Set<ClientFlow>;
  sessionMinutes: number;
}

export interface TotpToken {
  secret: string;
  verified: boolean;
  deviceName?: string;
  /** Time steps whose codes were accepted; Cognito refuses a second use of a code. */
  usedSteps: Set<number>;
}

export interface DeviceState {
  groupKey: string;
  confirmed: boolean;
  name?: string;
}

export interface UserState {
  username: string;
  sub: string;
  status: UserStatus;
  password: string;
  /** When the (temporary) password was set, for the temporary password's validity. */
  passwordSetAt: number;
  attributes: Record<string, string>;
  /** The verified token Cognito checks SOFTWARE_TOKEN_MFA codes against. */
  activeTotp?: TotpToken;
  /** Associated but not yet verified; it replaces activeTotp only once verified (§2.1). */
  pendingTotp?: TotpToken;
  mfaSettings: MfaType[];
  preferredMfa?: MfaType;
  failedAttempts: number;
  lastFailureAt: number;
  lastDeliveredCode?: string;
  devices: Map<string, DeviceState>;
  srpCache?: { password: string; salt: bigint; verifier: bigint };
}

/**
 * What a Session string stands for. `step` is what the holder may do next; the MFA_SETUP chain has three
 * (Associate, then Verify, then RespondToAuthChallenge MFA_SETUP), each with its own Session.
 */
export type SessionStep =
  | 'NEW_PASSWORD_REQUIRED'
  | 'MFA_SETUP'
  | 'MFA_SETUP_VERIFY'
  | 'MFA_SETUP_COMPLETE'
  | 'SELECT_MFA_TYPE'
  | 'SOFTWARE_TOKEN_MFA'
  | 'SMS_MFA'
  | 'EMAIL_OTP';

export interface SessionState {
  id: string;
  poolId: string;
  clientId: string;
  username: string;
  /** Issued by an Admin* operation: only the Admin* respond operation accepts it. */
  admin: boolean;
  step: SessionStep;
  createdAt: number;
  expiresAt: number;
  used: boolean;
  code?: string;
  options?: MfaType[];
}

/** PASSWORD_VERIFIER state; Cognito returns no Session there and keys the step by SECRET_BLOCK. */
export interface VerifierState {
  poolId: string;
  clientId: string;
  admin: boolean;
  /** USER_ID_FOR_SRP as sent; for an unknown user (PreventUserExistenceErrors) the name typed. */
  userIdForSrp: string;
  /** Undefined for the decoy challenge of an unknown user. */
  username?: string;
  A: bigint;
  B: bigint;
  b: bigint;
  verifier: bigint;
  expiresAt: number;
  used: boolean;
}

export interface RefreshState {
  poolId: string;
  clientId: string;
  username: string;
  deviceKey?: string;
  authTime: number;
  expiresAt: number;
}

export interface TotpSnapshot {
  secret: string;
  verified: boolean;
  deviceName?: string;
}

export interface UserSnapshot {
  username: string;
  sub: string;
  status: UserStatus;
  password: string;
  attributes: Record<string, string>;
  /** The verified token in use, else the associated one awaiting verification. */
  totp?: TotpSnapshot;
  /** An association not verified yet (also shown as `totp` when there is no verified token). */
  pendingTotp?: TotpSnapshot;
  mfaSettings: string[];
  preferredMfa?: string;
  usedTotpSteps: number[];
  failedAttempts: number;
  devices: Array<{ key: string; groupKey: string; confirmed: boolean; name?: string }>;
}

export interface PoolSnapshot {
  id: string;
  name: string;
  mfa: MfaMode;
  totp: boolean;
  sms: boolean;
  email: boolean;
  preventUserExistenceErrors: boolean;
  requiredAttributes: string[];
}

function totpSnapshot(token: TotpToken): TotpSnapshot {
  return {
    secret: token.secret,
    verified: token.verified,
    ...(token.deviceName !== undefined ? { deviceName: token.deviceName } : {}),
  };
}

export function snapshotUser(user: UserState): UserSnapshot {
  const shown = user.activeTotp ?? user.pendingTotp;
  return {
    username: user.username,
    sub: user.sub,
    status: user.status,
    password: user.password,
    attributes: { ...user.attributes },
    ...(shown ? { totp: totpSnapshot(shown) } : {}),
    ...(user.pendingTotp ? { pendingTotp: totpSnapshot(user.pendingTotp) } : {}),
    mfaSettings: [...user.mfaSettings],
    ...(user.preferredMfa ? { preferredMfa: user.preferredMfa } : {}),
    usedTotpSteps: [...(shown?.usedSteps ?? [])].sort((a, b) => a - b),
    failedAttempts: user.failedAttempts,
    devices: [...user.devices].map(([key, d]) => ({
      key,
      groupKey: d.groupKey,
      confirmed: d.confirmed,
      ...(d.name !== undefined ? { name: d.name } : {}),
    })),
  };
}

export function snapshotPool(pool: PoolState): PoolSnapshot {
  return {
    id: pool.id,
    name: pool.name,
    mfa: pool.mfa,
    totp: pool.totp,
    sms: pool.sms,
    email: pool.email,
    preventUserExistenceErrors: pool.preventUserExistenceErrors,
    requiredAttributes: [...pool.requiredAttributes],
  };
}

/**
 * The user a sign-in name refers to: the user name (case-insensitive), or an e-mail / phone number when
 * the pool signs in with it (UsernameAttributes) or allows it as an alias (AliasAttributes).
 */
export function findUser(pool: PoolState, name: string): UserState | undefined {
  const direct = pool.users.get(name.toLowerCase());
  if (direct) return direct;
  const attrs = new Set([...pool.usernameAttributes, ...pool.aliasAttributes]);
  if (attrs.size === 0) return undefined;
  for (const user of pool.users.values()) {
    for (const attr of attrs) {
      const value = user.attributes[attr];
      if (value !== undefined && value.toLowerCase() === name.toLowerCase()) return user;
    }
  }
  return undefined;
}
