// cuMemBatchDecompressAsync: Deflate, Snappy and LZ4 decoded by WGSL kernels, a workgroup (or half of one) per
// operation.
//
// A batch is one op on its stream. It (1) runs one decoder dispatch per algorithm and source-buffer window
// (shaders/inflate.wgsl, snappy.wgsl, lz4.wgsl), each operation writing only its own region of a scratch
// buffer and reporting [bytes produced, status] (an LZ4 or Snappy operation of more than 128 KiB capacity
// is cut into pieces at sequence boundaries by a GPU scan and decoded by one workgroup per piece:
// encodePieces),
// then (2) commits the produced bytes to the destinations and (3) stores dstActBytes and the optional
// status words, both as items of the copy engine's batch kernel (core/transfer.ts, shaders/copy_batch.wgsl):
// a commit item's width is the count the decoder wrote, read on the GPU. Decoders never touch user
// memory, so a hostile stream cannot write outside [dst, dst + capacity).

import {
  CU_MEM_DECOMPRESS_ALGORITHM_DEFLATE,
  CU_MEM_DECOMPRESS_ALGORITHM_LZ4,
  CU_MEM_DECOMPRESS_ALGORITHM_SNAPPY,
} from '../core/constants.js';
import { CUDA_ERROR_INVALID_VALUE, CUDA_SUCCESS } from '../core/errors.js';
import type { Submission } from '../core/encoder.js';
import { Context, current, Device, enqueue, resolveStream } from '../core/state.js';
import { hostBytes, isPtr, isSize } from '../core/validate.js';
import { window, windowSize, windowStart } from '../core/windows.js';
import { BufferPairs, type Items, type ItemTable, TableWriter } from '../core/copy/batch.js';
import type { Staging } from '../core/staging.js';
import { byteRuns, DECODER_WGSL, DECOMPRESS_STATUS, INFLATE_ORDER0, INFLATE_PIECES_WGSL, INFLATE_SEG, LARGE_WORDS, literalGroups, LZ_OPS, LZ_SEG, LZ_WREC, oneOpPerGroup, PIECES_WGSL, pipelined, SCAN_WGSL } from '../core/shaders.js';
import { DECOMPRESS_MAX_LENGTH } from './device.js';
import { undone } from './call.js';

/** SIZE_MAX as a JavaScript number: the errorIndex of an error that concerns no single entry. */
export const SIZE_MAX = 2 ** 64 - 1;

/** Status words of the `status` extension (also documented in the shaders' headers). */
export const WEBCU_DECOMPRESS_OK = DECOMPRESS_STATUS.OK;
export const WEBCU_DECOMPRESS_OUTPUT_OVERFLOW = DECOMPRESS_STATUS.OUTPUT_OVERFLOW;
export const WEBCU_DECOMPRESS_TRUNCATED = DECOMPRESS_STATUS.TRUNCATED;
export const WEBCU_DECOMPRESS_BAD_BLOCK_TYPE = DECOMPRESS_STATUS.BAD_BLOCK_TYPE;
export const WEBCU_DECOMPRESS_BAD_HUFFMAN = DECOMPRESS_STATUS.BAD_HUFFMAN;
export const WEBCU_DECOMPRESS_BAD_DISTANCE = DECOMPRESS_STATUS.BAD_DISTANCE;
export const WEBCU_DECOMPRESS_BAD_STORED_LEN = DECOMPRESS_STATUS.BAD_STORED_LEN;
export const WEBCU_DECOMPRESS_BAD_SYMBOL = DECOMPRESS_STATUS.BAD_SYMBOL;
export const WEBCU_DECOMPRESS_BAD_END = DECOMPRESS_STATUS.BAD_END;

export interface CUmemDecompressParams {
  src: number;
  srcNumBytes: number;
  dst: number;
  /** Output capacity; 0: up to the end of the destination allocation, at most 4 MiB, and no further than
   *  the next operation's destination in the same allocation. */
  dstNumBytes: number;
  /** Device pointer receiving the decompressed size as a u32. */
  dstActBytes: number;
  algo: number;
  /** webcu extension: device pointer receiving a u32 status (0 = success). */
  status?: number;
}

const ALGOS = [CU_MEM_DECOMPRESS_ALGORITHM_DEFLATE, CU_MEM_DECOMPRESS_ALGORITHM_SNAPPY, CU_MEM_DECOMPRESS_ALGORITHM_LZ4];

const DECODERS: Record<number, ['inflate' | 'snappy' | 'lz4', string]> = {
  [CU_MEM_DECOMPRESS_ALGORITHM_DEFLATE]: ['inflate', DECODER_WGSL.inflate],
  [CU_MEM_DECOMPRESS_ALGORITHM_SNAPPY]: ['snappy', DECODER_WGSL.snappy],
  [CU_MEM_DECOMPRESS_ALGORITHM_LZ4]: ['lz4', DECODER_WGSL.lz4],
};

/**
 * A decoder dispatch of at most this many operations leaves most of a large GPU idle, and each operation
 * is a serial chain of rounds whose latency nothing else hides: LZ4 and Snappy then run 64 invocations
 * per operation, one warp parsing the next group while the other builds this group's words (pipelined).
 * On an H200, 256 operations of text and x86 code took 24-34% less GPU time than with one operation per
 * 32-wide workgroup for LZ4 (64 and 256 KiB) and 14% less to 10% more for Snappy (64 KiB); at 1024
 * operations and more it was level or slower (BENCHMARKS.md, session 11).
 */
export const PIPELINED_MAX_OPS = 256;
/**
 * Above this many operations a dispatch fills the GPU, and two LZ4/Snappy operations share each
 * 32-invocation workgroup (their parsers then run in the same instructions): 4096 x 64 KiB batches ran
 * 0-25% faster on an H200. Below it each operation's latency is the batch's, and 16 invocations per
 * operation lengthen it: one operation per workgroup was faster at every count from 256 to 3,584
 * (BENCHMARKS.md, sessions 10 and 11).
 */
export const PAIRED_MIN_OPS = 3584;

/**
 * A validated batch, one row per operation in typed columns: no object per operation, so planning 4096
 * operations costs well under a millisecond. Buffers are numbered per batch (`buffers[id]`); offsets are
 * byte offsets inside those buffers.
 */
interface Ops {
  n: number;
  /** The memory of the columns (reused by a later batch once this one is encoded: spareColumns). */
  mem: ArrayBuffer;
  /** The algorithms in the batch, OR-ed (each is one bit). */
  mask: number;
  buffers: GPUBuffer[];
  algo: Uint8Array;
  srcBuf: Uint32Array;
  srcOff: Float64Array;
  srcLen: Float64Array;
  dstBuf: Uint32Array;
  dstOff: Float64Array;
  /** Output capacity; with dstNumBytes 0 (auto) what the destination allows (see clipAutoCapacities). */
  cap: Float64Array;
  auto: Uint8Array;
  actBuf: Uint32Array;
  actOff: Float64Array;
  /** Buffer of the status word, or NONE. */
  stBuf: Uint32Array;
  stOff: Float64Array;
  /** Set when a part of the batch is planned: the op's row in the results, its scratch output's first byte. */
  row: Uint32Array;
  outByte: Float64Array;
  /** Where the sources, destinations, dstActBytes and status words lie. */
  spans: { src: Span; dst: Span; act: Span; st: Span };
}

/**
 * Where one column's byte ranges [off, off + len) lie, gathered during validation. Batches nearly always
 * keep each column in one buffer within one binding's reach (in any order): then every subset of the
 * operations fits one window, and planning needs no pass over the operations (nor a sort) to find it.
 */
class Span {
  private id = -1;
  private one = true;
  private sorted = true;
  private lo = Infinity;
  private hi = 0;
  private prev = 0;
  /** Whether each range starts where the previous one ended (in one buffer: with `one`). */
  private gapless = true;
  private prevEnd = 0;

  add(id: number, l: number, h: number): void {
    if (this.id === -1) this.id = id;
    else if (id !== this.id) this.one = false;
    else if (l !== this.prevEnd) this.gapless = false;
    if (l < this.prev) this.sorted = false;
    this.prev = l;
    this.prevEnd = h;
    if (l < this.lo) this.lo = l;
    if (h > this.hi) this.hi = h;
  }

  /** Whether the column is n ranges of `size` bytes, each row's right after the previous row's, in one buffer. */
  packed(n: number, size: number): boolean {
    return this.one && this.gapless && this.hi - this.lo === n * size;
  }

  /** Whether no row has a range in this column (no status words). */
  get empty(): boolean {
    return this.id === -1;
  }

  /** Whether the rows are in (buffer, offset) order. */
  get ordered(): boolean {
    return this.one && this.sorted;
  }

  /** The window that holds the column's ranges for every subset of rows, if one binding holds them all. */
  whole(o: Ops, max: number): Window | null {
    if (this.id === -1 || !this.one || windowSize(this.lo, this.hi) > max) return null;
    return { buffer: o.buffers[this.id], lo: windowStart(this.lo), hi: this.hi, start: 0, end: 0 };
  }
}

const NONE = 0xffffffff;

/** The allocations of a batch's pointers, their buffers numbered in order of first use (`buffers[id]`). */
class AllocationMap {
  /** The allocation `find` found: its addresses [lo, hi), its offset in its buffer minus its base address, its buffer id. */
  lo = 0;
  hi = 0;
  delta = 0;
  id = 0;
  private readonly ids = new Map<GPUBuffer, number>();

  constructor(
    private readonly ctx: Context,
    private readonly buffers: GPUBuffer[],
  ) {}

  /** Looks `ptr` up; false for no pointer, NULL, or no allocation WebGPU backs. */
  find(ptr: number): boolean {
    if (!isPtr(ptr) || ptr === 0) return false;
    const a = this.ctx.dev.space.find(ptr);
    // Memory WebGPU could not back is no destination (nor source) any more.
    if (!a || a.backing.failed) return false;
    const buffer = a.backing.buffer;
    let id = this.ids.get(buffer);
    if (id === undefined) {
      id = this.buffers.length;
      this.ids.set(buffer, id);
      this.buffers.push(buffer);
    }
    this.lo = a.base;
    this.hi = a.base + a.size;
    this.delta = a.offset - a.base;
    this.id = id;
    return true;
  }
}

/**
 * The column memory of a batch already encoded, for the next batch: a fresh one per call (320 KiB for
 * 4096 operations) costs page faults on first touch and garbage collections. Kept up to SPARE_MAX.
 */
let spareColumns: ArrayBuffer | null = null;
const SPARE_MAX = 8 * 2 ** 20;

/** A batch of `n` operations with its columns allocated (in one buffer: 7 of f64, 5 of u32, 2 of u8 per operation). */
function columns(n: number): Ops {
  let mem = spareColumns;
  if (mem && mem.byteLength >= n * 78) spareColumns = null;
  else mem = new ArrayBuffer(n * 78);
  return {
    n,
    mem,
    mask: 0,
    buffers: [],
    srcOff: new Float64Array(mem, 0, n),
    srcLen: new Float64Array(mem, 8 * n, n),
    dstOff: new Float64Array(mem, 16 * n, n),
    cap: new Float64Array(mem, 24 * n, n),
    actOff: new Float64Array(mem, 32 * n, n),
    stOff: new Float64Array(mem, 40 * n, n),
    outByte: new Float64Array(mem, 48 * n, n),
    srcBuf: new Uint32Array(mem, 56 * n, n),
    dstBuf: new Uint32Array(mem, 60 * n, n),
    actBuf: new Uint32Array(mem, 64 * n, n),
    stBuf: new Uint32Array(mem, 68 * n, n),
    row: new Uint32Array(mem, 72 * n, n),
    algo: new Uint8Array(mem, 76 * n, n),
    auto: new Uint8Array(mem, 77 * n, n),
    spans: { src: new Span(), dst: new Span(), act: new Span(), st: new Span() },
  };
}

/**
 * The most bytes of its source an operation reads: one binding must hold them (at any offset: a window
 * starts up to 255 bytes before and ends up to 15 after), and inflate.wgsl counts at most 2^27. With
 * WebGPU's smallest binding limit (128 MiB) this cuts no stream of at most 4 MiB of output short (LZ4 needs
 * about 4.1 MiB, Snappy at most 24: a one-byte literal with a five-byte tag), only a Deflate stream of
 * millions of empty blocks. A longer source would need a binding WebGPU refuses, failing the submission.
 */
const srcMax = (dev: Device) => Math.min(2 ** 27, dev.maxBinding - 512);

/** Validates the entries into columns; returns the index of the first invalid one, or the columns. */
function validate(ctx: Context, paramsArray: ArrayLike<CUmemDecompressParams>, n: number): Ops | number {
  const o = columns(n);
  const bad = read(ctx, paramsArray, o);
  return bad >= 0 ? bad : o;
}

/**
 * Reads and checks the entries into the columns of `o`; returns the index of the first invalid one, or -1.
 * Each entry's fields are read once, in one pass that stops at the first invalid entry (a getter of a
 * later entry never runs). Per column, the allocation the last pointer fell in is kept in locals:
 * consecutive pointers nearly always fall in the same allocation, and a resolver object's fields, read
 * and written for every pointer, cost more than the check (bench/results/local/session9).
 */
function read(ctx: Context, paramsArray: ArrayLike<CUmemDecompressParams>, o: Ops): number {
  const n = o.n;
  const { srcOff, srcLen, dstOff, cap, actOff, stOff, srcBuf, dstBuf, actBuf, stBuf, algo: algos, auto } = o;
  const map = new AllocationMap(ctx, o.buffers);
  // Per column (sources, destinations, dstActBytes, status words): the last allocation's addresses
  // [lo, hi), its offset in its buffer minus its base address, its buffer id (hi 0: none yet).
  let sLo = 0, sHi = 0, sDelta = 0, sId = 0;
  let dLo = 0, dHi = 0, dDelta = 0, dId = 0;
  let aLo = 0, aHi = 0, aDelta = 0, aId = 0;
  let tLo = 0, tHi = 0, tDelta = 0, tId = 0;
  const { src: ss, dst: ds, act: as, st: ts } = o.spans;
  const sMax = srcMax(ctx.dev);
  for (let i = 0; i < n; i++) {
    const q = paramsArray[i] as Partial<CUmemDecompressParams> | null;
    if (typeof q !== 'object' || q === null) return i;
    const { algo, srcNumBytes, dstNumBytes, src, dst, dstActBytes, status } = q;
    if (algo !== CU_MEM_DECOMPRESS_ALGORITHM_LZ4 && algo !== CU_MEM_DECOMPRESS_ALGORITHM_SNAPPY && algo !== CU_MEM_DECOMPRESS_ALGORITHM_DEFLATE) return i;
    if (!isSize(srcNumBytes) || !isSize(dstNumBytes) || dstNumBytes > DECOMPRESS_MAX_LENGTH) return i;
    if (typeof src !== 'number' || typeof dst !== 'number' || typeof dstActBytes !== 'number') return i;
    // A pointer in the column's last allocation needs only to be an integer; any other is looked up.
    if (src >= sLo && src < sHi) {
      if (!Number.isInteger(src)) return i;
    } else {
      if (!map.find(src)) return i;
      sLo = map.lo, sHi = map.hi, sDelta = map.delta, sId = map.id;
    }
    if (dst >= dLo && dst < dHi) {
      if (!Number.isInteger(dst)) return i;
    } else {
      if (!map.find(dst)) return i;
      dLo = map.lo, dHi = map.hi, dDelta = map.delta, dId = map.id;
    }
    if (dstActBytes >= aLo && dstActBytes < aHi) {
      if (!Number.isInteger(dstActBytes)) return i;
    } else {
      if (!map.find(dstActBytes)) return i;
      aLo = map.lo, aHi = map.hi, aDelta = map.delta, aId = map.id;
    }
    // An empty stream is legal (raw Snappy of nothing is zero bytes); its pointer must still be valid.
    if (src + (srcNumBytes || 1) > sHi || dstActBytes + 4 > aHi) return i;
    const room = dHi - dst;
    const c = dstNumBytes === 0 ? Math.min(room, DECOMPRESS_MAX_LENGTH) : dstNumBytes;
    if (c > room) return i;
    if (status !== undefined && status !== 0) {
      if (typeof status !== 'number') return i;
      if (status >= tLo && status < tHi) {
        if (!Number.isInteger(status)) return i;
      } else {
        if (!map.find(status)) return i;
        tLo = map.lo, tHi = map.hi, tDelta = map.delta, tId = map.id;
      }
      if (status + 4 > tHi) return i;
      const off = status + tDelta;
      stBuf[i] = tId;
      stOff[i] = off;
      ts.add(tId, off, off + 4);
    } else stBuf[i] = NONE;
    const so = src + sDelta;
    const d = dst + dDelta;
    const a = dstActBytes + aDelta;
    algos[i] = algo;
    srcBuf[i] = sId;
    srcOff[i] = so;
    srcLen[i] = Math.min(srcNumBytes, sMax);
    dstBuf[i] = dId;
    dstOff[i] = d;
    cap[i] = c;
    auto[i] = dstNumBytes === 0 ? 1 : 0;
    actBuf[i] = aId;
    actOff[i] = a;
    ss.add(sId, so, so + srcLen[i]);
    ds.add(dId, d, d + c);
    as.add(aId, a, a + 4);
    o.mask |= algo;
  }
  return -1;
}

/**
 * Submits `count` independent decompressions as one unit of work on `stream`. Returns
 * [CUresult, errorIndex]: errorIndex names the first invalid entry, or is SIZE_MAX for a general error.
 */
export function cuMemBatchDecompressAsync(
  paramsArray: ArrayLike<CUmemDecompressParams>,
  count: number,
  flags: number,
  stream: unknown,
): [number, number] {
  const [e, ctx] = current();
  if (e) return [e, SIZE_MAX];
  if (flags !== 0 || !isSize(count) || count === 0) return [CUDA_ERROR_INVALID_VALUE, SIZE_MAX];
  if (typeof paramsArray !== 'object' || paramsArray === null || !(paramsArray.length >= count)) return [CUDA_ERROR_INVALID_VALUE, SIZE_MAX];
  const [es, s] = resolveStream(ctx, stream);
  if (es) return [es, SIZE_MAX];
  const removals = ctx.dev.space.removals;
  const ops = validate(ctx, paramsArray, count);
  if (typeof ops === 'number') return [CUDA_ERROR_INVALID_VALUE, ops];
  const u = undone(ctx, s, removals);
  if (u) return [u, SIZE_MAX];
  clipAutoCapacities(ops);
  const scratch = scratchOf(ops);
  // Submitted at once, so the GPU starts on it while the host prepares whatever comes next; a batch of
  // LONG_BYTES or more even behind busy submissions (Op.long): on an H200, 4096 x 64 KiB of random data
  // take 0.49 ms of GPU time and 0.4 ms of host time per call, and grouping such calls by four left the
  // GPU idle (BENCHMARKS.md, sessions 17 and 18).
  enqueue(ctx, s, {
    staging: 0,
    flush: true,
    long: scratch.bytes >= LONG_BYTES,
    encode: (b) => {
      // Memory WebGPU refused after the call (it answers asynchronously) drops this batch alone.
      for (const buf of ops.buffers) b.rec.usable(buf);
      for (const p of parts(ctx.dev, ops, scratch)) encodePart(ctx.dev, b, ops, p);
      if (ops.mem.byteLength <= SPARE_MAX && (!spareColumns || spareColumns.byteLength < ops.mem.byteLength)) spareColumns = ops.mem;
    },
  });
  return [CUDA_SUCCESS, 0];
}

/** Scratch output from which a batch is long work for the recorder (Op.long). */
const LONG_BYTES = 64 * 2 ** 20;

/** Operation rows `from .. to - 1`. */
const rows = (from: number, to: number) => {
  const r = new Uint32Array(to - from);
  for (let k = 0; k < r.length; k++) r[k] = from + k;
  return r;
};

/** Whether `order` (operation rows) is sorted by (buffer, offset); sorts it when not. */
function sortBy(order: Uint32Array, buf: Uint32Array, off: Float64Array): boolean {
  for (let k = 1; k < order.length; k++) {
    const a = order[k - 1];
    const b = order[k];
    if (buf[a] > buf[b] || (buf[a] === buf[b] && off[a] > off[b])) {
      order.sort((x, y) => buf[x] - buf[y] || off[x] - off[y]);
      return false;
    }
  }
  return true;
}

/**
 * An operation with dstNumBytes 0 (nvCOMP passes 0 for every one) may use its destination up to the end
 * of the allocation, at most 4 MiB, and no further than the next operation's destination in the same
 * allocation: writing past that would race with the other operation's output, which CUDA leaves
 * undefined. Without this bound a batch of 64 KiB chunks would reserve 4 MiB of scratch each. (Ops are
 * compared per buffer: a destination in a later allocation of the buffer is past this one's room anyway.)
 */
function clipAutoCapacities(o: Ops): void {
  const { n, auto, cap, dstBuf, dstOff } = o;
  if (!auto.includes(1)) return;
  // The rows in (buffer, offset) order; null when they come in that order.
  const order = o.spans.dst.ordered ? null : rows(0, n);
  if (order) sortBy(order, dstBuf, dstOff);
  // The destination after row j in that order: its buffer and offset.
  let nextBuf = -1;
  let nextOff = 0;
  let next = Infinity;
  for (let k = n - 1; k >= 0; k--) {
    const j = order ? order[k] : k;
    const buf = dstBuf[j];
    const off = dstOff[j];
    if (buf !== nextBuf) next = Infinity;
    else if (nextOff > off) next = nextOff;
    if (auto[j]) cap[j] = Math.min(cap[j], next - off);
    nextBuf = buf;
    nextOff = off;
  }
}

/**
 * Operations order[start .. end) whose bytes in `buffer` fit one storage binding (core/windows.ts): `lo`
 * is the binding's offset, `hi` one past their last byte.
 */
interface Window {
  buffer: GPUBuffer;
  lo: number;
  hi: number;
  start: number;
  end: number;
}

/**
 * Sorts `order` by (buffer, offset) and cuts it into windows, each a run of operations of one buffer
 * whose bytes [off, off + len) fit one binding of `max` bytes (`len` per operation, or one for all).
 * In address order this is one pass, and none when the whole column fits one window (`span`).
 */
function windows(o: Ops, order: Uint32Array, buf: Uint32Array, off: Float64Array, len: Float64Array | number, max: number, span: Span): Window[] {
  const whole = span.whole(o, max);
  if (whole) return order.length ? [{ ...whole, end: order.length }] : [];
  const out: Window[] = [];
  let id = -1;
  let lo = 0;
  let hi = 0;
  let start = 0;
  let prev = -1;
  for (let k = 0; k < order.length; k++) {
    const j = order[k];
    const l = off[j];
    const h = l + (typeof len === 'number' ? len : len[j]);
    if (buf[j] !== id || l < prev || windowSize(lo, Math.max(hi, h)) > max) {
      // Operations nearly always come in address order; the first one that does not sorts them all.
      if (k && (buf[j] < id || (buf[j] === id && l < prev)) && !sortBy(order, buf, off)) return windows(o, order, buf, off, len, max, span);
      if (k) out.push({ buffer: o.buffers[id], lo, hi, start, end: k });
      id = buf[j];
      lo = windowStart(l);
      hi = h;
      start = k;
    }
    if (h > hi) hi = h;
    prev = l;
  }
  if (order.length) out.push({ buffer: o.buffers[id], lo, hi, start, end: order.length });
  return out;
}

/** The window as a binding (a window of only empty streams still binds 16 bytes). */
const binding = (g: { buffer: GPUBuffer; lo: number; hi: number }): GPUBufferBinding => window(g.buffer, g.lo, g.hi);

/** Largest scratch output of one part of a batch (and of one decoder dispatch). */
const SCRATCH_MAX = 256 * 2 ** 20;

/**
 * LZ4 and Snappy operations of more capacity than this are decoded in pieces by several workgroups
 * (encodePieces). On an H200, 256 MiB batches (BENCHMARKS.md): pieces took 1 MiB LZ4 operations from 44.1
 * to 15.8 ms (text) and 38.9 to 12.6 ms (x86 code), 4 MiB ones from 176 to 18.2 and 152 to 14.5 ms
 * (session 8); 256 KiB ones from 11.9 to 11.5 ms (text) and 10.9 to 10.0 (code) once the piece passes had
 * got faster (session 14, run d); Snappy's 256 KiB from 19.3 to 15.0 ms (text, session 9). Operations
 * between 128 and 256 KiB are not measured (the corpus has none).
 */
const PIECED_MIN = 128 * 1024;

/** Least output bytes of a piece of an LZ4 or Snappy operation (Device.lzPiece). */
const lzPiece = (dev: Device, algo: number) => (algo === CU_MEM_DECOMPRESS_ALGORITHM_LZ4 ? dev.lzPiece.lz4 : dev.lzPiece.snappy);

/** The capacity above which an operation of `algo` is decoded in pieces (Infinity: never). */
const piecedMin = (dev: Device, algo: number) => (algo === CU_MEM_DECOMPRESS_ALGORITHM_DEFLATE ? dev.deflatePiecedMin : PIECED_MIN);

/** Whether an operation is decoded in pieces (encodePieces). */
const pieced = (dev: Device, o: Ops, j: number) => inPieces(dev, o.algo[j], o.cap[j], o.srcLen[j], piecedMin(dev, o.algo[j]));

/**
 * Whether an operation of `algo` with capacity `cap` and `srcLen` source bytes is decoded in pieces, given
 * its algorithm's piecedMin. A Deflate stream of at most a quarter of that many source bytes holds too few
 * blocks for pieces to pay (zlib's hold 17-28 KiB of source each: BENCHMARKS.md, session 11), whatever
 * capacity it was given (dstNumBytes 0 gives an operation up to 4 MiB): it stays in one workgroup, as does
 * one whose spill would not fit half a binding (maxStorageBinding set low).
 */
const inPieces = (dev: Device, algo: number, cap: number, srcLen: number, min: number) =>
  cap > min && (algo !== CU_MEM_DECOMPRESS_ALGORITHM_DEFLATE || (srcLen > min / 4 && spillBytes(dev, cap, srcLen) <= maxSpill(dev)));

/** Scratch bytes an operation reserves. */
const need = (o: Ops, j: number) => Math.ceil(o.cap[j] / 16) * 16;

/** The scratch output a batch reserves in all, and its largest capacity. */
interface Scratch {
  bytes: number;
  maxCap: number;
}

function scratchOf(o: Ops): Scratch {
  let bytes = 0;
  let maxCap = 0;
  for (let j = 0; j < o.n; j++) {
    bytes += need(o, j);
    if (o.cap[j] > maxCap) maxCap = o.cap[j];
  }
  return { bytes, maxCap };
}

/**
 * The most operations a part has: its tables bind 16 bytes an operation (20 for Deflate, with the decode
 * order), its commit table 20 and its results 8, each of which must fit one binding.
 */
const partOps = (dev: Device) => Math.floor(dev.maxBinding / 32);

/**
 * Splits a batch into consecutive parts (row ranges [from, to)) of at most partOps operations whose
 * scratch output fits SCRATCH_MAX (and one binding). With dstNumBytes 0 (as nvCOMP passes it) every
 * operation may reserve 4 MiB, so a large batch runs as a few parts that reuse one scratch buffer, still
 * inside the batch's single op on the stream.
 */
function parts(dev: Device, o: Ops, scratch: Scratch): [number, number][] {
  const max = Math.min(dev.maxBinding, SCRATCH_MAX);
  const maxOps = partOps(dev);
  // A part with pieces also binds their links, two bytes per scratch byte (encodePieces) or per spill byte
  // (encodeInflatePieces, whose spill may take up to half a binding).
  const spill = maxSpill(dev);
  const maxPieced = Math.min(max, spill);
  const spillOf = (j: number, inPieces: boolean) => (inPieces && o.algo[j] === CU_MEM_DECOMPRESS_ALGORITHM_DEFLATE ? spillBytes(dev, o.cap[j], o.srcLen[j]) : 0);
  // Most batches are one part: their scratch fits, and so does the spill of their large Deflate
  // operations, if they have any.
  let spilled = 0;
  if (scratch.maxCap > dev.deflatePiecedMin) for (let j = 0; j < o.n; j++) if (o.cap[j] > dev.deflatePiecedMin) spilled += spillOf(j, pieced(dev, o, j));
  if (scratch.bytes <= maxPieced && spilled <= spill && o.n <= maxOps) return [[0, o.n]];
  const out: [number, number][] = [];
  let from = 0;
  let used = 0;
  let lim = max;
  spilled = 0;
  for (let j = 0; j < o.n; j++) {
    const pc = pieced(dev, o, j);
    const sp = spillOf(j, pc);
    if ((used + need(o, j) > (pc ? maxPieced : lim) || spilled + sp > spill || j - from === maxOps) && j > from) {
      out.push([from, j]);
      from = j;
      used = 0;
      spilled = 0;
      lim = max;
    }
    if (pc) lim = maxPieced;
    used += need(o, j);
    spilled += sp;
  }
  out.push([from, o.n]);
  return out;
}

/**
 * Spill bytes per source segment of a Deflate operation decoded in pieces: Device.deflateSpill (2.5) times
 * its mean output per segment. A piece may use the areas of the segments up to the next candidate's; on
 * zlib's streams of text and code a piece needed at most 2.2 times its segments' mean share
 * (bench/results/local/session13). A piece that needs more makes its operation decode whole.
 */
const segCap = (dev: Device, cap: number, srcLen: number) => Math.ceil((cap * INFLATE_SEG * dev.deflateSpill) / Math.max(1, srcLen) / 4) * 4;

/** The most spill bytes of one part: its links, two bytes per spill byte, fill at most a binding. */
const maxSpill = (dev: Device) => Math.floor(dev.maxBinding / 2 / 256) * 256;

/** Spill bytes of a Deflate operation decoded in pieces. */
const spillBytes = (dev: Device, cap: number, srcLen: number) => Math.max(1, Math.ceil(srcLen / INFLATE_SEG)) * segCap(dev, cap, srcLen);

/**
 * One decoder dispatch: n operations of one algorithm reading one source window, table rows from `base`;
 * `stored` of them with a source at least as long as their capacity (incompressible data), `runs` with a
 * capacity of RUNS_RATIO times their source or more (zeros, RLE-like data): they pick the
 * decoder's variant (decoderVariant).
 */
interface Dispatch {
  algo: number;
  win: Window;
  n: number;
  base: number;
  outLo: number;
  outHi: number;
  stored: number;
  runs: number;
  /** The largest capacity among its operations (none above piecedMin: no pass for large ones). */
  maxCap: number;
}

/** Compression ratio (capacity / source) from which an operation counts as a run of repeated bytes. */
const RUNS_RATIO = 16;

/** Counts an operation of `len` source bytes and capacity `c` into a dispatch's `stored`, `runs` and `maxCap`. */
function countData(d: { stored: number; runs: number; maxCap: number }, len: number, c: number): void {
  if (len >= c) d.stored++;
  else if (len * RUNS_RATIO <= c) d.runs++;
  if (c > d.maxCap) d.maxCap = c;
}

/**
 * The decoder variant for a dispatch's data (its kernel name's suffix and its source transform): for LZ4
 * and Snappy, copying groups of one literal run four words at a time where most operations are
 * incompressible; resolving runs of one byte once (LZ4, Snappy), or a run's chain of matches as one (Deflate),
 * where most are zeros or RLE-like; the plain decoder otherwise. H200, 4096 x 64 KiB (BENCHMARKS.md, sessions
 * 15 and 23): the first takes random LZ4 data from 0.87 to 0.49 ms, the second zeros from 2.71 to 0.93 (LZ4)
 * and from 5.85 to 1.78 (Deflate), but each costs other data (1-3% in the plain decoder; Deflate's runs build
 * decodes text 19% slower), so none is in the plain decoder.
 */
function decoderVariant(d: Dispatch): ['' | ' literals' | ' runs', (code: string) => string] {
  const lz = d.algo !== CU_MEM_DECOMPRESS_ALGORITHM_DEFLATE;
  if (lz && 2 * d.stored >= d.n) return [' literals', literalGroups];
  if (2 * d.runs >= d.n) return [' runs', byteRuns];
  return ['', (code) => code];
}

/**
 * A zeroed op table of `words` words: a view of one array kept across calls (writeBuffer copies the table
 * when the part is encoded, before the next part is planned), so 4096 operations allocate no 64 KiB each.
 * A part's tables are its rows (4 words each: shaders/decoder_io.wgsl DecodeOp), then the decode order (a
 * word per row, written for Deflate's dispatches: longestFirst).
 */
let tableWords = new Uint32Array(0);
function opTable(words: number): Uint32Array {
  if (tableWords.length < words) tableWords = new Uint32Array(Math.max(words, 2 * tableWords.length));
  return tableWords.subarray(0, words).fill(0);
}

/** A part planned: its tables (one upload) and where each dispatch finds its slice of them. */
interface Plan {
  tables: Uint32Array;
  /** Decoder table rows (multiple of 32). */
  total: number;
  /** Scratch output bytes. */
  outBytes: number;
  dispatches: Dispatch[];
  /** Whether operation j's table row is j - from (planFast). */
  inOrder: boolean;
}

/**
 * The common batch, planned in one pass: one algorithm, and every source in one buffer within one
 * binding's reach. Then the part is one decoder dispatch whose table row k is operation from + k.
 * Returns null for any other batch (planGeneral).
 */
function planFast(dev: Device, o: Ops, from: number, to: number): Plan | null {
  if (o.mask & (o.mask - 1)) return null;
  const sw = o.spans.src.whole(o, dev.maxBinding);
  if (!sw) return null;
  const n = to - from;
  const total = Math.ceil(n / 32) * 32;
  const t = opTable(total * 5);
  const { srcOff, srcLen, cap, row, outByte } = o;
  const sLo = sw.lo;
  let out = 0;
  const data = { stored: 0, runs: 0, maxCap: 0 };
  for (let j = from, k = 0; j < to; j++, k++) {
    const c = cap[j];
    const len = srcLen[j];
    const x = k * 4;
    t[x] = srcOff[j] - sLo;
    t[x + 1] = len;
    t[x + 2] = out / 4;
    t[x + 3] = c;
    row[j] = k;
    outByte[j] = out;
    out += Math.ceil(c / 16) * 16;
    countData(data, len, c);
  }
  return { tables: t, total, outBytes: out, dispatches: [{ algo: o.mask, win: sw, n, base: 0, outLo: 0, outHi: out, ...data }], inOrder: true };
}

/** Any batch: operations grouped by algorithm, columns cut into windows where they span buffers or bindings. */
function planGeneral(dev: Device, o: Ops, from: number, to: number): Plan {
  const max = Math.min(dev.maxBinding, SCRATCH_MAX);
  // The part's operations grouped by algorithm, each group in row order.
  const order = rows(from, to);
  const groups: Uint32Array[] = [];
  let at = 0;
  for (const algo of ALGOS) {
    const start = at;
    for (let j = from; j < to; j++) if (o.algo[j] === algo) order[at++] = j;
    if (at > start) groups.push(order.subarray(start, at));
  }
  // One decoder dispatch per algorithm and source window (split where the scratch output would outgrow
  // one binding). Each dispatch takes a run of rows aligned to 64 so that its slices of the op table
  // (16 B per row), the decode order (4 B per row) and the results (8 B per row) start on 256-byte bindings.
  const dispatches: (Dispatch & { order: Uint32Array })[] = [];
  let index = 0;
  let outByte = 0;
  for (const g of groups) {
    for (const win of windows(o, g, o.srcBuf, o.srcOff, o.srcLen, dev.maxBinding, o.spans.src)) {
      let k0 = win.start;
      let outLo = Math.ceil(outByte / 256) * 256;
      outByte = outLo;
      for (let k = win.start; k <= win.end; k++) {
        const cut = k === win.end || (k > k0 && outByte + need(o, g[k]) - outLo > max);
        if (cut) {
          index = Math.ceil(index / 64) * 64;
          dispatches.push({ algo: o.algo[g[k0]], win, n: k - k0, order: g.subarray(k0, k), base: index, outLo, outHi: outByte, stored: 0, runs: 0, maxCap: 0 });
          index += k - k0;
          k0 = k;
          outLo = outByte = Math.ceil(outByte / 256) * 256;
        }
        if (k < win.end) {
          o.outByte[g[k]] = outByte;
          outByte += need(o, g[k]);
        }
      }
    }
  }
  const total = Math.ceil(index / 32) * 32;
  const tables = opTable(total * 5);
  for (const d of dispatches) {
    const lo = d.win.lo;
    for (let k = 0; k < d.order.length; k++) {
      const j = d.order[k];
      const row = d.base + k;
      o.row[j] = row;
      const len = o.srcLen[j];
      const c = o.cap[j];
      tables[row * 4] = o.srcOff[j] - lo;
      tables[row * 4 + 1] = len;
      tables[row * 4 + 2] = (o.outByte[j] - d.outLo) / 4;
      tables[row * 4 + 3] = c;
      countData(d, len, c);
    }
  }
  return { tables, total, outBytes: outByte, dispatches, inOrder: false };
}

/**
 * The part's decoded bytes: results[2 * row] of them (read on the GPU, at most the capacity) from each op's
 * scratch output `src` to its destination, into `table` when the column lies in one window, else into
 * `pairs`.
 */
function pushBytes(o: Ops, from: number, to: number, table: TableWriter | null, pairs: BufferPairs | null, src: GPUBuffer): void {
  const { row, outByte, dstBuf, dstOff, cap, buffers } = o;
  if (table) table.push1DRows(outByte, dstOff, cap, row, from, to);
  else for (let j = from; j < to; j++) pairs!.of(src, buffers[dstBuf[j]]).push1D(outByte[j], dstOff[j], cap[j], 2 * row[j] + 1);
}

/**
 * The part's dstActBytes (column 1: copies of results[2 * row]) or status words (column 2: of
 * results[2 * row + 1]). Consecutive rows whose words follow each other in one buffer (an array of sizes,
 * as nvCOMP passes it) are one strided item: 4 bytes a row, from every other results word.
 */
function pushWords(o: Ops, from: number, to: number, inOrder: boolean, column: number, table: TableWriter | null, pairs: BufferPairs | null, src: GPUBuffer): void {
  const { row, buffers } = o;
  const [buf, off, span] = column === 1 ? [o.actBuf, o.actOff, o.spans.act] : [o.stBuf, o.stOff, o.spans.st];
  // Every operation's word right after the previous one's (Span.packed) and table rows in operation order
  // (planFast): one run, found without a pass over the rows.
  if (inOrder && span.packed(o.n, 4)) {
    pushRun(table ?? pairs!.of(src, buffers[buf[from]]), column, row[from], off[from], to - from);
    return;
  }
  // The run so far: n rows from row r0, their words from d0 in buffer id.
  let id = -1;
  let r0 = 0;
  let d0 = 0;
  let n = 0;
  for (let j = from; j < to; j++) {
    const b = buf[j];
    if (b === NONE) continue;
    if (n && b === id && row[j] === r0 + n && off[j] === d0 + 4 * n) {
      n++;
      continue;
    }
    if (n) pushRun(table ?? pairs!.of(src, buffers[id]), column, r0, d0, n);
    id = b;
    r0 = row[j];
    d0 = off[j];
    n = 1;
  }
  if (n) pushRun(table ?? pairs!.of(src, buffers[id]), column, r0, d0, n);
}

/** A run of pushWords as one item: n words from results word 2 * r0 + column - 1, every other one, to d0. */
const pushRun = (w: TableWriter | Items, column: number, r0: number, d0: number, n: number) => w.push(8 * r0 + 4 * (column - 1), d0, 4, n, 1, 8, 4, 8 * n, 4 * n, 0);

/**
 * Commits the part's decoded bytes and stores its dstActBytes and status words as copy_batch items, one
 * dispatch pair per column (per destination buffer where a column spans several buffers or more than a
 * binding). Capacities are at most DECOMPRESS_MAX_LENGTH, half the smallest binding, as items with a
 * GPU-side width must be.
 */
function commit(dev: Device, b: Submission, o: Ops, from: number, to: number, inOrder: boolean, out: GPUBuffer, outBytes: number, results: GPUBuffer, resultBytes: number): void {
  const spans = [o.spans.dst, o.spans.act, o.spans.st];
  for (let c = 0; c < 3; c++) {
    if (spans[c].empty) continue;
    const [src, srcBytes, sizes] = c === 0 ? [out, outBytes, { buffer: results, size: resultBytes }] : [results, resultBytes, undefined];
    const w = spans[c].whole(o, dev.maxBinding);
    if (w && c === 0 && inOrder && from === 0 && to === o.n) {
      const k = keptCommit(b, o, w.lo, src);
      dev.xfer.tableAt(b, window(src, 0, srcBytes), window(w.buffer, w.lo, w.hi), { buffer: k.buffer }, k.table, sizes);
      continue;
    }
    if (w) {
      // The column lies in one window: its table is written in one pass, with no store in between.
      const t = new TableWriter(0, w.lo, to - from, c === 0);
      if (c === 0) pushBytes(o, from, to, t, null, src);
      else pushWords(o, from, to, inOrder, c, t, null, src);
      dev.xfer.table(b, window(src, 0, srcBytes), window(w.buffer, w.lo, w.hi), t.finish(), sizes);
      continue;
    }
    const pairs = new BufferPairs();
    if (c === 0) pushBytes(o, from, to, null, pairs, src);
    else pushWords(o, from, to, inOrder, c, null, pairs, src);
    for (const [dst, items] of pairs.bySrc.get(src) ?? []) dev.xfer.batch(b, src, dst, items, sizes);
    pairs.release();
  }
}

/**
 * The bytes' commit tables of the last batches planned whole and in order (planFast), kept on the GPU with
 * the destinations and capacities each was written from (with them and the order, its rows are fixed:
 * outByte and row follow from the capacities). A stream of batches into the same destinations, whose
 * sources change from call to call, reuses its table instead of writing and uploading its rows again; up
 * to KEPT_COMMITS layouts are kept, so that batches alternating between buffers (double buffering) do too.
 */
interface CommitTable {
  name: string;
  buffer: GPUBuffer;
  lo: number;
  dstOff: Float64Array;
  cap: Float64Array;
  table: Omit<ItemTable, 'table'>;
}
const KEPT_COMMITS = 4;
/** Per device (its Staging keeps the buffers), most recently used first. */
const commitTables = new WeakMap<Staging, CommitTable[]>();

const sameRows = (a: Float64Array, b: Float64Array, n: number): boolean => {
  for (let j = 0; j < n; j++) if (a[j] !== b[j]) return false;
  return true;
};

/** The kept commit table of `o` (one part, in order) to the window from `lo`; written anew when none matches. */
function keptCommit(b: Submission, o: Ops, lo: number, src: GPUBuffer): CommitTable {
  const staging = b.rec.staging;
  let list = commitTables.get(staging);
  if (!list) commitTables.set(staging, (list = []));
  const at = list.findIndex((k) => k.lo === lo && k.dstOff.length === o.n && sameRows(k.dstOff, o.dstOff, o.n) && sameRows(k.cap, o.cap, o.n));
  if (at >= 0) {
    const k = list[at];
    list.splice(at, 1);
    list.unshift(k);
    return k;
  }
  const t = new TableWriter(0, lo, o.n, true);
  pushBytes(o, 0, o.n, t, null, src);
  const { table, ...rest } = t.finish();
  // The least recently used layout's place, in a new buffer, not a rewrite: submissions encoded before
  // this one may still read the old table.
  const name = list.length < KEPT_COMMITS ? `commit table ${list.length}` : list.pop()!.name;
  const buffer = b.keptData(name, table);
  const kept = { name, buffer, lo, dstOff: o.dstOff.slice(0, o.n), cap: o.cap.slice(0, o.n), table: rest };
  list.unshift(kept);
  return kept;
}

function encodePart(dev: Device, b: Submission, o: Ops, [from, to]: [number, number]): void {
  const plan = planFast(dev, o, from, to) ?? planGeneral(dev, o, from, to);
  // Before the op table goes up: its large rows get the PIECED bit, Deflate's dispatches their decode order.
  const large = plan.dispatches.map((d) => largeOps(dev, plan.tables, d));
  for (const d of plan.dispatches) if (d.algo === CU_MEM_DECOMPRESS_ALGORITHM_DEFLATE) longestFirst(plan.tables, plan.total, d);
  const tablesBuf = b.storage(plan.tables).buffer;
  const slice = (word: number, bytes: number): GPUBufferBinding => ({ buffer: tablesBuf, offset: word * 4, size: Math.max(4, bytes) });

  const results = b.pooledStorage(plan.total * 8);
  // The decoders' scratch output: kept by the recorder, reused in queue order. Decoders write whole words
  // and read back only words they wrote, so it needs no clearing.
  const out = b.keptStorage('decode scratch', Math.max(plan.outBytes, 256));

  for (const d of plan.dispatches) {
    const [name, code] = DECODERS[d.algo];
    const n = d.n;
    const lz = d.algo !== CU_MEM_DECOMPRESS_ALGORITHM_DEFLATE;
    const paired = lz && n > PAIRED_MIN_OPS;
    const [data, pick] = decoderVariant(d);
    const kernel = !lz || paired
      ? dev.kernels.auto(name + data, () => pick(code), 'main')
      : n <= PIPELINED_MAX_OPS
        ? dev.kernels.auto(`${name} pipelined${data}`, () => pick(pipelined(code)), 'main')
        : dev.kernels.auto(`${name} single${data}`, () => pick(oneOpPerGroup(code)), 'main');
    const entries = [
      { binding: 0, resource: slice(d.base * 4, n * 16) },
      { binding: 1, resource: binding(d.win) },
      { binding: 2, resource: { buffer: out, offset: d.outLo, size: d.outHi - d.outLo } },
      { binding: 3, resource: { buffer: results, offset: d.base * 8, size: Math.ceil((n * 8) / 16) * 16 } },
      ...(lz ? [] : [{ binding: 4, resource: slice(plan.total * 4 + d.base, n * 4) }]),
    ];
    const perGroup = paired ? LZ_OPS : 1;
    b.dispatchAuto(kernel, entries, Math.ceil(n / perGroup));
  }
  plan.dispatches.forEach((d, k) => {
    const l = large[k];
    if (l && d.algo === CU_MEM_DECOMPRESS_ALGORITHM_DEFLATE) encodeInflatePieces(dev, b, d, l, out, results);
    else if (l) encodePieces(dev, b, d, l, out, results, plan.outBytes);
  });

  commit(dev, b, o, from, to, plan.inOrder, out, plan.outBytes, results, plan.total * 8);
}

/** Buckets of longestFirst's counting sort: stream lengths to 1/256 of the dispatch's largest capacity. */
const ORDER_BUCKETS = 256;
const orderCounts = new Uint32Array(ORDER_BUCKETS);
let orderKeys = new Uint8Array(0);

/**
 * A Deflate dispatch's decode order (tables[4 total + d.base + k]: which of its rows, from 0, its k-th
 * workgroup decodes; shaders/inflate_ops.wgsl): longest stream first, so that a batch of more operations
 * than the GPU holds at once (13 a SM on an H200) leaves its shortest ones for the last wave. H200, 4096 x
 * 64 KiB (BENCHMARKS.md, session 21): 1-9% less GPU time. LZ4 and Snappy are not ordered: their batches
 * fit the GPU at once, and pairing operations of one length gained them 0-4% (with the bench's repeated
 * chunks, ordering pairs identical streams, whose parsers never diverge: 20% that real data cannot have).
 */
function longestFirst(tables: Uint32Array, total: number, d: Dispatch): void {
  const at = total * 4 + d.base;
  // A counting sort on the stream length, in buckets of 1/ORDER_BUCKETS of the largest capacity (a
  // stored stream, longer than its capacity, goes in the last).
  if (orderKeys.length < d.n) orderKeys = new Uint8Array(Math.max(d.n, 2 * orderKeys.length));
  const scale = ORDER_BUCKETS / (d.maxCap + 1);
  orderCounts.fill(0);
  for (let k = 0, r = d.base * 4 + 1; k < d.n; k++, r += 4) {
    // Math.floor, not | 0: a stream of megabytes into a capacity of a few bytes scales past 2^31.
    const key = Math.min(ORDER_BUCKETS - 1, Math.floor(tables[r] * scale));
    orderKeys[k] = key;
    orderCounts[key]++;
  }
  for (let b = ORDER_BUCKETS - 1, start = 0; b >= 0; b--) {
    const c = orderCounts[b];
    orderCounts[b] = start;
    start += c;
  }
  for (let k = 0; k < d.n; k++) tables[at + orderCounts[orderKeys[k]]++] = k;
}

/** The large operations of one decoder dispatch: LargeOp records (shaders/large_op.wgsl) and their counts. */
interface Large {
  records: Uint32Array;
  n: number;
  segs: number;
  slots: number;
  /** Spill words (Deflate). */
  spill: number;
}

/**
 * Lists the rows of dispatch `d` whose capacity exceeds its algorithm's piecedMin and marks them PIECED in
 * the op table (`t`, not uploaded yet), so that the one-operation decoder skips them. Null when there are
 * none.
 */
function largeOps(dev: Device, t: Uint32Array, d: Dispatch): Large | null {
  const min = piecedMin(dev, d.algo);
  if (d.maxCap <= min) return null;
  // A Deflate piece starts at a block boundary found in a segment: one slot per segment.
  const perSegment = d.algo === CU_MEM_DECOMPRESS_ALGORITHM_DEFLATE;
  let n = 0;
  const isLarge = (r: number) => inPieces(dev, d.algo, t[r + 3], t[r + 1], min);
  for (let k = 0; k < d.n; k++) if (isLarge((d.base + k) * 4)) n++;
  if (!n) return null;
  const records = new Uint32Array(n * LARGE_WORDS);
  let segs = 0;
  let slots = 0;
  let spill = 0;
  let x = 0;
  for (let k = 0; k < d.n; k++) {
    const r = (d.base + k) * 4;
    const cap = t[r + 3];
    if (!isLarge(r)) continue;
    const nseg = Math.max(1, Math.ceil(t[r + 1] / (perSegment ? INFLATE_SEG : LZ_SEG)));
    const nslots = perSegment ? nseg : Math.ceil(cap / lzPiece(dev, d.algo));
    const sc = perSegment ? segCap(dev, cap, t[r + 1]) : 0;
    records.set([t[r], t[r + 1], t[r + 2], cap, segs, nseg, slots, nslots, k, spill, sc], x);
    x += LARGE_WORDS;
    segs += nseg;
    slots += nslots;
    spill += (nseg * sc) / 4;
    t[r + 3] = cap + PIECED;
  }
  return { records, n, segs, slots, spill };
}

/** out_cap bit of a row the piece passes decode (shaders/decoder_io.wgsl). */
const PIECED = 0x80000000;

/**
 * The piece passes' scratch `name` of `bytes`, bound from its start: `size` bytes (at least 16). Kept
 * across calls and reused in queue order: a new buffer of megabytes per call costs the host more than the
 * call's planning, and fresh buffers defeat the bind-group cache.
 */
const kept = (b: Submission, name: string, bytes: number, size = bytes): GPUBufferBinding =>
  ({ buffer: b.keptStorage(name, bytes), offset: 0, size: Math.max(16, size) });

/**
 * Several workgroups per large LZ4 or Snappy operation (shaders/lz_scan.wgsl, lz_pieces.wgsl): speculative
 * walks of every 4 KiB of source, a check per segment of where the previous walk's exit leads, a join per
 * operation that cuts it into pieces of at least Device.lzPiece bytes of output at sequence boundaries, one workgroup per
 * piece decoding it (bytes that copy from an earlier piece keep a 16-bit link instead of a value), then one
 * workgroup per piece that follows the links and writes the operation's [bytes produced, status] into
 * `results`, as the one-operation decoder would have. A Snappy copy may reach further back than a link
 * can say (a 4-byte offset): the piece stops there, and when that decides the operation's outcome, one
 * workgroup decodes the operation again from its start (`whole`).
 */
function encodePieces(dev: Device, b: Submission, d: Dispatch, l: Large, out: GPUBuffer, results: GPUBuffer, outBytes: number): void {
  const large = b.storage(l.records);
  const walks = kept(b, 'decode walks', l.segs * LZ_WREC * 4);
  const pieces = kept(b, 'decode pieces', l.slots * 16);
  const presults = kept(b, 'decode piece results', l.slots * 8);
  const links = kept(b, 'decode links', outBytes * 2, (d.outHi - d.outLo) * 2);
  const src = { binding: 1, resource: binding(d.win) };
  const outB = { binding: 2, resource: { buffer: out, offset: d.outLo, size: d.outHi - d.outLo } };
  const [name] = DECODERS[d.algo] as ['lz4' | 'snappy', string];
  const sub = lzPiece(dev, d.algo);
  const scan = (entry: string) =>
    entry === 'join'
      ? dev.kernels.auto(`${name} join ${sub}`, () => SCAN_WGSL[name], entry, { SUB: sub })
      : dev.kernels.auto(`${name} ${entry}`, () => SCAN_WGSL[name], entry);
  const piece = (entry: string) => dev.kernels.auto(`${name} pieces ${entry}`, () => PIECES_WGSL[name], entry);
  b.dispatchAuto(scan('walk'), [src, { binding: 6, resource: large }, { binding: 7, resource: walks }], Math.ceil(l.segs / 64));
  b.dispatchAuto(scan('check'), [{ binding: 6, resource: large }, { binding: 7, resource: walks }, src], Math.ceil(l.segs / 64));
  b.dispatchAuto(scan('join'), [src, { binding: 5, resource: pieces }, { binding: 6, resource: large }, { binding: 7, resource: walks }], Math.ceil(l.n / 64));
  const common = [outB, { binding: 3, resource: presults }, { binding: 4, resource: links }, { binding: 5, resource: pieces }, { binding: 6, resource: large }];
  const final = { binding: 7, resource: { buffer: results, offset: d.base * 8, size: Math.ceil((d.n * 8) / 16) * 16 } };
  b.dispatchAuto(piece('main'), [src, ...common], l.slots);
  b.dispatchAuto(piece('fixup'), [...common, final], l.slots);
  // LZ4 offsets are 16-bit: its pieces never stop ST_FAR.
  if (d.algo === CU_MEM_DECOMPRESS_ALGORITHM_SNAPPY) b.dispatchAuto(piece('whole'), [src, ...common, final], l.n);
}

/**
 * Several workgroups per large Deflate operation (shaders/inflate_pieces.wgsl): the first dynamic block
 * header in each 4 KiB of source (`find`), each such candidate decoded once as far as the next one, the
 * operation's first piece into its output and the others into spill areas with 16-bit links for bytes
 * that copy from before the piece (`decode`), a chain of true block starts per operation (`join`), the
 * spill areas copied to their pieces' offsets (`place`), the links resolved piece after piece (`fixup`),
 * and one workgroup per operation that writes its [bytes produced, status], decoding it again whole when
 * its pieces did not (`whole`: any error, a false candidate, a piece longer than its spill area, a stream
 * without dynamic blocks).
 */
function encodeInflatePieces(dev: Device, b: Submission, d: Dispatch, l: Large, out: GPUBuffer, results: GPUBuffer): void {
  // Tests build whole without its second decode (Device.deflateRedecode).
  const lim = b.rec.device.limits;
  const constants: Record<string, Record<string, number>> = {
    whole: { REDECODE: dev.deflateRedecode ? 1 : 0 },
    fixup: { FIX_WG: Math.min(1024, lim.maxComputeInvocationsPerWorkgroup, lim.maxComputeWorkgroupSizeX) },
  };
  const kernel = (entry: string) =>
    dev.kernels.auto(`inflate pieces ${entry}${entry === 'whole' && !dev.deflateRedecode ? ' (no redecode)' : ''}`, () => INFLATE_PIECES_WGSL, entry, constants[entry]);
  const e = (binding: number, resource: GPUBufferBinding) => ({ binding, resource });
  const src = e(1, binding(d.win));
  const outB = e(2, { buffer: out, offset: d.outLo, size: d.outHi - d.outLo });
  const final = e(3, { buffer: results, offset: d.base * 8, size: Math.ceil((d.n * 8) / 16) * 16 });
  const links = e(4, kept(b, 'decode links', l.spill * 8));
  const pieces = e(5, kept(b, 'decode pieces', l.slots * 16));
  const large = e(6, b.storage(l.records));
  const cands = e(7, kept(b, 'inflate candidates', l.slots * 4));
  const sizes = e(8, kept(b, 'inflate piece sizes', l.slots * 16));
  const spill = e(9, kept(b, 'inflate spill', l.spill * 4));
  const ostate = e(10, kept(b, 'inflate op state', l.n * 8));
  // The decode order: counts, cursors and total (INFLATE_ORDER0 words), then a slot per place.
  const order = e(11, kept(b, 'inflate decode order', (INFLATE_ORDER0 + l.slots) * 4));
  const ranks = e(12, kept(b, 'inflate ranks', l.slots * 4));
  b.dispatchAuto(kernel('find'), [src, large, cands], l.slots);
  b.dispatchAuto(kernel('rank'), [large, cands, order, ranks], Math.ceil(l.slots / 64));
  b.dispatchAuto(kernel('offsets'), [order], 1);
  b.dispatchAuto(kernel('scatter'), [order, ranks], Math.ceil(l.slots / 64));
  b.dispatchAuto(kernel('decode'), [src, outB, links, large, cands, sizes, spill, order], l.slots);
  b.dispatchAuto(kernel('join'), [pieces, large, cands, sizes, ostate], Math.ceil(l.n / 64));
  b.dispatchAuto(kernel('place'), [outB, pieces, large, sizes, spill, ostate], l.slots);
  b.dispatchAuto(kernel('fixup'), [outB, links, pieces, large, sizes, spill, ostate], l.n);
  b.dispatchAuto(kernel('whole'), [src, outB, final, links, large, spill, ostate], l.n);
}

/** Where the raw stream CUDA takes sits inside a wrapped one, and the size it decompresses to. */
export interface RawStream {
  offset: number;
  length: number;
  /** Decompressed size the wrapper records (gzip ISIZE mod 2^32, Snappy preamble), or -1 (zlib). */
  uncompressedSize: number;
}

const fail = (): [number, RawStream | null] => [CUDA_ERROR_INVALID_VALUE, null];

/**
 * A real Uint8Array (checked without running user code: a Proxy or revoked Proxy is no view, and
 * `instanceof` would walk a Proxy's prototype trap) whose buffer is not detached.
 */
const isBytes = (v: unknown): v is Uint8Array =>
  ArrayBuffer.isView(v) && Object.prototype.toString.call(v) === '[object Uint8Array]' && hostBytes(v, 0) !== undefined;

/**
 * webcu extension: locates the raw Deflate stream inside gzip data (RFC 1952: header, optional extra,
 * name, comment and header CRC; 8-byte CRC32/ISIZE trailer), as CUDA's Deflate input wants it.
 */
export function cuMemDecompressParseGzip(data: Uint8Array): [number, RawStream | null] {
  if (!isBytes(data) || data.length < 18 || data[0] !== 0x1f || data[1] !== 0x8b || data[2] !== 8) return fail();
  const flg = data[3];
  if (flg & 0xe0) return fail();
  let p = 10;
  if (flg & 4) {
    if (p + 2 > data.length) return fail();
    p += 2 + (data[p] | (data[p + 1] << 8));
  }
  for (const bit of [8, 16]) {
    if (flg & bit) {
      while (p < data.length && data[p] !== 0) p++;
      p++;
    }
  }
  if (flg & 2) p += 2;
  const length = data.length - 8 - p;
  if (length <= 0) return fail();
  const t = data.length - 4;
  const isize = (data[t] | (data[t + 1] << 8) | (data[t + 2] << 16) | (data[t + 3] << 24)) >>> 0;
  return [CUDA_SUCCESS, { offset: p, length, uncompressedSize: isize }];
}

/** webcu extension: the raw Deflate stream inside zlib data (RFC 1950; preset dictionaries unsupported). */
export function cuMemDecompressParseZlib(data: Uint8Array): [number, RawStream | null] {
  if (!isBytes(data) || data.length < 7) return fail();
  const cmf = data[0];
  const flg = data[1];
  if ((cmf & 0x0f) !== 8 || (cmf >> 4) > 7 || ((cmf << 8) | flg) % 31 !== 0 || flg & 0x20) return fail();
  return [CUDA_SUCCESS, { offset: 2, length: data.length - 6, uncompressedSize: -1 }];
}

/** webcu extension: raw Snappy without its varint length preamble, as CUDA's Snappy input wants it. */
export function cuMemDecompressParseSnappy(data: Uint8Array): [number, RawStream | null] {
  if (!isBytes(data)) return fail();
  let size = 0;
  for (let i = 0; i < 5 && i < data.length; i++) {
    size += (data[i] & 0x7f) * 2 ** (7 * i);
    if (!(data[i] & 0x80)) {
      if (size > 0xffffffff) return fail();
      return [CUDA_SUCCESS, { offset: i + 1, length: data.length - i - 1, uncompressedSize: size }];
    }
  }
  return fail();
}
