// lz4.wgsl — decodes raw LZ4 *block* streams (no frame, no size prefix), one operation per slot of a
// workgroup (lz_ops.wgsl: OPS slots of LANES = WG / OPS invocations).
//
// Computes, for op i = (workgroup_id.x + workgroup_id.y * num_workgroups.x) * OPS + slot
// (i < arrayLength(&ops)):
//   the bytes of the LZ4 block src[src_byte .. src_byte + src_len) decoded into op i's output region,
//   results[2i] = bytes produced, results[2i+1] = status.
// A block is a run of sequences: token (literal length << 4 | match length - 4), literal-length extension
// bytes (runs of 255 continue), literals, 2-byte little-endian offset, match-length extension bytes. The
// last sequence has literals only, and the block ends exactly when the input is consumed after them.
//
// Bindings (group 0):
//   0 ops:     array<DecodeOp>  {src_byte, src_len, out_word, out_cap} per op (read)
//   1 src:     array<u32>       compressed bytes, little-endian packed: byte b = (src[b>>2] >> ((b&3)*8)) & 0xff
//   2 out:     array<u32>       op i writes only whole words out[out_word ..] covering out_cap bytes, and reads
//                               back only words it wrote; bytes of the last word past results[2i] are zero
//   3 results: array<u32>       2 words per op, written by its slot's lane 0 at the end
//
// Status codes (shared by the lz4/snappy/deflate decoders):
//   0 OK              stream fully consumed, it ended after the literals of a sequence
//   1 OUTPUT_OVERFLOW output would exceed out_cap: the first out_cap bytes are written, results[2i] = out_cap
//   2 TRUNCATED       the stream needs bytes past src_len (a literal run that is cut off is written as far
//                     as it goes; a stream that stops after a match, with no final literals token, is this,
//                     and so is an empty stream (src_len 0): liblz4's LZ4_decompress_safe rejects it, the
//                     empty block is the single byte 0x00)
//   3 BAD_BLOCK_TYPE, 4 BAD_HUFFMAN, 6 BAD_STORED_LEN: deflate only, never set here
//   5 BAD_DISTANCE    match offset 0, or an offset larger than the bytes produced so far
//   7 BAD_SYMBOL      never set by LZ4 (every token byte is valid)
//   8 BAD_END         the block breaks the format's end rules after a match: its last sequence has fewer
//                     than 5 literals, or the last match starts fewer than 12 bytes before the end (liblz4's
//                     LZ4_decompress_safe rejects such blocks; lz4js writes some). Every byte is written:
//                     results[2i] = the block's whole output.
//   On other errors results[2i] = output bytes fully written before the error (they are correct).
//
// Limits: out_cap < 2^31 and src byte addresses < 2^32; src_len may be 0 (→ 0 bytes, TRUNCATED). Every loop is
// bounded by src_len, out_cap or a constant, and reads/writes are clamped to the op's own ranges, so any
// byte string terminates without touching other ops' data. Lengths saturate instead of wrapping.
// liblz4 (1.9.4) rejects every block that this decoder does not, with out_cap > 0 (its outputSize 0 accepts
// only the block 0x00; webcu never decodes into 0 bytes): test/node/lz4.test.ts checks it on liblz4 itself.
// This decoder rejects more: an offset 0 (liblz4 copies from the byte being written), and a block that
// breaks the end rules but that liblz4 takes with room to spare in its output (it checks them against the
// capacity, and only near its end). As in liblz4, the last sequence's match-length nibble is ignored: a
// final token with a nonzero low nibble and no offset after its literals is OK.
//
// How: one group of sequences per round, phases separated by barriers (shaders/lz_words.wgsl):
//  1. The slot's lane 0 parses up to NSEQ sequences serially into a segment table (literal run: source byte;
//     match: distance). The common sequence is decoded straight from a small window of the source staged
//     in workgroup memory (fast_one); anything else (literal-length extension bytes, match lengths with more
//     than one extension byte, the end of the input or output, errors) goes through the careful parser
//     (slow_one), which sets every status. A match may copy
//     from earlier sequences of its own group: the output half follows it back segment by segment.
//  2. The slot's lanes build whole 32-bit output words of the group: a match byte maps to
//     start - dist + (pos - start) % dist, which lies in a literal run of the group (read from src), in an
//     earlier match of the group (followed back), or before the group (read from out, written and made
//     visible by the previous round). Runs of bytes that stay contiguous are resolved together, so an
//     ordinary word costs one lookup and two loads. The partial word at the group boundary is carried in
//     workgroup memory, so no word is ever written by two invocations. The next window is staged here.
// Tuning (H200, 64 KiB chunks of real data, bench/corpus.ts --sweep): 32-wide workgroups, two ops each when
// the dispatch fills the GPU (one op each otherwise, parse and words overlapped for at most 256 ops: src/driver/decompress.ts),
// small groups and a 256-byte window were fastest; a speculative parallel parse of every window byte, and
// one on subgroups, were slower (BENCHMARKS.md, session 10).
// Operations of more than 128 KiB are decoded in pieces by several workgroups instead (lz_scan.wgsl with
// lz4_scan.wgsl, lz_pieces.wgsl); this dispatch skips them (the PIECED bit of out_cap, lz_ops.wgsl).

const WG: u32 = 32u;          // invocations per workgroup
const WIN_WORDS: u32 = 64u;   // staged source window (256 bytes)
const WB: u32 = 256u;         // window bytes = WIN_WORDS * 4
const NSEQ: u32 = 8u;         // sequences per group
const NSEG: u32 = 16u;        // segments per group = 2 * NSEQ (literal run + match)
const SEQ_SEGS: u32 = 2u;     // most segments one sequence writes
const LEN_SAT: u32 = 0x7fff0000u; // slow-path lengths saturate here (> any valid out_cap), never wrap

var<private> ps_match: u32;   // 1 + the output byte where the last match starts; 0 before the first match

// ---- parsers (the slot's lane 0) --------------------------------------------------------------------------

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

// Writes the segments of one sequence (cut at the end of input or output) and sets the status when the
// stream ends or fails. Returns the number of segments written (0..2).
fn slow_one(at: u32) -> u32 {
  var cnt = 0u;
  var p = ps_p;
  if (p >= g_src_end) {
    // A block ends after the literals of its last token, so no stream may end at a token boundary
    // (not even an empty one: the empty block is the token 0x00).
    finish(ST_TRUNCATED);
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
      seg_pos[g_sp + at] = (ps_pos << 1u) | 1u;
      seg_arg[g_sa + at] = p;
      cnt = 1u;
      ps_pos += n;
    }
    if (n < ll) {
      finish(select(ST_OUTPUT_OVERFLOW, ST_TRUNCATED, ll > g_src_end - p));
      return cnt;
    }
    p += ll;
  }
  if (p == g_src_end) {
    // Last sequence: literals only. After a match it must hold the block's last 5 bytes and end 12 or more
    // bytes after that match's start (the format's parsing restrictions, which liblz4 enforces).
    let ends_well = ps_match == 0u || (ll >= 5u && ps_pos - (ps_match - 1u) >= 12u);
    finish(select(ST_BAD_END, ST_OK, ends_well));
    return cnt;
  }
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
  ps_match = ps_pos + 1u;
  if (m != 0u) {
    seg_pos[g_sp + at + cnt] = ps_pos << 1u;
    seg_arg[g_sa + at + cnt] = off;
    cnt += 1u;
    ps_pos += m;
  }
  ps_p = p;
  if (m < ml) { finish(ST_OUTPUT_OVERFLOW); }
  return cnt;
}

// The common sequence, decoded straight from the window: no literal-length extension bytes, at most one
// match-length extension byte (below 255: matches of 19-272 bytes, 7% of text's sequences), all of it below
// `lim`, a valid offset and room for the output. Returns the segments written, or NO_FAST (nothing changed)
// when slow_one must decode it; both give the same segments for the sequences this one takes.
fn fast_one(at: u32, lim: u32) -> u32 {
  let base4 = ps_win_base << 2u;
  let r = ps_p - base4;
  if (r >= lim) { return NO_FAST; }
  let token = wbyte(r);
  let ll = token >> 4u;
  let q = r + 1u + ll;
  // A match length with one extension byte below 255 (most long matches) is taken here too, without a
  // branch of its own: x is that byte's count (0 or 1), e its value.
  let x = select(0u, 1u, (token & 15u) == 15u);
  if (ll == 15u || q + 2u + x > lim) { return NO_FAST; }
  let w = wword(q);
  let off = w & 0xffffu;
  let e = (w >> 16u) & (0xffu * x);
  let ml = (token & 15u) + 4u + e;
  let o = ps_pos + ll;
  if (e == 255u || off == 0u || off > o || o + ml > g_out_cap) { return NO_FAST; }
  var cnt = 0u;
  if (ll != 0u) {
    seg_pos[g_sp + at] = (ps_pos << 1u) | 1u;
    seg_arg[g_sa + at] = base4 + r + 1u;
    cnt = 1u;
  }
  seg_pos[g_sp + at + cnt] = o << 1u;
  seg_arg[g_sa + at + cnt] = off;
  ps_match = o + 1u;
  ps_pos = o + ml;
  ps_p = base4 + q + 2u + x;
  return cnt + 1u;
}

// Everything else: shaders/lz_words.wgsl, appended when the pipeline is built.
