// Pointers to endpoints: a device pointer or a host view, with a region's size, becomes a device range or
// host bytes the copy engine can use (./copy/desc.ts) — or the CUDA error. Holds the registry of
// page-locked host memory (cuMemAllocHost/cuMemHostAlloc allocations and cuMemHostRegister ranges).

import type { AddressSpace, Allocation, DeviceRange } from './address-space.js';
import { CU_MEMHOSTREGISTER_READ_ONLY } from './constants.js';
import type { DeviceEndpoint, Endpoint, HostEndpoint } from './copy/desc.js';
import { CUDA_ERROR_INVALID_VALUE, CUDA_ERROR_OUT_OF_MEMORY, CUDA_SUCCESS } from './errors.js';
import type { Context } from './state.js';
import { hostBytes, isHost, isPtr } from './validate.js';

/** A tracked host range: byte offsets [start, end) of one ArrayBuffer. */
export interface HostRange {
  start: number;
  end: number;
  flags: number;
  /** Allocated by cuMemAllocHost/cuMemHostAlloc (else registered). */
  pinned: boolean;
}

const ranges = new WeakMap<ArrayBufferLike, HostRange[]>();

/** The tracked ranges of `buf` that overlap [start, end). */
export function overlapping(buf: ArrayBufferLike, start: number, end: number): HostRange[] {
  return (ranges.get(buf) ?? []).filter((r) => r.start < end && start < r.end);
}

export function track(buf: ArrayBufferLike, r: HostRange): void {
  const list = ranges.get(buf) ?? [];
  list.push(r);
  ranges.set(buf, list);
}

export function untrack(buf: ArrayBufferLike, r: HostRange): void {
  const list = ranges.get(buf)!;
  list.splice(list.indexOf(r), 1);
}

/** The registered (not allocated) range starting at `start` of `buf`. */
export function registeredAt(buf: ArrayBufferLike, start: number): HostRange | undefined {
  return (ranges.get(buf) ?? []).find((r) => !r.pinned && r.start === start);
}

export type HostKind = 'pageable' | 'pinned' | 'invalid';

/**
 * How a host range [view + 0, view + n) may be copied: wholly inside pinned or registered memory,
 * wholly outside it, or straddling both (CUDA_ERROR_INVALID_VALUE). Writes into READ_ONLY registered
 * memory are invalid too.
 */
export function hostKind(view: ArrayBufferView, n: number, write: boolean): HostKind {
  const start = view.byteOffset;
  const hits = overlapping(view.buffer, start, start + n);
  if (hits.length === 0) return 'pageable';
  const r = hits[0];
  if (hits.length > 1 || start < r.start || start + n > r.end) return 'invalid';
  if (write && r.flags & CU_MEMHOSTREGISTER_READ_ONLY && !r.pinned) return 'invalid';
  return 'pinned';
}

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

const INVALID: [number, undefined] = [CUDA_ERROR_INVALID_VALUE, undefined];
const UNBACKED: [number, undefined] = [CUDA_ERROR_OUT_OF_MEMORY, undefined];

/**
 * A device region starting at `ptr`, `n` bytes from its first to its last byte, as an endpoint (or the
 * error resolveDevice gives). Every small copy comes through here, so it allocates only the endpoint.
 */
export function deviceEndpoint(ctx: Context, ptr: unknown, n: number, pitch: number, slicePitch: number): [number, DeviceEndpoint | undefined] {
  if (!isPtr(ptr) || ptr === 0) return INVALID;
  const a = ctx.dev.space.find(ptr);
  if (!a || ptr + n > a.base + a.size) return INVALID;
  if (a.backing.failed) return UNBACKED;
  return [CUDA_SUCCESS, { kind: 'device', buffer: a.backing.buffer, offset: a.offset + (ptr - a.base), pitch, slicePitch }];
}

/**
 * Resolves the device pointers of a batch one after the other without an object each: the region is
 * checked against the allocation the previous pointer hit first (a batch's consecutive entries mostly
 * fall in one allocation), the address space searched only when it lies elsewhere.
 */
export class PointerRun {
  private last: Allocation | undefined;

  constructor(private readonly space: AddressSpace) {}

  /** The allocation holding [ptr, ptr + n) (n >= 1); undefined for NULL, no pointer, or a range outside one allocation. */
  find(ptr: unknown, n: number): Allocation | undefined {
    if (!isPtr(ptr)) return undefined;
    let a = this.last;
    if (a === undefined || ptr < a.base || ptr + n > a.base + a.size) {
      // Allocations start at 4 GiB: NULL is in none.
      a = this.space.find(ptr);
      if (!a || ptr + n > a.base + a.size) return undefined;
      this.last = a;
    }
    return a;
  }
}

/** A host region starting at `view`'s first byte, `n` bytes from its first to its last byte, as an endpoint. */
export function hostEndpoint(view: unknown, n: number, write: boolean, pitch: number, slicePitch: number): HostEndpoint | undefined {
  const h = hostRange(view, n, write);
  return h && { kind: 'host', view: h.bytes, pitch, slicePitch, pinned: h.pinned };
}

/**
 * A unified-address operand as an endpoint: an ArrayBufferView is host memory, a number device memory
 * (`n` bytes from the region's first byte to its last). INVALID_VALUE for anything else, NULL or a range
 * outside memory; OUT_OF_MEMORY for memory WebGPU could not back.
 */
export function unifiedEndpoint(ctx: Context, p: unknown, n: number, pitch: number, slicePitch: number, write: boolean): [number, Endpoint | undefined] {
  if (!isHost(p)) return deviceEndpoint(ctx, p, n, pitch, slicePitch);
  const h = hostEndpoint(p, n, write, pitch, slicePitch);
  return h ? [CUDA_SUCCESS, h] : INVALID;
}

/** The error of a copy whose operands resolved with codes `a` and `b`: an invalid operand before memory WebGPU could not back. */
export const copyError = (a: number, b: number): number =>
  a === CUDA_ERROR_INVALID_VALUE || b === CUDA_ERROR_INVALID_VALUE ? CUDA_ERROR_INVALID_VALUE : a || b;
