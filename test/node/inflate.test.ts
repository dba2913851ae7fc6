// shaders/inflate.wgsl in Node (dawn.node on SwiftShader): raw Deflate streams from two independent
// encoders (Node's zlib at every level and strategy, fflate), streams written here bit by bit (stored, fixed
// and dynamic blocks with chosen code lengths, long codes, edge-case headers), truncations, output
// overflow, and a fuzz batch cross-checked against zlib's inflate (its statuses, and the bytes before an
// error, from python3's zlib fed a byte at a time).
import { constants as Z, deflateRawSync, inflateRawSync } from 'node:zlib';
import { type DeflateOptions, deflateSync as fflateDeflate } from 'fflate';
import { afterAll, describe, expect, test } from 'vitest';
import { byteRuns, DECODER_WGSL } from '../../src/core/shaders.ts';

const inflateWgsl = DECODER_WGSL.inflate;
/** Every test runs on the decoder as shipped and on its variant for runs of repeated bytes (byteRuns), which must agree. */
const runsWgsl = byteRuns(inflateWgsl);
if (runsWgsl === inflateWgsl) throw new Error('byteRuns changed nothing');
import {
  binaryBytes,
  type DecodeInput,
  type DecodeOutput,
  destroyDecoderDevice,
  mixedBytes,
  prng,
  randomBytes,
  runDecoder,
  Status,
  textBytes,
} from './decoder-harness.ts';
import { firstDiff } from '../shared/webcu.ts';
import { zlibInflate } from '../shared/zlib-inflate.ts';

afterAll(destroyDecoderDevice);

async function run(ops: DecodeInput[], seed?: number, maxGroupsX?: number): Promise<DecodeOutput[]> {
  const plain = await runDecoder(inflateWgsl, ops, { seed, maxGroupsX });
  const runs = await runDecoder(runsWgsl, ops, { seed, maxGroupsX });
  runs.forEach((r, i) => {
    expect([r.status, r.bytes], `runs variant, op ${i}: status, byte count`).toEqual([plain[i].status, plain[i].bytes]);
    expect(firstDiff(r.out, plain[i].out), `runs variant, op ${i}: first differing byte`).toBe(-1);
  });
  return plain;
}

function expectDecoded(r: DecodeOutput, want: Uint8Array, what: string) {
  expect(r.status, `${what}: status`).toBe(Status.OK);
  expect(r.bytes, `${what}: byte count`).toBe(want.length);
  expect(firstDiff(r.out, want), `${what}: first differing byte`).toBe(-1);
}

/** Expects an error status and that the bytes reported are a prefix of `want`. */
function expectPrefix(r: DecodeOutput, want: Uint8Array, what: string) {
  expect(r.bytes, `${what}: byte count`).toBeLessThanOrEqual(want.length);
  expect(firstDiff(r.out, want.subarray(0, r.bytes)), `${what}: first differing byte`).toBe(-1);
}

/** zlib's inflate error messages and the status each is here. */
const ZLIB_ERRORS: Record<string, number> = {
  truncated: Status.TRUNCATED,
  'invalid block type': Status.BAD_BLOCK_TYPE,
  'invalid stored block lengths': Status.BAD_STORED_LEN,
  'too many length or distance symbols': Status.BAD_HUFFMAN,
  'invalid code lengths set': Status.BAD_HUFFMAN,
  'invalid bit length repeat': Status.BAD_HUFFMAN,
  'invalid code -- missing end-of-block': Status.BAD_HUFFMAN,
  'invalid literal/lengths set': Status.BAD_HUFFMAN,
  'invalid distances set': Status.BAD_HUFFMAN,
  'invalid literal/length code': Status.BAD_SYMBOL,
  'invalid distance code': Status.BAD_SYMBOL,
  'invalid distance too far back': Status.BAD_DISTANCE,
};

const u8 = (b: Buffer | Uint8Array) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
const ascii = (s: string) => new TextEncoder().encode(s);

// ---- a small Deflate writer ------------------------------------------------------------------------------

class BitWriter {
  private out: number[] = [];
  private cur = 0;
  private n = 0;
  /** `count` bits of v, LSB first (header fields, extra bits). */
  bits(v: number, count: number): this {
    for (let i = 0; i < count; i++) {
      this.cur |= ((v >>> i) & 1) << this.n;
      if (++this.n === 8) this.flushByte();
    }
    return this;
  }
  /** A Huffman code, MSB first. */
  code(c: number, len: number): this {
    for (let i = len - 1; i >= 0; i--) this.bits((c >>> i) & 1, 1);
    return this;
  }
  align(): this {
    if (this.n) this.flushByte();
    return this;
  }
  bytes(b: ArrayLike<number>): this {
    this.align();
    for (let i = 0; i < b.length; i++) this.out.push(b[i]);
    return this;
  }
  finish(): Uint8Array {
    this.align();
    return Uint8Array.from(this.out);
  }
  private flushByte() {
    this.out.push(this.cur);
    this.cur = 0;
    this.n = 0;
  }
}

const LEN_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LEN_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
const CL_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/** Literal byte, end of block, or a match. Raw symbols (`sym`/`dsym`) allow invalid ones. */
type Sym = number | 'eob' | { len: number; dist: number } | { sym: number; dsym?: number };

function lenSym(len: number): number {
  let i = LEN_BASE.length - 1;
  while (LEN_BASE[i] > len) i--;
  return i;
}
function distSym(dist: number): number {
  let i = DIST_BASE.length - 1;
  while (DIST_BASE[i] > dist) i--;
  return i;
}

/** Canonical codes (RFC 1951 3.2.2) for code lengths. */
function canonical(lens: number[]): number[] {
  const count = new Array(16).fill(0);
  for (const l of lens) if (l) count[l]++;
  const next = new Array(16).fill(0);
  let code = 0;
  for (let l = 1; l < 16; l++) {
    code = (code + count[l - 1]) << 1;
    next[l] = code;
  }
  return lens.map((l) => (l ? next[l]++ : 0));
}

interface Code {
  lens: number[];
  codes: number[];
}
const makeCode = (lens: number[]): Code => ({ lens, codes: canonical(lens) });

const FIXED_LIT = makeCode([...new Array(144).fill(8), ...new Array(112).fill(9), ...new Array(24).fill(7), ...new Array(8).fill(8)]);
const FIXED_DIST = makeCode(new Array(32).fill(5));

function putSym(w: BitWriter, lit: Code, dist: Code, s: Sym) {
  const put = (c: Code, sym: number) => {
    if (!c.lens[sym]) throw new Error(`symbol ${sym} has no code`);
    w.code(c.codes[sym], c.lens[sym]);
  };
  if (typeof s === 'number') put(lit, s);
  else if (s === 'eob') put(lit, 256);
  else if ('sym' in s) {
    put(lit, s.sym);
    if (s.dsym !== undefined) put(dist, s.dsym);
  } else {
    const ls = lenSym(s.len);
    put(lit, 257 + ls);
    w.bits(s.len - LEN_BASE[ls], LEN_EXTRA[ls]);
    const ds = distSym(s.dist);
    put(dist, ds);
    w.bits(s.dist - DIST_BASE[ds], DIST_EXTRA[ds]);
  }
}

function storedBlock(w: BitWriter, data: Uint8Array, final: boolean, nlen?: number) {
  w.bits(final ? 1 : 0, 1).bits(0, 2).align();
  w.bits(data.length, 16).bits(nlen ?? ~data.length & 0xffff, 16);
  w.bytes(data);
}

function fixedBlock(w: BitWriter, syms: Sym[], final: boolean) {
  w.bits(final ? 1 : 0, 1).bits(1, 2);
  for (const s of syms) putSym(w, FIXED_LIT, FIXED_DIST, s);
}

// Complete code-length code: 13 lengths of 4 bits and 6 of 5 bits.
const CL_LENS = CL_ORDER.map((_, i) => (i < 13 ? 4 : 5));
interface DynamicOptions {
  /** Code lengths of the code-length code, indexed by code-length symbol (default CL_LENS). */
  clLens?: number[];
  /** The code-length symbols to send, e.g. with repeat codes: [sym, extraBits?] pairs. */
  lengthSyms?: [number, number?][];
  /** Raw HLIT/HDIST field values (default from the code sizes). */
  hlit?: number;
  hdist?: number;
}

function dynamicBlock(w: BitWriter, lit: Code, dist: Code, syms: Sym[], final: boolean, o: DynamicOptions = {}) {
  const clLens = o.clLens ?? CL_LENS;
  const cl = makeCode(clLens);
  w.bits(final ? 1 : 0, 1).bits(2, 2);
  w.bits(o.hlit ?? lit.lens.length - 257, 5).bits(o.hdist ?? dist.lens.length - 1, 5).bits(19 - 4, 4);
  for (const s of CL_ORDER) w.bits(clLens[s] ?? 0, 3);
  const seq: [number, number?][] = o.lengthSyms ?? [...lit.lens, ...dist.lens].map((l) => [l]);
  for (const [s, extra] of seq) {
    w.code(cl.codes[s], cl.lens[s]);
    if (s === 16) w.bits(extra ?? 0, 2);
    if (s === 17) w.bits(extra ?? 0, 3);
    if (s === 18) w.bits(extra ?? 0, 7);
  }
  for (const s of syms) putSym(w, lit, dist, s);
}

/** Complete code lengths for `syms` used symbols out of `size`: a chain down to `deepest` bits, then flat. */
function codeLens(size: number, used: number[], deepest: number): number[] {
  const depths: number[] = [];
  if (used.length === 1) depths.push(1);
  else {
    for (let d = 1; d < deepest; d++) depths.push(d);
    depths.push(deepest, deepest);
    while (depths.length > used.length) {
      // fewer symbols than the chain: merge the two deepest leaves
      depths.sort((a, b) => a - b);
      const d = depths.pop()!;
      depths.pop();
      depths.push(d - 1);
    }
    while (depths.length < used.length) {
      let m = 0;
      for (let i = 1; i < depths.length; i++) if (depths[i] < depths[m]) m = i;
      const d = depths[m] + 1;
      if (d > 15) throw new Error('code too large');
      depths.splice(m, 1, d, d);
    }
  }
  // Longest codes go to the first used symbols (the ones the tests use most).
  depths.sort((a, b) => b - a);
  const lens = new Array(size).fill(0);
  used.forEach((s, i) => (lens[s] = depths[i]));
  return lens;
}

/** Reference: expands symbols to bytes (throws on an impossible distance). */
function expand(syms: Sym[], prefix: number[] = []): number[] {
  const o = prefix.slice();
  for (const s of syms) {
    if (typeof s === 'number') o.push(s);
    else if (s !== 'eob' && 'len' in s) {
      if (s.dist > o.length) throw new Error('distance too far');
      for (let i = 0; i < s.len; i++) o.push(o[o.length - s.dist]);
    }
  }
  return o;
}

/** Random literals and matches (valid distances), starting after `start` bytes of history. */
function randomSyms(n: number, seed: number, start = 0, maxDist = 32768): Sym[] {
  const r = prng(seed);
  const syms: Sym[] = [];
  let pos = start;
  for (let i = 0; i < n; i++) {
    const v = r();
    if (pos < 3 || v % 3 === 0) {
      syms.push(r() & 0xff);
      pos++;
    } else {
      const kind = r() % 8;
      const len = kind === 0 ? 258 : kind === 1 ? 3 + (r() % 8) : 3 + (r() % 256);
      const cap = Math.min(pos, maxDist);
      const dist = kind < 3 ? 1 + (r() % Math.min(cap, 4)) : kind === 3 ? cap : 1 + (r() % cap);
      syms.push({ len, dist });
      pos += len;
    }
  }
  return syms;
}

/** Greedy LZ77 over `data` (hash of 3 bytes, 32 KiB window); for hand-built blocks over real data. */
function lz77(data: Uint8Array, from: number, to: number): Sym[] {
  const head = new Map<number, number>();
  const syms: Sym[] = [];
  let i = from;
  const key = (p: number) => data[p] | (data[p + 1] << 8) | (data[p + 2] << 16);
  for (let p = Math.max(0, from - 32768); p + 2 < from; p++) head.set(key(p), p);
  while (i < to) {
    let best = 0;
    let dist = 0;
    if (i + 2 < to) {
      const cand = head.get(key(i));
      if (cand !== undefined && i - cand <= 32768) {
        let l = 0;
        while (l < 258 && i + l < to && data[cand + l] === data[i + l]) l++;
        if (l >= 3) {
          best = l;
          dist = i - cand;
        }
      }
      head.set(key(i), i);
    }
    if (best) {
      for (let k = 1; k < best && i + k + 2 < to; k++) head.set(key(i + k), i + k);
      syms.push({ len: best, dist });
      i += best;
    } else syms.push(data[i++]);
  }
  return syms;
}

function usedSymbols(syms: Sym[]): { lit: number[]; dist: number[] } {
  const lit = new Set<number>([256]);
  const dist = new Set<number>();
  for (const s of syms) {
    if (typeof s === 'number') lit.add(s);
    else if (s !== 'eob' && 'len' in s) {
      lit.add(257 + lenSym(s.len));
      dist.add(distSym(s.dist));
    }
  }
  const order = (a: Set<number>) => [...a].sort((x, y) => x - y);
  return { lit: order(lit), dist: order(dist) };
}

/** A dynamic block whose codes are built for the symbols it uses (chain depth `deepest` for long codes). */
function autoDynamic(w: BitWriter, syms: Sym[], final: boolean, deepest = 15) {
  const u = usedSymbols(syms);
  const litSize = Math.max(257, u.lit[u.lit.length - 1] + 1);
  const lit = makeCode(codeLens(litSize, u.lit, Math.min(deepest, Math.max(1, u.lit.length - 1))));
  const dist = u.dist.length
    ? makeCode(codeLens(u.dist[u.dist.length - 1] + 1, u.dist, Math.min(deepest, Math.max(1, u.dist.length - 1))))
    : makeCode([0]);
  dynamicBlock(w, lit, dist, [...syms, 'eob'], final);
}

// ---- corpora ---------------------------------------------------------------------------------------------

const KIB = 1024;
const inputs: [string, Uint8Array][] = [
  ['text', textBytes(24 * KIB, 11)],
  ['binary', binaryBytes(16 * KIB, 12)],
  ['random', randomBytes(6 * KIB, 13)],
  ['zeros', new Uint8Array(64 * KIB)],
  ['mixed', mixedBytes(16 * KIB, 14)],
];
const tiny: [string, Uint8Array][] = Array.from({ length: 17 }, (_, n) => [
  `tiny${n}`,
  n % 2 ? textBytes(n, 100 + n) : randomBytes(n, 100 + n),
]);
const strategies: [string, number][] = [
  ['default', Z.Z_DEFAULT_STRATEGY],
  ['filtered', Z.Z_FILTERED],
  ['huffman', Z.Z_HUFFMAN_ONLY],
  ['rle', Z.Z_RLE],
  ['fixed', Z.Z_FIXED],
];

// ---- tests -----------------------------------------------------------------------------------------------

describe('streams from encoders', () => {
  test('zlib deflateRawSync: every level x strategy over text, binary, random, zeros, mixed, tiny (one dispatch)', async () => {
    const cases: { name: string; data: Uint8Array; src: Uint8Array }[] = [];
    for (const [iname, data] of [...inputs, ...tiny]) {
      for (let level = 0; level <= 9; level++) {
        for (const [sname, strategy] of strategies) {
          cases.push({ name: `${iname} level ${level} ${sname}`, data, src: u8(deflateRawSync(data, { level, strategy })) });
        }
      }
    }
    const res = await run(cases.map((c) => ({ src: c.src, outCap: c.data.length })));
    res.forEach((r, i) => expectDecoded(r, cases[i].data, cases[i].name));
  });

  test('zlib: small memLevel / windowBits and exact-size vs roomy output regions', async () => {
    const data = textBytes(40 * KIB, 21);
    const cases: { name: string; src: Uint8Array; outCap: number }[] = [];
    for (const windowBits of [9, 12, 15]) {
      for (const memLevel of [1, 9]) {
        const src = u8(deflateRawSync(data, { level: 9, windowBits, memLevel }));
        cases.push({ name: `wb${windowBits} ml${memLevel}`, src, outCap: data.length });
        cases.push({ name: `wb${windowBits} ml${memLevel} roomy`, src, outCap: data.length + 1000 });
      }
    }
    const res = await run(cases.map((c) => ({ src: c.src, outCap: c.outCap })));
    res.forEach((r, i) => expectDecoded(r, data, cases[i].name));
  });

  test('fflate deflateSync: every level over the corpora', async () => {
    const cases: { name: string; data: Uint8Array; src: Uint8Array }[] = [];
    for (const [iname, data] of [...inputs, ...tiny.filter((_, i) => i % 4 === 0)]) {
      for (let level = 0; level <= 9; level++) {
        cases.push({ name: `fflate ${iname} level ${level}`, data, src: fflateDeflate(data, { level: level as DeflateOptions['level'] }) });
      }
      cases.push({ name: `fflate ${iname} mem 12`, data, src: fflateDeflate(data, { level: 6, mem: 12 }) });
    }
    const res = await run(cases.map((c) => ({ src: c.src, outCap: c.data.length })));
    res.forEach((r, i) => expectDecoded(r, cases[i].data, cases[i].name));
  });

  test('a ~4 MiB input (zlib level 6)', async () => {
    const data = mixedBytes(4 * KIB * KIB + 123, 31);
    const srcs = [u8(deflateRawSync(data, { level: 6 }))];
    const res = await run(srcs.map((src) => ({ src, outCap: data.length })));
    res.forEach((r, i) => expectDecoded(r, data, `4 MiB #${i}`));
    // One workgroup's serial rounds over 4 MiB: 1-2 minutes on SwiftShader beside another test file.
  }, 300_000);
});

describe('streams written here', () => {
  test('stored + fixed + dynamic blocks in one stream, matches across blocks, 32 KiB distances', async () => {
    const data = mixedBytes(200 * KIB, 41);
    const cuts = [0, 3000, 3000 + 65535, 90 * KIB, 140 * KIB, 170 * KIB, data.length];
    const w = new BitWriter();
    storedBlock(w, data.subarray(cuts[0], cuts[1]), false);
    storedBlock(w, data.subarray(cuts[1], cuts[2]), false); // a full 65535-byte stored block
    fixedBlock(w, [...lz77(data, cuts[2], cuts[3]), 'eob'], false);
    autoDynamic(w, lz77(data, cuts[3], cuts[4]), false);
    storedBlock(w, new Uint8Array(0), false); // empty stored block
    fixedBlock(w, ['eob'], false); // empty fixed block
    autoDynamic(w, lz77(data, cuts[4], cuts[5]), false, 9);
    fixedBlock(w, [...lz77(data, cuts[5], cuts[6]), 'eob'], true);
    const src = w.finish();
    expect(firstDiff(u8(inflateRawSync(src)), data)).toBe(-1); // the writer itself is right
    const [r] = await run([{ src, outCap: data.length }]);
    expectDecoded(r, data, 'mixed blocks');
  });

  test('random symbol streams: long codes (slow path), max lengths and distances, overlapping copies', async () => {
    const cases: { name: string; src: Uint8Array; want: Uint8Array }[] = [];
    for (let k = 0; k < 6; k++) {
      const w = new BitWriter();
      let history: number[] = [];
      // First block: every literal byte, so the codes use all 286 literal/length symbols.
      const first: Sym[] = Array.from({ length: 256 }, (_, b) => (b * 97 + k) & 255);
      const blocks: Sym[][] = [first.concat(randomSyms(1500, 500 + k, 256))];
      blocks.push(randomSyms(1500 + 300 * k, 600 + k, 1000));
      for (const [bi, syms] of blocks.entries()) {
        const final = bi === blocks.length - 1;
        // Make sure every length code is present in the first block.
        if (bi === 0) for (let s = 0; s < 29; s++) syms.push({ len: LEN_BASE[s], dist: 1 + s });
        if (k % 3 === 2 && bi === 1) fixedBlock(w, [...syms, 'eob'], final);
        else autoDynamic(w, syms, final, k % 2 ? 15 : 12);
        history = expand(syms, history);
      }
      const want = Uint8Array.from(history);
      const src = w.finish();
      cases.push({ name: `random syms #${k}`, src, want });
    }
    for (const c of cases) expect(firstDiff(u8(inflateRawSync(c.src)), c.want), c.name).toBe(-1);
    const res = await run(cases.map((c) => ({ src: c.src, outCap: c.want.length })));
    res.forEach((r, i) => expectDecoded(r, cases[i].want, cases[i].name));
  });

  test('chains of matches of one distance (one command when periodic) after deep chains, across literals, stored blocks and block ends', async () => {
    // The runs variant lengthens the round's last command by a match of its distance when that command is a
    // periodic match (length >= distance). Chains here also start with a non-periodic match (length <
    // distance) after matches three deep, which must stay a command of its own.
    const cases: { name: string; src: Uint8Array; want: Uint8Array }[] = [];
    for (let k = 0; k < 8; k++) {
      const r = prng(900 + k);
      const w = new BitWriter();
      let history: number[] = [];
      let lastDist = 1;
      for (let b = 0; b < 6; b++) {
        const syms: Sym[] = [];
        let pos = history.length;
        const lit = () => {
          syms.push(r() & 0xff);
          pos++;
        };
        const match = (len: number, dist: number) => {
          syms.push({ len, dist });
          pos += len;
        };
        // After a stored block, the block goes on with the distance of the chain that ended before it.
        if (b % 3 === 1) match(258, lastDist);
        for (let i = 0; i < 40 + (r() % 60); i++) {
          while (pos < 600) lit();
          const v = r() % 6;
          if (v === 0) for (let j = 0; j < 1 + (r() % 5); j++) lit();
          else if (v === 1) {
            // a chain three deep inside the round: each match copies the one before it
            lit();
            lit();
            match(3 + (r() % 6), 2);
            match(3 + (r() % 6), 3 + (r() % 3));
            match(3 + (r() % 6), 4 + (r() % 4));
          }
          const d = [1, 2, 3, 4, 5, 7, 16, 100, 300, 555][r() % 10];
          const first = r() % 2 ? 3 + (r() % Math.max(1, Math.min(d - 3, 255))) : d + (r() % 258);
          match(Math.min(258, Math.max(3, first)), d);
          for (let j = 0; j < r() % 6; j++) match(r() % 3 ? 258 : 3 + (r() % 256), d);
          lastDist = d;
        }
        const final = b === 5;
        if (b % 3 === 1) {
          // a stored block first: the chains below span its end and the next block's start
          const stored = Array.from({ length: 1 + (r() % 40) }, () => r() & 0xff);
          storedBlock(w, Uint8Array.from(stored), false);
          history = history.concat(stored);
        }
        if (b % 2) fixedBlock(w, [...syms, 'eob'], final);
        else autoDynamic(w, syms, final);
        history = expand(syms, history);
      }
      cases.push({ name: `same-distance chains #${k}`, src: w.finish(), want: Uint8Array.from(history) });
    }
    for (const c of cases) expect(firstDiff(u8(inflateRawSync(c.src)), c.want), c.name).toBe(-1);
    const res = await run(cases.map((c) => ({ src: c.src, outCap: c.want.length })));
    res.forEach((r, i) => expectDecoded(r, cases[i].want, cases[i].name));
  });

  test('codes that zlib and libdeflate accept: empty and one-symbol distance codes, one-symbol literal/length code', async () => {
    const litOnly = codeLens(257, [65, 66, 256], 2);
    const ops: { name: string; src: Uint8Array; want: Uint8Array }[] = [];
    {
      // empty distance code (HDIST = 1, length 0), no matches used
      const w = new BitWriter();
      dynamicBlock(w, makeCode(litOnly), makeCode([0]), [65, 66, 65, 'eob'], true);
      ops.push({ name: 'empty distance code', src: w.finish(), want: ascii('ABA') });
    }
    {
      // one distance code of length 1 for symbol 5 (codeword 0), used by matches
      const lit = makeCode(codeLens(258, [65, 66, 256, 257], 3));
      const dl = new Array(6).fill(0);
      dl[5] = 1; // distances 7..8
      const w = new BitWriter();
      dynamicBlock(w, lit, makeCode(dl), [65, 66, 65, 66, 65, 66, 65, 66, { len: 3, dist: 7 }, { len: 3, dist: 8 }, 'eob'], true);
      ops.push({ name: 'one-symbol distance code', src: w.finish(), want: Uint8Array.from(expand([65, 66, 65, 66, 65, 66, 65, 66, { len: 3, dist: 7 }, { len: 3, dist: 8 }])) });
    }
    {
      // literal/length code with only symbol 256 (length 1), after a stored block
      const ll = new Array(257).fill(0);
      ll[256] = 1;
      const w = new BitWriter();
      storedBlock(w, ascii('xyz'), false);
      dynamicBlock(w, makeCode(ll), makeCode([0]), ['eob'], false);
      dynamicBlock(w, makeCode(ll), makeCode([1]), ['eob'], true);
      ops.push({ name: 'one-symbol literal/length code', src: w.finish(), want: ascii('xyz') });
    }
    {
      // repeat codes 16/17/18, a 16 run crossing from literal/length into distance lengths, trailing garbage
      const lit = new Array(260).fill(0);
      for (const sym of [65, 256, 258, 259]) lit[sym] = 2;
      const dist = [2, 2, 2, 2];
      const seq: [number, number?][] = [[18, 65 - 11], [2], [18, 138 - 11], [18, 52 - 11], [2], [0], [2], [16, 2]];
      const w = new BitWriter();
      dynamicBlock(w, makeCode(lit), makeCode(dist), [65, 65, { len: 4, dist: 2 }, { len: 5, dist: 3 }, 'eob'], true, { lengthSyms: seq });
      const src = Uint8Array.from([...w.finish(), 0xde, 0xad, 0xbe, 0xef]);
      ops.push({ name: 'repeat codes', src, want: Uint8Array.from(expand([65, 65, { len: 4, dist: 2 }, { len: 5, dist: 3 }])) });
    }
    {
      // zero-length output: a final fixed block holding only end-of-block, out_cap 0
      const w = new BitWriter();
      fixedBlock(w, ['eob'], true);
      ops.push({ name: 'empty output', src: w.finish(), want: new Uint8Array(0) });
    }
    for (const o of ops) expect(firstDiff(u8(inflateRawSync(o.src)), o.want), `zlib: ${o.name}`).toBe(-1);
    const res = await run(ops.map((o) => ({ src: o.src, outCap: o.want.length })));
    res.forEach((r, i) => expectDecoded(r, ops[i].want, ops[i].name));
  });

  test('invalid streams get their status codes', async () => {
    const cases: { name: string; src: Uint8Array; status: number; bytes: number }[] = [];
    const add = (name: string, w: BitWriter | Uint8Array, status: number, bytes = 0) =>
      cases.push({ name, src: w instanceof BitWriter ? w.finish() : w, status, bytes });
    const lit3 = makeCode(codeLens(258, [65, 256, 257], 2));
    const d1 = makeCode([1, 1]);

    add('BTYPE 3', Uint8Array.from([0x07, 0, 0, 0]), Status.BAD_BLOCK_TYPE);
    {
      const w = new BitWriter();
      fixedBlock(w, [65, 66, 'eob'], false);
      w.bits(1, 1).bits(3, 2).bits(0, 16);
      add('BTYPE 3 after a block', w, Status.BAD_BLOCK_TYPE, 2);
    }
    {
      const w = new BitWriter();
      storedBlock(w, ascii('hello'), true, 0x1234);
      add('stored LEN != ~NLEN', w, Status.BAD_STORED_LEN);
    }
    {
      const w = new BitWriter();
      dynamicBlock(w, lit3, d1, [], true, { clLens: [1, 1, 1, ...new Array(16).fill(0)], lengthSyms: [] });
      add('over-subscribed code-length code', w.bits(0, 32), Status.BAD_HUFFMAN);
    }
    {
      const w = new BitWriter();
      dynamicBlock(w, lit3, d1, [], true, { clLens: [0, 0, 2, 2, 2, ...new Array(14).fill(0)], lengthSyms: [] });
      add('incomplete code-length code', w.bits(0, 32), Status.BAD_HUFFMAN);
    }
    {
      const lens = new Array(257).fill(0);
      lens[65] = 1;
      lens[66] = 1;
      lens[256] = 1;
      const w = new BitWriter();
      dynamicBlock(w, { lens, codes: new Array(257).fill(0) }, d1, [], true);
      add('over-subscribed literal/length code', w.bits(0, 32), Status.BAD_HUFFMAN);
    }
    {
      const lens = new Array(257).fill(0);
      lens[65] = 2;
      lens[256] = 2;
      const w = new BitWriter();
      dynamicBlock(w, makeCode(lens), d1, [], true);
      add('incomplete literal/length code (two 2-bit codes)', w.bits(0, 32), Status.BAD_HUFFMAN);
    }
    {
      const w = new BitWriter();
      dynamicBlock(w, lit3, makeCode([2, 2, 0, 2]), [], true);
      add('incomplete distance code (three 2-bit codes)', w.bits(0, 32), Status.BAD_HUFFMAN);
    }
    {
      const w = new BitWriter();
      dynamicBlock(w, lit3, d1, [], true, { lengthSyms: [[16, 0]] });
      add('repeat code 16 first', w.bits(0, 32), Status.BAD_HUFFMAN);
    }
    {
      const w = new BitWriter();
      const seq: [number, number?][] = [[18, 127], [18, 127], [18, 127]]; // 3 x 138 > 258 + 2
      dynamicBlock(w, lit3, d1, [], true, { lengthSyms: seq });
      add('repeats past HLIT + HDIST', w.bits(0, 32), Status.BAD_HUFFMAN);
    }
    {
      const w = new BitWriter();
      dynamicBlock(w, lit3, d1, [], true, { hlit: 30, lengthSyms: [] });
      add('HLIT = 287', w.bits(0, 64), Status.BAD_HUFFMAN);
    }
    {
      const w = new BitWriter();
      dynamicBlock(w, lit3, d1, [], true, { hdist: 30, lengthSyms: [] });
      add('HDIST = 31', w.bits(0, 64), Status.BAD_HUFFMAN);
    }
    {
      const lens = new Array(257).fill(0);
      lens[65] = 1;
      lens[66] = 1;
      const w = new BitWriter();
      dynamicBlock(w, { lens, codes: [] }, d1, [], true);
      add('no code for end-of-block', w.bits(0, 32), Status.BAD_HUFFMAN);
    }
    {
      const w = new BitWriter();
      fixedBlock(w, [65, { sym: 286 }], true);
      add('fixed literal/length 286', w.bits(0, 32), Status.BAD_SYMBOL, 1);
    }
    {
      const w = new BitWriter();
      fixedBlock(w, [65, 66, { sym: 287 }], true);
      add('fixed literal/length 287', w.bits(0, 32), Status.BAD_SYMBOL, 2);
    }
    {
      const w = new BitWriter();
      fixedBlock(w, [65, 66, 67, { sym: 257, dsym: 30 }], true);
      add('fixed distance 30', w.bits(0, 32), Status.BAD_SYMBOL, 3);
    }
    {
      const w = new BitWriter();
      fixedBlock(w, [65, 66, 67, { sym: 257, dsym: 31 }], true);
      add('fixed distance 31', w.bits(0, 32), Status.BAD_SYMBOL, 3);
    }
    {
      const w = new BitWriter();
      dynamicBlock(w, lit3, makeCode([0]), [65, 65, { sym: 257 }], true);
      add('match with an empty distance code', w.bits(0, 32), Status.BAD_SYMBOL, 2);
    }
    {
      const ll = new Array(257).fill(0);
      ll[256] = 1;
      const w = new BitWriter();
      dynamicBlock(w, makeCode(ll), makeCode([0]), [], true);
      w.bits(1, 1); // codeword '1' of a one-code literal/length code
      add('unused codeword of a one-symbol code', w.bits(0, 32), Status.BAD_SYMBOL);
    }
    {
      const w = new BitWriter();
      fixedBlock(w, [65, { len: 3, dist: 2 }], true);
      add('distance before the output start', w.bits(0, 16), Status.BAD_DISTANCE, 1);
    }
    {
      const w = new BitWriter();
      storedBlock(w, ascii('abc'), false);
      fixedBlock(w, [{ len: 10, dist: 3 }, { len: 3, dist: 14 }], true);
      add('distance one past the output start, after a stored block', w.bits(0, 16), Status.BAD_DISTANCE, 13);
    }
    {
      const w = new BitWriter();
      storedBlock(w, ascii('abc'), false);
      add('no final block', w, Status.TRUNCATED, 3);
    }
    add('empty input', new Uint8Array(0), Status.TRUNCATED);
    {
      const w = new BitWriter();
      storedBlock(w, ascii('hello world'), true);
      add('stored block cut short', w.finish().subarray(0, 10), Status.TRUNCATED);
    }
    for (const c of cases) expect(() => inflateRawSync(c.src), `zlib rejects: ${c.name}`).toThrow();
    const res = await run(cases.map((c) => ({ src: c.src, outCap: 1000 })));
    res.forEach((r, i) => {
      expect({ name: cases[i].name, status: r.status, bytes: r.bytes }).toEqual({
        name: cases[i].name,
        status: cases[i].status,
        bytes: cases[i].bytes,
      });
    });
  });

  test('distance exactly back to the output start is valid', async () => {
    const w = new BitWriter();
    fixedBlock(w, [65, 66, { len: 258, dist: 2 }, { len: 100, dist: 260 }, 'eob'], true);
    const src = w.finish();
    const want = u8(inflateRawSync(src));
    const [r] = await run([{ src, outCap: want.length }]);
    expectDecoded(r, want, 'distance = output size');
  });
});

describe('truncation and output limits', () => {
  test('every prefix of small streams and many prefixes of larger ones is TRUNCATED', async () => {
    const streams: [Uint8Array, Uint8Array][] = [];
    const t = textBytes(1500, 51);
    streams.push([t, u8(deflateRawSync(t, { level: 9 }))]);
    streams.push([t, u8(deflateRawSync(t, { strategy: Z.Z_FIXED }))]);
    const r = randomBytes(600, 52);
    streams.push([r, u8(deflateRawSync(r, { level: 0 }))]);
    {
      const w = new BitWriter();
      storedBlock(w, t.subarray(0, 200), false);
      fixedBlock(w, [...lz77(t, 200, 700), 'eob'], false);
      autoDynamic(w, lz77(t, 700, 1500), true);
      streams.push([t, w.finish()]);
    }
    const big = mixedBytes(100 * KIB, 53);
    const bigSrc = u8(deflateRawSync(big, { level: 6 }));
    const ops: DecodeInput[] = [];
    const wants: Uint8Array[] = [];
    for (const [data, src] of streams) {
      for (let n = 0; n < src.length; n++) {
        ops.push({ src: src.subarray(0, n), outCap: data.length });
        wants.push(data);
      }
    }
    const rand = prng(54);
    for (let k = 0; k < 12; k++) {
      ops.push({ src: bigSrc.subarray(0, rand() % bigSrc.length), outCap: big.length });
      wants.push(big);
    }
    const res = await run(ops);
    res.forEach((r, i) => {
      expect(r.status, `prefix op ${i} (${ops[i].src.length} bytes)`).toBe(Status.TRUNCATED);
      expectPrefix(r, wants[i], `prefix op ${i}`);
    });
  });

  test('OUTPUT_OVERFLOW stops at out_cap and keeps the bytes before it', async () => {
    const data = textBytes(20 * KIB, 61);
    const dyn = u8(deflateRawSync(data, { level: 6 }));
    const huff = u8(deflateRawSync(data, { strategy: Z.Z_HUFFMAN_ONLY }));
    const stored = u8(deflateRawSync(data, { level: 0 }));
    const ops: DecodeInput[] = [];
    const exact: boolean[] = [];
    for (const cap of [0, 1, 2, 3, 4, 5, 17, 100, 1000, 4096, 12345, data.length - 1]) {
      ops.push({ src: dyn, outCap: cap }, { src: huff, outCap: cap }, { src: stored, outCap: cap });
      exact.push(false, true, false); // a Huffman-only stream is all literals: it fills the region exactly
    }
    const res = await run(ops);
    res.forEach((r, i) => {
      const what = `op ${i} cap ${ops[i].outCap}`;
      expect(r.status, what).toBe(Status.OUTPUT_OVERFLOW);
      expect(r.bytes, what).toBeLessThanOrEqual(ops[i].outCap);
      if (exact[i]) expect(r.bytes, what).toBe(ops[i].outCap);
      else expect(r.bytes, what).toBeGreaterThanOrEqual(i % 3 === 2 ? 0 : ops[i].outCap - 258);
      expectPrefix(r, data, what);
    });
  });
});

describe('fuzz', () => {
  test('bit flips, truncations and random bytes in one 2D dispatch: statuses and the bytes before an error are zlib\'s', async () => {
    const rand = prng(71);
    const bases: Uint8Array[] = [];
    // Bases with stored blocks: a stream cut inside one decodes to fewer bytes here than in zlib (below).
    const stored = new Set<Uint8Array>();
    const t = textBytes(4000, 72);
    const b = binaryBytes(3000, 73);
    for (const level of [0, 1, 6, 9]) bases.push(u8(deflateRawSync(t, { level })), u8(deflateRawSync(b, { level })));
    stored.add(bases[0]).add(bases[1]);
    bases.push(u8(deflateRawSync(t, { strategy: Z.Z_FIXED })), u8(deflateRawSync(b, { strategy: Z.Z_RLE })));
    bases.push(fflateDeflate(t, { level: 5 }), fflateDeflate(b, { level: 9 }));
    {
      const w = new BitWriter();
      storedBlock(w, t.subarray(0, 100), false);
      autoDynamic(w, randomSyms(400, 74), false);
      fixedBlock(w, [...randomSyms(300, 75, 1000), 'eob'], true);
      bases.push(w.finish());
      stored.add(bases[bases.length - 1]);
    }
    const ops: DecodeInput[] = [];
    const kinds: string[] = [];
    const fromStored: boolean[] = [];
    const OUT_CAP = 40 * KIB;
    for (let k = 0; k < 600; k++) {
      const base = bases[rand() % bases.length];
      let m: Uint8Array;
      const kind = k % 6;
      if (kind === 0) {
        m = randomBytes(1 + (rand() % 200), rand());
      } else if (kind === 1) {
        m = base.subarray(0, rand() % base.length);
      } else if (kind === 5) {
        // early bytes are headers and code tables: flip there more often
        m = base.slice();
        const span = Math.min(m.length, 40);
        m[rand() % span] ^= 1 << (rand() % 8);
      } else {
        m = base.slice();
        const flips = 1 + (rand() % (kind * 2));
        for (let f = 0; f < flips; f++) m[rand() % m.length] ^= 1 << (rand() % 8);
      }
      ops.push({ src: m, outCap: OUT_CAP });
      kinds.push(['random', 'truncated', 'flip', 'flips', 'flips', 'header flip'][kind]);
      fromStored.push(kind !== 0 && stored.has(base));
    }
    // the harness throws if any byte outside an op's produced range changed
    const res = await run(ops, 72, 37);
    const z = zlibInflate(ops.map((o) => o.src));
    const seen = new Set<string>();
    let agreedErrors = 0;
    let cutStored = 0;
    res.forEach((r, i) => {
      const { error, out } = z[i];
      const what = `fuzz op ${i} (${kinds[i]}; zlib: ${error || 'ok'}, ${out.length} bytes)`;
      if (out.length > OUT_CAP) {
        expect(r.status, what).toBe(Status.OUTPUT_OVERFLOW);
        expectPrefix(r, out, what);
      } else if (!error) {
        expectDecoded(r, out, what);
      } else if (r.status === Status.TRUNCATED && r.bytes < out.length && fromStored[i]) {
        // zlib writes a stored block's bytes as they come; webcu writes none of a block cut short.
        expect(ZLIB_ERRORS[error], what).toBe(Status.TRUNCATED);
        expectPrefix(r, out, what);
        cutStored++;
      } else {
        expect(r.status, what).toBe(ZLIB_ERRORS[error]);
        expect(r.bytes, what).toBe(out.length);
        expect(firstDiff(r.out, out), what).toBe(-1);
        seen.add(error);
        agreedErrors++;
      }
    });
    expect(agreedErrors).toBeGreaterThan(300);
    expect(cutStored).toBeGreaterThan(5);
    expect(seen.size, [...seen].join(', ')).toBeGreaterThanOrEqual(9);
  });

});
