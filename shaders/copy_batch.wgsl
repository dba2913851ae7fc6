// copy_batch.wgsl — many copies between one source and one destination buffer in one dispatch.
//
// Computes, for every item of the table and every row r < rows (slice r / height, line r % height):
//   dst[it.dst + slice*dst_slice + line*dst_pitch + x] = src[it.src + slice*src_slice + line*src_pitch + x]
// for x in [0, width). An item is a 1D copy (rows = 1) or a strided 2D/3D one, at any byte offsets.
//
// How: each item's destination is cut into tiles of 1024 words (4 KiB); workgroup t takes tile t, whose
// item the host names in a map after the items (table[p.map + t]); invocation lid takes the tile's words
// lid, lid + 256, lid + 512, lid + 768 (coalesced). A word wholly inside one row of one item is stored;
// a word holding a row's first or last byte is merged with atomicAnd/atomicOr on that row's bytes only.
// So items — and rows of one item — that share a word or a 16-byte chunk need no order among
// themselves: any interleaving leaves every byte right. Destination words are atomics, so interior
// words are atomicStore of one word, not vec4 stores: WGSL has no vector atomics, and WebGPU forbids a
// second, plain view of the same writable buffer in one dispatch. Source bytes at any misalignment are
// gathered from two aligned words with a funnel shift; the four words' loads are issued before any store.
// Not defined (as in CUDA): items whose destinations overlap, or an item reading what another writes.
//
// Bindings: 0 params (uniform), 1 dst (read_write, atomic words), 2 src (read; dropped when source and
// destination are one GPUBuffer, which is then read through dst: lines tagged //@separate / //@same),
// 3 table (read): ITEM_WORDS = 12 u32 per item (src, dst, width, height, rows = height * depth,
// src_pitch, dst_pitch, src_slice, dst_slice, words per row, first tile, unused), then one u32 per tile.
// Limits: byte offsets inside the bound windows and rows * words per row are u32 (< 2^31 bytes);
// pitches order rows by address (pitch >= width, slice >= height * pitch). Source reads are clamped to
// the binding; a byte read from outside an item's source range is always masked off.

struct Params {
  map: u32,      // word of the table where the tile map starts
  tiles: u32,    // tiles in the map (workgroups that have work)
  groups_x: u32, // workgroups per row of the 2D dispatch grid
  pad: u32,
}

struct Item {
  src: u32,
  dst: u32,
  width: u32,
  height: u32,
  rows: u32,
  src_pitch: u32,
  dst_pitch: u32,
  src_slice: u32,
  dst_slice: u32,
  row_words: u32,
  first_tile: u32,
}

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read_write> dst: array<atomic<u32>>;
@group(0) @binding(2) var<storage, read> src: array<u32>; //@separate
@group(0) @binding(3) var<storage, read> table: array<u32>;

const ITEM_WORDS = 12u;
const TILE_WORDS = 1024u;

fn item(i: u32) -> Item {
  let o = i * ITEM_WORDS;
  return Item(table[o], table[o + 1u], table[o + 2u], table[o + 3u], table[o + 4u], table[o + 5u],
              table[o + 6u], table[o + 7u], table[o + 8u], table[o + 9u], table[o + 10u]);
}

fn src_word(i: i32) -> u32 {
  let n = i32(arrayLength(&src)); //@separate
//@same  let n = i32(arrayLength(&dst));
  let j = clamp(i, 0, n - 1);
  return src[j]; //@separate
//@same  return atomicLoad(&dst[j]);
}

// Integer division is slow on GPUs: a 2D item (one slice) skips it.
fn row_dst(it: Item, r: u32) -> u32 {
  if (it.height == it.rows) { return it.dst + r * it.dst_pitch; }
  return it.dst + (r / it.height) * it.dst_slice + (r % it.height) * it.dst_pitch;
}

fn row_src(it: Item, r: u32) -> u32 {
  if (it.height == it.rows) { return it.src + r * it.src_pitch; }
  return it.src + (r / it.height) * it.src_slice + (r % it.height) * it.src_pitch;
}

// Mask of the bytes [lo, hi) of a word (0 <= lo < hi <= 4).
fn byte_mask(lo: u32, hi: u32) -> u32 {
  let hi_bits = select((1u << (8u * hi)) - 1u, 0xffffffffu, hi == 4u);
  return hi_bits & ~((1u << (8u * lo)) - 1u);
}

@compute @workgroup_size(256)
fn copy_batch(@builtin(workgroup_id) gid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let tile = gid.y * p.groups_x + gid.x;
  if (tile >= p.tiles) { return; }
  let it = item(table[p.map + tile]);
  let units = it.rows * it.row_words;
  let base = (tile - it.first_tile) * TILE_WORDS + lid;
  // Zero-initialised: a mask of 0 marks a slot with nothing to store.
  var word: array<u32, 4>;
  var mask: array<u32, 4>;
  var value: array<u32, 4>;
  // Loads first, stores after: four words' loads in flight per invocation.
  for (var k = 0u; k < 4u; k++) {
    let u = base + 256u * k;
    if (u >= units) { break; }
    var r = 0u;
    var w = u;
    if (it.rows > 1u) {
      r = u / it.row_words;
      w = u - r * it.row_words;
    }
    let ds = row_dst(it, r);
    let end = ds + it.width;
    let b0 = ((ds >> 2u) + w) * 4u;
    if (b0 >= end) { continue; }
    // Source byte of the word's first byte (up to 3 before the row for its first word: masked).
    let sb = i32(row_src(it, r)) + i32(b0) - i32(ds);
    let sh = u32(sb & 3) * 8u;
    let a = src_word(sb >> 2u);
    var v = a;
    if (sh != 0u) { v = (a >> sh) | (src_word((sb >> 2u) + 1) << (32u - sh)); }
    word[k] = b0 >> 2u;
    mask[k] = byte_mask(max(ds, b0) - b0, min(end, b0 + 4u) - b0);
    value[k] = v;
  }
  for (var k = 0u; k < 4u; k++) {
    let m = mask[k];
    if (m == 0xffffffffu) {
      atomicStore(&dst[word[k]], value[k]);
    } else if (m != 0u) {
      atomicAnd(&dst[word[k]], ~m);
      atomicOr(&dst[word[k]], value[k] & m);
    }
  }
}
