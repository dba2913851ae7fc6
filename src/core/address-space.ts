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
}

export interface Allocation {
  base: number;
  size: number;
  backing: Backing;
  offset: number;
  /** Bytes taken from the backing (size rounded to 256 plus the guard gap). */
  reserved: number;
  pitch: number;
  /** The context that allocated it (freed with that context). */
  owner: unknown;
}

/** A resolved device range: `offset` is the byte offset of the pointer inside `alloc.backing.buffer`. */
export interface DeviceRange {
  alloc: Allocation;
  offset: number;
}

export const ALLOC_ALIGN = 256;
/** Bytes left unused after each allocation so that base + size is never another allocation. */
const GUARD = 256;
/** Virtual addresses start at 4 GiB so that small integers are never valid pointers. */
const VA_START = 2 ** 32;
/** Gap between the virtual ranges of two backings. */
const VA_GAP = 2 ** 20;
const FIRST_HEAP = 16 * 2 ** 20;

export const alignUp = (n: number, a: number) => Math.ceil(n / a) * a;

export class AddressSpace {
  private readonly allocs: Allocation[] = [];
  private readonly heaps: Backing[] = [];
  private readonly vaBase = new Map<Backing, number>();
  private nextVA = VA_START;
  /** Bytes of GPU memory held in backings. */
  held = 0;

  constructor(
    private readonly device: GPUDevice,
    readonly budget: number,
    /** Largest heap: no larger than one storage binding, so a heap binds whole. */
    readonly maxHeap: number,
    readonly maxBuffer: number,
  ) {}

  /** Allocates `size` bytes; undefined when the budget or the device cannot hold it. */
  alloc(size: number, owner: unknown, pitch = 0): Allocation | undefined {
    const reserved = alignUp(size, ALLOC_ALIGN) + GUARD;
    if (reserved > this.maxHeap / 2) return this.allocDedicated(size, reserved, pitch, owner);
    for (const heap of this.heaps) {
      const a = this.carve(heap, size, reserved, pitch, owner);
      if (a) return a;
    }
    // Each new heap doubles the previous live ones, so a program that frees everything starts small again.
    let heapSize = FIRST_HEAP * 2 ** this.heaps.length;
    while (heapSize < reserved) heapSize *= 2;
    heapSize = Math.min(heapSize, this.maxHeap);
    const heap = this.newBacking(heapSize, false);
    if (!heap) return undefined;
    this.heaps.push(heap);
    return this.carve(heap, size, reserved, pitch, owner);
  }

  private allocDedicated(size: number, reserved: number, pitch: number, owner: unknown): Allocation | undefined {
    const bytes = alignUp(size, ALLOC_ALIGN);
    if (bytes > this.maxBuffer) return undefined;
    const b = this.newBacking(bytes, true);
    if (!b) return undefined;
    b.live = 1;
    return this.insert({ base: this.vaBase.get(b)!, size, backing: b, offset: 0, reserved, pitch, owner });
  }

  private newBacking(size: number, dedicated: boolean): Backing | undefined {
    if (this.held + size > this.budget) return undefined;
    let buffer: GPUBuffer;
    try {
      buffer = this.device.createBuffer({
        size,
        usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
        label: dedicated ? 'webcu dedicated' : 'webcu heap',
      });
    } catch {
      return undefined;
    }
    const b: Backing = { buffer, size, dedicated, free: dedicated ? [] : [[0, size]], live: 0 };
    this.held += size;
    this.vaBase.set(b, this.nextVA);
    this.nextVA += alignUp(size, VA_GAP) + VA_GAP;
    return b;
  }

  private carve(heap: Backing, size: number, reserved: number, pitch: number, owner: unknown): Allocation | undefined {
    const i = heap.free.findIndex(([, n]) => n >= reserved);
    if (i < 0) return undefined;
    const [off, n] = heap.free[i];
    if (n === reserved) heap.free.splice(i, 1);
    else heap.free[i] = [off + reserved, n - reserved];
    heap.live++;
    return this.insert({ base: this.vaBase.get(heap)! + off, size, backing: heap, offset: off, reserved, pitch, owner });
  }

  private insert(a: Allocation): Allocation {
    const i = this.upperBound(a.base);
    this.allocs.splice(i, 0, a);
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
  }

  /** Returns the allocation's bytes to its backing, destroying backings that become empty. */
  release(a: Allocation): void {
    const b = a.backing;
    b.live--;
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
    this.vaBase.delete(b);
  }

  /** Every live allocation, in address order. */
  all(): readonly Allocation[] {
    return this.allocs;
  }
}
