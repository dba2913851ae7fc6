// Memory benchmarks: webcu's memsets and device-to-device copies against WebGPU's own clearBuffer and
// copyBufferToBuffer on the same device in the same run, many small copies (a loop of calls and one
// cuMemcpyBatchAsync), plus host transfers. Wall-clock over a
// stream of back-to-back operations (reps enqueued, one synchronization), so both sides pay the same
// submission costs. Bandwidth counts bytes written for fills and bytes read + written for copies.

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

async function time(reps: number, enqueue: () => void, sync: () => Promise<void>): Promise<number> {
  enqueue();
  await sync();
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) enqueue();
  await sync();
  return (performance.now() - t0) / 1e3 / reps;
}

export async function runMemoryBench(device: GPUDevice, sizeMiB: number, reps: number, log: (r: Row) => void): Promise<Row[]> {
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

  add('WebGPU clearBuffer (zero fill)', N, await time(reps, native((e) => e.clearBuffer(pa)), nsync));
  add('cuMemsetD8 aligned', N, await time(reps, () => check(cu.cuMemsetD8Async(A, 0x5a, N, s), 'memset'), sync));
  add('cuMemsetD8 offset+1, N-2', N - 2, await time(reps, () => check(cu.cuMemsetD8Async(A + 1, 0x5a, N - 2, s), 'memset'), sync));
  add('cuMemsetD16 aligned', N, await time(reps, () => check(cu.cuMemsetD16Async(A, 0x5a5a, N / 2, s), 'memset'), sync));
  add('cuMemsetD32 aligned', N, await time(reps, () => check(cu.cuMemsetD32Async(A, 0xdeadbeef, N / 4, s), 'memset'), sync));
  // The first webcu row reads lower in every H200 run so far: the same row again tells order from kernel.
  add('cuMemsetD8 aligned, again', N, await time(reps, () => check(cu.cuMemsetD8Async(A, 0x5a, N, s), 'memset'), sync));
  add('WebGPU copyBufferToBuffer', 2 * N, await time(reps, native((e) => e.copyBufferToBuffer(pa, 0, pb, 0, N)), nsync));
  add('cuMemcpyDtoD aligned', 2 * N, await time(reps, () => check(cu.cuMemcpyDtoDAsync(B, A, N, s), 'copy'), sync));
  add('cuMemcpyDtoD src+1 dst+3 (unaligned)', 2 * N, await time(reps, () => check(cu.cuMemcpyDtoDAsync(B + 3, A + 1, N, s), 'copy'), sync));
  const W = 65536;
  const H = Math.floor(N / W / 2);
  const P = W + 512;
  const copy2D = (srcOff: number, dstOff: number, width: number) => () =>
    check(cu.cuMemcpy2DAsync({ srcMemoryType: cu.CU_MEMORYTYPE_DEVICE, srcDevice: A + srcOff, srcPitch: P, dstMemoryType: cu.CU_MEMORYTYPE_DEVICE, dstDevice: B + dstOff, dstPitch: P, WidthInBytes: width, Height: H }, s), 'copy2D');
  add(`cuMemcpy2D DtoD ${W}x${H} pitch ${P}`, 2 * W * H, await time(reps, copy2D(0, 0, W), sync));
  add(`cuMemcpy2D DtoD ${W - 5}x${H} pitch ${P} src+1 dst+2`, 2 * (W - 5) * H, await time(reps, copy2D(1, 2, W - 5), sync));
  add(`cuMemsetD2D32 ${W / 4}x${H} pitch ${P}`, W * H, await time(reps, () => check(cu.cuMemsetD2D32Async(A, P, 7, W / 4, H, s), 'memset'), sync));
  add(`cuMemsetD2D8 ${W - 3}x${H} pitch ${P} start+1`, (W - 3) * H, await time(reps, () => check(cu.cuMemsetD2D8Async(A + 1, P, 7, W - 3, H, s), 'memset'), sync));

  const K = 16384;
  const S = 4096;
  if (K * S <= N) {
    add(`${K} x cuMemcpyDtoDAsync ${S} B`, 2 * K * S, await time(Math.max(1, reps >> 2), () => {
      for (let i = 0; i < K; i++) check(cu.cuMemcpyDtoDAsync(B + i * S, A + i * S, S, s), 'copy');
    }, sync));
    // The same copies as one batch (cuda_baseline.py's row of the same name).
    const dsts = Array.from({ length: K }, (_, i) => B + i * S);
    const srcs = Array.from({ length: K }, (_, i) => A + i * S);
    const sizes = new Array<number>(K).fill(S);
    const attrs = [{ srcAccessOrder: cu.CU_MEMCPY_SRC_ACCESS_ORDER_STREAM }];
    add(`cuMemcpyBatchAsync ${K} x ${S} B`, 2 * K * S, await time(reps, () => check(cu.cuMemcpyBatchAsync(dsts, srcs, sizes, K, attrs, [0], 1, s), 'batch'), sync));
  }
  const [, pinned] = cu.cuMemAllocHost(N);
  const pageable = new Uint8Array(N);
  const hreps = Math.max(1, reps >> 2);
  add('cuMemcpyHtoD pinned', N, await time(hreps, () => check(cu.cuMemcpyHtoDAsync(A, pinned!, N, s), 'htod'), sync));
  add('cuMemcpyDtoH pinned', N, await time(hreps, () => check(cu.cuMemcpyDtoHAsync(pinned!, A, N, s), 'dtoh'), sync));
  add('cuMemcpyHtoD pageable', N, await time(hreps, () => check(cu.cuMemcpyHtoDAsync(A, pageable, N, s), 'htod'), sync));
  add('cuMemcpyDtoH pageable', N, await time(hreps, () => check(cu.cuMemcpyDtoHAsync(pageable, A, N, s), 'dtoh'), sync));

  // Latency of a small operation: a 4-byte memset and a wait, against WebGPU's 4-byte clearBuffer and
  // onSubmittedWorkDone on the same device (medians and p99 over 1000 round trips after 100 warm-ups).
  const lat = async (label: string, once: () => Promise<void>) => {
    const ts: number[] = [];
    for (let i = 0; i < 1100; i++) {
      const t = performance.now();
      await once();
      if (i >= 100) ts.push(performance.now() - t);
    }
    ts.sort((x, y) => x - y);
    const med = ts[ts.length >> 1] / 1e3;
    const p99 = ts[Math.floor(ts.length * 0.99)] / 1e3;
    add(`${label}, median`, 4, med);
    add(`${label}, p99`, 4, p99);
  };
  await lat('WebGPU clearBuffer 4 B + onSubmittedWorkDone', async () => {
    native((e) => e.clearBuffer(pa, 0, 4))();
    await nsync();
  });
  await lat('cuMemsetD8 4 B + cuStreamSynchronize', async () => {
    check(cu.cuMemsetD8Async(A, 1, 4, s), 'memset');
    await sync();
  });

  cu.cuMemFreeHost(pinned!);
  cu.cuMemFree(A);
  cu.cuMemFree(B);
  cu.cuStreamDestroy(s!);
  pa.destroy();
  pb.destroy();
  return rows;
}
