// Pipeline cache: each WGSL kernel is compiled once per device and variant, with an explicit layout
// (binding 0 is a uniform parameter slot with a dynamic offset, then the storage buffers in order).

import copyWgsl from '../../shaders/copy.wgsl?raw';
import copyBatchWgsl from '../../shaders/copy_batch.wgsl?raw';

export interface Kernel {
  id: number;
  pipeline: GPUComputePipeline;
  layout: GPUBindGroupLayout;
  /** Bytes of the uniform parameter block bound at binding 0. */
  paramBytes: number;
}

/** Storage bindings after the parameter slot: an access per binding 1, 2, ...; null leaves a number unused. */
type Access = 'read' | 'write' | null;

const MAX_GROUPS = 65535;

/** A 2D workgroup grid holding `groups` workgroups (WebGPU caps each dimension at 65535). */
export function grid(groups: number): [number, number] {
  if (groups <= MAX_GROUPS) return [groups, 1];
  const y = Math.ceil(groups / MAX_GROUPS);
  return [Math.ceil(groups / y), y];
}

/**
 * Chooses a shader variant: with `same`, lines tagged //@separate are dropped and //@same lines are
 * enabled, so a kernel whose source and destination share one GPUBuffer binds it once.
 */
export function variant(src: string, same: boolean): string {
  if (!same) return src;
  return src
    .split('\n')
    .filter((l) => !l.includes('//@separate'))
    .map((l) => l.replace(/^\/\/@same/, ''))
    .join('\n');
}

/** A kernel whose bind group layout WebGPU derives from its shader (layout 'auto'). */
export interface AutoKernel {
  id: number;
  pipeline: GPUComputePipeline;
  layout: GPUBindGroupLayout;
}

let nextKernelId = 1;

export class Kernels {
  private readonly cache = new Map<string, Kernel>();
  private readonly autos = new Map<string, AutoKernel>();

  constructor(private readonly device: GPUDevice) {}

  /** The kernel `key`, compiled from `code()` on first use (composing the source costs a call's latency). */
  get(key: string, code: () => string, entryPoint: string, storage: Access[], paramBytes: number, constants?: Record<string, number>): Kernel {
    let k = this.cache.get(key);
    if (k) return k;
    const layout = this.device.createBindGroupLayout({
      entries: [
        { binding: 0, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'uniform', hasDynamicOffset: true } },
        ...storage.flatMap((a, i) =>
          a === null
            ? []
            : [{
                binding: i + 1,
                visibility: GPUShaderStage.COMPUTE,
                buffer: { type: a === 'read' ? ('read-only-storage' as const) : ('storage' as const) },
              }],
        ),
      ],
    });
    const module = this.device.createShaderModule({ code: code(), label: key });
    const pipeline = this.device.createComputePipeline({
      layout: this.device.createPipelineLayout({ bindGroupLayouts: [layout] }),
      compute: { module, entryPoint, constants },
      label: key,
    });
    k = { id: nextKernelId++, pipeline, layout, paramBytes };
    this.cache.set(key, k);
    return k;
  }

  /**
   * The kernel `key` with an 'auto' layout (the decoders and decompression's commit passes), compiled once,
   * with its shader's override `constants`.
   */
  auto(key: string, code: () => string, entryPoint: string, constants?: Record<string, number>): AutoKernel {
    let k = this.autos.get(key);
    if (!k) {
      const pipeline = this.device.createComputePipeline({
        layout: 'auto',
        compute: { module: this.device.createShaderModule({ code: code(), label: key }), entryPoint, constants },
        label: key,
      });
      k = { id: nextKernelId++, pipeline, layout: pipeline.getBindGroupLayout(0) };
      this.autos.set(key, k);
    }
    return k;
  }

  /** The strided copy kernel; `same` when source and destination are one GPUBuffer; `row`: one row only. */
  copy(same: boolean, row: boolean): Kernel {
    const entry = row ? 'copy_row' : 'copy';
    return same
      ? this.get(`${entry}-same`, () => variant(copyWgsl, true), entry, ['write'], 64)
      : this.get(entry, () => copyWgsl, entry, ['write', 'read'], 64);
  }

  /**
   * Many copies between two buffers: the whole chunks, or with `edges` the rows' edge chunks; `flat`: a
   * table of 1D copies in short records (bindings: dst, src unless `same`, the item table, the GPU-side
   * widths).
   */
  copyBatch(same: boolean, edges: boolean, flat: boolean): Kernel {
    const entry = edges ? 'copy_batch_edges' : 'copy_batch';
    const key = `${entry}${same ? '-same' : ''}${flat ? '-flat' : ''}`;
    const constants = { FLAT: flat ? 1 : 0 };
    return same
      ? this.get(key, () => variant(copyBatchWgsl, true), entry, ['write', null, 'read', 'read'], 32, constants)
      : this.get(key, () => copyBatchWgsl, entry, ['write', 'read', 'read', 'read'], 32, constants);
  }

  /** The strided fill kernel; `row`: one row only. */
  fill(row: boolean): Kernel {
    const entry = row ? 'fill_row' : 'fill';
    return this.get(entry, () => variant(copyWgsl, true), entry, ['write'], 64);
  }
}
