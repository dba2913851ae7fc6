// Hostile arguments on Node's WebGPU: the type-confusion sweep (test/shared/hostile.ts), the CUDA error
// codes that hostile handles get, and a batch that a throwing getter stops before anything is enqueued.

import { expect, test } from 'vitest';
import { stillWorks, sweep } from '../shared/hostile.ts';
import { cu, readDevice, startWebcu } from '../shared/webcu.ts';

const OK = cu.CUDA_SUCCESS;
const INVALID = cu.CUDA_ERROR_INVALID_VALUE;

test('no exported function throws, rejects or hangs on hostile arguments, and the library still works after', async () => {
  await startWebcu();
  const t0 = performance.now();
  const { calls, functions, failures } = await sweep();
  console.log(`hostile sweep (Node): ${calls} calls over ${functions} functions in ${Math.round(performance.now() - t0)} ms`);
  expect(failures).toEqual([]);
  expect(functions).toBeGreaterThan(60);
  expect(calls).toBeGreaterThan(3000);
  await stillWorks();
});

test('hostile handles get the codes CUDA gives for bad handles', async () => {
  await startWebcu();
  const { proxy: revoked, revoke } = Proxy.revocable({}, {});
  revoke();
  const detached = new Uint8Array(8);
  structuredClone(detached.buffer, { transfer: [detached.buffer] });
  const [, ctx] = cu.cuCtxGetCurrent();
  const [, s] = cu.cuStreamCreate(0);
  const [, ev] = cu.cuEventCreate(0);
  const [, p] = cu.cuMemAlloc(16);
  const h = revoked as never;
  expect(cu.cuStreamQuery(h)).toBe(cu.CUDA_ERROR_INVALID_HANDLE);
  expect(cu.cuStreamDestroy(h)).toBe(cu.CUDA_ERROR_INVALID_HANDLE);
  expect(await cu.cuStreamSynchronize(h)).toBe(cu.CUDA_ERROR_INVALID_HANDLE);
  expect(cu.cuMemsetD8Async(p, 1, 16, h)).toBe(cu.CUDA_ERROR_INVALID_HANDLE);
  expect(cu.cuEventQuery(h)).toBe(cu.CUDA_ERROR_INVALID_HANDLE);
  expect(cu.cuEventRecord(h, null)).toBe(cu.CUDA_ERROR_INVALID_HANDLE);
  expect(cu.cuEventRecord(ev!, h)).toBe(cu.CUDA_ERROR_INVALID_HANDLE);
  expect(cu.cuCtxSetCurrent(h)).toBe(cu.CUDA_ERROR_INVALID_CONTEXT);
  expect(cu.cuCtxPushCurrent(h)).toBe(cu.CUDA_ERROR_INVALID_CONTEXT);
  expect(cu.cuCtxDestroy(h)).toBe(cu.CUDA_ERROR_INVALID_CONTEXT);
  expect(cu.cuDeviceGet(h)[0]).toBe(cu.CUDA_ERROR_INVALID_DEVICE);
  // A Proxy of a real handle is no handle: it could lie about every field.
  expect(cu.cuStreamQuery(new Proxy(s!, {}))).toBe(cu.CUDA_ERROR_INVALID_HANDLE);
  expect(cu.cuEventQuery(new Proxy(ev!, {}))).toBe(cu.CUDA_ERROR_INVALID_HANDLE);
  expect(cu.cuCtxPushCurrent(new Proxy(ctx!, {}))).toBe(cu.CUDA_ERROR_INVALID_CONTEXT);
  // Not a number: no CUresult, whatever its toString does.
  expect(cu.cuGetErrorName(detached as never)).toEqual([INVALID, null]);
  expect(cu.cuGetErrorString({ toString: () => '0' } as never)).toEqual([INVALID, null]);
  expect(cu.cuGetErrorName('0' as never)).toEqual([INVALID, null]);
  expect(cu.cuStreamQuery(s)).toBe(OK);
  expect(cu.cuCtxGetCurrent()[1]).toBe(ctx);
  expect(cu.cuMemFree(p)).toBe(OK);
});

test('a throwing getter in a decompression batch leaves nothing enqueued', async () => {
  await startWebcu();
  const [, src] = cu.cuMemAlloc(256);
  const [, dst] = cu.cuMemAlloc(256);
  const [, act] = cu.cuMemAlloc(4);
  expect(await cu.cuMemsetD8(src, 0, 256)).toBe(OK);
  expect(await cu.cuMemsetD8(dst, 0xee, 256)).toBe(OK);
  expect(await cu.cuMemsetD8(act, 0xee, 4)).toBe(OK);
  // Entry 0 is valid (a stored Deflate block of 5 bytes), entry 1 throws when its algorithm is read.
  expect(await cu.cuMemcpyHtoD(src, new Uint8Array([1, 5, 0, 0xfa, 0xff, 1, 2, 3, 4, 5]), 10)).toBe(OK);
  const good = { src, srcNumBytes: 10, dst, dstNumBytes: 256, dstActBytes: act, algo: cu.CU_MEM_DECOMPRESS_ALGORITHM_DEFLATE };
  const bad = {
    ...good,
    get algo(): number {
      throw new Error('hostile getter');
    },
  };
  expect(cu.cuMemBatchDecompressAsync([good, bad], 2, 0, null)).toEqual([INVALID, cu.SIZE_MAX]);
  expect(await cu.cuCtxSynchronize()).toBe(OK);
  expect(Array.from(await readDevice(dst, 8))).toEqual(new Array(8).fill(0xee));
  expect(Array.from(await readDevice(act, 4))).toEqual([0xee, 0xee, 0xee, 0xee]);
  // The same valid entry alone decodes, so the test would see an enqueued batch.
  expect(cu.cuMemBatchDecompressAsync([good], 1, 0, null)).toEqual([OK, 0]);
  expect(await cu.cuCtxSynchronize()).toBe(OK);
  expect(Array.from(await readDevice(dst, 6))).toEqual([1, 2, 3, 4, 5, 0xee]);
  expect(Array.from(await readDevice(act, 4))).toEqual([5, 0, 0, 0]);
});
