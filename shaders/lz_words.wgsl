// lz_words.wgsl — the half shared by lz4.wgsl and snappy.wgsl (appended to each at load time, followed by
// lz_ops.wgsl, OPS operations per workgroup, or by lz_pieces.wgsl, one piece of a large operation per
// workgroup).
//
// Computes: the decoder's state (its bindings come from shaders/decoder_io.wgsl), one round (parse a group of
// sequences, then write its output words), the group parser around the format's fast_one/slow_one, and the
// output half:
// every invocation builds whole 32-bit words of the group's output [b0, b1) from the segment table
// (literal runs from src, copies from this group's literals or from output written in earlier rounds),
// writing each word exactly once.
// Expects from the including decoder: WG, WIN_WORDS, WB, NSEQ, NSEG, SEQ_SEGS, and fast_one(at, lim) and
// slow_one(at), which parse one sequence into at most SEQ_SEGS segments [at, ..) and return how many they
// wrote (fast_one returns NO_FAST, changing nothing, for a sequence it leaves to slow_one).
// Several operations may share a workgroup: OPS of them, LANES = WG / OPS invocations each (op slot
// g_sub = lid / LANES, lane g_lane); the parsers of one warp's operations then run in the same
// instructions. Each slot has its own window, segment table and group state below, and its own lane 0
// parses; rounds go on until every slot is done.
// Expects from the mode file: OPS, a call of set_slot(lid) first, out_before(wi) (an earlier output word),
// earlier(c, run) (a run of bytes before the group, as Bytes), head_links(cur, j), put_word(w, val, links),
// keep_tail_links(cur, links), far(d) (whether a copy of distance d must stop the decoder with ST_FAR;
// Snappy asks for distances past 2^16 - 1), and `main`. A link is nonzero for a byte whose value is not known yet (a piece's byte that
// copies from an earlier piece: lz_pieces.wgsl); one-operation decoders never make one, so their links
// fold away, and never stop ST_FAR. Links move with links.wgsl's lk_shl (in front of every decoder).
// Limits: those of the including decoder (see its header).

const LANES: u32 = WG / OPS;
const_assert WG % OPS == 0u && WIN_WORDS % LANES == 0u;
// A group's NSEQ sequences always fit its segment table, so the parser never checks for room (that check
// was 0.3-0.8% of the decoders' time: BENCHMARKS.md, session 18).
const_assert NSEG >= SEQ_SEGS * NSEQ;
const SP: u32 = NSEG + 1u;                 // seg_pos words per slot
// Group buffers: one per slot, or two for the one slot of the pipelined mode (PIPE, rounds_pipe).
const NB: u32 = select(OPS, 2u, PIPE);
const_assert !PIPE || (OPS == 1u && WG % 64u == 0u);
// Variants for the data a dispatch holds (src/core/shaders.ts literalGroups, byteRuns; the library picks them
// from the operations' compression ratios): each pays for itself only on its kind of data (BENCHMARKS.md,
// session 15).
const LITERALS: bool = false;   // groups of one literal run copied four words at a time (copy_words)
const RUNS: bool = false;       // copies of distance 1 resolved once per run of up to four bytes (resolve)
var<workgroup> win: array<u32, WIN_WORDS * OPS>;   // slot s: src words [wg_base[s], +WIN_WORDS) at s * WIN_WORDS
// Segment k covers output bytes [seg_pos[k] >> 1, seg_pos[k+1] >> 1) (relative to the op's output).
// Bit 0 set: literal run, seg_arg = absolute src byte of its first byte. Clear: match, seg_arg = distance.
// No segment is empty (the parsers write none): resolve() relies on it to find a word's next run.
// Slot s's table: seg_pos[s * SP ..], seg_arg[s * NSEG ..] (the parsers index them from g_sp, g_sa).
var<workgroup> seg_pos: array<u32, SP * NB>;
var<workgroup> seg_arg: array<u32, NSEG * NB>;
var<workgroup> tail: array<u32, 2 * OPS>;  // partial last word of the previous group (double-buffered per slot)
var<workgroup> wg_base: array<u32, OPS>;   // window base (absolute src word)
var<workgroup> wg_b0: array<u32, NB>;      // group output range [wg_b0, wg_b1), per group buffer
var<workgroup> wg_b1: array<u32, NB>;
var<workgroup> wg_cnt: array<u32, NB>;     // segments in the group
var<workgroup> wg_done: array<u32, NB>;    // the group is the slot's last

// The invocation's slot (every invocation).
var<private> g_sub: u32;
var<private> g_lane: u32;
var<private> g_win: u32;       // g_sub * WIN_WORDS
var<private> g_sp: u32;        // g_sub * SP
var<private> g_sa: u32;        // g_sub * NSEG
var<private> g_buf: u32;       // the group buffer publish() fills: the slot's own, or the pipelined one

fn set_slot(lid: u32) {
  // With one slot the offsets below are constant zeros the compiler can fold (the piece decoder).
  g_sub = select(lid / LANES, 0u, OPS == 1u);
  g_lane = select(lid % LANES, lid, OPS == 1u);
  g_win = g_sub * WIN_WORDS;
  g_sp = g_sub * SP;
  g_sa = g_sub * NSEG;
  g_buf = g_sub;
}

// Per-op constants (every invocation).
var<private> g_src_byte: u32;
var<private> g_src_end: u32;
var<private> g_src_last_word: u32;
var<private> g_out_word: u32;
var<private> g_out_cap: u32;

// Parser state (each slot's lane 0 only); it persists across groups in registers.
var<private> ps_p: u32;        // next compressed byte (absolute)
var<private> ps_pos: u32;      // output bytes produced
var<private> ps_status: u32;
var<private> ps_done: bool;
var<private> ps_win_base: u32;

// Copy-phase view of the group (every invocation).
var<private> c_b0: u32;
var<private> c_head: u32;      // word holding bytes [b0 & ~3, b0), written by the previous group
var<private> c_cur: u32;       // which of tail[] holds it
var<private> c_seg: u32;       // the segment holding the first byte of the last run resolve() found

fn src_word(wi: u32) -> u32 {
  // Clamped to the op's own words; bytes past src_end in the last word are never used.
  return src[min(wi, g_src_last_word)];
}

// Window byte r (r < WB).
fn wbyte(r: u32) -> u32 {
  return (win[g_win + (r >> 2u)] >> ((r & 3u) << 3u)) & 0xffu;
}

// Byte p of the compressed stream (absolute address, caller checked p < src_end).
fn pbyte(p: u32) -> u32 {
  let wi = p >> 2u;
  let k = wi - ps_win_base;
  var w: u32;
  if (k < WIN_WORDS) { w = win[g_win + k]; } else { w = src_word(wi); }
  return (w >> ((p & 3u) << 3u)) & 0xffu;
}

fn finish(st: u32) {
  ps_status = st;
  ps_done = true;
}

// The slot's lane 0: publish the group [b0, ps_pos) of cnt segments and where the next round starts.
fn publish(b0: u32, cnt: u32) {
  seg_pos[g_sp + cnt] = ps_pos << 1u;
  wg_b0[g_buf] = b0;
  wg_b1[g_buf] = ps_pos;
  wg_cnt[g_buf] = cnt;
  // A group that is not the last always has segments; an empty one means no progress, so stop.
  if (cnt == 0u) { ps_done = true; }
  ps_win_base = ps_p >> 2u;
  wg_base[g_sub] = ps_win_base;
  wg_done[g_buf] = select(0u, 1u, ps_done);
}

// ---- output words (all invocations) -------------------------------------------------------------------- ---------------------------------------------------------------------------

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

// A run of output bytes: their values as the low bytes of v (0 for a linked byte), how many (>= 1), and
// their links, 16 bits per byte (bytes 0-1 in lk.x, 2-3 in lk.y; 0 for a final byte and past n).
struct Bytes {
  v: u32,
  n: u32,
  lk: vec2<u32>,
}

// Up to `n` (<= 4) output bytes starting at q (b0 <= q < b1): the longest run that maps to contiguous
// bytes of src or of earlier output (earlier() may stop it sooner). With RUNS, a copy of distance 1 (a
// run of one byte, as zeros and RLE data compress) is one byte repeated: the byte before it is resolved
// once and spread over the run (splat()), instead of one step per byte.
// With `near`, q directly follows the previous run of its word, which ended inside the segment it started
// in (c_seg) or at that segment's end: segments are never empty, so q lies in c_seg or the next one, and no
// search is needed.
fn resolve(q: u32, n: u32, cnt: u32, near: bool) -> Bytes {
  var c = q;
  var run = n;
  var hi = cnt;
  var splat_n = 0u;   // bytes of a distance-1 run to fill from the byte being resolved (0: none)
  // Each step moves to a strictly earlier segment, so cnt + 1 steps always suffice.
  for (var step = 0u; step <= NSEG; step += 1u) {
    if (c < c_b0) {
      return splat(earlier(c, run), splat_n);
    }
    // Largest k < hi with start(k) <= c (start(0) = b0 <= c).
    var lo = 0u;
    var len = hi;
    if (step == 0u && near) {
      lo = c_seg + select(0u, 1u, (seg_pos[g_sp + c_seg + 1u] >> 1u) <= c);
      len = 1u;
    }
    loop {
      if (len <= 1u) { break; }
      let half = len >> 1u;
      if ((seg_pos[g_sp + lo + half] >> 1u) <= c) { lo += half; }
      len -= half;
    }
    if (step == 0u) { c_seg = lo; }
    let e = seg_pos[g_sp + lo];
    let st = e >> 1u;
    run = min(run, (seg_pos[g_sp + lo + 1u] >> 1u) - c);
    let arg = seg_arg[g_sa + lo];
    if ((e & 1u) != 0u) {
      return splat(Bytes(src32(arg + (c - st)), run, vec2<u32>(0u, 0u)), splat_n);
    }
    // Copy (match) with distance d: byte c equals byte st - d + (c - st) % d.
    var r = c - st;
    if (r >= arg) { r = r % arg; }
    if (RUNS && arg == 1u && splat_n == 0u) { splat_n = run; }
    run = min(run, arg - r);
    c = st - arg + r;
    hi = lo;
  }
  return Bytes(0u, n, vec2<u32>(0u, 0u));   // unreachable
}

// b's first byte (and its link) repeated n (<= 4) times; b itself for n = 0.
fn splat(b: Bytes, n: u32) -> Bytes {
  if (!RUNS || n == 0u) { return b; }
  let l = b.lk.x & 0xffffu;
  let m = vec2<u32>(select(0xffffu, 0xffffffffu, n >= 2u), select(select(0u, 0xffffu, n == 3u), 0xffffffffu, n >= 4u));
  return Bytes((b.v & 0xffu) * 0x01010101u, n, vec2<u32>(l | (l << 16u), l | (l << 16u)) & m);
}

// Src word base + j for the window (0 past the op's input).
fn window_word(base: u32, j: u32) -> u32 {
  let wi = base + j;
  if (g_src_end != g_src_byte && wi <= g_src_last_word) { return src[wi]; }
  return 0u;
}

// The slot's lanes: src words [base, base + WIN_WORDS) into its window.
fn stage_window(base: u32) {
  for (var j = g_lane; j < WIN_WORDS; j += LANES) { win[g_win + j] = window_word(base, j); }
}

// Writes the words of the slot's group and stages the next window. The window's loads are issued first, so
// that they overlap the group's (the compiler may not move them past the stores to out).
fn copy_group(cur: u32, done: bool) {
  var next: array<u32, WIN_WORDS / LANES>;
  let base = wg_base[g_sub];
  if (!done) {
    for (var k = 0u; k < WIN_WORDS / LANES; k += 1u) { next[k] = window_word(base, g_lane + k * LANES); }
  }
  copy_words(g_buf, 2u * g_sub, cur, g_lane, LANES);
  if (!done) {
    for (var k = 0u; k < WIN_WORDS / LANES; k += 1u) { win[g_win + g_lane + k * LANES] = next[k]; }
  }
}

// Writes the words of group buffer b's group [b0, b1) (relative bytes), lanes `lane`, + stride, ...; the
// partial word before it is tail[tb + cur], the one after it goes to tail[tb + (cur ^ 1)]. The caller has
// pointed g_sp, g_sa at buffer b's segment table.
fn copy_words(b: u32, tb: u32, cur: u32, lane: u32, stride: u32) {
  let b0 = wg_b0[b];
  let b1 = wg_b1[b];
  let cnt = wg_cnt[b];
  c_b0 = b0;
  c_head = tail[tb + cur];
  c_cur = cur;
  let w_end = (b1 + 3u) >> 2u;
  if (cnt == 0u) { return; }
  // With LITERALS, a group that is one literal run (incompressible data: a stored run of up to the whole
  // operation) has its whole words copied four at a time, from five independent loads each; only its
  // first and last word, which may hold bytes of the groups around it, take the general way.
  let wa = (b0 + 3u) >> 2u;
  let wz = b1 >> 2u;
  if (LITERALS && cnt == 1u && (seg_pos[g_sp] & 1u) != 0u && wz > wa) {
    let s = seg_arg[g_sa] + (wa << 2u) - b0;   // src byte of word wa's first byte (the run starts at b0)
    let sh = (s & 3u) << 3u;
    for (var w = wa + 4u * lane; w < wz; w += 4u * stride) {
      let x = (s >> 2u) + (w - wa);
      let v = array<u32, 5>(src_word(x), src_word(x + 1u), src_word(x + 2u), src_word(x + 3u), src_word(x + 4u));
      for (var i = 0u; i < 4u; i += 1u) {
        if (w + i < wz) { put_word(w + i, (v[i] >> sh) | ((v[i + 1u] << (31u - sh)) << 1u), vec2<u32>(0u, 0u)); }
      }
    }
    if (lane == 0u && (b0 >> 2u) < wa) { group_word(b0 >> 2u, b0, b1, cnt, tb, cur, w_end); }
    if (lane == stride - 1u && wz < w_end) { group_word(wz, b0, b1, cnt, tb, cur, w_end); }
    return;
  }
  for (var w = (b0 >> 2u) + lane; w < w_end; w += stride) { group_word(w, b0, b1, cnt, tb, cur, w_end); }
}

// Writes word w of the group [b0, b1) of cnt segments (see copy_words).
fn group_word(w: u32, b0: u32, b1: u32, cnt: u32, tb: u32, cur: u32, w_end: u32) {
  let a = w << 2u;
  var val = 0u;
  var lk = vec2<u32>(0u, 0u);
  var j = 0u;
  if (a < b0) {
    j = b0 - a;
    val = c_head & low_mask(j);
    lk = head_links(cur, j);
  }
  let jend = min(4u, b1 - a);
  for (var t = 0u; t < 4u; t += 1u) {
    if (j >= jend) { break; }
    let r = resolve(a + j, jend - j, cnt, t > 0u);
    val |= (r.v & low_mask(r.n)) << (j << 3u);
    lk |= lk_shl(r.lk, j);
    j += r.n;
  }
  put_word(w, val, lk);
  if (w + 1u == w_end && (b1 & 3u) != 0u) {
    tail[tb + (cur ^ 1u)] = val;
    keep_tail_links(cur ^ 1u, lk);
  }
}

const NO_FAST: u32 = 0xffffffffu;
// Status of a piece stopped at a copy whose distance its 16-bit links cannot hold (far(), lz_pieces.wgsl);
// it never leaves the piece passes.
const ST_FAR: u32 = 0x100u;

// Window bytes r .. r + 3, little-endian (bytes at or past WB read as the last word's).
fn wword(r: u32) -> u32 {
  let wi = r >> 2u;
  let sh = (r & 3u) << 3u;
  return (win[g_win + wi] >> sh) | ((win[g_win + min(wi + 1u, WIN_WORDS - 1u)] << (31u - sh)) << 1u);
}

// Invocation 0: parses up to NSEQ sequences of the group starting at output byte b0 into the segment
// table. A match may copy from earlier sequences of its own group: resolve() follows it back, one step per
// segment (ending the group there instead was 10-24% slower on real data: BENCHMARKS.md, session 10).
// Returns the number of segments.
fn parse_group() -> u32 {
  let lim = min(WB, g_src_end - (ps_win_base << 2u));
  var cnt = 0u;
  for (var k = 0u; k < NSEQ; k += 1u) {
    if (ps_done) { break; }
    var c = fast_one(cnt, lim);
    if (c == NO_FAST) { c = slow_one(cnt); }
    cnt += c;
  }
  return cnt;
}

// All invocations: rounds until the group parser of every slot says its stream (or piece) is done. Every
// round in which a slot is not done produces >= 1 byte of it, so there are at most out_cap + 1 rounds per
// slot; a round without progress ends the slot. A done slot's later rounds parse and write nothing.
fn rounds() {
  var it = 0u;
  loop {
    storageBarrier();
    workgroupBarrier();
    if (g_lane == 0u) {
      let b0 = ps_pos;
      publish(b0, parse_group());
    }
    let done = workgroupUniformLoad(&wg_done);
    copy_group(it & 1u, done[g_sub] != 0u);
    var all = true;
    for (var k = 0u; k < OPS; k += 1u) { all = all && done[k] != 0u; }
    if (all) { break; }
    it += 1u;
  }
}

// The pipelined mode (PIPE: one operation per workgroup of 64 or more invocations): the first warp's lane 0
// parses group p into group buffer p & 1 and restages the window when its parse has used half of it, while
// the second half of the workgroup builds group p - 1's words from the other buffer; one barrier ends each
// phase, so a phase costs the longer of the two instead of their sum. Every phase but the last two publishes
// a group with >= 1 byte, so the loop ends after at most out_cap + 2 phases.
fn rounds_pipe() {
  let half = WG / 2u;
  var kept = ps_win_base;   // lane 0: the staged window's base
  workgroupBarrier();       // the window staged by every lane before the first phase
  for (var p = 0u; p < 0x7fffffffu; p += 1u) {
    if (g_lane == 0u) {
      g_buf = p & 1u;
      g_sp = g_buf * SP;
      g_sa = g_buf * NSEG;
      let b0 = ps_pos;
      publish(b0, parse_group());
      if (ps_win_base - kept >= WIN_WORDS / 2u) {
        for (var j = 0u; j < WIN_WORDS; j += 1u) { win[j] = window_word(ps_win_base, j); }
        kept = ps_win_base;
      } else {
        ps_win_base = kept;
      }
    } else if (g_lane >= half && p > 0u) {
      let b = (p - 1u) & 1u;
      g_sp = b * SP;
      g_sa = b * NSEG;
      copy_words(b, 0u, b, g_lane - half, WG - half);
    }
    storageBarrier();
    let done = workgroupUniformLoad(&wg_done);
    if (p > 0u && done[(p - 1u) & 1u] != 0u) { break; }
  }
}
