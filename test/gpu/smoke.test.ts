// Proves the browser project has a working WebGPU: adapter, device, a compute dispatch and a readback.
// Runs in headless Chromium (Vitest browser mode); test/setup/gpu.ts makes the same code run in Node too.
import { afterAll, describe, expect, it } from 'vitest';
import { deviceForTests, isNode } from '../setup/gpu.ts';

describe('WebGPU smoke (browser)', () => {
  let device: GPUDevice | undefined;
  afterAll(() => device?.destroy());

  it('runs in the browser with navigator.gpu', () => {
    expect(isNode).toBe(false);
    expect(typeof navigator.gpu?.requestAdapter).toBe('function');
  });

  it('dispatches a compute shader and reads the result back', async () => {
    const t = await deviceForTests();
    device = t.device;
    const errors: string[] = [];
    device.addEventListener('uncapturederror', (e) => errors.push((e as GPUUncapturedErrorEvent).error.message));

    const N = 1000; // not a multiple of the workgroup size: the bounds check matters
    const module = device.createShaderModule({
      code: /* wgsl */ `
        @group(0) @binding(0) var<storage, read_write> out: array<u32>;
        @compute @workgroup_size(64)
        fn main(@builtin(global_invocation_id) id: vec3u) {
          if (id.x < arrayLength(&out)) { out[id.x] = id.x * 3u + 7u; }
        }`,
    });
    const pipeline = device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' } });
    const storage = device.createBuffer({ size: N * 4, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
    const readback = device.createBuffer({ size: N * 4, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    const bindGroup = device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: [{ binding: 0, resource: { buffer: storage } }],
    });

    const encoder = device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(Math.ceil(N / 64));
    pass.end();
    encoder.copyBufferToBuffer(storage, 0, readback, 0, N * 4);
    device.queue.submit([encoder.finish()]);

    await readback.mapAsync(GPUMapMode.READ);
    const got = new Uint32Array(readback.getMappedRange().slice(0));
    readback.unmap();

    const want = Uint32Array.from({ length: N }, (_, i) => i * 3 + 7);
    expect(got).toEqual(want);
    expect(errors).toEqual([]);
  });
});
