// Buffers larger than one storage binding: with webcu limited to 8 MiB bindings, 20+ MiB allocations get
// dedicated buffers that every kernel must reach through windows (copies split across windows, copies
// within one buffer whose ends are further apart than a binding, fills, 2D fills, decompression far into
// a buffer). Everything is checked against a CPU model.

import { expect, test } from 'vitest';
import { lz4 } from '../shared/encoders.ts';
import { cu, firstDiff, readDevice, rng, startWebcu } from '../shared/webcu.ts';

const MiB = 2 ** 20;
const OK = cu.CUDA_SUCCESS;

test('copies, fills and decompression through binding windows match the model', async () => {
  await startWebcu({ maxStorageBinding: 8 * MiB });
  const r = rng(77);
  const n = 20 * MiB + 13;
  const [ea, a] = cu.cuMemAlloc(n);
  const [eb, b] = cu.cuMemAlloc(n);
  expect([ea, eb]).toEqual([OK, OK]);
  const ma = r.bytes(n);
  const mb = r.bytes(n);
  expect(await cu.cuMemcpyHtoD(a, ma, n)).toBe(OK);
  expect(await cu.cuMemcpyHtoD(b + 1, mb.subarray(1), n - 1)).toBe(OK);
  expect(await cu.cuMemcpyHtoD(b, mb, 1)).toBe(OK);

  // Across buffers, unaligned, spanning several windows.
  expect(await cu.cuMemcpyDtoD(b + 3, a + 1, 18 * MiB)).toBe(OK);
  mb.set(ma.subarray(1, 1 + 18 * MiB), 3);
  // Within one buffer, ends 19 MiB apart: more than a binding holds.
  expect(await cu.cuMemcpyDtoD(a + 19 * MiB, a + 5, MiB - 7)).toBe(OK);
  ma.copyWithin(19 * MiB, 5, 5 + MiB - 7);
  // A fill over the whole buffer but its first and last bytes.
  expect(await cu.cuMemsetD16(b + 2, 0x1234, (n - 5) >> 1)).toBe(OK);
  for (let i = 2; i < 2 + ((n - 5) >> 1) * 2; i += 2) {
    mb[i] = 0x34;
    mb[i + 1] = 0x12;
  }
  // A 2D fill whose rows sit in different windows.
  const pitch = 3 * MiB + 4;
  expect(await cu.cuMemsetD2D32(a + 4, pitch, 0xa1b2c3d4, 300, 6)).toBe(OK);
  for (let y = 0; y < 6; y++) for (let x = 0; x < 1200; x++) ma[4 + y * pitch + x] = [0xd4, 0xc3, 0xb2, 0xa1][x % 4];

  // Decompression reading and writing far into the big buffers.
  const data = new TextEncoder().encode('window '.repeat(3000));
  const comp = lz4(data);
  expect(await cu.cuMemcpyHtoD(a + 17 * MiB + 1, comp, comp.length)).toBe(OK);
  ma.set(comp, 17 * MiB + 1);
  const [e, idx] = cu.cuMemBatchDecompressAsync(
    [{ src: a + 17 * MiB + 1, srcNumBytes: comp.length, dst: b + 16 * MiB + 3, dstNumBytes: data.length, dstActBytes: b + 12 * MiB + 1, algo: cu.CU_MEM_DECOMPRESS_ALGORITHM_LZ4 }],
    1,
    0,
    null,
  );
  expect([e, idx]).toEqual([OK, 0]);
  mb.set(data, 16 * MiB + 3);
  new DataView(mb.buffer).setUint32(12 * MiB + 1, data.length, true);

  expect(firstDiff(await readDevice(a, n), ma)).toBe(-1);
  expect(firstDiff(await readDevice(b, n), mb)).toBe(-1);
  expect(cu.cuMemFree(a)).toBe(OK);
  expect(cu.cuMemFree(b)).toBe(OK);
});

test('operations with dstNumBytes 0 (4 MiB each) whose capacities exceed one binding', async () => {
  await startWebcu({ maxStorageBinding: 8 * MiB });
  // dstNumBytes 0: each operation may write up to the end of its allocation, capped at 4 MiB.
  const data = new TextEncoder().encode('parts '.repeat(5000));
  const comp = lz4(data);
  const n = 6;
  const [, src] = cu.cuMemAlloc(comp.length);
  const [, meta] = cu.cuMemAlloc(8 * n);
  expect(await cu.cuMemcpyHtoD(src, comp, comp.length)).toBe(OK);
  const dsts = Array.from({ length: n }, () => cu.cuMemAlloc(5 * MiB)[1]);
  const params = dsts.map((dst, i) => ({ src, srcNumBytes: comp.length, dst: dst + 1, dstNumBytes: 0, dstActBytes: meta + 8 * i, status: meta + 8 * i + 4, algo: cu.CU_MEM_DECOMPRESS_ALGORITHM_LZ4 }));
  expect(cu.cuMemBatchDecompressAsync(params, n, 0, null)).toEqual([OK, 0]);
  expect(await cu.cuCtxSynchronize()).toBe(OK);
  const m = new DataView((await readDevice(meta, 8 * n)).buffer);
  for (let i = 0; i < n; i++) {
    expect([m.getUint32(8 * i, true), m.getUint32(8 * i + 4, true)]).toEqual([data.length, 0]);
    expect(firstDiff(await readDevice(dsts[i] + 1, data.length), data)).toBe(-1);
    expect(cu.cuMemFree(dsts[i])).toBe(OK);
  }
  expect(cu.cuMemFree(src)).toBe(OK);
  expect(cu.cuMemFree(meta)).toBe(OK);
});
