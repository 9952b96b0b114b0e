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
});
