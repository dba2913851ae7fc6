// Out of memory on a small memoryBudget: cuMemGetInfo's free memory predicts what allocations get, a
// failed allocation returns CUDA_ERROR_OUT_OF_MEMORY and poisons nothing. (Own file: cuInit is per process.)

import { expect, test } from 'vitest';
import { cu, readDevice, startWebcu } from '../shared/webcu.ts';

const MiB = 2 ** 20;
const BUDGET = 256 * MiB;

/** Allocates `size` bytes until the first failure; returns the pointers and the failure's code. */
function allocUntilFull(size: number): { ptrs: number[]; err: number } {
  const ptrs: number[] = [];
  for (;;) {
    const [e, p] = cu.cuMemAlloc(size);
    if (e !== cu.CUDA_SUCCESS) return { ptrs, err: e };
    ptrs.push(p);
  }
}

test('free memory predicts what allocations get, and running out poisons nothing', async () => {
  await startWebcu({ memoryBudget: BUDGET });
  const [, free0, total] = cu.cuMemGetInfo();
  expect(total).toBe(BUDGET);
  expect(free0).toBe(BUDGET);
  for (const size of [32 * MiB, 32 * MiB - 100, 5 * MiB + 7, 100 * MiB]) {
    const [, free] = cu.cuMemGetInfo();
    const { ptrs, err } = allocUntilFull(size);
    expect(err).toBe(cu.CUDA_ERROR_OUT_OF_MEMORY);
    // Every allocation free memory allowed was had (rounded to 256 bytes): all of them for sizes that
    // divide the heaps; otherwise the tail of each heap (fewer than 6 heaps) can hold less than one.
    const unit = Math.ceil(size / 256) * 256;
    const fits = Math.floor(free / unit);
    const exact = Number.isInteger(Math.log2(size));
    if (exact) expect(ptrs.length, `${size}-byte allocations`).toBe(fits);
    else expect(ptrs.length, `${size}-byte allocations`).toBeGreaterThan(fits - 6);
    expect(cu.cuMemGetInfo()[1]).toBe(free - ptrs.length * unit);
    // The context still works: a copy into the last allocation and back.
    const p = ptrs[ptrs.length - 1];
    const data = new Uint8Array(1000).map((_, i) => i);
    expect(await cu.cuMemcpyHtoD(p + 3, data, 1000)).toBe(cu.CUDA_SUCCESS);
    expect(Array.from(await readDevice(p + 3, 1000))).toEqual(Array.from(data));
    expect(await cu.cuCtxSynchronize()).toBe(cu.CUDA_SUCCESS);
    for (const q of ptrs) expect(cu.cuMemFree(q)).toBe(cu.CUDA_SUCCESS);
    expect(await cu.cuCtxSynchronize()).toBe(cu.CUDA_SUCCESS);
  }
});

test('an allocation of all the free memory succeeds, one byte more does not', async () => {
  await startWebcu({ memoryBudget: BUDGET });
  const [, free] = cu.cuMemGetInfo();
  expect(cu.cuMemAlloc(free + 1)[0]).toBe(cu.CUDA_ERROR_OUT_OF_MEMORY);
  const [e, p] = cu.cuMemAlloc(free);
  expect(e).toBe(cu.CUDA_SUCCESS);
  expect(cu.cuMemGetInfo()[1]).toBe(0);
  expect(cu.cuMemAlloc(1)[0]).toBe(cu.CUDA_ERROR_OUT_OF_MEMORY);
  expect(await cu.cuMemsetD8(p + free - 1, 5, 1)).toBe(cu.CUDA_SUCCESS);
  expect(Array.from(await readDevice(p + free - 1, 1))).toEqual([5]);
  expect(cu.cuMemFree(p)).toBe(cu.CUDA_SUCCESS);
  expect(await cu.cuCtxSynchronize()).toBe(cu.CUDA_SUCCESS);
});

test('sizes no memory can hold are CUDA_ERROR_OUT_OF_MEMORY; a bad pitch width is INVALID_VALUE', async () => {
  await startWebcu({ memoryBudget: BUDGET });
  expect(cu.cuMemAlloc(cu.SIZE_MAX)).toEqual([cu.CUDA_ERROR_OUT_OF_MEMORY, 0]);
  expect(cu.cuMemAlloc(2 ** 53)).toEqual([cu.CUDA_ERROR_OUT_OF_MEMORY, 0]);
  expect(cu.cuMemAlloc(BUDGET + 1)).toEqual([cu.CUDA_ERROR_OUT_OF_MEMORY, 0]);
  expect(cu.cuMemAllocPitch(64, cu.SIZE_MAX, 4)).toEqual([cu.CUDA_ERROR_OUT_OF_MEMORY, 0, 0]);
  expect(cu.cuMemAllocPitch(64, 2 * MiB, 4)).toEqual([cu.CUDA_ERROR_OUT_OF_MEMORY, 0, 0]);
  expect(cu.cuMemAllocPitch(cu.SIZE_MAX, 1, 4)).toEqual([cu.CUDA_ERROR_INVALID_VALUE, 0, 0]);
  expect(cu.cuMemAlloc(Infinity)[0]).toBe(cu.CUDA_ERROR_INVALID_VALUE);
  expect(cu.cuMemAlloc(1.5)[0]).toBe(cu.CUDA_ERROR_INVALID_VALUE);
  const [e, p] = cu.cuMemAlloc(64);
  expect(e).toBe(cu.CUDA_SUCCESS);
  expect(await cu.cuMemsetD8(p, 1, 64)).toBe(cu.CUDA_SUCCESS);
  expect(cu.cuMemFree(p)).toBe(cu.CUDA_SUCCESS);
});
