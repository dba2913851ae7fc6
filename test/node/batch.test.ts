// Batch copies: cuMemcpyBatchAsync and cuMemcpy3DBatchAsync against a CPU model (every destination
// buffer compared whole, so bytes next to each entry are canaries), the dispatches a batch costs, stream
// order around a batch, and every error the reference and prior art give — with the destination left
// untouched.

import { describe, expect, test } from 'vitest';
import { state } from '../../src/core/state.ts';
import { cu, firstDiff, readDevice, rng, startWebcu } from '../shared/webcu.ts';

const OK = cu.CUDA_SUCCESS;
const INVALID = cu.CUDA_ERROR_INVALID_VALUE;
const STREAM = { srcAccessOrder: cu.CU_MEMCPY_SRC_ACCESS_ORDER_STREAM };
const dispatches = () => state.devices[0].rec.dispatches;

type Ptr = number | Uint8Array;

/** A device allocation or a host buffer with its model. */
interface Buf {
  name: string;
  /** Pointer to byte k: a device address or a host view. */
  at: (k: number) => Ptr;
  model: Uint8Array;
  read: () => Promise<Uint8Array>;
}

function device(name: string, n: number, fill: Uint8Array): Buf {
  const [e, p] = cu.cuMemAlloc(n);
  expect(e).toBe(OK);
  expect(cu.cuMemcpyHtoDAsync(p, fill, n, null)).toBe(OK);
  return { name, at: (k) => p + k, model: fill.slice(), read: () => readDevice(p, n) };
}

function host(name: string, kind: 'pageable' | 'pinned' | 'registered', n: number, fill: Uint8Array): Buf {
  let v: Uint8Array;
  if (kind === 'pinned') v = cu.cuMemAllocHost(n)[1]!;
  else v = new Uint8Array(n + 8).subarray(3, 3 + n);
  if (kind === 'registered') expect(cu.cuMemHostRegister(v, n, 0)).toBe(OK);
  v.set(fill);
  return { name, at: (k) => v.subarray(k), model: fill.slice(), read: async () => v.slice() };
}

/** The model of a 3D copy: rows of w bytes, h rows per slice, d slices, each side with its pitches. */
function copyModel(s: Uint8Array, so: number, sp: number, ss: number, t: Uint8Array, to: number, tp: number, ts: number, w: number, h: number, d: number) {
  for (let z = 0; z < d; z++) {
    for (let y = 0; y < h; y++) t.set(s.subarray(so + z * ss + y * sp, so + z * ss + y * sp + w), to + z * ts + y * tp);
  }
}

async function expectModel(bufs: Buf[], what: string) {
  for (const b of bufs) {
    const got = await b.read();
    const i = firstDiff(got, b.model);
    expect(i, `${what}: ${b.name} differs at byte ${i} (got ${got[i]}, want ${b.model[i]})`).toBe(-1);
  }
}

describe('cuMemcpyBatchAsync', () => {
  test('10,000 entries in every direction, pinned and pageable, edges sharing words and chunks', async () => {
    await startWebcu();
    const r = rng(8);
    const n = 1 << 20;
    const [, s] = cu.cuStreamCreate(0);
    const srcs: Buf[] = [
      device('device src', n, r.bytes(n)),
      host('pageable src', 'pageable', n, r.bytes(n)),
      host('pinned src', 'pinned', n, r.bytes(n)),
      host('registered src', 'registered', n, r.bytes(n)),
    ];
    const dsts: Buf[] = [
      device('device dst', n, r.bytes(n)),
      device('device dst 2', n, r.bytes(n)),
      host('pageable dst', 'pageable', n, r.bytes(n)),
      host('pinned dst', 'pinned', n, r.bytes(n)),
    ];
    // Within one allocation: sources in the first half, destinations in the second.
    const both = device('device src+dst', n, r.bytes(n));
    // Sources of entries read during the call: overwritten once the call returns.
    const during = [host('pageable during', 'pageable', 4096, r.bytes(4096)), host('pinned during', 'pinned', 4096, r.bytes(4096))];
    await cu.cuCtxSynchronize();
    const cursor = new Map<Buf, number>([[both, n / 2]]);
    const count = 10000;
    const D: Ptr[] = [];
    const S: Ptr[] = [];
    const N: number[] = [];
    const apply: (() => void)[] = [];
    // Attribute sets: STREAM for 0..2999, DURING_API_CALL for 3000..3999, ANY after.
    const attrs = [STREAM, { srcAccessOrder: cu.CU_MEMCPY_SRC_ACCESS_ORDER_DURING_API_CALL }, { srcAccessOrder: cu.CU_MEMCPY_SRC_ACCESS_ORDER_ANY, flags: cu.CU_MEMCPY_FLAG_PREFER_OVERLAP_WITH_COMPUTE }];
    for (let i = 0; i < count; i++) {
      const len = 1 + (r.int(10) === 0 ? r.int(3000) : r.int(40));
      const inDuring = i >= 3000 && i < 4000 && r.int(2) === 0;
      const same = !inDuring && r.int(8) === 0;
      const src = inDuring ? during[r.int(2)] : same ? both : srcs[r.int(srcs.length)];
      const dst = same ? both : dsts[r.int(dsts.length)];
      const so = r.int((src === both ? n / 2 : src.model.length) - len);
      // Destinations follow each other, 0 to 5 bytes apart: neighbours share words and 16-byte chunks.
      const dOff = (cursor.get(dst) ?? 0) + r.int(6);
      if (dOff + len > dst.model.length) continue;
      cursor.set(dst, dOff + len);
      D.push(dst.at(dOff));
      S.push(src.at(so));
      N.push(len);
      apply.push(() => dst.model.set(src.model.subarray(so, so + len), dOff));
    }
    const k = D.length;
    expect(k).toBeGreaterThan(9000);
    expect(cu.cuMemcpyBatchAsync(D, S, N, k, attrs, [0, 3000, 4000], 3, s)).toBe(OK);
    for (const a of apply) a();
    // Sources read during the call, and pageable sources, may be reused at once.
    for (const b of during) (b.at(0) as Uint8Array).fill(0xee);
    (srcs[1].at(0) as Uint8Array).fill(0xdd);
    srcs[1].model.fill(0xdd);
    expect(await cu.cuStreamSynchronize(s)).toBe(OK);
    await expectModel([...dsts, both], 'batch');
    expect(cu.cuStreamDestroy(s!)).toBe(OK);
  });

  test('a big device batch is one dispatch (two with unaligned edges) per pair of buffers, as a loop of small copies is', async () => {
    await startWebcu();
    const K = 16384;
    const S = 4096;
    const r = rng(9);
    const a = device('a', K * S, r.bytes(K * S));
    const b = device('b', K * S, r.bytes(K * S));
    const c = device('c', 1 << 16, r.bytes(1 << 16));
    const [, s] = cu.cuStreamCreate(0);
    await cu.cuCtxSynchronize();
    const heap = (p: Ptr) => cu.cuMemGetHandleForAddressRange(p as number, 1, cu.CU_MEM_RANGE_HANDLE_TYPE_WEBGPU_BUFFER, 0)[1]!.buffer;

    // a → b, 16384 × 4 KiB: one dispatch.
    const D = Array.from({ length: K }, (_, i) => b.at(i * S));
    const Sr = Array.from({ length: K }, (_, i) => a.at(i * S));
    let before = dispatches();
    expect(cu.cuMemcpyBatchAsync(D, Sr, new Array(K).fill(S), K, [STREAM], [0], 1, s)).toBe(OK);
    expect(dispatches() - before).toBe(1);
    b.model.set(a.model);

    // Three buffers: as many dispatch pairs (whole chunks, then the unaligned edges) as distinct (source,
    // destination) buffer pairs.
    const pairs: [Buf, Buf][] = [[a, b], [c, b], [a, c], [c, c], [b, a]];
    const D2: Ptr[] = [];
    const S2: Ptr[] = [];
    const apply: (() => void)[] = [];
    pairs.forEach(([src, dst], j) => {
      for (let i = 0; i < 100; i++) {
        // Sources below 20,000, destinations from 30,000: no entry reads what another writes.
        const so = j * 4000 + i * 37;
        const dOff = 30000 + j * 6000 + i * 33 + 1;
        D2.push(dst.at(dOff));
        S2.push(src.at(so));
        apply.push(() => dst.model.set(src.model.slice(so, so + 33), dOff));
      }
    });
    const expected = new Set(pairs.map(([src, dst]) => `${state.devices[0].rec.bufferId(heap(src.at(0)))}>${state.devices[0].rec.bufferId(heap(dst.at(0)))}`)).size;
    before = dispatches();
    expect(cu.cuMemcpyBatchAsync(D2, S2, new Array(D2.length).fill(33), D2.length, [STREAM], [0], 1, s)).toBe(OK);
    expect(dispatches() - before).toBe(2 * expected);
    for (const f of apply) f();
    expect(await cu.cuStreamSynchronize(s)).toBe(OK);
    await expectModel([a, b, c], 'pairs');

    // The same 16384 copies as a loop of cuMemcpyDtoDAsync join one list: one dispatch too.
    before = dispatches();
    for (let i = 0; i < K; i++) expect(cu.cuMemcpyDtoDAsync(a.at(i * S) as number, b.at(i * S) as number, S, s)).toBe(OK);
    a.model.set(b.model);
    expect(await cu.cuStreamSynchronize(s)).toBe(OK);
    expect(dispatches() - before).toBe(1);
    await expectModel([a], 'loop');
    expect(cu.cuStreamDestroy(s!)).toBe(OK);
  });

  test('a batch is one unit in stream order with the host steps around it', async () => {
    await startWebcu();
    const n = 4099;
    const r = rng(10);
    const d = device('d', n, r.bytes(n));
    const e = device('e', n, new Uint8Array(n));
    const [, s] = cu.cuStreamCreate(0);
    for (const kind of ['pinned', 'pageable'] as const) {
      const h = host(kind, kind, n, new Uint8Array(n));
      await cu.cuCtxSynchronize();
      // A readback into h, then a batch that uploads h (waits for it) and reads back into h's other half.
      expect(cu.cuMemcpyDtoHAsync(h.at(0) as Uint8Array, d.at(0) as number, 2000, s)).toBe(OK);
      expect(cu.cuMemcpyBatchAsync([e.at(0), h.at(2000)], [h.at(0), d.at(2000)], [2000, n - 2000], 2, [STREAM], [0], 1, s)).toBe(OK);
      // Then an upload of what the batch read back.
      expect(cu.cuMemcpyHtoDAsync(e.at(2000) as number, h.at(2000) as Uint8Array, n - 2000, s)).toBe(OK);
      e.model.set(d.model);
      expect(await cu.cuStreamSynchronize(s)).toBe(OK);
      await expectModel([e], kind);
      e.model.fill(0);
      expect(await cu.cuMemsetD8(e.at(0) as number, 0, n)).toBe(OK);
    }
    expect(cu.cuStreamDestroy(s!)).toBe(OK);
  });

  test('every invalid call returns its error and writes nothing', async () => {
    await startWebcu();
    const n = 4096;
    const r = rng(11);
    const d = device('d', n, r.bytes(n));
    const src = device('src', n, r.bytes(n));
    const h = host('h', 'pageable', n, r.bytes(n));
    const [, s] = cu.cuStreamCreate(0);
    await cu.cuCtxSynchronize();
    // Two valid entries, then the one under test as the third (unless the case replaces the arrays).
    type Args = { dsts: unknown; srcs: unknown; sizes: unknown; count: unknown; attrs: unknown; idxs: unknown; num: unknown; stream: unknown };
    const call = (dst: unknown, srcp: unknown, size: unknown, over: Partial<Args> = {}) => {
      const a: Args = { dsts: [d.at(0), h.at(100), dst], srcs: [src.at(0), src.at(0), srcp], sizes: [64, 64, size], count: 3, attrs: [STREAM], idxs: [0], num: 1, stream: s, ...over };
      return cu.cuMemcpyBatchAsync(a.dsts as Ptr[], a.srcs as Ptr[], a.sizes as number[], a.count as number, a.attrs as never, a.idxs as number[], a.num as number, a.stream as never);
    };
    const ok = [d.at(200), src.at(0), 8] as const;
    const cases: [string, number, number][] = [
      ['count 0', call(...ok, { count: 0 }), INVALID],
      ['NULL dsts', call(...ok, { dsts: null }), INVALID],
      ['NULL srcs', call(...ok, { srcs: null }), INVALID],
      ['NULL sizes', call(...ok, { sizes: null }), INVALID],
      ['NULL attrs', call(...ok, { attrs: null }), INVALID],
      ['NULL attrsIdxs', call(...ok, { idxs: null }), INVALID],
      ['a NULL destination', call(0, src.at(0), 8), INVALID],
      ['a NULL source', call(d.at(200), null, 8), INVALID],
      ['a missing entry', call(...ok, { count: 4 }), INVALID],
      ['size 0', call(d.at(200), src.at(0), 0), INVALID],
      ['a size that is no size_t', call(d.at(200), src.at(0), -8), INVALID],
      ['a destination past the allocation', call(d.at(n - 4), src.at(0), 8), INVALID],
      ['a source past the allocation', call(d.at(200), src.at(n - 4), 8), INVALID],
      ['a host view shorter than the size', call(d.at(200), new Uint8Array(4), 8), INVALID],
      ['an unallocated pointer', call(d.at(200), 12345, 8), INVALID],
      ['a pointer of another type', call(d.at(200), 'x', 8), INVALID],
      ['numAttrs 0', call(...ok, { num: 0, attrs: [], idxs: [] }), INVALID],
      ['numAttrs > count', call(...ok, { num: 4, attrs: [STREAM, STREAM, STREAM, STREAM], idxs: [0, 1, 2, 3] }), INVALID],
      ['attrsIdxs[0] ≠ 0', call(...ok, { num: 2, attrs: [STREAM, STREAM], idxs: [1, 2] }), INVALID],
      ['attrsIdxs not rising', call(...ok, { num: 2, attrs: [STREAM, STREAM], idxs: [0, 0] }), INVALID],
      ['attrsIdxs falling', call(...ok, { num: 3, attrs: [STREAM, STREAM, STREAM], idxs: [0, 2, 1] }), INVALID],
      ['attrsIdxs ≥ count', call(...ok, { num: 2, attrs: [STREAM, STREAM], idxs: [0, 3] }), INVALID],
      ['srcAccessOrder INVALID', call(...ok, { attrs: [{ srcAccessOrder: cu.CU_MEMCPY_SRC_ACCESS_ORDER_INVALID }] }), INVALID],
      ['srcAccessOrder 4', call(...ok, { attrs: [{ srcAccessOrder: 4 }] }), INVALID],
      ['srcAccessOrder absent', call(...ok, { attrs: [{}] }), INVALID],
      ['a bad set among good ones', call(...ok, { num: 2, attrs: [STREAM, { srcAccessOrder: 0 }], idxs: [0, 2] }), INVALID],
      ['undefined flags', call(...ok, { attrs: [{ ...STREAM, flags: 2 }] }), INVALID],
      ['a location hint of no type', call(...ok, { attrs: [{ ...STREAM, srcLocHint: { type: 9, id: 0 } }] }), INVALID],
      ['a location hint that is no object', call(...ok, { attrs: [{ ...STREAM, dstLocHint: 1 }] }), INVALID],
      ['the NULL stream', call(...ok, { stream: null }), INVALID],
      ['stream 0', call(...ok, { stream: 0 }), INVALID],
      ['CU_STREAM_LEGACY', call(...ok, { stream: cu.CU_STREAM_LEGACY }), INVALID],
      ['a stream that is no stream', call(...ok, { stream: {} }), cu.CUDA_ERROR_INVALID_HANDLE],
    ];
    const poisoned = [64, 64];
    Object.defineProperty(poisoned, 2, { get: () => { throw new Error('poison'); } });
    cases.push(['a size whose getter throws', call(...ok, { sizes: poisoned }), INVALID]);
    for (const [what, got, want] of cases) expect(got, what).toBe(want);
    expect(await cu.cuStreamSynchronize(s)).toBe(OK);
    await expectModel([d, h], 'errors');
    // Valid hints and the per-thread default stream are accepted.
    const hint = { ...STREAM, srcLocHint: { type: cu.CU_MEM_LOCATION_TYPE_DEVICE, id: 0 }, dstLocHint: { type: cu.CU_MEM_LOCATION_TYPE_HOST, id: 0 } };
    expect(call(...ok, { attrs: [hint], stream: cu.CU_STREAM_PER_THREAD })).toBe(OK);
    expect(await cu.cuCtxSynchronize()).toBe(OK);
    d.model.set(src.model.subarray(0, 64), 0);
    d.model.set(src.model.subarray(0, 8), 200);
    h.model.set(src.model.subarray(0, 64), 100);
    await expectModel([d, h], 'valid');
    expect(cu.cuStreamDestroy(s!)).toBe(OK);
  });

  test('every argument and field is read once', async () => {
    await startWebcu();
    const d = device('d', 256, new Uint8Array(256));
    const src = device('s', 256, new Uint8Array(256).fill(7));
    const [, s] = cu.cuStreamCreate(0);
    const reads = new Map<string, number>();
    const counted = <T extends object>(name: string, o: T): T =>
      new Proxy(o, {
        get(t, k, rcv) {
          if (typeof k === 'string') reads.set(`${name}.${k}`, (reads.get(`${name}.${k}`) ?? 0) + 1);
          return Reflect.get(t, k, rcv);
        },
      });
    const attr = counted('attr', { srcAccessOrder: 1, srcLocHint: counted('hint', { type: 1, id: 0 }), dstLocHint: { type: 0, id: 0 }, flags: 0 });
    expect(cu.cuMemcpyBatchAsync(counted('dsts', [d.at(0), d.at(100)]), counted('srcs', [src.at(0), src.at(8)]), counted('sizes', [8, 9]), 2, counted('attrs', [attr]), counted('idxs', [0]), 1, s)).toBe(OK);
    const op = counted('op', {
      src: counted('src', { type: 1, op: counted('srcop', { ptr: counted('srcptr', { ptr: src.at(0), rowLength: 0, layerHeight: 0, locHint: counted('locHint', { type: 2, id: 0 }) }) }) }),
      dst: { type: 1, op: { ptr: { ptr: d.at(200), rowLength: 0, layerHeight: 0 } } },
      extent: counted('extent', { width: 4, height: 2, depth: 1 }),
      srcAccessOrder: 1,
      flags: 0,
    });
    expect(cu.cuMemcpy3DBatchAsync(1, counted('ops', [op]), 0, s)).toBe(OK);
    expect(Math.max(...reads.values())).toBe(1);
    for (const k of ['dsts.0', 'dsts.1', 'srcs.1', 'sizes.1', 'attrs.0', 'idxs.0', 'attr.srcAccessOrder', 'attr.flags', 'hint.type', 'hint.id', 'ops.0', 'op.extent', 'extent.depth', 'srcptr.ptr', 'srcptr.layerHeight', 'locHint.type']) {
      expect(reads.get(k), k).toBe(1);
    }
    expect(await cu.cuStreamSynchronize(s)).toBe(OK);
    expect(Array.from(await readDevice(d.at(200) as number, 9))).toEqual([7, 7, 7, 7, 7, 7, 7, 7, 0]);
    expect(cu.cuStreamDestroy(s!)).toBe(OK);
  });
});

describe('cuMemcpy3DBatchAsync', () => {
  /** A pointer operand. */
  const ptr = (p: Ptr, rowLength = 0, layerHeight = 0) => ({ type: cu.CU_MEMCPY_OPERAND_TYPE_POINTER, op: { ptr: { ptr: p, rowLength, layerHeight } } });

  test('pitched operands and random extents in every direction match the model', async () => {
    await startWebcu();
    const r = rng(12);
    const n = 1 << 19;
    const srcs = [device('device src', n, r.bytes(n)), host('pageable src', 'pageable', n, r.bytes(n)), host('pinned src', 'pinned', n, r.bytes(n))];
    const dsts = [device('device dst', n, r.bytes(n)), host('pageable dst', 'pageable', n, r.bytes(n)), host('registered dst', 'registered', n, r.bytes(n))];
    const [, s] = cu.cuStreamCreate(0);
    await cu.cuCtxSynchronize();
    for (let round = 0; round < 4; round++) {
      const ops = [];
      const apply: (() => void)[] = [];
      const cursor = new Map<Buf, number>();
      for (let i = 0; i < 150; i++) {
        const w = 1 + r.int(r.int(4) === 0 ? 600 : 40);
        const h = 1 + r.int(12);
        const d = 1 + r.int(r.int(3) === 0 ? 4 : 1);
        const sRow = r.int(2) ? 0 : w + r.int(50);
        const sLayer = r.int(2) ? 0 : h + r.int(3);
        const dRow = r.int(2) ? 0 : w + r.int(50);
        const dLayer = r.int(2) ? 0 : h + r.int(3);
        const [sp, ss] = [sRow || w, (sRow || w) * (sLayer || h)];
        const [dp, ds] = [dRow || w, (dRow || w) * (dLayer || h)];
        const sSpan = (d - 1) * ss + (h - 1) * sp + w;
        const dSpan = (d - 1) * ds + (h - 1) * dp + w;
        const src = srcs[r.int(srcs.length)];
        const dst = dsts[r.int(dsts.length)];
        const so = r.int(n - sSpan);
        // Each op's destination span after the last, so rows of different ops never overlap.
        const dOff = (cursor.get(dst) ?? 0) + r.int(5);
        if (dOff + dSpan > n) continue;
        cursor.set(dst, dOff + dSpan);
        ops.push({ src: ptr(src.at(so), sRow, sLayer), dst: ptr(dst.at(dOff), dRow, dLayer), extent: { width: w, height: h, depth: d }, srcAccessOrder: cu.CU_MEMCPY_SRC_ACCESS_ORDER_STREAM, flags: 0 });
        apply.push(() => copyModel(src.model, so, sp, ss, dst.model, dOff, dp, ds, w, h, d));
      }
      expect(cu.cuMemcpy3DBatchAsync(ops.length, ops, 0, s)).toBe(OK);
      for (const f of apply) f();
      expect(await cu.cuStreamSynchronize(s)).toBe(OK);
      await expectModel(dsts, `round ${round}`);
    }
    expect(cu.cuStreamDestroy(s!)).toBe(OK);
  });

  test('every invalid call returns its error and writes nothing', async () => {
    await startWebcu();
    const n = 4096;
    const r = rng(13);
    const d = device('d', n, r.bytes(n));
    const src = device('src', n, r.bytes(n));
    const [, s] = cu.cuStreamCreate(0);
    await cu.cuCtxSynchronize();
    const good = { src: ptr(src.at(0)), dst: ptr(d.at(0)), extent: { width: 16, height: 2, depth: 1 }, srcAccessOrder: cu.CU_MEMCPY_SRC_ACCESS_ORDER_STREAM, flags: 0 };
    const bad = (o: object) => cu.cuMemcpy3DBatchAsync(2, [good, { ...good, ...o }] as never, 0, s);
    const cases: [string, number, number][] = [
      ['numOps 0', cu.cuMemcpy3DBatchAsync(0, [good], 0, s), INVALID],
      ['opList NULL', cu.cuMemcpy3DBatchAsync(1, null as never, 0, s), INVALID],
      ['flags 1', cu.cuMemcpy3DBatchAsync(1, [good], 1, s), INVALID],
      ['the NULL stream', cu.cuMemcpy3DBatchAsync(1, [good], 0, null), INVALID],
      ['a missing op', cu.cuMemcpy3DBatchAsync(2, [good], 0, s), INVALID],
      ['width 0', bad({ extent: { width: 0, height: 2, depth: 1 } }), INVALID],
      ['depth 0', bad({ extent: { width: 16, height: 2, depth: 0 } }), INVALID],
      ['srcAccessOrder INVALID', bad({ srcAccessOrder: 0 }), INVALID],
      ['op flags 2', bad({ flags: 2 }), INVALID],
      ['rowLength < width', bad({ src: ptr(src.at(0), 15) }), INVALID],
      ['layerHeight < height', bad({ dst: ptr(d.at(0), 16, 1) }), INVALID],
      ['operand type 0', bad({ src: { type: 0, op: { ptr: { ptr: src.at(0) } } } }), INVALID],
      ['operand type 3', bad({ dst: { type: 3, op: { ptr: { ptr: d.at(0) } } } }), INVALID],
      ['a NULL pointer', bad({ dst: ptr(0) }), INVALID],
      ['a bad location hint', bad({ src: { type: 1, op: { ptr: { ptr: src.at(0), locHint: { type: 77, id: 0 } } } } }), INVALID],
      // Rows at a pitch of 2048: the second row ends past the allocation.
      ['a pitched range past the allocation', bad({ dst: ptr(d.at(2048), 2048) }), INVALID],
      ['a slice past the allocation', bad({ extent: { width: 16, height: 2, depth: 2 }, src: ptr(src.at(0), 1024, 4) }), INVALID],
      ['an array operand', bad({ dst: { type: cu.CU_MEMCPY_OPERAND_TYPE_ARRAY, op: { array: { array: {}, offset: { x: 0, y: 0, z: 0 } } } } }), cu.CUDA_ERROR_NOT_SUPPORTED],
      // Ranked as cuMemcpy3D ranks them: what CUDA finds invalid first, then what only webcu lacks.
      ['an array operand and a NULL pointer', bad({ src: ptr(0), dst: { type: cu.CU_MEMCPY_OPERAND_TYPE_ARRAY, op: { array: { array: {}, offset: { x: 0, y: 0, z: 0 } } } } }), INVALID],
    ];
    for (const [what, got, want] of cases) expect(got, what).toBe(want);
    expect(await cu.cuStreamSynchronize(s)).toBe(OK);
    await expectModel([d], 'errors');
    expect(cu.cuStreamDestroy(s!)).toBe(OK);
  });
});

describe('cuMemcpyBatchAsync between device pointers (resolved without a descriptor each)', () => {
  test('a range across two allocations, a freed pointer, a pointer between bytes: INVALID_VALUE, nothing written', async () => {
    await startWebcu();
    const r = rng(14);
    const n = 4096;
    // Allocated one after the other: b's base follows a's end (and its guard) in the address space.
    const a = device('a', n, r.bytes(n));
    const b = device('b', n, r.bytes(n));
    const src = device('src', n, r.bytes(n));
    const [, gone] = cu.cuMemAlloc(n);
    expect(cu.cuMemFree(gone)).toBe(OK);
    const [, s] = cu.cuStreamCreate(0);
    await cu.cuCtxSynchronize();
    const A = a.at(0) as number;
    const B = b.at(0) as number;
    const S0 = src.at(0) as number;
    // 500 valid entries into a first, so the bad entry comes after the allocation it names was hit.
    const D = Array.from({ length: 500 }, (_, i) => A + i * 8);
    const S = Array.from({ length: 500 }, (_, i) => S0 + i * 8);
    const N = new Array<number>(500).fill(8);
    const call = (dst: number, srcp: number, size: number) => cu.cuMemcpyBatchAsync([...D, dst], [...S, srcp], [...N, size], 501, [STREAM], [0], 1, s);
    const cases: [string, number][] = [
      ['a destination from the end of a into b', call(A + n - 4, S0, 8)],
      ['a destination from before b into b', call(B - 4, S0, 8)],
      ['a destination one past a', call(A + n, S0, 1)],
      ['a source across the end of src', call(B, S0 + n - 1, 2)],
      ['a freed destination', call(gone, S0, 8)],
      ['a freed source', call(B, gone + 16, 8)],
      ['a destination between two bytes', call(A + 100.5, S0, 8)],
      ['a source between two bytes', call(B, S0 + 0.5, 8)],
      ['a negative source', call(B, -S0, 8)],
      ['NaN as the destination', call(NaN, S0, 8)],
    ];
    for (const [what, got] of cases) expect(got, what).toBe(INVALID);
    expect(await cu.cuStreamSynchronize(s)).toBe(OK);
    await expectModel([a, b, src], 'refused');
    // The entries taken before each refusal left nothing behind: the next batch copies its own only.
    expect(cu.cuMemcpyBatchAsync([B + 1, B + 100], [S0 + 3, S0 + 200], [50, 7], 2, [STREAM], [0], 1, s)).toBe(OK);
    b.model.set(src.model.subarray(3, 53), 1);
    b.model.set(src.model.subarray(200, 207), 100);
    expect(await cu.cuStreamSynchronize(s)).toBe(OK);
    await expectModel([a, b, src], 'after');
    expect(cu.cuStreamDestroy(s!)).toBe(OK);
  });

  test('device, host and DURING_API_CALL entries interleaved in one batch, over several allocations', async () => {
    await startWebcu();
    const r = rng(15);
    const n = 1 << 16;
    const devs = [0, 1, 2].map((k) => device(`dev ${k}`, n, r.bytes(n)));
    const pageable = host('pageable', 'pageable', n, r.bytes(n));
    const pinned = host('pinned', 'pinned', n, r.bytes(n));
    // Page-locked memory is read in stream order, unless its entries read their sources during the call.
    const pinnedDuring = host('pinned during', 'pinned', n, r.bytes(n));
    const hostDst = host('host dst', 'pageable', n, r.bytes(n));
    const [, s] = cu.cuStreamCreate(0);
    await cu.cuCtxSynchronize();
    const dsts: Buf[] = [...devs, hostDst];
    const cursor = new Map<Buf, number>();
    const D: Ptr[] = [];
    const S: Ptr[] = [];
    const N: number[] = [];
    // The second half of the entries reads its sources during the call: from entry `half` of the batch.
    let half = 0;
    for (let i = 0; i < 3000; i++) {
      if (i === 1500) half = D.length;
      const len = 1 + r.int(r.int(8) === 0 ? 300 : 20);
      const sides = [...devs, pageable, i < 1500 ? pinned : pinnedDuring];
      const src = sides[r.int(sides.length)];
      const dst = dsts[r.int(dsts.length)];
      // Sources in the first half of each buffer, destinations in the second: no entry reads another's output.
      const so = r.int(n / 2 - len);
      const dOff = (cursor.get(dst) ?? n / 2) + r.int(4);
      if (dOff + len > n) continue;
      cursor.set(dst, dOff + len);
      D.push(dst.at(dOff));
      S.push(src.at(so));
      N.push(len);
      dst.model.set(src.model.subarray(so, so + len), dOff);
    }
    expect(half).toBeGreaterThan(500);
    expect(D.length - half).toBeGreaterThan(500);
    const during = { srcAccessOrder: cu.CU_MEMCPY_SRC_ACCESS_ORDER_DURING_API_CALL };
    expect(cu.cuMemcpyBatchAsync(D, S, N, D.length, [STREAM, during], [0, half], 2, s)).toBe(OK);
    // Sources the caller may reuse once the call returns: pageable ones, and those read during the call.
    (pageable.at(0) as Uint8Array).fill(0x11);
    (pinnedDuring.at(0) as Uint8Array).fill(0x22);
    expect(await cu.cuStreamSynchronize(s)).toBe(OK);
    await expectModel(dsts, 'interleaved');
    expect(cu.cuStreamDestroy(s!)).toBe(OK);
  });
});
