// The type-confusion sweep: every exported function, with hostile values in every argument position (the
// other positions valid), must return a known CUresult (or a Promise of one, as its valid calls do): no throw,
// no rejection, no hang. Afterwards the library must still work. Shared by the Node and browser projects.

import { cu, firstDiff } from './webcu.ts';

const OK = cu.CUDA_SUCCESS;

/** Fresh hostile values (detached buffers cannot be reused across calls that might re-attach nothing). */
function hostileValues(): [string, unknown][] {
  const detached = new Uint8Array(16);
  structuredClone(detached.buffer, { transfer: [detached.buffer] });
  const { proxy: revoked, revoke } = Proxy.revocable({}, {});
  revoke();
  const throwingGetters = new Proxy(
    {},
    {
      get(_, key) {
        throw new Error(`hostile getter ${String(key)}`);
      },
    },
  );
  const poisoned = {
    valueOf() {
      throw new Error('hostile valueOf');
    },
    toString() {
      throw new Error('hostile toString');
    },
  };
  const values: [string, unknown][] = [
    ['undefined', undefined],
    ['null', null],
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['-Infinity', -Infinity],
    ['-1', -1],
    ['1.5', 1.5],
    ['2**53', 2 ** 53],
    ['2**64', 2 ** 64],
    ["''", ''],
    ["'abc'", 'abc'],
    ['{}', {}],
    ['[]', []],
    ['detached Uint8Array', detached],
    ['revoked Proxy', revoked],
    ['throwing getters', throwingGetters],
    ['poisoned valueOf/toString', poisoned],
    ['Symbol', Symbol('hostile')],
    ['BigInt', 10n],
  ];
  // Pages that are not cross-origin isolated (the browser project) have no SharedArrayBuffer. The view is as
  // long as the sweep's valid sizes, so copies really move data from and to shared memory.
  if (typeof SharedArrayBuffer === 'function') values.push(['SharedArrayBuffer view', new Uint8Array(new SharedArrayBuffer(64))]);
  return values;
}

interface Fixtures {
  ctx: cu.CUcontext;
  p: number;
  host: Uint8Array;
  pinned: Uint8Array;
  stream: cu.CUstream;
  event: cu.CUevent;
  later: cu.CUevent;
  gzip: Uint8Array;
  zlib: Uint8Array;
  snappy: Uint8Array;
}

type Args = (f: Fixtures) => unknown[] | Promise<unknown[]>;

const must = <T>([e, v]: [number, T]): T => {
  if (e !== OK) throw new Error(`fixture call failed: ${e}`);
  return v;
};

/**
 * Valid arguments for each exported function. Destructive calls get fresh resources, so the sweep never
 * frees or destroys what the other calls use.
 */
/** A 2D copy of 2 rows of 16 bytes from device memory to the fixture's host buffer. */
const copy2D = (f: Fixtures) => ({
  srcMemoryType: cu.CU_MEMORYTYPE_DEVICE,
  srcDevice: f.p,
  srcPitch: 32,
  dstMemoryType: cu.CU_MEMORYTYPE_HOST,
  dstHost: f.host,
  dstPitch: 24,
  WidthInBytes: 16,
  Height: 2,
});

const VALID: Record<string, Args> = {
  cuInit: () => [0, {}],
  cuDriverGetVersion: () => [],
  cuDeviceGet: () => [0],
  cuDeviceGetCount: () => [],
  cuDeviceGetName: () => [64, 0],
  cuDeviceTotalMem: () => [0],
  cuDeviceGetAttribute: () => [cu.CU_DEVICE_ATTRIBUTE_WARP_SIZE, 0],
  cuGetErrorName: () => [cu.CUDA_ERROR_INVALID_VALUE],
  cuGetErrorString: () => [cu.CUDA_ERROR_INVALID_VALUE],
  cuCtxCreate: () => [0, 0],
  cuCtxDestroy: async () => [must(await cu.cuCtxCreate(0, 0))],
  cuCtxSetCurrent: (f) => [f.ctx],
  cuCtxGetCurrent: () => [],
  cuCtxPushCurrent: (f) => [f.ctx],
  cuCtxPopCurrent: () => [],
  cuCtxGetDevice: () => [],
  cuCtxSynchronize: () => [],
  cuDevicePrimaryCtxRetain: () => [0],
  cuDevicePrimaryCtxRelease: async () => (must(await cu.cuDevicePrimaryCtxRetain(0)), [0]),
  cuStreamCreate: () => [0],
  cuStreamCreateWithPriority: () => [0, 0],
  cuStreamDestroy: () => [must(cu.cuStreamCreate(0))],
  cuStreamQuery: (f) => [f.stream],
  cuStreamSynchronize: (f) => [f.stream],
  cuStreamWaitEvent: (f) => [f.stream, f.event, 0],
  cuEventCreate: () => [0],
  cuEventRecord: (f) => [f.later, f.stream],
  cuEventQuery: (f) => [f.event],
  cuEventSynchronize: (f) => [f.event],
  cuEventElapsedTime: (f) => [f.event, f.event],
  cuEventDestroy: () => [must(cu.cuEventCreate(0))],
  cuMemAlloc: () => [64],
  cuMemAllocPitch: () => [64, 2, 4],
  cuMemFree: () => [must(cu.cuMemAlloc(64))],
  cuMemGetAddressRange: (f) => [f.p],
  cuMemGetInfo: () => [],
  cuMemGetHandleForAddressRange: (f) => [f.p, 16, cu.CU_MEM_RANGE_HANDLE_TYPE_WEBGPU_BUFFER, 0],
  cuMemAllocHost: () => [64],
  cuMemHostAlloc: () => [64, 0],
  cuMemFreeHost: () => [must(cu.cuMemAllocHost(64))],
  cuMemHostGetFlags: (f) => [f.pinned],
  cuMemHostRegister: () => [new Uint8Array(64), 64, 0],
  cuMemHostUnregister: () => {
    const h = new Uint8Array(64);
    if (cu.cuMemHostRegister(h, 64, 0) !== OK) throw new Error('fixture cuMemHostRegister failed');
    return [h];
  },
  cuMemcpy: (f) => [f.p, f.host, 16],
  cuMemcpyAsync: (f) => [f.p, f.host, 16, f.stream],
  cuMemcpyHtoD: (f) => [f.p, f.host, 16],
  cuMemcpyHtoDAsync: (f) => [f.p, f.host, 16, f.stream],
  cuMemcpyDtoH: (f) => [f.host, f.p, 16],
  cuMemcpyDtoHAsync: (f) => [f.host, f.p, 16, f.stream],
  cuMemcpy2D: (f) => [copy2D(f)],
  cuMemcpy2DUnaligned: (f) => [copy2D(f)],
  cuMemcpy2DAsync: (f) => [copy2D(f), f.stream],
  cuMemcpy3D: (f) => [{ ...copy2D(f), Depth: 1 }],
  cuMemcpy3DAsync: (f) => [{ ...copy2D(f), Depth: 1 }, f.stream],
  cuMemcpyDtoD: (f) => [f.p + 256, f.p, 16],
  cuMemcpyDtoDAsync: (f) => [f.p + 256, f.p, 16, f.stream],
  cuMemcpyBatchAsync: (f) => [[f.p + 256, f.host], [f.p, f.p + 64], [16, 8], 2, [{ srcAccessOrder: cu.CU_MEMCPY_SRC_ACCESS_ORDER_STREAM }], [0], 1, f.stream],
  cuMemcpy3DBatchAsync: (f) => {
    const ptr = (p: number) => ({ type: cu.CU_MEMCPY_OPERAND_TYPE_POINTER, op: { ptr: { ptr: p, rowLength: 0, layerHeight: 0 } } });
    return [1, [{ src: ptr(f.p), dst: ptr(f.p + 256), extent: { width: 8, height: 2, depth: 1 }, srcAccessOrder: cu.CU_MEMCPY_SRC_ACCESS_ORDER_STREAM, flags: 0 }], 0, f.stream];
  },
  cuMemsetD8: (f) => [f.p, 1, 16],
  cuMemsetD16: (f) => [f.p, 1, 8],
  cuMemsetD32: (f) => [f.p, 1, 4],
  cuMemsetD8Async: (f) => [f.p, 1, 16, f.stream],
  cuMemsetD16Async: (f) => [f.p, 1, 8, f.stream],
  cuMemsetD32Async: (f) => [f.p, 1, 4, f.stream],
  cuMemsetD2D8: (f) => [f.p, 64, 1, 16, 2],
  cuMemsetD2D16: (f) => [f.p, 64, 1, 8, 2],
  cuMemsetD2D32: (f) => [f.p, 64, 1, 4, 2],
  cuMemsetD2D8Async: (f) => [f.p, 64, 1, 16, 2, f.stream],
  cuMemsetD2D16Async: (f) => [f.p, 64, 1, 8, 2, f.stream],
  cuMemsetD2D32Async: (f) => [f.p, 64, 1, 4, 2, f.stream],
  cuMemBatchDecompressAsync: (f) => [
    [{ src: f.p + 512, srcNumBytes: 16, dst: f.p + 1024, dstNumBytes: 64, dstActBytes: f.p + 2048, algo: cu.CU_MEM_DECOMPRESS_ALGORITHM_DEFLATE }],
    1,
    0,
    f.stream,
  ],
  cuMemDecompressParseGzip: (f) => [f.gzip],
  cuMemDecompressParseZlib: (f) => [f.zlib],
  cuMemDecompressParseSnappy: (f) => [f.snappy],
};

async function fixtures(): Promise<Fixtures> {
  const [, ctx] = cu.cuCtxGetCurrent();
  if (!ctx) throw new Error('the sweep needs a current context');
  const stream = must(cu.cuStreamCreate(0))!;
  const event = must(cu.cuEventCreate(0))!;
  const later = must(cu.cuEventCreate(0))!;
  if (cu.cuEventRecord(event, stream) !== OK) throw new Error('fixture cuEventRecord failed');
  if ((await cu.cuStreamSynchronize(stream)) !== OK) throw new Error('fixture cuStreamSynchronize failed');
  return {
    ctx,
    p: must(cu.cuMemAlloc(4096)),
    host: new Uint8Array(64),
    pinned: must(cu.cuMemAllocHost(64))!,
    stream,
    event,
    later,
    // An empty stored Deflate block in a gzip and a zlib wrapper; raw Snappy of nothing.
    gzip: new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 0, 0, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0]),
    zlib: new Uint8Array([0x78, 0x9c, 1, 0, 0, 0xff, 0xff, 0, 0, 0, 1]),
    snappy: new Uint8Array([0]),
  };
}

const TIMEOUT_MS = 5000;
const HUNG = Symbol('hung');

function settleWithin<T>(p: Promise<T>): Promise<T | typeof HUNG> {
  let timer: ReturnType<typeof setTimeout>;
  const hung = new Promise<typeof HUNG>((r) => (timer = setTimeout(() => r(HUNG), TIMEOUT_MS)));
  return Promise.race([p, hung]).finally(() => clearTimeout(timer));
}

const isCUresult = (r: unknown): boolean => typeof r === 'number' && cu.cuGetErrorName(r)[0] === OK;

/** What is wrong with one call's result, or '' when it is a CUresult or a tuple led by one. */
function checkResult(r: unknown): string {
  if (Array.isArray(r)) return isCUresult(r[0]) ? '' : `tuple led by ${String(r[0])}`;
  return isCUresult(r) ? '' : `returned ${typeof r}`;
}

export interface SweepReport {
  calls: number;
  functions: number;
  failures: string[];
}

/**
 * Calls every exported function with each hostile value in each position 0..arity (arity: the number of
 * valid arguments), restoring the context stack after each call. Returns the calls made and what failed.
 */
export async function sweep(): Promise<SweepReport> {
  const f = await fixtures();
  const failures: string[] = [];
  let calls = 0;
  const fns = Object.entries(cu).filter(([, v]) => typeof v === 'function') as [string, (...a: unknown[]) => unknown][];
  for (const [name, fn] of fns) {
    const valid = VALID[name];
    if (!valid) {
      failures.push(`${name}: no valid arguments in the sweep's table`);
      continue;
    }
    // Whether the function answers with a Promise: its valid call decides, every hostile call must agree.
    let async: boolean | undefined;
    const arity = (await valid(f)).length;
    for (let pos = 0; pos <= arity; pos++) {
      for (const [label, value] of hostileValues()) {
        const args = await valid(f);
        args[pos] = value;
        const where = `${name} arg ${pos} = ${label}`;
        calls++;
        let r: unknown;
        try {
          r = fn(...args);
        } catch (e) {
          failures.push(`${where}: threw ${e}`);
          continue;
        }
        const promised = r instanceof Promise;
        async ??= promised;
        if (promised !== async) failures.push(`${where}: ${promised ? 'a Promise' : 'no Promise'}, unlike its other calls`);
        if (promised) {
          try {
            r = await settleWithin(r as Promise<unknown>);
          } catch (e) {
            failures.push(`${where}: rejected with ${e}`);
            continue;
          }
          if (r === HUNG) {
            failures.push(`${where}: did not settle in ${TIMEOUT_MS} ms`);
            continue;
          }
        }
        const bad = checkResult(r);
        if (bad) failures.push(`${where}: ${bad}`);
        // Calls like cuCtxPopCurrent or cuCtxPushCurrent change the stack: put the sweep's context back alone.
        while (cu.cuCtxPopCurrent()[0] === OK);
        cu.cuCtxPushCurrent(f.ctx);
      }
    }
  }
  return { calls, functions: fns.length, failures };
}

/** After the sweep: allocate, upload, memset part of it, read back, compare, synchronize. */
export async function stillWorks(): Promise<void> {
  const n = 4096;
  const [e, p] = cu.cuMemAlloc(n);
  if (e !== OK) throw new Error(`cuMemAlloc after the sweep: ${e}`);
  const src = new Uint8Array(n).map((_, i) => (i * 7) & 0xff);
  if ((await cu.cuMemcpyHtoD(p, src, n)) !== OK) throw new Error('cuMemcpyHtoD after the sweep failed');
  if ((await cu.cuMemsetD8(p + 100, 0xab, 50)) !== OK) throw new Error('cuMemsetD8 after the sweep failed');
  const out = new Uint8Array(n);
  if ((await cu.cuMemcpyDtoH(out, p, n)) !== OK) throw new Error('cuMemcpyDtoH after the sweep failed');
  const want = src.slice().fill(0xab, 100, 150);
  const at = firstDiff(out, want);
  if (at !== -1) throw new Error(`bytes differ after the sweep at ${at}`);
  if ((await cu.cuCtxSynchronize()) !== OK) throw new Error('cuCtxSynchronize after the sweep failed');
  if (cu.cuMemFree(p) !== OK) throw new Error('cuMemFree after the sweep failed');
}
