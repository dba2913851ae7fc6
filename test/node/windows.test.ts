// Buffers larger than one storage binding: with webcu limited to 8 MiB bindings, 20+ MiB allocations get
// dedicated buffers that every kernel must reach through windows (copies split across windows, copies
// within one buffer whose ends are further apart than a binding, fills, 2D fills, decompression far into
// a buffer; sources longer than a binding; the differential test with allocations of up to 20 MiB).
// Everything is checked against a CPU model.

import { afterEach, expect, test } from 'vitest';
import { deflate, lz4, snappy } from '../shared/encoders.ts';
import { refDecode as lz4Decode } from '../shared/lz4-ref.ts';
import { refDecode as snappyDecode } from '../shared/snappy-ref.ts';
import { cu, firstDiff, largestBinding, readDevice, rng, startWebcu } from '../shared/webcu.ts';
import { runDifferential } from '../shared/differential.ts';
import { textBytes } from './decoder-harness.ts';
import { expectDecoded, keptBuffer, run } from './large-harness.ts';

const MiB = 2 ** 20;
const OK = cu.CUDA_SUCCESS;

/** webcu limited to 8 MiB bindings, its bind groups measured (test/shared/webcu.ts largestBinding). */
let largest = () => 0;
async function start() {
  await startWebcu({ maxStorageBinding: 8 * MiB });
  largest = largestBinding();
}

afterEach(() => expect(largest()).toBeLessThanOrEqual(8 * MiB));

test('copies, fills and decompression through binding windows match the model', async () => {
  await start();
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
  await start();
  // dstNumBytes 0: each operation may write up to the end of its allocation, capped at 4 MiB, so the batch
  // runs as parts of two operations. dstActBytes and status interleaved, then as two arrays of consecutive
  // words (each part's words one run from the middle of the arrays).
  const data = new TextEncoder().encode('parts '.repeat(5000));
  const comp = lz4(data);
  const n = 6;
  const [, src] = cu.cuMemAlloc(comp.length);
  const [, meta] = cu.cuMemAlloc(8 * n);
  expect(await cu.cuMemcpyHtoD(src, comp, comp.length)).toBe(OK);
  const dsts = Array.from({ length: n }, () => cu.cuMemAlloc(5 * MiB)[1]);
  for (const packed of [false, true]) {
    expect(await cu.cuMemsetD8(meta, 0xee, 8 * n)).toBe(OK);
    const act = (i: number) => (packed ? meta + 4 * i : meta + 8 * i);
    const status = (i: number) => (packed ? meta + 4 * n + 4 * i : meta + 8 * i + 4);
    const params = dsts.map((dst, i) => ({ src, srcNumBytes: comp.length, dst: dst + 1, dstNumBytes: 0, dstActBytes: act(i), status: status(i), algo: cu.CU_MEM_DECOMPRESS_ALGORITHM_LZ4 }));
    expect(cu.cuMemBatchDecompressAsync(params, n, 0, null)).toEqual([OK, 0]);
    expect(await cu.cuCtxSynchronize()).toBe(OK);
    const m = new DataView((await readDevice(meta, 8 * n)).buffer);
    for (let i = 0; i < n; i++) {
      expect([m.getUint32(act(i) - meta, true), m.getUint32(status(i) - meta, true)]).toEqual([data.length, 0]);
      expect(firstDiff(await readDevice(dsts[i] + 1, data.length), data)).toBe(-1);
    }
  }
  for (const d of dsts) expect(cu.cuMemFree(d)).toBe(OK);
  expect(cu.cuMemFree(src)).toBe(OK);
  expect(cu.cuMemFree(meta)).toBe(OK);
});

test('planning fuzz: shuffled operations over many allocations, windows and parts, with some status words and dstNumBytes 0', async () => {
  await start();
  const { CU_MEM_DECOMPRESS_ALGORITHM_DEFLATE: DEFLATE, CU_MEM_DECOMPRESS_ALGORITHM_LZ4: LZ4, CU_MEM_DECOMPRESS_ALGORITHM_SNAPPY: SNAPPY } = cu;
  const enc = await import('../shared/encoders.ts');
  const r = rng(4242);
  const words = 'alpha beta gamma delta window part batch plan '.split(' ');
  const text = (n: number) => new TextEncoder().encode(Array.from({ length: n }, () => words[r.int(words.length)]).join(' ')).subarray(0, n);
  for (let round = 0; round < 3; round++) {
    const n = 150 + r.int(150);
    // Sources and destinations: a few small allocations (heap buffers) and one of 20 MiB (a dedicated buffer
    // reached through several 8 MiB windows), operations spread over each.
    const sizes = [20 * MiB, 512 * 1024, 300 * 1024];
    const srcs = sizes.map((s) => ({ p: cu.cuMemAlloc(s)[1], size: s, host: new Uint8Array(s), at: 0 }));
    const dsts = sizes.map((s) => ({ p: cu.cuMemAlloc(s)[1], size: s, model: new Uint8Array(s).fill(0x5a), at: 0 }));
    // dstActBytes and status words at any byte offset in three allocations, one of them 20 MiB.
    const metas = [20 * MiB, 16 * n + 64, 16 * n + 64].map((size) => ({ p: cu.cuMemAlloc(size)[1], size, model: new Uint8Array(size).fill(0xee) }));
    for (const d of dsts) expect(await cu.cuMemsetD8(d.p, 0x5a, d.size)).toBe(OK);
    for (const m of metas) expect(await cu.cuMemsetD8(m.p, 0xee, m.size)).toBe(OK);
    const metaSlot = new Set<string>();
    const slot = () => {
      for (;;) {
        const m = r.int(3);
        const off = r.int(metas[m].size - 4);
        const key = (o: number) => `${m}:${o}`;
        if ([-3, -2, -1, 0, 1, 2, 3].some((k) => metaSlot.has(key(off + k)))) continue;
        metaSlot.add(key(off));
        return { m, off };
      }
    };
    const params: cu.CUmemDecompressParams[] = [];
    const put = (s: { m: number; off: number }, v: number) => new DataView(metas[s.m].model.buffer).setUint32(s.off, v, true);
    for (let i = 0; i < n; i++) {
      const data = r.int(4) === 0 ? r.bytes(1 + r.int(3000)) : text(1 + r.int(9000));
      const algo = [DEFLATE, LZ4, SNAPPY][r.int(3)];
      const comp = enc.encoders[algo](data);
      const big = r.int(3) === 0;
      const s = srcs[big ? 0 : 1 + r.int(2)];
      const d = dsts[big ? 0 : 1 + r.int(2)];
      // In the big allocations, jumps of up to 3 MiB make the operations span several windows.
      if (s === srcs[0]) s.at += r.int(3 * MiB);
      if (d === dsts[0]) d.at += r.int(3 * MiB);
      if (s.at + comp.length > s.size || d.at + data.length + 8 > d.size) continue;
      s.host.set(comp, s.at);
      const auto = r.int(4) === 0;
      const act = slot();
      const st = r.int(2) === 0 ? slot() : null;
      params.push({ src: s.p + s.at, srcNumBytes: comp.length, dst: d.p + d.at, dstNumBytes: auto ? 0 : data.length + r.int(3), dstActBytes: metas[act.m].p + act.off, algo, ...(st ? { status: metas[st.m].p + st.off } : {}) });
      d.model.set(data, d.at);
      put(act, data.length);
      if (st) put(st, 0);
      s.at += comp.length + r.int(5);
      d.at += data.length + 3 + r.int(5);
    }
    for (const s of srcs) expect(await cu.cuMemcpyHtoD(s.p, s.host, s.size)).toBe(OK);
    // Entries in random order: planning sorts them by address where it needs to.
    for (let i = params.length - 1; i > 0; i--) {
      const j = r.int(i + 1);
      [params[i], params[j]] = [params[j], params[i]];
    }
    expect(cu.cuMemBatchDecompressAsync(params, params.length, 0, null)).toEqual([OK, 0]);
    expect(await cu.cuCtxSynchronize()).toBe(OK);
    for (const d of dsts) expect(firstDiff(await readDevice(d.p, d.size), d.model)).toBe(-1);
    for (const m of metas) expect(firstDiff(await readDevice(m.p, m.size), m.model)).toBe(-1);
    for (const a of [...srcs, ...dsts, ...metas]) expect(cu.cuMemFree(a.p)).toBe(OK);
  }
});

test('large Deflate operations decode exactly when their spill fits a binding (in pieces) and when it does not (whole)', async () => {
  await start();
  // With 8 MiB bindings the pieces' links (two bytes per spill byte) allow 4 MiB of spill: a 1 MiB
  // operation's 2.5 MiB fits, a 3 MiB one's 7.5 MiB does not, so it stays in one workgroup. (SwiftShader
  // itself would bind more: this checks the bytes of both paths, not that the larger binding is avoided.)
  const data = [textBytes(MiB, 41), textBytes(3 * MiB, 42)];
  const DEFLATE = cu.CU_MEM_DECOMPRESS_ALGORITHM_DEFLATE;
  expectDecoded(await run(data.map((x) => ({ comp: deflate(x, 6), cap: x.length, room: x.length, algo: DEFLATE }))), data);
});

test('large Deflate operations whose spill together exceeds a binding run as several parts, none binding more', async () => {
  await start();
  // Three 1 MiB operations: 3 MiB of scratch fits one part, but their 7.5 MiB of spill (15 MiB of links)
  // does not, so each goes in a part of its own and no kept links buffer outgrows one binding.
  const data = [textBytes(MiB, 43), textBytes(MiB, 44), textBytes(MiB, 45)];
  const DEFLATE = cu.CU_MEM_DECOMPRESS_ALGORITHM_DEFLATE;
  expectDecoded(await run(data.map((x) => ({ comp: deflate(x, 6), cap: x.length, room: x.length, algo: DEFLATE }))), data);
  expect(keptBuffer('inflate spill')!.size).toBeGreaterThan(MiB);
  expect(keptBuffer('decode links')!.size).toBeLessThanOrEqual(8 * MiB);
});

test('sources longer than a binding: each operation reads what one binding holds, and no binding is larger', async () => {
  await start();
  const n = 20 * MiB;
  const [, src] = cu.cuMemAlloc(n);
  const [, dst] = cu.cuMemAlloc(3 * 65536 + 256);
  const [, words] = cu.cuMemAlloc(24);
  const data = textBytes(30000, 46);
  const algos = [cu.CU_MEM_DECOMPRESS_ALGORITHM_DEFLATE, cu.CU_MEM_DECOMPRESS_ALGORITHM_LZ4, cu.CU_MEM_DECOMPRESS_ALGORITHM_SNAPPY];
  const streams = [deflate(data), lz4(data), snappy(data)];
  // Each stream at the start of its own 20 MiB source (up to the allocation's end), random bytes after it.
  const host = rng(47).bytes(n);
  const at = [0, 1, 2].map((k) => k * 65536 + k);
  streams.forEach((s, k) => host.set(s, at[k]));
  expect(await cu.cuMemcpyHtoD(src, host, n)).toBe(OK);
  const params = algos.map((algo, k) => ({ src: src + at[k], srcNumBytes: n - at[k], dst: dst + k * 65536, dstNumBytes: 65536, dstActBytes: words + 8 * k, status: words + 8 * k + 4, algo }));
  expect(cu.cuMemBatchDecompressAsync(params, 3, 0, null)).toEqual([OK, 0]);
  const w = new Uint32Array((await readDevice(words, 24)).buffer);
  const out = await readDevice(dst, 3 * 65536);
  // Deflate ignores what follows its last block; LZ4 and Snappy read on into the random bytes, as their
  // reference decoders do over the whole source (an error long before 8 MiB).
  expect([w[0], w[1]]).toEqual([data.length, cu.WEBCU_DECOMPRESS_OK]);
  expect(firstDiff(out.subarray(0, data.length), data)).toBe(-1);
  for (const [k, ref] of [[1, lz4Decode], [2, snappyDecode]] as const) {
    const want = ref(host.subarray(at[k]), 65536);
    expect(want.status).not.toBe(cu.WEBCU_DECOMPRESS_OK);
    expect([w[2 * k], w[2 * k + 1]], `algo ${algos[k]}`).toEqual([want.out.length, want.status]);
    expect(firstDiff(out.subarray(k * 65536, k * 65536 + want.out.length), want.out)).toBe(-1);
  }
  expect(largest()).toBeGreaterThan(MiB);
  for (const p of [src, dst, words]) expect(cu.cuMemFree(p!)).toBe(OK);
});

test('random operation sequences over allocations of up to 20 MiB match the CPU model (the differential test through windows)', async () => {
  await start();
  const { ops, checks, rectOps, batches, decompressions } = await runDifferential(0x5eed, 3000, { large: true });
  expect(ops).toBe(3000);
  expect(checks).toBeGreaterThan(20);
  expect(rectOps + batches + decompressions).toBeGreaterThan(300);
}, 120_000);
