import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The console is served under /console/ next to the API (one origin: no
 * CORS), locally by scripts/local/console-files.ts and in AWS by CloudFront.
 * `/console/config.json` is not part of the build: the server that serves
 * the console provides it (local mode, or the Cognito settings at deploy).
 */
export default defineConfig({
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The budget is for the board's whole path (≤ 350 KB gzip); single chunks above this say a lazy import was lost.
    chunkSizeWarningLimit: 900,
    reportCompressedSize: false,
  },
});
