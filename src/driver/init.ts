// cuInit and cuDriverGetVersion: choosing the WebGPU implementation, adapter and device.

import {
  CUDA_ERROR_DEVICE_UNAVAILABLE,
  CUDA_ERROR_INVALID_VALUE,
  CUDA_ERROR_LAUNCH_FAILED,
  CUDA_ERROR_NO_DEVICE,
  CUDA_ERROR_OUT_OF_MEMORY,
  CUDA_ERROR_UNKNOWN,
  CUDA_SUCCESS,
} from '../core/errors.js';
import { Device, InitOptions, state } from '../core/state.js';

/** The CUDA version whose driver API webcu follows (13.0). */
export const WEBCU_CUDA_VERSION = 13000;

/** Limits webcu asks for at the adapter's maximum: larger buffers and bindings, bigger workgroups. */
const LIMITS = [
  'maxBufferSize',
  'maxStorageBufferBindingSize',
  'maxStorageBuffersPerShaderStage',
  'maxComputeWorkgroupStorageSize',
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupSizeX',
  'maxComputeWorkgroupSizeY',
  'maxComputeWorkgroupSizeZ',
  'maxComputeWorkgroupsPerDimension',
  'maxTextureDimension1D',
  'maxTextureDimension2D',
  'maxTextureDimension3D',
  'maxTextureArrayLayers',
] as const;

const FEATURES: GPUFeatureName[] = ['timestamp-query', 'texture-formats-tier1' as GPUFeatureName, 'texture-compression-bc'];

const MiB = 2 ** 20;

const object = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const methods = (v: unknown, ...names: string[]): v is Record<string, unknown> =>
  object(v) && names.every((n) => typeof v[n] === 'function');
/** A safe integer of at least `min`. */
const atLeast = (min: number) => (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= min;

/**
 * What each option must be (undefined: absent). Keyed by every field of InitOptions, so a new option cannot
 * go unchecked. Sizes are safe integers: staging moves host data in 1 MiB chunks (src/core/recorder.ts
 * STAGING_CHUNK, src/driver/copy.ts chunkOf), so a smaller ring could not hold one; 8 MiB is the smallest
 * binding the windowed paths are built and tested for; a budget below 1 MiB could hold next to nothing.
 */
const CHECKS: { [K in keyof Required<InitOptions>]: (v: unknown) => boolean } = {
  gpu: (v) => methods(v, 'requestAdapter'),
  adapter: (v) => methods(v, 'requestDevice') && object(v.limits) && methods(v.features, 'has'),
  device: (v) =>
    methods(v, 'createBuffer', 'createBindGroup', 'createBindGroupLayout', 'createPipelineLayout', 'createShaderModule') &&
    methods(v, 'createComputePipeline', 'createCommandEncoder', 'addEventListener') &&
    methods(v.queue, 'submit', 'writeBuffer', 'onSubmittedWorkDone') &&
    object(v.limits) &&
    methods(v.features, 'has') &&
    methods(v.lost, 'then'),
  memoryBudget: atLeast(MiB),
  stagingBytes: atLeast(MiB),
  maxStorageBinding: atLeast(8 * MiB),
};

/**
 * The options as a checked plain copy, each property read once, or undefined when they are not
 * acceptable: not undefined or a plain object (of any realm), an unknown key, a bad value, or a getter,
 * Proxy trap or method lookup that throws.
 */
function readOptions(options: unknown): InitOptions | undefined {
  if (options === undefined) return {};
  try {
    if (!object(options)) return undefined;
    const proto = Object.getPrototypeOf(options);
    if (proto !== null && Object.getPrototypeOf(proto) !== null) return undefined;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(options)) {
      if (!Object.hasOwn(CHECKS, key)) return undefined;
      const v = options[key];
      if (v === undefined) continue;
      if (!CHECKS[key as keyof InitOptions](v)) return undefined;
      out[key] = v;
    }
    return out as InitOptions;
  } catch {
    return undefined;
  }
}

/** The cuInit under way: calls made meanwhile share its outcome (one device, whichever options they pass). */
let starting: Promise<number> | null = null;

/**
 * Initializes webcu. `options` (a webcu extension) chooses the WebGPU implementation (`gpu`, default
 * `navigator.gpu`), an `adapter`, or adopts an existing `device`; `memoryBudget` and `stagingBytes`
 * bound the memory webcu uses. Flags and options are checked on every call, as CUDA checks Flags even
 * once initialized: a bad one is CUDA_ERROR_INVALID_VALUE and initializes nothing; good options after
 * a successful cuInit change nothing.
 */
export async function cuInit(Flags: number, options?: InitOptions): Promise<number> {
  const opts = readOptions(options);
  if (Flags !== 0 || !opts) return CUDA_ERROR_INVALID_VALUE;
  if (state.initialized) return CUDA_SUCCESS;
  starting ??= start(opts).finally(() => (starting = null));
  return starting;
}

async function start(options: InitOptions): Promise<number> {
  try {
    let gpuDevice = options.device;
    let adapter = options.adapter ?? null;
    if (!gpuDevice) {
      const gpu = options.gpu ?? (globalThis as { navigator?: { gpu?: GPU } }).navigator?.gpu;
      if (!gpu && !adapter) return CUDA_ERROR_NO_DEVICE;
      adapter ??= (await gpu!.requestAdapter({ powerPreference: 'high-performance' })) ?? null;
      if (!adapter) return CUDA_ERROR_NO_DEVICE;
      const requiredLimits: Record<string, number> = {};
      for (const k of LIMITS) requiredLimits[k] = adapter.limits[k];
      const requiredFeatures = FEATURES.filter((f) => adapter!.features.has(f));
      gpuDevice = await adapter.requestDevice({ requiredLimits, requiredFeatures, label: 'webcu' });
    }
    const info = adapter?.info ?? (gpuDevice as GPUDevice & { adapterInfo?: GPUAdapterInfo }).adapterInfo;
    const name = [info?.vendor, info?.architecture, info?.device, info?.description].filter(Boolean).join(' ') || 'WebGPU device';
    const dev = new Device(0, adapter, gpuDevice, name, options);
    // A lost device (or one the page destroyed) ends the context, as a fault does in CUDA.
    void gpuDevice.lost.then((lost) => {
      dev.lost ||= lost.reason === 'destroyed' ? CUDA_ERROR_DEVICE_UNAVAILABLE : CUDA_ERROR_LAUNCH_FAILED;
    });
    gpuDevice.addEventListener('uncapturederror', (e) => {
      const err = (e as GPUUncapturedErrorEvent).error;
      console.error('webcu: WebGPU error', err.message);
      dev.lost ||= err.constructor.name === 'GPUOutOfMemoryError' ? CUDA_ERROR_OUT_OF_MEMORY : CUDA_ERROR_UNKNOWN;
    });
    state.devices = [dev];
    state.initialized = true;
    return CUDA_SUCCESS;
  } catch {
    return CUDA_ERROR_NO_DEVICE;
  }
}

export function cuDriverGetVersion(): [number, number] {
  return [CUDA_SUCCESS, WEBCU_CUDA_VERSION];
}
