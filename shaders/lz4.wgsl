// lz4.wgsl — decodes raw LZ4 *block* streams (no frame, no size prefix), one workgroup per operation.
//
// Computes, for op i = workgroup_id.x + workgroup_id.y * num_workgroups.x (i < arrayLength(&ops)):
//   the bytes of the LZ4 block src[src_byte .. src_byte + src_len) decoded into op i's output region,
//   results[2i] = bytes produced, results[2i+1] = status.
//
// Bindings (group 0):
//   0 ops:     array<DecodeOp>  {src_byte, src_len, out_word, out_cap} per op (read)
//   1 src:     array<u32>       compressed bytes, little-endian packed: byte b = (src[b>>2] >> ((b&3)*8)) & 0xff
//   2 out:     array<u32>       op i writes only words out[out_word ..] covering out_cap bytes (region padded
//                               to 16 bytes); it must be zero on entry; bytes past results[2i] stay zero
//   3 results: array<u32>       2 words per op, written by the op's invocation 0 at the end
//
// Status codes (shared by the lz4/snappy/deflate decoders):
//   0 OK              stream fully consumed, it ended after the literals of a sequence (or src_len == 0)
//   1 OUTPUT_OVERFLOW output would exceed out_cap: the first out_cap bytes are written, results[2i] = out_cap
//   2 TRUNCATED       the stream needs bytes past src_len (a literal run that is cut off is written as far
//                     as it goes; a stream that stops after a match, with no final literals token, is this)
//   3 BAD_BLOCK_TYPE, 4 BAD_HUFFMAN, 6 BAD_STORED_LEN: deflate only, never set here
//   5 BAD_DISTANCE    match offset 0, or an offset larger than the bytes produced so far
//   7 BAD_SYMBOL      never set by LZ4 (every token byte is valid)
//   On error results[2i] = output bytes fully written before the error (they are correct).
//
// Limits: out_cap < 2^31 and src byte addresses < 2^32; src_len may be 0 (→ 0 bytes, OK). Every loop is
// bounded by src_len, out_cap or a constant, and reads/writes are clamped to the op's own ranges, so any
// byte string terminates without touching other ops' data. Lengths saturate instead of wrapping.
// End-of-block rules ("last 5 bytes are literals", "last match starts 12 bytes before the end") are not
// enforced: such blocks are accepted.
//
// How: invocation 0 parses up to NSEG output segments (literal runs and matches) into workgroup memory,
// reading the compressed bytes from a window of the source staged in workgroup memory by all invocations.
// After a barrier, every invocation builds whole 32-bit output words of that batch. A byte of a match
// whose source lies inside the same batch is traced back through earlier segments of the batch
// (pos -> start - dist + (pos - start) % dist) until it lands in a literal run (read from src) or before
// the batch (read from out, written and made visible by the previous phase). Runs of bytes that stay
// contiguous along that trace are resolved together, so an ordinary word costs one trace and two loads.
// The partial word at the batch boundary is carried in workgroup memory, so no word is ever written by
// two invocations and no atomics are needed.

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
const NSEG: u32 = 256u;       // segments (literal runs / matches) per batch
const WIN_WORDS: u32 = 256u;  // parser's staged source window (1 KiB)
const LEN_SAT: u32 = 0x7fff0000u; // lengths saturate here (> any valid out_cap), never wrap

const ST_OK: u32 = 0u;
const ST_OUTPUT_OVERFLOW: u32 = 1u;
const ST_TRUNCATED: u32 = 2u;
const ST_BAD_DISTANCE: u32 = 5u;

// Segment k covers output bytes [seg_pos[k] >> 1, seg_pos[k+1] >> 1) (relative to the op's output).
// Bit 0 set: literal run, seg_arg = absolute src byte of its first byte. Clear: match, seg_arg = distance.
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

// LZ4 length extension: adds bytes until one is not 255. False if the stream ends first.
fn read_ext(pp: ptr<function, u32>, len: ptr<function, u32>) -> bool {
  var p = *pp;
  var n = *len;
  var ok = false;
  loop {
    if (p >= g_src_end) { break; }
    // Four 255s at once: long runs (big RLE matches) are common in compressible data.
    if (g_src_end - p >= 4u) {
      if (p32(p) == 0xffffffffu) {
        n = min(n + 1020u, LEN_SAT);
        p += 4u;
        continue;
      }
    }
    let b = pbyte(p);
    p += 1u;
    n = min(n + b, LEN_SAT);
    if (b != 255u) { ok = true; break; }
  }
  *pp = p;
  *len = n;
  return ok;
}

fn finish(st: u32) {
  ps_status = st;
  ps_done = true;
}

// Invocation 0: parse sequences until the segment table is full or the stream ends/fails.
fn parse_batch() {
  let b0 = ps_pos;
  var cnt = 0u;
  var last_off = 0u;   // distance of the last segment when it is a match, else 0
  loop {
    if (ps_done || cnt + 2u > NSEG) { break; }
    var p = ps_p;
    if (p >= g_src_end) {
      // Only an empty stream may end at a token boundary; otherwise the final literals token is missing.
      finish(select(ST_TRUNCATED, ST_OK, p == g_src_byte));
      break;
    }
    let token = pbyte(p);
    p += 1u;
    var ll = token >> 4u;
    if (ll == 15u) {
      if (!read_ext(&p, &ll)) { finish(ST_TRUNCATED); break; }
    }
    // Literal run, cut at the end of the input or of the output.
    if (ll != 0u) {
      let n = min(ll, min(g_src_end - p, g_out_cap - ps_pos));
      if (n != 0u) {
        seg_pos[cnt] = (ps_pos << 1u) | 1u;
        seg_arg[cnt] = p;
        cnt += 1u;
        ps_pos += n;
        last_off = 0u;
      }
      if (n < ll) {
        finish(select(ST_OUTPUT_OVERFLOW, ST_TRUNCATED, ll > g_src_end - p));
        break;
      }
      p += ll;
    }
    if (p == g_src_end) { finish(ST_OK); break; }   // last sequence: literals only
    if (g_src_end - p < 2u) { finish(ST_TRUNCATED); break; }
    let off = p32(p) & 0xffffu;
    p += 2u;
    var ml = token & 15u;
    if (ml == 15u) {
      if (!read_ext(&p, &ml)) { finish(ST_TRUNCATED); break; }
    }
    ml += 4u;
    if (off == 0u || off > ps_pos) { finish(ST_BAD_DISTANCE); break; }
    let m = min(ml, g_out_cap - ps_pos);
    if (m != 0u) {
      // A match right after a match of the same distance extends it (out[x] = out[x - d] holds across
      // both), so split runs do not become a chain that every byte would have to walk back through.
      if (off != last_off) {
        seg_pos[cnt] = ps_pos << 1u;
        seg_arg[cnt] = off;
        cnt += 1u;
        last_off = off;
      }
      ps_pos += m;
    }
    ps_p = p;
    if (m < ml) { finish(ST_OUTPUT_OVERFLOW); break; }
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
    // Match with distance d: byte c equals byte st - d + (c - st) % d.
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
