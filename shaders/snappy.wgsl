// snappy.wgsl — decodes raw Snappy streams WITHOUT the varint uncompressed-length preamble (CUDA strips it:
// the stream starts directly with the first tag), one operation per slot of a workgroup
// (lz_ops.wgsl: OPS slots of LANES = WG / OPS invocations).
//
// Computes, for op i = (workgroup_id.x + workgroup_id.y * num_workgroups.x) * OPS + slot
// (i < arrayLength(&ops)):
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
//   2 out:     array<u32>       op i writes only whole words out[out_word ..] covering out_cap bytes, and reads
//                               back only words it wrote; bytes of the last word past results[2i] are zero
//   3 results: array<u32>       2 words per op, written by its slot's lane 0 at the end
//
// Status codes (shared by the lz4/snappy/deflate decoders):
//   0 OK              input consumed at an element boundary (src_len == 0 gives 0 bytes, OK)
//   1 OUTPUT_OVERFLOW output would exceed out_cap: the first out_cap bytes are written, results[2i] = out_cap
//   2 TRUNCATED       an element needs bytes past src_len (a literal that is cut off is written as far as
//                     it goes)
//   3 BAD_BLOCK_TYPE, 4 BAD_HUFFMAN, 6 BAD_STORED_LEN: deflate only, never set here
//   5 BAD_DISTANCE    copy offset 0, or an offset larger than the bytes produced so far
//   7 BAD_SYMBOL      a literal length of 2^32 (4 length bytes of 0xff), which no valid stream can hold
//   8 BAD_END         LZ4 only, never set here (Snappy has no end rules)
//   On error results[2i] = output bytes fully written before the error (they are correct).
//
// Limits: out_cap < 2^31 and src byte addresses < 2^32; src_len may be 0. Every loop is bounded by
// src_len, out_cap or a constant, and reads/writes are clamped to the op's own ranges, so any byte string
// terminates without touching other ops' data.
//
// How: one group of elements per round, phases separated by barriers (shaders/lz_words.wgsl):
//  1. The slot's lane 0 parses up to NSEQ elements serially into a segment table (literal run: source byte;
//     match: distance). The common element is decoded straight from a small window of the source staged
//     in workgroup memory (fast_one); anything else (extension bytes, the end of the input or output,
//     errors) goes through the careful parser (slow_one), which sets every status. A copy may copy
//     from earlier elements of its own group: the output half follows it back element by element.
//  2. The slot's lanes build whole 32-bit output words of the group: a copy byte maps to
//     start - dist + (pos - start) % dist, which lies in an earlier element of the group (followed back) or
//     before the group (read from out, written and made visible by the previous round). Runs of bytes
//     that stay contiguous are resolved together, so an ordinary word costs one lookup and two loads. The
//     partial word at the group boundary is carried in workgroup memory, so no word is ever written by
//     two invocations. The next window is staged here.
// Tuning (H200, 64 KiB chunks of real data, bench/corpus.ts --sweep): 32-wide workgroups, two ops each when
// the dispatch fills the GPU (one op each otherwise, parse and words overlapped for at most 256 ops: src/driver/decompress.ts),
// small groups and a 256-byte window were fastest; a speculative parallel parse of every window byte, and
// one on subgroups, were slower (BENCHMARKS.md, session 10).
// Operations of more than 128 KiB are decoded in pieces by several workgroups instead (lz_scan.wgsl with
// snappy_scan.wgsl, lz_pieces.wgsl); this dispatch skips them (the PIECED bit of out_cap, lz_ops.wgsl). A
// piece that meets a copy of distance 2^16 or more stops, and such an operation is decoded again by one
// workgroup (lz_pieces.wgsl `whole`).

const WG: u32 = 32u;          // invocations per workgroup
const WIN_WORDS: u32 = 64u;   // staged source window (256 bytes)
const WB: u32 = 256u;         // window bytes = WIN_WORDS * 4
const NSEQ: u32 = 16u;        // elements (= segments) per group
const NSEG: u32 = 16u;
const SEQ_SEGS: u32 = 1u;     // most segments one element writes

// ---- parsers (the slot's lane 0) --------------------------------------------------------------------------

// Little-endian value of the k (1..4) bytes at p (caller checked they are inside the input).
fn pbytes(p: u32, k: u32) -> u32 {
  var v = 0u;
  for (var j = 0u; j < k; j += 1u) { v |= pbyte(p + j) << (j << 3u); }
  return v;
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
      seg_pos[g_sp + at] = (ps_pos << 1u) | 1u;
      seg_arg[g_sa + at] = p;
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
  if (far(off)) { finish(ST_FAR); return 0u; }   // only a 4-byte offset can be this far
  let m = min(len, g_out_cap - ps_pos);
  var cnt = 0u;
  if (m != 0u) {
    seg_pos[g_sp + at] = ps_pos << 1u;
    seg_arg[g_sa + at] = off;
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
    seg_pos[g_sp + at] = (ps_pos << 1u) | 1u;
    seg_arg[g_sa + at] = base4 + r + 1u;
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
  if (at != 0u && (seg_pos[g_sp + at - 1u] & 1u) == 0u && seg_arg[g_sa + at - 1u] == off) {
    ps_pos += len;
    return 0u;
  }
  seg_pos[g_sp + at] = ps_pos << 1u;
  seg_arg[g_sa + at] = off;
  ps_pos += len;
  return 1u;
}

// Everything else: shaders/lz_words.wgsl, appended when the pipeline is built.
