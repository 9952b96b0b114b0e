/**
 * Grid resampling for codes jsQR cannot read directly: dense codes (Google Authenticator exports) that are
 * blurred, noisy or seen in perspective.
 *
 * jsQR derives the number of modules from the finder patterns' apparent widths, which blur and thresholding
 * distort by a few percent: enough to miscount a 77-module code. Here the dimension is counted on the timing
 * patterns instead (with the size estimate as fallback), the bottom-right alignment pattern is searched for to
 * correct perspective, every module is sampled at its centre against a local threshold, and the result is
 * redrawn as a crisp, upright code that jsQR reads without guessing.
 */
import type { Gray } from './gray';

export interface Pt {
  x: number;
  y: number;
}

/** Pixels per module and quiet-zone modules of the redrawn code. */
const CELL = 4;
const QUIET = 4;

/**
 * Clean redraws of the code whose finder pattern centres are `corner` (top-left) and `a`, `b` (the other two, in
 * any order), one per plausible dimension, most likely first. `module` is the module size in pixels of `g`.
 */
export interface Resampled {
  /** The redrawn code. */
  gray: Gray;
  /** The code's corners in `g`'s pixel coordinates (TL, TR, BR, BL). */
  quad: Pt[];
}

export function resampleCandidates(g: Gray, corner: Pt, a: Pt, b: Pt, module: number, max = 3): Resampled[] {
  // Orientation: with y pointing down, top-right x bottom-left (from top-left) is positive for an unmirrored code.
  const cross = (a.x - corner.x) * (b.y - corner.y) - (a.y - corner.y) * (b.x - corner.x);
  const [tr, bl] = cross > 0 ? [a, b] : [b, a];
  const dims = dimensionCandidates(g, corner, tr, bl, module).slice(0, max);
  const out: Resampled[] = [];
  for (const dim of dims) {
    const sampled = sampleGrid(g, corner, tr, bl, dim);
    if (!sampled) continue;
    const m = sampled.map;
    out.push({
      gray: render(sampled.grid, dim),
      quad: [project(m, 0, 0), project(m, dim, 0), project(m, dim, dim), project(m, 0, dim)],
    });
  }
  return out;
}

function dist(p: Pt, q: Pt): number {
  return Math.hypot(p.x - q.x, p.y - q.y);
}

function nearestValidDimension(d: number): number {
  const v = Math.round((d - 17) / 4);
  return 17 + 4 * Math.min(40, Math.max(1, v));
}

/** Dimensions to try: the timing-pattern counts first, then sizes near the distance-based estimate. */
function dimensionCandidates(g: Gray, tl: Pt, tr: Pt, bl: Pt, module: number): number[] {
  const out: number[] = [];
  const add = (d: number | null) => {
    if (d !== null && d >= 21 && d <= 177 && (d - 17) % 4 === 0 && !out.includes(d)) out.push(d);
  };
  const fromTop = timingDimension(g, tl, tr, bl, module);
  const fromLeft = timingDimension(g, tl, bl, tr, module);
  if (fromTop !== null && fromTop === fromLeft) add(fromTop);
  const estimate = (dist(tl, tr) + dist(tl, bl)) / 2 / module + 7;
  const base = nearestValidDimension(estimate);
  // Timing counts that disagree are still better guesses than the estimate when close to it.
  for (const t of [fromTop, fromLeft]) if (t !== null && Math.abs(t - estimate) < 10) add(t);
  add(base);
  const second = estimate > base ? base + 4 : base - 4;
  add(second);
  add(2 * base - second);
  return out;
}

/**
 * Counts the timing pattern between `from` and `to` (finder centres), on module row 6, 3 modules from the centres
 * towards `side`. From the centre of one finder's last ring module to the other's, modules alternate dark and
 * light, dim - 12 of them starting and ending dark, so dim = 2 * darkRuns + 11. The module size is only known
 * roughly, so lines at several offsets are tried and the one that looks most like a timing pattern (most runs,
 * all of about one module) wins.
 */
export function timingDimension(g: Gray, from: Pt, to: Pt, side: Pt, module: number): number | null {
  const len = dist(from, to);
  const sideLen = dist(from, side);
  if (len < 10 * module || sideLen === 0) return null;
  const ux = (to.x - from.x) / len;
  const uy = (to.y - from.y) / len;
  const sx = (side.x - from.x) / sideLen;
  const sy = (side.y - from.y) / sideLen;
  let best: { dim: number; score: number } | null = null;
  for (let k = 2.2; k <= 3.81; k += 0.2) {
    const offset = k * module;
    // Along the line, stop 3 estimated modules short of each centre, scaled like the offset.
    const edge = k * module;
    const r = countAlternations(g, from, ux, uy, sx * offset, sy * offset, edge, len - edge, module);
    if (!r) continue;
    const dim = 2 * r.darkRuns + 11;
    // Module size implied by this count must agree with the distance between the finder centres.
    const implied = len / (dim - 7);
    if (implied < 0.6 * module || implied > 1.25 * module) continue;
    const score = r.darkRuns * (1 - Math.min(0.9, r.spread));
    if (!best || score > best.score) best = { dim, score };
  }
  return best ? best.dim : null;
}

/** Dark runs along a line, and how uneven the run lengths are (coefficient of variation). */
function countAlternations(
  g: Gray,
  from: Pt,
  ux: number,
  uy: number,
  dx: number,
  dy: number,
  start: number,
  end: number,
  module: number,
): { darkRuns: number; spread: number } | null {
  const step = Math.max(0.5, module / 4);
  const samples: number[] = [];
  for (let t = start; t <= end; t += step) {
    const v = bilinear(g, from.x + ux * t + dx, from.y + uy * t + dy);
    if (v < 0) return null;
    samples.push(v);
  }
  if (samples.length < 8) return null;
  let lo = 255;
  let hi = 0;
  for (const v of samples) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (hi - lo < 20) return null;
  const threshold = (lo + hi) / 2;
  const runs: Array<{ dark: boolean; length: number }> = [];
  for (const v of samples) {
    const dark = v < threshold;
    const last = runs[runs.length - 1];
    if (last && last.dark === dark) last.length++;
    else runs.push({ dark, length: 1 });
  }
  // Runs much shorter than a module are noise at an edge: merge them into their neighbours.
  const minRun = (module / step) * 0.35;
  for (let i = 1; i < runs.length - 1;) {
    if (runs[i]!.length < minRun) {
      runs[i - 1]!.length += runs[i]!.length + runs[i + 1]!.length;
      runs.splice(i, 2);
    } else i++;
  }
  const darkRuns = runs.filter((r) => r.dark).length;
  if (darkRuns < 2) return null;
  const inner = runs.slice(1, -1).map((r) => r.length);
  if (inner.length === 0) return null;
  const mean = inner.reduce((s, v) => s + v, 0) / inner.length;
  const sd = Math.sqrt(inner.reduce((s, v) => s + (v - mean) ** 2, 0) / inner.length);
  return { darkRuns, spread: sd / mean };
}

/** Bilinear sample; -1 outside the plane. */
function bilinear(g: Gray, x: number, y: number): number {
  const fx = x - 0.5;
  const fy = y - 0.5;
  if (fx < 0 || fy < 0 || fx > g.width - 1 || fy > g.height - 1) return -1;
  const x0 = Math.floor(fx);
  const y0 = Math.floor(fy);
  const x1 = Math.min(g.width - 1, x0 + 1);
  const y1 = Math.min(g.height - 1, y0 + 1);
  const ax = fx - x0;
  const ay = fy - y0;
  const d = g.data;
  const top = d[y0 * g.width + x0]! * (1 - ax) + d[y0 * g.width + x1]! * ax;
  const bottom = d[y1 * g.width + x0]! * (1 - ax) + d[y1 * g.width + x1]! * ax;
  return top * (1 - ay) + bottom * ay;
}

/** 3x3 projective map as [a, b, c, d, e, f, g, h] with i = 1: (u, v) -> pixel. */
type Projective = number[];

function project(m: Projective, u: number, v: number): Pt {
  const w = m[6]! * u + m[7]! * v + 1;
  return { x: (m[0]! * u + m[1]! * v + m[2]!) / w, y: (m[3]! * u + m[4]! * v + m[5]!) / w };
}

/** The projective map taking four (u, v) points onto four pixels, or null when degenerate. */
function solveProjective(src: Pt[], dst: Pt[]): Projective | null {
  const a: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const { x: u, y: v } = src[i]!;
    const { x, y } = dst[i]!;
    a.push([u, v, 1, 0, 0, 0, -x * u, -x * v, x]);
    a.push([0, 0, 0, u, v, 1, -y * u, -y * v, y]);
  }
  for (let col = 0; col < 8; col++) {
    let pivot = col;
    for (let r = col + 1; r < 8; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    if (Math.abs(a[pivot]![col]!) < 1e-9) return null;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    const p = a[col]!;
    const pv = p[col]!;
    for (let k = col; k < 9; k++) p[k] = p[k]! / pv;
    for (let r = 0; r < 8; r++) {
      if (r === col) continue;
      const row = a[r]!;
      const f = row[col]!;
      if (f !== 0) for (let k = col; k < 9; k++) row[k] = row[k]! - f * p[k]!;
    }
  }
  return a.map((row) => row[8]!);
}

/**
 * Module values (true = dark) of a dim x dim code. The map from module to pixel coordinates is fixed by the three
 * finder centres and, for version 2 and up, by the bottom-right alignment pattern found near where an affine
 * guess puts it.
 */
function sampleGrid(
  g: Gray,
  tl: Pt,
  tr: Pt,
  bl: Pt,
  dim: number,
): { grid: Uint8Array; map: Projective } | null {
  const c = 3.5;
  const far = dim - 3.5;
  // Affine guess: the fourth point of the parallelogram.
  const br: Pt = { x: tr.x + bl.x - tl.x, y: tr.y + bl.y - tl.y };
  let map = solveProjective(
    [
      { x: c, y: c },
      { x: far, y: c },
      { x: c, y: far },
      { x: far, y: far },
    ],
    [tl, tr, bl, br],
  );
  if (!map) return null;
  if (dim >= 25) {
    const found = findAlignment(g, map, dim);
    if (found) {
      const refined = solveProjective(
        [
          { x: c, y: c },
          { x: far, y: c },
          { x: c, y: far },
          { x: dim - 6.5, y: dim - 6.5 },
        ],
        [tl, tr, bl, found],
      );
      if (refined) map = refined;
    }
  }
  const values = new Float32Array(dim * dim);
  for (let r = 0; r < dim; r++) {
    for (let col = 0; col < dim; col++) {
      // Average five points near the module centre.
      let s = 0;
      let n = 0;
      for (const [du, dv] of SAMPLE_OFFSETS) {
        const p = project(map, col + 0.5 + du, r + 0.5 + dv);
        const v = bilinear(g, p.x, p.y);
        if (v >= 0) {
          s += v;
          n++;
        }
      }
      if (n === 0) return null;
      values[r * dim + col] = s / n;
    }
  }
  return { grid: thresholdModules(values, dim), map };
}

const SAMPLE_OFFSETS: ReadonlyArray<readonly [number, number]> = [
  [0, 0],
  [-0.18, 0],
  [0.18, 0],
  [0, -0.18],
  [0, 0.18],
];

/** Dark/light per module against the mid-range of the surrounding 9x9 modules (uneven light), else globally. */
function thresholdModules(values: Float32Array, dim: number): Uint8Array {
  let gLo = 255;
  let gHi = 0;
  for (const v of values) {
    gLo = Math.min(gLo, v);
    gHi = Math.max(gHi, v);
  }
  const global = (gLo + gHi) / 2;
  const out = new Uint8Array(dim * dim);
  const r = 4;
  for (let y = 0; y < dim; y++) {
    for (let x = 0; x < dim; x++) {
      let lo = 255;
      let hi = 0;
      for (let yy = Math.max(0, y - r); yy <= Math.min(dim - 1, y + r); yy++) {
        for (let xx = Math.max(0, x - r); xx <= Math.min(dim - 1, x + r); xx++) {
          const v = values[yy * dim + xx]!;
          if (v < lo) lo = v;
          if (v > hi) hi = v;
        }
      }
      const t = hi - lo > 0.4 * (gHi - gLo) ? (lo + hi) / 2 : global;
      out[y * dim + x] = values[y * dim + x]! < t ? 1 : 0;
    }
  }
  return out;
}

/**
 * The pixel centre of the bottom-right alignment pattern (module (dim - 7, dim - 7)): the best match of its
 * 5x5-module template within a few modules of where `map` expects it, or null without a convincing match.
 */
function findAlignment(g: Gray, map: Projective, dim: number): Pt | null {
  const u0 = dim - 6.5;
  const expected = project(map, u0, u0);
  const right = project(map, u0 + 1, u0);
  const down = project(map, u0, u0 + 1);
  const ex = { x: right.x - expected.x, y: right.y - expected.y };
  const ey = { x: down.x - expected.x, y: down.y - expected.y };
  const moduleSize = (Math.hypot(ex.x, ex.y) + Math.hypot(ey.x, ey.y)) / 2;
  if (!(moduleSize > 0.8)) return null;
  const reach = Math.max(4, 0.08 * dim) * moduleSize;
  const step = Math.max(0.5, moduleSize / 4);
  let best: Pt | null = null;
  let bestScore = -Infinity;
  for (let oy = -reach; oy <= reach; oy += step) {
    for (let ox = -reach; ox <= reach; ox += step) {
      const cx = expected.x + ox;
      const cy = expected.y + oy;
      const score = alignmentScore(g, cx, cy, ex, ey);
      if (score > bestScore) {
        bestScore = score;
        best = { x: cx, y: cy };
      }
    }
  }
  // The template's dark and light parts must differ clearly.
  return bestScore > 25 ? best : null;
}

/** Mean of light template modules minus mean of dark ones (ring of 5x5 and centre dark, ring of 3x3 light). */
function alignmentScore(g: Gray, cx: number, cy: number, ex: Pt, ey: Pt): number {
  let dark = 0;
  let nd = 0;
  let light = 0;
  let nl = 0;
  for (let j = -2; j <= 2; j++) {
    for (let i = -2; i <= 2; i++) {
      const v = bilinear(g, cx + i * ex.x + j * ey.x, cy + i * ex.y + j * ey.y);
      if (v < 0) return -Infinity;
      const ring = Math.max(Math.abs(i), Math.abs(j));
      if (ring === 1) {
        light += v;
        nl++;
      } else {
        dark += v;
        nd++;
      }
    }
  }
  return light / nl - dark / nd;
}

/** A crisp upright code: CELL pixels per module, QUIET modules of white around it. */
function render(grid: Uint8Array, dim: number): Gray {
  const side = (dim + 2 * QUIET) * CELL;
  const out = new Uint8Array(side * side).fill(255);
  for (let r = 0; r < dim; r++) {
    for (let c = 0; c < dim; c++) {
      if (!grid[r * dim + c]) continue;
      for (let y = 0; y < CELL; y++) {
        const start = ((QUIET + r) * CELL + y) * side + (QUIET + c) * CELL;
        out.fill(0, start, start + CELL);
      }
    }
  }
  return { data: out, width: side, height: side };
}
