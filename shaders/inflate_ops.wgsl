// inflate_ops.wgsl — the one-operation mode of the Deflate decoder (appended after inflate.wgsl): workgroup
// k = workgroup_id.x + workgroup_id.y * num_workgroups.x decodes the whole stream of op i = order[k]
// (binding 4: a permutation of the op table's rows, longest stream first, so that the batch's last wave
// holds its shortest operations: src/driver/decompress.ts); workgroups with k >= arrayLength(&ops) return
// at once. Its output is final as it is written, so no byte has a link. An op
// whose out_cap has the PIECED bit is left to the piece decoder (inflate_pieces.wgsl): this dispatch writes
// nothing for it.

const LINKS: bool = false;
@group(0) @binding(4) var<storage, read> order: array<u32>;

fn committed(s: u32, k: u32, hw: u32, head: u32, hlk: vec2<u32>, ow: u32) -> Out4 {
  return Out4(committed_bytes(s, k, hw, head, ow), NO_LINKS);
}

fn put(ow: u32, w: u32, val: u32, lk: vec2<u32>) {
  out[ow + w] = val;
}

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) lid: u32) {
  let k = wid.x + wid.y * nwg.x;
  if (k >= arrayLength(&ops)) { return; }
  let i = min(order[k], arrayLength(&ops) - 1u);
  let op = ops[i];
  if ((op.out_cap & PIECED) != 0u) { return; }
  decode_stream(lid, op.src_byte, op.src_len, op.out_word, op.out_cap, 0u, 0u, NO_POS);
  if (lid == 0u) {
    results[2u * i] = outpos;
    results[2u * i + 1u] = status;
  }
}
