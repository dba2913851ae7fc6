// The system Chromium (Debian's `chromium` package) and the flags that give headless Chromium a WebGPU
// adapter on SwiftShader (CPU Vulkan). Used by the Vitest browser project and by the e2e tests.
// Never download a browser through Playwright (`playwright install`): scripts/test.sh installs chromium with apt.

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS: string[] = [
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--use-vulkan=swiftshader',
  '--use-webgpu-adapter=swiftshader',
  '--no-sandbox',
  '--disable-gpu-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Environment that lets the `webgpu` npm package (dawn.node) find SwiftShader's Vulkan in Node. */
export const SWIFTSHADER_ENV = {
  VK_ICD_FILENAMES: '/usr/lib/chromium/vk_swiftshader_icd.json',
  LD_LIBRARY_PATH: '/usr/lib/chromium',
} as const;
