// Raw Snappy by hand and a small JS decoder that follows snappy.wgsl's documented status rules: the
// reference for the decoder's edge cases and fuzzing (test/node/snappy.test.ts) and for large operations
// decoded in pieces (lz-large.test.ts).
import { DECOMPRESS_STATUS as Status } from '../../src/core/shaders.ts';

/** Literal element (any length, the shortest length encoding). */
export function lit(data: Uint8Array | string): number[] {
  const d = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const n = d.length - 1;
  const out: number[] = [];
  if (n < 60) out.push(n << 2);
  else if (n < 1 << 8) out.push(60 << 2, n);
  else if (n < 1 << 16) out.push(61 << 2, n & 255, n >> 8);
  else if (n < 1 << 24) out.push(62 << 2, n & 255, (n >> 8) & 255, n >> 16);
  else out.push(63 << 2, n & 255, (n >> 8) & 255, (n >> 16) & 255, n >>> 24);
  return out.concat(Array.from(d));
}
/** Copy with a 1-byte offset: len 4..11, offset < 2048. */
export const copy1 = (off: number, len: number) => [1 | ((len - 4) << 2) | ((off >> 8) << 5), off & 255];
/** Copy with a 2-byte offset: len 1..64. */
export const copy2 = (off: number, len: number) => [2 | ((len - 1) << 2), off & 255, off >> 8];
/** Copy with a 4-byte offset: len 1..64. */
export const copy4 = (off: number, len: number) => [
  3 | ((len - 1) << 2),
  off & 255,
  (off >> 8) & 255,
  (off >> 16) & 255,
  off >>> 24,
];
export const stream = (...els: number[][]) => new Uint8Array(els.flat());

/** The bytes and status of decoding `src` into `cap` bytes. */
export function refDecode(src: Uint8Array, cap: number): { out: Uint8Array; status: number } {
  const out = new Uint8Array(cap);
  const end = src.length;
  let p = 0;
  let pos = 0;
  const done = (status: number) => ({ out: out.slice(0, pos), status });
  for (;;) {
    if (p >= end) return done(Status.OK);
    const tag = src[p++];
    const avail = end - p;
    if ((tag & 3) === 0) {
      let len = (tag >> 2) + 1;
      if (len > 60) {
        const k = len - 60;
        if (avail < k) return done(Status.TRUNCATED);
        let v = 0;
        for (let j = k - 1; j >= 0; j--) v = v * 256 + src[p + j];
        if (v === 0xffffffff) return done(Status.BAD_SYMBOL);
        len = v + 1;
        p += k;
      }
      const n = Math.min(len, end - p, cap - pos);
      out.set(src.subarray(p, p + n), pos);
      pos += n;
      if (n < len) return done(len > end - p ? Status.TRUNCATED : Status.OUTPUT_OVERFLOW);
      p += len;
    } else {
      const k = [0, 1, 2, 4][tag & 3];
      if (avail < k) return done(Status.TRUNCATED);
      let len: number;
      let off: number;
      if ((tag & 3) === 1) {
        len = ((tag >> 2) & 7) + 4;
        off = ((tag >> 5) << 8) | src[p];
      } else {
        len = (tag >> 2) + 1;
        off = 0;
        for (let j = k - 1; j >= 0; j--) off = off * 256 + src[p + j];
      }
      p += k;
      if (off === 0 || off > pos) return done(Status.BAD_DISTANCE);
      const m = Math.min(len, cap - pos);
      for (let j = 0; j < m; j++, pos++) out[pos] = out[pos - off];
      if (m < len) return done(Status.OUTPUT_OVERFLOW);
    }
  }
}
