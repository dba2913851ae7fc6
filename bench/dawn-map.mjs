// What host transfers cost in Dawn itself, piece by piece, without webcu (issue 9): host memcpy (warm,
// into fresh memory, slice), writing into a mapped MAP_WRITE range and reading out of a mapped MAP_READ
// one, mapAsync round trips by size, buffers mapped at creation, and MAP_WRITE / MAP_READ rings with
// chunk sizes and depths webcu could use, mapAsync asked for right after each submit.
//   cp bench/dawn-map.mjs .gpu/ && bash .gpu/run.sh .gpu/dawn-map.mjs      (RAW_MIB=256 per ring row)
import { create, globals } from 'webgpu';
Object.assign(globalThis, globals);
const gpu = create((process.env.DAWN_FLAGS ?? '').split(',').filter(Boolean));
globalThis.keepGpu = gpu;
const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
const l = adapter.limits;
const device = await adapter.requestDevice({ requiredLimits: { maxBufferSize: l.maxBufferSize, maxStorageBufferBindingSize: l.maxStorageBufferBindingSize } });
const q = device.queue;
const MiB = 2 ** 20;
const N = Number(process.env.RAW_MIB || 256) * MiB;
const now = () => performance.now();
const med = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
const say = (label, ms, bytes) => console.log(`${label.padEnd(64)} ${ms.toFixed(3).padStart(9)} ms${bytes ? ` ${(bytes / ms / 1e6).toFixed(2).padStart(8)} GB/s` : ''}`);
/** Median ms of `reps` runs of `fn` after one warm-up. */
async function time(fn, reps = 5) {
  await fn();
  const ts = [];
  for (let i = 0; i < reps; i++) {
    const t = now();
    await fn();
    ts.push(now() - t);
  }
  return med(ts);
}
/** Median ms of getMappedRange alone on `b` freshly mapped with `mode` (5 samples); leaves it mapped. */
let lastRange = null;
async function rangeTime(b, mode) {
  const ts = [];
  for (let i = 0; i < 5; i++) {
    if (b.mapState === 'mapped') b.unmap();
    await b.mapAsync(mode);
    const t = now();
    lastRange = b.getMappedRange();
    ts.push(now() - t);
  }
  return med(ts);
}
const host = new Uint8Array(N);
for (let i = 0; i < N; i += 4096) host[i] = i >>> 12;
const out = new Uint8Array(N);
const dev = device.createBuffer({ size: N, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC });

console.log('== host memcpy');
for (const n of [MiB, 16 * MiB, N]) {
  say(`set warm ${n / MiB} MiB`, await time(() => { for (let o = 0; o + n <= N; o += n) out.set(host.subarray(o, o + n), o); }), N);
  say(`slice (fresh) in ${n / MiB} MiB pieces, kept`, await time(() => { const keep = []; for (let o = 0; o + n <= N; o += n) keep.push(host.slice(o, o + n)); }), N);
  const pool = Array.from({ length: N / n }, () => new Uint8Array(n));
  say(`set into reused ${n / MiB} MiB arrays`, await time(() => { for (let o = 0, i = 0; o + n <= N; o += n, i++) pool[i].set(host.subarray(o, o + n)); }), N);
}

console.log('== buffers mapped at creation, mapped writes and reads, mapAsync round trips');
for (const n of [MiB, 4 * MiB, 16 * MiB, 64 * MiB]) {
  say(`createBuffer MAP_WRITE mappedAtCreation ${n / MiB} MiB + getMappedRange + destroy`, await time(() => { const b = device.createBuffer({ size: n, usage: GPUBufferUsage.MAP_WRITE | GPUBufferUsage.COPY_SRC, mappedAtCreation: true }); b.getMappedRange(); b.destroy(); }));
  const w = device.createBuffer({ size: n, usage: GPUBufferUsage.MAP_WRITE | GPUBufferUsage.COPY_SRC, mappedAtCreation: true });
  let range = new Uint8Array(w.getMappedRange());
  say(`  set into mapped MAP_WRITE range ${n / MiB} MiB (same range)`, await time(() => range.set(host.subarray(0, n))), n);
  say(`  getMappedRange(WRITE) ${n / MiB} MiB, just mapped`, await rangeTime(w, GPUMapMode.WRITE));
  range = new Uint8Array(lastRange);
  say(`  unmap + mapAsync(WRITE) idle buffer ${n / MiB} MiB`, await time(async () => { w.unmap(); await w.mapAsync(GPUMapMode.WRITE); }));
  say(`  unmap + mapAsync(WRITE) + getMappedRange + set ${n / MiB} MiB`, await time(async () => { w.unmap(); await w.mapAsync(GPUMapMode.WRITE); new Uint8Array(w.getMappedRange()).set(host.subarray(0, n)); }), n);
  say(`  copy + submit + mapAsync(WRITE) ${n / MiB} MiB`, await time(async () => { w.unmap(); const e = device.createCommandEncoder(); e.copyBufferToBuffer(w, 0, dev, 0, n); q.submit([e.finish()]); await w.mapAsync(GPUMapMode.WRITE); }));
  w.destroy();
  const r = device.createBuffer({ size: n, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  say(`  copy + submit + mapAsync(READ) ${n / MiB} MiB`, await time(async () => { const e = device.createCommandEncoder(); e.copyBufferToBuffer(dev, 0, r, 0, n); q.submit([e.finish()]); await r.mapAsync(GPUMapMode.READ); r.unmap(); }));
  say(`  getMappedRange(READ) ${n / MiB} MiB, just mapped`, await rangeTime(r, GPUMapMode.READ));
  const rr = new Uint8Array(lastRange);
  say(`  out.set(mapped READ range) ${n / MiB} MiB`, await time(() => out.set(rr)), n);
  say(`  mapped READ range .slice() ${n / MiB} MiB`, await time(() => rr.slice()), n);
  r.unmap();
  r.destroy();
}

console.log(`== MAP_WRITE ring, ${N / MiB} MiB HtoD (chunk x depth, one submit per chunk, mapAsync right after submit)`);
for (const [chunk, depth] of [[MiB, 8], [MiB, 64], [4 * MiB, 4], [4 * MiB, 16], [16 * MiB, 4], [16 * MiB, 8], [64 * MiB, 4]]) {
  const ring = Array.from({ length: depth }, () => device.createBuffer({ size: chunk, usage: GPUBufferUsage.COPY_SRC | GPUBufferUsage.MAP_WRITE, mappedAtCreation: true }));
  const ready = ring.map(() => Promise.resolve());
  say(`HtoD ring ${depth} x ${chunk / MiB} MiB`, await time(async () => {
    for (let o = 0, i = 0; o < N; o += chunk, i++) {
      const k = i % depth;
      const b = ring[k];
      await ready[k];
      new Uint8Array(b.getMappedRange()).set(host.subarray(o, o + chunk));
      b.unmap();
      const e = device.createCommandEncoder();
      e.copyBufferToBuffer(b, 0, dev, o, chunk);
      q.submit([e.finish()]);
      ready[k] = b.mapAsync(GPUMapMode.WRITE);
    }
    await Promise.all(ready);
  }), N);
  ring.forEach((b) => b.destroy());
}

console.log(`== MAP_READ ring, ${N / MiB} MiB DtoH (chunk x depth, mapAsync right after submit, copy out with set)`);
for (const [chunk, depth] of [[MiB, 8], [MiB, 64], [4 * MiB, 4], [4 * MiB, 16], [16 * MiB, 4], [16 * MiB, 8], [64 * MiB, 4], [N, 1]]) {
  const ring = Array.from({ length: depth }, () => device.createBuffer({ size: chunk, usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.MAP_READ }));
  say(`DtoH ring ${depth} x ${chunk / MiB} MiB`, await time(async () => {
    const pend = [];
    const drain = async () => {
      const [b, o, p] = pend.shift();
      await p;
      out.set(new Uint8Array(b.getMappedRange()), o);
      b.unmap();
    };
    for (let o = 0, i = 0; o < N; o += chunk, i++) {
      if (pend.length === depth) await drain();
      const b = ring[i % depth];
      const e = device.createCommandEncoder();
      e.copyBufferToBuffer(dev, o, b, 0, chunk);
      q.submit([e.finish()]);
      pend.push([b, o, b.mapAsync(GPUMapMode.READ)]);
    }
    while (pend.length) await drain();
  }), N);
  ring.forEach((b) => b.destroy());
}
process.exit(0);
