// lz_scan.wgsl — cuts large LZ4 or Snappy operations into pieces at sequence (element) boundaries, for
// lz_pieces.wgsl (after large_op.wgsl, followed by the format's `step`: lz4_scan.wgsl or snappy_scan.wgsl).
//
// walks: one invocation per segment g (SEG source bytes of one op; g = global_invocation_id.x +
//   global_invocation_id.y * num_workgroups.x * 64): walks the sequences speculatively from the segment's
//   first byte — it may be inside a literal run or an offset, then the walk is garbage until it falls onto
//   the true chain of sequences — recording its first M sequence positions with the output bytes before
//   each, its exit (first sequence position at or past the segment's end) and its output bytes. On real
//   LZ4 data a walk meets the true chain after a median of 24 (text) to 92 (x86 code) bytes
//   (bench/lz4-split.ts --sync).
// check: one invocation per segment k of an op: from the previous segment's walk exit (the op's first byte
//   for k = 0), steps the sequences until it lands on a position segment k's walk recorded (from there the
//   walk is the chain from that entry, so its exit and output bytes carry over), or else to the segment's
//   end. Records the entry, the exit and the output bytes in between.
// join: one invocation per op: follows the true chain from the op's first byte segment by segment. Where the
//   true entry is the one check assumed, the segment costs three loads whose addresses do not depend on the
//   chain (the GPU overlaps them), whether or not check merged (on Snappy's binary streams about 2% of the
//   walks never meet the chain: join used to step those segments itself, 1.6-2.5 ms per 256 MiB batch on
//   the H200); otherwise it steps as check does, from the true entry. At a segment exit that is
//   at least SUB output bytes after the last piece's first byte, still inside the stream, below out_cap and
//   not the stream's last sequence, a piece starts: pieces[slot0 + m] = (source byte, output byte, op, 0);
//   the rest of the op's slots get NONE. Piece 0 starts at (src_byte, 0).
// The format's step(pp, po, end) parses one sequence exactly as the decoder's slow path does (lengths
// saturate at LEN_SAT; a sequence that runs off the stream stops at its end), so on a stream that is valid
// up to a piece's first byte that byte is a true sequence boundary and its output byte the true one; past
// the first error the decoder's outcome no longer depends on the pieces (lz_pieces.wgsl), which only have
// to stay in range and increasing.
//
// Bindings (group 0): 1 src (compressed bytes, little-endian packed), 5 pieces (vec4 per slot), 6 large
//   (LargeOp per op, ascending seg0), 7 walks (WREC words per segment).
// Limits: src byte addresses < 2^32; every loop is bounded by SEG, M, the op's segments or slots (and
//   step's by a constant).

const M: u32 = 128u;          // sequence positions a walk records
// Walk record: exit, output bytes, count, M (position, output) pairs; then check's entry, exit, output
// bytes.
const WREC: u32 = 262u;
const CHK: u32 = 259u;
const LEN_SAT: u32 = 0x7fff0000u;

@group(0) @binding(1) var<storage, read> src: array<u32>;
@group(0) @binding(5) var<storage, read_write> pieces: array<vec4<u32>>;
@group(0) @binding(6) var<storage, read> large: array<LargeOp>;
@group(0) @binding(7) var<storage, read_write> walks: array<u32>;

fn byte_at(p: u32) -> u32 { return (src[p >> 2u] >> ((p & 3u) << 3u)) & 0xffu; }

@compute @workgroup_size(64)
fn walk(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let g = gid.x + gid.y * nwg.x * 64u;
  let op = large[op_of(g)];
  if (g < op.seg0 || g >= op.seg0 + op.nseg) { return; }
  let end = op.src_byte + op.src_len;
  let start = op.src_byte + (g - op.seg0) * SEG;
  let seg_end = min(start + SEG, end);
  let w = g * WREC;
  var p = start;
  var o = 0u;
  var k = 0u;
  // Each step consumes at least one byte.
  for (var it = 0u; it < SEG && p < seg_end; it += 1u) {
    if (k < M) {
      walks[w + 3u + 2u * k] = p;
      walks[w + 4u + 2u * k] = o;
      k += 1u;
    }
    step(&p, &o, end);
  }
  walks[w] = p;
  walks[w + 1u] = o;
  walks[w + 2u] = k;
}

// From entry *pe of segment k (a sequence position below the segment's end), steps the sequences until one
// lands on a position the segment's walk recorded, adding the output bytes to *po; then moves to the walk's
// exit. When none does, *pe ends at the first sequence at or past the segment's end.
fn merge(op: LargeOp, k: u32, pe: ptr<function, u32>, po: ptr<function, u32>) {
  let end = op.src_byte + op.src_len;
  let seg_end = min(op.src_byte + k * SEG + SEG, end);
  let w = (op.seg0 + k) * WREC;
  let n = min(walks[w + 2u], M);
  var e = *pe;
  var o = *po;
  var j = 0u;
  var merged = false;
  // Two pointers over increasing positions: the chain and the walk's records. Each pass either moves j
  // or consumes a sequence of the chain inside this segment.
  for (var it = 0u; it < SEG + M && e < seg_end; it += 1u) {
    if (j < n) {
      let r = walks[w + 3u + 2u * j];
      if (r < e) { j += 1u; continue; }
      if (r == e) { merged = true; break; }
    }
    step(&e, &o, end);
  }
  if (merged) {
    let x = walks[w + 1u];
    o = select(min(o + (x - walks[w + 4u + 2u * j]), LEN_SAT), LEN_SAT, x >= LEN_SAT);
    e = walks[w];
  }
  *pe = e;
  *po = o;
}

@compute @workgroup_size(64)
fn check(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let g = gid.x + gid.y * nwg.x * 64u;
  let op = large[op_of(g)];
  if (g < op.seg0 || g >= op.seg0 + op.nseg) { return; }
  let k = g - op.seg0;
  var e = op.src_byte;
  if (k != 0u) { e = walks[(g - 1u) * WREC]; }
  let entry = e;
  var o = 0u;
  let seg_end = min(op.src_byte + k * SEG + SEG, op.src_byte + op.src_len);
  if (e < seg_end) { merge(op, k, &e, &o); }
  let w = g * WREC + CHK;
  walks[w] = entry;
  walks[w + 1u] = e;
  walks[w + 2u] = o;
}

// Whether the sequence at p (< end) is the stream's last (or runs off it): a piece never starts there, so the
// piece that decodes a stream's last sequence has decoded the match before it too (LZ4's end rules need
// that match's start: lz4.wgsl).
fn last_sequence(p: u32, end: u32) -> bool {
  var q = p;
  var o = 0u;
  step(&q, &o, end);
  return q >= end;
}

@compute @workgroup_size(64)
fn join(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * nwg.x * 64u;
  if (i >= arrayLength(&large)) { return; }
  let op = large[i];
  let end = op.src_byte + op.src_len;
  pieces[op.slot0] = vec4<u32>(op.src_byte, 0u, i, 0u);
  var m = 1u;
  var e = op.src_byte;   // the true chain's next sequence
  var o = 0u;            // output bytes before it
  var next = SUB;
  for (var k = 0u; k < op.nseg; k += 1u) {
    let seg_end = min(op.src_byte + k * SEG + SEG, end);
    let c = (op.seg0 + k) * WREC + CHK;
    let entry = walks[c];
    let exit = walks[c + 1u];
    let bytes = walks[c + 2u];
    if (e >= seg_end) { continue; }   // a literal run jumped over this segment
    if (e == entry) {
      e = exit;
      o = min(o + bytes, LEN_SAT);
    } else {
      merge(op, k, &e, &o);
    }
    if (e < end && o >= next && o < op.out_cap && m < op.nslots && !last_sequence(e, end)) {
      pieces[op.slot0 + m] = vec4<u32>(e, o, i, 0u);
      m += 1u;
      next = o + SUB;
    }
  }
  for (; m < op.nslots; m += 1u) { pieces[op.slot0 + m] = vec4<u32>(NONE, NONE, i, 0u); }
}
