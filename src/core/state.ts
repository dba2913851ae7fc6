// Driver state shared by the driver modules: the devices cuInit found, contexts, and the current-context
// stack. Every driver call starts with `current()` or `initialized()` to get its CUDA error early.

import { AddressSpace } from './address-space.js';
import { CU_STREAM_LEGACY, CU_STREAM_NON_BLOCKING, CU_STREAM_PER_THREAD } from './constants.js';
import {
  CUDA_ERROR_CONTEXT_IS_DESTROYED,
  CUDA_ERROR_INVALID_CONTEXT,
  CUDA_ERROR_INVALID_HANDLE,
  CUDA_ERROR_NOT_INITIALIZED,
  CUDA_SUCCESS,
} from './errors.js';
import { Kernels } from './kernels.js';
import { LZ_PIECE } from './shaders.js';
import { Lane, Op, Point, Recorder } from './recorder.js';
import { CopyEngine } from './copy/engine.js';
import { Transfers } from './transfer.js';

/** cuInit's options (a webcu extension). cuInit checks each one (src/driver/init.ts): a bad one is
 *  CUDA_ERROR_INVALID_VALUE. Absent or undefined fields take their defaults. */
export interface InitOptions {
  /** The WebGPU entry point (navigator.gpu, or `create()` of the `webgpu` package in Node). */
  gpu?: GPU;
  /** An adapter to use instead of requesting one. */
  adapter?: GPUAdapter;
  /** A device the page already has: webcu adopts it instead of requesting its own. */
  device?: GPUDevice;
  /** Bytes cuMemGetInfo reports as total, and the most webcu will hold in device memory (≥ 1 MiB). */
  memoryBudget?: number;
  /** Bound of the host staging memory in flight (default 64 MiB, at least 1 MiB). */
  stagingBytes?: number;
  /**
   * Largest storage binding webcu uses (default: the device's limit). Lower it (≥ 8 MiB) to exercise
   * the windowed paths that buffers larger than one binding take.
   */
  maxStorageBinding?: number;
}

export class Device {
  readonly space: AddressSpace;
  readonly rec: Recorder;
  readonly kernels: Kernels;
  readonly xfer: Transfers;
  readonly engine: CopyEngine;
  readonly maxBinding: number;
  primary: Context | null = null;
  primaryRefs = 0;
  lost = 0;
  /** CUmemDecompressAlgorithm bits the decoders support: Deflate | Snappy | LZ4. */
  readonly decompressMask = 1 | 2 | 4;
  /**
   * Deflate operations of more capacity than this are decoded in pieces that start at block boundaries
   * (src/driver/decompress.ts encodeInflatePieces). On an H200 (BENCHMARKS.md, session 12, GPU ms per 256
   * MiB) the pieces take 40-44 ms of text and 54-58 of x86 code whatever the operation size; one workgroup
   * per operation takes 21 / 30 ms at 256 KiB but 57 / 94 at 1 MiB and 211 / 329 at 4 MiB. Tests lower it
   * to reach the pieces with small streams, or make it Infinity for the one-workgroup reference.
   */
  deflatePiecedMin = 512 * 1024;
  /**
   * Tests only: false builds the Deflate pieces' `whole` pass without its second decode, so that an
   * operation its pieces did not decode keeps wrong results: tests of valid streams then see the pieces work.
   */
  deflateRedecode = true;
  /**
   * Spill bytes a large Deflate operation's pieces get per 4 KiB segment of its source, as a multiple of
   * its mean output per segment (src/driver/decompress.ts segCap). Tests lower it to make pieces overflow.
   */
  deflateSpill = 2.5;
  /**
   * Least output bytes of an LZ4 or Snappy piece (shaders/lz_scan.wgsl SUB), per format: an operation in
   * pieces gets ceil(capacity / lzPiece) slots. Tests lower it to cut small streams into many pieces.
   */
  lzPiece = { ...LZ_PIECE };

  /**
   * The WebGPU entry point cuInit was given, kept for the process's life: dawn.node tears its instance
   * down when the object `create()` returned is garbage-collected, even while a device made from it is
   * in use, and a caller's own reference may be dead to V8 long before its program ends.
   */
  readonly gpu: GPU | null;

  constructor(
    readonly ordinal: number,
    readonly adapter: GPUAdapter | null,
    readonly gpuDevice: GPUDevice,
    readonly name: string,
    opts: InitOptions,
  ) {
    this.gpu = opts.gpu ?? null;
    const gpu = gpuDevice;
    const lim = gpu.limits;
    // cuInit has validated the options (src/driver/init.ts).
    const cap = opts.maxStorageBinding ?? Infinity;
    this.maxBinding = Math.floor(Math.min(lim.maxStorageBufferBindingSize, lim.maxBufferSize, 2 ** 31, cap) / 256) * 256;
    const maxHeap = Math.min(this.maxBinding, 256 * 2 ** 20);
    const budget = opts.memoryBudget ?? defaultBudget(lim.maxBufferSize);
    this.rec = new Recorder(gpu, opts.stagingBytes ?? 64 * 2 ** 20, (code) => (this.lost ||= code));
    this.space = new AddressSpace(gpu, budget, maxHeap, lim.maxBufferSize, () => this.rec.staging.internalBytes, this.rec);
    this.kernels = new Kernels(gpu);
    this.xfer = new Transfers(this.kernels, this.maxBinding);
    this.engine = new CopyEngine(this.rec, this.xfer);
  }
}

/**
 * WebGPU does not tell how much memory a GPU has; without a configured budget webcu assumes four of the
 * largest buffers, between 1 and 64 GiB.
 */
function defaultBudget(maxBufferSize: number): number {
  return Math.min(64 * 2 ** 30, Math.max(2 ** 30, 4 * maxBufferSize));
}

/** Every handle webcu made, with its class: `made.get(v)` never runs user code, unlike `instanceof` (whose
 *  prototype walk throws on a revoked Proxy) or a property read, and a Proxy of a handle is no handle. */
const made = new WeakMap<object, Function>();

/** True when `v` is a handle of class `cls` that webcu made (whatever `v` is). */
export function isHandle<T extends object>(cls: abstract new (...args: never[]) => T, v: unknown): v is T {
  return made.get(v as object) === cls;
}

export class Context {
  /**
   * Its resources are gone: destroyed by cuCtxDestroy, or a primary context whose last reference was
   * released (inactive until it is retained again; the handle stays valid).
   */
  destroyed = false;
  readonly streams = new Set<Stream>();
  readonly events = new Set<Event>();
  constructor(
    readonly dev: Device,
    readonly flags: number,
    readonly primary: boolean,
  ) {
    made.set(this, Context);
  }
}

export class Stream implements Lane {
  destroyed = false;
  /** Position of the stream's last op in its recorder (0: none yet); see `last`. */
  lastSeq = 0;
  /** Its ops waiting to be encoded (for staging memory, or for work they follow). */
  readonly queue: Op[] = [];
  /** CU_STREAM_NON_BLOCKING: not synchronized with the legacy default stream. */
  readonly nonBlocking: boolean;
  constructor(
    readonly ctx: Context,
    readonly flags: number,
  ) {
    this.nonBlocking = (flags & CU_STREAM_NON_BLOCKING) !== 0;
    made.set(this, Stream);
  }

  /** The point after the stream's last op (made on demand: enqueueing stays allocation-free). */
  get last(): Point | null {
    return this.lastSeq ? { rec: this.ctx.dev.rec, seq: this.lastSeq } : null;
  }
}

export class Event {
  destroyed = false;
  /** The point it was recorded at (null: never recorded). */
  point: Point | null = null;
  /** GPU (or host) time in ns when the recorded point completed. */
  time: number | undefined;
  constructor(
    readonly ctx: Context,
    readonly flags: number,
  ) {
    made.set(this, Event);
  }
}

export const state = {
  initialized: false,
  devices: [] as Device[],
  stack: [] as Context[],
};

export function initialized(): number {
  return state.initialized ? CUDA_SUCCESS : CUDA_ERROR_NOT_INITIALIZED;
}

/** The current context, or the CUDA error a call made now must return. */
export function current(): [number, Context] {
  if (!state.initialized) return [CUDA_ERROR_NOT_INITIALIZED, null as unknown as Context];
  const ctx = state.stack[state.stack.length - 1];
  if (!ctx) return [CUDA_ERROR_INVALID_CONTEXT, null as unknown as Context];
  if (ctx.destroyed) return [CUDA_ERROR_CONTEXT_IS_DESTROYED, ctx];
  return [ctx.dev.lost, ctx];
}

/**
 * Resolves a CUstream argument: null, 0, CU_STREAM_LEGACY and CU_STREAM_PER_THREAD are the default
 * stream (null here); anything else must be a live stream of the current device.
 */
export function resolveStream(ctx: Context, s: unknown): [number, Stream | null] {
  if (s === null || s === undefined || s === 0 || s === CU_STREAM_LEGACY || s === CU_STREAM_PER_THREAD) return [CUDA_SUCCESS, null];
  if (!isHandle(Stream, s) || s.destroyed || s.ctx.dev !== ctx.dev) return [CUDA_ERROR_INVALID_HANDLE, null];
  return [CUDA_SUCCESS, s];
}

/** Enqueues an op on a stream (null: the legacy default stream) as the stream's last work; returns its position. */
export function enqueue(ctx: Context, stream: Stream | null, op: Op): number {
  return ctx.dev.rec.enqueue(op, stream);
}
