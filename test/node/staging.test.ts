// Host copies larger than the staging ring: they go through it in chunks, in order, and nothing is lost
// when async copies queue up behind a full ring.

import { expect, test } from 'vitest';
import { cu, firstDiff, readDevice, rng, startWebcu } from '../shared/webcu.ts';

test('copies of many times the ring size stay ordered and exact', async () => {
  await startWebcu({ stagingBytes: 2 * 2 ** 20 });
  const n = 9 * 2 ** 20 + 13;
  const r = rng(99);
  const a = r.bytes(n);
  const b = r.bytes(n);
  const [, p] = cu.cuMemAlloc(n + 7);
  const [, s] = cu.cuStreamCreate(0);
  // Async uploads from pageable memory queue behind the full ring; their sources are reused at once.
  const src = a.slice();
  expect(cu.cuMemcpyHtoDAsync(p + 7, src, n, s)).toBe(cu.CUDA_SUCCESS);
  src.set(b);
  expect(cu.cuMemcpyHtoDAsync(p + 3, src.subarray(0, 4), 4, s)).toBe(cu.CUDA_SUCCESS);
  src.fill(0);
  const out = new Uint8Array(n);
  expect(cu.cuMemcpyDtoHAsync(out, p + 7, n, s)).toBe(cu.CUDA_SUCCESS);
  expect(cu.cuStreamQuery(s)).toBe(cu.CUDA_ERROR_NOT_READY);
  expect(await cu.cuStreamSynchronize(s)).toBe(cu.CUDA_SUCCESS);
  expect(cu.cuStreamQuery(s)).toBe(cu.CUDA_SUCCESS);
  expect(firstDiff(out, a)).toBe(-1);
  expect(await readDevice(p + 3, 4)).toEqual(b.subarray(0, 4));
  expect(cu.cuMemFree(p)).toBe(cu.CUDA_SUCCESS);
});

test('host memory backed by a SharedArrayBuffer is a host pointer too', async () => {
  await startWebcu({ stagingBytes: 2 * 2 ** 20 });
  const [, p] = cu.cuMemAlloc(64);
  const h = new Uint8Array(new SharedArrayBuffer(64)).map((_, i) => i);
  expect(await cu.cuMemcpyHtoD(p, h, 64)).toBe(cu.CUDA_SUCCESS);
  expect(await cu.cuMemcpyHtoD(p + 1, h.subarray(3), 7)).toBe(cu.CUDA_SUCCESS);
  const out = new Uint8Array(new SharedArrayBuffer(80));
  expect(await cu.cuMemcpyDtoH(out.subarray(8), p, 64)).toBe(cu.CUDA_SUCCESS);
  const want = new Uint8Array(80);
  want.set(h, 8);
  want.set(h.subarray(3, 10), 9);
  expect(firstDiff(out, want)).toBe(-1);
  expect(cu.cuMemFree(p)).toBe(cu.CUDA_SUCCESS);
});

test('a destination detached before its copy lands does not stall later work', async () => {
  await startWebcu({ stagingBytes: 2 * 2 ** 20 });
  const [, p] = cu.cuMemAlloc(64);
  expect(await cu.cuMemsetD8(p, 9, 64)).toBe(cu.CUDA_SUCCESS);
  const out = new Uint8Array(64);
  expect(cu.cuMemcpyDtoHAsync(out, p, 64, null)).toBe(cu.CUDA_SUCCESS);
  structuredClone(out.buffer, { transfer: [out.buffer] });
  expect(await cu.cuCtxSynchronize()).toBe(cu.CUDA_SUCCESS);
  // Detached memory is no host pointer any more; later copies still complete.
  expect(await cu.cuMemcpyDtoH(out, p, 4)).toBe(cu.CUDA_ERROR_INVALID_VALUE);
  const again = new Uint8Array(4);
  expect(await cu.cuMemcpyDtoH(again, p, 4)).toBe(cu.CUDA_SUCCESS);
  expect(Array.from(again)).toEqual([9, 9, 9, 9]);
  expect(cu.cuMemFree(p)).toBe(cu.CUDA_SUCCESS);
});
