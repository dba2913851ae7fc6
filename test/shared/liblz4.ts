// liblz4's own safe decoder, LZ4_decompress_safe of the system's liblz4.so.1 (1.9.4 on Debian 12, which apt
// itself depends on), through python3's ctypes (no npm package wraps liblz4): the oracle for which LZ4
// blocks are valid. Node only.
import { base64, bytes, python } from './python.ts';

const PY = `
import base64, ctypes, json, sys
lib = ctypes.CDLL('liblz4.so.1')
res = []
for src, cap in json.load(sys.stdin):
    s = base64.b64decode(src)
    dst = ctypes.create_string_buffer(max(cap, 1))
    n = lib.LZ4_decompress_safe(s, dst, len(s), cap)
    res.append([n, base64.b64encode(dst.raw[:max(n, 0)]).decode()])
json.dump(res, sys.stdout)
`;

/** LZ4_decompress_safe(src, dst, src.length, cap) of each case: the bytes it returns (n < 0: an error) and writes. */
export function liblz4Decode(cases: { src: Uint8Array; cap: number }[]): { n: number; out: Uint8Array }[] {
  const res = python<[number, string][]>('python3 with liblz4.so.1', PY, cases.map((c) => [base64(c.src), c.cap]));
  return res.map(([n, b]) => ({ n, out: bytes(b) }));
}
