// The WebGPU device behind webcu's device 0: the page's own, or one requested from an adapter with the
// limits and features webcu uses; a lost device or an uncaptured error becomes the context's sticky error.

import {
  CUDA_ERROR_DEVICE_UNAVAILABLE,
  CUDA_ERROR_LAUNCH_FAILED,
  CUDA_ERROR_OUT_OF_MEMORY,
  CUDA_ERROR_UNKNOWN,
} from './errors.js';
import { Device, type InitOptions } from './state.js';

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
