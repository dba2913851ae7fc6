// The differential test in headless Chromium's WebGPU (SwiftShader).

import { expect, test } from 'vitest';
import { runDifferential } from '../shared/differential.ts';
import { runHostOrder } from '../shared/host-order.ts';
import { startWebcu } from '../shared/webcu.ts';

test.each([1, 2, 3])('random operation sequences match the CPU model byte for byte (seed %i)', async (seed) => {
  await startWebcu();
  const { ops, checks, hostOps, rectOps, switches, decompressions } = await runDifferential(seed * 7919, 4000);
  console.log(`differential (Chromium, seed ${seed}): ${ops} operations, ${hostOps} on host buffers, ${rectOps} 2D/3D copies, ${decompressions} decompressions, ${switches} stream switches through events, ${checks} full comparisons`);
  expect(ops).toBe(4000);
  expect(hostOps).toBeGreaterThan(1000);
  expect(rectOps).toBeGreaterThan(200);
  expect(switches).toBeGreaterThan(400);
  expect(decompressions).toBeGreaterThan(60);
  expect(checks).toBeGreaterThan(20);
});

test('pinned and registered memory keep stream order; shared views work in every direction (Chromium)', async () => {
  await startWebcu();
  await runHostOrder();
});
