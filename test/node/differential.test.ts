// The differential test on Node's WebGPU (the `webgpu` package): proves the library runs in Node.

import { expect, test } from 'vitest';
import { runDifferential } from '../shared/differential.ts';
import { startWebcu } from '../shared/webcu.ts';

test('random operation sequences match the CPU model byte for byte (Node + Dawn)', async () => {
  await startWebcu();
  const { ops, checks } = await runDifferential(0xc0ffee, 2500);
  expect(ops).toBe(2500);
  expect(checks).toBeGreaterThan(10);
});
