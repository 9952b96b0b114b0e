import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { isKeyfobError, KeyfobError } from '../errors';
import { parseMigrationUri, parseOtpauthUri, type OtpType } from '../otp';

export const LINK_SCHEMES = ['otpauth', 'otpauth-migration'] as const;
export type LinkScheme = (typeof LINK_SCHEMES)[number];

/**
 * Far above a setup link (OTPClient and our own otpauth parser stop at 4096 bytes) and above what one QR code
 * holds (under 3 KB), so nothing real is lost; a bound so a pasted document or a crafted command line is not
 * carried around, shown or parsed.
 */
export const MAX_LINK_LENGTH = 4096;

const LINK = /^(otpauth-migration|otpauth):\/\//i;
// Control characters have no place in a link and could make what the user is shown differ from what is added.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** `value` as a link we accept, with its scheme in lower case, or undefined. */
export function linkFrom(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > MAX_LINK_LENGTH || CONTROL.test(value)) return undefined;
  const match = LINK.exec(value);
  if (!match) return undefined;
  const scheme = match[1] as string;
  return scheme.toLowerCase() + value.slice(scheme.length);
}

/**
 * The otpauth:// and otpauth-migration:// links in a command line: how Windows and Linux hand a clicked link
 * to the app (first start: process.argv; already running: the second instance's argv). Everything else there
 * (the executable, the script path in development, switches Chromium adds) is ignored. Duplicates, which a
 * double click produces, are kept once.
 */
export function linksFromArgv(argv: readonly unknown[]): string[] {
  const links: string[] = [];
  for (const arg of argv) {
    const link = linkFrom(arg);
    if (link !== undefined && !links.includes(link)) links.push(link);
  }
  return links;
}

export interface PendingLink {
  readonly id: string;
  readonly link: string;
}

export interface PendingLinksSettings {
  /** Hands links to the renderer; called only while it is ready. */
  deliver: (links: readonly PendingLink[]) => void;
  /** How many links may wait at once; more are refused. */
  limit?: number;
  newId?: () => string;
}

/**
 * Links handed to the app wait here until the person has answered for each one: the renderer is told about
 * them (once it is ready to listen, and again after a reload, since it forgets), asks, and then takes or
 * discards each by id. Nothing is ever added from a link without that question, because any web page can
 * open an otpauth:// link. The links themselves stay in the main process: they carry secrets, so the
 * renderer should be given describeLink's summary, and only the id comes back.
 */
export class PendingLinks {
  readonly #deliver: (links: readonly PendingLink[]) => void;
  readonly #limit: number;
  readonly #newId: () => string;
  readonly #entries = new Map<string, PendingLink>();
  #ready = false;

  constructor(settings: PendingLinksSettings) {
    this.#deliver = settings.deliver;
    this.#limit = settings.limit ?? 20;
    this.#newId = settings.newId ?? randomUUID;
    if (!Number.isInteger(this.#limit) || this.#limit < 1)
      throw new RangeError('The limit must be at least 1.');
  }

  get ready(): boolean {
    return this.#ready;
  }

  get size(): number {
    return this.#entries.size;
  }

  /**
   * Queues the acceptable links among `candidates` (raw strings, checked again here whatever their source),
   * skipping any already waiting; delivers them at once if the renderer is ready. Returns what was queued.
   */
  add(candidates: readonly unknown[]): PendingLink[] {
    const waiting = new Set([...this.#entries.values()].map((entry) => entry.link));
    const added: PendingLink[] = [];
    for (const link of linksFromArgv(candidates)) {
      if (waiting.has(link) || this.#entries.size >= this.#limit) continue;
      const entry = { id: this.#newId(), link };
      this.#entries.set(entry.id, entry);
      waiting.add(link);
      added.push(entry);
    }
    if (this.#ready && added.length > 0) this.#deliver(added);
    return added;
  }

  /** The renderer is listening: it is told about everything still waiting. */
  markReady(): void {
    this.#ready = true;
    if (this.#entries.size > 0) this.#deliver(this.list());
  }

  markNotReady(): void {
    this.#ready = false;
  }

  list(): PendingLink[] {
    return [...this.#entries.values()];
  }

  /** The person said yes: the link, removed from the queue, for the caller to add. */
  take(id: string): string | undefined {
    const entry = this.#entries.get(id);
    this.#entries.delete(id);
    return entry?.link;
  }

  /** The person said no. */
  discard(id: string): boolean {
    return this.#entries.delete(id);
  }
}

/** What the renderer may know about a waiting link to ask about it: names, never the secret. */
export interface LinkSummary {
  id: string;
  kind: LinkScheme;
  accounts: Array<{ issuer: string; label: string; type: OtpType }>;
  /** Accounts in an export that Keyfob cannot add, with the reason. */
  refused: Array<{ name: string; reason: string }>;
  /** For an export split over several QR codes: which one this is. */
  batch?: { index: number; size: number };
  /** Why the link cannot be added at all. */
  error?: { code: string; message: string; hint?: string };
}

export function describeLink(entry: PendingLink): LinkSummary {
  const kind: LinkScheme = entry.link.startsWith('otpauth-migration:') ? 'otpauth-migration' : 'otpauth';
  const summary: LinkSummary = { id: entry.id, kind, accounts: [], refused: [] };
  try {
    if (kind === 'otpauth') {
      const account = parseOtpauthUri(entry.link);
      summary.accounts.push({ issuer: account.issuer, label: account.label, type: account.params.type });
    } else {
      const batch = parseMigrationUri(entry.link);
      summary.batch = { index: batch.batchIndex, size: batch.batchSize };
      for (const item of batch.entries) {
        if (item.status === 'ok') {
          const { issuer, label, params } = item.account;
          summary.accounts.push({ issuer, label, type: params.type });
        } else {
          summary.refused.push({
            name: item.name,
            reason: item.reason,
            ...(item.key ? { reasonKey: item.key } : {}),
            ...(item.params ? { reasonParams: item.params } : {}),
            ...(item.variant !== undefined ? { reasonVariant: item.variant } : {}),
            ...(item.place ? { place: item.place } : {}),
          });
        }
      }
    }
  } catch (error) {
    summary.accounts = [];
    summary.refused = [];
    delete summary.batch;
    // The parsers' messages are written for people (the CLI prints the same ones); anything else is not shown.
    summary.error = isKeyfobError(error)
      ? error.forApp()
      : new KeyfobError('URI_INVALID', 'linkUnreadable').forApp();
  }
  return summary;
}

/** app, as far as protocol registration is concerned. */
export interface ProtocolClientApp {
  setAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean;
}

/** process, as far as protocol registration is concerned (Electron adds defaultApp). */
export interface LaunchInfo {
  readonly defaultApp?: boolean;
  readonly execPath: string;
  readonly argv: readonly string[];
}

/**
 * Makes Keyfob the handler for both schemes. Packaged builds also declare them at install time
 * (electron-builder.yml `protocols`); this covers running unpackaged and Linux without a desktop file
 * install. Unpackaged, the executable is Electron itself, so it must be told which app to run: the script
 * path, resolved because the OS will not start it from our working directory (Electron's deep-link guide).
 */
export function registerProtocols(
  app: ProtocolClientApp,
  launch: LaunchInfo = process,
): Record<LinkScheme, boolean> {
  const result = {} as Record<LinkScheme, boolean>;
  for (const scheme of LINK_SCHEMES) {
    if (launch.defaultApp) {
      const script = launch.argv[1];
      result[scheme] =
        script !== undefined && app.setAsDefaultProtocolClient(scheme, launch.execPath, [resolve(script)]);
    } else {
      result[scheme] = app.setAsDefaultProtocolClient(scheme);
    }
  }
  return result;
}
