// cuMemcpy2D/3D at the extremes and with bad input: one dispatch for a million rows, rows at every phase of
// a 16-byte chunk, host copies larger than a staging chunk, copies inside one allocation, every error the
// reference text gives, and the destination untouched whenever a call fails.

import { expect, test } from 'vitest';
import { state } from '../../src/core/state.ts';
import { cu, firstDiff, readDevice, rng, startWebcu } from '../shared/webcu.ts';

const { CU_MEMORYTYPE_DEVICE: DEVICE, CU_MEMORYTYPE_HOST: HOST, CU_MEMORYTYPE_UNIFIED: UNIFIED, CU_MEMORYTYPE_ARRAY: ARRAY } = cu;

async function filled(n: number, seed: number): Promise<[number, Uint8Array]> {
  const [e, p] = cu.cuMemAlloc(n);
  expect(e).toBe(cu.CUDA_SUCCESS);
  const data = rng(seed).bytes(n);
  expect(await cu.cuMemcpyHtoD(p, data, n)).toBe(cu.CUDA_SUCCESS);
  return [p, data];
}

test('width 1 × 1,000,000 rows between pitched device memory is one dispatch', async () => {
  await startWebcu();
  const rows = 1_000_000;
  const [src, s] = await filled(rows * 3, 1);
  const [dst, t] = await filled(rows * 5 + 2, 2);
  expect(await cu.cuCtxSynchronize()).toBe(cu.CUDA_SUCCESS);
  const rec = state.devices[0].rec;
  const before = rec.dispatches;
  const p = { srcMemoryType: DEVICE, srcDevice: src, srcXInBytes: 1, srcPitch: 3, dstMemoryType: DEVICE, dstDevice: dst, dstXInBytes: 2, dstPitch: 5, WidthInBytes: 1, Height: rows };
  expect(await cu.cuMemcpy2D(p)).toBe(cu.CUDA_SUCCESS);
  expect(rec.dispatches - before).toBe(1);
  for (let y = 0; y < rows; y++) t[2 + y * 5] = s[1 + y * 3];
  expect(firstDiff(await readDevice(dst, rows * 5 + 2), t)).toBe(-1);
  cu.cuMemFree(src);
  cu.cuMemFree(dst);
});

test('height 1, depth 1, pitch == width, inside one allocation, and 3D slices', async () => {
  await startWebcu();
  const n = 1 << 16;
  const [a, m] = await filled(n, 3);
  // One row, no pitch given: a plain copy inside one allocation.
  expect(await cu.cuMemcpy2D({ srcMemoryType: DEVICE, srcDevice: a, dstMemoryType: UNIFIED, dstDevice: a + 40000, WidthInBytes: 1000, Height: 1 })).toBe(cu.CUDA_SUCCESS);
  m.copyWithin(40000, 0, 1000);
  // pitch == width: contiguous rows.
  expect(await cu.cuMemcpy2D({ srcMemoryType: DEVICE, srcDevice: a + 3, srcPitch: 64, dstMemoryType: DEVICE, dstDevice: a + 20001, dstPitch: 64, WidthInBytes: 64, Height: 100 })).toBe(cu.CUDA_SUCCESS);
  m.copyWithin(20001, 3, 3 + 6400);
  // 3D: 4 slices of 5 rows of 33 bytes, offsets in every dimension.
  const p3 = {
    srcMemoryType: DEVICE, srcDevice: a, srcXInBytes: 7, srcY: 1, srcZ: 1, srcPitch: 50, srcHeight: 7,
    dstMemoryType: DEVICE, dstDevice: a + 50000, dstXInBytes: 3, dstY: 2, dstZ: 0, dstPitch: 40, dstHeight: 8,
    WidthInBytes: 33, Height: 5, Depth: 4,
  };
  expect(await cu.cuMemcpy3D(p3)).toBe(cu.CUDA_SUCCESS);
  const src = m.slice();
  for (let z = 0; z < 4; z++) {
    for (let y = 0; y < 5; y++) {
      const s = (1 + z) * 350 + (1 + y) * 50 + 7;
      const d = 50000 + z * 320 + (2 + y) * 40 + 3;
      m.set(src.subarray(s, s + 33), d);
    }
  }
  expect(firstDiff(await readDevice(a, n), m)).toBe(-1);
  cu.cuMemFree(a);
});

test('host ↔ device 2D copies larger than a staging chunk, pinned and pageable, with host pitches', async () => {
  await startWebcu();
  const w = 5000;
  const h = 5000;
  const [dev, pitch] = cu.cuMemAllocPitch(w + 3, h, 4).slice(1) as [number, number];
  const host = rng(5).bytes((w + 11) * h);
  const [, pinned] = cu.cuMemAllocHost((w + 11) * h);
  pinned!.set(host);
  for (const [src, async] of [[host, false], [pinned!, true]] as const) {
    const p = { srcMemoryType: HOST, srcHost: src, srcXInBytes: 5, srcPitch: w + 11, dstMemoryType: DEVICE, dstDevice: dev, dstXInBytes: 3, dstPitch: pitch, WidthInBytes: w, Height: h };
    expect(async ? cu.cuMemcpy2DAsync(p, null) : await cu.cuMemcpy2D(p)).toBe(cu.CUDA_SUCCESS);
    const back = new Uint8Array((w + 7) * h).fill(0xee);
    const q = { srcMemoryType: UNIFIED, srcDevice: dev, srcXInBytes: 3, srcPitch: pitch, dstMemoryType: UNIFIED, dstDevice: back, dstXInBytes: 7, dstPitch: w + 7, WidthInBytes: w, Height: h };
    expect(await cu.cuMemcpy2D(q)).toBe(cu.CUDA_SUCCESS);
    for (let y = 0; y < h; y++) {
      const row = back.subarray(y * (w + 7), (y + 1) * (w + 7));
      const i = firstDiff(row.subarray(7), host.subarray(y * (w + 11) + 5, y * (w + 11) + 5 + w));
      if (i >= 0) throw new Error(`row ${y} differs at ${i}`);
      // The 7 bytes before each row were not to be written.
      if (row.subarray(0, 7).some((v) => v !== 0xee)) throw new Error(`row ${y}: a byte before it changed`);
    }
  }
  // One row longer than a staging chunk (16 MiB with the default 64 MiB ring).
  const big = 17 * 2 ** 20 + 5;
  const [d2] = (await filled(big + 16, 6)).slice(0, 1) as [number];
  const row = rng(7).bytes(big);
  expect(await cu.cuMemcpy2D({ srcMemoryType: HOST, srcHost: row, dstMemoryType: DEVICE, dstDevice: d2, dstXInBytes: 9, WidthInBytes: big, Height: 1 })).toBe(cu.CUDA_SUCCESS);
  expect(firstDiff((await readDevice(d2, big + 16)).subarray(9, 9 + big), row)).toBe(-1);
  cu.cuMemFree(dev);
  cu.cuMemFree(d2);
  cu.cuMemFreeHost(pinned!);
});

test('bad CUDA_MEMCPY2D/3D input returns the reference text\'s codes and touches nothing', async () => {
  await startWebcu();
  const [a] = await filled(4096, 8);
  const [b, bm] = await filled(4096, 9);
  const host = new Uint8Array(4096).fill(3);
  const ok = { srcMemoryType: DEVICE, srcDevice: a, srcPitch: 64, dstMemoryType: DEVICE, dstDevice: b, dstPitch: 64, WidthInBytes: 32, Height: 8 };
  expect(await cu.cuMemcpy2D(ok)).toBe(cu.CUDA_SUCCESS);
  const m = await readDevice(b, 4096);
  bm.set(m);
  const V = cu.CUDA_ERROR_INVALID_VALUE;
  const cases: [string, object, number][] = [
    ['src pitch < width + x', { srcPitch: 40, srcXInBytes: 9 }, V],
    ['dst pitch < width', { dstPitch: 31 }, V],
    ['pitch > MAX_PITCH', { srcPitch: 2 ** 40 }, V],
    ['region past the allocation', { srcY: 60 }, V],
    ['dst region past the allocation', { Height: 65 }, V],
    ['NULL srcDevice', { srcDevice: 0 }, V],
    ['unknown pointer', { dstDevice: 12345 }, V],
    ['NULL srcHost for HOST', { srcMemoryType: HOST, srcHost: null }, V],
    ['a number as srcHost', { srcMemoryType: HOST, srcHost: a }, V],
    ['a view as DEVICE memory', { srcDevice: host }, V],
    ['host region past the view', { srcMemoryType: HOST, srcHost: host, srcY: 60 }, V],
    ['memory type 0', { srcMemoryType: 0 }, V],
    ['memory type 5', { dstMemoryType: 5 }, V],
    ['ARRAY', { dstMemoryType: ARRAY, dstArray: {} }, cu.CUDA_ERROR_NOT_SUPPORTED],
    ['negative x', { srcXInBytes: -1 }, V],
    ['fractional height', { Height: 1.5 }, V],
    ['string width', { WidthInBytes: '32' }, V],
  ];
  for (const [what, change, code] of cases) {
    expect(await cu.cuMemcpy2D({ ...ok, ...change } as cu.CUDA_MEMCPY2D), what).toBe(code);
    expect(cu.cuMemcpy2DAsync({ ...ok, ...change } as cu.CUDA_MEMCPY2D, null), what).toBe(code);
    expect(await cu.cuMemcpy3D({ ...ok, Depth: 1, ...change } as cu.CUDA_MEMCPY3D), what).toBe(code);
  }
  const cases3: [string, object][] = [
    ['srcLOD', { srcLOD: 1 }],
    ['dstLOD', { dstLOD: 2 }],
    ['slice height < y + height', { Depth: 2, srcHeight: 8, srcY: 1 }],
    ['dst slice height < height', { Depth: 2, dstHeight: 7 }],
    ['slices past the allocation', { Depth: 9, srcHeight: 8, dstHeight: 8 }],
  ];
  for (const [what, change] of cases3) {
    expect(await cu.cuMemcpy3D({ ...ok, Depth: 1, srcHeight: 8, dstHeight: 8, ...change }), what).toBe(V);
  }
  expect(await cu.cuMemcpy2D(null as unknown as cu.CUDA_MEMCPY2D)).toBe(V);
  expect(await cu.cuMemcpy2D(7 as unknown as cu.CUDA_MEMCPY2D)).toBe(V);
  expect(cu.cuMemcpy2DAsync(ok, {} as cu.CUstream)).toBe(cu.CUDA_ERROR_INVALID_HANDLE);
  // A zero extent succeeds and touches nothing, whatever else is wrong.
  for (const zero of [{ WidthInBytes: 0 }, { Height: 0 }]) {
    expect(await cu.cuMemcpy2D({ ...ok, srcDevice: 0, dstPitch: 1, ...zero })).toBe(cu.CUDA_SUCCESS);
    expect(await cu.cuMemcpy3D({ ...ok, dstMemoryType: 9, ...zero, Depth: 3 })).toBe(cu.CUDA_SUCCESS);
  }
  expect(await cu.cuMemcpy3D({ ...ok, Depth: 0 })).toBe(cu.CUDA_SUCCESS);
  // Nothing above changed the destination.
  expect(firstDiff(await readDevice(b, 4096), bm)).toBe(-1);
  cu.cuMemFree(a);
  cu.cuMemFree(b);
});

test('2D fills and copies whose pitches are multiples of 16, at every phase of the first row', async () => {
  await startWebcu();
  // Rows of `width` bytes at pitch 48 or 64 starting at byte 0..15 of a 16-byte chunk: the kernel counts
  // exactly the chunks the first row touches (every row touches as many), so the last chunk of a row
  // must not be lost at any phase, nor any neighbour byte written.
  const n = 64 * 40 + 64;
  for (const pitch of [48, 64]) {
    for (const width of [1, 15, 16, 17, 33, pitch]) {
      const [src, s] = await filled(n, 10 + width);
      const [dst, t] = await filled(n, 20 + width);
      for (let phase = 0; phase < 16; phase++) {
        const rows = 37;
        expect(cu.cuMemsetD2D8Async(dst + phase, pitch, 0x5a + phase, width, rows, null)).toBe(cu.CUDA_SUCCESS);
        for (let y = 0; y < rows; y++) t.fill(0x5a + phase, phase + y * pitch, phase + y * pitch + width);
        if (phase % 3 === 0) {
          const sx = 15 - phase;
          const p = { srcMemoryType: DEVICE, srcDevice: src + sx, srcPitch: pitch, dstMemoryType: DEVICE, dstDevice: dst + phase, dstPitch: pitch, WidthInBytes: width, Height: rows };
          expect(await cu.cuMemcpy2D(p)).toBe(cu.CUDA_SUCCESS);
          for (let y = 0; y < rows; y++) t.set(s.subarray(sx + y * pitch, sx + y * pitch + width), phase + y * pitch);
        }
        expect(firstDiff(await readDevice(dst, n), t)).toBe(-1);
      }
      cu.cuMemFree(src);
      cu.cuMemFree(dst);
    }
  }
});
