// Session 12 (issue 10), raw measurement: how many bit positions of zlib level-6 streams (4 MiB of node_modules
// .js text, 4 MiB of the node binary) pass find's first fields and its code-length-code test
// (header_start). Run from the repository root: node bench/results/local/session12/find-rates.mjs
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
const MiB = 1 << 20, size = 4 * MiB;
function gather(dir, out, want) { for (const name of readdirSync(dir).sort()) { if (out.n >= want) return; const p = join(dir, name); const st = statSync(p, { throwIfNoEntry: false }); if (!st) continue; if (st.isDirectory()) gather(p, out, want); else if (name.endsWith('.js') && st.size < 4 * MiB) { const b = readFileSync(p); out.parts.push(b); out.n += b.length; } } }
const text = { parts: [], n: 0 }; gather('node_modules', text, size);
const node = readFileSync(process.execPath);
const classes = [['text', Buffer.concat(text.parts).subarray(0, size)], ['code', node.subarray(16 * MiB, 16 * MiB + size)]];
const bits = (s, p, n) => { const i = p >>> 3; const v = ((s[i] | (s[i + 1] << 8) | (s[i + 2] << 16) | (s[i + 3] << 24)) >>> 0) / 2 ** (p & 7); return Math.floor(v) % 2 ** n; };
const CLORD = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
for (const [name, raw] of classes) {
  const s = Buffer.concat([deflateRawSync(raw, { level: 6 }), Buffer.alloc(64)]);
  const N = (s.length - 64) * 8;
  let f1 = 0, hs = 0, early = 0, hsEarlyIters = 0, fullIters = 0;
  let kraftHist = new Map();
  for (let p = 0; p < N; p++) {
    const h = bits(s, p, 17);
    if (((h >> 1) & 3) !== 2 || ((h >> 3) & 31) >= 30 || ((h >> 8) & 31) >= 30) continue;
    f1++;
    const hclen = ((h >> 13) & 15) + 4;
    let kr = 0, it = 0;
    for (let k = 0; k < hclen; k++) { const l = bits(s, p + 17 + 3 * k, 3); if (l) kr += 1 << (7 - l); it++; if (kr > 128) break; }
    hsEarlyIters += it; fullIters += hclen;
    if (kr === 128) {
      hs++;
      // precode lengths: count 'at least two nonzero & symbols present' etc.
      const cl = new Array(19).fill(0); for (let k = 0; k < hclen; k++) cl[CLORD[k]] = bits(s, p + 17 + 3 * k, 3);
      const nz = cl.filter(Boolean).length; kraftHist.set(nz, (kraftHist.get(nz) ?? 0) + 1);
    }
  }
  console.log(name, 'src bytes', s.length - 64, 'positions', N, 'first fields', (f1 / N * 100).toFixed(1) + '%', 'header_start', hs, (hs / N * 100).toFixed(3) + '%', 'per 512B round', (hs / N * 4096).toFixed(1),
    'iters mean full', (fullIters / f1).toFixed(1), 'early', (hsEarlyIters / f1).toFixed(1), 'nonzero precode lens', [...kraftHist].sort((a,b)=>a[0]-b[0]).map(x=>x.join(':')).join(' '));
}
