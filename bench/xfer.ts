// Host transfers by size (issue 9): cuMemcpyHtoDAsync and cuMemcpyDtoHAsync from 1 MiB to 1 GiB, from
// pinned (cuMemAllocHost) and pageable (a plain Uint8Array) memory. Per size: back-to-back async calls
// (at least 256 MiB of traffic, at least 2 calls) and one synchronization; one round to warm up, then the
// median of three rounds. Each row also counts the staging (MAP_WRITE) and readback (MAP_READ) buffers
// WebGPU created during its timed rounds: a pool that keeps up creates none. Compare the rows with
// webgpu_baseline.mjs's best MAP_WRITE and MAP_READ rings run in the same command.

import * as cu from '../src/index.ts';
import { roundTrips, type Row } from './memory.ts';
import { current, type Context } from '../src/core/state.ts';

function check(r: number, what: string): void {
  if (r !== cu.CUDA_SUCCESS) throw new Error(`${what} failed: ${cu.cuGetErrorName(r)[1]}`);
}

/** `roundMiB`: the traffic of one round of a size (at least two calls); the page lowers it with its repetitions. */
export async function runXferBench(device: GPUDevice, maxMiB: number, log: (r: Row) => void, roundMiB = 256): Promise<Row[]> {
  const max = maxMiB * 2 ** 20;
  // Counts the mappable buffers WebGPU is asked for (bench diagnostics only; the device itself is real).
  const made = { write: 0, read: 0 };
  const create = device.createBuffer.bind(device);
  device.createBuffer = (d: GPUBufferDescriptor) => {
    if (d.usage & GPUBufferUsage.MAP_WRITE) made.write++;
    if (d.usage & GPUBufferUsage.MAP_READ) made.read++;
    return create(d);
  };
  const rows: Row[] = [];
  const [ea, A] = cu.cuMemAlloc(max);
  check(ea, 'cuMemAlloc');
  const [ep, pinned] = cu.cuMemAllocHost(max);
  check(ep, 'cuMemAllocHost');
  const pageable = new Uint8Array(max);
  for (let i = 0; i < max; i += 4096) pageable[i] = i >>> 12;
  const [, s] = cu.cuStreamCreate(0);
  const sync = async () => check(await cu.cuStreamSynchronize(s), 'cuStreamSynchronize');
  // The synchronous calls return when their copy is done (CUDA stages a pageable async upload before
  // returning, so these are the closest peers of the raw baseline's ring, which waits for its buffers).
  const ops: [string, (n: number) => number | Promise<number>][] = [
    ['HtoD pinned', (n) => cu.cuMemcpyHtoDAsync(A, pinned!.subarray(0, n), n, s)],
    ['HtoD pageable', (n) => cu.cuMemcpyHtoDAsync(A, pageable.subarray(0, n), n, s)],
    ['HtoD pageable, synchronous', (n) => cu.cuMemcpyHtoD(A, pageable.subarray(0, n), n)],
    ['DtoH pinned', (n) => cu.cuMemcpyDtoHAsync(pinned!.subarray(0, n), A, n, s)],
    ['DtoH pageable', (n) => cu.cuMemcpyDtoHAsync(pageable.subarray(0, n), A, n, s)],
    ['DtoH pageable, synchronous', (n) => cu.cuMemcpyDtoH(pageable.subarray(0, n), A, n)],
  ];
  // XFER_OPS: only the rows whose name contains it; READBACK_MIB: the smallest readback buffer (Node; the
  // benchmark page runs every row with the defaults).
  const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};
  const only = env.XFER_OPS;
  if (env.READBACK_MIB) (current()[1] as Context).dev.rec.staging.readbackMin = Number(env.READBACK_MIB) * 2 ** 20;
  // A small readback's round trip (what the smallest readback buffer costs it): cuMemcpyDtoH of 4 bytes,
  // median and p99 of 400 after 50.
  if (!only || 'DtoH 4 B'.includes(only)) {
    const four = new Uint8Array(4);
    const [med, p99] = await roundTrips(async () => check(await cu.cuMemcpyDtoH(four, A!, 4), 'cuMemcpyDtoH'), 50, 400);
    const row = { op: `DtoH 4 B synchronous, median of 400 (p99 ${(p99 * 1e6).toFixed(1)} us)`, bytes: 4, seconds: med, GBps: 4 / med / 1e9 };
    rows.push(row);
    log(row);
  }
  for (const [name, call] of ops) {
    if (only && !name.includes(only)) continue;
    for (let n = 2 ** 20; n <= max; n *= 4) {
      const reps = Math.max(2, Math.floor((roundMiB * 2 ** 20) / n));
      const round = async () => {
        const t = performance.now();
        for (let i = 0; i < reps; i++) {
          const r = call(n);
          check(typeof r === 'number' ? r : await r, name);
        }
        await sync();
        return (performance.now() - t) / 1e3 / reps;
      };
      await round();
      made.write = made.read = 0;
      const ts = [await round(), await round(), await round()].sort((a, b) => a - b);
      const seconds = ts[1];
      const row = { op: `${name} ${n >= 2 ** 30 ? `${n / 2 ** 30} GiB` : `${n / 2 ** 20} MiB`} x${reps} (new bufs W${made.write} R${made.read})`, bytes: n, seconds, GBps: n / seconds / 1e9 };
      rows.push(row);
      log(row);
    }
  }
  device.createBuffer = create;
  cu.cuMemFreeHost(pinned!);
  cu.cuMemFree(A);
  cu.cuStreamDestroy(s!);
  return rows;
}
