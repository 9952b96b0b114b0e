import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  // KEYFOB_LOCALES and KEYFOB_RENDERER_OUT let the pseudo-locale test build a bundle with a fourth language
  // from a temporary copy of the catalogues, without touching locales/ or dist/.
  resolve: {
    alias: {
      '@locales': process.env.KEYFOB_LOCALES ?? fileURLToPath(new URL('../locales', import.meta.url)),
    },
  },
  build: { outDir: process.env.KEYFOB_RENDERER_OUT ?? '../dist/renderer', emptyOutDir: true },
  plugins: [
    {
      // The brand icons (docs/icons.md) go into the output once Vite has emptied and filled it.
      name: 'keyfob-brand-icons',
      apply: 'build',
      writeBundle(options) {
        if (!options.dir) throw new Error('The renderer build has no output folder for its icons');
        execFileSync(process.execPath, ['build.mjs', '--icons', options.dir], {
          cwd: fileURLToPath(new URL('..', import.meta.url)),
          stdio: 'inherit',
        });
      },
    },
  ],
});
