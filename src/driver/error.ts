// cuGetErrorName / cuGetErrorString.

import { CUDA_ERROR_INVALID_VALUE, CUDA_SUCCESS, errorName, errorString } from '../core/errors.js';

export function cuGetErrorName(error: number): [number, string | null] {
  const s = errorName(error);
  return s === undefined ? [CUDA_ERROR_INVALID_VALUE, null] : [CUDA_SUCCESS, s];
}

export function cuGetErrorString(error: number): [number, string | null] {
  const s = errorString(error);
  return s === undefined ? [CUDA_ERROR_INVALID_VALUE, null] : [CUDA_SUCCESS, s];
}
