// webcu: the CUDA Driver API's memory management on WebGPU. Public surface only.

export * from './core/errors.js';
export * from './core/constants.js';
export type { InitOptions } from './core/state.js';
export type { Context as CUcontext, Stream as CUstream, Event as CUevent } from './core/state.js';
export * from './driver/error.js';
export { cuInit, cuDriverGetVersion } from './driver/init.js';
export { cuDeviceGet, cuDeviceGetCount, cuDeviceGetName, cuDeviceTotalMem, cuDeviceGetAttribute } from './driver/device.js';
export * from './driver/context.js';
export * from './driver/stream.js';
export * from './driver/memory.js';
export { cuMemAllocHost, cuMemHostAlloc, cuMemFreeHost, cuMemHostGetFlags, cuMemHostRegister, cuMemHostUnregister } from './driver/host.js';
export {
  cuMemcpy,
  cuMemcpyAsync,
  cuMemcpyHtoD,
  cuMemcpyHtoDAsync,
  cuMemcpyDtoH,
  cuMemcpyDtoHAsync,
  cuMemcpyDtoD,
  cuMemcpyDtoDAsync,
} from './driver/copy.js';
export * from './driver/memset.js';
export {
  cuMemBatchDecompressAsync,
  cuMemDecompressParseGzip,
  cuMemDecompressParseZlib,
  cuMemDecompressParseSnappy,
  SIZE_MAX,
  WEBCU_DECOMPRESS_OK,
  WEBCU_DECOMPRESS_OUTPUT_OVERFLOW,
  WEBCU_DECOMPRESS_TRUNCATED,
  WEBCU_DECOMPRESS_BAD_BLOCK_TYPE,
  WEBCU_DECOMPRESS_BAD_HUFFMAN,
  WEBCU_DECOMPRESS_BAD_DISTANCE,
  WEBCU_DECOMPRESS_BAD_STORED_LEN,
  WEBCU_DECOMPRESS_BAD_SYMBOL,
} from './driver/decompress.js';
export type { CUmemDecompressParams, RawStream } from './driver/decompress.js';
