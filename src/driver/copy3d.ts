// cuMemcpy2D, cuMemcpy2DUnaligned, cuMemcpy2DAsync, cuMemcpy3D, cuMemcpy3DAsync: a CUDA_MEMCPY2D or
// CUDA_MEMCPY3D object (C field names, absent fields 0/null) becomes one copy descriptor for the engine.
// Addressing is the reference text's: the first byte of each side is base + Z·pitch·height + Y·pitch + X.

import { CU_MEMORYTYPE_ARRAY, CU_MEMORYTYPE_DEVICE, CU_MEMORYTYPE_HOST, CU_MEMORYTYPE_UNIFIED } from '../core/constants.js';
import type { Endpoint } from '../core/copy/desc.js';
import { span } from '../core/copy/desc.js';
import { CUDA_ERROR_INVALID_VALUE, CUDA_ERROR_NOT_SUPPORTED, CUDA_SUCCESS } from '../core/errors.js';
import { copyError, deviceEndpoint, hostEndpoint } from '../core/pointers.js';
import type { Context, Stream } from '../core/state.js';
import { isHost, isPtr, isSize } from '../core/validate.js';
import { callAsync, callSync, type Plan } from './call.js';

/** CUDA_MEMCPY2D (webcu: host pointers are ArrayBufferViews; arrays come with the arrays issue). */
export interface CUDA_MEMCPY2D {
  srcXInBytes?: number;
  srcY?: number;
  srcMemoryType?: number;
  srcHost?: ArrayBufferView | null;
  srcDevice?: number | ArrayBufferView;
  srcArray?: unknown;
  srcPitch?: number;
  dstXInBytes?: number;
  dstY?: number;
  dstMemoryType?: number;
  dstHost?: ArrayBufferView | null;
  dstDevice?: number | ArrayBufferView;
  dstArray?: unknown;
  dstPitch?: number;
  WidthInBytes?: number;
  Height?: number;
}

/** CUDA_MEMCPY3D: CUDA_MEMCPY2D's fields plus Z, LOD (must be 0), rows per slice and Depth. */
export interface CUDA_MEMCPY3D extends CUDA_MEMCPY2D {
  srcZ?: number;
  srcLOD?: number;
  srcHeight?: number;
  dstZ?: number;
  dstLOD?: number;
  dstHeight?: number;
  Depth?: number;
}

/** One side of the copy, read once from the user's object. */
interface Side {
  x: unknown;
  y: unknown;
  z: unknown;
  lod: unknown;
  type: unknown;
  host: unknown;
  device: unknown;
  pitch: unknown;
  height: unknown;
}

/** Reads a side's fields once each (absent: 0); a getter may answer differently on a second read. */
function readSide(p: Record<string, unknown>, pre: 'src' | 'dst', threeD: boolean): Side {
  const get = (k: string) => p[pre + k] ?? 0;
  return {
    x: get('XInBytes'),
    y: get('Y'),
    z: threeD ? get('Z') : 0,
    lod: threeD ? get('LOD') : 0,
    type: get('MemoryType'),
    host: get('Host'),
    device: get('Device'),
    pitch: get('Pitch'),
    height: threeD ? get('Height') : 0,
  };
}

/**
 * A side as an endpoint for a copy of `w` × `h` × `d` bytes, or the CUDA error. `maxPitch`: the largest
 * pitch cuMemcpy2D accepts (CU_DEVICE_ATTRIBUTE_MAX_PITCH).
 */
function endpoint(ctx: Context, s: Side, w: number, h: number, d: number, write: boolean): [number, Endpoint | undefined] {
  const bad: [number, undefined] = [CUDA_ERROR_INVALID_VALUE, undefined];
  if (!isSize(s.x) || !isSize(s.y) || !isSize(s.z) || !isSize(s.pitch) || !isSize(s.height) || s.lod !== 0) return bad;
  if (s.type === CU_MEMORYTYPE_ARRAY) return [CUDA_ERROR_NOT_SUPPORTED, undefined];
  // One row needs no pitch ("if specified"); rows must not overlap, and slices hold their rows.
  const pitch = s.pitch === 0 && h === 1 && d === 1 ? s.x + w : s.pitch;
  if (pitch < s.x + w || pitch > ctx.dev.maxBinding) return bad;
  if (d > 1 && s.height < s.y + h) return bad;
  const slicePitch = pitch * s.height;
  const start = s.z * slicePitch + s.y * pitch + s.x;
  const n = span({ widthBytes: w, height: h, depth: d }, pitch, slicePitch);
  if (!Number.isSafeInteger(start + n)) return bad;
  const base = s.type === CU_MEMORYTYPE_HOST ? s.host : s.type === CU_MEMORYTYPE_DEVICE || s.type === CU_MEMORYTYPE_UNIFIED ? s.device : undefined;
  if (base === undefined) return bad;
  // A unified address is a device pointer or host memory; host memory is an ArrayBufferView.
  if (isHost(base) && s.type !== CU_MEMORYTYPE_DEVICE) {
    if (start + n > base.byteLength) return bad;
    const view = subview(base, start, n);
    const e = view && hostEndpoint(view, n, write, pitch, slicePitch);
    return e ? [CUDA_SUCCESS, e] : bad;
  }
  if (!isPtr(base) || s.type === CU_MEMORYTYPE_HOST) return bad;
  return deviceEndpoint(ctx, base + start, n, pitch, slicePitch);
}

/** Bytes [start, start + n) of a view, or undefined when its buffer is detached. */
function subview(v: ArrayBufferView, start: number, n: number): Uint8Array | undefined {
  try {
    return new Uint8Array(v.buffer, v.byteOffset + start, n);
  } catch {
    return undefined;
  }
}

/** The plan of a CUDA_MEMCPY2D (`is3D` false) or CUDA_MEMCPY3D copy. */
function plan(ctx: Context, pCopy: unknown, is3D: unknown): Plan {
  const threeD = is3D === true;
  if (typeof pCopy !== 'object' || pCopy === null) return CUDA_ERROR_INVALID_VALUE;
  const p = pCopy as Record<string, unknown>;
  const src = readSide(p, 'src', threeD);
  const dst = readSide(p, 'dst', threeD);
  const w = p.WidthInBytes ?? 0;
  const h = p.Height ?? 0;
  const d = threeD ? (p.Depth ?? 0) : 1;
  if (!isSize(w) || !isSize(h) || !isSize(d)) return CUDA_ERROR_INVALID_VALUE;
  // A zero extent succeeds and touches nothing, before any other check (hip-tests record this for CUDA).
  if (w === 0 || h === 0 || d === 0) return CUDA_SUCCESS;
  const [es, s] = endpoint(ctx, src, w, h, d, false);
  const [ed, t] = endpoint(ctx, dst, w, h, d, true);
  if (es || ed) return copyError(es, ed);
  return { src: s!, dst: t!, extent: { widthBytes: w, height: h, depth: d } };
}

type S = Stream | null;

export const cuMemcpy2D = (pCopy: CUDA_MEMCPY2D) => callSync(plan, pCopy, false);
/** webcu has no alignment restriction on 2D copies, so this is cuMemcpy2D. */
export const cuMemcpy2DUnaligned = (pCopy: CUDA_MEMCPY2D) => callSync(plan, pCopy, false);
export const cuMemcpy2DAsync = (pCopy: CUDA_MEMCPY2D, hStream: S) => callAsync(hStream, plan, pCopy, false);
export const cuMemcpy3D = (pCopy: CUDA_MEMCPY3D) => callSync(plan, pCopy, true);
export const cuMemcpy3DAsync = (pCopy: CUDA_MEMCPY3D, hStream: S) => callAsync(hStream, plan, pCopy, true);
