// Benchmark entry for Node + the `webgpu` package (Dawn). Bundled by bench/build.mjs into .gpu/bench.mjs.
//   node .gpu/bench.mjs [--suite memory|latency|decompress|all|sweep|corpus|sizes|xfer] [--size-mib 1024] [--decompress-mib 256] [--reps 20] [--json out.json] [--diag]
//   [--staging-mib 64] (cuInit's stagingBytes) [--deflate-pieced-min BYTES] (Device.deflatePiecedMin) [--lz-piece BYTES] (Device.lzPiece, both formats)
//   corpus suite: [--corpus .gpu/corpus.br] [--only text,binary] [--sizes 65536,1048576] [--sweep] [--phases] [--algos LZ4] (bench/corpus.ts)

import { writeFileSync } from 'node:fs';
import { create, globals } from 'webgpu';
import * as cu from '../src/index.ts';
import { current, type Context } from '../src/core/state.ts';
import { runCorpusBench } from './corpus.ts';
import { runDecompressBench } from './decompress.ts';
import { runMemoryBench, Row } from './memory.ts';
import { runSizesBench } from './sizes.ts';
import { runSweep } from './sweep.ts';
import { runXferBench } from './xfer.ts';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const sizeMiB = Number(opt('size-mib', '64'));
const reps = Number(opt('reps', '10'));
const json = opt('json', '');
const suite = opt('suite', 'all');
const decompressMiB = Number(opt('decompress-mib', '16'));
const stagingMiB = opt('staging-mib', '');
const deflatePiecedMin = opt('deflate-pieced-min', '');
const lzPiece = opt('lz-piece', '');

Object.assign(globalThis, globals);
const gpu = create((process.env.DAWN_FLAGS ?? '').split(',').filter(Boolean));
// Held for the whole run as well as by cuInit: dawn.node tears down when this object is collected.
(globalThis as { keepGpu?: GPU }).keepGpu = gpu;
const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
if (!adapter) throw new Error('no WebGPU adapter');
// The benchmark makes the device (with the adapter's largest buffers) and webcu adopts it, so the
// WebGPU peer commands run on the very same GPUDevice.
const l = adapter.limits;
const device = await adapter.requestDevice({
  requiredLimits: {
    maxBufferSize: l.maxBufferSize,
    maxStorageBufferBindingSize: l.maxStorageBufferBindingSize,
    maxComputeWorkgroupStorageSize: l.maxComputeWorkgroupStorageSize,
    maxComputeInvocationsPerWorkgroup: l.maxComputeInvocationsPerWorkgroup,
    maxComputeWorkgroupSizeX: l.maxComputeWorkgroupSizeX,
  },
  requiredFeatures: adapter.features.has('timestamp-query') ? ['timestamp-query'] : [],
});
// `gpu` goes to cuInit too, which keeps it: dawn.node tears its instance down when the GPU object
// returned by create() is garbage-collected, even while a device made from it is in use.
const r = await cu.cuInit(0, { gpu, adapter, device, memoryBudget: 8 * sizeMiB * 2 ** 20 + 2 ** 30, ...(stagingMiB ? { stagingBytes: Number(stagingMiB) * 2 ** 20 } : {}) });
if (r) throw new Error(`cuInit: ${r}`);
await cu.cuCtxCreate(0, 0);
if (deflatePiecedMin) (current()[1] as Context).dev.deflatePiecedMin = Number(deflatePiecedMin);
if (lzPiece) (current()[1] as Context).dev.lzPiece = { lz4: Number(lzPiece), snappy: Number(lzPiece) };
const name = cu.cuDeviceGetName(256, 0)[1];
console.log(`device: ${name}  size ${sizeMiB} MiB  reps ${reps}`);
const print = (row: Row) =>
  console.log(`${row.op.padEnd(58)} ${(row.seconds * 1e3).toFixed(3).padStart(9)} ms ${row.GBps.toFixed(1).padStart(9)} GB/s`);
const rows: Row[] = [];
if (suite === 'all' || suite === 'memory') rows.push(...(await runMemoryBench(device, sizeMiB, reps, print)));
if (suite === 'latency') rows.push(...(await runMemoryBench(device, sizeMiB, reps, print, true)));
if (suite === 'all' || suite === 'decompress') rows.push(...(await runDecompressBench(device, decompressMiB, reps, print)));
if (suite === 'sizes') rows.push(...(await runSizesBench(sizeMiB, print)));
if (suite === 'xfer') rows.push(...(await runXferBench(device, sizeMiB, print)));
if (suite === 'sweep') rows.push(...(await runSweep(device, decompressMiB, reps, print)));
if (suite === 'corpus') {
  const only = opt('only', '').split(',').filter(Boolean);
  const sizes = opt('sizes', '').split(',').filter(Boolean).map(Number);
  rows.push(...(await runCorpusBench(device, opt('corpus', '.gpu/corpus.br'), decompressMiB, reps, only, sizes, args.includes('--sweep'), args.includes('--phases'), opt('algos', '').split(',').filter(Boolean))));
}
if (json) writeFileSync(json, JSON.stringify({ device: name, sizeMiB, decompressMiB, reps, rows }, null, 1));
process.exit(0);
