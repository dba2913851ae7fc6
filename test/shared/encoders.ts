// Independent encoders for decompression tests: Node's zlib (raw Deflate), lz4-napi (lz4_flex, LZ4
// blocks) and snappy (native, raw Snappy whose preamble webcu's parser strips). Node only.

import { deflateRawSync, constants as z } from 'node:zlib';
import { compressSync as lz4Compress } from 'lz4-napi';
import { compressSync as snappyCompress } from 'snappy';
import { cu } from './webcu.ts';

export const deflate = (d: Uint8Array, level = 6, strategy = z.Z_DEFAULT_STRATEGY) =>
  new Uint8Array(deflateRawSync(d, { level, strategy }));

/** lz4_flex prepends the uncompressed size as 4 LE bytes; the rest is a raw LZ4 block. */
export const lz4 = (d: Uint8Array) => new Uint8Array(lz4Compress(Buffer.from(d)).subarray(4));

export function snappy(d: Uint8Array): Uint8Array {
  const framed = new Uint8Array(snappyCompress(Buffer.from(d)));
  const [e, raw] = cu.cuMemDecompressParseSnappy(framed);
  if (e !== cu.CUDA_SUCCESS || raw!.uncompressedSize !== d.length) throw new Error('bad snappy preamble');
  return framed.subarray(raw!.offset, raw!.offset + raw!.length);
}

export const encoders: Record<number, (d: Uint8Array) => Uint8Array> = {
  [cu.CU_MEM_DECOMPRESS_ALGORITHM_DEFLATE]: deflate,
  [cu.CU_MEM_DECOMPRESS_ALGORITHM_LZ4]: lz4,
  [cu.CU_MEM_DECOMPRESS_ALGORITHM_SNAPPY]: snappy,
};
