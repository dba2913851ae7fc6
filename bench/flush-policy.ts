// When large work is submitted (issue 9): back-to-back 1 GiB memsets, 2D memsets and aligned device
// copies, wall-clock (20 calls + one synchronization, median of 5 rounds) and GPU time by events, under
// several recorder flush policies (Recorder.flushDepth / flushGroup), next to raw WebGPU clearBuffer
// submitted call by call and all in one submission. Build: ENTRY=bench/flush-policy.ts
// OUTFILE=.gpu/flush.mjs node bench/build.mjs; run: bash .gpu/run.sh .gpu/flush.mjs (DAWN_FLAGS for exact
// timestamps).
import { create, globals } from 'webgpu';
import * as cu from '../src/index.ts';
import { current } from '../src/core/state.ts';
Object.assign(globalThis, globals);
const gpu = create((process.env.DAWN_FLAGS ?? '').split(',').filter(Boolean));
(globalThis as any).keep = gpu;
if (!process.env.SIZE_MIB) console.log('SIZE_MIB unset: 1024');
const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
const device = await adapter!.requestDevice({ requiredFeatures: adapter!.features.has('timestamp-query') ? ['timestamp-query'] : [], requiredLimits: { maxBufferSize: adapter!.limits.maxBufferSize, maxStorageBufferBindingSize: adapter!.limits.maxStorageBufferBindingSize } });
const chk = (e: number, w: string) => { if (e) throw new Error(`${w} ${e}`); };
chk(await cu.cuInit(0, { device } as any), 'init');
const [, dev] = cu.cuDeviceGet(0) as any;
await cu.cuCtxCreate(0, dev);
const rec = (current()[1] as any).dev.rec;
const MiB = Number(process.env.SIZE_MIB ?? 1024);
const N = MiB * 2 ** 20;
const REPS = 20;
const [, A] = cu.cuMemAlloc(N + 4096) as any;
const [, B] = cu.cuMemAlloc(N + 4096) as any;
const [, s] = cu.cuStreamCreate(0) as any;
const sync = async () => chk(await cu.cuStreamSynchronize(s), 'sync');
const med = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];

// The calls are enqueued in one JavaScript task, as a program's loop would: awaiting each would end the
// task and submit it (session 9 run a did that, and its wall column did not show the policies).
async function wall(enqueue: () => void, rounds = 5): Promise<number> {
  for (const t = performance.now(); performance.now() - t < 150; ) { for (let i = 0; i < REPS; i++) enqueue(); await sync(); }
  const ts: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (let i = 0; i < REPS; i++) enqueue();
    await sync();
    ts.push((performance.now() - t0) / REPS);
  }
  return med(ts);
}
async function gpuB2B(enqueue: () => void): Promise<number> {
  const [, e0] = cu.cuEventCreate(0) as any, [, e1] = cu.cuEventCreate(0) as any;
  const ts: number[] = [];
  for (let r = 0; r < 3; r++) {
    cu.cuEventRecord(e0, s); for (let i = 0; i < REPS; i++) enqueue(); cu.cuEventRecord(e1, s);
    chk(await cu.cuEventSynchronize(e1), 'evsync');
    ts.push(cu.cuEventElapsedTime(e0, e1)[1] as number / REPS);
  }
  return med(ts);
}
const ops: [string, number, () => void][] = [
  ['memset D8 1 GiB', N, () => chk(cu.cuMemsetD8Async(A, 0x5a, N, s), 'm')],
  ['memset D32 1 GiB', N, () => chk(cu.cuMemsetD32Async(A, 0xdeadbeef, N / 4, s), 'm')],
  ['memset D2D32 16384x(N/64K) pitch 66048', 16384 * 4 * (N / 65536 / 2), () => chk(cu.cuMemsetD2D32Async(A, 66048, 0x12345678, 16384, N / 65536 / 2, s), 'm')],
  ['DtoD aligned', 2 * N, () => chk(cu.cuMemcpyDtoDAsync(B, A, N, s), 'c')],
];
const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST;
const pa = device.createBuffer({ size: N, usage });
const rawEach = () => { const e = device.createCommandEncoder(); e.clearBuffer(pa); device.queue.submit([e.finish()]); };
let pending: GPUCommandEncoder | null = null;
const rawOne = () => { pending ??= device.createCommandEncoder(); pending.clearBuffer(pa); };
async function rawWall(each: boolean): Promise<number> {
  const ts: number[] = [];
  for (let r = 0; r < 6; r++) {
    const t0 = performance.now();
    for (let i = 0; i < REPS; i++) (each ? rawEach : rawOne)();
    if (pending) { device.queue.submit([pending.finish()]); pending = null; }
    await device.queue.onSubmittedWorkDone();
    if (r) ts.push((performance.now() - t0) / REPS);
  }
  return med(ts);
}
const policies: [string, number, number][] = [['each (old)', Infinity, Infinity], ['depth 2, group 4', 2, 4], ['depth 1, group 4', 1, 4], ['depth 1, group 8', 1, 8], ['depth 1, end of task', 1, Infinity], ['end of task', 0, Infinity]];
for (let pass = 0; pass < 2; pass++) {
  console.log(`-- pass ${pass + 1}`);
  console.log(`raw clearBuffer 1 GiB, submit each: ${(await rawWall(true)).toFixed(4)} ms/call; all in one submit: ${(await rawWall(false)).toFixed(4)} ms/call`);
  for (const [op, bytes, f] of ops) {
    for (const [name, depth, group] of policies) {
      rec.flushDepth = depth; rec.flushGroup = group;
      const w = await wall(f);
      const g = await gpuB2B(f);
      console.log(`${op.padEnd(40)} ${name.padEnd(18)} wall ${w.toFixed(4)} ms (${(bytes / w / 1e6).toFixed(0)} GB/s)  GPU b2b ${(g).toFixed(4)} ms`);
    }
  }
}
process.exit(0);
