import { describe, expect, it } from 'vitest';
import { captureDisplays, captureSystem, type CaptureDeps, type Thumbnail } from '../../main/app/screen';

function thumbnail(width: number, height: number, bgra?: number[]): Thumbnail {
  const data = Buffer.alloc(width * height * 4);
  if (bgra) for (let i = 0; i < data.length; i += 4) data.set(bgra, i);
  return { isEmpty: () => width === 0, getSize: () => ({ width, height }), toBitmap: () => data };
}

describe('screen capture', () => {
  it('captures every display at its full pixel size and hands over RGBA', async () => {
    const asked: Array<{ width: number; height: number }> = [];
    const deps: CaptureDeps = {
      displays: () => [
        { size: { width: 1920, height: 1080 }, scaleFactor: 1 },
        { size: { width: 1512, height: 982 }, scaleFactor: 2 },
      ],
      getSources: async (o) => {
        asked.push(o.thumbnailSize);
        return [
          { id: 'screen:1', name: 'Built-in', thumbnail: thumbnail(4, 2, [10, 20, 30, 0]) },
          { id: 'screen:2', name: 'External', thumbnail: thumbnail(2, 2, [1, 2, 3, 0]) },
        ];
      },
    };
    const frames = await captureDisplays(deps, 'linux', {});
    expect(asked).toEqual([{ width: 3024, height: 1964 }]);
    expect(frames.map((f) => [f.width, f.height])).toEqual([
      [4, 2],
      [2, 2],
    ]);
    // BGRA in, RGBA out, opaque.
    expect([...frames[0]!.data.slice(0, 4)]).toEqual([30, 20, 10, 255]);
    expect([...frames[1]!.data.slice(4, 8)]).toEqual([3, 2, 1, 255]);
  });

  it('says how to allow capture when the system refuses or hands out empty pictures', async () => {
    const refused: CaptureDeps = {
      displays: () => [{ size: { width: 800, height: 600 }, scaleFactor: 1 }],
      getSources: async () => {
        throw new Error('Failed to get sources.');
      },
    };
    await expect(captureDisplays(refused, 'linux', { XDG_SESSION_TYPE: 'wayland' })).rejects.toMatchObject({
      code: 'SCREEN_CAPTURE_DENIED',
      hint: expect.stringContaining('xdg-desktop-portal'),
    });
    const empty: CaptureDeps = {
      displays: () => [{ size: { width: 800, height: 600 }, scaleFactor: 1 }],
      getSources: async () => [{ id: 's', name: 'Screen', thumbnail: thumbnail(0, 0) }],
    };
    await expect(captureDisplays(empty, 'darwin', {})).rejects.toMatchObject({
      code: 'SCREEN_CAPTURE_DENIED',
      hint: expect.stringContaining('Screen & System Audio Recording'),
    });
    await expect(captureDisplays(empty, 'win32', {})).rejects.toMatchObject({
      variant: 'windows',
      hint: expect.stringMatching(/image file/),
    });
    // Elsewhere the general advice is all there is: no variant.
    expect(captureSystem('freebsd', {})).toBeUndefined();
    await expect(captureDisplays(empty, 'freebsd', {})).rejects.toMatchObject({
      hint: expect.stringMatching(/^Check that your desktop/),
    });
  });
});
