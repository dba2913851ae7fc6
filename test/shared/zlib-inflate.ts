// zlib's own raw inflate (python3's zlib module, the system's zlib), fed one byte at a time so that what it
// decoded before an error is kept: the oracle for the bytes and the kind of error of a damaged Deflate
// stream (Node's zlib throws its partial output away). Node only.
import { base64, bytes, python } from './python.ts';

const PY = `
import base64, json, sys, zlib
res = []
for src in json.load(sys.stdin):
    s = base64.b64decode(src)
    d = zlib.decompressobj(-15)
    out = []
    err = ''
    for i in range(len(s)):
        try:
            out.append(d.decompress(s[i:i + 1]))
        except zlib.error as e:
            err = str(e).split(': ', 1)[-1]
            break
        if d.eof:
            break
    if not err and not d.eof:
        err = 'truncated'
    res.append([err, base64.b64encode(b''.join(out)).decode()])
json.dump(res, sys.stdout)
`;

/** Each stream as zlib's inflate reads it: its error message ('' when it ends well) and the bytes decoded before it. */
export function zlibInflate(srcs: Uint8Array[]): { error: string; out: Uint8Array }[] {
  const res = python<[string, string][]>("python3's zlib", PY, srcs.map(base64));
  return res.map(([error, b]) => ({ error, out: bytes(b) }));
}
