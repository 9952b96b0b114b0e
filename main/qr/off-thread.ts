/**
 * QR decoding for the app, on a worker thread: an image file or a screen capture can take seconds and hundreds of
 * megabytes to read, and the app's main process must keep answering the window, the tray and the shortcuts.
 *
 * One worker is kept warm and decodes one job at a time; a few more wait in a bounded queue, and beyond that the
 * caller is told to try again. A job that runs past its time, or a worker that dies (its heap is capped with
 * `resourceLimits`), ends that job with a clear KeyfobError and the worker is replaced for the next one: no image
 * can freeze or take down the app. Keyed errors from the decoder cross the thread as data and are rebuilt.
 */
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { KeyfobError, type ErrorCode } from '../errors';
import type { ErrorKey } from '../../preload/api';
import type { DecodeOptions } from './types';

/** What the worker is asked: a PNG/JPEG file's bytes, or RGBA pixels. */
type Work =
  | { kind: 'image'; bytes: Uint8Array; options?: DecodeOptions }
  | { kind: 'frame'; width: number; height: number; data: Uint8Array; options?: DecodeOptions };
export type DecodeRequest = Work & { id: number };

/** A KeyfobError as it crosses the thread: data, worded again from the catalogue on this side. */
export interface CrossedError {
  code: ErrorCode;
  key: ErrorKey;
  params?: Record<string, string | number>;
  variant?: string;
}

/** The worker's answer; an error without `error` was not a KeyfobError (a bug) and is not described. */
export type DecodeReply =
  | { id: number; ok: true; texts: string[]; threadId: number }
  | { id: number; ok: false; threadId: number; error?: CrossedError };

export interface OffThreadOptions {
  /** The worker's script: dist/main/qr-worker.js next to the app's bundle. */
  script: string | URL;
  /** A job still running after this long is stopped (default 20 s: a 50-megapixel photo takes a few). */
  timeoutMs?: number;
  /** Jobs that may wait behind the running one (default 4); more are refused at once. */
  maxQueued?: number;
  /** The worker's heap (default 768 MB old generation: a 50 MP image's planes and crops fit; a bomb does not). */
  resourceLimits?: ResourceLimits;
  /** Passed on to every job. */
  decode?: DecodeOptions;
}

interface Job {
  request: Work;
  transfer: ArrayBuffer[];
  resolve: (texts: string[]) => void;
  reject: (error: unknown) => void;
}

/** The decoder the app's IPC handlers use (Services.qr); the CLI decodes in its own thread instead. */
export class OffThreadQr {
  readonly #script: string | URL;
  readonly #timeoutMs: number;
  readonly #maxQueued: number;
  readonly #limits: ResourceLimits;
  readonly #decode: DecodeOptions | undefined;
  readonly #queue: Job[] = [];
  #worker: Worker | undefined;
  #running: { id: number; job: Job; timer: ReturnType<typeof setTimeout> } | undefined;
  #nextId = 1;
  #closed = false;
  #lastThreadId: number | undefined;

  constructor(options: OffThreadOptions) {
    this.#script = options.script;
    this.#timeoutMs = options.timeoutMs ?? 20_000;
    this.#maxQueued = options.maxQueued ?? 4;
    this.#limits = options.resourceLimits ?? { maxOldGenerationSizeMb: 768, maxYoungGenerationSizeMb: 64 };
    this.#decode = options.decode;
  }

  /**
   * The QR codes in a PNG or JPEG file's bytes. The bytes are handed to the worker, not copied: `bytes` is empty
   * afterwards unless it was a view of a larger buffer (then that part is copied and the buffer left alone).
   */
  decodeImage(bytes: Uint8Array): Promise<string[]> {
    const owned = handOver(bytes);
    return this.#enqueue({ kind: 'image', bytes: owned, ...this.#options() }, [owned.buffer as ArrayBuffer]);
  }

  /** The QR codes in RGBA pixels (a screen capture, a camera frame); `data` is handed over like decodeImage's. */
  decodeFrame(frame: { width: number; height: number; data: Uint8Array }): Promise<string[]> {
    const data = handOver(frame.data);
    return this.#enqueue(
      { kind: 'frame', width: frame.width, height: frame.height, data, ...this.#options() },
      [data.buffer as ArrayBuffer],
    );
  }

  /** The thread that decoded the last job (for diagnostics and tests: it is never the caller's). */
  get lastThreadId(): number | undefined {
    return this.#lastThreadId;
  }

  /** Stops the worker; waiting and running jobs are refused. */
  async close(): Promise<void> {
    this.#closed = true;
    // Only when the app quits: nobody is left to read this.
    const stopped = new Error('Reading QR codes has been stopped.');
    for (const job of this.#queue.splice(0)) job.reject(stopped);
    if (this.#running) {
      clearTimeout(this.#running.timer);
      this.#running.job.reject(stopped);
      this.#running = undefined;
    }
    const worker = this.#worker;
    this.#worker = undefined;
    await worker?.terminate();
  }

  #options(): { options?: DecodeOptions } {
    return this.#decode ? { options: this.#decode } : {};
  }

  #enqueue(request: Work, transfer: ArrayBuffer[]): Promise<string[]> {
    return new Promise<string[]>((resolve, reject) => {
      if (this.#closed) {
        reject(new Error('Reading QR codes has been stopped.'));
        return;
      }
      if (this.#queue.length >= this.#maxQueued) {
        reject(new KeyfobError('IMAGE_TOO_LARGE', 'imageDecoderBusy'));
        return;
      }
      this.#queue.push({ request, transfer, resolve, reject });
      this.#pump();
    });
  }

  #spawn(): Worker {
    const worker = new Worker(this.#script, { resourceLimits: this.#limits });
    // A warm worker waiting for work must not keep a process (a test, the CLI) alive by itself.
    worker.unref();
    worker.on('message', (reply: DecodeReply) => this.#settle(worker, reply));
    worker.on('error', (error) => this.#died(worker, error));
    worker.on('exit', () => this.#died(worker, undefined));
    return worker;
  }

  #pump(): void {
    if (this.#running || this.#closed) return;
    const job = this.#queue.shift();
    if (!job) return;
    const worker = (this.#worker ??= this.#spawn());
    const id = this.#nextId++;
    const timer = setTimeout(() => this.#timedOut(worker, id), this.#timeoutMs);
    this.#running = { id, job, timer };
    try {
      worker.postMessage({ ...job.request, id }, job.transfer);
    } catch (error) {
      this.#finish(id, () => job.reject(error));
    }
  }

  /** Ends the running job `id` (if it still is) with `settle`, and starts the next one. */
  #finish(id: number, settle: () => void): void {
    if (this.#running?.id !== id) return;
    clearTimeout(this.#running.timer);
    this.#running = undefined;
    settle();
    this.#pump();
  }

  #settle(worker: Worker, reply: DecodeReply): void {
    if (worker !== this.#worker) return;
    const job = this.#running?.job;
    if (!job) return;
    this.#lastThreadId = reply.threadId;
    this.#finish(reply.id, () => {
      if (reply.ok) job.resolve(reply.texts);
      else if (reply.error) job.reject(rebuild(reply.error));
      else job.reject(new Error('The QR decoder failed unexpectedly.'));
    });
  }

  #timedOut(worker: Worker, id: number): void {
    const job = this.#running?.job;
    if (!job || this.#running?.id !== id) return;
    this.#replace(worker);
    const seconds = Math.round(this.#timeoutMs / 100) / 10;
    this.#finish(id, () => job.reject(new KeyfobError('IMAGE_TOO_LARGE', 'imageDecodeTooSlow', { seconds })));
  }

  #died(worker: Worker, error: unknown): void {
    if (worker !== this.#worker) return;
    this.#worker = undefined;
    const running = this.#running;
    if (!running) return;
    const outOfMemory = (error as { code?: unknown } | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
    this.#finish(running.id, () =>
      running.job.reject(
        outOfMemory
          ? new KeyfobError('IMAGE_TOO_LARGE', 'imageDecodeTooMuchMemory', undefined, { cause: error })
          : new Error('The QR decoder stopped unexpectedly.', { cause: error }),
      ),
    );
  }

  /** Drops a stuck worker: a fresh one is started for the next job. */
  #replace(worker: Worker): void {
    if (worker === this.#worker) this.#worker = undefined;
    void worker.terminate();
  }
}

/** `bytes` as a Uint8Array that owns its whole (non-shared) buffer, so that buffer can be transferred. */
function handOver(bytes: Uint8Array): Uint8Array {
  const whole =
    bytes.buffer instanceof ArrayBuffer &&
    bytes.byteOffset === 0 &&
    bytes.byteLength === bytes.buffer.byteLength;
  return whole ? bytes : bytes.slice();
}

function rebuild(e: CrossedError): KeyfobError {
  return new KeyfobError(
    e.code,
    e.key,
    e.params,
    e.variant === undefined ? undefined : { variant: e.variant },
  );
}
