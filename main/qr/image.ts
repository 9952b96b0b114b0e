/**
 * PNG and JPEG files to RGBA, refusing oversized images before any pixel memory is allocated.
 *
 * The dimensions are read from the file's own header (PNG IHDR, JPEG SOFn after walking the marker segments) and
 * checked against the pixel limit first; only then are pngjs or jpeg-js called. What decoding may produce is
 * bounded by what those dimensions need, not by the file's size: a small file whose compressed data unpacks to
 * hundreds of megabytes (a decompression bomb) is refused after inflating no more than its picture needs.
 * Every failure becomes a KeyfobError a person can act on.
 */
import { inflateSync } from 'node:zlib';
import { PNG } from 'pngjs';
import jpeg from 'jpeg-js';
import type { ErrorKey as FormatsErrorKey } from '../../preload/api';
import { KeyfobError, type ErrorCode } from '../errors';
import { DEFAULT_MAX_PIXELS, type DecodeOptions, type RgbaImage } from './types';

/** A keyed image error; `params` carry every number and name of the message. */
function imageError(
  code: ErrorCode,
  key: FormatsErrorKey,
  params?: Record<string, string | number>,
  cause?: unknown,
  variant?: string,
): KeyfobError {
  return new KeyfobError(code, key, params, {
    ...(cause === undefined ? {} : { cause }),
    ...(variant === undefined ? {} : { variant }),
  });
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export interface ImageHeader {
  format: 'PNG' | 'JPEG';
  width: number;
  height: number;
}

/** The pixel limit from the options, validated. */
export function maxPixelsOf(options?: DecodeOptions): number {
  const max = options?.maxPixels ?? DEFAULT_MAX_PIXELS;
  if (typeof max !== 'number' || !Number.isFinite(max) || max <= 0) {
    throw new RangeError(`maxPixels must be a positive number, got ${String(max)}`);
  }
  return max;
}

/**
 * Refuses dimensions that are not positive integers or exceed the pixel limit. `format`: the file's, when the
 * pixels came from one (the message then names it); none for pixels captured from a screen or a camera.
 */
export function checkDimensions(
  format: 'PNG' | 'JPEG' | undefined,
  width: number,
  height: number,
  maxPixels: number,
): void {
  const named: { params: Record<string, string>; variant?: string } =
    format === undefined ? { params: {} } : { params: { format }, variant: 'format' };
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw imageError(
      'IMAGE_CORRUPT',
      'imageInvalidSize',
      { ...named.params, width: String(width), height: String(height) },
      undefined,
      named.variant,
    );
  }
  if (width * height > maxPixels) {
    throw imageError(
      'IMAGE_TOO_LARGE',
      'imageTooManyPixels',
      {
        ...named.params,
        width,
        height,
        megapixels: megapixels(width * height),
        limit: megapixels(maxPixels),
      },
      undefined,
      named.variant,
    );
  }
}

function megapixels(pixels: number): number {
  const mp = pixels / 1_000_000;
  return mp >= 10 ? Math.round(mp) : Math.round(mp * 10) / 10;
}

/** Reads a PNG or JPEG (recognised by its first bytes) into RGBA pixels. */
export function readImage(bytes: Uint8Array, options?: DecodeOptions): RgbaImage {
  const maxPixels = maxPixelsOf(options);
  const header = readHeader(bytes, maxPixels);
  const image = header.format === 'PNG' ? decodePng(bytes) : decodeJpeg(bytes, header);
  if (
    image.width !== header.width ||
    image.height !== header.height ||
    image.data.length !== image.width * image.height * 4
  ) {
    throw imageError('IMAGE_CORRUPT', 'imagePixelsMismatch', { format: header.format });
  }
  return image;
}

/**
 * Format and dimensions from the file header alone, without decoding pixels; refuses images over `maxPixels`
 * as soon as the size is known.
 */
export function readHeader(bytes: Uint8Array, maxPixels: number): ImageHeader {
  if (bytes.length === 0) {
    throw imageError('IMAGE_CORRUPT', 'imageEmpty');
  }
  if (startsWith(bytes, PNG_SIGNATURE)) {
    const size = pngSize(bytes);
    checkDimensions('PNG', size.width, size.height, maxPixels);
    return { format: 'PNG', ...size };
  }
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    return { format: 'JPEG', ...jpegSize(bytes, maxPixels) };
  }
  const other = sniffOther(bytes);
  // The kind is a code the catalogues word (errorWords.imageKind), for a message that says what the file is.
  throw other
    ? imageError('IMAGE_UNSUPPORTED', 'imageUnsupported', { kind: other }, undefined, 'kind')
    : imageError('IMAGE_UNSUPPORTED', 'imageUnsupported');
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  if (bytes.length < prefix.length) return false;
  return prefix.every((b, i) => bytes[i] === b);
}

function ascii(bytes: Uint8Array, start: number, length: number): string {
  let s = '';
  for (let i = start; i < Math.min(bytes.length, start + length); i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

/** Common formats that are not supported, by the code the catalogues word (errorWords.imageKind). */
type OtherFormat = 'gif' | 'bmp' | 'webp' | 'tiff' | 'avif' | 'heic' | 'isoMedia' | 'pdf' | 'svg' | 'ico';

/** Names common formats that are not supported, so the message can say what the file is. */
function sniffOther(bytes: Uint8Array): OtherFormat | null {
  const head = ascii(bytes, 0, 16);
  if (head.startsWith('GIF87a') || head.startsWith('GIF89a')) return 'gif';
  if (head.startsWith('BM')) return 'bmp';
  if (head.startsWith('RIFF') && head.slice(8, 12) === 'WEBP') return 'webp';
  if (head.startsWith('II*\0') || head.startsWith('MM\0*')) return 'tiff';
  if (head.slice(4, 8) === 'ftyp') {
    const brand = head.slice(8, 12);
    if (brand.startsWith('avi')) return 'avif';
    if (['heic', 'heix', 'hevc', 'heim', 'heis', 'mif1', 'msf1'].includes(brand)) return 'heic';
    return 'isoMedia';
  }
  if (head.startsWith('%PDF')) return 'pdf';
  if (/^\s*<(\?xml|svg)/i.test(head)) return 'svg';
  if (bytes[0] === 0x00 && bytes[1] === 0x00 && bytes[2] === 0x01 && bytes[3] === 0x00) return 'ico';
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// PNG

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array, start: number, end: number): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function u32(bytes: Uint8Array, at: number): number {
  return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
}

function u16(bytes: Uint8Array, at: number): number {
  return (bytes[at]! << 8) | bytes[at + 1]!;
}

/** Width and height from the IHDR chunk, which the PNG format requires to come first. */
function pngSize(bytes: Uint8Array): { width: number; height: number } {
  // signature (8) + length (4) + "IHDR" (4) + 13 bytes of header + CRC (4)
  if (bytes.length < 33) {
    throw imageError('IMAGE_CORRUPT', 'imagePngTruncated');
  }
  if (u32(bytes, 8) !== 13 || ascii(bytes, 12, 4) !== 'IHDR') {
    throw imageError('IMAGE_CORRUPT', 'imagePngNoHeader');
  }
  if (crc32(bytes, 12, 29) !== u32(bytes, 29)) {
    throw imageError('IMAGE_CORRUPT', 'imagePngChecksum');
  }
  return { width: u32(bytes, 16), height: u32(bytes, 20) };
}

/** Samples per pixel by PNG colour type: grey, -, RGB, palette, grey+alpha, -, RGBA. */
const PNG_CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
/** Adam7 passes: [x start, y start, x step, y step]. */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

/**
 * The bytes the image data of a PNG inflates to: each row's samples plus its filter-type byte, for the whole
 * image or, interlaced, for each of the seven reduced images. 0 when the header's colour type or bit depth is not
 * one PNG allows (pngjs then reports the damage).
 */
export function pngInflatedSize(
  width: number,
  height: number,
  bitDepth: number,
  colorType: number,
  interlaced: boolean,
): number {
  const channels = PNG_CHANNELS[colorType];
  if (channels === undefined || ![1, 2, 4, 8, 16].includes(bitDepth)) return 0;
  const rowBytes = (w: number) => Math.ceil((w * channels * bitDepth) / 8) + 1;
  if (!interlaced) return rowBytes(width) * height;
  let total = 0;
  for (const [x0, y0, dx, dy] of ADAM7) {
    const w = width > x0 ? Math.ceil((width - x0) / dx) : 0;
    const h = height > y0 ? Math.ceil((height - y0) / dy) : 0;
    if (w > 0 && h > 0) total += rowBytes(w) * h;
  }
  return total;
}

/** The IDAT chunks' contents, joined: the zlib stream of the image data. */
function pngImageData(bytes: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [];
  let total = 0;
  let at = 8;
  while (at + 8 <= bytes.length) {
    const length = u32(bytes, at);
    const type = ascii(bytes, at + 4, 4);
    const start = at + 8;
    if (start + length > bytes.length) break; // truncated: pngjs words the damage
    if (type === 'IDAT') {
      parts.push(bytes.subarray(start, start + length));
      total += length;
    }
    if (type === 'IEND') break;
    at = start + length + 4;
  }
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}

/**
 * Refuses a PNG whose image data inflates to more than its header's dimensions need, inflating at most that
 * much. pngjs bounds its own inflate for ordinary PNGs (and fails, less clearly, past the bound) but not for
 * interlaced ones, where zlib's output is unbounded: those are measured here first, and a PNG that passes
 * inflates to the same bounded size in pngjs. `all` measures an ordinary PNG too, to word pngjs's failure.
 */
function checkPngInflate(bytes: Uint8Array, all = false): void {
  const width = u32(bytes, 16);
  const height = u32(bytes, 20);
  const interlaced = bytes[28] === 1;
  if (!interlaced && !all) return;
  const needed = pngInflatedSize(width, height, bytes[24]!, bytes[25]!, interlaced);
  if (needed === 0) return;
  try {
    inflateSync(pngImageData(bytes), { maxOutputLength: needed });
  } catch (err) {
    if ((err as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw imageError('IMAGE_CORRUPT', 'imagePngTooMuchData', { width, height }, err);
    }
    throw pngUnreadable(err);
  }
}

function pngUnreadable(cause: unknown): KeyfobError {
  return imageError('IMAGE_CORRUPT', 'imagePngUnreadable', undefined, cause);
}

function decodePng(bytes: Uint8Array): RgbaImage {
  checkPngInflate(bytes);
  let png: PNG;
  try {
    png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (err) {
    // Only on failure: was it too much data (said as such), or other damage?
    checkPngInflate(bytes, true);
    throw pngUnreadable(err);
  }
  const data = png.data;
  return {
    data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    width: png.width,
    height: png.height,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// JPEG

/** Start-of-frame markers that jpeg-js decodes: baseline, extended sequential and progressive Huffman. */
const DECODABLE_SOF = new Set([0xc0, 0xc1, 0xc2]);
/** All other start-of-frame markers (lossless, hierarchical, arithmetic coding). */
const OTHER_SOF = new Set([0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/**
 * Walks the marker segments to the frame header for the dimensions, then on through the entropy-coded scans to
 * the end-of-image marker, so a file cut short is reported as such instead of decoding half a picture.
 */
function jpegSize(bytes: Uint8Array, maxPixels: number): { width: number; height: number } {
  const n = bytes.length;
  let i = 2;
  let size: { width: number; height: number } | null = null;
  for (;;) {
    if (i >= n) throw imageError('IMAGE_CORRUPT', 'imageJpegTruncated');
    if (bytes[i] !== 0xff) {
      throw imageError('IMAGE_CORRUPT', 'imageJpegBroken');
    }
    while (i < n && bytes[i] === 0xff) i++; // fill bytes before the marker code
    if (i >= n) throw imageError('IMAGE_CORRUPT', 'imageJpegTruncated');
    const marker = bytes[i]!;
    i++;
    if (marker === 0xd9) {
      if (!size) break;
      return size;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue; // no length
    if (marker === 0xd8 || marker === 0x00) {
      throw imageError('IMAGE_CORRUPT', 'imageJpegBroken');
    }
    if (i + 2 > n) throw imageError('IMAGE_CORRUPT', 'imageJpegTruncated');
    const length = u16(bytes, i);
    if (length < 2) {
      throw imageError('IMAGE_CORRUPT', 'imageJpegBroken');
    }
    if (i + length > n) throw imageError('IMAGE_CORRUPT', 'imageJpegTruncated');
    if (DECODABLE_SOF.has(marker) || OTHER_SOF.has(marker)) {
      if (length < 8) {
        throw imageError('IMAGE_CORRUPT', 'imageJpegShortFrameHeader');
      }
      if (OTHER_SOF.has(marker)) {
        throw imageError('IMAGE_UNSUPPORTED', 'imageJpegRareEncoding');
      }
      if (size) {
        throw imageError('IMAGE_CORRUPT', 'imageJpegTwoFrameHeaders');
      }
      const height = u16(bytes, i + 3);
      const width = u16(bytes, i + 5);
      if (height === 0) {
        throw imageError('IMAGE_UNSUPPORTED', 'imageJpegNoHeight');
      }
      // Refuse an oversized frame right away, whatever the rest of the file holds.
      checkDimensions('JPEG', width, height, maxPixels);
      size = { width, height };
    }
    if (marker === 0xda) {
      if (!size) {
        throw imageError('IMAGE_CORRUPT', 'imageJpegDataBeforeFrame');
      }
      i = skipEntropyCoded(bytes, i + length);
      continue;
    }
    i += length;
  }
  throw imageError('IMAGE_CORRUPT', 'imageJpegNoFrameHeader');
}

/** Index of the next marker (its 0xFF) after entropy-coded data, skipping stuffed bytes and restart markers. */
function skipEntropyCoded(bytes: Uint8Array, from: number): number {
  const n = bytes.length;
  let i = from;
  for (;;) {
    const at = bytes.indexOf(0xff, i);
    if (at < 0 || at + 1 >= n) throw imageError('IMAGE_CORRUPT', 'imageJpegTruncated');
    const next = bytes[at + 1]!;
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7) || next === 0xff) {
      i = at + (next === 0xff ? 1 : 2);
      continue;
    }
    return at;
  }
}

function decodeJpeg(bytes: Uint8Array, header: ImageHeader): RgbaImage {
  // Bounded by the frame's own size (already checked against the pixel limit), not by the limit: a small frame
  // cannot make jpeg-js allocate for a big one.
  const pixels = header.width * header.height;
  try {
    const image = jpeg.decode(bytes, {
      useTArray: true,
      formatAsRGBA: true,
      tolerantDecoding: true,
      // One pixel over, so that rounding in the division cannot refuse the exact size.
      maxResolutionInMP: (pixels + 1) / 1_000_000,
      // jpeg-js holds about 24 bytes per pixel while decoding (coefficients, planes and output); the rest is
      // headroom for its tables and the padding of blocks to whole MCUs.
      maxMemoryUsageInMB: Math.ceil((pixels * 24) / (1024 * 1024)) + 16,
    });
    return { data: image.data, width: image.width, height: image.height };
  } catch (err) {
    const message = err instanceof Error ? err.message : '';
    if (/maxResolutionInMP|maxMemoryUsageInMB|allocate enough memory/.test(message)) {
      throw imageError('IMAGE_TOO_LARGE', 'imageJpegTooMuchMemory', undefined, err);
    }
    throw imageError('IMAGE_CORRUPT', 'imageJpegUnreadable', undefined, err);
  }
}
