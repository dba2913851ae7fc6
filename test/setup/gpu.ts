// Shared GPU access for tests that run both in Node (the `webgpu` package: Dawn on SwiftShader's Vulkan)
// and in Vitest browser mode (headless Chromium's navigator.gpu, SwiftShader adapter).
//
//   const gpu = await gpuForTests();            // a GPU, like navigator.gpu
//   const device = await deviceForTests();      // adapter + device from it, with a clear error if none
//
// In Node this needs VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json and
// LD_LIBRARY_PATH=/usr/lib/chromium in the environment *of the test process at start*; scripts/test.sh
// exports them and vitest.config.ts sets them before any worker is forked.

let cached: Promise<GPU> | undefined;

/** True when running under Node (node-gpu / unit / e2e projects), false in the browser project. */
export const isNode: boolean =
  typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node === 'string' &&
  typeof (globalThis as { window?: unknown }).window === 'undefined';

/** `navigator.gpu` in the browser; `create([])` from the `webgpu` package in Node (once per process). */
export function gpuForTests(): Promise<GPU> {
  cached ??= loadGpu();
  return cached;
}

async function loadGpu(): Promise<GPU> {
  const nav = (globalThis as { navigator?: { gpu?: GPU } }).navigator;
  if (!isNode) {
    if (!nav?.gpu) throw new Error('navigator.gpu is missing: WebGPU is not enabled in this browser');
    return nav.gpu;
  }
  // The specifier is hidden from Vite so the browser project never tries to resolve or pre-bundle the
  // native `webgpu` package.
  const specifier = 'webgpu';
  const { create, globals } = (await import(/* @vite-ignore */ specifier)) as {
    create: (flags: string[]) => GPU;
    globals: object;
  };
  // GPUBufferUsage, GPUMapMode, GPUTextureUsage, GPUShaderStage, ... as globals, as in a browser.
  Object.assign(globalThis, globals);
  return create([]);
}

/** An adapter and device from gpuForTests(); fails loudly (with the likely cause) when there is none. */
export async function deviceForTests(
  descriptor?: GPUDeviceDescriptor,
): Promise<{ gpu: GPU; adapter: GPUAdapter; device: GPUDevice }> {
  const gpu = await gpuForTests();
  const adapter = await gpu.requestAdapter();
  if (!adapter) {
    throw new Error(
      isNode
        ? 'No WebGPU adapter from the webgpu package. Set VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json ' +
            'and LD_LIBRARY_PATH=/usr/lib/chromium before starting Node (npm test does), and install chromium.'
        : 'No WebGPU adapter in the browser (check the --use-webgpu-adapter=swiftshader flags)',
    );
  }
  const device = await adapter.requestDevice(descriptor);
  return { gpu, adapter, device };
}
