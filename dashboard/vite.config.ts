import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** The dashboard: static files in dashboard/dist, served by npm start and, on AWS, from S3 behind CloudFront. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    reportCompressedSize: false,
  },
});
