// The differential test on Node's WebGPU (the `webgpu` package): proves the library runs in Node.

import { expect, test } from 'vitest';
import { runDifferential } from '../shared/differential.ts';
import { runHostOrder } from '../shared/host-order.ts';
import { startWebcu } from '../shared/webcu.ts';

test('random operation sequences match the CPU model byte for byte (Node + Dawn)', async () => {
  await startWebcu();
  const { ops, checks, hostOps, rectOps, batches, switches, decompressions } = await runDifferential(0xc0ffee, 20000);
  console.log(`differential (Node): ${ops} operations, ${hostOps} on host buffers, ${rectOps} 2D/3D copies, ${batches} batches, ${decompressions} decompressions, ${switches} stream switches through events, ${checks} full comparisons`);
  expect(batches).toBeGreaterThan(500);
  expect(decompressions).toBeGreaterThan(300);
  expect(switches).toBeGreaterThan(2000);
  expect(ops).toBe(20000);
  expect(hostOps).toBeGreaterThan(5000);
  expect(rectOps).toBeGreaterThan(1000);
  expect(checks).toBeGreaterThan(100);
});

test('pinned and registered memory keep stream order; shared views work in every direction (Node)', async () => {
  await startWebcu();
  await runHostOrder();
});
