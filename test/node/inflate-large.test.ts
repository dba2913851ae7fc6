// Large Deflate operations (more than 256 KiB of capacity here) through cuMemBatchDecompressAsync: pieces that
// start at dynamic block headers found on the GPU, decoded by one workgroup each with links resolved
// afterwards (shaders/inflate_pieces.wgsl), and operations the pieces cannot decode decoded again whole.
// Valid streams from two independent encoders decode byte for byte with the second decode switched off
// (Device.deflateRedecode), so the pieces themselves did it; corrupted, truncated, capped and hand-made
// streams (a preset dictionary: distances before the output) give exactly the bytes and status of the
// one-workgroup decoder (Device.deflatePiecedMin Infinity), with canaries around every destination.
import { constants as Z, deflateRawSync, inflateRawSync } from 'node:zlib';
import { deflateSync as fflateDeflate } from 'fflate';
import { describe, expect, test } from 'vitest';
import { state } from '../../src/core/state.ts';
import { deflate } from '../shared/encoders.ts';
import { cu, firstDiff, rng, startWebcu } from '../shared/webcu.ts';
import { binaryBytes, mixedBytes, textBytes } from './decoder-harness.ts';
import { chained, expectDecoded, fuzz, keptBuffer, type Op, run } from './large-harness.ts';

const DEFLATE = cu.CU_MEM_DECOMPRESS_ALGORITHM_DEFLATE;

let libraryMin = 0;

/** Operations of more than 256 KiB in pieces (the library's threshold is higher), or none (the reference). */
async function start(pieces: boolean, redecode: boolean): Promise<void> {
  await startWebcu();
  libraryMin ||= state.devices[0].deflatePiecedMin;
  state.devices[0].deflatePiecedMin = pieces ? 256 * 1024 : Infinity;
  state.devices[0].deflateRedecode = redecode;
}

/** The words of the piece passes' kept buffer `name` after the last batch. */
async function keptWords(name: string): Promise<Uint32Array> {
  const dev = state.devices[0];
  const table = keptBuffer(name)!;
  const copy = dev.rec.device.createBuffer({ size: table.size, usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.MAP_READ });
  const enc = dev.rec.device.createCommandEncoder();
  enc.copyBufferToBuffer(table, 0, copy, 0, table.size);
  dev.rec.device.queue.submit([enc.finish()]);
  await copy.mapAsync(GPUMapMode.READ);
  const words = new Uint32Array(copy.getMappedRange().slice(0));
  copy.destroy();
  return words;
}

/** The pieces of the last batch in slot order, from the kept piece table (vec4 per slot, NONE unused): each one's first output byte and large operation. */
async function pieces(): Promise<{ out: number; op: number }[]> {
  const words = await keptWords('decode pieces');
  const list: { out: number; op: number }[] = [];
  for (let s = 0; s < words.length; s += 4) if (words[s] !== 0xffffffff) list.push({ out: words[s + 1], op: words[s + 3] });
  return list;
}

/** Pieces of each large operation of the last batch. */
async function piecesPerOp(): Promise<number[]> {
  const counts: number[] = [];
  for (const { op } of await pieces()) counts[op] = (counts[op] ?? 0) + 1;
  return counts;
}

const op = (comp: Uint8Array, cap: number, room = cap): Op => ({ comp, cap, room, algo: DEFLATE });

/**
 * A raw Deflate writer for hand-made streams: dynamic blocks of literals only (one complete code: bytes
 * 0-254 of 8 bits, 255 and end-of-block of 9; no distance codes) and empty stored blocks.
 */
class DeflateWriter {
  bytes: number[] = [];
  private acc = 0;
  private n = 0;
  /** n bits of v, least significant first (header fields). */
  put(v: number, n: number): void {
    for (let i = 0; i < n; i++) {
      this.acc |= ((v >> i) & 1) << this.n;
      if (++this.n === 8) this.flushByte();
    }
  }
  /** A Huffman code of len bits, most significant first. */
  code(c: number, len: number): void {
    for (let i = len - 1; i >= 0; i--) this.put((c >> i) & 1, 1);
  }
  private flushByte(): void {
    this.bytes.push(this.acc);
    this.acc = 0;
    this.n = 0;
  }
  /** An empty stored block (LEN 0): ends byte-aligned. */
  emptyStored(): void {
    this.put(0, 3);
    if (this.n) this.flushByte();
    this.bytes.push(0, 0, 0xff, 0xff);
  }
  /** Bits written so far. */
  get bit(): number {
    return this.bytes.length * 8 + this.n;
  }
  /**
   * A dynamic block of these literal bytes. Its header may list more codes than it uses: hlit 257-286
   * literal/length code lengths, hdist 1-30 distance code lengths (all 0), hclen 7-19 code-length codes
   * (those after 16, 17, 18, 0, 8, 7, 9 of length 0).
   */
  literals(data: Uint8Array, final: boolean, hlit = 257, hdist = 1, hclen = 7): void {
    this.put(final ? 1 : 0, 1);
    this.put(2, 2);
    this.put(hlit - 257, 5);
    this.put(hdist - 1, 5);
    this.put(hclen - 4, 4);
    for (let k = 0; k < hclen; k++) this.put([0, 0, 0, 1, 2, 0, 2][k] ?? 0, 3);
    // Code-length code: 0 -> "0", 8 -> "10", 9 -> "11".
    for (let sym = 0; sym < hlit; sym++) this.code(sym < 255 ? 2 : sym < 257 ? 3 : 0, sym < 257 ? 2 : 1);
    for (let d = 0; d < hdist; d++) this.code(0, 1);   // distance code lengths: 0
    // Literal/length code: 0-254 -> codes 0-254 (8 bits), 255 -> 510, 256 -> 511 (9 bits).
    for (const x of data) if (x < 255) this.code(x, 8); else this.code(510, 9);
    this.code(511, 9);
  }
  /** Empty stored blocks until the stream reaches byte `at`. */
  padTo(at: number): void {
    while (this.bytes.length < at) this.emptyStored();
  }
}

/**
 * `n` operations of 300-700 KB from parts of text, binary, mixed and chained data compressed one after
 * the other (sync-flushed, each with the parts before it as dictionary, so matches cross parts), each
 * damaged in a part after the first, in a later piece than the first: a bit of its header or code
 * lengths, a bit anywhere in it, its BFINAL set, BTYPE 3, its flush's stored block's NLEN, compressed
 * against a wrong or too long dictionary, a byte cut or added, the stream cut inside it, the capacity
 * ending inside its output. `late[i]` names the damage.
 */
function damagedLater(seed: number, n: number): { ops: Op[]; late: string[] } {
  const r = rng(seed * 7919);
  const kinds = ['header bit', 'any bit', 'BFINAL', 'BTYPE 3', 'stored NLEN', 'wrong dictionary', 'long dictionary', 'byte cut', 'byte added', 'cut', 'cap'];
  const ops: Op[] = [];
  const late: string[] = [];
  for (let k = 0; k < n; k++) {
    const kind = kinds[(k + seed) % kinds.length];
    const nparts = 3 + r.int(5);
    const parts = Array.from({ length: nparts }, (_, j) => {
      const len = 40000 + r.int(110000);
      const s = seed * 1000 + k * 10 + j;
      return [textBytes, binaryBytes, mixedBytes, chained][r.int(4)](len, s);
    });
    // A first part shorter than 32 KiB (more than 4 KiB of source, so the next starts a later piece),
    // and a second that begins with the filler its dictionary puts before the stream.
    const filler = textBytes(32768, seed + k);
    if (kind === 'long dictionary') {
      parts[0] = binaryBytes(8000 + r.int(16000), seed + k);
      parts[1] = new Uint8Array([...filler.subarray(0, 3000), ...parts[1]]);
    }
    const out = new Uint8Array(parts.reduce((m, x) => m + x.length, 0));
    parts.reduce((at, x) => (out.set(x, at), at + x.length), 0);
    const bad = kind === 'long dictionary' ? 1 : 1 + r.int(nparts - 1);
    const level = [1, 6, 9][r.int(3)];
    let outAt = 0;
    const comps = parts.map((x, j) => {
      const finishFlush = j === nparts - 1 ? Z.Z_FINISH : Z.Z_SYNC_FLUSH;
      let dictionary: Uint8Array = out.subarray(Math.max(0, outAt - 32768), outAt);
      if (j === bad && kind === 'wrong dictionary') dictionary = textBytes(dictionary.length, seed + k);
      // Longer than the output before the part: its first matches reach before the stream.
      if (j === bad && kind === 'long dictionary') dictionary = new Uint8Array([...filler.subarray(0, 32768 - outAt), ...dictionary]);
      outAt += x.length;
      return new Uint8Array(deflateRawSync(x, { level, finishFlush, ...(j ? { dictionary } : {}) }));
    });
    const c = comps[bad];
    let comp: Uint8Array;
    if (kind === 'header bit') c[r.int(Math.min(64, c.length))] ^= 1 << r.int(8);
    if (kind === 'any bit') c[r.int(c.length)] ^= 1 << r.int(8);
    if (kind === 'BFINAL') c[0] |= 1;
    if (kind === 'BTYPE 3') c[0] |= 6;
    if (kind === 'stored NLEN') c[c.length - 1 - r.int(2)] ^= 1 << r.int(8);   // the flush's empty stored block
    const at = comps.slice(0, bad).reduce((m, x) => m + x.length, 0);
    const whole = new Uint8Array(comps.reduce((m, x) => m + x.length, 0));
    comps.reduce((m, x) => (whole.set(x, m), m + x.length), 0);
    const cut = at + r.int(c.length);
    if (kind === 'byte cut') comp = new Uint8Array([...whole.subarray(0, cut), ...whole.subarray(cut + 1)]);
    else if (kind === 'byte added') comp = new Uint8Array([...whole.subarray(0, cut), r.int(256), ...whole.subarray(cut)]);
    else if (kind === 'cut') comp = whole.subarray(0, cut);
    else comp = whole;
    const before = parts.slice(0, bad).reduce((m, x) => m + x.length, 0);
    const cap = kind === 'cap' ? before + 1 + r.int(parts[bad].length) : out.length + r.int(2) * 64;
    ops.push(op(comp, cap));
    late.push(`${kind} in part ${bad} of ${nparts}, level ${level}`);
  }
  return { ops, late };
}

describe('large Deflate operations decoded in pieces', () => {
  test('300 KB to 4 MiB of text, binary, mixed and chained data from zlib (levels 1, 6, 9) and fflate, byte for byte, by the pieces alone, with small operations in the batch', async () => {
    await start(true, false);
    const data = [
      [textBytes(300000, 1), 6],
      [binaryBytes(1 << 20, 2), 6],
      [mixedBytes(700000, 3), 1],
      [chained(1 << 20, 4), 9],
      [textBytes(4 << 20, 5), 6],
      [binaryBytes(600000, 6), 0],
    ] as const;
    const ops: Op[] = [];
    const want: Uint8Array[] = [];
    for (const [k, [x, level]] of data.entries()) {
      const comp = level === 0 ? fflateDeflate(x, { level: 9 }) : deflate(x, level);
      // Exact capacity, and (dstNumBytes 0) the room up to the next destination, rounded oddly.
      ops.push(op(comp, k === 1 ? 0 : x.length, x.length + (k === 1 ? 13 : 0)));
      want.push(x);
      const small = textBytes(2000 + k, 10 + k);
      ops.push(op(deflate(small), small.length));
      want.push(small);
    }
    expectDecoded(await run(ops), want);
    // The pieces were there: find accepted the true block starts (a find that accepted none would still
    // decode each operation, as one piece from its first bit).
    // The 4 MiB stream holds about 43 blocks, one in every 20 KiB of source.
    const counts = await piecesPerOp();
    expect(counts.length).toBe(6);
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(2);
    expect(counts[4]).toBeGreaterThanOrEqual(30);
  });

  test('find puts in each 4 KiB segment of source the first dynamic block start in it: zlib\'s blocks, and hand-made headers with every HLIT, HDIST and HCLEN at every bit of a source word', async () => {
    await start(true, false);
    // Parts compressed apart and sync-flushed (each one dynamic block, then an empty stored block), so the
    // block starts are the parts' first bits: text of 3-12 KB (several starts in a segment), and 16 KB of
    // 4-bit noise (a block over 8 KB of source: segments without a start).
    const r = rng(51);
    const parts: Uint8Array[] = [];
    for (let k = 0; k < 50; k++) parts.push(k % 5 === 4 ? r.bytes(16000).map((b) => b & 15) : textBytes(3000 + r.int(9000), 60 + k));
    const comps = parts.map((x, k) => new Uint8Array(deflateRawSync(x, { level: 6, finishFlush: k === parts.length - 1 ? Z.Z_FINISH : Z.Z_SYNC_FLUSH })));
    const comp = new Uint8Array(comps.reduce((n, c) => n + c.length, 0));
    const starts: number[] = [];
    comps.reduce((at, c) => {
      comp.set(c, at);
      if (((c[0] >> 1) & 3) === 2) starts.push(at * 8);   // BTYPE 2: dynamic
      return at + c.length;
    }, 0);
    const want = new Uint8Array(parts.reduce((n, x) => n + x.length, 0));
    parts.reduce((at, x) => (want.set(x, at), at + x.length), 0);
    const nseg = Math.ceil(comp.length / 4096);
    const expected = Array.from({ length: nseg }, (_, g) => (g ? (starts.find((b) => b >= g * 32768 && b < (g + 1) * 32768) ?? 0xffffffff) : 0));
    expect(expected.filter((c) => c === 0xffffffff).length).toBeGreaterThan(5);
    expect(expected.filter((c) => c !== 0xffffffff).length).toBeGreaterThan(20);
    expectDecoded(await run([op(comp, want.length)]), [want]);
    expect([...(await keptWords('inflate candidates')).subarray(0, nseg)]).toEqual(expected);

    // Hand-made: in each segment j > 0, a block that ends just past the segment's start, then the block
    // that is its first start, with HLIT 257 + j % 30, HDIST 1 + 7 j % 30, HCLEN 7 + 5 j % 13, at bit
    // j % 8 of a byte (the first block has j % 8 literals of 9 bits); the stream behind a small operation
    // of k + 2 bytes (and the harness's gaps), so at each alignment of the source words.
    const w = new DeflateWriter();
    const r2 = rng(52);
    const lits: number[] = [];
    const first: number[] = [0];
    for (let j = 1; j < 60; j++) {
      w.padTo(j * 4096 - 150);
      const a = r2.bytes(200).map((x, i) => (i < j % 8 ? 255 : x % 255));
      w.literals(a, false);
      first.push(w.bit);
      const b = r2.bytes(20).map((x) => x % 255);
      w.literals(b, false, 257 + (j % 30), 1 + ((7 * j) % 30), 7 + ((5 * j) % 13));
      lits.push(...a, ...b);
    }
    w.literals(new Uint8Array([1, 2, 3]), true);
    lits.push(1, 2, 3);
    const hand = new Uint8Array(w.bytes);
    const handWant = new Uint8Array(lits);
    expect(firstDiff(new Uint8Array(inflateRawSync(hand)), handWant)).toBe(-1);
    expect(first.every((b, j) => b >= j * 32768 && b < (j + 1) * 32768)).toBe(true);
    expect(new Set(first.map((b) => b % 8)).size).toBe(8);
    for (let k = 0; k < 4; k++) {
      const small = deflate(new Uint8Array(k), 6);
      expect(small.length).toBe(k + 2);
      expectDecoded(await run([op(small, k), op(hand, 300000)]), [new Uint8Array(k), handWant]);
      expect([...(await keptWords('inflate candidates')).subarray(0, first.length)]).toEqual(first);
    }
  });

  test('a stored block whose bytes look like block headers at more positions than find lists decodes exactly, by the pieces alone', async () => {
    await start(true, false);
    // Every 8 bytes, bit 0 starts what find's cheap test accepts: BTYPE 2, HLIT 257, HDIST 1, HCLEN 4 and
    // four code-length codes of length 2 (complete); lengths_ok then rejects it (no code for 256). That
    // is 512 positions per 4 KiB segment, twice what find lists: the rest go unchecked.
    const unit = [0b00000100, 0, 0b00100100, 0b00001001, 0, 0, 0, 0];
    const payload = new Uint8Array(16384).map((_, i) => unit[i % 8]);
    const stored = new Uint8Array([0, 0x00, 0x40, 0xff, 0xbf, ...payload]);   // BFINAL 0, BTYPE 0, LEN 16384
    const a = textBytes(400000, 21);
    const b = textBytes(400000, 22);
    // The first part ends byte-aligned and not final (a sync flush), so blocks can follow it.
    const head = new Uint8Array(deflateRawSync(a, { level: 6, finishFlush: Z.Z_SYNC_FLUSH }));
    const comp = new Uint8Array([...head, ...stored, ...deflate(b, 6)]);
    const want = new Uint8Array([...a, ...payload, ...b]);
    expectDecoded(await run([op(comp, want.length)]), [want]);
    expect((await piecesPerOp())[0]).toBeGreaterThanOrEqual(4);
  });

  test('three pieces that start inside one output word (blocks of one byte each, 4 KiB of source apart) decode exactly, by the pieces alone', async () => {
    await start(true, false);
    // Blocks of 1001, 1, 1 and 1000 literals, each in its own 4 KiB segment of source (empty stored blocks
    // between them): pieces start at output bytes 0, 1001, 1002 and 1003, so bytes 1-3 of word 250 are
    // the first bytes of three pieces, its byte 0 the last of piece 0. Then 300 KB of zlib's text.
    const r = rng(41);
    const parts = [r.bytes(1001), r.bytes(1), r.bytes(1), r.bytes(1000)];
    const w = new DeflateWriter();
    parts.forEach((p, k) => {
      w.padTo(k * 4096 + 8);
      w.literals(p, false);
    });
    w.emptyStored();
    const text = textBytes(300000, 42);
    const comp = new Uint8Array([...w.bytes, ...deflate(text, 6)]);
    const want = new Uint8Array([...parts.flatMap((p) => [...p]), ...text]);
    expect(firstDiff(new Uint8Array(inflateRawSync(comp)), want)).toBe(-1);
    expectDecoded(await run([op(comp, want.length)]), [want]);
    const starts = (await pieces()).filter((p) => p.op === 0).map((p) => p.out);
    expect(starts.slice(0, 4)).toEqual([0, 1001, 1002, 1003]);
  });

  test('linked bytes whose target is linked in earlier pieces, back to the first piece, decode exactly, by the pieces alone', async () => {
    await start(true, false);
    // Five parts of 14001 bytes of text and the same 40 random bytes S, each compressed with the parts
    // before it as dictionary and sync-flushed (a dynamic block of about 5 KB, so each starts a piece):
    // part k's S is a match into part k - 1's (the nearest), whose bytes are linked too, so the last
    // part's S links to bytes linked in turn, back to the first piece. Pieces start at unaligned bytes
    // (14041 k), in a word whose first bytes are the previous part's S: linked bytes of another piece
    // there. Then 200 KB of text, so that the stream has source enough to be decoded in pieces.
    const mark = rng(61).bytes(40);
    const parts = [...Array.from({ length: 5 }, (_, k) => new Uint8Array([...textBytes(14001, 62 + k), ...mark])), textBytes(200000, 67)];
    const want = new Uint8Array(parts.flatMap((x) => [...x]));
    const comp = new Uint8Array(parts.flatMap((x, k) => [
      ...deflateRawSync(x, { level: 6, finishFlush: k === 5 ? Z.Z_FINISH : Z.Z_SYNC_FLUSH, ...(k ? { dictionary: want.subarray(0, 14041 * k) } : {}) }),
    ]));
    expect(firstDiff(new Uint8Array(inflateRawSync(comp)), want)).toBe(-1);
    expectDecoded(await run([op(comp, want.length)]), [want]);
    expect((await pieces()).slice(0, 6).map((p) => p.out)).toEqual([0, 1, 2, 3, 4, 5].map((k) => k * 14041));
  });

  test('pieces longer than their spill area make their operation decode whole, exactly', async () => {
    await start(true, true);
    state.devices[0].deflateSpill = 0.3;
    const data = [textBytes(600000, 31), binaryBytes(500000, 32)];
    const res = await run(data.map((x) => op(deflate(x, 6), x.length)));
    state.devices[0].deflateSpill = 2.5;
    expectDecoded(res, data);
    // Both went whole (op state 1): a piece after the first overflowed its area.
    const st = await keptWords('inflate op state');
    expect([st[0], st[2]]).toEqual([1, 1]);
  });

  test('streams with few or no dynamic blocks (stored, fixed codes, Huffman only, one block) decode exactly', async () => {
    await start(true, true);
    const text = textBytes(500000, 7);
    const cases = [
      deflateRawSync(text, { level: 0 }),
      deflateRawSync(text, { level: 6, strategy: Z.Z_FIXED }),
      deflateRawSync(text, { level: 6, strategy: Z.Z_HUFFMAN_ONLY }),
      deflateRawSync(text, { level: 9, memLevel: 9 }),
      deflateRawSync(rng(8).bytes(400000), { level: 6 }),
      deflateRawSync(new Uint8Array(3 << 20), { level: 6 }),
    ].map((c) => new Uint8Array(c));
    const lens = [text.length, text.length, text.length, text.length, 400000, 3 << 20];
    const res = await run(cases.map((c, k) => op(c, lens[k])));
    res.forEach((x, i) => expect([i, x.status, x.act]).toEqual([i, 0, lens[i]]));
    expect(firstDiff(res[0].out, text)).toBe(-1);
    expect(firstDiff(res[2].out, text)).toBe(-1);
    expect(res[5].out.every((b) => b === 0)).toBe(true);
  });

  test('a match of a later piece that reaches before the stream\'s first byte is BAD_DISTANCE, as in one workgroup', async () => {
    // 6000 random bytes (a block ending byte-aligned), then a dynamic block (found in source segment 1)
    // compressed with a 32 KiB preset dictionary whose first bytes it starts with: its first match, a few
    // literals past output byte 6000, reaches 32768 bytes back, before the stream. The piece that starts
    // there links it (its decoder allows 32 KiB before its first byte), so only the link shows it.
    const dict = textBytes(32768, 61);
    const text = new Uint8Array([...dict.subarray(0, 3000), ...textBytes(300000, 62)]);
    const head = new Uint8Array(deflateRawSync(rng(63).bytes(6000), { level: 6, finishFlush: Z.Z_SYNC_FLUSH }));
    const comp = new Uint8Array([...head, ...deflateRawSync(text, { level: 6, dictionary: dict })]);
    const ops = [op(comp, 6000 + text.length)];
    await start(false, true);
    const want = await run(ops);
    expect(want[0].status).toBe(cu.WEBCU_DECOMPRESS_BAD_DISTANCE);
    expect(want[0].act).toBeGreaterThanOrEqual(6000);
    expect(want[0].act).toBeLessThan(6100);
    await start(true, true);
    const got = await run(ops);
    expect([got[0].status, got[0].act]).toEqual([want[0].status, want[0].act]);
    expect(firstDiff(got[0].out, want[0].out)).toBe(-1);
    expect((await piecesPerOp())[0]).toBeGreaterThan(1);
    expect((await keptWords('inflate op state'))[0]).toBe(1);   // whole again: the pieces did not decode it
  });

  test('streams damaged in a later block (headers, codes, BFINAL, BTYPE 3, wrong dictionaries, bytes cut or added, cuts, caps) give the one-workgroup decoder\'s bytes and status', async () => {
    for (let seed = fuzz.seed; seed < fuzz.seed + fuzz.batches; seed++) {
      const { ops, late } = damagedLater(seed, 24);
      await start(false, true);
      const want = await run(ops);
      await start(true, true);
      const got = await run(ops);
      let errors = 0;
      got.forEach((g, i) => {
        expect([seed, i, late[i], g.status, g.act]).toEqual([seed, i, late[i], want[i].status, want[i].act]);
        expect(firstDiff(g.out, want[i].out), `seed ${seed} op ${i} (${late[i]})`).toBe(-1);
        if (want[i].status && want[i].act > 65536) errors++;
      });
      expect(errors).toBeGreaterThan(5);
    }
    state.devices[0].deflatePiecedMin = libraryMin;
  }, 300_000 * fuzz.batches);

  test('corrupted, truncated, capped and hand-made streams give the one-workgroup decoder\'s bytes and status', async () => {
    const r = rng(77);
    const sources = [textBytes(400000, 11), mixedBytes(300000, 12), chained(500000, 13), binaryBytes(300000, 14)];
    const comps = sources.map((x, k) => deflate(x, k % 2 ? 9 : 6));
    const ops: Op[] = [];
    for (let k = 0; k < 30; k++) {
      const base = comps[k % comps.length];
      const full = sources[k % sources.length].length;
      const comp = base.slice();
      const kind = k % 6;
      if (kind === 0) for (let f = 0; f < 3; f++) comp[r.int(comp.length)] ^= 1 << r.int(8);
      if (kind === 1) comp[Math.floor(comp.length * (0.5 + 0.5 * (k / 30)))] ^= 0xff;
      if (kind === 2) for (let f = 0; f < 40; f++) comp[r.int(comp.length)] = r.int(256);
      const len = kind === 3 ? r.int(comp.length) : comp.length;
      const cap = kind === 4 ? 262145 + r.int(full - 262145) : full + (kind === 5 ? 0 : 64);
      ops.push(op(comp.subarray(0, len), cap));
    }
    // A preset dictionary: matches reach before the output (BAD_DISTANCE), in a late block.
    const text = textBytes(600000, 15);
    const dict = text.subarray(500000, 530000);
    ops.push(op(new Uint8Array(deflateRawSync(text, { level: 6, dictionary: dict })), text.length));
    // Valid blocks, then garbage; then nothing; then a final block cut short.
    const good = deflate(text.subarray(0, 400000), 6);
    ops.push(op(new Uint8Array([...good.subarray(0, good.length >> 1), ...rng(5).bytes(50000)]), 1 << 20));
    ops.push(op(new Uint8Array(0), 1 << 20));
    ops.push(op(good.subarray(0, good.length - 3), 1 << 20));
    await start(true, true);
    const got = await run(ops);
    await start(false, true);
    const want = await run(ops);
    let errors = 0;
    let late = 0;
    got.forEach((g, i) => {
      expect([i, g.status, g.act]).toEqual([i, want[i].status, want[i].act]);
      expect(firstDiff(g.out, want[i].out), `op ${i}`).toBe(-1);
      if (want[i].status) errors++;
      if (want[i].status && want[i].act > 65536) late++;
    });
    expect(errors).toBeGreaterThan(10);
    expect(late).toBeGreaterThan(5);
    await start(true, true);
    state.devices[0].deflatePiecedMin = libraryMin;
    // 34 streams of 300-600 KB decoded twice, most of them whole in one workgroup: 1-2 minutes on
    // SwiftShader beside another test file.
  }, 300_000);
});
