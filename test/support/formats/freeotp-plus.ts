/**
 * FreeOTP+ JSON backups, as the app writes them, for tests. Written from FreeOTP+'s own source
 * (helloworld1/FreeOTPPlus token/TokenPersistence.kt: Gson's rendering of `SavedTokens(tokens, tokenOrder)`;
 * token/Token.java: the fields, a token's id `issuerInt:label`, or `issuerExt:label`, or `label`, and a HOTP
 * counter kept one below the next link's), not from Keyfob's reader (main/formats/freeotp-plus.ts).
 */

export interface FreeOtpToken {
  issuer: string;
  label: string;
  /** The key's bytes; written as Java's signed bytes. */
  secret: Uint8Array;
  type?: 'TOTP' | 'HOTP';
  algo?: 'SHA1' | 'SHA256' | 'SHA512' | 'MD5';
  digits?: number;
  period?: number;
  /** As FreeOTP+ keeps it: the HOTP counter of the token's otpauth:// link, less one. */
  counter?: number;
  /** Names the person gave the token in the app (Gson leaves the fields out when there are none). */
  issuerAlt?: string;
  labelAlt?: string;
}

function gsonToken(t: FreeOtpToken): Record<string, unknown> {
  return {
    issuerInt: t.issuer,
    issuerExt: t.issuer,
    ...(t.issuerAlt !== undefined ? { issuerAlt: t.issuerAlt } : {}),
    label: t.label,
    ...(t.labelAlt !== undefined ? { labelAlt: t.labelAlt } : {}),
    type: t.type ?? 'TOTP',
    algo: t.algo ?? 'SHA1',
    secret: [...t.secret].map((b) => (b > 127 ? b - 256 : b)),
    digits: t.digits ?? (t.issuer === 'Steam' ? 5 : 6),
    counter: t.counter ?? 0,
    period: t.period ?? 30,
  };
}

export function freeOtpTokenId(t: Pick<FreeOtpToken, 'issuer' | 'label'>): string {
  return t.issuer ? `${t.issuer}:${t.label}` : t.label;
}

/** The backup; `order` (token ids) defaults to the tokens' own order, as the app writes its tokens in it. */
export function freeOtpPlusBackup(tokens: readonly FreeOtpToken[], order?: readonly string[]): string {
  return JSON.stringify({
    tokenOrder: order ?? tokens.map(freeOtpTokenId),
    tokens: tokens.map(gsonToken),
  });
}
