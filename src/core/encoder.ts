// A submission: one command encoder and the memory its commands use — compute passes and dispatches,
// bind groups, parameter slots, staged uploads, readback buffers, timestamps — plus the host steps
// that run, in op order, when it completes. The recorder (./recorder.ts) opens, submits and completes
// submissions; staging memory comes from ./staging.ts.

import { grid, type AutoKernel, type Kernel } from './kernels.js';
import { settle, type Recorder } from './recorder.js';
import { PARAM_CHUNK, STAGING_CHUNK, STAGING_USAGE } from './staging.js';

/** A uniform buffer of dispatch parameter slots, filled on the host and written before the submit. */
interface ParamChunk {
  buffer: GPUBuffer;
  bytes: Uint8Array;
  used: number;
}

const PARAM_SLOT = 256;
const MAX_TIMESTAMPS = 64;

/** One submission: a command encoder plus the staging, parameter and readback memory it uses. */
export class Submission {
  /** Made by the first command: a submission that records none (a queue write's) submits no command buffer. */
  private enc: GPUCommandEncoder | null = null;
  private pass: GPUComputePassEncoder | null = null;
  private params: ParamChunk | null = null;
  private upload: { buffer: GPUBuffer; bytes: Uint8Array; used: number } | null = null;
  /** Staging buffers written through their mapping, unmapped when the submission is finished. */
  private readonly mappedUploads: GPUBuffer[] = [];
  /** The readback buffer being filled; every readback buffer of the submission, in order. */
  private readback: { buffer: GPUBuffer; size: number; used: number } | null = null;
  private readonly readbacks: GPUBuffer[] = [];
  /**
   * Host-side steps run in op order when the submission completes: readback deliveries, host memsets,
   * host-to-host copies, event times, frees. One ordered list keeps CUDA's stream order on the host.
   */
  readonly completions: (() => void)[] = [];
  /** The readback buffers' bytes, in order, while the completions run (null when the submission failed). */
  mapped: ArrayBuffer[] | null = null;
  readonly trash: { destroy(): void }[] = [];
  /** Staging and readback buffers that go back to the recorder's pool when the submission completes. */
  readonly recycle: GPUBuffer[] = [];
  private querySet: GPUQuerySet | null = null;
  private timestamps: ((ns: number) => void)[] = [];
  staged = 0;
  /** Large ops (Op.flush) recorded into it. */
  large = 0;
  /** Whether a queue write (Recorder.written) belongs to it. */
  wrote = false;

  constructor(
    readonly rec: Recorder,
    readonly serial: number,
  ) {
  }

  private get encoder(): GPUCommandEncoder {
    return (this.enc ??= this.rec.device.createCommandEncoder({ label: `webcu submission ${this.serial}` }));
  }

  private endPass(): void {
    this.pass?.end();
    this.pass = null;
  }

  /**
   * Work a producer keeps open to extend (a list of small copies): it is recorded before any other
   * command, so the submission's commands keep their call order.
   */
  private deferred: (() => void) | null = null;
  /** The open list the deferred work belongs to (owned by its producer). */
  openList: unknown = null;

  defer(record: () => void, list: unknown): void {
    this.flushDeferred();
    this.deferred = record;
    this.openList = list;
  }

  private flushDeferred(): void {
    const f = this.deferred;
    this.deferred = null;
    this.openList = null;
    if (f) settle(f, undefined);
  }

  /**
   * Records one dispatch of `kernel` over `groups` workgroups, laid out as `grid(groups)` or as `layout`
   * when given (kernels find their grid width in their params); buffers[i] binds to binding i + 1 (null
   * leaves it out).
   */
  dispatch(kernel: Kernel, params: Uint32Array, buffers: (GPUBufferBinding | null)[], groups: number, layout?: [number, number]): void {
    if (groups <= 0) return;
    for (const b of buffers) if (b) this.rec.usable(b.buffer);
    this.flushDeferred();
    const [gx, gy] = layout ?? grid(groups);
    this.rec.dispatches++;
    const dev = this.rec.device;
    if (!this.params || this.params.used + PARAM_SLOT > PARAM_CHUNK) {
      this.flushParams();
      // Pooled, so the next submission binds the same buffer and finds its bind groups cached.
      const buffer = this.rec.staging.pooled(PARAM_CHUNK, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
      this.params = { buffer, bytes: this.rec.staging.paramBytes, used: 0 };
      this.recycle.push(buffer);
    }
    const slot = this.params.used;
    this.params.bytes.set(new Uint8Array(params.buffer, params.byteOffset, params.byteLength), slot);
    this.params.used += PARAM_SLOT;
    const key = `${kernel.id}|${this.rec.bufferId(this.params.buffer)}|${buffers
      .map((b) => (b ? `${this.rec.bufferId(b.buffer)}:${b.offset ?? 0}:${b.size ?? -1}` : '-'))
      .join('|')}`;
    let group = this.rec.groups.get(key);
    if (!group) {
      group = dev.createBindGroup({
        layout: kernel.layout,
        entries: [
          { binding: 0, resource: { buffer: this.params.buffer, size: kernel.paramBytes } },
          ...buffers.flatMap((resource, i) => (resource ? [{ binding: i + 1, resource }] : [])),
        ],
      });
      this.rec.cacheGroup(key, group);
    }
    this.pass ??= this.encoder.beginComputePass();
    this.pass.setPipeline(kernel.pipeline);
    this.pass.setBindGroup(0, group, [slot]);
    this.pass.dispatchWorkgroups(gx, gy);
  }

  /**
   * Records one dispatch of an 'auto'-layout kernel over `groups` workgroups, binding `entries` (made
   * into a bind group here: no driver module creates GPU objects; cached like dispatch's, as the tables
   * and scratch they bind come from pools and recur from call to call).
   */
  dispatchAuto(kernel: AutoKernel, entries: { binding: number; resource: GPUBufferBinding }[], groups: number): void {
    if (groups <= 0) return;
    for (const e of entries) this.rec.usable(e.resource.buffer);
    this.flushDeferred();
    let key = `a${kernel.id}`;
    for (const { binding, resource: r } of entries) key += `|${binding}:${this.rec.bufferId(r.buffer)}:${r.offset ?? 0}:${r.size ?? -1}`;
    let group = this.rec.groups.get(key);
    if (!group) {
      group = this.rec.device.createBindGroup({ layout: kernel.layout, entries });
      this.rec.cacheGroup(key, group);
    }
    const [gx, gy] = grid(groups);
    this.rec.dispatches++;
    this.pass ??= this.encoder.beginComputePass();
    this.pass.setPipeline(kernel.pipeline);
    this.pass.setBindGroup(0, group);
    this.pass.dispatchWorkgroups(gx, gy);
  }

  copy(src: GPUBuffer, srcOffset: number, dst: GPUBuffer, dstOffset: number, size: number): void {
    if (size <= 0) return;
    this.rec.usable(src);
    this.rec.usable(dst);
    this.flushDeferred();
    this.endPass();
    this.encoder.copyBufferToBuffer(src, srcOffset, dst, dstOffset, size);
  }

  /** Zeros `size` bytes (a multiple of 4) at `offset` (a multiple of 4) of `buffer`. */
  clear(buffer: GPUBuffer, offset: number, size: number): void {
    this.rec.usable(buffer);
    this.flushDeferred();
    this.endPass();
    this.encoder.clearBuffer(buffer, offset, size);
  }

  /** A storage buffer of at least `size` bytes from the recorder's pool, returned to it after the submission. */
  pooledStorage(size: number): GPUBuffer {
    const buffer = this.rec.staging.pooled(Math.max(256, 2 ** Math.ceil(Math.log2(size))), GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST);
    this.recycle.push(buffer);
    return buffer;
  }

  /** A storage buffer of at least `size` bytes kept across submissions under `name` (reused in queue order). */
  keptStorage(name: string, size: number): GPUBuffer {
    // COPY_SRC: tests read the piece tables back (test/node/inflate-large.test.ts).
    return this.rec.staging.kept(this, name, size, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC);
  }

  /**
   * `data` in a new storage buffer kept under `name` (Staging.replaceKept: the one it replaces is freed with
   * this submission), written on the queue before the submission's commands: a table that later
   * submissions bind again, read only.
   */
  keptData(name: string, data: Uint32Array): GPUBuffer {
    const buffer = this.rec.staging.replaceKept(this, name, data.byteLength, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST);
    this.rec.device.queue.writeBuffer(buffer, 0, data as Uint32Array<ArrayBuffer>);
    return buffer;
  }

  /** `data` in a pooled storage buffer (written on the queue before the submission's commands), as its binding. */
  storage(data: Uint32Array): GPUBufferBinding {
    const buffer = this.pooledStorage(data.byteLength);
    this.rec.device.queue.writeBuffer(buffer, 0, data as Uint32Array<ArrayBuffer>);
    return { buffer, size: Math.max(4, data.byteLength) };
  }

  /** Writes the parameter slots recorded so far into their uniform buffer (before the submit). */
  private flushParams(): void {
    const p = this.params;
    if (p && p.used) this.rec.device.queue.writeBuffer(p.buffer, 0, p.bytes as Uint8Array<ArrayBuffer>, 0, p.used);
  }

  /**
   * Copies host bytes into this submission's staging memory now; returns where they are (offset 16-byte
   * aligned). Staging buffers are MAP_WRITE buffers the pool keeps mapped, written through their mapping
   * (one memcpy, no writeBuffer copy inside WebGPU; any view, SharedArrayBuffer too) and unmapped when
   * the submission is finished, before its commands run.
   */
  stage(bytes: Uint8Array): { buffer: GPUBuffer; offset: number } {
    const at = this.reserve(bytes.byteLength);
    this.upload!.bytes.set(bytes, at.offset);
    return at;
  }

  /** Stages `n` bytes (a multiple of 4) of the 32-bit `pattern` repeated, as `stage` does: the source of a small fill. */
  stagePattern(n: number, pattern: number): { buffer: GPUBuffer; offset: number } {
    const at = this.reserve(n);
    const bytes = this.upload!.bytes;
    new Uint32Array(bytes.buffer, bytes.byteOffset + at.offset, n / 4).fill(pattern);
    return at;
  }

  /** Room for `size` bytes in this submission's mapped staging memory (16-byte aligned). */
  private reserve(size: number): { buffer: GPUBuffer; offset: number } {
    const n = Math.ceil(size / 16) * 16;
    if (!this.upload || this.upload.used + n > this.upload.bytes.byteLength) {
      const chunk = Math.max(STAGING_CHUNK, n);
      const buffer = this.rec.staging.pooled(chunk, STAGING_USAGE);
      this.upload = { buffer, bytes: new Uint8Array(buffer.getMappedRange()), used: 0 };
      this.mappedUploads.push(buffer);
      this.recycle.push(buffer);
      this.staged += chunk;
    }
    const offset = this.upload.used;
    this.upload.used += n;
    return { buffer: this.upload.buffer, offset };
  }

  /**
   * Copies [offset, offset + size) of `src` (both multiples of 4) into this submission's readback buffer;
   * `deliver` receives the bytes once the submission has completed.
   */
  read(src: GPUBuffer, offset: number, size: number, deliver: (bytes: Uint8Array) => void): void {
    this.rec.usable(src);
    const n = Math.ceil(size / 8) * 8;
    if (!this.readback || this.readback.used + n > this.readback.size) {
      // Another readback buffer, as uploads take another staging chunk: readbacks back to back share a
      // submission (one onSubmittedWorkDone; their buffers are mapped together) up to the recorder's
      // quarter ring, instead of one submission per buffer.
      const cap = Math.max(this.rec.staging.readbackMin, n);
      const buffer = this.rec.staging.pooled(cap, GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST);
      this.readback = { buffer, size: cap, used: 0 };
      this.readbacks.push(buffer);
      this.recycle.push(buffer);
      this.staged += cap;
    }
    const k = this.readbacks.length - 1;
    const at = this.readback.used;
    this.readback.used += n;
    this.copy(src, offset, this.readback.buffer, at, size);
    this.completions.push(() => {
      if (this.mapped) deliver(new Uint8Array(this.mapped[k], at, size));
    });
  }

  /** Nothing recorded into it: no command, no queue write, no host step. */
  get empty(): boolean {
    return !this.enc && !this.wrote && this.completions.length === 0;
  }

  /**
   * Ends the submission with a timestamp whose time also goes to every listener added to the returned
   * list before the submission completes; null when no timestamp fits.
   */
  stampEnd(): ((ns: number) => void)[] | null {
    if (!this.rec.timestamps || this.timestamps.length === MAX_TIMESTAMPS) return null;
    const listeners: ((ns: number) => void)[] = [];
    this.timestamp((ns) => {
      for (const f of listeners) f(ns);
    });
    return listeners;
  }

  /** Records a GPU timestamp at this point of the submission (host time at completion where unsupported). */
  timestamp(deliver: (ns: number) => void): void {
    this.flushDeferred();
    if (!this.rec.timestamps) {
      this.completions.push(() => deliver(performance.now() * 1e6));
      return;
    }
    // Nothing recorded here since the submission before was submitted for large work: the stream got
    // here when that work ended, not when this submission starts, a submission boundary later.
    if (this.empty && this.rec.afterFlushed(deliver)) return;
    if (this.timestamps.length === MAX_TIMESTAMPS) {
      this.rec.submit();
      this.rec.open().timestamp(deliver);
      return;
    }
    this.querySet ??= this.rec.staging.querySet(MAX_TIMESTAMPS);
    this.endPass();
    const i = this.timestamps.length;
    this.timestamps.push(deliver);
    this.encoder.beginComputePass({ timestampWrites: { querySet: this.querySet, beginningOfPassWriteIndex: i } }).end();
  }

  /** Ends recording: resolves timestamps, unmaps staging, and returns the command buffer (null: no command). */
  finish(): GPUCommandBuffer | null {
    this.flushDeferred();
    this.endPass();
    const q = this.querySet;
    if (q) {
      const n = this.timestamps.length;
      // Pooled, as the query set is: a timed event or a flushed submission's end stamp creates nothing.
      const resolve = this.rec.staging.pooled(MAX_TIMESTAMPS * 8, GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC);
      this.recycle.push(resolve);
      this.encoder.resolveQuerySet(q, 0, n, resolve, 0);
      const stamps = this.timestamps;
      this.read(resolve, 0, n * 8, (bytes) => {
        const v = new BigInt64Array(bytes.slice().buffer);
        stamps.forEach((d, i) => d(Number(v[i])));
      });
      this.completions.push(() => this.rec.staging.keepQuerySet(q));
    }
    this.flushParams();
    for (const buf of this.mappedUploads) buf.unmap();
    this.upload = null;
    return this.enc?.finish() ?? null;
  }

  get readbackBuffers(): readonly GPUBuffer[] {
    return this.readbacks;
  }
}

