import { ipcMain } from 'electron';
import { englishError } from '../../locales/english';
import type { ErrorKey } from '../../preload/api';
import { isRendererUrl } from './renderer-url';

/**
 * The one place that touches ipcMain and webContents.send. Typed loosely on purpose (name → handler,
 * name → channel) so that it does not change each time the contract in preload/api.ts does.
 */
export type Handler = (...args: unknown[]) => Promise<unknown>;

/** The fields of a frame that identify it; Electron's WebFrameMain has them. */
export interface FrameIdentity {
  readonly url: string;
  readonly processId: number;
  readonly routingId: number;
}

/** What the sender check reads from an invoke event; Electron's IpcMainInvokeEvent has it. */
export interface SenderEvent {
  readonly sender: { readonly id: number };
  readonly senderFrame: FrameIdentity | null;
}

/** Our window's web contents, as far as the sender check is concerned. */
export interface TrustedContents {
  readonly id: number;
  readonly mainFrame: FrameIdentity;
  isDestroyed(): boolean;
}

/** ipcMain, as far as registration is concerned. */
export interface InvokeRegistry {
  handle(channel: string, listener: (event: SenderEvent, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface ErrorResult {
  ok: false;
  error: { code: string; message: string; hint?: string; key: ErrorKey };
}

/** An error main itself answers with, worded (in English, for the record) from the catalogue like any other. */
function answer(code: string, key: ErrorKey): ErrorResult {
  const { message, hint, appHint } = englishError(key);
  const shown = appHint ?? hint;
  return { ok: false, error: { code, message, ...(shown !== undefined ? { hint: shown } : {}), key } };
}

export const forbidden = (): ErrorResult => answer('FORBIDDEN', 'foreignPage');

const internal = (): ErrorResult => answer('INTERNAL', 'internal');

/**
 * A call is ours only if it comes from our window's web contents, from its top frame (an iframe or a
 * navigated-away document shares the web contents), and while that frame shows our renderer page.
 * Frames are compared by process and routing id because Electron may hand out distinct WebFrameMain objects
 * for one frame. A frame that was disposed meanwhile throws when read, and counts as untrusted.
 */
export function isTrustedSender(
  event: SenderEvent,
  contents: TrustedContents | undefined,
  rendererUrl: string,
): boolean {
  try {
    if (contents === undefined || contents.isDestroyed()) return false;
    if (event.sender.id !== contents.id) return false;
    const frame = event.senderFrame;
    const main = contents.mainFrame;
    if (frame === null) return false;
    return (
      frame.processId === main.processId &&
      frame.routingId === main.routingId &&
      isRendererUrl(frame.url, rendererUrl)
    );
  } catch {
    return false;
  }
}

export interface Registration {
  handlers: Readonly<Record<string, Handler>>;
  channels: Readonly<Record<string, string>>;
  isTrustedSender: (event: SenderEvent) => boolean;
  /** ipcMain unless a test replaces it. */
  ipc?: InvokeRegistry;
}

/**
 * Registers every handler on its channel behind the sender check, and returns a function that removes them.
 * The handler and channel maps must name the same things, and no two names may share a channel: a mismatch
 * is a programming error and stops start-up rather than leaving a button that silently does nothing.
 * Each channel's previous handler is removed first, because ipcMain.handle throws on a second registration
 * (a re-created window, a test run twice).
 */
export function registerHandlers(registration: Registration): () => void {
  const ipc = registration.ipc ?? ipcMain;
  const { handlers, channels, isTrustedSender: trusted } = registration;
  const names = Object.keys(handlers);
  const unmapped = names.filter((name) => typeof channels[name] !== 'string' || channels[name] === '');
  const unhandled = Object.keys(channels).filter((name) => typeof handlers[name] !== 'function');
  if (unmapped.length > 0 || unhandled.length > 0) {
    throw new Error(
      `IPC map mismatch: no channel for [${unmapped.join(', ')}], no handler for [${unhandled.join(', ')}].`,
    );
  }
  const seen = new Map<string, string>();
  for (const name of names) {
    const channel = channels[name] as string;
    const other = seen.get(channel);
    if (other !== undefined)
      throw new Error(`IPC channel "${channel}" is used by both ${other} and ${name}.`);
    seen.set(channel, name);
  }

  for (const [channel, name] of seen) {
    const handler = handlers[name] as Handler;
    ipc.removeHandler(channel);
    ipc.handle(channel, async (event, ...args) => {
      // Checked before the arguments are even looked at: they come from a process we do not trust.
      if (!trusted(event)) {
        console.warn(`Keyfob refused an IPC call on ${channel} from a page that is not its own.`);
        return forbidden();
      }
      try {
        return await handler(...args);
      } catch (error) {
        // Handlers return expected failures as data; reaching this is a bug. Only the error's name is logged,
        // since its message might quote an argument or a secret.
        console.error(
          `Keyfob IPC handler ${name} failed: ${error instanceof Error ? error.name : typeof error}`,
        );
        return internal();
      }
    });
  }
  return () => {
    for (const channel of seen.keys()) ipc.removeHandler(channel);
  };
}

/** Where main → renderer messages go; Electron's WebContents fits it. */
export interface PushTarget {
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

export type PushOutcome = 'sent' | 'queued' | 'skipped';

/**
 * Main → renderer pushes, held back until the renderer has said it is ready (its listeners exist; before
 * that a message would be lost) and never sent to a destroyed web contents (send would throw). The queue is
 * bounded so that a renderer that never becomes ready cannot grow the main process without end; the oldest
 * messages go first, as the newest state is the one worth showing.
 */
export class RendererOutbox {
  #ready = false;
  readonly #queue: Array<{ contents: PushTarget; channel: string; payload: unknown }> = [];

  constructor(readonly limit = 100) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError('The outbox limit must be a positive integer.');
  }

  get ready(): boolean {
    return this.#ready;
  }

  get queued(): number {
    return this.#queue.length;
  }

  /**
   * `latestOnly` is for state that each message replaces (a batch of codes): while the renderer is not ready,
   * a newer message on the channel takes the place of the one waiting, instead of queueing stale ones.
   */
  sendToRenderer(
    contents: PushTarget,
    channel: string,
    payload: unknown,
    options: { latestOnly?: boolean } = {},
  ): PushOutcome {
    if (contents.isDestroyed()) return 'skipped';
    if (!this.#ready) {
      if (options.latestOnly) {
        const stale = this.#queue.findIndex(
          (entry) => entry.channel === channel && entry.contents === contents,
        );
        if (stale !== -1) this.#queue.splice(stale, 1);
      }
      if (this.#queue.length >= this.limit) this.#queue.shift();
      this.#queue.push({ contents, channel, payload });
      return 'queued';
    }
    contents.send(channel, payload);
    return 'sent';
  }

  /** The renderer's listeners are in place: deliver what waited, in order. */
  markReady(): void {
    this.#ready = true;
    for (const { contents, channel, payload } of this.#queue.splice(0)) {
      if (!contents.isDestroyed()) contents.send(channel, payload);
    }
  }

  /** The page is reloading or its process is gone: its listeners with it. */
  markNotReady(): void {
    this.#ready = false;
  }
}
