/**
 * The `keyfob` command's entry: it turns on Node's compile cache, then loads the command line itself
 * (keyfob-main.js beside it). V8 then reads the command line's compiled code from the cache instead of compiling
 * it on every run, and the same holds for the Cognito engine and QR decoder it loads on demand: what a QA suite
 * calling `keyfob code` again and again waits for is mostly Node starting and V8 compiling.
 *
 * The cache lives in the user's own cache folder (0700), like the rest of their files: whoever can write there can
 * already change what their shell runs. Node checks each entry against the source and the V8 version, so an
 * update never runs stale code.
 */
import { mkdirSync } from 'node:fs';
import { enableCompileCache } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';

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

/** Turns the cache on; a cache is an optimisation, so a folder that cannot be made only costs speed. */
export function useCompileCache(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dir = cacheDirectory(env);
  if (dir === undefined) return undefined;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    return enableCompileCache(dir).directory;
  } catch {
    return undefined;
  }
}

declare const KEYFOB_CLI_MAIN: string | undefined;

// Built (build.mjs defines KEYFOB_CLI_MAIN): load the command line beside this file. From source (tests import
// this module for cacheDirectory) nothing runs.
if (typeof KEYFOB_CLI_MAIN === 'string') {
  useCompileCache();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only once the cache is on
  require(join(__dirname, KEYFOB_CLI_MAIN));
}
