// The copy engine: lowers every copy and fill descriptor (./desc.ts) to four primitives — the strided
// word-owning kernel (../transfer.ts, shaders/copy.wgsl), a staged upload with host rows packed on the
// CPU, a readback with rows scattered on the CPU, and (with the arrays issue) buffer↔texture — as ops on
// the recorder. Host data moves in pieces no larger than a staging chunk, so staging memory in flight
// stays bounded by the ring whatever the copy's size.

import { alignUp } from '../address-space.js';
import type { Submission } from '../encoder.js';
import type { Lane, Op, Recorder } from '../recorder.js';
import type { Pitch, Place, Shape, Transfers } from '../transfer.js';
import type { BatchDesc, CopyDesc, DeviceEndpoint, Extent, FillDesc, HostEndpoint, Work } from './desc.js';
import { span } from './desc.js';
import { BufferPairs, Items } from './batch.js';
import { Snapshots } from './snapshots.js';

/** Row and slice pitches of one side. */
interface Pitches {
  pitch: number;
  slicePitch: number;
}

/** A part of a transfer that fits one staging chunk: its extent and its offset on each side. */
interface Piece {
  extent: Extent;
  srcOff: number;
  dstOff: number;
}

/**
 * Device work of at least this many bytes is submitted at once (Recorder.flushDepth), so the GPU starts on
 * it while the host encodes what follows (back to back, it would otherwise idle until the end of the
 * JavaScript task).
 */
const LARGE = 64 << 20;

/** Fills up to this many bytes of whole words are staged copies of their pattern. */
const SMALL_FILL = 4096;

const isEmpty = (e: Extent) => e.widthBytes === 0 || e.height === 0 || e.depth === 0;
const packedBytes = (e: Extent) => e.widthBytes * e.height * e.depth;
const shape = (e: Extent): Shape => ({ width: e.widthBytes, rows: e.height, depth: e.depth });
const pitchOf = (p: Pitches): Pitch => ({ pitch: p.pitch, slice: p.slicePitch });
/** The pitches of rows packed one after the other. */
const packedPitches = (e: Extent): Pitches => ({ pitch: e.widthBytes, slicePitch: e.widthBytes * e.height });

/** Whether a region laid out with `p` has no gaps (its rows and slices follow each other). */
function contiguous(e: Extent, p: Pitches): boolean {
  return (e.height === 1 || p.pitch === e.widthBytes) && (e.depth === 1 || p.slicePitch === e.widthBytes * e.height);
}

/**
 * Splits an extent into pieces of at most `chunk` packed bytes: the whole, groups of whole slices,
 * groups of rows of one slice, or parts of one row.
 */
function* pieces(e: Extent, s: Pitches, d: Pitches, chunk: number): Generator<Piece> {
  const row = e.widthBytes;
  const slice = row * e.height;
  if (slice * e.depth <= chunk) {
    yield { extent: e, srcOff: 0, dstOff: 0 };
  } else if (slice <= chunk) {
    const k = Math.floor(chunk / slice);
    for (let z = 0; z < e.depth; z += k) {
      yield { extent: { ...e, depth: Math.min(k, e.depth - z) }, srcOff: z * s.slicePitch, dstOff: z * d.slicePitch };
    }
  } else {
    const k = Math.max(1, Math.floor(chunk / row));
    const part = Math.min(row, chunk);
    for (let z = 0; z < e.depth; z++) {
      for (let y = 0; y < e.height; y += k) {
        const rows = Math.min(k, e.height - y);
        for (let x = 0; x < row; x += part) {
          yield {
            extent: { widthBytes: Math.min(part, row - x), height: rows, depth: 1 },
            srcOff: z * s.slicePitch + y * s.pitch + x,
            dstOff: z * d.slicePitch + y * d.pitch + x,
          };
        }
      }
    }
  }
}

/** Copies the region's rows of host memory, packed, into `out` (of their packed size); returns `out`. */
function packInto(h: HostEndpoint, off: number, e: Extent, out: Uint8Array): Uint8Array {
  if (contiguous(e, h)) {
    out.set(h.view.subarray(off, off + out.byteLength));
    return out;
  }
  let k = 0;
  for (let z = 0; z < e.depth; z++) {
    for (let y = 0; y < e.height; y++) {
      const o = off + z * h.slicePitch + y * h.pitch;
      out.set(h.view.subarray(o, o + e.widthBytes), k);
      k += e.widthBytes;
    }
  }
  return out;
}

/** The region's rows of host memory, packed (a view when they already are). */
const pack = (h: HostEndpoint, off: number, e: Extent): Uint8Array =>
  contiguous(e, h) ? h.view.subarray(off, off + packedBytes(e)) : packInto(h, off, e, new Uint8Array(packedBytes(e)));

/** A private copy of the region's rows, packed (a snapshot). */
const snapshotOf = (h: HostEndpoint, off: number, e: Extent) => packInto(h, off, e, new Uint8Array(packedBytes(e)));

/** Writes packed rows into the region of host memory. */
function scatter(h: HostEndpoint, off: number, e: Extent, data: Uint8Array): void {
  if (contiguous(e, h)) {
    h.view.set(data, off);
    return;
  }
  let k = 0;
  for (let z = 0; z < e.depth; z++) {
    for (let y = 0; y < e.height; y++) {
      h.view.set(data.subarray(k, k + e.widthBytes), off + z * h.slicePitch + y * h.pitch);
      k += e.widthBytes;
    }
  }
}

/** The bytes of the region of host memory a piece covers, first to last. */
const hostSpan = (h: HostEndpoint, off: number, e: Extent) => h.view.subarray(off, off + span(e, h.pitch, h.slicePitch));

/**
 * The host step of a host → host copy, run in stream order when the work before it completes. Pinned
 * memory, and memory an earlier op still writes, is read then; other pageable memory now (the caller may
 * reuse it at once).
 */
function hostCopy(rec: Recorder, s: HostEndpoint, d: HostEndpoint, e: Extent): () => void {
  const data = s.pinned || rec.writer(s.view) ? null : snapshotOf(s, 0, e);
  return () => scatter(d, 0, e, data ?? pack(s, 0, e));
}

/**
 * A private, packed copy of a host region, as an endpoint read in stream order (a source the caller may
 * reuse once the call returns: CU_MEMCPY_SRC_ACCESS_ORDER_DURING_API_CALL).
 */
export function frozen(h: HostEndpoint, e: Extent): HostEndpoint {
  return { kind: 'host', view: snapshotOf(h, 0, e), pitch: e.widthBytes, slicePitch: e.widthBytes * e.height, pinned: true };
}

/** A piece of a batch entry that moves through staging, and where its packed bytes sit in scratch. */
interface Staged {
  host: HostEndpoint;
  dev: DeviceEndpoint;
  p: Piece;
  at: number;
}

/** One op's share of a batch: uploads, readbacks (offsets in their scratch areas) and host copies. */
interface BatchPart {
  ups: Staged[];
  downs: Staged[];
  upBytes: number;
  downBytes: number;
  hh: (() => void)[];
  hhWrites: Uint8Array[];
}

const newPart = (): BatchPart => ({ ups: [], downs: [], upBytes: 0, downBytes: 0, hh: [], hhWrites: [] });

/**
 * The items that copy the pieces between their packed bytes (at `base` + their `at` in scratch) and the
 * device, grouped by the device buffer on the other side of scratch.
 */
function stagedItems(list: Staged[], toDevice: boolean, base: number): Map<GPUBuffer, Items> {
  const out = new Map<GPUBuffer, Items>();
  for (const s of list) {
    let items = out.get(s.dev.buffer);
    if (!items) out.set(s.dev.buffer, (items = Items.take()));
    const e = s.p.extent;
    const packed = base + s.at;
    const dev = s.dev.offset + (toDevice ? s.p.dstOff : s.p.srcOff);
    const pp = e.widthBytes;
    const ps = e.widthBytes * e.height;
    const { pitch: dp, slicePitch: ds } = s.dev;
    if (toDevice) items.push(packed, dev, e.widthBytes, e.height, e.depth, pp, dp, ps, ds);
    else items.push(dev, packed, e.widthBytes, e.height, e.depth, dp, pp, ds, ps);
  }
  return out;
}

export class CopyEngine {
  /** Memory for the snapshots of uploads, in pieces of a chunk; free slabs kept: one ring's worth. */
  private readonly snapshots: Snapshots;

  constructor(
    private readonly rec: Recorder,
    private readonly xfer: Transfers,
  ) {
    this.snapshots = new Snapshots(this.chunk, rec.ring);
  }

  /** Bytes per staged piece: a quarter of the ring keeps several pieces in flight. */
  private get chunk(): number {
    return Math.max(1 << 20, Math.floor(this.rec.ring / 4 / 256) * 256);
  }

  /**
   * Enqueues the work a validated call describes on `lane`'s stream (null: the default stream); returns
   * the position of its last op, or 0 when there is nothing to do. `snapshot`: the caller may reuse
   * pageable host memory once the call returns (asynchronous calls), so data that cannot be staged at
   * once is copied now.
   */
  run(w: Work, snapshot: boolean, lane: Lane | null): number {
    if ('copies' in w) return this.batch(w, snapshot, lane);
    if ('pattern' in w) return this.fill(w, lane);
    return this.copy(w, snapshot, lane);
  }

  copy(d: CopyDesc, snapshot: boolean, lane: Lane | null): number {
    const { src, dst, extent } = d;
    if (isEmpty(extent)) return 0;
    if (src.kind === 'array' || dst.kind === 'array') throw new Error('webcu: CUDA arrays are not copied by the engine yet');
    if (src.kind === 'device' && dst.kind === 'device') {
      // Device work recorded at once when nothing waits ahead of it: the path of thousands of small copies.
      const flush = packedBytes(extent) >= LARGE;
      const b = this.rec.direct(lane);
      if (b) {
        this.kernelCopy(b, src, src, dst, dst, extent);
        return this.rec.recorded(lane, flush);
      }
      return this.rec.enqueue({ staging: 0, flush, encode: (s) => this.kernelCopy(s, src, src, dst, dst, extent) }, lane);
    }
    if (src.kind === 'host' && dst.kind === 'device') return this.upload(src, dst, extent, snapshot, lane);
    if (src.kind === 'device' && dst.kind === 'host') return this.readback(src, dst, extent, lane);
    return this.hostToHost(src as HostEndpoint, dst as HostEndpoint, extent, lane);
  }

  /**
   * Enqueues a batch of copies whose order among themselves does not matter (CUDA leaves dependent
   * entries of a batch undefined) as one unit of its stream: device → device entries become one
   * copy_batch dispatch per pair of buffers; host → device entries one staged upload, scattered on the GPU
   * from scratch by copy_batch; device → host entries are gathered by copy_batch into scratch and come
   * back in one readback, unpacked on the CPU; host → host entries are copied on the CPU in stream
   * order. When the staging exceeds a chunk, the host entries go in several ops, in order. Returns the
   * position of the last op, or 0 when there is nothing to do.
   */
  private batch(w: BatchDesc, snapshot: boolean, lane: Lane | null): number {
    // Device → device entries the call grouped already, and those of the descriptors.
    const dd = w.pairs ?? new BufferPairs();
    const parts: BatchPart[] = [newPart()];
    const place = (size: number, residue: number, area: 'upBytes' | 'downBytes'): number => {
      let part = parts[parts.length - 1];
      if (part.upBytes + part.downBytes + size + 32 > this.chunk && part.upBytes + part.downBytes > 0) parts.push((part = newPart()));
      // The packed bytes keep the device side's position in a 16-byte chunk: no funnel shift in the kernel.
      const at = alignUp(part[area], 16) + residue;
      part[area] = at + size;
      return at;
    };
    for (const { src, dst, extent } of w.copies) {
      if (isEmpty(extent)) continue;
      if (src.kind === 'array' || dst.kind === 'array') throw new Error('webcu: CUDA arrays are not copied by the engine yet');
      if (src.kind === 'device' && dst.kind === 'device') {
        dd.of(src.buffer, dst.buffer).push(src.offset, dst.offset, extent.widthBytes, extent.height, extent.depth, src.pitch, dst.pitch, src.slicePitch, dst.slicePitch);
      } else if (src.kind === 'host' && dst.kind === 'device') {
        for (const p of pieces(extent, src, dst, this.chunk)) {
          const at = place(packedBytes(p.extent), (dst.offset + p.dstOff) & 15, 'upBytes');
          parts[parts.length - 1].ups.push({ host: src, dev: dst, p, at });
        }
      } else if (src.kind === 'device' && dst.kind === 'host') {
        for (const p of pieces(extent, src, dst, this.chunk)) {
          const at = place(packedBytes(p.extent), (src.offset + p.srcOff) & 15, 'downBytes');
          parts[parts.length - 1].downs.push({ host: dst, dev: src, p, at });
        }
      } else {
        const part = parts[parts.length - 1];
        part.hh.push(hostCopy(this.rec, src as HostEndpoint, dst as HostEndpoint, extent));
        part.hhWrites.push((dst as HostEndpoint).view);
      }
    }
    let last = 0;
    parts.forEach((part, k) => {
      const pairs = k === 0 ? dd.bySrc : null;
      if (!pairs?.size && !part.ups.length && !part.downs.length && !part.hh.length) return;
      last = this.rec.enqueue(this.batchOp(part, pairs, snapshot), lane);
    });
    return last;
  }

  /** The op of one part of a batch (and of its device → device items, `pairs`). */
  private batchOp(part: BatchPart, pairs: Map<GPUBuffer, Map<GPUBuffer, Items>> | null, snapshot: boolean): Op {
    const { ups, downs, upBytes, downBytes } = part;
    const downAt = alignUp(upBytes, 16);
    const staging = alignUp(upBytes, 16) + alignUp(downBytes, 8);
    const reads = ups.map((u) => hostSpan(u.host, u.p.srcOff, u.p.extent));
    const writes = [...downs.map((d) => hostSpan(d.host, d.p.dstOff, d.p.extent)), ...part.hhWrites];
    // As upload: pageable sources are snapshotted when the op cannot be encoded during the call.
    const now = !snapshot || this.rec.canEncodeNow(staging, reads);
    const data = ups.map((u, i) => (!now && !u.host.pinned && !this.rec.writer(reads[i]) ? snapshotOf(u.host, u.p.srcOff, u.p.extent) : null));
    return {
      staging,
      reads,
      writes,
      encode: (b) => {
        for (const [src, byDst] of pairs ?? []) for (const [dst, items] of byDst) this.batchItems(b, src, dst, items);
        const scratch = ups.length || downs.length ? this.rec.staging.scratch(b, downAt + alignUp(downBytes, 4)) : null;
        if (ups.length) {
          const bytes = new Uint8Array(upBytes);
          ups.forEach((u, i) => bytes.set(data[i] ?? pack(u.host, u.p.srcOff, u.p.extent), u.at));
          const st = b.stage(bytes);
          b.copy(st.buffer, st.offset, scratch!, 0, alignUp(upBytes, 4));
          for (const [dst, items] of stagedItems(ups, true, 0)) this.batchItems(b, scratch!, dst, items);
        }
        for (const f of part.hh) b.completions.push(f);
        if (downs.length) {
          for (const [src, items] of stagedItems(downs, false, downAt)) this.batchItems(b, src, scratch!, items);
          b.read(scratch!, downAt, alignUp(downBytes, 4), (got) => {
            for (const d of downs) scatter(d.host, d.p.dstOff, d.p.extent, got.subarray(d.at, d.at + packedBytes(d.p.extent)));
          });
        }
      },
    };
  }

  /**
   * Records a fill of device memory: zeros over whole words (`zeros`, n bytes) as WebGPU's clearBuffer
   * (vkCmdFillBuffer under Dawn on Vulkan), faster than any fill kernel on the H200 and no staging for
   * small ones (bench/fill-kernels.ts); anything else as the strided kernel.
   */
  private deviceFill(b: Submission, dst: DeviceEndpoint, extent: Extent, pattern: number, zeros: boolean, n: number): void {
    if (zeros) b.clear(dst.buffer, dst.offset, n);
    else this.xfer.fill(b, dst, pitchOf(dst), shape(extent), pattern);
  }

  private fill(f: FillDesc, lane: Lane | null): number {
    const { dst, extent, pattern } = f;
    if (isEmpty(extent)) return 0;
    if (dst.kind === 'device') {
      const n = packedBytes(extent);
      const words = dst.offset % 4 === 0 && n % 4 === 0 && contiguous(extent, dst);
      const flush = n >= LARGE;
      // A small fill of whole words is a queue write of the pattern when nothing is open or queued: no
      // command at all, the fastest round trip (bench/latency.ts).
      if (words && n <= SMALL_FILL) {
        const seq = this.rec.written(lane, dst.buffer, dst.offset, n, pattern);
        if (seq) return seq;
      }
      // Otherwise a small one (not zeros: see deviceFill) is a staged copy of the pattern: a transfer
      // command round-trips faster than a dispatch with its parameter upload.
      const zeros = words && pattern === 0;
      if (words && n <= SMALL_FILL && !zeros) {
        return this.rec.enqueue({
          staging: alignUp(n, 16),
          encode: (b) => {
            const st = b.stagePattern(n, pattern);
            b.copy(st.buffer, st.offset, dst.buffer, dst.offset, n);
          },
        }, lane);
      }
      const b = this.rec.direct(lane);
      if (b) {
        this.deviceFill(b, dst, extent, pattern, zeros, n);
        return this.rec.recorded(lane, flush);
      }
      return this.rec.enqueue({ staging: 0, flush, encode: (s) => this.deviceFill(s, dst, extent, pattern, zeros, n) }, lane);
    }
    // Page-locked host memory is set on the host, in stream order.
    const word = [pattern & 0xff, (pattern >>> 8) & 0xff, (pattern >>> 16) & 0xff, pattern >>> 24];
    const row = new Uint8Array(extent.widthBytes).map((_, x) => word[x & 3]);
    const fill = () => {
      for (let z = 0; z < extent.depth; z++) {
        for (let y = 0; y < extent.height; y++) dst.view.set(row, z * dst.slicePitch + y * dst.pitch);
      }
    };
    return this.rec.enqueue({ staging: 0, writes: dst.view, encode: (b) => b.completions.push(fill) }, lane);
  }

  /** Records the items as copy_batch dispatches, then gives their store back. */
  private batchItems(b: Submission, src: GPUBuffer, dst: GPUBuffer, items: Items): void {
    this.xfer.batch(b, src, dst, items);
    items.release();
  }

  /** dst[region] = src[region] between device buffers: one dispatch (small 1D copies join a list). */
  private kernelCopy(b: Submission, src: Place, sp: Pitches, dst: Place, dp: Pitches, e: Extent): void {
    if (e.height === 1 && e.depth === 1) this.xfer.copy1D(b, src, dst, e.widthBytes);
    else this.xfer.copy(b, src, pitchOf(sp), dst, pitchOf(dp), shape(e));
  }

  private upload(h: HostEndpoint, d: DeviceEndpoint, e: Extent, snapshot: boolean, lane: Lane | null): number {
    let last = 0;
    for (const p of pieces(e, h, d, this.chunk)) {
      const n = packedBytes(p.extent);
      const reads = hostSpan(h, p.srcOff, p.extent);
      // A snapshot is what the bytes are now; with a host write still pending to them (a readback, host
      // memset or host copy earlier in stream order), the upload reads them once that write has landed.
      const snap = snapshot && !h.pinned && !this.rec.canEncodeNow(n, reads) && !this.rec.writer(reads) ? this.snapshots.take(n) : null;
      if (snap) packInto(h, p.srcOff, p.extent, snap.view);
      const at = { buffer: d.buffer, offset: d.offset + p.dstOff };
      last = this.rec.enqueue({
        staging: alignUp(n, 16),
        reads,
        encode: (b) => {
          const st = b.stage(snap ? snap.view : pack(h, p.srcOff, p.extent));
          if (snap) this.snapshots.done(snap);
          if (contiguous(p.extent, d) && at.offset % 4 === 0 && n % 4 === 0) {
            b.copy(st.buffer, st.offset, at.buffer, at.offset, n);
            return;
          }
          // WebGPU copies whole words, and rows land at a pitch: stage into scratch, then the kernel writes
          // just these bytes.
          const n4 = alignUp(n, 4);
          const scratch = { buffer: this.rec.staging.scratch(b, n4), offset: 0 };
          b.copy(st.buffer, st.offset, scratch.buffer, 0, n4);
          this.kernelCopy(b, scratch, packedPitches(p.extent), at, d, p.extent);
        },
      }, lane);
    }
    return last;
  }

  private readback(dv: DeviceEndpoint, h: HostEndpoint, e: Extent, lane: Lane | null): number {
    let last = 0;
    for (const p of pieces(e, dv, h, this.chunk)) {
      const n = packedBytes(p.extent);
      const writes = hostSpan(h, p.dstOff, p.extent);
      const deliver = (data: Uint8Array) => scatter(h, p.dstOff, p.extent, data);
      const at = dv.offset + p.srcOff;
      if (contiguous(p.extent, dv)) {
        // WebGPU reads whole words: read the words around the bytes.
        const start = at - (at % 4);
        const size = alignUp(at + n, 4) - start;
        last = this.rec.enqueue({
          staging: alignUp(size, 8),
          writes,
          encode: (b) => b.read(dv.buffer, start, size, (data) => deliver(data.subarray(at - start, at - start + n))),
        }, lane);
        continue;
      }
      // Rows at a pitch: the kernel packs them into scratch, which is read back.
      const n4 = alignUp(n, 4);
      last = this.rec.enqueue({
        staging: alignUp(n4, 8),
        writes,
        encode: (b) => {
          const scratch = { buffer: this.rec.staging.scratch(b, n4), offset: 0 };
          this.kernelCopy(b, { buffer: dv.buffer, offset: at }, dv, scratch, packedPitches(p.extent), p.extent);
          b.read(scratch.buffer, 0, n4, (data) => deliver(data.subarray(0, n)));
        },
      }, lane);
    }
    return last;
  }

  /** Host → host, in stream order (see hostCopy). */
  private hostToHost(s: HostEndpoint, d: HostEndpoint, e: Extent, lane: Lane | null): number {
    const step = hostCopy(this.rec, s, d, e);
    return this.rec.enqueue({ staging: 0, writes: d.view, encode: (b) => b.completions.push(step) }, lane);
  }
}
