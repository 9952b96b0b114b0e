import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheDirectory, requireWithCodeCache, saveCodeCaches } from '../../main/cli/code-cache';

function bundle(body: string) {
  const dir = mkdtempSync(join(tmpdir(), 'keyfob-chunk-'));
  const file = join(dir, 'engine.js');
  writeFileSync(file, `'use strict';\n${body}\n`);
  return file;
}

describe('the CLI code cache', () => {
  it('loads a bundle like require, then compiles it from the cache on the next run', () => {
    const cacheHome = mkdtempSync(join(tmpdir(), 'keyfob-cache-'));
    const env = { XDG_CACHE_HOME: cacheHome };
    const file = bundle(
      `const path = require('node:path');\nexports.name = path.basename(__filename);\nexports.twice = (n) => n * 2;`,
    );
    const first = requireWithCodeCache(file, env);
    expect(first.cache).toBe('made');
    expect(first.exports).toMatchObject({ name: 'engine.js' });
    expect((first.exports as { twice: (n: number) => number }).twice(21)).toBe(42);

    saveCodeCaches();
    const dir = join(cacheHome, 'keyfob');
    const [cached] = readdirSync(dir);
    expect(cached).toMatch(/^engine-[0-9a-f]{20}\.v8$/);
    if (process.platform !== 'win32') {
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      expect(statSync(join(dir, cached!)).mode & 0o777).toBe(0o600);
    }
    expect(requireWithCodeCache(file, env).cache).toBe('used');

    // A new build is compiled afresh and replaces the old cache rather than piling up beside it.
    writeFileSync(file, `'use strict';\nexports.name = 'v2';\n`);
    const updated = requireWithCodeCache(file, env);
    expect(updated.cache).toBe('made');
    expect(updated.exports).toEqual({ name: 'v2' });
    saveCodeCaches();
    const after = readdirSync(dir);
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(cached);
  });

  it('can be turned off, and never fails a command when it cannot be written', () => {
    const file = bundle('exports.ok = true;');
    expect(requireWithCodeCache(file, { KEYFOB_CODE_CACHE: '0' })).toEqual({
      exports: { ok: true },
      cache: 'off',
    });
    // A cache folder that cannot exist (its parent is a file): fails even for root.
    const result = requireWithCodeCache(file, { XDG_CACHE_HOME: join(file, 'nested') });
    expect(result).toEqual({ exports: { ok: true }, cache: 'made' });
    expect(() => saveCodeCaches()).not.toThrow();
  });

  it('keeps the cache in the per-user cache folder of each platform', () => {
    expect(cacheDirectory({}, 'linux', '/home/q')).toBe('/home/q/.cache/keyfob');
    expect(cacheDirectory({ XDG_CACHE_HOME: '/x' }, 'linux', '/home/q')).toBe('/x/keyfob');
    expect(cacheDirectory({}, 'darwin', '/Users/q')).toBe('/Users/q/Library/Caches/Keyfob');
    expect(cacheDirectory({ LOCALAPPDATA: 'C:\\L' }, 'win32', 'C:\\U')).toMatch(/Keyfob.Cache$/);
  });
});
