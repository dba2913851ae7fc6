// lz_ops.wgsl — the one-operation-per-workgroup mode of the LZ4 and Snappy decoders (appended after
// lz_words.wgsl): op i = workgroup_id.x + workgroup_id.y * num_workgroups.x decodes its whole stream.
// Its output is final as it is written, so no byte has a link. An op whose out_cap has the PIECED bit is
// left to the piece decoder (lz_pieces.wgsl): this dispatch writes nothing for it.

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
  let i = wid.x + wid.y * nwg.x;
  if (i >= arrayLength(&ops)) { return; }
  let op = ops[i];
  if ((op.out_cap & PIECED) != 0u) { return; }
  g_src_byte = op.src_byte;
  g_src_end = op.src_byte + op.src_len;
  g_src_last_word = (g_src_end - 1u) >> 2u;   // only used when src_len > 0
  g_out_word = op.out_word;
  g_out_cap = op.out_cap;

  if (lid == 0u) {
    ps_p = op.src_byte;
    ps_pos = 0u;
    ps_status = ST_OK;
    ps_done = false;
    ps_win_base = op.src_byte >> 2u;
    wg_base = ps_win_base;
    tail[0] = 0u;
    tail[1] = 0u;
  }
  stage_window(lid, op.src_byte >> 2u);
  rounds(lid);

  if (lid == 0u) {
    results[2u * i] = ps_pos;
    results[2u * i + 1u] = ps_status;
  }
}
