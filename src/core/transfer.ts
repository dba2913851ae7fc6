// Strided copies and fills between device buffers, each recorded as one dispatch of shaders/copy.wgsl
// per binding window (a buffer larger than one storage binding is split into windows); many copies
// between two buffers (batches, lists of small copies) as dispatches of shaders/copy_batch.wgsl.

import { Items, itemTable, type ItemTable, Ranges, rowChunks, samePhase } from './copy/batch.js';
import { grid, type Kernels } from './kernels.js';
import { window, windowSize } from './windows.js';
import type { Submission } from './encoder.js';

/** A byte position in a GPUBuffer. */
export interface Place {
  buffer: GPUBuffer;
  offset: number;
}

/** Geometry of a rectangular transfer: `rows` rows of `width` bytes, `depth` slices. */
export interface Shape {
  width: number;
  rows: number;
  depth: number;
}

/** Row and slice pitches of one side. */
export interface Pitch {
  pitch: number;
  slice: number;
}

/** Workgroups per grid dimension (WebGPU's maxComputeWorkgroupsPerDimension default). */
const MAX_GRID = 65535;

/** Copies up to this size may join a copy list. */
const LIST_MAX = 64 * 1024;

/**
 * An open list of small 1D copies between one pair of buffers, recorded as one copy_batch dispatch: the
 * copies as (src, dst, n) triples — three numbers per call is all the small-copy path writes; they become
 * items when the list is recorded — the hull of their offsets (which must fit one binding window), and
 * the bytes they read and write, built from the copies only when one falls inside the hulls (null until
 * then).
 */
export interface CopyList {
  src: GPUBuffer;
  dst: GPUBuffer;
  copies: number[];
  srcLo: number;
  srcHi: number;
  dstLo: number;
  dstHi: number;
  reads: Ranges | null;
  writes: Ranges | null;
}

const outside = (lo: number, hi: number, hullLo: number, hullHi: number) => hi <= hullLo || lo >= hullHi;

/** The byte ranges the list's copies cover on one side. */
function covered(copies: number[], source: boolean): Ranges {
  const r = new Ranges();
  for (let i = 0; i < copies.length; i += 3) {
    const at = copies[source ? i : i + 1];
    r.add(at, at + copies[i + 2]);
  }
  return r;
}

/**
 * Whether a copy of n bytes from src to dst (offsets in the list's buffers), enqueued after the list's
 * copies, may run concurrently with them: it reads nothing they write, and writes nothing they read or
 * write. Sharing a word or a 16-byte chunk is fine: the batch kernel merges edge words atomically.
 */
export function joinsList(l: CopyList, srcOff: number, dstOff: number, n: number): boolean {
  const sEnd = srcOff + n;
  const dEnd = dstOff + n;
  // Outside the hulls nothing can overlap: the common case (copies at rising addresses) needs no ranges.
  const clearWrites = outside(dstOff, dEnd, l.dstLo, l.dstHi);
  if (clearWrites && (l.src !== l.dst || (outside(srcOff, sEnd, l.dstLo, l.dstHi) && outside(dstOff, dEnd, l.srcLo, l.srcHi)))) return true;
  const writes = (l.writes ??= covered(l.copies, false));
  if (writes.overlaps(dstOff, dEnd)) return false;
  if (l.src !== l.dst) return true;
  const reads = (l.reads ??= covered(l.copies, true));
  return !writes.overlaps(srcOff, sEnd) && !reads.overlaps(dstOff, dEnd);
}

const flat = (width: number): [Shape, Pitch] => [{ width, rows: 1, depth: 1 }, { pitch: width, slice: width }];

/** Bytes from the first byte to one past the last byte of a shape laid out with `p`. */
const extent = (s: Shape, p: Pitch) => (s.depth - 1) * p.slice + (s.rows - 1) * p.pitch + s.width;

export class Transfers {
  constructor(
    private readonly kernels: Kernels,
    /** Largest storage binding, a multiple of 256. */
    private readonly maxBinding: number,
  ) {}

  copy1D(b: Submission, src: Place, dst: Place, n: number): void {
    // Checked now: a listed copy records later, when dropping it alone is no longer possible.
    b.rec.usable(src.buffer);
    b.rec.usable(dst.buffer);
    if (n <= LIST_MAX && this.listed(b, src, dst, n)) return;
    const [s, p] = flat(n);
    this.copy(b, src, p, dst, p, s);
  }

  /**
   * Adds a small copy to the batch's open copy list when it can run concurrently with the copies
   * already there (joinsList) and the list still fits one binding window per buffer; else opens a new
   * list. Thousands of small copies then cost one dispatch instead of one each.
   */
  private listed(b: Submission, src: Place, dst: Place, n: number): boolean {
    const list = b.openList as CopyList | null;
    const s0 = src.offset;
    const d0 = dst.offset;
    if (list && list.src === src.buffer && list.dst === dst.buffer && joinsList(list, s0, d0, n) && this.fitsList(list, s0, s0 + n, d0, d0 + n)) {
      list.copies.push(s0, d0, n);
      list.srcLo = Math.min(list.srcLo, s0);
      list.srcHi = Math.max(list.srcHi, s0 + n);
      list.dstLo = Math.min(list.dstLo, d0);
      list.dstHi = Math.max(list.dstHi, d0 + n);
      list.reads?.add(s0, s0 + n);
      list.writes?.add(d0, d0 + n);
      return true;
    }
    const fresh: CopyList = {
      src: src.buffer,
      dst: dst.buffer,
      copies: [s0, d0, n],
      srcLo: s0,
      srcHi: s0 + n,
      dstLo: d0,
      dstHi: d0 + n,
      reads: null,
      writes: null,
    };
    if (!this.fitsList(fresh, s0, s0 + n, d0, d0 + n)) return false;
    b.defer(() => {
      const items = Items.take();
      const c = fresh.copies;
      for (let i = 0; i < c.length; i += 3) items.push1D(c[i], c[i + 1], c[i + 2]);
      // One window over both ranges within one buffer; a window of its own in each of two buffers (their
      // union could outgrow a binding: a copy from a staging buffer's start far into a large allocation).
      if (fresh.src === fresh.dst) this.record(b, fresh.src, fresh.dst, items, undefined, Math.min(fresh.srcLo, fresh.dstLo), Math.max(fresh.srcHi, fresh.dstHi));
      else this.record(b, fresh.src, fresh.dst, items, undefined, fresh.srcLo, fresh.srcHi, fresh.dstLo, fresh.dstHi);
      items.release();
    }, fresh);
    return true;
  }

  /** Whether the list's windows stay within one binding after adding [sLo, sHi) → [dLo, dHi). */
  private fitsList(l: CopyList, sLo: number, sHi: number, dLo: number, dHi: number): boolean {
    const s0 = Math.min(l.srcLo, sLo);
    const s1 = Math.max(l.srcHi, sHi);
    const d0 = Math.min(l.dstLo, dLo);
    const d1 = Math.max(l.dstHi, dHi);
    if (l.src === l.dst) return windowSize(Math.min(s0, d0), Math.max(s1, d1)) <= this.maxBinding;
    return windowSize(s0, s1) <= this.maxBinding && windowSize(d0, d1) <= this.maxBinding;
  }

  /**
   * Records the items (copies from `src` to `dst`, in any order: no item may read what another writes)
   * as copy_batch dispatches: one when the items' offsets fit one binding window per buffer (always
   * within a heap); else one per pair of windows, and items longer than half a window through the
   * strided kernel. `sizes`: the binding of the u32s that items' sizeAt names (widths known on the GPU
   * only); such items must fit half a window.
   */
  batch(b: Submission, src: GPUBuffer, dst: GPUBuffer, items: Items, sizes?: GPUBufferBinding): void {
    if (items.length === 0) return;
    const same = src === dst;
    const { srcLo: sLo, srcHi: sHi, dstLo: dLo, dstHi: dHi } = items;
    const fits = same
      ? windowSize(Math.min(sLo, dLo), Math.max(sHi, dHi)) <= this.maxBinding
      : windowSize(sLo, sHi) <= this.maxBinding && windowSize(dLo, dHi) <= this.maxBinding;
    if (fits) {
      if (same) this.record(b, src, dst, items, sizes, Math.min(sLo, dLo), Math.max(sHi, dHi));
      else this.record(b, src, dst, items, sizes, sLo, sHi, dLo, dHi);
      return;
    }
    // Windows of a binding that start every half binding: an item no longer than half a binding lies in
    // the window that starts at or before its first byte.
    const half = Math.floor(this.maxBinding / 2 / 256) * 256;
    const groups = new Map<string, Items>();
    for (let i = 0; i < items.length; i++) {
      const ks = Math.floor(items.src(i) / half);
      const kd = Math.floor(items.dst(i) / half);
      // Too long for a half window, or (within one buffer) source and destination in different windows:
      // the strided kernel, which splits and windows one copy as it needs.
      if (items.span(i, true) > half || items.span(i, false) > half || (same && ks !== kd)) {
        const it = items.get(i);
        const shape = { width: it.width, rows: it.height, depth: it.depth };
        this.copy(b, { buffer: src, offset: it.src }, { pitch: it.srcPitch, slice: it.srcSlice }, { buffer: dst, offset: it.dst }, { pitch: it.dstPitch, slice: it.dstSlice }, shape);
        continue;
      }
      const key = `${ks}:${kd}`;
      const g = groups.get(key) ?? Items.take();
      g.pushFrom(items, i);
      groups.set(key, g);
    }
    for (const [key, g] of groups) {
      const [ks, kd] = key.split(':').map((k) => Number(k) * half);
      this.record(b, src, dst, g, sizes, ks, Math.min(src.size, ks + 2 * half), kd, Math.min(dst.size, kd + 2 * half));
      g.release();
    }
  }

  /**
   * The copy_batch dispatches of the items over the windows [sLo, sHi) of src and [dLo, dHi) of dst. A
   * table larger than a binding (hundreds of thousands of items) goes as two halves, one after the other:
   * no item reads what another writes.
   */
  private record(b: Submission, src: GPUBuffer, dst: GPUBuffer, items: Items, sizes: GPUBufferBinding | undefined, sLo: number, sHi: number, dLo = sLo, dHi = sHi): void {
    const ws = window(src, sLo, sHi);
    const wd = src === dst ? ws : window(dst, dLo, dHi);
    const table = itemTable(items, ws.offset!, wd.offset!);
    if (table.table.byteLength <= this.maxBinding || items.length < 2) {
      this.table(b, ws, wd, table, sizes);
      return;
    }
    const half = items.length >> 1;
    for (const [lo, hi] of [[0, half], [half, items.length]]) {
      const part = Items.take();
      for (let i = lo; i < hi; i++) part.pushFrom(items, i);
      this.record(b, src, dst, part, sizes, sLo, sHi, dLo, dHi);
      part.release();
    }
  }

  /**
   * The copy_batch dispatches (whole chunks, then edges where there are any) of a table written for the
   * windows `ws` (source) and `wd` (destination; the same binding when they are one buffer), which hold
   * every item. `sizes`: the binding of the u32s that items' sizeAt names.
   */
  table(b: Submission, ws: GPUBufferBinding, wd: GPUBufferBinding, table: ItemTable, sizes?: GPUBufferBinding): void {
    this.tableAt(b, ws, wd, b.storage(table.table), table, sizes);
  }

  /** As table(), for a table already on the GPU at `t` (its other fields as in `table`). */
  tableAt(b: Submission, ws: GPUBufferBinding, wd: GPUBufferBinding, t: GPUBufferBinding, { tiles, map, rows, edges, flat, items }: Omit<ItemTable, 'table'>, sizes?: GPUBufferBinding): void {
    const same = ws.buffer === wd.buffer;
    const params = new Uint32Array([map, tiles, grid(tiles)[0], rows, items, 0, 0, 0]);
    // Without GPU-side widths the `sizes` binding is unused: the table stands in.
    const bindings = [wd, same ? null : ws, t, sizes ?? t];
    b.dispatch(this.kernels.copyBatch(same, false, flat), params, bindings, tiles);
    if (edges) b.dispatch(this.kernels.copyBatch(same, true, flat), params, bindings, Math.ceil(rows / 64));
  }

  /** Records dst[rect] = src[rect]. Pitches must order rows by address (pitch >= width). */
  copy(b: Submission, src: Place, sp: Pitch, dst: Place, dp: Pitch, s: Shape): void {
    if (s.width === 0 || s.rows === 0 || s.depth === 0) return;
    const same = src.buffer === dst.buffer;
    const lo = same ? Math.min(src.offset, dst.offset) : 0;
    const hi = same ? Math.max(src.offset + extent(s, sp), dst.offset + extent(s, dp)) : 0;
    const fits = same
      ? windowSize(lo, hi) <= this.maxBinding
      : windowSize(src.offset, src.offset + extent(s, sp)) <= this.maxBinding &&
        windowSize(dst.offset, dst.offset + extent(s, dp)) <= this.maxBinding;
    if (!fits) {
      if (this.split(s, sp, dp, (o, so, dof) => this.copy(b, { buffer: src.buffer, offset: src.offset + so }, sp, { buffer: dst.buffer, offset: dst.offset + dof }, dp, o)))
        return;
      // One row of one buffer spans more than a binding window: go through scratch memory.
      const tmp = { buffer: b.rec.staging.scratch(b, s.width), offset: 0 };
      const [ts, tp] = flat(s.width);
      this.copy(b, src, sp, tmp, tp, ts);
      this.copy(b, tmp, tp, dst, dp, ts);
      return;
    }
    const params = new Uint32Array(16);
    let bindings: GPUBufferBinding[];
    if (same) {
      const w = window(dst.buffer, lo, hi);
      params[0] = src.offset - w.offset!;
      params[1] = dst.offset - w.offset!;
      bindings = [w];
    } else {
      const ws = window(src.buffer, src.offset, src.offset + extent(s, sp));
      const wd = window(dst.buffer, dst.offset, dst.offset + extent(s, dp));
      params[0] = src.offset - ws.offset!;
      params[1] = dst.offset - wd.offset!;
      bindings = [wd, ws];
    }
    const [groups, layout] = this.shape(params, s, sp, dp, 0);
    b.dispatch(this.kernels.copy(same, params[8] === 1), params, bindings, groups, layout);
  }

  /** Records a fill of dst[rect] with the 32-bit `pattern` (byte k of a word gets byte k of pattern). */
  fill(b: Submission, dst: Place, dp: Pitch, s: Shape, pattern: number): void {
    if (s.width === 0 || s.rows === 0 || s.depth === 0) return;
    if (windowSize(dst.offset, dst.offset + extent(s, dp)) > this.maxBinding) {
      this.split(s, dp, dp, (o, _so, dof) => this.fill(b, { buffer: dst.buffer, offset: dst.offset + dof }, dp, o, pattern));
      return;
    }
    const params = new Uint32Array(16);
    const wd = window(dst.buffer, dst.offset, dst.offset + extent(s, dp));
    params[1] = dst.offset - wd.offset!;
    const [groups, layout] = this.shape(params, s, dp, dp, pattern);
    b.dispatch(this.kernels.fill(params[8] === 1), params, [wd], groups, layout);
  }

  /**
   * Fills the geometry words of the kernel parameters; returns the workgroup count, and the grid when it
   * is one row of workgroups per row of the copy (so the kernel finds its row without a division).
   */
  private shape(params: Uint32Array, s: Shape, sp: Pitch, dp: Pitch, pattern: number): [number, [number, number] | undefined] {
    params[2] = s.width;
    params[3] = s.rows;
    params[4] = sp.pitch;
    params[5] = dp.pitch;
    params[6] = sp.slice;
    params[7] = dp.slice;
    params[8] = s.rows * s.depth;
    // A 64 KiB row at a 16-byte boundary touches 4096 chunks, not 4097: no seventeenth, near-empty
    // workgroup per row.
    params[9] = rowChunks(params[1], s.width, samePhase(params[8], dp.pitch, s.depth, dp.slice));
    params[10] = pattern >>> 0;
    const perRow = Math.ceil(params[9] / 256);
    if (params[8] > 1 && params[8] <= MAX_GRID && perRow <= MAX_GRID) {
      params[11] = perRow;
      params[12] = 1;
      return [perRow * params[8], [perRow, params[8]]];
    }
    const groups = Math.ceil((params[8] * params[9]) / 256);
    params[11] = grid(groups)[0];
    params[12] = 0;
    return [groups, undefined];
  }

  /**
   * Splits an oversized transfer into pieces that fit a binding window (slices, then groups of rows,
   * then 16-byte-aligned pieces of a row). Returns false when one row of a buffer pair cannot be split.
   */
  private split(s: Shape, sp: Pitch, dp: Pitch, each: (part: Shape, srcOff: number, dstOff: number) => void): boolean {
    const room = this.maxBinding - 512;
    if (s.depth > 1) {
      for (let z = 0; z < s.depth; z++) each({ ...s, depth: 1 }, z * sp.slice, z * dp.slice);
      return true;
    }
    if (s.rows > 1) {
      const per = Math.max(1, Math.floor((room - s.width) / Math.max(sp.pitch, dp.pitch)) + 1);
      for (let y = 0; y < s.rows; y += per) {
        each({ width: s.width, rows: Math.min(per, s.rows - y), depth: 1 }, y * sp.pitch, y * dp.pitch);
      }
      return true;
    }
    if (s.width > room) {
      const piece = Math.floor(room / 2 / 256) * 256;
      for (let x = 0; x < s.width; x += piece) each({ width: Math.min(piece, s.width - x), rows: 1, depth: 1 }, x, x);
      return true;
    }
    return false;
  }
}
