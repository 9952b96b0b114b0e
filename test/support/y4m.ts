/**
 * A camera that shows a QR code, for Chromium's fake capture device
 * (`--use-fake-device-for-media-stream --use-file-for-fake-video-capture=<file.y4m>`).
 *
 * Y4M (YUV4MPEG2) is the one uncompressed format that capture device reads, so it can be written here with no
 * encoder: a text header, then per frame the word FRAME and three 8-bit planes, Y at full size and U and V at
 * half size each way (4:2:0). Chromium loops the file, so a few frames make an endless video.
 */
import { writeFileSync } from 'node:fs';
import QRCode from 'qrcode';

export interface QrVideoOptions {
  width?: number;
  height?: number;
  fps?: number;
  frames?: number;
  /** Light modules on a dark background, as a phone or website in dark mode shows them. */
  inverted?: boolean;
}

const WHITE = 255;
const BLACK = 0;
/** No colour: U and V at their midpoint. */
const NEUTRAL = 128;
/** The blank margin a QR code needs around it, in modules (ISO/IEC 18004). */
const QUIET_ZONE = 4;

/** The Y4M bytes of a video showing `text` as a QR code. Both sides must be even for 4:2:0. */
export function qrVideo(text: string, options: QrVideoOptions = {}): Buffer {
  const { width = 640, height = 480, fps = 5, frames = 5, inverted = false } = options;
  if (width % 2 !== 0 || height % 2 !== 0) throw new Error(`4:2:0 needs even sides, got ${width}x${height}`);
  const matrix = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  const side = matrix.size + 2 * QUIET_ZONE;
  // About 80% of the shorter side, like a code held up to a webcam; whole pixels per module keep edges sharp.
  const scale = Math.floor((Math.min(width, height) * 0.8) / side);
  if (scale < 2) throw new Error(`${width}x${height} is too small for a ${matrix.size}-module QR code`);
  const background = inverted ? BLACK : WHITE;
  const ink = inverted ? WHITE : BLACK;

  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`, 'ascii');
  const frameHeader = Buffer.from('FRAME\n', 'ascii');
  const lumaSize = width * height;
  const chromaSize = (width / 2) * (height / 2);
  const parts: Buffer[] = [header];
  for (let f = 0; f < frames; f++) {
    const luma = Buffer.alloc(lumaSize, background);
    // A few pixels of drift from frame to frame, as a hand-held code has, so the decoder never sees one still image.
    const left = Math.floor((width - side * scale) / 2) + (f % 3) * 3;
    const top = Math.floor((height - side * scale) / 2) + (f % 2) * 2;
    for (let row = 0; row < matrix.size; row++) {
      for (let col = 0; col < matrix.size; col++) {
        if (!matrix.get(row, col)) continue;
        const x0 = left + (col + QUIET_ZONE) * scale;
        const y0 = top + (row + QUIET_ZONE) * scale;
        for (let y = y0; y < y0 + scale; y++) luma.fill(ink, y * width + x0, y * width + x0 + scale);
      }
    }
    parts.push(frameHeader, luma, Buffer.alloc(chromaSize * 2, NEUTRAL));
  }
  return Buffer.concat(parts);
}

/** Writes the video to `path` and returns `path`, to hand to `--use-file-for-fake-video-capture`. */
export function writeQrVideo(path: string, text: string, options?: QrVideoOptions): string {
  writeFileSync(path, qrVideo(text, options));
  return path;
}
