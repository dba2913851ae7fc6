// Memory WebGPU cannot back (SwiftShader in Node refuses a 1 GiB buffer, its maxBufferSize): WebGPU says so
// asynchronously, after cuMemAlloc returned. That allocation alone fails — with CUDA_ERROR_OUT_OF_MEMORY
// from the first call that can know — and every other allocation, stream and the context keep working.
// (Own file: cuInit is per process, and this one uses the default budget.)

import { expect, test } from 'vitest';
import { cu, readDevice, startWebcu } from '../shared/webcu.ts';

test('an allocation WebGPU cannot back fails alone and poisons nothing', async () => {
  await startWebcu();
  const [, s] = cu.cuStreamCreate(0);
  const [, ok] = cu.cuMemAlloc(4096);
  expect(await cu.cuMemsetD8(ok, 1, 4096)).toBe(cu.CUDA_SUCCESS);
  const [, maxPitch] = cu.cuDeviceGetAttribute(cu.CU_DEVICE_ATTRIBUTE_MAX_PITCH, 0);
  const [, free0] = cu.cuMemGetInfo();

  for (const alloc of [() => cu.cuMemAlloc(maxPitch), () => cu.cuMemAllocPitch(maxPitch, 1, 4)]) {
    const [e, big] = alloc();
    expect(e).toBe(cu.CUDA_SUCCESS);
    // Enqueued before WebGPU answered: dropped, alone; the work around it happens.
    expect(cu.cuMemsetD8Async(big, 7, 4096, s)).toBe(cu.CUDA_SUCCESS);
    expect(cu.cuMemsetD8Async(ok, 2, 100, s)).toBe(cu.CUDA_SUCCESS);
    expect(cu.cuMemcpyDtoDAsync(big, ok, 4096, null)).toBe(cu.CUDA_SUCCESS);
    expect(cu.cuMemcpyDtoDAsync(ok + 200, ok, 10, s)).toBe(cu.CUDA_SUCCESS);
    // A synchronous call waits for the answer and reports it.
    expect(await cu.cuMemcpyDtoH(new Uint8Array(4), big, 4)).toBe(cu.CUDA_ERROR_OUT_OF_MEMORY);
    expect(await cu.cuMemsetD8(big + 10, 1, 4)).toBe(cu.CUDA_ERROR_OUT_OF_MEMORY);
    // From then on every use reports it.
    expect(cu.cuMemsetD8Async(big, 7, 16, s)).toBe(cu.CUDA_ERROR_OUT_OF_MEMORY);
    expect(cu.cuMemcpyHtoDAsync(big, new Uint8Array(4), 4, s)).toBe(cu.CUDA_ERROR_OUT_OF_MEMORY);
    expect(cu.cuMemcpyDtoDAsync(ok, big, 4, s)).toBe(cu.CUDA_ERROR_OUT_OF_MEMORY);
    // In a batch, after a valid entry; an invalid entry anywhere in the batch wins.
    const batch = (dsts: number[], srcs: number[]) => cu.cuMemcpyBatchAsync(dsts, srcs, [4, 4], 2, [{ srcAccessOrder: cu.CU_MEMCPY_SRC_ACCESS_ORDER_STREAM }], [0], 1, s);
    expect(batch([ok + 300, big], [ok, ok])).toBe(cu.CUDA_ERROR_OUT_OF_MEMORY);
    expect(batch([ok + 300, ok + 400], [ok, big + 8])).toBe(cu.CUDA_ERROR_OUT_OF_MEMORY);
    expect(batch([big, ok + 4094], [ok, ok])).toBe(cu.CUDA_ERROR_INVALID_VALUE);
    expect(batch([ok + 300, big], [ok + 4093, ok])).toBe(cu.CUDA_ERROR_INVALID_VALUE);
    expect(cu.cuMemGetHandleForAddressRange(big, 4, cu.CU_MEM_RANGE_HANDLE_TYPE_WEBGPU_BUFFER, 0)[0]).toBe(cu.CUDA_ERROR_OUT_OF_MEMORY);
    // Its memory is not counted; it is still an allocation until freed.
    expect(cu.cuMemGetInfo()[1]).toBeGreaterThan(free0 - maxPitch / 2);
    expect(cu.cuMemGetAddressRange(big + 5)[1]).toBe(big);
    expect(cu.cuMemFree(big)).toBe(cu.CUDA_SUCCESS);
    expect(await cu.cuStreamSynchronize(s)).toBe(cu.CUDA_SUCCESS);
    expect(await cu.cuCtxSynchronize()).toBe(cu.CUDA_SUCCESS);
    const want = new Uint8Array(4096).fill(1);
    want.fill(2, 0, 100);
    want.fill(2, 200, 210);
    expect(Array.from(await readDevice(ok, 4096))).toEqual(Array.from(want));
    expect(await cu.cuMemsetD8(ok, 1, 4096)).toBe(cu.CUDA_SUCCESS);
  }
  // New allocations work as before.
  const [e2, p2] = cu.cuMemAlloc(1 << 20);
  expect(e2).toBe(cu.CUDA_SUCCESS);
  expect(await cu.cuMemsetD32(p2, 0x01020304, 1 << 18)).toBe(cu.CUDA_SUCCESS);
  expect(Array.from(await readDevice(p2 + (1 << 20) - 4, 4))).toEqual([4, 3, 2, 1]);
  expect(cu.cuMemFree(p2)).toBe(cu.CUDA_SUCCESS);
  expect(cu.cuMemFree(ok)).toBe(cu.CUDA_SUCCESS);
});
