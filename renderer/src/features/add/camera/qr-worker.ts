/**
 * Finds the QR codes in one camera frame, off the page's thread, with the same pipeline that reads image files
 * and screen captures in main (main/qr/decode.ts: finder-guided crops, contrast and dark-mode handling, several
 * codes per frame), so a code the camera sees reads as well as a screenshot of it. The pipeline's core is plain
 * TypeScript over pixel arrays; the renderer's type check (no Node types) keeps it that way.
 *
 * Started by CameraScan as `new Worker(new URL('./qr-worker.ts', import.meta.url), { type: 'module' })`.
 */
import { decodeQr } from '../../../../../main/qr/decode';

/** One RGBA frame; `data` is transferred, not copied. */
export interface FrameRequest {
  id: number;
  width: number;
  height: number;
  data: ArrayBuffer;
}

/** The text of every QR code read in frame `id`, in the order found; [] when none was. */
export interface FrameResult {
  id: number;
  texts: string[];
}

/** The smallest QR code (version 1) is 21 modules wide: a smaller frame cannot hold one. */
const MIN_SIDE = 21;

// The renderer's tsconfig has the DOM library; the WebWorker one cannot join it in the same program, so the
// worker's global is described by just what is used here.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<FrameRequest>) => void) | null;
  postMessage(result: FrameResult): void;
};

scope.onmessage = (event) => {
  const { id, width, height, data } = event.data;
  let texts: string[] = [];
  if (width >= MIN_SIDE && height >= MIN_SIDE && data.byteLength === width * height * 4) {
    try {
      texts = decodeQr({ width, height, data: new Uint8ClampedArray(data) });
    } catch {
      // A blurred or half-visible code can make jsQR throw part-way; that frame simply has no code, the next may.
    }
  }
  scope.postMessage({ id, texts });
};
