// Host time of cuMemBatchDecompressAsync: validation, planning, encoding and submit of one call, without
// the GPU (tiny streams, so SwiftShader's decoding stays out of the way). Min and median over many calls.
//   ENTRY=bench/hosttime.ts OUTFILE=.gpu/hosttime.mjs node bench/build.mjs
//   VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json LD_LIBRARY_PATH=/usr/lib/chromium node .gpu/hosttime.mjs [ops] [rounds]
// CASE=plain|status|auto cap runs one case. DAWN_FLAGS=backend=null times the host alone on Dawn's null
// backend (nothing runs, so nothing is checked): SwiftShader's decoding of 300 calls competes for the
// same cores and takes minutes on a loaded 2-core machine.
import { create, globals } from 'webgpu';
import * as cu from '../src/index.ts';

Object.assign(globalThis, globals);
const flags = (process.env.DAWN_FLAGS ?? '').split(',').filter(Boolean);
const gpu = create(flags);
(globalThis as { keepGpu?: GPU }).keepGpu = gpu;
if (await cu.cuInit(0, { gpu })) throw new Error('cuInit');
await cu.cuCtxCreate(0, 0);
const n = Number(process.argv[2] ?? 4096);
const rounds = Number(process.argv[3] ?? 300);
const [, src] = cu.cuMemAlloc(n * 16);
const [, dst] = cu.cuMemAlloc(n * 64);
const [, act] = cu.cuMemAlloc(n * 4);
const [, st] = cu.cuMemAlloc(n * 4);
// Each stream: one literal-only LZ4 sequence of 14 bytes (15 bytes).
const host = new Uint8Array(n * 16);
for (let i = 0; i < n; i++) host[i * 16] = 0xe0, host.fill(65 + (i % 26), i * 16 + 1, i * 16 + 15);
await cu.cuMemcpyHtoD(src, host, host.length);
const [, s] = cu.cuStreamCreate(0);
const cases: [string, cu.CUmemDecompressParams[]][] = [
  ['plain', Array.from({ length: n }, (_, i) => ({ src: src + i * 16, srcNumBytes: 15, dst: dst + i * 64, dstNumBytes: 64, dstActBytes: act + 4 * i, algo: cu.CU_MEM_DECOMPRESS_ALGORITHM_LZ4 }))],
  ['status', Array.from({ length: n }, (_, i) => ({ src: src + i * 16, srcNumBytes: 15, dst: dst + i * 64, dstNumBytes: 64, dstActBytes: act + 4 * i, status: st + 4 * i, algo: cu.CU_MEM_DECOMPRESS_ALGORITHM_LZ4 }))],
  ['auto cap', Array.from({ length: n }, (_, i) => ({ src: src + i * 16, srcNumBytes: 15, dst: dst + i * 64, dstNumBytes: 0, dstActBytes: act + 4 * i, algo: cu.CU_MEM_DECOMPRESS_ALGORITHM_LZ4 }))],
];
for (const [name, params] of cases.filter(([c]) => !process.env.CASE || c === process.env.CASE)) {
  const t: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    const [e] = cu.cuMemBatchDecompressAsync(params, n, 0, s);
    t.push(performance.now() - t0);
    if (e) throw new Error(`error ${e}`);
    if (r % 8 === 7) await cu.cuStreamSynchronize(s);
  }
  await cu.cuStreamSynchronize(s);
  t.sort((a, b) => a - b);
  const out = new Uint32Array(n);
  await cu.cuMemcpyDtoH(out, act, n * 4);
  if (!flags.includes('backend=null') && out.some((v) => v !== 14)) throw new Error('wrong dstActBytes');
  console.log(`${name.padEnd(9)} ${n} ops: min ${t[0].toFixed(3)} ms  p10 ${t[Math.floor(rounds / 10)].toFixed(3)}  median ${t[rounds >> 1].toFixed(3)} ms`);
}
process.exit(0);
