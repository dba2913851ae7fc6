// Staging memory: the pool of staging (MAP_WRITE, kept mapped), readback (MAP_READ), parameter and small
// storage buffers that submissions borrow and give back when they complete, and the scratch buffers kept
// across submissions. The ring bounds what is pooled; the recorder bounds what is in flight.

import type { Submission } from './encoder.js';

/** Host bytes per staging buffer (larger uploads get a buffer of their own size). */
export const STAGING_CHUNK = 1 << 20;
/** MAP_WRITE | COPY_SRC, as numbers: in Node, GPUBufferUsage may be defined after this module loads. */
export const STAGING_USAGE = 0x2 | 0x4;
/** Bytes of one uniform buffer of dispatch parameter slots. */
export const PARAM_CHUNK = 64 * 1024;

export class Staging {
  /**
   * Host copy of the parameter slots being filled: one array for every submission (writeBuffer copies
   * it, and one submission is open at a time), so a small call allocates no 64 KiB array to collect.
   */
  readonly paramBytes = new Uint8Array(PARAM_CHUNK);
  private readonly keep = new Map<string, GPUBuffer>();
  private readonly pool = new Map<string, GPUBuffer[]>();
  private pooledBytes = 0;
  /** Pooled buffers, least recently returned first. */
  private readonly age: GPUBuffer[] = [];
  private readonly querySets: GPUQuerySet[] = [];
  /**
   * Bytes of staging buffers on their way back to the pool (being mapped again): still the ring's, so an
   * op that needs their room waits for them instead of creating and mapping a fresh buffer, which costs
   * its first touch (bench/dawn-map.mjs).
   */
  remapping = 0;
  /**
   * Bytes of the smallest readback buffer: small readbacks of one submission share one, a readback that
   * does not fit in it takes another.
   */
  readbackMin = STAGING_CHUNK;

  constructor(
    private readonly device: GPUDevice,
    /** Bound of the staging memory in flight, and of what the pool keeps. */
    readonly ring: number,
    /** Called when a staging buffer is back in the pool (or dropped): its room in the ring is free. */
    private readonly onReturn: () => void,
  ) {}

  /**
   * A staging, readback or storage buffer of exactly `size` bytes, from the pool when one is free:
   * MAP_WRITE staging buffers come mapped, the others unmapped.
   */
  pooled(size: number, usage: number): GPUBuffer {
    const list = this.pool.get(`${usage}:${size}`);
    const buf = list?.pop();
    if (buf) {
      this.pooledBytes -= size;
      this.age.splice(this.age.indexOf(buf), 1);
      return buf;
    }
    return this.device.createBuffer({ size, usage, label: 'webcu pooled', mappedAtCreation: usage === STAGING_USAGE });
  }

  /**
   * Returns a buffer to the pool (at most one ring's worth is kept). A staging buffer is mapped for
   * writing again first, so the next submission writes it at once.
   */
  release(buf: GPUBuffer): void {
    if (buf.mapState !== 'unmapped') buf.unmap();
    if (buf.usage !== STAGING_USAGE) {
      this.keepPooled(buf);
      return;
    }
    this.remapping += buf.size;
    buf.mapAsync(GPUMapMode.WRITE).then(
      () => this.keepPooled(buf),
      () => buf.destroy(),
    ).finally(() => {
      this.remapping -= buf.size;
      this.onReturn();
    });
  }

  private keepPooled(buf: GPUBuffer): void {
    if (buf.size > this.ring) {
      buf.destroy();
      return;
    }
    // The buffer just used is the likeliest to be wanted next (a long copy uses one size over and over):
    // room is made by dropping the longest-unused buffers, so small uploads earlier cannot leave a later
    // large one creating (and mapping) a fresh staging buffer for every piece.
    while (this.pooledBytes + buf.size > this.ring) {
      const old = this.age.shift()!;
      const list = this.pool.get(`${old.usage}:${old.size}`)!;
      list.splice(list.indexOf(old), 1);
      this.pooledBytes -= old.size;
      old.destroy();
    }
    const key = `${buf.usage}:${buf.size}`;
    const list = this.pool.get(key) ?? [];
    list.push(buf);
    this.pool.set(key, list);
    this.age.push(buf);
    this.pooledBytes += buf.size;
  }

  /** A timestamp query set of `count` queries, from the pool when one is free (every set here has that count). */
  querySet(count: number): GPUQuerySet {
    return this.querySets.pop() ?? this.device.createQuerySet({ type: 'timestamp', count, label: 'webcu timestamps' });
  }

  /** Returns a query set once the submission that used it has completed (a few are kept). */
  keepQuerySet(q: GPUQuerySet): void {
    if (this.querySets.length < 8) this.querySets.push(q);
    else q.destroy();
  }

  /**
   * A buffer kept across submissions and reused in queue order (scratch memory), grown when a request is
   * larger; the one it replaces is freed with submission `b`, which may still be using it.
   */
  kept(b: Submission, name: string, size: number, usage: number): GPUBuffer {
    const buf = this.keep.get(name);
    return buf && buf.size >= size ? buf : this.replaceKept(b, name, size, usage);
  }

  /**
   * A new kept buffer under `name` in place of the old one, which is freed with `b` (the submissions before
   * it may still read it): for contents written from the host once and then only read.
   */
  replaceKept(b: Submission, name: string, size: number, usage: number): GPUBuffer {
    const old = this.keep.get(name);
    if (old) b.trash.push(old);
    const buf = this.device.createBuffer({ size: Math.ceil(size / 256) * 256, usage, label: `webcu ${name}` });
    this.keep.set(name, buf);
    return buf;
  }

  /** GPU memory held for webcu itself (pooled buffers, kept scratch), for cuMemGetInfo. */
  get internalBytes(): number {
    let n = this.pooledBytes;
    for (const buf of this.keep.values()) n += buf.size;
    return n;
  }

  /**
   * Storage memory for staged data that kernels read (uploads to unaligned targets): a kept buffer of a
   * quarter ring; a larger request gets a buffer freed with its submission.
   */
  scratch(b: Submission, size: number): GPUBuffer {
    const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC;
    const room = Math.max(STAGING_CHUNK, this.ring / 4);
    if (size > room) {
      const tmp = this.device.createBuffer({ size: Math.ceil(size / 256) * 256, usage, label: 'webcu scratch' });
      b.trash.push(tmp);
      return tmp;
    }
    return this.kept(b, 'scratch', room, usage);
  }
}
