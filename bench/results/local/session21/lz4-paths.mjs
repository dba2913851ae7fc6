// How often the LZ4 decoder's fast parse step hands a sequence to the careful one, and how often the two
// operations of a pair in the paired decoder (consecutive operations of the corpus bench's batch: chunks
// k and k + 1 of a class) take different paths in the same step, or build different numbers of words in
// the same round. A CPU model of shaders/lz4.wgsl's parse_group (NSEQ 8, 256-byte window restaged at each
// round's first sequence); `ext` counts the same with a match length of one extension byte below 255 taken
// in the fast step (lz4-fast-ext-not-run.diff in bench/results/h200/session21). `joint` (added in session
// 22) is the warp passes a round would take if all 32 lanes built both groups' words as one list
// (ceil((n0 + n1) / 32), bench/results/h200/session22/lz-joint-words-not-run.diff) against the pair's max.
//   node bench/results/local/session21/lz4-paths.mjs [.gpu/corpus.br]
import { readFileSync } from 'node:fs';
import { brotliDecompressSync } from 'node:zlib';

const all = brotliDecompressSync(readFileSync(process.argv[2] ?? '.gpu/corpus.br'));
const n = all.readUInt32LE(0);
const manifest = JSON.parse(all.subarray(4, 4 + n).toString());
const blob = new Uint8Array(all.buffer, all.byteOffset + 4 + n, all.length - 4 - n);
const NSEQ = 8, WB = 256, LANES = 16;

// Rounds of one stream: per round, the path of each of its (up to NSEQ) steps ('f' fast, 's' slow) and the
// words its group writes.
function rounds(src, ext) {
  const out = [];
  let p = 0, pos = 0, done = false;
  while (!done) {
    const base = (p >> 2) << 2;
    const lim = Math.min(WB, src.length - base);
    const b0 = pos;
    const steps = [];
    for (let k = 0; k < NSEQ && !done; k++) {
      const r = p - base;
      let fast = false;
      if (r < lim) {
        const token = src[p], ll = token >> 4;
        let ml = (token & 15) + 4;
        const q = r + 1 + ll;
        if (ll !== 15 && q + 2 <= lim) {
          const off = src[base + q] | (src[base + q + 1] << 8);
          let x = 0, ok = true;
          if (ml === 19) {
            if (!ext || q + 3 > lim || src[base + q + 2] === 255) ok = false;
            else { ml += src[base + q + 2]; x = 1; }
          }
          if (ok && off !== 0 && off <= pos + ll) { fast = true; pos += ll + ml; p = base + q + 2 + x; }
        }
      }
      if (!fast) {
        // The careful step (valid streams only): extensions, the last sequence.
        const token = src[p++];
        let ll = token >> 4;
        if (ll === 15) { let b; do { b = src[p++]; ll += b; } while (b === 255); }
        pos += ll; p += ll;
        if (p >= src.length) { done = true; steps.push('s'); break; }
        p += 2;
        let ml = token & 15;
        if (ml === 15) { let b; do { b = src[p++]; ml += b; } while (b === 255); }
        pos += ml + 4;
      }
      steps.push(fast ? 'f' : 's');
    }
    out.push({ steps, words: Math.ceil(pos / 4) - (b0 >> 2) });
  }
  return out;
}

for (const e of manifest.filter((m) => ['text', 'json', 'binary', 'logs', 'numbers'].includes(m.name))) {
  const streams = e.lz4[65536].map(([o, l]) => blob.subarray(o, o + l));
  for (const ext of [false, true]) {
    let seqs = 0, slow = 0, stepsBoth = 0, diverged = 0, roundsBoth = 0, passesMax = 0, passesOwn = 0, passesJoint = 0;
    for (let k = 0; k + 1 < streams.length; k += 2) {
      const a = rounds(streams[k], ext), b = rounds(streams[k + 1], ext);
      for (const r of [...a, ...b]) { seqs += r.steps.length; slow += r.steps.filter((s) => s === 's').length; passesOwn += Math.ceil(r.words / LANES); }
      for (let i = 0; i < Math.min(a.length, b.length); i++) {
        roundsBoth++;
        passesMax += 2 * Math.max(Math.ceil(a[i].words / LANES), Math.ceil(b[i].words / LANES));
        passesJoint += Math.ceil((a[i].words + b[i].words) / (2 * LANES));
        for (let j = 0; j < Math.min(a[i].steps.length, b[i].steps.length); j++) { stepsBoth++; if (a[i].steps[j] !== b[i].steps[j]) diverged++; }
      }
    }
    console.log(`${e.name.padEnd(8)} ${ext ? 'ext ' : 'tree'}  slow steps ${(100 * slow / seqs).toFixed(1).padStart(5)}%  pair steps on different paths ${(100 * diverged / stepsBoth).toFixed(1).padStart(5)}%  word passes: pair max ${(passesMax / 2 / roundsBoth).toFixed(2)} a slot a round, own ${(passesOwn / (2 * (streams.length >> 1)) / (roundsBoth / (streams.length >> 1))).toFixed(2)}, joint ${(passesJoint / roundsBoth).toFixed(2)}`);
  }
}
