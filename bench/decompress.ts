// Decompression benchmark: batches of 64 KiB chunks (≥ 256 MiB of output per algorithm) decoded by
// cuMemBatchDecompressAsync, against CPU decoders on the same data in the same run: Node's zlib
// inflateRawSync and fflate for Deflate, lz4js for LZ4 blocks, snappyjs for raw Snappy (the pure-JS
// decoders a web page would use). Output GB/s; the GPU side is wall-clock over back-to-back batches.

import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { inflateSync as fflateInflate } from 'fflate';
import * as cu from '../src/index.ts';
import * as lz4js from 'lz4js';
import * as snappyjs from 'snappyjs';
import type { Row } from './memory.ts';
import { DECODER_WGSL, opsPerWorkgroup, readsDecodeOrder } from '../src/core/shaders.ts';

export const KERNELS: Record<number, string> = {
  [cu.CU_MEM_DECOMPRESS_ALGORITHM_LZ4]: DECODER_WGSL.lz4,
  [cu.CU_MEM_DECOMPRESS_ALGORITHM_SNAPPY]: DECODER_WGSL.snappy,
  [cu.CU_MEM_DECOMPRESS_ALGORITHM_DEFLATE]: DECODER_WGSL.inflate,
};

/**
 * The decoder kernel alone on the same chunks: one dispatch per rep with the decoders' binding contract
 * (no commit to destinations, no dstActBytes stores), so that the API row can be split into kernel time
 * and the rest.
 */
/** Throws unless every op's [bytes, status] in `results` is [size, 0] (`what` names the run). */
export async function expectDecoded(device: GPUDevice, results: GPUBuffer, count: number, size: number, what: string): Promise<void> {
  const rb = device.createBuffer({ size: count * 8, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  const enc = device.createCommandEncoder();
  enc.copyBufferToBuffer(results, 0, rb, 0, count * 8);
  device.queue.submit([enc.finish()]);
  await rb.mapAsync(GPUMapMode.READ);
  const res = new Uint32Array(rb.getMappedRange().slice(0));
  rb.destroy();
  for (let i = 0; i < count; i++) if (res[2 * i] !== size || res[2 * i + 1] !== 0) throw new Error(`${what}: op ${i} gives ${res[2 * i]} bytes, status ${res[2 * i + 1]}`);
}

/**
 * Seconds per dispatch of a decoder kernel alone (no webcu): `count` operations of `size` output bytes,
 * cycling through the streams in `comp`, after one run that checks every operation decoded in full.
 */
export async function kernelOnly(device: GPUDevice, code: string, comp: Uint8Array[], reps: number, size = CHUNK, count = comp.length): Promise<number> {
  const srcBytes = comp.reduce((n, c) => n + Math.ceil(c.length / 4) * 4, 0);
  const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST;
  const src = device.createBuffer({ size: srcBytes, usage });
  const offs: number[] = [];
  let o = 0;
  for (const c of comp) {
    const padded = new Uint8Array(Math.ceil(c.length / 4) * 4);
    padded.set(c);
    device.queue.writeBuffer(src, o, padded);
    offs.push(o);
    o += padded.length;
  }
  const table = new Uint32Array(count * 4);
  for (let i = 0; i < count; i++) table.set([offs[i % comp.length], comp[i % comp.length].length, (i * size) / 4, size], i * 4);
  const ops = device.createBuffer({ size: table.byteLength, usage });
  device.queue.writeBuffer(ops, 0, table);
  // The Deflate decoder's decode order (binding 4): the rows as they come.
  const order = device.createBuffer({ size: count * 4, usage });
  device.queue.writeBuffer(order, 0, Uint32Array.from({ length: count }, (_, k) => k));
  const out = device.createBuffer({ size: count * size, usage });
  const results = device.createBuffer({ size: count * 8, usage: usage | GPUBufferUsage.COPY_SRC });
  const pipeline = device.createComputePipeline({ layout: 'auto', compute: { module: device.createShaderModule({ code }), entryPoint: 'main' } });
  const group = device.createBindGroup({
    layout: pipeline.getBindGroupLayout(0),
    entries: [ops, src, out, results, order]
      .slice(0, readsDecodeOrder(code) ? 5 : 4)
      .map((buffer, binding) => ({ binding, resource: { buffer } })),
  });
  const run = () => {
    const e = device.createCommandEncoder();
    const pass = e.beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, group);
    const groups = Math.ceil(count / opsPerWorkgroup(code));
    const x = Math.min(groups, 65535);
    pass.dispatchWorkgroups(x, Math.ceil(groups / x));
    pass.end();
    device.queue.submit([e.finish()]);
  };
  run();
  await device.queue.onSubmittedWorkDone();
  // A variant must still decode.
  await expectDecoded(device, results, count, size, 'variant');
  const t = performance.now();
  for (let r = 0; r < reps; r++) run();
  await device.queue.onSubmittedWorkDone();
  const seconds = (performance.now() - t) / 1e3 / reps;
  for (const b of [src, ops, out, results]) b.destroy();
  return seconds;
}

export const CHUNK = 64 * 1024;
const DIAG = process.argv.includes('--diag');

/** Text-like data: words, numbers and punctuation from a fixed pseudo-random sequence (about 3:1). */
export function corpus(n: number): Uint8Array {
  const words = 'the of and to in is that for it as with was on be by at this from are or an which data value index table memory device stream copy block error result'.split(' ');
  const out = new Uint8Array(n);
  let s = 12345;
  let p = 0;
  while (p < n) {
    s = (s * 1103515245 + 12345) >>> 0;
    const w = s % 7 === 0 ? String(s % 100000) : words[(s >>> 8) % words.length];
    for (let i = 0; i < w.length && p < n; i++) out[p++] = w.charCodeAt(i);
    if (p < n) out[p++] = s % 13 === 0 ? 10 : 32;
  }
  return out;
}

/**
 * lz4js's block of `d`. lz4js may start its last match too near the end, which breaks LZ4's end rules
 * (webcu: BAD_END, as liblz4); none of this corpus's 64 KiB chunks does (4096 of 4096 checked, session
 * 27), and one that did would stop the run at its check.
 */
export function lz4Block(d: Uint8Array): Uint8Array {
  const dst = new Uint8Array(lz4js.compressBound(d.length));
  const n = lz4js.compressBlock(d, dst, 0, d.length, new Uint32Array(1 << 16));
  if (n === 0) throw new Error('incompressible chunk');
  return dst.subarray(0, n);
}

export function snappyRaw(d: Uint8Array): Uint8Array {
  const framed = snappyjs.compress(d);
  const [, raw] = cu.cuMemDecompressParseSnappy(framed);
  return framed.subarray(raw!.offset, raw!.offset + raw!.length);
}

export async function runDecompressBench(device: GPUDevice, totalMiB: number, reps: number, log: (r: Row) => void): Promise<Row[]> {
  const rows: Row[] = [];
  const add = (op: string, bytes: number, seconds: number) => {
    const row = { op, bytes, seconds, GBps: bytes / seconds / 1e9 };
    rows.push(row);
    log(row);
  };
  const total = totalMiB * 2 ** 20;
  const data = corpus(total);
  const count = total / CHUNK;
  const chunks = Array.from({ length: count }, (_, i) => data.subarray(i * CHUNK, (i + 1) * CHUNK));
  const [, dst] = cu.cuMemAlloc(total);
  const [, act] = cu.cuMemAlloc(count * 4);
  const [, s] = cu.cuStreamCreate(0);
  const algos: [string, number, (d: Uint8Array) => Uint8Array, [string, (c: Uint8Array, i: number) => void][]][] = [
    ['LZ4', cu.CU_MEM_DECOMPRESS_ALGORITHM_LZ4, lz4Block, [
      ['lz4js decompressBlock', (c) => lz4js.decompressBlock(c, new Uint8Array(CHUNK), 0, c.length, 0)],
    ]],
    ['Snappy', cu.CU_MEM_DECOMPRESS_ALGORITHM_SNAPPY, snappyRaw, [
      // snappyjs wants its preamble back: 64 KiB is the varint 0x80 0x80 0x04.
      ['snappyjs uncompress', (c) => snappyjs.uncompress(withPreamble(c))],
    ]],
    ['Deflate', cu.CU_MEM_DECOMPRESS_ALGORITHM_DEFLATE, (d) => new Uint8Array(deflateRawSync(d, { level: 6 })), [
      ['Node zlib inflateRawSync', (c) => inflateRawSync(c)],
      ['fflate inflateSync', (c) => fflateInflate(c)],
    ]],
  ];
  for (const [name, algo, encode, peers] of algos) {
    const comp = chunks.map(encode);
    const srcBytes = comp.reduce((n, c) => n + c.length, 0);
    const [, src] = cu.cuMemAlloc(srcBytes);
    const host = new Uint8Array(srcBytes);
    const params: cu.CUmemDecompressParams[] = [];
    let o = 0;
    comp.forEach((c, i) => {
      host.set(c, o);
      params.push({ src: src + o, srcNumBytes: c.length, dst: dst + i * CHUNK, dstNumBytes: CHUNK, dstActBytes: act + 4 * i, algo });
      o += c.length;
    });
    if (await cu.cuMemcpyHtoD(src, host, srcBytes)) throw new Error('upload failed');
    const run = (p = params) => {
      const [e] = cu.cuMemBatchDecompressAsync(p, count, 0, s);
      if (e) throw new Error(`cuMemBatchDecompressAsync: ${e}`);
    };
    run();
    if (await cu.cuStreamSynchronize(s)) throw new Error('sync failed');
    const check = new Uint8Array(CHUNK);
    for (const i of [0, count >> 1, count - 1]) {
      await cu.cuMemcpyDtoH(check, dst + i * CHUNK, CHUNK);
      for (let k = 0; k < CHUNK; k++) if (check[k] !== chunks[i][k]) throw new Error(`${name}: chunk ${i} differs at ${k}`);
    }
    // The GPU clocks down while the host encodes and checks: half a second of batches brings it back up.
    for (const w0 = performance.now(); performance.now() - w0 < 500; ) {
      run();
      if (await cu.cuStreamSynchronize(s)) throw new Error('sync failed');
    }
    // --diag: events between the batches show each one's GPU time in the back-to-back run.
    const evs = DIAG ? Array.from({ length: reps + 1 }, () => cu.cuEventCreate(0)[1]!) : [];
    const t0 = performance.now();
    for (let r = 0; r < reps; r++) {
      if (DIAG) cu.cuEventRecord(evs[r], s);
      run();
    }
    if (DIAG) cu.cuEventRecord(evs[reps], s);
    const tq = performance.now();
    if (await cu.cuStreamSynchronize(s)) throw new Error('sync failed');
    const gpu = (performance.now() - t0) / 1e3 / reps;
    if (DIAG) {
      const gaps = evs.slice(1).map((e, r) => cu.cuEventElapsedTime(evs[r], e)[1].toFixed(2));
      console.log(`diag ${name}: enqueue loop ${(tq - t0).toFixed(1)} ms, batches ${gaps.join(' ')} ms`);
      evs.forEach((e) => cu.cuEventDestroy(e));
    }
    add(`webcu ${name} ${count} x 64 KiB (ratio ${(total / srcBytes).toFixed(2)})`, total, gpu);
    // The same batch as nvCOMP submits it: dstNumBytes 0 for every operation.
    const nvcomp = params.map((p) => ({ ...p, dstNumBytes: 0 }));
    const tn = performance.now();
    for (let r = 0; r < reps; r++) run(nvcomp);
    if (await cu.cuStreamSynchronize(s)) throw new Error('sync failed');
    add(`  ${name} with dstNumBytes 0 (as nvCOMP passes it)`, total, (performance.now() - tn) / 1e3 / reps);
    // Where a batch's time goes, one batch at a time: host time of the call (validation, planning,
    // encoding, submit) and GPU time between events recorded around it.
    const [, e0] = cu.cuEventCreate(0);
    const [, e1] = cu.cuEventCreate(0);
    const hostMs: number[] = [];
    const gpuMs: number[] = [];
    for (let r = 0; r < reps; r++) {
      cu.cuEventRecord(e0!, s);
      const t = performance.now();
      run();
      hostMs.push(performance.now() - t);
      cu.cuEventRecord(e1!, s);
      if (await cu.cuEventSynchronize(e1!)) throw new Error('event sync failed');
      gpuMs.push(cu.cuEventElapsedTime(e0!, e1!)[1]);
    }
    add(`  ${name} host time per call (median)`, total, median(hostMs) / 1e3);
    add(`  ${name} GPU time per batch, events (median)`, total, median(gpuMs) / 1e3);
    cu.cuEventDestroy(e0!);
    cu.cuEventDestroy(e1!);
    add(`  ${name} decoder kernel only`, total, await kernelOnly(device, KERNELS[algo], comp, reps));
    for (const [peer, decode] of peers) {
      const t = performance.now();
      comp.forEach(decode);
      add(`  CPU ${peer} (1 thread)`, total, (performance.now() - t) / 1e3);
    }
    cu.cuMemFree(src);
  }
  cu.cuMemFree(dst);
  cu.cuMemFree(act);
  cu.cuStreamDestroy(s!);
  return rows;
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1];

function withPreamble(c: Uint8Array): Uint8Array {
  const out = new Uint8Array(c.length + 3);
  out.set([0x80, 0x80, 0x04]);
  out.set(c, 3);
  return out;
}
