/** `steam` is TOTP (SHA1, 30 s) shown as Steam Guard's 5-character codes. */
export type OtpType = 'totp' | 'hotp' | 'steam';
export type Algorithm = 'SHA1' | 'SHA256' | 'SHA512';

export const ALGORITHMS: readonly Algorithm[] = ['SHA1', 'SHA256', 'SHA512'];
export const MIN_DIGITS = 6;
export const MAX_DIGITS = 8;
export const STEAM_DIGITS = 5;
export const DEFAULT_PERIOD = 30;

export interface OtpParams {
  type: OtpType;
  algorithm: Algorithm;
  /** 6–8 for TOTP/HOTP; always 5 for Steam. */
  digits: number;
  /** Seconds per code, a positive integer; meaningful for TOTP and Steam. */
  period: number;
  /** The next HOTP counter value to use; 0 for time-based accounts. */
  counter: number;
}

/** An account as read from an otpauth:// URI, a migration payload or typed in; the secret is normalised base32. */
export interface OtpAccount {
  issuer: string;
  label: string;
  secret: string;
  params: OtpParams;
  /** Parameters Keyfob does not interpret (image, color, …), kept so that nothing a producer wrote is lost. */
  extra: Record<string, string>;
  /**
   * How the person organised it, where the source keeps that (an Aegis vault's favourites and groups), so an
   * import or a backup loses none of it.
   */
  favourite?: boolean;
  tags?: string[];
}

export function defaultParams(type: OtpType = 'totp'): OtpParams {
  return {
    type,
    algorithm: 'SHA1',
    digits: type === 'steam' ? STEAM_DIGITS : MIN_DIGITS,
    period: DEFAULT_PERIOD,
    counter: 0,
  };
}

/** "Issuer (label)" or just the label, for messages and lists. */
export function displayName(account: { issuer: string; label: string }): string {
  return account.issuer ? `${account.issuer} (${account.label})` : account.label;
}
