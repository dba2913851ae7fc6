import { existsSync } from 'node:fs';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { CHROMIUM_ARGS, CHROMIUM_PATH, SWIFTSHADER_ENV } from './test/setup/chromium.ts';

// dawn.node (the `webgpu` package) dlopens libvulkan.so.1 and reads VK_ICD_FILENAMES when a worker first
// loads it. The dynamic loader only honours LD_LIBRARY_PATH given at process start, so set both here, in the
// main process, before Vitest forks any worker: `npx vitest` then works without scripts/test.sh.
if (existsSync(SWIFTSHADER_ENV.VK_ICD_FILENAMES)) {
  process.env.VK_ICD_FILENAMES ??= SWIFTSHADER_ENV.VK_ICD_FILENAMES;
  const ld = process.env.LD_LIBRARY_PATH ?? '';
  if (!ld.split(':').includes(SWIFTSHADER_ENV.LD_LIBRARY_PATH)) {
    process.env.LD_LIBRARY_PATH = ld ? `${SWIFTSHADER_ENV.LD_LIBRARY_PATH}:${ld}` : SWIFTSHADER_ENV.LD_LIBRARY_PATH;
  }
}

const GPU_TIMEOUT = 120_000;

// Vitest has its own config and does not read vite.config.ts (whose dev-server port 5173 / library build
// settings would only get in the way). Vite's defaults handle `*.wgsl?raw` imports here too.
// Projects run one group at a time (sequence.groupOrder) so that SwiftShader in Node, the browser and the
// e2e Chromium never compete for the 2 CPU cores of CI.
export default defineConfig({
  test: {
    passWithNoTests: true,
    teardownTimeout: 30_000,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'node-gpu',
          include: ['test/node/**/*.test.ts'],
          environment: 'node',
          pool: 'forks',
          maxWorkers: 2,
          testTimeout: GPU_TIMEOUT,
          hookTimeout: GPU_TIMEOUT,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/gpu/**/*.test.ts'],
          testTimeout: GPU_TIMEOUT,
          hookTimeout: GPU_TIMEOUT,
          maxWorkers: 2,
          sequence: { groupOrder: 2 },
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({
              launchOptions: {
                executablePath: CHROMIUM_PATH,
                args: CHROMIUM_ARGS,
              },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          environment: 'node',
          pool: 'forks',
          fileParallelism: false,
          testTimeout: GPU_TIMEOUT,
          hookTimeout: GPU_TIMEOUT,
          sequence: { groupOrder: 3 },
        },
      },
    ],
  },
});
