// decompress_commit.wgsl — moves decoded bytes from the decoders' scratch output to their destinations.
//
// commit: one workgroup per operation i (i = workgroup_id.x + workgroup_id.y * num_workgroups.x):
//   dst bytes [dst_byte, dst_byte + n) = out bytes [4 * out_word, 4 * out_word + n), n = results[2 * result],
//   for the words that lie wholly inside that range (plain stores).
// commit_edges: one invocation per operation: the partial words at either end of the same range. Destinations
//   may start at any byte and sit next to other operations' destinations in one buffer, so those words are
//   merged with atomicAnd/atomicOr (only this op's bits change). A separate entry point, because the plain
//   stores of `commit` need a non-atomic view of the destination.
// put: one invocation per entry: the u32 results[value] is stored little-endian at dst byte dst_byte
//   (any alignment; dstActBytes and the status extension), with the same masked atomics.
// Reads of `out` are clamped to the binding.
// Limits: byte offsets are u32 inside the bound windows.

struct CommitOp {
  out_word: u32,
  dst_byte: u32,
  result: u32,
  pad: u32,
}

struct Put {
  value: u32,
  dst_byte: u32,
}

@group(0) @binding(0) var<storage, read> commits: array<CommitOp>;
@group(0) @binding(1) var<storage, read> results: array<u32>;
@group(0) @binding(2) var<storage, read> out: array<u32>;
@group(0) @binding(3) var<storage, read_write> dst: array<atomic<u32>>;

fn out_word_at(i: i32) -> u32 {
  return out[clamp(i, 0, i32(arrayLength(&out)) - 1)];
}

// Writes the bits of `v` selected by `m` into dst word w, leaving the other bits alone.
fn merge(w: u32, v: u32, m: u32) {
  if (m == 0xffffffffu) {
    atomicStore(&dst[w], v);
  } else if (m != 0u) {
    atomicAnd(&dst[w], ~m);
    atomicOr(&dst[w], v & m);
  }
}

// Word w of the destination as op c writes it: .x the value, .y the mask of the bytes that are its own.
fn word_of(c: CommitOp, n: u32, w: u32) -> vec2<u32> {
  // Source byte of the word's first byte (negative for the bytes before dst_byte, which are masked).
  let sb = i32(c.out_word * 4u) + i32(w * 4u) - i32(c.dst_byte);
  let sw = sb >> 2u;
  let sh = u32(sb & 3) * 8u;
  let a = out_word_at(sw);
  let b = out_word_at(sw + 1);
  let v = select((a >> sh) | (b << (32u - sh)), a, sh == 0u);
  let end = c.dst_byte + n;
  let lo = max(c.dst_byte, w * 4u) - w * 4u;
  let hi = min(end, w * 4u + 4u) - w * 4u;
  let m = select((1u << (8u * hi)) - 1u, 0xffffffffu, hi == 4u) & ~((1u << (8u * lo)) - 1u);
  return vec2<u32>(v, m);
}

@group(0) @binding(5) var<storage, read_write> dst_words: array<u32>;

@compute @workgroup_size(256)
fn commit(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
          @builtin(local_invocation_index) lid: u32) {
  let i = wid.x + wid.y * nwg.x;
  if (i >= arrayLength(&commits)) { return; }
  let c = commits[i];
  let n = results[2u * c.result];
  let first = (c.dst_byte + 3u) >> 2u;
  let end = (c.dst_byte + n) >> 2u;
  for (var w = first + lid; w < end; w += 256u) {
    dst_words[w] = word_of(c, n, w).x;
  }
}

@compute @workgroup_size(64)
fn commit_edges(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * nwg.x * 64u;
  if (i >= arrayLength(&commits)) { return; }
  let c = commits[i];
  let n = results[2u * c.result];
  if (n == 0u) { return; }
  let end = c.dst_byte + n;
  let first = c.dst_byte >> 2u;
  let last = (end - 1u) >> 2u;
  if ((c.dst_byte & 3u) != 0u || (first == last && (end & 3u) != 0u)) {
    let x = word_of(c, n, first);
    merge(first, x.x, x.y);
  }
  if (last != first && (end & 3u) != 0u) {
    let x = word_of(c, n, last);
    merge(last, x.x, x.y);
  }
}

@group(0) @binding(4) var<storage, read> puts: array<Put>;

@compute @workgroup_size(64)
fn put(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * nwg.x * 64u;
  if (i >= arrayLength(&puts)) { return; }
  let p = puts[i];
  let v = results[p.value];
  let w = p.dst_byte >> 2u;
  let sh = (p.dst_byte & 3u) * 8u;
  if (sh == 0u) {
    atomicStore(&dst[w], v);
    return;
  }
  merge(w, v << sh, 0xffffffffu << sh);
  merge(w + 1u, v >> (32u - sh), (1u << sh) - 1u);
}
