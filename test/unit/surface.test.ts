// The public surface is the CUDA API and webcu's documented extensions only: no internal helper leaks
// through src/index.ts.

import { expect, test } from 'vitest';
import * as cu from '../../src/index.ts';

test('every export is a cu* function, a cuda.h constant or a documented webcu constant', () => {
  const names = Object.keys(cu);
  const functions = names.filter((k) => typeof (cu as Record<string, unknown>)[k] === 'function');
  const values = names.filter((k) => !functions.includes(k));
  expect(functions.filter((k) => !/^cu[A-Z]\w+$/.test(k))).toEqual([]);
  expect(values.filter((k) => !/^(CUDA_SUCCESS|CUDA_ERROR_\w+|CU_\w+|WEBCU_DECOMPRESS_\w+|SIZE_MAX)$/.test(k))).toEqual([]);
  expect(values.filter((k) => typeof (cu as Record<string, unknown>)[k] !== 'number')).toEqual([]);
  for (const internal of ['errorName', 'errorString', 'PITCH_ALIGN', 'deviceFor', 'hostKind', 'WEBCU_CUDA_VERSION']) {
    expect(names).not.toContain(internal);
  }
  // The extensions the README documents are there.
  for (const ext of ['cuMemDecompressParseGzip', 'cuMemDecompressParseZlib', 'cuMemDecompressParseSnappy', 'CU_MEM_RANGE_HANDLE_TYPE_WEBGPU_BUFFER', 'SIZE_MAX', 'WEBCU_DECOMPRESS_OK']) {
    expect(names).toContain(ext);
  }
  // Wrapped functions keep their names and arities.
  expect([cu.cuMemAlloc.name, cu.cuMemAlloc.length, cu.cuMemcpyHtoDAsync.name, cu.cuMemcpyHtoDAsync.length]).toEqual(['cuMemAlloc', 1, 'cuMemcpyHtoDAsync', 4]);
});
