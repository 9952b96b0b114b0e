/**
 * What decoding may inflate is bounded by the image's own size (width x height x channels), not by its file size:
 * a half-megabyte PNG whose data unpacks to 512 MiB is refused after unpacking no more than its picture needs.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { KeyfobError } from '../../main/errors';
import { decodeImageBuffer, readImage } from '../../main/qr/index';
import { pngInflatedSize } from '../../main/qr/image';
import {
  Canvas,
  TOTP_GITHUB,
  drawQr,
  encodeInterlacedPng,
  encodeJpeg,
  pngInflationBomb,
  squareAt,
} from '../support/qr-fixtures';

const MiB = 1024 * 1024;

function refusal(fn: () => unknown): KeyfobError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(KeyfobError);
    return err as KeyfobError;
  }
  throw new Error('expected a KeyfobError, but nothing was thrown');
}

/** Memory held by ArrayBuffers and Buffers (where zlib's output goes), in bytes. */
function bufferMemory(): number {
  const m = process.memoryUsage();
  return m.arrayBuffers + m.external;
}

describe('decompression bombs', () => {
  let interlacedBomb: Uint8Array;
  let plainBomb: Uint8Array;
  beforeAll(async () => {
    interlacedBomb = await pngInflationBomb({ inflated: 512 * MiB, interlaced: true });
    plainBomb = await pngInflationBomb({ inflated: 512 * MiB, interlaced: false });
  }, 60_000);

  it('the interlaced bomb is what the issue describes: a 64 x 64 PNG of about half a megabyte', () => {
    expect(interlacedBomb.length).toBeLessThan(600 * 1024);
    expect(interlacedBomb.length).toBeGreaterThan(400 * 1024);
    // Its data is a thousand times what 64 x 64 RGBA pixels need.
    expect(pngInflatedSize(64, 64, 8, 6, true)).toBeLessThan(20 * 1024);
  });

  it('refuses an interlaced PNG whose data inflates to 512 MiB, without unpacking it', () => {
    const before = bufferMemory();
    const e = refusal(() => decodeImageBuffer(interlacedBomb));
    const grown = bufferMemory() - before;
    expect(e.code).toBe('IMAGE_CORRUPT');
    expect(e.key).toBe('imagePngTooMuchData');
    expect(e.params).toEqual({ width: 64, height: 64 });
    expect(e.message).toContain('more than a 64 x 64 image needs');
    expect(e.hint).toBeTruthy();
    // Unpacked whole it would be 512 MiB; bounded, it is at most the picture's 17 KiB.
    expect(grown).toBeLessThan(32 * MiB);
  });

  it('refuses the same bomb in an ordinary (non-interlaced) PNG in the same words, as bounded', () => {
    const before = bufferMemory();
    const e = refusal(() => decodeImageBuffer(plainBomb));
    expect(bufferMemory() - before).toBeLessThan(32 * MiB);
    expect(e.code).toBe('IMAGE_CORRUPT');
    expect(e.key).toBe('imagePngTooMuchData');
  });

  it('still reads an ordinary interlaced PNG, at sizes that do not divide into the 8 x 8 pattern', () => {
    for (const side of [301, 333]) {
      const canvas = new Canvas(side, side);
      drawQr(canvas, TOTP_GITHUB, { quad: squareAt(30, 30, side - 60) });
      const png = encodeInterlacedPng(canvas);
      expect(readImage(png)).toMatchObject({ width: side, height: side });
      expect(decodeImageBuffer(png)).toEqual([TOTP_GITHUB]);
    }
  });

  it('refuses an interlaced PNG whose data stops short as damaged, not with an internal error', () => {
    const canvas = new Canvas(64, 64);
    const png = Buffer.from(encodeInterlacedPng(canvas));
    // Cut the zlib stream inside IDAT (and fix nothing else): the CRC and the stream are now both wrong.
    const cut = Buffer.concat([png.subarray(0, 33 + 8 + 4), png.subarray(png.length - 12)]);
    const e = refusal(() => readImage(cut));
    expect(e.code).toBe('IMAGE_CORRUPT');
  });

  it('sizes the interlaced data pass by pass (Adam7), each row with its filter byte', () => {
    // 1 x 1: only the first pass holds a pixel: 1 filter byte + 4 bytes.
    expect(pngInflatedSize(1, 1, 8, 6, true)).toBe(5);
    // 8 x 8 RGBA: every pixel once (256 bytes) + one filter byte per row of each pass (1+1+1+2+2+4+4 = 15 rows).
    expect(pngInflatedSize(8, 8, 8, 6, true)).toBe(256 + 15);
    expect(pngInflatedSize(8, 8, 8, 6, false)).toBe(8 * 32 + 8);
    // 1-bit grey: 10 pixels fit in 2 bytes per row.
    expect(pngInflatedSize(10, 3, 1, 0, false)).toBe(3 * 3);
    expect(pngInflatedSize(10, 3, 8, 5, false)).toBe(0);
  });

  it('decodes a JPEG with memory bounded by its own frame, still reading an ordinary photo', () => {
    const canvas = new Canvas(400, 300);
    drawQr(canvas, TOTP_GITHUB, { quad: squareAt(60, 20, 260) });
    expect(decodeImageBuffer(encodeJpeg(canvas, 90))).toEqual([TOTP_GITHUB]);
  });
});
