// Starts webcu once per test file on the test platform's GPU (browser: navigator.gpu; Node: `webgpu`)
// with a current context.

import * as cu from '../../src/index.ts';
import { state } from '../../src/core/state.ts';
import { gpuForTests } from '../setup/gpu.ts';

export { cu };

let ready: Promise<void> | undefined;

export function startWebcu(options: Omit<cu.InitOptions, 'gpu'> = {}): Promise<void> {
  ready ??= (async () => {
    const gpu = await gpuForTests();
    const r = await cu.cuInit(0, { gpu, ...options });
    if (r !== cu.CUDA_SUCCESS) throw new Error(`cuInit failed: ${r}`);
    const [e] = await cu.cuCtxCreate(0, 0);
    if (e !== cu.CUDA_SUCCESS) throw new Error(`cuCtxCreate failed: ${e}`);
  })();
  return ready;
}

/**
 * Measures the storage bindings of every bind group webcu makes from now on (once per test file); returns
 * the largest so far. SwiftShader binds more than a test's maxStorageBinding, where a GPU at its limit
 * refuses the bind group and the whole submission fails.
 */
export function largestBinding(): () => number {
  const device = state.devices[0].rec.device as GPUDevice & { largest?: () => number };
  if (device.largest) return device.largest;
  let largest = 0;
  const create = device.createBindGroup;
  device.createBindGroup = (d: GPUBindGroupDescriptor) => {
    for (const e of d.entries) {
      const r = e.resource as GPUBufferBinding;
      if (r.buffer) largest = Math.max(largest, r.size ?? r.buffer.size - (r.offset ?? 0));
    }
    return create.call(device, d);
  };
  device.largest = () => largest;
  return device.largest;
}

/** Reads `n` bytes of device memory at `ptr`. */
export async function readDevice(ptr: number, n: number): Promise<Uint8Array> {
  const out = new Uint8Array(n);
  const r = await cu.cuMemcpyDtoH(out, ptr, n);
  if (r !== cu.CUDA_SUCCESS) throw new Error(`cuMemcpyDtoH failed: ${r}`);
  return out;
}

/** Deterministic pseudo-random bytes and numbers (xorshift32), so failures reproduce. */
export function rng(seed: number) {
  let s = seed >>> 0 || 1;
  const next = () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
  return {
    next,
    int: (n: number) => next() % n,
    bytes: (n: number) => {
      const b = new Uint8Array(n);
      for (let i = 0; i < n; i++) b[i] = next() & 0xff;
      return b;
    },
  };
}

/** Index of the first byte where a and b differ, or -1 (fast for MiB-sized arrays, unlike toEqual). */
export function firstDiff(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}
