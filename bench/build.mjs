// Bundles bench/node.ts (and the library, WGSL inlined) into one file, .gpu/bench.mjs, that runs on a
// machine with nothing but node and the `webgpu` package (see ../shared/gpu/prepare.sh).
import { readFile } from 'node:fs/promises';
import { build } from 'esbuild';

const raw = {
  name: 'raw',
  setup(b) {
    b.onResolve({ filter: /\?raw$/ }, (a) => ({ path: new URL(a.path.slice(0, -4), `file://${a.resolveDir}/`).pathname, namespace: 'raw' }));
    b.onLoad({ filter: /.*/, namespace: 'raw' }, async (a) => ({ contents: await readFile(a.path, 'utf8'), loader: 'text' }));
  },
};

await build({
  entryPoints: [process.env.ENTRY ?? 'bench/node.ts'],
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outfile: process.env.OUTFILE ?? '.gpu/bench.mjs',
  external: ['webgpu'],
  plugins: [raw],
  logLevel: 'warning',
});
console.log(`wrote ${process.env.OUTFILE ?? '.gpu/bench.mjs'}`);
