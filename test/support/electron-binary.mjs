// Where npm's electron package keeps its binary, found without require('electron'): that call tries to
// download the binary when it is missing, and the download is refused on machines like CI's.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function electronBinary(env = process.env) {
  const pkg = join(root, 'node_modules', 'electron');
  const dist = env.ELECTRON_OVERRIDE_DIST_PATH || join(pkg, 'dist');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(dist, readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}
