// webcu: the CUDA Driver API's memory management on WebGPU. Public surface only: the CUDA functions (each
// behind the guard of src/api.ts), cuda.h's constants and error codes, webcu's documented extensions, types.

export * from './api.js';
export * from './core/errors.js';
export * from './core/constants.js';
export type { InitOptions } from './core/state.js';
export type { Context as CUcontext, Stream as CUstream, Event as CUevent } from './core/state.js';
export type { WebGPUBufferRange } from './driver/memory.js';
export type { CUDA_MEMCPY2D, CUDA_MEMCPY3D } from './driver/copy3d.js';
export {
  SIZE_MAX,
  WEBCU_DECOMPRESS_OK,
  WEBCU_DECOMPRESS_OUTPUT_OVERFLOW,
  WEBCU_DECOMPRESS_TRUNCATED,
  WEBCU_DECOMPRESS_BAD_BLOCK_TYPE,
  WEBCU_DECOMPRESS_BAD_HUFFMAN,
  WEBCU_DECOMPRESS_BAD_DISTANCE,
  WEBCU_DECOMPRESS_BAD_STORED_LEN,
  WEBCU_DECOMPRESS_BAD_SYMBOL,
  WEBCU_DECOMPRESS_BAD_END,
} from './driver/decompress.js';
export type { CUmemDecompressParams, RawStream } from './driver/decompress.js';
export type { CUDA_MEMCPY3D_BATCH_OP, CUmemcpy3DOperand, CUmemcpyAttributes, CUmemLocation } from './driver/batch.js';
