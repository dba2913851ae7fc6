// cuInit checks its Flags and every option before it does anything: a bad one is CUDA_ERROR_INVALID_VALUE
// and initializes nothing, so a later good cuInit still works. Its own file: cuInit is process-wide state.

import { expect, test } from 'vitest';
import { deviceForTests, gpuForTests } from '../setup/gpu.ts';
import { cu, firstDiff, rng } from '../shared/webcu.ts';

const MiB = 2 ** 20;
const OK = cu.CUDA_SUCCESS;
const INVALID = cu.CUDA_ERROR_INVALID_VALUE;

/** A GPU whose requestAdapter calls are counted. */
function counting(gpu: GPU) {
  const counter = { calls: 0, gpu: {} as GPU };
  counter.gpu = { requestAdapter: (o?: GPURequestAdapterOptions) => (counter.calls++, gpu.requestAdapter(o)) } as GPU;
  return counter;
}

function badOptions(gpu: GPU, adapter: GPUAdapter): [string, unknown][] {
  const { proxy: revoked, revoke } = Proxy.revocable({}, {});
  revoke();
  const sizes = (key: string, bad: unknown[]): [string, unknown][] => bad.map((v) => [`${key}: ${String(v)}`, { gpu, [key]: v }]);
  return [
    ['null', null],
    ['a number', 7],
    ['a string', 'gpu'],
    ['an array', []],
    ['a typed array', new Uint8Array(8)],
    ['a function', () => ({ gpu })],
    ['a class instance', new (class Options {})()],
    ['a revoked Proxy', revoked],
    ['a throwing getter', { gpu, get stagingBytes() { throw new Error('getter'); } }],
    ['a Proxy whose ownKeys throws', new Proxy({ gpu }, { ownKeys() { throw new Error('ownKeys'); } })],
    ['an unknown key', { gpu, memoryBuget: 2 ** 30 }],
    ...sizes('stagingBytes', [NaN, 'abc', {}, Infinity, -1, 0, 1.5, MiB - 1, 2 ** 53, '4194304', null]),
    ...sizes('memoryBudget', [-1, 0, '12', 1.5, NaN, MiB - 1, 2 ** 53, Infinity, null]),
    ...sizes('maxStorageBinding', [NaN, -1, 8 * MiB - 1, 1.5 * 2 ** 24 + 0.5, '16777216', Infinity, null]),
    ['gpu: {}', { gpu: {} }],
    ['gpu: null', { gpu: null }],
    ['gpu with requestAdapter not a function', { gpu: { requestAdapter: 1 } }],
    ['gpu whose requestAdapter getter throws', { gpu: { get requestAdapter() { throw new Error('getter'); } } }],
    ['adapter: {}', { adapter: {} }],
    ['adapter without limits and features', { adapter: { requestDevice() {} } }],
    ['adapter: the GPU', { adapter: gpu }],
    ['device: {}', { device: {} }],
    ['device: an adapter', { device: adapter }],
    ['device with only createBuffer', { device: { createBuffer() {} } }],
  ];
}

test('bad Flags or options: CUDA_ERROR_INVALID_VALUE, nothing initialized; then a good cuInit works', async () => {
  const gpu = await gpuForTests();
  const { adapter, device } = await deviceForTests();
  for (const [what, options] of badOptions(gpu, adapter)) {
    expect([what, await cu.cuInit(0, options as cu.InitOptions)]).toEqual([what, INVALID]);
    expect([what, cu.cuDeviceGetCount()[0]]).toEqual([what, cu.CUDA_ERROR_NOT_INITIALIZED]);
  }
  device.destroy();

  // Options are checked before any WebGPU work: no adapter is requested for a call that fails.
  const counter = counting(gpu);
  expect(await cu.cuInit(0, { gpu: counter.gpu, stagingBytes: NaN })).toBe(INVALID);
  expect(await cu.cuInit(1, { gpu: counter.gpu })).toBe(INVALID);
  expect(await cu.cuInit('0' as never, { gpu: counter.gpu })).toBe(INVALID);
  expect(counter.calls).toBe(0);

  // Calls made while a cuInit is under way share it: one adapter, one device.
  const options = { gpu: counter.gpu, stagingBytes: MiB, maxStorageBinding: 8 * MiB, memoryBudget: 2 ** 30 };
  expect(await Promise.all([cu.cuInit(0, options), cu.cuInit(0, { gpu: counter.gpu })])).toEqual([OK, OK]);
  expect(counter.calls).toBe(1);
  expect(cu.cuDeviceGetCount()).toEqual([OK, 1]);
  expect(cu.cuDeviceTotalMem(0)).toEqual([OK, 2 ** 30]);

  // Once initialized, bad Flags or options are still INVALID_VALUE (as CUDA checks Flags every time) and
  // good options change nothing.
  expect(await cu.cuInit(1)).toBe(INVALID);
  expect(await cu.cuInit(0, { memoryBudget: -1 })).toBe(INVALID);
  expect(await cu.cuInit(0, { memoryBudget: 2 ** 31 })).toBe(OK);
  expect(await cu.cuInit(0)).toBe(OK);
  expect(cu.cuDeviceTotalMem(0)).toEqual([OK, 2 ** 30]);
  expect(counter.calls).toBe(1);

  // The smallest staging ring (1 MiB) and binding (8 MiB) still move every byte: 9 MiB go through the
  // ring in 1 MiB chunks, into an allocation larger than a binding (reached through windows).
  expect((await cu.cuCtxCreate(0, 0))[0]).toBe(OK);
  const n = 9 * MiB + 5;
  const data = rng(7).bytes(n);
  const [e, p] = cu.cuMemAlloc(n);
  expect(e).toBe(OK);
  expect(await cu.cuMemcpyHtoD(p, data, n)).toBe(OK);
  expect(await cu.cuMemcpyDtoD(p + 1, p + 5 * MiB, 3 * MiB)).toBe(OK);
  data.copyWithin(1, 5 * MiB, 8 * MiB);
  const out = new Uint8Array(n);
  expect(await cu.cuMemcpyDtoH(out, p, n)).toBe(OK);
  expect(firstDiff(out, data)).toBe(-1);
  expect(cu.cuMemFree(p)).toBe(OK);
});
