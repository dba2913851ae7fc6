// How far a large LZ4 operation can be split: for the corpus's LZ4 streams of every chunk size, the
// sequences per operation (the length of a serial boundary scan) and, when the output is cut into
// sub-chunks of the given size (second argument) at sequence boundaries, how many output bytes depend (through any chain of
// matches) on bytes before their own sub-chunk: what a cooperative decoder that decodes sub-chunks in
// parallel would have to fix up afterwards, in output order.
//   ENTRY=bench/lz4-split.ts OUTFILE=/tmp/lz4-split.mjs node bench/build.mjs && node /tmp/lz4-split.mjs [.gpu/corpus.br] [65536] [--sync] [--hops]
// --sync: how soon a token walk started at an arbitrary byte meets the true sequence boundaries;
// --hops: how many matches a dependent byte passes through down to a literal.
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

// Speculative parsing: started at an arbitrary source byte, does a token walk fall onto the true sequence
// boundaries, and after how many bytes? (A parallel boundary scan would start one walk per segment of the
// stream and join each to its predecessor where they meet.)
if (process.argv.includes('--sync')) {
  for (const cls of loadCorpus(path)) {
    for (const set of cls.sets.filter((t) => t.size >= 1 << 20)) {
      const dist: number[] = [];
      let never = 0;
      for (const s of set.streams.LZ4) {
        const token = new Uint8Array(s.length + 1);
        for (let p = 0; p < s.length; ) {
          token[p] = 1;
          const t = s[p++];
          let ll = t >> 4;
          if (ll === 15) for (let b = 255; b === 255 && p < s.length; ) (b = s[p++]), (ll += b);
          p += ll;
          if (p >= s.length) break;
          p += 2;
          if ((t & 15) === 15) for (let b = 255; b === 255 && p < s.length; ) b = s[p++];
        }
        for (let k = 0; k < 2000; k++) {
          const start = Math.floor(((k + 0.5) / 2000) * s.length);
          let p = start;
          let ok = false;
          while (p < s.length && p - start < 65536) {
            if (token[p]) {
              ok = true;
              break;
            }
            const t = s[p++];
            let ll = t >> 4;
            if (ll === 15) for (let b = 255; b === 255 && p < s.length; ) (b = s[p++]), (ll += b);
            p += ll + 2;
            if ((t & 15) === 15) for (let b = 255; b === 255 && p < s.length; ) b = s[p++];
          }
          if (ok) dist.push(p - start);
          else never++;
        }
      }
      dist.sort((a, b) => a - b);
      const q = (f: number) => dist[Math.min(dist.length - 1, Math.floor(f * dist.length))];
      console.log(`${cls.name.padEnd(8)} ${set.size / 1024} KiB: a walk from a random byte meets a true token after median ${q(0.5)} B, p90 ${q(0.9)}, p99 ${q(0.99)}, max ${dist[dist.length - 1]}; never within 64 KiB: ${never}`);
    }
  }
}

// Without the output of earlier sub-chunks, a byte that depends on one resolves by following its chain of
// matches through the segment tables down to a literal: how many matches does that take?
if (process.argv.includes('--hops')) {
  for (const cls of loadCorpus(path)) {
    for (const set of cls.sets.filter((t) => t.size >= 1 << 20)) {
      const hist = new Map<number, number>();
      let total = 0;
      let sum = 0;
      let max = 0;
      for (const s of set.streams.LZ4) {
        // hops[x]: matches on x's chain down to a literal byte; dep[x]: x depends on an earlier sub-chunk.
        const hops = new Uint16Array(set.size);
        const dep = new Uint8Array(set.size);
        let p = 0;
        let o = 0;
        let start = 0;
        for (;;) {
          if (o - start >= sub) start = o;
          const t = s[p++];
          let ll = t >> 4;
          if (ll === 15) for (let b = 255; b === 255; ) (b = s[p++]), (ll += b);
          for (let k = 0; k < ll; k++) (hops[o] = 0), (dep[o] = 0), o++;
          p += ll;
          if (p >= s.length) break;
          const off = s[p] | (s[p + 1] << 8);
          p += 2;
          let ml = t & 15;
          if (ml === 15) for (let b = 255; b === 255; ) (b = s[p++]), (ml += b);
          ml += 4;
          // A match run resolves as a whole: one hop per match it passes through (the shader's resolve()).
          for (let k = 0; k < ml; k++, o++) {
            const q = o - off;
            hops[o] = Math.min(65535, hops[q] + 1);
            dep[o] = q < start || dep[q] ? 1 : 0;
          }
        }
        for (let x = 0; x < o; x++) {
          if (!dep[x]) continue;
          total++;
          sum += hops[x];
          max = Math.max(max, hops[x]);
          const b = hops[x] <= 4 ? hops[x] : hops[x] <= 16 ? 16 : hops[x] <= 64 ? 64 : 65536;
          hist.set(b, (hist.get(b) ?? 0) + 1);
        }
      }
      const pct = (b: number) => ((100 * (hist.get(b) ?? 0)) / total).toFixed(1);
      console.log(`${cls.name.padEnd(8)} ${set.size / 1024} KiB, dependent bytes: matches down to a literal mean ${(sum / total).toFixed(1)}, max ${max}; 1-4: ${[1, 2, 3, 4].map(pct).join('/')}%, 5-16 ${pct(16)}%, 17-64 ${pct(64)}%, more ${pct(65536)}%`);
    }
  }
}
