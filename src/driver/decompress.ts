// cuMemBatchDecompressAsync: Deflate, Snappy and LZ4 decoded by WGSL kernels, one workgroup per operation.
//
// A batch is one op on its stream. It (1) runs one decoder dispatch per algorithm and source-buffer window
// (shaders/inflate.wgsl, snappy.wgsl, lz4.wgsl), each operation writing only its own region of a scratch
// buffer and reporting [bytes produced, status], then (2) commits the produced bytes to the destinations
// (whole words, then the partial words at either end) and (3) stores dstActBytes and the optional status
// words (shaders/decompress_commit.wgsl), two dispatches per destination-buffer window and one per window
// of those words. Decoders never touch user memory, so a hostile stream cannot write outside
// [dst, dst + capacity).

import type { Allocation } from '../core/address-space.js';
import {
  CU_MEM_DECOMPRESS_ALGORITHM_DEFLATE,
  CU_MEM_DECOMPRESS_ALGORITHM_LZ4,
  CU_MEM_DECOMPRESS_ALGORITHM_SNAPPY,
} from '../core/constants.js';
import { CUDA_ERROR_INVALID_VALUE, CUDA_SUCCESS } from '../core/errors.js';
import type { Submission } from '../core/encoder.js';
import { Context, current, Device, enqueue, resolveStream } from '../core/state.js';
import { isPtr, isSize, isUint } from '../core/validate.js';
import commitWgsl from '../../shaders/decompress_commit.wgsl?raw';
import inflateWgsl from '../../shaders/inflate.wgsl?raw';
import lz4Wgsl from '../../shaders/lz4.wgsl?raw';
import snappyWgsl from '../../shaders/snappy.wgsl?raw';
import lzWordsWgsl from '../../shaders/lz_words.wgsl?raw';
import { deviceRange } from '../core/pointers.js';
import { DECOMPRESS_MAX_LENGTH } from './device.js';

/** SIZE_MAX as a JavaScript number: the errorIndex of an error that concerns no single entry. */
export const SIZE_MAX = 2 ** 64 - 1;

/** Status words of the `status` extension (also documented in the shaders' headers). */
export const WEBCU_DECOMPRESS_OK = 0;
export const WEBCU_DECOMPRESS_OUTPUT_OVERFLOW = 1;
export const WEBCU_DECOMPRESS_TRUNCATED = 2;
export const WEBCU_DECOMPRESS_BAD_BLOCK_TYPE = 3;
export const WEBCU_DECOMPRESS_BAD_HUFFMAN = 4;
export const WEBCU_DECOMPRESS_BAD_DISTANCE = 5;
export const WEBCU_DECOMPRESS_BAD_STORED_LEN = 6;
export const WEBCU_DECOMPRESS_BAD_SYMBOL = 7;

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

const DECODERS: Record<number, [string, string]> = {
  [CU_MEM_DECOMPRESS_ALGORITHM_DEFLATE]: ['inflate', inflateWgsl],
  // LZ4 and Snappy share their output half (shaders/lz_words.wgsl).
  [CU_MEM_DECOMPRESS_ALGORITHM_SNAPPY]: ['snappy', snappyWgsl + lzWordsWgsl],
  [CU_MEM_DECOMPRESS_ALGORITHM_LZ4]: ['lz4', lz4Wgsl + lzWordsWgsl],
};

/** One validated operation, resolved to buffers and offsets. */
interface Job {
  algo: number;
  src: Allocation;
  srcOff: number;
  srcLen: number;
  dst: Allocation;
  dstOff: number;
  cap: number;
  /** dstNumBytes was 0: the capacity is what the destination allows (see clipAutoCapacities). */
  auto: boolean;
  actAlloc: Allocation;
  actOff: number;
  statusAlloc: Allocation | null;
  statusOff: number;
  /** Set when the batch is planned: the op's entry in the results, and its scratch output's first byte. */
  index: number;
  outByte: number;
}

function resolve(ctx: Context, p: unknown): Job | undefined {
  if (typeof p !== 'object' || p === null) return undefined;
  const q = p as Partial<CUmemDecompressParams>;
  if (!isUint(q.algo) || !DECODERS[q.algo]) return undefined;
  if (!isSize(q.srcNumBytes) || !isSize(q.dstNumBytes)) return undefined;
  if (q.dstNumBytes > DECOMPRESS_MAX_LENGTH) return undefined;
  // An empty stream is legal (raw Snappy of nothing is zero bytes); its pointer must still be valid.
  const src = deviceRange(ctx, q.src, Math.max(1, q.srcNumBytes));
  const dstAlloc = isPtr(q.dst) && q.dst !== 0 ? ctx.dev.space.find(q.dst) : undefined;
  if (!src || !dstAlloc) return undefined;
  const room = dstAlloc.base + dstAlloc.size - q.dst!;
  const cap = q.dstNumBytes === 0 ? Math.min(room, DECOMPRESS_MAX_LENGTH) : q.dstNumBytes;
  if (cap > room) return undefined;
  const act = deviceRange(ctx, q.dstActBytes, 4);
  if (!act) return undefined;
  const status = q.status !== undefined && q.status !== 0 ? deviceRange(ctx, q.status, 4) : null;
  if (status === undefined) return undefined;
  return {
    algo: q.algo,
    src: src.alloc,
    srcOff: src.offset,
    srcLen: q.srcNumBytes,
    dst: dstAlloc,
    dstOff: dstAlloc.offset + (q.dst! - dstAlloc.base),
    cap,
    auto: q.dstNumBytes === 0,
    actAlloc: act.alloc,
    actOff: act.offset,
    statusAlloc: status ? status.alloc : null,
    statusOff: status ? status.offset : 0,
    index: 0,
    outByte: 0,
  };
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
  const jobs: Job[] = [];
  for (let i = 0; i < count; i++) {
    const job = resolve(ctx, paramsArray[i]);
    if (!job) return [CUDA_ERROR_INVALID_VALUE, i];
    jobs.push(job);
  }
  clipAutoCapacities(jobs);
  // Submitted at once, so the GPU starts on it while the host prepares whatever comes next.
  enqueue(ctx, s, { staging: 0, flush: true, encode: (b) => parts(ctx.dev, jobs).forEach((p) => encodeBatch(ctx.dev, b, p)) });
  return [CUDA_SUCCESS, 0];
}

/**
 * An operation with dstNumBytes 0 (nvCOMP passes 0 for every one) may use its destination up to the end
 * of the allocation, at most 4 MiB, and no further than the next operation's destination in the same
 * allocation: writing past that would race with the other operation's output, which CUDA leaves
 * undefined. Without this bound a batch of 64 KiB chunks would reserve 4 MiB of scratch each.
 */
function clipAutoCapacities(jobs: Job[]): void {
  if (!jobs.some((j) => j.auto)) return;
  const before = (a: Job, b: Job) => a.dst.base - b.dst.base || a.dstOff - b.dstOff;
  const byDst = jobs.some((j, i) => i > 0 && before(jobs[i - 1], j) > 0) ? [...jobs].sort(before) : jobs;
  let next = Infinity;
  for (let k = byDst.length - 1; k >= 0; k--) {
    const j = byDst[k];
    const after = byDst[k + 1];
    if (!after || after.dst !== j.dst) next = Infinity;
    else if (after.dstOff > j.dstOff) next = after.dstOff;
    if (j.auto) j.cap = Math.min(j.cap, next - j.dstOff);
  }
}

/** Pipelines per device: the three decoders and the three entry points of decompress_commit.wgsl. */
const pipelines = new WeakMap<Device, Map<string, GPUComputePipeline>>();

function pipeline(dev: Device, key: string, code: string, entryPoint: string): GPUComputePipeline {
  let m = pipelines.get(dev);
  if (!m) pipelines.set(dev, (m = new Map()));
  let p = m.get(key);
  if (!p) {
    p = dev.gpuDevice.createComputePipeline({
      layout: 'auto',
      compute: { module: dev.gpuDevice.createShaderModule({ code, label: key }), entryPoint },
      label: key,
    });
    m.set(key, p);
  }
  return p;
}

interface Window<T> {
  buffer: GPUBuffer;
  lo: number;
  hi: number;
  items: T[];
}

/** Splits items (by buffer) into groups whose byte span [lo, hi) fits one storage binding window. */
function windows<T>(items: T[], buffer: (t: T) => GPUBuffer, lo: (t: T) => number, hi: (t: T) => number, max: number): Window<T>[] {
  // This runs per batch over thousands of operations, which usually come in address order already
  // (then nothing is sorted).
  let order = items;
  if (items.some((t, i) => i > 0 && lo(t) < lo(items[i - 1]))) order = [...items].sort((a, b) => lo(a) - lo(b));
  const open = new Map<GPUBuffer, Window<T>>();
  const out: Window<T>[] = [];
  for (const t of order) {
    const buf = buffer(t);
    const l = lo(t);
    const h = hi(t);
    let cur = open.get(buf);
    if (!cur || Math.ceil(Math.max(cur.hi, h) / 4) * 4 - cur.lo > max) {
      cur = { buffer: buf, lo: Math.floor(l / 256) * 256, hi: h, items: [] };
      open.set(buf, cur);
      out.push(cur);
    }
    cur.hi = Math.max(cur.hi, h);
    cur.items.push(t);
  }
  return out;
}

/** The window as a binding; never empty (a window of only empty streams still binds 16 bytes). */
const binding = (g: { buffer: GPUBuffer; lo: number; hi: number }): GPUBufferBinding => ({
  buffer: g.buffer,
  offset: g.lo,
  size: Math.min(Math.max(Math.ceil(g.hi / 4) * 4, g.lo + 16), g.buffer.size) - g.lo,
});

/** Largest scratch output of one part of a batch (and of one decoder dispatch). */
const SCRATCH_MAX = 256 * 2 ** 20;

/**
 * Splits a batch into consecutive parts whose scratch output fits SCRATCH_MAX (and one binding). With
 * dstNumBytes 0 (as nvCOMP passes it) every operation may reserve 4 MiB, so a large batch runs as a few
 * parts that reuse one scratch buffer, still inside the batch's single op on the stream.
 */
function parts(dev: Device, jobs: Job[]): Job[][] {
  const max = Math.min(dev.maxBinding, SCRATCH_MAX);
  const out: Job[][] = [[]];
  let used = 0;
  for (const j of jobs) {
    const need = Math.ceil(j.cap / 16) * 16;
    if (used + need > max && out[out.length - 1].length) {
      out.push([]);
      used = 0;
    }
    out[out.length - 1].push(j);
    used += need;
  }
  return out;
}

function encodeBatch(dev: Device, b: Submission, jobs: Job[]): void {
  const max = Math.min(dev.maxBinding, SCRATCH_MAX);
  // Operations indexed in result order; each decoder dispatch takes a run aligned to 32 entries so its
  // slices of the op table (16 B each) and of the results (8 B each) start on 256-byte bindings.
  const planned: Job[] = [];
  const dispatches: { algo: number; win: Window<Job>; base: number; jobs: Job[]; outLo: number; outHi: number }[] = [];
  let index = 0;
  let outByte = 0;
  const byAlgo = new Map<number, Job[]>();
  for (const j of jobs) {
    const list = byAlgo.get(j.algo);
    if (list) list.push(j);
    else byAlgo.set(j.algo, [j]);
  }
  for (const [algo, list] of byAlgo) {
    for (const win of windows(list, (j) => j.src.backing.buffer, (j) => j.srcOff, (j) => j.srcOff + j.srcLen, dev.maxBinding)) {
      let cur: (typeof dispatches)[number] | null = null;
      for (const job of win.items) {
        const need = Math.ceil(job.cap / 16) * 16;
        if (!cur || outByte + need - cur.outLo > max) {
          index = Math.ceil(index / 32) * 32;
          outByte = Math.ceil(outByte / 256) * 256;
          cur = { algo, win, base: index, jobs: [], outLo: outByte, outHi: outByte };
          dispatches.push(cur);
        }
        job.index = index++;
        job.outByte = outByte;
        outByte += need;
        cur.outHi = outByte;
        cur.jobs.push(job);
        planned.push(job);
      }
    }
  }
  const total = Math.ceil(index / 32) * 32;
  const table = new Uint32Array(total * 4);
  for (const d of dispatches)
    for (const job of d.jobs) {
      const t = job.index * 4;
      table[t] = job.srcOff - d.win.lo;
      table[t + 1] = job.srcLen;
      table[t + 2] = (job.outByte - d.outLo) / 4;
      table[t + 3] = job.cap;
    }
  const opsBuf = b.storage(table).buffer;
  const results = b.pooledStorage(total * 8);
  // The decoders' scratch output: kept by the recorder, reused in queue order. Decoders write whole words
  // and read back only words they wrote, so it needs no clearing.
  const out = b.rec.staging.kept(b, 'decode scratch', Math.max(outByte, 256), GPUBufferUsage.STORAGE);

  for (const d of dispatches) {
    const [name, code] = DECODERS[d.algo];
    const p = pipeline(dev, name, code, 'main');
    const n = d.jobs.length;
    const group = dev.gpuDevice.createBindGroup({
      layout: p.getBindGroupLayout(0),
      entries: [
        { binding: 0, resource: { buffer: opsBuf, offset: d.base * 16, size: n * 16 } },
        { binding: 1, resource: binding(d.win) },
        { binding: 2, resource: { buffer: out, offset: d.outLo, size: d.outHi - d.outLo } },
        { binding: 3, resource: { buffer: results, offset: d.base * 8, size: Math.ceil((n * 8) / 16) * 16 } },
      ],
    });
    b.dispatchGroup(p, group, n);
  }

  // Commit decoded bytes to each destination window: whole words, then the partial words at the ends.
  const commit = pipeline(dev, 'commit', commitWgsl, 'commit');
  const edges = pipeline(dev, 'commit_edges', commitWgsl, 'commit_edges');
  for (const w of windows(planned, (j) => j.dst.backing.buffer, (j) => j.dstOff, (j) => j.dstOff + j.cap, dev.maxBinding)) {
    const cs = new Uint32Array(w.items.length * 4);
    w.items.forEach((job, k) => {
      cs[k * 4] = job.outByte / 4;
      cs[k * 4 + 1] = job.dstOff - w.lo;
      cs[k * 4 + 2] = job.index;
    });
    const common = [
      { binding: 0, resource: b.storage(cs) },
      { binding: 1, resource: { buffer: results } },
      { binding: 2, resource: { buffer: out } },
    ];
    const words = dev.gpuDevice.createBindGroup({ layout: commit.getBindGroupLayout(0), entries: [...common, { binding: 5, resource: binding(w) }] });
    b.dispatchGroup(commit, words, w.items.length);
    const ends = dev.gpuDevice.createBindGroup({ layout: edges.getBindGroupLayout(0), entries: [...common, { binding: 3, resource: binding(w) }] });
    b.dispatchGroup(edges, ends, Math.ceil(w.items.length / 64));
  }

  // Store dstActBytes (results[2i]) and the status words (results[2i + 1]).
  const put = pipeline(dev, 'put', commitWgsl, 'put');
  const withStatus = planned.filter((j) => j.statusAlloc);
  const stores: [Job[], (j: Job) => Allocation, (j: Job) => number, number][] = [
    [planned, (j) => j.actAlloc, (j) => j.actOff, 0],
    [withStatus, (j) => j.statusAlloc!, (j) => j.statusOff, 1],
  ];
  for (const [list, alloc, off, which] of stores) {
    for (const w of windows(list, (j) => alloc(j).backing.buffer, off, (j) => off(j) + 4, dev.maxBinding)) {
      const ps = new Uint32Array(w.items.length * 2);
      w.items.forEach((job, k) => {
        ps[k * 2] = 2 * job.index + which;
        ps[k * 2 + 1] = off(job) - w.lo;
      });
      const group = dev.gpuDevice.createBindGroup({
        layout: put.getBindGroupLayout(0),
        entries: [
          { binding: 4, resource: b.storage(ps) },
          { binding: 1, resource: { buffer: results } },
          { binding: 3, resource: binding({ ...w, hi: w.hi + 4 }) },
        ],
      });
      b.dispatchGroup(put, group, Math.ceil(w.items.length / 64));
    }
  }
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
 * webcu extension: locates the raw Deflate stream inside gzip data (RFC 1952: header, optional extra,
 * name, comment and header CRC; 8-byte CRC32/ISIZE trailer), as CUDA's Deflate input wants it.
 */
export function cuMemDecompressParseGzip(data: Uint8Array): [number, RawStream | null] {
  if (!(data instanceof Uint8Array) || data.length < 18 || data[0] !== 0x1f || data[1] !== 0x8b || data[2] !== 8) return fail();
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
  if (!(data instanceof Uint8Array) || data.length < 7) return fail();
  const cmf = data[0];
  const flg = data[1];
  if ((cmf & 0x0f) !== 8 || (cmf >> 4) > 7 || ((cmf << 8) | flg) % 31 !== 0 || flg & 0x20) return fail();
  return [CUDA_SUCCESS, { offset: 2, length: data.length - 6, uncompressedSize: -1 }];
}

/** webcu extension: raw Snappy without its varint length preamble, as CUDA's Snappy input wants it. */
export function cuMemDecompressParseSnappy(data: Uint8Array): [number, RawStream | null] {
  if (!(data instanceof Uint8Array)) return fail();
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
