/**
 * Errors a person can act on. Every service throws these for expected failures so that the CLI can print
 * them and the IPC layer can send them to the renderer as data ({ code, message, hint }) without string matching.
 * `message` says what happened and `hint` what to do, both in the user's words; neither may contain a secret.
 */
export type ErrorCode =
  // input formats
  | 'URI_INVALID'
  | 'MIGRATION_INVALID'
  // another app's export that cannot be read as a whole (damaged, cut short, a version or cost Keyfob refuses)
  | 'IMPORT_INVALID'
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
import { englishError } from '../locales/english';

/** What the service itself said, kept next to our explanation so the UI can show both. */
export interface ServiceDetail {
  /** The exception name, e.g. CodeMismatchException. */
  name: string;
  /** The service's own message, as it came. */
  message: string;
}

export type ErrorParams = Record<string, string | number>;

export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  hint?: string;
  service?: ServiceDetail;
  /** For the window: which of its translated messages this is, and what goes into it. */
  key?: ErrorKey;
  params?: ErrorParams;
  /** Which wording of the key's message and hint (an i18next context: `message_<variant>`), when it has several. */
  variant?: string;
  /** The error this one is a note on, for the window to word first (see preload/api.ts). */
  cause?: ErrorInfo;
}

/**
 * Marks Keyfob errors across bundles: the CLI loads its QR decoder and Cognito engine as separate files, each
 * with its own copy of this class, so `instanceof` alone would miss their errors.
 */
const BRAND = Symbol.for('dev.keyfob.error');

interface Options {
  cause?: unknown;
  service?: ServiceDetail;
  /** The wording of the message and hint, where the catalogue entry has several (`message_<variant>`). */
  variant?: string;
}

export class KeyfobError extends Error {
  override readonly name = 'KeyfobError';
  readonly hint?: string;
  readonly service?: ServiceDetail;
  /** The same advice for the window, where a hint naming a `keyfob …` command would mean nothing. */
  readonly appHint?: string;
  readonly variant?: string;
  /** The cause as the window words it, where this error's catalogue entry is a note on it (no message of its own). */
  private readonly causeInfo?: ErrorInfo;
  readonly [BRAND] = true;

  /**
   * An error is a code, a catalogue key and its parameters; its English words (message, hint for the command
   * line and for the window) come from locales/en/errors.json.
   */
  constructor(
    readonly code: ErrorCode,
    readonly key: ErrorKey,
    readonly params?: ErrorParams,
    options?: Options,
  ) {
    // A Keyfob error as the cause goes along to the catalogue, which words it first where this key's entry is a
    // note on it (has no message of its own).
    const cause = isKeyfobError(options?.cause) ? options.cause : undefined;
    const causeApp = cause?.forApp();
    const words = englishError(
      key,
      params,
      options?.variant,
      cause && causeApp ? { cli: cause.toJSON(), app: causeApp } : undefined,
    );
    super(words.message, options?.cause === undefined ? undefined : { cause: options.cause });
    if (words.hint !== undefined) this.hint = words.hint;
    if (words.appHint !== undefined) this.appHint = words.appHint;
    if (options?.service) this.service = options.service;
    if (options?.variant !== undefined) this.variant = options.variant;
    if (words.cause !== undefined && causeApp !== undefined) this.causeInfo = causeApp;
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
    if (forApp) {
      info.key = this.key;
      if (this.params !== undefined) info.params = { ...this.params };
      if (this.variant !== undefined) info.variant = this.variant;
      if (this.causeInfo !== undefined) info.cause = this.causeInfo;
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
