// The strided kernel (shaders/copy.wgsl) in variants that force its rare paths: grids capped at a few
// workgroups (every invocation walks many tiles in the grid-stride loop), row mode for rows of any length
// and flat mode for long ones, small and odd workgroups and chunk counts. Every variant must give the bytes
// of the CPU model: explicit 1D/2D fills and copies at every phase, then random operation sequences.

import { afterEach, expect, test } from 'vitest';
import { current } from '../../src/core/state.ts';
import { STRIDED_TUNING, type StridedTuning } from '../../src/core/transfer.ts';
import { runDifferential } from '../shared/differential.ts';
import { cu, firstDiff, readDevice, rng, startWebcu } from '../shared/webcu.ts';

const OK = cu.CUDA_SUCCESS;

const VARIANTS: [string, StridedTuning][] = [
  ['grid of 3, row mode everywhere', { wg: 256, chunks: 4, maxGroups: 3, rowChunks: 1 }],
  ['grid of 5, flat mode for 2D', { wg: 64, chunks: 2, maxGroups: 5, rowChunks: Infinity }],
  ['one chunk per invocation, grid of 7', { wg: 32, chunks: 1, maxGroups: 7, rowChunks: 4 }],
  ['8 chunks, one workgroup per tile', { wg: 128, chunks: 8, maxGroups: Infinity, rowChunks: 2 }],
];

function tune(t: StridedTuning): void {
  current()[1].dev.xfer.tuning = { ...t };
}

afterEach(() => tune(STRIDED_TUNING));

function fillModel(m: Uint8Array, start: number, size: number, v: number, count: number, rows: number, pitch: number) {
  const bytes = [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
  for (let y = 0; y < rows; y++) for (let i = 0; i < count * size; i++) m[start + y * pitch + i] = bytes[i % size];
}

test.each(VARIANTS)('fills and copies at every phase match the model: %s', async (_name, tuning) => {
  await startWebcu();
  tune(tuning);
  const r = rng(4242);
  const n = 300_000;
  const [ea, a] = cu.cuMemAlloc(n);
  const [eb, b] = cu.cuMemAlloc(n);
  expect([ea, eb]).toEqual([OK, OK]);
  const ma = r.bytes(n);
  const mb = r.bytes(n);
  expect(await cu.cuMemcpyHtoD(a, ma, n)).toBe(OK);
  expect(await cu.cuMemcpyHtoD(b, mb, n)).toBe(OK);
  const s = null;
  for (let k = 0; k < 40; k++) {
    const phase = k % 17;
    // 1D fills of every width, long enough for many tiles per workgroup.
    const size = [1, 2, 4][k % 3];
    const start = (1000 + phase * 3) & ~(size - 1);
    const count = Math.floor((20_000 + r.int(60_000)) / size);
    const v = r.next();
    expect({ 1: cu.cuMemsetD8Async, 2: cu.cuMemsetD16Async, 4: cu.cuMemsetD32Async }[size]!(a + start, v, count, s)).toBe(OK);
    fillModel(ma, start, size, v, count, 1, 0);
    // 1D copies between the buffers and within one, source and destination at independent phases (longer
    // than 64 KiB: shorter ones join copy lists, which copy_batch.wgsl records).
    const len = 65_537 + r.int(30_000);
    const so = 100_000 + r.int(16);
    const dof = 200_000 + ((phase * 5) % 16);
    expect(cu.cuMemcpyDtoDAsync(b + dof, a + so, len, s)).toBe(OK);
    mb.set(ma.subarray(so, so + len), dof);
    const from = 3 + r.int(16);
    const len2 = 65_537 + r.int(20_000);
    expect(cu.cuMemcpyDtoDAsync(a + so, a + from, len2, s)).toBe(OK);
    ma.copyWithin(so, from, from + len2);
  }
  for (let k = 0; k < 24; k++) {
    // 2D fills: pitches of 16-byte multiples (one phase for every row) and not, rows long and short.
    const size = [1, 2, 4][k % 3];
    const width = [3, 40, 700, 4100][k % 4];
    const pitch = (width * size + [0, 16, 5, 48][(k >> 2) % 4] + 15) & ~(k % 2 ? 3 : 15);
    const start = (r.int(64) + 7) & ~(size - 1);
    const rows = 1 + r.int(Math.min(30, Math.floor((n - start - width * size) / pitch)));
    const v = r.next();
    expect({ 1: cu.cuMemsetD2D8Async, 2: cu.cuMemsetD2D16Async, 4: cu.cuMemsetD2D32Async }[size]!(a + start, pitch, v, width, rows, s)).toBe(OK);
    fillModel(ma, start, size, v, width, rows, pitch);
    // 2D copies a -> b at independent phases and pitches.
    const w = [1, 17, 900, 5000][k % 4];
    const sp = w + r.int(40);
    const dp = (w + r.int(40) + 15) & ~(k % 3 ? 15 : 0);
    const h = 1 + r.int(20);
    const sx = r.int(32);
    const dx = 150_000 + r.int(32);
    expect(
      cu.cuMemcpy2DAsync(
        { srcMemoryType: cu.CU_MEMORYTYPE_DEVICE, srcDevice: a + sx, srcPitch: sp, dstMemoryType: cu.CU_MEMORYTYPE_DEVICE, dstDevice: b + dx, dstPitch: Math.max(dp, w), WidthInBytes: w, Height: h },
        s,
      ),
    ).toBe(OK);
    for (let y = 0; y < h; y++) mb.set(ma.subarray(sx + y * sp, sx + y * sp + w), dx + y * Math.max(dp, w));
  }
  expect(firstDiff(await readDevice(a, n), ma)).toBe(-1);
  expect(firstDiff(await readDevice(b, n), mb)).toBe(-1);
  expect(cu.cuMemFree(a)).toBe(OK);
  expect(cu.cuMemFree(b)).toBe(OK);
});

test('random operation sequences match the CPU model with a capped grid and row mode everywhere', async () => {
  await startWebcu();
  tune({ wg: 64, chunks: 2, maxGroups: 3, rowChunks: 1 });
  const { ops, rectOps } = await runDifferential(0x5eed, 2500);
  expect(ops).toBe(2500);
  expect(rectOps).toBeGreaterThan(100);
});
