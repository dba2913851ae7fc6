// The benchmark sweeps patch the decoders' WGSL by whole lines (bench/sweep.ts patch()); a kernel edit that
// moves a patched line leaves its variant unable to run, found only on the GPU machine. Every variant of
// both sweeps must still apply to the shipped kernels.
import { describe, expect, it } from 'vitest';
import { ALGO, SWEEP } from '../../bench/corpus.ts';
import { KERNELS } from '../../bench/decompress.ts';
import { patch, SWEEP_VARIANTS } from '../../bench/sweep.ts';
import { PIECE_VARIANTS } from '../../bench/large-phases.ts';
import { PIECES_WGSL } from '../../src/core/shaders.ts';

describe('benchmark sweep variants', () => {
  const cases: [string, number, string, [string, string][]][] = [
    ...Object.entries(SWEEP).flatMap(([name, vs]) => vs.map(([label, edits]): [string, number, string, [string, string][]] => [`corpus ${name}`, ALGO[name], label, edits])),
    ...Object.entries(SWEEP_VARIANTS).flatMap(([algo, vs]) => vs.map(([label, edits]): [string, number, string, [string, string][]] => [`sweep ${algo}`, Number(algo), label, edits])),
  ];
  it('every variant patches lines the kernels still have', () => {
    expect(cases.length).toBeGreaterThan(40);
    for (const [sweep, algo, label, edits] of cases) {
      const code = KERNELS[algo];
      expect(code, `${sweep}: ${label}`).toBeTypeOf('string');
      const patched = patch(code, edits);
      if (edits.length) expect(patched, `${sweep}: ${label}`).not.toBe(code);
    }
  });
  it('every piece pipeline variant (bench/large-phases.ts) patches lines the piece decoders still have', () => {
    for (const code of Object.values(PIECES_WGSL))
      for (const [label, , , edits] of PIECE_VARIANTS) if (edits.length) expect(patch(code, edits), label).not.toBe(code);
  });
});
