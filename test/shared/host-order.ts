// Issue 7's repros: page-locked host memory in stream order. Each sequence runs on one stream with no
// host synchronisation inside it, for pinned and for registered memory; each must end as CUDA's would.

import { expect } from 'vitest';
import { cu, firstDiff } from './webcu.ts';

export async function runHostOrder(): Promise<void> {
  const n = 4096 + 3;
  const [, s] = cu.cuStreamCreate(0);
  const [, d1] = cu.cuMemAlloc(n);
  const [, d2] = cu.cuMemAlloc(n);
  const a = new Uint8Array(n).map((_, i) => (i * 7 + 1) & 0xff);
  expect(await cu.cuMemcpyHtoD(d1, a, n)).toBe(cu.CUDA_SUCCESS);
  expect(await cu.cuMemsetD8(d2, 0, n)).toBe(cu.CUDA_SUCCESS);
  const kinds: [string, () => Uint8Array, (v: Uint8Array) => void][] = [
    ['pinned', () => cu.cuMemAllocHost(n)[1]!, (v) => expect(cu.cuMemFreeHost(v)).toBe(cu.CUDA_SUCCESS)],
    [
      'registered',
      () => {
        const v = new Uint8Array(n + 5).subarray(5);
        expect(cu.cuMemHostRegister(v, n, 0)).toBe(cu.CUDA_SUCCESS);
        return v;
      },
      (v) => expect(cu.cuMemHostUnregister(v)).toBe(cu.CUDA_SUCCESS),
    ],
  ];
  const read = async (d: number) => {
    const out = new Uint8Array(n);
    expect(await cu.cuMemcpyDtoH(out, d, n)).toBe(cu.CUDA_SUCCESS);
    return out;
  };
  for (const [kind, make, drop] of kinds) {
    const p = make();
    const q = make();
    // A readback, then an upload of what it read.
    expect(cu.cuMemcpyDtoHAsync(p, d1, n, s)).toBe(cu.CUDA_SUCCESS);
    expect(cu.cuMemcpyHtoDAsync(d2, p, n, s)).toBe(cu.CUDA_SUCCESS);
    expect(await cu.cuStreamSynchronize(s)).toBe(cu.CUDA_SUCCESS);
    expect(firstDiff(await read(d2), a), `${kind}: DtoH then HtoD`).toBe(-1);
    // A host memset, then a readback over it.
    expect(cu.cuMemsetD8Async(p, 0x77, n, s)).toBe(cu.CUDA_SUCCESS);
    expect(cu.cuMemcpyDtoHAsync(p, d1, n, s)).toBe(cu.CUDA_SUCCESS);
    expect(await cu.cuStreamSynchronize(s)).toBe(cu.CUDA_SUCCESS);
    expect(firstDiff(p, a), `${kind}: memset then DtoH`).toBe(-1);
    // A host memset, then an upload of the set bytes.
    expect(cu.cuMemsetD8Async(p, 0x33, n, s)).toBe(cu.CUDA_SUCCESS);
    expect(cu.cuMemcpyHtoDAsync(d2, p, n, s)).toBe(cu.CUDA_SUCCESS);
    expect(await cu.cuStreamSynchronize(s)).toBe(cu.CUDA_SUCCESS);
    expect(firstDiff(await read(d2), new Uint8Array(n).fill(0x33)), `${kind}: memset then HtoD`).toBe(-1);
    // A readback, then a host-to-host copy of what it read.
    expect(cu.cuMemcpyDtoHAsync(p, d1, n, s)).toBe(cu.CUDA_SUCCESS);
    expect(cu.cuMemcpyAsync(q, p, n, s)).toBe(cu.CUDA_SUCCESS);
    expect(await cu.cuStreamSynchronize(s)).toBe(cu.CUDA_SUCCESS);
    expect(firstDiff(q, a), `${kind}: DtoH then host-to-host`).toBe(-1);
    drop(p);
    drop(q);
  }
  // SharedArrayBuffer views in every direction (where the platform has them).
  if (typeof SharedArrayBuffer === 'function') {
    const h = new Uint8Array(new SharedArrayBuffer(n + 1)).subarray(1);
    h.set(a);
    expect(await cu.cuMemcpyHtoD(d2, h, n)).toBe(cu.CUDA_SUCCESS);
    expect(cu.cuMemcpyHtoDAsync(d2 + 1, h, n - 1, s)).toBe(cu.CUDA_SUCCESS);
    const out = new Uint8Array(new SharedArrayBuffer(n));
    expect(cu.cuMemcpyDtoHAsync(out, d2, n, s)).toBe(cu.CUDA_SUCCESS);
    const h2 = new Uint8Array(new SharedArrayBuffer(n));
    expect(cu.cuMemcpyAsync(h2, out, n, s)).toBe(cu.CUDA_SUCCESS);
    expect(await cu.cuStreamSynchronize(s)).toBe(cu.CUDA_SUCCESS);
    const want = new Uint8Array(n);
    want[0] = a[0];
    want.set(a.subarray(0, n - 1), 1);
    expect(firstDiff(out, want)).toBe(-1);
    expect(firstDiff(h2, want)).toBe(-1);
  }
  expect(cu.cuMemFree(d1)).toBe(cu.CUDA_SUCCESS);
  expect(cu.cuMemFree(d2)).toBe(cu.CUDA_SUCCESS);
  expect(cu.cuStreamDestroy(s!)).toBe(cu.CUDA_SUCCESS);
}
