// Item tables of the batch kernel (shaders/copy_batch.wgsl): many copies between one pair of device
// buffers in two dispatches (whole 16-byte chunks as vec4 stores, then the rows' partial edge chunks
// merged with atomics). An item is a 1D or strided (2D/3D) copy; the kernel cuts the items' chunks into
// tiles of TILE_CHUNKS, one workgroup each, and finds a tile's item through a map the table carries after
// the items. Also the byte-range sets that decide which stream-ordered copies may share a dispatch.

import type { Allocation } from '../address-space.js';

/** u32 words per item record (shaders/copy_batch.wgsl `Item`), and per record of a flat table (1D copies only). */
export const ITEM_WORDS = 13;
export const FLAT_WORDS = 5;
/** Destination chunks (16 bytes) a workgroup of copy_batch writes (256 invocations × 4 chunks). */
export const TILE_CHUNKS = 1024;

/**
 * Whether every row of a copy starts at the same byte of a 16-byte chunk: a single row, or row and slice
 * pitches that are multiples of 16.
 */
export const samePhase = (rows: number, pitch: number, depth: number, slice: number): boolean =>
  rows === 1 || ((pitch & 15) === 0 && (depth === 1 || (slice & 15) === 0));

/**
 * Chunks a row of `width` bytes can touch, the first starting at destination byte `d`: exactly the first
 * row's when every row starts at the same byte of a chunk (`same`), else the most any start allows. The
 * strided kernel's per-row grid and the batch kernel's tiles both count this way. (`& 15` keeps the low
 * bits of any integer offset, also past 2^31.)
 */
export const rowChunks = (d: number, width: number, same: boolean): number =>
  same ? ((d & 15) + width + 15) >>> 4 : (width + 30) >>> 4;

/**
 * Numbers per copy in Items: src, dst, width, height, depth, srcPitch, dstPitch, srcSlice, dstSlice,
 * sizeAt (0, or 1 + the index of the u32 in the kernel's `sizes` that caps the width on the GPU).
 */
const FIELDS = 10;

/** Released stores, kept for reuse. */
const spare: Items[] = [];

/**
 * The copies of a batch between one pair of device buffers (offsets in bytes inside them), a 1D or a
 * strided 2D/3D copy each, FIELDS numbers per copy in one Float64Array: thousands of small copies cost no
 * object each. Stores are reused (`Items.take`, `release`): growing a large array anew for every list
 * of small copies costs more than the copies themselves, as it draws V8 into collecting.
 */
export class Items {
  /** Copy i's fields start at f[FIELDS * i]. */
  f = new Float64Array(FIELDS * 64);
  length = 0;
  /** The hulls of the copies' bytes: source [srcLo, srcHi), destination [dstLo, dstHi). */
  srcLo = Infinity;
  srcHi = 0;
  dstLo = Infinity;
  dstHi = 0;
  /** Whether every copy is one row (its table can be flat). */
  flat = true;

  /** An empty store, a released one when there is one. */
  static take(): Items {
    return spare.pop() ?? new Items();
  }

  /** Gives the store back for reuse: its owner no longer reads it. */
  release(): void {
    this.length = 0;
    this.srcLo = this.dstLo = Infinity;
    this.srcHi = this.dstHi = 0;
    this.flat = true;
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
    if (height * depth !== 1) this.flat = false;
    this.hull(src, src + (depth - 1) * srcSlice + (height - 1) * srcPitch + width, dst, dst + (depth - 1) * dstSlice + (height - 1) * dstPitch + width);
  }

  /** A copy of n contiguous bytes (sizeAt: see FIELDS). */
  push1D(src: number, dst: number, n: number, sizeAt = 0): void {
    const o = this.room();
    const f = this.f;
    f[o] = src;
    f[o + 1] = dst;
    f[o + 2] = f[o + 5] = f[o + 6] = f[o + 7] = f[o + 8] = n;
    f[o + 3] = f[o + 4] = 1;
    f[o + 9] = sizeAt;
    this.hull(src, src + n, dst, dst + n);
  }

  /** Appends copy i of `from`. */
  pushFrom(from: Items, i: number): void {
    const o = this.room();
    this.f.set(from.f.subarray(FIELDS * i, FIELDS * i + FIELDS), o);
    if (this.f[o + 3] * this.f[o + 4] !== 1) this.flat = false;
    const s = from.src(i);
    const d = from.dst(i);
    this.hull(s, s + from.span(i, true), d, d + from.span(i, false));
  }

  private hull(sLo: number, sHi: number, dLo: number, dHi: number): void {
    if (sLo < this.srcLo) this.srcLo = sLo;
    if (sHi > this.srcHi) this.srcHi = sHi;
    if (dLo < this.dstLo) this.dstLo = dLo;
    if (dHi > this.dstHi) this.dstHi = dHi;
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
}

/**
 * Copies grouped by (source buffer, destination buffer) into Items, one copy_batch dispatch pair per pair:
 * a batch's device → device entries, or decompression's columns that span buffers. Copies mostly come in
 * runs between one pair: two Map lookups per run, not per entry.
 */
export class BufferPairs {
  readonly bySrc = new Map<GPUBuffer, Map<GPUBuffer, Items>>();
  private src: GPUBuffer | null = null;
  private dst: GPUBuffer | null = null;
  private items: Items | null = null;

  /** The store of the copies from `src` to `dst`. */
  of(src: GPUBuffer, dst: GPUBuffer): Items {
    if (src !== this.src || dst !== this.dst || !this.items) {
      let byDst = this.bySrc.get(src);
      if (!byDst) this.bySrc.set(src, (byDst = new Map()));
      let items = byDst.get(dst);
      if (!items) byDst.set(dst, (items = Items.take()));
      this.src = src;
      this.dst = dst;
      this.items = items;
    }
    return this.items;
  }

  /** Adds a copy of n bytes from `srcPtr` in allocation `src` to `dstPtr` in `dst` (both backed). */
  push1D(src: Allocation, srcPtr: number, dst: Allocation, dstPtr: number, n: number): void {
    this.of(src.backing.buffer, dst.backing.buffer).push1D(src.offset + (srcPtr - src.base), dst.offset + (dstPtr - dst.base), n);
  }

  /** Gives every store back (recorded, or the batch was refused). */
  release(): void {
    for (const byDst of this.bySrc.values()) for (const items of byDst.values()) items.release();
    this.bySrc.clear();
    this.items = null;
  }
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
  /** Records of FLAT_WORDS (1D copies only), else ITEM_WORDS. */
  flat: boolean;
  /** Items in the table. */
  items: number;
}

/** The writers' memory, grown as needed: a table is copied into GPU memory as soon as it is written. */
let scratch = new Uint32Array(1 << 16);
let tileMap = new Uint32Array(1 << 12);

/** The tile map with room for `need` entries, its first `keep` kept. */
function tileMapFor(keep: number, need: number): typeof tileMap {
  if (tileMap.length < need) {
    const g = new Uint32Array(2 * need);
    g.set(tileMap.subarray(0, keep));
    tileMap = g;
  }
  return tileMap;
}

/**
 * Writes an item table record by record, offsets made relative to the bound windows at `srcBase` and
 * `dstBase`: from an Items store (itemTable), or straight from a producer that knows its windows up front
 * and makes thousands of items per call (decompression's commit). Writers share one scratch memory: one
 * at a time, and its table uploaded before the next starts.
 */
export class TableWriter {
  private table: Uint32Array;
  private readonly words: number;
  private n = 0;
  private tiles = 0;
  private rows = 0;
  private edges = false;

  /** `count`: at most this many items will be written; `flat`: each of them one row (push1D). */
  constructor(
    private readonly srcBase: number,
    private readonly dstBase: number,
    count: number,
    private readonly flat = false,
  ) {
    this.words = flat ? FLAT_WORDS : ITEM_WORDS;
    if (scratch.length < count * this.words) scratch = new Uint32Array(2 * count * this.words);
    this.table = scratch;
  }

  /**
   * An item: `height` rows of `width` bytes in each of `depth` slices (one row in a flat table). Its rows
   * have whole chunks for copy_batch unless narrower than a chunk, and edges for copy_batch_edges unless
   * every row starts and ends on a chunk boundary.
   */
  push(src: number, dst: number, width: number, height: number, depth: number, srcPitch: number, dstPitch: number, srcSlice: number, dstSlice: number, sizeAt: number): void {
    if (this.flat) {
      this.push1D(src, dst, width, sizeAt);
      return;
    }
    const d = dst - this.dstBase;
    const rows = height * depth;
    const same = samePhase(rows, dstPitch, depth, dstSlice);
    const chunks = rowChunks(d, width, same);
    if (!this.edges) this.edges = sizeAt !== 0 || (d & 15) !== 0 || (width & 15) !== 0 || !same;
    const o = this.n * ITEM_WORDS;
    const t = this.table;
    t[o] = src - this.srcBase;
    t[o + 1] = d;
    t[o + 2] = width;
    t[o + 3] = height;
    t[o + 4] = rows;
    t[o + 5] = srcPitch;
    t[o + 6] = dstPitch;
    t[o + 7] = srcSlice;
    t[o + 8] = dstSlice;
    t[o + 9] = chunks;
    t[o + 10] = this.tiles;
    t[o + 11] = this.rows;
    t[o + 12] = sizeAt;
    this.addTiles(width, rows, chunks);
  }

  /** A copy of n contiguous bytes (as Items.push1D): push() for one row, in fewer steps. */
  push1D(src: number, dst: number, n: number, sizeAt: number): void {
    if (!this.flat) {
      this.push(src, dst, n, 1, 1, n, n, n, n, sizeAt);
      return;
    }
    const d = dst - this.dstBase;
    if (!this.edges) this.edges = sizeAt !== 0 || (d & 15) !== 0 || (n & 15) !== 0;
    const o = this.n * FLAT_WORDS;
    const t = this.table;
    t[o] = src - this.srcBase;
    t[o + 1] = d;
    t[o + 2] = n;
    t[o + 3] = sizeAt;
    t[o + 4] = this.tiles;
    this.addTiles(n, 1, rowChunks(d, n, true));
  }

  /**
   * Items of a flat writer, one per row j in [from, to): width[j] bytes from src[j] to dst[j], each width
   * capped on the GPU by `sizes` word 2 * sizeRow[j] (sizeAt 2 * sizeRow[j] + 1: sizes in pairs, as
   * decompression's [bytes produced, status] results). What push1D writes for each row, with the writer's
   * counters in locals: for the thousands of rows of a decompression commit, half the time of a push1D
   * per row (bench/results/local/session9/tablewriter-micro.*).
   */
  push1DRows(src: Float64Array, dst: Float64Array, width: Float64Array, sizeRow: Uint32Array, from: number, to: number): void {
    const t = this.table;
    const { srcBase, dstBase } = this;
    let i = this.n;
    let tiles = this.tiles;
    let map = tileMap;
    for (let j = from; j < to; j++, i++) {
      const d = dst[j] - dstBase;
      const n = width[j];
      const o = i * FLAT_WORDS;
      t[o] = src[j] - srcBase;
      t[o + 1] = d;
      t[o + 2] = n;
      t[o + 3] = 2 * sizeRow[j] + 1;
      t[o + 4] = tiles;
      // As addTiles; an item of one tile (at most 16 KiB) without the division and the loop.
      if (n < 16) continue;
      const chunks = rowChunks(d, n, true);
      if (chunks <= TILE_CHUNKS && tiles < map.length) {
        map[tiles++] = i;
        continue;
      }
      const k = Math.ceil(chunks / TILE_CHUNKS);
      if (map.length < tiles + k) map = tileMapFor(tiles, tiles + k);
      for (const end = tiles + k; tiles < end; ) map[tiles++] = i;
    }
    // Every item has a size word, so copy_batch_edges runs (as push1D decides for sizeAt !== 0).
    if (to > from) this.edges = true;
    this.rows += i - this.n;
    this.n = i;
    this.tiles = tiles;
  }

  /** Counts the item just written and maps its tiles (a row narrower than a chunk has none: copy_batch_edges does it all). */
  private addTiles(width: number, rows: number, chunks: number): void {
    const i = this.n++;
    this.rows += rows;
    if (width < 16) return;
    const k = Math.ceil((rows * chunks) / TILE_CHUNKS);
    let at = this.tiles;
    const map = tileMapFor(at, at + k);
    for (const end = at + k; at < end; ) map[at++] = i;
    this.tiles = at;
  }

  /** The table: the records, then the tile map. */
  finish(): ItemTable {
    const map = this.n * this.words;
    const tiles = this.tiles;
    let table = this.table;
    if (table.length < map + tiles) {
      scratch = new Uint32Array(2 * (map + tiles));
      scratch.set(table.subarray(0, map));
      table = scratch;
    }
    table.set(tileMap.subarray(0, tiles), map);
    return { table: table.subarray(0, map + tiles), tiles, map, rows: this.rows, edges: this.edges, flat: this.flat, items: this.n };
  }
}

/** The table of a dispatch pair for the copies of `items` (see TableWriter). */
export function itemTable(items: Items, srcBase: number, dstBase: number): ItemTable {
  const w = new TableWriter(srcBase, dstBase, items.length, items.flat);
  const f = items.f;
  for (let i = 0, q = 0; i < items.length; i++, q += FIELDS) {
    w.push(f[q], f[q + 1], f[q + 2], f[q + 3], f[q + 4], f[q + 5], f[q + 6], f[q + 7], f[q + 8], f[q + 9]);
  }
  return w.finish();
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
