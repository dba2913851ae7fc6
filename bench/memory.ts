// Memory benchmarks: webcu's memsets and device-to-device copies against WebGPU's own clearBuffer and
// copyBufferToBuffer on the same device in the same run, many small copies (a loop of calls and one
// cuMemcpyBatchAsync), plus host transfers. Wall-clock over a
// stream of back-to-back operations (reps enqueued, one synchronization; the median of several such
// rounds when they are short), so both sides pay the same submission costs. The large memsets and copies
// also get their GPU time from events: over the same back-to-back run, and per single call as
// cuda_baseline.py times CUDA. Bandwidth counts bytes written for fills and bytes read + written for copies.

import * as cu from '../src/index.ts';

export interface Row {
  op: string;
  bytes: number;
  seconds: number;
  GBps: number;
}

function check(r: number, what: string): void {
  if (r !== cu.CUDA_SUCCESS) throw new Error(`${what} failed: ${cu.cuGetErrorName(r)[1]}`);
}

/**
 * Seconds per operation: `reps` enqueued back to back, one synchronization. Before timing, one call (it
 * may compile a kernel while the GPU idles and clocks down), then back-to-back rounds for `warmMs` unless
 * one call alone took that long, so every row starts with the GPU's clocks up. When a round is short,
 * `rounds` of them are timed and the median counts: on the H200 a host stall of 10-20 ms hit one row in
 * four of a single-round run (session 7), and it should spoil one round, not the row.
 */
async function time(reps: number, enqueue: () => void, sync: () => Promise<void>, warmMs = 100, rounds = 5): Promise<number> {
  const w = performance.now();
  enqueue();
  await sync();
  const one = performance.now() - w;
  while (performance.now() - w < warmMs) {
    for (let i = 0; i < reps; i++) enqueue();
    await sync();
  }
  const n = one * reps < 50 ? rounds : 1;
  const ts: number[] = [];
  for (let r = 0; r < n; r++) {
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) enqueue();
    await sync();
    ts.push(performance.now() - t0);
  }
  ts.sort((a, b) => a - b);
  return ts[n >> 1] / 1e3 / reps;
}

/**
 * GPU time from events (timestamp queries), as cuda_baseline.py measures CUDA: per operation over the
 * same back-to-back run (an event before and after it: inter-dispatch gaps included, host time not), and
 * the median of single calls, each between two events and synchronized. Null without timestamp queries.
 * Run with DAWN_FLAGS=disable-dawn-features=timestamp_quantization (Dawn rounds them otherwise).
 */
async function gpuTime(reps: number, enqueue: () => void, s: cu.CUstream | null): Promise<[number, number] | null> {
  const [, e0] = cu.cuEventCreate(0);
  const [, e1] = cu.cuEventCreate(0);
  const elapsed = async () => {
    check(await cu.cuEventSynchronize(e1!), 'cuEventSynchronize');
    const [r, ms] = cu.cuEventElapsedTime(e0!, e1!);
    return r === cu.CUDA_SUCCESS ? ms / 1e3 : NaN;
  };
  check(cu.cuEventRecord(e0!, s), 'cuEventRecord');
  for (let i = 0; i < reps; i++) enqueue();
  check(cu.cuEventRecord(e1!, s), 'cuEventRecord');
  const loop = (await elapsed()) / reps;
  const single: number[] = [];
  for (let i = 0; i < reps; i++) {
    check(cu.cuEventRecord(e0!, s), 'cuEventRecord');
    enqueue();
    check(cu.cuEventRecord(e1!, s), 'cuEventRecord');
    single.push(await elapsed());
  }
  cu.cuEventDestroy(e0!);
  cu.cuEventDestroy(e1!);
  single.sort((a, b) => a - b);
  const med = single[single.length >> 1];
  return Number.isNaN(loop) || Number.isNaN(med) ? null : [loop, med];
}

/** Median and p99 in seconds of `n` round trips of `once`, after `warm` untimed ones. */
export async function roundTrips(once: () => Promise<unknown>, warm: number, n: number): Promise<[number, number]> {
  const ts: number[] = [];
  for (let i = 0; i < warm + n; i++) {
    const t = performance.now();
    await once();
    if (i >= warm) ts.push(performance.now() - t);
  }
  ts.sort((x, y) => x - y);
  return [ts[n >> 1] / 1e3, ts[Math.floor(n * 0.99)] / 1e3];
}

/** Back-to-back 1 GiB-class fills for `ms` milliseconds, so the GPU's clocks are up before timing. */
async function warmUp(A: number, N: number, s: cu.CUstream | null, sync: () => Promise<void>, ms = 500): Promise<void> {
  for (const t = performance.now(); performance.now() - t < ms; ) {
    for (let i = 0; i < 8; i++) check(cu.cuMemsetD8Async(A, 0, N, s), 'memset');
    await sync();
  }
}

export async function runMemoryBench(device: GPUDevice, sizeMiB: number, reps: number, log: (r: Row) => void, latencyOnly = false): Promise<Row[]> {
  const N = sizeMiB * 2 ** 20;
  const rows: Row[] = [];
  const add = (op: string, bytes: number, seconds: number) => {
    const row = { op, bytes, seconds, GBps: bytes / seconds / 1e9 };
    rows.push(row);
    log(row);
  };
  const [ea, A] = cu.cuMemAlloc(N + 4096);
  check(ea, 'cuMemAlloc');
  const [eb, B] = cu.cuMemAlloc(N + 4096);
  check(eb, 'cuMemAlloc');
  const [, s] = cu.cuStreamCreate(0);
  const sync = async () => check(await cu.cuStreamSynchronize(s), 'cuStreamSynchronize');
  const timestamps = device.features.has('timestamp-query');
  /** A wall-clock row, and with timestamp queries its GPU time over the same run and per single call. */
  const big = async (op: string, bytes: number, enqueue: () => void) => {
    add(op, bytes, await time(reps, enqueue, sync));
    const g = timestamps ? await gpuTime(reps, enqueue, s) : null;
    if (g) {
      add(`  ${op} [GPU, back to back]`, bytes, g[0]);
      add(`  ${op} [GPU, single call median]`, bytes, g[1]);
    }
  };

  // WebGPU's built-in commands on plain buffers of the same size, as the peer.
  const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
  const pa = device.createBuffer({ size: N, usage });
  const pb = device.createBuffer({ size: N, usage });
  const native = (f: (e: GPUCommandEncoder) => void) => () => {
    const e = device.createCommandEncoder();
    f(e);
    device.queue.submit([e.finish()]);
  };
  const nsync = () => device.queue.onSubmittedWorkDone();

  // latencyOnly: the round trips and the host transfers between them (the GPU's clock does not matter).
  if (!latencyOnly) {
    // The GPU clocks down while the host is busy: half a second of fills brings it up before any row.
    await warmUp(A, N, s, sync);
    add('WebGPU clearBuffer (zero fill)', N, await time(reps, native((e) => e.clearBuffer(pa)), nsync));
    await big('cuMemsetD8 aligned', N, () => check(cu.cuMemsetD8Async(A, 0x5a, N, s), 'memset'));
    await big('cuMemsetD8 aligned, zeros', N, () => check(cu.cuMemsetD8Async(A, 0, N, s), 'memset'));
    await big('cuMemsetD8 offset+1, N-2', N - 2, () => check(cu.cuMemsetD8Async(A + 1, 0x5a, N - 2, s), 'memset'));
    await big('cuMemsetD16 aligned', N, () => check(cu.cuMemsetD16Async(A, 0x5a5a, N / 2, s), 'memset'));
    await big('cuMemsetD32 aligned', N, () => check(cu.cuMemsetD32Async(A, 0xdeadbeef, N / 4, s), 'memset'));
    // The first webcu row read low in every H200 run of session 6 (its one warm-up call compiled the fill
    // kernel while the GPU idled and clocked down); time() now warms every row up. The same row again checks.
    await big('cuMemsetD8 aligned, again', N, () => check(cu.cuMemsetD8Async(A, 0x5a, N, s), 'memset'));
    add('WebGPU copyBufferToBuffer', 2 * N, await time(reps, native((e) => e.copyBufferToBuffer(pa, 0, pb, 0, N)), nsync));
    await big('cuMemcpyDtoD aligned', 2 * N, () => check(cu.cuMemcpyDtoDAsync(B, A, N, s), 'copy'));
    await big('cuMemcpyDtoD src+1 dst+3 (unaligned)', 2 * N, () => check(cu.cuMemcpyDtoDAsync(B + 3, A + 1, N, s), 'copy'));
    const W = 65536;
    const H = Math.floor(N / W / 2);
    const P = W + 512;
    const copy2D = (srcOff: number, dstOff: number, width: number) => () =>
      check(cu.cuMemcpy2DAsync({ srcMemoryType: cu.CU_MEMORYTYPE_DEVICE, srcDevice: A + srcOff, srcPitch: P, dstMemoryType: cu.CU_MEMORYTYPE_DEVICE, dstDevice: B + dstOff, dstPitch: P, WidthInBytes: width, Height: H }, s), 'copy2D');
    await big(`cuMemcpy2D DtoD ${W}x${H} pitch ${P}`, 2 * W * H, copy2D(0, 0, W));
    await big(`cuMemcpy2D DtoD ${W - 5}x${H} pitch ${P} src+1 dst+2`, 2 * (W - 5) * H, copy2D(1, 2, W - 5));
    await big(`cuMemsetD2D32 ${W / 4}x${H} pitch ${P}`, W * H, () => check(cu.cuMemsetD2D32Async(A, P, 7, W / 4, H, s), 'memset'));
    await big(`cuMemsetD2D8 ${W - 3}x${H} pitch ${P} start+1`, (W - 3) * H, () => check(cu.cuMemsetD2D8Async(A + 1, P, 7, W - 3, H, s), 'memset'));

    const K = 16384;
    const S = 4096;
    if (K * S <= N) {
      add(`${K} x cuMemcpyDtoDAsync ${S} B`, 2 * K * S, await time(Math.max(1, reps >> 2), () => {
        for (let i = 0; i < K; i++) check(cu.cuMemcpyDtoDAsync(B + i * S, A + i * S, S, s), 'copy');
      }, sync));
      // The same copies as one batch (cuda_baseline.py's row of the same name, which times each call and
      // its synchronization alone): one call per round, the median of 21 rounds after half a second of
      // calls, so V8 has optimised the path (a single round of `reps` calls read 5.5-7.9 ms on the H200
      // while steady calls took 3.1-3.4 ms, bench/small-copies.ts, session 7).
      const dsts = Array.from({ length: K }, (_, i) => B + i * S);
      const srcs = Array.from({ length: K }, (_, i) => A + i * S);
      const sizes = new Array<number>(K).fill(S);
      const attrs = [{ srcAccessOrder: cu.CU_MEMCPY_SRC_ACCESS_ORDER_STREAM }];
      add(`cuMemcpyBatchAsync ${K} x ${S} B`, 2 * K * S, await time(1, () => check(cu.cuMemcpyBatchAsync(dsts, srcs, sizes, K, attrs, [0], 1, s), 'batch'), sync, 500, 21));
    }
  }
  // Latency of a small operation: a 4-byte memset and a wait, against WebGPU's 4-byte clearBuffer and
  // onSubmittedWorkDone on the same device, and against the commands webcu's small fill issues (a 4-byte
  // writeBuffer and onSubmittedWorkDone); a 4-byte readback against a raw 4-byte copy and mapAsync
  // (medians and p99 over 1000 round trips after 100 warm-ups).
  const lat = async (label: string, once: () => Promise<unknown>) => {
    const [med, p99] = await roundTrips(once, 100, 1000);
    add(`${label}, median`, 4, med);
    add(`${label}, p99`, 4, p99);
  };
  const latencies = async (when: string) => {
    await lat(`WebGPU clearBuffer 4 B + onSubmittedWorkDone${when}`, async () => {
      native((e) => e.clearBuffer(pa, 0, 4))();
      await nsync();
    });
    await lat(`cuMemsetD8 4 B + cuStreamSynchronize${when}`, async () => {
      check(cu.cuMemsetD8Async(A, 1, 4, s), 'memset');
      await sync();
    });
    await lat(`WebGPU writeBuffer 4 B + onSubmittedWorkDone${when}`, async () => {
      device.queue.writeBuffer(pa, 0, four);
      await nsync();
    });
    await lat(`WebGPU copy 4 B + mapAsync${when}`, async () => {
      native((e) => e.copyBufferToBuffer(pa, 0, rb, 0, 4))();
      await rb.mapAsync(GPUMapMode.READ, 0, 8);
      rb.unmap();
    });
    await lat(`cuMemcpyDtoH 4 B${when}`, async () => check(await cu.cuMemcpyDtoH(four, A, 4), 'dtoh'));
  };
  const four = new Uint8Array(4);
  // A readback buffer of webcu's smallest readback buffer's size (mapping may cost by size).
  const rb = device.createBuffer({ size: 2 ** 20, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  // Before the host transfers, and again after them: the 1 GiB pageable rows leave the JavaScript heap
  // with garbage whose collection runs during whatever comes next.
  await latencies('');

  const [, pinned] = cu.cuMemAllocHost(N);
  const pageable = new Uint8Array(N);
  const hreps = Math.max(1, reps >> 2);
  add('cuMemcpyHtoD pinned', N, await time(hreps, () => check(cu.cuMemcpyHtoDAsync(A, pinned!, N, s), 'htod'), sync));
  add('cuMemcpyDtoH pinned', N, await time(hreps, () => check(cu.cuMemcpyDtoHAsync(pinned!, A, N, s), 'dtoh'), sync));
  add('cuMemcpyHtoD pageable', N, await time(hreps, () => check(cu.cuMemcpyHtoDAsync(A, pageable, N, s), 'htod'), sync));
  add('cuMemcpyDtoH pageable', N, await time(hreps, () => check(cu.cuMemcpyDtoHAsync(pageable, A, N, s), 'dtoh'), sync));

  await latencies(' (after the host transfers)');

  cu.cuMemFreeHost(pinned!);
  cu.cuMemFree(A);
  cu.cuMemFree(B);
  cu.cuStreamDestroy(s!);
  pa.destroy();
  pb.destroy();
  rb.destroy();
  return rows;
}

