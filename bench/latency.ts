// Where the time of a small operation goes: a 4-byte cuMemsetD8Async + cuStreamSynchronize (and the
// synchronous cuMemsetD8, and a synchronize with nothing to wait for) next to raw WebGPU round trips on the
// same GPUDevice (clearBuffer, a one-workgroup compute dispatch, the same with a dynamic-offset uniform
// written by writeBuffer, a 4-byte copyBufferToBuffer, a 4-byte writeBuffer alone), medians of 400; then a traced pass timing, from the
// call, when webcu writes its parameters, submits, and sees the work done (queue methods wrapped).
// Build: ENTRY=bench/latency.ts OUTFILE=.gpu/lat.mjs node bench/build.mjs; run: node .gpu/lat.mjs
// (on the GPU machine: bash .gpu/run.sh .gpu/lat.mjs).
import { create, globals } from 'webgpu';
import * as cu from '../src/index.ts';
Object.assign(globalThis, globals);
const gpu = create((process.env.DAWN_FLAGS ?? "").split(",").filter(Boolean));
(globalThis as any).keep = gpu;
const adapter = await gpu.requestAdapter({ powerPreference: "high-performance" });
const device = await adapter!.requestDevice();
const chk = (e: number, w: string) => { if (e) throw new Error(w + ' ' + e); };
chk(await cu.cuInit(0, { device } as any), 'init');
const [, dev] = cu.cuDeviceGet(0) as any;
await cu.cuCtxCreate(0, dev);
const [, A] = cu.cuMemAlloc(1 << 20) as any;
const [, s] = cu.cuStreamCreate(0) as any;
const buf = device.createBuffer({ size: 256, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
const N = 400;
const mod = device.createShaderModule({ code: '@group(0) @binding(0) var<storage, read_write> b: array<u32>; @compute @workgroup_size(64) fn main(@builtin(global_invocation_id) g: vec3<u32>) { if (g.x == 0u) { b[0] = 7u; } }' });
const pipe = device.createComputePipeline({ layout: 'auto', compute: { module: mod, entryPoint: 'main' } });
const bg = device.createBindGroup({ layout: pipe.getBindGroupLayout(0), entries: [{ binding: 0, resource: { buffer: buf } }] });
const src = device.createBuffer({ size: 256, usage: GPUBufferUsage.COPY_SRC });
const ub = device.createBuffer({ size: 65536, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
const mod2 = device.createShaderModule({ code: 'struct P { a: u32, b: u32 } @group(0) @binding(0) var<uniform> p: P; @group(0) @binding(1) var<storage, read_write> b: array<u32>; @compute @workgroup_size(64) fn main(@builtin(global_invocation_id) g: vec3<u32>) { if (g.x == 0u) { b[0] = p.a; } }' });
const bgl = device.createBindGroupLayout({ entries: [{ binding: 0, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'uniform', hasDynamicOffset: true } }, { binding: 1, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'storage' } }] });
const pipe2 = device.createComputePipeline({ layout: device.createPipelineLayout({ bindGroupLayouts: [bgl] }), compute: { module: mod2, entryPoint: 'main' } });
const bg2 = device.createBindGroup({ layout: bgl, entries: [{ binding: 0, resource: { buffer: ub, size: 64 } }, { binding: 1, resource: { buffer: buf } }] });
const pbytes = new Uint8Array(256);
const med = (a: number[]) => { const b = [...a].sort((x, y) => x - y); const at = (q: number) => (b[Math.floor(b.length * q)] * 1000).toFixed(1); return `${at(0.5)} us (p90 ${at(0.9)}, p99 ${at(0.99)})`; };
const q = device.queue as any;
const T: Record<string, number[]> = { submit: [], done: [], wb: [] };
let t0 = 0;
const oSubmit = q.submit.bind(q), oDone = q.onSubmittedWorkDone.bind(q), oWb = q.writeBuffer.bind(q);
let trace = false;
q.submit = (c: any) => { const a = performance.now(); oSubmit(c); if (trace) T.submit.push(a - t0); };
q.writeBuffer = (...a: any[]) => { if (trace) T.wb.push(performance.now() - t0); return oWb(...a); };
q.onSubmittedWorkDone = () => oDone().then(() => { if (trace) T.done.push(performance.now() - t0); });
for (let pass = 0; pass < 3; pass++) {
  if (pass === 2) {
    trace = true;
    const tot: number[] = [], enc: number[] = [];
    for (let i = 0; i < N; i++) { t0 = performance.now(); chk(cu.cuMemsetD8Async(A, 1, 4, s), 'm'); enc.push(performance.now() - t0); chk(await cu.cuStreamSynchronize(s), 's'); tot.push(performance.now() - t0); }
    trace = false;
    console.log(`traced: enqueue ${med(enc)} | writeBuffer at ${med(T.wb)} | submit at ${med(T.submit)} | done at ${med(T.done)} | total ${med(tot)}`);
    break;
  }
  const comp: number[] = [], cp: number[] = [], comp2: number[] = [];
  const raw: number[] = [], wb: number[] = [], ours: number[] = [], sync: number[] = [], empty: number[] = [];
  for (let i = 0; i < N; i++) {
    let t = performance.now();
    const e = device.createCommandEncoder(); e.clearBuffer(buf, 0, 4); device.queue.submit([e.finish()]); await device.queue.onSubmittedWorkDone();
    raw.push(performance.now() - t);
    t = performance.now();
    { const e = device.createCommandEncoder(); const p = e.beginComputePass(); p.setPipeline(pipe); p.setBindGroup(0, bg); p.dispatchWorkgroups(1); p.end(); device.queue.submit([e.finish()]); await device.queue.onSubmittedWorkDone(); }
    comp.push(performance.now() - t);
    t = performance.now();
    { const e = device.createCommandEncoder(); const p = e.beginComputePass(); p.setPipeline(pipe2); p.setBindGroup(0, bg2, [0]); p.dispatchWorkgroups(1); p.end(); device.queue.writeBuffer(ub, 0, pbytes, 0, 256); device.queue.submit([e.finish()]); await device.queue.onSubmittedWorkDone(); }
    comp2.push(performance.now() - t);
    t = performance.now();
    { const e = device.createCommandEncoder(); e.copyBufferToBuffer(src, 0, buf, 0, 4); device.queue.submit([e.finish()]); await device.queue.onSubmittedWorkDone(); }
    cp.push(performance.now() - t);
    t = performance.now();
    device.queue.writeBuffer(buf, 0, new Uint32Array(1).fill(0x01010101)); await device.queue.onSubmittedWorkDone();
    wb.push(performance.now() - t);
    t = performance.now();
    chk(cu.cuMemsetD8Async(A, 1, 4, s), 'm'); chk(await cu.cuStreamSynchronize(s), 's');
    ours.push(performance.now() - t);
    t = performance.now();
    chk(await cu.cuMemsetD8(A, 1, 4), 'm');
    sync.push(performance.now() - t);
    t = performance.now();
    chk(await cu.cuStreamSynchronize(s), 's');
    empty.push(performance.now() - t);
  }
  console.log(`raw clear+submit+done ${med(raw)} | memsetAsync+sync ${med(ours)} | memset sync ${med(sync)} | empty sync ${med(empty)} | raw compute ${med(comp)} | raw compute+params ${med(comp2)} | raw copy ${med(cp)} | raw writeBuffer+done ${med(wb)}`);
}
process.exit(0);
