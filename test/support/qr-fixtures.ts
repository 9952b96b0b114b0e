/**
 * Synthetic QR test scenes, generated in code so no binary fixtures are committed.
 *
 * Every scene is drawn by the small rasteriser below (QR module matrices come from `qrcode`), is fully
 * deterministic (seeded PRNG), and returns the payload(s) a decoder must find. The scenes imitate what people
 * actually capture: setup pages with text clutter at 4K and 1080p, a HiDPI screenshot scaled to half size, a phone
 * photo (perspective, rotation, blur, noise, uneven light, JPEG), a skewed code, dark mode, low contrast and a
 * page with several codes.
 */
import { constants, createDeflate, deflateSync } from 'node:zlib';
import QRCode from 'qrcode';
import { PNG } from 'pngjs';
import jpeg from 'jpeg-js';
import type { RgbaImage } from '../../main/qr/index';

export type Rgb = readonly [number, number, number];
export type Point = readonly [number, number];
/** Corners in the order top-left, top-right, bottom-right, bottom-left. */
export type Quad = readonly [Point, Point, Point, Point];

export interface QrScene {
  name: string;
  image: RgbaImage;
  /** Every payload in the image, sorted. */
  expected: string[];
}

export interface JpegScene extends QrScene {
  /** The encoded file; `image` is what it decodes to. */
  jpeg: Uint8Array;
}

// ---------------------------------------------------------------------------------------------------------------
// Payloads

export const TOTP_EXAMPLE = 'otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example';
export const TOTP_GITHUB =
  'otpauth://totp/GitHub:alice-dev?secret=NB2W45DFOIZA4LTPOJTS4Y3ZNFQWY3DP&issuer=GitHub';
export const TOTP_AWS =
  'otpauth://totp/Amazon%20Web%20Services:bob@example.org?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Amazon%20Web%20Services&algorithm=SHA1&digits=6&period=30';
export const TOTP_BANK =
  'otpauth://totp/Northwind%20Bank:carol?secret=MFRGGZDFMZTWQ2LK&issuer=Northwind%20Bank&digits=8';
export const TOTP_MAIL =
  'otpauth://totp/Mailbox:dave@mail.example?secret=ORSXG5BAOBQXG43XN5ZGI&issuer=Mailbox';

/** A Google Authenticator export: a few hundred characters of URL-encoded base64, i.e. a dense code. */
export function migrationPayload(seed = 7, bytes = 240): string {
  const rng = mulberry32(seed);
  const raw = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) raw[i] = Math.floor(rng() * 256);
  return `otpauth-migration://offline?data=${encodeURIComponent(raw.toString('base64'))}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Seeded randomness

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Canvas and drawing

export class Canvas implements RgbaImage {
  readonly data: Uint8ClampedArray;
  constructor(
    readonly width: number,
    readonly height: number,
    background: Rgb = [255, 255, 255],
  ) {
    this.data = new Uint8ClampedArray(width * height * 4);
    this.fillRect(0, 0, width, height, background);
  }

  fillRect(x: number, y: number, w: number, h: number, c: Rgb): void {
    const x0 = Math.max(0, Math.round(x));
    const y0 = Math.max(0, Math.round(y));
    const x1 = Math.min(this.width, Math.round(x + w));
    const y1 = Math.min(this.height, Math.round(y + h));
    const d = this.data;
    for (let yy = y0; yy < y1; yy++) {
      let i = (yy * this.width + x0) * 4;
      for (let xx = x0; xx < x1; xx++, i += 4) {
        d[i] = c[0];
        d[i + 1] = c[1];
        d[i + 2] = c[2];
        d[i + 3] = 255;
      }
    }
  }

  /** Rectangle outline of the given stroke width. */
  strokeRect(x: number, y: number, w: number, h: number, stroke: number, c: Rgb): void {
    this.fillRect(x, y, w, stroke, c);
    this.fillRect(x, y + h - stroke, w, stroke, c);
    this.fillRect(x, y, stroke, h, c);
    this.fillRect(x + w - stroke, y, stroke, h, c);
  }
}

export interface TextOptions {
  /** Font size in pixels (cap height is about 0.7 of it). */
  size: number;
  color: Rgb;
  lines: number;
  lineHeight?: number;
}

/**
 * Draws lines of text-like glyphs: stems, bowls and bars of a stroke width proportional to the font size. This is
 * the clutter that produces false finder-pattern candidates (1:1:3:1:1 runs) on real setup pages.
 */
export function drawText(
  c: Canvas,
  rng: () => number,
  x: number,
  y: number,
  width: number,
  o: TextOptions,
): void {
  const lineHeight = o.lineHeight ?? o.size * 1.5;
  const stroke = Math.max(1, Math.round(o.size * 0.11));
  const xHeight = Math.round(o.size * 0.52);
  const asc = Math.round(o.size * 0.74);
  for (let line = 0; line < o.lines; line++) {
    const base = Math.round(y + line * lineHeight + asc);
    const lineWidth = line === o.lines - 1 ? width * (0.3 + 0.5 * rng()) : width * (0.85 + 0.15 * rng());
    let cx = x;
    while (cx < x + lineWidth) {
      const letters = 2 + Math.floor(rng() * 8);
      for (let l = 0; l < letters && cx < x + lineWidth; l++) {
        const gw = Math.max(stroke * 2 + 1, Math.round(o.size * (0.42 + 0.2 * rng())));
        const kind = Math.floor(rng() * 7);
        const top = base - xHeight;
        switch (kind) {
          case 0: // o
            c.strokeRect(cx, top, gw, xHeight, stroke, o.color);
            break;
          case 1: // l / d / b
            c.fillRect(cx, base - asc, stroke, asc, o.color);
            if (rng() < 0.5) c.strokeRect(cx, top, gw, xHeight, stroke, o.color);
            break;
          case 2: // n / m
            c.fillRect(cx, top, stroke, xHeight, o.color);
            c.fillRect(cx, top, gw, stroke, o.color);
            c.fillRect(cx + gw - stroke, top, stroke, xHeight, o.color);
            break;
          case 3: // e / a
            c.strokeRect(cx, top, gw, xHeight, stroke, o.color);
            c.fillRect(cx, top + Math.round(xHeight / 2), gw, stroke, o.color);
            break;
          case 4: // i
            c.fillRect(cx, top, stroke, xHeight, o.color);
            c.fillRect(cx, base - asc, stroke, stroke, o.color);
            break;
          case 5: // t / f
            c.fillRect(cx + Math.round(gw / 3), base - asc, stroke, asc, o.color);
            c.fillRect(cx, top, gw, stroke, o.color);
            break;
          default: // s / z / x
            c.fillRect(cx, top, gw, stroke, o.color);
            c.fillRect(cx, top + Math.round(xHeight / 2), gw, stroke, o.color);
            c.fillRect(cx, base - stroke, gw, stroke, o.color);
            break;
        }
        cx += gw + Math.max(1, Math.round(o.size * 0.08));
      }
      cx += Math.round(o.size * 0.35);
    }
  }
}

/** Square icons and checkboxes: more finder-like false candidates, as on a real page. */
function drawIcons(
  c: Canvas,
  rng: () => number,
  x: number,
  y: number,
  count: number,
  size: number,
  color: Rgb,
) {
  for (let i = 0; i < count; i++) {
    const s = Math.round(size * (0.7 + 0.6 * rng()));
    const ix = x + i * size * 2.2;
    const stroke = Math.max(1, Math.round(s / 7));
    c.strokeRect(ix, y, s, s, stroke, color);
    if (rng() < 0.6) c.fillRect(ix + 2 * stroke, y + 2 * stroke, s - 4 * stroke, s - 4 * stroke, color);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Geometry

/** 3x3 homography as a flat row-major array (h[8] = 1). */
export type Homography = readonly number[];

/** The homography that maps the four `from` points onto the four `to` points. */
export function homography(from: Quad, to: Quad): Homography {
  const a: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = from[i]!;
    const [u, v] = to[i]!;
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    a.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  // Gauss-Jordan with partial pivoting on the 8x9 augmented matrix.
  for (let col = 0; col < 8; col++) {
    let pivot = col;
    for (let r = col + 1; r < 8; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    const p = a[col]!;
    const pv = p[col]!;
    for (let k = col; k < 9; k++) p[k] = p[k]! / pv;
    for (let r = 0; r < 8; r++) {
      if (r === col) continue;
      const row = a[r]!;
      const f = row[col]!;
      if (f === 0) continue;
      for (let k = col; k < 9; k++) row[k] = row[k]! - f * p[k]!;
    }
  }
  return [...a.map((row) => row[8]!), 1];
}

export function applyHomography(h: Homography, x: number, y: number): Point {
  const w = h[6]! * x + h[7]! * y + h[8]!;
  return [(h[0]! * x + h[1]! * y + h[2]!) / w, (h[3]! * x + h[4]! * y + h[5]!) / w];
}

/** A square of side `size` centred at (cx, cy), rotated by `degrees`. */
export function rotatedSquare(cx: number, cy: number, size: number, degrees = 0): Quad {
  const r = (degrees * Math.PI) / 180;
  const corner = (dx: number, dy: number): Point => [
    cx + dx * Math.cos(r) - dy * Math.sin(r),
    cy + dx * Math.sin(r) + dy * Math.cos(r),
  ];
  const s = size / 2;
  return [corner(-s, -s), corner(s, -s), corner(s, s), corner(-s, s)];
}

// ---------------------------------------------------------------------------------------------------------------
// QR rendering

export interface QrDrawOptions {
  /** Where the symbol (without quiet zone) lands: TL, TR, BR, BL. */
  quad: Quad;
  dark?: Rgb;
  light?: Rgb;
  /** Quiet zone in modules, drawn in `light`. */
  quiet?: number;
  errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H';
  /** Subsamples per pixel side, for anti-aliased edges. */
  supersample?: number;
}

/** Renders `text` as a QR code through an arbitrary projective transform with anti-aliasing. */
export function drawQr(c: Canvas, text: string, o: QrDrawOptions): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: o.errorCorrectionLevel ?? 'M' });
  const size = qr.modules.size;
  const bits = qr.modules.data;
  const quiet = o.quiet ?? 4;
  const dark = o.dark ?? [0, 0, 0];
  const light = o.light ?? [255, 255, 255];
  const ss = o.supersample ?? 3;
  const square: Quad = [
    [0, 0],
    [size, 0],
    [size, size],
    [0, size],
  ];
  const toPixel = homography(square, o.quad);
  const toModule = homography(o.quad, square);
  const outer = [
    applyHomography(toPixel, -quiet, -quiet),
    applyHomography(toPixel, size + quiet, -quiet),
    applyHomography(toPixel, size + quiet, size + quiet),
    applyHomography(toPixel, -quiet, size + quiet),
  ];
  const x0 = Math.max(0, Math.floor(Math.min(...outer.map((p) => p[0]))));
  const x1 = Math.min(c.width - 1, Math.ceil(Math.max(...outer.map((p) => p[0]))));
  const y0 = Math.max(0, Math.floor(Math.min(...outer.map((p) => p[1]))));
  const y1 = Math.min(c.height - 1, Math.ceil(Math.max(...outer.map((p) => p[1]))));
  const d = c.data;
  const n = ss * ss;
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      let inside = 0;
      let darkCount = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const [u, v] = applyHomography(toModule, x + (sx + 0.5) / ss, y + (sy + 0.5) / ss);
          if (u < -quiet || v < -quiet || u >= size + quiet || v >= size + quiet) continue;
          inside++;
          const col = Math.floor(u);
          const row = Math.floor(v);
          if (col >= 0 && row >= 0 && col < size && row < size && bits[row * size + col]) darkCount++;
        }
      }
      if (inside === 0) continue;
      const i = (y * c.width + x) * 4;
      for (let ch = 0; ch < 3; ch++) {
        const painted = (darkCount * dark[ch]! + (inside - darkCount) * light[ch]!) / n;
        d[i + ch] = painted + ((n - inside) / n) * d[i + ch]!;
      }
    }
  }
}

/** Convenience: an axis-aligned code whose symbol is `size` pixels wide with its top-left corner at (x, y). */
export function squareAt(x: number, y: number, size: number): Quad {
  return [
    [x, y],
    [x + size, y],
    [x + size, y + size],
    [x, y + size],
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// Image operations

/** Box-filter downscale by an integer factor (what a HiDPI screenshot looks like at 1x). */
export function downscale(src: RgbaImage, factor: number): Canvas {
  const w = Math.floor(src.width / factor);
  const h = Math.floor(src.height / factor);
  const out = new Canvas(w, h);
  const n = factor * factor;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      for (let ch = 0; ch < 3; ch++) {
        let s = 0;
        for (let dy = 0; dy < factor; dy++) {
          let i = ((y * factor + dy) * src.width + x * factor) * 4 + ch;
          for (let dx = 0; dx < factor; dx++, i += 4) s += src.data[i]!;
        }
        out.data[(y * w + x) * 4 + ch] = s / n;
      }
    }
  }
  return out;
}

/** Projects `src` into `dst` through `h` (src pixel -> dst pixel), bilinear sampling. */
export function warpInto(dst: Canvas, src: RgbaImage, h: Homography): void {
  const corners = [
    applyHomography(h, 0, 0),
    applyHomography(h, src.width, 0),
    applyHomography(h, src.width, src.height),
    applyHomography(h, 0, src.height),
  ];
  const inv = homography(corners as unknown as Quad, [
    [0, 0],
    [src.width, 0],
    [src.width, src.height],
    [0, src.height],
  ]);
  const x0 = Math.max(0, Math.floor(Math.min(...corners.map((p) => p[0]))));
  const x1 = Math.min(dst.width - 1, Math.ceil(Math.max(...corners.map((p) => p[0]))));
  const y0 = Math.max(0, Math.floor(Math.min(...corners.map((p) => p[1]))));
  const y1 = Math.min(dst.height - 1, Math.ceil(Math.max(...corners.map((p) => p[1]))));
  const s = src.data;
  const sw = src.width;
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const [u, v] = applyHomography(inv, x + 0.5, y + 0.5);
      const fx = u - 0.5;
      const fy = v - 0.5;
      if (fx < 0 || fy < 0 || fx >= src.width - 1 || fy >= src.height - 1) continue;
      const ix = Math.floor(fx);
      const iy = Math.floor(fy);
      const ax = fx - ix;
      const ay = fy - iy;
      const i00 = (iy * sw + ix) * 4;
      const i10 = i00 + 4;
      const i01 = i00 + sw * 4;
      const i11 = i01 + 4;
      const o = (y * dst.width + x) * 4;
      for (let ch = 0; ch < 3; ch++) {
        const top = s[i00 + ch]! * (1 - ax) + s[i10 + ch]! * ax;
        const bottom = s[i01 + ch]! * (1 - ax) + s[i11 + ch]! * ax;
        dst.data[o + ch] = top * (1 - ay) + bottom * ay;
      }
    }
  }
}

/** Separable Gaussian blur of the colour channels. */
export function blur(c: Canvas, sigma: number): void {
  const radius = Math.ceil(sigma * 3);
  const kernel = new Float32Array(2 * radius + 1);
  let total = 0;
  for (let k = -radius; k <= radius; k++) {
    kernel[k + radius] = Math.exp(-(k * k) / (2 * sigma * sigma));
    total += kernel[k + radius]!;
  }
  for (let k = 0; k < kernel.length; k++) kernel[k] = kernel[k]! / total;
  const { width: w, height: h } = c;
  const plane = new Float32Array(w * h);
  const tmp = new Float32Array(w * h);
  const d = c.data;
  for (let ch = 0; ch < 3; ch++) {
    for (let i = 0; i < w * h; i++) plane[i] = d[i * 4 + ch]!;
    // Horizontal pass, edges clamped.
    for (let y = 0; y < h; y++) {
      const base = y * w;
      for (let x = 0; x < w; x++) {
        let s = 0;
        if (x >= radius && x < w - radius) {
          let i = base + x - radius;
          for (let k = 0; k < kernel.length; k++, i++) s += plane[i]! * kernel[k]!;
        } else {
          for (let k = -radius; k <= radius; k++)
            s += plane[base + Math.min(w - 1, Math.max(0, x + k))]! * kernel[k + radius]!;
        }
        tmp[base + x] = s;
      }
    }
    // Vertical pass, row by row (cache friendly), edges clamped.
    plane.fill(0);
    for (let y = 0; y < h; y++) {
      const out = y * w;
      for (let k = -radius; k <= radius; k++) {
        const src = Math.min(h - 1, Math.max(0, y + k)) * w;
        const kv = kernel[k + radius]!;
        for (let x = 0; x < w; x++) plane[out + x] = plane[out + x]! + tmp[src + x]! * kv;
      }
    }
    for (let i = 0; i < w * h; i++) d[i * 4 + ch] = plane[i]!;
  }
}

/** Gaussian sensor noise, mostly luma with a little chroma. */
export function addNoise(c: Canvas, rng: () => number, sigma: number): void {
  const d = c.data;
  for (let i = 0; i < d.length; i += 4) {
    // Irwin-Hall: the sum of four uniforms is close enough to a Gaussian for sensor noise.
    const luma = (rng() + rng() + rng() + rng() - 2) * 1.732 * sigma;
    const chroma = sigma * 0.3;
    d[i] = d[i]! + luma + (rng() - 0.5) * chroma;
    d[i + 1] = d[i + 1]! + luma + (rng() - 0.5) * chroma;
    d[i + 2] = d[i + 2]! + luma + (rng() - 0.5) * chroma;
  }
}

/** Uneven light: a gradient across the frame, a vignette and a soft highlight, as from a desk lamp. */
export function unevenLight(c: Canvas, strength = 0.45): void {
  const { width: w, height: h } = c;
  const d = c.data;
  const cx = w * 0.62;
  const cy = h * 0.38;
  const maxR = Math.hypot(w, h) / 2;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const gradient = 1 - strength * (x / w) * 0.8 - strength * (y / h) * 0.5;
      const r = Math.hypot(x - w / 2, y - h / 2) / maxR;
      const vignette = 1 - strength * 0.6 * r * r;
      const spot = 1 + 0.25 * Math.exp(-(((x - cx) / (w * 0.18)) ** 2 + ((y - cy) / (h * 0.18)) ** 2));
      const f = gradient * vignette * spot;
      const i = (y * w + x) * 4;
      d[i] = d[i]! * f;
      d[i + 1] = d[i + 1]! * f;
      d[i + 2] = d[i + 2]! * f * 0.95;
    }
  }
}

export function encodePng(image: RgbaImage): Uint8Array {
  const png = new PNG({ width: image.width, height: image.height });
  png.data = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength);
  return new Uint8Array(PNG.sync.write(png));
}

export function encodeJpeg(image: RgbaImage, quality: number): Uint8Array {
  const encoded = jpeg.encode(
    {
      width: image.width,
      height: image.height,
      data: Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength),
    },
    quality,
  );
  return new Uint8Array(encoded.data);
}

function decodeJpeg(bytes: Uint8Array): RgbaImage {
  const d = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
  return { data: d.data, width: d.width, height: d.height };
}

// ---------------------------------------------------------------------------------------------------------------
// Page layouts

interface PageStyle {
  background: Rgb;
  text: Rgb;
  muted: Rgb;
  header: Rgb;
  panel: Rgb;
}

const LIGHT: PageStyle = {
  background: [250, 250, 250],
  text: [32, 33, 36],
  muted: [95, 99, 104],
  header: [26, 115, 232],
  panel: [255, 255, 255],
};

const DARK: PageStyle = {
  background: [18, 18, 18],
  text: [232, 234, 237],
  muted: [154, 160, 166],
  header: [41, 42, 45],
  panel: [32, 33, 36],
};

/**
 * A typical "set up two-factor authentication" page: header bar, navigation, paragraphs around a panel that holds
 * the QR code, and a secret printed in text below. `scale` is the UI scale (2 on a 4K screen at 200 %).
 * Returns the panel's inner origin where the code goes.
 */
function setupPage(
  c: Canvas,
  rng: () => number,
  scale: number,
  style: PageStyle,
  panel: { x: number; y: number; w: number; h: number },
) {
  const s = scale;
  c.fillRect(0, 0, c.width, 56 * s, style.header);
  drawText(c, rng, 24 * s, 16 * s, 220 * s, { size: 18 * s, color: [255, 255, 255], lines: 1 });
  drawIcons(c, rng, c.width - 200 * s, 16 * s, 4, 22 * s, [255, 255, 255]);
  // Navigation column
  drawText(c, rng, 24 * s, 90 * s, 180 * s, {
    size: 14 * s,
    color: style.muted,
    lines: 18,
    lineHeight: 34 * s,
  });
  drawIcons(c, rng, 24 * s, 720 * s, 3, 16 * s, style.muted);
  // Paragraphs across the page
  const textX = 260 * s;
  const textW = Math.max(200 * s, panel.x - textX - 40 * s);
  drawText(c, rng, textX, 90 * s, textW, { size: 26 * s, color: style.text, lines: 1 });
  drawText(c, rng, textX, 140 * s, textW, { size: 15 * s, color: style.text, lines: 8 });
  drawText(c, rng, textX, 340 * s, textW, { size: 15 * s, color: style.muted, lines: 6 });
  drawIcons(c, rng, textX, 500 * s, 5, 14 * s, style.text);
  drawText(c, rng, textX, 540 * s, textW, { size: 15 * s, color: style.text, lines: 7 });
  // The panel with the code
  c.fillRect(panel.x, panel.y, panel.w, panel.h, style.panel);
  c.strokeRect(panel.x, panel.y, panel.w, panel.h, Math.max(1, Math.round(s)), style.muted);
  drawText(c, rng, panel.x + 20 * s, panel.y + panel.h - 70 * s, panel.w - 40 * s, {
    size: 13 * s,
    color: style.text,
    lines: 2,
  });
  // Right-hand column of more text, if there is room
  const rightX = panel.x + panel.w + 40 * s;
  if (rightX + 150 * s < c.width) {
    drawText(c, rng, rightX, 90 * s, c.width - rightX - 30 * s, {
      size: 15 * s,
      color: style.text,
      lines: 20,
    });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Scenes

/** 3840x2160 screenshot at 200 % UI scale, ~260 px code in a panel surrounded by text. */
export function screenshot4k(): QrScene {
  const rng = mulberry32(4000);
  const c = new Canvas(3840, 2160, LIGHT.background);
  const panel = { x: 1980, y: 420, w: 560, h: 700 };
  setupPage(c, rng, 2, LIGHT, panel);
  drawQr(c, TOTP_EXAMPLE, { quad: squareAt(panel.x + 150, panel.y + 120, 259) });
  return { name: '4K screenshot', image: c, expected: [TOTP_EXAMPLE] };
}

/** 1920x1080 screenshot, the browser scaled the code to a non-integer module size (blurred edges). */
export function screenshot1080p(): QrScene {
  const rng = mulberry32(1080);
  const c = new Canvas(1920, 1080, LIGHT.background);
  const panel = { x: 1100, y: 150, w: 330, h: 400 };
  setupPage(c, rng, 1, LIGHT, panel);
  drawQr(c, TOTP_AWS, { quad: squareAt(panel.x + 60.4, panel.y + 50.7, 205.3) });
  return { name: '1080p screenshot', image: c, expected: [TOTP_AWS] };
}

/** A Retina page drawn at 2x with a dense export code, then saved at half size: ~2.6 px per module, smeared. */
export function hidpiHalf(): QrScene {
  const rng = mulberry32(2880);
  const payload = migrationPayload(11, 220);
  const c = new Canvas(2880, 1800, LIGHT.background);
  const panel = { x: 1500, y: 260, w: 700, h: 860 };
  setupPage(c, rng, 2, LIGHT, panel);
  drawQr(c, payload, { quad: squareAt(panel.x + 125.5, panel.y + 101.5, 381) });
  return { name: 'HiDPI screenshot at half size', image: downscale(c, 2), expected: [payload] };
}

/**
 * A phone photo of a laptop screen showing an export code: perspective, ~14 degrees of rotation, lens blur,
 * sensor noise, a lamp's uneven light and vignette, then JPEG at quality 60.
 */
export function phonePhoto(): JpegScene {
  const rng = mulberry32(1234);
  const payload = migrationPayload(3, 180);
  // The screen content
  const screen = new Canvas(1200, 800, [245, 245, 245]);
  drawText(screen, rng, 40, 40, 1120, { size: 22, color: LIGHT.text, lines: 2 });
  drawText(screen, rng, 40, 120, 520, { size: 16, color: LIGHT.muted, lines: 14 });
  drawQr(screen, payload, { quad: squareAt(640, 150, 480) });
  drawText(screen, rng, 640, 690, 480, { size: 14, color: LIGHT.text, lines: 2 });
  // The photo: a dim desk around a bright screen seen at an angle
  const photo = new Canvas(2000, 1500, [70, 62, 55]);
  // A keystoned screen outline, then turned by 14 degrees about the frame centre.
  const target = rotateQuad(
    [
      [330, 260],
      [1700, 200],
      [1640, 1290],
      [380, 1190],
    ],
    14,
    1000,
    750,
  );
  // Lens blur, applied to the screen before projecting it (the projection magnifies it ~1.3x): 3x cheaper than
  // blurring the whole photo, and the desk around the screen is out of focus anyway.
  blur(screen, 1.3);
  warpInto(photo, screen, homography(screenCorners(screen), target));
  unevenLight(photo, 0.5);
  addNoise(photo, rng, 7);
  const bytes = encodeJpeg(photo, 60);
  return { name: 'phone photo (JPEG)', image: decodeJpeg(bytes), jpeg: bytes, expected: [payload] };
}

function screenCorners(c: RgbaImage): Quad {
  return [
    [0, 0],
    [c.width, 0],
    [c.width, c.height],
    [0, c.height],
  ];
}

function rotateQuad(q: Quad, degrees: number, cx: number, cy: number): Quad {
  const r = (degrees * Math.PI) / 180;
  const turn = ([x, y]: Point): Point => [
    cx + (x - cx) * Math.cos(r) - (y - cy) * Math.sin(r),
    cy + (x - cx) * Math.sin(r) + (y - cy) * Math.cos(r),
  ];
  return [turn(q[0]), turn(q[1]), turn(q[2]), turn(q[3])];
}

/** A code on a page photographed from a steep angle: strong keystone plus rotation, otherwise clean. */
export function skewed(): QrScene {
  const rng = mulberry32(77);
  const page = new Canvas(900, 900, [255, 255, 255]);
  drawText(page, rng, 40, 30, 820, { size: 20, color: LIGHT.text, lines: 3 });
  drawQr(page, TOTP_GITHUB, { quad: squareAt(250, 200, 400) });
  drawText(page, rng, 40, 700, 820, { size: 18, color: LIGHT.text, lines: 4 });
  const c = new Canvas(1400, 1000, [200, 205, 210]);
  warpInto(
    c,
    page,
    homography(screenCorners(page), [
      [420, 120],
      [1010, 230],
      [1180, 930],
      [180, 780],
    ]),
  );
  return { name: 'perspective-skewed code', image: c, expected: [TOTP_GITHUB] };
}

/** Dark mode: light modules on a dark background, inside a dark page with light text. */
export function darkMode(): QrScene {
  const rng = mulberry32(1212);
  const c = new Canvas(1920, 1080, DARK.background);
  const panel = { x: 1150, y: 160, w: 340, h: 420 };
  setupPage(c, rng, 1, DARK, panel);
  drawQr(c, TOTP_BANK, {
    quad: squareAt(panel.x + 60, panel.y + 50, 220),
    dark: [226, 226, 226],
    light: DARK.panel,
  });
  return { name: 'dark mode (inverted)', image: c, expected: [TOTP_BANK] };
}

/** Grey on grey with little contrast (#777 modules on #999 paper), slightly soft and noisy. */
export function lowContrast(): QrScene {
  const rng = mulberry32(999);
  const style: PageStyle = {
    background: [0x99, 0x99, 0x99],
    text: [0x70, 0x70, 0x70],
    muted: [0x80, 0x80, 0x80],
    header: [0x8c, 0x8c, 0x8c],
    panel: [0x99, 0x99, 0x99],
  };
  const c = new Canvas(1600, 1000, style.background);
  const panel = { x: 950, y: 150, w: 360, h: 440 };
  setupPage(c, rng, 1, style, panel);
  drawQr(c, TOTP_MAIL, {
    quad: squareAt(panel.x + 70, panel.y + 60, 220),
    dark: [0x77, 0x77, 0x77],
    light: [0x99, 0x99, 0x99],
  });
  blur(c, 0.8);
  addNoise(c, rng, 3);
  return { name: 'low contrast (#777 on #999)', image: c, expected: [TOTP_MAIL] };
}

/** A recovery page with three different codes of different sizes. */
export function multipleCodes(): QrScene {
  const rng = mulberry32(333);
  const c = new Canvas(1920, 1200, LIGHT.background);
  c.fillRect(0, 0, c.width, 56, LIGHT.header);
  drawText(c, rng, 24, 16, 260, { size: 18, color: [255, 255, 255], lines: 1 });
  const codes = [TOTP_EXAMPLE, TOTP_GITHUB, TOTP_AWS];
  const sizes = [190, 230, 270];
  for (let i = 0; i < codes.length; i++) {
    const x = 120 + i * 600;
    drawText(c, rng, x, 120, 460, { size: 22, color: LIGHT.text, lines: 1 });
    drawText(c, rng, x, 170, 460, { size: 14, color: LIGHT.muted, lines: 4 });
    drawQr(c, codes[i]!, { quad: squareAt(x + 40, 320 + (i % 2) * 90, sizes[i]!) });
    drawText(c, rng, x, 720, 460, { size: 14, color: LIGHT.text, lines: 6 });
  }
  return { name: 'three codes on one page', image: c, expected: [...codes].sort() };
}

/** A setup page without any code. */
export function noCodePage(): QrScene {
  const rng = mulberry32(5);
  const c = new Canvas(1920, 1080, LIGHT.background);
  setupPage(c, rng, 1, LIGHT, { x: 1100, y: 150, w: 330, h: 400 });
  return { name: 'page without a code', image: c, expected: [] };
}

// ---------------------------------------------------------------------------------------------------------------
// Hostile files

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, body: Uint8Array): Uint8Array {
  const out = Buffer.alloc(12 + body.length);
  out.writeUInt32BE(body.length, 0);
  out.write(type, 4, 'latin1');
  Buffer.from(body).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + body.length)), 8 + body.length);
  return out;
}

/** A ~60-byte PNG that declares `width` x `height` pixels (a decompression bomb's header). */
export function pngHeaderBomb(width = 20_000, height = 20_000): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const idat = new Uint8Array([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', idat),
    pngChunk('IEND', new Uint8Array(0)),
  ]);
}

/** An Adam7-interlaced 8-bit RGBA PNG (pngjs only writes non-interlaced ones). */
export function encodeInterlacedPng(image: RgbaImage): Uint8Array {
  const { width, height, data } = image;
  const passes = [
    [0, 0, 8, 8],
    [4, 0, 8, 8],
    [0, 4, 4, 8],
    [2, 0, 4, 4],
    [0, 2, 2, 4],
    [1, 0, 2, 2],
    [0, 1, 1, 2],
  ] as const;
  const rows: number[] = [];
  for (const [x0, y0, dx, dy] of passes) {
    if (width <= x0 || height <= y0) continue;
    for (let y = y0; y < height; y += dy) {
      rows.push(0); // filter type None
      for (let x = x0; x < width; x += dx) {
        for (let c = 0; c < 4; c++) rows.push(data[(y * width + x) * 4 + c]!);
      }
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  ihdr[12] = 1;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.from(rows))),
    pngChunk('IEND', new Uint8Array(0)),
  ]);
}

/**
 * A PNG of `width` x `height` RGBA pixels whose image data inflates to `inflated` bytes of zeros (a decompression
 * bomb): a run of zeros deflates about 1000:1, so 512 MiB fit in half a megabyte of file. Interlaced by default,
 * the case pngjs leaves unbounded. The zeros are streamed through zlib, never held whole.
 */
export async function pngInflationBomb({
  width = 64,
  height = 64,
  inflated = 512 * 1024 * 1024,
  interlaced = true,
}: { width?: number; height?: number; inflated?: number; interlaced?: boolean } = {}): Promise<Uint8Array> {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  ihdr[12] = interlaced ? 1 : 0;
  // Run-length matching is all zeros need, and is several times quicker to make than the default strategy.
  const deflate = createDeflate({ level: 9, strategy: constants.Z_RLE, chunkSize: 1 << 16 });
  const parts: Buffer[] = [];
  deflate.on('data', (part: Buffer) => parts.push(part));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  const zeros = Buffer.alloc(1 << 20);
  for (let left = inflated; left > 0; left -= zeros.length) {
    if (!deflate.write(zeros.subarray(0, Math.min(zeros.length, left)))) {
      await new Promise((resolve) => deflate.once('drain', resolve));
    }
  }
  deflate.end();
  await done;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', Buffer.concat(parts)),
    pngChunk('IEND', new Uint8Array(0)),
  ]);
}

/** A small real JPEG whose baseline frame header is rewritten to declare `width` x `height`. */
export function jpegHeaderBomb(width = 60_000, height = 60_000): Uint8Array {
  const small = new Canvas(16, 16, [128, 128, 128]);
  const bytes = Buffer.from(encodeJpeg(small, 80));
  for (let i = 2; i + 9 < bytes.length; i++) {
    if (bytes[i] === 0xff && bytes[i + 1] === 0xc0) {
      bytes.writeUInt16BE(height, i + 5);
      bytes.writeUInt16BE(width, i + 7);
      return new Uint8Array(bytes);
    }
  }
  throw new Error('no SOF0 marker in the encoded JPEG');
}
