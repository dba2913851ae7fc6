// lz4-paths.mjs for Snappy: how often shaders/snappy.wgsl's fast step hands an element to the careful one,
// and how often the two operations of a pair (chunks k and k + 1) take different paths in the same step
// (the careful step against the fast one, or a literal against a copy: the fast step's two branches).
// A CPU model of parse_group (NSEQ 16, 256-byte window restaged at each round's first element).
//   node bench/results/local/session21/snappy-paths.mjs [.gpu/corpus.br]
import { readFileSync } from 'node:fs';
import { brotliDecompressSync } from 'node:zlib';

const all = brotliDecompressSync(readFileSync(process.argv[2] ?? '.gpu/corpus.br'));
const n = all.readUInt32LE(0);
const manifest = JSON.parse(all.subarray(4, 4 + n).toString());
const blob = new Uint8Array(all.buffer, all.byteOffset + 4 + n, all.length - 4 - n);
const NSEQ = 16, WB = 256;

// Paths of one raw Snappy stream's steps, per round ('l' a literal or 'c' a copy in the fast step, 's'
// careful); the reason of each careful one.
function rounds(src, why) {
  const out = [];
  let p = 0, pos = 0;
  while (p < src.length) {
    const base = (p >> 2) << 2;
    const lim = Math.min(WB, src.length - base);
    const steps = [];
    for (let k = 0; k < NSEQ && p < src.length; k++) {
      const r = p - base, tag = src[p], kind = tag & 3;
      let reason = null;
      if (kind === 0) {
        const len = (tag >> 2) + 1;
        if (len > 60) reason = 'long literal';
        else if (r + 1 + len > lim) reason = 'literal past the window';
      } else if (kind === 3) reason = '4-byte offset';
      else if (r + kind + 1 > lim) reason = 'copy past the window';
      steps.push(reason ? 's' : kind === 0 ? 'l' : 'c');
      if (reason) why[reason] = (why[reason] ?? 0) + 1;
      // Step over the element.
      if (kind === 0) {
        let len = (tag >> 2) + 1, x = 0;
        if (len > 60) { x = len - 60; len = 0; for (let i = 0; i < x; i++) len |= src[p + 1 + i] << (8 * i); len += 1; }
        p += 1 + x + len;
        pos += len;
      } else {
        p += kind === 1 ? 2 : kind === 2 ? 3 : 5;
        pos += kind === 1 ? ((tag >> 2) & 7) + 4 : (tag >> 2) + 1;
      }
    }
    out.push(steps);
  }
  return out;
}

for (const e of manifest.filter((m) => ['text', 'json', 'binary', 'logs', 'numbers'].includes(m.name))) {
  const streams = e.snappy64.map(([o, l]) => blob.subarray(o, o + l)).slice(0, 32);
  let steps = 0, slow = 0, both = 0, diverged = 0;
  const why = {};
  for (let k = 0; k + 1 < streams.length; k += 2) {
    const a = rounds(streams[k], why), b = rounds(streams[k + 1], why);
    for (const r of [...a, ...b]) { steps += r.length; slow += r.filter((s) => s === 's').length; }
    // Different paths: careful against fast, or a literal against a copy (fast_one's two branches).
    for (let i = 0; i < Math.min(a.length, b.length); i++)
      for (let j = 0; j < Math.min(a[i].length, b[i].length); j++) { both++; if (a[i][j] !== b[i][j]) diverged++; }
  }
  const reasons = Object.entries(why).map(([k, v]) => `${k} ${(100 * v / steps).toFixed(1)}%`).join(', ');
  console.log(`${e.name.padEnd(8)} careful steps ${(100 * slow / steps).toFixed(1).padStart(5)}% (${reasons})  pair steps on different paths ${(100 * diverged / both).toFixed(1).padStart(5)}%`);
}
