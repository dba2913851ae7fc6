// shaders/lz4.wgsl in Node (dawn.node on SwiftShader): LZ4 block streams from two independent encoders
// (lz4js, lz4-napi = lz4_flex), hand-made edge cases, and a fuzz batch checked against a small JS
// reference decoder that follows the kernel's documented status rules; that decoder's verdicts against
// liblz4's own (LZ4_decompress_safe), so that every block liblz4 rejects is rejected here too.
import { createRequire } from 'node:module';
import { compressSync as lz4napiCompress } from 'lz4-napi';
import { afterAll, describe, expect, test } from 'vitest';
import { byteRuns, DECODER_WGSL, literalGroups, oneOpPerGroup, pipelined } from '../../src/core/shaders.ts';
import { liblz4Decode } from '../shared/liblz4.ts';
import { endStatus, refDecode, seq } from '../shared/lz4-ref.ts';
import { firstDiff, rng } from '../shared/webcu.ts';

/** The decoder as the library builds it: format-specific phases, then the shared word builder. */
const lz4Wgsl = DECODER_WGSL.lz4;
/**
 * Every test runs on the decoder as shipped (two operations per workgroup: dispatches of more than
 * PAIRED_MIN_OPS), with one operation per workgroup, pipelined (64 wide: dispatches of few operations),
 * and in its two variants for incompressible and for run-length data (literalGroups, also pipelined, whose
 * lanes split differently; byteRuns, which changes only resolve).
 */
const CODES = [lz4Wgsl, oneOpPerGroup(lz4Wgsl), pipelined(lz4Wgsl), literalGroups(lz4Wgsl), literalGroups(pipelined(lz4Wgsl)), byteRuns(lz4Wgsl)];
if (new Set(CODES).size !== 6) throw new Error('a decoder variant changed nothing');
import {
  destroyDecoderDevice,
  expectDecodes,
  expectMixedBatch,
  fuzzAgainstReference,
  runDecoder,
  lzCorpus,
  mixedBytes,
  Status,
  textBytes,
  checkEdgeCases,
  checkOverflow,
  type EdgeCase,
} from './decoder-harness.ts';

const require = createRequire(import.meta.url);
const lz4js = require('lz4js') as {
  compressBound(n: number): number;
  compressBlock(src: Uint8Array, dst: Uint8Array, sIndex: number, sLength: number, hashTable: Uint32Array): number;
};

afterAll(destroyDecoderDevice);

// ---- encoders -------------------------------------------------------------------------------------------

const block = (...seqs: number[][]) => new Uint8Array(seqs.flat());
const ascii = (s: string) => new TextEncoder().encode(s);

/**
 * lz4js block; it returns 0 for input it cannot shrink, which is then stored as one literal run. lz4js may
 * start its last match fewer than 12 bytes before the end, which liblz4 rejects: such a block decodes
 * whole with status BAD_END (endStatus).
 */
function lz4jsBlock(data: Uint8Array): Uint8Array {
  const dst = new Uint8Array(lz4js.compressBound(data.length) + 16);
  const n = lz4js.compressBlock(data, dst, 0, data.length, new Uint32Array(1 << 16));
  return n === 0 ? new Uint8Array(seq(data)) : dst.slice(0, n);
}

/** lz4-napi (lz4_flex) prepends the uncompressed size as 4 LE bytes; the rest is a raw block. */
function lz4napiBlock(data: Uint8Array): Uint8Array {
  return new Uint8Array(lz4napiCompress(Buffer.from(data)).subarray(4));
}


describe('lz4.wgsl: independent encoders', () => {
  test('lz4js and lz4-napi blocks of text, binary, random, zeros and tiny inputs, one dispatch', async () => {
    for (const code of CODES) {
      const blocks = lzCorpus(1, 100).flatMap((c) => [
        { name: `lz4js ${c.name}`, data: c.data, src: lz4jsBlock(c.data) },
        { name: `lz4-napi ${c.name}`, data: c.data, src: lz4napiBlock(c.data) },
      ]).map((b) => ({ ...b, status: endStatus(b.src, b.data.length) }));
      // lz4js really compresses (matches present), not only literal runs; lz4_flex keeps the end rules.
      expect(lz4jsBlock(textBytes(65536, 1)).length).toBeLessThan(40000);
      expect(blocks.filter((b) => b.status === Status.BAD_END).map((b) => b.name.split(' ')[0])).toContain('lz4js');
      expect(blocks.filter((b) => b.status === Status.BAD_END && b.name.startsWith('lz4-napi'))).toEqual([]);
      await expectDecodes(code, blocks);
      // A roomier out_cap changes nothing.
      await expectDecodes(code, blocks.slice(0, 6), 1000);
    }
  });

  test('one 4 MiB output', async () => {
    for (const code of CODES) {
      const data = mixedBytes(4 << 20, 42);
      await expectDecodes(code, [
        { name: 'lz4js 4M', data, src: lz4jsBlock(data) },
        { name: 'lz4-napi 4M', data, src: lz4napiBlock(data) },
      ].map((b) => ({ ...b, status: endStatus(b.src, data.length) })));
    }
  });

  test('a batch of 1201 mixed ops in one dispatch, on a 2D grid', async () => {
    for (const code of CODES) {
      await expectMixedBatch(code, 77, [lz4jsBlock, lz4napiBlock], endStatus);
    }
  });
});

/** Hand-made blocks and what they decode to: liblz4's verdict in the name where it differs or matters. */
const x = (n: number, c = 'x') => ascii(c.repeat(n));
const cases: EdgeCase[] = [
  // Verdicts of liblz4 1.9.4's LZ4_decompress_safe on the same bytes: -1 for an empty input; the last
  // sequence's match-length nibble is ignored (so [0x14, 'a'] decodes to 'a').
  { name: 'empty input (liblz4: error)', src: new Uint8Array(0), cap: 16, status: 2, out: new Uint8Array(0) },
  { name: 'single 0x00 = empty data', src: block([0]), cap: 16, status: 0, out: new Uint8Array(0) },
  { name: 'single 0x00, out_cap 0', src: block([0]), cap: 0, status: 0, out: new Uint8Array(0) },
  { name: 'last token with a match nibble, no offset (liblz4: OK)', src: block([0x14, 97]), cap: 16, status: 0, out: ascii('a') },
  { name: 'lone token 0x0f (liblz4: OK, 0 bytes)', src: block([0x0f]), cap: 16, status: 0, out: new Uint8Array(0) },
  { name: 'one offset byte after the last literals', src: block([0x14, 97, 1]), cap: 16, status: 2, out: ascii('a') },
  { name: 'ends after a match', src: block(seq('ab', 2, 6)), cap: 16, status: 2, out: ascii('abababab') },
  { name: 'literals only', src: block(seq('hello')), cap: 5, status: 0, out: ascii('hello') },
  { name: 'RLE offset 1', src: block(seq('x', 1, 1000), seq('xxxxx')), cap: 1006, status: 0, out: x(1006) },
  {
    name: 'offset 2 overlap',
    src: block(seq('ab', 2, 9), seq('!!!!!')),
    cap: 16,
    status: 0,
    out: ascii('ababababab' + 'a!!!!!'),
  },
  {
    name: 'offset 3 overlap, long match ext (255 runs)',
    src: block(seq('abc', 3, 4 + 15 + 255 * 3 + 7), seq('abcab')),
    cap: 3 + 791 + 5,
    status: 0,
    out: ascii('abc'.repeat(265).slice(0, 794) + 'abcab'),
  },
  {
    name: 'long literal ext (runs of 255)',
    src: block(seq(x(15 + 255 * 4 + 3, 'q'))),
    cap: 1038,
    status: 0,
    out: x(1038, 'q'),
  },
  {
    name: 'literal length exactly 15 (ext byte 0)',
    src: block(seq(x(15, 'z'), 15, 19), seq('zzzzz')),
    cap: 39,
    status: 0,
    out: x(39, 'z'),
  },
  {
    name: 'match chain inside one batch',
    src: block(seq('abcd', 4, 4), seq('e', 5, 8), seq('f', 13, 13), seq('ENDED')),
    cap: 200,
    status: 0,
    out: (() => {
      const o: number[] = [];
      const lit = (s: string) => o.push(...ascii(s));
      const m = (off: number, n: number) => {
        for (let i = 0; i < n; i++) o.push(o[o.length - off]);
      };
      lit('abcd');
      m(4, 4);
      lit('e');
      m(5, 8);
      lit('f');
      m(13, 13);
      lit('ENDED');
      return new Uint8Array(o);
    })(),
  },
  {
    // Each match copies (partly) from the matches before it in the same group: resolved in up to 10 steps.
    name: 'matches that copy from earlier matches of their group, chains of many steps',
    src: block(seq('abcdefghij', 10, 10), seq('', 13, 7), seq('', 11, 9), seq('', 15, 6), seq('', 7, 12), seq('x', 17, 5), seq('', 19, 20), seq('', 23, 4), seq('', 5, 11), seq('ENDED')),
    cap: 200,
    status: 0,
    out: (() => {
      const o: number[] = Array.from(ascii('abcdefghij'));
      const m = (off: number, n: number) => {
        for (let i = 0; i < n; i++) o.push(o[o.length - off]);
      };
      m(10, 10), m(13, 7), m(11, 9), m(15, 6), m(7, 12);
      o.push(...ascii('x'));
      m(17, 5), m(19, 20), m(23, 4), m(5, 11);
      o.push(...ascii('ENDED'));
      return new Uint8Array(o);
    })(),
  },
  // The end rules after a match (liblz4 rejects the blocks that break them; every byte is written).
  { name: 'a match ends the data (liblz4: error)', src: block(seq('abcd', 4, 8), seq('')), cap: 12, status: 8, out: ascii('abcdabcdabcd') },
  { name: 'four literals after the last match (liblz4: error)', src: block(seq(x(16), 16, 8), seq('abcd')), cap: 64, status: 8, out: ascii('x'.repeat(24) + 'abcd') },
  { name: 'last match 11 bytes before the end (liblz4: error)', src: block(seq(x(16), 16, 6), seq('hello')), cap: 27, status: 8, out: ascii('x'.repeat(22) + 'hello') },
  { name: 'last match 12 bytes before the end (liblz4: OK)', src: block(seq(x(16), 16, 7), seq('hello')), cap: 28, status: 0, out: ascii('x'.repeat(23) + 'hello') },
  { name: 'a match in the last 12 bytes, room to spare (liblz4: OK with 64 more)', src: block(seq(x(16), 16, 4), seq('hello')), cap: 100, status: 8, out: ascii('x'.repeat(20) + 'hello') },
  { name: 'literals only, fewer than 5 (liblz4: OK)', src: block(seq('ab')), cap: 2, status: 0, out: ascii('ab') },
  {
    name: 'consecutive matches of the same distance',
    src: block(seq('ab', 2, 10), seq('', 2, 7), seq('', 2, 7), seq('', 2, 7), seq('!!!!!')),
    cap: 38,
    status: 0,
    out: ascii('ab'.repeat(17).slice(0, 33) + '!!!!!'),
  },
  {
    name: 'long literal run (slow path) then 300 short sequences (fast path, several windows)',
    src: block(seq(x(3000, 'L'), 7, 9), ...Array.from({ length: 300 }, (_, k) => seq(String.fromCharCode(97 + (k % 26)), 3, 5)), seq('the end')),
    cap: 3000 + 9 + 300 * 6 + 7,
    status: 0,
    out: (() => {
      const o: number[] = Array.from(x(3000, 'L'));
      for (let i = 0; i < 9; i++) o.push(o[o.length - 7]);
      for (let k = 0; k < 300; k++) {
        o.push(97 + (k % 26));
        for (let i = 0; i < 5; i++) o.push(o[o.length - 3]);
      }
      o.push(...ascii('the end'));
      return new Uint8Array(o);
    })(),
  },
  { name: 'offset 0', src: block(seq('abc', 0, 4), seq('')), cap: 16, status: 5, out: ascii('abc') },
  { name: 'offset past start', src: block(seq('abc', 4, 4), seq('')), cap: 16, status: 5, out: ascii('abc') },
  { name: 'offset 0 at the very start', src: block(seq('', 0, 4)), cap: 16, status: 5, out: new Uint8Array(0) },
  { name: 'truncated literals', src: block(seq('hello')).slice(0, 4), cap: 16, status: 2, out: ascii('hel') },
  {
    name: 'truncated: one offset byte',
    src: block(seq('abcd', 4, 4)).slice(0, 6),
    cap: 16,
    status: 2,
    out: ascii('abcd'),
  },
  {
    name: 'truncated: no final literals token after a match',
    src: block(seq('abcd', 4, 4)),
    cap: 16,
    status: 2,
    out: ascii('abcdabcd'),
  },
  {
    name: 'truncated: literal ext runs off the end',
    src: block([0xf0, 255, 255]),
    cap: 1000,
    status: 2,
    out: new Uint8Array(0),
  },
  {
    name: 'truncated: match ext runs off the end',
    src: block(seq('abcd', 4, 4 + 15 + 255 + 10)).slice(0, 8),
    cap: 1000,
    status: 2,
    out: ascii('abcd'),
  },
  { name: 'overflow in literals', src: block(seq('hello world')), cap: 5, status: 1, out: ascii('hello') },
  {
    name: 'overflow in a match',
    src: block(seq('ab', 2, 100), seq('')),
    cap: 7,
    status: 1,
    out: ascii('abababa'),
  },
  {
    name: 'overflow: more data after out_cap is full',
    src: block(seq('abcd', 4, 4), seq('x')),
    cap: 8,
    status: 1,
    out: ascii('abcdabcd'),
  },
  {
    name: 'long match (ext bytes) cut by a small out_cap',
    src: block(seq('a', 1, 4 + 15 + 255 * 600), seq('')),
    cap: 4096,
    status: 1,
    out: x(4096, 'a'),
  },
];

describe('lz4.wgsl: hand-made streams', () => {

  test('edge cases, one dispatch', () => checkEdgeCases(CODES, cases, refDecode));

  // A match length's extension byte may lie past the staged window or past the stream (a fast step that
  // takes one extension byte must check both: bench/results/h200/session21/lz4-fast-ext-not-run.diff).
  // Streams of long matches behind a first literal run of 10..309 bytes put the extension bytes at every
  // offset of the window, and each is also cut right after an offset.
  test('match-length extension bytes at every window offset, and streams cut before one', async () => {
    const inputs: { src: Uint8Array; outCap: number }[] = [];
    for (let lead = 0; lead < 300; lead++) {
      const seqs = [seq(x(lead + 10, 'L'), 1, 4)];
      for (let k = 0; k < 12; k++) seqs.push(seq(x(1 + ((lead + k) % 5), 'q'), 1 + ((lead * 7 + k) % 9), 19 + ((lead + 3 * k) % 200)));
      const src = block(...seqs, seq('the end'));
      inputs.push({ src, outCap: 65536 });
      // Cut after the offset of the fourth long match (its extension byte missing).
      let at = seqs[0].length;
      for (let k = 1; k <= 4; k++) at += seqs[k].length;
      inputs.push({ src: src.subarray(0, at - 1), outCap: 65536 });
    }
    for (const code of CODES) {
      const res = await runDecoder(code, inputs);
      res.forEach((r, i) => {
        const ref = refDecode(inputs[i].src, inputs[i].outCap);
        expect({ i, status: r.status, out: Array.from(r.out) }).toEqual({ i, status: ref.status, out: Array.from(ref.out) });
      });
    }
  });

  test('output overflow with small out_cap on real streams', () =>
    checkOverflow(CODES, textBytes(20000, 9), [lz4jsBlock, lz4napiBlock], [0, 1, 3, 4, 5, 17, 1000, 12345, 19999]));
});

/**
 * Random blocks of up to 20 sequences whose ends vary the most: final literal runs of 0-40 bytes, matches
 * of 4-300 bytes, now and then an offset 0 or past the start, a byte changed or the block cut; with the
 * bytes each would decode to. Literal runs and matches of every length class (with extension bytes or not).
 */
function endBlocks(count: number, seed: number): { src: Uint8Array; n: number }[] {
  const r = rng(seed);
  const pick = <T>(xs: T[]) => xs[r.int(xs.length)];
  const blocks: { src: Uint8Array; n: number }[] = [];
  for (let b = 0; b < count; b++) {
    const seqs: number[][] = [];
    let n = 0;
    for (let k = pick([0, 1, 2, 3, 5, 20]); k > 0; k--) {
      const ll = n === 0 ? 1 + r.int(20) : pick([0, 0, 1, 2, 4, 5, 7, 8, 11, 12, 14, 15, 16, 40, 300]);
      const ml = pick([4, 5, 6, 7, 8, 11, 12, 13, 18, 19, 20, 30, 300]);
      const off = r.int(40) ? 1 + r.int(n + ll) : pick([0, n + ll + 1]);
      seqs.push(seq(r.bytes(ll), off, ml));
      n += ll + ml;
    }
    const last = pick([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 15, 16, 40]);
    const fin = seq(r.bytes(last));
    fin[0] |= pick([0, 0, 0, 3, 15]);   // a match-length nibble in the last token (ignored)
    const src = block(...seqs, fin);
    n += last;
    if (!r.int(10)) src[r.int(src.length)] = r.int(256);
    blocks.push({ src: r.int(20) ? src : src.subarray(0, r.int(src.length + 1)), n });
  }
  return blocks;
}

describe('lz4.wgsl: liblz4', () => {
  test('liblz4\'s LZ4_decompress_safe rejects no block that the reference and the decoder take, and decodes those it takes to the same bytes', async () => {
    // Blocks of both encoders (lz4js breaks the end rules in some), damaged ones, random blocks with ends
    // of every kind, and the hand-made edge cases, each at its exact size and with 1, 5, 12, 64 and 100
    // bytes to spare, and 1 byte short (capacity 0 is never given: webcu decodes into 1 byte or more).
    const r = rng(91);
    const srcs: { src: Uint8Array; n: number }[] = [];
    for (const c of lzCorpus(3, 200)) for (const enc of [lz4jsBlock, lz4napiBlock]) srcs.push({ src: enc(c.data), n: c.data.length });
    for (const { src, n } of srcs.slice()) {
      const bad = src.slice();
      for (let f = 1 + r.int(3); f > 0 && bad.length; f--) bad[r.int(bad.length)] ^= 1 << r.int(8);
      srcs.push({ src: bad, n }, { src: src.subarray(0, r.int(src.length + 1)), n });
    }
    srcs.push(...endBlocks(3000, 92), ...cases.filter((c) => c.cap > 0).map((c) => ({ src: c.src, n: c.cap })));
    const ops = srcs.flatMap(({ src, n }) => [n, n + 1, n + 5, n + 12, n + 64, n + 100, n - 1].filter((cap) => cap > 0).map((cap) => ({ src, cap })));
    const lib = liblz4Decode(ops);
    const ours = ops.map((o) => refDecode(o.src, o.cap));
    const tally = new Map<string, number>();
    ops.forEach((o, i) => {
      const key = `liblz4 ${lib[i].n < 0 ? 'error' : 'OK'}, reference ${ours[i].status}`;
      tally.set(key, (tally.get(key) ?? 0) + 1);
      if (lib[i].n < 0) expect([i, ours[i].status]).not.toEqual([i, Status.OK]);
      else if (ours[i].status === Status.OK) expect([i, firstDiff(ours[i].out, lib[i].out)]).toEqual([i, -1]);
      // Stricter than liblz4 only on offset 0 and on the end rules that liblz4 checks against its capacity.
      else expect([Status.BAD_DISTANCE, Status.BAD_END]).toContain(ours[i].status);
    });
    // Every verdict occurs: the streams reach each rule.
    for (const k of ['liblz4 OK, reference 0', 'liblz4 error, reference 8', 'liblz4 OK, reference 8', 'liblz4 OK, reference 5', 'liblz4 error, reference 1', 'liblz4 error, reference 2', 'liblz4 error, reference 5']) {
      expect(tally.get(k) ?? 0, k).toBeGreaterThan(20);
    }
    // The decoder as shipped and with one operation per workgroup give the reference's status and bytes.
    const gpuOps = ops.filter((_, i) => i % 3 === 0).map((o) => ({ src: o.src, outCap: o.cap }));
    for (const code of CODES.slice(0, 2)) {
      const res = await runDecoder(code, gpuOps);
      res.forEach((g, i) => {
        const want = refDecode(gpuOps[i].src, gpuOps[i].outCap);
        expect([i, g.status, g.bytes, firstDiff(g.out, want.out)]).toEqual([i, want.status, want.out.length, -1]);
      });
    }
  });
});

describe('lz4.wgsl: fuzz', () => {
  test('bit flips, truncations and random bytes, 1500 ops in one dispatch, match the reference', async () => {
    for (const code of CODES) {
      const { mismatches, errors } = await fuzzAgainstReference(code, 2024, [lz4napiBlock, lz4jsBlock], refDecode);
      expect(mismatches.slice(0, 10)).toEqual([]);
      expect(errors).toBeGreaterThan(500); // most mutated streams are invalid and say so
      // Random bytes almost never form a valid block; the reference agrees with every status above.
    }
  });
});
