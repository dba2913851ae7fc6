// CPU replay of the LZ4/Snappy boundary scan (shaders/lz_scan.wgsl walk, check, join) on snappy's / lz4-napi's
// stream of MIB MiB of /usr/bin/node: how soon walks meet the true chain, and how many steps join takes
// itself (NEW=1: join takes check's exit whenever the entry matches, as since 65fdd78). Session 14, run c.
//   ALGO=snappy|lz4 MIB=4 [NEW=1] [M=128] [SHOW=1] node bench/results/local/session14/scan-replay.mjs
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const snappy = require('../../../../node_modules/snappy');
const SEG = 4096, M = Number(process.env.M ?? 128), SAT = 0x7fff0000;
function stepSnappy(s, p, o, end) {
  const tag = s[p]; p++;
  const kind = tag & 3;
  if (kind === 0) {
    let len = (tag >> 2) + 1;
    if (len > 60) { const k = len - 60; if (end - p < k) { return [end, o]; } let v = 0; for (let j = 0; j < k; j++) v += s[p + j] * 2 ** (8 * j); len = Math.min(v, SAT) + 1; p += k; }
    const n = Math.min(len, end - p); return [p + n, Math.min(o + n, SAT)];
  }
  const k = kind === 3 ? 4 : kind; const len = kind === 1 ? ((tag >> 2) & 7) + 4 : (tag >> 2) + 1;
  if (end - p < k) return [end, o];
  return [p + k, Math.min(o + len, SAT)];
}
function stepLz4(s, p, o, end) {
  const t = s[p]; p++;
  let ll = t >> 4; if (ll === 15) { while (p < end) { const b = s[p++]; ll += b; if (b !== 255) break; } }
  const n = Math.min(ll, end - p); p += n; o += n; if (p >= end) return [end, o];
  if (end - p < 2) return [end, o]; p += 2;
  let ml = (t & 15) + 4; if ((t & 15) === 15) { while (p < end) { const b = s[p++]; ml += b; if (b !== 255) break; } }
  return [p, o + ml];
}
const data = readFileSync(process.execPath).subarray(16 << 20, (16 << 20) + (Number(process.env.MIB ?? 4) << 20));
const algo = process.env.ALGO ?? 'snappy';
let s;
if (algo === 'snappy') { const f = snappy.compressSync(Buffer.from(data)); let i = 0; while (f[i] & 0x80) i++; s = f.subarray(i + 1); }
else { const lz4 = require('../../../../node_modules/lz4-napi'); s = lz4.compressSync(Buffer.from(data)); s = s.subarray(4); }
const step = algo === 'snappy' ? stepSnappy : stepLz4;
const end = s.length, nseg = Math.ceil(end / SEG);
// true chain positions
const truth = new Set(); { let p = 0, o = 0; while (p < end) { truth.add(p); [p, o] = step(s, p, o, end); } }
const walks = [];
for (let g = 0; g < nseg; g++) {
  const start = g * SEG, segEnd = Math.min(start + SEG, end);
  let p = start, o = 0; const rec = []; let syncAt = -1;
  for (let it = 0; it < SEG && p < segEnd; it++) { if (rec.length < M) rec.push([p, o]); if (syncAt < 0 && truth.has(p)) syncAt = rec.length - 1 < M ? it : it; [p, o] = step(s, p, o, end); }
  walks.push({ exit: p, o, rec, syncAt });
}
let notSyncedInM = 0, neverSynced = 0;
for (const w of walks) { if (w.syncAt < 0) neverSynced++; else if (w.syncAt >= M) notSyncedInM++; }
// check + join step counts
function merge(k, e, o) {
  const segEnd = Math.min(k * SEG + SEG, end); const w = walks[k]; let j = 0, steps = 0;
  while (e < segEnd) { if (j < w.rec.length) { const r = w.rec[j][0]; if (r < e) { j++; continue; } if (r === e) return { merged: true, e: w.exit, steps }; } [e, o] = step(s, e, o, end); steps++; }
  return { merged: false, e, steps };
}
const chk = walks.map((_, k) => { const entry = k ? walks[k - 1].exit : 0; const r = entry < Math.min(k * SEG + SEG, end) ? merge(k, entry, 0) : { merged: false, e: entry, steps: 0 }; return { entry, ok: r.merged, steps: r.steps, exit: r.e }; });
let e = 0, joinSteps = 0, fast = 0, slowSegs = 0, skipped = 0;
for (let k = 0; k < nseg; k++) {
  const segEnd = Math.min(k * SEG + SEG, end);
  if (e >= segEnd) { skipped++; continue; }
  if ((chk[k].ok || process.env.NEW) && e === chk[k].entry) { e = chk[k].exit; fast++; }
  else { const r = merge(k, e, 0); joinSteps += r.steps; e = r.e; slowSegs++; }
}
const syncs = walks.map((w) => w.syncAt).filter((x) => x >= 0).sort((a, b) => a - b);
console.log(`${algo} ${process.env.MIB ?? 4} MiB binary: ${end} bytes, ${nseg} segs, truth elements ${truth.size} (${(end / truth.size).toFixed(1)} B each); walk sync median ${syncs[syncs.length >> 1]} p90 ${syncs[Math.floor(syncs.length * 0.9)]} elements, not within M=${M}: ${notSyncedInM}, never: ${neverSynced}; check ok ${chk.filter((c) => c.ok).length}; join fast ${fast} slow ${slowSegs} skipped ${skipped}, join steps ${joinSteps} (${(joinSteps / nseg).toFixed(1)}/seg)`);
if (process.env.SHOW) {
  walks.forEach((w, g) => { if (w.syncAt < 0) { const st = g * SEG; const tp = [...truth].filter((p) => p >= st && p < st + 64).map((p) => p - st); console.log(g, Buffer.from(s.subarray(st, st + 24)).toString('hex'), 'true starts', tp.slice(0, 10).join(','), 'walk', w.rec.slice(0, 10).map((r) => r[0] - st).join(',')); } });
}
