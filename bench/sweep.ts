// Decoder tuning sweep: the decoder kernels alone (bench/decompress.ts kernelOnly) in variants made by
// replacing source lines (constants, switches), on the same 64 KiB chunks, so that one run on the GPU
// machine compares them all. Output GB/s per variant; the first row of each algorithm is the shipped code.
//   node .gpu/bench.mjs --suite sweep --decompress-mib 256 --reps 5

import { deflateRawSync } from 'node:zlib';
import * as cu from '../src/index.ts';
import { CHUNK, corpus, kernelOnly, KERNELS, lz4Block, snappyRaw } from './decompress.ts';
import type { Row } from './memory.ts';

type Variant = [string, [string, string][]];

/** Replaces each `from` (a whole line's start) with `to`; throws when a line is missing. */
function patch(code: string, edits: [string, string][]): string {
  for (const [from, to] of edits) {
    if (!code.includes(from)) throw new Error(`sweep: no line ${from}`);
    code = code.replace(from, to);
  }
  return code;
}

const wg = (n: number): [string, string] => ['const WG: u32 = 64u;', `const WG: u32 = ${n}u;`];
// The serial parser leaves the speculative tables unused: shrink them so they cost no occupancy.
const serial: [string, string][] = [['var<workgroup> tbl: array<u32, WB>;', 'var<workgroup> tbl: array<u32, 4>;']];
const parallel: [string, string] = ['const PARSE_SERIAL: bool = true;', 'const PARSE_SERIAL: bool = false;'];
const noWords: [string, string] = ['  if (cnt != 0u) {\n    for (var w', '  if (cnt == 0xffffffffu) {\n    for (var w'];
const slow: [string, string] = ['const FAST: bool = true;', 'const FAST: bool = false;'];
const noCut: [string, string] = ['const CUT: bool = true;', 'const CUT: bool = false;'];
const win = (n: number): [string, string] => ['const WIN_WORDS: u32 = 256u;', `const WIN_WORDS: u32 = ${n}u;`];
const winBytes = (n: number): [string, string] => ['const WB: u32 = 1024u;', `const WB: u32 = ${n * 4}u;`];
const lz = (serial: [string, string][], batch: (n: number) => [string, string][]): Variant[] => [
  ['fast WG32, batch/8', [...serial, wg(32), ...batch(8)]],
  ['fast WG32, batch/8, window 512 B', [...serial, wg(32), ...batch(8), win(128), winBytes(128)]],
  ['fast WG32, batch/8, window 256 B', [...serial, wg(32), ...batch(8), win(64), winBytes(64)]],
  ['fast WG32, batch/16, window 256 B', [...serial, wg(32), ...batch(16), win(64), winBytes(64)]],
  ['fast WG32, batch/4, window 512 B', [...serial, wg(32), ...batch(4), win(128), winBytes(128)]],
  ['fast WG64, batch/8, window 256 B', [...serial, ...batch(8), win(64), winBytes(64)]],
];
const LZ4 = lz(serial, (k) => [['const NSEQ: u32 = 128u;', `const NSEQ: u32 = ${128 / k}u;`], ['const NSEG: u32 = 256u;', `const NSEG: u32 = ${256 / k}u;`]]);
const SNAPPY = lz([...serial, ['var<workgroup> tbl_off: array<u32, WB>;', 'var<workgroup> tbl_off: array<u32, 4>;']],
  (k) => [['const NSEQ: u32 = 256u;', `const NSEQ: u32 = ${256 / k}u;`], ['const NSEG: u32 = 256u;', `const NSEG: u32 = ${256 / k}u;`]]);
const dwg = (n: number): [string, string] => ['const WG: u32 = 128u;', `const WG: u32 = ${n}u;`];
const DEFLATE: Variant[] = [
  ['WG 96', [dwg(96)]],
  ['WG 64', [dwg(64)]],
  ['WG 96, LITCAP 256', [dwg(96), ['const LITCAP: u32 = 128u;', 'const LITCAP: u32 = 256u;']]],
];

export async function runSweep(device: GPUDevice, totalMiB: number, reps: number, log: (r: Row) => void): Promise<Row[]> {
  const rows: Row[] = [];
  const total = totalMiB * 2 ** 20;
  const data = corpus(total);
  const chunks = Array.from({ length: total / CHUNK }, (_, i) => data.subarray(i * CHUNK, (i + 1) * CHUNK));
  const algos: [string, number, (d: Uint8Array) => Uint8Array, Variant[]][] = [
    ['LZ4', cu.CU_MEM_DECOMPRESS_ALGORITHM_LZ4, lz4Block, LZ4],
    ['Snappy', cu.CU_MEM_DECOMPRESS_ALGORITHM_SNAPPY, snappyRaw, SNAPPY],
    ['Deflate', cu.CU_MEM_DECOMPRESS_ALGORITHM_DEFLATE, (d) => new Uint8Array(deflateRawSync(d, { level: 6 })), DEFLATE],
  ];
  for (const [name, algo, encode, variants] of algos) {
    const comp = chunks.map(encode);
    // The GPU clocks down while the host encodes: the first variant runs twice and only the second counts.
    await kernelOnly(device, KERNELS[algo], comp, reps);
    for (const [label, edits] of variants) {
      const seconds = await kernelOnly(device, patch(KERNELS[algo], edits), comp, reps);
      const row = { op: `${name} kernel, ${label}`, bytes: total, seconds, GBps: total / seconds / 1e9 };
      rows.push(row);
      log(row);
    }
  }
  return rows;
}
