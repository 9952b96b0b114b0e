/** An image as 4 bytes per pixel (R, G, B, A), row-major, no padding. */
export interface RgbaImage {
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
}

export interface DecodeOptions {
  /** Largest image accepted, in pixels (width x height). Default DEFAULT_MAX_PIXELS. */
  maxPixels?: number;
}

/** 50 megapixels: above any screen capture or phone photo, below what would exhaust memory. */
export const DEFAULT_MAX_PIXELS = 50_000_000;
