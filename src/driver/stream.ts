// Streams and events. Every stream of a device feeds the device's one recorder (../core/recorder.ts),
// which keeps stream order, the legacy default stream's synchronization with blocking streams and
// cuStreamWaitEvent, while a stream that waits for staging memory holds up no other. A stream remembers
// its last op, an event the op it was recorded after.

import { CU_EVENT_DISABLE_TIMING, CU_EVENT_INTERPROCESS, CU_STREAM_NON_BLOCKING } from '../core/constants.js';
import {
  CUDA_ERROR_INVALID_HANDLE,
  CUDA_ERROR_INVALID_VALUE,
  CUDA_ERROR_NOT_READY,
  CUDA_SUCCESS,
} from '../core/errors.js';
import type { Point, Recorder } from '../core/recorder.js';
import { current, enqueue, Event, isHandle, resolveStream, Stream } from '../core/state.js';
import { isUint } from '../core/validate.js';

export function cuStreamCreate(Flags: number): [number, Stream | null] {
  const [e, ctx] = current();
  if (e) return [e, null];
  if (!isUint(Flags) || (Flags & ~CU_STREAM_NON_BLOCKING) !== 0) return [CUDA_ERROR_INVALID_VALUE, null];
  const s = new Stream(ctx, Flags);
  ctx.streams.add(s);
  return [CUDA_SUCCESS, s];
}

/** cuStreamCreateWithPriority: priorities are accepted and ignored (one queue). */
export function cuStreamCreateWithPriority(flags: number, priority: number): [number, Stream | null] {
  if (!Number.isInteger(priority)) return [CUDA_ERROR_INVALID_VALUE, null];
  return cuStreamCreate(flags);
}

export function cuStreamDestroy(hStream: Stream): number {
  const [e, ctx] = current();
  if (e) return e;
  if (!isHandle(Stream, hStream)) return CUDA_ERROR_INVALID_HANDLE;
  const [es] = resolveStream(ctx, hStream);
  if (es) return es;
  // Work already enqueued still runs, as in CUDA.
  hStream.destroyed = true;
  hStream.ctx.streams.delete(hStream);
  return CUDA_SUCCESS;
}

/**
 * The point a wait on this stream waits for: the stream's last op, or for the legacy default stream
 * everything enqueued (more than CUDA asks, which leaves out non-blocking streams).
 */
function lastOf(s: Stream | null, rec: Recorder): Point | null {
  return s ? s.last : rec.point();
}

export function cuStreamQuery(hStream: Stream | null): number {
  const [e, ctx] = current();
  if (e) return e;
  const [es, s] = resolveStream(ctx, hStream);
  if (es) return es;
  return ctx.dev.rec.isDone(lastOf(s, ctx.dev.rec)) ? CUDA_SUCCESS : CUDA_ERROR_NOT_READY;
}

export async function cuStreamSynchronize(hStream: Stream | null): Promise<number> {
  const [e, ctx] = current();
  if (e) return e;
  const [es, s] = resolveStream(ctx, hStream);
  if (es) return es;
  await ctx.dev.rec.wait(lastOf(s, ctx.dev.rec));
  return current()[0];
}

export function cuEventCreate(Flags: number): [number, Event | null] {
  const [e, ctx] = current();
  if (e) return [e, null];
  if (!isUint(Flags) || (Flags & ~0x7) !== 0) return [CUDA_ERROR_INVALID_VALUE, null];
  if (Flags & CU_EVENT_INTERPROCESS && !(Flags & CU_EVENT_DISABLE_TIMING)) return [CUDA_ERROR_INVALID_VALUE, null];
  const ev = new Event(ctx, Flags);
  ctx.events.add(ev);
  return [CUDA_SUCCESS, ev];
}

/** An event not destroyed, by cuEventDestroy or with its context. */
const liveEvent = (ev: unknown): ev is Event => isHandle(Event, ev) && !ev.destroyed;

export function cuEventRecord(hEvent: Event, hStream: Stream | null = null): number {
  const [e, ctx] = current();
  if (e) return e;
  if (!liveEvent(hEvent) || hEvent.ctx.dev !== ctx.dev) return CUDA_ERROR_INVALID_HANDLE;
  const [es, s] = resolveStream(ctx, hStream);
  if (es) return es;
  const ev = hEvent;
  ev.time = undefined;
  const timed = !(ev.flags & CU_EVENT_DISABLE_TIMING);
  if (timed) ctx.dev.rec.timing = true;
  const seq = enqueue(ctx, s, {
    staging: timed ? 8 : 0,
    encode: (b) => {
      if (timed) b.timestamp((ns) => (ev.time = ns));
    },
  });
  ev.point = ctx.dev.rec.at(seq);
  return CUDA_SUCCESS;
}

/**
 * Makes all future work on `hStream` wait for the work `hEvent` was last recorded after (nothing when it
 * was never recorded). The event may belong to another context or device. Flags must be 0
 * (CU_EVENT_WAIT_DEFAULT).
 */
export function cuStreamWaitEvent(hStream: Stream | null, hEvent: Event, Flags: number): number {
  const [e, ctx] = current();
  if (e) return e;
  const [es, s] = resolveStream(ctx, hStream);
  if (es) return es;
  if (!liveEvent(hEvent)) return CUDA_ERROR_INVALID_HANDLE;
  if (Flags !== 0) return CUDA_ERROR_INVALID_VALUE;
  if (hEvent.point) ctx.dev.rec.follow(hEvent.point, s);
  return CUDA_SUCCESS;
}

export function cuEventQuery(hEvent: Event): number {
  const [e] = current();
  if (e) return e;
  if (!liveEvent(hEvent)) return CUDA_ERROR_INVALID_HANDLE;
  // The event's own device's work, whichever context is current.
  return (hEvent.point ? hEvent.point.rec.isDone(hEvent.point) : true) ? CUDA_SUCCESS : CUDA_ERROR_NOT_READY;
}

export async function cuEventSynchronize(hEvent: Event): Promise<number> {
  const [e] = current();
  if (e) return e;
  if (!liveEvent(hEvent)) return CUDA_ERROR_INVALID_HANDLE;
  if (hEvent.point) await hEvent.point.rec.wait(hEvent.point);
  return current()[0];
}

/** Milliseconds between two completed events (GPU timestamps where the adapter has them). */
export function cuEventElapsedTime(hStart: Event, hEnd: Event): [number, number] {
  const [e] = current();
  if (e) return [e, 0];
  if (!liveEvent(hStart) || !liveEvent(hEnd)) return [CUDA_ERROR_INVALID_HANDLE, 0];
  if ((hStart.flags | hEnd.flags) & CU_EVENT_DISABLE_TIMING) return [CUDA_ERROR_INVALID_HANDLE, 0];
  if (!hStart.point || !hEnd.point) return [CUDA_ERROR_INVALID_HANDLE, 0];
  if (!hStart.point.rec.isDone(hStart.point) || !hEnd.point.rec.isDone(hEnd.point)) return [CUDA_ERROR_NOT_READY, 0];
  if (hStart.time === undefined || hEnd.time === undefined) return [CUDA_ERROR_NOT_READY, 0];
  return [CUDA_SUCCESS, (hEnd.time - hStart.time) / 1e6];
}

export function cuEventDestroy(hEvent: Event): number {
  const [e] = current();
  if (e) return e;
  if (!liveEvent(hEvent)) return CUDA_ERROR_INVALID_HANDLE;
  hEvent.destroyed = true;
  hEvent.ctx.events.delete(hEvent);
  return CUDA_SUCCESS;
}
