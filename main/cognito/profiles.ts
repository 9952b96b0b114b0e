import type { AuthFlow, PoolView } from '../../preload/api';
import type { ErrorKey } from '../../preload/api';
import { KeyfobError, type ErrorParams } from '../errors';
import type { Keychain } from '../vault/keychain';
import { JsonStore, type Parsed, type Unreadable } from '../vault/store';

export type { AuthFlow };
export const AUTH_FLOWS: readonly AuthFlow[] = ['srp', 'password', 'admin'];

/** A Cognito user pool and app client that Keyfob signs in to: what the window shows of it is all there is. */
export type PoolProfile = PoolView;

export interface ProfileInput {
  name: string;
  region: string;
  userPoolId: string;
  clientId: string;
  endpoint?: string | undefined;
  authFlow?: string | undefined;
  awsProfile?: string | undefined;
}

const POOLS_FILE = 'pools.json';
const SCHEMA = 1;
/** Keychain account of a profile's client secret; the vault's recovery leaves items with this prefix alone. */
export const CLIENT_SECRET_PREFIX = 'pool-client-secret:';

interface PoolsFile {
  schema: number;
  pools: PoolProfile[];
}

function invalid(key: ErrorKey, params?: ErrorParams): KeyfobError {
  return new KeyfobError('PROFILE_INVALID', key, params);
}

/**
 * Checks every field and says, for each mistake, what is wrong and what a right value looks like. The shapes
 * are Cognito's: pool ids are `<region>_<suffix>`, app client ids 1–128 lower-case letters and digits.
 */
export function validateProfile(input: ProfileInput, hasClientSecret: boolean): PoolProfile {
  const name = input.name.trim();
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name)) {
    throw invalid('cognitoProfileName', { name: input.name });
  }
  const region = input.region.trim();
  if (!/^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d{1,2}$/.test(region)) {
    throw invalid('cognitoProfileRegion', {
      region: input.region,
    });
  }
  const userPoolId = input.userPoolId.trim();
  const poolMatch = /^([a-z0-9-]{1,50})_([A-Za-z0-9]{1,55})$/.exec(userPoolId);
  if (!poolMatch) {
    throw invalid('cognitoProfilePoolId', { poolId: input.userPoolId });
  }
  // Emulators name their own "regions" (cognito-local: local_AbC123); only real Cognito ties the two.
  const emulated = Boolean(input.endpoint?.trim());
  if (poolMatch[1] !== region && !emulated) {
    throw invalid('cognitoProfileRegionMismatch', {
      poolId: userPoolId,
      poolRegion: poolMatch[1] ?? '',
      region,
    });
  }
  const clientId = input.clientId.trim();
  if (!/^[\w+]{1,128}$/.test(clientId)) {
    throw invalid('cognitoProfileClientId', { clientId: input.clientId });
  }
  const authFlow = (input.authFlow ?? 'srp').trim().toLowerCase();
  if (!(AUTH_FLOWS as readonly string[]).includes(authFlow)) {
    throw invalid('cognitoProfileAuthFlow', { flow: input.authFlow ?? '' });
  }
  const profile: PoolProfile = {
    name,
    region,
    userPoolId,
    clientId,
    hasClientSecret,
    authFlow: authFlow as AuthFlow,
  };
  const endpoint = input.endpoint?.trim();
  if (endpoint) {
    let url: URL;
    try {
      url = new URL(endpoint);
    } catch {
      throw invalid('cognitoProfileEndpoint', { endpoint });
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw invalid('cognitoProfileEndpointProtocol', { protocol: url.protocol });
    }
    const local = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    if (url.protocol === 'http:' && !local) {
      throw invalid('cognitoProfileEndpointHttp', { endpoint });
    }
    profile.endpoint = url.href.replace(/\/$/, '');
  }
  const awsProfile = input.awsProfile?.trim();
  if (awsProfile) profile.awsProfile = awsProfile;
  return profile;
}

function isProfile(v: unknown): v is PoolProfile {
  if (typeof v !== 'object' || v === null) return false;
  const p = v as Record<string, unknown>;
  return (
    typeof p.name === 'string' &&
    typeof p.region === 'string' &&
    typeof p.userPoolId === 'string' &&
    typeof p.clientId === 'string' &&
    typeof p.hasClientSecret === 'boolean' &&
    (AUTH_FLOWS as readonly unknown[]).includes(p.authFlow) &&
    (p.endpoint === undefined || typeof p.endpoint === 'string') &&
    (p.awsProfile === undefined || typeof p.awsProfile === 'string')
  );
}

function parsePools(text: string): Parsed<PoolsFile> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, why: { reason: 'notJson' } };
  }
  if (typeof json !== 'object' || json === null) return { ok: false, why: { reason: 'noSchema' } };
  const file = json as Record<string, unknown>;
  if (typeof file.schema !== 'number') return { ok: false, why: { reason: 'noSchema' } };
  if (file.schema > SCHEMA) return { ok: 'newer', schema: file.schema };
  if (!Array.isArray(file.pools) || !file.pools.every(isProfile))
    return { ok: false, why: { reason: 'poolMalformed' } };
  return { ok: true, file: { schema: SCHEMA, pools: file.pools } };
}

/** pools.json beside accounts.json; client secrets in the keychain under CLIENT_SECRET_PREFIX + name. */
export class ProfileStore {
  private readonly store: JsonStore<PoolsFile>;

  /**
   * `onMovedAside` hears of an unreadable pools.json that was moved aside (the profiles then start empty), so
   * the user is told rather than finding their profiles gone.
   */
  constructor(
    dir: string,
    private readonly keychain: Keychain,
    private readonly onMovedAside?: (path: string, why: Unreadable) => void,
  ) {
    this.store = new JsonStore(dir, {
      fileName: POOLS_FILE,
      what: 'poolProfiles',
      parse: parsePools,
      empty: () => ({ schema: SCHEMA, pools: [] }),
    });
  }

  async list(): Promise<PoolProfile[]> {
    const { file, movedAside } = await this.store.read();
    if (movedAside) this.onMovedAside?.(movedAside.path, movedAside.why);
    return [...file.pools].sort((a, b) => a.name.localeCompare(b.name));
  }

  async get(name: string): Promise<PoolProfile> {
    const found = (await this.list()).find((p) => p.name === name);
    if (!found) {
      throw new KeyfobError('PROFILE_NOT_FOUND', 'cognitoProfileNotFound', { name });
    }
    return found;
  }

  /**
   * Adds or replaces a profile. `clientSecret`: a string stores it, null removes it, undefined keeps what is
   * there (when replacing). The secret goes to the keychain before the profile says it has one.
   */
  async save(
    input: ProfileInput,
    options: { clientSecret?: string | null; replace?: boolean } = {},
  ): Promise<PoolProfile> {
    const existing = (await this.list()).find((p) => p.name === input.name.trim());
    if (existing && !options.replace) {
      throw new KeyfobError('PROFILE_EXISTS', 'cognitoProfileExists', { name: existing.name });
    }
    const secret = options.clientSecret?.trim();
    if (options.clientSecret !== undefined && options.clientSecret !== null && !secret) {
      throw invalid('cognitoClientSecretEmpty');
    }
    const hasSecret =
      options.clientSecret === undefined ? (existing?.hasClientSecret ?? false) : secret !== undefined;
    const profile = validateProfile(input, hasSecret);
    if (secret) await this.keychain.set(CLIENT_SECRET_PREFIX + profile.name, secret);
    await this.store.update((f) => {
      f.pools = f.pools.filter((p) => p.name !== profile.name);
      f.pools.push(profile);
      return { save: true, value: undefined };
    });
    if (options.clientSecret === null) await this.keychain.delete(CLIENT_SECRET_PREFIX + profile.name);
    return profile;
  }

  async remove(name: string): Promise<PoolProfile> {
    const profile = await this.get(name);
    await this.store.update((f) => {
      f.pools = f.pools.filter((p) => p.name !== name);
      return { save: true, value: undefined };
    });
    if (profile.hasClientSecret) await this.keychain.delete(CLIENT_SECRET_PREFIX + name);
    return profile;
  }

  async clientSecret(profile: PoolProfile): Promise<string | undefined> {
    if (!profile.hasClientSecret) return undefined;
    const secret = await this.keychain.get(CLIENT_SECRET_PREFIX + profile.name);
    if (secret === null) {
      throw new KeyfobError('SECRET_MISSING', 'cognitoClientSecretMissing', { name: profile.name });
    }
    return secret;
  }
}

/** A profile as shown to people and scripts (the app, `keyfob pool list --json`): never the client secret. */
export function profileView(p: PoolProfile) {
  return {
    name: p.name,
    region: p.region,
    userPoolId: p.userPoolId,
    clientId: p.clientId,
    hasClientSecret: p.hasClientSecret,
    authFlow: p.authFlow,
    ...(p.endpoint ? { endpoint: p.endpoint } : {}),
    ...(p.awsProfile ? { awsProfile: p.awsProfile } : {}),
  };
}
