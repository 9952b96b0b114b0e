/**
 * Greyscale planes and the cheap pixel operations the decoder builds on: luminance with box downscaling (one pass
 * over the RGBA bytes), crops, contrast stretching, smoothing, local normalisation and the RGBA expansion jsQR needs.
 */
import type { RgbaImage } from './types';

/** One byte of luminance per pixel, row-major. */
export interface Gray {
  data: Uint8Array;
  width: number;
  height: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Rec. 709 luminance of `region` (default: the whole image), averaged over `factor` x `factor` boxes; partial
 * boxes at the right and bottom edges are dropped. With `transparent`, colours are composited over white (as a
 * viewer shows them); otherwise alpha is ignored. Also reports whether every pixel read was fully opaque.
 */
export function grayFromRgba(
  image: RgbaImage,
  factor: number,
  region?: Rect,
  transparent = false,
): { gray: Gray; opaque: boolean } {
  const rx = region?.x ?? 0;
  const ry = region?.y ?? 0;
  const rw = region?.width ?? image.width;
  const rh = region?.height ?? image.height;
  const ow = Math.max(1, Math.floor(rw / factor));
  const oh = Math.max(1, Math.floor(rh / factor));
  const out = new Uint8Array(ow * oh);
  const d = image.data;
  if (!transparent && LITTLE_ENDIAN && d.byteOffset % 4 === 0) {
    // One 32-bit load per pixel: 0xAABBGGRR.
    const px = new Uint32Array(d.buffer, d.byteOffset, image.width * image.height);
    const alpha = grayWords(px, image.width, rx, ry, ow, oh, factor, out);
    return { gray: { data: out, width: ow, height: oh }, opaque: alpha === 255 };
  }
  const stride = image.width * 4;
  const area = factor * factor;
  const acc = new Uint32Array(ow);
  let alphaAnd = 255;
  for (let y = 0; y < oh; y++) {
    acc.fill(0);
    for (let dy = 0; dy < factor; dy++) {
      let i = (ry + y * factor + dy) * stride + rx * 4;
      for (let x = 0; x < ow; x++) {
        let s = 0;
        for (let dx = 0; dx < factor; dx++, i += 4) {
          const l = (d[i]! * 54 + d[i + 1]! * 183 + d[i + 2]! * 19 + 128) >> 8;
          const a = d[i + 3]!;
          alphaAnd &= a;
          s += transparent ? (l * a + 255 * (255 - a) + 127) / 255 : l;
        }
        acc[x] = acc[x]! + s;
      }
    }
    const o = y * ow;
    for (let x = 0; x < ow; x++) out[o + x] = ((acc[x]! + (area >> 1)) / area) | 0;
  }
  return { gray: { data: out, width: ow, height: oh }, opaque: alphaAnd === 255 };
}

/** Luminance for factors above 16 (not reached by the decoder's pyramid, kept for completeness). */
function grayWordsWide(
  px: Uint32Array,
  w: number,
  rx: number,
  ry: number,
  ow: number,
  oh: number,
  factor: number,
  out: Uint8Array,
): number {
  let alphaAnd = 0xffffffff;
  const acc = new Float64Array(ow);
  const div = factor * factor * 256;
  for (let y = 0; y < oh; y++) {
    acc.fill(0);
    for (let dy = 0; dy < factor; dy++) {
      let i = (ry + y * factor + dy) * w + rx;
      for (let x = 0; x < ow; x++) {
        let s = 0;
        for (let dx = 0; dx < factor; dx++, i++) {
          const p = px[i]!;
          alphaAnd &= p;
          s += (p & 255) * 54 + ((p >>> 8) & 255) * 183 + ((p >>> 16) & 255) * 19;
        }
        acc[x] = acc[x]! + s;
      }
    }
    for (let x = 0; x < ow; x++) out[y * ow + x] = (acc[x]! + div / 2) / div;
  }
  return alphaAnd >>> 24;
}

/** The word-at-a-time luminance loop; returns the AND of all alpha values read. */
function grayWords(
  px: Uint32Array,
  w: number,
  rx: number,
  ry: number,
  ow: number,
  oh: number,
  factor: number,
  out: Uint8Array,
): number {
  let alphaAnd = 0xffffffff;
  if (factor === 1) {
    for (let y = 0; y < oh; y++) {
      let i = (ry + y) * w + rx;
      let o = y * ow;
      for (let x = 0; x < ow; x++, i++, o++) {
        const p = px[i]!;
        alphaAnd &= p;
        out[o] = ((p & 255) * 54 + ((p >>> 8) & 255) * 183 + ((p >>> 16) & 255) * 19 + 128) >> 8;
      }
    }
    return alphaAnd >>> 24;
  }
  if (factor === 2) {
    for (let y = 0; y < oh; y++) {
      let i = (ry + 2 * y) * w + rx;
      let j = i + w;
      let o = y * ow;
      for (let x = 0; x < ow; x++, i += 2, j += 2, o++) {
        const p = px[i]!;
        const q = px[i + 1]!;
        const r = px[j]!;
        const s = px[j + 1]!;
        alphaAnd &= p & q & r & s;
        const rb = (p & 0xff00ff) + (q & 0xff00ff) + (r & 0xff00ff) + (s & 0xff00ff);
        const g = ((p >>> 8) & 255) + ((q >>> 8) & 255) + ((r >>> 8) & 255) + ((s >>> 8) & 255);
        const sum = (rb & 0xffff) * 54 + g * 183 + (rb >>> 16) * 19;
        out[o] = (sum + 512) >> 10;
      }
    }
    return alphaAnd >>> 24;
  }
  if (factor === 3) {
    const div = 9 * 256;
    for (let y = 0; y < oh; y++) {
      let i = (ry + 3 * y) * w + rx;
      let j = i + w;
      let k = j + w;
      let o = y * ow;
      for (let x = 0; x < ow; x++, i += 3, j += 3, k += 3, o++) {
        const a0 = px[i]!;
        const a1 = px[i + 1]!;
        const a2 = px[i + 2]!;
        const b0 = px[j]!;
        const b1 = px[j + 1]!;
        const b2 = px[j + 2]!;
        const c0 = px[k]!;
        const c1 = px[k + 1]!;
        const c2 = px[k + 2]!;
        alphaAnd &= a0 & a1 & a2 & b0 & b1 & b2 & c0 & c1 & c2;
        const rb =
          (a0 & 0xff00ff) +
          (a1 & 0xff00ff) +
          (a2 & 0xff00ff) +
          (b0 & 0xff00ff) +
          (b1 & 0xff00ff) +
          (b2 & 0xff00ff) +
          (c0 & 0xff00ff) +
          (c1 & 0xff00ff) +
          (c2 & 0xff00ff);
        const g =
          ((a0 >>> 8) & 255) +
          ((a1 >>> 8) & 255) +
          ((a2 >>> 8) & 255) +
          ((b0 >>> 8) & 255) +
          ((b1 >>> 8) & 255) +
          ((b2 >>> 8) & 255) +
          ((c0 >>> 8) & 255) +
          ((c1 >>> 8) & 255) +
          ((c2 >>> 8) & 255);
        out[o] = ((rb & 0xffff) * 54 + g * 183 + (rb >>> 16) * 19 + div / 2) / div;
      }
    }
    return alphaAnd >>> 24;
  }
  if (factor > 16) return grayWordsWide(px, w, rx, ry, ow, oh, factor, out);
  // Red and blue summed side by side in the 16-bit halves of one integer (at most 16 x 16 x 255 fits).
  const rbAcc = new Uint32Array(ow);
  const gAcc = new Uint32Array(ow);
  const div = factor * factor * 256;
  const half = div >> 1;
  for (let y = 0; y < oh; y++) {
    rbAcc.fill(0);
    gAcc.fill(0);
    for (let dy = 0; dy < factor; dy++) {
      let i = (ry + y * factor + dy) * w + rx;
      for (let x = 0; x < ow; x++) {
        let rb = 0;
        let g = 0;
        for (let dx = 0; dx < factor; dx++, i++) {
          const p = px[i]!;
          alphaAnd &= p;
          rb += p & 0xff00ff;
          g += (p >>> 8) & 255;
        }
        rbAcc[x] = rbAcc[x]! + rb;
        gAcc[x] = gAcc[x]! + g;
      }
    }
    const o = y * ow;
    for (let x = 0; x < ow; x++) {
      const rb = rbAcc[x]!;
      out[o + x] = ((rb & 0xffff) * 54 + gAcc[x]! * 183 + (rb >>> 16) * 19 + half) / div;
    }
  }
  return alphaAnd >>> 24;
}

/** Box downscale of a grey plane by an integer factor. */
export function downscaleGray(g: Gray, factor: number): Gray {
  if (factor === 1) return g;
  const ow = Math.max(1, Math.floor(g.width / factor));
  const oh = Math.max(1, Math.floor(g.height / factor));
  const out = new Uint8Array(ow * oh);
  const acc = new Uint32Array(ow);
  const area = factor * factor;
  for (let y = 0; y < oh; y++) {
    acc.fill(0);
    for (let dy = 0; dy < factor; dy++) {
      let i = (y * factor + dy) * g.width;
      for (let x = 0; x < ow; x++) {
        let s = 0;
        for (let dx = 0; dx < factor; dx++, i++) s += g.data[i]!;
        acc[x] = acc[x]! + s;
      }
    }
    for (let x = 0; x < ow; x++) out[y * ow + x] = ((acc[x]! + (area >> 1)) / area) | 0;
  }
  return { data: out, width: ow, height: oh };
}

/** Bilinear upscale by an integer factor (for codes with fewer than ~2 pixels per module). */
export function upscaleGray(g: Gray, factor: number): Gray {
  if (factor === 1) return g;
  const ow = g.width * factor;
  const oh = g.height * factor;
  const out = new Uint8Array(ow * oh);
  const src = g.data;
  for (let y = 0; y < oh; y++) {
    const fy = Math.min(g.height - 1, Math.max(0, (y + 0.5) / factor - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(g.height - 1, y0 + 1);
    const ay = fy - y0;
    for (let x = 0; x < ow; x++) {
      const fx = Math.min(g.width - 1, Math.max(0, (x + 0.5) / factor - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(g.width - 1, x0 + 1);
      const ax = fx - x0;
      const top = src[y0 * g.width + x0]! * (1 - ax) + src[y0 * g.width + x1]! * ax;
      const bottom = src[y1 * g.width + x0]! * (1 - ax) + src[y1 * g.width + x1]! * ax;
      out[y * ow + x] = top * (1 - ay) + bottom * ay + 0.5;
    }
  }
  return { data: out, width: ow, height: oh };
}

/** Copy of a rectangle of a grey plane. */
export function cropGray(g: Gray, r: Rect): Gray {
  const out = new Uint8Array(r.width * r.height);
  for (let y = 0; y < r.height; y++) {
    const start = (r.y + y) * g.width + r.x;
    out.set(g.data.subarray(start, start + r.width), y * r.width);
  }
  return { data: out, width: r.width, height: r.height };
}

/**
 * Global contrast stretch: maps the `clip` and `1 - clip` quantiles to 0 and 255, optionally inverting.
 * Turns #777-on-#999 into black on white without touching geometry.
 */
export function stretch(g: Gray, invert = false, clip = 0.005): Gray {
  const hist = new Uint32Array(256);
  const d = g.data;
  for (let i = 0; i < d.length; i++) hist[d[i]!]!++;
  const cut = Math.floor(d.length * clip);
  let lo = 0;
  for (let acc = 0; lo < 255; lo++) {
    acc += hist[lo]!;
    if (acc > cut) break;
  }
  let hi = 255;
  for (let acc = 0; hi > 0; hi--) {
    acc += hist[hi]!;
    if (acc > cut) break;
  }
  const lut = new Uint8Array(256);
  const span = Math.max(1, hi - lo);
  for (let v = 0; v < 256; v++) {
    const s = Math.min(255, Math.max(0, Math.round(((v - lo) * 255) / span)));
    lut[v] = invert ? 255 - s : s;
  }
  const out = new Uint8Array(d.length);
  for (let i = 0; i < d.length; i++) out[i] = lut[d[i]!]!;
  return { data: out, width: g.width, height: g.height };
}

/** 3x3 box blur (noise and JPEG ringing suppression before thresholding). */
export function smooth3(g: Gray): Gray {
  const { width: w, height: h, data: d } = g;
  const tmp = new Uint16Array(w * h);
  for (let y = 0; y < h; y++) {
    const r = y * w;
    for (let x = 0; x < w; x++) {
      const l = x > 0 ? d[r + x - 1]! : d[r + x]!;
      const c = d[r + x]!;
      const rr = x < w - 1 ? d[r + x + 1]! : c;
      tmp[r + x] = l + c + rr;
    }
  }
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const up = (y > 0 ? y - 1 : y) * w;
    const mid = y * w;
    const down = (y < h - 1 ? y + 1 : y) * w;
    for (let x = 0; x < w; x++) out[mid + x] = (tmp[up + x]! + tmp[mid + x]! + tmp[down + x]! + 4) / 9;
  }
  return { data: out, width: w, height: h };
}

/**
 * Local normalisation: each pixel is rescaled against the min/max of its neighbourhood (blocks of `block` pixels,
 * 5x5 blocks around it), which flattens shadows, glare and vignetting before jsQR's own binariser sees the image.
 */
export function normalizeLocal(g: Gray, block: number, invert = false): Gray {
  const { width: w, height: h, data: d } = g;
  const bw = Math.ceil(w / block);
  const bh = Math.ceil(h / block);
  const bmin = new Uint8Array(bw * bh).fill(255);
  const bmax = new Uint8Array(bw * bh);
  for (let y = 0; y < h; y++) {
    const brow = ((y / block) | 0) * bw;
    for (let x = 0; x < w; x++) {
      const v = d[y * w + x]!;
      const b = brow + ((x / block) | 0);
      if (v < bmin[b]!) bmin[b] = v;
      if (v > bmax[b]!) bmax[b] = v;
    }
  }
  const lo = new Uint8Array(bw * bh);
  const hi = new Uint8Array(bw * bh);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      let mn = 255;
      let mx = 0;
      for (let yy = Math.max(0, by - 2); yy <= Math.min(bh - 1, by + 2); yy++) {
        for (let xx = Math.max(0, bx - 2); xx <= Math.min(bw - 1, bx + 2); xx++) {
          const b = yy * bw + xx;
          if (bmin[b]! < mn) mn = bmin[b]!;
          if (bmax[b]! > mx) mx = bmax[b]!;
        }
      }
      lo[by * bw + bx] = mn;
      hi[by * bw + bx] = mx;
    }
  }
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const brow = ((y / block) | 0) * bw;
    for (let x = 0; x < w; x++) {
      const b = brow + ((x / block) | 0);
      const mn = lo[b]!;
      const span = hi[b]! - mn;
      // Flat neighbourhoods (no edges) stay flat: map them to white so they don't turn into noise.
      let v = span < 16 ? 255 : ((d[y * w + x]! - mn) * 255) / span;
      if (invert) v = span < 16 ? 255 : 255 - v;
      out[y * w + x] = v;
    }
  }
  return { data: out, width: w, height: h };
}

/** Fills a convex quadrilateral (in plane coordinates) with `value`: used to blank out a code already read. */
export function fillQuad(
  g: Gray,
  quad: ReadonlyArray<{ x: number; y: number }>,
  value: number,
  grow = 0,
): void {
  const cx = quad.reduce((s, p) => s + p.x, 0) / quad.length;
  const cy = quad.reduce((s, p) => s + p.y, 0) / quad.length;
  const pts = quad.map((p) => {
    const dx = p.x - cx;
    const dy = p.y - cy;
    const len = Math.hypot(dx, dy) || 1;
    return { x: p.x + (dx / len) * grow, y: p.y + (dy / len) * grow };
  });
  const y0 = Math.max(0, Math.floor(Math.min(...pts.map((p) => p.y))));
  const y1 = Math.min(g.height - 1, Math.ceil(Math.max(...pts.map((p) => p.y))));
  for (let y = y0; y <= y1; y++) {
    let xmin = Infinity;
    let xmax = -Infinity;
    for (let i = 0; i < pts.length; i++) {
      const a = pts[i]!;
      const b = pts[(i + 1) % pts.length]!;
      if ((a.y <= y && b.y >= y) || (b.y <= y && a.y >= y)) {
        const x = a.y === b.y ? Math.min(a.x, b.x) : a.x + ((y - a.y) * (b.x - a.x)) / (b.y - a.y);
        const x2 = a.y === b.y ? Math.max(a.x, b.x) : x;
        xmin = Math.min(xmin, x, x2);
        xmax = Math.max(xmax, x, x2);
      }
    }
    if (xmin > xmax) continue;
    const from = Math.max(0, Math.floor(xmin));
    const to = Math.min(g.width - 1, Math.ceil(xmax));
    if (from <= to) g.data.fill(value, y * g.width + from, y * g.width + to + 1);
  }
}

/** The RGBA bytes jsQR takes, built from a grey plane (R = G = B = luminance). */
export function toRgba(g: Gray): Uint8ClampedArray {
  const n = g.width * g.height;
  const out = new Uint8ClampedArray(n * 4);
  const d = g.data;
  if (LITTLE_ENDIAN) {
    const words = new Uint32Array(out.buffer);
    for (let i = 0; i < n; i++) {
      const v = d[i]!;
      words[i] = 0xff000000 | (v << 16) | (v << 8) | v;
    }
    return out;
  }
  for (let i = 0, o = 0; i < n; i++, o += 4) {
    const v = d[i]!;
    out[o] = v;
    out[o + 1] = v;
    out[o + 2] = v;
    out[o + 3] = 255;
  }
  return out;
}

/**
 * Hard local binarisation at the mid-range of each neighbourhood (blocks of `block` pixels, 5x5 blocks around):
 * unlike a mean threshold it keeps the widths of the finder pattern's rings true under blur, which is what jsQR
 * estimates the module size (and so the number of modules of dense codes) from. Output is 0 or 255.
 */
export function binarizeLocal(g: Gray, block: number, invert = false): Gray {
  const n = normalizeLocal(g, block, invert);
  const d = n.data;
  for (let i = 0; i < d.length; i++) d[i] = d[i]! < 128 ? 0 : 255;
  return n;
}
