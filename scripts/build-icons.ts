/**
 * Writes the window's brand icons into the built renderer (`<out>/icons/`), from the simple-icons package:
 * - `index.js`: the match index (renderer/src/features/accounts/brand-icons.ts), a module the window imports
 *   after its first paint (a module, not JSON, because the page's CSP allows scripts from itself but no fetch);
 * - `<slug>.svg` for every icon: the glyph in white or black on a square of the brand's colour, so an `<img>`
 *   shows it as it is, in either theme; the window only ever loads the ones its accounts use;
 * - simple-icons' LICENSE.md (CC0) and DISCLAIMER.md (trademarks), which travel with the icons.
 * Called by the renderer's Vite build after it has written (and emptied) its output folder.
 */
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { buildIconIndex, type SimpleIconData } from '../renderer/src/features/accounts/brand-icons';
import { glyphColour } from '../renderer/src/features/accounts/brand-icons-colour';

/** The icon's own 24×24 path, read from the package's SVG file. */
function pathOf(svg: string, slug: string): string {
  const match = /<path d="([^"]+)"\s*\/>/.exec(svg);
  if (!match) throw new Error(`simple-icons: no single path in ${slug}.svg`);
  return match[1] as string;
}

/** The tile: 24 units of glyph in 36 of square, the margin brands' guidelines ask for around a logo. */
export function tileSvg(hex: string, path: string): string {
  return (
    '<svg xmlns="http://www.w3.org/2000/svg" width="72" height="72" viewBox="-6 -6 36 36">' +
    `<rect x="-6" y="-6" width="36" height="36" fill="#${hex}"/>` +
    `<path fill="${glyphColour(hex)}" d="${path}"/></svg>`
  );
}

/** The module the window imports: JSON.parse of a string is parsed faster than the same object literal. */
export function indexModule(data: unknown): string {
  return `export default JSON.parse(${JSON.stringify(JSON.stringify(data))});\n`;
}

export interface IconsBuilt {
  icons: number;
  indexBytes: number;
  /** Where the files were made (or found already made). */
  cache: string;
}

/**
 * Where made icon sets are kept between builds: writing 3,500 small files costs seconds on a busy disk, while
 * linking to a set already made costs a tenth of that. KEYFOB_ICON_CACHE, or the same cache folder as
 * scripts/node24.sh's Node.
 */
export function iconCacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env.KEYFOB_ICON_CACHE ?? join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'keyfob', 'icons');
}

/** `packageDir` is simple-icons' folder: the callers (an ES module, CommonJS tests) each know where it is. */
export function writeIcons(outDir: string, packageDir: string, cacheRoot = iconCacheRoot()): IconsBuilt {
  const version = (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string })
    .version;
  const data = JSON.parse(
    readFileSync(join(packageDir, 'data', 'simple-icons.json'), 'utf8'),
  ) as SimpleIconData[];
  const index = indexModule(buildIconIndex(data, version));
  const files = new Map<string, string | Buffer>();
  for (const icon of data) {
    const svg = readFileSync(join(packageDir, 'icons', `${icon.slug}.svg`), 'utf8');
    files.set(`${icon.slug}.svg`, tileSvg(icon.hex.toUpperCase(), pathOf(svg, icon.slug)));
  }
  for (const notice of ['LICENSE.md', 'DISCLAIMER.md'])
    files.set(notice, readFileSync(join(packageDir, notice)));
  // Named by what is in it, so a new simple-icons or a changed tile never reuses an old set.
  const hash = createHash('sha256').update(index);
  for (const [name, body] of files) hash.update(name).update('\0').update(body).update('\0');
  const cache = join(cacheRoot, `${version}-${hash.digest('hex').slice(0, 16)}`);
  if (!existsSync(join(cache, 'index.js'))) {
    const temp = `${cache}.${process.pid}.tmp`;
    rmSync(temp, { recursive: true, force: true });
    mkdirSync(temp, { recursive: true });
    for (const [name, body] of files) writeFileSync(join(temp, name), body);
    writeFileSync(join(temp, 'index.js'), index);
    try {
      renameSync(temp, cache);
    } catch (error) {
      // Another build made the same set meanwhile: theirs is as good as ours.
      rmSync(temp, { recursive: true, force: true });
      if (!existsSync(join(cache, 'index.js'))) throw error;
    }
  }
  const dir = join(outDir, 'icons');
  // A watch rebuild keeps the folder: when the index is the same, so are the files beside it.
  if (!existsSync(join(dir, 'index.js')) || readFileSync(join(dir, 'index.js'), 'utf8') !== index) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (const name of readdirSync(cache)) {
      // A hard link is a tenth of a copy's time; nothing writes into these files, it only replaces them.
      try {
        linkSync(join(cache, name), join(dir, name));
      } catch {
        copyFileSync(join(cache, name), join(dir, name));
      }
    }
  }
  return { icons: data.length, indexBytes: Buffer.byteLength(index), cache };
}
