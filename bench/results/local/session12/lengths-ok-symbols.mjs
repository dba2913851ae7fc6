// Session 12 (issue 10), raw measurement: how many code-length symbols lengths_ok decodes at the positions
// header_start accepts, and why it rejects them, without ("late") and with ("early") the Kraft sums checked
// as lengths are read. The "passed" count omits the final completeness checks. Run from the repository root.
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
function headerStart(s, p) {
  const h = bits(s, p, 17);
  if (((h >> 1) & 3) !== 2 || ((h >> 3) & 31) >= 30 || ((h >> 8) & 31) >= 30) return false;
  const hclen = ((h >> 13) & 15) + 4; let kr = 0;
  for (let k = 0; k < hclen; k++) { const l = bits(s, p + 17 + 3 * k, 3); if (l) kr += 1 << (7 - l); }
  return kr === 128;
}
// returns [ok, symbols decoded, reason]; early: incremental oversubscription check
function lengthsOk(s, p, early) {
  const h = bits(s, p + 3, 14); const hlit = (h & 31) + 257, hdist = ((h >> 5) & 31) + 1, hclen = ((h >> 10) & 15) + 4;
  let q = p + 17; const cl = new Array(19).fill(0);
  for (let k = 0; k < hclen; k++) { cl[CLORD[k]] = bits(s, q, 3); q += 3; }
  // canonical decode table
  const codes = []; let code = 0; const cnt = new Array(8).fill(0); for (const l of cl) if (l) cnt[l]++;
  const next = []; for (let l = 1; l < 8; l++) { code = (code + (cnt[l - 1] || 0) * (l > 1 ? 1 : 0)) ; }
  // simple: build map from (len, code) -> sym
  const map = new Map(); let c = 0; const nx = new Array(8).fill(0);
  for (let l = 1; l < 8; l++) { c = (c + (l > 1 ? cnt[l - 1] : 0)) << 1; nx[l] = c; }
  // recompute properly
  c = 0; cnt[0] = 0; for (let l = 1; l < 8; l++) { c = (c + cnt[l - 1]) << 1; nx[l] = c; }
  for (let sym = 0; sym < 19; sym++) { const l = cl[sym]; if (l) { map.set(l * 1000 + nx[l], sym); nx[l]++; } }
  const total = hlit + hdist; let n = 0, prev = 0, syms = 0; let lk = 0, dk = 0;
  while (n < total) {
    let cc = 0, sym = -1;
    for (let l = 1; l < 8; l++) { cc = (cc << 1) | bits(s, q + l - 1, 1); if (map.has(l * 1000 + cc)) { sym = map.get(l * 1000 + cc); q += l; break; } }
    if (sym < 0) return [false, syms, 'nocode'];
    syms++;
    let rep = 1, v = sym;
    if (sym === 16) { if (n === 0) return [false, syms, 'rep16first']; v = prev; rep = 3 + bits(s, q, 2); q += 2; }
    else if (sym === 17) { v = 0; rep = 3 + bits(s, q, 3); q += 3; }
    else if (sym === 18) { v = 0; rep = 11 + bits(s, q, 7); q += 7; }
    if (n + rep > total) return [false, syms, 'overrun'];
    for (let j = 0; j < rep; j++) { const idx = n + j; if (v) { if (idx < hlit) lk += 2 ** (15 - v); else dk += 2 ** (15 - v); } }
    if (early && (lk > 32768 || dk > 32768)) return [false, syms, 'oversub'];
    prev = v; n += rep;
  }
  if (lk > 32768 || dk > 32768) return [false, syms, 'oversub-end'];
  return [true, syms, 'end'];
}
for (const [name, raw] of classes) {
  const s = Buffer.concat([deflateRawSync(raw, { level: 6 }), Buffer.alloc(1024)]);
  const N = (s.length - 1024) * 8;
  for (const early of [false, true]) {
    let cands = 0, symsTotal = 0, ok = 0; const reasons = {};
    for (let p = 0; p < N; p++) { if (!headerStart(s, p)) continue; cands++; const [k, n, r] = lengthsOk(s, p, early); symsTotal += n; reasons[r] = (reasons[r] ?? 0) + 1; if (k) ok++; }
    console.log(name, early ? 'early' : 'late ', 'cands', cands, 'mean symbols', (symsTotal / cands).toFixed(1), 'passed', ok, JSON.stringify(reasons));
  }
}
