import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyfobError } from '../../main/errors';
import {
  DEFAULT_MAX_PIXELS,
  decodeImageBuffer,
  decodeImageFile,
  decodeRgba,
  readImage,
  type RgbaImage,
} from '../../main/qr/index';
import {
  Canvas,
  TOTP_EXAMPLE,
  TOTP_GITHUB,
  darkMode,
  drawQr,
  encodeJpeg,
  encodePng,
  hidpiHalf,
  jpegHeaderBomb,
  lowContrast,
  multipleCodes,
  noCodePage,
  phonePhoto,
  pngHeaderBomb,
  rotatedSquare,
  screenshot1080p,
  screenshot4k,
  skewed,
  squareAt,
  type JpegScene,
  type QrScene,
} from '../support/qr-fixtures';

/** Runs `fn` and returns the KeyfobError it throws; fails the test on success or on any other error. */
async function keyfobError(fn: () => unknown): Promise<KeyfobError> {
  try {
    await fn();
  } catch (err) {
    expect(err).toBeInstanceOf(KeyfobError);
    const e = err as KeyfobError;
    expect(e.message.length).toBeGreaterThan(10);
    expect(e.hint ?? '').not.toBe('');
    return e;
  }
  throw new Error('expected a KeyfobError, but nothing was thrown');
}

function sorted(texts: string[]): string[] {
  return [...texts].sort();
}

/** Plain jsQR, one pass on the raw pixels, as a baseline. */
function rawJsQr(image: RgbaImage): string[] {
  const data = new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.byteLength);
  const r = jsQR(data, image.width, image.height, { inversionAttempts: 'attemptBoth' });
  return r ? [r.data] : [];
}

let photo: JpegScene;
const scenes: QrScene[] = [];

beforeAll(() => {
  photo = phonePhoto();
  scenes.push(
    screenshot4k(),
    screenshot1080p(),
    hidpiHalf(),
    photo,
    skewed(),
    darkMode(),
    lowContrast(),
    multipleCodes(),
  );
}, 60_000);

describe('decodeRgba on realistic scenes', () => {
  const names = [
    '4K screenshot',
    '1080p screenshot',
    'HiDPI screenshot at half size',
    'phone photo (JPEG)',
    'perspective-skewed code',
    'dark mode (inverted)',
    'low contrast (#777 on #999)',
    'three codes on one page',
  ];
  it.each(names)('%s decodes to exactly its payload(s)', (name) => {
    const scene = scenes.find((s) => s.name === name)!;
    expect(scene).toBeDefined();
    expect(sorted(decodeRgba(scene.image))).toEqual(scene.expected);
  });

  it('finds all three codes on one page, each once', () => {
    const scene = scenes.find((s) => s.name === 'three codes on one page')!;
    const found = decodeRgba(scene.image);
    expect(found).toHaveLength(3);
    expect(new Set(found).size).toBe(3);
  });

  it('reports the same code shown twice only once, next to a different one', () => {
    const c = new Canvas(1400, 700, [250, 250, 250]);
    drawQr(c, TOTP_EXAMPLE, { quad: squareAt(80, 120, 240) });
    drawQr(c, TOTP_EXAMPLE, { quad: rotatedSquare(700, 350, 260, 12) });
    drawQr(c, TOTP_GITHUB, { quad: squareAt(1060, 200, 260) });
    expect(sorted(decodeRgba(c))).toEqual(sorted([TOTP_EXAMPLE, TOTP_GITHUB]));
  });

  it('returns [] for a page without a code', () => {
    expect(decodeRgba(noCodePage().image)).toEqual([]);
  });

  it('returns [] for a blank image and for an image too small to hold a code', () => {
    expect(decodeRgba(new Canvas(640, 480, [255, 255, 255]))).toEqual([]);
    expect(decodeRgba(new Canvas(16, 16, [0, 0, 0]))).toEqual([]);
  });

  it('reads a code on a transparent background as a viewer shows it (over white)', () => {
    const c = new Canvas(400, 400, [255, 255, 255]);
    drawQr(c, TOTP_EXAMPLE, { quad: squareAt(80, 80, 240) });
    // Black modules whose opacity carries the shape; everything else transparent black (0, 0, 0, 0).
    for (let i = 0; i < c.data.length; i += 4) {
      const alpha = 255 - c.data[i]!;
      c.data.set([0, 0, 0, alpha], i);
    }
    expect(rawJsQr(c)).toEqual([]);
    expect(decodeRgba(c)).toEqual([TOTP_EXAMPLE]);
  });
});

describe('why preprocessing matters', () => {
  it('plain single-pass jsQR misses several of the hard scenes that decodeRgba reads', () => {
    const missed = scenes.filter((s) => {
      const raw = sorted(rawJsQr(s.image));
      return JSON.stringify(raw) !== JSON.stringify(s.expected);
    });
    const missedNames = missed.map((s) => s.name);
    // jsQR returns at most one code per call, and its global binariser and single best-guess locator fail on
    // dark mode within a dark page, on low contrast and on cluttered pages.
    expect(missedNames).toEqual(
      expect.arrayContaining([
        'three codes on one page',
        'dark mode (inverted)',
        'low contrast (#777 on #999)',
      ]),
    );
    expect(missed.length).toBeGreaterThanOrEqual(4);
    for (const s of missed) expect(sorted(decodeRgba(s.image))).toEqual(s.expected);
  }, 60_000);
});

describe('files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'keyfob-qr-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function file(name: string, bytes: Uint8Array | string): Promise<string> {
    const path = join(dir, name);
    await writeFile(path, bytes);
    return path;
  }

  it('decodes a PNG file', async () => {
    const scene = screenshot1080p();
    const path = await file('screenshot.png', encodePng(scene.image));
    expect(await decodeImageFile(path)).toEqual(scene.expected);
  });

  it('decodes a JPEG file (the phone photo)', async () => {
    const path = await file('photo.jpg', photo.jpeg);
    expect(await decodeImageFile(path)).toEqual(photo.expected);
  });

  it('recognises the format by content, not by file name', async () => {
    const path = await file('actually-a-jpeg.png', photo.jpeg);
    expect(await decodeImageFile(path)).toEqual(photo.expected);
  });

  it('decodes PNG and JPEG bytes in memory, and readImage gives the declared size', () => {
    const scene = darkMode();
    const png = encodePng(scene.image);
    expect(decodeImageBuffer(png)).toEqual(scene.expected);
    const image = readImage(png);
    expect([image.width, image.height]).toEqual([1920, 1080]);
    expect(image.data.length).toBe(1920 * 1080 * 4);
    const jpg = encodeJpeg(scene.image, 85);
    expect(decodeImageBuffer(jpg)).toEqual(scene.expected);
  });

  it('returns [] for a PNG without a code', async () => {
    const path = await file('blank.png', encodePng(new Canvas(300, 200, [240, 240, 240])));
    expect(await decodeImageFile(path)).toEqual([]);
  });

  it('IO_FAILED names the path of a missing file', async () => {
    const missing = join(dir, 'no-such-file.png');
    const e = await keyfobError(() => decodeImageFile(missing));
    expect(e.code).toBe('IO_FAILED');
    expect(e.message).toContain(missing);
    expect(e.message).toMatch(/no such file/);
  });

  it('IO_FAILED for a folder', async () => {
    const folder = join(dir, 'a-folder.png');
    await mkdir(folder);
    const e = await keyfobError(() => decodeImageFile(folder));
    expect(e.code).toBe('IO_FAILED');
    expect(e.message).toContain(folder);
  });

  describe('damaged and unsupported files', () => {
    const png = () => encodePng(new Canvas(64, 64, [255, 255, 255]));
    const cases: Array<[string, () => Uint8Array | string, string]> = [
      ['an empty file', () => new Uint8Array(0), 'IMAGE_CORRUPT'],
      ['a truncated PNG', () => png().subarray(0, Math.floor(png().length / 2)), 'IMAGE_CORRUPT'],
      ['a PNG cut inside its header', () => png().subarray(0, 20), 'IMAGE_CORRUPT'],
      [
        'random bytes behind a PNG signature',
        () => {
          const b = new Uint8Array(500);
          for (let i = 0; i < b.length; i++) b[i] = (i * 7919 + 13) % 251;
          b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
          return b;
        },
        'IMAGE_CORRUPT',
      ],
      [
        'a PNG whose compressed pixels are damaged',
        () => {
          const b = new Uint8Array(encodePng(screenshot1080p().image));
          for (let i = 200; i < b.length - 200; i += 97) b[i] = b[i]! ^ 0x5a;
          return b;
        },
        'IMAGE_CORRUPT',
      ],
      [
        'a JPEG cut in half',
        () => photo.jpeg.subarray(0, Math.floor(photo.jpeg.length / 2)),
        'IMAGE_CORRUPT',
      ],
      ['a JPEG with only its start marker', () => new Uint8Array([0xff, 0xd8, 0xff]), 'IMAGE_CORRUPT'],
      ['a text file', () => 'otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP\n', 'IMAGE_UNSUPPORTED'],
      ['a GIF', () => new TextEncoder().encode('GIF89a\x01\x00\x01\x00'), 'IMAGE_UNSUPPORTED'],
    ];

    it.each(cases)('%s throws %s from decodeImageFile', async (name, bytes, code) => {
      const path = await file(name.replace(/\W+/g, '-'), bytes());
      const e = await keyfobError(() => decodeImageFile(path));
      expect(e.code).toBe(code);
    });

    it.each(cases)('%s throws %s from decodeImageBuffer', async (_name, bytes, code) => {
      const b = bytes();
      const e = await keyfobError(() =>
        decodeImageBuffer(typeof b === 'string' ? new TextEncoder().encode(b) : b),
      );
      expect(e.code).toBe(code);
    });

    it('says which formats are supported, and names a known other format', async () => {
      const text = await keyfobError(() => decodeImageBuffer(new TextEncoder().encode('hello, world')));
      expect(text.message).toMatch(/PNG/);
      expect(text.message).toMatch(/JPEG/);
      const gif = await keyfobError(() =>
        decodeImageBuffer(new TextEncoder().encode('GIF89a\x01\x00\x01\x00')),
      );
      expect(gif.message).toMatch(/GIF/);
      expect(gif.hint).toMatch(/PNG/);
    });

    it('wraps the decoder library error as the cause', async () => {
      const b = new Uint8Array(encodePng(screenshot1080p().image));
      for (let i = 200; i < b.length - 200; i += 97) b[i] = b[i]! ^ 0x5a;
      const e = await keyfobError(() => readImage(b));
      expect(e.code).toBe('IMAGE_CORRUPT');
      expect(e.cause).toBeInstanceOf(Error);
      expect(e.cause).not.toBeInstanceOf(KeyfobError);
    });
  });

  it('never throws anything but a KeyfobError for arbitrary bytes behind PNG or JPEG signatures', () => {
    const signatures = [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [0xff, 0xd8, 0xff], []];
    fc.assert(
      fc.property(fc.constantFrom(...signatures), fc.uint8Array({ maxLength: 300 }), (sig, rest) => {
        const bytes = new Uint8Array([...sig, ...rest]);
        try {
          readImage(bytes, { maxPixels: 1_000_000 });
        } catch (err) {
          return err instanceof KeyfobError;
        }
        return true;
      }),
      { numRuns: 400, seed: 42 },
    );
  });

  it('never throws anything but a KeyfobError for a real PNG and JPEG with corrupted bytes', () => {
    const good = [encodePng(skewed().image), encodeJpeg(new Canvas(120, 90, [200, 100, 50]), 70)];
    fc.assert(
      fc.property(
        fc.constantFrom(0, 1),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        fc.option(fc.nat()),
        (which, edits, cut) => {
          const bytes = new Uint8Array(good[which]!);
          for (const [at, value] of edits) bytes[at % bytes.length] = value;
          const input = cut === null ? bytes : bytes.subarray(0, cut % bytes.length);
          try {
            decodeImageBuffer(input, { maxPixels: 4_000_000 });
          } catch (err) {
            return err instanceof KeyfobError;
          }
          return true;
        },
      ),
      { numRuns: 60, seed: 7 },
    );
  }, 60_000);
});

describe('pixel limits', () => {
  it('refuses a tiny PNG that declares 20000 x 20000 pixels, before decoding', async () => {
    const bomb = pngHeaderBomb(20_000, 20_000);
    expect(bomb.length).toBeLessThan(100);
    const e = await keyfobError(() => decodeImageBuffer(bomb));
    expect(e.code).toBe('IMAGE_TOO_LARGE');
    expect(e.message).toContain('20000 x 20000');
    expect(e.message).toContain('400 megapixels');
    expect(e.message).toContain('50 megapixels');
  });

  it('refuses a JPEG whose frame header declares a huge size', async () => {
    const bomb = jpegHeaderBomb(60_000, 60_000);
    const e = await keyfobError(() => readImage(bomb));
    expect(e.code).toBe('IMAGE_TOO_LARGE');
    expect(e.message).toContain('60000 x 60000');
  });

  it('applies a custom maxPixels to files and to raw pixels', async () => {
    const scene = screenshot1080p();
    const png = encodePng(scene.image);
    const e = await keyfobError(() => decodeImageBuffer(png, { maxPixels: 1_000_000 }));
    expect(e.code).toBe('IMAGE_TOO_LARGE');
    expect(e.message).toContain('1920 x 1080');
    const raw = await keyfobError(() => decodeRgba(scene.image, { maxPixels: 2_000_000 }));
    expect(raw.code).toBe('IMAGE_TOO_LARGE');
    expect(decodeRgba(scene.image, { maxPixels: 2_073_600 })).toEqual(scene.expected);
  });

  it('has a 50 megapixel default', () => {
    expect(DEFAULT_MAX_PIXELS).toBe(50_000_000);
  });

  it('refuses a PNG header with a zero width as corrupt', async () => {
    const e = await keyfobError(() => readImage(pngHeaderBomb(0, 100)));
    expect(e.code).toBe('IMAGE_CORRUPT');
  });
});

describe('decodeRgba input checks', () => {
  it('throws IMAGE_CORRUPT when the data length does not match width x height x 4', async () => {
    const e = await keyfobError(() =>
      decodeRgba({ data: new Uint8Array(100 * 100 * 3), width: 100, height: 100 }),
    );
    expect(e.code).toBe('IMAGE_CORRUPT');
    expect(e.message).toContain('30000 bytes');
    expect(e.message).toContain('40000');
  });

  it.each([
    [0, 10],
    [10, -1],
    [10.5, 10],
    [Number.NaN, 10],
  ])('throws IMAGE_CORRUPT for a %s x %s image', async (width, height) => {
    const e = await keyfobError(() => decodeRgba({ data: new Uint8Array(400), width, height }));
    expect(e.code).toBe('IMAGE_CORRUPT');
  });

  it('refuses raw pixels over the limit before looking at them', async () => {
    const e = await keyfobError(() =>
      decodeRgba({ data: new Uint8Array(0), width: 100_000, height: 100_000 }),
    );
    expect(e.code).toBe('IMAGE_TOO_LARGE');
  });

  it('accepts Uint8Array as well as Uint8ClampedArray pixels', () => {
    const scene = skewed();
    const plain = new Uint8Array(scene.image.data);
    expect(decodeRgba({ data: plain, width: scene.image.width, height: scene.image.height })).toEqual(
      scene.expected,
    );
  });
});

describe('fixtures', () => {
  it('are deterministic', () => {
    const a = skewed();
    const b = skewed();
    expect(Buffer.from(a.image.data).equals(Buffer.from(b.image.data))).toBe(true);
    expect(a.expected).toEqual(b.expected);
  });
});
