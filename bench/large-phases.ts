// The passes of a large LZ4 or Snappy operation decoded in pieces (src/driver/decompress.ts encodePieces),
// timed on their own with raw WebGPU: walk, check, join (shaders/lz_scan.wgsl), piece decode, fixup and,
// for Snappy, the check for operations to decode again whole (shaders/lz_pieces.wgsl). Each row runs the passes up to and including one, `reps` times back to back
// (one submission each), so a pass costs the difference to the row before. The first run is checked:
// every op [size, OK]. pieceVariants runs the whole pipeline with other piece sizes and decoder widths.

import { LARGE_WORDS, LZ_PIECE, LZ_SEG, LZ_WREC, PIECES_WGSL, SCAN_WGSL } from '../src/core/shaders.ts';
import { patch } from './sweep.ts';
import { expectDecoded } from './decompress.ts';

// The piece decoder's link stores (lz_pieces.wgsl put_word) and loads (earlier), and ablations of each.
const linkStores = '  if (g_o0 != 0u) { links[g_out_word + w] = lk; }';
const linkLoads = '  if (g_o0 == 0u) { return Bytes(v, r, vec2<u32>(0u, 0u)); }';
const noLinkStores: [string, string] = [linkStores, linkStores.replace('g_o0 != 0u', 'g_o0 == 0xffffffffu')];
const noLinkLoads: [string, string] = [linkLoads, linkLoads.replace('g_o0 == 0u', 'true')];

/**
 * Variants of the piece pipeline: least output bytes per piece (0: shipped), the piece decoder's workgroup
 * size, line patches of lz_pieces.wgsl, and whether the links are cleared before each run (one clearBuffer,
 * timed with it). The ablations give wrong bytes with the right sizes and statuses.
 */
export const PIECE_VARIANTS: [string, number, number, [string, string][], boolean][] = [
  ['16 KiB pieces', 16 * 1024, 32, [], false],
  ['32 KiB pieces', 32 * 1024, 32, [], false],
  ['64 KiB pieces', 64 * 1024, 32, [], false],
  ['128 KiB pieces', 128 * 1024, 32, [], false],
  ['WG 64 (shipped piece size)', 0, 64, [], false],
  ['no link stores (ablation)', 0, 32, [noLinkStores], false],
  ['no link loads (ablation)', 0, 32, [noLinkLoads], false],
  ['no link stores or loads (ablation)', 0, 32, [noLinkStores, noLinkLoads], false],
  ['links cleared first, only nonzero ones stored', 0, 32, [[linkStores, linkStores.replace('g_o0 != 0u', 'g_o0 != 0u && (lk.x | lk.y) != 0u')]], true],
  ['links cleared first (shipped stores)', 0, 32, [], true],
];

/** The piece passes' formats (shaders.ts SCAN_WGSL, PIECES_WGSL). */
export type PieceFormat = 'lz4' | 'snappy';

export async function pieceVariants(device: GPUDevice, comp: Uint8Array[], size: number, count: number, reps: number, format: PieceFormat): Promise<{ name: string; ms: number }[]> {
  const rows: { name: string; ms: number }[] = [];
  for (const [name, sub, wg, edits, clearLinks] of PIECE_VARIANTS) {
    const pieces = patch(PIECES_WGSL[format], [['const WG: u32 = 32u;', `const WG: u32 = ${wg}u;`], ...edits]);
    const list = await piecePhases(device, comp, size, count, reps, format, SCAN_WGSL[format], pieces, sub || LZ_PIECE[format], true, clearLinks);
    rows.push({ name, ms: list[list.length - 1].ms });
  }
  return rows;
}

export async function piecePhases(device: GPUDevice, comp: Uint8Array[], size: number, count: number, reps: number, format: PieceFormat, scanWgsl = SCAN_WGSL[format], piecesWgsl = PIECES_WGSL[format], sub = LZ_PIECE[format], wholeOnly = false, clearLinks = false): Promise<{ name: string; ms: number }[]> {
  const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST;
  const offs: number[] = [];
  let total = 0;
  for (const c of comp) offs.push(total), (total += Math.ceil(c.length / 4) * 4);
  const buf = (size: number, extra = 0) => device.createBuffer({ size: Math.max(16, size), usage: usage | extra });
  const src = buf(total);
  comp.forEach((c, k) => {
    const padded = new Uint8Array(Math.ceil(c.length / 4) * 4);
    padded.set(c);
    device.queue.writeBuffer(src, offs[k], padded);
  });
  // LargeOp records as the library writes them (out_word: op i's output at i * size; no Deflate spill).
  const records = new Uint32Array(count * LARGE_WORDS);
  let segs = 0;
  let slots = 0;
  for (let i = 0; i < count; i++) {
    const c = comp[i % comp.length];
    const nseg = Math.max(1, Math.ceil(c.length / LZ_SEG));
    const nslots = Math.ceil(size / sub);
    records.set([offs[i % comp.length], c.length, (i * size) / 4, size, segs, nseg, slots, nslots, i, 0, 0], i * LARGE_WORDS);
    segs += nseg;
    slots += nslots;
  }
  const large = buf(records.byteLength);
  device.queue.writeBuffer(large, 0, records);
  const walks = buf(segs * LZ_WREC * 4);
  const pieces = buf(slots * 16);
  const presults = buf(slots * 8);
  const out = buf(count * size);
  const links = buf(count * size * 2);
  const results = buf(count * 8, GPUBufferUsage.COPY_SRC);
  // join cuts pieces of at least `sub` bytes (the override SUB, as Device.lzPiece sets it).
  const pipe = (code: string, entryPoint: string) =>
    device.createComputePipeline({ layout: 'auto', compute: { module: device.createShaderModule({ code }), entryPoint, constants: entryPoint === 'join' ? { SUB: sub } : {} } });
  const group = (p: GPUComputePipeline, entries: [number, GPUBuffer][]) =>
    device.createBindGroup({ layout: p.getBindGroupLayout(0), entries: entries.map(([binding, buffer]) => ({ binding, resource: { buffer } })) });
  const grid = (groups: number): [number, number] => {
    const x = Math.min(groups, 65535);
    return [x, Math.ceil(groups / x)];
  };
  const passes: { name: string; p: GPUComputePipeline; g: GPUBindGroup; groups: number }[] = [];
  const add = (name: string, code: string, entry: string, entries: [number, GPUBuffer][], groups: number) => {
    const p = pipe(code, entry);
    passes.push({ name, p, g: group(p, entries), groups });
  };
  add('walk', scanWgsl, 'walk', [[1, src], [6, large], [7, walks]], Math.ceil(segs / 64));
  add('check', scanWgsl, 'check', [[1, src], [6, large], [7, walks]], Math.ceil(segs / 64));
  add('join', scanWgsl, 'join', [[1, src], [5, pieces], [6, large], [7, walks]], Math.ceil(count / 64));
  const common: [number, GPUBuffer][] = [[2, out], [3, presults], [4, links], [5, pieces], [6, large]];
  add('piece decode', piecesWgsl, 'main', [[1, src], ...common], slots);
  add('fixup', piecesWgsl, 'fixup', [...common, [7, results]], slots);
  if (format === 'snappy') add('whole', piecesWgsl, 'whole', [[1, src], ...common, [7, results]], count);
  const run = (upTo: number) => {
    const e = device.createCommandEncoder();
    if (clearLinks) e.clearBuffer(links);
    const pass = e.beginComputePass();
    for (const q of passes.slice(0, upTo + 1)) {
      pass.setPipeline(q.p);
      pass.setBindGroup(0, q.g);
      pass.dispatchWorkgroups(...grid(q.groups));
    }
    pass.end();
    device.queue.submit([e.finish()]);
  };
  run(passes.length - 1);
  await expectDecoded(device, results, count, size, 'pieces');
  const rows: { name: string; ms: number }[] = [];
  for (let k = wholeOnly ? passes.length - 1 : 0; k < passes.length; k++) {
    run(k);
    await device.queue.onSubmittedWorkDone();
    const t = performance.now();
    for (let r = 0; r < reps; r++) run(k);
    await device.queue.onSubmittedWorkDone();
    rows.push({ name: passes[k].name, ms: (performance.now() - t) / reps });
  }
  for (const b of [src, large, walks, pieces, presults, out, links, results]) b.destroy();
  return rows;
}
