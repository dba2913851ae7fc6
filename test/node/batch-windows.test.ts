// Batches over buffers larger than one storage binding: with webcu limited to 8 MiB bindings, 20 MiB
// allocations get dedicated buffers, and a batch's items are grouped by binding windows (items longer than
// half a binding, and items within one buffer whose ends lie in different windows, take the strided
// kernel); batches whose tables outgrow a binding. Checked against a CPU model; no bind group binds more
// than 8 MiB.

import { expect, test } from 'vitest';
import { cu, firstDiff, largestBinding, readDevice, rng, startWebcu } from '../shared/webcu.ts';

const MiB = 2 ** 20;
const OK = cu.CUDA_SUCCESS;

test('batches across binding windows match the model', async () => {
  await startWebcu({ maxStorageBinding: 8 * MiB });
  const largest = largestBinding();
  const r = rng(31);
  const n = 20 * MiB + 13;
  const [, a] = cu.cuMemAlloc(n);
  const [, b] = cu.cuMemAlloc(n);
  const ma = r.bytes(n);
  const mb = r.bytes(n);
  expect(cu.cuMemcpyHtoDAsync(a, ma, n, null)).toBe(OK);
  expect(cu.cuMemcpyHtoDAsync(b, mb, n, null)).toBe(OK);
  const [, s] = cu.cuStreamCreate(0);
  const host = r.bytes(4 * MiB);
  const back = new Uint8Array(4 * MiB);
  const mback = back.slice();
  const dsts: (number | Uint8Array)[] = [];
  const srcs: (number | Uint8Array)[] = [];
  const sizes: number[] = [];
  const apply: (() => void)[] = [];
  const add = (dst: number | Uint8Array, src: number | Uint8Array, len: number, f: () => void) => {
    dsts.push(dst);
    srcs.push(src);
    sizes.push(len);
    apply.push(f);
  };
  // a's first 10 MiB are read, [10, 14) MiB written by small items, [14, 19) MiB by a long one.
  let da = 10 * MiB;
  let db = 0;
  let dh = 0;
  for (let i = 0; i < 400; i++) {
    const len = 1 + r.int(r.int(10) === 0 ? 200000 : 3000);
    const so = r.int(10 * MiB - len);
    const which = r.int(4);
    if (which === 0 && da + len < 14 * MiB) {
      const d = da + r.int(5);
      da = d + len;
      add(a + d, a + so, len, () => ma.copyWithin(d, so, so + len));
    } else if (which === 1 && db + 60000 < n) {
      const d = db + r.int(60000);
      db = d + len;
      add(b + d, a + so, len, () => mb.set(ma.subarray(so, so + len), d));
    } else if (which === 2 && db + len < n) {
      const d = db + r.int(3);
      const hs = r.int(host.length - len);
      db = d + len;
      add(b + d, host.subarray(hs), len, () => mb.set(host.subarray(hs, hs + len), d));
    } else if (dh + len < back.length) {
      const d = dh + r.int(3);
      dh = d + len;
      add(back.subarray(d), a + so, len, () => mback.set(ma.subarray(so, so + len), d));
    }
  }
  // Longer than half a binding, within one buffer and between two.
  add(a + 14 * MiB + 1, a + 3, 5 * MiB, () => ma.copyWithin(14 * MiB + 1, 3, 3 + 5 * MiB));
  const order = { srcAccessOrder: cu.CU_MEMCPY_SRC_ACCESS_ORDER_STREAM };
  expect(cu.cuMemcpyBatchAsync(dsts, srcs, sizes, dsts.length, [order], [0], 1, s)).toBe(OK);
  // Rows 3 MiB apart: no binding holds the whole region.
  const op = (src: number, dst: number, sRow: number, dRow: number) => ({
    src: { type: cu.CU_MEMCPY_OPERAND_TYPE_POINTER, op: { ptr: { ptr: src, rowLength: sRow } } },
    dst: { type: cu.CU_MEMCPY_OPERAND_TYPE_POINTER, op: { ptr: { ptr: dst, rowLength: dRow } } },
    extent: { width: 1000, height: 5, depth: 1 },
    srcAccessOrder: cu.CU_MEMCPY_SRC_ACCESS_ORDER_STREAM,
  });
  expect(cu.cuMemcpy3DBatchAsync(2, [op(b + 7, a + 20 * MiB - 6000, 3 * MiB, 0), op(a + 2, b + MiB + 5, 1001, 3 * MiB + 1)], 0, s)).toBe(OK);
  for (const f of apply) f();
  for (let y = 0; y < 5; y++) {
    ma.set(mb.subarray(7 + y * 3 * MiB, 7 + y * 3 * MiB + 1000), 20 * MiB - 6000 + y * 1000);
    mb.set(ma.subarray(2 + y * 1001, 2 + y * 1001 + 1000), MiB + 5 + y * (3 * MiB + 1));
  }
  expect(await cu.cuStreamSynchronize(s)).toBe(OK);
  expect(firstDiff(back, mback)).toBe(-1);
  expect(firstDiff(await readDevice(a, n), ma)).toBe(-1);
  expect(firstDiff(await readDevice(b, n), mb)).toBe(-1);
  expect(largest()).toBeGreaterThan(MiB);
  expect(largest()).toBeLessThanOrEqual(8 * MiB);
  expect(cu.cuStreamDestroy(s!)).toBe(OK);
});

test('batches whose tables outgrow a binding: 450,000 decompressions run as parts, 600,000 copies as two tables', async () => {
  await startWebcu({ maxStorageBinding: 8 * MiB });
  const largest = largestBinding();
  const n = 600000;
  const [, src] = cu.cuMemAlloc(n * 8);
  const [, dst] = cu.cuMemAlloc(n * 8);
  const [, act] = cu.cuMemAlloc(n * 4);
  // Operation i: a 6-byte LZ4 block of five literal bytes i & 255 (and copy i: its first five bytes).
  const host = new Uint8Array(n * 8);
  for (let i = 0; i < n; i++) host.fill(i & 255, i * 8 + 1, i * 8 + 6), (host[i * 8] = 0x50);
  expect(await cu.cuMemcpyHtoD(src, host, host.length)).toBe(OK);
  const ops = 450000;
  const params = Array.from({ length: ops }, (_, i) => ({ src: src + i * 8, srcNumBytes: 6, dst: dst + i * 8, dstNumBytes: 8, dstActBytes: act + 4 * i, algo: cu.CU_MEM_DECOMPRESS_ALGORITHM_LZ4 }));
  expect(cu.cuMemBatchDecompressAsync(params, ops, 0, null)).toEqual([OK, 0]);
  const acts = new Uint32Array((await readDevice(act, ops * 4)).buffer);
  const out = await readDevice(dst, ops * 8);
  let bad = 0;
  for (let i = 0; i < ops; i++) if (acts[i] !== 5 || out[i * 8] !== (i & 255) || out[i * 8 + 4] !== (i & 255)) bad++;
  expect(bad).toBe(0);
  const [, s] = cu.cuStreamCreate(0);
  const dsts = Array.from({ length: n }, (_, i) => dst + i * 8 + 3);
  const srcs = Array.from({ length: n }, (_, i) => src + i * 8);
  const attrs = [{ srcAccessOrder: cu.CU_MEMCPY_SRC_ACCESS_ORDER_STREAM }];
  expect(cu.cuMemcpyBatchAsync(dsts, srcs, new Array(n).fill(5), n, attrs, [0], 1, s)).toBe(OK);
  expect(await cu.cuStreamSynchronize(s)).toBe(OK);
  const copied = await readDevice(dst, n * 8);
  bad = 0;
  for (let i = 0; i < n; i++) for (let k = 0; k < 5; k++) if (copied[i * 8 + 3 + k] !== host[i * 8 + k]) bad++;
  expect(bad).toBe(0);
  expect(largest()).toBeGreaterThan(4 * MiB);
  expect(largest()).toBeLessThanOrEqual(8 * MiB);
  expect(cu.cuStreamDestroy(s!)).toBe(OK);
  for (const p of [src, dst, act]) expect(cu.cuMemFree(p!)).toBe(OK);
}, 120_000);
