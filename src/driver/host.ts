// Page-locked host memory: cuMemAllocHost/cuMemHostAlloc return Uint8Arrays webcu tracks; any host
// view can be registered with cuMemHostRegister. Copies from tracked memory skip the snapshot that
// asynchronous copies from pageable memory take (CUDA reads pinned memory when the stream gets there).

import { CU_MEMHOSTREGISTER_IOMEMORY } from '../core/constants.js';
import { overlapping, registeredAt, track, untrack, type HostRange } from '../core/pointers.js';
import {
  CUDA_ERROR_HOST_MEMORY_ALREADY_REGISTERED,
  CUDA_ERROR_HOST_MEMORY_NOT_REGISTERED,
  CUDA_ERROR_INVALID_VALUE,
  CUDA_ERROR_NOT_SUPPORTED,
  CUDA_ERROR_OUT_OF_MEMORY,
  CUDA_SUCCESS,
} from '../core/errors.js';
import { current } from '../core/state.js';
import { isHost, isSize, isUint } from '../core/validate.js';

function hostAlloc(bytesize: number, Flags: number): [number, Uint8Array | null] {
  const [e] = current();
  if (e) return [e, null];
  if (!isSize(bytesize) || bytesize === 0 || !isUint(Flags) || (Flags & ~0x7) !== 0) return [CUDA_ERROR_INVALID_VALUE, null];
  let mem: Uint8Array;
  try {
    mem = new Uint8Array(bytesize);
  } catch {
    return [CUDA_ERROR_OUT_OF_MEMORY, null];
  }
  track(mem.buffer, { start: 0, end: bytesize, flags: Flags, pinned: true });
  return [CUDA_SUCCESS, mem];
}

export function cuMemAllocHost(bytesize: number): [number, Uint8Array | null] {
  return hostAlloc(bytesize, 0);
}

export function cuMemHostAlloc(bytesize: number, Flags: number): [number, Uint8Array | null] {
  return hostAlloc(bytesize, Flags);
}

/** The pinned allocation starting at the view's first byte. */
function pinnedAt(p: unknown, interior: boolean): HostRange | undefined {
  if (!isHost(p)) return undefined;
  const r = overlapping(p.buffer, p.byteOffset, p.byteOffset + 1)[0];
  if (!r?.pinned) return undefined;
  return interior || r.start === p.byteOffset ? r : undefined;
}

export function cuMemFreeHost(p: ArrayBufferView): number {
  const [e] = current();
  if (e) return e;
  const r = pinnedAt(p, false);
  if (!r) return CUDA_ERROR_INVALID_VALUE;
  untrack(p.buffer, r);
  return CUDA_SUCCESS;
}

export function cuMemHostGetFlags(p: ArrayBufferView): [number, number] {
  const [e] = current();
  if (e) return [e, 0];
  const r = pinnedAt(p, true);
  return r ? [CUDA_SUCCESS, r.flags] : [CUDA_ERROR_INVALID_VALUE, 0];
}

export function cuMemHostRegister(p: ArrayBufferView, bytesize: number, Flags: number): number {
  const [e] = current();
  if (e) return e;
  if (!isHost(p) || !isSize(bytesize) || bytesize === 0 || bytesize > p.byteLength) return CUDA_ERROR_INVALID_VALUE;
  if (!isUint(Flags) || (Flags & ~0xf) !== 0) return CUDA_ERROR_INVALID_VALUE;
  // There is no I/O memory a web page can map.
  if (Flags & CU_MEMHOSTREGISTER_IOMEMORY) return CUDA_ERROR_NOT_SUPPORTED;
  if (overlapping(p.buffer, p.byteOffset, p.byteOffset + bytesize).length) return CUDA_ERROR_HOST_MEMORY_ALREADY_REGISTERED;
  track(p.buffer, { start: p.byteOffset, end: p.byteOffset + bytesize, flags: Flags, pinned: false });
  return CUDA_SUCCESS;
}

export function cuMemHostUnregister(p: ArrayBufferView): number {
  const [e] = current();
  if (e) return e;
  if (!isHost(p)) return CUDA_ERROR_INVALID_VALUE;
  const r = registeredAt(p.buffer, p.byteOffset);
  if (!r) return CUDA_ERROR_HOST_MEMORY_NOT_REGISTERED;
  untrack(p.buffer, r);
  return CUDA_SUCCESS;
}
