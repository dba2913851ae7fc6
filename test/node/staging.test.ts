// Host copies larger than the staging ring: they go through it in chunks, in order, and nothing is lost
// when async copies queue up behind a full ring.

import { expect, test } from 'vitest';
import { state } from '../../src/core/state.ts';
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

test('snapshots of pageable sources reuse their memory only once staged', async () => {
  await startWebcu({ stagingBytes: 2 * 2 ** 20 });
  const MiB = 2 ** 20;
  const r = rng(7);
  const n = 36 * MiB;
  const [, p] = cu.cuMemAlloc(n);
  const [, s] = cu.cuStreamCreate(0);
  const want = new Uint8Array(n);
  const src = new Uint8Array(MiB / 2 + 1);
  // Rounds of back-to-back uploads of mixed sizes behind a full ring: most are snapshots, several to a
  // slab, and each round reuses the slabs of the last. The source changes after every call.
  for (let round = 0, at = 0; round < 3; round++) {
    for (let i = 0; i < 24; i++) {
      const size = 1 + r.int(MiB / 2);
      src.set(r.bytes(size));
      want.set(src.subarray(0, size), at);
      expect(cu.cuMemcpyHtoDAsync(p + at, src, size, s)).toBe(cu.CUDA_SUCCESS);
      src.fill(round + 1);
      at += size;
    }
    expect(await cu.cuStreamSynchronize(s)).toBe(cu.CUDA_SUCCESS);
    expect(firstDiff(await readDevice(p, at), want.subarray(0, at))).toBe(-1);
  }
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

test('a batch of many times the ring size goes through it in several ops, in order, and stays exact', async () => {
  await startWebcu({ stagingBytes: 2 * 2 ** 20 });
  const MiB = 2 ** 20;
  const r = rng(100);
  const n = 12 * MiB;
  const [, p] = cu.cuMemAlloc(n);
  const [, q] = cu.cuMemAlloc(n);
  const mq = r.bytes(n);
  expect(await cu.cuMemcpyHtoD(q, mq, n)).toBe(cu.CUDA_SUCCESS);
  const [, s] = cu.cuStreamCreate(0);
  const src = r.bytes(8 * MiB);
  const keep = src.slice();
  const pinned = cu.cuMemAllocHost(MiB)[1]!;
  pinned.set(r.bytes(MiB));
  const out = new Uint8Array(6 * MiB + 300 * 7);
  const dsts: (number | Uint8Array)[] = [p + 1, p + 3 * MiB + 5, out.subarray(3), out.subarray(5 * MiB)];
  const srcs: (number | Uint8Array)[] = [src.subarray(2), src.subarray(5 * MiB), q + 9, q + 7 * MiB];
  const sizes = [3 * MiB, 3 * MiB, 5 * MiB - 3, MiB];
  // Small entries between them: uploads from pinned memory, readbacks 7 bytes apart.
  for (let i = 0; i < 300; i++) {
    dsts.push(p + 7 * MiB + i * 101, out.subarray(6 * MiB + i * 7));
    srcs.push(pinned.subarray(i * 999), q + 11 * MiB + i * 13);
    sizes.push(100, 7);
  }
  const order = [{ srcAccessOrder: cu.CU_MEMCPY_SRC_ACCESS_ORDER_STREAM }];
  expect(cu.cuMemcpyBatchAsync(dsts, srcs, sizes, dsts.length, order, [0], 1, s)).toBe(cu.CUDA_SUCCESS);
  // Pageable sources may be reused at once; the next copy on the stream reads what the batch wrote.
  src.fill(0);
  const after = new Uint8Array(100);
  expect(cu.cuMemcpyDtoHAsync(after, p + 7 * MiB + 299 * 101, 100, s)).toBe(cu.CUDA_SUCCESS);
  expect(await cu.cuStreamSynchronize(s)).toBe(cu.CUDA_SUCCESS);
  const mp = new Uint8Array(n);
  mp.set(keep.subarray(2, 2 + 3 * MiB), 1);
  mp.set(keep.subarray(5 * MiB, 8 * MiB), 3 * MiB + 5);
  const mout = new Uint8Array(out.length);
  mout.set(mq.subarray(9, 9 + 5 * MiB - 3), 3);
  mout.set(mq.subarray(7 * MiB, 8 * MiB), 5 * MiB);
  for (let i = 0; i < 300; i++) {
    mp.set(pinned.subarray(i * 999, i * 999 + 100), 7 * MiB + i * 101);
    mout.set(mq.subarray(11 * MiB + i * 13, 11 * MiB + i * 13 + 7), 6 * MiB + i * 7);
  }
  const got = await readDevice(p, n);
  // Only the written ranges are compared on the device (the rest was never set).
  for (const [lo, hi] of [[1, 1 + 3 * MiB], [3 * MiB + 5, 6 * MiB + 5], [7 * MiB, 7 * MiB + 300 * 101]]) {
    expect(firstDiff(got.subarray(lo, hi), mp.subarray(lo, hi))).toBe(-1);
  }
  expect(firstDiff(out, mout)).toBe(-1);
  expect(Array.from(after)).toEqual(Array.from(pinned.subarray(299 * 999, 299 * 999 + 100)));
  expect(cu.cuMemFreeHost(pinned)).toBe(cu.CUDA_SUCCESS);
  expect(cu.cuMemFree(p)).toBe(cu.CUDA_SUCCESS);
  expect(cu.cuMemFree(q)).toBe(cu.CUDA_SUCCESS);
});

test('readbacks back to back share submissions: each takes another readback buffer, not a submission of its own', async () => {
  await startWebcu({ stagingBytes: 2 * 2 ** 20 });
  const KiB = 1024;
  const dev = state.devices[0];
  const queue = dev.rec.device.queue;
  // Readback buffers of 64 KiB, so that several fit the 512 KiB a submission takes of this 2 MiB ring.
  const min = dev.rec.staging.readbackMin;
  dev.rec.staging.readbackMin = 64 * KiB;
  const submit = queue.submit;
  let submits = 0;
  queue.submit = (cmds) => (submits++, submit.call(queue, cmds));
  try {
    const r = rng(5);
    const n = 4 * 2 ** 20;
    const [, p] = cu.cuMemAlloc(n);
    const want = r.bytes(n);
    expect(await cu.cuMemcpyHtoD(p, want, n)).toBe(cu.CUDA_SUCCESS);
    const [, s] = cu.cuStreamCreate(0);
    // 64 readbacks of 64 KiB from one task, twice the ring: half queue behind it. Every third is odd-sized
    // and odd-placed, so buffers fill unevenly; canaries around each destination.
    const out = new Uint8Array(n + 64 * 16).fill(0xa5);
    const model = out.slice();
    submits = 0;
    for (let i = 0, at = 0; i < 64; i++) {
      const size = i % 3 ? 64 * KiB : 64 * KiB - 1 - i;
      const from = i * 64 * KiB + (i % 3 ? 0 : i);
      expect(cu.cuMemcpyDtoHAsync(out.subarray(at + 8, at + 8 + size), p + from, size, s)).toBe(cu.CUDA_SUCCESS);
      model.set(want.subarray(from, from + size), at + 8);
      at += 64 * KiB + 16;
    }
    expect(await cu.cuStreamSynchronize(s)).toBe(cu.CUDA_SUCCESS);
    expect(firstDiff(out, model)).toBe(-1);
    // 4 MiB in submissions of 512 KiB of readback buffers: 8 and a few more where the ring's room ends one.
    expect(submits).toBeGreaterThanOrEqual(8);
    expect(submits).toBeLessThanOrEqual(16);
    expect(cu.cuMemFree(p)).toBe(cu.CUDA_SUCCESS);
  } finally {
    queue.submit = submit;
    dev.rec.staging.readbackMin = min;
  }
});
