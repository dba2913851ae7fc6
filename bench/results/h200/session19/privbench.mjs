// Does module-scope var<private> state cost the NVIDIA Vulkan compiler more than function-local state?
// One invocation per workgroup runs a bit-reader + table-lookup chain (Deflate's leader in miniature).
import { create, globals } from 'webgpu';
Object.assign(globalThis, globals);
const gpu = create((process.env.DAWN_FLAGS ?? '').split(',').filter(Boolean)); globalThis.keepGpu = gpu;
const adapter = await gpu.requestAdapter();
const device = await adapter.requestDevice({ requiredFeatures: adapter.features.has('timestamp-query') ? ['timestamp-query'] : [] });
const ITERS = Number(process.argv[2] ?? (1 << 20));
const GROUPS = Number(process.argv[3] ?? 132);
const head = `
@group(0) @binding(0) var<storage, read> src: array<u32>;
@group(0) @binding(1) var<storage, read_write> out: array<u32>;
var<workgroup> tab: array<u32, 512>;
var<workgroup> lit: array<u32, 64>;
const ITERS: u32 = ${ITERS}u;
`;
const body = (s) => `
    if (nb < 32u) {
      let w = src[(rw + wid) & 0xffffu];
      rw += 1u;
      ${s}bl_or(w, nb);
      nb += 32u;
    }
    let e = tab[bl & 511u];
    let len = ((e >> 9u) & 15u) + 1u;
    bl = (bl >> len) | ((bh << (31u - len)) << 1u);
    bh = bh >> len;
    nb -= len;
    let sym = e & 511u;
    if (sym < 256u) { lit[outpos & 63u] = sym; outpos += 1u; }
    else { outpos += sym - 250u; acc ^= sym * outpos; }
`;
const variants = {
  // State at module scope, updated in helper functions (as inflate.wgsl's leader does).
  private: head + `
var<private> bl: u32; var<private> bh: u32; var<private> nb: u32; var<private> rw: u32; var<private> outpos: u32; var<private> acc: u32; var<private> wid: u32;
fn bl_or(w: u32, n: u32) { if (n == 0u) { bl = w; } else { bl |= w << n; bh = (w >> (31u - (n & 31u))) >> 1u; if (n >= 32u) { bh |= w << (n - 32u); } } }
fn step() {${body('')}}
@compute @workgroup_size(96) fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) g: vec3<u32>) {
  for (var i = lid; i < 512u; i += 96u) { tab[i] = (i * 2654435761u) % 4096u; }
  workgroupBarrier();
  if (lid != 0u) { return; }
  wid = g.x * 64u;
  for (var i = 0u; i < ITERS; i += 1u) { step(); }
  out[g.x] = acc ^ outpos ^ bl ^ lit[g.x & 63u];
}`,
  // The same state in function-local variables of main, the same code inline.
  local: head + `
@compute @workgroup_size(96) fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) g: vec3<u32>) {
  for (var i = lid; i < 512u; i += 96u) { tab[i] = (i * 2654435761u) % 4096u; }
  workgroupBarrier();
  if (lid != 0u) { return; }
  var bl = 0u; var bh = 0u; var nb = 0u; var rw = 0u; var outpos = 0u; var acc = 0u; let wid = g.x * 64u;
  for (var i = 0u; i < ITERS; i += 1u) {${body('//').replace('//bl_or(w, nb);', 'if (nb == 0u) { bl = w; } else { bl |= w << nb; bh = (w >> (31u - (nb & 31u))) >> 1u; if (nb >= 32u) { bh |= w << (nb - 32u); } }')}}
  out[g.x] = acc ^ outpos ^ bl ^ lit[g.x & 63u];
}`,
};
const src = device.createBuffer({ size: 65536 * 4 + 64 * 4096, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
const words = new Uint32Array(src.size / 4); for (let i = 0; i < words.length; i++) words[i] = Math.imul(i + 1, 2246822519) >>> 0;
device.queue.writeBuffer(src, 0, words);
const out = device.createBuffer({ size: 4 * 65536, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
const qs = device.features.has('timestamp-query') ? device.createQuerySet({ type: 'timestamp', count: 2 }) : null;
const rb = device.createBuffer({ size: 16, usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC });
const rd = device.createBuffer({ size: 16, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
async function run(pipe, bg) {
  const enc = device.createCommandEncoder();
  const pass = enc.beginComputePass(qs ? { timestampWrites: { querySet: qs, beginningOfPassWriteIndex: 0, endOfPassWriteIndex: 1 } } : {});
  pass.setPipeline(pipe); pass.setBindGroup(0, bg); pass.dispatchWorkgroups(GROUPS); pass.end();
  if (qs) { enc.resolveQuerySet(qs, 0, 2, rb, 0); enc.copyBufferToBuffer(rb, 0, rd, 0, 16); }
  const t0 = performance.now();
  device.queue.submit([enc.finish()]);
  await device.queue.onSubmittedWorkDone();
  const wall = performance.now() - t0;
  if (!qs) return wall;
  await rd.mapAsync(GPUMapMode.READ); const t = new BigUint64Array(rd.getMappedRange().slice(0)); rd.unmap();
  return Number(t[1] - t[0]) / 1e6;
}
const pipes = {};
for (const [name, code] of Object.entries(variants)) {
  const module = device.createShaderModule({ code });
  const info = await module.getCompilationInfo(); for (const m of info.messages) if (m.type === 'error') { console.log(name, m.message, m.lineNum); process.exit(1); }
  const pipe = device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' } });
  pipes[name] = [pipe, device.createBindGroup({ layout: pipe.getBindGroupLayout(0), entries: [{ binding: 0, resource: { buffer: src } }, { binding: 1, resource: { buffer: out } }] })];
}
for (let k = 0; k < 3; k++) for (const name of Object.keys(pipes)) await run(...pipes[name]);   // warm up
for (let pass = 0; pass < 3; pass++) for (const name of Object.keys(pipes)) {
  const ms = [];
  for (let k = 0; k < 5; k++) ms.push(await run(...pipes[name]));
  ms.sort((a, b) => a - b);
  console.log(`${name.padEnd(8)} ${ITERS} iters x ${GROUPS} groups: ${ms[2].toFixed(3)} ms  ${(ms[2] * 1e6 / ITERS).toFixed(2)} ns/iter`);
}
process.exit(0);
