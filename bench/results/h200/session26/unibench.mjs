// A Deflate-like serial decode in miniature, run by one lane of a warp (`serial`, as inflate.wgsl's leader)
// or by all 32 lanes on the same data (`all32`: the same instructions, every value uniform at run time but
// not provably so), or all 32 with every table load made uniform by subgroupBroadcastFirst (`bcast`: the
// compiler can know the chain's values and branches are uniform across the warp). Each step looks up a
// symbol (lengths 5-9); a symbol >= 256 (about half) is a "match": extra bits, a second lookup in a
// distance table and its extra bits, as a Deflate match takes. out[] holds a hash of the symbols, which
// must match across variants. ns per symbol at 132 workgroups (one a SM: the chain's latency) and 4096.
import { create, globals } from 'webgpu';
Object.assign(globalThis, globals);
const gpu = create((process.env.DAWN_FLAGS ?? '').split(',').filter(Boolean)); globalThis.keepGpu = gpu;
const adapter = await gpu.requestAdapter();
const feats = ['timestamp-query', 'subgroups'].filter((f) => adapter.features.has(f));
const device = await adapter.requestDevice({ requiredFeatures: feats });
const SYMS = Number(process.argv[2] ?? (1 << 18));
const body = (lanes, bc) => `
@group(0) @binding(0) var<storage, read> src: array<u32>;
@group(0) @binding(1) var<storage, read_write> out: array<u32>;
var<workgroup> tab: array<u32, 512>;
var<workgroup> dtab: array<u32, 256>;
var<workgroup> lit: array<u32, 64>;
@compute @workgroup_size(32) fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) g: vec3<u32>) {
  for (var i = lid; i < 512u; i += 32u) { let h = i * 2654435761u; tab[i] = ((h >> 8u) & 511u) | ((4u + (h >> 20u) % 5u) << 9u); }
  for (var i = lid; i < 256u; i += 32u) { let h = (i + 7u) * 2246822519u; dtab[i] = ((h >> 8u) & 31u) | ((4u + (h >> 20u) % 4u) << 9u); }
  workgroupBarrier();
  ${lanes === 1 ? 'if (lid != 0u) { return; }' : ''}
  var bl = 0u; var bh = 0u; var nb = 0u; var rw = g.x * 64u; var outpos = 0u; var acc = 0u;
  for (var i = 0u; i < ${SYMS}u; i += 1u) {
    if (nb <= 32u) {
      let w = src[rw & 0xffffu]; rw += 1u;
      if (nb == 0u) { bl = w; } else if (nb == 32u) { bh = w; } else { bl = bl | (w << nb); bh = w >> (32u - nb); }
      nb += 32u;
    }
    let e = ${bc('tab[bl & 511u]')};
    let len = (e >> 9u) + 1u;
    bl = (bl >> len) | (bh << (32u - len)); bh = bh >> len; nb -= len;
    let s = e & 511u;
    if (s < 256u) {
      lit[outpos & 63u] = s; outpos += 1u; acc = acc * 31u + s;
      continue;
    }
    // A match: up to 5 extra length bits, a distance symbol, up to 13 extra distance bits.
    let xb = s & 3u;
    let ln = (s & 63u) + (bl & ((1u << xb) - 1u));
    bl = (bl >> xb) | (bh << (32u - xb)); bh = bh >> xb; nb -= xb;
    if (nb <= 32u) {
      let w = src[rw & 0xffffu]; rw += 1u;
      if (nb == 0u) { bl = w; } else if (nb == 32u) { bh = w; } else { bl = bl | (w << nb); bh = w >> (32u - nb); }
      nb += 32u;
    }
    let d = ${bc('dtab[bl & 255u]')};
    let dl = (d >> 9u) + 1u;
    let dx = (d & 31u) % 14u;
    let dist = (d & 31u) + ((bl >> dl) & ((1u << dx) - 1u));
    let n = dl + dx;
    bl = select((bl >> n) | (bh << (32u - n)), bh, n == 32u); bh = select(bh >> n, 0u, n == 32u); nb -= n;
    outpos += ln; acc = acc * 31u + ln * 65536u + dist;
  }
  ${lanes === 1 ? '' : 'if (lid == 0u) {'} out[g.x] = acc; out[32768u + (g.x & 0x7fffu)] = lit[g.x & 63u]; ${lanes === 1 ? '' : '}'}
}`;
const variants = { serial: body(1, (x) => x), all32: body(32, (x) => x) };
if (device.features.has('subgroups')) variants.bcast = 'enable subgroups;\ndiagnostic(off, subgroup_uniformity);\n' + body(32, (x) => `subgroupBroadcastFirst(${x})`);
else console.log('no subgroups');
const src = device.createBuffer({ size: 65536 * 4, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
const words = new Uint32Array(src.size / 4); for (let i = 0; i < words.length; i++) words[i] = Math.imul(i + 1, 2246822519) >>> 0;
device.queue.writeBuffer(src, 0, words);
const out = device.createBuffer({ size: 4 * 65536, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
const qs = device.features.has('timestamp-query') ? device.createQuerySet({ type: 'timestamp', count: 2 }) : null;
const rb = device.createBuffer({ size: 16, usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC });
const rd = device.createBuffer({ size: 16, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
const od = device.createBuffer({ size: 4 * 4096, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
async function run(pipe, bg, groups, read = false) {
  const enc = device.createCommandEncoder();
  const pass = enc.beginComputePass(qs ? { timestampWrites: { querySet: qs, beginningOfPassWriteIndex: 0, endOfPassWriteIndex: 1 } } : {});
  pass.setPipeline(pipe); pass.setBindGroup(0, bg); pass.dispatchWorkgroups(groups); pass.end();
  if (qs) { enc.resolveQuerySet(qs, 0, 2, rb, 0); enc.copyBufferToBuffer(rb, 0, rd, 0, 16); }
  if (read) enc.copyBufferToBuffer(out, 0, od, 0, 4 * groups);
  const t0 = performance.now();
  device.queue.submit([enc.finish()]);
  await device.queue.onSubmittedWorkDone();
  if (read) { await od.mapAsync(GPUMapMode.READ); const v = new Uint32Array(od.getMappedRange().slice(0, 4 * groups)); od.unmap(); return v; }
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
const ref = await run(...pipes.serial, 256, true);
for (const name of Object.keys(pipes)) {
  const h = await run(...pipes[name], 256, true);
  console.log(name, 'same symbols as serial:', h.every((x, i) => x === ref[i]));
}
for (let pass = 0; pass < 2; pass++) for (const groups of [132, 4096]) for (const name of Object.keys(pipes)) {
  const ms = [];
  for (let k = 0; k < 5; k++) ms.push(await run(...pipes[name], groups));
  ms.sort((a, b) => a - b);
  console.log(`pass ${pass} ${name.padEnd(7)} ${SYMS} symbols x ${String(groups).padStart(4)} groups: ${ms[2].toFixed(3)} ms  ${(ms[2] * 1e6 / SYMS).toFixed(2)} ns/symbol`);
}
process.exit(0);
