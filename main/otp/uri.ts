import type { ErrorKey as FormatsErrorKey } from '../../preload/api';
import { KeyfobError } from '../errors';
import { normaliseSecret } from './secret';
import {
  ALGORITHMS,
  DEFAULT_PERIOD,
  MAX_DIGITS,
  MIN_DIGITS,
  STEAM_DIGITS,
  type Algorithm,
  type OtpAccount,
  type OtpParams,
  type OtpType,
} from './types';

/** Longer URIs are not setup codes; OTPClient draws the same line. */
export const MAX_URI_BYTES = 4096;

/** Parameters the parser interprets; everything else is kept in `extra`. */
const KNOWN_PARAMS = new Set(['secret', 'issuer', 'algorithm', 'digits', 'period', 'counter', 'encoder']);

/**
 * Which part of the link a message is about, as a code the catalogues word (errorWords.linkPart). A code rather
 * than a variant: these errors also reach import reports, which carry a key and parameters only.
 */
type UriPart =
  | 'accountName'
  | 'issuer'
  | 'parameterName'
  | 'parameter'
  | 'key'
  | 'encoder'
  | 'algorithm'
  | 'digits'
  | 'counter'
  | 'period';

function invalid(key: FormatsErrorKey, params?: Record<string, string | number>): KeyfobError {
  return new KeyfobError('URI_INVALID', key, params);
}

export function isOtpauthUri(text: string): boolean {
  return /^otpauth:\/\//i.test(text.trim());
}

/**
 * Percent-decodes one URI component, strictly: a `%` not followed by two hex digits, or bytes that are not
 * UTF-8, are an error rather than being passed through. `plusIsSpace` applies form-decoding, which is how
 * producers write spaces in labels and issuers (`My+Bank`).
 */
function decodeComponent(raw: string, plusIsSpace: boolean, part: UriPart, name?: string): string {
  const text = plusIsSpace ? raw.replace(/\+/g, ' ') : raw;
  try {
    return decodeURIComponent(text);
  } catch {
    throw invalid('uriBadEncoding', name === undefined ? { part } : { part, name });
  }
}

function parsePositiveInteger(value: string, min: number, part: UriPart): number {
  const shown = value.slice(0, 20);
  if (!/^\d+$/.test(value)) {
    throw invalid('uriNotWholeNumber', {
      part,
      value: shown,
    });
  }
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min) {
    throw min === 0
      ? invalid('uriNumberNegative', { part, value: shown })
      : invalid('uriNumberTooSmall', { part, min, value: shown });
  }
  return n;
}

function parseAlgorithm(value: string): Algorithm {
  if (value === '') return 'SHA1';
  const upper = value.toUpperCase().replace(/-/g, '');
  if ((ALGORITHMS as readonly string[]).includes(upper)) return upper as Algorithm;
  throw invalid('uriAlgorithmUnsupported', { algorithm: value.slice(0, 20) });
}

function parseType(raw: string): OtpType {
  const type = raw.toLowerCase();
  if (type === 'totp' || type === 'hotp' || type === 'steam') return type;
  if (type === '') throw invalid('uriTypeMissing');
  throw invalid('uriTypeUnknown', { type: raw.slice(0, 20) });
}

/** Splits `Issuer:account` on the first literal `:` or `%3A`, before decoding, so an encoded colon inside a part stays put. */
function splitLabel(rawLabel: string): { prefix: string | undefined; account: string } {
  const match = /:|%3a/i.exec(rawLabel);
  if (!match) return { prefix: undefined, account: rawLabel };
  return { prefix: rawLabel.slice(0, match.index), account: rawLabel.slice(match.index + match[0].length) };
}

/**
 * Parses an `otpauth://totp|hotp|steam/LABEL?PARAMS` URI (Google's Key Uri Format), as leniently as the
 * authenticators people already use and as strictly as it takes to never store an account that cannot
 * produce the right codes. See ../shared/reference/otpauth-formats.md §4 for the cases and their sources.
 */
export function parseOtpauthUri(input: string): OtpAccount {
  const uri = input.trim();
  if (Buffer.byteLength(uri, 'utf8') > MAX_URI_BYTES) {
    throw invalid('uriTooLong', { max: MAX_URI_BYTES });
  }
  const scheme = /^otpauth:\/\//i.exec(uri);
  if (!scheme) {
    throw invalid('uriNotOtpauth');
  }
  const rest = uri.slice(scheme[0].length);
  const slash = rest.indexOf('/');
  if (slash < 0) {
    throw invalid('uriNoAccountName');
  }
  const rawType = rest.slice(0, slash);
  const afterType = rest.slice(slash + 1);
  const question = afterType.indexOf('?');
  if (question < 0) {
    throw invalid('uriNoParameters');
  }
  // Structure first, decoding after: a `#`, `&` or `=` written unencoded in a name stays part of the name.
  const rawLabel = afterType.slice(0, question);
  const rawQuery = afterType.slice(question + 1);

  let type = parseType(rawType);

  const { prefix: rawPrefix, account: rawAccount } = splitLabel(rawLabel);
  const label = decodeComponent(rawAccount, true, 'accountName').trim();
  const prefix = rawPrefix === undefined ? '' : decodeComponent(rawPrefix, true, 'issuer').trim();
  if (label === '') {
    throw invalid('uriEmptyAccountName');
  }

  const params = new Map<string, string>();
  const extra: Record<string, string> = {};
  for (const pair of rawQuery.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    // A bare key (`&issuer&`) is a producer bug seen in the wild; it reads as an empty value.
    const rawKey = eq < 0 ? pair : pair.slice(0, eq);
    const rawValue = eq < 0 ? '' : pair.slice(eq + 1);
    const key = decodeComponent(rawKey, true, 'parameterName').trim().toLowerCase();
    if (key === '') continue;
    if (KNOWN_PARAMS.has(key)) {
      // The first occurrence wins, as in URLSearchParams.get.
      if (!params.has(key)) params.set(key, rawValue);
    } else if (!(key in extra)) {
      extra[key] = decodeComponent(rawValue, true, 'parameter', key);
    }
  }

  const rawSecret = params.get('secret');
  if (rawSecret === undefined || rawSecret === '') {
    throw invalid('uriNoSecret');
  }
  // `+` separates groups in some exports (ente), so it must not become a space before normalising.
  let secret: string;
  try {
    secret = normaliseSecret(decodeComponent(rawSecret, false, 'key'));
  } catch (error) {
    if (error instanceof KeyfobError) {
      // The key's own error, as a problem with the link.
      throw new KeyfobError('URI_INVALID', error.key ?? 'secretEmpty', error.params, {
        ...(error.variant !== undefined ? { variant: error.variant } : {}),
      });
    }
    throw error;
  }

  const issuerParam = decodeComponent(params.get('issuer') ?? '', true, 'issuer').trim();
  // When both are present the parameter wins: Microsoft 365 writes the tenant as the prefix and "Microsoft" as issuer.
  const issuer = issuerParam || prefix;

  const encoder = decodeComponent(params.get('encoder') ?? '', true, 'encoder')
    .trim()
    .toLowerCase();
  if (type === 'totp' && (encoder === 'steam' || issuer.toLowerCase() === 'steam')) type = 'steam';

  const digitsRaw = params.get('digits') ?? '';
  let digits: number;
  if (type === 'steam') {
    digits = STEAM_DIGITS;
  } else if (digitsRaw === '') {
    digits = MIN_DIGITS;
  } else {
    digits = parsePositiveInteger(digitsRaw, 1, 'digits');
    if (digits < MIN_DIGITS || digits > MAX_DIGITS) {
      throw invalid('uriDigitsUnsupported', { digits });
    }
  }

  const periodRaw = params.get('period') ?? '';
  const period = periodRaw === '' ? DEFAULT_PERIOD : parsePositiveIntegerOrZeroError(periodRaw);
  const counterRaw = params.get('counter') ?? '';
  const counter = type === 'hotp' && counterRaw !== '' ? parsePositiveInteger(counterRaw, 0, 'counter') : 0;
  const algorithm =
    type === 'steam'
      ? 'SHA1'
      : parseAlgorithm(decodeComponent(params.get('algorithm') ?? '', true, 'algorithm').trim());

  const otpParams: OtpParams = { type, algorithm, digits, period, counter };
  return { issuer, label, secret, params: otpParams, extra };
}

function parsePositiveIntegerOrZeroError(value: string): number {
  if (/^-?0*$|^-\d+$/.test(value)) {
    throw invalid('uriPeriodNotPositive', { value: value.slice(0, 20) });
  }
  return parsePositiveInteger(value, 1, 'period');
}

/** The form every exporter should write: issuer prefix and parameter, `%20` for spaces, upper-case algorithm, no padding. */
function encodeComponent(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase(),
  );
}

/** The Key Uri Format forbids a colon in the issuer or account name; a space keeps the words apart. */
function withoutColons(text: string): string {
  return text
    .replace(/\s*:\s*/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function formatOtpauthUri(account: OtpAccount): string {
  const { params } = account;
  const issuer = withoutColons(account.issuer);
  const label = issuer ? account.label.trim() : withoutColons(account.label);
  const path = issuer ? `${encodeComponent(issuer)}:${encodeComponent(label)}` : encodeComponent(label);
  const secret = normaliseSecret(account.secret);
  const query: string[] = [`secret=${secret}`];
  if (issuer) query.push(`issuer=${encodeComponent(issuer)}`);
  if (params.type === 'steam') {
    // `totp` with both Steam spellings reaches the most apps: FreeOTP/OTPClient read the issuer, KeePassXC the encoder.
    query.push('encoder=steam', `digits=${STEAM_DIGITS}`, `period=${params.period}`);
    if (!issuer) query.push('issuer=Steam');
  } else {
    query.push(`algorithm=${params.algorithm}`, `digits=${params.digits}`);
    if (params.type === 'hotp') query.push(`counter=${params.counter}`);
    else query.push(`period=${params.period}`);
  }
  for (const [key, value] of Object.entries(account.extra)) {
    if (!KNOWN_PARAMS.has(key)) query.push(`${encodeComponent(key)}=${encodeComponent(value)}`);
  }
  const type = params.type === 'hotp' ? 'hotp' : 'totp';
  return `otpauth://${type}/${path}?${query.join('&')}`;
}
