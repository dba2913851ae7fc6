// Builds the decompression benchmark's corpus: real data classes cut into chunks and compressed by the
// reference encoders, written as one brotli file (default .gpu/corpus.br) for bench/corpus.ts.
//   node bench/corpus.mjs [out.br]
//
// Classes (distinct bytes; the benchmark repeats chunks to fill a batch):
//   text     .js files of node_modules, concatenated (4 MiB)      json     lockfile + node_modules' .json (2 MiB)
//   binary   x86-64 machine code: /usr/bin/node's .text (4 MiB)  logs     generated access log lines (2 MiB)
//   numbers  Float32 sensor series, little-endian (2 MiB)         random   xorshift bytes (256 KiB)
//   zeros    (256 KiB)
// Chunks of 64 KiB over the first 2 MiB of each class; text and binary also in 256 KiB and 1 MiB chunks
// over the same 2 MiB, and as one 4 MiB chunk.
// Encoders: LZ4 blocks from liblz4 itself (the system's liblz4.so.1, LZ4_compress_default, called through
// Python's ctypes: no npm package here wraps liblz4; lz4-napi is lz4_flex); raw Snappy from npm `snappy`
// (its varint preamble stripped). Snappy compresses in independent 64 KiB fragments, so a larger chunk's
// stream is the concatenation of its fragments' streams (checked here), and only those are stored. Deflate
// (zlib level 6) is made by the benchmark itself with node:zlib, from the bytes it gets by decoding the
// LZ4 streams on the CPU; that keeps the file small enough to carry to the GPU machine.

import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants, deflateRawSync } from 'node:zlib';
import { compressSync as snappyCompress } from 'snappy';

const KiB = 1024;
const MiB = 1024 * KiB;
const out = process.argv[2] ?? '.gpu/corpus.br';

function xorshift(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>>= 0);
  };
}

/** Files under `dir` with a name ending in `ext`, sorted, depth first. */
function files(dir, ext, acc = []) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    const st = statSync(p, { throwIfNoEntry: false });
    if (!st) continue;
    if (st.isDirectory()) files(p, ext, acc);
    else if (name.endsWith(ext)) acc.push([p, st.size]);
  }
  return acc;
}

/** Concatenates files (each at most `maxFile` bytes, skipping minified ones) up to n bytes. */
function concat(list, n, maxFile) {
  const buf = new Uint8Array(n);
  let at = 0;
  for (const [p, size] of list) {
    if (size > maxFile || p.endsWith('.min.js')) continue;
    const b = readFileSync(p);
    buf.set(b.subarray(0, n - at), at);
    at += Math.min(b.length, n - at);
    if (at === n) return buf;
  }
  throw new Error(`not enough data for ${n} bytes`);
}

function text() {
  return concat(files('node_modules', '.js'), 4 * MiB, 512 * KiB);
}

function json() {
  const list = [['package-lock.json', statSync('package-lock.json').size], ...files('node_modules', '.json')];
  return concat(list, 2 * MiB, 1 * MiB);
}

function binary() {
  const elf = readFileSync('/usr/bin/node');
  // .text of the ELF: section headers at e_shoff, each 64 bytes; sh_offset at +24, sh_size at +32.
  const dv = new DataView(elf.buffer, elf.byteOffset, elf.length);
  const shoff = Number(dv.getBigUint64(0x28, true));
  const shnum = dv.getUint16(0x3c, true);
  const shstrndx = dv.getUint16(0x3e, true);
  const strOff = Number(dv.getBigUint64(shoff + shstrndx * 64 + 24, true));
  for (let i = 0; i < shnum; i++) {
    const h = shoff + i * 64;
    const nameAt = strOff + dv.getUint32(h, true);
    if (elf.toString('latin1', nameAt, nameAt + 6) !== '.text\0') continue;
    const off = Number(dv.getBigUint64(h + 24, true));
    const size = Number(dv.getBigUint64(h + 32, true));
    if (size < 12 * MiB) throw new Error('.text too small');
    return new Uint8Array(elf.subarray(off + 8 * MiB, off + 12 * MiB));
  }
  throw new Error('no .text');
}

function logs() {
  const r = xorshift(7);
  const paths = ['/', '/index.html', '/api/v1/users', '/api/v1/orders', '/static/app.js', '/static/app.css', '/images/logo.png', '/api/v1/search', '/login', '/health'];
  const agents = ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0', 'curl/8.4.0', 'Googlebot/2.1 (+http://www.google.com/bot.html)'];
  const status = [200, 200, 200, 200, 200, 304, 301, 404, 500];
  let t = Date.UTC(2026, 0, 1) / 1000;
  let s = 'timestamp,client_ip,method,path,status,bytes,duration_ms,user_agent\n';
  while (s.length < 2 * MiB) {
    t += r() % 3;
    const ip = `10.${r() % 4}.${r() % 256}.${r() % 256}`;
    const path = paths[r() % paths.length] + (r() % 4 === 0 ? `?id=${r() % 100000}` : '');
    s += `${new Date(t * 1000).toISOString()},${ip},${r() % 5 ? 'GET' : 'POST'},${path},${status[r() % status.length]},${r() % 50000},${(r() % 100000) / 100},"${agents[r() % agents.length]}"\n`;
  }
  return new TextEncoder().encode(s).subarray(0, 2 * MiB);
}

function numbers() {
  const r = xorshift(11);
  const f = new Float32Array((2 * MiB) / 4);
  let v = 20;
  for (let i = 0; i < f.length; i++) {
    v += ((r() % 2001) - 1000) / 10000;
    // A sensor with 0.01 resolution: smooth drift plus quantised noise.
    f[i] = Math.round((v + Math.sin(i / 500) * 2 + ((r() % 200) - 100) / 1000) * 100) / 100;
  }
  return new Uint8Array(f.buffer);
}

function random() {
  const r = xorshift(13);
  const b = new Uint8Array(256 * KiB);
  for (let i = 0; i < b.length; i++) b[i] = r() & 0xff;
  return b;
}

/** LZ4 blocks of every chunk, from liblz4's LZ4_compress_default (via Python's ctypes). */
function lz4Blocks(chunks) {
  const dir = mkdtempSync(join(tmpdir(), 'lz4-'));
  try {
    const lens = chunks.map((c) => c.length);
    writeFileSync(join(dir, 'in'), Buffer.concat(chunks));
    const py = `
import ctypes, struct, sys
L = ctypes.CDLL('liblz4.so.1')
L.LZ4_versionString.restype = ctypes.c_char_p
print('liblz4', L.LZ4_versionString().decode(), file=sys.stderr)
data = open(sys.argv[1] + '/in', 'rb').read()
lens = [int(x) for x in sys.argv[2].split(',')]
out = open(sys.argv[1] + '/out', 'wb')
at = 0
for n in lens:
    cap = L.LZ4_compressBound(n)
    dst = ctypes.create_string_buffer(cap)
    m = L.LZ4_compress_default(data[at:at + n], dst, n, cap)
    assert m > 0
    out.write(struct.pack('<I', m) + dst.raw[:m])
    at += n
`;
    execFileSync('python3', ['-c', py, dir, lens.join(',')], { stdio: ['ignore', 'ignore', 'inherit'] });
    const o = readFileSync(join(dir, 'out'));
    const res = [];
    for (let at = 0; at < o.length; ) {
      const m = o.readUInt32LE(at);
      res.push(new Uint8Array(o.subarray(at + 4, at + 4 + m)));
      at += 4 + m;
    }
    return res;
  } finally {
    rmSync(dir, { recursive: true });
  }
}

function snappyRaw(c) {
  const framed = snappyCompress(Buffer.from(c));
  let i = 0;
  while (framed[i] & 0x80) i++;
  return new Uint8Array(framed.subarray(i + 1));
}

const classes = [
  ['text', text(), [64 * KiB, 256 * KiB, MiB, 4 * MiB]],
  ['json', json(), [64 * KiB]],
  ['binary', binary(), [64 * KiB, 256 * KiB, MiB, 4 * MiB]],
  ['logs', logs(), [64 * KiB]],
  ['numbers', numbers(), [64 * KiB]],
  ['random', random(), [64 * KiB]],
  ['zeros', new Uint8Array(256 * KiB), [64 * KiB]],
];

// One file: u32 manifest length, the manifest (JSON: where each chunk's streams lie in the blob), then
// the blob. A chunk set of size S covers the class's first min(2 MiB, length) bytes, or all 4 MiB for S = 4 MiB.
const blobs = [];
let blobLen = 0;
const put = (b) => {
  blobs.push(b);
  blobLen += b.length;
  return [blobLen - b.length, b.length];
};
const covered = (raw, size) => (size === 4 * MiB ? raw.length : Math.min(2 * MiB, raw.length));
const manifest = [];
for (const [name, raw, sizes] of classes) {
  const fragments = Array.from({ length: raw.length / (64 * KiB) }, (_, i) => snappyRaw(raw.subarray(i * 64 * KiB, (i + 1) * 64 * KiB)));
  const entry = { name, bytes: raw.length, snappy64: fragments.map(put), lz4: {} };
  for (const size of sizes) {
    const n = covered(raw, size) / size;
    const chunks = Array.from({ length: n }, (_, i) => raw.subarray(i * size, (i + 1) * size));
    const lz4 = lz4Blocks(chunks);
    entry.lz4[size] = lz4.map(put);
    const per = size / (64 * KiB);
    chunks.forEach((c, i) => {
      if (Buffer.compare(Buffer.concat(fragments.slice(i * per, (i + 1) * per)), snappyRaw(c)) !== 0) throw new Error(`${name}: Snappy of ${size} is not its fragments`);
    });
    const sum = (list) => list.reduce((k, x) => k + x.length, 0);
    const all = covered(raw, size);
    console.log(`${name.padEnd(8)} ${String(size / KiB).padStart(5)} KiB x ${n}: ratio LZ4 ${(all / sum(lz4)).toFixed(2)}, Snappy ${(all / sum(fragments.slice(0, all / (64 * KiB)))).toFixed(2)}, Deflate ${(all / sum(chunks.map((c) => deflateRawSync(c, { level: 6 })))).toFixed(2)}`);
  }
  manifest.push(entry);
}
const head = new TextEncoder().encode(JSON.stringify(manifest));
const all = Buffer.concat([Buffer.from(new Uint32Array([head.length]).buffer), head, ...blobs]);
const br = brotliCompressSync(all, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: all.length } });
writeFileSync(out, br);
console.log(`wrote ${out}: ${(all.length / MiB).toFixed(1)} MiB, ${(br.length / MiB).toFixed(1)} MiB compressed`);
