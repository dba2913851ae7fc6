// Host cost of the small-copy path, round by round (JIT warm-up shows): 16384 cuMemcpyDtoDAsync calls of
// 4 KiB, then one 16384-entry cuMemcpyBatchAsync (NOBATCH=1 skips it, for builds without it), each timed
// on the host only (wall and process CPU), with a synchronization between rounds; then 200 × a 4-byte
// memset + synchronize. Build: ENTRY=bench/small-copies.ts OUTFILE=.gpu/hot.mjs node bench/build.mjs;
// run: ROUNDS=25 node .gpu/hot.mjs (on the GPU machine: bash .gpu/run.sh .gpu/hot.mjs).

import { create, globals } from 'webgpu';
import * as cu from '../src/index.ts';

Object.assign(globalThis, globals);
const gpu = create([]);
// Held for the whole run: dawn.node tears down when this object is collected.
(globalThis as { keepGpu?: GPU }).keepGpu = gpu;
const check = (e: number, what: string) => {
  if (e) throw new Error(`${what}: ${e}`);
};
check(await cu.cuInit(0, { gpu }), 'cuInit');
const [, dev] = cu.cuDeviceGet(0);
check((await cu.cuCtxCreate(0, dev))[0], 'cuCtxCreate');
const K = 16384;
const S = 4096;
const [, A] = cu.cuMemAlloc(K * S);
const [, B] = cu.cuMemAlloc(K * S);
const [, s] = cu.cuStreamCreate(0);
const srcs: number[] = [];
const dsts: number[] = [];
const sizes: number[] = [];
for (let i = 0; i < K; i++) {
  srcs.push(A + i * S);
  dsts.push(B + i * S);
  sizes.push(S);
}
const attrs = [{ srcAccessOrder: cu.CU_MEMCPY_SRC_ACCESS_ORDER_STREAM, flags: 0 }];
const rounds = Number(process.env.ROUNDS ?? 15);

/** Host milliseconds (wall, process CPU) of `f`. */
function host(f: () => void): [number, number] {
  const t = performance.now();
  const c = process.cpuUsage();
  f();
  const d = process.cpuUsage(c);
  return [performance.now() - t, (d.user + d.system) / 1000];
}

const loop: number[] = [];
const batch: number[] = [];
for (let r = 0; r < rounds; r++) {
  loop.push(host(() => {
    for (let i = 0; i < K; i++) check(cu.cuMemcpyDtoDAsync(B + i * S, A + i * S, S, s), 'cuMemcpyDtoDAsync');
  })[0]);
  check(await cu.cuStreamSynchronize(s), 'cuStreamSynchronize');
  if (process.env.NOBATCH) continue;
  batch.push(host(() => check(cu.cuMemcpyBatchAsync(dsts, srcs, sizes, K, attrs, [0], 1, s), 'cuMemcpyBatchAsync'))[0]);
  check(await cu.cuStreamSynchronize(s), 'cuStreamSynchronize');
}
const latency: number[] = [];
for (let r = 0; r < 200; r++) {
  const t = performance.now();
  check(cu.cuMemsetD8Async(A, 1, 4, s), 'cuMemsetD8Async');
  check(await cu.cuStreamSynchronize(s), 'cuStreamSynchronize');
  latency.push(performance.now() - t);
}
const median = (a: number[]) => (a.length ? [...a].sort((x, y) => x - y)[a.length >> 1] : NaN);
/** Every round, then the steady state: the median and the least of the second half of the rounds. */
const fmt = (a: number[]) => {
  const late = a.slice(a.length >> 1);
  return `${a.map((x) => x.toFixed(1)).join(' ')}; second half: median ${median(late).toFixed(2)}, min ${Math.min(...late).toFixed(2)}`;
};
console.log(`${K} x cuMemcpyDtoDAsync ${S} B, host ms per round: ${fmt(loop)}`);
if (batch.length) console.log(`cuMemcpyBatchAsync ${K} x ${S} B, host ms per round: ${fmt(batch)}`);
console.log(`cuMemsetD8 4 B + cuStreamSynchronize: median ${(median(latency) * 1000).toFixed(1)} us`);
process.exit(0);
