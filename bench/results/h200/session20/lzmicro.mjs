// LZ4 parse in miniature (session 20): where a round of the LZ decoders' time goes. Each workgroup (32
// invocations) parses one 64 KiB text chunk's real LZ4 stream (corpus class `text`), lane 0 serially:
//   global  — every byte straight from the storage buffer (no window, no barrier)
//   window  — from a 256-byte workgroup window lane 0 restages itself when the parse nears its end
//   rounds  — the shipped structure without words: 8 sequences a round into a segment table, then a
//             barrier, all lanes restage the window at the new base, a barrier
//   rounds_sb — rounds with storageBarrier + workgroupUniformLoad as rounds() in lz_words.wgsl
// out[wg] = hash of (positions, offsets) and the output length, checked against the CPU's parse.
import { readFileSync } from 'node:fs';
import { brotliDecompressSync } from 'node:zlib';
import { create, globals } from 'webgpu';
Object.assign(globalThis, globals);
const gpu = create((process.env.DAWN_FLAGS ?? '').split(',').filter(Boolean)); globalThis.keepGpu = gpu;
const adapter = await gpu.requestAdapter();
const feats = ['timestamp-query'].filter((f) => adapter.features.has(f));
const device = await adapter.requestDevice({ requiredFeatures: feats, requiredLimits: { maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize, maxBufferSize: adapter.limits.maxBufferSize } });
const GROUPS = Number(process.argv[2] ?? 132);
const CLS = process.env.CLS ?? 'text';
const all = brotliDecompressSync(readFileSync(new URL('../corpus.br', import.meta.url)));
const mlen = all.readUInt32LE(0);
const manifest = JSON.parse(all.subarray(4, 4 + mlen).toString());
const blob = new Uint8Array(all.buffer, all.byteOffset + 4 + mlen, all.length - 4 - mlen);
const entry = manifest.find((e) => e.name === CLS);
const chunks = entry.lz4['65536'].map(([o, l]) => blob.subarray(o, o + l));
// CPU parse: the same hash the kernels compute.
function cpu(s) {
  let p = 0, pos = 0, acc = 0, n = 0;
  while (p < s.length) {
    const t = s[p++]; let ll = t >> 4;
    if (ll === 15) { let b; do { b = s[p++]; ll += b; } while (b === 255); }
    p += ll; pos += ll; if (p >= s.length) break;
    const off = s[p] | (s[p + 1] << 8); p += 2;
    let ml = t & 15; if (ml === 15) { let b; do { b = s[p++]; ml += b; } while (b === 255); }
    pos += ml + 4; acc = (Math.imul(acc, 31) + off + pos) >>> 0; n++;
  }
  return [(acc ^ pos) >>> 0, n];
}
const want = chunks.map(cpu);
let total = 0; const starts = [];
for (const c of chunks) { starts.push(total); total += Math.ceil(c.length / 4) * 4 + 16; }
const srcBytes = new Uint8Array(total);
chunks.forEach((c, i) => srcBytes.set(c, starts[i]));
const ops = new Uint32Array(chunks.length * 2);
chunks.forEach((c, i) => { ops[2 * i] = starts[i]; ops[2 * i + 1] = c.length; });
const head = `
@group(0) @binding(0) var<storage, read> src: array<u32>;
@group(0) @binding(1) var<storage, read> ops: array<vec2<u32>>;
@group(0) @binding(2) var<storage, read_write> out: array<u32>;
const NOPS: u32 = ${chunks.length}u;
const SEQS: u32 = ${Math.round(want.reduce((s, w) => s + w[1], 0) / want.length)}u;
fn gbyte(p: u32) -> u32 { return (src[p >> 2u] >> ((p & 3u) << 3u)) & 255u; }
var<workgroup> win: array<u32, 64>;
var<workgroup> seg_pos: array<u32, 17>;
var<workgroup> seg_arg: array<u32, 16>;
var<workgroup> wg_base: u32;
var<workgroup> wg_done: u32;
fn wbyte(r: u32) -> u32 { return (win[r >> 2u] >> ((r & 3u) << 3u)) & 255u; }
fn wword(r: u32) -> u32 { let wi = r >> 2u; let sh = (r & 3u) << 3u; return (win[wi] >> sh) | ((win[min(wi + 1u, 63u)] << (31u - sh)) << 1u); }
`;
// The careful step from global memory (extensions, any position): returns false at the end.
const slow = `
  // one sequence from global memory; sets done at the end
  {
    let t = gbyte(p); p += 1u; var ll = t >> 4u;
    if (ll == 15u) { loop { if (p >= end) { break; } let b = gbyte(p); p += 1u; ll += b; if (b != 255u) { break; } } }
    p += ll; pos += ll;
    if (p >= end) { done = true; } else {
      let off = gbyte(p) | (gbyte(p + 1u) << 8u); p += 2u;
      var ml = t & 15u;
      if (ml == 15u) { loop { if (p >= end) { break; } let b = gbyte(p); p += 1u; ml += b; if (b != 255u) { break; } } }
      pos += ml + 4u; acc = acc * 31u + off + pos; n += 1u;
    }
  }`;
const globalK = head + `
@compute @workgroup_size(32) fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) g: vec3<u32>) {
  if (lid != 0u) { return; }
  let op = ops[g.x % NOPS];
  var p = op.x; let end = op.x + op.y; var pos = 0u; var acc = 0u; var n = 0u; var done = false;
  for (var it = 0u; it < 200000u; it += 1u) {
    if (done || p >= end) { break; }
    ${slow}
  }
  out[2u * g.x] = acc ^ pos; out[2u * g.x + 1u] = n;
}`;
// fast step from the window (r = p - base * 4 < lim): token, no extensions, offset inside the window.
const fast = `
    let r = p - (base << 2u);
    var took = false;
    if (r + 3u < lim) {
      let t = wbyte(r); let ll = t >> 4u; let ml = (t & 15u) + 4u; let q = r + 1u + ll;
      if (ll != 15u && ml != 19u && q + 2u <= lim) {
        let off = wword(q) & 0xffffu;
        SEGS
        pos += ll + ml; p = (base << 2u) + q + 2u; acc = acc * 31u + off + pos; n += 1u; took = true;
      }
    }`;
const windowK = head + `
@compute @workgroup_size(32) fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) g: vec3<u32>) {
  if (lid != 0u) { return; }
  let op = ops[g.x % NOPS];
  var p = op.x; let end = op.x + op.y; var pos = 0u; var acc = 0u; var n = 0u; var done = false;
  var base = p >> 2u;
  for (var j = 0u; j < 64u; j += 1u) { win[j] = src[base + j]; }
  for (var it = 0u; it < 200000u; it += 1u) {
    if (done || p >= end) { break; }
    let lim = min(256u, end - (base << 2u));
    ${fast.replace('SEGS', '')}
    if (!took) {
      if (r + 32u >= 256u || r >= lim) {
        base = p >> 2u;
        for (var j = 0u; j < 64u; j += 1u) { win[j] = src[base + j]; }
        continue;
      }
      ${slow}
    }
  }
  out[2u * g.x] = acc ^ pos; out[2u * g.x + 1u] = n;
}`;
const rounds = (sb) => head + `
@compute @workgroup_size(32) fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) g: vec3<u32>) {
  let op = ops[g.x % NOPS];
  var p = op.x; let end = op.x + op.y; var pos = 0u; var acc = 0u; var n = 0u; var done = false;
  var base = p >> 2u;
  for (var j = lid; j < 64u; j += 32u) { win[j] = src[base + j]; }
  for (var round = 0u; round < 200000u; round += 1u) {
    ${sb ? 'storageBarrier();' : ''}
    workgroupBarrier();
    if (lid == 0u) {
      let lim = min(256u, end - (base << 2u));
      var cnt = 0u;
      for (var k = 0u; k < 8u; k += 1u) {
        if (done || p >= end) { done = true; break; }
        ${fast.replace('SEGS', 'seg_pos[cnt] = pos; seg_arg[cnt] = off; cnt += 1u;')}
        if (!took) {
          ${slow}
        }
      }
      seg_pos[16] = cnt;
      base = p >> 2u;
      wg_base = base;
      wg_done = select(0u, 1u, done);
    }
    let d = workgroupUniformLoad(&wg_done);
    let b = wg_base;
    var nx: array<u32, 2>;
    for (var k = 0u; k < 2u; k += 1u) { nx[k] = src[min(b + lid + 32u * k, arrayLength(&src) - 1u)]; }
    for (var k = 0u; k < 2u; k += 1u) { win[lid + 32u * k] = nx[k]; }
    if (d != 0u) { break; }
  }
  if (lid == 0u) { out[2u * g.x] = acc ^ pos; out[2u * g.x + 1u] = n; }
}`;

// rounds_global: rounds of 8 sequences with the same two barriers, lane 0 reading global memory only (no window).
const roundsGlobal = head + `
@compute @workgroup_size(32) fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) g: vec3<u32>) {
  let op = ops[g.x % NOPS];
  var p = op.x; let end = op.x + op.y; var pos = 0u; var acc = 0u; var n = 0u; var done = false;
  for (var round = 0u; round < 200000u; round += 1u) {
    workgroupBarrier();
    if (lid == 0u) {
      for (var k = 0u; k < 8u; k += 1u) {
        if (done || p >= end) { done = true; break; }
        ${slow}
        seg_pos[k] = pos;
      }
      wg_done = select(0u, 1u, done);
    }
    let d = workgroupUniformLoad(&wg_done);
    if (d != 0u) { break; }
  }
  if (lid == 0u) { out[2u * g.x] = acc ^ pos; out[2u * g.x + 1u] = n; }
}`;

// chain: the recurrence alone, token to token through the window (p += 3 + ll, no checks but the window's
// end; a wrong parse past the first extension byte): the least a serial parse can cost per sequence.
const chainK = head + `
@compute @workgroup_size(32) fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) g: vec3<u32>) {
  if (lid != 0u) { return; }
  let op = ops[g.x % NOPS];
  for (var j = 0u; j < 64u; j += 1u) { win[j] = src[(op.x >> 2u) + j]; }
  var r = 0u; var acc = 0u;
  for (var i = 0u; i < SEQS; i += 1u) {
    let t = wbyte(r);
    r = (r + 3u + (t >> 4u)) & 255u;
    acc += t;
  }
  out[2u * g.x] = acc + ops[0].y; out[2u * g.x + 1u] = r;
}`;
// alu: the same loop with a hash in place of the load (calibrates the clock: ~4 dependent integer ops).
const aluK = head + `
@compute @workgroup_size(32) fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) g: vec3<u32>) {
  if (lid != 0u) { return; }
  var r = g.x; var acc = 0u;
  for (var i = 0u; i < SEQS; i += 1u) {
    let t = (r * 2654435761u) >> 24u;
    r = (r + 3u + (t >> 4u)) & 255u;
    acc += t;
  }
  out[2u * g.x] = acc + src[0] + ops[0].x; out[2u * g.x + 1u] = r;
}`;

// lanes: every lane parses its own operation (32 per workgroup: op = workgroup * 32 + lane), straight from
// src, as a parse kernel of a two-kernel design would (one lane per operation, the word builder in another
// kernel). lanes_rec also writes each sequence's record (output position, offset) to rec, as such a kernel
// must. Dispatch GROUPS / 32 workgroups: GROUPS operations in all.
const lanesK = (rec) => head.replace('@group(0) @binding(2) var<storage, read_write> out: array<u32>;', '@group(0) @binding(2) var<storage, read_write> out: array<u32>;\n@group(0) @binding(3) var<storage, read_write> rec: array<vec2<u32>>;') + `
@compute @workgroup_size(32) fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) g: vec3<u32>) {
  let i = g.x * 32u + lid;
  let op = ops[i % NOPS];
  var p = op.x; let end = op.x + op.y; var pos = 0u; var acc = 0u; var n = 0u; var done = false;
  let r0 = i * (SEQS + SEQS / 4u);
  for (var it = 0u; it < 200000u; it += 1u) {
    if (done || p >= end) { break; }
    ${slow}
    ${rec ? 'if (!done) { rec[min(r0 + n, arrayLength(&rec) - 1u)] = vec2<u32>(pos, acc); }' : ''}
  }
  out[2u * i] = acc ^ pos; out[2u * i + 1u] = n;
}`;
// The slow step reads p in global memory; inside rounds the window must be current at each round start:
// rounds' parse never leaves its window by more than it restages (fast steps stay below lim; slow steps
// read global memory).
const variants = { global: globalK, window: windowK, rounds: rounds(false), rounds_sb: rounds(true), rounds_global: roundsGlobal, chain: chainK, alu: aluK, lanes: lanesK(false), lanes_rec: lanesK(true) };
const mk = (data, usage) => { const b = device.createBuffer({ size: Math.ceil(data.byteLength / 16) * 16 + 256, usage: usage | GPUBufferUsage.COPY_DST }); device.queue.writeBuffer(b, 0, data); return b; };
const seqsAvg = Math.round(want.reduce((s, w) => s + w[1], 0) / want.length);
const srcB = mk(srcBytes, GPUBufferUsage.STORAGE);
const opsB = mk(ops, GPUBufferUsage.STORAGE);
const recB = device.createBuffer({ size: Math.min(Math.ceil(GROUPS * seqsAvg * 1.25 + 64) * 8, device.limits.maxStorageBufferBindingSize) & ~15, usage: GPUBufferUsage.STORAGE });
const out = device.createBuffer({ size: 8 * GROUPS, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
const qs = device.features.has('timestamp-query') ? device.createQuerySet({ type: 'timestamp', count: 2 }) : null;
const rb = device.createBuffer({ size: 16, usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC });
const rd = device.createBuffer({ size: 16, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
const od = device.createBuffer({ size: 8 * GROUPS, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
async function run(pipe, bg, read = false) {
  const enc = device.createCommandEncoder();
  const pass = enc.beginComputePass(qs ? { timestampWrites: { querySet: qs, beginningOfPassWriteIndex: 0, endOfPassWriteIndex: 1 } } : {});
  pass.setPipeline(pipe); pass.setBindGroup(0, bg); pass.dispatchWorkgroups(pipe.perLane ? GROUPS / 32 : GROUPS); pass.end();
  if (qs) { enc.resolveQuerySet(qs, 0, 2, rb, 0); enc.copyBufferToBuffer(rb, 0, rd, 0, 16); }
  if (read) enc.copyBufferToBuffer(out, 0, od, 0, 8 * GROUPS);
  const t0 = performance.now();
  device.queue.submit([enc.finish()]);
  await device.queue.onSubmittedWorkDone();
  if (read) { await od.mapAsync(GPUMapMode.READ); const v = new Uint32Array(od.getMappedRange().slice(0)); od.unmap(); return v; }
  const wall = performance.now() - t0;
  if (!qs) return wall;
  await rd.mapAsync(GPUMapMode.READ); const t = new BigUint64Array(rd.getMappedRange().slice(0)); rd.unmap();
  return Number(t[1] - t[0]) / 1e6;
}
const only = process.env.ONLY ? process.env.ONLY.split(',') : Object.keys(variants);
const pipes = {};
for (const name of only) {
  const module = device.createShaderModule({ code: variants[name] });
  const info = await module.getCompilationInfo(); for (const m of info.messages) if (m.type === 'error') { console.log(name, m.message, m.lineNum); process.exit(1); }
  const pipe = device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' } });
  pipe.perLane = name.startsWith('lanes');
  pipes[name] = [pipe, device.createBindGroup({ layout: pipe.getBindGroupLayout(0), entries: (name === 'lanes_rec' ? [srcB, opsB, out, recB] : [srcB, opsB, out]).map((buffer, binding) => ({ binding, resource: { buffer } })) })];
}
const seqs = want.reduce((s, w) => s + w[1], 0) / want.length;
for (const name of Object.keys(pipes).filter((k) => k !== 'chain' && k !== 'alu')) {
  const v = await run(...pipes[name], true);
  let ok = true;
  for (let g = 0; g < GROUPS; g++) { const w = want[g % want.length]; if (v[2 * g] !== w[0] || v[2 * g + 1] !== w[1]) ok = false; }
  console.log(`${name}: same parse as the CPU: ${ok}${ok ? '' : ` (wg0 ${v[0]} ${v[1]} want ${want[0]})`}`);
}
for (let pass = 0; pass < 2; pass++) for (const name of Object.keys(pipes)) {
  const ms = [];
  for (let k = 0; k < 5; k++) ms.push(await run(...pipes[name]));
  ms.sort((a, b) => a - b);
  console.log(`${name.padEnd(10)} ${CLS} ${GROUPS} workgroups, ${seqs.toFixed(0)} sequences each: ${ms[2].toFixed(3)} ms  ${(ms[2] * 1e6 / seqs).toFixed(1)} ns/sequence`);
}
process.exit(0);
