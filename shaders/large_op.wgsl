// large_op.wgsl — the record of an operation decoded in pieces, shared by lz_scan.wgsl, inflate_pieces.wgsl and
// lz_pieces.wgsl (src/driver/decompress.ts writes it): its stream and output as in DecodeOp (out_cap
// without the PIECED bit), its segments [seg0, seg0 + nseg) of SEG source bytes for the boundary scan
// (Deflate: DSEG), its piece slots [slot0, slot0 + nslots) (LZ4 and Snappy: nslots = ceil(out_cap / SUB),
// every piece but the last has at least SUB output bytes; Deflate: a slot per segment), and the row of
// the op table whose results it fills; for Deflate, where its pieces' spill areas lie.

struct LargeOp {
  src_byte: u32,
  src_len: u32,
  out_word: u32,
  out_cap: u32,
  seg0: u32,
  nseg: u32,
  slot0: u32,
  nslots: u32,
  row: u32,
  spill_word: u32,   // Deflate: the op's spill area (seg_cap bytes per segment) in inflate_pieces.wgsl's spill
  seg_cap: u32,
}

const SEG: u32 = 4096u;       // source bytes per segment
// Least output bytes per LZ4/Snappy piece (lz_scan.wgsl's join; src/core/state.ts Device.lzPiece).
override SUB: u32 = 65536u;
const NONE: u32 = 0xffffffffu;

// The op of segment g: the last one whose seg0 <= g (large: the including module's binding).
fn op_of(g: u32) -> u32 {
  var lo = 0u;
  var len = arrayLength(&large);
  loop {
    if (len <= 1u) { break; }
    let half = len >> 1u;
    if (large[lo + half].seg0 <= g) { lo += half; }
    len -= half;
  }
  return lo;
}
