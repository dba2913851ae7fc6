// webcu on a GPUDevice with WebGPU's default limits (128 MiB storage bindings, 256 MiB buffers, 8 storage
// buffers a stage), as a page may hand it one: allocations larger than a binding, reached through small
// copies whose other end lies at the start of another buffer (a staging buffer, a readback buffer,
// another allocation), fills, batch copies, a decompression whose source is longer than a binding, and
// large operations in pieces. WebGPU must report no error (one oversized binding fails a whole
// submission, and the context with it), and every byte must be right.

import { expect, test } from 'vitest';
import { gpuForTests } from '../setup/gpu.ts';
import { deflate, lz4, snappy } from '../shared/encoders.ts';
import { cu, firstDiff, readDevice, rng } from '../shared/webcu.ts';
import { textBytes } from './decoder-harness.ts';

const MiB = 2 ** 20;
const OK = cu.CUDA_SUCCESS;

/** WebGPU's errors on the device webcu was given. */
const errors: string[] = [];
let started: Promise<void> | undefined;

/** webcu on a device requested with no limits, once for the file. */
function start(): Promise<void> {
  started ??= (async () => {
    const gpu = await gpuForTests();
    const device = await (await gpu.requestAdapter())!.requestDevice();
    expect(device.limits.maxStorageBufferBindingSize).toBe(128 * MiB);
    expect(device.limits.maxStorageBuffersPerShaderStage).toBe(8);
    device.addEventListener('uncapturederror', (e) => errors.push((e as GPUUncapturedErrorEvent).error.message));
    expect(await cu.cuInit(0, { device })).toBe(OK);
    expect((await cu.cuCtxCreate(0, 0))[0]).toBe(OK);
  })();
  return started;
}

test('allocations larger than a binding on a device with the default limits: small copies, fills and decompression at their far ends', async () => {
  await start();
  const n = 140 * MiB;
  const [ea, a] = cu.cuMemAlloc(n);
  const [eb, b] = cu.cuMemAlloc(n);
  expect([ea, eb]).toEqual([OK, OK]);
  const far = n - MiB + 3;
  const r = rng(48);
  const bytes = r.bytes(63);
  // A staging buffer's start to an allocation's far end, unaligned.
  expect(await cu.cuMemcpyHtoD(a + far, bytes, 63)).toBe(OK);
  expect(await cu.cuMemcpyHtoD(a + 5, bytes, 63)).toBe(OK);
  // One allocation's start to another's far end and back.
  expect(await cu.cuMemcpyDtoD(b + far + 100, a + 5, 63)).toBe(OK);
  expect(await cu.cuMemcpyDtoD(b + 7, a + far, 63)).toBe(OK);
  // Batch copies between the two ends.
  const [, s] = cu.cuStreamCreate(0);
  const attrs = [{ srcAccessOrder: cu.CU_MEMCPY_SRC_ACCESS_ORDER_STREAM }];
  expect(cu.cuMemcpyBatchAsync([b + far + 300, b + 300], [a + 5, a + far], [63, 63], 2, attrs, [0], 1, s)).toBe(OK);
  expect(cu.cuMemsetD8Async(b + far + 500, 0x5a, 61, s)).toBe(OK);
  // A decompression whose source runs to the allocation's end (140 MiB) and destination is far in b.
  const data = textBytes(20000, 49);
  const streams = [deflate(data), lz4(data)];
  expect(await cu.cuMemcpyHtoD(a + 1000, streams[0], streams[0].length)).toBe(OK);
  expect(await cu.cuMemcpyHtoD(a + far - 60000, streams[1], streams[1].length)).toBe(OK);
  const params = [
    { src: a + 1000, srcNumBytes: n - 1000, dst: b + far - 200000, dstNumBytes: 65536, dstActBytes: b + 128, algo: cu.CU_MEM_DECOMPRESS_ALGORITHM_DEFLATE },
    { src: a + far - 60000, srcNumBytes: streams[1].length, dst: b + 1024, dstNumBytes: 65536, dstActBytes: b + far + 700, algo: cu.CU_MEM_DECOMPRESS_ALGORITHM_LZ4 },
  ];
  expect(cu.cuMemBatchDecompressAsync(params, 2, 0, s)).toEqual([OK, 0]);
  expect(await cu.cuStreamSynchronize(s)).toBe(OK);
  expect(await cu.cuCtxSynchronize()).toBe(OK);
  // Reads back from the far ends (into a readback buffer's start), unaligned.
  for (const p of [b + far + 100, b + 7, b + far + 300, b + 300]) expect(Array.from(await readDevice(p, 63))).toEqual(Array.from(bytes));
  expect(Array.from(await readDevice(b + far + 499, 63))).toEqual([0, ...new Array(61).fill(0x5a), 0]);
  expect(firstDiff(await readDevice(b + far - 200000, data.length), data)).toBe(-1);
  expect(firstDiff(await readDevice(b + 1024, data.length), data)).toBe(-1);
  expect(new Uint32Array((await readDevice(b + 128, 4)).slice().buffer)[0]).toBe(data.length);
  expect(new Uint32Array((await readDevice(b + far + 700, 4)).slice().buffer)[0]).toBe(data.length);
  expect(errors).toEqual([]);
  for (const p of [a, b]) expect(cu.cuMemFree(p!)).toBe(OK);
}, 120_000);

test('large operations in pieces on a device with the default limits (8 storage buffers a stage, 256 invocations a workgroup)', async () => {
  await start();
  const data = textBytes(700000, 50);
  const algos = [cu.CU_MEM_DECOMPRESS_ALGORITHM_DEFLATE, cu.CU_MEM_DECOMPRESS_ALGORITHM_LZ4, cu.CU_MEM_DECOMPRESS_ALGORITHM_SNAPPY];
  const streams = [deflate(data), lz4(data), snappy(data)];
  const at = [0, 1, 2].map((k) => k * 400000);
  const [, src] = cu.cuMemAlloc(3 * 400000);
  const [, dst] = cu.cuMemAlloc(3 * data.length);
  const [, words] = cu.cuMemAlloc(24);
  for (let k = 0; k < 3; k++) expect(await cu.cuMemcpyHtoD(src + at[k], streams[k], streams[k].length)).toBe(OK);
  const params = algos.map((algo, k) => ({ src: src + at[k], srcNumBytes: streams[k].length, dst: dst + k * data.length, dstNumBytes: data.length, dstActBytes: words + 8 * k, status: words + 8 * k + 4, algo }));
  expect(cu.cuMemBatchDecompressAsync(params, 3, 0, null)).toEqual([OK, 0]);
  expect(Array.from(new Uint32Array((await readDevice(words, 24)).buffer))).toEqual([data.length, 0, data.length, 0, data.length, 0]);
  for (let k = 0; k < 3; k++) expect(firstDiff(await readDevice(dst + k * data.length, data.length), data), `algo ${algos[k]}`).toBe(-1);
  expect(errors).toEqual([]);
  for (const p of [src, dst, words]) expect(cu.cuMemFree(p!)).toBe(OK);
}, 120_000);
