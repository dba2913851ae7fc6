// How many bytes of a large LZ4 operation's pieces are linked (copy, directly or through other bytes of the
// piece, from before the piece's first byte), and how many of the 4-byte source spans the piece decoder
// reads for copies (lz_pieces.wgsl earlier) hold a linked byte: what session 23's run h (a bit per linked
// word, to skip link loads) could skip. CPU model on this machine's JavaScript (node_modules, as
// bench/corpus.mjs's text class) and /usr/bin/node, lz4js blocks, pieces cut at the first sequence boundary
// at or past each 64 KiB of output (lz_scan.wgsl's join cuts at least SUB bytes; its cuts also follow the
// source's 4 KiB segments, so real pieces are a little longer).
//   node bench/results/local/session23/linked-bytes.mjs
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const lz4js = require('lz4js');

function jsText(n) {
  const out = new Uint8Array(n);
  let at = 0;
  const walk = (d) => {
    for (const e of readdirSync(d).sort()) {
      if (at >= n) return;
      const p = join(d, e);
      const s = statSync(p);
      if (s.isDirectory()) walk(p);
      else if (e.endsWith('.js')) {
        const b = readFileSync(p).subarray(0, n - at);
        out.set(b, at);
        at += b.length;
      }
    }
  };
  walk('node_modules');
  return out.subarray(0, at);
}

/** Sequences of an LZ4 block: [output position, literal count, match length, offset]. */
function sequences(block) {
  const seqs = [];
  let p = 0;
  let o = 0;
  while (p < block.length) {
    const t = block[p++];
    let lit = t >> 4;
    if (lit === 15) for (let b = 255; b === 255; lit += (b = block[p++]));
    p += lit;
    if (p >= block.length) { seqs.push([o, lit, 0, 0]); o += lit; break; }
    const off = block[p] | (block[p + 1] << 8);
    p += 2;
    let ml = t & 15;
    if (ml === 15) for (let b = 255; b === 255; ml += (b = block[p++]));
    ml += 4;
    seqs.push([o, lit, ml, off]);
    o += lit + ml;
  }
  return { seqs, size: o };
}

function model(name, data) {
  const block = new Uint8Array(lz4js.compressBound(data.length));
  const n = lz4js.compressBlock(data, block, 0, data.length, new Uint32Array(1 << 16));
  const { seqs, size } = sequences(block.subarray(0, n));
  const linked = new Uint8Array(size);
  let start = 0;
  let next = 65536;
  let pieces = 1;
  let spans = 0;
  let spansLinked = 0;
  let bytes = 0;
  let bytesLinked = 0;
  for (const [o, lit, ml, off] of seqs) {
    if (o >= next) { start = o; next = o + 65536; pieces++; }
    for (let i = 0; i < ml; i++) {
      const t = o + lit + i;
      const s = t - off;
      linked[t] = start > 0 && (s < start || linked[s]) ? 1 : 0;
    }
    if (start > 0) {
      bytes += lit + ml;
      for (let i = 0; i < ml; i++) bytesLinked += linked[o + lit + i];
      // The decoder reads a copy's source 4 bytes at a time from the piece's own earlier output.
      for (let i = 0; i < ml; i += 4) {
        const s = o + lit + i - off;
        if (s < start) continue; // before the piece: linked by position, no loads
        spans++;
        let any = 0;
        for (let j = 0; j < Math.min(4, ml - i); j++) any |= linked[s + j];
        spansLinked += any;
      }
    }
  }
  console.log(`${name}: ${(size / 1048576).toFixed(1)} MiB, ${seqs.length} sequences, ${pieces} pieces; in pieces after the first: ` +
    `${((100 * bytesLinked) / bytes).toFixed(1)}% of bytes linked, ${((100 * spansLinked) / spans).toFixed(1)}% of copies' 4-byte source spans inside the piece hold a linked byte`);
}

model('text (node_modules JavaScript, 4 MiB)', jsText(4 << 20));
const node = readFileSync('/usr/bin/node');
model('x86 code (/usr/bin/node, 4 MiB)', node.subarray(node.length >> 2, (node.length >> 2) + (4 << 20)));
