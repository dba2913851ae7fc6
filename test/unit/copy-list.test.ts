// The rule that lets small copies share one dispatch (src/core/transfer.ts joinsList): a copy joins
// only when running it concurrently with the list cannot change any byte.

import { describe, expect, test } from 'vitest';
import { CopyList, joinsList } from '../../src/core/transfer.ts';

// A list holding one copy: bytes [1000, 1100) → [5000, 5100) (destination chunks [4992, 5104)).
const list = (): CopyList => ({ src: null as never, dst: null as never, items: [], srcLo: 1000, srcHi: 1100, dstLo: 4992, dstHi: 5104 });

describe('joinsList', () => {
  test('a later, disjoint copy joins', () => {
    expect(joinsList(list(), 2000, 5104, 100)).toBe(true);
    expect(joinsList(list(), 0, 6000, 1000)).toBe(true);
  });
  test('a destination sharing the last 16-byte chunk does not', () => {
    expect(joinsList(list(), 2000, 5100, 10)).toBe(false);
    expect(joinsList(list(), 2000, 5103, 1)).toBe(false);
  });
  test('a destination before the list does not (chunks must rise)', () => {
    expect(joinsList(list(), 2000, 100, 10)).toBe(false);
  });
  test('reading what the list writes does not', () => {
    expect(joinsList(list(), 5050, 7000, 10)).toBe(false);
    expect(joinsList(list(), 4990, 7000, 4)).toBe(false);
    expect(joinsList(list(), 4990, 7000, 2)).toBe(true);
  });
  test('writing what the list reads does not', () => {
    const l = { ...list(), srcLo: 6000, srcHi: 6100 };
    expect(joinsList(l, 0, 6090, 10)).toBe(false);
    expect(joinsList(l, 0, 5995, 10)).toBe(false);
    expect(joinsList(l, 0, 5990, 4)).toBe(true);
    expect(joinsList(l, 0, 6100, 16)).toBe(true);
  });
});
