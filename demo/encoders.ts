// Compressors for the demo's decompression panel. They belong to the demo, not to webcu: the library only
// decodes. Deflate comes from the browser (CompressionStream 'deflate-raw'); LZ4 and Snappy are small greedy
// encoders written from the format descriptions (lz4 doc/lz4_Block_format.md, google/snappy
// format_description.txt). They favour clarity over ratio and speed, but their output is valid for any
// decoder of those formats. Both can list where their control bytes (LZ4 tokens, Snappy tags) went, so
// that the demo can corrupt the stream's structure rather than a literal character.

/** Raw Deflate (RFC 1951, no zlib/gzip wrapper) by the browser's own compressor. */
export async function deflateRaw(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** A growable byte sink. */
class Out {
  private buf = new Uint8Array(256);
  length = 0;

  /** `tags` receives the offset of every byte written with tag(). */
  constructor(private readonly tags?: number[]) {}

  /** Writes a control byte (LZ4 token, Snappy tag). */
  tag(b: number): void {
    this.tags?.push(this.length);
    this.push(b);
  }

  push(b: number): void {
    if (this.length === this.buf.length) {
      const next = new Uint8Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.length++] = b;
  }

  append(bytes: Uint8Array): void {
    for (const b of bytes) this.push(b);
  }

  bytes(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

const HASH_BITS = 14;

/** Hash of the 4 bytes at `i` (little-endian u32, Knuth's multiplicative hash), HASH_BITS wide. */
function hash4(src: Uint8Array, i: number): number {
  const v = (src[i] | (src[i + 1] << 8) | (src[i + 2] << 16) | (src[i + 3] << 24)) >>> 0;
  return Math.imul(v, 2654435761) >>> (32 - HASH_BITS);
}

const same4 = (src: Uint8Array, a: number, b: number) =>
  src[a] === src[b] && src[a + 1] === src[b + 1] && src[a + 2] === src[b + 2] && src[a + 3] === src[b + 3];

/** Largest back-reference distance both formats can express with a 2-byte offset. */
const MAX_OFFSET = 65535;

/**
 * The greedy LZ77 parse both encoders share: at each position, a 4-byte hash finds the last earlier
 * occurrence; a match (at least 4 bytes, at most MAX_OFFSET back) may start no later than `lastStart` and
 * extends up to `endLimit`. `match` receives the literals before it, its offset and its length; the
 * return value is where the literals still to emit begin.
 */
function greedyParse(
  src: Uint8Array,
  lastStart: number,
  endLimit: number,
  match: (literals: Uint8Array, offset: number, length: number) => void,
): number {
  const table = new Int32Array(1 << HASH_BITS).fill(-1);
  let anchor = 0; // first byte not yet emitted
  let i = 0;
  while (i <= lastStart) {
    const h = hash4(src, i);
    const cand = table[h];
    table[h] = i;
    if (cand < 0 || i - cand > MAX_OFFSET || !same4(src, cand, i)) {
      i++;
      continue;
    }
    let len = 4; // same4 matched these
    while (i + len < endLimit && src[cand + len] === src[i + len]) len++;
    match(src.subarray(anchor, i), i - cand, len);
    // Remember the positions the match covers too, so later text can refer to them.
    for (let p = i + 1; p < i + len && p <= lastStart; p++) table[hash4(src, p)] = p;
    i += len;
    anchor = i;
  }
  return anchor;
}

// ---------------------------------------------------------------------------------------------------------
// LZ4 block format
//
// A block is a series of sequences. Each one is a token byte (high nibble: literal count, low nibble: match
// length − 4; 15 means "more follows" as bytes of 255 ended by a byte < 255), the literals, a 2-byte
// little-endian offset (1…65535) and the rest of the match length. The last sequence has literals only.
// End-of-block rules: the last 5 bytes are literals, and the last match starts at least 12 bytes before
// the end (so a block under 13 bytes is all literals).

const LZ4_MIN_MATCH = 4;
const LZ4_LAST_LITERALS = 5;
const LZ4_MF_LIMIT = 12;

/** Writes a length's continuation bytes (after a nibble of 15): 255, 255, …, then the remainder. */
function lz4ExtraLength(out: Out, n: number): void {
  for (; n >= 255; n -= 255) out.push(255);
  out.push(n);
}

function lz4Sequence(out: Out, literals: Uint8Array, offset: number, matchLength: number): void {
  const lit = literals.length;
  const ml = matchLength === 0 ? 0 : matchLength - LZ4_MIN_MATCH; // 0 with no offset: the last sequence
  out.tag((Math.min(lit, 15) << 4) | Math.min(ml, 15));
  if (lit >= 15) lz4ExtraLength(out, lit - 15);
  out.append(literals);
  if (matchLength === 0) return;
  out.push(offset & 0xff);
  out.push(offset >> 8);
  if (ml >= 15) lz4ExtraLength(out, ml - 15);
}

/**
 * Greedy LZ4 block encoder: the raw block, without frame or size prefix (what CUDA's LZ4 input is).
 * `tags`, when given, receives the offsets of the sequences' tokens.
 */
export function lz4CompressBlock(src: Uint8Array, tags?: number[]): Uint8Array {
  const out = new Out(tags);
  const n = src.length;
  // A match may start at n − 12 at the latest and must end by n − 5.
  const anchor = greedyParse(src, n - LZ4_MF_LIMIT, n - LZ4_LAST_LITERALS, (lit, offset, len) => lz4Sequence(out, lit, offset, len));
  lz4Sequence(out, src.subarray(anchor), 0, 0);
  return out.bytes();
}

// ---------------------------------------------------------------------------------------------------------
// Snappy, raw (no varint length preamble: CUDA's Snappy input has none)
//
// A series of elements, each starting with a tag byte whose low 2 bits give its kind:
//   00 literal: (length − 1) in the upper 6 bits when < 60; 60…63 there mean that 1…4 little-endian bytes
//      holding length − 1 follow the tag. Then the literal bytes.
//   10 copy with a 2-byte offset: (length − 1) in the upper 6 bits (length 1…64), then the offset as u16 LE.
// (01 copy-1 and 11 copy-4 are the other two kinds; this encoder does not need them.)

const SNAPPY_MIN_MATCH = 4;
const SNAPPY_MAX_COPY = 64;

function snappyLiteral(out: Out, literals: Uint8Array): void {
  // At most 65536 bytes per element keeps the length field to 2 bytes.
  for (let at = 0; at < literals.length; at += 65536) {
    const chunk = literals.subarray(at, at + 65536);
    const m = chunk.length - 1;
    if (m < 60) {
      out.tag(m << 2);
    } else if (m < 256) {
      out.tag(60 << 2);
      out.push(m);
    } else {
      out.tag(61 << 2);
      out.push(m & 0xff);
      out.push(m >> 8);
    }
    out.append(chunk);
  }
}

function snappyCopy(out: Out, offset: number, length: number): void {
  while (length > 0) {
    const len = Math.min(length, SNAPPY_MAX_COPY);
    out.tag(((len - 1) << 2) | 2);
    out.push(offset & 0xff);
    out.push(offset >> 8);
    length -= len;
  }
}

/**
 * Greedy raw Snappy encoder: literal and copy-2 elements, no length preamble. `tags`, when given, receives
 * the offsets of the elements' tag bytes.
 */
export function snappyCompressRaw(src: Uint8Array, tags?: number[]): Uint8Array {
  const out = new Out(tags);
  const n = src.length;
  const anchor = greedyParse(src, n - SNAPPY_MIN_MATCH, n, (lit, offset, len) => {
    if (lit.length) snappyLiteral(out, lit);
    snappyCopy(out, offset, len);
  });
  if (anchor < n) snappyLiteral(out, src.subarray(anchor));
  return out.bytes();
}
