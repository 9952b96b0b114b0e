/**
 * The built `keyfob` launcher: it turns on Node's compile cache in the user's cache folder and then runs the
 * command line, so later runs read compiled code instead of compiling it again.
 */
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyfob } from '../support/cli';

const URI = 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

describe('the keyfob launcher', () => {
  it('keeps compiled code in a private cache folder and gives the same answers with it', async () => {
    const cacheHome = mkdtempSync(join(tmpdir(), 'keyfob-cache-'));
    const env = {
      ...process.env,
      XDG_CACHE_HOME: cacheHome,
      KEYFOB_HOME: mkdtempSync(join(tmpdir(), 'kf-')),
    };
    const first = await keyfob(['code', '--uri', URI], { env });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^\d{6}\n$/);
    const dir = join(cacheHome, 'keyfob');
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const cached = filesUnder(dir);
    expect(cached.length).toBeGreaterThan(0);

    const second = await keyfob(['code', '--uri', URI], { env });
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/^\d{6}\n$/);
    expect(filesUnder(dir)).toEqual(cached);
  });

  it('runs without a cache when it is turned off or cannot be written', async () => {
    const off = await keyfob(['code', '--uri', URI], {
      env: { ...process.env, KEYFOB_CODE_CACHE: '0', KEYFOB_HOME: mkdtempSync(join(tmpdir(), 'kf-')) },
    });
    expect(off.code).toBe(0);
    expect(off.stdout).toMatch(/^\d{6}\n$/);
    // A cache folder under a file cannot be made: the command still answers.
    const file = join(mkdtempSync(join(tmpdir(), 'kf-')), 'not-a-dir');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, '');
    const blocked = await keyfob(['code', '--uri', URI], {
      env: { ...process.env, XDG_CACHE_HOME: file, KEYFOB_HOME: mkdtempSync(join(tmpdir(), 'kf-')) },
    });
    expect(blocked.code).toBe(0);
    expect(blocked.stdout).toMatch(/^\d{6}\n$/);
    expect(blocked.stderr).toBe('');
  });
});
