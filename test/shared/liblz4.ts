// liblz4's own safe decoder, LZ4_decompress_safe of the system's liblz4.so.1 (1.9.4 on Debian 12, which apt
// itself depends on), through python3's ctypes (no npm package wraps liblz4): the oracle for which LZ4
// blocks are valid. Node only.
import { spawnSync } from 'node:child_process';

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
  const input = JSON.stringify(cases.map((c) => [Buffer.from(c.src).toString('base64'), c.cap]));
  const r = spawnSync('python3', ['-c', PY], { input, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`python3 with liblz4.so.1 failed: ${r.stderr || r.error}`);
  return (JSON.parse(r.stdout) as [number, string][]).map(([n, b]) => ({ n, out: new Uint8Array(Buffer.from(b, 'base64')) }));
}
