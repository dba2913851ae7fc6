import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// One config for two jobs:
//  - `npm run dev`: serves the demo (index.html at the repo root, which loads /demo/main.ts) on
//    http://localhost:5173. localhost is a secure context, so navigator.gpu is available.
//  - `npm run build` (`vite build`): library mode, src/index.ts -> dist/webcu.js, a single ES module with
//    every dependency and every `*.wgsl?raw` shader inlined (no bare imports left). Declarations come
//    from `tsc -p tsconfig.build.json` afterwards (dist/types/).
// Vitest has its own config (vitest.config.ts) and does not read this file.
export default defineConfig({
  root,
  publicDir: 'public',
  server: {
    host: 'localhost',
    port: 5173,
    strictPort: true,
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    copyPublicDir: false,
    sourcemap: true,
    minify: false,
    reportCompressedSize: false,
    lib: {
      entry: fileURLToPath(new URL('./src/index.ts', import.meta.url)),
      formats: ['es'],
      fileName: () => 'webcu.js',
    },
    rolldownOptions: {
      // Nothing is external: the library must not import anything at run time.
      output: {
        // Keep everything in one file even if the source ever uses import().
        codeSplitting: false,
      },
    },
  },
});
