// CUresult values (cuda.h) with the names and descriptions cuGetErrorName/cuGetErrorString report.

export const CUDA_SUCCESS = 0;
export const CUDA_ERROR_INVALID_VALUE = 1;
export const CUDA_ERROR_OUT_OF_MEMORY = 2;
export const CUDA_ERROR_NOT_INITIALIZED = 3;
export const CUDA_ERROR_DEINITIALIZED = 4;
export const CUDA_ERROR_NO_DEVICE = 100;
export const CUDA_ERROR_INVALID_DEVICE = 101;
export const CUDA_ERROR_INVALID_CONTEXT = 201;
export const CUDA_ERROR_CONTEXT_ALREADY_CURRENT = 202;
export const CUDA_ERROR_MAP_FAILED = 205;
export const CUDA_ERROR_ARRAY_IS_MAPPED = 207;
export const CUDA_ERROR_CONTEXT_ALREADY_IN_USE = 216;
export const CUDA_ERROR_PEER_ACCESS_UNSUPPORTED = 217;
export const CUDA_ERROR_INVALID_HANDLE = 400;
export const CUDA_ERROR_NOT_FOUND = 500;
export const CUDA_ERROR_NOT_READY = 600;
export const CUDA_ERROR_ILLEGAL_ADDRESS = 700;
export const CUDA_ERROR_PRIMARY_CONTEXT_ACTIVE = 708;
export const CUDA_ERROR_CONTEXT_IS_DESTROYED = 709;
export const CUDA_ERROR_TOO_MANY_PEERS = 711;
export const CUDA_ERROR_HOST_MEMORY_ALREADY_REGISTERED = 712;
export const CUDA_ERROR_HOST_MEMORY_NOT_REGISTERED = 713;
export const CUDA_ERROR_LAUNCH_FAILED = 719;
export const CUDA_ERROR_NOT_PERMITTED = 800;
export const CUDA_ERROR_NOT_SUPPORTED = 801;
export const CUDA_ERROR_DEVICE_UNAVAILABLE = 46;
export const CUDA_ERROR_UNKNOWN = 999;

export type CUresult = number;

const table: Record<number, [string, string]> = {
  [CUDA_SUCCESS]: ['CUDA_SUCCESS', 'no error'],
  [CUDA_ERROR_INVALID_VALUE]: ['CUDA_ERROR_INVALID_VALUE', 'invalid argument'],
  [CUDA_ERROR_OUT_OF_MEMORY]: ['CUDA_ERROR_OUT_OF_MEMORY', 'out of memory'],
  [CUDA_ERROR_NOT_INITIALIZED]: ['CUDA_ERROR_NOT_INITIALIZED', 'initialization error'],
  [CUDA_ERROR_DEINITIALIZED]: ['CUDA_ERROR_DEINITIALIZED', 'driver shutting down'],
  [CUDA_ERROR_NO_DEVICE]: ['CUDA_ERROR_NO_DEVICE', 'no CUDA-capable device is detected'],
  [CUDA_ERROR_INVALID_DEVICE]: ['CUDA_ERROR_INVALID_DEVICE', 'invalid device ordinal'],
  [CUDA_ERROR_INVALID_CONTEXT]: ['CUDA_ERROR_INVALID_CONTEXT', 'invalid device context'],
  [CUDA_ERROR_CONTEXT_ALREADY_CURRENT]: ['CUDA_ERROR_CONTEXT_ALREADY_CURRENT', 'context already current'],
  [CUDA_ERROR_MAP_FAILED]: ['CUDA_ERROR_MAP_FAILED', 'mapping of buffer object failed'],
  [CUDA_ERROR_ARRAY_IS_MAPPED]: ['CUDA_ERROR_ARRAY_IS_MAPPED', 'array is mapped'],
  [CUDA_ERROR_CONTEXT_ALREADY_IN_USE]: ['CUDA_ERROR_CONTEXT_ALREADY_IN_USE', 'exclusive-thread device already in use by a different thread'],
  [CUDA_ERROR_PEER_ACCESS_UNSUPPORTED]: ['CUDA_ERROR_PEER_ACCESS_UNSUPPORTED', 'peer access is not supported between these two devices'],
  [CUDA_ERROR_INVALID_HANDLE]: ['CUDA_ERROR_INVALID_HANDLE', 'invalid resource handle'],
  [CUDA_ERROR_NOT_FOUND]: ['CUDA_ERROR_NOT_FOUND', 'named symbol not found'],
  [CUDA_ERROR_NOT_READY]: ['CUDA_ERROR_NOT_READY', 'device not ready'],
  [CUDA_ERROR_ILLEGAL_ADDRESS]: ['CUDA_ERROR_ILLEGAL_ADDRESS', 'an illegal memory access was encountered'],
  [CUDA_ERROR_PRIMARY_CONTEXT_ACTIVE]: ['CUDA_ERROR_PRIMARY_CONTEXT_ACTIVE', 'primary context active'],
  [CUDA_ERROR_CONTEXT_IS_DESTROYED]: ['CUDA_ERROR_CONTEXT_IS_DESTROYED', 'context is destroyed'],
  [CUDA_ERROR_TOO_MANY_PEERS]: ['CUDA_ERROR_TOO_MANY_PEERS', 'peer mapping resources exhausted'],
  [CUDA_ERROR_HOST_MEMORY_ALREADY_REGISTERED]: ['CUDA_ERROR_HOST_MEMORY_ALREADY_REGISTERED', 'part or all of the requested memory range is already mapped'],
  [CUDA_ERROR_HOST_MEMORY_NOT_REGISTERED]: ['CUDA_ERROR_HOST_MEMORY_NOT_REGISTERED', 'pointer does not correspond to a registered memory region'],
  [CUDA_ERROR_LAUNCH_FAILED]: ['CUDA_ERROR_LAUNCH_FAILED', 'unspecified launch failure'],
  [CUDA_ERROR_NOT_PERMITTED]: ['CUDA_ERROR_NOT_PERMITTED', 'operation not permitted'],
  [CUDA_ERROR_NOT_SUPPORTED]: ['CUDA_ERROR_NOT_SUPPORTED', 'operation not supported'],
  [CUDA_ERROR_DEVICE_UNAVAILABLE]: ['CUDA_ERROR_DEVICE_UNAVAILABLE', 'CUDA-capable device(s) is/are busy or unavailable'],
  [CUDA_ERROR_UNKNOWN]: ['CUDA_ERROR_UNKNOWN', 'unknown error'],
};

export function errorName(r: number): string | undefined {
  return table[r]?.[0];
}

export function errorString(r: number): string | undefined {
  return table[r]?.[1];
}
