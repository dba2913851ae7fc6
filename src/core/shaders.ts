// Shader composition: each decoder's WGSL is put together here, once, for the library, its tests and its
// benchmarks: the status constants ST_* (generated from DECOMPRESS_STATUS, their one definition), the
// operation record and bindings every decoder shares (shaders/decoder_io.wgsl), the decoder's own file,
// and its one-operation mode (inflate_ops.wgsl; for LZ4 and Snappy their shared output half
// shaders/lz_words.wgsl, then lz_ops.wgsl); large LZ4 and Snappy operations are cut by lz_scan.wgsl (with
// the format's step: lz4_scan.wgsl, snappy_scan.wgsl) and decoded in pieces (lz_pieces.wgsl), large Deflate
// operations by inflate_pieces.wgsl; the pieces' byte links (links.wgsl) come first in every decoder (zeros
// where there are no pieces).

import decoderIoWgsl from '../../shaders/decoder_io.wgsl?raw';
import inflateWgsl from '../../shaders/inflate.wgsl?raw';
import inflateOpsWgsl from '../../shaders/inflate_ops.wgsl?raw';
import inflatePiecesWgsl from '../../shaders/inflate_pieces.wgsl?raw';
import lz4Wgsl from '../../shaders/lz4.wgsl?raw';
import lzWordsWgsl from '../../shaders/lz_words.wgsl?raw';
import lzOpsWgsl from '../../shaders/lz_ops.wgsl?raw';
import lzPiecesWgsl from '../../shaders/lz_pieces.wgsl?raw';
import largeOpWgsl from '../../shaders/large_op.wgsl?raw';
import linksWgsl from '../../shaders/links.wgsl?raw';
import lzScanWgsl from '../../shaders/lz_scan.wgsl?raw';
import lz4ScanWgsl from '../../shaders/lz4_scan.wgsl?raw';
import snappyWgsl from '../../shaders/snappy.wgsl?raw';
import snappyScanWgsl from '../../shaders/snappy_scan.wgsl?raw';

/** Decoder status codes: what a `status` pointer receives (WEBCU_DECOMPRESS_*), and ST_* in WGSL. */
export const DECOMPRESS_STATUS = {
  OK: 0,
  OUTPUT_OVERFLOW: 1,
  TRUNCATED: 2,
  BAD_BLOCK_TYPE: 3,
  BAD_HUFFMAN: 4,
  BAD_DISTANCE: 5,
  BAD_STORED_LEN: 6,
  BAD_SYMBOL: 7,
  BAD_END: 8,
} as const;

const prelude =
  Object.entries(DECOMPRESS_STATUS)
    .map(([name, code]) => `const ST_${name}: u32 = ${code}u;`)
    .join('\n') +
  '\n' +
  decoderIoWgsl;

/** The complete source of each decoder. */
export const DECODER_WGSL = {
  inflate: prelude + linksWgsl + inflateWgsl + inflateOpsWgsl,
  lz4: prelude + linksWgsl + lz4Wgsl + lzWordsWgsl + lzOpsWgsl,
  snappy: prelude + linksWgsl + snappyWgsl + lzWordsWgsl + lzOpsWgsl,
} as const;

/** Large LZ4 and Snappy operations: the boundary scan (entry points `walk`, `check`, `join`). */
export const SCAN_WGSL = {
  lz4: largeOpWgsl + lzScanWgsl + lz4ScanWgsl,
  snappy: largeOpWgsl + lzScanWgsl + snappyScanWgsl,
} as const;
/** Large LZ4 and Snappy operations: the piece decoder (entry points `main`, `fixup`, and `whole` for Snappy). */
export const PIECES_WGSL = {
  lz4: prelude + linksWgsl + lz4Wgsl + lzWordsWgsl + largeOpWgsl + lzPiecesWgsl,
  snappy: prelude + linksWgsl + snappyWgsl + lzWordsWgsl + largeOpWgsl + lzPiecesWgsl,
} as const;

/**
 * Large Deflate operations: block starts found per segment and put in decode order, pieces decoded and
 * joined, placed, linked bytes resolved, and what did not decode in pieces decoded again whole (entry
 * points `find`, `rank`, `offsets`, `scatter`, `decode`, `join`, `place`, `fixup`, `whole`).
 */
export const INFLATE_PIECES_WGSL = prelude + linksWgsl + inflateWgsl + largeOpWgsl + inflatePiecesWgsl;

/** Source bytes per boundary-scan segment (shaders/large_op.wgsl SEG). */
export const LZ_SEG = 4096;
/**
 * Least output bytes of a piece (shaders/large_op.wgsl SUB), per format: the defaults of Device.lzPiece.
 * H200, 256 MiB batches of 256 KiB-4 MiB operations (BENCHMARKS.md, session 14): LZ4 was fastest with
 * 64 KiB pieces (16 and 32 KiB up to 17% slower on text), Snappy with 16 KiB (4.4% less time over six
 * rows, 3.4-8% less than 64 KiB on five of them).
 */
export const LZ_PIECE = { lz4: 65536, snappy: 16384 };
/** Source bytes per segment of a large Deflate operation, where find looks for a block start (shaders/inflate_pieces.wgsl DSEG). */
export const INFLATE_SEG = 4096;
/** Words before the slots in the decode order of large Deflate operations (shaders/inflate_pieces.wgsl ORDER0). */
export const INFLATE_ORDER0 = 129;
/** Words of a LargeOp record (shaders/large_op.wgsl). */
export const LARGE_WORDS = 11;
/** Words of one segment's walk record (shaders/lz_scan.wgsl). */
export const LZ_WREC = 262;

/** Operations per workgroup of the LZ4 and Snappy one-operation decoders (shaders/lz_ops.wgsl OPS). */
export const LZ_OPS = 2;
/** Operations per workgroup of a decoder source (its OPS constant; 1 for a decoder without one): what a raw dispatch of it divides by. */
export const opsPerWorkgroup = (code: string) => Number(/const OPS: u32 = (\d+)u;/.exec(code)?.[1] ?? 1);
/** Whether a decoder's workgroups take their rows from a decode order at binding 4 (inflate_ops.wgsl). */
export const readsDecodeOrder = (code: string) => code.includes('@binding(4) var<storage, read> order');
/** An LZ4 or Snappy decoder with one operation per 32-invocation workgroup instead of two. */
export const oneOpPerGroup = (code: string) => code.replace(`const OPS: u32 = ${LZ_OPS}u;`, 'const OPS: u32 = 1u;');
/** An LZ4 or Snappy decoder that copies groups of one literal run four words at a time (lz_words.wgsl LITERALS): for incompressible data. */
export const literalGroups = (code: string) => code.replace('const LITERALS: bool = false;', 'const LITERALS: bool = true;');
/** A decoder for runs of repeated bytes (RUNS): LZ4 and Snappy resolve a run of one byte once (lz_words.wgsl), Deflate takes a run's chain of matches as one (inflate.wgsl); for zeros and RLE-like data. */
export const byteRuns = (code: string) => code.replace('const RUNS: bool = false;', 'const RUNS: bool = true;');
/** An LZ4 or Snappy decoder whose parse and words overlap in two halves of a 64-invocation workgroup (one operation each). */
export const pipelined = (code: string) =>
  oneOpPerGroup(code).replace('const WG: u32 = 32u;', 'const WG: u32 = 64u;').replace('const PIPE: bool = false;', 'const PIPE: bool = true;');
