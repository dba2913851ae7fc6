// A small JS LZ4 block decoder that follows lz4.wgsl's documented status rules: the reference for the
// decoder's fuzzing (test/node/lz4.test.ts) and for large operations decoded in pieces (lz-large.test.ts).
import { DECOMPRESS_STATUS as Status } from '../../src/core/shaders.ts';

/** The bytes and status of decoding `src` into `cap` bytes. */
export function refDecode(src: Uint8Array, cap: number): { out: Uint8Array; status: number } {
  const out = new Uint8Array(cap);
  const end = src.length;
  let p = 0;
  let pos = 0;
  const done = (status: number) => ({ out: out.slice(0, pos), status });
  const ext = (len: number): number | null => {
    for (;;) {
      if (p >= end) return null;
      const b = src[p++];
      len = Math.min(len + b, 0x7fff0000);
      if (b !== 255) return len;
    }
  };
  for (;;) {
    if (p >= end) return done(Status.TRUNCATED);
    const token = src[p++];
    let ll: number | null = token >> 4;
    if (ll === 15 && (ll = ext(ll)) === null) return done(Status.TRUNCATED);
    if (ll) {
      const n = Math.min(ll, end - p, cap - pos);
      out.set(src.subarray(p, p + n), pos);
      pos += n;
      if (n < ll) return done(ll > end - p ? Status.TRUNCATED : Status.OUTPUT_OVERFLOW);
      p += ll;
    }
    if (p === end) return done(Status.OK);
    if (end - p < 2) return done(Status.TRUNCATED);
    const off = src[p] | (src[p + 1] << 8);
    p += 2;
    let ml: number | null = token & 15;
    if (ml === 15 && (ml = ext(ml)) === null) return done(Status.TRUNCATED);
    ml += 4;
    if (off === 0 || off > pos) return done(Status.BAD_DISTANCE);
    const m = Math.min(ml, cap - pos);
    for (let k = 0; k < m; k++, pos++) out[pos] = out[pos - off];
    if (m < ml) return done(Status.OUTPUT_OVERFLOW);
  }
}
