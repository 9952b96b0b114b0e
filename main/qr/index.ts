/**
 * Reading QR codes from images: PNG/JPEG files, encoded bytes, or raw RGBA pixels (screen captures, camera frames).
 *
 * Used by the CLI (`keyfob add --image`, `keyfob scan`), the screen-capture import and the camera. Expected failures are
 * KeyfobErrors: IMAGE_CORRUPT, IMAGE_UNSUPPORTED, IMAGE_TOO_LARGE and IO_FAILED. Finding no code is not an
 * error: the result is then an empty array, and the caller decides what to tell the person.
 */
import { readFile, stat } from 'node:fs/promises';
import { KeyfobError } from '../errors';
import { decodeQr } from './decode';
import { checkDimensions, maxPixelsOf, readImage as readImageBytes } from './image';
import type { DecodeOptions, RgbaImage } from './types';

export type { DecodeOptions, RgbaImage } from './types';
export { DEFAULT_MAX_PIXELS } from './types';

/** The smallest QR code (version 1, 21 modules) needs at least this many pixels per side. */
const MIN_SIDE = 21;

/**
 * The text of every distinct QR code in the image, in the order found; [] when there is none.
 * Throws IMAGE_TOO_LARGE over the pixel limit and IMAGE_CORRUPT when `data` doesn't hold width x height pixels.
 */
export function decodeRgba(image: RgbaImage, options?: DecodeOptions): string[] {
  const maxPixels = maxPixelsOf(options);
  const { width, height, data } = image;
  checkDimensions(undefined, width, height, maxPixels);
  if (!(data instanceof Uint8Array || data instanceof Uint8ClampedArray)) {
    throw new KeyfobError('IMAGE_CORRUPT', 'imageNoPixelData');
  }
  if (data.length !== width * height * 4) {
    throw new KeyfobError('IMAGE_CORRUPT', 'imageDataSize', {
      bytes: data.length,
      width,
      height,
      needed: width * height * 4,
    });
  }
  if (width < MIN_SIDE || height < MIN_SIDE) return [];
  return decodeQr(image);
}

/** Decodes a PNG or JPEG file's bytes (recognised by their first bytes, not by a file name) into RGBA pixels. */
export function readImage(bytes: Uint8Array, options?: DecodeOptions): RgbaImage {
  return readImageBytes(bytes, options);
}

/** The QR codes in a PNG or JPEG held in memory. */
export function decodeImageBuffer(bytes: Uint8Array, options?: DecodeOptions): string[] {
  return decodeRgba(readImage(bytes, options), options);
}

/** The QR codes in a PNG or JPEG file. IO_FAILED when the file cannot be read. */
export async function decodeImageFile(path: string, options?: DecodeOptions): Promise<string[]> {
  const maxPixels = maxPixelsOf(options);
  let bytes: Uint8Array;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    // Even an uncompressed 16-bit RGBA PNG needs at most 8 bytes per pixel; anything bigger is not a sane image.
    const maxBytes = Math.max(64 * 1024 * 1024, maxPixels * 8);
    if (info.size > maxBytes) {
      throw new KeyfobError('IMAGE_TOO_LARGE', 'imageFileTooBig', {
        path,
        megabytes: Math.round(info.size / (1024 * 1024)),
      });
    }
    bytes = await readFile(path);
  } catch (err) {
    if (err instanceof KeyfobError) throw err;
    throw readFailed(path, err);
  }
  return decodeImageBuffer(bytes, options);
}

function errorCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string'
    ? err.code
    : undefined;
}

/**
 * The catalogue words the common causes itself (a variant named after the system's code), and names any other
 * code as the system gave it.
 */
const KNOWN_ERRNO = new Set([
  'ENOENT',
  'EISDIR',
  'EACCES',
  'EPERM',
  'ENOTDIR',
  'ELOOP',
  'EMFILE',
  'ENFILE',
  'EIO',
  'ERR_FS_FILE_TOO_LARGE',
]);

function readFailed(path: string, err: unknown): KeyfobError {
  const errno = errorCode(err);
  const variant = errno === undefined ? 'none' : KNOWN_ERRNO.has(errno) ? errno : undefined;
  return new KeyfobError(
    'IO_FAILED',
    'imageReadFailed',
    { path, errno: errno ?? '' },
    { cause: err, ...(variant === undefined ? {} : { variant }) },
  );
}
