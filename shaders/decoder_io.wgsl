// decoder_io.wgsl — what every decoder (inflate.wgsl, lz4.wgsl, snappy.wgsl) shares with the host: the
// operation record and the four bindings. src/core/shaders.ts puts it, after the status constants ST_*
// (generated from DECOMPRESS_STATUS, their one definition), in front of each decoder's own source.
//
// ops[i]: the i-th operation of the dispatch (one workgroup each): its stream at byte src_byte of src,
// src_len bytes long; its output at word out_word of out, at most out_cap bytes.
// results[2i] receives the bytes produced, results[2i + 1] the status.

struct DecodeOp {
  src_byte: u32,
  src_len: u32,
  out_word: u32,
  out_cap: u32,
}

@group(0) @binding(0) var<storage, read> ops: array<DecodeOp>;
@group(0) @binding(1) var<storage, read> src: array<u32>;
@group(0) @binding(2) var<storage, read_write> out: array<u32>;
@group(0) @binding(3) var<storage, read_write> results: array<u32>;

// out_cap bit of an LZ4 or Snappy operation decoded in pieces by several workgroups (lz_pieces.wgsl):
// the one-operation decoder skips it. Capacities stay below 2^31, so the bit is free.
const PIECED: u32 = 0x80000000u;
