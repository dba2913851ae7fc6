// 1D copies between host and device memory, sync and async. Host data moves through the recorder's
// staging memory in chunks (bounded by the staging ring); device-to-device copies are one kernel dispatch.

import { alignUp, DeviceRange } from '../core/address-space.js';
import { CUDA_ERROR_INVALID_VALUE, CUDA_ERROR_OUT_OF_MEMORY, CUDA_SUCCESS } from '../core/errors.js';
import type { Op } from '../core/recorder.js';
import { Context, current, enqueue, resolveStream, Stream } from '../core/state.js';
import { hostBytes, isHost, isPtr, isSize } from '../core/validate.js';
import { hostKind } from './host.js';

/**
 * The device range [ptr, ptr + n) inside one allocation, or the CUDA error: INVALID_VALUE when it is not,
 * OUT_OF_MEMORY when WebGPU could not back that allocation.
 */
export function resolveDevice(ctx: Context, ptr: unknown, n: number): [number, DeviceRange | undefined] {
  const r = isPtr(ptr) && ptr !== 0 ? ctx.dev.space.range(ptr, n) : undefined;
  if (!r) return [CUDA_ERROR_INVALID_VALUE, undefined];
  return r.alloc.backing.failed ? [CUDA_ERROR_OUT_OF_MEMORY, undefined] : [CUDA_SUCCESS, r];
}

/** The device range [ptr, ptr + n) of a backed allocation, or undefined. */
export function deviceRange(ctx: Context, ptr: unknown, n: number): DeviceRange | undefined {
  return resolveDevice(ctx, ptr, n)[1];
}

/** Host bytes [view, view + n) for reading (src) or writing (dst), with whether they are pinned. */
export function hostRange(v: unknown, n: number, write: boolean): { bytes: Uint8Array; pinned: boolean } | undefined {
  if (!isHost(v)) return undefined;
  const bytes = hostBytes(v, n);
  if (!bytes) return undefined;
  const kind = hostKind(bytes, n, write);
  return kind === 'invalid' ? undefined : { bytes, pinned: kind === 'pinned' };
}

/** Bytes per staged chunk: a quarter of the ring keeps several chunks in flight. */
const chunkOf = (ctx: Context) => Math.max(1 << 20, Math.floor(ctx.dev.rec.ring / 4 / 256) * 256);

/**
 * Enqueues host → device. Pageable data that cannot be staged at once is snapshotted when `snapshot`
 * (async calls: the caller may reuse its memory as soon as the call returns, as CUDA allows).
 */
export function enqueueHtoD(ctx: Context, s: Stream | null, dst: DeviceRange, src: Uint8Array, pinned: boolean, snapshot: boolean): Op {
  const { rec, xfer } = ctx.dev;
  const chunk = chunkOf(ctx);
  const buffer = dst.alloc.backing.buffer;
  let op!: Op;
  for (let k = 0; k < src.byteLength; k += chunk) {
    const len = Math.min(chunk, src.byteLength - k);
    let bytes = src.subarray(k, k + len);
    // A snapshot is what the bytes are now; with a host write still pending to them (a readback, host
    // memset or host copy earlier in stream order), the upload reads them once that write has landed.
    const reads = bytes;
    if (snapshot && !pinned && !rec.canEncodeNow(len, reads) && !rec.writer(reads)) bytes = bytes.slice();
    const off = dst.offset + k;
    op = enqueue(ctx, s, {
      staging: alignUp(len, 16),
      reads,
      encode: (b) => {
        const st = b.stage(bytes);
        if (off % 4 === 0 && len % 4 === 0) {
          b.copy(st.buffer, st.offset, buffer, off, len);
          return;
        }
        // WebGPU copies whole words: stage into scratch, then the copy kernel writes just these bytes.
        const n4 = alignUp(len, 4);
        const scratch = rec.scratch(b, n4);
        b.copy(st.buffer, st.offset, scratch, 0, n4);
        xfer.copy1D(b, { buffer: scratch, offset: 0 }, { buffer, offset: off }, len);
      },
    });
  }
  return op;
}

export function enqueueDtoH(ctx: Context, s: Stream | null, dst: Uint8Array, src: DeviceRange): Op {
  const chunk = chunkOf(ctx);
  const buffer = src.alloc.backing.buffer;
  let op!: Op;
  for (let k = 0; k < dst.byteLength; k += chunk) {
    const len = Math.min(chunk, dst.byteLength - k);
    const off = src.offset + k;
    const start = off - (off % 4);
    const size = alignUp(off + len, 4) - start;
    const out = dst.subarray(k, k + len);
    op = enqueue(ctx, s, {
      staging: alignUp(size, 8),
      writes: out,
      encode: (b) => b.read(buffer, start, size, (data) => out.set(data.subarray(off - start, off - start + len))),
    });
  }
  return op;
}

export function enqueueDtoD(ctx: Context, s: Stream | null, dst: DeviceRange, src: DeviceRange, n: number): Op {
  const { xfer } = ctx.dev;
  const from = { buffer: src.alloc.backing.buffer, offset: src.offset };
  const to = { buffer: dst.alloc.backing.buffer, offset: dst.offset };
  return enqueue(ctx, s, { staging: 0, encode: (b) => xfer.copy1D(b, from, to, n) });
}

/**
 * Host → host, in stream order: done when the work before it has completed. Pinned memory, and memory an
 * earlier op still writes, is read then; other pageable memory now (the caller may reuse it at once).
 */
function enqueueHtoH(ctx: Context, s: Stream | null, dst: Uint8Array, src: Uint8Array, pinned: boolean): Op {
  const data = pinned || ctx.dev.rec.writer(src) ? src : src.slice();
  return enqueue(ctx, s, { staging: 0, writes: dst, encode: (b) => b.completions.push(() => dst.set(data)) });
}

type Plan = [number, ((ctx: Context, s: Stream | null, async: boolean) => Op) | null];

const ok = (f: (ctx: Context, s: Stream | null, async: boolean) => Op): Plan => [CUDA_SUCCESS, f];
const bad: Plan = [CUDA_ERROR_INVALID_VALUE, null];

function planHtoD(ctx: Context, dst: unknown, src: unknown, n: number): Plan {
  const [e, d] = resolveDevice(ctx, dst, n);
  const h = hostRange(src, n, false);
  if (!h) return bad;
  if (e) return [e, null];
  return ok((c, s, async) => enqueueHtoD(c, s, d!, h.bytes, h.pinned, async));
}

function planDtoH(ctx: Context, dst: unknown, src: unknown, n: number): Plan {
  const h = hostRange(dst, n, true);
  const [e, r] = resolveDevice(ctx, src, n);
  if (!h) return bad;
  if (e) return [e, null];
  return ok((c, s) => enqueueDtoH(c, s, h.bytes, r!));
}

function planDtoD(ctx: Context, dst: unknown, src: unknown, n: number): Plan {
  const [ed, d] = resolveDevice(ctx, dst, n);
  const [es, r] = resolveDevice(ctx, src, n);
  if (ed || es) return [ed || es, null];
  return ok((c, s) => enqueueDtoD(c, s, d!, r!, n));
}

/** cuMemcpy: the direction follows from the operands (numbers are device pointers, views host memory). */
function planAny(ctx: Context, dst: unknown, src: unknown, n: number): Plan {
  if (isHost(dst) && isHost(src)) {
    const d = hostRange(dst, n, true);
    const h = hostRange(src, n, false);
    if (!d || !h) return bad;
    return ok((c, s) => enqueueHtoH(c, s, d.bytes, h.bytes, h.pinned));
  }
  if (isHost(src)) return planHtoD(ctx, dst, src, n);
  if (isHost(dst)) return planDtoH(ctx, dst, src, n);
  return planDtoD(ctx, dst, src, n);
}

type Planner = (ctx: Context, dst: unknown, src: unknown, n: number) => Plan;

function copyAsync(plan: Planner, dst: unknown, src: unknown, n: number, hStream: unknown): number {
  const [e, ctx] = current();
  if (e) return e;
  if (!isSize(n)) return CUDA_ERROR_INVALID_VALUE;
  const [es, s] = resolveStream(ctx, hStream);
  if (es) return es;
  if (n === 0) return CUDA_SUCCESS;
  const [ep, run] = plan(ctx, dst, src, n);
  if (ep) return ep;
  run!(ctx, s, true);
  return CUDA_SUCCESS;
}

async function copySync(plan: Planner, dst: unknown, src: unknown, n: number): Promise<number> {
  const [e, ctx] = current();
  if (e) return e;
  if (!isSize(n)) return CUDA_ERROR_INVALID_VALUE;
  if (n === 0) return CUDA_SUCCESS;
  // A synchronous call can wait for WebGPU's answer about new memory, so it reports OUT_OF_MEMORY itself.
  if (ctx.dev.rec.holding) await ctx.dev.rec.settled();
  const [ep, run] = plan(ctx, dst, src, n);
  if (ep) return ep;
  await ctx.dev.rec.wait(run!(ctx, null, false));
  return current()[0];
}

export type HostPtr = ArrayBufferView;
export type Ptr = number | ArrayBufferView;

export const cuMemcpy = (dst: Ptr, src: Ptr, ByteCount: number) => copySync(planAny, dst, src, ByteCount);
export const cuMemcpyAsync = (dst: Ptr, src: Ptr, ByteCount: number, hStream: Stream | null) =>
  copyAsync(planAny, dst, src, ByteCount, hStream);
export const cuMemcpyHtoD = (dstDevice: number, srcHost: HostPtr, ByteCount: number) =>
  copySync(planHtoD, dstDevice, srcHost, ByteCount);
export const cuMemcpyHtoDAsync = (dstDevice: number, srcHost: HostPtr, ByteCount: number, hStream: Stream | null) =>
  copyAsync(planHtoD, dstDevice, srcHost, ByteCount, hStream);
export const cuMemcpyDtoH = (dstHost: HostPtr, srcDevice: number, ByteCount: number) =>
  copySync(planDtoH, dstHost, srcDevice, ByteCount);
export const cuMemcpyDtoHAsync = (dstHost: HostPtr, srcDevice: number, ByteCount: number, hStream: Stream | null) =>
  copyAsync(planDtoH, dstHost, srcDevice, ByteCount, hStream);
export const cuMemcpyDtoD = (dstDevice: number, srcDevice: number, ByteCount: number) =>
  copySync(planDtoD, dstDevice, srcDevice, ByteCount);
export const cuMemcpyDtoDAsync = (dstDevice: number, srcDevice: number, ByteCount: number, hStream: Stream | null) =>
  copyAsync(planDtoD, dstDevice, srcDevice, ByteCount, hStream);
