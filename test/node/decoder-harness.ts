// Test harness for the batch decompression kernels (shaders/lz4.wgsl, shaders/snappy.wgsl, deflate).
//
//   const res = await runDecoder(wgsl, [{ src, outCap }, ...]);   // one dispatch for all ops
//   res[i].out     bytes produced by op i (results[2i] of them), res[i].status its status code
//
// Every kernel shares one binding contract:
//   @binding(0) ops: array<DecodeOp{src_byte, src_len, out_word, out_cap}>, @binding(1) src: array<u32>,
//   @binding(2) out: array<u32> (filled with FILL here: decoders need no clearing),
//   @binding(3) results: array<u32> (bytes, status per op);
//   one workgroup per op, op index = workgroup_id.x + workgroup_id.y * num_workgroups.x; entry point `main`.
//
// The harness packs the sources at unaligned byte offsets with random garbage in the gaps (a decoder that
// reads past its own range then decodes garbage), gives every op a 16-byte-padded output region with a
// gap after it, all filled with FILL, and after the dispatch checks the bytes after [region start,
// region start + results[2i]): zero up to the end of that word (decoders write whole words), FILL beyond.
// Anything else (a write past the produced bytes or outside the region) throws (unless
// `allowOutsideWrites`), and is counted in `outsideWrites` either way.

import { deviceForTests, gpuForTests } from '../setup/gpu.ts';
import { expect } from 'vitest';
import { rng as sharedRng } from '../shared/webcu.ts';
import { DECOMPRESS_STATUS, opsPerWorkgroup, readsDecodeOrder } from '../../src/core/shaders.ts';

export interface DecodeInput {
  /** Compressed bytes of the op. */
  src: Uint8Array;
  /** Output capacity in bytes (the op's out_cap). */
  outCap: number;
}

export interface DecodeOutput {
  /** The first results[2i] bytes of the op's region (clipped to outCap if a kernel over-reports). */
  out: Uint8Array;
  /** results[2i + 1]. */
  status: number;
  /** results[2i] exactly as the kernel wrote it. */
  bytes: number;
  /** Nonzero bytes found past `bytes` in the region, or in the gap after it. */
  outsideWrites: number;
}

export interface RunOptions {
  /** Do not throw when bytes outside the produced range changed (they are still counted). */
  allowOutsideWrites?: boolean;
  /** Seed for the garbage in source gaps and the gap sizes (deterministic by default). */
  seed?: number;
  /** Workgroups per row of the dispatch grid (default: the device limit); lower it to test 2D grids. */
  maxGroupsX?: number;
}

/** Status codes shared by all decoders. */
export const Status = DECOMPRESS_STATUS;

const OUT_GAP = 16; // bytes between output regions
const FILL = 0xc3; // every output byte before the dispatch

let devicePromise: Promise<GPUDevice> | undefined;
const pipelines = new Map<string, Promise<GPUComputePipeline>>();

/** One device per process with the adapter's storage-buffer limits. */
export function decoderDevice(): Promise<GPUDevice> {
  devicePromise ??= (async () => {
    const gpu = await gpuForTests();
    const adapter = await gpu.requestAdapter();
    const want = (name: keyof GPUSupportedLimits) => (adapter ? Number(adapter.limits[name]) : undefined);
    const requiredLimits: Record<string, number> = {};
    for (const name of [
      'maxStorageBufferBindingSize',
      'maxBufferSize',
      'maxComputeWorkgroupStorageSize',
      'maxComputeInvocationsPerWorkgroup',
      'maxComputeWorkgroupSizeX',
    ] as const) {
      const v = want(name);
      if (v !== undefined) requiredLimits[name] = v;
    }
    const { device } = await deviceForTests({ requiredLimits });
    return device;
  })();
  return devicePromise;
}

/** Destroys the shared device (call in afterAll, or Node may not exit). */
export async function destroyDecoderDevice(): Promise<void> {
  if (!devicePromise) return;
  const device = await devicePromise;
  devicePromise = undefined;
  pipelines.clear();
  device.destroy();
}

async function pipelineFor(device: GPUDevice, wgsl: string): Promise<GPUComputePipeline> {
  let p = pipelines.get(wgsl);
  if (!p) {
    p = (async () => {
      device.pushErrorScope('validation');
      const module = device.createShaderModule({ code: wgsl });
      const info = await module.getCompilationInfo();
      const errors = info.messages.filter((m) => m.type === 'error');
      if (errors.length) {
        await device.popErrorScope();
        throw new Error(
          'WGSL compilation failed:\n' + errors.map((m) => `  ${m.lineNum}:${m.linePos} ${m.message}`).join('\n'),
        );
      }
      const pipeline = await device.createComputePipelineAsync({
        layout: 'auto',
        compute: { module, entryPoint: 'main' },
      });
      const err = await device.popErrorScope();
      if (err) throw new Error(`pipeline creation failed: ${err.message}`);
      return pipeline;
    })();
    pipelines.set(wgsl, p);
    p.catch(() => pipelines.delete(wgsl));
  }
  return p;
}

/** The tests' xorshift32 sequence (test/shared/webcu.ts), as a bare generator. */
const rng = (seed: number): (() => number) => sharedRng(seed).next;

const align = (n: number, a: number) => Math.ceil(n / a) * a;

/**
 * Decodes every op in one dispatch of `wgslSource` and returns the per-op output and status.
 * Throws on WGSL/validation errors and (unless allowOutsideWrites) on writes outside an op's output.
 */
export async function runDecoder(
  wgslSource: string,
  ops: DecodeInput[],
  options: RunOptions = {},
): Promise<DecodeOutput[]> {
  if (ops.length === 0) return [];
  const device = await decoderDevice();
  const pipeline = await pipelineFor(device, wgslSource);
  const rand = rng(options.seed ?? 0x9e3779b9);

  // Sources: each starts 1..8 bytes after the previous one ends; the gap bytes are random garbage.
  const srcOffsets: number[] = [];
  let srcSize = 0;
  for (const op of ops) {
    srcSize += 1 + (rand() % 8);
    srcOffsets.push(srcSize);
    srcSize += op.src.length;
  }
  srcSize = align(srcSize + 8, 4);
  const srcBytes = new Uint8Array(srcSize);
  for (let i = 0; i < srcSize; i++) srcBytes[i] = rand() & 0xff;
  ops.forEach((op, i) => srcBytes.set(op.src, srcOffsets[i]));

  // Output regions: 16-byte padded, a gap after each.
  const outOffsets: number[] = [];
  let outSize = 0;
  for (const op of ops) {
    outOffsets.push(outSize);
    outSize += align(op.outCap, 16) + OUT_GAP;
  }
  outSize = Math.max(outSize, 16);

  const opWords = new Uint32Array(ops.length * 4);
  ops.forEach((op, i) => {
    opWords.set([srcOffsets[i], op.src.length, outOffsets[i] / 4, op.outCap], i * 4);
  });
  // The Deflate decoder's decode order (binding 4): the rows backwards, so that every workgroup decodes
  // another's row.
  const ordered = readsDecodeOrder(wgslSource);
  const orderWords = Uint32Array.from({ length: Math.max(ops.length, 1) }, (_, k) => Math.max(0, ops.length - 1 - k));

  const maxBinding = device.limits.maxStorageBufferBindingSize;
  if (outSize > maxBinding || srcSize > maxBinding) {
    throw new Error(`batch too large for one binding (${outSize} / ${srcSize} > ${maxBinding})`);
  }

  const storage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
  const opsBuf = device.createBuffer({ size: opWords.byteLength, usage: storage });
  const orderBuf = device.createBuffer({ size: orderWords.byteLength, usage: storage });
  const srcBuf = device.createBuffer({ size: srcSize, usage: storage });
  const outBuf = device.createBuffer({ size: outSize, usage: storage });
  const resBuf = device.createBuffer({ size: ops.length * 8, usage: storage });
  const outRead = device.createBuffer({ size: outSize, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  const resRead = device.createBuffer({
    size: ops.length * 8,
    usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
  });
  try {
    device.queue.writeBuffer(opsBuf, 0, opWords);
    device.queue.writeBuffer(orderBuf, 0, orderWords);
    device.queue.writeBuffer(srcBuf, 0, srcBytes);
    device.queue.writeBuffer(outBuf, 0, new Uint8Array(outSize).fill(FILL));
    // Results start as a sentinel so an op the kernel never finished is visible.
    device.queue.writeBuffer(resBuf, 0, new Uint32Array(ops.length * 2).fill(0xdeadbeef));

    const bindGroup = device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: [
        { binding: 0, resource: { buffer: opsBuf } },
        { binding: 1, resource: { buffer: srcBuf } },
        { binding: 2, resource: { buffer: outBuf } },
        { binding: 3, resource: { buffer: resBuf } },
        ...(ordered ? [{ binding: 4, resource: { buffer: orderBuf } }] : []),
      ],
    });
    const maxX = Math.min(options.maxGroupsX ?? Infinity, device.limits.maxComputeWorkgroupsPerDimension);
    // LZ4 and Snappy decode OPS operations per workgroup (shaders/lz_ops.wgsl), Deflate one.
    const groups = Math.ceil(ops.length / opsPerWorkgroup(wgslSource));
    const groupsX = Math.min(groups, maxX);
    const groupsY = Math.ceil(groups / groupsX);

    device.pushErrorScope('validation');
    const enc = device.createCommandEncoder();
    const pass = enc.beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(groupsX, groupsY);
    pass.end();
    enc.copyBufferToBuffer(outBuf, 0, outRead, 0, outSize);
    enc.copyBufferToBuffer(resBuf, 0, resRead, 0, ops.length * 8);
    device.queue.submit([enc.finish()]);
    const err = await device.popErrorScope();
    if (err) throw new Error(`dispatch failed: ${err.message}`);

    await Promise.all([outRead.mapAsync(GPUMapMode.READ), resRead.mapAsync(GPUMapMode.READ)]);
    const outAll = new Uint8Array(outRead.getMappedRange().slice(0));
    const res = new Uint32Array(resRead.getMappedRange().slice(0));
    outRead.unmap();
    resRead.unmap();

    const results: DecodeOutput[] = [];
    const problems: string[] = [];
    ops.forEach((op, i) => {
      const bytes = res[2 * i];
      const status = res[2 * i + 1];
      const start = outOffsets[i];
      const regionEnd = start + align(op.outCap, 16) + OUT_GAP;
      const produced = Math.min(bytes, op.outCap);
      let outsideWrites = 0;
      const wordEnd = start + align(produced, 4);
      for (let b = start + produced; b < regionEnd; b++) if (outAll[b] !== (b < wordEnd ? 0 : FILL)) outsideWrites++;
      if (bytes > op.outCap) problems.push(`op ${i}: reports ${bytes} bytes > outCap ${op.outCap}`);
      if (outsideWrites) {
        problems.push(`op ${i}: ${outsideWrites} bytes changed past its ${bytes} produced bytes (status ${status})`);
      }
      results.push({ out: outAll.slice(start, start + produced), status, bytes, outsideWrites });
    });
    if (problems.length && !options.allowOutsideWrites) {
      throw new Error(`decoder wrote outside its output:\n  ${problems.slice(0, 10).join('\n  ')}`);
    }
    return results;
  } finally {
    for (const b of [opsBuf, orderBuf, srcBuf, outBuf, resBuf, outRead, resRead]) b.destroy();
  }
}

// ---- Deterministic corpora shared by the decoder tests --------------------------------------------------

/** xorshift32 stream, deterministic per seed. */
export function prng(seed: number): () => number {
  return rng(seed);
}

export function randomBytes(n: number, seed: number): Uint8Array {
  const r = rng(seed);
  const a = new Uint8Array(n);
  for (let i = 0; i < n; i++) a[i] = r() & 0xff;
  return a;
}

const WORDS = (
  'the of and to in is that for it as was with be by on not he this are or his from at which but have an they ' +
  'you were her she there been one all we their has would when if so no will more what out up into do about ' +
  'memory device buffer kernel stream context module function pointer allocation decompress compute shader ' +
  'workgroup invocation barrier storage uniform texture sampler pipeline dispatch queue submit fence event'
).split(' ');

/** Pseudo-English text with punctuation, numbers and line breaks. */
export function textBytes(n: number, seed: number): Uint8Array {
  const r = rng(seed);
  let s = '';
  let line = 0;
  while (s.length < n) {
    const v = r();
    let w = WORDS[v % WORDS.length];
    if ((v >>> 8) % 29 === 0) w = String((v >>> 12) % 100000);
    if ((v >>> 16) % 11 === 0) w = w[0].toUpperCase() + w.slice(1);
    s += w;
    line += w.length + 1;
    const q = (v >>> 20) % 23;
    s += q === 0 ? '. ' : q === 1 ? ', ' : line > 72 ? '\n' : ' ';
    if (line > 72) line = 0;
  }
  return new TextEncoder().encode(s.slice(0, n));
}

/** Structured binary: little-endian records of counters, small deltas, floats and zero padding. */
export function binaryBytes(n: number, seed: number): Uint8Array {
  const r = rng(seed);
  const a = new Uint8Array(align(n, 16));
  const v = new DataView(a.buffer);
  let counter = r() % 1000;
  for (let i = 0; i + 16 <= a.length; i += 16) {
    counter += 1 + (r() % 3);
    v.setUint32(i, counter, true);
    v.setUint16(i + 4, r() % 16, true);
    v.setUint16(i + 6, 0x4000, true);
    v.setFloat32(i + 8, Math.round(Math.sin(i / 160) * 64) / 64, true);
    v.setUint32(i + 12, (r() & 7) === 0 ? r() : 0, true);
  }
  return a.slice(0, n);
}

/** Concatenation of the corpora above plus zero runs, for large inputs. */
export function mixedBytes(n: number, seed: number): Uint8Array {
  const r = rng(seed);
  const a = new Uint8Array(n);
  let o = 0;
  while (o < n) {
    const k = Math.min(n - o, 1024 + (r() % 65536));
    const kind = r() % 4;
    const part =
      kind === 0 ? textBytes(k, r()) : kind === 1 ? binaryBytes(k, r()) : kind === 2 ? randomBytes(k, r()) : null;
    if (part) a.set(part, o); // kind 3: zeros
    o += k;
  }
  return a;
}

/** A stream and the bytes it must decode to. */
export interface Block {
  name: string;
  data: Uint8Array;
  src: Uint8Array;
  /** The status it decodes with, all of `data` written (OK unless set). */
  status?: number;
}

/**
 * The inputs both LZ77 decoders are tested on: text, binary, random, zeros, mixed and tiny (0..16 bytes),
 * from seeds `seed` .. `seed + 6` and `tinySeed + n`.
 */
export function lzCorpus(seed: number, tinySeed: number): { name: string; data: Uint8Array }[] {
  const cases = [
    { name: 'text 64K', data: textBytes(65536, seed) },
    { name: 'text 100K', data: textBytes(100_000, seed + 1) },
    { name: 'binary 64K', data: binaryBytes(65536, seed + 2) },
    { name: 'binary 33333', data: binaryBytes(33333, seed + 3) },
    { name: 'random 64K', data: randomBytes(65536, seed + 4) },
    { name: 'random 1000', data: randomBytes(1000, seed + 5) },
    { name: 'zeros 64K', data: new Uint8Array(65536) },
    { name: 'zeros 100', data: new Uint8Array(100) },
    { name: 'mixed 200K', data: mixedBytes(200_000, seed + 6) },
    { name: 'repeat abc', data: new TextEncoder().encode('abc'.repeat(5000)) },
  ];
  for (let n = 0; n <= 16; n++) cases.push({ name: `tiny ${n}`, data: textBytes(n, tinySeed + n) });
  for (let n = 1; n <= 16; n += 5) cases.push({ name: `tiny zeros ${n}`, data: new Uint8Array(n) });
  return cases;
}

/** Decodes every block in one dispatch (capacity = its data length + slack) and expects its status (OK unless set) and the data. */
export async function expectDecodes(wgsl: string, blocks: Block[], slack = 0): Promise<void> {
  const res = await runDecoder(
    wgsl,
    blocks.map((b) => ({ src: b.src, outCap: b.data.length + slack })),
  );
  res.forEach((r, i) => {
    const b = blocks[i];
    expect({ name: b.name, status: r.status, bytes: r.bytes }).toEqual({
      name: b.name,
      status: b.status ?? Status.OK,
      bytes: b.data.length,
    });
    expect(Buffer.from(r.out).equals(Buffer.from(b.data)), b.name).toBe(true);
  });
}

/**
 * 1201 ops of 0..2999 bytes of text, binary, random, zero or mixed data in one dispatch on a 2D grid
 * (400 workgroups a row; an odd count, so the last workgroup of a decoder with OPS 2 has an empty slot),
 * odd ops encoded with `encode[1]`, even ones with `encode[0]`. Expects every op to decode to its data
 * with status OK, or `status(src, data length)`.
 */
export async function expectMixedBatch(
  wgsl: string,
  seed: number,
  encode: [(d: Uint8Array) => Uint8Array, (d: Uint8Array) => Uint8Array],
  status: (src: Uint8Array, n: number) => number = () => Status.OK,
): Promise<void> {
  const r = prng(seed);
  const blocks: Block[] = [];
  for (let i = 0; i < 1201; i++) {
    const n = r() % 3000;
    const kind = r() % 5;
    const data =
      kind === 0
        ? textBytes(n, r())
        : kind === 1
          ? binaryBytes(n, r())
          : kind === 2
            ? randomBytes(n, r())
            : kind === 3
              ? new Uint8Array(n)
              : mixedBytes(n, r());
    blocks.push({ name: `op ${i}`, data, src: encode[i & 1](data) });
  }
  const res = await runDecoder(
    wgsl,
    blocks.map((b) => ({ src: b.src, outCap: b.data.length })),
    { maxGroupsX: 400 },
  );
  const bad = res.flatMap((x, i) => (x.status !== status(blocks[i].src, blocks[i].data.length) || !Buffer.from(x.out).equals(Buffer.from(blocks[i].data)) ? [i] : []));
  expect(bad).toEqual([]);
}

/**
 * The fuzz run both LZ77 decoders share: 1500 ops in one dispatch made from blocks of text, binary and
 * mixed data (`encode` alternates between two independent encoders) by bit flips, truncation, or plain
 * random bytes, each decoded on the GPU and by `ref`. Returns the ops where the two disagree (status,
 * byte count or bytes) and how many ops the GPU reported as errors. runDecoder throws on any write
 * outside an op's output.
 */
export async function fuzzAgainstReference(
  wgsl: string,
  seed: number,
  encode: [(d: Uint8Array) => Uint8Array, (d: Uint8Array) => Uint8Array],
  ref: (src: Uint8Array, cap: number) => { out: Uint8Array; status: number },
): Promise<{ mismatches: string[]; errors: number }> {
  const r = prng(seed);
  const bases: Uint8Array[] = [];
  for (let i = 0; i < 24; i++) {
    const n = 64 + (r() % 4000);
    const data = i % 3 === 0 ? textBytes(n, r()) : i % 3 === 1 ? binaryBytes(n, r()) : mixedBytes(n, r());
    bases.push(encode[i & 1](data));
  }
  const ops: DecodeInput[] = [];
  for (let i = 0; i < 1500; i++) {
    const base = bases[r() % bases.length];
    let s: Uint8Array;
    const kind = i % 4;
    if (kind === 0 || kind === 1) {
      s = base.slice();
      const flips = 1 + (r() % (kind === 0 ? 2 : 12));
      for (let f = 0; f < flips; f++) s[r() % s.length] ^= 1 << (r() % 8);
    } else if (kind === 2) {
      s = base.slice(0, r() % base.length);
    } else {
      s = randomBytes(r() % 300, r());
    }
    const cap = r() % 8 === 0 ? r() % 5000 : 4200 + (r() % 2000);
    ops.push({ src: s, outCap: cap });
  }
  const res = await runDecoder(wgsl, ops);
  const mismatches: string[] = [];
  let errors = 0;
  res.forEach((g, i) => {
    const want = ref(ops[i].src, ops[i].outCap);
    if (g.status !== 0) errors++;
    if (g.status !== want.status || g.bytes !== want.out.length || !Buffer.from(g.out).equals(Buffer.from(want.out))) {
      mismatches.push(`op ${i}: gpu ${g.status}/${g.bytes} ref ${want.status}/${want.out.length}`);
    }
  });
  return { mismatches, errors };
}

/** A hand-made stream and what it must decode to. */
export interface EdgeCase {
  name: string;
  src: Uint8Array;
  cap: number;
  status: number;
  out: Uint8Array;
}

/**
 * Runs every edge case in one dispatch of each decoder source and checks the reference decoder and the
 * GPU against the expected status and bytes.
 */
export async function checkEdgeCases(
  codes: string[],
  cases: EdgeCase[],
  refDecode: (src: Uint8Array, cap: number) => { out: Uint8Array; status: number },
): Promise<void> {
  for (const code of codes) {
    const res = await runDecoder(
      code,
      cases.map((c) => ({ src: c.src, outCap: c.cap })),
    );
    res.forEach((r, i) => {
      const c = cases[i];
      const ref = refDecode(c.src, c.cap);
      expect({ name: c.name, status: ref.status, out: Array.from(ref.out) }).toEqual({ name: c.name, status: c.status, out: Array.from(c.out) });
      expect({ name: c.name, status: r.status, bytes: r.bytes, out: Array.from(r.out) }).toEqual({
        name: c.name,
        status: c.status,
        bytes: c.out.length,
        out: Array.from(c.out),
      });
    });
  }
}

/**
 * Decodes `data`, compressed by each encoder, into every capacity in `caps` below its size, in one
 * dispatch per decoder source: each stops at OUTPUT_OVERFLOW with exactly the first `cap` bytes written.
 */
export async function checkOverflow(codes: string[], data: Uint8Array, encoders: ((d: Uint8Array) => Uint8Array)[], caps: number[]): Promise<void> {
  const srcs = encoders.map((enc) => enc(data));
  const ops = srcs.flatMap((src) => caps.map((cap) => ({ src, outCap: cap })));
  for (const code of codes) {
    const res = await runDecoder(code, ops);
    res.forEach((r, i) => {
      expect([r.status, r.bytes]).toEqual([Status.OUTPUT_OVERFLOW, ops[i].outCap]);
      expect(Buffer.from(r.out).equals(Buffer.from(data.subarray(0, ops[i].outCap)))).toBe(true);
    });
  }
}
