// inflate_pieces.wgsl — a large Deflate operation decoded by several workgroups (appended after
// inflate.wgsl and large_op.wgsl). Deflate has no boundaries a cheap scan can find, except block starts:
// a dynamic block's header is checked strictly enough that, on zlib's streams, the first position of a
// segment that passes is a true block start (bench/deflate-blocks.mjs: every one of 126 found, no false
// one in 23 M positions). Each op has one slot per segment of DSEG source bytes ([seg0, seg0 + nseg); its
// slots are its segments). Nine passes:
// find: one workgroup per segment: cands[g] = the first bit (of the op's stream) in the segment at which
//   a dynamic block header passes the check (header_start, lengths_ok), NONE if none; the op's first
//   segment gets 0. A candidate is only a guess (join keeps the ones a piece ends on).
// rank, offsets, scatter: the candidates in the order decode takes them, longest first (a piece's decode
//   is serial, and pieces run 2-153 KiB: one started in the batch's last wave ends it long after the
//   others). rank: one invocation per slot: its candidate's span, the segments up to the op's next
//   candidate (about the source it decodes), as a bucket (ranks[s], NONE without a candidate), counted in
//   order[0 ..]; offsets: one workgroup: each bucket's first place, longest first (order[NB ..]), the
//   number of candidates (order[2 NB]), and the counts back to zero for the next batch; scatter: one
//   invocation per slot puts its slot in the next place of its bucket (order[ORDER0 ..]).
// decode: one workgroup per candidate, in that order, runs the one-operation decoder's rounds from it to
//   the first block boundary at or past the op's next candidate, or to its final block: sizes[s] = (end
//   bit, bytes, status, final). Huffman decoding does not depend on the output, so a true block start
//   gives the true end and bytes without the bytes before it. The op's first piece writes out from byte
//   0. Any other writes its slot's spill area (seg_cap bytes per segment, up to the next candidate's
//   slot) as output bytes from o0 = BIAS: a byte that copies from before o0 (directly or through bytes of
//   the piece that do) gets a link, o0 minus the position of the byte it equals (at most 32768, a Deflate
//   distance), 16 bits per byte in `links` (2 words per spill word). A piece longer than its area stops
//   OUTPUT_OVERFLOW, which makes its op decode whole.
// join: one invocation per op follows the chain from bit 0: each piece's end must be a later candidate,
//   the last piece must end with the final block, every piece OK and the bytes within out_cap. Then
//   pieces[s] = (start bit, first output byte, end bit, op) for the chain's slots, NONE for the others,
//   ostate[2 op] = 0 and ostate[2 op + 1] = bytes; otherwise every slot NONE and ostate[2 op] = 1.
// place: one workgroup per piece after an op's first copies its spill area to out at its first output
//   byte (the words that start inside the piece), the linked bytes as they are.
// fixup: one workgroup per op still whole (ostate[2 op] == 0) takes its pieces in order, merges a piece's
//   first bytes into the word it starts in, and replaces each linked byte by the byte its link names,
//   which lies in an earlier piece and is final by then (one load, no chains); a link to before the op's
//   first byte (a distance before the stream's start) sets ostate[2 op] = 1.
// whole: one workgroup per large op: an op still whole gets its results (bytes, OK); any other is decoded
//   again from its first byte by the one-operation decoder's rounds (no links), which gives its exact bytes
//   and status whatever the pieces did.
//
// Bindings (group 0): 1 src, 2 out (as for the one-operation decoder), 3 results (2 words per row of the op
//   table: whole), 4 links (2 words per spill word), 5 pieces (vec4 per slot), 6 large (LargeOp per op,
//   ascending seg0), 7 cands (1 word per slot), 8 sizes (vec4 per slot), 9 spill (words: each op's
//   nseg * seg_cap / 4 from spill_word), 10 ostate (2 words per op), 11 order (ORDER0 + 1 word per slot;
//   zero before the first batch), 12 ranks (1 word per slot).
// Limits: those of inflate.wgsl. Every loop is bounded by DSEG, the op's source bits, its slots or a
//   constant; writes stay inside each op's out words, its spill and links words and its own slots.

@group(0) @binding(4) var<storage, read_write> links: array<u32>;
@group(0) @binding(5) var<storage, read_write> pieces: array<vec4<u32>>;
@group(0) @binding(6) var<storage, read> large: array<LargeOp>;
@group(0) @binding(7) var<storage, read_write> cands: array<u32>;
@group(0) @binding(8) var<storage, read_write> sizes: array<vec4<u32>>;
@group(0) @binding(9) var<storage, read_write> spill: array<u32>;
@group(0) @binding(10) var<storage, read_write> ostate: array<atomic<u32>>;
@group(0) @binding(11) var<storage, read_write> order: array<atomic<u32>>;
@group(0) @binding(12) var<storage, read_write> ranks: array<u32>;

const LINKS: bool = true;     // copy lanes keep links (inflate.wgsl)
const BIAS: u32 = 32768u;   // decode: output room before a piece that is not the op's first (a Deflate distance)
// whole decodes an op again when its pieces did not (tests build it false: src/core/state.ts deflateRedecode).
override REDECODE: bool = true;

var<private> g_o0: u32;     // the piece's first output byte: 0 for the op's first piece (into out, no links), else BIAS (into spill)
var<workgroup> wg_os: u32;
var<workgroup> wg_pc: vec4<u32>;

// pieces[s], as a value uniform across the workgroup (pieces is read_write in this module).
fn piece_of(s: u32, lid: u32) -> vec4<u32> {
  if (lid == 0u) { wg_pc = pieces[s]; }
  return workgroupUniformLoad(&wg_pc);
}

// ostate[2 i] (0: op i is still whole), as a value uniform across the workgroup.
fn ostate_of(i: u32, lid: u32) -> u32 {
  if (lid == 0u) { wg_os = atomicLoad(&ostate[2u * i]); }
  return workgroupUniformLoad(&wg_os);
}

// ---- find -----------------------------------------------------------------------------------------------

// Whether a dynamic block header starts at a position and read_dynamic() would accept it: header_start,
// then lengths_ok (past the stream's end they read zeros, which fail the check soon).
// header_start: its first fields in range and a complete code-length code (Kraft sum by a table). It
// rules out almost every position (0.09% of those in zlib's streams pass: BENCHMARKS.md, session 12);
// lengths_ok then decodes up to 320 code-length symbols (about 45 at a false position). It reads the 96
// bits from the position (w: its three words). find runs it only where the first fields, tested for 32
// positions at once, are in range.
fn header_start(w: vec3<u32>) -> bool {
  let h = w.x & 0x1ffffu;
  let hclen = ((h >> 13u) & 15u) + 4u;
  // The HCLEN 3-bit lengths: 10 in a (bits 17 ..), 9 in b (bits 47 ..); those past HCLEN cleared.
  let a = shifted(w, 17u) & select(0x3fffffffu, (1u << (3u * hclen)) - 1u, hclen < 10u);
  let b = shifted(w, 47u) & select((1u << (3u * (hclen - 10u))) - 1u, 0u, hclen <= 10u);
  // Kraft sum in units of 2^-7, three lengths per lookup.
  let kr = kraft3(a) + kraft3(a >> 9u) + kraft3(a >> 18u) + kraft3(a >> 27u)
         + kraft3(b) + kraft3(b >> 9u) + kraft3(b >> 18u);
  return ((h >> 1u) & 3u) == 2u && ((h >> 3u) & 31u) < 30u && ((h >> 8u) & 31u) < 30u && kr == 128u;
}

// Kraft sum (units of 2^-7) of the three 3-bit lengths in the low 9 bits of x: a byte of wg_kraft.
fn kraft3(x: u32) -> u32 {
  let i = x & 511u;
  return (wg_kraft[i >> 2u] >> ((i & 3u) * 8u)) & 0xffu;
}

// The 32 bits of the 96-bit value w from bit off (off <= 63): bit j is w's bit off + j.
fn shifted(w: vec3<u32>, off: u32) -> u32 {
  let i = off >> 5u;
  let sh = off & 31u;
  let lo = select(w.x, w.y, i == 1u);
  let hi = select(w.y, w.z, i == 1u);
  return select((lo >> sh) | (hi << (32u - sh)), lo, sh == 0u);
}

// n (<= 25) bits of the staged words from bit q (find's wg_src).
fn staged(q: u32, n: u32) -> u32 {
  let i = q >> 5u;
  let sh = q & 31u;
  var v = wg_src[i] >> sh;
  if (sh != 0u) { v = v | (wg_src[i + 1u] << (32u - sh)); }
  return v & ((1u << n) - 1u);
}

// The rest of the check, for a position header_start accepted, at bit `at` of the staged words: it reads
// at most LOK_BITS bits from there.
fn lengths_ok(at: u32) -> bool {
  let h = staged(at + 3u, 14u);
  let hlit = (h & 31u) + 257u;
  let hdist = ((h >> 5u) & 31u) + 1u;
  let hclen = ((h >> 10u) & 15u) + 4u;
  var q = at + 17u;
  var cl: array<u32, 19>;
  var ccnt: array<u32, 16>;
  for (var k = 0u; k < hclen; k++) {
    let l = staged(q, 3u);
    cl[CLORD[k]] = l;
    ccnt[l] += 1u;
    q += 3u;
  }
  ccnt[0] = 0u;
  // Canonical decoding of the code-length code: first code and first symbol index of each length.
  var first: array<u32, 8>;
  var index: array<u32, 8>;
  var syms: array<u32, 19>;
  var code = 0u;
  var idx = 0u;
  for (var l = 1u; l < 8u; l++) {
    first[l] = code;
    index[l] = idx;
    for (var s = 0u; s < 19u; s++) {
      if (cl[s] == l) {
        syms[idx] = s;
        idx += 1u;
      }
    }
    code = (code + ccnt[l]) << 1u;
  }
  // Kraft sums of the literal/length and distance codes (units of 2^-15: 32768 is complete) and their
  // numbers of codes, as lengths are read: an over-subscribed code fails at once (most false positions
  // fail early, by that or by running past HLIT + HDIST).
  var lk = 0u;
  var dk = 0u;
  var ln = 0u;
  var dn = 0u;
  var has_eob = false;
  var prev = 0u;
  var n = 0u;
  let total = hlit + hdist;
  for (var guard = 0u; guard < 320u && n < total; guard++) {
    let look = staged(q, 7u);
    var c = 0u;
    var sym = NONE;
    for (var l = 1u; l < 8u; l++) {
      c = (c << 1u) | ((look >> (l - 1u)) & 1u);
      if (c - first[l] < ccnt[l]) {
        sym = syms[index[l] + c - first[l]];
        q += l;
        break;
      }
    }
    if (sym == NONE) { return false; }   // cannot happen with a complete code; kept as a bound
    var rep = 1u;
    var v = sym;
    if (sym == 16u) {
      if (n == 0u) { return false; }
      v = prev;
      rep = 3u + staged(q, 2u);
      q += 2u;
    } else if (sym == 17u) {
      v = 0u;
      rep = 3u + staged(q, 3u);
      q += 3u;
    } else if (sym == 18u) {
      v = 0u;
      rep = 11u + staged(q, 7u);
      q += 7u;
    }
    if (n + rep > total) { return false; }
    if (v != 0u) {
      // Lengths [n, n + rep) are v: nl of them in the literal/length code, the rest in the distance code.
      let nl = select(0u, min(n + rep, hlit) - n, n < hlit);
      lk += nl << (15u - v);
      dk += (rep - nl) << (15u - v);
      ln += nl;
      dn += rep - nl;
      if (lk > 32768u || dk > 32768u) { return false; }
      if (n <= 256u && 256u < n + rep) { has_eob = true; }
    }
    prev = v;
    n += rep;
  }
  if (n < total || !has_eob) { return false; }
  // Incomplete codes: only one literal/length code of length 1; no distance code, or one of length 1.
  if (lk < 32768u && !(ln == 1u && lk == 16384u)) { return false; }
  if (dk < 32768u && !(dn == 0u || (dn == 1u && dk == 16384u))) { return false; }
  return true;
}

// Bits lengths_ok reads at most: the header's 17, 19 3-bit lengths, 320 symbols of at most 7 + 7 bits.
const LOK_BITS: u32 = 17u + 57u + 320u * 14u;

const DSEG: u32 = 4096u;                     // source bytes per segment (src/core/shaders.ts INFLATE_SEG)
const FIND_WG: u32 = 64u;
const FIND_LIST: u32 = 256u;
// The segment's words (from the one holding its first byte), with what a check at its last bit reads.
const FIND_WORDS: u32 = (DSEG + 3u + (7u + LOK_BITS + 31u) / 8u) / 4u + 2u;
var<workgroup> wg_first: atomic<u32>;
var<workgroup> wg_n: atomic<u32>;
var<workgroup> wg_list: array<u32, FIND_LIST>;   // positions header_start accepted
var<workgroup> wg_src: array<u32, FIND_WORDS>;
var<workgroup> wg_kraft: array<u32, 128>;        // kraft3's table: 512 bytes

@compute @workgroup_size(FIND_WG)
fn find(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) lid: u32) {
  let g = wid.x + wid.y * nwg.x;
  if (g >= arrayLength(&cands)) { return; }
  let op = large[op_of(g)];
  if (g < op.seg0 || g >= op.seg0 + op.nseg) { return; }
  if (g == op.seg0) {
    if (lid == 0u) { cands[g] = 0u; }
    return;
  }
  for (var k = lid; k < 128u; k += FIND_WG) {
    var v = 0u;
    for (var j = 0u; j < 4u; j++) {
      let i = k * 4u + j;
      var c = 0u;
      for (var f = 0u; f < 3u; f++) {
        let l = (i >> (3u * f)) & 7u;
        if (l != 0u) { c += 128u >> l; }
      }
      v = v | (c << (8u * j));
    }
    wg_kraft[k] = v;
  }
  _ = set_stream(op.src_byte, op.src_len);
  // The segment's words go to workgroup memory; every invocation runs the cheap test (header_start) on
  // the positions of every FIND_WG-th word and lists what passes; then the invocations share the listed
  // positions for lengths_ok (a few dozen per segment), so that the costly checks run side by side, and
  // the first position that passes both is the candidate.
  let c0 = (g - op.seg0) * DSEG;        // the segment's first byte, in the stream
  let base = ((sb + c0) & 3u) * 8u;     // its first bit in wg_src
  for (var k = lid; k < FIND_WORDS; k += FIND_WG) { wg_src[k] = src_word(((sb + c0) >> 2u) + k); }
  if (lid == 0u) {
    atomicStore(&wg_n, 0u);
    atomicStore(&wg_first, NONE);
  }
  workgroupBarrier();
  // Positions x (bits from the segment's first) below xlim, a word of 32 per invocation and step. The
  // fields header_start tests first (BTYPE 2, HLIT and HDIST below 30) are tested for all 32 at once,
  // bit-parallel on the words shifted by their offsets; about a fifth pass, and only those run the rest.
  let xlim = 8u * min(DSEG, max(se - sb, c0) - c0);   // 0 for a segment past the 2^27 bytes set_stream reads
  for (var k = lid; 32u * k < xlim; k += FIND_WG) {
    let w = vec3<u32>(wg_src[k], wg_src[k + 1u], wg_src[k + 2u]);   // base < 32: word k holds bit base + 32 k
    var m = ~shifted(w, base + 1u) & shifted(w, base + 2u);
    m = m & ~(shifted(w, base + 4u) & shifted(w, base + 5u) & shifted(w, base + 6u) & shifted(w, base + 7u));
    m = m & ~(shifted(w, base + 9u) & shifted(w, base + 10u) & shifted(w, base + 11u) & shifted(w, base + 12u));
    if (xlim - 32u * k < 32u) { m = m & ((1u << (xlim - 32u * k)) - 1u); }
    // Bounded by the 32 bits of m.
    while (m != 0u) {
      let x = 32u * k + firstTrailingBit(m);
      m = m & (m - 1u);
      let bit = base + x;
      let i = bit >> 5u;
      let sh = bit & 31u;
      var v = vec3<u32>(wg_src[i], wg_src[i + 1u], wg_src[i + 2u]);
      if (sh != 0u) {
        let d = wg_src[i + 3u];
        v = vec3<u32>((v.x >> sh) | (v.y << (32u - sh)), (v.y >> sh) | (v.z << (32u - sh)), (v.z >> sh) | (d << (32u - sh)));
      }
      if (header_start(v)) {
        let at = atomicAdd(&wg_n, 1u);
        // Past a full list a position goes unchecked: the candidate may then be a later one, or none,
        // which only merges pieces (join checks every start).
        if (at < FIND_LIST) { wg_list[at] = x; }
      }
    }
  }
  workgroupBarrier();
  let n = min(atomicLoad(&wg_n), FIND_LIST);
  for (var k = lid; k < n; k += FIND_WG) {
    let x = wg_list[k];
    if (lengths_ok(base + x)) { atomicMin(&wg_first, c0 * 8u + x); }
  }
  workgroupBarrier();
  if (lid == 0u) { cands[g] = atomicLoad(&wg_first); }
}

// ---- join -----------------------------------------------------------------------------------------------

@compute @workgroup_size(64)
fn join(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * nwg.x * 64u;
  if (i >= arrayLength(&large)) { return; }
  let op = large[i];
  let end = op.seg0 + op.nseg;
  var next = op.seg0;
  var o = 0u;
  var whole = true;
  var fin = false;
  for (var t = op.seg0; t < end; t++) {
    if (t != next || !whole || fin) {
      pieces[t] = vec4<u32>(NONE, 0u, 0u, 0u);
      continue;
    }
    let r = sizes[t];
    pieces[t] = vec4<u32>(cands[t], o, r.x, i);
    if (r.z != ST_OK) {
      whole = false;
      continue;
    }
    o += r.y;
    if (r.w != 0u) {
      fin = true;
      continue;
    }
    // The next piece starts where this one stopped: the next candidate, at exactly that bit.
    next = NONE;
    for (var u = t + 1u; u < end; u++) {
      let cu = cands[u];
      if (cu == NONE) { continue; }
      if (cu == r.x) { next = u; }
      break;
    }
    if (next == NONE) { whole = false; }
  }
  whole = whole && fin && o <= op.out_cap;
  if (!whole) {
    for (var t = op.seg0; t < end; t++) { pieces[t] = vec4<u32>(NONE, 0u, 0u, 0u); }
  }
  atomicStore(&ostate[2u * i], select(1u, 0u, whole));
  atomicStore(&ostate[2u * i + 1u], o);
}

// ---- rank, offsets, scatter ----------------------------------------------------------------------------

const NB: u32 = 64u;              // span buckets: 1 .. NB segments (longer spans share the last)
const ORDER0: u32 = 2u * NB + 1u; // order's first slot word (src/core/shaders.ts INFLATE_ORDER0)
var<workgroup> wg_counts: array<u32, NB>;

// The slot of the op's next candidate after slot s, or the op's end (seg0 + nseg) if none.
fn next_cand(op: LargeOp, s: u32) -> u32 {
  var t = s + 1u;
  for (; t < op.seg0 + op.nseg; t++) {
    if (cands[t] != NONE) { break; }
  }
  return t;
}

@compute @workgroup_size(64)
fn rank(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let s = gid.x + gid.y * nwg.x * 64u;
  if (s >= arrayLength(&ranks)) { return; }
  var r = NONE;
  if (cands[s] != NONE) {
    r = min(next_cand(large[op_of(s)], s) - s, NB) - 1u;
    atomicAdd(&order[r], 1u);
  }
  ranks[s] = r;
}

@compute @workgroup_size(NB)
fn offsets(@builtin(local_invocation_index) lid: u32) {
  wg_counts[lid] = atomicLoad(&order[lid]);
  workgroupBarrier();
  var start = 0u;
  for (var b = NB - 1u; b > lid; b--) { start += wg_counts[b]; }
  atomicStore(&order[NB + lid], start);
  atomicStore(&order[lid], 0u);
  if (lid == 0u) { atomicStore(&order[2u * NB], start + wg_counts[0]); }
}

@compute @workgroup_size(64)
fn scatter(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let s = gid.x + gid.y * nwg.x * 64u;
  if (s >= arrayLength(&ranks)) { return; }
  let r = ranks[s];
  if (r == NONE) { return; }
  atomicStore(&order[ORDER0 + atomicAdd(&order[NB + r], 1u)], s);
}

// ---- decode ---------------------------------------------------------------------------------------------

// The first spill word of slot s's area (op: the slot's op): words [spill_at, spill_at + seg_cap / 4) per segment.
fn spill_at(op: LargeOp, s: u32) -> u32 {
  return op.spill_word + (s - op.seg0) * (op.seg_cap >> 2u);
}

// Committed word wi with its links: the op's first piece reads out, the others their spill area.
fn committed_word_lk(wi: u32, hw: u32, head: u32, hlk: vec2<u32>, ow: u32) -> Out4 {
  if (wi == hw) { return Out4(head, hlk); }
  if (g_o0 == 0u) { return Out4(out[ow + wi], NO_LINKS); }
  return Out4(spill[ow + wi], vec2<u32>(links[2u * (ow + wi)], links[2u * (ow + wi) + 1u]));
}

// k (1..4) committed bytes from s with their links; those before the piece are linked by position.
fn committed(s: u32, k: u32, hw: u32, head: u32, hlk: vec2<u32>, ow: u32) -> Out4 {
  if (s >= g_o0) {
    let a = committed_word_lk(s >> 2u, hw, head, hlk, ow);
    let sh = s & 3u;
    var v = a.v >> (sh * 8u);
    var lk = lk_shr(a.lk, sh);
    if (sh + k > 4u) {
      let b = committed_word_lk((s >> 2u) + 1u, hw, head, hlk, ow);
      v = v | (b.v << (32u - sh * 8u));
      lk = lk | lk_shl(b.lk, 4u - sh);
    }
    return Out4(v, lk);
  }
  var v = 0u;
  var lk = NO_LINKS;
  for (var j = 0u; j < k; j++) {
    let q = s + j;
    if (q < g_o0) {
      lk = lk | lk_shl(vec2<u32>(g_o0 - q, 0u), j);
    } else {
      let a = committed_word_lk(q >> 2u, hw, head, hlk, ow);
      v = v | (((a.v >> ((q & 3u) * 8u)) & 0xffu) << (j * 8u));
      lk = lk | lk_shl(keep_links(lk_shr(a.lk, q & 3u), 1u), j);
    }
  }
  return Out4(v, lk);
}

fn put(ow: u32, w: u32, val: u32, lk: vec2<u32>) {
  if (g_o0 == 0u) {
    out[ow + w] = val;
    return;
  }
  spill[ow + w] = val;
  links[2u * (ow + w)] = lk.x;
  links[2u * (ow + w) + 1u] = lk.y;
}

// One workgroup per candidate, longest first (order): decodes from it to the first block boundary at or
// past the op's next candidate (or to the final block). The op's first piece goes to out at byte 0; any
// other to its slot's spill area, from output byte BIAS (the area's first byte), with at most the areas of
// the slots up to the next candidate's; sizes[s] = (end bit, bytes, status, final).
@compute @workgroup_size(WG)
fn decode(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
          @builtin(local_invocation_index) lid: u32) {
  let w = wid.x + wid.y * nwg.x;
  if (lid == 0u) { wg_os = select(NONE, atomicLoad(&order[ORDER0 + w]), w < atomicLoad(&order[2u * NB])); }
  let s = workgroupUniformLoad(&wg_os);
  if (s >= arrayLength(&cands)) { return; }
  if (lid == 0u) { wg_os = cands[s]; }
  let c = workgroupUniformLoad(&wg_os);
  let op = large[op_of(s)];
  let t = next_cand(op, s);
  let stop = select(NO_POS, cands[t], t < op.seg0 + op.nseg);
  if (s == op.seg0) {
    g_o0 = 0u;
    decode_stream(lid, op.src_byte, op.src_len, op.out_word, op.out_cap, c, 0u, stop);
  } else {
    g_o0 = BIAS;
    // Words are addressed from the area's start minus BIAS / 4 (u32 arithmetic wraps): output byte BIAS is
    // the area's first.
    let ow = spill_at(op, s) - BIAS / 4u;
    decode_stream(lid, op.src_byte, op.src_len, ow, BIAS + min((t - s) * op.seg_cap, op.out_cap), c, BIAS, stop);
  }
  if (lid == 0u) { sizes[s] = vec4<u32>(bit_pos(), outpos - g_o0, status, select(0u, 1u, bfinal)); }
}

// ---- place ----------------------------------------------------------------------------------------------

// Four bytes of a piece's spill area from byte r (any alignment), as a word; bytes past n are zero.
fn spill4(at: u32, r: u32, n: u32) -> u32 {
  if (r >= n) { return 0u; }
  let sh = (r & 3u) * 8u;
  var v = spill[at + (r >> 2u)] >> sh;
  if (sh != 0u && r + 4u - (r & 3u) < n) { v = v | (spill[at + (r >> 2u) + 1u] << (32u - sh)); }
  if (n - r < 4u) { v = v & ((1u << ((n - r) * 8u)) - 1u); }
  return v;
}

const PLACE_WG: u32 = 256u;

// One workgroup per piece after the op's first: its spill area's bytes to out at its first byte o0, links
// left unresolved (fixup). A piece writes the words whose first byte is its own (bytes past its end zero),
// so each word has one writer; fixup merges into the word a piece starts in, when o0 is not aligned, the
// piece's first bytes.
@compute @workgroup_size(PLACE_WG)
fn place(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
         @builtin(local_invocation_index) lid: u32) {
  let s = wid.x + wid.y * nwg.x;
  if (s >= arrayLength(&pieces)) { return; }
  let pc = piece_of(s, lid);
  if (pc.x == NONE) { return; }
  let op = large[pc.w];
  if (s == op.seg0 || ostate_of(pc.w, lid) != 0u) { return; }
  let o0 = pc.y;
  let n = sizes[s].y;
  let at = spill_at(op, s);
  let wend = (o0 + n + 3u) >> 2u;
  for (var w = ((o0 + 3u) >> 2u) + lid; w < wend; w += PLACE_WG) { out[op.out_word + w] = spill4(at, w * 4u - o0, n); }
}

// ---- fixup ----------------------------------------------------------------------------------------------

// Byte t of the op's output, from a word every piece before t's has made final.
fn out_byte(op: LargeOp, t: u32) -> u32 {
  return (out[op.out_word + (t >> 2u)] >> ((t & 3u) * 8u)) & 0xffu;
}

// The bytes of a word (val, links lk) of op i whose links point at final bytes: link l of byte b means the
// byte at o - l, o the first byte of the piece the word belongs to.
fn resolve_word(op: LargeOp, i: u32, val: u32, lk: vec2<u32>, o: u32) -> u32 {
  var v = val;
  for (var b = 0u; b < 4u; b++) {
    let l = keep_links(lk_shr(lk, b), 1u).x;
    if (l != 0u) {
      // A link to before the op's first byte is a distance before the stream's start, which a piece's
      // decoder cannot tell (it allows 32 KiB before its first byte): the op is decoded again whole
      // (BAD_DISTANCE).
      if (l > o) { atomicStore(&ostate[2u * i], 1u); }
      let t = select(0u, o - l, o >= l);
      v = (v & ~(0xffu << (b * 8u))) | (out_byte(op, t) << (b * 8u));
    }
  }
  return v;
}

// The links of the piece's bytes [r, r + 4) (r >= 0, any alignment) from its spill area's link words at
// `at`; those of bytes past n cleared (the words there are not the piece's).
fn spill_links(at: u32, r: u32, n: u32) -> vec2<u32> {
  let a = at + (r >> 2u);
  let sub = r & 3u;
  var lk = lk_shr(vec2<u32>(links[2u * a], links[2u * a + 1u]), sub);
  if (sub != 0u && r + 4u - sub < n) { lk = lk | lk_shl(vec2<u32>(links[2u * a + 2u], links[2u * a + 3u]), 4u - sub); }
  return keep_links(lk, min(4u, n - r));
}

// fixup's workgroup size: the device's largest up to 1024 (src/driver/decompress.ts). One workgroup works
// through an op's pieces in order, so its invocations are all the op's fixup has.
override FIX_WG: u32 = 256u;
const FIX_LOADS: u32 = 4u;

// One workgroup per op still whole takes its pieces in order: every linked byte of a piece (link l: the
// byte at o0 - l, before the piece, so final by then) is replaced in out, word by word.
@compute @workgroup_size(FIX_WG)
fn fixup(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
         @builtin(local_invocation_index) lid: u32) {
  let i = wid.x + wid.y * nwg.x;
  if (i >= arrayLength(&large)) { return; }
  if (ostate_of(i, lid) != 0u) { return; }
  let op = large[i];
  for (var s = op.seg0 + 1u; s < op.seg0 + op.nseg; s++) {
    let pc = piece_of(s, lid);
    if (pc.x == NONE) { continue; }
    let o0 = pc.y;
    let n = sizes[s].y;
    let at = spill_at(op, s);
    // The word the piece starts in, when earlier pieces wrote its first bytes: the piece's k bytes there
    // (fewer than 4; later pieces that start in it merge theirs after), links resolved.
    if (lid == 0u && (o0 & 3u) != 0u) {
      let sh = o0 & 3u;
      let k = min(4u - sh, n);
      let mask = ((1u << (k * 8u)) - 1u) << (sh * 8u);
      let lk = lk_shl(keep_links(vec2<u32>(links[2u * at], links[2u * at + 1u]), k), sh);
      let g = op.out_word + (o0 >> 2u);
      out[g] = resolve_word(op, i, (out[g] & ~mask) | ((spill4(at, 0u, n) << (sh * 8u)) & mask), lk, o0);
    }
    let wend = (o0 + n + 3u) >> 2u;
    // FIX_LOADS words per invocation per step, their links loaded together (most words have none).
    for (var w0 = ((o0 + 3u) >> 2u) + lid; w0 < wend; w0 += FIX_WG * FIX_LOADS) {
      var lks: array<vec2<u32>, FIX_LOADS>;
      for (var j = 0u; j < FIX_LOADS; j++) {
        let w = w0 + j * FIX_WG;
        lks[j] = NO_LINKS;   // explicitly: on SwiftShader a loop body's array kept the last step's values
        if (w < wend) { lks[j] = spill_links(at, w * 4u - o0, n); }
      }
      for (var j = 0u; j < FIX_LOADS; j++) {
        let g = op.out_word + w0 + j * FIX_WG;
        if ((lks[j].x | lks[j].y) != 0u) { out[g] = resolve_word(op, i, out[g], lks[j], o0); }
      }
    }
    storageBarrier();
  }
}

// ---- whole ----------------------------------------------------------------------------------------------

@compute @workgroup_size(WG)
fn whole(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
         @builtin(local_invocation_index) lid: u32) {
  let i = wid.x + wid.y * nwg.x;
  if (i >= arrayLength(&large)) { return; }
  let op = large[i];
  if (ostate_of(i, lid) == 0u) {
    if (lid == 0u) {
      results[2u * op.row] = atomicLoad(&ostate[2u * i + 1u]);
      results[2u * op.row + 1u] = ST_OK;
    }
    return;
  }
  if (!REDECODE) { return; }
  g_o0 = 0u;
  decode_stream(lid, op.src_byte, op.src_len, op.out_word, op.out_cap, 0u, 0u, NO_POS);
  if (lid == 0u) {
    results[2u * op.row] = outpos;
    results[2u * op.row + 1u] = status;
  }
}
