import { KeyfobError } from '../errors';

/** The parts of Electron's desktopCapturer and screen this uses, so tests can stand in for them. */
export interface CaptureDeps {
  getSources(options: {
    types: Array<'screen'>;
    thumbnailSize: { width: number; height: number };
  }): Promise<Array<{ id: string; name: string; thumbnail: Thumbnail }>>;
  displays(): Array<{ size: { width: number; height: number }; scaleFactor: number }>;
}

export interface Thumbnail {
  isEmpty(): boolean;
  getSize(): { width: number; height: number };
  /** Raw pixels in the platform's order: BGRA on every platform Electron supports. */
  toBitmap(): Buffer;
}

export interface Frame {
  width: number;
  height: number;
  data: Uint8Array;
}

/**
 * Which platform's way of allowing screen capture applies: the variant of the error's hint (each language says
 * it in its own words), none where the general advice is all there is.
 */
export function captureSystem(
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
): 'macos' | 'wayland' | 'windows' | undefined {
  if (platform === 'darwin') return 'macos';
  if (platform === 'linux' && (env.XDG_SESSION_TYPE === 'wayland' || env.WAYLAND_DISPLAY)) return 'wayland';
  if (platform === 'win32') return 'windows';
  return undefined;
}

/**
 * A picture of every display (not only the primary one), at its full pixel resolution so small codes on a
 * HiDPI screen stay readable, as RGBA frames for the QR decoder.
 */
export async function captureDisplays(
  deps: CaptureDeps,
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Frame[]> {
  const displays = deps.displays();
  const width = Math.max(1, ...displays.map((d) => Math.round(d.size.width * d.scaleFactor)));
  const height = Math.max(1, ...displays.map((d) => Math.round(d.size.height * d.scaleFactor)));
  let sources;
  try {
    sources = await deps.getSources({ types: ['screen'], thumbnailSize: { width, height } });
  } catch (error) {
    const variant = captureSystem(platform, env);
    throw new KeyfobError(
      'SCREEN_CAPTURE_DENIED',
      'screenDenied',
      {},
      { cause: error, ...(variant ? { variant } : {}) },
    );
  }
  const frames: Frame[] = [];
  for (const source of sources) {
    if (source.thumbnail.isEmpty()) continue;
    const size = source.thumbnail.getSize();
    const bgra = source.thumbnail.toBitmap();
    if (bgra.length !== size.width * size.height * 4) continue;
    const rgba = new Uint8Array(bgra.length);
    for (let i = 0; i < bgra.length; i += 4) {
      rgba[i] = bgra[i + 2]!;
      rgba[i + 1] = bgra[i + 1]!;
      rgba[i + 2] = bgra[i]!;
      rgba[i + 3] = 255;
    }
    frames.push({ width: size.width, height: size.height, data: rgba });
  }
  // macOS without the permission hands out empty pictures rather than an error.
  if (frames.length === 0) {
    const variant = captureSystem(platform, env);
    throw new KeyfobError('SCREEN_CAPTURE_DENIED', 'screenNoPicture', {}, variant ? { variant } : {});
  }
  return frames;
}
