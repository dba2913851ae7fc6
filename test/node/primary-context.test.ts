// The primary context as CUDA documents it: cuDevicePrimaryCtxRelease "does not pop the context from stack
// in any circumstances"; the last release resets it (its allocations, streams and events are gone), and a
// current primary context that is not active makes calls fail with CUDA_ERROR_CONTEXT_IS_DESTROYED ("the
// context current to the calling thread ... is a primary context which has not yet been initialized").
// The next retain makes the same handle usable again.

import { expect, test } from 'vitest';
import { cu, readDevice, startWebcu } from '../shared/webcu.ts';

const OK = cu.CUDA_SUCCESS;
const GONE = cu.CUDA_ERROR_CONTEXT_IS_DESTROYED;

// Contexts compare by identity (toEqual would compare two contexts field by field).
function expectCurrent(ctx: cu.CUcontext | null) {
  const [e, c] = cu.cuCtxGetCurrent();
  expect(e).toBe(OK);
  expect(c).toBe(ctx);
}

function expectPopped(ctx: cu.CUcontext | null) {
  const [e, c] = cu.cuCtxPopCurrent();
  expect(e).toBe(OK);
  expect(c).toBe(ctx);
}

test('release never touches the context stack; the last one resets the context; retain revives it', async () => {
  await startWebcu();
  const [, base] = cu.cuCtxGetCurrent();
  const [e1, primary] = await cu.cuDevicePrimaryCtxRetain(0);
  expect(e1).toBe(OK);
  expect(cu.cuCtxPushCurrent(primary!)).toBe(OK);
  const [, p] = cu.cuMemAlloc(64);
  const [, s] = cu.cuStreamCreate(0);
  const [, ev] = cu.cuEventCreate(0);
  expect(cu.cuMemsetD8Async(p, 5, 64, s)).toBe(OK);
  expect(cu.cuEventRecord(ev!, s)).toBe(OK);

  // A second reference keeps everything alive through one release.
  expect((await cu.cuDevicePrimaryCtxRetain(0))[1]).toBe(primary);
  expect(cu.cuDevicePrimaryCtxRelease(0)).toBe(OK);
  expectCurrent(primary);
  expect(Array.from(await readDevice(p, 4))).toEqual([5, 5, 5, 5]);

  // The last release: still current, but inactive.
  expect(cu.cuDevicePrimaryCtxRelease(0)).toBe(OK);
  expectCurrent(primary);
  expect(cu.cuMemAlloc(16)[0]).toBe(GONE);
  expect(cu.cuCtxGetDevice()[0]).toBe(GONE);
  expect(cu.cuStreamQuery(null)).toBe(GONE);
  expect(await cu.cuCtxSynchronize()).toBe(GONE);
  expect(await cu.cuMemsetD8(p, 1, 4)).toBe(GONE);
  // Releasing what is no longer retained, or destroying a primary context, is an invalid context.
  expect(cu.cuDevicePrimaryCtxRelease(0)).toBe(cu.CUDA_ERROR_INVALID_CONTEXT);
  expect(cu.cuCtxDestroy(primary!)).toBe(cu.CUDA_ERROR_INVALID_CONTEXT);

  // Back on the other context: the primary context's resources are gone.
  expectPopped(primary);
  expectCurrent(base);
  expect(cu.cuMemGetAddressRange(p)[0]).toBe(cu.CUDA_ERROR_NOT_FOUND);
  expect(cu.cuStreamQuery(s)).toBe(cu.CUDA_ERROR_INVALID_HANDLE);
  expect(cu.cuEventQuery(ev!)).toBe(cu.CUDA_ERROR_INVALID_HANDLE);
  expect(cu.cuEventDestroy(ev!)).toBe(cu.CUDA_ERROR_INVALID_HANDLE);

  // The inactive handle stays valid: it may be made current (calls then report it), as cudaSetDevice does.
  expect(cu.cuCtxSetCurrent(primary)).toBe(OK);
  expect(cu.cuMemAlloc(16)[0]).toBe(GONE);
  expect(cu.cuCtxSetCurrent(base)).toBe(OK);

  // Retained again: the same handle, active, with nothing of its former life.
  const [e2, again] = await cu.cuDevicePrimaryCtxRetain(0);
  expect(e2).toBe(OK);
  expect(again).toBe(primary);
  expect(cu.cuCtxPushCurrent(again!)).toBe(OK);
  const [e3, q] = cu.cuMemAlloc(64);
  expect(e3).toBe(OK);
  expect(await cu.cuMemsetD8(q, 9, 64)).toBe(OK);
  expect(Array.from(await readDevice(q, 4))).toEqual([9, 9, 9, 9]);
  expect(cu.cuStreamQuery(s)).toBe(cu.CUDA_ERROR_INVALID_HANDLE);
  expect(await cu.cuCtxSynchronize()).toBe(OK);
  expectPopped(primary);
  expect(cu.cuDevicePrimaryCtxRelease(0)).toBe(OK);
  expectCurrent(base);
  expect(await cu.cuCtxSynchronize()).toBe(OK);
});
