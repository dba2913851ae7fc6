// lz4.wgsl — decodes raw LZ4 *block* streams (no frame, no size prefix), one workgroup per operation.
//
// Computes, for op i = workgroup_id.x + workgroup_id.y * num_workgroups.x (i < arrayLength(&ops)):
//   the bytes of the LZ4 block src[src_byte .. src_byte + src_len) decoded into op i's output region,
//   results[2i] = bytes produced, results[2i+1] = status.
// A block is a run of sequences: token (literal length << 4 | match length - 4), literal-length extension
// bytes (runs of 255 continue), literals, 2-byte little-endian offset, match-length extension bytes. The
// last sequence has literals only, and the block ends exactly when the input is consumed after them.
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
// How (one batch of sequences per round, all phases separated by barriers):
//  1. All invocations decode, speculatively, a sequence at EVERY byte position of a 1 KiB window of the
//     source staged in workgroup memory: tbl[r] = where the next token would be | output length.
//  2. Invocation 0 follows the chain tbl[r] from the real parse position: one workgroup-memory load per
//     sequence, so the serial part is short. A sequence that does not fit the window (long literal run,
//     end of block, truncation, output overflow) ends the chain; if it is the first one, invocation 0
//     decodes it alone with the careful serial parser ("slow path"), which sets every status.
//  3. All invocations decode the chained sequences in parallel into a sorted segment table (literal run:
//     source byte; match: distance) and check the offsets (the first bad one ends the batch).
//  4. All invocations build whole 32-bit output words of the batch. A byte of a match whose source lies
//     inside the same batch is traced back through earlier segments
//     (pos -> start - dist + (pos - start) % dist) until it lands in a literal run (read from src) or
//     before the batch (read from out, written and made visible by the previous round). Runs of bytes
//     that stay contiguous along that trace are resolved together, so an ordinary word costs one trace
//     and two loads. The partial word at the batch boundary is carried in workgroup memory, so no word is
//     ever written by two invocations and no atomics are needed on `out`. The next window is staged here.

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
const NSEQ: u32 = 128u;       // sequences per batch
const NSEG: u32 = 256u;       // segments per batch = 2 * NSEQ (literal run + match)
const NEXT_MASK: u32 = 0xfffu;
const LEN_SAT: u32 = 0x7fff0000u; // slow-path lengths saturate here (> any valid out_cap), never wrap

const ST_OK: u32 = 0u;
const ST_OUTPUT_OVERFLOW: u32 = 1u;
const ST_TRUNCATED: u32 = 2u;
const ST_BAD_DISTANCE: u32 = 5u;

var<workgroup> win: array<u32, WIN_WORDS>;  // src words [wg_base, wg_base + WIN_WORDS)
// Speculative decode per window byte r: (position after the sequence) | (output bytes << 12); 0 = the
// sequence does not fit the window (next positions are <= WB < 4096, output < 2^20 by construction).
var<workgroup> tbl: array<u32, WB>;
var<workgroup> seq_r: array<u32, NSEQ>;         // window position of each chained sequence
var<workgroup> seq_o: array<u32, NSEQ + 1u>;    // its output position; [n] = batch end
// Segment k covers output bytes [seg_pos[k] >> 1, seg_pos[k+1] >> 1) (relative to the op's output).
// Bit 0 set: literal run, seg_arg = absolute src byte of its first byte. Clear: match, seg_arg = distance.
// Empty literal runs are allowed: the search below always picks the last segment starting at or before
// a position.
var<workgroup> seg_pos: array<u32, NSEG + 1u>;
var<workgroup> seg_arg: array<u32, NSEG>;
var<workgroup> tail: array<u32, 2>;        // partial last word of the previous batch (double-buffered)
var<workgroup> wg_base: u32;               // window base (absolute src word)
var<workgroup> wg_p: u32;                  // parse position (absolute src byte)
var<workgroup> wg_nseq: u32;               // sequences chained this round; 0: the slow path ran
var<workgroup> wg_bad: atomic<u32>;        // first sequence with a bad offset
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

// The sequence at window byte r, if its token, extension bytes, literals and offset all lie below `lim`
// (the window end, or the input end if that comes first).
fn spec(r: u32, lim: u32) -> u32 {
  let token = wbyte(r);
  var q = r + 1u;
  var ll = token >> 4u;
  if (ll == 15u) {
    loop {
      if (q >= lim) { return 0u; }
      let b = wbyte(q);
      q += 1u;
      ll += b;
      if (b != 255u) { break; }
    }
  }
  q += ll;
  // The offset must be in the window too; this also sends the final literals-only sequence (q == input
  // end) and truncated ones to the slow path.
  if (q + 2u > lim) { return 0u; }
  q += 2u;
  var ml = token & 15u;
  if (ml == 15u) {
    loop {
      if (q >= lim) { return 0u; }
      let b = wbyte(q);
      q += 1u;
      ml += b;
      if (b != 255u) { break; }
    }
  }
  let len = ll + ml + 4u;
  if (len >= (1u << 20u)) { return 0u; }
  return q | (len << 12u);
}

// ---- phase 2: chain (invocation 0) -------------------------------------------------------------------

fn chain(r0: u32, lim: u32) -> u32 {
  var r = r0;
  var pos = ps_pos;
  var n = 0u;
  loop {
    if (n >= NSEQ || r >= lim) { break; }
    let e = tbl[r];
    if (e == 0u) { break; }
    let len = e >> 12u;
    if (len > g_out_cap - pos) { break; }   // the slow path clips it
    seq_r[n] = r;
    seq_o[n] = pos;
    n += 1u;
    pos += len;
    r = e & NEXT_MASK;
  }
  seq_o[n] = pos;
  ps_r_end = r;
  return n;
}

// ---- slow path (invocation 0): one sequence, any length, every error ------------------------------

// Byte p of the compressed stream (absolute address, caller checked p < src_end).
fn pbyte(p: u32) -> u32 {
  let wi = p >> 2u;
  let k = wi - ps_win_base;
  var w: u32;
  if (k < WIN_WORDS) { w = win[k]; } else { w = src_word(wi); }
  return (w >> ((p & 3u) << 3u)) & 0xffu;
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
      let w = pbyte(p) & pbyte(p + 1u) & pbyte(p + 2u) & pbyte(p + 3u);
      if (w == 255u) {
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

// Writes the segments of one sequence (cut at the end of input or output) and sets the status when the
// stream ends or fails. Returns the number of segments written (0..2).
fn slow_one(at: u32) -> u32 {
  var cnt = 0u;
  var p = ps_p;
  if (p >= g_src_end) {
    // Only an empty stream may end at a token boundary; otherwise the final literals token is missing.
    finish(select(ST_TRUNCATED, ST_OK, p == g_src_byte));
    return 0u;
  }
  let token = pbyte(p);
  p += 1u;
  var ll = token >> 4u;
  if (ll == 15u) {
    if (!read_ext(&p, &ll)) { finish(ST_TRUNCATED); return 0u; }
  }
  if (ll != 0u) {
    let n = min(ll, min(g_src_end - p, g_out_cap - ps_pos));
    if (n != 0u) {
      seg_pos[at] = (ps_pos << 1u) | 1u;
      seg_arg[at] = p;
      cnt = 1u;
      ps_pos += n;
    }
    if (n < ll) {
      finish(select(ST_OUTPUT_OVERFLOW, ST_TRUNCATED, ll > g_src_end - p));
      return cnt;
    }
    p += ll;
  }
  if (p == g_src_end) { finish(ST_OK); return cnt; }   // last sequence: literals only
  if (g_src_end - p < 2u) { finish(ST_TRUNCATED); return cnt; }
  let off = pbyte(p) | (pbyte(p + 1u) << 8u);
  p += 2u;
  var ml = token & 15u;
  if (ml == 15u) {
    if (!read_ext(&p, &ml)) { finish(ST_TRUNCATED); return cnt; }
  }
  ml += 4u;
  if (off == 0u || off > ps_pos) { finish(ST_BAD_DISTANCE); return cnt; }
  let m = min(ml, g_out_cap - ps_pos);
  if (m != 0u) {
    seg_pos[at + cnt] = ps_pos << 1u;
    seg_arg[at + cnt] = off;
    cnt += 1u;
    ps_pos += m;
  }
  ps_p = p;
  if (m < ml) { finish(ST_OUTPUT_OVERFLOW); }
  return cnt;
}

// The common sequence, decoded straight from the window: no extension bytes, all of it below `lim`, a
// valid offset and room for the output. Returns the segments written, or NO_FAST (nothing changed) when
// slow_one must decode it; both give the same segments for the sequences this one takes.
fn fast_one(at: u32, lim: u32) -> u32 {
  let base4 = ps_win_base << 2u;
  let r = ps_p - base4;
  if (r >= lim) { return NO_FAST; }
  let token = wbyte(r);
  let ll = token >> 4u;
  let ml = (token & 15u) + 4u;
  let q = r + 1u + ll;
  if (ll == 15u || ml == 19u || q + 2u > lim) { return NO_FAST; }
  let off = wword(q) & 0xffffu;
  let o = ps_pos + ll;
  if (off == 0u || off > o || o + ml > g_out_cap) { return NO_FAST; }
  var cnt = 0u;
  if (ll != 0u) {
    seg_pos[at] = (ps_pos << 1u) | 1u;
    seg_arg[at] = base4 + r + 1u;
    cnt = 1u;
  }
  seg_pos[at + cnt] = o << 1u;
  seg_arg[at + cnt] = off;
  ps_pos = o + ml;
  ps_p = base4 + q + 2u;
  return cnt + 1u;
}

// ---- phase 3: parallel decode of the chained sequences --------------------------------------------

fn decode_seqs(lid: u32, n: u32, base4: u32) {
  for (var j = lid; j < n; j += WG) {
    let r = seq_r[j];
    let o = seq_o[j];
    let token = wbyte(r);
    var q = r + 1u;
    var ll = token >> 4u;
    if (ll == 15u) {
      loop {
        if (q >= WB) { break; }   // cannot happen: phase 1 checked the sequence
        let b = wbyte(q);
        q += 1u;
        ll += b;
        if (b != 255u) { break; }
      }
    }
    let mo = o + ll;
    let qo = min(q + ll, WB - 2u);
    let off = wbyte(qo) | (wbyte(qo + 1u) << 8u);
    seg_pos[2u * j] = (o << 1u) | 1u;
    seg_arg[2u * j] = base4 + q;
    seg_pos[2u * j + 1u] = mo << 1u;
    seg_arg[2u * j + 1u] = off;
    if (off == 0u || off > mo) { atomicMin(&wg_bad, j); }
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
    // Keep the literals of the bad sequence, drop its match and everything after it.
    let cnt = 2u * bad + 1u;
    ps_pos = seg_pos[cnt] >> 1u;
    finish(ST_BAD_DISTANCE);
    publish(b0, cnt);
  } else {
    ps_pos = seq_o[n];
    ps_p = (ps_win_base << 2u) + ps_r_end;
    publish(b0, 2u * n);
  }
}

// Phase 4 and main: shaders/lz_words.wgsl, appended when the pipeline is built.
