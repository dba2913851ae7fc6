// Decoder tuning sweep: the decoder kernels alone (bench/decompress.ts kernelOnly) in variants made by
// replacing source lines (constants), on the same 64 KiB chunks, so that one run on the GPU
// machine compares them all. Output GB/s per variant; the first row of each algorithm is the shipped code.
//   node .gpu/bench.mjs --suite sweep --decompress-mib 256 --reps 10

import { deflateRawSync } from 'node:zlib';
import * as cu from '../src/index.ts';
import { CHUNK, corpus, kernelOnly, KERNELS, lz4Block, snappyRaw } from './decompress.ts';
import type { Row } from './memory.ts';

export type Variant = [string, [string, string][]];

/** Replaces each `from` (a whole line's start) with `to`; throws when a line is missing. */
export function patch(code: string, edits: [string, string][]): string {
  for (const [from, to] of edits) {
    if (!code.includes(from)) throw new Error(`sweep: no line ${from}`);
    code = code.replace(from, to);
  }
  return code;
}

const wg = (n: number): [string, string] => ['const WG: u32 = 32u;', `const WG: u32 = ${n}u;`];
const win = (bytes: number): [string, string][] => [
  ['const WIN_WORDS: u32 = 64u;', `const WIN_WORDS: u32 = ${bytes / 4}u;`],
  ['const WB: u32 = 256u;', `const WB: u32 = ${bytes}u;`],
];
const lz = (group: (k: number) => [string, string][]): Variant[] => [
  ['shipped', []],
  ['group x2', group(2)],
  ['group /2', group(0.5)],
  ['window 512 B', win(512)],
  ['WG 64', [wg(64)]],
];
const LZ4 = lz((k) => [['const NSEQ: u32 = 8u;', `const NSEQ: u32 = ${8 * k}u;`], ['const NSEG: u32 = 16u;', `const NSEG: u32 = ${16 * k}u;`]]);
const SNAPPY = lz((k) => [['const NSEQ: u32 = 16u;', `const NSEQ: u32 = ${16 * k}u;`], ['const NSEG: u32 = 16u;', `const NSEG: u32 = ${16 * k}u;`]]);
const dwg = (n: number): [string, string] => ['const WG: u32 = 96u;', `const WG: u32 = ${n}u;`];
const DEFLATE: Variant[] = [
  ['shipped', []],
  ['WG 64', [dwg(64)]],
  ['WG 128', [dwg(128)]],
];
/** The sweep's variants by algorithm (test/unit/sweep-patches.test.ts checks that every one still applies). */
export const SWEEP_VARIANTS: Record<number, Variant[]> = {
  [cu.CU_MEM_DECOMPRESS_ALGORITHM_LZ4]: LZ4,
  [cu.CU_MEM_DECOMPRESS_ALGORITHM_SNAPPY]: SNAPPY,
  [cu.CU_MEM_DECOMPRESS_ALGORITHM_DEFLATE]: DEFLATE,
};

export async function runSweep(device: GPUDevice, totalMiB: number, reps: number, log: (r: Row) => void): Promise<Row[]> {
  const rows: Row[] = [];
  const total = totalMiB * 2 ** 20;
  const data = corpus(total);
  const chunks = Array.from({ length: total / CHUNK }, (_, i) => data.subarray(i * CHUNK, (i + 1) * CHUNK));
  const algos: [string, number, (d: Uint8Array) => Uint8Array][] = [
    ['LZ4', cu.CU_MEM_DECOMPRESS_ALGORITHM_LZ4, lz4Block],
    ['Snappy', cu.CU_MEM_DECOMPRESS_ALGORITHM_SNAPPY, snappyRaw],
    ['Deflate', cu.CU_MEM_DECOMPRESS_ALGORITHM_DEFLATE, (d) => new Uint8Array(deflateRawSync(d, { level: 6 }))],
  ];
  for (const [name, algo, encode] of algos) {
    const variants = SWEEP_VARIANTS[algo];
    const comp = chunks.map(encode);
    // The GPU clocks down while the host encodes: half a second of the shipped kernel brings it back up.
    for (const t = performance.now(); performance.now() - t < 500; ) await kernelOnly(device, KERNELS[algo], comp, reps);
    for (const [label, edits] of variants) {
      const seconds = await kernelOnly(device, patch(KERNELS[algo], edits), comp, reps);
      const row = { op: `${name} kernel, ${label}`, bytes: total, seconds, GBps: total / seconds / 1e9 };
      rows.push(row);
      log(row);
    }
  }
  return rows;
}
