// What a parallel decoder of one large Deflate operation could start from: the block structure of zlib
// streams, and how well a strict check of a dynamic block's header, tried at every bit position, finds
// block starts (CPU only; issue 10, large Deflate operations).
//   node bench/deflate-blocks.mjs [MiB per stream, default 4] [spill]
// For text (node_modules .js files) and x86-64 code (/usr/bin/node) compressed by zlib level 6 (raw
// Deflate), it prints the blocks (count, types, output and compressed size), then the header check's
// candidates: true block starts it accepts, false ones per MiB of compressed input, and for pieces of
// 64 KiB of compressed input how far the first candidate after a piece's start lies and whether it is a
// true block start. The check is what inflate.wgsl's read_dynamic() rejects as BAD_HUFFMAN: BTYPE 2,
// HLIT <= 286, HDIST <= 30, a complete code-length code, no repeat 16 first, no repeat past HLIT + HDIST,
// a literal/length code that is complete (or one code of length 1) with a code for 256, a distance code
// that is complete, one code of length 1, or empty.
// `chase` as the second argument: how many pieces back a linked byte's literal lies, what a fixup that
// follows links back piece by piece would walk (session 26; see that mode's comment); nothing else.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';

const MiB = 1 << 20;
const size = Number(process.argv[2] ?? 4) * MiB;

function gather(dir, out, want) {
  for (const name of readdirSync(dir).sort()) {
    if (out.n >= want) return;
    const p = join(dir, name);
    const st = statSync(p, { throwIfNoEntry: false });
    if (!st) continue;
    if (st.isDirectory()) gather(p, out, want);
    else if (name.endsWith('.js') && st.size < 4 * MiB) {
      const b = readFileSync(p);
      out.parts.push(b);
      out.n += b.length;
    }
  }
}
const text = { parts: [], n: 0 };
gather('node_modules', text, size);
const node = readFileSync(process.execPath);
const classes = [
  ['text', Buffer.concat(text.parts).subarray(0, size)],
  ['x86-64 code', node.subarray(Math.min(node.length - size, 16 * MiB), Math.min(node.length, 16 * MiB + size))],
];

const CLORD = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/** Bits of `s` from bit position `p` (LSB first), n <= 24. */
const bits = (s, p, n) => {
  const i = p >>> 3;
  const v = (s[i] | (s[i + 1] << 8) | (s[i + 2] << 16) | (s[i + 3] << 24)) >>> (p & 7);
  return (n === 32 ? v : v & ((1 << n) - 1)) >>> 0;
};

/** Kraft sum of code lengths in units of 2^-15: 32768 is complete. */
const kraft = (lens) => lens.reduce((a, l) => a + (l ? 1 << (15 - l) : 0), 0);

/** A canonical decoding table: for each length, [first code, first index, symbols]. */
function table(lens) {
  const count = new Array(16).fill(0);
  for (const l of lens) if (l) count[l]++;
  const syms = [];
  for (let l = 1; l < 16; l++) lens.forEach((x, s) => x === l && syms.push(s));
  return { count, syms };
}
/** Decodes one symbol at bit p (codes are MSB first); returns [symbol, bits] or null. */
function decode(s, p, t) {
  let code = 0, first = 0, index = 0;
  for (let l = 1; l < 16; l++) {
    code |= bits(s, p + l - 1, 1);
    const c = t.count[l];
    if (code - first < c) return [t.syms[index + code - first], l];
    index += c;
    first = (first + c) << 1;
    code <<= 1;
  }
  return null;
}

/** The dynamic header at bit p: [lit/len lengths, distance lengths, header bits], or null if the check rejects it. */
function header(s, p, end) {
  if (p + 17 > end || bits(s, p + 1, 2) !== 2) return null;
  const hlit = bits(s, p + 3, 5) + 257, hdist = bits(s, p + 8, 5) + 1, hclen = bits(s, p + 13, 4) + 4;
  if (hlit > 286 || hdist > 30) return null;
  let q = p + 17;
  if (q + 3 * hclen > end) return null;
  const cl = new Array(19).fill(0);
  for (let i = 0; i < hclen; i++, q += 3) cl[CLORD[i]] = bits(s, q, 3);
  if (kraft(cl) !== 32768) return null;
  const ct = table(cl);
  const lens = [];
  while (lens.length < hlit + hdist) {
    if (q + 15 > end) return null;
    const r = decode(s, q, ct);
    if (!r) return null;
    q += r[1];
    const sym = r[0];
    if (sym < 16) lens.push(sym);
    else {
      let rep, v = 0;
      if (sym === 16) {
        if (!lens.length) return null;
        v = lens[lens.length - 1];
        rep = 3 + bits(s, q, 2), q += 2;
      } else if (sym === 17) rep = 3 + bits(s, q, 3), q += 3;
      else rep = 11 + bits(s, q, 7), q += 7;
      if (lens.length + rep > hlit + hdist) return null;
      for (let i = 0; i < rep; i++) lens.push(v);
    }
  }
  const ll = lens.slice(0, hlit), dl = lens.slice(hlit);
  const lk = kraft(ll), dk = kraft(dl);
  if (!ll[256]) return null;
  if (lk !== 32768 && !(lk === 16384 && ll.filter(Boolean).length === 1)) return null;
  if (dk !== 32768 && dk !== 0 && !(dk === 16384 && dl.filter(Boolean).length === 1)) return null;
  return [ll, dl, q - p];
}

const LBASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LEXT = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DEXT = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
const DBASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];

/**
 * Walks the stream's blocks: [{start bit, end bit, type, output bytes}]. Given an array `origin`, it also
 * appends to it, for each output byte, the position of the literal or stored byte that byte equals.
 */
function blocks(s, origin = null) {
  const out = [];
  const end = s.length * 8;
  let p = 0;
  for (;;) {
    const start = p;
    const final = bits(s, p, 1), type = bits(s, p + 1, 2);
    p += 3;
    let n = 0;
    if (type === 0) {
      p = (p + 7) & ~7;
      n = bits(s, p, 16);
      p += 32 + 8 * n;
      if (origin) for (let i = 0; i < n; i++) origin.push(origin.length);
    } else {
      let ll, dl;
      if (type === 1) {
        ll = Array.from({ length: 288 }, (_, i) => (i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8));
        dl = new Array(30).fill(5);
      } else {
        const h = header(s, start, end);
        if (!h) throw new Error(`block at bit ${start}: the check rejects zlib's own header`);
        [ll, dl] = h;
        p = start + h[2];
      }
      const lt = table(ll), dt = table(dl);
      for (;;) {
        const [sym, l] = decode(s, p, lt);
        p += l;
        if (sym < 256) {
          n++;
          if (origin) origin.push(origin.length);
        } else if (sym === 256) break;
        else {
          const k = sym - 257;
          const len = LBASE[k] + bits(s, p, LEXT[k]);
          n += len;
          p += LEXT[k];
          const [d, dlen] = decode(s, p, dt);
          if (origin) {
            const dist = DBASE[d] + bits(s, p + dlen, DEXT[d]);
            for (let i = 0; i < len; i++) origin.push(origin[origin.length - dist]);
          }
          p += dlen + DEXT[d];
        }
      }
    }
    out.push({ start, end: p, type, n });
    if (final) return out;
  }
}

// `spill` as the second argument: how large a spill area each piece needs (issue 10, session 13), as a
// multiple F of its operation's mean output per 4 KiB segment of source, counting the segments from its
// block start to the next one (and, for comparison, in proportion to its source bits), for operations of
// 1 and 4 MiB; nothing else.
if (process.argv[3] === 'spill') {
  const DSEG = 4096;
  for (const [name, all] of classes) {
    for (const chunk of [1 * MiB, 4 * MiB]) {
      let ops = 0;
      const need = [], byBits = [];
      for (let off = 0; off + chunk <= all.length; off += chunk) {
        const data = all.subarray(off, off + chunk);
        const s = deflateRawSync(data, { level: 6 });
        const bl = blocks(Buffer.concat([s, Buffer.alloc(8)]));
        const perSeg = (data.length * DSEG) / s.length;   // mean output bytes per segment
        // pieces: dynamic starts; the op's first piece starts at 0 and goes to out (no spill).
        const starts = bl.filter((b) => b.type === 2 && b.start > 0);
        for (let k = 0; k < starts.length; k++) {
          const b0 = starts[k];
          const e = k + 1 < starts.length ? starts[k + 1].start : s.length * 8;
          let n = 0;
          for (const b of bl) if (b.start >= b0.start && b.start < e) n += b.n;
          const segs = (k + 1 < starts.length ? Math.floor(e / 8 / DSEG) : Math.ceil(s.length / DSEG)) - Math.floor(b0.start / 8 / DSEG);
          const f = segs > 0 ? n / (segs * perSeg) : Infinity;
          need.push(f);
          // An area in proportion to the piece's source bits instead of its segments.
          byBits.push(n / (((e - b0.start) / 8) * (perSeg / DSEG)));
        }
        ops++;
      }
      // A class shorter than the chunk has no such operation (at size 1, the 4 MiB ones).
      if (!need.length) {
        console.log(`${name} ${chunk / MiB} MiB: ${ops} ops, no pieces after the first`);
        continue;
      }
      need.sort((a, b) => a - b);
      const q = (p) => need[Math.min(need.length - 1, Math.floor(p * need.length))].toFixed(2);
      console.log(`${name} ${chunk / MiB} MiB: ${ops} ops, ${need.length} pieces; F needed: median ${q(0.5)}, p90 ${q(0.9)}, p99 ${q(0.99)}, max ${need[need.length - 1].toFixed(2)}; over 1.5: ${need.filter((x) => x > 1.5).length}, over 2: ${need.filter((x) => x > 2).length}`);
      byBits.sort((a, b) => a - b);
      console.log(`  by source bits: median ${byBits[byBits.length >> 1].toFixed(2)}, p99 ${byBits[Math.floor(0.99 * byBits.length)].toFixed(2)}, max ${byBits[byBits.length - 1].toFixed(2)}; over 1.5: ${byBits.filter((x) => x > 1.5).length}, over 2: ${byBits.filter((x) => x > 2).length}`);
    }
  }
  process.exit(0);
}

// `chase`: pieces start at the first dynamic block start in each 4 KiB segment of source (find), the op's
// first at 0. A byte of a piece after the first is linked when it equals a literal before the piece; a chase
// would step from the previous piece back to the one holding that literal, or to the first piece (then it
// reads out), one step per piece (session 26 measured such a fixup: 15-91% slower than the serial one).
// Prints, per stream (zlib level 6), the linked bytes and the steps.
if (process.argv[3] === 'chase') {
  for (const [name, data] of classes) {
    const s = deflateRawSync(data, { level: 6 });
    const pad = Buffer.concat([s, Buffer.alloc(8)]);
    const origin = [];
    const bl = blocks(pad, origin);
    const o0 = [0];   // the pieces' first output bytes
    let o = 0, seg = 0;
    for (const b of bl) {
      const g = Math.floor(b.start / 32768);
      if (b.type === 2 && g > seg) {
        o0.push(o);
        seg = g;
      }
      o += b.n;
    }
    const pieceOf = new Int32Array(origin.length);
    for (let i = 0, k = 0; i < origin.length; i++) {
      while (k + 1 < o0.length && o0[k + 1] <= i) k++;
      pieceOf[i] = k;
    }
    let linked = 0, visits = 0, deep = 0;
    for (let i = o0[1] ?? origin.length; i < origin.length; i++) {
      const k = pieceOf[i];
      if (origin[i] >= o0[k]) continue;
      const v = k - Math.max(1, pieceOf[origin[i]]);
      linked++;
      visits += v;
      if (v >= 10) deep++;
    }
    const n = origin.length;
    console.log(`${name}: ${o0.length} pieces, ${(100 * linked / n).toFixed(1)}% of bytes linked; pieces visited per linked byte ${(visits / Math.max(1, linked)).toFixed(2)} (per output byte ${(visits / n).toFixed(2)}), 10 or more for ${(100 * deep / Math.max(1, linked)).toFixed(1)}% of linked bytes`);
  }
  process.exit(0);
}

const f = (x, d = 1) => x.toFixed(d);
for (const [name, data] of classes) {
  const s = deflateRawSync(data, { level: 6 });
  const pad = Buffer.concat([s, Buffer.alloc(8)]);
  const bl = blocks(pad);
  const starts = new Set(bl.filter((b) => b.type === 2).map((b) => b.start));
  const ns = bl.map((b) => b.n), cs = bl.map((b) => (b.end - b.start) / 8);
  const types = [0, 1, 2].map((t) => bl.filter((b) => b.type === t).length);
  console.log(`${name}: ${f(data.length / MiB)} MiB -> ${f(s.length / MiB, 2)} MiB (zlib 6), ${bl.length} blocks (stored/fixed/dynamic ${types.join('/')}), output per block ${f(Math.min(...ns) / 1024)}-${f(Math.max(...ns) / 1024)} KiB (mean ${f(data.length / bl.length / 1024)}), compressed ${f(Math.min(...cs) / 1024)}-${f(Math.max(...cs) / 1024)} KiB`);
  const t0 = performance.now();
  let cand = 0, trueHit = 0;
  const all = [];
  const end = s.length * 8;
  for (let p = 0; p < end; p++) {
    if (!header(pad, p, end)) continue;
    cand++;
    all.push(p);
    if (starts.has(p)) trueHit++;
  }
  const ms = performance.now() - t0;
  const falsePos = cand - trueHit;
  console.log(`  header check at all ${end} bit positions (${f(ms, 0)} ms): ${trueHit} of ${starts.size} dynamic block starts accepted, ${falsePos} false (${f(falsePos / (s.length / MiB))} per MiB of input)`);
  for (const piece of [16 * 1024, 64 * 1024]) {
    let found = 0, real = 0, dist = 0, none = 0;
    for (let at = piece * 8; at < end; at += piece * 8) {
      const c = all.find((p) => p >= at);
      if (c === undefined) { none++; continue; }
      found++;
      dist += (c - at) / 8;
      if (starts.has(c)) real++;
    }
    console.log(`  pieces of ${piece / 1024} KiB of input: ${found} first candidates, ${real} of them true block starts, mean ${f(dist / Math.max(found, 1) / 1024)} KiB past the piece start, ${none} pieces with none`);
  }
}
