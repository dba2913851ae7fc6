// A fixed CPU workload (no JIT variance after warm-up): the time per pass says how fast this vCPU is now.
const a = new Uint32Array(1 << 16);
for (let i = 0; i < a.length; i++) a[i] = (i * 2654435761) >>> 0;
const pass = () => { let h = 0; for (let r = 0; r < 16; r++) for (let i = 0; i < a.length; i++) h = (Math.imul(h ^ a[i], 0x9e3779b1) + r) >>> 0; return h; };
for (let i = 0; i < 50; i++) pass();
const t = [];
for (let i = 0; i < 200; i++) { const t0 = performance.now(); pass(); t.push(performance.now() - t0); }
t.sort((x, y) => x - y);
const cpu = (await import('node:fs')).readFileSync('/proc/self/stat', 'utf8').split(' ')[38];
console.log(`calib: min ${t[0].toFixed(3)} ms  median ${t[100].toFixed(3)} ms  max ${t[199].toFixed(3)} ms  on cpu ${cpu}`);
