/** Catalogues from disk, for main, the CLI and tests (the window bundles them instead). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Resource } from 'i18next';
import { resourcesFrom } from './i18n';

export function readCatalogues(dir: string): Resource {
  const files: Record<string, unknown> = {};
  for (const lang of readdirSync(dir, { withFileTypes: true })) {
    if (!lang.isDirectory()) continue;
    for (const file of readdirSync(join(dir, lang.name))) {
      if (file.endsWith('.json')) {
        files[`${lang.name}/${file}`] = JSON.parse(readFileSync(join(dir, lang.name, file), 'utf8'));
      }
    }
  }
  return resourcesFrom(files);
}
