// How cost grows with size: memset, device-to-device, host-to-device and device-to-host copies from 4 KiB
// to 1 GiB (latency-bound to bandwidth-bound). Each size runs a stream of back-to-back async calls and
// one synchronization, as the memory suite does, after a warm-up; enough calls that every size takes a
// few milliseconds at least. bench/plot.mjs draws the rows as an SVG for BENCHMARKS.md.

import * as cu from '../src/index.ts';
import type { Row } from './memory.ts';

function check(r: number, what: string): void {
  if (r !== cu.CUDA_SUCCESS) throw new Error(`${what} failed: ${cu.cuGetErrorName(r)[1]}`);
}

export async function runSizesBench(maxMiB: number, log: (r: Row) => void): Promise<Row[]> {
  const max = maxMiB * 2 ** 20;
  const rows: Row[] = [];
  const [ea, A] = cu.cuMemAlloc(max);
  check(ea, 'cuMemAlloc');
  const [eb, B] = cu.cuMemAlloc(max);
  check(eb, 'cuMemAlloc');
  const [, pinned] = cu.cuMemAllocHost(max);
  const [, s] = cu.cuStreamCreate(0);
  const sync = async () => check(await cu.cuStreamSynchronize(s), 'cuStreamSynchronize');
  const ops: [string, (n: number) => number, (n: number) => number][] = [
    ['memset D8', (n) => cu.cuMemsetD8Async(A, 0x5a, n, s), (n) => n],
    ['DtoD', (n) => cu.cuMemcpyDtoDAsync(B, A, n, s), (n) => 2 * n],
    ['HtoD pinned', (n) => cu.cuMemcpyHtoDAsync(A, pinned!.subarray(0, n), n, s), (n) => n],
    ['DtoH pinned', (n) => cu.cuMemcpyDtoHAsync(pinned!.subarray(0, n), A, n, s), (n) => n],
  ];
  for (const [name, call, bytes] of ops) {
    for (let n = 4096; n <= max; n *= 4) {
      // About 64 MiB of traffic per size, at least 4 and at most 1000 calls.
      const reps = Math.min(1000, Math.max(4, Math.floor((64 * 2 ** 20) / n)));
      for (let i = 0; i < Math.min(reps, 8); i++) check(call(n), name);
      await sync();
      const t = performance.now();
      for (let i = 0; i < reps; i++) check(call(n), name);
      await sync();
      const seconds = (performance.now() - t) / 1e3 / reps;
      const row = { op: `${name} ${n}`, bytes: bytes(n), seconds, GBps: bytes(n) / seconds / 1e9 };
      rows.push(row);
      log(row);
    }
  }
  cu.cuMemFreeHost(pinned!);
  cu.cuMemFree(A);
  cu.cuMemFree(B);
  cu.cuStreamDestroy(s!);
  return rows;
}
