// 1D copies: cuMemcpy, cuMemcpyHtoD, cuMemcpyDtoH, cuMemcpyDtoD and their Async forms. Each validates its
// operands and builds one copy descriptor of n bytes; the copy engine (core/copy/engine.ts) does the rest.

import type { Endpoint } from '../core/copy/desc.js';
import { CUDA_ERROR_INVALID_VALUE, CUDA_SUCCESS } from '../core/errors.js';
import { copyError, deviceEndpoint, hostEndpoint, unifiedEndpoint } from '../core/pointers.js';
import type { Context, Stream } from '../core/state.js';
import { isSize } from '../core/validate.js';
import { callAsync, callSync, type Plan } from './call.js';

type Side = 'host' | 'device' | 'any';

/** One side of a 1D copy as an endpoint: a view is host memory, a number device memory. */
function endpoint(ctx: Context, side: Side, p: unknown, n: number, write: boolean): [number, Endpoint | undefined] {
  if (side === 'any') return unifiedEndpoint(ctx, p, n, n, n, write);
  if (side === 'device') return deviceEndpoint(ctx, p, n, n, n);
  const h = hostEndpoint(p, n, write, n, n);
  return h ? [CUDA_SUCCESS, h] : [CUDA_ERROR_INVALID_VALUE, undefined];
}

/** The plan of a copy of `n` bytes from `src` to `dst` (sides: what each operand must be). */
function plan1D(ctx: Context, dstSide: Side, srcSide: Side, dst: unknown, src: unknown, n: unknown): Plan {
  if (!isSize(n)) return CUDA_ERROR_INVALID_VALUE;
  // Zero bytes touch nothing, whatever the pointers (hip-tests record this for CUDA).
  if (n === 0) return CUDA_SUCCESS;
  const [ed, d] = endpoint(ctx, dstSide, dst, n, true);
  const [es, s] = endpoint(ctx, srcSide, src, n, false);
  if (ed || es) return copyError(ed, es);
  return { src: s!, dst: d!, extent: { widthBytes: n, height: 1, depth: 1 } };
}

const any = (ctx: Context, dst: unknown, src: unknown, n: unknown) => plan1D(ctx, 'any', 'any', dst, src, n);
const htod = (ctx: Context, dst: unknown, src: unknown, n: unknown) => plan1D(ctx, 'device', 'host', dst, src, n);
const dtoh = (ctx: Context, dst: unknown, src: unknown, n: unknown) => plan1D(ctx, 'host', 'device', dst, src, n);
const dtod = (ctx: Context, dst: unknown, src: unknown, n: unknown) => plan1D(ctx, 'device', 'device', dst, src, n);

export type HostPtr = ArrayBufferView;
export type Ptr = number | ArrayBufferView;
type S = Stream | null;

export const cuMemcpy = (dst: Ptr, src: Ptr, ByteCount: number) => callSync(any, dst, src, ByteCount);
export const cuMemcpyAsync = (dst: Ptr, src: Ptr, ByteCount: number, hStream: S) => callAsync(hStream, any, dst, src, ByteCount);
export const cuMemcpyHtoD = (dstDevice: number, srcHost: HostPtr, ByteCount: number) => callSync(htod, dstDevice, srcHost, ByteCount);
export const cuMemcpyHtoDAsync = (dstDevice: number, srcHost: HostPtr, ByteCount: number, hStream: S) =>
  callAsync(hStream, htod, dstDevice, srcHost, ByteCount);
export const cuMemcpyDtoH = (dstHost: HostPtr, srcDevice: number, ByteCount: number) => callSync(dtoh, dstHost, srcDevice, ByteCount);
export const cuMemcpyDtoHAsync = (dstHost: HostPtr, srcDevice: number, ByteCount: number, hStream: S) =>
  callAsync(hStream, dtoh, dstHost, srcDevice, ByteCount);
export const cuMemcpyDtoD = (dstDevice: number, srcDevice: number, ByteCount: number) => callSync(dtod, dstDevice, srcDevice, ByteCount);
export const cuMemcpyDtoDAsync = (dstDevice: number, srcDevice: number, ByteCount: number, hStream: S) =>
  callAsync(hStream, dtod, dstDevice, srcDevice, ByteCount);
