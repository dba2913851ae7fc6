// cuMemsetD8/D16/D32 and the 2D forms, sync and async: one fill-kernel dispatch each.

import { CUDA_ERROR_INVALID_VALUE, CUDA_SUCCESS } from '../core/errors.js';
import { Context, current, enqueue, resolveStream, Stream } from '../core/state.js';
import { isHost, isPtr, isSize, isWord } from '../core/validate.js';
import type { Op } from '../core/recorder.js';
import { type Ptr, resolveDevice } from './copy.js';
import { hostKind } from './host.js';

/** Element size in bytes → the value replicated over a 32-bit word. */
function pattern(size: 1 | 2 | 4, v: number): number {
  if (size === 1) return ((v & 0xff) * 0x01010101) >>> 0;
  if (size === 2) return ((v & 0xffff) * 0x10001) >>> 0;
  return v >>> 0;
}

/** Validates a 2D memset and returns the op that performs it, or a CUDA error. */
function plan(
  ctx: Context,
  size: 1 | 2 | 4,
  dst: unknown,
  pitch: unknown,
  value: unknown,
  width: unknown,
  height: unknown,
): [number, ((s: Stream | null) => Op) | null] {
  if (!isSize(width) || !isSize(height) || !isSize(pitch) || !isWord(value)) return [CUDA_ERROR_INVALID_VALUE, null];
  if (width === 0 || height === 0) return [CUDA_SUCCESS, null];
  const rowBytes = width * size;
  // The pitch is unused for one row.
  const p = height === 1 ? rowBytes : pitch;
  if (p % size !== 0 || p < rowBytes) return [CUDA_ERROR_INVALID_VALUE, null];
  const extent = (height - 1) * p + rowBytes;
  if (isHost(dst)) return planHost(ctx, size, dst, p, value, rowBytes, height, extent);
  if (!isPtr(dst) || dst === 0 || dst % size !== 0) return [CUDA_ERROR_INVALID_VALUE, null];
  const [e, r] = resolveDevice(ctx, dst, extent);
  if (e) return [e, null];
  const place = { buffer: r!.alloc.backing.buffer, offset: r!.offset };
  const pat = pattern(size, value);
  const shape = { width: rowBytes, rows: height, depth: 1 };
  const pitches = { pitch: p, slice: p * height };
  return [
    CUDA_SUCCESS,
    (s) => enqueue(ctx, s, { staging: 0, encode: (b) => ctx.dev.xfer.fill(b, place, pitches, shape, pat) }),
  ];
}

/**
 * Page-locked host memory is device-accessible in CUDA (unified addressing), so memsets may target it:
 * the bytes are set on the host in stream order, when the work before has completed.
 */
function planHost(
  ctx: Context,
  size: 1 | 2 | 4,
  dst: ArrayBufferView,
  pitch: number,
  value: number,
  rowBytes: number,
  height: number,
  extent: number,
): [number, ((s: Stream | null) => Op) | null] {
  if (extent > dst.byteLength || dst.byteOffset % size !== 0 || hostKind(dst, extent, true) !== 'pinned') return [CUDA_ERROR_INVALID_VALUE, null];
  const bytes = new Uint8Array(dst.buffer, dst.byteOffset, extent);
  const pat = pattern(size, value);
  const word = [pat & 0xff, (pat >>> 8) & 0xff, (pat >>> 16) & 0xff, pat >>> 24];
  const fill = () => {
    for (let y = 0; y < height; y++) for (let x = 0; x < rowBytes; x++) bytes[y * pitch + x] = word[x & 3];
  };
  return [CUDA_SUCCESS, (s) => enqueue(ctx, s, { staging: 0, writes: bytes, encode: (b) => b.completions.push(fill) })];
}

function memsetAsync(size: 1 | 2 | 4, dst: unknown, pitch: unknown, value: unknown, w: unknown, h: unknown, hStream: unknown): number {
  const [e, ctx] = current();
  if (e) return e;
  const [es, s] = resolveStream(ctx, hStream);
  if (es) return es;
  const [ep, run] = plan(ctx, size, dst, pitch, value, w, h);
  if (ep) return ep;
  run?.(s);
  return CUDA_SUCCESS;
}

async function memsetSync(size: 1 | 2 | 4, dst: unknown, pitch: unknown, value: unknown, w: unknown, h: unknown): Promise<number> {
  const [e, ctx] = current();
  if (e) return e;
  // Wait for WebGPU's answer about new memory, so a memset of memory it could not back reports it.
  if (ctx.dev.rec.holding) await ctx.dev.rec.settled();
  const [ep, run] = plan(ctx, size, dst, pitch, value, w, h);
  if (ep || !run) return ep;
  await ctx.dev.rec.wait(run(null));
  return current()[0];
}

type S = Stream | null;
// dstDevice may be page-locked host memory too (a view into cuMemAllocHost or registered memory), as
// with CUDA's unified addressing.

export const cuMemsetD8 = (dstDevice: Ptr, uc: number, N: number) => memsetSync(1, dstDevice, 0, uc, N, 1);
export const cuMemsetD16 = (dstDevice: Ptr, us: number, N: number) => memsetSync(2, dstDevice, 0, us, N, 1);
export const cuMemsetD32 = (dstDevice: Ptr, ui: number, N: number) => memsetSync(4, dstDevice, 0, ui, N, 1);
export const cuMemsetD8Async = (dstDevice: Ptr, uc: number, N: number, hStream: S) =>
  memsetAsync(1, dstDevice, 0, uc, N, 1, hStream);
export const cuMemsetD16Async = (dstDevice: Ptr, us: number, N: number, hStream: S) =>
  memsetAsync(2, dstDevice, 0, us, N, 1, hStream);
export const cuMemsetD32Async = (dstDevice: Ptr, ui: number, N: number, hStream: S) =>
  memsetAsync(4, dstDevice, 0, ui, N, 1, hStream);

export const cuMemsetD2D8 = (dstDevice: Ptr, dstPitch: number, uc: number, Width: number, Height: number) =>
  memsetSync(1, dstDevice, dstPitch, uc, Width, Height);
export const cuMemsetD2D16 = (dstDevice: Ptr, dstPitch: number, us: number, Width: number, Height: number) =>
  memsetSync(2, dstDevice, dstPitch, us, Width, Height);
export const cuMemsetD2D32 = (dstDevice: Ptr, dstPitch: number, ui: number, Width: number, Height: number) =>
  memsetSync(4, dstDevice, dstPitch, ui, Width, Height);
export const cuMemsetD2D8Async = (dstDevice: Ptr, dstPitch: number, uc: number, Width: number, Height: number, hStream: S) =>
  memsetAsync(1, dstDevice, dstPitch, uc, Width, Height, hStream);
export const cuMemsetD2D16Async = (dstDevice: Ptr, dstPitch: number, us: number, Width: number, Height: number, hStream: S) =>
  memsetAsync(2, dstDevice, dstPitch, us, Width, Height, hStream);
export const cuMemsetD2D32Async = (dstDevice: Ptr, dstPitch: number, ui: number, Width: number, Height: number, hStream: S) =>
  memsetAsync(4, dstDevice, dstPitch, ui, Width, Height, hStream);
