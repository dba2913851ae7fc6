// lz_ops.wgsl — the one-operation mode of the LZ4 and Snappy decoders (appended after lz_words.wgsl): each
// operation is decoded whole by one slot of LANES invocations, OPS operations per workgroup: op i =
// (workgroup_id.x + workgroup_id.y * num_workgroups.x) * OPS + slot. Dispatch ceil(ops / OPS) workgroups.
// Its output is final as it is written, so no byte has a link. An op whose out_cap has the PIECED bit is
// left to the piece decoder (lz_pieces.wgsl): this dispatch writes nothing for it.
// OPS = 2 (16 invocations per op): two parsers share each instruction of the serial parse; on the H200,
// 4096 x 64 KiB, 2-25% faster than one op per workgroup, while 4 or 8 were slower (BENCHMARKS.md,
// session 10). With fewer ops than fill the GPU each op's latency is the batch's and 16 invocations
// lengthen it: the library then builds this file with OPS = 1 (src/core/shaders.ts oneOpPerGroup; for
// at most 256 ops also WG = 64 and PIPE, pipelined), src/driver/decompress.ts PAIRED_MIN_OPS.
const OPS: u32 = 2u;
// PIPE: the parse and the words of one operation overlap in two halves of a 64-wide workgroup
// (lz_words.wgsl rounds_pipe; src/core/shaders.ts pipelined, for dispatches of at most 256 ops).
const PIPE: bool = false;

// Word wi of the op's output, for bytes before the group start (those are final).
fn out_before(wi: u32) -> u32 {
  let a = wi << 2u;
  if (a + 4u <= c_b0) { return out[g_out_word + wi]; }
  if (a < c_b0) { return c_head; }
  return 0u;   // not needed by the caller
}

fn earlier(c: u32, run: u32) -> Bytes {
  return Bytes(out32(c), min(run, c_b0 - c), vec2<u32>(0u, 0u));
}

fn head_links(cur: u32, j: u32) -> vec2<u32> {
  return vec2<u32>(0u, 0u);
}

fn put_word(w: u32, val: u32, lk: vec2<u32>) {
  out[g_out_word + w] = val;
}

fn keep_tail_links(cur: u32, lk: vec2<u32>) {}

fn far(d: u32) -> bool {
  return false;
}

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3<u32>,
        @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) lid: u32) {
  let first = (wid.x + wid.y * nwg.x) * OPS;
  if (first >= arrayLength(&ops)) { return; }
  set_slot(lid);
  // A slot past the last op, or with a PIECED op, is done before its first round and writes nothing.
  let i = first + g_sub;
  var op = DecodeOp(0u, 0u, 0u, 0u);
  var live = i < arrayLength(&ops);
  if (live) {
    op = ops[i];
    live = (op.out_cap & PIECED) == 0u;
  }
  g_src_byte = op.src_byte;
  g_src_end = select(op.src_byte, op.src_byte + op.src_len, live);
  g_src_last_word = (g_src_end - 1u) >> 2u;   // only used when src_len > 0
  g_out_word = op.out_word;
  g_out_cap = op.out_cap;

  if (g_lane == 0u) {
    ps_p = op.src_byte;
    ps_pos = 0u;
    ps_status = ST_OK;
    ps_done = !live;
    ps_win_base = op.src_byte >> 2u;
    wg_base[g_sub] = ps_win_base;
    tail[2u * g_sub] = 0u;
    tail[2u * g_sub + 1u] = 0u;
  }
  stage_window(op.src_byte >> 2u);
  if (PIPE) { rounds_pipe(); } else { rounds(); }

  if (live && g_lane == 0u) {
    results[2u * i] = ps_pos;
    results[2u * i + 1u] = ps_status;
  }
}
