// The differential test in headless Chromium's WebGPU (SwiftShader).

import { expect, test } from 'vitest';
import { runDifferential } from '../shared/differential.ts';
import { startWebcu } from '../shared/webcu.ts';

test.each([1, 2, 3])('random operation sequences match the CPU model byte for byte (seed %i)', async (seed) => {
  await startWebcu();
  const { ops, checks } = await runDifferential(seed * 7919, 1500);
  expect(ops).toBe(1500);
  expect(checks).toBeGreaterThan(5);
});
