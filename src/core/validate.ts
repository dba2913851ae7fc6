// JavaScript-side argument checks: wrong types become CUDA_ERROR_INVALID_VALUE, never exceptions.

/** A size_t: a non-negative safe integer. */
export const isSize = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

/** A size too large for any memory: an integer beyond 2^53 (SIZE_MAX arrives as 2^64). */
export const isHugeSize = (n: unknown): boolean => typeof n === 'number' && Number.isInteger(n) && n > Number.MAX_SAFE_INTEGER;

/** A CUdeviceptr: a non-negative safe integer (0 is NULL). */
export const isPtr = isSize;

/** An unsigned int / flags word. */
export const isUint = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 0xffffffff;

/** A value for a memset of `bits` bits: any integer, truncated as C converts it. */
export const isWord = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n);

export const isHost = (v: unknown): v is ArrayBufferView => ArrayBuffer.isView(v);

/** The first `n` bytes of a host view, or undefined when the view is shorter or its buffer detached. */
export function hostBytes(v: ArrayBufferView, n: number): Uint8Array | undefined {
  try {
    if (n > v.byteLength) return undefined;
    return new Uint8Array(v.buffer, v.byteOffset, n);
  } catch {
    return undefined;
  }
}
