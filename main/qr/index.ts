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
  checkDimensions('image', width, height, maxPixels);
  if (!(data instanceof Uint8Array || data instanceof Uint8ClampedArray)) {
    throw new KeyfobError(
      'IMAGE_CORRUPT',
      'The image has no pixel data (expected RGBA bytes).',
      'Capture the screen or the camera frame again.',
      { key: 'imageNoPixelData' },
    );
  }
  if (data.length !== width * height * 4) {
    throw new KeyfobError(
      'IMAGE_CORRUPT',
      `The image data has ${data.length} bytes, but ${width} x ${height} RGBA pixels need ${width * height * 4}.`,
      'Capture the screen or the camera frame again.',
      { key: 'imageDataSize', params: { bytes: data.length, width, height, needed: width * height * 4 } },
    );
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
      throw new KeyfobError(
        'IMAGE_TOO_LARGE',
        `The file "${path}" is ${Math.round(info.size / (1024 * 1024))} MB, too big to be a screenshot or photo Keyfob can read.`,
        'Take a screenshot of just the QR code, or save it as PNG.',
        { key: 'imageFileTooBig', params: { path, megabytes: Math.round(info.size / (1024 * 1024)) } },
      );
    }
    bytes = await readFile(path);
  } catch (err) {
    if (err instanceof KeyfobError) throw err;
    throw new KeyfobError('IO_FAILED', `Could not read "${path}": ${describeIoError(err)}.`, ioHint(err), {
      cause: err,
      key: 'imageReadFailed',
      // The window words the reason and the hint itself from the system's error code.
      params: { path, errno: errorCode(err) ?? '' },
    });
  }
  return decodeImageBuffer(bytes, options);
}

function errorCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string'
    ? err.code
    : undefined;
}

function describeIoError(err: unknown): string {
  switch (errorCode(err)) {
    case 'ENOENT':
      return 'there is no such file';
    case 'EISDIR':
      return 'it is a folder, not a file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    case 'ELOOP':
      return 'the path has a loop of symbolic links';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many files are open';
    case 'EIO':
      return 'the disk reported an input/output error';
    case 'ERR_FS_FILE_TOO_LARGE':
      return 'the file is too large';
    default: {
      const code = errorCode(err);
      return code ? `the system reported ${code}` : 'the system reported an error';
    }
  }
}

function ioHint(err: unknown): string {
  switch (errorCode(err)) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'Check the file name and folder, then try again.';
    case 'EISDIR':
      return 'Give the path of the image file itself.';
    case 'EACCES':
    case 'EPERM':
      return 'Make the file readable for your user, or copy it somewhere you can read it.';
    default:
      return 'Check that the file exists and can be opened, then try again.';
  }
}
