import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** Builds the page into web/dist: `npx vite build web` (or `vite build --config web/vite.config.ts`). */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  publicDir: false,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
  },
});
