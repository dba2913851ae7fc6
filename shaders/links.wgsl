// links.wgsl — a word's 16-bit links, one per output byte: byte j's in lk.x (j < 2) or lk.y, at bit
// 16 * (j & 1); 0 for a final byte. Shared by the decoders whose pieces link bytes they copy from before
// their first byte (inflate.wgsl with inflate_pieces.wgsl, lz_words.wgsl with lz_pieces.wgsl; in their
// one-operation builds every link is a constant zero); src/core/shaders.ts puts it in front of them. With
// them, low_mask: the byte mask that goes with keep_links.

const NO_LINKS = vec2<u32>(0u, 0u);

// Links moved up (lk_shl) or down (lk_shr) by n bytes (0..3), without branches: two bytes by moving a
// word, one more by a 16-bit shift.
fn lk_shl(l: vec2<u32>, n: u32) -> vec2<u32> {
  let a = select(l, vec2<u32>(0u, l.x), n >= 2u);
  return select(a, vec2<u32>(a.x << 16u, (a.y << 16u) | (a.x >> 16u)), (n & 1u) != 0u);
}

fn lk_shr(l: vec2<u32>, n: u32) -> vec2<u32> {
  let a = select(l, vec2<u32>(l.y, 0u), n >= 2u);
  return select(a, vec2<u32>((a.x >> 16u) | (a.y << 16u), a.y >> 16u), (n & 1u) != 0u);
}

// The mask of a word's bytes [0, n) (n <= 4): what keep_links keeps of their links.
fn low_mask(nbytes: u32) -> u32 {
  return select((1u << (nbytes << 3u)) - 1u, 0xffffffffu, nbytes >= 4u);
}

// The links of bytes [0, n) (n <= 4), the others cleared.
fn keep_links(lk: vec2<u32>, n: u32) -> vec2<u32> {
  let mx = select(select(0u, 0xffffu, n >= 1u), 0xffffffffu, n >= 2u);
  let my = select(select(0u, 0xffffu, n >= 3u), 0xffffffffu, n >= 4u);
  return vec2<u32>(lk.x & mx, lk.y & my);
}
