// Host memory for snapshots: the bytes of a pageable source an async upload takes during the call when
// the ring has no room for them now (the caller may reuse the source once the call returns). Snapshots
// are cut in order from slabs that are used again once every snapshot in them has been staged, instead
// of a fresh ArrayBuffer each, whose first touch costs page faults (bench/dawn-map.mjs on the H200 host:
// fresh memory fills at 1.5-4.3 GB/s, memory used before at 6.3). Free slabs kept: at most `keep` bytes.

/** A slab of snapshot memory: its bytes, how many are cut, and how many of its snapshots are not yet staged. */
interface Slab {
  bytes: Uint8Array;
  used: number;
  live: number;
}

/** A snapshot's bytes and the slab they belong to. */
export interface Snapshot {
  view: Uint8Array;
  slab: Slab;
}

export class Snapshots {
  /** The slab snapshots are cut from. */
  private slab: Slab | null = null;
  private readonly free: Uint8Array[] = [];

  constructor(
    /** Bytes per slab: the largest snapshot. */
    private readonly size: number,
    /** Bytes of free slabs kept for later snapshots. */
    private readonly keep: number,
  ) {}

  /** Room for a snapshot of `n` bytes (at most the slab size). */
  take(n: number): Snapshot {
    let s = this.slab;
    if (!s || s.used + n > s.bytes.byteLength) {
      if (s && s.live === 0) this.recycle(s.bytes);
      s = this.slab = { bytes: this.free.pop() ?? new Uint8Array(this.size), used: 0, live: 0 };
    }
    const view = s.bytes.subarray(s.used, s.used + n);
    s.used += n;
    s.live++;
    return { view, slab: s };
  }

  /** The snapshot has been staged: its bytes may be used again. */
  done(x: Snapshot): void {
    const s = x.slab;
    if (--s.live > 0) return;
    if (s === this.slab) s.used = 0;
    else this.recycle(s.bytes);
  }

  private recycle(bytes: Uint8Array): void {
    if ((this.free.length + 1) * this.size <= this.keep) this.free.push(bytes);
  }
}
