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
// How: invocation 0 parses up to NSEG elements (literals and copies) into a segment table in workgroup
// memory, reading tags from a window of the source staged in workgroup memory by all invocations. After a
// barrier, every invocation builds whole 32-bit output words of that batch. A byte of a copy whose source
// lies inside the same batch is traced back through earlier segments of the batch
// (pos -> start - dist + (pos - start) % dist) until it lands in a literal (read from src) or before the
// batch (read from out, written and made visible by the previous phase). Runs of bytes that stay
// contiguous along that trace are resolved together, so an ordinary word costs one trace and two loads.
// The partial word at the batch boundary is carried in workgroup memory, so no word is ever written by
// two invocations and no atomics are needed. (The copy phase is the same code as in lz4.wgsl.)

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
const NSEG: u32 = 256u;       // segments (literals / copies) per batch
const WIN_WORDS: u32 = 256u;  // parser's staged source window (1 KiB)

const ST_OK: u32 = 0u;
const ST_OUTPUT_OVERFLOW: u32 = 1u;
const ST_TRUNCATED: u32 = 2u;
const ST_BAD_DISTANCE: u32 = 5u;
const ST_BAD_SYMBOL: u32 = 7u;

// Segment k covers output bytes [seg_pos[k] >> 1, seg_pos[k+1] >> 1) (relative to the op's output).
// Bit 0 set: literal, seg_arg = absolute src byte of its first byte. Clear: copy, seg_arg = distance.
var<workgroup> seg_pos: array<u32, NSEG + 1u>;  // + sentinel = batch end
var<workgroup> seg_arg: array<u32, NSEG>;
var<workgroup> win: array<u32, WIN_WORDS>;  // src words [win_base, win_base + WIN_WORDS)
var<workgroup> tail: array<u32, 2>;        // partial last word of the previous batch (double-buffered)
var<workgroup> wg_b0: u32;                 // batch output range [wg_b0, wg_b1)
var<workgroup> wg_b1: u32;
var<workgroup> wg_cnt: u32;                // segments in the batch
var<workgroup> wg_next_base: u32;          // word where the next window starts
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

// Copy-phase view of the batch (every invocation).
var<private> c_b0: u32;
var<private> c_head: u32;      // word holding bytes [b0 & ~3, b0), written by the previous batch

fn src_word(wi: u32) -> u32 {
  // Clamped to the op's own words; bytes past src_end in the last word are never used.
  return src[min(wi, g_src_last_word)];
}

// Byte p of the compressed stream (absolute address, caller checked p < src_end).
fn pbyte(p: u32) -> u32 {
  let wi = p >> 2u;
  let k = wi - ps_win_base;
  var w: u32;
  if (k < WIN_WORDS) { w = win[k]; } else { w = src_word(wi); }
  return (w >> ((p & 3u) << 3u)) & 0xffu;
}

// Bytes p..p+3, little-endian. Bytes at or past src_end are garbage; callers mask them.
fn p32(p: u32) -> u32 {
  let wi = p >> 2u;
  let k = wi - ps_win_base;
  var w0: u32;
  var w1: u32;
  if (k + 1u < WIN_WORDS) {
    w0 = win[k];
    w1 = win[k + 1u];
  } else {
    w0 = src_word(wi);
    w1 = src_word(wi + 1u);
  }
  let sh = (p & 3u) << 3u;
  // (w1 << (32 - sh)) without the undefined shift by 32 when sh == 0.
  return (w0 >> sh) | ((w1 << (31u - sh)) << 1u);
}

fn finish(st: u32) {
  ps_status = st;
  ps_done = true;
}

// Invocation 0: parse elements until the segment table is full or the stream ends/fails.
fn parse_batch() {
  let b0 = ps_pos;
  var cnt = 0u;
  var last_off = 0u;   // distance of the last segment when it is a copy, else 0
  loop {
    if (ps_done || cnt >= NSEG) { break; }
    var p = ps_p;
    if (p >= g_src_end) { finish(ST_OK); break; }
    let w = p32(p);            // the tag and up to 3 following bytes (checked against src_end before use)
    let tag = w & 0xffu;
    p += 1u;
    let avail = g_src_end - p;
    if ((tag & 3u) == 0u) {
      var len = (tag >> 2u) + 1u;
      if (len > 60u) {
        let k = len - 60u;     // 1..4 length bytes
        if (avail < k) { finish(ST_TRUNCATED); break; }
        var v = p32(p);
        if (k < 4u) { v &= (1u << (k << 3u)) - 1u; }
        if (v == 0xffffffffu) { finish(ST_BAD_SYMBOL); break; }
        len = v + 1u;
        p += k;
      }
      // Literal, cut at the end of the input or of the output.
      let n = min(len, min(g_src_end - p, g_out_cap - ps_pos));
      if (n != 0u) {
        seg_pos[cnt] = (ps_pos << 1u) | 1u;
        seg_arg[cnt] = p;
        cnt += 1u;
        ps_pos += n;
        last_off = 0u;
      }
      if (n < len) {
        finish(select(ST_OUTPUT_OVERFLOW, ST_TRUNCATED, len > g_src_end - p));
        break;
      }
      p += len;
    } else {
      var k: u32;
      var len: u32;
      var off: u32;
      if ((tag & 3u) == 1u) {
        k = 1u;
        len = ((tag >> 2u) & 7u) + 4u;
        off = ((tag >> 5u) << 8u) | ((w >> 8u) & 0xffu);
      } else if ((tag & 3u) == 2u) {
        k = 2u;
        len = (tag >> 2u) + 1u;
        off = (w >> 8u) & 0xffffu;
      } else {
        k = 4u;
        len = (tag >> 2u) + 1u;
        off = p32(p);
      }
      if (avail < k) { finish(ST_TRUNCATED); break; }
      p += k;
      if (off == 0u || off > ps_pos) { finish(ST_BAD_DISTANCE); break; }
      let m = min(len, g_out_cap - ps_pos);
      if (m != 0u) {
        // A copy right after a copy of the same distance extends it (out[x] = out[x - d] holds across
        // both). Encoders split long matches into 64-byte copies; merged, a long run of them (RLE of
        // zeros) is one segment instead of a chain that every byte would have to walk back through.
        if (off != last_off) {
          seg_pos[cnt] = ps_pos << 1u;
          seg_arg[cnt] = off;
          cnt += 1u;
          last_off = off;
        }
        ps_pos += m;
      }
      if (m < len) { finish(ST_OUTPUT_OVERFLOW); break; }
    }
    ps_p = p;
  }
  seg_pos[cnt] = ps_pos << 1u;
  wg_b0 = b0;
  wg_b1 = ps_pos;
  wg_cnt = cnt;
  // A non-final batch always has at least one segment; an empty one means no progress, so stop.
  if (cnt == 0u) { ps_done = true; }
  ps_win_base = ps_p >> 2u;
  wg_next_base = ps_win_base;
  wg_done = select(0u, 1u, ps_done);
}

// Word wi of the op's output, for bytes before the batch start (those are final).
fn out_before(wi: u32) -> u32 {
  let a = wi << 2u;
  if (a + 4u <= c_b0) { return out[g_out_word + wi]; }
  if (a < c_b0) { return c_head; }
  return 0u;   // not needed by the caller
}

// Bytes starting at output byte q (q < b0), little-endian.
fn out32(q: u32) -> u32 {
  let wi = q >> 2u;
  let sh = (q & 3u) << 3u;
  return (out_before(wi) >> sh) | ((out_before(wi + 1u) << (31u - sh)) << 1u);
}

// Bytes starting at absolute src byte s, little-endian.
fn src32(s: u32) -> u32 {
  let wi = s >> 2u;
  let sh = (s & 3u) << 3u;
  return (src_word(wi) >> sh) | ((src_word(wi + 1u) << (31u - sh)) << 1u);
}

// Value of up to `n` output bytes starting at q (b0 <= q < b1), as the low bytes of the result;
// .y = how many of them are valid (>= 1): the longest run that maps to contiguous source bytes.
fn resolve(q: u32, n: u32, cnt: u32) -> vec2<u32> {
  var c = q;
  var run = n;
  var hi = cnt;
  // Each step moves to a strictly earlier segment, so cnt + 1 steps always suffice.
  for (var step = 0u; step <= NSEG; step += 1u) {
    if (c < c_b0) {
      return vec2<u32>(out32(c), min(run, c_b0 - c));
    }
    // Largest k < hi with start(k) <= c (start(0) = b0 <= c).
    var lo = 0u;
    var len = hi;
    loop {
      if (len <= 1u) { break; }
      let half = len >> 1u;
      if ((seg_pos[lo + half] >> 1u) <= c) { lo += half; }
      len -= half;
    }
    let e = seg_pos[lo];
    let st = e >> 1u;
    run = min(run, (seg_pos[lo + 1u] >> 1u) - c);
    let arg = seg_arg[lo];
    if ((e & 1u) != 0u) {
      return vec2<u32>(src32(arg + (c - st)), run);
    }
    // Copy with distance d: byte c equals byte st - d + (c - st) % d.
    var r = c - st;
    if (r >= arg) { r = r % arg; }
    run = min(run, arg - r);
    c = st - arg + r;
    hi = lo;
  }
  return vec2<u32>(0u, n);   // unreachable
}

fn low_mask(nbytes: u32) -> u32 {
  return select((1u << (nbytes << 3u)) - 1u, 0xffffffffu, nbytes >= 4u);
}

// All invocations: write the words of batch [b0, b1) (relative bytes), then stage the next window.
fn copy_batch(lid: u32, cur: u32, done: bool) {
  let b0 = wg_b0;
  let b1 = wg_b1;
  let cnt = wg_cnt;
  c_b0 = b0;
  c_head = tail[cur];
  let w_end = (b1 + 3u) >> 2u;
  if (cnt != 0u) {
    for (var w = (b0 >> 2u) + lid; w < w_end; w += WG) {
      let a = w << 2u;
      var val = 0u;
      var j = 0u;
      if (a < b0) {
        j = b0 - a;
        val = c_head & low_mask(j);
      }
      let jend = min(4u, b1 - a);
      for (var t = 0u; t < 4u; t += 1u) {
        if (j >= jend) { break; }
        let r = resolve(a + j, jend - j, cnt);
        val |= (r.x & low_mask(r.y)) << (j << 3u);
        j += r.y;
      }
      out[g_out_word + w] = val;
      if (w + 1u == w_end && (b1 & 3u) != 0u) { tail[cur ^ 1u] = val; }
    }
  }
  if (!done) {
    let base = wg_next_base;
    for (var j = lid; j < WIN_WORDS; j += WG) {
      let wi = base + j;
      var v = 0u;
      if (wi <= g_src_last_word) { v = src[wi]; }
      win[j] = v;
    }
  }
}

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>,
        @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) lid: u32) {
  let i = wid.x + wid.y * nwg.x;
  if (i >= arrayLength(&ops)) { return; }
  let op = ops[i];
  g_src_byte = op.src_byte;
  g_src_end = op.src_byte + op.src_len;
  g_src_last_word = (g_src_end - 1u) >> 2u;   // only used when src_len > 0
  g_out_word = op.out_word;
  g_out_cap = op.out_cap;

  if (lid == 0u) {
    ps_p = op.src_byte;
    ps_pos = 0u;
    ps_status = ST_OK;
    ps_done = false;
    ps_win_base = op.src_byte >> 2u;
    tail[0] = 0u;
    tail[1] = 0u;
  }
  // First window.
  let base = op.src_byte >> 2u;
  for (var j = lid; j < WIN_WORDS; j += WG) {
    let wi = base + j;
    var v = 0u;
    if (op.src_len != 0u && wi <= g_src_last_word) { v = src[wi]; }
    win[j] = v;
  }

  // Every batch that does not finish produces >= 1 byte, so out_cap + 1 batches always suffice;
  // the parser also stops on its own when a batch makes no progress.
  var it = 0u;
  loop {
    storageBarrier();
    workgroupBarrier();
    if (lid == 0u) {
      if (it > g_out_cap) { ps_done = true; }
      parse_batch();
    }
    let done = workgroupUniformLoad(&wg_done) != 0u;
    copy_batch(lid, it & 1u, done);
    if (done) { break; }
    it += 1u;
  }

  if (lid == 0u) {
    results[2u * i] = ps_pos;
    results[2u * i + 1u] = ps_status;
  }
}
