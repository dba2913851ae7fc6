// Large decompression operations through cuMemBatchDecompressAsync, for the LZ4/Snappy and Deflate piece
// tests: one batch run with canaries around every destination, and data whose matches reach far back.
import { expect } from 'vitest';
import { state } from '../../src/core/state.ts';
import { cu, firstDiff, readDevice, rng } from '../shared/webcu.ts';
import { textBytes } from './decoder-harness.ts';

const OK = cu.CUDA_SUCCESS;
const CANARY = 0xa5;
const LZ4 = cu.CU_MEM_DECOMPRESS_ALGORITHM_LZ4;

/** The piece passes' kept buffer `name` (Submission.keptStorage), if a batch has made it. */
export function keptBuffer(name: string): GPUBuffer | undefined {
  return (state.devices[0].rec.staging as unknown as { keep: Map<string, GPUBuffer> }).keep.get(name);
}

/** Damaged-stream campaigns: FUZZ_BATCHES=n FUZZ_SEED=s run n batches from seed s (one batch from seed 1 by default). */
export const fuzz = { seed: Number(process.env.FUZZ_SEED ?? 1), batches: Number(process.env.FUZZ_BATCHES ?? 1) };

/** A pattern of period 1000 with a changed byte every ~60: every piece's matches reach into the previous one. */
export function chained(n: number, seed: number): Uint8Array {
  const r = rng(seed);
  const a = textBytes(1000, seed);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = i < 1000 ? a[i] : out[i - 1000];
  for (let i = 1000; i < n; i += 40 + (r.int(40))) out[i] = r.int(256);
  return out;
}

export interface Op {
  comp: Uint8Array;
  /** dstNumBytes; 0: auto (up to the next destination, at most 4 MiB). */
  cap: number;
  /** Room of the destination (the distance to the next one). */
  room: number;
  /** LZ4 unless set. */
  algo?: number;
}

/** Runs one batch; returns per op [dstActBytes, status, the destination's bytes], checking the canaries after each. */
export async function run(ops: Op[]) {
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

/** Every operation of a batch decoded whole: status OK (or `status[i]`), `want[i]`'s length and bytes. */
export function expectDecoded(res: Awaited<ReturnType<typeof run>>, want: Uint8Array[], status: number[] = []): void {
  res.forEach((x, i) => {
    expect([i, x.status, x.act]).toEqual([i, status[i] ?? 0, want[i].length]);
    expect(firstDiff(x.out, want[i]), `op ${i}`).toBe(-1);
  });
}
