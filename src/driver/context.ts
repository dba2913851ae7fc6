// Contexts: handles on a device. Contexts of one device share its heaps and its queue, so pointers
// from one are valid in another (as peer access within one GPU). The current context is the top of
// a stack, as in CUDA's per-thread context stack (JavaScript has one thread).

import { CU_CTX_FLAGS_MASK } from '../core/constants.js';
import {
  CUDA_ERROR_INVALID_CONTEXT,
  CUDA_ERROR_INVALID_VALUE,
  CUDA_SUCCESS,
} from '../core/errors.js';
import { Context, current, initialized, isHandle, state } from '../core/state.js';
import { isUint } from '../core/validate.js';
import { deviceFor } from './device.js';

/**
 * Frees what a context owns: its allocations, streams and events. The context stack is the caller's
 * business (cuCtxDestroy pops, cuDevicePrimaryCtxRelease does not).
 */
function teardown(ctx: Context): void {
  ctx.destroyed = true;
  const dev = ctx.dev;
  for (const s of ctx.streams) s.destroyed = true;
  for (const e of ctx.events) e.destroyed = true;
  ctx.streams.clear();
  ctx.events.clear();
  for (const a of dev.space.all().filter((a) => a.owner === ctx)) {
    dev.space.remove(a);
    dev.rec.afterSubmitted(() => dev.space.release(a));
  }
}

/**
 * cuCtxCreate(flags, dev), or CUDA 13's cuCtxCreate(ctxCreateParams, flags, dev) with params null.
 * Creates a context and makes it current.
 */
export async function cuCtxCreate(...args: unknown[]): Promise<[number, Context | null]> {
  const [flags, dev] = args.length >= 3 ? [args[1], args[2]] : [args[0], args[1]];
  if (args.length >= 3 && args[0] !== null && args[0] !== undefined) return [CUDA_ERROR_INVALID_VALUE, null];
  const e0 = initialized();
  if (e0) return [e0, null];
  if (!isUint(flags) || (flags & ~CU_CTX_FLAGS_MASK) !== 0) return [CUDA_ERROR_INVALID_VALUE, null];
  const [e, d] = deviceFor(dev);
  if (e) return [e, null];
  const ctx = new Context(d, flags, false);
  state.stack.push(ctx);
  return [CUDA_SUCCESS, ctx];
}

const liveContext = (ctx: unknown): ctx is Context => isHandle(Context, ctx) && !ctx.destroyed;

/**
 * A context that may be made current: a live one, or a primary context even while inactive (its handle
 * stays valid; calls made while it is current report CUDA_ERROR_CONTEXT_IS_DESTROYED until it is retained).
 */
const currentable = (ctx: unknown): ctx is Context => isHandle(Context, ctx) && (!ctx.destroyed || ctx.primary);

export function cuCtxDestroy(ctx: Context): number {
  const e = initialized();
  if (e) return e;
  if (!liveContext(ctx) || ctx.primary) return CUDA_ERROR_INVALID_CONTEXT;
  teardown(ctx);
  state.stack = state.stack.filter((c) => c !== ctx);
  return CUDA_SUCCESS;
}

export function cuCtxSetCurrent(ctx: Context | null): number {
  const e = initialized();
  if (e) return e;
  if (ctx === null || ctx === undefined) {
    state.stack.pop();
    return CUDA_SUCCESS;
  }
  if (!currentable(ctx)) return CUDA_ERROR_INVALID_CONTEXT;
  if (state.stack.length) state.stack[state.stack.length - 1] = ctx;
  else state.stack.push(ctx);
  return CUDA_SUCCESS;
}

export function cuCtxGetCurrent(): [number, Context | null] {
  const e = initialized();
  if (e) return [e, null];
  return [CUDA_SUCCESS, state.stack[state.stack.length - 1] ?? null];
}

export function cuCtxPushCurrent(ctx: Context): number {
  const e = initialized();
  if (e) return e;
  if (!currentable(ctx)) return CUDA_ERROR_INVALID_CONTEXT;
  state.stack.push(ctx);
  return CUDA_SUCCESS;
}

export function cuCtxPopCurrent(): [number, Context | null] {
  const e = initialized();
  if (e) return [e, null];
  const ctx = state.stack.pop();
  return ctx ? [CUDA_SUCCESS, ctx] : [CUDA_ERROR_INVALID_CONTEXT, null];
}

export function cuCtxGetDevice(): [number, number] {
  const [e, ctx] = current();
  return e ? [e, 0] : [CUDA_SUCCESS, ctx.dev.ordinal];
}

/** Resolves when all work enqueued in the current context has completed. */
export async function cuCtxSynchronize(): Promise<number> {
  const [e, ctx] = current();
  if (e) return e;
  await ctx.dev.rec.wait();
  return current()[0];
}

/**
 * Retains the device's primary context (it is not made current, as in CUDA). Retaining it after its last
 * release makes the same handle active again, with nothing of its former allocations, streams or events.
 */
export async function cuDevicePrimaryCtxRetain(dev: number): Promise<[number, Context | null]> {
  const [e, d] = deviceFor(dev);
  if (e) return [e, null];
  d.primary ??= new Context(d, 0, true);
  d.primary.destroyed = false;
  d.primaryRefs++;
  return [CUDA_SUCCESS, d.primary];
}

/**
 * Releases a reference; the last one frees the primary context's resources (CUDA: "The context is
 * automatically reset once the last reference to it is released"). Unlike cuCtxDestroy it never pops
 * the context stack ("this method does not pop the context from stack in any circumstances").
 */
export function cuDevicePrimaryCtxRelease(dev: number): number {
  const [e, d] = deviceFor(dev);
  if (e) return e;
  if (d.primaryRefs === 0 || !d.primary) return CUDA_ERROR_INVALID_CONTEXT;
  if (--d.primaryRefs === 0) teardown(d.primary);
  return CUDA_SUCCESS;
}
