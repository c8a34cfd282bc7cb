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
    rollupOptions: {
      input: {
        main: fileURLToPath(new URL('index.html', import.meta.url)),
        harness: fileURLToPath(new URL('player-harness.html', import.meta.url)),
      },
    },
  },
});
