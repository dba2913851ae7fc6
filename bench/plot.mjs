// Draws the size sweep (bench/sizes.ts rows from `--suite sizes --json FILE`) as an SVG: GB/s against
// size, both axes logarithmic, one line per operation. No dependencies: node bench/plot.mjs IN.json OUT.svg
import { readFileSync, writeFileSync } from 'node:fs';

const [input, output] = process.argv.slice(2);
const { rows, device } = JSON.parse(readFileSync(input, 'utf8'));
const series = new Map();
for (const r of rows) {
  const i = r.op.lastIndexOf(' ');
  const name = r.op.slice(0, i);
  const size = Number(r.op.slice(i + 1));
  if (!series.has(name)) series.set(name, []);
  series.get(name).push([size, r.GBps]);
}
const W = 720, H = 420, L = 70, R = 170, T = 40, B = 50;
const sizes = rows.map((r) => Number(r.op.slice(r.op.lastIndexOf(' ') + 1)));
const rates = rows.map((r) => r.GBps).filter((g) => g > 0);
const x0 = Math.log10(Math.min(...sizes)), x1 = Math.log10(Math.max(...sizes));
const y0 = Math.floor(Math.log10(Math.min(...rates))), y1 = Math.ceil(Math.log10(Math.max(...rates)));
const X = (s) => L + ((Math.log10(s) - x0) / (x1 - x0)) * (W - L - R);
const Y = (g) => H - B - ((Math.log10(g) - y0) / (y1 - y0)) * (H - T - B);
const colors = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e'];
const label = (s) => (s >= 2 ** 30 ? `${s / 2 ** 30} GiB` : s >= 2 ** 20 ? `${s / 2 ** 20} MiB` : `${s / 2 ** 10} KiB`);
let svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">\n`;
svg += `<rect width="${W}" height="${H}" fill="white"/>\n<text x="${L}" y="22" font-size="14">webcu, ${String(device).slice(0, 48)}: GB/s by size per call</text>\n`;
for (let e = y0; e <= y1; e++) {
  const y = Y(10 ** e);
  svg += `<line x1="${L}" x2="${W - R}" y1="${y}" y2="${y}" stroke="#ddd"/><text x="${L - 8}" y="${y + 4}" text-anchor="end">${10 ** e}</text>\n`;
}
for (const s of [...new Set(sizes)]) {
  const x = X(s);
  svg += `<line x1="${x}" x2="${x}" y1="${T}" y2="${H - B}" stroke="#eee"/><text x="${x}" y="${H - B + 16}" text-anchor="middle" font-size="10">${label(s)}</text>\n`;
}
[...series].forEach(([name, pts], k) => {
  const c = colors[k % colors.length];
  svg += `<polyline fill="none" stroke="${c}" stroke-width="2" points="${pts.map(([s, g]) => `${X(s).toFixed(1)},${Y(g).toFixed(1)}`).join(' ')}"/>\n`;
  svg += `<text x="${W - R + 10}" y="${T + 20 + 18 * k}" fill="${c}">${name}</text>\n`;
});
svg += `<text x="${(L + W - R) / 2}" y="${H - 10}" text-anchor="middle">size per call</text>\n</svg>\n`;
writeFileSync(output, svg);
console.log(`wrote ${output}`);
