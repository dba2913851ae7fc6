// cuInit and cuDriverGetVersion: choosing the WebGPU implementation, adapter and device.

import { CUDA_ERROR_INVALID_VALUE, CUDA_ERROR_NO_DEVICE, CUDA_SUCCESS } from '../core/errors.js';
import { looksLike, openDevice } from '../core/gpu.js';
import { InitOptions, state } from '../core/state.js';

/** The CUDA version whose driver API webcu follows (13.0). */
export const WEBCU_CUDA_VERSION = 13000;

const MiB = 2 ** 20;

const object = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
/** A safe integer of at least `min`. */
const atLeast = (min: number) => (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= min;

/**
 * What each option must be (undefined: absent). Keyed by every field of InitOptions, so a new option cannot
 * go unchecked. Sizes are safe integers: staging moves host data in 1 MiB chunks (src/core/recorder.ts
 * STAGING_CHUNK, src/driver/copy.ts chunkOf), so a smaller ring could not hold one; 8 MiB is the smallest
 * binding the windowed paths are built and tested for; a budget below 1 MiB could hold next to nothing.
 */
const CHECKS: { [K in keyof Required<InitOptions>]: (v: unknown) => boolean } = {
  gpu: looksLike.gpu,
  adapter: looksLike.adapter,
  device: looksLike.device,
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
  const dev = await openDevice(options);
  if (!dev) return CUDA_ERROR_NO_DEVICE;
  state.devices = [dev];
  state.initialized = true;
  return CUDA_SUCCESS;
}

export function cuDriverGetVersion(): [number, number] {
  return [CUDA_SUCCESS, WEBCU_CUDA_VERSION];
}
