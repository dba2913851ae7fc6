// CUresult values (cuda.h). Their names and descriptions live with cuGetErrorName (src/driver/error.ts).

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
