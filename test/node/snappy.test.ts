// shaders/snappy.wgsl in Node (dawn.node on SwiftShader): raw Snappy streams without the varint preamble
// (as CUDA takes them) from two independent encoders (snappyjs, snappy = the C++ library), hand-made edge
// cases, and a fuzz batch checked against a small JS reference decoder that follows the kernel's
// documented status rules.
import { createRequire } from 'node:module';
import { compressSync as snappyCompress } from 'snappy';
import { afterAll, describe, expect, test } from 'vitest';
import { byteRuns, DECODER_WGSL, literalGroups, oneOpPerGroup, pipelined } from '../../src/core/shaders.ts';
import { copy1, copy2, copy4, lit, refDecode, stream } from '../shared/snappy-ref.ts';

/** The decoder as the library builds it: format-specific phases, then the shared word builder. */
const snappyWgsl = DECODER_WGSL.snappy;
/**
 * Every test runs on the decoder as shipped (two operations per workgroup: dispatches of more than
 * PAIRED_MIN_OPS), with one operation per workgroup, pipelined (64 wide: dispatches of few operations),
 * and in its two variants for incompressible and for run-length data (literalGroups, also pipelined, whose
 * lanes split differently; byteRuns, which changes only resolve).
 */
const CODES = [snappyWgsl, oneOpPerGroup(snappyWgsl), pipelined(snappyWgsl), literalGroups(snappyWgsl), literalGroups(pipelined(snappyWgsl)), byteRuns(snappyWgsl)];
if (new Set(CODES).size !== 6) throw new Error('a decoder variant changed nothing');
import {
  destroyDecoderDevice,
  expectDecodes,
  expectMixedBatch,
  fuzzAgainstReference,
  lzCorpus,
  mixedBytes,
  Status,
  textBytes,
  checkEdgeCases,
  checkOverflow,
  type EdgeCase,
} from './decoder-harness.ts';

const require = createRequire(import.meta.url);
const snappyjs = require('snappyjs') as { compress(data: Uint8Array): Uint8Array };

afterAll(destroyDecoderDevice);

// ---- encoders -------------------------------------------------------------------------------------------

/** Drops the varint uncompressed length, checking that it is `len`. */
function stripPreamble(s: Uint8Array, len: number): Uint8Array {
  let v = 0;
  let i = 0;
  for (let shift = 1; ; shift *= 128) {
    const b = s[i++];
    v += (b & 127) * shift;
    if (!(b & 128)) break;
  }
  if (v !== len) throw new Error(`preamble says ${v}, data has ${len}`);
  return s.slice(i);
}

const snappyjsRaw = (d: Uint8Array) => stripPreamble(snappyjs.compress(d), d.length);
const snappyRaw = (d: Uint8Array) => stripPreamble(new Uint8Array(snappyCompress(Buffer.from(d))), d.length);

const ascii = (s: string) => new TextEncoder().encode(s);

describe('snappy.wgsl: independent encoders', () => {
  test('snappyjs and snappy (C++) streams of text, binary, random, zeros and tiny inputs, one dispatch', async () => {
    for (const code of CODES) {
      const blocks = lzCorpus(11, 200).flatMap((c) => [
        { name: `snappyjs ${c.name}`, data: c.data, src: snappyjsRaw(c.data) },
        { name: `snappy ${c.name}`, data: c.data, src: snappyRaw(c.data) },
      ]);
      expect(snappyRaw(textBytes(65536, 11)).length).toBeLessThan(45000);
      await expectDecodes(code, blocks);
      await expectDecodes(code, blocks.slice(0, 6), 1000);
    }
  });

  test('one 4 MiB output', async () => {
    for (const code of CODES) {
      const data = mixedBytes(4 << 20, 43);
      await expectDecodes(code, [
        { name: 'snappyjs 4M', data, src: snappyjsRaw(data) },
        { name: 'snappy 4M', data, src: snappyRaw(data) },
      ]);
    }
  });

  test('a batch of 1201 mixed ops in one dispatch, on a 2D grid', async () => {
    for (const code of CODES) {
      await expectMixedBatch(code, 78, [snappyjsRaw, snappyRaw]);
    }
  });
});

describe('snappy.wgsl: hand-made streams', () => {
  const x = (n: number, c = 'x') => ascii(c.repeat(n));
  const big = textBytes(70000, 5);
  const cases: EdgeCase[] = [
    { name: 'empty input', src: new Uint8Array(0), cap: 16, status: 0, out: new Uint8Array(0) },
    { name: 'short literal', src: stream(lit('hello')), cap: 5, status: 0, out: ascii('hello') },
    { name: 'literal, 1 length byte', src: stream(lit(x(200, 'a'))), cap: 200, status: 0, out: x(200, 'a') },
    { name: 'literal, 2 length bytes', src: stream(lit(x(3000, 'b'))), cap: 3000, status: 0, out: x(3000, 'b') },
    { name: 'literal, 3 length bytes', src: stream(lit(big)), cap: big.length, status: 0, out: big },
    {
      name: 'literal, 4 length bytes (non-minimal encoding)',
      src: stream([63 << 2, 4, 0, 0, 0], Array.from(ascii('abcde'))),
      cap: 5,
      status: 0,
      out: ascii('abcde'),
    },
    { name: 'copy-1 RLE offset 1', src: stream(lit('x'), copy1(1, 11)), cap: 12, status: 0, out: x(12) },
    {
      name: 'copy-2 overlap offset 3, 64 bytes',
      src: stream(lit('abc'), copy2(3, 64), copy2(3, 64)),
      cap: 131,
      status: 0,
      out: ascii('abc'.repeat(44).slice(0, 131)),
    },
    {
      name: 'copy-4 and copy-1 with an 11-bit offset',
      src: stream(lit(x(2000, 'q')), lit('xyz'), copy4(3, 5), copy1(2003, 4)),
      cap: 2012,
      status: 0,
      out: new Uint8Array([...x(2000, 'q'), ...ascii('xyzxyzxyqqqq')]),
    },
    {
      name: 'copy chain inside one batch',
      src: stream(lit('abcd'), copy1(4, 4), lit('e'), copy1(5, 8), lit('f'), copy2(13, 13), lit('END')),
      cap: 200,
      status: 0,
      out: (() => {
        const o: number[] = [];
        const l = (s: string) => o.push(...ascii(s));
        const m = (off: number, n: number) => {
          for (let i = 0; i < n; i++) o.push(o[o.length - off]);
        };
        l('abcd');
        m(4, 4);
        l('e');
        m(5, 8);
        l('f');
        m(13, 13);
        l('END');
        return new Uint8Array(o);
      })(),
    },
    {
      name: 'copy-2 of length 1',
      src: stream(lit('ab'), copy2(2, 1), copy2(1, 1)),
      cap: 4,
      status: 0,
      out: ascii('abaa'),
    },
    {
      name: '600 copies of the same offset (merged, spans several batches)',
      src: stream(lit('xy'), ...Array.from({ length: 600 }, () => copy2(2, 64)), lit('!')),
      cap: 2 + 600 * 64 + 1,
      status: 0,
      out: ascii('xy'.repeat(1 + 300 * 64) + '!'),
    },
    {
      name: 'copies alternating between two offsets',
      src: stream(lit('abcdef'), ...Array.from({ length: 400 }, (_, k) => (k & 1 ? copy1(6, 5) : copy1(3, 7)))),
      cap: 6 + 200 * 12,
      status: 0,
      out: (() => {
        const o: number[] = Array.from(ascii('abcdef'));
        for (let k = 0; k < 400; k++) {
          const [off, n] = k & 1 ? [6, 5] : [3, 7];
          for (let i = 0; i < n; i++) o.push(o[o.length - off]);
        }
        return new Uint8Array(o);
      })(),
    },
    {
      name: 'long literal (slow path) then 500 short elements (fast path)',
      src: stream(lit(x(5000, 'L')), ...Array.from({ length: 500 }, (_, k) => [...lit(String.fromCharCode(97 + (k % 26))), ...copy1(2, 4)])),
      cap: 5000 + 500 * 5,
      status: 0,
      out: (() => {
        const o: number[] = Array.from(x(5000, 'L'));
        for (let k = 0; k < 500; k++) {
          o.push(97 + (k % 26));
          for (let i = 0; i < 4; i++) o.push(o[o.length - 2]);
        }
        return new Uint8Array(o);
      })(),
    },
    { name: 'copy-1 offset 0', src: stream(lit('abc'), copy1(0, 4)), cap: 16, status: 5, out: ascii('abc') },
    { name: 'copy-2 offset 0', src: stream(lit('abc'), copy2(0, 4)), cap: 16, status: 5, out: ascii('abc') },
    { name: 'copy-4 past start', src: stream(lit('abc'), copy4(4, 4)), cap: 16, status: 5, out: ascii('abc') },
    { name: 'copy at the very start', src: stream(copy1(1, 4)), cap: 16, status: 5, out: new Uint8Array(0) },
    {
      name: 'copy-4 huge offset',
      src: stream(lit('abc'), copy4(0xffffffff, 4)),
      cap: 16,
      status: 5,
      out: ascii('abc'),
    },
    { name: 'truncated literal', src: stream(lit('hello')).slice(0, 4), cap: 16, status: 2, out: ascii('hel') },
    {
      name: 'truncated literal length bytes',
      src: stream(lit(x(3000))).slice(0, 2),
      cap: 4000,
      status: 2,
      out: new Uint8Array(0),
    },
    {
      name: 'truncated copy-2 offset',
      src: stream(lit('abcd'), copy2(4, 4)).slice(0, 7),
      cap: 16,
      status: 2,
      out: ascii('abcd'),
    },
    {
      name: 'truncated copy-4 offset',
      src: stream(lit('abcd'), copy4(4, 4)).slice(0, 9),
      cap: 16,
      status: 2,
      out: ascii('abcd'),
    },
    {
      name: 'truncated copy-1 offset',
      src: stream(lit('abcd'), copy1(4, 4)).slice(0, 6),
      cap: 16,
      status: 2,
      out: ascii('abcd'),
    },
    { name: 'overflow in a literal', src: stream(lit('hello world')), cap: 5, status: 1, out: ascii('hello') },
    {
      name: 'overflow in a copy',
      src: stream(lit('ab'), copy2(2, 60)),
      cap: 7,
      status: 1,
      out: ascii('abababa'),
    },
    {
      name: 'overflow: more data after out_cap is full',
      src: stream(lit('abcd'), copy1(4, 4), lit('x')),
      cap: 8,
      status: 1,
      out: ascii('abcdabcd'),
    },
    {
      name: '2^32-byte literal is a bad symbol',
      src: stream([63 << 2, 255, 255, 255, 255, 1, 2, 3]),
      cap: 16,
      status: 7,
      out: new Uint8Array(0),
    },
  ];

  test('edge cases, one dispatch', () => checkEdgeCases(CODES, cases, refDecode));

  test('output overflow with small out_cap on real streams', () =>
    checkOverflow(CODES, textBytes(20000, 19), [snappyjsRaw, snappyRaw], [0, 1, 3, 4, 5, 17, 1000, 12345, 19999]));
});

describe('snappy.wgsl: fuzz', () => {
  test('bit flips, truncations and random bytes, 1500 ops in one dispatch, match the reference', async () => {
    for (const code of CODES) {
      const { mismatches, errors } = await fuzzAgainstReference(code, 4048, [snappyRaw, snappyjsRaw], refDecode);
      expect(mismatches.slice(0, 10)).toEqual([]);
      expect(errors).toBeGreaterThan(500);
    }
  });
});
