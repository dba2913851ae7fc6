// Session 9 micro-benchmark (not part of the build): read() of src/driver/decompress.ts (as of db58600) copied with a
// stand-in address map over 4096 parameter objects, and variants without parts of it (spans, stores, checks), min
// of 2000 calls. Bundle with esbuild and run with node; output in read-micro.txt.

const NONE = 0xffffffff;
const DECOMPRESS_MAX_LENGTH = 4 * 2 ** 20;
const CU_MEM_DECOMPRESS_ALGORITHM_DEFLATE = 1, CU_MEM_DECOMPRESS_ALGORITHM_SNAPPY = 2, CU_MEM_DECOMPRESS_ALGORITHM_LZ4 = 4;
const isSize = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
const isPtr = isSize;
const windowSize = (lo: number, hi: number) => hi - lo; const windowStart = (lo: number) => lo;
type Window = any; type Context = any; type CUmemDecompressParams = any;
let spareColumns: ArrayBuffer | null = null;
interface Ops { n: number; mem: ArrayBuffer; mask: number; buffers: any[]; algo: Uint8Array; srcBuf: Uint32Array; srcOff: Float64Array; srcLen: Float64Array; dstBuf: Uint32Array; dstOff: Float64Array; cap: Float64Array; auto: Uint8Array; actBuf: Uint32Array; actOff: Float64Array; stBuf: Uint32Array; stOff: Float64Array; row: Uint32Array; outByte: Float64Array; spans: { src: Span; dst: Span; act: Span; st: Span } }
class Span {
  private id = -1;
  private one = true;
  private sorted = true;
  private lo = Infinity;
  private hi = 0;
  private prev = 0;
  /** Whether each range starts where the previous one ended (in one buffer: with `one`). */
  private gapless = true;
  private prevEnd = 0;

  add(id: number, l: number, h: number): void {
    if (this.id === -1) this.id = id;
    else if (id !== this.id) this.one = false;
    else if (l !== this.prevEnd) this.gapless = false;
    if (l < this.prev) this.sorted = false;
    this.prev = l;
    this.prevEnd = h;
    if (l < this.lo) this.lo = l;
    if (h > this.hi) this.hi = h;
  }

  /** Whether the column is n ranges of `size` bytes, each row's right after the previous row's, in one buffer. */
  packed(n: number, size: number): boolean {
    return this.one && this.gapless && this.hi - this.lo === n * size;
  }

  /** Whether no row has a range in this column (no status words). */
  get empty(): boolean {
    return this.id === -1;
  }

  /** Whether the rows are in (buffer, offset) order. */
  get ordered(): boolean {
    return this.one && this.sorted;
  }

  /** The window that holds the column's ranges for every subset of rows, if one binding holds them all. */
  whole(o: Ops, max: number): Window | null {
    if (this.id === -1 || !this.one || windowSize(this.lo, this.hi) > max) return null;
    return { buffer: o.buffers[this.id], lo: windowStart(this.lo), hi: this.hi, start: 0, end: 0 };
  }
}

class AllocationMap {
  /** The allocation `find` found: its addresses [lo, hi), its offset in its buffer minus its base address, its buffer id. */
  lo = 0;
  hi = 0;
  delta = 0;
  id = 0;
  private readonly ids = new Map<GPUBuffer, number>();

  constructor(
    private readonly ctx: Context,
    private readonly buffers: GPUBuffer[],
  ) {}

  /** Looks `ptr` up; false for no pointer, NULL, or no allocation WebGPU backs. */
  find(ptr: number): boolean {
    if (!isPtr(ptr) || ptr === 0) return false;
    const a = this.ctx.dev.space.find(ptr);
    // Memory WebGPU could not back is no destination (nor source) any more.
    if (!a || a.backing.failed) return false;
    const buffer = a.backing.buffer;
    let id = this.ids.get(buffer);
    if (id === undefined) {
      id = this.buffers.length;
      this.ids.set(buffer, id);
      this.buffers.push(buffer);
    }
    this.lo = a.base;
    this.hi = a.base + a.size;
    this.delta = a.offset - a.base;
    this.id = id;
    return true;
  }
}

function columns(n: number): Ops {
  let mem = spareColumns;
  if (mem && mem.byteLength >= n * 78) spareColumns = null;
  else mem = new ArrayBuffer(n * 78);
  return {
    n,
    mem,
    mask: 0,
    buffers: [],
    srcOff: new Float64Array(mem, 0, n),
    srcLen: new Float64Array(mem, 8 * n, n),
    dstOff: new Float64Array(mem, 16 * n, n),
    cap: new Float64Array(mem, 24 * n, n),
    actOff: new Float64Array(mem, 32 * n, n),
    stOff: new Float64Array(mem, 40 * n, n),
    outByte: new Float64Array(mem, 48 * n, n),
    srcBuf: new Uint32Array(mem, 56 * n, n),
    dstBuf: new Uint32Array(mem, 60 * n, n),
    actBuf: new Uint32Array(mem, 64 * n, n),
    stBuf: new Uint32Array(mem, 68 * n, n),
    row: new Uint32Array(mem, 72 * n, n),
    algo: new Uint8Array(mem, 76 * n, n),
    auto: new Uint8Array(mem, 77 * n, n),
    spans: { src: new Span(), dst: new Span(), act: new Span(), st: new Span() },
  };
}

function read(ctx: Context, paramsArray: ArrayLike<CUmemDecompressParams>, o: Ops): number {
  const n = o.n;
  const { srcOff, srcLen, dstOff, cap, actOff, stOff, srcBuf, dstBuf, actBuf, stBuf, algo: algos, auto } = o;
  const map = new AllocationMap(ctx, o.buffers);
  // Per column (sources, destinations, dstActBytes, status words): the last allocation's addresses
  // [lo, hi), its offset in its buffer minus its base address, its buffer id (hi 0: none yet).
  let sLo = 0, sHi = 0, sDelta = 0, sId = 0;
  let dLo = 0, dHi = 0, dDelta = 0, dId = 0;
  let aLo = 0, aHi = 0, aDelta = 0, aId = 0;
  let tLo = 0, tHi = 0, tDelta = 0, tId = 0;
  const { src: ss, dst: ds, act: as, st: ts } = o.spans;
  for (let i = 0; i < n; i++) {
    const q = paramsArray[i] as Partial<CUmemDecompressParams> | null;
    if (typeof q !== 'object' || q === null) return i;
    const { algo, srcNumBytes, dstNumBytes, src, dst, dstActBytes, status } = q;
    if (algo !== CU_MEM_DECOMPRESS_ALGORITHM_LZ4 && algo !== CU_MEM_DECOMPRESS_ALGORITHM_SNAPPY && algo !== CU_MEM_DECOMPRESS_ALGORITHM_DEFLATE) return i;
    if (!isSize(srcNumBytes) || !isSize(dstNumBytes) || dstNumBytes > DECOMPRESS_MAX_LENGTH) return i;
    if (typeof src !== 'number' || typeof dst !== 'number' || typeof dstActBytes !== 'number') return i;
    // A pointer in the column's last allocation needs only to be an integer; any other is looked up.
    if (src >= sLo && src < sHi) {
      if (!Number.isInteger(src)) return i;
    } else {
      if (!map.find(src)) return i;
      (sLo = map.lo), (sHi = map.hi), (sDelta = map.delta), (sId = map.id);
    }
    if (dst >= dLo && dst < dHi) {
      if (!Number.isInteger(dst)) return i;
    } else {
      if (!map.find(dst)) return i;
      (dLo = map.lo), (dHi = map.hi), (dDelta = map.delta), (dId = map.id);
    }
    if (dstActBytes >= aLo && dstActBytes < aHi) {
      if (!Number.isInteger(dstActBytes)) return i;
    } else {
      if (!map.find(dstActBytes)) return i;
      (aLo = map.lo), (aHi = map.hi), (aDelta = map.delta), (aId = map.id);
    }
    // An empty stream is legal (raw Snappy of nothing is zero bytes); its pointer must still be valid.
    if (src + (srcNumBytes || 1) > sHi || dstActBytes + 4 > aHi) return i;
    const room = dHi - dst;
    const c = dstNumBytes === 0 ? Math.min(room, DECOMPRESS_MAX_LENGTH) : dstNumBytes;
    if (c > room) return i;
    if (status !== undefined && status !== 0) {
      if (typeof status !== 'number') return i;
      if (status >= tLo && status < tHi) {
        if (!Number.isInteger(status)) return i;
      } else {
        if (!map.find(status)) return i;
        (tLo = map.lo), (tHi = map.hi), (tDelta = map.delta), (tId = map.id);
      }
      if (status + 4 > tHi) return i;
      const off = status + tDelta;
      stBuf[i] = tId;
      stOff[i] = off;
      ts.add(tId, off, off + 4);
    } else stBuf[i] = NONE;
    const so = src + sDelta;
    const d = dst + dDelta;
    const a = dstActBytes + aDelta;
    algos[i] = algo;
    srcBuf[i] = sId;
    srcOff[i] = so;
    srcLen[i] = srcNumBytes;
    dstBuf[i] = dId;
    dstOff[i] = d;
    cap[i] = c;
    auto[i] = dstNumBytes === 0 ? 1 : 0;
    actBuf[i] = aId;
    actOff[i] = a;
    ss.add(sId, so, so + srcNumBytes);
    ds.add(dId, d, d + c);
    as.add(aId, a, a + 4);
    o.mask |= algo;
  }
  return -1;
}
function readNoSpan(ctx: Context, paramsArray: ArrayLike<CUmemDecompressParams>, o: Ops): number {
  const n = o.n;
  const { srcOff, srcLen, dstOff, cap, actOff, stOff, srcBuf, dstBuf, actBuf, stBuf, algo: algos, auto } = o;
  const map = new AllocationMap(ctx, o.buffers);
  // Per column (sources, destinations, dstActBytes, status words): the last allocation's addresses
  // [lo, hi), its offset in its buffer minus its base address, its buffer id (hi 0: none yet).
  let sLo = 0, sHi = 0, sDelta = 0, sId = 0;
  let dLo = 0, dHi = 0, dDelta = 0, dId = 0;
  let aLo = 0, aHi = 0, aDelta = 0, aId = 0;
  let tLo = 0, tHi = 0, tDelta = 0, tId = 0;
  const { src: ss, dst: ds, act: as, st: ts } = o.spans;
  for (let i = 0; i < n; i++) {
    const q = paramsArray[i] as Partial<CUmemDecompressParams> | null;
    if (typeof q !== 'object' || q === null) return i;
    const { algo, srcNumBytes, dstNumBytes, src, dst, dstActBytes, status } = q;
    if (algo !== CU_MEM_DECOMPRESS_ALGORITHM_LZ4 && algo !== CU_MEM_DECOMPRESS_ALGORITHM_SNAPPY && algo !== CU_MEM_DECOMPRESS_ALGORITHM_DEFLATE) return i;
    if (!isSize(srcNumBytes) || !isSize(dstNumBytes) || dstNumBytes > DECOMPRESS_MAX_LENGTH) return i;
    if (typeof src !== 'number' || typeof dst !== 'number' || typeof dstActBytes !== 'number') return i;
    // A pointer in the column's last allocation needs only to be an integer; any other is looked up.
    if (src >= sLo && src < sHi) {
      if (!Number.isInteger(src)) return i;
    } else {
      if (!map.find(src)) return i;
      (sLo = map.lo), (sHi = map.hi), (sDelta = map.delta), (sId = map.id);
    }
    if (dst >= dLo && dst < dHi) {
      if (!Number.isInteger(dst)) return i;
    } else {
      if (!map.find(dst)) return i;
      (dLo = map.lo), (dHi = map.hi), (dDelta = map.delta), (dId = map.id);
    }
    if (dstActBytes >= aLo && dstActBytes < aHi) {
      if (!Number.isInteger(dstActBytes)) return i;
    } else {
      if (!map.find(dstActBytes)) return i;
      (aLo = map.lo), (aHi = map.hi), (aDelta = map.delta), (aId = map.id);
    }
    // An empty stream is legal (raw Snappy of nothing is zero bytes); its pointer must still be valid.
    if (src + (srcNumBytes || 1) > sHi || dstActBytes + 4 > aHi) return i;
    const room = dHi - dst;
    const c = dstNumBytes === 0 ? Math.min(room, DECOMPRESS_MAX_LENGTH) : dstNumBytes;
    if (c > room) return i;
    if (status !== undefined && status !== 0) {
      if (typeof status !== 'number') return i;
      if (status >= tLo && status < tHi) {
        if (!Number.isInteger(status)) return i;
      } else {
        if (!map.find(status)) return i;
        (tLo = map.lo), (tHi = map.hi), (tDelta = map.delta), (tId = map.id);
      }
      if (status + 4 > tHi) return i;
      const off = status + tDelta;
      stBuf[i] = tId;
      stOff[i] = off;
    } else stBuf[i] = NONE;
    const so = src + sDelta;
    const d = dst + dDelta;
    const a = dstActBytes + aDelta;
    algos[i] = algo;
    srcBuf[i] = sId;
    srcOff[i] = so;
    srcLen[i] = srcNumBytes;
    dstBuf[i] = dId;
    dstOff[i] = d;
    cap[i] = c;
    auto[i] = dstNumBytes === 0 ? 1 : 0;
    actBuf[i] = aId;
    actOff[i] = a;
    o.mask |= algo;
  }
  return -1;
}
function readChecks(ctx: Context, paramsArray: ArrayLike<CUmemDecompressParams>, o: Ops): number {
  const n = o.n;
  const { srcOff, srcLen, dstOff, cap, actOff, stOff, srcBuf, dstBuf, actBuf, stBuf, algo: algos, auto } = o;
  const map = new AllocationMap(ctx, o.buffers);
  // Per column (sources, destinations, dstActBytes, status words): the last allocation's addresses
  // [lo, hi), its offset in its buffer minus its base address, its buffer id (hi 0: none yet).
  let sLo = 0, sHi = 0, sDelta = 0, sId = 0;
  let dLo = 0, dHi = 0, dDelta = 0, dId = 0;
  let aLo = 0, aHi = 0, aDelta = 0, aId = 0;
  let tLo = 0, tHi = 0, tDelta = 0, tId = 0;
  const { src: ss, dst: ds, act: as, st: ts } = o.spans;
  for (let i = 0; i < n; i++) {
    const q = paramsArray[i] as Partial<CUmemDecompressParams> | null;
    if (typeof q !== 'object' || q === null) return i;
    const { algo, srcNumBytes, dstNumBytes, src, dst, dstActBytes, status } = q;
    if (algo !== CU_MEM_DECOMPRESS_ALGORITHM_LZ4 && algo !== CU_MEM_DECOMPRESS_ALGORITHM_SNAPPY && algo !== CU_MEM_DECOMPRESS_ALGORITHM_DEFLATE) return i;
    if (!isSize(srcNumBytes) || !isSize(dstNumBytes) || dstNumBytes > DECOMPRESS_MAX_LENGTH) return i;
    if (typeof src !== 'number' || typeof dst !== 'number' || typeof dstActBytes !== 'number') return i;
    // A pointer in the column's last allocation needs only to be an integer; any other is looked up.
    if (src >= sLo && src < sHi) {
      if (!Number.isInteger(src)) return i;
    } else {
      if (!map.find(src)) return i;
      (sLo = map.lo), (sHi = map.hi), (sDelta = map.delta), (sId = map.id);
    }
    if (dst >= dLo && dst < dHi) {
      if (!Number.isInteger(dst)) return i;
    } else {
      if (!map.find(dst)) return i;
      (dLo = map.lo), (dHi = map.hi), (dDelta = map.delta), (dId = map.id);
    }
    if (dstActBytes >= aLo && dstActBytes < aHi) {
      if (!Number.isInteger(dstActBytes)) return i;
    } else {
      if (!map.find(dstActBytes)) return i;
      (aLo = map.lo), (aHi = map.hi), (aDelta = map.delta), (aId = map.id);
    }
    // An empty stream is legal (raw Snappy of nothing is zero bytes); its pointer must still be valid.
    if (src + (srcNumBytes || 1) > sHi || dstActBytes + 4 > aHi) return i;
    const room = dHi - dst;
    const c = dstNumBytes === 0 ? Math.min(room, DECOMPRESS_MAX_LENGTH) : dstNumBytes;
    if (c > room) return i;
    if (status !== undefined && status !== 0) {
      if (typeof status !== 'number') return i;
      if (status >= tLo && status < tHi) {
        if (!Number.isInteger(status)) return i;
      } else {
        if (!map.find(status)) return i;
        (tLo = map.lo), (tHi = map.hi), (tDelta = map.delta), (tId = map.id);
      }
      if (status + 4 > tHi) return i;
      const off = status + tDelta;
      stBuf[i] = tId;
      stOff[i] = off;
    } else stBuf[i] = NONE;
    const so = src + sDelta;
    const d = dst + dDelta;
    const a = dstActBytes + aDelta;
    o.mask |= algo + so + d + a + c + sId + dId + aId;
  }
  return -1;
}
function readNoInt(ctx: Context, paramsArray: ArrayLike<CUmemDecompressParams>, o: Ops): number {
  const n = o.n;
  const { srcOff, srcLen, dstOff, cap, actOff, stOff, srcBuf, dstBuf, actBuf, stBuf, algo: algos, auto } = o;
  const map = new AllocationMap(ctx, o.buffers);
  // Per column (sources, destinations, dstActBytes, status words): the last allocation's addresses
  // [lo, hi), its offset in its buffer minus its base address, its buffer id (hi 0: none yet).
  let sLo = 0, sHi = 0, sDelta = 0, sId = 0;
  let dLo = 0, dHi = 0, dDelta = 0, dId = 0;
  let aLo = 0, aHi = 0, aDelta = 0, aId = 0;
  let tLo = 0, tHi = 0, tDelta = 0, tId = 0;
  const { src: ss, dst: ds, act: as, st: ts } = o.spans;
  for (let i = 0; i < n; i++) {
    const q = paramsArray[i] as Partial<CUmemDecompressParams> | null;
    if (typeof q !== 'object' || q === null) return i;
    const { algo, srcNumBytes, dstNumBytes, src, dst, dstActBytes, status } = q;
    if (algo !== CU_MEM_DECOMPRESS_ALGORITHM_LZ4 && algo !== CU_MEM_DECOMPRESS_ALGORITHM_SNAPPY && algo !== CU_MEM_DECOMPRESS_ALGORITHM_DEFLATE) return i;
    if (!isSize(srcNumBytes) || !isSize(dstNumBytes) || dstNumBytes > DECOMPRESS_MAX_LENGTH) return i;
    if (typeof src !== 'number' || typeof dst !== 'number' || typeof dstActBytes !== 'number') return i;
    // A pointer in the column's last allocation needs only to be an integer; any other is looked up.
    if (src >= sLo && src < sHi) {
      
    } else {
      if (!map.find(src)) return i;
      (sLo = map.lo), (sHi = map.hi), (sDelta = map.delta), (sId = map.id);
    }
    if (dst >= dLo && dst < dHi) {
      
    } else {
      if (!map.find(dst)) return i;
      (dLo = map.lo), (dHi = map.hi), (dDelta = map.delta), (dId = map.id);
    }
    if (dstActBytes >= aLo && dstActBytes < aHi) {
      
    } else {
      if (!map.find(dstActBytes)) return i;
      (aLo = map.lo), (aHi = map.hi), (aDelta = map.delta), (aId = map.id);
    }
    // An empty stream is legal (raw Snappy of nothing is zero bytes); its pointer must still be valid.
    if (src + (srcNumBytes || 1) > sHi || dstActBytes + 4 > aHi) return i;
    const room = dHi - dst;
    const c = dstNumBytes === 0 ? Math.min(room, DECOMPRESS_MAX_LENGTH) : dstNumBytes;
    if (c > room) return i;
    if (status !== undefined && status !== 0) {
      if (typeof status !== 'number') return i;
      if (status >= tLo && status < tHi) {
        
      } else {
        if (!map.find(status)) return i;
        (tLo = map.lo), (tHi = map.hi), (tDelta = map.delta), (tId = map.id);
      }
      if (status + 4 > tHi) return i;
      const off = status + tDelta;
      stBuf[i] = tId;
      stOff[i] = off;
    } else stBuf[i] = NONE;
    const so = src + sDelta;
    const d = dst + dDelta;
    const a = dstActBytes + aDelta;
    o.mask |= algo + so + d + a + c + sId + dId + aId;
  }
  return -1;
}
function readNoSize(ctx: Context, paramsArray: ArrayLike<CUmemDecompressParams>, o: Ops): number {
  const n = o.n;
  const { srcOff, srcLen, dstOff, cap, actOff, stOff, srcBuf, dstBuf, actBuf, stBuf, algo: algos, auto } = o;
  const map = new AllocationMap(ctx, o.buffers);
  // Per column (sources, destinations, dstActBytes, status words): the last allocation's addresses
  // [lo, hi), its offset in its buffer minus its base address, its buffer id (hi 0: none yet).
  let sLo = 0, sHi = 0, sDelta = 0, sId = 0;
  let dLo = 0, dHi = 0, dDelta = 0, dId = 0;
  let aLo = 0, aHi = 0, aDelta = 0, aId = 0;
  let tLo = 0, tHi = 0, tDelta = 0, tId = 0;
  const { src: ss, dst: ds, act: as, st: ts } = o.spans;
  for (let i = 0; i < n; i++) {
    const q = paramsArray[i] as Partial<CUmemDecompressParams> | null;
    if (typeof q !== 'object' || q === null) return i;
    const { algo, srcNumBytes, dstNumBytes, src, dst, dstActBytes, status } = q;
    if (algo !== CU_MEM_DECOMPRESS_ALGORITHM_LZ4 && algo !== CU_MEM_DECOMPRESS_ALGORITHM_SNAPPY && algo !== CU_MEM_DECOMPRESS_ALGORITHM_DEFLATE) return i;
    if (typeof srcNumBytes !== 'number' || typeof dstNumBytes !== 'number') return i;
    if (typeof src !== 'number' || typeof dst !== 'number' || typeof dstActBytes !== 'number') return i;
    // A pointer in the column's last allocation needs only to be an integer; any other is looked up.
    if (src >= sLo && src < sHi) {
      if (!Number.isInteger(src)) return i;
    } else {
      if (!map.find(src)) return i;
      (sLo = map.lo), (sHi = map.hi), (sDelta = map.delta), (sId = map.id);
    }
    if (dst >= dLo && dst < dHi) {
      if (!Number.isInteger(dst)) return i;
    } else {
      if (!map.find(dst)) return i;
      (dLo = map.lo), (dHi = map.hi), (dDelta = map.delta), (dId = map.id);
    }
    if (dstActBytes >= aLo && dstActBytes < aHi) {
      if (!Number.isInteger(dstActBytes)) return i;
    } else {
      if (!map.find(dstActBytes)) return i;
      (aLo = map.lo), (aHi = map.hi), (aDelta = map.delta), (aId = map.id);
    }
    // An empty stream is legal (raw Snappy of nothing is zero bytes); its pointer must still be valid.
    if (src + (srcNumBytes || 1) > sHi || dstActBytes + 4 > aHi) return i;
    const room = dHi - dst;
    const c = dstNumBytes === 0 ? Math.min(room, DECOMPRESS_MAX_LENGTH) : dstNumBytes;
    if (c > room) return i;
    if (status !== undefined && status !== 0) {
      if (typeof status !== 'number') return i;
      if (status >= tLo && status < tHi) {
        if (!Number.isInteger(status)) return i;
      } else {
        if (!map.find(status)) return i;
        (tLo = map.lo), (tHi = map.hi), (tDelta = map.delta), (tId = map.id);
      }
      if (status + 4 > tHi) return i;
      const off = status + tDelta;
      stBuf[i] = tId;
      stOff[i] = off;
    } else stBuf[i] = NONE;
    const so = src + sDelta;
    const d = dst + dDelta;
    const a = dstActBytes + aDelta;
    o.mask |= algo + so + d + a + c + sId + dId + aId;
  }
  return -1;
}
function readNoAlgo(ctx: Context, paramsArray: ArrayLike<CUmemDecompressParams>, o: Ops): number {
  const n = o.n;
  const { srcOff, srcLen, dstOff, cap, actOff, stOff, srcBuf, dstBuf, actBuf, stBuf, algo: algos, auto } = o;
  const map = new AllocationMap(ctx, o.buffers);
  // Per column (sources, destinations, dstActBytes, status words): the last allocation's addresses
  // [lo, hi), its offset in its buffer minus its base address, its buffer id (hi 0: none yet).
  let sLo = 0, sHi = 0, sDelta = 0, sId = 0;
  let dLo = 0, dHi = 0, dDelta = 0, dId = 0;
  let aLo = 0, aHi = 0, aDelta = 0, aId = 0;
  let tLo = 0, tHi = 0, tDelta = 0, tId = 0;
  const { src: ss, dst: ds, act: as, st: ts } = o.spans;
  for (let i = 0; i < n; i++) {
    const q = paramsArray[i] as Partial<CUmemDecompressParams> | null;
    if (typeof q !== 'object' || q === null) return i;
    const { algo, srcNumBytes, dstNumBytes, src, dst, dstActBytes, status } = q;
    
    if (!isSize(srcNumBytes) || !isSize(dstNumBytes) || dstNumBytes > DECOMPRESS_MAX_LENGTH) return i;
    if (typeof src !== 'number' || typeof dst !== 'number' || typeof dstActBytes !== 'number') return i;
    // A pointer in the column's last allocation needs only to be an integer; any other is looked up.
    if (src >= sLo && src < sHi) {
      if (!Number.isInteger(src)) return i;
    } else {
      if (!map.find(src)) return i;
      (sLo = map.lo), (sHi = map.hi), (sDelta = map.delta), (sId = map.id);
    }
    if (dst >= dLo && dst < dHi) {
      if (!Number.isInteger(dst)) return i;
    } else {
      if (!map.find(dst)) return i;
      (dLo = map.lo), (dHi = map.hi), (dDelta = map.delta), (dId = map.id);
    }
    if (dstActBytes >= aLo && dstActBytes < aHi) {
      if (!Number.isInteger(dstActBytes)) return i;
    } else {
      if (!map.find(dstActBytes)) return i;
      (aLo = map.lo), (aHi = map.hi), (aDelta = map.delta), (aId = map.id);
    }
    // An empty stream is legal (raw Snappy of nothing is zero bytes); its pointer must still be valid.
    if (src + (srcNumBytes || 1) > sHi || dstActBytes + 4 > aHi) return i;
    const room = dHi - dst;
    const c = dstNumBytes === 0 ? Math.min(room, DECOMPRESS_MAX_LENGTH) : dstNumBytes;
    if (c > room) return i;
    if (status !== undefined && status !== 0) {
      if (typeof status !== 'number') return i;
      if (status >= tLo && status < tHi) {
        if (!Number.isInteger(status)) return i;
      } else {
        if (!map.find(status)) return i;
        (tLo = map.lo), (tHi = map.hi), (tDelta = map.delta), (tId = map.id);
      }
      if (status + 4 > tHi) return i;
      const off = status + tDelta;
      stBuf[i] = tId;
      stOff[i] = off;
    } else stBuf[i] = NONE;
    const so = src + sDelta;
    const d = dst + dDelta;
    const a = dstActBytes + aDelta;
    o.mask |= algo + so + d + a + c + sId + dId + aId;
  }
  return -1;
}
function readNoMask(ctx: Context, paramsArray: ArrayLike<CUmemDecompressParams>, o: Ops): number {
  const n = o.n;
  const { srcOff, srcLen, dstOff, cap, actOff, stOff, srcBuf, dstBuf, actBuf, stBuf, algo: algos, auto } = o;
  const map = new AllocationMap(ctx, o.buffers);
  // Per column (sources, destinations, dstActBytes, status words): the last allocation's addresses
  // [lo, hi), its offset in its buffer minus its base address, its buffer id (hi 0: none yet).
  let sLo = 0, sHi = 0, sDelta = 0, sId = 0;
  let dLo = 0, dHi = 0, dDelta = 0, dId = 0;
  let aLo = 0, aHi = 0, aDelta = 0, aId = 0;
  let tLo = 0, tHi = 0, tDelta = 0, tId = 0;
  const { src: ss, dst: ds, act: as, st: ts } = o.spans;
  for (let i = 0; i < n; i++) {
    const q = paramsArray[i] as Partial<CUmemDecompressParams> | null;
    if (typeof q !== 'object' || q === null) return i;
    const { algo, srcNumBytes, dstNumBytes, src, dst, dstActBytes, status } = q;
    if (algo !== CU_MEM_DECOMPRESS_ALGORITHM_LZ4 && algo !== CU_MEM_DECOMPRESS_ALGORITHM_SNAPPY && algo !== CU_MEM_DECOMPRESS_ALGORITHM_DEFLATE) return i;
    if (!isSize(srcNumBytes) || !isSize(dstNumBytes) || dstNumBytes > DECOMPRESS_MAX_LENGTH) return i;
    if (typeof src !== 'number' || typeof dst !== 'number' || typeof dstActBytes !== 'number') return i;
    // A pointer in the column's last allocation needs only to be an integer; any other is looked up.
    if (src >= sLo && src < sHi) {
      if (!Number.isInteger(src)) return i;
    } else {
      if (!map.find(src)) return i;
      (sLo = map.lo), (sHi = map.hi), (sDelta = map.delta), (sId = map.id);
    }
    if (dst >= dLo && dst < dHi) {
      if (!Number.isInteger(dst)) return i;
    } else {
      if (!map.find(dst)) return i;
      (dLo = map.lo), (dHi = map.hi), (dDelta = map.delta), (dId = map.id);
    }
    if (dstActBytes >= aLo && dstActBytes < aHi) {
      if (!Number.isInteger(dstActBytes)) return i;
    } else {
      if (!map.find(dstActBytes)) return i;
      (aLo = map.lo), (aHi = map.hi), (aDelta = map.delta), (aId = map.id);
    }
    // An empty stream is legal (raw Snappy of nothing is zero bytes); its pointer must still be valid.
    if (src + (srcNumBytes || 1) > sHi || dstActBytes + 4 > aHi) return i;
    const room = dHi - dst;
    const c = dstNumBytes === 0 ? Math.min(room, DECOMPRESS_MAX_LENGTH) : dstNumBytes;
    if (c > room) return i;
    if (status !== undefined && status !== 0) {
      if (typeof status !== 'number') return i;
      if (status >= tLo && status < tHi) {
        if (!Number.isInteger(status)) return i;
      } else {
        if (!map.find(status)) return i;
        (tLo = map.lo), (tHi = map.hi), (tDelta = map.delta), (tId = map.id);
      }
      if (status + 4 > tHi) return i;
      const off = status + tDelta;
      stBuf[i] = tId;
      stOff[i] = off;
    } else stBuf[i] = NONE;
    const so = src + sDelta;
    const d = dst + dDelta;
    const a = dstActBytes + aDelta;
    algos[i] = algo;
    srcBuf[i] = sId;
    srcOff[i] = so;
    srcLen[i] = srcNumBytes;
    dstBuf[i] = dId;
    dstOff[i] = d;
    cap[i] = c;
    auto[i] = dstNumBytes === 0 ? 1 : 0;
    actBuf[i] = aId;
    actOff[i] = a;
  }
  return -1;
}
function readOnly(ctx: Context, paramsArray: ArrayLike<CUmemDecompressParams>, o: Ops): number {
  let x = 0;
  for (let i = 0; i < o.n; i++) {
    const q = paramsArray[i];
    if (typeof q !== 'object' || q === null) return i;
    const { algo, srcNumBytes, dstNumBytes, src, dst, dstActBytes, status } = q;
    x += algo + srcNumBytes + dstNumBytes + src + dst + dstActBytes + (status === undefined ? 0 : status);
  }
  return x > 0 ? -1 : 0;
}

const n = 4096;
const allocs = [{ base: 2 ** 32, size: n * 16, offset: 0, backing: { buffer: {}, failed: false } }, { base: 2 ** 33, size: n * 64, offset: 0, backing: { buffer: {}, failed: false } }, { base: 2 ** 34, size: n * 4, offset: 0, backing: { buffer: {}, failed: false } }, { base: 2 ** 35, size: n * 4, offset: 0, backing: { buffer: {}, failed: false } }];
const ctx = { dev: { space: { find: (p: number) => allocs.find((a) => p >= a.base && p < a.base + a.size) } } };
const [src, dst, act, st] = allocs.map((a) => a.base);
const cases: [string, any[]][] = [
  ['plain', Array.from({ length: n }, (_, i) => ({ src: src + i * 16, srcNumBytes: 15, dst: dst + i * 64, dstNumBytes: 64, dstActBytes: act + 4 * i, algo: 4 }))],
  ['status', Array.from({ length: n }, (_, i) => ({ src: src + i * 16, srcNumBytes: 15, dst: dst + i * 64, dstNumBytes: 64, dstActBytes: act + 4 * i, status: st + 4 * i, algo: 4 }))],
];
for (let rep = 0; rep < 1; rep++) for (const [fname, f] of [['read', read], ['noSpan', readNoSpan], ['readOnly', readOnly], ['checks', readChecks], ['noMask', readNoMask], ['noInt', readNoInt], ['noSize', readNoSize], ['noAlgo', readNoAlgo]] as const) for (const [name, params] of cases) {
  let best = Infinity;
  for (let r = 0; r < 2000; r++) { const t0 = performance.now(); const o = columns(n); const bad = f(ctx, params, o); spareColumns = o.mem; if (bad !== -1) throw new Error('bad ' + bad); best = Math.min(best, performance.now() - t0); }
  console.log(fname.padEnd(9), name.padEnd(8), (best * 1000).toFixed(1), 'us');
}
