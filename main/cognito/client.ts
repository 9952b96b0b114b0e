import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { fromIni } from '@aws-sdk/credential-providers';
import { systemClock, type Clock } from '../otp/codes';
import type { PoolProfile } from './profiles';

/** Beyond this difference from the service's clock, TOTP codes start to fail (Cognito allows ±30 s). */
export const SKEW_WARNING_MS = 15_000;

export interface ClockSkew {
  /** Service time minus local time, in milliseconds (±0.5 s: the Date header has whole seconds). */
  offsetMs: number;
  /** True when the difference is large enough to cause wrong codes. */
  warn: boolean;
}

export interface ClientOptions {
  clock?: Clock;
  /** Called after every response that carried a Date header. */
  onSkew?: (skew: ClockSkew) => void;
  /** The SDK's retries for throttling and network faults (its default is 3 attempts). */
  maxAttempts?: number;
}

export type CognitoClientFactory = (
  profile: PoolProfile,
  options?: ClientOptions,
) => CognitoIdentityProviderClient;

function dateHeader(headers: unknown): number | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  const value = (headers as Record<string, unknown>).date ?? (headers as Record<string, unknown>).Date;
  if (typeof value !== 'string') return undefined;
  const parsed = Date.parse(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}

type CredentialProvider = ReturnType<typeof fromIni>;

function namedProfile(name: string): CredentialProvider {
  let provider: CredentialProvider | undefined;
  return async (options) => {
    provider ??= (await import('@aws-sdk/credential-providers')).fromIni({ profile: name });
    return provider(options);
  };
}

/**
 * The real SDK client for a profile. User-facing operations are unauthenticated (smithy `noAuth`), so no AWS
 * credentials are needed unless the profile uses the admin flow, which takes them from the SDK's default
 * provider chain or the profile's named AWS profile. A middleware reads each response's Date header to
 * measure how far this computer's clock is from Cognito's.
 */
export const createCognitoClient: CognitoClientFactory = (profile, options = {}) => {
  const clock = options.clock ?? systemClock;
  const client = new CognitoIdentityProviderClient({
    region: profile.region,
    ...(profile.endpoint ? { endpoint: profile.endpoint } : {}),
    // The shared-config provider (and the STS and SSO clients it brings) loads only for a named AWS profile.
    ...(profile.awsProfile ? { credentials: namedProfile(profile.awsProfile) } : {}),
    maxAttempts: options.maxAttempts ?? 3,
  });
  const onSkew = options.onSkew;
  if (onSkew) {
    const report = (headers: unknown, start: number, end: number) => {
      const serverMs = dateHeader(headers);
      if (serverMs === undefined) return;
      // The header truncates to the second: the service's time was somewhere in [date, date + 1 s).
      const offsetMs = Math.round(serverMs + 500 - (start + end) / 2);
      onSkew({ offsetMs, warn: Math.abs(offsetMs) > SKEW_WARNING_MS });
    };
    client.middlewareStack.add(
      (next) => async (args) => {
        const start = clock.now();
        try {
          const result = await next(args);
          report((result.response as { headers?: unknown }).headers, start, clock.now());
          return result;
        } catch (error) {
          report((error as { $response?: { headers?: unknown } }).$response?.headers, start, clock.now());
          throw error;
        }
      },
      { step: 'deserialize', name: 'keyfobClockSkew', priority: 'low' },
    );
  }
  return client;
};
