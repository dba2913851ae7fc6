// Session 9 micro-benchmark (not part of the build): 4096 flat items written by copies of TableWriter.push1D (W*)
// and by loops with the writer's counters in locals (p*), min of 2000 calls. Output in tablewriter-micro.txt.
const FLAT_WORDS = 5, TILE_CHUNKS = 1024;
let scratch = new Uint32Array(1 << 16);
let tileMap = new Uint32Array(1 << 12);
class W0 {
  private table: Uint32Array; private n = 0; private tiles = 0; private rows = 0; private edges = false;
  constructor(private readonly srcBase: number, private readonly dstBase: number, count: number, private readonly flat = false) {
    if (scratch.length < count * 5) scratch = new Uint32Array(2 * count * 5);
    this.table = scratch;
  }
  push1D(src: number, dst: number, n: number, sizeAt: number): void {
    if (!this.flat) { throw 1; }
    const d = dst - this.dstBase;
    if (!this.edges) this.edges = sizeAt !== 0 || (d & 15) !== 0 || (n & 15) !== 0;
    const o = this.n * FLAT_WORDS;
    const t = this.table;
    t[o] = src - this.srcBase; t[o + 1] = d; t[o + 2] = n; t[o + 3] = sizeAt; t[o + 4] = this.tiles;
    this.addTiles(n, 1, ((d & 15) + n + 15) >>> 4);
  }
  private addTiles(width: number, rows: number, chunks: number): void {
    const i = this.n++;
    this.rows += rows;
    if (width < 16) return;
    const k = Math.ceil((rows * chunks) / TILE_CHUNKS);
    let at = this.tiles;
    if (tileMap.length < at + k) { const g = new Uint32Array(2 * (at + k)); g.set(tileMap.subarray(0, at)); tileMap = g; }
    for (const end = at + k; at < end; ) tileMap[at++] = i;
    this.tiles = at;
  }
}
// W1: no tiles at all (cost of the rest)
class W1 {
  private table: Uint32Array; private n = 0; private tiles = 0; private rows = 0; private edges = false;
  constructor(private readonly srcBase: number, private readonly dstBase: number, count: number, private readonly flat = false) { this.table = scratch; }
  push1D(src: number, dst: number, n: number, sizeAt: number): void {
    const d = dst - this.dstBase;
    if (!this.edges) this.edges = sizeAt !== 0 || (d & 15) !== 0 || (n & 15) !== 0;
    const o = this.n++ * FLAT_WORDS;
    const t = this.table;
    t[o] = src - this.srcBase; t[o + 1] = d; t[o + 2] = n; t[o + 3] = sizeAt; t[o + 4] = this.tiles;
  }
}
// W2: stores only
class W2 {
  private table: Uint32Array; private n = 0;
  constructor(count: number) { this.table = scratch; }
  push1D(src: number, dst: number, n: number, sizeAt: number): void {
    const o = this.n++ * FLAT_WORDS;
    const t = this.table;
    t[o] = src; t[o + 1] = dst; t[o + 2] = n; t[o + 3] = sizeAt; t[o + 4] = 0;
  }
}

class W6 {
  private table: Uint32Array; private map: Uint32Array = tileMap; private n = 0; private tiles = 0; private rows = 0; private edges = false;
  constructor(private readonly srcBase: number, private readonly dstBase: number, count: number, private readonly flat = false) {
    if (scratch.length < count * 5) scratch = new Uint32Array(2 * count * 5);
    this.table = scratch;
  }
  push1D(src: number, dst: number, n: number, sizeAt: number): void {
    if (!this.flat) { throw 1; }
    const d = dst - this.dstBase;
    if (!this.edges) this.edges = sizeAt !== 0 || (d & 15) !== 0 || (n & 15) !== 0;
    const o = this.n * FLAT_WORDS;
    const t = this.table;
    t[o] = src - this.srcBase; t[o + 1] = d; t[o + 2] = n; t[o + 3] = sizeAt; t[o + 4] = this.tiles;
    this.addTiles(n, 1, ((d & 15) + n + 15) >>> 4);
  }
  private addTiles(width: number, rows: number, chunks: number): void {
    const i = this.n++;
    this.rows += rows;
    if (width < 16) return;
    let at = this.tiles;
    const total = rows * chunks;
    const k = total <= TILE_CHUNKS ? 1 : Math.ceil(total / TILE_CHUNKS);
    let map = this.map;
    if (map.length < at + k) { const g = new Uint32Array(2 * (at + k)); g.set(map.subarray(0, at)); tileMap = this.map = map = g; }
    if (k === 1) map[at++] = i;
    else for (const end = at + k; at < end; ) map[at++] = i;
    this.tiles = at;
  }
}
class W7 {
  private table: Uint32Array; private n = 0; private tiles = 0; private rows = 0; private edges = false;
  constructor(private readonly srcBase: number, private readonly dstBase: number, count: number, private readonly flat = false) {
    if (scratch.length < count * 5) scratch = new Uint32Array(2 * count * 5);
    this.table = scratch;
  }
  push1D(src: number, dst: number, n: number, sizeAt: number): void {
    if (!this.flat) { throw 1; }
    const d = dst - this.dstBase;
    if (!this.edges) this.edges = sizeAt !== 0 || (d & 15) !== 0 || (n & 15) !== 0;
    const o = this.n * FLAT_WORDS;
    const t = this.table;
    t[o] = src - this.srcBase; t[o + 1] = d; t[o + 2] = n; t[o + 3] = sizeAt; t[o + 4] = this.tiles;
    this.addTiles(n, 1, ((d & 15) + n + 15) >>> 4);
  }
  private addTiles(width: number, rows: number, chunks: number): void {
    const i = this.n++;
    this.rows += rows;
    if (width < 16) return;
    let at = this.tiles;
    const total = rows * chunks;
    const k = total <= TILE_CHUNKS ? 1 : Math.ceil(total / TILE_CHUNKS);
    at += k;
    this.tiles = at;
  }
}
class W5 {
  private table: Uint32Array; private n = 0; private tiles = 0; private rows = 0; private edges = false;
  constructor(private readonly srcBase: number, private readonly dstBase: number, count: number, private readonly flat = false) {
    if (scratch.length < count * 5) scratch = new Uint32Array(2 * count * 5);
    this.table = scratch;
  }
  push1D(src: number, dst: number, n: number, sizeAt: number): void {
    if (!this.flat) { throw 1; }
    const d = dst - this.dstBase;
    if (!this.edges) this.edges = sizeAt !== 0 || (d & 15) !== 0 || (n & 15) !== 0;
    const o = this.n * FLAT_WORDS;
    const t = this.table;
    t[o] = src - this.srcBase; t[o + 1] = d; t[o + 2] = n; t[o + 3] = sizeAt; t[o + 4] = this.tiles;
    this.addTiles(n, 1, ((d & 15) + n + 15) >>> 4);
  }
  private addTiles(width: number, rows: number, chunks: number): void {
    const i = this.n++;
    this.rows += rows;
    if (width < 16) return;
    let at = this.tiles;
    const total = rows * chunks;
    const k = total <= TILE_CHUNKS ? 1 : Math.ceil(total / TILE_CHUNKS);
    let map = tileMap;
    if (map.length < at + k) { const g = new Uint32Array(2 * (at + k)); g.set(map.subarray(0, at)); tileMap = map = g; }
    if (k === 1) map[at++] = i;
    else for (const end = at + k; at < end; ) map[at++] = i;
    this.tiles = at;
  }
}
//(t: W5) { for (let j = 0; j < n; j++) t.push1D(outByte[j], dstOff[j], cap[j], 2 * row[j] + 1); }
class W8 {
  private table: Uint32Array; private n = 0; private tiles = 0; private rows = 0; private edges = false;
  constructor(private readonly srcBase: number, private readonly dstBase: number, count: number, private readonly flat = false) {
    if (scratch.length < count * 5) scratch = new Uint32Array(2 * count * 5);
    this.table = scratch;
  }
  push1D(src: number, dst: number, n: number, sizeAt: number): void {
    if (!this.flat) { throw 1; }
    const d = dst - this.dstBase;
    if (!this.edges) this.edges = sizeAt !== 0 || (d & 15) !== 0 || (n & 15) !== 0;
    const i = this.n++;
    const o = i * FLAT_WORDS;
    const t = this.table;
    let at = this.tiles;
    t[o] = src - this.srcBase; t[o + 1] = d; t[o + 2] = n; t[o + 3] = sizeAt; t[o + 4] = at;
    this.rows++;
    if (n < 16) return;
    const chunks = ((d & 15) + n + 15) >>> 4;
    const k = chunks <= TILE_CHUNKS ? 1 : Math.ceil(chunks / TILE_CHUNKS);
    if (tileMap.length < at + k) { const g = new Uint32Array(2 * (at + k)); g.set(tileMap.subarray(0, at)); tileMap = g; }
    for (const end = at + k; at < end; ) tileMap[at++] = i;
    this.tiles = at;
  }
}
const n = 4096;
const outByte = new Float64Array(n), dstOff = new Float64Array(n), cap = new Float64Array(n), row = new Uint32Array(n);
for (let i = 0; i < n; i++) { outByte[i] = i * 64; dstOff[i] = 1024 + i * 64; cap[i] = 64; row[i] = i; }
function p5(t: W5) { for (let j = 0; j < n; j++) t.push1D(outByte[j], dstOff[j], cap[j], 2 * row[j] + 1); }
function p6(t: W6) { for (let j = 0; j < n; j++) t.push1D(outByte[j], dstOff[j], cap[j], 2 * row[j] + 1); }
function p7(t: W7) { for (let j = 0; j < n; j++) t.push1D(outByte[j], dstOff[j], cap[j], 2 * row[j] + 1); }
function p8(t: W8) { for (let j = 0; j < n; j++) t.push1D(outByte[j], dstOff[j], cap[j], 2 * row[j] + 1); }
function p9() {
  const t = scratch; let tiles = 0; let rows = 0; let edges = false; let map = tileMap;
  for (let j = 0; j < n; j++) {
    const d = dstOff[j]; const w = cap[j]; const sizeAt = 2 * row[j] + 1;
    if (!edges) edges = sizeAt !== 0 || (d & 15) !== 0 || (w & 15) !== 0;
    const o = j * 5;
    t[o] = outByte[j]; t[o + 1] = d; t[o + 2] = w; t[o + 3] = sizeAt; t[o + 4] = tiles;
    rows++;
    if (w < 16) continue;
    const chunks = ((d & 15) + w + 15) >>> 4;
    const k = chunks <= TILE_CHUNKS ? 1 : Math.ceil(chunks / TILE_CHUNKS);
    if (map.length < tiles + k) { const g = new Uint32Array(2 * (tiles + k)); g.set(map.subarray(0, tiles)); tileMap = map = g; }
    for (const end = tiles + k; tiles < end; ) map[tiles++] = j;
  }
  return tiles + rows + (edges ? 1 : 0);
}
function p10() {
  const t = scratch; let tiles = 0; let map = tileMap;
  for (let j = 0; j < n; j++) {
    const d = dstOff[j]; const w = cap[j];
    const o = j * 5;
    t[o] = outByte[j]; t[o + 1] = d; t[o + 2] = w; t[o + 3] = 2 * row[j] + 1; t[o + 4] = tiles;
    if (w < 16) continue;
    const chunks = ((d & 15) + w + 15) >>> 4;
    if (chunks <= TILE_CHUNKS && tiles < map.length) { map[tiles++] = j; continue; }
    const k = Math.ceil(chunks / TILE_CHUNKS);
    if (map.length < tiles + k) { const g = new Uint32Array(2 * (tiles + k)); g.set(map.subarray(0, tiles)); tileMap = map = g; }
    for (const end = tiles + k; tiles < end; ) map[tiles++] = j;
  }
  return tiles;
}
function p11() {
  const t = scratch; let tiles = 0; let map = tileMap;
  for (let j = 0; j < n; j++) {
    const d = dstOff[j]; const w = cap[j];
    const o = j * 5;
    t[o] = outByte[j]; t[o + 1] = d; t[o + 2] = w; t[o + 3] = 2 * row[j] + 1; t[o + 4] = tiles;
    if (w < 16) continue;
    const k = Math.ceil((((d & 15) + w + 15) >>> 4) / TILE_CHUNKS);
    if (map.length < tiles + k) { const g = new Uint32Array(2 * (tiles + k)); g.set(map.subarray(0, tiles)); tileMap = map = g; }
    for (const end = tiles + k; tiles < end; ) map[tiles++] = j;
  }
  return tiles;
}
function p0(t: W0) { for (let j = 0; j < n; j++) t.push1D(outByte[j], dstOff[j], cap[j], 2 * row[j] + 1); }
function p1(t: W1) { for (let j = 0; j < n; j++) t.push1D(outByte[j], dstOff[j], cap[j], 2 * row[j] + 1); }
function p2(t: W2) { for (let j = 0; j < n; j++) t.push1D(outByte[j], dstOff[j], cap[j], 2 * row[j] + 1); }
function p3() { const t = scratch; for (let j = 0; j < n; j++) { const o = j * 5; t[o] = outByte[j]; t[o + 1] = dstOff[j]; t[o + 2] = cap[j]; t[o + 3] = 2 * row[j] + 1; t[o + 4] = 0; } }
function p4() { const t = scratch; for (let j = 0; j < n; j++) { const o = j * 5; t[o] = row[j]; t[o + 1] = row[j]; t[o + 2] = row[j]; t[o + 3] = 2 * row[j] + 1; t[o + 4] = 0; } }
const cases: [string, () => void][] = [
  ['W0 full', () => p0(new W0(0, 0, n, true))],
  ['W5 tiles fast', () => p5(new W5(0, 0, n, true))],
  ['W6 map field', () => p6(new W6(0, 0, n, true))],
  ['W7 no map', () => p7(new W7(0, 0, n, true))],
  ['W8 inline tiles', () => p8(new W8(0, 0, n, true))],
  ['p9 bulk locals', () => p9()],
  ['p11 bulk (as now)', () => p11()],
  ['p10 bulk k=1 fast', () => p10()],
  ['W1 no tiles', () => p1(new W1(0, 0, n, true))],
  ['W2 stores', () => p2(new W2(n))],
  ['p3 inline f64->u32', () => p3()],
  ['p4 inline u32->u32', () => p4()],
];
for (let rep = 0; rep < 2; rep++) for (const [name, f] of cases) {
  let best = Infinity;
  for (let r = 0; r < 2000; r++) { const t0 = performance.now(); f(); best = Math.min(best, performance.now() - t0); }
  console.log(name.padEnd(22), (best * 1000).toFixed(1), 'us');
}
