// Devices: the adapter cuInit chose is device 0. Attributes report what the WebGPU device really offers.

import * as C from '../core/constants.js';
import { CUDA_ERROR_INVALID_DEVICE, CUDA_ERROR_INVALID_VALUE, CUDA_SUCCESS } from '../core/errors.js';
import { Device, initialized, state } from '../core/state.js';
import { isUint } from '../core/validate.js';

/** MEM_DECOMPRESS_MAXIMUM_LENGTH: the largest output of one decompression operation. */
export const DECOMPRESS_MAX_LENGTH = 4 * 2 ** 20;

/** The device for an ordinal, or the error for a bad one. */
export function deviceFor(dev: unknown): [number, Device] {
  const e = initialized();
  if (e) return [e, null as unknown as Device];
  const d = typeof dev === 'number' ? state.devices[dev] : undefined;
  return d ? [CUDA_SUCCESS, d] : [CUDA_ERROR_INVALID_DEVICE, null as unknown as Device];
}

export function cuDeviceGet(ordinal: number): [number, number] {
  const [e] = deviceFor(ordinal);
  return e ? [e, 0] : [CUDA_SUCCESS, ordinal];
}

export function cuDeviceGetCount(): [number, number] {
  const e = initialized();
  return e ? [e, 0] : [CUDA_SUCCESS, state.devices.length];
}

export function cuDeviceGetName(len: number, dev: number): [number, string] {
  const [e, d] = deviceFor(dev);
  if (e) return [e, ''];
  if (!isUint(len) || len === 0) return [CUDA_ERROR_INVALID_VALUE, ''];
  return [CUDA_SUCCESS, d.name.slice(0, len - 1)];
}

export function cuDeviceTotalMem(dev: number): [number, number] {
  const [e, d] = deviceFor(dev);
  return e ? [e, 0] : [CUDA_SUCCESS, d.space.budget];
}

function attributes(d: Device): Map<number, number> {
  const l = d.gpuDevice.limits;
  const info = d.adapter?.info as (GPUAdapterInfo & { subgroupMinSize?: number }) | undefined;
  const cubeLayers = Math.floor(l.maxTextureArrayLayers / 6) * 6;
  return new Map<number, number>([
    [C.CU_DEVICE_ATTRIBUTE_MAX_THREADS_PER_BLOCK, l.maxComputeInvocationsPerWorkgroup],
    [C.CU_DEVICE_ATTRIBUTE_MAX_BLOCK_DIM_X, l.maxComputeWorkgroupSizeX],
    [C.CU_DEVICE_ATTRIBUTE_MAX_BLOCK_DIM_Y, l.maxComputeWorkgroupSizeY],
    [C.CU_DEVICE_ATTRIBUTE_MAX_BLOCK_DIM_Z, l.maxComputeWorkgroupSizeZ],
    [C.CU_DEVICE_ATTRIBUTE_MAX_GRID_DIM_X, l.maxComputeWorkgroupsPerDimension],
    [C.CU_DEVICE_ATTRIBUTE_MAX_GRID_DIM_Y, l.maxComputeWorkgroupsPerDimension],
    [C.CU_DEVICE_ATTRIBUTE_MAX_GRID_DIM_Z, l.maxComputeWorkgroupsPerDimension],
    [C.CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK, l.maxComputeWorkgroupStorageSize],
    [C.CU_DEVICE_ATTRIBUTE_TOTAL_CONSTANT_MEMORY, l.maxUniformBufferBindingSize],
    [C.CU_DEVICE_ATTRIBUTE_WARP_SIZE, info?.subgroupMinSize || 32],
    // A row must fit one storage binding window of the copy kernels.
    [C.CU_DEVICE_ATTRIBUTE_MAX_PITCH, d.maxBinding],
    [C.CU_DEVICE_ATTRIBUTE_TEXTURE_ALIGNMENT, 256],
    [C.CU_DEVICE_ATTRIBUTE_TEXTURE_PITCH_ALIGNMENT, 256],
    [C.CU_DEVICE_ATTRIBUTE_SURFACE_ALIGNMENT, 256],
    // One queue runs everything in order: no copy/compute overlap, no concurrent kernels.
    [C.CU_DEVICE_ATTRIBUTE_GPU_OVERLAP, 0],
    [C.CU_DEVICE_ATTRIBUTE_ASYNC_ENGINE_COUNT, 0],
    [C.CU_DEVICE_ATTRIBUTE_CONCURRENT_KERNELS, 0],
    [C.CU_DEVICE_ATTRIBUTE_INTEGRATED, 0],
    [C.CU_DEVICE_ATTRIBUTE_CAN_MAP_HOST_MEMORY, 0],
    [C.CU_DEVICE_ATTRIBUTE_MAXIMUM_TEXTURE1D_WIDTH, l.maxTextureDimension1D],
    [C.CU_DEVICE_ATTRIBUTE_MAXIMUM_TEXTURE2D_WIDTH, l.maxTextureDimension2D],
    [C.CU_DEVICE_ATTRIBUTE_MAXIMUM_TEXTURE2D_HEIGHT, l.maxTextureDimension2D],
    [C.CU_DEVICE_ATTRIBUTE_MAXIMUM_TEXTURE3D_WIDTH, l.maxTextureDimension3D],
    [C.CU_DEVICE_ATTRIBUTE_MAXIMUM_TEXTURE3D_HEIGHT, l.maxTextureDimension3D],
    [C.CU_DEVICE_ATTRIBUTE_MAXIMUM_TEXTURE3D_DEPTH, l.maxTextureDimension3D],
    [C.CU_DEVICE_ATTRIBUTE_MAXIMUM_TEXTURE2D_LAYERED_WIDTH, l.maxTextureDimension2D],
    [C.CU_DEVICE_ATTRIBUTE_MAXIMUM_TEXTURE2D_LAYERED_HEIGHT, l.maxTextureDimension2D],
    [C.CU_DEVICE_ATTRIBUTE_MAXIMUM_TEXTURE2D_LAYERED_LAYERS, l.maxTextureArrayLayers],
    // 1D layered arrays are 2D array textures of height 1.
    [C.CU_DEVICE_ATTRIBUTE_MAXIMUM_TEXTURE1D_LAYERED_WIDTH, l.maxTextureDimension2D],
    [C.CU_DEVICE_ATTRIBUTE_MAXIMUM_TEXTURE1D_LAYERED_LAYERS, l.maxTextureArrayLayers],
    [C.CU_DEVICE_ATTRIBUTE_MAXIMUM_TEXTURECUBEMAP_WIDTH, l.maxTextureDimension2D],
    [C.CU_DEVICE_ATTRIBUTE_MAXIMUM_TEXTURECUBEMAP_LAYERED_WIDTH, l.maxTextureDimension2D],
    [C.CU_DEVICE_ATTRIBUTE_MAXIMUM_TEXTURECUBEMAP_LAYERED_LAYERS, cubeLayers],
    [C.CU_DEVICE_ATTRIBUTE_UNIFIED_ADDRESSING, 1],
    [C.CU_DEVICE_ATTRIBUTE_MANAGED_MEMORY, 0],
    [C.CU_DEVICE_ATTRIBUTE_CONCURRENT_MANAGED_ACCESS, 0],
    [C.CU_DEVICE_ATTRIBUTE_PAGEABLE_MEMORY_ACCESS, 0],
    [C.CU_DEVICE_ATTRIBUTE_PAGEABLE_MEMORY_ACCESS_USES_HOST_PAGE_TABLES, 0],
    [C.CU_DEVICE_ATTRIBUTE_CAN_USE_HOST_POINTER_FOR_REGISTERED_MEM, 0],
    [C.CU_DEVICE_ATTRIBUTE_HOST_REGISTER_SUPPORTED, 1],
    [C.CU_DEVICE_ATTRIBUTE_READ_ONLY_HOST_REGISTER_SUPPORTED, 1],
    [C.CU_DEVICE_ATTRIBUTE_VIRTUAL_MEMORY_MANAGEMENT_SUPPORTED, 0],
    [C.CU_DEVICE_ATTRIBUTE_SPARSE_CUDA_ARRAY_SUPPORTED, 0],
    [C.CU_DEVICE_ATTRIBUTE_MEMORY_POOLS_SUPPORTED, 0],
    [C.CU_DEVICE_ATTRIBUTE_DEFERRED_MAPPING_CUDA_ARRAY_SUPPORTED, 0],
    [C.CU_DEVICE_ATTRIBUTE_DMA_BUF_SUPPORTED, 0],
    [C.CU_DEVICE_ATTRIBUTE_IPC_EVENT_SUPPORTED, 0],
    [C.CU_DEVICE_ATTRIBUTE_MEM_DECOMPRESS_ALGORITHM_MASK, d.decompressMask],
    [C.CU_DEVICE_ATTRIBUTE_MEM_DECOMPRESS_MAXIMUM_LENGTH, d.decompressMask ? DECOMPRESS_MAX_LENGTH : 0],
  ]);
}

export function cuDeviceGetAttribute(attrib: number, dev: number): [number, number] {
  const [e, d] = deviceFor(dev);
  if (e) return [e, 0];
  const v = attributes(d).get(attrib);
  return v === undefined ? [CUDA_ERROR_INVALID_VALUE, 0] : [CUDA_SUCCESS, v];
}
