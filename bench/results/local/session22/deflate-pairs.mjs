// What two Deflate leaders sharing one warp would cost (a design for the next session): a CPU model of
// shaders/inflate.wgsl's leader on the corpus's 64 KiB chunks compressed by zlib level 6. Each leader's
// symbol loop is split into rounds (NCMD commands or LITCAP literal bytes, chase-depth cuts ignored); in a
// pair, round r of both leaders runs in the same instructions, step j of one beside step j of the other,
// and a step's parts (lookup, refill, long-code search, literal tail, length/distance tail) are issued once
// for the pair when either leader needs them. Rough part costs in instructions (counted from the source,
// not measured): head + lookup 20, refill 12, long-code search 50, literal tail 22, length and distance tail
// 70 (its own refill and search counted apart). Prints, per class, the share of paired steps on the same
// path and the pair's instructions against two leaders' on their own warps.
//   node bench/results/local/session22/deflate-pairs.mjs [.gpu/corpus.br]
import { readFileSync } from 'node:fs';
import { brotliDecompressSync, deflateRawSync } from 'node:zlib';

const all = brotliDecompressSync(readFileSync(process.argv[2] ?? '.gpu/corpus.br'));
const n = all.readUInt32LE(0);
const manifest = JSON.parse(all.subarray(4, 4 + n).toString());
const blob = new Uint8Array(all.buffer, all.byteOffset + 4 + n, all.length - 4 - n);
const NCMD = 32, LITCAP = 128, LBITS = 9, DBITS = 8;
const COST = { head: 20, refill: 12, slow: 50, lit: 22, match: 70 };

// LZ4 block decoder (the corpus stores LZ4 streams; their bytes are the raw chunks).
function unlz4(src, size) {
  const out = new Uint8Array(size);
  let p = 0, o = 0;
  for (;;) {
    const t = src[p++];
    let ll = t >> 4;
    if (ll === 15) for (let b = 255; b === 255; ) ll += b = src[p++];
    out.set(src.subarray(p, p + ll), o), (o += ll), (p += ll);
    if (p >= src.length) return out.subarray(0, o);
    const off = src[p] | (src[p + 1] << 8);
    p += 2;
    let ml = t & 15;
    if (ml === 15) for (let b = 255; b === 255; ) ml += b = src[p++];
    for (let k = 0; k < ml + 4; k++, o++) out[o] = out[o - off];
  }
}

// Canonical Huffman decoder from code lengths.
function code(lens) {
  const count = new Array(16).fill(0), first = new Array(16).fill(0), offs = new Array(16).fill(0);
  for (const l of lens) count[l]++;
  count[0] = 0;
  const syms = [];
  for (let l = 1, c = 0, o = 0; l < 16; l++) ((c = (c + count[l - 1]) << 1), (first[l] = c), (offs[l] = o), (o += count[l]));
  for (let l = 1; l < 16; l++) lens.forEach((x, s) => x === l && syms.push(s));
  return { count, first, offs, syms };
}

// The leader's steps of one stream: per symbol, its kind and which parts of the loop it runs.
function steps(buf) {
  let bit = 0, nb = 32;
  const bits = (k) => { let v = 0; for (let i = 0; i < k; i++, bit++) v |= ((buf[bit >> 3] >> (bit & 7)) & 1) << i; return v; };
  const drop = (k) => (nb -= k);
  const refill = () => { if (nb <= 32) { nb += 32; return true; } return false; };
  const decode = (h) => {
    let c = 0;
    for (let l = 1; l < 16; l++) {
      c = (c << 1) | bits(1);
      const d = c - h.first[l];
      if (d < h.count[l]) return [h.syms[h.offs[l] + d], l];
    }
    throw new Error('bad code');
  };
  const out = [];
  for (let fin = 0; !fin; ) {
    refill();
    fin = bits(1);
    const type = bits(2);
    drop(3);
    let lit, dist;
    if (type === 0) {
      bit = (bit + 7) & ~7;
      const len = bits(16);
      bits(16);
      bit += len * 8;
      nb = 32;
      continue;
    } else if (type === 1) {
      lit = code([...Array(144).fill(8), ...Array(112).fill(9), ...Array(24).fill(7), ...Array(8).fill(8)]);
      dist = code(Array(32).fill(5));
    } else {
      const hlit = bits(5) + 257, hdist = bits(5) + 1, hclen = bits(4) + 4;
      const ord = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
      const cl = Array(19).fill(0);
      for (let k = 0; k < hclen; k++) cl[ord[k]] = bits(3);
      const clc = code(cl);
      const lens = [];
      while (lens.length < hlit + hdist) {
        const [s] = decode(clc);
        if (s < 16) lens.push(s);
        else if (s === 16) { const r = 3 + bits(2), v = lens[lens.length - 1]; for (let k = 0; k < r; k++) lens.push(v); }
        else { const r = s === 17 ? 3 + bits(3) : 11 + bits(7); for (let k = 0; k < r; k++) lens.push(0); }
      }
      lit = code(lens.slice(0, hlit));
      dist = code(lens.slice(hlit));
      nb = 32;
    }
    for (;;) {
      const r1 = refill();
      const [s, l] = decode(lit);
      drop(l);
      if (s < 256) { out.push({ lit: true, r1, s1: l > LBITS }); continue; }
      if (s === 256) break;
      const ls = s - 257, xb = ls >= 8 && ls !== 28 ? (ls - 4) >> 2 : 0;
      bits(xb), drop(xb);
      const r2 = refill();
      const [ds, dl] = decode(dist);
      const dx = ds >= 4 ? (ds >> 1) - 1 : 0;
      bits(dx), drop(l + dl + dx - l);
      out.push({ lit: false, r1, s1: l > LBITS, r2, s2: dl > DBITS });
    }
  }
  return out;
}

// A stream's steps cut into rounds of at most NCMD commands (a run of literals is one) and LITCAP literals.
function rounds(st) {
  const rs = [];
  let cur = [], ncmd = 0, nlit = 0, last = false;
  for (const x of st) {
    if (ncmd >= NCMD || nlit >= LITCAP) (rs.push(cur), (cur = []), (ncmd = 0), (nlit = 0), (last = false));
    if (x.lit) { if (!last) ncmd++; nlit++; last = true; } else { ncmd++; last = false; }
    cur.push(x);
  }
  rs.push(cur);
  return rs;
}

const cost = (a, b) => {
  // Parts issued once for the pair when either step needs them (b may be absent: a runs alone).
  const any = (f) => f(a) || (b && f(b));
  let c = COST.head;
  if (any((x) => x.r1)) c += COST.refill;
  if (any((x) => x.s1)) c += COST.slow;
  if (any((x) => x.lit)) c += COST.lit;
  if (any((x) => !x.lit)) c += COST.match + (any((x) => !x.lit && x.r2) ? COST.refill : 0) + (any((x) => !x.lit && x.s2) ? COST.slow : 0);
  return c;
};
const path = (x) => `${x.lit ? 'L' : 'M'}${x.r1 ? 'r' : ''}${x.s1 ? 's' : ''}${x.lit ? '' : (x.r2 ? 'r' : '') + (x.s2 ? 's' : '')}`;

for (const e of manifest.filter((m) => ['text', 'json', 'binary', 'logs', 'numbers'].includes(m.name))) {
  const chunks = e.lz4[65536].map(([o, l]) => unlz4(blob.subarray(o, o + l), 65536));
  const st = chunks.map((c) => steps(deflateRawSync(c, { level: 6 })));
  let alone = 0, paired = 0, same = 0, kind = 0, both = 0, sym = 0;
  for (let i = 0; i + 1 < st.length; i += 2) {
    const ra = rounds(st[i]), rb = rounds(st[i + 1]);
    for (const s of [st[i], st[i + 1]]) for (const x of s) (alone += cost(x)), sym++;
    for (let r = 0; r < Math.max(ra.length, rb.length); r++) {
      const a = ra[r] ?? [], b = rb[r] ?? [];
      for (let j = 0; j < Math.max(a.length, b.length); j++) {
        const x = a[j] ?? b[j], y = a[j] && b[j];
        paired += cost(x, y);
        if (y) (both++, (same += path(x) === path(y) ? 1 : 0), (kind += x.lit === y.lit ? 1 : 0));
      }
    }
  }
  console.log(`${e.name.padEnd(8)} ${String(st.length).padStart(3)} chunks, ${(sym / st.length).toFixed(0)} symbols each: paired steps on the same path ${(100 * same / both).toFixed(1)}% (same kind ${(100 * kind / both).toFixed(1)}%); a pair's instructions / two leaders' ${(paired / alone).toFixed(3)}`);
}
