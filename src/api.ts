// The public functions, each listed once, behind one guard: whatever a caller passes (a revoked Proxy, a
// throwing getter, a poisoned valueOf reached anywhere inside), no call throws or rejects. The driver
// modules return the precise CUDA errors; the guard is the last line for whatever they did not foresee.

import { CUDA_ERROR_INVALID_VALUE } from './core/errors.js';
import * as batch from './driver/batch.js';
import * as context from './driver/context.js';
import * as copy from './driver/copy.js';
import * as copy3d from './driver/copy3d.js';
import * as decompress from './driver/decompress.js';
import * as device from './driver/device.js';
import * as error from './driver/error.js';
import * as host from './driver/host.js';
import * as init from './driver/init.js';
import * as memory from './driver/memory.js';
import * as memset from './driver/memset.js';
import * as stream from './driver/stream.js';

/** Marks a function that answers with a Promise: a failure then resolves to its error result. */
const promised = Symbol('promised');

/** The outputs of a result tuple after its CUresult ([] for a plain CUresult). */
type Outputs<R> = R extends readonly [number, ...infer O] ? O : [];
/** What `guard` needs after the function: the outputs of its error result, after `promised` for a Promise. */
type Failure<R> = R extends Promise<infer T> ? [typeof promised, ...Outputs<T>] : Outputs<R>;

/**
 * `fn`, except that an exception becomes its error result: CUDA_ERROR_INVALID_VALUE followed by `outputs`
 * (what the function itself returns on an error), resolved for a function that returns a Promise, whether
 * it threw or its Promise rejected.
 */
function guard<F extends (...args: never[]) => unknown>(fn: F, ...failure: Failure<ReturnType<F>>): F {
  const async = failure[0] === promised;
  const outputs = async ? failure.slice(1) : failure;
  const fail = () => (outputs.length ? [CUDA_ERROR_INVALID_VALUE, ...outputs] : CUDA_ERROR_INVALID_VALUE);
  // `arguments` passed on through apply: no rest array per call (the small-copy path is this hot).
  const guarded = function (this: unknown) {
    try {
      const r = fn.apply(this, arguments as unknown as Parameters<F>);
      return async ? (r as Promise<unknown>).then(undefined, fail) : r;
    } catch {
      return async ? Promise.resolve(fail()) : fail();
    }
  };
  return Object.defineProperties(guarded, { name: { value: fn.name }, length: { value: fn.length } }) as unknown as F;
}

export const cuInit = guard(init.cuInit, promised);
export const cuDriverGetVersion = guard(init.cuDriverGetVersion, 0);

export const cuDeviceGet = guard(device.cuDeviceGet, 0);
export const cuDeviceGetCount = guard(device.cuDeviceGetCount, 0);
export const cuDeviceGetName = guard(device.cuDeviceGetName, '');
export const cuDeviceTotalMem = guard(device.cuDeviceTotalMem, 0);
export const cuDeviceGetAttribute = guard(device.cuDeviceGetAttribute, 0);

export const cuGetErrorName = guard(error.cuGetErrorName, null);
export const cuGetErrorString = guard(error.cuGetErrorString, null);

export const cuCtxCreate = guard(context.cuCtxCreate, promised, null);
export const cuCtxDestroy = guard(context.cuCtxDestroy);
export const cuCtxSetCurrent = guard(context.cuCtxSetCurrent);
export const cuCtxGetCurrent = guard(context.cuCtxGetCurrent, null);
export const cuCtxPushCurrent = guard(context.cuCtxPushCurrent);
export const cuCtxPopCurrent = guard(context.cuCtxPopCurrent, null);
export const cuCtxGetDevice = guard(context.cuCtxGetDevice, 0);
export const cuCtxSynchronize = guard(context.cuCtxSynchronize, promised);
export const cuDevicePrimaryCtxRetain = guard(context.cuDevicePrimaryCtxRetain, promised, null);
export const cuDevicePrimaryCtxRelease = guard(context.cuDevicePrimaryCtxRelease);

export const cuStreamCreate = guard(stream.cuStreamCreate, null);
export const cuStreamCreateWithPriority = guard(stream.cuStreamCreateWithPriority, null);
export const cuStreamDestroy = guard(stream.cuStreamDestroy);
export const cuStreamQuery = guard(stream.cuStreamQuery);
export const cuStreamSynchronize = guard(stream.cuStreamSynchronize, promised);
export const cuStreamWaitEvent = guard(stream.cuStreamWaitEvent);
export const cuEventCreate = guard(stream.cuEventCreate, null);
export const cuEventRecord = guard(stream.cuEventRecord);
export const cuEventQuery = guard(stream.cuEventQuery);
export const cuEventSynchronize = guard(stream.cuEventSynchronize, promised);
export const cuEventElapsedTime = guard(stream.cuEventElapsedTime, 0);
export const cuEventDestroy = guard(stream.cuEventDestroy);

export const cuMemAlloc = guard(memory.cuMemAlloc, 0);
export const cuMemAllocPitch = guard(memory.cuMemAllocPitch, 0, 0);
export const cuMemFree = guard(memory.cuMemFree);
export const cuMemGetAddressRange = guard(memory.cuMemGetAddressRange, 0, 0);
export const cuMemGetInfo = guard(memory.cuMemGetInfo, 0, 0);
export const cuMemGetHandleForAddressRange = guard(memory.cuMemGetHandleForAddressRange, null);

export const cuMemAllocHost = guard(host.cuMemAllocHost, null);
export const cuMemHostAlloc = guard(host.cuMemHostAlloc, null);
export const cuMemFreeHost = guard(host.cuMemFreeHost);
export const cuMemHostGetFlags = guard(host.cuMemHostGetFlags, 0);
export const cuMemHostRegister = guard(host.cuMemHostRegister);
export const cuMemHostUnregister = guard(host.cuMemHostUnregister);

export const cuMemcpy = guard(copy.cuMemcpy, promised);
export const cuMemcpyAsync = guard(copy.cuMemcpyAsync);
export const cuMemcpyHtoD = guard(copy.cuMemcpyHtoD, promised);
export const cuMemcpyHtoDAsync = guard(copy.cuMemcpyHtoDAsync);
export const cuMemcpyDtoH = guard(copy.cuMemcpyDtoH, promised);
export const cuMemcpyDtoHAsync = guard(copy.cuMemcpyDtoHAsync);
export const cuMemcpyDtoD = guard(copy.cuMemcpyDtoD, promised);
export const cuMemcpyDtoDAsync = guard(copy.cuMemcpyDtoDAsync);
export const cuMemcpy2D = guard(copy3d.cuMemcpy2D, promised);
export const cuMemcpy2DUnaligned = guard(copy3d.cuMemcpy2DUnaligned, promised);
export const cuMemcpy2DAsync = guard(copy3d.cuMemcpy2DAsync);
export const cuMemcpy3D = guard(copy3d.cuMemcpy3D, promised);
export const cuMemcpy3DAsync = guard(copy3d.cuMemcpy3DAsync);
// Every entry is checked before anything is enqueued: a throwing getter stops the call with nothing done.
export const cuMemcpyBatchAsync = guard(batch.cuMemcpyBatchAsync);
export const cuMemcpy3DBatchAsync = guard(batch.cuMemcpy3DBatchAsync);

export const cuMemsetD8 = guard(memset.cuMemsetD8, promised);
export const cuMemsetD16 = guard(memset.cuMemsetD16, promised);
export const cuMemsetD32 = guard(memset.cuMemsetD32, promised);
export const cuMemsetD8Async = guard(memset.cuMemsetD8Async);
export const cuMemsetD16Async = guard(memset.cuMemsetD16Async);
export const cuMemsetD32Async = guard(memset.cuMemsetD32Async);
export const cuMemsetD2D8 = guard(memset.cuMemsetD2D8, promised);
export const cuMemsetD2D16 = guard(memset.cuMemsetD2D16, promised);
export const cuMemsetD2D32 = guard(memset.cuMemsetD2D32, promised);
export const cuMemsetD2D8Async = guard(memset.cuMemsetD2D8Async);
export const cuMemsetD2D16Async = guard(memset.cuMemsetD2D16Async);
export const cuMemsetD2D32Async = guard(memset.cuMemsetD2D32Async);

// A throwing getter in paramsArray stops the call before anything is enqueued (every entry is resolved
// first); errorIndex SIZE_MAX: the guard cannot tell which entry it was.
export const cuMemBatchDecompressAsync = guard(decompress.cuMemBatchDecompressAsync, decompress.SIZE_MAX);
export const cuMemDecompressParseGzip = guard(decompress.cuMemDecompressParseGzip, null);
export const cuMemDecompressParseZlib = guard(decompress.cuMemDecompressParseZlib, null);
export const cuMemDecompressParseSnappy = guard(decompress.cuMemDecompressParseSnappy, null);
