// The command recorder: turns driver operations into WebGPU commands in call order and submits them.
//
// All streams of a device feed one GPUQueue through one recorder, so every operation executes in the
// order the host enqueued it (a valid CUDA schedule: stream order holds, and the legacy default stream
// is ordered with everything). Operations are encoded into the open batch as they arrive; a batch is
// submitted at the end of the current JavaScript task, or at once when a caller waits. Host uploads go
// through staging buffers copied by commands in the same encoder, never around it, and all readbacks of
// a batch share one buffer and one mapAsync. Staging memory in flight is bounded by the ring size: an
// operation that does not fit waits (queued, in order) until earlier batches complete.

import { CUDA_ERROR_LAUNCH_FAILED } from './errors.js';
import { grid, Kernel } from './kernels.js';

export interface Op {
  /** Upper bound of the staging bytes (uploads + readbacks) the op takes from the ring. */
  staging: number;
  /** Records the op's commands into the batch. Runs once, in enqueue order. */
  encode(b: Batch): void;
  /** Serial of the batch that holds the op, once encoded. */
  serial?: number;
  /** Position in enqueue order (set by the recorder). */
  seq?: number;
  /** Submit the batch right after this op (large GPU work that should start without waiting). */
  flush?: boolean;
  /** Host bytes the op reads when it is encoded: it waits until every pending host write to them landed. */
  reads?: HostBytes;
  /** Host bytes the op writes when its batch completes (readbacks, host memsets, host-to-host copies). */
  writes?: HostBytes;
}

/** Host memory an op reads or writes: one range, or several (a batch of copies). */
export type HostBytes = Uint8Array | Uint8Array[];

/**
 * Host bytes of one ArrayBuffer that `op` writes when its batch completes: [start, end), and when the op
 * writes several ranges there, their sorted, merged bounds [lo0, hi0, lo1, hi1, ...].
 */
interface HostWrite {
  start: number;
  end: number;
  spans?: number[];
  op: Op;
}

/** The ranges of `v`, by ArrayBuffer, each as sorted and merged bounds [lo0, hi0, lo1, hi1, ...]. */
function byBuffer(v: HostBytes): Map<ArrayBufferLike, number[]> {
  const out = new Map<ArrayBufferLike, [number, number][]>();
  for (const x of Array.isArray(v) ? v : [v]) {
    if (x.byteLength === 0) continue;
    const list = out.get(x.buffer) ?? [];
    list.push([x.byteOffset, x.byteOffset + x.byteLength]);
    out.set(x.buffer, list);
  }
  const merged = new Map<ArrayBufferLike, number[]>();
  for (const [buf, list] of out) {
    list.sort((a, b) => a[0] - b[0]);
    const m: number[] = [];
    for (const [lo, hi] of list) {
      if (m.length && lo <= m[m.length - 1]) m[m.length - 1] = Math.max(m[m.length - 1], hi);
      else m.push(lo, hi);
    }
    merged.set(buf, m);
  }
  return merged;
}

/** Whether two sorted, merged bound lists share a byte. */
function meet(a: number[], b: number[]): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i + 1] <= b[j]) i += 2;
    else if (b[j + 1] <= a[i]) j += 2;
    else return true;
  }
  return false;
}

/** Thrown when an op would record a command on device memory WebGPU could not back. */
export class UnbackedMemory extends Error {}

/** A uniform buffer of dispatch parameter slots, filled on the host and written before the submit. */
interface ParamChunk {
  buffer: GPUBuffer;
  bytes: Uint8Array;
  used: number;
}

const PARAM_CHUNK = 64 * 1024;
const PARAM_SLOT = 256;
const STAGING_CHUNK = 1 << 20;
/** MAP_WRITE | COPY_SRC, as numbers: in Node, GPUBufferUsage may be defined after this module loads. */
const STAGING_USAGE = 0x2 | 0x4;
const MAX_TIMESTAMPS = 64;

/** One submission: a command encoder plus the staging, parameter and readback memory it uses. */
export class Batch {
  readonly encoder: GPUCommandEncoder;
  private pass: GPUComputePassEncoder | null = null;
  private params: ParamChunk | null = null;
  private upload: { buffer: GPUBuffer; bytes: Uint8Array; used: number } | null = null;
  /** Staging buffers written through their mapping, unmapped when the batch is finished. */
  private readonly mappedUploads: GPUBuffer[] = [];
  private readback: { buffer: GPUBuffer; size: number; used: number } | null = null;
  /**
   * Host-side steps run in op order when the batch completes: readback deliveries, host memsets,
   * host-to-host copies, event times, frees. One ordered list keeps CUDA's stream order on the host.
   */
  readonly completions: (() => void)[] = [];
  /** The readback buffer's bytes while the completions run (null when the batch failed). */
  mapped: ArrayBuffer | null = null;
  readonly trash: { destroy(): void }[] = [];
  /** Staging and readback buffers that go back to the recorder's pool when the batch completes. */
  readonly recycle: GPUBuffer[] = [];
  private querySet: GPUQuerySet | null = null;
  private timestamps: ((ns: number) => void)[] = [];
  staged = 0;

  constructor(
    readonly rec: Recorder,
    readonly serial: number,
  ) {
    this.encoder = rec.device.createCommandEncoder({ label: `webcu batch ${serial}` });
  }

  private endPass(): void {
    this.pass?.end();
    this.pass = null;
  }

  /**
   * Work a producer keeps open to extend (a list of small copies): it is recorded before any other
   * command, so the batch's commands keep their call order.
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
   * Records one dispatch of `kernel` over `groups` workgroups, laid out as `grid(groups)` (kernels find
   * their grid width in their params); buffers[i] binds to binding i + 1 (null leaves it out).
   */
  dispatch(kernel: Kernel, params: Uint32Array, buffers: (GPUBufferBinding | null)[], groups: number): void {
    if (groups <= 0) return;
    for (const b of buffers) if (b) this.rec.usable(b.buffer);
    this.flushDeferred();
    const [gx, gy] = grid(groups);
    this.rec.dispatches++;
    const dev = this.rec.device;
    if (!this.params || this.params.used + PARAM_SLOT > PARAM_CHUNK) {
      this.flushParams();
      // Pooled, so the next batch binds the same buffer and finds its bind groups cached.
      const buffer = this.rec.pooled(PARAM_CHUNK, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
      this.params = { buffer, bytes: this.rec.paramBytes, used: 0 };
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

  /** Records a dispatch with a caller-made bind group (kernels without a parameter slot). */
  dispatchGroup(pipeline: GPUComputePipeline, group: GPUBindGroup, groups: number): void {
    if (groups <= 0) return;
    this.flushDeferred();
    const [gx, gy] = grid(groups);
    this.rec.dispatches++;
    this.pass ??= this.encoder.beginComputePass();
    this.pass.setPipeline(pipeline);
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

  /** A storage buffer of at least `size` bytes from the recorder's pool, returned to it after the batch. */
  pooledStorage(size: number): GPUBuffer {
    const buffer = this.rec.pooled(Math.max(256, 2 ** Math.ceil(Math.log2(size))), GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST);
    this.recycle.push(buffer);
    return buffer;
  }

  /** `data` in a pooled storage buffer (written on the queue before the batch's commands), as its binding. */
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
   * Copies host bytes into this batch's staging memory now; returns where they are (offset 16-byte
   * aligned). Staging buffers are MAP_WRITE buffers the pool keeps mapped, written through their mapping
   * (one memcpy, no writeBuffer copy inside WebGPU; any view, SharedArrayBuffer too) and unmapped when
   * the batch is finished, before its commands run.
   */
  stage(bytes: Uint8Array): { buffer: GPUBuffer; offset: number } {
    const n = Math.ceil(bytes.byteLength / 16) * 16;
    if (!this.upload || this.upload.used + n > this.upload.bytes.byteLength) {
      const size = Math.max(STAGING_CHUNK, n);
      const buffer = this.rec.pooled(size, STAGING_USAGE);
      this.upload = { buffer, bytes: new Uint8Array(buffer.getMappedRange()), used: 0 };
      this.mappedUploads.push(buffer);
      this.recycle.push(buffer);
      this.staged += size;
    }
    const offset = this.upload.used;
    this.upload.bytes.set(bytes, offset);
    this.upload.used += n;
    return { buffer: this.upload.buffer, offset };
  }

  /**
   * Copies [offset, offset + size) of `src` (both multiples of 4) into this batch's readback buffer;
   * `deliver` receives the bytes once the batch has completed.
   */
  read(src: GPUBuffer, offset: number, size: number, deliver: (bytes: Uint8Array) => void): void {
    this.rec.usable(src);
    const n = Math.ceil(size / 8) * 8;
    if (!this.readback) {
      const cap = Math.max(STAGING_CHUNK, n);
      const buffer = this.rec.pooled(cap, GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST);
      this.readback = { buffer, size: cap, used: 0 };
      this.recycle.push(buffer);
      this.staged += cap;
    }
    if (this.readback.used + n > this.readback.size) {
      // The readback buffer is full: finish this batch and read into the next one.
      this.rec.submit();
      this.rec.open().read(src, offset, size, deliver);
      return;
    }
    const at = this.readback.used;
    this.readback.used += n;
    this.copy(src, offset, this.readback.buffer, at, size);
    this.completions.push(() => {
      if (this.mapped) deliver(new Uint8Array(this.mapped, at, size));
    });
  }

  /** Records a GPU timestamp at this point of the batch (host time at completion where unsupported). */
  timestamp(deliver: (ns: number) => void): void {
    this.flushDeferred();
    if (!this.rec.timestamps) {
      this.completions.push(() => deliver(performance.now() * 1e6));
      return;
    }
    if (this.timestamps.length === MAX_TIMESTAMPS) {
      this.rec.submit();
      this.rec.open().timestamp(deliver);
      return;
    }
    this.querySet ??= this.rec.device.createQuerySet({ type: 'timestamp', count: MAX_TIMESTAMPS });
    this.endPass();
    const i = this.timestamps.length;
    this.timestamps.push(deliver);
    this.encoder.beginComputePass({ timestampWrites: { querySet: this.querySet, beginningOfPassWriteIndex: i } }).end();
  }

  /** Ends recording: resolves timestamps, unmaps staging, and returns the command buffer. */
  finish(): GPUCommandBuffer {
    this.flushDeferred();
    this.endPass();
    if (this.querySet) {
      const n = this.timestamps.length;
      const resolve = this.rec.device.createBuffer({
        size: n * 8,
        usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC,
      });
      this.trash.push(resolve, this.querySet);
      this.encoder.resolveQuerySet(this.querySet, 0, n, resolve, 0);
      const stamps = this.timestamps;
      this.read(resolve, 0, n * 8, (bytes) => {
        const v = new BigInt64Array(bytes.slice().buffer);
        stamps.forEach((d, i) => d(Number(v[i])));
      });
    }
    this.flushParams();
    for (const buf of this.mappedUploads) buf.unmap();
    this.upload = null;
    return this.encoder.finish();
  }

  get readbackBuffer(): GPUBuffer | null {
    return this.readback?.buffer ?? null;
  }
}

/**
 * Runs an op's encode or a host-side completion step. One that throws (the program detached or
 * transferred the ArrayBuffer it had passed, or the op's device memory could not be backed) loses only
 * its own work: it must not break the chain of batches behind it.
 */
function settle<T>(f: (x: T) => void, x: T): void {
  try {
    f(x);
  } catch (e) {
    console.error('webcu: an operation was dropped:', e instanceof Error ? e.message : e);
  }
}


export class Recorder {
  private batch: Batch | null = null;
  private serial = 0;
  /** Serial of the last batch whose work (and readbacks) completed. */
  completed = 0;
  private readonly inFlight = new Map<number, Promise<void>>();
  private tail: Promise<void> = Promise.resolve();
  private readonly pending: Op[] = [];
  private pumping = false;
  private submitQueued = false;
  private staged = 0;
  private readonly ids = new WeakMap<GPUBuffer, number>();
  private nextId = 1;
  private progress: (() => void)[] = [];
  private readonly keep = new Map<string, GPUBuffer>();
  /**
   * Host copy of the parameter slots being filled: one array for every batch (writeBuffer copies it, and
   * one batch is open at a time), so a small call allocates no 64 KiB array to collect later.
   */
  readonly paramBytes = new Uint8Array(PARAM_CHUNK);
  /** Bind groups by kernel and bound ranges, kept across batches (buffer ids are never reused). */
  readonly groups = new Map<string, GPUBindGroup>();
  private readonly pool = new Map<string, GPUBuffer[]>();
  private pooledBytes = 0;
  private enqueued = 0;
  /** Encoding waits while these are pending (WebGPU's answers about new device memory). */
  private readonly gates = new Set<Promise<void>>();
  private readonly failed = new WeakSet<GPUBuffer>();
  /** Host bytes that pending batches write when they complete, by ArrayBuffer. */
  private readonly hostWrites = new Map<ArrayBufferLike, HostWrite[]>();
  lastOp: Op | null = null;
  readonly timestamps: boolean;
  /** Compute dispatches recorded so far (what tests and benchmarks count). */
  dispatches = 0;

  constructor(
    readonly device: GPUDevice,
    /** Bound of the staging memory in flight. */
    readonly ring: number,
    private readonly onError: (code: number) => void,
  ) {
    this.timestamps = device.features.has('timestamp-query');
  }

  bufferId(b: GPUBuffer): number {
    let id = this.ids.get(b);
    if (id === undefined) this.ids.set(b, (id = this.nextId++));
    return id;
  }

  /** The open batch, creating one if none is open. */
  open(): Batch {
    if (!this.batch) {
      this.batch = new Batch(this, ++this.serial);
    }
    if (!this.submitQueued) {
      this.submitQueued = true;
      queueMicrotask(() => {
        this.submitQueued = false;
        this.submit();
      });
    }
    return this.batch;
  }

  /**
   * True when an op needing `staging` bytes and reading `reads` would be encoded at once (`before`: only
   * host writes of ops enqueued before that position count).
   */
  canEncodeNow(staging: number, reads?: HostBytes, before = Infinity): boolean {
    return this.pending.length === 0 && this.gates.size === 0 && this.fits(staging) && !this.writer(reads, before);
  }

  private fits(staging: number): boolean {
    const inUse = this.staged + (this.batch?.staged ?? 0);
    return staging === 0 || inUse === 0 || inUse + staging <= this.ring;
  }

  enqueue(op: Op): Op {
    this.lastOp = op;
    op.seq = ++this.enqueued;
    if (op.writes) this.noteWrite(op.writes, op);
    // An op that both reads and writes host memory (a batch) waits for earlier writers only.
    if (this.canEncodeNow(op.staging, op.reads, op.seq)) this.encodeOp(op);
    else {
      this.pending.push(op);
      void this.pump();
    }
    return op;
  }

  private encodeOp(op: Op): void {
    const b = this.open();
    // An op reading host memory that was detached since the call loses its own work only.
    settle(op.encode, b);
    op.serial = this.batch!.serial;
    // Big staging users close their batch so that their memory returns to the ring sooner.
    if (op.flush || this.batch!.staged >= this.ring / 4) this.submit();
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.pending.length) {
        const op = this.pending[0];
        if (this.gates.size) {
          await this.settled();
          continue;
        }
        const w = this.writer(op.reads, op.seq);
        if (w) {
          // The op reads host memory an earlier (so already encoded) op writes when its batch completes.
          if (w.serial === this.batch?.serial) this.submit();
          await ((w.serial !== undefined && this.inFlight.get(w.serial)) || this.tail);
          continue;
        }
        if (!this.fits(op.staging)) {
          this.submit();
          const oldest = this.inFlight.values().next().value;
          if (oldest) await oldest;
          continue;
        }
        this.pending.shift();
        this.encodeOp(op);
        this.progress.splice(0).forEach((f) => f());
      }
    } finally {
      this.pumping = false;
      this.progress.splice(0).forEach((f) => f());
    }
  }

  /**
   * Holds encoding until `answer` settles: WebGPU tells asynchronously whether it could back new device
   * memory, and a command on memory it could not back would invalidate its whole submission.
   */
  hold(answer: Promise<unknown>): void {
    const g: Promise<void> = answer.then(
      () => {},
      () => {},
    ).finally(() => this.gates.delete(g));
    this.gates.add(g);
  }

  /** Whether device memory is waiting for WebGPU's answer. */
  get holding(): boolean {
    return this.gates.size > 0;
  }

  /** Resolves once no device memory is waiting for WebGPU's answer. */
  async settled(): Promise<void> {
    while (this.gates.size) await Promise.all(this.gates);
  }

  /** Marks a buffer WebGPU could not back: ops that would record a command on it are dropped. */
  unbacked(buffer: GPUBuffer): void {
    this.failed.add(buffer);
  }

  /** Throws UnbackedMemory for a buffer WebGPU could not back. */
  usable(buffer: GPUBuffer): void {
    if (this.failed.has(buffer)) throw new UnbackedMemory('device memory WebGPU could not back');
  }

  private noteWrite(v: HostBytes, op: Op): void {
    for (const [buf, m] of byBuffer(v)) {
      const list = this.hostWrites.get(buf) ?? [];
      list.push({ start: m[0], end: m[m.length - 1], spans: m.length > 2 ? m : undefined, op });
      this.hostWrites.set(buf, list);
    }
  }

  private landed = (w: HostWrite) => w.op.serial !== undefined && w.op.serial <= this.completed;

  /** The last op enqueued before position `before` whose pending host write overlaps `v`, if any. */
  writer(v?: HostBytes, before = Infinity): Op | undefined {
    if (!v) return undefined;
    let last: Op | undefined;
    for (const [buf, m] of byBuffer(v)) {
      const list = this.hostWrites.get(buf);
      if (!list) continue;
      const start = m[0];
      const end = m[m.length - 1];
      for (let i = list.length - 1; i >= 0; i--) {
        const w = list[i];
        if (last && w.op.seq! <= last.seq!) break;
        if (w.op.seq! >= before || w.end <= start || end <= w.start || this.landed(w)) continue;
        if ((w.spans || m.length > 2) && !meet(w.spans ?? [w.start, w.end], m)) continue;
        last = w.op;
        break;
      }
    }
    return last;
  }

  /** Forgets host writes that have landed. */
  private pruneWrites(): void {
    for (const [buf, list] of this.hostWrites) {
      const left = list.filter((w) => !this.landed(w));
      if (left.length) this.hostWrites.set(buf, left);
      else this.hostWrites.delete(buf);
    }
  }

  /** Submits the open batch, if it holds any work. */
  submit(): void {
    const b = this.batch;
    if (!b) return;
    this.batch = null;
    const cmd = b.finish();
    this.device.queue.submit([cmd]);
    this.staged += b.staged;
    const readback = b.readbackBuffer;
    const work = Promise.all([
      this.device.queue.onSubmittedWorkDone(),
      readback ? readback.mapAsync(GPUMapMode.READ) : undefined,
    ]);
    const done = this.tail.then(() =>
      work.then(
        () => {
          if (readback) b.mapped = readback.getMappedRange();
        },
        () => this.fail(),
      ).finally(() => {
        // Host steps first (they read the mapped readback), in op order; then the memory goes back.
        for (const c of b.completions) settle(c, undefined);
        b.mapped = null;
        for (const t of b.trash) t.destroy();
        for (const buf of b.recycle) this.release(buf);
        this.staged -= b.staged;
        this.completed = b.serial;
        this.inFlight.delete(b.serial);
        this.pruneWrites();
      }),
    );
    this.tail = done;
    this.inFlight.set(b.serial, done);
  }

  /** Caches a bind group; the cache starts over when it grows large (groups of freed buffers). */
  cacheGroup(key: string, group: GPUBindGroup): void {
    if (this.groups.size >= 4096) this.groups.clear();
    this.groups.set(key, group);
  }

  /** A batch whose work or readback failed (device lost): the context's error from now on. */
  private fail(): void {
    this.onError(CUDA_ERROR_LAUNCH_FAILED);
  }

  /**
   * A staging, readback or storage buffer of exactly `size` bytes, from the pool when one is free:
   * MAP_WRITE staging buffers come mapped, the others unmapped.
   */
  pooled(size: number, usage: number): GPUBuffer {
    const list = this.pool.get(`${usage}:${size}`);
    const buf = list?.pop();
    if (buf) {
      this.pooledBytes -= size;
      return buf;
    }
    return this.device.createBuffer({ size, usage, label: 'webcu pooled', mappedAtCreation: usage === STAGING_USAGE });
  }

  /**
   * Returns a buffer to the pool (at most one ring's worth is kept). A staging buffer is mapped for
   * writing again first, so the next batch writes it at once.
   */
  private release(buf: GPUBuffer): void {
    if (buf.mapState !== 'unmapped') buf.unmap();
    if (buf.usage !== STAGING_USAGE) {
      this.keepPooled(buf);
      return;
    }
    buf.mapAsync(GPUMapMode.WRITE).then(
      () => this.keepPooled(buf),
      () => buf.destroy(),
    );
  }

  private keepPooled(buf: GPUBuffer): void {
    if (this.pooledBytes + buf.size > this.ring) {
      buf.destroy();
      return;
    }
    const key = `${buf.usage}:${buf.size}`;
    const list = this.pool.get(key) ?? [];
    list.push(buf);
    this.pool.set(key, list);
    this.pooledBytes += buf.size;
  }

  /**
   * A buffer kept across batches and reused in queue order (scratch memory), grown when a request is
   * larger; the one it replaces is freed with batch `b`, which may still be using it.
   */
  kept(b: Batch, name: string, size: number, usage: number): GPUBuffer {
    let buf = this.keep.get(name);
    if (!buf || buf.size < size) {
      if (buf) b.trash.push(buf);
      buf = this.device.createBuffer({ size: Math.ceil(size / 256) * 256, usage, label: `webcu ${name}` });
      this.keep.set(name, buf);
    }
    return buf;
  }

  /** GPU memory the recorder holds for itself (pooled staging, kept scratch), for cuMemGetInfo. */
  get internalBytes(): number {
    let n = this.pooledBytes;
    for (const buf of this.keep.values()) n += buf.size;
    return n;
  }

  /**
   * Storage memory for staged data that kernels read (uploads to unaligned targets): a kept buffer of a
   * quarter ring; a larger request gets a buffer freed with its batch.
   */
  scratch(b: Batch, size: number): GPUBuffer {
    const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC;
    const room = Math.max(STAGING_CHUNK, this.ring / 4);
    if (size > room) {
      const tmp = this.device.createBuffer({ size: Math.ceil(size / 256) * 256, usage, label: 'webcu scratch' });
      b.trash.push(tmp);
      return tmp;
    }
    return this.kept(b, 'scratch', room, usage);
  }

  /** True when the op's work has completed and its results are visible to the host. */
  isDone(op: Op | null): boolean {
    if (!op) return true;
    if (op.serial === undefined) {
      void this.pump();
      return false;
    }
    if (op.serial === this.batch?.serial) this.submit();
    return op.serial <= this.completed;
  }

  /** Resolves when `op` (default: everything enqueued so far) has completed. */
  async wait(op: Op | null = this.lastOp): Promise<void> {
    if (!op) return;
    while (op.serial === undefined) {
      await new Promise<void>((r) => this.progress.push(r));
    }
    if (op.serial === this.batch?.serial) this.submit();
    while (op.serial > this.completed) {
      const p = this.inFlight.get(op.serial) ?? this.tail;
      await p;
    }
  }

  /**
   * Runs `fn` once every op enqueued so far has been submitted (for freeing memory they use). Runs at
   * once when nothing is queued.
   */
  afterSubmitted(fn: () => void): void {
    if (this.pending.length === 0) {
      this.submit();
      fn();
    } else {
      this.enqueue({ staging: 0, encode: (b) => b.completions.push(fn) });
    }
  }
}
