// snappy.wgsl — decodes raw Snappy streams WITHOUT the varint uncompressed-length preamble (CUDA strips it:
// the stream starts directly with the first tag), one workgroup per operation.
//
// Computes, for op i = workgroup_id.x + workgroup_id.y * num_workgroups.x (i < arrayLength(&ops)):
//   the elements of src[src_byte .. src_byte + src_len) decoded into op i's output region,
//   results[2i] = bytes produced, results[2i+1] = status.
// Elements (google/snappy format_description.txt), by the tag byte's low 2 bits:
//   00 literal, length-1 in the upper 6 bits; 60..63 there mean 1..4 little-endian length-1 bytes follow
//   01 copy, length 4..11 (bits 2..4), 11-bit offset (bits 5..7 high, one byte low)
//   10 copy, length 1..64 (upper 6 bits + 1), 2-byte little-endian offset
//   11 copy, length 1..64, 4-byte little-endian offset
// The stream ends when the input is consumed after a whole element.
//
// Bindings (group 0):
//   0 ops:     array<DecodeOp>  {src_byte, src_len, out_word, out_cap} per op (read)
//   1 src:     array<u32>       compressed bytes, little-endian packed: byte b = (src[b>>2] >> ((b&3)*8)) & 0xff
//   2 out:     array<u32>       op i writes only words out[out_word ..] covering out_cap bytes (region padded
//                               to 16 bytes); it must be zero on entry; bytes past results[2i] stay zero
//   3 results: array<u32>       2 words per op, written by the op's invocation 0 at the end
//
// Status codes (shared by the lz4/snappy/deflate decoders):
//   0 OK              input consumed at an element boundary (src_len == 0 gives 0 bytes, OK)
//   1 OUTPUT_OVERFLOW output would exceed out_cap: the first out_cap bytes are written, results[2i] = out_cap
//   2 TRUNCATED       an element needs bytes past src_len (a literal that is cut off is written as far as
//                     it goes)
//   3 BAD_BLOCK_TYPE, 4 BAD_HUFFMAN, 6 BAD_STORED_LEN: deflate only, never set here
//   5 BAD_DISTANCE    copy offset 0, or an offset larger than the bytes produced so far
//   7 BAD_SYMBOL      a literal length of 2^32 (4 length bytes of 0xff), which no valid stream can hold
//   On error results[2i] = output bytes fully written before the error (they are correct).
//
// Limits: out_cap < 2^31 and src byte addresses < 2^32; src_len may be 0. Every loop is bounded by
// src_len, out_cap or a constant, and reads/writes are clamped to the op's own ranges, so any byte string
// terminates without touching other ops' data.
//
// How (one batch of elements per round, all phases separated by barriers):
//  1. All invocations decode, speculatively, an element at EVERY byte position of a 1 KiB window of the
//     source staged in workgroup memory: tbl[r] = where the next tag would be | output length, and
//     tbl_off[r] = its copy offset.
//  2. Invocation 0 follows the chain tbl[r] from the real parse position: one workgroup-memory load per
//     element, so the serial part is short. Copies right after a copy of the same offset are merged into
//     it (out[x] = out[x - d] holds across both): encoders split long matches into 64-byte copies, and a
//     run of them (RLE of zeros) becomes one segment instead of a chain that every byte would have to walk
//     back through. An element that does not fit the window (long literal, truncation, output overflow)
//     ends the chain; if it is the first one, invocation 0 decodes it alone with the careful serial parser
//     ("slow path"), which sets every status.
//  3. All invocations turn the chained elements into a sorted segment table in parallel (literal: source
//     byte; copy: distance) and check the offsets (the first bad one ends the batch).
//  4. All invocations build whole 32-bit output words of the batch. A byte of a copy whose source lies
//     inside the same batch is traced back through earlier segments
//     (pos -> start - dist + (pos - start) % dist) until it lands in a literal (read from src) or before
//     the batch (read from out, written and made visible by the previous round). Runs of bytes that stay
//     contiguous along that trace are resolved together, so an ordinary word costs one trace and two
//     loads. The partial word at the batch boundary is carried in workgroup memory, so no word is ever
//     written by two invocations and no atomics are needed on `out`. The next window is staged here.
// (Phases 1-3 differ from lz4.wgsl; phase 4 is the same code.)

struct DecodeOp {
  src_byte: u32,
  src_len: u32,
  out_word: u32,
  out_cap: u32,
}

@group(0) @binding(0) var<storage, read> ops: array<DecodeOp>;
@group(0) @binding(1) var<storage, read> src: array<u32>;
@group(0) @binding(2) var<storage, read_write> out: array<u32>;
@group(0) @binding(3) var<storage, read_write> results: array<u32>;

const WG: u32 = 64u;          // invocations per workgroup
const WIN_WORDS: u32 = 256u;  // staged source window (1 KiB)
const WB: u32 = 1024u;        // window bytes = WIN_WORDS * 4
const NSEQ: u32 = 256u;       // elements (= segments) per batch
const NSEG: u32 = 256u;
const NEXT_MASK: u32 = 0xfffu;

const ST_OK: u32 = 0u;
const ST_OUTPUT_OVERFLOW: u32 = 1u;
const ST_TRUNCATED: u32 = 2u;
const ST_BAD_DISTANCE: u32 = 5u;
const ST_BAD_SYMBOL: u32 = 7u;

var<workgroup> win: array<u32, WIN_WORDS>;  // src words [wg_base, wg_base + WIN_WORDS)
// Speculative decode per window byte r: (position after the element) | (output bytes << 12); 0 = the
// element does not fit the window. tbl_off[r]: copy offset, 0 for a literal.
var<workgroup> tbl: array<u32, WB>;
var<workgroup> tbl_off: array<u32, WB>;
var<workgroup> seq_r: array<u32, NSEQ>;         // window position of each chained element
var<workgroup> seq_o: array<u32, NSEQ + 1u>;    // its output position; [n] = batch end
// Segment k covers output bytes [seg_pos[k] >> 1, seg_pos[k+1] >> 1) (relative to the op's output).
// Bit 0 set: literal, seg_arg = absolute src byte of its first byte. Clear: copy, seg_arg = distance.
var<workgroup> seg_pos: array<u32, NSEG + 1u>;
var<workgroup> seg_arg: array<u32, NSEG>;
var<workgroup> tail: array<u32, 2>;        // partial last word of the previous batch (double-buffered)
var<workgroup> wg_base: u32;               // window base (absolute src word)
var<workgroup> wg_p: u32;                  // parse position (absolute src byte)
var<workgroup> wg_nseq: u32;               // segments chained this round; 0: the slow path ran
var<workgroup> wg_bad: atomic<u32>;        // first element with a bad offset
var<workgroup> wg_b0: u32;                 // batch output range [wg_b0, wg_b1)
var<workgroup> wg_b1: u32;
var<workgroup> wg_cnt: u32;                // segments in the batch
var<workgroup> wg_done: u32;

// Per-op constants (every invocation).
var<private> g_src_byte: u32;
var<private> g_src_end: u32;
var<private> g_src_last_word: u32;
var<private> g_out_word: u32;
var<private> g_out_cap: u32;

// Parser state (invocation 0 only); it persists across batches in registers.
var<private> ps_p: u32;        // next compressed byte (absolute)
var<private> ps_pos: u32;      // output bytes produced
var<private> ps_status: u32;
var<private> ps_done: bool;
var<private> ps_win_base: u32;
var<private> ps_r_end: u32;    // window position where the chain stopped

// Copy-phase view of the batch (every invocation).
var<private> c_b0: u32;
var<private> c_head: u32;      // word holding bytes [b0 & ~3, b0), written by the previous batch

fn src_word(wi: u32) -> u32 {
  // Clamped to the op's own words; bytes past src_end in the last word are never used.
  return src[min(wi, g_src_last_word)];
}

// Window byte r (r < WB).
fn wbyte(r: u32) -> u32 {
  return (win[r >> 2u] >> ((r & 3u) << 3u)) & 0xffu;
}

// ---- phase 1: speculative decode ----------------------------------------------------------------------

// The element at window byte r, if its tag, length/offset bytes and literal bytes all lie below `lim`
// (the window end, or the input end if that comes first).
fn spec(r: u32, lim: u32) -> u32 {
  let tag = wbyte(r);
  var q = r + 1u;
  var len: u32;
  var off = 0u;
  let kind = tag & 3u;
  if (kind == 0u) {
    len = (tag >> 2u) + 1u;
    if (len > 60u) {
      let k = len - 60u;
      if (q + k > lim) { return 0u; }
      var v = 0u;
      for (var j = 0u; j < k; j += 1u) { v |= wbyte(q + j) << (j << 3u); }
      if (v >= WB) { return 0u; }   // longer than the window (or 2^32): slow path
      len = v + 1u;
      q += k;
    }
    q += len;
    if (q > lim) { return 0u; }
  } else {
    let k = select(kind, 4u, kind == 3u);   // offset bytes: 1, 2 or 4
    if (q + k > lim) { return 0u; }
    if (kind == 1u) {
      len = ((tag >> 2u) & 7u) + 4u;
      off = ((tag >> 5u) << 8u) | wbyte(q);
    } else {
      len = (tag >> 2u) + 1u;
      off = wbyte(q) | (wbyte(q + 1u) << 8u);
      if (kind == 3u) { off |= (wbyte(q + 2u) << 16u) | (wbyte(q + 3u) << 24u); }
    }
    q += k;
  }
  tbl_off[r] = off;
  return q | (len << 12u);
}

// ---- phase 2: chain (invocation 0) -------------------------------------------------------------------

fn chain(r0: u32, lim: u32) -> u32 {
  var r = r0;
  var pos = ps_pos;
  var n = 0u;
  var last_off = 0u;   // offset of the last segment when it is a copy, else 0
  loop {
    if (n >= NSEQ || r >= lim) { break; }
    let e = tbl[r];
    if (e == 0u) { break; }
    let len = e >> 12u;
    if (len > g_out_cap - pos) { break; }   // the slow path clips it
    let off = tbl_off[r];
    if (off == 0u || off != last_off) {
      seq_r[n] = r;
      seq_o[n] = pos;
      n += 1u;
    }
    last_off = off;
    pos += len;
    r = e & NEXT_MASK;
  }
  seq_o[n] = pos;
  ps_r_end = r;
  return n;
}

// ---- slow path (invocation 0): one element, any length, every error -------------------------------

// Byte p of the compressed stream (absolute address, caller checked p < src_end).
fn pbyte(p: u32) -> u32 {
  let wi = p >> 2u;
  let k = wi - ps_win_base;
  var w: u32;
  if (k < WIN_WORDS) { w = win[k]; } else { w = src_word(wi); }
  return (w >> ((p & 3u) << 3u)) & 0xffu;
}

// Little-endian value of the k (1..4) bytes at p (caller checked they are inside the input).
fn pbytes(p: u32, k: u32) -> u32 {
  var v = 0u;
  for (var j = 0u; j < k; j += 1u) { v |= pbyte(p + j) << (j << 3u); }
  return v;
}

fn finish(st: u32) {
  ps_status = st;
  ps_done = true;
}

// Writes the segment of one element (cut at the end of input or output) and sets the status when the
// stream ends or fails. Returns the number of segments written (0 or 1).
fn slow_one(at: u32) -> u32 {
  var p = ps_p;
  if (p >= g_src_end) { finish(ST_OK); return 0u; }
  let tag = pbyte(p);
  p += 1u;
  let avail = g_src_end - p;
  let kind = tag & 3u;
  if (kind == 0u) {
    var len = (tag >> 2u) + 1u;
    if (len > 60u) {
      let k = len - 60u;   // 1..4 length bytes
      if (avail < k) { finish(ST_TRUNCATED); return 0u; }
      let v = pbytes(p, k);
      if (v == 0xffffffffu) { finish(ST_BAD_SYMBOL); return 0u; }
      len = v + 1u;
      p += k;
    }
    // Literal, cut at the end of the input or of the output.
    let n = min(len, min(g_src_end - p, g_out_cap - ps_pos));
    var cnt = 0u;
    if (n != 0u) {
      seg_pos[at] = (ps_pos << 1u) | 1u;
      seg_arg[at] = p;
      cnt = 1u;
      ps_pos += n;
    }
    if (n < len) {
      finish(select(ST_OUTPUT_OVERFLOW, ST_TRUNCATED, len > g_src_end - p));
    }
    ps_p = p + n;
    return cnt;
  }
  let k = select(kind, 4u, kind == 3u);
  if (avail < k) { finish(ST_TRUNCATED); return 0u; }
  var len: u32;
  var off: u32;
  if (kind == 1u) {
    len = ((tag >> 2u) & 7u) + 4u;
    off = ((tag >> 5u) << 8u) | pbyte(p);
  } else {
    len = (tag >> 2u) + 1u;
    off = pbytes(p, k);
  }
  p += k;
  if (off == 0u || off > ps_pos) { finish(ST_BAD_DISTANCE); return 0u; }
  let m = min(len, g_out_cap - ps_pos);
  var cnt = 0u;
  if (m != 0u) {
    seg_pos[at] = ps_pos << 1u;
    seg_arg[at] = off;
    cnt = 1u;
    ps_pos += m;
  }
  ps_p = p;
  if (m < len) { finish(ST_OUTPUT_OVERFLOW); }
  return cnt;
}

// The common element, decoded straight from the window: a literal of at most 60 bytes or a copy with a
// 1- or 2-byte offset, all of it below `lim`, a valid offset and room for the output. Returns the segments
// written, or NO_FAST (nothing changed) when slow_one must decode it. A copy right after a copy of the
// same distance extends it (encoders split long matches into 64-byte copies), so it writes none.
fn fast_one(at: u32, lim: u32) -> u32 {
  let base4 = ps_win_base << 2u;
  let r = ps_p - base4;
  if (r >= lim) { return NO_FAST; }
  let v = wword(r);
  let tag = v & 0xffu;
  let kind = tag & 3u;
  if (kind == 0u) {
    let len = (tag >> 2u) + 1u;
    if (len > 60u || r + 1u + len > lim || len > g_out_cap - ps_pos) { return NO_FAST; }
    seg_pos[at] = (ps_pos << 1u) | 1u;
    seg_arg[at] = base4 + r + 1u;
    ps_pos += len;
    ps_p += 1u + len;
    return 1u;
  }
  if (kind == 3u) { return NO_FAST; }
  let k = kind + 1u;
  let len = select((tag >> 2u) + 1u, ((tag >> 2u) & 7u) + 4u, kind == 1u);
  let off = select((v >> 8u) & 0xffffu, ((tag >> 5u) << 8u) | ((v >> 8u) & 0xffu), kind == 1u);
  if (r + k > lim || off == 0u || off > ps_pos || len > g_out_cap - ps_pos) { return NO_FAST; }
  ps_p += k;
  if (at != 0u && (seg_pos[at - 1u] & 1u) == 0u && seg_arg[at - 1u] == off) {
    ps_pos += len;
    return 0u;
  }
  seg_pos[at] = ps_pos << 1u;
  seg_arg[at] = off;
  ps_pos += len;
  return 1u;
}

// ---- phase 3: parallel decode of the chained elements ---------------------------------------------

fn decode_seqs(lid: u32, n: u32, base4: u32) {
  for (var j = lid; j < n; j += WG) {
    let r = seq_r[j];
    let o = seq_o[j];
    let tag = wbyte(r);
    if ((tag & 3u) == 0u) {
      let l6 = tag >> 2u;
      seg_pos[j] = (o << 1u) | 1u;
      seg_arg[j] = base4 + r + 1u + select(0u, l6 - 59u, l6 >= 60u);
    } else {
      let off = tbl_off[r];
      seg_pos[j] = o << 1u;
      seg_arg[j] = off;
      if (off == 0u || off > o) { atomicMin(&wg_bad, j); }
    }
  }
}

// Invocation 0: publish the batch [b0, ps_pos) of cnt segments and where the next round starts.
fn publish(b0: u32, cnt: u32) {
  seg_pos[cnt] = ps_pos << 1u;
  wg_b0 = b0;
  wg_b1 = ps_pos;
  wg_cnt = cnt;
  // A batch that is not the last always has segments; an empty one means no progress, so stop.
  if (cnt == 0u) { ps_done = true; }
  ps_win_base = ps_p >> 2u;
  wg_base = ps_win_base;
  wg_p = ps_p;
  wg_done = select(0u, 1u, ps_done);
}

fn finalize_fast(n: u32) {
  let b0 = ps_pos;
  let bad = atomicLoad(&wg_bad);
  if (bad < n) {
    // Everything before the bad copy stands.
    ps_pos = seq_o[bad];
    finish(ST_BAD_DISTANCE);
    publish(b0, bad);
  } else {
    ps_pos = seq_o[n];
    ps_p = (ps_win_base << 2u) + ps_r_end;
    publish(b0, n);
  }
}

// Phase 4 and main: shaders/lz_words.wgsl, appended when the pipeline is built.
