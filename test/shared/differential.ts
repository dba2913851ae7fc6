// The differential test: thousands of random driver operations (alloc/free, memsets of every width at
// every alignment, 2D memsets, copies in every direction at random offsets and lengths, async work on
// several streams, some invalid calls) are applied both to webcu and to a CPU model — one byte array per
// allocation. At checkpoints every live allocation is read back and compared byte for byte, so a stray
// write anywhere (a canary byte next to a written region, another allocation) is caught.

import { expect } from 'vitest';
import { cu, firstDiff, readDevice, rng } from './webcu.ts';

interface Alloc {
  ptr: number;
  model: Uint8Array;
}

export async function runDifferential(seed: number, steps: number): Promise<{ ops: number; checks: number }> {
  const r = rng(seed);
  const allocs: Alloc[] = [];
  const streams = [null, ...Array.from({ length: 3 }, () => cu.cuStreamCreate(0)[1])];
  const pending: { out: Uint8Array; expected: Uint8Array }[] = [];
  let ops = 0;
  let checks = 0;
  const pick = () => allocs[r.int(allocs.length)];
  const stream = () => streams[r.int(streams.length)];

  const alloc = async () => {
    const size = 1 + (r.int(4) === 0 ? r.int(70000) : r.int(3000));
    const [e, ptr] = cu.cuMemAlloc(size);
    expect(e).toBe(cu.CUDA_SUCCESS);
    expect(ptr % 256).toBe(0);
    const model = r.bytes(size);
    expect(await cu.cuMemcpyHtoD(ptr, model, size)).toBe(cu.CUDA_SUCCESS);
    allocs.push({ ptr, model: model.slice() });
  };

  const check = async () => {
    expect(await cu.cuCtxSynchronize()).toBe(cu.CUDA_SUCCESS);
    for (const p of pending.splice(0)) expect(firstDiff(p.out, p.expected)).toBe(-1);
    for (const a of allocs) {
      const got = await readDevice(a.ptr, a.model.length);
      const i = firstDiff(got, a.model);
      if (i >= 0) {
        throw new Error(`seed ${seed}: allocation ${a.ptr} differs at byte ${i} (got ${got[i]}, want ${a.model[i]})`);
      }
    }
    checks++;
  };

  for (let i = 0; i < 4; i++) await alloc();
  for (let step = 0; step < steps; step++) {
    const a = pick();
    const n = a.model.length;
    const kind = r.int(100);
    ops++;
    if (kind < 4) {
      await alloc();
    } else if (kind < 7 && allocs.length > 2) {
      const i = allocs.indexOf(a);
      expect(cu.cuMemFree(a.ptr)).toBe(cu.CUDA_SUCCESS);
      allocs.splice(i, 1);
    } else if (kind < 30) {
      // 1D memset of width 1, 2 or 4 at a legal alignment.
      const size = [1, 2, 4][r.int(3)];
      const start = r.int(n) & ~(size - 1);
      const count = Math.floor(r.int(n - start + 1) / size);
      const v = r.next();
      const async = r.int(2) === 0;
      const fn = { 1: cu.cuMemsetD8Async, 2: cu.cuMemsetD16Async, 4: cu.cuMemsetD32Async }[size]!;
      const sfn = { 1: cu.cuMemsetD8, 2: cu.cuMemsetD16, 4: cu.cuMemsetD32 }[size]!;
      const res = async ? fn(a.ptr + start, v, count, stream()) : await sfn(a.ptr + start, v, count);
      expect(res).toBe(cu.CUDA_SUCCESS);
      fillModel(a.model, start, size, v, count, 1, 0);
    } else if (kind < 42) {
      // 2D memset.
      const size = [1, 2, 4][r.int(3)];
      const start = r.int(Math.max(1, n >> 1)) & ~(size - 1);
      const pitch = (size + r.int(300)) & ~(size - 1);
      const width = r.int(Math.floor(pitch / size) + 1);
      const maxH = width === 0 ? 4 : Math.floor((n - start - width * size) / pitch) + 1;
      if (maxH < 1) continue;
      const height = 1 + r.int(Math.min(maxH, 40));
      const v = r.next();
      const fn = { 1: cu.cuMemsetD2D8Async, 2: cu.cuMemsetD2D16Async, 4: cu.cuMemsetD2D32Async }[size]!;
      expect(fn(a.ptr + start, pitch, v, width, height, stream())).toBe(cu.CUDA_SUCCESS);
      fillModel(a.model, start, size, v, width, height, pitch);
    } else if (kind < 60) {
      // Host → device, sync or async, from pageable or pinned memory.
      const start = r.int(n);
      const len = r.int(n - start + 1);
      const data = r.bytes(len);
      let src: Uint8Array = data;
      const pinned = r.int(3) === 0;
      if (pinned) {
        const [e, pinned] = cu.cuMemAllocHost(len + 8);
        expect(e).toBe(cu.CUDA_SUCCESS);
        src = pinned!.subarray(3, 3 + len);
        src.set(data);
      }
      const async = r.int(2) === 0;
      const res = async ? cu.cuMemcpyHtoDAsync(a.ptr + start, src, len, stream()) : await cu.cuMemcpyHtoD(a.ptr + start, src, len);
      expect(res).toBe(cu.CUDA_SUCCESS);
      // Pageable memory may be reused as soon as the call returns (pinned memory only after a sync).
      a.model.set(data, start);
      if (!async || !pinned) src.fill(0xee);
    } else if (kind < 75) {
      // Device → host, async; checked at the next checkpoint against the model as it is now.
      const start = r.int(n);
      const len = r.int(n - start + 1);
      const out = new Uint8Array(len + 2).fill(0x5c);
      expect(cu.cuMemcpyDtoHAsync(out.subarray(1, 1 + len), a.ptr + start, len, stream())).toBe(cu.CUDA_SUCCESS);
      const expected = new Uint8Array(len + 2).fill(0x5c);
      expected.set(a.model.subarray(start, start + len), 1);
      pending.push({ out, expected });
    } else if (kind < 92) {
      // Device → device between two allocations, or inside one without overlap.
      const b = pick();
      const len = r.int(Math.min(n, b.model.length) + 1);
      const s = r.int(n - len + 1);
      let d = r.int(b.model.length - len + 1);
      if (a === b && Math.abs(s - d) < len) continue;
      const res = r.int(3) ? cu.cuMemcpyDtoDAsync(b.ptr + d, a.ptr + s, len, stream()) : await cu.cuMemcpy(b.ptr + d, a.ptr + s, len);
      expect(res).toBe(cu.CUDA_SUCCESS);
      b.model.set(a.model.slice(s, s + len), d);
    } else {
      // Invalid calls: ranges past the end, misaligned memsets. Nothing may change.
      const over = 1 + r.int(8);
      expect(cu.cuMemsetD8Async(a.ptr, 1, n + over, stream())).toBe(cu.CUDA_ERROR_INVALID_VALUE);
      expect(cu.cuMemcpyHtoDAsync(a.ptr + 1, new Uint8Array(n), n, null)).toBe(cu.CUDA_ERROR_INVALID_VALUE);
      expect(cu.cuMemcpyDtoDAsync(a.ptr, a.ptr + n - 1, 2, null)).toBe(cu.CUDA_ERROR_INVALID_VALUE);
      expect(cu.cuMemsetD32Async(a.ptr + 2, 7, 1, null)).toBe(cu.CUDA_ERROR_INVALID_VALUE);
      expect(cu.cuMemsetD16Async(a.ptr + 1, 7, 1, null)).toBe(cu.CUDA_ERROR_INVALID_VALUE);
    }
    if (step % 200 === 199) await check();
  }
  await check();
  for (const a of allocs) expect(cu.cuMemFree(a.ptr)).toBe(cu.CUDA_SUCCESS);
  for (const s of streams) if (s) expect(cu.cuStreamDestroy(s)).toBe(cu.CUDA_SUCCESS);
  return { ops, checks };
}

/** The model of a 2D memset of `count` elements of `size` bytes per row. */
function fillModel(m: Uint8Array, start: number, size: number, v: number, count: number, rows: number, pitch: number) {
  const bytes = [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
  for (let y = 0; y < rows; y++) {
    const row = start + y * pitch;
    for (let i = 0; i < count * size; i++) m[row + i] = size === 1 ? bytes[0] : bytes[i % size];
  }
}
