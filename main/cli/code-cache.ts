import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

/**
 * V8 code caches for the CLI's on-demand bundles (the Cognito engine is half a megabyte of AWS SDK). Compiling it
 * costs a `keyfob login` about 35 ms of its ~60 ms load on every run; with the cache V8 skips the compile. Node 22
 * has this built in (module.enableCompileCache); Node 20, which the CLI supports, does not.
 *
 * The cache lives in the user's own cache folder (0700), like the rest of their files: whoever can write there can
 * already change what their shell runs. V8 rejects a cache made for other source or another V8, and the file name
 * carries a hash of both, so an update never uses a stale one.
 */
export function cacheDirectory(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string | undefined {
  if (env.KEYFOB_CODE_CACHE === '0') return undefined;
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'Keyfob');
  if (platform === 'win32')
    return join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'Keyfob', 'Cache');
  return join(env.XDG_CACHE_HOME?.trim() || join(home, '.cache'), 'keyfob');
}

export type CacheUse = 'used' | 'made' | 'rejected' | 'off';

const toSave: Array<() => void> = [];

/** Loads a CommonJS bundle as require() would, compiling it with a code cache when one is there. */
export function requireWithCodeCache(
  file: string,
  env: NodeJS.ProcessEnv = process.env,
): { exports: unknown; cache: CacheUse } {
  const source = readFileSync(file, 'utf8');
  const dir = cacheDirectory(env);
  const name = basename(file, '.js');
  const key = createHash('sha256')
    .update(`${process.version}\0${process.arch}\0`)
    .update(source)
    .digest('hex')
    .slice(0, 20);
  const cacheFile = dir === undefined ? undefined : join(dir, `${name}-${key}.v8`);
  let cachedData: Buffer | undefined;
  if (cacheFile !== undefined) {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      // none yet
    }
  }
  const script = new Script(Module.wrap(source), {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  const module = { exports: {} as unknown };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));

  if (cacheFile === undefined || dir === undefined) return { exports: module.exports, cache: 'off' };
  if (cachedData && !script.cachedDataRejected) return { exports: module.exports, cache: 'used' };
  // Made at the end of the run, so the cache also holds the functions the command itself compiled.
  toSave.push(() => {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    for (const old of readdirSync(dir)) {
      if (old.startsWith(`${name}-`) && old.endsWith('.v8') && old !== basename(cacheFile)) {
        rmSync(join(dir, old), { force: true });
      }
    }
    const temp = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(temp, script.createCachedData(), { mode: 0o600 });
    renameSync(temp, cacheFile);
  });
  return { exports: module.exports, cache: cachedData ? 'rejected' : 'made' };
}

/** Writes the caches of bundles loaded in this run. A cache is an optimisation: failing to write one is not an error. */
export function saveCodeCaches(): void {
  for (const save of toSave.splice(0)) {
    try {
      save();
    } catch {
      // read-only home, full disk: the next run compiles again
    }
  }
}
