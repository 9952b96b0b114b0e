import type { ErrorKey, ImportPlace } from '../../preload/api';
import { englishPlace } from '../../locales/english';
import { KeyfobError } from '../errors';
import type { OtpAccount } from '../otp/types';

/**
 * The contract every import format follows: one file per format in this folder, listed in ./index.ts.
 * Input reaches a format as the bytes of a file, a paste, a link or a QR code, never split first: only the
 * format knows whether a line means anything to it.
 */
export interface Format {
  /**
   * Stable, lower-case, for `keyfob import --format <id>` and the window's choice. What a person calls the
   * format is the catalogues' `errorWords:format.<id>`, in each language.
   */
  readonly id: string;
  /**
   * How sure the format is that `bytes` are its own, from 0 (not at all) to 1 (certain), by content first and
   * the file's name second. Cheap and side-effect free; it never throws. The registry takes the surest format.
   */
  detect(bytes: Uint8Array, fileName?: string): number;
  /**
   * Every account in the input, each either read or refused with its reason. A problem with the input as a
   * whole (unreadable, a password needed or wrong) is thrown as a KeyfobError with a key
   * (see passwordNeeded / passwordWrong below).
   */
  parse(bytes: Uint8Array, options: ParseOptions): ParseResult | Promise<ParseResult>;
  /**
   * Whether the app's export is encrypted: `always` asks for the password before reading, `sometimes` only once
   * parse throws passwordNeeded. Absent: never. The window's import view reads it (listFormats).
   */
  readonly password?: 'always' | 'sometimes';
  /** The file names the app's export has (`.json`, `.txt`), for the window's file picker; absent: any file. */
  readonly fileTypes?: readonly string[];
  /**
   * Writes accounts in this format; formats that cannot be written have none. A format of lines (links, QR
   * codes' texts) returns `lines`; a format that is one file (an Aegis vault) returns `file`, encrypted with
   * `options.password` unless `options.plain`.
   */
  /** Whether `export` writes one file (`file`) rather than `lines`. */
  readonly exportsFile?: boolean;
  export?(accounts: readonly OtpAccount[], options?: ExportOptions): ExportOutput | Promise<ExportOutput>;
}

/** A format whose export is lines, synchronously (links, Google Authenticator's QR codes' texts). */
export type LinesFormat = Omit<Format, 'export'> & { export(accounts: readonly OtpAccount[]): ExportResult };

export interface ExportOptions {
  /** The password an encrypted export is sealed with (`--password-stdin`, a prompt, the window's field). */
  password?: string;
  /** Write the unencrypted form of a format that has both (behind the same confirmation as any plain export). */
  plain?: boolean;
}

export interface ParseOptions {
  /** For files that are encrypted: what the person typed (`--password-stdin`, the window's field). */
  password?: string;
  /** The name of the file, when the input is one; formats may use it in places and messages. */
  fileName?: string;
  /**
   * What to call the input when it is one piece (the link, the text, QR code 2). Entries refused from an
   * input of several lines are named by their line.
   */
  place?: ImportPlace;
}

/** One account of the input: read, or refused with why (a keyed reason the window translates). */
export type ParsedEntry =
  | { status: 'ok'; account: OtpAccount }
  | {
      status: 'refused';
      /** The account's name when the format could read it, else where it was ("line 3"). */
      name: string;
      /** English, for tests and logs; the front ends show key, params and variant in the reader's language. */
      reason: string;
      key?: ErrorKey;
      params?: Record<string, string | number>;
      variant?: string;
      place?: ImportPlace;
    };

export interface ParseResult {
  entries: ParsedEntry[];
  /**
   * Where the input is one part of an export split over several (Google Authenticator spreads an export over
   * QR codes): which part, so that parts read from several inputs can be checked for gaps.
   */
  parts?: ExportPart[];
}

export interface ExportPart {
  /** The format's id, for "Google Authenticator export 123" (worded from errorWords.format). */
  format: string;
  /** The export's own id: parts with the same id and size belong together. */
  exportId: string;
  size: number;
  /** 0-based. */
  index: number;
}

/** Accounts a format cannot carry, and why (`reason` in English for tests and logs; people read the key's words). */
export type ExportExcluded = Array<{
  name: string;
  reason: string;
  key?: ErrorKey;
  params?: Record<string, string | number>;
}>;

export interface ExportResult {
  /** The export, one piece a line (each piece a QR code's text where the format is shown as QR codes). */
  lines: string[];
  excluded: ExportExcluded;
}

/** An export that is one file (an Aegis vault), whole. */
export interface ExportFile {
  file: Uint8Array;
  /** Whether `file` is sealed with the password. */
  encrypted: boolean;
  /** How many accounts it holds. */
  count: number;
  excluded: ExportExcluded;
}

export type ExportOutput = ExportResult | ExportFile;

/** How a place is named in English (the CLI's words); the window words it from the place itself. */
export function placeName(place: ImportPlace): string {
  return englishPlace(place.kind, place.n);
}

/**
 * The input is encrypted and no password came with it: the front end asks for one and tries again. `format` is
 * the format's id; the message names it in the reader's language.
 */
export function passwordNeeded(format: string): KeyfobError {
  return new KeyfobError('PASSWORD_NEEDED', 'importPasswordNeeded', { format });
}

/** The password given does not open the input (of the format with this id). Nothing was imported. */
export function passwordWrong(format: string): KeyfobError {
  return new KeyfobError('PASSWORD_WRONG', 'importPasswordWrong', { format });
}

/** UTF-8 text, or undefined when the bytes are not text (so a binary file is never read as lines). */
export function textOf(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return undefined;
  }
}
