// Is a 1 GiB fill's GPU time the kernel's? Raw WebGPU (no webcu) on the same device: minimal fill kernels
// (every invocation stores K 16-byte chunks, K = 1, 2, 4, consecutive invocations adjacent chunks, or
// its K chunks adjacent;
// workgroups of 64 to 1024; or 32-bit words instead of chunks), WebGPU's clearBuffer and webcu's
// cuMemsetD32Async, each timed by timestamps in empty passes around it (as webcu's events are), single
// calls (median of 30) and 20 back to back in one submission. Build: ENTRY=bench/fill-kernels.ts
// OUTFILE=.gpu/fillk.mjs node bench/build.mjs; run: bash .gpu/run.sh .gpu/fillk.mjs
// (DAWN_FLAGS=disable-dawn-features=timestamp_quantization).
import { create, globals } from 'webgpu';
import * as cu from '../src/index.ts';
import { current, type Context } from '../src/core/state.ts';
Object.assign(globalThis, globals);
const gpu = create((process.env.DAWN_FLAGS ?? '').split(',').filter(Boolean));
(globalThis as any).keep = gpu;
const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
const lim = adapter!.limits;
const device = await adapter!.requestDevice({ requiredFeatures: ['timestamp-query'], requiredLimits: { maxBufferSize: lim.maxBufferSize, maxStorageBufferBindingSize: lim.maxStorageBufferBindingSize, maxComputeInvocationsPerWorkgroup: lim.maxComputeInvocationsPerWorkgroup, maxComputeWorkgroupSizeX: lim.maxComputeWorkgroupSizeX } });
const MiB = Number(process.env.SIZE_MIB ?? 1024);
const N = MiB * 2 ** 20;
const chunks = N / 16;
const buf = device.createBuffer({ size: N, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
const qs = device.createQuerySet({ type: 'timestamp', count: 2 });
const res = device.createBuffer({ size: 16, usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC });
const rd = device.createBuffer({ size: 16, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });

type Rec = (e: GPUCommandEncoder) => void;
async function timed(work: Rec, reps: number): Promise<number> {
  const e = device.createCommandEncoder();
  e.beginComputePass({ timestampWrites: { querySet: qs, beginningOfPassWriteIndex: 0 } }).end();
  for (let i = 0; i < reps; i++) work(e);
  e.beginComputePass({ timestampWrites: { querySet: qs, beginningOfPassWriteIndex: 1 } }).end();
  e.resolveQuerySet(qs, 0, 2, res, 0);
  e.copyBufferToBuffer(res, 0, rd, 0, 16);
  device.queue.submit([e.finish()]);
  await rd.mapAsync(GPUMapMode.READ);
  const v = new BigInt64Array(rd.getMappedRange().slice(0));
  rd.unmap();
  return Number(v[1] - v[0]) / 1e6 / reps; // ms per call
}
const med = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];

function kernel(wg: number, k: number, scalar = false, adjacent = false): Rec {
  const elem = scalar ? 'u32' : 'vec4<u32>';
  const n = scalar ? chunks * 4 : chunks;
  const code = `
@group(0) @binding(0) var<storage, read_write> dst: array<${elem}>;
struct P { gx: u32, n: u32, pattern: u32, pad: u32 }
@group(0) @binding(1) var<uniform> p: P;
@compute @workgroup_size(${wg})
fn main(@builtin(workgroup_id) g: vec3<u32>, @builtin(local_invocation_index) l: u32) {
  let base = (g.y * p.gx + g.x) * ${wg * k}u + ${adjacent ? `l * ${k}u` : 'l'};
  for (var j = 0u; j < ${k}u; j++) {
    let i = base + j * ${adjacent ? 1 : wg}u;
    if (i < p.n) { dst[i] = ${elem}(p.pattern); }
  }
}`;
  const pipe = device.createComputePipeline({ layout: 'auto', compute: { module: device.createShaderModule({ code }), entryPoint: 'main' } });
  const groups = Math.ceil(n / (wg * k));
  // The grid as webcu lays it out (kernels.ts grid): as few rows as fit, split evenly, so few workgroups idle.
  const gy = Math.ceil(groups / 65535);
  const gx = Math.ceil(groups / gy);
  const ub = device.createBuffer({ size: 16, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
  device.queue.writeBuffer(ub, 0, new Uint32Array([gx, n, 0x5a5a5a5a, 0]));
  const bg = device.createBindGroup({ layout: pipe.getBindGroupLayout(0), entries: [{ binding: 0, resource: { buffer: buf } }, { binding: 1, resource: { buffer: ub } }] });
  return (e) => { const p = e.beginComputePass(); p.setPipeline(pipe); p.setBindGroup(0, bg); p.dispatchWorkgroups(gx, gy); p.end(); };
}

// webcu on the same device, timed by its own events.
const chk = (r: number, w: string) => { if (r) throw new Error(`${w} ${r}`); };
chk(await cu.cuInit(0, { device } as any), 'init');
await cu.cuCtxCreate(0, 0);
const [, A] = cu.cuMemAlloc(N) as any;
const [, s] = cu.cuStreamCreate(0) as any;
const [, e0] = cu.cuEventCreate(0) as any, [, e1] = cu.cuEventCreate(0) as any;
const rec = (current()[1] as Context).dev.rec;
const [, B] = cu.cuMemAlloc(N) as any;
// With `flush` false, large work is not submitted at once, so both events and the work share a submission.
async function webcu(reps: number, op = (): unknown => cu.cuMemsetD32Async(A, 0x5a5a5a5a, N / 4, s), flush = true): Promise<number> {
  rec.flushDepth = flush ? 2 : 0;
  rec.flushGroup = flush ? 4 : Infinity;
  cu.cuEventRecord(e0, s);
  for (let i = 0; i < reps; i++) op();
  cu.cuEventRecord(e1, s);
  chk(await cu.cuEventSynchronize(e1), 'sync');
  return (cu.cuEventElapsedTime(e0, e1)[1] as number) / reps;
}

type Webcu = [() => unknown, boolean];
const variants: [string, Rec | Webcu][] = [['clearBuffer', (e) => e.clearBuffer(buf)], ['webcu cuMemsetD32Async', [() => cu.cuMemsetD32Async(A, 0x5a5a5a5a, N / 4, s), true]]];
variants.push(['webcu D32, not flushed', [() => cu.cuMemsetD32Async(A, 0x5a5a5a5a, N / 4, s), false]]);
variants.push(['webcu zeros, not flushed', [() => cu.cuMemsetD8Async(A, 0, N, s), false]]);
variants.push(['webcu D8 +1, not flushed', [() => cu.cuMemsetD8Async(A + 1, 7, N - 2, s), false]]);
variants.push(['webcu DtoD, not flushed', [() => cu.cuMemcpyDtoDAsync(B, A, N, s), false]]);
for (const wg of [64, 128, 256]) for (const k of [1, 2, 4]) variants.push([`fill wg ${wg} x ${k} chunks`, kernel(wg, k)]);
if (lim.maxComputeInvocationsPerWorkgroup >= 1024) for (const wg of [512, 1024]) variants.push([`fill wg ${wg} x 1 chunk`, kernel(wg, 1)]);
variants.push(['fill wg 256 x 1 u32 word', kernel(256, 1, true)], ['fill wg 256 x 4 u32 words', kernel(256, 4, true)]);
variants.push(['fill wg 256 x 2 adjacent', kernel(256, 2, false, true)], ['fill wg 256 x 4 adjacent', kernel(256, 4, false, true)]);
// Warm the clocks up.
for (const t = performance.now(); performance.now() - t < 500; ) await timed(variants[0][1] as Rec, 8);
for (let pass = 0; pass < 2; pass++) {
  console.log(`-- pass ${pass + 1} (${MiB} MiB)`);
  for (const [name, rec] of variants) {
    const one: number[] = [];
    const w = typeof rec === 'function' ? null : rec;
    for (let i = 0; i < 30; i++) one.push(w ? await webcu(1, w[0], w[1]) : await timed(rec as Rec, 1));
    const b2b = w ? await webcu(20, w[0], w[1]) : await timed(rec as Rec, 20);
    const m = med(one);
    // Bytes moved: written for fills, read and written for the copy (as cuda_baseline.py counts them).
    const bytes = name.includes('DtoD') ? 2 * N : N;
    console.log(`${name.padEnd(26)} single ${m.toFixed(4)} ms (${(bytes / m / 1e6).toFixed(0)} GB/s)  20 back to back ${b2b.toFixed(4)} ms (${(bytes / b2b / 1e6).toFixed(0)} GB/s)`);
  }
}
process.exit(0);
