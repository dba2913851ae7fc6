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

const flat = (width: number): [Shape, Pitch] => [{ width, rows: 1, depth: 1 }, { pitch: width, slice: width }];

/** Bytes from the first byte to one past the last byte of a shape laid out with `p`. */
const extent = (s: Shape, p: Pitch) => (s.depth - 1) * p.slice + (s.rows - 1) * p.pitch + s.width;

export class Transfers {
  constructor(
    private readonly kernels: Kernels,
    /** Largest storage binding, a multiple of 256. */
    private readonly maxBinding: number,
    private readonly scratch: (b: Batch, size: number) => GPUBuffer,
  ) {}

  copy1D(b: Batch, src: Place, dst: Place, n: number): void {
    const [s, p] = flat(n);
    this.copy(b, src, p, dst, p, s);
  }

  fill1D(b: Batch, dst: Place, n: number, pattern: number): void {
    const [s, p] = flat(n);
    this.fill(b, dst, p, s, pattern);
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
      const tmp = { buffer: this.scratch(b, s.width), offset: 0 };
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
