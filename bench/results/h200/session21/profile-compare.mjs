import { readFileSync, readdirSync } from 'node:fs';
const dirs = process.argv.slice(2);
const rows = new Map(); const tots = [];
for (const [di, dir] of dirs.entries()) {
  const p = JSON.parse(readFileSync(dir + '/a.cpuprofile'));
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map(); for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const memo = new Map();
  const under = (id) => { if (memo.has(id)) return memo.get(id); let r = false; for (let x = id; x !== undefined; x = parent.get(x)) { const f = byId.get(x).callFrame.functionName; if (f === 'auto' || f === 'get') { r = false; break; } if (f === 'cuMemBatchDecompressAsync') { r = true; break; } } memo.set(id, r); return r; };
  let tot = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const id = p.samples[i], dt = p.timeDeltas[i] ?? 0;
    if (!under(id)) continue; tot += dt;
    const k = byId.get(id).callFrame.functionName;
    if (!rows.has(k)) rows.set(k, dirs.map(() => 0));
    rows.get(k)[di] += dt;
  }
  tots.push(tot);
}
console.log('fn'.padEnd(28), dirs.map((d) => d.padStart(9)).join(''));
console.log('total ms'.padEnd(28), tots.map((t) => (t / 1000).toFixed(0).padStart(9)).join(''));
for (const [k, v] of [...rows].sort((a, b) => b[1].reduce((x, y) => x + y) - a[1].reduce((x, y) => x + y)).slice(0, 22)) console.log(k.slice(0, 27).padEnd(28), v.map((t) => (t / 1000).toFixed(0).padStart(9)).join(''));
