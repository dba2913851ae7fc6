// Item tables of the batch kernel (shaders/copy_batch.wgsl): many copies between one pair of device
// buffers in two dispatches (whole 16-byte chunks as vec4 stores, then the rows' partial edge chunks
// merged with atomics). An item is a 1D or strided (2D/3D) copy; the kernel cuts the items' chunks into
// tiles of TILE_CHUNKS, one workgroup each, and finds a tile's item through a map the table carries after
// the items. Also the byte-range sets that decide which stream-ordered copies may share a dispatch.

/** u32 words per item record (shaders/copy_batch.wgsl `Item`). */
export const ITEM_WORDS = 13;
/** Destination chunks (16 bytes) a workgroup of copy_batch writes (256 invocations × 4 chunks). */
export const TILE_CHUNKS = 1024;

/**
 * Numbers per copy in Items: src, dst, width, height, depth, srcPitch, dstPitch, srcSlice, dstSlice,
 * sizeAt (0, or 1 + the index of the u32 in the kernel's `sizes` that caps the width on the GPU).
 */
const FIELDS = 10;

/** Released stores, kept for reuse. */
const spare: Items[] = [];

/**
 * The copies of a batch between one pair of device buffers (offsets in bytes inside them), a 1D or a
 * strided 2D/3D copy each, nine numbers per copy in one Float64Array: thousands of small copies cost no
 * object each. Stores are reused (`Items.take`, `release`): growing a large array anew for every list
 * of small copies costs more than the copies themselves, as it draws V8 into collecting.
 */
export class Items {
  /** Copy i's fields start at f[FIELDS * i]. */
  f = new Float64Array(FIELDS * 64);
  length = 0;

  /** An empty store, a released one when there is one. */
  static take(): Items {
    return spare.pop() ?? new Items();
  }

  /** Gives the store back for reuse: its owner no longer reads it. */
  release(): void {
    this.length = 0;
    if (spare.length < 8) spare.push(this);
  }

  push(src: number, dst: number, width: number, height: number, depth: number, srcPitch: number, dstPitch: number, srcSlice: number, dstSlice: number, sizeAt = 0): void {
    const o = this.room();
    const f = this.f;
    f[o] = src;
    f[o + 1] = dst;
    f[o + 2] = width;
    f[o + 3] = height;
    f[o + 4] = depth;
    f[o + 5] = srcPitch;
    f[o + 6] = dstPitch;
    f[o + 7] = srcSlice;
    f[o + 8] = dstSlice;
    f[o + 9] = sizeAt;
  }

  /** A copy of n contiguous bytes (sizeAt: see FIELDS). */
  push1D(src: number, dst: number, n: number, sizeAt = 0): void {
    this.push(src, dst, n, 1, 1, n, n, n, n, sizeAt);
  }

  /** Appends copy i of `from`. */
  pushFrom(from: Items, i: number): void {
    const o = this.room();
    this.f.set(from.f.subarray(FIELDS * i, FIELDS * i + FIELDS), o);
  }

  private room(): number {
    const o = FIELDS * this.length++;
    if (o + FIELDS > this.f.length) {
      const g = new Float64Array(this.f.length * 2);
      g.set(this.f);
      this.f = g;
    }
    return o;
  }

  /** Copy i's fields as an object (for the rare paths). */
  get(i: number): { src: number; dst: number; width: number; height: number; depth: number; srcPitch: number; dstPitch: number; srcSlice: number; dstSlice: number; sizeAt: number } {
    const [src, dst, width, height, depth, srcPitch, dstPitch, srcSlice, dstSlice, sizeAt] = this.f.subarray(FIELDS * i, FIELDS * i + FIELDS);
    return { src, dst, width, height, depth, srcPitch, dstPitch, srcSlice, dstSlice, sizeAt };
  }

  src(i: number): number {
    return this.f[FIELDS * i];
  }
  dst(i: number): number {
    return this.f[FIELDS * i + 1];
  }

  /** Bytes from copy i's first byte to one past its last, on the source side (false: destination). */
  span(i: number, source: boolean): number {
    const f = this.f;
    const o = FIELDS * i;
    const k = source ? 0 : 1;
    return (f[o + 4] - 1) * f[o + 7 + k] + (f[o + 3] - 1) * f[o + 5 + k] + f[o + 2];
  }

  /**
   * Destination chunks one row of copy i can touch: exact when every row starts at the same byte of a
   * chunk, else the most any start allows.
   */
  rowChunks(i: number): number {
    const f = this.f;
    const o = FIELDS * i;
    return sameAlign(f, o) ? (mod16(f[o + 1]) + f[o + 2] + 15) >>> 4 : (f[o + 2] + 30) >>> 4;
  }
}

/** x mod 16 for a non-negative integer x: `%` on a double is a library call in V8, this is not. */
const mod16 = (x: number) => x - 16 * Math.floor(x / 16);

/** Whether every row of the copy at f[o] starts at the same byte of a 16-byte chunk. */
function sameAlign(f: Float64Array, o: number): boolean {
  return f[o + 3] * f[o + 4] === 1 || (mod16(f[o + 6]) === 0 && (f[o + 4] === 1 || mod16(f[o + 8]) === 0));
}

/** The table of a batch, what each dispatch covers, and whether copy_batch_edges has work. */
export interface ItemTable {
  table: Uint32Array;
  /** Tiles of copy_batch (its workgroups with work). */
  tiles: number;
  /** Word where the tile map starts. */
  map: number;
  /** Rows of all items (copy_batch_edges' invocations). */
  rows: number;
  /** Whether some row may start or end inside a chunk (else copy_batch_edges is not dispatched). */
  edges: boolean;
}

/** Scratch of itemTable, grown as needed: tables are copied into GPU memory as soon as they are made. */
let scratch = new Uint32Array(1 << 16);
let perItem = new Uint32Array(1 << 12);

/**
 * The table of a dispatch pair: item records (offsets made relative to the bound windows at `srcBase`
 * and `dstBase`), then one u32 per tile naming its item. The table is a view of scratch memory that the
 * next call reuses: upload it before then.
 */
export function itemTable(items: Items, srcBase: number, dstBase: number): ItemTable {
  const n = items.length;
  const f = items.f;
  if (perItem.length < n) perItem = new Uint32Array(2 * n);
  const tilesOf = perItem;
  let tiles = 0;
  let edges = false;
  for (let i = 0, q = 0; i < n; i++, q += FIELDS) {
    // A row narrower than a chunk has no whole chunk: copy_batch_edges does it all.
    const k = f[q + 2] < 16 ? 0 : Math.ceil((f[q + 3] * f[q + 4] * items.rowChunks(i)) / TILE_CHUNKS);
    tilesOf[i] = k;
    tiles += k;
    if (!edges) edges = f[q + 9] !== 0 || mod16(f[q + 1]) !== 0 || mod16(f[q + 2]) !== 0 || !sameAlign(f, q);
  }
  const map = n * ITEM_WORDS;
  if (scratch.length < map + tiles) scratch = new Uint32Array(2 * (map + tiles));
  const table = scratch.subarray(0, map + tiles);
  let t = 0;
  let rows = 0;
  for (let i = 0, o = 0, q = 0; i < n; i++, o += ITEM_WORDS, q += FIELDS) {
    const r = f[q + 3] * f[q + 4];
    table[o] = f[q] - srcBase;
    table[o + 1] = f[q + 1] - dstBase;
    table[o + 2] = f[q + 2];
    table[o + 3] = f[q + 3];
    table[o + 4] = r;
    table[o + 5] = f[q + 5];
    table[o + 6] = f[q + 6];
    table[o + 7] = f[q + 7];
    table[o + 8] = f[q + 8];
    table[o + 9] = items.rowChunks(i);
    table[o + 10] = t;
    table[o + 11] = rows;
    table[o + 12] = f[q + 9];
    for (let k = tilesOf[i]; k > 0; k--) table[map + t++] = i;
    rows += r;
  }
  return { table, tiles, map, rows, edges };
}

/** A set of byte ranges [lo, hi), kept sorted and merged. */
export class Ranges {
  private readonly lo: number[] = [];
  private readonly hi: number[] = [];

  /** Index of the first range whose end is past `x`. */
  private after(x: number): number {
    let a = 0;
    let b = this.hi.length;
    while (a < b) {
      const m = (a + b) >> 1;
      if (this.hi[m] <= x) a = m + 1;
      else b = m;
    }
    return a;
  }

  overlaps(lo: number, hi: number): boolean {
    const i = this.after(lo);
    return i < this.lo.length && this.lo[i] < hi;
  }

  add(lo: number, hi: number): void {
    if (hi <= lo) return;
    // Ranges that touch [lo, hi) merge with it.
    const i = this.after(lo - 1);
    let j = i;
    while (j < this.lo.length && this.lo[j] <= hi) {
      lo = Math.min(lo, this.lo[j]);
      hi = Math.max(hi, this.hi[j]);
      j++;
    }
    this.lo.splice(i, j - i, lo);
    this.hi.splice(i, j - i, hi);
  }
}
