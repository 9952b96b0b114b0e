/**
 * Finds a QR code in one camera frame, off the page's thread: jsQR takes tens of milliseconds on a 1280 px frame,
 * which on the main thread would stutter the preview and delay key presses.
 *
 * Started by CameraScan as `new Worker(new URL('./qr-worker.ts', import.meta.url), { type: 'module' })`.
 */
import jsQR from 'jsqr';

/** One RGBA frame; `data` is transferred, not copied. */
export interface FrameRequest {
  id: number;
  width: number;
  height: number;
  data: ArrayBuffer;
}

/** The text of the QR code in frame `id`, or null when none was read. */
export interface FrameResult {
  id: number;
  text: string | null;
}

// The renderer's tsconfig has the DOM library; the WebWorker one cannot join it in the same program, so the
// worker's global is described by just what is used here.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<FrameRequest>) => void) | null;
  postMessage(result: FrameResult): void;
};

scope.onmessage = (event) => {
  const { id, width, height, data } = event.data;
  let text: string | null = null;
  try {
    // attemptBoth: a second pass on the inverted image reads light-on-dark codes (dark-mode setup pages).
    text =
      jsQR(new Uint8ClampedArray(data), width, height, { inversionAttempts: 'attemptBoth' })?.data ?? null;
  } catch {
    // A blurred or half-visible code can make jsQR throw part-way; that frame simply has no code, the next may.
  }
  scope.postMessage({ id, text });
};
