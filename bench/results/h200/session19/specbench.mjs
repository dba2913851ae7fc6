// Huffman decode in miniature on one warp: the leader alone (serial: each symbol's table lookup waits for
// the previous symbol's length) against all 32 lanes (spec: lane k looks the symbol up at bit offset k of
// the window, then the leader's chain hops from symbol to symbol with one subgroupShuffle each). Both
// decode the same bits with the same table; out[] holds a hash of the symbol sequence, which must match.
import { create, globals } from 'webgpu';
Object.assign(globalThis, globals);
const gpu = create((process.env.DAWN_FLAGS ?? '').split(',').filter(Boolean)); globalThis.keepGpu = gpu;
const adapter = await gpu.requestAdapter();
const feats = ['timestamp-query', 'subgroups'].filter((f) => adapter.features.has(f));
const device = await adapter.requestDevice({ requiredFeatures: feats });
const SYMS = Number(process.argv[2] ?? (1 << 20));
const GROUPS = Number(process.argv[3] ?? 132);
const MINLEN = Number(process.env.MINLEN ?? 5);
const head = `
@group(0) @binding(0) var<storage, read> src: array<u32>;
@group(0) @binding(1) var<storage, read_write> out: array<u32>;
var<workgroup> tab: array<u32, 512>;
var<workgroup> lit: array<u32, 64>;
const SYMS: u32 = ${SYMS}u;
fn fill_tab(lid: u32) {
  // entry: symbol (bits 0-8) | (length - 1) << 9, lengths ${MINLEN}..9
  for (var i = lid; i < 512u; i += 32u) { let h = i * 2654435761u; tab[i] = ((h >> 8u) & 255u) | ((${MINLEN - 1}u + (h >> 20u) % ${10 - MINLEN}u) << 9u); }
}
`;
const serial = head + `
@compute @workgroup_size(32) fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) g: vec3<u32>) {
  fill_tab(lid);
  workgroupBarrier();
  if (lid != 0u) { return; }
  var bl = 0u; var bh = 0u; var nb = 0u; var rw = g.x * 64u; var outpos = 0u; var acc = 0u;
  for (var i = 0u; i < SYMS; i += 1u) {
    if (nb < 33u) {
      let w = src[rw & 0xffffu]; rw += 1u;
      if (nb < 32u) { bl |= w << nb; bh = (w >> (31u - nb)) >> 1u; } else { bh |= w << (nb - 32u); }
      nb += 32u;
    }
    let e = tab[bl & 511u];
    let len = (e >> 9u) + 1u;
    bl = (bl >> len) | ((bh << (31u - len)) << 1u);
    bh = bh >> len;
    nb -= len;
    let s = e & 511u;
    lit[outpos & 63u] = s; outpos += 1u; acc = acc * 31u + s;
  }
  out[g.x] = acc; out[32768u + (g.x & 0x7fffu)] = lit[g.x & 63u];
}`;
const spec = 'enable subgroups;\ndiagnostic(off, subgroup_uniformity);\n' + head + `
@compute @workgroup_size(32) fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) g: vec3<u32>, @builtin(subgroup_invocation_id) k: u32, @builtin(subgroup_size) sgs: u32) {
  fill_tab(lid);
  workgroupBarrier();
  let W = min(sgs, 24u);   // window offsets 0 .. W - 1 (24 on a 32-lane subgroup)
  // Every lane keeps the same bit buffer (uniform); nb >= 33 at each window, offsets 0..23 decoded.
  var bl = 0u; var bh = 0u; var nb = 0u; var rw = g.x * 64u; var outpos = 0u; var acc = 0u;
  loop {
    if (outpos >= SYMS) { break; }
    if (nb < 33u) {
      let w = src[rw & 0xffffu]; rw += 1u;
      if (nb < 32u) { bl |= w << nb; bh = (w >> (31u - nb)) >> 1u; } else { bh |= w << (nb - 32u); }
      nb += 32u;
    }
    if (nb < 33u) {
      let w = src[rw & 0xffffu]; rw += 1u;
      if (nb < 32u) { bl |= w << nb; bh = (w >> (31u - nb)) >> 1u; } else { bh |= w << (nb - 32u); }
      nb += 32u;
    }
    let x = select((bl >> k) | ((bh << (31u - k)) << 1u), bl, k == 0u);
    let mine = tab[x & 511u];
    var pos = 0u;
    loop {
      let e = subgroupShuffle(mine, pos);
      let s = e & 511u;
      if (k == 0u) { lit[outpos & 63u] = s; }
      outpos += 1u; acc = acc * 31u + s;
      pos += (e >> 9u) + 1u;
      if (pos >= W || outpos >= SYMS) { break; }
    }
    if (pos == 32u) { bl = bh; bh = 0u; } else { bl = (bl >> pos) | ((bh << (31u - pos)) << 1u); bh = bh >> pos; }
    nb -= pos;
  }
  if (k == 0u) { out[g.x] = acc; out[32768u + (g.x & 0x7fffu)] = lit[g.x & 63u]; }
}`;
// spec_fixed: the same chain as a fixed, unrolled number of steps (ceil(24 / MINLEN) symbols can start in
// a window), each predicated on its position: no loop whose exit depends on a shuffled value.
const STEPS = Math.ceil(24 / MINLEN);
const specFixed = spec.replace(/    var pos = 0u;\n    loop \{[\s\S]*?\n    \}\n    if \(pos == 32u\)/, `    var pos = 0u;
    for (var j = 0u; j < ${STEPS}u; j += 1u) {
      let e = subgroupShuffle(mine, min(pos, 31u));
      if (pos < W && outpos < SYMS) {
        let s = e & 511u;
        if (k == 0u) { lit[outpos & 63u] = s; }
        outpos += 1u; acc = acc * 31u + s;
        pos += (e >> 9u) + 1u;
      }
    }
    if (pos == 32u)`);
if (specFixed === spec) throw new Error('spec_fixed patch did not apply');
// shfl: a chain of SYMS dependent subgroupShuffles alone (the latency of one hop).
const shfl = 'enable subgroups;\ndiagnostic(off, subgroup_uniformity);\n' + head + `
@compute @workgroup_size(32) fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) g: vec3<u32>, @builtin(subgroup_invocation_id) k: u32, @builtin(subgroup_size) sgs: u32) {
  let nextv = (k + 1u + (k * 7u + g.x) % 5u) % sgs;
  var pos = 0u; var acc = 0u;
  for (var i = 0u; i < SYMS; i += 1u) { pos = subgroupShuffle(nextv, pos); acc += pos; }
  if (k == 0u) { out[g.x] = acc + src[g.x]; }
}`;
const src = device.createBuffer({ size: 65536 * 4, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
const words = new Uint32Array(src.size / 4); for (let i = 0; i < words.length; i++) words[i] = Math.imul(i + 1, 2246822519) >>> 0;
device.queue.writeBuffer(src, 0, words);
const out = device.createBuffer({ size: 4 * 65536, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
const qs = device.features.has('timestamp-query') ? device.createQuerySet({ type: 'timestamp', count: 2 }) : null;
const rb = device.createBuffer({ size: 16, usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC });
const rd = device.createBuffer({ size: 16, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
const od = device.createBuffer({ size: 4 * Math.min(GROUPS, 32768), usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
async function run(pipe, bg, read = false) {
  const enc = device.createCommandEncoder();
  const pass = enc.beginComputePass(qs ? { timestampWrites: { querySet: qs, beginningOfPassWriteIndex: 0, endOfPassWriteIndex: 1 } } : {});
  pass.setPipeline(pipe); pass.setBindGroup(0, bg); pass.dispatchWorkgroups(GROUPS); pass.end();
  if (qs) { enc.resolveQuerySet(qs, 0, 2, rb, 0); enc.copyBufferToBuffer(rb, 0, rd, 0, 16); }
  if (read) enc.copyBufferToBuffer(out, 0, od, 0, 4 * Math.min(GROUPS, 32768));
  const t0 = performance.now();
  device.queue.submit([enc.finish()]);
  await device.queue.onSubmittedWorkDone();
  if (read) { await od.mapAsync(GPUMapMode.READ); const v = new Uint32Array(od.getMappedRange().slice(0)); od.unmap(); return v; }
  const wall = performance.now() - t0;
  if (!qs) return wall;
  await rd.mapAsync(GPUMapMode.READ); const t = new BigUint64Array(rd.getMappedRange().slice(0)); rd.unmap();
  return Number(t[1] - t[0]) / 1e6;
}
const variants = { serial };
if (device.features.has('subgroups')) { variants.spec = spec; variants.spec_fixed = specFixed; variants.shfl = shfl; } else console.log('no subgroups');
const pipes = {};
for (const [name, code] of Object.entries(variants)) {
  const module = device.createShaderModule({ code });
  const info = await module.getCompilationInfo(); for (const m of info.messages) if (m.type === 'error') { console.log(name, m.message, m.lineNum); process.exit(1); }
  const pipe = device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' } });
  pipes[name] = [pipe, device.createBindGroup({ layout: pipe.getBindGroupLayout(0), entries: [{ binding: 0, resource: { buffer: src } }, { binding: 1, resource: { buffer: out } }] })];
}
const hashes = {};
for (const name of Object.keys(pipes)) hashes[name] = await run(...pipes[name], true);
for (const v of ['spec', 'spec_fixed']) if (hashes[v]) console.log(v, 'same symbols:', hashes[v].every((x, i) => x === hashes.serial[i]));
for (let pass = 0; pass < 2; pass++) for (const name of Object.keys(pipes)) {
  const ms = [];
  for (let k = 0; k < 5; k++) ms.push(await run(...pipes[name]));
  ms.sort((a, b) => a - b);
  console.log(`${name.padEnd(7)} lengths ${MINLEN}-9, ${SYMS} symbols x ${GROUPS} groups: ${ms[2].toFixed(3)} ms  ${(ms[2] * 1e6 / SYMS).toFixed(2)} ns/symbol (shfl: per hop)`);
}
process.exit(0);
