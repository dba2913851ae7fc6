// Small device-to-device copies enqueued back to back are recorded as one copy_batch dispatch when they
// can run concurrently, and split where sequential order matters. Every pattern is checked against a
// CPU model that applies the copies one after another.

import { expect, test } from 'vitest';
import { state } from '../../src/core/state.ts';
import { cu, firstDiff, readDevice, rng, startWebcu } from '../shared/webcu.ts';

const OK = cu.CUDA_SUCCESS;

/** Two 1 MiB allocations of random bytes (and their models), and a stream. */
async function twoAllocations(seed: number) {
  await startWebcu();
  const r = rng(seed);
  const n = 1 << 20;
  const [, a] = cu.cuMemAlloc(n);
  const [, b] = cu.cuMemAlloc(n);
  const ma = r.bytes(n);
  const mb = r.bytes(n);
  expect(await cu.cuMemcpyHtoD(a, ma, n)).toBe(OK);
  expect(await cu.cuMemcpyHtoD(b, mb, n)).toBe(OK);
  const [, s] = cu.cuStreamCreate(0);
  return { r, n, a, b, ma, mb, s };
}

test('lists of small copies give the same bytes as copies done one by one', async () => {
  const { r, n, a, b, ma, mb, s } = await twoAllocations(2024);
  const copy = (dp: number, dm: Uint8Array, sp: number, sm: Uint8Array, so: number, d: number, len: number) => {
    expect(cu.cuMemcpyDtoDAsync(dp + d, sp + so, len, s)).toBe(OK);
    dm.set(sm.slice(so, so + len), d);
  };
  // 1. Many copies A → B with rising destinations and random sources (one list).
  let d = 0;
  for (let i = 0; i < 1500 && d < n - 6000; i++) {
    const len = 1 + r.int(600);
    copy(b, mb, a, ma, r.int(n - len), d, len);
    d += len + r.int(20);
  }
  // 2. Chains: each copy reads what the one before wrote (no copy overlaps itself: CUDA leaves that undefined).
  for (let i = 0; i < 50; i++) copy(b, mb, b, mb, 900000 + i * 100, 900000 + (i + 1) * 100, 100);
  // 3. Falling destinations, and neighbours sharing 16-byte chunks.
  for (let i = 200; i > 0; i--) copy(a, ma, b, mb, r.int(n - 64), i * 21, 21);
  // 4. Within one buffer, sources and destinations interleaved.
  for (let i = 0; i < 300; i++) copy(a, ma, a, ma, 500000 + i * 48, 600000 + i * 50, 48);
  // 5. Copies on the default stream interleaved with memsets.
  for (let i = 0; i < 100; i++) {
    copy(b, mb, a, ma, i * 7, 800000 + i * 40, 33);
    expect(cu.cuMemsetD8Async(b + 800000 + i * 40 + 5, i, 3, s)).toBe(OK);
    mb.fill(i, 800000 + i * 40 + 5, 800000 + i * 40 + 8);
  }
  expect(await cu.cuStreamSynchronize(s)).toBe(OK);
  expect(firstDiff(await readDevice(a, n), ma)).toBe(-1);
  expect(firstDiff(await readDevice(b, n), mb)).toBe(-1);
  cu.cuStreamDestroy(s!);
  expect(cu.cuMemFree(a)).toBe(OK);
  expect(cu.cuMemFree(b)).toBe(OK);
});

test('copies that need no order among themselves share one dispatch pair; a copy that needs one starts another', async () => {
  const { r, n, a, b, ma, mb, s } = await twoAllocations(2025);
  const dispatches = async (copies: () => void) => {
    expect(await cu.cuStreamSynchronize(s)).toBe(OK);
    const before = state.devices[0].rec.dispatches;
    copies();
    expect(await cu.cuStreamSynchronize(s)).toBe(OK);
    return state.devices[0].rec.dispatches - before;
  };
  const copy = (dp: number, dm: Uint8Array, sp: number, sm: Uint8Array, so: number, d: number, len: number) => {
    expect(cu.cuMemcpyDtoDAsync(dp + d, sp + so, len, s)).toBe(OK);
    dm.set(sm.slice(so, so + len), d);
  };
  // Each list is one copy_batch pair of dispatches: whole chunks, then the chunks at the copies' edges.
  // Falling destinations 21 bytes apart (neighbours share words and 16-byte chunks).
  expect(await dispatches(() => { for (let i = 200; i > 0; i--) copy(a, ma, b, mb, r.int(n - 64), i * 21, 21); })).toBe(2);
  // Within one buffer, destinations interleaved with sources but never overlapping them.
  expect(await dispatches(() => { for (let i = 0; i < 300; i++) copy(a, ma, a, ma, 500000 + i * 100, 500050 + i * 100, 50); })).toBe(2);
  // A chain: each copy reads what the one before wrote.
  expect(await dispatches(() => { for (let i = 0; i < 20; i++) copy(b, mb, b, mb, 900000 + i * 100, 900000 + (i + 1) * 100, 100); })).toBe(40);
  // The same destination twice: the later copy wins, as in stream order.
  expect(await dispatches(() => { copy(b, mb, a, ma, 0, 7000, 64); copy(b, mb, a, ma, 5000, 7010, 64); })).toBe(4);
  expect(firstDiff(await readDevice(a, n), ma)).toBe(-1);
  expect(firstDiff(await readDevice(b, n), mb)).toBe(-1);
  cu.cuStreamDestroy(s!);
  expect(cu.cuMemFree(a)).toBe(OK);
  expect(cu.cuMemFree(b)).toBe(OK);
});
