// Item tables of the batch kernel (shaders/copy_batch.wgsl): many copies between one pair of device
// buffers in one dispatch. An item is a 1D or strided (2D/3D) copy; the kernel cuts the items into tiles
// of TILE_WORDS destination words, one workgroup each, and finds a tile's item through a map the table
// carries after the items. Also the byte-range sets that decide which stream-ordered copies may share a
// dispatch.

/** One copy of a batch, offsets in bytes inside its buffers. */
export interface BatchItem {
  src: number;
  dst: number;
  width: number;
  height: number;
  depth: number;
  srcPitch: number;
  dstPitch: number;
  srcSlice: number;
  dstSlice: number;
}

/** u32 words per item record (shaders/copy_batch.wgsl `Item`). */
export const ITEM_WORDS = 12;
/** Destination words a workgroup writes (256 invocations × 4 words). */
export const TILE_WORDS = 1024;

/** A 1D item of n bytes. */
export const flatItem = (src: number, dst: number, n: number): BatchItem => ({
  src,
  dst,
  width: n,
  height: 1,
  depth: 1,
  srcPitch: n,
  dstPitch: n,
  srcSlice: n,
  dstSlice: n,
});

/** Bytes from an item's first byte to one past its last, on the side with these pitches. */
export const itemSpan = (it: BatchItem, pitch: number, slice: number) => (it.depth - 1) * slice + (it.height - 1) * pitch + it.width;

/**
 * Destination words one row of the item can touch: exact when every row starts at the same byte of a
 * word, else the most any start allows.
 */
export function rowWords(it: BatchItem): number {
  const rows = it.height * it.depth;
  const sameAlign = rows === 1 || (it.dstPitch % 4 === 0 && (it.depth === 1 || it.dstSlice % 4 === 0));
  return sameAlign ? ((it.dst & 3) + it.width + 3) >>> 2 : (it.width + 6) >>> 2;
}

/**
 * The table of a dispatch: item records (offsets made relative to the bound windows at `srcBase` and
 * `dstBase`), then one u32 per tile naming its item. Returns the table, the tile count (the workgroups)
 * and the word where the map starts.
 */
export function itemTable(items: BatchItem[], srcBase: number, dstBase: number): { table: Uint32Array; tiles: number; map: number } {
  const tilesOf = items.map((it) => Math.ceil((it.height * it.depth * rowWords(it)) / TILE_WORDS));
  const tiles = tilesOf.reduce((a, b) => a + b, 0);
  const map = items.length * ITEM_WORDS;
  const table = new Uint32Array(map + tiles);
  let t = 0;
  items.forEach((it, i) => {
    const o = i * ITEM_WORDS;
    table[o] = it.src - srcBase;
    table[o + 1] = it.dst - dstBase;
    table[o + 2] = it.width;
    table[o + 3] = it.height;
    table[o + 4] = it.height * it.depth;
    table[o + 5] = it.srcPitch;
    table[o + 6] = it.dstPitch;
    table[o + 7] = it.srcSlice;
    table[o + 8] = it.dstSlice;
    table[o + 9] = rowWords(it);
    table[o + 10] = t;
    table.fill(i, map + t, map + t + tilesOf[i]);
    t += tilesOf[i];
  });
  return { table, tiles, map };
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
