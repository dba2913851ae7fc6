// lz_pieces.wgsl — a large LZ4 or Snappy operation decoded by several workgroups (appended after links.wgsl,
// lz4.wgsl or snappy.wgsl, lz_words.wgsl and large_op.wgsl). lz_scan.wgsl has cut each such operation
// at sequence boundaries into pieces of at least SUB output bytes: pieces[s] = (source byte, output byte,
// large-op index, 0) for the op's slots [slot0, slot0 + nslots), unused slots (NONE, ..).
//
// main: one workgroup per slot s (s = workgroup_id.x + workgroup_id.y * num_workgroups.x) decodes its piece
//   k with the one-operation decoder's rounds, starting at the piece's source byte with ps_pos = its first
//   output byte o_k, into the op's output, with out_cap min(out_cap, o_{k+1} rounded up to a word) (the
//   whole op for its last piece). presults[2s] = bytes of the op produced when it stopped (absolute),
//   presults[2s + 1] = its status (OUTPUT_OVERFLOW at that cap means it reached the next piece).
//   Piece k owns the output words [ceil(o_k / 4), ceil(o_{k+1} / 4)): the word where piece k starts is
//   completed and written by piece k - 1, which decodes into piece k's first sequence up to that word's
//   end; piece k keeps its own copy of that word in workgroup memory.
//   A byte that copies from before o_k (a match reaching into earlier pieces, directly or through bytes of
//   this piece that do) is not known yet: its value is left 0 and its link, o_k - t for the byte t before
//   o_k it equals, goes to links (16 bits per output byte, 0 for a final byte). Piece 0 has no such bytes.
//   The link is at most the copy's distance (t is reached from a byte at or after o_k), so it fits 16 bits
//   for every LZ4 offset and Snappy copy with a 1- or 2-byte offset. A piece k >= 1 that meets a copy of a
//   larger distance (Snappy's 4-byte offsets: far()) stops there with status ST_FAR.
// fixup: one workgroup per slot. The op's outcome is that of its first piece that stopped before the next
//   piece's first byte (or of its last piece): exactly the one-operation decoder's, because each piece
//   starts from the state that decoder has at that sequence boundary and decodes the same way until it
//   passes the next one. Slot slot0's invocation 0 writes it to results[2 row], [2 row + 1]. Then every
//   linked byte of the piece below the op's produced bytes follows links: t lies in an earlier piece j
//   (the owner of t's word); a final byte there (link 0, or j = 0) is the value, else t = o_j - link(t).
//   Each step moves to an earlier piece, so at most k steps. The word holding the last produced byte has
//   the bytes after it cleared, so the decoders' contract (zeros past results[2i]) holds.
//   The words are rewritten in place: a word's final bytes are written back with their own values, so
//   another workgroup reading those final bytes meanwhile reads the same values either way.
//   An op whose outcome is ST_FAR is left alone (whole).
// whole: one workgroup per large op (Snappy only; an LZ4 piece never stops ST_FAR): an op whose outcome is
//   ST_FAR is decoded again from its first byte as one piece with the op's whole capacity (no links: the
//   one-operation decoder), which writes results[2 row], [2 row + 1]. Others return at once.
//
// Bindings (group 0): 1 src, 2 out (as for the one-operation decoder), 3 presults (2 words per slot),
//   4 links (a vec2 per output word of out: links.wgsl), 5 pieces, 6 large (LargeOp per op), 7 results
//   (2 words per row of the op table; fixup and whole).
// Limits: those of lz4.wgsl / snappy.wgsl; a link never reaches before the op's first byte (the decoder
//   checks distances against absolute output positions, o_k on), so o_k - link never wraps; every
//   loop is bounded by the op's capacity, its slots or a constant; writes stay inside each op's out and
//   links words.

@group(0) @binding(4) var<storage, read_write> links: array<vec2<u32>>;
@group(0) @binding(5) var<storage, read> pieces: array<vec4<u32>>;
@group(0) @binding(6) var<storage, read> large: array<LargeOp>;
@group(0) @binding(7) var<storage, read_write> final_results: array<u32>;

const OPS: u32 = 1u;                          // one piece per workgroup (lz_words.wgsl slots)
const PIPE: bool = false;
var<workgroup> tail_lk: array<vec2<u32>, 2>;  // links of tail[]
var<workgroup> wg_head: u32;                  // the word where the piece starts, when piece k - 1 owns it
var<workgroup> wg_head_lk: vec2<u32>;
var<workgroup> wg_far: u32;                   // whole: whether the op's outcome is ST_FAR

var<private> g_o0: u32;       // the piece's first output byte
var<private> g_head_w: u32;   // the word it starts in if that is not its own (o_k unaligned), else NONE

fn out_before(wi: u32) -> u32 {
  let a = wi << 2u;
  if (a + 4u <= c_b0) {
    if (wi == g_head_w) { return wg_head; }
    return out[g_out_word + wi];
  }
  if (a < c_b0) { return c_head; }
  return 0u;
}

// Links of word wi of this piece's output (bytes before c_b0): from the partial word of the previous
// group, the word the piece starts in, or links.
fn word_links(wi: u32) -> vec2<u32> {
  if ((wi << 2u) + 4u > c_b0) { return tail_lk[c_cur]; }
  if (wi == g_head_w) { return wg_head_lk; }
  return links[g_out_word + wi];
}

// Bytes before the group: before the piece, they are linked; in it, final or linked as written, up to 4 of
// them at once whatever their links (their values and links are loaded together anyway). The links of
// bytes c .. c + 3 are one or two loads of a word's links, issued together with out32's two (three loads
// of two bytes' links each were 2-3% slower: BENCHMARKS.md, session 23).
fn earlier(c: u32, run: u32) -> Bytes {
  if (c < g_o0) {
    // Byte c + i equals byte c + i of the op's output, so its link is o_k - c - i (>= 1 within n).
    let l = g_o0 - c;
    let lk = vec2<u32>((l & 0xffffu) | (((l - 1u) & 0xffffu) << 16u),
                       ((l - 2u) & 0xffffu) | (((l - 3u) & 0xffffu) << 16u));
    let n = min(run, l);
    return Bytes(0u, n, keep_links(lk, n));
  }
  let r = min(min(run, c_b0 - c), 4u);
  let v = out32(c);
  if (g_o0 == 0u) { return Bytes(v, r, vec2<u32>(0u, 0u)); }
  let sh = c & 3u;
  var lk = lk_shr(word_links(c >> 2u), sh);
  if (sh + r > 4u) { lk = lk | lk_shl(word_links((c >> 2u) + 1u), 4u - sh); }
  lk = keep_links(lk, r);
  // Linked bytes read as 0 (as they were written), kept so explicitly.
  let fin = vec4<bool>((lk.x & 0xffffu) == 0u, (lk.x >> 16u) == 0u, (lk.y & 0xffffu) == 0u, (lk.y >> 16u) == 0u);
  let m = select(vec4<u32>(0u), vec4<u32>(0xffu, 0xff00u, 0xff0000u, 0xff000000u), fin);
  return Bytes(v & (m.x | m.y | m.z | m.w), r, lk);
}

// Links of bytes [0, j) of the word that holds them in tail[cur].
fn head_links(cur: u32, j: u32) -> vec2<u32> {
  return keep_links(tail_lk[cur], j);
}

fn put_word(w: u32, val: u32, lk: vec2<u32>) {
  if (w == g_head_w) {
    wg_head = val;
    wg_head_lk = lk;
    return;
  }
  out[g_out_word + w] = val;
  if (g_o0 != 0u) { links[g_out_word + w] = lk; }
}

fn keep_tail_links(cur: u32, lk: vec2<u32>) {
  tail_lk[cur] = lk;
}

// Whether a copy of distance d may make a link of 2^16 or more (never in piece 0, which makes none).
fn far(d: u32) -> bool {
  return g_o0 != 0u && d > 0xffffu;
}

// All invocations: decodes the op from source byte x, output byte o0 (a sequence boundary; 0 for the whole
// op), with capacity cap; invocation 0 ends with the outcome in ps_pos, ps_status.
fn decode(lid: u32, op: LargeOp, x: u32, o0: u32, cap: u32) {
  set_slot(lid);
  g_src_byte = op.src_byte;
  g_src_end = op.src_byte + op.src_len;
  g_src_last_word = (g_src_end - 1u) >> 2u;   // only used when src_len > 0
  g_out_word = op.out_word;
  g_out_cap = cap;
  g_o0 = o0;
  g_head_w = select(NONE, o0 >> 2u, (o0 & 3u) != 0u);

  if (lid == 0u) {
    ps_p = x;
    ps_pos = o0;
    ps_status = ST_OK;
    ps_done = false;
    ps_win_base = x >> 2u;
    wg_base[0] = ps_win_base;
    tail[0] = 0u;
    tail[1] = 0u;
    tail_lk[0] = vec2<u32>(0u, 0u);
    tail_lk[1] = vec2<u32>(0u, 0u);
    wg_head = 0u;
    wg_head_lk = vec2<u32>(0u, 0u);
  }
  stage_window(x >> 2u);
  rounds();
}

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3<u32>,
        @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) lid: u32) {
  let s = wid.x + wid.y * nwg.x;
  if (s >= arrayLength(&pieces)) { return; }
  let pc = pieces[s];
  if (pc.x == NONE) { return; }
  let op = large[pc.z];
  var cap = op.out_cap;
  if (s + 1u < op.slot0 + op.nslots) {
    let nx = pieces[s + 1u];
    if (nx.x != NONE) { cap = min(cap, (nx.y + 3u) & ~3u); }
  }
  decode(lid, op, pc.x, pc.y, cap);
  if (lid == 0u) {
    results[2u * s] = ps_pos;
    results[2u * s + 1u] = ps_status;
  }
}

// The slot whose outcome is the op's: its first piece that stopped before the next piece starts, or its
// last piece.
fn outcome(op: LargeOp) -> u32 {
  var f = op.slot0;
  for (var j = 0u; j < op.nslots; j += 1u) {
    f = op.slot0 + j;
    if (j + 1u == op.nslots) { break; }
    let nx = pieces[f + 1u];
    if (nx.x == NONE || results[2u * f] < nx.y) { break; }
  }
  return f;
}

@compute @workgroup_size(WG)
fn whole(@builtin(workgroup_id) wid: vec3<u32>,
         @builtin(num_workgroups) nwg: vec3<u32>,
         @builtin(local_invocation_index) lid: u32) {
  let i = wid.x + wid.y * nwg.x;
  if (i >= arrayLength(&large)) { return; }
  let op = large[i];
  if (lid == 0u) { wg_far = select(0u, 1u, results[2u * outcome(op) + 1u] == ST_FAR); }
  if (workgroupUniformLoad(&wg_far) == 0u) { return; }
  decode(lid, op, op.src_byte, 0u, op.out_cap);
  if (lid == 0u) {
    final_results[2u * op.row] = ps_pos;
    final_results[2u * op.row + 1u] = ps_status;
  }
}

// The op's piece starts (output bytes), for fixup; pieces past MAXP are read from `pieces`.
const MAXP: u32 = 64u;
var<workgroup> starts: array<u32, MAXP>;

fn start_of(op: LargeOp, j: u32) -> u32 {
  if (j < MAXP) { return starts[j]; }
  return pieces[op.slot0 + j].y;
}

// Byte t of an op's output, t before piece k's first byte: follows links back to a final byte.
fn chase(op: LargeOp, k: u32, t0: u32) -> u32 {
  var t = t0;
  var j = k;
  for (var hop = 0u; hop <= k; hop += 1u) {
    // The owner of t's word: the last piece before j whose first owned word is at or before it.
    loop {
      j -= 1u;
      if (j == 0u || ((start_of(op, j) + 3u) >> 2u) <= (t >> 2u)) { break; }
    }
    if (j == 0u) { break; }
    let wl = links[op.out_word + (t >> 2u)];
    let l = (select(wl.x, wl.y, (t & 2u) != 0u) >> ((t & 1u) << 4u)) & 0xffffu;
    if (l == 0u) { break; }
    let o = start_of(op, j);
    t = select(0u, o - l, o >= l);
  }
  return (out[op.out_word + (t >> 2u)] >> ((t & 3u) << 3u)) & 0xffu;
}

const FIX_WG: u32 = 256u;

@compute @workgroup_size(FIX_WG)
fn fixup(@builtin(workgroup_id) wid: vec3<u32>,
         @builtin(num_workgroups) nwg: vec3<u32>,
         @builtin(local_invocation_index) lid: u32) {
  let s = wid.x + wid.y * nwg.x;
  if (s >= arrayLength(&pieces)) { return; }
  let pc = pieces[s];
  if (pc.x == NONE) { return; }
  let op = large[pc.z];
  let k = s - op.slot0;
  for (var j = lid; j < min(op.nslots, MAXP); j += FIX_WG) { starts[j] = pieces[op.slot0 + j].y; }
  workgroupBarrier();
  let f = outcome(op);
  if (results[2u * f + 1u] == ST_FAR) { return; }   // whole decodes it
  let produced = results[2u * f];
  if (k == 0u && lid == 0u) {
    final_results[2u * op.row] = produced;
    final_results[2u * op.row + 1u] = results[2u * f + 1u];
  }
  if (s > f) { return; }
  // This piece's words below the produced bytes; piece 0 only clears past them (it has no links).
  var w0 = (pc.y + 3u) >> 2u;
  var w1 = (produced + 3u) >> 2u;
  if (s < f) { w1 = min(w1, (pieces[s + 1u].y + 3u) >> 2u); }
  let wp = produced >> 2u;   // the word holding the last produced byte, if it has bytes after it
  if (k == 0u) {
    if ((produced & 3u) == 0u || wp < w0 || wp >= w1) { return; }
    w0 = wp;
    w1 = wp + 1u;
  }
  for (var w = w0 + lid; w < w1; w += FIX_WG) {
    let gw = op.out_word + w;
    var l0 = 0u;
    var l1 = 0u;
    if (k != 0u) {
      let wl = links[gw];
      l0 = wl.x;
      l1 = wl.y;
    }
    let last = w == wp && (produced & 3u) != 0u;
    if ((l0 | l1) == 0u && !last) { continue; }
    var val = out[gw];
    for (var b = 0u; b < 4u; b += 1u) {
      if ((w << 2u) + b >= produced) { break; }
      let pair = select(l0, l1, b >= 2u);
      let l = (pair >> ((b & 1u) << 4u)) & 0xffffu;
      if (l == 0u) { continue; }
      let v = chase(op, k, select(0u, pc.y - l, pc.y >= l));
      val = (val & ~(0xffu << (b << 3u))) | (v << (b << 3u));
    }
    if (last) { val &= (1u << ((produced & 3u) << 3u)) - 1u; }
    out[gw] = val;
  }
}
