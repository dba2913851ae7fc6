// Every driver call of the foundation with its documented results and error codes, in headless
// Chromium's WebGPU. The first tests run before cuInit (this file has its own module state).

import { describe, expect, test } from 'vitest';
import { cu, firstDiff, readDevice, rng, startWebcu } from '../shared/webcu.ts';

const OK = cu.CUDA_SUCCESS;
const INVALID = cu.CUDA_ERROR_INVALID_VALUE;

describe('before cuInit', () => {
  test('calls report CUDA_ERROR_NOT_INITIALIZED; version and error names work', async () => {
    expect(cu.cuMemAlloc(16)[0]).toBe(cu.CUDA_ERROR_NOT_INITIALIZED);
    expect(cu.cuDeviceGetCount()[0]).toBe(cu.CUDA_ERROR_NOT_INITIALIZED);
    expect(await cu.cuCtxSynchronize()).toBe(cu.CUDA_ERROR_NOT_INITIALIZED);
    expect(cu.cuDriverGetVersion()).toEqual([OK, 13000]);
    expect(cu.cuGetErrorName(INVALID)).toEqual([OK, 'CUDA_ERROR_INVALID_VALUE']);
    expect(cu.cuGetErrorString(cu.CUDA_ERROR_OUT_OF_MEMORY)).toEqual([OK, 'out of memory']);
    expect(cu.cuGetErrorName(123456)[0]).toBe(INVALID);
    expect(cu.cuGetErrorString(-1)[0]).toBe(INVALID);
    expect(await cu.cuInit(1)).toBe(INVALID);
  });
});

describe('devices and contexts', () => {
  test('device queries', async () => {
    await startWebcu();
    expect(cu.cuDeviceGetCount()).toEqual([OK, 1]);
    expect(cu.cuDeviceGet(0)).toEqual([OK, 0]);
    expect(cu.cuDeviceGet(1)[0]).toBe(cu.CUDA_ERROR_INVALID_DEVICE);
    expect(cu.cuDeviceGet(-1)[0]).toBe(cu.CUDA_ERROR_INVALID_DEVICE);
    const [e, name] = cu.cuDeviceGetName(256, 0);
    expect(e).toBe(OK);
    expect(name.length).toBeGreaterThan(0);
    expect(cu.cuDeviceGetName(4, 0)[1].length).toBeLessThanOrEqual(3);
    expect(cu.cuDeviceGetName(0, 0)[0]).toBe(INVALID);
    const [, total] = cu.cuDeviceTotalMem(0);
    expect(total).toBeGreaterThanOrEqual(2 ** 30);
    expect(cu.cuMemGetInfo()[2]).toBe(total);
    expect(cu.cuDeviceGetAttribute(cu.CU_DEVICE_ATTRIBUTE_UNIFIED_ADDRESSING, 0)).toEqual([OK, 1]);
    expect(cu.cuDeviceGetAttribute(cu.CU_DEVICE_ATTRIBUTE_CONCURRENT_MANAGED_ACCESS, 0)).toEqual([OK, 0]);
    expect(cu.cuDeviceGetAttribute(cu.CU_DEVICE_ATTRIBUTE_TEXTURE_PITCH_ALIGNMENT, 0)).toEqual([OK, 256]);
    const [, pitch] = cu.cuDeviceGetAttribute(cu.CU_DEVICE_ATTRIBUTE_MAX_PITCH, 0);
    expect(pitch).toBeGreaterThanOrEqual(2 ** 20);
    const [, tex2d] = cu.cuDeviceGetAttribute(cu.CU_DEVICE_ATTRIBUTE_MAXIMUM_TEXTURE2D_WIDTH, 0);
    expect(tex2d).toBeGreaterThanOrEqual(4096);
    expect(cu.cuDeviceGetAttribute(cu.CU_DEVICE_ATTRIBUTE_MAX_THREADS_PER_BLOCK, 0)[1]).toBeGreaterThanOrEqual(128);
    expect(cu.cuDeviceGetAttribute(99999, 0)[0]).toBe(INVALID);
    expect(cu.cuDeviceGetAttribute(cu.CU_DEVICE_ATTRIBUTE_WARP_SIZE, 3)[0]).toBe(cu.CUDA_ERROR_INVALID_DEVICE);
  });

  test('context stack: create, push, pop, set, destroy', async () => {
    await startWebcu();
    const [, base] = cu.cuCtxGetCurrent();
    expect(base).not.toBeNull();
    expect((await cu.cuCtxCreate(0x100, 0))[0]).toBe(INVALID);
    expect((await cu.cuCtxCreate(0, 7))[0]).toBe(cu.CUDA_ERROR_INVALID_DEVICE);
    const [e, ctx] = await cu.cuCtxCreate(cu.CU_CTX_SCHED_AUTO, 0);
    expect(e).toBe(OK);
    expect(cu.cuCtxGetCurrent()[1]).toBe(ctx);
    expect(cu.cuCtxGetDevice()).toEqual([OK, 0]);
    expect(cu.cuCtxPopCurrent()).toEqual([OK, ctx]);
    expect(cu.cuCtxGetCurrent()[1]).toBe(base);
    expect(cu.cuCtxPushCurrent(ctx!)).toBe(OK);
    // Memory of a context is usable from the other contexts of the device.
    const [, p] = cu.cuMemAlloc(64);
    expect(cu.cuCtxSetCurrent(base!)).toBe(OK);
    expect(await cu.cuMemsetD8(p, 3, 64)).toBe(OK);
    expect(cu.cuCtxDestroy(ctx!)).toBe(OK);
    expect(cu.cuCtxDestroy(ctx!)).toBe(cu.CUDA_ERROR_INVALID_CONTEXT);
    expect(cu.cuCtxPushCurrent(ctx!)).toBe(cu.CUDA_ERROR_INVALID_CONTEXT);
    // Destroying a context frees what it allocated.
    expect(cu.cuMemGetAddressRange(p)[0]).toBe(cu.CUDA_ERROR_NOT_FOUND);
    expect(cu.cuCtxGetCurrent()[1]).toBe(base);
    // cuCtxSetCurrent replaced the top of the stack: base is on it twice. With no context current,
    // memory calls report CUDA_ERROR_INVALID_CONTEXT.
    expect(cu.cuCtxPopCurrent()).toEqual([OK, base]);
    expect(cu.cuCtxPopCurrent()).toEqual([OK, base]);
    expect(cu.cuMemAlloc(16)[0]).toBe(cu.CUDA_ERROR_INVALID_CONTEXT);
    expect(cu.cuCtxPopCurrent()[0]).toBe(cu.CUDA_ERROR_INVALID_CONTEXT);
    expect(cu.cuCtxSetCurrent(base!)).toBe(OK);
    expect(await cu.cuCtxSynchronize()).toBe(OK);
  });

  test('primary context: retain, use, release', async () => {
    await startWebcu();
    const [e1, p1] = await cu.cuDevicePrimaryCtxRetain(0);
    const [e2, p2] = await cu.cuDevicePrimaryCtxRetain(0);
    expect([e1, e2]).toEqual([OK, OK]);
    expect(p1).toBe(p2);
    expect((await cu.cuDevicePrimaryCtxRetain(5))[0]).toBe(cu.CUDA_ERROR_INVALID_DEVICE);
    expect(cu.cuCtxPushCurrent(p1!)).toBe(OK);
    const [, ptr] = cu.cuMemAlloc(8);
    expect(cu.cuCtxDestroy(p1!)).toBe(cu.CUDA_ERROR_INVALID_CONTEXT);
    expect(cu.cuMemFree(ptr)).toBe(OK);
    expect(cu.cuCtxPopCurrent()[1]).toBe(p1);
    expect(cu.cuDevicePrimaryCtxRelease(0)).toBe(OK);
    expect(cu.cuDevicePrimaryCtxRelease(0)).toBe(OK);
    expect(cu.cuDevicePrimaryCtxRelease(0)).toBe(cu.CUDA_ERROR_INVALID_CONTEXT);
  });
});

describe('streams and events', () => {
  test('stream lifecycle and errors', async () => {
    await startWebcu();
    expect(cu.cuStreamCreate(4)[0]).toBe(INVALID);
    const [e, s] = cu.cuStreamCreate(cu.CU_STREAM_NON_BLOCKING);
    expect(e).toBe(OK);
    expect(cu.cuStreamQuery(s)).toBe(OK);
    const [, p] = cu.cuMemAlloc(1 << 20);
    expect(cu.cuMemsetD32Async(p, 0x01020304, 1 << 18, s)).toBe(OK);
    expect(cu.cuStreamQuery(s)).toBe(cu.CUDA_ERROR_NOT_READY);
    expect(await cu.cuStreamSynchronize(s)).toBe(OK);
    expect(cu.cuStreamQuery(s)).toBe(OK);
    expect(await cu.cuStreamSynchronize(null)).toBe(OK);
    expect(await cu.cuStreamSynchronize(cu.CU_STREAM_PER_THREAD as never)).toBe(OK);
    expect(cu.cuStreamDestroy(s!)).toBe(OK);
    expect(cu.cuStreamDestroy(s!)).toBe(cu.CUDA_ERROR_INVALID_HANDLE);
    expect(cu.cuMemsetD8Async(p, 1, 1, s)).toBe(cu.CUDA_ERROR_INVALID_HANDLE);
    expect(cu.cuStreamQuery({} as never)).toBe(cu.CUDA_ERROR_INVALID_HANDLE);
    expect(cu.cuStreamDestroy(null as never)).toBe(cu.CUDA_ERROR_INVALID_HANDLE);
    expect(cu.cuMemFree(p)).toBe(OK);
  });

  test('work on different streams runs in enqueue order', async () => {
    await startWebcu();
    const [, a] = cu.cuStreamCreate(0);
    const [, b] = cu.cuStreamCreate(0);
    const [, p] = cu.cuMemAlloc(4096);
    const out = new Uint8Array(4096);
    expect(cu.cuMemsetD8Async(p, 7, 4096, a)).toBe(OK);
    expect(cu.cuMemsetD8Async(p + 100, 9, 10, b)).toBe(OK);
    expect(cu.cuMemcpyDtoHAsync(out, p, 4096, a)).toBe(OK);
    expect(await cu.cuStreamSynchronize(a)).toBe(OK);
    const want = new Uint8Array(4096).fill(7).fill(9, 100, 110);
    expect(firstDiff(out, want)).toBe(-1);
    cu.cuStreamDestroy(a!);
    cu.cuStreamDestroy(b!);
  });

  test('events: record, query, synchronize, elapsed time, errors', async () => {
    await startWebcu();
    expect(cu.cuEventCreate(8)[0]).toBe(INVALID);
    expect(cu.cuEventCreate(cu.CU_EVENT_INTERPROCESS)[0]).toBe(INVALID);
    const [, start] = cu.cuEventCreate(cu.CU_EVENT_DEFAULT);
    const [, end] = cu.cuEventCreate(0);
    const [, untimed] = cu.cuEventCreate(cu.CU_EVENT_DISABLE_TIMING);
    expect(cu.cuEventQuery(start!)).toBe(OK);
    expect(cu.cuEventElapsedTime(start!, end!)[0]).toBe(cu.CUDA_ERROR_INVALID_HANDLE);
    const [, s] = cu.cuStreamCreate(0);
    const [, p] = cu.cuMemAlloc(4 << 20);
    expect(cu.cuEventRecord(start!, s)).toBe(OK);
    expect(cu.cuMemsetD8Async(p, 1, 4 << 20, s)).toBe(OK);
    expect(cu.cuEventRecord(end!, s)).toBe(OK);
    expect(cu.cuEventRecord(untimed!, s)).toBe(OK);
    expect(cu.cuEventQuery(end!)).toBe(cu.CUDA_ERROR_NOT_READY);
    expect(await cu.cuEventSynchronize(end!)).toBe(OK);
    expect(cu.cuEventQuery(end!)).toBe(OK);
    const [e, ms] = cu.cuEventElapsedTime(start!, end!);
    expect(e).toBe(OK);
    expect(ms).toBeGreaterThanOrEqual(0);
    expect(await cu.cuEventSynchronize(untimed!)).toBe(OK);
    expect(cu.cuEventElapsedTime(start!, untimed!)[0]).toBe(cu.CUDA_ERROR_INVALID_HANDLE);
    expect(cu.cuEventRecord({} as never, s)).toBe(cu.CUDA_ERROR_INVALID_HANDLE);
    expect(cu.cuEventDestroy(start!)).toBe(OK);
    expect(cu.cuEventDestroy(start!)).toBe(cu.CUDA_ERROR_INVALID_HANDLE);
    expect(cu.cuEventQuery(start!)).toBe(cu.CUDA_ERROR_INVALID_HANDLE);
    expect(cu.cuMemFree(p)).toBe(OK);
  });
});

describe('linear memory', () => {
  test('cuMemAlloc and cuMemFree', async () => {
    await startWebcu();
    expect(cu.cuMemAlloc(0)[0]).toBe(INVALID);
    expect(cu.cuMemAlloc(-1)[0]).toBe(INVALID);
    expect(cu.cuMemAlloc(1.5)[0]).toBe(INVALID);
    expect(cu.cuMemAlloc('64' as never)[0]).toBe(INVALID);
    expect(cu.cuMemAlloc(2 ** 53 - 1)[0]).toBe(cu.CUDA_ERROR_OUT_OF_MEMORY);
    const ptrs = [1, 10, 255, 256, 1000, 3 << 20].map((n) => cu.cuMemAlloc(n));
    for (const [e, p] of ptrs) {
      expect(e).toBe(OK);
      expect(p % 256).toBe(0);
    }
    expect(cu.cuMemFree(0)).toBe(OK);
    expect(cu.cuMemFree(ptrs[1][1] + 4)).toBe(INVALID);
    expect(cu.cuMemFree(12345)).toBe(INVALID);
    expect(cu.cuMemFree(-3)).toBe(INVALID);
    for (const [, p] of ptrs) expect(cu.cuMemFree(p)).toBe(OK);
    expect(cu.cuMemFree(ptrs[0][1])).toBe(INVALID);
  });

  test('cuMemFree waits for work already enqueued on the memory', async () => {
    await startWebcu();
    const [, p] = cu.cuMemAlloc(1 << 16);
    expect(await cu.cuMemsetD8(p, 0x42, 1 << 16)).toBe(OK);
    const out = new Uint8Array(1 << 16);
    expect(cu.cuMemcpyDtoHAsync(out, p, 1 << 16, null)).toBe(OK);
    expect(cu.cuMemFree(p)).toBe(OK);
    const [, q] = cu.cuMemAlloc(1 << 16);
    expect(cu.cuMemsetD8Async(q, 0x11, 1 << 16, null)).toBe(OK);
    expect(await cu.cuCtxSynchronize()).toBe(OK);
    expect(out.every((v) => v === 0x42)).toBe(true);
    expect(cu.cuMemFree(q)).toBe(OK);
  });

  test('cuMemAllocPitch', async () => {
    await startWebcu();
    for (const es of [0, 1, 2, 7, 12, 17]) expect(cu.cuMemAllocPitch(100, 10, es)[0]).toBe(INVALID);
    expect(cu.cuMemAllocPitch(0, 10, 4)[0]).toBe(INVALID);
    expect(cu.cuMemAllocPitch(10, 0, 4)[0]).toBe(INVALID);
    expect(cu.cuMemAllocPitch(2 ** 53, 1, 4)[0]).toBe(INVALID);
    expect(cu.cuMemAllocPitch(2 ** 40, 1, 4)[0]).toBe(INVALID);
    expect(cu.cuMemAllocPitch(100, 2 ** 50, 4)[0]).toBe(cu.CUDA_ERROR_OUT_OF_MEMORY);
    for (const [w, h, es] of [[1, 1, 4], [100, 7, 8], [256, 3, 16], [257, 5, 4], [1000, 2, 4]]) {
      const [e, p, pitch] = cu.cuMemAllocPitch(w, h, es);
      expect(e).toBe(OK);
      expect(pitch % 256).toBe(0);
      expect(pitch).toBeGreaterThanOrEqual(w);
      expect(pitch - w).toBeLessThan(256);
      expect(cu.cuMemGetAddressRange(p)).toEqual([OK, p, pitch * h]);
      expect(cu.cuMemFree(p)).toBe(OK);
    }
  });

  test('cuMemGetAddressRange and cuMemGetInfo', async () => {
    await startWebcu();
    const [, free0, total] = cu.cuMemGetInfo();
    const [, p] = cu.cuMemAlloc(1000);
    for (let k = 0; k <= 80; k++) expect(cu.cuMemGetAddressRange(p + k)).toEqual([OK, p, 1000]);
    expect(cu.cuMemGetAddressRange(p + 999)).toEqual([OK, p, 1000]);
    expect(cu.cuMemGetAddressRange(p + 1000)[0]).toBe(cu.CUDA_ERROR_NOT_FOUND);
    expect(cu.cuMemGetAddressRange(0)[0]).toBe(cu.CUDA_ERROR_NOT_FOUND);
    expect(cu.cuMemGetAddressRange(null as never)[0]).toBe(INVALID);
    const [, big] = cu.cuMemAlloc(200 << 20);
    const [, free1, total1] = cu.cuMemGetInfo();
    expect(total1).toBe(total);
    expect(free1).toBeLessThanOrEqual(free0 - (200 << 20));
    expect(cu.cuMemFree(big)).toBe(OK);
    expect(cu.cuMemFree(p)).toBe(OK);
    expect(await cu.cuCtxSynchronize()).toBe(OK);
    expect(cu.cuMemGetInfo()[1]).toBeGreaterThanOrEqual(free0);
  });

  test('cuMemGetHandleForAddressRange gives the WebGPU buffer behind a range', async () => {
    await startWebcu();
    const [, p] = cu.cuMemAlloc(1024);
    expect(cu.cuMemGetHandleForAddressRange(p, 1024, cu.CU_MEM_RANGE_HANDLE_TYPE_DMA_BUF_FD, 0)[0]).toBe(cu.CUDA_ERROR_NOT_SUPPORTED);
    expect(cu.cuMemGetHandleForAddressRange(p, 1025, cu.CU_MEM_RANGE_HANDLE_TYPE_WEBGPU_BUFFER, 0)[0]).toBe(INVALID);
    expect(cu.cuMemGetHandleForAddressRange(p, 16, 77, 0)[0]).toBe(INVALID);
    expect(await cu.cuMemsetD32(p + 16, 0xcafef00d, 4)).toBe(OK);
    const [e, h] = cu.cuMemGetHandleForAddressRange(p + 16, 16, cu.CU_MEM_RANGE_HANDLE_TYPE_WEBGPU_BUFFER, 0);
    expect(e).toBe(OK);
    const device = (h!.buffer as unknown as { device?: GPUDevice }).device;
    expect(h!.size).toBe(16);
    expect(h!.offset % 16).toBe(0);
    void device;
    expect(cu.cuMemFree(p)).toBe(OK);
  });
});

describe('host memory', () => {
  test('pinned allocations and their flags', async () => {
    await startWebcu();
    expect(cu.cuMemAllocHost(0)[0]).toBe(INVALID);
    expect(cu.cuMemHostAlloc(16, 8)[0]).toBe(INVALID);
    const [e, h] = cu.cuMemHostAlloc(4096, cu.CU_MEMHOSTALLOC_PORTABLE | cu.CU_MEMHOSTALLOC_WRITECOMBINED);
    expect(e).toBe(OK);
    expect(h).toBeInstanceOf(Uint8Array);
    expect(h!.byteLength).toBe(4096);
    expect(cu.cuMemHostGetFlags(h!)).toEqual([OK, cu.CU_MEMHOSTALLOC_PORTABLE | cu.CU_MEMHOSTALLOC_WRITECOMBINED]);
    expect(cu.cuMemHostGetFlags(h!.subarray(100))).toEqual([OK, 5]);
    expect(cu.cuMemHostGetFlags(new Uint8Array(16))[0]).toBe(INVALID);
    expect(cu.cuMemHostRegister(h!, 16, 0)).toBe(cu.CUDA_ERROR_HOST_MEMORY_ALREADY_REGISTERED);
    expect(cu.cuMemFreeHost(h!.subarray(1))).toBe(INVALID);
    expect(cu.cuMemFreeHost(new Uint8Array(4))).toBe(INVALID);
    const [, h2] = cu.cuMemAllocHost(64);
    expect(cu.cuMemHostGetFlags(h2!)).toEqual([OK, 0]);
    expect(cu.cuMemFreeHost(h!)).toBe(OK);
    expect(cu.cuMemFreeHost(h!)).toBe(INVALID);
    expect(cu.cuMemFreeHost(h2!)).toBe(OK);
  });

  test('registration', async () => {
    await startWebcu();
    const mem = new Uint8Array(8192);
    expect(cu.cuMemHostRegister(null as never, 16, 0)).toBe(INVALID);
    expect(cu.cuMemHostRegister(mem, 0, 0)).toBe(INVALID);
    expect(cu.cuMemHostRegister(mem, 8193, 0)).toBe(INVALID);
    expect(cu.cuMemHostRegister(mem, 16, 0x10)).toBe(INVALID);
    expect(cu.cuMemHostRegister(mem, 16, cu.CU_MEMHOSTREGISTER_IOMEMORY)).toBe(cu.CUDA_ERROR_NOT_SUPPORTED);
    const part = mem.subarray(1024, 3072);
    expect(cu.cuMemHostRegister(part, 2048, cu.CU_MEMHOSTREGISTER_READ_ONLY)).toBe(OK);
    expect(cu.cuMemHostRegister(mem.subarray(3000), 100, 0)).toBe(cu.CUDA_ERROR_HOST_MEMORY_ALREADY_REGISTERED);
    const [, p] = cu.cuMemAlloc(8192);
    // Copies must lie wholly inside or wholly outside registered memory; read-only memory is never written.
    expect(await cu.cuMemcpyHtoD(p, mem.subarray(1000), 100)).toBe(INVALID);
    expect(await cu.cuMemcpyHtoD(p, part, 2048)).toBe(OK);
    expect(await cu.cuMemcpyHtoD(p, mem, 1024)).toBe(OK);
    expect(await cu.cuMemcpyDtoH(part, p, 16)).toBe(INVALID);
    expect(cu.cuMemHostUnregister(part.subarray(1))).toBe(cu.CUDA_ERROR_HOST_MEMORY_NOT_REGISTERED);
    expect(cu.cuMemHostUnregister(mem)).toBe(cu.CUDA_ERROR_HOST_MEMORY_NOT_REGISTERED);
    expect(cu.cuMemHostUnregister(part)).toBe(OK);
    expect(cu.cuMemHostUnregister(part)).toBe(cu.CUDA_ERROR_HOST_MEMORY_NOT_REGISTERED);
    expect(await cu.cuMemcpyDtoH(part, p, 16)).toBe(OK);
    expect(cu.cuMemFree(p)).toBe(OK);
  });
});

describe('1D copies', () => {
  test('every direction, any offset and length, cuMemcpy inferring the direction', async () => {
    await startWebcu();
    const r = rng(5);
    const n = 70001;
    const [, a] = cu.cuMemAlloc(n);
    const [, b] = cu.cuMemAlloc(n);
    const data = r.bytes(n);
    expect(await cu.cuMemcpy(a, data, n)).toBe(OK);
    expect(await cu.cuMemcpy(b, a, n)).toBe(OK);
    const back = new Uint8Array(n);
    expect(await cu.cuMemcpy(back, b, n)).toBe(OK);
    expect(firstDiff(back, data)).toBe(-1);
    const hh = new Uint8Array(n);
    expect(await cu.cuMemcpy(hh, back, n)).toBe(OK);
    expect(firstDiff(hh, data)).toBe(-1);
    // Unaligned device-to-device within one allocation (non-overlapping) and across.
    expect(await cu.cuMemcpyDtoD(a + 3, a + 40000, 29999)).toBe(OK);
    const model = data.slice();
    model.copyWithin(3, 40000, 69999);
    expect(firstDiff(await readDevice(a, n), model)).toBe(-1);
    // A typed array of another type and an interior view are host pointers with an offset.
    const words = new Uint32Array(8).fill(0xa1b2c3d4);
    expect(await cu.cuMemcpyHtoD(b + 1, new DataView(words.buffer, 4, 16), 16)).toBe(OK);
    expect(Array.from(await readDevice(b + 1, 4))).toEqual([0xd4, 0xc3, 0xb2, 0xa1]);
    expect(cu.cuMemFree(a)).toBe(OK);
    expect(cu.cuMemFree(b)).toBe(OK);
  });

  test('errors: zero counts succeed untouched, NULL and out-of-range fail', async () => {
    await startWebcu();
    const [, p] = cu.cuMemAlloc(256);
    expect(await cu.cuMemsetD8(p, 0x33, 256)).toBe(OK);
    const h = new Uint8Array(512);
    for (const r of [
      await cu.cuMemcpyHtoD(0, h, 0),
      await cu.cuMemcpyDtoH(h, 0, 0),
      await cu.cuMemcpyDtoD(0, 0, 0),
      cu.cuMemcpyHtoDAsync(p, h, 0, null),
      cu.cuMemcpyDtoHAsync(h, p, 0, null),
      cu.cuMemcpyDtoDAsync(p, p, 0, null),
      await cu.cuMemcpyDtoD(p, p, 256),
    ])
      expect(r).toBe(OK);
    expect(await cu.cuMemcpyHtoD(0, h, 4)).toBe(INVALID);
    expect(await cu.cuMemcpyHtoD(p, null as never, 4)).toBe(INVALID);
    expect(await cu.cuMemcpyDtoH(null as never, p, 4)).toBe(INVALID);
    expect(await cu.cuMemcpyDtoD(p, 0, 4)).toBe(INVALID);
    expect(await cu.cuMemcpyHtoD(p, h, 257)).toBe(INVALID);
    expect(await cu.cuMemcpyHtoD(p + 1, h, 256)).toBe(INVALID);
    expect(await cu.cuMemcpyDtoH(h, p + 255, 2)).toBe(INVALID);
    expect(await cu.cuMemcpyDtoH(h.subarray(0, 3), p, 4)).toBe(INVALID);
    expect(await cu.cuMemcpyHtoD(p, [1, 2, 3, 4] as never, 4)).toBe(INVALID);
    expect(await cu.cuMemcpyHtoD(p, h, -1)).toBe(INVALID);
    expect(await cu.cuMemcpyHtoD(p, h, 2.5)).toBe(INVALID);
    expect(await cu.cuMemcpyHtoD(p + 256, h, 1)).toBe(INVALID);
    expect(cu.cuMemcpyDtoDAsync(p, p, 4, {} as never)).toBe(cu.CUDA_ERROR_INVALID_HANDLE);
    expect((await readDevice(p, 256)).every((v) => v === 0x33)).toBe(true);
    expect(cu.cuMemFree(p)).toBe(OK);
  });
});

describe('memsets', () => {
  test('exact coverage at element offsets 0-3', async () => {
    await startWebcu();
    const n = 40000;
    const [, p] = cu.cuMemAlloc(n);
    for (const [size, fn] of [[1, cu.cuMemsetD8], [2, cu.cuMemsetD16], [4, cu.cuMemsetD32]] as const) {
      for (let off = 0; off < 4; off++) {
        for (const count of [1, 3, 10, 10013 >> (size >> 1)]) {
          expect(await cu.cuMemsetD8(p, 0, n)).toBe(OK);
          const at = off * size;
          expect(await fn(p + at, 0x89abcdef, count)).toBe(OK);
          const got = await readDevice(p, n);
          const want = new Uint8Array(n);
          const bytes = [0xef, 0xcd, 0xab, 0x89];
          for (let i = 0; i < count * size; i++) want[at + i] = size === 1 ? 0xef : bytes[i % size];
          expect(firstDiff(got, want)).toBe(-1);
        }
      }
    }
    expect(cu.cuMemFree(p)).toBe(OK);
  });

  test('page-locked host memory is a memset target, in stream order; pageable memory is not', async () => {
    await startWebcu();
    const [, h] = cu.cuMemAllocHost(64);
    const [, p] = cu.cuMemAlloc(64);
    expect(await cu.cuMemsetD8(p, 0x11, 64)).toBe(OK);
    // The copy into h runs first: the memset must land on top of it.
    expect(cu.cuMemcpyDtoHAsync(h!, p, 64, null)).toBe(OK);
    expect(cu.cuMemsetD16Async(h!.subarray(2) as never, 0xbeef, 3, null)).toBe(OK);
    expect(await cu.cuMemsetD2D32(h!.subarray(16) as never, 16, 0x01020304, 2, 2)).toBe(OK);
    const want = new Uint8Array(64).fill(0x11);
    want.set([0xef, 0xbe, 0xef, 0xbe, 0xef, 0xbe], 2);
    want.set([4, 3, 2, 1, 4, 3, 2, 1], 16);
    want.set([4, 3, 2, 1, 4, 3, 2, 1], 32);
    expect(firstDiff(h!, want)).toBe(-1);
    expect(await cu.cuMemsetD16(h!.subarray(1) as never, 1, 1)).toBe(INVALID);
    expect(await cu.cuMemsetD8(h! as never, 1, 65)).toBe(INVALID);
    expect(await cu.cuMemsetD8(new Uint8Array(64) as never, 1, 1)).toBe(INVALID);
    expect(cu.cuMemFreeHost(h!)).toBe(OK);
    expect(await cu.cuMemsetD8(h! as never, 1, 1)).toBe(INVALID);
    expect(cu.cuMemFree(p)).toBe(OK);
  });

  test('2D memsets and their errors', async () => {
    await startWebcu();
    const [, p, pitch] = cu.cuMemAllocPitch(100, 10, 4);
    expect(await cu.cuMemsetD8(p, 0, pitch * 10)).toBe(OK);
    expect(await cu.cuMemsetD2D32(p + 4, pitch, 0x01020304, 20, 10)).toBe(OK);
    const got = await readDevice(p, pitch * 10);
    for (let y = 0; y < 10; y++)
      for (let x = 0; x < pitch; x++) {
        const inside = x >= 4 && x < 84;
        expect(got[y * pitch + x]).toBe(inside ? [4, 3, 2, 1][x % 4] : 0);
      }
    // Width or height 0 succeed even on NULL; zero counts too.
    expect(await cu.cuMemsetD2D8(0, 1, 0, 0, 5)).toBe(OK);
    expect(await cu.cuMemsetD2D16(0, 1, 0, 5, 0)).toBe(OK);
    expect(await cu.cuMemsetD8(0, 1, 0)).toBe(OK);
    expect(cu.cuMemsetD32Async(12345, 1, 0, null)).toBe(OK);
    // Pitch smaller than the row, rows past the end, misaligned pointer or pitch.
    expect(await cu.cuMemsetD2D8(p, 10, 1, 11, 2)).toBe(INVALID);
    expect(await cu.cuMemsetD2D8(p, pitch, 1, 100, 11)).toBe(INVALID);
    expect(await cu.cuMemsetD2D8(p, pitch, 1, pitch + 1, 2)).toBe(INVALID);
    expect(await cu.cuMemsetD2D32(p, pitch + 2, 1, 2, 2)).toBe(INVALID);
    expect(await cu.cuMemsetD2D16(p, pitch + 1, 1, 2, 2)).toBe(INVALID);
    expect(await cu.cuMemsetD2D16(p + 1, pitch, 1, 2, 2)).toBe(INVALID);
    expect(await cu.cuMemsetD16(p + 1, 1, 2)).toBe(INVALID);
    expect(await cu.cuMemsetD32(p + 2, 1, 2)).toBe(INVALID);
    expect(await cu.cuMemsetD8(p, 1, pitch * 10 + 1)).toBe(INVALID);
    expect(await cu.cuMemsetD8(p + pitch * 10 + 1, 1, 1)).toBe(INVALID);
    expect(await cu.cuMemsetD8(new Uint8Array(16) as never, 1, 1)).toBe(INVALID);
    expect(await cu.cuMemsetD8(p, 1.5, 1)).toBe(INVALID);
    expect(cu.cuMemsetD2D8Async(p, pitch, 1, 1, 1, {} as never)).toBe(cu.CUDA_ERROR_INVALID_HANDLE);
    // A single row ignores the pitch.
    expect(await cu.cuMemsetD2D8(p, 0, 0x77, 3, 1)).toBe(OK);
    expect(Array.from(await readDevice(p, 5))).toEqual([0x77, 0x77, 0x77, 3, 2].slice(0, 3).concat([got[3], got[4]]));
    expect(cu.cuMemFree(p)).toBe(OK);
  });
});

describe('address space', () => {
  test('freeing and allocating again does not grow the memory webcu holds', async () => {
    await startWebcu();
    const [, p0] = cu.cuMemAlloc(256);
    expect(cu.cuMemFree(p0)).toBe(OK);
    expect(await cu.cuCtxSynchronize()).toBe(OK);
    const [, free0] = cu.cuMemGetInfo();
    for (let i = 0; i < 8; i++) {
      const [, p] = cu.cuMemAlloc(256);
      expect(cu.cuMemFree(p)).toBe(OK);
      expect(await cu.cuCtxSynchronize()).toBe(OK);
    }
    expect(cu.cuMemGetInfo()[1]).toBe(free0);
  });
});

describe('memory info', () => {
  test('cuMemGetInfo counts the staging memory webcu keeps', async () => {
    await startWebcu();
    const [, p] = cu.cuMemAlloc(4 << 20);
    expect(await cu.cuCtxSynchronize()).toBe(OK);
    const [, before] = cu.cuMemGetInfo();
    // A 4 MiB round trip leaves staging and readback buffers in the pool: they are memory webcu holds.
    expect(await cu.cuMemcpyHtoD(p, new Uint8Array(4 << 20), 4 << 20)).toBe(OK);
    expect(await cu.cuMemcpyDtoH(new Uint8Array(4 << 20), p, 4 << 20)).toBe(OK);
    const [, after] = cu.cuMemGetInfo();
    expect(after).toBeLessThan(before);
    expect(cu.cuMemFree(p)).toBe(OK);
  });
});
