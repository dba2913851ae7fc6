// Linear device memory: allocation, pitched allocation, free, address ranges, memory info, and the
// WebGPU buffer handle of a range (webcu extension).

import { alignUp } from '../core/address-space.js';
import { CU_MEM_RANGE_HANDLE_TYPE_DMA_BUF_FD, CU_MEM_RANGE_HANDLE_TYPE_WEBGPU_BUFFER } from '../core/constants.js';
import {
  CUDA_ERROR_INVALID_VALUE,
  CUDA_ERROR_NOT_FOUND,
  CUDA_ERROR_NOT_SUPPORTED,
  CUDA_ERROR_OUT_OF_MEMORY,
  CUDA_SUCCESS,
} from '../core/errors.js';
import { current } from '../core/state.js';
import { isHugeSize, isPtr, isSize, isUint } from '../core/validate.js';

/** Pitch alignment of cuMemAllocPitch: WebGPU's bytesPerRow rule, so pitched rows copy to textures. */
export const PITCH_ALIGN = 256;

export function cuMemAlloc(bytesize: number): [number, number] {
  const [e, ctx] = current();
  if (e) return [e, 0];
  if (isHugeSize(bytesize)) return [CUDA_ERROR_OUT_OF_MEMORY, 0];
  if (!isSize(bytesize) || bytesize === 0) return [CUDA_ERROR_INVALID_VALUE, 0];
  const a = ctx.dev.space.alloc(bytesize, ctx);
  return a ? [CUDA_SUCCESS, a.base] : [CUDA_ERROR_OUT_OF_MEMORY, 0];
}

export function cuMemAllocPitch(WidthInBytes: number, Height: number, ElementSizeBytes: number): [number, number, number] {
  const [e, ctx] = current();
  if (e) return [e, 0, 0];
  // A height of SIZE_MAX is out of memory; a width beyond the largest pitch is invalid (prior-art §2.3).
  if (!isSize(WidthInBytes) || (!isSize(Height) && !isHugeSize(Height)) || WidthInBytes === 0 || Height === 0) return [CUDA_ERROR_INVALID_VALUE, 0, 0];
  if (ElementSizeBytes !== 4 && ElementSizeBytes !== 8 && ElementSizeBytes !== 16) return [CUDA_ERROR_INVALID_VALUE, 0, 0];
  const pitch = alignUp(WidthInBytes, PITCH_ALIGN);
  if (pitch > ctx.dev.maxBinding) return [CUDA_ERROR_INVALID_VALUE, 0, 0];
  const size = pitch * Height;
  if (!Number.isSafeInteger(size)) return [CUDA_ERROR_OUT_OF_MEMORY, 0, 0];
  const a = ctx.dev.space.alloc(size, ctx);
  return a ? [CUDA_SUCCESS, a.base, pitch] : [CUDA_ERROR_OUT_OF_MEMORY, 0, 0];
}

/** Frees an allocation. Work already enqueued on it completes first (the memory is reused after). */
export function cuMemFree(dptr: number): number {
  const [e, ctx] = current();
  if (e) return e;
  if (dptr === 0) return CUDA_SUCCESS;
  if (!isPtr(dptr)) return CUDA_ERROR_INVALID_VALUE;
  const space = ctx.dev.space;
  const a = space.find(dptr);
  if (!a || a.base !== dptr) return CUDA_ERROR_INVALID_VALUE;
  space.remove(a);
  ctx.dev.rec.afterSubmitted(() => space.release(a));
  return CUDA_SUCCESS;
}

export function cuMemGetAddressRange(dptr: number): [number, number, number] {
  const [e, ctx] = current();
  if (e) return [e, 0, 0];
  if (!isPtr(dptr)) return [CUDA_ERROR_INVALID_VALUE, 0, 0];
  const a = ctx.dev.space.find(dptr);
  return a ? [CUDA_SUCCESS, a.base, a.size] : [CUDA_ERROR_NOT_FOUND, 0, 0];
}

/**
 * Free and total device memory: total is the budget; free is what allocations can still get: the budget
 * less webcu's buffers (heaps, dedicated buffers, the recorder's staging and scratch), plus the free
 * space inside heaps.
 */
export function cuMemGetInfo(): [number, number, number] {
  const [e, ctx] = current();
  if (e) return [e, 0, 0];
  const s = ctx.dev.space;
  return [CUDA_SUCCESS, s.freeBytes(), s.budget];
}

export interface WebGPUBufferRange {
  buffer: GPUBuffer;
  offset: number;
  size: number;
}

/**
 * The GPUBuffer range behind [dptr, dptr + size), for running your own WGSL on webcu memory
 * (handleType CU_MEM_RANGE_HANDLE_TYPE_WEBGPU_BUFFER). Work enqueued before is ordered with your
 * commands once you submit after cuCtxSynchronize or cuStreamSynchronize.
 */
export function cuMemGetHandleForAddressRange(
  dptr: number,
  size: number,
  handleType: number,
  flags: number,
): [number, WebGPUBufferRange | null] {
  const [e, ctx] = current();
  if (e) return [e, null];
  if (!isPtr(dptr) || !isSize(size) || size === 0 || !isUint(flags) || flags !== 0) return [CUDA_ERROR_INVALID_VALUE, null];
  if (handleType === CU_MEM_RANGE_HANDLE_TYPE_DMA_BUF_FD) return [CUDA_ERROR_NOT_SUPPORTED, null];
  if (handleType !== CU_MEM_RANGE_HANDLE_TYPE_WEBGPU_BUFFER) return [CUDA_ERROR_INVALID_VALUE, null];
  const r = ctx.dev.space.range(dptr, size);
  if (!r) return [CUDA_ERROR_INVALID_VALUE, null];
  if (r.alloc.backing.failed) return [CUDA_ERROR_OUT_OF_MEMORY, null];
  // Commands recorded but not submitted must reach the queue before the caller's own.
  ctx.dev.rec.submit();
  return [CUDA_SUCCESS, { buffer: r.alloc.backing.buffer, offset: r.offset, size }];
}
