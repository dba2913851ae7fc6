// The first stage a cooperative LZ4 decoder would need for one large operation: a serial scan of its
// tokens that finds the sequence boundaries every 64 KiB of output (so that several workgroups could then
// decode the sub-chunks). One invocation per operation walks every token (length-extension bytes
// included), skips literals and offsets, and writes (source byte, output byte) checkpoints into its
// output region; results follow the decoders' contract ([bytes, status]: TRUNCATED when the stream ends
// inside a sequence), so bench/decompress.ts's kernelOnly times it as it times a decoder.
// Bindings: those of shaders/decoder_io.wgsl. Every loop is bounded by the stream's length.

export const LZ4_SCAN_WGSL = /* wgsl */ `
struct DecodeOp { src_byte: u32, src_len: u32, out_word: u32, out_cap: u32 }
@group(0) @binding(0) var<storage, read> ops: array<DecodeOp>;
@group(0) @binding(1) var<storage, read> src: array<u32>;
@group(0) @binding(2) var<storage, read_write> out: array<u32>;
@group(0) @binding(3) var<storage, read_write> results: array<u32>;

const SUB: u32 = 65536u;

fn byte_at(p: u32) -> u32 { return (src[p >> 2u] >> ((p & 3u) << 3u)) & 0xffu; }

@compute @workgroup_size(1)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = wid.x + wid.y * nwg.x;
  if (i >= arrayLength(&ops)) { return; }
  let op = ops[i];
  let end = op.src_byte + op.src_len;
  let marks = op.out_cap / 8u;
  var p = op.src_byte;
  var o = 0u;
  var next = 0u;
  var m = 0u;
  var st = 2u;
  // Each pass of a loop consumes at least one source byte.
  for (var it = 0u; it < op.src_len && p < end; it += 1u) {
    if (o >= next && m < marks) {
      out[op.out_word + 2u * m] = p;
      out[op.out_word + 2u * m + 1u] = o;
      m += 1u;
      next = o + SUB;
    }
    let t = byte_at(p);
    p += 1u;
    var ll = t >> 4u;
    if (ll == 15u) {
      for (; p < end; ) {
        let b = byte_at(p);
        p += 1u;
        ll += b;
        if (b != 255u) { break; }
      }
    }
    o += ll;
    p += ll;
    if (p >= end) {
      st = select(0u, 2u, p > end);
      break;
    }
    p += 2u;
    var ml = t & 15u;
    if (ml == 15u) {
      for (; p < end; ) {
        let b = byte_at(p);
        p += 1u;
        ml += b;
        if (b != 255u) { break; }
      }
    }
    o += ml + 4u;
  }
  results[2u * i] = o;
  results[2u * i + 1u] = st;
}
`;

// The same boundaries found in parallel: every SEG bytes of source, one invocation walks the tokens
// speculatively from the segment's first byte (walks), recording its first M token positions with the
// output bytes before each, its exit (first token position at or past the segment's end) and its output
// bytes; then one invocation per operation (join) follows the true chain into each segment only until it
// lands on a recorded position — from there the speculative walk is the true chain, so its exit and
// output count carry over — or, if it never does, walks the segment itself. On the corpus a walk started
// at an arbitrary byte meets the true boundaries after a median of 24 (text) to 92 (x86 code) bytes
// (bench/lz4-split.ts --sync), so the serial part is a few tokens per segment. Checkpoints (source byte,
// output byte) go out at segment exits, each at least SUB output bytes after the previous one.
// Bindings: segs (op, first source byte) per segment, ops {src_byte, src_len, first segment, segments},
// src, walks (WREC words per segment), marks (MARKS pairs per op), results [output bytes, status] per op.
export const SEG = 4096;
export const M = 32;
export const MARKS = 128;
const WREC = 3 + 2 * M;

const SCAN_COMMON = /* wgsl */ `
struct ScanOp { src_byte: u32, src_len: u32, seg0: u32, nseg: u32 }
@group(0) @binding(0) var<storage, read> segs: array<vec2<u32>>;
@group(0) @binding(1) var<storage, read> ops: array<ScanOp>;
@group(0) @binding(2) var<storage, read> src: array<u32>;
@group(0) @binding(3) var<storage, read_write> walks: array<u32>;
const SEG: u32 = ${SEG}u;
const M: u32 = ${M}u;
const WREC: u32 = ${WREC}u;
const MARKS: u32 = ${MARKS}u;
const SUB: u32 = 65536u;

fn byte_at(p: u32) -> u32 { return (src[p >> 2u] >> ((p & 3u) << 3u)) & 0xffu; }

// One token at *pp (< end): advances *pp past it and *po by its output bytes. A position past \`end\`
// afterwards means the stream ended inside the sequence; one at \`end\` after the literals is the last.
fn step(pp: ptr<function, u32>, po: ptr<function, u32>, end: u32) {
  var p = *pp;
  let t = byte_at(p);
  p += 1u;
  var ll = t >> 4u;
  if (ll == 15u) {
    for (; p < end; ) {
      let b = byte_at(p);
      p += 1u;
      ll += b;
      if (b != 255u) { break; }
    }
  }
  p += ll;
  var o = *po + ll;
  if (p < end) {
    p += 2u;
    var ml = t & 15u;
    if (ml == 15u) {
      for (; p < end; ) {
        let b = byte_at(p);
        p += 1u;
        ml += b;
        if (b != 255u) { break; }
      }
    }
    o += ml + 4u;
  }
  *pp = p;
  *po = o;
}
`;

export const LZ4_WALKS_WGSL = SCAN_COMMON + /* wgsl */ `
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let g = gid.x + gid.y * nwg.x * 64u;
  if (g >= arrayLength(&segs)) { return; }
  let s = segs[g];
  let op = ops[s.x];
  let end = op.src_byte + op.src_len;
  let seg_end = min(s.y + SEG, end);
  let w = g * WREC;
  var p = s.y;
  var o = 0u;
  var n = 0u;
  // Each step consumes at least one byte.
  for (var it = 0u; it < SEG && p < seg_end; it += 1u) {
    if (n < M) {
      walks[w + 3u + 2u * n] = p;
      walks[w + 4u + 2u * n] = o;
      n += 1u;
    }
    step(&p, &o, end);
  }
  walks[w] = p;
  walks[w + 1u] = o;
  walks[w + 2u] = n;
}
`;

export const LZ4_JOIN_WGSL = SCAN_COMMON + /* wgsl */ `
@group(0) @binding(4) var<storage, read_write> marks: array<u32>;
@group(0) @binding(5) var<storage, read_write> results: array<u32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * nwg.x * 64u;
  if (i >= arrayLength(&ops)) { return; }
  let op = ops[i];
  let end = op.src_byte + op.src_len;
  var e = op.src_byte;   // the true chain's next token
  var o = 0u;            // output bytes before it
  var m = 0u;
  var next = 0u;
  for (var k = 0u; k < op.nseg; k += 1u) {
    let s = segs[op.seg0 + k];
    let seg_end = min(s.y + SEG, end);
    if (e >= seg_end) { continue; }   // a literal run or the end of the stream jumped over this segment
    let w = (op.seg0 + k) * WREC;
    let n = walks[w + 2u];
    var j = 0u;
    var merged = false;
    // Two pointers over increasing positions: the true chain and the walk's records. Each pass either
    // moves j or consumes a token of the true chain, inside this segment.
    for (var it = 0u; it < SEG + M && e < seg_end; it += 1u) {
      let r = walks[w + 3u + 2u * min(j, M - 1u)];
      if (j < n && r < e) { j += 1u; continue; }
      if (j < n && r == e) { merged = true; break; }
      step(&e, &o, end);
    }
    if (merged) {
      o += walks[w + 1u] - walks[w + 4u + 2u * j];
      e = walks[w];
    }
    if (e <= end && o >= next && m < MARKS) {
      marks[i * MARKS * 2u + 2u * m] = e;
      marks[i * MARKS * 2u + 2u * m + 1u] = o;
      m += 1u;
      next = o + SUB;
    }
  }
  results[2u * i] = o;
  results[2u * i + 1u] = select(2u, 0u, e == end);
}
`;

/**
 * The parallel boundary scan on the GPU: walks, then join, `reps` times after one checked run. Returns
 * ms per run (both dispatches) and the checkpoints of the checked run, per operation [source byte - the
 * operation's first byte, output byte].
 */
export async function parallelScan(device: GPUDevice, comp: Uint8Array[], reps: number, count = comp.length): Promise<{ ms: number; marks: [number, number][][]; out: number[]; status: number[] }> {
  const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST;
  const offs: number[] = [];
  let total = 0;
  for (const c of comp) offs.push(total), (total += Math.ceil(c.length / 4) * 4);
  const src = device.createBuffer({ size: Math.max(16, total), usage });
  comp.forEach((c, k) => {
    const padded = new Uint8Array(Math.ceil(c.length / 4) * 4);
    padded.set(c);
    device.queue.writeBuffer(src, offs[k], padded);
  });
  const segList: number[] = [];
  const opTable = new Uint32Array(count * 4);
  for (let i = 0; i < count; i++) {
    const k = i % comp.length;
    const nseg = Math.max(1, Math.ceil(comp[k].length / SEG));
    opTable.set([offs[k], comp[k].length, segList.length / 2, nseg], i * 4);
    for (let s = 0; s < nseg; s++) segList.push(i, offs[k] + s * SEG);
  }
  const nsegs = segList.length / 2;
  const buf = (data: Uint32Array<ArrayBuffer> | number, extra = 0) => {
    const size = typeof data === 'number' ? data : data.byteLength;
    const b = device.createBuffer({ size: Math.max(16, size), usage: usage | extra });
    if (typeof data !== 'number') device.queue.writeBuffer(b, 0, data);
    return b;
  };
  const segs = buf(new Uint32Array(segList));
  const ops = buf(opTable);
  const walks = buf(nsegs * WREC * 4);
  const marks = buf(count * MARKS * 8, GPUBufferUsage.COPY_SRC);
  const results = buf(count * 8, GPUBufferUsage.COPY_SRC);
  const pipe = (code: string) => device.createComputePipeline({ layout: 'auto', compute: { module: device.createShaderModule({ code }), entryPoint: 'main' } });
  const pw = pipe(LZ4_WALKS_WGSL);
  const pj = pipe(LZ4_JOIN_WGSL);
  const gw = device.createBindGroup({ layout: pw.getBindGroupLayout(0), entries: [segs, ops, src, walks].map((buffer, binding) => ({ binding, resource: { buffer } })) });
  const gj = device.createBindGroup({ layout: pj.getBindGroupLayout(0), entries: [segs, ops, src, walks, marks, results].map((buffer, binding) => ({ binding, resource: { buffer } })) });
  const grid = (n: number): [number, number] => {
    const g = Math.ceil(n / 64);
    const x = Math.min(g, 65535);
    return [x, Math.ceil(g / x)];
  };
  const run = () => {
    const e = device.createCommandEncoder();
    const pass = e.beginComputePass();
    pass.setPipeline(pw);
    pass.setBindGroup(0, gw);
    pass.dispatchWorkgroups(...grid(nsegs));
    pass.setPipeline(pj);
    pass.setBindGroup(0, gj);
    pass.dispatchWorkgroups(...grid(count));
    pass.end();
    device.queue.submit([e.finish()]);
  };
  run();
  const read = async (b: GPUBuffer, size: number) => {
    const rb = device.createBuffer({ size, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    const enc = device.createCommandEncoder();
    enc.copyBufferToBuffer(b, 0, rb, 0, size);
    device.queue.submit([enc.finish()]);
    await rb.mapAsync(GPUMapMode.READ);
    const v = new Uint32Array(rb.getMappedRange().slice(0));
    rb.destroy();
    return v;
  };
  const res = await read(results, count * 8);
  const mk = await read(marks, count * MARKS * 8);
  const out: number[] = [];
  const status: number[] = [];
  const allMarks: [number, number][][] = [];
  for (let i = 0; i < count; i++) {
    out.push(res[2 * i]);
    status.push(res[2 * i + 1]);
    const list: [number, number][] = [];
    let last = -1;
    for (let m = 0; m < MARKS; m++) {
      const p = mk[i * MARKS * 2 + 2 * m];
      const o = mk[i * MARKS * 2 + 2 * m + 1];
      if (m > 0 && o <= last) break;   // unwritten (zero) entries
      list.push([p - opTable[i * 4], o]);
      last = o;
    }
    allMarks.push(list);
  }
  const t = performance.now();
  for (let r = 0; r < reps; r++) run();
  await device.queue.onSubmittedWorkDone();
  const ms = (performance.now() - t) / reps;
  for (const b of [src, segs, ops, walks, marks, results]) b.destroy();
  return { ms, marks: allMarks, out, status };
}

/** Output offset of every true token start of an LZ4 block (CPU), for checking checkpoints: Map position -> output byte. */
export function tokenStarts(s: Uint8Array): Map<number, number> {
  const m = new Map<number, number>();
  let p = 0;
  let o = 0;
  while (p < s.length) {
    m.set(p, o);
    const t = s[p++];
    let ll = t >> 4;
    if (ll === 15) for (let b = 255; b === 255 && p < s.length; ) (b = s[p++]), (ll += b);
    p += ll;
    o += ll;
    if (p >= s.length) break;
    p += 2;
    let ml = t & 15;
    if (ml === 15) for (let b = 255; b === 255 && p < s.length; ) (b = s[p++]), (ml += b);
    o += ml + 4;
  }
  m.set(p, o);
  return m;
}
