// The flat device address space: every allocation is a range [base, base + size) of virtual addresses
// backed by (GPUBuffer, offset). Small allocations are sub-allocated from shared heap buffers, large
// ones get a dedicated buffer. One ordered interval map answers every pointer question (bounds checks,
// cuMemGetAddressRange, direction inference).

/** A GPUBuffer that backs device memory: a heap shared by many allocations, or one dedicated buffer. */
export interface Backing {
  buffer: GPUBuffer;
  size: number;
  dedicated: boolean;
  /** Sorted, coalesced free ranges [offset, size] (heaps only). */
  free: [number, number][];
  live: number;
  /** WebGPU could not back it: its allocations report CUDA_ERROR_OUT_OF_MEMORY until freed. */
  failed: boolean;
}

export interface Allocation {
  base: number;
  size: number;
  backing: Backing;
  offset: number;
  /** Bytes taken from the backing (size rounded up to 256). */
  reserved: number;
  /** The context that allocated it (freed with that context). */
  owner: unknown;
}

/** A resolved device range: `offset` is the byte offset of the pointer inside `alloc.backing.buffer`. */
export interface DeviceRange {
  alloc: Allocation;
  offset: number;
}

export const ALLOC_ALIGN = 256;
/**
 * Virtual addresses left unused after each allocation so that base + size is never another allocation.
 * Only addresses: in the backing, allocations sit next to each other, so the gap costs no memory.
 */
const GUARD = 256;
/** Virtual addresses start at 4 GiB so that small integers are never valid pointers. */
const VA_START = 2 ** 32;
const FIRST_HEAP = 16 * 2 ** 20;

export const alignUp = (n: number, a: number) => Math.ceil(n / a) * a;

export class AddressSpace {
  private readonly allocs: Allocation[] = [];
  private readonly heaps: Backing[] = [];
  private nextVA = VA_START;
  /** Bytes of GPU memory held in backings. */
  held = 0;
  /**
   * Allocations removed so far. A call that looks pointers up while it reads the caller's objects checks
   * that this did not change before it enqueues anything: a getter may free memory the call has already
   * looked up (and allocate it again elsewhere), and the work would then write into memory it lost.
   */
  removals = 0;

  constructor(
    private readonly device: GPUDevice,
    readonly budget: number,
    /** Largest heap: no larger than one storage binding, so a heap binds whole. */
    readonly maxHeap: number,
    readonly maxBuffer: number,
    /** GPU memory held outside the address space (staging pools, scratch), counted against the budget. */
    private readonly internal: () => number,
    /** Receives WebGPU's pending answer for each new backing, and each backing it could not create. */
    private readonly watch: { hold(answer: Promise<unknown>): void; unbacked(buffer: GPUBuffer): void },
  ) {}

  /** Bytes of the budget not held by backings or internal memory. */
  private room(): number {
    return this.budget - this.held - this.internal();
  }

  /**
   * Free device memory as cuMemGetInfo reports it: the budget's unheld part plus the free space inside
   * heaps, in whole 256-byte units (what allocations are made of).
   */
  freeBytes(): number {
    let n = this.room();
    for (const h of this.heaps) for (const [, size] of h.free) n += size;
    return Math.max(0, Math.floor(n / ALLOC_ALIGN) * ALLOC_ALIGN);
  }

  /** Allocates `size` bytes; undefined when the budget or the device cannot hold it. */
  alloc(size: number, owner: unknown): Allocation | undefined {
    const reserved = alignUp(size, ALLOC_ALIGN);
    if (reserved > this.maxHeap / 2) return this.allocDedicated(size, reserved, owner);
    for (const heap of this.heaps) {
      const a = this.carve(heap, size, reserved, owner);
      if (a) return a;
    }
    // Each new heap doubles the previous live ones, so a program that frees everything starts small again;
    // near the budget a heap takes just what is left, so every byte cuMemGetInfo calls free can be had.
    let heapSize = FIRST_HEAP * 2 ** this.heaps.length;
    while (heapSize < reserved) heapSize *= 2;
    heapSize = Math.min(heapSize, this.maxHeap, Math.max(reserved, Math.floor(this.room() / ALLOC_ALIGN) * ALLOC_ALIGN));
    const heap = this.newBacking(heapSize, false);
    if (!heap) return undefined;
    this.heaps.push(heap);
    return this.carve(heap, size, reserved, owner);
  }

  private allocDedicated(size: number, reserved: number, owner: unknown): Allocation | undefined {
    if (reserved > this.maxBuffer) return undefined;
    const b = this.newBacking(reserved, true);
    if (!b) return undefined;
    b.live = 1;
    return this.insert(size, b, 0, reserved, owner);
  }

  private newBacking(size: number, dedicated: boolean): Backing | undefined {
    if (size > this.room()) return undefined;
    let buffer: GPUBuffer;
    this.device.pushErrorScope('out-of-memory');
    try {
      buffer = this.device.createBuffer({
        size,
        usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
        label: dedicated ? 'webcu dedicated' : 'webcu heap',
      });
    } catch {
      this.device.popErrorScope().catch(() => {});
      return undefined;
    }
    const b: Backing = { buffer, size, dedicated, free: dedicated ? [] : [[0, size]], live: 0, failed: false };
    this.held += size;
    // WebGPU answers asynchronously whether it could back the buffer; encoding waits for the answer.
    this.watch.hold(
      this.device.popErrorScope().then(
        (err) => err && this.unback(b),
        () => {},
      ),
    );
    return b;
  }

  /** A backing WebGPU could not create: its memory returns to the budget, its allocations fail on use. */
  private unback(b: Backing): void {
    b.failed = true;
    this.watch.unbacked(b.buffer);
    b.buffer.destroy();
    this.held -= b.size;
    const i = this.heaps.indexOf(b);
    if (i >= 0) this.heaps.splice(i, 1);
  }

  private carve(heap: Backing, size: number, reserved: number, owner: unknown): Allocation | undefined {
    const i = heap.free.findIndex(([, n]) => n >= reserved);
    if (i < 0) return undefined;
    const [off, n] = heap.free[i];
    if (n === reserved) heap.free.splice(i, 1);
    else heap.free[i] = [off + reserved, n - reserved];
    heap.live++;
    return this.insert(size, heap, off, reserved, owner);
  }

  /** Gives the allocation the next virtual range (never reused) and adds it to the map. */
  private insert(size: number, backing: Backing, offset: number, reserved: number, owner: unknown): Allocation {
    const a: Allocation = { base: this.nextVA, size, backing, offset, reserved, owner };
    this.nextVA += reserved + GUARD;
    // Bases only grow, so the new allocation goes last.
    this.allocs.push(a);
    return a;
  }

  /** Index of the first allocation whose base is > ptr. */
  private upperBound(ptr: number): number {
    let lo = 0;
    let hi = this.allocs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.allocs[mid].base <= ptr) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The allocation containing `ptr`, if any. */
  find(ptr: number): Allocation | undefined {
    const i = this.upperBound(ptr) - 1;
    if (i < 0) return undefined;
    const a = this.allocs[i];
    return ptr < a.base + a.size ? a : undefined;
  }

  /** Resolves [ptr, ptr + n) when it lies inside one allocation (n >= 1). */
  range(ptr: number, n: number): DeviceRange | undefined {
    const a = this.find(ptr);
    if (!a || ptr + n > a.base + a.size) return undefined;
    return { alloc: a, offset: a.offset + (ptr - a.base) };
  }

  /** Removes the allocation from the map; its memory is reused after `release`. */
  remove(a: Allocation): void {
    const i = this.upperBound(a.base) - 1;
    if (this.allocs[i] === a) this.allocs.splice(i, 1);
    this.removals++;
  }

  /** Returns the allocation's bytes to its backing, destroying backings that become empty. */
  release(a: Allocation): void {
    const b = a.backing;
    b.live--;
    // A backing WebGPU could not create was destroyed and uncounted already.
    if (b.failed) return;
    if (b.dedicated) {
      this.dropBacking(b);
      return;
    }
    const free = b.free;
    let i = 0;
    while (i < free.length && free[i][0] < a.offset) i++;
    free.splice(i, 0, [a.offset, a.reserved]);
    // Coalesce with the neighbours.
    if (i + 1 < free.length && free[i][0] + free[i][1] === free[i + 1][0]) {
      free[i][1] += free[i + 1][1];
      free.splice(i + 1, 1);
    }
    if (i > 0 && free[i - 1][0] + free[i - 1][1] === free[i][0]) {
      free[i - 1][1] += free[i][1];
      free.splice(i, 1);
    }
    if (b.live === 0) {
      this.heaps.splice(this.heaps.indexOf(b), 1);
      this.dropBacking(b);
    }
  }

  private dropBacking(b: Backing): void {
    b.buffer.destroy();
    this.held -= b.size;
  }

  /** Every live allocation, in address order. */
  all(): readonly Allocation[] {
    return this.allocs;
  }
}
