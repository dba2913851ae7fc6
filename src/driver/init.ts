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

/**
 * Initializes webcu. `options` (a webcu extension) chooses the WebGPU implementation (`gpu`, default
 * `navigator.gpu`), an `adapter`, or adopts an existing `device`; `memoryBudget` and `stagingBytes`
 * bound the memory webcu uses.
 */
export async function cuInit(Flags: number, options: InitOptions = {}): Promise<number> {
  if (Flags !== 0) return CUDA_ERROR_INVALID_VALUE;
  if (state.initialized) return CUDA_SUCCESS;
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
    state.options = options;
    state.initialized = true;
    return CUDA_SUCCESS;
  } catch {
    return CUDA_ERROR_NO_DEVICE;
  }
}

export function cuDriverGetVersion(): [number, number] {
  return [CUDA_SUCCESS, WEBCU_CUDA_VERSION];
}
