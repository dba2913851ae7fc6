// cuMemsetD8/D16/D32 and the 2D forms, sync and async: each validates its operands and builds one fill
// descriptor; the copy engine (core/copy/engine.ts) records one fill-kernel dispatch, or for page-locked
// host memory sets the bytes on the host in stream order.

import type { DeviceEndpoint, HostEndpoint } from '../core/copy/desc.js';
import { CUDA_ERROR_INVALID_VALUE, CUDA_SUCCESS } from '../core/errors.js';
import { hostKind, resolveDevice } from '../core/pointers.js';
import type { Context, Stream } from '../core/state.js';
import { isHost, isPtr, isSize, isWord } from '../core/validate.js';
import { callAsync, callSync, type Plan } from './call.js';
import type { Ptr } from './copy.js';

/** Element size in bytes → the value replicated over a 32-bit word. */
function pattern(size: 1 | 2 | 4, v: number): number {
  if (size === 1) return ((v & 0xff) * 0x01010101) >>> 0;
  if (size === 2) return ((v & 0xffff) * 0x10001) >>> 0;
  return v >>> 0;
}

/** Validates a 2D memset of `height` rows of `width` elements of `size` bytes; returns its plan. */
function plan(ctx: Context, elementSize: unknown, dst: unknown, pitch: unknown, value: unknown, width: unknown, height: unknown): Plan {
  const size = elementSize as 1 | 2 | 4;
  if (!isSize(width) || !isSize(height) || !isSize(pitch) || !isWord(value)) return CUDA_ERROR_INVALID_VALUE;
  if (width === 0 || height === 0) return CUDA_SUCCESS;
  const rowBytes = width * size;
  // The pitch is unused for one row.
  const p = height === 1 ? rowBytes : pitch;
  if (p % size !== 0 || p < rowBytes) return CUDA_ERROR_INVALID_VALUE;
  const extent = { widthBytes: rowBytes, height, depth: 1 };
  const n = (height - 1) * p + rowBytes;
  let target: DeviceEndpoint | HostEndpoint;
  if (isHost(dst)) {
    // Page-locked host memory is device-accessible in CUDA (unified addressing), so memsets may target it.
    if (n > dst.byteLength || dst.byteOffset % size !== 0 || hostKind(dst, n, true) !== 'pinned') return CUDA_ERROR_INVALID_VALUE;
    target = { kind: 'host', view: new Uint8Array(dst.buffer, dst.byteOffset, n), pitch: p, slicePitch: n, pinned: true };
  } else {
    if (!isPtr(dst) || dst === 0 || dst % size !== 0) return CUDA_ERROR_INVALID_VALUE;
    const [e, r] = resolveDevice(ctx, dst, n);
    if (e) return e;
    target = { kind: 'device', buffer: r!.alloc.backing.buffer, offset: r!.offset, pitch: p, slicePitch: n };
  }
  return { dst: target, extent, pattern: pattern(size, value) };
}

type S = Stream | null;
// dstDevice may be page-locked host memory too (a view into cuMemAllocHost or registered memory), as
// with CUDA's unified addressing.

export const cuMemsetD8 = (dstDevice: Ptr, uc: number, N: number) => callSync(plan, 1, dstDevice, 0, uc, N, 1);
export const cuMemsetD16 = (dstDevice: Ptr, us: number, N: number) => callSync(plan, 2, dstDevice, 0, us, N, 1);
export const cuMemsetD32 = (dstDevice: Ptr, ui: number, N: number) => callSync(plan, 4, dstDevice, 0, ui, N, 1);
export const cuMemsetD8Async = (dstDevice: Ptr, uc: number, N: number, hStream: S) => callAsync(hStream, plan, 1, dstDevice, 0, uc, N, 1);
export const cuMemsetD16Async = (dstDevice: Ptr, us: number, N: number, hStream: S) => callAsync(hStream, plan, 2, dstDevice, 0, us, N, 1);
export const cuMemsetD32Async = (dstDevice: Ptr, ui: number, N: number, hStream: S) => callAsync(hStream, plan, 4, dstDevice, 0, ui, N, 1);

export const cuMemsetD2D8 = (dstDevice: Ptr, dstPitch: number, uc: number, Width: number, Height: number) =>
  callSync(plan, 1, dstDevice, dstPitch, uc, Width, Height);
export const cuMemsetD2D16 = (dstDevice: Ptr, dstPitch: number, us: number, Width: number, Height: number) =>
  callSync(plan, 2, dstDevice, dstPitch, us, Width, Height);
export const cuMemsetD2D32 = (dstDevice: Ptr, dstPitch: number, ui: number, Width: number, Height: number) =>
  callSync(plan, 4, dstDevice, dstPitch, ui, Width, Height);
export const cuMemsetD2D8Async = (dstDevice: Ptr, dstPitch: number, uc: number, Width: number, Height: number, hStream: S) =>
  callAsync(hStream, plan, 1, dstDevice, dstPitch, uc, Width, Height);
export const cuMemsetD2D16Async = (dstDevice: Ptr, dstPitch: number, us: number, Width: number, Height: number, hStream: S) =>
  callAsync(hStream, plan, 2, dstDevice, dstPitch, us, Width, Height);
export const cuMemsetD2D32Async = (dstDevice: Ptr, dstPitch: number, ui: number, Width: number, Height: number, hStream: S) =>
  callAsync(hStream, plan, 4, dstDevice, dstPitch, ui, Width, Height);
