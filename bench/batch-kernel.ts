// The batch kernel (shaders/copy_batch.wgsl) on its own: cuMemcpyBatchAsync of many device-to-device
// entries, aligned (whole 16-byte chunks only) and unaligned (source +3, destination +1, so every row has
// edge chunks), small entries (16384 × 4 KiB) and large ones (1024 × 256 KiB), and 2D entries through
// cuMemcpy3DBatchAsync (16 × 64 KiB × 256 rows at a pitch). GPU time from events over `REPS` back-to-back
// calls after a warm-up, and wall-clock per call over the same run.
//   ENTRY=bench/batch-kernel.ts OUTFILE=.gpu/batch-kernel.mjs node bench/build.mjs
//   DAWN_FLAGS=disable-dawn-features=timestamp_quantization bash .gpu/run.sh .gpu/batch-kernel.mjs

import { create, globals } from 'webgpu';
import * as cu from '../src/index.ts';

Object.assign(globalThis, globals);
const gpu = create((process.env.DAWN_FLAGS ?? '').split(',').filter(Boolean));
// Held for the whole run: dawn.node tears down when this object is collected.
(globalThis as { keepGpu?: GPU }).keepGpu = gpu;
const check = (e: number, what: string) => {
  if (e) throw new Error(`${what}: ${e}`);
};
const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
if (!adapter) throw new Error('no adapter');
const l = adapter.limits;
const device = await adapter.requestDevice({
  requiredLimits: { maxBufferSize: l.maxBufferSize, maxStorageBufferBindingSize: l.maxStorageBufferBindingSize },
  requiredFeatures: adapter.features.has('timestamp-query') ? ['timestamp-query'] : [],
});
check(await cu.cuInit(0, { gpu, adapter, device, memoryBudget: 2 ** 32 }), 'cuInit');
check((await cu.cuCtxCreate(0, 0))[0], 'cuCtxCreate');
const REPS = Number(process.env.REPS ?? 50);
const SIZE = 300 * 2 ** 20;
const [, A] = cu.cuMemAlloc(SIZE);
const [, B] = cu.cuMemAlloc(SIZE);
const [, s] = cu.cuStreamCreate(0);
const [, e0] = cu.cuEventCreate(0);
const [, e1] = cu.cuEventCreate(0);
const sync = async () => check(await cu.cuStreamSynchronize(s), 'sync');
const attrs = [{ srcAccessOrder: cu.CU_MEMCPY_SRC_ACCESS_ORDER_STREAM, flags: 0 }];

/** GPU ms per call over REPS back-to-back calls, and wall ms per call over the same run. */
async function measure(name: string, bytes: number, call: () => void): Promise<void> {
  for (const t = performance.now(); performance.now() - t < 300; ) {
    for (let i = 0; i < 8; i++) call();
    await sync();
  }
  const t0 = performance.now();
  check(cu.cuEventRecord(e0!, s), 'record');
  for (let i = 0; i < REPS; i++) call();
  check(cu.cuEventRecord(e1!, s), 'record');
  await sync();
  const wall = (performance.now() - t0) / REPS;
  const [r, ms] = cu.cuEventElapsedTime(e0!, e1!);
  const gpuMs = r ? NaN : ms / REPS;
  const rate = (t: number) => ((2 * bytes) / t / 1e6).toFixed(1);
  console.log(`${name.padEnd(44)} GPU ${gpuMs.toFixed(4)} ms ${rate(gpuMs).padStart(8)} GB/s   wall ${wall.toFixed(4)} ms ${rate(wall).padStart(8)} GB/s`);
}

function batch1D(k: number, size: number, srcShift: number, dstShift: number): [number[], number[], number[]] {
  const d: number[] = [];
  const sr: number[] = [];
  const n: number[] = [];
  for (let i = 0; i < k; i++) {
    sr.push(A + i * size + srcShift);
    d.push(B + i * size + dstShift);
    n.push(size - 8);
  }
  return [d, sr, n];
}

for (const [k, size] of [[16384, 4096], [1024, 256 * 1024]]) {
  for (const [label, ss, ds] of [['aligned', 0, 0], ['src +3, dst +1', 3, 1]] as const) {
    const [d, sr, n] = batch1D(k, size, ss, ds);
    // Aligned entries copy whole chunks: size - 8 would leave an edge, so they copy `size - 16`.
    if (ss === 0) n.fill(size - 16);
    const bytes = n.reduce((a, b) => a + b, 0);
    await measure(`cuMemcpyBatchAsync ${k} x ${size / 1024} KiB ${label}`, bytes, () => check(cu.cuMemcpyBatchAsync(d, sr, n, k, attrs, [0], 1, s), 'batch'));
  }
}
// 2D entries: 16 × (64 KiB × 256 rows), pitch 64 KiB + 512 (aligned) or + 515 (rows start at every byte).
for (const [label, extra] of [['pitch +512', 512], ['pitch +515', 515]] as const) {
  const w = 65536;
  const h = 256;
  const pitch = w + extra;
  const ops = Array.from({ length: 16 }, (_, i) => ({
    src: { type: cu.CU_MEMCPY_OPERAND_TYPE_POINTER, op: { ptr: { ptr: A + i * pitch * h, rowLength: pitch, layerHeight: h } } },
    dst: { type: cu.CU_MEMCPY_OPERAND_TYPE_POINTER, op: { ptr: { ptr: B + i * pitch * h, rowLength: pitch, layerHeight: h } } },
    extent: { width: w, height: h, depth: 1 },
    srcAccessOrder: cu.CU_MEMCPY_SRC_ACCESS_ORDER_STREAM,
  }));
  await measure(`cuMemcpy3DBatchAsync 16 x 64 KiB x 256 ${label}`, 16 * w * h, () => check(cu.cuMemcpy3DBatchAsync(16, ops, 0, s), '3d batch'));
}
process.exit(0);
