// Per-stream queues: a stream whose work waits for staging memory (a 12 MiB ring here) holds up no other
// stream, while CUDA's orderings still hold — stream order, the legacy default stream's implicit
// synchronization with blocking streams (not with CU_STREAM_NON_BLOCKING ones), cuStreamWaitEvent, host
// memory read after an earlier copy writes it, and memory freed while queued work still uses it —
// and cuStreamWaitEvent on work of another device.

import { expect, test } from 'vitest';
import { Recorder } from '../../src/core/recorder.ts';
import { state } from '../../src/core/state.ts';
import { cu, firstDiff, readDevice, rng, startWebcu } from '../shared/webcu.ts';

const OK = cu.CUDA_SUCCESS;
const NOT_READY = cu.CUDA_ERROR_NOT_READY;
const MiB = 2 ** 20;
/**
 * Bytes a starved stream uploads. The ring is 12 MiB, so uploads go in pieces of 3 MiB: the first 9.5
 * MiB leave 2 MiB of the ring free (a piece of half a MiB takes a 1 MiB staging buffer) — room for small
 * uploads and readbacks, not for the next piece: the 20 MiB after wait in their stream's queue.
 */
const FIRST = 9.5 * MiB;
const STARVED = FIRST + 20 * MiB;

const start = () => startWebcu({ stagingBytes: 12 * MiB });

/** Device memory, zeroed (and WebGPU's answer about it received: nothing waits for it later). */
async function alloc(n: number): Promise<number> {
  const [e, p] = cu.cuMemAlloc(n);
  expect(e).toBe(OK);
  expect(await cu.cuMemsetD8(p, 0, n)).toBe(OK);
  return p;
}

function stream(flags = 0): cu.CUstream {
  const [e, s] = cu.cuStreamCreate(flags);
  expect(e).toBe(OK);
  return s!;
}

function event(): cu.CUevent {
  const [e, ev] = cu.cuEventCreate(cu.CU_EVENT_DISABLE_TIMING);
  expect(e).toBe(OK);
  return ev!;
}

function recorded(s: cu.CUstream | null): cu.CUevent {
  const ev = event();
  expect(cu.cuEventRecord(ev, s)).toBe(OK);
  return ev;
}

/**
 * Uploads STARVED random bytes to `p` on `s`, from pageable memory reused at once: the first part fills
 * the ring but for half a MiB, the rest waits for staging in `s`'s queue. Returns the bytes.
 */
function starve(p: number, s: cu.CUstream | null, seed: number): Uint8Array {
  const data = rng(seed).bytes(STARVED);
  const src = data.slice();
  expect(cu.cuMemcpyHtoDAsync(p, src.subarray(0, FIRST), FIRST, s)).toBe(OK);
  expect(cu.cuMemcpyHtoDAsync(p + FIRST, src.subarray(FIRST), STARVED - FIRST, s)).toBe(OK);
  src.fill(0);
  return data;
}

test("a stream waiting for staging holds up neither another stream's device work nor its small upload", async () => {
  await start();
  const a = stream();
  const b = stream();
  const p = await alloc(STARVED);
  const q = await alloc(8192);
  const data = starve(p, a, 1);
  const doneA = recorded(a);
  // Stream B: a device memset, a device copy and a 4 KiB upload from pageable memory, then a readback.
  const small = rng(2).bytes(4096);
  const src = small.slice();
  expect(cu.cuMemsetD32Async(q, 0x01020304, 2048, b)).toBe(OK);
  expect(cu.cuMemcpyHtoDAsync(q + 4096, src, 4096, b)).toBe(OK);
  src.fill(0);
  expect(cu.cuMemcpyDtoDAsync(q, q + 4096, 1000, b)).toBe(OK);
  const out = new Uint8Array(8192);
  expect(cu.cuMemcpyDtoHAsync(out, q, 8192, b)).toBe(OK);
  expect(cu.cuStreamQuery(a)).toBe(NOT_READY);
  // B completes while most of A's upload has not even been staged (it needs several more round trips).
  expect(await cu.cuStreamSynchronize(b)).toBe(OK);
  expect(cu.cuEventQuery(doneA)).toBe(NOT_READY);
  expect(await cu.cuEventSynchronize(doneA)).toBe(OK);
  expect(cu.cuStreamQuery(a)).toBe(OK);
  const want = new Uint8Array(8192);
  new Uint32Array(want.buffer, 0, 1024).fill(0x01020304);
  want.set(small, 4096);
  want.set(small.subarray(0, 1000), 0);
  expect(firstDiff(out, want)).toBe(-1);
  expect(firstDiff(await readDevice(p, STARVED), data)).toBe(-1);
  for (const x of [p, q]) expect(cu.cuMemFree(x)).toBe(OK);
  for (const s of [a, b]) expect(cu.cuStreamDestroy(s)).toBe(OK);
});

test('work queued behind a starved upload keeps its stream order', async () => {
  await start();
  const a = stream();
  const p = await alloc(STARVED);
  const q = await alloc(STARVED);
  const data = starve(p, a, 3);
  // Device work and a readback on the starved stream run after the upload, in call order.
  expect(cu.cuMemcpyDtoDAsync(q, p, STARVED, a)).toBe(OK);
  expect(cu.cuMemsetD8Async(q + 5, 0x77, 100, a)).toBe(OK);
  const out = new Uint8Array(200);
  expect(cu.cuMemcpyDtoHAsync(out, q, 200, a)).toBe(OK);
  expect(cu.cuStreamQuery(a)).toBe(NOT_READY);
  expect(await cu.cuStreamSynchronize(a)).toBe(OK);
  const want = data.slice();
  want.fill(0x77, 5, 105);
  expect(firstDiff(out, want.subarray(0, 200))).toBe(-1);
  expect(firstDiff(await readDevice(q, STARVED), want)).toBe(-1);
  for (const x of [p, q]) expect(cu.cuMemFree(x)).toBe(OK);
  expect(cu.cuStreamDestroy(a)).toBe(OK);
});

test('the legacy stream follows blocking streams and they follow it; a non-blocking stream follows neither', async () => {
  await start();
  const a = stream();
  const b = stream();
  const nb = stream(cu.CU_STREAM_NON_BLOCKING);
  const p = await alloc(STARVED);
  const q = await alloc(STARVED);
  const r = await alloc(STARVED);
  const m = await alloc(256);
  const data = starve(p, a, 4);
  // The legacy stream's copy waits for A's upload; B's copy waits for the legacy copy.
  expect(cu.cuMemcpyDtoDAsync(q, p, STARVED, null)).toBe(OK);
  const legacy = recorded(null);
  expect(cu.cuMemcpyDtoDAsync(r, q, STARVED, b)).toBe(OK);
  // The non-blocking stream goes ahead of all three.
  expect(cu.cuMemsetD8Async(m, 9, 256, nb)).toBe(OK);
  expect(cu.cuStreamQuery(null)).toBe(NOT_READY);
  expect(await cu.cuStreamSynchronize(nb)).toBe(OK);
  expect([cu.cuEventQuery(legacy), cu.cuStreamQuery(b)]).toEqual([NOT_READY, NOT_READY]);
  expect(await cu.cuStreamSynchronize(b)).toBe(OK);
  expect(cu.cuEventQuery(legacy)).toBe(OK);
  expect(cu.cuStreamQuery(null)).toBe(OK);
  expect(firstDiff(await readDevice(r, STARVED), data)).toBe(-1);
  expect(Array.from(await readDevice(m, 4))).toEqual([9, 9, 9, 9]);
  // A synchronous copy runs on the legacy stream: it follows work queued on a blocking stream.
  const data2 = starve(p, a, 5);
  const head = new Uint8Array(16);
  expect(await cu.cuMemcpyDtoH(head, p + STARVED - 16, 16)).toBe(OK);
  expect(Array.from(head)).toEqual(Array.from(data2.subarray(STARVED - 16)));
  for (const x of [p, q, r, m]) expect(cu.cuMemFree(x)).toBe(OK);
  for (const s of [a, b, nb]) expect(cu.cuStreamDestroy(s)).toBe(OK);
});

test('cuStreamWaitEvent makes a stream follow work queued on another', async () => {
  await start();
  const a = stream();
  const b = stream(cu.CU_STREAM_NON_BLOCKING);
  const p = await alloc(STARVED);
  const q = await alloc(STARVED);
  const data = starve(p, a, 6);
  const ev = recorded(a);
  expect(cu.cuStreamWaitEvent(b, ev, 0)).toBe(OK);
  // The wait is work of B: B is not done before A's upload is.
  expect(cu.cuStreamQuery(b)).toBe(NOT_READY);
  expect(cu.cuMemcpyDtoDAsync(q, p, STARVED, b)).toBe(OK);
  expect(await cu.cuStreamSynchronize(b)).toBe(OK);
  expect(cu.cuEventQuery(ev)).toBe(OK);
  expect(firstDiff(await readDevice(q, STARVED), data)).toBe(-1);
  // An event never recorded is waited for at once; flags other than 0 and bad handles are errors.
  const fresh = event();
  expect(cu.cuStreamWaitEvent(b, fresh, 0)).toBe(OK);
  expect(cu.cuStreamQuery(b)).toBe(OK);
  expect(cu.cuStreamWaitEvent(b, fresh, 1)).toBe(cu.CUDA_ERROR_INVALID_VALUE);
  expect(cu.cuStreamWaitEvent(b, {} as cu.CUevent, 0)).toBe(cu.CUDA_ERROR_INVALID_HANDLE);
  expect(cu.cuStreamWaitEvent({} as cu.CUstream, ev, 0)).toBe(cu.CUDA_ERROR_INVALID_HANDLE);
  // The legacy stream waits for an event of a non-blocking stream.
  const data2 = starve(p, b, 7);
  expect(cu.cuStreamWaitEvent(null, recorded(b), 0)).toBe(OK);
  expect(cu.cuMemcpyDtoDAsync(q, p, STARVED, null)).toBe(OK);
  expect(await cu.cuStreamSynchronize(null)).toBe(OK);
  expect(firstDiff(await readDevice(q, STARVED), data2)).toBe(-1);
  for (const x of [p, q]) expect(cu.cuMemFree(x)).toBe(OK);
  for (const s of [a, b]) expect(cu.cuStreamDestroy(s)).toBe(OK);
  for (const e of [ev, fresh]) expect(cu.cuEventDestroy(e)).toBe(OK);
});

test('an upload from host memory that a queued readback writes reads what the readback wrote', async () => {
  await start();
  const a = stream();
  const b = stream(cu.CU_STREAM_NON_BLOCKING);
  const p = await alloc(STARVED);
  const q = await alloc(4096);
  const data = starve(p, a, 8);
  const [, h] = cu.cuMemAllocHost(4096);
  h!.fill(1);
  // The readback waits behind A's upload; B's upload of the same host bytes, enqueued after it, waits for it.
  expect(cu.cuMemcpyDtoHAsync(h!, p + STARVED - 4096, 4096, a)).toBe(OK);
  expect(cu.cuMemcpyHtoDAsync(q, h!, 4096, b)).toBe(OK);
  expect(await cu.cuCtxSynchronize()).toBe(OK);
  expect(firstDiff(await readDevice(q, 4096), data.subarray(STARVED - 4096))).toBe(-1);
  expect(cu.cuMemFreeHost(h!)).toBe(OK);
  for (const x of [p, q]) expect(cu.cuMemFree(x)).toBe(OK);
  for (const s of [a, b]) expect(cu.cuStreamDestroy(s)).toBe(OK);
});

test('memory freed while a queued upload still writes it is reused only after that upload', async () => {
  await start();
  const a = stream();
  const b = stream(cu.CU_STREAM_NON_BLOCKING);
  const p = await alloc(STARVED);
  starve(p, a, 9);
  expect(cu.cuMemFree(p)).toBe(OK);
  // A new allocation, filled at once on another stream, is never overwritten by the old upload (a
  // synchronous call on the legacy stream would wait for A: not here).
  const [e, q] = cu.cuMemAlloc(STARVED);
  expect(e).toBe(OK);
  expect(cu.cuMemsetD8Async(q, 0x3c, STARVED, b)).toBe(OK);
  expect(await cu.cuCtxSynchronize()).toBe(OK);
  const got = await readDevice(q, STARVED);
  expect(firstDiff(got, new Uint8Array(STARVED).fill(0x3c))).toBe(-1);
  expect(cu.cuMemFree(q)).toBe(OK);
  for (const s of [a, b]) expect(cu.cuStreamDestroy(s)).toBe(OK);
});

test("cuStreamWaitEvent on another device's event waits for that work to complete", async () => {
  await start();
  // A second recorder on the GPU stands for another device (one adapter here): its work is held back
  // until `release` (as while WebGPU answers about new memory), then lands a host step.
  const dev = state.devices[0];
  const other = new Recorder(dev.gpuDevice, 4 * MiB, () => {});
  let release!: () => void;
  other.hold(new Promise<void>((r) => (release = r)));
  const order: string[] = [];
  const seq = other.enqueue({ staging: 0, encode: (b) => b.completions.push(() => order.push('other device')) });
  const ev = event();
  ev.point = other.at(seq);
  const s = stream(cu.CU_STREAM_NON_BLOCKING);
  const p = await alloc(64);
  expect(cu.cuStreamWaitEvent(s, ev, 0)).toBe(OK);
  expect(cu.cuMemsetD8Async(p, 5, 64, s)).toBe(OK);
  const out = new Uint8Array(64);
  expect(cu.cuMemcpyDtoHAsync(out, p, 64, s)).toBe(OK);
  // Work on the legacy stream completes meanwhile; the stream does not.
  expect(await cu.cuMemsetD8(p, 1, 1)).toBe(OK);
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 1));
  expect([cu.cuEventQuery(ev), cu.cuStreamQuery(s), out[0]]).toEqual([NOT_READY, NOT_READY, 0]);
  release();
  expect(await cu.cuStreamSynchronize(s)).toBe(OK);
  expect(order).toEqual(['other device']);
  expect(cu.cuEventQuery(ev)).toBe(OK);
  expect(firstDiff(out, new Uint8Array(64).fill(5))).toBe(-1);
  expect(cu.cuMemFree(p)).toBe(OK);
  expect(cu.cuStreamDestroy(s)).toBe(OK);
});

test('a small fill written through the queue lands after submitted work and before work recorded after it, never before open work', async () => {
  await start();
  const a = stream();
  const n = MiB;
  const p = await alloc(n);
  const q = await alloc(n);
  const r = await alloc(n);
  const data = rng(9).bytes(n);
  expect(await cu.cuMemcpyHtoD(p, data, n)).toBe(OK);
  for (let round = 0; round < 4; round++) {
    expect(cu.cuMemcpyDtoDAsync(q, p, n, a)).toBe(OK);
    // The query submits the copy: nothing is open, so the fill below is a queue write. Without it the
    // copy is still open, and a queue write would land before it.
    if (round < 2) cu.cuStreamQuery(a);
    expect(cu.cuMemsetD8Async(q + 8 + round * 4, 0x5a + round, 4096, a)).toBe(OK);
    expect(cu.cuMemcpyDtoDAsync(r, q, n, a)).toBe(OK);
    const out = new Uint8Array(n);
    expect(cu.cuMemcpyDtoHAsync(out, r, n, a)).toBe(OK);
    expect(await cu.cuStreamSynchronize(a)).toBe(OK);
    const want = data.slice();
    want.fill(0x5a + round, 8 + round * 4, 8 + round * 4 + 4096);
    expect(firstDiff(out, want)).toBe(-1);
  }
  // A fill right after a synchronous call (everything done) is visible to the next synchronous read.
  expect(cu.cuMemsetD32Async(q, 0xa1b2c3d4, 16, a)).toBe(OK);
  expect(await cu.cuStreamSynchronize(a)).toBe(OK);
  const words = new Uint32Array(16);
  expect(await cu.cuMemcpyDtoH(words, q, 64)).toBe(OK);
  expect([...words]).toEqual(new Array(16).fill(0xa1b2c3d4));
  for (const x of [p, q, r]) expect(cu.cuMemFree(x)).toBe(OK);
  expect(cu.cuStreamDestroy(a)).toBe(OK);
});

test('an event recorded right after large work that was submitted at once is timed at the end of that work', async () => {
  await start();
  const s = stream();
  const n = 64 * MiB; // large work: submitted at once
  const p = await alloc(n);
  const timed = () => {
    const [e, ev] = cu.cuEventCreate(0);
    expect(e).toBe(OK);
    expect(cu.cuEventRecord(ev!, s)).toBe(OK);
    return ev!;
  };
  const e0 = timed();
  expect(cu.cuMemsetD8Async(p, 0, n, s)).toBe(OK);
  // Nothing recorded in between: both take the end of the memset's submission, which is on the GPU
  // already; the next submission goes when this task ends, after 200 ms.
  const e1 = timed();
  const e2 = timed();
  for (const t = performance.now(); performance.now() - t < 200; );
  expect(cu.cuMemsetD8Async(p, 1, 4096, s)).toBe(OK);
  const e3 = timed();
  expect(await cu.cuEventSynchronize(e3)).toBe(OK);
  for (const e of [e0, e1, e2]) expect(cu.cuEventQuery(e)).toBe(OK);
  const ms = (a: cu.CUevent, b: cu.CUevent) => {
    const [r, t] = cu.cuEventElapsedTime(a, b);
    expect(r).toBe(OK);
    return t!;
  };
  expect(ms(e0, e1)).toBeGreaterThan(0);
  expect(ms(e0, e1)).toBeLessThan(100);
  expect(ms(e1, e2)).toBe(0);
  expect(ms(e0, e3)).toBeGreaterThan(150);
  expect(firstDiff(await readDevice(p, 8192), new Uint8Array(8192).fill(1, 0, 4096))).toBe(-1);
  for (const e of [e0, e1, e2, e3]) expect(cu.cuEventDestroy(e)).toBe(OK);
  expect(cu.cuMemFree(p)).toBe(OK);
  expect(cu.cuStreamDestroy(s)).toBe(OK);
});
