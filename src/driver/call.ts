// The one call wrapper every copy and memset uses: the current context, the stream, validation (a plan
// that is a CUDA error or the work to hand the copy engine), and for synchronous calls the wait.

import type { Work } from '../core/copy/desc.js';
import { CUDA_ERROR_CONTEXT_IS_DESTROYED, CUDA_ERROR_INVALID_HANDLE, CUDA_ERROR_INVALID_VALUE, CUDA_SUCCESS } from '../core/errors.js';
import { type Context, current, resolveStream, type Stream } from '../core/state.js';

/** A validated call: its CUDA error (CUDA_SUCCESS: nothing to do), or the work for the copy engine. */
export type Plan = number | Work;

/**
 * Validates a call's arguments in the current context. Calls pass a module-level function and their
 * arguments rather than a closure made per call: thousands of small copies a frame come through here,
 * and a new closure each time makes every call site megamorphic.
 */
export type Planner = (ctx: Context, a?: unknown, b?: unknown, c?: unknown, d?: unknown, e?: unknown, f?: unknown) => Plan;

/**
 * CUDA's error for what the caller's getters undid while a call read its arguments, else CUDA_SUCCESS:
 * the context or the stream destroyed, or device memory freed (`removals`: AddressSpace.removals before
 * the call read them), which the call may have looked up already and would then write into after the
 * free gave it back.
 */
export function undone(ctx: Context, s: Stream | null, removals: number): number {
  if (ctx.destroyed) return CUDA_ERROR_CONTEXT_IS_DESTROYED;
  if (s?.destroyed) return CUDA_ERROR_INVALID_HANDLE;
  return ctx.dev.space.removals === removals ? CUDA_SUCCESS : CUDA_ERROR_INVALID_VALUE;
}

/** The plan of a call on stream `s`, or its error (`undone`'s too). */
function planned(ctx: Context, s: Stream | null, plan: Planner, a: unknown, b: unknown, c: unknown, d: unknown, e: unknown, f: unknown): Plan {
  const removals = ctx.dev.space.removals;
  const w = plan(ctx, a, b, c, d, e, f);
  return typeof w === 'number' ? w : undone(ctx, s, removals) || w;
}

/** An `*Async` call: enqueues the planned work on `hStream` and returns at once. */
export function callAsync(hStream: unknown, plan: Planner, a?: unknown, b?: unknown, c?: unknown, d?: unknown, e?: unknown, f?: unknown): number {
  const [ec, ctx] = current();
  if (ec) return ec;
  const [es, s] = resolveStream(ctx, hStream);
  if (es) return es;
  const w = planned(ctx, s, plan, a, b, c, d, e, f);
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
  const w = planned(ctx, null, plan, a, b, c, d, e, f);
  if (typeof w === 'number') return w;
  const seq = ctx.dev.engine.run(w, false, null);
  if (seq) await ctx.dev.rec.wait(ctx.dev.rec.at(seq));
  return current()[0];
}
