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
    rolldownOptions: {
      output: {
        codeSplitting: {
          // what the ranking page needs before any interaction, in one file: Lit and the shell, the
          // ranking and the period picker with the libraries they share with the lazy views
          groups: [
            {
              name: 'app',
              test: /node_modules[\\/](lit|lit-html|lit-element|@lit[\\/]reactive-element)[\\/]|dashboard[\\/]src[\\/](lib[\\/](styles|i18n|state|api|errors|methodology|export)\.ts|components[\\/]si-(app|ranking-view|period-picker)\.ts)/,
            },
          ],
        },
      },
    },
  },
});
