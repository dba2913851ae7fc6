// The host side of the batch kernel: the rule that lets stream-ordered small copies share one copy_batch
// dispatch (src/core/transfer.ts joinsList), the byte-range sets behind it, and the item table with its
// tile map (src/core/copy/batch.ts).

import { describe, expect, test } from 'vitest';
import { Items, ITEM_WORDS, itemTable, Ranges, TableWriter, TILE_CHUNKS } from '../../src/core/copy/batch.ts';
import { CopyList, joinsList } from '../../src/core/transfer.ts';

/** A list holding one copy [1000, 1100) → [5000, 5100), within one buffer or between two. */
function list(same: boolean): CopyList {
  const reads = new Ranges();
  const writes = new Ranges();
  reads.add(1000, 1100);
  writes.add(5000, 5100);
  const src = {} as GPUBuffer;
  return { src, dst: same ? src : ({} as GPUBuffer), copies: [], srcLo: 1000, srcHi: 1100, dstLo: 5000, dstHi: 5100, reads, writes };
}

describe('joinsList', () => {
  test('destinations before, after or between the list join, sharing 16-byte chunks and words', () => {
    for (const same of [true, false]) {
      expect(joinsList(list(same), 2000, 5100, 100)).toBe(true);
      expect(joinsList(list(same), 2000, 5100, 1)).toBe(true);
      expect(joinsList(list(same), 2000, 4999, 1)).toBe(true);
      expect(joinsList(list(same), 2000, 100, 10)).toBe(true);
    }
  });
  test('a destination overlapping the list\'s destinations does not (stream order decides the bytes)', () => {
    for (const same of [true, false]) {
      expect(joinsList(list(same), 2000, 5099, 1)).toBe(false);
      expect(joinsList(list(same), 2000, 4990, 11)).toBe(false);
    }
  });
  test('within one buffer, reading what the list writes does not', () => {
    expect(joinsList(list(true), 5050, 7000, 10)).toBe(false);
    expect(joinsList(list(true), 4990, 7000, 11)).toBe(false);
    expect(joinsList(list(true), 4990, 7000, 10)).toBe(true);
    // Between two buffers, the list's destination offsets are another buffer's bytes.
    expect(joinsList(list(false), 5050, 7000, 10)).toBe(true);
  });
  test('within one buffer, writing what the list reads does not', () => {
    expect(joinsList(list(true), 0, 1090, 10)).toBe(false);
    expect(joinsList(list(true), 0, 995, 10)).toBe(false);
    expect(joinsList(list(true), 0, 990, 10)).toBe(true);
    expect(joinsList(list(true), 0, 1100, 16)).toBe(true);
    expect(joinsList(list(false), 0, 1090, 10)).toBe(true);
  });
});

describe('joinsList without range sets (built from the items only when a copy falls inside the hulls)', () => {
  /** Copies [1000, 1100) → [5000, 5100) and [1200, 1300) → [5300, 5400): a gap inside both hulls. */
  function gappy(same: boolean): CopyList {
    const src = {} as GPUBuffer;
    const copies = [1000, 5000, 100, 1200, 5300, 100];
    return { src, dst: same ? src : ({} as GPUBuffer), copies, srcLo: 1000, srcHi: 1300, dstLo: 5000, dstHi: 5400, reads: null, writes: null };
  }
  test('outside the hulls joins without building them; inside, the items decide', () => {
    for (const same of [true, false]) {
      const l = gappy(same);
      expect(joinsList(l, 2000, 5400, 10)).toBe(true);
      expect(l.writes).toBe(null);
      expect(joinsList(l, 2000, 5100, 200)).toBe(true);
      expect(joinsList(l, 2000, 5150, 200)).toBe(false);
    }
    expect(joinsList(gappy(true), 5100, 7000, 200)).toBe(true);
    expect(joinsList(gappy(true), 5350, 7000, 10)).toBe(false);
    expect(joinsList(gappy(true), 0, 1100, 100)).toBe(true);
    expect(joinsList(gappy(true), 0, 1250, 10)).toBe(false);
  });
});

describe('Items', () => {
  test('grow past their first capacity and keep every field; spans and copies between stores', () => {
    const items = new Items();
    for (let i = 0; i < 100; i++) items.push(i, 2 ** 33 + i, 7, 3, 2, 9, 11, 40, 50, i);
    expect(items.length).toBe(100);
    expect(items.get(99)).toEqual({ src: 99, dst: 2 ** 33 + 99, width: 7, height: 3, depth: 2, srcPitch: 9, dstPitch: 11, srcSlice: 40, dstSlice: 50, sizeAt: 99 });
    expect(items.span(5, true)).toBe(40 + 2 * 9 + 7);
    expect(items.span(5, false)).toBe(50 + 2 * 11 + 7);
    const other = new Items();
    other.pushFrom(items, 42);
    expect(other.get(0)).toEqual(items.get(42));
  });
});

describe('Ranges', () => {
  test('merges touching ranges and answers overlaps at the edges', () => {
    const r = new Ranges();
    r.add(10, 20);
    r.add(30, 40);
    r.add(20, 30);
    r.add(100, 100);
    expect(r.overlaps(0, 10)).toBe(false);
    expect(r.overlaps(0, 11)).toBe(true);
    expect(r.overlaps(39, 100)).toBe(true);
    expect(r.overlaps(40, 100)).toBe(false);
    r.add(50, 60);
    r.add(5, 55);
    expect(r.overlaps(0, 5)).toBe(false);
    expect(r.overlaps(59, 60)).toBe(true);
    expect(r.overlaps(60, 61)).toBe(false);
  });
});

describe('itemTable', () => {
  test('every tile names its item, tiles follow each item\'s first tile, rows each item\'s first row', () => {
    const items = new Items();
    items.push1D(0, 3, 16384);
    items.push1D(100, 10000, 1);
    items.push(0, 50000, 20, 300, 2, 20, 33, 10000, 12000, 7);
    // Tables share scratch memory: each is copied before the next is made.
    const { table: shared, tiles, map, rows, edges } = itemTable(items, 0, 0);
    const table = shared.slice();
    const one = new Items();
    one.push1D(4096, 4352, 32);
    const aligned = itemTable(one, 4096, 256);
    expect(aligned.table[1]).toBe(4096);
    // 1D copies only: a flat table, FLAT_WORDS per record (src, dst, width, sizeAt, first tile).
    expect(aligned.flat).toBe(true);
    expect(Array.from(aligned.table)).toEqual([0, 4096, 32, 0, 0, 0]);
    expect(itemTable(items, 0, 0).flat).toBe(false);
    // Whole chunks at both ends of its one row: no edge dispatch.
    expect(aligned.edges).toBe(false);
    expect(edges).toBe(true);
    expect(map).toBe(items.length * ITEM_WORDS);
    // 16384 bytes at byte 3 of a chunk touch 1025 chunks: two tiles. Rows at a pitch of 33 start at every
    // byte of a chunk: each may touch (20 + 30) >> 4 = 3. A row of 1 byte has no whole chunk: no tile.
    expect(table[9]).toBe(1025);
    expect(table[2 * ITEM_WORDS + 9]).toBe(3);
    expect(tiles).toBe(2 + 0 + Math.ceil((600 * 3) / TILE_CHUNKS));
    expect(rows).toBe(1 + 1 + 600);
    expect(Array.from(table.subarray(map))).toEqual([0, 0, 2, 2]);
    expect(Array.from(table.subarray(0, ITEM_WORDS))).toEqual([0, 3, 16384, 1, 1, 16384, 16384, 16384, 16384, 1025, 0, 0, 0]);
    expect(table[ITEM_WORDS + 10]).toBe(2);
    expect(table[ITEM_WORDS + 11]).toBe(1);
    expect(table[2 * ITEM_WORDS + 1]).toBe(50000);
    expect(table[2 * ITEM_WORDS + 4]).toBe(600);
    expect(table[2 * ITEM_WORDS + 10]).toBe(2);
    expect(table[2 * ITEM_WORDS + 11]).toBe(2);
    expect(table[2 * ITEM_WORDS + 12]).toBe(7);
  });
});

describe('TableWriter.push1DRows', () => {
  test('writes the table a push1D per row writes: records, tile map, rows and edges, after earlier items', () => {
    // Widths below a chunk (no tile), of one tile, and of several tiles at odd destination bytes; rows
    // [3, n) of the columns, after two items pushed one by one; more tiles than the tile map first holds.
    const n = 5000;
    const src = new Float64Array(n);
    const dst = new Float64Array(n);
    const width = new Float64Array(n);
    const row = new Uint32Array(n);
    for (let j = 0; j < n; j++) {
      src[j] = 1000 + 70000 * j;
      dst[j] = 5000 + 90000 * j + (j % 17);
      width[j] = [1, 15, 16, 64, 16384, 16385, 40000][j % 7] + (j % 3);
      row[j] = (j * 7) % n;
    }
    const write = (rows: boolean) => {
      const w = new TableWriter(200, 300, 2 + n - 3, true);
      w.push1D(400, 700, 20000, 0);
      w.push1D(500, 316, 16, 0);
      if (rows) w.push1DRows(src, dst, width, row, 3, n);
      else for (let j = 3; j < n; j++) w.push1D(src[j], dst[j], width[j], 2 * row[j] + 1);
      const t = w.finish();
      return { ...t, table: t.table.slice() };
    };
    const one = write(false);
    expect(one.tiles).toBeGreaterThan(one.items);
    expect(write(true)).toEqual(one);
  });
});

