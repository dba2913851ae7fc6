// Hostile arguments on Node's WebGPU: the type-confusion sweep (test/shared/hostile.ts), the CUDA error
// codes that hostile handles get, a batch that a throwing getter stops before anything is enqueued, and
// calls whose getters free the memory they name.

import { expect, test } from 'vitest';
import { stillWorks, sweep } from '../shared/hostile.ts';
import { lz4 } from '../shared/encoders.ts';
import { cu, readDevice, startWebcu } from '../shared/webcu.ts';

const OK = cu.CUDA_SUCCESS;
const INVALID = cu.CUDA_ERROR_INVALID_VALUE;

test('no exported function throws, rejects or hangs on hostile arguments, and the library still works after', async () => {
  await startWebcu();
  const t0 = performance.now();
  const { calls, functions, failures } = await sweep();
  console.log(`hostile sweep (Node): ${calls} calls over ${functions} functions in ${Math.round(performance.now() - t0)} ms`);
  expect(failures).toEqual([]);
  expect(functions).toBeGreaterThan(60);
  expect(calls).toBeGreaterThan(3000);
  await stillWorks();
});

test('hostile handles get the codes CUDA gives for bad handles', async () => {
  await startWebcu();
  const { proxy: revoked, revoke } = Proxy.revocable({}, {});
  revoke();
  const detached = new Uint8Array(8);
  structuredClone(detached.buffer, { transfer: [detached.buffer] });
  const [, ctx] = cu.cuCtxGetCurrent();
  const [, s] = cu.cuStreamCreate(0);
  const [, ev] = cu.cuEventCreate(0);
  const [, p] = cu.cuMemAlloc(16);
  const h = revoked as never;
  expect(cu.cuStreamQuery(h)).toBe(cu.CUDA_ERROR_INVALID_HANDLE);
  expect(cu.cuStreamDestroy(h)).toBe(cu.CUDA_ERROR_INVALID_HANDLE);
  expect(await cu.cuStreamSynchronize(h)).toBe(cu.CUDA_ERROR_INVALID_HANDLE);
  expect(cu.cuMemsetD8Async(p, 1, 16, h)).toBe(cu.CUDA_ERROR_INVALID_HANDLE);
  expect(cu.cuEventQuery(h)).toBe(cu.CUDA_ERROR_INVALID_HANDLE);
  expect(cu.cuEventRecord(h, null)).toBe(cu.CUDA_ERROR_INVALID_HANDLE);
  expect(cu.cuEventRecord(ev!, h)).toBe(cu.CUDA_ERROR_INVALID_HANDLE);
  expect(cu.cuCtxSetCurrent(h)).toBe(cu.CUDA_ERROR_INVALID_CONTEXT);
  expect(cu.cuCtxPushCurrent(h)).toBe(cu.CUDA_ERROR_INVALID_CONTEXT);
  expect(cu.cuCtxDestroy(h)).toBe(cu.CUDA_ERROR_INVALID_CONTEXT);
  expect(cu.cuDeviceGet(h)[0]).toBe(cu.CUDA_ERROR_INVALID_DEVICE);
  // A Proxy of a real handle is no handle: it could lie about every field.
  expect(cu.cuStreamQuery(new Proxy(s!, {}))).toBe(cu.CUDA_ERROR_INVALID_HANDLE);
  expect(cu.cuEventQuery(new Proxy(ev!, {}))).toBe(cu.CUDA_ERROR_INVALID_HANDLE);
  expect(cu.cuCtxPushCurrent(new Proxy(ctx!, {}))).toBe(cu.CUDA_ERROR_INVALID_CONTEXT);
  // Not a number: no CUresult, whatever its toString does.
  expect(cu.cuGetErrorName(detached as never)).toEqual([INVALID, null]);
  expect(cu.cuGetErrorString({ toString: () => '0' } as never)).toEqual([INVALID, null]);
  expect(cu.cuGetErrorName('0' as never)).toEqual([INVALID, null]);
  expect(cu.cuStreamQuery(s)).toBe(OK);
  expect(cu.cuCtxGetCurrent()[1]).toBe(ctx);
  expect(cu.cuMemFree(p)).toBe(OK);
});

test('a throwing getter in a decompression batch leaves nothing enqueued', async () => {
  await startWebcu();
  const [, src] = cu.cuMemAlloc(256);
  const [, dst] = cu.cuMemAlloc(256);
  const [, act] = cu.cuMemAlloc(4);
  expect(await cu.cuMemsetD8(src, 0, 256)).toBe(OK);
  expect(await cu.cuMemsetD8(dst, 0xee, 256)).toBe(OK);
  expect(await cu.cuMemsetD8(act, 0xee, 4)).toBe(OK);
  // Entry 0 is valid (a stored Deflate block of 5 bytes), entry 1 throws when its algorithm is read.
  expect(await cu.cuMemcpyHtoD(src, new Uint8Array([1, 5, 0, 0xfa, 0xff, 1, 2, 3, 4, 5]), 10)).toBe(OK);
  const good = { src, srcNumBytes: 10, dst, dstNumBytes: 256, dstActBytes: act, algo: cu.CU_MEM_DECOMPRESS_ALGORITHM_DEFLATE };
  const bad = {
    ...good,
    get algo(): number {
      throw new Error('hostile getter');
    },
  };
  expect(cu.cuMemBatchDecompressAsync([good, bad], 2, 0, null)).toEqual([INVALID, cu.SIZE_MAX]);
  expect(await cu.cuCtxSynchronize()).toBe(OK);
  expect(Array.from(await readDevice(dst, 8))).toEqual(new Array(8).fill(0xee));
  expect(Array.from(await readDevice(act, 4))).toEqual([0xee, 0xee, 0xee, 0xee]);
  // The same valid entry alone decodes, so the test would see an enqueued batch.
  expect(cu.cuMemBatchDecompressAsync([good], 1, 0, null)).toEqual([OK, 0]);
  expect(await cu.cuCtxSynchronize()).toBe(OK);
  expect(Array.from(await readDevice(dst, 6))).toEqual([1, 2, 3, 4, 5, 0xee]);
  expect(Array.from(await readDevice(act, 4))).toEqual([5, 0, 0, 0]);
});

test('a getter that frees memory the call has already looked up fails the call, and nothing is written', async () => {
  await startWebcu();
  const [, s] = cu.cuStreamCreate(0);
  const size = 4096;
  // Each case's getter frees `a` (named by the call before the getter runs), allocates `c` at once
  // (nothing is pending, so it gets a's memory back) and fills it; the call must then neither write
  // into c nor read c as if it were a.
  const run = async (name: string, call: (a: number, steal: () => void) => unknown, expected: unknown, host?: Uint8Array) => {
    expect(await cu.cuCtxSynchronize()).toBe(OK);
    const [, a] = cu.cuMemAlloc(size);
    expect(await cu.cuMemsetD8(a, 0x11, size)).toBe(OK);
    let c = 0;
    const steal = () => {
      expect(cu.cuMemFree(a)).toBe(OK);
      c = cu.cuMemAlloc(size)[1]!;
      expect(cu.cuMemsetD8Async(c, 0x55, size, s)).toBe(OK);
    };
    expect(call(a, steal), name).toEqual(expected);
    expect(await cu.cuCtxSynchronize()).toBe(OK);
    expect(c, name).not.toBe(0);
    expect((await readDevice(c, size)).every((v) => v === 0x55), name).toBe(true);
    if (host) expect(host.every((v) => v === 0), name).toBe(true);
    expect(cu.cuMemFree(c)).toBe(OK);
  };
  const [, src] = cu.cuMemAlloc(size);
  const [, act] = cu.cuMemAlloc(8);
  const stream = lz4(new Uint8Array(size).fill(7));
  expect(await cu.cuMemcpyHtoD(src, stream, stream.length)).toBe(OK);
  const LZ4 = cu.CU_MEM_DECOMPRESS_ALGORITHM_LZ4;
  const entry = (dst: number) => ({ src, srcNumBytes: stream.length, dst, dstNumBytes: size, dstActBytes: act, algo: LZ4 });
  await run('cuMemBatchDecompressAsync', (a, steal) => {
    const later = { ...entry(src), dstActBytes: act + 4 };
    Object.defineProperty(later, 'algo', { get: () => (steal(), LZ4) });
    return cu.cuMemBatchDecompressAsync([entry(a), later], 2, 0, s);
  }, [INVALID, cu.SIZE_MAX]);
  const attrs = [{ srcAccessOrder: cu.CU_MEMCPY_SRC_ACCESS_ORDER_STREAM }];
  await run('cuMemcpyBatchAsync', (a, steal) => {
    const srcs = new Proxy([src, src], { get: (t, k) => (k === '1' && steal(), Reflect.get(t, k)) });
    return cu.cuMemcpyBatchAsync([a, act], srcs, [size, 4], 2, attrs, [0], 1, s);
  }, INVALID);
  const operand = (ptr: number) => ({ type: cu.CU_MEMCPY_OPERAND_TYPE_POINTER, op: { ptr: { ptr } } });
  const op = (dst: number) => ({ src: operand(src), dst: operand(dst), extent: { width: 64, height: 64, depth: 1 }, srcAccessOrder: cu.CU_MEMCPY_SRC_ACCESS_ORDER_STREAM });
  await run('cuMemcpy3DBatchAsync', (a, steal) => {
    const later = { ...op(act), extent: { width: 4, height: 1, depth: 1 } };
    Object.defineProperty(later, 'srcAccessOrder', { get: () => (steal(), cu.CU_MEMCPY_SRC_ACCESS_ORDER_STREAM) });
    return cu.cuMemcpy3DBatchAsync(2, [op(a), later], 0, s);
  }, INVALID);
  // A read: the source is looked up before the destination's length is read.
  const host = new Uint8Array(size);
  await run('cuMemcpy2DAsync', (a, steal) => {
    Object.defineProperty(host, 'byteLength', { get: () => (steal(), size) });
    return cu.cuMemcpy2DAsync({ srcMemoryType: cu.CU_MEMORYTYPE_DEVICE, srcDevice: a, dstMemoryType: cu.CU_MEMORYTYPE_HOST, dstHost: host, WidthInBytes: 64, Height: 64, srcPitch: 64, dstPitch: 64 }, s);
  }, INVALID, host);
  expect(cu.cuStreamDestroy(s!)).toBe(OK);
  await stillWorks();
});

test('a getter that destroys the call\'s stream or context fails the call, and nothing is written', async () => {
  await startWebcu();
  const [, ctx0] = cu.cuCtxGetCurrent();
  const [, dst] = cu.cuMemAlloc(64);
  expect(await cu.cuMemsetD8(dst, 0xee, 64)).toBe(OK);
  const host = new Uint8Array(64).fill(1);
  const copy = (h: Uint8Array) => ({ srcMemoryType: cu.CU_MEMORYTYPE_HOST, srcHost: h, dstMemoryType: cu.CU_MEMORYTYPE_DEVICE, dstDevice: dst, WidthInBytes: 64, Height: 1 });
  const [, s] = cu.cuStreamCreate(0);
  Object.defineProperty(host, 'byteLength', { get: () => (cu.cuStreamDestroy(s!), 64), configurable: true });
  expect(cu.cuMemcpy2DAsync(copy(host), s)).toBe(cu.CUDA_ERROR_INVALID_HANDLE);
  // A context of its own, destroyed while the call reads its arguments (the memory is the first context's).
  const [, ctx] = await cu.cuCtxCreate(0, 0);
  Object.defineProperty(host, 'byteLength', { get: () => (cu.cuCtxDestroy(ctx!), 64) });
  expect(await cu.cuMemcpy2D(copy(host))).toBe(cu.CUDA_ERROR_CONTEXT_IS_DESTROYED);
  expect(cu.cuCtxSetCurrent(ctx0!)).toBe(OK);
  expect(await cu.cuCtxSynchronize()).toBe(OK);
  expect(Array.from(await readDevice(dst, 64))).toEqual(new Array(64).fill(0xee));
  expect(await cu.cuMemcpy2D(copy(new Uint8Array(64).fill(1)))).toBe(OK);
  expect(Array.from(await readDevice(dst, 64))).toEqual(new Array(64).fill(1));
  expect(cu.cuMemFree(dst)).toBe(OK);
});
