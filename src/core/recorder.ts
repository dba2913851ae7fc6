// The command recorder: turns driver operations (ops) into WebGPU commands and submits them.
//
// All streams of a device feed one GPUQueue through one recorder, so work executes in the order it is
// encoded. An op whose stream has nothing waiting is encoded into the open submission (./encoder.ts) as
// it arrives; an op that must wait — for staging memory (the ring bounds what is in flight), for a host
// write it reads to land, for WebGPU's answer about new memory, or for work it must follow — waits in its
// own stream's queue, and the pump encodes the heads of the queues as they can go, so a stream that
// waits never blocks the others. Encoding keeps CUDA's order: stream order within a stream, the legacy
// default stream's implicit synchronization with the blocking streams, cuStreamWaitEvent, and host
// memory read after an earlier op writes it. A submission is submitted at the end of the current
// JavaScript task, or at once when a caller waits or large work should start. Host uploads go through
// staging buffers copied by commands of the same submission, never around it, and the readbacks of a
// submission fill pooled readback buffers mapped together when it completes. Work is identified by
// Points (a position in enqueue order); since queued ops are encoded out of that order, a position's
// completion is answered per op: an op encoded at once is done when the submissions up to its position
// are, a queued one when the submission it was encoded into is.

import { CUDA_ERROR_LAUNCH_FAILED } from './errors.js';
import { Submission } from './encoder.js';
import { Staging } from './staging.js';

export interface Op {
  /** Upper bound of the staging bytes (uploads + readbacks) the op takes from the ring. */
  staging: number;
  /** Records the op's commands into the submission. Runs once, in its stream's order. */
  encode(b: Submission): void;
  /** Position in enqueue order (set by the recorder). */
  seq?: number;
  /** The submission its work ends in (set when it is encoded). */
  sub?: Submission;
  /** Work on other streams it follows (cuStreamWaitEvent): encoded first, or done on another device. */
  after?: Point[];
  /** Large GPU work that should start without waiting: submitted right after this op (see flushDepth). */
  flush?: boolean;
  /**
   * With flush: work long enough on the GPU (a fraction of a millisecond and more) that its own
   * submission costs it little, and that the host may take about as long to prepare as the GPU to run: it
   * is submitted at once however many submissions are in flight, since holding it for a group would leave
   * the GPU idle while the host prepares the next one.
   */
  long?: boolean;
  /** Host bytes the op reads when it is encoded: it waits until every pending host write to them landed. */
  reads?: HostBytes;
  /** Host bytes the op writes when its submission completes (readbacks, host memsets, host-to-host copies). */
  writes?: HostBytes;
}

/** What an op is enqueued on: a stream, which keeps the position of its last work and its waiting ops. */
export interface Lane {
  lastSeq: number;
  /** Ops waiting to be encoded, in stream order. */
  readonly queue: Op[];
  /** CU_STREAM_NON_BLOCKING: no implicit synchronization with the legacy default stream. */
  readonly nonBlocking: boolean;
}

/**
 * A point in a recorder's work: the op at position `seq` — and, by stream order and the dependencies the
 * recorder keeps, everything that op follows — or with `all`, every op enqueued up to `seq` on every
 * stream. It carries its recorder, so an event or stream answers from its own device's work whichever
 * context is current.
 */
export interface Point {
  rec: Recorder;
  seq: number;
  all?: boolean;
}
/** Host memory an op reads or writes: one range, or several (a CUDA batch of copies). */
export type HostBytes = Uint8Array | Uint8Array[];

/**
 * Host bytes of one ArrayBuffer that `op` writes when its submission completes: [start, end), and when the op
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

const RESOLVED = Promise.resolve();
const NOTHING = () => {};

/** Thrown when an op would record a command on device memory WebGPU could not back. */
export class UnbackedMemory extends Error {}

/**
 * Runs an op's encode or a host-side completion step. One that throws (the program detached or
 * transferred the ArrayBuffer it had passed, or the op's device memory could not be backed) loses only
 * its own work: it must not break the chain of submissions behind it.
 */
export function settle<T>(f: (x: T) => void, x: T): void {
  try {
    f(x);
  } catch (e) {
    console.error('webcu: an operation was dropped:', e instanceof Error ? e.message : e);
  }
}


export class Recorder {
  private open_: Submission | null = null;
  private serial = 0;
  /**
   * Positions: the highest encoded (an op encoded at once is the newest, so every op encoded at once up to
   * here is in a submission), the highest when the last submission was submitted, and when the last
   * completed submission was submitted. An op at a position up to `doneSeq` that is not in `late` is done.
   */
  private encodedSeq = 0;
  private submittedSeq = 0;
  private doneSeq = 0;
  /** Submissions in flight, in order: the position when they were submitted, and their completion. */
  private readonly inFlight: { lastSeq: number; sub: Submission; done: Promise<void> }[] = [];
  private tail: Promise<void> = Promise.resolve();
  /** Ops that waited in a queue, by position (so in enqueue order), until their submission completes. */
  private readonly late = new Map<number, Op>();
  /** Lanes with ops waiting, and the legacy default stream's lane (`null` in enqueue). */
  private busy: Lane[] = [];
  private readonly legacy: Lane = { lastSeq: 0, queue: [], nonBlocking: false };
  private pumping = false;
  /** Wakes the pump while it waits with no queue able to move (new work was queued). */
  private wake: (() => void) | null = null;
  private submitQueued = false;
  private staged = 0;
  private readonly ids = new WeakMap<GPUBuffer, number>();
  private nextId = 1;
  private progress: (() => void)[] = [];
  /** Bind groups by kernel and bound ranges, kept across submissions (buffer ids are never reused). */
  readonly groups = new Map<string, GPUBindGroup>();
  private enqueued = 0;
  /** Encoding waits while these are pending (WebGPU's answers about new device memory). */
  private readonly gates = new Set<Promise<void>>();
  private readonly failed = new WeakSet<GPUBuffer>();
  /** Host bytes that pending submissions write when they complete, by ArrayBuffer. */
  private readonly hostWrites = new Map<ArrayBufferLike, HostWrite[]>();
  readonly timestamps: boolean;
  /**
   * Large work (Op.flush) is submitted at once while fewer than `flushDepth` submissions are in flight;
   * behind them, once `flushGroup` large ops share the open submission.
   */
  flushDepth = 2;
  flushGroup = 4;
  /**
   * Set once a timed event is recorded: from then on a submission that large work makes submit at once
   * (fewer than flushDepth in flight) ends with a timestamp, which an event recorded right after it takes
   * (Submission.timestamp).
   */
  timing = false;
  /** Listeners of the end time of the submission just submitted for large work, while nothing follows it. */
  private flushedEnd: ((ns: number) => void)[] | null = null;
  /** The pattern words of small fills (written). */
  private fillWords = new Uint32Array(0);
  /** Compute dispatches recorded so far (what tests and benchmarks count). */
  dispatches = 0;

  readonly staging: Staging;

  constructor(
    readonly device: GPUDevice,
    /** Bound of the staging memory in flight. */
    readonly ring: number,
    private readonly onError: (code: number) => void,
  ) {
    this.timestamps = device.features.has('timestamp-query');
    this.staging = new Staging(device, ring, () => this.wake?.());
  }

  /** Submits what the current JavaScript task recorded (queued once per open submission). */
  private readonly submitTask = (): void => {
    this.submitQueued = false;
    this.submit();
  };

  bufferId(b: GPUBuffer): number {
    let id = this.ids.get(b);
    if (id === undefined) this.ids.set(b, (id = this.nextId++));
    return id;
  }

  /** The open submission, creating one if none is open. */
  open(): Submission {
    if (!this.open_) {
      this.open_ = new Submission(this, ++this.serial);
    }
    if (!this.submitQueued) {
      this.submitQueued = true;
      // A promise reaction, not queueMicrotask: in Node that wraps every callback in an AsyncResource.
      void RESOLVED.then(this.submitTask);
    }
    return this.open_;
  }

  /**
   * True when an op needing `staging` bytes and reading `reads` would be encoded at once on any stream
   * (`before`: only host writes of ops enqueued before that position count).
   */
  canEncodeNow(staging: number, reads?: HostBytes, before = Infinity): boolean {
    return this.busy.length === 0 && this.gates.size === 0 && this.fits(staging) && !this.writer(reads, before);
  }

  private fits(staging: number): boolean {
    const inUse = this.staged + (this.open_?.staged ?? 0) + this.staging.remapping;
    return staging === 0 || inUse === 0 || inUse + staging <= this.ring;
  }

  /**
   * Whether work at position `seq` on `lane` has nothing queued ahead of it that it must follow: the
   * lane's own queue aside, the legacy default stream follows the blocking streams' earlier work, and
   * they follow its.
   */
  private clear(lane: Lane, seq: number): boolean {
    if (lane === this.legacy) {
      for (const l of this.busy) if (l !== lane && !l.nonBlocking && l.queue.length && l.queue[0].seq! < seq) return false;
      return true;
    }
    const q = this.legacy.queue;
    return lane.nonBlocking || q.length === 0 || q[0].seq! > seq;
  }

  /** Whether the work `after` names is encoded here (done, on another device's recorder). */
  private reached(after: Point[]): boolean {
    for (const p of after) {
      if (p.rec !== this) {
        if (!p.rec.isDone(p)) return false;
      } else {
        const op = this.late.get(p.seq);
        if (op && !op.sub) return false;
      }
    }
    return true;
  }

  /** Enqueues `op` on `lane`'s stream (null: the legacy default stream); returns its position. */
  enqueue(op: Op, lane: Lane | null = null): number {
    const l = lane ?? this.legacy;
    const seq = (op.seq = ++this.enqueued);
    l.lastSeq = seq;
    if (op.writes) this.noteWrite(op.writes, op);
    // An op that both reads and writes host memory (a batch) waits for earlier writers only.
    if (
      this.gates.size === 0 &&
      (this.busy.length === 0 || (l.queue.length === 0 && this.clear(l, seq))) &&
      (!op.after || this.reached(op.after)) &&
      this.fits(op.staging) &&
      !this.writer(op.reads, seq)
    ) {
      this.encodeOp(op);
    } else {
      if (l.queue.length === 0) this.busy.push(l);
      l.queue.push(op);
      this.late.set(seq, op);
      this.wake?.();
      void this.pump();
    }
    return seq;
  }

  /**
   * The open submission, for device work that needs no staging and reads no host memory, when it may be
   * recorded at once on `lane`'s stream (nothing queued that it must follow, no answer about memory
   * pending); else null, and the work goes in an op. The caller records its commands, then calls
   * `recorded`: no op object, no closure.
   */
  direct(lane: Lane | null): Submission | null {
    if (this.gates.size) return null;
    if (this.busy.length === 0) return this.open();
    const l = lane ?? this.legacy;
    return l.queue.length === 0 && this.clear(l, Infinity) ? this.open() : null;
  }

  /**
   * Gives the work just recorded into the open submission its position, on `lane`; returns it. `flush`:
   * submit now (large GPU work that should start without waiting), as Op.flush.
   */
  recorded(lane: Lane | null, flush = false): number {
    const seq = ++this.enqueued;
    (lane ?? this.legacy).lastSeq = seq;
    this.encoded(seq, flush);
    return seq;
  }

  private encodeOp(op: Op): void {
    // An op reading host memory that was detached since the call loses its own work only.
    settle(op.encode, this.open());
    // Encoding may have submitted the submission it started in and opened another (a full set of
    // timestamps): the work ends in the open one.
    op.sub = this.open();
    this.encoded(op.seq!, op.flush === true, op.long === true);
  }

  /** Notes that the work at position `seq` is recorded into the open submission. */
  private encoded(seq: number, flush: boolean, long = false): void {
    if (seq > this.encodedSeq) this.encodedSeq = seq;
    // Large work starts the GPU at once, unless two submissions already keep it busy: work behind them
    // waits in one submission for the end of the task instead of paying a submission of its own per op
    // (long work excepted: Op.long). Big staging users close their submission so that their memory
    // returns to the ring sooner.
    const b = this.open_!;
    if (!b.empty) this.flushedEnd = null;
    if (flush) b.large++;
    const idle = this.inFlight.length < this.flushDepth;
    if (flush && (idle || long || b.large >= this.flushGroup)) {
      // The end stamp costs a submission about 10 µs of host time: only work submitted at once gets one
      // (a group goes behind busy submissions, so what follows it waits for the GPU anyway).
      const end = this.timing && idle ? b.stampEnd() : null;
      this.submit();
      this.flushedEnd = end;
    } else if (b.staged >= this.ring / 4) {
      this.submit();
    }
  }

  /**
   * Gives `deliver` the end time of the submission just submitted for large work, when nothing has been
   * recorded since (in this task: the list is dropped at the next submit, long before that submission
   * completes); false otherwise.
   */
  afterFlushed(deliver: (ns: number) => void): boolean {
    if (!this.flushedEnd) return false;
    this.flushedEnd.push(deliver);
    return true;
  }

  /**
   * Writes `n` bytes (a multiple of 4) of the 32-bit `pattern` repeated at `offset` (a multiple of 4) of
   * `buffer` through queue.writeBuffer, as the work at the next position on `lane`; returns that position,
   * or 0 when the write cannot go this way. It can when nothing is open, queued or held: then all earlier
   * work is submitted and the queue orders the write after it and before anything submitted later. The
   * submission opened here carries its completion. Small fills take this path (no command, no staging).
   */
  written(lane: Lane | null, buffer: GPUBuffer, offset: number, n: number, pattern: number): number {
    if (this.open_ || this.busy.length || this.gates.size || this.failed.has(buffer)) return 0;
    // writeBuffer copies the words during the call: one array serves every small fill.
    const words = n / 4;
    if (this.fillWords.length < words) this.fillWords = new Uint32Array(words);
    this.device.queue.writeBuffer(buffer, offset, this.fillWords.fill(pattern, 0, words), 0, words);
    this.open().wrote = true;
    return this.recorded(lane);
  }

  /**
   * Encodes queued ops as they can go, the lowest position first (so call order where streams allow);
   * when none can, submits and waits for a submission to complete (staging memory, host writes), for
   * work on another device an op follows, or for new work.
   */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.busy.length) {
        if (this.gates.size) {
          await this.settled();
          continue;
        }
        let next: Lane | null = null;
        const waits: Promise<unknown>[] = [];
        for (const lane of this.busy) {
          const op = lane.queue[0];
          if (next && next.queue[0].seq! < op.seq!) continue;
          if (!this.clear(lane, op.seq!)) continue;
          if (op.after && !this.reached(op.after)) {
            for (const p of op.after) if (p.rec !== this) waits.push(p.rec.wait(p));
            continue;
          }
          const w = this.writer(op.reads, op.seq);
          // The op reads host memory an earlier op writes when its submission completes.
          if (w || !this.fits(op.staging)) continue;
          next = lane;
        }
        if (next) {
          const op = next.queue.shift()!;
          if (next.queue.length === 0) this.busy.splice(this.busy.indexOf(next), 1);
          this.encodeOp(op);
          this.progress.splice(0).forEach((f) => f());
          continue;
        }
        this.submit();
        const oldest = this.inFlight[0];
        if (oldest) waits.push(oldest.done);
        waits.push(new Promise<void>((r) => (this.wake = r)));
        await Promise.race(waits);
        this.wake = null;
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

  private landed = (w: HostWrite) => this.done(w.op.seq!);

  /** The last op enqueued before position `before` whose pending host write overlaps `v`, if any. */
  writer(v?: HostBytes, before = Infinity): Op | undefined {
    if (!v || this.hostWrites.size === 0) return undefined;
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

  /** Submits the open submission, if there is one. */
  submit(): void {
    this.flushedEnd = null;
    const b = this.open_;
    if (!b) return;
    this.open_ = null;
    const cmd = b.finish();
    if (cmd) this.device.queue.submit([cmd]);
    this.staged += b.staged;
    this.submittedSeq = this.encodedSeq;
    const readbacks = b.readbackBuffers;
    const done = this.device.queue.onSubmittedWorkDone();
    const work = readbacks.length ? Promise.all([done, ...readbacks.map((r) => r.mapAsync(GPUMapMode.READ))]) : done;
    const entry = { lastSeq: this.submittedSeq, sub: b, done: RESOLVED };
    const complete = () => {
      // Host steps first (they read the mapped readbacks), in op order; then the memory goes back.
      for (const c of b.completions) settle(c, undefined);
      b.mapped = null;
      for (const t of b.trash) t.destroy();
      for (const buf of b.recycle) this.staging.release(buf);
      this.staged -= b.staged;
      this.doneSeq = entry.lastSeq;
      if (this.late.size) for (const [seq, op] of this.late) if (op.sub === b) this.late.delete(seq);
      this.inFlight.splice(this.inFlight.indexOf(entry), 1);
      this.pruneWrites();
    };
    // Completes whatever happens (a mapping that throws included): the submissions behind it chain on it.
    entry.done = this.tail.then(() =>
      work
        .then(
          () => {
            if (readbacks.length) b.mapped = readbacks.map((r) => r.getMappedRange());
          },
          () => this.fail(),
        )
        .then(complete, complete),
    );
    this.tail = entry.done;
    this.inFlight.push(entry);
  }

  /** Caches a bind group; the cache starts over when it grows large (groups of freed buffers). */
  cacheGroup(key: string, group: GPUBindGroup): void {
    if (this.groups.size >= 4096) this.groups.clear();
    this.groups.set(key, group);
  }

  /** A submission whose work or readback failed (device lost): the context's error from now on. */
  private fail(): void {
    this.onError(CUDA_ERROR_LAUNCH_FAILED);
  }

  /** The point after everything enqueued so far, on every stream. */
  point(): Point {
    return { rec: this, seq: this.enqueued, all: true };
  }

  /** The point right after the op at position `seq`. */
  at(seq: number): Point {
    return { rec: this, seq };
  }

  /** Whether the op at position `seq` has completed. */
  private done(seq: number): boolean {
    return seq <= this.doneSeq && (this.late.size === 0 || !this.late.has(seq));
  }

  /** The lowest position of an op that waited in a queue and has not completed. */
  private firstLate(): number | undefined {
    return this.late.size ? this.late.keys().next().value : undefined;
  }

  /** True when the work up to `p` has completed and its results are visible to the host. */
  isDone(p: Point | null): boolean {
    if (!p) return true;
    if (p.all) {
      const first = this.firstLate();
      if ((first === undefined || first > p.seq) && p.seq <= this.doneSeq) return true;
      this.submit();
      return false;
    }
    if (this.done(p.seq)) return true;
    // Work encoded but not submitted goes now (queued work goes as the pump encodes it).
    const sub = this.late.get(p.seq)?.sub;
    if (sub ? sub === this.open_ : p.seq > this.submittedSeq && !this.late.has(p.seq)) this.submit();
    return false;
  }

  /** Resolves when the work up to `p` (default: everything enqueued so far) has completed. */
  wait(p: Point | null = this.point()): Promise<void> {
    if (!p) return RESOLVED;
    return p.all && this.late.size ? this.waitAll(p.seq) : this.reach(p.seq);
  }

  private async waitAll(seq: number): Promise<void> {
    for (let first = this.firstLate(); first !== undefined && first <= seq; first = this.firstLate()) await this.reach(first);
    await this.reach(seq);
  }

  /**
   * Resolves once the op at position `seq` has been encoded, submitted and completed. With no op waiting
   * in a queue, one completion is the whole wait: returned as it is, so that a small operation's round
   * trip allocates no async frame here.
   */
  private reach(seq: number): Promise<void> {
    if (this.done(seq)) return RESOLVED;
    return this.late.size === 0 ? this.completionOf(seq)! : this.reachLate(seq);
  }

  private async reachLate(seq: number): Promise<void> {
    while (!this.done(seq)) await (this.completionOf(seq) ?? new Promise<void>((r) => this.progress.push(r)));
  }

  /**
   * The completion to wait for on the way to the op at position `seq`, once the submission holding it is
   * submitted: that submission's (an op that waited in a queue), else the first in flight that reaches
   * `seq`. Null while the op waits in a queue to be encoded.
   */
  private completionOf(seq: number): Promise<void> | null {
    const op = this.late.get(seq);
    if (op && !op.sub) return null;
    const sub = op?.sub;
    if (sub ? sub === this.open_ : seq > this.submittedSeq) this.submit();
    for (const f of this.inFlight) if (sub ? f.sub === sub : f.lastSeq >= seq) return f.done;
    return this.tail;
  }

  /**
   * Makes the work enqueued next on `lane` (null: the legacy default stream) follow `p` (cuStreamWaitEvent):
   * a no-op at the end of the stream, encoded once `p` is — or, on another device, once it has completed.
   */
  follow(p: Point, lane: Lane | null): void {
    if (p.rec === this ? this.done(p.seq) : p.rec.isDone(p)) return;
    this.enqueue({ staging: 0, after: [p], encode: NOTHING }, lane);
  }

  /**
   * Runs `fn` once every op enqueued so far has been submitted (for freeing memory they use). Runs at
   * once when nothing is queued.
   */
  afterSubmitted(fn: () => void): void {
    if (this.busy.length === 0) {
      this.submit();
      fn();
      return;
    }
    // After the last op of every queue, on a lane of its own that no stream follows.
    const after = this.busy.map((l) => this.at(l.lastSeq));
    this.enqueue({ staging: 0, after, encode: (b) => b.completions.push(fn) }, { lastSeq: 0, queue: [], nonBlocking: true });
  }
}
