// The type-confusion sweep (test/shared/hostile.ts) in headless Chromium's WebGPU.

import { expect, test } from 'vitest';
import { stillWorks, sweep } from '../shared/hostile.ts';
import { startWebcu } from '../shared/webcu.ts';

test('no exported function throws, rejects or hangs on hostile arguments, and the library still works after', async () => {
  await startWebcu();
  const t0 = performance.now();
  const { calls, functions, failures } = await sweep();
  console.log(`hostile sweep (browser): ${calls} calls over ${functions} functions in ${Math.round(performance.now() - t0)} ms`);
  expect(failures).toEqual([]);
  expect(functions).toBeGreaterThan(60);
  expect(calls).toBeGreaterThan(3000);
  await stillWorks();
});
