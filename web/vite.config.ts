import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  resolve: { alias: { '@uptake/shared': fileURLToPath(new URL('../shared/src/index.ts', import.meta.url)) } },
  server: { proxy: { '/api': 'http://localhost:3000' } },
  build: { outDir: 'dist', sourcemap: true },
  test: { environment: 'jsdom', globals: true, setupFiles: ['./src/testing/setup.ts'] },
});
