// The WebGPU device behind webcu's device 0: the page's own, or one requested from an adapter with the
// limits and features webcu uses; a lost device or an uncaptured error becomes the context's sticky error.

import {
  CUDA_ERROR_DEVICE_UNAVAILABLE,
  CUDA_ERROR_LAUNCH_FAILED,
  CUDA_ERROR_OUT_OF_MEMORY,
  CUDA_ERROR_UNKNOWN,
} from './errors.js';
import { Device, type InitOptions } from './state.js';

const object = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const methods = (v: unknown, ...names: string[]): v is Record<string, unknown> =>
  object(v) && names.every((n) => typeof v[n] === 'function');

/**
 * Whether a value the program passes as a WebGPU object has what webcu calls on it (any realm or
 * implementation: navigator.gpu, the `webgpu` package's objects, wrappers). Checked before use, so a
 * wrong object is cuInit's CUDA_ERROR_INVALID_VALUE, not a throw later.
 */
export const looksLike = {
  gpu: (v: unknown) => methods(v, 'requestAdapter'),
  adapter: (v: unknown) => methods(v, 'requestDevice') && object(v.limits) && methods(v.features, 'has'),
  device: (v: unknown) =>
    methods(v, 'createBuffer', 'createBindGroup', 'createBindGroupLayout', 'createPipelineLayout', 'createShaderModule') &&
    methods(v, 'createComputePipeline', 'createCommandEncoder', 'addEventListener') &&
    methods(v.queue, 'submit', 'writeBuffer', 'onSubmittedWorkDone') &&
    object(v.limits) &&
    methods(v.features, 'has') &&
    methods(v.lost, 'then'),
};

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

/** Device 0 from cuInit's (validated) options, or undefined when no WebGPU device can be had. */
export async function openDevice(options: InitOptions): Promise<Device | undefined> {
  try {
    let gpuDevice = options.device;
    let adapter = options.adapter ?? null;
    if (!gpuDevice) {
      const gpu = options.gpu ?? (globalThis as { navigator?: { gpu?: GPU } }).navigator?.gpu;
      if (!gpu && !adapter) return undefined;
      adapter ??= (await gpu!.requestAdapter({ powerPreference: 'high-performance' })) ?? null;
      if (!adapter) return undefined;
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
    return dev;
  } catch {
    return undefined;
  }
}
