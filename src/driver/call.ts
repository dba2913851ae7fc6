// The one call wrapper every copy and memset uses: the current context, the stream, validation (a plan
// that is a CUDA error or the work to hand the copy engine), and for synchronous calls the wait.

import type { Work } from '../core/copy/desc.js';
import { CUDA_SUCCESS } from '../core/errors.js';
import { Context, current, resolveStream } from '../core/state.js';

/** A validated call: its CUDA error (CUDA_SUCCESS: nothing to do), or the work for the copy engine. */
export type Plan = number | Work;

/**
 * Validates a call's arguments in the current context. Calls pass a module-level function and their
 * arguments rather than a closure made per call: thousands of small copies a frame come through here,
 * and a new closure each time makes every call site megamorphic.
 */
export type Planner = (ctx: Context, a?: unknown, b?: unknown, c?: unknown, d?: unknown, e?: unknown, f?: unknown) => Plan;

/** An `*Async` call: enqueues the planned work on `hStream` and returns at once. */
export function callAsync(hStream: unknown, plan: Planner, a?: unknown, b?: unknown, c?: unknown, d?: unknown, e?: unknown, f?: unknown): number {
  const [ec, ctx] = current();
  if (ec) return ec;
  const [es, s] = resolveStream(ctx, hStream);
  if (es) return es;
  const w = plan(ctx, a, b, c, d, e, f);
  if (typeof w === 'number') return w;
  // `true`: the caller may reuse pageable memory at once.
  ctx.dev.engine.run(w, true, s);
  return CUDA_SUCCESS;
}

/** A synchronous call: enqueues the planned work on the default stream and resolves when it is done. */
export async function callSync(plan: Planner, a?: unknown, b?: unknown, c?: unknown, d?: unknown, e?: unknown, f?: unknown): Promise<number> {
  const [ec, ctx] = current();
  if (ec) return ec;
  // Waiting for WebGPU's answer about new memory first lets a synchronous call report OUT_OF_MEMORY itself.
  if (ctx.dev.rec.holding) await ctx.dev.rec.settled();
  const w = plan(ctx, a, b, c, d, e, f);
  if (typeof w === 'number') return w;
  const seq = ctx.dev.engine.run(w, false, null);
  if (seq) await ctx.dev.rec.wait(ctx.dev.rec.at(seq));
  return current()[0];
}
