/**
 * The QR reading pipeline around jsQR.
 *
 * 1. Finder-guided crops (fast path). A greyscale plane at a working scale (big frames are box-downscaled first)
 *    is thresholded locally and searched for finder patterns of both polarities. Every plausible triple becomes a
 *    small crop, cut from the full-resolution pixels at a scale that gives jsQR about four pixels per module,
 *    contrast-stretched (inverted for dark mode) and handed to jsQR. Several codes give several triples, so all of
 *    them are read. If nothing is found the same search runs one octave coarser and one finer.
 * 2. Whole-frame passes (fallback). jsQR itself on contrast-stretched and on locally normalised planes at a few
 *    scales; after each hit the code's quadrilateral is blanked out and the pass repeats, to find further codes.
 *
 * Results are deduplicated by text and returned in the order found.
 *
 * This file and what it imports (gray, finder, sample, types, jsqr) use no Node API: the window's camera worker
 * (renderer/src/camera/qr-worker.ts) runs this same pipeline, and the renderer's type check (no Node types)
 * fails if that changes.
 */
import jsQR from 'jsqr';
import {
  downscaleGray,
  fillQuad,
  grayFromRgba,
  normalizeLocal,
  smooth3,
  stretch,
  toRgba,
  upscaleGray,
  type Gray,
  type Rect,
} from './gray';
import { estimateNoise, findFinderPatterns, findTriples, type FinderTriple } from './finder';
import { resampleCandidates } from './sample';
import type { RgbaImage } from './types';

interface Point {
  x: number;
  y: number;
}

/** A code that was read, with its corners in full-resolution image coordinates. */
interface Hit {
  text: string;
  quad: Point[];
}

/** Fewest pixels per module in the crops given to jsQR (more for dense or noisy codes); fewer pixels are quicker. */
const MIN_MODULE = 3;
/** The working plane for the finder search is about this many pixels on its long side. */
const WORK_SIDE = 1280;
/** Crops are never larger than this (after scaling), to bound the cost of a false triple. */
const MAX_CROP_PIXELS = 800 * 800;
/** Above this noise level (grey levels, standard deviation) planes and crops are smoothed first. */
const NOISY = 1.5;
/** Stop trying further triples after this many failed crops in one search. */
const MAX_FAILED_CROPS = 24;

/** Receives a line per pipeline step, with milliseconds since the start (for the benchmark and debugging). */
export type Trace = (step: string) => void;

export function decodeQr(image: RgbaImage, trace?: Trace): string[] {
  return new Decoder(image, trace).run();
}

class Decoder {
  /** Set once a plane showed that some pixels are not opaque; all later reads composite over white. */
  private transparent = false;
  private readonly planes = new Map<number, Gray>();
  private readonly hits: Hit[] = [];
  /** Whether the image showed sensor/JPEG noise (crops are then smoothed before jsQR). */
  private noisy = false;

  private readonly started = performance.now();

  constructor(
    private readonly image: RgbaImage,
    private readonly trace?: Trace,
  ) {}

  private log(step: string): void {
    this.trace?.(`${(performance.now() - this.started).toFixed(1)} ms: ${step}`);
  }

  /** Luminance of a region at a scale, compositing over white when the image has transparency. */
  private luminance(factor: number, region?: Rect): Gray {
    const first = grayFromRgba(this.image, factor, region, this.transparent);
    if (first.opaque || this.transparent) return first.gray;
    this.transparent = true;
    this.planes.clear();
    return grayFromRgba(this.image, factor, region, true).gray;
  }

  run(): string[] {
    const { width, height } = this.image;
    const base = Math.max(1, Math.round(Math.max(width, height) / WORK_SIDE));
    // Fast path at the working scale, then finer (small codes) and one octave coarser (huge modules, blur).
    const levels = [...new Set([base, Math.max(1, base - 1), base * 2])];
    for (const f of levels) {
      if (Math.max(width, height) / f < 64) continue;
      this.finderSearch(f);
      if (this.hits.length > 0) return this.texts();
    }
    this.wholeFrame();
    return this.texts();
  }

  private texts(): string[] {
    return this.hits.map((h) => h.text);
  }

  /** Luminance plane downscaled by `factor`, computed once. */
  private plane(factor: number): Gray {
    let g = this.planes.get(factor);
    if (!g) {
      const finer = [...this.planes.keys()]
        .filter((k) => factor % k === 0 && k < factor)
        .sort((a, b) => b - a)[0];
      g =
        finer !== undefined ? downscaleGray(this.planes.get(finer)!, factor / finer) : this.luminance(factor);
      this.planes.set(factor, g);
    }
    return g;
  }

  private finderSearch(factor: number): void {
    let g = this.plane(factor);
    const noise = estimateNoise(g);
    if (noise >= NOISY) g = smooth3(g);
    this.noisy ||= noise >= NOISY;
    this.log(`plane 1/${factor} ${g.width}x${g.height}, noise ${noise.toFixed(1)}`);
    const found = findFinderPatterns(g);
    this.log(`finder patterns: ${found.dark.length} dark, ${found.light.length} light`);
    for (const [patterns, inverted] of [
      [found.dark, false],
      [found.light, true],
    ] as const) {
      if (patterns.length < 3) continue;
      const triples = findTriples(patterns);
      this.log(`${triples.length} triples (${inverted ? 'light' : 'dark'})`);
      let failures = 0;
      for (const t of triples) {
        if (failures >= MAX_FAILED_CROPS) break;
        if (this.covered(t, factor)) continue;
        if (this.decodeTriple(t, factor, inverted)) failures = 0;
        else failures++;
      }
    }
  }

  /** Whether any pattern of the triple lies inside a code already read. */
  private covered(t: FinderTriple, factor: number): boolean {
    return [t.corner, t.a, t.b].some((p) =>
      this.hits.some((h) => insideQuad(h.quad, p.x * factor, p.y * factor)),
    );
  }

  private decodeTriple(t: FinderTriple, factor: number, inverted: boolean): boolean {
    const { corner: c, a, b } = t;
    const d = { x: a.x + b.x - c.x, y: a.y + b.y - c.y };
    const pts = [c, a, b, d];
    const leg = Math.max(Math.hypot(a.x - c.x, a.y - c.y), Math.hypot(b.x - c.x, b.y - c.y));
    const margin = 8 * t.module + 0.12 * leg;
    const x0 = Math.min(...pts.map((p) => p.x)) - margin;
    const x1 = Math.max(...pts.map((p) => p.x)) + margin;
    const y0 = Math.min(...pts.map((p) => p.y)) - margin;
    const y1 = Math.max(...pts.map((p) => p.y)) + margin;
    const fullModule = t.module * factor;
    const rect = clampRect(
      x0 * factor,
      y0 * factor,
      x1 * factor,
      y1 * factor,
      this.image.width,
      this.image.height,
    );
    if (rect.width < 21 || rect.height < 21) return false;
    // Dense codes need more pixels per module for jsQR's grid sampling to stay on the modules; so does noise.
    const dimension = leg / t.module + 7;
    const minModule = MIN_MODULE + (dimension > 45 ? 1 : 0) + (this.noisy ? 0.5 : 0);
    let scale = Math.max(1, Math.floor(fullModule / minModule));
    while ((rect.width / scale) * (rect.height / scale) > MAX_CROP_PIXELS) scale++;
    const up = fullModule < 2 ? 2 : 1;
    if (up > 1 && rect.width * rect.height * up * up > MAX_CROP_PIXELS) return false;
    const raw = this.luminance(scale, rect);
    const crop = this.noisy && fullModule / scale >= 2.5 ? smooth3(raw) : raw;
    const block = Math.max(4, Math.round((fullModule / scale) * 2));
    const variants: Array<() => Gray> = [
      () => upscaleGray(stretch(crop, inverted), up),
      () => upscaleGray(normalizeLocal(smooth3(raw), block, inverted), up),
    ];
    if (up === 1 && fullModule / scale < 3) variants.push(() => upscaleGray(stretch(crop, inverted), 2));
    for (const make of variants) {
      const g = make();
      const r = runJsQr(g, inverted ? 'attemptBoth' : 'attemptBoth');
      this.log(
        `crop ${rect.width}x${rect.height} /${scale} x${up} module ${fullModule.toFixed(1)}: ${r ? 'read' : 'nothing'}`,
      );
      if (r) {
        const k = scale / up;
        this.add(
          r.data,
          r.quad.map((p) => ({ x: rect.x + p.x * k, y: rect.y + p.y * k })),
        );
        return true;
      }
    }
    return this.decodeResampled(t, factor, rect, scale, stretch(crop, inverted));
  }

  /**
   * Last resort for a triple: sample the module grid ourselves (dimension from the timing patterns, perspective
   * from the alignment pattern) and give jsQR a crisp redraw. Reads dense, blurred codes jsQR miscounts.
   */
  private decodeResampled(t: FinderTriple, factor: number, rect: Rect, scale: number, g: Gray): boolean {
    const module = (t.module * factor) / scale;
    if (module < 1.8) return false;
    const toCrop = (p: Point): Point => ({
      x: (p.x * factor - rect.x) / scale,
      y: (p.y * factor - rect.y) / scale,
    });
    // Finder centres measured again at the crop's finer resolution.
    const local = findFinderPatterns(g).dark;
    const [c, a, b] = [t.corner, t.a, t.b].map((p) => {
      const q = toCrop(p);
      let best = q;
      let bestDistance = 1.5 * module;
      for (const f of local) {
        const dd = Math.hypot(f.x - q.x, f.y - q.y);
        if (dd < bestDistance) {
          bestDistance = dd;
          best = { x: f.x, y: f.y };
        }
      }
      return best;
    }) as [Point, Point, Point];
    for (const candidate of resampleCandidates(g, c, a, b, module)) {
      const r = runJsQr(candidate.gray, 'dontInvert');
      this.log(`resampled ${candidate.gray.width}x${candidate.gray.height}: ${r ? 'read' : 'nothing'}`);
      if (r) {
        this.add(
          r.data,
          candidate.quad.map((p) => ({ x: rect.x + p.x * scale, y: rect.y + p.y * scale })),
        );
        return true;
      }
    }
    return false;
  }

  private add(text: string, quad: Point[]): void {
    if (!this.hits.some((h) => h.text === text)) this.hits.push({ text, quad });
  }

  /** jsQR on whole planes, blanking each code it reads and trying again. */
  private wholeFrame(): void {
    const { width, height } = this.image;
    const side = Math.max(width, height);
    for (const f of [Math.max(1, Math.round(side / WORK_SIDE))]) {
      const plane = this.plane(f);
      // Never hand jsQR a noisy full frame: its locator drowns in false finder patterns.
      const g = this.noisy ? smooth3(plane) : plane;
      const variants = [stretch(g), normalizeLocal(g, 8)];
      for (const v of variants) {
        this.log(`whole frame 1/${f}`);
        for (const h of this.hits) fillQuad(v, scaleQuad(h.quad, 1 / f), 255, 2);
        for (let n = 0; n < 8; n++) {
          const r = runJsQr(v, 'attemptBoth');
          if (!r) break;
          this.add(
            r.data,
            r.quad.map((p) => ({ x: p.x * f, y: p.y * f })),
          );
          fillQuad(v, r.quad, 255, 3);
        }
      }
      if (this.hits.length > 0) return;
    }
  }
}

function runJsQr(g: Gray, inversion: 'attemptBoth' | 'dontInvert'): { data: string; quad: Point[] } | null {
  const r = jsQR(toRgba(g), g.width, g.height, { inversionAttempts: inversion });
  if (!r || r.data === '') return null;
  const l = r.location;
  return { data: r.data, quad: [l.topLeftCorner, l.topRightCorner, l.bottomRightCorner, l.bottomLeftCorner] };
}

function clampRect(x0: number, y0: number, x1: number, y1: number, w: number, h: number): Rect {
  const left = Math.max(0, Math.floor(x0));
  const top = Math.max(0, Math.floor(y0));
  const right = Math.min(w, Math.ceil(x1));
  const bottom = Math.min(h, Math.ceil(y1));
  return { x: left, y: top, width: Math.max(0, right - left), height: Math.max(0, bottom - top) };
}

function scaleQuad(q: Point[], k: number): Point[] {
  return q.map((p) => ({ x: p.x * k, y: p.y * k }));
}

function insideQuad(q: Point[], x: number, y: number): boolean {
  let sign = 0;
  for (let i = 0; i < q.length; i++) {
    const a = q[i]!;
    const b = q[(i + 1) % q.length]!;
    const cross = (b.x - a.x) * (y - a.y) - (b.y - a.y) * (x - a.x);
    if (cross !== 0) {
      const s = Math.sign(cross);
      if (sign === 0) sign = s;
      else if (s !== sign) return false;
    }
  }
  return true;
}
