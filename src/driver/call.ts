// The one call wrapper every copy and memset uses: the current context, the stream, validation (a plan
// that is a CUDA error or the work to enqueue), and for synchronous calls the wait.

import { CUDA_SUCCESS } from '../core/errors.js';
import type { Op } from '../core/recorder.js';
import { Context, current, enqueue, resolveStream, Stream } from '../core/state.js';

/**
 * A validated call: its CUDA error, or the work — `run` enqueues through the `enqueue` it is given and
 * returns the last op (null: nothing to do). `async`: the caller may reuse pageable memory at once.
 */
export type Plan = [number, ((enqueue: (op: Op) => Op, async: boolean) => Op | null) | null];

/** An `*Async` call: enqueues the planned work on `hStream` and returns at once. */
export function callAsync(hStream: unknown, plan: (ctx: Context) => Plan): number {
  const [e, ctx] = current();
  if (e) return e;
  const [es, s] = resolveStream(ctx, hStream);
  if (es) return es;
  const [ep, run] = plan(ctx);
  if (ep) return ep;
  run?.(onStream(ctx, s), true);
  return CUDA_SUCCESS;
}

/** A synchronous call: enqueues the planned work on the default stream and resolves when it is done. */
export async function callSync(plan: (ctx: Context) => Plan): Promise<number> {
  const [e, ctx] = current();
  if (e) return e;
  // Waiting for WebGPU's answer about new memory first lets a synchronous call report OUT_OF_MEMORY itself.
  if (ctx.dev.rec.holding) await ctx.dev.rec.settled();
  const [ep, run] = plan(ctx);
  if (ep || !run) return ep;
  const op = run(onStream(ctx, null), false);
  if (op) await ctx.dev.rec.wait(ctx.dev.rec.after(op));
  return current()[0];
}

const onStream = (ctx: Context, s: Stream | null) => (op: Op) => enqueue(ctx, s, op);
