/**
 * The app's QR decoder on a worker thread: the same bundle build.mjs emits (built here from main/qr/worker.ts),
 * the same pipeline and errors as in-thread, and nothing an image does there can stop the caller.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyfobError, isKeyfobError } from '../../main/errors';
import { OffThreadQr } from '../../main/qr/off-thread';
import { errorText } from '../support/words';
import {
  encodePng,
  multipleCodes,
  pngInflationBomb,
  screenshot1080p,
  screenshot4k,
} from '../support/qr-fixtures';

let dir: string;
let script: string;
const decoders: OffThreadQr[] = [];

function decoder(options: Partial<ConstructorParameters<typeof OffThreadQr>[0]> = {}): OffThreadQr {
  const qr = new OffThreadQr({ script, ...options });
  decoders.push(qr);
  return qr;
}

/** The window says a refusal in German and Chinese too, with its numbers filled in. */
function expectTranslated(error: unknown): void {
  expect(isKeyfobError(error)).toBe(true);
  const info = (error as KeyfobError).forApp();
  for (const lang of ['de', 'zh-CN'] as const) {
    const text = errorText(info, lang);
    expect(text.message).not.toBe(info.message);
    expect(text.message).not.toMatch(/undefined|NaN|\$\{/);
    expect(text.hint).toBeTruthy();
  }
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, but the promise resolved');
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'keyfob-qr-worker-'));
  script = join(dir, 'qr-worker.js');
  await build({
    entryPoints: ['main/qr/worker.ts'],
    outfile: script,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    logLevel: 'warning',
  });
}, 60_000);

afterAll(async () => {
  for (const qr of decoders) await qr.close();
  await rm(dir, { recursive: true, force: true });
});

describe('OffThreadQr', () => {
  it('decodes an image file and a frame on another thread, with the in-thread pipeline', async () => {
    const qr = decoder();
    const scene = screenshot1080p();
    expect(await qr.decodeImage(encodePng(scene.image))).toEqual(scene.expected);
    expect(qr.lastThreadId).toBeDefined();
    expect(qr.lastThreadId).not.toBe(threadId);

    const page = multipleCodes();
    const pixels = new Uint8Array(page.image.data);
    const found = await qr.decodeFrame({ width: page.image.width, height: page.image.height, data: pixels });
    expect([...found].sort()).toEqual(page.expected);
  });

  it('hands the bytes over instead of copying them, but copies a view of a larger buffer', async () => {
    const qr = decoder();
    const png = encodePng(screenshot1080p().image);
    const own = new Uint8Array(png);
    await qr.decodeImage(own);
    expect(own.byteLength).toBe(0);

    const shared = new Uint8Array(png.length + 16);
    shared.set(png, 8);
    const view = shared.subarray(8, 8 + png.length);
    expect(await qr.decodeImage(view)).toHaveLength(1);
    expect(shared.byteLength).toBe(png.length + 16);
  });

  it('rebuilds the keyed errors of the decoder on the caller’s side', async () => {
    const qr = decoder();
    const bomb = await pngInflationBomb({ inflated: 256 * 1024 * 1024 });
    const e = await rejection(qr.decodeImage(bomb));
    expect(e).toBeInstanceOf(KeyfobError);
    expect(isKeyfobError(e)).toBe(true);
    const k = e as KeyfobError;
    expect(k.code).toBe('IMAGE_CORRUPT');
    expect(k.key).toBe('imagePngTooMuchData');
    expect(k.params).toEqual({ width: 64, height: 64 });
    expect(k.message).toContain('64 x 64');
    expect(k.hint).toBeTruthy();
    expectTranslated(k);

    const gif = await rejection(qr.decodeImage(new TextEncoder().encode('GIF89a and the rest')));
    expect(gif).toMatchObject({
      code: 'IMAGE_UNSUPPORTED',
      key: 'imageUnsupported',
      params: { kind: 'gif' },
    });

    const frame = await rejection(qr.decodeFrame({ width: 30, height: 30, data: new Uint8Array(7) }));
    expect(frame).toMatchObject({ code: 'IMAGE_CORRUPT', key: 'imageDataSize' });
    // The worker is still there for the next image.
    expect(await qr.decodeImage(encodePng(screenshot1080p().image))).toHaveLength(1);
  });

  it('stops a job that runs past its time with a clear error, and takes the next one in a fresh worker', async () => {
    // 1 ms: less than starting a worker, let alone reading a 4K screenshot.
    const qr = decoder({ timeoutMs: 1 });
    const png = encodePng(screenshot4k().image);
    const e = await rejection(qr.decodeImage(new Uint8Array(png)));
    expect(e).toMatchObject({ code: 'IMAGE_TOO_LARGE', key: 'imageDecodeTooSlow', params: { seconds: 0 } });
    expectTranslated(e);
    // The stuck worker was terminated; the next job gets a new one (and is stopped the same way, not lost).
    const again = await rejection(qr.decodeImage(new Uint8Array(png)));
    expect(again).toMatchObject({ key: 'imageDecodeTooSlow' });
    expect(qr.lastThreadId).toBeUndefined();

    const patient = decoder();
    const scene = screenshot1080p();
    expect(await patient.decodeImage(encodePng(scene.image))).toEqual(scene.expected);
  });

  it('refuses more jobs than its queue holds, at once, and finishes those it accepted', async () => {
    const qr = decoder({ maxQueued: 1 });
    const png = encodePng(screenshot1080p().image);
    const running = qr.decodeImage(new Uint8Array(png));
    const waiting = qr.decodeImage(new Uint8Array(png));
    const refused = await rejection(qr.decodeImage(new Uint8Array(png)));
    expect(refused).toMatchObject({ code: 'IMAGE_TOO_LARGE', key: 'imageDecoderBusy' });
    expectTranslated(refused);
    expect(await running).toHaveLength(1);
    expect(await waiting).toHaveLength(1);
  });

  it('survives a worker that dies: the job fails, the caller and the next job do not', async () => {
    const qr = decoder({ script: join(dir, 'missing-worker.js') });
    const e = await rejection(qr.decodeImage(encodePng(screenshot1080p().image)));
    expect(e).toBeInstanceOf(Error);
    expect(isKeyfobError(e)).toBe(false);
    // A decoder with a working script, in the same process, is unaffected.
    expect(await decoder().decodeImage(encodePng(screenshot1080p().image))).toHaveLength(1);
  });
});
