// copy_batch.wgsl — many copies between one source and one destination buffer, in two dispatches.
//
// Computes, for every item of the table and every row r < rows (slice r / height, line r % height):
//   dst[it.dst + slice*dst_slice + line*dst_pitch + x] = src[it.src + slice*src_slice + line*src_pitch + x]
// for x in [0, n), n = width, or min(width, sizes[size_at - 1]) when size_at != 0 (a width known only on
// the GPU: the bytes a decoder produced). An item is a 1D copy (rows = 1) or a strided 2D/3D one, at any
// byte offsets.
//
// The destination is cut into 16-byte chunks. A chunk wholly inside one row of one item belongs to that
// row alone: `copy_batch` stores it as one vec4. A chunk holding a row's first or last byte may be shared
// with other rows or items: `copy_batch_edges` (one invocation per row) merges the row's words there with
// atomicAnd/atomicOr on that row's bytes only. Every chunk is written by exactly one of the two
// dispatches, and items — and rows of one item — that share a chunk need no order among themselves:
// any interleaving leaves every byte right. The two are separate dispatches (entry points) because a
// plain vec4 view and an atomic view of one writable buffer cannot be used in one dispatch.
// copy_batch: each item's chunks are cut into tiles of 1024 (16 KiB); workgroup t takes tile t, whose
// item the host names in a map after the items (table[p.map + t]); invocation lid takes the tile's
// chunks lid, lid + 256, lid + 512, lid + 768 (coalesced), all four loads before any store. Source bytes
// at any misalignment are gathered from two aligned vec4s with a funnel shift.
// copy_batch_edges: invocation g takes batch row g, finding its item by binary search on first_row.
// Not defined (as in CUDA): items whose destinations overlap, or an item reading what another writes.
//
// Bindings: 0 params (uniform), 1 dst (read_write), 2 src (read; dropped when source and destination are
// one GPUBuffer, which is then read through dst: lines tagged //@separate / //@same), 3 table (read):
// ITEM_WORDS = 13 u32 per item (src, dst, width, height, rows = height * depth, src_pitch, dst_pitch,
// src_slice, dst_slice, chunks per row, first tile, first row, size_at), or with the override FLAT (a
// table of 1D copies only) FLAT_WORDS = 5 (src, dst, width, size_at, first tile: item i is row i), then
// one u32 per tile; 4 sizes (read: u32 words that size_at names; any buffer when no item has one).
// Limits: byte offsets inside the bound windows, rows * chunks per row and the batch's rows are u32
// (< 2^31 bytes); pitches order rows by address (pitch >= width, slice >= height * pitch); windows are
// whole 16-byte chunks. Source reads are clamped to the binding; a byte read from outside an item's
// source range is always masked off.

struct Params {
  map: u32,      // word of the table where the tile map starts
  tiles: u32,    // tiles in the map (workgroups of copy_batch that have work)
  groups_x: u32, // workgroups per row of copy_batch's 2D dispatch grid
  rows: u32,     // rows of all items (invocations of copy_batch_edges that have work)
  items: u32,
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
  row_chunks: u32,
  first_tile: u32,
  first_row: u32,
  size_at: u32,
}

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read_write> dst: array<vec4<u32>>;
@group(0) @binding(1) var<storage, read_write> dst_words: array<atomic<u32>>;
@group(0) @binding(2) var<storage, read> src: array<vec4<u32>>; //@separate
@group(0) @binding(2) var<storage, read> src_words: array<u32>; //@separate
@group(0) @binding(3) var<storage, read> table: array<u32>;
@group(0) @binding(4) var<storage, read> sizes: array<u32>;

override FLAT: bool = false;
const ITEM_WORDS = 13u;
const FLAT_WORDS = 5u;
const TILE_CHUNKS = 1024u;

fn item(i: u32) -> Item {
  if (FLAT) {
    let o = i * FLAT_WORDS;
    let dst = table[o + 1u];
    let w = table[o + 2u];
    return Item(table[o], dst, w, 1u, 1u, w, w, w, w, ((dst & 15u) + w + 15u) >> 4u, table[o + 4u], i, table[o + 3u]);
  }
  let o = i * ITEM_WORDS;
  return Item(table[o], table[o + 1u], table[o + 2u], table[o + 3u], table[o + 4u], table[o + 5u],
              table[o + 6u], table[o + 7u], table[o + 8u], table[o + 9u], table[o + 10u], table[o + 11u],
              table[o + 12u]);
}

// Bytes a row of the item copies.
fn width_of(it: Item) -> u32 {
  if (it.size_at == 0u) { return it.width; }
  return min(it.width, sizes[it.size_at - 1u]);
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

fn src_chunk(i: u32) -> vec4<u32> {
  let n = arrayLength(&src); //@separate
//@same  let n = arrayLength(&dst);
  return src[min(i, n - 1u)]; //@separate
//@same  return dst[min(i, n - 1u)];
}

// The 16 source bytes from byte sb on.
fn load_chunk(sb: u32) -> vec4<u32> {
  let a = src_chunk(sb >> 4u);
  let r = sb & 15u;
  if (r == 0u) { return a; }
  let b = src_chunk((sb >> 4u) + 1u);
  // lo: the words r / 4 .. r / 4 + 3 of a, b; hi: the words after each.
  var lo = b;
  var hi = b;
  switch (r >> 2u) {
    case 0u: { lo = a; hi = vec4<u32>(a.yzw, b.x); }
    case 1u: { lo = vec4<u32>(a.yzw, b.x); hi = vec4<u32>(a.zw, b.xy); }
    case 2u: { lo = vec4<u32>(a.zw, b.xy); hi = vec4<u32>(a.w, b.xyz); }
    default: { lo = vec4<u32>(a.w, b.xyz); }
  }
  let sh = (r & 3u) * 8u;
  if (sh == 0u) { return lo; }
  return (lo >> vec4<u32>(sh)) | (hi << vec4<u32>(32u - sh));
}

@compute @workgroup_size(256)
fn copy_batch(@builtin(workgroup_id) gid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let tile = gid.y * p.groups_x + gid.x;
  if (tile >= p.tiles) { return; }
  let it = item(table[p.map + tile]);
  let n = width_of(it);
  let units = it.rows * it.row_chunks;
  let base = (tile - it.first_tile) * TILE_CHUNKS + lid;
  // 0xffffffff marks a slot with nothing to store.
  var chunk = array<u32, 4>(0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu);
  var value: array<vec4<u32>, 4>;
  for (var k = 0u; k < 4u; k++) {
    let u = base + 256u * k;
    if (u >= units) { break; }
    var r = 0u;
    var c = u;
    if (it.rows > 1u) {
      r = u / it.row_chunks;
      c = u - r * it.row_chunks;
    }
    let ds = row_dst(it, r);
    let b0 = ((ds >> 4u) + c) * 16u;
    // Only chunks wholly inside the row: the rest are copy_batch_edges'.
    if (b0 < ds || b0 + 16u > ds + n) { continue; }
    value[k] = load_chunk(row_src(it, r) + b0 - ds);
    chunk[k] = b0 >> 4u;
  }
  for (var k = 0u; k < 4u; k++) {
    if (chunk[k] != 0xffffffffu) { dst[chunk[k]] = value[k]; }
  }
}

fn src_word(i: i32) -> u32 {
  let n = i32(arrayLength(&src_words)); //@separate
//@same  let n = i32(arrayLength(&dst_words));
  let j = clamp(i, 0, n - 1);
  return src_words[j]; //@separate
//@same  return atomicLoad(&dst_words[j]);
}

// Mask of the bytes [lo, hi) of a word (0 <= lo < hi <= 4).
fn byte_mask(lo: u32, hi: u32) -> u32 {
  let hi_bits = select((1u << (8u * hi)) - 1u, 0xffffffffu, hi == 4u);
  return hi_bits & ~((1u << (8u * lo)) - 1u);
}

// Writes the row's bytes of chunk c: destination bytes [ds, end) come from source bytes from ss on.
fn merge_chunk(c: u32, ds: u32, end: u32, ss: u32) {
  for (var k = 0u; k < 4u; k++) {
    let b0 = c * 16u + 4u * k;
    if (b0 + 4u <= ds) { continue; }
    if (b0 >= end) { return; }
    // Source byte of the word's first byte (up to 3 before the row for its first word: masked).
    let sb = i32(ss) + i32(b0) - i32(ds);
    let sh = u32(sb & 3) * 8u;
    let a = src_word(sb >> 2u);
    var v = a;
    if (sh != 0u) { v = (a >> sh) | (src_word((sb >> 2u) + 1) << (32u - sh)); }
    let m = byte_mask(max(ds, b0) - b0, min(end, b0 + 4u) - b0);
    let w = b0 >> 2u;
    if (m == 0xffffffffu) {
      atomicStore(&dst_words[w], v);
    } else {
      atomicAnd(&dst_words[w], ~m);
      atomicOr(&dst_words[w], v & m);
    }
  }
}

@compute @workgroup_size(64)
fn copy_batch_edges(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let g = gid.y * nwg.x * 64u + gid.x;
  if (g >= p.rows) { return; }
  // The last item whose first row is at or before g (in a flat table, item g).
  var lo = select(0u, g, FLAT);
  var hi = select(p.items, g + 1u, FLAT);
  while (hi - lo > 1u) {
    let mid = (lo + hi) / 2u;
    if (table[mid * ITEM_WORDS + 11u] <= g) { lo = mid; } else { hi = mid; }
  }
  let it = item(lo);
  let r = g - it.first_row;
  let n = width_of(it);
  if (n == 0u) { return; }
  let ds = row_dst(it, r);
  let end = ds + n;
  let ss = row_src(it, r);
  let c0 = ds >> 4u;
  let c1 = (end - 1u) >> 4u;
  if ((ds & 15u) != 0u || c0 * 16u + 16u > end) { merge_chunk(c0, ds, end, ss); }
  if (c1 != c0 && (end & 15u) != 0u) { merge_chunk(c1, ds, end, ss); }
}
