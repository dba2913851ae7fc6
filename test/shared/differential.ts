// The differential test: thousands of random driver operations (alloc/free, memsets of every width at
// every alignment, 2D memsets, copies in every direction at random offsets and lengths, async work on
// several streams ordered by events, batches of copies in every direction, some invalid calls) are applied both to webcu and to a CPU model — one byte array per
// allocation and per host buffer. Host buffers of every kind (pageable, pinned, registered, and
// SharedArrayBuffer-backed where the platform has it) are read and written by async copies and memsets
// in stream order with no host synchronisation between them. At checkpoints every live allocation and
// every host buffer is compared byte for byte, so a stray write anywhere (a canary byte next to a written
// region, another allocation) or a host step out of order is caught. Allocations WebGPU cannot back and
// detached host buffers come up too: they must fail alone. 2D and 3D copies between every pair of memory
// kinds and types (cuMemcpy2D/3D, DEVICE, HOST and UNIFIED) are among the operations, and so are
// decompression batches (LZ4, Snappy, Deflate) whose sources earlier work wrote, decoded in stream order.

import { expect } from 'vitest';
import { DECOMPRESS_STATUS } from '../../src/core/shaders.ts';
import { refDecode as lz4Decode, seq } from './lz4-ref.ts';
import { copy1, copy2, copy4, lit, refDecode as snappyDecode } from './snappy-ref.ts';
import { cu, firstDiff, readDevice, rng } from './webcu.ts';

interface Alloc {
  ptr: number;
  model: Uint8Array;
}

type HostKind = 'pageable' | 'pinned' | 'registered' | 'shared' | 'shared-registered';

/** A host buffer and its model; `view` lies inside a larger array whose other bytes are canaries. */
interface Host {
  kind: HostKind;
  whole: Uint8Array;
  view: Uint8Array;
  model: Uint8Array;
}

const CANARY = 0xa5;

function makeHost(kind: HostKind, size: number, init: Uint8Array): Host {
  const shared = kind.startsWith('shared');
  let whole: Uint8Array;
  if (kind === 'pinned') {
    const [e, mem] = cu.cuMemAllocHost(size + 32);
    expect(e).toBe(cu.CUDA_SUCCESS);
    whole = mem!;
  } else whole = shared ? new Uint8Array(new SharedArrayBuffer(size + 32)) : new Uint8Array(size + 32);
  whole.fill(CANARY);
  const view = whole.subarray(16, 16 + size);
  if (kind.endsWith('registered')) expect(cu.cuMemHostRegister(view, size, 0)).toBe(cu.CUDA_SUCCESS);
  view.set(init);
  const model = whole.slice();
  return { kind, whole, view, model };
}

function dropHost(h: Host): void {
  if (h.kind === 'pinned') expect(cu.cuMemFreeHost(h.whole)).toBe(cu.CUDA_SUCCESS);
  if (h.kind.endsWith('registered')) expect(cu.cuMemHostUnregister(h.view)).toBe(cu.CUDA_SUCCESS);
}

/** Host kinds this platform has (SharedArrayBuffer needs cross-origin isolation in a page). */
export const hostKinds: HostKind[] =
  typeof SharedArrayBuffer === 'function'
    ? ['pageable', 'pinned', 'registered', 'shared', 'shared-registered']
    : ['pageable', 'pinned', 'registered'];

/** `large`: one allocation in ten of 8–20 MiB (for webcu limited to 8 MiB bindings: windows everywhere). */
export async function runDifferential(seed: number, steps: number, { large = false } = {}): Promise<{ ops: number; checks: number; hostOps: number; rectOps: number; batches: number; switches: number; decompressions: number }> {
  const r = rng(seed);
  const allocs: Alloc[] = [];
  const hosts: Host[] = [];
  let hostOps = 0;
  let rectOps = 0;
  let batches = 0;
  let decompressions = 0;
  const streams = [null, ...Array.from({ length: 3 }, () => cu.cuStreamCreate(0)[1])];
  const pending: { out: Uint8Array; expected: Uint8Array }[] = [];
  let ops = 0;
  let checks = 0;
  const pick = () => allocs[r.int(allocs.length)];
  // The model applies operations in call order. CUDA orders the legacy stream with these (blocking)
  // streams, but not two of them with each other, and webcu may run one ahead of another (one waits for
  // staging or a host write): switching from one to another, the new stream waits for an event on the old.
  // Through the legacy stream too (A, legacy, B): the legacy stream's implicit synchronization orders B
  // after A only through work the legacy call enqueued, and a failed or empty call (a zero-width memset)
  // enqueues none, in CUDA as here.
  const events = streams.map(() => cu.cuEventCreate(cu.CU_EVENT_DISABLE_TIMING)[1]!);
  let last: cu.CUstream | null = null;   // the last stream other than the legacy one
  let switches = 0;
  const next = (s: cu.CUstream | null) => {
    if (s && last && s !== last) {
      const ev = events[streams.indexOf(last)];
      expect(cu.cuEventRecord(ev, last)).toBe(cu.CUDA_SUCCESS);
      expect(cu.cuStreamWaitEvent(s, ev, 0)).toBe(cu.CUDA_SUCCESS);
      switches++;
    }
    if (s) last = s;
    return s;
  };
  const stream = () => next(streams[r.int(streams.length)]);
  const pickHost = () => hosts[r.int(hosts.length)];
  /** A random region [start, start + len) of an n-byte buffer, at most `max` long. */
  const region = (n: number, max = n) => {
    const len = r.int(Math.min(n, max) + 1);
    return { start: r.int(n - len + 1), len };
  };
  const newHost = () => {
    const size = 1 + (r.int(4) === 0 ? r.int(70000) : r.int(3000));
    hosts.push(makeHost(hostKinds[hosts.length % hostKinds.length], size, r.bytes(size)));
  };

  const alloc = async () => {
    const size = large && r.int(10) === 0 ? 8 * 2 ** 20 + r.int(12 * 2 ** 20) : 1 + (r.int(4) === 0 ? r.int(70000) : r.int(3000));
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
    for (const h of hosts) {
      const i = firstDiff(h.whole, h.model);
      if (i >= 0) throw new Error(`seed ${seed}: ${h.kind} host buffer differs at byte ${i - 16} (got ${h.whole[i]}, want ${h.model[i]})`);
    }
    checks++;
  };

  for (let i = 0; i < 4; i++) await alloc();
  for (let i = 0; i < 2 * hostKinds.length; i++) newHost();
  for (let step = 0; step < steps; step++) {
    const a = pick();
    const n = a.model.length;
    ops++;
    if (step % 500 === 250) {
      await unbackable(a);
      continue;
    }
    if (r.int(3) === 0) {
      await hostStep(a);
      continue;
    }
    if (r.int(6) === 0) {
      await rectCopy();
      continue;
    }
    if (r.int(14) === 0) {
      await batchStep();
      continue;
    }
    if (r.int(30) === 0) {
      await decompressStep();
      continue;
    }
    const kind = r.int(100);
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
      // Zeros a quarter of the time: whole words of them are clearBuffer commands.
      const v = r.int(4) === 0 ? 0 : r.next();
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
      const v = r.int(4) === 0 ? 0 : r.next();
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
  for (const h of hosts) dropHost(h);
  for (const a of allocs) expect(cu.cuMemFree(a.ptr)).toBe(cu.CUDA_SUCCESS);
  for (const s of streams) if (s) expect(cu.cuStreamDestroy(s)).toBe(cu.CUDA_SUCCESS);
  for (const ev of events) expect(cu.cuEventDestroy(ev)).toBe(cu.CUDA_SUCCESS);
  return { ops, checks, hostOps, rectOps, batches, switches, decompressions };

  /**
   * A 2D or 3D copy (cuMemcpy2D/3D and their Async forms) between any two of device memory and host
   * buffers, as DEVICE, HOST or UNIFIED memory types, with random extents, offsets, pitches and slice
   * heights; the model applies it row by row.
   */
  async function rectCopy() {
    const w = 1 + r.int(r.int(4) === 0 ? 2000 : 100);
    const h = 1 + r.int(6);
    const d = r.int(3) === 0 ? 1 + r.int(3) : 1;
    type Buf = { mem: number | Uint8Array; model: Uint8Array; base: number; size: number; host: boolean };
    const pickBuf = (): Buf => {
      if (r.int(2)) {
        const x = pick();
        return { mem: x.ptr, model: x.model, base: 0, size: x.model.length, host: false };
      }
      const x = pickHost();
      return { mem: x.view, model: x.model, base: 16, size: x.view.length, host: true };
    };
    // A side's layout: offsets and pitches that keep the region inside the buffer, or null.
    const layout = (b: Buf) => {
      const x = r.int(8);
      const y = r.int(3);
      const z = d > 1 ? r.int(2) : 0;
      const pitch = w + x + r.int(3) * r.int(40);
      const height = h + y + r.int(2);
      const start = z * pitch * height + y * pitch + x;
      const end = start + (d - 1) * pitch * height + (h - 1) * pitch + w;
      return end <= b.size ? { x, y, z, pitch, height, start } : null;
    };
    const src = pickBuf();
    const dst = pickBuf();
    const sl = layout(src);
    const dl = layout(dst);
    if (!sl || !dl) return;
    const rows: [number, number][] = [];
    for (let k = 0; k < d; k++) {
      for (let j = 0; j < h; j++) rows.push([sl.start + k * sl.pitch * sl.height + j * sl.pitch, dl.start + k * dl.pitch * dl.height + j * dl.pitch]);
    }
    if (src.model === dst.model && rows.some(([s]) => rows.some(([, t]) => s < t + w && t < s + w))) return;
    const type = (b: Buf) => (r.int(3) === 0 ? cu.CU_MEMORYTYPE_UNIFIED : b.host ? cu.CU_MEMORYTYPE_HOST : cu.CU_MEMORYTYPE_DEVICE);
    const side = (pre: 'src' | 'dst', b: Buf, l: NonNullable<ReturnType<typeof layout>>) => {
      const t = type(b);
      return {
        [`${pre}MemoryType`]: t,
        [t === cu.CU_MEMORYTYPE_HOST ? `${pre}Host` : `${pre}Device`]: b.mem,
        [`${pre}XInBytes`]: l.x,
        [`${pre}Y`]: l.y,
        [`${pre}Pitch`]: l.pitch,
        ...(d > 1 || l.z ? { [`${pre}Z`]: l.z, [`${pre}Height`]: l.height } : {}),
      };
    };
    const p = { ...side('src', src, sl), ...side('dst', dst, dl), WidthInBytes: w, Height: h, ...(d > 1 ? { Depth: d } : {}) } as cu.CUDA_MEMCPY3D;
    const threeD = d > 1 || 'srcZ' in p || 'dstZ' in p || r.int(2) === 0;
    const how = r.int(4);
    const res = threeD
      ? how ? cu.cuMemcpy3DAsync({ Depth: 1, ...p }, stream()) : await cu.cuMemcpy3D({ Depth: 1, ...p })
      : how ? cu.cuMemcpy2DAsync(p, stream()) : await cu.cuMemcpy2D(p);
    expect(res).toBe(cu.CUDA_SUCCESS);
    rectOps++;
    const copied = rows.map(([s]) => src.model.slice(src.base + s, src.base + s + w));
    rows.forEach(([, t], i) => dst.model.set(copied[i], dst.base + t));
  }

  /**
   * One async operation that reads or writes a host buffer, in stream order: readbacks, uploads (also
   * from a buffer a pending readback writes), host memsets, host-to-host copies, now and then a buffer
   * replaced (freed/unregistered after a checkpoint) or detached.
   */
  async function hostStep(a: Alloc) {
    const h = pickHost();
    const m = h.view.length;
    const kind = r.int(100);
    hostOps++;
    if (kind < 28) {
      // Device → host.
      const { start, len } = region(Math.min(m, a.model.length));
      const s = r.int(a.model.length - len + 1);
      const res = r.int(8) ? cu.cuMemcpyDtoHAsync(h.view.subarray(start), a.ptr + s, len, stream()) : cu.cuMemcpyAsync(h.view.subarray(start), a.ptr + s, len, stream());
      expect(res).toBe(cu.CUDA_SUCCESS);
      h.model.set(a.model.subarray(s, s + len), 16 + start);
    } else if (kind < 56) {
      // Host → device.
      const { start, len } = region(Math.min(m, a.model.length));
      const d = r.int(a.model.length - len + 1);
      const src = h.view.subarray(start, start + len);
      const res = r.int(8) ? cu.cuMemcpyHtoDAsync(a.ptr + d, src, len, stream()) : cu.cuMemcpyAsync(a.ptr + d, src, len, stream());
      expect(res).toBe(cu.CUDA_SUCCESS);
      a.model.set(h.model.subarray(16 + start, 16 + start + len), d);
    } else if (kind < 74) {
      // Host memset: page-locked (pinned or registered) memory only, 1D or 2D.
      const size = ([1, 2, 4] as const)[r.int(3)];
      const v = r.next();
      const start = r.int(m) & ~(size - 1);
      const pitch = (size + r.int(200)) & ~(size - 1);
      const width = r.int(Math.floor(pitch / size) + 1);
      const maxH = width === 0 ? 1 : Math.floor((m - start - width * size) / pitch) + 1;
      if (maxH < 1) return;
      const height = 1 + r.int(Math.min(maxH, 20));
      const fn = { 1: cu.cuMemsetD2D8Async, 2: cu.cuMemsetD2D16Async, 4: cu.cuMemsetD2D32Async }[size];
      // The view's start is 16-byte aligned inside its buffer, so element alignment follows `start`.
      const res = fn(h.view.subarray(start), pitch, v, width, height, stream());
      if (h.kind === 'pageable' || h.kind === 'shared') {
        expect(res).toBe(width === 0 ? cu.CUDA_SUCCESS : cu.CUDA_ERROR_INVALID_VALUE);
        return;
      }
      expect(res).toBe(cu.CUDA_SUCCESS);
      fillModel(h.model, 16 + start, size, v, width, height, pitch);
    } else if (kind < 92) {
      // Host → host between two buffers, or inside one without overlap.
      const g = pickHost();
      const { start, len } = region(Math.min(m, g.view.length));
      const d = r.int(g.view.length - len + 1);
      if (g === h && Math.abs(start - d) < len) return;
      expect(cu.cuMemcpyAsync(g.view.subarray(d), h.view.subarray(start, start + len), len, stream())).toBe(cu.CUDA_SUCCESS);
      g.model.set(h.model.slice(16 + start, 16 + start + len), 16 + d);
    } else if (kind < 97) {
      // Replace a buffer: check (so nothing is pending on it), then free it and make a new one.
      await check();
      const i = hosts.indexOf(h);
      dropHost(h);
      hosts.splice(i, 1);
      newHost();
    } else {
      // A detached buffer is no host pointer: every direction fails and nothing else changes.
      await check();
      const gone = new Uint8Array(64).fill(1);
      structuredClone(gone.buffer, { transfer: [gone.buffer] });
      expect(cu.cuMemcpyHtoDAsync(a.ptr, gone, 1, stream())).toBe(cu.CUDA_ERROR_INVALID_VALUE);
      expect(cu.cuMemcpyDtoHAsync(gone, a.ptr, 1, stream())).toBe(cu.CUDA_ERROR_INVALID_VALUE);
      expect(cu.cuMemcpyAsync(gone, h.view, 1, stream())).toBe(cu.CUDA_ERROR_INVALID_VALUE);
      expect(cu.cuMemcpyAsync(h.view, gone, 1, stream())).toBe(cu.CUDA_ERROR_INVALID_VALUE);
      expect(await cu.cuMemcpyDtoH(gone, a.ptr, 1)).toBe(cu.CUDA_ERROR_INVALID_VALUE);
    }
  }

  /**
   * A batch of 1 to 8 copies between allocations and host buffers (cuMemcpyBatchAsync) on a stream that
   * is not the legacy one, with random source access orders. Entries never read what another writes nor
   * overlap another's destination (CUDA leaves those undefined), so the model applies them in any order.
   * Now and then an entry past its allocation makes the whole batch fail with nothing written.
   */
  async function batchStep() {
    type Side = { model: Uint8Array; base: number; ptr: (k: number) => number | Uint8Array; size: number };
    const side = (): Side => {
      if (r.int(2)) {
        const a = pick();
        return { model: a.model, base: 0, ptr: (k) => a.ptr + k, size: a.model.length };
      }
      const h = pickHost();
      return { model: h.model, base: 16, ptr: (k) => h.view.subarray(k), size: h.view.length };
    };
    const touched: { model: Uint8Array; lo: number; hi: number; write: boolean }[] = [];
    const clash = (m: Uint8Array, lo: number, hi: number, write: boolean) =>
      touched.some((t) => t.model === m && t.lo < hi && lo < t.hi && (write || t.write));
    const dsts: (number | Uint8Array)[] = [];
    const srcs: (number | Uint8Array)[] = [];
    const sizes: number[] = [];
    const apply: (() => void)[] = [];
    const count = 1 + r.int(8);
    for (let i = 0; i < count; i++) {
      const src = side();
      const dst = side();
      const len = 1 + r.int(Math.min(src.size, dst.size, r.int(4) ? 300 : 5000));
      const so = src.base + r.int(src.size - len + 1);
      const d = dst.base + r.int(dst.size - len + 1);
      const self = src.model === dst.model && so < d + len && d < so + len;
      if (self || clash(src.model, so, so + len, false) || clash(dst.model, d, d + len, true)) continue;
      touched.push({ model: src.model, lo: so, hi: so + len, write: false }, { model: dst.model, lo: d, hi: d + len, write: true });
      dsts.push(dst.ptr(d - dst.base));
      srcs.push(src.ptr(so - src.base));
      sizes.push(len);
      const data = src.model.slice(so, so + len);
      apply.push(() => dst.model.set(data, d));
    }
    if (dsts.length === 0) return;
    const invalid = r.int(10) === 0;
    if (invalid) {
      const a = pick();
      dsts.push(a.ptr + 1);
      srcs.push(a.ptr);
      sizes.push(a.model.length);
    }
    // DURING_API_CALL and ANY promise that no earlier work touches the sources: only after a sync.
    const idle = r.int(8) === 0;
    if (idle) await cu.cuCtxSynchronize();
    const orders = [cu.CU_MEMCPY_SRC_ACCESS_ORDER_STREAM, cu.CU_MEMCPY_SRC_ACCESS_ORDER_DURING_API_CALL, cu.CU_MEMCPY_SRC_ACCESS_ORDER_ANY];
    const order = () => (idle ? orders[r.int(3)] : cu.CU_MEMCPY_SRC_ACCESS_ORDER_STREAM);
    const attrs = [{ srcAccessOrder: order() }, { srcAccessOrder: order() }];
    const split = dsts.length > 1 ? 1 + r.int(dsts.length - 1) : 0;
    const [num, idxs] = split ? [2, [0, split]] : [1, [0]];
    batches++;
    const res = cu.cuMemcpyBatchAsync(dsts, srcs, sizes, dsts.length, attrs.slice(0, num), idxs, num, next(streams[1 + r.int(streams.length - 1)]));
    expect(res).toBe(invalid ? cu.CUDA_ERROR_INVALID_VALUE : cu.CUDA_SUCCESS);
    if (!invalid) for (const f of apply) f();
  }

  /** Text-like bytes: words of a small alphabet, so that streams hold matches. */
  function words(n: number): Uint8Array<ArrayBuffer> {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = r.int(9) === 0 ? 32 : 97 + r.int(r.int(4) === 0 ? 26 : 6);
    return out;
  }

  /** A random LZ4 block of about n bytes of output: matches up to 64 KiB back, its end as the rules want (mostly). */
  function lz4Block(n: number): Uint8Array {
    const bytes: number[] = [];
    let pos = 0;
    while (pos < n) {
      const l = words(r.int(4) === 0 ? r.int(40) : r.int(6) + (pos === 0 ? 1 : 0));
      const m = 4 + (r.int(4) === 0 ? r.int(300) : r.int(16));
      bytes.push(...seq(l, 1 + r.int(Math.min(pos + l.length, 65535)), m));
      pos += l.length + m;
    }
    bytes.push(...seq(words(r.int(8) === 0 ? r.int(5) : 5 + r.int(12))));
    return new Uint8Array(bytes);
  }

  /** A random raw Snappy stream of about n bytes of output: literals and copies of every offset width. */
  function snappyStream(n: number): Uint8Array {
    const bytes: number[] = [];
    let pos = 0;
    while (pos < n) {
      if (pos === 0 || r.int(3) === 0) {
        const l = words(1 + r.int(r.int(4) === 0 ? 100 : 8));
        bytes.push(...lit(l));
        pos += l.length;
        continue;
      }
      const kind = r.int(8);
      const len = kind < 4 ? 4 + r.int(8) : 1 + r.int(64);
      const off = 1 + r.int(Math.min(pos, kind < 4 ? 2047 : 65535));
      bytes.push(...(kind < 4 ? copy1(off, len) : kind < 7 ? copy2(off, len) : copy4(off, len)));
      pos += len;
    }
    return new Uint8Array(bytes);
  }

  /** Raw Deflate from the platform's own encoder (zlib in Node, Chromium's in a page). */
  async function deflateRaw(data: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
    const cs = new CompressionStream('deflate-raw');
    const w = cs.writable.getWriter();
    void w.write(data);
    void w.close();
    return new Uint8Array(await new Response(cs.readable).arrayBuffer());
  }

  /**
   * A decompression batch of one to three operations on a random stream. A source is a stream that an
   * async host copy on a stream writes just before (LZ4 and Snappy: damaged now and then), or whatever the
   * model holds there (LZ4, Snappy); destinations (dstNumBytes 0 too), dstActBytes and status words lie at
   * random offsets of random allocations, unaligned too, apart from each other and from the sources. The
   * model decodes the source as it is at the call with the reference decoders (Deflate: its own streams,
   * whole): bytes past dstActBytes and outside these words stay as they were.
   */
  async function decompressStep() {
    const used: { model: Uint8Array; lo: number; hi: number }[] = [];
    /** A free region of len bytes (to the allocation's end with `rest`) in a random allocation, or null. */
    const take = (len: number, align = 1, rest = false) => {
      for (let t = 0; t < 8; t++) {
        const x = pick();
        if (x.model.length < len) continue;
        const lo = Math.floor(r.int(x.model.length - len + 1) / align) * align;
        const hi = rest ? x.model.length : lo + len;
        if (used.some((u) => u.model === x.model && u.lo < hi && lo < u.hi)) continue;
        used.push({ model: x.model, lo, hi });
        return { x, lo };
      }
      return null;
    };
    const algos = [cu.CU_MEM_DECOMPRESS_ALGORITHM_LZ4, cu.CU_MEM_DECOMPRESS_ALGORITHM_SNAPPY, cu.CU_MEM_DECOMPRESS_ALGORITHM_DEFLATE];
    const params: cu.CUmemDecompressParams[] = [];
    type Region = { x: Alloc; lo: number };
    const targets: { decode: () => { out: Uint8Array; status: number }; dst: Region; act: Region; st: Region | null }[] = [];
    const s = stream();
    let auto = false;
    for (let k = 1 + r.int(3); k > 0; k--) {
      const algo = algos[r.int(3)];
      const n = r.int(4) === 0 ? r.int(3000) : r.int(300);
      const data = words(n);
      const deflate = algo === cu.CU_MEM_DECOMPRESS_ALGORITHM_DEFLATE;
      let comp = algo === cu.CU_MEM_DECOMPRESS_ALGORITHM_LZ4 ? lz4Block(n) : deflate ? await deflateRaw(data) : snappyStream(n);
      const asIs = !deflate && r.int(6) === 0;
      if (asIs) comp = new Uint8Array(r.int(400));
      else if (!deflate && r.int(5) === 0 && comp.length) comp[r.int(comp.length)] ^= 1 << r.int(8);
      const src = take(Math.max(comp.length, 1));
      if (!src) continue;
      if (!asIs) {
        expect(cu.cuMemcpyHtoDAsync(src.x.ptr + src.lo, comp, comp.length, r.int(4) ? s : stream())).toBe(cu.CUDA_SUCCESS);
        src.x.model.set(comp, src.lo);
      }
      // Deflate's output is the data, so its capacity holds it; LZ4 and Snappy's may be anything.
      const want = deflate ? Math.max(1, n + r.int(64)) : 1 + r.int(n + 64);
      const isAuto: boolean = !auto && r.int(6) === 0;
      const dst = take(want, 1, isAuto);
      const act = take(4, r.int(4) ? 4 : 1);
      const st = r.int(2) ? take(4, 4) : null;
      if (!dst || !act) continue;
      auto ||= isAuto;
      const cap = isAuto ? dst.x.model.length - dst.lo : want;
      const srcBytes = src.x.model.slice(src.lo, src.lo + comp.length);
      const decode = () => (deflate ? { out: data, status: DECOMPRESS_STATUS.OK } : algo === cu.CU_MEM_DECOMPRESS_ALGORITHM_LZ4 ? lz4Decode(srcBytes, cap) : snappyDecode(srcBytes, cap));
      targets.push({ decode, dst, act, st });
      params.push({ src: src.x.ptr + src.lo, srcNumBytes: comp.length, dst: dst.x.ptr + dst.lo, dstNumBytes: isAuto ? 0 : cap, dstActBytes: act.x.ptr + act.lo, algo, ...(st ? { status: st.x.ptr + st.lo } : {}) });
    }
    if (!params.length) return;
    expect(cu.cuMemBatchDecompressAsync(params, params.length, 0, next(s))).toEqual([cu.CUDA_SUCCESS, 0]);
    decompressions += params.length;
    for (const { decode, dst, act, st } of targets) {
      const { out, status } = decode();
      dst.x.model.set(out, dst.lo);
      new DataView(act.x.model.buffer).setUint32(act.lo, out.length, true);
      if (st) new DataView(st.x.model.buffer).setUint32(st.lo, status, true);
    }
  }

  /**
   * An allocation as large as one buffer may be: WebGPU may not back it (SwiftShader does not). Work
   * enqueued before WebGPU answers is dropped if it could not; then every use reports
   * CUDA_ERROR_OUT_OF_MEMORY, and nothing else is disturbed. Larger than any buffer fails at once.
   */
  async function unbackable(a: Alloc) {
    const [, maxPitch] = cu.cuDeviceGetAttribute(cu.CU_DEVICE_ATTRIBUTE_MAX_PITCH, 0);
    const [, free0] = cu.cuMemGetInfo();
    expect(cu.cuMemAlloc(2 ** 64)[0]).toBe(cu.CUDA_ERROR_OUT_OF_MEMORY);
    expect(cu.cuMemAlloc(free0 + 2 ** 30)[0]).toBe(cu.CUDA_ERROR_OUT_OF_MEMORY);
    const [e, big] = cu.cuMemAlloc(maxPitch);
    if (e !== cu.CUDA_SUCCESS) {
      expect(e).toBe(cu.CUDA_ERROR_OUT_OF_MEMORY);
      return;
    }
    // Before WebGPU answers: enqueued on every stream, mixed with work on healthy memory.
    expect(cu.cuMemsetD8Async(big, 7, 4096, stream())).toBe(cu.CUDA_SUCCESS);
    expect(cu.cuMemcpyDtoDAsync(big + 8, a.ptr, Math.min(a.model.length, 65536), stream())).toBe(cu.CUDA_SUCCESS);
    const want = new Uint8Array(16).fill(7);
    want.set(a.model.subarray(0, 8), 8);
    const v = r.next() & 0xff;
    expect(cu.cuMemsetD8Async(a.ptr, v, a.model.length, stream())).toBe(cu.CUDA_SUCCESS);
    a.model.fill(v);
    const got = new Uint8Array(16);
    const res = await cu.cuMemcpyDtoH(got, big, 16);
    if (res === cu.CUDA_SUCCESS) {
      expect(Array.from(got)).toEqual(Array.from(want));
    } else {
      expect(res).toBe(cu.CUDA_ERROR_OUT_OF_MEMORY);
      expect(cu.cuMemsetD8Async(big, 7, 16, stream())).toBe(cu.CUDA_ERROR_OUT_OF_MEMORY);
      expect(cu.cuMemcpyDtoDAsync(a.ptr, big, 1, stream())).toBe(cu.CUDA_ERROR_OUT_OF_MEMORY);
      expect(await cu.cuMemsetD32(big, 7, 4)).toBe(cu.CUDA_ERROR_OUT_OF_MEMORY);
      // The memory WebGPU could not give is free again (staging pools may have grown a little meanwhile).
      expect(cu.cuMemGetInfo()[1]).toBeGreaterThan(free0 - maxPitch / 2);
    }
    expect(cu.cuMemFree(big)).toBe(cu.CUDA_SUCCESS);
    await check();
  }
}

/** The model of a 2D memset of `count` elements of `size` bytes per row. */
function fillModel(m: Uint8Array, start: number, size: number, v: number, count: number, rows: number, pitch: number) {
  const bytes = [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
  for (let y = 0; y < rows; y++) {
    const row = start + y * pitch;
    for (let i = 0; i < count * size; i++) m[row + i] = size === 1 ? bytes[0] : bytes[i % size];
  }
}
