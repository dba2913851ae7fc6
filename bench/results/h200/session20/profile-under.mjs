import { readFileSync, readdirSync } from 'node:fs';
const dir = process.argv[2], root = process.argv[3] ?? 'cuMemBatchDecompressAsync';
const f = readdirSync(dir).find((x) => x.endsWith('.cpuprofile'));
const p = JSON.parse(readFileSync(dir + '/' + f));
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map(); for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const under = (id) => { for (let x = id; x !== undefined; x = parent.get(x)) if (byId.get(x).callFrame.functionName === root) return true; return false; };
const self = new Map(); let tot = 0, all = 0;
for (let i = 0; i < p.samples.length; i++) {
  const id = p.samples[i], dt = p.timeDeltas[i] ?? 0; all += dt;
  if (!under(id)) continue;
  tot += dt; const n = byId.get(id); const k = n.callFrame.functionName + ' ' + n.callFrame.lineNumber;
  self.set(k, (self.get(k) ?? 0) + dt);
}
console.log(`under ${root}: ${(tot / 1000).toFixed(0)} ms of ${(all / 1000).toFixed(0)}`);
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log((v / tot * 100).toFixed(1).padStart(5), (v / 1000).toFixed(1).padStart(7), k);
