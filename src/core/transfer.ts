// Strided copies and fills between device buffers, each recorded as one dispatch of shaders/copy.wgsl
// per binding window (a buffer larger than one storage binding is split into windows).

import type { Batch } from './recorder.js';
import type { Kernels } from './kernels.js';

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

/** Copies up to this size may join a copy list (one workgroup each). */
const LIST_MAX = 64 * 1024;

/** An open list of small copies between one pair of buffers, recorded as one dispatch. */
export interface CopyList {
  src: GPUBuffer;
  dst: GPUBuffer;
  items: number[];
  srcLo: number;
  srcHi: number;
  dstLo: number;
  dstHi: number;
}

/**
 * Whether a copy of n bytes from src to dst (offsets in the list's buffers) may run concurrently with
 * the copies in the list: its destination chunks come after the list's (no 16-byte chunk gets two
 * writers), it reads nothing the list writes, and it writes nothing the list reads.
 */
export function joinsList(l: CopyList, srcOff: number, dstOff: number, n: number): boolean {
  const lo = Math.floor(dstOff / 16) * 16;
  // Bytes a chunk merge rewrites unchanged cannot disturb a reader, so writes are compared by bytes.
  return lo >= l.dstHi && (srcOff + n <= l.dstLo || srcOff >= l.dstHi) && (dstOff + n <= l.srcLo || dstOff >= l.srcHi);
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

  copy1D(b: Batch, src: Place, dst: Place, n: number): void {
    // Checked now: a listed copy records later, when dropping it alone is no longer possible.
    b.rec.usable(src.buffer);
    b.rec.usable(dst.buffer);
    if (n <= LIST_MAX && this.listed(b, src, dst, n)) return;
    const [s, p] = flat(n);
    this.copy(b, src, p, dst, p, s);
  }

  /**
   * Adds a small copy to the batch's open copy list when it can run concurrently with the copies
   * already there: same buffers, destination chunks past the list's (so no 16-byte chunk has two
   * writers), no read of what the list writes nor write of what it reads, all within one window.
   * Thousands of small copies then cost one dispatch instead of one each.
   */
  private listed(b: Batch, src: Place, dst: Place, n: number): boolean {
    const lo = Math.floor(dst.offset / 16) * 16;
    const hi = Math.ceil((dst.offset + n) / 16) * 16;
    const list = b.openList as CopyList | null;
    if (
      list &&
      list.src === src.buffer &&
      list.dst === dst.buffer &&
      joinsList(list, src.offset, dst.offset, n) &&
      this.fitsList(list, src.offset, src.offset + n, lo, hi)
    ) {
      list.items.push(src.offset, dst.offset, n, 0);
      list.srcLo = Math.min(list.srcLo, src.offset);
      list.srcHi = Math.max(list.srcHi, src.offset + n);
      list.dstHi = hi;
      return true;
    }
    const fresh: CopyList = { src: src.buffer, dst: dst.buffer, items: [src.offset, dst.offset, n, 0], srcLo: src.offset, srcHi: src.offset + n, dstLo: lo, dstHi: hi };
    if (!this.fitsList(fresh, fresh.srcLo, fresh.srcHi, lo, hi)) return false;
    b.defer(() => this.recordList(b, fresh), fresh);
    return true;
  }

  /** Whether the list's windows stay within one binding after adding [sLo, sHi) → [dLo, dHi). */
  private fitsList(l: CopyList, sLo: number, sHi: number, dLo: number, dHi: number): boolean {
    const s0 = Math.min(l.srcLo, sLo);
    const s1 = Math.max(l.srcHi, sHi);
    const d0 = Math.min(l.dstLo, dLo);
    const d1 = Math.max(l.dstHi, dHi);
    if (l.src === l.dst) return this.windowSize(Math.min(s0, d0), Math.max(s1, d1)) <= this.maxBinding;
    return this.windowSize(s0, s1) <= this.maxBinding && this.windowSize(d0, d1) <= this.maxBinding;
  }

  private recordList(b: Batch, l: CopyList): void {
    const same = l.src === l.dst;
    const count = l.items.length / 4;
    const ws = this.window(l.src, same ? Math.min(l.srcLo, l.dstLo) : l.srcLo, same ? Math.max(l.srcHi, l.dstHi) : l.srcHi);
    const wd = same ? ws : this.window(l.dst, l.dstLo, l.dstHi);
    const items = new Uint32Array(l.items);
    for (let i = 0; i < items.length; i += 4) {
      items[i] -= ws.offset!;
      items[i + 1] -= wd.offset!;
    }
    const list = b.storage(items);
    b.dispatch(this.kernels.copyList(same), new Uint32Array(12), [wd, same ? null : ws, list], count);
  }

  /** Records dst[rect] = src[rect]. Pitches must order rows by address (pitch >= width). */
  copy(b: Batch, src: Place, sp: Pitch, dst: Place, dp: Pitch, s: Shape): void {
    if (s.width === 0 || s.rows === 0 || s.depth === 0) return;
    const same = src.buffer === dst.buffer;
    const lo = same ? Math.min(src.offset, dst.offset) : 0;
    const hi = same ? Math.max(src.offset + extent(s, sp), dst.offset + extent(s, dp)) : 0;
    const fits = same
      ? this.windowSize(lo, hi) <= this.maxBinding
      : this.windowSize(src.offset, src.offset + extent(s, sp)) <= this.maxBinding &&
        this.windowSize(dst.offset, dst.offset + extent(s, dp)) <= this.maxBinding;
    if (!fits) {
      if (this.split(s, sp, dp, (o, so, dof) => this.copy(b, { buffer: src.buffer, offset: src.offset + so }, sp, { buffer: dst.buffer, offset: dst.offset + dof }, dp, o)))
        return;
      // One row of one buffer spans more than a binding window: go through scratch memory.
      const tmp = { buffer: b.rec.scratch(b, s.width), offset: 0 };
      const [ts, tp] = flat(s.width);
      this.copy(b, src, sp, tmp, tp, ts);
      this.copy(b, tmp, tp, dst, dp, ts);
      return;
    }
    const params = new Uint32Array(12);
    let bindings: GPUBufferBinding[];
    if (same) {
      const w = this.window(dst.buffer, lo, hi);
      params[0] = src.offset - w.offset!;
      params[1] = dst.offset - w.offset!;
      bindings = [w];
    } else {
      const ws = this.window(src.buffer, src.offset, src.offset + extent(s, sp));
      const wd = this.window(dst.buffer, dst.offset, dst.offset + extent(s, dp));
      params[0] = src.offset - ws.offset!;
      params[1] = dst.offset - wd.offset!;
      bindings = [wd, ws];
    }
    const groups = this.shape(params, s, sp, dp, 0);
    b.dispatch(this.kernels.copy(same), params, bindings, groups);
  }

  /** Records a fill of dst[rect] with the 32-bit `pattern` (byte k of a word gets byte k of pattern). */
  fill(b: Batch, dst: Place, dp: Pitch, s: Shape, pattern: number): void {
    if (s.width === 0 || s.rows === 0 || s.depth === 0) return;
    if (this.windowSize(dst.offset, dst.offset + extent(s, dp)) > this.maxBinding) {
      this.split(s, dp, dp, (o, _so, dof) => this.fill(b, { buffer: dst.buffer, offset: dst.offset + dof }, dp, o, pattern));
      return;
    }
    const params = new Uint32Array(12);
    const wd = this.window(dst.buffer, dst.offset, dst.offset + extent(s, dp));
    params[1] = dst.offset - wd.offset!;
    const groups = this.shape(params, s, dp, dp, pattern);
    b.dispatch(this.kernels.fill(), params, [wd], groups);
  }

  /** Fills the geometry words of the kernel parameters; returns the workgroup count. */
  private shape(params: Uint32Array, s: Shape, sp: Pitch, dp: Pitch, pattern: number): number {
    params[2] = s.width;
    params[3] = s.rows;
    params[4] = sp.pitch;
    params[5] = dp.pitch;
    params[6] = sp.slice;
    params[7] = dp.slice;
    params[8] = s.rows * s.depth;
    params[9] = Math.ceil((15 + s.width) / 16);
    params[10] = pattern >>> 0;
    return Math.ceil((params[8] * params[9]) / 256);
  }

  private windowSize(start: number, end: number): number {
    return Math.ceil(end / 16) * 16 - Math.floor(start / 256) * 256;
  }

  private window(buffer: GPUBuffer, start: number, end: number): GPUBufferBinding {
    const offset = Math.floor(start / 256) * 256;
    const last = Math.min(Math.ceil(end / 16) * 16, buffer.size);
    return { buffer, offset, size: last - offset };
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
