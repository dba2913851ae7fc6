// lz_words.wgsl — the output half shared by lz4.wgsl and snappy.wgsl (appended to each at load time).
//
// Computes: phase 4 of an LZ77 decoder round — every invocation builds whole 32-bit words of the batch's
// output [c_b0, c_b1) from the segment table (literal runs from src, copies traced back through earlier
// segments of the batch or read from output written in earlier rounds), writing each word exactly once;
// and `main`, the round loop (speculative parse, chain, segment table, words) shared by both formats.
// Expects from the including decoder: the bindings (ops, src, out, results), the workgroup state and
// helpers of phases 1-3 (spec, chain, slow_one, decode_seqs, publish, finalize_fast and their globals).
// Limits: those of the including decoder (see its header).

// ---- phase 4: output words ---------------------------------------------------------------------------

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
    // Copy (match) with distance d: byte c equals byte st - d + (c - st) % d.
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
    let base = wg_base;
    for (var j = lid; j < WIN_WORDS; j += WG) {
      let wi = base + j;
      var v = 0u;
      if (wi <= g_src_last_word) { v = src[wi]; }
      win[j] = v;
    }
  }
}

const PARSE_SERIAL: bool = true;
const CUT: bool = true;
const FAST: bool = true;
const NO_FAST: u32 = 0xffffffffu;

// Window bytes r .. r + 3, little-endian (bytes at or past WB read as the last word's).
fn wword(r: u32) -> u32 {
  let wi = r >> 2u;
  let sh = (r & 3u) << 3u;
  return (win[wi] >> sh) | ((win[min(wi + 1u, WIN_WORDS - 1u)] << (31u - sh)) << 1u);
}

// Invocation 0: parses up to NSEQ sequences with the careful parser into the segment table. With CUT,
// the batch ends before a match that copies from bytes of this batch other than its own literal run, so
// every byte resolves in at most two steps (match -> literal or committed output).
fn parse_serial(b0: u32) -> u32 {
  let lim = min(WB, g_src_end - (ps_win_base << 2u));
  var cnt = 0u;
  for (var k = 0u; k < NSEQ; k += 1u) {
    if (ps_done || cnt + 2u > NSEG) { break; }
    let p0 = ps_p;
    let pos0 = ps_pos;
    var c = NO_FAST;
    if (FAST) { c = fast_one(cnt, lim); }
    if (c == NO_FAST) { c = slow_one(cnt); }
    if (CUT && c != 0u && cnt != 0u) {
      let e = seg_pos[cnt + c - 1u];
      let om = e >> 1u;
      let d = seg_arg[cnt + c - 1u];
      if ((e & 1u) == 0u && om - d < pos0 && om - d + min(d, ps_pos - om) > b0) {
        ps_p = p0;
        ps_pos = pos0;
        ps_status = ST_OK;
        ps_done = false;
        break;
      }
    }
    cnt += c;
  }
  return cnt;
}

@compute @workgroup_size(WG)
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
    wg_base = ps_win_base;
    wg_p = ps_p;
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

  // Every round that does not finish produces >= 1 byte, so there are at most out_cap + 1 rounds; a
  // round without progress stops the loop.
  var it = 0u;
  loop {
    storageBarrier();
    workgroupBarrier();
    // Phase 1.
    let base4 = wg_base << 2u;
    let r0 = wg_p - base4;
    let lim = min(WB, g_src_end - base4);
    if (!PARSE_SERIAL) {
      for (var r = r0 + lid; r < lim; r += WG) {
        tbl[r] = spec(r, lim);
      }
    }
    workgroupBarrier();
    // Phase 2.
    if (lid == 0u) {
      atomicStore(&wg_bad, 0xffffffffu);
      var n = 0u;
      if (PARSE_SERIAL) {
        let b0 = ps_pos;
        publish(b0, parse_serial(b0));
      } else {
        n = chain(r0, lim);
        if (n == 0u) {
          let b0 = ps_pos;
          publish(b0, slow_one(0u));
        }
      }
      wg_nseq = n;
    }
    let n = workgroupUniformLoad(&wg_nseq);
    // Phase 3.
    if (n != 0u) {
      decode_seqs(lid, n, base4);
      workgroupBarrier();
      if (lid == 0u) { finalize_fast(n); }
    }
    let done = workgroupUniformLoad(&wg_done) != 0u;
    // Phase 4.
    copy_batch(lid, it & 1u, done);
    if (done) { break; }
    it += 1u;
  }

  if (lid == 0u) {
    results[2u * i] = ps_pos;
    results[2u * i + 1u] = ps_status;
  }
}
