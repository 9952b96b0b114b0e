/**
 * Errors a person can act on. Every service throws these for expected failures so that the CLI can print
 * them and the IPC layer can send them to the renderer as data ({ code, message, hint }) without string matching.
 * `message` says what happened and `hint` what to do, both in the user's words; neither may contain a secret.
 */
export type ErrorCode =
  // input formats
  | 'URI_INVALID'
  | 'MIGRATION_INVALID'
  | 'SECRET_INVALID'
  | 'PARAMS_INVALID'
  | 'FORMAT_UNKNOWN'
  | 'PASSWORD_NEEDED'
  | 'PASSWORD_WRONG'
  // images and QR codes
  | 'IMAGE_CORRUPT'
  | 'IMAGE_UNSUPPORTED'
  | 'IMAGE_TOO_LARGE'
  | 'QR_NOT_FOUND'
  // keychain and vault
  | 'KEYCHAIN_UNAVAILABLE'
  | 'KEYCHAIN_LOCKED'
  | 'KEYCHAIN_FAILED'
  | 'SECRET_MISSING'
  | 'METADATA_UNREADABLE'
  | 'VAULT_BUSY'
  | 'ACCOUNT_NOT_FOUND'
  | 'ACCOUNT_AMBIGUOUS'
  | 'DUPLICATE'
  | 'EXPORT_UNSUPPORTED'
  | 'IO_FAILED'
  | 'SCREEN_CAPTURE_DENIED'
  // the person said no to a question main asked (reveal a key, export)
  | 'CANCELLED'
  // Cognito pool profiles (local)
  | 'PROFILE_INVALID'
  | 'PROFILE_NOT_FOUND'
  | 'PROFILE_EXISTS'
  | 'INPUT_NEEDED'
  // what a Cognito user pool (or the way to it) answered
  | 'COGNITO_AUTH'
  | 'COGNITO_CODE'
  | 'COGNITO_SESSION'
  | 'COGNITO_CONFIG'
  | 'COGNITO_THROTTLED'
  | 'COGNITO_FORBIDDEN'
  | 'COGNITO_NETWORK'
  | 'COGNITO_SERVICE';

import type { ErrorKey } from '../preload/api';

/** What the service itself said, kept next to our explanation so the UI can show both. */
export interface ServiceDetail {
  /** The exception name, e.g. CodeMismatchException. */
  name: string;
  /** The service's own message, as it came. */
  message: string;
}

export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  hint?: string;
  service?: ServiceDetail;
  /** For the window: which of its translated messages this is, and what goes into it. */
  key?: ErrorKey;
  params?: Record<string, string | number>;
}

/**
 * Marks Keyfob errors across bundles: the CLI loads its QR decoder and Cognito engine as separate files, each
 * with its own copy of this class, so `instanceof` alone would miss their errors.
 */
const BRAND = Symbol.for('dev.keyfob.error');

export class KeyfobError extends Error {
  override readonly name = 'KeyfobError';
  readonly service?: ServiceDetail;
  /** The same advice for the window, where a hint naming a `keyfob …` command would mean nothing. */
  readonly appHint?: string;
  readonly key?: ErrorKey;
  readonly params?: Record<string, string | number>;
  readonly [BRAND] = true;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly hint?: string,
    options?: {
      cause?: unknown;
      service?: ServiceDetail;
      appHint?: string;
      key?: ErrorKey;
      params?: Record<string, string | number>;
    },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    if (options?.service) this.service = options.service;
    if (options?.appHint !== undefined) this.appHint = options.appHint;
    if (options?.key !== undefined) this.key = options.key;
    if (options?.params !== undefined) this.params = options.params;
  }

  /** As data, with the hint for the command line (what JSON.stringify and the CLI use). */
  toJSON(): ErrorInfo {
    return this.info(false);
  }

  /** As data for the window: the hint in its terms where there is one. */
  forApp(): ErrorInfo {
    return this.info(true);
  }

  private info(forApp: boolean): ErrorInfo {
    const info: ErrorInfo = { code: this.code, message: this.message };
    const hint = forApp ? (this.appHint ?? this.hint) : this.hint;
    if (hint !== undefined) info.hint = hint;
    if (this.service !== undefined) info.service = { ...this.service };
    if (forApp && this.key !== undefined) {
      info.key = this.key;
      if (this.params !== undefined) info.params = { ...this.params };
    }
    return info;
  }
}

export function isKeyfobError(value: unknown, code?: ErrorCode): value is KeyfobError {
  const branded =
    value instanceof KeyfobError ||
    (typeof value === 'object' && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true);
  return branded && (code === undefined || (value as KeyfobError).code === code);
}
