/**
 * A fast finder-pattern locator that runs before jsQR.
 *
 * jsQR scans the whole image, keeps only its single best guess of three finder patterns and is slow on large
 * frames; on a cluttered page it often picks text and gives up, and it never reports a second code. Here the
 * (downscaled) plane is binarised once with local thresholds, rows are scanned for the 1:1:3:1:1 run signature,
 * each hit is confirmed across the column, and hits are merged into finder patterns. Triples of patterns that
 * could be the three corners of one symbol are then ranked, so the decoder can hand jsQR small crops, one per
 * likely code.
 */
import type { Gray } from './gray';

export interface FinderPattern {
  x: number;
  y: number;
  /** Estimated module size in pixels. */
  module: number;
  /** Number of scan lines that confirmed it. */
  hits: number;
}

export interface FinderTriple {
  /** The corner pattern (top-left of the symbol) and the two others. */
  corner: FinderPattern;
  a: FinderPattern;
  b: FinderPattern;
  module: number;
  /** Lower is more plausible. */
  score: number;
}

/** Polarities: dark modules on light (normal) and light modules on dark (dark mode). */
export const DARK = 1;
export const LIGHT = 2;

const BLOCK = 8;
const SHIFT = 3;

/**
 * Three-way local thresholds, per 8x8 block: the middle between the darkest and lightest pixel of the 5x5 blocks
 * around it, widened by a dead zone scaled to the local contrast and the image noise. A pixel is dark below `lo`,
 * light above `hi`, and neither in between, so flat or merely noisy areas show structure in neither polarity.
 * Independent of absolute contrast (#777 on #999) and of slow changes in lighting.
 */
export interface Thresholds {
  lo: Float32Array;
  hi: Float32Array;
  /** Blocks per row. */
  bw: number;
}

export function thresholds(g: Gray): Thresholds {
  const { width: w, height: h, data: d } = g;
  const bw = Math.ceil(w / BLOCK);
  const bh = Math.ceil(h / BLOCK);
  const nb = bw * bh;
  const mn = new Uint8Array(nb).fill(255);
  const mx = new Uint8Array(nb);
  const full = w >> SHIFT;
  for (let y = 0; y < h; y++) {
    const brow = (y >> SHIFT) * bw;
    let i = y * w;
    for (let bx = 0; bx < bw; bx++) {
      const end = bx < full ? i + BLOCK : y * w + w;
      let lo = mn[brow + bx]!;
      let hi = mx[brow + bx]!;
      for (; i < end; i++) {
        const v = d[i]!;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      mn[brow + bx] = lo;
      mx[brow + bx] = hi;
    }
  }
  const localMin = boxExtreme(mn, bw, bh, 2, false);
  const localMax = boxExtreme(mx, bw, bh, 2, true);
  const noise = estimateNoise(g);
  const minRange = Math.max(6, 4 * noise);
  const lo = new Float32Array(nb);
  const hi = new Float32Array(nb);
  for (let b = 0; b < nb; b++) {
    const r = localMax[b]! - localMin[b]!;
    if (r < minRange) {
      lo[b] = -1;
      hi[b] = 256;
    } else {
      // The mid-range, not the mean: it doesn't depend on how much of the window is paper, so the
      // anti-aliased grey edges of small modules fall on the right side.
      const t = (localMax[b]! + localMin[b]!) / 2;
      const dz = Math.max(1, 1.5 * noise, 0.08 * r);
      lo[b] = t - dz;
      hi[b] = t + dz;
    }
  }
  return { lo, hi, bw };
}

/** Maximum (or minimum) over a (2r+1)^2 window on a block grid (separable). */
function boxExtreme(a: Uint8Array, bw: number, bh: number, r: number, max: boolean): Uint8Array {
  const pick = max ? Math.max : Math.min;
  const tmp = new Uint8Array(a.length);
  for (let y = 0; y < bh; y++) {
    for (let x = 0; x < bw; x++) {
      let m = a[y * bw + x]!;
      for (let k = Math.max(0, x - r); k <= Math.min(bw - 1, x + r); k++) m = pick(m, a[y * bw + k]!);
      tmp[y * bw + x] = m;
    }
  }
  const out = new Uint8Array(a.length);
  for (let y = 0; y < bh; y++) {
    for (let x = 0; x < bw; x++) {
      let m = tmp[y * bw + x]!;
      for (let k = Math.max(0, y - r); k <= Math.min(bh - 1, y + r); k++) m = pick(m, tmp[k * bw + x]!);
      out[y * bw + x] = m;
    }
  }
  return out;
}

/** Standard deviation of pixel noise, from the median absolute difference of horizontal neighbours. */
export function estimateNoise(g: Gray): number {
  const hist = new Uint32Array(256);
  let n = 0;
  const step = Math.max(1, Math.floor(g.height / 100));
  for (let y = 0; y < g.height; y += step) {
    const row = y * g.width;
    for (let x = 0; x + 1 < g.width; x++) {
      hist[Math.abs(g.data[row + x + 1]! - g.data[row + x]!)]!++;
      n++;
    }
  }
  let acc = 0;
  for (let v = 0; v < 256; v++) {
    acc += hist[v]!;
    if (acc * 2 >= n) return v * 1.05;
  }
  return 0;
}

function ratioOk(c0: number, c1: number, c2: number, c3: number, c4: number, slack: number): boolean {
  const total = c0 + c1 + c2 + c3 + c4;
  if (total < 5) return false;
  const m = total / 7;
  const v = m * slack;
  return (
    Math.abs(c0 - m) < v &&
    Math.abs(c1 - m) < v &&
    Math.abs(c2 - 3 * m) < 3 * v &&
    Math.abs(c3 - m) < v &&
    Math.abs(c4 - m) < v
  );
}

/** Reads one pixel's class on demand (cross-checks touch few pixels, so no class map is stored). */
class Classifier {
  constructor(
    readonly g: Gray,
    readonly t: Thresholds,
  ) {}

  /** 1 if (x, y) has polarity `want`, 0 if not, -1 outside the plane. */
  at(x: number, y: number, want: number): number {
    const { width: w, height: h, data } = this.g;
    if (x < 0 || y < 0 || x >= w || y >= h) return -1;
    const b = (y >> SHIFT) * this.t.bw + (x >> SHIFT);
    const v = data[y * w + x]!;
    return (want === DARK ? v < this.t.lo[b]! : v > this.t.hi[b]!) ? 1 : 0;
  }
}

/** Runs along a line through (x, y) in direction (dx, dy); returns the centre offset and total, or null. */
function crossCheck(
  c: Classifier,
  want: number,
  x: number,
  y: number,
  dx: number,
  dy: number,
  maxRun: number,
  slack: number,
): { offset: number; total: number } | null {
  const at = (k: number): number => c.at(x + k * dx, y + k * dy, want);
  let k = 0;
  let c2 = 0;
  while (at(k) === 1) {
    c2++;
    k--;
    if (c2 > 3 * maxRun) return null;
  }
  let c1 = 0;
  while (at(k) === 0 && c1 <= maxRun) {
    c1++;
    k--;
  }
  if (at(k) !== 1 || c1 > maxRun) return null;
  let c0 = 0;
  while (at(k) === 1 && c0 <= maxRun) {
    c0++;
    k--;
  }
  if (c0 > maxRun) return null;
  k = 1;
  while (at(k) === 1) {
    c2++;
    k++;
    if (c2 > 3 * maxRun) return null;
  }
  let c3 = 0;
  while (at(k) === 0 && c3 <= maxRun) {
    c3++;
    k++;
  }
  if (at(k) !== 1 || c3 > maxRun) return null;
  let c4 = 0;
  while (at(k) === 1 && c4 <= maxRun) {
    c4++;
    k++;
  }
  if (c4 > maxRun) return null;
  if (!ratioOk(c0, c1, c2, c3, c4, slack)) return null;
  const end = k - c4 - c3; // one past the centre run
  return { offset: end - c2 / 2, total: c0 + c1 + c2 + c3 + c4 };
}

/** Run-length state of one polarity along a scan line. */
class RunTracker {
  r0 = 0;
  r1 = 0;
  r2 = 0;
  r3 = 0;
  runs = 0;
  on = false;
  start = 0;

  reset(): void {
    this.runs = 0;
    this.on = false;
    this.start = 0;
  }

  /** The polarity flips at x; returns the centre x of a 1:1:3:1:1 pattern that just ended there, or -1. */
  flip(x: number, minTotal: number): number {
    const run = x - this.start;
    let centre = -1;
    if (this.on && this.runs >= 4) {
      const total = this.r0 + this.r1 + this.r2 + this.r3 + run;
      if (total >= minTotal && ratioOk(this.r0, this.r1, this.r2, this.r3, run, SLACK)) {
        centre = x - run - this.r3 - this.r2 / 2;
      }
    }
    if (x > 0) {
      this.r0 = this.r1;
      this.r1 = this.r2;
      this.r2 = this.r3;
      this.r3 = run;
      this.runs++;
    }
    this.on = !this.on;
    this.start = x;
    return centre;
  }
}

const SLACK = 0.55;

export interface FinderPatterns {
  dark: FinderPattern[];
  light: FinderPattern[];
}

/**
 * Finder patterns of both polarities in one pass over the plane, in plane coordinates. `minModule` rejects
 * runs too short to be meaningful at this scale.
 */
export function findFinderPatterns(
  g: Gray,
  t: Thresholds = thresholds(g),
  minModule = 1,
  step = 1,
): FinderPatterns {
  const { width: w, height: h, data: d } = g;
  const { lo, hi, bw } = t;
  const c = new Classifier(g, t);
  // (Each scan line is checked in both polarities in the same pass.)
  const dark: FinderPattern[] = [];
  const light: FinderPattern[] = [];
  const dt = new RunTracker();
  const lt = new RunTracker();
  const minTotal = 7 * minModule;
  for (let y = 0; y < h; y += step) {
    const row = y * w;
    const brow = (y >> SHIFT) * bw;
    dt.reset();
    lt.reset();
    let isDark = false;
    let isLight = false;
    for (let bx = 0; bx < bw; bx++) {
      const l = lo[brow + bx]!;
      const u = hi[brow + bx]!;
      const x1 = Math.min(w, (bx + 1) << SHIFT);
      for (let x = bx << SHIFT; x < x1; x++) {
        const v = d[row + x]!;
        const nd = v < l;
        const nl = v > u;
        if (nd !== isDark) {
          isDark = nd;
          const cx = dt.flip(x, minTotal);
          if (cx >= 0) checkCandidate(c, DARK, cx, y, x - cx, dark);
        }
        if (nl !== isLight) {
          isLight = nl;
          const cx = lt.flip(x, minTotal);
          if (cx >= 0) checkCandidate(c, LIGHT, cx, y, x - cx, light);
        }
      }
    }
    if (isDark) {
      const cx = dt.flip(w, minTotal);
      if (cx >= 0) checkCandidate(c, DARK, cx, y, w - cx, dark);
    }
    if (isLight) {
      const cx = lt.flip(w, minTotal);
      if (cx >= 0) checkCandidate(c, LIGHT, cx, y, w - cx, light);
    }
  }
  // A real pattern's 3-module centre is crossed by several scan lines.
  const keep = (f: FinderPattern) => f.hits >= Math.min(3, Math.max(2, Math.floor((2 * f.module) / step)));
  return { dark: dark.filter(keep), light: light.filter(keep) };
}

/** Confirms a row hit vertically, re-centres horizontally and diagonally, and merges it into `found`. */
function checkCandidate(
  c: Classifier,
  want: number,
  fx: number,
  y: number,
  halfWidth: number,
  found: FinderPattern[],
): void {
  const hTotal = (halfWidth * 7) / 3.5;
  const maxRun = Math.ceil((hTotal / 7) * 2.5) + 1;
  const x = Math.floor(fx);
  const v = crossCheck(c, want, x, y, 0, 1, maxRun, SLACK);
  if (!v || v.total > hTotal * 2.2 || v.total * 2.2 < hTotal) return;
  const cy = Math.floor(y + v.offset);
  const hz = crossCheck(c, want, x, cy, 1, 0, maxRun, SLACK);
  if (!hz || hz.total > v.total * 2.2 || hz.total * 2.2 < v.total) return;
  const cx = x + hz.offset;
  const centreY = y + v.offset;
  // A diagonal through a real finder pattern keeps the ratio too; text strokes mostly don't.
  const dg = crossCheck(c, want, Math.floor(cx), Math.floor(centreY), 1, 1, maxRun, 0.75);
  if (!dg) return;
  // Rows and columns cross a rotated pattern obliquely (1/cos of the angle longer); the diagonal is then closer
  // to square-on, so the smaller of the two estimates is the better one (within 8 % at any angle).
  const module = Math.min((hz.total + v.total) / 2, dg.total * Math.SQRT2) / 7;
  for (const f of found) {
    if (Math.abs(f.x - cx) <= Math.max(2, f.module) && Math.abs(f.y - centreY) <= Math.max(2, f.module)) {
      const ratio = f.module / module;
      if (ratio > 0.6 && ratio < 1.7) {
        const n = f.hits;
        f.x = (f.x * n + cx) / (n + 1);
        f.y = (f.y * n + centreY) / (n + 1);
        f.module = (f.module * n + module) / (n + 1);
        f.hits = n + 1;
        return;
      }
    }
  }
  found.push({ x: cx, y: centreY, module, hits: 1 });
}

/**
 * Triples of finder patterns that could be one symbol: similar module sizes, two legs of similar length meeting
 * at roughly a right angle (perspective allows some slack), and a plausible number of modules between them.
 * Sorted by plausibility.
 */
export function findTriples(patterns: FinderPattern[], maxPatterns = 48): FinderTriple[] {
  const ps = [...patterns].sort((p, q) => q.hits - p.hits).slice(0, maxPatterns);
  const out: FinderTriple[] = [];
  for (let i = 0; i < ps.length; i++) {
    for (let j = i + 1; j < ps.length; j++) {
      for (let k = j + 1; k < ps.length; k++) {
        const t = makeTriple(ps[i]!, ps[j]!, ps[k]!);
        if (t) out.push(t);
      }
    }
  }
  return out.sort((s, t) => s.score - t.score);
}

function makeTriple(p: FinderPattern, q: FinderPattern, r: FinderPattern): FinderTriple | null {
  const mMax = Math.max(p.module, q.module, r.module);
  const mMin = Math.min(p.module, q.module, r.module);
  if (mMax > 2 * mMin) return null;
  const dpq = Math.hypot(p.x - q.x, p.y - q.y);
  const dpr = Math.hypot(p.x - r.x, p.y - r.y);
  const dqr = Math.hypot(q.x - r.x, q.y - r.y);
  let corner: FinderPattern;
  let a: FinderPattern;
  let b: FinderPattern;
  if (dqr >= dpq && dqr >= dpr) [corner, a, b] = [p, q, r];
  else if (dpr >= dpq && dpr >= dqr) [corner, a, b] = [q, p, r];
  else [corner, a, b] = [r, p, q];
  const ax = a.x - corner.x;
  const ay = a.y - corner.y;
  const bx = b.x - corner.x;
  const by = b.y - corner.y;
  const la = Math.hypot(ax, ay);
  const lb = Math.hypot(bx, by);
  if (la === 0 || lb === 0) return null;
  const legRatio = Math.max(la, lb) / Math.min(la, lb);
  if (legRatio > 2) return null;
  const cos = (ax * bx + ay * by) / (la * lb);
  if (Math.abs(cos) > 0.55) return null;
  const module = (p.module + q.module + r.module) / 3;
  // Finder centres are (dimension - 7) modules apart: 14 for version 1, 170 for version 40.
  const span = (la + lb) / 2 / module;
  if (span < 10 || span > 190) return null;
  const score =
    2 * Math.log(legRatio) + 2 * Math.abs(cos) + Math.log(mMax / mMin) + 1 / Math.min(p.hits, q.hits, r.hits);
  return { corner, a, b, module, score };
}
