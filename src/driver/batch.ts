// Batch copies: cuMemcpyBatchAsync and cuMemcpy3DBatchAsync (CUDA 13 forms, without failIdx). Every
// argument is checked — and every field the caller passes read once, into locals — before anything is
// enqueued, so an error leaves all memory untouched. The copies then go to the copy engine as one batch
// (core/copy/engine.ts `batch`): one unit on its stream, in no order among themselves.

import {
  CU_MEM_LOCATION_TYPE_HOST_NUMA_CURRENT,
  CU_MEMCPY_FLAG_PREFER_OVERLAP_WITH_COMPUTE,
  CU_MEMCPY_OPERAND_TYPE_ARRAY,
  CU_MEMCPY_OPERAND_TYPE_POINTER,
  CU_MEMCPY_SRC_ACCESS_ORDER_ANY,
  CU_MEMCPY_SRC_ACCESS_ORDER_DURING_API_CALL,
  CU_MEMCPY_SRC_ACCESS_ORDER_STREAM,
  CU_STREAM_LEGACY,
} from '../core/constants.js';
import { type CopyDesc, type Endpoint, span } from '../core/copy/desc.js';
import { BufferPairs } from '../core/copy/batch.js';
import { frozen } from '../core/copy/engine.js';
import { CUDA_ERROR_INVALID_VALUE, CUDA_ERROR_NOT_SUPPORTED, CUDA_ERROR_OUT_OF_MEMORY, CUDA_SUCCESS } from '../core/errors.js';
import { copyError, PointerRun, unifiedEndpoint } from '../core/pointers.js';
import type { Context, Stream } from '../core/state.js';
import { isSize, isUint } from '../core/validate.js';
import { callAsync, type Plan } from './call.js';
import type { Ptr } from './copy.js';

/** CUmemLocation: where an operand lives (a hint, ignored for memory with a fixed location). */
export interface CUmemLocation {
  type: number;
  id: number;
}

export interface CUmemcpyAttributes {
  srcAccessOrder: number;
  srcLocHint?: CUmemLocation;
  dstLocHint?: CUmemLocation;
  flags?: number;
}

/** CUmemcpy3DOperand; rowLength and layerHeight in elements (bytes for pointers), 0: tightly packed. */
export interface CUmemcpy3DOperand {
  type: number;
  op: {
    ptr?: { ptr: Ptr; rowLength?: number; layerHeight?: number; locHint?: CUmemLocation };
    array?: { array: unknown; offset?: { x: number; y: number; z: number } };
  };
}

export interface CUDA_MEMCPY3D_BATCH_OP {
  src: CUmemcpy3DOperand;
  dst: CUmemcpy3DOperand;
  extent: { width: number; height: number; depth: number };
  srcAccessOrder: number;
  flags?: number;
}

type S = Stream | null;

/** Reads a field once; an object that is no object has none. */
const field = (o: unknown, k: string): unknown => (typeof o === 'object' && o !== null ? (o as Record<string, unknown>)[k] : undefined);

/** The legacy NULL stream (null, 0, CU_STREAM_LEGACY), which batch copies must not be given. */
const isLegacy = (s: unknown) => s === null || s === undefined || s === 0 || s === CU_STREAM_LEGACY;

const isOrder = (o: unknown) => o === CU_MEMCPY_SRC_ACCESS_ORDER_STREAM || o === CU_MEMCPY_SRC_ACCESS_ORDER_DURING_API_CALL || o === CU_MEMCPY_SRC_ACCESS_ORDER_ANY;
/** Only CU_MEMCPY_FLAG_PREFER_OVERLAP_WITH_COMPUTE is defined (a hint: every copy here overlaps alike). */
const isCopyFlags = (f: unknown) => f === undefined || (isUint(f) && (f & ~CU_MEMCPY_FLAG_PREFER_OVERLAP_WITH_COMPUTE) === 0);

/** A location hint: absent (all zero), or a CUmemLocationType of CUDA 13.0 with an int id. */
function isLocation(l: unknown): boolean {
  if (l === undefined) return true;
  if (typeof l !== 'object' || l === null) return false;
  const type = field(l, 'type');
  const id = field(l, 'id');
  return isUint(type) && type <= CU_MEM_LOCATION_TYPE_HOST_NUMA_CURRENT && (id === undefined || (Number.isInteger(id) && Math.abs(id as number) < 2 ** 31));
}

/** A validated attribute set: whether sources are read during the call. */
function attributes(a: unknown): boolean | undefined {
  if (typeof a !== 'object' || a === null) return undefined;
  const order = field(a, 'srcAccessOrder');
  const src = field(a, 'srcLocHint');
  const dst = field(a, 'dstLocHint');
  const flags = field(a, 'flags');
  if (!isOrder(order) || !isLocation(src) || !isLocation(dst) || !isCopyFlags(flags)) return undefined;
  return order === CU_MEMCPY_SRC_ACCESS_ORDER_DURING_API_CALL;
}

/**
 * Collects the copies of a batch: `entry(i)` checks copy i and returns its descriptor or its error.
 * INVALID_VALUE (or NOT_SUPPORTED) stops at once; OUT_OF_MEMORY is reported when nothing is invalid.
 */
function collect(count: number, entry: (i: number) => [number, CopyDesc | undefined]): [number, CopyDesc[]] {
  const descs: CopyDesc[] = [];
  let late = CUDA_SUCCESS;
  for (let i = 0; i < count; i++) {
    const [e, d] = entry(i);
    if (e === CUDA_ERROR_OUT_OF_MEMORY) late = e;
    else if (e) return [e, []];
    else descs.push(d!);
  }
  return [late, descs];
}

/** The plan of a batch: its descriptors, host sources read during the call frozen now. */
function batchPlan(descs: CopyDesc[], during: boolean[]): Plan {
  return { copies: descs.map((d, i) => (during[i] && d.src.kind === 'host' ? { ...d, src: frozen(d.src, d.extent) } : d)) };
}

/**
 * Checks copies [first, end) of a batch that take one attribute set (`during`: sources read during the
 * call). Copies between two device pointers — the bulk of a large batch — are resolved through a
 * PointerRun per side and go straight into `pairs`, with no object each; copies with a host side become
 * descriptors in `copies`. Returns the first invalid copy's error, else OUT_OF_MEMORY when one names
 * memory WebGPU could not back, else CUDA_SUCCESS.
 */
function entries(
  ctx: Context,
  dsts: readonly Ptr[],
  srcs: readonly Ptr[],
  sizes: readonly number[],
  first: number,
  end: number,
  during: boolean,
  copies: CopyDesc[],
  pairs: BufferPairs,
  dstRun: PointerRun,
  srcRun: PointerRun,
): number {
  let late = CUDA_SUCCESS;
  for (let i = first; i < end; i++) {
    const n = sizes[i];
    if (!isSize(n) || n === 0) return CUDA_ERROR_INVALID_VALUE;
    const dp = dsts[i];
    const sp = srcs[i];
    if (typeof dp === 'number' && typeof sp === 'number') {
      const da = dstRun.find(dp, n);
      const sa = srcRun.find(sp, n);
      if (!da || !sa) return CUDA_ERROR_INVALID_VALUE;
      if (da.backing.failed || sa.backing.failed) late = CUDA_ERROR_OUT_OF_MEMORY;
      else pairs.push1D(sa, sp, da, dp, n);
      continue;
    }
    const [ed, d] = unifiedEndpoint(ctx, dp, n, n, n, true);
    const [es, s] = unifiedEndpoint(ctx, sp, n, n, n, false);
    const e = copyError(ed, es);
    if (e === CUDA_ERROR_OUT_OF_MEMORY) late = e;
    else if (e) return e;
    else {
      const extent = { widthBytes: n, height: 1, depth: 1 };
      copies.push({ src: during && s!.kind === 'host' ? frozen(s!, extent) : s!, dst: d!, extent });
    }
  }
  return late;
}

/**
 * Copies sizes[i] bytes from srcs[i] to dsts[i] for i < count, in no particular order, as one unit of
 * `hStream` (which must not be the legacy NULL stream). attrs[k] applies to the copies from attrsIdxs[k]
 * to the next index (the last one to count - 1); attrsIdxs starts at 0 and rises, numAttrs <= count.
 */
export function cuMemcpyBatchAsync(
  dsts: readonly Ptr[],
  srcs: readonly Ptr[],
  sizes: readonly number[],
  count: number,
  attrs: readonly CUmemcpyAttributes[],
  attrsIdxs: readonly number[],
  numAttrs: number,
  hStream: S,
): number {
  return callAsync(hStream, (ctx): Plan => {
    if (isLegacy(hStream)) return CUDA_ERROR_INVALID_VALUE;
    if (!isSize(count) || count === 0 || !isSize(numAttrs) || numAttrs === 0 || numAttrs > count) return CUDA_ERROR_INVALID_VALUE;
    for (const a of [dsts, srcs, sizes, attrs, attrsIdxs]) if (typeof a !== 'object' || a === null) return CUDA_ERROR_INVALID_VALUE;
    // Which attribute set each copy takes: attrsIdxs[0] = 0, rising, below count.
    const firsts: number[] = [];
    const sets: boolean[] = [];
    for (let k = 0; k < numAttrs; k++) {
      const first = attrsIdxs[k];
      const set = attributes(attrs[k]);
      if (!isSize(first) || first >= count || (k === 0 ? first !== 0 : first <= firsts[k - 1]) || set === undefined) {
        return CUDA_ERROR_INVALID_VALUE;
      }
      firsts.push(first);
      sets.push(set);
    }
    // One loop over the copies, set by set (a batch may hold tens of thousands of small copies).
    const copies: CopyDesc[] = [];
    const pairs = new BufferPairs();
    const dstRun = new PointerRun(ctx.dev.space);
    const srcRun = new PointerRun(ctx.dev.space);
    let late = CUDA_SUCCESS;
    for (let k = 0; k < numAttrs; k++) {
      const end = k + 1 < numAttrs ? firsts[k + 1] : count;
      const e = entries(ctx, dsts, srcs, sizes, firsts[k], end, sets[k], copies, pairs, dstRun, srcRun);
      // Memory WebGPU could not back is reported once nothing is invalid.
      if (e && e !== CUDA_ERROR_OUT_OF_MEMORY) {
        pairs.release();
        return e;
      }
      late ||= e;
    }
    if (late) pairs.release();
    return late || { copies, pairs };
  });
}

/**
 * One operand of a 3D batch copy as an endpoint. Pointers only: CUDA arrays are NOT_SUPPORTED until
 * the arrays issue.
 */
function operand(ctx: Context, o: unknown, w: number, h: number, d: number, write: boolean): [number, Endpoint | undefined] {
  const type = field(o, 'type');
  if (type === CU_MEMCPY_OPERAND_TYPE_ARRAY) return [CUDA_ERROR_NOT_SUPPORTED, undefined];
  if (type !== CU_MEMCPY_OPERAND_TYPE_POINTER) return [CUDA_ERROR_INVALID_VALUE, undefined];
  const ptr = field(field(o, 'op'), 'ptr');
  if (typeof ptr !== 'object' || ptr === null) return [CUDA_ERROR_INVALID_VALUE, undefined];
  const p = field(ptr, 'ptr');
  const rowLength = field(ptr, 'rowLength') ?? 0;
  const layerHeight = field(ptr, 'layerHeight') ?? 0;
  const hint = field(ptr, 'locHint');
  if (!isSize(rowLength) || !isSize(layerHeight) || !isLocation(hint)) return [CUDA_ERROR_INVALID_VALUE, undefined];
  if ((rowLength !== 0 && rowLength < w) || (layerHeight !== 0 && layerHeight < h)) return [CUDA_ERROR_INVALID_VALUE, undefined];
  const pitch = rowLength || w;
  const slice = pitch * (layerHeight || h);
  const n = span({ widthBytes: w, height: h, depth: d }, pitch, slice);
  if (!Number.isSafeInteger(n)) return [CUDA_ERROR_INVALID_VALUE, undefined];
  return unifiedEndpoint(ctx, p, n, pitch, slice, write);
}

/**
 * Performs opList[0 .. numOps) — 3D copies between pointers (element size 1), each with its own pitches
 * and source access order — in no particular order, as one unit of `hStream` (not the legacy NULL
 * stream). `flags` must be 0.
 */
export function cuMemcpy3DBatchAsync(numOps: number, opList: readonly CUDA_MEMCPY3D_BATCH_OP[], flags: number, hStream: S): number {
  return callAsync(hStream, (ctx): Plan => {
    if (isLegacy(hStream)) return CUDA_ERROR_INVALID_VALUE;
    if (!isSize(numOps) || numOps === 0 || (flags !== 0 && (flags as unknown) !== 0n) || typeof opList !== 'object' || opList === null) {
      return CUDA_ERROR_INVALID_VALUE;
    }
    const during: boolean[] = [];
    const [e, descs] = collect(numOps, (i) => {
      const op = opList[i];
      if (typeof op !== 'object' || op === null) return [CUDA_ERROR_INVALID_VALUE, undefined];
      const src = field(op, 'src');
      const dst = field(op, 'dst');
      const extent = field(op, 'extent');
      const order = field(op, 'srcAccessOrder');
      const opFlags = field(op, 'flags');
      const w = field(extent, 'width');
      const h = field(extent, 'height');
      const d = field(extent, 'depth');
      if (!isOrder(order) || !isCopyFlags(opFlags)) return [CUDA_ERROR_INVALID_VALUE, undefined];
      if (!isSize(w) || !isSize(h) || !isSize(d) || w === 0 || h === 0 || d === 0) return [CUDA_ERROR_INVALID_VALUE, undefined];
      const [es, s] = operand(ctx, src, w, h, d, false);
      const [ed, t] = operand(ctx, dst, w, h, d, true);
      // An operand CUDA finds invalid is INVALID_VALUE whatever the other is (as cuMemcpy3D ranks them);
      // then an array operand, which works in CUDA, is NOT_SUPPORTED here until the arrays issue.
      for (const code of [CUDA_ERROR_INVALID_VALUE, CUDA_ERROR_NOT_SUPPORTED]) if (es === code || ed === code) return [code, undefined];
      if (es || ed) return [es || ed, undefined];
      during[i] = order === CU_MEMCPY_SRC_ACCESS_ORDER_DURING_API_CALL;
      return [CUDA_SUCCESS, { src: s!, dst: t!, extent: { widthBytes: w, height: h, depth: d } }];
    });
    return e || batchPlan(descs, during);
  });
}
