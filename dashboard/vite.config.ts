import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** The dashboard: static files in dashboard/dist, served by npm start and, on AWS, from S3 behind CloudFront. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  resolve: {
    alias: {
      // the package's browser build: its default entry needs Node's Buffer
      'csv-stringify/sync': fileURLToPath(
        new URL('../node_modules/csv-stringify/dist/esm/sync.js', import.meta.url),
      ),
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    reportCompressedSize: false,
  },
});
