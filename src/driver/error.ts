// cuGetErrorName / cuGetErrorString: the names and descriptions of the CUresult values.

import * as E from '../core/errors.js';

const table: Record<number, [string, string]> = {
  [E.CUDA_SUCCESS]: ['CUDA_SUCCESS', 'no error'],
  [E.CUDA_ERROR_INVALID_VALUE]: ['CUDA_ERROR_INVALID_VALUE', 'invalid argument'],
  [E.CUDA_ERROR_OUT_OF_MEMORY]: ['CUDA_ERROR_OUT_OF_MEMORY', 'out of memory'],
  [E.CUDA_ERROR_NOT_INITIALIZED]: ['CUDA_ERROR_NOT_INITIALIZED', 'initialization error'],
  [E.CUDA_ERROR_DEINITIALIZED]: ['CUDA_ERROR_DEINITIALIZED', 'driver shutting down'],
  [E.CUDA_ERROR_NO_DEVICE]: ['CUDA_ERROR_NO_DEVICE', 'no CUDA-capable device is detected'],
  [E.CUDA_ERROR_INVALID_DEVICE]: ['CUDA_ERROR_INVALID_DEVICE', 'invalid device ordinal'],
  [E.CUDA_ERROR_INVALID_CONTEXT]: ['CUDA_ERROR_INVALID_CONTEXT', 'invalid device context'],
  [E.CUDA_ERROR_CONTEXT_ALREADY_CURRENT]: ['CUDA_ERROR_CONTEXT_ALREADY_CURRENT', 'context already current'],
  [E.CUDA_ERROR_MAP_FAILED]: ['CUDA_ERROR_MAP_FAILED', 'mapping of buffer object failed'],
  [E.CUDA_ERROR_ARRAY_IS_MAPPED]: ['CUDA_ERROR_ARRAY_IS_MAPPED', 'array is mapped'],
  [E.CUDA_ERROR_CONTEXT_ALREADY_IN_USE]: ['CUDA_ERROR_CONTEXT_ALREADY_IN_USE', 'exclusive-thread device already in use by a different thread'],
  [E.CUDA_ERROR_PEER_ACCESS_UNSUPPORTED]: ['CUDA_ERROR_PEER_ACCESS_UNSUPPORTED', 'peer access is not supported between these two devices'],
  [E.CUDA_ERROR_INVALID_HANDLE]: ['CUDA_ERROR_INVALID_HANDLE', 'invalid resource handle'],
  [E.CUDA_ERROR_NOT_FOUND]: ['CUDA_ERROR_NOT_FOUND', 'named symbol not found'],
  [E.CUDA_ERROR_NOT_READY]: ['CUDA_ERROR_NOT_READY', 'device not ready'],
  [E.CUDA_ERROR_ILLEGAL_ADDRESS]: ['CUDA_ERROR_ILLEGAL_ADDRESS', 'an illegal memory access was encountered'],
  [E.CUDA_ERROR_PRIMARY_CONTEXT_ACTIVE]: ['CUDA_ERROR_PRIMARY_CONTEXT_ACTIVE', 'primary context active'],
  [E.CUDA_ERROR_CONTEXT_IS_DESTROYED]: ['CUDA_ERROR_CONTEXT_IS_DESTROYED', 'context is destroyed'],
  [E.CUDA_ERROR_TOO_MANY_PEERS]: ['CUDA_ERROR_TOO_MANY_PEERS', 'peer mapping resources exhausted'],
  [E.CUDA_ERROR_HOST_MEMORY_ALREADY_REGISTERED]: ['CUDA_ERROR_HOST_MEMORY_ALREADY_REGISTERED', 'part or all of the requested memory range is already mapped'],
  [E.CUDA_ERROR_HOST_MEMORY_NOT_REGISTERED]: ['CUDA_ERROR_HOST_MEMORY_NOT_REGISTERED', 'pointer does not correspond to a registered memory region'],
  [E.CUDA_ERROR_LAUNCH_FAILED]: ['CUDA_ERROR_LAUNCH_FAILED', 'unspecified launch failure'],
  [E.CUDA_ERROR_NOT_PERMITTED]: ['CUDA_ERROR_NOT_PERMITTED', 'operation not permitted'],
  [E.CUDA_ERROR_NOT_SUPPORTED]: ['CUDA_ERROR_NOT_SUPPORTED', 'operation not supported'],
  [E.CUDA_ERROR_DEVICE_UNAVAILABLE]: ['CUDA_ERROR_DEVICE_UNAVAILABLE', 'CUDA-capable device(s) is/are busy or unavailable'],
  [E.CUDA_ERROR_UNKNOWN]: ['CUDA_ERROR_UNKNOWN', 'unknown error'],
};

// Anything but a number is no CUresult: checked first, so no object's toString runs as a table key.
export function cuGetErrorName(error: number): [number, string | null] {
  const s = typeof error === 'number' ? table[error]?.[0] : undefined;
  return s === undefined ? [E.CUDA_ERROR_INVALID_VALUE, null] : [E.CUDA_SUCCESS, s];
}

export function cuGetErrorString(error: number): [number, string | null] {
  const s = typeof error === 'number' ? table[error]?.[1] : undefined;
  return s === undefined ? [E.CUDA_ERROR_INVALID_VALUE, null] : [E.CUDA_SUCCESS, s];
}
