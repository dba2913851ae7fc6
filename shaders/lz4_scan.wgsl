// lz4_scan.wgsl — LZ4's sequence step for the boundary scan (lz_scan.wgsl, which it follows): a sequence is
// parsed as lz4.wgsl's slow_one parses it.

// LZ4 length extension from *pp (< end): adds bytes until one is not 255 or the stream ends.
fn ext(pp: ptr<function, u32>, len: u32, end: u32) -> u32 {
  var p = *pp;
  var n = len;
  for (; p < end; ) {
    let b = byte_at(p);
    p += 1u;
    n = min(n + b, LEN_SAT);
    if (b != 255u) { break; }
  }
  *pp = p;
  return n;
}

// One sequence at *pp (< end): advances *pp past it (to end at most) and *po by its output bytes
// (saturating at LEN_SAT).
fn step(pp: ptr<function, u32>, po: ptr<function, u32>, end: u32) {
  var p = *pp;
  let t = byte_at(p);
  p += 1u;
  var ll = t >> 4u;
  if (ll == 15u) { ll = ext(&p, ll, end); }
  var o = min(*po + min(ll, end - p), LEN_SAT);
  if (ll >= end - p) {
    p = end;   // the last sequence, or a literal run cut off
  } else {
    p += ll;
    if (end - p <= 2u) {
      p = end;
    } else {
      p += 2u;
      var ml = t & 15u;
      if (ml == 15u) { ml = ext(&p, ml, end); }
      o = min(o + ml + 4u, LEN_SAT);
    }
  }
  *pp = p;
  *po = o;
}
