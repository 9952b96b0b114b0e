import { HOTP, Secret } from 'otpauth';
import type { OtpParams } from './types';

/** Milliseconds since the epoch. Injected so that tests, the CLI's `--at` and clock-skew correction share one path. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export interface TimeCode {
  code: string;
  /** The code of the following period, for showing ahead during the last seconds. */
  next: string;
  /** The RFC 6238 time step (T) the code belongs to; the Cognito engine uses it to never reuse a code. */
  step: number;
  period: number;
  /** Whole seconds until the code changes, 1..period. */
  remaining: number;
  /** When the code stops being current, in epoch milliseconds. */
  expiresAt: number;
}

const STEAM_ALPHABET = '23456789BCDFGHJKMNPQRTVWXY';

/**
 * HOTP (RFC 4226) for any counter. Steam Guard uses the same HMAC and dynamic truncation but spells the
 * 31-bit value in its own alphabet: asking otpauth for 10 digits returns that value whole (it is < 2^31 < 10^10).
 */
export function codeForCounter(
  secret: string,
  params: Pick<OtpParams, 'type' | 'algorithm' | 'digits'>,
  counter: number,
): string {
  const key = Secret.fromBase32(secret);
  if (params.type === 'steam') {
    let value = Number(HOTP.generate({ secret: key, algorithm: 'SHA1', digits: 10, counter }));
    let out = '';
    for (let i = 0; i < 5; i++) {
      out += STEAM_ALPHABET[value % STEAM_ALPHABET.length];
      value = Math.floor(value / STEAM_ALPHABET.length);
    }
    return out;
  }
  return HOTP.generate({ secret: key, algorithm: params.algorithm, digits: params.digits, counter });
}

/** The code of a time-based (TOTP or Steam) account at `atMs`, with the next one and the time left. */
export function codeAt(secret: string, params: OtpParams, atMs: number): TimeCode {
  const periodMs = params.period * 1000;
  const step = Math.floor(atMs / periodMs);
  const expiresAt = (step + 1) * periodMs;
  return {
    code: codeForCounter(secret, params, step),
    next: codeForCounter(secret, params, step + 1),
    step,
    period: params.period,
    remaining: Math.max(1, Math.ceil((expiresAt - atMs) / 1000)),
    expiresAt,
  };
}

/** The time codes are computed at: an injectable clock plus an offset (e.g. the skew measured against a server). */
export class CodeClock {
  constructor(
    private readonly clock: Clock = systemClock,
    private offsetMs = 0,
  ) {}

  now(): number {
    return this.clock.now() + this.offsetMs;
  }

  setOffset(offsetMs: number): void {
    this.offsetMs = offsetMs;
  }

  get offset(): number {
    return this.offsetMs;
  }

  codeFor(secret: string, params: OtpParams): TimeCode {
    return codeAt(secret, params, this.now());
  }
}
