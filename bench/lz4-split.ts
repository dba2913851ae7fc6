// How far a large LZ4 operation can be split: for the corpus's LZ4 streams of every chunk size, the
// sequences per operation (the length of a serial boundary scan) and, when the output is cut into
// sub-chunks of `--sub` bytes at sequence boundaries, how many output bytes depend (through any chain of
// matches) on bytes before their own sub-chunk: what a cooperative decoder that decodes sub-chunks in
// parallel would have to fix up afterwards, in output order.
//   ENTRY=bench/lz4-split.ts OUTFILE=/tmp/lz4-split.mjs node bench/build.mjs && node /tmp/lz4-split.mjs [.gpu/corpus.br] [65536]
import { loadCorpus } from './corpus.ts';

const path = process.argv[2] ?? '.gpu/corpus.br';
const sub = Number(process.argv[3] ?? 65536);

for (const cls of loadCorpus(path)) {
  for (const set of cls.sets) {
    let seqs = 0;
    let dep = 0;
    let depRuns = 0;
    let extBytes = 0;
    let out = 0;
    let maxSeqs = 0;
    let maxDepth = 0;
    let deepSum = 0;
    for (const s of set.streams.LZ4) {
      // dep[x] = 1 when output byte x depends on a byte before its sub-chunk's start.
      const d = new Uint8Array(set.size);
      // depth[x]: sub-chunk boundaries crossed on x's chain of matches (a fix-up round resolves one).
      const depth = new Uint16Array(set.size);
      let p = 0;
      let o = 0;
      let start = 0; // current sub-chunk's first output byte
      let n = 0;
      let prevDep = 0;
      for (;;) {
        if (o - start >= sub) start = o;
        const t = s[p++];
        n++;
        let ll = t >> 4;
        if (ll === 15) for (let b = 255; b === 255; ) (b = s[p++]), (ll += b), extBytes++;
        for (let k = 0; k < ll; k++) d[o++] = 0;
        p += ll;
        if (p >= s.length) break;
        const off = s[p] | (s[p + 1] << 8);
        p += 2;
        let ml = t & 15;
        if (ml === 15) for (let b = 255; b === 255; ) (b = s[p++]), (ml += b), extBytes++;
        ml += 4;
        for (let k = 0; k < ml; k++, o++) {
          const q = o - off;
          d[o] = q < start || d[q] ? 1 : 0;
          depth[o] = depth[q] + (q < start ? 1 : 0);
        }
      }
      for (let x = 0; x < o; x++) {
        dep += d[x];
        maxDepth = Math.max(maxDepth, depth[x]);
        deepSum += depth[x];
        if (d[x] && !prevDep) depRuns++;
        prevDep = d[x];
      }
      seqs += n;
      out += o;
      maxSeqs = Math.max(maxSeqs, n);
    }
    const ops = set.streams.LZ4.length;
    console.log(
      `${cls.name.padEnd(8)} ${String(set.size / 1024).padStart(5)} KiB x ${String(ops).padStart(3)}: ${(seqs / ops).toFixed(0).padStart(7)} sequences/op (max ${maxSeqs}, ${(out / seqs).toFixed(1)} B each), ` +
        `bytes depending on an earlier ${sub / 1024} KiB sub-chunk ${((100 * dep) / out).toFixed(1).padStart(5)}% in ${(depRuns / ops).toFixed(0)} runs/op, chain crossings max ${maxDepth} mean ${(deepSum / Math.max(1, dep)).toFixed(1)}`,
    );
  }
}
