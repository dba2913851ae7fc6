// Decompression on real data: every class of the corpus (bench/corpus.mjs) × chunk size × algorithm, as
// cuMemBatchDecompressAsync batches of 256 MiB of output by default (4096 × 64 KiB, 1024 × 256 KiB, 256 × 1 MiB,
// 64 × 4 MiB; operations cycle through the class's distinct chunks). Per row: wall-clock GB/s over
// back-to-back calls, GPU time per batch from events around single calls, host time per call in the
// back-to-back run (validation, planning, encoding and submit of the whole batch), and single-threaded
// CPU decoders on the same chunks.
// --sweep adds the decoder kernels alone in variants (bench/sweep.ts's line patches; SWEEP below) on the rows
// of SWEEP_ROWS (class:chunk size, comma-separated); SWEEP_ONLY='label|label' runs only those variants, and
// SWEEP_COUNTS=132,2112 runs each also on the first n operations (132 = one per SM of an H200: the time is
// then one operation's latency).
// HOST_CALLS=1 prints each row's host time of every timed call, its wall time per call and the CPU the calls
// ran on. SORT_OPS=1 passes each batch's operations longest stream first (the corpus's 32 distinct chunks
// then pair identical streams in the paired decoders); SORT_OPS=distinct also interleaves each window of 2w
// sorted operations (w copies of a chunk), so that every pair holds two different streams. SPLIT_SRC=1
// uploads the streams twice and points every other round of the chunks at the second copy (a sorted pair
// then decodes the same bytes from two addresses).
// --phases adds, for LZ4 and Snappy operations of more than 64 KiB, the passes of the piece decoder alone and
// the whole piece pipeline with other piece sizes and workgroup widths (bench/large-phases.ts).
//   node .gpu/bench-dec.mjs --suite corpus --corpus .gpu/corpus.br [--decompress-mib 256] [--reps 30] [--sweep] [--phases] [--only text,binary] [--sizes 65536,1048576] [--algos LZ4,Snappy]

import { readFileSync } from 'node:fs';
import { brotliDecompressSync, deflateRawSync, inflateRawSync } from 'node:zlib';
import * as lz4js from 'lz4js';
import * as snappyjs from 'snappyjs';
import * as cu from '../src/index.ts';
import { kernelOnly, KERNELS } from './decompress.ts';
import type { Row } from './memory.ts';
import { patch, type Variant } from './sweep.ts';
import { piecePhases, pieceVariants } from './large-phases.ts';

const KiB = 1024;
const MiB = 1024 * KiB;

interface Entry {
  name: string;
  bytes: number;
  snappy64: [number, number][];
  lz4: Record<string, [number, number][]>;
}

export interface CorpusRow extends Row {
  cls: string;
  chunk: number;
  algo: string;
  ratio: number;
  count: number;
  wallGBps: number;
  gpuMs: number;
  gpuGBps: number;
  hostMs: number;
  reps: number;
  cpu: Record<string, number>;
  /** --phases: the piece decoder's passes, cumulative ms per batch. */
  phasesMs?: Record<string, number>;
  /** --phases: the whole piece pipeline in variants (bench/large-phases.ts), ms per batch. */
  variantsMs?: Record<string, number>;
}

/** The corpus's chunks: raw bytes (decoded from the LZ4 streams on the CPU) and each algorithm's streams. */
export function loadCorpus(path: string) {
  const all = brotliDecompressSync(readFileSync(path));
  const n = all.readUInt32LE(0);
  const manifest = JSON.parse(all.subarray(4, 4 + n).toString()) as Entry[];
  const blob = new Uint8Array(all.buffer, all.byteOffset + 4 + n, all.length - 4 - n);
  const at = ([o, l]: [number, number]) => blob.subarray(o, o + l);
  return manifest.map((e) => {
    const sizes = Object.keys(e.lz4).map(Number);
    const biggest = Math.max(...sizes);
    // Raw bytes: the LZ4 streams of the chunk set that covers the class, decoded by lz4js; the Snappy
    // fragments decoded by snappyjs must give the same bytes.
    const raw = new Uint8Array(e.bytes);
    e.lz4[biggest].forEach((s, i) => {
      const m = lz4js.decompressBlock(at(s), raw, 0, s[1], i * biggest);
      if (m !== i * biggest + Math.min(biggest, e.bytes)) throw new Error(`${e.name}: LZ4 chunk ${i} decodes to ${m - i * biggest} bytes`);
    });
    const frags = e.snappy64.map(at);
    frags.forEach((f, i) => {
      const d = snappyjs.uncompress(withPreamble(f, 64 * KiB)) as Uint8Array;
      for (let k = 0; k < d.length; k++) if (d[k] !== raw[i * 64 * KiB + k]) throw new Error(`${e.name}: Snappy fragment ${i} differs`);
    });
    const sets = sizes.map((size) => {
      const chunks = e.lz4[size].map((_, i) => raw.subarray(i * size, (i + 1) * size));
      const per = size / (64 * KiB);
      const streams: Record<string, Uint8Array[]> = {
        LZ4: e.lz4[size].map(at),
        Snappy: chunks.map((_, i) => concat(frags.slice(i * per, (i + 1) * per))),
        Deflate: chunks.map((c) => new Uint8Array(deflateRawSync(c, { level: 6 }))),
      };
      return { size, chunks, streams };
    });
    return { name: e.name, raw, sets };
  });
}

export const ALGO: Record<string, number> = {
  LZ4: cu.CU_MEM_DECOMPRESS_ALGORITHM_LZ4,
  Snappy: cu.CU_MEM_DECOMPRESS_ALGORITHM_SNAPPY,
  Deflate: cu.CU_MEM_DECOMPRESS_ALGORITHM_DEFLATE,
};

const CPU: Record<string, [string, (c: Uint8Array, size: number) => void][]> = {
  LZ4: [['lz4js', (c, size) => lz4js.decompressBlock(c, new Uint8Array(size), 0, c.length, 0)]],
  Snappy: [['snappyjs', (c, size) => snappyjs.uncompress(withPreamble(c, size))]],
  Deflate: [['zlib', (c) => inflateRawSync(c)]],
};

export async function runCorpusBench(device: GPUDevice, path: string, batchMiB: number, maxReps: number, only: string[], sizes: number[], sweep: boolean, phases = false, algos: string[] = []): Promise<CorpusRow[]> {
  const BATCH = batchMiB * MiB;
  const t0 = performance.now();
  const corpus = loadCorpus(path).filter((c) => !only.length || only.includes(c.name));
  console.log(`corpus loaded in ${((performance.now() - t0) / 1e3).toFixed(1)} s (zlib ${process.versions.zlib})`);
  const rows: CorpusRow[] = [];
  const [, dst] = cu.cuMemAlloc(BATCH);
  const [, act] = cu.cuMemAlloc((BATCH / (64 * KiB)) * 4);
  const [, s] = cu.cuStreamCreate(0);
  const [, e0] = cu.cuEventCreate(0);
  const [, e1] = cu.cuEventCreate(0);
  const sync = async () => {
    if (await cu.cuStreamSynchronize(s)) throw new Error('sync failed');
  };
  for (const cls of corpus) {
    // The corpus file holds fixed chunk sizes (bench/corpus.mjs): say so when --sizes asks for others.
    const missing = sizes.filter((n) => !cls.sets.some((t) => t.size === n));
    if (missing.length) console.log(`${cls.name}: no chunks of ${missing.join(', ')} bytes in the corpus`);
    for (const set of cls.sets.filter((t) => !sizes.length || sizes.includes(t.size))) {
      for (const algo of ['LZ4', 'Snappy', 'Deflate'].filter((a) => !algos.length || algos.includes(a))) {
        const comp = set.streams[algo];
        const count = BATCH / set.size;
        const srcBytes = comp.reduce((n, c) => n + c.length, 0);
        // SPLIT_SRC=1: the streams twice, every other round of the chunks reading the second copy.
        const copies = SPLIT_SRC ? 2 : 1;
        const [, src] = cu.cuMemAlloc(srcBytes * copies);
        const host = concat(comp);
        for (let c = 0; c < copies; c++) if (await cu.cuMemcpyHtoD(src + c * srcBytes, host, srcBytes)) throw new Error('upload failed');
        const offs: number[] = [];
        comp.reduce((o, c) => (offs.push(o), o + c.length), 0);
        const params: cu.CUmemDecompressParams[] = Array.from({ length: count }, (_, i) => {
          const k = i % comp.length;
          return { src: src + offs[k] + (SPLIT_SRC && Math.floor(i / comp.length) % 2 === 1 ? srcBytes : 0), srcNumBytes: comp[k].length, dst: dst + i * set.size, dstNumBytes: set.size, dstActBytes: act + 4 * i, algo: ALGO[algo] };
        });
        // Stable: with SPLIT_SRC, a sorted pair still holds one operation of each copy.
        if (process.env.SORT_OPS) params.sort((a, b) => b.srcNumBytes - a.srcNumBytes);
        if (process.env.SORT_OPS === 'distinct') {
          // Pairs of different streams: each window of 2w sorted ops interleaved, op m with op m + w.
          const w = count / comp.length;
          const sorted = params.slice();
          for (let base = 0; base + 2 * w <= count; base += 2 * w) for (let m = 0; m < w; m++) (params[base + 2 * m] = sorted[base + m]), (params[base + 2 * m + 1] = sorted[base + w + m]);
        }
        const run = () => {
          const [e] = cu.cuMemBatchDecompressAsync(params, count, 0, s);
          if (e) throw new Error(`cuMemBatchDecompressAsync: ${e}`);
        };
        run();
        await sync();
        // Every distinct chunk, and the last operation, byte for byte; dstActBytes of all.
        const check = new Uint8Array(set.size);
        for (const i of [...comp.keys()].filter((k) => k < count).concat(count - 1)) {
          if (await cu.cuMemcpyDtoH(check, dst + i * set.size, set.size)) throw new Error('readback failed');
          const want = set.chunks[i % comp.length];
          for (let k = 0; k < set.size; k++) if (check[k] !== want[k]) throw new Error(`${cls.name} ${algo} ${set.size}: op ${i} differs at ${k}`);
        }
        const acts = new Uint32Array(count);
        await cu.cuMemcpyDtoH(acts, act, count * 4);
        if (acts.some((a) => a !== set.size)) throw new Error(`${cls.name} ${algo} ${set.size}: dstActBytes wrong`);
        // Warm-up (the GPU clocks down while the host works), which also sizes the run: ~0.6 s per row.
        let warm = 0;
        const tw = performance.now();
        while (performance.now() - tw < 300 || warm < 2) {
          run();
          await sync();
          warm++;
        }
        const perBatch = (performance.now() - tw) / warm;
        const reps = Math.max(3, Math.min(maxReps, Math.round(600 / perBatch)));
        // Host time per call: each call of the back-to-back run (events around a call would add their
        // own query and readback to its submission).
        const hostMs: number[] = [];
        const cpuBefore = HOST_CALLS ? cpuNow() : '';
        const tb = performance.now();
        for (let r = 0; r < reps; r++) {
          const t = performance.now();
          run();
          hostMs.push(performance.now() - t);
        }
        await sync();
        const wall = (performance.now() - tb) / 1e3 / reps;
        const gpuMs: number[] = [];
        for (let r = 0; r < reps; r++) {
          cu.cuEventRecord(e0!, s);
          run();
          cu.cuEventRecord(e1!, s);
          if (await cu.cuEventSynchronize(e1!)) throw new Error('event sync failed');
          gpuMs.push(cu.cuEventElapsedTime(e0!, e1!)[1]);
        }
        cu.cuMemFree(src);
        const cpu: Record<string, number> = {};
        if (set.size === 64 * KiB) {
          for (const [peer, decode] of CPU[algo]) {
            let bytes = 0;
            const tc = performance.now();
            while (performance.now() - tc < 100) for (const c of comp) decode(c, set.size), (bytes += set.size);
            cpu[peer] = bytes / ((performance.now() - tc) / 1e3) / 1e9;
          }
        }
        const gpu = median(gpuMs);
        const row: CorpusRow = {
          op: `${cls.name} ${algo} ${count} x ${set.size / KiB} KiB`,
          bytes: BATCH,
          seconds: wall,
          GBps: BATCH / wall / 1e9,
          cls: cls.name,
          chunk: set.size,
          algo,
          ratio: (comp.length * set.size) / srcBytes,
          count,
          wallGBps: BATCH / wall / 1e9,
          gpuMs: gpu,
          gpuGBps: BATCH / (gpu / 1e3) / 1e9,
          hostMs: median(hostMs),
          reps,
          cpu,
        };
        rows.push(row);
        const peers = Object.entries(cpu).map(([k, v]) => ` ${k} ${v.toFixed(2)}`).join('');
        console.log(
          `${row.op.padEnd(32)} ratio ${row.ratio.toFixed(2).padStart(6)}  wall ${row.wallGBps.toFixed(1).padStart(6)} GB/s  GPU ${gpu.toFixed(2).padStart(7)} ms ${row.gpuGBps.toFixed(1).padStart(6)} GB/s  host ${row.hostMs.toFixed(3)} ms/call  reps ${reps}${peers ? `  CPU GB/s:${peers}` : ''}`,
        );
        // The timed run's calls one by one against its wall time: a row whose wall time per call exceeds
        // both its median host time and its GPU time shows here whether some calls' host time did it.
        if (HOST_CALLS) console.log(`  host ms per call: ${hostMs.map((t) => t.toFixed(2)).join(' ')}; wall ${(wall * 1e3).toFixed(2)} ms per call; CPU ${cpuBefore} -> ${cpuNow()}`);
        const format = algo === 'LZ4' ? 'lz4' : algo === 'Snappy' ? 'snappy' : null;
        if (phases && format && set.size > 64 * KiB) {
          const list = await piecePhases(device, comp, set.size, count, reps, format);
          let prev = 0;
          console.log(`  piece passes, ms (cumulative, own): ${list.map((p) => { const own = p.ms - prev; prev = p.ms; return `${p.name} ${p.ms.toFixed(2)} (${own.toFixed(2)})`; }).join(', ')}`);
          row.phasesMs = Object.fromEntries(list.map((p) => [p.name, p.ms]));
          const variants = await pieceVariants(device, comp, set.size, count, reps, format);
          console.log(`  piece pipeline variants, ms: ${variants.map((v) => `${v.name} ${v.ms.toFixed(2)}`).join(', ')}`);
          row.variantsMs = Object.fromEntries(variants.map((v) => [v.name, v.ms]));
        }
        if (sweep && SWEEP[algo] && SWEEP_ROWS.includes(`${cls.name}:${set.size}`)) {
          for (const [label, edits] of SWEEP[algo].filter(([label]) => !SWEEP_ONLY.length || SWEEP_ONLY.includes(label))) {
            const code = patch(KERNELS[ALGO[algo]], edits);
            const ms = 1e3 * (await kernelOnly(device, code, comp, reps, set.size, count));
            console.log(`  kernel ${label.padEnd(30)} ${ms.toFixed(2).padStart(8)} ms ${(BATCH / ms / 1e6).toFixed(1).padStart(6)} GB/s`);
            // On fewer operations: time against operations resident at once (one per SM: the op's latency).
            for (const n of SWEEP_COUNTS) {
              const msn = 1e3 * (await kernelOnly(device, code, comp, reps, set.size, n));
              console.log(`  kernel ${label}, ${String(n).padStart(5)} operations ${msn.toFixed(3).padStart(8)} ms ${((n * set.size) / msn / 1e6).toFixed(1).padStart(6)} GB/s`);
            }
          }
        }
      }
    }
  }
  cu.cuMemFree(dst);
  cu.cuMemFree(act);
  return rows;
}

// Decoder variants for the sweep: fewer, longer rounds and wider workgroups for large operations.
const lzBatch = (nseq: number, nseg: number, k: number): [string, string][] => [
  [`const NSEQ: u32 = ${nseq}u;`, `const NSEQ: u32 = ${nseq * k}u;`],
  [`const NSEG: u32 = ${nseg}u;`, `const NSEG: u32 = ${nseg * k}u;`],
];
const lzWin = (bytes: number): [string, string][] => [
  ['const WIN_WORDS: u32 = 64u;', `const WIN_WORDS: u32 = ${bytes / 4}u;`],
  ['const WB: u32 = 256u;', `const WB: u32 = ${bytes}u;`],
];
const lzWg = (n: number): [string, string] => ['const WG: u32 = 32u;', `const WG: u32 = ${n}u;`];
// Parse only: the group's words are not built (the window is still staged), so the row is the parser's time.
const noWords: [string, string] = ['  if (cnt == 0u) { return; }', '  if (true) { return; }'];
const lzOps = (n: number): [string, string] => ['const OPS: u32 = 2u;', `const OPS: u32 = ${n}u;`];
// Ablations (wrong bytes, right sizes and statuses): what the word builder's loads and stores cost.
const noMatchLoads: [string, string] = ['  return Bytes(out32(c), min(run', '  return Bytes(c, min(run'];
const noLiteralLoads: [string, string] = ['      return splat(Bytes(src32(arg + (c - st)), run', '      return splat(Bytes(arg + c, run'];
const noStores: [string, string] = ['  out[g_out_word + w] = val;\n}', '  if (val == 0x9e3779b9u) { out[g_out_word + w] = val; }\n}'];
// LZ4's fast step without the match-length extension byte (as before session 22), and with it on a branch
// of its own (session 21's diff), against the shipped branchless form.
const fastExt = `  let q = r + 1u + ll;
  // A match length with one extension byte below 255 (most long matches) is taken here too, without a
  // branch of its own: x is that byte's count (0 or 1), e its value.
  let x = select(0u, 1u, (token & 15u) == 15u);
  if (ll == 15u || q + 2u + x > lim) { return NO_FAST; }
  let w = wword(q);
  let off = w & 0xffffu;
  let e = (w >> 16u) & (0xffu * x);
  let ml = (token & 15u) + 4u + e;`;
const noFastExt: [string, string][] = [
  [fastExt, `  let q = r + 1u + ll;
  let ml = (token & 15u) + 4u;
  let x = 0u;
  if (ll == 15u || ml == 19u || q + 2u > lim) { return NO_FAST; }
  let off = wword(q) & 0xffffu;`],
  ['  if (e == 255u || off == 0u', '  if (off == 0u'],
];
const branchFastExt: [string, string][] = [
  [fastExt, `  let q = r + 1u + ll;
  var ml = (token & 15u) + 4u;
  if (ll == 15u || q + 2u > lim) { return NO_FAST; }
  let w = wword(q);
  let off = w & 0xffffu;
  var x = 0u;
  if (ml == 19u) {
    let e = (w >> 16u) & 0xffu;
    if (q + 3u > lim || e == 255u) { return NO_FAST; }
    ml += e;
    x = 1u;
  }`],
  ['  if (e == 255u || off == 0u', '  if (off == 0u'],
];
// One load instead of two where a run of bytes (literals, or earlier output a match copies) lies in one word.
const singleLoads: [string, string][] = [
  [
    '      return splat(Bytes(src32(arg + (c - st)), run, vec2<u32>(0u, 0u)), splat_n);',
    `      let s = arg + (c - st);
      if ((s & 3u) + run <= 4u) { return splat(Bytes(src_word(s >> 2u) >> ((s & 3u) << 3u), run, vec2<u32>(0u, 0u)), splat_n); }
      return splat(Bytes(src32(s), run, vec2<u32>(0u, 0u)), splat_n);`,
  ],
  [
    '  return Bytes(out32(c), min(run, c_b0 - c), vec2<u32>(0u, 0u));',
    `  let n = min(run, c_b0 - c);
  if ((c & 3u) + n <= 4u) { return Bytes(out_before(c >> 2u) >> ((c & 3u) << 3u), n, vec2<u32>(0u, 0u)); }
  return Bytes(out32(c), n, vec2<u32>(0u, 0u));`,
  ],
];
// Snappy: the copy that usually follows a literal parsed in the same fast_one call (one loop step, one
// set of checks, for the pair).
const snappyPair: [string, string] = [
  `    ps_pos += len;
    ps_p += 1u + len;
    return 1u;
  }`,
  `    ps_pos += len;
    ps_p += 1u + len;
    let r2 = r + 1u + len;
    if (r2 >= lim) { return 1u; }
    let v2 = wword(r2);
    let tag2 = v2 & 0xffu;
    let kind2 = tag2 & 3u;
    if (kind2 == 0u || kind2 == 3u) { return 1u; }
    let len2 = select((tag2 >> 2u) + 1u, ((tag2 >> 2u) & 7u) + 4u, kind2 == 1u);
    let off2 = select((v2 >> 8u) & 0xffffu, ((tag2 >> 5u) << 8u) | ((v2 >> 8u) & 0xffu), kind2 == 1u);
    if (r2 + kind2 + 1u > lim || off2 == 0u || off2 > ps_pos || len2 > g_out_cap - ps_pos) { return 1u; }
    ps_p += kind2 + 1u;
    seg_pos[g_sp + at + 1u] = ps_pos << 1u;
    seg_arg[g_sa + at + 1u] = off2;
    ps_pos += len2;
    return 2u;
  }`,
];
// The pair writes two segments per step, so its group parser needs the room check the shipped one drops.
const snappyPairRoom: [string, string] = ['    if (ps_done) { break; }', '    if (ps_done || cnt + 2u > NSEG) { break; }'];
// Without the storage barrier that makes a round's output words visible to the next round's loads (wrong in
// principle; here only for its cost).
const noStorageBarrier: [string, string] = ['    storageBarrier();\n    workgroupBarrier();', '    workgroupBarrier();'];
const lzVariants = (nseq: number, nseg: number): Variant[] => [
  ['shipped', []],
  ['batch x1.5', lzBatch(nseq, nseg, 1.5)],
  ['batch x2', lzBatch(nseq, nseg, 2)],
  ['batch /2', lzBatch(nseq, nseg, 0.5)],
  ['batch x0.75', lzBatch(nseq, nseg, 0.75)],
  ['parse only', [noWords]],
  ['no storage barrier', [noStorageBarrier]],
  ['parse only, no storage barrier', [noWords, noStorageBarrier]],
  ['window 128 B', lzWin(128)],
  ['single loads', singleLoads],
  ['no loads of earlier output', [noMatchLoads]],
  ['no literal loads', [noLiteralLoads]],
  ['no output stores', [noStores]],
  ['no loads, no stores', [noMatchLoads, noLiteralLoads, noStores]],
  ['1 op per workgroup', [lzOps(1)]],
  ['pipelined: 64 wide, 1 op, parse and words overlapped', [lzOps(1), lzWg(64), ['const PIPE: bool = false;', 'const PIPE: bool = true;']]],
  ['64 wide, 1 op, no overlap', [lzOps(1), lzWg(64)]],
];
const dNcmd = (n: number): [string, string] => ['const NCMD: u32 = 32u;', `const NCMD: u32 = ${n}u;`];
const dLit = (n: number): [string, string] => ['const LITCAP: u32 = 128u;', `const LITCAP: u32 = ${n}u;`];
const dWg = (n: number): [string, string] => ['const WG: u32 = 96u;', `const WG: u32 = ${n}u;`];
// Deflate ablations (wrong bytes, right sizes and statuses): the leader alone (the copy lanes write nothing,
// so a phase is the leader's round), and copy lanes that take every byte before the round as a constant
// instead of loading it from out (what the loads of committed output cost).
const dNoStorageBarrier: [string, string] = ['    storageBarrier();\n    let fin', '    workgroupBarrier();\n    let fin'];
const dLeaderOnly: [string, string] = ['      copy_round((phase - 1u) & 1u, lid - COPY0, ow);', '      if (wg_fin == 0xfffffffeu) { copy_round((phase - 1u) & 1u, lid - COPY0, ow); }'];
const dNoCommittedLoads: [string, string] = ['  if (wi == hw) { return head; }\n  return out[ow + wi];', '  if (wi == hw) { return head; }\n  return wi;'];
// Occupancy probes: more workgroup memory (touched, so it stays; up to 28 KiB more needs an adapter that
// allows 32 KiB, as SwiftShader and the H200 do: bench/node.ts asks for the adapter's limit). If the batch
// slows as fewer workgroups fit an SM, resident operations bound it.
const dPad = (words: number): [string, string][] => [
  ['var<workgroup> wg_fin: u32;', `var<workgroup> wg_fin: u32;\nvar<workgroup> wg_pad: array<u32, ${words}>;`],
  ['    wg_fin = 0u;      // no reliance on workgroup zero-initialisation', `    wg_fin = 0u;      // no reliance on workgroup zero-initialisation\n    wg_pad[src_byte % ${words}u] = 0u;`],
];
const dBits = (l: number, d: number): [string, string][] => [
  ['const LBITS: u32 = 9u;', `const LBITS: u32 = ${l}u;`],
  ['const DBITS: u32 = 8u;', `const DBITS: u32 = ${d}u;`],
];
// Where the leader's time per symbol goes (session 22; with the leader alone, so wrong bytes are harmless):
// its commands not recorded (no workgroup-memory stores of cmd, cstart, litw; runs b and c measured a form
// that also dropped the literal bytes' shifts), its per-symbol checks gone
// (input end, output room, distance; valid streams only), rounds cut only when full (not at a match whose
// source reaches into the round; the copy lanes must not run then).
const dNoRecord: [string, string][] = [
  ['        cstart[cb + ncmd] = outpos;\n        cmd[ab + ncmd] = (C_LIT << 30u) | nlit;\n', ''],
  ['        litw[lb + (nlit >> 2u) - 1u] = acc;\n', ''],
  ['    cstart[cb + ncmd] = outpos;\n    cmd[ab + ncmd] = (C_MATCH << 30u) | dist;', '    acc = acc ^ dist;'],
];
const dNoChecks: [string, string][] = [
  ['      if ((nb < virt) | (outpos >= ocap)) { fail(ST_OUTPUT_OVERFLOW); break; }', ''],
  ['    if ((nb < virt) | (dist > outpos) | (len > ocap - outpos)) {', '    if (false) {'],
];
const dNoRoundCut: [string, string] = ['    if (s_end > b0) {', '    if (false) {'];
// A length's and a distance's base and extra bits by select instead of branches (same bytes).
const dSelectBase: [string, string][] = [
  [`    var len = ls + 3u;
    var xb = 0u;
    if (ls == 28u) {
      len = 258u;
    } else if (ls >= 8u) {
      xb = (ls - 4u) >> 2u;
      len = (((ls & 3u) + 4u) << xb) + 3u;
    }`, `    let big = ls >= 8u && ls != 28u;
    let xb = select(0u, (ls - 4u) >> 2u, big);
    var len = select(select(ls + 3u, 258u, ls == 28u), (((ls & 3u) + 4u) << xb) + 3u, big);`],
  [`    var dist = ds + 1u;
    var dx = 0u;
    if (ds >= 4u) {
      dx = (ds >> 1u) - 1u;
      dist = ((2u + (ds & 1u)) << dx) + 1u;
    }`, `    let dx = select(0u, (ds >> 1u) - 1u, ds >= 4u);
    var dist = select(ds + 1u, ((2u + (ds & 1u)) << dx) + 1u, ds >= 4u);`],
];
// The copy lanes' code compiled out (not only skipped: whether it costs the leader registers), and the
// leader's refill always on its fast path, near the stream's end too (valid streams only).
const dNoCopyCode: [string, string] = ['      copy_round((phase - 1u) & 1u, lid - COPY0, ow);', '      if (wg_fin == 0xfffffffeu) { out[ow] = 0u; }'];
const dPlainRefill: [string, string] = ['  if (!LINKS && rw + 1u < full_end) {', '  if (true) {'];
// The leader's four parts above taken away (recording, checks, bases by branch, round cuts), and the stripped
// leader: those, the copy code compiled out and the plain refill.
const dAllFour: [string, string][] = [...dNoRecord, ...dNoChecks, ...dSelectBase, dNoRoundCut];
const dStripped: [string, string][] = [dNoCopyCode, ...dAllFour, dPlainRefill];
// Tables of 32-bit entries (one load, no shift and mask per lookup; 768 B more workgroup memory).
const dWideTables: [string, string][] = [
  ['var<workgroup> ltab: array<u32, (1u << LBITS) / 2u>;', 'var<workgroup> ltab: array<u32, 1u << LBITS>;'],
  ['var<workgroup> dtab: array<u32, (1u << DBITS) / 2u>;', 'var<workgroup> dtab: array<u32, 1u << DBITS>;'],
  ['  let sh = (idx & 1u) * 16u;\n  if (kind == 0u) { return (ltab[idx >> 1u] >> sh) & 0xffffu; }\n  return (dtab[idx >> 1u] >> sh) & 0xffffu;', '  if (kind == 0u) { return ltab[idx]; }\n  return dtab[idx];'],
  ['    ltab[idx >> 1u] = (ltab[idx >> 1u] & keep) | (v << sh);', '    ltab[idx] = v;'],
  ['    dtab[idx >> 1u] = (dtab[idx >> 1u] & keep) | (v << sh);', '    dtab[idx] = v;'],
  ['    for (var x = 0u; x < tsize / 2u; x++) {', '    for (var x = 0u; x < tsize; x++) {'],
];
// Session 22's leader diet in parts (all four together were 1.5-7% slower, run d; the first two shipped):
// the refill's general path for every word and a branch per check, as before session 22; one test of the
// block state per symbol (6-12% slower).
const dRefillGeneral: [string, string] = ['  if (!LINKS && rw + 1u < full_end) {', '  if (false) {'];
const dSeparateChecks: [string, string][] = [
  ['      if ((nb < virt) | (outpos >= ocap)) { fail(ST_OUTPUT_OVERFLOW); break; }', '      if (nb < virt) { fail(ST_TRUNCATED); break; }\n      if (outpos >= ocap) { fail(ST_OUTPUT_OVERFLOW); break; }'],
  ['    if ((nb < virt) | (dist > outpos) | (len > ocap - outpos)) {\n      fail(select(ST_OUTPUT_OVERFLOW, ST_BAD_DISTANCE, dist > outpos));\n      break;\n    }', '    if (nb < virt) { fail(ST_TRUNCATED); break; }\n    if (dist > outpos) { fail(ST_BAD_DISTANCE); break; }\n    if (len > ocap - outpos) { fail(ST_OUTPUT_OVERFLOW); break; }'],
];
const dStateOnce: [string, string] = ['    if (ncmd >= NCMD || nlit >= LITCAP || bstate == B_DONE) { break; }\n    if (bstate == B_HDR) {', '    if (ncmd >= NCMD || nlit >= LITCAP) { break; }\n    if (bstate != B_HUF) {\n      if (bstate == B_DONE) { break; }'];
// Session 23's leader variants without branches: the round loop's head test with non-short-circuit `|`; a
// literal stored to its round word at once; a literal run's command written whether or not the run is new.
// (Its chase depth by select/min went with session 25's rounds, which leave the copy lanes no chase.)
const dHeadOr: [string, string] = ['    if (ncmd >= NCMD || nlit >= LITCAP || bstate == B_DONE) { break; }', '    if ((ncmd >= NCMD) | (nlit >= LITCAP) | (bstate == B_DONE)) { break; }'];
const dLitStore: [string, string] = [
  '      nlit = nlit + 1u;\n      if ((nlit & 3u) == 0u) {\n        litw[lb + (nlit >> 2u) - 1u] = acc;\n        acc = 0u;\n      }',
  '      litw[lb + (nlit >> 2u)] = acc;\n      nlit = nlit + 1u;\n      acc = select(acc, 0u, (nlit & 3u) == 0u);',
];
const dLitCmd: [string, string] = [
  '      if (!lastlit) {\n        cstart[cb + ncmd] = outpos;\n        cmd[ab + ncmd] = (C_LIT << 30u) | nlit;\n        ncmd = ncmd + 1u;\n        lastlit = true;\n      }',
  '      cstart[cb + ncmd] = outpos;   // when the run goes on: the next slot, written again before it is read\n      cmd[ab + ncmd] = (C_LIT << 30u) | nlit;\n      ncmd = ncmd + select(1u, 0u, lastlit);\n      lastlit = true;',
];
// The library's variant for runs (src/core/shaders.ts byteRuns), to compare on the same rows.
const dRuns: [string, string] = ['const RUNS: bool = false;', 'const RUNS: bool = true;'];

/** The corpus sweep's variants by algorithm name (test/unit/sweep-patches.test.ts checks that every one still applies). */
export const SWEEP: Record<string, Variant[]> = {
  LZ4: [...lzVariants(8, 16), ['no match-length extension in the fast step', noFastExt], ['the extension on a branch', branchFastExt]],
  Snappy: [...lzVariants(16, 16), ['literal and copy in one step', [snappyPair, snappyPairRoom]], ['literal and copy in one step, batch x1.5', [snappyPair, snappyPairRoom, ...lzBatch(16, 16, 1.5)]], ['literal and copy in one step, parse only', [snappyPair, snappyPairRoom, noWords]]],
  Deflate: [
    ['shipped', []],
    ['no storage barrier', [dNoStorageBarrier]],
    ['NCMD 64, LITCAP 256', [dNcmd(64), dLit(256)]],
    ['NCMD 16, LITCAP 64', [dNcmd(16), dLit(64)]],
    ['WG 64', [dWg(64)]],
    ['WG 128', [dWg(128)]],
    ['leader only', [dLeaderOnly]],
    ['no loads of committed output', [dNoCommittedLoads]],
    ['leader only, no storage barrier', [dLeaderOnly, dNoStorageBarrier]],
    ['+20 KiB workgroup memory', dPad(5120)],
    ['+28 KiB workgroup memory', dPad(7168)],
    ['+1 KiB workgroup memory', dPad(256)],
    ['+2 KiB workgroup memory', dPad(512)],
    ['LBITS 8, DBITS 7', dBits(8, 7)],
    ['LBITS 8, DBITS 7, NCMD 16, LITCAP 64', [...dBits(8, 7), dNcmd(16), dLit(64)]],
    ['select bases', dSelectBase],
    ['leader only, select bases', [dLeaderOnly, ...dSelectBase]],
    ['leader only, no recording', [dLeaderOnly, ...dNoRecord]],
    ['leader only, no checks', [dLeaderOnly, ...dNoChecks]],
    ['leader only, rounds cut only when full', [dLeaderOnly, dNoRoundCut]],
    ['leader only, all four', [dLeaderOnly, ...dAllFour]],
    ['refill general path', [dRefillGeneral]],
    ['separate checks', dSeparateChecks],
    ['block state tested once', [dStateOnce]],
    ['copy code compiled out', [dNoCopyCode]],
    ['leader only, plain refill', [dLeaderOnly, dPlainRefill]],
    ['all four, copy code compiled out', [dNoCopyCode, ...dAllFour]],
    ['all four, plain refill, copy code compiled out', dStripped],
    // The stripped leader above with one more part of a symbol's cost taken away: the tables' u16 unpacking,
    // or most rounds' barriers (rounds 8x as long), to split its ~550 cycles a symbol (session 26).
    ['all four, plain refill, copy code compiled out, wide tables', [...dStripped, ...dWideTables]],
    ['all four, plain refill, copy code compiled out, NCMD 256, LITCAP 1024', [...dStripped, dNcmd(256), dLit(1024)]],
    ['wide tables', dWideTables],
    ['leader only, wide tables', [dLeaderOnly, ...dWideTables]],
    ['head test without short-circuit', [dHeadOr]],
    ['literal stored at once', [dLitStore]],
    ['literal command by select', [dLitCmd]],
    ['head, literal store and command without branches', [dHeadOr, dLitStore, dLitCmd]],
    ['head and literal store without branches', [dHeadOr, dLitStore]],
    ['runs variant', [dRuns]],
    ['runs variant, leader only', [dRuns, dLeaderOnly]],
  ],
};
const SWEEP_ONLY = (process.env.SWEEP_ONLY ?? '').split('|').filter(Boolean);
const HOST_CALLS = !!process.env.HOST_CALLS;
const SPLIT_SRC = !!process.env.SPLIT_SRC;
/**
 * The CPU this thread last ran on (Linux; '?' elsewhere). The H200 machine's vCPUs run the same host code
 * up to 1.9x apart (BENCHMARKS.md, session 21), so a row's host time says little without it.
 */
const cpuNow = (): string => {
  try {
    // Field 39 of stat, counted after the parenthesized command name (which may hold spaces).
    return readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1].split(' ')[36];
  } catch {
    return '?';
  }
};
const SWEEP_COUNTS = (process.env.SWEEP_COUNTS ?? '').split(',').filter(Boolean).map(Number);
const SWEEP_ROWS = (process.env.SWEEP_ROWS ?? 'text:65536,text:1048576,text:4194304,binary:65536,binary:4194304').split(',');

/** The decoder kernel alone: one raw dispatch of `count` operations over the distinct streams; ms per batch. */
const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1];

function concat(list: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(list.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of list) out.set(c, o), (o += c.length);
  return out;
}

/** Snappy's varint length preamble in front of a raw stream (snappyjs wants it). */
function withPreamble(c: Uint8Array, size: number): Uint8Array {
  const pre: number[] = [];
  for (let v = size; ; v >>>= 7) {
    if (v < 0x80) {
      pre.push(v);
      break;
    }
    pre.push((v & 0x7f) | 0x80);
  }
  const out = new Uint8Array(pre.length + c.length);
  out.set(pre);
  out.set(c, pre.length);
  return out;
}
