// Large LZ4 and Snappy operations (more than 128 KiB of capacity) through
// cuMemBatchDecompressAsync: cut into pieces by the GPU boundary scan (shaders/lz_scan.wgsl) and decoded by
// one workgroup per piece with links resolved afterwards (shaders/lz_pieces.wgsl); Snappy operations with copies of 2^16 bytes back or more
// decoded again whole. Byte-exact on text, binary, mixed and chained data from two independent encoders
// per format, and on hand-made Snappy with far copies; corrupted, truncated and capped streams give exactly
// the reference decoder's bytes and status (the one-operation decoder's rules), with canaries around every
// destination.
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { LZ_PIECE } from '../../src/core/shaders.ts';
import { state } from '../../src/core/state.ts';
import { lz4, snappy } from '../shared/encoders.ts';
import { endStatus, refDecode, seq } from '../shared/lz4-ref.ts';
import { copy1, copy2, copy4, lit, refDecode as snappyRef, stream } from '../shared/snappy-ref.ts';
import { cu, firstDiff, rng, startWebcu } from '../shared/webcu.ts';
import { chained, expectDecoded, fuzz, type Op, run } from './large-harness.ts';
import { binaryBytes, mixedBytes, textBytes } from './decoder-harness.ts';

const OK = cu.CUDA_SUCCESS;
const LZ4 = cu.CU_MEM_DECOMPRESS_ALGORITHM_LZ4;
const SNAPPY = cu.CU_MEM_DECOMPRESS_ALGORITHM_SNAPPY;

const require = createRequire(import.meta.url);
const lz4js = require('lz4js') as {
  compressBound(n: number): number;
  compressBlock(src: Uint8Array, dst: Uint8Array, sIndex: number, sLength: number, hashTable: Uint32Array): number;
};
const snappyjs = require('snappyjs') as { compress(data: Uint8Array): Uint8Array };

/** An LZ4 block without its last sequence, and that sequence's literals. */
function lastSequence(comp: Uint8Array): { body: Uint8Array; lits: Uint8Array } {
  for (let p = 0; ; ) {
    const start = p;
    const token = comp[p++];
    let ll = token >> 4;
    if (ll === 15) for (let b = 255; b === 255; ll += b) b = comp[p++];
    p += ll;
    if (p === comp.length) return { body: comp.subarray(0, start), lits: comp.subarray(p - ll, p) };
    p += 2;
    if ((token & 15) === 15) for (let b = 255; b === 255; ) b = comp[p++];
  }
}

function lz4jsBlock(data: Uint8Array): Uint8Array {
  const dst = new Uint8Array(lz4js.compressBound(data.length) + 16);
  const n = lz4js.compressBlock(data, dst, 0, data.length, new Uint32Array(1 << 16));
  expect(n).toBeGreaterThan(0);
  return dst.slice(0, n);
}


/**
 * n large operations made from `sources` in turn, six kinds in turn: bit flips anywhere, one late byte
 * flipped, random bytes, a truncation, a capacity inside the output (overflow), the exact capacity; the
 * others get 64 bytes of room past the output (sizes from the reference decoder `ref`).
 */
function damaged(r: ReturnType<typeof rng>, sources: Uint8Array[], n: number, ref: (comp: Uint8Array, cap: number) => { out: Uint8Array }, algo: number): Op[] {
  const ops: Op[] = [];
  for (let k = 0; k < n; k++) {
    const base = sources[k % sources.length];
    const comp = base.slice();
    const kind = k % 6;
    if (kind === 0) for (let f = 0; f < 3; f++) comp[r.int(comp.length)] ^= 1 << r.int(8);
    if (kind === 1) comp[Math.floor(comp.length * (0.5 + 0.5 * (k / n)))] ^= 0xff;
    if (kind === 2) for (let f = 0; f < 40; f++) comp[r.int(comp.length)] = r.int(256);
    const len = kind === 3 ? r.int(comp.length) : comp.length;
    const full = ref(base, 8 << 20).out.length;
    const cap = kind === 4 ? 262145 + r.int(full - 262145) : full + (kind === 5 ? 0 : 64);
    ops.push({ comp: comp.subarray(0, len), cap, room: cap, algo });
  }
  return ops;
}

/**
 * Every operation's status, byte count and bytes equal the reference decoder's; more than 10 streams fail,
 * more than 5 of them after their first 64 KiB (in a later piece than the first).
 */
function expectReference(ops: Op[], res: Awaited<ReturnType<typeof run>>, ref: (comp: Uint8Array, cap: number) => { status: number; out: Uint8Array }): void {
  let errors = 0;
  let late = 0;
  res.forEach((got, i) => {
    const want = ref(ops[i].comp, ops[i].cap);
    expect([i, got.status, got.act]).toEqual([i, want.status, want.out.length]);
    expect(firstDiff(got.out, want.out), `op ${i}`).toBe(-1);
    if (want.status) errors++;
    if (want.status && want.out.length > 65536) late++;
  });
  expect(errors).toBeGreaterThan(10);
  expect(late).toBeGreaterThan(5);
}

describe('large LZ4 operations decoded in pieces', () => {
  test('300 KB, 1 MiB and 4 MiB of text, binary, mixed and chained data from lz4_flex and lz4js, byte for byte, with small ops in the batch, in one-algorithm and mixed batches', async () => {
    await startWebcu();
    const data = [
      textBytes(300000, 1),
      binaryBytes(1 << 20, 2),
      mixedBytes(700000, 3),
      chained(1 << 20, 4),
      textBytes(4 << 20, 5),
      textBytes(256 << 10, 7),
      textBytes(20000, 8),
    ];
    const ops: Op[] = [];
    const want: Uint8Array[] = [];
    for (const [k, x] of data.entries()) {
      const comp = k % 2 ? lz4jsBlock(x) : lz4(x);
      // Exact capacity, and (dstNumBytes 0) the room up to the next destination, rounded oddly.
      ops.push({ comp, cap: x.length, room: x.length });
      want.push(x);
      if (x.length < 4 << 20) {
        ops.push({ comp, cap: 0, room: x.length + 13 });
        want.push(x);
      }
    }
    // A second algorithm puts the batch on the general planner (one decoder dispatch per algorithm).
    const twice = await run([...ops.slice(0, 4), { comp: snappy(data[6]), cap: data[6].length, room: data[6].length, algo: SNAPPY }]);
    expect(twice.pop()!.act).toBe(data[6].length);
    const res = await run(ops);
    const status = ops.map((o, i) => endStatus(o.comp, want[i].length));
    expectDecoded(res, want, status);
    expectDecoded(twice, want, status);
  });

  test('the end rules in the last piece: a match too near the end is BAD_END with every byte written, also where the last sequence is the first at a segment\'s end', async () => {
    await startWebcu();
    const dev = state.devices[0];
    dev.lzPiece = { lz4: 4096, snappy: 4096 };
    try {
      // lz4_flex's block of 300 KB of text without its last sequence (literals only), then that
      // sequence's literals with a match of 4-7 bytes, then 3-7 literals: BAD_END when the match starts
      // fewer than 12 bytes before the end or fewer than 5 literals follow. In the last two, 5000 random
      // literals before the match span a segment, so the first sequence at that segment's end is the last:
      // no piece may start there (lz_scan.wgsl join), else it would decode the last sequence without the match.
      const comp = lz4(textBytes(300000, 71));
      const { body, lits } = lastSequence(comp);
      const noise = rng(72).bytes(5000);
      const tails: [number[], number][] = [
        [[...seq(lits, 1, 4), ...seq('abc')], cu.WEBCU_DECOMPRESS_BAD_END],
        [[...seq(lits, 1, 4), ...seq('abcdefg')], cu.WEBCU_DECOMPRESS_BAD_END],
        [[...seq(lits, 1, 5), ...seq('abcdefg')], OK],
        [[...seq(new Uint8Array([...lits, ...noise]), 1, 4), ...seq('abcde')], cu.WEBCU_DECOMPRESS_BAD_END],
        [[...seq(new Uint8Array([...lits, ...noise]), 1, 7), ...seq('abcde')], OK],
      ];
      const ops: Op[] = [];
      const want: Uint8Array[] = [];
      for (const [tail, status] of tails) {
        const c = new Uint8Array([...body, ...tail]);
        const { out } = refDecode(c, 1 << 20);
        expect(refDecode(c, out.length).status).toBe(status);
        ops.push({ comp: c, cap: out.length, room: out.length });
        want.push(out);
      }
      expectDecoded(await run(ops), want, tails.map(([, s]) => s));
    } finally {
      dev.lzPiece = { ...LZ_PIECE };
    }
  });

  test('corrupted, truncated, capped and hand-made streams give the one-operation decoder\'s bytes and status', async () => {
    await startWebcu();
    const r = rng(77);
    const sources = [textBytes(400000, 11), mixedBytes(300000, 12), chained(500000, 13), binaryBytes(300000, 14)].map((x, k) => (k % 2 ? lz4jsBlock(x) : lz4(x)));
    const ops: Op[] = damaged(r, sources, 36, refDecode, LZ4);
    // Hand-made: nothing; a literal length that never ends; one literal run over many scan segments
    // (random bytes); one match over all pieces (zeros); valid text then garbage; a stream cut inside a
    // length extension.
    const text = lz4(textBytes(600000, 15));
    const garbage = rng(5).bytes(200000);
    const hand = [
      new Uint8Array(0),
      new Uint8Array(300000).fill(0xff),
      lz4(rng(6).bytes(700000)),
      lz4(new Uint8Array(1 << 20)),
      new Uint8Array([...text.subarray(0, text.length >> 1), ...garbage]),
      new Uint8Array([0xf0, ...new Uint8Array(5000).fill(255)]),
    ];
    for (const comp of hand) ops.push({ comp, cap: 4 << 20, room: 4 << 20 });
    // Most streams fail, many of them in a later piece than the first.
    expectReference(ops, await run(ops), refDecode);
  });
});

/** snappyjs's raw stream: its varint preamble (the uncompressed length) dropped. */
function snappyjsRaw(d: Uint8Array): Uint8Array {
  const s = snappyjs.compress(d);
  let i = 0;
  while (s[i] & 0x80) i++;
  return s.slice(i + 1);
}

/**
 * Hand-made raw Snappy of `n` output bytes: literal runs of text, copies with 1- and 2-byte offsets and
 * copies with 4-byte offsets, which from output byte `farFrom` on (past 2^16) reach 2^16 bytes back or more.
 */
function farStream(n: number, seed: number, farFrom: number): Uint8Array {
  const r = rng(seed);
  const text = textBytes(n, seed);
  const els: number[][] = [];
  for (let pos = 0; pos < n; ) {
    const k = r.int(10);
    const room = n - pos;
    let len = Math.min(room, 1 + r.int(64));
    const near = () => 1 + r.int(Math.min(pos, 65535));
    if (pos < 1000 || k < 3) {
      els.push(lit(text.subarray(pos, pos + len)));
    } else if (k < 5 && room >= 4) {
      len = Math.min(room, 4 + r.int(8));
      els.push(copy1(1 + r.int(Math.min(pos, 2047)), len));
    } else if (k < 7) {
      els.push(copy2(near(), len));
    } else {
      els.push(copy4(pos >= farFrom && pos > 65536 ? 65536 + r.int(pos - 65535) : near(), len));
    }
    pos += len;
  }
  const s = stream(...els);
  expect(snappyRef(s, n + 1).out.length).toBe(n);
  return s;
}

describe('large Snappy operations decoded in pieces', () => {
  test('128 KiB + 1 to 4 MiB of text, binary, mixed and chained data from snappy and snappyjs, and hand-made copies from 2^16 bytes back and more, byte for byte, with a large LZ4 operation in the batch', async () => {
    await startWebcu();
    const data = [textBytes(262145, 21), binaryBytes(1 << 20, 22), mixedBytes(600000, 23), chained(700000, 24), textBytes(4 << 20, 25), textBytes(131073, 27), binaryBytes(262144, 28)];
    const ops: Op[] = [];
    const want: Uint8Array[] = [];
    for (const [k, x] of data.entries()) {
      // Exact capacities, and one auto (dstNumBytes 0: the room up to the next destination, rounded oddly).
      const comp = k % 2 ? snappyjsRaw(x) : snappy(x);
      ops.push({ comp, cap: k === 1 ? 0 : x.length, room: x.length + (k === 1 ? 13 : 0), algo: SNAPPY });
      want.push(x);
    }
    // Far copies everywhere (the operation is decoded again whole), only past 300000 (the same, from a late
    // piece), never (4-byte offsets that links can hold).
    for (const [n, farFrom] of [[400000, 0], [500000, 300000], [400000, Infinity]]) {
      const comp = farStream(n, n + farFrom, farFrom);
      ops.push({ comp, cap: n, room: n, algo: SNAPPY });
      want.push(snappyRef(comp, n).out);
    }
    // A run of one-byte literals of 0 (bytes 00 00) at odd positions across a whole 4 KiB segment: that
    // segment's walk, starting at an even byte, reads the same elements one byte off and never meets the
    // chain, so join takes check's exit for it (check stepped there from the true entry).
    const head = Array.from(snappy(textBytes(150000, 29)));
    const parity = head.length % 2 ? [] : lit(new Uint8Array([1, 2]));
    const zeros = Array.from({ length: 6000 }, () => lit(new Uint8Array(1))).flat();
    const offChain = new Uint8Array([...head, ...parity, ...zeros, ...snappy(textBytes(50000, 30))]);
    ops.push({ comp: offChain, cap: 0, room: 210000, algo: SNAPPY });
    want.push(snappyRef(offChain, 210000).out);
    // A large LZ4 operation in the batch: both formats' piece passes in one part, sharing their scratch.
    const l = textBytes(300000, 26);
    ops.push({ comp: lz4(l), cap: l.length, room: l.length });
    want.push(l);
    expectDecoded(await run(ops), want);
  });

  test('corrupted, truncated, capped and hand-made streams give the one-operation decoder\'s bytes and status', async () => {
    await startWebcu();
    const r = rng(78);
    const sources = [snappy(textBytes(400000, 31)), snappyjsRaw(mixedBytes(300000, 32)), snappy(chained(350000, 33)), farStream(300000, 34, 150000)];
    const ops: Op[] = damaged(r, sources, 18, snappyRef, SNAPPY);
    // Hand-made, each after 300000 valid bytes (several pieces) unless said: nothing (OK); a literal length
    // of 2^32 (BAD_SYMBOL); a stream cut inside a literal's length bytes; a copy offset 0, and a 4-byte one
    // past the start (BAD_DISTANCE); far copies then garbage; an error in the second piece, far copies in
    // later ones; far copies, capped before and after the first one.
    const text = textBytes(300000, 35);
    const pre = Array.from(snappy(text));
    const far = Array.from({ length: 2000 }, (_, k) => copy4(70000 + k, 64));
    const hand: [number[], number][] = [
      [[], 4 << 20],
      [[...pre, 63 << 2, 255, 255, 255, 255, 1, 2, 3], 4 << 20],
      [[...pre, 62 << 2, 1], 4 << 20],
      [[...pre, ...copy1(0, 4), ...lit('abc')], 4 << 20],
      [[...pre, ...copy4(300001, 4)], 4 << 20],
      [[...pre, ...far.flat(), ...rng(9).bytes(20000)], 4 << 20],
      [[...lit(text.subarray(0, 100000)), ...copy1(0, 4), ...lit(text.subarray(0, 50000)), ...far.flat()], 4 << 20],
      [[...pre, ...far.flat()], 290000],
      [[...pre, ...far.flat()], 400000],
    ];
    for (const [comp, cap] of hand) ops.push({ comp: new Uint8Array(comp), cap, room: cap, algo: SNAPPY });
    expectReference(ops, await run(ops), snappyRef);
  });
});

/**
 * `n` LZ4 and Snappy operations of 150 KB-1.2 MB (text, binary, mixed, chained; both encoders of each
 * format), each damaged past its first 64 KiB of source, in a later piece: a bit flipped, a byte
 * randomized, a byte cut or added, the stream cut, the capacity ending inside the output. `what[i]`
 * names the damage.
 */
function damagedLater(seed: number, n: number): { ops: Op[]; what: string[] } {
  const r = rng(seed * 7907);
  const kinds = ['bit', 'byte', 'byte cut', 'byte added', 'cut', 'cap'];
  const ops: Op[] = [];
  const what: string[] = [];
  for (let k = 0; k < n; k++) {
    const kind = kinds[(k + seed) % kinds.length];
    const x = [textBytes, binaryBytes, mixedBytes, chained][r.int(4)](150000 + r.int(1050000), seed * 100 + k);
    const algo = k % 2 ? SNAPPY : LZ4;
    const enc = r.int(2);
    const comp = algo === LZ4 ? (enc ? lz4jsBlock(x) : lz4(x)) : enc ? snappyjsRaw(x) : snappy(x);
    const at = Math.min(comp.length - 1, 65536 + r.int(Math.max(1, comp.length - 65536)));
    let bad = comp;
    if (kind === 'bit') comp[at] ^= 1 << r.int(8);
    if (kind === 'byte') comp[at] = r.int(256);
    if (kind === 'byte cut') bad = new Uint8Array([...comp.subarray(0, at), ...comp.subarray(at + 1)]);
    if (kind === 'byte added') bad = new Uint8Array([...comp.subarray(0, at), r.int(256), ...comp.subarray(at)]);
    if (kind === 'cut') bad = comp.subarray(0, at);
    const cap = kind === 'cap' ? 131073 + r.int(x.length - 131073) : x.length + r.int(2) * 64;
    ops.push({ comp: bad, cap, room: cap, algo });
    what.push(`${algo === LZ4 ? 'LZ4' : 'Snappy'} ${enc ? 'js' : 'native'} ${kind} at ${at} of ${comp.length}`);
  }
  return { ops, what };
}

describe('damaged streams, LZ4 and Snappy in one batch', () => {
  test('streams damaged past their first piece (bit, byte, byte cut or added, cut, cap) give the reference decoder\'s bytes and status, with pieces of 4 KiB and of the library\'s size', async () => {
    await startWebcu();
    const dev = state.devices[0];
    const sizes = [{ lz4: 4096, snappy: 4096 }, dev.lzPiece];
    try {
      for (let seed = fuzz.seed; seed < fuzz.seed + fuzz.batches; seed++) {
        const { ops, what } = damagedLater(seed, 20);
        for (const size of sizes) {
          dev.lzPiece = size;
          const res = await run(ops);
          let late = 0;
          res.forEach((got, i) => {
            const want = (ops[i].algo === LZ4 ? refDecode : snappyRef)(ops[i].comp, ops[i].cap);
            expect([seed, i, what[i], size.lz4, got.status, got.act]).toEqual([seed, i, what[i], size.lz4, want.status, want.out.length]);
            expect(firstDiff(got.out, want.out), `seed ${seed} op ${i}: ${what[i]}`).toBe(-1);
            if (want.status && want.out.length > 65536) late++;
          });
          expect(late).toBeGreaterThan(5);
        }
      }
    } finally {
      dev.lzPiece = sizes[1];
    }
  }, 120_000 * fuzz.batches);
});

/**
 * A hand-made LZ4 block: 8 KiB of random literals, then `n` pairs of sequences without literals, a copy of
 * 5-21 bytes from 4-8 KiB back (into an earlier piece: linked bytes) and a copy of 4-7 bytes from 1-3 bytes
 * back (from the bytes just written: at a group start, the previous group's partial last word), then 8
 * literals. Returns the block and its bytes.
 */
function linkedTails(n: number, seed: number): { comp: Uint8Array; data: Uint8Array } {
  const r = rng(seed);
  const comp: number[] = [];
  const data: number[] = [];
  const length = (x: number) => {
    for (; x >= 255; x -= 255) comp.push(255);
    comp.push(x);
  };
  const seq = (lits: number[], off: number, len: number) => {
    comp.push((Math.min(lits.length, 15) << 4) | Math.min(len - 4, 15));
    if (lits.length >= 15) length(lits.length - 15);
    comp.push(...lits);
    data.push(...lits);
    comp.push(off & 0xff, off >> 8);
    if (len - 4 >= 15) length(len - 4 - 15);
    for (let i = 0; i < len; i++) data.push(data[data.length - off]);
  };
  seq(Array.from({ length: 8192 }, () => r.int(256)), 8192, 4);
  for (let i = 0; i < n; i++) {
    seq([], 4096 + r.int(4096), 5 + 2 * r.int(9));
    seq([], 1 + r.int(3), 4 + r.int(4));
  }
  const tail = Array.from({ length: 8 }, () => r.int(256));
  comp.push(8 << 4, ...tail);
  data.push(...tail);
  return { comp: Uint8Array.from(comp), data: Uint8Array.from(data) };
}

describe('small pieces (Device.lzPiece 4 KiB)', () => {
  test('links through dozens of pieces, more pieces than fixup keeps in workgroup memory: byte for byte, and damaged streams as the one-operation decoder', async () => {
    await startWebcu();
    const dev = state.devices[0];
    dev.lzPiece = { lz4: 4096, snappy: 4096 };
    try {
      // A piece starts at a 4 KiB segment of source: binary's 1 MiB is about 150 pieces (fixup keeps 64
      // piece starts in workgroup memory), text's 300 KB about 30; chained (each byte a copy from 1000
      // bytes back) compresses so well that its pieces are as long as usual.
      const data = [chained(700000, 41), textBytes(300000, 42), binaryBytes(1 << 20, 43)];
      const ops: Op[] = [];
      const want: Uint8Array[] = [];
      for (const [k, x] of data.entries()) {
        ops.push({ comp: k % 2 ? lz4jsBlock(x) : lz4(x), cap: x.length, room: x.length });
        ops.push({ comp: k % 2 ? snappyjsRaw(x) : snappy(x), cap: 0, room: x.length + 5, algo: SNAPPY });
        want.push(x, x);
      }
      const far = farStream(400000, 44, 200000);
      ops.push({ comp: far, cap: 400000, room: 400000, algo: SNAPPY });
      want.push(snappyRef(far, 400000).out);
      // Copies from linked bytes in the word a group ends in (lz_pieces.wgsl keeps their links in tail_lk).
      const tails = linkedTails(40000, 46);
      expect(firstDiff(refDecode(tails.comp, tails.data.length).out, tails.data)).toBe(-1);
      ops.push({ comp: tails.comp, cap: tails.data.length, room: tails.data.length });
      want.push(tails.data);
      expectDecoded(await run(ops), want, ops.map((o, i) => (o.algo === SNAPPY ? OK : endStatus(o.comp, want[i].length))));
      const bad = damaged(rng(45), [lz4(data[1]), lz4jsBlock(data[0])], 12, refDecode, LZ4);
      const got = await run(bad);
      got.forEach((g, i) => {
        const w = refDecode(bad[i].comp, bad[i].cap);
        expect([i, g.status, g.act]).toEqual([i, w.status, w.out.length]);
        expect(firstDiff(g.out, w.out), `op ${i}`).toBe(-1);
      });
      expect(got.filter((g) => g.status && g.act > 65536).length).toBeGreaterThan(2);
    } finally {
      dev.lzPiece = { ...LZ_PIECE };
    }
  });
});
