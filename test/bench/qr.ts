/**
 * QR decoding benchmark: Keyfob's decoder on the synthetic scenes, against `zbarimg` (zbar-tools) when installed.
 *
 * Keyfob is timed in-process (median of several warm runs of decodeRgba, or decodeImageBuffer for the JPEG photo,
 * so JPEG decoding is included there). zbarimg is timed as a whole process on the same scene written to a temporary
 * PNG or JPEG, as a person would run it. Prints nothing; the runner formats the rows.
 */
import { execFile } from 'node:child_process';
import { access, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { constants } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeImageBuffer, decodeRgba } from '../../main/qr/index';
import {
  darkMode,
  encodePng,
  phonePhoto,
  screenshot1080p,
  screenshot4k,
  type QrScene,
} from '../support/qr-fixtures';

export interface QrBenchRow {
  name: string;
  /** Median wall time of one decode, in milliseconds. */
  keyfobMs: number;
  /** Whether Keyfob found exactly the expected payloads. */
  found: boolean;
  /** Median wall time of one `zbarimg` process; undefined when zbarimg is not installed. */
  zbarMs?: number;
  /** Whether zbarimg printed every expected payload. */
  zbarFound?: boolean;
}

const ZBARIMG = '/usr/bin/zbarimg';
const KEYFOB_RUNS = 7;
const ZBAR_RUNS = 3;

interface BenchCase {
  scene: QrScene;
  /** The file zbarimg reads (and, for the photo, what Keyfob decodes too). */
  file: { name: string; bytes: Uint8Array };
  decode: () => string[];
}

export async function benchQr(): Promise<QrBenchRow[]> {
  const cases: BenchCase[] = [];
  for (const make of [screenshot4k, screenshot1080p]) {
    const scene = make();
    cases.push({
      scene,
      file: { name: `${slug(scene.name)}.png`, bytes: encodePng(scene.image) },
      decode: () => decodeRgba(scene.image),
    });
  }
  const photo = phonePhoto();
  cases.push({
    scene: photo,
    file: { name: 'phone-photo.jpg', bytes: photo.jpeg },
    decode: () => decodeImageBuffer(photo.jpeg),
  });
  const dark = darkMode();
  cases.push({
    scene: dark,
    file: { name: `${slug(dark.name)}.png`, bytes: encodePng(dark.image) },
    decode: () => decodeRgba(dark.image),
  });

  const zbar = await hasZbar();
  const dir = await mkdtemp(join(tmpdir(), 'keyfob-qr-bench-'));
  try {
    const rows: QrBenchRow[] = [];
    for (const c of cases) {
      const expected = JSON.stringify([...c.scene.expected].sort());
      let found = false;
      const times: number[] = [];
      c.decode(); // warm-up: JIT compilation is not what is being measured
      for (let i = 0; i < KEYFOB_RUNS; i++) {
        const started = performance.now();
        const texts = c.decode();
        times.push(performance.now() - started);
        found = JSON.stringify([...texts].sort()) === expected;
      }
      const row: QrBenchRow = { name: c.scene.name, keyfobMs: round(median(times)), found };
      if (zbar) {
        const path = join(dir, c.file.name);
        await writeFile(path, c.file.bytes);
        const zbarTimes: number[] = [];
        let zbarFound = false;
        for (let i = 0; i < ZBAR_RUNS; i++) {
          const started = performance.now();
          const out = await runZbar(path);
          zbarTimes.push(performance.now() - started);
          const lines = out.split('\n').filter((l) => l !== '');
          zbarFound = c.scene.expected.every((p) => lines.includes(p));
        }
        row.zbarMs = round(median(zbarTimes));
        row.zbarFound = zbarFound;
      }
      rows.push(row);
    }
    return rows;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function hasZbar(): Promise<boolean> {
  try {
    await access(ZBARIMG, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** stdout of `zbarimg --quiet --raw`; '' when it finds nothing (it exits with status 4 then). */
function runZbar(path: string): Promise<string> {
  return new Promise((resolve) => {
    execFile(
      ZBARIMG,
      ['--quiet', '--raw', path],
      { timeout: 20_000, maxBuffer: 1024 * 1024 },
      (_err, stdout) => resolve(typeof stdout === 'string' ? stdout : ''),
    );
  });
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}
