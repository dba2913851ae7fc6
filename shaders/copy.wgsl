// copy.wgsl — strided byte copies and pattern fills over device memory, one dispatch each.
//
// Computes, for rows r = 0 .. rows*depth-1 (row r sits in slice r / rows, line r % rows):
//   copy: dst[dst_off + slice*dst_slice + line*dst_pitch + x] = src[src_off + slice*src_slice + line*src_pitch + x]
//   fill: dst[dst_off + slice*dst_slice + line*dst_pitch + x] = byte (addr & 3) of `pattern`
// for x in [0, width). Covers 1D (rows = depth = 1), 2D and 3D copies and memsets at any byte offset.
//
// How: the destination rows are cut into 16-byte-aligned chunks, and every chunk is owned by exactly one
// invocation, so no two invocations ever write the same word (no atomics, no lost bytes). A chunk wholly
// inside one row is one vec4 store; edge chunks merge the bytes of every row that touches them into the
// old value (masked). Source bytes at any misalignment are gathered with funnel shifts from two aligned
// vec4 loads; a chunk whose source is 16-byte aligned too is one vec4 load.
// Chunks are grouped into tiles of TILE = WG * CHUNKS chunks; invocation lid of a workgroup takes the
// tile's chunks lid, lid + WG, lid + 2 WG, ... (coalesced), loading all of them before storing any when
// the tile is interior to its row. Tiles are laid out in one of two modes:
//   row mode (tiles_per_row > 0): a tile lies inside one row, tiles_per_row tiles per row; the grid walks
//     the tiles (row, x) with a stride of `groups` tiles kept as (step_rows, step_tiles), so no division
//     per tile. 1D transfers and 2D/3D ones with long rows.
//   flat mode (tiles_per_row = 0): chunks of all rows are numbered one after another (row = index /
//     chunks_per_row: one division per chunk); tile t covers TILE of them. Short rows.
// The grid holds `groups` workgroups (at most the tiles; fewer when the host caps it) and workgroup g
// takes tiles g, g + groups, g + 2 groups, ... (a grid-stride loop).
// Bindings: 0 params (uniform), 1 dst (read_write), 2 src (read; dropped when source and destination are
// one GPUBuffer, which is then read through dst).
// Limits: offsets and extents are u32 byte counts inside the bound windows (< 2^31); pitches must place
// rows in increasing address order (pitch >= width, slice >= rows * pitch), which the host guarantees.
// The host binds the same GPUBuffer once when src and dst share it (lines tagged //@separate are dropped
// and //@same lines enabled). Many small copies go to copy_batch.wgsl instead.

// Invocations per workgroup and chunks per invocation per tile (the bench's sweep patches these lines).
const WG: u32 = 256u;
const CHUNKS: u32 = 4u;
const TILE: u32 = WG * CHUNKS;

struct Params {
  src_off: u32,
  dst_off: u32,
  width: u32,
  rows: u32,
  src_pitch: u32,
  dst_pitch: u32,
  src_slice: u32,
  dst_slice: u32,
  total_rows: u32,     // rows * depth
  chunks_per_row: u32, // chunks a row touches (exact when all rows start at one phase mod 16, else ceil((15 + width) / 16))
  pattern: u32,        // fill value, already replicated to 32 bits
  groups_x: u32,       // workgroups per dispatch row: workgroup g = gid.y * groups_x + gid.x
  tiles_per_row: u32,  // row mode: tiles per row; 0: flat mode
  step_rows: u32,      // row mode: groups / tiles_per_row
  step_tiles: u32,     // row mode: groups % tiles_per_row; flat mode: groups
  total_tiles: u32,    // flat mode: ceil(total_rows * chunks_per_row / TILE)
}

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read_write> dst: array<vec4<u32>>;
@group(0) @binding(2) var<storage, read> src: array<vec4<u32>>; //@separate

fn src_vec(i: i32) -> vec4<u32> {
  let n = i32(arrayLength(&src)); //@separate
//@same  let n = i32(arrayLength(&dst));
  let j = clamp(i, 0, n - 1);
  return src[j]; //@separate
//@same  return dst[j];
}

// Integer division is slow on GPUs: 1D and 2D shapes (one slice) skip it (uniform branches).
fn row_dst(r: u32) -> u32 {
  if (p.rows == p.total_rows) { return p.dst_off + r * p.dst_pitch; }
  return p.dst_off + (r / p.rows) * p.dst_slice + (r % p.rows) * p.dst_pitch;
}

fn row_src(r: u32) -> u32 {
  if (p.rows == p.total_rows) { return p.src_off + r * p.src_pitch; }
  return p.src_off + (r / p.rows) * p.src_slice + (r % p.rows) * p.src_pitch;
}

// Mask of the bytes [lo, hi) (relative to a 16-byte chunk) that fall in 32-bit word k.
fn word_mask(k: u32, lo: u32, hi: u32) -> u32 {
  let a = clamp(lo, 4u * k, 4u * k + 4u) - 4u * k;
  let b = clamp(hi, 4u * k, 4u * k + 4u) - 4u * k;
  if (b <= a) { return 0u; }
  let hi_bits = select((1u << (8u * b)) - 1u, 0xffffffffu, b == 4u);
  let lo_bits = (1u << (8u * a)) - 1u;
  return hi_bits & ~lo_bits;
}

fn chunk_mask(lo: u32, hi: u32) -> vec4<u32> {
  return vec4<u32>(word_mask(0u, lo, hi), word_mask(1u, lo, hi), word_mask(2u, lo, hi), word_mask(3u, lo, hi));
}

fn funnel(a: u32, b: u32, sh: u32) -> u32 {
  return select((a >> sh) | (b << (32u - sh)), a, sh == 0u);
}

// The 16 source bytes that land in a destination chunk whose first byte maps to source byte `sb`
// (sb may be negative or past the end for bytes the caller masks off).
fn gather(sb: i32) -> vec4<u32> {
  if ((sb & 15) == 0) { return src_vec(sb >> 4u); }
  let w = sb >> 2u;             // first source word (floor)
  let sh = u32(sb & 3) * 8u;
  let v = w >> 2u;              // first source vec4
  let k = u32(w & 3);
  let a = src_vec(v);
  let b = src_vec(v + 1);
  var w0: u32; var w1: u32; var w2: u32; var w3: u32; var w4: u32;
  switch k {
    case 0u: { w0 = a.x; w1 = a.y; w2 = a.z; w3 = a.w; w4 = b.x; }
    case 1u: { w0 = a.y; w1 = a.z; w2 = a.w; w3 = b.x; w4 = b.y; }
    case 2u: { w0 = a.z; w1 = a.w; w2 = b.x; w3 = b.y; w4 = b.z; }
    default: { w0 = a.w; w1 = b.x; w2 = b.y; w3 = b.z; w4 = b.w; }
  }
  return vec4<u32>(funnel(w0, w1, sh), funnel(w1, w2, sh), funnel(w2, w3, sh), funnel(w3, w4, sh));
}

// The 16 bytes row `row` (starting at dst byte rs) offers the chunk at cs: the fill pattern, or its source.
fn row_bytes(row: u32, rs: u32, cs: u32, is_fill: bool) -> vec4<u32> {
  if (is_fill) { return vec4<u32>(p.pattern); }
  return gather(i32(row_src(row)) + i32(cs) - i32(rs));
}

// Writes chunk c of row `row` (which starts at dst byte ds), when this row owns it.
fn write_chunk(row: u32, ds: u32, c: u32, is_fill: bool) {
  let cs = (ds & ~15u) + 16u * c;
  let de = ds + p.width;
  if (cs >= de) { return; }
  let idx = cs >> 4u;
  if (ds <= cs && cs + 16u <= de) {
    dst[idx] = row_bytes(row, ds, cs, is_fill);
    return;
  }
  // The first chunk of a row may already hold the end of the previous row: that row's invocation owns it.
  if (c == 0u && row > 0u && row_dst(row - 1u) + p.width > cs) { return; }
  // Edge chunk: merge every row that touches it (at most 16 + 1 rows, since pitch >= 1).
  var v = dst[idx];
  var r = row;
  for (var n = 0u; n < 17u && r < p.total_rows; n++) {
    let rs = row_dst(r);
    if (rs >= cs + 16u) { break; }
    let m = chunk_mask(max(rs, cs) - cs, min(rs + p.width, cs + 16u) - cs);
    v = (v & ~m) | (row_bytes(r, rs, cs, is_fill) & m);
    r++;
  }
  dst[idx] = v;
}

// Chunks c0, c0 + WG, ... of row `row` (starting at dst byte ds): when all of them lie inside the row,
// every source vec4 is loaded before the first store, so CHUNKS loads are in flight at once.
fn write_tile(row: u32, ds: u32, c0: u32, is_fill: bool) {
  let base = ds & ~15u;
  let first = base + 16u * c0;
  let last = first + 16u * WG * (CHUNKS - 1u);
  if (ds <= first && last + 16u <= ds + p.width) {
    var v: array<vec4<u32>, CHUNKS>;
    for (var k = 0u; k < CHUNKS; k++) {
      let cs = first + 16u * WG * k;
      v[k] = row_bytes(row, ds, cs, is_fill);
    }
    for (var k = 0u; k < CHUNKS; k++) {
      dst[(first >> 4u) + WG * k] = v[k];
    }
    return;
  }
  for (var k = 0u; k < CHUNKS; k++) {
    let c = c0 + WG * k;
    if (c >= p.chunks_per_row) { return; }
    write_chunk(row, ds, c, is_fill);
  }
}

fn run(gid: vec3<u32>, lid: u32, is_fill: bool) {
  let g = gid.y * p.groups_x + gid.x;
  if (p.tiles_per_row == 0u) {
    // Flat mode: short rows, chunks numbered across rows.
    let total = p.total_rows * p.chunks_per_row;
    for (var t = g; t < p.total_tiles; t += p.step_tiles) {
      for (var k = 0u; k < CHUNKS; k++) {
        let f = t * TILE + WG * k + lid;
        if (f >= total) { return; }
        let row = f / p.chunks_per_row;
        write_chunk(row, row_dst(row), f - row * p.chunks_per_row, is_fill);
      }
    }
    return;
  }
  // Row mode: tile (row, x) covers chunks x * TILE .. x * TILE + TILE - 1 of the row.
  var row = g / p.tiles_per_row;
  var x = g - row * p.tiles_per_row;
  while (row < p.total_rows) {
    write_tile(row, row_dst(row), x * TILE + lid, is_fill);
    x += p.step_tiles;
    row += p.step_rows;
    if (x >= p.tiles_per_row) {
      x -= p.tiles_per_row;
      row++;
    }
  }
}

@compute @workgroup_size(WG)
fn copy(@builtin(workgroup_id) gid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  run(gid, lid, false);
}

@compute @workgroup_size(WG)
fn fill(@builtin(workgroup_id) gid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  run(gid, lid, true);
}
