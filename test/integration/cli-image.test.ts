import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildMigrationUris } from '../../main/otp/migration';
import { defaultParams } from '../../main/otp/types';

import { cliSandboxes, keyfob } from '../support/cli';
import {
  Canvas,
  drawQr,
  encodeJpeg,
  encodePng,
  multipleCodes,
  noCodePage,
  pngHeaderBomb,
  pngInflationBomb,
  screenshot1080p,
  squareAt,
  TOTP_AWS,
} from '../support/qr-fixtures';

const fresh = cliSandboxes();

describe('keyfob add --image and scan', () => {
  it('adds the account in a screenshot of a setup page', async () => {
    const s = fresh();
    const file = join(s.home, 'setup.png');
    writeFileSync(file, encodePng(screenshot1080p().image));
    const result = await keyfob(['add', '--image', file], s);
    expect(result.code, result.stderr).toBe(0);
    const list = JSON.parse((await keyfob(['list', '--json'], s)).stdout);
    const expected = new URL(TOTP_AWS);
    expect(list).toHaveLength(1);
    expect(list[0].issuer).toBe(expected.searchParams.get('issuer'));
  });

  it('scans every code on a page, storing nothing', async () => {
    const s = fresh();
    const scene = multipleCodes();
    const file = join(s.home, 'codes.jpg');
    writeFileSync(file, encodeJpeg(scene.image, 90));
    const result = await keyfob(['scan', file], s);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim().split('\n').sort()).toEqual(scene.expected);
    expect((await keyfob(['list', '--json'], s)).stdout.trim()).toBe('[]');
  });

  it('imports a Google Authenticator transfer code from an image, entry by entry', async () => {
    const s = fresh();
    const accounts = ['One', 'Two', 'Three'].map((issuer, i) => ({
      issuer,
      label: `user${i}`,
      secret: ['JBSWY3DPEHPK3PXP', 'GEZDGNBVGY3TQOJQ', 'KRSXG5CTMVRXEZLU'][i]!,
      params: defaultParams('totp'),
    }));
    const [uri] = buildMigrationUris(accounts).uris;
    const canvas = new Canvas(800, 800);
    drawQr(canvas, uri!, { quad: squareAt(150, 150, 500) });
    const file = join(s.home, 'transfer.png');
    writeFileSync(file, encodePng(canvas));
    const result = await keyfob(['add', '--image', file], s);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('3 added, 0 skipped as duplicates, 0 refused');
    const list = JSON.parse((await keyfob(['list', '--json'], s)).stdout);
    expect(list.map((a: { issuer: string }) => a.issuer)).toEqual(['One', 'Two', 'Three']);
  });

  it('says plainly when there is no code, the file is not an image, or the image is too large', async () => {
    const s = fresh();
    const blank = join(s.home, 'blank.png');
    writeFileSync(blank, encodePng(noCodePage().image));
    const none = await keyfob(['scan', blank], s);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('No QR code was found');

    const text = join(s.home, 'notes.png');
    writeFileSync(text, 'these are not pixels');
    const corrupt = await keyfob(['add', '--image', text], s);
    expect(corrupt.code).toBe(1);
    expect(corrupt.stderr).toMatch(/^keyfob: /);
    expect(corrupt.stderr).toMatch(/PNG|JPEG|image/);
    // The decoder is a separate bundle: its errors must still read as Keyfob's own, with their hint.
    expect(corrupt.stderr).not.toContain('unexpected error');
    expect(corrupt.stderr.trim().split('\n')).toHaveLength(2);

    const bomb = join(s.home, 'bomb.png');
    writeFileSync(bomb, pngHeaderBomb());
    const large = await keyfob(['scan', bomb], s);
    expect(large.code).toBe(1);
    expect(large.stderr).toContain('20000');

    const missing = await keyfob(['scan', join(s.home, 'nope.png')], s);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('nope.png');
    expect((await keyfob(['list', '--json'], s)).stdout.trim()).toBe('[]');
  });

  it('refuses a half-megabyte PNG whose data unpacks to 512 MiB, in scan and in add --image', async () => {
    const s = fresh();
    const bomb = join(s.home, 'bomb.png');
    writeFileSync(bomb, await pngInflationBomb({ inflated: 512 * 1024 * 1024 }));
    for (const args of [
      ['scan', bomb],
      ['add', '--image', bomb],
    ]) {
      const result = await keyfob(args, s);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr).toContain('unpacks to more than a 64 x 64 image needs');
      expect(result.stdout).toBe('');
    }
    expect((await keyfob(['list', '--json'], s)).stdout.trim()).toBe('[]');
  }, 60_000);
});
