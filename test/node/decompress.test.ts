// cuMemBatchDecompressAsync through the public API: streams from independent encoders decoded on the
// GPU byte for byte, mixed batches, API misuse with errorIndex, corrupted streams with canaries, and
// the gzip/zlib/Snappy wrapper helpers.

import { gzipSync, zlibSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { deflate, encoders, lz4, snappy } from '../shared/encoders.ts';
import { cu, firstDiff, readDevice, rng, startWebcu } from '../shared/webcu.ts';
import { PAIRED_MIN_OPS } from '../../src/driver/decompress.ts';
import { state } from '../../src/core/state.ts';

const OK = cu.CUDA_SUCCESS;
const { CU_MEM_DECOMPRESS_ALGORITHM_DEFLATE: DEFLATE, CU_MEM_DECOMPRESS_ALGORITHM_LZ4: LZ4, CU_MEM_DECOMPRESS_ALGORITHM_SNAPPY: SNAPPY } = cu;

const text = (n: number) => new TextEncoder().encode('The quick brown fox jumps over the lazy dog. '.repeat(Math.ceil(n / 45))).subarray(0, n);

function inputs(r: ReturnType<typeof rng>): Uint8Array[] {
  const bin = new Uint8Array(20000).map((_, i) => (i * 7) ^ (i >> 5));
  return [text(5000), bin, r.bytes(3000), new Uint8Array(10000), new Uint8Array(0), new Uint8Array([42]), r.bytes(16), text(70000)];
}

interface Case {
  algo: number;
  data: Uint8Array;
  comp: Uint8Array;
}

/** Uploads every compressed stream into one allocation, runs one batch, returns outputs and counts. */
async function runBatch(cases: Case[], opts: { dstSlack?: number; canary?: number } = {}) {
  const slack = opts.dstSlack ?? 0;
  const canary = opts.canary ?? 0xa5;
  const srcTotal = cases.reduce((n, c) => n + c.comp.length + 3, 0) + 1;
  const dstTotal = cases.reduce((n, c) => n + c.data.length + slack + 5, 0) + 1;
  const [, src] = cu.cuMemAlloc(srcTotal);
  const [, dst] = cu.cuMemAlloc(dstTotal);
  const [, meta] = cu.cuMemAlloc(cases.length * 8 + 1);
  const srcHost = new Uint8Array(srcTotal);
  expect(await cu.cuMemsetD8(dst, canary, dstTotal)).toBe(OK);
  expect(await cu.cuMemsetD8(meta, 0xee, cases.length * 8 + 1)).toBe(OK);
  const params: cu.CUmemDecompressParams[] = [];
  const dsts: number[] = [];
  let s = 1;
  let d = 1;
  cases.forEach((c, i) => {
    srcHost.set(c.comp, s);
    dsts.push(d);
    params.push({
      src: src + s,
      srcNumBytes: c.comp.length,
      dst: dst + d,
      dstNumBytes: c.data.length + slack,
      dstActBytes: meta + 1 + 8 * i,
      status: meta + 5 + 8 * i,
      algo: c.algo,
    });
    s += c.comp.length + 3;
    d += c.data.length + slack + 5;
  });
  expect(await cu.cuMemcpyHtoD(src, srcHost, srcTotal)).toBe(OK);
  const [e, idx] = cu.cuMemBatchDecompressAsync(params, params.length, 0, null);
  expect([e, idx]).toEqual([OK, 0]);
  expect(await cu.cuCtxSynchronize()).toBe(OK);
  const out = await readDevice(dst, dstTotal);
  const m = await readDevice(meta, cases.length * 8 + 1);
  const dv = new DataView(m.buffer);
  const res = cases.map((c, i) => ({
    act: dv.getUint32(1 + 8 * i, true),
    status: dv.getUint32(5 + 8 * i, true),
    out: out.subarray(dsts[i], dsts[i] + c.data.length + slack),
    // Bytes between destinations must keep the canary.
    gap: out.subarray(dsts[i] + c.data.length + slack, dsts[i] + c.data.length + slack + 5),
  }));
  expect(out[0]).toBe(canary);
  for (const p of [src, dst, meta]) expect(cu.cuMemFree(p)).toBe(OK);
  return res;
}

describe('cuMemBatchDecompressAsync', () => {
  test('reports its algorithms and maximum length', async () => {
    await startWebcu();
    expect(cu.cuDeviceGetAttribute(cu.CU_DEVICE_ATTRIBUTE_MEM_DECOMPRESS_ALGORITHM_MASK, 0)).toEqual([OK, 7]);
    expect(cu.cuDeviceGetAttribute(cu.CU_DEVICE_ATTRIBUTE_MEM_DECOMPRESS_MAXIMUM_LENGTH, 0)).toEqual([OK, 4 << 20]);
  });

  test('decodes streams from zlib, lz4_flex and snappy byte for byte in one mixed batch', async () => {
    await startWebcu();
    const r = rng(11);
    const cases: Case[] = [];
    for (const algo of [DEFLATE, LZ4, SNAPPY])
      for (const data of inputs(r)) cases.push({ algo, data, comp: encoders[algo](data) });
    for (const level of [0, 1, 9]) cases.push({ algo: DEFLATE, data: text(3000), comp: deflate(text(3000), level) });
    const res = await runBatch(cases);
    res.forEach((x, i) => {
      expect({ i, status: x.status, act: x.act }).toEqual({ i, status: 0, act: cases[i].data.length });
      expect(firstDiff(x.out, cases[i].data)).toBe(-1);
      expect(Array.from(x.gap)).toEqual([0xa5, 0xa5, 0xa5, 0xa5, 0xa5]);
    });
  });

  test('a batch of 1,200 mixed operations in one call', async () => {
    await startWebcu();
    const r = rng(12);
    const algos = [DEFLATE, LZ4, SNAPPY];
    const cases: Case[] = Array.from({ length: 1200 }, (_, i) => {
      const data = i % 5 === 0 ? r.bytes(1 + r.int(300)) : text(1 + r.int(2000));
      const algo = algos[i % 3];
      return { algo, data, comp: encoders[algo](data) };
    });
    const res = await runBatch(cases, { dstSlack: 3 });
    res.forEach((x, i) => {
      if (x.status !== 0 || x.act !== cases[i].data.length || firstDiff(x.out.subarray(0, x.act), cases[i].data) >= 0)
        throw new Error(`op ${i} (algo ${cases[i].algo}): status ${x.status}, act ${x.act}/${cases[i].data.length}`);
      // Capacity past the output is left alone.
      expect(Array.from(x.out.subarray(x.act))).toEqual([0xa5, 0xa5, 0xa5]);
    });
  });

  test('batches of mostly incompressible and of mostly run-length operations (the decoder variants picked by ratio) decode byte for byte', async () => {
    await startWebcu();
    const r = rng(31);
    // Runs of 64-1063 equal bytes: LZ4 and Snappy compress them 16-fold or more.
    const runs = (n: number) => {
      const a = new Uint8Array(n);
      for (let i = 0; i < n; ) {
        const len = 64 + r.int(1000);
        a.fill(r.int(256), i, i + len);
        i += len;
      }
      return a;
    };
    // Incompressible data, LZ4 and Snappy in one batch (the general planner); runs, LZ4 alone and Deflate alone
    // (the one-pass planner).
    for (const [kind, algos] of [['stored', [LZ4, SNAPPY]], ['runs', [LZ4]], ['runs', [DEFLATE]]] as const) {
      const cases: Case[] = Array.from({ length: 240 }, (_, i) => {
        const data = i % 4 === 3 ? text(1 + r.int(3000)) : kind === 'stored' ? r.bytes(1 + r.int(5000)) : runs(1 + r.int(20000));
        const algo = algos[i % algos.length];
        return { algo, data, comp: encoders[algo](data) };
      });
      // Most of each algorithm's operations are of the kind (src/driver/decompress.ts decoderVariant).
      for (const algo of algos) {
        const mine = cases.filter((c) => c.algo === algo);
        const many = mine.filter((c) => (kind === 'stored' ? c.comp.length >= c.data.length : c.comp.length * 16 <= c.data.length)).length;
        expect(2 * many).toBeGreaterThanOrEqual(mine.length);
      }
      const res = await runBatch(cases);
      res.forEach((x, i) => {
        if (x.status !== 0 || x.act !== cases[i].data.length || firstDiff(x.out, cases[i].data) >= 0)
          throw new Error(`${kind} op ${i} (algo ${cases[i].algo}): status ${x.status}, act ${x.act}/${cases[i].data.length}`);
        expect(Array.from(x.gap)).toEqual([0xa5, 0xa5, 0xa5, 0xa5, 0xa5]);
      });
    }
  });

  test('PAIRED_MIN_OPS + 1 LZ4 and as many Snappy operations: a dispatch of two operations per workgroup, the last one alone', async () => {
    await startWebcu();
    const r = rng(21);
    const cases: Case[] = Array.from({ length: 2 * (PAIRED_MIN_OPS + 1) }, (_, i) => {
      const data = text(1 + r.int(300));
      const algo = i & 1 ? LZ4 : SNAPPY;
      return { algo, data, comp: encoders[algo](data) };
    });
    const res = await runBatch(cases, { dstSlack: 3 });
    const bad = res.flatMap((x, i) => (x.status !== 0 || x.act !== cases[i].data.length || firstDiff(x.out.subarray(0, x.act), cases[i].data) >= 0 ? [i] : []));
    expect(bad).toEqual([]);
  });

  test('malformed streams set a status, write only inside their destination, and the call returns', async () => {
    await startWebcu();
    const r = rng(13);
    const cases: Case[] = [];
    for (let i = 0; i < 150; i++) {
      const algo = [DEFLATE, LZ4, SNAPPY][i % 3];
      const data = text(200 + r.int(2000));
      let comp = encoders[algo](data).slice();
      const kind = r.int(3);
      if (kind === 0) for (let k = 0; k < 1 + r.int(4); k++) comp[r.int(comp.length)] ^= 1 << r.int(8);
      else if (kind === 1) comp = comp.subarray(0, r.int(comp.length));
      else comp = r.bytes(1 + r.int(200));
      if (comp.length === 0) comp = new Uint8Array([0xff]);
      cases.push({ algo, data, comp });
    }
    const res = await runBatch(cases);
    for (const x of res) {
      expect(x.act).toBeLessThanOrEqual(x.out.length);
      expect(x.status).toBeLessThanOrEqual(7);
      expect(Array.from(x.gap)).toEqual([0xa5, 0xa5, 0xa5, 0xa5, 0xa5]);
      if (x.status === 0) expect(x.act).toBeGreaterThanOrEqual(0);
    }
    // Truncation is certainly detected.
    const trunc = await runBatch([{ algo: DEFLATE, data: text(4000), comp: deflate(text(4000)).subarray(0, 20) }]);
    expect(trunc[0].status).toBe(cu.WEBCU_DECOMPRESS_TRUNCATED);
    // Output larger than the capacity stops at the capacity.
    const data = text(5000);
    const small = await runBatch([{ algo: LZ4, data: data.subarray(0, 1000), comp: lz4(data) }]);
    expect(small[0].status).toBe(cu.WEBCU_DECOMPRESS_OUTPUT_OVERFLOW);
    expect(small[0].act).toBe(1000);
    expect(firstDiff(small[0].out, data.subarray(0, 1000))).toBe(-1);
    // Offset 0 in Snappy: literal "ab", then a copy with offset 0.
    const bad = await runBatch([{ algo: SNAPPY, data: new Uint8Array(10), comp: new Uint8Array([0x04, 0x61, 0x62, 0x01, 0x00]) }]);
    expect(bad[0].status).toBe(cu.WEBCU_DECOMPRESS_BAD_DISTANCE);
    expect(bad[0].act).toBe(2);
  });

  test('API misuse returns CUDA_ERROR_INVALID_VALUE with errorIndex before any work', async () => {
    await startWebcu();
    const [, p] = cu.cuMemAlloc(4096);
    const good = () => ({ src: p, srcNumBytes: 16, dst: p + 1024, dstNumBytes: 1024, dstActBytes: p + 2048, algo: LZ4 });
    const INVALID = cu.CUDA_ERROR_INVALID_VALUE;
    const call = (params: unknown[], count = params.length, flags = 0, s: unknown = null) =>
      cu.cuMemBatchDecompressAsync(params as cu.CUmemDecompressParams[], count, flags, s);
    expect(call([good()], 0)).toEqual([INVALID, cu.SIZE_MAX]);
    expect(call([good()], 1, 1)).toEqual([INVALID, cu.SIZE_MAX]);
    expect(call([good()], 2)).toEqual([INVALID, cu.SIZE_MAX]);
    expect(call(null as never, 1)).toEqual([INVALID, cu.SIZE_MAX]);
    expect(call([good()], 1, 0, {})).toEqual([cu.CUDA_ERROR_INVALID_HANDLE, cu.SIZE_MAX]);
    const bad: unknown[] = [
      { ...good(), algo: 3 },
      { ...good(), algo: 0 },
      { ...good(), src: 0 },
      { ...good(), dst: 0 },
      { ...good(), dstActBytes: 0 },
      { ...good(), srcNumBytes: 5000 },
      { ...good(), dstNumBytes: 3073 },
      { ...good(), dstNumBytes: (4 << 20) + 1 },
      { ...good(), dstActBytes: p + 4094 },
      { ...good(), status: p + 4093 },
      { ...good(), src: 12345 },
      null,
    ];
    for (const b of bad) expect(call([good(), good(), b, good()])).toEqual([INVALID, 2]);
    expect(cu.cuMemFree(p)).toBe(OK);
  });

  test('pointers and sizes that are not exact: errorIndex names the entry, no value is converted, fields are read once up to it', async () => {
    await startWebcu();
    const [, p] = cu.cuMemAlloc(4096);
    const [, q] = cu.cuMemAlloc(4096);
    const [, freed] = cu.cuMemAlloc(4096);
    expect(cu.cuMemFree(freed)).toBe(OK);
    const good = () => ({ src: p, srcNumBytes: 16, dst: p + 1024, dstNumBytes: 1024, dstActBytes: p + 2048, status: p + 2052, algo: LZ4 });
    const INVALID = cu.CUDA_ERROR_INVALID_VALUE;
    let converted = 0;
    const number = { valueOf: () => (converted++, p), toString: () => (converted++, String(p)) };
    // Entries 0 and 1 point into p, so entry 2's pointers into p hit the allocation the previous one found;
    // those into q are looked up.
    const bad: Record<string, unknown>[] = [];
    for (const key of ['src', 'dst', 'dstActBytes', 'status'] as const) {
      const at = good()[key];
      for (const v of [at + 0.5, q + 0.5, at - 0.5, NaN, Infinity, -at, 2 ** 64, String(at), number, null, freed, freed + 8, q + 4096]) bad.push({ ...good(), [key]: v });
    }
    for (const key of ['srcNumBytes', 'dstNumBytes'] as const) for (const v of [1.5, -1, NaN, 2 ** 64, '16', number, null]) bad.push({ ...good(), [key]: v });
    for (const v of [1.5, '2', number, null, NaN]) bad.push({ ...good(), algo: v });
    for (const b of bad) {
      // Each entry a Proxy that counts the reads of each field; entry 3 throws on any read.
      const reads: Record<string, number>[] = [];
      const counted = (e: object) => {
        const r: Record<string, number> = {};
        reads.push(r);
        return new Proxy(e, { get: (t, k) => ((r[String(k)] = (r[String(k)] ?? 0) + 1), Reflect.get(t, k)) });
      };
      const hostile = new Proxy({}, { get: () => { throw new Error('read past the invalid entry'); } });
      expect(cu.cuMemBatchDecompressAsync([counted(good()), counted(good()), counted(b), hostile] as never, 4, 0, null)).toEqual([INVALID, 2]);
      for (const r of reads) expect(Object.values(r).every((n) => n === 1)).toBe(true);
      expect(reads.map((r) => Object.keys(r).length)).toEqual([7, 7, 7]);
    }
    expect(converted).toBe(0);
    expect(cu.cuMemFree(p)).toBe(OK);
    expect(cu.cuMemFree(q)).toBe(OK);
  });

  test('an empty stream: Snappy decodes it to nothing, LZ4 and Deflate say TRUNCATED', async () => {
    await startWebcu();
    const [, p] = cu.cuMemAlloc(1024);
    expect(await cu.cuMemsetD8(p, 0xff, 1024)).toBe(OK);
    // src is 256-byte aligned and 0 bytes long: its window holds no byte at all. Raw Snappy of nothing is
    // zero bytes; an LZ4 block needs at least its last token (liblz4's LZ4_decompress_safe returns -1 for 0
    // input bytes) and a Deflate stream its final block.
    const algos = [SNAPPY, LZ4, DEFLATE];
    const params = algos.map((algo, k) => ({ src: p, srcNumBytes: 0, dst: p + 512 + 32 * k, dstNumBytes: 16, dstActBytes: p + 768 + 8 * k, status: p + 772 + 8 * k, algo }));
    expect(cu.cuMemBatchDecompressAsync(params, 3, 0, null)).toEqual([OK, 0]);
    expect(await cu.cuCtxSynchronize()).toBe(OK);
    const m = new Uint32Array((await readDevice(p + 768, 24)).slice().buffer);
    expect(Array.from(m)).toEqual([0, cu.WEBCU_DECOMPRESS_OK, 0, cu.WEBCU_DECOMPRESS_TRUNCATED, 0, cu.WEBCU_DECOMPRESS_TRUNCATED]);
    expect((await readDevice(p + 512, 96)).every((v) => v === 0xff)).toBe(true);
    expect(cu.cuMemFree(p)).toBe(OK);
  });

  test('Deflate streams of megabytes into capacities of bytes: every operation decoded once (the decode order)', async () => {
    await startWebcu();
    // A Deflate dispatch decodes its rows longest stream first, in buckets of its largest capacity (3 here):
    // 34 MiB streams scale past 2^31 there, 2-byte ones into a bucket of their own. The long streams are
    // one final stored block of 'z' and bytes the decoder ignores; the short ones are cut in its header.
    const n = 40;
    const len = 34 * 2 ** 20;
    const [, src] = cu.cuMemAlloc(len);
    const [, p] = cu.cuMemAlloc(1024);
    expect(await cu.cuMemsetD8(src, 0, len)).toBe(OK);
    expect(await cu.cuMemcpyHtoD(src, new Uint8Array([0x01, 0x01, 0x00, 0xfe, 0xff, 0x7a]), 6)).toBe(OK);
    const params = Array.from({ length: n }, (_, k) => ({
      src,
      srcNumBytes: k % 2 ? 2 : len - 1001 * k,
      dst: p + 4 * k,
      dstNumBytes: 3,
      dstActBytes: p + 512 + 4 * k,
      status: p + 768 + 4 * k,
      algo: DEFLATE,
    }));
    const run = async (ps: typeof params) => {
      expect(await cu.cuMemsetD8(p, 0xee, 1024)).toBe(OK);
      expect(cu.cuMemBatchDecompressAsync(ps, ps.length, 0, null)).toEqual([OK, 0]);
      expect(await cu.cuCtxSynchronize()).toBe(OK);
      const words = new Uint32Array((await readDevice(p + 512, 512)).slice().buffer);
      return { out: await readDevice(p, 4 * n), act: words.subarray(0, n), st: words.subarray(64, 64 + n) };
    };
    const all = await run(params);
    for (let k = 0; k < n; k++) {
      const alone = await run([params[k]]);
      expect({ k, act: all.act[k], st: all.st[k], out: Array.from(all.out.subarray(4 * k, 4 * k + 3)) }).toEqual({
        k,
        act: alone.act[k],
        st: alone.st[k],
        out: Array.from(alone.out.subarray(4 * k, 4 * k + 3)),
      });
      if (k % 2 === 0) expect([all.act[k], all.st[k], all.out[4 * k]]).toEqual([1, cu.WEBCU_DECOMPRESS_OK, 0x7a]);
    }
    for (const q of [src, p]) expect(cu.cuMemFree(q)).toBe(OK);
  });

  test('dstNumBytes 0 ends at the next operation\'s destination, or at the end of the allocation', async () => {
    await startWebcu();
    const data = [text(3000), text(5000), text(7000)];
    const comp = data.map((d) => lz4(d));
    const srcTotal = comp.reduce((n, c) => n + c.length, 0);
    const stride = 4096;   // op 1's 5000 bytes do not fit before op 2's destination
    const [, src] = cu.cuMemAlloc(srcTotal);
    const [, dst] = cu.cuMemAlloc(2 * stride + 7000);
    const [, meta] = cu.cuMemAlloc(24);
    expect(await cu.cuMemsetD8(dst, 0xa5, 2 * stride + 7000)).toBe(OK);
    const host = new Uint8Array(srcTotal);
    let o = 0;
    // Listed out of address order: the bound comes from the addresses, not the order of the entries.
    const params = [2, 0, 1].map((i) => {
      const off = comp.slice(0, i).reduce((n, c) => n + c.length, 0);
      host.set(comp[i], off);
      o += comp[i].length;
      return { src: src + off, srcNumBytes: comp[i].length, dst: dst + i * stride, dstNumBytes: 0, dstActBytes: meta + 8 * i, status: meta + 8 * i + 4, algo: LZ4 };
    });
    expect(o).toBe(srcTotal);
    expect(await cu.cuMemcpyHtoD(src, host, srcTotal)).toBe(OK);
    expect(cu.cuMemBatchDecompressAsync(params, 3, 0, null)[0]).toBe(OK);
    expect(await cu.cuCtxSynchronize()).toBe(OK);
    const m = new Uint32Array((await readDevice(meta, 24)).buffer);
    const out = await readDevice(dst, 2 * stride + 7000);
    // Op 0 and op 2 fit (op 2 up to the end of the allocation); op 1 overflows at op 2's destination.
    expect(Array.from(m)).toEqual([3000, 0, stride, 1, 7000, 0]);
    expect(firstDiff(out.subarray(0, 3000), data[0])).toBe(-1);
    expect(out.subarray(3000, stride).every((v) => v === 0xa5)).toBe(true);
    expect(firstDiff(out.subarray(stride, 2 * stride), data[1].subarray(0, stride))).toBe(-1);
    expect(firstDiff(out.subarray(2 * stride), data[2])).toBe(-1);
    for (const p of [src, dst, meta]) expect(cu.cuMemFree(p)).toBe(OK);
  });

  test('one-algorithm batches (planned in one pass) give what the general planner gives, byte for byte', async () => {
    await startWebcu();
    const r = rng(14);
    const algos = [LZ4, SNAPPY, DEFLATE];
    for (const algo of algos) {
      // 300 operations of one algorithm: valid and malformed streams, dstNumBytes 0 on some, status words on
      // about half, dstActBytes and status at any byte offset of one allocation, entries in random order.
      const n = 300;
      const cases = Array.from({ length: n }, () => {
        const data = r.int(4) === 0 ? r.bytes(r.int(2000)) : text(r.int(3000));
        let comp = encoders[algo](data).slice();
        const bad = r.int(5) === 0;
        if (bad && r.int(2)) comp = comp.subarray(0, r.int(comp.length + 1));
        else if (bad) for (let k = 0; k < 1 + r.int(3); k++) if (comp.length) comp[r.int(comp.length)] ^= 1 << r.int(8);
        return { data, comp, bad, auto: r.int(4) === 0, slack: r.int(3), status: r.int(2) === 0 };
      });
      const srcTotal = cases.reduce((k, c) => k + c.comp.length + 1, 0) + 4;
      const dstTotal = cases.reduce((k, c) => k + c.data.length + c.slack + 3, 0) + 4;
      const metaTotal = 9 * n + 8;
      const [, src] = cu.cuMemAlloc(srcTotal);
      const [, dst] = cu.cuMemAlloc(dstTotal);
      const [, meta] = cu.cuMemAlloc(metaTotal);
      const host = new Uint8Array(srcTotal);
      let s = 1;
      let d = 3;
      const params: cu.CUmemDecompressParams[] = cases.map((c, i) => {
        host.set(c.comp, s);
        const q = { src: src + s, srcNumBytes: c.comp.length, dst: dst + d, dstNumBytes: c.auto ? 0 : c.data.length + c.slack, dstActBytes: meta + 1 + 9 * i, algo, ...(c.status ? { status: meta + 5 + 9 * i } : {}) };
        s += c.comp.length + 1;
        d += c.data.length + c.slack + 3;
        return q;
      });
      for (let i = params.length - 1; i > 0; i--) {
        const j = r.int(i + 1);
        [params[i], params[j]] = [params[j], params[i]];
      }
      expect(await cu.cuMemcpyHtoD(src, host, srcTotal)).toBe(OK);
      // The batch alone (one algorithm, every column in one allocation: the one-pass plan), then with an
      // operation of another algorithm in other allocations added (the general planner).
      const results: Uint8Array[][] = [];
      const other = algos[(algos.indexOf(algo) + 1) % 3];
      const extraData = text(500);
      const extraComp = encoders[other](extraData);
      const [, ex] = cu.cuMemAlloc(4096);
      expect(await cu.cuMemcpyHtoD(ex, extraComp, extraComp.length)).toBe(OK);
      for (const general of [false, true]) {
        expect(await cu.cuMemsetD8(dst, 0xa5, dstTotal)).toBe(OK);
        expect(await cu.cuMemsetD8(meta, 0xee, metaTotal)).toBe(OK);
        const list = general ? [...params, { src: ex, srcNumBytes: extraComp.length, dst: ex + 1024, dstNumBytes: 500, dstActBytes: ex + 2048, algo: other }] : params;
        expect(cu.cuMemBatchDecompressAsync(list, list.length, 0, null)).toEqual([OK, 0]);
        expect(await cu.cuCtxSynchronize()).toBe(OK);
        results.push([await readDevice(dst, dstTotal), await readDevice(meta, metaTotal)]);
        if (general) expect(firstDiff((await readDevice(ex + 1024, 500)), extraData)).toBe(-1);
      }
      expect(firstDiff(results[0][0], results[1][0])).toBe(-1);
      expect(firstDiff(results[0][1], results[1][1])).toBe(-1);
      // And the valid streams decoded, with their counts and statuses where they fit.
      const [out, m] = results[0];
      const dv = new DataView(m.buffer);
      let at = 3;
      cases.forEach((c, i) => {
        if (!c.bad) {
          expect({ i, act: dv.getUint32(1 + 9 * i, true) }).toEqual({ i, act: c.data.length });
          expect(firstDiff(out.subarray(at, at + c.data.length), c.data)).toBe(-1);
          if (c.status) expect(dv.getUint32(5 + 9 * i, true)).toBe(0);
        }
        if (!c.status) expect(Array.from(m.subarray(5 + 9 * i, 10 + 9 * i))).toEqual([0xee, 0xee, 0xee, 0xee, 0xee]);
        else expect(dv.getUint32(5 + 9 * i, true)).toBeLessThanOrEqual(7);
        // The 3 bytes after each capacity (2 of them when the capacity is auto and reaches the next op) keep
        // the canary unless dstNumBytes 0 lets the op run on to the next destination.
        if (!c.auto) expect(Array.from(out.subarray(at + c.data.length + c.slack, at + c.data.length + c.slack + 3))).toEqual([0xa5, 0xa5, 0xa5]);
        at += c.data.length + c.slack + 3;
      });
      for (const p of [src, dst, meta, ex]) expect(cu.cuMemFree(p)).toBe(OK);
    }
  });

  test('batches into the same destinations with new sources (kept commit tables), alternating and changed layouts while earlier batches run: every byte where it belongs', async () => {
    await startWebcu();
    const r = rng(21);
    const n = 64;
    const cap = 700;
    // Six layouts in one allocation, 5 canary bytes after every capacity: layout l after 7 * l more bytes
    // (no two at the same offset modulo 256, so that a table reused for another layout would write beside
    // its destinations), capacities cap - (i * l) % 4 (layouts 0 and 4 alike). Layout 6 has layout 0's
    // destinations and capacities of 600 (a table kept for it would cut layout 0's output short).
    const L = 6;
    const caps = Array.from({ length: L }, (_, l) => Array.from({ length: n }, (_, i) => cap - ((i * l) % 4)));
    const starts: number[][] = [];
    let d = 3;
    caps.forEach((c, l) => {
      d += 7 * l;
      starts.push(c.map((k) => ((d += k + 5), d - k - 5)));
    });
    caps.push(caps[0].map(() => 600));
    starts.push(starts[0]);
    const region = (l: number) => (l === 6 ? 0 : l);
    const dstTotal = d + 8;
    const [, dst] = cu.cuMemAlloc(dstTotal);
    // Batches: [layout, data set]. Sets 0-2 fill up to 690 bytes, set 3 up to 590.
    const order = [[0, 0], [1, 1], [0, 2], [1, 0], [2, 1], [3, 2], [4, 0], [5, 1], [6, 3], [0, 2], [1, 0], [0, 1]];
    const [, meta] = cu.cuMemAlloc(4 * n * order.length);
    expect(await cu.cuMemsetD8(dst, 0xa5, dstTotal)).toBe(OK);
    const sets = Array.from({ length: 4 }, (_, k) => Array.from({ length: n }, () => {
      const len = k === 3 ? 1 + r.int(590) : 200 + r.int(490);
      return r.int(3) ? text(len) : r.bytes(len);
    }));
    // Each data set's LZ4 streams in an allocation of their own, uploaded before any batch runs.
    const sources = await Promise.all(sets.map(async (set) => {
      const comps = set.map((x) => lz4(x));
      const total = comps.reduce((t, c) => t + c.length + 1, 0);
      const [, src] = cu.cuMemAlloc(total);
      const host = new Uint8Array(total);
      const at: number[] = [];
      comps.reduce((o, c) => (host.set(c, o), at.push(o), o + c.length + 1), 0);
      expect(await cu.cuMemcpyHtoD(src, host, total)).toBe(OK);
      return comps.map((c, i) => [src + at[i], c.length]);
    }));
    // dstActBytes of batch k in row k of meta. No synchronization in between: layouts 0 and 1 alternate
    // (each reuses its table), 2-6 push them out of the kept tables (KEPT_COMMITS), and 0 and 1 come back
    // (0 after 6, whose table has its destinations), each new table taking the place of one that batches
    // queued in the same submission still read (two submissions in flight, all later batches in one: the
    // recorder's flushGroup raised for the test).
    const rec = state.devices[0].rec;
    const group = rec.flushGroup;
    rec.flushGroup = order.length;
    order.forEach(([l, set], k) => {
      const params = sources[set].map(([src, len], i) => ({ src, srcNumBytes: len, dst: dst + starts[l][i], dstNumBytes: caps[l][i], dstActBytes: meta + 4 * (n * k + i), algo: LZ4 }));
      expect(cu.cuMemBatchDecompressAsync(params, n, 0, null)).toEqual([OK, 0]);
    });
    expect(await cu.cuCtxSynchronize()).toBe(OK);
    rec.flushGroup = group;
    const out = await readDevice(dst, dstTotal);
    const acts = new Uint32Array((await readDevice(meta, 4 * n * order.length)).buffer);
    order.forEach(([l, set], k) => {
      const last = order.slice(k + 1).every(([m]) => region(m) !== region(l));
      sets[set].forEach((x, i) => {
        expect({ k, i, act: acts[n * k + i] }).toEqual({ k, i, act: x.length });
        if (last) expect({ k, i, at: firstDiff(out.subarray(starts[l][i], starts[l][i] + x.length), x) }).toEqual({ k, i, at: -1 });
      });
    });
    for (let l = 0; l < L; l++) for (let i = 0; i < n; i++) expect(Array.from(out.subarray(starts[l][i] + caps[l][i], starts[l][i] + caps[l][i] + 5))).toEqual([0xa5, 0xa5, 0xa5, 0xa5, 0xa5]);
    for (const p of [dst, meta, ...sources.map((s) => s[0][0])]) expect(cu.cuMemFree(p)).toBe(OK);
  });

  test('dstActBytes and status words in arrays (runs of consecutive words), broken runs and gaps: each op gets its own', async () => {
    await startWebcu();
    const n = 300;
    // Op i: one literal run of 1 + i % 14 bytes, LZ4 (a literal-only sequence) or, for every third of ops
    // 0-99, Snappy (a literal element), so that rows (grouped by algorithm) and words no longer follow each
    // other alike; every 7th stream is cut one byte short (TRUNCATED, the literals before the cut written).
    const len = (i: number) => 1 + (i % 14);
    const cut = (i: number) => i % 7 === 3;
    const [, src] = cu.cuMemAlloc(16 * n);
    const [, dst] = cu.cuMemAlloc(16 * n);
    const [, words] = cu.cuMemAlloc(16 * n + 64);
    const host = new Uint8Array(16 * n);
    const snappyOp = (i: number) => i < 100 && i % 3 === 1;
    for (let i = 0; i < n; i++) {
      host[16 * i] = snappyOp(i) ? (len(i) - 1) << 2 : len(i) << 4;
      host.fill(65 + (i % 26), 16 * i + 1, 16 * i + 1 + len(i));
    }
    expect(await cu.cuMemcpyHtoD(src, host, host.length)).toBe(OK);
    expect(await cu.cuMemsetD8(words, 0xee, 16 * n + 64)).toBe(OK);
    // Where op i's words go: ops 0-99 in two arrays of consecutive words (nvCOMP's layout), ops 100-199 in
    // falling order, ops 200-299 consecutive but with a gap after op 249 and no status for every 5th op.
    const act = (i: number) => (i < 100 ? 4 * i : i < 200 ? 400 + 4 * (199 - i) : 800 + 4 * (i - 200) + (i >= 250 ? 16 : 0));
    const st = (i: number) => 2048 + act(i);
    const hasStatus = (i: number) => i < 200 || i % 5 !== 0;
    const params = Array.from({ length: n }, (_, i) => ({
      src: src + 16 * i,
      srcNumBytes: cut(i) ? len(i) : len(i) + 1,
      dst: dst + 16 * i,
      dstNumBytes: 16,
      dstActBytes: words + act(i),
      algo: snappyOp(i) ? SNAPPY : LZ4,
      ...(hasStatus(i) ? { status: words + st(i) } : {}),
    }));
    expect(cu.cuMemBatchDecompressAsync(params, n, 0, null)[0]).toBe(OK);
    expect(await cu.cuCtxSynchronize()).toBe(OK);
    const m = await readDevice(words, 16 * n + 64);
    const dv = new DataView(m.buffer);
    const written = new Set<number>();
    for (let i = 0; i < n; i++) {
      expect(dv.getUint32(act(i), true), `op ${i} dstActBytes`).toBe(cut(i) ? len(i) - 1 : len(i));
      written.add(act(i));
      if (hasStatus(i)) {
        expect(dv.getUint32(st(i), true), `op ${i} status`).toBe(cut(i) ? cu.WEBCU_DECOMPRESS_TRUNCATED : 0);
        written.add(st(i));
      }
    }
    // Every other word keeps its canary.
    for (let w = 0; w < (16 * n + 64) / 4; w++) if (!written.has(4 * w)) expect(dv.getUint32(4 * w, true), `word ${w}`).toBe(0xeeeeeeee);
    for (const p of [src, dst, words]) expect(cu.cuMemFree(p)).toBe(OK);
  });

  test('orders with other work on its stream', async () => {
    await startWebcu();
    const data = text(10000);
    const comp = lz4(data);
    const [, p] = cu.cuMemAlloc(comp.length + 10004);
    const [, s] = cu.cuStreamCreate(0);
    expect(cu.cuMemcpyHtoDAsync(p, comp, comp.length, s)).toBe(OK);
    expect(cu.cuMemBatchDecompressAsync([{ src: p, srcNumBytes: comp.length, dst: p + comp.length, dstNumBytes: 0, dstActBytes: p + comp.length + 10000, algo: LZ4 }], 1, 0, s)[0]).toBe(OK);
    const out = new Uint8Array(10004);
    expect(cu.cuMemcpyDtoHAsync(out, p + comp.length, 10004, s)).toBe(OK);
    expect(await cu.cuStreamSynchronize(s)).toBe(OK);
    expect(firstDiff(out.subarray(0, 10000), data)).toBe(-1);
    expect(new DataView(out.buffer).getUint32(10000, true)).toBe(10000);
    cu.cuStreamDestroy(s!);
    expect(cu.cuMemFree(p)).toBe(OK);
  });
});

test('batches of 64 MiB of capacity or more are submitted at once, even behind busy submissions, in stream order', async () => {
  await startWebcu();
  const MiB = 2 ** 20;
  const queue = state.devices[0].rec.device.queue;
  const submit = queue.submit;
  let submits = 0;
  queue.submit = (cmds) => (submits++, submit.call(queue, cmds));
  try {
    // 16 operations of 4 MiB capacity each (tiny Deflate streams stay in one workgroup): 64 MiB a call.
    const data = Array.from({ length: 16 }, (_, i) => text(1000 + 37 * i));
    const comps = data.map((d) => deflate(d));
    const srcBytes = comps.reduce((n, c) => n + c.length, 0);
    const [, src] = cu.cuMemAlloc(srcBytes);
    const [, dst] = cu.cuMemAlloc(16 * 4 * MiB);
    const [, act] = cu.cuMemAlloc(6 * 16 * 4);
    const host = new Uint8Array(srcBytes);
    const params: cu.CUmemDecompressParams[] = [];
    for (let i = 0, at = 0; i < 16; at += comps[i].length, i++) {
      host.set(comps[i], at);
      params.push({ src: src + at, srcNumBytes: comps[i].length, dst: dst + i * 4 * MiB, dstNumBytes: 4 * MiB, dstActBytes: 0, algo: DEFLATE });
    }
    expect(await cu.cuMemcpyHtoD(src, host, srcBytes)).toBe(OK);
    const [, s] = cu.cuStreamCreate(0);
    submits = 0;
    // Six calls from one task: the first two start the GPU as any large work does; the other four would
    // wait for a group of four behind them, but long work goes at once.
    for (let c = 0; c < 6; c++) {
      const ps = params.map((p, i) => ({ ...p, dstActBytes: act + (c * 16 + i) * 4 }));
      expect(cu.cuMemBatchDecompressAsync(ps, 16, 0, s)).toEqual([OK, 0]);
    }
    expect(submits).toBe(6);
    const acts = new Uint32Array(6 * 16);
    expect(cu.cuMemcpyDtoHAsync(acts, act, acts.byteLength, s)).toBe(OK);
    expect(await cu.cuStreamSynchronize(s)).toBe(OK);
    expect(Array.from(acts)).toEqual(Array.from({ length: 6 }, () => data.map((d) => d.length)).flat());
    for (let i = 0; i < 16; i += 5) expect(firstDiff(await readDevice(dst + i * 4 * MiB, data[i].length), data[i])).toBe(-1);
    cu.cuStreamDestroy(s!);
    for (const p of [src, dst, act]) expect(cu.cuMemFree(p!)).toBe(OK);
  } finally {
    queue.submit = submit;
  }
});

describe('wrapper helpers', () => {
  test('gzip, zlib and Snappy preambles become the raw streams CUDA takes', async () => {
    await startWebcu();
    const data = text(5000);
    const gz = gzipSync(data, { filename: 'x.txt', mtime: 0 });
    const [eg, g] = cu.cuMemDecompressParseGzip(gz);
    expect(eg).toBe(OK);
    expect(g!.uncompressedSize).toBe(5000);
    const zl = zlibSync(data);
    const [ez, zr] = cu.cuMemDecompressParseZlib(zl);
    expect(ez).toBe(OK);
    const sn = snappy(data);
    const res = await runBatch([
      { algo: DEFLATE, data, comp: gz.subarray(g!.offset, g!.offset + g!.length) },
      { algo: DEFLATE, data, comp: zl.subarray(zr!.offset, zr!.offset + zr!.length) },
      { algo: SNAPPY, data, comp: sn },
    ]);
    for (const x of res) expect([x.status, x.act, firstDiff(x.out, data)]).toEqual([0, 5000, -1]);
    expect(cu.cuMemDecompressParseGzip(new Uint8Array(30))[0]).toBe(cu.CUDA_ERROR_INVALID_VALUE);
    expect(cu.cuMemDecompressParseZlib(new Uint8Array([0x78, 0x00, 1, 2, 3, 4, 5]))[0]).toBe(cu.CUDA_ERROR_INVALID_VALUE);
    expect(cu.cuMemDecompressParseSnappy(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]))[0]).toBe(cu.CUDA_ERROR_INVALID_VALUE);
  });
});
