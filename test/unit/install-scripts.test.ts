/**
 * The install-script policy of issue 7: every dependency with an install script is reviewed in package.json's
 * allowScripts; the ones allowed to run are pinned to the version the lockfile installs, so an update that
 * brings a new script stops `npm ci` until someone reads it; and the lockfile keeps what npm needs to match a pin.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
  allowScripts: Record<string, boolean>;
};
const lock = JSON.parse(readFileSync(resolve(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<
    string,
    { version?: string; resolved?: string; hasInstallScript?: boolean; link?: boolean }
  >;
};
const npmrc = readFileSync(resolve(root, '.npmrc'), 'utf8');

/** `keytar@7.9.0` → ['keytar', '7.9.0']; `@scope/x@1.0.0` → ['@scope/x', '1.0.0']; a bare name → [name]. */
function split(entry: string): [string, string?] {
  const at = entry.lastIndexOf('@');
  return at > 0 ? [entry.slice(0, at), entry.slice(at + 1)] : [entry];
}

const withScripts = Object.entries(lock.packages)
  .filter(([path, p]) => path !== '' && p.hasInstallScript)
  .map(([path, p]) => ({
    name: path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length),
    ...p,
  }));

describe('install scripts', () => {
  it('are all reviewed: each package with one is allowed or denied in allowScripts', () => {
    expect(withScripts.length).toBeGreaterThan(0);
    const named = new Set(Object.keys(pkg.allowScripts).map((e) => split(e)[0]));
    expect(withScripts.map((p) => p.name).filter((name) => !named.has(name))).toEqual([]);
  });

  it('may run only in the version that was reviewed', () => {
    for (const [entry, allowed] of Object.entries(pkg.allowScripts)) {
      if (!allowed) continue;
      const [name, version] = split(entry);
      expect(version, `${entry} is allowed for every version`).toBeDefined();
      const installed = withScripts.filter((p) => p.name === name).map((p) => p.version);
      expect(installed, `${entry}: the lockfile installs ${installed.join(', ')}`).toEqual([version]);
    }
  });

  it('are matched against lockfile entries that say where each package came from', () => {
    // npm compares a pinned entry with the package's resolved URL; without it no pin matches and npm ci fails.
    expect(withScripts.filter((p) => !p.resolved).map((p) => p.name)).toEqual([]);
    expect(npmrc).toMatch(/^strict-allow-scripts=true$/m);
    expect(npmrc).toMatch(/^omit-lockfile-registry-resolved=false$/m);
  });
});
