// Large LZ4 operations (more than 256 KiB of capacity) through cuMemBatchDecompressAsync: cut into pieces by
// the GPU boundary scan (shaders/lz4_scan.wgsl) and decoded by one workgroup per piece with links resolved
// afterwards (shaders/lz_pieces.wgsl). Byte-exact on text, binary, mixed and chained data from two
// independent encoders; corrupted, truncated and capped streams give exactly the reference decoder's bytes
// and status (the one-operation decoder's rules), with canaries around every destination.
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { lz4, snappy } from '../shared/encoders.ts';
import { refDecode } from '../shared/lz4-ref.ts';
import { cu, firstDiff, readDevice, rng, startWebcu } from '../shared/webcu.ts';
import { binaryBytes, mixedBytes, textBytes } from './decoder-harness.ts';

const OK = cu.CUDA_SUCCESS;
const LZ4 = cu.CU_MEM_DECOMPRESS_ALGORITHM_LZ4;
const CANARY = 0xa5;

const require = createRequire(import.meta.url);
const lz4js = require('lz4js') as {
  compressBound(n: number): number;
  compressBlock(src: Uint8Array, dst: Uint8Array, sIndex: number, sLength: number, hashTable: Uint32Array): number;
};

function lz4jsBlock(data: Uint8Array): Uint8Array {
  const dst = new Uint8Array(lz4js.compressBound(data.length) + 16);
  const n = lz4js.compressBlock(data, dst, 0, data.length, new Uint32Array(1 << 16));
  expect(n).toBeGreaterThan(0);
  return dst.slice(0, n);
}

/** A pattern of period 1000 with a changed byte every ~60: every piece's matches reach into the previous one. */
function chained(n: number, seed: number): Uint8Array {
  const r = rng(seed);
  const a = textBytes(1000, seed);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = i < 1000 ? a[i] : out[i - 1000];
  for (let i = 1000; i < n; i += 40 + (r.int(40))) out[i] = r.int(256);
  return out;
}

interface Op {
  comp: Uint8Array;
  /** dstNumBytes; 0: auto (up to the next destination, at most 4 MiB). */
  cap: number;
  /** Room of the destination (the distance to the next one). */
  room: number;
  /** LZ4 unless set. */
  algo?: number;
}

/** Runs one batch; returns per op [dstActBytes, status, the destination's bytes], checking the canaries after each. */
async function run(ops: Op[]) {
  const srcTotal = ops.reduce((n, o) => n + o.comp.length + 3, 1);
  const dstTotal = ops.reduce((n, o) => n + o.room + 7, 1);
  const [e1, src] = cu.cuMemAlloc(srcTotal);
  const [e2, dst] = cu.cuMemAlloc(dstTotal);
  const [e3, meta] = cu.cuMemAlloc(ops.length * 8);
  expect([e1, e2, e3]).toEqual([OK, OK, OK]);
  const host = new Uint8Array(srcTotal);
  expect(await cu.cuMemsetD8(dst, CANARY, dstTotal)).toBe(OK);
  const params: cu.CUmemDecompressParams[] = [];
  const at: number[] = [];
  let s = 1;
  let d = 1;
  for (const [i, o] of ops.entries()) {
    host.set(o.comp, s);
    at.push(d);
    params.push({ src: src + s, srcNumBytes: o.comp.length, dst: dst + d, dstNumBytes: o.cap, dstActBytes: meta + 8 * i, status: meta + 8 * i + 4, algo: o.algo ?? LZ4 });
    s += o.comp.length + 3;
    d += o.room + 7;
  }
  expect(await cu.cuMemcpyHtoD(src, host, srcTotal)).toBe(OK);
  expect(cu.cuMemBatchDecompressAsync(params, params.length, 0, null)).toEqual([OK, 0]);
  expect(await cu.cuCtxSynchronize()).toBe(OK);
  const out = await readDevice(dst, dstTotal);
  const m = new DataView((await readDevice(meta, ops.length * 8)).buffer);
  for (const p of [src, dst, meta]) expect(cu.cuMemFree(p)).toBe(OK);
  expect(out[0]).toBe(CANARY);
  return ops.map((o, i) => {
    const act = m.getUint32(8 * i, true);
    // Past the produced bytes, up to the next destination, nothing changed.
    const after = out.subarray(at[i] + act, at[i] + o.room + 7);
    expect(after.every((b) => b === CANARY), `op ${i}: bytes written past dstActBytes`).toBe(true);
    return { act, status: m.getUint32(8 * i + 4, true), out: out.subarray(at[i], at[i] + act) };
  });
}

describe('large LZ4 operations decoded in pieces', () => {
  test('300 KB, 1 MiB and 4 MiB of text, binary, mixed and chained data from lz4_flex and lz4js, byte for byte, with small ops in the batch, in one-algorithm and mixed batches', async () => {
    await startWebcu();
    const data = [
      textBytes(300000, 1),
      binaryBytes(1 << 20, 2),
      mixedBytes(700000, 3),
      chained(1 << 20, 4),
      textBytes(4 << 20, 5),
      textBytes(256 << 10, 7),
      textBytes(20000, 8),
    ];
    const ops: Op[] = [];
    const want: Uint8Array[] = [];
    for (const [k, x] of data.entries()) {
      const comp = k % 2 ? lz4jsBlock(x) : lz4(x);
      // Exact capacity, and (dstNumBytes 0) the room up to the next destination, rounded oddly.
      ops.push({ comp, cap: x.length, room: x.length });
      want.push(x);
      if (x.length < 4 << 20) {
        ops.push({ comp, cap: 0, room: x.length + 13 });
        want.push(x);
      }
    }
    // A second algorithm puts the batch on the general planner (one decoder dispatch per algorithm).
    const twice = await run([...ops.slice(0, 4), { comp: snappy(data[6]), cap: data[6].length, room: data[6].length, algo: cu.CU_MEM_DECOMPRESS_ALGORITHM_SNAPPY }]);
    expect(twice.pop()!.act).toBe(data[6].length);
    const res = await run(ops);
    for (const r of [res, twice]) {
      r.forEach((x, i) => {
        expect([i, x.status, x.act]).toEqual([i, 0, want[i].length]);
        expect(firstDiff(x.out, want[i]), `op ${i}`).toBe(-1);
      });
    }
  });

  test('corrupted, truncated, capped and hand-made streams give the one-operation decoder\'s bytes and status', async () => {
    await startWebcu();
    const r = rng(77);
    const sources = [textBytes(400000, 11), mixedBytes(300000, 12), chained(500000, 13), binaryBytes(300000, 14)].map((x, k) => (k % 2 ? lz4jsBlock(x) : lz4(x)));
    const ops: Op[] = [];
    for (let k = 0; k < 36; k++) {
      const base = sources[k % sources.length];
      const comp = base.slice();
      const kind = k % 6;
      if (kind === 0) for (let f = 0; f < 3; f++) comp[r.int(comp.length)] ^= 1 << r.int(8);   // bit flips anywhere
      if (kind === 1) comp[Math.floor(comp.length * (0.5 + 0.5 * (k / 36)))] ^= 0xff;          // one late byte
      if (kind === 2) for (let f = 0; f < 40; f++) comp[r.int(comp.length)] = r.int(256);      // random bytes
      const len = kind === 3 ? r.int(comp.length) : comp.length;                                // truncated
      const full = refDecode(base, 8 << 20).out.length;
      const cap = kind === 4 ? 262145 + r.int(full - 262145) : full + (kind === 5 ? 0 : 64);        // capped: overflow
      ops.push({ comp: comp.subarray(0, len), cap, room: cap });
    }
    // Hand-made: nothing; a literal length that never ends; one literal run over many scan segments
    // (random bytes); one match over all pieces (zeros); valid text then garbage; a stream cut inside a
    // length extension.
    const text = lz4(textBytes(600000, 15));
    const garbage = rng(5).bytes(200000);
    const hand = [
      new Uint8Array(0),
      new Uint8Array(300000).fill(0xff),
      lz4(rng(6).bytes(700000)),
      lz4(new Uint8Array(1 << 20)),
      new Uint8Array([...text.subarray(0, text.length >> 1), ...garbage]),
      new Uint8Array([0xf0, ...new Uint8Array(5000).fill(255)]),
    ];
    for (const comp of hand) ops.push({ comp, cap: 4 << 20, room: 4 << 20 });
    const res = await run(ops);
    let errors = 0;
    let late = 0;
    res.forEach((got, i) => {
      const want = refDecode(ops[i].comp, ops[i].cap);
      expect([i, got.status, got.act]).toEqual([i, want.status, want.out.length]);
      expect(firstDiff(got.out, want.out), `op ${i}`).toBe(-1);
      if (want.status) errors++;
      if (want.status && want.out.length > 65536) late++;
    });
    // Most streams fail, many of them in a later piece than the first.
    expect(errors).toBeGreaterThan(10);
    expect(late).toBeGreaterThan(5);
  });
});
