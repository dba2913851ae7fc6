// The first stage a cooperative LZ4 decoder would need for one large operation: a serial scan of its
// tokens that finds the sequence boundaries every 64 KiB of output (so that several workgroups could then
// decode the sub-chunks). One invocation per operation walks every token (length-extension bytes
// included), skips literals and offsets, and writes (source byte, output byte) checkpoints into its
// output region; results follow the decoders' contract ([bytes, status]: TRUNCATED when the stream ends
// inside a sequence), so bench/decompress.ts's kernelOnly times it as it times a decoder.
// Bindings: those of shaders/decoder_io.wgsl. Every loop is bounded by the stream's length.

export const LZ4_SCAN_WGSL = /* wgsl */ `
struct DecodeOp { src_byte: u32, src_len: u32, out_word: u32, out_cap: u32 }
@group(0) @binding(0) var<storage, read> ops: array<DecodeOp>;
@group(0) @binding(1) var<storage, read> src: array<u32>;
@group(0) @binding(2) var<storage, read_write> out: array<u32>;
@group(0) @binding(3) var<storage, read_write> results: array<u32>;

const SUB: u32 = 65536u;

fn byte_at(p: u32) -> u32 { return (src[p >> 2u] >> ((p & 3u) << 3u)) & 0xffu; }

@compute @workgroup_size(1)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = wid.x + wid.y * nwg.x;
  if (i >= arrayLength(&ops)) { return; }
  let op = ops[i];
  let end = op.src_byte + op.src_len;
  let marks = op.out_cap / 8u;
  var p = op.src_byte;
  var o = 0u;
  var next = 0u;
  var m = 0u;
  var st = 2u;
  // Each pass of a loop consumes at least one source byte.
  for (var it = 0u; it < op.src_len && p < end; it += 1u) {
    if (o >= next && m < marks) {
      out[op.out_word + 2u * m] = p;
      out[op.out_word + 2u * m + 1u] = o;
      m += 1u;
      next = o + SUB;
    }
    let t = byte_at(p);
    p += 1u;
    var ll = t >> 4u;
    if (ll == 15u) {
      for (; p < end; ) {
        let b = byte_at(p);
        p += 1u;
        ll += b;
        if (b != 255u) { break; }
      }
    }
    o += ll;
    p += ll;
    if (p >= end) {
      st = select(0u, 2u, p > end);
      break;
    }
    p += 2u;
    var ml = t & 15u;
    if (ml == 15u) {
      for (; p < end; ) {
        let b = byte_at(p);
        p += 1u;
        ml += b;
        if (b != 255u) { break; }
      }
    }
    o += ml + 4u;
  }
  results[2u * i] = o;
  results[2u * i + 1u] = st;
}
`;
