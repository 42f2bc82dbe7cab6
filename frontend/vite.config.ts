/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { CONSOLE_CHUNK_PREFIX, isConsoleModule } from './scripts/console-modules.mjs';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Chunks holding any module of the staff console are named `console-…`: the public pages' budget check
 * (e2e/public-weight.spec.ts) refuses every file so named, so console code reaching the citizens' pages,
 * even merged into a shared chunk, fails it.
 */
function chunkName(chunk: { moduleIds: string[]; facadeModuleId: string | null }): string {
  // A dictionary is named by its language and namespace (`i18n-en-public`), not just `public`.
  const strings = chunk.facadeModuleId?.match(/\/src\/i18n\/([a-z]+)\/([a-z]+)\.ts$/);
  const name = strings ? `i18n-${strings[1]}-${strings[2]}` : '[name]';
  const prefix = chunk.moduleIds.some((id) => isConsoleModule(id, root)) ? CONSOLE_CHUNK_PREFIX : '';
  return `assets/${prefix}${name}-[hash].js`;
}

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:8000', changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:8000', changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    sourcemap: false,
    // The woff/woff2 font subsets are loaded on demand by unicode-range; keep them as files.
    assetsInlineLimit: 0,
    rollupOptions: {
      output: {
        entryFileNames: chunkName,
        chunkFileNames: chunkName,
      },
    },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
  },
});
