/** Catalogues from disk, for main, the CLI and tests (the window bundles them instead). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Resource } from 'i18next';
import { resourcesFrom } from './i18n';

/**
 * Every catalogue under `dir`, or only those of some languages and namespaces: the CLI reads the few files one
 * command needs, not every language's.
 */
export function readCatalogues(
  dir: string,
  only: { languages?: readonly string[]; namespaces?: readonly string[] } = {},
): Resource {
  const files: Record<string, unknown> = {};
  for (const lang of readdirSync(dir, { withFileTypes: true })) {
    if (!lang.isDirectory() || (only.languages && !only.languages.includes(lang.name))) continue;
    for (const file of readdirSync(join(dir, lang.name))) {
      if (!file.endsWith('.json')) continue;
      if (only.namespaces && !only.namespaces.includes(file.slice(0, -'.json'.length))) continue;
      files[`${lang.name}/${file}`] = JSON.parse(readFileSync(join(dir, lang.name, file), 'utf8'));
    }
  }
  return resourcesFrom(files);
}
