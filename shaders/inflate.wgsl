// inflate.wgsl: decoder of many raw Deflate streams at once (RFC 1951, no zlib/gzip wrapper).
//
// Computes: for every DecodeOp i, the bytes that the raw Deflate stream src[src_byte, src_byte+src_len)
// decodes to, written to out starting at word out_word. Stored, fixed-Huffman and dynamic-Huffman blocks
// in any mix, distances up to 32 KiB. Decoding stops after the block with BFINAL = 1; trailing bytes are
// ignored.
//
// Bindings (group 0):
//   0 ops     : array<DecodeOp{src_byte, src_len, out_word, out_cap}>, read
//   1 src     : array<u32>, read; byte b is (src[b >> 2] >> ((b & 3) * 8)) & 0xff
//   2 out     : array<u32>, read_write; need not be cleared. Op i writes only whole words of
//               [out_word, out_word + ceil(out_cap / 4)) (bytes of the last word past its output are
//               zero) and reads back only its own output (back-references).
//   3 results : array<u32>, read_write; results[2i] = bytes produced, results[2i + 1] = status
// Dispatch: one workgroup per op (inflate_ops.wgsl, appended after this file, has the entry point), op i =
// workgroup_id.x + workgroup_id.y * num_workgroups.x (2D grids for more than 65535 ops); workgroups with
// i >= arrayLength(&ops) return at once. Large operations: inflate_pieces.wgsl.
//
// The operation record, the bindings and the ST_* constants are shared by every decoder: src/core/shaders.ts
// puts them (shaders/decoder_io.wgsl, DECOMPRESS_STATUS) in front of this file.
// Status codes (shared with the LZ4 and Snappy decoders):
//   0 OK
//   1 OUTPUT_OVERFLOW  a literal, match or stored block would end past out_cap (it is not written)
//   2 TRUNCATED        the stream needs bits past src_len (also: no final block before the end)
//   3 BAD_BLOCK_TYPE   BTYPE = 3
//   4 BAD_HUFFMAN      HLIT > 286 or HDIST > 30; over-subscribed code; incomplete code other than a single
//                      length-1 code (an all-zero distance code is accepted); incomplete code-length code;
//                      repeat code 16 first; repeats running past HLIT + HDIST; symbol 256 without a code
//   5 BAD_DISTANCE     a match reaches before the start of the output
//   6 BAD_STORED_LEN   stored block with LEN != ~NLEN
//   7 BAD_SYMBOL       literal/length 286/287 or distance 30/31 (fixed codes), or a bit pattern that is no
//                      codeword of an incomplete code (e.g. any distance with an empty distance code)
//   8 BAD_END          LZ4 only, never set here
// On an error results[2i] is the number of bytes produced before the failing symbol or block; all of them
// are written. When the bits that decide an error lie past src_len the status is TRUNCATED.
//
// Limits: workgroup size WG = 96, about 3.5 KiB of workgroup memory (WebGPU defaults: 256 / 16 KiB);
// src_len counts at most 2^27 bytes and out_cap at most 2^30 (the rest is ignored). Every loop is bounded
// by src_len, the number of operations or a constant, whatever the stream says.
//
// Design: one workgroup per op. Invocation 0 (the leader) owns the bit reader (64-bit buffer in two u32,
// input read a word ahead), builds the Huffman tables (first-level lookup tables of LBITS / DBITS bits with
// 16-bit entries, a canonical search for longer codes) and decodes a round of up to NCMD commands (literal
// runs, matches, stored blocks) into workgroup memory. Meanwhile the copy lanes (invocations COPY0.., in
// other warps than the leader's) write the previous round to `out`, whole words at a time; a barrier
// separates the phases, so decoding and copying overlap. The leader ends a round before a match whose
// source reaches into it, so a copy lane takes every byte from a literal, a stored byte or output
// committed before the round, up to four bytes with one or two loads (gather). Rounds that let chains of
// up to three matches inside a round be followed back instead were 13% slower on text, 6% on x86 code and
// 17% at 1 MiB, and 1% faster on columnar numbers, whose matches copy from a few bytes back (session 25).
// The variant for runs (RUNS, below) lengthens a periodic match by the next match of its distance, so a
// run is one command.
// Tuning (H200, 64 KiB chunks, bench/sweep.ts): less workgroup memory was faster (LBITS 9 and NCMD 32 beat
// 10 and 64), and WG 96 beat 64, 80, 112 and 128 (33 against 28 GB/s for 128).


const WG: u32 = 96u;
const COPY0: u32 = 32u;            // first copy lane: keep the copy lanes out of the leader's warp
const NCOPY: u32 = WG - COPY0;
const LBITS: u32 = 9u;             // first-level literal/length table bits (1-2% of symbols take the slow path)
const DBITS: u32 = 8u;             // first-level distance table bits (>= 7: it also holds the code-length code)
const NCMD: u32 = 32u;             // commands per round
const LITCAP: u32 = 128u;          // literal bytes per round (multiple of 4)
// Leader loop bound per round: every step adds a command or a literal, lengthens the round's last match
// (RUNS), or ends a block; a round of lengthened matches may end at the bound with room left.
const ITERS: u32 = NCMD + LITCAP + 16u;
// The variant for runs of repeated bytes (src/core/shaders.ts byteRuns; the library picks it for dispatches
// of mostly 16-fold compression or more): a match right after a periodic one of the same distance lengthens
// it, so a run is one command and its round does not end at every match. H200, 4096 x 64 KiB of zeros: 5.85
// -> 1.78 ms; in the plain decoder the same code cost every other kind of data 1-2.5%, and this build
// decodes text 19% slower (BENCHMARKS.md, session 23).
const RUNS: bool = false;
const_assert COPY0 < WG && WG <= 256u;
const_assert DBITS >= 7u && DBITS <= 15u && LBITS >= 1u && LBITS <= 15u;
const_assert NCMD >= 2u && NCMD <= 256u && (NCMD & (NCMD - 1u)) == 0u && LITCAP % 4u == 0u && LITCAP >= 4u;

// Table entries are 16 bits, two per u32 (small tables keep more workgroups resident): symbol in bits 0-8,
// code length in bits 9-12; 0 means "no code of at most LBITS/DBITS bits starts with these bits".

// Command = kind << 30 | argument: literal-buffer offset, src byte relative to src_byte, or distance.
const NO_POS: u32 = 0xffffffffu;   // no position (also: never stop)
const C_LIT: u32 = 0u;
const C_STORED: u32 = 1u;
const C_MATCH: u32 = 2u;
const ARG_MASK: u32 = 0x3fffffffu;

// Block states of the leader.
const B_HDR: u32 = 0u;
const B_HUF: u32 = 1u;
const B_DONE: u32 = 2u;

const CLORD = array<u32, 19>(16u, 17u, 18u, 0u, 8u, 7u, 9u, 6u, 10u, 5u, 11u, 4u, 12u, 3u, 13u, 2u, 14u, 1u, 15u);

var<workgroup> ltab: array<u32, (1u << LBITS) / 2u>;
var<workgroup> dtab: array<u32, (1u << DBITS) / 2u>;   // also the code-length code's 7-bit table
var<workgroup> slow: array<u32, 64>;       // [(table * 16 + len) * 2]: first code, count | offset << 16
var<workgroup> lsyms: array<u32, 160>;     // symbols of codes longer than the first level, u16 pairs
var<workgroup> lens: array<u32, 80>;       // 320 code lengths, bytes
var<workgroup> cstart: array<u32, 2u * (NCMD + 1u)>;   // per buffer: output start of each command, then the round end
var<workgroup> cmd: array<u32, 2u * NCMD>;             // kind << 30 | argument
var<workgroup> litw: array<u32, LITCAP / 2u>;       // 2 buffers of LITCAP literal bytes
var<workgroup> wg_ncmd: array<u32, 2>;
var<workgroup> wg_head: array<u32, 2>;     // word holding the bytes just before a round's first byte
var<workgroup> wg_head_lk: array<vec2<u32>, 2>;   // its bytes' links (Out4)
var<workgroup> wg_fin: u32;                // last round index + 1, set once by the leader

// Leader state (only invocation 0 uses it).
var<private> bl: u32;        // bit buffer, low word (next bits in the LSBs)
var<private> bh: u32;        // bit buffer, high word
var<private> nb: u32;        // valid bits in the buffer (<= 64)
var<private> virt: u32;      // how many of the top buffered bits lie past src_len (read as zeros)
var<private> rw: u32;        // index of the src word in pf
var<private> pf: u32;        // src_word(rw), loaded one refill ahead to hide the load latency
var<private> sb: u32;        // src byte range [sb, se) (sb is set in every lane)
var<private> se: u32;
var<private> full_end: u32;  // src words below this index lie wholly inside [sb, se) from sb's word on
var<private> outpos: u32;
var<private> ocap: u32;
var<private> status: u32;
var<private> bstate: u32;
var<private> bfinal: bool;
var<private> fixed_ok: bool; // tables hold the fixed code
var<private> pend_len: u32;  // a match decoded but deferred to the next round
var<private> pend_dist: u32;
var<private> stop_bit: u32;  // stop at the first block boundary at or past this bit of the stream (NO_POS: never)

// ---- bit reader ---------------------------------------------------------------------------------------

// Word widx of src with bytes outside [sb, se) cleared; never touches a word without bytes in range.
fn src_word(widx: u32) -> u32 {
  let wb = widx * 4u;
  if (wb >= se || wb + 4u <= sb) { return 0u; }
  var w = src[widx];
  if (wb < sb) { w = w & (0xffffffffu << ((sb - wb) * 8u)); }
  if (wb + 4u > se) { w = w & (0xffffffffu >> ((wb + 4u - se) * 8u)); }
  return w;
}

fn real_bytes(wb: u32) -> u32 {
  if (se <= wb) { return 0u; }
  return min(se - wb, 4u);
}

fn rd_init(p: u32) {
  rw = p >> 2u;
  let sh = (p & 3u) * 8u;
  bl = src_word(rw) >> sh;
  bh = 0u;
  nb = 32u - sh;
  let real = real_bytes(rw * 4u) * 8u;
  virt = select(nb, nb - (real - sh), real > sh);
  rw = rw + 1u;
  pf = src_word(rw);
}

// Bits of the stream consumed so far (from its first byte sb).
fn bit_pos() -> u32 {
  return (rw * 4u - sb) * 8u - nb;
}

// Every invocation: the op's stream is [src_byte, src_byte + src_len), at most 2^27 bytes of it (copy lanes
// read stored blocks relative to sb). Returns its length.
fn set_stream(src_byte: u32, src_len: u32) -> u32 {
  let slen = min(src_len, 1u << 27u);
  sb = src_byte;
  se = src_byte + slen;
  full_end = se >> 2u;
  return slen;
}

// The leader's state for decoding from bit `bit` of the stream (a block boundary) with output byte o next,
// at most cap bytes in all; stops at the first block boundary at or past bit `stop`. After set_stream.
fn leader_start(bit: u32, o: u32, cap: u32, stop: u32) {
  outpos = o;
  ocap = cap;
  stop_bit = stop;
  status = ST_TRUNCATED;
  bstate = B_HDR;
  bfinal = false;
  fixed_ok = false;
  pend_len = 0u;
  rd_init(sb + (bit >> 3u));
  if ((bit & 7u) != 0u) { drop(bit & 7u); }
}

// Appends 32 bits; call with nb <= 32.
fn refill() {
  let w = pf;
  // rw is past sb's word (rd_init), so a word below full_end needs no mask and adds no virtual bits. The
  // piece decoder (LINKS) keeps the general path: this one was 5% slower there (session 22).
  if (!LINKS && rw + 1u < full_end) {
    rw = rw + 1u;
    pf = src[rw];
  } else {
    virt = virt + 32u - real_bytes(rw * 4u) * 8u;
    rw = rw + 1u;
    pf = src_word(rw);
  }
  if (nb == 0u) {
    bl = w;
  } else if (nb == 32u) {
    bh = w;
  } else {
    bl = bl | (w << nb);
    bh = w >> (32u - nb);
  }
  nb = nb + 32u;
}

// Drops 1..31 bits.
fn drop(n: u32) {
  bl = (bl >> n) | (bh << (32u - n));
  bh = bh >> n;
  nb = nb - n;
}

fn fail(code: u32) {
  // Bits consumed past the end mean the stream was cut short, whatever they decoded to.
  status = select(code, ST_TRUNCATED, nb < virt);
  bstate = B_DONE;
}

// A bit pattern that is no codeword: the decision used up to 15 bits.
fn fail_code() {
  fail(select(ST_BAD_SYMBOL, ST_TRUNCATED, virt > 0u && nb < virt + 15u));
}

// ---- Huffman tables -------------------------------------------------------------------------------------

fn len_get(i: u32) -> u32 {
  return (lens[i >> 2u] >> ((i & 3u) * 8u)) & 0xffu;
}

fn len_set(i: u32, v: u32) {
  let sh = (i & 3u) * 8u;
  lens[i >> 2u] = (lens[i >> 2u] & ~(0xffu << sh)) | (v << sh);
}

// kind 0: literal/length (ltab), 1: distance and 2: code-length code (dtab).
fn tab_get(kind: u32, idx: u32) -> u32 {
  let sh = (idx & 1u) * 16u;
  if (kind == 0u) { return (ltab[idx >> 1u] >> sh) & 0xffffu; }
  return (dtab[idx >> 1u] >> sh) & 0xffffu;
}

fn tab_put(kind: u32, idx: u32, v: u32) {
  let sh = (idx & 1u) * 16u;
  let keep = ~(0xffffu << sh);
  if (kind == 0u) {
    ltab[idx >> 1u] = (ltab[idx >> 1u] & keep) | (v << sh);
  } else {
    dtab[idx >> 1u] = (dtab[idx >> 1u] & keep) | (v << sh);
  }
}

// Builds the decode table of kind from lens[off, off + n). Returns false for a code that is not allowed.
fn build(kind: u32, off: u32, n: u32) -> bool {
  var cnt: array<u32, 16>;
  for (var s = 0u; s < n; s++) {
    let l = len_get(off + s);
    cnt[l] = cnt[l] + 1u;
  }
  cnt[0] = 0u;
  var left = 1i;
  var total = 0u;
  for (var l = 1u; l < 16u; l++) {
    left = left * 2i - i32(cnt[l]);
    if (left < 0i) { return false; }   // over-subscribed
    total = total + cnt[l];
  }
  var tb = 7u;
  if (kind == 0u) { tb = LBITS; } else if (kind == 1u) { tb = DBITS; }
  let tsize = 1u << tb;
  if (left > 0i) {
    // Incomplete: only an empty distance code or one length-1 code (zlib's rule); the code-length code
    // must be complete.
    if (kind == 2u || !(total == 0u || (total == 1u && cnt[1] == 1u))) { return false; }
    for (var x = 0u; x < tsize / 2u; x++) {
      if (kind == 0u) { ltab[x] = 0u; } else { dtab[x] = 0u; }
    }
  }
  // First canonical code of each length; codes longer than tb get a canonical search in `slow`.
  var next: array<u32, 16>;
  var code = 0u;
  var soff = 0u;
  for (var l = 1u; l < 16u; l++) {
    code = (code + cnt[l - 1u]) << 1u;
    next[l] = code;
    if (kind < 2u) {
      let si = (kind * 16u + l) * 2u;
      slow[si] = code;
      if (l > tb) {
        slow[si + 1u] = cnt[l] | (soff << 16u);
        soff = soff + cnt[l];
      } else {
        slow[si + 1u] = 0u;
      }
    }
  }
  for (var s = 0u; s < n; s++) {
    let l = len_get(off + s);
    if (l == 0u) { continue; }
    let c = next[l];
    next[l] = c + 1u;
    let rev = reverseBits(c) >> (32u - l);   // Deflate sends Huffman codes MSB first
    if (l <= tb) {
      let e = s | (l << 9u);
      for (var x = rev; x < tsize; x += (1u << l)) { tab_put(kind, x, e); }
    } else {
      tab_put(kind, rev & (tsize - 1u), 0u);  // prefix of a long code: take the slow path
      let si = (kind * 16u + l) * 2u;
      let idx = kind * 288u + (slow[si + 1u] >> 16u) + (c - slow[si]);
      let sh = (idx & 1u) * 16u;
      lsyms[idx >> 1u] = (lsyms[idx >> 1u] & ~(0xffffu << sh)) | (s << sh);
    }
  }
  return true;
}

// Codes longer than the first level: canonical search, length by length. Returns 0 for no codeword.
fn slow_decode(kind: u32) -> u32 {
  let tb = select(LBITS, DBITS, kind == 1u);
  let rev = reverseBits(bl);
  for (var l = tb + 1u; l < 16u; l++) {
    let si = (kind * 16u + l) * 2u;
    let d = (rev >> (32u - l)) - slow[si];
    let co = slow[si + 1u];
    if (d < (co & 0xffffu)) {
      let idx = kind * 288u + (co >> 16u) + d;
      let s = (lsyms[idx >> 1u] >> ((idx & 1u) * 16u)) & 0xffffu;
      return s | (l << 9u);
    }
  }
  return 0u;
}

fn build_fixed() {
  for (var k = 0u; k < 80u; k++) {
    var v = 0x05050505u;                        // distances 0..31: 5 bits
    if (k < 36u) { v = 0x08080808u; }           // 0..143: 8
    else if (k < 64u) { v = 0x09090909u; }      // 144..255: 9
    else if (k < 70u) { v = 0x07070707u; }      // 256..279: 7
    else if (k < 72u) { v = 0x08080808u; }      // 280..287: 8
    lens[k] = v;
  }
  _ = build(0u, 0u, 288u);
  _ = build(1u, 288u, 32u);
}

// Reads a dynamic block header and builds its tables. Returns 0 or a status.
fn read_dynamic() -> u32 {
  if (nb <= 32u) { refill(); }
  let hlit = (bl & 31u) + 257u;
  let hdist = ((bl >> 5u) & 31u) + 1u;
  let hclen = ((bl >> 10u) & 15u) + 4u;
  drop(14u);
  if (nb < virt) { return ST_TRUNCATED; }
  if (hlit > 286u || hdist > 30u) { return ST_BAD_HUFFMAN; }
  for (var k = 0u; k < 5u; k++) { lens[k] = 0u; }
  for (var k = 0u; k < hclen; k++) {
    if (nb <= 32u) { refill(); }
    len_set(CLORD[k], bl & 7u);
    drop(3u);
  }
  if (nb < virt) { return ST_TRUNCATED; }
  if (!build(2u, 0u, 19u)) { return ST_BAD_HUFFMAN; }
  let total = hlit + hdist;
  var n = 0u;
  for (var guard = 0u; guard < 320u && n < total; guard++) {
    if (nb <= 32u) { refill(); }
    let e = tab_get(2u, bl & 127u);   // complete code of at most 7 bits: every entry is valid
    drop(e >> 9u);
    let sym = e & 511u;
    if (sym < 16u) {
      len_set(n, sym);
      n = n + 1u;
      continue;
    }
    var rep = 0u;
    var v = 0u;
    if (sym == 16u) {
      if (n == 0u) { return ST_BAD_HUFFMAN; }
      v = len_get(n - 1u);
      rep = 3u + (bl & 3u);
      drop(2u);
    } else if (sym == 17u) {
      rep = 3u + (bl & 7u);
      drop(3u);
    } else {
      rep = 11u + (bl & 127u);
      drop(7u);
    }
    if (n + rep > total) { return ST_BAD_HUFFMAN; }
    for (var j = 0u; j < rep; j++) { len_set(n + j, v); }
    n = n + rep;
  }
  if (nb < virt) { return ST_TRUNCATED; }
  if (len_get(256u) == 0u) { return ST_BAD_HUFFMAN; }
  if (!build(0u, 0u, hlit)) { return ST_BAD_HUFFMAN; }
  if (!build(1u, hlit, hdist)) { return ST_BAD_HUFFMAN; }
  return 0u;
}

// ---- leader: decode one round -------------------------------------------------------------------------

fn decode_round(buf: u32) {
  let cb = buf * (NCMD + 1u);
  let ab = buf * NCMD;
  let lb = buf * (LITCAP / 4u);
  let b0 = outpos;
  var ncmd = 0u;
  var nlit = 0u;
  var acc = 0u;
  var lastlit = false;
  if (pend_len != 0u) {
    // Deferred because its source reached into the last round: it lies before b0 now.
    cstart[cb] = outpos;
    cmd[ab] = (C_MATCH << 30u) | pend_dist;
    ncmd = 1u;
    outpos = outpos + pend_len;
    pend_len = 0u;
  }
  for (var it = 0u; it < ITERS; it++) {
    if (ncmd >= NCMD || nlit >= LITCAP || bstate == B_DONE) { break; }
    if (bstate == B_HDR) {
      // A piece ends at a block boundary (inflate_pieces.wgsl); bfinal stays false, so it is told apart.
      if (bit_pos() >= stop_bit) { bstate = B_DONE; status = ST_OK; break; }
      if (nb <= 32u) { refill(); }
      let h = bl & 7u;
      drop(3u);
      if (nb < virt) { fail(ST_TRUNCATED); break; }
      bfinal = (h & 1u) != 0u;
      let bt = h >> 1u;
      if (bt == 0u) {
        if ((nb & 7u) != 0u) { drop(nb & 7u); }   // to a byte boundary (loads are byte aligned)
        if (nb <= 32u) { refill(); }
        let ln = bl & 0xffffu;
        let nl = bl >> 16u;
        drop(16u);
        drop(16u);
        if (nb < virt) { fail(ST_TRUNCATED); break; }
        if (ln != (~nl & 0xffffu)) { fail(ST_BAD_STORED_LEN); break; }
        let p = rw * 4u - nb / 8u;   // first payload byte
        if (ln > se - p) { fail(ST_TRUNCATED); break; }
        if (ln > ocap - outpos) { fail(ST_OUTPUT_OVERFLOW); break; }
        if (ln > 0u) {
          cstart[cb + ncmd] = outpos;
          cmd[ab + ncmd] = (C_STORED << 30u) | (p - sb);
          ncmd = ncmd + 1u;
          outpos = outpos + ln;
          lastlit = false;
        }
        rd_init(p + ln);
        if (bfinal) { bstate = B_DONE; status = ST_OK; }
        continue;
      }
      if (bt == 1u) {
        if (!fixed_ok) { build_fixed(); fixed_ok = true; }
        bstate = B_HUF;
        continue;
      }
      if (bt == 2u) {
        fixed_ok = false;
        let r = read_dynamic();
        if (r != 0u) { fail(r); break; }
        bstate = B_HUF;
        continue;
      }
      fail(ST_BAD_BLOCK_TYPE);
      break;
    }

    // One literal/length symbol.
    if (nb <= 32u) { refill(); }
    var e = tab_get(0u, bl & ((1u << LBITS) - 1u));
    if (e == 0u) {
      e = slow_decode(0u);
      if (e == 0u) { fail_code(); break; }
    }
    let cl = e >> 9u;
    let sym = e & 511u;
    if (sym < 256u) {
      drop(cl);
      // One branch for the checks (non-short-circuit `|`); fail() gives TRUNCATED first.
      if ((nb < virt) | (outpos >= ocap)) { fail(ST_OUTPUT_OVERFLOW); break; }
      if (!lastlit) {
        cstart[cb + ncmd] = outpos;
        cmd[ab + ncmd] = (C_LIT << 30u) | nlit;
        ncmd = ncmd + 1u;
        lastlit = true;
      }
      acc = acc | (sym << ((nlit & 3u) * 8u));
      nlit = nlit + 1u;
      if ((nlit & 3u) == 0u) {
        litw[lb + (nlit >> 2u) - 1u] = acc;
        acc = 0u;
      }
      outpos = outpos + 1u;
      continue;
    }
    if (sym == 256u) {
      drop(cl);
      if (nb < virt) { fail(ST_TRUNCATED); break; }
      if (bfinal) { bstate = B_DONE; status = ST_OK; } else { bstate = B_HDR; }
      continue;
    }
    if (sym >= 286u) {
      drop(cl);
      fail(ST_BAD_SYMBOL);
      break;
    }
    // Length symbols 257..285: base and extra bits (RFC 1951 3.2.5).
    let ls = sym - 257u;
    var len = ls + 3u;
    var xb = 0u;
    if (ls == 28u) {
      len = 258u;
    } else if (ls >= 8u) {
      xb = (ls - 4u) >> 2u;
      len = (((ls & 3u) + 4u) << xb) + 3u;
    }
    len = len + ((bl >> cl) & ((1u << xb) - 1u));
    drop(cl + xb);
    if (nb <= 32u) { refill(); }
    var de = tab_get(1u, bl & ((1u << DBITS) - 1u));
    if (de == 0u) {
      de = slow_decode(1u);
      if (de == 0u) { fail_code(); break; }
    }
    let dl = de >> 9u;
    let ds = de & 511u;
    if (ds >= 30u) {
      drop(dl);
      fail(ST_BAD_SYMBOL);
      break;
    }
    var dist = ds + 1u;
    var dx = 0u;
    if (ds >= 4u) {
      dx = (ds >> 1u) - 1u;
      dist = ((2u + (ds & 1u)) << dx) + 1u;
    }
    dist = dist + ((bl >> dl) & ((1u << dx) - 1u));
    drop(dl + dx);
    if ((nb < virt) | (dist > outpos) | (len > ocap - outpos)) {
      fail(select(ST_OUTPUT_OVERFLOW, ST_BAD_DISTANCE, dist > outpos));
      break;
    }
    // RUNS: a match that continues the round's last command, a periodic match of the same distance (byte p
    // = byte p - dist throughout), lengthens it: its source period stays the same. A run is a chain of
    // 258-byte matches; as one command it does not end the round at every match.
    if (RUNS && ncmd > 0u) {
      let lc = ncmd - 1u;
      if (cmd[ab + lc] == ((C_MATCH << 30u) | dist) && outpos - cstart[cb + lc] >= dist) {
        outpos = outpos + len;
        continue;
      }
    }
    lastlit = false;
    // A match whose source period reaches into the round waits for the next round, so that every match
    // copies from output committed before its round (gather).
    let s_end = outpos - dist + min(dist, len);
    if (s_end > b0) {
      pend_len = len;
      pend_dist = dist;
      break;
    }
    cstart[cb + ncmd] = outpos;
    cmd[ab + ncmd] = (C_MATCH << 30u) | dist;
    ncmd = ncmd + 1u;
    outpos = outpos + len;
  }
  cstart[cb + ncmd] = outpos;
  if ((nlit & 3u) != 0u) { litw[lb + (nlit >> 2u)] = acc; }
  wg_ncmd[buf] = ncmd;
}

// ---- copy lanes: write one round ------------------------------------------------------------------------

// Largest c < n with cstart[cb + c] <= p (cstart[cb] <= p holds): log2(NCMD) fixed steps without a branch,
// the same instructions in every lane.
fn find_cmd(cb: u32, n: u32, p: u32) -> u32 {
  var lo = 0u;
  for (var h = NCMD / 2u; h != 0u; h = h >> 1u) {
    let m = lo + h;
    lo = select(lo, m, (m < n) & (cstart[cb + m] <= p));
  }
  return lo;
}

// Up to 4 output bytes (low bytes of v) with their links (links.wgsl, in front of this file). In a piece
// (inflate_pieces.wgsl) a byte that equals a byte before the piece's first byte o0 carries o0 minus that
// byte's position. The one-operation decoder
// (inflate_ops.wgsl, LINKS false) has none: its links are constant zeros, and the arithmetic folds away.
struct Out4 {
  v: u32,
  lk: vec2<u32>,
}

// Output word wi as committed before this round (the head word is taken from its snapshot, since the
// lane owning it rewrites it during this phase).
fn committed_word(wi: u32, hw: u32, head: u32, ow: u32) -> u32 {
  if (wi == hw) { return head; }
  return out[ow + wi];
}

// k (1..4) bytes starting at s, from output committed before b0 (s + k <= b0), in the low bytes.
fn committed_bytes(s: u32, k: u32, hw: u32, head: u32, ow: u32) -> u32 {
  let wi = s >> 2u;
  let sh = (s & 3u) * 8u;
  var v = committed_word(wi, hw, head, ow) >> sh;
  if (sh + k * 8u > 32u) { v = v | (committed_word(wi + 1u, hw, head, ow) << (32u - sh)); }
  return v;
}

fn lit_bytes(lb: u32, o: u32, k: u32) -> u32 {
  let wi = lb + (o >> 2u);
  let sh = (o & 3u) * 8u;
  var v = litw[wi] >> sh;
  if (sh + k * 8u > 32u) { v = v | (litw[wi + 1u] << (32u - sh)); }
  return v;
}

fn src_bytes(o: u32, k: u32) -> u32 {
  let wi = o >> 2u;
  let sh = (o & 3u) * 8u;
  var v = src[wi] >> sh;
  if (sh + k * 8u > 32u) { v = v | (src[wi + 1u] << (32u - sh)); }
  return v;
}

// Bytes [pa, pb) (1..4 of them) of command c, in the low bytes. A match copies from output committed
// before the round (decode_round ends a round before a match whose source reaches into it): byte p of a
// match of distance a starting at cs is byte cs - a + (p - cs) % a, and its source period is committed.
fn gather(buf: u32, c: u32, pa: u32, pb: u32, hw: u32, head: u32, hlk: vec2<u32>, ow: u32) -> Out4 {
  let k = pb - pa;
  let kmask = low_mask(k);
  let x = cmd[buf * NCMD + c];
  let a = x & ARG_MASK;
  let cs = cstart[buf * (NCMD + 1u) + c];
  if ((x >> 30u) == C_LIT) { return Out4(lit_bytes(buf * (LITCAP / 4u), a + pa - cs, k) & kmask, NO_LINKS); }
  if ((x >> 30u) == C_STORED) { return Out4(src_bytes(sb + a + pa - cs, k) & kmask, NO_LINKS); }
  var r = pa - cs;
  if (r >= a) { r = r % a; }   // overlapping match: the output repeats with period a
  let n1 = min(k, a - r);      // bytes before the period ends
  let m = committed(cs - a + r, n1, hw, head, hlk, ow);
  var v = m.v & low_mask(n1);
  var lk = keep_links(m.lk, n1);
  if (n1 < k) {
    // The rest repeats the period from its start (a period of 1-3 bytes, as runs compress, more than once).
    let h = committed(cs - a, min(a, 4u), hw, head, hlk, ow);
    for (var j = n1; j < k; j++) {
      let i = (r + j - a) % a;
      v = v | (((h.v >> (i * 8u)) & 0xffu) << (j * 8u));
      lk = lk | lk_shl(keep_links(lk_shr(h.lk, i), 1u), j);
    }
  }
  return Out4(v, lk);
}

fn copy_round(buf: u32, lane: u32, ow: u32) {
  let cb = buf * (NCMD + 1u);
  let n = wg_ncmd[buf];
  let b0 = cstart[cb];
  let b1 = cstart[cb + n];
  let head = wg_head[buf];
  // Without links (LINKS, the mode's file: false for one operation per workgroup) every link is a constant
  // zero, and the arithmetic on them folds away.
  var hlk = NO_LINKS;
  if (LINKS) { hlk = wg_head_lk[buf]; }
  let hw = b0 >> 2u;
  if (b1 == b0) {
    if (lane == 0u) {
      wg_head[buf ^ 1u] = head;
      if (LINKS) { wg_head_lk[buf ^ 1u] = hlk; }
    }
    return;
  }
  let wend = (b1 + 3u) >> 2u;
  for (var w = hw + lane; w < wend; w += NCOPY) {
    let wb = w * 4u;
    let p1 = min(wb + 4u, b1);
    var pa = max(wb, b0);
    var val = 0u;
    var lk = NO_LINKS;
    if (wb < b0) {
      val = head & ((1u << ((b0 - wb) * 8u)) - 1u);
      lk = keep_links(hlk, b0 - wb);
    }
    var c = find_cmd(cb, n, pa);
    for (var g = 0u; g < 4u && pa < p1; g++) {
      let pb = min(p1, cstart[cb + c + 1u]);
      let o = gather(buf, c, pa, pb, hw, head, hlk, ow);
      val = val | (o.v << ((pa - wb) * 8u));
      lk = lk | lk_shl(o.lk, pa - wb);
      pa = pb;
      c = c + 1u;
    }
    put(ow, w, val, lk);
    if (w + 1u == wend) {
      wg_head[buf ^ 1u] = val;
      if (LINKS) { wg_head_lk[buf ^ 1u] = lk; }
    }
  }
}

// Every invocation: decodes a stream (src_byte, src_len) into op words from ow, with at most cap bytes
// (at most 2^30) in all, from bit `bit` with output byte o next, until the end of its final block or the
// first block boundary at or past bit `stop` (leader_start). The leader decodes round p while the copy
// lanes write round p - 1; it ends with outpos and status.
fn decode_stream(lid: u32, src_byte: u32, src_len: u32, ow: u32, cap: u32, bit: u32, o: u32, stop: u32) {
  let slen = set_stream(src_byte, src_len);
  if (lid == 0u) {
    leader_start(bit, o, min(cap, 1u << 30u), stop);
    wg_fin = 0u;      // no reliance on workgroup zero-initialisation
    wg_head[0] = 0u;
    if (LINKS) { wg_head_lk[0] = NO_LINKS; }
  }
  // Every round but the last consumes input bits, so this bound is never reached by the leader.
  let bound = slen * 8u + 8u;
  var done = false;
  for (var phase = 0u; phase <= bound; phase++) {
    if (lid == 0u) {
      if (!done) {
        decode_round(phase & 1u);
        if (bstate == B_DONE && pend_len == 0u) {
          done = true;
          wg_fin = phase + 1u;
        }
      }
    } else if (lid >= COPY0 && phase > 0u) {
      copy_round((phase - 1u) & 1u, lid - COPY0, ow);
    }
    storageBarrier();
    let fin = workgroupUniformLoad(&wg_fin);
    if (fin != 0u && phase >= fin) { break; }
  }
}
