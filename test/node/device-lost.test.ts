// A lost device becomes a sticky error of the context: every call after it reports it, and waiting
// returns instead of hanging. webcu adopts a device here so that the test can destroy it.

import { expect, test } from 'vitest';
import { deviceForTests } from '../setup/gpu.ts';
import { cu } from '../shared/webcu.ts';

test('a destroyed device makes later calls fail with a sticky error', async () => {
  const { gpu, adapter, device } = await deviceForTests();
  expect(await cu.cuInit(0, { gpu, adapter, device })).toBe(cu.CUDA_SUCCESS);
  expect((await cu.cuCtxCreate(0, 0))[0]).toBe(cu.CUDA_SUCCESS);
  const [, p] = cu.cuMemAlloc(1024);
  expect(await cu.cuMemsetD8(p, 1, 1024)).toBe(cu.CUDA_SUCCESS);
  const out = new Uint8Array(1024);
  expect(cu.cuMemcpyDtoHAsync(out, p, 1024, null)).toBe(cu.CUDA_SUCCESS);
  device.destroy();
  // The loss is seen either by the device's lost promise or by the failed readback, whichever first.
  const sticky = await cu.cuCtxSynchronize();
  expect([cu.CUDA_ERROR_DEVICE_UNAVAILABLE, cu.CUDA_ERROR_LAUNCH_FAILED]).toContain(sticky);
  expect(cu.cuMemAlloc(16)[0]).toBe(sticky);
  expect(await cu.cuMemsetD8(p, 2, 16)).toBe(sticky);
  expect(cu.cuStreamQuery(null)).toBe(sticky);
  expect(await cu.cuCtxSynchronize()).toBe(sticky);
});
