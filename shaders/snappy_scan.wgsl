// snappy_scan.wgsl — Snappy's element step for the boundary scan (lz_scan.wgsl, which it follows): an
// element (a "sequence" there) is parsed as snappy.wgsl's slow_one parses it.

// One element at *pp (< end): advances *pp past it (to end at most) and *po by its output bytes
// (saturating at LEN_SAT).
fn step(pp: ptr<function, u32>, po: ptr<function, u32>, end: u32) {
  var p = *pp;
  let tag = byte_at(p);
  p += 1u;
  var o = *po;
  let kind = tag & 3u;
  if (kind == 0u) {
    var len = (tag >> 2u) + 1u;
    if (len > 60u) {
      let k = len - 60u;   // 1..4 length bytes
      if (end - p < k) {
        len = 0u;
        p = end;
      } else {
        var v = 0u;
        for (var j = 0u; j < k; j += 1u) { v |= byte_at(p + j) << (j << 3u); }
        len = min(v, LEN_SAT) + 1u;
        p += k;
      }
    }
    // A literal cut off at the end of the stream ends the walk there.
    let n = min(len, end - p);
    p += n;
    o = min(o + n, LEN_SAT);
  } else {
    let k = select(kind, 4u, kind == 3u);   // offset bytes
    let len = select((tag >> 2u) + 1u, ((tag >> 2u) & 7u) + 4u, kind == 1u);
    if (end - p < k) {
      p = end;
    } else {
      p += k;
      o = min(o + len, LEN_SAT);
    }
  }
  *pp = p;
  *po = o;
}
