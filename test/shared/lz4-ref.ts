// A small JS LZ4 block decoder that follows lz4.wgsl's documented status rules: the reference for the
// decoder's fuzzing (test/node/lz4.test.ts) and for large operations decoded in pieces (lz-large.test.ts);
// and a writer of hand-made sequences.
import { DECOMPRESS_STATUS as Status } from '../../src/core/shaders.ts';

/** The bytes and status of decoding `src` into `cap` bytes. */
export function refDecode(src: Uint8Array, cap: number): { out: Uint8Array; status: number } {
  const out = new Uint8Array(cap);
  const end = src.length;
  let p = 0;
  let pos = 0;
  let match = -1;   // where the last match starts
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
    // The end rules after a match: the last 5 bytes are literals, the last match starts 12 bytes before the end.
    if (p === end) return done(match < 0 || (ll >= 5 && pos - match >= 12) ? Status.OK : Status.BAD_END);
    if (end - p < 2) return done(Status.TRUNCATED);
    const off = src[p] | (src[p + 1] << 8);
    p += 2;
    let ml: number | null = token & 15;
    if (ml === 15 && (ml = ext(ml)) === null) return done(Status.TRUNCATED);
    ml += 4;
    if (off === 0 || off > pos) return done(Status.BAD_DISTANCE);
    match = pos;
    const m = Math.min(ml, cap - pos);
    for (let k = 0; k < m; k++, pos++) out[pos] = out[pos - off];
    if (m < ml) return done(Status.OUTPUT_OVERFLOW);
  }
}

/**
 * The status an encoder's block decodes with into `n` bytes: OK, or BAD_END where it breaks the end rules
 * (lz4js may start its last match too near the end). Throws on any other: the block is not an encoder's.
 */
export function endStatus(src: Uint8Array, n: number): number {
  const { status } = refDecode(src, n);
  if (status !== Status.OK && status !== Status.BAD_END) throw new Error(`an encoder's block decodes with status ${status}`);
  return status;
}

function pushExt(bytes: number[], n: number) {
  for (; n >= 255; n -= 255) bytes.push(255);
  bytes.push(n);
}

/** One hand-made LZ4 sequence: literals, then (optionally) a match of `matchLen` bytes at distance `off`. */
export function seq(lit: Uint8Array | string, off?: number, matchLen?: number): number[] {
  const l = typeof lit === 'string' ? new TextEncoder().encode(lit) : lit;
  const m = matchLen === undefined ? 0 : matchLen - 4;
  const bytes = [(Math.min(l.length, 15) << 4) | Math.min(m, 15)];
  if (l.length >= 15) pushExt(bytes, l.length - 15);
  for (const b of l) bytes.push(b);
  if (off !== undefined) {
    bytes.push(off & 255, off >> 8);
    if (m >= 15) pushExt(bytes, m - 15);
  }
  return bytes;
}
